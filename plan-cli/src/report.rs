//! How diagnostics, failures and summaries are written: for people (annotate-snippets,
//! colours only on a terminal) or as JSON lines for tools.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write as _};

use plan_model::Kind;
use plan_parse::{Diagnostic, Severity};
use serde_json::json;

use crate::cli::{Cli, Colour, DiagnosticFormat};
use crate::io::Failure;

/// The settings that shape what is printed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reporter {
    colour: bool,
    json: bool,
    quiet: bool,
    verbose: bool,
}

impl Reporter {
    pub(crate) fn new(cli: &Cli) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let colour = match cli.color {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => !no_colour && io::stderr().is_terminal(),
        };
        Self {
            colour,
            json: cli.diagnostics == DiagnosticFormat::Json,
            quiet: cli.quiet,
            verbose: cli.verbose,
        }
    }

    /// Whether a diagnostic of `severity` is printed.
    fn shows(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.quiet,
            Severity::Info => self.verbose,
        }
    }

    /// Whether only errors are printed.
    pub(crate) fn quiet(&self) -> bool {
        self.quiet
    }

    /// Whether summaries are printed.
    pub(crate) fn summaries(&self) -> bool {
        !self.quiet && !self.json
    }

    /// Diagnostics about `src` (a markdown plan, or a JSON one), read from `path`.
    pub(crate) fn diagnostics(&self, path: &str, src: &str, diagnostics: &[Diagnostic]) -> String {
        let mut text = String::new();
        for diagnostic in diagnostics
            .iter()
            .filter(|diagnostic| self.shows(diagnostic.severity))
        {
            if self.json {
                let line = serde_json::to_string(&DiagnosticReport::of(path, src, diagnostic))
                    .unwrap_or_else(|error| unreachable!("diagnostics serialize: {error}"));
                let _ = writeln!(text, "{line}");
            } else {
                let _ = writeln!(text, "{}\n", diagnostic.render_with(path, src, self.colour));
            }
        }
        text
    }

    /// A failure: one line naming the path and the cause.
    pub(crate) fn failure(&self, failure: &Failure) -> String {
        if self.json {
            let line = json!({
                "path": failure.path,
                "severity": "error",
                "code": "io",
                "message": failure.cause,
            });
            format!("{line}\n")
        } else {
            format!("{}: {failure}\n", self.paint("error", RED))
        }
    }

    /// A one-line note for people (nothing in JSON mode or when quiet).
    pub(crate) fn note(&self, text: &str) -> String {
        if self.summaries() {
            format!("{text}\n")
        } else {
            String::new()
        }
    }

    fn paint(&self, text: &str, colour: &str) -> String {
        if self.colour {
            format!("\x1b[1;{colour}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

const RED: &str = "31";

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// Writes to standard error; there is nowhere to report a failure to.
pub(crate) fn eprint(text: &str) {
    if !text.is_empty() {
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
}

/// What a run over many files found, for the closing summary.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) files: usize,
    pub(crate) kinds: BTreeMap<Kind, usize>,
    pub(crate) warnings: usize,
    pub(crate) errors: usize,
    pub(crate) failures: usize,
    pub(crate) changed: usize,
}

impl Tally {
    /// `49 files (11 atomic, 10 feature, ...): 12 warnings, 0 errors, 2 unreadable`.
    pub(crate) fn summary(&self, verb: &str) -> String {
        let mut text = format!(
            "{verb} {} file{}",
            self.files,
            if self.files == 1 { "" } else { "s" }
        );
        if !self.kinds.is_empty() {
            let kinds: Vec<String> = self
                .kinds
                .iter()
                .map(|(kind, count)| format!("{count} {kind}"))
                .collect();
            let _ = write!(text, " ({})", kinds.join(", "));
        }
        let _ = write!(
            text,
            ": {} warning{}, {} error{}, {} failed",
            self.warnings,
            if self.warnings == 1 { "" } else { "s" },
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            self.failures
        );
        text
    }
}

/// A diagnostic as data: one line of `--diagnostics json`, and what `plan mcp`'s
/// `lint_plan` and `validate_plan` return.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct DiagnosticReport {
    /// The plan's path, as given.
    pub(crate) path: String,
    /// `error`, `warning` or `info`.
    pub(crate) severity: String,
    /// `P001`, `L003`, `schema/required`, ...
    pub(crate) code: String,
    /// What is wrong.
    pub(crate) message: String,
    /// The line, from 1.
    pub(crate) line: usize,
    /// The column, from 1, in characters.
    pub(crate) column: usize,
    /// The bytes it is about.
    pub(crate) span: ByteSpan,
    /// A short label for the place.
    pub(crate) label: String,
    /// How to fix it, when there is a way.
    pub(crate) help: Option<String>,
    /// The JSON pointer, for a diagnostic about JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pointer: Option<String>,
}

/// A byte range of a source.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct ByteSpan {
    /// The first byte.
    pub(crate) start: usize,
    /// The byte after the last.
    pub(crate) end: usize,
}

impl DiagnosticReport {
    /// `diagnostic` about `src`, read from `path`.
    pub(crate) fn of(path: &str, src: &str, diagnostic: &Diagnostic) -> Self {
        let (line, column) = diagnostic.line_column(src);
        DiagnosticReport {
            path: path.to_owned(),
            severity: severity_name(diagnostic.severity).to_owned(),
            code: diagnostic.code.to_string(),
            message: diagnostic.message.clone(),
            line,
            column,
            span: ByteSpan {
                start: diagnostic.span.start,
                end: diagnostic.span.end,
            },
            label: diagnostic.label.clone(),
            help: diagnostic.help.clone(),
            pointer: diagnostic.pointer.clone(),
        }
    }
}
