//! Reading nested lists as a stream, from any self-describing serde format: the one walk
//! behind [`Array::from_json`](crate::Array::from_json) and (with the `serde` feature) the
//! `Deserialize` impl of arrays.
//!
//! The walk fills the offsets buffers and the content while the deserializer reads, with no
//! intermediate tree: `levels[k]` are the offsets of the lists found at nesting level `k`
//! (level 0 holds the top-level items), `counts[k]` the number of items seen so far at level
//! `k`. A list nested past [`MAX_DEPTH`](crate::MAX_DEPTH) stops the walk before it recurses any deeper, so
//! the walk's own recursion is bounded whatever the format.

use std::fmt::{self, Write};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::build::DepthInfo;
use crate::element::{Element, Tagged};
use crate::error::{quote_cut, Error, Result, QUOTE_LIMIT};
use crate::layout::{check_depth, Array, Structure};

/// The state of one read of nested lists, whose innermost items (below every list) go to
/// `L`: the values of an array ([`Values`]), or the records of a record struct.
pub(crate) struct Walk<L> {
    /// The operation, for [`Error::Depth`] (`from_json`, `deserialize`).
    op: &'static str,
    levels: Vec<Vec<i64>>,
    counts: Vec<usize>,
    /// What reads the items that are not lists.
    leaves: L,
    /// The position of the item being read (`[2, 0]` for `[2][0]`).
    path: Vec<usize>,
    /// The error that stopped the walk, when the walk (not the format) found it.
    failure: Option<Error>,
}

/// What a [`Walk`] does with the items that are not lists.
pub(crate) trait Leaves {
    /// What the items of each depth are, for the message on items of mixed depths:
    /// `0 for a number, 1 for a list of numbers, ...`.
    fn depths(&self) -> &'static str;

    /// Reads one item that is not a list or an object, at `at` (`[2][0]`).
    fn leaf(&mut self, leaf: Leaf<'_>, at: &str) -> Result<()>;

    /// Reads an object at `at`: the format's error, or else ours. By default an object is a
    /// leaf like any other ([`Leaf::Object`]), read without its entries.
    fn object<'de, A: MapAccess<'de>>(
        &mut self,
        map: A,
        at: &str,
    ) -> std::result::Result<Result<()>, A::Error> {
        let _ = map;
        Ok(self.leaf(Leaf::Object, at))
    }
}

/// The leaves of an array: its values, and whether each is present when reading a
/// [`Masked`](crate::Masked) (`null` being a missing value).
pub(crate) struct Values<T> {
    content: Vec<T>,
    /// Whether each leaf is present; `None` when `null` is an error.
    validity: Option<Vec<bool>>,
}

impl<T: Element> Leaves for Values<T> {
    fn depths(&self) -> &'static str {
        match self.validity {
            None => "0 for a number, 1 for a list of numbers, ...",
            Some(_) => {
                "0 for a number, 1 for a list of numbers, ...; null stands for a missing \
                 number, a whole list cannot be missing"
            }
        }
    }

    fn leaf(&mut self, leaf: Leaf<'_>, at: &str) -> Result<()> {
        if let (Leaf::Null, Some(validity)) = (leaf, self.validity.as_mut()) {
            self.content.push(T::default());
            validity.push(false);
            return Ok(());
        }
        match element_from_json::<T>(&leaf.to_value()) {
            Ok(v) => {
                self.content.push(v);
                if let Some(validity) = self.validity.as_mut() {
                    validity.push(true);
                }
                Ok(())
            }
            Err(expected) => {
                let hint = match leaf {
                    Leaf::Null => {
                        " (an Array has no missing values: read nulls into a Masked instead)"
                    }
                    _ => "",
                };
                let reason = format!(
                    "expected {expected} at {at}, found {}{hint}",
                    leaf.describe()
                );
                Err(Error::Json { reason })
            }
        }
    }
}

impl<T: Element> Walk<Values<T>> {
    /// A walk of an array that has read nothing yet, for the operation `op`.
    pub(crate) fn new(op: &'static str) -> Self {
        Walk::with_leaves(
            op,
            Values {
                content: Vec::new(),
                validity: None,
            },
        )
    }

    /// A walk that reads `null` in place of a leaf as a missing entry (for
    /// [`Masked`](crate::Masked)), for the operation `op`.
    pub(crate) fn with_nulls(op: &'static str) -> Self {
        Walk::with_leaves(
            op,
            Values {
                content: Vec::new(),
                validity: Some(Vec::new()),
            },
        )
    }

