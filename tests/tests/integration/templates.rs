//! Every template, built as a model with the builders, renders back to its own bytes; and
//! its committed fixture JSON is that same model.

use std::path::{Path, PathBuf};

use plan_model::{Kind, Plan, template};
use rstest::rstest;
use similar_asserts::assert_eq;

fn fixture(kind: Kind, extension: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/templates")
        .join(format!("{kind}.{extension}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[rstest]
fn template_model_renders_to_the_template_byte_for_byte(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let expected = read(&fixture(kind, "md"));
    let rendered = plan_render::render(&template::plan(kind));
    assert_eq!(rendered, expected);
}

#[rstest]
fn committed_fixture_json_is_the_template_model_and_renders_to_the_template(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let json = read(&fixture(kind, "json"));
    let plan: Plan = serde_json::from_str(&json)
        .unwrap_or_else(|error| panic!("{kind}.json does not deserialize: {error}"));
    assert_eq!(plan.kind(), kind);
    assert_eq!(plan, template::plan(kind));
    assert_eq!(plan_render::render(&plan), read(&fixture(kind, "md")));
}

/// Every template section has a typed home: the slots for content the model does not know
/// (verbatim extras, unnamed metadata keys) are empty in each template's model.
#[rstest]
fn templates_use_no_verbatim_or_unknown_key_slots(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    fn walk(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let here = format!("{path}/{key}");
                    if matches!(
                        key.as_str(),
                        "extra" | "extra_sections" | "other" | "metadata"
                    ) {
                        found.push(here.clone());
                    }
                    walk(value, &here, found);
                }
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}/{index}"), found);
                }
            }
            _ => {}
        }
    }
    let json = serde_json::to_value(template::plan(kind)).expect("a model serializes");
    let mut found = Vec::new();
    walk(&json, "", &mut found);
    assert!(
        found.is_empty(),
        "{kind}: template content in untyped slots: {found:?}"
    );
}

/// Checkbox lines of a markdown file that are outside code fences.
fn checkbox_lines(markdown: &str) -> (usize, usize) {
    let mut in_fence = false;
    let (mut done, mut total) = (0, 0);
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if trimmed.starts_with("- [ ] ") {
            total += 1;
        } else if trimmed.starts_with("- [x] ") || trimmed.starts_with("- [X] ") {
            total += 1;
            done += 1;
        }
    }
    (done, total)
}

#[rstest]
fn progress_counts_every_checkbox_of_the_template(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let (done, total) = checkbox_lines(&read(&fixture(kind, "md")));
    let progress = template::plan(kind).progress();
    assert_eq!((progress.done, progress.total), (done, total));
}

#[test]
fn progress_follows_ticked_tasks() {
    let mut plan = template::feature();
    let before = Plan::from(plan.clone()).progress();
    plan.phases[0].tasks[1].checked = true;
    plan.phases[3].deliverables[0].checked = true;
    let plan = Plan::from(plan);
    let after = plan.progress();
    assert_eq!(after.total, before.total);
    assert_eq!(after.done, before.done + 2);
    let phases: Vec<_> = plan.phases().collect();
    assert_eq!(phases.len(), 4);
    assert_eq!(phases[0].id, Some("1"));
    let task = &phases[0].tasks[1];
    assert_eq!((task.id, task.checked), (Some("1.2"), Some(true)));
    assert!(plan_render::render(&plan).contains("- [x] **Task 1.2**: [Specific task description]"));
}

/// The kinds the parser reads typed; the others are read as generic plans for now.
#[rstest]
fn parsing_a_typed_template_gives_its_fixture_model_and_renders_it_back(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let template = read(&fixture(kind, "md"));
    let parsed = plan_doc::parse(&template);
    assert_eq!(parsed.detection.kind, kind);
    assert_eq!(parsed.plan, template::plan(kind));
    assert_eq!(plan_render::render(&parsed.plan), template);
}

/// A plan of each kind with an empty title (as a generated document may have) renders to
/// text that reads back as the same plan.
#[test]
fn an_empty_title_reads_back_in_every_kind() {
    for kind in Kind::TEMPLATES {
        let mut plan = plan_model::template::plan(kind);
        plan.set_title("");
        let markdown = plan_render::render(&plan);
        let read = plan_doc::parse_as(kind, &markdown);
        assert_eq!(read.plan.kind(), kind, "{kind}: {markdown:.80}");
        assert_eq!(read.plan.title(), "", "{kind}");
        assert_eq!(plan_render::render(&read.plan), markdown, "{kind}");
    }
}

/// Parsing the rendering of a model built in code gives the model back (DESIGN promise
/// 4): each template's model (built with the builders), and the same with every one and
/// every two of its top-level sections left out (the models serde still takes).
#[rstest]
fn models_built_in_code_read_back_from_their_rendering(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let full = serde_json::to_value(template::plan(kind)).expect("a plan serializes");
    let keys: Vec<&String> = full
        .as_object()
        .expect("a plan is an object")
        .keys()
        .filter(|key| !["kind", "title", "schema_version"].contains(&key.as_str()))
        .collect();
    let mut left_out: Vec<Vec<&String>> = vec![Vec::new()];
    for (index, first) in keys.iter().enumerate() {
        left_out.push(vec![first]);
        for second in &keys[index + 1..] {
            left_out.push(vec![first, second]);
        }
    }
    let mut checked = 0;
    for keys in left_out {
        let mut value = full.clone();
        for key in &keys {
            value
                .as_object_mut()
                .expect("an object")
                .remove(key.as_str());
        }
        let Ok(model) = serde_json::from_value::<Plan>(value) else {
            continue;
        };
        let rendered = plan_render::render(&model);
        let back = plan_doc::parse_as(kind, &rendered).plan;
        assert_eq!(back, model, "{kind} without {keys:?}:\n{rendered}");
        checked += 1;
    }
    assert!(checked > 40, "{kind}: {checked} models");
}
