//! Bad input and failed writes: each is one clear line naming the path and the cause, exit
//! status 2 (1 for an invalid plan), and the file that would have been written keeps its
//! bytes and its modification time.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

fn template(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/templates")
        .join(format!("{kind}.md"))
}

fn plan() -> Command {
    cargo_bin_cmd!("plan")
}

/// A file that must survive a failed run untouched.
struct Guarded {
    path: PathBuf,
    bytes: Vec<u8>,
    modified: SystemTime,
}

impl Guarded {
    fn new(path: PathBuf, bytes: &[u8]) -> Self {
        std::fs::write(&path, bytes).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        Self {
            path,
            bytes: bytes.to_vec(),
            modified,
        }
    }

    fn assert_untouched(&self) {
        assert_eq!(std::fs::read(&self.path).unwrap(), self.bytes);
        let modified = std::fs::metadata(&self.path).unwrap().modified().unwrap();
        assert_eq!(modified, self.modified, "{}", self.path.display());
    }
}

/// Only the files named are in `directory`: no temporary file was left behind.
fn assert_only(directory: &Path, names: &[&str]) {
    let mut found: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
    names.sort();
    assert_eq!(found, names);
}

/// Runs `plan parse INPUT -o OUTPUT` over an existing OUTPUT and checks the failure.
fn parse_fails(input: &Path, cause: &str) {
    let directory = tempfile::tempdir().unwrap();
    let output = Guarded::new(directory.path().join("out.json"), b"{\"precious\": true}\n");
    plan()
        .arg("parse")
        .arg(input)
        .arg("-o")
        .arg(&output.path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(input.display().to_string()))
        .stderr(predicate::str::contains(cause))
        .stderr(predicate::function(|text: &str| text.lines().count() == 1));
    output.assert_untouched();
    assert_only(directory.path(), &["out.json"]);
}

#[test]
fn a_missing_file() {
    let directory = tempfile::tempdir().unwrap();
    parse_fails(
        &directory.path().join("missing.md"),
        "cannot read: no such file or directory",
    );
}

#[test]
fn a_directory_where_a_file_was_expected() {
    let directory = tempfile::tempdir().unwrap();
    let output = Guarded::new(directory.path().join("out.md"), b"# Mine\n");
    plan()
        .arg("render")
        .arg(directory.path())
        .arg("-o")
        .arg(&output.path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory, not a file"));
    output.assert_untouched();
    // And a directory where the output file was expected.
    plan()
        .arg("parse")
        .arg(template("poc"))
        .arg("-o")
        .arg(directory.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory, not a file"));
    output.assert_untouched();
}

#[test]
fn a_binary_file() {
    let directory = tempfile::tempdir().unwrap();
    let binary = directory.path().join("image.md");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    parse_fails(
        &binary,
        "a binary file, not a plan: NUL byte at byte 8 (line 3, column 1)",
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    let directory = tempfile::tempdir().unwrap();
    let latin = directory.path().join("latin.md");
    std::fs::write(&latin, b"# Plan\n\n- Settings \x92 Database\n").unwrap();
    parse_fails(
        &latin,
        "not UTF-8: byte 0x92 at byte 19 (line 3, column 12) is not valid UTF-8",
    );
}

#[test]
fn an_invalid_plan_exits_1_and_writes_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let json = directory.path().join("plan.json");
    std::fs::write(&json, "{\"kind\": \"poc\", \"title\": 7}\n").unwrap();
    let output = Guarded::new(directory.path().join("plan.md"), b"# Mine\n");
    plan()
        .arg("render")
        .arg(&json)
        .arg("-o")
        .arg(&output.path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/title"));
    output.assert_untouched();
    plan()
        .args(["convert"])
        .arg(&json)
        .arg("-o")
        .arg(&output.path)
        .assert()
        .code(1);
    output.assert_untouched();
    // JSON that is not JSON at all.
    std::fs::write(&json, "{\"kind\": ").unwrap();
    plan()
        .arg("render")
        .arg(&json)
        .arg("-o")
        .arg(&output.path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("syntax"));
    output.assert_untouched();
    assert_only(directory.path(), &["plan.json", "plan.md"]);
}

#[test]
fn the_input_is_only_written_over_with_in_place() {
    let directory = tempfile::tempdir().unwrap();
    let source = std::fs::read(template("poc")).unwrap();
    let input = Guarded::new(directory.path().join("plan.md"), &source);
    plan()
        .arg("parse")
        .arg(&input.path)
        .arg("-o")
        .arg(&input.path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is the input file; pass --in-place",
        ));
    input.assert_untouched();
    plan()
        .arg("parse")
        .arg(&input.path)
        .arg("--in-place")
        .assert()
        .success();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&input.path).unwrap()).unwrap();
    assert_eq!(written["kind"], "poc");
    assert_only(directory.path(), &["plan.md"]);
}

