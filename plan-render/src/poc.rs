//! The `poc` layout: a progress callout, an attribute table, sections between `---` rules,
//! and steps of bold-labelled blocks that each end with a rule.

use std::borrow::Cow;
use std::fmt::Write as _;

use plan_model::poc::{
    Callout, CodeSnippet, Implementation, PocPlan, PocSection, Prerequisite, Step,
};
use plan_model::{CodeBlock, Span};

use crate::writer::{
    Doc, bullets, checklist, code, heading, line, list_items, one_line, risk_table, table,
};

/// Renders a `poc` plan in the template's layout.
///
/// ```
/// use plan_model::poc::PocPlan;
/// let plan = PocPlan::builder().title("Search").next_steps(vec!["Ship it".into()]).build();
/// assert_eq!(
///     plan_render::render_poc(&plan),
///     "# Search Implementation Plan\n\n---\n\n## Next Steps After Completion\n\n1. Ship it\n"
/// );
/// ```
pub fn render_poc(plan: &PocPlan) -> String {
    let mut doc = Doc::with_kept(&plan.extra_sections, true).with_groups(
        &plan.list_sections,
        &plan.checklist_sections,
        &plan.group_sections,
    );
    if plan.plain_title {
        doc.heading(1, &plan.title);
    } else {
        doc.heading(1, &format!("{} Implementation Plan", plan.title));
    }
    let track = plan.track_progress.as_ref().map(|text| Callout {
        icon: None,
        label: "Track Progress".to_owned(),
        text: text.clone(),
        span: Span::NONE,
    });
    let mut header = String::new();
    for (index, note) in plan.header_notes.iter().chain(&track).enumerate() {
        if index > 0 {
            header.push_str(">\n");
        }
        callout(&mut header, note);
    }
    if !header.is_empty() {
        doc.text(&header);
    }
    if let Some(overview) = &plan.overview {
        doc.kept_before(PocSection::Overview.key());
        doc.heading(2, PocSection::Overview.title());
        let rows = [
            ("Name", &overview.name),
            ("Proves", &overview.proves),
            (
                "Production-Grade Because",
                &overview.production_grade_because,
            ),
        ];
        let typed = rows
            .into_iter()
            .filter_map(|(key, value)| Some((key, value.as_deref()?)));
        let other = overview
            .other
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()));
        let rows: Vec<_> = typed.chain(other).collect();
        if !rows.is_empty() {
            table(
                doc.block(),
                &["Attribute", "Value"],
                rows.into_iter()
                    .map(|(key, value)| [Cow::from(format!("**{key}**")), Cow::from(value)]),
            );
        }
        for note in &overview.callouts {
            callout(doc.block(), note);
        }
    }
    if let Some(deliverables) = &plan.deliverables {
        doc.kept_before(PocSection::Deliverables.key());
        doc.section_break();
        doc.heading(2, PocSection::Deliverables.title());
        crate::writer::prose(&mut doc, &deliverables.intro);
        if !deliverables.items.is_empty() {
            bullets(doc.block(), "", &deliverables.items);
        }
    }
    if let Some(prerequisites) = &plan.prerequisites {
        doc.kept_before(PocSection::Prerequisites.key());
        doc.section_break();
        doc.heading(2, PocSection::Prerequisites.title());
        if let Some(intro) = &prerequisites.intro {
            doc.text(intro);
        }
        for prerequisite in &prerequisites.items {
            render_prerequisite(&mut doc, prerequisite);
        }
    }
    if let Some(criteria) = &plan.success_criteria {
        doc.kept_before(PocSection::SuccessCriteria.key());
        doc.section_break();
        doc.heading(2, PocSection::SuccessCriteria.title());
        checklist_section(&mut doc, criteria);
    }
    if let Some(architecture) = &plan.architecture {
        doc.kept_before(PocSection::Architecture.key());
        doc.section_break();
        doc.heading(2, PocSection::Architecture.title());
        if let Some(tree) = &architecture.file_structure {
            let out = doc.block();
            heading(out, 3, "File Structure");
            code(out, tree);
        }
        if !architecture.design_principles.is_empty() {
            let out = doc.block();
            heading(out, 3, "Design Principles");
            list_items(out, "", true, &architecture.design_principles);
        }
        doc.verbatim(&architecture.extra);
    }
    if let Some(implementation) = &plan.implementation {
        doc.kept_before(PocSection::Implementation.key());
        render_implementation(&mut doc, PocSection::Implementation.title(), implementation);
    }
    for section in &plan.step_sections {
        render_implementation(&mut doc, &section.name, &section.body);
    }
    if let Some(summary) = &plan.test_summary {
        doc.kept_before(PocSection::TestSummary.key());
        doc.section_break();
        doc.heading(2, PocSection::TestSummary.title());
        if !summary.affected_tests.is_empty() {
            doc.heading(3, "Affected Tests (Run These)");
            table(
                doc.block(),
                &["Test File", "Tests", "What It Covers"],
                summary.affected_tests.iter().map(|row| {
                    [
                        Cow::from(format!("`{}`", row.file)),
                        Cow::from(row.tests.as_deref().unwrap_or("")),
                        Cow::from(row.covers.as_deref().unwrap_or("")),
                    ]
                }),
            );
        }
        if let Some(total) = &summary.affected_total {
            doc.text(&format!("**Affected tests: {total}**"));
        }
        if let Some(full) = &summary.full_suite {
            doc.text(&format!("**Full suite**: {full}"));
        }
    }
    if let Some(checklist) = &plan.production_checklist {
        doc.kept_before(PocSection::ProductionChecklist.key());
        doc.section_break();
        doc.heading(2, PocSection::ProductionChecklist.title());
        checklist_section(&mut doc, checklist);
    }
    if let Some(done) = &plan.done_looks_like {
        doc.kept_before(PocSection::DoneLooksLike.key());
        doc.section_break();
        doc.heading(2, PocSection::DoneLooksLike.title());
        code(doc.block(), done);
    }
    if !plan.files.is_empty() {
        doc.kept_before(PocSection::Files.key());
        doc.section_break();
        doc.heading(2, PocSection::Files.title());
        // `Status` when a row has one; the other columns in the order first met.
        let status = plan.files.iter().any(|row| row.status.is_some());
        let mut others: Vec<&str> = Vec::new();
        for key in plan.files.iter().flat_map(|row| row.other.keys()) {
            if !others.contains(&key.as_str()) {
                others.push(key);
            }
        }
        let mut headers = vec!["File", "Action"];
        headers.extend(status.then_some("Status"));
        headers.extend(&others);
        table(
            doc.block(),
            &headers,
            plan.files.iter().map(|row| {
                let mut cells = vec![Cow::from(format!("`{}`", row.file)), row.action.to_text()];
                if status {
                    cells.push(Cow::from(row.status.as_deref().unwrap_or("")));
                }
                for key in &others {
                    cells.push(Cow::from(row.other.get(*key).map_or("", String::as_str)));
                }
                cells
            }),
        );
    }
    if let Some(dependencies) = &plan.dependencies {
        doc.kept_before(PocSection::Dependencies.key());
        doc.section_break();
        doc.heading(2, PocSection::Dependencies.title());
        if let Some(intro) = &dependencies.intro {
            doc.text(intro);
        }
        if let Some(manifest) = &dependencies.manifest {
            code(doc.block(), manifest);
        }
        if let Some(command) = &dependencies.then_run {
            let out = doc.block();
            line(out, "Then run:");
            code(out, command);
        }
    }
    if !plan.risks.is_empty() {
        doc.kept_before(PocSection::Risks.key());
        doc.section_break();
        doc.heading(2, PocSection::Risks.title());
        risk_table(doc.block(), "Likelihood", &plan.risks);
    }
    if let Some(errors) = &plan.error_codes {
        doc.kept_before(PocSection::ErrorCodes.key());
        doc.section_break();
        doc.heading(2, PocSection::ErrorCodes.title());
        if let Some(note) = &errors.note {
            doc.text(&format!("_{note}_"));
        }
        if !errors.codes.is_empty() {
            table(
                doc.block(),
                &["Code", "Meaning", "Used By"],
                errors.codes.iter().map(|row| {
                    [
                        Cow::from(format!("`{}`", row.code)),
                        Cow::from(row.meaning.as_deref().unwrap_or("")),
                        Cow::from(row.used_by.as_deref().unwrap_or("")),
                    ]
                }),
            );
        }
    }
    if !plan.next_steps.is_empty() {
        doc.kept_before(PocSection::NextSteps.key());
        doc.section_break();
        doc.heading(2, PocSection::NextSteps.title());
        crate::writer::numbered(doc.block(), &plan.next_steps);
    }
    doc.kept_rest();
    doc.finish()
}

