//! The verbs that read progress out of a plan and edit it in place: `status`, `next`,
//! `check`, `uncheck`, `set-status`. Each is a [`plan_doc::Document`] call; an edit is
//! written atomically, and only when every task or phase named was found.

use std::fmt::Write as _;
use std::path::Path;

use plan_doc::Document;
use plan_model::Value as _;

use crate::Status;
use crate::cli::{CheckArgs, FixEncodingArgs, NextArgs, SetStatusArgs, StatusArgs};
use crate::io::{self, Failure, display, is_stdio};
use crate::report::Reporter;
use crate::work;

/// Prints `value` as pretty JSON and a newline.
fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|error| unreachable!("reports serialize: {error}"));
    text.push('\n');
    io::write_stdout(text.as_bytes())
}

fn read_document(input: &Path) -> Result<Document, Failure> {
    Ok(Document::new(io::read_text(input)?))
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
                work::percent(counts)
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
    if args.json {
        print_json(&work::status_report(&doc, &display(&args.input)))?;
        return Ok(Status::Success);
    }
    let kind = plan_parse::detect(doc.source()).kind;
    let roles = doc.roles();
    let mut text = format!(
        "{} ({kind}): {}\n",
        work::title(&doc),
        role_counts(doc.progress_by_role(None, &roles), true)
    );
    let dates = work::dates(&doc);
    if !dates.is_empty() {
        let line: Vec<String> = dates
            .iter()
            .map(|(key, value)| format!("{key}: {value}"))
            .collect();
        let _ = writeln!(text, "{}", line.join(" · "));
    }
    let shown = work::shown_sections(&doc);
    let top = shown
        .iter()
        .map(|&index| doc.sections()[index].level)
        .min()
        .unwrap_or(1);
    for index in shown {
        let section = &doc.sections()[index];
        let indent = "  ".repeat(usize::from(section.level - top) + 1);
        let _ = write!(text, "{indent}{}", section.title);
        if let Some(status) = work::status_text(&doc, index, |status| status.to_text()) {
            let _ = write!(text, " [{status}]");
        }
        let counts = role_counts(doc.progress_by_role(Some(index), &roles), false);
        if !counts.is_empty() {
            let _ = write!(text, "  {counts}");
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
    let reports = work::next_reports(&doc, options);
    if args.json {
        return match (args.all, reports.first()) {
            (true, _) => print_json(&reports),
            (false, first) => print_json(&first),
        }
        .map(|()| Status::Success);
    }
    if reports.is_empty() {
        let progress = doc.progress();
        let text = if progress.total == 0 {
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
    let text: Vec<String> = reports.iter().map(next_text).collect();
    io::write_stdout(text.join("\n").as_bytes())?;
    Ok(Status::Success)
}

/// How `plan next` shows a unit.
fn next_text(report: &work::NextReport) -> String {
    let mut text = format!("next: {}  [{}]\n", report.title, report.id);
    if report.unit != work::UnitName::Task {
        let name = serde_json::to_value(report.unit).unwrap_or_default();
        let _ = writeln!(text, "  unit: {}", name.as_str().unwrap_or_default());
    } else if report.role != plan_model::Role::Task {
        let _ = writeln!(text, "  role: {}", report.role.as_str());
    }
    if report.optional {
        let _ = writeln!(text, "  optional");
    }
    if !report.context.is_empty() {
        let _ = writeln!(text, "  in: {}", report.context.join(" › "));
    }
    for file in &report.files {
        let _ = writeln!(text, "  files: {file}");
    }
    for check in &report.verification {
        let _ = writeln!(text, "  verify: {check}");
    }
    if !report.dependencies.is_empty() {
        let _ = writeln!(text, "  after: {}", report.dependencies.join(", "));
    }
    if !report.requirements.is_empty() {
        let _ = writeln!(text, "  requirements: {}", report.requirements.join(", "));
    }
    for open in &report.open {
        let _ = writeln!(text, "  open: {}  [{}]", open.title, open.id);
    }
    text
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

/// `path:line: what [id] title`, one line per change (`: STATUS` after a step's or
/// phase's).
fn change_lines(path: &str, changes: &[work::Change]) -> String {
    let mut lines = String::new();
    for change in changes {
        let _ = write!(lines, "{path}:{}: {} ", change.line, change.what);
        match &change.status {
            Some(status) => {
                let _ = writeln!(lines, "{} [{}]: {status}", change.title, change.id);
            }
            None => {
                let _ = writeln!(lines, "[{}] {}", change.id, change.title);
            }
        }
    }
    lines
}

/// `plan check` (`checked`) and `plan uncheck`.
pub(crate) fn check(
    reporter: &Reporter,
    args: &CheckArgs,
    checked: bool,
) -> Result<Status, Failure> {
    let changes = edit_in_place(&args.input, args.dry_run, |doc| {
        work::check(doc, &args.tasks, checked)
    })?;
    if !reporter.quiet() {
        crate::report::eprint(&change_lines(&display(&args.input), &changes));
    }
    Ok(Status::Success)
}

/// `plan set-status`.
pub(crate) fn set_status(reporter: &Reporter, args: &SetStatusArgs) -> Result<Status, Failure> {
    let status = read_status(&args.status).map_err(Failure::usage)?;
    let change = edit_in_place(&args.input, args.dry_run, |doc| {
        let section = doc.find_section(&args.phase)?;
        Ok::<_, plan_doc::AddressError>(work::set_status(doc, section, status))
    })?;
    if !reporter.quiet() {
        crate::report::eprint(&change_lines(&display(&args.input), &[change]));
    }
    Ok(Status::Success)
}

/// The status `text` names, or why it names none.
pub(crate) fn read_status(text: &str) -> Result<plan_model::Status, String> {
    plan_doc::read_status(text).ok_or_else(|| {
        let names: Vec<&str> = plan_model::Status::ALL
            .iter()
            .map(|status| status.as_str())
            .collect();
        format!(
            "`{text}` is not a status; expected one of {}",
            names.join(", ")
        )
    })
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
