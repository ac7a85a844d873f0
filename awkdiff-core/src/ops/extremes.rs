//! The extreme reducers: `max`, `min` and `ptp` (`max - min`), with their JVP and VJP rules
//! (the derivative goes to the elements equal to the extreme, shared equally among ties, as
//! JAX does), and `argmax`, `argmin` (not differentiable). NaN follows the family's conventions in the `reduce`
//! module docs: skipped inside lists, winning (with a NaN derivative) in `max_all`/`min_all`
//! and at axis 0 of a flat array.

use super::reduce::{add, count_as, expect_like, or_panic};
use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;
use crate::ops::reduce_map::ReduceMap;
use crate::ops::reducible::Reducible;

/// Per slot, `(max, min, number of leaves)`, with the NaN handling of `max` and `min`.
fn extremes_of<T: Float>(map: &ReduceMap, x: &Array<T>) -> Vec<(T, T, usize)> {
    // NaN as Awkward 2.14: its list kernels skip NaN (a list of only NaN gives the
    // identity), while a flat array at axis 0 and `axis=None` go through NumPy, where NaN
    // wins.
    let nan_wins = x.ndim() == 1;
    let identity = (T::neg_infinity(), T::infinity(), 0usize);
    map.fold_array(x, identity, |(h, l, n), v| {
        (T::larger(h, v, nan_wins), T::smaller(l, v, nan_wins), n + 1)
    })
}

impl<T: Reducible> Array<T> {
    /// Maximum along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_max(1).unwrap(), array![3.0, f64::NEG_INFINITY, 5.0]);
    /// ```
    pub fn try_max(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        let nan_wins = self.ndim() == 1;
        Ok(map.output(map.fold_array(self, T::lowest(), move |a, v| T::larger(a, v, nan_wins))))
    }

    /// Maximum along `axis` (Awkward's `ak.max(x, axis, mask_identity=False)`); empty lists
    /// give -inf (`i64::MIN` for `i64`; a `bool` mask gives `any`).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_max`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].max(0), array![4.0, 5.0, 3.0]);
    /// ```
    pub fn max(&self, axis: isize) -> Array<T> {
        or_panic(self.try_max(axis))
    }

    /// Maximum of every element; -inf for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 7.0], [], [3.0]].max_all(), 7.0);
    /// ```
    pub fn max_all(&self) -> T {
        let op = |a, v| T::larger(a, v, true);
        self.content().iter().copied().fold(T::lowest(), op)
    }

    /// Minimum along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_min(1).unwrap(), array![1.0, f64::INFINITY, 4.0]);
    /// ```
    pub fn try_min(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        let nan_wins = self.ndim() == 1;
        Ok(map.output(map.fold_array(self, T::highest(), move |a, v| T::smaller(a, v, nan_wins))))
    }

    /// Minimum along `axis` (Awkward's `ak.min(x, axis, mask_identity=False)`); empty lists
    /// give +inf (`i64::MAX` for `i64`; a `bool` mask gives `all`).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_min`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].min(0), array![1.0, 2.0, 3.0]);
    /// ```
    pub fn min(&self, axis: isize) -> Array<T> {
        or_panic(self.try_min(axis))
    }

    /// Minimum of every element; +inf for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 7.0], [], [3.0]].min_all(), 1.0);
    /// ```
    pub fn min_all(&self) -> T {
        let op = |a, v| T::smaller(a, v, true);
        self.content().iter().copied().fold(T::highest(), op)
    }
}

impl<T: Float> Array<T> {
    /// Peak to peak (`max - min`) along `axis`, or `Error::Axis` when the axis is out of
    /// range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 4.0, 2.0], [], [3.0]];
    /// assert_eq!(x.try_ptp(1).unwrap(), array![3.0, 0.0, 0.0]);
    /// ```
    pub fn try_ptp(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        let spans = extremes_of(&map, self)
            .into_iter()
            .map(|(hi, lo, n)| if n == 0 { T::zero() } else { hi - lo })
            .collect();
        Ok(map.output(spans))
    }

