//! The one write path: edits under the lock, writers that take no lock, lock timeouts,
//! and failures that leave the file as it was.

use std::fs;
use std::path::{Path, PathBuf};
#[cfg(feature = "test-hooks")]
use std::sync::Arc;
#[cfg(feature = "test-hooks")]
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use plan_doc::file::{self, Edit, FileErrorKind, Options};
use plan_doc::{AddressError, edit_file};

const PLAN: &str =
    "# Plan\n\n## Phase 1: Build\n\n- [ ] T1 Parser\n- [ ] T2 Renderer\n- [ ] T3 Docs\n";

fn plan_in(directory: &Path) -> PathBuf {
    let path = directory.join("plan.md");
    fs::write(&path, PLAN).unwrap();
    path
}

fn check(task: &'static str) -> impl FnMut(&mut plan_doc::Document) -> Result<(), AddressError> {
    move |doc| {
        let task = doc.find_task(task)?;
        doc.set_checked(task, true);
        Ok(())
    }
}

/// The names in `directory`, sorted: no temporary or lock file is left behind.
fn names(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_edit_changes_only_its_box_and_leaves_no_file_beside_the_plan() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    edit_file(&path, &Options::default(), check("T2")).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        PLAN.replace("[ ] T2", "[x] T2")
    );
    assert_eq!(names(directory.path()), ["plan.md"]);
}

#[test]
fn an_edit_that_changes_nothing_does_not_write() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let found = edit_file(&path, &Options::default(), |doc| doc.find_task("T1")).unwrap();
    assert_eq!(found, 0);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
}

#[cfg(feature = "test-hooks")]
#[test]
fn a_foreign_write_before_the_rename_is_kept_and_the_edit_applied_to_it() {
    for renamed in [false, true] {
        let directory = tempfile::tempdir().unwrap();
        let path = plan_in(directory.path());
        // An editor saves the plan with T1 ticked and a new task, while this edit of T3
        // has read the old content and written its temporary file.
        let foreign = PLAN.replace("[ ] T1", "[x] T1") + "- [ ] T4 Release\n";
        let runs = Arc::new(AtomicUsize::new(0));
        let options = {
            let (foreign, runs) = (foreign.clone(), Arc::clone(&runs));
            Options::default().on_before_rename(move |target| {
                if runs.fetch_add(1, Ordering::SeqCst) == 0 {
                    if renamed {
                        // `git checkout` and many editors put a new file at the path.
                        let other = target.with_extension("new");
                        fs::write(&other, &foreign).unwrap();
                        fs::rename(&other, target).unwrap();
                    } else {
                        fs::write(target, &foreign).unwrap();
                    }
                }
            })
        };
        edit_file(&path, &options, check("T3")).unwrap();
        assert_eq!(
            runs.load(Ordering::SeqCst),
            2,
            "applied again to the new content"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            foreign.replace("[ ] T3", "[x] T3")
        );
        assert_eq!(names(directory.path()), ["plan.md"]);
    }
}

#[cfg(feature = "test-hooks")]
#[test]
fn an_edit_whose_task_a_foreign_writer_removed_fails_and_keeps_the_foreign_bytes() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    let foreign = PLAN.replace("- [ ] T3 Docs\n", "");
    let options = {
        let foreign = foreign.clone();
        Options::default().on_before_rename(move |target| fs::write(target, &foreign).unwrap())
    };
    let error = edit_file(&path, &options, check("T3")).unwrap_err();
    assert!(
        matches!(error.kind, FileErrorKind::Edit { changed: true, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message}"
    );
    assert!(message.contains("changed on disk"), "{message}");
    assert!(message.contains("T3"), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), foreign);
    assert_eq!(names(directory.path()), ["plan.md"]);
}

#[cfg(feature = "test-hooks")]
#[test]
fn a_file_that_keeps_changing_is_given_up_on_after_the_attempts() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    let writes = Arc::new(AtomicUsize::new(0));
    let options = {
        let writes = Arc::clone(&writes);
        Options::default()
            .attempts(3)
            .on_before_rename(move |target| {
                let n = writes.fetch_add(1, Ordering::SeqCst);
                fs::write(target, format!("{PLAN}- [ ] T9 Foreign {n}\n")).unwrap();
            })
    };
    let error = edit_file(&path, &options, check("T1")).unwrap_err();
    assert!(
        matches!(error.kind, FileErrorKind::KeptChanging { attempts: 3 }),
        "{error:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{PLAN}- [ ] T9 Foreign 2\n")
    );
}

