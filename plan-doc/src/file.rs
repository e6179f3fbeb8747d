//! The one write path for plans on disk.
//!
//! Every edit of a file ([`edit_bytes`], [`edit_text`], [`crate::edit_file`]) and every
//! write over one ([`replace`], [`create`]) goes through here, so that several writers at
//! once (agents in parallel, an editor with the file open) never lose each other's work:
//!
//! 1. the file is opened and locked with the OS's advisory lock (`flock` on Unix,
//!    `LockFileEx` on Windows), waiting at most [`Options::lock_timeout`]. A rename puts
//!    a new file at the path, so once locked the path must still name the locked file;
//!    when it does not, the new file is opened and locked in turn. The OS releases the
//!    lock of a process that dies, so a killed writer never blocks the next one;
//! 2. the file is read inside the lock, and the edit is applied to what was read (edits
//!    are addressed by task and section, never by offsets from an earlier read);
//! 3. the result is written to a temporary file in the same directory and synced;
//! 4. just before the rename, the file at the path must still hold the bytes that were
//!    read. A writer that takes no lock (an editor, `git checkout`) may have changed it:
//!    then the edit starts again from step 1 on the new content, a bounded number of
//!    times ([`Options::attempts`]). If the edit no longer applies, it fails and the
//!    file is left as the other writer left it;
//! 5. the temporary file is renamed over the path and the directory is synced.
//!
//! On any failure the file is left byte for byte as it was, and the temporary file is
//! removed. The lock is taken on the plan itself: no lock file is left beside it.

use std::convert::Infallible;
use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::Document;

use crate::decode::{DecodeError, decode};

/// The environment variable that tools built on this crate read for the lock timeout, in
/// seconds (the `plan` command does).
pub const LOCK_TIMEOUT_ENV: &str = "PLAN_LOCK_TIMEOUT";

/// How long an edit waits for another process's lock by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// How writes behave: how long to wait for a lock, and how often to start an edit again
/// when a writer that takes no lock changed the file meanwhile.
#[derive(Clone)]
pub struct Options {
    lock_timeout: Duration,
    attempts: u32,
    #[cfg(feature = "test-hooks")]
    hooks: hooks::Hooks,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            attempts: 8,
            #[cfg(feature = "test-hooks")]
            hooks: hooks::Hooks::default(),
        }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Options")
            .field("lock_timeout", &self.lock_timeout)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl Options {
    /// The defaults: a 10 s lock timeout, 8 attempts.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long to wait for another process's lock before giving up with
    /// [`FileErrorKind::Locked`]. A held lock is never broken.
    pub fn lock_timeout(mut self, timeout: Duration) -> Self {
        self.lock_timeout = timeout;
        self
    }

    /// How many times an edit is applied to a fresh reading when a writer that takes no
    /// lock keeps changing the file (at least 1).
    pub fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// The timeout this option set waits for a lock.
    pub fn timeout(&self) -> Duration {
        self.lock_timeout
    }
}

/// What an edit of a file's content decides: the value it hands back, and the new
/// content, if any (`None` leaves the file untouched).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit<T> {
    /// The value the edit returns to its caller.
    pub value: T,
    /// The new content, or `None` to leave the file as it is.
    pub contents: Option<Vec<u8>>,
}

impl<T> Edit<T> {
    /// An edit that leaves the file as it is.
    pub fn keep(value: T) -> Self {
        Self {
            value,
            contents: None,
        }
    }

    /// An edit that writes `contents` (nothing is written when they equal what was read).
    pub fn write(contents: impl Into<Vec<u8>>, value: T) -> Self {
        Self {
            value,
            contents: Some(contents.into()),
        }
    }
}

/// A write or an edit of `path` that did not happen; the file is as it was.
#[derive(Debug)]
pub struct FileError<E = Infallible> {
    /// The path as the caller gave it.
    pub path: PathBuf,
    /// Why.
    pub kind: FileErrorKind<E>,
}

