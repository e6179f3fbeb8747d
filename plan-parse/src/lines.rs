//! Line-level reading shared by the typed readers: sections split at ATX headings of one
//! level (outside code fences), bold `Key: value` lines, bullets and checkbox items.
//!
//! The typed readers are strict: a section is typed only when every one of its lines is
//! understood; otherwise the caller keeps it verbatim, so nothing is ever lost.

use plan_model::LabeledList;
use plan_model::markdown::track_fence;
use plan_model::{ChecklistItem, Metadata, Span};

/// A part of a text that opens with a heading of the level it was split at.
#[derive(Debug)]
pub(crate) struct Part<'a> {
    /// The heading's text, trimmed.
    pub(crate) title: &'a str,
    /// The whole part, heading line included.
    pub(crate) text: &'a str,
    /// The lines after the heading.
    pub(crate) body: &'a str,
}

/// Where the first `\n` of `bytes` is. On x86-64 CPUs with AVX2, the memchr crate's AVX2
/// searcher is called directly: a plan's lines are short, and on them the dispatch of
/// `memchr::memchr` costs about a third of the search (measured on the corpus's lines).
#[inline]
pub(crate) fn newline(bytes: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use memchr::arch::x86_64::avx2::memchr::One;
        static AVX2: std::sync::OnceLock<Option<One>> = std::sync::OnceLock::new();
        if let Some(searcher) = AVX2.get_or_init(|| One::new(b'\n')) {
            return searcher.find(bytes);
        }
    }
    memchr::memchr(b'\n', bytes)
}

/// The start of the first line at or after `from` (a line's start) whose first byte after
/// at most three spaces is one of `marks`; the end of `bytes` when none is. Inside a code
/// fence only such lines can matter (a closing fence, a marker line), and this finds them
/// with one SIMD search for the marks, not a search per line.
pub(crate) fn next_opening(bytes: &[u8], from: usize, marks: [u8; 3]) -> usize {
    let [first, second, third] = marks;
    memchr::memchr3_iter(first, second, third, &bytes[from..])
        .find_map(|offset| opening_line_start(bytes, from, from + offset))
        .unwrap_or(bytes.len())
}

/// The start of the line on which the byte at `at` comes after at most three spaces, if it
/// does: `at` less those spaces, where that is `from` (the start of a line or of the text)
/// or follows a `\n`. Only that far back is looked at, so that a mark in the middle of a
/// line costs almost nothing.
fn opening_line_start(bytes: &[u8], from: usize, at: usize) -> Option<usize> {
    let spaces = bytes[from..at]
        .iter()
        .rev()
        .take(4)
        .take_while(|&&byte| byte == b' ')
        .count();
    let start = at - spaces;
    (spaces <= 3 && (start == from || bytes[start - 1] == b'\n')).then_some(start)
}

/// `text.split_inclusive('\n')`, with each line's end found by the memchr crate's SIMD
/// search (the standard library's char search costs about three times as much on the
/// short lines of a plan, and the readers go over every line several times).
pub(crate) fn inclusive(text: &str) -> Inclusive<'_> {
    Inclusive { text, at: 0 }
}

/// The iterator of [`inclusive`].
pub(crate) struct Inclusive<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Inclusive<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.at;
        let rest = self.text.get(start..).filter(|rest| !rest.is_empty())?;
        self.at = newline(rest.as_bytes()).map_or(self.text.len(), |newline| start + newline + 1);
        self.text.get(start..self.at)
    }
}

/// The lines of `text` without their endings, split at `\n` and `\r\n` only (a lone `\r`
/// is text), a last line without an ending included.
pub fn each(text: &str) -> impl Iterator<Item = &str> {
    inclusive(text).map(without_ending)
}

/// A line of [`inclusive`] without its `\n` or `\r\n`.
fn without_ending(line: &str) -> &str {
    line.strip_suffix('\n')
        .map_or(line, |line| line.strip_suffix('\r').unwrap_or(line))
}

/// The lines of `text` that may open or close a code fence or be an ATX heading: those
/// whose first character after at most three spaces is a backtick, a tilde or `#`, as
/// `(start, line)` with the line ending kept. Every other line is skipped without being
/// looked at (memchr finds the candidates), which is what makes the line-level passes
/// of the typed readers cheap.
pub(crate) fn marker_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut candidates = memchr::memchr3_iter(b'`', b'~', b'#', bytes);
    let mut next_line = 0;
    std::iter::from_fn(move || {
        for at in candidates.by_ref() {
            if at < next_line {
                continue;
            }
            let Some(start) = opening_line_start(bytes, 0, at) else {
                continue;
            };
            let end = newline(&bytes[at..]).map_or(text.len(), |found| at + found + 1);
            next_line = end;
            return Some((start, &text[start..end]));
        }
        None
    })
}

/// Splits `text` at headings of exactly `level` `#`s: the text before the first one, then
/// the parts. Headings inside code fences do not count.
pub(crate) fn split(text: &str, level: usize) -> (&str, Vec<Part<'_>>) {
    let (intro, parts, _) = split_checked(text, level);
    (intro, parts)
}

/// [`split`], and whether every code fence in `text` is closed by CommonMark's rules
/// ([`track_fence`]), from the same pass.
///
/// Inside [`with_markers`], a `text` that lies within the text being read is split from
/// that text's marker lines, found once, instead of going over its lines again.
pub(crate) fn split_checked(text: &str, level: usize) -> (&str, Vec<Part<'_>>, bool) {
    let marker: std::borrow::Cow<'static, str> = match MARKS.get(level) {
        Some(marks) => (*marks).into(),
        None => format!("{} ", "#".repeat(level)).into(),
    };
    let found = MARKERS.with(|markers| {
        markers
            .borrow()
            .as_ref()
            .and_then(|markers| markers.headings(text, &marker))
    });
    let (starts, balanced) = match found {
        Some(found) => {
            debug_assert_eq!(found, heading_starts(text, &marker), "{text:?}");
            found
        }
        None => heading_starts(text, &marker),
    };
    let intro = &text[..starts.first().copied().unwrap_or(text.len())];
    let parts = starts
        .iter()
        .enumerate()
        .map(|(index, &start)| {
            let end = starts.get(index + 1).copied().unwrap_or(text.len());
            let part = &text[start..end];
            let heading_end = part.find('\n').map_or(part.len(), |newline| newline + 1);
            Part {
                title: part[marker.len()..heading_end].trim(),
                text: part,
                body: &part[heading_end..],
            }
        })
        .collect();
    (intro, parts, balanced)
}

/// The opening of a heading of each level, `"## "` at 2.
const MARKS: [&str; 7] = ["", "# ", "## ", "### ", "#### ", "##### ", "###### "];

/// Where the lines opening with `marker` outside code fences start in `text`, and whether
/// every fence closes: one pass over its [`marker_lines`].
fn heading_starts(text: &str, marker: &str) -> (Vec<usize>, bool) {
    let mut starts = Vec::new();
    let mut fence = None;
    for (offset, line) in marker_lines(text) {
        if !track_fence(&mut fence, line) && fence.is_none() && line.starts_with(marker) {
            starts.push(offset);
        }
    }
    (starts, fence.is_none())
}

