//! What the `parse` and `memory` benches share: the contenders plankit is measured
//! against, and the inputs built from the repository's files.

use std::hint::black_box;
use std::path::Path;

use pulldown_cmark::{Options, Parser};

/// plankit's parse as every caller in the workspace reads (`plan_doc::parse`): with the
/// renderer that checks a loose typed reading.
pub(crate) fn plankit_parse(src: &str) -> plan_parse::Parsed {
    plan_parse::parse_with(
        src,
        plan_parse::Options {
            kind: None,
            render: Some(&plan_render::render),
        },
    )
}

/// The markdown extensions plankit reads with: GFM tables, task lists, strikethrough,
/// footnotes, front matter.
pub(crate) fn pulldown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// comrak with the same extensions.
pub(crate) fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    options.extension.footnotes = true;
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options
}

/// pulldown-cmark alone: every event with its offset.
pub(crate) fn pulldown(src: &str) -> usize {
    Parser::new_ext(src, pulldown_options())
        .into_offset_iter()
        .map(|(event, range)| black_box((event, range)).1.end)
        .fold(0, usize::wrapping_add)
}

/// comrak building its AST.
pub(crate) fn comrak(src: &str, options: &comrak::Options<'_>) -> usize {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, src, options);
    black_box(root).children().count()
}

/// The repository's root.
pub(crate) fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The feature template repeated to 10 KB and to 10 MB.
pub(crate) fn feature_plans() -> (String, String) {
    let feature = std::fs::read_to_string(root().join("fixtures/templates/feature.md"))
        .expect("the feature template is in the repository");
    (
        plankit_testkit::repeated(&feature, 10_000),
        plankit_testkit::repeated(&feature, 10_000_000),
    )
}
