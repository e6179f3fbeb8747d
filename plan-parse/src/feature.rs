//! The typed reader of `feature` plans, lenient in the way of the scoped reader
//! ([`crate::sections`]): section names matched by key and their headings kept as written,
//! phases under `## Implementation Phases` or as `## Phase N:` sections of their own,
//! metadata lines beyond the template's kept in order, prose under a known heading kept as
//! its intro, unknown sub-sections that are one list or checklist typed as groups, and
//! anything else kept verbatim.

use plan_model::feature::{
    CommunicationPlan, CurrentState, DependencyChange, FeaturePlan, FeatureSection, LessonsLearned,
    Phase, PhaseLogEntry, ProgressTracking, RiskMitigation, SignOffGroup, Signature, Task,
    TaskDetail, TaskSection, TestCase,
};
use plan_model::{ChecklistGroup, ChecklistItem, FileRef, LabeledItem, Risk, Span};

use crate::lines::only_code;
use crate::lines::{
    Part, bold_line, checklist_items, chunk_iter, exact, first_line, list, numbered, prose_block,
    rest, split, table, take, titled, without_rule,
};
use crate::report::Report;
use crate::sections::{metadata_lines, numbered_title, offset_in, pairs_source, subsections};

const TITLE_PREFIX: &str = "Implementation Plan: ";

/// Reads `src` as a feature plan; `None` when it has no `#` title to hang one on, text
/// before it, unclosed fences, or text under the title that no field can hold.
pub(crate) fn read(src: &str, report: &mut Report<'_>) -> Option<FeaturePlan> {
    let (title, mut parts, tail) = titled(src)?;
    let heading = first_line(title.text);
    let name = crate::lines::title_within(title.title, TITLE_PREFIX, "").unwrap_or(title.title);
    let mut plan = FeaturePlan::builder().title(name).build();
    if heading != format!("# {TITLE_PREFIX}{name}") {
        plan.headings.insert("title".to_owned(), heading.to_owned());
    }
    // The template closes with an HTML comment and no newline after it.
    let mut title_body = title.body;
    if let Some(at) = src.rfind("\n<!--")
        && src.ends_with("-->")
        && tail.is_none()
        && plain_comment(&src[at + 1..])
    {
        plan.closing_comment = Some(src[at + 1..].to_owned());
        let cut = src.len() - (at + 1);
        match parts.last_mut() {
            Some(last) if last.body.len() >= cut => {
                last.body = &last.body[..last.body.len() - cut];
                last.text = &last.text[..last.text.len() - cut];
            }
            Some(_) => return None,
            None if title_body.len() >= cut => {
                title_body = &title_body[..title_body.len() - cut];
            }
            None => return None,
        }
    }
    header(&mut plan, without_rule(title_body), report)?;
    crate::driver::read_sections(&mut plan, &parts, tail, report);
    Some(plan)
}

/// Whether `comment` (from `<!--` to the end of the plan) is one HTML comment of plain
/// lines: no other comment marker, no heading, no code fence, all of which the section
/// split would read apart from the comment.
fn plain_comment(comment: &str) -> bool {
    comment.matches("<!--").count() == 1
        && comment.matches("-->").count() == 1
        && crate::lines::each(comment).all(|line| {
            let line = line.trim_start();
            !line.starts_with(['#', '`', '~'])
        })
}

/// The metadata lines under the title, then the intro.
fn header(plan: &mut FeaturePlan, body: &str, report: &mut Report<'_>) -> Option<()> {
    let (mut pairs, rest_at) = metadata_lines(body);
    plan.feature = take(&mut pairs, "Feature");
    if let Some(at) = pairs.iter().position(|(key, value)| {
        *key == "Branch"
            && value
                .strip_prefix('`')
                .and_then(|inner| inner.strip_suffix('`'))
                .is_some_and(|inner| !inner.is_empty() && !inner.contains('`'))
    }) {
        let (_, value) = pairs.remove(at);
        plan.branch = Some(value[1..value.len() - 1].to_owned());
    }
    plan.estimated_duration = take(&mut pairs, "Estimated Duration");
    for (key, slot) in [
        ("Start Date", &mut plan.start_date),
        ("Target Completion", &mut plan.target_completion),
    ] {
        if let Some(date) = take(&mut pairs, key) {
            let value = exact(&date);
            if !value.is_typed() {
                report.kept_raw(pairs_source(body, &date), "a date (YYYY-MM-DD)");
            }
            *slot = Some(value);
        }
    }
    plan.assignee = take(&mut pairs, "Assignee");
    plan.metadata = rest(pairs);
    let intro = &body[rest_at..];
    if !crate::lines::blank(intro) {
        plan.intro = Some(prose_block(intro)?);
    }
    Some(())
}

