//! The `atomic` kind: the next single step of a layered build.
//!
//! ```markdown
//! # Current Implementation Plan - [LAYER/FEATURE NAME]
//!
//! ## Next Atomic Step: [STEP NAME]
//!
//! ### What to implement next:
//!
//! 1. **[Component 1 Name]** (`[file/path]`)
//!    - [Key feature or responsibility 1]
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use typed_builder::TypedBuilder;

use crate::common::{
    BulletGroup, ChecklistGroup, CodeBlock, FileRef, GroupSection, Headings, KeptSection,
    LabeledItem, ListItem, Markdown, SchemaVersion, Verbatim,
};
use crate::view::{Outline, PhaseView, TaskView};

crate::vocabulary::vocabulary! {
    /// The top-level sections of the `atomic` template. The atomic reader takes each by
    /// its exact title (the step's as `Next Atomic Step: <name>`): no aliases.
    AtomicSection {
        /// `## Next Atomic Step: <name>`.
        NextStep = ("next_step", "Next Atomic Step", []),
        /// `## Further Implementation Details`.
        FurtherDetails = ("further_details", "Further Implementation Details", []),
        /// `## Template Usage Notes`.
        UsageNotes = ("usage_notes", "Template Usage Notes", []),
        /// `## Guidelines for Using This Template`, in the preamble (or, in a plan with no
        /// preamble, a section of its own).
        Guidelines = ("guidelines", "Guidelines for Using This Template", []),
    }
}

crate::vocabulary::vocabulary! {
    /// The `###` parts of the `atomic` template's `## Template Usage Notes`; their keys are
    /// the fields of [`UsageNotes`].
    AtomicUsagePart {
        /// `### Section Guidelines:`.
        SectionGuidelines = ("section_guidelines", "Section Guidelines:", []),
        /// `### Best Practices:`.
        BestPractices = ("best_practices", "Best Practices:", []),
    }
}

crate::vocabulary::vocabulary! {
    /// The `###` parts of the `atomic` template's next step; their keys are those of
    /// `step_headings`.
    AtomicStepPart {
        /// `### What to implement next:`.
        Components = ("components", "What to implement next:", ["what to implement next"]),
        /// `### Implementation Requirements:`.
        ImplementationRequirements = (
            "implementation_requirements",
            "Implementation Requirements:",
            ["implementation requirements"]
        ),
        /// `### Test Coverage Requirements:`.
        TestCoverage = ("test_coverage", "Test Coverage Requirements:", ["test coverage requirements"]),
        /// `### Dependencies:`.
        Dependencies = ("dependencies", "Dependencies:", ["dependencies"]),
        /// `### Success Criteria:`.
        SuccessCriteria = ("success_criteria", "Success Criteria:", ["success criteria"]),
    }
}

/// A plan of the `atomic` kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct AtomicPlan {
    /// The version of the JSON shape.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The heading of the preamble before the first rule (`# Implementation Plan Template`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble_title: Option<String>,
    /// `## Guidelines for Using This Template`: the preamble's prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidelines: Option<Markdown>,
    /// The plan's heading after `Current Implementation Plan - ` (the layer or feature), or
    /// the heading's whole text when it is written another way.
    #[builder(!default)]
    pub title: String,
    /// The title's heading line as written, when it is not `# Current Implementation Plan
    /// - …` (`# Implementation Plan - ENTSO-E Handling`). Rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^# [^\r\n\u0000]*$"))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::title_heading()")
    )]
    pub title_heading: Option<String>,
    /// `## Next Atomic Step: [STEP NAME]`: the step's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    /// The step section's heading line as written, when it is not `## Next Atomic Step:
    /// …` (plans that carry on past a step retitle it: `## ✅ PHASE 2A COMPLETED: …`);
    /// `next_step` is then the heading's whole text. Rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_heading: Option<String>,
    /// Headings of the step's parts as written where they are not the template's
    /// (`### Implementation Requirements (Remaining):`, `### ✅ Success Criteria
    /// ACHIEVED:`), keyed by the part: `components`, `implementation_requirements`,
    /// `test_coverage`, `dependencies`, `success_criteria`. Rendered in their place.
    #[serde(default, skip_serializing_if = "Headings::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub step_headings: Headings,
    /// The paragraph under the step heading (`Based on the completed ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Markdown>,
    /// `### What to implement next:`: the components to build, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// `### Implementation Requirements:`: requirements grouped by component.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implementation_requirements: Vec<ComponentRequirements>,
    /// `### Test Coverage Requirements:`: the test suites to write.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test_coverage: Vec<Component>,
    /// `### Dependencies:`: one bullet per dependency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Markdown>,
    /// `### Success Criteria:`: the measurable criteria.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success_criteria: Vec<ListItem>,
    /// The closing paragraph after the success criteria (`This [...] establishes ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Markdown>,
    /// `###` parts of the next-step section the template does not have (`### Files to
    /// create:`), kept verbatim after the known ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_extra: Vec<Verbatim>,
    /// `###` parts of the next-step section the template does not name whose content is
    /// one list (`### ✅ Completed Implementation:` and its numbered components): their
    /// heading's text and items, before the parts kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_groups: Vec<BulletGroup>,
    /// `## Further Implementation Details`: the deep-dive sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub further_details: Vec<DetailSection>,
    /// `###` sections of the further implementation details that are not written as the
    /// template's (`### 🔍 **Title**` over `#### **Title:**` blocks), kept verbatim after
    /// the typed ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub further_details_extra: Vec<Verbatim>,
    /// `## Template Usage Notes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_notes: Option<UsageNotes>,
    /// Top-level sections the template does not name whose content is one list: their
    /// heading's text and items (rendered after the template's sections).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list_sections: Vec<BulletGroup>,
    /// Top-level sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist_sections: Vec<ChecklistGroup>,
    /// Top-level sections the template does not name whose sub-sections are each one
    /// list or one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_sections: Vec<GroupSection>,
    /// Sections the template does not have (or not in its form), kept verbatim, each
    /// where it stood among the known ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_sections: Vec<KeptSection>,
}

