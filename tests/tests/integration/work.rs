//! Plans as work: every box has a role (task, criterion, checklist item), `status` counts
//! them apart, and `next` offers the next unit of work as the plan's kind defines it.

use plan_doc::{Document, Unit};
use plan_model::Role;
use plankit_testkit::template;

use crate::support::{corpus, name};

/// The titles of the sections task `task` is in, outermost first.
fn titles(doc: &Document, task: usize) -> Vec<&str> {
    doc.ancestry(doc.tasks()[task].section)
        .into_iter()
        .map(|section| doc.sections()[section].title.as_str())
        .collect()
}

#[test]
fn next_on_a_template_is_the_first_task_of_its_first_phase() {
    for (kind, unit) in [("feature", "Phase 1:"), ("poc", "Step 0:")] {
        let doc = Document::new(template(kind).1);
        let next = doc.next_task().expect("the template has open tasks");
        assert_eq!(doc.roles()[next], Role::Task, "{kind}");
        assert!(
            titles(&doc, next)
                .iter()
                .any(|title| title.starts_with(unit)),
            "{kind}: {:?}",
            titles(&doc, next)
        );
    }
}

#[test]
fn each_templates_boxes_are_counted_by_role() {
    for (kind, counts) in [
        // No boxes: the step's components are numbered items.
        ("atomic", [0, 0, 0]),
        // The phases' 12 tasks; 33 criteria (17 deliverables and success criteria in the
        // phases, 16 in the Definition of Done); 12 checklist items (technical debt 2, the
        // documentation checklist 6, review points 4).
        ("feature", [12, 33, 12]),
        // 3 tasks in each of the 4 steps; 4 success criteria; the 12 items of the
        // Production-Grade Checklist.
        ("poc", [12, 4, 12]),
        // Steps are headings, not boxes: 6 testing-strategy cases and 4 success criteria.
        ("stepwise", [0, 10, 0]),
        // The phases' 9 success criteria and the testing strategy's 10; 2 open questions.
        ("scoped", [0, 19, 2]),
    ] {
        let doc = Document::new(template(kind).1);
        let found = doc.progress_by_role(None, &doc.roles());
        let found = [
            found.task.total,
            found.criterion.total,
            found.checklist.total,
        ];
        assert_eq!(found, counts, "{kind}");
        assert_eq!(counts.iter().sum::<usize>(), doc.progress().total, "{kind}");
    }
}

const PLAN: &str = "# Plan

## Phase 1: Setup

- [ ] Create the project
- [ ] Configure lint

### Success Criteria

- [ ] The build passes

### Review Points

- [ ] Lead review

## Phase 2: Core

- [ ] Write the index

## Definition of Done

- [ ] Documented

## Open Questions

- [ ] Which database?
";

#[test]
fn a_phases_criteria_follow_its_tasks_and_the_plans_own_come_last() {
    let mut doc = Document::new(PLAN);
    let titles: Vec<String> = doc.tasks().iter().map(|task| task.title.clone()).collect();
    let roles: Vec<&str> = doc.roles().into_iter().map(Role::as_str).collect();
    assert_eq!(
        roles,
        [
            "task",
            "task",
            "criterion",
            "checklist",
            "task",
            "criterion",
            "checklist"
        ],
        "{titles:?}"
    );
    let order: Vec<&str> = doc
        .work_order(&doc.roles())
        .into_iter()
        .map(|task| titles[task].as_str())
        .collect();
    assert_eq!(
        order,
        [
            "Create the project",
            "Configure lint",
            "The build passes",
            "Lead review",
            "Write the index",
            "Documented",
            "Which database?"
        ]
    );
    // Ticking through the plan: each answer of `next` is the next in that order.
    let mut seen = Vec::new();
    while let Some(next) = doc.next_task() {
        seen.push(doc.tasks()[next].title.clone());
        assert!(doc.set_checked(next, true));
    }
    assert_eq!(seen, order);
}

