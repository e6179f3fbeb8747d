//! Times `Document::new` against `parse` on the corpus repeated to a few MB (a perf aid).
#![allow(clippy::print_stdout, reason = "an example that prints")]
use std::time::Instant;
fn main() {
    let mut text = String::new();
    for path in std::env::args().skip(1) {
        text.push_str(&String::from_utf8_lossy(
            &std::fs::read(&path).expect("readable"),
        ));
        text.push('\n');
    }
    let text = text.repeat(3);
    for _ in 0..3 {
        let start = Instant::now();
        let doc = plan_doc::Document::new(text.as_str());
        let mapped = start.elapsed();
        let start = Instant::now();
        let parsed = plan_doc::parse(&text);
        let parse = start.elapsed();
        println!(
            "{} bytes: Document::new {mapped:?} ({} tasks), parse {parse:?} ({:?})",
            text.len(),
            doc.tasks().len(),
            parsed.plan.kind()
        );
    }
}
