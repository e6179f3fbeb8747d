//! The lossless reading of any plan as a `generic` one: sections at every heading, every
//! checkbox item a typed task, everything else kept verbatim. Rendering the result gives
//! back the source byte for byte.

use std::ops::Range;

use plan_model::generic::{Block, GenericPlan, Section, Task};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The markdown extensions plans use: GFM tables, task lists, strikethrough and footnotes.
/// Front matter is found by [`front_matter_len`] instead: pulldown-cmark's metadata blocks
/// may open at any `---` rule followed by a line of text, so a plan with `---` right above
/// a heading and another rule further on would have every heading between them read as
/// metadata.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
}

/// The length of the YAML front matter at the very start of `body` (a `---` line, at least
/// one line, and a closing `---` or `...` line), or 0.
fn front_matter_len(body: &str) -> usize {
    let mut lines = crate::lines::inclusive(body);
    let is = |line: &str, marker: &str| line.trim_end_matches(['\n', '\r']) == marker;
    match lines.next() {
        Some(first) if is(first, "---") => {
            let mut at = first.len();
            let mut seen_text = false;
            for line in lines {
                at += line.len();
                if seen_text && (is(line, "---") || is(line, "...")) {
                    return at;
                }
                if crate::lines::blank(line) && !seen_text {
                    return 0;
                }
                seen_text = true;
            }
            0
        }
        _ => 0,
    }
}

/// A heading found in the source.
#[derive(Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text (inline code included, emphasis marks dropped).
    pub text: String,
    /// The whole lines the heading occupies, line endings included.
    pub lines: Range<usize>,
}

/// A checkbox item found in the source.
#[derive(Debug, PartialEq, Eq)]
pub struct Checkbox {
    /// Whether it is ticked.
    pub checked: bool,
    /// The byte range of `[ ]`.
    pub marker: Range<usize>,
    /// Whether it is an optional task as Kiro writes it, `[ ]*`
    /// ([`plan_model::markdown::optional_marker`]): GFM reads it as text, and so does the
    /// generic reading; documents (`plan-doc`) read it as a task.
    pub optional: bool,
}

/// Where each of `headings` starts, and its level.
pub(crate) fn starts_and_levels(headings: &[Heading]) -> impl Iterator<Item = (usize, u8)> + '_ {
    headings
        .iter()
        .map(|heading| (heading.lines.start, heading.level))
}

/// The outline of a document: its headings and checkboxes, in source order, read in one
/// pass over pulldown-cmark's events.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The headings, ATX and setext.
    pub headings: Vec<Heading>,
    /// The checkbox list items, inside quotes and nested lists too.
    pub checkboxes: Vec<Checkbox>,
}

pub(crate) fn outline(src: &str) -> Outline {
    outline_in_pieces(src, CHUNK)
}

/// [`outline`], giving pulldown-cmark at least `chunk` bytes at a time.
fn outline_in_pieces(src: &str, chunk: usize) -> Outline {
    // A byte order mark is not text: CommonMark would read `\u{feff}# Plan` as a paragraph.
    // It is read past here and kept (as content before the first heading) by `read`.
    let body = bom_len(src);
    let mut outline = Outline::default();
    let mut code_blocks: Vec<Range<usize>> = Vec::new();
    let mut start = body + front_matter_len(&src[body..]);
    while start < src.len() {
        let end = chunk_end(src, start, chunk);
        read_chunk(src, start..end, &mut outline, &mut code_blocks);
        start = end;
    }
    outline.checkboxes = checkbox_lines(src, body, &code_blocks);
    outline
}

/// How much source pulldown-cmark is given at once, at least. Its tree takes about 18
/// times the text it holds, so a long plan is read in pieces cut between blocks, which
/// bounds the memory a parse needs. Plans shorter than this are read in one piece.
const CHUNK: usize = 256 * 1024;

/// Where the piece of `src` that starts at `start` ends: the start of the first line at
/// least [`CHUNK`] bytes on where a new top-level block certainly begins: an ATX heading,
/// or any line that starts in column 0 after a blank line, outside code fences and HTML
/// comments. Such a line closes every open container (a list, a quote, a table), so the
/// pieces read as the whole would. (A link reference defined in one piece and used in a
/// heading of another is the one thing a cut can change.)
fn chunk_end(src: &str, start: usize, chunk: usize) -> usize {
    if src.len() - start <= chunk {
        return src.len();
    }
    let mut fence = None;
    let mut in_comment = false;
    let mut previous_blank = false;
    let mut at = start;
    while at < src.len() {
        let end = src[at..]
            .find('\n')
            .map_or(src.len(), |newline| at + newline + 1);
        let line = &src[at..end];
        let opens_block = line.starts_with('#')
            || previous_blank && line.starts_with(|c: char| !c.is_whitespace());
        if at - start >= chunk && fence.is_none() && !in_comment && opens_block {
            return at;
        }
        if !plan_model::markdown::track_fence(&mut fence, line) && fence.is_none() {
            if let Some(open) = line.rfind("<!--") {
                in_comment = !line[open..].contains("-->");
            } else if in_comment && line.contains("-->") {
                in_comment = false;
            }
        }
        previous_blank = crate::lines::blank(line);
        at = end;
    }
    src.len()
}

