//! The committed schemas: fixtures validate, broken plans are rejected with the right
//! pointer and keyword, every type and field is described, and the LLM profiles obey the
//! strict-mode rules and convert losslessly.

use std::path::{Path, PathBuf};

use plan_model::{Kind, Plan, template};
use rstest::rstest;
use serde_json::Value;

fn workspace(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn read_json(path: &str) -> Value {
    let path = workspace(path);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A draft 2020-12 validator of `schema` that checks formats.
fn compile(schema: &Value, name: &str) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|error| panic!("{name} compiles: {error}"))
}

#[rstest]
fn fixture_json_validates_against_its_kind_and_the_plan_schema(
    #[values(Kind::Atomic, Kind::Feature, Kind::Poc, Kind::Stepwise, Kind::Scoped)] kind: Kind,
) {
    let fixture = read_json(&format!("fixtures/templates/{kind}.json"));
    let plan = plan_schema::validate(&fixture).unwrap_or_else(|errors| panic!("{errors:#?}"));
    assert_eq!(plan, template::plan(kind));
    for schema in [
        format!("schemas/{kind}.schema.json"),
        "schemas/plan.schema.json".to_owned(),
    ] {
        let validator = compile(&read_json(&schema), &schema);
        let errors: Vec<String> = validator
            .iter_errors(&fixture)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{kind} fixture against {schema}: {errors:#?}"
        );
    }
}

/// Documents the kind schemas accept whose rendering once read back as another kind (found
/// by `schema/roundtrip.py`, reduced): each renders, reads back as its kind into JSON the
/// kind's schema accepts, and that reading renders to the same bytes.
#[test]
fn schema_valid_documents_read_back_as_their_kind() {
    let directory = workspace("tests/fixtures/readback");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("the readback fixtures are there")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let name = path.display().to_string();
        let document: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        let plan =
            plan_schema::validate(&document).unwrap_or_else(|errors| panic!("{name}: {errors:#?}"));
        let kind = plan.kind();
        let schema = format!("schemas/{kind}.schema.json");
        let validator = compile(&read_json(&schema), &schema);
        assert!(
            validator.is_valid(&document),
            "{name} is not valid against {schema}"
        );
        let rendered = plan_render::render(&plan);
        let reading = plan_doc::parse_as(kind, &rendered).plan;
        assert_eq!(
            reading.kind(),
            kind,
            "{name} read back as another kind:\n{rendered}"
        );
        let json = serde_json::to_value(&reading).expect("a plan serializes");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{name}: the reading against {schema}: {errors:#?}"
        );
        assert_eq!(
            plan_render::render(&reading),
            rendered,
            "{name}: the reading renders otherwise"
        );
    }
}

#[test]
fn broken_plans_are_rejected_with_the_right_pointer_and_keyword() {
    let cases = read_json("tests/schema/broken.json");
    let cases = cases.as_array().expect("a list of cases");
    assert!(cases.len() >= 5);
    for case in cases {
        let name = &case["name"];
        let errors = plan_schema::validate(&case["plan"])
            .expect_err(&format!("{name}: a broken plan is rejected"));
        assert!(
            errors
                .iter()
                .any(|error| error.pointer.as_deref() == case["pointer"].as_str()
                    && error.code
                        == format!("schema/{}", case["keyword"].as_str().unwrap_or_default())),
            "{name}: expected {} at {:?}, got {errors:#?}",
            case["keyword"],
            case["pointer"]
        );
        for error in &errors {
            assert!(
                error.message.len() > 10,
                "{name}: a sentence, not a keyword: {error}"
            );
        }
        // The committed files reject it too.
        for schema in [
            format!(
                "schemas/{}.schema.json",
                case["schema"].as_str().unwrap_or_default()
            ),
            "schemas/plan.schema.json".to_owned(),
        ] {
            let validator = compile(&read_json(&schema), &schema);
            assert!(
                !validator.is_valid(&case["plan"]),
                "{name}: {schema} accepts it"
            );
        }
    }
}

#[test]
fn errors_from_text_carry_line_and_column() {
    let text = "{\n  \"kind\": \"feature\",\n  \"title\": \"Search\",\n  \"phases\": [\n    \
                {\"number\": \"1\", \"name\": \"Index\",\n     \"tasks\": [{\"checked\": \"yes\", \
                \"title\": \"T\"}]}\n  ]\n}\n";
    let errors = plan_schema::validate_str(text).expect_err("checked is a string");
    let error = &errors[0];
    assert_eq!(error.pointer.as_deref(), Some("/phases/0/tasks/0/checked"));
    assert_eq!(error.line_column(text), (6, 28));
    assert_eq!(
        &text[error.span.clone()],
        "\"yes\"",
        "the span is the value"
    );
    let rendered = error.render("plan.json", text);
    assert!(rendered.contains("--> plan.json:6:28"), "{rendered}");
    assert!(
        rendered.contains("6 |      \"tasks\": [{\"checked\": \"yes\""),
        "the source line: {rendered}"
    );
    assert!(
        rendered.contains("^^^^^"),
        "carets under the value: {rendered}"
    );

    let errors = plan_schema::validate_str("{\"kind\": \"feature\",}").expect_err("not JSON");
    assert_eq!(errors[0].code, "schema/syntax");
    assert_eq!(errors[0].line_column("{\"kind\": \"feature\",}").0, 1);

    // A truncated file: the error is at its end, and columns count from 1.
    let truncated = "{\n  \"kind\": \"feature\",\n";
    let errors = plan_schema::validate_str(truncated).expect_err("truncated");
    assert_eq!(errors[0].line_column(truncated), (3, 1));
}