    /// Peak to peak, `max - min`, along `axis` (Awkward's `ak.ptp(x, axis,
    /// mask_identity=False)`): an empty list gives 0; NaN as in `max` and `min` (a list of
    /// only NaN gives `-inf - inf = -inf`, as Awkward does).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_ptp`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 4.0, 2.0], [], [3.0, 7.0]];
    /// assert_eq!(x.ptp(1), array![3.0, 0.0, 4.0]);
    /// assert_eq!(x.ptp(0), array![2.0, 3.0, 0.0]);
    /// ```
    pub fn ptp(&self, axis: isize) -> Array<T> {
        or_panic(self.try_ptp(axis))
    }

    /// Peak to peak of every element, `max_all() - min_all()`; 0 for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 7.0], [], [3.0]].ptp_all(), 6.0);
    /// ```
    pub fn ptp_all(&self) -> T {
        if self.content().is_empty() {
            return T::zero();
        }
        self.max_all() - self.min_all()
    }

    /// Position along `axis` of the first maximum, or `Error::Axis` when the axis is out of
    /// range. Empty lists give -1 (Awkward gives `None`).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 3.0, 3.0], [], [4.0, 2.0]];
    /// assert_eq!(x.try_argmax(1).unwrap(), Array::from_vec(vec![1, -1, 0]));
    /// ```
    pub fn try_argmax(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, true)?;
        Ok(map.output(map.arg_extreme(self.content(), |v, best| v > best)))
    }

    /// Position along `axis` of the first maximum (Awkward's `ak.argmax`, with -1 for an
    /// empty list; see the module docs for axes above the two innermost).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_argmax`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 0.0]].argmax(0), Array::from_vec(vec![2, 0, 0]));
    /// ```
    pub fn argmax(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_argmax(axis))
    }

    /// Position along `axis` of the first minimum, or `Error::Axis` when the axis is out of
    /// range. Empty lists give -1 (Awkward gives `None`).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 0.0, 0.0], [], [4.0, 2.0]];
    /// assert_eq!(x.try_argmin(-1).unwrap(), Array::from_vec(vec![1, -1, 1]));
    /// ```
    pub fn try_argmin(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, true)?;
        Ok(map.output(map.arg_extreme(self.content(), |v, best| v < best)))
    }

    /// Position along `axis` of the first minimum (Awkward's `ak.argmin`, with -1 for an
    /// empty list; see the module docs for axes above the two innermost).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_argmin`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [0.0, 5.0]].argmin(0), Array::from_vec(vec![2, 0, 0]));
    /// ```
    pub fn argmin(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_argmin(axis))
    }
}

// ---------------------------------------------------------------------------------------
// max and min (one pair of rules: the derivative goes to the elements equal to `y`)

/// For every element, its share of the derivative of the extreme `y` of its slot: `1/k` for
/// each of the `k` elements equal to `y`, 0 for the others.
fn extreme_weights<T: Float>(map: &ReduceMap, x: &Array<T>, y: &Array<T>) -> Vec<T> {
    assert!(
        y.structure().same_as(&map.out),
        "the reduced value has type {}, which is not the output of reducing an array of type {}",
        y.type_str(),
        x.type_str()
    );
    let (xs, ys) = (x.content(), y.content());
    let mut weights = map.per_leaf(|i, s| if xs[i] == ys[s] { T::one() } else { T::zero() });
    let ties = map.fold(&weights, T::zero(), add);
    map.for_each_leaf(|i, s| {
        if ys[s].is_nan() {
            // A NaN extreme (NaN wins for a flat array at axis 0) has a NaN derivative with
            // respect to every element of its slot, as in JAX: never a silent 0.
            weights[i] = T::nan();
        } else if ties[s] > T::zero() {
            weights[i] = weights[i] / ties[s];
        }
    });
    weights
}

fn extreme_jvp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    let map = ReduceMap::for_rule(x, axis);
    let mut terms = extreme_weights(&map, x, y);
    terms
        .iter_mut()
        .zip(dx.content())
        .for_each(|(w, &d)| *w = *w * d);
    map.output(map.fold(&terms, T::zero(), add))
}

fn extreme_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    let map = ReduceMap::for_rule(x, axis);
    let mut weights = extreme_weights(&map, x, y);
    let ct = ct.content();
    map.for_each_leaf(|i, s| weights[i] = weights[i] * ct[s]);
    x.with_content(weights)
}

