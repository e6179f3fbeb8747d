//! The typed reader of `scoped` plans.
//!
//! It reads the template's own layout and the longer form many real plans use (the
//! phases as `## Phase N:` sections with `### Overview`, `### Changes Required:` holding
//! `#### 1. Title` changes, and `### Success Criteria:` split into `#### Automated
//! Verification:` and `#### Manual Verification:` checklists). Section names are matched
//! leniently ([`title_key`]: case, punctuation, emoji, numbering, `&`/`and`, a few
//! renamings); a heading not written as the template writes it is kept as written in
//! the model's `headings`, so it renders back the same. Prose under a known heading is the
//! section's `intro`; a sub-section that is one list is a typed group; anything else is
//! kept verbatim in an `extra` slot, so nothing is lost.

use plan_model::scoped::{
    Approach, ChangeLogEntry, ChangeStep, CodeReference, Constraints, CurrentState, Decision,
    DesiredEndState, ExistingComponent, FileChange, Finding, Monitoring, NotDoing, OpenQuestion,
    Phase, PhaseCriteria, ProgressLog, ProgressPhase, References, RollbackPlan, Rollout,
    ScopeExclusion, ScopedPlan, ScopedSection, TestSuite, TestingStrategy, Ticket,
};
use plan_model::{ChecklistGroup, ChecklistItem, FileRef, Risk};

use crate::lines::{
    Part, bold_line, bold_lines, bullets, checklist_items, chunk_iter, chunks, content_lines,
    exact, first_line, list, prose_block, rest, split, take, title_key, titled, without_rule,
};
use crate::report::Report;
use crate::sections::{
    Section, metadata_lines, numbered_title, offset_in, pairs_source, push_extra, subsections,
};

const TITLE_PREFIX: &str = "Implementation Plan: ";

/// Reads `src` as a scoped plan; `None` when it has no `#` title to hang one on, text
/// before it, unclosed fences, or text under the title that no field can hold.
pub(crate) fn read(src: &str, report: &mut Report<'_>) -> Option<ScopedPlan> {
    let (title, parts, tail) = titled(src)?;
    let heading = first_line(title.text);
    let name = crate::lines::title_within(title.title, TITLE_PREFIX, "").unwrap_or(title.title);
    let mut plan = ScopedPlan::builder().title(name).build();
    if heading != format!("# {TITLE_PREFIX}{name}") {
        plan.headings.insert("title".to_owned(), heading.to_owned());
    }
    header(&mut plan, without_rule(title.body), report)?;
    crate::driver::read_sections(&mut plan, &parts, tail, report);
    Some(plan)
}

impl crate::driver::Lenient for ScopedPlan {
    type Phase = Phase;
    const SECTIONS: &'static [Section] = ScopedSection::NAMES;

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
            "overview" if plan.overview.is_none() => {
                plan.overview = Some(prose_block(body)?);
            }
            "current_state" if plan.current_state.is_none() => {
                plan.current_state = Some(CurrentState {
                    span,
                    ..current_state(body, report)?
                });
            }
            "desired_end_state" if plan.desired_end_state.is_none() => {
                plan.desired_end_state = Some(DesiredEndState {
                    span,
                    ..desired_end_state(body, report)?
                });
            }
            "key_discoveries" if plan.key_discoveries.is_empty() => {
                plan.key_discoveries = key_discoveries(body)?;
            }
            "not_doing" if plan.not_doing.is_none() => {
                plan.not_doing = Some(NotDoing {
                    span,
                    ..not_doing(body)?
                });
            }
            "approach" if plan.approach.is_none() => {
                plan.approach = Some(Approach {
                    span,
                    ..approach(body, report)?
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
            "testing_strategy" if plan.testing_strategy.is_none() => {
                plan.testing_strategy = Some(TestingStrategy {
                    span,
                    ..testing(body, report)?
                });
            }
            "rollout" if plan.rollout.is_none() => {
                plan.rollout = Some(Rollout {
                    span,
                    ..rollout(body, report)?
                });
            }
            "references" if plan.references.is_none() => {
                plan.references = Some(References {
                    span,
                    ..references(body, report)?
                });
            }
            "open_questions" if plan.open_questions.is_empty() => {
                plan.open_questions = open_questions(body)?;
            }
            "change_log" if plan.change_log.is_empty() => {
                plan.change_log = change_log(body, report)?;
            }
            "progress" if plan.progress.is_none() => {
                plan.progress = Some(ProgressLog {
                    span,
                    ..progress(body)?
                });
            }
            _ => return None,
        }
        Some(())
    }

    fn slots(&mut self) -> crate::driver::Slots<'_, Phase> {
        crate::driver::slots!(self)
    }
}

