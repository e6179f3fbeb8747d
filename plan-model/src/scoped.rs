//! The `scoped` kind: a research-backed plan with `file:line` references, explicit
//! non-goals, and phases with automated and manual success criteria.
//!
//! ```markdown
//! # Implementation Plan: [Brief Description]
//!
//! **Date:** YYYY-MM-DD
//! **Author:** [Name]
//! **Status:** Draft | In Review | Approved | In Progress | Completed
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;
use typed_builder::TypedBuilder;

use crate::common::{
    BulletGroup, ChecklistGroup, ChecklistItem, FileRef, GroupSection, Headings, KeptSection,
    Markdown, Metadata, Risk, SchemaVersion, Verbatim,
};
use crate::value::{Exclusion, Status, TypedOrRaw};

crate::vocabulary::vocabulary! {
    /// The top-level sections of the `scoped` template.
    ScopedSection {
        /// `## Overview`.
        Overview = ("overview", "Overview", ["overview", "project overview", "summary", "what and why", "vision statement", "개요", "목표"]),
        /// `## Current State Analysis`.
        CurrentState = ("current_state", "Current State Analysis", ["current state analysis", "current state", "starting point", "현재 상태 분석", "현재 상태"]),
        /// `## Desired End State`.
        DesiredEndState = ("desired_end_state", "Desired End State", ["desired end state", "end state"]),
        /// `## Key Discoveries`.
        KeyDiscoveries = ("key_discoveries", "Key Discoveries", ["key discoveries"]),
        /// `## What We're NOT Doing`.
        NotDoing = ("not_doing", "What We're NOT Doing", ["what we're not doing", "what we are not doing", "not doing", "out of scope", "non goals", "nongoals"]),
        /// `## Implementation Approach`.
        Approach = ("approach", "Implementation Approach", ["implementation approach", "approach", "architecture approach"]),
        /// `## Implementation Phases`.
        Phases = ("phases", "Implementation Phases", ["implementation phases", "phases", "구현 단계", "구현 계획"]),
        /// `## Testing Strategy`.
        TestingStrategy = ("testing_strategy", "Testing Strategy", ["testing strategy", "test strategy", "testing", "테스트 전략"]),
        /// `## Rollout & Deployment`.
        Rollout = ("rollout", "Rollout & Deployment", ["rollout and deployment", "rollout", "deployment"]),
        /// `## References`.
        References = ("references", "References", ["references"]),
        /// `## Open Questions (should be empty before starting implementation)`.
        OpenQuestions = ("open_questions", "Open Questions (should be empty before starting implementation)", ["open questions"]),
        /// `## Change Log`.
        ChangeLog = ("change_log", "Change Log", ["change log", "changelog"]),
        /// `## Progress`.
        Progress = ("progress", "Progress", ["progress"]),
    }
}

