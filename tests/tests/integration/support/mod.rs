//! What the integration tests share: the corpus with its folder kinds, and a plain count
//! of checkbox lines that does not use the parser.

#![allow(dead_code, reason = "each test crate uses part of the support module")]

use std::path::{Path, PathBuf};

use plan_model::Kind;

/// Every corpus file with the kind its folder names (`None` for `other/`), then the
/// templates; `None` (after one line naming the missing path) when `../shared/corpus` is
/// not there.
pub(crate) fn corpus() -> Option<Vec<(PathBuf, Option<Kind>, String)>> {
    let mut files: Vec<_> = plankit_testkit::corpus()?
        .into_iter()
        .map(|file| {
            let text = file.text();
            (file.path, file.folder.parse::<Kind>().ok(), text)
        })
        .collect();
    for kind in Kind::TEMPLATES {
        let (path, text) = plankit_testkit::template(kind.as_str());
        files.push((path, Some(kind), text));
    }
    Some(files)
}

pub(crate) fn name(path: &Path) -> String {
    let parent = path.parent().and_then(Path::file_name).unwrap_or_default();
    format!(
        "{}/{}",
        parent.to_string_lossy(),
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// The plain count of checkbox list items outside code fences: any bullet or number,
/// inside blockquotes too.
pub(crate) fn checkbox_count(src: &str) -> (usize, usize) {
    let (mut done, mut total) = (0, 0);
    let mut fence: Option<(char, usize)> = None;
    for line in src.lines() {
        let trimmed = line.trim_start();
        let run = |c: char| trimmed.chars().take_while(|x| *x == c).count();
        for marker in ['`', '~'] {
            let length = run(marker);
            if length >= 3 {
                match fence {
                    None => fence = Some((marker, length)),
                    Some((open, open_length))
                        if open == marker
                            && length >= open_length
                            && trimmed[length..].trim().is_empty() =>
                    {
                        fence = None;
                    }
                    Some(_) => {}
                }
            }
        }
        if fence.is_some() || run('`') >= 3 || run('~') >= 3 {
            continue;
        }
        let mut rest = trimmed;
        while let Some(inner) = rest.strip_prefix('>') {
            rest = inner.trim_start();
        }
        let after_bullet = if let Some(inner) = rest.strip_prefix(['-', '*', '+']) {
            inner
        } else {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 {
                continue;
            }
            match rest[digits..].strip_prefix(['.', ')']) {
                Some(inner) => inner,
                None => continue,
            }
        };
        if !after_bullet.starts_with([' ', '\t']) {
            continue;
        }
        let after_bullet = after_bullet.trim_start();
        let checked = match after_bullet.get(..3) {
            Some("[ ]") => false,
            Some("[x]" | "[X]") => true,
            _ => continue,
        };
        if !after_bullet[3..].starts_with([' ', '\t']) && !after_bullet[3..].is_empty() {
            continue;
        }
        total += 1;
        done += usize::from(checked);
    }
    (done, total)
}
