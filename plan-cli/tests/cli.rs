//! The `plan` command, run as a user runs it: every verb on the five templates and on the
//! corpus, standard input and output, `-o`, directories, and every exit status.

use plankit_testkit::word_counts;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use rstest::rstest;
use serde_json::Value;

const TEMPLATES: [&str; 5] = ["atomic", "feature", "poc", "stepwise", "scoped"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("plan-cli lives one level below the workspace root")
        .to_path_buf()
}

fn template(kind: &str) -> PathBuf {
    root().join("fixtures/templates").join(format!("{kind}.md"))
}

fn fixture_json(kind: &str) -> PathBuf {
    root()
        .join("fixtures/templates")
        .join(format!("{kind}.json"))
}

/// The corpus folder; `None` (after one line naming the missing path) without it.
fn corpus() -> Option<PathBuf> {
    plankit_testkit::corpus_dir()
}

/// Every corpus folder there is: the corpus and the plans waiting to join it.
fn corpus_dirs() -> Vec<PathBuf> {
    plankit_testkit::CORPUS_DIRS
        .iter()
        .map(|dir| plankit_testkit::root().join(dir))
        .filter(|dir| dir.is_dir())
        .collect()
}

/// Every corpus plan of [`corpus_dirs`], sorted; none without the corpus.
fn corpus_files() -> Vec<PathBuf> {
    plankit_testkit::corpus()
        .unwrap_or_default()
        .into_iter()
        .map(|file| file.path)
        .collect()
}

fn plan() -> Command {
    let mut command = cargo_bin_cmd!("plan");
    command.env_remove("NO_COLOR");
    command
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("the output is UTF-8")
}

#[rstest]
fn parse_then_render_gives_back_each_template_byte_for_byte(
    #[values("atomic", "feature", "poc", "stepwise", "scoped")] kind: &str,
) {
    let source = std::fs::read(template(kind)).unwrap();
    let json = plan().arg("parse").arg(template(kind)).assert().success();
    let json = json.get_output().stdout.clone();
    let value: Value = serde_json::from_slice(&json).expect("parse prints JSON");
    assert!(value["kind"].is_string());
    plan()
        .args(["render", "-"])
        .write_stdin(json)
        .assert()
        .success()
        .stdout(predicate::eq(source));
}

#[rstest]
fn parse_prints_the_typed_model_of_the_typed_templates(
    #[values("atomic", "poc", "stepwise")] kind: &str,
) {
    let output = plan().arg("parse").arg(template(kind)).output().unwrap();
    let parsed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture_json(kind)).unwrap()).unwrap();
    assert_eq!(parsed, fixture);
}

#[test]
fn parse_then_render_keeps_every_word_of_every_corpus_file() {
    let files = corpus_files();
    let mut checked = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let parse = plan().arg("parse").arg(file).output().unwrap();
        let Ok(source) = String::from_utf8(bytes) else {
            // Not UTF-8: refused, saying where, and nothing printed.
            assert_eq!(parse.status.code(), Some(2), "{}", file.display());
            let stderr = String::from_utf8_lossy(&parse.stderr);
            assert!(
                stderr.contains(&file.display().to_string()) && stderr.contains("not UTF-8"),
                "{stderr}"
            );
            assert!(parse.stdout.is_empty());
            continue;
        };
        assert_eq!(parse.status.code(), Some(0), "{}", file.display());
        let render = plan()
            .args(["render", "-"])
            .write_stdin(parse.stdout)
            .output()
            .unwrap();
        assert_eq!(render.status.code(), Some(0), "{}", file.display());
        let rendered = stdout(&render);
        assert_eq!(
            word_counts(&rendered),
            word_counts(&source),
            "{}",
            file.display()
        );
        checked += 1;
    }
    if corpus().is_some() {
        assert!(checked >= 40, "only {checked} corpus files were read");
    }
}

#[rstest]
fn parse_reads_a_corpus_file_of_each_kind_as_its_kind(
    #[values(
        ("atomic", "atomic"),
        ("poc", "poc"),
        ("stepwise", "stepwise"),
        ("feature", "feature"),
        ("scoped", "scoped"),
        ("other", "generic")
    )]
    (folder, kind): (&str, &str),
) {
    let Some(corpus) = corpus() else { return };
    let files = corpus_files();
    let file = files
        .iter()
        .find(|file| {
            file.starts_with(corpus.join(folder))
                && std::fs::read_to_string(file).is_ok_and(|src| {
                    plan_parse::detect(&src).kind.to_string() == folder || folder == "other"
                })
        })
        .expect("a readable corpus file of the folder's kind");
    let output = plan()
        .args(["parse", "--compact"])
        .arg(file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "--compact prints one line");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["kind"], kind, "{}", file.display());
}

