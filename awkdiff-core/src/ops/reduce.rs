//! Reducers: `sum`, `prod`, `mean`, `max`, `min` at any axis (and `*_all` over everything),
//! each followed by its JVP and VJP rule; `count`, `argmax`, `argmin` (not differentiable).
//!
//! Semantics are Awkward Array 2.x's `ak.sum(x, axis=k)` (`mask_identity=False` for `max`
//! and `min`): axis 0 is the outermost, negative axes count from the innermost (-1). Outer
//! and middle axes of ragged arrays reduce *position by position*, lists below the reduced
//! axis merging by position (the `reduce_map` module states the exact rule).
//! Empty lists give the identity: sum 0, prod 1, max -inf, min +inf; mean is NaN.
//!
//! NaN in `max`/`min` follows Awkward's CPU backend: skipped inside lists (a list of only
//! NaN gives the identity), winning for a flat array at axis 0 and for `max_all`/`min_all`.
//! The derivative is that of the value computed: where NaN is skipped, the NaN elements get
//! 0 and the extreme gets the derivative; where NaN wins, the tangent is NaN and every
//! element of the slot gets a NaN cotangent, as `jax.numpy.max` gives them. (Awkward's JAX
//! backend instead returns NaN inside lists with a zero tangent: a NaN value with a zero
//! derivative, which awkdiff never gives.)
//!
//! The mean of an empty list is NaN. Its tangent is 0 inside lists (Awkward's JAX backend,
//! checked by the conformance fixtures; the slot has no input element, so no cotangent can
//! carry NaN back either), and NaN for `mean_all` of an empty array (`jax.numpy.mean` and
//! central differences; Awkward's JAX backend gives 0 there).
//!
//! Two conventions where Awkward has no array to give:
//! - reducing a flat (1-d) array at axis 0 gives a **1-element array** (Awkward gives a
//!   scalar); `sum_all` and friends give the scalar;
//! - `argmax`/`argmin` of an empty list give **-1** (Awkward gives `None`).
//!
//! `argmax`/`argmin` give the position of the first extreme element *along the reduced
//! axis*, so that it indexes that axis. This is Awkward's result at the innermost axis and
//! at the axis above it; at axes further out, Awkward 2.14 gives other numbers (for
//! `[[[1, 2], [3]], [], [[4], [5, 6, 7], [8]]]` at axis 0 it gives
//! `[[1, 0], [1, 1, 1], [0]]`, which do not index axis 0), and awkdiff gives
//! `[[2, 0], [2, 2, 2], [2]]`.
//!
//! Rules: `sum` and `mean` broadcast the cotangent back over the reduced lists; `prod` uses,
//! for every element, the product of the *others* (prefix times suffix products, no division,
//! exact with zeros); `max` and `min` give the derivative to the extreme elements, shared
//! equally among ties, as JAX does.

use crate::element::{Element, Float};
use crate::error::Result;
use crate::layout::Array;
use crate::ops::reduce_map::{products_of_others_in, ReduceMap};
use crate::ops::reducible::Reducible;
use crate::value::Value;

