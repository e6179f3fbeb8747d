//! The typed reader of `atomic` plans.
//!
//! Strict per section, like the stepwise reader: a section (or `###` part of the next-step
//! section) is typed when every line reads as the template writes it, else it is kept
//! verbatim in `extra_sections`.

use plan_model::atomic::{
    AtomicPlan, AtomicSection, AtomicStepPart, AtomicUsagePart, Component, ComponentRequirements,
    DetailBlock, DetailSection, DetailSubsection, Guideline, UsageNotes,
};
use plan_model::{LabeledItem, ListItem, Verbatim};

use crate::lines::{
    Part, bold_line, chunk_iter, chunks, code_block, numbered, prose, split, verbatim, without_rule,
};
use crate::report::Report;

const TITLE_PREFIX: &str = "Current Implementation Plan - ";

/// Reads `src` as an atomic plan; `None` when its top headings are not the template's.
pub(crate) fn read(src: &str, report: &mut Report<'_>) -> Option<AtomicPlan> {
    let (before, titles, balanced) = crate::lines::split_checked(src, 1);
    if !balanced {
        return None;
    }
    if !crate::lines::blank(before) {
        return None;
    }
    let (preamble, main) = match titles.as_slice() {
        [main] => (None, main),
        [preamble, main] => (Some(preamble), main),
        _ => return None,
    };
    let title = crate::lines::title_within(main.title, TITLE_PREFIX, "").unwrap_or(main.title);
    let mut plan = AtomicPlan::builder().title(title).build();
    let heading = crate::lines::first_line(main.text);
    if heading != format!("# {TITLE_PREFIX}{title}") {
        plan.title_heading = Some(heading.to_owned());
    }
    if let Some(preamble) = preamble {
        plan.preamble_title = Some(preamble.title.to_owned());
        let (intro, parts) = split(without_rule(preamble.body), 2);
        match parts.as_slice() {
            [] if crate::lines::blank(intro) => {}
            [part]
                if crate::lines::blank(intro)
                    && part.title == AtomicSection::Guidelines.title() =>
            {
                plan.guidelines = Some(guidelines(part.body)?);
            }
            _ => return None,
        }
    }
    let (intro, parts) = split(main.body, 2);
    // Step parts written straight under the title, in a plan with no `## Next Atomic
    // Step:` heading, are the step's (a plan with a summary and no step's name renders so).
    // With such a heading, text under the title has no field: the plan is read generic.
    let intro = without_rule(intro);
    let mut stepped = !crate::lines::blank(intro);
    if stepped
        && (parts.iter().any(|part| step_name(part.title).is_some())
            || !next_step(&mut plan, None, intro, report))
    {
        return None;
    }
    // A plan with no `## Next Atomic Step:` section may carry its step under a status
    // heading (`## Status: EntsoE Data Service Implementation Complete ✅`): the first
    // section with a step part (`### Implementation Requirements (Remaining):`).
    let retitled = !parts.iter().any(|part| step_name(part.title).is_some());
    let mut placing = crate::sections::Placing::default();
    for part in parts {
        let body = without_rule(part.body);
        // The template section a typed part was read as: a retitled step may be titled
        // as another one (`## Further Implementation Details` holding the step's parts).
        let mut slot = AtomicSection::NextStep.key();
        let typed = if let Some(step) = step_name(part.title) {
            !stepped && next_step(&mut plan, Some(step), body, report)
        } else if !stepped
            && split(body, 3).1.iter().any(|sub| {
                sub.title == AtomicStepPart::Components.title()
                    || retitled && {
                        let key = crate::lines::title_key(sub.title);
                        ["what to implement next", "implementation requirements"]
                            .iter()
                            .any(|part| key.starts_with(part))
                    }
            })
        {
            // A step section retitled as the plan went on (`## ✅ PHASE 2A COMPLETED:
            // …`): read as the step, its heading kept as written.
            let read = next_step(&mut plan, Some(part.title), body, report);
            if read {
                plan.next_step_heading = Some(crate::lines::first_line(part.text).to_owned());
            }
            read
        } else if part.title == AtomicSection::FurtherDetails.title()
            && plan.further_details.is_empty()
        {
            slot = AtomicSection::FurtherDetails.key();
            details(body, report)
                .filter(|(typed, _)| !typed.is_empty())
                .map(|(typed, kept)| {
                    plan.further_details = typed;
                    plan.further_details_extra = kept;
                })
                .is_some()
        } else if part.title == AtomicSection::Guidelines.title()
            && plan.preamble_title.is_none()
            && plan.guidelines.is_none()
        {
            slot = AtomicSection::Guidelines.key();
            guidelines(body)
                .map(|text| plan.guidelines = Some(text))
                .is_some()
        } else if part.title == AtomicSection::UsageNotes.title() && plan.usage_notes.is_none() {
            slot = AtomicSection::UsageNotes.key();
            usage_notes(body)
                .map(|notes| plan.usage_notes = Some(notes))
                .is_some()
        } else {
            false
        };
        let known =
            step_name(part.title).is_some() || AtomicSection::with_title(part.title).is_some();
        if !typed
            && !known
            && let Some(group) = crate::sections::top_group(&part, report)
        {
            crate::sections::top_groups!(plan).push(group);
            continue;
        }
        stepped |= typed && slot == AtomicSection::NextStep.key();
        if typed {
            placing.before(
                &mut plan.extra_sections,
                crate::sections::top_groups!(plan),
                slot,
            );
        } else {
            report.kept_verbatim(part.text);
            plan.extra_sections
                .push(crate::lines::kept(without_rule(part.text)));
            placing.kept(&plan.extra_sections, known);
        }
    }
    placing.finish(
        &mut plan.extra_sections,
        crate::sections::top_groups!(plan),
        AtomicSection::ALL.iter().map(|section| section.key()),
        report,
    );
    Some(plan)
}

