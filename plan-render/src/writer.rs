//! The small vocabulary every kind's renderer is written in: blocks separated by blank
//! lines, and the lines that make up a block (headings, bullets, checkboxes, tables, code).

use std::borrow::Cow;
use std::fmt::Write as _;

use plan_model::{
    BulletGroup, ChecklistGroup, ChecklistItem, CodeBlock, GroupSection, Headings, KeptSection,
    LabeledList, Level, ListItem, Risk, SectionName, TypedOrRaw, Verbatim,
};

/// A markdown document built block by block; consecutive blocks are separated by one blank
/// line, and the lines within a block by none.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    out: String,
    /// Whether the last block written is a `---` rule.
    after_rule: bool,
    /// The plan's top-level sections the template does not name, kept or typed, not
    /// written yet: the kept ones first, then the lists, checklists and group sections.
    floating: Vec<Floating>,
    /// Whether a kept section is written after a rule, as the layout's sections are.
    kept_after_rule: bool,
}

/// A top-level section the template does not name.
#[derive(Debug)]
enum Floating {
    Kept(KeptSection),
    List(BulletGroup),
    Checklist(ChecklistGroup),
    Group(GroupSection),
}

impl Floating {
    /// The template section it is written before, if any.
    fn before(&self) -> Option<&str> {
        match self {
            Self::Kept(kept) => kept.before.as_deref(),
            Self::List(group) => group.before.as_deref(),
            Self::Checklist(group) => group.before.as_deref(),
            Self::Group(section) => section.before.as_deref(),
        }
    }

    /// Its place among the plan's such sections, when the plan gives one.
    fn position(&self) -> Option<u32> {
        match self {
            Self::Kept(kept) => kept.position,
            Self::List(group) => group.position,
            Self::Checklist(group) => group.position,
            Self::Group(section) => section.position,
        }
    }
}

impl Doc {
    /// A document for a plan whose kept top-level sections are `kept`: each is written
    /// before the template section it names ([`Doc::kept_before`]), the others by
    /// [`Doc::kept_rest`]; after a rule each when `rules`.
    pub(crate) fn with_kept(kept: &[KeptSection], rules: bool) -> Self {
        Self {
            floating: kept.iter().cloned().map(Floating::Kept).collect(),
            kept_after_rule: rules,
            ..Self::default()
        }
    }

    /// This document, with the plan's typed top-level sections that the template does not
    /// name: each is written before the template section it names (after the kept ones
    /// placed there, unless their `position`s say otherwise), the others by
    /// [`Doc::kept_rest`].
    pub(crate) fn with_groups(
        mut self,
        lists: &[BulletGroup],
        checklists: &[ChecklistGroup],
        sections: &[GroupSection],
    ) -> Self {
        self.floating
            .extend(lists.iter().cloned().map(Floating::List));
        self.floating
            .extend(checklists.iter().cloned().map(Floating::Checklist));
        self.floating
            .extend(sections.iter().cloned().map(Floating::Group));
        self
    }

    /// Writes the sections placed before the template section `key`: by their
    /// `position` where they have one, else the kept ones, then the lists, checklists
    /// and group sections, each in order.
    pub(crate) fn kept_before(&mut self, key: &str) {
        let mut here = take_where(&mut self.floating, |section| section.before() == Some(key));
        here.sort_by_key(|section| section.position().unwrap_or(u32::MAX));
        for section in here {
            self.floating_section(section);
        }
    }

    /// Writes the sections not written yet (those placed last, and those whose template
    /// section the plan does not have): by their `position` where they have one, then
    /// the lists, checklists and group sections, then the kept sections, each in order.
    pub(crate) fn kept_rest(&mut self) {
        let mut rest = std::mem::take(&mut self.floating);
        rest.sort_by_key(|section| {
            (
                section.position().unwrap_or(u32::MAX),
                matches!(section, Floating::Kept(_)),
            )
        });
        for section in rest {
            self.floating_section(section);
        }
    }

