//! `plan mcp`: the library's powers as a Model Context Protocol server on standard input
//! and output, built on the official Rust SDK (`rmcp`).
//!
//! Every path a client names is resolved inside the root: a `..`, an absolute path
//! elsewhere or a symbolic link that leads out is refused before anything is read. A
//! failure (an address that names nothing, a file that is not UTF-8, a locked file, bad
//! arguments, an unknown tool) is a tool result with `isError` and the message the CLI
//! prints; the server goes on serving. Edits go through the library's safe write path
//! (`plan_doc::edit_file`), so clients working on one plan at once lose nothing.

use std::path::{Component, Path, PathBuf};

use plan_doc::{Document, NextOptions};
use plan_model::{Kind, RoleProgress};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListResourcesResult, ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams,
    ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, ServerCapabilities,
    ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::io::{self, Failure};
use crate::report::DiagnosticReport;
use crate::work::{self, Change, NextReport, StatusReport};

/// The largest plan the server reads: bigger files are refused, not read.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The URI scheme of plans as resources: `plan://RELATIVE/PATH`.
const PLAN_SCHEME: &str = "plan://";
/// The URI scheme of the schemas: `plan-schema://KIND` (`plan-schema://plan` for any plan).
const SCHEMA_SCHEME: &str = "plan-schema://";

/// Serves MCP on standard input and output until the client closes them.
pub(crate) fn serve(root: &Path) -> Result<(), Failure> {
    let root = root
        .canonicalize()
        .map_err(|error| Failure::new(root, format!("cannot open the root: {error}")))?;
    if !root.is_dir() {
        return Err(Failure::new(&root, "the root is not a directory"));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::usage(format!("cannot start the server: {error}")))?;
    runtime.block_on(async move {
        let service = PlanServer::new(root)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|error| Failure::usage(format!("the MCP session did not start: {error}")))?;
        service
            .waiting()
            .await
            .map_err(|error| Failure::usage(format!("the MCP session failed: {error}")))?;
        Ok(())
    })
}

/// The server: a root and the tools.
#[derive(Clone)]
pub(crate) struct PlanServer {
    root: PathBuf,
    tool_router: ToolRouter<Self>,
}

/// A plan, by its path under the root.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PathArgs {
    /// The plan's path, relative to the root (or absolute, inside it).
    path: String,
}

/// `list_plans`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListArgs {
    /// A directory under the root to list; the root when absent.
    dir: Option<String>,
}

/// `next_task`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NextArgs {
    /// The plan's path.
    path: String,
    /// Every unit that can start now, not only the first.
    all: Option<bool>,
    /// Offer Kiro's optional tasks (`- [ ]*`) too.
    optional: Option<bool>,
}

/// `check_tasks` and `uncheck_tasks`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TasksArgs {
    /// The plan's path.
    path: String,
    /// Tasks by id (`T001`, `Task 1.2`), path (`phase-2/3`) or words of their title; a
    /// step's or phase's address (`step-1.1`) sets its status.
    tasks: Vec<String>,
}

/// `set_status`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetStatusArgs {
    /// The plan's path.
    path: String,
    /// The section: its path (`phase-2`), number (`2`) or title words.
    section: String,
    /// The status: `not started`, `in progress`, `complete`, `blocked`, ...
    status: String,
}

/// `add_task`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddTaskArgs {
    /// The plan's path.
    path: String,
    /// The section to add it to.
    section: String,
    /// The task's text.
    text: String,
}

/// `validate_plan`: a plan's path (markdown or JSON), or a JSON plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ValidateArgs {
    /// A plan's path, markdown (`.md`) or JSON (`.json`).
    path: Option<String>,
    /// A JSON plan, in place of a path.
    json: Option<serde_json::Value>,
}

/// `plan_schema`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SchemaArgs {
    /// `atomic`, `feature`, `poc`, `stepwise`, `scoped` or `generic`; any plan when absent.
    kind: Option<String>,
    /// The kind's LLM profile (every field required, `null` for absent).
    llm: Option<bool>,
}

/// `new_plan`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewArgs {
    /// The kind of plan.
    kind: String,
    /// The plan's title.
    title: String,
    /// Where to write it, under the root; an existing file is never replaced.
    path: String,
}