/// The text under the title: leading runs of bold `Key: value` lines are the metadata
/// (`Date`, `Author`, `Status`, then any other key in order), the rest is the intro.
fn header(plan: &mut ScopedPlan, body: &str, report: &mut Report<'_>) -> Option<()> {
    let (mut pairs, rest_at) = metadata_lines(body);
    if let Some(date) = take(&mut pairs, "Date") {
        let value = exact(&date);
        if !value.is_typed() {
            report.kept_raw(pairs_source(body, &date), "a date (YYYY-MM-DD)");
        }
        plan.date = Some(value);
    }
    plan.author = take(&mut pairs, "Author");
    plan.status = take(&mut pairs, "Status").map(|status| exact(&status));
    plan.metadata = rest(pairs);
    let intro = &body[rest_at..];
    if !crate::lines::blank(intro) {
        plan.intro = Some(prose_block(intro)?);
    }
    Some(())
}

fn current_state(body: &str, report: &mut Report<'_>) -> Option<CurrentState> {
    let mut state = CurrentState::default();
    let subs = subsections(
        body,
        3,
        &[
            "What Exists",
            "What's Missing",
            "Constraints & Considerations",
        ],
        false,
        |key, body| {
            match key {
                "What Exists" if state.what_exists.is_empty() => {
                    state.what_exists = what_exists(body)?;
                }
                "What's Missing" if state.whats_missing.is_empty() => {
                    state.whats_missing = bullets(body)?;
                }
                "Constraints & Considerations" if state.constraints.is_none() => {
                    let mut pairs = bold_lines(body, true)?;
                    state.constraints = Some(Constraints {
                        technical: take(&mut pairs, "Technical"),
                        business: take(&mut pairs, "Business"),
                        backwards_compatibility: take(&mut pairs, "Backwards Compatibility"),
                        security_privacy: take(&mut pairs, "Security/Privacy"),
                        other: rest(pairs),
                        span: crate::lines::span(body),
                    });
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (state.intro, state.groups, _, state.extra) = subs.finish(report);
    Some(state)
}

/// `- **Name**: description` with `  - File: `path`` and `  - Current behavior: …`.
fn what_exists(body: &str) -> Option<Vec<ExistingComponent>> {
    let mut components: Vec<ExistingComponent> = Vec::new();
    for line in content_lines(body) {
        if let Some(rest) = line.strip_prefix("  - ") {
            let component = components.last_mut()?;
            if let Some(file) = rest.strip_prefix("File: ") {
                let path = file.strip_prefix('`')?.strip_suffix('`')?;
                let Ok(file) = path.parse::<FileRef>();
                component.file.is_none().then_some(())?;
                component.file = Some(file);
            } else if let Some(behavior) = rest.strip_prefix("Current behavior: ") {
                component.current_behavior.is_none().then_some(())?;
                component.current_behavior = Some(behavior.to_owned());
            } else {
                return None;
            }
            continue;
        }
        let item = line.strip_prefix("- **")?;
        let (name, description) = match item.split_once("**: ") {
            Some((name, description)) => (name, Some(description.to_owned())),
            None => (item.strip_suffix("**")?, None),
        };
        components.push(ExistingComponent {
            name: name.to_owned(),
            description,
            file: None,
            current_behavior: None,
            span: crate::lines::span(line),
        });
    }
    (!components.is_empty()).then_some(components)
}

fn desired_end_state(body: &str, report: &mut Report<'_>) -> Option<DesiredEndState> {
    let mut state = DesiredEndState::default();
    let subs = subsections(
        body,
        3,
        &["Success Definition", "Key Outcomes"],
        false,
        |key, body| {
            match key {
                "Success Definition" if state.success_definition.is_none() => {
                    state.success_definition = Some(prose_block(body)?);
                }
                "Key Outcomes" if state.key_outcomes.is_empty() => {
                    let (items, ordered) = list(body)?;
                    ordered.then_some(())?;
                    state.key_outcomes = items;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (state.intro, state.groups, _, state.extra) = subs.finish(report);
    Some(state)
}

/// `### Finding N: Name` blocks of bold `Location`, `Insight` and `Implication` lines.
fn key_discoveries(body: &str) -> Option<Vec<Finding>> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) || parts.is_empty() {
        return None;
    }
    parts
        .iter()
        .map(|part| {
            let (number, name) = numbered_title(part.title, "Finding ")?;
            let mut pairs = bold_lines(without_rule(part.body), false)?;
            let location = match take(&mut pairs, "Location") {
                Some(location) => {
                    let path = location.strip_prefix('`')?.strip_suffix('`')?;
                    let Ok(file) = path.parse::<FileRef>();
                    Some(file)
                }
                None => None,
            };
            let finding = Finding {
                number: number.to_owned(),
                name: name.to_owned(),
                location,
                insight: take(&mut pairs, "Insight"),
                implication: take(&mut pairs, "Implication"),
                span: crate::lines::span(part.text),
            };
            pairs.is_empty().then_some(finding)
        })
        .collect()
}

/// An intro paragraph, then bullets: `- **Not in scope**: item - reason` or plain.
fn not_doing(body: &str) -> Option<NotDoing> {
    let list_at = body
        .lines()
        .find(|line| line.starts_with("- "))
        .map_or(body.len(), |line| offset_in(body, line));
    let (intro, items) = body.split_at(list_at);
    let intro = if crate::lines::blank(intro) {
        None
    } else {
        Some(prose_block(intro)?)
    };
    let (items, ordered, spans) = crate::lines::list_spans(items)?;
    if ordered {
        return None;
    }
    let items = items
        .into_iter()
        .zip(spans)
        .map(|(item, span)| match bold_line(&item) {
            Some((label, text)) if item.starts_with("**") => {
                let (item, reason) = match text.split_once(" - ") {
                    Some((item, reason)) => (item.to_owned(), Some(reason.to_owned())),
                    None => (text.to_owned(), None),
                };
                ScopeExclusion {
                    exclusion: Some(exact(label)),
                    item,
                    reason,
                    span,
                }
            }
            _ => ScopeExclusion {
                exclusion: None,
                item,
                reason: None,
                span,
            },
        })
        .collect();
    Some(NotDoing {
        intro,
        items,
        span: crate::lines::span(body),
    })
}

fn approach(body: &str, report: &mut Report<'_>) -> Option<Approach> {
    let mut approach = Approach::default();
    let subs = subsections(
        body,
        3,
        &[
            "High-Level Strategy",
            "Architecture Decisions",
            "Risk Mitigation",
        ],
        false,
        |key, body| {
            match key {
                "High-Level Strategy" if approach.high_level_strategy.is_none() => {
                    approach.high_level_strategy = Some(prose_block(body)?);
                }
                "Architecture Decisions" if approach.architecture_decisions.is_empty() => {
                    approach.architecture_decisions = decisions(body)?;
                }
                "Risk Mitigation" if approach.risk_mitigation.is_empty() => {
                    approach.risk_mitigation =
                        content_lines(body).map(risk).collect::<Option<_>>()?;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (approach.intro, approach.groups, _, approach.extra) = subs.finish(report);
    Some(approach)
}

/// `- **Decision 1**: choice - rationale` lines.
fn decisions(body: &str) -> Option<Vec<Decision>> {
    content_lines(body)
        .map(|line| {
            let (label, text) = bold_line(line.strip_prefix("- ")?)?;
            let (choice, rationale) = match text.split_once(" - ") {
                Some((choice, rationale)) => (choice, Some(rationale.to_owned())),
                None => (text, None),
            };
            Some(Decision {
                label: label.to_owned(),
                choice: choice.to_owned(),
                rationale,
                span: crate::lines::span(line),
            })
        })
        .collect()
}

/// `- **Risk**: issue → **Mitigation**: plan`, with any other labels after it.
fn risk(line: &str) -> Option<Risk> {
    let rest = line.strip_prefix("- ")?;
    let mut parts = rest.split(" → ").map(bold_line);
    let ("Risk", text) = parts.next()?? else {
        return None;
    };
    let mut risk = Risk::builder().risk(text).build();
    risk.span = crate::lines::span(line);
    for part in parts {
        let (label, value) = part?;
        let taken = match label {
            "Impact" if risk.impact.is_none() => {
                risk.impact = Some(exact(value));
                true
            }
            "Likelihood" if risk.likelihood.is_none() => {
                risk.likelihood = Some(exact(value));
                true
            }
            "Mitigation" if risk.mitigation.is_none() => {
                risk.mitigation = Some(value.to_owned());
                true
            }
            "Contingency" if risk.contingency.is_none() => {
                risk.contingency = Some(value.to_owned());
                true
            }
            _ => false,
        };
        if !taken
            && risk
                .other
                .insert(label.to_owned(), value.to_owned())
                .is_some()
        {
            return None;
        }
    }
    // The renderer writes the levels first: only that order reads back the same.
    let rendered_order_kept = {
        let labels: Vec<&str> = rest
            .split(" → ")
            .skip(1)
            .filter_map(|part| bold_line(part).map(|(label, _)| label))
            .collect();
        let mut expected: Vec<&str> = Vec::new();
        for (label, present) in [
            ("Impact", risk.impact.is_some()),
            ("Likelihood", risk.likelihood.is_some()),
            ("Mitigation", risk.mitigation.is_some()),
            ("Contingency", risk.contingency.is_some()),
        ] {
            if present {
                expected.push(label);
            }
        }
        expected.extend(risk.other.keys().map(String::as_str));
        labels == expected
    };
    rendered_order_kept.then_some(risk)
}

/// `Phase 1: Name` -> (`1`, `Name`).
fn phase_title(title: &str) -> Option<(&str, &str)> {
    crate::sections::phase_heading(title)
}

/// A phase whose heading is at `level`: the template's bold-label form, the sub-section
/// form (`### Overview`, `### Changes Required:`, `### Success Criteria:`), or a mix.
fn phase(part: &Part<'_>, level: usize, report: &mut Report<'_>) -> Option<Phase> {
    let (number, name) = phase_title(part.title)?;
    let heading = first_line(part.text);
    let mut phase = Phase::builder()
        .number(number)
        .name(name.trim_end())
        .build();
    phase.span = crate::lines::span(part.text);
    if heading != format!("{} Phase {number}: {}", "#".repeat(level), phase.name) {
        phase.heading = Some(heading.to_owned());
    }
    let (intro, parts) = split(without_rule(part.body), level + 1);
    bold_form(&mut phase, intro)?;
    for sub in &parts {
        let body = without_rule(sub.body);
        let line = first_line(sub.text).to_owned();
        let typed = match title_key(sub.title).as_str() {
            "overview" if phase.overview.is_none() => prose_block(body).map(|text| {
                phase.overview = Some(text);
                phase.headings.insert("overview".to_owned(), line.clone());
            }),
            "changes required" | "changes"
                if phase.changes.is_empty() && phase.change_steps.is_empty() =>
            {
                change_steps(body, level + 2).map(|steps| {
                    phase.change_steps = steps;
                    phase.headings.insert("changes".to_owned(), line.clone());
                })
            }
            "success criteria" | "verification" | "acceptance criteria" | "exit criteria"
                if phase.success_criteria.is_none() =>
            {
                criteria_sections(&mut phase, body, level + 2).map(|criteria| {
                    phase.success_criteria = Some(criteria);
                    phase
                        .headings
                        .insert("success_criteria".to_owned(), line.clone());
                })
            }
            _ => None,
        };
        if typed.is_none() {
            report.kept_verbatim(sub.text);
            push_extra(&mut phase.extra, sub.text, None)?;
        }
    }
    // Content before the first sub-heading renders in the template's bold form, after which
    // a typed sub-section written with a heading (`### Overview`) would come before text
    // that then reads back as part of it: a phase uses one form or the other to be typed.
    if !crate::lines::blank(intro) && !phase.headings.is_empty() {
        return None;
    }
    Some(phase)
}

/// The template's bold-label form of a phase's content before any sub-heading:
/// `**Overview**: …`, `**Changes Required**:` with numbered `**File**` items,
/// `**Success Criteria**:` with `- **Automated**:`/`- **Manual**:` checklists and
/// `**Confirmation Gate**: …`; any other chunk is kept in the phase's `extra`.
fn bold_form(phase: &mut Phase, intro: &str) -> Option<()> {
    let mut in_changes = false;
    let mut in_criteria = false;
    for chunk in chunk_iter(intro) {
        let first = chunk[0];
        let text = chunk.join("\n");
        if let Some(overview) = first.strip_prefix("**Overview**: ")
            && chunk.len() == 1
            && phase.overview.is_none()
        {
            phase.overview = Some(overview.to_owned());
            (in_changes, in_criteria) = (false, false);
            continue;
        }
        if let Some(gate) = first.strip_prefix("**Confirmation Gate**: ")
            && chunk.len() == 1
            && phase.confirmation_gate.is_none()
        {
            phase.confirmation_gate = Some(gate.to_owned());
            (in_changes, in_criteria) = (false, false);
            continue;
        }
        let (opens_changes, items) = match chunk.split_first() {
            Some((&"**Changes Required**:", rest)) if phase.changes.is_empty() => (true, rest),
            _ => (false, &chunk[..]),
        };
        if (opens_changes || in_changes)
            && let Some(change) = file_change(items, phase.changes.len() + 1)
        {
            phase.changes.push(change);
            (in_changes, in_criteria) = (true, false);
            continue;
        }
        let (opens_criteria, items) = match chunk.split_first() {
            Some((&"**Success Criteria**:", rest)) if phase.success_criteria.is_none() => {
                (true, rest)
            }
            _ => (false, &chunk[..]),
        };
        if (opens_criteria || in_criteria)
            && let Some((automated, group)) = criteria_group(items)
        {
            let criteria = phase.success_criteria.get_or_insert_with(Default::default);
            // From the first group to the last.
            criteria.span = match criteria.span.range() {
                Some(_) => crate::lines::span_to(criteria.span, items.last().unwrap_or(&"")),
                None => crate::lines::span_of_lines(&chunk),
            };
            let slot = if automated {
                &mut criteria.automated
            } else {
                &mut criteria.manual
            };
            if slot.is_empty() {
                *slot = group;
                (in_changes, in_criteria) = (false, true);
                continue;
            }
        }
        // Kept text renders after the typed content: one that would then read as the
        // next change or criteria group would not come back as kept text.
        if file_change(&chunk, phase.changes.len() + 1).is_some()
            || criteria_group(&chunk).is_some()
        {
            return None;
        }
        // The chunk's lines were joined: it is where they are.
        let span = crate::lines::span_of_lines(&chunk);
        push_extra(&mut phase.extra, &text, Some(span))?;
        (in_changes, in_criteria) = (false, false);
    }
    Some(())
}

/// `N. **File**: `path`` with `   - **Change**: …` and `   - **Why**: …`.
fn file_change(lines: &[&str], number: usize) -> Option<FileChange> {
    let (first, rest) = lines.split_first()?;
    let path = first
        .strip_prefix(&format!("{number}. **File**: `"))?
        .strip_suffix('`')?;
    let Ok(file) = path.parse::<FileRef>();
    let mut change = FileChange {
        file,
        change: None,
        why: None,
        span: crate::lines::span_of_lines(lines),
    };
    for line in rest {
        if let Some(what) = line.strip_prefix("   - **Change**: ")
            && change.change.is_none()
            && change.why.is_none()
        {
            change.change = Some(what.to_owned());
        } else if let Some(why) = line.strip_prefix("   - **Why**: ")
            && change.why.is_none()
        {
            change.why = Some(why.to_owned());
        } else {
            return None;
        }
    }
    Some(change)
}

/// `- **Automated**:` or `- **Manual**:` and its `  - [ ] …` items: which, and the items.
fn criteria_group(lines: &[&str]) -> Option<(bool, Vec<ChecklistItem>)> {
    let (first, rest) = lines.split_first()?;
    let automated = match *first {
        "- **Automated**:" => true,
        "- **Manual**:" => false,
        _ => return None,
    };
    let items = rest
        .iter()
        .map(|line| crate::lines::checkbox(line.strip_prefix("  ")?))
        .collect::<Option<Vec<_>>>()?;
    (!items.is_empty()).then_some((automated, items))
}

/// `#### 1. Title` changes at `level`, each with an optional `**File**: `path`` line and
/// its details.
fn change_steps(body: &str, level: usize) -> Option<Vec<ChangeStep>> {
    let (intro, parts) = split(body, level);
    if !crate::lines::blank(intro) || parts.is_empty() {
        return None;
    }
    parts
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let (number, title) = part.title.split_once(". ")?;
            if number != (index + 1).to_string() || crate::lines::blank(title) {
                return None;
            }
            let mut step = ChangeStep::builder().number(number).title(title).build();
            step.span = crate::lines::span(part.text);
            let heading = first_line(part.text);
            if heading != format!("{} {number}. {title}", "#".repeat(level)) {
                step.heading = Some(heading.to_owned());
            }
            let mut body = crate::lines::skip_line_endings(without_rule(part.body));
            if let Some(line) = crate::lines::each(body).next()
                && let Some(rest) = line.strip_prefix("**File**: `")
                && let Some((path, note)) = rest.split_once('`')
                && !path.is_empty()
            {
                let Ok(file) = path.parse::<FileRef>();
                step.file = Some(file);
                let note = note.trim();
                step.file_note = (!note.is_empty()).then(|| note.to_owned());
                body = &body[line.len()..];
            }
            if !crate::lines::blank(body) {
                step.details = Some(prose_block(body)?);
            }
            Some(step)
        })
        .collect()
}

/// `#### Automated Verification:` and `#### Manual Verification:` checklists at `level`;
/// text after the last checklist is kept in the phase's `extra` (it renders at the
/// phase's end, which is where it reads back from).
fn criteria_sections(phase: &mut Phase, body: &str, level: usize) -> Option<PhaseCriteria> {
    let (intro, parts) = split(body, level);
    if !crate::lines::blank(intro) || parts.is_empty() {
        return None;
    }
    let mut criteria = PhaseCriteria {
        span: crate::lines::span(body),
        ..PhaseCriteria::default()
    };
    let mut headings = Vec::new();
    let mut kept = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let key = match title_key(part.title).as_str() {
            "automated verification" | "automated" => "automated",
            "manual verification" | "manual" => "manual",
            _ => return None,
        };
        let taken = if key == "automated" {
            &criteria.automated
        } else {
            &criteria.manual
        };
        if !taken.is_empty() {
            return None;
        }
        let body = without_rule(part.body);
        let chunks = chunks(body);
        let count = |read: fn(&str) -> bool| {
            chunks
                .iter()
                .take_while(|chunk| read(&chunk.join("\n")))
                .count()
        };
        let checkboxes = count(|text| checklist_items(text).is_some());
        let plain = count(|text| list(text).is_some_and(|(_, ordered)| !ordered));
        // Checkboxes are tasks; plain bullets are checks written down, not tasks: one form
        // for all of a phase's criteria.
        let (list_end, bullets) = if checkboxes > 0 {
            (checkboxes, false)
        } else {
            (plain, true)
        };
        if list_end == 0
            || (list_end < chunks.len() && index + 1 < parts.len())
            || (index > 0 && criteria.bullets != bullets)
        {
            return None;
        }
        criteria.bullets = bullets;
        let slot = if key == "automated" {
            &mut criteria.automated
        } else {
            &mut criteria.manual
        };
        // Read from the source, which only adds the blank lines between the chunks (each
        // opens with an item), so that each item has its span.
        let lines: Vec<&str> = chunks[..list_end].iter().flatten().copied().collect();
        let list_text = crate::lines::source_of(body, &lines);
        *slot = if bullets {
            let (items, _, spans) = crate::lines::list_spans(&list_text)?;
            items
                .into_iter()
                .zip(spans)
                .map(|(item, span)| ChecklistItem {
                    span,
                    ..ChecklistItem::unchecked(item)
                })
                .collect()
        } else {
            checklist_items(&list_text)?
        };
        kept.extend(
            chunks[list_end..]
                .iter()
                .map(|chunk| (chunk.join("\n"), crate::lines::span_of_lines(chunk))),
        );
        headings.push((key, first_line(part.text)));
    }
    if !kept.is_empty() && !phase.extra.is_empty() {
        return None;
    }
    for (text, _) in &kept {
        prose_block(text)?;
    }
    phase.extra.extend(
        kept.iter()
            .map(|(text, span)| crate::blocks::verbatim(crate::lines::kept_text(text), *span)),
    );
    for (key, line) in headings {
        phase.headings.insert(key.to_owned(), line.to_owned());
    }
    Some(criteria)
}

fn testing(body: &str, report: &mut Report<'_>) -> Option<TestingStrategy> {
    let mut testing = TestingStrategy {
        span: crate::lines::span(body),
        ..TestingStrategy::default()
    };
    let subs = subsections(
        body,
        3,
        &["Unit Tests", "Integration Tests", "Manual Testing"],
        false,
        |key, body| {
            match key {
                "Unit Tests" if testing.unit_tests.is_none() => {
                    testing.unit_tests = Some(test_suite(body)?);
                }
                "Integration Tests" if testing.integration_tests.is_none() => {
                    testing.integration_tests = Some(test_suite(body)?);
                }
                "Manual Testing" if testing.manual_testing.is_empty() => {
                    testing.manual_testing = content_lines(body)
                        .map(crate::lines::checkbox)
                        .collect::<Option<_>>()?;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (testing.intro, testing.groups, _, testing.extra) = subs.finish(report);
    Some(testing)
}

/// `- **Location**: `path``, `- **Coverage**: …`, then `  - [ ] case` lines.
fn test_suite(body: &str) -> Option<TestSuite> {
    let mut suite = TestSuite {
        span: crate::lines::span(body),
        ..TestSuite::default()
    };
    for line in content_lines(body) {
        if let Some(case) = line.strip_prefix("  ") {
            suite.cases.push(crate::lines::checkbox(case)?);
            continue;
        }
        if !suite.cases.is_empty() {
            return None;
        }
        match bold_line(line.strip_prefix("- ")?)? {
            ("Location", location) if suite.location.is_none() && suite.coverage.is_none() => {
                let path = location.strip_prefix('`')?.strip_suffix('`')?;
                let Ok(file) = path.parse::<FileRef>();
                suite.location = Some(file);
            }
            ("Coverage", coverage) if suite.coverage.is_none() => {
                suite.coverage = Some(coverage.to_owned());
            }
            _ => return None,
        }
    }
    Some(suite)
}

fn rollout(body: &str, report: &mut Report<'_>) -> Option<Rollout> {
    let mut rollout = Rollout::default();
    let subs = subsections(
        body,
        3,
        &["Deployment Strategy", "Rollback Plan", "Monitoring"],
        false,
        |key, body| {
            match key {
                "Deployment Strategy" if rollout.deployment_strategy.is_empty() => {
                    rollout.deployment_strategy = bullets(body)?;
                }
                "Rollback Plan" if rollout.rollback_plan.is_none() => {
                    let mut pairs = bold_lines(body, true)?;
                    let plan = RollbackPlan {
                        trigger: take(&mut pairs, "Trigger"),
                        steps: take(&mut pairs, "Steps"),
                        span: crate::lines::span(body),
                    };
                    pairs.is_empty().then_some(())?;
                    rollout.rollback_plan = Some(plan);
                }
                "Monitoring" if rollout.monitoring.is_none() => {
                    let mut pairs = bold_lines(body, true)?;
                    let monitoring = Monitoring {
                        metrics: take(&mut pairs, "Metrics to watch"),
                        alerts: take(&mut pairs, "Alerts"),
                        span: crate::lines::span(body),
                    };
                    pairs.is_empty().then_some(())?;
                    rollout.monitoring = Some(monitoring);
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (rollout.intro, rollout.groups, _, rollout.extra) = subs.finish(report);
    Some(rollout)
}

fn references(body: &str, report: &mut Report<'_>) -> Option<References> {
    let mut references = References::default();
    let subs = subsections(
        body,
        3,
        &[
            "Related Tickets",
            "Research & Documentation",
            "Code References",
        ],
        false,
        |key, body| {
            // An empty sub-section would render as nothing, losing its heading: it is kept
            // as written.
            if crate::lines::blank(body) {
                return None;
            }
            match key {
                "Related Tickets" if references.related_tickets.is_empty() => {
                    references.related_tickets = content_lines(body)
                        .map(|line| {
                            let item = line.strip_prefix("- ")?;
                            Some(match item.split_once(": ") {
                                Some((id, description)) => Ticket {
                                    id: id.to_owned(),
                                    description: Some(description.to_owned()),
                                    span: crate::lines::span(line),
                                },
                                None => Ticket {
                                    id: item.to_owned(),
                                    description: None,
                                    span: crate::lines::span(line),
                                },
                            })
                        })
                        .collect::<Option<_>>()?;
                }
                "Research & Documentation" if references.research.is_empty() => {
                    references.research = bullets(body)?;
                }
                "Code References" if references.code_references.is_empty() => {
                    references.code_references = content_lines(body)
                        .map(|line| {
                            let (label, location) = bold_line(line.strip_prefix("- ")?)?;
                            let path = location.strip_prefix('`')?.strip_suffix('`')?;
                            let Ok(location) = path.parse::<FileRef>();
                            Some(CodeReference {
                                label: label.to_owned(),
                                location,
                                span: crate::lines::span(line),
                            })
                        })
                        .collect::<Option<_>>()?;
                }
                _ => return None,
            }
            Some(())
        },
    )?;
    (references.intro, references.groups, _, references.extra) = subs.finish(report);
    Some(references)
}

/// `- [ ] question` or `- [ ] ~~question~~ - **Resolved**: answer` lines.
fn open_questions(body: &str) -> Option<Vec<OpenQuestion>> {
    let items = checklist_items(body)?;
    items
        .into_iter()
        .map(|item| {
            if item.label.is_some() || item.text.contains('\n') {
                return None;
            }
            let resolved = item
                .text
                .strip_prefix("~~")
                .and_then(|rest| rest.split_once("~~ - **Resolved**: "));
            Some(match resolved {
                Some((question, resolution)) => OpenQuestion {
                    checked: item.checked,
                    question: question.to_owned(),
                    resolution: Some(resolution.to_owned()),
                    span: item.span,
                },
                None => OpenQuestion {
                    checked: item.checked,
                    question: item.text,
                    resolution: None,
                    span: item.span,
                },
            })
        })
        .collect()
}

/// The `| Date | Author | Change |` table.
fn change_log(body: &str, report: &mut Report<'_>) -> Option<Vec<ChangeLogEntry>> {
    let rows = crate::lines::table(body, &["Date", "Author", "Change"])?;
    Some(
        rows.into_iter()
            .map(|row| {
                let date = exact(&row[0]);
                if !date.is_typed() {
                    report.kept_raw(pairs_source(body, &row[0]), "a date (YYYY-MM-DD)");
                }
                ChangeLogEntry {
                    date,
                    author: row[1].clone(),
                    change: row[2].clone(),
                    span: row.span,
                }
            })
            .collect(),
    )
}

/// `## Progress`: a note, then `### Phase …` parts whose `#### Automated`/`#### Manual`
/// parts (or the phase part itself) are checklists.
fn progress(body: &str) -> Option<ProgressLog> {
    let (intro, parts) = split(body, 3);
    let intro = if crate::lines::blank(intro) {
        None
    } else {
        Some(prose_block(intro)?)
    };
    let phases = parts
        .iter()
        .map(|part| {
            let (direct, groups) = split(without_rule(part.body), 4);
            let mut checklists = Vec::new();
            if !crate::lines::blank(direct) {
                checklists.push(ChecklistGroup {
                    name: String::new(),
                    items: checklist_items(direct)?,
                    span: crate::lines::span(direct),
                    before: None,
                    position: None,
                });
            }
            for group in groups {
                checklists.push(ChecklistGroup {
                    name: group.title.to_owned(),
                    items: checklist_items(without_rule(group.body))?,
                    span: crate::lines::span(group.text),
                    before: None,
                    position: None,
                });
            }
            Some(ProgressPhase {
                name: part.title.to_owned(),
                groups: checklists,
                span: crate::lines::span(part.text),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    (!phases.is_empty()).then_some(ProgressLog {
        intro,
        phases,
        span: crate::lines::span(body),
    })
}