    /// Writes a top-level section the template does not name, after a rule when the
    /// layout separates its sections by rules.
    fn floating_section(&mut self, section: Floating) {
        if self.kept_after_rule {
            self.section_break();
        }
        match section {
            Floating::Kept(kept) => self.text(&crate::render_kept(&kept)),
            Floating::List(group) => list_groups(self, 2, std::slice::from_ref(&group)),
            Floating::Checklist(group) => checklist_groups(self, 2, std::slice::from_ref(&group)),
            Floating::Group(section) => {
                self.heading(2, &section.name);
                prose(self, &section.intro);
                list_groups(self, 3, &section.groups);
                checklist_groups(self, 3, &section.checklists);
                self.verbatim(&section.extra);
            }
        }
    }

    /// Starts a new block and returns the buffer to write its lines into.
    pub(crate) fn block(&mut self) -> &mut String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.after_rule = false;
        &mut self.out
    }

    /// A block holding only `text`, which ends with a newline.
    pub(crate) fn text(&mut self, text: &str) {
        line(self.block(), text);
    }

    /// A `#`-heading block.
    pub(crate) fn heading(&mut self, level: usize, text: &str) {
        heading(self.block(), level, text);
    }

    /// A `---` rule block.
    pub(crate) fn rule(&mut self) {
        self.text("---");
        self.after_rule = true;
    }

    /// A rule between sections: nothing at the start of the document or right after a rule.
    pub(crate) fn section_break(&mut self) {
        if !self.out.is_empty() && !self.after_rule {
            self.rule();
        }
    }

    /// One block per verbatim extra, each written exactly as kept.
    pub(crate) fn verbatim(&mut self, extras: &[Verbatim]) {
        for extra in extras {
            let mut text = String::new();
            crate::generic::write_blocks(&mut text, &extra.blocks);
            self.text(&text);
        }
    }

    /// The document so far.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Writes `text` and ends the line, unless `text` already ends one.
pub(crate) fn line(out: &mut String, text: &str) {
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push('\n');
    }
}

/// `## text`, on one line: a line break in `text` is written as a space.
pub(crate) fn heading(out: &mut String, level: usize, text: &str) {
    for _ in 0..level {
        out.push('#');
    }
    out.push(' ');
    line(out, &one_line(text));
}

/// `text` with each line ending (`\n` or `\r\n`, where the readers end lines) as a space:
/// a heading or a label holds one line.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains('\n') {
        Cow::Owned(text.replace("\r\n", " ").replace('\n', " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// `indent- text` for each item.
pub(crate) fn bullets<'a>(
    out: &mut String,
    indent: &str,
    items: impl IntoIterator<Item = &'a String>,
) {
    for item in items {
        out.push_str(indent);
        out.push_str("- ");
        line(out, item);
    }
}

/// `1. text`, `2. text`, ... for each item.
pub(crate) fn numbered<'a>(out: &mut String, items: impl IntoIterator<Item = &'a String>) {
    numbered_from(out, 1, items);
}

/// `N. text`, `N+1. text`, ... for each item, from `start`.
pub(crate) fn numbered_from<'a>(
    out: &mut String,
    start: u64,
    items: impl IntoIterator<Item = &'a String>,
) {
    for (number, item) in (start..).zip(items) {
        let _ = write!(out, "{number}. ");
        line(out, item);
    }
}

/// `**label**: text`, or `text` when there is no label; the label on one line.
pub(crate) fn labeled(out: &mut String, label: Option<&str>, text: &str) {
    if let Some(label) = label {
        let _ = write!(out, "**{}**: ", one_line(label));
    }
    line(out, text);
}

/// `- **label**: text` (or `1. ...` when `ordered`) for each item.
pub(crate) fn list_items(out: &mut String, indent: &str, ordered: bool, items: &[ListItem]) {
    for (index, item) in items.iter().enumerate() {
        out.push_str(indent);
        if ordered {
            let _ = write!(out, "{}. ", index + 1);
        } else {
            out.push_str("- ");
        }
        labeled(out, item.label.as_deref(), &item.text);
    }
}

