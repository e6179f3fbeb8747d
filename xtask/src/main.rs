//! `cargo xtask`: regenerates plankit's generated files and checks the committed ones.
//!
//! - `cargo xtask fixtures` writes `fixtures/templates/<kind>.json`, the model of each
//!   template (built in Rust with the builders, see `plan_model::template`) as `Plan` JSON,
//!   and `fixtures/llm/<kind>.json`, the same plan in its kind's LLM profile, and the poc
//!   template the CLI README's examples run on (`plan-cli/README.in/poc.md`).
//! - `cargo xtask schemas` writes `schemas/plan.schema.json`, `schemas/<kind>.schema.json`
//!   and the LLM profiles `schemas/llm/<kind>.schema.json`.
//! - `cargo xtask corpus [--json] [DIR...]` prints, for each plan of each `DIR` (a folder
//!   laid out like the corpus; by default `../shared/corpus` and
//!   `../shared/corpus-incoming`), the detected kind, the confidence, the lines outside
//!   code blocks and the share of them that is typed, the words lost, idempotence and the
//!   checkbox count, then the totals per kind; `--json` prints one object per file.
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
        Some("corpus") => corpus(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("perf") => perf(),
        _ => Err("usage: cargo xtask <fixtures|schemas|check>\n  \
             fixtures  regenerate fixtures/templates/*.json and fixtures/llm/*.json\n  \
             schemas   regenerate schemas/*.schema.json and schemas/llm/*.schema.json\n  \
             check     fail when a generated file is stale\n  \
             corpus    [--json] [DIR...] print how the parser reads each plan of DIR\n  \
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

/// Lines kept verbatim anywhere in a plan's JSON (its `markdown` strings), counted as
/// [`plankit_testkit::prose_lines`] counts them.
fn verbatim_lines(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(key, value)| match (key.as_str(), value) {
                ("markdown", serde_json::Value::String(text)) => plankit_testkit::prose_lines(text),
                _ => verbatim_lines(value),
            })
            .sum(),
        serde_json::Value::Array(items) => items.iter().map(verbatim_lines).sum(),
        _ => 0,
    }
}

/// One row of the corpus table; `--json` prints each as an object.
#[derive(serde::Serialize)]
struct Row {
    file: String,
    folder: String,
    detected: Kind,
    confidence: f32,
    /// Non-blank lines outside code blocks ([`plankit_testkit::prose_lines`]).
    lines: usize,
    /// Those of them that land in typed fields.
    typed_lines: usize,
    words_lost: usize,
    idempotent: bool,
    checkboxes: usize,
}

impl Row {
    fn typed(&self) -> f64 {
        share(self.typed_lines, self.lines)
    }
}

/// `part` of `whole`, as a fraction; 1 for nothing of nothing.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// How the parser reads one plan.
fn corpus_row(file: &plankit_testkit::CorpusFile) -> Result<Row, String> {
    let src = file.text();
    let parsed = plan_doc::parse(&src);
    let json = serde_json::to_value(&parsed.plan)
        .map_err(|error| format!("{}: {error}", file.path.display()))?;
    let rendered = plan_render::render(&parsed.plan);
    let after = plankit_testkit::word_counts(&rendered);
    let words_lost = plankit_testkit::word_counts(&src)
        .iter()
        .map(|(word, count)| count.saturating_sub(after.get(word).copied().unwrap_or(0)))
        .sum();
    let again = plan_doc::parse(&rendered).plan;
    let lines = plankit_testkit::prose_lines(&src);
    Ok(Row {
        file: file.name(),
        folder: file.folder.to_owned(),
        detected: parsed.detection.kind,
        confidence: parsed.detection.confidence,
        lines,
        typed_lines: lines - verbatim_lines(&json).min(lines),
        words_lost,
        idempotent: again == parsed.plan,
        checkboxes: parsed.plan.progress().total,
    })
}

