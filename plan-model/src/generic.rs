//! The `generic` kind: a plan that follows no template (spec-kit or Kiro `tasks.md`,
//! free-form plans with phases and checkboxes). It keeps the title, the flat list of
//! sections in source order, and every checkbox item as a typed task under its section,
//! so that progress and editing work on any plan. Everything else is kept verbatim.
//!
//! ```markdown
//! # Tasks: Search
//!
//! ## Phase 3.1: Setup
//! - [x] T001 Create project structure
//! - [ ] T002 [P] Configure linting
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use typed_builder::TypedBuilder;

use crate::common::{Markdown, SchemaVersion};
use crate::view::{Outline, PhaseView, TaskView};

/// The schema pattern of the text on one line of a block: no NUL, and no `\r` at its end,
/// which would end the line on its own before a `\r\n` (P004).
const LINE_TEXT: &str = r"^([^\u0000]*[^\r\u0000])?$";

/// The schema pattern of a block's `line_end`: `\r\n`, or empty at the end of a file.
const LINE_END: &str = r"^(\r\n)?$";

/// A plan of the `generic` kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct GenericPlan {
    /// The version of the JSON shape.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The text of the plan's first top-level heading; empty when it has none.
    #[builder(!default)]
    pub title: String,
    /// The sections in source order: the part before the first heading (level 0), then one
    /// per heading, nested sections following their parent with a deeper level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// One heading and the content up to the next heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GenericSection")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Section {
    /// The heading level (1 for `#` to 6 for `######`); 0 for the content before the first
    /// heading, which has no heading line.
    #[builder(!default)]
    #[serde(deserialize_with = "crate::integer::deserialize")]
    #[schemars(range(max = 6))]
    #[cfg_attr(feature = "proptest", proptest(strategy = "0u8..=6"))]
    pub level: u8,
    /// The heading's text, without its `#` marks.
    #[serde(default)]
    pub title: String,
    /// The heading line exactly as written (with its marks and line ending), when it is not
    /// simply `#… title` followed by a newline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Markdown>,
    /// The section's content up to the next heading, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A piece of a section: a checkbox task, a list item, a bold `Key: value` line, a pipe
/// table, or markdown kept exactly as written.
///
/// Each typed piece is read only where it writes back exactly as it was written, so a
/// section's blocks render back to its source byte for byte. What no piece takes
/// (paragraphs, code, quotes, an item's continuation lines) stays markdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A checkbox list item's line.
    Task(Task),
    /// A list item's first line, bulleted or numbered, that is not a checkbox.
    Item(Item),
    /// A bold label and its value on a line of their own: `**Owner**: Ana`.
    Field(Field),
    /// A pipe table: its header, its delimiter row and its rows, split into cells.
    Table(Table),
    /// Markdown kept exactly as written, line endings included.
    Markdown {
        /// The text.
        markdown: Markdown,
    },
}

/// A list item's first line: `- Build the index`, `  2. Wire it up`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GenericItem")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Item {
    /// The text after the bullet or number and its space; it does not end in a `\r`.
    #[builder(!default)]
    #[schemars(regex(pattern = LINE_TEXT))]
    pub text: Markdown,
    /// What precedes the text on the line (indent, bullet or number, one to four spaces),
    /// when it is not `- `.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^ *([-*+]|[0-9]{1,9}[.)]) {1,4}$"))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::item_prefix()")
    )]
    pub prefix: Option<String>,
    /// The line ending when it is not `\n` (`\r\n`, or empty at the end of a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = LINE_END))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::line_end()")
    )]
    pub line_end: Option<String>,
}

/// A bold label and its value: `**Owner**: Ana` or `**Owner:** Ana`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GenericField")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Field {
    /// The label, without its asterisks and colon.
    #[builder(!default)]
    pub key: String,
    /// The rest of the line after the label, its colon and a space; empty when the line
    /// ends with the label. It does not end in a `\r`.
    #[schemars(regex(pattern = LINE_TEXT))]
    pub value: Markdown,
    /// Whether the colon follows the bold (`**Owner**:`) rather than ends it
    /// (`**Owner:**`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub colon_outside: bool,
    /// The line ending when it is not `\n` (`\r\n`, or empty at the end of a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = LINE_END))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::line_end()")
    )]
    pub line_end: Option<String>,
}

