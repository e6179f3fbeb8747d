//! Runs over many files: walking directories, working in parallel, a progress bar on a
//! terminal, and results reported in path order whatever order they finished in.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use plan_model::Kind;
use rayon::prelude::*;

use crate::Status;
use crate::io::{Failure, is_stdio};
use crate::report::Tally;

/// Extensions of markdown plans.
pub(crate) const MARKDOWN: &[&str] = &["md", "markdown"];
/// Extensions of JSON plans.
pub(crate) const JSON: &[&str] = &["json"];

/// What one file's job came to.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The worst that happened.
    pub(crate) status: Status,
    /// What to print about it, in order.
    pub(crate) report: String,
    /// Its kind, when it was read as a plan.
    pub(crate) kind: Option<Kind>,
    /// Warnings printed or not.
    pub(crate) warnings: usize,
    /// Errors in the plan (not failures to read or write it).
    pub(crate) errors: usize,
    /// `fmt`: whether it would change.
    pub(crate) changed: bool,
}

impl Outcome {
    /// A job that could not read or write its file.
    pub(crate) fn failed(report: String) -> Self {
        Self {
            status: Status::Failure,
            report,
            ..Self::default()
        }
    }
}

/// Whether `path` has one of `extensions`.
pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extensions
                .iter()
                .any(|wanted| extension.eq_ignore_ascii_case(wanted))
        })
}

/// The files with one of `extensions` under `root`, sorted, hidden entries skipped.
pub(crate) fn files_under(root: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(root).to_owned();
            let cause = match error.io_error() {
                Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                    "cannot read the directory: permission denied".to_owned()
                }
                Some(io) => format!("cannot read the directory: {io}"),
                None => error.to_string(),
            };
            Failure::new(path, cause)
        })?;
        if entry.file_type().is_file() && has_extension(entry.path(), extensions) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The inputs as files: a directory stands for its files with one of `extensions`; a file
/// or `-` stands for itself. Also says whether any input was a directory.
pub(crate) fn expand(
    inputs: &[PathBuf],
    extensions: &[&str],
) -> Result<(Vec<PathBuf>, bool), Failure> {
    let mut files = Vec::new();
    let mut any_directory = false;
    for input in inputs {
        if !is_stdio(input) && input.is_dir() {
            any_directory = true;
            files.extend(files_under(input, extensions)?);
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, any_directory))
}

/// Runs `job` on every file in parallel, with a progress bar when standard error is a
/// terminal (and `show_progress`); outcomes come back in the order of `files`.
pub(crate) fn run<F>(files: &[PathBuf], show_progress: bool, job: F) -> Vec<Outcome>
where
    F: Fn(&Path) -> Outcome + Sync,
{
    let bar = if show_progress && std::io::stderr().is_terminal() && files.len() > 1 {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let outcomes = files
        .par_iter()
        .map(|path| {
            let outcome = job(path);
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();
    outcomes
}

/// The outcomes added up.
pub(crate) fn tally(outcomes: &[Outcome]) -> Tally {
    let mut tally = Tally {
        files: outcomes.len(),
        ..Tally::default()
    };
    for outcome in outcomes {
        if let Some(kind) = outcome.kind {
            *tally.kinds.entry(kind).or_default() += 1;
        }
        tally.warnings += outcome.warnings;
        tally.errors += outcome.errors;
        tally.failures += usize::from(outcome.status == Status::Failure);
        tally.changed += usize::from(outcome.changed);
    }
    tally
}

/// Where the file `file`, found under `root`, goes under `out`, with `extension`.
pub(crate) fn mirrored(root: &Path, file: &Path, out: &Path, extension: &str) -> PathBuf {
    let relative = file.strip_prefix(root).unwrap_or(file);
    out.join(relative).with_extension(extension)
}
