//! Kind detection: which template a plan follows, judged by the signature sections and
//! labels of each template found among its headings and bold labels.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use plan_model::Kind;

use crate::generic::Heading;

/// Which kind a plan is, how sure the guess is, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    /// The kind that fits best, or [`Kind::Generic`] when no template fits well enough.
    pub kind: Kind,
    /// From 0 to 1: how much of the winning kind's signature was found, discounted when a
    /// second kind fits almost as well.
    pub confidence: f32,
    /// The signature sections and labels found for the winning kind, as written in the
    /// signature (`"## What We're NOT Doing"`).
    pub evidence: Vec<String>,
    /// Another kind whose signature was found strongly enough to be detected on its own:
    /// the plan mixes two templates (a typed reading of such a plan is checked by
    /// [`crate::parse`] before it is kept).
    pub mixed_with: Option<Kind>,
}

/// A sign that a plan follows a template, and its weight.
struct Signal {
    /// What is looked for, shown as evidence.
    name: &'static str,
    weight: f32,
    matches: fn(&Features<'_>) -> bool,
}

/// What detection looks at: headings and bold labels, lower-cased, marks stripped.
struct Features<'a> {
    title: &'a str,
    headings: Vec<(u8, &'a str)>,
    /// The headings lower-cased with marks stripped, numbering kept (`1.1 title`).
    numbered: Vec<&'a str>,
    src: &'a str,
    /// Which of [`PHRASES`] occur in the text, ignoring ASCII case: bit `i` for phrase `i`.
    phrases: u64,
    /// Which of [`HEADING_WORDS`] occur in a heading: bit `i` for words `i`.
    in_heading: u64,
    /// Which of [`HEADING_WORDS`] start a heading.
    heading_start: u64,
    /// How many headings are phases ([`is_phase`]).
    phases: usize,
    /// How many headings are numbered steps ([`is_step`]).
    steps: usize,
    /// How many phase headings have a step numbered after them among their sub-headings
    /// ([`phases_with_steps`]).
    phases_with_steps: usize,
}

impl Features<'_> {
    fn count_headings(&self, matches: impl Fn(&str) -> bool) -> usize {
        self.headings
            .iter()
            .filter(|(_, text)| matches(text))
            .count()
    }

    fn count_numbered(&self, matches: impl Fn(&str) -> bool) -> usize {
        self.numbered.iter().filter(|text| matches(text)).count()
    }
}

/// The bit of `words` in `list` (bit `i` for entry `i`), found as the program compiles:
/// a signal that names words missing from the list does not compile.
const fn bit(list: &[&str], words: &str) -> u64 {
    let mut index = 0;
    while index < list.len() {
        let (known, wanted) = (list[index].as_bytes(), words.as_bytes());
        if known.len() == wanted.len() {
            let mut at = 0;
            while at < known.len() && known[at] == wanted[at] {
                at += 1;
            }
            if at == known.len() {
                return 1 << index;
            }
        }
        index += 1;
    }
    panic!("a signal looks for words missing from its list");
}

/// Whether the text holds `words` (one of [`PHRASES`]), ignoring ASCII case.
macro_rules! text {
    ($features:ident, $words:literal) => {
        $features.phrases & const { bit(PHRASES, $words) } != 0
    };
}

/// Whether a heading holds `words` (one of [`HEADING_WORDS`]).
macro_rules! heading {
    ($features:ident, $words:literal) => {
        $features.in_heading & const { bit(HEADING_WORDS, $words) } != 0
    };
}

/// Whether a heading starts with `words` (one of [`HEADING_WORDS`]).
macro_rules! heading_starts {
    ($features:ident, $words:literal) => {
        $features.heading_start & const { bit(HEADING_WORDS, $words) } != 0
    };
}

/// Lower case, without emoji, bold marks and leading numbering (`8. `, `三、`).
#[cfg(test)]
fn normalize(text: &str) -> String {
    unnumbered(&numbered(text)).to_owned()
}

/// A [`numbered_into`] heading without its leading numbering.
fn unnumbered(numbered: &str) -> &str {
    let trimmed = numbered.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace()
    });
    trimmed
        .trim_start_matches([
            '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '、',
        ])
        .trim()
}

/// Lower case, without emoji and bold marks, numbering kept.
#[cfg(test)]
fn numbered(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    numbered_into(text, &mut out);
    out
}

