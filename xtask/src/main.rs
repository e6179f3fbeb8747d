//! `cargo xtask`: regenerates plankit's generated files and checks the committed ones.
//!
//! - `cargo xtask fixtures` writes `fixtures/templates/<kind>.json`, the model of each
//!   template (built in Rust with the builders, see `plan_model::template`) as `Plan` JSON,
//!   and `fixtures/llm/<kind>.json`, the same plan in its kind's LLM profile.
//! - `cargo xtask schemas` writes `schemas/plan.schema.json`, `schemas/<kind>.schema.json`
//!   and the LLM profiles `schemas/llm/<kind>.schema.json`.
//! - `cargo xtask check` fails when a committed generated file differs from what
//!   `cargo xtask fixtures` or `cargo xtask schemas` would write now, or when a template
//!   model no longer renders to its template byte for byte.

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
        Some("fixtures") => write_all(fixtures()),
        Some("schemas") => write_all(schemas()),
        Some("check") => check(),
        _ => Err("usage: cargo xtask <fixtures|schemas|check>\n  \
             fixtures  regenerate fixtures/templates/*.json and fixtures/llm/*.json\n  \
             schemas   regenerate schemas/*.schema.json and schemas/llm/*.schema.json\n  \
             check     fail when a generated file is stale"
            .to_owned()),
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
    let mut files = fixtures()?;
    files.extend(schemas()?);
    Ok(files)
}

/// Pretty JSON with a final newline.
fn pretty(value: &impl serde::Serialize, what: &str) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|error| format!("serializing {what}: {error}"))?;
    text.push('\n');
    Ok(text)
}

/// `schemas/`: the any-plan schema, one per kind, and the LLM profiles.
fn schemas() -> Result<Vec<Generated>, String> {
    let directory = root().join("schemas");
    let mut files = vec![Generated {
        path: directory.join(plan_schema::file_name(None)),
        contents: pretty(&plan_schema::schema_for_any(), "the plan schema")?,
    }];
    for kind in Kind::ALL {
        files.push(Generated {
            path: directory.join(plan_schema::file_name(Some(kind))),
            contents: pretty(&plan_schema::schema_for(kind), "a kind's schema")?,
        });
        files.push(Generated {
            path: directory
                .join("llm")
                .join(plan_schema::file_name(Some(kind))),
            contents: pretty(&plan_schema::llm_schema_for(kind), "an LLM profile")?,
        });
    }
    Ok(files)
}

/// `fixtures/templates/<kind>.json`: each template's model as `Plan` JSON; and
/// `fixtures/llm/<kind>.json`: the same plan written to its kind's LLM profile.
fn fixtures() -> Result<Vec<Generated>, String> {
    let root = root();
    let mut files = Vec::new();
    for kind in Kind::TEMPLATES {
        let plan = template::plan(kind);
        files.push(Generated {
            path: root.join(format!("fixtures/templates/{kind}.json")),
            contents: pretty(&plan, "a template")?,
        });
        files.push(Generated {
            path: root.join(format!("fixtures/llm/{kind}.json")),
            contents: pretty(&plan_schema::to_llm(&plan), "a template in the LLM profile")?,
        });
    }
    Ok(files)
}

fn write_all(files: Result<Vec<Generated>, String>) -> Result<String, String> {
    let mut report = String::new();
    for file in files? {
        let current = std::fs::read_to_string(&file.path).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            let _ = writeln!(report, "unchanged {}", relative(&file.path));
            continue;
        }
        if let Some(parent) = file.path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("creating {}: {error}", parent.display()))?;
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
                "{} is stale: run `cargo xtask {}` and commit the result",
                relative(&file.path),
                task_for(&file.path)
            )),
            Err(error) => problems.push(format!(
                "{} cannot be read ({error}): run `cargo xtask {}`",
                relative(&file.path),
                task_for(&file.path)
            )),
        }
    }
    for kind in Kind::TEMPLATES {
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

/// The task that writes `path`.
fn task_for(path: &Path) -> &'static str {
    if path.starts_with(root().join("schemas")) {
        "schemas"
    } else {
        "fixtures"
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}
