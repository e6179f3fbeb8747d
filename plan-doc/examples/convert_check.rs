//! Prints `plan_doc::convert::convert(FILE, KIND)` and the kind it then reads as.
#![allow(clippy::print_stdout, reason = "an example that prints")]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let kind: plan_model::Kind = args.next().expect("a kind").parse().expect("a kind");
    let src = std::fs::read_to_string(path).expect("readable");
    let converted = plan_doc::convert::convert(&src, kind);
    println!("{converted}");
    println!(
        "---- reads as {}",
        plan_doc::parse_as(kind, &converted).plan.kind()
    );
}
