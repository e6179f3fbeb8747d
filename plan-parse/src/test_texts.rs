//! The texts the unit tests compare fast paths on: the five templates and every plan of
//! `../shared/corpus` (when it is beside the repository; non-UTF-8 bytes become U+FFFD).

/// The templates, then the corpus files (none, after one line naming the missing
/// folder, when the corpus is not there), as `(name, text)`.
pub(crate) fn templates_and_corpus() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = ["atomic", "feature", "poc", "stepwise", "scoped"]
        .into_iter()
        .map(|kind| {
            let (path, text) = plankit_testkit::template(kind);
            (path.display().to_string(), text)
        })
        .collect();
    for file in plankit_testkit::corpus().unwrap_or_default() {
        texts.push((file.path.display().to_string(), file.text()));
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