    /// The values read and whether each leaf was present (all present unless the walk was
    /// made by [`Walk::with_nulls`]).
    pub(crate) fn finish_with_validity(mut self, info: DepthInfo) -> Result<(Array<T>, Vec<bool>)> {
        let validity = self.leaves.validity.take();
        let values = self.finish(info)?;
        let validity = validity.unwrap_or_else(|| vec![true; values.content().len()]);
        Ok((values, validity))
    }

    /// The array read, of the depth `info` says.
    pub(crate) fn finish(self, info: DepthInfo) -> Result<Array<T>> {
        let (levels, leaves) = self.into_parts(info);
        let structure = Structure::new(levels, leaves.content.len())?;
        Array::from_parts(structure, leaves.content)
    }
}

impl<L: Leaves> Walk<L> {
    /// A walk that has read nothing yet, for the operation `op`, its leaves read by
    /// `leaves`.
    pub(crate) fn with_leaves(op: &'static str, leaves: L) -> Self {
        Walk {
            op,
            levels: Vec::new(),
            counts: Vec::new(),
            leaves,
            path: Vec::new(),
            failure: None,
        }
    }

    /// Reads one top-level list from `deserializer`; its depth, for [`Walk::into_parts`].
    pub(crate) fn read<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> std::result::Result<DepthInfo, D::Error> {
        deserializer.deserialize_any(TopLevel { walk: self })
    }

    /// Reads JSON text holding one top-level list; its depth. [`Error::Json`] for text that
    /// is not JSON, else the error the walk found.
    pub(crate) fn read_json(&mut self, text: &str) -> Result<DepthInfo> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let read = self
            .read(&mut deserializer)
            .and_then(|info| deserializer.end().map(|()| info));
        read.map_err(|e| {
            self.take_failure().unwrap_or_else(|| Error::Json {
                reason: format!("not valid JSON: {e}"),
            })
        })
    }

    /// The error that stopped the walk, if the walk found it (mixed depths, a wrong leaf,
    /// too deep, not a list) rather than the format (invalid syntax).
    pub(crate) fn take_failure(&mut self) -> Option<Error> {
        self.failure.take()
    }

    /// The offsets of the lists read, of the depth `info` says, and the leaves.
    pub(crate) fn into_parts(mut self, info: DepthInfo) -> (Vec<Vec<i64>>, L) {
        let depth = info.exact.unwrap_or(info.at_least);
        self.levels.truncate(depth);
        (self.levels, self.leaves)
    }

    /// Records `error` as the failure of the walk and gives it as the format's error (its
    /// message without the `invalid JSON array: ` prefix of [`Error::Json`]).
    fn fail<E: de::Error>(&mut self, error: Error) -> E {
        let message = match &error {
            Error::Json { reason } => reason.clone(),
            other => other.to_string(),
        };
        self.failure = Some(error);
        E::custom(message)
    }

    /// Counts one more item at `level`.
    fn count(&mut self, level: usize) {
        if self.counts.len() <= level {
            self.counts.resize(level + 1, 0);
        }
        self.counts[level] += 1;
    }

    /// `[2][0]` for the path `[2, 0]`.
    fn path_words(&self) -> String {
        let mut out = String::new();
        for i in &self.path {
            let _ = write!(out, "[{i}]");
        }
        out
    }

    /// Reads the items of one sequence, at `level`.
    fn items<'de, A: SeqAccess<'de>>(
        &mut self,
        mut seq: A,
        level: usize,
    ) -> std::result::Result<DepthInfo, A::Error> {
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
            if mixed(acc, info) {
                let reason = format!(
                    "item at {} has {}, but the items before it have {} (every item must \
                     have the same depth: {})",
                    self.path_words(),
                    info.words(),
                    acc.words(),
                    self.leaves.depths()
                );
                return Err(self.fail(Error::Json { reason }));
            }
            self.path.pop();
            acc.exact = acc.exact.or(info.exact);
            acc.at_least = acc.at_least.max(info.at_least);
            i += 1;
        }
    }

    /// Reads a list at `level`: its items one level down, then its end offset.
    fn list<'de, A: SeqAccess<'de>>(
        &mut self,
        seq: A,
        level: usize,
    ) -> std::result::Result<DepthInfo, A::Error> {
        if let Err(error) = check_depth(self.op, level + 1) {
            return Err(self.fail(error));
        }
        let info = self.items(seq, level + 1)?;
        if self.levels.len() <= level {
            self.levels.resize(level + 1, vec![0]);
        }
        let end = self.counts.get(level + 1).copied().unwrap_or(0);
        self.levels[level].push(end as i64);
        Ok(DepthInfo {
            exact: info.exact.map(|d| d + 1),
            at_least: info.at_least + 1,
        })
    }

    /// Reads a leaf.
    fn leaf<E: de::Error>(&mut self, leaf: Leaf) -> std::result::Result<DepthInfo, E> {
        let at = self.path_words();
        match self.leaves.leaf(leaf, &at) {
            Ok(()) => Ok(LEAF),
            Err(error) => Err(self.fail(error)),
        }
    }

    /// Reads an object.
    fn object<'de, A: MapAccess<'de>>(
        &mut self,
        map: A,
    ) -> std::result::Result<DepthInfo, A::Error> {
        let at = self.path_words();
        match self.leaves.object(map, &at)? {
            Ok(()) => Ok(LEAF),
            Err(error) => Err(self.fail(error)),
        }
    }

    /// The error for a top level that is not a list.
    fn not_a_list<E: de::Error>(&mut self, leaf: Leaf) -> E {
        let reason = format!("the top level must be a list, found {}", leaf.describe());
        self.fail(Error::Json { reason })
    }
}

