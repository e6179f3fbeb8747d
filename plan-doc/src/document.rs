//! The lossless document: a plan's source text and the map of where its sections, tasks
//! and statuses are, with edits that change only the bytes of what they edit.
//!
//! A [`Document`] written back unedited is its source, byte for byte. Ticking a box
//! rewrites one byte; setting a status rewrites the status's own text; adding a task
//! inserts one line in the layout of its neighbours. Every other line stays as it was.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use plan_model::{Role, RoleProgress, Status, Value};

use plan_parse::outline::{self, bom_len};

/// A plan's source and the map of its sections and tasks.
///
/// ```
/// use plan_doc::Document;
///
/// let src = "# Plan\n\n## Phase 1: Setup\n- [ ] T001 Create project\n- [x] T002 Lint\n";
/// let mut doc = Document::new(src);
/// assert_eq!(doc.to_string(), src); // unedited: byte for byte
///
/// let task = doc.find_task("T001")?;
/// assert_eq!(doc.tasks()[task].path, "phase-1/1");
/// doc.set_checked(task, true);
/// assert_eq!(doc.source(), src.replace("- [ ] T001", "- [x] T001"));
/// # Ok::<(), plan_doc::AddressError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Document {
    source: String,
    sections: Vec<DocSection>,
    tasks: Vec<DocTask>,
    /// Per task: whether its own id names it alone (no other task has the same id, and no
    /// task's path is that id).
    unique_ids: Vec<bool>,
}

/// A heading of the document and the content up to the next heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSection {
    /// The heading level, 1 to 6; 0 for the content before the first heading.
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// The address `plan set-status` accepts: `phase-2`, `step-1.1`, or the title's slug
    /// (`success-criteria`), qualified by its parent's address when the slug repeats.
    pub path: String,
    /// The heading's whole lines, line endings included (empty for level 0).
    pub heading: Range<usize>,
    /// The content from after the heading to the next heading of any level.
    pub body: Range<usize>,
    /// The enclosing section (a heading of a lower level before it).
    pub parent: Option<usize>,
    /// Where the section's status is written, if it is.
    pub status: Option<StatusMark>,
}

/// Where and how a section's status is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMark {
    /// The status, when it reads as one.
    pub status: Option<Status>,
    /// The bytes of the status text (after `Status:`, or the emoji in the heading).
    pub span: Range<usize>,
    /// How it is written.
    pub notation: Notation,
}

/// The ways a status is written in plans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    /// An emoji in the heading: `### Phase 1: Setup ✅`.
    HeadingEmoji,
    /// A `Status:` line (bold or not, in a bullet or not) with a plain value: `Complete`.
    Line,
    /// A `Status:` line whose value opens with an emoji: `✅ Complete`.
    LineWithEmoji,
}

/// A checkbox item of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocTask {
    /// The id the task's text opens with (`T001`, `Task 1.2`, `1.2`), if any.
    pub id: Option<String>,
    /// The section's path and the task's number among the section's own tasks
    /// (`phase-2/3`): an address that is always unique.
    pub path: String,
    /// The text after the checkbox, trimmed.
    pub title: String,
    /// Whether the box is ticked.
    pub checked: bool,
    /// The section the task is in.
    pub section: usize,
    /// The bytes of `[ ]` or `[x]`.
    pub marker: Range<usize>,
    /// The task's line, line ending included.
    pub line: Range<usize>,
    /// An optional task as Kiro writes it (`- [ ]* 4.3 Write property test`): counted
    /// apart from the others, and offered by [`Document::next`] only when asked.
    pub optional: bool,
    /// spec-kit's `[P]` in the text: the task can run in parallel with the other `[P]`
    /// tasks of its section.
    pub parallel: bool,
    /// spec-kit's user story in the text (`[US1]`, `[Story 2]`), without its brackets.
    pub story: Option<String>,
    /// Kiro's requirement references, from a `_Requirements: 1.2, 3.1_` line under the
    /// task.
    pub requirements: Vec<String>,
}

/// A unit of work, as a plan's kind defines work ([`Document::next_units`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A checkbox: an index into [`Document::tasks`].
    Task(usize),
    /// A step written as a heading (`#### Step 1.1: Name`): an index into
    /// [`Document::sections`].
    Step(usize),
    /// A phase written as a heading (`### Phase 2: Name`): an index into
    /// [`Document::sections`].
    Phase(usize),
}

impl Unit {
    /// The section of a step or phase; `None` for a task.
    pub fn section(self) -> Option<usize> {
        match self {
            Unit::Task(_) => None,
            Unit::Step(section) | Unit::Phase(section) => Some(section),
        }
    }
}

/// Which tasks [`Document::next`] offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NextOptions {
    /// Every task that can start now, not only the first: with a task marked `[P]`, the
    /// other open `[P]` tasks of its section whose dependencies are met.
    pub all: bool,
    /// Optional tasks too (Kiro's `- [ ]*`).
    pub optional: bool,
}

/// The keys of `Key: value` lines that hold dates.
pub const DATE_KEYS: [&str; 14] = [
    "Date",
    "Created",
    "Start Date",
    "Start",
    "Started",
    "Target Date",
    "Target",
    "Target Completion",
    "Deadline",
    "Due",
    "Due Date",
    "Last Updated",
    "Updated",
    "Completed",
];

/// A section or a task of a [`Document`], by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// An index into [`Document::sections`].
    Section(usize),
    /// An index into [`Document::tasks`].
    Task(usize),
}

/// A step, phase or task that a section or task says it depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    /// The name as written: `Step 1.1`, `T001`, `2.1`.
    pub reference: String,
    /// Where it is written.
    pub span: Range<usize>,
    /// What it names, when the plan has it.
    pub target: Option<Item>,
}

/// A task or section address that names nothing, or more than one thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    /// Nothing has that address, id or title.
    NotFound {
        /// The address as given.
        query: String,
        /// Addresses and titles of the closest items, best first.
        suggestions: Vec<String>,
    },
    /// Several items match.
    Ambiguous {
        /// The address as given.
        query: String,
        /// Each match's unique address and title.
        candidates: Vec<String>,
    },
}

impl fmt::Display for AddressError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressError::NotFound { query, suggestions } => {
                write!(formatter, "nothing matches `{query}`")?;
                if !suggestions.is_empty() {
                    write!(formatter, "; closest: {}", suggestions.join("; "))?;
                }
                Ok(())
            }
            AddressError::Ambiguous { query, candidates } => write!(
                formatter,
                "`{query}` matches {} items; name one by its address: {}",
                candidates.len(),
                candidates.join("; ")
            ),
        }
    }
}

impl std::error::Error for AddressError {}

impl fmt::Display for Document {
    /// Writes the source as it now is: byte for byte the original when nothing was edited.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.source)
    }
}

impl Document {
    /// Maps `source`. Never fails: any text is a document (a plan without headings or
    /// checkboxes has one section and no tasks).
    pub fn new(source: impl Into<String>) -> Document {
        let source = source.into();
        let outline = outline::outline(&source);
        let sections = sections(&source, &outline.headings);
        let tasks = tasks(&source, &outline.checkboxes, &sections);
        let unique_ids = unique_ids(&tasks);
        Document {
            source,
            sections,
            tasks,
            unique_ids,
        }
    }

    /// The text as it now is.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Gives back the text.
    pub fn into_source(self) -> String {
        self.source
    }

    /// The sections in source order; the first is the content before the first heading
    /// (level 0), possibly empty.
    pub fn sections(&self) -> &[DocSection] {
        &self.sections
    }

    /// The checkbox items in source order.
    pub fn tasks(&self) -> &[DocTask] {
        &self.tasks
    }

    /// Reads the document as a plan (what [`crate::parse`] gives for its source).
    pub fn parse(&self) -> plan_parse::Parsed {
        crate::parse(&self.source)
    }

    /// The address to show for a task: its own id when no other task has the same one,
    /// else its path. [`Document::find_task`] accepts it.
    pub fn address(&self, task: usize) -> &str {
        let this = &self.tasks[task];
        match &this.id {
            Some(id) if self.unique_ids[task] => id,
            _ => &this.path,
        }
    }

    /// The sections enclosing `section`, outermost first, then `section` itself.
    pub fn ancestry(&self, section: usize) -> Vec<usize> {
        let mut chain = vec![section];
        let mut at = section;
        while let Some(parent) = self.sections[at].parent {
            chain.push(parent);
            at = parent;
        }
        chain.reverse();
        chain
    }

