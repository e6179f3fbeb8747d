//! `cargo bench -p plan-parse`: plankit's parser against pulldown-cmark alone and against
//! comrak, on the corpus's real plans (`../shared/corpus` and `../shared/corpus-incoming`)
//! and on each template, measured in one run so that the ratios hold whatever the machine
//! is doing.
//!
//! Criterion measures each contender (MB/s in its report); then a ratio pass runs the
//! contenders in interleaved rounds and prints MB/s and the ratios, the figures the goals
//! are stated in. It also prints render throughput and growth from a 10 KB to a 10 MB plan
//! (`plan-doc`'s `edit` bench measures write-back and edits). Peak memory
//! is measured by the `memory` bench, apart: its counting global allocator would slow every
//! allocation timed here.

#![allow(
    missing_docs,
    clippy::print_stdout,
    reason = "a benchmark binary prints its figures"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};

mod common;
use common::{comrak, comrak_options, feature_plans, pulldown, root};
use plankit_testkit::interleaved;

const KINDS: [&str; 5] = ["atomic", "feature", "poc", "stepwise", "scoped"];

fn plankit(src: &str) -> usize {
    let parsed = common::plankit_parse(src);
    black_box(&parsed).diagnostics.len()
}

struct Input {
    name: String,
    files: Vec<String>,
}

impl Input {
    fn bytes(&self) -> usize {
        self.files.iter().map(String::len).sum()
    }
}

/// The corpus (lossily decoded: two files are not UTF-8) and each template.
fn inputs() -> Vec<Input> {
    let mut inputs = Vec::new();
    // The corpus as the tests read it: `../shared/corpus` and the plans waiting to join it.
    if let Some(corpus) = plankit_testkit::corpus() {
        inputs.push(Input {
            name: "corpus".to_owned(),
            files: corpus
                .iter()
                .map(|file| String::from_utf8_lossy(&file.bytes).into_owned())
                .collect(),
        });
    }
    for kind in KINDS {
        let path = root().join("fixtures/templates").join(format!("{kind}.md"));
        let text = std::fs::read_to_string(&path).expect("the templates are in the repository");
        inputs.push(Input {
            name: format!("template/{kind}"),
            files: vec![text],
        });
    }
    inputs
}

fn megabytes_per_second(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / seconds / 1e6
}

fn criterion_pass(criterion: &mut Criterion, inputs: &[Input]) {
    let options = comrak_options();
    for input in inputs {
        let mut group = criterion.benchmark_group(&input.name);
        group
            .throughput(Throughput::Bytes(input.bytes() as u64))
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        group.bench_function("plankit parse", |bench| {
            bench.iter(|| input.files.iter().map(|file| plankit(file)).sum::<usize>());
        });
        group.bench_function("pulldown-cmark", |bench| {
            bench.iter(|| input.files.iter().map(|file| pulldown(file)).sum::<usize>());
        });
        group.bench_function("comrak", |bench| {
            bench.iter(|| {
                input
                    .files
                    .iter()
                    .map(|file| comrak(file, &options))
                    .sum::<usize>()
            });
        });
        group.finish();
    }
}

fn ratio_pass(inputs: &[Input]) {
    let options = comrak_options();
    println!("\n== parse throughput, interleaved rounds (median of 9) ==");
    println!(
        "{:<18} {:>10} {:>12} {:>10} {:>16} {:>12}",
        "input", "plankit", "pulldown", "comrak", "plankit/pulldown", "plankit/comrak"
    );
    for input in inputs {
        let bytes = input.bytes();
        let mut plankit_run = || {
            for file in &input.files {
                black_box(plankit(file));
            }
        };
        let mut pulldown_run = || {
            for file in &input.files {
                black_box(pulldown(file));
            }
        };
        let mut comrak_run = || {
            for file in &input.files {
                black_box(comrak(file, &options));
            }
        };
        let seconds = interleaved(
            &mut [&mut plankit_run, &mut pulldown_run, &mut comrak_run],
            9,
            Duration::from_millis(150),
        );
        let [ours, reference, other] = [seconds[0], seconds[1], seconds[2]]
            .map(|seconds| megabytes_per_second(bytes, seconds));
        println!(
            "{:<18} {:>7.1} MB/s {:>7.1} MB/s {:>5.1} MB/s {:>15.2}x {:>11.2}x",
            input.name,
            ours,
            reference,
            other,
            ours / reference,
            ours / other
        );
    }
}

