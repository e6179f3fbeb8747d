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
        // With PLAN_KIND=KIND, read as that kind (`parse_as`) rather than the detected one.
        let kind = std::env::var("PLAN_KIND")
            .ok()
            .and_then(|kind| kind.parse::<plan_model::Kind>().ok());
        let parse = |src: &str| match kind {
            Some(kind) => plan_doc::parse_as(kind, src),
            None => plan_doc::parse(src),
        };
        let first = parse(&src);
        let rendered = plan_render::render(&first.plan);
        let second = parse(&rendered);
        let (before, after) = (
            plankit_testkit::word_counts(&src),
            plankit_testkit::word_counts(&rendered),
        );
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
        // With PLAN_DUMP=DIR, the two readings and the rendering are written there to
        // be compared with diff.
        if let Some(dir) = std::env::var_os("PLAN_DUMP") {
            let dir = std::path::Path::new(&dir);
            let json =
                |plan: &plan_model::Plan| serde_json::to_string_pretty(plan).unwrap_or_default();
            let _ = std::fs::write(dir.join("first.json"), json(&first.plan));
            let _ = std::fs::write(dir.join("second.json"), json(&second.plan));
            let _ = std::fs::write(dir.join("rendered.md"), &rendered);
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
