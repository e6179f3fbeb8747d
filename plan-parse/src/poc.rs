//! The typed reader of `poc` plans.
//!
//! Strict per `##` section like the other readers; inside a prerequisite or a step, a
//! bold-labelled block the template does not have (`**Specification**:`) is kept verbatim
//! in that prerequisite's or step's `extra`.

use plan_model::poc::{
    Architecture, Callout, Checklist, CodeSnippet, Deliverables, Dependencies, ErrorCode,
    ErrorCodes, FileNote, FileToChange, Implementation, LabeledCode, Overview, PocPlan, PocSection,
    Prerequisite, Prerequisites, Step, StepSection, TestFile, TestSummary,
};
use plan_model::{CodeBlock, Risk};

use crate::lines::only_code;
use crate::lines::{Part, verbatim};
use crate::lines::{
    any_table, bold_line, checkbox, chunk_iter, chunks, code_block, exact, numbered, prose_block,
    split, table, titled, without_rule,
};
use crate::report::Report;
use crate::sections::{keep_section, keep_tail, top_group};

const TITLE_SUFFIX: &str = " Implementation Plan";

/// Reads `src` as a poc plan; `None` when its top heading is not the template's.
pub(crate) fn read(src: &str, report: &mut Report<'_>) -> Option<PocPlan> {
    let (title, parts, tail) = titled(src)?;
    let mut plan = match crate::lines::title_within(title.title, "", TITLE_SUFFIX) {
        Some(name) => PocPlan::builder().title(name).build(),
        None => PocPlan::builder()
            .title(title.title)
            .plain_title(true)
            .build(),
    };
    plan.header_notes = header_notes(title.body)?;
    if let Some(last) = plan.header_notes.last()
        && last.label == "Track Progress"
        && last.icon.is_none()
    {
        plan.track_progress = plan.header_notes.pop().map(|note| note.text);
    }
    let mut placing = crate::sections::Placing::default();
    for part in parts {
        let body = without_rule(part.body);
        let typed = match PocSection::with_title(part.title) {
            Some(PocSection::Overview) if plan.overview.is_none() => {
                overview(body).map(|value| plan.overview = Some(value))
            }
            Some(PocSection::Deliverables) if plan.deliverables.is_none() => {
                deliverables(body).map(|value| plan.deliverables = Some(value))
            }
            Some(PocSection::Prerequisites) if plan.prerequisites.is_none() => {
                prerequisites(body).map(|value| plan.prerequisites = Some(value))
            }
            Some(PocSection::SuccessCriteria) if plan.success_criteria.is_none() => {
                checklist_section(body).map(|value| plan.success_criteria = Some(value))
            }
            Some(PocSection::Architecture) if plan.architecture.is_none() => {
                architecture(body).map(|value| plan.architecture = Some(value))
            }
            Some(PocSection::Implementation) if plan.implementation.is_none() => {
                implementation(body, report).map(|value| plan.implementation = Some(value))
            }
            Some(PocSection::TestSummary) if plan.test_summary.is_none() => {
                test_summary(body).map(|value| plan.test_summary = Some(value))
            }
            Some(PocSection::ProductionChecklist) if plan.production_checklist.is_none() => {
                checklist_section(body).map(|value| plan.production_checklist = Some(value))
            }
            Some(PocSection::DoneLooksLike) if plan.done_looks_like.is_none() => {
                only_code(body).map(|value| plan.done_looks_like = Some(value))
            }
            Some(PocSection::Files) if plan.files.is_empty() => {
                files(body).map(|value| plan.files = value)
            }
            Some(PocSection::Dependencies) if plan.dependencies.is_none() => {
                dependencies(body).map(|value| plan.dependencies = Some(value))
            }
            Some(PocSection::Risks) if plan.risks.is_empty() => {
                risks(body).map(|value| plan.risks = value)
            }
            Some(PocSection::ErrorCodes) if plan.error_codes.is_none() => {
                error_codes(body).map(|value| plan.error_codes = Some(value))
            }
            Some(PocSection::NextSteps) if plan.next_steps.is_empty() => {
                numbered_lines(body).map(|value| plan.next_steps = value)
            }
            _ => None,
        };
        if typed.is_some() {
            // The template's sections are told by their titles.
            placing.before(
                &mut plan.extra_sections,
                crate::sections::top_groups!(plan),
                part.title,
            );
            continue;
        }
        // A section titled as the template's that does not read is kept as written, never
        // a list group (it would be read back as the template's).
        let unnamed = PocSection::with_title(part.title).is_none();
        // Steps first: rendered, a step section's blocks may read as list groups, and it
        // must read back as steps.
        if unnamed && let Some(section) = step_section(&part, report) {
            plan.step_sections.push(section);
            continue;
        }
        if unnamed && let Some(group) = top_group(&part, report) {
            crate::sections::top_groups!(plan).push(group);
            continue;
        }
        keep_section(
            &part,
            false,
            report,
            crate::sections::top_groups!(plan),
            &mut plan.extra_sections,
        );
        placing.kept(&plan.extra_sections, !unnamed);
    }
    keep_tail(tail, report, &mut plan.extra_sections);
    placing.finish(
        &mut plan.extra_sections,
        crate::sections::top_groups!(plan),
        PocSection::ALL.iter().map(|section| section.key()),
        report,
    );
    Some(plan)
}

