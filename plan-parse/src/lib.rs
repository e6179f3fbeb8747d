//! Read implementation plans from markdown.
//!
//! This release **detects** which template a plan follows, reads plans of the five
//! template kinds into the typed model (sections it cannot type are kept verbatim; the
//! readers also read the forms real plans use, keeping headings as written), and reads every other plan **losslessly as a `generic` plan** (its sections,
//! and every checkbox item as a typed task). A plan a typed reader cannot take (no single
//! `#` title, unclosed code fences) is read generic too, with an `info` diagnostic.
//!
//! - [`detect`]: the kind, a confidence from 0 to 1, and the signature sections found.
//! - [`parse`]: the plan and its diagnostics; never fails, never panics.
//! - [`parse_generic`]: any markdown as a [`GenericPlan`]; rendering it with
//!   `plan_render::render_generic` gives back the source byte for byte.
//! - [`outline`]: headings and checkboxes with their byte ranges, which `plan-doc` builds
//!   its lossless, editable documents on.
//!
//! Detection reads a plan's headings from its lines where that reading is certainly
//! CommonMark's, else from one pass over pulldown-cmark's events (GFM tables, task lists,
//! strikethrough, footnotes; YAML front matter at the start is skipped), which the generic
//! reading and the [`outline`] always take.
//!
//! # Example
//!
//! ```
//! use plan_model::Kind;
//!
//! let src = "# Tasks: Search\n\n## Phase 3.1: Setup\n- [x] T001 Create project\n- [ ] T002 Lint\n";
//! let parsed = plan_parse::parse(src);
//! assert_eq!(parsed.plan.kind(), Kind::Generic);
//! assert_eq!(parsed.plan.title(), "Tasks: Search");
//! let progress = parsed.plan.progress();
//! assert_eq!((progress.done, progress.total), (1, 2));
//! let phase = parsed.plan.phases().next().unwrap();
//! assert_eq!(phase.tasks[1].id, Some("T002"));
//!
//! let detection = plan_parse::detect("# Plan\n\n## What We're NOT Doing\n\n## Desired End State\n");
//! assert_eq!(detection.kind, Kind::Scoped);
//! ```

mod atomic;
mod blocks;
mod detect;
mod driver;
mod feature;
mod generic;
mod lines;
pub mod outline;
mod poc;
mod report;
mod scoped;
mod sections;
mod stepwise;
#[cfg(test)]
mod test_texts;

pub use detect::Detection;
use plan_model::Plan;
pub use plan_model::diagnostic::{Diagnostic, Severity};
use plan_model::generic::GenericPlan;

/// A plan read from markdown, with what the parser has to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The plan.
    pub plan: Plan,
    /// Diagnostics, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// Which kind the source looks like.
    pub detection: Detection,
}

/// Which kind of plan `src` is.
///
/// ```
/// let detection = plan_parse::detect("# Current Implementation Plan - Storage\n\n## Next Atomic Step: WAL\n");
/// assert_eq!(detection.kind, plan_model::Kind::Atomic);
/// assert!(detection.confidence > 0.5);
/// assert!(detection.evidence.iter().any(|found| found.contains("Next Atomic Step")));
/// ```
pub fn detect(src: &str) -> Detection {
    detect::detect_headings(src, generic::Found::of(src).headings())
}

/// What [`detect`] says of `src`, and what reading its headings found: most plans'
/// headings are read from their lines ([`generic::quick_headings`]), the rest from a full
/// parse; the generic reading takes either.
fn detection_of(src: &str) -> (Detection, generic::Found) {
    let found = generic::Found::with_markers(src);
    (detect::detect_headings(src, found.headings()), found)
}

/// Reads a plan. Never fails: what cannot be typed is kept, and said in a diagnostic.
///
/// Plans of the five template kinds are read typed. Any other plan, and a template-kind
/// plan a typed reader cannot take, is the lossless `generic` reading; in the second case
/// an `info` diagnostic (`P001`) names the kind and says why.
///
/// Given a renderer ([`parse_with`]; `plan_doc::parse` gives `plan_render::render`), the
/// typed reading of a plan that fits its kind only loosely (often a mix of templates) is
/// kept only when its rendering reads back as that kind, so that parsing a rendering gives
/// the plan back. Here, with no renderer, it is kept unchecked.
pub fn parse(src: &str) -> Parsed {
    parse_with(src, Options::default())
}

