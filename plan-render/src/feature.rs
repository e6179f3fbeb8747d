//! The `feature` layout: a bold metadata block, sections between `---` rules, phases of
//! `####` subsections that each end with a rule, and an optional closing HTML comment.

use std::borrow::Cow;
use std::fmt::Write as _;

use plan_model::Risk;
use plan_model::feature::{FeaturePlan, FeatureSection, Phase, Task};

use crate::scoped::metadata_block;
use crate::writer::{
    Doc, bullets, checkbox, checklist, checklist_groups, code, heading, labeled, line, list_groups,
    prose, risk_table, section, table,
};

/// Renders a `feature` plan in the template's layout.
///
/// ```
/// use plan_model::feature::FeaturePlan;
/// let plan = FeaturePlan::builder().title("Search").branch("feature/search").build();
/// assert_eq!(
///     plan_render::render_feature(&plan),
///     "# Implementation Plan: Search\n\n**Branch:** `feature/search`\n"
/// );
/// ```
pub fn render_feature(plan: &FeaturePlan) -> String {
    let mut doc = Doc::with_kept(&plan.extra_sections, true).with_groups(
        &plan.list_sections,
        &plan.checklist_sections,
        &plan.group_sections,
    );
    match plan.headings.get("title") {
        Some(title) => doc.text(title),
        None => doc.heading(1, &format!("Implementation Plan: {}", plan.title)),
    }
    let branch = plan.branch.as_ref().map(|branch| format!("`{branch}`"));
    let start = plan.start_date.as_ref().map(|date| date.to_text());
    let target = plan.target_completion.as_ref().map(|date| date.to_text());
    metadata_block(
        &mut doc,
        &[
            ("Feature", plan.feature.as_deref()),
            ("Branch", branch.as_deref()),
            ("Estimated Duration", plan.estimated_duration.as_deref()),
            ("Start Date", start.as_deref()),
            ("Target Completion", target.as_deref()),
            ("Assignee", plan.assignee.as_deref()),
        ],
        &plan.metadata,
    );
    prose(&mut doc, &plan.intro);
    let headings = &plan.headings;
    if let Some(summary) = &plan.executive_summary {
        section(&mut doc, headings, FeatureSection::ExecutiveSummary.name());
        doc.text(summary);
    }
    if let Some(current) = &plan.current_state {
        section(&mut doc, headings, FeatureSection::CurrentState.name());
        prose(&mut doc, &current.intro);
        if let Some(structure) = &current.existing_code_structure {
            doc.heading(3, "Existing Code Structure");
            code(doc.block(), structure);
        }
        if !current.dependencies_to_modify.is_empty() {
            doc.heading(3, "Dependencies to Modify");
            let out = doc.block();
            for dependency in &current.dependencies_to_modify {
                match &dependency.change {
                    Some(change) => line(out, &format!("- {}: {change}", dependency.target)),
                    None => line(out, &format!("- {}", dependency.target)),
                }
            }
        }
        if !current.technical_debt.is_empty() {
            doc.heading(3, "Technical Debt Addressed");
            checklist(doc.block(), "", &current.technical_debt);
        }
        list_groups(&mut doc, 3, &current.groups);
        checklist_groups(&mut doc, 3, &current.checklists);
        doc.verbatim(&current.extra);
    }
    if plan.phases_at_top {
        doc.kept_before(FeatureSection::Phases.key());
        for phase in &plan.phases {
            doc.section_break();
            render_phase(&mut doc, phase, 2);
        }
    } else if !plan.phases.is_empty() {
        section(&mut doc, headings, FeatureSection::Phases.name());
        for phase in &plan.phases {
            render_phase(&mut doc, phase, 3);
            doc.rule();
        }
    }
    if let Some(risks) = &plan.risk_mitigation {
        section(&mut doc, headings, FeatureSection::RiskMitigation.name());
        prose(&mut doc, &risks.intro);
        if !risks.technical_risks.is_empty() {
            doc.heading(3, "Technical Risks");
            risk_table(doc.block(), "Probability", &risks.technical_risks);
        }
        for (title, list) in [
            ("Schedule Risks", &risks.schedule_risks),
            ("Resource Risks", &risks.resource_risks),
        ] {
            if !list.is_empty() {
                doc.heading(3, title);
                for risk in list {
                    risk_bullets(doc.block(), risk);
                }
            }
        }
        list_groups(&mut doc, 3, &risks.groups);
        checklist_groups(&mut doc, 3, &risks.checklists);
        doc.verbatim(&risks.extra);
    }
    if let Some(communication) = &plan.communication_plan {
        section(&mut doc, headings, FeatureSection::CommunicationPlan.name());
        prose(&mut doc, &communication.intro);
        if !communication.status_updates.is_empty() {
            doc.heading(3, "Status Updates");
            let out = doc.block();
            for update in &communication.status_updates {
                out.push_str("- ");
                labeled(out, Some(&update.label), &update.text);
            }
        }
        if !communication.escalation_path.is_empty() {
            doc.heading(3, "Escalation Path");
            crate::writer::numbered(doc.block(), &communication.escalation_path);
        }
        if !communication.review_points.is_empty() {
            doc.heading(3, "Review Points");
            checklist(doc.block(), "", &communication.review_points);
        }
        list_groups(&mut doc, 3, &communication.groups);
        checklist_groups(&mut doc, 3, &communication.checklists);
        doc.verbatim(&communication.extra);
    }
    if !plan.definition_of_done.is_empty() {
        section(&mut doc, headings, FeatureSection::DefinitionOfDone.name());
        for group in &plan.definition_of_done {
            let out = doc.block();
            heading(out, 3, &group.name);
            checklist(out, "", &group.items);
        }
    }
    if let Some(tracking) = &plan.progress_tracking {
        section(&mut doc, headings, FeatureSection::ProgressTracking.name());
        prose(&mut doc, &tracking.intro);
        if let Some(daily) = &tracking.daily_checklist {
            let out = doc.block();
            heading(out, 3, "Daily Checklist");
            code(out, daily);
        }
        if !tracking.phase_completion_log.is_empty() {
            doc.heading(3, "Phase Completion Log");
            table(
                doc.block(),
                &["Phase", "Planned End", "Actual End", "Notes"],
                tracking.phase_completion_log.iter().map(|entry| {
                    [
                        Cow::from(entry.phase.as_str()),
                        entry.planned_end.to_text(),
                        entry.actual_end.to_text(),
                        Cow::from(entry.notes.as_str()),
                    ]
                }),
            );
        }
        list_groups(&mut doc, 3, &tracking.groups);
        checklist_groups(&mut doc, 3, &tracking.checklists);
        doc.verbatim(&tracking.extra);
    }
    if let Some(lessons) = &plan.lessons_learned {
        section(&mut doc, headings, FeatureSection::LessonsLearned.name());
        if let Some(intro) = &lessons.intro {
            doc.text(intro);
        }
        for (title, items) in [
            ("What Worked Well", &lessons.what_worked_well),
            ("What Could Be Improved", &lessons.what_could_be_improved),
            ("Recommendations for Future", &lessons.recommendations),
        ] {
            if !items.is_empty() {
                let out = doc.block();
                heading(out, 3, title);
                bullets(out, "", items);
            }
        }
        list_groups(&mut doc, 3, &lessons.groups);
        checklist_groups(&mut doc, 3, &lessons.checklists);
        doc.verbatim(&lessons.extra);
    }
    if !plan.references.is_empty() {
        section(&mut doc, headings, FeatureSection::References.name());
        bullets(doc.block(), "", &plan.references);
    }
    if !plan.sign_off.is_empty() {
        section(&mut doc, headings, FeatureSection::SignOff.name());
        for group in &plan.sign_off {
            let out = doc.block();
            line(out, &format!("**{}:**", group.title));
            for signature in &group.signatures {
                let _ = write!(out, "- {}: {}", signature.role, signature.name);
                if let Some(date) = &signature.date {
                    let _ = write!(out, " - Date: {}", date.to_text());
                }
                out.push('\n');
            }
        }
    }
    doc.kept_rest();
    if let Some(comment) = &plan.closing_comment {
        // Written as kept: the template's comment has no newline after it.
        doc.block().push_str(comment);
    }
    doc.finish()
}

