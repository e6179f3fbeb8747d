//! Checks the `roundtrip` fuzz target's promises on the files given: parse -> render ->
//! parse gives the same plan, and rendering keeps the words (each word whose count
//! changes is printed). For reproducing a fuzz finding without the fuzzer.
#![allow(missing_docs, clippy::print_stdout, reason = "a debugging aid")]
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = String::from_utf8(std::fs::read(&path).unwrap_or_default()) else {
            println!("{path}: not UTF-8");
            continue;
        };
        let first = plan_parse::parse(&src);
        let rendered = plan_render::render(&first.plan);
        let second = plan_parse::parse(&rendered);
        let count = |text: &str| {
            let mut counts = std::collections::BTreeMap::<String, i64>::new();
            for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if !word.is_empty() {
                    *counts.entry(word.to_owned()).or_default() += 1;
                }
            }
            counts
        };
        let (before, after) = (count(&src), count(&rendered));
        for (word, &n) in &after {
            let was = before.get(word).copied().unwrap_or(0);
            if n != was {
                println!("{path}: `{word}` {was} -> {n}");
            }
        }
        for (word, &was) in &before {
            if !after.contains_key(word) {
                println!("{path}: `{word}` {was} -> 0");
            }
        }
        let verdict = if first.plan == second.plan {
            "idempotent"
        } else {
            "NOT idempotent"
        };
        println!(
            "{path}: {} -> {}: {verdict}",
            first.plan.kind(),
            second.plan.kind()
        );
    }
}
