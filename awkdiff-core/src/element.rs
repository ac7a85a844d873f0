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
pub trait Element: Copy + Debug + Default + PartialEq + Send + Sync + 'static {
    /// Awkward's name of the type (`float64`, `float32`, `bool`, `int64`).
    ///
    /// ```
    /// use awkdiff_core::Element;
    /// assert_eq!(<f32 as Element>::TYPE_NAME, "float32");
    /// assert_eq!(<bool as Element>::TYPE_NAME, "bool");
    /// ```
    const TYPE_NAME: &'static str;
    /// Converts the value to a JSON number or boolean.
    ///
    /// ```
    /// use awkdiff_core::Element;
    /// assert_eq!(2.5f64.to_json_value(), serde_json::json!(2.5));
    /// assert_eq!(true.to_json_value(), serde_json::json!(true));
    /// ```
    fn to_json_value(self) -> serde_json::Value;
    /// Writes the value the way Awkward prints it (`1`, `2.5`, `True`, `-inf`).
    ///
    /// ```
    /// use awkdiff_core::Element;
    /// let mut out = String::new();
    /// 1.0f64.fmt_awkward(&mut out);
    /// out.push(' ');
    /// true.fmt_awkward(&mut out);
    /// assert_eq!(out, "1 True");
    /// ```
    fn fmt_awkward(self, out: &mut String);
    /// Appends the value as JSON, as [`Array::to_json`](crate::Array::to_json) writes it
    /// (floats always with a decimal point or exponent; `"nan"`, `"inf"`, `"-inf"`).
    ///
    /// ```
    /// use awkdiff_core::Element;
    /// let mut out = String::new();
    /// 2.0f64.write_json(&mut out);
    /// assert_eq!(out, "2.0");
    /// ```
    fn write_json(self, out: &mut String);
    /// Reads a leaf of [`Array::from_json`](crate::Array::from_json); the error says what
    /// was expected (`"true or false"`).
    ///
    /// ```
    /// use awkdiff_core::Element;
    /// assert_eq!(f64::from_json_leaf(&serde_json::json!(3)), Ok(3.0));
    /// assert!(bool::from_json_leaf(&serde_json::json!(3)).is_err());
    /// ```
    fn from_json_leaf(value: &serde_json::Value) -> Result<Self, &'static str>;
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
    ///
    /// ```
    /// use awkdiff_core::Float;
    /// assert_eq!(<f32 as Float>::from_f64(0.5), 0.5f32);
    /// ```
    fn from_f64(value: f64) -> Self;
    /// Converts this value to `f64` (for checks and printing).
    ///
    /// ```
    /// use awkdiff_core::Float;
    /// assert_eq!(Float::as_f64(0.25f32), 0.25);
    /// ```
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
    fn write_json(self, out: &mut String) {
        crate::json::write_f64(self, out)
    }
    fn from_json_leaf(value: &serde_json::Value) -> Result<Self, &'static str> {
        crate::json::float_leaf(value)
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
    fn write_json(self, out: &mut String) {
        crate::json::write_f32(self, out)
    }
    fn from_json_leaf(value: &serde_json::Value) -> Result<Self, &'static str> {
        crate::json::f32_leaf(value)
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
    fn write_json(self, out: &mut String) {
        out.push_str(if self { "true" } else { "false" });
    }
    fn from_json_leaf(value: &serde_json::Value) -> Result<Self, &'static str> {
        crate::json::bool_leaf(value)
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
    fn write_json(self, out: &mut String) {
        out.push_str(&self.to_string());
    }
    fn from_json_leaf(value: &serde_json::Value) -> Result<Self, &'static str> {
        crate::json::int_leaf(value)
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

/// Formats a float as Awkward does in its list display: NumPy's `f"{x:.3g}"`
/// (`1`, `0.333`, `1.23e+05`, `1e-05`, `nan`, `-inf`).
fn fmt_float<F: num_traits::Float>(value: F, out: &mut String) {
    crate::display::fmt_g3(value.to_f64().unwrap_or(f64::NAN), out)
}
