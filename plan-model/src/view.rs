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

/// [`Progress`] of each [`Role`] apart: `plan status` counts tasks, criteria and checklist
/// items each on their own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct RoleProgress {
    /// Boxes of work.
    pub task: Progress,
    /// Boxes of criteria.
    pub criterion: Progress,
    /// Boxes of checklists.
    pub checklist: Progress,
    /// Optional tasks (Kiro's `- [ ]*`), of any role: counted here only.
    pub optional: Progress,
}

impl RoleProgress {
    /// Counts one box of `role`, ticked or not: in [`RoleProgress::optional`] when it is
    /// an optional task.
    pub fn count(&mut self, role: Role, checked: bool, optional: bool) {
        let progress = if optional {
            &mut self.optional
        } else {
            self.get_mut(role)
        };
        progress.total += 1;
        progress.done += usize::from(checked);
    }

    /// The progress of `role`.
    pub fn get(&self, role: Role) -> Progress {
        match role {
            Role::Task => self.task,
            Role::Criterion => self.criterion,
            Role::Checklist => self.checklist,
        }
    }

    fn get_mut(&mut self, role: Role) -> &mut Progress {
        match role {
            Role::Task => &mut self.task,
            Role::Criterion => &mut self.criterion,
            Role::Checklist => &mut self.checklist,
        }
    }
}

/// What a checkbox stands for: work to do, a criterion the work is judged by, or an item
/// of a checklist that goes along with the work.
///
/// The typed reading gives the role where it knows the box's field
/// ([`Outline::visit_roles`]); elsewhere the titles of the sections the box is in decide
/// ([`Role::of_title`]), and a box whose titles say nothing is a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Work in phases and steps.
    Task,
    /// Success criteria, deliverables, definition of done, acceptance and exit criteria,
    /// verification.
    Criterion,
    /// Daily checklist, review points, documentation and production-grade checklists, open
    /// questions, technical debt to address.
    Checklist,
}

/// Words of a section title that make its boxes criteria (matched in lower case, anywhere
/// in the title).
const CRITERION_WORDS: [&str; 13] = [
    "criteria",
    "criterion",
    "definition of done",
    "deliverable",
    "verification",
    "acceptance",
    "done looks like",
    "success metric",
    "検証",
    "基準",
    "검증",
    "기준",
    "验收",
];

/// Words of a section title that make its boxes checklist items.
const CHECKLIST_WORDS: [&str; 5] = [
    "checklist",
    "review point",
    "open question",
    "technical debt",
    "チェックリスト",
];

impl Role {
    /// The roles, in the order `plan status` shows them.
    pub const ALL: [Role; 3] = [Role::Task, Role::Criterion, Role::Checklist];

    /// The role of the boxes under a section titled `title`, when the title says:
    /// [`Role::Criterion`] for a title with a criteria word (`Success Criteria`,
    /// `Deliverables`, `Definition of Done`, `Acceptance`, `Phase 1 Verification`, `検証`),
    /// [`Role::Checklist`] for a checklist word (`Daily Checklist`, `Review Points`, `Open
    /// Questions`, `Technical Debt`), and [`Role::Task`] for the title of a unit of work
    /// (`Phase 6: Testing & Verification`: a phase, step, stage, milestone, iteration,
    /// sprint, task or part word, a number, then a colon, a dash or nothing). `None` when
    /// the title says none of these: the enclosing section's title decides.
    ///
    /// ```
    /// use plan_model::Role;
    /// assert_eq!(Role::of_title("Success Criteria"), Some(Role::Criterion));
    /// assert_eq!(Role::of_title("Phase 1 Verification"), Some(Role::Criterion));
    /// assert_eq!(Role::of_title("Phase 6: Testing & Verification"), Some(Role::Task));
    /// assert_eq!(Role::of_title("✅ Step 2.1 — Index"), Some(Role::Task));
    /// assert_eq!(Role::of_title("Daily Checklist"), Some(Role::Checklist));
    /// assert_eq!(Role::of_title("Backend"), None);
    /// ```
    pub fn of_title(title: &str) -> Option<Role> {
        let title = title.to_lowercase();
        if is_work_title(&title) {
            Some(Role::Task)
        } else if CRITERION_WORDS.iter().any(|word| title.contains(word)) {
            Some(Role::Criterion)
        } else if CHECKLIST_WORDS.iter().any(|word| title.contains(word)) {
            Some(Role::Checklist)
        } else {
            None
        }
    }