std::thread_local! {
    /// The address and length of the source [`with_source`] is reading; `(0, 0)` outside.
    static SOURCE: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// Runs `read` with `src` as the source whose slices [`span`] locates: the readers take
/// slices of the source apart and build the model's nodes from them, and each node's
/// span is where its slice lies.
pub(crate) fn with_source<R>(src: &str, read: impl FnOnce() -> R) -> R {
    /// Puts back what was there before, however `read` ends.
    struct Restore((usize, usize));
    impl Drop for Restore {
        fn drop(&mut self) {
            SOURCE.with(|source| source.set(self.0));
        }
    }
    let _restore =
        Restore(SOURCE.with(|source| source.replace((src.as_ptr() as usize, src.len()))));
    read()
}

/// Where `text` lies in the source being read ([`with_source`]); [`Span::NONE`] for a
/// text that is not a slice of it (one the reader built).
pub(crate) fn span(text: &str) -> Span {
    let (address, len) = SOURCE.with(std::cell::Cell::get);
    match (text.as_ptr() as usize).checked_sub(address) {
        Some(start) if address != 0 && start <= len && text.len() <= len - start => {
            Span::new(start..start + text.len())
        }
        _ => Span::NONE,
    }
}

/// The source of `lines`, slices of `text` from [`chunks`] or [`each`], from the start of
/// the first to the end of the last (what lies between them included): the lines as
/// written, so that what is read from them has its [`span`]. Their text joined by `\n`
/// when they are not slices of `text` in order.
pub(crate) fn source_of<'a>(text: &'a str, lines: &[&str]) -> std::borrow::Cow<'a, str> {
    let base = text.as_ptr() as usize;
    let slice = match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => (first.as_ptr() as usize)
            .checked_sub(base)
            .zip((last.as_ptr() as usize + last.len()).checked_sub(base))
            .and_then(|(start, end)| text.get(start..end)),
        _ => Some(""),
    };
    match slice {
        Some(slice) => std::borrow::Cow::Borrowed(slice),
        None => std::borrow::Cow::Owned(lines.join("\n")),
    }
}

/// Where `lines`, slices of the source in order, lie: from the first one's start to the
/// last one's end.
pub(crate) fn span_of_lines(lines: &[&str]) -> Span {
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => span_to(span(first), last),
        _ => Span::NONE,
    }
}

/// `from` extended to the end of `text` (a later slice of the source); `from` itself
/// when either is not in the source.
pub(crate) fn span_to(from: Span, text: &str) -> Span {
    match (from.range(), span(text).range()) {
        (Some(from), Some(to)) => Span::new(from.start..to.end.max(from.end)),
        _ => from,
    }
}

std::thread_local! {
    /// The marker lines of the text [`with_markers`] is reading, if any.
    static MARKERS: std::cell::RefCell<Option<Markers>> = const { std::cell::RefCell::new(None) };
}

/// Runs `read` with `markers`, the marker lines of the text it reads, for
/// [`split_checked`] to take: a typed reader splits the text, then its sections and
/// theirs, at several levels, and each split would otherwise go over the same lines
/// again. (Debug builds check every such split against a pass of its own.)
pub(crate) fn with_markers<R>(markers: Markers, read: impl FnOnce() -> R) -> R {
    /// Puts back what was there before, however `read` ends.
    struct Restore(Option<Markers>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            MARKERS.with(|markers| *markers.borrow_mut() = previous);
        }
    }
    let _restore = Restore(MARKERS.with(|slot| slot.borrow_mut().replace(markers)));
    read()
}

/// The marker lines of a text ([`marker_lines`]) and the code-fence state around each.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Markers {
    /// The text's address and length: only a text inside it is looked up here. (Only
    /// compared, never read through: a text elsewhere is split by its own pass.)
    address: usize,
    len: usize,
    /// Whether the text was short enough to be indexed.
    indexed: bool,
    lines: Vec<Marker>,
}

/// A marker line of the text [`Markers`] holds.
#[derive(Debug, PartialEq, Eq)]
struct Marker {
    /// Where it starts and ends (after its line ending), as `u32`: a long plan has many
    /// such lines, and this keeps each in 20 bytes ([`Markers::new`] indexes no text
    /// longer than `u32::MAX`).
    start: u32,
    end: u32,
    /// The line's opening bytes (up to six `#` and a space), for the heading test.
    opening: [u8; 7],
    /// Whether no code fence is open before it, and after it.
    outside_before: bool,
    outside_after: bool,
    /// Whether it opens or closes a fence.
    fence_line: bool,
}

impl Marker {
    fn start(&self) -> usize {
        usize::try_from(self.start).unwrap_or(usize::MAX)
    }

    fn end(&self) -> usize {
        usize::try_from(self.end).unwrap_or(usize::MAX)
    }
}

impl Markers {
    /// The marker lines of `src`; none for a text longer than `u32::MAX` bytes, which is
    /// then split by each split's own pass (and read generic: [`Self::agree_with`]).
    pub(crate) fn new(src: &str) -> Self {
        let mut builder = MarkersBuilder::default();
        if Self::indexes(src) {
            for (start, line) in marker_lines(src) {
                builder.push(start, line);
            }
        }
        builder.finish(src)
    }

    /// Whether `src` is short enough for its marker lines to be kept (`u32` offsets).
    pub(crate) fn indexes(src: &str) -> bool {
        u32::try_from(src.len()).is_ok()
    }
    /// Whether the readers and CommonMark agree on which lines are headings: every line
    /// the readers take for one (one to six `#` and a space at the start of a line, outside
    /// code fences) is one of `headings` (CommonMark's, as the start of its first line and
    /// its level, in source order) at the same line and level, and no marker line the
    /// readers take for code (or for a fence) starts one of them. Where they differ, a line CommonMark reads as
    /// part of a block (an HTML comment or block, a fence it closes otherwise) would be
    /// split at by the readers, or a heading kept inside a value would end that value's
    /// fence for everything else: the reading, rendered, would read differently.
    pub(crate) fn agree_with(&self, headings: impl IntoIterator<Item = (usize, u8)>) -> bool {
        let mut known = headings.into_iter().peekable();
        self.indexed
            && self.lines.iter().all(|line| {
                while known.next_if(|&(start, _)| start < line.start()).is_some() {}
                let level = known
                    .peek()
                    .filter(|&&(start, _)| start == line.start())
                    .map(|&(_, level)| usize::from(level));
                if !(line.outside_before && line.outside_after) {
                    return level.is_none();
                }
                let marks = line
                    .opening
                    .iter()
                    .take_while(|&&byte| byte == b'#')
                    .count();
                if !(1..=6).contains(&marks) || line.opening.get(marks) != Some(&b' ') {
                    return true;
                }
                level == Some(marks)
            })
    }

