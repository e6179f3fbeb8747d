//! The typed reader of `stepwise` plans.
//!
//! Each `##` section the template names is typed when every line of it reads as the
//! template writes it; any other section, or a named one written differently, is kept
//! verbatim in `extra_sections` (or a sub-struct's `extra`), so nothing is lost.

use plan_model::TypedOrRaw;
use plan_model::stepwise::{
    NotesAndConsiderations, Phase, PhaseOverview, PhaseSection, RolloutPhase, RolloutPlan, Step,
    StepwisePlan, StepwiseSection, SuccessCriteria, TechnicalSpecifications, TestingStrategy,
};

use crate::driver::Title;
use crate::lines::{
    Part, bold_line, bold_lines, bullets, checklist, content_lines, first_line, numbered,
    prose_block, rest, split, take, title_key, titled, verbatim, without_rule,
};
use crate::report::Report;
use crate::sections::top_group;

/// Reads `src` as a stepwise plan; `None` when it has no `#` title to hang one on, or text
/// before it.
pub(crate) fn read(src: &str, report: &mut Report<'_>) -> Option<StepwisePlan> {
    let (title, parts, tail) = titled(src)?;
    let mut plan = StepwisePlan::builder().title(title.title).build();
    let mut description = title.body;
    if let Some(line) = content_lines(title.body).next()
        && let Some(date) = line.strip_prefix("Last Updated: ")
    {
        let date = date.trim();
        let value = TypedOrRaw::parse(date);
        if !value.is_typed() {
            report.kept_raw(date, "a date (YYYY-MM-DD)");
        }
        plan.last_updated = Some(value);
        let at = title.body.find(line).unwrap_or(0) + line.len();
        description = &title.body[at..];
    }
    let description = description.trim_matches('\n');
    if crate::lines::each(description).any(|line| line.starts_with('#')) {
        return None;
    }
    if !crate::lines::blank(description) {
        plan.description = Some(description.to_owned());
    }
    // The usage line closes the plan (not when a kept open fence comes last). It is
    // rendered after all else, so when the last section does not end with one, the first
    // section that does gives it: rendered, its usage line would come last and be read
    // back so.
    let last_closes = parts
        .last()
        .is_some_and(|last| split_usage(last.text).is_some());
    let count = parts.len();
    let parts: Vec<Part<'_>> = parts
        .into_iter()
        .enumerate()
        .map(|(index, part)| {
            let closes = index + 1 == count || !last_closes;
            if !(closes && tail.is_none() && plan.usage.is_none()) {
                return part;
            }
            let (text, body, usage) = strip_usage(&part);
            plan.usage = usage;
            Part {
                title: part.title,
                text,
                body,
            }
        })
        .collect();
    crate::driver::read_sections(&mut plan, &parts, tail, report);
    Some(plan)
}

/// A section without its closing `---` and `**Usage**: ...` lines, and the usage.
fn strip_usage<'a>(part: &Part<'a>) -> (&'a str, &'a str, Option<String>) {
    let Some((kept, usage)) = split_usage(part.text) else {
        return (part.text, part.body, None);
    };
    let body_start = part.text.len() - part.body.len();
    let text = &part.text[..kept];
    let body = &part.text[body_start.min(text.len())..text.len()];
    (text, body, Some(usage.to_owned()))
}

/// Whether a `**Usage**: ...` line of `text` follows a `---` rule, as the plan's closing
/// usage line does.
fn holds_usage(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), "**Usage**: ").any(|at| {
        let line_end = text[at..].find('\n').map_or(text.len(), |end| at + end);
        (at == 0 || text.as_bytes()[at - 1] == b'\n') && split_usage(&text[..line_end]).is_some()
    })
}

/// Where `text` ends before a closing `---` rule and `**Usage**: ...` line, and the usage.
fn split_usage(text: &str) -> Option<(usize, &str)> {
    let trimmed = text.trim_end_matches('\n');
    let (before, usage_line) = trimmed.rsplit_once('\n')?;
    let usage = usage_line.strip_prefix("**Usage**: ")?;
    let before = before.trim_end_matches('\n').strip_suffix("\n---")?;
    Some((before.len() + 1, usage))
}

