//! Kind detection: which template a plan follows, judged by the signature sections and
//! labels of each template found among its headings and bold labels.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use plan_model::Kind;

use crate::generic::Outline;

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
    /// The normalized headings, each after a `\n`: one string to search for all of them.
    joined: String,
    /// The headings lower-cased with marks stripped, numbering kept (`1.1 title`).
    numbered: Vec<&'a str>,
    src: &'a str,
    /// Which of [`PHRASES`] occur in the text, ignoring ASCII case: bit `i` for phrase `i`.
    phrases: u64,
}

impl Features<'_> {
    /// Whether a heading holds `words` (which has no line break).
    fn heading(&self, words: &str) -> bool {
        self.joined.contains(words)
    }

    /// Whether a heading starts with `words` (which has no line break).
    fn heading_starts(&self, words: &str) -> bool {
        self.joined
            .match_indices(words)
            .any(|(at, _)| self.joined[..at].ends_with('\n'))
    }

    fn count_headings(&self, matches: impl Fn(&str) -> bool) -> usize {
        self.headings
            .iter()
            .filter(|(_, text)| matches(text))
            .count()
    }

    fn count_numbered(&self, matches: impl Fn(&str) -> bool) -> usize {
        self.numbered.iter().filter(|text| matches(text)).count()
    }

    /// Whether the text holds `words` (one of [`PHRASES`]), ignoring ASCII case.
    fn text(&self, words: &str) -> bool {
        match PHRASES.iter().position(|phrase| *phrase == words) {
            Some(index) => self.phrases & (1 << index) != 0,
            None => {
                debug_assert!(false, "`{words}` is missing from PHRASES");
                self.src.to_ascii_lowercase().contains(words)
            }
        }
    }
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
/// (which may hold other headings before it).
fn numbered_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            space = out.len() > start;
        } else if c.is_alphanumeric() || matches!(c, '.' | ':' | '&' | '/' | '\'' | '-' | '(' | ')')
        {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
}