    /// [`heading_starts`] of `text`, from these lines, when `text` lies inside the text
    /// they were found in, starts at the start of a line that is sure to be one (the
    /// text's, or a marker line's start or end) or its first line is no marker line, cuts
    /// no marker line at its end, and no code fence is open before its first marker line;
    /// else `None`.
    fn headings(&self, text: &str, marker: &str) -> Option<(Vec<usize>, bool)> {
        let from = (text.as_ptr() as usize).checked_sub(self.address)?;
        let to = from.checked_add(text.len())?;
        if to > self.len || marker.len() > 7 {
            return None;
        }
        let first = self.lines.partition_point(|line| line.start() < from);
        let last = self.lines.partition_point(|line| line.start() < to);
        // Where `text` starts inside a line of the whole, its first line is not one of the
        // whole's lines: it must then not be a marker line of its own.
        let at_line_start = from == 0
            || self
                .lines
                .get(first)
                .is_some_and(|line| line.start() == from)
            || first > 0 && self.lines[first - 1].end() == from;
        let spaces = text
            .bytes()
            .take(4)
            .take_while(|&byte| byte == b' ')
            .count();
        let opens_marked =
            spaces <= 3 && matches!(text.as_bytes().get(spaces), Some(b'`' | b'~' | b'#'));
        if !at_line_start && opens_marked {
            return None;
        }
        let inside = &self.lines[first..last];
        let Some((opening, closing)) = inside.first().zip(inside.last()) else {
            return Some((Vec::new(), true));
        };
        if !opening.outside_before || closing.end() > to {
            return None;
        }
        let starts = inside
            .iter()
            .filter(|line| {
                !line.fence_line
                    && line.outside_after
                    && line.opening.starts_with(marker.as_bytes())
            })
            .map(|line| line.start() - from)
            .collect();
        Some((starts, closing.outside_after))
    }
}

/// [`Markers`] built a line at a time, by a scan that visits every line anyway
/// (`generic::quick_headings`): given the same lines, in order, as [`marker_lines`]
/// gives, it builds what [`Markers::new`] builds, without a pass of its own.
#[derive(Default)]
pub(crate) struct MarkersBuilder {
    fence: Option<(char, usize)>,
    lines: Vec<Marker>,
}

impl MarkersBuilder {
    /// Takes the next marker line, `line` (its ending kept), which starts at `start`.
    pub(crate) fn push(&mut self, start: usize, line: &str) {
        let outside_before = self.fence.is_none();
        let fence_line = track_fence(&mut self.fence, line);
        let mut opening = [0; 7];
        let head = &line.as_bytes()[..line.len().min(7)];
        opening[..head.len()].copy_from_slice(head);
        // Only texts [`Markers::indexes`] are given: the offsets fit.
        if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(start + line.len())) {
            self.lines.push(Marker {
                start,
                end,
                opening,
                outside_before,
                outside_after: self.fence.is_none(),
                fence_line,
            });
        }
    }

    /// The marker lines of `src`, the text whose lines were given.
    pub(crate) fn finish(self, src: &str) -> Markers {
        let mut lines = self.lines;
        // Kept for the whole reading: no growth room.
        lines.shrink_to_fit();
        let indexed = Markers::indexes(src);
        Markers {
            address: src.as_ptr() as usize,
            len: if indexed { src.len() } else { 0 },
            indexed,
            lines,
        }
    }
}

/// `text.trim().is_empty()`: whether `text` is only whitespace, told by its first byte
/// when that is ASCII and not whitespace (most lines open with a letter or a mark).
pub fn blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(&byte) if byte.is_ascii() && !matches!(byte, b'\t'..=b'\r' | b' ') => false,
        _ => text.trim().is_empty(),
    }
}

/// The non-blank lines of `text`, without line endings.
pub(crate) fn content_lines(text: &str) -> impl Iterator<Item = &str> {
    each(text).filter(|line| !blank(line))
}

/// `**Key**: value` or `**Key:** value`: the key and the value.
pub(crate) fn bold_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("**")?;
    let close = memchr::memchr_iter(b'*', rest.as_bytes())
        .find(|&at| rest.as_bytes().get(at + 1) == Some(&b'*'))?;
    let key = &rest[..close];
    let after = &rest[close + 2..];
    if let Some(key) = key.strip_suffix(':') {
        return Some((key, after.strip_prefix(' ').unwrap_or(after)));
    }
    let value = after.strip_prefix(':')?;
    Some((key, value.strip_prefix(' ').unwrap_or(value)))
}

/// `- text`: the text.
pub(crate) fn bullet(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
}

/// `N. text`: the number and the text.
pub(crate) fn numbered(line: &str) -> Option<(usize, &str)> {
    // Most lines do not open with a number: they are told apart without a search.
    if !line.starts_with(|c: char| c.is_ascii_digit() || c == '+') {
        return None;
    }
    let (number, text) = line.split_once(". ")?;
    Some((number.parse().ok()?, text))
}

/// `- [ ] text` / `- [x] **label**: text`.
pub(crate) fn checkbox(line: &str) -> Option<ChecklistItem> {
    let rest = line.strip_prefix("- [")?;
    let (checked, marker, text) = match rest.get(..3) {
        Some(" ] ") => (false, None, &rest[3..]),
        Some("x] " | "X] ") => (true, None, &rest[3..]),
        _ => {
            let (marker, text) = status_mark(rest)?;
            (false, Some(marker.to_owned()), text)
        }
    };
    if rest.starts_with("X") {
        // `[X]` would render as `[x]`: not typed, so the line stays as written.
        return None;
    }
    let (label, text) = match bold_line(text) {
        Some((label, value)) if text.starts_with("**") && text.contains("**: ") => {
            (Some(label.to_owned()), value)
        }
        _ => (None, text),
    };
    Some(ChecklistItem {
        checked,
        marker,
        label,
        text: text.to_owned(),
        span: span(line),
    })
}

/// A status mark in place of a checkbox, `rest` being what follows `- [`: one to four
/// characters, none a letter, digit, space or bracket (`🚨`, `⏸️`, `-`), then `] ` and
/// text; the mark and the text.
fn status_mark(rest: &str) -> Option<(&str, &str)> {
    let (mark, text) = rest.split_once("] ")?;
    let count = mark.chars().count();
    let plain = (1..=4).contains(&count)
        && mark
            .chars()
            .all(|c| !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '[' | ']')));
    (plain && !blank(text)).then_some((mark, text))
}

/// Whether `line` (its indentation removed) is an item with a status mark in place of
/// its checkbox (`- [🚨] text`).
fn status_marked(line: &str) -> bool {
    line.strip_prefix("- [").and_then(status_mark).is_some()
}

/// Every line of `body` as a checkbox item, or `None` when one is not.
pub(crate) fn checklist(body: &str) -> Option<Vec<ChecklistItem>> {
    content_lines(body).map(checkbox).collect()
}

/// Every line of `body` as a bullet, or `None` when one is not.
pub(crate) fn bullets(body: &str) -> Option<Vec<String>> {
    content_lines(body)
        .map(|line| bullet(line).map(str::to_owned))
        .collect()
}

/// Bold `Key: value` lines (optionally as bullets) as known keys and the rest, or `None`
/// when a line is not one.
pub(crate) fn bold_lines(body: &str, bulleted: bool) -> Option<Vec<(&str, &str)>> {
    let pairs: Vec<(&str, &str)> = content_lines(body)
        .map(|line| {
            let line = if bulleted { bullet(line)? } else { line };
            bold_line(line)
        })
        .collect::<Option<_>>()?;
    // A key given twice has one slot in the model: typing it would lose a value.
    let mut keys = std::collections::HashSet::with_capacity(pairs.len());
    pairs
        .iter()
        .all(|(key, _)| keys.insert(*key))
        .then_some(pairs)
}

/// Moves the value of `key` out of `pairs` (the first one), if there.
pub(crate) fn take(pairs: &mut Vec<(&str, &str)>, key: &str) -> Option<String> {
    let index = pairs.iter().position(|(name, _)| *name == key)?;
    Some(pairs.remove(index).1.to_owned())
}

/// The pairs left over, as metadata in source order.
pub(crate) fn rest(pairs: Vec<(&str, &str)>) -> Metadata {
    pairs
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect()
}

