//! JSON Schemas generated from the model: one per kind, one for any plan.

use std::collections::BTreeSet;

use plan_model::{Kind, Plan};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// The base of every schema's `$id`; the version segment changes with `schema_version`.
pub const ID_BASE: &str = "https://plankit.invalid/schemas/v1/";

/// The JSON Schema formats every draft 2020-12 validator knows; schemars adds others
/// (`uint32`) that strict validators such as ajv refuse, so they are removed.
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "uuid",
];

/// The JSON Schema (draft 2020-12) of any plan: a `oneOf` discriminated by `kind`.
///
/// ```
/// let schema = plan_schema::schema_for_any();
/// assert_eq!(schema["$id"], "https://plankit.invalid/schemas/v1/plan.schema.json");
/// assert_eq!(schema["oneOf"].as_array().map(Vec::len), Some(6));
/// ```
pub fn schema_for_any() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Plan>().to_value();
    clean(&mut schema);
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert("$id".into(), json!(format!("{ID_BASE}plan.schema.json")));
    root.insert("title".into(), json!("plankit plan"));
    root.insert(
        "description".into(),
        json!(
            "An implementation plan of any kind, discriminated by `kind` (atomic, feature, poc, \
             stepwise, scoped, generic). Schema version 1: every plan carries \
             `schema_version: 1`."
        ),
    );
    if let Value::Object(generated) = schema {
        for (key, value) in generated {
            if !matches!(key.as_str(), "$schema" | "title" | "description") {
                root.insert(key, value);
            }
        }
    }
    Value::Object(root)
}

/// The JSON Schema (draft 2020-12) of one kind of plan, `kind` included.
///
/// ```
/// use plan_model::Kind;
/// let schema = plan_schema::schema_for(Kind::Feature);
/// assert_eq!(schema["properties"]["kind"]["const"], "feature");
/// assert_eq!(schema["additionalProperties"], false);
/// ```
pub fn schema_for(kind: Kind) -> Value {
    let any = schema_for_any();
    let variant = any["oneOf"]
        .as_array()
        .and_then(|variants| {
            variants
                .iter()
                .find(|variant| variant["properties"]["kind"]["const"] == kind.as_str())
        })
        .cloned()
        .unwrap_or_else(|| unreachable!("every kind is a variant of Plan"));
    let mut root = Map::new();
    root.insert("$schema".into(), any["$schema"].clone());
    root.insert("$id".into(), json!(format!("{ID_BASE}{kind}.schema.json")));
    root.insert("title".into(), json!(format!("plankit {kind} plan")));
    let Value::Object(variant) = variant else {
        unreachable!("a variant schema is an object")
    };
    for (key, value) in variant {
        root.insert(key, value);
    }
    let mut used = BTreeSet::new();
    collect_refs(&Value::Object(root.clone()), &any["$defs"], &mut used);
    let definitions: Map<String, Value> = any["$defs"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, _)| used.contains(name.as_str()))
        .map(|(name, schema)| (name.clone(), schema.clone()))
        .collect();
    root.insert("$defs".into(), Value::Object(definitions));
    Value::Object(root)
}

/// The file name of a kind's schema (`feature.schema.json`), or of the any-plan schema.
pub fn file_name(kind: Option<Kind>) -> String {
    match kind {
        Some(kind) => format!("{kind}.schema.json"),
        None => "plan.schema.json".to_owned(),
    }
}

/// Adds the names of every definition reachable from `schema` to `used`.
fn collect_refs(schema: &Value, definitions: &Value, used: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "$ref" {
                    if let Some(name) = value.as_str().and_then(|r| r.strip_prefix("#/$defs/"))
                        && used.insert(name.to_owned())
                    {
                        collect_refs(&definitions[name], definitions, used);
                    }
                } else {
                    collect_refs(value, definitions, used);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_refs(item, definitions, used);
            }
        }
        _ => {}
    }
}

/// The pattern of every string a plan holds: text without NUL, which marks a binary file
/// (a plan's markdown with a NUL in it is not read). Any other character is text.
pub(crate) const TEXT_PATTERN: &str = "^[^\\u0000]*$";

/// Makes a generated schema what the model means and what strict validators accept:
/// optional parts are omitted, never `null`, so the `null` schemars allows for `Option` is
/// removed; an integer's bounds are its Rust type's (`maximum` from the `uint8`/`uint32`
/// format); strings are text ([`TEXT_PATTERN`]), and so are map keys; formats outside the
/// standard set are dropped.
fn clean(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            strip_null(map);
            describe_tags(map);
            bound_integer(map);
            constrain_text(map);
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|format| !STANDARD_FORMATS.contains(&format))
            {
                map.remove("format");
            }
            for value in map.values_mut() {
                clean(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean),
        _ => {}
    }
}

/// Gives an unsigned integer the largest value of its Rust type, from schemars' format.
fn bound_integer(map: &mut Map<String, Value>) {
    let maximum = match map.get("format").and_then(Value::as_str) {
        Some("uint8") => u64::from(u8::MAX),
        Some("uint16") => u64::from(u16::MAX),
        Some("uint32") => u64::from(u32::MAX),
        _ => return,
    };
    map.entry("maximum").or_insert(json!(maximum));
}

/// Gives a free string the text pattern, and a map's keys too.
fn constrain_text(map: &mut Map<String, Value>) {
    let is_string = match map.get("type") {
        Some(Value::String(kind)) => kind == "string",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "string"),
        _ => false,
    };
    let free = ["enum", "const", "format", "pattern"]
        .iter()
        .all(|keyword| !map.contains_key(*keyword));
    if is_string && free {
        map.insert("pattern".into(), json!(TEXT_PATTERN));
    }
    if map
        .get("additionalProperties")
        .is_some_and(|values| values.is_object())
    {
        map.entry("propertyNames")
            .or_insert(json!({ "pattern": TEXT_PATTERN }));
    }
}

/// Gives each tag property (`kind`, a block's `type`), a `const` string, a description.
fn describe_tags(map: &mut Map<String, Value>) {
    let Some(Value::Object(properties)) = map.get_mut("properties") else {
        return;
    };
    for (name, property) in properties {
        if let Value::Object(property) = property
            && let (Some(Value::String(tag)), None) =
                (property.get("const").cloned(), property.get("description"))
        {
            property.insert(
                "description".into(),
                json!(format!("The `{name}` tag: always `{tag}` here.")),
            );
        }
    }
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type") == Some(&json!("null"))
}

fn strip_null(map: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|kind| kind != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        values.retain(|value| !value.is_null());
    }
    if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
        branches.retain(|branch| !is_null_schema(branch));
        if branches.len() == 1 {
            let Some(Value::Object(only)) = map.remove("anyOf").and_then(|mut branches| {
                branches.as_array_mut().map(|branches| branches.remove(0))
            }) else {
                return;
            };
            for (key, value) in only {
                map.entry(key).or_insert(value);
            }
        }
    }
}
