//! The texts the unit tests compare fast paths on: the five templates and every plan of
//! `../shared/corpus` (when it is beside the repository; non-UTF-8 bytes become U+FFFD).

/// The templates, then the corpus files, as `(name, text)`.
pub(crate) fn templates_and_corpus() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut texts = Vec::new();
    for kind in ["atomic", "feature", "poc", "stepwise", "scoped"] {
        let path = format!("{root}/fixtures/templates/{kind}.md");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        texts.push((path, text));
    }
    let folders = std::fs::read_dir(format!("{root}/../shared/corpus"));
    for folder in folders.into_iter().flatten().flatten() {
        for file in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let bytes = std::fs::read(file.path()).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            texts.push((file.path().display().to_string(), text));
        }
    }
    texts
}

/// The test fixtures of the `tests` crate (lenient plans, broken plans, fuzz findings),
/// as `(name, text)`.
pub(crate) fn fixtures() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let mut texts = Vec::new();
    for folder in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if file.path().extension().is_some_and(|ext| ext == "md") {
                let bytes = std::fs::read(file.path()).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                texts.push((file.path().display().to_string(), text));
            }
        }
    }
    texts
}