/// Runs of lines separated by blank lines, blank lines inside code fences kept.
pub(crate) fn chunks(text: &str) -> Vec<Vec<&str>> {
    chunk_iter(text).collect()
}

/// [`chunks`], one run at a time: a reader that stops at the first run it cannot take
/// does not split the rest.
pub(crate) fn chunk_iter(text: &str) -> ChunkIter<'_> {
    ChunkIter {
        lines: inclusive(text),
        fence: None,
    }
}

/// The iterator of [`chunk_iter`].
pub(crate) struct ChunkIter<'a> {
    lines: Inclusive<'a>,
    fence: Option<(char, usize)>,
}

impl<'a> Iterator for ChunkIter<'a> {
    type Item = Vec<&'a str>;

    fn next(&mut self) -> Option<Vec<&'a str>> {
        // Most chunks (a paragraph, a short list, a code block) are a few lines: room for
        // eight saves the growth steps.
        const ROOM: usize = 8;
        let mut current = Vec::new();
        for line in self.lines.by_ref().map(without_ending) {
            let fence_line = track_fence(&mut self.fence, line);
            if !fence_line && self.fence.is_none() && blank(line) {
                if !current.is_empty() {
                    return Some(current);
                }
            } else {
                if current.is_empty() {
                    current.reserve_exact(ROOM);
                }
                current.push(line);
            }
        }
        (!current.is_empty()).then_some(current)
    }
}

/// A fenced code block given as its lines (opening fence to closing fence), or `None`.
pub(crate) fn code_block(lines: &[&str]) -> Option<plan_model::CodeBlock> {
    let (open, rest) = lines.split_first()?;
    let fence_length = open.chars().take_while(|c| *c == '`').count();
    if fence_length < 3 {
        return None;
    }
    let (close, code) = rest.split_last()?;
    if close.trim_end() != &open[..fence_length] {
        return None;
    }
    let mut text = String::with_capacity(code.iter().map(|line| line.len() + 1).sum());
    for line in code {
        text.push_str(line);
        text.push('\n');
    }
    Some(plan_model::CodeBlock {
        span: span_to(span(open), close),
        ..plan_model::CodeBlock::new(open[fence_length..].trim(), text)
    })
}

/// A fenced code block that is all of `body`, or `None`.
pub(crate) fn only_code(body: &str) -> Option<plan_model::CodeBlock> {
    match chunks(body).as_slice() {
        [lines] => code_block(lines),
        _ => None,
    }
}

/// A pipe table whose header row is exactly `headers`: its rows' cells, trimmed.
pub(crate) fn table(body: &str, headers: &[&str]) -> Option<Vec<Row>> {
    let (header, rows) = any_table(body)?;
    (header == headers).then_some(rows)
}

/// A table row's cells, trimmed, and where the row's line is.
pub(crate) struct Row {
    pub(crate) cells: Vec<String>,
    pub(crate) span: Span,
}

impl std::ops::Deref for Row {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.cells
    }
}

/// A pipe table that is all of `body`: its header cells and its rows' cells, trimmed;
/// every row has as many cells as the header.
pub(crate) fn any_table(body: &str) -> Option<(Vec<&str>, Vec<Row>)> {
    let mut lines = content_lines(body);
    let headers = cells(lines.next()?)?;
    let separator = cells(lines.next()?)?;
    if separator.len() != headers.len()
        || !separator
            .iter()
            .all(|cell| !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':')))
    {
        return None;
    }
    let rows: Vec<Row> = lines
        .map(|line| {
            let row = cells(line)?;
            (row.len() == headers.len()).then(|| Row {
                cells: row.into_iter().map(str::to_owned).collect(),
                span: span(line),
            })
        })
        .collect::<Option<_>>()?;
    // A table without rows has nothing the model could hold: its header would be lost. It
    // is kept as written instead.
    (!rows.is_empty()).then_some((headers, rows))
}

/// The cells of `| a | b |`, trimmed; `\|` stays in its cell; `None` for a row that
/// would not render back the same (an escaped pipe or a `<br>`).
fn cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    if memchr::memchr2(b'\\', b'<', inner.as_bytes()).is_some()
        && (inner.contains("\\|") || inner.contains("<br>"))
    {
        return None;
    }
    Some(inner.split('|').map(str::trim).collect())
}

/// A document with one `#` title and nothing before it, split into the title part and
/// its `##` sections; `None` otherwise.
///
/// When a code fence never closes, it runs to the end of the text (CommonMark's rule), so
/// it is in the last section: that section is given apart as the third value, for the
/// reader to keep verbatim and last, where its open fence takes in nothing rendered
/// after it. `None` when the open fence is above the first section.
pub(crate) fn titled(src: &str) -> Option<(Part<'_>, Vec<Part<'_>>, Option<Part<'_>>)> {
    let (head, mut parts, balanced) = split_checked(src, 2);
    let tail = if balanced { None } else { Some(parts.pop()?) };
    let (before, mut titles) = split(head, 1);
    if !blank(before) || titles.len() != 1 {
        return None;
    }
    Some((titles.remove(0), parts, tail))
}

/// A section's text as kept: without the blank lines that separate it from the next.
pub(crate) fn kept_text(text: &str) -> String {
    format!("{}\n", text.trim_end_matches(['\n', '\r']))
}

/// A section's text as kept ([`kept_text`]), read in blocks ([`crate::blocks::verbatim`]).
pub(crate) fn verbatim(text: &str) -> plan_model::Verbatim {
    crate::blocks::verbatim(kept_text(text), span(text))
}

/// A top-level section's text as kept ([`kept_text`]) and read in blocks
/// ([`crate::blocks::kept`]), written after the template's sections until it is
/// placed ([`crate::sections::Placing`]).
pub(crate) fn kept(text: &str) -> plan_model::KeptSection {
    crate::blocks::kept(&kept_text(text), span(text).range())
}

/// `text` without a closing `---` rule line (the renderer writes rules between sections).
pub(crate) fn without_rule(text: &str) -> &str {
    let trimmed = text.trim_end_matches(['\n', '\r']);
    match trimmed.strip_suffix("---") {
        Some(before) if before.is_empty() || before.ends_with('\n') => &text[..before.len()],
        _ => text,
    }
}

/// A paragraph section's text, when it has one and no headings.
pub(crate) fn prose(body: &str) -> Option<String> {
    let text = body.trim_matches('\n');
    (!blank(text) && !each(text).any(|line| line.starts_with('#'))).then(|| text.to_owned())
}

/// The value as typed when it is written exactly as the renderer writes that value
/// (`High`, `Create`, `2025-01-24`), else raw, so the plan renders back the same words.
pub(crate) fn exact<T: plan_model::Value>(text: &str) -> plan_model::TypedOrRaw<T> {
    match plan_model::TypedOrRaw::<T>::parse(text) {
        typed @ plan_model::TypedOrRaw::Typed(_) if typed.to_text() == text => typed,
        _ => plan_model::TypedOrRaw::raw(text),
    }
}

