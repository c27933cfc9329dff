//! A value kept as the JSON it came as and parsed where it is read (issue 17).
//!
//! serde compiles a type's parser into every piece of code that reads a record holding it. In the
//! app's wasm, split into modules loaded when first needed, that puts the parser of a rarely read part
//! into the module of every reader of the whole: the error body's lists (read by two screens) into the
//! main module, the outbox's sentinel and 疑似症 reports (read by their own forms) into the doctor's
//! filing path. Kept as [`Lazy`], the part is carried, stored and sent on as its JSON text, and only the
//! code that calls [`Lazy::get`] holds its parser.

use std::fmt;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A value as JSON (serde_json's `RawValue`), parsed at its first read. Written, it is the JSON as it
/// was read, byte for byte. Two are equal when they hold the same JSON.
pub struct Lazy<T> {
    /// The JSON as read or made; `None` for no value (written as `null`).
    json: Option<Box<RawValue>>,
    /// The value, parsed at the first read (or as built); `None` inside when the JSON does not parse.
    value: OnceLock<Option<T>>,
}

impl<T> Lazy<T> {
    /// No value: what `Default` makes (and a value that would not serialize).
    pub fn is_absent(&self) -> bool {
        self.json.is_none()
    }

    /// A part of the value: its JSON read as `U`, a type of some of `T`'s fields (serde skips the
    /// others), so that code which reads only that part holds only that part's parser.
    pub fn part<U: DeserializeOwned>(&self) -> Option<U> {
        serde_json::from_str(self.json.as_deref()?.get()).ok()
    }
}

impl<T: DeserializeOwned> Lazy<T> {
    /// The value; `None` when absent or when the JSON is not a `T`.
    pub fn get(&self) -> Option<&T> {
        self.value.get_or_init(|| self.json.as_ref().and_then(|json| serde_json::from_str(json.get()).ok())).as_ref()
    }
}

impl<T: Serialize> From<T> for Lazy<T> {
    fn from(value: T) -> Self {
        // Plain values (no maps with non-text keys) always serialize, so `ok()` drops nothing.
        Self { json: serde_json::value::to_raw_value(&value).ok(), value: OnceLock::from(Some(value)) }
    }
}

/// The JSON alone: a copy parses again if read, so that code which only passes a value on (the
/// outbox sending a report) holds no copy of `T`'s clone either.
impl<T> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Self { json: self.json.clone(), value: OnceLock::new() }
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Self { json: None, value: OnceLock::new() }
    }
}

impl<T> PartialEq for Lazy<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json.as_deref().map(RawValue::get) == other.json.as_deref().map(RawValue::get)
    }
}

impl<T> Eq for Lazy<T> {}

impl<T> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json.as_deref().map_or("null", RawValue::get))
    }
}

impl<T> Serialize for Lazy<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.json {
            Some(json) => json.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Box::<RawValue>::deserialize(deserializer)?;
        Ok(Self { json: Some(json), ..Self::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Point {
        x: u32,
        y: u32,
    }

    #[test]
    fn a_value_is_written_as_itself_and_read_back_as_written() {
        let made = Lazy::from(Point { x: 1, y: 2 });
        let text = serde_json::to_string(&made).unwrap();
        assert_eq!(text, r#"{"x":1,"y":2}"#);

        let read: Lazy<Point> = serde_json::from_str(&text).unwrap();
        assert_eq!(read, made);
        assert_eq!(read.get(), Some(&Point { x: 1, y: 2 }));
    }

    #[test]
    fn a_part_is_read_without_the_rest() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct X {
            x: u32,
        }
        let read: Lazy<Point> = serde_json::from_str(r#"{"x":1,"y":"not a number"}"#).unwrap();
        assert_eq!(read.part::<X>(), Some(X { x: 1 }));
        assert_eq!(read.get(), None);
        assert_eq!(Lazy::<Point>::default().part::<X>(), None);
    }

    #[test]
    fn json_read_is_written_on_byte_for_byte() {
        let text = r#"{"y": 2, "x": 1, "z": "kept"}"#;
        let read: Lazy<Point> = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
    }

    #[test]
    fn json_of_another_shape_reads_as_no_value() {
        let read: Lazy<Point> = serde_json::from_str(r#"{"x":"one"}"#).unwrap();
        assert_eq!(read.get(), None);
        assert!(!read.is_absent(), "the JSON is still there to be written");
        assert!(Lazy::<Point>::default().is_absent());
        assert_eq!(serde_json::to_string(&Lazy::<Point>::default()).unwrap(), "null");
    }
}
