//! `cargo xtask`: regenerates plankit's generated files and checks the committed ones.
//!
//! - `cargo xtask fixtures` writes `fixtures/templates/<kind>.json`, the model of each
//!   template (built in Rust with the builders, see `plan_model::template`) as `Plan` JSON,
//!   and `fixtures/llm/<kind>.json`, the same plan in its kind's LLM profile, and the poc
//!   template the CLI README's examples run on (`plan-cli/README.in/poc.md`).
//! - `cargo xtask schemas` writes `schemas/plan.schema.json`, `schemas/<kind>.schema.json`
//!   and the LLM profiles `schemas/llm/<kind>.schema.json`.
//! - `cargo xtask corpus` prints, for each plan of `../shared/corpus`, the detected kind,
//!   the confidence, the typed coverage, the words lost, idempotence and the checkbox
//!   count, and the totals.
//! - `cargo xtask perf` runs the benchmarks (`cargo bench -p plan-parse -- zzz_nomatch`,
//!   the ratio pass and the memory bench, and `cargo bench -p plan-doc`) and writes
//!   `docs/performance.md` from what they print, with the date and the machine.
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
        Some("corpus") => corpus(),
        Some("perf") => perf(),
        _ => Err("usage: cargo xtask <fixtures|schemas|check>\n  \
             fixtures  regenerate fixtures/templates/*.json and fixtures/llm/*.json\n  \
             schemas   regenerate schemas/*.schema.json and schemas/llm/*.schema.json\n  \
             check     fail when a generated file is stale\n  \
             corpus    print how the parser reads each plan of ../shared/corpus\n  \
             perf      run the benchmarks and rewrite docs/performance.md"
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

/// `fixtures/templates/<kind>.json`: each template's model as `Plan` JSON;
/// `fixtures/llm/<kind>.json`: the same plan written to its kind's LLM profile; and the poc
/// template the CLI README's examples run on (`plan-cli/README.in/`, `README.out/`).
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
    // The CLI README's examples run on a copy of the poc template, which they leave as it was.
    let poc = plan_render::render(&template::plan(Kind::Poc));
    for directory in ["README.in", "README.out"] {
        files.push(Generated {
            path: root.join("plan-cli").join(directory).join("poc.md"),
            contents: poc.clone(),
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

/// Non-blank lines of `text`.
fn content_lines(text: &str) -> usize {
    text.lines().filter(|line| !line.trim().is_empty()).count()
}

/// Non-blank lines kept verbatim anywhere in a plan's JSON (`markdown` strings).
fn verbatim_lines(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(key, value)| match (key.as_str(), value) {
                ("markdown", serde_json::Value::String(text)) => content_lines(text),
                _ => verbatim_lines(value),
            })
            .sum(),
        serde_json::Value::Array(items) => items.iter().map(verbatim_lines).sum(),
        _ => 0,
    }
}

/// One row of the corpus table.
struct Row {
    file: String,
    folder: String,
    kind: Kind,
    confidence: f32,
    lines: usize,
    verbatim: usize,
    lost: usize,
    idempotent: bool,
    checkboxes: usize,
}

fn corpus() -> Result<String, String> {
    let corpus = root().join("../shared/corpus");
    let mut rows = Vec::new();
    for folder in ["atomic", "feature", "poc", "stepwise", "scoped", "other"] {
        let directory = corpus.join(folder);
        let entries = std::fs::read_dir(&directory)
            .map_err(|error| format!("{}: {error}", directory.display()))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes =
                std::fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
            let src = String::from_utf8_lossy(&bytes);
            let parsed = plan_doc::parse(&src);
            let json = serde_json::to_value(&parsed.plan)
                .map_err(|error| format!("{}: {error}", path.display()))?;
            let rendered = plan_render::render(&parsed.plan);
            let after = plankit_testkit::word_counts(&rendered);
            let lost = plankit_testkit::word_counts(&src)
                .iter()
                .map(|(word, count)| count.saturating_sub(after.get(word).copied().unwrap_or(0)))
                .sum();
            let again = plan_doc::parse(&rendered).plan;
            rows.push(Row {
                file: format!(
                    "{folder}/{}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ),
                folder: folder.to_owned(),
                kind: parsed.detection.kind,
                confidence: parsed.detection.confidence,
                lines: content_lines(&src),
                verbatim: verbatim_lines(&json),
                lost,
                idempotent: again == parsed.plan,
                checkboxes: parsed.plan.progress().total,
            });
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<56} {:<9} {:>5} {:>8} {:>5} {:>10} {:>10}",
        "file", "detected", "conf", "typed", "lost", "idempotent", "checkboxes"
    );
    for row in &rows {
        let typed = 1.0 - row.verbatim.min(row.lines) as f64 / row.lines.max(1) as f64;
        let _ = writeln!(
            out,
            "{:<56} {:<9} {:>5.2} {:>7.1}% {:>5} {:>10} {:>10}",
            row.file,
            row.kind.to_string(),
            row.confidence,
            typed * 100.0,
            row.lost,
            if row.idempotent { "yes" } else { "NO" },
            row.checkboxes
        );
    }
    let template_rows: Vec<&Row> = rows.iter().filter(|row| row.folder != "other").collect();
    let lines: usize = template_rows.iter().map(|row| row.lines).sum();
    let verbatim: usize = template_rows
        .iter()
        .map(|row| row.verbatim.min(row.lines))
        .sum();
    let detected = template_rows
        .iter()
        .filter(|row| row.kind.as_str() == row.folder)
        .count();
    let others: Vec<&Row> = rows.iter().filter(|row| row.folder == "other").collect();
    let _ = writeln!(
        out,
        "\ntotals: {} files; template kinds: {detected}/{} detected as their folder, typed coverage \
         {:.1}% of {lines} non-blank lines; other/: {}/{} generic; words lost: {}; \
         idempotent: {}/{}; checkboxes: {}",
        rows.len(),
        template_rows.len(),
        100.0 * (1.0 - verbatim as f64 / lines.max(1) as f64),
        others
            .iter()
            .filter(|row| row.kind == Kind::Generic)
            .count(),
        others.len(),
        rows.iter().map(|row| row.lost).sum::<usize>(),
        rows.iter().filter(|row| row.idempotent).count(),
        rows.len(),
        rows.iter().map(|row| row.checkboxes).sum::<usize>(),
    );
    Ok(out)
}

/// The goals the benchmarks are measured against, for the performance page.
const GOALS: &str = "\
Goals: parse at least 0.5x pulldown-cmark's own event pass and 1.5x comrak, on the\n\
corpus and on each template; render at least 1x pulldown-cmark's parse; parse time per\n\
byte for a 10 MB plan at most 1.5x that for a 16 KB one; peak memory at most 4x the\n\
input plus a constant; unedited write-back at most 2x a `String::clone`; one checkbox\n\
edit under a tenth of a parse. Ratios come from interleaved rounds in one run, so they\n\
hold whatever else the machine does; absolute figures vary by machine and moment.";

/// `cargo xtask perf`: runs the benchmarks and writes `docs/performance.md` from what
/// they print.
fn perf() -> Result<String, String> {
    let runs = [
        vec!["bench", "-p", "plan-parse", "--", "zzz_nomatch"],
        vec!["bench", "-p", "plan-doc"],
    ];
    let mut sections = String::new();
    for args in &runs {
        let output = std::process::Command::new(env!("CARGO"))
            .args(args)
            .current_dir(root())
            .output()
            .map_err(|error| format!("cargo {}: {error}", args.join(" ")))?;
        if !output.status.success() {
            return Err(format!(
                "cargo {} failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        sections.push_str(&bench_sections(&String::from_utf8_lossy(&output.stdout)));
    }
    let date = command_line("date", &["+%Y-%m-%d"]).unwrap_or_else(|| "unknown date".to_owned());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .map(|name| name.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "an unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let page = format!(
        "# Performance\n\n\
         Written by `cargo xtask perf` on {date}, on {cores} cores of {cpu},\n\
         from what `cargo bench -p plan-parse -- zzz_nomatch` and `cargo bench -p plan-doc`\n\
         print. The parse inputs are the real plans of `../shared/corpus` and each template.\n\
         Run the command again to regenerate this page; do not edit it by hand.\n\n\
         {GOALS}\n\n{sections}"
    );
    let path = root().join("docs/performance.md");
    std::fs::write(&path, page).map_err(|error| format!("writing {}: {error}", path.display()))?;
    Ok(format!("wrote {}\n", relative(&path)))
}

/// Each `== title ==` section a benchmark prints, as a heading and a text block.
fn bench_sections(output: &str) -> String {
    let mut page = String::new();
    let mut open = false;
    for line in output.lines() {
        if let Some(title) = line
            .strip_prefix("== ")
            .and_then(|line| line.strip_suffix(" =="))
        {
            if open {
                page.push_str("```\n\n");
            }
            let _ = writeln!(page, "## {}\n\n```text", capitalized(title));
            open = true;
        } else if open && !line.trim().is_empty() && !libtest_line(line) {
            let _ = writeln!(page, "{line}");
        }
    }
    if open {
        page.push_str("```\n\n");
    }
    page
}

/// Whether `line` is libtest's report on a crate's tests, which `cargo bench` runs (and
/// ignores) beside the benchmarks.
fn libtest_line(line: &str) -> bool {
    line.starts_with("running ")
        || line.starts_with("test result:")
        || line.chars().all(|c| matches!(c, 'i' | '.'))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What `program args` prints, trimmed, when it runs.
fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