#[test]
fn edits_from_many_threads_at_once_are_all_kept() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("plan.md");
    let tasks: String = (0..32).map(|n| format!("- [ ] T{n:02} Task\n")).collect();
    fs::write(&path, format!("# Plan\n\n{tasks}")).unwrap();
    std::thread::scope(|scope| {
        for n in 0..32 {
            let path = &path;
            scope.spawn(move || {
                edit_file(path, &Options::default(), |doc| {
                    let task = doc.find_task(&format!("T{n:02}"))?;
                    doc.set_checked(task, true);
                    Ok::<_, AddressError>(())
                })
                .unwrap();
            });
        }
    });
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("# Plan\n\n{}", tasks.replace("[ ]", "[x]"))
    );
}

#[test]
fn a_held_lock_times_out_naming_the_holder_and_is_never_broken() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    let holder = fs::File::open(&path).unwrap();
    holder.lock().unwrap();
    let options = Options::default().lock_timeout(Duration::from_millis(150));
    let error = edit_file(&path, &options, check("T1")).unwrap_err();
    let FileErrorKind::Locked { pid, waited } = &error.kind else {
        panic!("{error:?}");
    };
    assert!(*waited >= Duration::from_millis(150), "{waited:?}");
    if cfg!(target_os = "linux") {
        assert_eq!(*pid, Some(std::process::id()));
        assert!(
            error.to_string().contains(&format!(
                "locked by another process (pid {})",
                std::process::id()
            )),
            "{error}"
        );
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), PLAN);
    holder.unlock().unwrap();
    edit_file(&path, &options, check("T1")).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("[x] T1"));
}

#[test]
fn a_lock_on_a_file_that_was_renamed_over_does_not_stop_an_edit() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    // A process locked the old file, and a rename has put a new one at the path since.
    let old = fs::File::open(&path).unwrap();
    old.lock().unwrap();
    let other = directory.path().join("other.md");
    fs::write(&other, PLAN).unwrap();
    fs::rename(&other, &path).unwrap();
    let options = Options::default().lock_timeout(Duration::from_millis(100));
    edit_file(&path, &options, check("T2")).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("[x] T2"));
}

#[test]
fn failures_name_the_path_and_the_cause() {
    let directory = tempfile::tempdir().unwrap();
    let error = edit_file(directory.path(), &Options::default(), check("T1")).unwrap_err();
    assert!(
        matches!(error.kind, FileErrorKind::IsADirectory),
        "{error:?}"
    );
    assert!(error.to_string().ends_with(": is a directory, not a file"));

    let missing = directory.path().join("missing.md");
    let error = edit_file(&missing, &Options::default(), check("T1")).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: cannot read: no such file or directory",
            missing.display()
        )
    );

    let binary = directory.path().join("binary.md");
    fs::write(&binary, b"# Plan\n- [ ] a\0b\n").unwrap();
    let error = edit_file(&binary, &Options::default(), check("a")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("NUL byte at byte 14 (line 2, column 8)"),
        "{error}"
    );
    assert_eq!(fs::read(&binary).unwrap(), b"# Plan\n- [ ] a\0b\n");
}

#[test]
fn create_refuses_an_existing_file_and_replace_writes_over_it() {
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    let error = file::create(&path, b"new").unwrap_err();
    assert!(matches!(error.kind, FileErrorKind::Exists), "{error:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), PLAN);
    file::replace(&path, b"new", &Options::default()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    let fresh = directory.path().join("fresh.md");
    file::replace(&fresh, b"fresh", &Options::default()).unwrap();
    file::create(&directory.path().join("created.md"), b"c").unwrap();
    assert_eq!(fs::read_to_string(&fresh).unwrap(), "fresh");
    assert_eq!(
        names(directory.path()),
        ["created.md", "fresh.md", "plan.md"]
    );
}

#[cfg(unix)]
#[test]
fn an_edit_through_a_symbolic_link_keeps_the_link_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let directory = tempfile::tempdir().unwrap();
    let path = plan_in(directory.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let link = directory.path().join("link.md");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    edit_file(&link, &Options::default(), check("T1")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&path).unwrap().contains("[x] T1"));
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn edit_bytes_hands_over_bytes_that_are_not_utf8() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("latin1.md");
    fs::write(&path, b"# Caf\xe9\n").unwrap();
    let length = file::edit_bytes(&path, &Options::default(), |bytes| {
        Ok::<_, std::convert::Infallible>(Edit::write(b"# Caf\xc3\xa9\n".to_vec(), bytes.len()))
    })
    .unwrap();
    assert_eq!(length, 7);
    assert_eq!(fs::read_to_string(&path).unwrap(), "# Café\n");
}
