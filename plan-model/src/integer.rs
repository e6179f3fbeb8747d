//! Integers read as JSON Schema counts them: any JSON number without a fractional part
//! (`3`, `3.0`, `1e3`) within the Rust type's range, which the schemas give as `minimum`
//! and `maximum`. Python's `json.dumps` writes `3.0` for a float, and a validator accepts
//! it where the schema says `integer`; so does the model.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, Unexpected, Visitor};

/// An unsigned integer type of the model.
pub(crate) trait Unsigned: TryFrom<u64> {
    /// Its largest value.
    const MAX: u64;
}

impl Unsigned for u8 {
    const MAX: u64 = u8::MAX as u64;
}

impl Unsigned for u32 {
    const MAX: u64 = u32::MAX as u64;
}

struct Integer<T>(PhantomData<T>);

impl<T: Unsigned> Integer<T> {
    fn out_of_range<E: de::Error>(&self, unexpected: Unexpected<'_>) -> E {
        E::invalid_value(unexpected, self)
    }
}

impl<T: Unsigned> Visitor<'_> for Integer<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "an integer from 0 to {}", T::MAX)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::try_from(value).map_err(|_| self.out_of_range(Unexpected::Unsigned(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(self.out_of_range(Unexpected::Signed(value))),
        }
    }

    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the float is whole and within 0..=MAX (at most u32::MAX, exact in f64)"
    )]
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        if value.fract() == 0.0 && (0.0..=T::MAX as f64).contains(&value) {
            self.visit_u64(value as u64)
        } else {
            Err(self.out_of_range(Unexpected::Float(value)))
        }
    }
}

/// Reads an unsigned integer written as any whole JSON number in range.
pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Unsigned,
{
    deserializer.deserialize_any(Integer(PhantomData))
}

/// [`deserialize`] for an optional field (`#[serde(default)]` makes it absent).
pub(crate) fn option<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Unsigned,
{
    deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Numbers {
        #[serde(deserialize_with = "super::deserialize")]
        small: u8,
        #[serde(default, deserialize_with = "super::option")]
        large: Option<u32>,
    }

    fn read(json: &str) -> Result<Numbers, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn whole_numbers_in_range_are_integers_however_they_are_written() {
        for json in [
            r#"{"small": 3, "large": 1000}"#,
            r#"{"small": 3.0, "large": 1e3}"#,
            r#"{"small": 3.00, "large": 1000.0}"#,
        ] {
            assert_eq!(
                read(json),
                Ok(Numbers {
                    small: 3,
                    large: Some(1000)
                }),
                "{json}"
            );
        }
        assert_eq!(read(r#"{"small": 255}"#).unwrap().large, None);
        assert_eq!(
            read(r#"{"small": 0, "large": 4294967295}"#).unwrap().large,
            Some(u32::MAX)
        );
    }

    #[test]
    fn fractions_negatives_and_numbers_out_of_range_are_refused_saying_the_range() {
        for (json, found) in [
            (r#"{"small": 256}"#, "integer `256`"),
            (r#"{"small": -1}"#, "integer `-1`"),
            (r#"{"small": 2.5}"#, "floating point `2.5`"),
            (
                r#"{"small": 0, "large": 4294967296}"#,
                "integer `4294967296`",
            ),
            (
                r#"{"small": 0, "large": 1e10}"#,
                "floating point `10000000000",
            ),
            (r#"{"small": 0, "large": null}"#, "null"),
            (r#"{"small": "3"}"#, "string \"3\""),
        ] {
            let error = read(json).unwrap_err();
            assert!(error.contains(found), "{json}: {error}");
            assert!(error.contains("an integer from 0 to"), "{json}: {error}");
        }
    }
}
