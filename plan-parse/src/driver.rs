//! The one driver of the lenient typed readers (`feature`, `scoped`, `stepwise`): each
//! top-level section is read as a phase of its own, as the template section its title
//! names, or kept where its kind keeps what no reader took; the kept sections and the typed
//! ones the template does not name are placed among the template's ([`Placing`]), so that
//! rendering writes each back where it was.
//!
//! A kind says what is its own through [`Lenient`]: its section table, its phase test and
//! reader, its section readers, and where it keeps a section none of them took.

use plan_model::{Headings, KeptSection};

use crate::lines::{Part, title_key, without_rule};
use crate::report::Report;
use crate::sections::{
    Placing, Section, TopGroups, keep_heading, keep_section, keep_tail, section_of,
};

/// The fields of a plan the driver fills, borrowed at once.
pub(crate) struct Slots<'a, Phase> {
    /// The plan's phases.
    pub(crate) phases: &'a mut Vec<Phase>,
    /// Whether the phases were read as top-level sections (`## Phase 1: ...`).
    pub(crate) phases_at_top: &'a mut bool,
    /// Headings not written as the template's, by section key.
    pub(crate) headings: &'a mut Headings,
    /// The top-level sections kept verbatim.
    pub(crate) kept: &'a mut Vec<KeptSection>,
    /// The typed top-level sections the template does not name.
    pub(crate) groups: TopGroups<'a>,
}

/// The [`Slots`] of a plan: every lenient kind names these fields so.
macro_rules! slots {
    ($plan:expr) => {
        $crate::driver::Slots {
            phases: &mut $plan.phases,
            phases_at_top: &mut $plan.phases_at_top,
            headings: &mut $plan.headings,
            kept: &mut $plan.extra_sections,
            groups: $crate::sections::top_groups!($plan),
        }
    };
}
pub(crate) use slots;

/// What a top-level section's title names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Title {
    /// One of the template's sections.
    Section,
    /// A phase written as a section of its own.
    Phase,
    /// Nothing the template names.
    Other,
}

/// A kind the lenient driver reads ([`read_sections`]).
pub(crate) trait Lenient {
    /// The kind's phase.
    type Phase;
    /// The kind's top-level sections, from its vocabulary enum.
    const SECTIONS: &'static [Section];
    /// Whether a top-level title names a phase (`Phase 1: Setup`).
    fn phase_title(title: &str) -> bool;
    /// Reads a top-level section titled as a phase.
    fn phase(part: &Part<'_>, report: &mut Report<'_>) -> Option<Self::Phase>;
    /// Reads `body`, the content of the section `text` (its heading included), into the
    /// part of the plan that `key` names; `None` (nothing set) when that part is taken or
    /// the body does not read.
    fn read_section(
        &mut self,
        key: &str,
        body: &str,
        text: &str,
        report: &mut Report<'_>,
    ) -> Option<()>;
    /// The fields the driver fills.
    fn slots(&mut self) -> Slots<'_, Self::Phase>;
    /// Whether `part` is kept as written before any reader sees it.
    fn kept_as_written(_part: &Part<'_>) -> bool {
        false
    }
    /// Keeps a section no reader took: as a typed list or checklist section when its title
    /// names nothing the template has and its content is one, else verbatim.
    fn keep(&mut self, part: &Part<'_>, title: Title, report: &mut Report<'_>) {
        let slots = self.slots();
        keep_section(
            part,
            title == Title::Other,
            report,
            slots.groups,
            slots.kept,
        );
    }
}

/// Reads the top-level `parts` of a plan (and its `tail`, a last section whose code fence
/// never closes) into `plan`.
pub(crate) fn read_sections<P: Lenient>(
    plan: &mut P,
    parts: &[Part<'_>],
    tail: Option<Part<'_>>,
    report: &mut Report<'_>,
) {
    let mut placing = Placing::default();
    for part in parts {
        let section = section_of(P::SECTIONS, &title_key(part.title));
        let title = match section {
            _ if P::phase_title(part.title) => Title::Phase,
            Some(_) => Title::Section,
            None => Title::Other,
        };
        if P::kept_as_written(part) {
            report.kept_verbatim(part.text);
            let slots = plan.slots();
            slots.kept.push(crate::lines::kept(part.text));
            placing.kept(slots.kept, title != Title::Other);
            continue;
        }
        let typed = match (title, section) {
            (Title::Phase, _) => top_phase(plan, part, report).then_some("phases"),
            (_, Some(section)) => plan
                .read_section(section.key, without_rule(part.body), part.text, report)
                .map(|()| {
                    keep_heading(plan.slots().headings, section.key, part, section.title);
                    section.key
                }),
            (_, None) => None,
        };
        if let Some(key) = typed {
            let slots = plan.slots();
            placing.before(slots.kept, slots.groups, key);
            continue;
        }
        plan.keep(part, title, report);
        placing.kept(plan.slots().kept, title != Title::Other);
    }
    let slots = plan.slots();
    keep_tail(tail, report, slots.kept);
    placing.finish(
        slots.kept,
        slots.groups,
        P::SECTIONS.iter().map(|section| section.key),
        report,
    );
}

/// Reads `part` as a phase of its own when the plan's phases are not held in a
/// `Phases` section already.
fn top_phase<P: Lenient>(plan: &mut P, part: &Part<'_>, report: &mut Report<'_>) -> bool {
    let slots = plan.slots();
    if !(slots.phases.is_empty() || *slots.phases_at_top) {
        return false;
    }
    let Some(phase) = P::phase(part, report) else {
        return false;
    };
    *slots.phases_at_top = true;
    slots.phases.push(phase);
    true
}
