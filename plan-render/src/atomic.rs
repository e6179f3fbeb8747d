//! The `atomic` layout: an optional preamble, the step's numbered components and
//! requirements, deep-dive detail sections with emoji headings, and usage notes.

use std::fmt::Write as _;

use plan_model::atomic::{
    AtomicPlan, AtomicSection, AtomicStepPart, AtomicUsagePart, Component, DetailBlock,
    DetailSection,
};

use crate::writer::{Doc, bullets, code, heading, line, list_items};

/// Renders an `atomic` plan in the template's layout.
///
/// ```
/// use plan_model::atomic::AtomicPlan;
/// let plan = AtomicPlan::builder().title("Storage").next_step("Write-ahead log").build();
/// assert_eq!(
///     plan_render::render_atomic(&plan),
///     "# Current Implementation Plan - Storage\n\n## Next Atomic Step: Write-ahead log\n"
/// );
/// ```
pub fn render_atomic(plan: &AtomicPlan) -> String {
    let mut doc = Doc::with_kept(&plan.extra_sections, true).with_groups(
        &plan.list_sections,
        &plan.checklist_sections,
        &plan.group_sections,
    );
    if let Some(title) = &plan.preamble_title {
        doc.heading(1, title);
        if let Some(guidelines) = &plan.guidelines {
            doc.heading(2, AtomicSection::Guidelines.title());
            doc.text(guidelines);
        }
        doc.rule();
    }
    match &plan.title_heading {
        Some(heading) => doc.text(heading),
        None => doc.heading(1, &format!("Current Implementation Plan - {}", plan.title)),
    }
    if plan.next_step_heading.is_some() || plan.next_step.is_some() {
        doc.kept_before(AtomicSection::NextStep.key());
    }
    match (&plan.next_step_heading, &plan.next_step) {
        (Some(heading), _) => doc.text(heading),
        (None, Some(step)) => {
            doc.heading(2, &format!("{}: {step}", AtomicSection::NextStep.title()))
        }
        (None, None) => {}
    }
    if let Some(summary) = &plan.summary {
        doc.text(summary);
    }
    let step_heading =
        |doc: &mut Doc, part: AtomicStepPart| match plan.step_headings.get(part.key()) {
            Some(line) => doc.text(line),
            None => doc.heading(3, part.title()),
        };
    if !plan.components.is_empty() {
        step_heading(&mut doc, AtomicStepPart::Components);
    }
    components(&mut doc, None, &plan.components);
    if !plan.implementation_requirements.is_empty() {
        step_heading(&mut doc, AtomicStepPart::ImplementationRequirements);
        for group in &plan.implementation_requirements {
            let out = doc.block();
            let suffix = group.suffix.as_deref().unwrap_or_default();
            heading(out, 4, &format!("{} Features{suffix}:", group.component));
            list_items(out, "", false, &group.requirements);
        }
    }
    if !plan.test_coverage.is_empty() {
        step_heading(&mut doc, AtomicStepPart::TestCoverage);
    }
    components(&mut doc, None, &plan.test_coverage);
    if !plan.dependencies.is_empty() {
        step_heading(&mut doc, AtomicStepPart::Dependencies);
        bullets(doc.block(), "", &plan.dependencies);
    }
    if !plan.success_criteria.is_empty() || plan.conclusion.is_some() {
        step_heading(&mut doc, AtomicStepPart::SuccessCriteria);
    }
    if !plan.success_criteria.is_empty() {
        list_items(doc.block(), "", false, &plan.success_criteria);
    }
    if let Some(conclusion) = &plan.conclusion {
        doc.text(conclusion);
    }
    crate::writer::list_groups(&mut doc, 3, &plan.step_groups);
    doc.verbatim(&plan.step_extra);
    // Guidelines without a preamble are a section of their own, after the step (text
    // written under the title is the step's).
    if plan.preamble_title.is_none()
        && let Some(guidelines) = &plan.guidelines
    {
        doc.kept_before(AtomicSection::Guidelines.key());
        doc.section_break();
        doc.heading(2, AtomicSection::Guidelines.title());
        doc.text(guidelines);
    }
    if !plan.further_details.is_empty() || !plan.further_details_extra.is_empty() {
        doc.kept_before(AtomicSection::FurtherDetails.key());
        doc.section_break();
        doc.heading(2, AtomicSection::FurtherDetails.title());
        for section in &plan.further_details {
            detail_section(&mut doc, section);
        }
        doc.verbatim(&plan.further_details_extra);
    }
    if let Some(notes) = &plan.usage_notes {
        doc.kept_before(AtomicSection::UsageNotes.key());
        doc.section_break();
        doc.heading(2, AtomicSection::UsageNotes.title());
        if !notes.section_guidelines.is_empty() {
            doc.heading(3, AtomicUsagePart::SectionGuidelines.title());
            for guideline in &notes.section_guidelines {
                let out = doc.block();
                let _ = write!(out, "**{}**:", guideline.section);
                match &guideline.text {
                    Some(text) => line(out, &format!(" {text}")),
                    None => out.push('\n'),
                }
                bullets(out, "", &guideline.items);
            }
        }
        if !notes.best_practices.is_empty() {
            doc.heading(3, AtomicUsagePart::BestPractices.title());
            let out = doc.block();
            for (index, practice) in notes.best_practices.iter().enumerate() {
                line(
                    out,
                    &format!("{}. **{}**: {}", index + 1, practice.label, practice.text),
                );
            }
        }
    }
    doc.kept_rest();
    doc.finish()
}

/// `### title` and one block per numbered component.
/// Numbered components, after a `### title` heading when there is one.
fn components(doc: &mut Doc, title: Option<&str>, components: &[Component]) {
    if components.is_empty() {
        return;
    }
    if let Some(title) = title {
        doc.heading(3, title);
    }
    for (index, component) in components.iter().enumerate() {
        let out = doc.block();
        let _ = write!(out, "{}. **{}**", index + 1, component.name);
        if let Some(path) = &component.path {
            let _ = write!(out, " (`{path}`)");
        }
        if let Some(note) = &component.note {
            let _ = write!(out, " *({note})*");
        }
        if let Some(suffix) = &component.suffix {
            let _ = write!(out, " {suffix}");
        }
        out.push('\n');
        bullets(
            out,
            component.indent.as_deref().unwrap_or("   "),
            &component.items,
        );
    }
}

fn detail_section(doc: &mut Doc, section: &DetailSection) {
    let title = match &section.icon {
        Some(icon) => format!("{icon} **{}**", section.title),
        None => format!("**{}**", section.title),
    };
    doc.heading(3, &title);
    for subsection in &section.subsections {
        let mut blocks = subsection.blocks.iter();
        let out = doc.block();
        heading(out, 4, &format!("**{}:**", subsection.title));
        // A block that opens with a bold label stands apart from the heading; any other
        // block starts on the heading's next line.
        if let Some(first) = subsection.blocks.first()
            && first.label.is_none()
        {
            detail_block(out, first);
            blocks.next();
        }
        for block in blocks {
            detail_block(doc.block(), block);
        }
    }
    doc.verbatim(&section.extra);
}

fn detail_block(out: &mut String, block: &DetailBlock) {
    if let Some(label) = &block.label {
        line(out, &format!("**{label}:**"));
    }
    if let Some(text) = &block.text {
        line(out, text);
    }
    list_items(out, "", block.ordered, &block.items);
    if let Some(block) = &block.code {
        code(out, block);
    }
}
