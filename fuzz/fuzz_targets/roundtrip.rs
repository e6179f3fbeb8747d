//! Any text: parse -> render -> parse gives the same plan (parsing is idempotent), and
//! rendering keeps every word of the source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plankit_testkit::word_counts;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = plan_doc::parse(src);
    let rendered = plan_render::render(&parsed.plan);
    assert_eq!(
        word_counts(&rendered),
        word_counts(src),
        "a word was lost or added"
    );
    let again = plan_doc::parse(&rendered);
    assert_eq!(again.plan, parsed.plan, "parse is not idempotent");
});
