//! What the lenient typed readers share: the table that names a template's sections,
//! headings kept as written, the metadata lines under a title, and a section's `###`
//! sub-sections read as the template's, as typed list groups, or kept verbatim.

use plan_model::{
    BulletGroup, ChecklistGroup, GroupSection, Headings, KeptSection, Span, Verbatim,
};

use crate::lines::{
    Part, bold_line, checklist_items, chunk_iter, first_line, prose_block, split, verbatim,
    without_rule,
};
use crate::report::Report;

/// A top-level section of the template, from its kind's vocabulary enum
/// ([`plan_model::vocabulary`]).
pub(crate) type Section = plan_model::SectionName;

/// The section of `table` a heading's key names, if any (`open questions …` by prefix).
pub(crate) fn section_of(table: &'static [Section], key: &str) -> Option<&'static Section> {
    table.iter().find(|section| {
        section.aliases.contains(&key)
            || (section.key == "open_questions" && key.starts_with("open questions"))
    })
}

/// A top-level section the template does not name, when its content is one list or one
/// checklist (the typed group: its heading's text and items), or `###` sub-sections that
/// are each one.
pub(crate) enum TopGroup {
    /// A list.
    List(BulletGroup),
    /// A checklist.
    Checklist(ChecklistGroup),
    /// Sub-sections of lists and checklists.
    Sections(GroupSection),
}

/// Where a plan keeps its [`TopGroup`]s: its `list_sections`, `checklist_sections` and
/// `group_sections`.
pub(crate) struct TopGroups<'a> {
    pub(crate) lists: &'a mut Vec<BulletGroup>,
    pub(crate) checklists: &'a mut Vec<ChecklistGroup>,
    pub(crate) sections: &'a mut Vec<GroupSection>,
}

/// A plan's [`TopGroups`]: its `list_sections`, `checklist_sections` and
/// `group_sections` (every kind names them so).
macro_rules! top_groups {
    ($plan:expr) => {
        $crate::sections::TopGroups {
            lists: &mut $plan.list_sections,
            checklists: &mut $plan.checklist_sections,
            sections: &mut $plan.group_sections,
        }
    };
}
pub(crate) use top_groups;

impl TopGroups<'_> {
    /// Keeps `group` where its kind goes.
    pub(crate) fn push(self, group: TopGroup) {
        match group {
            TopGroup::List(group) => self.lists.push(group),
            TopGroup::Checklist(group) => self.checklists.push(group),
            TopGroup::Sections(section) => self.sections.push(section),
        }
    }
}

/// `part` as a [`TopGroup`], or `None` when its content is anything else.
pub(crate) fn top_group(part: &Part<'_>, report: &mut Report<'_>) -> Option<TopGroup> {
    let body = without_rule(part.body);
    if let Some(group) = crate::lines::group_of(part) {
        return Some(TopGroup::List(group));
    }
    if let Some(items) = checklist_items(body) {
        return Some(TopGroup::Checklist(ChecklistGroup {
            name: part.title.to_owned(),
            items,
            span: crate::lines::span(part.text),
            before: None,
            position: None,
        }));
    }
    let mut section = group_section(part.title, body, report)?;
    section.span = crate::lines::span(part.text);
    Some(TopGroup::Sections(section))
}

/// A section named `name` whose `###` sub-sections are each one list or one checklist,
/// after an optional prose intro; `None` otherwise (or with no sub-section).
fn group_section(name: &str, body: &str, report: &mut Report<'_>) -> Option<GroupSection> {
    let (intro, parts) = split(body, 3);
    if parts.is_empty() {
        return None;
    }
    let mut kept = Vec::new();
    let mut section = GroupSection {
        name: name.to_owned(),
        intro: None,
        groups: Vec::new(),
        checklists: Vec::new(),
        extra: Vec::new(),
        span: crate::lines::span(body),
        before: None,
        position: None,
    };
    if !crate::lines::blank(intro) {
        section.intro = Some(prose_block(intro)?);
    }
    for part in &parts {
        let body = without_rule(part.body);
        if let Some(group) = crate::lines::group_of(part) {
            section.groups.push(group);
        } else if let Some(items) = checklist_items(body) {
            section.checklists.push(ChecklistGroup {
                name: part.title.to_owned(),
                items,
                span: crate::lines::span(part.text),
                before: None,
                position: None,
            });
        } else {
            // Rendered after the typed parts, a kept part must not take in what follows it:
            // not with an HTML comment or a code fence left open (a comment would hide the
            // sections rendered after it).
            if crate::lines::open_comment(part.text) || !crate::lines::split_checked(part.text, 6).2
            {
                return None;
            }
            kept.push(part.text);
        }
    }
    if section.groups.is_empty() && section.checklists.is_empty() {
        return None;
    }
    // Kept after the typed parts, without a closing rule: once rendered it may come last,
    // where a rule would be read as the section's. (Read only now that the section is
    // one: most that are tried are not.)
    section.extra = kept
        .iter()
        .map(|text| verbatim(without_rule(text)))
        .collect();
    report_kept(report, &kept);
    Some(section)
}