/// Where parse's time goes on the corpus: detection (which includes the pulldown-cmark
/// pass) and the generic reading, against the whole parse.
fn breakdown_pass(inputs: &[Input]) {
    let Some(corpus) = inputs.iter().find(|input| input.name == "corpus") else {
        return;
    };
    let mut parse_run = || {
        for file in &corpus.files {
            black_box(common::plankit_parse(file));
        }
    };
    let mut detect_run = || {
        for file in &corpus.files {
            black_box(plan_parse::detect(file));
        }
    };
    let mut generic_run = || {
        for file in &corpus.files {
            black_box(plan_parse::parse_generic(file));
        }
    };
    let mut pulldown_run = || {
        for file in &corpus.files {
            black_box(pulldown(file));
        }
    };
    let seconds = interleaved(
        &mut [
            &mut parse_run,
            &mut detect_run,
            &mut generic_run,
            &mut pulldown_run,
        ],
        7,
        Duration::from_millis(150),
    );
    println!(
        "\n== where the time goes (corpus, in units of pulldown-cmark's pass) ==\n\
         parse {:.2}, detect {:.2}, generic reading {:.2}, pulldown-cmark 1.00",
        seconds[0] / seconds[3],
        seconds[1] / seconds[3],
        seconds[2] / seconds[3]
    );
}

fn render_pass(inputs: &[Input]) {
    println!("\n== render of a parsed plan against pulldown-cmark's parse of its source ==");
    for input in inputs {
        let plans: Vec<_> = input
            .files
            .iter()
            .map(|file| common::plankit_parse(file).plan)
            .collect();
        let rendered: usize = plans
            .iter()
            .map(|plan| plan_render::render(plan).len())
            .sum();
        let mut render_run = || {
            for plan in &plans {
                black_box(plan_render::render(plan));
            }
        };
        let mut pulldown_run = || {
            for file in &input.files {
                black_box(pulldown(file));
            }
        };
        let seconds = interleaved(
            &mut [&mut render_run, &mut pulldown_run],
            9,
            Duration::from_millis(100),
        );
        let ours = megabytes_per_second(rendered, seconds[0]);
        let reference = megabytes_per_second(input.bytes(), seconds[1]);
        println!(
            "{:<18} render {:>7.1} MB/s, pulldown-cmark {:>7.1} MB/s: {:.2}x",
            input.name,
            ours,
            reference,
            ours / reference
        );
    }
}

fn growth_pass() {
    let (small, large) = feature_plans();
    println!(
        "\n== growth: parse time per byte, 10 KB against 10 MB (the feature template repeated) =="
    );
    let mut small_run = || {
        black_box(plankit(&small));
    };
    let mut large_run = || {
        black_box(plankit(&large));
    };
    let seconds = interleaved(
        &mut [&mut small_run, &mut large_run],
        5,
        Duration::from_millis(400),
    );
    let small_per_byte = seconds[0] / small.len() as f64;
    let large_per_byte = seconds[1] / large.len() as f64;
    println!(
        "{} bytes: {:.2} ns/byte; {} bytes: {:.2} ns/byte; ratio {:.2} (goal: at most 1.5)",
        small.len(),
        small_per_byte * 1e9,
        large.len(),
        large_per_byte * 1e9,
        large_per_byte / small_per_byte
    );
}

fn main() {
    let inputs = inputs();
    let mut criterion = Criterion::default().configure_from_args();
    criterion_pass(&mut criterion, &inputs);
    criterion.final_summary();
    ratio_pass(&inputs);
    breakdown_pass(&inputs);
    render_pass(&inputs);
    growth_pass();
}
