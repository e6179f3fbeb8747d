//! Semantic checks of a plan, with source positions: what a reader of the plan would
//! trip over, not what the parser could not read.
//!
//! | code | finds | `fix` |
//! |---|---|---|
//! | `L001` | an unfilled template placeholder: `[Feature Name]`, `YYYY-MM-DD`, `{{CURRENT_DATE}}` | |
//! | `L002` | a phase marked complete with unchecked tasks | |
//! | `L003` | a phase whose tasks are all checked, not marked complete | sets it complete |
//! | `L004` | two tasks with the same id | |
//! | `L005` | a dependency on a step, phase or task the plan does not have | |
//! | `L006` | a dependency on a later step, or on itself | |
//! | `L007` | a start date after the target date | |
//! | `L008` | a date that is not a date | |
//! | `L009` | a section with nothing in it | |
//! | `L010` | text decoded with the wrong encoding (`‚úÖ` for `✅`) | repairs it |
//!
//! ```
//! use plan_doc::{Document, lint};
//!
//! let doc = Document::new("# Plan: [Feature Name]\n\n## Phase 1 ✅\n- [ ] T001 Write it\n");
//! let codes: Vec<String> = lint::lint(&doc).into_iter().map(|finding| finding.code.into_owned()).collect();
//! assert_eq!(codes, ["L001", "L002"]);
//! ```

use std::collections::HashMap;
use std::ops::Range;

use plan_model::Status;
use time::Date;
use time::format_description::{BorrowedFormatItem, parse_borrowed};

use crate::document::{Document, Item};
use plan_parse::{Diagnostic, Severity};

/// Every lint code with a one-line description, in order.
pub const CODES: [(&str, &str); 10] = [
    ("L001", "an unfilled template placeholder"),
    ("L002", "a phase marked complete with unchecked tasks"),
    (
        "L003",
        "a phase whose tasks are all checked, not marked complete",
    ),
    ("L004", "two tasks with the same id"),
    ("L005", "a dependency on something the plan does not have"),
    ("L006", "a dependency on a later step, or on itself"),
    ("L007", "a start date after the target date"),
    ("L008", "a date that is not a date"),
    ("L009", "a section with nothing in it"),
    ("L010", "text decoded with the wrong encoding"),
];

/// The findings for `doc`, in source order.
pub fn lint(doc: &Document) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    placeholders(doc, &mut findings);
    statuses(doc, &mut findings);
    duplicate_ids(doc, &mut findings);
    dependencies(doc, &mut findings);
    dates(doc, &mut findings);
    empty_sections(doc, &mut findings);
    mojibake(doc, &mut findings);
    findings.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
    findings
}

/// Applies the mechanical fixes (`L003`, `L010`) to `doc`; returns the findings fixed.
pub fn fix(doc: &mut Document) -> Vec<Diagnostic> {
    let mut fixed = Vec::new();
    let (repaired, _) = crate::encoding::repair_text(doc.source());
    if repaired != doc.source() {
        fixed.extend(
            lint(doc)
                .into_iter()
                .filter(|finding| finding.code == "L010"),
        );
        *doc = Document::new(repaired);
    }
    // Setting a status rewrites one value; the sections stay where they are.
    for section in 0..doc.sections().len() {
        if finished_but_not_complete(doc, section) {
            let mut findings = Vec::new();
            statuses(doc, &mut findings);
            let span = doc.sections()[section]
                .status
                .as_ref()
                .map(|mark| mark.span.clone());
            fixed.extend(
                findings.into_iter().filter(|finding| {
                    finding.code == "L003" && Some(&finding.span) == span.as_ref()
                }),
            );
            doc.set_status(section, Status::Complete);
        }
    }
    fixed
}

fn finding(
    code: &'static str,
    span: Range<usize>,
    message: String,
    label: impl Into<String>,
    help: Option<&str>,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code: code.into(),
        message,
        span,
        pointer: None,
        label: label.into(),
        help: help.map(str::to_owned),
    }
}

