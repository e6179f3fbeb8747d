//! The `stepwise` kind: phases of numbered steps for an agent to follow in order.
//!
//! ```markdown
//! # Implementation Plan Template
//!
//! Last Updated: {{CURRENT_DATE}}
//!
//! ## Implementation Steps
//!
//! ### Phase 1: [Phase Name]
//! **Objective**: [What this phase accomplishes]
//!
//! #### Step 1.1: [Task Name]
//! - **Description**: [What needs to be done]
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;
use typed_builder::TypedBuilder;

use crate::common::{
    BulletGroup, ChecklistGroup, ChecklistItem, GroupSection, Headings, KeptSection, Markdown,
    Metadata, SchemaVersion, Verbatim,
};
use crate::value::TypedOrRaw;

crate::vocabulary::vocabulary! {
    /// The top-level sections of the `stepwise` template.
    StepwiseSection {
        /// `## TLDR`.
        Tldr = ("tldr", "TLDR", ["tldr", "tl dr", "summary"]),
        /// `## Purpose`.
        Purpose = ("purpose", "Purpose", ["purpose", "overview", "project overview", "goal", "goals", "概要", "概述"]),
        /// `## Phase Overview`.
        PhaseOverview = ("phase_overview", "Phase Overview", ["phase overview"]),
        /// `## Implementation Steps`.
        Phases = ("phases", "Implementation Steps", ["implementation steps", "implementation phases", "phases", "stage breakdown", "stages"]),
        /// `## Technical Specifications`.
        TechnicalSpecifications = ("technical_specifications", "Technical Specifications", ["technical specifications", "technical details"]),
        /// `## Testing Strategy`.
        TestingStrategy = ("testing_strategy", "Testing Strategy", ["testing strategy", "test strategy", "testing"]),
        /// `## Rollout Plan`.
        RolloutPlan = ("rollout_plan", "Rollout Plan", ["rollout plan", "rollout"]),
        /// `## Success Criteria`.
        SuccessCriteria = ("success_criteria", "Success Criteria", ["success criteria", "success metrics", "验收标准", "验收标准总结", "成功基準", "成功基准"]),
        /// `## Notes & Considerations`.
        Notes = ("notes", "Notes & Considerations", ["notes and considerations", "notes", "considerations"]),
    }
}

/// A plan of the `stepwise` kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct StepwisePlan {
    /// The version of the JSON shape.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The top heading's text (`# Implementation Plan Template`).
    #[builder(!default)]
    pub title: String,
    /// Heading lines as the author wrote them, where they are not the template's, keyed by
    /// the part of the plan they open: `tldr`, `purpose`, `phase_overview`, `phases` (for
    /// `## Implementation Steps`, written `## Implementation Phases` or `## Stage
    /// Breakdown` in many plans), `technical_specifications`, `testing_strategy`,
    /// `rollout_plan`, `success_criteria`, `notes`. Rendering writes such a line in place
    /// of the template's heading.
    #[serde(default, skip_serializing_if = "Headings::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub headings: Headings,
    /// The `Last Updated:` line's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<TypedOrRaw<Date>>,
    /// The paragraph that introduces the plan, before `## TLDR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Markdown>,
    /// `## TLDR`: the one-sentence summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tldr: Option<Markdown>,
    /// `## Purpose`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Markdown>,
    /// `## Phase Overview`: the bold lines that frame the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_overview: Option<PhaseOverview>,
    /// `## Implementation Steps`: the phases, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Top-level sections the template does not name that hold `###` phases (`## ✅
    /// Completed` and `## 🎯 Next` over the phases done and to do), rendered after the
    /// phases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phase_sections: Vec<PhaseSection>,
    /// Whether the phases are top-level `##` sections (`## Phase 1: …`, `## 三、Stage
    /// 24.1：…`, as many plans write them) rather than `###` sections under `##
    /// Implementation Steps`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub phases_at_top: bool,
    /// `## Technical Specifications`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technical_specifications: Option<TechnicalSpecifications>,
    /// `## Testing Strategy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub testing_strategy: Option<TestingStrategy>,
    /// `## Rollout Plan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout_plan: Option<RolloutPlan>,
    /// `## Success Criteria`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criteria: Option<SuccessCriteria>,
    /// `## Notes & Considerations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<NotesAndConsiderations>,
    /// The closing `**Usage**:` line after the final rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Markdown>,
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

/// `## Phase Overview`: bold `Key: value` lines.
///
/// ```markdown
/// **Phase Name**: [Phase/Feature Name]
/// **Implementation Approach**: [High-level approach]
/// **Dependencies**: [What must be completed first]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct PhaseOverview {
    /// `**Phase Name**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_name: Option<Markdown>,
    /// `**Implementation Approach**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_approach: Option<Markdown>,
    /// `**Dependencies**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependencies: Option<Markdown>,
    /// Bold lines with other keys, in source order.
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

