//! The lenient readings shared by the kinds, each on a small plan written the way real
//! plans are (`tests/fixtures/lenient/`): what lands in typed fields, and that each reads
//! back the same and keeps every word.

use plan_model::{Kind, Plan};

/// Reads the fixture at `path` as `kind`, and checks that it reads back the same, keeps
/// every word and counts every task.
fn read(kind: Kind, path: &std::path::Path) -> (String, Plan) {
    let src = std::fs::read_to_string(path).expect("the fixture reads");
    let plan = plan_doc::parse_as(kind, &src).plan;
    assert_eq!(plan.kind(), kind);
    let rendered = plan_render::render(&plan);
    assert_eq!(
        plan_doc::parse_as(kind, &rendered).plan,
        plan,
        "{kind}: reads back the same"
    );
    let (before, after) = (
        plankit_testkit::word_counts(&src),
        plankit_testkit::word_counts(&rendered),
    );
    for (word, count) in &before {
        assert!(
            after.get(word).copied().unwrap_or(0) >= *count,
            "{kind}: lost {word}"
        );
    }
    assert_eq!(
        plan.progress().total,
        crate::support::checkbox_count(&src).1,
        "{kind}: tasks counted"
    );
    (src, plan)
}

/// Each kind's section names as its vocabulary enum gives them.
fn vocabularies() -> [(Kind, &'static [plan_model::SectionName]); 3] {
    [
        (Kind::Feature, plan_model::feature::FeatureSection::NAMES),
        (Kind::Scoped, plan_model::scoped::ScopedSection::NAMES),
        (Kind::Stepwise, plan_model::stepwise::StepwiseSection::NAMES),
    ]
}

/// The readers take their section names from the vocabulary enums: in each template, a
/// section's heading rewritten as any alias the enum gives it reads as that section (its
/// heading kept as written) and the rest of the plan as the template's.
#[test]
fn every_alias_in_the_vocabulary_reads_as_its_section() {
    let mut tried = 0;
    for (kind, names) in vocabularies() {
        let template = plan_render::render(&plan_model::template::plan(kind));
        for name in names {
            let heading = format!("\n## {}\n", name.title);
            if !template.contains(&heading) {
                continue;
            }
            for alias in name.aliases {
                let written = format!("## {alias}");
                let src = template.replacen(&heading, &format!("\n{written}\n"), 1);
                let plan = plan_doc::parse_as(kind, &src).plan;
                let mut json = serde_json::to_value(&plan).expect("a plan serializes");
                let kept = json["headings"][name.key].take();
                if kept.is_string() {
                    assert_eq!(kept, written, "{kind}: `{alias}` kept as written");
                    json["headings"]
                        .as_object_mut()
                        .expect("headings is a map")
                        .remove(name.key);
                    if json["headings"]
                        .as_object()
                        .is_some_and(|map| map.is_empty())
                    {
                        json.as_object_mut()
                            .expect("a plan is an object")
                            .remove("headings");
                    }
                } else {
                    assert!(
                        name.title.eq_ignore_ascii_case(alias),
                        "{kind}: `{alias}` is not read as `{}`",
                        name.key
                    );
                }
                let template_json = serde_json::to_value(plan_model::template::plan(kind))
                    .expect("a plan serializes");
                assert_eq!(
                    json, template_json,
                    "{kind}: `{alias}` reads as `{}`",
                    name.key
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 40, "{tried} aliases tried");
}

/// Every leniency fixture (`fixtures/lenient/KIND[-case].md`, `fixtures/scoped/*.md`) as a
/// fixture pair: its typed reading as JSON and its diagnostics, pinned by insta snapshots
/// (`snapshots/integration__lenient__*.snap`), besides reading back the same, keeping
/// every word and counting every task ([`read`]). What each fixture shows is listed in
/// `fixtures/lenient/README.md`.
#[test]
fn leniency_fixtures_read_as_their_snapshots() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases: Vec<(Kind, String, std::path::PathBuf)> = Vec::new();
    for (folder, kind) in [("lenient", None), ("scoped", Some(Kind::Scoped))] {
        for entry in std::fs::read_dir(root.join(folder)).expect("the fixtures are there") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_none_or(|extension| extension != "md")
                || path.ends_with("README.md")
            {
                continue;
            }
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let kind = kind.unwrap_or_else(|| {
                stem.split('-')
                    .next()
                    .unwrap_or_default()
                    .parse()
                    .expect("named by its kind")
            });
            cases.push((kind, format!("{folder}-{stem}"), path));
        }
    }
    cases.sort_by(|a, b| a.1.cmp(&b.1));
    assert!(cases.len() >= 13, "{} fixtures", cases.len());
    for (kind, name, path) in cases {
        let (src, _) = read(kind, &path);
        let parsed = plan_doc::parse_as(kind, &src);
        let json = serde_json::to_string_pretty(&parsed.plan).expect("a plan serializes");
        let diagnostics: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.render(&format!("{name}.md"), &src))
            .collect();
        insta::assert_snapshot!(
            name,
            format!(
                "{json}\n\n--- diagnostics ---\n\n{}",
                diagnostics.join("\n")
            )
        );
    }
}
