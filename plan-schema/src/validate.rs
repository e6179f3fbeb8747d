//! Validation of JSON plans against the schemas, with errors that point at the value.

use std::sync::OnceLock;

use jsonschema::Validator;
use plan_model::diagnostic::{Diagnostic, Severity};
use plan_model::{Kind, Plan};
use serde_json::Value;

use crate::generate::schema_for;
use crate::locate::locate_span;

/// A schema error: the [`Diagnostic`] for the value at `pointer`, which failed `keyword`.
/// Its span is set when the JSON was validated from text ([`validate_str`]).
pub(crate) fn schema_error(
    pointer: impl Into<String>,
    keyword: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let pointer = pointer.into();
    Diagnostic {
        severity: Severity::Error,
        code: format!("schema/{keyword}").into(),
        message: message.into(),
        span: 0..0,
        label: if pointer.is_empty() {
            "(document)".to_owned()
        } else {
            pointer.clone()
        },
        pointer: Some(pointer),
        help: None,
    }
}

/// The compiled validator of each kind and its schema, built once and reused.
struct Compiled {
    kind: Kind,
    schema: Value,
    validator: Validator,
}

/// The compiled validators of every kind, for its plain schema or its LLM profile.
fn compiled(kind: Kind, llm: bool) -> &'static Compiled {
    static PLAIN: OnceLock<Vec<Compiled>> = OnceLock::new();
    static LLM: OnceLock<Vec<Compiled>> = OnceLock::new();
    let (cell, schema_of): (_, fn(Kind) -> Value) = if llm {
        (&LLM, crate::llm::llm_schema_for)
    } else {
        (&PLAIN, schema_for)
    };
    let all = cell.get_or_init(|| {
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let schema = schema_of(kind);
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

/// The errors of `value` against the schema of its kind, or of its kind's LLM profile.
fn check(value: &Value, llm: bool) -> Result<(), Vec<Diagnostic>> {
    let compiled = compiled(kind_of(value)?, llm);
    let errors: Vec<Diagnostic> = compiled
        .validator
        .iter_errors(value)
        .map(|error| describe(&error, &compiled.schema))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
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
/// assert_eq!(errors[0].pointer.as_deref(), Some(""));
/// assert_eq!(errors[0].code, "schema/additionalProperties");
/// ```
pub fn validate(value: &Value) -> Result<Plan, Vec<Diagnostic>> {
    check(value, false)?;
    serde_json::from_value(value.clone())
        .map_err(|error| vec![schema_error("", "model", error.to_string())])
}

/// Validates JSON written to its kind's LLM profile ([`crate::llm_schema_for`]: `null`
/// for absent values, `{key, value}` pair arrays for maps) and reads it into the model,
/// as [`crate::from_llm`] converts it. Errors point into the LLM document.
///
/// ```
/// let answer = serde_json::json!({"kind": "generic", "title": "Search", "sections": null,
///     "schema_version": null});
/// let plan = plan_schema::validate_llm(&answer).unwrap();
/// assert_eq!(plan.title(), "Search");
///
/// let broken = serde_json::json!({"kind": "generic", "title": null});
/// assert_eq!(plan_schema::validate_llm(&broken).unwrap_err()[0].pointer.as_deref(), Some(""));
/// ```
pub fn validate_llm(value: &Value) -> Result<Plan, Vec<Diagnostic>> {
    check(value, true)?;
    let plain = crate::llm::plain(value)?;
    validate(&plain)
}

/// Validates JSON text written to its kind's LLM profile: like [`validate_llm`], and
/// each error also gives the line and column of the failing value.
pub fn validate_llm_str(text: &str) -> Result<Plan, Vec<Diagnostic>> {
    from_text(text, validate_llm)
}

/// Validates JSON text: like [`validate`], and each error also gives the line and column
/// of the failing value. Text that is not JSON is one `syntax` error at its position.
///
/// ```
/// let text = "{\n  \"kind\": \"feature\",\n  \"title\": 7\n}";
/// let errors = plan_schema::validate_str(text).unwrap_err();
/// assert_eq!(errors[0].pointer.as_deref(), Some("/title"));
/// assert_eq!(errors[0].line_column(text), (3, 12));
/// ```
pub fn validate_str(text: &str) -> Result<Plan, Vec<Diagnostic>> {
    from_text(text, validate)
}

/// Reads `text` as JSON and validates it with `validate`, placing each error in the text.
fn from_text(
    text: &str,
    validate: fn(&Value) -> Result<Plan, Vec<Diagnostic>>,
) -> Result<Plan, Vec<Diagnostic>> {
    let at = |offset: usize| {
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        offset..end
    };
    let value: Value = serde_json::from_str(text).map_err(|error| {
        if let Some((offset, escape)) = lone_surrogate(text) {
            return vec![Diagnostic {
                span: offset..offset + escape.len(),
                ..schema_error(
                    "",
                    "syntax",
                    format!(
                        "`{escape}` is a lone surrogate, not text: a JSON string holds Unicode \
                         characters, and a surrogate escape must pair a high half \
                         (\\ud800-\\udbff) with a low one (\\udc00-\\udfff)"
                    ),
                )
            }];
        }
        vec![Diagnostic {
            span: at(syntax_offset(text, error.line(), error.column())),
            ..schema_error(
                "",
                "syntax",
                format!("not valid JSON: {}", without_position(&error)),
            )
        }]
    })?;
    validate(&value).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut error| {
                let pointer = error.pointer.as_deref().unwrap_or_default();
                if let Some(span) = locate_span(text, pointer) {
                    error.span = span;
                }
                error
            })
            .collect()
    })
}