fn checklist_section(doc: &mut Doc, section: &plan_model::poc::Checklist) {
    if let Some(intro) = &section.intro {
        doc.text(intro);
    }
    if !section.items.is_empty() {
        checklist(doc.block(), "", &section.items);
    }
}

fn render_prerequisite(doc: &mut Doc, prerequisite: &Prerequisite) {
    let out = doc.block();
    heading(
        out,
        3,
        &format!("{}. {}", prerequisite.number, prerequisite.name),
    );
    if let Some(description) = &prerequisite.description {
        line(out, description);
    }
    if let Some(why) = &prerequisite.why_needed {
        doc.text(&format!("**Why Needed**: {why}"));
    }
    if !prerequisite.affected_test_files.is_empty() {
        let out = doc.block();
        line(out, "**Affected test files**:");
        for file in &prerequisite.affected_test_files {
            let _ = write!(out, "- `{}`", file.file);
            if let Some(description) = &file.description {
                let _ = write!(out, " - {description}");
            }
            out.push('\n');
        }
    }
    labeled_code(
        doc,
        "Baseline verification",
        &prerequisite.baseline_verification,
    );
    if !prerequisite.steps.is_empty() {
        let out = doc.block();
        line(out, "**Steps**:");
        crate::writer::numbered(out, &prerequisite.steps);
    }
    labeled_code(doc, "Commands", &prerequisite.commands);
    labeled_code(doc, "Verification", &prerequisite.verification);
    doc.verbatim(&prerequisite.extra);
}