/// Unwraps a reducer's result, panicking with the error's message (as the operators do).
pub(super) fn or_panic<U>(result: Result<U>) -> U {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// Panics, with `Error::Structure`'s message, unless `v` has the structure of `like`.
pub(super) fn expect_like<T: Float>(v: &Array<T>, like: &Array<T>, context: &str) {
    if let Err(e) = v.check_like(like, context) {
        panic!("{e}")
    }
}

/// `a + b`: the step of a sum, as a function item, so that a fold given it is compiled once
/// per value type (a closure would be a type of its own at every call).
pub(crate) fn add<T: Float>(a: T, b: T) -> T {
    a + b
}

/// Per-slot `(sum, count)` of `values`.
pub(super) fn sums_and_counts<T: Float>(map: &ReduceMap, x: &Array<T>) -> Vec<(T, usize)> {
    map.fold_array(x, (T::zero(), 0usize), |(s, c), v| (s + v, c + 1))
}

pub(super) fn count_as<T: Float>(n: usize) -> T {
    T::from_f64(n as f64)
}

impl<T: Reducible> Array<T> {
    /// Sum along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_sum(0).unwrap(), array![5.0, 7.0, 3.0]);
    /// assert_eq!(x.try_sum(-1).unwrap(), array![6.0, 0.0, 9.0]);
    /// assert_eq!(
    ///     x.try_sum(2).unwrap_err().to_string(),
    ///     "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)"
    /// );
    /// ```
    pub fn try_sum(&self, axis: isize) -> Result<Array<T::Total>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, T::zero(), T::plus)))
    }

    /// Sum along `axis` (Awkward's `ak.sum(x, axis)`); empty lists give 0. A `bool` mask
    /// sums to the `i64` count of its `true` elements, as in Awkward (see [`Reducible`]).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_sum`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0, 2.0], [3.0]], [], [[4.0], [5.0, 6.0, 7.0], [8.0]]];
    /// assert_eq!(x.sum(0), array![[5.0, 2.0], [8.0, 6.0, 7.0], [8.0]]);
    /// assert_eq!(x.sum(1), array![[4.0, 2.0], [], [17.0, 6.0, 7.0]]);
    /// assert_eq!(x.sum(-1), array![[3.0, 3.0], [], [4.0, 18.0, 8.0]]);
    /// ```
    pub fn sum(&self, axis: isize) -> Array<T::Total> {
        or_panic(self.try_sum(axis))
    }

    /// Sum of every element (Awkward's `axis=None`); 0 for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].sum_all(), 6.0);
    /// ```
    pub fn sum_all(&self) -> T::Total {
        self.content().iter().fold(T::zero(), |a, &v| T::plus(a, v))
    }

    /// Product along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_prod(1).unwrap(), array![6.0, 1.0, 20.0]);
    /// assert!(x.try_prod(-3).is_err());
    /// ```
    pub fn try_prod(&self, axis: isize) -> Result<Array<T::Total>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, T::one(), T::times)))
    }

    /// Product along `axis` (Awkward's `ak.prod`); empty lists give 1.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_prod`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].prod(0), array![4.0, 10.0, 3.0]);
    /// ```
    pub fn prod(&self, axis: isize) -> Array<T::Total> {
        or_panic(self.try_prod(axis))
    }

    /// Product of every element; 1 for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].prod_all(), 6.0);
    /// ```
    pub fn prod_all(&self) -> T::Total {
        self.content().iter().fold(T::one(), |a, &v| T::times(a, v))
    }
}

impl<T: Float> Array<T> {
    /// Mean along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let m = array![[1.0f64, 2.0, 3.0], [], [4.0, 5.0]].try_mean(1).unwrap();
    /// assert_eq!(m.content()[0], 2.0);
    /// assert!(m.content()[1].is_nan());
    /// ```
    pub fn try_mean(&self, axis: isize) -> Result<Array<T>> {
        let map = ReduceMap::new(self, axis, false)?;
        let means = sums_and_counts(&map, self)
            .into_iter()
            .map(|(s, c)| s / count_as(c))
            .collect();
        Ok(map.output(means))
    }

    /// Mean along `axis` (Awkward's `ak.mean`); empty lists give NaN.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_mean`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].mean(0), array![2.5, 3.5, 3.0]);
    /// ```
    pub fn mean(&self, axis: isize) -> Array<T> {
        or_panic(self.try_mean(axis))
    }

    /// Mean of every element; NaN for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0, 6.0]].mean_all(), 3.0);
    /// ```
    pub fn mean_all(&self) -> T {
        self.sum_all() / count_as(self.structure().content_len())
    }
}