/// `L001`: `[Some Placeholder]`, `{{NAME}}`, `YYYY-MM-DD`, outside code. A bracketed
/// term the plan writes in inline code somewhere (spec-kit's ``[ID] [P?] [Story]``) is
/// its notation, not a placeholder.
fn placeholders(doc: &Document, findings: &mut Vec<Diagnostic>) {
    let source = doc.source();
    let notation = notation(source);
    for (start, line) in lines_outside_fences(source) {
        for span in placeholders_in(line) {
            let text = &line[span.clone()];
            if notation.contains(text) {
                continue;
            }
            findings.push(finding(
                "L001",
                start + span.start..start + span.end,
                format!("unfilled template placeholder `{text}`"),
                "a placeholder",
                Some("write the plan's own text in its place"),
            ));
        }
    }
}

/// Each line of `source` outside code fences, with where it starts.
fn lines_outside_fences(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fence = None;
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < source.len() {
            let end = source[at..]
                .find('\n')
                .map_or(source.len(), |newline| at + newline + 1);
            let (start, line) = (at, &source[at..end]);
            at = end;
            if !(plan_model::markdown::track_fence(&mut fence, line) || fence.is_some()) {
                return Some((start, line));
            }
        }
        None
    })
}

/// The bracketed terms (`[Story]`) inside the inline code spans of `source`'s lines
/// outside fences.
fn notation(source: &str) -> std::collections::HashSet<&str> {
    let mut terms = std::collections::HashSet::new();
    for (_, line) in lines_outside_fences(source) {
        let ticks: Vec<usize> = memchr::memchr_iter(b'`', line.as_bytes()).collect();
        for pair in ticks.chunks_exact(2) {
            let code = &line[pair[0] + 1..pair[1]];
            for (open, _) in code.match_indices('[') {
                if let Some(close) = code[open..].find(']') {
                    terms.insert(&code[open..open + close + 1]);
                }
            }
        }
    }
    terms
}

/// The placeholders on one line, outside inline code: candidates found with memchr, taken
/// leftmost first without overlaps.
fn placeholders_in(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let ticks: Vec<usize> = memchr::memchr_iter(b'`', bytes).collect();
    let in_code = |at: usize| ticks.partition_point(|&tick| tick < at) % 2 == 1;
    let mut candidates: Vec<Range<usize>> = Vec::new();
    for at in memchr::memmem::find_iter(bytes, "{{") {
        if let Some(close) = line[at + 2..].find("}}") {
            candidates.push(at..at + 2 + close + 2);
        }
    }
    for at in memchr::memmem::find_iter(bytes, "YYYY-MM-DD") {
        candidates.push(at..at + "YYYY-MM-DD".len());
    }
    // A blank to fill in (`Start Date: ________`); a line of only `___` is a rule.
    if !line.trim_end().trim_matches('_').trim().is_empty() {
        for at in memchr::memmem::find_iter(bytes, "___") {
            let run = line[at..].len() - line[at..].trim_start_matches('_').len();
            candidates.push(at..at + run);
        }
    }
    for at in memchr::memchr_iter(b'[', bytes) {
        if let Some(span) = bracket_placeholder(line, at) {
            candidates.push(span);
        }
    }
    candidates.sort_by_key(|span| span.start);
    let mut found: Vec<Range<usize>> = Vec::new();
    for span in candidates {
        if found.last().is_some_and(|last| span.start < last.end) || in_code(span.start) {
            continue;
        }
        found.push(span);
    }
    found
}

