//! Any text: `parse` and `detect` never panic, diagnostics point inside the source and
//! render, every phase and task's span is a slice of the source (its tasks' inside the
//! phase's), and the generic reading renders back byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = plan_doc::parse(src);
    assert!((0.0..=1.0).contains(&parsed.detection.confidence));
    for diagnostic in &parsed.diagnostics {
        assert!(diagnostic.span.start <= diagnostic.span.end);
        assert!(diagnostic.span.end <= src.len());
        assert!(
            diagnostic
                .render("plan.md", src)
                .contains(diagnostic.code.as_ref())
        );
    }
    let _ = parsed.plan.progress();
    for phase in parsed.plan.phases() {
        let outer = phase.span.range();
        assert!(outer.clone().is_none_or(|range| src.get(range).is_some()));
        for task in &phase.tasks {
            let range = task
                .span
                .range()
                .expect("a task read from markdown has a span");
            assert!(src.get(range.clone()).is_some());
            if let Some(outer) = &outer {
                assert!(outer.start <= range.start && range.end <= outer.end);
            }
        }
    }
    let generic = plan_parse::parse_generic(src);
    assert_eq!(plan_render::render_generic(&generic), src);
});
