//! The `generic` layout: each section's heading line, then its blocks as kept. A plan read
//! from markdown renders back to its source byte for byte.

use plan_model::generic::{Block, GenericPlan, Section, Table, Task};

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
    write_sections(&mut out, &plan.sections);
    out
}

/// Renders sections as [`render_generic`] does: a generic plan's, or those under a
/// template plan's kept section ([`render_kept`]), which come back as they were read.
///
/// ```
/// use plan_model::generic::{Block, Field, Section};
/// let section = Section::builder()
///     .level(2)
///     .title("Owners")
///     .blocks(vec![Block::Field(Field::builder().key("Backend").value("Ana").build())])
///     .build();
/// assert_eq!(plan_render::render_sections(&[section]), "## Owners\n**Backend:** Ana\n");
/// ```
pub fn render_sections(sections: &[Section]) -> String {
    let mut out = String::new();
    write_sections(&mut out, sections);
    out
}

/// Renders a template plan's kept section ([`plan_model::KeptSection`]) as it was read:
/// its heading (as written, or `## title`, if it has one), its blocks and its sections.
///
/// ```
/// use plan_model::KeptSection;
/// use plan_model::generic::{Block, Item};
/// let kept = KeptSection {
///     blocks: vec![Block::Item(Item::builder().text("A term").build())],
///     ..KeptSection::last("Glossary")
/// };
/// assert_eq!(plan_render::render_kept(&kept), "## Glossary\n- A term\n");
/// ```
pub fn render_kept(kept: &plan_model::KeptSection) -> String {
    let mut out = String::new();
    match (&kept.heading, &kept.title) {
        (Some(heading), _) => out.push_str(heading),
        (None, Some(title)) => {
            out.push_str("## ");
            out.push_str(title);
            out.push('\n');
        }
        (None, None) => {}
    }
    write_blocks(&mut out, &kept.blocks);
    write_sections(&mut out, &kept.sections);
    out
}

/// Writes `sections` as [`render_sections`] does.
pub(crate) fn write_sections(out: &mut String, sections: &[Section]) {
    for section in sections {
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
        write_blocks(out, &section.blocks);
    }
}

/// Writes each block as it was read.
pub(crate) fn write_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Markdown { markdown } => out.push_str(markdown),
            Block::Task(task) => task_line(out, task),
            Block::Item(item) => {
                out.push_str(item.prefix.as_deref().unwrap_or("- "));
                out.push_str(&item.text);
                out.push_str(item.line_end.as_deref().unwrap_or("\n"));
            }
            Block::Field(field) => {
                out.push_str("**");
                out.push_str(&field.key);
                out.push_str(if field.colon_outside { "**:" } else { ":**" });
                if !field.value.is_empty() {
                    out.push(' ');
                    out.push_str(&field.value);
                }
                out.push_str(field.line_end.as_deref().unwrap_or("\n"));
            }
            Block::Table(table) => write_table(out, table),
        }
    }
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

/// A table's rows as `| a | b |`, its delimiter row as written.
fn write_table(out: &mut String, table: &Table) {
    let end = table.line_end.as_deref().unwrap_or("\n");
    let row = |out: &mut String, cells: &[String]| {
        out.push('|');
        for cell in cells {
            out.push(' ');
            out.push_str(cell);
            out.push_str(" |");
        }
        out.push_str(end);
    };
    row(out, &table.header);
    out.push_str(&table.delimiter);
    out.push_str(end);
    for cells in &table.rows {
        row(out, cells);
    }
}