/// Where a top-level section no reader took goes: a list or checklist section when it is
/// `unnamed` (the template has no section of that name, whose reading would take it back)
/// and its content is one, else kept verbatim (reported), without its closing rule.
pub(crate) fn keep_section(
    part: &Part<'_>,
    unnamed: bool,
    report: &mut Report<'_>,
    groups: TopGroups<'_>,
    kept: &mut Vec<KeptSection>,
) {
    match unnamed.then(|| top_group(part, report)).flatten() {
        Some(group) => groups.push(group),
        None => {
            report.kept_verbatim(part.text);
            kept.push(crate::lines::kept(without_rule(part.text)));
        }
    }
}

/// The last section when a code fence in it never closes ([`crate::lines::titled`]):
/// kept verbatim, last, with its open fence.
pub(crate) fn keep_tail(
    tail: Option<Part<'_>>,
    report: &mut Report<'_>,
    kept: &mut Vec<KeptSection>,
) {
    if let Some(tail) = tail {
        report.kept_verbatim(tail.text);
        kept.push(crate::lines::kept(tail.text));
    }
}

/// Where the kept top-level sections and the typed ones the template does not name
/// ([`TopGroups`]) stand among the template's: each read since the last template section
/// is placed before the next one ([`KeptSection::before`], `BulletGroup::before`, ...), so
/// rendering writes it back there.
#[derive(Default)]
pub(crate) struct Placing {
    /// How many kept sections were seen at the last call.
    seen: usize,
    /// How many kept sections are placed (or stay last) already.
    placed: usize,
    /// The kept sections that stay last whatever comes next.
    last: Vec<usize>,
    /// How many top-level lists, checklists and group sections are placed already.
    groups_placed: (usize, usize, usize),
}

impl Placing {
    /// Notes the kept sections pushed since the last call, which stay last when `named`:
    /// a section titled as one of the template's (kept because the template's slot was
    /// taken or its content did not read), which, written before the section that took the
    /// slot, would take it on the next reading.
    pub(crate) fn kept(&mut self, kept: &[KeptSection], named: bool) {
        if named {
            self.last.extend(self.seen..kept.len());
        }
        self.seen = kept.len();
    }

    /// Places the kept sections not placed yet before the template section `key`, the
    /// one read next. A section that would take in what follows it once written there (an
    /// HTML comment or a code fence it leaves open) stays last.
    /// The typed top-level sections read since are placed there too.
    pub(crate) fn before(&mut self, kept: &mut [KeptSection], groups: TopGroups<'_>, key: &str) {
        for (index, section) in kept.iter_mut().enumerate().skip(self.placed) {
            if closes(section) && !self.last.contains(&index) {
                section.before = Some(key.to_owned());
            }
        }
        self.placed = kept.len();
        self.seen = kept.len();
        let (lists, checklists, sections) = self.groups_placed;
        for group in groups.lists.iter_mut().skip(lists) {
            group.before = Some(key.to_owned());
        }
        for group in groups.checklists.iter_mut().skip(checklists) {
            group.before = Some(key.to_owned());
        }
        for section in groups.sections.iter_mut().skip(sections) {
            section.before = Some(key.to_owned());
        }
        self.groups_placed = (
            groups.lists.len(),
            groups.checklists.len(),
            groups.sections.len(),
        );
    }

