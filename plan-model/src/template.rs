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
use crate::generic::{self, GenericPlan};
use crate::plan::{Kind, Plan};
use crate::poc::{self, PocPlan};
use crate::scoped::{self, ScopedPlan};
use crate::stepwise::{self, StepwisePlan};
use crate::value::{Exclusion, FileAction, Level, TypedOrRaw};

/// The template of `kind` as a plan. The `generic` kind has no template file; its plan is
/// a title and one section with one task.
pub fn plan(kind: Kind) -> Plan {
    match kind {
        Kind::Generic => generic().into(),
        Kind::Atomic => atomic().into(),
        Kind::Feature => feature().into(),
        Kind::Poc => poc().into(),
        Kind::Stepwise => stepwise().into(),
        Kind::Scoped => scoped().into(),
    }
}

/// The skeleton of a `generic` plan: `# [Plan Title]`, then `## Tasks` with one task.
pub fn generic() -> GenericPlan {
    GenericPlan::builder()
        .title("[Plan Title]")
        .sections(vec![
            generic::Section::builder()
                .level(1)
                .title("[Plan Title]")
                .blocks(vec![generic::Block::Markdown {
                    markdown: "\n".to_owned(),
                }])
                .build(),
            generic::Section::builder()
                .level(2)
                .title("Tasks")
                .blocks(vec![
                    generic::Block::Markdown {
                        markdown: "\n".to_owned(),
                    },
                    generic::Block::Task(generic::Task::builder().text("[Task]").build()),
                ])
                .build(),
        ])
        .build()
}

fn strings(items: &[&str]) -> Vec<Markdown> {
    items.iter().map(|&item| item.to_owned()).collect()
}

fn unchecked(items: &[&str]) -> Vec<ChecklistItem> {
    items
        .iter()
        .copied()
        .map(ChecklistItem::unchecked)
        .collect()
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
        span: crate::Span::NONE,
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
                .phase_rollout(vec![
                    rollout("Phase 1"),
                    rollout("Phase 2"),
                    rollout("Phase 3"),
                ])
                .rollback_plan(strings(&[
                    "[Steps to rollback if issues occur]",
                    "[Data preservation strategy]",
                    "[Service restoration procedures]",
                ]))
                .build(),
        )
        .success_criteria(
            stepwise::SuccessCriteria::builder()
                .technical(unchecked(&[
                    "[Technical requirement 1]",
                    "[Technical requirement 2]",
                ]))
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
        exclusion: Some(TypedOrRaw::Typed(exclusion)),
        item: item.to_owned(),
        reason: Some(reason.to_owned()),
        span: crate::Span::NONE,
    };
    let decision = |label: &str| scoped::Decision {
        label: label.to_owned(),
        choice: "[Choice made]".to_owned(),
        rationale: Some("[Rationale]".to_owned()),
        span: crate::Span::NONE,
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
        span: crate::Span::NONE,
    };
    let log = |change: &str| scoped::ChangeLogEntry {
        date: TypedOrRaw::raw("YYYY-MM-DD"),
        author: "[Name]".to_owned(),
        change: change.to_owned(),
        span: crate::Span::NONE,
    };
    ScopedPlan::builder()
        .title("[Brief Description]")
        .date(TypedOrRaw::raw("YYYY-MM-DD"))
        .author("[Name]")
        .status(TypedOrRaw::raw(
            "Draft | In Review | Approved | In Progress | Completed",
        ))
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
                    bullets: false,
                    span: crate::Span::NONE,
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
                    bullets: false,
                    span: crate::Span::NONE,
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
                        .cases(unchecked(&[
                            "[Test case 1]",
                            "[Test case 2]",
                            "[Edge case 1]",
                        ]))
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
                    (
                        "Backwards compatibility",
                        "[Verify existing functionality still works]",
                    ),
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
                    span: crate::Span::NONE,
                })
                .monitoring(scoped::Monitoring {
                    metrics: Some("[What indicates success/failure]".to_owned()),
                    alerts: Some("[What should trigger notifications]".to_owned()),
                    span: crate::Span::NONE,
                })
                .build(),
        )
        .references(
            scoped::References::builder()
                .related_tickets(vec![
                    scoped::Ticket {
                        id: "[TICKET-123]".to_owned(),
                        description: Some("[Related work]".to_owned()),
                        span: crate::Span::NONE,
                    },
                    scoped::Ticket {
                        id: "[TICKET-456]".to_owned(),
                        description: Some("[Dependency or follow-up]".to_owned()),
                        span: crate::Span::NONE,
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
                        span: crate::Span::NONE,
                    },
                    scoped::CodeReference {
                        label: "Pattern to follow".to_owned(),
                        location: file("/path/to/pattern-example.ext:789-1000"),
                        span: crate::Span::NONE,
                    },
                    scoped::CodeReference {
                        label: "Anti-pattern to avoid".to_owned(),
                        location: file("/path/to/what-not-to-do.ext:111-222"),
                        span: crate::Span::NONE,
                    },
                ])
                .build(),
        )
        .open_questions(vec![question("Question 1"), question("Question 2")])
        .change_log(vec![
            log("Initial draft"),
            log("Updated after review feedback"),
        ])
        .build()
}