/// A top-level section the template does not name that holds steps (a `### Step N:`
/// sub-section), read as the implementation steps are.
fn step_section(part: &Part<'_>, report: &mut Report<'_>) -> Option<StepSection> {
    let body = without_rule(part.body);
    let (_, parts) = split(body, 3);
    if !parts.iter().any(|sub| step_title(sub.title).is_some()) {
        return None;
    }
    Some(StepSection {
        name: part.title.to_owned(),
        body: implementation(body, report)?,
        span: crate::lines::span(part.text),
    })
}

/// A chunk of lines as kept text.
fn chunk_text(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A paragraph chunk: lines that are not headings, lists, tables, quotes or fences.
fn paragraph(lines: &[&str]) -> Option<String> {
    let plain = lines
        .iter()
        .all(|line| !line.starts_with(['#', '-', '|', '>', '`', '*']) && numbered(line).is_none());
    plain.then(|| lines.join("\n"))
}

/// `| **Key** | value |` rows, if any, then `> icon **Label**: text` callouts.
fn overview(body: &str) -> Option<Overview> {
    let chunks = chunks(body);
    // The table is left out when the overview has no attribute.
    let (table_lines, callouts) = match chunks.split_first() {
        Some((first, rest)) if first.first().is_some_and(|line| line.starts_with('|')) => {
            (Some(first), rest)
        }
        _ => (None, chunks.as_slice()),
    };
    let rows = match table_lines {
        Some(lines) => table(
            &crate::lines::source_of(body, lines),
            &["Attribute", "Value"],
        )?,
        None => Vec::new(),
    };
    let mut overview = Overview::builder().build();
    overview.span = crate::lines::span(body);
    for row in rows {
        let key = row[0].strip_prefix("**")?.strip_suffix("**")?;
        let value = row[1].clone();
        match key {
            "Name" if overview.name.is_none() => overview.name = Some(value),
            "Proves" if overview.proves.is_none() => overview.proves = Some(value),
            "Production-Grade Because" if overview.production_grade_because.is_none() => {
                overview.production_grade_because = Some(value);
            }
            _ if !overview.other.contains_key(key) => {
                overview.other.insert(key.to_owned(), value);
            }
            _ => return None,
        }
    }
    for lines in callouts {
        overview.callouts.push(callout(lines, |line| {
            let rest = line.strip_prefix("**")?;
            rest.split_once("**: ")
                .or_else(|| Some((rest.strip_suffix("**:")?, "")))
        })?);
    }
    Some(overview)
}

/// The blockquote under the title: `> **Label**: text` notes, one `>` line between two.
fn header_notes(body: &str) -> Option<Vec<Callout>> {
    let mut notes: Vec<Vec<&str>> = Vec::new();
    for line in crate::lines::each(body).filter(|line| !crate::lines::blank(line)) {
        let line = line.trim_end();
        if line == "---" {
            continue;
        }
        if callout_head(line, bold_line).is_some() {
            notes.push(vec![line]);
        } else if let Some(note) = notes.last_mut() {
            note.push(line);
        } else if line != ">" {
            return None;
        }
    }
    let count = notes.len();
    notes
        .iter_mut()
        .enumerate()
        .map(|(index, lines)| {
            if index + 1 < count && lines.last() == Some(&">") {
                lines.pop();
            }
            callout(lines, bold_line)
        })
        .collect()
}

/// A callout's first line, `> icon **Label**: text`, as its icon (what comes before the
/// bold label, without `*`) and what `label` reads of the rest (the label and the text).
fn callout_head<'a>(
    line: &'a str,
    label: impl Fn(&'a str) -> Option<(&'a str, &'a str)>,
) -> Option<(Option<&'a str>, &'a str, &'a str)> {
    let text = line.strip_prefix("> ")?;
    let (icon, rest) = match text.split_once(" **") {
        Some((icon, _)) if !icon.contains('*') => (Some(icon), &text[icon.len() + 1..]),
        _ => (None, text),
    };
    let (label, text) = label(rest)?;
    Some((icon, label, text))
}

/// A callout: its first line ([`callout_head`]), then its text's further lines as quote
/// lines (`>` for an empty one).
fn callout<'a>(
    lines: &[&'a str],
    label: impl Fn(&'a str) -> Option<(&'a str, &'a str)>,
) -> Option<Callout> {
    let (first, rest) = lines.split_first()?;
    let (icon, label, text) = callout_head(first, label)?;
    let mut text = text.to_owned();
    for line in rest {
        let line = match *line {
            ">" => "",
            line => line.strip_prefix("> ")?,
        };
        text.push('\n');
        text.push_str(line);
    }
    Some(Callout {
        icon: icon.map(str::to_owned),
        label: label.to_owned(),
        text,
        span: crate::lines::span_of_lines(lines),
    })
}

fn prerequisites(body: &str) -> Option<Prerequisites> {
    let (intro, parts) = split(body, 3);
    let mut prerequisites = Prerequisites::builder().build();
    prerequisites.span = crate::lines::span(body);
    if !crate::lines::blank(intro) {
        prerequisites.intro = Some(paragraph(&intro.trim().lines().collect::<Vec<_>>())?);
    }
    for part in parts {
        let (number, name) = part.title.split_once(". ")?;
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut prerequisite = Prerequisite::builder().number(number).name(name).build();
        prerequisite.span = crate::lines::span(part.text);
        let body = without_rule(part.body);
        let mut chunks = chunks(body);
        if !body.starts_with(['\n', '\r']) && !chunks.is_empty() {
            // Right under the heading: a description, or else an ordinary block (the
            // renderer writes blocks after a blank line, so reading one as such here keeps
            // parsing idempotent).
            let first = chunks.remove(0);
            match paragraph(&first) {
                Some(text) => prerequisite.description = Some(text),
                None if prerequisite_block(&mut prerequisite, &first) => {}
                None => prerequisite.extra.push(crate::blocks::verbatim(
                    chunk_text(&first),
                    crate::lines::span_of_lines(&first),
                )),
            }
        }
        for lines in chunks {
            if !prerequisite_block(&mut prerequisite, &lines) {
                prerequisite.extra.push(crate::blocks::verbatim(
                    chunk_text(&lines),
                    crate::lines::span_of_lines(&lines),
                ));
            }
        }
        prerequisites.items.push(prerequisite);
    }
    Some(prerequisites)
}

/// Reads a `**Label**: ...` block into `prerequisite`; `false` when it is not one the
/// template has (or its slot is taken).
fn prerequisite_block(prerequisite: &mut Prerequisite, lines: &[&str]) -> bool {
    let Some((first, rest)) = lines.split_first() else {
        return false;
    };
    let Some((label, text)) = bold_line(first) else {
        return false;
    };
    match (label, text.is_empty()) {
        ("Why Needed", false) if rest.is_empty() && prerequisite.why_needed.is_none() => {
            prerequisite.why_needed = Some(text.to_owned());
            true
        }
        ("Affected test files", true) if prerequisite.affected_test_files.is_empty() => {
            match rest
                .iter()
                .map(|line| file_note(line))
                .collect::<Option<Vec<_>>>()
            {
                Some(files) if !files.is_empty() => {
                    prerequisite.affected_test_files = files;
                    true
                }
                _ => false,
            }
        }
        ("Steps", true) if prerequisite.steps.is_empty() => {
            let steps: Option<Vec<String>> = rest
                .iter()
                .enumerate()
                .map(|(index, line)| {
                    let (number, text) = numbered(line)?;
                    (number == index + 1).then(|| text.to_owned())
                })
                .collect();
            match steps {
                Some(steps) if !steps.is_empty() => {
                    prerequisite.steps = steps;
                    true
                }
                _ => false,
            }
        }
        ("Baseline verification", true) => fill_code(&mut prerequisite.baseline_verification, rest),
        ("Commands", true) => fill_code(&mut prerequisite.commands, rest),
        ("Verification", true) => fill_code(&mut prerequisite.verification, rest),
        _ => false,
    }
}

fn fill_code(slot: &mut Option<CodeBlock>, lines: &[&str]) -> bool {
    match (slot.is_none(), code_block(lines)) {
        (true, Some(block)) => {
            *slot = Some(block);
            true
        }
        _ => false,
    }
}

/// `` - `path` - description ``.
fn file_note(line: &str) -> Option<FileNote> {
    let rest = line.strip_prefix("- `")?;
    let (path, rest) = rest.split_once('`')?;
    let description = match rest {
        "" => None,
        _ => Some(rest.strip_prefix(" - ")?.to_owned()),
    };
    Some(FileNote {
        file: path.parse().unwrap_or_else(|never| match never {}),
        description,
        span: crate::lines::span(line),
    })
}

/// An optional introducing paragraph, then checkbox items.
fn checklist_section(body: &str) -> Option<Checklist> {
    let chunks = chunks(body);
    let mut section = Checklist::builder().build();
    section.span = crate::lines::span(body);
    let items = match chunks.as_slice() {
        [items] => items,
        [intro, items] => {
            section.intro = Some(paragraph(intro)?);
            items
        }
        _ => return None,
    };
    section.items = items
        .iter()
        .map(|line| checkbox(line))
        .collect::<Option<_>>()?;
    Some(section)
}

fn architecture(body: &str) -> Option<Architecture> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) {
        return None;
    }
    let mut architecture = Architecture::builder().build();
    architecture.span = crate::lines::span(body);
    for part in parts {
        let lines: Vec<&str> = part.body.trim_matches('\n').lines().collect();
        match part.title {
            "File Structure" if architecture.file_structure.is_none() => {
                architecture.file_structure = Some(code_block(&lines)?);
            }
            "Design Principles" if architecture.design_principles.is_empty() => {
                architecture.design_principles = lines
                    .iter()
                    .enumerate()
                    .map(|(index, line)| {
                        let (number, text) = numbered(line)?;
                        (number == index + 1).then(|| plan_model::ListItem {
                            span: crate::lines::span(line),
                            ..labeled(text)
                        })
                    })
                    .collect::<Option<_>>()?;
            }
            // Kept after the typed parts, it must close what it opens, and end without a
            // rule: once rendered it comes last, where a rule would be the section's.
            _ if !crate::lines::open_comment(part.text)
                && crate::lines::split_checked(part.text, 6).2 =>
            {
                architecture.extra.push(verbatim(without_rule(part.text)));
            }
            _ => return None,
        }
    }
    Some(architecture)
}

