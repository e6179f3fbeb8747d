//! Kept top-level sections stay where they stood: a section the template does not name,
//! written between two of the template's, is rendered back between them (from the model
//! and through JSON), with the key of the section it stands before.

use plan_model::{KeptSection, Plan};
use rstest::rstest;

const KEPT: &str = "## Glossary\n\nA term, defined.\n";

/// The template of `kind` with [`KEPT`] written just before its `heading` line, separated
/// as the template separates its sections (by a `---` rule, or by a blank line alone).
fn with_kept_before(kind: &str, heading: &str) -> String {
    let path = format!(
        "{}/../fixtures/templates/{kind}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let template = std::fs::read_to_string(path).expect("the templates are in the repository");
    let at = template
        .find(&format!("\n{heading}\n"))
        .expect("the heading is in the template")
        + 1;
    let ruled = template[..at].trim_end().ends_with("\n---");
    let separator = if ruled { "\n---\n\n" } else { "\n" };
    format!("{}{KEPT}{separator}{}", &template[..at], &template[at..])
}

fn kept_sections(plan: &Plan) -> &[KeptSection] {
    match plan {
        Plan::Atomic(plan) => &plan.extra_sections,
        Plan::Feature(plan) => &plan.extra_sections,
        Plan::Poc(plan) => &plan.extra_sections,
        Plan::Stepwise(plan) => &plan.extra_sections,
        Plan::Scoped(plan) => &plan.extra_sections,
        Plan::Generic(_) => &[],
    }
}

#[rstest]
#[case::atomic("atomic", "## Further Implementation Details", "further_details")]
#[case::feature("feature", "## Risk Mitigation", "risk_mitigation")]
#[case::poc("poc", "## Architecture", "Architecture")]
#[case::stepwise("stepwise", "## Testing Strategy", "testing_strategy")]
#[case::scoped("scoped", "## Implementation Approach", "approach")]
fn a_kept_section_is_rendered_where_it_stood(
    #[case] kind: &str,
    #[case] heading: &str,
    #[case] key: &str,
) {
    let src = with_kept_before(kind, heading);
    let parsed = plan_parse::parse(&src);
    assert_eq!(parsed.plan.kind().to_string(), kind);
    assert_eq!(
        kept_sections(&parsed.plan),
        [KeptSection {
            markdown: KEPT.to_owned(),
            before: Some(key.to_owned()),
            span: plan_model::Span::NONE,
        }]
    );
    assert_eq!(plan_render::render(&parsed.plan), src);
    let json = serde_json::to_string(&parsed.plan).expect("a plan serializes");
    let back: Plan = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(plan_render::render(&back), src);
}

#[test]
fn a_kept_section_after_the_last_known_one_stays_last() {
    let src = "# Implementation Plan: Search\n\n---\n\n## Overview\n\nFind things.\n\n---\n\n## Glossary\n\nA term.\n";
    let parsed = plan_parse::parse_as(plan_model::Kind::Scoped, src);
    assert_eq!(kept_sections(&parsed.plan)[0].before, None);
    assert_eq!(plan_render::render(&parsed.plan), src);
}

#[test]
fn kept_sections_keep_their_places_when_the_known_ones_are_out_of_order() {
    // The template's order is Overview, then Testing Strategy: rendering writes them so,
    // each kept section still just before the section it stood before.
    let src = "# Implementation Plan: Search\n\n## Glossary\n\nTerms.\n\n---\n\n\
               ## Testing Strategy\n\n### Unit Tests\n- parse\n\n---\n\n\
               ## Notes\n\nSome notes.\n\n---\n\n## Overview\n\nFind things.\n";
    let parsed = plan_parse::parse_as(plan_model::Kind::Scoped, src);
    let kept: Vec<_> = kept_sections(&parsed.plan)
        .iter()
        .map(|section| section.before.as_deref())
        .collect();
    assert_eq!(kept, [Some("overview"), Some("testing_strategy")]);
    let rendered = plan_render::render(&parsed.plan);
    let order: Vec<_> = rendered
        .lines()
        .filter(|line| line.starts_with("## "))
        .collect();
    assert_eq!(
        order,
        [
            "## Notes",
            "## Overview",
            "## Glossary",
            "## Testing Strategy"
        ]
    );
    let again = plan_parse::parse_as(plan_model::Kind::Scoped, &rendered);
    assert_eq!(again.plan, parsed.plan);
}

#[test]
fn a_kept_section_titled_as_the_templates_stays_last() {
    // The second `## Overview` is kept (the slot is taken); written before the first, it
    // would take the slot when read back.
    let src = "# Implementation Plan: Search\n\n## Overview\n\nFind things.\n\n---\n\n\
               ## Overview\n\nAgain.\n\n---\n\n## Implementation Approach\n\n\
               ### High-Level Strategy\nSearch first.\n";
    let parsed = plan_parse::parse_as(plan_model::Kind::Scoped, src);
    assert_eq!(kept_sections(&parsed.plan)[0].before, None);
    let again = plan_parse::parse_as(plan_model::Kind::Scoped, &plan_render::render(&parsed.plan));
    assert_eq!(again.plan, parsed.plan);
}