/// serde_json's message without the ` at line L column C` it ends with: the diagnostic
/// places the error itself (serde_json says column 0 right after a line ending).
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => message,
    }
}

/// The byte offset of serde_json's `line` and `column` (both from 1; the column in bytes,
/// 0 right after a line ending) in `text`, within it.
fn syntax_offset(text: &str, line: usize, column: usize) -> usize {
    // Line `line` starts after the text's `line - 1`th line ending.
    let line_start = match line.checked_sub(2) {
        None => 0,
        Some(newlines) => text
            .match_indices('\n')
            .nth(newlines)
            .map_or(text.len(), |(newline, _)| newline + 1),
    };
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The first `\\uXXXX` escape in a JSON string of `text` that is half of a surrogate pair
/// without its other half: its offset and its text.
fn lone_surrogate(text: &str) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let surrogate = |at: usize| -> Option<u16> {
        let digits = text.get(at + 2..at + 6)?;
        (bytes.get(at..at + 2)? == b"\\u")
            .then(|| u16::from_str_radix(digits, 16).ok())
            .flatten()
            .filter(|unit| (0xd800..=0xdfff).contains(unit))
    };
    let (mut at, mut in_string) = (0, false);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                if let Some(unit) = surrogate(at) {
                    let paired =
                        unit < 0xdc00 && surrogate(at + 6).is_some_and(|low| low >= 0xdc00);
                    if !paired {
                        return Some((at, &text[at..at + 6]));
                    }
                    at += 12;
                    continue;
                }
                at += 1;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The plan's kind, or the error that says why it has none.
fn kind_of(value: &Value) -> Result<Kind, Vec<Diagnostic>> {
    let names = "atomic, feature, poc, stepwise, scoped or generic";
    let Some(object) = value.as_object() else {
        return Err(vec![schema_error(
            "",
            "type",
            format!("a plan is a JSON object, found {}", type_name(value)),
        )]);
    };
    match object.get("kind") {
        None => Err(vec![schema_error(
            "",
            "required",
            format!("missing field `kind`: one of {names}"),
        )]),
        Some(Value::String(kind)) => kind.parse().map_err(|_| {
            vec![schema_error(
                "/kind",
                "enum",
                format!("unknown kind {kind:?}: expected {names}"),
            )]
        }),
        Some(other) => Err(vec![schema_error(
            "/kind",
            "type",
            format!("`kind` is a string ({names}), found {}", type_name(other)),
        )]),
    }
}

/// A validation error as a [`Diagnostic`]. When a value fails an `anyOf` but has the JSON
/// type of exactly one branch (a date string that is not a date), that branch's own error
/// is the precise one (`format`), so it is reported instead.
fn describe(error: &jsonschema::ValidationError<'_>, schema: &Value) -> Diagnostic {
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
    schema_error(
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
        K::Pattern { pattern } if pattern == crate::generate::TEXT_PATTERN => format!(
            "{} holds a NUL character (U+0000): a plan's text holds none (it marks a \
             binary file)",
            error.instance()
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_escape_is_found_and_a_paired_or_escaped_one_is_not() {
        assert_eq!(lone_surrogate(r#"{"a": "x\ud800y"}"#), Some((8, r"\ud800")));
        assert_eq!(lone_surrogate(r#"{"a": "\udc00"}"#), Some((7, r"\udc00")));
        assert_eq!(
            lone_surrogate(r#"{"a": "\ud800\u0041"}"#),
            Some((7, r"\ud800"))
        );
        assert_eq!(lone_surrogate(r#"{"a": "\ud83d\ude00"}"#), None);
        assert_eq!(lone_surrogate(r#"{"a": "\\ud800"}"#), None);
        assert_eq!(lone_surrogate(r#"{"a": "\u00e9\\"}"#), None);
        assert_eq!(lone_surrogate(r#"{"\ud800": 1}"#), Some((2, r"\ud800")));
    }

    #[test]
    fn whole_numbers_are_integers_and_a_nul_is_refused_at_its_pointer() {
        let text =
            r#"{"kind": "generic", "title": "X", "sections": [{"level": 2.0, "title": "A"}]}"#;
        assert!(validate_str(text).is_ok());
        let text = r#"{"kind": "generic", "title": "X\u0000"}"#;
        let errors = validate_str(text).unwrap_err();
        assert_eq!(errors[0].pointer.as_deref(), Some("/title"));
        assert!(errors[0].message.contains("NUL"), "{}", errors[0].message);
    }

    #[test]
    fn a_kept_sections_heading_and_sub_sections_need_its_title_in_both_profiles() {
        let plain = serde_json::json!({
            "kind": "feature",
            "title": "X",
            "extra_sections": [{"title": "Notes", "sections": [{"level": 3, "title": "A"}]}],
        });
        let plan = validate(&plain).expect("a titled kept section with sub-sections");
        let mut untitled = plain.clone();
        untitled["extra_sections"][0]
            .as_object_mut()
            .unwrap()
            .remove("title");
        let errors = validate(&untitled).unwrap_err();
        assert_eq!(errors[0].pointer.as_deref(), Some("/extra_sections/0"));
        let llm = crate::to_llm(&plan);
        assert!(validate_llm(&llm).is_ok());
        let mut untitled = llm;
        untitled["extra_sections"][0]["title"] = Value::Null;
        assert!(validate_llm(&untitled).is_err());
        let profile = jsonschema::validator_for(&crate::llm_schema_for(Kind::Feature)).unwrap();
        assert!(!profile.is_valid(&untitled), "the profile itself says so");
        let mut without_sections = untitled;
        without_sections["extra_sections"][0]["sections"] = Value::Null;
        assert!(validate_llm(&without_sections).is_ok());
    }
}
