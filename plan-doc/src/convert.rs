//! Conversion between kinds: a plan's sections moved into another template's layout.
//!
//! What two kinds share (overview, current state, phases, risks, success criteria, testing,
//! dependencies, files, references, what is not done) goes under the target template's
//! heading for it; a section that has no home in the target kind is kept, as written,
//! under a closing section of its own (`Further Implementation Details` for `atomic`,
//! `Notes & Considerations` for `stepwise`, `Notes` for the others). Headings are
//! renamed only at the top, and a renamed heading keeps its old name in a comment under
//! it, so no word of the source is lost; everything under a heading is kept byte for
//! byte, with its sub-headings moved to the new depth.
//!
//! ```
//! use plan_model::Kind;
//!
//! let src = concat!(
//!     "# Implementation Plan: Search\n\n## Executive Summary\nFast search.\n\n",
//!     "## Implementation Phases\n\n### Phase 1: Index\n- [ ] Build it\n",
//! );
//! let converted = plan_doc::convert::convert(src, Kind::Stepwise);
//! assert!(converted.starts_with("# Implementation Plan: Search\n\n## TLDR\n<!-- was: Executive Summary -->\nFast search."));
//! assert!(converted.contains("## Implementation Steps\n<!-- was: Implementation Phases -->\n\n### Phase 1: Index\n"));
//! ```

use plan_model::Kind;
use plan_model::atomic::{AtomicSection, AtomicStepPart};
use plan_model::feature::FeatureSection;
use plan_model::poc::PocSection;
use plan_model::scoped::ScopedSection;
use plan_model::stepwise::StepwiseSection;

use crate::document::Document;

/// What a top-level section is about, where two kinds can share it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Concept {
    Overview,
    Current,
    Phases,
    Risks,
    Success,
    Testing,
    Dependencies,
    Files,
    References,
    NotDoing,
}

/// Normalized titles of each concept, as the templates and real plans name them.
const NAMES: [(Concept, &[&str]); 10] = [
    (
        Concept::Overview,
        &[
            "overview",
            "executive summary",
            "summary",
            "tldr",
            "purpose",
            "what to implement next",
            "introduction",
            "context",
        ],
    ),
    (
        Concept::Current,
        &["current state analysis", "current state", "background"],
    ),
    (
        Concept::Phases,
        &[
            "implementation phases",
            "implementation steps",
            "implementation requirements",
            "phases",
            "steps",
            "tasks",
            "implementation plan",
        ],
    ),
    (
        Concept::Risks,
        &[
            "risk mitigation",
            "risks and mitigations",
            "risks",
            "risk assessment",
        ],
    ),
    (
        Concept::Success,
        &[
            "success criteria",
            "definition of done",
            "desired end state",
            "what done looks like",
            "acceptance criteria",
        ],
    ),
    (
        Concept::Testing,
        &[
            "testing strategy",
            "test summary",
            "test coverage requirements",
            "testing",
            "test plan",
        ],
    ),
    (Concept::Dependencies, &["dependencies", "prerequisites"]),
    (
        Concept::Files,
        &[
            "files to create modify",
            "files to create and modify",
            "files",
        ],
    ),
    (Concept::References, &["references", "resources"]),
    (
        Concept::NotDoing,
        &["what we re not doing", "out of scope", "non goals"],
    ),
];

/// A target kind's layout: the heading of each concept it has, in its order, the level
/// they sit at, a heading that holds them all (atomic's next step), and where sections
/// without a home go.
struct Layout {
    title: fn(&str) -> String,
    wrapper: Option<&'static str>,
    level: u8,
    headings: &'static [(Concept, &'static str)],
    leftovers: &'static str,
}