impl<T: Element> Array<T> {
    /// Number of elements along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_count(0).unwrap(), Array::from_vec(vec![2, 2, 1]));
    /// ```
    pub fn try_count(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, 0i64, |c, _| c + 1)))
    }

    /// Number of elements along `axis` (Awkward's `ak.count`).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_count`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].count(1), Array::from_vec(vec![3, 0, 2]));
    /// ```
    pub fn count(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_count(axis))
    }
}

// ---------------------------------------------------------------------------------------
// sum

/// Tangent of `y = x.sum(axis)`: the sum of the tangent (`sum` is linear).
///
/// # Panics
/// When `dx` does not have `x`'s structure, or `axis` is out of range.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let y = x.sum(0);
/// assert_eq!(rules::sum_jvp(&x, &y, 0, &array![[1.0, 1.0], [], [1.0]]), array![2.0, 1.0]);
/// ```
pub fn sum_jvp<T: Float>(x: &Array<T>, _y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `sum`'s input");
    let map = ReduceMap::for_rule(x, axis);
    map.output(map.fold_array(dx, T::zero(), add))
}

/// Cotangent of `x` for `y = x.sum(axis)`: `ct` broadcast back over the reduced lists.
///
/// # Panics
/// When `ct` does not have `y`'s structure, or `axis` is out of range.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let y = x.sum(0);
/// assert_eq!(rules::sum_vjp(&x, &y, 0, &array![10.0, 20.0]), array![[10.0, 20.0], [], [10.0]]);
/// ```
pub fn sum_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `sum`'s output");
    let map = ReduceMap::for_rule(x, axis);
    x.with_content(map.broadcast_slots(ct.content()))
}

/// Tangent of `y = x.sum_all()`: the sum of the tangent.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// assert_eq!(rules::sum_all_jvp(&x, &x.sum_all(), &array![[1.0, 2.0], [], [4.0]]), 7.0);
/// ```
pub fn sum_all_jvp<T: Float>(x: &Array<T>, _y: &T, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `sum_all`'s input");
    dx.sum_all()
}

/// Cotangent of `x` for `y = x.sum_all()`: `ct` everywhere.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// assert_eq!(rules::sum_all_vjp(&x, &x.sum_all(), &2.0), array![[2.0, 2.0], [], [2.0]]);
/// ```
pub fn sum_all_vjp<T: Float>(x: &Array<T>, _y: &T, ct: &T) -> Array<T> {
    x.full_like(*ct)
}

// ---------------------------------------------------------------------------------------
// mean

/// Tangent of `y = x.mean(axis)`: the mean of the tangent (NaN for empty lists, like `y`).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let y = x.mean(0);
/// assert_eq!(rules::mean_jvp(&x, &y, 0, &array![[1.0, 1.0], [], [3.0]]), array![2.0, 1.0]);
/// ```
pub fn mean_jvp<T: Float>(x: &Array<T>, _y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `mean`'s input");
    let map = ReduceMap::for_rule(x, axis);
    let means = sums_and_counts(&map, dx)
        .into_iter()
        // The mean of an empty list is NaN whatever the input: a constant, tangent 0.
        .map(|(s, c)| if c == 0 { T::zero() } else { s / count_as(c) })
        .collect();
    map.output(means)
}

/// Cotangent of `x` for `y = x.mean(axis)`: `ct / count` broadcast back over the lists.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let y = x.mean(0);
/// assert_eq!(rules::mean_vjp(&x, &y, 0, &array![10.0, 20.0]), array![[5.0, 20.0], [], [5.0]]);
/// ```
pub fn mean_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `mean`'s output");
    let map = ReduceMap::for_rule(x, axis);
    let counts = map.fold_array(x, 0usize, |c, _| c + 1);
    let ct = ct.content();
    x.with_content(map.per_leaf(|_, s| ct[s] / count_as(counts[s])))
}

/// Tangent of `y = x.mean_all()`: the mean of the tangent.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// assert_eq!(rules::mean_all_jvp(&x, &x.mean_all(), &array![[1.0, 2.0], [], [6.0]]), 3.0);
/// ```
pub fn mean_all_jvp<T: Float>(x: &Array<T>, _y: &T, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `mean_all`'s input");
    // The mean of nothing is 0/0: NaN, and so is its tangent (`jax.numpy.mean` gives NaN,
    // and so do central differences), so a NaN loss never gets a zero derivative.
    dx.mean_all()
}

