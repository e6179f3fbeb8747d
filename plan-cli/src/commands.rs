//! The verbs. Each reads, calls the library crates, and writes; none holds plan logic.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use plan_model::{Kind, Plan};
use plan_parse::Severity;

use crate::batch::{self, JSON, MARKDOWN, Outcome};
use crate::cli::{
    Cli, Command, ConvertArgs, DetectArgs, FmtArgs, FormatArg, LintArgs, NewArgs, ParseArgs,
    RenderArgs, SchemaArgs, ValidateArgs,
};
use crate::edit;
use crate::io::{self, Failure, Target, display, is_stdio};
use crate::report::{Reporter, eprint};
use crate::{Formatted, Status};

/// Runs the verb `cli` names.
pub(crate) fn run(cli: &Cli) -> Status {
    let reporter = Reporter::new(cli);
    io::set_lock_timeout(cli.lock_timeout);
    let result = match &cli.command {
        Command::Parse(args) => parse(&reporter, args),
        Command::Render(args) => render(&reporter, args),
        Command::Convert(args) => convert(&reporter, args),
        Command::Detect(args) => detect(&reporter, args),
        Command::Validate(args) => validate(&reporter, args),
        Command::Schema(args) => schema(args),
        Command::New(args) => new(args),
        Command::Fmt(args) => fmt(&reporter, args),
        Command::Status(args) => edit::status(args),
        Command::Next(args) => edit::next(args),
        Command::Check(args) => edit::check(&reporter, args, true),
        Command::Uncheck(args) => edit::check(&reporter, args, false),
        Command::SetStatus(args) => edit::set_status(&reporter, args),
        Command::Lint(args) => lint(&reporter, args),
        Command::FixEncoding(args) => edit::fix_encoding(&reporter, args),
        Command::Mcp(args) => crate::mcp::serve(&args.root).map(|()| Status::Success),
        Command::Completions(args) => {
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "plan", &mut script);
            io::write_stdout(&script).map(|()| Status::Success)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|error| Failure::usage(format!("cannot render the man page: {error}")))
                .and_then(|()| io::write_stdout(&page))
                .map(|()| Status::Success)
        }
    };
    result.unwrap_or_else(|failure| {
        eprint(&reporter.failure(&failure));
        Status::Failure
    })
}

/// A plan as the JSON the verbs write: pretty or on one line, ending in a newline.
fn to_json(plan: &Plan, compact: bool) -> String {
    let mut text = if compact {
        serde_json::to_string(plan)
    } else {
        serde_json::to_string_pretty(plan)
    }
    .unwrap_or_else(|error| unreachable!("a plan always serializes: {error}"));
    text.push('\n');
    text
}

/// Reads a markdown plan as JSON: the JSON, and the outcome without its write.
fn markdown_to_json(
    reporter: &Reporter,
    input: &Path,
    kind: Option<Kind>,
    compact: bool,
) -> Result<(String, Outcome), Failure> {
    let src = io::read_text(input)?;
    let parsed = match kind {
        Some(kind) => plan_doc::parse_as(kind, &src),
        None => plan_doc::parse(&src),
    };
    let outcome = parsed_outcome(reporter, input, &src, &parsed);
    Ok((to_json(&parsed.plan, compact), outcome))
}