fn labeled(text: &str) -> plan_model::ListItem {
    match text
        .strip_prefix("**")
        .and_then(|rest| rest.split_once("**: "))
    {
        Some((label, rest)) if !label.contains("**") => plan_model::ListItem::labeled(label, rest),
        _ => plan_model::ListItem::plain(text),
    }
}

/// `Step N: Name`: the number and the name.
fn step_title(title: &str) -> Option<(&str, &str)> {
    let (number, name) = title.strip_prefix("Step ")?.split_once(": ")?;
    (!number.is_empty() && !number.contains(' ')).then_some((number, name))
}

fn implementation(body: &str, report: &mut Report<'_>) -> Option<Implementation> {
    let (intro, parts) = split(body, 3);
    let mut implementation = Implementation::builder().build();
    implementation.span = crate::lines::span(body);
    for lines in chunk_iter(intro) {
        match (lines.as_slice(), bold_line(lines[0])) {
            ([_], Some(("Approach", text)))
                if !text.is_empty()
                    && implementation.approach.is_none()
                    && implementation.extra.is_empty() =>
            {
                implementation.approach = Some(text.to_owned());
            }
            _ => implementation.extra.push(crate::blocks::verbatim(
                chunk_text(&lines),
                crate::lines::span_of_lines(&lines),
            )),
        }
    }
    for part in parts {
        let Some((number, name)) = step_title(part.title) else {
            // A sub-section that is not a step (an example whose code block closed early
            // gives its heading to the plan) stays with the step before it, after what it
            // typed, or else before the steps; as it is kept last, it is read back so.
            report.kept_verbatim(part.text);
            let kept = match implementation.steps.last_mut() {
                Some(step) => {
                    // The step holds what is kept after it.
                    step.span = crate::lines::span_to(step.span, part.text);
                    &mut step.extra
                }
                None => &mut implementation.extra,
            };
            kept.push(verbatim(without_rule(part.text)));
            continue;
        };
        let mut step = read_step(number, name, without_rule(part.body));
        step.span = crate::lines::span(part.text);
        implementation.steps.push(step);
    }
    Some(implementation)
}

