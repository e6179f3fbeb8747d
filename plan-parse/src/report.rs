//! What the readers have to say, collected as they read.

use plan_model::Kind;

use crate::{Diagnostic, Severity};

/// Collects diagnostics about slices of one source.
pub(crate) struct Report<'s> {
    src: &'s str,
    kind: Kind,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether a top-level section titled as one of the template's was kept verbatim (its
    /// slot taken, or its content not in the template's form): a sign of a plan that mixes
    /// templates, whose typed reading is checked ([`crate::read_as`]).
    pub(crate) kept_template_section: bool,
}

impl<'s> Report<'s> {
    pub(crate) fn new(src: &'s str, kind: Kind) -> Self {
        Self {
            src,
            kind,
            diagnostics: Vec::new(),
            kept_template_section: false,
        }
    }

    /// The byte offset of `slice` in the source; 0 when it is not a slice of it.
    fn offset(&self, slice: &str) -> usize {
        let start = slice.as_ptr() as usize;
        let base = self.src.as_ptr() as usize;
        match start.checked_sub(base) {
            Some(offset) if offset + slice.len() <= self.src.len() => offset,
            _ => 0,
        }
    }

    /// `text`, a section of the source, is kept verbatim (P002).
    pub(crate) fn kept_verbatim(&mut self, text: &str) {
        let start = self.offset(text);
        let heading = crate::lines::each(text).next().unwrap_or_default();
        let name = heading.trim_start_matches('#').trim();
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "P002".into(),
            pointer: None,
            message: format!(
                "section `{name}` is kept as written: the {} template has no such section, or \
                 its lines are not in the template's form",
                self.kind
            ),
            span: start..start + heading.len(),
            label: "kept verbatim".to_owned(),
            help: Some(
                "nothing is lost; write it as the template does to have it read into typed fields"
                    .to_owned(),
            ),
        });
    }

    /// `value`, a slice of the source, does not read as `expected` and is kept raw (P003).
    pub(crate) fn kept_raw(&mut self, value: &str, expected: &str) {
        let start = self.offset(value);
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "P003".into(),
            pointer: None,
            message: format!("expected {expected}, found `{value}`; the text is kept as written"),
            span: start..start + value.len(),
            label: format!("not {expected}"),
            help: Some(format!("write {expected} to have it read as one")),
        });
    }
}