/// Why a file could not be read, edited or written.
#[derive(Debug)]
#[non_exhaustive]
pub enum FileErrorKind<E = Infallible> {
    /// An operating-system error while doing `action`.
    Io {
        /// What was being done.
        action: Action,
        /// The error.
        source: io::Error,
    },
    /// The path names a directory.
    IsADirectory,
    /// The bytes are not a plan's text.
    Decode(DecodeError),
    /// Another process held the lock for the whole timeout.
    Locked {
        /// The process holding it, where the OS tells (Linux's `/proc/locks`).
        pid: Option<u32>,
        /// How long this one waited.
        waited: Duration,
    },
    /// [`create`] found a file at the path.
    Exists,
    /// Writers that take no lock changed the file before every one of `attempts`
    /// renames.
    KeptChanging {
        /// How many times the edit was applied.
        attempts: u32,
    },
    /// The edit itself failed (a task that is not there, an ambiguous address).
    Edit {
        /// The edit's error.
        error: E,
        /// Whether the file had changed on disk since this edit first read it: the edit
        /// applied to the first reading and no longer applies to the new one.
        changed: bool,
    },
}

/// What was being done when an operating-system error struck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Opening or reading the file.
    Read,
    /// Taking the lock.
    Lock,
    /// Creating the temporary file beside it.
    CreateBeside,
    /// Writing and syncing the temporary file.
    Write,
    /// Giving the temporary file the old file's permissions.
    KeepPermissions,
    /// Renaming the temporary file over the path.
    Replace,
    /// Syncing the directory after the rename.
    SyncDirectory,
}

impl fmt::Display for Action {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Action::Read => "read",
            Action::Lock => "lock",
            Action::CreateBeside => "create a file beside it",
            Action::Write => "write",
            Action::KeepPermissions => "keep its permissions",
            Action::Replace => "replace",
            Action::SyncDirectory => "sync its directory",
        })
    }
}

/// An I/O error's cause in words a user acts on.
pub fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
        io::ErrorKind::NotADirectory => "a part of the path is not a directory".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        io::ErrorKind::StorageFull => "no space left on the device".to_owned(),
        io::ErrorKind::QuotaExceeded => "the disk quota is exceeded".to_owned(),
        io::ErrorKind::FileTooLarge => "the file would exceed the size limit".to_owned(),
        _ => error.to_string(),
    }
}

impl<E: fmt::Display> fmt::Display for FileErrorKind<E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileErrorKind::Io { action, source } => {
                write!(formatter, "cannot {action}: {}", describe(source))
            }
            FileErrorKind::IsADirectory => formatter.write_str("is a directory, not a file"),
            FileErrorKind::Decode(error) => error.fmt(formatter),
            FileErrorKind::Locked { pid, waited } => {
                formatter.write_str("locked by another process")?;
                if let Some(pid) = pid {
                    write!(formatter, " (pid {pid})")?;
                }
                write!(
                    formatter,
                    "; gave up after waiting {:.1} s",
                    waited.as_secs_f64()
                )
            }
            FileErrorKind::Exists => formatter.write_str("already exists"),
            FileErrorKind::KeptChanging { attempts } => write!(
                formatter,
                "another program kept changing the file while it was being edited; gave up \
                 after {attempts} attempts, and left it as that program wrote it"
            ),
            FileErrorKind::Edit {
                error,
                changed: false,
            } => error.fmt(formatter),
            FileErrorKind::Edit {
                error,
                changed: true,
            } => write!(
                formatter,
                "the file changed on disk during the edit, and the edit no longer applies: \
                 {error}; the file is left as the other writer left it"
            ),
        }
    }
}

impl<E: fmt::Display> fmt::Display for FileError<E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.path.display(), self.kind)
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for FileError<E> {}

impl<E> FileError<E> {
    fn new(path: &Path, kind: FileErrorKind<E>) -> Self {
        Self {
            path: path.to_owned(),
            kind,
        }
    }

