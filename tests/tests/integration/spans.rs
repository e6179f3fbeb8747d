//! Every phase, step and task read from markdown knows where it was read from: checked on
//! every corpus file and template through the kind-neutral view. Spans stay out of JSON
//! and out of equality.

use crate::support::{corpus, name};
use plan_model::{Plan, Span};
use plankit_testkit::word_counts as words;

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
        let plan = plan_doc::parse(src).plan;
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
        let plan = plan_doc::parse(src).plan;
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
    let plan = plan_doc::parse(src).plan;
    let tasks: Vec<&str> = plan
        .phases()
        .flat_map(|phase| phase.tasks)
        .map(|task| &src[task.span.range().expect("a span")])
        .collect();
    assert_eq!(tasks, ["- [ ] one\n", "- [x] two\n"]);
}

/// What the spans in `debug`, a plan's `{:?}`, say: the nodes whose span is none, by type
/// name; the end of the furthest span; and each node whose span is not inside that of the
/// nearest node around it that has one (its type and that node's).
#[derive(Debug, Default)]
struct NodeSpans {
    missing: std::collections::BTreeMap<String, usize>,
    furthest: usize,
    outside: Vec<(String, String)>,
}

/// A struct being read in a `{:?}`: its type, its own span once seen (a struct's span is
/// its last field), and the spans of the nodes inside it.
struct Frame<'a> {
    name: &'a str,
    own: Option<(usize, usize)>,
    inner: Vec<(&'a str, (usize, usize))>,
}

fn node_spans(debug: &str) -> NodeSpans {
    let mut found = NodeSpans::default();
    let mut frames: Vec<Frame<'_>> = Vec::new();
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
                frames.push(Frame {
                    name: &before[start..],
                    own: None,
                    inner: Vec::new(),
                });
            }
            b'}' => {
                let Some(frame) = frames.pop() else { break };
                let passed_up = match frame.own {
                    Some(own) => {
                        for (name, (start, end)) in &frame.inner {
                            if *start < own.0 || *end > own.1 {
                                found
                                    .outside
                                    .push(((*name).to_owned(), frame.name.to_owned()));
                            }
                        }
                        vec![(frame.name, own)]
                    }
                    // A node without a span of its own (an enum's variant): what is inside
                    // it is inside the node around it.
                    None => frame.inner,
                };
                if let Some(parent) = frames.last_mut() {
                    parent.inner.extend(passed_up);
                }
            }
            b'S' if debug[at..].starts_with("Span(") => {
                let inner = &debug[at + 5..];
                let inner = &inner[..inner.find(')').unwrap_or(0)];
                let frame = frames.last_mut();
                match inner.split_once("..") {
                    Some((start, end)) => {
                        let range = (
                            start.parse().unwrap_or(0),
                            end.parse().unwrap_or(usize::MAX),
                        );
                        found.furthest = found.furthest.max(range.1);
                        if let Some(frame) = frame {
                            frame.own = Some(range);
                        }
                    }
                    None => {
                        let name = frame.map_or("?", |frame| frame.name);
                        *found.missing.entry(name.to_owned()).or_insert(0) += 1;
                    }
                }
            }
            _ => {}
        }
        at += 1;
    }
    found
}

#[test]
fn every_node_read_from_markdown_has_a_span_inside_the_source_and_its_parents() {
    let Some(files) = corpus() else { return };
    let mut missing = std::collections::BTreeMap::<String, Vec<String>>::new();
    let mut outside = Vec::new();
    for (path, _, src) in &files {
        let plan = plan_doc::parse(src).plan;
        let found = node_spans(&format!("{plan:?}"));
        assert!(
            found.furthest <= src.len(),
            "{}: a span ends at {}",
            name(path),
            found.furthest
        );
        for (node, count) in found.missing {
            missing
                .entry(node)
                .or_default()
                .push(format!("{} ({count})", name(path)));
        }
        outside.extend(
            found
                .outside
                .into_iter()
                .map(|(node, parent)| format!("{}: a {node} outside its {parent}", name(path))),
        );
    }
    assert!(missing.is_empty(), "nodes without a span: {missing:#?}");
    assert!(
        outside.is_empty(),
        "{} nodes outside their parents: {outside:#?}",
        outside.len()
    );
}

#[test]
fn node_spans_are_read_from_a_debug_text() {
    let debug = r#"Plan { a: Step { name: "}{ \" Span(none)", span: Span(none) }, b: [Item { span: Span(3..9) }, Variant { c: Item { span: Span(10..14) } }], span: Span(0..12) }"#;
    let found = node_spans(debug);
    assert_eq!(
        found.missing.into_iter().collect::<Vec<_>>(),
        [("Step".to_owned(), 1)]
    );
    assert_eq!(found.furthest, 14);
    // The item inside a variant without a span is checked against the plan's span.
    assert_eq!(found.outside, [("Item".to_owned(), "Plan".to_owned())]);
}
