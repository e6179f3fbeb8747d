//! `cargo xtask`: regenerates plankit's generated files and checks the committed ones.
//!
//! - `cargo xtask fixtures` writes `fixtures/templates/<kind>.json`, the model of each
//!   template (built in Rust with the builders, see `plan_model::template`) as `Plan` JSON.
//! - `cargo xtask check` fails when a committed generated file differs from what
//!   `cargo xtask fixtures` would write now, or when a template model no longer renders to
//!   its template byte for byte.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plan_model::{Kind, template};

/// A file xtask generates: where it goes and what it holds.
struct Generated {
    path: PathBuf,
    contents: String,
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("fixtures") => write_all(),
        Some("check") => check(),
        _ => Err(
            "usage: cargo xtask <fixtures|check>\n  fixtures  regenerate fixtures/templates/*.json\n  \
             check     fail when a generated file is stale"
                .to_owned(),
        ),
    };
    match result {
        Ok(report) => {
            print(&report);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint(&error);
            ExitCode::FAILURE
        }
    }
}

#[allow(clippy::print_stdout)]
fn print(text: &str) {
    print!("{text}");
}

#[allow(clippy::print_stderr)]
fn eprint(text: &str) {
    eprintln!("xtask: {text}");
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Every generated file, as it should be now.
fn generated() -> Result<Vec<Generated>, String> {
    let fixtures = root().join("fixtures/templates");
    Kind::ALL
        .into_iter()
        .map(|kind| {
            let plan = template::plan(kind);
            let mut contents = serde_json::to_string_pretty(&plan)
                .map_err(|error| format!("serializing the {kind} template: {error}"))?;
            contents.push('\n');
            Ok(Generated {
                path: fixtures.join(format!("{kind}.json")),
                contents,
            })
        })
        .collect()
}

fn write_all() -> Result<String, String> {
    let mut report = String::new();
    for file in generated()? {
        let current = std::fs::read_to_string(&file.path).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            let _ = writeln!(report, "unchanged {}", relative(&file.path));
            continue;
        }
        std::fs::write(&file.path, &file.contents)
            .map_err(|error| format!("writing {}: {error}", file.path.display()))?;
        let _ = writeln!(report, "wrote     {}", relative(&file.path));
    }
    Ok(report)
}

fn check() -> Result<String, String> {
    let mut problems = Vec::new();
    let files = generated()?;
    for file in &files {
        match std::fs::read_to_string(&file.path) {
            Ok(current) if current == file.contents => {}
            Ok(_) => problems.push(format!(
                "{} is stale: run `cargo xtask fixtures` and commit the result",
                relative(&file.path)
            )),
            Err(error) => problems.push(format!(
                "{} cannot be read ({error}): run `cargo xtask fixtures`",
                relative(&file.path)
            )),
        }
    }
    for kind in Kind::ALL {
        let path = root().join(format!("fixtures/templates/{kind}.md"));
        match std::fs::read_to_string(&path) {
            Ok(template) if template == plan_render::render(&template::plan(kind)) => {}
            Ok(_) => problems.push(format!(
                "the {kind} template model no longer renders to {}",
                relative(&path)
            )),
            Err(error) => problems.push(format!("{} cannot be read: {error}", relative(&path))),
        }
    }
    if problems.is_empty() {
        Ok(format!("{} generated files are fresh\n", files.len()))
    } else {
        Err(problems.join("\n"))
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}