fn layout(kind: Kind) -> Option<Layout> {
    Some(match kind {
        Kind::Atomic => Layout {
            title: |name| format!("Current Implementation Plan - {name}"),
            wrapper: Some(AtomicSection::NextStep.title()),
            level: 3,
            headings: const {
                &[
                    (Concept::Overview, AtomicStepPart::Components.title()),
                    (
                        Concept::Phases,
                        AtomicStepPart::ImplementationRequirements.title(),
                    ),
                    (Concept::Testing, AtomicStepPart::TestCoverage.title()),
                    (Concept::Dependencies, AtomicStepPart::Dependencies.title()),
                    (Concept::Success, AtomicStepPart::SuccessCriteria.title()),
                ]
            },
            leftovers: AtomicSection::FurtherDetails.title(),
        },
        Kind::Feature => Layout {
            title: |name| format!("Implementation Plan: {name}"),
            wrapper: None,
            level: 2,
            headings: const {
                &[
                    (Concept::Overview, FeatureSection::ExecutiveSummary.title()),
                    (Concept::Current, FeatureSection::CurrentState.title()),
                    (Concept::Phases, FeatureSection::Phases.title()),
                    (Concept::Risks, FeatureSection::RiskMitigation.title()),
                    (Concept::Success, FeatureSection::DefinitionOfDone.title()),
                    (Concept::References, FeatureSection::References.title()),
                ]
            },
            leftovers: "Notes",
        },
        Kind::Poc => Layout {
            title: |name| format!("{name} Implementation Plan"),
            wrapper: None,
            level: 2,
            headings: const {
                &[
                    (Concept::Overview, PocSection::Overview.title()),
                    (Concept::Success, PocSection::SuccessCriteria.title()),
                    (Concept::Phases, PocSection::Implementation.title()),
                    (Concept::Testing, PocSection::TestSummary.title()),
                    (Concept::Files, PocSection::Files.title()),
                    (Concept::Dependencies, PocSection::Dependencies.title()),
                    (Concept::Risks, PocSection::Risks.title()),
                ]
            },
            leftovers: "Notes",
        },
        Kind::Stepwise => Layout {
            title: str::to_owned,
            wrapper: None,
            level: 2,
            headings: const {
                &[
                    (Concept::Overview, StepwiseSection::Tldr.title()),
                    (Concept::Phases, StepwiseSection::Phases.title()),
                    (Concept::Testing, StepwiseSection::TestingStrategy.title()),
                    (Concept::Success, StepwiseSection::SuccessCriteria.title()),
                ]
            },
            leftovers: StepwiseSection::Notes.title(),
        },
        Kind::Scoped => Layout {
            title: |name| format!("Implementation Plan: {name}"),
            wrapper: None,
            level: 2,
            headings: const {
                &[
                    (Concept::Overview, ScopedSection::Overview.title()),
                    (Concept::Current, ScopedSection::CurrentState.title()),
                    (Concept::Success, ScopedSection::DesiredEndState.title()),
                    (Concept::NotDoing, ScopedSection::NotDoing.title()),
                    (Concept::Phases, ScopedSection::Phases.title()),
                    (Concept::Testing, ScopedSection::TestingStrategy.title()),
                    (Concept::References, ScopedSection::References.title()),
                ]
            },
            leftovers: "Notes",
        },
        Kind::Generic => return None,
    })
}

/// Lower-case words of a title, `&` as `and`, without emoji, numbering or punctuation.
fn normalize(title: &str) -> String {
    let text = title.replace('&', " and ");
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let skip = words
        .iter()
        .take_while(|word| word.chars().all(|c| c.is_ascii_digit()))
        .count();
    words[skip..].join(" ")
}

/// Whether `heading` has every word of `title`, as written (case and all).
fn has_words_of(heading: &str, title: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut available = words(heading);
    words(title).into_iter().all(|word| {
        available
            .iter()
            .position(|other| *other == word)
            .map(|at| available.swap_remove(at))
            .is_some()
    })
}

fn concept_of(title: &str) -> Option<Concept> {
    let key = normalize(title);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(concept, _)| *concept)
}

/// Whether a heading names a unit of work: `Phase 2: Core`, `Step 1.1`.
fn is_phase(title: &str) -> bool {
    plan_model::view::numbered_unit(title).is_some()
}