/// Walks a schema, calling `visit` with each subschema and its path.
fn walk(schema: &Value, path: &str, visit: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    match schema {
        Value::Object(map) => {
            visit(path, map);
            for (key, value) in map {
                walk(value, &format!("{path}/{key}"), visit);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &format!("{path}/{index}"), visit);
            }
        }
        _ => {}
    }
}

#[rstest]
fn every_type_and_field_is_described(
    #[values("plan", "atomic", "feature", "poc", "stepwise", "scoped", "generic")] name: &str,
) {
    let schema = read_json(&format!("schemas/{name}.schema.json"));
    assert!(
        schema["$id"]
            .as_str()
            .is_some_and(|id| id.ends_with(&format!("/{name}.schema.json")))
    );
    assert!(schema["title"].is_string() && schema["description"].is_string());
    let mut missing = Vec::new();
    for (definition, subschema) in schema["$defs"].as_object().into_iter().flatten() {
        if subschema.get("description").is_none() {
            missing.push(format!("/$defs/{definition}"));
        }
    }
    walk(&schema, "", &mut |path, map| {
        if let Some(Value::Object(properties)) = map.get("properties") {
            for (field, property) in properties {
                if property.get("description").is_none() {
                    missing.push(format!("{path}/properties/{field}"));
                }
            }
        }
    });
    assert!(missing.is_empty(), "{name}: undescribed: {missing:#?}");
}

#[rstest]
fn llm_profiles_obey_strict_mode(
    #[values(
        Kind::Atomic,
        Kind::Feature,
        Kind::Poc,
        Kind::Stepwise,
        Kind::Scoped,
        Kind::Generic
    )]
    kind: Kind,
) {
    let schema = read_json(&format!("schemas/llm/{kind}.schema.json"));
    assert_eq!(schema, plan_schema::llm_schema_for(kind));
    assert_eq!(schema["type"], "object", "the root is an object");
    let mut violations = Vec::new();
    let mut deepest = 0;
    walk(&schema, "", &mut |path, map| {
        for keyword in [
            "allOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "dependentRequired",
            "dependentSchemas",
            "patternProperties",
            "$ref",
            "$defs",
        ] {
            if map.contains_key(keyword) && !path.ends_with("/properties") {
                violations.push(format!("{path}: uses `{keyword}`"));
            }
        }
        let is_object =
            map.get("type") == Some(&Value::from("object")) || map.contains_key("properties");
        if is_object && !path.ends_with("/properties") {
            if map.get("additionalProperties") != Some(&Value::Bool(false)) {
                violations.push(format!(
                    "{path}: object without `additionalProperties: false`"
                ));
            }
            let properties: Vec<&String> = map
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(key, _)| key)
                .collect();
            let required: Vec<&str> = map
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if properties.len() != required.len()
                || properties
                    .iter()
                    .any(|property| !required.contains(&property.as_str()))
            {
                violations.push(format!("{path}: not every property is required"));
            }
            let depth = path.matches("/properties/").count();
            deepest = deepest.max(depth);
        }
    });
    assert!(violations.is_empty(), "{kind}: {violations:#?}");
    // OpenAI allows at most ten levels of object nesting.
    assert!(deepest <= 10, "{kind}: objects nest {deepest} levels deep");
}

#[rstest]
fn plans_convert_to_the_llm_profile_and_back_without_loss(
    #[values(
        Kind::Atomic,
        Kind::Feature,
        Kind::Poc,
        Kind::Stepwise,
        Kind::Scoped,
        Kind::Generic
    )]
    kind: Kind,
) {
    let mut plan = template::plan(kind);
    // Unknown metadata keys become key/value pairs in the profile.
    if let Plan::Feature(feature) = &mut plan {
        feature.metadata.insert("Complexity".into(), "High".into());
        feature.metadata.insert("Feature ID".into(), "F-12".into());
    }
    let llm = plan_schema::to_llm(&plan);
    let validator = compile(&plan_schema::llm_schema_for(kind), "the LLM profile");
    let errors: Vec<String> = validator
        .iter_errors(&llm)
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{kind}: {errors:#?}");
    assert_eq!(plan_schema::from_llm(&llm).expect("reads back"), plan);
}