/// Runs the `plan` binary as an unprivileged user when the tests run as root (root writes
/// into read-only directories).
fn unprivileged() -> Command {
    static BINARY: OnceLock<Option<PathBuf>> = OnceLock::new();
    let Some(binary) = BINARY.get_or_init(unprivileged_binary) else {
        return plan();
    };
    let mut command = Command::new("setpriv");
    command.args(SETPRIV).arg(binary);
    command
}

const SETPRIV: [&str; 4] = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"];

/// `None` when not root; else a `plan` binary the unprivileged user can run: the built one
/// when its directories let them, or a copy every user can reach. The copy is made once,
/// and tried until no other test's child still holds it open for writing ("text file
/// busy" from a fork in another thread).
fn unprivileged_binary() -> Option<PathBuf> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.starts_with(b"0\n"));
    if !root {
        return None;
    }
    let runs = |binary: &Path| {
        std::process::Command::new("setpriv")
            .args(SETPRIV)
            .arg(binary)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    };
    let built = assert_cmd::cargo::cargo_bin!("plan").to_path_buf();
    if runs(&built) {
        return Some(built);
    }
    let directory = tempfile::Builder::new()
        .prefix("plan-cli-tests-")
        .tempdir()
        .unwrap()
        .keep();
    std::fs::set_permissions(&directory, std::fs::Permissions::from_mode(0o755)).unwrap();
    let copy = directory.join("plan");
    std::fs::copy(&built, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    for _ in 0..50 {
        if runs(&copy) {
            return Some(copy);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the unprivileged user cannot run {}", copy.display());
}

#[test]
fn an_unreadable_file_and_an_interrupted_write_leave_everything_intact() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::set_permissions(directory.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let readonly = directory.path().join("readonly");
    std::fs::create_dir(&readonly).unwrap();
    let output = Guarded::new(readonly.join("out.json"), b"{\"precious\": true}\n");
    std::fs::set_permissions(&output.path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let input = directory.path().join("plan.md");
    std::fs::copy(template("poc"), &input).unwrap();
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o555)).unwrap();

    // The rename target's directory is read-only: the temporary file cannot be made, the
    // old file stays whole.
    unprivileged()
        .arg("parse")
        .arg(&input)
        .arg("-o")
        .arg(&output.path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(output.path.display().to_string()))
        .stderr(predicate::str::contains("permission denied"));
    output.assert_untouched();
    assert_only(&readonly, &["out.json"]);

    // `fmt` of a file in a read-only directory fails the same way.
    let loose = std::fs::read_to_string(template("stepwise"))
        .unwrap()
        .replacen("\n\n", "\n\n\n", 2);
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o755)).unwrap();
    let plan_md = Guarded::new(readonly.join("plan.md"), loose.as_bytes());
    std::fs::set_permissions(&plan_md.path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o555)).unwrap();
    unprivileged()
        .arg("fmt")
        .arg(&plan_md.path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("permission denied"));
    plan_md.assert_untouched();

    // A file nobody may read.
    let secret = directory.path().join("secret.md");
    std::fs::copy(template("poc"), &secret).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    unprivileged()
        .arg("parse")
        .arg(&secret)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{}: cannot read: permission denied",
            secret.display()
        )));
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A plan with tasks `T1`..`Tn`, long enough to pass a small write limit.
fn tasks_plan(n: usize) -> Vec<u8> {
    let mut text = String::from("# Plan\n\n## Phase 1: Work\n\n");
    for task in 1..=n {
        text.push_str(&format!("- [ ] T{task} A task with a few words to it\n"));
    }
    text.into_bytes()
}