/// A plan of the `scoped` kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ScopedPlan {
    /// The version of the JSON shape.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The title after `# Implementation Plan: ` (or the whole heading's text when it is
    /// written another way, as `headings["title"]` then keeps).
    #[builder(!default)]
    pub title: String,
    /// Heading lines as the author wrote them, where they are not the template's, keyed by
    /// the part of the plan they open: `title`, `overview`, `current_state`,
    /// `desired_end_state`, `key_discoveries`, `not_doing`, `approach`, `phases`,
    /// `testing_strategy`, `rollout`, `references`, `open_questions`, `change_log`, `progress`.
    /// Rendering writes such a line in place of the template's heading.
    #[serde(default, skip_serializing_if = "Headings::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub headings: Headings,
    /// `**Date:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<TypedOrRaw<Date>>,
    /// `**Author:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Markdown>,
    /// `**Status:**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TypedOrRaw<Status>>,
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
    /// `## Overview`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Markdown>,
    /// `## Current State Analysis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_state: Option<CurrentState>,
    /// `## Desired End State`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_end_state: Option<DesiredEndState>,
    /// `## Key Discoveries`: the `### Finding N` blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_discoveries: Vec<Finding>,
    /// `## What We're NOT Doing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_doing: Option<NotDoing>,
    /// `## Implementation Approach`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<Approach>,
    /// `## Implementation Phases`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Whether the phases are `##` sections of their own (`## Phase 1: Name`), as many
    /// plans write them, rather than `###` sections under `## Implementation Phases`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub phases_at_top: bool,
    /// `## Testing Strategy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub testing_strategy: Option<TestingStrategy>,
    /// `## Rollout & Deployment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<Rollout>,
    /// `## References`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<References>,
    /// `## Open Questions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_questions: Vec<OpenQuestion>,
    /// `## Change Log` table rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub change_log: Vec<ChangeLogEntry>,
    /// A closing `## Progress` section that repeats each phase's checks as a checklist
    /// to tick as work lands (a form many scoped plans add).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<ProgressLog>,
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
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct CurrentState {
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### What Exists`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub what_exists: Vec<ExistingComponent>,
    /// `### What's Missing` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whats_missing: Vec<Markdown>,
    /// `### Constraints & Considerations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
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

/// A component under `### What Exists`.
///
/// ```markdown
/// - **[Component/Area 1]**: [Description with file:line references]
///   - File: `/path/to/file.ext:123-145`
///   - Current behavior: [describe]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ExistingComponent {
    /// The bold name.
    #[builder(!default)]
    pub name: String,
    /// The text after the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Markdown>,
    /// The `File:` sub-bullet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
    /// The `Current behavior:` sub-bullet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_behavior: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `### Constraints & Considerations`: bold bullets.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Constraints {
    /// `**Technical**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technical: Option<Markdown>,
    /// `**Business**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business: Option<Markdown>,
    /// `**Backwards Compatibility**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backwards_compatibility: Option<Markdown>,
    /// `**Security/Privacy**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_privacy: Option<Markdown>,
    /// Bold bullets with other labels, in source order.
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

/// `## Desired End State`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct DesiredEndState {
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### Success Definition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_definition: Option<Markdown>,
    /// `### Key Outcomes`: the numbered outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_outcomes: Vec<Markdown>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
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

/// `### Finding N: Name` under `## Key Discoveries`.
///
/// ```markdown
/// ### Finding 1: [Discovery Name]
/// **Location**: `/path/to/file.ext:123`
/// **Insight**: [What we learned and why it matters]
/// **Implication**: [How this affects our approach]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Finding {
    /// The finding's number as written.
    #[builder(!default)]
    pub number: String,
    /// The finding's name after the colon.
    #[builder(!default)]
    pub name: String,
    /// `**Location**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<FileRef>,
    /// `**Insight**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insight: Option<Markdown>,
    /// `**Implication**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implication: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## What We're NOT Doing`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct NotDoing {
    /// The paragraph before the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// The excluded items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ScopeExclusion>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `- **Not in scope**: [Thing 1] - [Reason why/when we might do it later]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ScopeExclusion {
    /// The bold label: how the item is set aside; absent for a plain bullet
    /// (`- No schema change`), whose whole text is the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<TypedOrRaw<Exclusion>>,
    /// What is left out.
    #[builder(!default)]
    pub item: Markdown,
    /// Why, after ` - `, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Implementation Approach`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Approach {
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### High-Level Strategy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_level_strategy: Option<Markdown>,
    /// `### Architecture Decisions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub architecture_decisions: Vec<Decision>,
    /// `### Risk Mitigation`: `- **Risk**: … → **Mitigation**: …` lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk_mitigation: Vec<Risk>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
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

/// `- **Decision 1**: [Choice made] - [Rationale]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Decision {
    /// The bold label (`Decision 1`).
    #[builder(!default)]
    pub label: String,
    /// The choice made.
    #[builder(!default)]
    pub choice: Markdown,
    /// The rationale after ` - `, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `### Phase N: Name` under `## Implementation Phases`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ScopedPhase")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Phase {
    /// The phase's number as written.
    #[builder(!default)]
    pub number: String,
    /// The phase's name after the colon.
    #[builder(!default)]
    pub name: String,
    /// The heading line as written, when it is not `### Phase N: Name` (or `## Phase N:
    /// Name` when the plan's phases are top-level sections); rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Headings written in place of the template's bold labels (`### Overview` for
    /// `**Overview**:`), keyed by the part they open: `overview`, `changes`,
    /// `success_criteria`, `automated`, `manual`.
    #[serde(default, skip_serializing_if = "Headings::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub headings: Headings,
    /// `**Overview**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Markdown>,
    /// `**Changes Required**`: the numbered file changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FileChange>,
    /// `#### 1. Title` changes under a `### Changes Required:` heading, the form many
    /// plans use for changes that need more than a line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub change_steps: Vec<ChangeStep>,
    /// `**Success Criteria**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criteria: Option<PhaseCriteria>,
    /// `**Confirmation Gate**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_gate: Option<Markdown>,
    /// Content of the phase the template does not have, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A numbered change given as a sub-section of its own.
///
/// ````markdown
/// #### 1. Room lookup utility
///
/// **File**: `src/lib/rooms.ts` (new)
///
/// **Intent**: One tested source of truth for which modes target a room.
/// ````
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ChangeStep {
    /// The number before the `.` (`1`).
    #[builder(!default)]
    pub number: String,
    /// The title after the number.
    #[builder(!default)]
    pub title: String,
    /// The heading line as written, when it is not `#### N. Title`; rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The file of a `**File**: `path`` line opening the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
    /// Text after the file's code span on that line (`(new)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_note: Option<Markdown>,
    /// What the change is, as written after the file line: prose, labelled paragraphs
    /// (`**Intent**: …`), code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// One numbered item of `**Changes Required**`.
///
/// ```markdown
/// 1. **File**: `/path/to/file.ext`
///    - **Change**: [Specific modification]
///    - **Why**: [Rationale]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct FileChange {
    /// `**File**`.
    #[builder(!default)]
    pub file: FileRef,
    /// `**Change**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Markdown>,
    /// `**Why**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A phase's `**Success Criteria**`, split into automated and manual checks.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default))]
pub struct PhaseCriteria {
    /// `**Automated**` checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub automated: Vec<ChecklistItem>,
    /// `**Manual**` checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manual: Vec<ChecklistItem>,
    /// Whether the checks are written as plain bullets (`- npm test passes`), not as
    /// checkboxes: they are then not tasks, `checked` is always false, and progress does
    /// not count them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bullets: bool,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A `## Progress` section: a note, then per phase its checks to tick.
///
/// ```markdown
/// ## Progress
///
/// ### Phase 1: Device-side mode visibility
///
/// #### Automated
///
/// - [x] 1.1 `npm run typecheck` passes — 51d85c3
/// ```
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct ProgressLog {
    /// Prose before the first phase (a convention note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// Each `### ` phase heading's text and its `#### ` checklists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<ProgressPhase>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// One phase of a [`ProgressLog`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into)))]
pub struct ProgressPhase {
    /// The `###` heading's text (`Phase 1: Device-side mode visibility`).
    #[builder(!default)]
    pub name: String,
    /// The checklists under `####` headings (`Automated`, `Manual`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<ChecklistGroup>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Testing Strategy`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ScopedTestingStrategy")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct TestingStrategy {
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### Unit Tests`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_tests: Option<TestSuite>,
    /// `### Integration Tests`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_tests: Option<TestSuite>,
    /// `### Manual Testing` checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manual_testing: Vec<ChecklistItem>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
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

/// A suite of tests with where it lives and what it covers.
///
/// ```markdown
/// - **Location**: `/path/to/tests/`
/// - **Coverage**: [What we're testing]
///   - [ ] [Test case 1]
/// ```
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ScopedTestSuite")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct TestSuite {
    /// `**Location**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<FileRef>,
    /// `**Coverage**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Markdown>,
    /// The test cases under the coverage line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<ChecklistItem>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Rollout & Deployment`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Rollout {
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### Deployment Strategy` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deployment_strategy: Vec<Markdown>,
    /// `### Rollback Plan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback_plan: Option<RollbackPlan>,
    /// `### Monitoring`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
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

/// `### Rollback Plan`: `**Trigger**` and `**Steps**`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct RollbackPlan {
    /// `**Trigger**`: when to roll back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Markdown>,
    /// `**Steps**`: how to roll back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `### Monitoring`: `**Metrics to watch**` and `**Alerts**`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Monitoring {
    /// `**Metrics to watch**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Markdown>,
    /// `**Alerts**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alerts: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## References`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct References {
    /// Prose right under the section's heading, before its first sub-section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// `### Related Tickets`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_tickets: Vec<Ticket>,
    /// `### Research & Documentation` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub research: Vec<Markdown>,
    /// `### Code References`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code_references: Vec<CodeReference>,
    /// Sub-sections the template does not name whose content is one list: their
    /// heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
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

/// `- [TICKET-123]: [Related work]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Ticket {
    /// The ticket's id as written.
    #[builder(!default)]
    pub id: String,
    /// What the ticket is about, after the colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `- **Similar implementation**: `/path/to/similar-code.ext:123-456``.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(setter(into)))]
pub struct CodeReference {
    /// The bold label (`Pattern to follow`).
    pub label: String,
    /// The file and lines referred to.
    pub location: FileRef,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `- [ ] ~~Question 1~~ - **Resolved**: [Answer]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct OpenQuestion {
    /// Whether the question's box is ticked.
    pub checked: bool,
    /// The question (struck through once resolved).
    #[builder(!default)]
    pub question: Markdown,
    /// The answer after `**Resolved**:`, once there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// A row of the `## Change Log` table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(setter(into)))]
pub struct ChangeLogEntry {
    /// `Date`.
    pub date: TypedOrRaw<Date>,
    /// `Author`.
    pub author: Markdown,
    /// `Change`.
    pub change: Markdown,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

impl crate::view::Outline for ScopedPlan {
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        use crate::view::visit_items;
        for phase in &self.phases {
            if let Some(criteria) = phase.success_criteria.as_ref().filter(|c| !c.bullets) {
                visit_items(&criteria.automated, visit);
                visit_items(&criteria.manual, visit);
            }
        }
        for group in self.checklist_sections.iter().chain(
            self.group_sections
                .iter()
                .flat_map(|section| &section.checklists),
        ) {
            visit_items(&group.items, visit);
        }
        for phase in self.progress.iter().flat_map(|log| &log.phases) {
            for group in &phase.groups {
                visit_items(&group.items, visit);
            }
        }
        if let Some(testing) = &self.testing_strategy {
            for suite in [&testing.unit_tests, &testing.integration_tests]
                .into_iter()
                .flatten()
            {
                visit_items(&suite.cases, visit);
            }
            visit_items(&testing.manual_testing, visit);
        }
        for question in &self.open_questions {
            visit(question.checked);
        }
        let extras = self
            .current_state
            .iter()
            .flat_map(|s| &s.extra)
            .chain(self.desired_end_state.iter().flat_map(|s| &s.extra))
            .chain(self.approach.iter().flat_map(|s| &s.extra))
            .chain(self.phases.iter().flat_map(|phase| &phase.extra))
            .chain(self.testing_strategy.iter().flat_map(|s| &s.extra))
            .chain(self.rollout.iter().flat_map(|s| &s.extra))
            .chain(self.references.iter().flat_map(|s| &s.extra))
            .chain(self.group_sections.iter().flat_map(|s| &s.extra));
        crate::view::visit_verbatim(extras, visit);
        for kept in &self.extra_sections {
            kept.checkboxes().for_each(&mut *visit);
        }
    }

    fn visit_roles(&self, visit: &mut dyn FnMut(crate::Span, crate::Role)) {
        use crate::Role;
        use crate::view::role_items;
        for phase in &self.phases {
            if let Some(criteria) = phase.success_criteria.as_ref().filter(|c| !c.bullets) {
                role_items(&criteria.automated, Role::Criterion, visit);
                role_items(&criteria.manual, Role::Criterion, visit);
            }
        }
        for phase in self.progress.iter().flat_map(|log| &log.phases) {
            for group in &phase.groups {
                role_items(&group.items, Role::Task, visit);
            }
        }
        if let Some(testing) = &self.testing_strategy {
            for suite in [&testing.unit_tests, &testing.integration_tests]
                .into_iter()
                .flatten()
            {
                role_items(&suite.cases, Role::Criterion, visit);
            }
            role_items(&testing.manual_testing, Role::Criterion, visit);
        }
        for question in &self.open_questions {
            visit(question.span, Role::Checklist);
        }
    }

    fn phases(&self) -> Vec<crate::view::PhaseView<'_>> {
        self.phases
            .iter()
            .map(|phase| crate::view::PhaseView {
                id: Some(&phase.number),
                title: &phase.name,
                status: None,
                span: phase.span,
                tasks: phase
                    .success_criteria
                    .iter()
                    .filter(|criteria| !criteria.bullets)
                    .flat_map(|criteria| {
                        crate::view::item_views(
                            criteria.automated.iter().chain(&criteria.manual),
                            crate::Role::Criterion,
                        )
                    })
                    .collect(),
            })
            .collect()
    }
}
