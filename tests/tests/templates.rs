//! Every template, built as a model with the builders, renders back to its own bytes; and
//! its committed fixture JSON is that same model.

use std::path::{Path, PathBuf};

use plan_model::{Kind, Plan, template};
use rstest::rstest;
use similar_asserts::assert_eq;

fn fixture(kind: Kind, extension: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/templates")
        .join(format!("{kind}.{extension}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[rstest]
fn template_model_renders_to_the_template_byte_for_byte(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let expected = read(&fixture(kind, "md"));
    let rendered = plan_render::render(&template::plan(kind));
    assert_eq!(rendered, expected);
}
