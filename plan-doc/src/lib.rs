//! Implementation plans as documents: lossless edits, lint, conversion, encoding repair,
//! and files on disk.
//!
//! A [`Document`] is a plan's source and a map of its sections and tasks; an edit changes
//! only the bytes of what it edits. [`lint`] checks a document, [`convert`] moves a plan
//! into another template's layout, and [`encoding`] repairs mojibake. [`decode`] turns a
//! file's bytes into a plan's text (or says which byte is wrong, and where), and
//! [`file`](mod@file) is the one write path every edit takes. A lock, a re-read inside the lock and a check before the rename
//! make several writers at once (agents in parallel, an editor with the file open) lose
//! nothing of each other's work, and a failed write leaves the file byte for byte as it
//! was.
//!
//! ```
//! use plan_doc::file::Options;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let directory = tempfile::tempdir()?;
//! let path = directory.path().join("plan.md");
//! std::fs::write(&path, "# Plan\n\n## Phase 1\n\n- [ ] Write the parser\n- [ ] Test it\n")?;
//!
//! // Read, edit and write back under the lock; the task is found in what was read.
//! let title = plan_doc::edit_file(&path, &Options::default(), |doc| {
//!     let task = doc.find_task("Test it")?;
//!     doc.set_checked(task, true);
//!     Ok::<_, plan_doc::AddressError>(doc.tasks()[task].title.clone())
//! })?;
//! assert_eq!(title, "Test it");
//! assert!(std::fs::read_to_string(&path)?.ends_with("- [x] Test it\n"));
//! # Ok(())
//! # }
//! ```

pub mod convert;
mod decode;
mod document;
pub mod encoding;
pub mod file;
pub mod lint;

pub use decode::{DecodeError, DecodeErrorKind, decode, line_column};
pub use document::{
    AddressError, DATE_KEYS, Dependency, DocSection, DocTask, Document, Item, NextOptions,
    Notation, StatusMark, Unit, read_status, status_emoji,
};
pub use file::edit_file;
pub use plan_parse::{Diagnostic, Parsed, Severity};

/// Reads a plan: [`plan_parse::parse`], with the typed reading of a plan that fits its
/// kind only loosely kept only when its rendering reads back as that kind (else the plan
/// is read generic, with a `P001` that says why), so that parsing a rendering gives the
/// plan back. Never fails.
///
/// ```
/// let parsed = plan_doc::parse("# Tasks\n\n## Setup\n- [x] T001 Init\n- [ ] T002 Lint\n");
/// assert_eq!(parsed.plan.progress().done, 1);
/// ```
pub fn parse(src: &str) -> Parsed {
    plan_parse::parse_with(src, options(None))
}

/// Reads a plan as `kind`, whatever it looks like: [`plan_parse::parse_as`], checked as
/// [`parse`] checks. Never fails.
pub fn parse_as(kind: plan_model::Kind, src: &str) -> Parsed {
    plan_parse::parse_with(src, options(Some(kind)))
}

fn options(kind: Option<plan_model::Kind>) -> plan_parse::Options<'static> {
    plan_parse::Options {
        kind,
        render: Some(&plan_render::render),
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
