//! The one diagnostic type every crate reports with, and the one rule for lines and
//! columns.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// The line and column (both from 1; the column counts characters) of byte `offset` in
/// `src`. Lines end at `\n` (so at `\r\n` too); a lone `\r` is text, as the readers take
/// it. An offset past the end is the end; one inside a character is that character.
///
/// ```
/// use plan_model::diagnostic::line_column;
/// assert_eq!(line_column("", 0), (1, 1));
/// assert_eq!(line_column("ab\r\ncd", 4), (2, 1));
/// assert_eq!(line_column("é x", 3), (1, 3));
/// ```
pub fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something worth knowing; nothing is wrong.
    Info,
    /// Read, but not as the template has it (a value kept raw, a section kept verbatim).
    Warning,
    /// Could not be read at all.
    Error,
}

/// Something plankit has to say about a place in a plan: in its markdown (parse, lint) or in
/// its JSON (schema validation, the LLM profile).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable code, for tools and for looking it up: `P001`-`P004` (parse), `L001`-`L010`
    /// (lint), `schema/<keyword>` (JSON validation: `schema/type`, `schema/syntax`).
    pub code: Cow<'static, str>,
    /// What was expected and what was found.
    pub message: String,
    /// The byte range of the source it is about (markdown, or JSON text); empty at 0 when
    /// the source is not text (a JSON value validated as such).
    pub span: Range<usize>,
    /// The JSON pointer of the value it is about (`/phases/0/tasks/1/checked`; empty for
    /// the whole document), for a JSON plan.
    pub pointer: Option<String>,
    /// A short label for the span.
    pub label: String,
    /// What to do about it, when there is something to do.
    pub help: Option<String>,
}

impl Diagnostic {
    /// The line and column (both from 1; the column counts characters) where the span
    /// starts in `src`, the text the diagnostic was made from.
    pub fn line_column(&self, src: &str) -> (usize, usize) {
        line_column(src, self.span.start)
    }

    /// The diagnostic as a person reads it: the message, `path:line:column`, the source
    /// line with carets under the span, and the help. No colours.
    ///
    /// ```
    /// use plan_model::diagnostic::{Diagnostic, Severity};
    ///
    /// let src = "# Plan\n\nLast Updated: soon\n";
    /// let diagnostic = Diagnostic {
    ///     severity: Severity::Warning,
    ///     code: "P003".into(),
    ///     message: "`soon` is not a date".to_owned(),
    ///     span: 22..26,
    ///     pointer: None,
    ///     label: "kept as written".to_owned(),
    ///     help: None,
    /// };
    /// let text = diagnostic.render("plan.md", src);
    /// assert!(text.contains("warning[P003]: `soon` is not a date"), "{text}");
    /// assert!(text.contains("plan.md:3:15"), "{text}");
    /// assert!(text.contains("^^^^ kept as written"), "{text}");
    /// ```
    pub fn render(&self, path: &str, src: &str) -> String {
        self.render_with(path, src, false)
    }

    /// [`render`](Self::render), with ANSI colours when `colour` is true (for a terminal).
    pub fn render_with(&self, path: &str, src: &str, colour: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Info => Level::INFO,
            Severity::Warning => Level::WARNING,
            Severity::Error => Level::ERROR,
        };
        let mut span = self.span.start.min(src.len())..self.span.end.min(src.len());
        while !src.is_char_boundary(span.start) {
            span.start -= 1;
        }
        while !src.is_char_boundary(span.end) {
            span.end += 1;
        }
        let mut group = level
            .primary_title(&self.message)
            .id(self.code.as_ref())
            .element(
                Snippet::source(src)
                    .path(path)
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span).label(&self.label)),
            );
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help));
        }
        let renderer = if colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(formatter, "{severity}[{}]: {}", self.code, self.message)
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        assert_eq!(line_column("", 0), (1, 1), "empty input");
        assert_eq!(line_column("", 5), (1, 1), "past the end of empty input");
        assert_eq!(line_column("ab\ncd", 5), (2, 3), "the end of the input");
        assert_eq!(line_column("ab\ncd\n", 5), (2, 3), "the final line ending");
        assert_eq!(line_column("ab\ncd\n", 6), (3, 1), "after it");
        assert_eq!(line_column("ab\ncd\n", 9), (3, 1), "past the end");
        assert_eq!(line_column("日本\n語x", 10), (2, 2), "multi-byte text");
        assert_eq!(line_column("日本", 4), (1, 2), "inside a character");
        assert_eq!(line_column("a\r\nb", 3), (2, 1), "CRLF");
        assert_eq!(line_column("a\r\nb", 1), (1, 2), "before CRLF");
        assert_eq!(line_column("a\rb", 2), (1, 3), "a lone CR is text");
    }
}