/// The `feature` template.
pub fn feature() -> FeaturePlan {
    const STATUS: &str = "‚è∏Ô∏è Not Started | \u{f8ff}üöß In Progress | ‚úÖ Complete";
    let task = |number: &str, title: &str, details: &[(Option<&str>, &str)]| {
        feature::Task::builder()
            .number(number)
            .title(title)
            .details(
                details
                    .iter()
                    .map(|&(label, text)| feature::TaskDetail {
                        label: label.map(str::to_owned),
                        text: text.to_owned(),
                        span: crate::Span::NONE,
                    })
                    .collect::<Vec<_>>(),
            )
            .build()
    };
    let task_with_file = |number: &str, path: &str, details: &[(&str, &str)]| {
        let mut task = feature::Task::builder()
            .number(number)
            .title("[Specific task description]")
            .file(file(path))
            .build();
        for &(label, text) in details {
            match label {
                "Changes" => task.changes = Some(text.to_owned()),
                "Tests" => task.tests = Some(text.to_owned()),
                _ => task.details.push(feature::TaskDetail {
                    label: Some(label.to_owned()),
                    text: text.to_owned(),
                    span: crate::Span::NONE,
                }),
            }
        }
        task
    };
    let phase = |number: &str, name: &str| {
        feature::Phase::builder()
            .number(number)
            .name(name)
            .duration("[X days]")
            .status(TypedOrRaw::raw(STATUS))
    };
    let deliverables = unchecked(&["[Concrete deliverable 1]", "[Concrete deliverable 2]"]);
    let objectives = strings(&["[Clear objective 1]", "[Clear objective 2]"]);
    let test_case = |test_type: &str, number: u8| feature::TestCase {
        test_type: test_type.to_owned(),
        description: format!("[Test case {number}]"),
        expected_result: "[Expected]".to_owned(),
        actual_result: "[To be filled]".to_owned(),
        span: crate::Span::NONE,
    };
    let log = |phase: &str| feature::PhaseLogEntry {
        phase: phase.to_owned(),
        planned_end: TypedOrRaw::raw("YYYY-MM-DD"),
        actual_end: TypedOrRaw::raw("[TBD]"),
        notes: "[Notes]".to_owned(),
        span: crate::Span::NONE,
    };
    let signature = |role: &str| feature::Signature {
        role: role.to_owned(),
        name: "[Name]".to_owned(),
        date: Some(TypedOrRaw::raw("[YYYY-MM-DD]")),
        span: crate::Span::NONE,
    };
    let group = |name: &str, items: &[&str]| ChecklistGroup {
        name: name.to_owned(),
        items: unchecked(items),
        span: crate::Span::NONE,
        before: None,
        position: None,
    };
    let table_risk = |risk: &str, impact: Level, likelihood: Level| {
        Risk::builder()
            .risk(risk)
            .impact(TypedOrRaw::Typed(impact))
            .likelihood(TypedOrRaw::Typed(likelihood))
            .mitigation("[Prevention steps]")
            .contingency("[If it happens]")
            .build()
    };
    FeaturePlan::builder()
        .title("[Feature Name]")
        .feature("[Link to Feature Proposal]")
        .branch("feature/[branch-name]")
        .estimated_duration("[X days/weeks]")
        .start_date(TypedOrRaw::raw("[YYYY-MM-DD]"))
        .target_completion(TypedOrRaw::raw("[YYYY-MM-DD]"))
        .assignee("[Developer Name/AI Agent]")
        .executive_summary(
            "[Brief summary of what will be implemented and the approach being taken. This \
             should be understandable by non-technical stakeholders.]",
        )
        .current_state(
            feature::CurrentState::builder()
                .existing_code_structure(CodeBlock::new(
                    "",
                    "[Show relevant current file structure]\nsrc/\n‚îú‚îÄ‚îÄ module1/\n\
                     ‚îÇ   ‚îú‚îÄ‚îÄ existing_file.py\n‚îÇ   ‚îî‚îÄ‚îÄ tests/\n\
                     ‚îî‚îÄ‚îÄ module2/\n",
                ))
                .dependencies_to_modify(
                    [
                        ("`file1.py`", "[What changes needed and why]"),
                        ("`file2.py`", "[What changes needed and why]"),
                        ("Database schema", "[What changes needed]"),
                        ("API contracts", "[What changes needed]"),
                    ]
                    .into_iter()
                    .map(|(target, change)| feature::DependencyChange {
                        target: target.to_owned(),
                        change: Some(change.to_owned()), span: crate::Span::NONE,
                    })
                    .collect::<Vec<_>>(),
                )
                .technical_debt(unchecked(&[
                    "[Technical debt item 1 that will be fixed]",
                    "[Technical debt item 2 that will be fixed]",
                ]))
                .build(),
        )
        .phases(vec![
            phase("1", "[Foundation/Setup]")
                .objectives(objectives.clone())
                .tasks(vec![
                    task_with_file(
                        "1.1",
                        "path/to/file.py",
                        &[
                            ("Changes", "[What will be changed]"),
                            ("Tests", "[What tests will be added]"),
                        ],
                    ),
                    task_with_file(
                        "1.2",
                        "path/to/other_file.py",
                        &[
                            ("Changes", "[What will be changed]"),
                            ("Tests", "[What tests will be added]"),
                        ],
                    ),
                ])
                .deliverables(deliverables.clone())
                .success_criteria(unchecked(&[
                    "All unit tests passing",
                    "Code review completed",
                    "Documentation updated",
                ]))
                .build(),
            phase("2", "[Core Implementation]")
                .objectives(objectives)
                .tasks(vec![
                    task_with_file(
                        "2.1",
                        "path/to/new_file.py",
                        &[
                            ("Implementation details", "[Specifics]"),
                            ("External dependencies", "[Any libraries needed]"),
                        ],
                    ),
                    task(
                        "2.2",
                        "[Specific task description]",
                        &[
                            (Some("API endpoint"), "`POST /api/v1/resource`"),
                            (Some("Request/Response format"), "[Define structure]"),
                            (Some("Validation rules"), "[List rules]"),
                        ],
                    ),
                ])
                .code_structure(CodeBlock::new(
                    "python",
                    "# Example of key implementation\nclass NewFeature:\n    def __init__(self):\n        \
                     # Implementation approach\n        pass\n\n    def core_method(self):\n        \
                     # Algorithm explanation\n        pass\n",
                ))
                .database_changes(CodeBlock::new(
                    "sql",
                    "-- Example migration\nALTER TABLE users\nADD COLUMN new_field VARCHAR(255);\n\n\
                     CREATE INDEX idx_new_field ON users(new_field);\n",
                ))
                .deliverables(deliverables)
                .success_criteria(unchecked(&[
                    "Feature working end-to-end",
                    "Performance benchmarks met",
                    "Integration tests passing",
                ]))
                .build(),
            phase("3", "[Testing & Validation]")
                .objectives(strings(&[
                    "Ensure comprehensive test coverage",
                    "Validate performance requirements",
                    "Security verification",
                ]))
                .tasks(vec![
                    task(
                        "3.1",
                        "Write unit tests",
                        &[
                            (Some("Target coverage"), "‚â• 90%"),
                            (Some("Edge cases to test"), "[List them]"),
                        ],
                    ),
                    task(
                        "3.2",
                        "Write integration tests",
                        &[
                            (Some("Test scenarios"), "[List key scenarios]"),
                            (Some("External service mocking"), "[What needs mocking]"),
                        ],
                    ),
                    task(
                        "3.3",
                        "Performance testing",
                        &[
                            (Some("Load test scenarios"), "[Define scenarios]"),
                            (Some("Performance targets"), "[Define metrics]"),
                        ],
                    ),
                    task(
                        "3.4",
                        "Security testing",
                        &[
                            (None, "Input validation testing"),
                            (None, "Authentication/authorization verification"),
                            (None, "Dependency vulnerability scan"),
                        ],
                    ),
                ])
                .test_plan(vec![
                    test_case("Unit", 1),
                    test_case("Integration", 2),
                    test_case("E2E", 3),
                ])
                .deliverables(unchecked(&[
                    "All tests written and passing",
                    "Test coverage report",
                    "Performance test results",
                    "Security scan report",
                ]))
                .build(),
            phase("4", "[Documentation & Deployment Prep]")
                .objectives(strings(&[
                    "Complete all documentation",
                    "Prepare deployment artifacts",
                    "Create rollback plan",
                ]))
                .tasks(vec![
                    task(
                        "4.1",
                        "Update user documentation",
                        &[
                            (None, "README updates"),
                            (None, "API documentation"),
                            (None, "Configuration guide"),
                        ],
                    ),
                    task(
                        "4.2",
                        "Update developer documentation",
                        &[
                            (None, "Architecture diagrams"),
                            (None, "Code comments"),
                            (None, "Development setup guide"),
                        ],
                    ),
                    task(
                        "4.3",
                        "Create deployment artifacts",
                        &[
                            (None, "Migration scripts"),
                            (None, "Configuration templates"),
                            (None, "Feature flags setup"),
                        ],
                    ),
                    task(
                        "4.4",
                        "Create rollback plan",
                        &[
                            (None, "Rollback scripts"),
                            (None, "Data backup strategy"),
                            (None, "Feature flag killswitch"),
                        ],
                    ),
                ])
                .documentation_checklist(unchecked(&[
                    "API documentation updated",
                    "README.md updated",
                    "CHANGELOG.md updated",
                    "Migration guide created",
                    "Configuration documentation",
                    "Troubleshooting guide",
                ]))
                .deliverables(unchecked(&[
                    "Complete documentation package",
                    "Deployment scripts",
                    "Rollback procedures",
                ]))
                .build(),
        ])
        .risk_mitigation(
            feature::RiskMitigation::builder()
                .technical_risks(vec![
                    table_risk("[Risk 1]", Level::High, Level::Low),
                    table_risk("[Risk 2]", Level::Medium, Level::Medium),
                ])
                .schedule_risks(vec![
                    Risk::builder()
                        .risk("Phase 2 taking longer than estimated")
                        .mitigation("Daily progress checks, early escalation")
                        .contingency("Reduce scope to MVP features")
                        .build(),
                ])
                .resource_risks(vec![
                    Risk::builder()
                        .risk("Key dependency unavailable")
                        .mitigation("Identify alternatives early")
                        .contingency("Implement workaround")
                        .build(),
                ])
                .build(),
        )
        .communication_plan(
            feature::CommunicationPlan::builder()
                .status_updates(vec![
                    LabeledItem::new("Daily", "Update TODO progress in work tracking system"),
                    LabeledItem::new("Weekly", "Summary in team channel"),
                    LabeledItem::new("Phase Completion", "Detailed report to stakeholders"),
                ])
                .escalation_path(strings(&[
                    "Technical blockers ‚Üí Technical Lead",
                    "Scope questions ‚Üí Product Owner",
                    "Resource issues ‚Üí Project Manager",
                ]))
                .review_points(unchecked(&[
                    "Phase 1 completion review",
                    "Phase 2 code review",
                    "Phase 3 test review",
                    "Final implementation review",
                ]))
                .build(),
        )
        .definition_of_done(vec![
            group(
                "Code Quality",
                &[
                    "All code follows style guide",
                    "No linting errors",
                    "Type checking passes",
                    "Code review approved",
                ],
            ),
            group(
                "Testing",
                &[
                    "Unit test coverage ‚â• 90%",
                    "All integration tests passing",
                    "Manual testing completed",
                    "Performance benchmarks met",
                ],
            ),
            group(
                "Documentation",
                &[
                    "Code comments complete",
                    "API documentation updated",
                    "User guide updated",
                    "Deployment guide created",
                ],
            ),
            group(
                "Deployment",
                &[
                    "Feature flag configured",
                    "Monitoring alerts set up",
                    "Rollback plan tested",
                    "Stakeholders notified",
                ],
            ),
        ])
        .progress_tracking(
            feature::ProgressTracking::builder()
                .daily_checklist(CodeBlock::new(
                    "",
                    "Date: YYYY-MM-DD\n- [ ] Yesterday: [What was completed]\n\
                     - [ ] Today: [What will be worked on]\n- [ ] Blockers: [Any impediments]\n\
                     - [ ] Help Needed: [Specific assistance required]\n",
                ))
                .phase_completion_log(vec![
                    log("Phase 1"),
                    log("Phase 2"),
                    log("Phase 3"),
                    log("Phase 4"),
                ])
                .build(),
        )
        .lessons_learned(
            feature::LessonsLearned::builder()
                .intro("[To be filled during/after implementation]")
                .what_worked_well(strings(&["[Success 1]", "[Success 2]"]))
                .what_could_be_improved(strings(&["[Improvement 1]", "[Improvement 2]"]))
                .recommendations(strings(&["[Recommendation 1]", "[Recommendation 2]"]))
                .build(),
        )
        .references(strings(&[
            "[Link to feature proposal]",
            "[Link to design documents]",
            "[Link to API specifications]",
            "[Link to related issues/tickets]",
        ]))
        .sign_off(vec![
            feature::SignOffGroup {
                title: "Plan Approved By".to_owned(),
                signatures: vec![signature("Technical Lead"), signature("Product Owner")], span: crate::Span::NONE,
            },
            feature::SignOffGroup {
                title: "Implementation Completed".to_owned(),
                signatures: vec![signature("Developer"), signature("Reviewer")], span: crate::Span::NONE,
            },
        ])
        .closing_comment(
            "<!-- SELF-REVIEW CHECKPOINT\nBefore finalizing, verify:\n\
             - All required sections are complete\n- Content addresses original requirements\n\
             - Technical accuracy and consistency\n- No gaps or contradictions\n-->",
        )
        .build()
}

