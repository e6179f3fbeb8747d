//! The LLM profile: each kind's schema rewritten for structured-output APIs (the rules of
//! OpenAI's strict mode), and the lossless conversion between that profile and the model.
//!
//! Strict mode wants every object closed (`additionalProperties: false`) with every
//! property required, so:
//! - an optional property is required and may be `null` (`null` means absent);
//! - a map of unknown keys (`metadata`, `other`) is an array of `{key, value}` pairs;
//! - every `$ref` is inlined (the model has no recursion), `const` becomes a one-value
//!   `enum`, and `default` is dropped;
//! - `dependentRequired` (properties that need another: a kept section's `heading` and
//!   `sections` need its `title`), which strict mode lacks, becomes an `anyOf` of two
//!   objects: one where that property is not `null`, one where it and the properties that
//!   need it are all `null`.

use plan_model::diagnostic::Diagnostic;
use plan_model::{Kind, Plan};
use serde_json::{Map, Value, json};

use crate::generate::{ID_BASE, schema_for};

/// The LLM profile of a kind's schema.
///
/// ```
/// use plan_model::Kind;
/// let schema = plan_schema::llm_schema_for(Kind::Stepwise);
/// assert_eq!(schema["type"], "object");
/// assert_eq!(schema["additionalProperties"], false);
/// let required = schema["required"].as_array().unwrap();
/// assert_eq!(required.len(), schema["properties"].as_object().unwrap().len());
/// ```
pub fn llm_schema_for(kind: Kind) -> Value {
    let inlined = inlined(kind);
    let mut profile = profile(&inlined);
    if let Value::Object(root) = &mut profile {
        let mut head = Map::new();
        head.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        head.insert(
            "$id".into(),
            json!(format!("{ID_BASE}llm/{kind}.schema.json")),
        );
        head.insert(
            "title".into(),
            json!(format!("plankit {kind} plan (LLM profile)")),
        );
        head.extend(std::mem::take(root));
        *root = head;
    }
    profile
}

/// Reads JSON written to a kind's LLM profile into the model: `null` properties are
/// absent, `{key, value}` pair arrays become maps.
///
/// ```
/// let json = serde_json::json!({"kind": "stepwise", "title": "Search", "tldr": null});
/// let plan = plan_schema::from_llm(&json)?;
/// assert_eq!(plan.title(), "Search");
/// # Ok::<(), Vec<plan_model::diagnostic::Diagnostic>>(())
/// ```
pub fn from_llm(value: &Value) -> Result<Plan, Vec<Diagnostic>> {
    serde_json::from_value(plain(value)?).map_err(|error| {
        vec![crate::validate::schema_error(
            "",
            "model",
            error.to_string(),
        )]
    })
}

/// The model's JSON for JSON written to a kind's LLM profile: `null` properties removed,
/// `{key, value}` pair arrays made maps.
pub(crate) fn plain(value: &Value) -> Result<Value, Vec<Diagnostic>> {
    let kind: Kind = value
        .get("kind")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            vec![crate::validate::schema_error(
                "",
                "required",
                "missing string field `kind`",
            )]
        })?
        .parse()
        .map_err(|error| {
            vec![crate::validate::schema_error(
                "/kind",
                "enum",
                format!("{error}"),
            )]
        })?;
    Ok(convert(&inlined(kind), value, Direction::FromLlm))
}

/// Writes a plan in its kind's LLM profile: every property present, `null` for absent
/// ones, maps as `{key, value}` pair arrays. [`from_llm`] reads it back unchanged.
pub fn to_llm(plan: &Plan) -> Value {
    let normal = serde_json::to_value(plan)
        .unwrap_or_else(|error| unreachable!("a model always serializes to JSON: {error}"));
    convert(&inlined(plan.kind()), &normal, Direction::ToLlm)
}

/// A kind's schema with every `$ref` replaced by its definition. A reference that would
/// recurse is left in place (and the strict-mode check names it).
fn inlined(kind: Kind) -> Value {
    let mut schema = schema_for(kind);
    let definitions = schema
        .as_object_mut()
        .and_then(|root| root.remove("$defs"))
        .unwrap_or(Value::Null);
    let mut stack = Vec::new();
    inline(&schema, &definitions, &mut stack)
}

