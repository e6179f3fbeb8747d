//! [`Plan`], the sum of every kind, and the kind-neutral view of a plan's progress.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::atomic::AtomicPlan;
use crate::feature::FeaturePlan;
use crate::generic::GenericPlan;
use crate::poc::PocPlan;
use crate::scoped::ScopedPlan;
use crate::stepwise::StepwisePlan;
use crate::view::{Outline, PhaseView, Progress};

/// Any implementation plan, tagged in JSON by its `kind`.
///
/// ```
/// use plan_model::{Kind, Plan, stepwise::StepwisePlan};
/// let plan = Plan::Stepwise(StepwisePlan::builder().title("Ship search").build());
/// assert_eq!(plan.kind(), Kind::Stepwise);
/// let json = serde_json::to_value(&plan)?;
/// assert_eq!(json["kind"], "stepwise");
/// assert_eq!(json["schema_version"], 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(
    clippy::large_enum_variant,
    reason = "a plan is built once and matched often; boxing would make every match deref"
)]
pub enum Plan {
    /// The next single step of a layered build.
    Atomic(AtomicPlan),
    /// A multi-phase feature with dates, statuses and task checklists.
    Feature(FeaturePlan),
    /// A self-contained proof of concept.
    Poc(PocPlan),
    /// Phases of numbered steps for an agent to follow in order.
    Stepwise(StepwisePlan),
    /// A research-backed plan with explicit scope and confirmation gates.
    Scoped(ScopedPlan),
    /// A plan that follows no template: its sections and checkbox tasks.
    Generic(GenericPlan),
}

/// The kinds of plan, one per template.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `atomic`: the next single step of a layered build.
    Atomic,
    /// `feature`: a multi-phase feature.
    Feature,
    /// `poc`: a proof of concept.
    Poc,
    /// `stepwise`: phases of numbered steps.
    Stepwise,
    /// `scoped`: a research-backed, scoped plan.
    Scoped,
    /// `generic`: a plan that follows no template.
    Generic,
}

impl Kind {
    /// Every kind: the five template kinds, then `generic`.
    pub const ALL: [Kind; 6] = [
        Kind::Atomic,
        Kind::Feature,
        Kind::Poc,
        Kind::Stepwise,
        Kind::Scoped,
        Kind::Generic,
    ];

    /// The kinds that have a template, in the order the templates list them.
    pub const TEMPLATES: [Kind; 5] = [
        Kind::Atomic,
        Kind::Feature,
        Kind::Poc,
        Kind::Stepwise,
        Kind::Scoped,
    ];

    /// The kind's name as used in JSON, file names and the CLI (`feature`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Atomic => "atomic",
            Kind::Feature => "feature",
            Kind::Poc => "poc",
            Kind::Stepwise => "stepwise",
            Kind::Scoped => "scoped",
            Kind::Generic => "generic",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// The error of [`Kind::from_str`]: the text names no kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind(String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "expected a plan kind (atomic, feature, poc, stepwise, scoped, generic), found {:?}",
            self.0
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;

    /// Reads a kind's name, ignoring ASCII case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| UnknownKind(text.to_owned()))
    }
}

impl Plan {
    /// The plan's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Plan::Atomic(_) => Kind::Atomic,
            Plan::Feature(_) => Kind::Feature,
            Plan::Poc(_) => Kind::Poc,
            Plan::Stepwise(_) => Kind::Stepwise,
            Plan::Scoped(_) => Kind::Scoped,
            Plan::Generic(_) => Kind::Generic,
        }
    }

    /// The plan's title.
    pub fn title(&self) -> &str {
        match self {
            Plan::Atomic(plan) => &plan.title,
            Plan::Feature(plan) => &plan.title,
            Plan::Poc(plan) => &plan.title,
            Plan::Stepwise(plan) => &plan.title,
            Plan::Scoped(plan) => &plan.title,
            Plan::Generic(plan) => &plan.title,
        }
    }

    /// Sets the plan's title (the name in the template's title heading). For a generic
    /// plan, the first top-level heading is rewritten too, or added when there is none.
    ///
    /// ```
    /// use plan_model::{Kind, template};
    ///
    /// let mut plan = template::plan(Kind::Generic);
    /// plan.set_title("Search");
    /// assert_eq!(plan.title(), "Search");
    /// ```
    pub fn set_title(&mut self, title: impl Into<String>) {
        let title = title.into();
        match self {
            Plan::Atomic(plan) => plan.title = title,
            Plan::Feature(plan) => plan.title = title,
            Plan::Poc(plan) => plan.title = title,
            Plan::Stepwise(plan) => plan.title = title,
            Plan::Scoped(plan) => plan.title = title,
            Plan::Generic(plan) => {
                match plan.sections.iter_mut().find(|section| section.level == 1) {
                    Some(section) => {
                        section.title.clone_from(&title);
                        section.heading = None;
                    }
                    None => {
                        let at = usize::from(
                            plan.sections
                                .first()
                                .is_some_and(|section| section.level == 0),
                        );
                        let blocks = vec![crate::generic::Block::Markdown {
                            markdown: "\n".to_owned(),
                        }];
                        let section = crate::generic::Section::builder()
                            .level(1)
                            .title(title.clone())
                            .blocks(blocks)
                            .build();
                        plan.sections.insert(at, section);
                    }
                }
                plan.title = title;
            }
        }
    }

    /// How many checkbox items the plan has, and how many are ticked.
    pub fn progress(&self) -> Progress {
        Outline::progress(self)
    }

    /// The plan's phases or steps, each with its tasks and their ticked state.
    pub fn phases(&self) -> impl Iterator<Item = PhaseView<'_>> {
        Outline::phases(self).into_iter()
    }

    fn outline(&self) -> &dyn Outline {
        match self {
            Plan::Atomic(plan) => plan,
            Plan::Feature(plan) => plan,
            Plan::Poc(plan) => plan,
            Plan::Stepwise(plan) => plan,
            Plan::Scoped(plan) => plan,
            Plan::Generic(plan) => plan,
        }
    }
}

impl Outline for Plan {
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool)) {
        self.outline().visit_checkboxes(visit);
    }

    fn phases(&self) -> Vec<PhaseView<'_>> {
        self.outline().phases()
    }

    fn visit_roles(&self, visit: &mut dyn FnMut(crate::Span, crate::Role)) {
        self.outline().visit_roles(visit);
    }
}

macro_rules! plan_from {
    ($($variant:ident($plan:ty)),*) => {
        $(impl From<$plan> for Plan {
            fn from(plan: $plan) -> Self {
                Plan::$variant(plan)
            }
        })*
    };
}

plan_from!(
    Atomic(AtomicPlan),
    Feature(FeaturePlan),
    Poc(PocPlan),
    Stepwise(StepwisePlan),
    Scoped(ScopedPlan),
    Generic(GenericPlan)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_their_own_names_and_nothing_else() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
            assert_eq!(kind.to_string().to_uppercase().parse::<Kind>(), Ok(kind));
        }
        let error = "generic-ish".parse::<Kind>().expect_err("not a kind");
        assert_eq!(
            error.to_string(),
            "expected a plan kind (atomic, feature, poc, stepwise, scoped, generic), found \"generic-ish\""
        );
    }

    #[test]
    fn progress_ratio_of_an_empty_plan_is_zero() {
        assert_eq!(Progress::default().ratio(), 0.0);
        assert_eq!(Progress { done: 1, total: 4 }.ratio(), 0.25);
    }
}