/// The outcome of reading `src` from `input` as `parsed`: its kind and diagnostics.
fn parsed_outcome(
    reporter: &Reporter,
    input: &Path,
    src: &str,
    parsed: &plan_parse::Parsed,
) -> Outcome {
    let count = |severity| {
        parsed
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    let errors = count(Severity::Error);
    Outcome {
        status: if errors > 0 {
            Status::Invalid
        } else {
            Status::Success
        },
        report: reporter.diagnostics(&display(input), src, &parsed.diagnostics),
        kind: Some(parsed.plan.kind()),
        warnings: count(Severity::Warning),
        errors,
        changed: false,
    }
}

/// Reads a JSON plan and renders it: the markdown, or the outcome that says why not.
/// With `llm`, the JSON is read in its kind's LLM profile; without it, a document that
/// fits only the profile is read as one, with a note on standard error.
fn json_to_markdown(
    reporter: &Reporter,
    input: &Path,
    llm: bool,
) -> Result<(String, Outcome), Failure> {
    let text = io::read_text(input)?;
    let read = if llm {
        plan_schema::validate_llm_str(&text)
    } else {
        plan_schema::validate_str(&text).or_else(|errors| {
            let plan = plan_schema::validate_llm_str(&text).map_err(|_| errors)?;
            if !reporter.quiet() {
                eprint(&reporter.note(&format!(
                    "{}: read as the LLM profile (`null` for absent values); --llm says so",
                    display(input)
                )));
            }
            Ok(plan)
        })
    };
    match read {
        Ok(plan) => {
            let outcome = Outcome {
                kind: Some(plan.kind()),
                ..Outcome::default()
            };
            Ok((plan_render::render(&plan), outcome))
        }
        Err(errors) => Ok((
            String::new(),
            Outcome {
                status: Status::Invalid,
                report: reporter.diagnostics(&display(input), &text, &errors),
                errors: errors.len(),
                ..Outcome::default()
            },
        )),
    }
}

/// Where a one-file verb writes: `--in-place` is the input, else `-o` or standard output.
fn target(input: &Path, output: Option<&Path>, in_place: bool) -> Result<Target, Failure> {
    if in_place {
        if is_stdio(input) {
            return Err(Failure::usage(
                "--in-place needs a file to write over, not standard input",
            ));
        }
        return Ok(Target::File(input.to_owned()));
    }
    let target = Target::from_option(output);
    io::guard_input(input, &target, false)?;
    Ok(target)
}

/// Prints one file's outcome (diagnostics on stderr) and writes `output` unless the plan
/// was invalid.
fn finish_one(outcome: Outcome, output: &str, target: &Target) -> Result<Status, Failure> {
    eprint(&outcome.report);
    if outcome.status == Status::Success {
        target.write(output.as_bytes())?;
    }
    Ok(outcome.status)
}

/// A directory run: the report of each file in path order, then the summary, on stderr
/// (or stdout for `validate`); the worst status.
fn finish_many(
    reporter: &Reporter,
    verb: &str,
    outcomes: &[Outcome],
    to_stdout: bool,
) -> Result<Status, Failure> {
    let mut text = reports(outcomes);
    text.push_str(&reporter.note(&batch::tally(outcomes).summary(verb)));
    emit(&text, to_stdout)?;
    Ok(worst(outcomes))
}

/// The reports of `outcomes`, in order.
fn reports(outcomes: &[Outcome]) -> String {
    outcomes
        .iter()
        .map(|outcome| outcome.report.as_str())
        .collect()
}

/// The worst status among `outcomes` (success when there are none).
fn worst(outcomes: &[Outcome]) -> Status {
    outcomes
        .iter()
        .map(|outcome| outcome.status)
        .max()
        .unwrap_or_default()
}

/// Writes a report to standard output, or to standard error.
fn emit(text: &str, to_stdout: bool) -> Result<(), Failure> {
    if to_stdout {
        io::write_stdout(text.as_bytes())
    } else {
        eprint(text);
        Ok(())
    }
}

/// The output directory of a directory run.
fn output_directory(input: &Path, output: Option<&Path>, verb: &str) -> Result<PathBuf, Failure> {
    match output {
        Some(output) if !is_stdio(output) => {
            if output.exists() && !output.is_dir() {
                return Err(Failure::new(
                    output,
                    "is a file; the output of a directory is a directory",
                ));
            }
            Ok(output.to_owned())
        }
        _ => Err(Failure::new(
            input,
            format!("is a directory; give `-o OUTDIR` to {verb} every plan in it"),
        )),
    }
}

/// Writes `contents` to `path` in a directory run, creating its directory.
fn write_mirrored(path: &Path, contents: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| {
            Failure::new(parent, format!("cannot create the directory: {error}"))
        })?;
    }
    io::write_atomic(path, contents.as_bytes())
}

