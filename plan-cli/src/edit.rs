//! The verbs that read progress out of a plan and edit it in place: `status`, `next`,
//! `check`, `uncheck`, `set-status`. Each is a [`plan_doc::Document`] call; an edit is
//! written atomically, and only when every task or phase named was found.

use std::fmt::Write as _;
use std::path::Path;

use plan_doc::{Document, Item};
use plan_model::Value as _;
use serde_json::{Value, json};

use crate::Status;
use crate::cli::{CheckArgs, FixEncodingArgs, NextArgs, SetStatusArgs, StatusArgs};
use crate::io::{self, Failure, display, is_stdio};
use crate::report::Reporter;

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

fn percent(progress: plan_model::Progress) -> f64 {
    (progress.ratio() * 1000.0).round() / 10.0
}

/// Prints `value` as pretty JSON and a newline.
fn print_json(value: &Value) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|error| unreachable!("JSON values serialize: {error}"));
    text.push('\n');
    io::write_stdout(text.as_bytes())
}

fn read_document(input: &Path) -> Result<Document, Failure> {
    Ok(Document::new(io::read_text(input)?))
}

/// The dates the plan gives, by the key it uses.
fn dates(doc: &Document) -> Vec<(&str, &str)> {
    doc.dates()
        .into_iter()
        .map(|(key, value)| (key, &doc.source()[value]))
        .collect()
}

/// `tasks 3/12 (25%) · criteria 0/45 · checklist 0/0`: each role's ticked and all boxes,
/// tasks first, with their share. `all` shows roles with no boxes too.
fn role_counts(progress: plan_model::RoleProgress, all: bool) -> String {
    let parts: Vec<String> = plan_model::Role::ALL
        .iter()
        .map(|&role| (role, progress.get(role)))
        .filter(|(_, counts)| all || counts.total > 0)
        .map(|(role, counts)| match role {
            plan_model::Role::Task => format!(
                "{} {}/{} ({}%)",
                role.plural(),
                counts.done,
                counts.total,
                percent(counts)
            ),
            _ => format!("{} {}/{}", role.plural(), counts.done, counts.total),
        })
        .collect();
    let optional = progress.optional;
    let mut text = parts.join(" · ");
    if optional.total > 0 {
        let _ = write!(text, " · {} optional open", optional.total - optional.done);
    }
    text
}

/// `plan status`.
pub(crate) fn status(args: &StatusArgs) -> Result<Status, Failure> {
    let doc = read_document(&args.input)?;
    let kind = plan_parse::detect(doc.source()).kind;
    let title = doc
        .sections()
        .iter()
        .find(|section| section.level == 1)
        .or(doc.sections().get(1))
        .map_or("", |section| section.title.as_str());
    let progress = doc.progress();
    let roles = doc.roles();
    let by_role = doc.progress_by_role(None, &roles);
    // Every section that holds tasks or has a status.
    let shown: Vec<usize> = (1..doc.sections().len())
        .filter(|&section| {
            doc.sections()[section].status.is_some() || doc.progress_of(section).total > 0
        })
        .collect();
    if args.json {
        let sections: Vec<Value> = shown
            .iter()
            .map(|&index| {
                let section = &doc.sections()[index];
                let progress = doc.progress_of(index);
                json!({
                    "path": section.path,
                    "title": section.title,
                    "level": section.level,
                    "status": section.status.as_ref().map(|mark| {
                        mark.status.map_or_else(
                            || doc.source()[mark.span.clone()].to_owned(),
                            |status| status.as_str().to_owned(),
                        )
                    }),
                    "done": progress.done,
                    "total": progress.total,
                    "roles": doc.progress_by_role(Some(index), &roles),
                })
            })
            .collect();
        let tasks: Vec<Value> = doc
            .tasks()
            .iter()
            .enumerate()
            .map(|(index, task)| {
                json!({
                    "id": doc.address(index),
                    "path": task.path,
                    "title": task.title,
                    "checked": task.checked,
                    "role": roles[index],
                    "optional": task.optional,
                    "parallel": task.parallel,
                    "story": task.story,
                    "requirements": task.requirements,
                    "section": doc.sections()[task.section].path,
                })
            })
            .collect();
        let dates: serde_json::Map<String, Value> = dates(&doc)
            .into_iter()
            .map(|(key, value)| (key.to_owned(), Value::from(value)))
            .collect();
        let report = json!({
            "path": display(&args.input),
            "kind": kind.as_str(),
            "title": title,
            "done": progress.done,
            "total": progress.total,
            "percent": percent(progress),
            "roles": by_role,
            "dates": dates,
            "sections": sections,
            "tasks": tasks,
        });
        print_json(&report)?;
        return Ok(Status::Success);
    }
    let mut text = format!("{title} ({kind}): {}\n", role_counts(by_role, true));
    let dates = dates(&doc);
    if !dates.is_empty() {
        let line: Vec<String> = dates
            .iter()
            .map(|(key, value)| format!("{key}: {value}"))
            .collect();
        let _ = writeln!(text, "{}", line.join(" · "));
    }
    let top = shown
        .iter()
        .map(|&index| doc.sections()[index].level)
        .min()
        .unwrap_or(1);
    for index in shown {
        let section = &doc.sections()[index];
        let progress = doc.progress_of(index);
        let indent = "  ".repeat(usize::from(section.level - top) + 1);
        let _ = write!(text, "{indent}{}", section.title);
        if let Some(mark) = &section.status {
            let status = mark.status.map_or_else(
                || doc.source()[mark.span.clone()].to_owned(),
                |status| status.to_text(),
            );
            let _ = write!(text, " [{status}]");
        }
        if progress.total > 0 {
            let by_role = doc.progress_by_role(Some(index), &roles);
            let _ = write!(text, "  {}", role_counts(by_role, false));
        }
        text.push('\n');
    }
    io::write_stdout(text.as_bytes())?;
    Ok(Status::Success)
}