#[test]
fn every_corpus_box_has_a_role_and_a_place_in_the_work_order() {
    let Some(files) = corpus() else { return };
    for (path, _, text) in files {
        let name = name(&path);
        let doc = Document::new(text);
        let roles = doc.roles();
        assert_eq!(roles.len(), doc.tasks().len(), "{name}");
        let mut order = doc.work_order(&roles);
        // Tasks keep their order among themselves.
        let tasks: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&task| roles[task] == Role::Task)
            .collect();
        assert!(tasks.is_sorted(), "{name}");
        order.sort_unstable();
        assert!(
            order.iter().copied().eq(0..doc.tasks().len()),
            "{name}: not each box once"
        );
        if let Some(next) = doc.next_task() {
            assert!(!doc.tasks()[next].checked, "{name}");
        }
    }
}

const KIRO: &str = "# Implementation Plan

- [x] 1. Set up the project
  - _Requirements: 1.1_
- [ ] 2. Build the parser
  - Read the headings
  - _Requirements: 2.1, 2.3_
- [ ]* 2.1 Write property tests for the parser
  - _Requirements: 2.1_
- [x]* 2.2 Benchmark the parser
";

#[test]
fn kiro_optional_tasks_are_read_counted_apart_and_offered_when_asked() {
    let mut doc = Document::new(KIRO);
    let optional: Vec<bool> = doc.tasks().iter().map(|task| task.optional).collect();
    assert_eq!(optional, [false, false, true, true]);
    assert_eq!(
        doc.tasks()[2].title,
        "2.1 Write property tests for the parser"
    );
    let requirements: Vec<&[String]> = doc
        .tasks()
        .iter()
        .map(|task| task.requirements.as_slice())
        .collect();
    assert_eq!(requirements, [&["1.1"][..], &["2.1", "2.3"], &["2.1"], &[]]);
    let progress = doc.progress_by_role(None, &doc.roles());
    assert_eq!((progress.task.done, progress.task.total), (1, 2));
    assert_eq!((progress.optional.done, progress.optional.total), (1, 2));
    assert_eq!((doc.progress().done, doc.progress().total), (1, 2));
    // GFM reads `[ ]*` as text, and so does the typed model.
    assert_eq!(doc.parse().plan.progress().total, 2);

    let task = doc.find_task("2").expect("Kiro's `2.` is the task's id");
    assert!(doc.set_checked(task, true));
    assert_eq!(doc.next_task(), None);
    let optional = plan_doc::NextOptions {
        optional: true,
        ..Default::default()
    };
    assert_eq!(doc.next(optional), [2]);
    // Ticking an optional task rewrites its box's one byte.
    let before = doc.source().to_owned();
    assert!(doc.set_checked(2, true));
    let changed: Vec<usize> = before
        .bytes()
        .zip(doc.source().bytes())
        .enumerate()
        .filter(|(_, (old, new))| old != new)
        .map(|(at, _)| at)
        .collect();
    assert_eq!(changed, [doc.tasks()[2].marker.start + 1]);
}

const SPECKIT: &str = "# Tasks: Search

## Phase 1: Setup

- [x] T001 Create the project structure
- [ ] T002 [P] [US1] Create the User model
- [ ] T003 Wire the service
- [ ] T004 [P] [Story 2] Create the Query model
- [ ] T005 [P] Create the Index model, depends on T003

## Phase 2: Core

- [ ] T006 [P] Write the parser
";

