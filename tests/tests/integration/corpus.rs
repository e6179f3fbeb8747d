//! The real plans in `../shared/corpus` and `../shared/corpus-incoming` (and the five
//! templates) are the judge of the parser. A missing `../shared` skips these tests with a message.

#![allow(
    clippy::print_stderr,
    reason = "the corpus tests print their tables and skips"
)]

use crate::support::{checkbox_count, corpus, name};
use plan_model::{Kind, Plan};
use plankit_testkit::word_counts as words;

#[test]
fn generic_reading_renders_back_to_every_source_byte_for_byte() {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    for (path, _, src) in &files {
        let plan = plan_parse::parse_generic(src);
        if plan_render::render_generic(&plan) != *src {
            failures.push(name(path));
        }
    }
    assert!(failures.is_empty(), "not byte-identical: {failures:#?}");
    assert!(
        files.len() >= 50,
        "the corpus and the templates: {} files",
        files.len()
    );
}

#[test]
fn progress_equals_the_plain_count_of_checkbox_items() {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    let mut total = 0;
    for (path, _, src) in &files {
        let progress = plan_doc::parse(src).plan.progress();
        let expected = checkbox_count(src);
        total += expected.1;
        if (progress.done, progress.total) != expected {
            failures.push(format!(
                "{}: progress {}/{}, plain count {}/{}",
                name(path),
                progress.done,
                progress.total,
                expected.0,
                expected.1
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(total > 500, "the corpus holds many checkboxes: {total}");
}

#[test]
fn no_word_is_lost_through_json_and_parsing_is_idempotent() {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    for (path, _, src) in &files {
        let parsed = plan_doc::parse(src);
        let json = serde_json::to_string(&parsed.plan).expect("a plan serializes");
        let back: Plan = serde_json::from_str(&json).expect("and deserializes");
        let rendered = plan_render::render(&back);
        let (before, after) = (words(src), words(&rendered));
        let lost: Vec<&&str> = before
            .iter()
            .filter(|(word, count)| after.get(*word).copied().unwrap_or(0) < **count)
            .map(|(word, _)| word)
            .collect();
        if !lost.is_empty() {
            failures.push(format!("{}: lost {lost:?}", name(path)));
        }
        let again = plan_doc::parse(&rendered).plan;
        if serde_json::to_value(&again).ok() != serde_json::to_value(&parsed.plan).ok() {
            failures.push(format!("{}: not idempotent", name(path)));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// At least 95% of the template-kind plans are detected as the kind they were written
/// from, and nine in ten of the others as `generic`.
#[test]
fn detection_names_the_kind_of_the_template_plans() {
    let Some(files) = corpus() else { return };
    let mut wrong = Vec::new();
    let (mut other, mut other_generic) = (0, 0);
    for (path, expected, src) in &files {
        let detection = plan_parse::detect(src);
        assert!((0.0..=1.0).contains(&detection.confidence));
        eprintln!(
            "{:<58} {:<9} {:.2} {:?}",
            name(path),
            detection.kind.to_string(),
            detection.confidence,
            detection.evidence
        );
        match expected {
            Some(kind) if detection.kind != *kind => {
                wrong.push(format!(
                    "{}: {} detected as {}",
                    name(path),
                    kind,
                    detection.kind
                ));
            }
            Some(_) => {}
            None => {
                other += 1;
                other_generic += usize::from(detection.kind == Kind::Generic);
            }
        }
    }
    eprintln!("other/: {other_generic} of {other} detected as generic");
    let templates = files.len() - other;
    assert!(
        wrong.len() * 20 <= templates,
        "fewer than 95% of {templates} template plans detected as their kind: {wrong:#?}"
    );
    assert!(
        other_generic * 10 >= other * 9,
        "{other_generic} of {other} other/ plans are generic"
    );
}