/// Whether `text` (normalized) starts `phase`/`stage`/`フェーズ` followed by a number.
fn is_phase(text: &str) -> bool {
    ["phase ", "stage ", "フェーズ", "阶段", "milestone "]
        .iter()
        .any(|word| {
            text.strip_prefix(word)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// Whether `text` is a numbered step (`step 1.1`, `1.1 title`).
fn is_step(text: &str) -> bool {
    let rest = text.strip_prefix("step ").unwrap_or(text);
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    text.starts_with("step ") && !number.is_empty()
        || number.contains('.') && number.len() >= 3 && !number.ends_with('.')
}

// The signature tables read best one signal per line.
#[rustfmt::skip]
const ATOMIC: &[Signal] = &[
    Signal { name: "# Current Implementation Plan - ...", weight: 3.0, matches: |f| f.title.starts_with("current implementation plan") },
    Signal { name: "## Next Atomic Step", weight: 4.0, matches: |f| f.heading("next atomic step") },
    Signal { name: "### What to implement next", weight: 2.0, matches: |f| f.heading("what to implement next") },
    Signal { name: "### Implementation Requirements", weight: 1.0, matches: |f| f.heading("implementation requirements") },
    Signal { name: "### Test Coverage Requirements", weight: 1.5, matches: |f| f.heading("test coverage") },
    Signal { name: "## Further Implementation Details", weight: 1.5, matches: |f| f.heading("further implementation details") },
    Signal { name: "## ✅ COMPLETED: ...", weight: 1.0, matches: |f| f.heading("completed:") },
];

#[rustfmt::skip]
const FEATURE: &[Signal] = &[
    Signal { name: "## Executive Summary", weight: 2.0, matches: |f| f.heading("executive summary") },
    Signal { name: "### Existing Code Structure", weight: 2.0, matches: |f| f.heading("existing code structure") },
    Signal { name: "### Dependencies to Modify", weight: 2.0, matches: |f| f.heading("dependencies to modify") },
    Signal { name: "### Technical Debt Addressed", weight: 2.0, matches: |f| f.heading("technical debt addressed") },
    Signal { name: "**Duration:**", weight: 1.5, matches: |f| f.text("**duration:**") || f.text("**duration**:") || f.text("(day ") },
    Signal { name: "#### Deliverables", weight: 1.5, matches: |f| f.heading_starts("deliverables") && f.count_numbered(is_phase) > 0 },
    Signal { name: "## Definition of Done", weight: 2.0, matches: |f| f.heading("definition of done") },
    Signal { name: "## Communication Plan", weight: 2.0, matches: |f| f.heading("communication plan") },
    Signal { name: "## Progress Tracking", weight: 1.0, matches: |f| f.heading("progress tracking") },
    Signal { name: "## Lessons Learned", weight: 1.0, matches: |f| f.heading("lessons learned") },
    Signal { name: "## Sign-off", weight: 1.5, matches: |f| f.heading("sign-off") },
    Signal { name: "- [ ] **Task 1.1**:", weight: 1.0, matches: |f| f.text("**task 1.1") || f.heading("task 1.1") },
    Signal { name: "### 1.1 Subtask headings under phases", weight: 1.0, matches: |f| f.count_numbered(|t| t.starts_with("1.1 ")) > 0 && f.count_numbered(is_phase) >= 2 },
    Signal { name: "### Deliverables in each phase", weight: 1.0, matches: |f| f.count_headings(|t| t.starts_with("deliverables")) >= 2 },
    Signal { name: "## PRIORITY N: ...", weight: 1.5, matches: |f| f.count_headings(|t| t.starts_with("priority ")) >= 2 },
    Signal { name: "**Branch:** / **Start Date:** / **Target Completion:** / **Assignee:**", weight: 1.5, matches: |f| ["**branch:**", "**start date:**", "**target completion:**", "**assignee:**", "**estimated duration:**"].iter().any(|label| f.text(label)) },
    Signal { name: "**Status:** under phases", weight: 1.0, matches: |f| f.text("**status:**") && f.count_numbered(is_phase) >= 2 },
    Signal { name: "#### Objectives", weight: 1.0, matches: |f| f.heading_starts("objectives") || f.text("**objectives:**") },
    Signal { name: "**Time:** per task", weight: 1.0, matches: |f| f.text("**time:**") },
    Signal { name: "**Effort:** / **Impact:**", weight: 1.0, matches: |f| f.text("**effort:**") && f.text("**impact:**") },
    Signal { name: "### Phase Completion Log", weight: 1.0, matches: |f| f.text("phase completion log") },
];

#[rustfmt::skip]
const POC: &[Signal] = &[
    Signal { name: "# ... Implementation Plan / Plan (PoC)", weight: 0.5, matches: |f| f.title.ends_with("plan") },
    Signal { name: "> **Track Progress**", weight: 2.0, matches: |f| f.text("track progress") },
    Signal { name: "## Prerequisites", weight: 2.0, matches: |f| f.heading_starts("prerequisites") },
    Signal { name: "### 1. Identify Affected Tests", weight: 3.0, matches: |f| f.heading("affected tests") || f.heading("verify all tests pass") },
    Signal { name: "## Deliverables", weight: 1.0, matches: |f| f.headings.iter().any(|(level, t)| *level == 2 && *t == "deliverables") },
    Signal { name: "## Architecture + ### Design Principles", weight: 1.5, matches: |f| f.heading("design principles") && f.heading("file structure") },
    Signal { name: "### Step 0: ...", weight: 1.5, matches: |f| f.count_numbered(|t| t.starts_with("step 0")) > 0 },
    Signal { name: "**Goal**: / **Verification**:", weight: 1.0, matches: |f| f.text("**verification**") && (f.text("**goal**") || f.text("**output**")) },
    Signal { name: "## Production-Grade Checklist", weight: 3.0, matches: |f| f.heading("production-grade") },
    Signal { name: "## What \"Done\" Looks Like", weight: 2.0, matches: |f| f.heading("done looks like") },
    Signal { name: "## Test Summary", weight: 1.5, matches: |f| f.heading("test summary") },
    Signal { name: "# Expected: (baseline commands)", weight: 1.0, matches: |f| f.src.contains("# Expected:") },
];

#[rustfmt::skip]
const STEPWISE: &[Signal] = &[
    Signal { name: "Last Updated:", weight: 2.0, matches: |f| f.text("last updated:") },
    Signal { name: "## TLDR", weight: 3.0, matches: |f| f.heading("tldr") },
    Signal { name: "## Phase Overview", weight: 2.0, matches: |f| f.heading("phase overview") },
    Signal { name: "## Implementation Steps", weight: 1.0, matches: |f| f.heading("implementation steps") },
    Signal { name: "#### Step N.M: ...", weight: 2.0, matches: |f| f.count_numbered(is_step) >= 2 },
    Signal { name: "### Phase N: ...", weight: 1.0, matches: |f| f.count_numbered(is_phase) >= 2 },
    Signal { name: "**Objective**:", weight: 1.0, matches: |f| f.text("**objective**") || f.heading_starts("目標") || f.heading_starts("目标") },
    Signal { name: "## Technical Specifications", weight: 2.0, matches: |f| f.heading("technical specifications") },
    Signal { name: "## Rollout Plan", weight: 1.0, matches: |f| f.heading("rollout plan") },
    Signal { name: "## Notes & Considerations", weight: 2.0, matches: |f| f.heading("notes & considerations") },
    Signal { name: "step-by-step implementation plan", weight: 2.0, matches: |f| f.text("step-by-step implementation plan") },
    Signal { name: "Phase N in the title", weight: 1.5, matches: |f| f.numbered.first().is_some_and(|title| is_phase(title)) },
    Signal { name: "**Estimated time**", weight: 1.0, matches: |f| f.text("**estimated time") },
    Signal { name: "## 概要 (phased plan)", weight: 1.0, matches: |f| f.headings.iter().any(|(_, t)| *t == "概要") && f.count_numbered(is_phase) >= 2 },
];

#[rustfmt::skip]
const SCOPED: &[Signal] = &[
    Signal { name: "## What We're NOT Doing", weight: 4.0, matches: |f| f.heading("not doing") },
    Signal { name: "## Desired End State", weight: 3.0, matches: |f| f.heading("desired end state") },
    Signal { name: "### Key Discoveries", weight: 2.0, matches: |f| f.heading("key discoveries") },
    Signal { name: "## Current State Analysis", weight: 1.0, matches: |f| f.heading("current state analysis") },
    Signal { name: "## Implementation Approach", weight: 1.5, matches: |f| f.heading("implementation approach") || f.heading("architecture / approach") },
    Signal { name: "**Confirmation Gate**", weight: 2.0, matches: |f| f.text("confirmation gate") },
    Signal { name: "#### Automated / Manual Verification", weight: 2.0, matches: |f| f.text("automated verification") || (f.text("**automated**") && f.text("**manual**")) || (f.heading_starts("automated") && f.heading_starts("manual")) },
    Signal { name: "## Open Questions", weight: 1.0, matches: |f| f.heading("open questions") },
    Signal { name: "## Change Log", weight: 1.0, matches: |f| f.heading("change log") },
    Signal { name: "## What & Why / Starting Point (plan brief)", weight: 3.0, matches: |f| f.heading("what & why") || f.heading("starting point") },
    Signal { name: "### Changes + ### Verification per phase", weight: 2.0, matches: |f| f.count_headings(|t| t == "changes") >= 2 && f.count_headings(|t| t.starts_with("verification")) >= 2 },
    Signal { name: "## Vision Statement / Current State", weight: 1.0, matches: |f| f.heading("vision statement") || f.heading("current state preservation") },
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
];

/// Which of [`PHRASES`] occur in `src`, as a bit set.
///
/// Bold labels (`**status:**`) are looked for where `**` occurs, which a SIMD search finds
/// fast; the other phrases in one Aho-Corasick pass (ASCII case ignored, overlapping
/// matches).
fn phrases_in(src: &str) -> u64 {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let plain: Vec<(usize, &str)> = PHRASES
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, phrase)| !phrase.starts_with("**"))
        .collect();
    let matcher = MATCHER.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(plain.iter().map(|(_, phrase)| phrase))
            .ok()
    });
    let Some(matcher) = matcher else {
        return phrases_by_search(src);
    };
    let mut found = 0u64;
    let bytes = src.as_bytes();
    let bold: Vec<(usize, &[u8])> = PHRASES
        .iter()
        .enumerate()
        .filter(|(_, phrase)| phrase.starts_with("**") && phrase.len() > 2)
        .map(|(index, phrase)| (index, phrase.as_bytes()))
        .collect();
    for at in memchr::memmem::find_iter(bytes, "**") {
        let rest = &bytes[at..];
        let Some(first) = rest.get(2).map(u8::to_ascii_lowercase) else {
            continue;
        };
        for &(index, phrase) in &bold {
            if phrase[2].to_ascii_lowercase() == first
                && rest.len() >= phrase.len()
                && rest[..phrase.len()].eq_ignore_ascii_case(phrase)
            {
                found |= 1 << index;
            }
        }
    }
    // A lower-cased copy lets the matcher run its SIMD prefilter (matching with case
    // ignored cannot); these phrases cannot overlap one another.
    let lower = src.to_ascii_lowercase();
    for found_match in matcher.find_iter(&lower) {
        found |= 1 << plain[found_match.pattern().as_usize()].0;
    }
    found
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

