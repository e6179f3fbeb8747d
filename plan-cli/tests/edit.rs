//! `plan status`, `next`, `check`, `uncheck` and `set-status`, run as a user runs them,
//! on the corpus and on small plans written here.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

fn plan() -> Command {
    cargo_bin_cmd!("plan")
}

/// Every corpus plan, sorted; none (after one line naming the missing path) without the
/// corpus.
fn corpus_files() -> Vec<PathBuf> {
    plankit_testkit::corpus()
        .unwrap_or_default()
        .into_iter()
        .map(|file| file.path)
        .collect()
}

/// `(checked, total)` of `- [ ]` / `- [x]` lines (any bullet or number, in quotes too)
/// outside backtick and tilde fences, or with `optional` of Kiro's `- [ ]*` lines: a count
/// that does not use the parser.
fn plain_count(src: &str, optional: bool) -> (usize, usize) {
    let (mut done, mut total) = (0, 0);
    let mut fence: Option<String> = None;
    for line in src.lines() {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if marker.len() >= 3 {
            match &fence {
                None => fence = Some(marker),
                Some(open) if marker.starts_with(open.as_str()) && trimmed == marker => {
                    fence = None;
                }
                Some(_) => {}
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let rest = trimmed.trim_start_matches(['>', ' ']);
        let rest = rest
            .strip_prefix(['-', '*', '+'])
            .or_else(|| {
                let digits = rest.len() - rest.trim_start_matches(char::is_numeric).len();
                (digits > 0)
                    .then(|| rest[digits..].strip_prefix(['.', ')']))
                    .flatten()
            })
            .filter(|rest| rest.starts_with([' ', '\t']));
        let Some(rest) = rest.map(str::trim_start) else {
            continue;
        };
        let after = rest.get(3..).unwrap_or("x");
        let after = match (optional, after.strip_prefix('*')) {
            (false, _) => after,
            (true, Some(after)) => after,
            (true, None) => continue,
        };
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            continue;
        }
        match rest.get(..3) {
            Some("[ ]") => total += 1,
            Some("[x]" | "[X]") => {
                total += 1;
                done += 1;
            }
            _ => {}
        }
    }
    (done, total)
}

fn status_json(path: &Path) -> Value {
    let output = plan()
        .arg("status")
        .arg("--json")
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", path.display());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn status_json_agrees_with_a_plain_count_of_checkbox_lines_on_every_corpus_file() {
    let files = corpus_files();
    for path in &files {
        let Ok(src) = std::fs::read_to_string(path) else {
            // Not UTF-8: `plan` refuses it (exit 2); `plan fix-encoding` repairs it.
            plan().arg("status").arg(path).assert().code(2);
            continue;
        };
        let report = status_json(path);
        for optional in [false, true] {
            let tasks: Vec<&Value> = report["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|task| task["optional"] == optional)
                .collect();
            let checked = tasks.iter().filter(|task| task["checked"] == true).count();
            assert_eq!(
                (checked, tasks.len()),
                plain_count(&src, optional),
                "{} (optional: {optional})",
                path.display()
            );
            let counted = if optional {
                &report["roles"]["optional"]
            } else {
                &report
            };
            assert_eq!(counted["total"], tasks.len(), "{}", path.display());
            assert_eq!(counted["done"], checked, "{}", path.display());
        }
    }
}

#[test]
fn check_and_uncheck_change_only_the_named_lines_and_accept_the_listed_ids() {
    let Some(path) = corpus_files()
        .into_iter()
        .find(|path| path.ends_with("other/13-pay2slay-speckit-tasks-005.md"))
    else {
        return;
    };
    let directory = tempfile::tempdir().unwrap();
    let copy = directory.path().join("tasks.md");
    std::fs::copy(&path, &copy).unwrap();
    let before = std::fs::read_to_string(&copy).unwrap();
    let report = status_json(&copy);
    let tasks = report["tasks"].as_array().unwrap();
    // Every id `status --json` lists is one `check` accepts: tick the third and the last.
    let third = tasks[2]["id"].as_str().unwrap().to_owned();
    let last = tasks.last().unwrap()["id"].as_str().unwrap().to_owned();
    plan()
        .args(["check", copy.to_str().unwrap(), &third, &last])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("checked [{third}]")));
    let after = std::fs::read_to_string(&copy).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(old, new)| old != new)
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    for (old, new) in &changed {
        assert_eq!(old.replacen("[ ]", "[x]", 1), *new);
    }
    assert_eq!(before.lines().count(), after.lines().count());
    let report = status_json(&copy);
    assert_eq!(report["done"], 2);
    // Checking again changes nothing; unchecking gives back the original bytes.
    plan()
        .args(["check", copy.to_str().unwrap(), &third])
        .assert()
        .success()
        .stderr(predicate::str::contains("already checked"));
    plan()
        .args(["uncheck", copy.to_str().unwrap(), &third, &last])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), before);
}