    fn io(path: &Path, action: Action, source: io::Error) -> Self {
        Self::new(path, FileErrorKind::Io { action, source })
    }
}

/// Reads the bytes of `path`; refuses a directory.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    if path.is_dir() {
        return Err(FileError::new(path, FileErrorKind::IsADirectory));
    }
    std::fs::read(path).map_err(|error| FileError::io(path, Action::Read, error))
}

/// Reads the text of `path`: refuses a directory, a binary file and bytes that are not
/// UTF-8, saying where ([`decode`]).
pub fn read_text(path: &Path) -> Result<String, FileError> {
    decode(read(path)?).map_err(|error| FileError::new(path, FileErrorKind::Decode(error)))
}

/// Edits the document at `path` in place through the safe write path (see the module
/// docs). `edit` may run more than once, each time on a fresh reading, when a writer that
/// takes no lock changes the file meanwhile; the file is written when the document's text
/// changed, and the value of the run that was written (or the last run) is returned.
pub fn edit_file<T, E>(
    path: &Path,
    options: &Options,
    mut edit: impl FnMut(&mut Document) -> Result<T, E>,
) -> Result<T, FileError<E>> {
    edit_text(path, options, |text| {
        let mut doc = Document::new(text);
        let value = edit(&mut doc)?;
        Ok(if doc.source() == text {
            Edit::keep(value)
        } else {
            Edit::write(doc.into_source(), value)
        })
    })
}

/// Edits the text at `path` in place through the safe write path: as [`edit_bytes`], with
/// the bytes decoded first (a file that is not UTF-8 is refused, and left alone).
pub fn edit_text<T, E>(
    path: &Path,
    options: &Options,
    mut edit: impl FnMut(&str) -> Result<Edit<T>, E>,
) -> Result<T, FileError<E>> {
    run(path, options, |bytes| {
        let text = decode(bytes.to_vec()).map_err(FileErrorKind::Decode)?;
        edit(&text).map_err(|error| FileErrorKind::Edit {
            error,
            changed: false,
        })
    })
}

/// Edits the bytes at `path` in place through the safe write path (see the module docs).
/// `edit` gets the bytes read inside the lock and may run more than once; it returns
/// the value to hand back and the new content, if any.
pub fn edit_bytes<T, E>(
    path: &Path,
    options: &Options,
    mut edit: impl FnMut(&[u8]) -> Result<Edit<T>, E>,
) -> Result<T, FileError<E>> {
    run(path, options, |bytes| {
        edit(bytes).map_err(|error| FileErrorKind::Edit {
            error,
            changed: false,
        })
    })
}

/// Writes `contents` at `path`, creating the file or replacing the one there, through
/// the safe write path: a replacement waits for the lock, so it never lands in the middle
/// of another process's edit.
pub fn replace(path: &Path, contents: &[u8], options: &Options) -> Result<(), FileError> {
    let target = resolve(path);
    // The file may be removed or created between the two tries; a third settles it.
    for _ in 0..3 {
        if !exists(&target) {
            match create(path, contents) {
                Err(FileError {
                    kind: FileErrorKind::Exists,
                    ..
                }) => {}
                done => return done,
            }
        }
        match run(path, options, |_| Ok(Edit::write(contents, ()))) {
            Err(FileError {
                kind: FileErrorKind::Io { source, .. },
                ..
            }) if source.kind() == io::ErrorKind::NotFound && !exists(&target) => {}
            done => return done,
        }
    }
    Err(FileError::new(
        path,
        FileErrorKind::KeptChanging { attempts: 3 },
    ))
}

