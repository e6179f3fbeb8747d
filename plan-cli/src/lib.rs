//! The `plan` command: implementation plans between markdown and JSON, from the shell.
//!
//! The binary is a thin layer over the library crates: `plan_parse` reads markdown,
//! `plan_render` writes it, `plan_schema` validates JSON and provides the schemas, and
//! `plan_doc::Document` edits a plan in place, changing only the edited bytes. What
//! this crate adds is what a command line needs: files, directories walked in parallel,
//! diagnostics for people or as JSON lines, exit statuses, and writes that never leave a
//! file half-written.
//!
//! | verb | what it does |
//! |---|---|
//! | `plan parse FILE [--kind K] [--compact] [-o OUT]` | markdown to JSON |
//! | `plan render FILE [-o OUT]` | JSON to markdown |
//! | `plan convert IN -o OUT` | markdown and JSON, either way, from the extensions |
//! | `plan detect FILE...` | kind, confidence, evidence |
//! | `plan validate FILE...` | diagnostics; exit 1 on errors |
//! | `plan schema [KIND] [--llm]` | the JSON Schema |
//! | `plan new KIND [--title T]` | a fresh plan to fill in |
//! | `plan fmt FILE... [--check]` | the canonical layout |
//! | `plan status FILE [--json]` | progress per phase and overall, statuses, dates |
//! | `plan next FILE [--json]` | the first open task whose dependencies are done |
//! | `plan check FILE TASK...`, `plan uncheck …` | tick or clear boxes in place |
//! | `plan set-status FILE PHASE STATUS` | a phase's status, in the file's notation |
//! | `plan lint FILE... [--fix]` | semantic checks `L001`-`L010` with positions |
//! | `plan fix-encoding FILE... [--check]` | repair mojibake and bytes that are not UTF-8 |
//! | `plan convert FILE --to KIND` | the plan in another kind's layout, every word kept |
//! | `plan mcp [--root DIR]` | the plans under a root, served to agents over MCP (stdio) |
//! | `plan completions SHELL`, `plan man` | shell completions, the man page |
//!
//! Exit statuses: 0 success, 1 the input has errors, 2 usage or I/O failure.
//!
//! # Example
//!
//! [`run`] is the whole command, taking its arguments like `main` does:
//!
//! ```
//! use std::process::ExitCode;
//!
//! // Prints the JSON Schema of the `poc` kind to standard output.
//! assert_eq!(plan_cli::run(["plan", "schema", "poc"]), ExitCode::SUCCESS);
//! // A missing file is an I/O failure: one line on standard error, exit status 2.
//! assert_eq!(plan_cli::run(["plan", "parse", "no-such-plan.md"]), ExitCode::from(2));
//! ```

mod batch;
mod cli;
mod commands;
mod edit;
mod format;
mod io;
mod mcp;
mod report;
mod work;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

pub use cli::Cli;
pub use format::{Formatted, format};

/// How a run ends, from best to worst; the exit status is its number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// Done (exit 0).
    #[default]
    Success,
    /// The input has errors: an invalid plan, or `fmt --check` found changes (exit 1).
    Invalid,
    /// Usage or I/O failure (exit 2).
    Failure,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Runs the `plan` command with `args` (the first is the program's name), printing to
/// standard output and standard error, and returns its exit status.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    commands::run(&cli).into()
}