fn inline(schema: &Value, definitions: &Value, stack: &mut Vec<String>) -> Value {
    match schema {
        Value::Object(map) => {
            let reference = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|reference| reference.strip_prefix("#/$defs/"));
            if let Some(name) = reference {
                if stack.iter().any(|seen| seen == name) {
                    return schema.clone();
                }
                stack.push(name.to_owned());
                let mut target = inline(&definitions[name], definitions, stack);
                stack.pop();
                // Sibling keywords (a field's own description) win over the definition's.
                if let Value::Object(target_map) = &mut target {
                    for (key, value) in map {
                        if key != "$ref" {
                            target_map.insert(key.clone(), inline(value, definitions, stack));
                        }
                    }
                }
                return target;
            }
            Value::Object(
                map.iter()
                    .map(|(key, value)| (key.clone(), inline(value, definitions, stack)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| inline(item, definitions, stack))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A map schema: an object whose keys are free and whose values follow one schema.
fn map_values(schema: &Value) -> Option<&Value> {
    let values = schema.get("additionalProperties")?;
    (values.is_object() && schema.get("properties").is_none()).then_some(values)
}

fn profile(schema: &Value) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    if let Some(values) = map_values(schema) {
        let mut pair = json!({
            "type": "object",
            "properties": {
                "key": {
                    "type": "string",
                    "pattern": crate::generate::TEXT_PATTERN,
                    "description": "The key as written.",
                },
                "value": profile(values),
            },
            "required": ["key", "value"],
            "additionalProperties": false,
        });
        if let Some(description) = map.get("description") {
            pair["description"] = json!("One key and its value.");
            return json!({
                "description": description,
                "type": "array",
                "items": pair,
            });
        }
        return json!({"type": "array", "items": pair});
    }
    let mut out = Map::new();
    for (key, value) in map {
        match key.as_str() {
            "default" | "$schema" | "$id" | "title" | "dependentRequired" => {}
            "const" => {
                out.insert("enum".into(), json!([value]));
            }
            "properties" => {
                let required: Vec<&str> = map
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let properties = value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, schema)| {
                        let property = profile(schema);
                        let property = if required.contains(&name.as_str()) {
                            property
                        } else {
                            nullable(property)
                        };
                        (name.clone(), property)
                    });
                let properties: Map<String, Value> = properties.collect();
                out.insert(
                    "required".into(),
                    Value::Array(properties.keys().cloned().map(Value::String).collect()),
                );
                out.insert("properties".into(), Value::Object(properties));
                out.insert("additionalProperties".into(), Value::Bool(false));
            }
            "required" | "additionalProperties" if map.contains_key("properties") => {}
            "items" => {
                out.insert(key.clone(), profile(value));
            }
            // Strict mode has no `oneOf`; the model's `oneOf`s are discriminated by a tag,
            // so `anyOf` accepts exactly the same values.
            "anyOf" | "oneOf" => {
                let branches = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(profile)
                    .collect();
                out.insert("anyOf".into(), Value::Array(branches));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    match map.get("dependentRequired") {
        Some(dependents) => dependent_branches(out, dependents),
        None => Value::Object(out),
    }
}

/// The profiled object `out` as two branches for its `dependentRequired` `dependents`
/// (`{"sections": ["title"]}`), when all of them need the same one property: with that
/// property not `null`, or with it and its dependents `null`. Other forms are left out
/// ([`crate::validate_llm`] checks them on the plain form).
fn dependent_branches(mut out: Map<String, Value>, dependents: &Value) -> Value {
    let needs: Vec<&str> = dependents
        .as_object()
        .into_iter()
        .flat_map(|map| map.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let [needed, ..] = needs[..] else {
        return Value::Object(out);
    };
    if needs.iter().any(|name| *name != needed) {
        return Value::Object(out);
    }
    let description = out.remove("description");
    let mut with = out.clone();
    let mut without = out;
    if let Some(property) = with
        .get_mut("properties")
        .and_then(|properties| properties.get_mut(needed))
    {
        *property = not_null(property.take());
    }
    if let Some(Value::Object(properties)) = without.get_mut("properties") {
        let names = dependents
            .as_object()
            .into_iter()
            .flat_map(|map| map.keys());
        for name in std::iter::once(needed).chain(names.map(String::as_str)) {
            if let Some(property) = properties.get_mut(name) {
                let description = property.get("description").cloned();
                *property = json!({"type": "null"});
                if let Some(description) = description {
                    property["description"] = description;
                }
            }
        }
    }
    let mut branches = json!({"anyOf": [with, without]});
    if let Some(description) = description {
        branches["description"] = description;
    }
    branches
}

/// A [`nullable`] `schema` without its `null`.
fn not_null(mut schema: Value) -> Value {
    if let Some(Value::Array(types)) = schema.get_mut("type") {
        types.retain(|kind| kind != "null");
        if let [only] = &types[..] {
            let only = only.clone();
            schema["type"] = only;
        }
        return schema;
    }
    let branches = schema.get("anyOf").and_then(Value::as_array).cloned();
    match branches {
        Some(branches) => {
            let mut kept: Vec<Value> = branches
                .into_iter()
                .filter(|branch| branch.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            let description = schema.get("description").cloned();
            let mut inner = if kept.len() == 1 {
                kept.remove(0)
            } else {
                json!({"anyOf": kept})
            };
            if let Some(description) = description {
                inner["description"] = description;
            }
            inner
        }
        None => schema,
    }
}

/// `schema` or `null`, keeping the description on the outside.
fn nullable(mut schema: Value) -> Value {
    let simple = schema.get("anyOf").is_none() && schema.get("enum").is_none();
    if let (true, Some(Value::String(kind))) = (simple, schema.get("type").cloned()) {
        schema["type"] = json!([kind, "null"]);
        return schema;
    }
    let description = schema
        .as_object_mut()
        .and_then(|map| map.remove("description"));
    let mut wrapper = json!({"anyOf": [schema, {"type": "null"}]});
    if let Some(description) = description {
        wrapper["description"] = description;
    }
    wrapper
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    ToLlm,
    FromLlm,
}

/// Converts `value` between the model's JSON and the LLM profile, guided by the model's
/// inlined schema.
fn convert(schema: &Value, value: &Value, direction: Direction) -> Value {
    if let Some(values) = map_values(schema) {
        return match (direction, value) {
            (Direction::ToLlm, Value::Object(map)) => Value::Array(
                map.iter()
                    .map(|(key, item)| {
                        json!({"key": key, "value": convert(values, item, direction)})
                    })
                    .collect(),
            ),
            (Direction::FromLlm, Value::Array(pairs)) => Value::Object(
                pairs
                    .iter()
                    .filter_map(|pair| {
                        let key = pair.get("key")?.as_str()?.to_owned();
                        let item = pair.get("value").unwrap_or(&Value::Null);
                        Some((key, convert(values, item, direction)))
                    })
                    .collect(),
            ),
            _ => value.clone(),
        };
    }
    if let (Some(Value::Object(properties)), Value::Object(object)) =
        (schema.get("properties"), value)
    {
        let mut out = Map::new();
        for (name, property) in properties {
            match (direction, object.get(name)) {
                (Direction::ToLlm, None) => {
                    out.insert(name.clone(), Value::Null);
                }
                (Direction::FromLlm, None | Some(Value::Null)) => {}
                (_, Some(item)) => {
                    out.insert(name.clone(), convert(property, item, direction));
                }
            }
        }
        // Fields the schema does not name are kept, so validation can report them.
        for (name, item) in object {
            if !properties.contains_key(name) {
                out.insert(name.clone(), item.clone());
            }
        }
        return Value::Object(out);
    }
    if let (Some(items), Value::Array(values)) = (schema.get("items"), value) {
        return Value::Array(
            values
                .iter()
                .map(|item| convert(items, item, direction))
                .collect(),
        );
    }
    for keyword in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = schema.get(keyword)
            && let Some(branch) = branches.iter().find(|branch| matches_branch(branch, value))
        {
            return convert(branch, value, direction);
        }
    }
    value.clone()
}

/// Whether `value` belongs to `branch`: its JSON type fits, and every tag property the
/// branch fixes (`"const"`) has that value.
fn matches_branch(branch: &Value, value: &Value) -> bool {
    if !accepts_type(branch, value) {
        return false;
    }
    let Some(Value::Object(properties)) = branch.get("properties") else {
        return true;
    };
    properties
        .iter()
        .all(|(name, property)| match property.get("const") {
            Some(tag) => value.get(name).is_none_or(|actual| actual == tag),
            None => true,
        })
}

/// Whether `schema`'s `type` admits the JSON type of `value`.
fn accepts_type(schema: &Value, value: &Value) -> bool {
    let name = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        // JSON Schema counts a whole number as an integer however it is written (`3.0`).
        Value::Number(number)
            if number.is_i64()
                || number.is_u64()
                || number.as_f64().is_some_and(|float| float.fract() == 0.0) =>
        {
            "integer"
        }
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    match schema.get("type") {
        Some(Value::String(kind)) => kind == name || (kind == "number" && name == "integer"),
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == name),
        _ => false,
    }
}