/// The `## Next Atomic Step` section (named `step`, or the title's body when there is no
/// step heading): its summary and `###` parts. A part the template does not name, or one
/// that does not read, goes to `step_extra`. `false` (nothing read) when the summary is
/// not a plain paragraph.
fn next_step(
    plan: &mut AtomicPlan,
    step: Option<&str>,
    body: &str,
    report: &mut Report<'_>,
) -> bool {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) {
        match prose(intro) {
            Some(summary) => plan.summary = Some(summary),
            None => return false,
        }
    }
    plan.next_step = step.map(str::to_owned);
    for part in parts {
        // A part the template names, written with a note (`### Implementation
        // Requirements (Remaining):`): read as that part, its heading kept.
        let key = crate::lines::title_key(part.title);
        let noted = |part_name: AtomicStepPart| {
            part_name
                .name()
                .aliases
                .iter()
                .any(|alias| key.starts_with(alias))
                && AtomicStepPart::with_title(part.title).is_none()
        };
        let exact = AtomicStepPart::with_title(part.title);
        let read_as = exact.or_else(|| {
            AtomicStepPart::ALL
                .iter()
                .copied()
                .find(|&part_name| noted(part_name))
        });
        let typed = match read_as {
            Some(AtomicStepPart::Components) if plan.components.is_empty() => {
                fill(&mut plan.components, components(part.body))
            }
            Some(AtomicStepPart::ImplementationRequirements)
                if plan.implementation_requirements.is_empty() =>
            {
                fill(
                    &mut plan.implementation_requirements,
                    requirements(part.body),
                )
            }
            Some(AtomicStepPart::TestCoverage) if plan.test_coverage.is_empty() => {
                fill(&mut plan.test_coverage, components(part.body))
            }
            Some(AtomicStepPart::Dependencies) if plan.dependencies.is_empty() => {
                fill(&mut plan.dependencies, plain_bullets(part.body))
            }
            Some(AtomicStepPart::SuccessCriteria) if plan.success_criteria.is_empty() => {
                success_criteria(plan, &part)
            }
            _ => false,
        };
        if typed {
            if exact.is_none()
                && let Some(part_name) = read_as
            {
                keep_step_heading(plan, part_name.key(), &part);
            }
            continue;
        }
        // A part the template does not name that is one list is a typed group; a part
        // the template names stays as written (a group would read back as that part).
        let named = AtomicStepPart::with_title(part.title).is_some();
        match crate::lines::group_of(&part).filter(|_| !named) {
            Some(group) => plan.step_groups.push(group),
            _ => {
                report.kept_verbatim(part.text);
                plan.step_extra.push(verbatim(part.text));
            }
        }
    }
    true
}