/// `[Feature Name]` at `open`: bracketed words that are not a checkbox, a link, a
/// footnote, an image, a short tag like `[P]` or `[US1]`, an id like `[12.1.D]` or
/// `[RFC 2119]`, code written in prose (`List[T]`, `array[0]`) or a path segment
/// (`/[id]/page.tsx`).
fn bracket_placeholder(line: &str, open: usize) -> Option<Range<usize>> {
    let before = line[..open].chars().next_back();
    if matches!(before, Some('!' | ']' | '\\' | '[' | '/' | '_'))
        || before.is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let close = open + line[open..].find(']')?;
    let inner = &line[open + 1..close];
    let after = &line[close + 1..];
    if after.starts_with(['(', '[', ':', '/']) || inner.contains('[') {
        return None;
    }
    let is_tag = !inner.contains(' ') && inner.chars().count() <= 4;
    let is_id = !inner.contains(char::is_whitespace)
        && inner.contains(|c: char| c.is_ascii_digit())
        || reference_id(inner);
    // `['*.py', 'setup.py']` is code written as prose, not a placeholder.
    let is_literal = inner.starts_with(['\'', '"', '*', '`']);
    if inner.starts_with('^')
        || is_tag
        || is_id
        || is_literal
        || !inner.chars().any(char::is_alphabetic)
    {
        return None;
    }
    // A checkbox line's `[ ]` is not here (no letters); a link's text is followed by `(`.
    Some(open..close + 1)
}

/// Whether `inner` names a standard or document by an upper-case acronym and a number:
/// `RFC 2119`, `ISO 8601`, `PEP-8`.
fn reference_id(inner: &str) -> bool {
    let acronym = inner.chars().take_while(char::is_ascii_uppercase).count();
    let rest = inner[acronym..].trim_start_matches([' ', '-']);
    acronym >= 2
        && rest.len() < inner.len() - acronym
        && !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `L002` and `L003`: a status that disagrees with the boxes under it.
fn statuses(doc: &Document, findings: &mut Vec<Diagnostic>) {
    for (index, section) in doc.sections().iter().enumerate() {
        let Some(mark) = &section.status else {
            continue;
        };
        let progress = doc.progress_of(index);
        if progress.total == 0 {
            continue;
        }
        match mark.status {
            Some(Status::Complete) if progress.done < progress.total => findings.push(finding(
                "L002",
                mark.span.clone(),
                format!(
                    "`{}` is marked complete, but {} of its {} tasks are not checked",
                    section.title,
                    progress.total - progress.done,
                    progress.total
                ),
                "marked complete",
                Some("check the tasks that are done, or change the status"),
            )),
            _ if finished_but_not_complete(doc, index) => {
                findings.push(finding(
                    "L003",
                    mark.span.clone(),
                    format!(
                        "every task of `{}` is checked ({}), but its status says it is not \
                         complete",
                        section.title, progress.total
                    ),
                    "not marked complete",
                    Some("`plan lint --fix` marks it complete"),
                ));
            }
            _ => {}
        }
    }
}

/// Whether every task of section `index` is checked while its status says it is not
/// started or in progress (`L003`).
fn finished_but_not_complete(doc: &Document, index: usize) -> bool {
    let progress = doc.progress_of(index);
    let status = doc.sections()[index]
        .status
        .as_ref()
        .and_then(|mark| mark.status);
    progress.total > 0
        && progress.done == progress.total
        && matches!(status, Some(Status::NotStarted | Status::InProgress))
}

/// `L004`: an id given to two tasks.
fn duplicate_ids(doc: &Document, findings: &mut Vec<Diagnostic>) {
    let mut first: HashMap<(Option<usize>, String), usize> = HashMap::new();
    for (index, task) in doc.tasks().iter().enumerate() {
        let Some(id) = &task.id else { continue };
        // `T001` and `1.2` name a task in the whole plan; `Task 1` only within its
        // section (the poc template numbers each step's tasks from 1).
        let global = id.contains('.') || id.starts_with(['T', 'S']) && !id.contains(' ');
        let key = ((!global).then_some(task.section), id.to_lowercase());
        match first.get(&key) {
            Some(&earlier) => {
                let line = plan_model::diagnostic::line_column(
                    doc.source(),
                    doc.tasks()[earlier].line.start,
                )
                .0;
                let start = task.marker.end
                    + (doc.source()[task.marker.end..].len()
                        - doc.source()[task.marker.end..].trim_start().len());
                findings.push(finding(
                    "L004",
                    start..start + id.len().min(task.line.end - start),
                    format!("task id `{id}` is also the id of the task on line {line}"),
                    "a second task with this id",
                    Some("give each task its own id; `plan check` needs to tell them apart"),
                ));
            }
            None => {
                first.insert(key, index);
            }
        }
    }
}

/// Where an item is: its heading or its line.
fn position(doc: &Document, item: Item) -> usize {
    match item {
        Item::Section(section) => doc.sections()[section].heading.start,
        Item::Task(task) => doc.tasks()[task].line.start,
    }
}

/// `L005` and `L006`: dependencies that name nothing, or a later item.
fn dependencies(doc: &Document, findings: &mut Vec<Diagnostic>) {
    let items = (0..doc.sections().len())
        .map(Item::Section)
        .chain((0..doc.tasks().len()).map(Item::Task));
    for item in items {
        for dependency in doc.dependencies(item) {
            match dependency.target {
                None => findings.push(finding(
                    "L005",
                    dependency.span.clone(),
                    format!(
                        "depends on `{}`, which the plan does not have",
                        dependency.reference
                    ),
                    "not found in the plan",
                    Some("name a step, phase or task id the plan has"),
                )),
                Some(target) if position(doc, target) >= position(doc, item) => {
                    let what = if target == item || contains(doc, target, item) {
                        "itself"
                    } else {
                        "a later step"
                    };
                    findings.push(finding(
                        "L006",
                        dependency.span.clone(),
                        format!("depends on `{}`, {what}", dependency.reference),
                        format!("depends on {what}"),
                        Some("a step can depend only on the steps before it"),
                    ));
                }
                Some(_) => {}
            }
        }
    }
}

/// Whether `outer` is a section that holds `inner`.
fn contains(doc: &Document, outer: Item, inner: Item) -> bool {
    let Item::Section(outer) = outer else {
        return false;
    };
    match inner {
        Item::Section(section) => doc.is_within(section, outer),
        Item::Task(task) => doc.is_within(doc.tasks()[task].section, outer),
    }
}

/// The date formats plans write: ISO, `2025/01/24`, `October 16, 2025`, `Oct 16, 2025`,
/// `16 October 2025`.
fn date_formats() -> Vec<Vec<BorrowedFormatItem<'static>>> {
    [
        "[year]-[month]-[day]",
        "[year]/[month]/[day]",
        "[month repr:long case_sensitive:false] [day padding:none], [year]",
        "[month repr:short case_sensitive:false] [day padding:none], [year]",
        "[day padding:none] [month repr:long case_sensitive:false] [year]",
    ]
    .into_iter()
    .filter_map(|format| parse_borrowed::<2>(format).ok())
    .collect()
}

