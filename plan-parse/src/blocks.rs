//! The typed pieces of markdown that no template reader takes: list items, bold
//! `**Key**: value` lines, pipe tables and (in kept sections) checkbox tasks, read line by
//! line outside code fences. A piece is typed only where it writes back exactly as it
//! was written; every other line stays markdown, so the blocks render back to their text
//! byte for byte.
//!
//! The generic reader types the markdown between its tasks and headings with [`read`];
//! the template readers read each top-level section they keep with [`kept`].

use plan_model::Span;
use std::ops::Range;

use plan_model::generic::{Block, Field, Item, Section, Table};
use plan_model::markdown::{checkbox_marker, optional_marker, track_fence};
use plan_model::{KeptSection, Verbatim};

/// Appends the blocks of `text` (whole lines) to `blocks`. `at` is where `text` starts in
/// the source (for the tasks' spans), if it is a slice of it; `tasks` says whether
/// checkbox lines are read as tasks (the generic reader finds its own, and leaves the
/// lines it did not take as markdown).
pub(crate) fn read(text: &str, at: Option<usize>, tasks: bool, blocks: &mut Vec<Block>) {
    let mut fence = None;
    let mut markdown = 0;
    let mut position = 0;
    let mut in_list = false;
    while position < text.len() {
        if fence.is_some() {
            // Only a line that opens with a fence character may close the fence (reading
            // it ends any list, as every line in a fence does).
            position = crate::lines::next_opening(text.as_bytes(), position, [b'`', b'~', b'~']);
            if position == text.len() {
                break;
            }
        }
        let rest = &text[position..];
        let line = &rest[..crate::lines::newline(rest.as_bytes()).map_or(rest.len(), |n| n + 1)];
        let content = without_ending(line);
        if track_fence(&mut fence, content) || fence.is_some() {
            in_list = false;
            position += line.len();
            continue;
        }
        let typed = if content.starts_with('|') {
            table(rest).map(|(table, len)| (Block::Table(table), len))
        } else {
            let indent = content.len() - content.trim_start_matches(' ').len();
            if indent >= 4 && !in_list {
                None
            } else {
                line_block(line, at.map(|at| at + position), tasks).map(|block| (block, line.len()))
            }
        };
        match typed {
            Some((block, len)) => {
                in_list = matches!(block, Block::Item(_) | Block::Task(_));
                if markdown < position {
                    blocks.push(Block::Markdown {
                        markdown: text[markdown..position].to_owned(),
                    });
                }
                blocks.push(block);
                position += len;
                markdown = position;
            }
            None => {
                // An item's continuation lines (indented) and blank lines keep its list
                // open; any other line closes it.
                in_list &= content.trim().is_empty() || content.starts_with([' ', '\t']);
                position += line.len();
            }
        }
    }
    if markdown < text.len() {
        blocks.push(Block::Markdown {
            markdown: text[markdown..].to_owned(),
        });
    }
}

/// Reads `text`, a kept top-level section, as a [`KeptSection`]: its heading when its
/// first line is a `##` heading with text, its blocks ([`read`], tasks included), and,
/// under such a heading, a section at each `###` to `######` heading outside code fences.
/// With no such heading all of it is blocks. `source` is where `text` lies in the source, if
/// it does: kept text ends with one `\n` where the source may end otherwise, so spans end
/// there at the latest.
pub(crate) fn kept(text: &str, source: Option<Range<usize>>) -> KeptSection {
    let at = source.as_ref().map(|range| range.start);
    let first = &text[..crate::lines::newline(text.as_bytes()).map_or(text.len(), |n| n + 1)];
    let (title, heading, body) = match crate::generic::atx_heading(without_ending(first)) {
        Some((2, title))
            if first.ends_with('\n')
                && !without_ending(first).contains('\r')
                && title.contains(|c: char| !matches!(c, ' ' | '\t' | '#')) =>
        {
            let canonical = canonical_heading(first, 2, &title);
            let heading = (!canonical).then(|| first.to_owned());
            (Some(title), heading, first.len())
        }
        _ => (None, None, 0),
    };
    let mut sections = read_sections(&text[body..], at.map(|at| at + body), title.is_some());
    let head = sections.remove(0);
    let mut kept = KeptSection::last("");
    kept.title = title;
    kept.heading = heading;
    kept.blocks = head.blocks;
    kept.sections = sections;
    if let Some(range) = source {
        within(&mut kept.blocks, &range);
        for section in &mut kept.sections {
            clamp(&mut section.span, &range);
            within(&mut section.blocks, &range);
        }
        kept.span = Span::new(range);
    }
    kept
}

