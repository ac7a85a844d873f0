//! JSON in and out: [`Array::from_json`] and [`Array::to_json`].
//!
//! Reading parses the text with `serde_json` and then fills the offsets buffers and the
//! content in one walk over the parsed value (no intermediate nested vectors). Writing goes
//! straight into one `String`. NaN and the infinities, which JSON lacks, are written as the
//! strings `"nan"`, `"inf"` and `"-inf"` (Awkward's `nan_string`/`posinf_string`/
//! `neginf_string` convention) and read back from them.

use std::fmt::Write;
use std::sync::Arc;

use serde_json::Value;

use crate::build::DepthInfo;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};

impl<T: Element> Array<T> {
    /// Reads an array from JSON: nested lists of numbers (integers accepted, and the strings
    /// `"nan"`, `"inf"`, `"-inf"` for float arrays; `true`/`false` for `bool` arrays), `[]`
    /// at any level, every item of one depth.
    ///
    /// Text that is not JSON, a top level that is not a list, a leaf of the wrong kind or
    /// items of different depths give [`Error::Json`] saying what and where.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = Array::<f64>::from_json("[[1, 2.5, 3], [], [4, 5]]").unwrap();
    /// assert_eq!(x, array![[1.0, 2.5, 3.0], [], [4.0, 5.0]]);
    /// let err = Array::<f64>::from_json("[[1], 2]").unwrap_err();
    /// assert!(err.to_string().contains("item at [1] has depth 0"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::Json {
            reason: format!("not valid JSON: {e}"),
        })?;
        let Value::Array(items) = &value else {
            return Err(Error::Json {
                reason: format!("the top level must be a list, found {}", describe(&value)),
            });
        };
        let mut walk = Walk {
            levels: Vec::new(),
            counts: Vec::new(),
            content: Vec::new(),
            path: Vec::new(),
        };
        let info = walk.items(items, 0)?;
        let depth = info.exact.unwrap_or(info.at_least);
        debug_assert!(walk.levels.len() >= depth);
        walk.levels.truncate(depth);
        let levels = walk.levels.into_iter().map(Arc::<[i64]>::from).collect();
        let structure = Structure::from_levels_unchecked(levels, walk.content.len());
        Ok(Array::from_parts_unchecked(structure, walk.content))
    }

    /// Writes the array as JSON nested lists, compact as Awkward's `ak.to_json` writes them:
    /// `[[1.0,2.0,3.0],[],[4.0,5.0]]`. Floats always carry a decimal point or an exponent,
    /// so any JSON reader reads them back as floats; NaN and infinities are written as
    /// `"nan"`, `"inf"` and `"-inf"`. [`Array::from_json`] reads the text back exactly,
    /// except the depth of an array that has no innermost list: JSON cannot tell an empty
    /// `0 * var * float64` from an empty `0 * float64`, both are `[]` (as in Awkward, which
    /// reads such text as `unknown`).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x: Array<f64> = array![[1.0, 0.1, 1e20], [], [f64::NAN]];
    /// assert_eq!(x.to_json(), r#"[[1.0,0.1,1e20],[],["nan"]]"#);
    /// assert_eq!(Array::<f64>::from_json(&x.to_json()).unwrap().to_json(), x.to_json());
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.content().len() * 8 + 2);
        self.write_json_level(0, 0, self.len(), &mut out);
        out
    }

    fn write_json_level(&self, depth: usize, lo: usize, hi: usize, out: &mut String) {
        out.push('[');
        if depth == self.structure().depth() {
            for (i, value) in self.content()[lo..hi].iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                value.write_json(out);
            }
        } else {
            let offsets = self.offsets(depth);
            for i in lo..hi {
                if i > lo {
                    out.push(',');
                }
                let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
                self.write_json_level(depth + 1, start, end, out);
            }
        }
        out.push(']');
    }
}