pub(crate) fn detect_outline(src: &str, outline: &Outline) -> Detection {
    // Every heading's normalized text in one buffer: one allocation, not one per heading.
    let mut buffer = String::with_capacity(
        outline
            .headings
            .iter()
            .map(|heading| heading.text.len())
            .sum(),
    );
    let mut ends = Vec::with_capacity(outline.headings.len());
    for heading in &outline.headings {
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
    let headings: Vec<(u8, &str)> = outline
        .headings
        .iter()
        .zip(&numbered)
        .map(|(heading, numbered)| (heading.level, unnumbered(numbered)))
        .collect();
    let title = outline
        .headings
        .iter()
        .position(|heading| heading.level == 1)
        .or((!headings.is_empty()).then_some(0))
        .map_or("", |index| headings[index].1);
    let mut joined = String::with_capacity(headings.iter().map(|(_, text)| text.len() + 1).sum());
    for (_, text) in &headings {
        joined.push('\n');
        joined.push_str(text);
    }
    let features = Features {
        title,
        headings,
        joined,
        numbered,
        src,
        phrases: phrases_in(src),
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
    // Two templates that fit about equally well make a mixed plan: reading it as either
    // would move the other's sections, and the rendering could then look like the other
    // kind (found by the `roundtrip` fuzz target). Such a plan is read as generic, which
    // keeps every byte in place.
    if score < THRESHOLD || runner_up >= score * AMBIGUOUS {
        let confidence = (1.0 - score / THRESHOLD).clamp(0.0, 1.0) * 0.5 + 0.5;
        return Detection {
            kind: Kind::Generic,
            confidence,
            evidence: Vec::new(),
        };
    }
    let coverage = (score / total).min(1.0);
    let margin = ((score - runner_up) / score).clamp(0.0, 1.0);
    let confidence = (0.4 + 0.6 * coverage.sqrt()) * (0.5 + 0.5 * margin);
    Detection {
        kind,
        confidence: confidence.clamp(0.0, 1.0),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_in_one_pass_whatever_their_case() {
        assert!(PHRASES.len() <= 64);
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
        // The same as searching for each phrase, on every real plan beside the repository.
        for (name, text) in crate::test_texts::templates_and_corpus() {
            assert_eq!(phrases_in(&text), phrases_by_search(&text), "{name}");
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