/// A heading lower-cased, without emoji and bold marks, numbering kept, appended to `out`
/// (which may hold other headings before it): whitespace runs become one space, and only
/// letters, digits and `.:&/'-()` are kept.
///
/// ASCII bytes are looked up in [`ASCII_KEPT`], and letters without case and pictographs
/// are told by their ranges ([`caseless_letter`], [`pictograph`]): only the rest, rare in
/// headings, needs the Unicode tables ([`numbered_chars_into`] does it all so).
fn numbered_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut space = false;
    let keep = |out: &mut String, space: &mut bool, c: char| {
        if std::mem::take(space) {
            out.push(' ');
        }
        out.push(c);
    };
    for c in text.chars() {
        if c.is_ascii() {
            match ASCII_KEPT[usize::from(c as u8)] {
                DROP => {}
                SPACE => space = out.len() > start,
                byte => keep(out, &mut space, char::from(byte)),
            }
        } else if caseless_letter(c) {
            keep(out, &mut space, c);
        } else if !pictograph(c) {
            for lower in c.to_lowercase() {
                if lower.is_whitespace() {
                    space = out.len() > start;
                } else if kept(lower) {
                    keep(out, &mut space, lower);
                }
            }
        }
    }
}

/// Whether [`numbered_into`] keeps `c`, a lower-case character that is not whitespace.
fn kept(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | ':' | '&' | '/' | '\'' | '-' | '(' | ')')
}

/// In [`ASCII_KEPT`]: the byte is dropped.
const DROP: u8 = 0;
/// In [`ASCII_KEPT`]: the byte is whitespace (`char::is_whitespace`, the vertical tab too).
const SPACE: u8 = 1;

/// What [`numbered_into`] makes of each ASCII byte: [`DROP`], [`SPACE`], or the byte it
/// keeps, lower-cased.
const ASCII_KEPT: [u8; 128] = {
    let mut table = [DROP; 128];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8;
        table[byte] = match c {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => SPACE,
            b'a'..=b'z' | b'0'..=b'9' | b'.' | b':' | b'&' | b'/' | b'\'' | b'-' | b'(' | b')' => c,
            b'A'..=b'Z' => c.to_ascii_lowercase(),
            _ => DROP,
        };
        byte += 1;
    }
    table
};

/// Whether `c` is in a range of letters without case that headings often hold (CJK
/// ideographs, kana, Hangul syllables): kept as it is.
fn caseless_letter(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Whether `c` is in a range of pictographs and their variation selectors, which hold no
/// letter or digit: dropped.
fn pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{26FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F300}'..='\u{1FAFF}')
}

/// [`numbered_into`] with the Unicode tables for every character: what its fast paths
/// are checked against.
#[cfg(test)]
fn numbered_chars_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            space = out.len() > start;
        } else if kept(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    };
    for c in text.chars() {
        c.to_lowercase().for_each(&mut push);
    }
}

/// Whether `text` (normalized) starts `phase`/`stage`/`フェーズ` followed by a number.
fn is_phase(text: &str) -> bool {
    phase_number(text).is_some()
}

/// The number of a phase heading (`phase 2: ...` gives `2`).
fn phase_number(text: &str) -> Option<&str> {
    const WORDS: [&str; 7] = [
        "phase ",
        "stage ",
        "フェーズ",
        "阶段",
        "milestone ",
        "iteration ",
        "sprint ",
    ];
    // Most headings start with none of the words' first bytes, and are refused at once.
    let first = *text.as_bytes().first()?;
    if !WORDS.iter().any(|word| word.as_bytes()[0] == first) {
        return None;
    }
    WORDS.iter().find_map(|word| {
        let rest = text.strip_prefix(word)?;
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    })
}

/// How many of `headings` (level and numbered text, in order) are phases with a
/// sub-heading numbered as one of their steps (`phase 2` over `2.1 ...` or
/// `step 2.1 ...`): the shape of a phased plan in any language.
fn phases_with_steps(headings: &[(u8, &str)]) -> usize {
    headings
        .iter()
        .enumerate()
        .filter(|(index, (level, text))| {
            let Some(number) = phase_number(text) else {
                return false;
            };
            headings[index + 1..]
                .iter()
                .take_while(|(sub_level, _)| sub_level > level)
                .any(|(_, sub)| {
                    let sub = sub.strip_prefix("step ").unwrap_or(sub);
                    sub.strip_prefix(number)
                        .and_then(|rest| rest.strip_prefix('.'))
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                })
        })
        .count()
}

