//! Any text: parse -> render -> parse gives the same plan (parsing is idempotent), and
//! rendering keeps every word of the source.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;

fn words(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
    {
        *counts.entry(word).or_default() += 1;
    }
    counts
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = plan_parse::parse(src);
    let rendered = plan_render::render(&parsed.plan);
    assert_eq!(words(&rendered), words(src), "a word was lost or added");
    let again = plan_parse::parse(&rendered);
    assert_eq!(again.plan, parsed.plan, "parse is not idempotent");
});
