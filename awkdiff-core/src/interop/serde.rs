//! `Serialize` and `Deserialize` for [`Array`], behind the cargo feature `serde`.
//!
//! An array is serialized as nested sequences, the shape [`Array::to_json`] writes:
//! `[[1.0, 2.0, 3.0], [], [4.0, 5.0]]`. In human-readable formats NaN and the infinities
//! are the strings `"nan"`, `"inf"` and `"-inf"` (as in `to_json`, since JSON has no such
//! numbers); other formats get the floats themselves.
//!
//! Deserializing follows [`Array::from_json`]: nested sequences of numbers (integers
//! accepted for floats; `"nan"`, `"inf"`, `"-inf"` too), empty lists at any level, one
//! depth throughout; the depth is inferred from the data. The error says what was expected
//! and where (`[2][0]`). It needs a self-describing format (JSON, YAML, CBOR, MessagePack...),
//! since the depth is not known in advance.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! let text = serde_json::to_string(&x).unwrap();
//! assert_eq!(text, "[[1.0,2.0,3.0],[],[4.0,5.0]]");
//! assert_eq!(serde_json::from_str::<Array<f64>>(&text).unwrap(), x);
//! let err = serde_json::from_str::<Array<f64>>("[[1.0], 2.0]").unwrap_err();
//! assert!(err.to_string().starts_with("item at [1] has depth 0, but the items before it have depth 1"));
//! ```

use std::fmt;

use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::build::DepthInfo;
use crate::element::Element;
use crate::layout::{Array, Structure};

impl<T: Element> Serialize for Array<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Lists {
            array: self,
            depth: 0,
            lo: 0,
            hi: self.len(),
        }
        .serialize(serializer)
    }
}

/// Entries `lo..hi` of level `depth` of an array, serialized as one sequence.
struct Lists<'a, T> {
    array: &'a Array<T>,
    depth: usize,
    lo: usize,
    hi: usize,
}

impl<T: Element> Serialize for Lists<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let readable = serializer.is_human_readable();
        let mut seq = serializer.serialize_seq(Some(self.hi - self.lo))?;
        if self.depth == self.array.structure().depth() {
            for &value in &self.array.content()[self.lo..self.hi] {
                seq.serialize_element(&Leaf { value, readable })?;
            }
        } else {
            let offsets = self.array.offsets(self.depth);
            for i in self.lo..self.hi {
                seq.serialize_element(&Lists {
                    array: self.array,
                    depth: self.depth + 1,
                    lo: offsets[i] as usize,
                    hi: offsets[i + 1] as usize,
                })?;
            }
        }
        seq.end()
    }
}

/// One leaf value; non-finite floats become strings in human-readable formats.
struct Leaf<T> {
    value: T,
    readable: bool,
}

impl<T: Element> Serialize for Leaf<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let any = &self.value as &dyn std::any::Any;
        if let Some(&v) = any.downcast_ref::<f64>() {
            match non_finite_name(v, self.readable) {
                Some(name) => serializer.serialize_str(name),
                None => serializer.serialize_f64(v),
            }
        } else if let Some(&v) = any.downcast_ref::<f32>() {
            match non_finite_name(v as f64, self.readable) {
                Some(name) => serializer.serialize_str(name),
                None => serializer.serialize_f32(v),
            }
        } else {
            // bool and i64: JSON values that need no allocation.
            self.value.to_json_value().serialize(serializer)
        }
    }
}

/// `"nan"`, `"inf"`, `"-inf"` for a non-finite value in a human-readable format.
fn non_finite_name(value: f64, readable: bool) -> Option<&'static str> {
    match () {
        _ if !readable || value.is_finite() => None,
        _ if value.is_nan() => Some("nan"),
        _ if value > 0.0 => Some("inf"),
        _ => Some("-inf"),
    }
}

impl<'de, T: Element> Deserialize<'de> for Array<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut walk = Walk {
            levels: Vec::new(),
            counts: Vec::new(),
            content: Vec::new(),
            path: Vec::new(),
        };
        let info = deserializer.deserialize_any(TopLevel { walk: &mut walk })?;
        let depth = info.exact.unwrap_or(info.at_least);
        walk.levels.truncate(depth);
        let structure =
            Structure::new(walk.levels, walk.content.len()).map_err(de::Error::custom)?;
        Array::from_parts(structure, walk.content).map_err(de::Error::custom)
    }
}

/// The state of one deserialization: `levels[k]` are the offsets of the lists found at
/// nesting level `k` (level 0 holds the top-level items), `counts[k]` the number of items
/// seen so far at level `k`, `path` the position of the item being read.
struct Walk<T> {
    levels: Vec<Vec<i64>>,
    counts: Vec<usize>,
    content: Vec<T>,
    path: Vec<usize>,
}

impl<T: Element> Walk<T> {
    fn count(&mut self, level: usize) {
        if self.counts.len() <= level {
            self.counts.resize(level + 1, 0);
        }
        self.counts[level] += 1;
    }