/// The `poc` template.
pub fn poc() -> PocPlan {
    const AFFECTED: &str = "cd [directory] && uv run pytest tests/test_[affected1].py \
                            tests/test_[affected2].py -v --tb=short\n";
    const RUN_CLASS: &str =
        "cd [directory] && uv run pytest tests/test_[name]_*.py::Test[ClassName] -v\n";
    let bash = |code: &str| CodeBlock::new("bash", code);
    let python = |code: &str| CodeBlock::new("python", code);
    let add_tests = |code: &str| poc::CodeSnippet {
        target: Some("add to `tests/test_[name]_*.py`".to_owned()),
        block: python(code),
        span: crate::Span::NONE,
    };
    let files = |rows: &[(&str, FileAction, &str)]| {
        rows.iter()
            .map(|&(path, action, status)| poc::FileToChange {
                file: file(path),
                action: TypedOrRaw::Typed(action),
                status: Some(status.to_owned()),
                other: Default::default(),
                span: crate::Span::NONE,
            })
            .collect::<Vec<_>>()
    };
    let risk = |name: &str| {
        Risk::builder()
            .risk(name)
            .likelihood(TypedOrRaw::raw("H/M/L"))
            .mitigation("[Strategy]")
            .build()
    };
    let test_file = |path: &str| poc::TestFile {
        file: file(path),
        tests: Some("~X".to_owned()),
        covers: Some("[Description]".to_owned()),
        span: crate::Span::NONE,
    };
    PocPlan::builder()
        .title("[Name]")
        .track_progress(
            "See `docs/[name]-results.md` for implementation status, test results, and issues.",
        )
        .overview(
            poc::Overview::builder()
                .name("[Name]")
                .proves("[What this validates]")
                .production_grade_because("[Why this isn't a toy/mock]")
                .callouts(vec![poc::Callout {
                    icon: Some("⚠️".to_owned()),
                    label: "Self-Contained Requirement".to_owned(),
                    text: "This work must be complete and functional on its own. All existing \
                           functionality must continue working. If adding new capability could \
                           break existing code, add alongside (don't replace). See \
                           `references/2-planning-guide.md` for details."
                        .to_owned(), span: crate::Span::NONE,
                }])
                .build(),
        )
        .prerequisites(
            poc::Prerequisites::builder()
                .intro("Complete these BEFORE starting implementation steps.")
                .items(vec![
                    poc::Prerequisite::builder()
                        .number("1")
                        .name("Identify Affected Tests")
                        .why_needed("Run only affected tests during implementation (not full suite)")
                        .affected_test_files(
                            ["tests/test_[affected1].py", "tests/test_[affected2].py"]
                                .into_iter()
                                .map(|path| poc::FileNote {
                                    file: file(path),
                                    description: Some("[What it tests]".to_owned()), span: crate::Span::NONE,
                                })
                                .collect::<Vec<_>>(),
                        )
                        .baseline_verification(bash(&format!(
                            "{AFFECTED}# Expected: All pass (establishes baseline)\n"
                        )))
                        .build(),
                    poc::Prerequisite::builder()
                        .number("2")
                        .name("[Prerequisite Name]")
                        .why_needed("[Why this PoC requires it]")
                        .steps(strings(&["[Setup step 1]", "[Setup step 2]", "[Setup step 3]"]))
                        .commands(bash("# [Description]\n[actual commands to run]\n"))
                        .verification(bash(
                            "# [What to verify]\n[command to verify it's working]\n\
                             # Expected: [what success looks like]\n",
                        ))
                        .build(),
                    poc::Prerequisite::builder()
                        .number("3")
                        .name("[Prerequisite Name]")
                        .description("...")
                        .build(),
                ])
                .build(),
        )
        .success_criteria(poc::Checklist {
            intro: Some("From `docs/[source-doc].md`:".to_owned()),
            items: unchecked(&[
                "[Criterion 1 - specific, measurable]",
                "[Criterion 2 - specific, measurable]",
                "[Criterion 3 - specific, measurable]",
                "[Criterion 4 - specific, measurable]",
            ]), span: crate::Span::NONE,
        })
        .architecture(
            poc::Architecture::builder()
                .file_structure(CodeBlock::new(
                    "",
                    "[project-root]/\n├── [new-folder]/\n│   ├── __init__.py           # [Purpose]\n\
                     │   ├── [file1.py]            # [Purpose]\n\
                     │   └── [file2.py]            # [Purpose]\n\
                     ├── [existing-file.py]        # Updated\n└── tests/\n    \
                     └── test_[name]_*.py # All tests\n",
                ))
                .design_principles(labeled(&[
                    ("OOP Design", "Use classes with single responsibility and clear interfaces"),
                    (
                        "Pydantic Models",
                        "All data structures (configs, payloads, records) use Pydantic BaseModel",
                    ),
                    ("Strong Typing", "Type hints on all functions, methods, and class attributes"),
                    ("[Additional Principle]", "[Description if needed]"),
                ]))
                .build(),
        )
        .implementation(
            poc::Implementation::builder()
                .approach(
                    "[Brief description of implementation strategy - e.g., \"Build bottom-up\", \
                     \"Test each layer independently\", etc.]",
                )
                .steps(vec![
                    poc::Step::builder()
                        .number("0")
                        .name("[Setup/Infrastructure]")
                        .goal("[What this step accomplishes]")
                        .tasks(unchecked(&["[Task 1]", "[Task 2]", "[Task 3]"]))
                        .code(poc::CodeSnippet {
                            target: None,
                            block: bash(
                                "# [Description of what these commands do]\n\
                                 [actual commands to run]\n",
                            ), span: crate::Span::NONE,
                        })
                        .verification(bash(
                            "[command to verify step is complete]\n\
                             # Expected: [what success looks like]\n",
                        ))
                        .output("[What's created/changed]")
                        .build(),
                    poc::Step::builder()
                        .number("1")
                        .name("[Name] + Tests")
                        .goal("[What this step accomplishes]")
                        .tasks(unchecked(&[
                            "[Implementation task 1]",
                            "[Implementation task 2]",
                            "[Write tests]",
                        ]))
                        .code(poc::CodeSnippet {
                            target: Some("add to `[file-path]`".to_owned()),
                            block: python("\"\"\"[Description].\"\"\"\n\n[actual code to write]\n"), span: crate::Span::NONE,
                        })
                        .tests(add_tests(
                            "\"\"\"Tests for [what this step does].\"\"\"\n\n\
                             class Test[ClassName]:\n    \"\"\"Tests for [component].\"\"\"\n\n    \
                             def test_[what_it_tests](self):\n        \"\"\"[Description].\"\"\"\n        \
                             # Arrange\n        [setup]\n\n        # Act\n        [action]\n\n        \
                             # Assert\n        [verification]\n",
                        ))
                        .verification(bash(RUN_CLASS))
                        .output("[X]/[X] tests passing")
                        .build(),
                    poc::Step::builder()
                        .number("2")
                        .name("[Name] + Tests")
                        .goal("[What this step accomplishes]")
                        .tasks(unchecked(&["[Task 1]", "[Task 2]", "[Write tests]"]))
                        .code(poc::CodeSnippet {
                            target: Some("update `[file-path]`".to_owned()),
                            block: python("[actual code to write]\n"), span: crate::Span::NONE,
                        })
                        .tests(add_tests(
                            "class Test[ClassName]:\n    \"\"\"Tests for [component].\"\"\"\n\n    \
                             def test_[scenario](self):\n        \"\"\"[Description].\"\"\"\n        \
                             [test code]\n",
                        ))
                        .verification(bash(RUN_CLASS))
                        .output("[X]/[X] tests passing")
                        .build(),
                    poc::Step::builder()
                        .number("[N]")
                        .name("[Final Integration/Validation]")
                        .goal("[What this final step accomplishes]")
                        .tasks(unchecked(&[
                            "[Integration task 1]",
                            "[Integration task 2]",
                            "[Final validation]",
                        ]))
                        .tests(add_tests(
                            "class Test[Integration]:\n    \
                             \"\"\"Integration tests for [PoC name].\"\"\"\n\n    \
                             def test_[end_to_end_scenario](self):\n        \
                             \"\"\"[Description].\"\"\"\n        [test code]\n",
                        ))
                        .verification(bash(&format!(
                            "# Run affected tests (identified in Prerequisites)\n{AFFECTED}\
                             # Expected: All pass\n\n\
                             # (Optional) Full suite - only if time permits (~2+ min)\n\
                             # cd [directory] && uv run pytest tests/ -v --tb=short\n"
                        )))
                        .output("Affected tests passing")
                        .build(),
                ])
                .build(),
        )
        .test_summary(
            poc::TestSummary::builder()
                .affected_tests(vec![
                    test_file("tests/test_[affected1].py"),
                    test_file("tests/test_[affected2].py"),
                ])
                .affected_total("~X tests")
                .full_suite("~X tests (optional - only run at checkpoints or if time permits)")
                .build(),
        )
        .production_checklist(poc::Checklist {
            intro: Some("Before marking PoC complete, verify:".to_owned()),
            items: labeled_unchecked(&[
                ("OOP Design", "Classes with single responsibility and clear interfaces"),
                (
                    "Pydantic Models",
                    "All data structures use Pydantic (no raw dicts for structured data)",
                ),
                ("Strong Typing", "Type hints on all functions, methods, and class attributes"),
                ("No mock data", "All data comes from real sources (DB, API, files)"),
                ("Real integrations", "External services are actually connected, not stubbed"),
                ("Error handling", "Failures are handled, not ignored"),
                ("Scalable patterns", "Code structure would work at 10x scale"),
                ("Tests exist", "pytest covers the critical paths"),
                ("Verification uses pytest", "Not inline Python (unless truly necessary)"),
                (
                    "Config externalized",
                    "No hardcoded secrets or environment-specific values",
                ),
                ("Clean separation", "Each file has single responsibility"),
                (
                    "Self-contained",
                    "Works independently; all existing functionality still works; doesn't \
                     require future PoCs",
                ),
            ]), span: crate::Span::NONE,
        })
        .done_looks_like(bash(&format!(
            "# 1. Affected tests pass\n{AFFECTED}# Expected: All pass\n\n\
             # 2. (Optional) Full suite - only if time permits\n\
             # cd [directory] && uv run pytest tests/ -v --tb=short\n# Expected: All pass\n\n\
             # 3. [Specific functionality works - via MCP tool, CLI command, or pytest]\n\
             [command to demonstrate]\n# Expected: [what success looks like]\n"
        )))
        .files(files(&[
            ("[path/to/new-file.py]", FileAction::Create, "Pending: [purpose]"),
            ("[path/to/existing-file.py]", FileAction::Modify, "Pending: [what changes]"),
            ("tests/test_[name]_*.py", FileAction::Create, "Pending: all tests"),
            ("pyproject.toml", FileAction::Modify, "Pending: [dependencies]"),
        ]))
        .dependencies(
            poc::Dependencies::builder()
                .intro("Update `[path/to/pyproject.toml]`:")
                .manifest(CodeBlock::new(
                    "toml",
                    "dependencies = [\n    \"[existing-dep]>=X.Y.Z\",\n    \
                     \"[new-dep]>=X.Y.Z\",  # Add for [reason]\n    ...\n]\n",
                ))
                .then_run(bash("cd [directory] && uv sync\n"))
                .build(),
        )
        .risks(vec![risk("[Risk 1]"), risk("[Risk 2]")])
        .error_codes(
            poc::ErrorCodes::builder()
                .note("(Optional - only if this PoC introduces new error codes)")
                .codes(vec![poc::ErrorCode {
                    code: "[ERROR_CODE]".to_owned(),
                    meaning: Some("[Description]".to_owned()),
                    used_by: Some("[function/tool]".to_owned()), span: crate::Span::NONE,
                }])
                .build(),
        )
        .next_steps(strings(&[
            "✅ Verify affected tests pass (~X tests)",
            "✅ Verify [specific success criteria]",
            "→ Proceed to next task: [Next task]",
        ]))
        .build()
}