/// `plan next`.
pub(crate) fn next(args: &NextArgs) -> Result<Status, Failure> {
    let doc = read_document(&args.input)?;
    let options = plan_doc::NextOptions {
        all: args.all,
        optional: args.optional,
    };
    let next = doc.next_units(options);
    if next.is_empty() {
        let progress = doc.progress();
        let text = if args.json {
            if args.all { "[]\n" } else { "null\n" }.to_owned()
        } else if progress.total == 0 {
            "no tasks: the plan has no checkbox items\n".to_owned()
        } else if progress.done == progress.total {
            let optional = doc
                .tasks()
                .iter()
                .filter(|task| task.optional && !task.checked);
            match optional.count() {
                0 => format!("all {} tasks are done\n", progress.total),
                open => format!(
                    "all {} tasks are done · {open} optional open (`--optional` offers \
                     optional tasks)\n",
                    progress.total
                ),
            }
        } else {
            format!(
                "{} tasks are open, and each waits for a dependency that is not done\n",
                progress.total - progress.done
            )
        };
        io::write_stdout(text.as_bytes())?;
        return Ok(Status::Success);
    }
    let roles = doc.roles();
    let reports: Vec<NextUnit<'_>> = next
        .iter()
        .map(|&unit| NextUnit::of(&doc, unit, &roles))
        .collect();
    if args.json {
        let value = if args.all {
            Value::Array(reports.iter().map(NextUnit::json).collect())
        } else {
            reports[0].json()
        };
        print_json(&value)?;
        return Ok(Status::Success);
    }
    let text: Vec<String> = reports.iter().map(NextUnit::text).collect();
    io::write_stdout(text.join("\n").as_bytes())?;
    Ok(Status::Success)
}

/// What `plan next` tells of one unit of work.
struct NextUnit<'a> {
    doc: &'a Document,
    unit: plan_doc::Unit,
    role: plan_model::Role,
    /// The address `plan check` accepts.
    id: &'a str,
    path: &'a str,
    title: &'a str,
    /// The section the unit is in (a step's or phase's own).
    section: usize,
    context: Vec<&'a str>,
    files: Vec<String>,
    verification: Vec<String>,
    dependencies: Vec<String>,
    /// A step's or phase's open boxes, optional tasks aside.
    open: Vec<usize>,
}

impl<'a> NextUnit<'a> {
    fn of(doc: &'a Document, unit: plan_doc::Unit, roles: &[plan_model::Role]) -> Self {
        let (section, id, path, title, role, own) = match unit {
            plan_doc::Unit::Task(task) => {
                let entry = &doc.tasks()[task];
                let path = entry.path.as_str();
                (
                    entry.section,
                    doc.address(task),
                    path,
                    entry.title.as_str(),
                    roles[task],
                    Some(task),
                )
            }
            plan_doc::Unit::Step(section) | plan_doc::Unit::Phase(section) => {
                let entry = &doc.sections()[section];
                let path = entry.path.as_str();
                (
                    section,
                    path,
                    path,
                    entry.title.as_str(),
                    plan_model::Role::Task,
                    None,
                )
            }
        };
        let chain = doc.ancestry(section);
        let context: Vec<&str> = chain
            .iter()
            .filter(|&&outer| {
                doc.sections()[outer].level > 0 && (own.is_some() || outer != section)
            })
            .map(|&outer| doc.sections()[outer].title.as_str())
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
        let dependencies: Vec<String> = chain
            .iter()
            .map(|&outer| Item::Section(outer))
            .chain(own.map(Item::Task))
            .flat_map(|item| doc.dependencies(item))
            .map(|dependency| dependency.reference)
            .collect();
        let open = match own {
            Some(_) => Vec::new(),
            None => doc
                .tasks_within(section)
                .filter(|&task| !doc.tasks()[task].checked && !doc.tasks()[task].optional)
                .collect(),
        };
        NextUnit {
            doc,
            unit,
            role,
            id,
            path,
            title,
            section,
            context,
            files: nearest(is_files_key),
            verification: nearest(is_verification_key),
            dependencies,
            open,
        }
    }