    /// Orders `kept` as rendering writes it: by the place of the section each stands
    /// before in `order` (the template's sections as rendered), those that stay last
    /// after, each group in source order. Read back, the rendering gives the same order.
    /// Notes in `report` whether a section titled as the template's was kept.
    /// The typed top-level sections are ordered so too, each kind apart.
    pub(crate) fn finish<'a>(
        self,
        kept: &mut Vec<KeptSection>,
        groups: TopGroups<'_>,
        order: impl Iterator<Item = &'a str> + Clone,
        report: &mut Report<'_>,
    ) {
        report.kept_template_section |= !self.last.is_empty();
        let place = |before: &Option<String>| {
            before.as_deref().map_or(usize::MAX, |key| {
                order
                    .clone()
                    .position(|known| known == key)
                    .unwrap_or(usize::MAX)
            })
        };
        // A kept section that would take in what follows it stays after everything.
        let mut stays_last: Vec<bool> = kept
            .iter()
            .enumerate()
            .map(|(index, section)| {
                self.last.contains(&index) || section.before.is_none() && !closes(section)
            })
            .collect();
        if kept.iter().any(|section| section.before.is_some()) {
            let mut order: Vec<usize> = (0..kept.len()).collect();
            order.sort_by_key(|&index| place(&kept[index].before));
            permute(kept, &order);
            stays_last = order.iter().map(|&index| stays_last[index]).collect();
        }
        groups.lists.sort_by_key(|group| place(&group.before));
        groups.checklists.sort_by_key(|group| place(&group.before));
        groups
            .sections
            .sort_by_key(|section| place(&section.before));
        positions(kept, &stays_last, groups, place);
    }
}

/// Whether a kept section closes what it opens: no HTML comment or code fence of it runs
/// on into what is written after it. Its headings and typed blocks hold no fence and no
/// comment mark ([`crate::blocks`]), so its markdown blocks tell.
fn closes(section: &KeptSection) -> bool {
    let text: String = section
        .all_blocks()
        .filter_map(|block| match block {
            plan_model::generic::Block::Markdown { markdown } => Some(markdown.as_str()),
            _ => None,
        })
        .collect();
    !crate::lines::open_comment(&text) && crate::lines::split_checked(&text, 6).2
}

/// A top-level section the template does not name, as [`positions`] orders them: a kept
/// section (0), a list (1), a checklist (2) or a group section (3), by its index there.
type Floating = (usize, usize);

/// Gives the top-level sections the template does not name that share a place (but a
/// kept one that stays last) their `position` among them in source order, when rendering
/// would not write them back in that order by their place alone: before a template
/// section the kept ones first, then the lists, checklists and group sections; after the
/// last one the typed ones first, then the kept ones. Source order is their spans';
/// without a span on each, none is given a position.
fn positions(
    kept: &mut Vec<KeptSection>,
    stays_last: &[bool],
    groups: TopGroups<'_>,
    place: impl Fn(&Option<String>) -> usize,
) {
    // Each section that may get a position: where rendering writes it by its place
    // alone (its place, then its rank there), what it is, and where it starts.
    let mut sections: Vec<((usize, usize), Floating, Option<usize>)> = Vec::new();
    let mut add = |before: &Option<String>, kind: usize, index: usize, span: plan_model::Span| {
        let place = place(before);
        let rank = if place == usize::MAX {
            (kind + 3) % 4
        } else {
            kind
        };
        sections.push((
            (place, rank),
            (kind, index),
            span.range().map(|range| range.start),
        ));
    };
    for (index, section) in kept.iter().enumerate() {
        if !stays_last[index] {
            add(&section.before, 0, index, section.span);
        }
    }
    for (index, group) in groups.lists.iter().enumerate() {
        add(&group.before, 1, index, group.span);
    }
    for (index, group) in groups.checklists.iter().enumerate() {
        add(&group.before, 2, index, group.span);
    }
    for (index, section) in groups.sections.iter().enumerate() {
        add(&section.before, 3, index, section.span);
    }
    let Some(starts) = sections
        .iter()
        .map(|(_, _, start)| *start)
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    // Place by place: rendering keeps each kind's order, so sorting by rank is stable.
    let mut places: Vec<usize> = sections.iter().map(|(key, _, _)| key.0).collect();
    places.sort_unstable();
    places.dedup();
    for place in places {
        let mut rendered: Vec<usize> = (0..sections.len())
            .filter(|&index| sections[index].0.0 == place)
            .collect();
        let mut source = rendered.clone();
        rendered.sort_by_key(|&index| sections[index].0);
        source.sort_by_key(|&index| starts[index]);
        if rendered == source {
            continue;
        }
        for (position, &index) in source.iter().enumerate() {
            let (kind, at) = sections[index].1;
            let slot = match kind {
                0 => &mut kept[at].position,
                1 => &mut groups.lists[at].position,
                2 => &mut groups.checklists[at].position,
                _ => &mut groups.sections[at].position,
            };
            *slot = Some(u32::try_from(position).unwrap_or(u32::MAX));
        }
    }
    // With positions, the kept sections in the order rendering writes them, so that a
    // reading of the rendering lists them so too: by place, then by position, those that
    // stay last after.
    if kept.iter().any(|section| section.position.is_some()) {
        let mut order: Vec<usize> = (0..kept.len()).collect();
        order.sort_by_key(|&index| {
            (
                place(&kept[index].before),
                stays_last[index],
                kept[index].position.unwrap_or(u32::MAX),
            )
        });
        permute(kept, &order);
    }
}

