//! Implementation plans as documents on disk.
//!
//! `plan-doc` is where plans meet the file system: [`decode`] turns a file's bytes into a
//! plan's text (or says which byte is wrong, and where), and [`file`](mod@file) is the one write
//! path every edit takes. A lock, a re-read inside the lock and a check before the rename
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

mod decode;
pub mod file;

pub use decode::{DecodeError, DecodeErrorKind, decode, line_column};
pub use file::edit_file;
pub use plan_parse::{AddressError, Document};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
