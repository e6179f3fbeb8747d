//! Finding where in JSON text the value a JSON pointer names begins.
//!
//! The text has already been read by `serde_json`, so it is valid JSON; the scanner only
//! needs to skip values and match keys. Depth is bounded by `serde_json`'s own limit.

/// The byte offset at which the value at `pointer` starts in `text`, if it exists.
pub(crate) fn locate(text: &str, pointer: &str) -> Option<usize> {
    let tokens: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer
            .strip_prefix('/')?
            .split('/')
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        position: 0,
    };
    scanner.find(&tokens)
}

/// The bytes of the value at `pointer` in `text`, if it exists: the whole of a string,
/// number or literal, the opening bracket of an object or array.
pub(crate) fn locate_span(text: &str, pointer: &str) -> Option<std::ops::Range<usize>> {
    let start = locate(text, pointer)?;
    if matches!(text.as_bytes().get(start), Some(b'{' | b'[')) {
        return Some(start..start + 1);
    }
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        position: start,
    };
    scanner.skip_value()?;
    Some(start..scanner.position)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    position: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek() == Some(byte)).then(|| self.position += 1)
    }

    /// Finds the value at `tokens` below the value at the current position.
    fn find(&mut self, tokens: &[String]) -> Option<usize> {
        self.skip_whitespace();
        let Some((token, rest)) = tokens.split_first() else {
            return Some(self.position);
        };
        match self.peek()? {
            b'{' => {
                self.position += 1;
                loop {
                    self.skip_whitespace();
                    if self.peek()? == b'}' {
                        return None;
                    }
                    let key = self.string()?;
                    self.expect(b':')?;
                    if key == *token {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_whitespace();
                    if self.peek()? == b',' {
                        self.position += 1;
                    }
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                self.position += 1;
                for _ in 0..index {
                    self.skip_whitespace();
                    if self.peek()? == b']' {
                        return None;
                    }
                    self.skip_value()?;
                    self.expect(b',')?;
                }
                self.skip_whitespace();
                if self.peek()? == b']' {
                    return None;
                }
                self.find(rest)
            }
            _ => None,
        }
    }

    /// Reads a string token and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.position;
        self.skip_string()?;
        serde_json::from_str(&self.text[start..self.position]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        self.position += 1;
        loop {
            match self.peek()? {
                b'\\' => self.position += 2,
                b'"' => {
                    self.position += 1;
                    return Some(());
                }
                _ => self.position += 1,
            }
        }
    }

    /// Skips one value of any type, iteratively so that depth costs no stack.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'{' | b'[' => {
                    depth += 1;
                    self.position += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.position += 1;
                }
                b',' | b':' if depth > 0 => self.position += 1,
                _ => {
                    while self.peek().is_some_and(|byte| {
                        !matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    }) {
                        self.position += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_past_strings_with_escapes() {
        let text = "{\"a\\\"}\": [1, {\"x\": \"]}\"}],\n \"b/c\": {\"d\": [true, {\"e\": null}]}}";
        let offset = locate(text, "/b~1c/d/1/e").expect("found");
        assert_eq!(&text[offset..offset + 4], "null");
        assert_eq!(plan_model::diagnostic::line_column(text, offset), (2, 28));
        assert_eq!(
            locate(text, "/a\"}/1/x").map(|at| &text[at..at + 4]),
            Some("\"]}\"")
        );
        assert_eq!(locate(text, ""), Some(0));
        assert_eq!(locate(text, "/missing"), None);
        assert_eq!(locate(text, "/b~1c/d/5"), None);
    }
}