impl crate::driver::Lenient for FeaturePlan {
    type Phase = Phase;
    const SECTIONS: &'static [crate::sections::Section] = FeatureSection::NAMES;

    fn phase_title(title: &str) -> bool {
        phase_title(title).is_some()
    }

    fn phase(part: &Part<'_>, report: &mut Report<'_>) -> Option<Phase> {
        phase(part, 2, report)
    }

    fn read_section(
        &mut self,
        key: &str,
        body: &str,
        text: &str,
        report: &mut Report<'_>,
    ) -> Option<()> {
        let plan = self;
        let span = crate::lines::span(text);
        match key {
            "executive_summary" if plan.executive_summary.is_none() => {
                plan.executive_summary = Some(prose_block(body)?);
            }
            "current_state" if plan.current_state.is_none() => {
                plan.current_state = Some(CurrentState {
                    span,
                    ..current_state(body, report)?
                });
            }
            "phases" if plan.phases.is_empty() => {
                let (intro, parts) = split(body, 3);
                if !crate::lines::blank(intro) || parts.is_empty() {
                    return None;
                }
                plan.phases = parts
                    .iter()
                    .map(|part| phase(part, 3, report))
                    .collect::<Option<_>>()?;
            }
            "risk_mitigation" if plan.risk_mitigation.is_none() => {
                plan.risk_mitigation = Some(RiskMitigation {
                    span,
                    ..risk_mitigation(body, report)?
                });
            }
            "communication_plan" if plan.communication_plan.is_none() => {
                plan.communication_plan = Some(CommunicationPlan {
                    span,
                    ..communication(body, report)?
                });
            }
            "definition_of_done" if plan.definition_of_done.is_empty() => {
                plan.definition_of_done = definition_of_done(body)?;
            }
            "progress_tracking" if plan.progress_tracking.is_none() => {
                plan.progress_tracking = Some(ProgressTracking {
                    span,
                    ..progress_tracking(body, report)?
                });
            }
            "lessons_learned" if plan.lessons_learned.is_none() => {
                plan.lessons_learned = Some(LessonsLearned {
                    span,
                    ..lessons(body, report)?
                });
            }
            "references" if plan.references.is_empty() => {
                let (items, ordered) = list(body)?;
                (!ordered).then_some(())?;
                plan.references = items;
            }
            "sign_off" if plan.sign_off.is_empty() => plan.sign_off = sign_off(body, report)?,
            _ => return None,
        }
        Some(())
    }

    fn slots(&mut self) -> crate::driver::Slots<'_, Phase> {
        crate::driver::slots!(self)
    }
}

