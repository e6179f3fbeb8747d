//! Properties of the parser over generated input: it never panics, the generic reading
//! of any text renders back to that text, and parsing is idempotent.

use proptest::prelude::*;

/// Pieces of markdown that plans are made of, to build inputs a random string rarely hits.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Title\n".to_owned()),
        Just("## Phase 1: Setup\n".to_owned()),
        Just("### Step 1.1: Do\r\n".to_owned()),
        Just("- [ ] task\n".to_owned()),
        Just("  * [X] done\n".to_owned()),
        Just("1. [x] numbered\n".to_owned()),
        Just("> - [ ] quoted\n".to_owned()),
        Just("```\n- [ ] in code\n".to_owned()),
        Just("```\n".to_owned()),
        Just("Setext\n===\n".to_owned()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_owned()),
        Just("**Status:** Draft\n".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        any::<String>(),
    ]
}

/// The generic reading renders back to the source; the full parse (typed where the kind
/// has a reader) is idempotent.
fn check(src: &str) -> Result<(), TestCaseError> {
    let generic = plan_parse::parse_generic(src);
    prop_assert_eq!(plan_render::render_generic(&generic), src);
    let parsed = plan_doc::parse(src);
    prop_assert!((0.0..=1.0).contains(&parsed.detection.confidence));
    for diagnostic in &parsed.diagnostics {
        prop_assert!(diagnostic.span.end <= src.len());
        let rendered = diagnostic.render("plan.md", src);
        prop_assert!(rendered.contains(diagnostic.code.as_ref()));
    }
    let again = plan_doc::parse(&plan_render::render(&parsed.plan)).plan;
    prop_assert_eq!(again, parsed.plan);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_string_parses_and_renders_back(src in any::<String>()) {
        check(&src)?;
    }

    #[test]
    fn any_mix_of_plan_pieces_parses_and_renders_back(
        pieces in proptest::collection::vec(markdown_piece(), 0..40)
    ) {
        check(&pieces.concat())?;
    }
}

/// The corpus files as text, read once.
fn corpus_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(read_corpus)
}

fn read_corpus() -> Vec<String> {
    plankit_testkit::corpus()
        .unwrap_or_default()
        .iter()
        .map(plankit_testkit::CorpusFile::text)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Corpus files cut and spliced at random places (a missing `../shared` leaves only
    /// the generated inputs above).
    #[test]
    fn mutated_corpus_files_parse_and_render_back(
        file in any::<prop::sample::Index>(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), markdown_piece()), 1..6),
    ) {
        let texts = corpus_texts();
        if texts.is_empty() {
            return Ok(());
        }
        let mut text = texts[file.index(texts.len())].clone();
        for (start, length, insert) in cuts {
            let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
            let from = boundaries[start.index(boundaries.len())];
            let to_candidates: Vec<usize> = boundaries.iter().copied().filter(|at| *at >= from).take(200).collect();
            let to = to_candidates[length.index(to_candidates.len())];
            text.replace_range(from..to, &insert);
        }
        check(&text)?;
    }
}

/// Found by the `roundtrip` fuzz target: a stepwise section whose title differs from the
/// template's only in case (or a trailing colon) was read as typed and rendered with the
/// template's spelling, changing a word.
#[test]
fn a_section_title_is_rendered_as_its_author_wrote_it() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/templates/stepwise.md"
    ))
    .unwrap();
    for (from, to) in [
        ("## Testing Strategy", "## Testing StrateGy"),
        ("## TLDR", "## TLDR:"),
        ("## Purpose", "## purpose"),
    ] {
        let src = template.replacen(from, to, 1);
        let parsed = plan_doc::parse(&src);
        assert_eq!(parsed.plan.kind(), plan_model::Kind::Stepwise);
        let rendered = plan_render::render(&parsed.plan);
        assert!(
            rendered.contains(&format!("{to}\n")),
            "{to} became something else"
        );
        check(&src).unwrap();
    }
}

/// Found by the `roundtrip` fuzz target: a stepwise step listing a bold label twice lost
/// one of the values (the model has one slot per label); such a block is kept verbatim.
#[test]
fn a_label_given_twice_keeps_both_values() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/templates/stepwise.md"
    ))
    .unwrap();
    let once = "- **Dependencies**: [What must be done first]\n";
    assert!(template.contains(once));
    let twice =
        format!("{once}- **Dependencies**: also the second one\n- **Dependencies**: and a third\n");
    let src = template.replacen(once, &twice, 1);
    let rendered = plan_render::render(&plan_doc::parse(&src).plan);
    assert!(rendered.contains("also the second one") && rendered.contains("and a third"));
    assert!(rendered.contains(&twice), "the lines stay in their order");
    check(&src).unwrap();
}

/// Found by the `roundtrip` fuzz target: a poc test summary giving `**Full suite**` (or the
/// affected total) twice kept only the second; such a section is kept verbatim.
#[test]
fn a_test_summary_line_given_twice_keeps_both() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/templates/poc.md"
    ))
    .unwrap();
    let once = "**Full suite**: ~X tests (optional - only run at checkpoints or if time permits)\n";
    assert!(template.contains(once));
    let twice = format!("**Full suite**: first count\n\n{once}");
    let src = template.replacen(once, &twice, 1);
    let rendered = plan_render::render(&plan_doc::parse(&src).plan);
    assert!(rendered.contains("first count") && rendered.contains(once));
    check(&src).unwrap();
}