/// A `### Step N: Name` sub-section's body as a step.
fn read_step(number: &str, name: &str, body: &str) -> Step {
    let mut step = Step::builder().number(number).name(name).build();
    let chunks = chunks(body);
    let specification = specification(body, &chunks);
    for (index, lines) in chunks.iter().enumerate() {
        if let Some((at, end, text)) = &specification
            && (*at..*end).contains(&index)
        {
            if index == *at {
                step.specification = Some(text.clone());
            }
            continue;
        }
        if step_block(&mut step, lines) {
            continue;
        }
        if step.tasks.is_empty()
            && let Some(tasks) = crate::lines::checklist(&crate::lines::source_of(body, lines))
        {
            step.tasks = tasks;
            step.bare_tasks = true;
            continue;
        }
        if let Some((first, rest)) = lines.split_first()
            && let Some((label, target)) = labeled_target(first)
            && !label.contains('*')
            && let Some(block) = code_block(rest)
        {
            step.snippets.push(LabeledCode {
                label: label.to_owned(),
                target: target.map(str::to_owned),
                block,
                span: crate::lines::span_of_lines(lines),
            });
            continue;
        }
        match crate::lines::labeled_lists(&crate::lines::source_of(body, lines)) {
            Some((items, _, lists)) if items.is_empty() => step.lists.extend(lists),
            _ => step.extra.push(crate::blocks::verbatim(
                chunk_text(lines),
                crate::lines::span_of_lines(lines),
            )),
        }
    }
    step
}

