//! The README's `console` examples, run by trycmd: what the README shows is what `plan`
//! does. They run in a copy of `README.in/`; `README.out/` holds files as they must be
//! after them.

#[test]
fn readme_examples_are_what_plan_prints() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("PLAN_LOCK_TIMEOUT", "10")
        .register_bin("plan", trycmd::cargo::cargo_bin!("plan"))
        .case("README.md");
}
