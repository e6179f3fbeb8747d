//! Hostile and broken input: huge, deep, wide, binary-ish and oddly encoded plans. Each is
//! read without a panic or a stack overflow (on the test thread's ordinary stack), the
//! generic reading and the lossless `Document` give back every byte, `progress()` counts
//! what is there, and linting and editing the document finish.

use plan_model::Kind;
use plan_model::generic::GenericPlan;

/// Reads `src` both ways and checks the promises that hold for any input.
fn survives(src: &str) -> plan_parse::Parsed {
    let parsed = plan_doc::parse(src);
    let generic: GenericPlan = plan_parse::parse_generic(src);
    assert!(
        plan_render::render_generic(&generic) == src,
        "the generic reading gives back every byte"
    );
    let rendered = plan_render::render(&parsed.plan);
    assert!(!src.trim().is_empty() || rendered.trim().is_empty());
    // The lossless document: byte for byte, the same boxes, and its checks and edits run.
    let mut doc = plan_doc::Document::new(src);
    assert!(doc.source() == src, "the document gives back every byte");
    assert_eq!(doc.progress(), parsed.plan.progress());
    let _ = plan_doc::lint::lint(&doc);
    let _ = doc.next_task();
    if !doc.tasks().is_empty() {
        let last = doc.tasks().len() - 1;
        let checked = doc.tasks()[last].checked;
        assert!(doc.set_checked(last, !checked));
    }
    parsed
}

fn checkboxes(src: &str) -> usize {
    let parsed = survives(src);
    parsed.plan.progress().total
}

#[test]
fn a_hundred_thousand_headings() {
    let src: String = (0..100_000)
        .map(|index| format!("## Section {index}\n"))
        .collect();
    let parsed = survives(&src);
    let Some(plan_model::Plan::Generic(plan)) = Some(parsed.plan) else {
        panic!("a plan of bare headings is generic");
    };
    assert_eq!(plan.sections.len(), 100_000);
}

#[test]
fn lists_and_quotes_nested_ten_thousand_deep() {
    // Ten thousand list items, each inside the one before, on one line.
    let list = format!("# Plan\n\n{}[ ] innermost\n", "- ".repeat(10_000));
    survives(&list);
    // Indented nesting (a thousand deep is already a megabyte of indentation).
    let indented: String = (0..1_000)
        .map(|depth| format!("{}- [ ] level {depth}\n", "  ".repeat(depth)))
        .collect();
    assert_eq!(checkboxes(&indented), 1_000);
    let ordered = format!("# Plan\n\n{}x\n", "1. ".repeat(10_000));
    survives(&ordered);
    let quotes = format!("# Plan\n\n{} - [x] deep\n", ">".repeat(10_000));
    assert_eq!(checkboxes(&quotes), 1);
    let brackets = format!("# Plan\n\n{}x{}\n", "[".repeat(10_000), "]".repeat(10_000));
    survives(&brackets);
    let emphasis = format!("# Plan\n\n{}x{}\n", "*".repeat(10_000), "*".repeat(10_000));
    survives(&emphasis);
}

#[test]
fn a_fifty_megabyte_line() {
    let mut src = String::from("# Plan\n\n- [ ] ");
    src.push_str(&"word ".repeat(10_000_000));
    assert_eq!(checkboxes(&src), 1);
}

#[test]
fn a_million_checkboxes() {
    let mut src = String::from("# Plan\n\n## Tasks\n");
    for index in 0..1_000_000 {
        src.push_str(if index % 2 == 0 {
            "- [x] done\n"
        } else {
            "- [ ] open\n"
        });
    }
    let parsed = survives(&src);
    let progress = parsed.plan.progress();
    assert_eq!((progress.done, progress.total), (500_000, 1_000_000));
}

#[test]
fn a_table_ten_thousand_columns_wide() {
    let header: String = (0..10_000).map(|column| format!("| c{column} ")).collect();
    let rule = "|---".repeat(10_000);
    let row = "| x ".repeat(10_000);
    let src = format!("# Plan\n\n{header}|\n{rule}|\n{row}|\n");
    survives(&src);
}

#[test]
fn code_fences_that_never_close() {
    let src = "# Plan\n\n## Tasks\n\n```rust\n- [ ] not a task\n## not a heading\n";
    assert_eq!(checkboxes(src), 0);
    let tildes = "# Plan\n~~~~\n- [ ] code\n```\n- [ ] still code\n";
    assert_eq!(checkboxes(tildes), 0);
    // A typed template whose last fence is left open is still read without loss.
    let stepwise = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/templates/stepwise.md"
    ))
    .unwrap();
    survives(&format!("{stepwise}\n```\nunclosed\n"));
}

#[test]
fn nul_bytes_and_control_characters() {
    let src = "# Pl\0an\n\n- [ ] a\0b\n- [x] \u{7}bell\u{1b}[31m\n";
    assert_eq!(checkboxes(src), 2);
}

#[test]
fn line_endings_lone_cr_mixed_and_a_byte_order_mark() {
    // Lone carriage returns: kept byte for byte, and said in a warning (P004) at the first.
    let classic_mac = "# Plan\r- [ ] a\r- [x] b\r";
    let parsed = survives(classic_mac);
    let warning = parsed
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.code == "P004")
        .expect("a lone CR is reported");
    assert_eq!(warning.span, 6..7);
    assert!(
        plan_doc::parse("# Plan\r\n- [ ] a\r\n")
            .diagnostics
            .iter()
            .all(|diagnostic| diagnostic.code != "P004")
    );
    assert_eq!(checkboxes("# Plan\r\n- [ ] a\n- [x] b\r\n- [ ] c"), 3);
    // A byte order mark is kept, and the heading after it is still a heading.
    let bom = "\u{feff}# Plan\n\n- [ ] a\n";
    let parsed = survives(bom);
    assert_eq!(parsed.plan.progress().total, 1);
    assert_eq!(parsed.plan.title(), "Plan");
    assert_eq!(checkboxes("\u{feff}- [x] first line\n"), 1);
}

#[test]
fn right_to_left_text_combining_marks_and_emoji() {
    let src = "# خطة\n\n## 🚀\n\n- [ ] T001 مهمة\n- [x] T\u{301}002 e\u{301}\u{302} task\n- [ ] \u{202e}T003 reversed\n\n## 👨‍👩‍👧‍👦\n";
    let parsed = survives(src);
    assert_eq!(parsed.plan.kind(), Kind::Generic);
    assert_eq!(parsed.plan.title(), "خطة");
    assert_eq!(parsed.plan.progress().total, 3);
}

#[test]
fn a_plan_whose_every_section_is_empty() {
    for kind in Kind::TEMPLATES {
        let template = plan_render::render(&plan_model::template::plan(kind));
        let headings: String = template
            .lines()
            .filter(|line| line.starts_with('#'))
            .map(|line| format!("{line}\n"))
            .collect();
        let parsed = survives(&headings);
        assert_eq!(parsed.plan.progress().total, 0, "{kind}");
    }
    survives("");
    survives("\n\n\n");
    survives("#");
    survives("# \n## \n### ");
}