fn overview(body: &str) -> Option<PhaseOverview> {
    let mut pairs = bold_lines(body, false)?;
    Some(PhaseOverview {
        phase_name: take(&mut pairs, "Phase Name"),
        implementation_approach: take(&mut pairs, "Implementation Approach"),
        dependencies: take(&mut pairs, "Dependencies"),
        other: rest(pairs),
        span: crate::lines::span(body),
    })
}

impl crate::driver::Lenient for StepwisePlan {
    type Phase = Phase;
    const SECTIONS: &'static [crate::sections::Section] = StepwiseSection::NAMES;

    fn phase_title(title: &str) -> bool {
        top_phase_title(title).is_some()
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
            "tldr" if plan.tldr.is_none() => plan.tldr = Some(prose_block(body)?),
            "purpose" if plan.purpose.is_none() => plan.purpose = Some(prose_block(body)?),
            "phase_overview" if plan.phase_overview.is_none() => {
                plan.phase_overview = Some(PhaseOverview {
                    span,
                    ..overview(body)?
                });
            }
            "phases" if plan.phases.is_empty() => plan.phases = phases(body, report)?,
            "technical_specifications" if plan.technical_specifications.is_none() => {
                plan.technical_specifications = Some(TechnicalSpecifications {
                    span,
                    ..specifications(body, report)?
                });
            }
            "testing_strategy" if plan.testing_strategy.is_none() => {
                plan.testing_strategy = Some(TestingStrategy {
                    span,
                    ..testing(body, report)?
                });
            }
            "rollout_plan" if plan.rollout_plan.is_none() => {
                plan.rollout_plan = Some(RolloutPlan {
                    span,
                    ..rollout(body, report)?
                });
            }
            "success_criteria" if plan.success_criteria.is_none() => {
                plan.success_criteria = Some(SuccessCriteria {
                    span,
                    ..criteria(body, report)?
                });
            }
            "notes" if plan.notes.is_none() => {
                plan.notes = Some(NotesAndConsiderations {
                    span,
                    ..notes(body, report)?
                });
            }
            _ => return None,
        }
        Some(())
    }

    fn slots(&mut self) -> crate::driver::Slots<'_, Phase> {
        crate::driver::slots!(self)
    }

    /// A section that still holds a closing `---` and `**Usage**: ...` pair: read into
    /// typed fields, the pair could be rendered last and then read back as the plan's
    /// usage line.
    fn kept_as_written(part: &Part<'_>) -> bool {
        holds_usage(part.text)
    }

    /// A section whose title names nothing the template has is a typed list or checklist
    /// section when its content is one; one not titled as a template section may be a
    /// section of phases (`## Backend` over `### Phase 1: ...`). What else is kept, is kept
    /// verbatim and stays last: placed before the template section that follows it, it
    /// could come before the phases once rendered, and be read back as one.
    fn keep(&mut self, part: &Part<'_>, title: Title, report: &mut Report<'_>) {
        if title == Title::Other
            && let Some(group) = top_group(part, report)
        {
            crate::sections::top_groups!(self).push(group);
        } else if title != Title::Section
            && let Some(section) = phase_section(part, report)
        {
            self.phase_sections.push(section);
        } else {
            report.kept_verbatim(part.text);
            self.extra_sections.push(crate::lines::kept(part.text));
        }
    }
}

fn phases(body: &str, report: &mut Report<'_>) -> Option<Vec<Phase>> {
    let (intro, parts) = split(body, 3);
    if !crate::lines::blank(intro) || parts.is_empty() {
        return None;
    }
    parts.iter().map(|part| phase(part, 3, report)).collect()
}

