//! JSON Schemas for implementation plans, validation of JSON plans, and an LLM profile.
//!
//! The schemas are generated from the [`plan_model`] types (schemars, draft 2020-12) and
//! committed under `schemas/` (`cargo xtask schemas` writes them; `cargo xtask check` fails
//! when they are stale). They are the whole contract for Python and TypeScript tools and
//! LLM pipelines that never link Rust.
//!
//! - [`schema_for`] and [`schema_for_any`]: the schema of one kind, or of any plan
//!   (a `oneOf` discriminated by `kind`).
//! - [`validate`] and [`validate_str`]: check JSON against the schema of its kind (the
//!   compiled validators are built once and reused) and read it into a [`plan_model::Plan`];
//!   each error is a [`plan_model::diagnostic::Diagnostic`] with the JSON pointer, the
//!   keyword in its code (`schema/format`), and — from text — the span of the value, so
//!   it renders with the JSON line and carets. Validation never touches the network.
//! - [`llm_schema_for`], [`to_llm`] and [`from_llm`]: each kind's schema in the shape
//!   structured-output APIs accept (OpenAI strict mode), and the lossless conversion;
//!   [`validate_llm`] and [`validate_llm_str`] check a model's answer against its kind's
//!   profile and read it into the model.
//!
//! # Example
//!
//! ```
//! use plan_model::Kind;
//!
//! let text = r#"{"kind": "feature", "title": "Search", "start_date": "2025-13-45"}"#;
//! let errors = plan_schema::validate_str(text).unwrap_err();
//! assert_eq!(errors[0].pointer.as_deref(), Some("/start_date"));
//! assert_eq!(errors[0].code, "schema/format");
//! assert_eq!(errors[0].line_column(text), (1, 54));
//!
//! let schema = plan_schema::schema_for(Kind::Feature);
//! assert_eq!(schema["$id"], "https://plankit.invalid/schemas/v1/feature.schema.json");
//!
//! let plan = plan_model::template::plan(Kind::Feature);
//! assert_eq!(plan_schema::from_llm(&plan_schema::to_llm(&plan)).unwrap(), plan);
//! ```

mod generate;
mod llm;
mod locate;
mod validate;

pub use generate::{ID_BASE, file_name, schema_for, schema_for_any};
pub use llm::{from_llm, llm_schema_for, to_llm};
pub use validate::{validate, validate_llm, validate_llm_str, validate_str};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