/// The depth of an item that is not a list.
const LEAF: DepthInfo = DepthInfo {
    exact: Some(0),
    at_least: 0,
};

/// True when an item of depth `info` cannot follow items of depth `acc`.
fn mixed(acc: DepthInfo, info: DepthInfo) -> bool {
    match (acc.exact, info.exact) {
        (Some(a), Some(b)) => a != b,
        (Some(a), None) => info.at_least > a,
        (None, Some(b)) => acc.at_least > b,
        (None, None) => false,
    }
}

/// A value that is not a list, as a format gives it.
#[derive(Clone, Copy)]
pub(crate) enum Leaf<'a> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(&'a str),
    Object,
}

impl Leaf<'_> {
    /// The JSON value [`element_from_json`] reads. A non-finite float (from a binary
    /// format) is its string, `"nan"`, `"inf"` or `"-inf"`; an object is an empty one.
    pub(crate) fn to_value(self) -> Value {
        match self {
            Leaf::Null => Value::Null,
            Leaf::Bool(b) => Value::Bool(b),
            Leaf::I64(v) => Value::from(v),
            Leaf::U64(v) => Value::from(v),
            Leaf::F64(v) => match serde_json::Number::from_f64(v) {
                Some(n) => Value::Number(n),
                None => Value::String(non_finite_name(v).into()),
            },
            Leaf::Str(s) => Value::String(s.to_owned()),
            Leaf::Object => Value::Object(serde_json::Map::new()),
        }
    }

    /// A short description, for error messages: `the number 2.5`, `the string "x"` (a long
    /// string cut after 64 characters), `an object`.
    pub(crate) fn describe(self) -> String {
        match self {
            Leaf::Null => "null".into(),
            Leaf::Bool(b) => format!("the boolean {b}"),
            Leaf::I64(v) => format!("the number {v}"),
            Leaf::U64(v) => format!("the number {v}"),
            Leaf::F64(v) => match serde_json::Number::from_f64(v) {
                Some(n) => format!("the number {n}"),
                None => format!("the number {v}"),
            },
            Leaf::Str(s) => format!("the string {}", quoted(s)),
            Leaf::Object => "an object".into(),
        }
    }
}

/// `s` as a JSON string literal, cut after 64 characters: `"abc"`, or
/// `"abc..."... (1000000 bytes)` for a long one.
pub(crate) fn quoted(s: &str) -> String {
    match quote_cut(s, QUOTE_LIMIT) {
        None => Value::String(s.to_owned()).to_string(),
        Some(cut) => format!(
            "{}... ({} bytes)",
            Value::String(s[..cut].to_owned()),
            s.len()
        ),
    }
}

/// `"nan"`, `"inf"` or `"-inf"` for a non-finite float.
fn non_finite_name(v: f64) -> &'static str {
    match () {
        _ if v.is_nan() => "nan",
        _ if v > 0.0 => "inf",
        _ => "-inf",
    }
}

/// Reads what a format gives at one place, with `$leaf` receiving the [`Leaf`] of anything
/// that is not a list or an object (`$self` being the visitor), and `$object` an object.
macro_rules! visit_leaves {
    ($leaf:ident, $object:ident) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::Bool(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::I64(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::U64(v))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::F64(v))
        }

        fn visit_f32<E: de::Error>(self, v: f32) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::F64(v as f64))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::Str(v))
        }

        fn visit_unit<E: de::Error>(self) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::Null)
        }

        fn visit_none<E: de::Error>(self) -> std::result::Result<DepthInfo, E> {
            self.$leaf(Leaf::Null)
        }

        fn visit_map<A: de::MapAccess<'de>>(
            self,
            map: A,
        ) -> std::result::Result<DepthInfo, A::Error> {
            self.$object(map)
        }
    };
}