/// `Phase 1: Name`, `Stage 8.1: Name`, `Step 2: Name`, or with words between the number
/// and the colon (`Phase 7.2 初期実装: Name`, the name then taking them in): the number and
/// the name.
fn phase_title(title: &str) -> Option<(&str, &str)> {
    ["Phase ", "Stage ", "Step "].iter().find_map(|word| {
        numbered_title(title, word).or_else(|| {
            let (number, name) = title.strip_prefix(word)?.split_once(' ')?;
            let plain = number.starts_with(|c: char| c.is_ascii_digit())
                && number
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            (plain && name.contains(": ") && !name.starts_with(": ")).then_some((number, name))
        })
    })
}

/// A top-level section the template does not name whose `###` sub-sections are phases
/// (the others kept after them); `None` when none reads as one or its intro is not prose.
fn phase_section(part: &Part<'_>, report: &mut Report<'_>) -> Option<PhaseSection> {
    let body = without_rule(part.body);
    let (intro, parts) = split(body, 3);
    if !parts.iter().any(|sub| phase_title(sub.title).is_some()) {
        return None;
    }
    let intro = if crate::lines::blank(intro) {
        None
    } else {
        Some(prose_block(intro)?)
    };
    // What the phases report stands only when the section is read as one.
    let reported = report.diagnostics.len();
    let mut section = PhaseSection::builder().name(part.title).build();
    section.span = crate::lines::span(part.text);
    section.intro = intro;
    for sub in &parts {
        match phase(sub, 3, report) {
            Some(phase) => section.phases.push(phase),
            None => {
                report.kept_verbatim(sub.text);
                section.extra.push(verbatim(without_rule(sub.text)));
            }
        }
    }
    if section.phases.is_empty() {
        report.diagnostics.truncate(reported);
        return None;
    }
    Some(section)
}

/// A top-level section's title when it names a phase, after any emoji or numbering
/// (`Phase 1: Name`, `🚨 Phase 5: Name`, `三、Stage 24.1：Name`): the number and the name.
fn top_phase_title(title: &str) -> Option<(&str, &str)> {
    let start = title.find(|c: char| c.is_ascii_alphabetic())?;
    crate::sections::phase_heading(&title[start..])
}

/// Which part of a phase a sub-section is, by its heading's key: `objective`,
/// `current_state`, `tests` or `implementation`.
fn phase_part(key: &str) -> Option<&'static str> {
    Some(match key {
        "objective" | "objectives" | "goal" | "goals" | "目标" | "目標" => "objective",
        "current state" | "current problems" | "current problem" | "current issues"
        | "problems" | "problem" | "当前问题" | "现状" | "現状" | "現状の問題" | "問題点" => {
            "current_state"
        }
        "tests" | "testing" | "test scenarios" | "test scenarios tdd" | "test plan" | "テスト"
        | "测试" => "tests",
        "implementation details"
        | "implementation"
        | "実装詳細"
        | "実施内容"
        | "实现细节"
        | "实施内容" => "implementation",
        "approach" | "strategy" | "solution" | "solution approach" | "方針" | "方针"
        | "解決方針" | "解决方针" | "対応方針" | "対応戦略" | "解决方案" | "方案" => {
            "approach"
        }
        "results" | "result" | "outcome" | "outcomes" | "expected outcome"
        | "expected outcomes" | "expected results" | "成果" | "結果" | "结果" | "達成効果"
        | "达成效果" | "期待効果" | "预期效果" | "预期成果" => "outcome",
        _ => return None,
    })
}

