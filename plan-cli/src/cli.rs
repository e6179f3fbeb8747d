//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use plan_model::Kind;

const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  the input has errors (an invalid plan; `fmt --check` found files to reformat)
  2  usage or I/O failure (a missing, unreadable, binary or non-UTF-8 file; a write that failed)

A file is never overwritten or truncated on failure: output is written to a temporary file
beside the target and renamed into place only once it is complete. Edits of one file by
several processes at once are applied one after another under a lock, each to the file as
the one before left it, so none is lost.";

const LINT_CODES: &str = "\
Lints (each a warning; `--fix` applies the fixes marked *):
  L001  an unfilled template placeholder: [Feature Name], YYYY-MM-DD, {{CURRENT_DATE}}
  L002  a phase marked complete with unchecked tasks
  L003  a phase whose tasks are all checked, not marked complete (*: marks it complete)
  L004  two tasks with the same id
  L005  a dependency on a step, phase or task the plan does not have
  L006  a dependency on a later step, or on itself
  L007  a start date after the target date
  L008  a date that is not a date
  L009  a section with nothing in it
  L010  text decoded with the wrong encoding (*: repairs it)

Exit status: 0 no findings, 1 findings, 2 usage or I/O failure.";

/// The `plan` command: implementation plans between markdown and JSON.
#[derive(Debug, Parser)]
#[command(
    name = "plan",
    version,
    about = "Parse, render, convert, detect, validate and format implementation plans",
    long_about = "Parse, render, convert, detect, validate and format implementation plans: \
                  the markdown documents people and agents write before they build something. \
                  FILE may be `-` for standard input; output goes to standard output unless \
                  `-o` is given.",
    after_help = EXIT_STATUS,
    propagate_version = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour diagnostics (`auto`: on a terminal, and never when NO_COLOR is set).
    #[arg(long, value_enum, global = true, default_value_t = Colour::Auto)]
    pub color: Colour,
    /// How to print diagnostics: for people, or one JSON object per line for tools.
    #[arg(long, value_enum, global = true, default_value_t = DiagnosticFormat::Human)]
    pub diagnostics: DiagnosticFormat,
    /// Print errors only: no warnings, no summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print informational diagnostics too.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// How long a write waits for another `plan` process editing the same file, in
    /// seconds; then it fails (exit 2) and leaves the file as it is.
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        env = plan_doc::file::LOCK_TIMEOUT_ENV,
        default_value_t = 10.0,
        value_parser = seconds
    )]
    pub lock_timeout: f64,
}

/// A number of seconds: finite, not negative.
fn seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if (0.0..1e9).contains(&seconds) => Ok(seconds),
        _ => Err(format!("`{text}` is not a number of seconds")),
    }
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Markdown to JSON (pretty unless --compact); diagnostics on stderr.
    #[command(after_help = EXIT_STATUS)]
    Parse(ParseArgs),
    /// JSON to markdown, in the template's layout.
    #[command(after_help = EXIT_STATUS)]
    Render(RenderArgs),
    /// Markdown to JSON or JSON to markdown, the direction taken from the extensions.
    #[command(after_help = EXIT_STATUS)]
    Convert(ConvertArgs),
    /// Which template each plan follows: kind, confidence and the evidence found.
    #[command(after_help = EXIT_STATUS)]
    Detect(DetectArgs),
    /// Check markdown or JSON plans; exits 1 when any has an error.
    #[command(after_help = EXIT_STATUS)]
    Validate(ValidateArgs),
    /// Print the JSON Schema of a kind, or of any plan.
    Schema(SchemaArgs),
    /// A fresh plan in a kind's layout, ready to fill in.
    #[command(after_help = EXIT_STATUS)]
    New(NewArgs),
    /// Rewrite markdown plans in their template's canonical layout.
    #[command(after_help = EXIT_STATUS)]
    Fmt(FmtArgs),
    /// Progress per phase and overall, statuses and dates.
    #[command(after_help = EXIT_STATUS)]
    Status(StatusArgs),
    /// The first unchecked task whose dependencies are met, with its context.
    #[command(after_help = EXIT_STATUS)]
    Next(NextArgs),
    /// Tick tasks' boxes in place; only their lines change.
    #[command(after_help = EXIT_STATUS)]
    Check(CheckArgs),
    /// Clear tasks' boxes in place; only their lines change.
    #[command(after_help = EXIT_STATUS)]
    Uncheck(CheckArgs),
    /// Set a phase's or step's status in place, in the notation the file uses.
    #[command(after_help = EXIT_STATUS)]
    SetStatus(SetStatusArgs),
    /// Semantic checks with positions: placeholders, statuses that disagree with their
    /// boxes, duplicate ids, dependencies, dates, empty sections, mojibake. Exits 1 on any
    /// finding.
    #[command(after_help = LINT_CODES)]
    Lint(LintArgs),
    /// Repair text decoded with the wrong encoding (`üîç` for `🔍`) and bytes that are not
    /// UTF-8, in place.
    #[command(after_help = EXIT_STATUS)]
    FixEncoding(FixEncodingArgs),
    /// Serve the plans under a root to agents over the Model Context Protocol (stdio):
    /// read, status, next, check, set status, add tasks, lint, validate, schemas.
    Mcp(McpArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Where the output of a one-file verb goes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write here instead of standard output (for a directory input: the output directory).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write the output over the input file (needed to name the input as the output).
    #[arg(long, conflicts_with = "output")]
    pub in_place: bool,
}