/// The top level: a sequence of items at level 0.
struct TopLevel<'w, L> {
    walk: &'w mut Walk<L>,
}

impl<L: Leaves> TopLevel<'_, L> {
    fn not_a_list<E: de::Error>(self, leaf: Leaf) -> std::result::Result<DepthInfo, E> {
        Err(self.walk.not_a_list(leaf))
    }

    fn not_a_list_but_object<'de, A: MapAccess<'de>>(
        self,
        _map: A,
    ) -> std::result::Result<DepthInfo, A::Error> {
        Err(self.walk.not_a_list(Leaf::Object))
    }
}

impl<'de, L: Leaves> Visitor<'de> for TopLevel<'_, L> {
    type Value = DepthInfo;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list (nested lists of numbers)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<DepthInfo, A::Error> {
        self.walk.items(seq, 0)
    }

    visit_leaves!(not_a_list, not_a_list_but_object);
}

/// One item at `level`: a list, an object or a leaf.
struct Node<'w, L> {
    walk: &'w mut Walk<L>,
    level: usize,
}

impl<L: Leaves> Node<'_, L> {
    fn leaf<E: de::Error>(self, leaf: Leaf) -> std::result::Result<DepthInfo, E> {
        self.walk.leaf(leaf)
    }

    fn object<'de, A: MapAccess<'de>>(self, map: A) -> std::result::Result<DepthInfo, A::Error> {
        self.walk.object(map)
    }
}

impl<'de, L: Leaves> DeserializeSeed<'de> for Node<'_, L> {
    type Value = DepthInfo;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<DepthInfo, D::Error> {
        self.walk.count(self.level);
        deserializer.deserialize_any(self)
    }
}

impl<'de, L: Leaves> Visitor<'de> for Node<'_, L> {
    type Value = DepthInfo;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list or a number")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<DepthInfo, A::Error> {
        self.walk.list(seq, self.level)
    }

    visit_leaves!(leaf, object);
}

/// Reads a leaf of an array of `T`; the error says what was expected (`"true or false"`).
pub(crate) fn element_from_json<T: Element>(value: &Value) -> Result<T, &'static str> {
    T::from_tagged(tagged_from_json(T::TYPE_NAME, value)?).ok_or("a value of the array's type")
}

/// Reads a leaf of the element type named `type_name` (`float64`, `float32`, `bool`,
/// `int64`); the error says what was expected.
pub(crate) fn tagged_from_json(type_name: &str, value: &Value) -> Result<Tagged, &'static str> {
    Ok(match type_name {
        "float64" => Tagged::F64(float_leaf(value)?),
        "float32" => Tagged::F32(f32_leaf(value)?),
        "bool" => Tagged::Bool(bool_leaf(value)?),
        _ => Tagged::I64(int_leaf(value)?),
    })
}

/// Reads a float leaf: a number, or `"nan"`, `"inf"`, `"-inf"`.
pub(crate) fn float_leaf(value: &Value) -> Result<f64, &'static str> {
    const EXPECTED: &str = "a number (or \"nan\", \"inf\", \"-inf\")";
    match value {
        Value::Number(n) => n.as_f64().ok_or(EXPECTED),
        Value::String(s) => match s.as_str() {
            "nan" => Ok(f64::NAN),
            "inf" => Ok(f64::INFINITY),
            "-inf" => Ok(f64::NEG_INFINITY),
            _ => Err(EXPECTED),
        },
        _ => Err(EXPECTED),
    }
}

/// Reads an `f32` leaf: as [`float_leaf`], but a finite number beyond the range of `f32`
/// (one that would round to an infinity) is an error. Numbers too small round to a
/// subnormal or to 0, as in NumPy.
pub(crate) fn f32_leaf(value: &Value) -> Result<f32, &'static str> {
    let wide = float_leaf(value)?;
    let narrow = wide as f32;
    if narrow.is_infinite() && wide.is_finite() {
        return Err("a number within the range of float32 (magnitude at most 3.4028235e38)");
    }
    Ok(narrow)
}

/// Reads an integer leaf.
pub(crate) fn int_leaf(value: &Value) -> Result<i64, &'static str> {
    value.as_i64().ok_or("an integer within the range of int64")
}

/// Reads a boolean leaf.
pub(crate) fn bool_leaf(value: &Value) -> Result<bool, &'static str> {
    value.as_bool().ok_or("true or false")
}
