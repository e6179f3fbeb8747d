//! Prints what `plan_doc::encoding::repair_bytes` would repair in each file.
#![allow(clippy::print_stdout, reason = "an example that prints")]
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable");
        let (_, invalid, mojibake) = plan_doc::encoding::repair_bytes(&bytes);
        for repair in invalid.into_iter().chain(mojibake) {
            println!(
                "{path}: {:?} -> {:?} ({:?})",
                repair.found, repair.repaired, repair.source
            );
        }
    }
}
