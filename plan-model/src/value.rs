//! Values that have a type but may be written as anything: dates, statuses, levels.
//!
//! Plans are written by people. A start date is `2025-03-01` in one plan, `TBD` in the next
//! and `[YYYY-MM-DD]` in a template. [`TypedOrRaw`] keeps whichever it was: the typed value
//! when the text reads as one, otherwise the raw text, so nothing is ever dropped.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;
use time::macros::format_description;

/// A type that a plan value can be read as.
///
/// Implemented for [`time::Date`], [`Status`] and [`Level`]. Every such value is a JSON
/// string: [`Value::to_json_str`] and [`Value::from_json_str`] are its JSON form, while
/// [`Value::parse_text`] and [`Value::to_text`] are its markdown form.
pub trait Value: Sized {
    /// Reads the value from the text a plan author wrote, or `None` when it is not one.
    fn parse_text(text: &str) -> Option<Self>;
    /// The text the renderer writes for the value.
    fn to_text(&self) -> String;
    /// The value's JSON string.
    fn to_json_str(&self) -> Cow<'static, str>;
    /// Reads the value's JSON string, or `None` when it is not one.
    fn from_json_str(text: &str) -> Option<Self>;
    /// A description of the expected JSON string, used in error messages ("an ISO date").
    fn expected() -> &'static str;
    /// The JSON Schema of the value's JSON string.
    fn json_schema() -> Schema;
    /// The name of the value's type in JSON Schema (`Date`, `Status`, `Level`).
    fn schema_name() -> &'static str;
}

/// A value read as its type `T` when it can be, else kept as the raw text the author wrote.
///
/// In JSON a typed value is its plain string (`"2025-03-01"`, `"in_progress"`); a raw value
/// is an object with one `raw` field (`{"raw": "TBD"}`), so a reader never has to guess which
/// one it holds.
///
/// ```
/// use plan_model::{TypedOrRaw, Status};
/// let typed: TypedOrRaw<time::Date> = TypedOrRaw::parse("2025-03-01");
/// assert!(typed.is_typed());
/// let raw: TypedOrRaw<time::Date> = TypedOrRaw::parse("[YYYY-MM-DD]");
/// assert_eq!(raw.as_raw(), Some("[YYYY-MM-DD]"));
/// assert_eq!(serde_json::to_string(&raw)?, r#"{"raw":"[YYYY-MM-DD]"}"#);
/// let status: TypedOrRaw<Status> = TypedOrRaw::parse("✅ Complete");
/// assert_eq!(status.typed(), Some(&Status::Complete));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypedOrRaw<T> {
    /// The text read as a value of its type.
    Typed(T),
    /// The text as written, because it does not read as a value of its type.
    Raw(String),
}

impl<T: Value> TypedOrRaw<T> {
    /// Reads `text` as `T`, or keeps it raw when it does not read as one.
    pub fn parse(text: &str) -> Self {
        match T::parse_text(text) {
            Some(value) => Self::Typed(value),
            None => Self::Raw(text.to_owned()),
        }
    }

    /// A raw value holding `text` as written.
    pub fn raw(text: impl Into<String>) -> Self {
        Self::Raw(text.into())
    }

    /// The text the renderer writes: the typed value's text, or the raw text unchanged.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Self::Typed(value) => Cow::Owned(value.to_text()),
            Self::Raw(text) => Cow::Borrowed(text),
        }
    }
}

impl<T> TypedOrRaw<T> {
    /// Whether the value was read as its type.
    pub fn is_typed(&self) -> bool {
        matches!(self, Self::Typed(_))
    }

    /// The typed value, if it was read as one.
    pub fn typed(&self) -> Option<&T> {
        match self {
            Self::Typed(value) => Some(value),
            Self::Raw(_) => None,
        }
    }

    /// The raw text, if the value was kept raw.
    pub fn as_raw(&self) -> Option<&str> {
        match self {
            Self::Typed(_) => None,
            Self::Raw(text) => Some(text),
        }
    }
}

impl<T> From<T> for TypedOrRaw<T> {
    fn from(value: T) -> Self {
        Self::Typed(value)
    }
}

impl<T: Value> Serialize for TypedOrRaw<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Typed(value) => serializer.serialize_str(&value.to_json_str()),
            Self::Raw(text) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("raw", text)?;
                map.end()
            }
        }
    }
}

