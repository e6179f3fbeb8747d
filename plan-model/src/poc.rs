//! The `poc` kind: a self-contained proof of concept, built in verified steps.
//!
//! ```markdown
//! # [Name] Implementation Plan
//!
//! ## Implementation Steps
//!
//! ### Step 1: [Name] + Tests
//!
//! **Goal**: [What this step accomplishes]
//!
//! **Tasks**:
//! - [ ] [Implementation task 1]
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use typed_builder::TypedBuilder;

use crate::common::{
    BulletGroup, ChecklistGroup, ChecklistItem, CodeBlock, FileRef, GroupSection, KeptSection,
    LabeledList, ListItem, Markdown, Metadata, Risk, SchemaVersion, Verbatim,
};
use crate::value::{FileAction, TypedOrRaw};
use crate::view::{Outline, PhaseView, item_views, visit_items};

crate::vocabulary::vocabulary! {
    /// The top-level sections of the `poc` template. The poc reader takes each by its
    /// exact title, which is also its key in `before`: no aliases.
    PocSection {
        /// `## Overview`.
        Overview = ("Overview", "Overview", []),
        /// `## Deliverables`.
        Deliverables = ("Deliverables", "Deliverables", []),
        /// `## Prerequisites`.
        Prerequisites = ("Prerequisites", "Prerequisites", []),
        /// `## Success Criteria`.
        SuccessCriteria = ("Success Criteria", "Success Criteria", []),
        /// `## Architecture`.
        Architecture = ("Architecture", "Architecture", []),
        /// `## Implementation Steps`.
        Implementation = ("Implementation Steps", "Implementation Steps", []),
        /// `## Test Summary`.
        TestSummary = ("Test Summary", "Test Summary", []),
        /// `## Production-Grade Checklist`.
        ProductionChecklist = ("Production-Grade Checklist", "Production-Grade Checklist", []),
        /// `## What "Done" Looks Like`.
        DoneLooksLike = ("What \"Done\" Looks Like", "What \"Done\" Looks Like", []),
        /// `## Files to Create/Modify`.
        Files = ("Files to Create/Modify", "Files to Create/Modify", []),
        /// `## Dependencies`.
        Dependencies = ("Dependencies", "Dependencies", []),
        /// `## Risks & Mitigations`.
        Risks = ("Risks & Mitigations", "Risks & Mitigations", []),
        /// `## Error Codes Reference`.
        ErrorCodes = ("Error Codes Reference", "Error Codes Reference", []),
        /// `## Next Steps After Completion`.
        NextSteps = ("Next Steps After Completion", "Next Steps After Completion", []),
    }
}

/// A plan of the `poc` kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct PocPlan {
    /// The version of the JSON shape.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The name in the top heading, before ` Implementation Plan`.
    #[builder(!default)]
    pub title: String,
    /// The top heading is the title alone (`# core-cli-counts Plan`), without the
    /// template's ` Implementation Plan`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plain_title: bool,
    /// Other bold-labelled lines of the blockquote under the title (`> **Design**: See
    /// ...`), before the track-progress line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_notes: Vec<Callout>,
    /// The `> **Track Progress**:` line's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_progress: Option<Markdown>,
    /// `## Overview`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Overview>,
    /// `## Deliverables`, which newer plans of this kind add after the overview: a lead-in
    /// sentence and a bullet per capability delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliverables: Option<Deliverables>,
    /// `## Prerequisites`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<Prerequisites>,
    /// `## Success Criteria`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criteria: Option<Checklist>,
    /// `## Architecture`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<Architecture>,
    /// `## Implementation Steps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    /// Top-level sections the template does not name that hold `### Step N:` steps
    /// (where a code block that closes early leaves the later steps under a heading of
    /// its own), rendered after the implementation steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_sections: Vec<StepSection>,
    /// `## Test Summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_summary: Option<TestSummary>,
    /// `## Production-Grade Checklist`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_checklist: Option<Checklist>,
    /// `## What "Done" Looks Like`: the commands that demonstrate it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_looks_like: Option<CodeBlock>,
    /// `## Files to Create/Modify`: one row per file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileToChange>,
    /// `## Dependencies`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependencies: Option<Dependencies>,
    /// `## Risks & Mitigations`: one row per risk.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    /// `## Error Codes Reference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_codes: Option<ErrorCodes>,
    /// `## Next Steps After Completion`: the numbered items, markers included (`✅ Verify ...`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_steps: Vec<Markdown>,
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

