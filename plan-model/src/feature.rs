//! The `feature` kind: a multi-phase feature with dates, an assignee, phase statuses, task
//! checklists, risk tables, a definition of done and progress logs.
//!
//! ```markdown
//! # Implementation Plan: [Feature Name]
//!
//! **Feature:** [Link to Feature Proposal]
//! **Branch:** `feature/[branch-name]`
//! **Start Date:** [YYYY-MM-DD]
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;
use typed_builder::TypedBuilder;

use crate::common::{
    BulletGroup, ChecklistGroup, ChecklistItem, CodeBlock, FileRef, GroupSection, Headings,
    KeptSection, LabeledItem, Markdown, Metadata, Risk, SchemaVersion, Verbatim,
};
use crate::value::{Status, TypedOrRaw};

crate::vocabulary::vocabulary! {
    /// The top-level sections of the `feature` template.
    FeatureSection {
        /// `## Executive Summary`.
        ExecutiveSummary = ("executive_summary", "Executive Summary", ["executive summary", "summary", "overview", "project overview"]),
        /// `## Current State Analysis`.
        CurrentState = ("current_state", "Current State Analysis", ["current state analysis", "current state"]),
        /// `## Implementation Phases`.
        Phases = ("phases", "Implementation Phases", ["implementation phases", "phases", "phase implementation plan"]),
        /// `## Risk Mitigation`.
        RiskMitigation = ("risk_mitigation", "Risk Mitigation", ["risk mitigation", "risks", "risk management"]),
        /// `## Communication Plan`.
        CommunicationPlan = ("communication_plan", "Communication Plan", ["communication plan", "communication"]),
        /// `## Definition of Done`.
        DefinitionOfDone = ("definition_of_done", "Definition of Done", ["definition of done"]),
        /// `## Progress Tracking`.
        ProgressTracking = ("progress_tracking", "Progress Tracking", ["progress tracking"]),
        /// `## Lessons Learned`.
        LessonsLearned = ("lessons_learned", "Lessons Learned", ["lessons learned"]),
        /// `## References`.
        References = ("references", "References", ["references"]),
        /// `## Sign-off`.
        SignOff = ("sign_off", "Sign-off", ["signoff", "sign off"]),
    }
}

/// A plan of the `feature` kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct FeaturePlan {
    /// The version of the JSON shape.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The title after `# Implementation Plan: ` (or the whole heading's text when it is
    /// written another way, as `headings["title"]` then keeps).
    #[builder(!default)]
    pub title: String,
    /// Heading lines as the author wrote them, where they are not the template's, keyed by
    /// the part of the plan they open: `title`, `executive_summary`, `current_state`,
    /// `phases`, `risk_mitigation`, `communication_plan`, `definition_of_done`,
    /// `progress_tracking`, `lessons_learned`, `references`, `sign_off`. Rendering writes
    /// such a line in place of the template's heading.
    #[serde(default, skip_serializing_if = "Headings::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub headings: Headings,
    /// `**Feature:**`: the feature, usually a link to its proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<Markdown>,
    /// `**Branch:**`: the branch name, without the backticks it is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// `**Estimated Duration:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_duration: Option<Markdown>,
    /// `**Start Date:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TypedOrRaw<Date>>,
    /// `**Target Completion:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_completion: Option<TypedOrRaw<Date>>,
    /// `**Assignee:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Markdown>,
    /// Metadata lines with other keys, in source order.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub metadata: Metadata,
    /// Text between the title (and its metadata lines) and the first section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `## Executive Summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executive_summary: Option<Markdown>,
    /// `## Current State Analysis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_state: Option<CurrentState>,
    /// `## Implementation Phases`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Whether the phases are `##` sections of their own (`## Phase 1: Name`), as many
    /// plans write them, rather than `###` sections under `## Implementation Phases`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub phases_at_top: bool,
    /// `## Risk Mitigation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_mitigation: Option<RiskMitigation>,
    /// `## Communication Plan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_plan: Option<CommunicationPlan>,
    /// `## Definition of Done`: one checklist per `###` group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub definition_of_done: Vec<ChecklistGroup>,
    /// `## Progress Tracking`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_tracking: Option<ProgressTracking>,
    /// `## Lessons Learned`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lessons_learned: Option<LessonsLearned>,
    /// `## References` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Markdown>,
    /// `## Sign-off`: groups of signatures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_off: Vec<SignOffGroup>,
    /// The HTML comment that closes the plan (`<!-- SELF-REVIEW CHECKPOINT ... -->`), as
    /// written, including everything after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_comment: Option<String>,
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