#[rstest]
fn render_turns_each_fixture_into_its_template(
    #[values("atomic", "feature", "poc", "stepwise", "scoped")] kind: &str,
) {
    plan()
        .arg("render")
        .arg(fixture_json(kind))
        .assert()
        .success()
        .stdout(predicate::eq(std::fs::read(template(kind)).unwrap()));
}

#[test]
fn convert_takes_the_direction_from_the_extensions_and_writes_with_o() {
    let directory = tempfile::tempdir().unwrap();
    for kind in TEMPLATES {
        let json = directory.path().join(format!("{kind}.json"));
        let markdown = directory.path().join(format!("{kind}.md"));
        plan()
            .arg("convert")
            .arg(template(kind))
            .arg("-o")
            .arg(&json)
            .assert()
            .success()
            .stdout("");
        let value: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        assert!(value["kind"].is_string());
        plan()
            .arg("convert")
            .arg(&json)
            .arg("-o")
            .arg(&markdown)
            .assert()
            .success();
        assert_eq!(
            std::fs::read(&markdown).unwrap(),
            std::fs::read(template(kind)).unwrap()
        );
    }
    // `-o -` is standard output; `--to` says which way.
    plan()
        .arg("convert")
        .arg(template("poc"))
        .args(["-o", "-", "--to", "json"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("{\n  \"kind\": \"poc\""));
    // Markdown to markdown is not a conversion.
    plan()
        .arg("convert")
        .arg(template("poc"))
        .arg("-o")
        .arg(directory.path().join("again.md"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already markdown"));
}

#[rstest]
fn detect_names_each_template_with_its_evidence(
    #[values("atomic", "feature", "poc", "stepwise", "scoped")] kind: &str,
) {
    let output = plan()
        .args(["detect", "--json"])
        .arg(template(kind))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["kind"], kind);
    assert!(value["confidence"].as_f64().unwrap() > 0.5);
    assert!(!value["evidence"].as_array().unwrap().is_empty());
    plan()
        .arg("detect")
        .arg(template(kind))
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(": {kind} (confidence ")));
}

#[test]
fn detect_reads_directories_and_standard_input() {
    let Some(corpus) = corpus() else { return };
    let output = plan()
        .arg("detect")
        .arg(corpus.join("other"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let other = corpus_files()
        .iter()
        .filter(|file| file.starts_with(corpus.join("other")))
        .count();
    assert_eq!(stdout(&output).lines().count(), other);
    plan()
        .args(["detect", "-"])
        .write_stdin("# Current Implementation Plan - X\n\n## Next Atomic Step: Y\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<stdin>: atomic"));
}

#[rstest]
fn validate_accepts_each_template_and_its_json(
    #[values("atomic", "feature", "poc", "stepwise", "scoped")] kind: &str,
) {
    plan()
        .arg("validate")
        .arg(template(kind))
        .arg(fixture_json(kind))
        .assert()
        .success()
        .stdout(predicate::str::contains("validated 2 files"))
        .stdout(predicate::str::contains("0 errors, 0 failed"));
}

#[test]
fn validate_exits_1_on_an_invalid_json_plan_and_says_where() {
    let directory = tempfile::tempdir().unwrap();
    let broken = directory.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"kind\": \"generic\",\n  \"title\": \"X\",\n  \"sections\": 3\n}\n",
    )
    .unwrap();
    plan()
        .arg("validate")
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "--> {}:4:15",
            broken.display()
        )))
        .stdout(predicate::str::contains(
            "4 |   \"sections\": 3\n  |               ^ /sections",
        ));
    plan()
        .args(["validate", "--diagnostics", "json"])
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicate::function(|out: &str| {
            out.lines().all(|line| {
                let value: Value = serde_json::from_str(line).unwrap();
                value["pointer"] == "/sections" && value["line"] == 4 && value["column"] == 15
            }) && !out.is_empty()
        }));
}