/// A phase whose heading is at `level`: `### Phase 1: Name` under `## Implementation
/// Steps` (its steps `####`), or a top-level `## Phase 1: Name` (level 2, its steps
/// `###`, or `####` under one `###` sub-section that holds only steps).
fn phase(part: &Part<'_>, level: usize, report: &mut Report<'_>) -> Option<Phase> {
    let (number, name) = if level == 2 {
        top_phase_title(part.title)?
    } else {
        phase_title(part.title)?
    };
    let mut phase = Phase::builder()
        .number(number)
        .name(name.trim_end())
        .build();
    phase.span = crate::lines::span(part.text);
    let heading = first_line(part.text);
    if heading != format!("### Phase {number}: {}", phase.name) {
        phase.heading = Some(heading.to_owned());
    }
    let (intro, subs) = split(without_rule(part.body), level + 1);
    let lines: Vec<&str> = content_lines(intro).collect();
    match lines.as_slice() {
        [] => {}
        [line] if bold_line(line).is_some_and(|(key, _)| key == "Objective") => {
            phase.objective = bold_line(line).map(|(_, text)| text.to_owned());
        }
        _ => phase.intro = Some(prose_block(intro)?),
    }
    for part in &subs {
        if phase.headings.get("steps").is_none()
            && let Some(step) = step(part)
        {
            phase.steps.push(step);
            continue;
        }
        let body = without_rule(part.body);
        let line = first_line(part.text);
        if let Some(key) = phase_part(&title_key(part.title))
            && let Some(text) = prose_block(body)
        {
            let slot = match key {
                "objective" => &mut phase.objective,
                "current_state" => &mut phase.current_state,
                "tests" => &mut phase.tests,
                "approach" => &mut phase.approach,
                "outcome" => &mut phase.outcome,
                _ => &mut phase.implementation,
            };
            if slot.is_none() {
                *slot = Some(text);
                phase.headings.insert(key.to_owned(), line.to_owned());
                continue;
            }
        }
        if level == 2
            && phase.steps.is_empty()
            && let Some(steps) = step_container(body)
        {
            phase.steps = steps;
            phase.headings.insert("steps".to_owned(), line.to_owned());
            continue;
        }
        if step_title(part.title).is_none() {
            if let Some(group) = crate::lines::group_of(part) {
                phase.groups.push(group);
                continue;
            }
            if let Some(items) = crate::lines::checklist_items(body) {
                phase.checklists.push(plan_model::ChecklistGroup {
                    name: part.title.to_owned(),
                    items,
                    span: crate::lines::span(part.text),
                    before: None,
                    position: None,
                });
                continue;
            }
        }
        report.kept_verbatim(part.text);
        phase.extra.push(verbatim(without_rule(part.text)));
    }
    Some(phase)
}

/// The `####` steps of a top-level phase's sub-section that holds nothing else.
fn step_container(body: &str) -> Option<Vec<Step>> {
    let (intro, parts) = split(body, 4);
    if !crate::lines::blank(intro) || parts.is_empty() {
        return None;
    }
    parts.iter().map(step).collect()
}

/// `Step 1.1: Name`, `1.1 Name`, `1.1: Name`, `Step 2: Name`: the number and the name.
fn step_title(title: &str) -> Option<(&str, &str)> {
    // A sub-phase (`**Phase 6.1: Name**`, bold or not) is a step of its phase; written
    // with its colon, so that `Phase 1 Success Criteria` is not one.
    let unbolded = title
        .strip_prefix("**")
        .and_then(|inner| inner.strip_suffix("**"))
        .unwrap_or(title);
    if let Some(rest) = unbolded.strip_prefix("Phase ") {
        let (number, name) = rest.split_once(": ")?;
        let plain = number.starts_with(|c: char| c.is_ascii_digit())
            && number.contains('.')
            && number
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        return (plain && !crate::lines::blank(name)).then_some((number, name));
    }
    let rest = title.strip_prefix("Step ").unwrap_or(title);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(rest.len());
    let (number, after) = rest.split_at(end);
    let number = number.strip_suffix('.').unwrap_or(number);
    let name = after
        .strip_prefix(": ")
        .or_else(|| after.strip_prefix(". "))
        .or_else(|| after.strip_prefix(' '))?;
    (number.starts_with(|c: char| c.is_ascii_digit()) && !crate::lines::blank(name))
        .then_some((number, name))
}