impl<'de, T: Value> Deserialize<'de> for TypedOrRaw<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypedOrRawVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Value> Visitor<'de> for TypedOrRawVisitor<T> {
            type Value = TypedOrRaw<T>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    formatter,
                    "{} or an object {{\"raw\": text}}",
                    T::expected()
                )
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                T::from_json_str(text)
                    .map(TypedOrRaw::Typed)
                    .ok_or_else(|| {
                        E::custom(format_args!("expected {}, found {text:?}", T::expected()))
                    })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut raw: Option<String> = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key != "raw" {
                        return Err(de::Error::unknown_field(&key, &["raw"]));
                    }
                    if raw.is_some() {
                        return Err(de::Error::duplicate_field("raw"));
                    }
                    raw = Some(map.next_value()?);
                }
                raw.map(TypedOrRaw::Raw)
                    .ok_or_else(|| de::Error::missing_field("raw"))
            }
        }

        deserializer.deserialize_any(TypedOrRawVisitor(std::marker::PhantomData))
    }
}

impl<T: Value> JsonSchema for TypedOrRaw<T> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}OrRaw", T::schema_name()))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let raw = generator.subschema_for::<RawText>();
        let typed = T::json_schema();
        json_schema!({
            "description": format!(
                "{}, or the text as written when it does not read as one",
                T::expected()
            ),
            "anyOf": [typed, raw]
        })
    }
}

/// A value kept exactly as the author wrote it because it does not read as its type:
/// `{"raw": "TBD"}`.
// Only its schema is used: `TypedOrRaw` (de)serializes the object by hand.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct RawText {
    /// The text exactly as the author wrote it.
    raw: String,
}

const ISO_DATE: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

impl Value for Date {
    fn parse_text(text: &str) -> Option<Self> {
        Date::parse(text.trim(), ISO_DATE).ok()
    }

    fn to_text(&self) -> String {
        self.format(ISO_DATE).unwrap_or_default()
    }

    fn to_json_str(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_text())
    }

    fn from_json_str(text: &str) -> Option<Self> {
        Date::parse(text, ISO_DATE).ok()
    }

    fn expected() -> &'static str {
        "an ISO date YYYY-MM-DD"
    }

    fn json_schema() -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }

    fn schema_name() -> &'static str {
        "Date"
    }
}

macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($json:literal, $text:literal, [$($alias:literal),*]), )*
        }
        expected = $expected:literal;
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value's JSON name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $json,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(&self.to_text())
            }
        }

        impl Value for $name {
            fn parse_text(text: &str) -> Option<Self> {
                let key = normalize_words(text);
                match key.as_str() {
                    $( $json $(| $alias)* => Some($name::$variant), )*
                    _ => None,
                }
            }

            fn to_text(&self) -> String {
                match self { $($name::$variant => $text.to_owned(),)* }
            }

            fn to_json_str(&self) -> Cow<'static, str> {
                Cow::Borrowed(self.as_str())
            }

            fn from_json_str(text: &str) -> Option<Self> {
                match text { $($json => Some($name::$variant),)* _ => None }
            }

            fn expected() -> &'static str {
                $expected
            }

            fn json_schema() -> Schema {
                json_schema!({ "type": "string", "enum": [$($json),*] })
            }

            fn schema_name() -> &'static str {
                stringify!($name)
            }
        }
    };
}

text_enum! {
    /// The state of a plan, phase or step.
    ///
    /// Read leniently from what authors write: `✅ Complete`, `Completed`, `Done` and `DONE`
    /// are all [`Status::Complete`]. Written back as its plain name (`Complete`).
    pub enum Status {
        /// Work has not begun (`Not Started`, `Todo`, `Pending`, `⏸️`).
        NotStarted = ("not_started", "Not Started", ["not started", "todo", "to do", "pending", "planned"]),
        /// The plan is a draft.
        Draft = ("draft", "Draft", []),
        /// The plan is being reviewed.
        InReview = ("in_review", "In Review", ["in review", "review", "under review"]),
        /// The plan was approved.
        Approved = ("approved", "Approved", []),
        /// Work is under way (`In Progress`, `WIP`, `🚧`).
        InProgress = ("in_progress", "In Progress", ["in progress", "wip", "ongoing", "started", "active"]),
        /// Work is blocked.
        Blocked = ("blocked", "Blocked", []),
        /// Work is paused on purpose.
        OnHold = ("on_hold", "On Hold", ["on hold", "paused", "deferred"]),
        /// Work is finished (`Complete`, `Completed`, `Done`, `✅`).
        Complete = ("complete", "Complete", ["completed", "done", "finished"]),
        /// Work was abandoned.
        Cancelled = ("cancelled", "Cancelled", ["canceled", "abandoned", "dropped"]),
    }
    expected = "a status (not_started, draft, in_review, approved, in_progress, blocked, on_hold, complete, cancelled)";
}