fn parse(reporter: &Reporter, args: &ParseArgs) -> Result<Status, Failure> {
    let kind = args.kind.map(Kind::from);
    if !is_stdio(&args.input) && args.input.is_dir() {
        if args.output.in_place {
            return Err(Failure::usage("--in-place needs a file, not a directory"));
        }
        let out = output_directory(&args.input, args.output.output.as_deref(), "parse")?;
        let files = batch::files_under(&args.input, MARKDOWN)?;
        let outcomes = batch::run(&files, reporter.summaries(), |file| {
            let destination = batch::mirrored(&args.input, file, &out, "json");
            match markdown_to_json(reporter, file, kind, args.compact)
                .and_then(|(json, outcome)| write_mirrored(&destination, &json).map(|()| outcome))
            {
                Ok(outcome) => outcome,
                Err(failure) => Outcome::failed(reporter.failure(&failure)),
            }
        });
        return finish_many(reporter, "parsed", &outcomes, false);
    }
    let target = target(
        &args.input,
        args.output.output.as_deref(),
        args.output.in_place,
    )?;
    let (json, outcome) = markdown_to_json(reporter, &args.input, kind, args.compact)?;
    finish_one(outcome, &json, &target)
}

fn render(reporter: &Reporter, args: &RenderArgs) -> Result<Status, Failure> {
    if !is_stdio(&args.input) && args.input.is_dir() {
        return Err(Failure::new(
            &args.input,
            "is a directory, not a file; `plan convert DIR -o OUTDIR` renders a directory",
        ));
    }
    let target = target(
        &args.input,
        args.output.output.as_deref(),
        args.output.in_place,
    )?;
    let (markdown, outcome) = json_to_markdown(reporter, &args.input, args.llm)?;
    finish_one(outcome, &markdown, &target)
}

/// The format of `path`, from its extension.
fn format_of(path: &Path) -> Option<FormatArg> {
    if batch::has_extension(path, MARKDOWN) {
        Some(FormatArg::Md)
    } else if batch::has_extension(path, JSON) {
        Some(FormatArg::Json)
    } else {
        None
    }
}

/// Converts one file to `to`: the converted text and the outcome.
fn convert_file(
    reporter: &Reporter,
    input: &Path,
    to: FormatArg,
) -> Result<(String, Outcome), Failure> {
    match to {
        FormatArg::Json => markdown_to_json(reporter, input, None, false),
        FormatArg::Md => json_to_markdown(reporter, input, false),
    }
}

/// `plan convert --to KIND`: the plan in that kind's layout, as markdown (or JSON when
/// OUT ends in `.json`).
fn convert_to_kind(reporter: &Reporter, args: &ConvertArgs, kind: Kind) -> Result<Status, Failure> {
    if !is_stdio(&args.input) && args.input.is_dir() {
        return Err(Failure::new(
            &args.input,
            "is a directory; `--to KIND` converts one plan at a time",
        ));
    }
    let markdown = if batch::has_extension(&args.input, JSON) {
        let (markdown, outcome) = json_to_markdown(reporter, &args.input, false)?;
        if outcome.status != Status::Success {
            eprint(&outcome.report);
            return Ok(outcome.status);
        }
        markdown
    } else {
        io::read_text(&args.input)?
    };
    let converted = plan_doc::convert::convert(&markdown, kind);
    let mut parsed = plan_doc::parse_as(kind, &converted);
    // The warnings would be about the converted text (sections kept verbatim in the new
    // layout, as they are meant to be); only errors are worth stopping for.
    parsed
        .diagnostics
        .retain(|diagnostic| diagnostic.severity == Severity::Error);
    let label = PathBuf::from(format!("{} (as {kind})", display(&args.input)));
    let outcome = parsed_outcome(reporter, &label, &converted, &parsed);
    let target = Target::from_option(args.output.as_deref());
    io::guard_input(&args.input, &target, args.in_place)?;
    let as_json = args
        .output
        .as_deref()
        .is_some_and(|output| batch::has_extension(output, JSON));
    let text = if as_json {
        to_json(&parsed.plan, false)
    } else {
        converted
    };
    if parsed.plan.kind() != kind && !reporter.quiet() {
        eprint(&reporter.note(&format!(
            "{}: laid out as `{kind}`; read back as `{}` (see `plan parse --kind {kind} -v`)",
            display(&args.input),
            parsed.plan.kind()
        )));
    }
    finish_one(outcome, &text, &target)
}