/// Whether `text` is a numbered step (`step 1.1`, `1.1 title`).
fn is_step(text: &str) -> bool {
    let rest = text.strip_prefix("step ").unwrap_or(text);
    let length = rest
        .bytes()
        .take_while(|c| c.is_ascii_digit() || *c == b'.' || *c == b'-')
        .count();
    let number = &rest[..length];
    text.starts_with("step ") && !number.is_empty()
        || number.contains('.') && number.len() >= 3 && !number.ends_with('.')
}

// The signature tables read best one signal per line.
#[rustfmt::skip]
const ATOMIC: &[Signal] = &[
    Signal { name: "# Current Implementation Plan - ...", weight: 3.0, matches: |f| f.title.starts_with("current implementation plan") },
    Signal { name: "## Next Atomic Step", weight: 4.0, matches: |f| heading!(f, "next atomic step") },
    Signal { name: "### What to implement next", weight: 2.0, matches: |f| heading!(f, "what to implement next") },
    Signal { name: "### Implementation Requirements", weight: 1.0, matches: |f| heading!(f, "implementation requirements") },
    Signal { name: "### Test Coverage Requirements", weight: 1.5, matches: |f| heading!(f, "test coverage") },
    Signal { name: "## Further Implementation Details", weight: 1.5, matches: |f| heading!(f, "further implementation details") },
    Signal { name: "## ✅ COMPLETED: ...", weight: 1.0, matches: |f| heading!(f, "completed:") },
];

#[rustfmt::skip]
const FEATURE: &[Signal] = &[
    Signal { name: "# Implementation Plan: ...", weight: 1.0, matches: |f| f.title.starts_with("implementation plan:") },
    Signal { name: "## Executive Summary", weight: 2.0, matches: |f| heading!(f, "executive summary") },
    Signal { name: "### Existing Code Structure", weight: 2.0, matches: |f| heading!(f, "existing code structure") },
    Signal { name: "### Dependencies to Modify", weight: 2.0, matches: |f| heading!(f, "dependencies to modify") },
    Signal { name: "### Technical Debt Addressed", weight: 2.0, matches: |f| heading!(f, "technical debt addressed") },
    Signal { name: "**Duration:**", weight: 1.5, matches: |f| text!(f, "**duration:**") || text!(f, "**duration**:") || text!(f, "(day ") },
    Signal { name: "#### Deliverables", weight: 1.5, matches: |f| heading_starts!(f, "deliverables") && f.phases > 0 },
    Signal { name: "## Definition of Done", weight: 2.0, matches: |f| heading!(f, "definition of done") },
    Signal { name: "## Communication Plan", weight: 2.0, matches: |f| heading!(f, "communication plan") },
    Signal { name: "## Progress Tracking", weight: 1.0, matches: |f| heading!(f, "progress tracking") },
    Signal { name: "## Lessons Learned", weight: 1.0, matches: |f| heading!(f, "lessons learned") },
    Signal { name: "## Sign-off", weight: 1.5, matches: |f| heading!(f, "sign-off") },
    Signal { name: "- [ ] **Task 1.1**:", weight: 1.0, matches: |f| text!(f, "**task 1.1") || heading!(f, "task 1.1") },
    Signal { name: "### 1.1 Subtask headings under phases", weight: 1.0, matches: |f| f.count_numbered(|t| t.starts_with("1.1 ")) > 0 && f.phases >= 2 },
    Signal { name: "### Deliverables in each phase", weight: 1.0, matches: |f| f.count_headings(|t| t.starts_with("deliverables")) >= 2 },
    Signal { name: "## PRIORITY N: ...", weight: 1.5, matches: |f| f.count_headings(|t| t.starts_with("priority ")) >= 2 },
    Signal { name: "**Branch:** / **Start Date:** / **Target Completion:** / **Assignee:**", weight: 1.5, matches: |f| text!(f, "**branch:**") || text!(f, "**start date:**") || text!(f, "**target completion:**") || text!(f, "**assignee:**") || text!(f, "**estimated duration:**") },
    Signal { name: "**Status:** under phases", weight: 1.0, matches: |f| text!(f, "**status:**") && f.phases >= 2 },
    Signal { name: "#### Objectives", weight: 1.0, matches: |f| heading_starts!(f, "objectives") || text!(f, "**objectives:**") },
    Signal { name: "**Time:** per task", weight: 1.0, matches: |f| text!(f, "**time:**") },
    Signal { name: "**Effort:** / **Impact:**", weight: 1.0, matches: |f| text!(f, "**effort:**") && text!(f, "**impact:**") },
    Signal { name: "### Phase Completion Log", weight: 1.0, matches: |f| text!(f, "phase completion log") },
];

