//! The `stepwise` layout: sections separated by blank lines, phases of `####` steps with
//! bold bullets, and a closing `**Usage**` line after a rule.

use plan_model::stepwise::{Phase, Step, StepwisePlan, StepwiseSection};
use plan_model::{BulletGroup, ChecklistGroup, Headings, SectionName};

use crate::writer::{Doc, bullets, checklist, heading, labeled, prose};

/// Renders a `stepwise` plan in the template's layout.
///
/// ```
/// use plan_model::stepwise::StepwisePlan;
/// let plan = StepwisePlan::builder().title("Search").tldr("Add search.").build();
/// assert_eq!(
///     plan_render::render_stepwise(&plan),
///     "# Search\n\n## TLDR\n\nAdd search.\n"
/// );
/// ```
pub fn render_stepwise(plan: &StepwisePlan) -> String {
    let mut doc = Doc::with_kept(&plan.extra_sections, false).with_groups(
        &plan.list_sections,
        &plan.checklist_sections,
        &plan.group_sections,
    );
    doc.heading(1, &plan.title);
    if let Some(date) = &plan.last_updated {
        doc.text(&format!("Last Updated: {}", date.to_text()));
    }
    if let Some(description) = &plan.description {
        doc.text(description);
    }
    let headings = &plan.headings;
    for (name, text) in [
        (StepwiseSection::Tldr, &plan.tldr),
        (StepwiseSection::Purpose, &plan.purpose),
    ] {
        if let Some(text) = text {
            section(&mut doc, headings, name.name());
            doc.text(text);
        }
    }
    if let Some(overview) = &plan.phase_overview {
        section(&mut doc, headings, StepwiseSection::PhaseOverview.name());
        let out = doc.block();
        for (label, value) in [
            ("Phase Name", &overview.phase_name),
            ("Implementation Approach", &overview.implementation_approach),
            ("Dependencies", &overview.dependencies),
        ] {
            if let Some(value) = value {
                labeled(out, Some(label), value);
            }
        }
        for (label, value) in &overview.other {
            labeled(out, Some(label), value);
        }
    }
    if plan.phases_at_top {
        doc.kept_before(StepwiseSection::Phases.key());
        for phase in &plan.phases {
            render_phase(&mut doc, phase, 2);
        }
    } else if !plan.phases.is_empty() {
        section(&mut doc, headings, StepwiseSection::Phases.name());
        for phase in &plan.phases {
            render_phase(&mut doc, phase, 3);
        }
    }
    for section in &plan.phase_sections {
        doc.heading(2, &section.name);
        prose(&mut doc, &section.intro);
        for phase in &section.phases {
            render_phase(&mut doc, phase, 3);
        }
        doc.verbatim(&section.extra);
    }
    if let Some(specs) = &plan.technical_specifications {
        section(
            &mut doc,
            headings,
            StepwiseSection::TechnicalSpecifications.name(),
        );
        prose(&mut doc, &specs.intro);
        for (title, items) in [
            ("Architecture Changes", &specs.architecture_changes),
            ("Data Models", &specs.data_models),
            ("Integration Points", &specs.integration_points),
        ] {
            bullet_section(&mut doc, title, items);
        }
        groups(&mut doc, &specs.groups, &specs.checklists);
        doc.verbatim(&specs.extra);
    }
    if let Some(testing) = &plan.testing_strategy {
        section(&mut doc, headings, StepwiseSection::TestingStrategy.name());
        prose(&mut doc, &testing.intro);
        for (title, items) in [
            ("Unit Tests", &testing.unit_tests),
            ("Integration Tests", &testing.integration_tests),
            ("Manual Testing", &testing.manual_testing),
        ] {
            if !items.is_empty() {
                let out = doc.block();
                heading(out, 3, title);
                checklist(out, "", items);
            }
        }
        groups(&mut doc, &testing.groups, &testing.checklists);
        doc.verbatim(&testing.extra);
    }
    if let Some(rollout) = &plan.rollout_plan {
        section(&mut doc, headings, StepwiseSection::RolloutPlan.name());
        prose(&mut doc, &rollout.intro);
        if !rollout.phase_rollout.is_empty() {
            let out = doc.block();
            heading(out, 3, "Phase Rollout");
            for (index, phase) in rollout.phase_rollout.iter().enumerate() {
                out.push_str(&format!(
                    "{}. **{}**: {}",
                    index + 1,
                    phase.name,
                    phase.description
                ));
                if let Some(validation) = &phase.validation {
                    out.push_str(" - ");
                    out.push_str(validation);
                }
                out.push('\n');
            }
        }
        bullet_section(&mut doc, "Rollback Plan", &rollout.rollback_plan);
        groups(&mut doc, &rollout.groups, &rollout.checklists);
        doc.verbatim(&rollout.extra);
    }
    if let Some(criteria) = &plan.success_criteria {
        section(&mut doc, headings, StepwiseSection::SuccessCriteria.name());
        prose(&mut doc, &criteria.intro);
        for (title, items) in [
            ("Technical Success", &criteria.technical),
            ("Functional Success", &criteria.functional),
        ] {
            if !items.is_empty() {
                let out = doc.block();
                heading(out, 3, title);
                checklist(out, "", items);
            }
        }
        groups(&mut doc, &criteria.groups, &criteria.checklists);
        doc.verbatim(&criteria.extra);
    }
    if let Some(notes) = &plan.notes {
        section(&mut doc, headings, StepwiseSection::Notes.name());
        prose(&mut doc, &notes.intro);
        bullet_section(
            &mut doc,
            "Implementation Notes",
            &notes.implementation_notes,
        );
        bullet_section(&mut doc, "Future Enhancements", &notes.future_enhancements);
        groups(&mut doc, &notes.groups, &notes.checklists);
        doc.verbatim(&notes.extra);
    }
    doc.kept_rest();
    if let Some(usage) = &plan.usage {
        doc.rule();
        doc.text(&format!("**Usage**: {usage}"));
    }
    doc.finish()
}