text_enum! {
    /// A three-step rating: a risk's impact or likelihood.
    pub enum Level {
        /// High (`High`, `H`).
        High = ("high", "High", ["h"]),
        /// Medium (`Medium`, `Med`, `M`).
        Medium = ("medium", "Medium", ["med", "m", "moderate"]),
        /// Low (`Low`, `L`).
        Low = ("low", "Low", ["l"]),
    }
    expected = "a level (high, medium, low)";
}

text_enum! {
    /// How an item of `What We're NOT Doing` is set aside.
    pub enum Exclusion {
        /// Out of scope for this plan (`Not in scope`, `Out of scope`).
        NotInScope = ("not_in_scope", "Not in scope", ["not in scope", "out of scope", "non goal"]),
        /// Left for later work (`Deferred`, `Future`).
        Deferred = ("deferred", "Deferred", ["later", "future", "postponed"]),
    }
    expected = "an exclusion (not_in_scope, deferred)";
}

text_enum! {
    /// What a plan does to a file in a files table.
    pub enum FileAction {
        /// The file is new (`Create`, `New`, `Add`).
        Create = ("create", "Create", ["new", "add", "created"]),
        /// The file exists and changes (`Modify`, `Update`, `Edit`).
        Modify = ("modify", "Modify", ["update", "edit", "change", "modified"]),
        /// The file goes away (`Delete`, `Remove`).
        Delete = ("delete", "Delete", ["remove", "deleted", "removed"]),
    }
    expected = "a file action (create, modify, delete)";
}

/// Lowercases `text` and keeps only its words, one space apart, so that `✅ **Complete**`,
/// `complete` and `COMPLETE!` compare equal.
fn normalize_words(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_reads_what_authors_write() {
        let cases = [
            ("✅ Complete", Some(Status::Complete)),
            ("**DONE**", Some(Status::Complete)),
            ("🚧 In Progress", Some(Status::InProgress)),
            ("in_progress", Some(Status::InProgress)),
            ("Not started", Some(Status::NotStarted)),
            ("Draft | In Review | Approved", None),
            ("[Status]", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Status::parse_text(text), expected, "{text:?}");
        }
    }

    #[test]
    fn raw_and_typed_are_distinct_in_json() -> Result<(), serde_json::Error> {
        let typed: TypedOrRaw<Date> = TypedOrRaw::parse("2025-01-31");
        assert_eq!(serde_json::to_string(&typed)?, r#""2025-01-31""#);
        let raw: TypedOrRaw<Date> = TypedOrRaw::parse("2025-13-45");
        assert_eq!(serde_json::to_string(&raw)?, r#"{"raw":"2025-13-45"}"#);
        let back: TypedOrRaw<Date> = serde_json::from_str(r#"{"raw":"2025-13-45"}"#)?;
        assert_eq!(back, raw);
        Ok(())
    }

    #[test]
    fn invalid_typed_json_is_an_error_that_says_what_was_expected() {
        let error = serde_json::from_str::<TypedOrRaw<Date>>(r#""2025-13-45""#)
            .expect_err("month 13 is not a date");
        assert_eq!(
            error.to_string(),
            "expected an ISO date YYYY-MM-DD, found \"2025-13-45\" at line 1 column 12"
        );
        let error = serde_json::from_str::<TypedOrRaw<Level>>(r#"{"text":"x"}"#)
            .expect_err("only `raw` is allowed");
        assert!(
            error.to_string().starts_with("unknown field `text`"),
            "{error}"
        );
    }
}
