//! The `scoped` layout: a bold metadata block, sections between `---` rules, and phases
//! that each end with a rule.

use std::borrow::Cow;
use std::fmt::Write as _;

use plan_model::scoped::{ChangeStep, Phase, ScopedPlan, ScopedSection, TestSuite};
use plan_model::{BulletGroup, Metadata, Risk};

use crate::writer::{
    Doc, bullets, checklist, heading, labeled, line, prose as intro, section, table,
};

/// Renders a `scoped` plan in the template's layout.
///
/// ```
/// use plan_model::scoped::ScopedPlan;
/// let plan = ScopedPlan::builder().title("Search").overview("Add search.").build();
/// assert_eq!(
///     plan_render::render_scoped(&plan),
///     "# Implementation Plan: Search\n\n---\n\n## Overview\n\nAdd search.\n"
/// );
/// ```
pub fn render_scoped(plan: &ScopedPlan) -> String {
    let mut doc = Doc::with_kept(&plan.extra_sections, true).with_groups(
        &plan.list_sections,
        &plan.checklist_sections,
        &plan.group_sections,
    );
    match plan.headings.get("title") {
        Some(title) => doc.text(title),
        None => doc.heading(1, &format!("Implementation Plan: {}", plan.title)),
    }
    let date = plan.date.as_ref().map(|date| date.to_text());
    let status = plan.status.as_ref().map(|status| status.to_text());
    metadata_block(
        &mut doc,
        &[
            ("Date", date.as_deref()),
            ("Author", plan.author.as_deref()),
            ("Status", status.as_deref()),
        ],
        &plan.metadata,
    );
    if let Some(intro) = &plan.intro {
        doc.text(intro);
    }
    let headings = &plan.headings;
    if let Some(overview) = &plan.overview {
        section(&mut doc, headings, ScopedSection::Overview.name());
        doc.text(overview);
    }
    if let Some(current) = &plan.current_state {
        section(&mut doc, headings, ScopedSection::CurrentState.name());
        intro(&mut doc, &current.intro);
        for (index, component) in current.what_exists.iter().enumerate() {
            let out = doc.block();
            if index == 0 {
                heading(out, 3, "What Exists");
            }
            let _ = write!(out, "- **{}**", component.name);
            match &component.description {
                Some(description) => line(out, &format!(": {description}")),
                None => out.push('\n'),
            }
            if let Some(file) = &component.file {
                line(out, &format!("  - File: `{file}`"));
            }
            if let Some(behavior) = &component.current_behavior {
                line(out, &format!("  - Current behavior: {behavior}"));
            }
        }
        bullet_section(&mut doc, "What's Missing", &current.whats_missing);
        if let Some(constraints) = &current.constraints {
            let out = doc.block();
            heading(out, 3, "Constraints & Considerations");
            for (label, value) in [
                ("Technical", &constraints.technical),
                ("Business", &constraints.business),
                (
                    "Backwards Compatibility",
                    &constraints.backwards_compatibility,
                ),
                ("Security/Privacy", &constraints.security_privacy),
            ] {
                if let Some(value) = value {
                    out.push_str("- ");
                    labeled(out, Some(label), value);
                }
            }
            for (label, value) in &constraints.other {
                out.push_str("- ");
                labeled(out, Some(label), value);
            }
        }
        groups(&mut doc, &current.groups);
        doc.verbatim(&current.extra);
    }
    if let Some(end_state) = &plan.desired_end_state {
        section(&mut doc, headings, ScopedSection::DesiredEndState.name());
        intro(&mut doc, &end_state.intro);
        if let Some(definition) = &end_state.success_definition {
            let out = doc.block();
            heading(out, 3, "Success Definition");
            line(out, definition);
        }
        if !end_state.key_outcomes.is_empty() {
            let out = doc.block();
            heading(out, 3, "Key Outcomes");
            crate::writer::numbered(out, &end_state.key_outcomes);
        }
        groups(&mut doc, &end_state.groups);
        doc.verbatim(&end_state.extra);
    }
    if !plan.key_discoveries.is_empty() {
        section(&mut doc, headings, ScopedSection::KeyDiscoveries.name());
        for finding in &plan.key_discoveries {
            let out = doc.block();
            heading(
                out,
                3,
                &format!("Finding {}: {}", finding.number, finding.name),
            );
            if let Some(location) = &finding.location {
                line(out, &format!("**Location**: `{location}`"));
            }
            if let Some(insight) = &finding.insight {
                labeled(out, Some("Insight"), insight);
            }
            if let Some(implication) = &finding.implication {
                labeled(out, Some("Implication"), implication);
            }
        }
    }
    if let Some(not_doing) = &plan.not_doing {
        section(&mut doc, headings, ScopedSection::NotDoing.name());
        if let Some(intro) = &not_doing.intro {
            doc.text(intro);
        }
        if !not_doing.items.is_empty() {
            let out = doc.block();
            for item in &not_doing.items {
                match &item.exclusion {
                    Some(exclusion) => {
                        let _ = write!(out, "- **{}**: {}", exclusion.to_text(), item.item);
                    }
                    None => {
                        let _ = write!(out, "- {}", item.item);
                    }
                }
                if let Some(reason) = &item.reason {
                    let _ = write!(out, " - {reason}");
                }
                out.push('\n');
            }
        }
    }
    if let Some(approach) = &plan.approach {
        section(&mut doc, headings, ScopedSection::Approach.name());
        intro(&mut doc, &approach.intro);
        if let Some(strategy) = &approach.high_level_strategy {
            let out = doc.block();
            heading(out, 3, "High-Level Strategy");
            line(out, strategy);
        }
        if !approach.architecture_decisions.is_empty() {
            let out = doc.block();
            heading(out, 3, "Architecture Decisions");
            for decision in &approach.architecture_decisions {
                let _ = write!(out, "- **{}**: {}", decision.label, decision.choice);
                if let Some(rationale) = &decision.rationale {
                    let _ = write!(out, " - {rationale}");
                }
                out.push('\n');
            }
        }
        if !approach.risk_mitigation.is_empty() {
            let out = doc.block();
            heading(out, 3, "Risk Mitigation");
            for risk in &approach.risk_mitigation {
                risk_line(out, risk);
            }
        }
        groups(&mut doc, &approach.groups);
        doc.verbatim(&approach.extra);
    }
    if plan.phases_at_top {
        doc.kept_before(ScopedSection::Phases.key());
        for phase in &plan.phases {
            doc.section_break();
            render_phase(&mut doc, phase, 2);
        }
    } else if !plan.phases.is_empty() {
        section(&mut doc, headings, ScopedSection::Phases.name());
        for phase in &plan.phases {
            render_phase(&mut doc, phase, 3);
            doc.rule();
        }
    }
    if let Some(testing) = &plan.testing_strategy {
        section(&mut doc, headings, ScopedSection::TestingStrategy.name());
        intro(&mut doc, &testing.intro);
        for (title, suite) in [
            ("Unit Tests", &testing.unit_tests),
            ("Integration Tests", &testing.integration_tests),
        ] {
            if let Some(suite) = suite {
                test_suite(doc.block(), title, suite);
            }
        }
        if !testing.manual_testing.is_empty() {
            let out = doc.block();
            heading(out, 3, "Manual Testing");
            checklist(out, "", &testing.manual_testing);
        }
        groups(&mut doc, &testing.groups);
        doc.verbatim(&testing.extra);
    }
    if let Some(rollout) = &plan.rollout {
        section(&mut doc, headings, ScopedSection::Rollout.name());
        intro(&mut doc, &rollout.intro);
        bullet_section(
            &mut doc,
            "Deployment Strategy",
            &rollout.deployment_strategy,
        );
        if let Some(rollback) = &rollout.rollback_plan {
            labeled_bullets(
                &mut doc,
                "Rollback Plan",
                &[("Trigger", &rollback.trigger), ("Steps", &rollback.steps)],
            );
        }
        if let Some(monitoring) = &rollout.monitoring {
            labeled_bullets(
                &mut doc,
                "Monitoring",
                &[
                    ("Metrics to watch", &monitoring.metrics),
                    ("Alerts", &monitoring.alerts),
                ],
            );
        }
        groups(&mut doc, &rollout.groups);
        doc.verbatim(&rollout.extra);
    }
    if let Some(references) = &plan.references {
        section(&mut doc, headings, ScopedSection::References.name());
        intro(&mut doc, &references.intro);
        if !references.related_tickets.is_empty() {
            let out = doc.block();
            heading(out, 3, "Related Tickets");
            for ticket in &references.related_tickets {
                match &ticket.description {
                    Some(description) => line(out, &format!("- {}: {description}", ticket.id)),
                    None => line(out, &format!("- {}", ticket.id)),
                }
            }
        }
        bullet_section(&mut doc, "Research & Documentation", &references.research);
        if !references.code_references.is_empty() {
            let out = doc.block();
            heading(out, 3, "Code References");
            for reference in &references.code_references {
                line(
                    out,
                    &format!("- **{}**: `{}`", reference.label, reference.location),
                );
            }
        }
        groups(&mut doc, &references.groups);
        doc.verbatim(&references.extra);
    }
    if !plan.open_questions.is_empty() {
        section(&mut doc, headings, ScopedSection::OpenQuestions.name());
        let out = doc.block();
        for question in &plan.open_questions {
            out.push_str(crate::writer::checkbox(question.checked));
            match &question.resolution {
                Some(resolution) => line(
                    out,
                    &format!("~~{}~~ - **Resolved**: {resolution}", question.question),
                ),
                None => line(out, &question.question),
            }
        }
    }
    if !plan.change_log.is_empty() {
        section(&mut doc, headings, ScopedSection::ChangeLog.name());
        table(
            doc.block(),
            &["Date", "Author", "Change"],
            plan.change_log.iter().map(|entry| {
                [
                    entry.date.to_text(),
                    Cow::from(entry.author.as_str()),
                    Cow::from(entry.change.as_str()),
                ]
            }),
        );
    }
    if let Some(log) = &plan.progress {
        section(&mut doc, headings, ScopedSection::Progress.name());
        intro(&mut doc, &log.intro);
        for phase in &log.phases {
            doc.heading(3, &phase.name);
            for group in &phase.groups {
                if !group.name.is_empty() {
                    doc.heading(4, &group.name);
                }
                checklist(doc.block(), "", &group.items);
            }
        }
    }
    doc.kept_rest();
    doc.finish()
}

