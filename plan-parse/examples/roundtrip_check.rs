//! Checks the `roundtrip` fuzz target's promises on the files given: parse -> render ->
//! parse gives the same plan. For reproducing a fuzz finding without the fuzzer.
#![allow(missing_docs, clippy::print_stdout, reason = "a debugging aid")]
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = String::from_utf8(std::fs::read(&path).unwrap_or_default()) else {
            println!("{path}: not UTF-8");
            continue;
        };
        let first = plan_parse::parse(&src);
        let second = plan_parse::parse(&plan_render::render(&first.plan));
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
