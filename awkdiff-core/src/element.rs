//! Element types an [`Array`](crate::Array) can hold: `f32`, `f64`, `bool`, `i64`.

use std::fmt::Debug;
use std::iter::Sum;

/// A type that can be the leaf of an [`Array`](crate::Array).
///
/// ```
/// use awkdiff_core::Element;
/// assert_eq!(<f64 as Element>::TYPE_NAME, "float64");
/// assert_eq!(<i64 as Element>::TYPE_NAME, "int64");
/// ```
pub trait Element: Copy + Debug + PartialEq + Send + Sync + 'static {
    /// Awkward's name of the type (`float64`, `float32`, `bool`, `int64`).
    const TYPE_NAME: &'static str;
    /// Converts the value to a JSON number or boolean.
    fn to_json_value(self) -> serde_json::Value;
    /// Writes the value the way Awkward prints it (`1`, `2.5`, `True`, `-inf`).
    fn fmt_awkward(self, out: &mut String);
}

/// The float element types that take part in arithmetic and differentiation: `f32` and `f64`.
///
/// It is `num_traits::Float` plus what the kernels need; use it as the bound of generic
/// differentiable functions.
///
/// ```
/// use awkdiff_core::{Array, Float};
/// fn double<T: Float>(x: &Array<T>) -> Array<T> { x * T::from_f64(2.0) }
/// assert_eq!(double(&Array::from_vec(vec![1.0f32])), Array::from_vec(vec![2.0f32]));
/// ```
pub trait Float:
    num_traits::Float + num_traits::FloatConst + Element + Default + Sum + std::fmt::Display
{
    /// Converts an `f64` (a literal, a count) to this type.
    fn from_f64(value: f64) -> Self;
    /// Converts this value to `f64` (for checks and printing).
    fn as_f64(self) -> f64;
}

impl Element for f64 {
    const TYPE_NAME: &'static str = "float64";
    fn to_json_value(self) -> serde_json::Value {
        json_float(self)
    }
    fn fmt_awkward(self, out: &mut String) {
        fmt_float(self, out)
    }
}

impl Element for f32 {
    const TYPE_NAME: &'static str = "float32";
    fn to_json_value(self) -> serde_json::Value {
        // Go through the shortest decimal form of the f32 so that 0.1f32 prints as 0.1.
        json_float(self.to_string().parse::<f64>().unwrap_or(self as f64))
    }
    fn fmt_awkward(self, out: &mut String) {
        fmt_float(self, out)
    }
}

impl Element for bool {
    const TYPE_NAME: &'static str = "bool";
    fn to_json_value(self) -> serde_json::Value {
        serde_json::Value::Bool(self)
    }
    fn fmt_awkward(self, out: &mut String) {
        out.push_str(if self { "True" } else { "False" });
    }
}

impl Element for i64 {
    const TYPE_NAME: &'static str = "int64";
    fn to_json_value(self) -> serde_json::Value {
        serde_json::Value::from(self)
    }
    fn fmt_awkward(self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl Float for f64 {
    fn from_f64(value: f64) -> Self {
        value
    }
    fn as_f64(self) -> f64 {
        self
    }
}

impl Float for f32 {
    fn from_f64(value: f64) -> Self {
        value as f32
    }
    fn as_f64(self) -> f64 {
        self as f64
    }
}

/// JSON has no NaN or infinities: awkdiff writes them as the strings `"nan"`, `"inf"` and
/// `"-inf"`, as Awkward's `to_json` does with `nan_string`/`posinf_string`/`neginf_string`.
fn json_float(value: f64) -> serde_json::Value {
    match serde_json::Number::from_f64(value) {
        Some(number) => serde_json::Value::Number(number),
        None if value.is_nan() => serde_json::Value::String("nan".into()),
        None if value > 0.0 => serde_json::Value::String("inf".into()),
        None => serde_json::Value::String("-inf".into()),
    }
}

/// Formats a float as Awkward does in its list display: integral values without a
/// decimal point (`1`), others in shortest form (`2.5`), and `nan`, `inf`, `-inf`.
fn fmt_float<F: num_traits::Float + std::fmt::Display>(value: F, out: &mut String) {
    use std::fmt::Write;
    if value.is_nan() {
        out.push_str("nan");
    } else if value.is_infinite() {
        out.push_str(if value > F::zero() { "inf" } else { "-inf" });
    } else if value == value.trunc() && value.abs() < F::from(1e16).unwrap() {
        let _ = write!(out, "{value:.0}");
    } else {
        let _ = write!(out, "{value}");
    }
}
