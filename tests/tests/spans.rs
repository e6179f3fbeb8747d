//! Every phase, step and task read from markdown knows where it was read from: checked on
//! every corpus file and template through the kind-neutral view. Spans stay out of JSON
//! and out of equality.

mod support;

use plan_model::{Plan, Span};
use support::{corpus, name, words};

/// Whether every word of `title` occurs in `text`.
fn holds_words(text: &str, title: &str) -> bool {
    let found = words(text);
    words(title).keys().all(|word| found.contains_key(word))
}

#[test]
fn every_phase_and_task_read_from_markdown_has_the_span_it_was_read_from() {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    let (mut phases, mut tasks, mut boxes) = (0, 0, 0);
    for (path, _, src) in &files {
        let plan = plan_parse::parse(src).plan;
        for phase in plan.phases() {
            let phase_range = phase.span.range();
            match &phase_range {
                Some(range) => {
                    let text = &src[range.clone()];
                    let first = text.lines().next().unwrap_or_default();
                    if !holds_words(first, phase.title) {
                        failures.push(format!(
                            "{}: phase {:?} at {first:?}",
                            name(path),
                            phase.title
                        ));
                    }
                    phases += 1;
                }
                // The one phase of an atomic plan is its `Next step` line, not a node.
                None if matches!(plan, Plan::Atomic(_)) => {}
                None => failures.push(format!(
                    "{}: phase {:?} has no span",
                    name(path),
                    phase.title
                )),
            }
            for task in &phase.tasks {
                let Some(range) = task.span.range() else {
                    failures.push(format!("{}: task {:?} has no span", name(path), task.title));
                    continue;
                };
                tasks += 1;
                let text = &src[range.clone()];
                if !holds_words(text, task.title) {
                    failures.push(format!("{}: task {:?} at {text:?}", name(path), task.title));
                }
                if let Some(checked) = task.checked {
                    let first = text.lines().next().unwrap_or_default();
                    if plan_model::markdown::checkbox_marker(first).map(|(_, ticked)| ticked)
                        != Some(checked)
                    {
                        failures.push(format!(
                            "{}: box of {:?} at {first:?}",
                            name(path),
                            task.title
                        ));
                    }
                    boxes += 1;
                }
                if let Some(outer) = &phase_range
                    && !(outer.start <= range.start && range.end <= outer.end)
                {
                    failures.push(format!(
                        "{}: task {:?} outside its phase",
                        name(path),
                        task.title
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} wrong spans: {failures:#?}",
        failures.len()
    );
    // The corpus has hundreds of each: the checks above are not vacuous.
    assert!(
        phases >= 150 && tasks >= 800 && boxes >= 650,
        "{phases} phases, {tasks} tasks, {boxes} boxes"
    );
}

#[test]
fn spans_stay_out_of_json_and_out_of_equality() {
    let Some(files) = corpus() else { return };
    for (path, _, src) in &files {
        let plan = plan_parse::parse(src).plan;
        let json = serde_json::to_value(&plan).expect("a plan serializes");
        let back: Plan = serde_json::from_value(json.clone()).expect("and reads back");
        assert_eq!(back, plan, "{}", name(path));
        assert!(
            back.phases().all(|phase| !phase.span.is_some()
                && phase.tasks.iter().all(|task| !task.span.is_some())),
            "{}: a plan read from JSON has no spans",
            name(path)
        );
        assert_eq!(
            serde_json::to_value(&back).expect("serializes"),
            json,
            "{}",
            name(path)
        );
    }
    for kind in plan_model::Kind::ALL {
        let schema = plan_schema::schema_for(kind).to_string();
        assert!(
            !schema.contains("\"span\""),
            "the {kind} schema names no span"
        );
    }
    // A JSON plan that names a span is refused, as any unknown field is.
    let task = r#"{"checked":false,"text":"x","span":[0,3]}"#;
    assert!(serde_json::from_str::<plan_model::ChecklistItem>(task).is_err());
    assert_eq!(Span::new(0..3), Span::NONE);
}

#[test]
fn spans_are_offsets_in_the_text_given_with_its_bom_and_front_matter() {
    let src = "\u{feff}---\ntitle: x\n---\n# Plan\n\n## Tasks\n- [ ] one\n- [x] two\n";
    let plan = plan_parse::parse(src).plan;
    let tasks: Vec<&str> = plan
        .phases()
        .flat_map(|phase| phase.tasks)
        .map(|task| &src[task.span.range().expect("a span")])
        .collect();
    assert_eq!(tasks, ["- [ ] one\n", "- [x] two\n"]);
}

/// The nodes in `debug`, a plan's `{:?}`, whose span is none, by type name; and the end
/// of the furthest span.
fn spanless_nodes(debug: &str) -> (std::collections::BTreeMap<String, usize>, usize) {
    let mut missing = std::collections::BTreeMap::new();
    let mut furthest = 0;
    let mut names: Vec<&str> = Vec::new();
    let bytes = debug.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            // A string or char literal: skipped, escapes and all.
            quote @ (b'"' | b'\'') => {
                at += 1;
                while at < bytes.len() && bytes[at] != quote {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => {
                let before = debug[..at].trim_end();
                let start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(0, |index| index + 1);
                names.push(&before[start..]);
            }
            b'}' => {
                names.pop();
            }
            b'S' if debug[at..].starts_with("Span(") => {
                let inner = &debug[at + 5..];
                let inner = &inner[..inner.find(')').unwrap_or(0)];
                match inner.split_once("..") {
                    Some((_, end)) => furthest = furthest.max(end.parse().unwrap_or(usize::MAX)),
                    None => {
                        *missing
                            .entry(names.last().copied().unwrap_or("?").to_owned())
                            .or_insert(0) += 1
                    }
                }
            }
            _ => {}
        }
        at += 1;
    }
    (missing, furthest)
}

#[test]
fn every_node_read_from_markdown_has_a_span_inside_the_source() {
    let Some(files) = corpus() else { return };
    let mut missing = std::collections::BTreeMap::<String, Vec<String>>::new();
    for (path, _, src) in &files {
        let plan = plan_parse::parse(src).plan;
        let (spanless, furthest) = spanless_nodes(&format!("{plan:?}"));
        assert!(
            furthest <= src.len(),
            "{}: a span ends at {furthest}",
            name(path)
        );
        for (node, count) in spanless {
            missing
                .entry(node)
                .or_default()
                .push(format!("{} ({count})", name(path)));
        }
    }
    assert!(missing.is_empty(), "nodes without a span: {missing:#?}");
}

#[test]
fn spanless_nodes_are_found_by_type() {
    let debug = r#"Plan { a: Step { name: "}{ \" Span(none)", span: Span(none) }, b: [Item { span: Span(3..9) }], span: Span(0..12) }"#;
    let (missing, furthest) = spanless_nodes(debug);
    assert_eq!(
        missing.into_iter().collect::<Vec<_>>(),
        [("Step".to_owned(), 1)]
    );
    assert_eq!(furthest, 12);
}
