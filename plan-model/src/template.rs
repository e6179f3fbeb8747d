//! The five templates as models: each template's placeholders are just the values of the
//! fields, so rendering one of these gives back the template byte for byte.
//!
//! They are the source of the committed `fixtures/templates/<kind>.json` files, and a
//! starting point for a new plan of a kind.
//!
//! ```
//! use plan_model::{Kind, template};
//! let plan = template::plan(Kind::Stepwise);
//! assert_eq!(plan.kind(), Kind::Stepwise);
//! assert_eq!(plan.title(), "Implementation Plan Template");
//! ```

use crate::atomic::{
    AtomicPlan, Component, ComponentRequirements, DetailBlock, DetailSection, DetailSubsection,
    Guideline, UsageNotes,
};
use crate::common::{
    ChecklistGroup, ChecklistItem, CodeBlock, FileRef, LabeledItem, ListItem, Markdown, Risk,
};
use crate::feature::{self, FeaturePlan};
use crate::plan::{Kind, Plan};
use crate::poc::{self, PocPlan};
use crate::scoped::{self, ScopedPlan};
use crate::stepwise::{self, StepwisePlan};
use crate::value::{Exclusion, FileAction, Level, TypedOrRaw};

/// The template of `kind` as a plan.
pub fn plan(kind: Kind) -> Plan {
    match kind {
        Kind::Atomic => atomic().into(),
        Kind::Feature => feature().into(),
        Kind::Poc => poc().into(),
        Kind::Stepwise => stepwise().into(),
        Kind::Scoped => scoped().into(),
    }
}

fn strings(items: &[&str]) -> Vec<Markdown> {
    items.iter().map(|&item| item.to_owned()).collect()
}

fn unchecked(items: &[&str]) -> Vec<ChecklistItem> {
    items.iter().copied().map(ChecklistItem::unchecked).collect()
}

fn labeled_unchecked(items: &[(&str, &str)]) -> Vec<ChecklistItem> {
    items
        .iter()
        .map(|&(label, text)| ChecklistItem::builder().label(label).text(text).build())
        .collect()
}

fn labeled(items: &[(&str, &str)]) -> Vec<ListItem> {
    items
        .iter()
        .map(|&(label, text)| ListItem::labeled(label, text))
        .collect()
}

fn file(path: &str) -> FileRef {
    path.parse().unwrap_or_else(|never| match never {})
}

/// The `stepwise` template.
pub fn stepwise() -> StepwisePlan {
    let step = |number: &str| {
        stepwise::Step::builder()
            .number(number)
            .name("[Task Name]")
            .description("[What needs to be done]")
            .files("[Specific files]")
            .dependencies("[What must be done first]")
            .validation("[How to verify completion]")
            .build()
    };
    let phase = |number: &str, steps: Vec<stepwise::Step>| {
        stepwise::Phase::builder()
            .number(number)
            .name("[Phase Name]")
            .objective("[What this phase accomplishes]")
            .steps(steps)
            .build()
    };
    let rollout = |name: &str| stepwise::RolloutPhase {
        name: name.to_owned(),
        description: "[Description]".to_owned(),
        validation: Some("[Validation criteria]".to_owned()),
    };
    StepwisePlan::builder()
        .title("Implementation Plan Template")
        .last_updated(TypedOrRaw::raw("{{CURRENT_DATE}}"))
        .description("Detailed step-by-step implementation plan for features and project phases.")
        .tldr("One-sentence summary of what this implementation plan covers")
        .purpose(
            "This template provides a comprehensive, step-by-step implementation plan that AI \
             agents can follow to build features systematically.",
        )
        .phase_overview(
            stepwise::PhaseOverview::builder()
                .phase_name("[Phase/Feature Name]")
                .implementation_approach("[High-level approach]")
                .dependencies("[What must be completed first]")
                .build(),
        )
        .phases(vec![
            phase("1", vec![step("1.1"), step("1.2")]),
            phase("2", vec![step("2.1")]),
        ])
        .technical_specifications(
            stepwise::TechnicalSpecifications::builder()
                .architecture_changes(strings(&[
                    "[Specific architectural changes needed]",
                    "[New components or services to create]",
                    "[Existing components to modify]",
                ]))
                .data_models(strings(&[
                    "[New data structures needed]",
                    "[Database schema changes]",
                    "[API contract changes]",
                ]))
                .integration_points(strings(&[
                    "[External services to integrate]",
                    "[Internal service connections]",
                    "[API endpoints to create/modify]",
                ]))
                .build(),
        )
        .testing_strategy(
            stepwise::TestingStrategy::builder()
                .unit_tests(unchecked(&["[Test case 1]", "[Test case 2]"]))
                .integration_tests(unchecked(&["[Test case 1]", "[Test case 2]"]))
                .manual_testing(unchecked(&["[Manual test case 1]", "[Manual test case 2]"]))
                .build(),
        )
        .rollout_plan(
            stepwise::RolloutPlan::builder()
                .phase_rollout(vec![rollout("Phase 1"), rollout("Phase 2"), rollout("Phase 3")])
                .rollback_plan(strings(&[
                    "[Steps to rollback if issues occur]",
                    "[Data preservation strategy]",
                    "[Service restoration procedures]",
                ]))
                .build(),
        )
        .success_criteria(
            stepwise::SuccessCriteria::builder()
                .technical(unchecked(&["[Technical requirement 1]", "[Technical requirement 2]"]))
                .functional(unchecked(&[
                    "[Functional requirement 1]",
                    "[Functional requirement 2]",
                ]))
                .build(),
        )
        .notes(
            stepwise::NotesAndConsiderations::builder()
                .implementation_notes(strings(&[
                    "[Important implementation details]",
                    "[Potential challenges]",
                    "[Alternative approaches]",
                ]))
                .future_enhancements(strings(&[
                    "[Planned future improvements]",
                    "[Extension points]",
                    "[Scalability considerations]",
                ]))
                .build(),
        )
        .usage(
            "AI agents should follow this plan step-by-step, updating progress and validating \
             each step before proceeding to the next.",
        )
        .build()
}