/// `cargo xtask corpus [--json] [DIR...]`: how the parser reads each plan of each `DIR`,
/// a folder laid out like the corpus (by default those of
/// [`plankit_testkit::CORPUS_DIRS`] that are there), and the totals.
fn corpus(args: &[String]) -> Result<String, String> {
    let json = args.iter().any(|arg| arg == "--json");
    let mut dirs: Vec<PathBuf> = args
        .iter()
        .filter(|arg| *arg != "--json")
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        dirs = plankit_testkit::CORPUS_DIRS
            .iter()
            .map(|dir| root().join(dir))
            .filter(|dir| dir.is_dir())
            .collect();
    }
    if dirs.is_empty() {
        return Err(format!(
            "no corpus: {} not found",
            root().join(plankit_testkit::CORPUS_DIRS[0]).display()
        ));
    }
    let mut rows = Vec::new();
    for dir in &dirs {
        for file in plankit_testkit::corpus_in(dir)? {
            rows.push(corpus_row(&file)?);
        }
    }
    let mut out = String::new();
    if json {
        for row in &rows {
            let line = serde_json::to_string(row).map_err(|error| error.to_string())?;
            let _ = writeln!(out, "{line}");
        }
        return Ok(out);
    }
    let _ = writeln!(
        out,
        "{:<56} {:<9} {:>5} {:>6} {:>8} {:>5} {:>10} {:>10}",
        "file", "detected", "conf", "lines", "typed", "lost", "idempotent", "checkboxes"
    );
    for row in &rows {
        let _ = writeln!(
            out,
            "{:<56} {:<9} {:>5.2} {:>6} {:>7.1}% {:>5} {:>10} {:>10}",
            row.file,
            row.detected.to_string(),
            row.confidence,
            row.lines,
            row.typed() * 100.0,
            row.words_lost,
            if row.idempotent { "yes" } else { "NO" },
            row.checkboxes
        );
    }
    let _ = writeln!(out);
    let template_rows: Vec<&Row> = rows.iter().filter(|row| row.folder != "other").collect();
    for kind in Kind::TEMPLATES {
        let of_kind: Vec<&Row> = template_rows
            .iter()
            .copied()
            .filter(|row| row.folder == kind.as_str())
            .collect();
        if !of_kind.is_empty() {
            let _ = writeln!(out, "{kind:<9} {}", totals(&of_kind));
        }
    }
    let _ = writeln!(out, "{:<9} {}", "templates", totals(&template_rows));
    let others: Vec<&Row> = rows.iter().filter(|row| row.folder == "other").collect();
    let _ = writeln!(
        out,
        "\ntotals: {} files in {}; other/: {}/{} generic; words lost: {}; idempotent: {}/{}; \
         checkboxes: {}",
        rows.len(),
        dirs.iter()
            .map(|dir| relative(dir))
            .collect::<Vec<_>>()
            .join(" and "),
        others
            .iter()
            .filter(|row| row.detected == Kind::Generic)
            .count(),
        others.len(),
        rows.iter().map(|row| row.words_lost).sum::<usize>(),
        rows.iter().filter(|row| row.idempotent).count(),
        rows.len(),
        rows.iter().map(|row| row.checkboxes).sum::<usize>(),
    );
    Ok(out)
}

/// A group of rows' detection and typed coverage: files detected as their folder, typed
/// share of their lines outside code, and the lowest file's.
fn totals(rows: &[&Row]) -> String {
    let lines: usize = rows.iter().map(|row| row.lines).sum();
    let typed: usize = rows.iter().map(|row| row.typed_lines).sum();
    let detected = rows
        .iter()
        .filter(|row| row.detected.as_str() == row.folder)
        .count();
    let lowest = rows
        .iter()
        .min_by(|a, b| a.typed().total_cmp(&b.typed()))
        .map_or_else(String::new, |row| {
            format!(", lowest {:.1}% ({})", row.typed() * 100.0, row.file)
        });
    format!(
        "{detected}/{} detected, typed {:.1}% of {lines} lines outside code{lowest}",
        rows.len(),
        share(typed, lines) * 100.0
    )
}

/// The goals the benchmarks are measured against, for the performance page.
const GOALS: &str = "\
Goals: parse at least 0.55x pulldown-cmark's own event pass and 1.5x comrak, on the\n\
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
        vec!["bench", "-p", "plan-cli", "--bench", "mcp"],
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
         print. The parse inputs are the corpus's real plans (`../shared/corpus` and\n\
         `../shared/corpus-incoming`) and each template.\n\
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
