//! Top-level sections the template does not name stay where they stood, kept or typed: one
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
    let parsed = plan_doc::parse(&src);
    assert_eq!(parsed.plan.kind().to_string(), kind);
    let [kept] = kept_sections(&parsed.plan) else {
        panic!("one kept section: {:?}", kept_sections(&parsed.plan));
    };
    assert_eq!(plan_render::render_kept(kept), KEPT);
    assert_eq!((kept.before.as_deref(), kept.position), (Some(key), None));
    assert_eq!(plan_render::render(&parsed.plan), src);
    let json = serde_json::to_string(&parsed.plan).expect("a plan serializes");
    let back: Plan = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(plan_render::render(&back), src);
}

#[test]
fn a_kept_section_after_the_last_known_one_stays_last() {
    let src = "# Implementation Plan: Search\n\n---\n\n## Overview\n\nFind things.\n\n---\n\n## Glossary\n\nA term.\n";
    let parsed = plan_doc::parse_as(plan_model::Kind::Scoped, src);
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
    let parsed = plan_doc::parse_as(plan_model::Kind::Scoped, src);
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
    let again = plan_doc::parse_as(plan_model::Kind::Scoped, &rendered);
    assert_eq!(again.plan, parsed.plan);
}

#[test]
fn a_kept_section_titled_as_the_templates_stays_last() {
    // The second `## Overview` is kept (the slot is taken); written before the first, it
    // would take the slot when read back.
    let src = "# Implementation Plan: Search\n\n## Overview\n\nFind things.\n\n---\n\n\
               ## Overview\n\nAgain.\n\n---\n\n## Implementation Approach\n\n\
               ### High-Level Strategy\nSearch first.\n";
    let parsed = plan_doc::parse_as(plan_model::Kind::Scoped, src);
    assert_eq!(kept_sections(&parsed.plan)[0].before, None);
    let again = plan_doc::parse_as(plan_model::Kind::Scoped, &plan_render::render(&parsed.plan));
    assert_eq!(again.plan, parsed.plan);
}

/// A section the template does not name that the readers type: a list, a checklist, or
/// `###` groups of lists.
const LIST: &str = "## Glossary\n- a term\n- another term\n";
const CHECKLIST: &str = "## Launch Checks\n- [ ] staging is green\n- [x] notes written\n";
const GROUPS: &str = "## Follow-ups\n\n### Docs\n- a guide\n\n### Tooling\n- a linter\n";

/// The template of `kind` with `section` written just before its `heading` line.
fn with_section_before(kind: &str, heading: &str, section: &str) -> String {
    with_kept_before(kind, heading).replacen(KEPT, section, 1)
}

/// The places (`before`) of a plan's typed top-level lists, checklists and groups.
fn typed_places(plan: &Plan) -> Vec<Option<String>> {
    macro_rules! groups {
        ($plan:expr) => {
            (
                &$plan.list_sections,
                &$plan.checklist_sections,
                &$plan.group_sections,
            )
        };
    }
    let (lists, checklists, groups) = match plan {
        Plan::Atomic(plan) => groups!(plan),
        Plan::Feature(plan) => groups!(plan),
        Plan::Poc(plan) => groups!(plan),
        Plan::Stepwise(plan) => groups!(plan),
        Plan::Scoped(plan) => groups!(plan),
        Plan::Generic(_) => return Vec::new(),
    };
    lists
        .iter()
        .map(|group| group.before.clone())
        .chain(checklists.iter().map(|group| group.before.clone()))
        .chain(groups.iter().map(|section| section.before.clone()))
        .collect()
}

#[rstest]
#[case::atomic("atomic", "## Further Implementation Details", "further_details")]
#[case::feature("feature", "## Risk Mitigation", "risk_mitigation")]
#[case::poc("poc", "## Architecture", "Architecture")]
#[case::stepwise("stepwise", "## Testing Strategy", "testing_strategy")]
#[case::scoped("scoped", "## Implementation Approach", "approach")]
fn a_typed_section_the_template_does_not_name_is_rendered_where_it_stood(
    #[case] kind: &str,
    #[case] heading: &str,
    #[case] key: &str,
) {
    for section in [LIST, CHECKLIST, GROUPS] {
        let src = with_section_before(kind, heading, section);
        let parsed = plan_doc::parse(&src);
        assert_eq!(parsed.plan.kind().to_string(), kind);
        assert_eq!(
            typed_places(&parsed.plan),
            [Some(key.to_owned())],
            "{section}"
        );
        assert!(
            kept_sections(&parsed.plan).is_empty(),
            "{section}: typed, not kept"
        );
        let rendered = plan_render::render(&parsed.plan);
        let at = src.find(section).expect("the section is in the source");
        assert!(
            rendered == src,
            "{section:?} rendered as {:?}",
            rendered.get(at.saturating_sub(20)..at + section.len() + 20)
        );
        let json = serde_json::to_string(&parsed.plan).expect("a plan serializes");
        let back: Plan = serde_json::from_str(&json).expect("and reads back");
        assert!(
            plan_render::render(&back) == src,
            "{section:?} through JSON"
        );
    }
}

