//! `softmax(axis)`, `log_softmax(axis)` (same structure as the input) and `logsumexp(axis)`
//! (a reducer), at any axis, each followed by its JVP and VJP rule. A slot is the set of
//! leaves a reducer at `axis` reduces together (`reduce_map`): each list at the innermost
//! axis, the elements at one position at outer axes.
//!
//! Numerically stable as `jax.nn.softmax`, `jax.nn.log_softmax` and
//! `jax.scipy.special.logsumexp` are: the maximum `m` of each slot is subtracted before
//! `exp`, so values of `1e3` do not overflow (`logsumexp` keeps a running maximum and
//! rescales its sum in one pass). Infinities as in JAX: `logsumexp` of an empty list, or of
//! only `-inf`, is `-inf`, with a `+inf` it is `+inf`; `softmax` and `log_softmax` of a list
//! holding `+inf`, or only `-inf`, are NaN. An empty list gives an empty list. NaN gives
//! NaN for its whole list.
//!
//! Rules, with `s = softmax(x)` per slot:
//! - `softmax`: JVP `s * (t - sum(s * t))`, VJP `s * (ct - sum(ct * s))`;
//! - `log_softmax`: JVP `t - sum(s * t)`, VJP `ct - s * sum(ct)`;
//! - `logsumexp`: JVP `sum(s * t)`, VJP `ct * s`.

use super::reduce::{expect_like, or_panic};
use super::reduce_map::ReduceMap;
use crate::element::Float;
use crate::error::Result;
use crate::kernels;
use crate::layout::Array;
use crate::pool;

/// Every leaf minus the maximum of its slot (NaN skipped; `-inf` for an empty slot).
fn shifted<T: Float>(map: &ReduceMap, x: &Array<T>) -> Vec<T> {
    let maxima = map.fold_array(x, T::neg_infinity(), T::max);
    let xs = x.content();
    map.per_leaf(|i, s| xs[i] - maxima[s])
}

/// One step of `logsumexp` in one pass: `(m, s)` stands for `m + ln(s)`, `m` the largest
/// value so far and `s = sum(exp(x - m))`, rescaled when a larger value comes. `-inf`
/// values add nothing, NaN makes `s` NaN, and after a `+inf` the result is `+inf` (see
/// [`log_of_sum`]), as `jax.scipy.special.logsumexp` gives.
fn add_exp<T: Float>((m, s): (T, T), v: T) -> (T, T) {
    if v.is_nan() {
        (m, T::nan())
    } else if v <= m {
        if v == T::neg_infinity() || m == T::infinity() {
            (m, s)
        } else {
            (m, s + (v - m).exp())
        }
    } else {
        // v > m: rescale the sum to the new maximum (exp(-inf) = 0 when m was -inf)
        (v, s * (m - v).exp() + T::one())
    }
}

/// `m + ln(s)` of [`add_exp`]'s accumulator: NaN if a value was NaN, `-inf` when every
/// value was `-inf` (or there was none), `+inf` when one was `+inf`.
fn log_of_sum<T: Float>((m, s): (T, T)) -> T {
    if s.is_nan() {
        T::nan()
    } else if m.is_infinite() {
        m
    } else {
        m + s.ln()
    }
}

/// Panics, naming the primitive, unless `y` has the structure of its input `x`.
fn expect_output_like<T: Float>(y: &Array<T>, x: &Array<T>, name: &str) {
    expect_like(
        y,
        x,
        &format!("output of `{name}` (it has its input's structure)"),
    );
}

/// `softmax` (or, with `log`, `log_softmax`) of every slot. At the innermost axis each list
/// is done while it is in cache (its maximum, then `exp(x - max)` and their sum, then the
/// division; lists split across threads for large arrays), one `exp` per element; at other
/// axes, pass by pass over the slots.
fn softmax_values<T: Float>(map: &ReduceMap, x: &Array<T>, log: bool) -> Vec<T> {
    let xs = x.content();
    let Some(offsets) = map.list_offsets() else {
        let shifted = shifted(map, x);
        return if log {
            map.map_with_slot_sum(&shifted, &shifted, |v, _| v.exp(), |v, _, sum| v - sum.ln())
        } else {
            let mut e: Vec<T> = shifted.iter().map(|v| v.exp()).collect();
            let sums = map.fold(&e, T::zero(), |a, v| a + v);
            map.for_each_leaf(|i, s| e[i] = e[i] / sums[s]);
            e
        };
    };
    let mut out = pool::take(xs.len());
    out.resize(xs.len(), T::zero());
    kernels::fill_lists(offsets, &mut out, &|_, range, list: &mut [T]| {
        let xs = &xs[range];
        let m = xs.iter().fold(T::neg_infinity(), |m, &v| m.max(v));
        let mut sum = T::zero();
        for (o, &v) in list.iter_mut().zip(xs) {
            let e = (v - m).exp();
            sum = sum + e;
            *o = if log { v - m } else { e };
        }
        if log {
            let log_sum = sum.ln();
            list.iter_mut().for_each(|o| *o = *o - log_sum);
        } else {
            list.iter_mut().for_each(|o| *o = *o / sum);
        }
    });
    out
}

