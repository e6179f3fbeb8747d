//! Properties over arbitrary models: any plan survives JSON and comes back equal, and any
//! plan renders.

use plan_model::Plan;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Runs `property` over arbitrary plans. The derived strategy for a whole plan is deeply
/// nested, so the runner gets a thread with a stack to match.
fn for_any_plan(property: fn(Plan) -> Result<(), TestCaseError>) {
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let mut runner = TestRunner::new(Config {
                cases: 64,
                ..Config::default()
            });
            runner
                .run(&any::<Plan>(), property)
                .unwrap_or_else(|failure| panic!("{failure}"));
        })
        .expect("the property thread starts")
        .join()
        .expect("the property holds");
}

#[test]
fn any_plan_roundtrips_through_json() {
    for_any_plan(|plan| {
        let json = serde_json::to_string(&plan).expect("a model serializes");
        let back: Plan = serde_json::from_str(&json)
            .map_err(|error| TestCaseError::fail(format!("{error}\n{json}")))?;
        prop_assert_eq!(back, plan);
        Ok(())
    });
}

#[test]
fn any_plan_renders_and_starts_with_a_heading() {
    for_any_plan(|plan| {
        let markdown = plan_render::render(&plan);
        // A generic plan's first section may be the text before any heading.
        if plan.kind() != plan_model::Kind::Generic {
            prop_assert!(markdown.starts_with('#'), "{markdown}");
        }
        Ok(())
    });
}

#[test]
fn any_plan_roundtrips_through_the_llm_profile() {
    for_any_plan(|plan| {
        let llm = plan_schema::to_llm(&plan);
        let back = plan_schema::from_llm(&llm)
            .map_err(|error| TestCaseError::fail(format!("{error:?}\n{llm}")))?;
        prop_assert_eq!(back, plan);
        Ok(())
    });
}

#[test]
fn any_plan_the_model_accepts_validates_against_its_schema() {
    for_any_plan(|plan| {
        let json = serde_json::to_value(&plan).expect("a model serializes");
        if let Err(errors) = plan_schema::validate(&json) {
            return Err(TestCaseError::fail(format!("{errors:#?}\n{json}")));
        }
        Ok(())
    });
}