/// A phase, its heading at `level` (3 under `## Implementation Phases`, 2 when the plan's
/// phases are sections of their own); its sub-sections one level deeper.
fn render_phase(doc: &mut Doc, phase: &Phase, level: usize) {
    let out = doc.block();
    match &phase.heading {
        Some(heading) => line(out, heading),
        None => heading(
            out,
            level,
            &format!("Phase {}: {}", phase.number, phase.name),
        ),
    }
    if let Some(duration) = &phase.duration {
        line(out, &format!("**Duration:** {duration}"));
    }
    if let Some(status) = &phase.status {
        line(out, &format!("**Status:** {}", status.to_text()));
    }
    for (key, value) in &phase.other {
        line(out, &format!("**{key}:** {value}"));
    }
    prose(doc, &phase.intro);
    let level = level + 1;
    if !phase.objectives.is_empty() {
        let out = doc.block();
        heading(out, level, "Objectives");
        bullets(out, "", &phase.objectives);
    }
    for (index, task) in phase.tasks.iter().enumerate() {
        let out = doc.block();
        if index == 0 {
            heading(out, level, "Tasks");
        }
        render_task(out, task);
    }
    let nested = phase.task_sections_under_tasks
        && phase.tasks.is_empty()
        && !phase.task_sections.is_empty();
    if nested {
        doc.heading(level, "Tasks");
    }
    let task_level = if nested { level + 1 } else { level };
    for task in &phase.task_sections {
        let out = doc.block();
        match &task.heading {
            Some(heading) => line(out, heading),
            None => heading(
                out,
                task_level,
                &format!("Task {}: {}", task.number, task.name),
            ),
        }
        for (key, value) in &task.metadata {
            line(out, &format!("**{key}:** {value}"));
        }
        if !task.checklist.is_empty() {
            let out = doc.block();
            if let Some(label) = &task.checklist_label {
                line(out, label);
            }
            checklist(out, "", &task.checklist);
        }
        prose(doc, &task.details);
    }
    for (title, block) in [
        ("Code Structure", &phase.code_structure),
        ("Database Changes", &phase.database_changes),
    ] {
        if let Some(block) = block {
            doc.heading(level, title);
            code(doc.block(), block);
        }
    }
    if !phase.test_plan.is_empty() {
        doc.heading(level, "Test Plan");
        table(
            doc.block(),
            &[
                "Test Type",
                "Description",
                "Expected Result",
                "Actual Result",
            ],
            phase.test_plan.iter().map(|case| {
                [
                    Cow::from(case.test_type.as_str()),
                    Cow::from(case.description.as_str()),
                    Cow::from(case.expected_result.as_str()),
                    Cow::from(case.actual_result.as_str()),
                ]
            }),
        );
    }
    for (title, items) in [
        ("Documentation Checklist", &phase.documentation_checklist),
        ("Deliverables", &phase.deliverables),
        ("Success Criteria", &phase.success_criteria),
    ] {
        if !items.is_empty() {
            let out = doc.block();
            heading(out, level, title);
            checklist(out, "", items);
        }
    }
    list_groups(doc, level, &phase.groups);
    checklist_groups(doc, level, &phase.checklists);
    doc.verbatim(&phase.extra);
}

