//! The lenient readings shared by the kinds, each on a small plan written the way real
//! plans are (`tests/fixtures/lenient/`): what lands in typed fields, and that each reads
//! back the same and keeps every word.

use plan_model::{Kind, Outline, Plan, TypedOrRaw};

fn read(kind: Kind) -> (String, Plan) {
    read_named(kind, &kind.to_string())
}

/// [`read`] for the fixture `name.md`.
fn read_named(kind: Kind, name: &str) -> (String, Plan) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("fixtures/lenient/{name}.md"));
    let src = std::fs::read_to_string(path).expect("the fixture reads");
    let plan = plan_doc::parse_as(kind, &src).plan;
    assert_eq!(plan.kind(), kind);
    let rendered = plan_render::render(&plan);
    assert_eq!(
        plan_doc::parse_as(kind, &rendered).plan,
        plan,
        "{kind}: reads back the same"
    );
    let (before, after) = (
        plankit_testkit::word_counts(&src),
        plankit_testkit::word_counts(&rendered),
    );
    for (word, count) in &before {
        assert!(
            after.get(word).copied().unwrap_or(0) >= *count,
            "{kind}: lost {word}"
        );
    }
    assert_eq!(
        plan.progress().total,
        crate::support::checkbox_count(&src).1,
        "{kind}: tasks counted"
    );
    (src, plan)
}

#[test]
fn feature_phases_as_sections_tasks_with_code_and_list_sections() {
    let (_, Plan::Feature(plan)) = read(Kind::Feature) else {
        unreachable!()
    };
    assert_eq!(plan.feature.as_deref(), Some("Search plans by title"));
    assert_eq!(
        plan.metadata.get("Complexity").map(String::as_str),
        Some("Medium")
    );
    assert_eq!(
        plan.executive_summary.as_deref(),
        Some("Find any plan by a word of its title.")
    );
    assert_eq!(
        plan.headings.get("executive_summary").map(String::as_str),
        Some("## Overview")
    );
    assert!(plan.phases_at_top);
    let phase = &plan.phases[0];
    assert_eq!(
        (phase.number.as_str(), phase.name.as_str()),
        ("1", "Index ✅")
    );
    assert_eq!(
        phase.status,
        Some(TypedOrRaw::Typed(plan_model::Status::Complete))
    );
    assert_eq!(
        phase.other.get("Branch").map(String::as_str),
        Some("`feature/index`")
    );
    assert_eq!(phase.tasks.len(), 2);
    let task = &phase.tasks[0];
    assert!(task.checked);
    assert_eq!(task.number.as_deref(), Some("1.1"));
    assert_eq!(
        task.file.as_ref().map(|file| file.path.as_str()),
        Some("src/index.rs")
    );
    assert_eq!(task.changes.as_deref(), Some("Split titles into words"));
    // `Example:` ends its line, so the detail is kept whole, its code with it.
    assert_eq!(task.details[0].label, None);
    assert!(task.details[0].text.starts_with("Example:\n    ```rust"));
    assert!(task.details[0].text.contains("tokenize(\"Search Plans\")"));
    assert_eq!(phase.tasks[1].number, None);
    assert_eq!(phase.checklists[0].name, "Exit Criteria");
    assert_eq!(plan.list_sections[0].name, "Priority Levels");
    assert_eq!(
        plan.list_sections[0].items,
        ["High: the index", "Low: ranking"]
    );
    assert!(plan.extra_sections.is_empty());
}