/// A plan under the root.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PlanSummary {
    /// Its path, relative to the root.
    path: String,
    /// The kind it is detected as.
    kind: String,
    /// Its title.
    title: String,
    /// Its boxes by role.
    roles: RoleProgress,
}

/// `list_plans`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PlanList {
    /// The plans (`*.md`) under the directory, hidden ones aside; files that do not read
    /// as text are left out.
    plans: Vec<PlanSummary>,
}

/// `read_plan`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ReadPlan {
    /// The typed JSON of the plan, as `plan parse` prints it.
    plan: plan_model::Plan,
    /// What the parser has to say about it.
    diagnostics: Vec<DiagnosticReport>,
}

/// `next_task`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct NextUnits {
    /// The units that can start now (one unless `all`); empty when none can.
    next: Vec<NextReport>,
}

/// `check_tasks`, `uncheck_tasks`, `set_status`, `add_task`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Edited {
    /// The plan's path, as given.
    path: String,
    /// What changed, line by line.
    changes: Vec<Change>,
}

/// `lint_plan` and `validate_plan`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Findings {
    /// Whether no finding is an error (for `lint_plan`: whether there is none).
    valid: bool,
    /// The findings.
    diagnostics: Vec<DiagnosticReport>,
}

/// `plan_schema`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SchemaOutput {
    /// The JSON Schema (draft 2020-12).
    schema: serde_json::Value,
}

/// `new_plan`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Created {
    /// The new plan's path, as given.
    path: String,
    /// Its kind.
    kind: String,
}

impl PlanServer {
    fn new(root: PathBuf) -> Self {
        PlanServer {
            root,
            tool_router: Self::tool_router(),
        }
    }

    /// `path` inside the root: no `..`, and what it names (symbolic links followed) must be
    /// in the root. `existing`: it must exist; else its directory must, and it must not.
    fn resolve(&self, path: &str, existing: bool) -> Result<PathBuf, String> {
        let given = Path::new(path);
        if path.is_empty() {
            return Err("a path is needed".to_owned());
        }
        if given.components().any(|part| part == Component::ParentDir) {
            return Err(format!("{path}: outside the root: `..` is not allowed"));
        }
        let joined = if given.is_absolute() {
            given.to_path_buf()
        } else {
            self.root.join(given)
        };
        let inside = |real: &Path| real.starts_with(&self.root);
        if existing {
            let real = joined
                .canonicalize()
                .map_err(|error| format!("{path}: {}", io_cause(&error)))?;
            if !inside(&real) {
                return Err(format!("{path}: outside the root {}", self.root.display()));
            }
            return Ok(real);
        }
        let (Some(parent), Some(name)) = (joined.parent(), joined.file_name()) else {
            return Err(format!("{path}: not a file's path"));
        };
        let parent = parent
            .canonicalize()
            .map_err(|error| format!("{path}: {}", io_cause(&error)))?;
        if !inside(&parent) {
            return Err(format!("{path}: outside the root {}", self.root.display()));
        }
        Ok(parent.join(name))
    }

    /// The plan at `path`: inside the root, and at most [`MAX_BYTES`] long.
    fn plan_path(&self, path: &str) -> Result<PathBuf, String> {
        let real = self.resolve(path, true)?;
        let size = std::fs::metadata(&real)
            .map_err(|error| format!("{path}: {}", io_cause(&error)))?
            .len();
        if size > MAX_BYTES {
            return Err(format!(
                "{path}: {size} bytes; plans larger than {MAX_BYTES} bytes are not read"
            ));
        }
        Ok(real)
    }

    /// The text of the plan at `path` (inside the root, at most [`MAX_BYTES`], UTF-8).
    fn read(&self, path: &str) -> Result<(PathBuf, String), String> {
        let real = self.plan_path(path)?;
        let text = plan_doc::file::read_text(&real)
            .map_err(|error| Failure::from(error).cause)
            .map_err(|cause| format!("{path}: {cause}"))?;
        Ok((real, text))
    }

    /// Edits the plan at `path` through the safe write path.
    fn edit<T, E: std::fmt::Display>(
        &self,
        path: &str,
        edit: impl FnMut(&mut Document) -> Result<T, E>,
    ) -> Result<T, String> {
        // The safe write path reads the text inside its lock (and refuses what is not
        // UTF-8); the size is checked before.
        let real = self.plan_path(path)?;
        plan_doc::edit_file(&real, io::options(), edit)
            .map_err(|error| format!("{path}: {}", Failure::from(error).cause))
    }