    /// The role's name as JSON writes it: `task`, `criterion`, `checklist`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Task => "task",
            Role::Criterion => "criterion",
            Role::Checklist => "checklist",
        }
    }

    /// What `plan status` calls the boxes of the role: `tasks`, `criteria`, `checklist`.
    pub fn plural(self) -> &'static str {
        match self {
            Role::Task => "tasks",
            Role::Criterion => "criteria",
            Role::Checklist => "checklist",
        }
    }
}

/// Words that open the title of a unit of work (`Phase 2: Setup`, `Step 1.1 — Index`).
const UNITS: [&str; 9] = [
    "phase",
    "step",
    "stage",
    "milestone",
    "part",
    "sprint",
    "week",
    "iteration",
    "task",
];

/// `Phase 2A: Setup` → `("phase", "2a")`: a title that names a numbered unit of work (after
/// any emoji or markup, a unit word, a space, dash or underscore, and a number), in lower
/// case.
///
/// ```
/// use plan_model::view::numbered_unit;
/// assert_eq!(numbered_unit("✅ Phase 2A: Setup"), Some(("phase", "2a".to_owned())));
/// assert_eq!(numbered_unit("Step 1.1 — Index"), Some(("step", "1.1".to_owned())));
/// assert_eq!(numbered_unit("Phases"), None);
/// ```
pub fn numbered_unit(title: &str) -> Option<(&'static str, String)> {
    unit_and_rest(title).map(|(unit, number, _)| (unit, number))
}

/// [`numbered_unit`], and the lower-case text after the number.
fn unit_and_rest(title: &str) -> Option<(&'static str, String, String)> {
    let text = title.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = text.to_lowercase();
    let unit = UNITS
        .into_iter()
        .find(|unit| lower.starts_with(unit) && lower[unit.len()..].starts_with([' ', '-', '_']))?;
    let rest = lower[unit.len() + 1..].trim_start();
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let after = rest[number.len()..].to_owned();
    let number = number.trim_end_matches('.');
    (number.starts_with(|c: char| c.is_ascii_digit())).then(|| (unit, number.to_owned(), after))
}

/// Whether a title names a unit of work ([`numbered_unit`]) with nothing after its number
/// but a colon, a dash, or what follows one: `Phase 6: Testing`, not `Phase 1
/// Verification`.
fn is_work_title(title: &str) -> bool {
    unit_and_rest(title).is_some_and(|(_, _, after)| {
        let after = after.trim_start_matches(['*', ' ']);
        after.is_empty() || after.starts_with([':', '-', '\u{2014}', '\u{2013}', '\u{ff1a}'])
    })
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
    /// What its box stands for ([`Role`]); `None` for a step that has no checkbox.
    pub role: Option<Role>,
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

    /// Calls `visit` with the span and [`Role`] of each checkbox item whose field the
    /// typed reading knows (a phase's tasks, its success criteria, the definition of done),
    /// in no particular order. Boxes in groups the template does not name and in text kept
    /// as written are not visited: their sections' titles give their role.
    fn visit_roles(&self, visit: &mut dyn FnMut(Span, Role)) {
        let _ = visit;
    }

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

/// Visits every item of `items` with `role`.
pub(crate) fn role_items<'a>(
    items: impl IntoIterator<Item = &'a crate::common::ChecklistItem>,
    role: Role,
    visit: &mut dyn FnMut(Span, Role),
) {
    for item in items.into_iter().filter(|item| item.marker.is_none()) {
        visit(item.span, role);
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

/// Views checklist items as tasks of `role`.
pub(crate) fn item_views<'a>(
    items: impl IntoIterator<Item = &'a crate::common::ChecklistItem>,
    role: Role,
) -> impl Iterator<Item = TaskView<'a>> {
    items.into_iter().map(move |item| TaskView {
        id: item.label.as_deref(),
        title: &item.text,
        checked: item.marker.is_none().then_some(item.checked),
        role: item.marker.is_none().then_some(role),
        span: item.span,
    })
}