/// A heading's text as a key for matching it with a template's section name: lower case,
/// words only (emoji, punctuation and a leading number such as `8.` dropped), `&` read
/// as `and`. `## 8. Success Criteria:` and `## ✅ success criteria` both give
/// `success criteria`.
pub(crate) fn title_key(title: &str) -> String {
    let title = unmarked_title(title);
    // Each word is written straight into the key, and taken back when it comes to nothing
    // or is a leading number: no string per word.
    let mut key = String::with_capacity(title.len());
    for word in title.split_whitespace() {
        let before = key.len();
        if before > 0 {
            key.push(' ');
        }
        let start = key.len();
        for c in word.chars() {
            match c {
                '&' => key.push('&'),
                '\'' | '\u{2019}' => key.push('\''),
                c if c.is_alphanumeric() => key.push(c.to_ascii_lowercase()),
                _ => {}
            }
        }
        let written = &key[start..];
        if written == "&" {
            key.truncate(start);
            key.push_str("and");
        } else if written.is_empty() || (before == 0 && written.bytes().all(|b| b.is_ascii_digit()))
        {
            key.truncate(before);
        }
    }
    key
}

/// A title without the bold marks around it and without CJK numbering (`十一、验收标准`
/// gives `验收标准`), the words [`title_key`] reads.
fn unmarked_title(title: &str) -> &str {
    let title = title.trim().trim_matches('*');
    match title.split_once('、') {
        Some((number, rest))
            if !number.is_empty()
                && number.chars().all(|c| "一二三四五六七八九十百".contains(c)) =>
        {
            rest
        }
        _ => title,
    }
}

/// The first line of `text` without its line ending.
pub(crate) fn first_line(text: &str) -> &str {
    text.split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r')
}

/// `text` without the line endings (`\n`, `\r\n`) around it. A lone `\r` stays: the readers
/// take it as text, CommonMark as a line ending, so the line after it does not open with it
/// (`\r- [ ] a` is no list item to a reader), and dropping it would change what the
/// rendered text reads as.
pub(crate) fn trim_line_endings(text: &str) -> &str {
    let mut text = skip_line_endings(text);
    while let Some(rest) = text.strip_suffix('\n') {
        text = rest.strip_suffix('\r').unwrap_or(rest);
    }
    text
}

/// `text` without the line endings (`\n`, `\r\n`) it opens with ([`trim_line_endings`]).
pub(crate) fn skip_line_endings(text: &str) -> &str {
    let mut text = text;
    while let Some(rest) = text
        .strip_prefix('\n')
        .or_else(|| text.strip_prefix("\r\n"))
    {
        text = rest;
    }
    text
}

/// `text` as the prose of a typed field: it is not blank, holds no heading and no
/// checkbox item (outside code), and its code fences close, so that it renders back into
/// the same place and its tasks are counted where they are. `None` otherwise.
pub(crate) fn prose_block(text: &str) -> Option<String> {
    prose_under(text, 6)
}

/// [`prose_block`] that may hold headings deeper than `level` (a step's own `####`
/// sub-sections under its `###` heading): they stay inside what is read back at `level`.
pub(crate) fn prose_under(text: &str, level: usize) -> Option<String> {
    let text = trim_line_endings(text);
    if blank(text) {
        return None;
    }
    let mut fence = None;
    for line in each(text) {
        if plan_model::markdown::track_fence(&mut fence, line) || fence.is_some() {
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if (indent <= 3 && is_atx_heading(trimmed) && heading_marks(trimmed) <= level)
            || plan_model::markdown::checkbox_marker(line).is_some()
        {
            return None;
        }
    }
    // An HTML comment left open takes in what is rendered after the prose (CommonMark ends
    // such a block only at `-->`).
    (fence.is_none() && !open_comment(text)).then(|| text.to_owned())
}

/// Whether `text` leaves an HTML comment open: its last `<!--` has no `-->` after it.
/// (The last one is found by a forward search: memchr's reverse one is not vectorized.)
pub(crate) fn open_comment(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"<!--")
        .last()
        .is_some_and(|at| memchr::memmem::find(&bytes[at + 4..], b"-->").is_none())
}

/// The number of `#` opening `line`.
fn heading_marks(line: &str) -> usize {
    line.bytes().take_while(|&byte| byte == b'#').count()
}

/// Whether `line` (its indentation removed) opens an ATX heading: one to six `#` then a
/// space, a tab or the end of the line.
fn is_atx_heading(line: &str) -> bool {
    let marks = line.bytes().take_while(|&byte| byte == b'#').count();
    (1..=6).contains(&marks)
        && matches!(
            line.as_bytes().get(marks),
            None | Some(b' ' | b'\t' | b'\r')
        )
}

/// The items of a list that is all of `text` (blank lines between items allowed): each
/// item's text after its `- ` or `N. ` marker, with its continuation lines (indented)
/// as written; and whether it is numbered `1.`, `2.`, …. `None` when a line is neither
/// an item nor a continuation, when bullets and numbers mix, when numbers do not count
/// up from 1 (rendering would renumber them), or when an item holds a checkbox or an
/// unclosed fence.
pub(crate) fn list(text: &str) -> Option<(Vec<String>, bool)> {
    list_spans(text).map(|(items, ordered, _)| (items, ordered))
}

/// [`list`], with where each item is (from its marker to the end of its last line).
pub(crate) fn list_spans(text: &str) -> Option<(Vec<String>, bool, Vec<Span>)> {
    list_from(text)
        .filter(|(_, _, start, _)| *start == 1)
        .map(|(items, ordered, _, spans)| (items, ordered, spans))
}

/// [`list`], numbered from any first number (the list goes on from one before it): the
/// items, whether they are numbered, and the first number (1 for bullets).
fn list_from(text: &str) -> Option<(Vec<String>, bool, usize, Vec<Span>)> {
    let mut start = None;
    let mut items: Vec<String> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut ordered = None;
    let mut after_blank = false;
    let mut fence = None;
    for line in each(text) {
        let in_code = plan_model::markdown::track_fence(&mut fence, line) || fence.is_some();
        if !in_code && plan_model::markdown::checkbox_marker(line).is_some() {
            // A checkbox is a task: a list of them is a checklist, not a list.
            return None;
        }
        if blank(line) {
            after_blank = true;
            continue;
        }
        let starts_item = if let Some(rest) = line.strip_prefix("- ") {
            Some((false, rest))
        } else {
            numbered(line)
                .filter(|&(number, _)| {
                    number >= 1 && number == *start.get_or_insert(number) + items.len()
                })
                .map(|(_, rest)| (true, rest))
        };
        match starts_item {
            Some((numbered, rest)) => {
                if *ordered.get_or_insert(numbered) != numbered {
                    return None;
                }
                items.push(rest.to_owned());
                spans.push(span(line));
            }
            None if line.starts_with([' ', '\t']) && !after_blank => {
                let item = items.last_mut()?;
                item.push('\n');
                item.push_str(line);
                if let Some(last) = spans.last_mut() {
                    *last = span_to(*last, line);
                }
            }
            None => return None,
        }
        after_blank = false;
    }
    if items.is_empty() || fence.is_some() {
        return None;
    }
    let mut fence = None;
    for item in &items {
        for line in each(item) {
            if plan_model::markdown::track_fence(&mut fence, line) || fence.is_some() {
                continue;
            }
            if plan_model::markdown::checkbox_marker(line).is_some() {
                return None;
            }
        }
        if fence.is_some() {
            return None;
        }
    }
    Some((items, ordered.unwrap_or(false), start.unwrap_or(1), spans))
}