    /// Whether section `inner` is `outer` or nested in it.
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        let mut at = Some(inner);
        while let Some(section) = at {
            if section == outer {
                return true;
            }
            at = self.sections[section].parent;
        }
        false
    }

    /// The task a user means by `query`: its path (`phase-2/3`), its own id (`T001`,
    /// `Task 1.2`, `1.2`, any case), or else words of its title. Several matches are an
    /// [`AddressError::Ambiguous`] that lists them.
    pub fn find_task(&self, query: &str) -> Result<usize, AddressError> {
        let query = query.trim();
        if let Some(index) = self
            .tasks
            .iter()
            .position(|task| task.path.eq_ignore_ascii_case(query))
        {
            return Ok(index);
        }
        let by_id = self.tasks_with_id(query);
        let describe = |index: usize| {
            let task = &self.tasks[index];
            format!("{} ({})", task.path, shorten(&task.title))
        };
        self.choose(query, self.tasks.len(), by_id, describe, |index| {
            self.tasks[index].title.as_str()
        })
    }

    /// The tasks whose own id is `id` (as [`same_id`] compares them).
    fn tasks_with_id(&self, id: &str) -> Vec<usize> {
        (0..self.tasks.len())
            .filter(|&task| {
                self.tasks[task]
                    .id
                    .as_deref()
                    .is_some_and(|own| same_id(own, id))
            })
            .collect()
    }

    /// The section a user means by `query`: its path (`phase-2`, `step-1.1`), a phase or
    /// step number (`2`, `1.1`), or else words of its title.
    pub fn find_section(&self, query: &str) -> Result<usize, AddressError> {
        let query = query.trim();
        let lower = query.to_lowercase();
        if let Some(index) = self
            .sections
            .iter()
            .position(|section| section.level > 0 && section.path.to_lowercase() == lower)
        {
            return Ok(index);
        }
        let by_number: Vec<usize> = (0..self.sections.len())
            .filter(|&index| {
                plan_model::view::numbered_unit(&self.sections[index].title)
                    .is_some_and(|(_, number)| number.eq_ignore_ascii_case(&lower))
                    || self.sections[index]
                        .path
                        .rsplit('/')
                        .next()
                        .is_some_and(|last| last == lower)
            })
            .collect();
        let describe = |index: usize| {
            let section = &self.sections[index];
            format!("{} ({})", section.path, shorten(&section.title))
        };
        self.choose(query, self.sections.len(), by_number, describe, |index| {
            if self.sections[index].level == 0 {
                ""
            } else {
                self.sections[index].title.as_str()
            }
        })
    }

    /// One of `exact` if it has one item; else the items whose title holds every word of
    /// `query`; with errors that list candidates or suggestions.
    fn choose<'a>(
        &'a self,
        query: &str,
        count: usize,
        exact: Vec<usize>,
        describe: impl Fn(usize) -> String,
        title: impl Fn(usize) -> &'a str,
    ) -> Result<usize, AddressError> {
        match exact.len() {
            1 => return Ok(exact[0]),
            0 => {}
            _ => {
                return Err(AddressError::Ambiguous {
                    query: query.to_owned(),
                    candidates: exact.into_iter().map(describe).collect(),
                });
            }
        }
        let words = words(query);
        if words.is_empty() {
            return Err(AddressError::NotFound {
                query: query.to_owned(),
                suggestions: Vec::new(),
            });
        }
        let mut scored: Vec<(usize, usize)> = (0..count)
            .filter_map(|index| {
                let text = title(index);
                let have = self::words(text);
                let shared = words.iter().filter(|word| have.contains(word)).count();
                (shared > 0).then_some((shared, index))
            })
            .collect();
        let matches: Vec<usize> = scored
            .iter()
            .filter(|(shared, _)| *shared == words.len())
            .map(|&(_, index)| index)
            .collect();
        match matches.len() {
            1 => Ok(matches[0]),
            0 => {
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                Err(AddressError::NotFound {
                    query: query.to_owned(),
                    suggestions: scored
                        .into_iter()
                        .take(5)
                        .map(|(_, index)| describe(index))
                        .collect(),
                })
            }
            _ => Err(AddressError::Ambiguous {
                query: query.to_owned(),
                candidates: matches.into_iter().map(describe).collect(),
            }),
        }
    }

    /// The sections nested in `section`, and itself: a range of section indices.
    pub fn subtree(&self, section: usize) -> Range<usize> {
        let level = self.sections[section].level;
        let end = match level {
            0 => section + 1,
            _ => self.sections[section + 1..]
                .iter()
                .position(|other| other.level <= level)
                .map_or(self.sections.len(), |offset| section + 1 + offset),
        };
        section..end
    }

    /// The tasks in `section` and the sections nested in it: a range of task indices.
    pub fn tasks_within(&self, section: usize) -> Range<usize> {
        // Tasks are in source order, so those of a run of sections are a run of tasks.
        let subtree = self.subtree(section);
        let start = self
            .tasks
            .partition_point(|task| task.section < subtree.start);
        let end = self
            .tasks
            .partition_point(|task| task.section < subtree.end);
        start..end
    }

    /// Ticked and all tasks in `section` and the sections nested in it; optional tasks
    /// are not counted ([`Document::progress_by_role`] counts them apart).
    pub fn progress_of(&self, section: usize) -> plan_model::Progress {
        let mut progress = plan_model::Progress::default();
        for task in self.tasks_within(section) {
            let task = &self.tasks[task];
            if !task.optional {
                progress.total += 1;
                progress.done += usize::from(task.checked);
            }
        }
        progress
    }

    /// Ticked and all boxes in `section` and the sections nested in it (or in the whole
    /// document), by role, given the tasks' `roles` ([`Document::roles`]); optional tasks
    /// are counted only in [`RoleProgress::optional`].
    pub fn progress_by_role(&self, section: Option<usize>, roles: &[Role]) -> RoleProgress {
        let tasks = section.map_or(0..self.tasks.len(), |section| self.tasks_within(section));
        let mut progress = RoleProgress::default();
        for index in tasks {
            let task = &self.tasks[index];
            let role = roles.get(index).copied().unwrap_or(Role::Task);
            progress.count(role, task.checked, task.optional);
        }
        progress
    }

    /// Ticked and all tasks of the document; optional tasks are not counted.
    pub fn progress(&self) -> plan_model::Progress {
        let counted = self.tasks.iter().filter(|task| !task.optional);
        plan_model::Progress {
            done: counted.clone().filter(|task| task.checked).count(),
            total: counted.count(),
        }
    }

    /// The `Key: value` lines of section `section`'s own content (or of the whole
    /// document), outside code fences: each key and value as written.
    pub fn fields(&self, section: Option<usize>) -> Vec<(&str, &str)> {
        let range = match section {
            Some(section) => self.sections[section].body.clone(),
            None => 0..self.source.len(),
        };
        fields(&self.source, range)
            .map(|(key, value)| (key, &self.source[value]))
            .collect()
    }

    /// The `Key: value` lines of section `section`'s own content (or of the whole document),
    /// with the span of each value.
    pub fn field_spans(&self, section: Option<usize>) -> Vec<(&str, Range<usize>)> {
        let range = match section {
            Some(section) => self.sections[section].body.clone(),
            None => 0..self.source.len(),
        };
        fields(&self.source, range).collect()
    }

    /// The dates the plan gives (`Created: …`, `**Target Date**: …`; the keys are
    /// [`DATE_KEYS`], any case), the first of each key, with the span of the value.
    pub fn dates(&self) -> Vec<(&str, Range<usize>)> {
        let mut found: Vec<(&str, Range<usize>)> = Vec::new();
        for (key, value) in self.field_spans(None) {
            if DATE_KEYS.iter().any(|date| date.eq_ignore_ascii_case(key))
                && !found.iter().any(|(seen, _)| seen.eq_ignore_ascii_case(key))
            {
                found.push((key, value));
            }
        }
        found
    }

    /// What section `section` says it depends on (a `Dependencies:` or `Depends on:`
    /// line), and what a task's own text says (`… depends on T001`): each step, phase or
    /// task named, found or not.
    pub fn dependencies(&self, of: Item) -> Vec<Dependency> {
        let texts: Vec<(usize, &str)> = match of {
            Item::Section(section) => {
                let body = self.sections[section].body.clone();
                fields(&self.source, body)
                    .filter(|(key, _)| {
                        let key = key.to_lowercase();
                        key == "dependencies" || key == "depends on" || key == "dependency"
                    })
                    .map(|(_, value)| (value.start, &self.source[value]))
                    .collect()
            }
            Item::Task(task) => {
                let task = &self.tasks[task];
                let text = &self.source[task.marker.end..task.line.end];
                let phrase = b"depends on";
                memchr::memchr2_iter(b'd', b'D', text.as_bytes())
                    .find(|&at| {
                        text.as_bytes()
                            .get(at..at + phrase.len())
                            .is_some_and(|found| found.eq_ignore_ascii_case(phrase))
                    })
                    .map(|at| {
                        let at = at + phrase.len();
                        (task.marker.end + at, &text[at..])
                    })
                    .into_iter()
                    .collect()
            }
        };
        let mut found = Vec::new();
        for (offset, text) in texts {
            for (reference, range) in references(text) {
                let target = self.resolve(&reference);
                found.push(Dependency {
                    reference,
                    span: offset + range.start..offset + range.end,
                    target,
                });
            }
        }
        found
    }

    /// The step, phase or task a dependency names: `Step 1.1`, `Phase 2`, `T001`, `1.1`.
    fn resolve(&self, reference: &str) -> Option<Item> {
        let lower = reference.to_lowercase();
        let unit = plan_model::view::numbered_unit(reference);
        let sections: Vec<usize> = (1..self.sections.len())
            .filter(|&index| {
                match (
                    &unit,
                    plan_model::view::numbered_unit(&self.sections[index].title),
                ) {
                    (Some((unit, number)), Some((own_unit, own_number))) => {
                        *unit == own_unit && *number == own_number
                    }
                    (None, Some((_, own_number))) => own_number == lower,
                    _ => false,
                }
            })
            .collect();
        if let [section] = sections[..] {
            return Some(Item::Section(section));
        }
        let tasks = self.tasks_with_id(reference);
        match (&tasks[..], &sections[..]) {
            ([task], _) => Some(Item::Task(*task)),
            (_, [first, ..]) => Some(Item::Section(*first)),
            _ => None,
        }
    }

    /// Whether `item` is done: a task whose box is ticked; a section whose tasks are all
    /// ticked and whose status, if it has one, is complete.
    pub fn is_done(&self, item: Item) -> bool {
        match item {
            Item::Task(task) => self.tasks[task].checked,
            Item::Section(section) => {
                let progress = self.progress_of(section);
                let status = self.sections[section]
                    .status
                    .as_ref()
                    .and_then(|mark| mark.status);
                progress.done == progress.total
                    && status.is_none_or(|status| status == Status::Complete)
            }
        }
    }

    /// The first unticked task, in the order work is done ([`Document::work_order`]),
    /// whose dependencies (its own, and those of the sections it is in) are done; optional
    /// tasks are passed over. Dependencies that name nothing in the plan are not waited for.
    pub fn next_task(&self) -> Option<usize> {
        self.next(NextOptions::default()).first().copied()
    }

    /// The tasks that can start now, in the order work is done ([`Document::work_order`]):
    /// the first unticked one whose dependencies (its own, and those of the sections it is
    /// in) are done, and with `options.all`, when that one is marked `[P]`, the other
    /// unticked `[P]` tasks of its section whose dependencies are done. Optional tasks only
    /// with `options.optional`. Empty when none can start.
    pub fn next(&self, options: NextOptions) -> Vec<usize> {
        self.next_in(options, &self.roles())
    }

    /// [`Document::next`], given the tasks' `roles`.
    fn next_in(&self, options: NextOptions, roles: &[Role]) -> Vec<usize> {
        let met = |item: Item| {
            self.dependencies(item)
                .into_iter()
                .filter_map(|dependency| dependency.target)
                .all(|target| self.is_done(target))
        };
        // Each section's dependencies are read once, however many tasks it holds.
        let mut sections_met: HashMap<usize, bool> = HashMap::new();
        let mut can_start = |task: usize| {
            let entry = &self.tasks[task];
            !entry.checked
                && (options.optional || !entry.optional)
                && self.ancestry(entry.section).into_iter().all(|section| {
                    *sections_met
                        .entry(section)
                        .or_insert_with(|| met(Item::Section(section)))
                })
                && met(Item::Task(task))
        };
        let order = self.work_order(roles);
        let Some(first) = order.iter().copied().find(|&task| can_start(task)) else {
            return Vec::new();
        };
        let mut next = vec![first];
        let lead = &self.tasks[first];
        if options.all && lead.parallel {
            next.extend(order.iter().copied().filter(|&task| {
                let entry = &self.tasks[task];
                task != first && entry.parallel && entry.section == lead.section && can_start(task)
            }));
        }
        next
    }

    /// The units of work `plan next` offers, as the plan's kind defines work: for a
    /// `stepwise` plan its steps, for a `scoped` plan its phases, for an `atomic` plan its
    /// next atomic step, each the first one not done ([`Document::unit_done`]) whose
    /// dependencies are done; with `options.all`, also each later one not done that names
    /// its dependencies, all done. Then, or for other kinds and when every such unit is
    /// done, the tasks [`Document::next`] offers. For a `generic` plan with no task to
    /// offer, the first section (the plan's title aside) whose status says it is not done.
    pub fn next_units(&self, options: NextOptions) -> Vec<Unit> {
        // One reading gives both the units and the roles.
        let plan = self.parse().plan;
        let units = self.units_in(&plan);
        let met = |section: usize| {
            self.ancestry(section).into_iter().all(|outer| {
                self.dependencies(Item::Section(outer))
                    .into_iter()
                    .filter_map(|dependency| dependency.target)
                    .all(|target| self.is_done(target))
            })
        };
        let open: Vec<Unit> = units
            .iter()
            .copied()
            .filter(|unit| {
                unit.section()
                    .is_some_and(|section| !self.unit_done(section))
            })
            .collect();
        if let Some(first) = open
            .iter()
            .copied()
            .find(|unit| unit.section().is_some_and(met))
        {
            let mut next = vec![first];
            if options.all {
                next.extend(open.iter().copied().filter(|unit| {
                    let section = unit.section().unwrap_or_default();
                    *unit != first
                        && !self.dependencies(Item::Section(section)).is_empty()
                        && met(section)
                }));
            }
            return next;
        }
        let tasks: Vec<Unit> = self
            .next_in(options, &self.roles_in(&plan))
            .into_iter()
            .map(Unit::Task)
            .collect();
        if !tasks.is_empty() || !units.is_empty() {
            return tasks;
        }
        // No task to offer: a section that says it is not done (the plan's title aside).
        let title = self.title_section();
        (1..self.sections.len())
            .filter(|&section| Some(section) != title)
            .find(|&section| {
                self.sections[section]
                    .status
                    .as_ref()
                    .and_then(|mark| mark.status)
                    .is_some_and(|status| status != Status::Complete && status != Status::Cancelled)
                    && met(section)
            })
            .map(
                |section| match plan_model::view::numbered_unit(&self.sections[section].title) {
                    Some(("step", _)) => Unit::Step(section),
                    _ => Unit::Phase(section),
                },
            )
            .into_iter()
            .collect()
    }

    /// The steps or phases of the plan where its kind works by them, in source order:
    /// the steps of a `stepwise` plan (its phases when they have no steps), the phases of
    /// a `scoped` plan, the step of an `atomic` plan (as its typed reading finds them);
    /// none for other kinds.
    pub fn units(&self) -> Vec<Unit> {
        self.units_in(&self.parse().plan)
    }

    /// [`Document::units`], as `plan` (the document's typed reading) finds them.
    fn units_in(&self, plan: &plan_model::Plan) -> Vec<Unit> {
        use plan_model::Kind;
        let by_start: HashMap<usize, usize> = self
            .sections
            .iter()
            .enumerate()
            .filter(|(_, section)| section.level > 0)
            .map(|(index, section)| (section.heading.start, index))
            .collect();
        let at = |span: plan_model::Span| {
            span.range()
                .and_then(|range| by_start.get(&range.start).copied())
        };
        let phases: Vec<plan_model::PhaseView<'_>> = plan.phases().collect();
        match plan.kind() {
            Kind::Stepwise => {
                let steps: Vec<Unit> = phases
                    .iter()
                    .flat_map(|phase| &phase.tasks)
                    .filter(|task| task.checked.is_none())
                    .filter_map(|step| at(step.span).map(Unit::Step))
                    .collect();
                if steps.is_empty() {
                    // Phases written without steps (`### Stage 8.1: Name` and its parts).
                    phases
                        .iter()
                        .filter_map(|phase| at(phase.span).map(Unit::Phase))
                        .collect()
                } else {
                    steps
                }
            }
            Kind::Scoped => phases
                .iter()
                .filter_map(|phase| at(phase.span).map(Unit::Phase))
                .collect(),
            Kind::Atomic => phases
                .iter()
                .filter_map(|step| {
                    let named = format!("Next Atomic Step: {}", step.title);
                    self.sections.iter().position(|section| {
                        section.level > 1 && (section.title == named || section.title == step.title)
                    })
                })
                .map(Unit::Step)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a step's or phase's section is done: its status says complete, or it holds
    /// boxes and every one (optional tasks aside) is ticked.
    pub fn unit_done(&self, section: usize) -> bool {
        let status = self.sections[section]
            .status
            .as_ref()
            .and_then(|mark| mark.status);
        let progress = self.progress_of(section);
        status == Some(Status::Complete) || progress.total > 0 && progress.done == progress.total
    }

    /// The plan's title: its first `#` section, whose title speaks for the whole plan, not
    /// for the boxes in it.
    fn title_section(&self) -> Option<usize> {
        self.sections.iter().position(|section| section.level == 1)
    }

    /// The [`Role`] of each task, in [`Document::tasks`] order: the typed reading's, where
    /// it knows the box's field ([`plan_model::Outline::visit_roles`]); else the role the
    /// first of the titles of its section and the sections around it, innermost first,
    /// says ([`Role::of_title`]; the plan's title aside); else [`Role::Task`].
    pub fn roles(&self) -> Vec<Role> {
        self.roles_in(&self.parse().plan)
    }

    /// [`Document::roles`], given `plan`, the document's typed reading.
    fn roles_in(&self, plan: &plan_model::Plan) -> Vec<Role> {
        use plan_model::Outline;
        let mut typed: Vec<(Range<usize>, Role)> = Vec::new();
        plan.visit_roles(&mut |span, role| {
            if let Some(range) = span.range() {
                typed.push((range, role));
            }
        });
        typed.sort_by_key(|(range, _)| range.start);
        let title = self.title_section();
        let mut by_section: HashMap<usize, Role> = HashMap::new();
        self.tasks
            .iter()
            .map(|task| {
                let at = task.marker.start;
                let before = typed.partition_point(|(range, _)| range.start <= at);
                if let Some((range, role)) = before.checked_sub(1).map(|last| &typed[last])
                    && range.contains(&at)
                {
                    return *role;
                }
                *by_section.entry(task.section).or_insert_with(|| {
                    self.ancestry(task.section)
                        .into_iter()
                        .rev()
                        .filter(|&section| {
                            self.sections[section].level > 0 && Some(section) != title
                        })
                        .find_map(|section| Role::of_title(&self.sections[section].title))
                        .unwrap_or(Role::Task)
                })
            })
            .collect()
    }

    /// The tasks in the order work is done, given their `roles`: tasks in source order,
    /// each phase's criteria and then its checklist items right after its last task, and
    /// the plan's own criteria, then its checklist items, last. A criterion or checklist
    /// item belongs to the innermost section around it that holds tasks (a phase, a step);
    /// when that is the plan as a whole, it is the plan's own.
    pub fn work_order(&self, roles: &[Role]) -> Vec<usize> {
        let title = self.title_section();
        // The last task in each section's subtree.
        let mut last_task: HashMap<usize, usize> = HashMap::new();
        for (index, task) in self.tasks.iter().enumerate() {
            if roles.get(index) == Some(&Role::Task) {
                for section in self.ancestry(task.section) {
                    last_task.insert(section, index);
                }
            }
        }
        let rank = |role: Role| match role {
            Role::Task => 0,
            Role::Criterion => 1,
            Role::Checklist => 2,
        };
        let mut order: Vec<(usize, usize, usize)> = self
            .tasks
            .iter()
            .enumerate()
            .map(|(index, task)| {
                let role = roles.get(index).copied().unwrap_or(Role::Task);
                if role == Role::Task {
                    return (index, 0, index);
                }
                let unit = self
                    .ancestry(task.section)
                    .into_iter()
                    .rev()
                    .filter(|&section| self.sections[section].level > 0 && Some(section) != title)
                    .find_map(|section| last_task.get(&section).copied());
                (unit.unwrap_or(usize::MAX), rank(role), index)
            })
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, _, index)| index).collect()
    }

    /// Ticks or clears task `task`'s box; returns whether the text changed. One byte is
    /// rewritten (an upper-case `X` stays as it is when the box is already ticked).
    pub fn set_checked(&mut self, task: usize, checked: bool) -> bool {
        let entry = &mut self.tasks[task];
        if entry.checked == checked {
            return false;
        }
        let at = entry.marker.start + 1;
        let byte = if checked { "x" } else { " " };
        self.source.replace_range(at..at + 1, byte);
        entry.checked = checked;
        true
    }

    /// Writes `status` as section `section`'s status, in the notation the section already
    /// uses (an emoji in the heading, or a `Status:` line with or without an emoji). A
    /// section without one gets a `**Status**: …` line under its heading, in the notation
    /// the rest of the plan uses for statuses. Returns whether the text changed.
    pub fn set_status(&mut self, section: usize, status: Status) -> bool {
        let (range, text) = match &self.sections[section].status {
            Some(mark) => {
                let current = &self.source[mark.span.clone()];
                // A line that lists the options (`⏸️ Not Started | 🚧 In Progress | ✅
                // Complete`, as the templates write it) gets the chosen one as spelled there.
                let option = current
                    .split('|')
                    .map(str::trim)
                    .find(|option| {
                        // An option whose emoji reads as none (mis-decoded) still ends in the
                        // status's words.
                        read_status(option) == Some(status)
                            || option
                                .to_lowercase()
                                .ends_with(&format!(" {}", status.to_text().to_lowercase()))
                    })
                    .filter(|_| current.contains('|'));
                let text = match (option, mark.notation) {
                    (Some(option), _) => option.to_owned(),
                    (None, Notation::HeadingEmoji) => status_emoji(status).to_owned(),
                    (None, Notation::Line) => status.to_text(),
                    (None, Notation::LineWithEmoji) => {
                        format!("{} {}", status_emoji(status), status.to_text())
                    }
                };
                if current == text {
                    return false;
                }
                (mark.span.clone(), text)
            }
            None => self.new_status(section, status),
        };
        self.splice(range, &text);
        true
    }

    /// Where and what to write for a section that has no status yet: the notation most of
    /// the plan's other statuses use (a `Status:` line written like theirs, or an emoji at
    /// the end of the heading), else the template's `**Status:** …` line.
    fn new_status(&self, section: usize, status: Status) -> (Range<usize>, String) {
        let marks: Vec<&StatusMark> = self
            .sections
            .iter()
            .filter_map(|other| other.status.as_ref())
            .collect();
        let count = |notation| {
            marks
                .iter()
                .filter(|mark| mark.notation == notation)
                .count()
        };
        let heading = self.sections[section].heading.clone();
        if section > 0
            && count(Notation::HeadingEmoji)
                > count(Notation::Line) + count(Notation::LineWithEmoji)
        {
            let line = &self.source[heading.clone()];
            let end = heading.start + line.trim_end_matches(['\n', '\r', ' ', '#']).len();
            return (end..end, format!(" {}", status_emoji(status)));
        }
        let line_mark = marks
            .iter()
            .find(|mark| mark.notation != Notation::HeadingEmoji);
        let (key, emoji) = match line_mark {
            Some(mark) => {
                let start = self.source[..mark.span.start]
                    .rfind('\n')
                    .map_or(0, |newline| newline + 1);
                (
                    &self.source[start..mark.span.start],
                    count(Notation::LineWithEmoji) > count(Notation::Line),
                )
            }
            None => ("**Status:** ", false),
        };
        let value = if emoji {
            format!("{} {}", status_emoji(status), status.to_text())
        } else {
            status.to_text()
        };
        let ending = match line_ending_of(&self.source[heading.clone()]) {
            "" => self.line_ending(),
            ending => ending,
        };
        let at = heading.end;
        let lead =
            if at == self.source.len() && !self.source.is_empty() && !self.source.ends_with('\n') {
                ending
            } else {
                ""
            };
        (at..at, format!("{lead}{key}{value}{ending}"))
    }

    /// Adds an unchecked task with `text` at the end of section `section`'s own tasks,
    /// written like the task before it (bullet, indent, number + 1, line ending); a
    /// section without tasks gets `- [ ] text` after its content (or right under its
    /// heading when its content ends in code). Returns the new task's index; `None`, with
    /// the text unchanged, when no line of the section can hold a task (it is all code).
    pub fn add_task(&mut self, section: usize, text: &str) -> Option<usize> {
        let text = text.replace(['\r', '\n'], " ");
        let last = self.tasks.iter().rposition(|task| task.section == section);
        let (at, line) = match last {
            Some(last) => {
                let task = &self.tasks[last];
                let end = self.item_end(last);
                let prefix = &self.source[task.line.start..task.marker.start];
                let ending = line_ending_of(&self.source[task.line.clone()]);
                let ending = if ending.is_empty() {
                    self.line_ending()
                } else {
                    ending
                };
                let lead = if self.source[..end].ends_with('\n') {
                    ""
                } else {
                    ending
                };
                (
                    end,
                    format!("{lead}{}[ ] {text}{ending}", next_prefix(prefix)),
                )
            }
            None => self.append_line(section, &format!("- [ ] {text}")),
        };
        let start = at + line.find("[ ]").unwrap_or(0);
        let before = self.clone();
        self.splice(at..at, &line);
        if let Some(index) = self
            .tasks
            .iter()
            .position(|task| task.marker.start == start)
        {
            return Some(index);
        }
        // The end of the section is code (a fence left open to the end of the plan), or the
        // line joined something above it: the task goes right under the heading instead.
        *self = before;
        let heading = self.sections[section].heading.clone();
        if section == 0 || heading.end == self.source.len() {
            return None;
        }
        let ending = match line_ending_of(&self.source[heading.clone()]) {
            "" => self.line_ending(),
            ending => ending,
        };
        let line = format!("- [ ] {text}{ending}{ending}");
        let at = heading.end;
        let before = self.clone();
        self.splice(at..at, &line);
        match self
            .tasks
            .iter()
            .position(|task| task.marker.start == at + 2)
        {
            Some(index) => Some(index),
            None => {
                *self = before;
                None
            }
        }
    }

    /// Adds a list item with `text` (a risk, a criterion, a note) after the last top-level
    /// list item of section `section`'s own content, written like it (bullet or number + 1,
    /// indent, line ending; a checkbox item gets an unchecked box), or as `- text` after
    /// the content when the section has no list. Returns whether the text changed: `false`
    /// when the section's content ends in code and it has no list to extend.
    pub fn add_list_item(&mut self, section: usize, text: &str) -> bool {
        let text = text.replace(['\r', '\n'], " ");
        let body = self.sections[section].body.clone();
        // The last list line at the smallest indent, outside code.
        let mut fence = None;
        let mut last: Option<(usize, usize, usize)> = None; // (line start, line end, indent)
        let mut at = body.start;
        while at < body.end {
            let end = self.source[at..body.end]
                .find('\n')
                .map_or(body.end, |newline| at + newline + 1);
            let line = &self.source[at..end];
            let in_code = plan_model::markdown::track_fence(&mut fence, line) || fence.is_some();
            if !in_code
                && let Some(indent) = list_marker_indent(line)
                && last.is_none_or(|(_, _, smallest)| indent <= smallest)
            {
                last = Some((at, end, indent));
            }
            at = end;
        }
        let Some((start, end, indent)) = last else {
            if fence.is_some() {
                // The content ends in an open code block: a line after it would be code.
                return false;
            }
            let (at, line) = self.append_line(section, &format!("- {text}"));
            self.splice(at..at, &line);
            return true;
        };
        // The item ends before the next line that is not deeper than its bullet.
        let mut item_end = end;
        let mut fence = None;
        while item_end < body.end {
            let next = self.source[item_end..body.end]
                .find('\n')
                .map_or(body.end, |newline| item_end + newline + 1);
            let content = self.source[item_end..next].trim_end_matches(['\n', '\r']);
            let deeper = content.len() - content.trim_start().len() > indent;
            if fence.is_none() && (plan_parse::outline::blank(content) || !deeper) {
                break;
            }
            plan_model::markdown::track_fence(&mut fence, content.trim_start());
            item_end = next;
        }
        let line = &self.source[start..end];
        let marker_end = line.len()
            - line[indent..]
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')
                })
                .len();
        let mut prefix = next_prefix(&line[..marker_end]);
        prefix.push(' ');
        if plan_model::markdown::checkbox_marker(line).is_some() {
            prefix.push_str("[ ] ");
        }
        let ending = match line_ending_of(line) {
            "" => self.line_ending(),
            ending => ending,
        };
        let lead = if self.source[..item_end].ends_with('\n') {
            ""
        } else {
            ending
        };
        let new_line = format!("{lead}{prefix}{text}{ending}");
        self.splice(item_end..item_end, &new_line);
        true
    }

    /// Where a new last line of section `section`'s content goes, and the line with what
    /// must come before it (a line ending; a blank line after a paragraph, none after a
    /// list item) and after it (a blank line before the next heading).
    fn append_line(&self, section: usize, text: &str) -> (usize, String) {
        let body = self.sections[section].body.clone();
        let content = self.source[body.clone()].trim_end_matches(['\n', '\r', ' ', '\t']);
        let end = body.start + content.len();
        let ending = self.line_ending();
        let at = if content.is_empty() {
            body.start.max(self.sections[section].heading.end)
        } else {
            self.source[end..body.end]
                .find('\n')
                .map_or(body.end, |newline| end + newline + 1)
        };
        let mut line = String::new();
        if at > 0 && !self.source[..at].ends_with('\n') {
            line.push_str(ending);
        }
        // A blank line sets the new line apart from a paragraph, not from a list it joins.
        let last_line = content.rsplit('\n').next().unwrap_or("");
        let after_list = plan_model::markdown::checkbox_marker(last_line).is_some()
            || last_line.trim_start().starts_with(['-', '*', '+']);
        if !content.is_empty() && !after_list {
            line.push_str(ending);
        }
        line.push_str(text);
        line.push_str(ending);
        if at == body.end && at < self.source.len() {
            line.push_str(ending);
        }
        (at, line)
    }

    /// Removes task `task`'s list item: its line, the lines that continue it and its
    /// sub-items (the lines below it indented deeper, up to a blank line). Returns the
    /// tasks removed, as indices from before the edit: `task` and its sub-tasks.
    pub fn remove_task(&mut self, task: usize) -> Range<usize> {
        let start = self.tasks[task].line.start;
        let end = self.item_end(task);
        let removed = self.tasks[task..]
            .iter()
            .take_while(|other| other.line.start < end)
            .count();
        self.splice(start..end, "");
        task..task + removed
    }

    /// Sets the value of the first `Key: value` line (bold or not, in a bullet or not)
    /// whose key is `key` (any case) in section `section`, or anywhere in the document when
    /// `section` is `None`. Returns `false` when there is no such line.
    pub fn set_field(&mut self, section: Option<usize>, key: &str, value: &str) -> bool {
        let range = match section {
            Some(section) => self.sections[section].body.clone(),
            None => 0..self.source.len(),
        };
        let Some(span) = find_field(&self.source, range, key) else {
            return false;
        };
        let value = value.replace(['\r', '\n'], " ");
        self.splice(span, &value);
        true
    }

    /// The value of the first `Key: value` line whose key is `key`, like
    /// [`Document::set_field`] finds it.
    pub fn field(&self, section: Option<usize>, key: &str) -> Option<&str> {
        let range = match section {
            Some(section) => self.sections[section].body.clone(),
            None => 0..self.source.len(),
        };
        find_field(&self.source, range, key).map(|span| &self.source[span])
    }

    /// The end of task `task`'s list item: after its line and the lines below it indented
    /// deeper than its bullet (its wrapped text and sub-items), up to a blank line.
    fn item_end(&self, task: usize) -> usize {
        let entry = &self.tasks[task];
        let prefix = &self.source[entry.line.start..entry.marker.start];
        let indent = prefix.len() - prefix.trim_start().len();
        let section_end = self.sections[entry.section].body.end;
        let mut at = entry.line.end;
        let mut fence = None;
        while at < section_end {
            let end = self.source[at..]
                .find('\n')
                .map_or(self.source.len(), |newline| at + newline + 1);
            let line = &self.source[at..end];
            let content = line.trim_end_matches(['\n', '\r']);
            let deeper = content.len() - content.trim_start().len() > indent;
            // A code block opened in the item belongs to it up to its closing fence,
            // blank lines and all.
            if fence.is_none() && (plan_parse::outline::blank(content) || !deeper) {
                break;
            }
            plan_model::markdown::track_fence(&mut fence, content.trim_start());
            at = end;
        }
        at
    }

    /// The line ending the document mostly uses: `\r\n` when its first line ends so.
    fn line_ending(&self) -> &'static str {
        match self.source.find('\n') {
            Some(at) if at > 0 && self.source.as_bytes()[at - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Replaces `range` with `text` and maps the document again.
    fn splice(&mut self, range: Range<usize>, text: &str) {
        self.source.replace_range(range, text);
        *self = Document::new(std::mem::take(&mut self.source));
    }
}

/// The steps, phases and tasks a dependency text names, with their ranges in it: `Step
/// 1.1`, `Phase 2`, `Task 3`, `T001`, and bare numbers with a dot (`1.2`). Words like
/// `None` or a template placeholder name nothing.
fn references(text: &str) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    let mut words = text
        .char_indices()
        .filter(|&(at, c)| {
            c.is_alphanumeric()
                && text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|before| !(before.is_alphanumeric() || before == '.'))
        })
        .map(|(at, _)| {
            let end = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '.'))
                .map_or(text.len(), |offset| at + offset);
            (at, text[at..end].trim_end_matches('.'))
        })
        .peekable();
    while let Some((at, word)) = words.next() {
        let lower = word.to_lowercase();
        let is_number = |word: &str| word.starts_with(|c: char| c.is_ascii_digit());
        if matches!(
            lower.as_str(),
            "step" | "phase" | "task" | "stage" | "milestone"
        ) && let Some(&(number_at, number)) = words.peek()
            && is_number(number)
            && text[at + word.len()..number_at].trim().is_empty()
        {
            words.next();
            found.push((format!("{word} {number}"), at..number_at + number.len()));
        } else if word.len() >= 2
            && word.starts_with('T')
            && word[1..].chars().all(|c| c.is_ascii_digit())
            || is_number(word) && word.contains('.')
        {
            found.push((word.to_owned(), at..at + word.len()));
        }
    }
    found
}

