//! Lossless edits, checked on every corpus file and template: a document written back
//! unedited is its source; ticking or clearing any one box changes exactly that box's
//! line, and the text reads back with only that task changed.

use crate::support::{checkbox_count, corpus, name};
use plan_doc::Document;

/// The lines of `before` and `after` that differ, by number; both must have as many lines.
fn changed_lines(before: &str, after: &str) -> Vec<usize> {
    let before: Vec<&str> = before.split_inclusive('\n').collect();
    let after: Vec<&str> = after.split_inclusive('\n').collect();
    assert_eq!(before.len(), after.len(), "an edit added or removed lines");
    (0..before.len())
        .filter(|&line| before[line] != after[line])
        .collect()
}

#[test]
fn unedited_documents_write_back_byte_for_byte() {
    let Some(files) = corpus() else { return };
    for (path, _, src) in &files {
        let doc = Document::new(src.as_str());
        assert_eq!(doc.to_string(), *src, "{}", name(path));
        assert_eq!(doc.into_source(), *src, "{}", name(path));
    }
}

#[test]
fn every_box_ticks_and_clears_on_its_own_line_only() {
    let Some(files) = corpus() else { return };
    let mut edits = 0;
    for (path, _, src) in &files {
        let doc = Document::new(src.as_str());
        let before_progress = plan_doc::parse(src).plan.progress();
        for (index, task) in doc.tasks().iter().enumerate() {
            let mut edited = doc.clone();
            assert!(edited.set_checked(index, !task.checked));
            assert!(
                !edited.set_checked(index, !task.checked),
                "a second edit is a no-op"
            );
            let after = edited.source();
            let line_number = src[..task.line.start].matches('\n').count();
            assert_eq!(
                changed_lines(src, after),
                [line_number],
                "{} task {}",
                name(path),
                task.path
            );
            // It reads back with only that task changed.
            let reread = Document::new(after);
            let mut expected = doc.tasks().to_vec();
            expected[index].checked = !task.checked;
            assert_eq!(
                reread.tasks(),
                expected,
                "{} task {}",
                name(path),
                task.path
            );
            let progress = plan_doc::parse(after).plan.progress();
            assert_eq!(progress.total, before_progress.total, "{}", name(path));
            // An optional task (Kiro's `[ ]*`) is text to GFM and to the typed model.
            let delta = match (task.optional, task.checked) {
                (true, _) => 0,
                (false, true) => -1,
                (false, false) => 1,
            };
            assert_eq!(
                progress.done as isize,
                before_progress.done as isize + delta,
                "{} task {}",
                name(path),
                task.path
            );
            edits += 1;
        }
    }
    assert!(edits > 900, "only {edits} boxes were edited");
}

#[test]
fn tasks_agree_with_the_plain_count_of_checkbox_lines() {
    let Some(files) = corpus() else { return };
    for (path, _, src) in &files {
        let doc = Document::new(src.as_str());
        // Optional tasks (Kiro's `[ ]*`) are no GFM checkboxes.
        let tasks: Vec<_> = doc.tasks().iter().filter(|task| !task.optional).collect();
        let done = tasks.iter().filter(|task| task.checked).count();
        assert_eq!((done, tasks.len()), checkbox_count(src), "{}", name(path));
    }
}

#[test]
fn every_task_is_found_by_the_address_it_shows() {
    let Some(files) = corpus() else { return };
    for (path, _, src) in &files {
        let doc = Document::new(src.as_str());
        for (index, task) in doc.tasks().iter().enumerate() {
            assert_eq!(
                doc.find_task(doc.address(index)),
                Ok(index),
                "{}: {}",
                name(path),
                doc.address(index)
            );
            assert_eq!(doc.find_task(&task.path), Ok(index), "{}", name(path));
        }
        for (index, section) in doc.sections().iter().enumerate().skip(1) {
            assert_eq!(
                doc.find_section(&section.path),
                Ok(index),
                "{}: {}",
                name(path),
                section.path
            );
        }
    }
}
