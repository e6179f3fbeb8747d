//! `plan_doc::convert`: a plan moved into another kind's layout keeps every word, for
//! every pair of the five kinds, on the templates and on every corpus plan of a kind.

use crate::support::{corpus, name};
use plan_doc::convert::convert;
use plan_model::Kind;
use plankit_testkit::word_counts as words;

/// The words of `source` that `converted` has fewer of, with how many are missing.
fn missing(source: &str, converted: &str) -> Vec<(String, usize)> {
    let have = words(converted);
    let mut lost: Vec<(String, usize)> = words(source)
        .into_iter()
        .filter_map(|(word, count)| {
            let kept = have.get(word).copied().unwrap_or(0);
            (kept < count).then(|| (word.to_owned(), count - kept))
        })
        .collect();
    lost.sort();
    lost
}

#[test]
fn every_word_is_kept_between_every_pair_of_kinds() {
    let Some(files) = corpus() else { return };
    let mut conversions = 0;
    for (path, kind, src) in &files {
        if kind.is_none() {
            continue;
        }
        for to in Kind::ALL {
            let converted = convert(src, to);
            let lost = missing(src, &converted);
            assert!(lost.is_empty(), "{} to {to}: lost {lost:?}", name(path));
            conversions += 1;
        }
    }
    assert!(conversions >= 38 * 6, "{conversions} conversions");
}

#[test]
fn every_word_is_kept_for_the_inputs_the_fuzzers_found_and_odd_titles() {
    let found = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut sources: Vec<String> = std::fs::read_dir(found)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    // A title with code spans (whose inner spaces the outline's text drops), a setext title
    // over two lines, and a closing sequence of `#`s.
    sources.push("# Run `  cargo  ` then `x` #\n## Summary\nText.\n".to_owned());
    sources.push("Plan for\nthe `search` index\n===\n\n## Risks\n- slow\n".to_owned());
    for src in &sources {
        for to in Kind::ALL {
            let lost = missing(src, &convert(src, to));
            assert!(lost.is_empty(), "to {to}: lost {lost:?}");
        }
    }
    assert!(
        convert(&sources[sources.len() - 2], Kind::Poc)
            .starts_with("# Run `  cargo  ` then `x` Implementation Plan\n")
    );
}

#[test]
fn the_templates_convert_into_the_typed_kinds_and_read_back_as_them() {
    let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/templates");
    for from in Kind::TEMPLATES {
        let src = std::fs::read_to_string(templates.join(format!("{from}.md"))).unwrap();
        for to in [Kind::Atomic, Kind::Poc, Kind::Stepwise] {
            let converted = convert(&src, to);
            let parsed = plan_doc::parse_as(to, &converted);
            assert_eq!(parsed.plan.kind(), to, "{from} to {to}");
            // Reading the conversion back and rendering it gives it back: it is in the
            // kind's layout as the renderer writes it, or kept as written.
            let rendered = plan_render::render(&parsed.plan);
            assert!(missing(&converted, &rendered).is_empty(), "{from} to {to}");
        }
        assert_eq!(convert(&src, Kind::Generic), src);
    }
}

#[test]
fn shared_sections_land_under_the_target_headings() {
    let src = "# Implementation Plan: Search\n\n**Owner**: Ada\n\n## Executive Summary\n\
               Fast search.\n\n## Implementation Phases\n\n### Phase 1: Index\n- [ ] Build it\n\n\
               ## Risk Mitigation\n- Slow disks\n\n## Sign-off\n- [ ] Ada\n";
    let poc = convert(src, Kind::Poc);
    assert_eq!(
        poc,
        "# Search Implementation Plan\n\n## Overview\n**Owner**: Ada\n\n\
         ### Executive Summary\nFast search.\n\n## Implementation Steps\n\
         <!-- was: Implementation Phases -->\n\n### Phase 1: Index\n- [ ] Build it\n\n\
         ## Risks & Mitigations\n<!-- was: Risk Mitigation -->\n- Slow disks\n\n\
         ## Notes\n\n### Sign-off\n- [ ] Ada\n"
    );
    // Progress survives: the same boxes, in the same state.
    let before = plan_doc::Document::new(src).progress();
    assert_eq!(plan_doc::Document::new(poc).progress(), before);
}

/// Conversion writes a kind's sections under the titles its vocabulary enum gives: every
/// `##` heading of a conversion into `feature`, `poc`, `scoped` or `stepwise` (but the one
/// for what has no home) is the title of one of the target's sections.
#[test]
fn conversion_takes_section_titles_from_the_vocabulary() {
    let vocabularies: [(Kind, &[plan_model::SectionName]); 4] = [
        (Kind::Feature, plan_model::feature::FeatureSection::NAMES),
        (Kind::Poc, plan_model::poc::PocSection::NAMES),
        (Kind::Scoped, plan_model::scoped::ScopedSection::NAMES),
        (Kind::Stepwise, plan_model::stepwise::StepwiseSection::NAMES),
    ];
    let mut checked = 0;
    for (target, names) in vocabularies {
        for source in Kind::TEMPLATES.into_iter().filter(|kind| *kind != target) {
            let src = plan_render::render(&plan_model::template::plan(source));
            let converted = convert(&src, target);
            let headings: Vec<&str> = converted
                .lines()
                .filter_map(|line| line.strip_prefix("## "))
                .collect();
            for heading in headings {
                checked += usize::from(names.iter().any(|name| name.title == heading));
                assert!(
                    names.iter().any(|name| name.title == heading)
                        || ["Notes", "Notes & Considerations"].contains(&heading)
                        || heading.starts_with("Phase ")
                        || heading.starts_with("Step "),
                    "{source} -> {target}: `## {heading}` is not a {target} section title"
                );
            }
        }
    }
    assert!(checked > 20, "{checked} section headings written");
}