/// How [`parse_with`] reads a plan.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// Read as this kind whatever the plan looks like ([`parse_as`]); `None`: the kind
    /// [`detect`] finds.
    pub kind: Option<plan_model::Kind>,
    /// Renders a plan, as `plan_render::render` does. A typed reading of a plan that fits
    /// its kind only loosely is kept only when its rendering reads back as that kind, else
    /// the plan is read generic (with a `P001` saying why); without a renderer it is kept
    /// unchecked.
    pub render: Option<&'a dyn Fn(&Plan) -> String>,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Options")
            .field("kind", &self.kind)
            .field("render", &self.render.map(|_| "fn(&Plan) -> String"))
            .finish()
    }
}

/// Reads a plan as `options` say. Never fails.
///
/// ```
/// use plan_model::Kind;
///
/// let options = plan_parse::Options { kind: None, render: Some(&plan_render::render) };
/// let src = "# Current Implementation Plan - Storage\n\n## Next Atomic Step: WAL\n";
/// assert_eq!(plan_parse::parse_with(src, options).plan.kind(), Kind::Atomic);
/// ```
pub fn parse_with(src: &str, options: Options<'_>) -> Parsed {
    let (detection, found) = detection_of(src);
    let kind = options.kind.unwrap_or(detection.kind);
    read_as(kind, src, found, detection, options.render)
}

/// Reads a plan as `kind`, whatever it looks like. Never fails.
///
/// A typed reader that cannot make sense of the source (it has no single `#` title, or
/// a code fence opened above its first section never closes) gives way to the lossless
/// `generic` reading, with an
/// `info` diagnostic (`P001`) that says so. Sections another kind does not have are kept
/// verbatim (`P002`). `detection` in the result is still what [`detect`] says of the
/// source.
///
/// ```
/// use plan_model::Kind;
///
/// let src = "# Current Implementation Plan - Storage\n\n## Next Atomic Step: WAL\n";
/// assert_eq!(plan_parse::parse_as(Kind::Atomic, src).plan.kind(), Kind::Atomic);
/// assert_eq!(plan_parse::parse_as(Kind::Generic, src).plan.kind(), Kind::Generic);
///
/// let as_feature = plan_parse::parse_as(Kind::Feature, src);
/// assert_eq!(as_feature.plan.kind(), Kind::Feature);
/// assert_eq!(as_feature.diagnostics[0].code, "P002");
/// assert_eq!(as_feature.detection.kind, Kind::Atomic);
///
/// let unclosed = "# Implementation Plan: Search\n\n```\nno end\n\n## Overview\n";
/// let read = plan_parse::parse_as(Kind::Scoped, unclosed);
/// assert_eq!(read.plan.kind(), Kind::Generic);
/// assert_eq!(read.diagnostics[0].code, "P001");
/// ```
pub fn parse_as(kind: plan_model::Kind, src: &str) -> Parsed {
    parse_with(
        src,
        Options {
            kind: Some(kind),
            render: None,
        },
    )
}

/// Whether `rendered`, the rendering of a plan read as `kind`, would be read back typed
/// as `kind`: it is detected as `kind`, and nothing in it sends [`read_as`] to the generic
/// reading (the readers would split it where CommonMark puts its headings, no comment is
/// left open, no lone `\r` ends a line). Rendering puts each block in its template place,
/// so a block whose fence CommonMark closes otherwise can leave that fence open over the
/// next section in its new place.
fn reads_back_as(rendered: &str, kind: plan_model::Kind) -> bool {
    let (detection, mut found) = detection_of(rendered);
    if detection.kind != kind || lone_cr_ending_a_value(rendered) || comment_never_closes(rendered)
    {
        return false;
    }
    let markers = found
        .take_markers()
        .unwrap_or_else(|| lines::Markers::new(rendered));
    markers.agree_with(generic::starts_and_levels(found.headings()))
}

/// Whether a lone `\r` ends the text or comes right before a `\r\n`: the typed readers
/// would keep it at the end of a value ([`read_as`]).
fn lone_cr_ending_a_value(src: &str) -> bool {
    src.ends_with('\r') || memchr::memmem::find(src.as_bytes(), b"\r\r\n").is_some()
}

