//! The reducers' `None` forms: `max_or_none`, `min_or_none` (with their JVP and VJP rules),
//! `argmax_or_none`, `argmin_or_none` (not differentiable). They are Awkward's defaults,
//! `ak.max(x, axis)` with `mask_identity=True`: an empty list has no maximum, so its entry is
//! missing, where [`Array::max`] gives the identity (`-inf`, Awkward's
//! `mask_identity=False`) and [`Array::argmax`] gives -1.
//!
//! The name says what the result is, `the max, or None`, beside the identity form that keeps
//! the short name (API.md fixed `max(axis)` as the identity form first). An entry is missing
//! exactly where the reduced list is empty (`x.count(axis)` is 0): a list of only NaN has a
//! maximum, the identity, as in Awkward 2.14 (`ak.max([[nan]], axis=-1)` is `[-inf]`).
//!
//! Values, axes and the derivative are those of [`Array::max`]; the missing entries have no
//! tangent (their lists have no element to carry one) and their cotangent goes nowhere.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
//! assert_eq!(x.max_or_none(-1).to_string(), "[3.3, None, 5.5]");
//! assert_eq!(x.max(-1), Array::from_vec(vec![3.3, f64::NEG_INFINITY, 5.5]));
//! assert_eq!(x.argmax_or_none(-1).to_string(), "[2, None, 1]");
//! ```

use crate::element::{Element, Float};
use crate::error::Result;
use crate::layout::Array;
use crate::masked::Masked;
use crate::ops::extremes::{max_jvp, max_vjp, min_jvp, min_vjp};
use crate::ops::reduce_map::resolve_axis;
use crate::ops::slice::panic_on_error;

/// `values` (a reduction of `x` at `axis`) missing where the reduced list is empty: read from
/// the innermost offsets for the innermost axis, else counted.
fn missing_where_empty<T: Element, U: Element>(
    x: &Array<T>,
    axis: isize,
    values: Array<U>,
) -> Result<Masked<U>> {
    let structure = x.structure();
    let valid = if resolve_axis(x, axis)? == structure.depth() {
        let valid = match structure.depth() {
            0 => vec![structure.content_len() > 0],
            d => structure
                .offsets(d - 1)
                .windows(2)
                .map(|w| w[1] > w[0])
                .collect(),
        };
        values.with_content(valid)
    } else {
        x.try_count(axis)?.map(|count| count > 0)
    };
    Ok(Masked::from_parts(values, valid))
}

impl<T: Float> Array<T> {
    /// Maximum along `axis`, missing for an empty list (Awkward's `ak.max(x, axis)`, whose
    /// default is `mask_identity=True`); `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 3.0], [], [2.0]];
    /// assert_eq!(x.try_max_or_none(1).unwrap().to_string(), "[3, None, 2]");
    /// assert_eq!(
    ///     x.try_max_or_none(2).unwrap_err().to_string(),
    ///     "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)"
    /// );
    /// ```
    pub fn try_max_or_none(&self, axis: isize) -> Result<Masked<T>> {
        missing_where_empty(self, axis, self.try_max(axis)?)
    }

    /// [`Array::try_max_or_none`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    /// // ak.max(x, axis=2): [[2.0, None], [], [3.0, None, 6.0]]
    /// assert_eq!(x.max_or_none(2).to_string(), "[[2, None], [], [3, None, 6]]");
    /// ```
    pub fn max_or_none(&self, axis: isize) -> Masked<T> {
        panic_on_error(self.try_max_or_none(axis))
    }

    /// Minimum along `axis`, missing for an empty list (Awkward's `ak.min(x, axis)`);
    /// `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], []].try_min_or_none(-1).unwrap().to_string(), "[1, None]");
    /// ```
    pub fn try_min_or_none(&self, axis: isize) -> Result<Masked<T>> {
        missing_where_empty(self, axis, self.try_min(axis)?)
    }

    /// [`Array::try_min_or_none`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], [], [2.0]].min_or_none(0).to_string(), "[1, 3]");
    /// ```
    pub fn min_or_none(&self, axis: isize) -> Masked<T> {
        panic_on_error(self.try_min_or_none(axis))
    }

