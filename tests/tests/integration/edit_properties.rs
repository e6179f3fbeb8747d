//! Random edit sequences on every corpus plan and template: after each edit the text
//! maps again to exactly the edited model (every task's title and box, every section's
//! status), and the lines outside the edited node are the lines of before.

use std::sync::OnceLock;

use plan_doc::Document;
use plan_model::Status;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::RngSeed;

/// What a plan looks like to an editor: each task's section path, title and box, and
/// each section's status.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Model {
    tasks: Vec<(String, String, bool)>,
    statuses: Vec<Option<Status>>,
}

fn model(doc: &Document) -> Model {
    Model {
        tasks: doc
            .tasks()
            .iter()
            .map(|task| {
                (
                    doc.sections()[task.section].path.clone(),
                    task.title.clone(),
                    task.checked,
                )
            })
            .collect(),
        statuses: doc
            .sections()
            .iter()
            .map(|section| section.status.as_ref().and_then(|mark| mark.status))
            .collect(),
    }
}

#[derive(Clone, Debug)]
enum Edit {
    Check(Index, bool),
    SetStatus(Index, Status),
    Add(Index, String),
    Remove(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let status = proptest::sample::select(Status::ALL.to_vec());
    let text = proptest::collection::vec("[a-z]{1,8}", 1..4).prop_map(|words| words.join(" "));
    prop_oneof![
        3 => (any::<Index>(), any::<bool>()).prop_map(|(task, checked)| Edit::Check(task, checked)),
        1 => (any::<Index>(), status).prop_map(|(section, status)| Edit::SetStatus(section, status)),
        1 => (any::<Index>(), text).prop_map(|(section, text)| Edit::Add(section, text)),
        1 => any::<Index>().prop_map(Edit::Remove),
    ]
}

fn texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        crate::support::corpus()
            .unwrap_or_default()
            .into_iter()
            .map(|(_, _, text)| text)
            .collect()
    })
}

/// The lines `before` and `after` do not share at their start and end: the changed
/// region of each.
fn changed<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (
        old[prefix..old.len() - suffix].to_vec(),
        new[prefix..new.len() - suffix].to_vec(),
    )
}

/// The lines of `range` in `text`.
fn lines_of(text: &str, range: std::ops::Range<usize>) -> Vec<&str> {
    text[range].split_inclusive('\n').collect()
}

fn apply(doc: &mut Document, expected: &mut Model, edit: &Edit) -> Result<(), TestCaseError> {
    let before = doc.source().to_owned();
    match edit {
        Edit::Check(task, checked) => {
            if doc.tasks().is_empty() {
                return Ok(());
            }
            let task = task.index(doc.tasks().len());
            let line = lines_of(&before, doc.tasks()[task].line.clone());
            let was = doc.tasks()[task].checked;
            doc.set_checked(task, *checked);
            expected.tasks[task].2 = *checked;
            let (old, new) = changed(&before, doc.source());
            if was == *checked {
                prop_assert!(old.is_empty() && new.is_empty());
            } else {
                prop_assert_eq!(old, line);
                prop_assert_eq!(new.len(), 1);
            }
        }
        Edit::SetStatus(section, status) => {
            let section = 1 + section.index(doc.sections().len().max(2) - 1);
            if section >= doc.sections().len() {
                return Ok(());
            }
            let heading = doc.sections()[section].heading.clone();
            let mark = doc.sections()[section].status.clone();
            doc.set_status(section, *status);
            expected.statuses[section] = Some(*status);
            let (old, new) = changed(&before, doc.source());
            // One line changes (the status line or the heading), or one is added.
            prop_assert!(old.len() <= 1 && new.len() <= 2, "{old:?} -> {new:?}");
            if let Some(mark) = mark {
                let line_start = before[..mark.span.start].rfind('\n').map_or(0, |at| at + 1);
                let line_end = before[mark.span.end..]
                    .find('\n')
                    .map_or(before.len(), |at| mark.span.end + at + 1);
                if !old.is_empty() {
                    prop_assert_eq!(old, lines_of(&before, line_start..line_end));
                }
            } else if !old.is_empty() {
                prop_assert_eq!(old, lines_of(&before, heading));
            }
        }
        Edit::Add(section, text) => {
            let section = section.index(doc.sections().len());
            let Some(index) = doc.add_task(section, text) else {
                // No line of the section can hold a task; nothing changed.
                prop_assert_eq!(doc.source(), before.as_str());
                return Ok(());
            };
            let path = doc.sections()[section].path.clone();
            // The section's last task, or its first when its end is code.
            let own: Vec<usize> = (0..doc.tasks().len())
                .filter(|&task| doc.tasks()[task].section == section)
                .collect();
            prop_assert!(own.last() == Some(&index) || own.first() == Some(&index));
            expected.tasks.insert(index, (path, text.clone(), false));
            let (old, new) = changed(&before, doc.source());
            // The new line, and at most a line ending or blank line to set it apart.
            prop_assert!(old.len() <= 1, "{old:?}");
            let added = format!("[ ] {text}");
            prop_assert!(new.iter().any(|line| line.contains(&added)), "{:?}", new);
            prop_assert!(new.len() <= 3, "{new:?}");
        }
        Edit::Remove(task) => {
            if doc.tasks().is_empty() {
                return Ok(());
            }
            let task = task.index(doc.tasks().len());
            let line = doc.tasks()[task].line.clone();
            let removed = doc.remove_task(task);
            prop_assert_eq!(removed.start, task);
            expected.tasks.drain(removed);
            let (old, new) = changed(&before, doc.source());
            prop_assert!(new.is_empty(), "{new:?}");
            prop_assert_eq!(
                old.first().copied(),
                lines_of(&before, line).first().copied()
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x706c_616e),
        ..ProptestConfig::default()
    })]

    #[test]
    fn edits_change_only_their_lines_and_read_back_as_the_edited_model(
        file in any::<Index>(),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let texts = texts();
        if texts.is_empty() {
            return Ok(());
        }
        let mut doc = Document::new(texts[file.index(texts.len())].as_str());
        let mut expected = model(&doc);
        for edit in &edits {
            apply(&mut doc, &mut expected, edit)?;
            // The text as it now is maps to the edited model, read from scratch.
            let reread = Document::new(doc.source());
            let mut actual = model(&reread);
            prop_assert_eq!(actual.tasks.len(), expected.tasks.len());
            for (have, want) in actual.tasks.iter_mut().zip(&expected.tasks) {
                prop_assert_eq!(&have.1, &want.1);
                prop_assert_eq!(have.2, want.2);
            }
            prop_assert_eq!(&actual.statuses, &expected.statuses, "after {:?}", edit);
            expected = actual;
        }
    }
}