/// The plan's name inside its title (`Implementation Plan: Search` → `Search`), when the
/// target title written around it keeps every word of the title.
fn name_in(title: &str, target: &Layout) -> String {
    const PREFIXES: [&str; 4] = [
        "Current Implementation Plan - ",
        "Implementation Plan: ",
        "Implementation Plan - ",
        "Tasks: ",
    ];
    let name = PREFIXES
        .iter()
        .find_map(|prefix| title.strip_prefix(prefix))
        .or_else(|| title.strip_suffix(" Implementation Plan"));
    match name {
        // Kept only when the target's title, written around the name, has every word of
        // the original title (as many times).
        Some(name) if has_words_of(&(target.title)(name), title) => name.to_owned(),
        _ => title.to_owned(),
    }
}

/// `src` in `to`'s layout, as markdown. Converting to `generic`, or a plan that has no
/// sections, gives `src` back.
pub fn convert(src: &str, to: Kind) -> String {
    let Some(target) = layout(to) else {
        return src.to_owned();
    };
    let doc = Document::new(src);
    let sections = doc.sections();
    let ending = if src.contains("\r\n") { "\r\n" } else { "\n" };
    // The title: the first level-1 heading (or the first heading).
    let Some(title) = (1..sections.len())
        .find(|&index| sections[index].level == 1)
        .or((sections.len() > 1).then_some(1))
    else {
        return src.to_owned();
    };
    let mut out = String::with_capacity(src.len() + 512);
    out.push_str(&src[sections[0].body.clone()]);
    let (lead, tail) = around_heading(&doc, title);
    out.push_str(lead);
    let name = name_in(raw_title(&doc, title), &target);
    out.push_str(&format!("# {}{ending}", (target.title)(&name)));
    out.push_str(tail);
    // The text under the title: the stepwise template has a description there; the other
    // templates open with a section, so it goes first into their overview.
    let intro = &src[sections[title].body.clone()];
    let mut intro_pending = !plan_parse::outline::blank(intro)
        && target
            .headings
            .iter()
            .any(|(concept, _)| *concept == Concept::Overview);
    if to == Kind::Stepwise || !intro_pending {
        out.push_str(intro);
        intro_pending = false;
    } else {
        out.push_str(ending);
    }
    // The top-level sections: every section whose parent is the title or none.
    let units: Vec<usize> = (1..sections.len())
        .filter(|&index| index != title)
        .filter(|&index| sections[index].parent.is_none() || sections[index].parent == Some(title))
        .collect();
    let mut placed = vec![false; units.len()];
    let mut body = String::new();
    for &(concept, heading) in target.headings {
        let mine: Vec<usize> = (0..units.len())
            .filter(|&unit| !placed[unit])
            .filter(|&unit| {
                let unit_title = &sections[units[unit]].title;
                concept_of(unit_title) == Some(concept)
                    || concept == Concept::Phases && is_phase(unit_title)
            })
            .collect();
        let mut heading_written = false;
        if concept == Concept::Overview && intro_pending {
            push_heading(&mut body, target.level, heading, ending);
            body.push_str(intro.trim_start_matches(['\r', '\n']));
            heading_written = true;
        }
        for unit in mine {
            placed[unit] = true;
            let section = units[unit];
            if is_phase(&sections[section].title) {
                if !heading_written {
                    push_heading(&mut body, target.level, heading, ending);
                    body.push_str(ending);
                    heading_written = true;
                }
                push_subtree(&mut body, &doc, section, target.level + 1);
            } else if heading_written {
                // A second section about the same thing: under the first, as it was.
                push_subtree(&mut body, &doc, section, target.level + 1);
            } else {
                let (lead, tail) = around_heading(&doc, section);
                body.push_str(lead);
                push_heading(&mut body, target.level, heading, ending);
                heading_written = true;
                if !has_words_of(heading, &sections[section].title) {
                    body.push_str(&format!(
                        "<!-- was: {} -->{ending}",
                        sections[section].title
                    ));
                }
                body.push_str(tail);
                push_body_and_children(&mut body, &doc, section, target.level + 1);
            }
        }
    }
    if let Some(wrapper) = target.wrapper
        && !body.is_empty()
    {
        push_heading(
            &mut out,
            target.level - 1,
            &format!("{wrapper}: {name}"),
            ending,
        );
        out.push_str(ending);
    }
    out.push_str(&body);
    let rest: Vec<usize> = (0..units.len())
        .filter(|&unit| !placed[unit])
        .map(|unit| units[unit])
        .collect();
    if !rest.is_empty() {
        let level = target.level.min(2);
        push_heading(&mut out, level, target.leftovers, ending);
        out.push_str(ending);
        for section in rest {
            push_subtree(&mut out, &doc, section, level + 1);
        }
    }
    out
}