/// Every broken plan that Python's `jsonschema` and ajv refuse (`tests/schema/broken.json`,
/// checked by `tests/schema/validate.py` and `validate.mjs` at the same pointer), `plan
/// validate` refuses at that pointer and keyword.
#[test]
fn validate_refuses_each_broken_plan_where_the_other_validators_do() {
    let cases: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/schema/broken.json")).unwrap())
            .unwrap();
    let directory = tempfile::tempdir().unwrap();
    for case in cases.as_array().unwrap() {
        let file = directory.path().join("case.json");
        std::fs::write(&file, case["plan"].to_string()).unwrap();
        let output = plan()
            .args(["validate", "--diagnostics", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", case["name"]);
        let found: Vec<Value> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .map(|diagnostic| diagnostic["pointer"].clone())
            .collect();
        assert!(
            found.contains(&case["pointer"]),
            "{}: {found:?}",
            case["name"]
        );
    }
}

/// A model's answer in a kind's LLM profile renders with `--llm` to the template itself;
/// without the flag it is read as one, with a note.
#[rstest]
fn render_llm_gives_the_template_bytes(
    #[values("atomic", "feature", "poc", "stepwise", "scoped")] kind: &str,
) {
    let answer = root().join("fixtures/llm").join(format!("{kind}.json"));
    let template = std::fs::read_to_string(template(kind)).unwrap();
    plan()
        .args(["render", "--llm"])
        .arg(&answer)
        .assert()
        .success()
        .stdout(template.clone())
        .stderr("");
    plan()
        .arg("render")
        .arg(&answer)
        .assert()
        .success()
        .stdout(template)
        .stderr(predicate::str::contains("read as the LLM profile"));
    plan()
        .args(["validate", "--llm"])
        .arg(&answer)
        .assert()
        .success();
    // A plain plan is not an answer in the profile.
    plan()
        .args(["render", "--llm"])
        .arg(fixture_json(kind))
        .assert()
        .code(1);
}

#[test]
fn whole_numbers_are_integers_and_lone_surrogates_are_refused_saying_where() {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("plan.json");
    std::fs::write(
        &file,
        r#"{"kind": "generic", "schema_version": 1.0, "title": "X", "sections": [{"level": 2.0, "title": "Notes"}]}"#,
    )
    .unwrap();
    plan()
        .arg("render")
        .arg(&file)
        .assert()
        .success()
        .stdout("## Notes\n");
    std::fs::write(&file, "{\"kind\": \"generic\",\n \"title\": \"a\\ud800b\"}").unwrap();
    plan()
        .arg("render")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":2:13\n"))
        .stderr(predicate::str::contains(
            "`\\ud800` is a lone surrogate, not text",
        ));
}

#[test]
fn validate_runs_over_the_whole_corpus_and_sums_it_up() {
    if corpus().is_none() {
        return;
    }
    let files = corpus_files();
    let unreadable = files
        .iter()
        .filter(|file| String::from_utf8(std::fs::read(file).unwrap()).is_err())
        .count();
    let folders = corpus_dirs().into_iter().flat_map(|dir| {
        plankit_testkit::FOLDERS
            .iter()
            .map(move |folder| dir.join(folder))
            .filter(|folder| folder.is_dir())
    });
    let output = plan().arg("validate").args(folders).output().unwrap();
    let text = stdout(&output);
    let summary = text.lines().last().unwrap();
    assert!(
        summary.starts_with(&format!("validated {} files (", files.len())),
        "{summary}"
    );
    assert!(
        summary.ends_with(&format!("0 errors, {unreadable} failed")),
        "{summary}"
    );
    let expected = if unreadable > 0 { 2 } else { 0 };
    assert_eq!(output.status.code(), Some(expected));
    assert!(text.contains("warning[P002]"));
}

#[rstest]
fn schema_prints_the_committed_schema(
    #[values(
        None,
        Some("atomic"),
        Some("feature"),
        Some("poc"),
        Some("stepwise"),
        Some("scoped"),
        Some("generic")
    )]
    kind: Option<&str>,
) {
    let name = kind.map_or("plan.schema.json".to_owned(), |kind| {
        format!("{kind}.schema.json")
    });
    let mut command = plan();
    command.arg("schema").args(kind);
    command.assert().success().stdout(predicate::eq(
        std::fs::read(root().join("schemas").join(&name)).unwrap(),
    ));
    if let Some(kind) = kind {
        plan()
            .args(["schema", kind, "--llm"])
            .assert()
            .success()
            .stdout(predicate::eq(
                std::fs::read(root().join("schemas/llm").join(&name)).unwrap(),
            ));
    }
}

