//! Repairs text that went through the wrong decoding: UTF-8 read as Mac Roman or as
//! Windows-1252 (`üîç` for `🔍`, `â€™` for `’`, as in two of the templates), and bytes
//! that are not UTF-8 at all (a Windows-1252 `’` byte, 0x92, in a UTF-8 file).
//!
//! A repair is exact and reversible: the mis-decoded characters are encoded back to the
//! bytes they came from, and those bytes are kept only when they are well-formed UTF-8.
//! Text that was decoded right has nothing to repair (a lone `é` is never a UTF-8
//! sequence; CJK and emoji are not in either single-byte table).
//!
//! ```
//! // Mac Roman reads 🔍's first byte, 0xF0, as the Apple logo (U+F8FF).
//! let (text, repairs) = plan_doc::encoding::repair_text("### \u{f8ff}üîç Analysis ‚úÖ");
//! assert_eq!(text, "### 🔍 Analysis ✅");
//! assert_eq!(repairs.len(), 2);
//! assert_eq!(plan_doc::encoding::repair_text("Plan ✅ déjà 日本").1, []);
//! ```

use std::ops::Range;
use std::sync::OnceLock;

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// Where mis-decoded text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// UTF-8 bytes that were decoded as Mac Roman.
    MacRoman,
    /// UTF-8 bytes that were decoded as Windows-1252.
    Windows1252,
    /// Bytes that are not UTF-8, read as Windows-1252.
    InvalidBytes,
}

impl Source {
    /// How the repair is described: `UTF-8 read as Mac Roman`.
    pub fn describe(self) -> &'static str {
        match self {
            Source::MacRoman => "UTF-8 read as Mac Roman",
            Source::Windows1252 => "UTF-8 read as Windows-1252",
            Source::InvalidBytes => "bytes that are not UTF-8, read as Windows-1252",
        }
    }
}

/// One repair: what was found where, and what it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The bytes of the input that are replaced.
    pub span: Range<usize>,
    /// The text found (for invalid bytes, their hex values: `\x92`).
    pub found: String,
    /// The text it becomes.
    pub repaired: String,
    /// What went wrong.
    pub source: Source,
}

/// The 128 characters a single-byte encoding gives bytes 0x80 to 0xFF.
fn high_half(encoding: &'static Encoding) -> Vec<char> {
    (0x80u8..=0xFF)
        .map(|byte| {
            let bytes = [byte];
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

fn table(source: Source) -> &'static [char] {
    static MAC: OnceLock<Vec<char>> = OnceLock::new();
    static WINDOWS: OnceLock<Vec<char>> = OnceLock::new();
    match source {
        Source::MacRoman => MAC.get_or_init(|| high_half(MACINTOSH)),
        _ => WINDOWS.get_or_init(|| high_half(WINDOWS_1252)),
    }
}

/// The byte `c` came from in `source`'s table, if it is there.
fn byte_of(source: Source, c: char) -> Option<u8> {
    let position = table(source).iter().position(|&other| other == c)?;
    u8::try_from(0x80 + position).ok()
}

/// The repairs `text` needs: each run of characters that encodes back (as Mac Roman or
/// Windows-1252) to well-formed multi-byte UTF-8.
pub fn find(text: &str) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        let mut run = vec![(start, c)];
        while let Some(&(at, next)) = chars.peek() {
            if next.is_ascii() {
                break;
            }
            run.push((at, next));
            chars.next();
        }
        let best = [Source::MacRoman, Source::Windows1252]
            .into_iter()
            .map(|source| (source, repairs_in(text, &run, source)))
            .max_by_key(|(_, found)| {
                found
                    .iter()
                    .map(|repair| repair.found.chars().count())
                    .sum::<usize>()
            });
        if let Some((_, found)) = best {
            repairs.extend(found);
        }
    }
    repairs
}