/// The text on a heading's line before and after an ATX heading set apart by lone `\r`s
/// (CommonMark ends a line there; the outline's lines end at `\n`): the lines around the
/// heading, which a rewritten heading must keep.
fn around_heading(doc: &Document, section: usize) -> (&str, &str) {
    let heading = &doc.source()[doc.sections()[section].heading.clone()];
    let (start, end) = heading_span(heading);
    (&heading[..start], &heading[end..])
}

/// Whether `text` opens with an ATX heading's marks: up to three spaces, one to six `#`s,
/// then whitespace as pulldown-cmark reads it (a space, a tab, a vertical tab, a form feed
/// or a line ending: `##\u{b}Tasks` is a heading) or the end of the line. (`##1# Phase` is
/// paragraph text, which a setext underline can make a heading.)
fn is_atx(text: &str) -> bool {
    let indent = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[indent..];
    let marks = rest.len() - rest.trim_start_matches('#').len();
    indent <= 3
        && (1..=6).contains(&marks)
        && matches!(
            rest.as_bytes().get(marks),
            None | Some(b'\t'..=b'\r' | b' ')
        )
}

/// Where the ATX heading itself starts and ends in `heading`, a heading's source: between
/// the lone `\r`s around it, if any (the whole of it for a setext heading).
fn heading_span(heading: &str) -> (usize, usize) {
    let end = heading.trim_end_matches(['\r', '\n']).len();
    let lone = |at: usize| heading.as_bytes().get(at + 1) != Some(&b'\n');
    let mut start = 0;
    let mut line_start = 0;
    let mut stop = heading.len();
    for (at, byte) in heading.as_bytes()[..end].iter().enumerate() {
        if *byte != b'\r' || !lone(at) {
            continue;
        }
        if is_atx(&heading[line_start..]) {
            // The heading ends here: what follows is the text after it.
            stop = at;
            break;
        }
        line_start = at + 1;
        start = at + 1;
    }
    if !is_atx(&heading[start..]) {
        // A heading in a list item or a quote (`3. # Tasks`): its marks are text before it.
        let marks = container_marks(&heading[start..]);
        if marks > 0 {
            return (start + marks, stop);
        }
        return (0, setext_end(heading));
    }
    (start, stop)
}

/// How long the list markers and quote marks are that open `line` before an ATX heading
/// (`3. # Tasks`, `> - ## Notes`); 0 when none, or no such heading follows them.
fn container_marks(line: &str) -> usize {
    let mut rest = line.trim_start_matches([' ', '\t']);
    while let Some(inner) = plan_parse::outline::after_container_mark(rest) {
        rest = inner.trim_start_matches([' ', '\t']);
        if is_atx(rest) {
            return line.len() - rest.len();
        }
    }
    0
}

/// Where a setext heading ends in its source: at a lone `\r` that puts more text after its
/// underline on the same `\n` line (`Title\n-\rtext\n`), else at the end of the source.
fn setext_end(heading: &str) -> usize {
    for (index, (start, end)) in commonmark_lines(heading).enumerate() {
        if index > 0 && is_underline(&heading[start..end]) {
            let lone = heading.as_bytes().get(end) == Some(&b'\r')
                && heading.as_bytes().get(end + 1) != Some(&b'\n');
            return if lone { end } else { heading.len() };
        }
    }
    heading.len()
}