/// Below this detection confidence (by kind), when another kind's signature is strong
/// enough to be detected on its own ([`Detection::mixed_with`]), or below 0.85 when a
/// section titled as one of the template's was kept verbatim (a second
/// `## Success Criteria`), a typed reading is kept only when its rendering is detected as
/// the same kind: a mix of templates read typed can render to text detected as another
/// kind. The check costs a render and a detection, so it is made only where such mixes
/// sit; for `stepwise` that is below 0.6, under the corpus plans that fit it loosely.
fn self_check_below(kind: plan_model::Kind) -> f32 {
    match kind {
        plan_model::Kind::Poc => 0.8,
        plan_model::Kind::Stepwise => 0.6,
        _ => 0.65,
    }
}

fn read_as(
    kind: plan_model::Kind,
    src: &str,
    found: generic::Found,
    detection: Detection,
    render: Option<&dyn Fn(&Plan) -> String>,
) -> Parsed {
    let mut report = report::Report::new(src, kind);
    // A line less indented than its code fence ends the fence for CommonMark when the
    // fence is a list item's, where the readers read on to the closing line: a block moved
    // by rendering may then read otherwise in its new place. (Only a text the line scan
    // gave up on, for a full parse, can hold one.)
    let fence_ends_early =
        matches!(found, generic::Found::Parsed(_)) && fence_line_less_indented(src);
    // The typed readers take lines at `\n` and `\r\n`; a lone `\r` ending the text would
    // stay at the end of a value and come back as part of a `\r\n` line ending once
    // rendered, so such text is read generic. (A lone `\r` inside a line stays inside its
    // value both ways.)
    let line_endings = lone_carriage_return(src);
    // So is a lone `\r` right before a `\r\n` ending: the readers' lines keep it at the
    // end of a value, which kept text then drops.
    let lone_cr = lone_cr_ending_a_value(src);
    // A comment that never closes takes in all that follows it, headings too, where a
    // typed reader would see sections: such text is read generic. So is one in which the
    // readers would split at a line CommonMark reads as part of a block.
    // (Looked for only when the plan would be read typed.)
    let open_comment = kind != plan_model::Kind::Generic && comment_never_closes(src);
    let mut split_in_block = false;
    let mut typed = None;
    let mut found = Some(found);
    if lone_cr || open_comment || kind == plan_model::Kind::Generic {
        // Not read typed: no marker lines needed.
    } else {
        let markers = found
            .as_mut()
            .and_then(generic::Found::take_markers)
            .unwrap_or_else(|| lines::Markers::new(src));
        let headings = found.as_ref().map_or(&[][..], |found| found.headings());
        if markers.agree_with(generic::starts_and_levels(headings)) {
            // The headings are given up while the plan is read typed (their texts would
            // add about half a long plan's size to the memory the reading takes); the
            // generic reading, if it is needed after all, finds them again.
            found = None;
        } else {
            split_in_block = true;
        }
        typed = lines::with_markers(markers, || {
            lines::with_source(src, || match kind {
                _ if split_in_block => None,
                plan_model::Kind::Stepwise => stepwise::read(src, &mut report).map(Plan::Stepwise),
                plan_model::Kind::Atomic => atomic::read(src, &mut report).map(Plan::Atomic),
                plan_model::Kind::Poc => poc::read(src, &mut report).map(Plan::Poc),
                plan_model::Kind::Scoped => scoped::read(src, &mut report).map(Plan::Scoped),
                plan_model::Kind::Feature => feature::read(src, &mut report).map(Plan::Feature),
                _ => None,
            })
        });
    }
    // A plan that fits its kind only loosely (often a mix of templates) is read typed only
    // when its rendering is still that kind: otherwise parsing its rendering would give a
    // different plan. A plan that fits its template better than 0.85 (a template
    // repeated) is not checked, unless a fence in it may end early.
    let mixed = report.kept_template_section && detection.confidence < 0.85;
    let unstable = |plan: &Plan| {
        kind == detection.kind
            && (detection.confidence < self_check_below(kind)
                || detection.mixed_with.is_some()
                || mixed
                || fence_ends_early)
            && render.is_some_and(|render| !reads_back_as(&render(plan), kind))
    };
    let was_read = typed.is_some();
    let typed = typed.filter(|plan| !unstable(plan));
    let unstable_reading = was_read && typed.is_none();
    if let Some(plan) = typed {
        let mut diagnostics = report.diagnostics;
        diagnostics.extend(line_endings);
        diagnostics.sort_by_key(|diagnostic| diagnostic.span.start);
        return Parsed {
            plan,
            diagnostics,
            detection,
        };
    }
    let outline = found
        .unwrap_or_else(|| generic::Found::of(src))
        .into_outline(src);
    let title_span = outline.headings.first().map_or(0..0, |heading| {
        let line = &src[heading.lines.clone()];
        heading.lines.start..heading.lines.start + line.trim_end_matches(['\n', '\r']).len()
    });
    let plan = generic::read(src, outline);
    let mut diagnostics: Vec<Diagnostic> = line_endings.into_iter().collect();
    if kind != plan_model::Kind::Generic {
        let why = match kind {
            _ if lone_cr => "a carriage return ends a line on its own (see P004)".to_owned(),
            _ if unstable_reading => format!(
                "it mixes templates: its typed reading, rendered, would no longer look like \
                 a `{kind}` plan"
            ),
            _ if !fences_close(src) => "a code fence in it never closes, and a block kept \
                 as written would take in what is written after it"
                .to_owned(),
            _ if open_comment => "an HTML comment in it never closes, so CommonMark reads \
                 all that follows it, headings too, as the comment"
                .to_owned(),
            _ if split_in_block => "the readers and CommonMark disagree on which of its \
                 lines are headings (a heading-like line inside an HTML comment or block, or \
                 code, as one of them reads it)"
                .to_owned(),
            _ => "it does not open with a single `#` title (text before it, or no title or \
                  several)"
                .to_owned(),
        };
        let message = if kind == detection.kind {
            format!(
                "this plan follows the `{kind}` template (confidence {:.2}); it is read as a \
                 generic plan, because {why}",
                detection.confidence
            )
        } else {
            format!("this plan is read as a generic plan, not as `{kind}`, because {why}")
        };
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            code: "P001".into(),
            pointer: None,
            message,
            span: title_span,
            label: if kind == detection.kind {
                format!("detected `{kind}`")
            } else {
                format!("read as `generic`, not `{kind}`")
            },
            help: Some(
                "sections and checkbox tasks are read; everything else is kept verbatim".to_owned(),
            ),
        });
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.start);
    Parsed {
        plan: Plan::Generic(plan),
        diagnostics,
        detection,
    }
}

