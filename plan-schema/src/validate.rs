//! Validation of JSON plans against the schemas, with errors that point at the value.

use std::fmt;
use std::sync::OnceLock;

use jsonschema::Validator;
use plan_model::{Kind, Plan};
use serde_json::Value;

use crate::generate::schema_for;
use crate::locate::{line_column, locate};

/// Why a JSON plan is not valid, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    /// The JSON pointer of the failing value (`/phases/0/tasks/1/checked`); empty for the
    /// whole document.
    pub pointer: String,
    /// The schema keyword that failed (`type`, `required`, `additionalProperties`, `enum`,
    /// `format`, `anyOf`, ...), or `syntax` for text that is not JSON.
    pub keyword: String,
    /// What is wrong, in a sentence.
    pub message: String,
    /// Line (from 1) of the failing value, when validated from text.
    pub line: Option<usize>,
    /// Column (from 1, in characters) of the failing value, when validated from text.
    pub column: Option<usize>,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(formatter, "{line}:{column}: ")?;
        }
        let pointer = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(formatter, "{pointer}: {} [{}]", self.message, self.keyword)
    }
}

impl std::error::Error for SchemaError {}

impl SchemaError {
    fn new(pointer: impl Into<String>, keyword: &str, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            keyword: keyword.to_owned(),
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

/// The compiled validator of each kind and its schema, built once and reused.
struct Compiled {
    kind: Kind,
    schema: Value,
    validator: Validator,
}

fn compiled(kind: Kind) -> &'static Compiled {
    static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let schema = schema_for(kind);
                let validator = jsonschema::draft202012::options()
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|error| {
                        unreachable!("the generated {kind} schema compiles: {error}")
                    });
                Compiled {
                    kind,
                    schema,
                    validator,
                }
            })
            .collect()
    });
    all.iter()
        .find(|compiled| compiled.kind == kind)
        .unwrap_or_else(|| unreachable!("every kind is compiled"))
}

/// Validates a JSON plan against the schema of its `kind` and reads it into the model.
///
/// Every error carries the JSON pointer of the failing value and the schema keyword.
///
/// ```
/// let plan = serde_json::json!({"kind": "stepwise", "title": "Search"});
/// assert_eq!(plan_schema::validate(&plan).map(|plan| plan.kind()), Ok(plan_model::Kind::Stepwise));
///
/// let broken = serde_json::json!({"kind": "stepwise", "title": "Search", "owner": "me"});
/// let errors = plan_schema::validate(&broken).unwrap_err();
/// assert_eq!(errors[0].pointer, "");
/// assert_eq!(errors[0].keyword, "additionalProperties");
/// ```
pub fn validate(value: &Value) -> Result<Plan, Vec<SchemaError>> {
    let kind = kind_of(value)?;
    let compiled = compiled(kind);
    let errors: Vec<SchemaError> = compiled
        .validator
        .iter_errors(value)
        .map(|error| describe(&error, &compiled.schema))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    serde_json::from_value(value.clone())
        .map_err(|error| vec![SchemaError::new("", "model", error.to_string())])
}

/// Validates JSON text: like [`validate`], and each error also gives the line and column
/// of the failing value. Text that is not JSON is one `syntax` error at its position.
///
/// ```
/// let text = "{\n  \"kind\": \"feature\",\n  \"title\": 7\n}";
/// let errors = plan_schema::validate_str(text).unwrap_err();
/// assert_eq!(errors[0].pointer, "/title");
/// assert_eq!((errors[0].line, errors[0].column), (Some(3), Some(12)));
/// ```
pub fn validate_str(text: &str) -> Result<Plan, Vec<SchemaError>> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        vec![SchemaError {
            line: Some(error.line()),
            column: Some(error.column()),
            ..SchemaError::new("", "syntax", format!("not valid JSON: {error}"))
        }]
    })?;
    validate(&value).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut error| {
                if let Some(offset) = locate(text, &error.pointer) {
                    let (line, column) = line_column(text, offset);
                    error.line = Some(line);
                    error.column = Some(column);
                }
                error
            })
            .collect()
    })
}

/// The plan's kind, or the error that says why it has none.
fn kind_of(value: &Value) -> Result<Kind, Vec<SchemaError>> {
    let names = "atomic, feature, poc, stepwise, scoped or generic";
    let Some(object) = value.as_object() else {
        return Err(vec![SchemaError::new(
            "",
            "type",
            format!("a plan is a JSON object, found {}", type_name(value)),
        )]);
    };
    match object.get("kind") {
        None => Err(vec![SchemaError::new(
            "",
            "required",
            format!("missing field `kind`: one of {names}"),
        )]),
        Some(Value::String(kind)) => kind.parse().map_err(|_| {
            vec![SchemaError::new(
                "/kind",
                "enum",
                format!("unknown kind {kind:?}: expected {names}"),
            )]
        }),
        Some(other) => Err(vec![SchemaError::new(
            "/kind",
            "type",
            format!("`kind` is a string ({names}), found {}", type_name(other)),
        )]),
    }
}

/// A validation error as a [`SchemaError`]. When a value fails an `anyOf` but has the JSON
/// type of exactly one branch (a date string that is not a date), that branch's own error
/// is the precise one (`format`), so it is reported instead.
fn describe(error: &jsonschema::ValidationError<'_>, schema: &Value) -> SchemaError {
    use jsonschema::error::ValidationErrorKind as K;
    if let K::AnyOf { context } = error.kind() {
        let mut same_type = context.iter().filter(|branch| {
            !branch
                .iter()
                .any(|inner| matches!(inner.kind(), K::Type { .. }))
        });
        if let (Some(branch), None) = (same_type.next(), same_type.next())
            && let Some(inner) = branch.first()
        {
            let mut precise = describe(inner, schema);
            if let Some(expected) = expected(error, schema) {
                precise.message = format!("{} (expected {expected})", precise.message);
            }
            return precise;
        }
    }
    SchemaError::new(
        error.instance_path().to_string(),
        error.kind().keyword(),
        message(error, schema),
    )
}

/// The description of the schema whose keyword failed.
fn expected<'s>(error: &jsonschema::ValidationError<'_>, schema: &'s Value) -> Option<&'s str> {
    let keyword_path = error.schema_path().to_string();
    let parent = keyword_path
        .rsplit_once('/')
        .map_or("", |(parent, _)| parent);
    schema
        .pointer(parent)
        .and_then(|node| node.get("description"))
        .and_then(Value::as_str)
}

/// A sentence for a validation error, using the failing schema's description where the
/// validator's own message would only name a keyword.
fn message(error: &jsonschema::ValidationError<'_>, schema: &Value) -> String {
    use jsonschema::error::ValidationErrorKind as K;
    match error.kind() {
        K::AnyOf { .. } => match expected(error, schema) {
            Some(expected) => format!(
                "{} is not valid here: expected {expected}",
                error.instance()
            ),
            None => error.to_string(),
        },
        K::AdditionalProperties { unexpected } => format!(
            "unknown field{} {}: this object has only the fields its schema names",
            if unexpected.len() == 1 { "" } else { "s" },
            unexpected
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => error.to_string(),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