/// A step's specification: `**Specification**:` on a line of its own, then the blocks up
/// to the next of the step's labels, as written. Its chunk's index, the index of the chunk
/// after it, and its text; `None` when there is none or two, when nothing follows the
/// label, or when what follows is not prose (a checkbox, a fence left open). Rendered
/// after the step's other unheaded blocks, it reads back as the same text.
fn specification(body: &str, chunks: &[Vec<&str>]) -> Option<(usize, usize, String)> {
    let alone = |lines: &[&str]| matches!(lines, [line] if line.trim_end() == "**Specification**:");
    let mut found = chunks.iter().enumerate().filter(|(_, lines)| alone(lines));
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let end = chunks[at + 1..]
        .iter()
        .position(|lines| lines.first().is_some_and(|line| step_label(line)))
        .map_or(chunks.len(), |offset| at + 1 + offset);
    let first = chunks.get(at + 1).filter(|_| end > at + 1)?.first()?;
    let last = chunks[end - 1].last()?;
    let start = crate::sections::offset_in(body, first);
    let stop = crate::sections::offset_in(body, last) + last.len();
    Some((at, end, prose_block(&body[start..stop])?))
}

fn step_block(step: &mut Step, lines: &[&str]) -> bool {
    let Some((first, rest)) = lines.split_first() else {
        return false;
    };
    if let Some((label @ ("Code" | "Tests"), target)) = labeled_target(first) {
        let slot = if label == "Code" {
            &mut step.code
        } else {
            &mut step.tests
        };
        return match (slot.is_none(), code_block(rest)) {
            (true, Some(block)) => {
                *slot = Some(CodeSnippet {
                    target: target.map(str::to_owned),
                    block,
                    span: crate::lines::span_of_lines(lines),
                });
                true
            }
            _ => false,
        };
    }
    let Some((label, text)) = bold_line(first) else {
        return false;
    };
    match (label, text.is_empty()) {
        ("Goal", false) if rest.is_empty() && step.goal.is_none() => {
            step.goal = Some(text.to_owned());
            true
        }
        ("Output", false) if rest.is_empty() && step.output.is_none() => {
            step.output = Some(text.to_owned());
            true
        }
        ("Tasks", true) if step.tasks.is_empty() => {
            match rest
                .iter()
                .map(|line| checkbox(line))
                .collect::<Option<Vec<_>>>()
            {
                Some(tasks) if !tasks.is_empty() => {
                    step.tasks = tasks;
                    true
                }
                _ => false,
            }
        }
        ("Verification", true) => fill_code(&mut step.verification, rest),
        _ => false,
    }
}