#[rustfmt::skip]
const POC: &[Signal] = &[
    Signal { name: "# ... Implementation Plan / Plan (PoC)", weight: 0.5, matches: |f| f.title.ends_with("plan") },
    Signal { name: "> **Track Progress**", weight: 2.0, matches: |f| text!(f, "track progress") },
    Signal { name: "## Prerequisites", weight: 2.0, matches: |f| heading_starts!(f, "prerequisites") },
    Signal { name: "### 1. Identify Affected Tests", weight: 3.0, matches: |f| heading!(f, "affected tests") || heading!(f, "verify all tests pass") },
    Signal { name: "## Deliverables", weight: 1.0, matches: |f| f.headings.iter().any(|(level, t)| *level == 2 && *t == "deliverables") },
    Signal { name: "## Architecture + ### Design Principles", weight: 1.5, matches: |f| heading!(f, "design principles") && heading!(f, "file structure") },
    Signal { name: "### Step 0: ...", weight: 1.5, matches: |f| f.count_numbered(|t| t.starts_with("step 0")) > 0 },
    Signal { name: "**Goal**: / **Verification**:", weight: 1.0, matches: |f| text!(f, "**verification**") && (text!(f, "**goal**") || text!(f, "**output**")) },
    Signal { name: "## Production-Grade Checklist", weight: 3.0, matches: |f| heading!(f, "production-grade") },
    Signal { name: "## What \"Done\" Looks Like", weight: 2.0, matches: |f| heading!(f, "done looks like") },
    Signal { name: "## Test Summary", weight: 1.5, matches: |f| heading!(f, "test summary") },
    Signal { name: "# Expected: (baseline commands)", weight: 1.0, matches: |f| memchr::memmem::find(f.src.as_bytes(), b"# Expected:").is_some() },
];

#[rustfmt::skip]
const STEPWISE: &[Signal] = &[
    Signal { name: "Last Updated:", weight: 2.0, matches: |f| text!(f, "last updated:") },
    Signal { name: "## TLDR", weight: 3.0, matches: |f| heading!(f, "tldr") },
    Signal { name: "## Phase Overview", weight: 2.0, matches: |f| heading!(f, "phase overview") },
    Signal { name: "## Implementation Steps", weight: 1.0, matches: |f| heading!(f, "implementation steps") },
    Signal { name: "#### Step N.M: ...", weight: 2.0, matches: |f| f.steps >= 2 },
    Signal { name: "### Phase N: ...", weight: 1.0, matches: |f| f.phases >= 2 },
    Signal { name: "#### N.M steps under each ### Phase N", weight: 1.0, matches: |f| f.phases_with_steps >= 2 },
    Signal { name: "**Objective**:", weight: 1.0, matches: |f| text!(f, "**objective**") || heading_starts!(f, "目標") || heading_starts!(f, "目标") },
    Signal { name: "## Technical Specifications", weight: 2.0, matches: |f| heading!(f, "technical specifications") },
    Signal { name: "## Rollout Plan", weight: 1.0, matches: |f| heading!(f, "rollout plan") },
    Signal { name: "## Notes & Considerations", weight: 2.0, matches: |f| heading!(f, "notes & considerations") },
    Signal { name: "step-by-step implementation plan", weight: 2.0, matches: |f| text!(f, "step-by-step implementation plan") },
    Signal { name: "Phase N in the title", weight: 1.5, matches: |f| f.numbered.first().is_some_and(|title| is_phase(title)) },
    Signal { name: "**Estimated time**", weight: 1.0, matches: |f| text!(f, "**estimated time") },
    Signal { name: "## 概要 (phased plan)", weight: 1.0, matches: |f| f.headings.iter().any(|(_, t)| *t == "概要") && f.phases >= 2 },
];