/// Keeps the heading line of a step part read under another title than the template's.
fn keep_step_heading(plan: &mut AtomicPlan, key: &str, part: &Part<'_>) {
    let line = crate::lines::first_line(part.text).to_owned();
    plan.step_headings.insert(key.to_owned(), line);
}

fn fill<T>(slot: &mut Vec<T>, value: Option<Vec<T>>) -> bool {
    match value {
        Some(value) if !value.is_empty() => {
            *slot = value;
            true
        }
        _ => false,
    }
}

/// `1. **Name** (`path`) *(note)* suffix` followed by `   - item` lines, one chunk each.
fn components(body: &str) -> Option<Vec<Component>> {
    chunk_iter(body)
        .enumerate()
        .map(|(index, lines)| {
            let (first, rest) = lines.split_first()?;
            let (number, text) = numbered(first)?;
            if number != index + 1 {
                return None;
            }
            let text = text.strip_prefix("**")?;
            let (name, mut after) = text.split_once("**")?;
            let mut component = Component::builder().name(name).build();
            component.span = crate::lines::span_to(
                crate::lines::span(first),
                lines.last().copied().unwrap_or(first),
            );
            // A path in parentheses, when they hold only the path (else it is part of
            // the suffix: ``(`app/container.py` updates)``).
            if let Some((path, rest)) = after
                .strip_prefix(" (`")
                .and_then(|rest| rest.split_once("`)"))
                .filter(|(path, _)| !path.contains('`'))
            {
                component.path = Some(path.parse().unwrap_or_else(|never| match never {}));
                after = rest;
            }
            if let Some(rest) = after.strip_prefix(" *(") {
                let (note, rest) = rest.split_once(")*")?;
                component.note = Some(note.to_owned());
                after = rest;
            }
            if let Some(suffix) = after.strip_prefix(' ') {
                if suffix.is_empty() || suffix.starts_with(' ') {
                    return None;
                }
                component.suffix = Some(suffix.to_owned());
            } else if !after.is_empty() {
                return None;
            }
            // The nested bullets share one indent of three or four spaces.
            let indent = rest.first().map_or("   ", |line| {
                &line[..line.len() - line.trim_start_matches(' ').len()]
            });
            if !(3..=4).contains(&indent.len()) {
                return None;
            }
            component.indent = (indent != "   ").then(|| indent.to_owned());
            component.items = rest
                .iter()
                .map(|line| {
                    line.strip_prefix(indent)
                        .and_then(|line| line.strip_prefix("- "))
                        .map(str::to_owned)
                })
                .collect::<Option<_>>()?;
            Some(component)
        })
        .collect()
}

/// `#### X Features:` parts with their list items.
fn requirements(body: &str) -> Option<Vec<ComponentRequirements>> {
    let (intro, parts) = split(body, 4);
    if !crate::lines::blank(intro) {
        return None;
    }
    parts
        .iter()
        .map(|part| {
            // `X Features:`, or with a note before the colon (`X Features (COMPLETED):`).
            let (component, suffix) = part.title.strip_suffix(':')?.rsplit_once(" Features")?;
            if !(suffix.is_empty() || suffix.starts_with(' ') && suffix.trim() == &suffix[1..]) {
                return None;
            }
            Some(ComponentRequirements {
                component: component.to_owned(),
                suffix: (!suffix.is_empty()).then(|| suffix.to_owned()),
                requirements: list_items(part.body, false)?,
                span: crate::lines::span(part.text),
            })
        })
        .collect()
}