fn step(part: &Part<'_>) -> Option<Step> {
    let (number, name) = step_title(part.title)?;
    let mut step = Step::builder().number(number).name(name.trim_end()).build();
    step.span = crate::lines::span(part.text);
    let heading = first_line(part.text);
    if heading != format!("#### Step {number}: {}", step.name) {
        step.heading = Some(heading.to_owned());
    }
    let body = without_rule(part.body);
    if let Some(tasks) = crate::lines::checklist_items(body) {
        step.tasks = tasks;
        step.bare_tasks = true;
    } else if let Some((pairs, tasks)) = bold_bullets(body) {
        let mut pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(key, value)| (*key, value.as_str()))
            .collect();
        step.description = take(&mut pairs, "Description");
        step.files = take(&mut pairs, "Files to Create/Modify");
        step.dependencies = take(&mut pairs, "Dependencies");
        step.validation = take(&mut pairs, "Validation");
        step.other = rest(pairs);
        step.tasks = tasks;
    } else if !crate::lines::blank(body) {
        // Its own sub-sections, deeper than its heading, are part of what it says.
        let level = heading.bytes().take_while(|&byte| byte == b'#').count();
        step.details = Some(crate::lines::prose_under(body, level)?);
    }
    // A step read back must find the same heading: a number the title parse would read
    // differently is not typed.
    (step_title(&format!("Step {}: {}", step.number, step.name))
        == Some((step.number.as_str(), step.name.as_str())))
    .then_some(step)
}

/// Labels and their values, in source order.
type Labeled<'a> = Vec<(&'a str, String)>;

/// `- **Label**: value` bullets, each value going on over indented lines, as labels and
/// values in order; a `- **Tasks**:` bullet holding only nested `  - [ ]` items gives the
/// tasks. `None` when a line is neither, a label repeats, or a value hides a checkbox.
fn bold_bullets(body: &str) -> Option<(Labeled<'_>, Vec<plan_model::ChecklistItem>)> {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut tasks = None;
    let mut in_tasks = false;
    for line in content_lines(body) {
        if let Some(item) = line.strip_prefix("- ") {
            let (label, value) = bold_line(item)?;
            if !item.starts_with("**") || pairs.iter().any(|(key, _)| *key == label) {
                return None;
            }
            in_tasks = label == "Tasks" && value.is_empty() && tasks.is_none();
            if in_tasks {
                tasks = Some(Vec::new());
            } else {
                pairs.push((label, value.to_owned()));
            }
        } else if line.starts_with("  ") {
            if in_tasks {
                let item = crate::lines::checkbox(line.strip_prefix("  ")?)?;
                tasks.as_mut()?.push(item);
            } else {
                if plan_model::markdown::checkbox_marker(line).is_some() {
                    return None;
                }
                let (_, value) = pairs.last_mut()?;
                value.push('\n');
                value.push_str(line);
            }
        } else {
            return None;
        }
    }
    if tasks.as_ref().is_some_and(Vec::is_empty) {
        // `- **Tasks**:` with nothing under it would not come back.
        return None;
    }
    let tasks = tasks.unwrap_or_default();
    (!pairs.is_empty() || !tasks.is_empty()).then_some((pairs, tasks))
}

/// `Phase 1: Name` -> (`1`, `Name`).
fn numbered_title<'a>(title: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let (number, name) = title.strip_prefix(word)?.split_once(": ")?;
    (!number.is_empty() && !number.contains(' ')).then_some((number, name))
}

/// A section's `###` sub-sections: each one `read` takes (it says whether it did), the
/// others as the shared reading has them ([`crate::sections::subsections`]).
fn subsections<'a>(
    body: &'a str,
    known: &[&str],
    mut read: impl FnMut(&str, &str) -> bool,
) -> Option<crate::sections::Subsections<'a>> {
    crate::sections::subsections(body, 3, known, true, |title, body| {
        read(title, body).then_some(())
    })
}

/// Stores `value` in `slot` when the slot is empty and there is a value.
fn fill<T>(slot: &mut Vec<T>, value: Option<Vec<T>>) -> bool {
    match value {
        Some(value) if slot.is_empty() && !value.is_empty() => {
            *slot = value;
            true
        }
        _ => false,
    }
}