#[rustfmt::skip]
const SCOPED: &[Signal] = &[
    Signal { name: "## What We're NOT Doing", weight: 4.0, matches: |f| heading!(f, "not doing") },
    Signal { name: "## Desired End State", weight: 3.0, matches: |f| heading!(f, "desired end state") },
    Signal { name: "### Key Discoveries", weight: 2.0, matches: |f| heading!(f, "key discoveries") },
    Signal { name: "## Current State Analysis", weight: 1.0, matches: |f| heading!(f, "current state analysis") || heading!(f, "현재 상태 분석") },
    Signal { name: "## Implementation Approach", weight: 1.5, matches: |f| heading!(f, "implementation approach") || heading!(f, "architecture / approach") },
    Signal { name: "**Confirmation Gate**", weight: 2.0, matches: |f| text!(f, "confirmation gate") },
    Signal { name: "#### Automated / Manual Verification", weight: 2.0, matches: |f| text!(f, "automated verification") || (text!(f, "**automated**") && text!(f, "**manual**")) || (heading_starts!(f, "automated") && heading_starts!(f, "manual")) || (text!(f, "자동 검증") && text!(f, "수동 검증")) },
    Signal { name: "### Phase N verification, per phase", weight: 1.0, matches: |f| f.count_numbered(|t| is_phase(t) && (t.contains("verification") || t.contains("검증"))) >= 2 },
    Signal { name: "## Open Questions", weight: 1.0, matches: |f| heading!(f, "open questions") },
    Signal { name: "## Change Log", weight: 1.0, matches: |f| heading!(f, "change log") },
    Signal { name: "## What & Why / Starting Point (plan brief)", weight: 3.0, matches: |f| heading!(f, "what & why") || heading!(f, "starting point") },
    Signal { name: "### Changes + ### Verification per phase", weight: 2.0, matches: |f| f.count_headings(|t| t == "changes") >= 2 && f.count_headings(|t| t.starts_with("verification")) >= 2 },
    Signal { name: "## Vision Statement / Current State", weight: 1.0, matches: |f| heading!(f, "vision statement") || heading!(f, "current state preservation") },
];

const KINDS: [(Kind, &[Signal]); 5] = [
    (Kind::Atomic, ATOMIC),
    (Kind::Feature, FEATURE),
    (Kind::Poc, POC),
    (Kind::Stepwise, STEPWISE),
    (Kind::Scoped, SCOPED),
];

/// Every phrase a signal looks for in the whole text, lower case, ASCII case ignored; found
/// by [`phrases_in`] without a search of the text per phrase.
const PHRASES: &[&str] = &[
    "(day ",
    "**assignee:**",
    "**automated**",
    "**branch:**",
    "**duration**:",
    "**duration:**",
    "**effort:**",
    "**estimated duration:**",
    "**estimated time",
    "**goal**",
    "**impact:**",
    "**manual**",
    "**objective**",
    "**objectives:**",
    "**output**",
    "**start date:**",
    "**status:**",
    "**target completion:**",
    "**task 1.1",
    "**time:**",
    "**verification**",
    "automated verification",
    "confirmation gate",
    "last updated:",
    "phase completion log",
    "step-by-step implementation plan",
    "track progress",
    "수동 검증",
    "자동 검증",
];

/// Every word a signal looks for in the headings (`heading!`, `heading_starts!`),
/// normalized as the headings are; found by
/// [`heading_words_in`] in one pass over all headings.
const HEADING_WORDS: &[&str] = &[
    "affected tests",
    "architecture / approach",
    "automated",
    "change log",
    "communication plan",
    "completed:",
    "current state analysis",
    "current state preservation",
    "definition of done",
    "deliverables",
    "dependencies to modify",
    "design principles",
    "desired end state",
    "done looks like",
    "executive summary",
    "existing code structure",
    "file structure",
    "further implementation details",
    "implementation approach",
    "implementation requirements",
    "implementation steps",
    "key discoveries",
    "lessons learned",
    "manual",
    "next atomic step",
    "not doing",
    "notes & considerations",
    "objectives",
    "open questions",
    "phase overview",
    "prerequisites",
    "production-grade",
    "progress tracking",
    "rollout plan",
    "sign-off",
    "starting point",
    "task 1.1",
    "technical debt addressed",
    "technical specifications",
    "test coverage",
    "test summary",
    "tldr",
    "verify all tests pass",
    "vision statement",
    "what & why",
    "what to implement next",
    "目标",
    "目標",
    "현재 상태 분석",
];

/// Which of [`HEADING_WORDS`] occur in `joined` (headings, each after a `\n`), and which
/// start a heading: two bit sets.
fn heading_words_in(joined: &str) -> (u64, u64) {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let Some(matcher) = MATCHER.get_or_init(|| matcher_of(HEADING_WORDS)) else {
        return heading_words_by_search(joined);
    };
    let (mut anywhere, mut at_start) = (0u64, 0u64);
    each_occurrence(matcher, joined.as_bytes(), |pattern, start| {
        let bit = 1 << pattern;
        anywhere |= bit;
        if joined.as_bytes()[..start].ends_with(b"\n") {
            at_start |= bit;
        }
    });
    (anywhere, at_start)
}

/// The matcher [`each_occurrence`] takes, for `entries` of which none is the start of
/// another (a test checks each list); `None` should it not build.
fn matcher_of(entries: &[&str]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(entries)
        .ok()
}

