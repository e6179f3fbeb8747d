//! `cargo bench -p plan-doc`: lossless write-back of an unedited document against a plain
//! copy, and one checkbox edit against a parse, on the corpus repeated to 1 MB, timed in
//! interleaved rounds so that the ratios hold whatever the machine is doing.

#![allow(
    missing_docs,
    clippy::print_stdout,
    reason = "a benchmark binary prints its figures"
)]

use std::hint::black_box;
use std::time::Duration;

use plankit_testkit::{interleaved, repeated};

/// The real plans of the corpus (the feature template without it), one after another,
/// repeated to at least 1 MB.
fn megabyte_plan() -> String {
    let plans = match plankit_testkit::corpus() {
        Some(files) => files
            .iter()
            .map(plankit_testkit::CorpusFile::text)
            .collect::<Vec<_>>()
            .join("\n"),
        None => plankit_testkit::template("feature").1,
    };
    repeated(&plans, 1_000_000)
}

fn main() {
    let src = megabyte_plan();
    println!(
        "\n== lossless write-back and edits on a {} byte plan ==",
        src.len()
    );
    let document = plan_doc::Document::new(src.as_str());
    let mut copy_run = || {
        black_box(src.clone());
    };
    let mut write_back_run = || {
        black_box(document.to_string());
    };
    let seconds = interleaved(
        &mut [&mut copy_run, &mut write_back_run],
        9,
        Duration::from_millis(100),
    );
    println!(
        "write-back of the unedited document {:.1} µs, String::clone {:.1} µs: {:.2}x (goal: at most 2x)",
        seconds[1] * 1e6,
        seconds[0] * 1e6,
        seconds[1] / seconds[0]
    );
    let mut edited = document.clone();
    let task = edited.tasks().len() / 2;
    let mut checked = edited.tasks()[task].checked;
    let mut edit_run = || {
        checked = !checked;
        black_box(edited.set_checked(task, checked));
    };
    let mut parse_run = || {
        black_box(plan_doc::parse(&src));
    };
    let mut document_run = || {
        black_box(plan_doc::Document::new(src.as_str()));
    };
    let mut status = document.clone();
    let section = (1..status.sections().len())
        .find(|&section| status.sections()[section].status.is_some())
        .unwrap_or(1);
    let mut flip = false;
    let mut status_run = || {
        flip = !flip;
        let value = if flip {
            plan_model::Status::Complete
        } else {
            plan_model::Status::InProgress
        };
        black_box(status.set_status(section, value));
    };
    let seconds = interleaved(
        &mut [
            &mut edit_run,
            &mut parse_run,
            &mut document_run,
            &mut status_run,
        ],
        5,
        Duration::from_millis(200),
    );
    println!(
        "one checkbox edit {:.2} µs, parse {:.0} µs: {:.5}x parsing (goal: under 0.1x)",
        seconds[0] * 1e6,
        seconds[1] * 1e6,
        seconds[0] / seconds[1]
    );
    println!(
        "for reference: mapping the document (Document::new) {:.0} µs ({:.2}x parsing); a \
         status edit, which changes the length and maps again, {:.0} µs ({:.2}x parsing)",
        seconds[2] * 1e6,
        seconds[2] / seconds[1],
        seconds[3] * 1e6,
        seconds[3] / seconds[1]
    );
}