#[test]
fn feature_priority_tiers_with_task_sections() {
    let (_, Plan::Feature(plan)) = read_named(Kind::Feature, "feature-priority") else {
        unreachable!()
    };
    assert!(plan.phases_at_top);
    let numbers: Vec<&str> = plan
        .phases
        .iter()
        .map(|phase| phase.number.as_str())
        .collect();
    assert_eq!(numbers, ["1", "2"]);
    let critical = &plan.phases[0];
    assert_eq!(critical.name, "CRITICAL (1-2 Days)");
    assert_eq!(
        critical.heading.as_deref(),
        Some("## 📋 PRIORITY 1: CRITICAL (1-2 Days)")
    );
    let task = &critical.task_sections[0];
    assert_eq!(
        (task.number.as_str(), task.name.as_str()),
        ("1.1", "Enable Training System")
    );
    assert_eq!(
        task.heading.as_deref(),
        Some("### ✅ Task 1.1: Enable Training System")
    );
    let metadata: Vec<(&str, &str)> = task
        .metadata
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    assert_eq!(
        metadata,
        [
            ("Effort", "5 minutes"),
            ("Impact", "HIGH"),
            ("Status", "Ready to deploy")
        ]
    );
    let details = task.details.as_deref().expect("the action steps");
    assert!(
        details.starts_with("**Action Steps:**\n1. Update"),
        "{details}"
    );
    assert!(
        details.ends_with("- ✅ Admins can create trainings"),
        "{details}"
    );
    // Written as the renderer writes it: no heading kept, no details.
    let plain = &critical.task_sections[1];
    assert_eq!(plain.heading, None);
    assert_eq!(plain.details, None);
    assert_eq!(
        plan.phases[1].task_sections[0].details.as_deref(),
        Some("Draw the incidents on a map.")
    );
    assert!(plan.phases.iter().all(|phase| phase.extra.is_empty()));
    // Lists under bold labels, numbered on from one to the next: one typed group.
    let status = &plan.list_sections[0];
    assert_eq!(status.name, "Overall Project Status");
    assert!(status.items.is_empty());
    let labels: Vec<(&str, bool, Option<u32>, usize)> = status
        .lists
        .iter()
        .map(|list| {
            (
                list.label.as_str(),
                list.colon_outside,
                list.start,
                list.items.len(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("Completed (Priority 1)", false, None, 2),
            ("In Progress", true, Some(3), 1)
        ]
    );
}

#[test]
fn feature_numbered_task_sections_with_checklists() {
    let (_, Plan::Feature(plan)) = read_named(Kind::Feature, "feature-tasks") else {
        unreachable!()
    };
    let [phase] = plan.phases.as_slice() else {
        panic!("one phase");
    };
    // `### 1.1 Name` is a task of phase 1: its time, the line that introduces its
    // checklist (when there is one), the checklist, then the rest as details.
    let tasks: Vec<String> = phase
        .task_sections
        .iter()
        .map(|task| {
            format!(
                "{} {:?} {:?} {:?} {}",
                task.number,
                task.metadata.get("Time"),
                task.checklist_label,
                task.checklist
                    .iter()
                    .map(|item| item.checked)
                    .collect::<Vec<_>>(),
                task.details.is_some()
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            r#"1.1 Some("1 hour") Some("Tasks:") [false, true] false"#,
            r#"1.2 Some("2 hours") Some("Create `docs/examples/review.md`:") [false, false] true"#,
            r#"1.3 Some("30 minutes") None [false] false"#,
        ]
    );
    // The item's wrapped line stays with it.
    assert!(
        phase.task_sections[1].checklist[0]
            .text
            .ends_with("the notes on them")
    );
    assert_eq!(
        phase.task_sections[0].heading.as_deref(),
        Some("### 1.1 Update the Core Template")
    );
    assert_eq!(plan.progress().done, 1);
    assert!(phase.extra.is_empty() && plan.extra_sections.is_empty());
}

#[test]
fn stepwise_phases_steps_and_nested_tasks() {
    let (_, Plan::Stepwise(plan)) = read(Kind::Stepwise) else {
        unreachable!()
    };
    assert_eq!(plan.purpose.as_deref(), Some("Make the app easier to use."));
    assert_eq!(
        plan.headings.get("phases").map(String::as_str),
        Some("## Implementation Phases")
    );
    let phase = &plan.phases[0];
    assert_eq!(phase.name, "Critical Fixes 🔥");
    assert_eq!(
        phase.intro.as_deref(),
        Some("**Estimated time: 2-3 hours**")
    );
    let step = &phase.steps[0];
    assert_eq!(
        (step.number.as_str(), step.name.as_str()),
        ("1.1", "Fix Broken Routes")
    );
    assert_eq!(step.heading.as_deref(), Some("#### 1.1 Fix Broken Routes"));
    assert_eq!(
        step.other.get("Issue").map(String::as_str),
        Some("`/write` shows an error page")
    );
    assert_eq!(
        step.other.get("Files to check/fix").map(String::as_str),
        Some("\n  - `src/App.tsx`")
    );
    assert_eq!(step.tasks.len(), 2);
    assert!(step.tasks[1].checked);
    assert_eq!(
        phase.steps[1].details.as_deref(),
        Some("Wrap each page in an error boundary.")
    );
    assert_eq!(phase.groups[0].name, "Acceptance Criteria");
    let criteria = plan.success_criteria.as_ref().expect("success metrics");
    assert_eq!(
        plan.headings.get("success_criteria").map(String::as_str),
        Some("## Success Metrics")
    );
    assert_eq!(criteria.intro.as_deref(), Some("- No error pages"));
}

#[test]
fn stepwise_phases_as_top_level_sections_with_named_parts() {
    let (_, Plan::Stepwise(plan)) = read_named(Kind::Stepwise, "stepwise-top") else {
        unreachable!()
    };
    assert!(plan.phases_at_top);
    assert_eq!(plan.phases.len(), 2);
    let schema = &plan.phases[0];
    assert_eq!(
        (schema.number.as_str(), schema.name.as_str()),
        ("24.1", "Schema 标准化")
    );
    assert_eq!(
        schema.heading.as_deref(),
        Some("## 三、Stage 24.1：Schema 标准化")
    );
    assert_eq!(
        schema.objective.as_deref(),
        Some("统一所有数据结构为 snake_case。")
    );
    assert_eq!(
        schema.headings.get("objective").map(String::as_str),
        Some("### 目标")
    );
    assert_eq!(
        schema.current_state.as_deref(),
        Some("**混乱的命名风格**：\n- `internal/parser/tools.go`: PascalCase")
    );
    assert_eq!(
        schema.headings.get("steps").map(String::as_str),
        Some("### 详细步骤")
    );
    let names: Vec<&str> = schema
        .steps
        .iter()
        .map(|step| step.number.as_str())
        .collect();
    assert_eq!(names, ["1.1", "1.2"]);
    assert!(
        schema.steps[0]
            .details
            .as_deref()
            .is_some_and(|details| details.ends_with("type SessionEntry struct {}\n```"))
    );
    assert!(schema.extra.is_empty());
    let tools = &plan.phases[1];
    assert_eq!(tools.objective.as_deref(), Some("Implement `query tools`"));
    assert_eq!(
        tools.tests.as_deref(),
        Some("```go\nfunc TestQueryTools(t *testing.T) {}\n```")
    );
    // A `###` step of a top-level phase keeps its heading.
    assert_eq!(
        tools.steps[0].heading.as_deref(),
        Some("### Step 2.1: Wire the command")
    );
    assert_eq!(tools.steps[0].tasks.len(), 2);
    assert_eq!(tools.groups[0].name, "Phase 2 成功基準");
    // The section the template does not name stays where sections it cannot type go.
    assert_eq!(plan.list_sections[0].name, "项目信息");
    // One whose sub-sections are each a list or a checklist is a section of groups, its
    // checkboxes counted (by `read`).
    let order = &plan.group_sections[0];
    assert_eq!(order.name, "Implementation Order");
    assert_eq!(order.intro.as_deref(), Some("Weeks in order."));
    assert_eq!(order.checklists[0].name, "Week 1: Foundation");
    assert_eq!(order.checklists[0].items.len(), 2);
    assert_eq!(order.groups[0].name, "Risks");
    assert!(plan.extra_sections.is_empty());
}

#[test]
fn stepwise_phases_under_sections_of_their_own() {
    let (_, Plan::Stepwise(plan)) = read_named(Kind::Stepwise, "stepwise-sections") else {
        unreachable!()
    };
    assert!(plan.phases.is_empty());
    let sections: Vec<(&str, Option<&str>, usize, usize)> = plan
        .phase_sections
        .iter()
        .map(|section| {
            (
                section.name.as_str(),
                section.intro.as_deref(),
                section.phases.len(),
                section.extra.len(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("✅ 完了タスク", None, 1, 0),
            ("🎯 Next Steps", Some("The quick wins come first."), 1, 1)
        ]
    );
    // Words between the number and the colon go with the name; the heading is kept.
    let done = &plan.phase_sections[0].phases[0];
    assert_eq!(
        (done.number.as_str(), done.name.as_str()),
        ("7.2", "初期実装: Unused Filter Removal")
    );
    assert_eq!(
        done.approach.as_deref(),
        Some("Remove the filters no caller uses.")
    );
    assert_eq!(
        done.outcome.as_deref(),
        Some("195 lines removed; the build is clean.")
    );
    assert_eq!(
        done.headings.get("outcome").map(String::as_str),
        Some("#### 成果")
    );
    assert!(
        done.implementation
            .as_deref()
            .is_some_and(|text| text.starts_with("- Deleted"))
    );
    let next = &plan.phase_sections[1].phases[0];
    assert_eq!(next.number, "7.2-A");
    assert_eq!(next.outcome.as_deref(), Some("One constructor fewer."));
    // The sub-section that is not a phase is kept as written, after the phases.
    assert!(
        plan.phase_sections[1].extra[0]
            .markdown
            .starts_with("### Notes on Ordering\n")
    );
    let ids: Vec<Option<&str>> = plan.phases().iter().map(|phase| phase.id).collect();
    assert_eq!(ids, [Some("7.2"), Some("7.2-A")]);
    // A section of lists and other parts: the lists typed, the others kept after them.
    let [guidelines] = plan.group_sections.as_slice() else {
        panic!("one group section");
    };
    assert_eq!(guidelines.name, "Implementation Guidelines");
    assert_eq!(guidelines.groups[0].items.len(), 2);
    let [kept] = guidelines.extra.as_slice() else {
        panic!("the code part kept");
    };
    assert!(kept.markdown.starts_with("### Decision Framework\n"));
    assert!(plan.extra_sections.is_empty());
}

#[test]
fn stepwise_sub_phases_are_steps_and_status_marks_are_not_checkboxes() {
    let (src, Plan::Stepwise(plan)) = read_named(Kind::Stepwise, "stepwise-subphases") else {
        unreachable!()
    };
    let [phase] = plan.phases.as_slice() else {
        panic!("one phase");
    };
    // `### **Phase 6.1: Name**` under `## Phase 6` is its step 6.1, its own `####`
    // sub-sections part of what it says.
    let steps: Vec<(&str, &str)> = phase
        .steps
        .iter()
        .map(|step| (step.number.as_str(), step.name.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("6.1", "Architecture Quality ✅完了"),
            ("6.2", "UI Flow - Separation 🔄進行中")
        ]
    );
    assert!(phase.steps[0].details.as_deref().is_some_and(|details| {
        details.starts_with("#### **Problem 1: Mixed Registration**\n")
            && details.ends_with("The range was hard-coded.")
    }));
    assert!(phase.extra.is_empty());
    // `- [🚨]` is an item whose status mark stands in place of its box: kept, not counted.
    let [progress] = plan.group_sections.as_slice() else {
        panic!("the progress section");
    };
    let items = &progress.checklists[0].items;
    let marks: Vec<(Option<&str>, bool)> = items
        .iter()
        .map(|item| (item.marker.as_deref(), item.checked))
        .collect();
    assert_eq!(marks, [(None, true), (Some("🚨"), false), (None, false)]);
    assert_eq!(crate::support::checkbox_count(&src), (1, 2));
    assert!(plan.extra_sections.is_empty());
}

#[test]
fn poc_deliverables_and_a_files_table_with_other_columns() {
    let (_, Plan::Poc(plan)) = read(Kind::Poc) else {
        unreachable!()
    };
    let deliverables = plan.deliverables.as_ref().expect("deliverables");
    assert_eq!(
        deliverables.intro.as_deref(),
        Some("Concrete capabilities this task delivers:")
    );
    assert_eq!(deliverables.items.len(), 2);
    assert_eq!(plan.files.len(), 2);
    assert_eq!(plan.files[0].status, None);
    assert_eq!(
        plan.files[0].other.get("Purpose").map(String::as_str),
        Some("The index")
    );
    // Lists under bold labels in a step are typed beside the template's blocks.
    let step = &plan.implementation.as_ref().expect("steps").steps[0];
    assert_eq!(step.output.as_deref(), Some("A tested helper"));
    let lists: Vec<(&str, bool, usize)> = step
        .lists
        .iter()
        .map(|list| (list.label.as_str(), list.ordered, list.items.len()))
        .collect();
    assert_eq!(
        lists,
        [
            ("Specification", false, 2),
            ("Acceptance Criteria", true, 2)
        ]
    );
    // The template's one code block, then the others under their labels.
    assert_eq!(
        step.code.as_ref().and_then(|code| code.target.as_deref()),
        Some("create `src/table.rs`")
    );
    let snippets: Vec<(&str, Option<&str>)> = step
        .snippets
        .iter()
        .map(|snippet| (snippet.label.as_str(), snippet.target.as_deref()))
        .collect();
    assert_eq!(
        snippets,
        [("Code", Some("create `src/rows.rs`")), ("Commands", None)]
    );
    assert_eq!(step.snippets[1].block.code, "cargo test table\n");
    assert!(step.extra.is_empty());
    let rendered = plan_render::render(&Plan::Poc(plan));
    assert!(
        rendered.contains("| File | Action | Purpose |"),
        "{rendered}"
    );
}

#[test]
fn poc_steps_after_a_code_block_that_closed_early() {
    let (_, Plan::Poc(plan)) = read_named(Kind::Poc, "poc-steps") else {
        unreachable!()
    };
    // CommonMark closes the ```markdown block at the inner fence: the example heading after
    // it stays with its step, and the `## Next Stage` heading of the example becomes a
    // section of the plan, whose steps are typed as the implementation's are.
    let implementation = plan.implementation.as_ref().expect("steps");
    let [step] = implementation.steps.as_slice() else {
        panic!("one step under Implementation Steps");
    };
    assert_eq!(step.tasks.len(), 2);
    assert!(
        step.code
            .as_ref()
            .is_some_and(|code| code.block.code.ends_with("## Milestone 1: Core\n"))
    );
    let [example] = step.extra.as_slice() else {
        panic!("the example kept with the step");
    };
    assert!(
        example
            .markdown
            .starts_with("### Example 2: Unclear Path\n")
    );
    let [section] = plan.step_sections.as_slice() else {
        panic!("one step section");
    };
    assert_eq!(section.name, "Next Stage");
    let names: Vec<(&str, &str)> = plan
        .steps()
        .map(|step| (step.number.as_str(), step.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("1", "Create the Guide + Tests"),
            ("2", "Update the Command + Tests")
        ]
    );
    assert_eq!(
        section.body.steps[0].output.as_deref(),
        Some("The command reads the guide")
    );
    assert!(plan.extra_sections.is_empty());
    // Both sections' steps are phases of the outline.
    assert_eq!(plan.phases().len(), 2);
}

#[test]
fn poc_step_with_bare_tasks_and_a_specification() {
    let (_, Plan::Poc(plan)) = read_named(Kind::Poc, "poc-spec") else {
        unreachable!()
    };
    let step = &plan.implementation.as_ref().expect("steps").steps[0];
    // The checklist right after the goal, without its `**Tasks**:` line, is the tasks.
    assert!(step.bare_tasks);
    let boxes: Vec<bool> = step.tasks.iter().map(|task| task.checked).collect();
    assert_eq!(boxes, [false, true]);
    // The specification runs from its label to the next of the step's labels.
    let specification = step.specification.as_deref().expect("a specification");
    assert!(specification.starts_with("After the split, sub-modules import names"));
    assert!(specification.ends_with("Tests must verify:\n- All CLI tests pass"));
    assert_eq!(step.lists[0].label, "Acceptance Criteria");
    assert!(step.verification.is_some());
    assert_eq!(step.output.as_deref(), Some("All CLI tests passing"));
    assert!(step.extra.is_empty());
}

#[test]
fn poc_specification_that_is_not_prose_is_kept_as_written() {
    // A checkbox inside is a task a specification would hide: the blocks stay as they are.
    let src = "# x Implementation Plan\n\n## Implementation Steps\n\n### Step 1: A\n\n\
               **Specification**:\n\nSome text.\n\n- [ ] hidden task\n\n**Output**: done\n";
    let Plan::Poc(plan) = plan_doc::parse_as(Kind::Poc, src).plan else {
        unreachable!()
    };
    let step = &plan.implementation.as_ref().expect("steps").steps[0];
    assert_eq!(step.specification, None);
    assert_eq!(step.tasks.len(), 1);
    assert_eq!(plan.progress().total, 1);
    assert!(
        step.extra
            .iter()
            .any(|kept| kept.markdown.starts_with("**Specification**:"))
    );
}

#[test]
fn atomic_step_retitled_as_the_plan_went_on() {
    let (_, Plan::Atomic(plan)) = read(Kind::Atomic) else {
        unreachable!()
    };
    assert_eq!(
        plan.next_step.as_deref(),
        Some("✅ PHASE 2A COMPLETED: Index Layer")
    );
    assert_eq!(
        plan.next_step_heading.as_deref(),
        Some("## ✅ PHASE 2A COMPLETED: Index Layer")
    );
    assert_eq!(plan.components[0].name, "Index");
    // A path with words after it in the parentheses stays in the suffix.
    let providers = &plan.components[1];
    assert_eq!(providers.path, None);
    assert_eq!(
        providers.suffix.as_deref(),
        Some("(`app/container.py` updates)")
    );
    let index = &plan.implementation_requirements[0];
    assert_eq!(
        (index.component.as_str(), index.suffix.as_deref()),
        ("✅ Index", Some(" (COMPLETED)"))
    );
    // A part the template names, written with a note, keeps its heading.
    assert_eq!(plan.test_coverage[0].name, "Index tests");
    assert_eq!(
        plan.step_headings.get("test_coverage").map(String::as_str),
        Some("### Test Coverage Requirements (Remaining):")
    );
    // A part the template does not name that is one list, numbered on from the last.
    let completed = &plan.step_groups[0];
    assert_eq!(completed.name, "✅ Recently Completed Implementation:");
    assert_eq!((completed.ordered, completed.start), (true, Some(3)));
    assert!(plan.step_extra.is_empty());
    assert_eq!(plan.list_sections[0].name, "Lessons");
}

#[test]
fn atomic_further_details_keep_the_sections_they_cannot_type() {
    let (_, Plan::Atomic(plan)) = read_named(Kind::Atomic, "atomic-details") else {
        unreachable!()
    };
    assert_eq!(plan.further_details.len(), 1);
    let strategy = &plan.further_details[0];
    assert_eq!(strategy.title, "Detailed Implementation Strategy");
    let titles: Vec<&str> = strategy
        .subsections
        .iter()
        .map(|sub| sub.title.as_str())
        .collect();
    assert_eq!(titles, ["Core Solution Approach", "Dependencies"]);
    // A line after a list is not one of the template's blocks: that subsection is kept
    // as written.
    assert_eq!(strategy.extra.len(), 1);
    assert!(
        strategy.extra[0]
            .markdown
            .starts_with("#### **Endpoints:**\n- `/health`")
    );
    // A section without a bold title is kept as written, after the typed ones.
    assert_eq!(plan.further_details_extra.len(), 1);
    assert!(
        plan.further_details_extra[0]
            .markdown
            .starts_with("### =\n")
    );
}

/// Each kind's section names as its vocabulary enum gives them.
fn vocabularies() -> [(Kind, &'static [plan_model::SectionName]); 3] {
    [
        (Kind::Feature, plan_model::feature::FeatureSection::NAMES),
        (Kind::Scoped, plan_model::scoped::ScopedSection::NAMES),
        (Kind::Stepwise, plan_model::stepwise::StepwiseSection::NAMES),
    ]
}

/// The readers take their section names from the vocabulary enums: in each template, a
/// section's heading rewritten as any alias the enum gives it reads as that section (its
/// heading kept as written) and the rest of the plan as the template's.
#[test]
fn every_alias_in_the_vocabulary_reads_as_its_section() {
    let mut tried = 0;
    for (kind, names) in vocabularies() {
        let template = plan_render::render(&plan_model::template::plan(kind));
        for name in names {
            let heading = format!("\n## {}\n", name.title);
            if !template.contains(&heading) {
                continue;
            }
            for alias in name.aliases {
                let written = format!("## {alias}");
                let src = template.replacen(&heading, &format!("\n{written}\n"), 1);
                let plan = plan_doc::parse_as(kind, &src).plan;
                let mut json = serde_json::to_value(&plan).expect("a plan serializes");
                let kept = json["headings"][name.key].take();
                if kept.is_string() {
                    assert_eq!(kept, written, "{kind}: `{alias}` kept as written");
                    json["headings"]
                        .as_object_mut()
                        .expect("headings is a map")
                        .remove(name.key);
                    if json["headings"]
                        .as_object()
                        .is_some_and(|map| map.is_empty())
                    {
                        json.as_object_mut()
                            .expect("a plan is an object")
                            .remove("headings");
                    }
                } else {
                    assert!(
                        name.title.eq_ignore_ascii_case(alias),
                        "{kind}: `{alias}` is not read as `{}`",
                        name.key
                    );
                }
                let template_json = serde_json::to_value(plan_model::template::plan(kind))
                    .expect("a plan serializes");
                assert_eq!(
                    json, template_json,
                    "{kind}: `{alias}` reads as `{}`",
                    name.key
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 40, "{tried} aliases tried");
}

/// Every leniency fixture (`fixtures/lenient/KIND[-case].md`, `fixtures/scoped/*.md`) as a
/// fixture pair: its typed reading as JSON and its diagnostics, pinned by insta snapshots
/// (`snapshots/integration__lenient__*.snap`), besides reading back the same and keeping
/// every word ([`read_named`]).
#[test]
fn leniency_fixtures_read_as_their_snapshots() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases: Vec<(Kind, String, std::path::PathBuf)> = Vec::new();
    for (folder, kind) in [("lenient", None), ("scoped", Some(Kind::Scoped))] {
        for entry in std::fs::read_dir(root.join(folder)).expect("the fixtures are there") {
            let path = entry.expect("a directory entry").path();
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let kind = kind.unwrap_or_else(|| {
                stem.split('-')
                    .next()
                    .unwrap_or_default()
                    .parse()
                    .expect("named by its kind")
            });
            cases.push((kind, format!("{folder}-{stem}"), path));
        }
    }
    cases.sort_by(|a, b| a.1.cmp(&b.1));
    assert!(cases.len() >= 13, "{} fixtures", cases.len());
    for (kind, name, path) in cases {
        let src = std::fs::read_to_string(&path).expect("the fixture reads");
        let parsed = plan_doc::parse_as(kind, &src);
        assert_eq!(parsed.plan.kind(), kind, "{name}");
        let json = serde_json::to_string_pretty(&parsed.plan).expect("a plan serializes");
        let diagnostics: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.render(&format!("{name}.md"), &src))
            .collect();
        insta::assert_snapshot!(
            name,
            format!(
                "{json}\n\n--- diagnostics ---\n\n{}",
                diagnostics.join("\n")
            )
        );
    }
}
