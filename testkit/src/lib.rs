//! What plankit's tests and benchmarks share: the corpus of real plans beside the
//! repository (`../shared/corpus`), the five templates, and interleaved timing.
//!
//! A clone with nothing beside it must pass its tests, so every test that needs the corpus
//! asks [`corpus`], which prints one line naming the missing path and returns `None` when
//! it is not there:
//!
//! ```
//! if let Some(files) = plankit_testkit::corpus() {
//!     assert!(files.iter().all(|file| file.path.extension().unwrap() == "md"));
//! }
//! ```

#![allow(
    clippy::print_stderr,
    reason = "a skipped test says so on standard error, once"
)]

use std::path::{Path, PathBuf};

/// The corpus folders, one per template kind and `other` for plans that follow none.
pub const FOLDERS: [&str; 6] = ["atomic", "feature", "poc", "stepwise", "scoped", "other"];

/// One corpus plan.
#[derive(Clone, Debug)]
pub struct CorpusFile {
    /// Its path.
    pub path: PathBuf,
    /// Its folder: the kind it was written from, or `other`.
    pub folder: &'static str,
    /// Its bytes (some corpus plans are not UTF-8 on purpose).
    pub bytes: Vec<u8>,
}

impl CorpusFile {
    /// Its text, with bytes that are not UTF-8 as U+FFFD (the library takes text; the CLI
    /// decodes).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// `folder/file.md`, for messages.
    pub fn name(&self) -> String {
        let file = self.path.file_name().unwrap_or_default().to_string_lossy();
        format!("{}/{file}", self.folder)
    }
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the testkit lies in the repository")
        .to_owned()
}

/// The corpus folders beside the repository: the corpus, and the plans waiting to join it.
/// Each is laid out the same way ([`FOLDERS`]).
pub const CORPUS_DIRS: [&str; 2] = ["../shared/corpus", "../shared/corpus-incoming"];

/// The corpus folder, `../shared/corpus` beside the repository; `None`, after one line on
/// standard error naming the missing path, when it is not there.
pub fn corpus_dir() -> Option<PathBuf> {
    let corpus = root().join(CORPUS_DIRS[0]);
    if corpus.is_dir() {
        Some(corpus)
    } else {
        eprintln!("skipped: {} not found", corpus.display());
        None
    }
}

/// Every corpus plan of each folder of [`CORPUS_DIRS`] there is ([`corpus_in`]); `None` as
/// [`corpus_dir`] gives it.
pub fn corpus() -> Option<Vec<CorpusFile>> {
    corpus_dir()?;
    let mut files = Vec::new();
    for dir in CORPUS_DIRS {
        let dir = root().join(dir);
        if dir.is_dir() {
            files.extend(corpus_in(&dir).unwrap_or_else(|error| panic!("{error}")));
        }
    }
    Some(files)
}

/// Every plan (`*.md`, any case) in each of [`FOLDERS`] of `dir`, a folder laid out like
/// the corpus, by folder and then by name. A folder that is not there has none.
///
/// # Errors
///
/// A folder or file that cannot be read, named in the message.
pub fn corpus_in(dir: &Path) -> Result<Vec<CorpusFile>, String> {
    let mut files = Vec::new();
    for folder in FOLDERS {
        let directory = dir.join(folder);
        if !directory.is_dir() {
            continue;
        }
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
            .map_err(|error| format!("{}: {error}", directory.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case("md"))
            })
            .collect();
        paths.sort();
        for path in paths {
            let bytes =
                std::fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
            files.push(CorpusFile {
                path,
                folder,
                bytes,
            });
        }
    }
    Ok(files)
}

/// The non-blank lines of `text` outside code blocks, as CommonMark reads them: the
/// lines a typed reading could put in typed fields. A line is in a code block when its
/// first character is (the fence lines too).
pub fn prose_lines(text: &str) -> usize {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let code: Vec<std::ops::Range<usize>> = Parser::new_ext(text, Options::ENABLE_TABLES)
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, Event::Start(Tag::CodeBlock(_))).then_some(range)
        })
        .collect();
    let mut next = 0;
    let mut at = 0;
    text.split_inclusive('\n')
        .filter(|line| {
            let start = at;
            at += line.len();
            let content = line.trim_start();
            if content.trim_end().is_empty() {
                return false;
            }
            let first = start + (line.len() - content.len());
            while code.get(next).is_some_and(|range| range.end <= first) {
                next += 1;
            }
            code.get(next).is_none_or(|range| range.start > first)
        })
        .count()
}

/// The template of `kind` (`atomic`, `feature`, `poc`, `stepwise`, `scoped`): its path in
/// `fixtures/templates/` and its text.
pub fn template(kind: &str) -> (PathBuf, String) {
    let path = root().join("fixtures/templates").join(format!("{kind}.md"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    (path, text)
}

/// `text` repeated, one line ending after each copy, to at least `bytes` bytes.
pub fn repeated(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len());
    while out.len() < bytes {
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// Seconds per call of each of `works`: the median of `rounds` rounds, each running every
/// work in turn for at least `at_least`. A ratio of two of them holds whatever else the
/// machine does meanwhile.
pub fn interleaved(
    works: &mut [&mut dyn FnMut()],
    rounds: usize,
    at_least: std::time::Duration,
) -> Vec<f64> {
    let mut samples = vec![Vec::with_capacity(rounds); works.len()];
    for _ in 0..rounds {
        for (work, samples) in works.iter_mut().zip(&mut samples) {
            let start = std::time::Instant::now();
            let mut calls = 0u32;
            while start.elapsed() < at_least {
                work();
                calls += 1;
            }
            samples.push(start.elapsed().as_secs_f64() / f64::from(calls));
        }
    }
    samples
        .into_iter()
        .map(|mut samples| {
            samples.sort_by(f64::total_cmp);
            samples[samples.len() / 2]
        })
        .collect()
}

/// How many times each word of `text` occurs ([`plan_model::markdown::words`]).
pub fn word_counts(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut counts = std::collections::HashMap::new();
    for word in plan_model::markdown::words(text) {
        *counts.entry(word).or_default() += 1;
    }
    counts
}