/// The bold `**Key:** value` lines under the title, typed keys first, then the others.
pub(crate) fn metadata_block(doc: &mut Doc, typed: &[(&str, Option<&str>)], other: &Metadata) {
    let present = typed
        .iter()
        .filter_map(|(key, value)| Some((*key, (*value)?)));
    let mut lines = present
        .chain(
            other
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
        .peekable();
    if lines.peek().is_some() {
        let out = doc.block();
        for (key, value) in lines {
            line(out, &format!("**{key}:** {value}"));
        }
    }
}

/// `### name` directly followed by its items, for each group.
fn groups(doc: &mut Doc, groups: &[BulletGroup]) {
    crate::writer::list_groups(doc, 3, groups);
}

/// A phase, its heading at `level` (3 under `## Implementation Phases`, 2 when the plan's
/// phases are sections of their own).
fn render_phase(doc: &mut Doc, phase: &Phase, level: usize) {
    match &phase.heading {
        Some(heading) => doc.text(heading),
        None => doc.heading(level, &format!("Phase {}: {}", phase.number, phase.name)),
    }
    let headings = &phase.headings;
    if let Some(overview) = &phase.overview {
        match headings.get("overview") {
            Some(heading) => {
                doc.text(heading);
                doc.text(overview);
            }
            None => doc.text(&format!("**Overview**: {overview}")),
        }
    }
    let changes_heading = headings.get("changes");
    if let Some(heading) = changes_heading
        && (!phase.changes.is_empty() || !phase.change_steps.is_empty())
    {
        doc.text(heading);
    }
    for (index, change) in phase.changes.iter().enumerate() {
        let out = doc.block();
        if index == 0 && changes_heading.is_none() {
            line(out, "**Changes Required**:");
        }
        line(out, &format!("{}. **File**: `{}`", index + 1, change.file));
        if let Some(what) = &change.change {
            line(out, &format!("   - **Change**: {what}"));
        }
        if let Some(why) = &change.why {
            line(out, &format!("   - **Why**: {why}"));
        }
    }
    for step in &phase.change_steps {
        change_step(doc, step, level + 2);
    }
    if let Some(criteria) = &phase.success_criteria {
        let criteria_heading = headings.get("success_criteria");
        if let Some(heading) = criteria_heading {
            doc.text(heading);
        }
        let mut first = criteria_heading.is_none();
        for (key, label, items) in [
            ("automated", "Automated", &criteria.automated),
            ("manual", "Manual", &criteria.manual),
        ] {
            if items.is_empty() {
                continue;
            }
            if let Some(heading) = headings.get(key) {
                doc.text(heading);
                let out = doc.block();
                if criteria.bullets {
                    let texts = items.iter().map(|item| &item.text);
                    bullets(out, "", texts);
                } else {
                    checklist(out, "", items);
                }
                continue;
            }
            let out = doc.block();
            if std::mem::take(&mut first) {
                line(out, "**Success Criteria**:");
            }
            line(out, &format!("- **{label}**:"));
            if criteria.bullets {
                bullets(out, "  ", items.iter().map(|item| &item.text));
            } else {
                checklist(out, "  ", items);
            }
        }
    }
    if let Some(gate) = &phase.confirmation_gate {
        doc.text(&format!("**Confirmation Gate**: {gate}"));
    }
    doc.verbatim(&phase.extra);
}

/// `#### N. Title`, its `**File**:` line and its details.
fn change_step(doc: &mut Doc, step: &ChangeStep, level: usize) {
    match &step.heading {
        Some(heading) => doc.text(heading),
        None => doc.heading(level, &format!("{}. {}", step.number, step.title)),
    }
    if let Some(file) = &step.file {
        let note = step
            .file_note
            .as_ref()
            .map(|note| format!(" {note}"))
            .unwrap_or_default();
        doc.text(&format!("**File**: `{file}`{note}"));
    }
    if let Some(details) = &step.details {
        doc.text(details);
    }
}

fn test_suite(out: &mut String, title: &str, suite: &TestSuite) {
    heading(out, 3, title);
    if let Some(location) = &suite.location {
        line(out, &format!("- **Location**: `{location}`"));
    }
    if let Some(coverage) = &suite.coverage {
        line(out, &format!("- **Coverage**: {coverage}"));
    }
    checklist(out, "  ", &suite.cases);
}

/// `- **Risk**: [issue] → **Mitigation**: [plan]`, with any other labels after it.
fn risk_line(out: &mut String, risk: &Risk) {
    let _ = write!(out, "- **Risk**: {}", risk.risk);
    let levels = [("Impact", &risk.impact), ("Likelihood", &risk.likelihood)];
    for (label, level) in levels {
        if let Some(level) = level {
            let _ = write!(out, " → **{label}**: {}", level.to_text());
        }
    }
    for (label, value) in [
        ("Mitigation", &risk.mitigation),
        ("Contingency", &risk.contingency),
    ] {
        if let Some(value) = value {
            let _ = write!(out, " → **{label}**: {value}");
        }
    }
    for (label, value) in &risk.other {
        let _ = write!(out, " → **{label}**: {value}");
    }
    out.push('\n');
}

/// `### title` directly followed by its bullets; nothing when there are none.
fn bullet_section(doc: &mut Doc, title: &str, items: &[String]) {
    if !items.is_empty() {
        let out = doc.block();
        heading(out, 3, title);
        bullets(out, "", items);
    }
}

/// `### title` directly followed by `- **label**: value` for each present value.
fn labeled_bullets(doc: &mut Doc, title: &str, items: &[(&str, &Option<String>)]) {
    let out = doc.block();
    heading(out, 3, title);
    for (label, value) in items {
        if let Some(value) = value {
            out.push_str("- ");
            labeled(out, Some(label), value);
        }
    }
}