impl<T: Float> Array<T> {
    /// Softmax along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[0.0, 0.0], [], [1000.0]];
    /// assert_eq!(x.try_softmax(1).unwrap(), array![[0.5, 0.5], [], [1.0]]);
    /// assert!(x.try_softmax(2).is_err());
    /// ```
    pub fn try_softmax(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(self.with_content(softmax_values(&map, self, false)))
    }

    /// Softmax along `axis` (`jax.nn.softmax(x, axis)`, per list of a ragged array):
    /// `exp(x) / sum(exp(x))` over each list, computed as `exp(x - max)` so that it never
    /// overflows; same structure as `self`.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_softmax`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let p = array![[1.0f64, 1.0, 1.0, 1.0], [], [0.0]].softmax(-1);
    /// assert_eq!(p, array![[0.25, 0.25, 0.25, 0.25], [], [1.0]]);
    /// ```
    pub fn softmax(&self, axis: isize) -> Array<T> {
        or_panic(self.try_softmax(axis))
    }

    /// Log-softmax along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let y = array![[1000.0, 1000.0], []].try_log_softmax(1).unwrap();
    /// assert_eq!(y, array![[-std::f64::consts::LN_2, -std::f64::consts::LN_2], []]);
    /// ```
    pub fn try_log_softmax(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(self.with_content(softmax_values(&map, self, true)))
    }

    /// Log-softmax along `axis` (`jax.nn.log_softmax(x, axis)`): `x - logsumexp(x)` over
    /// each list, without overflow; same structure as `self`.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_log_softmax`]'s
    /// error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[0.0, 0.0], [], [3.0]].log_softmax(1).content()[2], 0.0);
    /// ```
    pub fn log_softmax(&self, axis: isize) -> Array<T> {
        or_panic(self.try_log_softmax(axis))
    }

    /// `log(sum(exp(x)))` along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let y = array![[1000.0, 1000.0], []].try_logsumexp(1).unwrap();
    /// assert_eq!(y, array![1000.0 + std::f64::consts::LN_2, f64::NEG_INFINITY]);
    /// ```
    pub fn try_logsumexp(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        let sums = map.fold_array(self, (T::neg_infinity(), T::zero()), add_exp);
        Ok(map.output(sums.into_iter().map(log_of_sum).collect()))
    }

    /// `log(sum(exp(x)))` along `axis` (`jax.scipy.special.logsumexp(x, axis)`), a reducer
    /// computed as `m + log(sum(exp(x - m)))` with `m` the maximum of each list: no overflow.
    /// An empty list gives `-inf`.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_logsumexp`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[0.0, 0.0], [], [2.0]];
    /// assert_eq!(x.logsumexp(1), array![std::f64::consts::LN_2, f64::NEG_INFINITY, 2.0]);
    /// ```
    pub fn logsumexp(&self, axis: isize) -> Array<T> {
        or_panic(self.try_logsumexp(axis))
    }
}

// ---------------------------------------------------------------------------------------
// softmax

/// Tangent of `y = x.softmax(axis)`: `y * (dx - sum(y * dx))` per list.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[0.0, 0.0], []];
/// let y = x.softmax(1);
/// assert_eq!(rules::softmax_jvp(&x, &y, 1, &array![[1.0, -1.0], []]), array![[0.5, -0.5], []]);
/// ```
pub fn softmax_jvp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `softmax`'s input");
    expect_output_like(y, x, "softmax");
    let map = ReduceMap::for_rule(x, axis);
    let values = map.map_with_slot_sum(
        y.content(),
        dx.content(),
        |s, t| s * t,
        |s, t, dot| s * (t - dot),
    );
    x.with_content(values)
}