/// A pipe table whose rows are written `| a | b |`: one space each side of each cell.
///
/// ```markdown
/// | Risk | Mitigation |
/// |------|------------|
/// | Slow index | Cache it |
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GenericTable")]
#[builder(field_defaults(default, setter(into)))]
pub struct Table {
    /// The header row's cells, trimmed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Markdown>,
    /// The delimiter row as written, without its line ending (`|------|:---:|`): it sets
    /// each column's alignment.
    #[builder(!default)]
    #[schemars(regex(pattern = r"^\|( *:?-+:? *\|)+$"))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::table_delimiter()")
    )]
    pub delimiter: String,
    /// The body rows' cells, trimmed, row by row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<Markdown>>,
    /// The line ending of each of its lines when it is not `\n` (`\r\n`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(setter(strip_option))]
    #[schemars(regex(pattern = r"^\r\n$"))]
    #[cfg_attr(
        feature = "proptest",
        proptest(
            strategy = "proptest::option::of(proptest::strategy::Just(\"\\r\\n\".to_owned()))"
        )
    )]
    pub line_end: Option<String>,
}

/// A checkbox item: `- [x] T001 Create project structure`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GenericTask")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Task {
    /// Whether the box is ticked.
    pub checked: bool,
    /// The task's own id when its text starts with one (`T001`, `1.2`, `Task 3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The text after the checkbox, on the item's first line; it does not end in a `\r`.
    #[builder(!default)]
    #[schemars(regex(pattern = LINE_TEXT))]
    pub text: Markdown,
    /// What precedes the checkbox on the line (indent, quote marks, bullet), when it is not
    /// `- `.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// The tick's letter when it is an upper-case `X`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub upper_x: bool,
    /// The line ending when it is not `\n` (`\r\n`, or empty at the end of a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = LINE_END))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::line_end()")
    )]
    pub line_end: Option<String>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl GenericPlan {
    /// Every task of the plan, in source order, with the section it is under.
    pub fn tasks(&self) -> impl Iterator<Item = (&Section, &Task)> {
        self.sections.iter().flat_map(|section| {
            section.blocks.iter().filter_map(move |block| match block {
                Block::Task(task) => Some((section, task)),
                _ => None,
            })
        })
    }
}

impl Outline for GenericPlan {
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        for (_, task) in self.tasks() {
            visit(task.checked);
        }
    }

    /// Each section that holds tasks, with its tasks.
    fn phases(&self) -> Vec<PhaseView<'_>> {
        // The titles around each section, innermost last, with the role each says: a box
        // takes the innermost one's that says one (the plan's title aside).
        let mut around: Vec<(u8, Option<crate::Role>)> = Vec::new();
        let title = self.sections.iter().position(|section| section.level == 1);
        self.sections
            .iter()
            .enumerate()
            .filter_map(|(index, section)| {
                while around
                    .last()
                    .is_some_and(|(level, _)| *level >= section.level)
                {
                    around.pop();
                }
                let says = (section.level > 0 && Some(index) != title)
                    .then(|| crate::Role::of_title(&section.title))
                    .flatten();
                around.push((section.level, says));
                let role = around
                    .iter()
                    .rev()
                    .find_map(|(_, role)| *role)
                    .unwrap_or(crate::Role::Task);
                let tasks: Vec<TaskView<'_>> = section
                    .blocks
                    .iter()
                    .filter_map(|block| match block {
                        Block::Task(task) => Some(TaskView {
                            id: task.id.as_deref(),
                            title: &task.text,
                            checked: Some(task.checked),
                            role: Some(role),
                            span: task.span,
                        }),
                        _ => None,
                    })
                    .collect();
                (!tasks.is_empty()).then_some(PhaseView {
                    id: None,
                    title: &section.title,
                    status: None,
                    tasks,
                    span: section.span,
                })
            })
            .collect()
    }
}