/// The `atomic` template.
pub fn atomic() -> AtomicPlan {
    let component = |name: &str, path: &str, note: Option<&str>, items: Vec<Markdown>| Component {
        name: name.to_owned(),
        path: Some(file(path)),
        note: note.map(str::to_owned),
        suffix: None,
        items,
        indent: None,
        span: crate::Span::NONE,
    };
    let responsibilities = |count: usize| {
        (1..=count)
            .map(|n| format!("[Key feature or responsibility {n}]"))
            .collect::<Vec<_>>()
    };
    let numbered = |prefix: &str, count: usize| {
        (1..=count)
            .map(|n| format!("[{prefix} {n}]"))
            .collect::<Vec<_>>()
    };
    let categories = || {
        (1..=6)
            .map(|n| {
                ListItem::labeled(
                    format!("[Feature category {n}]"),
                    "[Detailed requirement description]",
                )
            })
            .collect::<Vec<_>>()
    };
    let requirements = |component: &str, requirements: Vec<ListItem>| ComponentRequirements {
        component: component.to_owned(),
        suffix: None,
        requirements,
        span: crate::Span::NONE,
    };
    let subsection = |title: &str, blocks: Vec<DetailBlock>| DetailSubsection {
        title: title.to_owned(),
        blocks,
        span: crate::Span::NONE,
    };
    let code = |label: Option<&str>, code: &str| DetailBlock {
        label: label.map(str::to_owned),
        code: Some(CodeBlock::new("python", code)),
        ..DetailBlock::builder().build()
    };
    let list = |label: Option<&str>, ordered: bool, items: &[(&str, &str)]| DetailBlock {
        label: label.map(str::to_owned),
        ordered,
        items: labeled(items),
        ..DetailBlock::builder().build()
    };
    let section = |icon: &str, title: &str, subsections: Vec<DetailSubsection>| DetailSection {
        icon: Some(format!("\u{f8ff}{icon}")),
        title: title.to_owned(),
        subsections,
        extra: Vec::new(),
        span: crate::Span::NONE,
    };
    let guideline = |section: &str, text: Option<&str>, items: &[&str]| Guideline {
        section: section.to_owned(),
        text: text.map(str::to_owned),
        items: strings(items),
        span: crate::Span::NONE,
    };
    AtomicPlan::builder()
        .preamble_title("Implementation Plan Template")
        .guidelines(
            "This template provides a structured approach for creating comprehensive \
             implementation plans. Replace all `[PLACEHOLDER]` sections with specific details \
             for your implementation step.",
        )
        .title("[LAYER/FEATURE NAME]")
        .next_step("[STEP NAME]")
        .summary(
            "Based on the completed [PREVIOUS LAYER/FEATURE], the next step is implementing \
             [BRIEF DESCRIPTION OF WHAT YOU'RE BUILDING].",
        )
        .components(vec![
            component("[Component 1 Name]", "[file/path]", None, responsibilities(4)),
            component("[Component 2 Name]", "[file/path]", None, responsibilities(4)),
            component("[Component 3 Name]", "[file/path]", None, responsibilities(4)),
            component(
                "[Component 4 Name]",
                "[file/path]",
                Some("if applicable"),
                responsibilities(3),
            ),
        ])
        .implementation_requirements(vec![
            requirements("[Component 1 Name]", categories()),
            requirements(
                "[Component 2 Name]",
                vec![ListItem::plain("[Requirement with brief description]"); 6],
            ),
            requirements("[Component 3 Name]", categories()),
        ])
        .test_coverage(vec![
            component("[Test Suite 1 Name]", "[test/file/path]", None, numbered("Test requirement", 4)),
            component("[Test Suite 2 Name]", "[test/file/path]", None, numbered("Test requirement", 4)),
            component("[Test Suite 3 Name]", "[test/file/path]", None, numbered("Test requirement", 4)),
            component(
                "[Integration Test Suite 1]",
                "[test/file/path]",
                None,
                numbered("Integration test requirement", 4),
            ),
            component(
                "[Integration Test Suite 2]",
                "[test/file/path]",
                Some("if applicable"),
                numbered("Integration test requirement", 3),
            ),
        ])
        .dependencies(strings(&[
            "Builds on existing [Component/Class] from `[file/path]`",
            "Uses [Component/Configuration] from `[file/path]`",
            "Uses [Model/Class] from `[file/path]`",
            "Requires [Library/Package] (already in pyproject.toml / needs to be added)",
            "Integration with [existing system/pattern]",
            "[Future integration requirement] for [next layer/feature]",
        ]))
        .success_criteria(labeled(&[
            (
                "[Primary Success Metric]",
                "[Detailed description of what success looks like]",
            ),
            ("[Testing Success Metric]", "[What comprehensive coverage means]"),
            ("[Integration Success Metric]", "[How components work together]"),
            ("[Performance Success Metric]", "[Performance requirements if applicable]"),
            ("[Error Handling Success Metric]", "[Error handling requirements]"),
            (
                "[Code Quality Success Metric]",
                "Passes all checks (ruff, mypy, pre-commit)",
            ),
            ("[Architecture Success Metric]", "[How this prepares for next steps]"),
            (
                "[Pattern Consistency Success Metric]",
                "[How this follows existing patterns]",
            ),
        ]))
        .conclusion(
            "This [BRIEF DESCRIPTION OF PURPOSE] establishes [WHAT FOUNDATION/CAPABILITY IT \
             PROVIDES] needed for [NEXT STEPS/FUTURE FEATURES].",
        )
        .further_details(vec![
            section(
                "üîç",
                "[Problem/Technical Debt Analysis Section]",
                vec![subsection(
                    "[Root Cause/Current Issues]",
                    vec![
                        DetailBlock::builder()
                            .text("[Detailed analysis of what problem this implementation solves. Include:]")
                            .items(
                                [
                                    "Current technical debt or architectural issues",
                                    "Specific code locations with problems (file:line references)",
                                    "Performance bottlenecks or inefficiencies",
                                    "Pattern inconsistencies or violations",
                                ]
                                .into_iter()
                                .map(ListItem::plain)
                                .collect::<Vec<_>>(),
                            )
                            .build(),
                        code(
                            Some("[Current Problematic Code Example]"),
                            "# ‚ùå WRONG: [Description of what's wrong]\n[current_code_example]\n",
                        ),
                        list(
                            Some("[Why This is Technical Debt/Problem]"),
                            true,
                            &[
                                ("[Issue 1]", "[Detailed explanation]"),
                                ("[Issue 2]", "[Detailed explanation]"),
                                ("[Issue 3]", "[Detailed explanation]"),
                            ],
                        ),
                    ],
                )],
            ),
            section(
                "üõ†Ô∏è",
                "[Detailed Implementation Strategy Section]",
                vec![
                    subsection(
                        "[Core Solution Approach]",
                        vec![
                            DetailBlock::builder()
                                .text("[Explain the approach to solving the problem. Include:]")
                                .build(),
                            code(
                                Some("[New Pattern/Solution]"),
                                "# ‚úÖ CORRECT: [Description of the solution]\n[solution_code_example]\n",
                            ),
                        ],
                    ),
                    subsection(
                        "[Detailed Component Implementation]",
                        vec![
                            code(
                                Some("[Component 1 Implementation Details]"),
                                "# [Component 1 implementation example with key methods]\n\
                                 class [ComponentName]:\n    [method_examples_with_explanations]\n",
                            ),
                            code(
                                Some("[Component 2 Implementation Details]"),
                                "# [Component 2 implementation example]\n[detailed_code_examples]\n",
                            ),
                        ],
                    ),
                ],
            ),
            section(
                "üîÑ",
                "[Before/After Transformation Section]",
                vec![
                    subsection(
                        "Before ([Current Implementation])",
                        vec![code(
                            None,
                            "# ‚ùå [Current problematic pattern]\n\
                             [before_code_example_with_detailed_comments_on_issues]\n",
                        )],
                    ),
                    subsection(
                        "After ([New Clean Implementation])",
                        vec![code(
                            None,
                            "# ‚úÖ [New clean pattern]\n\
                             [after_code_example_with_detailed_comments_on_improvements]\n",
                        )],
                    ),
                ],
            ),
            section(
                "üìä",
                "[Benefits Quantification Section]",
                vec![
                    subsection(
                        "[Performance Improvements]",
                        vec![list(
                            None,
                            false,
                            &[
                                ("[Metric 1]", "[Specific improvement with percentage/numbers]"),
                                ("[Metric 2]", "[Specific improvement with percentage/numbers]"),
                                ("[Metric 3]", "[Specific improvement with percentage/numbers]"),
                            ],
                        )],
                    ),
                    subsection(
                        "[Code Quality Improvements]",
                        vec![list(
                            None,
                            false,
                            &[
                                ("[Quality Aspect 1]", "[Detailed explanation of improvement]"),
                                ("[Quality Aspect 2]", "[Detailed explanation of improvement]"),
                                ("[Quality Aspect 3]", "[Detailed explanation of improvement]"),
                            ],
                        )],
                    ),
                    subsection(
                        "[Architectural Improvements]",
                        vec![list(
                            None,
                            false,
                            &[
                                ("[Architecture Aspect 1]", "[How it improves architecture]"),
                                ("[Architecture Aspect 2]", "[How it improves architecture]"),
                                ("[Architecture Aspect 3]", "[How it improves architecture]"),
                            ],
                        )],
                    ),
                ],
            ),
            section(
                "üß™",
                "[Comprehensive Testing Strategy Section]",
                vec![
                    subsection(
                        "[Unit Tests Details]",
                        vec![code(
                            None,
                            "# [Detailed test examples]\nclass Test[ComponentName]:\n    \
                             async def test_[specific_functionality](self):\n        \
                             # [Test implementation example]\n\n    \
                             async def test_[edge_case_or_error_scenario](self):\n        \
                             # [Test implementation example]\n",
                        )],
                    ),
                    subsection(
                        "[Integration Tests Details]",
                        vec![code(
                            None,
                            "# [Integration test examples]\nclass Test[ComponentName]Integration:\n    \
                             async def test_[end_to_end_scenario](self):\n        \
                             # [Integration test example]\n",
                        )],
                    ),
                    subsection(
                        "[Performance/Load Tests]",
                        vec![list(
                            None,
                            false,
                            &[
                                ("[Performance Test 1]", "[Description and expected results]"),
                                ("[Performance Test 2]", "[Description and expected results]"),
                            ],
                        )],
                    ),
                ],
            ),
            section(
                "üéØ",
                "[Migration/Rollout Strategy Section]",
                vec![
                    subsection(
                        "[Implementation Phases]",
                        vec![list(
                            None,
                            true,
                            &[
                                ("[Phase 1]", "[What gets implemented first and why]"),
                                ("[Phase 2]", "[What gets implemented second and why]"),
                                ("[Phase 3]", "[What gets implemented last and why]"),
                            ],
                        )],
                    ),
                    subsection(
                        "[Backwards Compatibility]",
                        vec![list(
                            None,
                            false,
                            &[
                                ("[Compatibility Concern 1]", "[How it's addressed]"),
                                ("[Compatibility Concern 2]", "[How it's addressed]"),
                            ],
                        )],
                    ),
                    subsection(
                        "[Risk Mitigation]",
                        vec![list(
                            None,
                            false,
                            &[
                                ("[Risk 1]", "[Mitigation strategy]"),
                                ("[Risk 2]", "[Mitigation strategy]"),
                            ],
                        )],
                    ),
                ],
            ),
        ])
        .usage_notes(UsageNotes {
            section_guidelines: vec![
                guideline(
                    "Title Structure",
                    Some("Use format \"Current Implementation Plan - [LAYER/FEATURE NAME]\""),
                    &[],
                ),
                guideline(
                    "Next Atomic Step",
                    Some("Should be concise but descriptive of the main goal"),
                    &[],
                ),
                guideline(
                    "What to implement next",
                    None,
                    &[
                        "List 2-4 concrete components with file paths",
                        "Use bullet points for key responsibilities (3-4 per component)",
                        "Order by implementation sequence if dependencies exist",
                    ],
                ),
                guideline(
                    "Implementation Requirements",
                    None,
                    &[
                        "Group by component with clear sub-headers",
                        "Use **bold categories** for major feature groups",
                        "Be specific about technical requirements",
                        "Include performance, error handling, and integration requirements",
                    ],
                ),
                guideline(
                    "Test Coverage Requirements",
                    None,
                    &[
                        "Include both unit and integration tests",
                        "Specify test file paths following project conventions",
                        "Cover all major functionality and edge cases",
                        "Include performance and concurrency testing when relevant",
                    ],
                ),
                guideline(
                    "Dependencies",
                    None,
                    &[
                        "List existing components this builds upon",
                        "Specify new dependencies needed",
                        "Note integration points with other systems",
                        "Include future integration requirements",
                    ],
                ),
                guideline(
                    "Success Criteria",
                    None,
                    &[
                        "Make criteria measurable and specific",
                        "Include code quality, testing, performance, and integration metrics",
                        "Always include code quality checks (ruff, mypy, pre-commit)",
                        "End with what foundation this provides for future work",
                    ],
                ),
                guideline(
                    "Further Implementation Details",
                    None,
                    &[
                        "Use this section for complex implementations that need detailed analysis",
                        "Include problem analysis with specific code references (file:line)",
                        "Provide before/after code examples showing the transformation",
                        "Quantify benefits with specific metrics and percentages",
                        "Include detailed testing strategies with code examples",
                        "Add migration/rollout strategies for complex changes",
                        "Use emojis to organize sections for better readability",
                    ],
                ),
            ],
            best_practices: vec![
                LabeledItem::new(
                    "Atomic Steps",
                    "Each plan should represent one logical implementation unit",
                ),
                LabeledItem::new(
                    "Clear Dependencies",
                    "Explicitly state what must exist before starting",
                ),
                LabeledItem::new(
                    "Comprehensive Testing",
                    "Include both unit and integration test requirements",
                ),
                LabeledItem::new("Pattern Consistency", "Reference existing patterns to follow"),
                LabeledItem::new(
                    "Future Ready",
                    "Consider how this step enables future development",
                ),
                LabeledItem::new(
                    "Measurable Success",
                    "Define clear, testable success criteria",
                ),
            ], span: crate::Span::NONE,
        })
        .build()
}