/// Puts `kept` in `order` (a permutation of its indices), moving the sections.
fn permute(kept: &mut Vec<KeptSection>, order: &[usize]) {
    let mut slots: Vec<Option<KeptSection>> = std::mem::take(kept).into_iter().map(Some).collect();
    *kept = order
        .iter()
        .filter_map(|&index| slots[index].take())
        .collect();
}

/// Keeps `part`'s heading line in `headings` when it is not `## title`.
pub(crate) fn keep_heading(headings: &mut Headings, key: &str, part: &Part<'_>, title: &str) {
    let line = first_line(part.text);
    if line.strip_prefix("## ") != Some(title) {
        headings.insert(key.to_owned(), line.to_owned());
    }
}

/// The leading runs of bold `Key: value` lines of `body` (values trimmed, none empty), and
/// where the text after them starts. A key given twice has one slot, and typing it would
/// lose a value: then there are none.
pub(crate) fn metadata_lines(body: &str) -> (Vec<(&str, &str)>, usize) {
    let mut rest_at = 0;
    let mut pairs = Vec::new();
    for chunk in chunk_iter(body) {
        let Some(lines) = chunk
            .iter()
            .map(|line| bold_line(line).filter(|(_, value)| !crate::lines::blank(value)))
            .collect::<Option<Vec<_>>>()
        else {
            break;
        };
        pairs.extend(lines);
        let last = chunk.last().copied().unwrap_or_default();
        rest_at = offset_in(body, last) + last.len();
    }
    let mut keys = std::collections::HashSet::new();
    if !pairs.iter().all(|(key, _)| keys.insert(*key)) {
        return (Vec::new(), 0);
    }
    let pairs = pairs
        .into_iter()
        .map(|(key, value)| (key, value.trim_end()))
        .collect();
    (pairs, rest_at)
}

/// The slice of `body` holding `value`, for a diagnostic's span (the value itself when
/// it cannot be found).
pub(crate) fn pairs_source<'a>(body: &'a str, value: &'a str) -> &'a str {
    body.find(value)
        .map_or(value, |at| &body[at..at + value.len()])
}

/// Where `line`, a slice of `text`, starts in it.
pub(crate) fn offset_in(text: &str, line: &str) -> usize {
    (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// What a section reader makes of its `###` sub-sections.
pub(crate) struct Subsections<'a> {
    pub(crate) intro: Option<String>,
    pub(crate) groups: Vec<BulletGroup>,
    pub(crate) checklists: Vec<ChecklistGroup>,
    pub(crate) extra: Vec<Verbatim>,
    pub(crate) report_parts: Vec<&'a str>,
}

/// What a section struct takes from its sub-sections: the intro, list groups, checklist
/// groups and the parts kept verbatim.
pub(crate) type SectionParts = (
    Option<String>,
    Vec<BulletGroup>,
    Vec<ChecklistGroup>,
    Vec<Verbatim>,
);

impl Subsections<'_> {
    /// Reports the parts kept verbatim (P002) and gives what the section struct takes.
    pub(crate) fn finish(self, report: &mut Report<'_>) -> SectionParts {
        report_kept(report, &self.report_parts);
        (self.intro, self.groups, self.checklists, self.extra)
    }
}

