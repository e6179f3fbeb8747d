//! The `generic` layout: each section's heading line, then its blocks as kept. A plan read
//! from markdown renders back to its source byte for byte.

use plan_model::generic::{Block, GenericPlan, Task};

/// Renders a `generic` plan: headings (as written, or `#… title`), verbatim blocks, and
/// tasks as `- [ ] text` with their kept prefix and line ending.
///
/// ```
/// use plan_model::generic::{Block, GenericPlan, Section, Task};
/// let plan = GenericPlan::builder()
///     .title("Search")
///     .sections(vec![Section::builder()
///         .level(1)
///         .title("Search")
///         .blocks(vec![Block::Task(Task::builder().text("T001 Index").checked(true).build())])
///         .build()])
///     .build();
/// assert_eq!(plan_render::render_generic(&plan), "# Search\n- [x] T001 Index\n");
/// ```
pub fn render_generic(plan: &GenericPlan) -> String {
    let mut out = String::new();
    for section in &plan.sections {
        match &section.heading {
            Some(heading) => out.push_str(heading),
            None if section.level > 0 => {
                for _ in 0..section.level {
                    out.push('#');
                }
                out.push(' ');
                out.push_str(&section.title);
                out.push('\n');
            }
            None => {}
        }
        for block in &section.blocks {
            match block {
                Block::Markdown { markdown } => out.push_str(markdown),
                Block::Task(task) => task_line(&mut out, task),
            }
        }
    }
    out
}

fn task_line(out: &mut String, task: &Task) {
    out.push_str(task.prefix.as_deref().unwrap_or("- "));
    out.push_str(match (task.checked, task.upper_x) {
        (false, _) => "[ ] ",
        (true, false) => "[x] ",
        (true, true) => "[X] ",
    });
    out.push_str(&task.text);
    out.push_str(task.line_end.as_deref().unwrap_or("\n"));
}
