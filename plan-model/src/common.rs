//! Building blocks shared by every kind of plan: checklist items, labelled bullets, code
//! blocks, file references, risks, tables' typed rows and verbatim extras.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use typed_builder::TypedBuilder;

use crate::markdown::{checkbox_marker, track_fence};
use crate::value::{Level, TypedOrRaw};

/// Free prose: inline or block markdown exactly as it is written in the plan.
///
/// A placeholder such as `[Brief Description]` is prose too: the templates are plans whose
/// values are placeholders.
pub type Markdown = String;

/// Key/value pairs that a metadata block or attribute table has beyond the keys its
/// template names (`Complexity`, `Feature ID`, `Spec`, ...), in the order they were written.
pub type Metadata = IndexMap<String, Markdown>;

/// Heading lines as an author wrote them where they are not the template's (`### Unit
/// Tests:` for `### Unit Tests`, `## 1. Overview` for `## Overview`), keyed by the part of
/// the plan each opens. Rendering writes such a line in place of the template's, so what
/// the author wrote comes back; an absent key means the template's heading.
pub type Headings = IndexMap<String, String>;

/// Content that the template has no slot for, kept byte for byte where it was found.
///
/// Sections that authors extend in practice end with a list of these, so an extra
/// paragraph, table or sub-section survives a round trip through JSON. Its content is
/// read in [blocks](crate::generic::Block), as a [`KeptSection`]'s is: tasks, list items,
/// `**Key**: value` lines and pipe tables are typed where they write back exactly, and
/// everything else (headings, paragraphs, code) stays markdown as written.
///
/// ```
/// use plan_model::Verbatim;
/// use plan_model::generic::Block;
/// let kept = Verbatim::new("### Notes\n\nSee the design.\n");
/// assert!(matches!(&kept.blocks[..], [Block::Markdown { .. }]));
/// assert_eq!(kept.leading_markdown(), Some("### Notes\n\nSee the design.\n"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Verbatim {
    /// Its content in source order; written one after the other they give the markdown
    /// exactly as written, line endings included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(setter(into))]
    pub blocks: Vec<crate::generic::Block>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl Verbatim {
    /// `markdown` kept as one untyped block, not read from a source (its span is none).
    pub fn new(markdown: impl Into<String>) -> Self {
        Self {
            blocks: vec![crate::generic::Block::Markdown {
                markdown: markdown.into(),
            }],
            span: crate::Span::NONE,
        }
    }

    /// The markdown of its first block when that block is kept as written, not typed:
    /// where it opens with a heading, say (headings are never typed blocks).
    pub fn leading_markdown(&self) -> Option<&str> {
        match self.blocks.first() {
            Some(crate::generic::Block::Markdown { markdown }) => Some(markdown),
            _ => None,
        }
    }

    /// The ticked state of each checkbox item in it, in order ([`checkboxes_in`]).
    ///
    /// ```
    /// use plan_model::Verbatim;
    /// let kept = Verbatim::new("## Extra\n- [x] a\n```\n- [ ] code\n```\n3. [ ] b\n");
    /// assert_eq!(kept.checkboxes().collect::<Vec<_>>(), [true, false]);
    /// ```
    pub fn checkboxes(&self) -> impl Iterator<Item = bool> + '_ {
        checkboxes_in(&self.blocks)
    }
}

/// The ticked state of each checkbox item in `blocks`, in order: their tasks, and in their
/// markdown the lines that open (after any `>` marks) with a bullet or a number,
/// whitespace and `[ ]`, `[x]` or `[X]`, outside fenced code. Progress counts these too,
/// so content kept as written still reports its tasks.
pub fn checkboxes_in(blocks: &[crate::generic::Block]) -> impl Iterator<Item = bool> + '_ {
    use crate::generic::Block;
    blocks
        .iter()
        .flat_map(|block| -> Box<dyn Iterator<Item = bool> + '_> {
            match block {
                Block::Task(task) => Box::new(std::iter::once(task.checked)),
                Block::Markdown { markdown } => Box::new(checkboxes_of(markdown)),
                _ => Box::new(std::iter::empty()),
            }
        })
}