/// Whether `line` opens one of a step's labelled blocks: the template's, or `**Acceptance
/// Criteria**:` (which ends a specification).
fn step_label(line: &str) -> bool {
    let label = labeled_target(line)
        .map(|(label, _)| label)
        .or_else(|| bold_line(line).map(|(label, _)| label));
    matches!(
        label,
        Some(
            "Goal"
                | "Tasks"
                | "Code"
                | "Tests"
                | "Verification"
                | "Output"
                | "Acceptance Criteria"
                | "Specification"
        )
    )
}

/// `**Code**:` or ``**Code** (add to `x`):``: the label and the target.
fn labeled_target(line: &str) -> Option<(&str, Option<&str>)> {
    let rest = line.strip_prefix("**")?;
    let (label, after) = rest.split_once("**")?;
    if after == ":" {
        return Some((label, None));
    }
    let target = after.strip_prefix(" (")?.strip_suffix("):")?;
    Some((label, Some(target)))
}

fn test_summary(body: &str) -> Option<TestSummary> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) {
        return None;
    }
    let mut summary = TestSummary::builder().build();
    summary.span = crate::lines::span(body);
    for part in parts {
        if part.title != "Affected Tests (Run These)" || !summary.affected_tests.is_empty() {
            return None;
        }
        let chunks = chunks(part.body);
        let (table_lines, rest) = chunks.split_first()?;
        let rows = table(
            &crate::lines::source_of(part.body, table_lines),
            &["Test File", "Tests", "What It Covers"],
        )?;
        summary.affected_tests = rows
            .into_iter()
            .map(|row| {
                Some(TestFile {
                    file: backticked(&row[0])?
                        .parse()
                        .unwrap_or_else(|never| match never {}),
                    tests: non_empty(&row[1]),
                    covers: non_empty(&row[2]),
                    span: row.span,
                })
            })
            .collect::<Option<_>>()?;
        for lines in rest {
            let [line] = lines.as_slice() else {
                return None;
            };
            // Each line once: a second would overwrite the first, which would be lost.
            if let Some(total) = line
                .strip_prefix("**Affected tests: ")
                .and_then(|rest| rest.strip_suffix("**"))
                && summary.affected_total.is_none()
            {
                summary.affected_total = Some(total.to_owned());
            } else if let Some(("Full suite", text)) = bold_line(line)
                && summary.full_suite.is_none()
            {
                summary.full_suite = Some(text.to_owned());
            } else {
                return None;
            }
        }
    }
    Some(summary)
}

fn backticked(cell: &str) -> Option<&str> {
    cell.strip_prefix('`')?.strip_suffix('`')
}

fn non_empty(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_owned())
}