/// A bold line that is a label of its own: `**Label:**` or `**Label**:` (the second
/// value: whether the colon is outside the bold).
fn label_line(line: &str) -> Option<(&str, bool)> {
    let inner = line.trim_end().strip_prefix("**")?;
    let (label, outside) = match inner.strip_suffix(":**") {
        Some(label) => (label, false),
        None => (inner.strip_suffix("**:")?, true),
    };
    let plain =
        !blank(label) && label.trim() == label && !label.contains('*') && !label.ends_with(':');
    plain.then_some((label, outside))
}

/// A group's content: a list, then lists under bold label lines of their own
/// (`**Security Hardening:**` and its items), or only the latter. `None` when anything
/// else is in `text`, or when there is no labeled list (a plain [`list`] is read so).
pub(crate) fn labeled_lists(text: &str) -> Option<(Vec<String>, bool, Vec<LabeledList>)> {
    // A label line opens with `**`: most texts have none, and are refused at once.
    if !text.starts_with("**") && memchr::memmem::find(text.as_bytes(), b"\n**").is_none() {
        return None;
    }
    // Where each label line starts, outside code fences.
    let mut labels = Vec::new();
    let mut fence = None;
    let mut at = 0;
    for line in inclusive(text) {
        let in_code = plan_model::markdown::track_fence(&mut fence, line) || fence.is_some();
        if !in_code && let Some((label, outside)) = label_line(line) {
            labels.push((at, line.len(), label, outside));
        }
        at += line.len();
    }
    if labels.is_empty() {
        return None;
    }
    let head = &text[..labels[0].0];
    let (items, ordered) = if blank(head) {
        (Vec::new(), false)
    } else {
        list(head)?
    };
    let mut lists = Vec::new();
    for (index, &(start, length, label, colon_outside)) in labels.iter().enumerate() {
        let end = labels.get(index + 1).map_or(text.len(), |next| next.0);
        let (items, ordered, first, _) = list_from(&text[start + length..end])?;
        lists.push(LabeledList {
            label: label.to_owned(),
            colon_outside,
            ordered,
            start: start_number(first)?,
            items,
            span: span(&text[start..end]),
        });
    }
    Some((items, ordered, lists))
}

/// A sub-section named `name` whose content is one list, or lists under bold labels, as
/// a group.
pub(crate) fn group(name: &str, text: &str) -> Option<plan_model::BulletGroup> {
    if !ends_in_a_list(text) {
        return None;
    }
    if let Some(group) = group_lists(name, text) {
        return Some(group);
    }
    // Prose, then the lists (`The layer provides:` over its numbered items).
    let at = lists_start(text)?;
    let (intro, lists) = text.split_at(at);
    // Prose only: an intro holding list items is not one (the list would be its).
    let mut fence = None;
    let listed = each(intro).any(|line| {
        let in_code = plan_model::markdown::track_fence(&mut fence, line) || fence.is_some();
        let rest = line.trim_start_matches(' ');
        !in_code
            && (rest.starts_with(['-', '*', '+']) && rest[1..].starts_with(' ')
                || numbered(rest).is_some())
    });
    if listed {
        return None;
    }
    let mut group = group_lists(name, lists)?;
    group.intro = Some(prose_block(intro)?);
    Some(group)
}

/// Whether the last non-blank line of `text` opens a list item (`- `, `1. `) or goes on
/// with one (indented), as every list of [`list`] and [`labeled_lists`] ends: most texts
/// tried as a [`group`] are not one, and are told so without reading them.
fn ends_in_a_list(text: &str) -> bool {
    let mut end = text.len();
    loop {
        let content_end = text[..end].strip_suffix('\n').map_or(end, str::len);
        let start = text[..content_end]
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        let line = without_ending(&text[start..end]);
        if !blank(line) {
            return line.starts_with("- ")
                || line.starts_with([' ', '\t'])
                || numbered(line).is_some();
        }
        if start == 0 {
            return false;
        }
        end = start;
    }
}

/// [`group`] of a sub-section's content (its closing rule aside), spanning the section.
pub(crate) fn group_of(part: &Part<'_>) -> Option<plan_model::BulletGroup> {
    let mut group = group(part.title, without_rule(part.body))?;
    group.span = span(part.text);
    Some(group)
}

/// [`group`] without an intro.
fn group_lists(name: &str, text: &str) -> Option<plan_model::BulletGroup> {
    let (items, ordered, first, lists) = match list_from(text) {
        Some((items, ordered, first, _)) => (items, ordered, first, Vec::new()),
        None => {
            let (items, ordered, lists) = labeled_lists(text)?;
            (items, ordered, 1, lists)
        }
    };
    Some(plan_model::BulletGroup {
        name: name.to_owned(),
        intro: None,
        items,
        ordered,
        start: start_number(first)?,
        lists,
        span: span(text),
        before: None,
        position: None,
    })
}

/// Where the lists of a group with an intro start: the first line, outside code, after
/// some other text, that opens an item or is a bold label line. A list that may not
/// interrupt a paragraph (numbered from other than 1) or a label line must follow a blank
/// line, so that CommonMark reads the intro and the list as the renderer writes them.
fn lists_start(text: &str) -> Option<usize> {
    let mut fence = None;
    let mut at = 0;
    let mut after_blank = false;
    let mut seen_text = false;
    for line in inclusive(text) {
        let in_code = plan_model::markdown::track_fence(&mut fence, line) || fence.is_some();
        let content = line.trim_end_matches(['\n', '\r']);
        if !in_code && seen_text {
            let interrupts = content.starts_with("- ")
                || numbered(content).is_some_and(|(number, _)| number == 1);
            let opens = interrupts || numbered(content).is_some() || label_line(content).is_some();
            if opens && (interrupts || after_blank) {
                return Some(at);
            }
        }
        after_blank = !in_code && blank(content);
        seen_text |= !after_blank;
        at += line.len();
    }
    None
}

/// A list's first number as kept: `None` for 1 (the renderer's default).
fn start_number(first: usize) -> Option<Option<u32>> {
    if first == 1 {
        Some(None)
    } else {
        u32::try_from(first).ok().map(Some)
    }
}

/// Checkbox items that are all of `text`: `- [ ] text` lines (at any one indentation,
/// blank lines between them allowed) with their continuation lines (indented deeper) as
/// part of the item's text, blank lines among them too. `None` when a line is neither.
pub(crate) fn checklist_items(text: &str) -> Option<Vec<ChecklistItem>> {
    let mut items: Vec<ChecklistItem> = Vec::new();
    let mut indent = None;
    let mut blanks: Vec<&str> = Vec::new();
    for line in each(text) {
        if blank(line) {
            blanks.push(line);
            continue;
        }
        let blanks = std::mem::take(&mut blanks);
        let trimmed = line.trim_start_matches(' ');
        let depth = line.len() - trimmed.len();
        if plan_model::markdown::checkbox_marker(line).is_some() || status_marked(trimmed) {
            // A checkbox item of its own, never a continuation: progress counts it.
            let item = checkbox(trimmed)?;
            if *indent.get_or_insert(depth) != depth {
                return None;
            }
            items.push(item);
            continue;
        }
        match (items.last_mut(), indent) {
            (Some(item), Some(indent)) if depth > indent => {
                for blank in blanks {
                    item.text.push('\n');
                    item.text.push_str(blank);
                }
                item.text.push('\n');
                item.text.push_str(line);
                item.span = span_to(item.span, line);
            }
            _ => return None,
        }
    }
    (!items.is_empty()).then_some(items)
}