/// Reads `text`, content kept in a section the template has no slot for, as a
/// [`Verbatim`] in blocks ([`read`], tasks included). `span` is where it was read from;
/// when it is in the source, `text` starts where it does, and its blocks' spans end
/// within it.
pub(crate) fn verbatim(text: String, span: Span) -> Verbatim {
    let mut blocks = Vec::new();
    let range = span.range();
    read(
        &text,
        range.as_ref().map(|range| range.start),
        true,
        &mut blocks,
    );
    if let Some(range) = range {
        within(&mut blocks, &range);
    }
    Verbatim { blocks, span }
}

/// Ends the spans of `blocks`' tasks within `range` (kept text ends with one `\n` where
/// the source may end otherwise).
fn within(blocks: &mut [Block], range: &Range<usize>) {
    for block in blocks {
        if let Block::Task(task) = block {
            clamp(&mut task.span, range);
        }
    }
}

/// `span` ended within `range`.
fn clamp(span: &mut Span, range: &Range<usize>) {
    if let Some(inner) = span.range() {
        *span = Span::new(inner.start.min(range.end)..inner.end.min(range.end));
    }
}

/// Whether `line` is `#… title` and a newline.
fn canonical_heading(line: &str, level: u8, title: &str) -> bool {
    let level = usize::from(level);
    line.len() == level + 1 + title.len() + 1
        && line.as_bytes()[..level].iter().all(|&b| b == b'#')
        && line[level..]
            .strip_prefix(' ')
            .and_then(|rest| rest.strip_suffix('\n'))
            == Some(title)
}

/// `text` as sections: the first (level 0) for what comes before its first `###` to
/// `######` heading outside code fences, even if nothing does, then, when `split`, one per
/// such heading, each with its blocks. `at` is where `text` starts in the source.
fn read_sections(text: &str, at: Option<usize>, split: bool) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut fence = None;
    let mut start = 0;
    let mut body = 0;
    let mut heading: Option<(u8, String, Option<String>)> = None;
    let mut position = 0;
    let close = |sections: &mut Vec<Section>,
                 heading: Option<(u8, String, Option<String>)>,
                 (start, body, end): (usize, usize, usize)| {
        let mut blocks = Vec::new();
        read(&text[body..end], at.map(|at| at + body), true, &mut blocks);
        let (level, title, raw) = heading.unwrap_or((0, String::new(), None));
        let mut section = Section::builder()
            .level(level)
            .title(title)
            .blocks(blocks)
            .build();
        section.heading = raw;
        section.span = at.map_or(Span::NONE, |at| Span::new(at + start..at + end));
        sections.push(section);
    };
    // Only a text that holds `###` can hold such a heading: any other is read whole,
    // without a pass of its own.
    let split = split && memchr::memmem::find(text.as_bytes(), b"###").is_some();
    while split && position < text.len() {
        let rest = &text[position..];
        let line = &rest[..crate::lines::newline(rest.as_bytes()).map_or(rest.len(), |n| n + 1)];
        let content = without_ending(line);
        let in_code = track_fence(&mut fence, content) || fence.is_some();
        if !in_code
            && let Some((level, title)) = crate::generic::atx_heading(content)
            && level >= 3
        {
            close(&mut sections, heading.take(), (start, body, position));
            let canonical = canonical_heading(line, level, &title);
            heading = Some((level, title, (!canonical).then(|| line.to_owned())));
            start = position;
            body = position + line.len();
        }
        position += line.len();
    }
    close(&mut sections, heading, (start, body, text.len()));
    sections
}

/// Whether `line` holds an HTML comment's opening or closing mark.
fn comment_mark(line: &str) -> bool {
    line.contains("<!--") || line.contains("-->")
}