#[test]
fn typed_sections_keep_their_places_when_the_known_ones_are_out_of_order() {
    // Written before Testing Strategy, then before Overview: rendered in the template's
    // order (Overview, then Testing Strategy), each still just before its section, and
    // read back the same.
    let src = "# Implementation Plan: Search\n\n## Glossary\n\n- a term\n\n---\n\n\
               ## Testing Strategy\n\n### Unit Tests\n- parse\n\n---\n\n\
               ## Notes\n\n- a note\n\n---\n\n## Overview\n\nFind things.\n";
    let parsed = plan_doc::parse_as(plan_model::Kind::Scoped, src);
    assert_eq!(
        typed_places(&parsed.plan),
        [
            Some("overview".to_owned()),
            Some("testing_strategy".to_owned())
        ]
    );
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
    assert_eq!(
        plan_doc::parse_as(plan_model::Kind::Scoped, &rendered).plan,
        parsed.plan
    );
}

#[rstest]
#[case::atomic("atomic", "## Further Implementation Details")]
#[case::feature("feature", "## Risk Mitigation")]
#[case::poc("poc", "## Architecture")]
#[case::stepwise("stepwise", "## Testing Strategy")]
#[case::scoped("scoped", "## Implementation Approach")]
fn kept_and_typed_sections_in_one_place_keep_their_order(
    #[case] kind: &str,
    #[case] heading: &str,
) {
    // Before one template section: a group section, a kept section, then a list, which
    // rendering by place alone would write kept, list, group.
    let ruled = with_kept_before(kind, heading).contains(&format!("{KEPT}\n---\n"));
    let separator = if ruled { "\n---\n\n" } else { "\n" };
    let mixed = format!("{GROUPS}{separator}{KEPT}{separator}{LIST}");
    let src = with_section_before(kind, heading, &mixed);
    let parsed = plan_doc::parse(&src);
    assert_eq!(parsed.plan.kind().to_string(), kind);
    assert_eq!(kept_sections(&parsed.plan).len(), 1);
    assert_eq!(typed_places(&parsed.plan).len(), 2);
    assert!(
        plan_render::render(&parsed.plan) == src,
        "{kind}: order changed"
    );
    let json = serde_json::to_string(&parsed.plan).expect("a plan serializes");
    assert!(
        json.contains(r#""position":"#),
        "{kind}: the order is in the JSON"
    );
    let back: Plan = serde_json::from_str(&json).expect("and reads back");
    assert!(
        plan_render::render(&back) == src,
        "{kind}: order changed through JSON"
    );
    // In the template's own order nothing needs a position.
    let canonical = with_section_before(
        kind,
        heading,
        &format!("{KEPT}{separator}{LIST}{separator}{GROUPS}"),
    );
    let json = serde_json::to_string(&plan_doc::parse(&canonical).plan).expect("serializes");
    assert!(
        !json.contains(r#""position":"#),
        "{kind}: no position needed"
    );
}

#[test]
fn sections_after_the_last_template_section_keep_their_order() {
    // After the last template section rendering by place alone writes the typed sections
    // first: a kept section before a list needs positions, and keeps its place.
    let src = format!(
        "{}\n---\n\n{KEPT}\n---\n\n{LIST}",
        std::fs::read_to_string(format!(
            "{}/../fixtures/templates/scoped.md",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the template")
    );
    let parsed = plan_doc::parse(&src);
    assert_eq!(parsed.plan.kind(), plan_model::Kind::Scoped);
    assert!(plan_render::render(&parsed.plan) == src, "order changed");
    assert_eq!(
        plan_doc::parse(&plan_render::render(&parsed.plan)).plan,
        parsed.plan
    );
}
