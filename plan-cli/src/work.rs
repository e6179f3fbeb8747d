//! Plans as work, as data: what `plan status --json` and `plan next --json` print, and the
//! edits `check`, `uncheck`, `set-status` and `add_task` make. The CLI prints these types
//! and `plan mcp` returns them, so both speak the same JSON (and the MCP tools' output
//! schemas are these types' schemas).

use indexmap::IndexMap;
use plan_doc::{AddressError, Document, Item, NextOptions, Unit};
use plan_model::{Role, RoleProgress, Status};
use schemars::JsonSchema;
use serde::Serialize;

/// `plan status --json`: a plan's progress by role, overall and per section, and each
/// task.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StatusReport {
    /// The plan's path, as given.
    pub(crate) path: String,
    /// The kind the plan is detected as.
    pub(crate) kind: String,
    /// The plan's title.
    pub(crate) title: String,
    /// Ticked boxes, optional tasks aside.
    pub(crate) done: usize,
    /// All boxes, optional tasks aside.
    pub(crate) total: usize,
    /// `done` of `total`, in percent, to one decimal.
    pub(crate) percent: f64,
    /// The boxes of each role, and the optional tasks.
    pub(crate) roles: RoleProgress,
    /// The dates the plan gives, by the key it writes them with.
    pub(crate) dates: IndexMap<String, String>,
    /// Every section that holds boxes or has a status.
    pub(crate) sections: Vec<SectionReport>,
    /// Every box, in source order.
    pub(crate) tasks: Vec<TaskReport>,
}

/// A section of [`StatusReport`].
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SectionReport {
    /// The address `set-status` accepts.
    pub(crate) path: String,
    /// The heading's text.
    pub(crate) title: String,
    /// The heading's level.
    pub(crate) level: u8,
    /// The status as written, or as read (`Complete`) when it reads as one.
    pub(crate) status: Option<String>,
    /// Ticked boxes in it, optional tasks aside.
    pub(crate) done: usize,
    /// All boxes in it, optional tasks aside.
    pub(crate) total: usize,
    /// The boxes of each role in it.
    pub(crate) roles: RoleProgress,
}

/// A box of [`StatusReport`].
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TaskReport {
    /// The address `check` accepts: the task's own id when no other task has it, else its
    /// path.
    pub(crate) id: String,
    /// The section's path and the task's number in it (`phase-2/3`).
    pub(crate) path: String,
    /// The text after the box.
    pub(crate) title: String,
    /// Whether the box is ticked.
    pub(crate) checked: bool,
    /// What the box stands for.
    pub(crate) role: Role,
    /// A Kiro optional task (`- [ ]*`).
    pub(crate) optional: bool,
    /// spec-kit's `[P]`: can run beside the other `[P]` tasks of its section.
    pub(crate) parallel: bool,
    /// spec-kit's user story (`US1`).
    pub(crate) story: Option<String>,
    /// Kiro's requirement references.
    pub(crate) requirements: Vec<String>,
    /// The path of the section it is in.
    pub(crate) section: String,
}

/// Field keys that name files.
fn is_files_key(key: &str) -> bool {
    let key = key.to_lowercase();
    key.starts_with("files") || key == "file"
}

/// Field keys that say how to verify.
fn is_verification_key(key: &str) -> bool {
    let key = key.to_lowercase();
    [
        "validation",
        "verification",
        "verify",
        "test",
        "tests",
        "testing",
    ]
    .contains(&key.as_str())
}

/// `done` of `total` in percent, to one decimal.
pub(crate) fn percent(progress: plan_model::Progress) -> f64 {
    (progress.ratio() * 1000.0).round() / 10.0
}

/// The sections `plan status` shows: those that hold boxes or have a status.
pub(crate) fn shown_sections(doc: &Document) -> Vec<usize> {
    (1..doc.sections().len())
        .filter(|&section| {
            doc.sections()[section].status.is_some() || doc.progress_of(section).total > 0
        })
        .collect()
}

/// A section's status as `plan status` shows it: read, else as written.
pub(crate) fn status_text(
    doc: &Document,
    section: usize,
    read: fn(Status) -> String,
) -> Option<String> {
    doc.sections()[section].status.as_ref().map(|mark| {
        mark.status
            .map_or_else(|| doc.source()[mark.span.clone()].to_owned(), read)
    })
}

/// The plan's title: its first `#` heading, else its first heading.
pub(crate) fn title(doc: &Document) -> &str {
    doc.sections()
        .iter()
        .find(|section| section.level == 1)
        .or(doc.sections().get(1))
        .map_or("", |section| section.title.as_str())
}

/// The dates the plan gives, by the key it uses.
pub(crate) fn dates(doc: &Document) -> IndexMap<String, String> {
    doc.dates()
        .into_iter()
        .map(|(key, value)| (key.to_owned(), doc.source()[value].to_owned()))
        .collect()
}