fn specifications(body: &str, report: &mut Report<'_>) -> Option<TechnicalSpecifications> {
    let mut specs = TechnicalSpecifications::builder().build();
    let subs = subsections(
        body,
        &["Architecture Changes", "Data Models", "Integration Points"],
        |title, body| match title {
            "Architecture Changes" => fill(&mut specs.architecture_changes, bullets(body)),
            "Data Models" => fill(&mut specs.data_models, bullets(body)),
            "Integration Points" => fill(&mut specs.integration_points, bullets(body)),
            _ => false,
        },
    )?;
    (specs.intro, specs.groups, specs.checklists, specs.extra) = subs.finish(report);
    Some(specs)
}

fn testing(body: &str, report: &mut Report<'_>) -> Option<TestingStrategy> {
    let mut testing = TestingStrategy::builder().build();
    let subs = subsections(
        body,
        &["Unit Tests", "Integration Tests", "Manual Testing"],
        |title, body| match title {
            "Unit Tests" => fill(&mut testing.unit_tests, checklist(body)),
            "Integration Tests" => fill(&mut testing.integration_tests, checklist(body)),
            "Manual Testing" => fill(&mut testing.manual_testing, checklist(body)),
            _ => false,
        },
    )?;
    (
        testing.intro,
        testing.groups,
        testing.checklists,
        testing.extra,
    ) = subs.finish(report);
    Some(testing)
}

fn rollout(body: &str, report: &mut Report<'_>) -> Option<RolloutPlan> {
    let mut rollout = RolloutPlan::builder().build();
    let subs = subsections(
        body,
        &["Phase Rollout", "Rollback Plan"],
        |title, body| match title {
            "Phase Rollout" => fill(&mut rollout.phase_rollout, rollout_phases(body)),
            "Rollback Plan" => fill(&mut rollout.rollback_plan, bullets(body)),
            _ => false,
        },
    )?;
    (
        rollout.intro,
        rollout.groups,
        rollout.checklists,
        rollout.extra,
    ) = subs.finish(report);
    Some(rollout)
}

/// `1. **Phase 1**: [Description] - [Validation criteria]`, numbered from 1.
fn rollout_phases(body: &str) -> Option<Vec<RolloutPhase>> {
    content_lines(body)
        .enumerate()
        .map(|(index, line)| {
            let (number, text) = numbered(line)?;
            if number != index + 1 {
                return None;
            }
            let (name, text) = bold_line(text)?;
            let (description, validation) = match text.split_once(" - ") {
                Some((description, validation)) => (description, Some(validation.to_owned())),
                None => (text, None),
            };
            Some(RolloutPhase {
                name: name.to_owned(),
                description: description.to_owned(),
                validation,
                span: crate::lines::span(line),
            })
        })
        .collect()
}

fn criteria(body: &str, report: &mut Report<'_>) -> Option<SuccessCriteria> {
    let mut criteria = SuccessCriteria::builder().build();
    let subs = subsections(
        body,
        &["Technical Success", "Functional Success"],
        |title, body| match title {
            "Technical Success" => fill(&mut criteria.technical, checklist(body)),
            "Functional Success" => fill(&mut criteria.functional, checklist(body)),
            _ => false,
        },
    )?;
    (
        criteria.intro,
        criteria.groups,
        criteria.checklists,
        criteria.extra,
    ) = subs.finish(report);
    Some(criteria)
}

fn notes(body: &str, report: &mut Report<'_>) -> Option<NotesAndConsiderations> {
    let mut notes = NotesAndConsiderations::builder().build();
    let subs = subsections(
        body,
        &["Implementation Notes", "Future Enhancements"],
        |title, body| match title {
            "Implementation Notes" => fill(&mut notes.implementation_notes, bullets(body)),
            "Future Enhancements" => fill(&mut notes.future_enhancements, bullets(body)),
            _ => false,
        },
    )?;
    (notes.intro, notes.groups, notes.checklists, notes.extra) = subs.finish(report);
    Some(notes)
}
