//! JSON in and out: [`Array::from_json`] and [`Array::to_json`].
//!
//! Reading streams the text through `serde_json`'s deserializer, filling the offsets
//! buffers and the content as the tokens arrive (the walk of the `read` module, shared with
//! serde's `Deserialize`): no parsed tree, no intermediate nested vectors. Writing goes
//! straight into one `String`. NaN and the infinities, which JSON lacks, are written as the
//! strings `"nan"`, `"inf"` and `"-inf"` (Awkward's `nan_string`/`posinf_string`/
//! `neginf_string` convention) and read back from them.

use std::fmt::Write;

use crate::element::{Element, Tagged};
use crate::error::Result;
use crate::layout::Array;
use crate::read::Walk;

impl<T: Element> Array<T> {
    /// Reads an array from JSON: nested lists of numbers (integers accepted, and the strings
    /// `"nan"`, `"inf"`, `"-inf"` for float arrays; `true`/`false` for `bool` arrays), `[]`
    /// at any level, every item of one depth.
    ///
    /// Text that is not JSON, a top level that is not a list, a leaf of the wrong kind or
    /// items of different depths give [`Error::Json`](crate::Error::Json) saying what and
    /// where (a string leaf is quoted up to 64 characters). Numbers out of the range of `T` are errors: a finite
    /// number that would become infinite (`1e400` for `f64`, `1e39` for `f32`); numbers too
    /// small for `T` round to a subnormal or to 0 (`1e-50` is 0 in `f32`), as NumPy's
    /// `float32` does. Lists nested past [`MAX_DEPTH`](crate::MAX_DEPTH) give
    /// [`Error::Depth`](crate::Error::Depth).
    ///
    /// The text is read as a stream: the memory needed is the array's, not a parsed tree's.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Error};
    /// let x = Array::<f64>::from_json("[[1, 2.5, 3], [], [4, 5]]").unwrap();
    /// assert_eq!(x, array![[1.0, 2.5, 3.0], [], [4.0, 5.0]]);
    /// let err = Array::<f64>::from_json("[[1], 2]").unwrap_err();
    /// assert!(err.to_string().contains("item at [1] has depth 0"));
    /// assert_eq!(Array::<f32>::from_json("[1e-50]").unwrap(), Array::from_vec(vec![0.0f32]));
    /// assert!(Array::<f32>::from_json("[1e39]").is_err());
    /// let deep = format!("{}{}", "[".repeat(102), "]".repeat(102));
    /// assert!(matches!(Array::<f64>::from_json(&deep), Err(Error::Depth { .. })));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let mut walk = Walk::new("from_json");
        let info = walk.read_json(text)?;
        walk.finish(info)
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
                write_element(value.tagged(), out);
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

/// One value for a serde `Serializer`, as [`Array::to_json`] writes it: a non-finite float
/// is the string `"nan"`, `"inf"` or `"-inf"` in a human-readable format (JSON has no such
/// numbers), the float itself in others. Shared by the `Serialize` impls of arrays and
/// records.
pub(crate) struct SerializeLeaf {
    pub(crate) value: Tagged,
    pub(crate) readable: bool,
}

impl serde::Serialize for SerializeLeaf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Tagged::F64(v) => match non_finite_name(v, self.readable) {
                Some(name) => serializer.serialize_str(name),
                None => serializer.serialize_f64(v),
            },
            Tagged::F32(v) => match non_finite_name(v as f64, self.readable) {
                Some(name) => serializer.serialize_str(name),
                None => serializer.serialize_f32(v),
            },
            Tagged::Bool(v) => serializer.serialize_bool(v),
            Tagged::I64(v) => serializer.serialize_i64(v),
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

/// Appends one value as JSON, as [`Array::to_json`] writes it (floats always with a decimal
/// point or exponent; `"nan"`, `"inf"`, `"-inf"`).
pub(crate) fn write_element(value: Tagged, out: &mut String) {
    match value {
        Tagged::F64(v) => write_f64(v, out),
        Tagged::F32(v) => write_f32(v, out),
        Tagged::Bool(v) => out.push_str(if v { "true" } else { "false" }),
        Tagged::I64(v) => out.push_str(&v.to_string()),
    }
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
