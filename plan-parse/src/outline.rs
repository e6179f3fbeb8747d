//! The outline of any markdown text, for the crates that edit plans as documents
//! (`plan-doc`): its headings and checkboxes with their byte ranges, as CommonMark reads
//! them, and the line rules the readers use.
//!
//! ```
//! let src = "# Plan\n\n## Phase 1\n\n- [x] T001 Write\n- [ ] T002 Test\n";
//! let outline = plan_parse::outline::outline(src);
//! let titles: Vec<&str> = outline.headings.iter().map(|h| h.text.as_str()).collect();
//! assert_eq!(titles, ["Plan", "Phase 1"]);
//! assert_eq!(outline.checkboxes.len(), 2);
//! assert!(outline.checkboxes[0].checked);
//! assert_eq!(plan_parse::outline::task_id("T002 Test").as_deref(), Some("T002"));
//! ```

pub use crate::generic::{
    Checkbox, Heading, Outline, after_container_mark, bom_len, is_underline, task_id,
};
pub use crate::lines::{blank, each as lines};

/// The headings and checkboxes of `src`, in source order.
pub fn outline(src: &str) -> Outline {
    crate::generic::Found::of(src).into_outline(src)
}