fn convert(reporter: &Reporter, args: &ConvertArgs) -> Result<Status, Failure> {
    if let Some(kind) = args.to.and_then(crate::cli::ToArg::kind) {
        return convert_to_kind(reporter, args, kind);
    }
    let Some(output) = args.output.as_deref() else {
        return Err(Failure::usage(
            "give the output with `-o OUT` (or a kind with `--to KIND`)",
        ));
    };
    let to_format = args.to.and_then(crate::cli::ToArg::format);
    let opposite = |format| match format {
        FormatArg::Md => FormatArg::Json,
        FormatArg::Json => FormatArg::Md,
    };
    if !is_stdio(&args.input) && args.input.is_dir() {
        let out = output_directory(&args.input, Some(output), "convert")?;
        let mut files = batch::files_under(&args.input, &["md", "markdown", "json"])?;
        files.retain(|file| !file.starts_with(&out));
        let outcomes = batch::run(&files, reporter.summaries(), |file| {
            let to =
                to_format.unwrap_or_else(|| opposite(format_of(file).unwrap_or(FormatArg::Md)));
            let extension = match to {
                FormatArg::Md => "md",
                FormatArg::Json => "json",
            };
            let destination = batch::mirrored(&args.input, file, &out, extension);
            let result = convert_file(reporter, file, to).and_then(|(text, outcome)| {
                if outcome.status == Status::Success {
                    write_mirrored(&destination, &text)?;
                }
                Ok(outcome)
            });
            result.unwrap_or_else(|failure| Outcome::failed(reporter.failure(&failure)))
        });
        return finish_many(reporter, "converted", &outcomes, false);
    }
    let from = format_of(&args.input);
    let to = match (to_format, format_of(output), from) {
        (Some(to), _, _) | (None, Some(to), _) => to,
        (None, None, Some(from)) => opposite(from),
        (None, None, None) => {
            return Err(Failure::usage(format!(
                "cannot tell which way to convert {} to {}: give `--to md` or `--to json`",
                display(&args.input),
                display(output)
            )));
        }
    };
    if from == Some(to) {
        return Err(Failure::usage(format!(
            "{} is already {}; nothing to convert (`plan fmt` formats markdown)",
            display(&args.input),
            match to {
                FormatArg::Md => "markdown",
                FormatArg::Json => "JSON",
            }
        )));
    }
    let target = Target::from_option(Some(output));
    io::guard_input(&args.input, &target, args.in_place)?;
    let (text, outcome) = convert_file(reporter, &args.input, to)?;
    finish_one(outcome, &text, &target)
}

fn detect(reporter: &Reporter, args: &DetectArgs) -> Result<Status, Failure> {
    let (files, _) = batch::expand(&args.inputs, MARKDOWN)?;
    let outcomes = batch::run(&files, false, |file| match io::read_text(file) {
        Ok(src) => {
            let detection = plan_parse::detect(&src);
            let path = display(file);
            let report = if args.json {
                let line = serde_json::json!({
                    "path": path,
                    "kind": detection.kind,
                    "confidence": (f64::from(detection.confidence) * 100.0).round() / 100.0,
                    "evidence": detection.evidence,
                });
                format!("{line}\n")
            } else if detection.evidence.is_empty() {
                format!(
                    "{path}: {} (confidence {:.2})\n",
                    detection.kind, detection.confidence
                )
            } else {
                format!(
                    "{path}: {} (confidence {:.2}): {}\n",
                    detection.kind,
                    detection.confidence,
                    detection.evidence.join(", ")
                )
            };
            Outcome {
                report,
                kind: Some(detection.kind),
                ..Outcome::default()
            }
        }
        Err(failure) => Outcome::failed(reporter.failure(&failure)),
    });
    let mut worst = Status::Success;
    for outcome in &outcomes {
        if outcome.status == Status::Failure {
            eprint(&outcome.report);
        } else {
            io::write_stdout(outcome.report.as_bytes())?;
        }
        worst = worst.max(outcome.status);
    }
    Ok(worst)
}

