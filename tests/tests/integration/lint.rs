//! `plan_doc::lint`: every lint has a fixture that triggers it and one that does not
//! (`tests/fixtures/lint/L00N.md`, `L00N-clean.md`); the templates report their
//! placeholders, and a plan made from a template and filled in reports nothing.

use std::path::Path;

use plan_doc::{Document, lint};
use plan_model::{Kind, template};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lint")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn codes(src: &str) -> Vec<String> {
    lint::lint(&Document::new(src))
        .into_iter()
        .map(|finding| finding.code.into_owned())
        .collect()
}

#[test]
fn every_lint_has_a_fixture_that_triggers_it_and_one_that_does_not() {
    for (code, what) in lint::CODES {
        let found = codes(&fixture(&format!("{code}.md")));
        assert!(
            found.iter().any(|found| found == code),
            "{code} ({what}) not found: {found:?}"
        );
        let clean = codes(&fixture(&format!("{code}-clean.md")));
        assert!(clean.is_empty(), "{code}-clean.md: {clean:?}");
    }
}

#[test]
fn findings_point_at_what_they_are_about() {
    let src = fixture("L001.md");
    let doc = Document::new(src.as_str());
    let spans: Vec<&str> = lint::lint(&doc)
        .iter()
        .map(|finding| &src[finding.span.clone()])
        .collect();
    assert_eq!(spans, ["[Feature Name]", "{{CURRENT_DATE}}", "YYYY-MM-DD"]);
    let src = fixture("L005.md");
    let finding = &lint::lint(&Document::new(src.as_str()))[0];
    assert_eq!(&src[finding.span.clone()], "Step 3.4");
    assert_eq!(finding.line_column(&src), (7, 31));
}

#[test]
fn fix_marks_finished_phases_complete_and_repairs_mojibake_and_nothing_else() {
    let mut doc = Document::new(fixture("L003.md"));
    let fixed = lint::fix(&mut doc);
    assert_eq!(fixed.len(), 1);
    assert_eq!(
        doc.source(),
        fixture("L003.md").replace("🚧 In Progress", "✅ Complete")
    );
    assert!(lint::lint(&doc).is_empty());
    let mut doc = Document::new(fixture("L010.md"));
    assert_eq!(lint::fix(&mut doc).len(), 2);
    assert_eq!(
        doc.source(),
        "# Plan ✅\n\n## Phase 1\n\n- [ ] Start – now\n"
    );
    for (code, _) in lint::CODES {
        let clean = fixture(&format!("{code}-clean.md"));
        let mut doc = Document::new(clean.as_str());
        assert!(lint::fix(&mut doc).is_empty());
        assert_eq!(doc.source(), clean, "{code}-clean.md");
    }
}

#[test]
fn the_templates_report_their_placeholders() {
    for kind in Kind::TEMPLATES {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../fixtures/templates/{kind}.md"));
        let src = std::fs::read_to_string(path).unwrap();
        let found = codes(&src);
        let placeholders = found.iter().filter(|code| **code == "L001").count();
        assert!(placeholders >= 40, "{kind}: {placeholders} placeholders");
    }
}

/// Fills a plan in the way a person would: each `[placeholder]` becomes its own words,
/// each date placeholder a date, and mis-decoded emoji are repaired.
fn fill_in(text: &str) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        filled.push_str(before);
        let close = from.find(']');
        let inner = close.map(|close| &from[1..close]);
        let after = close.map(|close| &from[close + 1..]);
        match (inner, after) {
            (Some(inner), Some(after))
                if inner.chars().any(char::is_alphanumeric)
                    && !inner.contains('[')
                    && !after.starts_with(['(', '[', ':']) =>
            {
                filled.push_str(inner);
                rest = after;
            }
            _ => {
                filled.push('[');
                rest = &from[1..];
            }
        }
    }
    filled.push_str(rest);
    let filled = filled
        .replace("{{CURRENT_DATE}}", "2026-11-23")
        .replace("YYYY-MM-DD", "2026-11-23");
    plan_doc::encoding::repair_text(&filled).0
}

#[test]
fn a_new_plan_filled_in_reports_nothing() {
    for kind in Kind::TEMPLATES {
        let mut plan = template::plan(kind);
        plan.set_title("Search");
        let new = plan_render::render(&plan);
        assert!(
            codes(&new).iter().any(|code| code == "L001"),
            "{kind}: a new plan has placeholders"
        );
        let filled = fill_in(&new);
        let doc = Document::new(filled.as_str());
        let findings = lint::lint(&doc);
        assert!(
            findings.is_empty(),
            "{kind}: {:?}",
            findings
                .iter()
                .map(|finding| (&finding.code, &filled[finding.span.clone()]))
                .collect::<Vec<_>>()
        );
    }
}