/// `#… name` directly followed by its items (bulleted or numbered), for each group.
pub(crate) fn list_groups(doc: &mut Doc, level: usize, groups: &[BulletGroup]) {
    for group in groups {
        let mut out = doc.block();
        heading(out, level, &group.name);
        if let Some(intro) = &group.intro {
            out.push_str(intro);
            out.push('\n');
            out = doc.block();
        }
        if group.ordered {
            numbered_from(out, group.start.map_or(1, u64::from), &group.items);
        } else {
            bullets(out, "", &group.items);
        }
        labeled_lists(doc, &group.lists);
    }
}

/// Each list under its bold label line, one block each.
pub(crate) fn labeled_lists(doc: &mut Doc, lists: &[LabeledList]) {
    for list in lists {
        let out = doc.block();
        if list.colon_outside {
            let _ = writeln!(out, "**{}**:", list.label);
        } else {
            let _ = writeln!(out, "**{}:**", list.label);
        }
        if list.ordered {
            numbered_from(out, list.start.map_or(1, u64::from), &list.items);
        } else {
            bullets(out, "", &list.items);
        }
    }
}

/// `#… name` directly followed by its checkbox items, for each group.
pub(crate) fn checklist_groups(doc: &mut Doc, level: usize, groups: &[ChecklistGroup]) {
    for group in groups {
        let out = doc.block();
        heading(out, level, &group.name);
        checklist(out, "", &group.items);
    }
}

/// Takes the items of `items` that `here` picks, in order, leaving the others.
fn take_where<T>(items: &mut Vec<T>, here: impl Fn(&T) -> bool) -> Vec<T> {
    let (now, later) = std::mem::take(items)
        .into_iter()
        .partition(|item| here(item));
    *items = later;
    now
}

/// A top-level section's heading: the author's line when `headings` keeps one for its
/// key, else `## title`, after a rule and the kept sections placed before it.
pub(crate) fn section(doc: &mut Doc, headings: &Headings, name: &SectionName) {
    doc.kept_before(name.key);
    doc.section_break();
    match headings.get(name.key) {
        Some(heading) => doc.text(heading),
        None => doc.heading(2, name.title),
    }
}

/// A block of prose, when there is some.
pub(crate) fn prose(doc: &mut Doc, text: &Option<String>) {
    if let Some(text) = text {
        doc.text(text);
    }
}

/// `indent- [ ] **label**: text` for each item.
pub(crate) fn checklist<'a>(
    out: &mut String,
    indent: &str,
    items: impl IntoIterator<Item = &'a ChecklistItem>,
) {
    for item in items {
        out.push_str(indent);
        match &item.marker {
            Some(marker) => {
                let _ = write!(out, "- [{marker}] ");
            }
            None => out.push_str(checkbox(item.checked)),
        }
        labeled(out, item.label.as_deref(), &item.text);
    }
}

/// The list marker and checkbox of an item: `- [x] ` or `- [ ] `.
pub(crate) fn checkbox(checked: bool) -> &'static str {
    if checked { "- [x] " } else { "- [ ] " }
}

/// A fenced code block.
pub(crate) fn code(out: &mut String, block: &CodeBlock) {
    let fence = fence_for(&block.code);
    out.push_str(&fence);
    out.push_str(block.language.as_deref().unwrap_or(""));
    out.push('\n');
    out.push_str(&block.code);
    if !block.code.is_empty() && !block.code.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
}

/// Three backticks, or more when the code itself holds a run of three or more.
fn fence_for(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut longest = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'`', &bytes[at..]) {
        let start = at + found;
        let run = bytes[start..]
            .iter()
            .take_while(|&&byte| byte == b'`')
            .count();
        longest = longest.max(run);
        at = start + run;
    }
    "`".repeat(longest.max(2) + 1)
}

/// A pipe table; the separator row has two more dashes than its header cell is long.
pub(crate) fn table<'a, R>(out: &mut String, headers: &[&str], rows: impl IntoIterator<Item = R>)
where
    R: IntoIterator<Item = Cow<'a, str>>,
{
    row(out, headers.iter().copied());
    out.push('|');
    for header in headers {
        out.push_str(&"-".repeat(header.chars().count() + 2));
        out.push('|');
    }
    out.push('\n');
    for cells in rows {
        row(out, cells);
    }
}

