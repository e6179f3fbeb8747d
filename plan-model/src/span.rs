//! Where a node of a plan was read from.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// The byte range of the markdown source that a node was read from, or none for a node
/// built in code or read from JSON.
///
/// A span is layout, not content, so it stays out of everything that compares or
/// exchanges plans: it is not serialized, it is not in the JSON Schema, and any two spans
/// are equal (`==` and [`Hash`] ignore them), so a plan read from markdown equals the
/// same plan read back from its JSON. Line and column are computed from the source when
/// needed, never stored.
///
/// ```
/// use plan_model::Span;
/// let span = Span::new(4..10);
/// assert_eq!(span.range(), Some(4..10));
/// assert_eq!(Span::NONE.range(), None);
/// assert_eq!(span, Span::NONE); // spans never make two nodes differ
/// assert_eq!(&"- [ ] Write the parser"[Span::new(6..11).range().unwrap()], "Write");
/// ```
#[derive(Clone, Copy, Default)]
pub struct Span {
    range: Option<(usize, usize)>,
}

impl Span {
    /// No span: a node that was not read from markdown.
    pub const NONE: Self = Self { range: None };

    /// The span of the bytes `range` of the source (an empty range for `end < start`).
    pub const fn new(range: Range<usize>) -> Self {
        let end = if range.end < range.start {
            range.start
        } else {
            range.end
        };
        Self {
            range: Some((range.start, end)),
        }
    }

    /// The byte range, when the node was read from markdown.
    pub fn range(self) -> Option<Range<usize>> {
        self.range.map(|(start, end)| start..end)
    }

    /// Whether the node was read from markdown.
    pub const fn is_some(self) -> bool {
        self.range.is_some()
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Self::new(range)
    }
}

impl PartialEq for Span {
    /// Always true: where a node was written is not part of what it says.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Span {}

impl Hash for Span {
    /// Hashes nothing, as [`PartialEq`] compares nothing.
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.range {
            Some((start, end)) => write!(f, "Span({start}..{end})"),
            None => f.write_str("Span(none)"),
        }
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for Span {
    type Parameters = ();
    type Strategy = proptest::strategy::Just<Self>;

    /// Only [`Span::NONE`]: a generated node was not read from markdown.
    fn arbitrary_with((): ()) -> Self::Strategy {
        proptest::strategy::Just(Self::NONE)
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn spans_never_make_nodes_differ_and_keep_their_range() {
        assert_eq!(Span::new(1..3), Span::new(7..9));
        assert_eq!(Span::new(1..3), Span::NONE);
        assert_eq!(Span::new(1..3).range(), Some(1..3));
        let (start, end) = (5, 2);
        assert_eq!(Span::new(start..end).range(), Some(5..5));
        assert!(Span::new(0..0).is_some() && !Span::default().is_some());
        assert_eq!(format!("{:?}", Span::new(1..3)), "Span(1..3)");
        assert_eq!(format!("{:?}", Span::NONE), "Span(none)");
    }
}