/// `plan parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// A markdown plan, `-` for standard input, or a directory (with `-o OUTDIR`).
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// Read as this kind instead of the detected one.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// One line of JSON instead of pretty JSON.
    #[arg(long)]
    pub compact: bool,
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened: its fields carry the docs")]
    pub output: OutputArgs,
}

/// `plan render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A JSON plan, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// The JSON is a model's answer in its kind's LLM profile (`plan schema KIND --llm`):
    /// `null` for absent values, `{key, value}` pair arrays for maps. Without the flag, a
    /// document that fits only the profile is read as one, with a note saying so.
    #[arg(long)]
    pub llm: bool,
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened: its fields carry the docs")]
    pub output: OutputArgs,
}

/// `plan convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// A `.md` or `.json` plan, `-` for standard input, or a directory of them.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The output file (its extension picks the format), `-` for standard output, or a
    /// directory when IN is one. Needed unless `--to` names a kind (then standard output).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The output format, when OUT's extension does not tell it; or a kind, to move the
    /// plan into that template's layout (every word kept; what has no home in the kind
    /// goes under a closing notes section).
    #[arg(long, value_enum)]
    pub to: Option<ToArg>,
    /// Allow OUT to be IN.
    #[arg(long)]
    pub in_place: bool,
}

/// `plan detect`.
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Markdown plans, `-` for standard input, or directories.
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// One JSON object per file instead of a line of text.
    #[arg(long)]
    pub json: bool,
}

/// `plan validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Markdown (`.md`) or JSON (`.json`) plans, `-` for standard input, or directories.
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// JSON plans are checked against their kind's LLM profile (`plan schema KIND --llm`).
    #[arg(long)]
    pub llm: bool,
}

/// `plan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The kind; without it, the schema of any plan.
    #[arg(value_enum)]
    pub kind: Option<KindArg>,
    /// The LLM structured-output profile of the kind (needs KIND).
    #[arg(long, requires = "kind")]
    pub llm: bool,
}

/// `plan new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The kind of plan.
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The plan's title, in place of the template's placeholder.
    #[arg(long)]
    pub title: Option<String>,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace OUTPUT when it exists.
    #[arg(long)]
    pub force: bool,
}

/// `plan fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Markdown plans, `-` (formatted to standard output), or directories.
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any would.
    #[arg(long)]
    pub check: bool,
}

/// `plan status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A markdown plan, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// JSON: the totals, every section with tasks, and every task with the `id` that
    /// `plan check` accepts.
    #[arg(long)]
    pub json: bool,
}

/// `plan next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    /// A markdown plan, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// JSON: the task, its section, files and verification commands (`null` when every
    /// task is done; with `--all`, an array).
    #[arg(long)]
    pub json: bool,
    /// Every task that can start now: with the next task marked `[P]` (spec-kit), the
    /// other open `[P]` tasks of its section whose dependencies are met.
    #[arg(long)]
    pub all: bool,
    /// Offer optional tasks too (Kiro's `- [ ]*`), which are passed over otherwise.
    #[arg(long)]
    pub optional: bool,
}