fn row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(&escape_cell(cell.as_ref()));
        out.push_str(" |");
    }
    out.push('\n');
}

/// A cell's text with its pipes escaped and line breaks as `<br>`, so the row stays one row.
fn escape_cell(cell: &str) -> Cow<'_, str> {
    if cell.contains(['|', '\n']) {
        let mut escaped = String::with_capacity(cell.len() + 4);
        let mut previous = None;
        for character in cell.chars() {
            match character {
                '|' if previous != Some('\\') => escaped.push_str("\\|"),
                '\n' => escaped.push_str("<br>"),
                _ => escaped.push(character),
            }
            previous = Some(character);
        }
        escaped.into()
    } else {
        cell.into()
    }
}

/// A risk table with a column for each attribute any of the risks has, in the order
/// Risk, Impact, likelihood (headed `likelihood_header`), Mitigation, Contingency, others.
pub(crate) fn risk_table(out: &mut String, likelihood_header: &str, risks: &[Risk]) {
    let has = |present: &dyn Fn(&Risk) -> bool| risks.iter().any(present);
    let impact = has(&|risk| risk.impact.is_some());
    let likelihood = has(&|risk| risk.likelihood.is_some());
    let mitigation = has(&|risk| risk.mitigation.is_some());
    let contingency = has(&|risk| risk.contingency.is_some());
    let mut others: Vec<&str> = Vec::new();
    for key in risks.iter().flat_map(|risk| risk.other.keys()) {
        if !others.contains(&key.as_str()) {
            others.push(key);
        }
    }
    let mut headers = vec!["Risk"];
    headers.extend(impact.then_some("Impact"));
    headers.extend(likelihood.then_some(likelihood_header));
    headers.extend(mitigation.then_some("Mitigation"));
    headers.extend(contingency.then_some("Contingency"));
    headers.extend(&others);
    fn level(level: &Option<TypedOrRaw<Level>>) -> Cow<'_, str> {
        level
            .as_ref()
            .map_or(Cow::Borrowed(""), |level| level.to_text())
    }
    fn text(text: &Option<String>) -> Cow<'_, str> {
        Cow::from(text.as_deref().unwrap_or(""))
    }
    table(
        out,
        &headers,
        risks.iter().map(|risk| {
            let mut cells = vec![Cow::from(risk.risk.as_str())];
            cells.extend(impact.then(|| level(&risk.impact)));
            cells.extend(likelihood.then(|| level(&risk.likelihood)));
            cells.extend(mitigation.then(|| text(&risk.mitigation)));
            cells.extend(contingency.then(|| text(&risk.contingency)));
            for key in &others {
                cells.push(Cow::from(risk.other.get(*key).map_or("", String::as_str)));
            }
            cells
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let mut doc = Doc::default();
        doc.heading(1, "Title");
        doc.text("Paragraph\n");
        doc.rule();
        assert_eq!(doc.finish(), "# Title\n\nParagraph\n\n---\n");
    }

    #[test]
    fn table_separator_is_two_dashes_longer_than_each_header() {
        let mut out = String::new();
        table(
            &mut out,
            &["Date", "Change"],
            [["2025-01-01".into(), "a | b\nc".into()]],
        );
        assert_eq!(
            out,
            "| Date | Change |\n|------|--------|\n| 2025-01-01 | a \\| b<br>c |\n"
        );
    }

    #[test]
    fn code_fence_grows_past_backticks_in_the_code() {
        let mut out = String::new();
        code(&mut out, &CodeBlock::new("md", "```rust\nx\n```\n"));
        assert_eq!(out, "````md\n```rust\nx\n```\n````\n");
        let mut out = String::new();
        code(&mut out, &CodeBlock::new("", "x"));
        assert_eq!(out, "```\nx\n```\n");
        let mut out = String::new();
        code(&mut out, &CodeBlock::new("", "`a` ``b`` `````"));
        assert_eq!(out, "``````\n`a` ``b`` `````\n``````\n");
    }
}