/// The ticked state of each checkbox item of `markdown` outside fenced code, in order.
fn checkboxes_of(markdown: &str) -> impl Iterator<Item = bool> + '_ {
    let mut fence = None;
    markdown.lines().filter_map(move |line| {
        if track_fence(&mut fence, line) || fence.is_some() {
            return None;
        }
        checkbox_marker(line).map(|(_, checked)| checked)
    })
}

/// The pattern of a kept section's title, as written after its `##`: one line that holds
/// a character other than a space, a tab or `#`. Its schema's `title` and `heading` share it.
macro_rules! kept_title {
    () => {
        r"[^\r\n\u0000]*[^ \t\r\n#\u0000][^\r\n\u0000]*"
    };
}

/// A top-level section that no reader of the template takes (a section the template does
/// not name, or one whose content is not in the template's form), with where it stood
/// among the template's sections.
///
/// It is read as a [`generic`](crate::generic) plan reads any markdown: its `##` heading
/// and each heading under it open a section, and their content is typed where it writes
/// back exactly (tasks, list items, `**Key**: value` lines, pipe tables) and kept as
/// written elsewhere. It renders back byte for byte.
///
/// ```
/// use plan_model::KeptSection;
/// use plan_model::generic::{Block, Task};
/// let kept = KeptSection {
///     before: Some("references".into()),
///     blocks: vec![Block::Task(Task::builder().text("a term").checked(true).build())],
///     ..KeptSection::last("Glossary")
/// };
/// assert_eq!(kept.checkboxes().collect::<Vec<_>>(), [true]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependentRequired" = {"heading": ["title"], "sections": ["title"]}))]
#[cfg_attr(
    feature = "proptest",
    proptest(
        filter = "|kept| kept.title.is_some() || (kept.heading.is_none() && kept.sections.is_empty())"
    )
)]
pub struct KeptSection {
    /// The text of its `##` heading; absent when it opens with no such heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    #[schemars(regex(pattern = concat!("^", kept_title!(), "$")))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "proptest::option::of(\"[a-z][^\\r\\n\\u{0}]{0,12}\")")
    )]
    pub title: Option<String>,
    /// Its `##` heading line exactly as written (marks and line ending included) when it
    /// is not `## title` and a newline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    #[schemars(regex(pattern = concat!("^## ", kept_title!(), r"\r?\n$")))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::kept_heading()")
    )]
    pub heading: Option<Markdown>,
    /// Its content up to its first sub-heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub blocks: Vec<crate::generic::Block>,
    /// The sections under its `##` heading (`###` to `######`; a `#` or `##` heading
    /// would open a top-level section of its own), in source order. Only with a `title`:
    /// a section that opens with no such heading keeps its sub-headings in `blocks`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "proptest::collection::vec(crate::arbitrary::sub_section(), 0..3)")
    )]
    #[builder(default)]
    pub sections: Vec<crate::generic::Section>,
    /// The template's section that came next in the source: its key as `headings` names
    /// it (`overview`, `phases`, `references`, ...; for `atomic` one of `next_step`,
    /// `further_details`, `usage_notes`; for `poc` the section's title, `Architecture`).
    /// Rendering writes the kept section just before that one. Absent when none came next, or when the section must
    /// come last (an HTML comment or a code fence it leaves open would take in what
    /// follows): rendering writes it after the template's sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    // Generated plans keep their sections last: a place names a section the plan renders.
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub before: Option<String>,
    /// For a top-level section the template does not name (kept, or a plan's
    /// `list_sections`, `checklist_sections` or `group_sections`): its place, from 0,
    /// among such sections with the same `before`, in source order, when by their
    /// `before` alone they would not come back in that order. (Rendering writes the kept
    /// ones placed before a template section first, then the lists, checklists and group
    /// sections; after the last template section, the typed ones first.) Absent
    /// otherwise; rendering writes those with a position first, by position.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    #[builder(default, setter(strip_option))]
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub position: Option<u32>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl KeptSection {
    /// A kept section titled `title`, with nothing in it yet, written after the template's
    /// sections.
    pub fn last(title: impl Into<String>) -> Self {
        Self {
            title: Some(title.into()),
            heading: None,
            blocks: Vec::new(),
            sections: Vec::new(),
            before: None,
            span: crate::Span::NONE,
            position: None,
        }
    }

    /// Its blocks and those of the sections under it, in order.
    pub fn all_blocks(&self) -> impl Iterator<Item = &crate::generic::Block> {
        self.blocks
            .iter()
            .chain(self.sections.iter().flat_map(|section| &section.blocks))
    }

    /// The ticked state of each checkbox item in the section, in order
    /// ([`checkboxes_in`]).
    pub fn checkboxes(&self) -> impl Iterator<Item = bool> + '_ {
        std::iter::once(&self.blocks[..])
            .chain(self.sections.iter().map(|section| &section.blocks[..]))
            .flat_map(checkboxes_in)
    }
}