/// The date `text` opens with (a remark after it, like `(revised)`, is allowed).
fn read_date(text: &str, formats: &[Vec<BorrowedFormatItem<'static>>]) -> Option<Date> {
    let text = text.trim().trim_matches('*').trim();
    let candidates = [
        text,
        text.split(['(', '|', ';']).next().unwrap_or(text).trim(),
        text.split_whitespace().next().unwrap_or(text),
    ];
    candidates.iter().find_map(|candidate| {
        formats
            .iter()
            .find_map(|format| Date::parse(candidate, format).ok())
    })
}

/// `L007` and `L008`.
fn dates(doc: &Document, findings: &mut Vec<Diagnostic>) {
    let formats = date_formats();
    let mut start = None;
    let mut target = None;
    for (key, span) in doc.dates() {
        let text = &doc.source()[span.clone()];
        if text.trim_matches('_').is_empty() || !placeholders_in(text).is_empty() {
            continue;
        }
        let Some(date) = read_date(text, &formats) else {
            // `Target: 100% coverage` is a goal; only keys that say "date" must hold one.
            let lower = key.to_lowercase();
            let must_be_date = lower.contains("date")
                || ["created", "deadline", "due", "last updated", "updated"]
                    .contains(&lower.as_str());
            if !must_be_date {
                continue;
            }
            findings.push(finding(
                "L008",
                span.clone(),
                format!("`{key}` should be a date (YYYY-MM-DD), found `{text}`"),
                "not a date",
                Some("write the date as YYYY-MM-DD"),
            ));
            continue;
        };
        let key = key.to_lowercase();
        if key.starts_with("start") {
            start.get_or_insert((date, span));
        } else if ["target", "deadline", "due"]
            .iter()
            .any(|prefix| key.starts_with(prefix))
        {
            target.get_or_insert((date, span));
        }
    }
    if let (Some((start, start_span)), Some((target, _))) = (start, target)
        && start > target
    {
        findings.push(finding(
            "L007",
            start_span,
            format!("the start date {start} is after the target date {target}"),
            "after the target date",
            Some("one of the two dates is wrong"),
        ));
    }
}

/// `L009`: a heading with nothing under it before the next heading of its level.
fn empty_sections(doc: &Document, findings: &mut Vec<Diagnostic>) {
    for (index, section) in doc.sections().iter().enumerate().skip(1) {
        let subtree = doc.subtree(index);
        let empty_body = doc.source()[section.body.clone()].trim().is_empty();
        if empty_body && subtree.len() == 1 {
            let line = &doc.source()[section.heading.clone()];
            let end = section.heading.start + line.trim_end().len();
            findings.push(finding(
                "L009",
                section.heading.start..end,
                format!("the section `{}` is empty", section.title),
                "nothing under this heading",
                Some("fill it in or remove it"),
            ));
        }
    }
}

/// `L010`: mojibake.
fn mojibake(doc: &Document, findings: &mut Vec<Diagnostic>) {
    for repair in crate::encoding::find(doc.source()) {
        findings.push(finding(
            "L010",
            repair.span,
            format!(
                "`{}` is {}; it reads `{}`",
                repair.found,
                repair.source.describe(),
                repair.repaired
            ),
            "mis-decoded text",
            Some("`plan fix-encoding` or `plan lint --fix` repairs it"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_told_from_links_tags_and_checkboxes() {
        let found = |line: &str| -> Vec<String> {
            placeholders_in(line)
                .into_iter()
                .map(|span| line[span].to_owned())
                .collect()
        };
        assert_eq!(
            found("- [ ] [Test case 1] on {{CURRENT_DATE}} by YYYY-MM-DD"),
            ["[Test case 1]", "{{CURRENT_DATE}}", "YYYY-MM-DD"]
        );
        assert_eq!(
            found("[a link](x) [ref][1] ![img] [P] [US1] [^1] `[in code]` [x]"),
            Vec::<String>::new()
        );
        assert_eq!(found("**Duration:** [X days]"), ["[X days]"]);
        assert_eq!(found("Start Date: _______"), ["_______"]);
        assert_eq!(found("___"), Vec::<String>::new());
        assert_eq!(
            found("patterns = ['*.py', 'setup.py']"),
            Vec::<String>::new()
        );
        for line in [
            "returns Optional[GlMarketDocument] or List[T] or Dict[str, int]; array[0]",
            "see [12.1.D] and [RFC 2119] and [ISO 8601] and [PEP-8]",
            "create /habitats/[id]/discussions/[discussionId]/page.tsx",
            "a [x] snake_[case] word",
        ] {
            assert_eq!(found(line), Vec::<String>::new(), "{line}");
        }
        assert_eq!(
            found("[Risk 1] and [Test case 2]"),
            ["[Risk 1]", "[Test case 2]"]
        );
    }

    #[test]
    fn dates_are_read_in_the_formats_plans_use() {
        let formats = date_formats();
        for text in [
            "2025-01-24",
            "2025-01-24 (revised)",
            "October 16, 2025",
            "Oct 16, 2025",
            "16 october 2025",
        ] {
            assert!(read_date(text, &formats).is_some(), "{text}");
        }
        for text in ["TBD", "next week", "2025-13-01"] {
            assert_eq!(read_date(text, &formats), None, "{text}");
        }
    }
}