/// Whether a line inside a code fence of `src` (the fence's closing line too) is less
/// indented than the line that opens it, by the rule the typed readers use.
fn fence_line_less_indented(src: &str) -> bool {
    let mut fence = None;
    let mut fence_indent = 0;
    for line in crate::lines::each(src) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let open = fence.is_some();
        let fence_line = plan_model::markdown::track_fence(&mut fence, line);
        if open && indent < fence_indent && (fence_line || !crate::lines::blank(line)) {
            return true;
        }
        if fence_line && !open {
            fence_indent = indent;
        }
    }
    false
}

/// Whether every code fence of `src` closes, by the rule the typed readers use.
fn fences_close(src: &str) -> bool {
    let mut fence = None;
    for line in crate::lines::each(src) {
        plan_model::markdown::track_fence(&mut fence, line);
    }
    fence.is_none()
}

/// Whether an HTML comment block opens in `src` and never closes: a line outside code
/// fences that starts (after up to three spaces) with `<!--`, with no `-->` after it.
/// CommonMark reads all that follows such a line as the comment, headings too, where the
/// typed readers would see sections. Only an opening after the text's last `-->` can be
/// one, so most texts are told by two searches, both forward (memchr's forward search is
/// vectorized; its reverse one is not, and cost as much as a tenth of a parse).
fn comment_never_closes(src: &str) -> bool {
    let bytes = src.as_bytes();
    let after_last_close = memchr::memmem::find_iter(bytes, b"-->")
        .last()
        .map_or(0, |at| at + 3);
    if memchr::memmem::find(&bytes[after_last_close..], b"<!--").is_none() {
        return false;
    }
    let mut fence = None;
    let mut start = 0;
    for line in lines::inclusive(src) {
        let line_start = start;
        start += line.len();
        if plan_model::markdown::track_fence(&mut fence, line) || fence.is_some() {
            continue;
        }
        let opening = line.trim_start_matches(' ');
        if line.len() - opening.len() <= 3
            && opening.starts_with("<!--")
            && line_start + (line.len() - opening.len()) >= after_last_close
        {
            return true;
        }
    }
    false
}