/// Reads the headings and code blocks of `src[piece]` into `outline` and `code_blocks`.
fn read_chunk(
    src: &str,
    piece: Range<usize>,
    outline: &mut Outline,
    code_blocks: &mut Vec<Range<usize>>,
) {
    let body = piece.start;
    let mut current: Option<(u8, usize, String)> = None;
    for (event, range) in Parser::new_ext(&src[piece], options()).into_offset_iter() {
        let range = range.start + body..range.end + body;
        match event {
            // From the start of its first line: an indented block's range starts after
            // the indentation (and one in a list item after the marker), and checkbox
            // lines are told to be code by where they start.
            Event::Start(Tag::CodeBlock(_)) => {
                code_blocks.push(line_start(src, range.start).max(body)..range.end);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((heading_level(level), range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, mut text)) = current.take() {
                    let lines = line_start(src, start).max(bom_len(src))
                        ..line_end(src, range.end.max(start));
                    // Trimmed in place: no second string per heading.
                    text.truncate(text.trim_end().len());
                    text.drain(..text.len() - text.trim_start().len());
                    outline.headings.push(Heading { level, text, lines });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading)) = &mut current {
                    heading.push_str(&text);
                }
            }
            _ => {}
        }
    }
}

/// The length of the byte order mark `src` opens with, if any.
pub fn bom_len(src: &str) -> usize {
    if src.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Every checkbox list item outside code blocks: a line that opens (after any blockquote
/// marks) with a bullet or a number, whitespace, and `[ ]`, `[x]` or `[X]` followed by
/// whitespace or the end of the line. Read from lines rather than from the list structure,
/// so that `4. [ ] item` right under a paragraph (which CommonMark reads as paragraph text)
/// still counts, as its author meant.
fn checkbox_lines(src: &str, body: usize, code_blocks: &[Range<usize>]) -> Vec<Checkbox> {
    let bytes = src.as_bytes();
    let mut checkboxes = Vec::new();
    let mut blocks = code_blocks.iter().peekable();
    let mut next_line = body;
    // Only a line holding `[ ]`, `[x]` or `[X]` can be a checkbox item: memchr finds the
    // brackets, and each such line is read once.
    for at in memchr::memchr_iter(b'[', &bytes[body..]).map(|at| body + at) {
        if at < next_line
            || !matches!(bytes.get(at + 1), Some(b' ' | b'x' | b'X'))
            || bytes.get(at + 2) != Some(&b']')
        {
            continue;
        }
        let start =
            memchr::memrchr(b'\n', &bytes[body..at]).map_or(body, |newline| body + newline + 1);
        let end = crate::lines::newline(&bytes[at..]).map_or(src.len(), |newline| at + newline + 1);
        next_line = end;
        while blocks.peek().is_some_and(|block| block.end <= start) {
            blocks.next();
        }
        let in_code = blocks.peek().is_some_and(|block| block.start <= start);
        if !in_code && let Some(checkbox) = checkbox_in(&src[start..end], start) {
            checkboxes.push(checkbox);
        }
    }
    checkboxes
}

fn checkbox_in(line: &str, offset: usize) -> Option<Checkbox> {
    let (at, checked, optional) = match plan_model::markdown::checkbox_marker(line) {
        Some((at, checked)) => (at, checked, false),
        None => {
            let (at, checked) = plan_model::markdown::optional_marker(line)?;
            (at, checked, true)
        }
    };
    let start = offset + at;
    Some(Checkbox {
        checked,
        marker: start..start + 3,
        optional,
    })
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The start of the line holding byte `at`.
fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

/// The end of the line holding the byte before `at` (after its `\n`), or of the source.
fn line_end(src: &str, at: usize) -> usize {
    if at > 0 && src.as_bytes()[at - 1] == b'\n' {
        return at;
    }
    src[at..]
        .find('\n')
        .map_or(src.len(), |newline| at + newline + 1)
}

/// Reads any markdown as a generic plan. `render_generic` of the result is `src`.
pub(crate) fn read(src: &str, outline: Outline) -> GenericPlan {
    let title = outline
        .headings
        .iter()
        .find(|heading| heading.level == 1)
        .or(outline.headings.first())
        .map(|heading| heading.text.clone())
        .unwrap_or_default();
    let mut sections = Vec::with_capacity(outline.headings.len() + 1);
    let mut checkboxes = outline.checkboxes.iter().peekable();
    let mut position = 0;
    let mut headings = outline.headings.into_iter().peekable();
    // Headings may overlap (a heading inside a list item shares its line with the item);
    // only headings that start at or after the current position open a section.
    let mut section = Section::builder().level(0).build();
    let mut section_start = 0;
    let body = bom_len(src);
    let front = body + front_matter_len(&src[body..]);
    while position < src.len() {
        let next_heading = loop {
            match headings.peek() {
                Some(heading) if heading.lines.start < position => {
                    headings.next();
                }
                Some(heading) => break Some(heading.lines.clone()),
                None => break None,
            }
        };
        let body_end = next_heading.as_ref().map_or(src.len(), |lines| lines.start);
        read_body(
            src,
            position..body_end,
            &mut checkboxes,
            front,
            &mut section.blocks,
        );
        // Its heading and its content, up to the next heading.
        section.span = plan_model::Span::new(section_start..body_end);
        // A section's blocks are all read now; growth room would be most of a big plan's
        // memory.
        section.blocks.shrink_to_fit();
        position = body_end;
        if let Some(lines) = next_heading {
            let heading = headings.next().expect("peeked above");
            if section.level > 0 || !section.blocks.is_empty() {
                sections.push(std::mem::replace(
                    &mut section,
                    Section::builder().level(0).build(),
                ));
            }
            let raw = &src[lines.clone()];
            // Is the line exactly `#… title\n`? Compared in place: no string is built.
            let level = usize::from(heading.level);
            let canonical = raw.len() == level + 1 + heading.text.len() + 1
                && raw.as_bytes()[..level].iter().all(|&byte| byte == b'#')
                && raw[level..]
                    .strip_prefix(' ')
                    .and_then(|rest| rest.strip_suffix('\n'))
                    == Some(heading.text.as_str());
            section = Section {
                level: heading.level,
                heading: (!canonical).then(|| raw.to_owned()),
                title: heading.text,
                blocks: Vec::new(),
                span: plan_model::Span::NONE,
            };
            section_start = lines.start;
            position = lines.end;
        }
    }
    if section.level > 0 || !section.blocks.is_empty() {
        sections.push(section);
    }
    GenericPlan::builder()
        .title(title)
        .sections(sections)
        .build()
}

/// Splits `range` into its tasks and the blocks between them.
fn read_body<'a>(
    src: &str,
    range: Range<usize>,
    checkboxes: &mut std::iter::Peekable<impl Iterator<Item = &'a Checkbox>>,
    front: usize,
    blocks: &mut Vec<Block>,
) {
    let mut position = range.start;
    while let Some(checkbox) = checkboxes.peek() {
        if checkbox.marker.start >= range.end {
            break;
        }
        let checkbox = checkboxes.next().expect("peeked above");
        let start = line_start(src, checkbox.marker.start);
        if checkbox.optional || start < position {
            // An optional task (text to GFM), or a second checkbox on a line already read:
            // it stays in the markdown.
            continue;
        }
        let Some(task) = task(src, start, checkbox) else {
            continue;
        };
        if start > position {
            markdown(src, position..start, front, blocks);
        }
        position = line_end(src, checkbox.marker.end);
        blocks.push(Block::Task(task));
    }
    if range.end > position {
        markdown(src, position..range.end, front, blocks);
    }
}

/// The blocks of `src[range]`, text between tasks and headings ([`crate::blocks::read`]);
/// what lies before `front` (the byte order mark and front matter) is kept as written.
fn markdown(src: &str, range: Range<usize>, front: usize, blocks: &mut Vec<Block>) {
    let typed = range.start.max(front.min(range.end));
    if typed > range.start {
        blocks.push(Block::Markdown {
            markdown: src[range.start..typed].to_owned(),
        });
    }
    crate::blocks::read(&src[typed..range.end], Some(typed), false, blocks);
}

/// The level and text of an ATX heading line (its ending removed) opening with at most
/// three spaces, as [`Heading::text`] gives it.
pub(crate) fn atx_heading(line: &str) -> Option<(u8, String)> {
    let unindented = line.trim_start_matches(' ');
    if line.len() - unindented.len() > 3 {
        return None;
    }
    let level = atx_level(unindented)?;
    let content = heading_content(&unindented[level..]);
    let text =
        inline_text(content, &References::Labels(Vec::new())).unwrap_or_else(|| content.to_owned());
    Some((u8::try_from(level).ok()?, text))
}

/// The task on the line starting at `start`, when the line can be written back from it
/// exactly (`[ ]` followed by a space, or by the end of the line).
fn task(src: &str, start: usize, checkbox: &Checkbox) -> Option<Task> {
    let end = line_end(src, checkbox.marker.end);
    task_on(
        &src[start..end],
        checkbox.marker.start - start,
        checkbox.checked,
        start,
    )
}

/// The task that `line` (its ending included, starting at `start` in the source) is,
/// its box at `marker`, when the line can be written back from it exactly and its text
/// does not end in a `\r`.
pub(crate) fn task_on(line: &str, marker: usize, checked: bool, start: usize) -> Option<Task> {
    let upper_x = line.get(marker..marker + 3)? == "[X]";
    if !matches!(&line[marker..marker + 3], "[ ]" | "[x]" | "[X]") {
        return None;
    }
    let end = start + line.len();
    let prefix = &line[..marker];
    let line = &line[marker + 3..];
    let (content, line_end) = match line.strip_suffix("\r\n") {
        Some(content) => (content, "\r\n"),
        None => match line.strip_suffix('\n') {
            Some(content) => (content, "\n"),
            None => (line, ""),
        },
    };
    let text = content.strip_prefix(' ')?;
    // A `\r` ending the text would end the line on its own (P004): not a task's text.
    if text.ends_with('\r') {
        return None;
    }
    Some(Task {
        checked,
        id: task_id(text),
        text: text.to_owned(),
        prefix: (prefix != "- ").then(|| prefix.to_owned()),
        upper_x,
        line_end: (line_end != "\n").then(|| line_end.to_owned()),
        span: plan_model::Span::new(start..end),
    })
}

/// The id a task's text opens with: `T001`, `Task 1.2`, `1.2`, `**Task 3**`, `Step 2.1`, or
/// a number and a dot before a space, as Kiro numbers its top-level tasks (`2. Build`: `2`).
pub fn task_id(text: &str) -> Option<String> {
    let text = text.trim_start_matches(['*', '~', ' ']);
    let word_end = |text: &str| {
        text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(text.len())
    };
    for keyword in ["Task ", "Step ", "task ", "step "] {
        if let Some(rest) = text.strip_prefix(keyword) {
            let number = &rest[..word_end(rest)];
            let number = number.trim_end_matches('.');
            if number.starts_with(|c: char| c.is_ascii_digit()) {
                return Some(format!("{keyword}{number}"));
            }
        }
    }
    let raw = &text[..word_end(text)];
    let word = raw.trim_end_matches(['.', '-']);
    let numbered = raw.len() == word.len() + 1
        && raw.ends_with('.')
        && text[raw.len()..].starts_with(' ')
        && !word.is_empty()
        && word.bytes().all(|byte| byte.is_ascii_digit());
    let is_t_id = word.len() >= 2
        && word.starts_with(['T', 'S'])
        && word[1..].chars().all(|c| c.is_ascii_digit());
    let is_number = word.contains('.')
        && word.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        })
        && word.starts_with(|c: char| c.is_ascii_digit());
    (is_t_id || is_number || numbered).then(|| word.to_owned())
}