/// `## Overview`: the attribute table and the callouts under it.
///
/// ```markdown
/// | Attribute | Value |
/// |-----------|-------|
/// | **Name** | [Name] |
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Overview {
    /// `**Name**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Markdown>,
    /// `**Proves**`: what the PoC validates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proves: Option<Markdown>,
    /// `**Production-Grade Because**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_grade_because: Option<Markdown>,
    /// Rows with other attributes, in source order.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub other: Metadata,
    /// The blockquote callouts after the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub callouts: Vec<Callout>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A blockquote callout: `> ⚠️ **Label**: text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Callout {
    /// The emoji before the label, as written: no `*` and no `\r` (a line break is
    /// written as a space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[^*\r\u0000]*$"))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::callout_icon()")
    )]
    pub icon: Option<String>,
    /// The bold label: no `**`, and no `*` at its end, which would close the bold early;
    /// no `\r` (a line break is written as a space).
    #[builder(!default)]
    #[schemars(regex(pattern = r"^([^*\r\u0000]|\*[^*\r\u0000])*$"))]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::callout_label()")
    )]
    pub label: String,
    /// The text after the label's colon.
    #[builder(!default)]
    pub text: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Prerequisites`: what must be ready before the steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Prerequisites {
    /// The paragraph before the first prerequisite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// The `### N. Name` prerequisites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Prerequisite>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `### N. Name`: one prerequisite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Prerequisite {
    /// The number before the dot.
    #[builder(!default)]
    pub number: String,
    /// The name after the number.
    #[builder(!default)]
    pub name: String,
    /// Text on the line right under the heading (the template's `...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Markdown>,
    /// `**Why Needed**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_needed: Option<Markdown>,
    /// `**Affected test files**`: a bullet per file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected_test_files: Vec<FileNote>,
    /// `**Baseline verification**`: the command that establishes the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_verification: Option<CodeBlock>,
    /// `**Steps**`: the numbered setup steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Markdown>,
    /// `**Commands**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commands: Option<CodeBlock>,
    /// `**Verification**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<CodeBlock>,
    /// Blocks the template does not have, kept verbatim, at the end of the prerequisite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A bullet naming a file and what it is: `` - `tests/test_a.py` - [What it tests] ``.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct FileNote {
    /// The file in backticks.
    #[builder(!default)]
    pub file: FileRef,
    /// The text after ` - `.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A checklist section with the line that introduces it.
///
/// ```markdown
/// From `docs/[source-doc].md`:
///
/// - [ ] [Criterion 1 - specific, measurable]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Checklist {
    /// The paragraph before the items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// The checkbox items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ChecklistItem>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Architecture`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Architecture {
    /// `### File Structure`: the tree in a code block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_structure: Option<CodeBlock>,
    /// `### Design Principles`: numbered, usually bold-labelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub design_principles: Vec<ListItem>,
    /// Sub-sections the template does not have (`### Routing Decision Tree`), kept
    /// verbatim after the typed ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Implementation Steps`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Implementation {
    /// `**Approach**`: the strategy in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<Markdown>,
    /// Blocks between the approach and the first step the template does not have (a
    /// blockquote note), kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// The `### Step N: Name` steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A top-level section the template does not name whose sub-sections are steps: read as