#[test]
fn spec_kit_parallel_tasks_of_a_phase_are_offered_together() {
    let doc = Document::new(SPECKIT);
    let tags: Vec<(bool, Option<&str>)> = doc
        .tasks()
        .iter()
        .map(|task| (task.parallel, task.story.as_deref()))
        .collect();
    assert_eq!(
        tags,
        [
            (false, None),
            (true, Some("US1")),
            (false, None),
            (true, Some("Story 2")),
            (true, None),
            (true, None)
        ]
    );
    assert_eq!(doc.tasks()[1].title, "T002 [P] [US1] Create the User model");
    let all = plan_doc::NextOptions {
        all: true,
        ..Default::default()
    };
    // T005 waits for T003; T006 is in another phase.
    let ids: Vec<&str> = doc
        .next(all)
        .into_iter()
        .map(|task| doc.address(task))
        .collect();
    assert_eq!(ids, ["T002", "T004"]);
    assert_eq!(doc.next(plan_doc::NextOptions::default()), [1]);
}

/// The title of each unit `next` offers.
fn next_titles(doc: &Document) -> Vec<String> {
    doc.next_units(plan_doc::NextOptions::default())
        .into_iter()
        .map(|unit| match unit {
            Unit::Task(task) => doc.tasks()[task].title.clone(),
            Unit::Step(section) | Unit::Phase(section) => doc.sections()[section].title.clone(),
        })
        .collect()
}

#[test]
fn next_is_a_step_a_phase_or_the_atomic_step_as_the_kind_works() {
    // Stepwise: steps are headings; one marked complete is passed over.
    let mut doc = Document::new(template("stepwise").1);
    assert_eq!(next_titles(&doc), ["Step 1.1: [Task Name]"]);
    let Some(Unit::Step(step)) = doc
        .next_units(plan_doc::NextOptions::default())
        .first()
        .copied()
    else {
        panic!("a step is next");
    };
    assert!(doc.set_status(step, plan_model::Status::Complete));
    assert_eq!(next_titles(&doc), ["Step 1.2: [Task Name]"]);

    // Scoped: a phase is done when all its success criteria are ticked.
    let mut doc = Document::new(template("scoped").1);
    assert_eq!(next_titles(&doc), ["Phase 1: [Phase Name]"]);
    let phase = doc.find_section("phase-1").expect("phase 1");
    for task in doc.tasks_within(phase) {
        doc.set_checked(task, true);
    }
    assert_eq!(next_titles(&doc), ["Phase 2: [Phase Name]"]);

    // Atomic: the plan's next atomic step.
    let doc = Document::new(template("atomic").1);
    assert_eq!(next_titles(&doc), ["Next Atomic Step: [STEP NAME]"]);
}

#[test]
fn a_generic_plan_with_no_open_task_offers_a_section_not_done() {
    let doc = Document::new(
        "# Plan\n\n## Phase 1: Setup\n\n**Status**: Complete\n\n\
         ## Phase 2: Core\n\n**Status**: In Progress\n\n- [x] Write\n",
    );
    assert_eq!(next_titles(&doc), ["Phase 2: Core"]);
}

/// Each box's role in the typed task view ([`plan_model::TaskView::role`]) is the one the
/// document gives it ([`Document::roles`]).
fn task_views_agree_with_the_document(name: &str, text: &str) -> usize {
    let doc = Document::new(text);
    let roles = doc.roles();
    let mut compared = 0;
    for phase in doc.parse().plan.phases() {
        for task in phase.tasks {
            let (Some(role), Some(range)) = (task.role, task.span.range()) else {
                continue;
            };
            let Some(index) = doc
                .tasks()
                .iter()
                .position(|entry| range.contains(&entry.marker.start))
            else {
                continue;
            };
            assert_eq!(roles[index], role, "{name}: {}", task.title);
            compared += 1;
        }
    }
    compared
}

#[test]
fn the_typed_task_view_gives_each_box_the_documents_role() {
    let mut compared = 0;
    for kind in ["feature", "poc", "scoped", "stepwise"] {
        compared += task_views_agree_with_the_document(kind, &template(kind).1);
    }
    // The feature template's phases hold 12 tasks and 17 criteria, 6 checklist items.
    assert!(compared >= 35, "{compared}");
    // In a generic plan, a box under a section whose own title says nothing takes the
    // role of the title around it.
    let nested = "# Plan\n\n## Acceptance Criteria\n\n### Backend\n\n- [ ] Answers fast\n\n\
                  ## Phase 1: Build\n\n- [ ] Write\n";
    assert_eq!(task_views_agree_with_the_document("nested", nested), 2);
    assert_eq!(Document::new(nested).roles(), [Role::Criterion, Role::Task]);
    let Some(files) = corpus() else { return };
    for (path, _, text) in files {
        task_views_agree_with_the_document(&name(&path), &text);
    }
}