/// What [`quick_headings`] reads from a text's lines: its headings, and the lines of its
/// fenced code blocks (each from its opening fence line to the end of its closing one, or
/// of the text).
#[derive(Debug)]
pub(crate) struct Quick {
    pub(crate) headings: Vec<Heading>,
    fences: Vec<Range<usize>>,
    /// The text's marker lines, when asked for ([`Found::with_markers`]).
    markers: Option<crate::lines::Markers>,
}

impl Quick {
    /// The [`outline`] of `src`, this reading's headings with the checkboxes outside its
    /// fenced code blocks; `None` when a checkbox line may be in an indented code block,
    /// which only a full parse places (a tab, or four spaces in a row, before its box:
    /// `    - [ ] a` after a blank line, or `-     [ ] a`, is code).
    fn outline(self, src: &str) -> Option<Outline> {
        let checkboxes = checkbox_lines(src, bom_len(src), &self.fences);
        let bytes = src.as_bytes();
        let may_be_code = checkboxes.iter().any(|checkbox| {
            let start = memchr::memrchr(b'\n', &bytes[..checkbox.marker.start])
                .map_or(0, |newline| newline + 1);
            let before = &bytes[start..checkbox.marker.start];
            before.contains(&b'\t') || before.windows(4).any(|run| run == b"    ")
        });
        (!may_be_code).then_some(Outline {
            headings: self.headings,
            checkboxes,
        })
    }
}