/// Calls `found` with the pattern index and start of every occurrence of `matcher`'s
/// entries in `haystack`, overlapping ones too: a leftmost search (which runs the
/// automaton's SIMD prefilter; an overlapping search cannot) started again one byte after
/// each match. No entry is the start of another ([`matcher_of`]), so at most one matches
/// at any byte.
fn each_occurrence(matcher: &AhoCorasick, haystack: &[u8], mut found: impl FnMut(usize, usize)) {
    let mut from = 0;
    while let Some(occurrence) =
        matcher.find(aho_corasick::Input::new(haystack).span(from..haystack.len()))
    {
        found(occurrence.pattern().as_usize(), occurrence.start());
        from = occurrence.start() + 1;
    }
}

/// [`heading_words_in`] the slow way, should the automaton not build.
fn heading_words_by_search(joined: &str) -> (u64, u64) {
    HEADING_WORDS
        .iter()
        .enumerate()
        .fold((0, 0), |(anywhere, at_start), (index, words)| {
            (
                anywhere | (u64::from(joined.contains(words)) << index),
                at_start | (u64::from(heading_starts_by_search(joined, words)) << index),
            )
        })
}

/// Whether a heading of `joined` starts with `words`, by plain search.
fn heading_starts_by_search(joined: &str, words: &str) -> bool {
    joined
        .match_indices(words)
        .any(|(at, _)| joined[..at].ends_with('\n'))
}

/// Which of [`PHRASES`] occur in `src`, as a bit set.
///
/// One pass of [`each_occurrence`] over a lower-cased copy of the text, which lets the
/// matcher run its SIMD prefilter (matching with case ignored cannot). The copy is made a
/// window at a time, not of the whole text: windows overlap by the longest phrase's length
/// less one, so every occurrence lies whole in one of them.
fn phrases_in(src: &str) -> u64 {
    const WINDOW: usize = 16 * 1024;
    static MATCHER: OnceLock<Option<(AhoCorasick, usize)>> = OnceLock::new();
    let matcher = MATCHER.get_or_init(|| {
        let longest = PHRASES.iter().map(|phrase| phrase.len()).max()?;
        Some((matcher_of(PHRASES)?, longest))
    });
    let Some((matcher, longest)) = matcher else {
        return phrases_by_search(src);
    };
    let bytes = src.as_bytes();
    let mut found = 0u64;
    let mut lower = Vec::with_capacity(WINDOW.min(bytes.len()));
    let mut from = 0;
    loop {
        let to = (from + WINDOW).min(bytes.len());
        lower.clear();
        lower.extend(bytes[from..to].iter().map(u8::to_ascii_lowercase));
        each_occurrence(matcher, &lower, |pattern, _| found |= 1 << pattern);
        if to == bytes.len() {
            return found;
        }
        from = to - (longest - 1);
    }
}

/// [`phrases_in`] the slow way, should the automaton not build.
fn phrases_by_search(src: &str) -> u64 {
    let lower = src.to_ascii_lowercase();
    PHRASES
        .iter()
        .enumerate()
        .filter(|(_, phrase)| lower.contains(*phrase))
        .fold(0, |found, (index, _)| found | (1 << index))
}

/// How close (as a share of the best score) the second-best kind's score may come before
/// a plan counts as a mix of two templates.
const AMBIGUOUS: f32 = 0.8;

/// The score a kind needs, in signal weight, before detection names it.
const THRESHOLD: f32 = 3.5;