#[rstest]
fn new_prints_the_repaired_template_and_sets_the_title(
    #[values("atomic", "feature", "poc", "stepwise", "scoped")] kind: &str,
) {
    // The template, its mis-decoded emoji and symbols repaired.
    let text = std::fs::read_to_string(template(kind)).unwrap();
    plan()
        .args(["new", kind])
        .assert()
        .success()
        .stdout(predicate::eq(plan_doc::encoding::repair_text(&text).0));
    let output = plan()
        .args(["new", kind, "--title", "Search Index"])
        .output()
        .unwrap();
    let markdown = stdout(&output);
    assert!(markdown.contains("Search Index"), "{markdown}");
    let parsed = plan()
        .args(["parse", "-"])
        .write_stdin(markdown)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&parsed.stdout).unwrap();
    if value["kind"] == kind {
        assert_eq!(value["title"], "Search Index");
    } else {
        // Read as a generic plan (no typed reader for the kind yet): the title is the
        // whole top heading.
        assert_eq!(value["kind"], "generic", "{kind}");
        assert!(value["title"].as_str().unwrap().ends_with("Search Index"));
    }
}

#[test]
fn new_never_replaces_a_file_without_force() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    std::fs::write(&path, "mine\n").unwrap();
    plan()
        .args(["new", "generic", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine\n");
    plan()
        .args(["new", "generic", "--force", "--title", "Mine", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Mine\n")
    );
}

#[test]
fn fmt_leaves_formatted_plans_alone_and_check_exits_0() {
    let directory = tempfile::tempdir().unwrap();
    for kind in TEMPLATES {
        std::fs::copy(template(kind), directory.path().join(format!("{kind}.md"))).unwrap();
    }
    plan()
        .args(["fmt", "--check"])
        .arg(directory.path())
        .assert()
        .success()
        .stdout("checked 5 files: 0 would be reformatted, 0 left as they are, 0 failed\n");
    plan().arg("fmt").arg(directory.path()).assert().success();
    for kind in TEMPLATES {
        assert_eq!(
            std::fs::read(directory.path().join(format!("{kind}.md"))).unwrap(),
            std::fs::read(template(kind)).unwrap()
        );
    }
}

#[test]
fn fmt_rewrites_into_the_canonical_layout_and_check_exits_1() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    let template_text = std::fs::read_to_string(template("stepwise")).unwrap();
    let loose = template_text.replacen("\n\n", "\n\n\n", 3);
    std::fs::write(&path, &loose).unwrap();
    plan()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("would be reformatted"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), loose);
    plan().arg("fmt").arg(&path).assert().success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), template_text);
    plan()
        .args(["fmt", "-"])
        .write_stdin(loose)
        .assert()
        .success()
        .stdout(template_text);
}

#[test]
fn fmt_does_not_move_text_a_person_wrote() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    let template_text = std::fs::read_to_string(template("stepwise")).unwrap();
    let at = template_text.find("\n## ").unwrap() + 1;
    let mine = format!(
        "{}## Notes\n\nRead me first.\n\n{}",
        &template_text[..at],
        &template_text[at..]
    );
    std::fs::write(&path, &mine).unwrap();
    plan()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("left as it is"));
    plan()
        .arg("fmt")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("from `Notes` on"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);
}

#[test]
fn parse_and_convert_walk_a_directory_into_an_output_directory() {
    let directory = tempfile::tempdir().unwrap();
    let input = directory.path().join("plans");
    std::fs::create_dir_all(input.join("nested")).unwrap();
    for kind in ["poc", "scoped"] {
        std::fs::copy(template(kind), input.join(format!("{kind}.md"))).unwrap();
    }
    std::fs::copy(template("atomic"), input.join("nested/atomic.md")).unwrap();
    std::fs::write(input.join("notes.txt"), "not a plan").unwrap();
    let out = directory.path().join("json");
    plan()
        .arg("parse")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("")
        // No progress bar when standard error is not a terminal: the diagnostics (the
        // scoped template's three placeholder dates) and the summary.
        .stderr(
            predicate::str::ends_with(
                "parsed 3 files (1 atomic, 1 poc, 1 scoped): 3 warnings, 0 errors, 0 failed\n",
            )
            .and(predicate::str::contains('\u{1b}').not())
            .and(predicate::str::contains("P003").count(3)),
        );
    for name in ["poc.json", "scoped.json", "nested/atomic.json"] {
        let value: Value = serde_json::from_slice(&std::fs::read(out.join(name)).unwrap())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(value["kind"].is_string());
    }
    assert!(!out.join("notes.json").exists());
    let back = directory.path().join("back");
    plan()
        .arg("convert")
        .arg(&out)
        .arg("-o")
        .arg(&back)
        .assert()
        .success();
    for (name, kind) in [
        ("poc.md", "poc"),
        ("scoped.md", "scoped"),
        ("nested/atomic.md", "atomic"),
    ] {
        assert_eq!(
            std::fs::read(back.join(name)).unwrap(),
            std::fs::read(template(kind)).unwrap()
        );
    }
    // A directory needs somewhere to put its output.
    plan()
        .arg("parse")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory; give `-o OUTDIR`"));
}