/// `- **label**: text` or `- text` lines (or `N. ` when `ordered`), all of them.
fn list_items(body: &str, ordered: bool) -> Option<Vec<ListItem>> {
    crate::lines::each(body)
        .filter(|line| !crate::lines::blank(line))
        .enumerate()
        .map(|(index, line)| list_item(line, ordered, index))
        .collect()
}

fn list_item(line: &str, ordered: bool, index: usize) -> Option<ListItem> {
    let text = if ordered {
        let (number, text) = numbered(line)?;
        (number == index + 1).then_some(text)?
    } else {
        line.strip_prefix("- ")?
    };
    Some(ListItem {
        span: crate::lines::span(line),
        ..labeled_item(text)
    })
}

/// `**label**: text` as a labelled item, anything else as a plain one.
fn labeled_item(text: &str) -> ListItem {
    match text
        .strip_prefix("**")
        .and_then(|rest| rest.split_once("**: "))
    {
        Some((label, rest)) if !label.contains("**") => ListItem::labeled(label, rest),
        _ => ListItem::plain(text),
    }
}

fn plain_bullets(body: &str) -> Option<Vec<String>> {
    crate::lines::each(body)
        .filter(|line| !crate::lines::blank(line))
        .map(|line| line.strip_prefix("- ").map(str::to_owned))
        .collect()
}

/// The criteria list, then an optional closing paragraph.
fn success_criteria(plan: &mut AtomicPlan, part: &Part<'_>) -> bool {
    let chunks = chunks(part.body);
    let Some((first, after)) = chunks.split_first() else {
        return false;
    };
    // The list, when the first chunk is one; else only the closing paragraph.
    let (items, rest) = match first
        .iter()
        .enumerate()
        .map(|(index, line)| list_item(line, false, index))
        .collect::<Option<Vec<_>>>()
    {
        Some(items) => (items, after),
        None => (Vec::new(), chunks.as_slice()),
    };
    let conclusion = match rest {
        [] => None,
        [paragraph]
            if !paragraph
                .iter()
                .any(|line| line.starts_with(['#', '-', '`'])) =>
        {
            Some(paragraph.join("\n"))
        }
        _ => return false,
    };
    plan.success_criteria = items;
    plan.conclusion = conclusion;
    true
}

/// `### icon **Title**` sections of `#### **Title:**` subsections, and the sections not
/// written so, kept verbatim; `None` when text comes before the first section.
fn details(body: &str, report: &mut Report<'_>) -> Option<(Vec<DetailSection>, Vec<Verbatim>)> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) {
        return None;
    }
    let (mut typed, mut kept) = (Vec::new(), Vec::new());
    for part in &parts {
        match detail_section(part, report) {
            Some(section) => typed.push(section),
            None => {
                report.kept_verbatim(part.text);
                kept.push(verbatim(without_rule(part.text)));
            }
        }
    }
    Some((typed, kept))
}

/// A `### icon **Title**` section: its `#### **Title:**` subsections as blocks, those
/// that do not read so kept verbatim in its `extra`.
fn detail_section(part: &Part<'_>, report: &mut Report<'_>) -> Option<DetailSection> {
    let (icon, title) = match part.title.split_once(" **") {
        Some((icon, title)) => (Some(icon.to_owned()), title),
        None => (None, part.title.strip_prefix("**")?),
    };
    let title = title.strip_suffix("**")?;
    let (intro, subsections) = split(without_rule(part.body), 4);
    if !crate::lines::blank(intro) {
        return None;
    }
    let mut section = DetailSection::builder().title(title).build();
    section.icon = icon;
    section.span = crate::lines::span(part.text);
    for sub in &subsections {
        let typed = sub
            .title
            .strip_prefix("**")
            .and_then(|title| title.strip_suffix(":**"))
            .and_then(|title| {
                Some(DetailSubsection {
                    title: title.to_owned(),
                    blocks: chunk_iter(without_rule(sub.body))
                        .map(|lines| detail_block(&lines))
                        .collect::<Option<_>>()?,
                    span: crate::lines::span(sub.text),
                })
            });
        match typed {
            Some(typed) => section.subsections.push(typed),
            None => {
                report.kept_verbatim(sub.text);
                section.extra.push(verbatim(without_rule(sub.text)));
            }
        }
    }
    Some(section)
}