    fn json(&self) -> Value {
        let doc = self.doc;
        let mut report = json!({
            "unit": self.unit.name(),
            "role": self.role,
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "section": doc.sections()[self.section].path,
            "context": self.context,
            "files": self.files,
            "verification": self.verification,
            "dependencies": self.dependencies,
        });
        if let plan_doc::Unit::Task(task) = self.unit {
            let entry = &doc.tasks()[task];
            report["optional"] = entry.optional.into();
            report["parallel"] = entry.parallel.into();
            report["story"] = json!(entry.story);
            report["requirements"] = json!(entry.requirements);
        } else {
            let roles = doc.roles();
            report["open"] = self
                .open
                .iter()
                .map(|&task| {
                    json!({
                        "id": doc.address(task),
                        "title": doc.tasks()[task].title,
                        "role": roles[task],
                    })
                })
                .collect();
        }
        report
    }

    fn text(&self) -> String {
        let doc = self.doc;
        let mut text = format!("next: {}  [{}]\n", self.title, self.id);
        if !matches!(self.unit, plan_doc::Unit::Task(_)) {
            let _ = writeln!(text, "  unit: {}", self.unit.name());
        } else if self.role != plan_model::Role::Task {
            let _ = writeln!(text, "  role: {}", self.role.as_str());
        }
        let task = match self.unit {
            plan_doc::Unit::Task(task) => Some(&doc.tasks()[task]),
            _ => None,
        };
        if task.is_some_and(|task| task.optional) {
            let _ = writeln!(text, "  optional");
        }
        if !self.context.is_empty() {
            let _ = writeln!(text, "  in: {}", self.context.join(" › "));
        }
        for file in &self.files {
            let _ = writeln!(text, "  files: {file}");
        }
        for check in &self.verification {
            let _ = writeln!(text, "  verify: {check}");
        }
        if !self.dependencies.is_empty() {
            let _ = writeln!(text, "  after: {}", self.dependencies.join(", "));
        }
        if let Some(task) = task.filter(|task| !task.requirements.is_empty()) {
            let _ = writeln!(text, "  requirements: {}", task.requirements.join(", "));
        }
        for &open in &self.open {
            let _ = writeln!(
                text,
                "  open: {}  [{}]",
                doc.tasks()[open].title,
                doc.address(open)
            );
        }
        text
    }
}

/// Applies `apply` to the plan at `input`: in place through the library's one write path
/// (locked, read inside the lock, written only when the text changed), or for `-` and
/// `--dry-run` to a reading whose result goes to standard output.
fn edit_in_place<T, E: std::fmt::Display>(
    input: &Path,
    dry_run: bool,
    mut apply: impl FnMut(&mut Document) -> Result<T, E>,
) -> Result<T, Failure> {
    if dry_run || is_stdio(input) {
        let mut doc = read_document(input)?;
        let value = apply(&mut doc).map_err(|error| Failure::new(input, error.to_string()))?;
        io::write_stdout(doc.source().as_bytes())?;
        return Ok(value);
    }
    Ok(plan_doc::edit_file(input, io::options(), apply)?)
}

/// The line number of byte `offset` in `doc`.
fn line_number(doc: &Document, offset: usize) -> usize {
    plan_model::diagnostic::line_column(doc.source(), offset).0
}

