//! [`Value`]: what arrays and float scalars have in common as values, tangents and
//! cotangents. Generated code and derivative rules are generic over it, so one rule serves
//! `Array<T>`, `T` and their mixes.

use crate::element::Float;
use crate::error::{Error, Result};
use crate::kernels;
use crate::layout::Array;
use crate::lazy_map;

/// A differentiable value: an `Array<T>` or a float scalar `T`. Its tangent and cotangent
/// have its own type and structure.
///
/// ```
/// use awkdiff_core::{array, Value};
/// let x = array![[1.0, 2.0], [3.0]];
/// assert_eq!(x.add_value(&x), array![[2.0, 4.0], [6.0]]);
/// assert_eq!(x.dot(&x), 14.0);
/// assert_eq!(2.0f64.dot(&3.0), 6.0);
/// assert_eq!(Value::zeros_like(&x), array![[0.0, 0.0], [0.0]]);
/// ```
pub trait Value: Clone + Send + Sync + 'static {
    /// The float type of the leaves.
    ///
    /// ```
    /// use awkdiff_core::{Array, Value};
    /// let x = Array::from_vec(vec![1.0f32, 2.0]);
    /// let first: <Array<f32> as Value>::Elem = x.content()[0];
    /// assert_eq!(first, 1.0f32);
    /// ```
    type Elem: Float;
    /// A value of this structure, all zeros.
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// assert_eq!(Value::zeros_like(&array![[1.0], []]), array![[0.0], []]);
    /// assert_eq!(Value::zeros_like(&3.0f64), 0.0);
    /// ```
    fn zeros_like(&self) -> Self;
    /// Elementwise `self + other`, both of the same structure (tangent and cotangent
    /// accumulation). Panics on a structure mismatch, with both types in the message.
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// assert_eq!(array![[1.0], [2.0]].add_value(&array![[10.0], [20.0]]), array![[11.0], [22.0]]);
    /// ```
    fn add_value(&self, other: &Self) -> Self;
    /// `self + other` like [`Value::add_value`], writing into `self`'s values when nothing
    /// else shares them (a cotangent accumulated in a reverse sweep).
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// let acc = array![[1.0], [2.0]];
    /// let at = acc.content().as_ptr();
    /// let sum = acc.add_into(&array![[10.0], [20.0]]);
    /// assert_eq!(sum, array![[11.0], [22.0]]);
    /// assert_eq!(sum.content().as_ptr(), at);
    /// ```
    fn add_into(self, other: &Self) -> Self {
        self.add_value(other)
    }
    /// Applies `f` to every leaf.
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// assert_eq!(array![[1.0, 2.0], []].map_value(|v| -v), array![[-1.0, -2.0], []]);
    /// ```
    fn map_value(&self, f: impl Fn(Self::Elem) -> Self::Elem + Sync) -> Self;
    /// Applies `f` to every pair of leaves of two values of the same structure.
    /// Panics on a structure mismatch, with both types in the message.
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// let x = array![[1.0, 2.0], [3.0]];
    /// assert_eq!(x.zip_value(&x, |a, b| a * b), array![[1.0, 4.0], [9.0]]);
    /// ```
    fn zip_value(
        &self,
        other: &Self,
        f: impl Fn(Self::Elem, Self::Elem) -> Self::Elem + Sync,
    ) -> Self;
    /// Sum of the products of corresponding leaves (`<self, other>`).
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// assert_eq!(array![[1.0, 2.0], [3.0]].dot(&array![[1.0, 1.0], [2.0]]), 9.0);
    /// ```
    fn dot(&self, other: &Self) -> Self::Elem;
    /// `Ok` when `self` (a tangent or cotangent) has the structure of `value`; otherwise
    /// `Error::Structure` whose context is `context` (e.g. "tangent of parameter `x`").
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// let x = array![[1.0, 2.0], [3.0]];
    /// assert!(array![[0.0, 0.0], [0.0]].check_like(&x, "tangent of `x`").is_ok());
    /// let err = array![[0.0], [0.0, 0.0]].check_like(&x, "tangent of `x`").unwrap_err();
    /// assert!(err.to_string().contains("tangent of `x`"));
    /// ```
    fn check_like(&self, value: &Self, context: &str) -> Result<()>;
    /// Awkward's type of the value (`3 * var * float64`, `float64`).
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// assert_eq!(array![[1.0], []].type_string(), "2 * var * float64");
    /// assert_eq!(1.0f32.type_string(), "float32");
    /// ```
    fn type_string(&self) -> String;
    /// Appends every leaf, as f64, to `out` (for gradient checks).
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// let mut out = Vec::new();
    /// array![[1.0f32], [], [2.0]].flatten_into(&mut out);
    /// assert_eq!(out, vec![1.0, 2.0]);
    /// ```
    fn flatten_into(&self, out: &mut Vec<f64>);
    /// A value of this structure with leaves taken from `values` (for gradient checks).
    /// Panics when `values` runs out.
    ///
    /// ```
    /// use awkdiff_core::{array, Value};
    /// let mut values = [7.0, 8.0].into_iter();
    /// assert_eq!(array![[1.0], [], [2.0]].unflatten_like(&mut values), array![[7.0], [], [8.0]]);
    /// ```
    fn unflatten_like(&self, values: &mut dyn Iterator<Item = f64>) -> Self;
}

