//! The rules of markdown text that every crate shares, so that all of them agree: where
//! code fences open and close, which lines are checkbox items, and what a word is.
//! `Verbatim::checkboxes` counts with the first two, and `plan-parse` reads tasks with
//! them, so progress is the same whichever way a plan was read; "no word lost" is counted
//! in [`words`].

/// Follows code fences the way CommonMark does: a fence opens with three or more
/// backticks or tildes (indented at most three spaces, with an optional info string) and
/// closes with a line of only the same character, at least as many. `fence` is the open
/// fence, if any; returns whether `line` is a fence line.
///
/// ```
/// use plan_model::markdown::track_fence;
/// let mut fence = None;
/// assert!(track_fence(&mut fence, "```markdown"));
/// assert!(!track_fence(&mut fence, "```rust")); // an info string cannot close a fence
/// assert!(fence.is_some());
/// assert!(track_fence(&mut fence, "````"));
/// assert!(fence.is_none());
/// ```
#[inline]
pub fn track_fence(fence: &mut Option<(char, usize)>, line: &str) -> bool {
    // Most lines open with neither a space nor a fence character: told apart by one byte,
    // where the caller is (this part is inlined).
    matches!(line.as_bytes().first(), Some(b' ' | b'`' | b'~')) && track_fence_line(fence, line)
}

/// [`track_fence`] for a line that opens with a space or a fence character.
fn track_fence_line(fence: &mut Option<(char, usize)>, line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let Some(marker) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return false;
    };
    let run = trimmed.chars().take_while(|c| *c == marker).count();
    if run < 3 {
        return false;
    }
    let rest = trimmed[run..].trim();
    match *fence {
        None if marker == '`' && rest.contains('`') => false,
        None => {
            *fence = Some((marker, run));
            true
        }
        Some((open, length)) if open == marker && run >= length && rest.is_empty() => {
            *fence = None;
            true
        }
        Some(_) => false,
    }
}

/// Whether `line` is a checkbox item: after any indent and `>` marks, a bullet (`-`, `*`,
/// `+`) or a number (`1.`, `2)`), whitespace, and `[ ]`, `[x]` or `[X]` followed by
/// whitespace or the end of the line. Returns the byte offset of the `[` and whether the
/// box is ticked.
///
/// ```
/// use plan_model::markdown::checkbox_marker;
/// assert_eq!(checkbox_marker("  > 4. [X] done"), Some((7, true)));
/// assert_eq!(checkbox_marker("- [ ]"), Some((2, false)));
/// assert_eq!(checkbox_marker("- [ ]x"), None);
/// assert_eq!(checkbox_marker("[ ] no bullet"), None);
/// ```
#[inline]
pub fn checkbox_marker(line: &str) -> Option<(usize, bool)> {
    marker(line, "")
}

/// Whether `line` is an optional task as Kiro writes it: a checkbox item whose box is
/// followed by `*` (`- [ ]* 4.3 Write property test`), which GFM reads as text. Returns the
/// byte offset of the `[` and whether the box is ticked; the `*` follows the box.
///
/// ```
/// use plan_model::markdown::{checkbox_marker, optional_marker};
/// assert_eq!(optional_marker("- [ ]* 4.3 Write tests"), Some((2, false)));
/// assert_eq!(optional_marker("  - [x]* done"), Some((4, true)));
/// assert_eq!(optional_marker("- [ ] plain"), None);
/// assert_eq!(checkbox_marker("- [ ]* 4.3 Write tests"), None);
/// ```
pub fn optional_marker(line: &str) -> Option<(usize, bool)> {
    marker(line, "*")
}

/// [`checkbox_marker`], with `after_box` right after the box.
fn marker(line: &str, after_box: &str) -> Option<(usize, bool)> {
    let bytes = line.as_bytes();
    let blanks_from = |at: usize| {
        at + bytes[at..]
            .iter()
            .take_while(|&&byte| matches!(byte, b' ' | b'\t'))
            .count()
    };
    let mut at = blanks_from(0);
    while bytes.get(at) == Some(&b'>') {
        at = blanks_from(at + 1);
    }
    match bytes.get(at)? {
        b'-' | b'*' | b'+' => at += 1,
        _ => {
            let digits = bytes[at..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if digits == 0 || digits > 9 || !matches!(bytes.get(at + digits), Some(b'.' | b')')) {
                return None;
            }
            at += digits + 1;
        }
    }
    if !matches!(bytes.get(at), Some(b' ' | b'\t')) {
        return None;
    }
    at = blanks_from(at);
    let checked = match bytes.get(at..at + 3)? {
        b"[ ]" => false,
        b"[x]" | b"[X]" => true,
        _ => return None,
    };
    let after = bytes[at + 3..].strip_prefix(after_box.as_bytes())?;
    if !matches!(after.first(), None | Some(b' ' | b'\t' | b'\r' | b'\n')) {
        return None;
    }
    Some((at, checked))
}

/// The words of `text` in order: maximal runs of letters, digits and `_`. "Nothing lost"
/// means every word of a plan is still there, as many times, after a conversion.
///
/// ```
/// let words: Vec<&str> = plan_model::markdown::words("- [x] **T001**: set_up CI 🚀").collect();
/// assert_eq!(words, ["x", "T001", "set_up", "CI"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
}
