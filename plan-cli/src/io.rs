//! Reading text and writing files: every failure is one line naming the path and the
//! cause. Files are read and written through `plan-doc`'s one write path (a lock, a
//! re-read inside it, a temporary file renamed into place).

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use plan_doc::file::{FileError, FileErrorKind, Options};

/// Something that stops a file from being read or written (exit status 2).
#[derive(Debug)]
pub(crate) struct Failure {
    /// The path it is about, as the user wrote it; `None` when it is about no file.
    pub(crate) path: Option<String>,
    /// Why, in a few words.
    pub(crate) cause: String,
}

impl Failure {
    pub(crate) fn new(path: impl AsRef<Path>, cause: impl Into<String>) -> Self {
        Self {
            path: Some(display(path.as_ref())),
            cause: cause.into(),
        }
    }

    pub(crate) fn usage(cause: impl Into<String>) -> Self {
        Self {
            path: None,
            cause: cause.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(formatter, "{path}: {}", self.cause),
            None => formatter.write_str(&self.cause),
        }
    }
}

/// How a path is shown: as given, `-` as `<stdin>`.
pub(crate) fn display(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Whether `path` is `-`, standard input or output.
pub(crate) fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// An I/O error's cause in words a user acts on.
fn cause(error: &io::Error, doing: &str) -> String {
    format!("cannot {doing}: {}", plan_doc::file::describe(error))
}

/// The options of every write: the lock timeout `--lock-timeout` or `PLAN_LOCK_TIMEOUT`
/// gives, and the test hooks of the `test-hooks` feature.
static OPTIONS: OnceLock<Options> = OnceLock::new();

/// Sets the write options once, before any verb runs.
pub(crate) fn set_lock_timeout(seconds: f64) {
    let options = Options::default().lock_timeout(Duration::from_secs_f64(seconds));
    let _ = OPTIONS.set(test_hooks(options));
}

/// The write options of this run.
pub(crate) fn options() -> &'static Options {
    OPTIONS.get_or_init(|| test_hooks(Options::default()))
}

/// Fault injection for the tests (feature `test-hooks`, never in a release):
/// `PLAN_TEST_PAUSE_LOCKED_MS` holds the lock that long after the read;
/// `PLAN_TEST_FOREIGN_WRITE=FILE` writes FILE's bytes over the plan, in place as an
/// editor does, just before the first rename.
#[cfg(feature = "test-hooks")]
fn test_hooks(mut options: Options) -> Options {
    if let Some(milliseconds) = std::env::var("PLAN_TEST_PAUSE_LOCKED_MS")
        .ok()
        .and_then(|value| value.parse().ok())
    {
        options = options.on_after_read(move |_| {
            std::thread::sleep(Duration::from_millis(milliseconds));
        });
    }
    if let Some(source) = std::env::var_os("PLAN_TEST_FOREIGN_WRITE") {
        let done = std::sync::atomic::AtomicBool::new(false);
        options = options.on_before_rename(move |target| {
            if !done.swap(true, std::sync::atomic::Ordering::SeqCst) {
                let bytes = std::fs::read(&source).expect("the foreign writer's bytes");
                std::fs::write(target, bytes).expect("the foreign write");
            }
        });
    }
    options
}

#[cfg(not(feature = "test-hooks"))]
fn test_hooks(options: Options) -> Options {
    options
}

impl<E: fmt::Display> From<FileError<E>> for Failure {
    fn from(error: FileError<E>) -> Self {
        Failure::new(&error.path, error.kind.to_string())
    }
}

/// Reads a plan's text from `path` (or standard input for `-`): refuses a directory, a
/// binary file (one with a NUL byte) and bytes that are not UTF-8, saying where.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    if is_stdio(path) {
        let bytes = read_bytes(path)?;
        return plan_doc::decode(bytes).map_err(|error| Failure::new(path, error.to_string()));
    }
    Ok(plan_doc::file::read_text(path)?)
}

/// Reads the bytes of `path` (or standard input for `-`); refuses a directory.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    if !is_stdio(path) {
        return Ok(plan_doc::file::read(path)?);
    }
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|error| Failure::new(path, cause(&error, "read standard input")))?;
    Ok(bytes)
}

/// Where output goes.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

impl Target {
    /// The target for `-o`: `None` or `-` is standard output.
    pub(crate) fn from_option(output: Option<&Path>) -> Self {
        match output {
            Some(path) if !is_stdio(path) => Target::File(path.to_owned()),
            _ => Target::Stdout,
        }
    }

    /// Writes `contents` here.
    pub(crate) fn write(&self, contents: &[u8]) -> Result<(), Failure> {
        match self {
            Target::Stdout => write_stdout(contents),
            Target::File(path) => write_atomic(path, contents),
        }
    }
}

/// Refuses to write over the input unless the user asked for it.
pub(crate) fn guard_input(input: &Path, target: &Target, in_place: bool) -> Result<(), Failure> {
    let Target::File(output) = target else {
        return Ok(());
    };
    if in_place || is_stdio(input) {
        return Ok(());
    }
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(input), Ok(output)) => input == output,
        _ => false,
    };
    if same {
        return Err(Failure::new(
            output,
            "is the input file; pass --in-place to write over it",
        ));
    }
    Ok(())
}

/// Writes to standard output. A closed pipe (`plan parse x | head`) is not an error.
pub(crate) fn write_stdout(contents: &[u8]) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(contents).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Failure {
            path: Some("<stdout>".to_owned()),
            cause: cause(&error, "write"),
        }),
        _ => Ok(()),
    }
}

/// Writes `contents` at `path` through the library's one write path: under the file's
/// lock, to a temporary file renamed into place. On any failure the old file is untouched.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    Ok(plan_doc::file::replace(path, contents, options())?)
}

/// Writes `contents` to a new file at `path`; refuses to replace one.
pub(crate) fn create(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    plan_doc::file::create(path, contents).map_err(|error| match error.kind {
        FileErrorKind::Exists => Failure::new(path, "already exists; pass --force to replace it"),
        _ => error.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_a_file_and_leaves_no_temporary_file() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.md");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["plan.md"]);
    }
}