/// The plan's title in a `#` title the template writes around it (`Implementation Plan:
/// ` before, ` Implementation Plan` after). A heading's text is trimmed, so the heading of
/// an empty title reads as the template's words without their inner space: that is the
/// empty title.
pub(crate) fn title_within<'a>(title: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    if title == format!("{prefix}{suffix}").trim() {
        return Some("");
    }
    title.strip_prefix(prefix)?.strip_suffix(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_iterators_are_the_standard_librarys() {
        let mut texts: Vec<String> = crate::test_texts::templates_and_corpus()
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        for piece in [
            "", "\n", "a", "a\n", "a\r", "a\r\n", "\r\n\r\n", "a\rb\n", "\n\nb", "é\r\r\n",
        ] {
            texts.push(piece.to_owned());
            texts.push(format!("x{piece}y{piece}"));
        }
        for text in &texts {
            assert!(inclusive(text).eq(text.split_inclusive('\n')), "{text:?}");
            assert!(each(text).eq(text.lines()), "{text:?}");
        }
    }

    #[test]
    fn status_marks_stand_in_for_boxes_but_links_and_numbers_do_not() {
        for (line, mark) in [
            ("- [🚨] **1.4 Load time**", Some("🚨")),
            ("- [⏸️] Game test", Some("⏸️")),
            ("- [-] Dropped", Some("-")),
            ("- [x] Done", None),
        ] {
            let item = checkbox(line).expect("an item");
            assert_eq!(item.marker.as_deref(), mark, "{line}");
            assert!(!(item.checked && item.marker.is_some()));
        }
        for line in [
            "- [1] Smith et al.",
            "- [link](https://example.com) text",
            "- [完] done",
            "- [🚨]",
            "- [a b] c",
        ] {
            assert!(checkbox(line).is_none(), "{line}");
        }
        let items = checklist_items("- [x] one\n  more\n- [🚨] two\n").expect("a checklist");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "one\n  more");
    }

    #[test]
    fn a_group_may_open_with_prose() {
        let text = "The layer provides:\n\n1. **Gap filling**: recent gaps\n2. Backfill\n";
        let read = group("Current Status", text).expect("a group");
        assert_eq!(read.intro.as_deref(), Some("The layer provides:"));
        assert_eq!((read.items.len(), read.ordered), (2, true));
        // A bullet or `1.` interrupts a paragraph: no blank line needed.
        let read = group("Status", "It gives:\n- one\n- two\n").expect("a group");
        assert_eq!(read.intro.as_deref(), Some("It gives:"));
        // A label line or a list from 3 goes on with the paragraph unless a blank line
        // comes first (here the bullet after it ends the paragraph); a list inside code is
        // code.
        assert!(group("Status", "It gives:\n3. three\n").is_none());
        let read = group("Status", "It gives:\n**Label:**\n- one\n").expect("a group");
        assert_eq!(read.intro.as_deref(), Some("It gives:\n**Label:**"));
        assert!(group("Status", "It gives:\n\n```\n- one\n```\n").is_none());
        let read = group("Status", "Prose.\n\n**Done:**\n- one\n").expect("a group");
        assert_eq!(
            (read.intro.as_deref(), read.lists.len()),
            (Some("Prose."), 1)
        );
        // Text after the list is not the group's.
        assert!(group("Status", "It gives:\n- one\n\nAnd more.\n").is_none());
    }

    #[test]
    fn a_group_is_told_by_its_last_line_first() {
        // Every group ends in an item or its continuation, whatever blank lines follow;
        // an empty item too.
        for (text, items) in [
            ("- one\n- \n", 2),
            ("1. one\r\n2. \r\n  \r\n\r\n", 2),
            ("Intro:\n\n- one\n  more\n\n\n", 1),
            ("**Done:**\n- one\n\t\n", 1),
        ] {
            assert!(ends_in_a_list(text), "{text:?}");
            assert_eq!(
                group("G", text).map(|group| group.items.len() + group.lists.len()),
                Some(items),
                "{text:?}"
            );
        }
        for text in ["- one\n\nAfter.\n", "- one\n**Label:**\n", "", "\n  \n"] {
            assert!(!ends_in_a_list(text), "{text:?}");
            assert!(group("G", text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn lists_under_bold_labels_are_one_group() {
        let text = "- intro item\n\n**Security Hardening:**\n1. Rate limiting\n2. Headers\n\n\
                    **Performance**:\n3. Cache\n   (TTL by class)\n4. Compression\n";
        let (items, ordered, lists) = labeled_lists(text).expect("labeled lists");
        assert_eq!((items, ordered), (vec!["intro item".to_owned()], false));
        assert_eq!(lists.len(), 2);
        assert_eq!(
            (
                lists[0].label.as_str(),
                lists[0].colon_outside,
                lists[0].start
            ),
            ("Security Hardening", false, None)
        );
        assert_eq!(lists[0].items, ["Rate limiting", "Headers"]);
        assert_eq!(
            (
                lists[1].label.as_str(),
                lists[1].colon_outside,
                lists[1].start
            ),
            ("Performance", true, Some(3))
        );
        assert_eq!(lists[1].items, ["Cache\n   (TTL by class)", "Compression"]);
        // Anything but lists under the labels, or numbers that skip, is not a group.
        assert_eq!(labeled_lists("**Notes:**\nSome prose.\n"), None);
        assert_eq!(labeled_lists("**Steps:**\n1. one\n3. three\n"), None);
        assert_eq!(labeled_lists("**Empty:**\n**Steps:**\n- one\n"), None);
        // A label line inside code is code.
        assert_eq!(labeled_lists("```\n**Steps:**\n```\n"), None);
        // A plain list is a plain group, read by `list`.
        assert_eq!(labeled_lists("- one\n"), None);
        // A group's list may go on from the numbers of one before it.
        let group = group("Goes on", "3. three\n4. four\n").expect("a group");
        assert_eq!((group.start, group.items.len()), (Some(3), 2));
    }

    /// Every line of `text`, the way the passes read before `marker_lines`.
    fn all_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
        inclusive(text).scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
    }

    /// Texts to compare on: the templates, the corpus (when beside the repository) and
    /// awkward fences and headings.
    fn texts() -> Vec<String> {
        let mut texts = vec![
            "# T\n   ```\n# in code\n    ```\n```\n## A\n\t```\n~~~~\n#x\n ~~~~\n## B".to_owned(),
            "```rust\n```\r\n# A\r\n``\n`` ` ``\n    # not\n#".to_owned(),
            String::new(),
        ];
        texts.extend(
            crate::test_texts::templates_and_corpus()
                .into_iter()
                .map(|(_, text)| text),
        );
        texts
    }

    #[test]
    fn skipping_to_marker_lines_finds_what_reading_every_line_finds() {
        for text in texts() {
            let expected: Vec<(usize, &str)> = all_lines(&text)
                .filter(|(_, line)| {
                    let trimmed = line.trim_start_matches(' ');
                    line.len() - trimmed.len() <= 3 && trimmed.starts_with(['`', '~', '#'])
                })
                .collect();
            assert_eq!(marker_lines(&text).collect::<Vec<_>>(), expected);
            let mut fence = None;
            for line in text.lines() {
                track_fence(&mut fence, line);
            }
            assert_eq!(split_checked(&text, 2).2, fence.is_none());
        }
    }

    #[test]
    fn marker_lines_found_once_split_any_slice_as_its_own_pass_does() {
        let mut given = 0;
        for text in texts() {
            let markers = Markers::new(&text);
            // Slices from line starts, line ends, marker lines and points inside lines, to
            // line ends, the end and points inside lines (a simple generator, the same
            // every run).
            let mut cuts: Vec<usize> = vec![0, text.len()];
            cuts.extend(inclusive(&text).scan(0, |at, line| {
                *at += line.len();
                Some(*at)
            }));
            let mut seed = 0x9e37_79b9_u64;
            for _ in 0..200 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let at = usize::try_from(seed >> 33).unwrap_or(0) % (text.len() + 1);
                cuts.push(at);
            }
            cuts.retain(|&at| text.is_char_boundary(at));
            cuts.sort_unstable();
            cuts.dedup();
            let step = cuts.len() / 25 + 1;
            for (index, &from) in cuts.iter().enumerate().step_by(step) {
                for &to in cuts[index..].iter().step_by(step) {
                    let slice = &text[from..to];
                    for level in [1, 2, 3, 6] {
                        if let Some(found) = markers.headings(slice, MARKS[level]) {
                            given += 1;
                            assert_eq!(
                                found,
                                heading_starts(slice, MARKS[level]),
                                "{from}..{to} at {level}"
                            );
                        }
                    }
                }
            }
            // A text that is not inside it is never looked up.
            let copy = text.clone();
            assert!(copy.is_empty() || markers.headings(&copy, MARKS[2]).is_none());
        }
        assert!(given > 5_000, "{given}");
    }

    #[test]
    fn bold_lines_take_the_colon_inside_or_outside() {
        assert_eq!(
            bold_line("**Date:** 2025-01-01"),
            Some(("Date", "2025-01-01"))
        );
        assert_eq!(
            bold_line("**Objective**: Build it"),
            Some(("Objective", "Build it"))
        );
        assert_eq!(bold_line("**Bold** text"), None);
    }

    #[test]
    fn checkboxes_keep_labels_and_refuse_upper_case_ticks() {
        let item = checkbox("- [x] **Happy path**: works").expect("a checkbox");
        assert!(item.checked);
        assert_eq!(item.label.as_deref(), Some("Happy path"));
        assert_eq!(item.text, "works");
        assert_eq!(checkbox("- [X] done"), None);
        assert_eq!(
            checkbox("- [ ] **Bold** only").map(|item| item.label),
            Some(None)
        );
    }

    #[test]
    fn title_keys_ignore_case_emoji_numbering_and_punctuation() {
        for title in [
            "Success Criteria",
            "8. Success Criteria:",
            "**✅ success criteria**",
            "SUCCESS  CRITERIA",
        ] {
            assert_eq!(title_key(title), "success criteria", "{title}");
        }
        assert_eq!(title_key("Rollout & Deployment"), "rollout and deployment");
        assert_eq!(title_key("What We’re NOT Doing"), "what we're not doing");
        assert_eq!(title_key("Phase 1: Index"), "phase 1 index");
        assert_eq!(title_key("十一、验收标准总结"), "验收标准总结");
        assert_eq!(title_key("二、Stage 划分"), "stage 划分");
        assert_eq!(title_key("测试、验证"), "测试验证", "not numbering");
    }

    /// [`title_key`] as it was: a string per word.
    fn title_key_word_by_word(title: &str) -> String {
        let title = unmarked_title(title);
        let mut key = String::new();
        for word in title.split_whitespace() {
            let word: String = word
                .chars()
                .filter_map(|c| match c {
                    '&' => Some('&'),
                    '\'' | '\u{2019}' => Some('\''),
                    c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
                    _ => None,
                })
                .collect();
            let word = if word == "&" { "and".to_owned() } else { word };
            if word.is_empty() || (key.is_empty() && word.chars().all(|c| c.is_ascii_digit())) {
                continue;
            }
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&word);
        }
        key
    }

    #[test]
    fn title_keys_are_built_in_place_as_they_were_word_by_word() {
        let mut titles: Vec<String> = [
            "& 1 2 & ✅",
            "1 & 2",
            "  ** 12 **  ",
            "8. 9. Done",
            "— – ’s",
            "Ⅻ ١٢ 12a",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        for (_, text) in crate::test_texts::templates_and_corpus() {
            titles.extend(
                each(&text)
                    .filter(|line| line.starts_with('#'))
                    .map(|line| line.trim_start_matches('#').to_owned()),
            );
        }
        // The templates' own headings, at least; the corpus adds 1,800 when it is there.
        assert!(titles.len() > 150, "{} titles", titles.len());
        for title in &titles {
            assert_eq!(title_key(title), title_key_word_by_word(title), "{title:?}");
        }
    }

    #[test]
    fn lists_keep_continuations_and_refuse_what_would_not_render_back() {
        let (items, ordered) = list("- a\n  more\n\n- b\n").expect("a list");
        assert_eq!(
            (items, ordered),
            (vec!["a\n  more".to_owned(), "b".to_owned()], false)
        );
        assert_eq!(list("1. a\n2. b\n").map(|(_, ordered)| ordered), Some(true));
        // An item's lines are joined by `\n`, whatever ended them; a CR that ends no line
        // stays.
        assert_eq!(
            list("- a\r\n  b\r\r\n  c\r\n- d\re\r\n").map(|(items, _)| items),
            Some(vec!["a\n  b\r\n  c".to_owned(), "d\re".to_owned()])
        );
        // Renumbering would change the words; a checkbox would hide a task.
        assert_eq!(list("1. a\n1. b\n"), None);
        assert_eq!(list("- a\n  - [ ] hidden task\n"), None);
        assert_eq!(list("- a\nparagraph\n"), None);
        assert_eq!(list("- a\n1. b\n"), None);
        assert_eq!(list("- [ ] a task\n"), None);
        assert_eq!(list("- [ ] [bracketed] task\n"), None);
    }

    #[test]
    fn checklist_items_take_wrapped_lines_but_not_nested_boxes() {
        let items = checklist_items("- [x] a\n  wrapped\n\n- [ ] b\n").expect("items");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "a\n  wrapped");
        assert!(items[0].checked);
        assert_eq!(checklist_items("- [ ] a\n  - [ ] nested\n"), None);
        assert_eq!(checklist_items("- [X] upper\n"), None);
    }

    #[test]
    fn prose_refuses_headings_checkboxes_and_open_fences_but_not_code() {
        assert_eq!(
            prose_block("\ntext\n```sh\n# a comment\n- [ ] code\n```\n").as_deref(),
            Some("text\n```sh\n# a comment\n- [ ] code\n```")
        );
        assert_eq!(prose_block("text\n### Sub\n"), None);
        assert_eq!(prose_block("- [ ] task\n"), None);
        assert_eq!(prose_block("```\nopen\n"), None);
        assert_eq!(prose_block("text <!-- open\nmore\n"), None);
        assert!(prose_block("text <!-- closed -->\n").is_some());
        assert_eq!(prose_block(" \n"), None);
    }

    #[test]
    fn split_ignores_headings_in_code_fences() {
        let (intro, parts) = split("intro\n## A\nx\n```\n## not\n```\n## B\n", 2);
        assert_eq!(intro, "intro\n");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].title, "A");
        assert_eq!(parts[0].body, "x\n```\n## not\n```\n");
        assert_eq!(parts[1].text, "## B\n");
    }
}