/// `### Phase N: Name` under `## Implementation Steps`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepwisePhase")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Phase {
    /// The phase's number as written (`1`, `2A`, `1.5`).
    #[builder(!default)]
    pub number: String,
    /// The phase's name after the colon.
    #[builder(!default)]
    pub name: String,
    /// The heading line as written, when it is not `### Phase N: Name` (`### Stage 8.1:
    /// Name`, `### Step 1: Name`, a phase with an emoji); rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Sub-section headings of the phase as written, keyed by the part they open:
    /// `objective` (`### 目标` in place of the `**Objective**:` line), `current_state`,
    /// `tests`, `implementation`, `approach`, `outcome`, and `steps` (the `###` heading a top-level phase gathers
    /// its `####` steps under, `### 详细步骤`, `### Steps`).
    #[serde(default, skip_serializing_if = "Headings::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub headings: Headings,
    /// `**Objective**`, or the prose under an objective sub-section (`Objective`, `Goal`,
    /// `目标`, `目標`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Markdown>,
    /// Prose under the heading, before the first step, when it is not an objective line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// A sub-section on where things stand before the phase (`Current State`, `Current
    /// Problems`, `当前问题`, `現状の問題`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_state: Option<Markdown>,
    /// A sub-section on how the phase is tested (`Test Scenarios (TDD)`, `Tests`,
    /// `Testing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tests: Option<Markdown>,
    /// A sub-section on how the phase is built (`Implementation Details`,
    /// `Implementation`, `実装詳細`, `实现细节`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Markdown>,
    /// A sub-section on the way the phase goes about it (`Approach`, `Strategy`, `方針`,
    /// `解决方案`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<Markdown>,
    /// A sub-section on what the phase brought or is to bring (`Results`, `Outcome`,
    /// `Expected Outcome`, `成果`, `期待効果`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Markdown>,
    /// The phase's steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// `####` sub-sections that are not steps and whose content is one list
    /// (`#### Acceptance Criteria`, `#### Dependencies`): their heading's text and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<BulletGroup>,
    /// `####` sub-sections that are not steps and whose content is one checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistGroup>,
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

/// A top-level section the template does not name whose `###` sub-sections are phases.
///
/// ```markdown
/// ## ✅ Completed
///
/// ### Phase 7.1: Filter Cleanup
///
/// #### Approach
/// Remove the filters no caller uses.
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct PhaseSection {
    /// The heading's text.
    #[builder(!default)]
    pub name: String,
    /// Prose before the first phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Markdown>,
    /// The phases, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// `###` sub-sections that are not phases, kept verbatim after them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Verbatim>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `#### Step N.M: Name` and its bold bullets.
///
/// ```markdown
/// #### Step 1.1: [Task Name]
/// - **Description**: [What needs to be done]
/// - **Files to Create/Modify**: [Specific files]
/// - **Dependencies**: [What must be done first]
/// - **Validation**: [How to verify completion]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepwiseStep")]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct Step {
    /// The step's number as written (`1.1`).
    #[builder(!default)]
    pub number: String,
    /// The step's name after the colon.
    #[builder(!default)]
    pub name: String,
    /// The heading line as written, when it is not `#### Step N.M: Name` (`#### 1.1
    /// Name`, `#### Step 2: Name`); rendered in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// What the step says in prose, code included, when it is not written as the
    /// template's bold bullets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Markdown>,
    /// `**Description**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Markdown>,
    /// `**Files to Create/Modify**`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Markdown>,
    /// `**Dependencies**`: what must be done first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependencies: Option<Markdown>,
    /// `**Validation**`: how to verify completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Markdown>,
    /// Bold bullets with other labels, in source order (a value may go on over indented
    /// lines, a nested list of files for instance).
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::arbitrary::metadata()")
    )]
    pub other: Metadata,
    /// A `- **Tasks**:` bullet's nested checkbox items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<ChecklistItem>,
    /// The tasks are the step's whole content, a checklist right under its heading,
    /// without the `- **Tasks**:` bullet (`### 1.1 Name` then `- [ ] ...`). A step with
    /// more than its tasks is written with the bullet whatever this says.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare_tasks: bool,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Technical Specifications`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default))]