    /// `check_tasks` (`checked`) and `uncheck_tasks`.
    fn tick(&self, args: TasksArgs, checked: bool) -> Result<Json<Edited>, String> {
        let changes = self.edit(&args.path, |doc| work::check(doc, &args.tasks, checked))?;
        Ok(Json(Edited {
            path: args.path,
            changes,
        }))
    }
}

/// An I/O error's cause, as the CLI says it.
fn io_cause(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// `kind` as a [`Kind`], or why not.
fn kind_of(kind: &str) -> Result<Kind, String> {
    kind.parse::<Kind>().map_err(|error| error.to_string())
}

#[tool_router]
impl PlanServer {
    /// The plans under the root (or under `dir`): path, kind, title and boxes by role.
    #[tool(name = "list_plans")]
    async fn list_plans(
        &self,
        Parameters(args): Parameters<ListArgs>,
    ) -> Result<Json<PlanList>, String> {
        let dir = match &args.dir {
            Some(dir) => self.resolve(dir, true)?,
            None => self.root.clone(),
        };
        let files =
            crate::batch::files_under(&dir, &["md", "markdown"]).map_err(|f| f.to_string())?;
        let plans = files
            .iter()
            .filter_map(|file| {
                let relative = file
                    .strip_prefix(&self.root)
                    .ok()?
                    .to_string_lossy()
                    .into_owned();
                let (_, text) = self.read(&relative).ok()?;
                let doc = Document::new(text);
                Some(PlanSummary {
                    kind: plan_parse::detect(doc.source()).kind.as_str().to_owned(),
                    title: work::title(&doc).to_owned(),
                    roles: doc.progress_by_role(None, &doc.roles()),
                    path: relative,
                })
            })
            .collect();
        Ok(Json(PlanList { plans }))
    }

    /// The typed JSON of a plan (as `plan parse`), with the parser's diagnostics.
    #[tool(name = "read_plan")]
    async fn read_plan(
        &self,
        Parameters(args): Parameters<PathArgs>,
    ) -> Result<Json<ReadPlan>, String> {
        let (_, text) = self.read(&args.path)?;
        let parsed = plan_doc::parse(&text);
        let diagnostics = parsed
            .diagnostics
            .iter()
            .map(|diagnostic| DiagnosticReport::of(&args.path, &text, diagnostic))
            .collect();
        Ok(Json(ReadPlan {
            plan: parsed.plan,
            diagnostics,
        }))
    }

    /// Progress by role, overall and per section, and every box (as `plan status --json`).
    #[tool(name = "plan_status")]
    async fn plan_status(
        &self,
        Parameters(args): Parameters<PathArgs>,
    ) -> Result<Json<StatusReport>, String> {
        let (_, text) = self.read(&args.path)?;
        Ok(Json(work::status_report(&Document::new(text), &args.path)))
    }

    /// The next unit of work: a task, step or phase, with its context, files,
    /// verification and dependencies (as `plan next --json`; `all`: every unit that can
    /// start now).
    #[tool(name = "next_task")]
    async fn next_task(
        &self,
        Parameters(args): Parameters<NextArgs>,
    ) -> Result<Json<NextUnits>, String> {
        let (_, text) = self.read(&args.path)?;
        let options = NextOptions {
            all: args.all.unwrap_or(false),
            optional: args.optional.unwrap_or(false),
        };
        Ok(Json(NextUnits {
            next: work::next_reports(&Document::new(text), options),
        }))
    }

    /// Ticks tasks' boxes in place (a step's or phase's address marks it complete); only
    /// their lines change. Nothing changes when one names nothing.
    #[tool(name = "check_tasks")]
    async fn check_tasks(
        &self,
        Parameters(args): Parameters<TasksArgs>,
    ) -> Result<Json<Edited>, String> {
        self.tick(args, true)
    }

    /// Clears tasks' boxes in place; only their lines change.
    #[tool(name = "uncheck_tasks")]
    async fn uncheck_tasks(
        &self,
        Parameters(args): Parameters<TasksArgs>,
    ) -> Result<Json<Edited>, String> {
        self.tick(args, false)
    }

    /// Sets a section's status in place, in the notation the file uses.
    #[tool(name = "set_status")]
    async fn set_status(
        &self,
        Parameters(args): Parameters<SetStatusArgs>,
    ) -> Result<Json<Edited>, String> {
        let status = crate::edit::read_status(&args.status)?;
        let change = self.edit(&args.path, |doc| {
            let section = doc.find_section(&args.section)?;
            Ok::<_, plan_doc::AddressError>(work::set_status(doc, section, status))
        })?;
        Ok(Json(Edited {
            path: args.path,
            changes: vec![change],
        }))
    }

    /// Adds an open task at the end of a section's own tasks.
    #[tool(name = "add_task")]
    async fn add_task(
        &self,
        Parameters(args): Parameters<AddTaskArgs>,
    ) -> Result<Json<Edited>, String> {
        let text = args.text.trim();
        if text.is_empty() || text.contains(['\n', '\r']) {
            return Err("a task's text is one line that is not blank".to_owned());
        }
        let change = self.edit(&args.path, |doc| {
            let section = doc.find_section(&args.section)?;
            let task =
                doc.add_task(section, text)
                    .ok_or_else(|| plan_doc::AddressError::NotFound {
                        query: args.section.clone(),
                        suggestions: Vec::new(),
                    })?;
            let entry = &doc.tasks()[task];
            Ok::<_, plan_doc::AddressError>(Change {
                line: plan_model::diagnostic::line_column(doc.source(), entry.line.start).0,
                id: doc.address(task).to_owned(),
                title: entry.title.clone(),
                what: "added".to_owned(),
                status: None,
            })
        })?;
        Ok(Json(Edited {
            path: args.path,
            changes: vec![change],
        }))
    }

    /// Semantic checks (`L001`-`L010`) with positions, as `plan lint`.
    #[tool(name = "lint_plan")]
    async fn lint_plan(
        &self,
        Parameters(args): Parameters<PathArgs>,
    ) -> Result<Json<Findings>, String> {
        let (_, text) = self.read(&args.path)?;
        let doc = Document::new(text);
        let diagnostics: Vec<DiagnosticReport> = plan_doc::lint::lint(&doc)
            .iter()
            .map(|finding| DiagnosticReport::of(&args.path, doc.source(), finding))
            .collect();
        Ok(Json(Findings {
            valid: diagnostics.is_empty(),
            diagnostics,
        }))
    }

    /// A plan's diagnostics, as `plan validate`: a markdown plan's from the parser, a JSON
    /// plan's from its schema (with JSON pointers).
    #[tool(name = "validate_plan")]
    async fn validate_plan(
        &self,
        Parameters(args): Parameters<ValidateArgs>,
    ) -> Result<Json<Findings>, String> {
        let (name, text, json) = match (&args.path, args.json) {
            (Some(path), None) => {
                let (real, text) = self.read(path)?;
                let json = crate::batch::has_extension(&real, &["json"]);
                (path.clone(), text, json)
            }
            (None, Some(value)) => ("<json>".to_owned(), value.to_string(), true),
            _ => return Err("give either `path` or `json`".to_owned()),
        };
        let diagnostics = if json {
            plan_schema::validate_str(&text).err().unwrap_or_default()
        } else {
            plan_doc::parse(&text).diagnostics
        };
        let valid = !diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == plan_model::diagnostic::Severity::Error);
        Ok(Json(Findings {
            valid,
            diagnostics: diagnostics
                .iter()
                .map(|diagnostic| DiagnosticReport::of(&name, &text, diagnostic))
                .collect(),
        }))
    }

    /// The JSON Schema of a kind (or of any plan), plain or in its LLM profile.
    #[tool(name = "plan_schema")]
    async fn plan_schema(
        &self,
        Parameters(args): Parameters<SchemaArgs>,
    ) -> Result<Json<SchemaOutput>, String> {
        let kind = args.kind.as_deref().map(kind_of).transpose()?;
        let schema = match (kind, args.llm.unwrap_or(false)) {
            (Some(kind), true) => plan_schema::llm_schema_for(kind),
            (Some(kind), false) => plan_schema::schema_for(kind),
            (None, false) => plan_schema::schema_for_any(),
            (None, true) => return Err("the LLM profile is per kind: give `kind`".to_owned()),
        };
        Ok(Json(SchemaOutput { schema }))
    }

    /// A fresh plan of a kind, titled, written to a new file under the root (an existing
    /// file is never replaced).
    #[tool(name = "new_plan")]
    async fn new_plan(
        &self,
        Parameters(args): Parameters<NewArgs>,
    ) -> Result<Json<Created>, String> {
        let kind = kind_of(&args.kind)?;
        let real = self.resolve(&args.path, false)?;
        let contents = crate::commands::new_plan_text(kind, Some(&args.title));
        io::create(&real, contents.as_bytes())
            .map_err(|failure| format!("{}: {}", args.path, failure.cause))?;
        Ok(Json(Created {
            path: args.path,
            kind: kind.as_str().to_owned(),
        }))
    }
}