/// The `scoped` template.
pub fn scoped() -> ScopedPlan {
    let existing = |name: &str, path: &str| {
        scoped::ExistingComponent::builder()
            .name(name)
            .description("[Description with file:line references]")
            .file(file(path))
            .current_behavior("[describe]")
            .build()
    };
    let finding = |number: &str, location: &str| {
        scoped::Finding::builder()
            .number(number)
            .name("[Discovery Name]")
            .location(file(location))
            .insight("[What we learned and why it matters]")
            .implication("[How this affects our approach]")
            .build()
    };
    let exclusion = |exclusion: Exclusion, item: &str, reason: &str| scoped::ScopeExclusion {
        exclusion: TypedOrRaw::Typed(exclusion),
        item: item.to_owned(),
        reason: Some(reason.to_owned()),
    };
    let decision = |label: &str| scoped::Decision {
        label: label.to_owned(),
        choice: "[Choice made]".to_owned(),
        rationale: Some("[Rationale]".to_owned()),
    };
    let risk = || {
        Risk::builder()
            .risk("[Potential issue]")
            .mitigation("[How we'll handle it]")
            .build()
    };
    let change = |path: &str| {
        scoped::FileChange::builder()
            .file(file(path))
            .change("[Specific modification]")
            .why("[Rationale]")
            .build()
    };
    let question = |question: &str| scoped::OpenQuestion {
        checked: false,
        question: question.to_owned(),
        resolution: Some("[Answer]".to_owned()),
    };
    let log = |change: &str| scoped::ChangeLogEntry {
        date: TypedOrRaw::raw("YYYY-MM-DD"),
        author: "[Name]".to_owned(),
        change: change.to_owned(),
    };
    ScopedPlan::builder()
        .title("[Brief Description]")
        .date(TypedOrRaw::raw("YYYY-MM-DD"))
        .author("[Name]")
        .status(TypedOrRaw::raw("Draft | In Review | Approved | In Progress | Completed"))
        .overview("[1-2 sentence summary of what we're building and why]")
        .current_state(
            scoped::CurrentState::builder()
                .what_exists(vec![
                    existing("[Component/Area 1]", "/path/to/file.ext:123-145"),
                    existing("[Component/Area 2]", "/path/to/file.ext:67-89"),
                ])
                .whats_missing(strings(&[
                    "[Gap 1]: [Why we need it]",
                    "[Gap 2]: [Impact of not having it]",
                ]))
                .constraints(
                    scoped::Constraints::builder()
                        .technical("[Database limits, API constraints, performance requirements]")
                        .business("[Timeline, dependencies on other teams]")
                        .backwards_compatibility("[What must remain working]")
                        .security_privacy("[Data handling, access control considerations]")
                        .build(),
                )
                .build(),
        )
        .desired_end_state(
            scoped::DesiredEndState::builder()
                .success_definition("[What \"done\" looks like from a user/system perspective]")
                .key_outcomes(strings(&[
                    "[Measurable outcome 1]",
                    "[Measurable outcome 2]",
                    "[Measurable outcome 3]",
                ]))
                .build(),
        )
        .key_discoveries(vec![
            finding("1", "/path/to/file.ext:123"),
            finding("2", "/path/to/file.ext:456"),
        ])
        .not_doing(
            scoped::NotDoing::builder()
                .intro("[Explicitly call out scope boundaries to prevent scope creep]")
                .items(vec![
                    exclusion(
                        Exclusion::NotInScope,
                        "[Thing 1]",
                        "[Reason why/when we might do it later]",
                    ),
                    exclusion(
                        Exclusion::NotInScope,
                        "[Thing 2]",
                        "[Reason why/when we might do it later]",
                    ),
                    exclusion(
                        Exclusion::Deferred,
                        "[Thing 3]",
                        "[Why we're pushing to future work]",
                    ),
                ])
                .build(),
        )
        .approach(
            scoped::Approach::builder()
                .high_level_strategy(
                    "[Overall approach - monolithic vs incremental, feature flags, rollout \
                     strategy]",
                )
                .architecture_decisions(vec![decision("Decision 1"), decision("Decision 2")])
                .risk_mitigation(vec![risk(), risk()])
                .build(),
        )
        .phases(vec![
            scoped::Phase::builder()
                .number("1")
                .name("[Phase Name]")
                .overview("[What this phase accomplishes and why it comes first]")
                .changes(vec![
                    change("/path/to/file.ext"),
                    change("/path/to/another-file.ext"),
                ])
                .success_criteria(scoped::PhaseCriteria {
                    automated: unchecked(&[
                        "All tests pass (`npm test` / `go test ./...`)",
                        "Type checking passes (`tsc --noEmit` / etc)",
                        "Linting passes (`npm run lint`)",
                        "Build succeeds (`npm run build`)",
                    ]),
                    manual: unchecked(&[
                        "[Specific feature works as expected]",
                        "[Edge case X handled correctly]",
                        "[Performance meets requirement Y]",
                    ]),
                })
                .confirmation_gate("[What needs to be verified before moving to Phase 2]")
                .build(),
            scoped::Phase::builder()
                .number("2")
                .name("[Phase Name]")
                .overview("[What this phase accomplishes and why it comes second]")
                .changes(vec![change("/path/to/file.ext")])
                .success_criteria(scoped::PhaseCriteria {
                    automated: unchecked(&["[Specific tests]"]),
                    manual: unchecked(&["[Verification steps]"]),
                })
                .confirmation_gate("[What needs to be verified before moving to Phase 3]")
                .build(),
        ])
        .testing_strategy(
            scoped::TestingStrategy::builder()
                .unit_tests(
                    scoped::TestSuite::builder()
                        .location(file("/path/to/tests/"))
                        .coverage("[What we're testing]")
                        .cases(unchecked(&["[Test case 1]", "[Test case 2]", "[Edge case 1]"]))
                        .build(),
                )
                .integration_tests(
                    scoped::TestSuite::builder()
                        .location(file("/path/to/integration-tests/"))
                        .coverage("[What we're testing end-to-end]")
                        .cases(unchecked(&[
                            "[Integration scenario 1]",
                            "[Integration scenario 2]",
                        ]))
                        .build(),
                )
                .manual_testing(labeled_unchecked(&[
                    ("Happy path", "[Steps to verify main use case]"),
                    ("Edge cases", "[Steps to verify boundary conditions]"),
                    ("Error handling", "[Steps to verify graceful failures]"),
                    ("Performance", "[How to verify performance requirements]"),
                    ("Backwards compatibility", "[Verify existing functionality still works]"),
                ]))
                .build(),
        )
        .rollout(
            scoped::Rollout::builder()
                .deployment_strategy(strings(&[
                    "[Describe rollout approach: feature flags, gradual rollout, all-at-once]",
                ]))
                .rollback_plan(scoped::RollbackPlan {
                    trigger: Some("[When would we rollback]".to_owned()),
                    steps: Some("[How to rollback safely]".to_owned()),
                })
                .monitoring(scoped::Monitoring {
                    metrics: Some("[What indicates success/failure]".to_owned()),
                    alerts: Some("[What should trigger notifications]".to_owned()),
                })
                .build(),
        )
        .references(
            scoped::References::builder()
                .related_tickets(vec![
                    scoped::Ticket {
                        id: "[TICKET-123]".to_owned(),
                        description: Some("[Related work]".to_owned()),
                    },
                    scoped::Ticket {
                        id: "[TICKET-456]".to_owned(),
                        description: Some("[Dependency or follow-up]".to_owned()),
                    },
                ])
                .research(strings(&[
                    "[Link to research document]",
                    "[Link to RFC or design doc]",
                    "[External documentation]",
                ]))
                .code_references(vec![
                    scoped::CodeReference {
                        label: "Similar implementation".to_owned(),
                        location: file("/path/to/similar-code.ext:123-456"),
                    },
                    scoped::CodeReference {
                        label: "Pattern to follow".to_owned(),
                        location: file("/path/to/pattern-example.ext:789-1000"),
                    },
                    scoped::CodeReference {
                        label: "Anti-pattern to avoid".to_owned(),
                        location: file("/path/to/what-not-to-do.ext:111-222"),
                    },
                ])
                .build(),
        )
        .open_questions(vec![question("Question 1"), question("Question 2")])
        .change_log(vec![log("Initial draft"), log("Updated after review feedback")])
        .build()
}

/// The `atomic` template.
pub fn atomic() -> AtomicPlan {
    AtomicPlan::builder().title("x").build()
}

/// The `feature` template.
pub fn feature() -> FeaturePlan {
    FeaturePlan::builder().title("x").build()
}

/// The `poc` template.
pub fn poc() -> PocPlan {
    PocPlan::builder().title("x").build()
}