    fn path_words(&self) -> String {
        self.path.iter().map(|i| format!("[{i}]")).collect()
    }

    /// Reads the items of one sequence, at `level`.
    fn items<'de, A: SeqAccess<'de>>(
        &mut self,
        mut seq: A,
        level: usize,
    ) -> Result<DepthInfo, A::Error> {
        let mut acc = DepthInfo {
            exact: None,
            at_least: 0,
        };
        let mut i = 0;
        loop {
            self.path.push(i);
            let Some(info) = seq.next_element_seed(Node { walk: self, level })? else {
                self.path.pop();
                return Ok(acc);
            };
            let mixed = match (acc.exact, info.exact) {
                (Some(a), Some(b)) => a != b,
                (Some(a), None) => info.at_least > a,
                (None, Some(b)) => acc.at_least > b,
                (None, None) => false,
            };
            if mixed {
                return Err(de::Error::custom(format!(
                    "item at {} has {}, but the items before it have {} (every item must \
                     have the same depth: 0 for a number, 1 for a list of numbers, ...)",
                    self.path_words(),
                    info.words(),
                    acc.words()
                )));
            }
            self.path.pop();
            acc.exact = acc.exact.or(info.exact);
            acc.at_least = acc.at_least.max(info.at_least);
            i += 1;
        }
    }

    /// Reads a leaf given as the JSON value it would be (numbers and booleans allocate
    /// nothing; a string only for `"nan"`-like leaves).
    fn leaf<E: de::Error>(&mut self, value: serde_json::Value) -> Result<DepthInfo, E> {
        match T::from_json_leaf(&value) {
            Ok(v) => {
                self.content.push(v);
                Ok(DepthInfo {
                    exact: Some(0),
                    at_least: 0,
                })
            }
            Err(expected) => Err(self.unexpected(expected, &describe(&value))),
        }
    }

    fn unexpected<E: de::Error>(&self, expected: &str, found: &str) -> E {
        E::custom(format!(
            "expected {expected} at {}, found {found}",
            self.path_words()
        ))
    }
}

/// A short description of a leaf, for error messages (as `from_json` words it).
fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(b) => format!("the boolean {b}"),
        serde_json::Value::Number(n) => format!("the number {n}"),
        serde_json::Value::String(s) => format!(
            "the string {value}",
            value = serde_json::Value::String(s.clone())
        ),
        serde_json::Value::Array(_) => "a list".into(),
        serde_json::Value::Object(_) => "an object".into(),
    }
}

/// The top level: a sequence of items at level 0.
struct TopLevel<'w, T> {
    walk: &'w mut Walk<T>,
}

impl<'de, T: Element> Visitor<'de> for TopLevel<'_, T> {
    type Value = DepthInfo;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list (nested lists of numbers)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<DepthInfo, A::Error> {
        self.walk.items(seq, 0)
    }
}

/// One item at `level`: a list or a leaf.
struct Node<'w, T> {
    walk: &'w mut Walk<T>,
    level: usize,
}

impl<'de, T: Element> DeserializeSeed<'de> for Node<'_, T> {
    type Value = DepthInfo;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<DepthInfo, D::Error> {
        self.walk.count(self.level);
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Element> Visitor<'de> for Node<'_, T> {
    type Value = DepthInfo;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list or a number")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<DepthInfo, A::Error> {
        let (walk, level) = (self.walk, self.level);
        let info = walk.items(seq, level + 1)?;
        if walk.levels.len() <= level {
            walk.levels.resize(level + 1, vec![0]);
        }
        let end = walk.counts.get(level + 1).copied().unwrap_or(0);
        walk.levels[level].push(end as i64);
        Ok(DepthInfo {
            exact: info.exact.map(|d| d + 1),
            at_least: info.at_least + 1,
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DepthInfo, E> {
        match serde_json::Number::from_f64(v) {
            Some(n) => self.walk.leaf(serde_json::Value::Number(n)),
            // A non-finite float from a binary format: only floats accept it.
            None => self.walk.leaf(serde_json::Value::String(
                non_finite_name(v, true).unwrap_or("nan").into(),
            )),
        }
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<DepthInfo, E> {
        self.visit_f64(v as f64)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DepthInfo, E> {
        self.walk.leaf(serde_json::Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DepthInfo, E> {
        self.walk.leaf(serde_json::Value::from(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<DepthInfo, E> {
        self.walk.leaf(serde_json::Value::Bool(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DepthInfo, E> {
        self.walk.leaf(serde_json::Value::String(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<DepthInfo, E> {
        self.walk.leaf(serde_json::Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<DepthInfo, E> {
        self.visit_unit()
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _map: A) -> Result<DepthInfo, A::Error> {
        let expected = match T::from_json_leaf(&serde_json::Value::Null) {
            Err(expected) => expected,
            Ok(_) => "a number",
        };
        Err(self.walk.unexpected(expected, "an object"))
    }
}
