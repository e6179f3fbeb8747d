//! The real plans in `../shared/corpus` (and the five templates) are the judge of the
//! parser. A missing `../shared` skips these tests with a message.

#![allow(
    clippy::print_stderr,
    reason = "the corpus tests print their tables and skips"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use plan_model::{Kind, Plan};

/// Every corpus file with the kind its folder names (`None` for `other/`), then the
/// templates; `None` when `../shared/corpus` is not there.
fn corpus() -> Option<Vec<(PathBuf, Option<Kind>, String)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return None;
    }
    let mut files = Vec::new();
    for folder in ["atomic", "feature", "poc", "stepwise", "scoped", "other"] {
        let kind = folder.parse::<Kind>().ok();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .unwrap_or_else(|error| panic!("{folder}: {error}"))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).expect("a corpus file reads");
            // The library takes text; the CLI decodes. Stray bytes become U+FFFD here.
            files.push((path, kind, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/templates");
    for kind in Kind::TEMPLATES {
        let path = templates.join(format!("{kind}.md"));
        let text = std::fs::read_to_string(&path).expect("a template reads");
        files.push((path, Some(kind), text));
    }
    Some(files)
}

fn name(path: &Path) -> String {
    let parent = path.parent().and_then(Path::file_name).unwrap_or_default();
    format!(
        "{}/{}",
        parent.to_string_lossy(),
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// The plain count of checkbox list items outside code fences: any bullet or number,
/// inside blockquotes too.
fn checkbox_count(src: &str) -> (usize, usize) {
    let (mut done, mut total) = (0, 0);
    let mut fence: Option<(char, usize)> = None;
    for line in src.lines() {
        let trimmed = line.trim_start();
        let run = |c: char| trimmed.chars().take_while(|x| *x == c).count();
        for marker in ['`', '~'] {
            let length = run(marker);
            if length >= 3 {
                match fence {
                    None => fence = Some((marker, length)),
                    Some((open, open_length))
                        if open == marker
                            && length >= open_length
                            && trimmed[length..].trim().is_empty() =>
                    {
                        fence = None;
                    }
                    Some(_) => {}
                }
            }
        }
        if fence.is_some() || run('`') >= 3 || run('~') >= 3 {
            continue;
        }
        let mut rest = trimmed;
        while let Some(inner) = rest.strip_prefix('>') {
            rest = inner.trim_start();
        }
        let after_bullet = if let Some(inner) = rest.strip_prefix(['-', '*', '+']) {
            inner
        } else {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 {
                continue;
            }
            match rest[digits..].strip_prefix(['.', ')']) {
                Some(inner) => inner,
                None => continue,
            }
        };
        if !after_bullet.starts_with([' ', '\t']) {
            continue;
        }
        let after_bullet = after_bullet.trim_start();
        let checked = match after_bullet.get(..3) {
            Some("[ ]") => false,
            Some("[x]" | "[X]") => true,
            _ => continue,
        };
        if !after_bullet[3..].starts_with([' ', '\t']) && !after_bullet[3..].is_empty() {
            continue;
        }
        total += 1;
        done += usize::from(checked);
    }
    (done, total)
}

/// Maximal runs of letters, digits and underscore, with backslash escapes ignored.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let unescaped = text.replace('\\', "");
    for word in unescaped.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if !word.is_empty() {
            *counts.entry(word.to_owned()).or_default() += 1;
        }
    }
    counts
}

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
        let progress = plan_parse::parse(src).plan.progress();
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
        let parsed = plan_parse::parse(src);
        let json = serde_json::to_string(&parsed.plan).expect("a plan serializes");
        let back: Plan = serde_json::from_str(&json).expect("and deserializes");
        let rendered = plan_render::render(&back);
        let (before, after) = (words(src), words(&rendered));
        let lost: Vec<&String> = before
            .iter()
            .filter(|(word, count)| after.get(*word).copied().unwrap_or(0) < **count)
            .map(|(word, _)| word)
            .collect();
        if !lost.is_empty() {
            failures.push(format!("{}: lost {lost:?}", name(path)));
        }
        let again = plan_parse::parse(&rendered).plan;
        if serde_json::to_value(&again).ok() != serde_json::to_value(&parsed.plan).ok() {
            failures.push(format!("{}: not idempotent", name(path)));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn detection_names_the_kind_of_every_template_plan() {
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
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(
        other_generic * 10 >= other * 9,
        "{other_generic} of {other} other/ plans are generic"
    );
}