/// The [`StatusReport`] of `doc`, read from `path`.
pub(crate) fn status_report(doc: &Document, path: &str) -> StatusReport {
    let roles = doc.roles();
    let progress = doc.progress();
    let sections = shown_sections(doc)
        .into_iter()
        .map(|index| {
            let section = &doc.sections()[index];
            let progress = doc.progress_of(index);
            SectionReport {
                path: section.path.clone(),
                title: section.title.clone(),
                level: section.level,
                status: status_text(doc, index, |status| status.as_str().to_owned()),
                done: progress.done,
                total: progress.total,
                roles: doc.progress_by_role(Some(index), &roles),
            }
        })
        .collect();
    let tasks = doc
        .tasks()
        .iter()
        .enumerate()
        .map(|(index, task)| TaskReport {
            id: doc.address(index).to_owned(),
            path: task.path.clone(),
            title: task.title.clone(),
            checked: task.checked,
            role: roles[index],
            optional: task.optional,
            parallel: task.parallel,
            story: task.story.clone(),
            requirements: task.requirements.clone(),
            section: doc.sections()[task.section].path.clone(),
        })
        .collect();
    StatusReport {
        path: path.to_owned(),
        kind: plan_parse::detect(doc.source()).kind.as_str().to_owned(),
        title: title(doc).to_owned(),
        done: progress.done,
        total: progress.total,
        percent: percent(progress),
        roles: doc.progress_by_role(None, &roles),
        dates: dates(doc),
        sections,
        tasks,
    }
}

/// What kind of unit `next` offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UnitName {
    /// A box.
    Task,
    /// A step written as a heading.
    Step,
    /// A phase written as a heading.
    Phase,
}

/// An open box of a step or phase that `next` offers.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct OpenBox {
    /// The address `check` accepts.
    pub(crate) id: String,
    /// The text after the box.
    pub(crate) title: String,
    /// What the box stands for.
    pub(crate) role: Role,
}

/// `plan next --json`: one unit of work and what it takes.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct NextReport {
    /// A task (a box), a step or a phase.
    pub(crate) unit: UnitName,
    /// What a task's box stands for; `task` for a step or phase.
    pub(crate) role: Role,
    /// The address `check` accepts.
    pub(crate) id: String,
    /// A task's path (`phase-2/3`), or the step's or phase's.
    pub(crate) path: String,
    /// The task's text, or the heading's.
    pub(crate) title: String,
    /// The path of the section it is in (a step's or phase's own).
    pub(crate) section: String,
    /// The titles of the sections around it, outermost first.
    pub(crate) context: Vec<String>,
    /// `Files:` values of its section, else of the nearest section around it.
    pub(crate) files: Vec<String>,
    /// `Validation:`/`Tests:` values, found the same way.
    pub(crate) verification: Vec<String>,
    /// What it and the sections around it say they depend on.
    pub(crate) dependencies: Vec<String>,
    /// A Kiro optional task.
    pub(crate) optional: bool,
    /// spec-kit's `[P]`.
    pub(crate) parallel: bool,
    /// spec-kit's user story.
    pub(crate) story: Option<String>,
    /// Kiro's requirement references.
    pub(crate) requirements: Vec<String>,
    /// A step's or phase's open boxes (optional tasks aside); empty for a task.
    pub(crate) open: Vec<OpenBox>,
}

/// The [`NextReport`]s of the units `next` offers ([`Document::next_units`]).
pub(crate) fn next_reports(doc: &Document, options: NextOptions) -> Vec<NextReport> {
    let roles = doc.roles();
    doc.next_units(options)
        .into_iter()
        .map(|unit| next_report(doc, unit, &roles))
        .collect()
}

