//! plankit's cross-crate integration tests, one binary: each module is one area (the
//! corpus, the templates, the schemas, edits, conversion, ...); `support` is what they
//! share.

mod support;

mod convert;
mod corpus;
mod diagnostics;
mod edit_properties;
mod edits;
mod hostile;
mod in_place;
mod json_roundtrip;
mod lenient;
mod lint;
mod parse_properties;
mod schema;
mod scoped;
mod spans;
mod templates;
mod work;