/// Prose, then one bullet list to the end.
fn deliverables(body: &str) -> Option<Deliverables> {
    let list_at = body
        .lines()
        .find(|line| line.starts_with("- "))
        .map_or(body.len(), |line| {
            (line.as_ptr() as usize).saturating_sub(body.as_ptr() as usize)
        });
    let (intro, items) = body.split_at(list_at);
    let intro = if crate::lines::blank(intro) {
        None
    } else {
        Some(crate::lines::prose_block(intro)?)
    };
    let (items, ordered) = crate::lines::list(items)?;
    (!ordered).then_some(Deliverables {
        intro,
        items,
        span: crate::lines::span(body),
    })
}

/// The files table: `File` and `Action` columns first, then any others (`Status`, or
/// `Purpose` as newer plans write it), whose cells are kept by header.
fn files(body: &str) -> Option<Vec<FileToChange>> {
    let (headers, rows) = any_table(body)?;
    let ["File", "Action", others @ ..] = headers.as_slice() else {
        return None;
    };
    let mut seen = std::collections::HashSet::new();
    if !others
        .iter()
        .all(|header| !header.is_empty() && seen.insert(*header))
    {
        return None;
    }
    rows.into_iter()
        .map(|row| {
            let mut file = FileToChange {
                file: backticked(&row[0])?
                    .parse()
                    .unwrap_or_else(|never| match never {}),
                action: exact(&row[1]),
                status: None,
                other: plan_model::Metadata::new(),
                span: row.span,
            };
            for (header, cell) in others.iter().zip(&row[2..]) {
                if *header == "Status" {
                    file.status = Some(cell.clone());
                } else {
                    file.other.insert((*header).to_owned(), cell.clone());
                }
            }
            Some(file)
        })
        .collect()
}

fn dependencies(body: &str) -> Option<Dependencies> {
    let mut dependencies = Dependencies::builder().build();
    dependencies.span = crate::lines::span(body);
    for lines in chunk_iter(body) {
        if let Some(block) = code_block(&lines) {
            if dependencies.manifest.is_some() {
                return None;
            }
            dependencies.manifest = Some(block);
        } else if lines.first() == Some(&"Then run:") && dependencies.then_run.is_none() {
            dependencies.then_run = Some(code_block(&lines[1..])?);
        } else if dependencies.intro.is_none() && dependencies.manifest.is_none() {
            dependencies.intro = Some(paragraph(&lines)?);
        } else {
            return None;
        }
    }
    Some(dependencies)
}

fn risks(body: &str) -> Option<Vec<Risk>> {
    table(body, &["Risk", "Likelihood", "Mitigation"])?
        .into_iter()
        .map(|row| {
            let mut risk = Risk::builder()
                .risk(row[0].clone())
                .likelihood(exact(&row[1]))
                .mitigation(row[2].clone())
                .build();
            risk.span = row.span;
            Some(risk)
        })
        .collect()
}

fn error_codes(body: &str) -> Option<ErrorCodes> {
    let mut codes = ErrorCodes::builder().build();
    codes.span = crate::lines::span(body);
    for lines in chunk_iter(body) {
        if let [line] = lines.as_slice()
            && let Some(note) = line
                .strip_prefix('_')
                .and_then(|rest| rest.strip_suffix('_'))
        {
            if codes.note.is_some() {
                return None;
            }
            codes.note = Some(note.to_owned());
            continue;
        }
        if !codes.codes.is_empty() {
            return None;
        }
        codes.codes = table(
            &crate::lines::source_of(body, &lines),
            &["Code", "Meaning", "Used By"],
        )?
        .into_iter()
        .map(|row| {
            Some(ErrorCode {
                code: backticked(&row[0])?.to_owned(),
                meaning: non_empty(&row[1]),
                used_by: non_empty(&row[2]),
                span: row.span,
            })
        })
        .collect::<Option<_>>()?;
    }
    Some(codes)
}

fn numbered_lines(body: &str) -> Option<Vec<String>> {
    crate::lines::each(body)
        .filter(|line| !crate::lines::blank(line))
        .enumerate()
        .map(|(index, line)| {
            let (number, text) = numbered(line)?;
            (number == index + 1).then(|| text.to_owned())
        })
        .collect()
}
