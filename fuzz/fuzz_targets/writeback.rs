//! Any text as a lossless `Document`: written back unedited it is the text, byte for byte;
//! its spans lie inside the text; every task is found by the address it shows; linting and
//! converting it never panic, and conversion keeps every word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_doc::Document;
use plan_model::Kind;
use plankit_testkit::word_counts;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        let (text, _, _) = plan_doc::encoding::repair_bytes(data);
        assert!(!text.is_empty() || data.is_empty());
        return;
    };
    let doc = Document::new(src);
    assert_eq!(doc.to_string(), src);
    for section in doc.sections() {
        assert!(section.heading.end <= section.body.start && section.body.end <= src.len());
        if let Some(mark) = &section.status {
            assert!(src.get(mark.span.clone()).is_some());
        }
    }
    for (index, task) in doc.tasks().iter().enumerate() {
        assert!(matches!(&src[task.marker.clone()], "[ ]" | "[x]" | "[X]"));
        assert_eq!(doc.find_task(doc.address(index)), Ok(index));
    }
    for finding in plan_doc::lint::lint(&doc) {
        assert!(finding.span.end <= src.len());
    }
    let (repaired, _) = plan_doc::encoding::repair_text(src);
    assert_eq!(plan_doc::encoding::repair_text(&repaired).1, []);
    let before = word_counts(src);
    for kind in [Kind::Atomic, Kind::Poc, Kind::Stepwise, Kind::Feature] {
        let converted = plan_doc::convert::convert(src, kind);
        let after = word_counts(&converted);
        for (word, count) in &before {
            assert!(
                after.get(word).copied().unwrap_or(0) >= *count,
                "{kind}: lost {word:?}"
            );
        }
    }
});