/// `plan lint`: the findings of each file; with `--fix`, the mechanical fixes first.
fn lint(reporter: &Reporter, args: &LintArgs) -> Result<Status, Failure> {
    let (files, any_directory) = batch::expand(&args.inputs, &["md", "markdown"])?;
    let lint_one = |file: &Path| -> Result<Outcome, Failure> {
        let (doc, fixed) = if args.fix && !is_stdio(file) {
            plan_doc::edit_file(file, io::options(), |doc| {
                let fixed = plan_doc::lint::fix(doc);
                Ok::<_, std::convert::Infallible>((doc.clone(), fixed))
            })?
        } else {
            let mut doc = plan_doc::Document::new(io::read_text(file)?);
            let fixed = if args.fix {
                let fixed = plan_doc::lint::fix(&mut doc);
                io::write_stdout(doc.source().as_bytes())?;
                fixed
            } else {
                Vec::new()
            };
            (doc, fixed)
        };
        let findings = plan_doc::lint::lint(&doc);
        let mut report = String::new();
        for finding in &fixed {
            report.push_str(&reporter.note(&format!(
                "{}: fixed {}: {}",
                display(file),
                finding.code,
                finding.message
            )));
        }
        report.push_str(&reporter.diagnostics(&display(file), doc.source(), &findings));
        Ok(Outcome {
            status: if findings.is_empty() {
                Status::Success
            } else {
                Status::Invalid
            },
            report,
            kind: None,
            warnings: findings.len(),
            errors: 0,
            changed: !fixed.is_empty(),
        })
    };
    let outcomes = batch::run(&files, reporter.summaries(), |file| {
        lint_one(file).unwrap_or_else(|failure| Outcome::failed(reporter.failure(&failure)))
    });
    if any_directory || files.len() > 1 {
        return finish_many(reporter, "linted", &outcomes, false);
    }
    emit(&reports(&outcomes), false)?;
    Ok(worst(&outcomes))
}

fn validate(reporter: &Reporter, args: &ValidateArgs) -> Result<Status, Failure> {
    let (files, any_directory) = batch::expand(&args.inputs, &["md", "markdown", "json"])?;
    let outcomes = batch::run(&files, reporter.summaries(), |file| {
        let result = if batch::has_extension(file, JSON) {
            json_to_markdown(reporter, file, args.llm).map(|(_, outcome)| outcome)
        } else {
            io::read_text(file).map(|src| {
                let parsed = plan_doc::parse(&src);
                parsed_outcome(reporter, file, &src, &parsed)
            })
        };
        result.unwrap_or_else(|failure| Outcome::failed(reporter.failure(&failure)))
    });
    if any_directory || files.len() > 1 {
        return finish_many(reporter, "validated", &outcomes, true);
    }
    emit(&reports(&outcomes), true)?;
    Ok(worst(&outcomes))
}

fn schema(args: &SchemaArgs) -> Result<Status, Failure> {
    let kind = args.kind.map(Kind::from);
    let schema = match kind {
        Some(kind) if args.llm => plan_schema::llm_schema_for(kind),
        Some(kind) => plan_schema::schema_for(kind),
        None => plan_schema::schema_for_any(),
    };
    let mut text = serde_json::to_string_pretty(&schema)
        .unwrap_or_else(|error| unreachable!("a schema always serializes: {error}"));
    text.push('\n');
    io::write_stdout(text.as_bytes())?;
    Ok(Status::Success)
}

/// A fresh plan of `kind`: the template, titled, its mis-decoded emoji and symbols
/// repaired.
pub(crate) fn new_plan_text(kind: Kind, title: Option<&str>) -> String {
    let mut plan = plan_model::template::plan(kind);
    if let Some(title) = title {
        plan.set_title(title.trim());
    }
    // The templates carry emoji and symbols mis-decoded as Mac Roman (`‚úÖ` for `✅`): a
    // fresh plan starts with them repaired.
    plan_doc::encoding::repair_text(&plan_render::render(&plan)).0
}

