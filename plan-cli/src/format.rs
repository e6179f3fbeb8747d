//! `plan fmt`: the canonical layout, but never at the cost of moving what a person wrote.

/// What formatting a markdown plan comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Formatted {
    /// The plan is already in its canonical layout.
    Unchanged,
    /// The plan in its canonical layout.
    Changed(String),
    /// The canonical layout would move text to another place (a section the typed reader
    /// keeps verbatim is rendered after the sections it knows, say); the plan is left as
    /// it is. The string names the first word that would move.
    WouldMove(String),
}

/// Formats a markdown plan: parses it and renders it in its template's layout.
///
/// The result is used only when it keeps every word in its order (markup, spacing and
/// line breaks may change); otherwise the plan is left alone, since a formatter that
/// reorders a plan's content changes what it says.
///
/// ```
/// use plan_cli::{Formatted, format};
///
/// let plan = "# Tasks\n\n## Setup\n- [x] T001 Init\n";
/// assert_eq!(format(plan), Formatted::Unchanged);
/// ```
pub fn format(src: &str) -> Formatted {
    let parsed = plan_doc::parse(src);
    let formatted = plan_render::render(&parsed.plan);
    if formatted == src {
        return Formatted::Unchanged;
    }
    let before: Vec<&str> = plan_model::markdown::words(src).collect();
    let after: Vec<&str> = plan_model::markdown::words(&formatted).collect();
    match before.iter().zip(&after).position(|(old, new)| old != new) {
        None if before.len() == after.len() => Formatted::Changed(formatted),
        Some(at) => Formatted::WouldMove(before[at].to_owned()),
        None => Formatted::WouldMove(
            before
                .get(after.len())
                .or(after.get(before.len()))
                .map_or_else(String::new, |word| (*word).to_owned()),
        ),
    }
}