/// Writes `contents` to a new file at `path`; refuses with [`FileErrorKind::Exists`] when
/// there is one already (checked by the rename itself, so no other writer can slip in
/// between).
pub fn create(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    let target = resolve(path);
    if target.is_dir() {
        return Err(FileError::new(path, FileErrorKind::IsADirectory));
    }
    let temporary = write_temporary(path, &target, contents, None)?;
    temporary.persist_noclobber(&target).map_err(|error| {
        if error.error.kind() == io::ErrorKind::AlreadyExists {
            FileError::new(path, FileErrorKind::Exists)
        } else {
            FileError::io(path, Action::Replace, error.error)
        }
    })?;
    sync_directory(path, &target)
}

/// The steps of the module docs, with `edit` returning kinds of error.
fn run<T, E>(
    path: &Path,
    options: &Options,
    mut edit: impl FnMut(&[u8]) -> Result<Edit<T>, FileErrorKind<E>>,
) -> Result<T, FileError<E>> {
    let target = resolve(path);
    let started = Instant::now();
    let deadline = started + options.lock_timeout;
    let mut changed = false;
    for _ in 0..options.attempts {
        let (mut file, metadata) = lock(path, &target, started, deadline)?;
        let mut original = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
        file.read_to_end(&mut original)
            .map_err(|error| FileError::io(path, Action::Read, error))?;
        options.after_read(&target);
        let Edit { value, contents } = edit(&original).map_err(|kind| {
            let kind = match kind {
                FileErrorKind::Edit { error, .. } => FileErrorKind::Edit { error, changed },
                other => other,
            };
            FileError::new(path, kind)
        })?;
        let Some(contents) = contents.filter(|contents| *contents != original) else {
            return Ok(value);
        };
        let temporary = write_temporary(path, &target, &contents, Some(&metadata))?;
        options.before_rename(&target);
        if still_holds(path, &target, &metadata, &original)? {
            temporary
                .persist(&target)
                .map_err(|error| FileError::io(path, Action::Replace, error.error))?;
            sync_directory(path, &target)?;
            return Ok(value);
        }
        changed = true;
    }
    Err(FileError::new(
        path,
        FileErrorKind::KeptChanging {
            attempts: options.attempts,
        },
    ))
}

/// The file a path names: a symbolic link's target, so that the link stays a link.
fn resolve(path: &Path) -> PathBuf {
    match path.symlink_metadata() {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

fn exists(target: &Path) -> bool {
    target.symlink_metadata().is_ok()
}

/// Opens `target` and takes its lock, waiting until `deadline`; the path still names the
/// locked file when this returns.
fn lock<E>(
    path: &Path,
    target: &Path,
    started: Instant,
    deadline: Instant,
) -> Result<(File, Metadata), FileError<E>> {
    loop {
        let file = File::open(target).map_err(|error| FileError::io(path, Action::Read, error))?;
        let metadata = file
            .metadata()
            .map_err(|error| FileError::io(path, Action::Read, error))?;
        if metadata.is_dir() {
            return Err(FileError::new(path, FileErrorKind::IsADirectory));
        }
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return Err(FileError::new(
                            path,
                            FileErrorKind::Locked {
                                pid: holder(&metadata),
                                waited: now - started,
                            },
                        ));
                    }
                    std::thread::sleep(pause.min(deadline - now));
                    pause = (pause * 2).min(Duration::from_millis(16));
                }
                Err(std::fs::TryLockError::Error(error)) => {
                    return Err(FileError::io(path, Action::Lock, error));
                }
            }
        }
        match std::fs::metadata(target) {
            Ok(now) if same_file(&now, &metadata) => return Ok((file, metadata)),
            // Renamed over while this process waited: lock the file there now.
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(FileError::io(path, Action::Read, error)),
        }
    }
}

/// Whether the path still names the locked file, holding the bytes read.
fn still_holds<E>(
    path: &Path,
    target: &Path,
    locked: &Metadata,
    original: &[u8],
) -> Result<bool, FileError<E>> {
    match std::fs::metadata(target) {
        Ok(now) if same_file(&now, locked) => {}
        Ok(_) => return Ok(false),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(FileError::io(path, Action::Read, error)),
    }
    let now = std::fs::read(target).map_err(|error| FileError::io(path, Action::Read, error))?;
    Ok(now == original)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    // Windows cannot rename over an open file, so the path names the locked file.
    true
}

