//! Markdown from typed implementation plans, in each template's exact layout.
//!
//! [`render`] writes any [`Plan`]; [`render_atomic`], [`render_feature`], [`render_poc`],
//! [`render_stepwise`], [`render_scoped`] and [`render_generic`] write one kind each. The output follows the
//! kind's template to the byte: heading levels, blank lines, `---` rules, bullet and
//! numbering styles, bold labels, tables, code fences and the final newline. A model built
//! from a template's placeholders renders back to the template itself.
//!
//! Rendering is total: every model renders, absent optional parts are left out, and
//! verbatim extras are written exactly as kept.
//!
//! # Example
//!
//! ```
//! use plan_model::stepwise::{Phase, Step, StepwisePlan};
//! use plan_model::Plan;
//!
//! let plan = Plan::from(
//!     StepwisePlan::builder()
//!         .title("Search")
//!         .phases(vec![Phase::builder()
//!             .number("1")
//!             .name("Index")
//!             .objective("Build the index")
//!             .steps(vec![Step::builder()
//!                 .number("1.1")
//!                 .name("Tokenizer")
//!                 .validation("`cargo test tokenizer`")
//!                 .build()])
//!             .build()])
//!         .build(),
//! );
//!
//! assert_eq!(
//!     plan_render::render(&plan),
//!     "# Search\n\n## Implementation Steps\n\n### Phase 1: Index\n**Objective**: Build the index\n\
//!      \n#### Step 1.1: Tokenizer\n- **Validation**: `cargo test tokenizer`\n"
//! );
//! ```

mod atomic;
mod feature;
mod generic;
mod poc;
mod scoped;
mod stepwise;
mod writer;

pub use atomic::render_atomic;
pub use feature::render_feature;
pub use generic::{render_generic, render_kept, render_sections};
pub use poc::render_poc;
pub use scoped::render_scoped;
pub use stepwise::render_stepwise;

use plan_model::Plan;

/// Renders any plan as markdown in its kind's template layout.
///
/// ```
/// use plan_model::{Plan, scoped::ScopedPlan};
/// let plan = Plan::from(ScopedPlan::builder().title("Search").build());
/// assert_eq!(plan_render::render(&plan), "# Implementation Plan: Search\n");
/// ```
pub fn render(plan: &Plan) -> String {
    match plan {
        Plan::Atomic(plan) => render_atomic(plan),
        Plan::Feature(plan) => render_feature(plan),
        Plan::Poc(plan) => render_poc(plan),
        Plan::Stepwise(plan) => render_stepwise(plan),
        Plan::Scoped(plan) => render_scoped(plan),
        Plan::Generic(plan) => render_generic(plan),
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