#[test]
fn an_edit_of_a_file_in_a_read_only_directory_leaves_it_intact() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::set_permissions(directory.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let readonly = directory.path().join("readonly");
    std::fs::create_dir(&readonly).unwrap();
    let plan_md = Guarded::new(readonly.join("plan.md"), &tasks_plan(3));
    std::fs::set_permissions(&plan_md.path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o555)).unwrap();
    for verb in [["check", "T1"], ["set-status", "Phase 1"]] {
        let mut command = unprivileged();
        command.arg(verb[0]).arg(&plan_md.path).arg(verb[1]);
        if verb[0] == "set-status" {
            command.arg("done");
        }
        command
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{}: cannot create a file beside it: permission denied",
                plan_md.path.display()
            )));
        plan_md.assert_untouched();
    }
    assert_only(&readonly, &["plan.md"]);
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_target_that_became_a_directory_is_refused() {
    // (`fmt` and `lint --fix` take a directory as the plans in it.)
    let directory = tempfile::tempdir().unwrap();
    let target = directory.path().join("plan.md");
    std::fs::create_dir(&target).unwrap();
    for args in [
        vec!["check", "T1"],
        vec!["set-status", "Phase 1", "done"],
        vec!["fix-encoding"],
    ] {
        let mut command = plan();
        command.arg(args[0]).arg(&target).args(&args[1..]);
        command
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{}: is a directory, not a file",
                target.display()
            )));
    }
    plan()
        .args(["new", "feature", "--force", "-o"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory, not a file"));
    assert!(target.is_dir());
    assert_only(directory.path(), &["plan.md"]);
}

#[test]
fn a_write_past_the_size_limit_leaves_the_file_intact() {
    // A write limit of one 512-byte block stands in for a full disk: the temporary file
    // cannot be written whole.
    let directory = tempfile::tempdir().unwrap();
    let plan_md = Guarded::new(directory.path().join("plan.md"), &tasks_plan(100));
    let binary = assert_cmd::cargo::cargo_bin!("plan");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" \"$@\"")
        .arg(binary)
        .arg("check")
        .arg(&plan_md.path)
        .arg("T7")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: cannot write: the file would exceed the size limit",
            plan_md.path.display()
        )),
        "{stderr}"
    );
    plan_md.assert_untouched();
    assert_only(directory.path(), &["plan.md"]);
}

#[test]
fn a_lock_held_past_the_timeout_exits_2_and_leaves_the_file_intact() {
    let directory = tempfile::tempdir().unwrap();
    let plan_md = Guarded::new(directory.path().join("plan.md"), &tasks_plan(3));
    // This test process holds the lock, as another `plan` would.
    let holder = std::fs::File::open(&plan_md.path).unwrap();
    holder.lock().unwrap();
    let message = format!(
        "{}: locked by another process (pid {}); gave up after waiting 0.2 s",
        plan_md.path.display(),
        std::process::id()
    );
    plan()
        .args(["--lock-timeout", "0.2", "check"])
        .arg(&plan_md.path)
        .arg("T1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message.as_str()));
    plan_md.assert_untouched();
    // The environment variable sets the same timeout.
    plan()
        .env("PLAN_LOCK_TIMEOUT", "0.2")
        .args(["set-status"])
        .arg(&plan_md.path)
        .args(["Phase 1", "done"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("locked by another process"));
    plan_md.assert_untouched();
    plan()
        .args(["--lock-timeout", "soon", "check"])
        .arg(&plan_md.path)
        .arg("T1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`soon` is not a number of seconds",
        ));
    holder.unlock().unwrap();
    plan()
        .args(["--lock-timeout", "0.2", "check"])
        .arg(&plan_md.path)
        .arg("T1")
        .assert()
        .success();
    assert_only(directory.path(), &["plan.md"]);
}