/// How the SDK opens the message of arguments that do not fit a tool's input schema.
const DESERIALIZE_PREFIX: &str = "failed to deserialize parameters:";

/// A tool failure as the tool's result, never a protocol error.
fn tool_error(message: impl Into<String>) -> CallToolResponse {
    CallToolResult::error(vec![ContentBlock::text(message.into())]).into()
}

impl ServerHandler for PlanServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_server_info(Implementation::new("plan", env!("CARGO_PKG_VERSION")))
        .with_instructions(
            "Implementation plans (markdown) under the server's root: read them as typed \
             JSON, ask what to do next, tick tasks and set statuses in place.",
        )
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        if !self.tool_router.has_route(&name) {
            let names: Vec<String> = self
                .tool_router
                .list_all()
                .into_iter()
                .map(|tool| tool.name.to_string())
                .collect();
            return Ok(tool_error(format!(
                "no tool named `{name}`; the tools are {}",
                names.join(", ")
            )));
        }
        let call = ToolCallContext::new(self, request, context);
        Ok(match self.tool_router.call(call).await {
            // Arguments that do not fit the tool's input schema: say which tool.
            Ok(CallToolResponse::Complete(result)) if result.is_error == Some(true) => {
                match result.content.first().and_then(ContentBlock::as_text) {
                    Some(text) if text.text.starts_with(DESERIALIZE_PREFIX) => tool_error(format!(
                        "{name}: invalid arguments:{}",
                        &text.text[DESERIALIZE_PREFIX.len()..]
                    )),
                    _ => result.into(),
                }
            }
            Ok(response) => response,
            Err(error) => tool_error(format!("{name}: {}", error.message)),
        })
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tool_router.list_all()))
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let files = crate::batch::files_under(&self.root, &["md", "markdown"])
            .map_err(|failure| ErrorData::internal_error(failure.to_string(), None))?;
        let mut resources: Vec<Resource> = files
            .iter()
            .filter_map(|file| file.strip_prefix(&self.root).ok())
            .map(|relative| {
                let relative = relative.to_string_lossy();
                Resource::new(format!("{PLAN_SCHEME}{relative}"), relative.into_owned())
                    .with_description("the plan's typed JSON")
                    .with_mime_type("application/json")
            })
            .collect();
        for kind in [
            "plan", "atomic", "feature", "poc", "stepwise", "scoped", "generic",
        ] {
            resources.push(
                Resource::new(
                    format!("{SCHEMA_SCHEME}{kind}"),
                    format!("{kind}.schema.json"),
                )
                .with_description("a JSON Schema")
                .with_mime_type("application/schema+json"),
            );
        }
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let uri = request.uri.as_str();
        let text = if let Some(kind) = uri.strip_prefix(SCHEMA_SCHEME) {
            let schema = match kind {
                "plan" => plan_schema::schema_for_any(),
                kind => plan_schema::schema_for(
                    kind_of(kind).map_err(|error| ErrorData::resource_not_found(error, None))?,
                ),
            };
            serde_json::to_string_pretty(&schema)
        } else if let Some(path) = uri.strip_prefix(PLAN_SCHEME) {
            let (_, text) = self
                .read(path)
                .map_err(|error| ErrorData::resource_not_found(error, None))?;
            serde_json::to_string_pretty(&plan_doc::parse(&text).plan)
        } else {
            return Err(ErrorData::resource_not_found(
                format!(
                    "{uri}: not a plan (`{PLAN_SCHEME}PATH`) or a schema (`{SCHEMA_SCHEME}KIND`)"
                ),
                None,
            ));
        }
        .map_err(|error| ErrorData::internal_error(error.to_string(), None))?;
        Ok(ReadResourceResult::new(vec![
            ResourceContents::text(text, request.uri.clone()).with_mime_type("application/json"),
        ])
        .into())
    }
}
