//! A text and a sequence of edits (the first bytes choose them: tick/clear, set a status,
//! add a task, remove a task, add a list item): every edit keeps the
//! document's map true to its text (mapping the text again gives the same sections and
//! tasks), ticking a box changes one byte, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_doc::Document;
use plan_model::Status;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (ops, text) = data.split_at(8);
    let Ok(src) = std::str::from_utf8(text) else {
        return;
    };
    let mut doc = Document::new(src);
    for pair in ops.chunks(2) {
        let (op, at) = (pair[0], usize::from(pair[1]));
        let before = doc.source().to_owned();
        match op % 6 {
            0 | 1 if !doc.tasks().is_empty() => {
                let task = at % doc.tasks().len();
                let checked = op % 2 == 0;
                if doc.set_checked(task, checked) {
                    let changed = before
                        .bytes()
                        .zip(doc.source().bytes())
                        .filter(|(a, b)| a != b)
                        .count();
                    assert_eq!(changed, 1);
                    assert_eq!(before.len(), doc.source().len());
                }
            }
            2 => {
                let section = at % doc.sections().len();
                let status = Status::ALL[usize::from(op) % Status::ALL.len()];
                doc.set_status(section, status);
            }
            3 => {
                let section = at % doc.sections().len();
                if doc.add_task(section, "fuzz task").is_none() {
                    assert_eq!(doc.source(), before);
                }
            }
            5 => {
                let section = at % doc.sections().len();
                if !doc.add_list_item(section, "fuzz item") {
                    assert_eq!(doc.source(), before);
                }
            }
            4 if !doc.tasks().is_empty() => {
                let task = at % doc.tasks().len();
                let removed = doc.remove_task(task);
                assert_eq!(removed.start, task);
            }
            _ => {}
        }
        let reread = Document::new(doc.source());
        assert_eq!(reread.tasks(), doc.tasks());
        assert_eq!(reread.sections(), doc.sections());
    }
});