/// The process holding the lock on the file `metadata` describes, from `/proc/locks`.
#[cfg(target_os = "linux")]
fn holder(metadata: &Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt as _;
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let device = metadata.dev();
    let major = ((device >> 8) & 0xfff) | ((device >> 32) & !0xfff);
    let minor = (device & 0xff) | ((device >> 12) & !0xff);
    let wanted = format!("{major:02x}:{minor:02x}:{}", metadata.ino());
    // `1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234 0 EOF`; a waiter has `->` after the number.
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [_, "FLOCK", _, _, pid, file, ..] if *file == wanted => pid.parse().ok(),
            _ => None,
        }
    })
}

#[cfg(not(target_os = "linux"))]
fn holder(_: &Metadata) -> Option<u32> {
    None
}

/// `contents` in a synced temporary file beside `target`, with `old`'s permissions.
fn write_temporary<E>(
    path: &Path,
    target: &Path,
    contents: &[u8],
    old: Option<&Metadata>,
) -> Result<tempfile::NamedTempFile, FileError<E>> {
    let directory = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".plan-")
        .suffix(".tmp")
        .tempfile_in(directory)
        .map_err(|error| FileError::io(path, Action::CreateBeside, error))?;
    temporary
        .write_all(contents)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| FileError::io(path, Action::Write, error))?;
    if let Some(old) = old {
        temporary
            .as_file()
            .set_permissions(old.permissions())
            .map_err(|error| FileError::io(path, Action::KeepPermissions, error))?;
    }
    Ok(temporary)
}

/// Syncs the directory of `target`, so that the rename survives a crash.
#[cfg(unix)]
fn sync_directory<E>(path: &Path, target: &Path) -> Result<(), FileError<E>> {
    let directory = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    File::open(directory)
        .and_then(|directory| directory.sync_all())
        .map_err(|error| FileError::io(path, Action::SyncDirectory, error))
}

#[cfg(not(unix))]
fn sync_directory<E>(_: &Path, _: &Path) -> Result<(), FileError<E>> {
    Ok(())
}

impl Options {
    #[cfg_attr(not(feature = "test-hooks"), allow(clippy::unused_self))]
    fn after_read(&self, _target: &Path) {
        #[cfg(feature = "test-hooks")]
        if let Some(hook) = &self.hooks.after_read {
            hook(_target);
        }
    }

    #[cfg_attr(not(feature = "test-hooks"), allow(clippy::unused_self))]
    fn before_rename(&self, _target: &Path) {
        #[cfg(feature = "test-hooks")]
        if let Some(hook) = &self.hooks.before_rename {
            hook(_target);
        }
    }
}

#[cfg(feature = "test-hooks")]
mod hooks {
    use std::path::Path;
    use std::sync::Arc;

    /// A hook: called with the path of the file being edited.
    pub(super) type Hook = Arc<dyn Fn(&Path) + Send + Sync>;

    #[derive(Clone, Default)]
    pub(super) struct Hooks {
        pub(super) after_read: Option<Hook>,
        pub(super) before_rename: Option<Hook>,
    }

    impl super::Options {
        /// Test hook (feature `test-hooks`): runs while the lock is held, right after the
        /// file was read: a test holds the lock there, or kills the process.
        pub fn on_after_read(mut self, hook: impl Fn(&Path) + Send + Sync + 'static) -> Self {
            self.hooks.after_read = Some(Arc::new(hook));
            self
        }

        /// Test hook (feature `test-hooks`): runs after the temporary file is written and
        /// before the path is checked and replaced: a test plays a writer that takes no
        /// lock there.
        pub fn on_before_rename(mut self, hook: impl Fn(&Path) + Send + Sync + 'static) -> Self {
            self.hooks.before_rename = Some(Arc::new(hook));
            self
        }
    }
}
