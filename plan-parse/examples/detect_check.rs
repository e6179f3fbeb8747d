//! Prints what detection says of each file given: the kind, the confidence and the
//! evidence (`detect_check FILE...`), for comparing a plan with its rendering.
#![allow(missing_docs, clippy::print_stdout, reason = "a debugging aid")]
fn main() {
    for path in std::env::args().skip(1) {
        let src = String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
        let detection = plan_parse::detect(&src);
        println!(
            "{path}: {} {:.3} {:?}",
            detection.kind, detection.confidence, detection.evidence
        );
    }
}