/// A warning (`P004`) at the first carriage return that ends a line on its own (classic
/// Mac OS line endings): lines are told apart at `\n` and `\r\n` only, so such a plan's
/// structure is not read (it is still kept byte for byte).
fn lone_carriage_return(src: &str) -> Option<Diagnostic> {
    let bytes = src.as_bytes();
    let at = memchr::memchr_iter(b'\r', bytes).find(|&at| bytes.get(at + 1) != Some(&b'\n'))?;
    Some(Diagnostic {
        severity: Severity::Warning,
        code: "P004".into(),
        pointer: None,
        message: "a carriage return ends a line on its own (old Mac OS line endings); lines \
                  are told apart at `\\n` and `\\r\\n` only, so the lines around it are \
                  read as one"
            .to_owned(),
        span: at..at + 1,
        label: "a lone `\\r`".to_owned(),
        help: Some("convert the line endings to `\\n` (LF) or `\\r\\n` (CRLF)".to_owned()),
    })
}

/// Reads any markdown as a generic plan: a section per heading, a task per checkbox item,
/// everything else verbatim. `plan_render::render_generic` of the result is `src`.
///
/// ```
/// let src = "Intro\r\n# Plan\r\n  * [X] done\r\n- [ ] open";
/// let plan = plan_parse::parse_generic(src);
/// assert_eq!(plan.title, "Plan");
/// assert_eq!(plan.tasks().count(), 2);
/// ```
pub fn parse_generic(src: &str) -> GenericPlan {
    generic::read(src, generic::Found::of(src).into_outline(src))
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_that_never_closes_is_told_from_one_that_does_or_is_no_block() {
        for (src, open) in [
            ("# P\n<!-- a\n## A\n", true),
            ("# P\n   <!-- a\n## A\n", true),
            ("# P\n<!-- a\n## A\n-->\n<!-- b -->\n", false),
            ("# P\n<!-- a --> <!-- b\n## A\n", false),
            ("# P\ntext <!-- inline\n## A\n", false),
            ("# P\n    <!-- indented code\n## A\n", false),
            ("# P\n```\n<!-- in code\n```\n## A\n", false),
            ("# P\n- <!-- in an item\n\n## A\n", false),
            ("# P\n## A\n", false),
        ] {
            assert_eq!(comment_never_closes(src), open, "{src:?}");
        }
        // A heading line inside a comment that closes, or inside an HTML block, is no
        // heading to CommonMark: the typed readers would split there, so the plan is read
        // generic too. So is one that ends a list item's fence for CommonMark, where the
        // readers see code.
        let template = include_str!("../../fixtures/templates/poc.md");
        for block in [
            "<!-- a note\n## Inside\n-->\n",
            "<div>\n## Inside\n</div>\n",
            "1. Warn:\n   ```\n## Inside\n   ```\n",
        ] {
            let src = format!("{template}\n{block}");
            let parsed = parse(&src);
            assert_eq!(parsed.plan.kind(), plan_model::Kind::Generic, "{block:?}");
            assert!(
                parsed.diagnostics.iter().any(|found| found.code == "P001"
                    && found.message.contains("disagree on which of its"))
            );
            let plain = format!("{template}\n{}", block.replace("## ", ""));
            assert_eq!(
                parse(&plain).plan.kind(),
                plan_model::Kind::Poc,
                "{block:?}"
            );
        }
        // Such a plan is read generic, and P001 says why.
        let template = include_str!("../../fixtures/templates/scoped.md");
        let parsed = parse(&format!("{template}\n<!-- a comment left open\n"));
        assert_eq!(parsed.plan.kind(), plan_model::Kind::Generic);
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|found| found.code == "P001" && found.message.contains("HTML comment"))
        );
    }
}
