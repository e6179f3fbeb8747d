//! Parses one file many times, for a profiler.
#![allow(missing_docs, clippy::print_stdout, reason = "a profiling aid")]
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = String::from_utf8_lossy(&std::fs::read(path).expect("readable")).into_owned();
    let mut total = 0;
    for _ in 0..3000 {
        total += plan_parse::parse(&text).diagnostics.len();
    }
    println!("{total}");
}