    /// Position of the first maximum along `axis`, missing for an empty list (Awkward's
    /// `ak.argmax(x, axis)`); `Error::Axis` when the axis is out of range. Not differentiable.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], []].try_argmax_or_none(-1).unwrap().to_string(), "[1, None]");
    /// ```
    pub fn try_argmax_or_none(&self, axis: isize) -> Result<Masked<i64>> {
        missing_where_empty(self, axis, self.try_argmax(axis)?)
    }

    /// [`Array::try_argmax_or_none`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(x.argmax_or_none(1).to_options(), vec![Some(2), None, Some(1)]);
    /// ```
    pub fn argmax_or_none(&self, axis: isize) -> Masked<i64> {
        panic_on_error(self.try_argmax_or_none(axis))
    }

    /// Position of the first minimum along `axis`, missing for an empty list (Awkward's
    /// `ak.argmin(x, axis)`); `Error::Axis` when the axis is out of range. Not differentiable.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], []].try_argmin_or_none(-1).unwrap().to_string(), "[0, None]");
    /// ```
    pub fn try_argmin_or_none(&self, axis: isize) -> Result<Masked<i64>> {
        missing_where_empty(self, axis, self.try_argmin(axis)?)
    }

    /// [`Array::try_argmin_or_none`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], [], [2.0]].argmin_or_none(1).to_string(), "[0, None, 0]");
    /// ```
    pub fn argmin_or_none(&self, axis: isize) -> Masked<i64> {
        panic_on_error(self.try_argmin_or_none(axis))
    }
}

/// JVP of [`Array::max_or_none`]: the tangent of the maximum element, averaged over ties (as
/// [`max_jvp`]); missing where the output is.
///
/// ```
/// use awkdiff_core::{array, rules::max_or_none_jvp};
/// let x = array![[1.0, 3.0, 3.0], []];
/// let y = x.max_or_none(1);
/// assert_eq!(max_or_none_jvp(&x, &y, 1, &array![[5.0, 1.0, 2.0], []]).to_string(), "[1.5, None]");
/// ```
#[track_caller]
pub fn max_or_none_jvp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    axis: isize,
    dx: &Array<T>,
) -> Masked<T> {
    Masked::with_validity(max_jvp(x, y.values(), axis, dx), y)
}

/// VJP of [`Array::max_or_none`]: the cotangent to the maximum element, shared among ties
/// (as [`max_vjp`]). A missing entry's list is empty: its cotangent goes nowhere.
///
/// ```
/// use awkdiff_core::{array, rules::max_or_none_vjp, Array};
/// let x = array![[1.0, 3.0, 3.0], []];
/// let y = x.max_or_none(1);
/// let ct = Array::from_vec(vec![1.0, 5.0]).mask(y.validity());
/// assert_eq!(max_or_none_vjp(&x, &y, 1, &ct), array![[0.0, 0.5, 0.5], []]);
/// ```
#[track_caller]
pub fn max_or_none_vjp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    axis: isize,
    ct: &Masked<T>,
) -> Array<T> {
    ct.expect_like(y, "cotangent of `max_or_none`'s output");
    max_vjp(x, y.values(), axis, ct.values())
}

/// JVP of [`Array::min_or_none`]: as [`max_or_none_jvp`], for the minimum.
///
/// ```
/// use awkdiff_core::{array, rules::min_or_none_jvp};
/// let x = array![[1.0, 3.0], []];
/// let y = x.min_or_none(1);
/// assert_eq!(min_or_none_jvp(&x, &y, 1, &array![[5.0, 1.0], []]).to_string(), "[5, None]");
/// ```
#[track_caller]
pub fn min_or_none_jvp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    axis: isize,
    dx: &Array<T>,
) -> Masked<T> {
    Masked::with_validity(min_jvp(x, y.values(), axis, dx), y)
}

/// VJP of [`Array::min_or_none`]: as [`max_or_none_vjp`], for the minimum.
///
/// ```
/// use awkdiff_core::{array, rules::min_or_none_vjp, Array};
/// let x = array![[1.0, 3.0], []];
/// let y = x.min_or_none(1);
/// let ct = Array::from_vec(vec![2.0, 5.0]).mask(y.validity());
/// assert_eq!(min_or_none_vjp(&x, &y, 1, &ct), array![[2.0, 0.0], []]);
/// ```
#[track_caller]
pub fn min_or_none_vjp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    axis: isize,
    ct: &Masked<T>,
) -> Array<T> {
    ct.expect_like(y, "cotangent of `min_or_none`'s output");
    min_vjp(x, y.values(), axis, ct.values())
}