/// A phase whose heading is at `level` (`###` under `## Implementation Steps`, `##` at the
/// top); its sub-sections one level below.
fn render_phase(doc: &mut Doc, phase: &Phase, level: usize) {
    let out = doc.block();
    match &phase.heading {
        Some(heading) => crate::writer::line(out, heading),
        None => heading(
            out,
            level,
            &format!("Phase {}: {}", phase.number, phase.name),
        ),
    }
    // The objective as a line of its own, or as a sub-section after the intro.
    let objective_heading = phase.headings.get("objective");
    if let Some(objective) = &phase.objective
        && objective_heading.is_none()
    {
        labeled(out, Some("Objective"), objective);
    }
    prose(doc, &phase.intro);
    if let (Some(objective), Some(line)) = (&phase.objective, objective_heading) {
        doc.text(line);
        doc.text(objective);
    }
    for (key, title, text) in [
        ("current_state", "Current State", &phase.current_state),
        ("approach", "Approach", &phase.approach),
        ("tests", "Tests", &phase.tests),
        (
            "implementation",
            "Implementation Details",
            &phase.implementation,
        ),
        ("outcome", "Outcome", &phase.outcome),
    ] {
        if let Some(text) = text {
            match phase.headings.get(key) {
                Some(line) => doc.text(line),
                None => doc.heading(level + 1, title),
            }
            doc.text(text);
        }
    }
    if let Some(line) = phase.headings.get("steps")
        && !phase.steps.is_empty()
    {
        doc.text(line);
    }
    for step in &phase.steps {
        render_step(doc, step);
    }
    crate::writer::list_groups(doc, level + 1, &phase.groups);
    crate::writer::checklist_groups(doc, level + 1, &phase.checklists);
    doc.verbatim(&phase.extra);
}

fn render_step(doc: &mut Doc, step: &Step) {
    let out = doc.block();
    match &step.heading {
        Some(heading) => crate::writer::line(out, heading),
        None => heading(out, 4, &format!("Step {}: {}", step.number, step.name)),
    }
    // Bare tasks are the step's whole content; beside anything else they go under their
    // `- **Tasks**:` bullet, where they read back.
    let bare = step.bare_tasks
        && !step.tasks.is_empty()
        && step.description.is_none()
        && step.files.is_none()
        && step.dependencies.is_none()
        && step.validation.is_none()
        && step.other.is_empty()
        && step.details.is_none();
    if bare {
        checklist(out, "", &step.tasks);
    }
    for (label, value) in [
        ("Description", &step.description),
        ("Files to Create/Modify", &step.files),
        ("Dependencies", &step.dependencies),
        ("Validation", &step.validation),
    ] {
        if let Some(value) = value {
            out.push_str("- ");
            labeled(out, Some(label), value);
        }
    }
    for (label, value) in &step.other {
        out.push_str("- ");
        labeled(out, Some(label), value);
    }
    if !bare && !step.tasks.is_empty() {
        out.push_str("- **Tasks**:\n");
        checklist(out, "  ", &step.tasks);
    }
    prose(doc, &step.details);
}

/// A section's heading: the author's line when the plan keeps one for `key`, else
/// `## title` (the stepwise layout has no rules between sections), after the kept
/// sections placed before it.
fn section(doc: &mut Doc, headings: &Headings, name: &SectionName) {
    doc.kept_before(name.key);
    match headings.get(name.key) {
        Some(heading) => doc.text(heading),
        None => doc.heading(2, name.title),
    }
}

/// A section's list and checklist groups, under `###` headings.
fn groups(doc: &mut Doc, lists: &[BulletGroup], checklists: &[ChecklistGroup]) {
    crate::writer::list_groups(doc, 3, lists);
    crate::writer::checklist_groups(doc, 3, checklists);
}

/// `### title` directly followed by its bullets; nothing when there are none.
fn bullet_section(doc: &mut Doc, title: &str, items: &[String]) {
    if !items.is_empty() {
        let out = doc.block();
        heading(out, 3, title);
        bullets(out, "", items);
    }
}