/// The repairs in one run of non-ASCII characters, read as `source`.
fn repairs_in(text: &str, run: &[(usize, char)], source: Source) -> Vec<Repair> {
    let bytes: Vec<Option<u8>> = run.iter().map(|&(_, c)| byte_of(source, c)).collect();
    let mut repairs: Vec<Repair> = Vec::new();
    let mut at = 0;
    while at < run.len() {
        let length = bytes[at].map_or(0, sequence_length);
        let decoded = (length > 1 && at + length <= run.len())
            .then(|| {
                let sequence: Option<Vec<u8>> = bytes[at..at + length].iter().copied().collect();
                String::from_utf8(sequence?).ok()
            })
            .flatten();
        let Some(decoded) = decoded else {
            at += 1;
            continue;
        };
        let start = run[at].0;
        let (last_at, last) = run[at + length - 1];
        let end = last_at + last.len_utf8();
        match repairs.last_mut() {
            Some(previous) if previous.span.end == start => {
                previous.span.end = end;
                previous.found = text[previous.span.clone()].to_owned();
                previous.repaired.push_str(&decoded);
            }
            _ => repairs.push(Repair {
                span: start..end,
                found: text[start..end].to_owned(),
                repaired: decoded,
                source,
            }),
        }
        at += length;
    }
    repairs
}

/// How many bytes the UTF-8 sequence that `lead` opens has (0 for a byte that opens none).
fn sequence_length(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// `text` with every repair [`find`] gives applied, and the repairs.
pub fn repair_text(text: &str) -> (String, Vec<Repair>) {
    let repairs = find(text);
    (apply(text, &repairs), repairs)
}

fn apply(text: &str, repairs: &[Repair]) -> String {
    let mut repaired = String::with_capacity(text.len());
    let mut at = 0;
    for repair in repairs {
        repaired.push_str(&text[at..repair.span.start]);
        repaired.push_str(&repair.repaired);
        at = repair.span.end;
    }
    repaired.push_str(&text[at..]);
    repaired
}

/// Decodes `bytes` as UTF-8, reading each byte that is not part of a UTF-8 sequence as
/// Windows-1252 (`0x92` is `’`); the repairs' spans are byte ranges of `bytes`.
pub fn decode_with_fallback(bytes: &[u8]) -> (String, Vec<Repair>) {
    let mut text = String::with_capacity(bytes.len());
    let mut repairs = Vec::new();
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        let (decoded, _) = WINDOWS_1252.decode_without_bom_handling(invalid);
        text.push_str(&decoded);
        repairs.push(Repair {
            span: at..at + invalid.len(),
            found: invalid
                .iter()
                .map(|byte| format!("\\x{byte:02X}"))
                .collect(),
            repaired: decoded.into_owned(),
            source: Source::InvalidBytes,
        });
        at += invalid.len();
    }
    (text, repairs)
}

/// [`decode_with_fallback`], then [`repair_text`]: the repaired text, the repairs of
/// invalid bytes (spans in `bytes`), and the repairs of mis-decoded text (spans in the
/// text [`decode_with_fallback`] gives).
pub fn repair_bytes(bytes: &[u8]) -> (String, Vec<Repair>, Vec<Repair>) {
    let (decoded, invalid) = decode_with_fallback(bytes);
    let (text, mojibake) = repair_text(&decoded);
    (text, invalid, mojibake)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_mojibake_and_invalid_bytes_are_repaired() {
        assert_eq!(repair_text("it\u{e2}\u{20ac}\u{2122}s").0, "it’s");
        assert_eq!(repair_text("caf\u{c3}\u{a9}").0, "café");
        let (text, repairs, mojibake) = repair_bytes(b"don\x92t \xe2\x9c\x85 \xc3\x83\xc2\xa9");
        assert_eq!(text, "don’t ✅ é");
        assert_eq!(mojibake.len(), 1);
        assert_eq!(repairs.len(), 1);
        assert_eq!(repairs[0].span, 3..4);
        assert_eq!(repairs[0].found, "\\x92");
        assert_eq!(repairs[0].source, Source::InvalidBytes);
    }

    #[test]
    fn repairing_twice_changes_nothing_more() {
        let broken = "\u{f8ff}üõ†Ô∏è Tools ‚Üí ‚îú‚îÄ‚îÄ src";
        let (once, repairs) = repair_text(broken);
        assert_eq!(once, "🛠️ Tools → ├── src");
        assert_eq!(repairs.len(), 3);
        assert_eq!(repair_text(&once), (once.clone(), Vec::new()));
    }
}