/// A checkbox list item.
///
/// ```markdown
/// - [ ] All tests pass (`npm test`)
/// - [x] **Happy path**: Steps to verify main use case
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ChecklistItem {
    /// Whether the box is ticked (`[x]` or `[X]`).
    pub checked: bool,
    /// A status mark written in place of the box (`🚨` of `- [🚨] text`, `⏸️`, `-`): the
    /// item is then no checkbox, not ticked and not counted by progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// The bold label that opens the item, without its asterisks or colon (`Happy path`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The item's text after the checkbox (and after the label, when there is one).
    pub text: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl ChecklistItem {
    /// An unticked item with `text`.
    pub fn unchecked(text: impl Into<Markdown>) -> Self {
        Self {
            checked: false,
            marker: None,
            label: None,
            text: text.into(),
            span: crate::Span::NONE,
        }
    }

    /// A ticked item with `text`.
    pub fn checked(text: impl Into<Markdown>) -> Self {
        Self {
            checked: true,
            ..Self::unchecked(text)
        }
    }
}

/// A bullet or numbered item that opens with a bold label.
///
/// ```markdown
/// - **Technical**: Database limits, API constraints
/// 1. **OOP Design**: Use classes with single responsibility
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(setter(into)))]
pub struct LabeledItem {
    /// The bold label, without its asterisks or colon.
    pub label: String,
    /// The text after the label.
    #[builder(default)]
    pub text: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl LabeledItem {
    /// An item `**label**: text`.
    pub fn new(label: impl Into<String>, text: impl Into<Markdown>) -> Self {
        Self {
            label: label.into(),
            text: text.into(),
            span: crate::Span::NONE,
        }
    }
}

/// A bullet or numbered list item that may open with a bold label.
///
/// ```markdown
/// - **Error handling**: Retries with backoff
/// - Plain requirement without a label
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ListItem {
    /// The bold label that opens the item, without its asterisks or colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The item's text (after the label and its colon, when there is one).
    #[builder(!default)]
    pub text: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl ListItem {
    /// An item without a label.
    pub fn plain(text: impl Into<Markdown>) -> Self {
        Self {
            label: None,
            text: text.into(),
            span: crate::Span::NONE,
        }
    }

    /// An item with a bold label.
    pub fn labeled(label: impl Into<String>, text: impl Into<Markdown>) -> Self {
        Self {
            label: Some(label.into()),
            text: text.into(),
            span: crate::Span::NONE,
        }
    }
}

/// A fenced code block.
///
/// ````markdown
/// ```bash
/// cd [directory] && uv sync
/// ```
/// ````
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct CodeBlock {
    /// The info string after the opening fence (`bash`, `python`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The code between the fences, each line ending in a newline.
    pub code: String,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl CodeBlock {
    /// A code block in `language` holding `code`.
    pub fn new(language: impl Into<String>, code: impl Into<String>) -> Self {
        let language: String = language.into();
        Self {
            language: (!language.is_empty()).then_some(language),
            code: code.into(),
            span: crate::Span::NONE,
        }
    }
}

/// A reference to a file, with an optional line range: `src/lib.rs:123-145`.
///
/// ```
/// use plan_model::FileRef;
/// let file: FileRef = "/path/to/file.ext:123-145".parse()?;
/// assert_eq!(file.path, "/path/to/file.ext");
/// assert_eq!(file.lines.map(|lines| (lines.start, lines.end)), Some((123, Some(145))));
/// assert_eq!(file.to_string(), "/path/to/file.ext:123-145");
/// # Ok::<(), std::convert::Infallible>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct FileRef {
    /// The path as written (`/path/to/file.ext`, `[file/path]`).
    #[builder(!default)]
    pub path: String,
    /// The line or lines referred to, when the reference names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<LineRange>,
}

impl FileRef {
    /// A reference to the whole file at `path`.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            lines: None,
        }
    }
}