/// Found by the `roundtrip` fuzz target: a kept section that closes with a usage line, in
/// the middle of a stepwise plan without one, is rendered last; its usage line must then
/// read back the same way, so the first reading takes it as the plan's usage too.
#[test]
fn a_usage_line_inside_a_kept_section_reads_back_the_same() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/templates/stepwise.md"
    ))
    .unwrap();
    let end = template
        .rfind("\n---\n\n**Usage**")
        .expect("the template closes with usage");
    let without_usage = &template[..=end];
    let src = without_usage.replacen(
        "## Success Criteria",
        "## Extra Notes\n\nKept as written.\n\n---\n\n**Usage**: read me early\n\n## Success Criteria",
        1,
    );
    let parsed = plan_doc::parse(&src);
    assert_eq!(parsed.plan.kind(), plan_model::Kind::Stepwise);
    check(&src).unwrap();
    let rendered = plan_render::render(&parsed.plan);
    assert!(rendered.contains("read me early") && rendered.contains("Kept as written."));
}

/// Found by the `roundtrip` fuzz target: a plan made of two templates fitted both about
/// equally, was read as one, and its rendering was detected as the other. Every pair of
/// templates, one after the other, now parses idempotently; the close mixes are generic.
#[test]
fn a_mix_of_two_templates_reads_back_the_same() {
    let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/templates/");
    let read =
        |kind: plan_model::Kind| std::fs::read_to_string(format!("{templates}{kind}.md")).unwrap();
    for first in plan_model::Kind::TEMPLATES {
        for second in plan_model::Kind::TEMPLATES {
            if first != second {
                let src = format!("{}{}", read(first), read(second));
                check(&src).unwrap_or_else(|error| panic!("{first} + {second}: {error}"));
            }
        }
    }
    let mix = format!(
        "{}{}",
        read(plan_model::Kind::Poc),
        read(plan_model::Kind::Stepwise)
    );
    assert_eq!(plan_parse::detect(&mix).kind, plan_model::Kind::Generic);
}

/// Inputs the fuzz targets found failing, kept as found (`tests/fixtures/fuzz/`): each
/// reads back the same and keeps every word.
#[test]
fn inputs_the_fuzzers_found_parse_and_read_back() {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fuzz");
    let mut checked = 0;
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        let src = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        check(&src).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let rendered = plan_render::render(&plan_doc::parse(&src).plan);
        assert_eq!(
            plankit_testkit::word_counts(&rendered),
            plankit_testkit::word_counts(&src),
            "{}: words",
            path.display()
        );
        checked += 1;
    }
    assert!(checked > 0);
}

/// Found by `mutated_corpus_files_parse_and_render_back`: an atomic plan whose text ended in
/// a lone `\r` kept it inside a value, and the rendering turned it into a line ending. A
/// plan that ends in a lone carriage return is read generic (with warning P004).
#[test]
fn a_lone_carriage_return_keeps_a_typed_plan_from_changing_on_a_second_read() {
    for kind in ["atomic", "poc", "stepwise"] {
        let template = std::fs::read_to_string(format!(
            "{}/../fixtures/templates/{kind}.md",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let src = format!("{}\r", template.trim_end());
        let parsed = plan_doc::parse(&src);
        assert_eq!(parsed.plan.kind(), plan_model::Kind::Generic, "{kind}");
        assert!(parsed.diagnostics.iter().any(|d| d.code == "P004"));
        check(&src).unwrap();
    }
}

/// A list item's code fence that a line ends for CommonMark (a heading, or any line less
/// indented than the item's content), while the readers keep the line as code: read
/// typed and rendered, the block moves and the fence CommonMark opens at its last line
/// takes in what follows it there. Such a plan is read generic, or typed only when its
/// rendering reads back the same.
#[test]
fn a_line_that_ends_a_list_items_fence_keeps_the_reading_stable() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/templates/poc.md"
    ))
    .unwrap();
    let verification = "**Verification**:\n```bash\ncd [directory] && uv run pytest tests/test_[name]_*.py::Test[ClassName] -v\n```\n";
    for fence in [
        "   ```\n# Title\n   text\n   ```\n",
        "   ```\n # Title\n  text\n   ```\n",
        "   ```\n   text\nout of the item\n   ```\n",
    ] {
        let src = template.replacen(
            verification,
            &format!("**Specification**:\n\n1. Warn:\n{fence}2. Go on\n\n{verification}"),
            1,
        );
        assert_ne!(src, template);
        check(&src).unwrap_or_else(|error| panic!("{fence:?}: {error}"));
    }
}

/// A blank line between a checklist item's first line and the lines that go on with it
/// belongs to the item: kept in its text, the item renders as it was written, and a list
/// of status-marked items (`- [✅]`) reads as the same checklist again.
#[test]
fn a_blank_line_inside_a_checklist_item_stays_in_it() {
    let src = "# Plan\n\n## TLDR\n\nShort.\n\n## Progress\n\n### Phase 3\n- [✅] **3.1 Engine**\n\n  - **Fix**: adapter\n- [✅] **3.2 Monitor**\n  - **State**: ok\n\n### Phase 4\n- [ ] later\n";
    check(src).unwrap();
    let rendered = plan_render::render(&plan_doc::parse(src).plan);
    assert!(
        rendered.contains("**3.1 Engine**\n\n  - **Fix**"),
        "{rendered}"
    );
}
