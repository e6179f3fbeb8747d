//! Reading text and writing files: every failure is one line naming the path and the
//! cause, and a file is only ever replaced by a complete one (temporary file + rename).

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

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
    let what = match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
        io::ErrorKind::NotADirectory => "a part of the path is not a directory".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        io::ErrorKind::StorageFull => "no space left on the device".to_owned(),
        _ => error.to_string(),
    };
    format!("cannot {doing}: {what}")
}

/// Reads a plan's text from `path` (or standard input for `-`): refuses a directory, a
/// binary file (one with a NUL byte) and bytes that are not UTF-8, saying where.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(path)?;
    decode(bytes).map_err(|cause| Failure::new(path, cause))
}

/// Reads the bytes of `path` (or standard input for `-`); refuses a directory.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    Ok(if is_stdio(path) {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|error| Failure::new(path, cause(&error, "read standard input")))?;
        bytes
    } else {
        if path.is_dir() {
            return Err(Failure::new(path, "is a directory, not a file"));
        }
        std::fs::read(path).map_err(|error| Failure::new(path, cause(&error, "read")))?
    })
}

/// The text of `bytes`, or why it is not a plan's text.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        let (line, column) = line_column(&bytes, offset);
        return Err(format!(
            "a binary file, not a plan: NUL byte at byte {offset} (line {line}, column {column})"
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let offset = error.utf8_error().valid_up_to();
        let (line, column) = line_column(bytes, offset);
        format!(
            "not UTF-8: byte 0x{:02x} at byte {offset} (line {line}, column {column}) is not \
             valid UTF-8; save the file as UTF-8 (`plan fix-encoding` repairs it)",
            bytes[offset]
        )
    })
}

/// Line and column (from 1; the column in characters) of byte `offset`, where everything
/// before `offset` on its line is UTF-8.
pub(crate) fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
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

/// Replaces `path` with `contents`: written to a temporary file in the same directory,
/// synced, given the old file's permissions, then renamed over it. On any failure the old
/// file is untouched and the temporary file is removed.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    if path.is_dir() {
        return Err(Failure::new(path, "is a directory, not a file"));
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".plan-")
        .suffix(".tmp")
        .tempfile_in(directory)
        .map_err(|error| Failure::new(path, cause(&error, "create a file beside it")))?;
    temporary
        .write_all(contents)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| Failure::new(path, cause(&error, "write")))?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temporary
            .as_file()
            .set_permissions(metadata.permissions())
            .map_err(|error| Failure::new(path, cause(&error, "keep its permissions")))?;
    }
    temporary
        .persist(path)
        .map_err(|error| Failure::new(path, cause(&error.error, "replace")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_and_non_utf8_bytes_saying_where() {
        let error = decode(b"# Plan\nab\0c".to_vec()).unwrap_err();
        assert!(
            error.contains("NUL byte at byte 9 (line 2, column 3)"),
            "{error}"
        );
        let error = decode(b"# Plan\n\xc3\xa9 \x92 x".to_vec()).unwrap_err();
        assert!(
            error.contains("byte 0x92 at byte 10 (line 2, column 3)"),
            "{error}"
        );
        assert_eq!(decode("é ✅\n".as_bytes().to_vec()).unwrap(), "é ✅\n");
    }

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