const PLAN: &str = "# Plan: Search\n\n## Phase 1: Setup ✅\n\n- [x] T001 Create project\n\
                    - [x] T002 Configure lint\n\n## Phase 2: Core\n\n**Status**: In Progress\n\
                    **Dependencies**: Phase 1\n**Files**: `src/search.rs`\n\
                    **Validation**: `cargo test search`\n\n- [ ] T003 Write the index\n\
                    - [ ] T004 Query parser\n\n## Phase 3: Polish\n\n\
                    **Dependencies**: Phase 2\n\n- [ ] T005 Docs\n";

fn write_plan(directory: &Path, text: &str) -> PathBuf {
    let path = directory.join("plan.md");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_unknown_or_ambiguous_task_is_refused_and_the_file_left_as_it_was() {
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(directory.path(), PLAN);
    plan()
        .args(["check", path.to_str().unwrap(), "T003", "T999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing matches `T999`"));
    // Words that no task title holds all of: nothing matches.
    for query in ["Phase", "T00", "project lint", "tests"] {
        plan()
            .args(["check", path.to_str().unwrap(), query])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "nothing matches `{query}`"
            )));
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), PLAN);
    // Words of a title find a task when they name one.
    plan()
        .args(["check", path.to_str().unwrap(), "query parser"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        PLAN.replace("- [ ] T004", "- [x] T004")
    );
}