pub(crate) fn detect_headings(src: &str, found: &[Heading]) -> Detection {
    // Every heading's normalized text in one buffer: one allocation, not one per heading.
    let mut buffer = String::with_capacity(found.iter().map(|heading| heading.text.len()).sum());
    let mut ends = Vec::with_capacity(found.len());
    for heading in found {
        numbered_into(&heading.text, &mut buffer);
        ends.push(buffer.len());
    }
    let numbered: Vec<&str> = ends
        .iter()
        .scan(0, |start, &end| {
            let text = &buffer[*start..end];
            *start = end;
            Some(text)
        })
        .collect();
    let headings: Vec<(u8, &str)> = found
        .iter()
        .zip(&numbered)
        .map(|(heading, numbered)| (heading.level, unnumbered(numbered)))
        .collect();
    let title = found
        .iter()
        .position(|heading| heading.level == 1)
        .or((!headings.is_empty()).then_some(0))
        .map_or("", |index| headings[index].1);
    let mut joined = String::with_capacity(headings.iter().map(|(_, text)| text.len() + 1).sum());
    for (_, text) in &headings {
        joined.push('\n');
        joined.push_str(text);
    }
    let (in_heading, heading_start) = heading_words_in(&joined);
    let phases = numbered.iter().filter(|text| is_phase(text)).count();
    let steps = numbered.iter().filter(|text| is_step(text)).count();
    let levelled: Vec<(u8, &str)> = found
        .iter()
        .zip(&numbered)
        .map(|(heading, text)| (heading.level, *text))
        .collect();
    let phases_with_steps = phases_with_steps(&levelled);
    let features = Features {
        title,
        headings,
        numbered,
        src,
        phrases: phrases_in(src),
        in_heading,
        heading_start,
        phases,
        steps,
        phases_with_steps,
    };
    let mut scores: Vec<(Kind, f32, f32, Vec<&Signal>)> = KINDS
        .iter()
        .map(|(kind, signals)| {
            let total: f32 = signals.iter().map(|signal| signal.weight).sum();
            let found: Vec<&Signal> = signals
                .iter()
                .filter(|signal| (signal.matches)(&features))
                .collect();
            let score = found.iter().map(|signal| signal.weight).sum();
            (*kind, score, total, found)
        })
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (kind, score, total, found) = scores.swap_remove(0);
    // Only the winner's evidence is written out.
    let evidence: Vec<String> = found.iter().map(|signal| signal.name.to_owned()).collect();
    let runner_up = scores.iter().map(|entry| entry.1).fold(0.0, f32::max);
    let mixed_with = scores
        .iter()
        .find(|entry| entry.1 >= THRESHOLD)
        .map(|entry| entry.0);
    // Two templates that fit about equally well make a mixed plan: reading it as either
    // would move the other's sections, and the rendering could then look like the other
    // kind. Such a plan is read as generic, which keeps every byte in place.
    if score < THRESHOLD || runner_up >= score * AMBIGUOUS {
        let confidence = (1.0 - score / THRESHOLD).clamp(0.0, 1.0) * 0.5 + 0.5;
        return Detection {
            kind: Kind::Generic,
            confidence,
            evidence: Vec::new(),
            mixed_with: None,
        };
    }
    let coverage = (score / total).min(1.0);
    let margin = ((score - runner_up) / score).clamp(0.0, 1.0);
    let confidence = (0.4 + 0.6 * coverage.sqrt()) * (0.5 + 0.5 * margin);
    Detection {
        kind,
        confidence: confidence.clamp(0.0, 1.0),
        evidence,
        mixed_with,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What lets [`each_occurrence`] find every occurrence of `entries`.
    fn assert_none_starts_another(entries: &[&str]) {
        for (index, entry) in entries.iter().enumerate() {
            for (other, longer) in entries.iter().enumerate() {
                assert!(
                    index == other || !longer.starts_with(entry),
                    "{entry} / {longer}"
                );
            }
        }
    }

    #[test]
    fn phrases_are_found_in_one_pass_whatever_their_case() {
        assert!(PHRASES.len() <= 64);
        assert_none_starts_another(PHRASES);
        assert!(
            PHRASES
                .iter()
                .all(|phrase| phrase.to_lowercase() == *phrase)
        );
        let src = "Intro\n**STATUS:****Goal** done. Last Updated: today. **Task 1.1**: x";
        let found = phrases_in(src);
        assert_eq!(found, phrases_by_search(src));
        let named = |phrase: &str| {
            let index = PHRASES.iter().position(|known| *known == phrase).unwrap();
            found & (1 << index) != 0
        };
        assert!(named("**status:**") && named("last updated:") && named("**task 1.1"));
        assert!(
            named("**goal**"),
            "a phrase that overlaps another is found too"
        );
        assert!(!named("track progress"));
        // A phrase is found wherever it lies against the edges of the windows the text
        // is lower-cased in, and past the first.
        for phrase in ["Step-by-step implementation plan", "(Day "] {
            for before in (16 * 1024 - 40..16 * 1024 + 8).chain(32 * 1024 - 40..32 * 1024) {
                let src = format!("{}{phrase} and on", "x".repeat(before));
                assert_eq!(phrases_in(&src), phrases_by_search(&src), "{before}");
                assert_ne!(phrases_in(&src), 0, "{before}");
            }
        }
        // The same as searching for each phrase, on every real plan beside the repository.
        for (name, text) in crate::test_texts::templates_and_corpus() {
            assert_eq!(phrases_in(&text), phrases_by_search(&text), "{name}");
        }
    }

    #[test]
    fn a_second_kind_strong_enough_alone_is_named() {
        let src = "# Plan\n\nLast Updated: 2025-01-01\n\n## TLDR\n\n## Phase Overview\n\n\
                   ## Technical Specifications\n\n## Next Atomic Step: WAL\n";
        let detection = detect_headings(src, &crate::generic::outline(src).headings);
        assert_eq!(detection.kind, Kind::Stepwise);
        assert_eq!(detection.mixed_with, Some(Kind::Atomic));
        let plain = "# Plan\n\nLast Updated: 2025-01-01\n\n## TLDR\n\n## Phase Overview\n";
        let detection = detect_headings(plain, &crate::generic::outline(plain).headings);
        assert_eq!(
            (detection.kind, detection.mixed_with),
            (Kind::Stepwise, None)
        );
    }

    #[test]
    fn heading_words_are_found_in_one_pass() {
        assert!(HEADING_WORDS.len() <= 64);
        assert_none_starts_another(HEADING_WORDS);
        let joined = "\nnext atomic step: wal\nphase 1 deliverables\ndeliverables";
        let (anywhere, at_start) = heading_words_in(joined);
        assert_eq!((anywhere, at_start), heading_words_by_search(joined));
        let index = |words: &str| {
            HEADING_WORDS
                .iter()
                .position(|known| *known == words)
                .unwrap()
        };
        assert_ne!(anywhere & (1 << index("next atomic step")), 0);
        assert_ne!(at_start & (1 << index("deliverables")), 0);
        assert_eq!(anywhere & (1 << index("tldr")), 0);
        // Words that overlap are both found.
        let (overlapping, _) = heading_words_in("\ndefinition of done looks like");
        assert_ne!(overlapping & (1 << index("definition of done")), 0);
        assert_ne!(overlapping & (1 << index("done looks like")), 0);
        // The same as searching for each word, on every real plan beside the repository.
        for (name, text) in crate::test_texts::templates_and_corpus() {
            let outline = crate::generic::outline(&text);
            let mut joined = String::new();
            for heading in &outline.headings {
                joined.push('\n');
                joined.push_str(unnumbered(&numbered(&heading.text)));
            }
            assert_eq!(
                heading_words_in(&joined),
                heading_words_by_search(&joined),
                "{name}"
            );
        }
    }

    #[test]
    fn headings_are_normalized_as_the_unicode_tables_say() {
        let mut texts = vec![
            " A\u{b}B\t**C**  1. (x)/y & z-w's ".to_owned(),
            "🚀 Phase 1: \u{130}stanbul ✅ K\u{212a} 現在の状態 분석".to_owned(),
        ];
        for (_, text) in crate::test_texts::templates_and_corpus() {
            let outline = crate::generic::outline(&text);
            texts.extend(outline.headings.into_iter().map(|heading| heading.text));
        }
        for text in &texts {
            let (mut fast, mut slow) = ("x".to_owned(), "x".to_owned());
            numbered_into(text, &mut fast);
            numbered_chars_into(text, &mut slow);
            assert_eq!(fast, slow, "{text:?}");
        }
        // Every character of the fast paths' ranges, whole.
        for c in ('\0'..=char::MAX).filter(|&c| caseless_letter(c) || pictograph(c)) {
            let lower: Vec<char> = c.to_lowercase().collect();
            let as_tables = !c.is_whitespace() && kept(c) && lower == [c];
            assert_eq!(as_tables, caseless_letter(c), "{c:?}");
            if pictograph(c) {
                assert!(
                    lower
                        .iter()
                        .all(|&lower| !lower.is_whitespace() && !kept(lower)),
                    "{c:?}"
                );
            }
        }
        for byte in 0..128u8 {
            let (mut fast, mut slow) = ("x".to_owned(), "x".to_owned());
            let text = format!("a{}b", char::from(byte));
            numbered_into(&text, &mut fast);
            numbered_chars_into(&text, &mut slow);
            assert_eq!(fast, slow, "{byte}");
        }
    }

    #[test]
    fn headings_are_compared_without_marks_and_numbering() {
        assert_eq!(
            normalize("## 8. **Success Criteria:**"),
            "success criteria:"
        );
        assert_eq!(
            normalize("Phase 1: Critical Fixes 🔥"),
            "phase 1: critical fixes"
        );
        assert!(is_phase("phase 0: observability"));
        assert!(is_phase("フェーズ1: インターフェース"));
        assert!(!is_phase("phases at a glance"));
        assert!(is_step("step 1.1: task"));
        assert!(is_step("1.2 update all artifact templates"));
        assert!(!is_step("1. reorganize"));
    }
}
