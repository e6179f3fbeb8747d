//! Parses every file of a directory tree many times (`profile_parse DIR [ROUNDS]`), for a
//! profiler or a quick timing.
#![allow(missing_docs, clippy::print_stdout, reason = "a profiling aid")]
fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus".to_owned());
    let mut files = Vec::new();
    for folder in std::fs::read_dir(&root).unwrap().flatten() {
        for entry in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                files.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let mut total = 0;
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(20);
    for _ in 0..rounds {
        for file in &files {
            total += plan_parse::parse(file).diagnostics.len();
        }
    }
    println!("{total}");
}