/// `line` without its `\n` or `\r\n`.
fn without_ending(line: &str) -> &str {
    line.strip_suffix('\n')
        .map_or(line, |line| line.strip_suffix('\r').unwrap_or(line))
}

/// `line`'s ending when it is not `\n`: `\r\n`, or empty at the end of the text.
fn line_end(line: &str) -> Option<String> {
    if line.ends_with("\r\n") {
        Some("\r\n".to_owned())
    } else if line.ends_with('\n') {
        None
    } else {
        Some(String::new())
    }
}

/// The task, item or field that `line` (its ending included) is, written back exactly.
fn line_block(line: &str, at: Option<usize>, tasks: bool) -> Option<Block> {
    let content = without_ending(line);
    let first = content
        .trim_start_matches(' ')
        .as_bytes()
        .first()
        .copied()?;
    // An HTML comment's marks stay in markdown: a comment may run over several lines. So
    // does a line whose text ends in a lone `\r` (P004).
    if !matches!(first, b'-' | b'*' | b'+' | b'0'..=b'9')
        || comment_mark(content)
        || content.ends_with('\r')
    {
        return None;
    }
    if let Some((marker, checked)) = checkbox_marker(content) {
        if !tasks {
            return None;
        }
        return crate::generic::task_on(line, marker, checked, at.unwrap_or(0)).map(|mut task| {
            if at.is_none() {
                task.span = Span::NONE;
            }
            Block::Task(task)
        });
    }
    if optional_marker(content).is_some() {
        return None;
    }
    item(content, line).or_else(|| field(content, line))
}

/// A list item's first line: indent, bullet or number, one to four spaces, then text.
fn item(content: &str, line: &str) -> Option<Block> {
    let indent = content.len() - content.trim_start_matches(' ').len();
    let rest = &content[indent..];
    let marker = match rest.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if !(1..=9).contains(&digits)
                || !matches!(rest.as_bytes().get(digits), Some(b'.' | b')'))
            {
                return None;
            }
            digits + 1
        }
    };
    let spaces = rest[marker..].bytes().take_while(|&b| b == b' ').count();
    let text = &rest[marker + spaces..];
    if !(1..=4).contains(&spaces)
        || text.is_empty()
        || text.starts_with('\t')
        || thematic_break(rest)
    {
        return None;
    }
    let prefix = &content[..indent + marker + spaces];
    Some(Block::Item(Item {
        text: text.to_owned(),
        prefix: (prefix != "- ").then(|| prefix.to_owned()),
        line_end: line_end(line),
    }))
}

