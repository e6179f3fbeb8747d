//! Bytes to a plan's text: UTF-8 or a refusal that says where and why.

use std::fmt;

/// Why bytes are not a plan's text, and where: the first offending byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What is wrong.
    pub kind: DecodeErrorKind,
    /// The offending byte's offset from the start of the bytes.
    pub offset: usize,
    /// Its line, from 1.
    pub line: usize,
    /// Its column, from 1, in characters.
    pub column: usize,
}

/// What makes bytes not a plan's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// A NUL byte: the file is binary.
    Binary,
    /// A byte sequence that is not UTF-8; `byte` is its first byte.
    NotUtf8 {
        /// The first byte that is not valid UTF-8.
        byte: u8,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            offset,
            line,
            column,
            ..
        } = self;
        match self.kind {
            DecodeErrorKind::Binary => write!(
                formatter,
                "a binary file, not a plan: NUL byte at byte {offset} (line {line}, column {column})"
            ),
            DecodeErrorKind::NotUtf8 { byte } => write!(
                formatter,
                "not UTF-8: byte 0x{byte:02x} at byte {offset} (line {line}, column {column}) is \
                 not valid UTF-8; save the file as UTF-8 (`plan fix-encoding` repairs it)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The text of `bytes`: refuses a binary file (one with a NUL byte) and bytes that are not
/// UTF-8, naming the first offending byte.
///
/// ```
/// let error = plan_doc::decode(b"# Plan\n\xe9t\xe9\n".to_vec()).unwrap_err();
/// assert_eq!((error.offset, error.line, error.column), (7, 2, 1));
/// assert_eq!(plan_doc::decode("# Plan ✅\n".into()).unwrap(), "# Plan ✅\n");
/// ```
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        let (line, column) = line_column(&bytes, offset);
        return Err(DecodeError {
            kind: DecodeErrorKind::Binary,
            offset,
            line,
            column,
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let (line, column) = line_column(bytes, offset);
        DecodeError {
            kind: DecodeErrorKind::NotUtf8 {
                byte: bytes[offset],
            },
            offset,
            line,
            column,
        }
    })
}

/// Line and column, both from 1, of byte `offset` in `bytes`; the column counts
/// characters (bytes that are not UTF-8 count as one each). An `offset` past the end is
/// taken as the end.
///
/// ```
/// assert_eq!(plan_doc::line_column(b"", 0), (1, 1));
/// assert_eq!(plan_doc::line_column("a\r\né x".as_bytes(), 6), (2, 3));
/// ```
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    plan_model::diagnostic::line_column(&before, before.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_and_non_utf8_bytes_saying_where() {
        let error = decode(b"# Plan\nab\0c".to_vec()).unwrap_err();
        assert_eq!(error.kind, DecodeErrorKind::Binary);
        assert!(
            error
                .to_string()
                .contains("NUL byte at byte 9 (line 2, column 3)"),
            "{error}"
        );
        let error = decode(b"# Plan\n\xc3\xa9 \x92 x".to_vec()).unwrap_err();
        assert_eq!(error.kind, DecodeErrorKind::NotUtf8 { byte: 0x92 });
        assert!(
            error
                .to_string()
                .contains("byte 0x92 at byte 10 (line 2, column 3)"),
            "{error}"
        );
        assert_eq!(decode("é ✅\n".as_bytes().to_vec()).unwrap(), "é ✅\n");
    }

    #[test]
    fn a_truncated_character_at_the_end_is_placed_at_its_first_byte() {
        let error = decode("ab✅".as_bytes()[..4].to_vec()).unwrap_err();
        assert_eq!((error.offset, error.line, error.column), (2, 1, 3));
    }

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        assert_eq!(line_column(b"", 0), (1, 1));
        assert_eq!(line_column(b"abc", 3), (1, 4));
        assert_eq!(line_column(b"abc", 99), (1, 4));
        assert_eq!(line_column(b"a\nb", 2), (2, 1));
        assert_eq!(line_column(b"a\r\nb", 3), (2, 1));
        assert_eq!(line_column("é✅x".as_bytes(), 5), (1, 3));
        // A lone CR does not end a line for this count.
        assert_eq!(line_column(b"a\rb", 2), (1, 3));
    }
}