/// Per task: whether its id is one that no other task has (compared as [`same_id`] does)
/// and that is no task's path.
fn unique_ids(tasks: &[DocTask]) -> Vec<bool> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for id in tasks.iter().filter_map(|task| task.id.as_deref()) {
        *counts.entry(bare_id(id)).or_default() += 1;
    }
    let paths: HashSet<&str> = tasks.iter().map(|task| task.path.as_str()).collect();
    tasks
        .iter()
        .map(|task| {
            task.id
                .as_deref()
                .is_some_and(|id| counts[&bare_id(id)] == 1 && !paths.contains(id))
        })
        .collect()
}

/// A task id without its `Task`/`Step` word, in lower case: `Task 1.2` is `1.2`.
fn bare_id(id: &str) -> String {
    let lower = id.trim().to_lowercase();
    ["task ", "step "]
        .iter()
        .find_map(|keyword| lower.strip_prefix(keyword).map(str::to_owned))
        .unwrap_or(lower)
}

/// Whether two task ids name the same task: `Task 1.2`, `task 1.2` and `1.2` do.
fn same_id(a: &str, b: &str) -> bool {
    bare_id(a) == bare_id(b)
}

/// Lower-case words of `text` (letters and digits; `.` kept inside numbers).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'))
        .map(|word| word.trim_matches('.').to_lowercase())
        .filter(|word| !word.is_empty())
        .collect()
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn line_ending_of(line: &str) -> &'static str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// The indent of `line`'s list marker (`-`, `*`, `+`, `1.`, `1)` followed by a space),
/// when it is a list item.
fn list_marker_indent(line: &str) -> Option<usize> {
    let content = line.trim_end_matches(['\n', '\r']);
    let rest = content.trim_start_matches(' ');
    let indent = content.len() - rest.len();
    let after = match rest.strip_prefix(['-', '*', '+']) {
        Some(after) => after,
        None => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            rest[digits..].strip_prefix(['.', ')'])?
        }
    };
    // `---` and `***` are rules, `**bold**` is not a list.
    (after.starts_with(' ') && !plan_parse::outline::blank(after)).then_some(indent)
}

