//! The typed reading of `scoped` plans: the long form real plans use (its typed reading
//! is pinned by the leniency snapshots, `lenient.rs`), and every scoped corpus plan read
//! typed.

use plan_model::scoped::ScopedPlan;
use plan_model::{Kind, Plan};

fn long_form() -> (String, ScopedPlan) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scoped/long-form.md");
    let src = std::fs::read_to_string(path).expect("the fixture reads");
    let parsed = plan_doc::parse(&src);
    assert_eq!(parsed.detection.kind, Kind::Scoped);
    let Plan::Scoped(plan) = parsed.plan else {
        panic!("read as {}: {:?}", parsed.plan.kind(), parsed.diagnostics);
    };
    (src, plan)
}

#[test]
fn the_long_form_counts_its_checkboxes_and_reads_back_the_same() {
    let (src, plan) = long_form();
    let plan = Plan::Scoped(plan);
    let progress = plan.progress();
    // Five checkboxes in the file (three in phase 1's criteria, two in the progress
    // section), two of them ticked; phase 2's plain bullets are not tasks.
    assert_eq!((progress.done, progress.total), (2, 5));
    assert_eq!(crate::support::checkbox_count(&src), (2, 5));
    let rendered = plan_render::render(&plan);
    assert_eq!(plan_doc::parse(&rendered).plan, plan);
}

#[test]
fn every_scoped_corpus_plan_whose_fences_close_is_read_typed() {
    let Some(files) = crate::support::corpus() else {
        return;
    };
    let mut generic = Vec::new();
    for (path, kind, src) in &files {
        if *kind != Some(Kind::Scoped) {
            continue;
        }
        let mut fence = None;
        for line in src.lines() {
            plan_model::markdown::track_fence(&mut fence, line);
        }
        let parsed = plan_doc::parse(src);
        if fence.is_none() && parsed.plan.kind() != Kind::Scoped {
            generic.push(path.display().to_string());
        }
    }
    assert!(generic.is_empty(), "read generic: {generic:#?}");
}

/// Found by the `roundtrip` fuzz target: text before a phase's `### Overview` renders in
/// the bold form's place, after the typed sub-sections, and read back as part of the last
/// one. Such a phase is kept as written instead.
#[test]
fn a_phase_mixing_bold_form_text_and_heading_parts_reads_back_the_same() {
    let src = "# Plan\n\n## Phase 1: Index\n\n- [ ] A note before the sub-sections\n\n### Overview\n\nBuild it.\n\n### Changes Required:\n\n#### 1. Tokenizer\n\nSplit words.\n";
    let first = plan_doc::parse_as(Kind::Scoped, src).plan;
    assert_eq!(first.kind(), Kind::Scoped);
    let rendered = plan_render::render(&first);
    assert_eq!(plan_doc::parse_as(Kind::Scoped, &rendered).plan, first);
    assert_eq!(first.progress().total, 1);
}

/// A code fence that never closes runs to the end of the text, so it is in the last
/// section: that section is kept as written and rendered last, and the rest is typed.
#[test]
fn an_open_fence_in_the_last_section_keeps_only_that_section_verbatim() {
    let src = "# Implementation Plan: Search\n\n## Overview\n\nFind plans.\n\n## Appendix\n\n```sh\nplan search\n\n## Not a heading: inside the open fence\n";
    let parsed = plan_doc::parse_as(Kind::Scoped, src);
    let Plan::Scoped(plan) = &parsed.plan else {
        panic!("read as {}", parsed.plan.kind());
    };
    assert_eq!(plan.overview.as_deref(), Some("Find plans."));
    assert_eq!(plan.extra_sections.len(), 1);
    let kept = plan_render::render_kept(&plan.extra_sections[0]);
    assert!(kept.starts_with("## Appendix\n\n```sh\n"));
    assert!(kept.contains("## Not a heading"));
    let rendered = plan_render::render(&parsed.plan);
    assert!(rendered.ends_with("## Not a heading: inside the open fence\n"));
    assert_eq!(
        plan_doc::parse_as(Kind::Scoped, &rendered).plan,
        parsed.plan
    );
}
