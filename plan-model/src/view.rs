//! The kind-neutral view of a plan: its phases and tasks, and its progress, for tools that
//! do not care which kind a plan is. Each kind implements [`Outline`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::value::{Status, TypedOrRaw};

/// How many checkbox items a plan has, and how many are ticked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Progress {
    /// Ticked items.
    pub done: usize,
    /// All items.
    pub total: usize,
}

impl Progress {
    /// The share of ticked items from 0.0 to 1.0; a plan with no items is 0.0.
    pub fn ratio(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// A phase or step of any kind of plan, as seen by a tool that does not care which kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseView<'a> {
    /// The phase's number as written (`1`, `2A`), when it has one.
    pub id: Option<&'a str>,
    /// The phase's name.
    pub title: &'a str,
    /// The phase's status, when the plan gives one.
    pub status: Option<&'a TypedOrRaw<Status>>,
    /// The phase's tasks, steps and checklist items, in source order.
    pub tasks: Vec<TaskView<'a>>,
    /// Where the phase was read from ([`Span::NONE`] when it was not read from markdown).
    pub span: Span,
}

/// A task, step or checklist item of a phase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskView<'a> {
    /// The task's own id (`Task 1.2`, `1.1`), when the plan gives one.
    pub id: Option<&'a str>,
    /// The task's text.
    pub title: &'a str,
    /// Whether its checkbox is ticked; `None` for a step that has no checkbox.
    pub checked: Option<bool>,
    /// Where the task was read from ([`Span::NONE`] when it was not read from markdown).
    pub span: Span,
}

/// The kind-neutral view of a plan that progress tools read.
pub trait Outline {
    /// Calls `visit` with the ticked state of every checkbox item anywhere in the plan
    /// (tasks, deliverables, success criteria, checklists), in source order.
    fn visit_checkboxes(&self, visit: &mut dyn FnMut(bool));

    /// The plan's phases or steps with their tasks.
    fn phases(&self) -> Vec<PhaseView<'_>>;

    /// How many checkbox items the plan has, and how many are ticked.
    fn progress(&self) -> Progress {
        let mut progress = Progress::default();
        self.visit_checkboxes(&mut |checked| {
            progress.total += 1;
            progress.done += usize::from(checked);
        });
        progress
    }
}

/// Visits every item of `items` as a checkbox.
pub(crate) fn visit_items<'a>(
    items: impl IntoIterator<Item = &'a crate::common::ChecklistItem>,
    visit: &mut dyn FnMut(bool),
) {
    for item in items.into_iter().filter(|item| item.marker.is_none()) {
        visit(item.checked);
    }
}

/// Visits the checkboxes kept in verbatim extras.
pub(crate) fn visit_verbatim<'a>(
    extras: impl IntoIterator<Item = &'a crate::common::Verbatim>,
    visit: &mut dyn FnMut(bool),
) {
    for extra in extras {
        extra.checkboxes().for_each(&mut *visit);
    }
}

/// Views checklist items as tasks.
pub(crate) fn item_views<'a>(
    items: impl IntoIterator<Item = &'a crate::common::ChecklistItem>,
) -> impl Iterator<Item = TaskView<'a>> {
    items.into_iter().map(|item| TaskView {
        id: item.label.as_deref(),
        title: &item.text,
        checked: item.marker.is_none().then_some(item.checked),
        span: item.span,
    })
}