/// `plan check` (`checked`) and `plan uncheck`.
pub(crate) fn check(
    reporter: &Reporter,
    args: &CheckArgs,
    checked: bool,
) -> Result<Status, Failure> {
    let path = display(&args.input);
    let lines = edit_in_place(&args.input, args.dry_run, |doc| {
        // Every task is found before any box changes: a query that finds none edits none.
        // A step's or phase's address (`step-1.1`) names the unit: its status is set.
        let units = doc.units();
        let found = args
            .tasks
            .iter()
            .map(|query| match doc.find_task(query) {
                Ok(task) => Ok(plan_doc::Unit::Task(task)),
                Err(error) => doc
                    .find_section(query)
                    .ok()
                    .and_then(|section| {
                        units
                            .iter()
                            .copied()
                            .find(|unit| unit.section() == Some(section))
                    })
                    .ok_or(error),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut lines = String::new();
        for unit in found {
            let task = match unit {
                plan_doc::Unit::Task(task) => task,
                plan_doc::Unit::Step(section) | plan_doc::Unit::Phase(section) => {
                    let status = if checked {
                        plan_model::Status::Complete
                    } else {
                        plan_model::Status::NotStarted
                    };
                    let edited = doc.set_status(section, status);
                    let entry = &doc.sections()[section];
                    let _ = writeln!(
                        lines,
                        "{path}:{}: {} {} [{}]: {status}",
                        line_number(doc, entry.heading.start),
                        if edited { "set" } else { "already" },
                        entry.title,
                        entry.path
                    );
                    continue;
                }
            };
            let edited = doc.set_checked(task, checked);
            let entry = &doc.tasks()[task];
            let what = match (edited, checked) {
                (true, true) => "checked",
                (true, false) => "unchecked",
                (false, true) => "already checked",
                (false, false) => "already unchecked",
            };
            let _ = writeln!(
                lines,
                "{path}:{}: {what} [{}] {}",
                line_number(doc, entry.line.start),
                doc.address(task),
                entry.title
            );
        }
        Ok::<_, plan_doc::AddressError>(lines)
    })?;
    if !reporter.quiet() {
        crate::report::eprint(&lines);
    }
    Ok(Status::Success)
}

/// `plan set-status`.
pub(crate) fn set_status(reporter: &Reporter, args: &SetStatusArgs) -> Result<Status, Failure> {
    let Some(status) = plan_doc::read_status(&args.status) else {
        let names: Vec<&str> = plan_model::Status::ALL
            .iter()
            .map(|status| status.as_str())
            .collect();
        return Err(Failure::usage(format!(
            "`{}` is not a status; expected one of {}",
            args.status,
            names.join(", ")
        )));
    };
    let path = display(&args.input);
    let line = edit_in_place(&args.input, args.dry_run, |doc| {
        let section = doc.find_section(&args.phase)?;
        let changed = doc.set_status(section, status);
        let entry = &doc.sections()[section];
        Ok::<_, plan_doc::AddressError>(format!(
            "{path}:{}: {} {} [{}]: {status}\n",
            line_number(doc, entry.heading.start),
            if changed { "set" } else { "already" },
            entry.title,
            entry.path
        ))
    })?;
    if !reporter.quiet() {
        crate::report::eprint(&line);
    }
    Ok(Status::Success)
}

/// What `fix-encoding` makes of a file's bytes: the repaired text, one line per repair
/// (`path:line:column: ...`), and the number of repairs.
fn repair(path: &str, bytes: &[u8]) -> (String, String, usize) {
    let (decoded, invalid) = plan_doc::encoding::decode_with_fallback(bytes);
    let (text, mojibake) = plan_doc::encoding::repair_text(&decoded);
    let mut lines = String::new();
    // Invalid bytes are placed in the bytes read; mis-decoded text in the decoded text.
    let placed = invalid
        .iter()
        .map(|repair| (plan_doc::line_column(bytes, repair.span.start), repair))
        .chain(mojibake.iter().map(|repair| {
            let at = plan_doc::line_column(decoded.as_bytes(), repair.span.start);
            (at, repair)
        }));
    for ((line, column), repair) in placed {
        let _ = writeln!(
            lines,
            "{path}:{line}:{column}: {} `{}` -> `{}`",
            repair.source.describe(),
            repair.found,
            repair.repaired
        );
    }
    (text, lines, invalid.len() + mojibake.len())
}

/// `plan fix-encoding`.
pub(crate) fn fix_encoding(reporter: &Reporter, args: &FixEncodingArgs) -> Result<Status, Failure> {
    let mut status = Status::Success;
    for input in &args.inputs {
        let path = display(input);
        let (mut lines, repairs) = if args.check || args.dry_run || is_stdio(input) {
            let (text, lines, repairs) = repair(&path, &io::read_bytes(input)?);
            if args.check {
                if repairs > 0 {
                    status = status.max(Status::Invalid);
                }
            } else {
                io::write_stdout(text.as_bytes())?;
            }
            (lines, repairs)
        } else {
            plan_doc::file::edit_bytes(input, io::options(), |bytes| {
                let (text, lines, repairs) = repair(&path, bytes);
                let contents = (repairs > 0).then(|| text.into_bytes());
                Ok::<_, std::convert::Infallible>(plan_doc::file::Edit {
                    value: (lines, repairs),
                    contents,
                })
            })?
        };
        if !reporter.quiet() {
            if repairs == 0 {
                let _ = writeln!(lines, "{path}: nothing to repair");
            }
            crate::report::eprint(&lines);
        }
    }
    Ok(status)
}