/// A fenced code block that is all of `body`.
fn current_state(body: &str, report: &mut Report<'_>) -> Option<CurrentState> {
    let mut state = CurrentState::default();
    let subs = subsections(
        body,
        3,
        &[
            "Existing Code Structure",
            "Dependencies to Modify",
            "Technical Debt Addressed",
        ],
        true,
        |title, body| {
            match title {
                "Existing Code Structure" if state.existing_code_structure.is_none() => {
                    state.existing_code_structure = Some(only_code(body)?);
                }
                "Dependencies to Modify" if state.dependencies_to_modify.is_empty() => {
                    let (items, ordered, spans) = crate::lines::list_spans(body)?;
                    if ordered || items.iter().any(|item| item.contains('\n')) {
                        return None;
                    }
                    state.dependencies_to_modify = items
                        .into_iter()
                        .zip(spans)
                        .map(|(item, span)| match item.split_once(": ") {
                            Some((target, change)) => DependencyChange {
                                target: target.to_owned(),
                                change: Some(change.to_owned()),
                                span,
                            },
                            None => DependencyChange {
                                target: item,
                                change: None,
                                span,
                            },
                        })
                        .collect();
                }
                "Technical Debt Addressed" if state.technical_debt.is_empty() => {
                    state.technical_debt = flat_checklist(body)?;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (state.intro, state.groups, state.checklists, state.extra) = subs.finish(report);
    Some(state)
}

/// Checkbox items without wrapped lines: the template's checklists, written back one
/// line an item.
fn flat_checklist(body: &str) -> Option<Vec<plan_model::ChecklistItem>> {
    let items = checklist_items(body)?;
    items
        .iter()
        .all(|item| !item.text.contains('\n'))
        .then_some(items)
}

/// A phase whose heading is at `level`: metadata lines (`Duration`, `Status`, others),
/// prose, then `####` sub-sections one level down.
/// A phase's title: `Phase 1: Name`, or a priority tier (`📋 PRIORITY 1: CRITICAL`,
/// `Priority 2: Important`), as plans that order work by priority write them: the number
/// and the name.
fn phase_title(title: &str) -> Option<(&str, &str)> {
    crate::sections::phase_heading(title).or_else(|| {
        let start = title.find(|c: char| c.is_alphanumeric())?;
        let rest = &title[start..];
        let word = rest.get(..9)?;
        let number = word
            .eq_ignore_ascii_case("priority ")
            .then(|| numbered_title(rest, word))
            .flatten()?;
        number
            .0
            .starts_with(|c: char| c.is_ascii_digit())
            .then_some(number)
    })
}

/// A task sub-section's title, after any status emoji: `Task 1.1: Name`; the number and
/// the name.
fn task_section_title(title: &str) -> Option<(&str, &str)> {
    let start = title.find(|c: char| c.is_alphanumeric())?;
    let title = &title[start..];
    if let Some((number, name)) = numbered_title(title, "Task ") {
        return number
            .starts_with(|c: char| c.is_ascii_digit())
            .then_some((number, name));
    }
    // `1.2 Name` or `1.2: Name`: a phase's number, a dot and the task's.
    let (number, name) = title.split_once(' ')?;
    let number = number.strip_suffix(':').unwrap_or(number);
    let (phase, task) = number.split_once('.')?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (digits(phase) && digits(task) && !crate::lines::blank(name)).then_some((number, name))
}

/// The checklist a task section's text opens with, under a line that introduces it
/// (`Tasks:`) or not, and the text after it; no checklist when the first block is anything
/// else.
fn task_checklist(text: &str) -> (Option<String>, Vec<ChecklistItem>, &str) {
    let none = (None, Vec::new(), text);
    let Some(first) = chunk_iter(text).next() else {
        return none;
    };
    let (label, items) = match first.split_first() {
        Some((line, rest))
            if line.ends_with(':')
                && !line.starts_with(['-', '*', '+', '#', '|', '>', '`', ' '])
                && numbered(line).is_none() =>
        {
            (Some((*line).to_owned()), rest)
        }
        _ => (None, first.as_slice()),
    };
    let (Some(start), Some(last)) = (items.first(), items.last()) else {
        return none;
    };
    let at = offset_in(text, start);
    let end = offset_in(text, last) + last.len();
    match checklist_items(&text[at..end]) {
        Some(items) => (label, items, &text[end..]),
        None => none,
    }
}

/// Tasks each opened by a bold line of their own in place of a heading (`**1.1: Choose
/// the stack**`, `**Task 1.2: Name**`), as all of `body`: each is a task section whose
/// heading is that line.
fn bold_task_sections(body: &str) -> Option<Vec<TaskSection>> {
    fn title_of(line: &str) -> Option<&str> {
        line.strip_prefix("**")
            .and_then(|rest| rest.strip_suffix("**"))
            .filter(|title| task_section_title(title).is_some())
    }
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        if title_of(line.trim_end_matches(['\n', '\r'])).is_some() {
            starts.push(at);
        }
        at += line.len();
    }
    let first = *starts.first()?;
    if !crate::lines::blank(&body[..first]) {
        return None;
    }
    starts.push(body.len());
    starts
        .windows(2)
        .map(|pair| {
            let chunk = &body[pair[0]..pair[1]];
            let (line, rest) = chunk.split_once('\n').unwrap_or((chunk, ""));
            let line = line.trim_end_matches('\r');
            let mut section = task_section(title_of(line)?, without_rule(rest), 0)?;
            section.heading = Some(line.to_owned());
            Some(section)
        })
        .collect()
}

/// A task written as a sub-section titled `title` at `level` (`#### Task 2.3: Name`): its
/// bold metadata lines, the checklist they may introduce, and prose after them.
fn task_section(title: &str, body: &str, level: usize) -> Option<TaskSection> {
    let (number, name) = task_section_title(title)?;
    let (pairs, rest_at) = metadata_lines(body);
    let (checklist_label, checklist, details) = task_checklist(&body[rest_at..]);
    let details = if crate::lines::blank(details) {
        None
    } else {
        Some(prose_block(details)?)
    };
    let name = name.trim_end();
    let written = format!("{} {title}", "#".repeat(level));
    Some(TaskSection {
        number: number.to_owned(),
        name: name.to_owned(),
        heading: (title != format!("Task {number}: {name}")).then_some(written),
        metadata: rest(pairs),
        checklist_label,
        checklist,
        details,
        span: crate::lines::span(body),
    })
}

fn phase(part: &Part<'_>, level: usize, report: &mut Report<'_>) -> Option<Phase> {
    let (number, name) = phase_title(part.title)?;
    let mut phase = Phase::builder()
        .number(number)
        .name(name.trim_end())
        .build();
    phase.span = crate::lines::span(part.text);
    let heading = first_line(part.text);
    if heading != format!("{} Phase {number}: {}", "#".repeat(level), phase.name) {
        phase.heading = Some(heading.to_owned());
    }
    let body = without_rule(part.body);
    let (intro, _) = split(body, level + 1);
    let (mut pairs, rest_at) = metadata_lines(intro);
    phase.duration = take(&mut pairs, "Duration");
    phase.status = take(&mut pairs, "Status").map(|status| exact(&status));
    phase.other = rest(pairs);
    let subs = subsections(
        &body[rest_at..],
        level + 1,
        &[
            "Objectives",
            "Tasks",
            "Code Structure",
            "Database Changes",
            "Test Plan",
            "Documentation Checklist",
            "Deliverables",
            "Success Criteria",
        ],
        true,
        |title, body| {
            let task = task_section_title(title);
            match title {
                "Objectives" if phase.objectives.is_empty() => {
                    let (items, ordered) = list(body)?;
                    (!ordered).then_some(())?;
                    phase.objectives = items;
                }
                "Tasks" if phase.tasks.is_empty() => match tasks(body) {
                    Some(tasks) => phase.tasks = tasks,
                    // Tasks written as sub-sections of their own under `Tasks`.
                    None if phase.task_sections.is_empty() => {
                        let (intro, parts) = split(body, level + 2);
                        phase.task_sections = if parts.is_empty() {
                            bold_task_sections(body)?
                        } else {
                            if !crate::lines::blank(intro) {
                                return None;
                            }
                            parts
                                .iter()
                                .map(|part| {
                                    task_section(part.title, without_rule(part.body), level + 2)
                                })
                                .collect::<Option<_>>()?
                        };
                        phase.task_sections_under_tasks = true;
                    }
                    None => return None,
                },
                "Code Structure" if phase.code_structure.is_none() => {
                    phase.code_structure = Some(only_code(body)?);
                }
                "Database Changes" if phase.database_changes.is_none() => {
                    phase.database_changes = Some(only_code(body)?);
                }
                "Test Plan" if phase.test_plan.is_empty() => {
                    phase.test_plan = table(
                        body,
                        &[
                            "Test Type",
                            "Description",
                            "Expected Result",
                            "Actual Result",
                        ],
                    )?
                    .into_iter()
                    .map(|row| TestCase {
                        test_type: row[0].clone(),
                        description: row[1].clone(),
                        expected_result: row[2].clone(),
                        actual_result: row[3].clone(),
                        span: row.span,
                    })
                    .collect();
                }
                "Documentation Checklist" if phase.documentation_checklist.is_empty() => {
                    phase.documentation_checklist = flat_checklist(body)?;
                }
                "Deliverables" if phase.deliverables.is_empty() => {
                    phase.deliverables = flat_checklist(body)?;
                }
                "Success Criteria" if phase.success_criteria.is_empty() => {
                    phase.success_criteria = flat_checklist(body)?;
                }
                // Beside task sections under `Tasks`, one of the phase's own would be
                // rendered among them.
                _ if task.is_some() && !phase.task_sections_under_tasks => {
                    phase
                        .task_sections
                        .push(task_section(title, body, level + 1)?);
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (phase.intro, phase.groups, phase.checklists, phase.extra) = subs.finish(report);
    Some(phase)
}

/// Adds `line` to the last detail of the last task; `None` when there is none.
fn continue_detail(tasks: &mut [(Task, Vec<(String, Span)>)], line: &str) -> Option<()> {
    let (task, details) = tasks.last_mut()?;
    let (detail, span) = details.last_mut()?;
    detail.push('\n');
    detail.push_str(line);
    *span = crate::lines::span_to(*span, line);
    task.span = crate::lines::span_to(task.span, line);
    Some(())
}

/// `- [ ] **Task N.M**: title` items with `  - File: `path``, `  - Changes: …`, `  -
/// Tests: …` and other `  - label: text` details (continuation lines, code included, kept
/// in the detail), separated by blank lines.
fn tasks(body: &str) -> Option<Vec<Task>> {
    let mut tasks: Vec<(Task, Vec<(String, Span)>)> = Vec::new();
    let mut fence = None;
    let mut after_blank = false;
    for line in crate::lines::each(body) {
        // Code in a detail is indented under it: its fences are read without that indent.
        let in_fence = fence.is_some();
        let nested = line.strip_prefix("    ");
        if nested.is_some_and(|code| plan_model::markdown::track_fence(&mut fence, code))
            || in_fence
        {
            if in_fence && plan_model::markdown::checkbox_marker(line).is_some() {
                // Counted as a task by a plain count of checkbox lines: not hidden here.
                return None;
            }
            continue_detail(&mut tasks, line)?;
            continue;
        }
        if crate::lines::blank(line) {
            after_blank = true;
            continue;
        }
        if let Some(item) = crate::lines::checkbox(line) {
            let raw = &line["- [ ] ".len()..];
            let (number, title) = match raw
                .strip_prefix("**Task ")
                .and_then(|rest| rest.split_once("**: "))
            {
                Some((number, title)) if !number.is_empty() => {
                    (Some(number.to_owned()), title.to_owned())
                }
                _ => (None, raw.to_owned()),
            };
            let task = Task::builder().checked(item.checked).title(title).build();
            tasks.push((
                Task {
                    number,
                    span: item.span,
                    ..task
                },
                Vec::new(),
            ));
        } else if plan_model::markdown::checkbox_marker(line).is_some() {
            // A nested or odd checkbox is a task of its own.
            return None;
        } else if let Some(detail) = line.strip_prefix("  - ") {
            let (task, details) = tasks.last_mut()?;
            details.push((detail.to_owned(), crate::lines::span(line)));
            task.span = crate::lines::span_to(task.span, line);
        } else if line.starts_with("    ") && !after_blank {
            continue_detail(&mut tasks, line)?;
        } else {
            return None;
        }
        after_blank = false;
    }
    if fence.is_some() || tasks.is_empty() {
        return None;
    }
    Some(
        tasks
            .into_iter()
            .map(|(mut task, details)| {
                for (detail, span) in details {
                    let single = !detail.contains('\n');
                    if let Some(path) = detail
                        .strip_prefix("File: `")
                        .and_then(|rest| rest.strip_suffix('`'))
                        .filter(|path| single && !path.is_empty() && !path.contains('`'))
                        && task.file.is_none()
                        && task.changes.is_none()
                        && task.tests.is_none()
                        && task.details.is_empty()
                    {
                        let Ok(file) = path.parse::<FileRef>();
                        task.file = Some(file);
                    } else if let Some(changes) = detail.strip_prefix("Changes: ")
                        && single
                        && task.changes.is_none()
                        && task.tests.is_none()
                        && task.details.is_empty()
                    {
                        task.changes = Some(changes.to_owned());
                    } else if let Some(tests) = detail.strip_prefix("Tests: ")
                        && single
                        && task.tests.is_none()
                        && task.details.is_empty()
                    {
                        task.tests = Some(tests.to_owned());
                    } else {
                        // A `File`, `Changes` or `Tests` detail that is not the typed
                        // field is kept unlabelled: with its label it would read back as
                        // the typed field.
                        task.details.push(match detail.split_once(": ") {
                            Some((label, text))
                                if !label.is_empty()
                                    && !label.contains(['`', '\n'])
                                    && !matches!(label, "File" | "Changes" | "Tests") =>
                            {
                                TaskDetail {
                                    label: Some(label.to_owned()),
                                    text: text.to_owned(),
                                    span,
                                }
                            }
                            _ => TaskDetail {
                                label: None,
                                text: detail,
                                span,
                            },
                        });
                    }
                }
                task
            })
            .collect(),
    )
}

fn risk_mitigation(body: &str, report: &mut Report<'_>) -> Option<RiskMitigation> {
    let mut risks = RiskMitigation::default();
    let subs = subsections(
        body,
        3,
        &["Technical Risks", "Schedule Risks", "Resource Risks"],
        true,
        |title, body| {
            match title {
                "Technical Risks" if risks.technical_risks.is_empty() => {
                    risks.technical_risks = risk_table(body)?;
                }
                "Schedule Risks" if risks.schedule_risks.is_empty() => {
                    risks.schedule_risks = risk_bullets(body)?;
                }
                "Resource Risks" if risks.resource_risks.is_empty() => {
                    risks.resource_risks = risk_bullets(body)?;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (risks.intro, risks.groups, risks.checklists, risks.extra) = subs.finish(report);
    Some(risks)
}

/// The template's `| Risk | Impact | Probability | Mitigation | Contingency |` table.
fn risk_table(body: &str) -> Option<Vec<Risk>> {
    let rows = table(
        body,
        &["Risk", "Impact", "Probability", "Mitigation", "Contingency"],
    )?;
    Some(
        rows.into_iter()
            .map(|row| {
                let mut risk = Risk::builder()
                    .risk(row[0].clone())
                    .impact(exact(&row[1]))
                    .likelihood(exact(&row[2]))
                    .mitigation(row[3].clone())
                    .contingency(row[4].clone())
                    .build();
                risk.span = row.span;
                risk
            })
            .collect(),
    )
}

/// Blocks of `- **Risk**: …`, `- **Mitigation**: …`, `- **Contingency**: …` bullets.
fn risk_bullets(body: &str) -> Option<Vec<Risk>> {
    chunk_iter(body)
        .map(|block| {
            let mut pairs: Vec<(&str, &str)> = block
                .iter()
                .map(|line| bold_line(line.strip_prefix("- ")?))
                .collect::<Option<_>>()?;
            let (first, _) = pairs.first()?;
            if *first != "Risk" {
                return None;
            }
            let risk = take(&mut pairs, "Risk")?;
            let mitigation = take(&mut pairs, "Mitigation");
            let contingency = take(&mut pairs, "Contingency");
            // Levels and other labels are written back in another order: not typed.
            pairs.is_empty().then(|| Risk {
                mitigation,
                contingency,
                span: crate::lines::span_of_lines(&block),
                ..Risk::builder().risk(risk).build()
            })
        })
        .collect()
}

fn communication(body: &str, report: &mut Report<'_>) -> Option<CommunicationPlan> {
    let mut plan = CommunicationPlan::default();
    let subs = subsections(
        body,
        3,
        &["Status Updates", "Escalation Path", "Review Points"],
        true,
        |title, body| {
            match title {
                "Status Updates" if plan.status_updates.is_empty() => {
                    let (items, ordered, spans) = crate::lines::list_spans(body)?;
                    (!ordered).then_some(())?;
                    plan.status_updates = items
                        .iter()
                        .zip(spans)
                        .map(|(item, span)| {
                            let (label, text) = bold_line(item)?;
                            (item.starts_with("**") && !item.contains('\n')).then(|| LabeledItem {
                                span,
                                ..LabeledItem::new(label, text)
                            })
                        })
                        .collect::<Option<_>>()?;
                }
                "Escalation Path" if plan.escalation_path.is_empty() => {
                    let (items, ordered) = list(body)?;
                    ordered.then_some(())?;
                    plan.escalation_path = items;
                }
                "Review Points" if plan.review_points.is_empty() => {
                    plan.review_points = flat_checklist(body)?;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (plan.intro, plan.groups, plan.checklists, plan.extra) = subs.finish(report);
    Some(plan)
}

/// `### Group` headings each over one checklist.
fn definition_of_done(body: &str) -> Option<Vec<ChecklistGroup>> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) || parts.is_empty() {
        return None;
    }
    parts
        .iter()
        .map(|part| {
            Some(ChecklistGroup {
                name: part.title.to_owned(),
                items: flat_checklist(without_rule(part.body))?,
                span: crate::lines::span(part.text),
                before: None,
                position: None,
            })
        })
        .collect()
}

fn progress_tracking(body: &str, report: &mut Report<'_>) -> Option<ProgressTracking> {
    let mut tracking = ProgressTracking::default();
    let subs = subsections(
        body,
        3,
        &["Daily Checklist", "Phase Completion Log"],
        true,
        |title, body| {
            match title {
                "Daily Checklist" if tracking.daily_checklist.is_none() => {
                    tracking.daily_checklist = Some(only_code(body)?);
                }
                "Phase Completion Log" if tracking.phase_completion_log.is_empty() => {
                    tracking.phase_completion_log =
                        table(body, &["Phase", "Planned End", "Actual End", "Notes"])?
                            .into_iter()
                            .map(|row| PhaseLogEntry {
                                phase: row[0].clone(),
                                planned_end: exact(&row[1]),
                                actual_end: exact(&row[2]),
                                notes: row[3].clone(),
                                span: row.span,
                            })
                            .collect();
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (
        tracking.intro,
        tracking.groups,
        tracking.checklists,
        tracking.extra,
    ) = subs.finish(report);
    Some(tracking)
}

fn lessons(body: &str, report: &mut Report<'_>) -> Option<LessonsLearned> {
    let mut lessons = LessonsLearned::default();
    let subs = subsections(
        body,
        3,
        &[
            "What Worked Well",
            "What Could Be Improved",
            "Recommendations for Future",
        ],
        true,
        |title, body| {
            let slot = match title {
                "What Worked Well" => &mut lessons.what_worked_well,
                "What Could Be Improved" => &mut lessons.what_could_be_improved,
                "Recommendations for Future" => &mut lessons.recommendations,
                _ => return None,
            };
            if !slot.is_empty() {
                return None;
            }
            let (items, ordered) = list(body)?;
            (!ordered).then_some(())?;
            *slot = items;
            Some(())
        },
    )?;
    (
        lessons.intro,
        lessons.groups,
        lessons.checklists,
        lessons.extra,
    ) = subs.finish(report);
    Some(lessons)
}

/// `**Group:**` lines each over `- Role: Name - Date: date` bullets.
fn sign_off(body: &str, report: &mut Report<'_>) -> Option<Vec<SignOffGroup>> {
    chunk_iter(body)
        .map(|block| {
            let (first, lines) = block.split_first()?;
            let title = first.strip_prefix("**")?.strip_suffix(":**")?;
            if title.is_empty() || title.contains('*') {
                return None;
            }
            let signatures = lines
                .iter()
                .map(|line| {
                    let (role, rest) = line.strip_prefix("- ")?.split_once(": ")?;
                    let (name, date) = match rest.rsplit_once(" - Date: ") {
                        Some((name, date)) => {
                            let value = exact(date);
                            if !value.is_typed() {
                                report.kept_raw(pairs_source(body, date), "a date (YYYY-MM-DD)");
                            }
                            (name, Some(value))
                        }
                        None => (rest, None),
                    };
                    Some(Signature {
                        role: role.to_owned(),
                        name: name.to_owned(),
                        date,
                        span: crate::lines::span(line),
                    })
                })
                .collect::<Option<_>>()?;
            Some(SignOffGroup {
                title: title.to_owned(),
                signatures,
                span: crate::lines::span_of_lines(&block),
            })
        })
        .collect()
}