fn next_report(doc: &Document, unit: Unit, roles: &[Role]) -> NextReport {
    let (section, own) = match unit {
        Unit::Task(task) => (doc.tasks()[task].section, Some(task)),
        Unit::Step(section) | Unit::Phase(section) => (section, None),
    };
    let chain = doc.ancestry(section);
    let context = chain
        .iter()
        .filter(|&&outer| doc.sections()[outer].level > 0 && (own.is_some() || outer != section))
        .map(|&outer| doc.sections()[outer].title.clone())
        .collect();
    // Files and verification from the unit's section, else the nearest enclosing one.
    let nearest = |wanted: fn(&str) -> bool| -> Vec<String> {
        chain
            .iter()
            .rev()
            .map(|&outer| {
                doc.fields(Some(outer))
                    .into_iter()
                    .filter(|(key, value)| wanted(key) && !value.trim().is_empty())
                    .map(|(_, value)| value.to_owned())
                    .collect::<Vec<_>>()
            })
            .find(|values| !values.is_empty())
            .unwrap_or_default()
    };
    let dependencies = chain
        .iter()
        .map(|&outer| Item::Section(outer))
        .chain(own.map(Item::Task))
        .flat_map(|item| doc.dependencies(item))
        .map(|dependency| dependency.reference)
        .collect();
    let section_path = doc.sections()[section].path.clone();
    let (id, path, title, role) = match own {
        Some(task) => {
            let entry = &doc.tasks()[task];
            (
                doc.address(task).to_owned(),
                entry.path.clone(),
                entry.title.clone(),
                roles[task],
            )
        }
        None => (
            section_path.clone(),
            section_path.clone(),
            doc.sections()[section].title.clone(),
            Role::Task,
        ),
    };
    let task = own.map(|task| &doc.tasks()[task]);
    let open = match own {
        Some(_) => Vec::new(),
        None => doc
            .tasks_within(section)
            .filter(|&task| !doc.tasks()[task].checked && !doc.tasks()[task].optional)
            .map(|task| OpenBox {
                id: doc.address(task).to_owned(),
                title: doc.tasks()[task].title.clone(),
                role: roles[task],
            })
            .collect(),
    };
    NextReport {
        unit: match unit {
            Unit::Task(_) => UnitName::Task,
            Unit::Step(_) => UnitName::Step,
            Unit::Phase(_) => UnitName::Phase,
        },
        role,
        id,
        path,
        title,
        section: section_path,
        context,
        files: nearest(is_files_key),
        verification: nearest(is_verification_key),
        dependencies,
        optional: task.is_some_and(|task| task.optional),
        parallel: task.is_some_and(|task| task.parallel),
        story: task.and_then(|task| task.story.clone()),
        requirements: task
            .map(|task| task.requirements.clone())
            .unwrap_or_default(),
        open,
    }
}

/// One box or unit an edit touched.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Change {
    /// The line it is on (a step's or phase's heading line), from 1.
    pub(crate) line: usize,
    /// Its address.
    pub(crate) id: String,
    /// The task's text, or the heading's.
    pub(crate) title: String,
    /// `checked`, `unchecked`, `already checked`, `already unchecked`, `set` or `already`.
    pub(crate) what: String,
    /// The status written, for a step or phase.
    pub(crate) status: Option<String>,
}

/// The line number of byte `offset` in `doc`.
fn line_number(doc: &Document, offset: usize) -> usize {
    plan_model::diagnostic::line_column(doc.source(), offset).0
}

/// Ticks (`checked`) or clears the boxes `queries` name; a step's or phase's address
/// (`step-1.1`) sets its status instead, complete or not started. Every query is found
/// before anything changes: one that finds nothing edits nothing.
pub(crate) fn check(
    doc: &mut Document,
    queries: &[String],
    checked: bool,
) -> Result<Vec<Change>, AddressError> {
    // The units (a reading of the plan) only when a query names no task.
    let mut units: Option<Vec<Unit>> = None;
    let found = queries
        .iter()
        .map(|query| match doc.find_task(query) {
            Ok(task) => Ok(Unit::Task(task)),
            Err(error) => doc
                .find_section(query)
                .ok()
                .and_then(|section| {
                    units
                        .get_or_insert_with(|| doc.units())
                        .iter()
                        .copied()
                        .find(|unit| unit.section() == Some(section))
                })
                .ok_or(error),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut changes = Vec::new();
    for unit in found {
        match unit {
            Unit::Task(task) => {
                let edited = doc.set_checked(task, checked);
                let entry = &doc.tasks()[task];
                let what = match (edited, checked) {
                    (true, true) => "checked",
                    (true, false) => "unchecked",
                    (false, true) => "already checked",
                    (false, false) => "already unchecked",
                };
                changes.push(Change {
                    line: line_number(doc, entry.line.start),
                    id: doc.address(task).to_owned(),
                    title: entry.title.clone(),
                    what: what.to_owned(),
                    status: None,
                });
            }
            Unit::Step(section) | Unit::Phase(section) => {
                let status = if checked {
                    Status::Complete
                } else {
                    Status::NotStarted
                };
                changes.push(set_status(doc, section, status));
            }
        }
    }
    Ok(changes)
}

/// Sets section `section`'s status, in the notation the file uses.
pub(crate) fn set_status(doc: &mut Document, section: usize, status: Status) -> Change {
    let edited = doc.set_status(section, status);
    let entry = &doc.sections()[section];
    Change {
        line: line_number(doc, entry.heading.start),
        id: entry.path.clone(),
        title: entry.title.clone(),
        what: if edited { "set" } else { "already" }.to_owned(),
        status: Some(status.to_string()),
    }
}