/// What reading a text's headings took: its lines ([`quick_headings`]) or a full parse.
#[derive(Debug)]
pub(crate) enum Found {
    Lines(Quick),
    Parsed(Outline),
}

impl Found {
    /// The headings of `src`, from its lines when they give them, else from a full parse.
    pub(crate) fn of(src: &str) -> Self {
        quick_headings(src, false).map_or_else(|| Self::Parsed(outline(src)), Self::Lines)
    }

    /// [`Self::of`], with the text's marker lines ([`crate::lines::Markers`]) found by the
    /// same scan of its lines when it reads them (see [`Self::take_markers`]).
    pub(crate) fn with_markers(src: &str) -> Self {
        quick_headings(src, true).map_or_else(|| Self::Parsed(outline(src)), Self::Lines)
    }

    /// The marker lines [`Self::with_markers`] found, if it read the lines.
    pub(crate) fn take_markers(&mut self) -> Option<crate::lines::Markers> {
        match self {
            Self::Lines(quick) => quick.markers.take(),
            Self::Parsed(_) => None,
        }
    }

    pub(crate) fn headings(&self) -> &[Heading] {
        match self {
            Self::Lines(quick) => &quick.headings,
            Self::Parsed(outline) => &outline.headings,
        }
    }

    /// The whole [`outline`] of `src` (the text this was found in): a full parse is
    /// made only when the lines cannot give its checkboxes.
    pub(crate) fn into_outline(self, src: &str) -> Outline {
        match self {
            Self::Lines(quick) => quick.outline(src).unwrap_or_else(|| outline(src)),
            Self::Parsed(outline) => outline,
        }
    }
}