fn new(args: &NewArgs) -> Result<Status, Failure> {
    let contents = new_plan_text(args.kind.into(), args.title.as_deref());
    match Target::from_option(args.output.as_deref()) {
        Target::File(path) if !args.force => io::create(&path, contents.as_bytes())?,
        target => target.write(contents.as_bytes())?,
    }
    Ok(Status::Success)
}

/// What `fmt` says of a file it leaves alone because formatting would move `word`.
fn would_move(path: &str, word: &str) -> String {
    format!(
        "{path}: left as it is: the canonical layout would move its text (from `{word}` on), \
         since sections the typed reader keeps as written are rendered after the ones it knows\n"
    )
}

fn fmt(reporter: &Reporter, args: &FmtArgs) -> Result<Status, Failure> {
    let (files, any_directory) = batch::expand(&args.inputs, MARKDOWN)?;
    if files.iter().any(|file| is_stdio(file)) {
        if files.len() > 1 {
            return Err(Failure::usage(
                "`-` (standard input) cannot be formatted together with files",
            ));
        }
        let src = io::read_text(Path::new("-"))?;
        return match crate::format(&src) {
            Formatted::Unchanged => {
                if !args.check {
                    io::write_stdout(src.as_bytes())?;
                }
                Ok(Status::Success)
            }
            Formatted::Changed(_) if args.check => {
                io::write_stdout(b"<stdin> would be reformatted\n")?;
                Ok(Status::Invalid)
            }
            Formatted::Changed(formatted) => {
                io::write_stdout(formatted.as_bytes())?;
                Ok(Status::Success)
            }
            Formatted::WouldMove(word) => {
                let warning = if reporter.quiet() {
                    String::new()
                } else {
                    would_move("<stdin>", &word)
                };
                if args.check {
                    io::write_stdout(warning.as_bytes())?;
                } else {
                    eprint(&warning);
                    io::write_stdout(src.as_bytes())?;
                }
                Ok(Status::Success)
            }
        };
    }
    let outcomes = batch::run(&files, reporter.summaries(), |file| {
        let path = display(file);
        let format_one = |src: &str| {
            let mut outcome = Outcome::default();
            let mut contents = None;
            match crate::format(src) {
                Formatted::Unchanged => {}
                Formatted::Changed(formatted) => {
                    outcome.changed = true;
                    if args.check {
                        outcome.status = Status::Invalid;
                        outcome.report = format!("{path} would be reformatted\n");
                    } else {
                        contents = Some(formatted.into_bytes());
                        outcome.report = reporter.note(&format!("formatted {path}"));
                    }
                }
                Formatted::WouldMove(word) => {
                    outcome.warnings = 1;
                    if !reporter.quiet() {
                        outcome.report = would_move(&path, &word);
                    }
                }
            }
            Ok::<_, std::convert::Infallible>(plan_doc::file::Edit {
                value: outcome,
                contents,
            })
        };
        let result = if args.check {
            io::read_text(file).map(|src| match format_one(&src) {
                Ok(edit) => edit.value,
            })
        } else {
            plan_doc::file::edit_text(file, io::options(), format_one).map_err(Failure::from)
        };
        result.unwrap_or_else(|failure| Outcome::failed(reporter.failure(&failure)))
    });
    let tally = batch::tally(&outcomes);
    let mut text = reports(&outcomes);
    if any_directory || files.len() > 1 {
        let (verb, changed) = if args.check {
            ("checked", "would be reformatted")
        } else {
            ("formatted", "reformatted")
        };
        text.push_str(&reporter.note(&format!(
            "{verb} {} file{}: {} {changed}, {} left as they are, {} failed",
            tally.files,
            if tally.files == 1 { "" } else { "s" },
            tally.changed,
            tally.warnings,
            tally.failures
        )));
    }
    emit(&text, args.check)?;
    Ok(worst(&outcomes))
}