/// Cotangent of `x` for `y = x.softmax(axis)`: `y * (ct - sum(ct * y))` per list.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[0.0, 0.0], []];
/// let y = x.softmax(1);
/// assert_eq!(rules::softmax_vjp(&x, &y, 1, &array![[1.0, 0.0], []]), array![[0.25, -0.25], []]);
/// ```
pub fn softmax_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `softmax`'s output");
    expect_output_like(y, x, "softmax");
    let map = ReduceMap::for_rule(x, axis);
    let values = map.map_with_slot_sum(
        y.content(),
        ct.content(),
        |s, c| s * c,
        |s, c, dot| s * (c - dot),
    );
    x.with_content(values)
}

// ---------------------------------------------------------------------------------------
// log_softmax

/// Tangent of `y = x.log_softmax(axis)`: `dx - sum(exp(y) * dx)` per list.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[0.0, 0.0], []];
/// let y = x.log_softmax(1);
/// assert_eq!(rules::log_softmax_jvp(&x, &y, 1, &array![[1.0, 3.0], []]), array![[-1.0, 1.0], []]);
/// ```
pub fn log_softmax_jvp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    dx: &Array<T>,
) -> Array<T> {
    expect_like(dx, x, "tangent of `log_softmax`'s input");
    expect_output_like(y, x, "log_softmax");
    let map = ReduceMap::for_rule(x, axis);
    let values = map.map_with_slot_sum(
        y.content(),
        dx.content(),
        |y, t| y.exp() * t,
        |_, t, dot| t - dot,
    );
    x.with_content(values)
}

/// Cotangent of `x` for `y = x.log_softmax(axis)`: `ct - exp(y) * sum(ct)` per list.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[0.0, 0.0], []];
/// let y = x.log_softmax(1);
/// assert_eq!(rules::log_softmax_vjp(&x, &y, 1, &array![[1.0, 0.0], []]), array![[0.5, -0.5], []]);
/// ```
pub fn log_softmax_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    ct: &Array<T>,
) -> Array<T> {
    expect_like(ct, y, "cotangent of `log_softmax`'s output");
    expect_output_like(y, x, "log_softmax");
    let map = ReduceMap::for_rule(x, axis);
    let values = map.map_with_slot_sum(
        y.content(),
        ct.content(),
        |_, c| c,
        |y, c, sum| c - y.exp() * sum,
    );
    x.with_content(values)
}

// ---------------------------------------------------------------------------------------
// logsumexp

/// The softmax of every leaf, `exp(x_i - y_s)`, from the `logsumexp` `y` of its slot.
fn weights_from_logsumexp<T: Float>(map: &ReduceMap, x: &Array<T>, y: &Array<T>) -> Vec<T> {
    assert!(
        y.structure().same_as(&map.out),
        "the output of `logsumexp` has type {}, which is not the output of reducing an array of type {}",
        y.type_str(),
        x.type_str()
    );
    let (xs, ys) = (x.content(), y.content());
    map.per_leaf(|i, s| (xs[i] - ys[s]).exp())
}

/// Tangent of `y = x.logsumexp(axis)`: `sum(softmax(x) * dx)` per list (0 for an empty one).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[0.0, 0.0], []];
/// let y = x.logsumexp(1);
/// assert_eq!(rules::logsumexp_jvp(&x, &y, 1, &array![[1.0, 3.0], []]), array![2.0, 0.0]);
/// ```
pub fn logsumexp_jvp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `logsumexp`'s input");
    let map = ReduceMap::for_rule(x, axis);
    let mut terms = weights_from_logsumexp(&map, x, y);
    terms
        .iter_mut()
        .zip(dx.content())
        .for_each(|(w, &t)| *w = *w * t);
    map.output(map.fold(&terms, T::zero(), |a, v| a + v))
}

/// Cotangent of `x` for `y = x.logsumexp(axis)`: `ct * softmax(x)` over each list.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[0.0, 0.0], []];
/// let y = x.logsumexp(1);
/// assert_eq!(rules::logsumexp_vjp(&x, &y, 1, &array![2.0, 1.0]), array![[1.0, 1.0], []]);
/// ```
pub fn logsumexp_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `logsumexp`'s output");
    let map = ReduceMap::for_rule(x, axis);
    let mut weights = weights_from_logsumexp(&map, x, y);
    let ct = ct.content();
    map.for_each_leaf(|i, s| weights[i] = weights[i] * ct[s]);
    x.with_content(weights)
}