/// Whether `line` (its indent removed) is a thematic break: three or more of one of `-`,
/// `*`, `_`, with spaces between.
fn thematic_break(line: &str) -> bool {
    let mut marks = line.bytes().filter(|&b| b != b' ' && b != b'\t');
    let Some(mark @ (b'-' | b'*' | b'_')) = marks.next() else {
        return false;
    };
    let mut count = 1;
    for b in marks {
        if b != mark {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// A bold label and its value: `**Key**: value` or `**Key:** value`.
fn field(content: &str, line: &str) -> Option<Block> {
    let inner = content.strip_prefix("**")?;
    let close = memchr::memmem::find(inner.as_bytes(), b"**")?;
    let (label, after) = (&inner[..close], &inner[close + 2..]);
    let (key, colon_outside, value) = match label.strip_suffix(':') {
        Some(key) => (key, false, after),
        None => (label, true, after.strip_prefix(':')?),
    };
    // Nothing after the label, or one space and the value.
    let value = if value.is_empty() {
        value
    } else {
        value.strip_prefix(' ').filter(|value| !value.is_empty())?
    };
    let plain = |text: &str| !text.is_empty() && text.trim() == text && !text.contains('*');
    if !plain(key) || value.starts_with([' ', '\t']) {
        return None;
    }
    Some(Block::Field(Field {
        key: key.to_owned(),
        value: value.to_owned(),
        colon_outside,
        line_end: line_end(line),
    }))
}

/// The pipe table that opens `text`, and its length: a header row, a delimiter row with as
/// many cells, and the rows after them up to the first line that does not open with `|`.
/// `None` unless every row is written `| a | b |` and every line ends alike.
fn table(text: &str) -> Option<(Table, usize)> {
    let mut lines = crate::lines::inclusive(text);
    let header_line = lines.next()?;
    let ending = if header_line.ends_with("\r\n") {
        "\r\n"
    } else if header_line.ends_with('\n') {
        "\n"
    } else {
        return None;
    };
    if comment_mark(header_line) {
        return None;
    }
    let header = cells(header_line.strip_suffix(ending)?)?;
    let delimiter_line = lines.next()?;
    let delimiter = delimiter_line.strip_suffix(ending)?;
    let columns = delimiter
        .strip_prefix('|')?
        .strip_suffix('|')?
        .split('|')
        .map(|cell| {
            let cell = cell.trim_matches(' ');
            let dashes = cell.trim_start_matches(':').trim_end_matches(':');
            (!dashes.is_empty() && dashes.bytes().all(|b| b == b'-')).then_some(())
        })
        .collect::<Option<Vec<()>>>()?
        .len();
    if columns != header.len() || delimiter.contains(['\r', '\t']) {
        return None;
    }
    let mut len = header_line.len() + delimiter_line.len();
    let mut rows = Vec::new();
    for line in lines {
        if !line.starts_with('|') {
            break;
        }
        if comment_mark(line) {
            return None;
        }
        rows.push(cells(line.strip_suffix(ending)?)?);
        len += line.len();
    }
    Some((
        Table {
            header,
            delimiter: delimiter.to_owned(),
            rows,
            line_end: (ending != "\n").then(|| ending.to_owned()),
        },
        len,
    ))
}

/// The cells of a row written `| a | b |` (one space each side of each cell, none
/// inside its ends; `\|` is part of a cell), or `None`.
fn cells(row: &str) -> Option<Vec<String>> {
    let inner = row.strip_prefix('|')?.strip_suffix('|')?;
    if inner.is_empty() || inner.contains(['\r', '\t']) || inner.ends_with('\\') {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for at in memchr::memchr_iter(b'|', bytes).chain([inner.len()]) {
        if at < inner.len() && at > 0 && bytes[at - 1] == b'\\' {
            continue;
        }
        let cell = inner[start..at].strip_prefix(' ')?.strip_suffix(' ')?;
        if cell.starts_with(' ') || cell.ends_with(' ') {
            return None;
        }
        cells.push(cell.to_owned());
        start = at + 1;
    }
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks of `text`, tasks included, written back.
    fn written(blocks: &[Block]) -> String {
        let plan = plan_model::generic::GenericPlan::builder()
            .title("")
            .sections(vec![
                Section::builder().level(0).blocks(blocks.to_vec()).build(),
            ])
            .build();
        plan_render::render_generic(&plan)
    }

    fn blocks(text: &str) -> Vec<Block> {
        let mut blocks = Vec::new();
        read(text, Some(0), true, &mut blocks);
        assert_eq!(written(&blocks), text);
        blocks
    }

    fn kinds(text: &str) -> Vec<&'static str> {
        blocks(text).iter().map(kind).collect()
    }

    fn kind(block: &Block) -> &'static str {
        match block {
            Block::Task(_) => "task",
            Block::Item(_) => "item",
            Block::Field(_) => "field",
            Block::Table(_) => "table",
            Block::Markdown { .. } => "markdown",
        }
    }

    #[test]
    fn items_fields_and_tables_are_typed_where_they_write_back() {
        let text = "Intro.\n- one\n  more\n2) two\n* * *\n**Owner**: Ana\n**Due:** soon\n\
                    **Bold** prose.\n| A | B |\n|---|:-:|\n| 1 | x \\| y |\n";
        assert_eq!(
            kinds(text),
            [
                "markdown", "item", "markdown", "item", "markdown", "field", "field", "markdown",
                "table"
            ]
        );
        let Block::Table(table) = &blocks(text)[8] else {
            unreachable!()
        };
        assert_eq!(table.header, ["A", "B"]);
        assert_eq!(table.rows, [vec!["1".to_owned(), "x \\| y".to_owned()]]);
        let Block::Field(field) = &blocks(text)[5] else {
            unreachable!()
        };
        assert_eq!(
            (
                field.key.as_str(),
                field.value.as_str(),
                field.colon_outside
            ),
            ("Owner", "Ana", true)
        );
    }

    #[test]
    fn what_would_not_write_back_stays_markdown() {
        for text in [
            "| A  | B |\n|---|---|\n",
            "| A | B |\n|---|---|\n|  1 | 2 |\n",
            "| A | B |\n|---|\n",
            "-\ttab\n",
            "-      five spaces\n",
            "**Key**:value\n",
            "```\n- code\n**Key**: v\n```\n",
            "Para\n\n    - indented code\n",
            "- [ ]* optional\n",
        ] {
            assert!(
                kinds(text).iter().all(|kind| *kind == "markdown"),
                "{text:?}"
            );
        }
        assert_eq!(kinds("- [x] done\r\n- item"), ["task", "item"]);
        assert_eq!(kinds("- a\n    - nested\n"), ["item", "item"]);
    }

    #[test]
    fn a_code_fence_closes_only_at_a_line_of_its_own_mark() {
        // Inside the fence: an item, a fence of the other mark, one with an info string,
        // one indented four spaces, and a mark in the middle of a line; then the fence
        // closes three spaces in, and what follows is typed again.
        let text = "- a\n```\n- not an item\n~~~\n```x\n    ```\nx ```\n   ```\n- b\n\
                    ~~~~\n- code\n~~~\n~~~~~\n**Key**: v\n";
        assert_eq!(
            kinds(text),
            ["item", "markdown", "item", "markdown", "field"]
        );
        let Block::Markdown { markdown } = &blocks(text)[1] else {
            unreachable!()
        };
        assert_eq!(
            markdown,
            "```\n- not an item\n~~~\n```x\n    ```\nx ```\n   ```\n"
        );
        // A fence that never closes keeps the rest.
        assert_eq!(kinds("- a\n```\n- b\n"), ["item", "markdown"]);
    }

    #[test]
    fn a_kept_section_is_read_at_its_headings() {
        let text = "## Notes ##\n- a\n```\n# not a heading\n```\n### Sub\n| A |\n|---|\n## Two\n";
        let kept = kept(text, Some(10..10 + text.len()));
        assert_eq!(
            (kept.title.as_deref(), kept.heading.as_deref()),
            (Some("Notes"), Some("## Notes ##\n"))
        );
        assert_eq!(kept.blocks.len(), 2);
        let titles: Vec<_> = kept
            .sections
            .iter()
            .map(|s| (s.level, s.title.as_str()))
            .collect();
        assert_eq!(titles, [(3, "Sub")]);
        assert_eq!(kept.sections[0].heading, None);
        assert_eq!(
            kept.sections[0].span.range(),
            Some(10 + 40..10 + text.len())
        );
        let plain = super::kept("Text with no heading.\n### Sub\n", None);
        assert_eq!((plain.title, plain.heading), (None, None));
        assert!(plain.sections.is_empty(), "no heading, no sub-sections");
        assert_eq!(plain.blocks.len(), 1);
    }

    #[test]
    fn an_extra_is_read_in_blocks_with_its_tasks_where_they_are() {
        // The source ends without a newline; the kept text has one.
        let source = "## Phase

### Checks
- [x] build
**Owner**: me
- [ ] ship";
        let at = source.find("### Checks").unwrap();
        let kept = verbatim(format!("{}\n", &source[at..]), Span::new(at..source.len()));
        let kinds: Vec<_> = kept.blocks.iter().map(kind).collect();
        assert_eq!(kinds, ["markdown", "task", "field", "task"]);
        let spans: Vec<_> = kept
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Task(task) => task.span.range().map(|range| &source[range]),
                _ => None,
            })
            .collect();
        assert_eq!(spans, ["- [x] build\n", "- [ ] ship"]);
        assert_eq!(kept.leading_markdown(), Some("### Checks\n"));
        assert_eq!(kept.checkboxes().collect::<Vec<_>>(), [true, false]);
    }
}