pub struct TechnicalSpecifications {
    /// `### Architecture Changes` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub architecture_changes: Vec<Markdown>,
    /// `### Data Models` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_models: Vec<Markdown>,
    /// `### Integration Points` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub integration_points: Vec<Markdown>,
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

/// `## Testing Strategy`: checklists of test cases.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepwiseTestingStrategy")]
#[builder(field_defaults(default))]
pub struct TestingStrategy {
    /// `### Unit Tests`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_tests: Vec<ChecklistItem>,
    /// `### Integration Tests`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub integration_tests: Vec<ChecklistItem>,
    /// `### Manual Testing`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manual_testing: Vec<ChecklistItem>,
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

/// `## Rollout Plan`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default))]
pub struct RolloutPlan {
    /// `### Phase Rollout`: the numbered rollout phases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phase_rollout: Vec<RolloutPhase>,
    /// `### Rollback Plan` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollback_plan: Vec<Markdown>,
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

/// One numbered rollout phase: `1. **Phase 1**: [Description] - [Validation criteria]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default, setter(into, strip_option(ignore_invalid))))]
pub struct RolloutPhase {
    /// The bold name (`Phase 1`).
    #[builder(!default)]
    pub name: String,
    /// What is rolled out.
    #[builder(!default)]
    pub description: Markdown,
    /// The validation criteria after ` - `, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Markdown>,
    /// Where it was read from in the markdown source; [`Span::NONE`](crate::Span::NONE)
    /// when it was built in code or read from JSON. Not serialized, and never makes two
    /// nodes differ.
    #[serde(skip)]
    #[builder(default, setter(skip))]
    pub span: crate::Span,
}

/// `## Success Criteria`: technical and functional checklists.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepwiseSuccessCriteria")]
#[builder(field_defaults(default))]
pub struct SuccessCriteria {
    /// `### Technical Success`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub technical: Vec<ChecklistItem>,
    /// `### Functional Success`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functional: Vec<ChecklistItem>,
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

/// `## Notes & Considerations`.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TypedBuilder,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
#[builder(field_defaults(default))]
pub struct NotesAndConsiderations {
    /// `### Implementation Notes` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implementation_notes: Vec<Markdown>,
    /// `### Future Enhancements` bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub future_enhancements: Vec<Markdown>,
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

impl StepwisePlan {
    /// Every phase: those of the implementation steps, then those of each phase section.
    pub fn all_phases(&self) -> impl Iterator<Item = &Phase> {
        self.phases.iter().chain(
            self.phase_sections
                .iter()
                .flat_map(|section| &section.phases),
        )
    }
}

impl crate::view::Outline for StepwisePlan {
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        use crate::view::visit_items;
        if let Some(testing) = &self.testing_strategy {
            visit_items(&testing.unit_tests, visit);
            visit_items(&testing.integration_tests, visit);
            visit_items(&testing.manual_testing, visit);
        }
        if let Some(criteria) = &self.success_criteria {
            visit_items(&criteria.technical, visit);
            visit_items(&criteria.functional, visit);
        }
        for phase in self.all_phases() {
            for step in &phase.steps {
                visit_items(&step.tasks, visit);
            }
            for group in &phase.checklists {
                visit_items(&group.items, visit);
            }
        }
        let checklists = self
            .technical_specifications
            .iter()
            .flat_map(|s| &s.checklists)
            .chain(self.testing_strategy.iter().flat_map(|s| &s.checklists))
            .chain(self.rollout_plan.iter().flat_map(|s| &s.checklists))
            .chain(self.success_criteria.iter().flat_map(|s| &s.checklists))
            .chain(self.notes.iter().flat_map(|s| &s.checklists))
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
            .all_phases()
            .flat_map(|phase| &phase.extra)
            .chain(self.phase_sections.iter().flat_map(|s| &s.extra))
            .chain(self.technical_specifications.iter().flat_map(|s| &s.extra))
            .chain(self.testing_strategy.iter().flat_map(|s| &s.extra))
            .chain(self.rollout_plan.iter().flat_map(|s| &s.extra))
            .chain(self.success_criteria.iter().flat_map(|s| &s.extra))
            .chain(self.notes.iter().flat_map(|s| &s.extra))
            .chain(self.group_sections.iter().flat_map(|s| &s.extra));
        crate::view::visit_verbatim(extras, visit);
        for kept in &self.extra_sections {
            kept.checkboxes().for_each(&mut *visit);
        }
    }

    fn visit_roles(&self, visit: &mut dyn FnMut(crate::Span, crate::Role)) {
        use crate::Role;
        use crate::view::role_items;
        if let Some(testing) = &self.testing_strategy {
            role_items(&testing.unit_tests, Role::Criterion, visit);
            role_items(&testing.integration_tests, Role::Criterion, visit);
            role_items(&testing.manual_testing, Role::Criterion, visit);
        }
        if let Some(criteria) = &self.success_criteria {
            role_items(&criteria.technical, Role::Criterion, visit);
            role_items(&criteria.functional, Role::Criterion, visit);
        }
        for phase in self.all_phases() {
            for step in &phase.steps {
                role_items(&step.tasks, Role::Task, visit);
            }
        }
    }

    fn phases(&self) -> Vec<crate::view::PhaseView<'_>> {
        self.all_phases()
            .map(|phase| crate::view::PhaseView {
                id: Some(&phase.number),
                title: &phase.name,
                status: None,
                span: phase.span,
                tasks: phase
                    .steps
                    .iter()
                    .flat_map(|step| {
                        std::iter::once(crate::view::TaskView {
                            id: Some(&step.number),
                            title: &step.name,
                            checked: None,
                            role: None,
                            span: step.span,
                        })
                        .chain(crate::view::item_views(&step.tasks, crate::Role::Task))
                    })
                    .collect(),
            })
            .collect()
    }
}