impl FromStr for FileRef {
    type Err = std::convert::Infallible;

    /// Splits a trailing `:N` or `:N-M` off as the line range; any other text is the path.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some((path, range)) = text.rsplit_once(':')
            && !path.is_empty()
            && let Some(lines) = LineRange::parse(range)
        {
            return Ok(Self {
                path: path.to_owned(),
                lines: Some(lines),
            });
        }
        Ok(Self::new(text))
    }
}

impl fmt::Display for FileRef {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.path)?;
        if let Some(lines) = &self.lines {
            write!(formatter, ":{lines}")?;
        }
        Ok(())
    }
}

/// A line (`123`) or an inclusive range of lines (`123-145`) in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct LineRange {
    /// The first line, counted from 1.
    #[serde(deserialize_with = "crate::integer::deserialize")]
    pub start: u32,
    /// The last line, when the reference is a range.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    #[builder(default, setter(strip_option))]
    pub end: Option<u32>,
}

impl LineRange {
    /// Reads `123` or `123-145`; `None` for anything else, including a number with a
    /// leading zero (`061`), which would not be written back as it was.
    pub fn parse(text: &str) -> Option<Self> {
        let digits = |part: &str| {
            (!part.is_empty()
                && part.bytes().all(|byte| byte.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0')))
            .then(|| part.parse::<u32>().ok())
            .flatten()
        };
        match text.split_once('-') {
            Some((start, end)) => Some(Self {
                start: digits(start)?,
                end: Some(digits(end)?),
            }),
            None => Some(Self {
                start: digits(text)?,
                end: None,
            }),
        }
    }
}

impl fmt::Display for LineRange {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(end) => write!(formatter, "{}-{end}", self.start),
            None => write!(formatter, "{}", self.start),
        }
    }
}

/// A risk and how it is handled, whether written as a table row or as bold lines.
///
/// ```markdown
/// | Risk | Impact | Probability | Mitigation | Contingency |
/// |------|--------|-------------|------------|-------------|
/// | [Risk 1] | High | Low | [Prevention steps] | [If it happens] |
///
/// - **Risk**: [Potential issue] → **Mitigation**: [How we'll handle it]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Risk {
    /// What could go wrong.
    #[builder(!default)]
    pub risk: Markdown,
    /// How bad it would be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<TypedOrRaw<Level>>,
    /// How likely it is (a table's `Probability` or `Likelihood` column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<TypedOrRaw<Level>>,
    /// What is done to prevent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<Markdown>,
    /// What is done if it happens anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contingency: Option<Markdown>,
    /// Columns or labels beyond the ones above, in source order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub other: Metadata,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A named group of checklist items under its own heading.