/// A numbered component or test suite with its file and its bullets.
///
/// ```markdown
/// 1. **[Component 1 Name]** (`[file/path]`)
///    - [Key feature or responsibility 1]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Component {
    /// The bold name.
    #[builder(!default)]
    pub name: String,
    /// The file in backticks after the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<FileRef>,
    /// The italic note after the path, without its asterisks or parentheses (`if applicable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Text after the path (and note) on the same line, as written (`✅ **COMPLETED**`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<Markdown>,
    /// The nested bullets: responsibilities of a component, requirements of a test suite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Markdown>,
    /// The nested bullets' indent when it is not three spaces (`"    "`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indent: Option<String>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `#### [Component] Features:` and its requirement bullets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct ComponentRequirements {
    /// The component's name, before ` Features:`.
    #[builder(!default)]
    pub component: String,
    /// What the heading says between `Features` and the colon (` (COMPLETED)`), as
    /// written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// The requirements, each with an optional bold category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<ListItem>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A `### 🔍 **[Title]**` section of the further implementation details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct DetailSection {
    /// The emoji (or other marker) before the bold title, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// The bold title.
    #[builder(!default)]
    pub title: String,
    /// The `#### **[Title]:**` subsections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<DetailSubsection>,
    /// `####` subsections whose content is not the template's run of blocks (a table, a
    /// paragraph after a list), kept verbatim after the typed ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A `#### **[Title]:**` subsection: a run of blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct DetailSubsection {
    /// The bold title, without its asterisks or colon.
    #[builder(!default)]
    pub title: String,
    /// The blocks, separated by blank lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<DetailBlock>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A block of a detail subsection: an optional bold label line, then an optional
/// paragraph, list and code block, each starting on the next line.
///
/// ```markdown
/// **[Why This is Technical Debt/Problem]:**
/// 1. **[Issue 1]**: [Detailed explanation]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct DetailBlock {
    /// The bold label line, without its asterisks or colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Markdown>,
    /// Whether the list is numbered (`1.`) rather than bulleted (`-`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// The list's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ListItem>,
    /// A fenced code block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeBlock>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Template Usage Notes`: how to fill in the template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct UsageNotes {
    /// `### Section Guidelines:`: one entry per section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub section_guidelines: Vec<Guideline>,
    /// `### Best Practices:`: numbered bold-labelled practices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub best_practices: Vec<LabeledItem>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A `**Section**: text` guideline, optionally followed by bullets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Guideline {
    /// The bold section name.
    #[builder(!default)]
    pub section: String,
    /// The text after the colon, when on the same line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Markdown>,
    /// The bullets under it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl Outline for AtomicPlan {
    /// The atomic template has no checkboxes; this counts those kept in verbatim parts.
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        for group in self.checklist_sections.iter().chain(
            self.group_sections
                .iter()
                .flat_map(|section| &section.checklists),
        ) {
            crate::view::visit_items(&group.items, visit);
        }
        let kept = self
            .step_extra
            .iter()
            .chain(self.group_sections.iter().flat_map(|s| &s.extra));
        crate::view::visit_verbatim(kept, visit);
        for kept in &self.extra_sections {
            kept.checkboxes().for_each(&mut *visit);
        }
    }

    /// The one step, with its components as tasks (which have no checkbox).
    fn phases(&self) -> Vec<PhaseView<'_>> {
        let Some(step) = self.next_step.as_deref() else {
            return Vec::new();
        };
        vec![PhaseView {
            id: None,
            title: step,
            status: None,
            span: crate::Span::NONE,
            tasks: self
                .components
                .iter()
                .map(|component| TaskView {
                    id: None,
                    title: &component.name,
                    checked: None,
                    role: None,
                    span: component.span,
                })
                .collect(),
        }]
    }
}
