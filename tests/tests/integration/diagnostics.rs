//! Snapshots of the diagnostics for a fixture set of plans, one per diagnostic code.

use std::path::Path;

use rstest::rstest;

#[rstest]
#[case::p001("p001-detected-kind-read-as-generic")]
#[case::p002("p002-section-kept-verbatim")]
#[case::p003("p003-value-kept-raw")]
#[case::p004("p004-lone-carriage-return")]
fn diagnostics_are_pinned(#[case] name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/diagnostics")
        .join(format!("{name}.md"));
    let src = std::fs::read_to_string(&path).expect("a fixture reads");
    let parsed = plan_doc::parse(&src);
    let code = name[..4].to_uppercase();
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.code == code),
        "{name}: no {code} in {:#?}",
        parsed.diagnostics
    );
    let rendered: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.render(&format!("{name}.md"), &src))
        .collect();
    insta::assert_snapshot!(name, rendered.join("\n"));
}