/// A bold label line, then paragraph lines, then list items, then one code block.
fn detail_block(lines: &[&str]) -> Option<DetailBlock> {
    let mut block = DetailBlock::builder().build();
    block.span = crate::lines::span_of_lines(lines);
    let mut rest = lines;
    if let Some((first, after)) = rest.split_first()
        && let Some(label) = first.strip_prefix("**").and_then(|l| l.strip_suffix(":**"))
        && !label.contains("**")
    {
        block.label = Some(label.to_owned());
        rest = after;
    }
    let is_list = |line: &str| line.starts_with("- ") || numbered(line).is_some();
    let paragraph: Vec<&str> = rest
        .iter()
        .copied()
        .take_while(|line| !is_list(line) && !line.starts_with("```"))
        .collect();
    if !paragraph.is_empty() {
        block.text = Some(paragraph.join("\n"));
    }
    rest = &rest[paragraph.len()..];
    let list: Vec<&str> = rest
        .iter()
        .copied()
        .take_while(|line| is_list(line))
        .collect();
    if let Some(first) = list.first() {
        block.ordered = !first.starts_with("- ");
        block.items = list
            .iter()
            .enumerate()
            .map(|(index, line)| list_item(line, block.ordered, index))
            .collect::<Option<_>>()?;
    }
    rest = &rest[list.len()..];
    if !rest.is_empty() {
        block.code = Some(code_block(rest)?);
    }
    let empty = block.label.is_none()
        && block.text.is_none()
        && block.items.is_empty()
        && block.code.is_none();
    (!empty).then_some(block)
}

fn usage_notes(body: &str) -> Option<UsageNotes> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) {
        return None;
    }
    let mut notes = UsageNotes::builder().build();
    notes.span = crate::lines::span(body);
    for part in parts {
        match AtomicUsagePart::with_title(part.title) {
            Some(AtomicUsagePart::SectionGuidelines) if notes.section_guidelines.is_empty() => {
                notes.section_guidelines = chunk_iter(part.body)
                    .map(|lines| {
                        let (first, items) = lines.split_first()?;
                        let (section, text) = bold_line(first)?;
                        Some(Guideline {
                            section: section.to_owned(),
                            text: (!text.is_empty()).then(|| text.to_owned()),
                            items: items
                                .iter()
                                .map(|line| line.strip_prefix("- ").map(str::to_owned))
                                .collect::<Option<_>>()?,
                            span: crate::lines::span_of_lines(&lines),
                        })
                    })
                    .collect::<Option<_>>()?;
            }
            Some(AtomicUsagePart::BestPractices) if notes.best_practices.is_empty() => {
                notes.best_practices = list_items(part.body, true)?
                    .into_iter()
                    .map(|item| {
                        Some(LabeledItem {
                            label: item.label?,
                            text: item.text,
                            span: item.span,
                        })
                    })
                    .collect::<Option<_>>()?;
            }
            _ => return None,
        }
    }
    Some(notes)
}

/// The guidelines part's text: a paragraph, or nothing.
fn guidelines(body: &str) -> Option<String> {
    if crate::lines::blank(body) {
        Some(String::new())
    } else {
        prose(body)
    }
}

/// The step's name in a `## Next Atomic Step: <name>` heading's title.
fn step_name(title: &str) -> Option<&str> {
    title
        .strip_prefix(AtomicSection::NextStep.title())?
        .strip_prefix(": ")
}
