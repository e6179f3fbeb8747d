//! Several writers on one plan at once: `plan` processes started together, a writer that
//! takes no lock (an editor) changing the file mid-edit, and a process killed while it
//! holds the lock. No edit may be lost, and no process may claim an edit it did not make.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;

/// A plan of 8 phases with 8 tasks each (`T001`..`T064`); `checked(n)` says whether task
/// `n` is ticked, and each phase has `status`.
fn plan_text(checked: impl Fn(usize) -> bool, status: &str) -> String {
    let mut text = String::from("# Many hands\n\n");
    for phase in 1..=8 {
        text.push_str(&format!(
            "## Phase {phase}: Part {phase}\n\n**Status**: {status}\n\n"
        ));
        for task in 1..=8 {
            let n = (phase - 1) * 8 + task;
            let mark = if checked(n) { 'x' } else { ' ' };
            text.push_str(&format!("- [{mark}] T{n:03} Work item {n}\n"));
        }
        text.push('\n');
    }
    text
}

/// Tasks `n` with `n % 8 != 0` are edited: odd ones checked, even ones unchecked.
fn edited(n: usize) -> bool {
    !n.is_multiple_of(8)
}

fn plan() -> Command {
    let mut command = Command::new(cargo_bin!("plan"));
    command.env_remove("PLAN_LOCK_TIMEOUT");
    command
}

/// Only `plan.md` is left in `directory`: no temporary file, no lock file.
fn assert_alone(directory: &Path) {
    let names: Vec<_> = fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.md"]);
}

#[test]
fn sixty_four_processes_at_once_lose_no_edit() {
    // Before: every even task ticked, every phase not started.
    let before = plan_text(|n| n.is_multiple_of(2), "Not Started");
    // After: each edited task flipped, the others as they were, every phase in progress.
    let after = plan_text(
        |n| {
            if edited(n) {
                !n.is_multiple_of(2)
            } else {
                n.is_multiple_of(2)
            }
        },
        "In Progress",
    );
    assert_ne!(before, after);
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    for round in 0..20 {
        fs::write(&path, &before).unwrap();
        let mut children = Vec::new();
        for n in (1..=64).filter(|&n| edited(n)) {
            let verb = if !n.is_multiple_of(2) {
                "check"
            } else {
                "uncheck"
            };
            let mut command = plan();
            command
                .args(["-q", verb])
                .arg(&path)
                .arg(format!("T{n:03}"));
            children.push(command);
        }
        for phase in 1..=8 {
            let mut command = plan();
            command
                .args(["-q", "set-status"])
                .arg(&path)
                .arg(format!("Phase {phase}"))
                .arg("in-progress");
            children.push(command);
        }
        assert_eq!(children.len(), 64);
        let running: Vec<_> = children
            .iter_mut()
            .map(|command| command.stderr(Stdio::piped()).spawn().unwrap())
            .collect();
        for child in running {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), after, "round {round}");
        assert_alone(directory.path());
    }
}

/// Runs `plan check T005` on a fresh plan in `directory` while an editor, which takes no
/// lock, writes `foreign` over it between the read and the rename.
#[cfg(feature = "test-hooks")]
fn check_while_an_editor_writes(directory: &Path, foreign: &str) -> std::process::Output {
    let path = directory.join("plan.md");
    fs::write(&path, plan_text(|_| false, "Not Started")).unwrap();
    let foreign_file = tempfile::NamedTempFile::new().unwrap();
    fs::write(foreign_file.path(), foreign).unwrap();
    plan()
        .args(["check"])
        .arg(&path)
        .arg("T005")
        .env("PLAN_TEST_FOREIGN_WRITE", foreign_file.path())
        .output()
        .unwrap()
}

#[cfg(feature = "test-hooks")]
#[test]
fn an_editor_writing_mid_edit_keeps_its_change_and_gets_the_edit_too() {
    let directory = tempfile::tempdir().unwrap();
    // The editor ticks T002 and adds a line.
    let foreign = plan_text(|n| n == 2, "Not Started") + "A note from the editor.\n";
    let output = check_while_an_editor_writes(directory.path(), &foreign);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        fs::read_to_string(directory.path().join("plan.md")).unwrap(),
        plan_text(|n| n == 2 || n == 5, "Not Started") + "A note from the editor.\n"
    );
    assert_alone(directory.path());
}

#[cfg(feature = "test-hooks")]
#[test]
fn an_edit_whose_task_the_editor_removed_fails_with_2_and_keeps_the_editors_bytes() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    let foreign = plan_text(|_| false, "Not Started").replace("- [ ] T005 Work item 5\n", "");
    let output = check_while_an_editor_writes(directory.path(), &foreign);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains("changed on disk"), "{stderr}");
    assert!(stderr.contains("T005"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), foreign);
    assert_alone(directory.path());
}

#[cfg(feature = "test-hooks")]
#[test]
fn a_process_killed_while_it_holds_the_lock_does_not_stop_the_next_edit() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    fs::write(&path, plan_text(|_| false, "Not Started")).unwrap();
    let mut holder = plan()
        .args(["check"])
        .arg(&path)
        .arg("T001")
        .env("PLAN_TEST_PAUSE_LOCKED_MS", "600000")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it holds the lock (a lock this test can take is not held).
    let start = std::time::Instant::now();
    loop {
        let file = fs::File::open(&path).unwrap();
        if let Err(fs::TryLockError::WouldBlock) = file.try_lock() {
            break;
        }
        drop(file);
        assert!(start.elapsed().as_secs() < 60, "the process never locked");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    holder.kill().unwrap(); // SIGKILL
    holder.wait().unwrap();
    let output = plan()
        .args(["--lock-timeout", "5", "check"])
        .arg(&path)
        .arg("T002")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        plan_text(|n| n == 2, "Not Started")
    );
    assert_alone(directory.path());
}