impl<T: Float> Value for T {
    type Elem = T;
    fn zeros_like(&self) -> Self {
        T::zero()
    }
    fn add_value(&self, other: &Self) -> Self {
        *self + *other
    }
    fn map_value(&self, f: impl Fn(T) -> T + Sync) -> Self {
        f(*self)
    }
    fn zip_value(&self, other: &Self, f: impl Fn(T, T) -> T + Sync) -> Self {
        f(*self, *other)
    }
    fn dot(&self, other: &Self) -> T {
        *self * *other
    }
    fn check_like(&self, _value: &Self, _context: &str) -> Result<()> {
        Ok(())
    }
    fn type_string(&self) -> String {
        T::TYPE_NAME.to_string()
    }
    fn flatten_into(&self, out: &mut Vec<f64>) {
        out.push(self.as_f64());
    }
    fn unflatten_like(&self, values: &mut dyn Iterator<Item = f64>) -> Self {
        T::from_f64(values.next().expect("unflatten_like: not enough values"))
    }
}

impl<T: Float> Value for Array<T> {
    type Elem = T;
    fn zeros_like(&self) -> Self {
        Array::zeros_like(self)
    }
    fn add_value(&self, other: &Self) -> Self {
        self.zip_value(other, |a, b| a + b)
    }
    fn add_into(mut self, other: &Self) -> Self {
        if let Err(error) = other.check_like(&self, "add_into") {
            panic!("{error}");
        }
        match self.content_mut() {
            Some(values) => {
                kernels::zip_in_place(values, other.content(), |a, b| a + b);
                self
            }
            None => self.add_value(other),
        }
    }
    fn map_value(&self, f: impl Fn(T) -> T + Sync) -> Self {
        self.with_content(lazy_map::map_values(self, f))
    }
    fn zip_value(&self, other: &Self, f: impl Fn(T, T) -> T + Sync) -> Self {
        if let Err(error) = other.check_like(self, "zip_value") {
            panic!("{error}");
        }
        self.with_content(lazy_map::zip_values(self, other, f))
    }
    fn dot(&self, other: &Self) -> T {
        self.content()
            .iter()
            .zip(other.content())
            .map(|(&a, &b)| a * b)
            .sum()
    }
    fn check_like(&self, value: &Self, context: &str) -> Result<()> {
        if self.structure().same_as(value.structure()) {
            return Ok(());
        }
        let difference = value.structure().first_difference(self.structure());
        Err(Error::Structure {
            context: context.to_string(),
            expected: value.type_str(),
            found: self.type_str(),
            detail: if difference.is_empty() {
                String::new()
            } else {
                format!(": {difference}")
            },
        })
    }
    fn type_string(&self) -> String {
        self.type_str()
    }
    fn flatten_into(&self, out: &mut Vec<f64>) {
        out.extend(self.content().iter().map(|v| v.as_f64()));
    }
    fn unflatten_like(&self, values: &mut dyn Iterator<Item = f64>) -> Self {
        let content = (0..self.content().len())
            .map(|_| T::from_f64(values.next().expect("unflatten_like: not enough values")));
        self.with_content(content.collect())
    }
}

/// Panics unless the tangent or cotangent `t` has the structure of `value`; the message
/// names `context` (e.g. "tangent of parameter `x`") and both types. Generated functions
/// call it at their boundary.
///
/// ```
/// use awkdiff_core::{array, rules::expect_like};
/// let x = array![[1.0, 2.0], [3.0]];
/// expect_like(&array![[0.0, 1.0], [0.0]], &x, "tangent of parameter `x`");
/// let wrong = std::panic::catch_unwind(|| {
///     expect_like(&array![[0.0], [1.0, 0.0]], &x, "tangent of parameter `x`")
/// });
/// assert!(wrong.is_err());
/// ```
#[track_caller]
pub fn expect_like<V: Value>(t: &V, value: &V, context: &str) {
    if let Err(error) = t.check_like(value, context) {
        panic!("{error}");
    }
}