#[test]
fn diagnostics_are_lines_of_json_on_request_and_coloured_only_when_asked() {
    let src = "# Plan\n\nLast Updated: soon\n\n## TLDR\n\nShip it.\n\n## Phase Overview\n\n## Wishes\n\nMore.\n";
    let output = plan()
        .args(["--diagnostics", "json", "parse", "-"])
        .write_stdin(src)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let first: Value = serde_json::from_str(stderr.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "P003");
    assert_eq!(first["severity"], "warning");
    assert_eq!(
        (first["line"].clone(), first["column"].clone()),
        (3.into(), 15.into())
    );
    assert_eq!(first["path"], "<stdin>");

    let plain = plan()
        .args(["parse", "-"])
        .write_stdin(src)
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stderr).unwrap();
    assert!(plain.contains("<stdin>:3:15"), "{plain}");
    assert!(!plain.contains('\x1b'), "no colours when not on a terminal");
    let coloured = plan()
        .args(["--color", "always", "parse", "-"])
        .write_stdin(src)
        .output()
        .unwrap();
    assert!(String::from_utf8(coloured.stderr).unwrap().contains('\x1b'));
    let quiet = plan()
        .args(["-q", "parse", "-"])
        .write_stdin(src)
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        plan()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("validate"));
    }
    plan().arg("man").assert().success().stdout(
        predicate::str::starts_with(".ie \\n(.g .ds Aq \\(aq")
            .or(predicate::str::contains(".TH plan")),
    );
}

#[test]
fn help_documents_the_exit_statuses_and_usage_errors_exit_2() {
    plan()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status:"))
        .stdout(predicate::str::contains("2  usage or I/O failure"));
    plan().arg("frobnicate").assert().code(2);
    plan().args(["parse"]).assert().code(2);
    plan().args(["schema", "--llm"]).assert().code(2);
}

#[rstest]
fn every_file_verb_works_on_a_corpus_file_of_each_kind(
    #[values("atomic", "feature", "poc", "stepwise", "scoped", "other")] folder: &str,
) {
    let Some(corpus) = corpus() else { return };
    let files = corpus_files();
    let (file, source) = files
        .iter()
        .filter(|file| file.starts_with(corpus.join(folder)))
        .find_map(|file| {
            let source = String::from_utf8(std::fs::read(file).unwrap()).ok()?;
            Some((file, source))
        })
        .expect("a UTF-8 corpus file in each folder");
    let kind = plan_parse::detect(&source).kind.to_string();
    plan()
        .arg("detect")
        .arg(file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "{}: {kind} (",
            file.display()
        )));
    plan().arg("validate").arg(file).assert().success();

    let directory = tempfile::tempdir().unwrap();
    let json = directory.path().join("plan.json");
    let markdown = directory.path().join("plan.md");
    plan()
        .arg("convert")
        .arg(file)
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    plan()
        .arg("validate")
        .arg(&json)
        .assert()
        .success()
        .stdout("");
    plan()
        .arg("convert")
        .arg(&json)
        .arg("-o")
        .arg(&markdown)
        .assert()
        .success();
    let back = std::fs::read_to_string(&markdown).unwrap();
    assert_eq!(
        word_counts(&back),
        word_counts(&source),
        "{}",
        file.display()
    );

    // `fmt` on a copy: whatever it does, every word stays, in order, and a second run
    // changes nothing.
    let copy = directory.path().join("copy.md");
    std::fs::write(&copy, &source).unwrap();
    plan().arg("fmt").arg(&copy).assert().success();
    let formatted = std::fs::read_to_string(&copy).unwrap();
    let in_order = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        in_order(&formatted),
        in_order(&source),
        "{}",
        file.display()
    );
    plan()
        .args(["fmt", "--check"])
        .arg(&copy)
        .assert()
        .success();
}
