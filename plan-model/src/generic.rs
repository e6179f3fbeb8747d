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

/// A piece of a section: a checkbox task, or markdown kept exactly as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A checkbox list item's line.
    Task(Task),
    /// Markdown kept exactly as written, line endings included.
    Markdown {
        /// The text.
        markdown: Markdown,
    },
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
    /// The text after the checkbox, on the item's first line.
    #[builder(!default)]
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
                Block::Markdown { .. } => None,
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
                        Block::Markdown { .. } => None,
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