/// The share of each element in the derivative of the extreme `y` of the whole array.
fn extreme_all_weights<T: Float>(x: &Array<T>, y: T) -> Vec<T> {
    if y.is_nan() {
        // NaN wins in `max_all`/`min_all`: the derivative is NaN for every element, as JAX
        // gives it (a NaN loss never gets a zero gradient).
        return vec![T::nan(); x.content().len()];
    }
    let ties = x.content().iter().filter(|&&v| v == y).count();
    let share = T::one() / count_as(ties);
    x.content()
        .iter()
        .map(|&v| if v == y { share } else { T::zero() })
        .collect()
}

fn extreme_all_jvp<T: Float>(x: &Array<T>, y: T, dx: &Array<T>) -> T {
    extreme_all_weights(x, y)
        .iter()
        .zip(dx.content())
        .fold(T::zero(), |acc, (&w, &d)| acc + w * d)
}

fn extreme_all_vjp<T: Float>(x: &Array<T>, y: T, ct: T) -> Array<T> {
    x.with_content(
        extreme_all_weights(x, y)
            .into_iter()
            .map(|w| w * ct)
            .collect(),
    )
}

/// Tangent of `y = x.max(axis)`: the tangent of the maximum element, averaged over ties.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0, 3.0], []];
/// let y = x.max(1);
/// assert_eq!(rules::max_jvp(&x, &y, 1, &array![[5.0, 1.0, 2.0], []]), array![1.5, 0.0]);
/// ```
pub fn max_jvp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `max`'s input");
    extreme_jvp(x, y, axis, dx)
}

/// Cotangent of `x` for `y = x.max(axis)`: `ct` to the maximum element, shared equally
/// among ties (as JAX does).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0, 3.0], []];
/// let y = x.max(1);
/// assert_eq!(rules::max_vjp(&x, &y, 1, &array![1.0, 1.0]), array![[0.0, 0.5, 0.5], []]);
/// ```
pub fn max_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `max`'s output");
    extreme_vjp(x, y, axis, ct)
}

/// Tangent of `y = x.max_all()`: the tangent of the maximum, averaged over ties.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [3.0]];
/// assert_eq!(rules::max_all_jvp(&x, &x.max_all(), &array![[9.0, 1.0], [2.0]]), 1.5);
/// ```
pub fn max_all_jvp<T: Float>(x: &Array<T>, y: &T, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `max_all`'s input");
    extreme_all_jvp(x, *y, dx)
}

/// Cotangent of `x` for `y = x.max_all()`: `ct` shared equally among the maximum elements.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [3.0]];
/// assert_eq!(rules::max_all_vjp(&x, &x.max_all(), &1.0), array![[0.0, 0.5], [0.5]]);
/// ```
pub fn max_all_vjp<T: Float>(x: &Array<T>, y: &T, ct: &T) -> Array<T> {
    extreme_all_vjp(x, *y, *ct)
}

/// Tangent of `y = x.min(axis)`: the tangent of the minimum element, averaged over ties.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0, 1.0], []];
/// let y = x.min(1);
/// assert_eq!(rules::min_jvp(&x, &y, 1, &array![[5.0, 1.0, 2.0], []]), array![3.5, 0.0]);
/// ```
pub fn min_jvp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `min`'s input");
    extreme_jvp(x, y, axis, dx)
}

/// Cotangent of `x` for `y = x.min(axis)`: `ct` to the minimum element, shared equally
/// among ties (as JAX does).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0, 1.0], []];
/// let y = x.min(1);
/// assert_eq!(rules::min_vjp(&x, &y, 1, &array![1.0, 1.0]), array![[0.5, 0.0, 0.5], []]);
/// ```
pub fn min_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `min`'s output");
    extreme_vjp(x, y, axis, ct)
}

/// Tangent of `y = x.min_all()`: the tangent of the minimum, averaged over ties.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [1.0]];
/// assert_eq!(rules::min_all_jvp(&x, &x.min_all(), &array![[9.0, 1.0], [2.0]]), 5.5);
/// ```
pub fn min_all_jvp<T: Float>(x: &Array<T>, y: &T, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `min_all`'s input");
    extreme_all_jvp(x, *y, dx)
}

