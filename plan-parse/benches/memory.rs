//! `cargo bench -p plan-parse --bench memory`: peak memory while parsing a 10 KB and a
//! 10 MB plan (the feature template repeated), against the input's size, with
//! pulldown-cmark alone and comrak for reference. A counting global allocator measures it;
//! it lives in this binary alone so that the `parse` bench's timings do not pay for it.

#![allow(
    missing_docs,
    clippy::print_stdout,
    reason = "a benchmark binary prints its figures"
)]

use std::hint::black_box;

use peak_alloc::PeakAlloc;

mod common;
use common::{comrak, comrak_options, feature_plans, pulldown};

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// The peak of allocated bytes while `work` runs, above what was allocated before it.
fn peak_while<T>(work: impl FnOnce() -> T) -> usize {
    let before = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let result = work();
    let peak = ALLOCATOR.peak_usage().saturating_sub(before);
    drop(black_box(result));
    peak
}

fn main() {
    let (small, large) = feature_plans();
    println!("== peak memory while parsing (counting global allocator) ==");
    for (name, src) in [("10 KB", &small), ("10 MB", &large)] {
        let parse = peak_while(|| common::plankit_parse(src));
        println!(
            "{name}: input {} bytes, peak {} bytes above the input: {:.2}x the input (goal: at most 4x plus a constant)",
            src.len(),
            parse,
            parse as f64 / src.len() as f64
        );
        let detect = peak_while(|| plan_parse::detect(src));
        let generic = peak_while(|| plan_parse::parse_generic(src));
        println!(
            "{name}: detection alone {:.2}x, the generic reading alone {:.2}x",
            detect as f64 / src.len() as f64,
            generic as f64 / src.len() as f64
        );
        let pulldown = peak_while(|| pulldown(src));
        let options = comrak_options();
        let comrak = peak_while(|| comrak(src, &options));
        println!(
            "{name}: for reference, pulldown-cmark alone {:.2}x, comrak {:.2}x",
            pulldown as f64 / src.len() as f64,
            comrak as f64 / src.len() as f64
        );
    }
}
