//! The lenient readings shared by the kinds, each on a small plan written the way real
//! plans are (`tests/fixtures/lenient/`): what lands in typed fields, and that each reads
//! back the same and keeps every word.

mod support;

use plan_model::{Kind, Plan, TypedOrRaw};

fn read(kind: Kind) -> (String, Plan) {
    read_named(kind, &kind.to_string())
}

/// [`read`] for the fixture `name.md`.
fn read_named(kind: Kind, name: &str) -> (String, Plan) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("fixtures/lenient/{name}.md"));
    let src = std::fs::read_to_string(path).expect("the fixture reads");
    let plan = plan_parse::parse_as(kind, &src).plan;
    assert_eq!(plan.kind(), kind);
    let rendered = plan_render::render(&plan);
    assert_eq!(
        plan_parse::parse_as(kind, &rendered).plan,
        plan,
        "{kind}: reads back the same"
    );
    let (before, after) = (support::words(&src), support::words(&rendered));
    for (word, count) in &before {
        assert!(
            after.get(word).copied().unwrap_or(0) >= *count,
            "{kind}: lost {word}"
        );
    }
    assert_eq!(
        plan.progress().total,
        support::checkbox_count(&src).1,
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
    let rendered = plan_render::render(&Plan::Poc(plan));
    assert!(
        rendered.contains("| File | Action | Purpose |"),
        "{rendered}"
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
    assert_eq!(plan.list_sections[0].name, "Lessons");
}
