//! Cross-crate integration tests for plankit live in `tests/`; this library only runs the
//! workspace README's examples as doctests.

/// The workspace README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