///
/// ```markdown
/// ### Code Quality
/// - [ ] All code follows style guide
/// - [ ] No linting errors
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct ChecklistGroup {
    /// The group's heading (`Code Quality`).
    #[builder(!default)]
    pub name: String,
    /// The group's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ChecklistItem>,
    /// For a top-level section (a plan's `list_sections`, `checklist_sections` or
    /// `group_sections`): the template's section that came next in the source, as
    /// [`KeptSection::before`] names it, where rendering writes this one. Absent when none
    /// came next, and for a group inside a section: rendering writes it after the
    /// template's sections (a top-level one), or where its section puts its groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    // Generated plans keep their sections last: a place names a section the plan renders.
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub before: Option<String>,
    /// For a top-level section the template does not name (kept, or a plan's
    /// `list_sections`, `checklist_sections` or `group_sections`): its place, from 0,
    /// among such sections with the same `before`, in source order, when by their
    /// `before` alone they would not come back in that order. (Rendering writes the kept
    /// ones placed before a template section first, then the lists, checklists and group
    /// sections; after the last template section, the typed ones first.) Absent
    /// otherwise; rendering writes those with a position first, by position.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    #[builder(default, setter(strip_option))]
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub position: Option<u32>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A group of plain bullets under its own heading.
///
/// ```markdown
/// ### What Worked Well
/// - [Success 1]
/// - [Success 2]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct BulletGroup {
    /// The group's heading.
    #[builder(!default)]
    pub name: String,
    /// Prose before the list (`The layer provides:`), when there is some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// The group's bullets (each item's text after its `- ` or `N. `, continuation lines
    /// included as written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Markdown>,
    /// Whether the items are numbered `1.`, `2.`, … rather than bulleted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// The number of the first item of a numbered list, when it is not 1 (numbering
    /// that goes on from a list before).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    pub start: Option<u32>,
    /// Lists under bold labels after the items (`**Security Hardening:**` then its
    /// bullets), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<LabeledList>,
    /// For a top-level section (a plan's `list_sections`, `checklist_sections` or
    /// `group_sections`): the template's section that came next in the source, as
    /// [`KeptSection::before`] names it, where rendering writes this one. Absent when none
    /// came next, and for a group inside a section: rendering writes it after the
    /// template's sections (a top-level one), or where its section puts its groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    // Generated plans keep their sections last: a place names a section the plan renders.
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub before: Option<String>,
    /// For a top-level section the template does not name (kept, or a plan's
    /// `list_sections`, `checklist_sections` or `group_sections`): its place, from 0,
    /// among such sections with the same `before`, in source order, when by their
    /// `before` alone they would not come back in that order. (Rendering writes the kept
    /// ones placed before a template section first, then the lists, checklists and group
    /// sections; after the last template section, the typed ones first.) Absent
    /// otherwise; rendering writes those with a position first, by position.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    #[builder(default, setter(strip_option))]
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub position: Option<u32>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A top-level section the template does not name whose `###` sub-sections are lists or
/// checklists, all or some (`## Implementation Order` over `### Week 1` checklists).
///
/// ```markdown
/// ## Implementation Order
///
/// ### Week 1: Foundation
/// - [ ] Step 1: Project setup
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct GroupSection {
    /// The section's heading text.
    #[builder(!default)]
    pub name: String,
    /// Prose before the first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(setter(strip_option))]
    pub intro: Option<Markdown>,
    /// The sub-sections that are lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// The sub-sections that are checklists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// The sub-sections that are neither (a code block, prose), kept verbatim after the
    /// others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// For a top-level section (a plan's `list_sections`, `checklist_sections` or
    /// `group_sections`): the template's section that came next in the source, as
    /// [`KeptSection::before`] names it, where rendering writes this one. Absent when none
    /// came next, and for a group inside a section: rendering writes it after the
    /// template's sections (a top-level one), or where its section puts its groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    // Generated plans keep their sections last: a place names a section the plan renders.
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub before: Option<String>,
    /// For a top-level section the template does not name (kept, or a plan's
    /// `list_sections`, `checklist_sections` or `group_sections`): its place, from 0,
    /// among such sections with the same `before`, in source order, when by their
    /// `before` alone they would not come back in that order. (Rendering writes the kept
    /// ones placed before a template section first, then the lists, checklists and group
    /// sections; after the last template section, the typed ones first.) Absent
    /// otherwise; rendering writes those with a position first, by position.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    #[builder(default, setter(strip_option))]
    #[cfg_attr(feature = "proptest", proptest(value = "None"))]
    pub position: Option<u32>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A list under a bold label line of its own, inside a group.
///
/// ```markdown
/// **Performance Optimization:**
/// 5. Authorization cache service
/// 6. Response compression middleware
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct LabeledList {
    /// The label, without its asterisks and colon.
    #[builder(!default)]
    pub label: String,
    /// Whether the colon follows the bold (`**Label**:`) rather than ends it
    /// (`**Label:**`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub colon_outside: bool,
    /// Whether the items are numbered rather than bulleted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// The number of the first item of a numbered list, when it is not 1 (numbering
    /// that goes on from the list before).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integer::option"
    )]
    pub start: Option<u32>,
    /// The items' text after their `- ` or `N. `, continuation lines included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// The version of the JSON shape a plan was written with. Always `1` for this release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(into = "u32")]
#[schemars(with = "SchemaVersionRepr")]
pub struct SchemaVersion(
    #[cfg_attr(feature = "proptest", proptest(value = "SchemaVersion::CURRENT.0"))] u32,
);

/// The JSON Schema of [`SchemaVersion`]: the constant `1`.
#[derive(JsonSchema)]
#[schemars(transform = schema_version_const)]
#[allow(dead_code)]
struct SchemaVersionRepr(u32);

fn schema_version_const(schema: &mut schemars::Schema) {
    schema.insert("const".into(), SchemaVersion::CURRENT.0.into());
    schema.insert(
        "description".into(),
        "The version of the plankit JSON shape the plan was written with.".into(),
    );
}

impl SchemaVersion {
    /// The version this release reads and writes.
    pub const CURRENT: SchemaVersion = SchemaVersion(1);

    /// The version number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for SchemaVersion {
    fn default() -> Self {
        Self::CURRENT
    }
}

impl TryFrom<u32> for SchemaVersion {
    type Error = String;

    fn try_from(version: u32) -> Result<Self, Self::Error> {
        if version == Self::CURRENT.0 {
            Ok(Self(version))
        } else {
            Err(format!(
                "expected schema_version {}, found {version}",
                Self::CURRENT.0
            ))
        }
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version: u32 = crate::integer::deserialize(deserializer)?;
        Self::try_from(version).map_err(serde::de::Error::custom)
    }
}

impl From<SchemaVersion> for u32 {
    fn from(version: SchemaVersion) -> u32 {
        version.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_refs_split_line_ranges_only_when_they_are_numbers() {
        let cases = [
            ("src/lib.rs:12", "src/lib.rs", Some((12, None))),
            ("/a/b.ext:123-145", "/a/b.ext", Some((123, Some(145)))),
            ("C:/dir/file", "C:/dir/file", None),
            ("[file/path]", "[file/path]", None),
            (":12", ":12", None),
            ("a.rs:12-", "a.rs:12-", None),
            ("a.rs:061-456", "a.rs:061-456", None),
            ("a.rs:0", "a.rs", Some((0, None))),
        ];
        for (text, path, lines) in cases {
            let Ok(file) = text.parse::<FileRef>();
            assert_eq!(file.path, path, "{text}");
            assert_eq!(file.lines.map(|range| (range.start, range.end)), lines);
            assert_eq!(file.to_string(), text);
        }
    }

    #[test]
    fn schema_version_other_than_current_is_refused() {
        let error = serde_json::from_str::<SchemaVersion>("2").expect_err("only 1 is known");
        assert_eq!(error.to_string(), "expected schema_version 1, found 2");
    }
}