/// `## heading`, the approach and kept blocks, then the steps, each closed by a rule.
fn render_implementation(doc: &mut Doc, heading: &str, implementation: &Implementation) {
    doc.section_break();
    doc.heading(2, heading);
    if let Some(approach) = &implementation.approach {
        doc.text(&format!("**Approach**: {approach}"));
    }
    doc.verbatim(&implementation.extra);
    for step in &implementation.steps {
        render_step(doc, step);
        doc.rule();
    }
}

fn render_step(doc: &mut Doc, step: &Step) {
    doc.heading(3, &format!("Step {}: {}", step.number, step.name));
    if let Some(goal) = &step.goal {
        doc.text(&format!("**Goal**: {goal}"));
    }
    if !step.tasks.is_empty() {
        let out = doc.block();
        if !step.bare_tasks {
            line(out, "**Tasks**:");
        }
        checklist(out, "", &step.tasks);
    }
    snippet(doc, "Code", &step.code);
    snippet(doc, "Tests", &step.tests);
    labeled_code(doc, "Verification", &step.verification);
    if let Some(output) = &step.output {
        doc.text(&format!("**Output**: {output}"));
    }
    crate::writer::labeled_lists(doc, &step.lists);
    for snippet in &step.snippets {
        let out = doc.block();
        match &snippet.target {
            Some(target) => line(out, &format!("**{}** ({target}):", snippet.label)),
            None => line(out, &format!("**{}**:", snippet.label)),
        }
        code(out, &snippet.block);
    }
    // The specification runs on to the next label or the end of the step: after the
    // kept blocks, before the kept `###` sub-sections (which end the step), in order.
    let sub_sections = step
        .extra
        .iter()
        .position(|kept| {
            kept.leading_markdown()
                .is_some_and(|markdown| markdown.starts_with("### "))
        })
        .unwrap_or(step.extra.len());
    let (blocks, headed) = step.extra.split_at(sub_sections);
    doc.verbatim(blocks);
    if let Some(specification) = &step.specification {
        doc.text("**Specification**:");
        doc.text(specification);
    }
    doc.verbatim(headed);
}

/// `**label**:` directly followed by a code block.
fn labeled_code(doc: &mut Doc, label: &str, block: &Option<CodeBlock>) {
    if let Some(block) = block {
        let out = doc.block();
        line(out, &format!("**{label}**:"));
        code(out, block);
    }
}

/// ``**label** (target):`` directly followed by a code block.
fn snippet(doc: &mut Doc, label: &str, snippet: &Option<CodeSnippet>) {
    if let Some(snippet) = snippet {
        let out = doc.block();
        match &snippet.target {
            Some(target) => line(out, &format!("**{label}** ({target}):")),
            None => line(out, &format!("**{label}**:")),
        }
        code(out, &snippet.block);
    }
}

/// `> icon **label**: text`, the text's further lines as quote lines (`>` when empty).
pub(crate) fn callout(out: &mut String, callout: &Callout) {
    out.push('>');
    if let Some(icon) = &callout.icon {
        let _ = write!(out, " {}", one_line(icon));
    }
    let _ = write!(out, " **{}**:", one_line(&callout.label));
    let mut lines = callout.text.split('\n');
    if let Some(first) = lines.next().filter(|first| !first.is_empty()) {
        let _ = write!(out, " {first}");
    }
    out.push('\n');
    for line in lines {
        out.push('>');
        if !line.is_empty() {
            let _ = write!(out, " {line}");
        }
        out.push('\n');
    }
}
