//! proptest strategies for the parts of the model that `proptest-derive` cannot derive.

use proptest::prelude::*;
use time::Date;

use crate::value::{Exclusion, FileAction, Level, Status, TypedOrRaw, Value};

/// Metadata maps (`common::Metadata`) with a few arbitrary keys and values, keys in
/// generation order.
pub(crate) fn metadata() -> impl Strategy<Value = indexmap::IndexMap<String, String>> {
    proptest::collection::vec((any::<String>(), any::<String>()), 0..4)
        .prop_map(|pairs| pairs.into_iter().collect())
}

/// A title's heading line as written: `# ` and a line of text.
pub(crate) fn title_heading() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("# \\PC{0,24}")
}

/// A generic block's line ending when it is not `\n`: `\r\n`, or none at the end of a file.
pub(crate) fn line_end() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("(\r\n)?")
}

/// A generic list item's prefix: indent, bullet or number, one to four spaces.
pub(crate) fn item_prefix() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(" {0,8}([-*+]|[0-9]{1,9}[.)]) {1,4}")
}

/// A kept section's heading line as written: a `##` heading with text, or none.
pub(crate) fn kept_heading() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("## [a-z][^\r\n\u{0}]{0,12}\r?\n")
}

/// A pipe table's delimiter row: `|---|:--:|`.
pub(crate) fn table_delimiter() -> impl Strategy<Value = String> {
    "\\|( ?:?-{1,3}:? ?\\|){1,3}"
}

/// A callout's icon: no `*` and no `\r`.
pub(crate) fn callout_icon() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[^*\r\u{0}]{0,4}")
}

/// A callout's label: no `**`, no `*` at its end, no `\r`.
pub(crate) fn callout_label() -> impl Strategy<Value = String> {
    "([^*\r\u{0}]|\\*[^*\r\u{0}]){0,6}"
}

/// A section under a kept section's heading: levels 3 to 6.
pub(crate) fn sub_section() -> impl Strategy<Value = crate::generic::Section> {
    (any::<crate::generic::Section>(), 3u8..=6).prop_map(|(mut section, level)| {
        section.level = level;
        section
    })
}

/// Values whose typed form can be generated.
trait ArbitraryValue: Value + std::fmt::Debug + Clone + 'static {
    fn strategy() -> BoxedStrategy<Self>;
}

impl ArbitraryValue for Date {
    fn strategy() -> BoxedStrategy<Self> {
        // Four-digit years: the range the ISO form and JSON Schema's `date` format accept.
        (1i32..=9999, 1u8..=12, 1u8..=28)
            .prop_filter_map("valid calendar date", |(year, month, day)| {
                let month = time::Month::try_from(month).ok()?;
                Date::from_calendar_date(year, month, day).ok()
            })
            .boxed()
    }
}

macro_rules! arbitrary_enum_value {
    ($($name:ident),*) => {
        $(impl ArbitraryValue for $name {
            fn strategy() -> BoxedStrategy<Self> {
                proptest::sample::select($name::ALL).boxed()
            }
        })*
    };
}

arbitrary_enum_value!(Status, Level, Exclusion, FileAction);

impl<T: ArbitraryValue> Arbitrary for TypedOrRaw<T> {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        prop_oneof![
            T::strategy().prop_map(TypedOrRaw::Typed),
            any::<String>().prop_map(TypedOrRaw::Raw),
        ]
        .boxed()
    }
}