fn render_task(out: &mut String, task: &Task) {
    out.push_str(checkbox(task.checked));
    if let Some(number) = &task.number {
        let _ = write!(out, "**Task {number}**: ");
    }
    line(out, &task.title);
    if let Some(file) = &task.file {
        line(out, &format!("  - File: `{file}`"));
    }
    for (label, value) in [("Changes", &task.changes), ("Tests", &task.tests)] {
        if let Some(value) = value {
            line(out, &format!("  - {label}: {value}"));
        }
    }
    for detail in &task.details {
        match &detail.label {
            Some(label) => line(out, &format!("  - {label}: {}", detail.text)),
            None => line(out, &format!("  - {}", detail.text)),
        }
    }
}

/// One risk as `- **Risk**:`, `- **Mitigation**:` and `- **Contingency**:` bullets.
fn risk_bullets(out: &mut String, risk: &Risk) {
    labeled_bullet(out, "Risk", &risk.risk);
    for (label, level) in [("Impact", &risk.impact), ("Likelihood", &risk.likelihood)] {
        if let Some(level) = level {
            labeled_bullet(out, label, &level.to_text());
        }
    }
    for (label, value) in [
        ("Mitigation", &risk.mitigation),
        ("Contingency", &risk.contingency),
    ] {
        if let Some(value) = value {
            labeled_bullet(out, label, value);
        }
    }
    for (label, value) in &risk.other {
        labeled_bullet(out, label, value);
    }
}

fn labeled_bullet(out: &mut String, label: &str, text: &str) {
    out.push_str("- ");
    labeled(out, Some(label), text);
}