/// The headings of `src`, as [`outline`] finds them, read from its lines without
/// pulldown-cmark when that reading is certainly CommonMark's (the typed readers split
/// sections at the same lines). `None` when the text holds anything whose headings only
/// a full parse can place: a setext underline under a line of text, a heading or a fence
/// in a list item's marker line or a blockquote, a line of an indented fence less
/// indented than its fence, a heading indented four spaces or more (list content or
/// code), an HTML block other than a comment, a tab before a `#`, a lone carriage
/// return inside a line that opens a fence or a comment, lies in one, or is followed by
/// anything but plain prose ([`prose_after_lone_cr`]), or a heading that may use the
/// document's link references. Equivalence with
/// [`outline`] is tested on every template and corpus file and on generated texts.
///
/// With `markers` set, the scan also keeps the text's marker lines (when it is short
/// enough to be [`crate::lines::Markers::indexes`]): it visits every line, and a marker
/// line is one whose first byte after at most three spaces is `#`, a backtick or a tilde.
pub(crate) fn quick_headings(src: &str, markers: bool) -> Option<Quick> {
    let bytes = src.as_bytes();
    // A lone `\r` ends a line for CommonMark, not for the lines read here (nor for the
    // typed readers): where one is inside a line, what follows it must be prose.
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'));
    let mut prose_follows = false;
    let body = bom_len(src);
    let start = body + front_matter_len(&src[body..]);
    let references = reference_labels(src);
    let mut marker_lines = (markers && crate::lines::Markers::indexes(src)).then(|| {
        // The lines of a BOM and front matter, which the scan does not read.
        let mut builder = crate::lines::MarkersBuilder::default();
        for (line_start, line) in crate::lines::marker_lines(&src[..start]) {
            builder.push(line_start, line);
        }
        builder
    });
    let mut headings = Vec::new();
    let mut fences = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut fence_start = 0;
    let mut fence_indent = 0;
    let mut in_comment = false;
    let mut after_text = false;
    // Lines are found with one SIMD search each and looked at by their first byte: most
    // are prose, which only sets `after_text`.
    let mut at = start;
    while at < src.len() {
        if fence.is_some() && fence_indent == 0 && !lone_cr {
            // Inside a fence that opens a line, only a line that may close it or be a
            // marker line is read: the rest is code, which changes nothing here.
            at = crate::lines::next_opening(bytes, at, [b'#', b'`', b'~']);
            if at == src.len() {
                break;
            }
        }
        let line_start = at;
        at = crate::lines::newline(&bytes[at..]).map_or(src.len(), |newline| at + newline + 1);
        let mut content_end = at;
        while content_end > line_start && matches!(bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        if std::mem::take(&mut prose_follows) {
            after_text = true;
        }
        // A line holding lone `\r`s is read up to the first; what follows is prose, which
        // ends the line as a paragraph would.
        let lone_cr_at = if lone_cr {
            memchr::memchr(b'\r', &bytes[line_start..content_end])
        } else {
            None
        };
        if let Some(cr) = lone_cr_at {
            if in_comment
                || fence.is_some()
                || !bytes[line_start + cr + 1..content_end]
                    .split(|&byte| byte == b'\r')
                    .all(prose_after_lone_cr)
            {
                return None;
            }
            content_end = line_start + cr;
            prose_follows = true;
        }
        let line = &bytes[line_start..content_end];
        let indent = line.iter().take_while(|&&byte| byte == b' ').count();
        let first = line.get(indent).copied();
        if lone_cr_at.is_some() && matches!(first, Some(b'`' | b'~' | b'<')) {
            return None;
        }
        if let Some(builder) = &mut marker_lines
            && indent <= 3
            && matches!(first, Some(b'#' | b'`' | b'~'))
            // The first line after a BOM does not start a line of the text.
            && (line_start == 0 || bytes[line_start - 1] == b'\n')
        {
            builder.push(line_start, &src[line_start..at]);
        }
        if in_comment {
            in_comment = memchr::memmem::find(line, b"-->").is_none();
            after_text = false;
            continue;
        }
        let in_fence = fence.is_some();
        if indent <= 3
            && matches!(first, Some(b'`' | b'~'))
            && plan_model::markdown::track_fence(&mut fence, &src[line_start..content_end])
        {
            // An indented fence may be a list item's, which ends with the item.
            if in_fence && indent < fence_indent {
                return None;
            }
            if in_fence {
                fences.push(fence_start..at);
            } else {
                fence_start = line_start;
            }
            fence_indent = indent;
            after_text = false;
            continue;
        }
        if in_fence {
            if first.is_some() && indent < fence_indent {
                return None;
            }
            continue;
        }
        let Some(first) = first else {
            after_text = false;
            continue;
        };
        let rest = &src[line_start + indent..content_end];
        match first {
            b'\t' => return None,
            b'#' if indent > 3 => return None,
            b'<' if indent <= 3 && rest.starts_with("<!--") => {
                in_comment = !rest.contains("-->");
                after_text = false;
                continue;
            }
            b'<' => return None,
            b'>' | b'-' | b'*' | b'+' | b'0'..=b'9' if contains_block(rest) => return None,
            b'#' => {
                if let Some(level) = atx_level(rest) {
                    let text = inline_text(heading_content(&rest[level..]), &references)?;
                    headings.push(Heading {
                        level: u8::try_from(level).ok()?,
                        text,
                        lines: line_start.max(body)..at,
                    });
                    after_text = false;
                    continue;
                }
            }
            b'=' | b'-' if after_text && is_underline(rest) => return None,
            _ => {}
        }
        after_text = true;
    }
    if fence.is_some() {
        // An open fence runs to the end of the text.
        fences.push(fence_start..src.len());
    }
    Some(Quick {
        headings,
        fences,
        markers: marker_lines.map(|builder| builder.finish(src)),
    })
}

/// Whether `segment`, text after a lone `\r` in a line, is a line of plain prose to
/// CommonMark wherever it stands: not blank, indented less than four spaces, and opening
/// with nothing that may start or end a block (a heading, fence, quote, HTML, list item,
/// thematic break, setext underline, table or link reference definition).
fn prose_after_lone_cr(segment: &[u8]) -> bool {
    let indent = segment.iter().take_while(|&&byte| byte == b' ').count();
    let rest = &segment[indent..];
    match rest.first() {
        None => false,
        _ if indent > 3 => false,
        Some(&mark @ (b'-' | b'*' | b'+' | b'_')) => {
            !matches!(rest.get(1), None | Some(b' ' | b'\t'))
                && !rest
                    .iter()
                    .all(|&byte| byte == mark || byte == b' ' || byte == b'\t')
        }
        Some(&byte) => {
            !byte.is_ascii_control()
                && !byte.is_ascii_digit()
                && !matches!(byte, b'#' | b'`' | b'~' | b'<' | b'>' | b'=' | b'[' | b'|')
        }
    }
}

/// The number of `#` that open an ATX heading at the start of `line`, if it is one.
fn atx_level(line: &str) -> Option<usize> {
    let marks = line.bytes().take_while(|&byte| byte == b'#').count();
    // What follows the marks is whitespace as pulldown-cmark reads it: a vertical tab or a
    // form feed too.
    ((1..=6).contains(&marks)
        && matches!(
            line.as_bytes().get(marks),
            None | Some(b'\t'..=b'\r' | b' ')
        ))
    .then_some(marks)
}

/// An ATX heading's content after its marks: without the spaces around it and without a
/// closing run of `#` (one that stands alone or after a space).
fn heading_content(after_marks: &str) -> &str {
    let text = after_marks.trim_matches([' ', '\t']);
    let without = text.trim_end_matches('#');
    if without.is_empty() || without.ends_with([' ', '\t']) {
        without.trim_end_matches([' ', '\t'])
    } else {
        text
    }
}

/// A heading's text as pulldown-cmark gives it (code spans kept, emphasis marks,
/// escapes and entities read), trimmed; `None` when it may use a link reference the
/// document defines.
fn inline_text(content: &str, references: &References) -> Option<String> {
    let inline = |byte: u8| {
        matches!(
            byte,
            b'\\' | b'*' | b'_' | b'`' | b'&' | b'<' | b'[' | b']' | b'!' | b'~' | b'\0'
        )
    };
    if !content.bytes().any(inline) {
        return Some(content.trim().to_owned());
    }
    if let Some(text) = simply_marked(content, inline) {
        return Some(text);
    }
    if content.contains('[') && references.may_use(content) {
        return None;
    }
    if literal_marks(content, inline) {
        return Some(content.trim().to_owned());
    }
    let line = format!("# {content}");
    let mut text = String::new();
    for event in Parser::new_ext(&line, options()) {
        if let Event::Text(part) | Event::Code(part) = event {
            text.push_str(&part);
        }
    }
    Some(text.trim().to_owned())
}

/// The text of a heading whose only inline marks are one `**strong**` run or one
/// `` `code` `` span between plain words (about one heading in six in the corpus), read
/// without a parse: the marks dropped, as pulldown-cmark gives it. `None` for any other.
///
/// The strong run is certainly CommonMark's when a space or an end is on its outer sides
/// and no whitespace on its inner ones; a code span, when it holds no backtick and no
/// whitespace at its ends (which would be stripped).
fn simply_marked(content: &str, inline: impl Fn(u8) -> bool) -> Option<String> {
    let plain = |text: &str| !text.bytes().any(&inline);
    let (mark, at) = match memchr::memmem::find(content.as_bytes(), b"**") {
        Some(at) => ("**", at),
        None => ("`", memchr::memchr(b'`', content.as_bytes())?),
    };
    let (before, rest) = (&content[..at], &content[at + mark.len()..]);
    let close = memchr::memmem::find(rest.as_bytes(), mark.as_bytes())?;
    let (inner, after) = (&rest[..close], &rest[close + mark.len()..]);
    let inner_read = !inner.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
        && if mark == "**" {
            plain(inner)
                && (before.is_empty() || before.ends_with(' '))
                && (after.is_empty() || after.starts_with(' '))
        } else {
            !inner.bytes().any(|byte| matches!(byte, b'`' | b'\0'))
        };
    (inner_read && plain(before) && plain(after)).then(|| {
        // `inner` is not blank and has no whitespace at its ends: trimming the whole text
        // trims `before`'s start and `after`'s end.
        let (before, after) = (before.trim_start(), after.trim_end());
        let mut text = String::with_capacity(before.len() + inner.len() + after.len());
        text.push_str(before);
        text.push_str(inner);
        text.push_str(after);
        text
    })
}

/// Whether the only inline marks of `content` (whose brackets no reference definition
/// labels) are literal text to CommonMark: `&` that opens no entity (a space or a mark
/// follows it), and brackets that make no link (no `]` is followed by `(` or `[`, a
/// link's destination or label; a footnote's would be defined), as in `Design & Setup`
/// or `[Feature Name]`. Such a text is read as written, without a parse.
fn literal_marks(content: &str, inline: impl Fn(u8) -> bool) -> bool {
    let bytes = content.as_bytes();
    bytes.iter().enumerate().all(|(at, &byte)| {
        let next = bytes.get(at + 1).copied();
        match byte {
            b'&' => !next.is_some_and(|next| next.is_ascii_alphanumeric() || next == b'#'),
            b'[' => true,
            b']' => !matches!(next, Some(b'(' | b'[')),
            _ => !inline(byte),
        }
    })
}

/// The link reference definitions a document may hold, as far as a heading's text needs
/// them: a bracketed text in a heading is a link only when a definition gives its label.
enum References {
    /// The labels of every line that may be a definition, as [`label_key`] gives them.
    Labels(Vec<String>),
    /// A definition may be given in a way not read here (a label that is not ASCII,
    /// holds a backslash, or may go on from an earlier line).
    Unknown,
}

impl References {
    /// Whether a bracketed text of `heading` may be a label of these definitions.
    fn may_use(&self, heading: &str) -> bool {
        match self {
            Self::Unknown => true,
            Self::Labels(labels) if labels.is_empty() => false,
            Self::Labels(labels) => {
                heading.contains('\\')
                    || heading.split('[').skip(1).any(|after| {
                        // The text up to the next `]`, when no `[` comes first: a label
                        // holds no unescaped bracket.
                        after.split_once(']').is_some_and(|(inner, _)| {
                            label_key(inner).is_none_or(|key| labels.contains(&key))
                        })
                    })
            }
        }
    }
}

/// A link label as CommonMark matches it, for ASCII labels: lower case, runs of
/// whitespace as one space, trimmed. `None` for a label that is not ASCII (Unicode case
/// folding, which is not read here, could make it match another) or holds a vertical tab
/// (whitespace to CommonMark, not to `split_ascii_whitespace`).
fn label_key(label: &str) -> Option<String> {
    (label.is_ascii() && !label.contains('\u{b}')).then(|| {
        label
            .split_ascii_whitespace()
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The labels of the lines of `src` that may be link reference definitions: lines that,
/// after any blockquote and list markers and indentation, open with `[label]:`. A superset
/// of CommonMark's definitions (it does not ask whether a paragraph goes on there or
/// what follows the colon), which is the safe side: a heading that may use one is left
/// to the full parse.
fn reference_labels(src: &str) -> References {
    let bytes = src.as_bytes();
    let mut labels = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"]:") {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |newline| newline + 1);
        let line = &src[line_start..=at];
        let Some(open) = line.rfind('[') else {
            // A label may be closed on a later line than the one it opens on.
            return References::Unknown;
        };
        if line[..open].trim_start_matches(container_mark).is_empty() {
            let label = &line[open + 1..line.len() - 1];
            if label.contains(['\\', ']']) {
                return References::Unknown;
            }
            match label_key(label) {
                Some(key) => labels.push(key),
                None => return References::Unknown,
            }
        }
    }
    References::Labels(labels)
}

/// Whether `c` may be part of the blockquote and list markers and indentation before a
/// line's content (a superset: digits, `.` and `)` of ordered list markers included).
fn container_mark(c: char) -> bool {
    matches!(c, ' ' | '\t' | '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit()
}

/// Whether `line` opens a list item or a blockquote whose content (on this line) is a
/// heading or a code fence.
fn contains_block(line: &str) -> bool {
    // Only a line whose first byte past the marks is `#`, a backtick or a tilde may hold
    // one: most list items are refused here.
    let past_marks = line.bytes().find(|&byte| !container_mark(char::from(byte)));
    if !matches!(past_marks, Some(b'#' | b'`' | b'~')) {
        return false;
    }
    let mut rest = line;
    while let Some(inner) = after_container_mark(rest) {
        rest = inner.trim_start_matches([' ', '\t']);
        if atx_level(rest).is_some() || rest.starts_with("```") || rest.starts_with("~~~") {
            return true;
        }
    }
    false
}

/// What follows the list marker (`-`, `*`, `+`, or one to nine digits and `.` or `)`,
/// then a space or a tab) or the quote mark (`>`) that `text` opens with, if any.
pub fn after_container_mark(text: &str) -> Option<&str> {
    if let Some(inner) = text.strip_prefix('>') {
        return Some(inner);
    }
    if let Some(inner) = text
        .strip_prefix(['-', '*', '+'])
        .filter(|inner| inner.starts_with([' ', '\t']))
    {
        return Some(inner);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    text[digits..]
        .strip_prefix(['.', ')'])
        .filter(|inner| (1..=9).contains(&digits) && inner.starts_with([' ', '\t']))
}

/// Whether `line` (its indent removed) is a setext underline: only `=` or only `-`.
pub fn is_underline(line: &str) -> bool {
    let line = line.trim_end_matches([' ', '\t']);
    !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_right_above_a_heading_is_not_front_matter() {
        let titles = |src: &str| -> Vec<String> {
            outline(src)
                .headings
                .into_iter()
                .map(|heading| heading.text)
                .collect()
        };
        let src = "# A\n\n---\n## B\n\ntext\n\n---\n\n## C\n";
        assert_eq!(titles(src), ["A", "B", "C"]);
        // Front matter at the very start is skipped, whatever it holds.
        let front = "---\ntitle: x\n# not a heading\n---\n# A\n";
        assert_eq!(titles(front), ["A"]);
        assert_eq!(titles("---\n\n# A\n---\n"), ["A"]);
        assert_eq!(front_matter_len("---\ntitle: x\n...\nrest"), 17);
        assert_eq!(front_matter_len("---\nno end\n"), 0);
    }

    #[test]
    fn a_checkbox_line_in_an_indented_code_block_is_code() {
        let boxes = |src: &str| outline(src).checkboxes.len();
        // The block's first line as much as the others.
        assert_eq!(boxes("Para\n\n    - [ ] code\n    - [ ] more code\n"), 0);
        // A list item whose content is indented code.
        assert_eq!(boxes("-     [ ] code in an item\n"), 0);
        assert_eq!(boxes("1.     [x] code in an item\n"), 0);
        // Indented under a list item, it is the item's text, and a task.
        assert_eq!(boxes("- a\n\n    - [ ] nested task\n"), 1);
        assert_eq!(boxes("\u{feff}    - [ ] code after a BOM\n"), 0);
        assert_eq!(boxes("- [ ] a task\n"), 1);
    }

    #[test]
    fn reading_in_pieces_finds_what_reading_at_once_finds() {
        let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/templates/");
        let mut all = String::new();
        for kind in ["atomic", "feature", "poc", "stepwise", "scoped"] {
            all.push_str(&std::fs::read_to_string(format!("{templates}{kind}.md")).unwrap());
        }
        let tricky = "Intro\n\n<!-- a comment\n\n# not a heading\n\n-->\n\n- item\n\n  more\n\
                      ```\n\n# in code\n\n```\nTitle\n---\n\n> quote\n\n# Heading\n";
        for src in [
            all.clone(),
            tricky.repeat(50),
            format!("{all}{}", tricky.repeat(20)),
        ] {
            let whole = outline_in_pieces(&src, usize::MAX);
            for chunk in [1, 64, 4096] {
                assert_eq!(
                    outline_in_pieces(&src, chunk),
                    whole,
                    "pieces of {chunk} bytes"
                );
            }
            assert!(!whole.headings.is_empty());
        }
        // And every real plan, where it is beside the repository.
        for (name, src) in crate::test_texts::templates_and_corpus() {
            let whole = outline_in_pieces(&src, usize::MAX);
            assert_eq!(outline_in_pieces(&src, 1024), whole, "{name}");
        }
    }

    #[test]
    fn quick_readings_are_the_outline_when_given() {
        let mut texts = crate::test_texts::templates_and_corpus();
        texts.extend(crate::test_texts::fixtures());
        let mut quick = 0;
        let mut whole = 0;
        for (name, src) in &texts {
            if let Some(found) = quick_headings(src, false) {
                quick += 1;
                assert_markers_of_scan(src);
                let full = outline(src);
                assert_eq!(found.headings, full.headings, "{name}");
                if let Some(read) = found.outline(src) {
                    whole += 1;
                    assert_eq!(read, full, "{name}");
                }
            }
        }
        // Most plans are read without the full parse (the speed this is for).
        assert!(quick * 10 >= texts.len() * 7, "{quick} of {}", texts.len());
        assert!(whole * 10 >= texts.len() * 6, "{whole} of {}", texts.len());
        // Pieces that place headings in ways only a full parse knows, in every order by
        // threes: where the quick reading is given, it is the outline's.
        let pieces = [
            "# Title\n",
            "## Phase 1: **Bold** `code`\n",
            "### Step \\# escaped &amp; [link](x) ![i](y) ~~s~~ ##\n",
            "Text\n",
            "===\n",
            "---\n",
            "\n",
            "- item\n",
            "- # heading in an item\n",
            "1. ```\n",
            "> ## quoted\n",
            ">> # deeper\n",
            "   ```bash\n",
            "# comment at column 0\n",
            "   ```\n",
            "```\n",
            "~~~\n",
            "    # indented\n",
            "\t# tabbed\n",
            "<!-- open\n",
            "-->\n",
            "<details>\n",
            "[ref]: https://example.com\n",
            "## [ref]\n",
            "- [Gap 1]: [why]\n",
            "## [gap  1] and [Other]\n",
            "> 1. [other]: /url\n",
            "[^1]: a note\n",
            "## Notes [^1]\n",
            "## closing ###\n",
            "#\n",
            "#no space\n",
            "text\r",
            "## emoji ✅ 🚨\n",
            "| a | b |\n",
            "  ## two spaces\n",
            "- [ ] task\n",
            "  - [x] nested\n",
            "    - [ ] four spaces\n",
            "-     [ ] code in an item\n",
            "> - [X] quoted\n",
            "\t- [ ] tabbed task\n",
            "  ```\n",
            "    <!-- indented\n",
            "1. [ ] numbered\n",
            "## 🔍 **Bold title**\n",
            "#### **Root:** after\n",
            "## a `b*c` d\n",
            "## **-x-**: `` ` `` **a** b\n",
            "## x**y** `\0`\n",
            "## a**:x**\n",
            "## **x:**b\n",
            "## ** x ** y\n",
            "### x ` a ` b\n",
            "## Design & Setup [Feature Name] && [] x& ]\n",
            "## a &amp; b &#35; &x\n",
            "## & [n](u) [c] (d)\n",
            "## & [a][b] [e]\n",
            "## & [^1] [c]\n",
            "### [Gap 1] & [why]: [^n]\n",
            "##\u{b}vertical tab\n",
            "### =\r **Current** state\n",
            "a\r b\r c\n",
            "- x\r **y**\n",
            "## h\r * z\n",
            "\r text\n",
            "## h\r ---\n",
            "p\r***\n",
            "```\r x\n",
            "<!-- a\r -->\n",
            "x\r -->\n",
            "#\u{c}form feed\n",
        ];
        let (mut given, mut whole) = (0, 0);
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let src = format!("{a}{b}{c}");
                    if let Some(found) = quick_headings(&src, false) {
                        given += 1;
                        assert_markers_of_scan(&src);
                        let full = outline(&src);
                        assert_eq!(found.headings, full.headings, "{src:?}");
                        if let Some(read) = found.outline(&src) {
                            whole += 1;
                            assert_eq!(read, full, "{src:?}");
                        }
                    }
                }
            }
        }
        assert!(given > 0 && whole > 0);
        // The lines before the scan's start (a BOM, front matter) give their markers too.
        let prefixes = [
            "\u{feff}",
            "---\ntitle: x\n# a comment\n```\n---\n",
            "\u{feff}---\n## a: b\n...\n",
        ];
        for prefix in prefixes {
            for a in pieces {
                for b in pieces {
                    assert_markers_of_scan(&format!("{prefix}{a}{b}"));
                }
            }
        }
    }

    /// The marker lines the heading scan keeps are the ones [`crate::lines::Markers::new`]
    /// finds, wherever the scan reads the lines.
    fn assert_markers_of_scan(src: &str) {
        if let Some(found) = quick_headings(src, true) {
            assert_eq!(
                found.markers,
                Some(crate::lines::Markers::new(src)),
                "{src:?}"
            );
        }
    }

    /// [`checkbox_lines`] as it was: every line read.
    fn checkbox_lines_one_by_one(
        src: &str,
        body: usize,
        code_blocks: &[Range<usize>],
    ) -> Vec<Checkbox> {
        let mut checkboxes = Vec::new();
        let mut blocks = code_blocks.iter().peekable();
        let mut start = body;
        while start < src.len() {
            let end = src[start..]
                .find('\n')
                .map_or(src.len(), |newline| start + newline + 1);
            while blocks.peek().is_some_and(|block| block.end <= start) {
                blocks.next();
            }
            let in_code = blocks.peek().is_some_and(|block| block.start <= start);
            if !in_code && let Some(checkbox) = checkbox_in(&src[start..end], start) {
                checkboxes.push(checkbox);
            }
            start = end;
        }
        checkboxes
    }

    #[test]
    fn skipping_to_brackets_finds_every_checkbox_line() {
        let mut texts = vec![
            "\u{feff}- [ ] a [x] b\n```\n- [ ] code\n```\n1. [X]\n> * [ ]\tc\n[ ] no\n- [ ]x\n- ["
                .to_owned(),
        ];
        texts.extend(
            crate::test_texts::templates_and_corpus()
                .into_iter()
                .map(|(_, text)| text),
        );
        for text in texts {
            let body = bom_len(&text);
            let mut code_blocks = Vec::new();
            let mut outline = Outline::default();
            read_chunk(&text, body..text.len(), &mut outline, &mut code_blocks);
            assert_eq!(
                checkbox_lines(&text, body, &code_blocks),
                checkbox_lines_one_by_one(&text, body, &code_blocks)
            );
        }
    }

    #[test]
    fn task_ids_are_read_from_the_front_of_the_text() {
        assert_eq!(task_id("T001 [P] Create project"), Some("T001".into()));
        assert_eq!(
            task_id("**Task 1.2**: Specific task"),
            Some("Task 1.2".into())
        );
        assert_eq!(task_id("1.2 Write tests"), Some("1.2".into()));
        assert_eq!(task_id("Step 3: Ship"), Some("Step 3".into()));
        assert_eq!(task_id("Tokenizer handles CJK"), None);
        assert_eq!(task_id("2 apples"), None);
        assert_eq!(task_id("2. Build the parser"), Some("2".into()));
        assert_eq!(task_id("2.Build"), None);
    }
}