/// `## Implementation Steps` is.
///
/// ```markdown
/// ## Next Stage
///
/// ### Step 3: Rename the Guide + Tests
///
/// **Goal**: [What this step accomplishes]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct StepSection {
    /// The heading's text.
    #[builder(!default)]
    pub name: String,
    /// What it holds: blocks before the steps, and the steps.
    #[builder(!default)]
    pub body: Implementation,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `### Step N: Name`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "PocStep")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Step {
    /// The step's number as written (`0`, `1`, `[N]`).
    #[builder(!default)]
    pub number: String,
    /// The name after the colon.
    #[builder(!default)]
    pub name: String,
    /// `**Goal**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Markdown>,
    /// `**Tasks**`: the checkbox items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<ChecklistItem>,
    /// The tasks are written without their `**Tasks**:` line, right after the goal.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare_tasks: bool,
    /// `**Specification**:` on a line of its own, then what the step is to do in prose,
    /// tables, lists and code, up to the next of the step's labels (`**Acceptance
    /// Criteria**:`, `**Verification**:`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specification: Option<Markdown>,
    /// `**Code**`: what to write or run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeSnippet>,
    /// `**Tests**`: the tests to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tests: Option<CodeSnippet>,
    /// `**Verification**`: the command that shows the step is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<CodeBlock>,
    /// `**Output**`: what the step leaves behind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Markdown>,
    /// Lists under bold labels of their own (`**Specification**:` then its bullets,
    /// `**Acceptance Criteria**:`), after the template's blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<LabeledList>,
    /// Code blocks under a bold label beyond the template's one of each (a second
    /// ``**Code** (create `b.py`):``, `**Commands**:`), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snippets: Vec<LabeledCode>,
    /// Blocks the template does not have, kept verbatim, at the end of the step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A labelled code block with where it goes: ``**Code** (add to `[file-path]`):``.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct CodeSnippet {
    /// The text in parentheses after the label (``add to `[file-path]` ``).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Markdown>,
    /// The code.
    #[builder(!default)]
    pub block: CodeBlock,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A code block under a bold label: ``**Code** (create `base.py`):`` or `**Commands**:`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct LabeledCode {
    /// The bold label (`Code`, `Commands`).
    #[builder(!default)]
    pub label: String,
    /// The text in parentheses after the label (``create `base.py` ``).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Markdown>,
    /// The code.
    #[builder(!default)]
    pub block: CodeBlock,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Test Summary`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct TestSummary {
    /// `### Affected Tests (Run These)`: one row per test file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected_tests: Vec<TestFile>,
    /// `**Affected tests: ~X tests**`: the count after the colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affected_total: Option<Markdown>,
    /// `**Full suite**`: the size of the full suite and when to run it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_suite: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A row of the affected-tests table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct TestFile {
    /// `Test File`.
    #[builder(!default)]
    pub file: FileRef,
    /// `Tests`: how many tests, as written (`~X`, `12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tests: Option<Markdown>,
    /// `What It Covers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Deliverables`.
///
/// ```markdown
/// ## Deliverables
///
/// Concrete capabilities this task delivers:
///
/// - CLI split into focused modules
/// ```
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Deliverables {
    /// The prose before the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// One bullet per deliverable (continuation lines kept in the item).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A row of `## Files to Create/Modify`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct FileToChange {
    /// `File`.
    #[builder(!default)]
    pub file: FileRef,
    /// `Action`: create, modify or delete.
    #[builder(!default)]
    pub action: TypedOrRaw<FileAction>,
    /// `Status`, as written (`Pending: [purpose]`); absent when the table has no
    /// `Status` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Markdown>,
    /// Cells of the table's other columns (`Purpose`), by header, in column order.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
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

/// `## Dependencies`: the manifest change and the command that applies it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Dependencies {
    /// The line that names the manifest (``Update `[path/to/pyproject.toml]`:``).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// The manifest excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<CodeBlock>,
    /// `Then run:`: the install command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then_run: Option<CodeBlock>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Error Codes Reference`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ErrorCodes {
    /// The italic note before the table, without its underscores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Markdown>,
    /// One row per code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<ErrorCode>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A row of the error-codes table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ErrorCode {
    /// `Code`, without its backticks.
    #[builder(!default)]
    pub code: String,
    /// `Meaning`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Markdown>,
    /// `Used By`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_by: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl PocPlan {
    /// `## Implementation Steps` and then each step section's body.
    fn implementations(&self) -> impl Iterator<Item = &Implementation> {
        self.implementation
            .iter()
            .chain(self.step_sections.iter().map(|section| &section.body))
    }

    /// Every step, in the implementation steps and then in the step sections.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.implementations().flat_map(|body| &body.steps)
    }
}

impl Outline for PocPlan {
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        for group in self.checklist_sections.iter().chain(
            self.group_sections
                .iter()
                .flat_map(|section| &section.checklists),
        ) {
            visit_items(&group.items, visit);
        }
        if let Some(criteria) = &self.success_criteria {
            visit_items(&criteria.items, visit);
        }
        for step in self.steps() {
            visit_items(&step.tasks, visit);
        }
        if let Some(checklist) = &self.production_checklist {
            visit_items(&checklist.items, visit);
        }
        let extras = self
            .prerequisites
            .iter()
            .flat_map(|prerequisites| &prerequisites.items)
            .flat_map(|prerequisite| &prerequisite.extra)
            .chain(self.steps().flat_map(|step| &step.extra))
            .chain(self.implementations().flat_map(|body| &body.extra))
            .chain(self.group_sections.iter().flat_map(|s| &s.extra));
        crate::view::visit_verbatim(extras, visit);
        for kept in &self.extra_sections {
            kept.checkboxes().for_each(&mut *visit);
        }
    }

    fn visit_roles(&self, visit: &mut dyn FnMut(crate::Span, crate::Role)) {
        use crate::Role;
        use crate::view::role_items;
        if let Some(criteria) = &self.success_criteria {
            role_items(&criteria.items, Role::Criterion, visit);
        }
        for step in self.steps() {
            role_items(&step.tasks, Role::Task, visit);
        }
        if let Some(checklist) = &self.production_checklist {
            role_items(&checklist.items, Role::Checklist, visit);
        }
    }

    fn phases(&self) -> Vec<PhaseView<'_>> {
        self.steps()
            .map(|step| PhaseView {
                id: Some(&step.number),
                title: &step.name,
                status: None,
                tasks: item_views(&step.tasks, crate::Role::Task).collect(),
                span: step.span,
            })
            .collect()
    }
}