/// The state of one walk over parsed JSON: `levels[k]` are the offsets of the lists found
/// at nesting level `k` (level 0 holds the top-level items), `counts[k]` the number of items
/// seen so far at level `k`.
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

    fn node(&mut self, value: &Value, level: usize) -> Result<DepthInfo> {
        self.count(level);
        match value {
            Value::Array(items) => {
                let info = self.items(items, level + 1)?;
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
            leaf => match T::from_json_leaf(leaf) {
                Ok(v) => {
                    self.content.push(v);
                    Ok(DepthInfo {
                        exact: Some(0),
                        at_least: 0,
                    })
                }
                Err(expected) => Err(Error::Json {
                    reason: format!(
                        "expected {expected} at {}, found {}",
                        path_words(&self.path),
                        describe(leaf)
                    ),
                }),
            },
        }
    }

    fn items(&mut self, items: &[Value], level: usize) -> Result<DepthInfo> {
        let mut acc = DepthInfo {
            exact: None,
            at_least: 0,
        };
        for (i, item) in items.iter().enumerate() {
            self.path.push(i);
            let info = self.node(item, level)?;
            let mixed = match (acc.exact, info.exact) {
                (Some(a), Some(b)) => a != b,
                (Some(a), None) => info.at_least > a,
                (None, Some(b)) => acc.at_least > b,
                (None, None) => false,
            };
            if mixed {
                return Err(Error::Json {
                    reason: format!(
                        "item at {} has {}, but the items before it have {} (every item \
                         must have the same depth: 0 for a number, 1 for a list of numbers, ...)",
                        path_words(&self.path),
                        info.words(),
                        acc.words()
                    ),
                });
            }
            self.path.pop();
            acc.exact = acc.exact.or(info.exact);
            acc.at_least = acc.at_least.max(info.at_least);
        }
        Ok(acc)
    }
}

/// `[2][0]` for the path `[2, 0]`.
fn path_words(path: &[usize]) -> String {
    let mut out = String::new();
    for i in path {
        let _ = write!(out, "[{i}]");
    }
    out
}

/// A short description of a JSON value, for error messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", Value::String(s.clone())),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
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

/// Reads an integer leaf.
pub(crate) fn int_leaf(value: &Value) -> Result<i64, &'static str> {
    value.as_i64().ok_or("an integer within the range of int64")
}

/// Reads a boolean leaf.
pub(crate) fn bool_leaf(value: &Value) -> Result<bool, &'static str> {
    value.as_bool().ok_or("true or false")
}

/// Writes a finite or non-finite `f64` as JSON so that it reads back as a float: a decimal
/// point or an exponent always, `"nan"`/`"inf"`/`"-inf"` for the non-finite values.
pub(crate) fn write_f64(value: f64, out: &mut String) {
    if !write_non_finite(value.is_nan(), value.is_infinite(), value > 0.0, out) {
        write_finite(value, value.abs(), out);
    }
}

/// Writes an `f32` in its own shortest form when reading that text as an `f64` and casting
/// to `f32` gives the value back (almost always), else in the `f64` form of the same value.
pub(crate) fn write_f32(value: f32, out: &mut String) {
    if write_non_finite(value.is_nan(), value.is_infinite(), value > 0.0, out) {
        return;
    }
    let start = out.len();
    write_finite(value, value.abs(), out);
    if out[start..].parse::<f64>().map(|v| v as f32) != Ok(value) {
        out.truncate(start);
        write_f64(value as f64, out);
    }
}

fn write_non_finite(nan: bool, infinite: bool, positive: bool, out: &mut String) -> bool {
    if nan {
        out.push_str("\"nan\"");
    } else if infinite {
        out.push_str(if positive { "\"inf\"" } else { "\"-inf\"" });
    } else {
        return false;
    }
    true
}

/// Rust's shortest round-trip forms: plain digits in `1e-5..1e16`, exponent form outside.
fn write_finite<F>(value: F, magnitude: F, out: &mut String)
where
    F: std::fmt::Display + std::fmt::LowerExp + Into<f64> + Copy,
{
    let m: f64 = magnitude.into();
    if m == 0.0 || (1e-5..1e16).contains(&m) {
        let start = out.len();
        let _ = write!(out, "{value}");
        if !out[start..].contains('.') {
            out.push_str(".0");
        }
    } else {
        let _ = write!(out, "{value:e}");
    }
}