/// `plan check` and `plan uncheck`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A markdown plan (`-`: read standard input, write the result to standard output).
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// Tasks by id (`T001`, `Task 1.2`), by path (`phase-2/3`, as `plan status --json`
    /// lists them), or by words of their title.
    #[arg(value_name = "TASK", required = true)]
    pub tasks: Vec<String>,
    /// Print the result to standard output instead of writing the file.
    #[arg(long)]
    pub dry_run: bool,
}

/// `plan set-status`.
#[derive(Debug, Args)]
pub struct SetStatusArgs {
    /// A markdown plan (`-`: read standard input, write the result to standard output).
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// The phase or step: its path (`phase-2`, `step-1.1`), its number (`2`), or words of
    /// its title.
    #[arg(value_name = "PHASE")]
    pub phase: String,
    /// The status: `complete`, `in progress`, `not started`, `blocked`, `on hold`,
    /// `cancelled`, … (`✅ Complete` works too).
    #[arg(value_name = "STATUS")]
    pub status: String,
    /// Print the result to standard output instead of writing the file.
    #[arg(long)]
    pub dry_run: bool,
}

/// `plan lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Markdown plans, `-` for standard input, or directories.
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Apply the mechanical fixes (L003, L010) in place (`-`: print the result).
    #[arg(long)]
    pub fix: bool,
}

/// `plan fix-encoding`.
#[derive(Debug, Args)]
pub struct FixEncodingArgs {
    /// Markdown plans (`-`: read standard input, write the result to standard output).
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write nothing; list what would be repaired and exit 1 if anything would.
    #[arg(long, conflicts_with = "dry_run")]
    pub check: bool,
    /// Print the repaired text to standard output instead of writing the file.
    #[arg(long)]
    pub dry_run: bool,
}

/// `plan mcp`.
#[derive(Debug, Args)]
pub struct McpArgs {
    /// The directory whose plans the server serves; it reads and writes nothing outside
    /// it. The working directory when absent.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// `plan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// When to colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// `path:line:column`, the source line and a caret, the reason, a help line.
    Human,
    /// One JSON object per line.
    Json,
}

/// What `plan convert --to` converts to: a format, or a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ToArg {
    /// Markdown.
    Md,
    /// JSON.
    Json,
    /// The `atomic` layout.
    Atomic,
    /// The `feature` layout.
    Feature,
    /// The `poc` layout.
    Poc,
    /// The `stepwise` layout.
    Stepwise,
    /// The `scoped` layout.
    Scoped,
    /// `generic`: the plan as it is.
    Generic,
}

impl ToArg {
    /// The format, when it names one.
    pub fn format(self) -> Option<FormatArg> {
        match self {
            ToArg::Md => Some(FormatArg::Md),
            ToArg::Json => Some(FormatArg::Json),
            _ => None,
        }
    }

    /// The kind, when it names one.
    pub fn kind(self) -> Option<Kind> {
        Some(match self {
            ToArg::Md | ToArg::Json => return None,
            ToArg::Atomic => Kind::Atomic,
            ToArg::Feature => Kind::Feature,
            ToArg::Poc => Kind::Poc,
            ToArg::Stepwise => Kind::Stepwise,
            ToArg::Scoped => Kind::Scoped,
            ToArg::Generic => Kind::Generic,
        })
    }
}

/// A plan format on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// A kind on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// `atomic`: one next atomic step at a time.
    Atomic,
    /// `feature`: phases, tasks, risks, sign-off.
    Feature,
    /// `poc`: a proof of concept in steps.
    Poc,
    /// `stepwise`: numbered steps with verification.
    Stepwise,
    /// `scoped`: scope, what is not done, phases with success criteria.
    Scoped,
    /// `generic`: any plan with headings and checkboxes.
    Generic,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Atomic => Kind::Atomic,
            KindArg::Feature => Kind::Feature,
            KindArg::Poc => Kind::Poc,
            KindArg::Stepwise => Kind::Stepwise,
            KindArg::Scoped => Kind::Scoped,
            KindArg::Generic => Kind::Generic,
        }
    }
}