/// The lines of `text` as CommonMark ends them (at `\n`, `\r\n` or a lone `\r`), as the
/// start and end of each line's content, without its ending.
fn commonmark_lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    std::iter::from_fn(move || {
        if line_start >= bytes.len() {
            return None;
        }
        let start = line_start;
        let end =
            memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        line_start = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        Some((start, end))
    })
}

/// Whether `line` is a setext underline: up to three spaces, then only `=` or only `-`,
/// then spaces or tabs.
fn is_underline(line: &str) -> bool {
    let text = line.trim_start_matches(' ');
    line.len() - text.len() <= 3 && plan_parse::outline::is_underline(text)
}

/// A heading's text as written (marks, code spans and all), without its `#`s or its
/// setext underline: the outline's text drops backticks and the spaces inside code spans.
fn raw_title(doc: &Document, section: usize) -> &str {
    let heading = &doc.source()[doc.sections()[section].heading.clone()];
    let (start, end) = heading_span(heading);
    let heading = &heading[start..end];
    let trimmed = heading.trim_start_matches(' ');
    if is_atx(trimmed) {
        let line = plan_parse::outline::lines(trimmed).next().unwrap_or("");
        let text = line.trim_start_matches('#').trim();
        // A closing sequence of `#`s after a space is not part of the text.
        let without_closing = text.trim_end_matches('#');
        if without_closing.ends_with(' ') || without_closing.is_empty() {
            without_closing.trim_end()
        } else {
            text
        }
    } else {
        // Setext: every line but the underline, the lines as CommonMark ends them (a lone
        // `\r` ends one).
        let lines: Vec<(usize, usize)> = commonmark_lines(heading).collect();
        match lines.split_last() {
            Some((_, [(start, _), .., (_, end)])) | Some((_, [(start, end)])) => {
                heading[*start..*end].trim()
            }
            _ => doc.sections()[section].title.as_str(),
        }
    }
}

fn push_heading(out: &mut String, level: u8, text: &str, ending: &str) {
    if !out.is_empty() && !out.ends_with(&format!("{ending}{ending}")) && !out.ends_with(ending) {
        out.push_str(ending);
    }
    out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
    out.push(' ');
    out.push_str(text);
    out.push_str(ending);
}

/// Section `section` and everything under it, its heading at `level` and its
/// sub-headings moved as much.
fn push_subtree(out: &mut String, doc: &Document, section: usize, level: u8) {
    let sections = doc.sections();
    let delta = i16::from(level) - i16::from(sections[section].level);
    for index in doc.subtree(section) {
        out.push_str(&moved_heading(doc, index, delta));
        out.push_str(&doc.source()[sections[index].body.clone()]);
    }
}

/// The content of `section` under its heading, then its sub-sections, the first of them at
/// `level`.
fn push_body_and_children(out: &mut String, doc: &Document, section: usize, level: u8) {
    let sections = doc.sections();
    out.push_str(&doc.source()[sections[section].body.clone()]);
    let delta = i16::from(level) - i16::from(sections[section].level) - 1;
    for index in doc.subtree(section).skip(1) {
        out.push_str(&moved_heading(doc, index, delta));
        out.push_str(&doc.source()[sections[index].body.clone()]);
    }
}

/// Section `index`'s heading line with its level moved by `delta` (an ATX heading; a
/// setext heading is kept as written).
fn moved_heading(doc: &Document, index: usize, delta: i16) -> String {
    let section = &doc.sections()[index];
    let line = &doc.source()[section.heading.clone()];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let marks = line[indent..].len() - line[indent..].trim_start_matches('#').len();
    if !is_atx(line) || delta == 0 {
        return line.to_owned();
    }
    let level = (i16::from(section.level) + delta).clamp(1, 6);
    format!(
        "{}{}",
        "#".repeat(usize::try_from(level).unwrap_or(1)),
        &line[indent + marks..]
    )
}