/// The prefix of a new item after one written with `prefix`: the same, with its number
/// one higher when it is numbered (`3. ` gives `4. `).
fn next_prefix(prefix: &str) -> String {
    let indent = prefix.len() - prefix.trim_start_matches([' ', '\t', '>']).len();
    let rest = &prefix[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[..digits].parse::<u64>() {
        Ok(number) if digits > 0 => {
            format!("{}{}{}", &prefix[..indent], number + 1, &rest[digits..])
        }
        _ => prefix.to_owned(),
    }
}

/// The sections of `source`: the content before the first heading, then one per heading
/// that starts after the previous section's heading (a heading inside a list item shares
/// its line with the item and is skipped, as the generic reading does).
fn sections(source: &str, headings: &[outline::Heading]) -> Vec<DocSection> {
    let start = bom_len(source);
    let mut sections = vec![DocSection {
        level: 0,
        title: String::new(),
        path: "top".to_owned(),
        heading: start..start,
        body: start..source.len(),
        parent: None,
        status: None,
    }];
    let mut position = start;
    let mut stack: Vec<usize> = Vec::new();
    for heading in headings {
        if heading.lines.start < position {
            continue;
        }
        let last = sections.len() - 1;
        sections[last].body.end = heading.lines.start;
        while stack
            .last()
            .is_some_and(|&open| sections[open].level >= heading.level)
        {
            stack.pop();
        }
        let parent = stack.last().copied();
        stack.push(sections.len());
        sections.push(DocSection {
            level: heading.level,
            title: heading.text.clone(),
            path: String::new(),
            heading: heading.lines.clone(),
            body: heading.lines.end..source.len(),
            parent,
            status: None,
        });
        position = heading.lines.end;
    }
    for section in &mut sections {
        section.status = status_mark(source, section);
    }
    name_sections(&mut sections);
    sections
}

/// Gives each section a unique path: its own segment, qualified by its parents' paths
/// when the segment repeats, numbered when that is not enough.
fn name_sections(sections: &mut [DocSection]) {
    let segments: Vec<String> = sections
        .iter()
        .enumerate()
        .map(|(index, section)| match section.level {
            0 => "top".to_owned(),
            _ => segment(&section.title, index),
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for segment in &segments {
        *counts.entry(segment.as_str()).or_default() += 1;
    }
    let mut paths: Vec<String> = Vec::with_capacity(sections.len());
    for (index, section) in sections.iter().enumerate() {
        let repeated = counts[segments[index].as_str()] > 1;
        let path = match section.parent {
            Some(parent) if repeated => format!("{}/{}", paths[parent], segments[index]),
            _ => segments[index].clone(),
        };
        paths.push(path);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (section, path) in sections.iter_mut().zip(paths) {
        let count = seen.entry(path.clone()).or_insert(0);
        *count += 1;
        section.path = if *count == 1 {
            path
        } else {
            format!("{path}-{count}")
        };
    }
}

/// A section's own address segment: `phase-2`, `step-1.1`, or its title's slug.
fn segment(title: &str, index: usize) -> String {
    if let Some((unit, number)) = plan_model::view::numbered_unit(title) {
        return format!("{unit}-{number}");
    }
    // `8. Success Criteria` is addressed as `success-criteria`.
    let text = title.trim_start_matches(|c: char| !c.is_alphanumeric());
    let text = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let text = match text.strip_prefix([')', ' ']) {
        Some(rest) if text.len() < title.len() => rest,
        _ => text,
    };
    let slug = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        format!("section-{index}")
    } else {
        slug
    }
}

/// The tasks of `source`: one per checkbox line (a second box on a line is text), each
/// numbered within its section.
fn tasks(source: &str, checkboxes: &[outline::Checkbox], sections: &[DocSection]) -> Vec<DocTask> {
    let mut tasks: Vec<DocTask> = Vec::with_capacity(checkboxes.len());
    let mut section = 0;
    let mut counts = vec![0usize; sections.len()];
    let mut last_line = usize::MAX;
    for checkbox in checkboxes {
        let line_start = source[..checkbox.marker.start]
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        if line_start == last_line {
            continue;
        }
        last_line = line_start;
        while section + 1 < sections.len() && sections[section + 1].heading.start <= line_start {
            section += 1;
        }
        let line_end = source[checkbox.marker.end..]
            .find('\n')
            .map_or(source.len(), |newline| checkbox.marker.end + newline + 1);
        // An optional task's `*` follows its box.
        let text_start = checkbox.marker.end + usize::from(checkbox.optional);
        let title = source[text_start..line_end].trim().to_owned();
        counts[section] += 1;
        let tags = tags(&title);
        tasks.push(DocTask {
            id: outline::task_id(&title),
            path: format!("{}/{}", sections[section].path, counts[section]),
            checked: checkbox.checked,
            section,
            marker: checkbox.marker.clone(),
            line: line_start..line_end,
            optional: checkbox.optional,
            parallel: tags.contains(&"P"),
            story: tags
                .iter()
                .find(|tag| is_story(tag))
                .map(|tag| (*tag).to_owned()),
            requirements: requirements(source, line_start..line_end),
            title,
        });
    }
    tasks
}

/// The bracketed tags of a task's text, without their brackets: `[P]`, `[US1]`
/// (`T012 [P] [US1] Create model`).
fn tags(text: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if !after[..close].contains('[') => {
                tags.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    tags
}

/// Whether a tag names a user story: `US1`, `Story 2` (`Story2`).
fn is_story(tag: &str) -> bool {
    let number = tag
        .strip_prefix("US")
        .or_else(|| tag.strip_prefix("Story"))
        .map(str::trim_start);
    number.is_some_and(|number| {
        !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
    })
}

/// The requirement references a Kiro task lists under it (`  - _Requirements: 1.2, 3.1_`):
/// read from the lines after the task's `line` that are indented deeper than it, up to the
/// next checkbox line.
fn requirements(source: &str, line: Range<usize>) -> Vec<String> {
    let indent = |text: &str| text.len() - text.trim_start_matches([' ', '\t']).len();
    let own = indent(&source[line.clone()]);
    for next in source[line.end..].lines() {
        if next.trim().is_empty() {
            continue;
        }
        if indent(next) <= own
            || plan_model::markdown::checkbox_marker(next).is_some()
            || plan_model::markdown::optional_marker(next).is_some()
        {
            break;
        }
        let text = next
            .trim_start()
            .trim_start_matches(['-', '*', ' '])
            .trim_start_matches('_');
        if let Some(list) = text.strip_prefix("Requirements:") {
            return list
                .trim()
                .trim_end_matches('_')
                .split(',')
                .map(str::trim)
                .filter(|reference| !reference.is_empty())
                .map(str::to_owned)
                .collect();
        }
    }
    Vec::new()
}

/// The emoji that stand for statuses, and what they stand for: first the one
/// [`status_emoji`] writes for each status, then others plans use.
const STATUS_EMOJI: [(&str, Status); 16] = [
    ("⏸️", Status::NotStarted),
    ("📝", Status::Draft),
    ("👀", Status::InReview),
    ("👍", Status::Approved),
    ("🚧", Status::InProgress),
    ("⛔", Status::Blocked),
    ("💤", Status::OnHold),
    ("✅", Status::Complete),
    ("❌", Status::Cancelled),
    ("⏸", Status::NotStarted),
    ("⏳", Status::NotStarted),
    ("🔄", Status::InProgress),
    ("🟡", Status::InProgress),
    ("✔️", Status::Complete),
    ("✔", Status::Complete),
    ("☑️", Status::Complete),
];

/// The emoji written for `status` where a plan writes statuses with emoji; each status
/// has its own, so a status written as an emoji reads back as itself.
pub fn status_emoji(status: Status) -> &'static str {
    STATUS_EMOJI
        .iter()
        .find(|(_, other)| *other == status)
        .map_or("⏸️", |(emoji, _)| emoji)
}

/// Reads a status written as text, an emoji, or both (`✅ Complete`, `🚧`, `done`), with
/// or without a remark after it (`COMPLETE (merged October 15)`, `In progress - 60%`).
pub fn read_status(text: &str) -> Option<Status> {
    let text = text.trim().trim_matches('*').trim();
    if let Some(status) = Status::parse_text(text) {
        return Some(status);
    }
    if let Some(&(_, status)) = STATUS_EMOJI
        .iter()
        .find(|(emoji, _)| text.starts_with(emoji))
    {
        return Some(status);
    }
    let head = text
        .split(['(', ':', ',', ';', '|', '—', '–'])
        .next()
        .unwrap_or(text)
        .split(" - ")
        .next()
        .unwrap_or(text);
    let words: Vec<&str> = head.split_whitespace().collect();
    [words.len(), 2, 1]
        .into_iter()
        .filter(|&count| count <= words.len() && count > 0)
        .find_map(|count| Status::parse_text(&words[..count].join(" ")))
}

/// Where `section`'s status is written: a `Status:` line in its own content, else a
/// status emoji opening or closing its heading.
fn status_mark(source: &str, section: &DocSection) -> Option<StatusMark> {
    // Most sections have no `Status:` line; a search for the word skips their lines.
    let body = source[section.body.clone()].as_bytes();
    let may_have_line = memchr::memmem::find(body, b"tatus").is_some()
        || memchr::memmem::find(body, b"TATUS").is_some();
    if may_have_line && let Some(span) = find_field(source, section.body.clone(), "status") {
        let text = &source[span.clone()];
        let notation = if STATUS_EMOJI
            .iter()
            .any(|(emoji, _)| text.starts_with(emoji))
        {
            Notation::LineWithEmoji
        } else {
            Notation::Line
        };
        return Some(StatusMark {
            status: read_status(text),
            span,
            notation,
        });
    }
    if section.level == 0 {
        return None;
    }
    let heading = &source[section.heading.clone()];
    let line = heading.trim_end_matches(['\n', '\r']);
    let text_start = line.len() - line.trim_start_matches(['#', ' ']).len();
    let content = &line[text_start..];
    for (emoji, status) in STATUS_EMOJI {
        let trimmed_end = content.trim_end_matches([' ', '#', '*']);
        // An emoji closing a heading is its status; one opening it is only when a status
        // word follows (`✅ COMPLETED: Setup`, not `✅ Testing Checklist`).
        let opening = content.trim_start_matches('*');
        // So is one opening a note in brackets that closes it (`Step 1: Tidy（✅ 完了）`).
        let noted = [('(', ')'), ('\u{ff08}', '\u{ff09}'), ('[', ']')]
            .iter()
            .find_map(|&(open, close)| {
                let inner = trimmed_end.strip_suffix(close)?;
                let at = inner.rfind(open)? + open.len_utf8();
                let note = &inner[at..];
                let lead = note.len() - note.trim_start().len();
                note.trim_start().starts_with(emoji).then_some(at + lead)
            });
        let found = if let Some(at) = trimmed_end.strip_suffix(emoji).map(str::len) {
            Some(at)
        } else if let Some(rest) = opening.strip_prefix(emoji)
            && read_status(rest).is_some()
        {
            Some(content.len() - opening.len())
        } else {
            noted
        };
        if let Some(at) = found {
            let start = section.heading.start + text_start + at;
            return Some(StatusMark {
                status: Some(status),
                span: start..start + emoji.len(),
                notation: Notation::HeadingEmoji,
            });
        }
    }
    None
}

/// The span of the value of the first `Key: value` line in `range` whose key is `key` (any
/// case): `**Key**: value`, `**Key:** value`, `- **Key**: value`, `Key: value`. The
/// value is trimmed of spaces, of a hard-break's trailing spaces, and of the line ending.
/// Lines in code fences are not read.
fn find_field(source: &str, range: Range<usize>, key: &str) -> Option<Range<usize>> {
    fields(source, range)
        .find(|(name, _)| name.eq_ignore_ascii_case(key))
        .map(|(_, value)| value)
}

/// Every `Key: value` line in `range` outside code fences: the key and the value's span.
fn fields(source: &str, range: Range<usize>) -> impl Iterator<Item = (&str, Range<usize>)> {
    let mut fence = None;
    let mut at = range.start;
    std::iter::from_fn(move || {
        while at < range.end {
            let end = source[at..range.end]
                .find('\n')
                .map_or(range.end, |newline| at + newline + 1);
            let line = &source[at..end];
            let start = at;
            at = end;
            if plan_model::markdown::track_fence(&mut fence, line) || fence.is_some() {
                continue;
            }
            if let Some((key, value)) = field(line) {
                return Some((&line[key], start + value.start..start + value.end));
            }
        }
        None
    })
}

/// The key and value spans of `line` when it is a `key: value` line.
fn field(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    let content = line.trim_end_matches(['\n', '\r']);
    let mut rest = content.trim_start();
    // A bullet's or a numbered item's (`1. **File**: `src/a.rs``).
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after_number = (digits > 0)
        .then(|| rest[digits..].strip_prefix(['.', ')']))
        .flatten();
    if let Some(inner) = rest.strip_prefix(['-', '*', '+']).or(after_number)
        && inner.starts_with(' ')
    {
        rest = inner.trim_start();
    }
    let bold = rest.starts_with("**");
    let rest = rest.trim_start_matches('*');
    // A key is short: the colon (or the bold's end) is looked for near the start only.
    let window = &rest.as_bytes()[..rest.len().min(64)];
    let name_end = memchr::memchr2(b':', b'*', window)?;
    let written = &rest[..name_end];
    let name = written.trim();
    if name.is_empty() || name.len() > 40 || name.contains(['[', '`', '#']) {
        return None;
    }
    // The key's span starts at the key, past any space before it (`** Key**:`).
    let key_start = content.len() - rest.len() + (written.len() - written.trim_start().len());
    let after = &rest[name_end..];
    let after = if bold {
        // `**Key**: value` or `**Key:** value`
        after
            .strip_prefix("**:")
            .or_else(|| after.strip_prefix(":**"))?
    } else {
        after.strip_prefix(':')?
    };
    let value_start = content.len() - after.len() + (after.len() - after.trim_start().len());
    let value_end = content.trim_end().len().max(value_start);
    Some((key_start..key_start + name.len(), value_start..value_end))
}

/// Where the value of `line` is when it is a `key: value` line for `key`.
#[cfg(test)]
fn field_value(line: &str, key: &str) -> Option<Range<usize>> {
    let (name, value) = field(line)?;
    line[name].eq_ignore_ascii_case(key).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_in_every_notation() {
        for line in [
            "**Status**: ✅ Complete\n",
            "**Status:** ✅ Complete  \n",
            "- **Status**: ✅ Complete\r\n",
            "Status: ✅ Complete",
            "* status: ✅ Complete",
        ] {
            let span = field_value(line, "Status").unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(&line[span], "✅ Complete", "{line:?}");
        }
        assert_eq!(field_value("Statuses: x", "status"), None);
        assert_eq!(field_value("**Status** is fine", "status"), None);
        // A key after a space inside the bold: its span starts at the key, not at the space
        // (one that starts at the space can cut a character such as `标` in two).
        let line = "** -目标**: 基于实际\n";
        let (key, value) = field(line).expect("a field");
        assert_eq!((&line[key], &line[value]), ("-目标", "基于实际"));
        assert_eq!(field_value("**  Status**: done", "status"), Some(14..18));
        Document::new("# Plan\n\n## Goals\n\n** -目标**: 基于实际\n");
    }

    #[test]
    fn sections_get_unique_paths() {
        let src = "# Plan\n## Phase 1: A\n### Unit Tests\n- [ ] a\n## Phase 2: B ✅\n\
                   ### Unit Tests\n- [ ] b\n## 8. Success Criteria\n## 🎯 Goals\n## Goals\n";
        let doc = Document::new(src);
        let paths: Vec<&str> = doc.sections().iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "top",
                "plan",
                "phase-1",
                "phase-1/unit-tests",
                "phase-2",
                "phase-2/unit-tests",
                "success-criteria",
                "plan/goals",
                "plan/goals-2"
            ]
        );
        assert_eq!(doc.tasks()[1].path, "phase-2/unit-tests/1");
        let status = doc.sections()[4].status.as_ref().unwrap();
        assert_eq!(status.status, Some(Status::Complete));
        assert_eq!(status.notation, Notation::HeadingEmoji);
    }

    #[test]
    fn a_status_emoji_opening_a_closing_note_is_the_headings_status() {
        for (heading, status) in [
            ("## Step 1: Tidy（✅ 実装完了）", Some(Status::Complete)),
            ("## Step 1: Tidy (🚧 halfway)", Some(Status::InProgress)),
            ("## Step 1: Tidy [✅]", Some(Status::Complete)),
            ("## Step 1: Tidy (see ✅ below)", None),
            ("## Step 1: Tidy (done)", None),
        ] {
            let doc = Document::new(format!("{heading}\n"));
            let found = doc.sections()[1]
                .status
                .as_ref()
                .and_then(|mark| mark.status);
            assert_eq!(found, status, "{heading}");
        }
    }

    #[test]
    fn dependencies_are_read_and_waited_for() {
        let src = "# Plan\n## Phase 1: A\n### Step 1.1: X\n- **Dependencies**: None\n\
                   - [ ] a\n### Step 1.2: Y\n- **Dependencies**: Step 1.1, T009\n- [ ] b\n\
                   - [ ] c depends on T003\n- [ ] T003 d\n";
        let mut doc = Document::new(src);
        let step = doc.find_section("1.2").unwrap();
        let found = doc.dependencies(Item::Section(step));
        let names: Vec<&str> = found.iter().map(|d| d.reference.as_str()).collect();
        assert_eq!(names, ["Step 1.1", "T009"]);
        assert_eq!(&src[found[0].span.clone()], "Step 1.1");
        assert_eq!(found[0].target, Some(Item::Section(3)));
        assert_eq!(found[1].target, None);
        assert_eq!(doc.next_task(), Some(0));
        doc.set_checked(0, true);
        assert_eq!(doc.next_task(), Some(1));
        doc.set_checked(1, true);
        // `c` waits for T003, which comes after it.
        assert_eq!(doc.next_task(), Some(3));
        assert_eq!(
            references("Phase 2 and 1.3; T12, not v1.2 or Step X"),
            [
                ("Phase 2".to_owned(), 0..7),
                ("1.3".to_owned(), 12..15),
                ("T12".to_owned(), 17..20)
            ]
        );
    }

    #[test]
    fn statuses_are_read_with_remarks_after_them() {
        for (text, expected) in [
            (
                "COMPLETE (Merged to main: October 15, 2025)",
                Some(Status::Complete),
            ),
            ("✅", Some(Status::Complete)),
            ("**In Progress** - 60%", Some(Status::InProgress)),
            ("Not started yet", Some(Status::NotStarted)),
            ("PLANNING (Starting soon)", None),
            ("[Status]", None),
        ] {
            assert_eq!(read_status(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_removed_task_takes_its_code_block_along_blank_lines_and_all() {
        let src =
            "# P\n## A\n- [ ] one\n  ```sh\n  make\n\n  make test\n  ```\n- [x] two\n\n## B\n";
        let mut doc = Document::new(src);
        assert_eq!(doc.remove_task(0), 0..1);
        assert_eq!(doc.source(), "# P\n## A\n- [x] two\n\n## B\n");
        assert_eq!(doc.sections().len(), 4);
        // Added after the last task, written like it.
        let mut doc = Document::new("# P\n## A\n3. [x] three\n\nText.\n");
        assert_eq!(doc.add_task(2, "four"), Some(1));
        assert_eq!(
            doc.source(),
            "# P\n## A\n3. [x] three\n4. [ ] four\n\nText.\n"
        );
        // A section whose end is an open code fence gets the task under its heading.
        let mut doc = Document::new("# P\n## A\nText.\n```\ncode");
        assert_eq!(doc.add_task(2, "new"), Some(0));
        assert_eq!(doc.source(), "# P\n## A\n- [ ] new\n\nText.\n```\ncode");
    }

    #[test]
    fn a_date_is_changed_in_place() {
        let src = "# P\r\n**Start Date:** 2026-01-05  \r\n**Target Date**: TBD\r\n## A\r\n- Due: soon\r\n";
        let mut doc = Document::new(src);
        assert_eq!(doc.field(None, "target date"), Some("TBD"));
        assert!(doc.set_field(None, "Target Date", "2026-03-01"));
        assert!(doc.set_field(Some(2), "due", "2026-02-01"));
        assert!(!doc.set_field(None, "Owner", "Ada"));
        assert_eq!(
            doc.source(),
            "# P\r\n**Start Date:** 2026-01-05  \r\n**Target Date**: 2026-03-01\r\n## A\r\n- Due: 2026-02-01\r\n"
        );
        let dates: Vec<&str> = doc.dates().into_iter().map(|(key, _)| key).collect();
        assert_eq!(dates, ["Start Date", "Target Date", "Due"]);
    }

    #[test]
    fn list_items_are_added_like_their_neighbours() {
        let src = "# P\n## Risks\n1. Slow disks\n   - mitigate: SSD\n2. **Bold** risk\n\nEnd.\n## Done\n- [x] a\n";
        let mut doc = Document::new(src);
        assert!(doc.add_list_item(2, "Flaky network"));
        assert_eq!(
            doc.source(),
            "# P\n## Risks\n1. Slow disks\n   - mitigate: SSD\n2. **Bold** risk\n3. Flaky network\n\nEnd.\n## Done\n- [x] a\n"
        );
        assert!(doc.add_list_item(3, "b"));
        assert!(doc.source().ends_with("- [x] a\n- [ ] b\n"));
        let mut doc = Document::new("# P\n## Notes\nSome text.\n## Next\n");
        assert!(doc.add_list_item(2, "a note"));
        assert_eq!(
            doc.source(),
            "# P\n## Notes\nSome text.\n\n- a note\n\n## Next\n"
        );
    }

    #[test]
    fn numbered_prefixes_follow_their_neighbour() {
        assert_eq!(next_prefix("- "), "- ");
        assert_eq!(next_prefix("  3. "), "  4. ");
        assert_eq!(next_prefix("> 9) "), "> 10) ");
    }
}