/// `## Current State Analysis`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FeatureCurrentState")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct CurrentState {
    /// `### Existing Code Structure`: usually a fenced file tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_code_structure: Option<CodeBlock>,
    /// `### Dependencies to Modify`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies_to_modify: Vec<DependencyChange>,
    /// `### Technical Debt Addressed` checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub technical_debt: Vec<ChecklistItem>,
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// Sub-sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// Sub-sections the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `- `file1.py`: [What changes needed and why]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct DependencyChange {
    /// What is changed: a file in backticks, a schema, a contract.
    #[builder(!default)]
    pub target: Markdown,
    /// What changes and why, after the colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `### Phase N: Name` under `## Implementation Phases`.
///
/// ```markdown
/// ### Phase 1: [Foundation/Setup]
/// **Duration:** [X days]
/// **Status:** ⏸️ Not Started | 🚧 In Progress | ✅ Complete
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FeaturePhase")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Phase {
    /// The phase's number as written (`1`, `2A`, `1.5`).
    #[builder(!default)]
    pub number: String,
    /// The phase's name after the colon.
    #[builder(!default)]
    pub name: String,
    /// The heading line as written, when it is not `### Phase N: Name` (or `## Phase N:
    /// Name` when the plan's phases are top-level sections); rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// `**Duration:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Markdown>,
    /// `**Status:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TypedOrRaw<Status>>,
    /// Bold `**Key:** value` lines after the heading with other keys (`Branch`,
    /// `Commit`), in source order.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub other: Metadata,
    /// Prose after those lines, before the first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `#### Objectives` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Markdown>,
    /// `#### Tasks`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Tasks written as sub-sections of their own (`### ✅ Task 1.1: Enable Training`),
    /// as plans that list work by priority do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task_sections: Vec<TaskSection>,
    /// The task sections stand under a `Tasks` sub-section of the phase (`### Tasks` then
    /// `#### Task 2.3: Add the loader`), a level deeper than its other sub-sections.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub task_sections_under_tasks: bool,
    /// `#### Code Structure`: a sketch of the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_structure: Option<CodeBlock>,
    /// `#### Database Changes`: a migration sketch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_changes: Option<CodeBlock>,
    /// `#### Test Plan` table rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test_plan: Vec<TestCase>,
    /// `#### Documentation Checklist`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documentation_checklist: Vec<ChecklistItem>,
    /// `#### Deliverables`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<ChecklistItem>,
    /// `#### Success Criteria`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success_criteria: Vec<ChecklistItem>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// Sub-sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// Sub-sections of the phase the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A task written as a sub-section of its phase: its heading, bold `**Key:** value`