/// Cotangent of `x` for `y = x.min_all()`: `ct` shared equally among the minimum elements.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [1.0]];
/// assert_eq!(rules::min_all_vjp(&x, &x.min_all(), &1.0), array![[0.5, 0.0], [0.5]]);
/// ```
pub fn min_all_vjp<T: Float>(x: &Array<T>, y: &T, ct: &T) -> Array<T> {
    extreme_all_vjp(x, *y, *ct)
}

// ---------------------------------------------------------------------------------------
// ptp (max - min: the weights of max minus those of min)

/// For every element, its weight in the derivative of `max - min` of its slot.
fn ptp_weights<T: Float>(map: &ReduceMap, x: &Array<T>) -> Vec<T> {
    let (hi, lo): (Vec<T>, Vec<T>) = extremes_of(map, x)
        .into_iter()
        .map(|(h, l, _)| (h, l))
        .unzip();
    let mut weights = extreme_weights(map, x, &map.output(hi));
    let lows = extreme_weights(map, x, &map.output(lo));
    weights.iter_mut().zip(lows).for_each(|(w, l)| *w = *w - l);
    weights
}

/// Tangent of `y = x.ptp(axis)`: the tangent of the maximum minus that of the minimum (each
/// averaged over ties); 0 for an empty list and a list of one element.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 4.0, 2.0], [], [3.0]];
/// let y = x.ptp(1);
/// let dx = array![[1.0, 10.0, 100.0], [], [5.0]];
/// assert_eq!(rules::ptp_jvp(&x, &y, 1, &dx), array![9.0, 0.0, 0.0]);
/// ```
pub fn ptp_jvp<T: Float>(x: &Array<T>, _y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `ptp`'s input");
    let map = ReduceMap::for_rule(x, axis);
    let mut terms = ptp_weights(&map, x);
    terms
        .iter_mut()
        .zip(dx.content())
        .for_each(|(w, &d)| *w = *w * d);
    map.output(map.fold(&terms, T::zero(), add))
}

/// Cotangent of `x` for `y = x.ptp(axis)`: `ct` to the maximum, `-ct` to the minimum (shared
/// equally among ties, as JAX's `jnp.ptp` does).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 4.0, 4.0], [], [3.0]];
/// let y = x.ptp(1);
/// assert_eq!(rules::ptp_vjp(&x, &y, 1, &array![2.0, 1.0, 1.0]), array![[-2.0, 1.0, 1.0], [], [0.0]]);
/// ```
pub fn ptp_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `ptp`'s output");
    let map = ReduceMap::for_rule(x, axis);
    let mut weights = ptp_weights(&map, x);
    let ct = ct.content();
    map.for_each_leaf(|i, s| weights[i] = weights[i] * ct[s]);
    x.with_content(weights)
}

/// The weights of `max_all() - min_all()` (none for an empty array).
fn ptp_all_weights<T: Float>(x: &Array<T>) -> Vec<T> {
    let mut weights = extreme_all_weights(x, x.max_all());
    let lows = extreme_all_weights(x, x.min_all());
    weights.iter_mut().zip(lows).for_each(|(w, l)| *w = *w - l);
    weights
}

/// Tangent of `y = x.ptp_all()`: the tangent of the maximum minus that of the minimum.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [2.0]];
/// assert_eq!(rules::ptp_all_jvp(&x, &x.ptp_all(), &array![[1.0, 5.0], [9.0]]), 4.0);
/// ```
pub fn ptp_all_jvp<T: Float>(x: &Array<T>, _y: &T, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `ptp_all`'s input");
    ptp_all_weights(x)
        .iter()
        .zip(dx.content())
        .fold(T::zero(), |acc, (&w, &d)| acc + w * d)
}

/// Cotangent of `x` for `y = x.ptp_all()`: `ct` to the maximum, `-ct` to the minimum.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [2.0]];
/// assert_eq!(rules::ptp_all_vjp(&x, &x.ptp_all(), &2.0), array![[-2.0, 2.0], [0.0]]);
/// ```
pub fn ptp_all_vjp<T: Float>(x: &Array<T>, _y: &T, ct: &T) -> Array<T> {
    let mut weights = ptp_all_weights(x);
    weights.iter_mut().for_each(|w| *w = *w * *ct);
    x.with_content(weights)
}
