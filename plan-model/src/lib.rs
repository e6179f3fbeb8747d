//! Strongly typed implementation plans.
//!
//! `plan-model` is the data model of plankit: one module per plan kind ([`atomic`],
//! [`feature`], [`poc`], [`stepwise`], [`scoped`], and [`generic`] for plans that follow
//! no template), the building blocks they share
//! ([`common`]), values that may be typed or raw ([`value`]), and [`Plan`], the sum of the
//! five kinds with a kind-neutral view of progress.
//!
//! Every type derives `Serialize`, `Deserialize`, `JsonSchema`, `Clone`, `Debug`,
//! `PartialEq` and a [`typed_builder`] builder whose optional parts default to empty.
//! JSON is snake_case; absent optional parts are omitted.
//!
//! Every node of a plan read from markdown knows where it was read from: its `span`
//! field ([`Span`]) holds the byte range of the source. Spans are layout, so they are not
//! serialized, not in the JSON Schema, and never make two plans differ.
//!
//! Plans are written by people, so the model never needs to drop anything: a value that
//! does not read as its type keeps its raw text ([`TypedOrRaw`]), metadata blocks keep the
//! keys the template does not name ([`Metadata`]), and sections users extend have an
//! ordered slot for verbatim content ([`Verbatim`]).
//!
//! # Example
//!
//! ```
//! use plan_model::feature::{FeaturePlan, Phase, Task};
//! use plan_model::{Plan, Progress, Status, TypedOrRaw};
//!
//! let plan: Plan = FeaturePlan::builder()
//!     .title("Search")
//!     .phases(vec![Phase::builder()
//!         .number("1")
//!         .name("Index")
//!         .status(TypedOrRaw::Typed(Status::InProgress))
//!         .tasks(vec![
//!             Task::builder().number("1.1").title("Tokenizer").checked(true).build(),
//!             Task::builder().number("1.2").title("Inverted index").build(),
//!         ])
//!         .build()])
//!     .build()
//!     .into();
//!
//! assert_eq!(plan.progress(), Progress { done: 1, total: 2 });
//! let json = serde_json::to_string(&plan)?;
//! assert!(json.starts_with(r#"{"kind":"feature","schema_version":1,"title":"Search""#));
//! assert_eq!(serde_json::from_str::<Plan>(&json)?, plan);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Features
//!
//! - `proptest`: derives `proptest::arbitrary::Arbitrary` for every model type.

pub mod atomic;
pub mod common;
pub mod diagnostic;
pub mod feature;
pub mod generic;
pub mod markdown;
pub mod poc;
pub mod scoped;
pub mod stepwise;
pub mod template;
pub mod value;
pub mod view;
pub mod vocabulary;

mod integer;
mod plan;
mod span;

#[cfg(feature = "proptest")]
mod arbitrary;

pub use common::{
    BulletGroup, ChecklistGroup, ChecklistItem, CodeBlock, FileRef, GroupSection, Headings,
    KeptSection, LabeledItem, LabeledList, LineRange, ListItem, Markdown, Metadata, Risk,
    SchemaVersion, Verbatim, checkboxes_in,
};
pub use plan::{Kind, Plan, UnknownKind};
pub use span::Span;
pub use value::{Exclusion, FileAction, Level, Status, TypedOrRaw, Value};
pub use view::{Outline, PhaseView, Progress, Role, RoleProgress, TaskView};
pub use vocabulary::SectionName;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