#[test]
fn two_tasks_with_words_in_common_are_listed_when_ambiguous() {
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(
        directory.path(),
        "# P\n## A\n- [ ] Write tests\n## B\n- [ ] Write tests\n",
    );
    plan()
        .args(["check", path.to_str().unwrap(), "write tests"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("matches 2 items"))
        .stderr(predicate::str::contains("a/1 (Write tests)"))
        .stderr(predicate::str::contains("b/1 (Write tests)"));
    plan()
        .args(["check", path.to_str().unwrap(), "b/1"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("## B\n- [x] Write tests\n")
    );
}

#[test]
fn dry_run_and_standard_input_print_the_result_and_write_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(directory.path(), PLAN);
    let expected = PLAN.replace("- [ ] T003", "- [x] T003");
    plan()
        .args(["check", "--dry-run", path.to_str().unwrap(), "T003"])
        .assert()
        .success()
        .stdout(expected.clone());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), PLAN);
    plan()
        .args(["check", "-", "T003"])
        .write_stdin(PLAN)
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn next_waits_for_dependencies_and_gives_the_context() {
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(directory.path(), PLAN);
    let output = plan()
        .args(["next", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    let next: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(next["id"], "T003");
    assert_eq!(next["section"], "phase-2");
    assert_eq!(next["context"][1], "Phase 2: Core");
    assert_eq!(next["files"][0], "`src/search.rs`");
    assert_eq!(next["verification"][0], "`cargo test search`");
    // Phase 3 waits for phase 2, which is still in progress though its boxes are ticked:
    // no task can start, and phase 2 is offered, its status to be set.
    plan()
        .args(["check", path.to_str().unwrap(), "T003", "T004"])
        .assert()
        .success();
    plan()
        .args(["next", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "next: Phase 2: Core  [phase-2]\n  unit: phase\n",
        ));
    plan()
        .args(["set-status", path.to_str().unwrap(), "2", "done"])
        .assert()
        .success();
    plan()
        .args(["next", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("next: T005 Docs  [T005]\n"));
    plan()
        .args(["check", path.to_str().unwrap(), "T005"])
        .assert()
        .success();
    plan()
        .args(["next", "--json", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout("null\n");
}

#[test]
fn next_offers_a_stepwise_step_and_check_marks_it_complete() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("stepwise.md");
    std::fs::copy(template("stepwise"), &path).unwrap();
    let next = || -> Value {
        let output = plan()
            .args(["next", "--json", path.to_str().unwrap()])
            .output()
            .unwrap();
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let first = next();
    assert_eq!(
        (&first["unit"], &first["id"], &first["role"]),
        (
            &Value::from("step"),
            &Value::from("step-1.1"),
            &Value::from("task")
        )
    );
    assert_eq!(first["verification"][0], "[How to verify completion]");
    let before = std::fs::read_to_string(&path).unwrap();
    plan()
        .args(["check", path.to_str().unwrap(), "step-1.1"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "set Step 1.1: [Task Name] [step-1.1]: Complete",
        ));
    // The template marks no status: the step gets a `Status:` line under its heading, and
    // nothing else changes.
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replace(
            "#### Step 1.1: [Task Name]\n",
            "#### Step 1.1: [Task Name]\n**Status:** Complete\n"
        )
    );
    assert_eq!(next()["id"], "step-1.2");
}

#[test]
fn a_new_plan_starts_clean_and_its_status_options_are_kept_as_spelled() {
    let directory = tempfile::tempdir().unwrap();
    for kind in ["atomic", "feature", "poc", "stepwise", "scoped"] {
        let path = directory.path().join(format!("{kind}.md"));
        plan()
            .args(["new", kind, "-o", path.to_str().unwrap()])
            .assert()
            .success();
        // The template's mis-decoded emoji and symbols are repaired: no L010 finding.
        let lint = plan()
            .args(["lint", path.to_str().unwrap()])
            .output()
            .unwrap();
        let findings = String::from_utf8(lint.stderr).unwrap();
        assert!(!findings.contains("L010"), "{kind}: {findings}");
        assert_eq!(
            plan_doc::encoding::repair_text(&std::fs::read_to_string(&path).unwrap())
                .1
                .len(),
            0,
            "{kind}"
        );
    }
    let path = directory.path().join("feature.md");
    let options = "**Status:** ⏸️ Not Started | 🚧 In Progress | ✅ Complete\n";
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.contains(options));
    plan()
        .args([
            "set-status",
            path.to_str().unwrap(),
            "phase-1",
            "in progress",
        ])
        .assert()
        .success();
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replacen(options, "**Status:** 🚧 In Progress\n", 1)
    );
}

#[test]
fn set_status_writes_in_the_notation_the_file_uses() {
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(directory.path(), PLAN);
    let run = |phase: &str, status: &str| {
        plan()
            .args(["set-status", path.to_str().unwrap(), phase, status])
            .assert()
            .success();
        std::fs::read_to_string(&path).unwrap()
    };
    // An emoji in the heading stays an emoji in the heading.
    let text = run("phase-1", "in progress");
    assert!(text.contains("## Phase 1: Setup 🚧\n"), "{text}");
    // A plain `Status:` line stays plain.
    let text = run("Core", "✅ Complete");
    assert!(text.contains("**Status**: Complete\n"), "{text}");
    // A phase without one gets a line under its heading, written like the plan's other
    // status line.
    let text = run("3", "blocked");
    assert!(
        text.contains("## Phase 3: Polish\n**Status**: Blocked\n\n**Dependencies**"),
        "{text}"
    );
    // Only those lines changed.
    let changed: Vec<(&str, &str)> = PLAN
        .lines()
        .zip(text.lines().filter(|line| *line != "**Status**: Blocked"))
        .filter(|(old, new)| old != new)
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    plan()
        .args(["set-status", path.to_str().unwrap(), "1", "finished-ish"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a status"));
    plan()
        .args(["set-status", path.to_str().unwrap(), "9", "done"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing matches `9`"));
}

fn template(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../fixtures/templates/{kind}.md"))
}

/// The characters of `text` outside ASCII, in order.
fn non_ascii(text: &str) -> String {
    text.chars().filter(|c| !c.is_ascii()).collect()
}

#[test]
fn fix_encoding_repairs_the_templates_mac_roman_mojibake() {
    let directory = tempfile::tempdir().unwrap();
    let expected = [
        ("atomic", "🔍❌🛠\u{fe0f}✅🔄❌✅📊🧪🎯"),
        (
            "feature",
            "├──│├──│└──└──⏸\u{fe0f}🚧✅⏸\u{fe0f}🚧✅⏸\u{fe0f}🚧✅≥⏸\u{fe0f}🚧✅→→→≥",
        ),
    ];
    for (kind, emoji) in expected {
        let copy = directory.path().join(format!("{kind}.md"));
        std::fs::copy(template(kind), &copy).unwrap();
        plan()
            .arg("fix-encoding")
            .arg("--check")
            .arg(&copy)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("UTF-8 read as Mac Roman"));
        plan().arg("fix-encoding").arg(&copy).assert().success();
        let repaired = std::fs::read_to_string(&copy).unwrap();
        assert_eq!(non_ascii(&repaired), emoji, "{kind}");
        // Only the mis-decoded characters changed: the ASCII text is as it was.
        let original = std::fs::read_to_string(template(kind)).unwrap();
        let ascii = |text: &str| text.replace(|c: char| !c.is_ascii(), "");
        assert_eq!(ascii(&repaired), ascii(&original), "{kind}");
        // A second run has nothing left to repair.
        plan()
            .arg("fix-encoding")
            .arg("--check")
            .arg(&copy)
            .assert()
            .success()
            .stderr(predicate::str::contains("nothing to repair"));
    }
}

#[test]
fn fix_encoding_turns_the_non_utf8_corpus_files_into_plans_and_leaves_clean_text_alone() {
    let directory = tempfile::tempdir().unwrap();
    let mut invalid = 0;
    for path in corpus_files() {
        let bytes = std::fs::read(&path).unwrap();
        let output = plan()
            .args(["fix-encoding", "--dry-run"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", path.display());
        match String::from_utf8(bytes) {
            Ok(_) => {
                // Clean text: nothing changes.
                assert_eq!(
                    output.stdout,
                    std::fs::read(&path).unwrap(),
                    "{}",
                    path.display()
                );
            }
            Err(_) => {
                invalid += 1;
                let text = String::from_utf8(output.stdout).expect("the repair is UTF-8");
                let copy = directory.path().join(path.file_name().unwrap());
                std::fs::write(&copy, &text).unwrap();
                plan().arg("parse").arg(&copy).assert().success();
                plan().arg("status").arg(&copy).assert().success();
            }
        }
    }
    if !corpus_files().is_empty() {
        assert_eq!(invalid, 2, "the corpus has two files that are not UTF-8");
    }
}

#[test]
fn lint_exits_1_on_findings_and_fix_rewrites_only_the_fixable() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lint");
    plan()
        .arg("lint")
        .arg(fixtures.join("L001.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "warning[L001]: unfilled template placeholder `[Feature Name]`",
        ))
        .stderr(predicate::str::contains("L001.md:1:9"));
    plan()
        .arg("lint")
        .arg(fixtures.join("L001-clean.md"))
        .assert()
        .success()
        .stderr("");
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(
        directory.path(),
        &std::fs::read_to_string(fixtures.join("L003.md")).unwrap(),
    );
    plan()
        .args(["lint", "--fix"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("fixed L003"));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("**Status**: ✅ Complete\n")
    );
    // Findings with no mechanical fix are reported, and the file is left alone.
    let before = std::fs::read_to_string(fixtures.join("L002.md")).unwrap();
    let path = write_plan(directory.path(), &before);
    plan().args(["lint", "--fix"]).arg(&path).assert().code(1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // Lines of JSON for tools, and `lint` over a directory sums up.
    let output = plan()
        .args(["lint", "--diagnostics", "json"])
        .arg(fixtures.join("L005.md"))
        .output()
        .unwrap();
    let finding: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(finding["code"], "L005");
    assert_eq!(finding["line"], 7);
    plan()
        .arg("lint")
        .arg(&fixtures)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("linted 20 files"));
}

#[test]
fn convert_to_a_kind_lays_the_plan_out_as_that_kind() {
    let directory = tempfile::tempdir().unwrap();
    let path = write_plan(directory.path(), PLAN);
    let output = plan()
        .args(["convert", path.to_str().unwrap(), "--to", "poc"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(
        markdown.starts_with("# Plan: Search Implementation Plan\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("## Implementation Steps\n\n### Phase 1: Setup ✅\n"),
        "{markdown}"
    );
    let json = directory.path().join("plan.json");
    plan()
        .args(["convert", path.to_str().unwrap(), "--to", "poc", "-o"])
        .arg(&json)
        .assert()
        .success();
    let plan_json: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(plan_json["kind"], "poc");
    // A format conversion still needs to know where to write.
    plan()
        .args(["convert", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o OUT"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), PLAN);
}