/// Whether task `task` waits for something not done (its own dependencies, or its
/// sections').
fn waits(doc: &Document, task: usize) -> bool {
    doc.ancestry(doc.tasks()[task].section)
        .into_iter()
        .map(plan_doc::Item::Section)
        .chain([plan_doc::Item::Task(task)])
        .flat_map(|item| doc.dependencies(item))
        .filter_map(|dependency| dependency.target)
        .any(|target| !doc.is_done(target))
}

#[test]
fn next_offers_no_criterion_while_work_before_it_is_open() {
    let Some(files) = corpus() else { return };
    let (mut offered, mut criteria) = (0, 0);
    for (path, kind, text) in files {
        if kind.is_none_or(|kind| kind == plan_model::Kind::Generic) {
            continue;
        }
        let name = name(&path);
        let doc = Document::new(text);
        let roles = doc.roles();
        let next = doc.next_units(plan_doc::NextOptions::default());
        let Some(&first) = next.first() else { continue };
        offered += 1;
        let Unit::Task(task) = first else { continue };
        if roles[task] == Role::Task {
            continue;
        }
        criteria += 1;
        // A criterion or checklist item: no step or phase is left, and every open task
        // before it waits for something.
        let units_done = doc
            .units()
            .into_iter()
            .all(|unit| unit.section().is_none_or(|section| doc.unit_done(section)));
        assert!(
            units_done,
            "{name}: {} offered while a unit is open",
            doc.tasks()[task].title
        );
        for (before, (entry, role)) in doc.tasks().iter().zip(&roles).enumerate().take(task) {
            assert!(
                entry.checked || entry.optional || *role != Role::Task || waits(&doc, before),
                "{name}: {} offered while {} is open",
                doc.tasks()[task].title,
                entry.title
            );
        }
    }
    assert!(
        offered > 20,
        "only {offered} corpus plans had work to offer"
    );
    // Plans whose tasks are all done offer their criteria: the rule was put to the test.
    assert!(
        criteria > 0,
        "no plan offered a criterion or checklist item"
    );
}

#[test]
fn kiro_and_spec_kit_tasks_in_the_corpus_carry_their_attributes() {
    let Some(files) = corpus() else { return };
    let (mut optional, mut ids) = (0, 0);
    for (path, _, text) in files {
        let name = name(&path);
        let doc = Document::new(text.as_str());
        for task in doc.tasks() {
            let line = text[task.line.clone()].trim_start();
            // Kiro's `- [ ]*` item is an optional task.
            let starred = line.starts_with("- [") && line.get(5..6) == Some("*");
            assert_eq!(task.optional, starred, "{name}: {line}");
            optional += usize::from(task.optional);
            // spec-kit's `T012 [P] [US1]`: the id, the parallel mark and the story.
            let first = task.title.split_whitespace().next().unwrap_or_default();
            if first.len() > 1
                && first.starts_with('T')
                && first[1..].bytes().all(|byte| byte.is_ascii_digit())
            {
                assert_eq!(task.id.as_deref(), Some(first), "{name}: {line}");
                ids += 1;
            }
            assert_eq!(task.parallel, task.title.contains("[P]"), "{name}: {line}");
            if task.title.contains("[US") {
                let story = task.story.as_deref().unwrap_or_default();
                assert!(story.starts_with("US"), "{name}: {line}");
            }
        }
    }
    assert!(
        optional > 0 && ids > 0,
        "{optional} optional tasks, {ids} ids"
    );
}