/// lines, and what the task takes.
///
/// ```markdown
/// ### ✅ Task 1.1: Enable Training System
/// **Effort:** 5 minutes
/// **Impact:** HIGH
///
/// **Action Steps:**
/// 1. Update `.env.local`
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct TaskSection {
    /// The task's number as written (`1.1`).
    #[builder(!default)]
    pub number: String,
    /// The task's name after the colon.
    #[builder(!default)]
    pub name: String,
    /// The heading line as written, when it is not `#### Task N: Name` one level below
    /// its phase (a status emoji before `Task`); rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The bold `**Key:** value` lines under the heading (`Effort`, `Impact`, `Status`),
    /// in source order.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub metadata: Metadata,
    /// The line that introduces the checklist (`Tasks:`, ``Create `docs/guide.md`:``),
    /// when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist_label: Option<Markdown>,
    /// The checklist after those lines: what the task takes, item by item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistItem>,
    /// What comes after those lines and the checklist: steps, code, acceptance criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A task of a phase.
///
/// ```markdown
/// - [ ] **Task 1.1**: [Specific task description]
///   - File: `path/to/file.py`
///   - Changes: [What will be changed]
///   - Tests: [What tests will be added]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Task {
    /// Whether the task's box is ticked.
    pub checked: bool,
    /// The task's number after the word `Task` (`1.1`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// What the task is.
    #[builder(!default)]
    pub title: Markdown,
    /// The `File:` sub-bullet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
    /// The `Changes:` sub-bullet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Markdown>,
    /// The `Tests:` sub-bullet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tests: Option<Markdown>,
    /// Other sub-bullets, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<TaskDetail>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A sub-bullet of a task: `- API endpoint: `POST /api/v1/resource`` or a plain bullet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct TaskDetail {
    /// The label before the colon, when the bullet has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The text (after the colon, when there is a label).
    #[builder(!default)]
    pub text: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A row of a phase's `#### Test Plan` table.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct TestCase {
    /// `Test Type`.
    pub test_type: Markdown,
    /// `Description`.
    pub description: Markdown,
    /// `Expected Result`.
    pub expected_result: Markdown,
    /// `Actual Result`.
    pub actual_result: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Risk Mitigation`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default))]
pub struct RiskMitigation {
    /// `### Technical Risks` table rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub technical_risks: Vec<Risk>,
    /// `### Schedule Risks`: risks written as bold `Risk`/`Mitigation`/`Contingency` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule_risks: Vec<Risk>,
    /// `### Resource Risks`, written like the schedule risks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_risks: Vec<Risk>,
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// Sub-sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// Sub-sections the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Communication Plan`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default))]
pub struct CommunicationPlan {
    /// `### Status Updates`: `- **Daily**: ...` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_updates: Vec<LabeledItem>,
    /// `### Escalation Path`: the numbered escalation steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalation_path: Vec<Markdown>,
    /// `### Review Points` checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_points: Vec<ChecklistItem>,
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// Sub-sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// Sub-sections the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Progress Tracking`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ProgressTracking {
    /// `### Daily Checklist`: a fenced template for daily notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_checklist: Option<CodeBlock>,
    /// `### Phase Completion Log` table rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phase_completion_log: Vec<PhaseLogEntry>,
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// Sub-sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// Sub-sections the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A row of the `### Phase Completion Log` table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(setter(into)))]
pub struct PhaseLogEntry {
    /// `Phase`.
    pub phase: Markdown,
    /// `Planned End`.
    pub planned_end: TypedOrRaw<Date>,
    /// `Actual End`.
    pub actual_end: TypedOrRaw<Date>,
    /// `Notes`.
    pub notes: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Lessons Learned`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct LessonsLearned {
    /// The paragraph before the sub-sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### What Worked Well` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub what_worked_well: Vec<Markdown>,
    /// `### What Could Be Improved` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub what_could_be_improved: Vec<Markdown>,
    /// `### Recommendations for Future` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Markdown>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// Sub-sections the template does not name whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
    /// Sub-sections the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A bold group title and its signatures under `## Sign-off`.
///
/// ```markdown
/// **Plan Approved By:**
/// - Technical Lead: [Name] - Date: [YYYY-MM-DD]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct SignOffGroup {
    /// The bold title, without its colon (`Plan Approved By`).
    #[builder(!default)]
    pub title: String,
    /// The signatures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `- Technical Lead: [Name] - Date: [YYYY-MM-DD]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Signature {
    /// The signer's role.
    #[builder(!default)]
    pub role: String,
    /// The signer's name.
    #[builder(!default)]
    pub name: Markdown,
    /// When they signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<TypedOrRaw<Date>>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl crate::view::Outline for FeaturePlan {
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        use crate::view::visit_items;
        if let Some(current) = &self.current_state {
            visit_items(&current.technical_debt, visit);
        }
        for phase in &self.phases {
            for task in &phase.tasks {
                visit(task.checked);
            }
            for task in &phase.task_sections {
                visit_items(&task.checklist, visit);
            }
            visit_items(&phase.documentation_checklist, visit);
            visit_items(&phase.deliverables, visit);
            visit_items(&phase.success_criteria, visit);
        }
        if let Some(communication) = &self.communication_plan {
            visit_items(&communication.review_points, visit);
        }
        for group in &self.definition_of_done {
            visit_items(&group.items, visit);
        }
        let checklists = self
            .current_state
            .iter()
            .flat_map(|s| &s.checklists)
            .chain(self.phases.iter().flat_map(|phase| &phase.checklists))
            .chain(self.risk_mitigation.iter().flat_map(|s| &s.checklists))
            .chain(self.communication_plan.iter().flat_map(|s| &s.checklists))
            .chain(self.progress_tracking.iter().flat_map(|s| &s.checklists))
            .chain(self.lessons_learned.iter().flat_map(|s| &s.checklists))
            .chain(&self.checklist_sections)
            .chain(
                self.group_sections
                    .iter()
                    .flat_map(|section| &section.checklists),
            );
        for group in checklists {
            visit_items(&group.items, visit);
        }
        let extras = self
            .current_state
            .iter()
            .flat_map(|s| &s.extra)
            .chain(self.phases.iter().flat_map(|phase| &phase.extra))
            .chain(self.risk_mitigation.iter().flat_map(|s| &s.extra))
            .chain(self.communication_plan.iter().flat_map(|s| &s.extra))
            .chain(self.progress_tracking.iter().flat_map(|s| &s.extra))
            .chain(self.lessons_learned.iter().flat_map(|s| &s.extra))
            .chain(self.group_sections.iter().flat_map(|s| &s.extra));
        crate::view::visit_verbatim(extras, visit);
        for kept in &self.extra_sections {
            kept.checkboxes().for_each(&mut *visit);
        }
    }

    fn visit_roles(&self, visit: &mut dyn FnMut(crate::Span, crate::Role)) {
        use crate::Role;
        use crate::view::role_items;
        if let Some(current) = &self.current_state {
            role_items(&current.technical_debt, Role::Checklist, visit);
        }
        for phase in &self.phases {
            for task in &phase.tasks {
                visit(task.span, Role::Task);
            }
            for task in &phase.task_sections {
                role_items(&task.checklist, Role::Task, visit);
            }
            role_items(&phase.documentation_checklist, Role::Checklist, visit);
            role_items(&phase.deliverables, Role::Criterion, visit);
            role_items(&phase.success_criteria, Role::Criterion, visit);
        }
        if let Some(communication) = &self.communication_plan {
            role_items(&communication.review_points, Role::Checklist, visit);
        }
        for group in &self.definition_of_done {
            role_items(&group.items, Role::Criterion, visit);
        }
    }

    fn phases(&self) -> Vec<crate::view::PhaseView<'_>> {
        use crate::Role;
        use crate::view::{PhaseView, TaskView, item_views};
        self.phases
            .iter()
            .map(|phase| PhaseView {
                id: Some(&phase.number),
                title: &phase.name,
                status: phase.status.as_ref(),
                span: phase.span,
                tasks: phase
                    .tasks
                    .iter()
                    .map(|task| TaskView {
                        id: task.number.as_deref(),
                        title: &task.title,
                        checked: Some(task.checked),
                        role: Some(Role::Task),
                        span: task.span,
                    })
                    .chain(item_views(&phase.documentation_checklist, Role::Checklist))
                    .chain(item_views(
                        phase.deliverables.iter().chain(&phase.success_criteria),
                        Role::Criterion,
                    ))
                    .chain(phase.checklists.iter().flat_map(|group| {
                        item_views(
                            &group.items,
                            Role::of_title(&group.name).unwrap_or(Role::Task),
                        )
                    }))
                    .chain(item_views(
                        phase.task_sections.iter().flat_map(|task| &task.checklist),
                        Role::Task,
                    ))
                    .collect(),
            })
            .collect()
    }
}