/// Cotangent of `x` for `y = x.mean_all()`: `ct / n` everywhere.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0], [], [3.0, 4.0]];
/// assert_eq!(rules::mean_all_vjp(&x, &x.mean_all(), &2.0), array![[0.5, 0.5], [], [0.5, 0.5]]);
/// ```
pub fn mean_all_vjp<T: Float>(x: &Array<T>, _y: &T, ct: &T) -> Array<T> {
    x.full_like(*ct / count_as(x.structure().content_len()))
}

// ---------------------------------------------------------------------------------------
// prod

/// Tangent of `y = x.prod(axis)`: `sum_i dx_i * prod_{j != i} x_j` per output value, with
/// the products of the others computed without division (exact with zeros).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[2.0, 0.0, 3.0], []];
/// let y = x.prod(1);
/// assert_eq!(rules::prod_jvp(&x, &y, 1, &array![[1.0, 1.0, 1.0], []]), array![6.0, 0.0]);
/// ```
pub fn prod_jvp<T: Float>(x: &Array<T>, _y: &Array<T>, axis: isize, dx: &Array<T>) -> Array<T> {
    expect_like(dx, x, "tangent of `prod`'s input");
    let map = ReduceMap::for_rule(x, axis);
    let mut terms = map.products_of_others(x.content());
    terms
        .iter_mut()
        .zip(dx.content())
        .for_each(|(t, &d)| *t = *t * d);
    map.output(map.fold(&terms, T::zero(), add))
}

/// Cotangent of `x` for `y = x.prod(axis)`: `ct * prod_{j != i} x_j` for every element `i`
/// (no division: exact with one or more zeros).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[2.0, 0.0, 3.0], [0.0, 0.0]];
/// let y = x.prod(1);
/// assert_eq!(rules::prod_vjp(&x, &y, 1, &array![1.0, 1.0]), array![[0.0, 6.0, 0.0], [0.0, 0.0]]);
/// ```
pub fn prod_vjp<T: Float>(x: &Array<T>, y: &Array<T>, axis: isize, ct: &Array<T>) -> Array<T> {
    expect_like(ct, y, "cotangent of `prod`'s output");
    let map = ReduceMap::for_rule(x, axis);
    let mut others = map.products_of_others(x.content());
    let ct = ct.content();
    map.for_each_leaf(|i, s| others[i] = others[i] * ct[s]);
    x.with_content(others)
}

/// Tangent of `y = x.prod_all()`: `sum_i dx_i * prod_{j != i} x_j`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[2.0, 0.0], [3.0]];
/// assert_eq!(rules::prod_all_jvp(&x, &x.prod_all(), &array![[1.0, 1.0], [1.0]]), 6.0);
/// ```
pub fn prod_all_jvp<T: Float>(x: &Array<T>, _y: &T, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `prod_all`'s input");
    let mut others = vec![T::one(); x.content().len()];
    products_of_others_in(x.content(), &mut others);
    others
        .iter()
        .zip(dx.content())
        .fold(T::zero(), |acc, (&o, &d)| acc + o * d)
}

/// Cotangent of `x` for `y = x.prod_all()`: `ct * prod_{j != i} x_j` for every element.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[2.0, 0.0], [3.0]];
/// assert_eq!(rules::prod_all_vjp(&x, &x.prod_all(), &1.0), array![[0.0, 6.0], [0.0]]);
/// ```
pub fn prod_all_vjp<T: Float>(x: &Array<T>, _y: &T, ct: &T) -> Array<T> {
    let mut others = vec![T::one(); x.content().len()];
    products_of_others_in(x.content(), &mut others);
    others.iter_mut().for_each(|o| *o = *o * *ct);
    x.with_content(others)
}