/// Splits a section's body at headings of `level`: the prose before the first (the
/// intro), then each part to `read`, which says whether it took it. A part it did not take
/// is kept verbatim when its title is one of the template's (`known`: as a group it would
/// be read back as the template's part); otherwise it is a group when it is one list, a
/// checklist group when it is one checklist and `checklists` allows them, else kept
/// verbatim. `None` when the intro is not prose.
pub(crate) fn subsections<'a>(
    body: &'a str,
    level: usize,
    known: &[&str],
    checklists: bool,
    mut read: impl FnMut(&str, &str) -> Option<()>,
) -> Option<Subsections<'a>> {
    let (intro, parts) = split(body, level);
    let intro = if crate::lines::blank(intro) {
        None
    } else {
        Some(prose_block(intro)?)
    };
    let mut out = Subsections {
        intro,
        groups: Vec::new(),
        checklists: Vec::new(),
        extra: Vec::new(),
        report_parts: Vec::new(),
    };
    for part in parts {
        let body = without_rule(part.body);
        // Template sub-sections are matched by their exact title: the renderer writes the
        // template's, so another spelling would change the author's words.
        if read(part.title, body).is_some() {
            continue;
        }
        // Kept parts go without a closing rule: once rendered a part may be the section's
        // last, whose rule would be read as the section's.
        if known.contains(&part.title) {
            out.report_parts.push(part.text);
            out.extra.push(verbatim(without_rule(part.text)));
            continue;
        }
        if let Some(group) = crate::lines::group_of(&part) {
            out.groups.push(group);
            continue;
        }
        match checklist_items(body).filter(|_| checklists) {
            Some(items) => out.checklists.push(ChecklistGroup {
                name: part.title.to_owned(),
                items,
                span: crate::lines::span(part.text),
                before: None,
                position: None,
            }),
            None => {
                out.report_parts.push(part.text);
                out.extra.push(verbatim(without_rule(part.text)));
            }
        }
    }
    Some(out)
}

/// Reports the parts a section kept verbatim.
pub(crate) fn report_kept(report: &mut Report<'_>, parts: &[&str]) {
    for part in parts {
        report.kept_verbatim(part);
    }
}

/// `Word 1: Name` -> (`1`, `Name`).
/// A heading's title when it names a phase: `Phase`, `Stage`, `Milestone`, `Iteration` or
/// `Sprint`, a number (`4`, `4.2`, `2A`), then a colon (`:`, `：`) or a dash (`—`, `–`,
/// `-`) and a name. The number and the name.
pub(crate) fn phase_heading(title: &str) -> Option<(&str, &str)> {
    ["Phase ", "Stage ", "Milestone ", "Iteration ", "Sprint "]
        .iter()
        .find_map(|word| {
            let rest = title.strip_prefix(word)?;
            // A dash inside the number (`1-2`) is part of it; one before a space is not.
            let bytes = rest.as_bytes();
            let end = (0..bytes.len())
                .find(|&at| {
                    let byte = bytes[at];
                    !(byte.is_ascii_alphanumeric()
                        || byte == b'.'
                        || byte == b'-' && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric))
                })
                .unwrap_or(bytes.len());
            let (number, tail) = rest.split_at(end);
            let name = [": ", "：", ":", " — ", " – ", " - "]
                .iter()
                .find_map(|separator| tail.strip_prefix(separator))?;
            (number.starts_with(|c: char| c.is_ascii_digit()) && !crate::lines::blank(name))
                .then_some((number, name))
        })
}

pub(crate) fn numbered_title<'a>(title: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let (number, name) = title.strip_prefix(word)?.split_once(": ")?;
    (!number.is_empty() && !number.contains(' ') && !crate::lines::blank(name))
        .then_some((number, name))
}

/// Adds `text` to a phase's kept content; `span` is where it was read from when `text` is
/// not a slice of the source (lines joined), whose start it is. Kept content is rendered
/// at the end of the phase, so text without a heading may not follow kept text that has
/// one (it would be read back as part of it): `None` then.
pub(crate) fn push_extra(extra: &mut Vec<Verbatim>, text: &str, span: Option<Span>) -> Option<()> {
    let headed = |text: &str| text.trim_start().starts_with('#');
    if !headed(text)
        && extra
            .iter()
            .any(|kept| kept.leading_markdown().is_some_and(headed))
    {
        return None;
    }
    // Without a closing rule: the part may not be the last one once rendered, and a rule
    // closing the last part of a section is read as the section's.
    let text = without_rule(text);
    if !crate::lines::blank(text) {
        extra.push(match span {
            Some(span) => crate::blocks::verbatim(crate::lines::kept_text(text), span),
            None => verbatim(text),
        });
    }
    Some(())
}
