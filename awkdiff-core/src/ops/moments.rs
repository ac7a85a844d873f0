//! The spread reducers `var(axis, ddof)` and `std(axis, ddof)` at any axis (and `var_all`,
//! `std_all` over everything), each followed by its JVP and VJP rule. They run on the
//! reducers' one machinery (`reduce_map`): a slot is the set of leaves reduced together.
//!
//! Values are Awkward Array 2.x's `ak.var(x, axis, ddof)` and `ak.std`: with `n` leaves in a
//! slot, mean `m` and `q = sum((x - m)^2)` (two passes, the stable form),
//! `var = q / (n - ddof)` and `std = sqrt(var)`. So, as Awkward gives them:
//! - an empty slot is NaN (whatever `ddof`);
//! - `n == ddof` gives `q / 0`: `+inf`, or NaN when `q == 0` (a single element with
//!   `ddof = 1`);
//! - `n < ddof` gives a negative variance `q / (n - ddof)` (`-0.0` for one element) and a NaN
//!   standard deviation (`-0.0` for one element). NumPy and JAX give `inf`/NaN there instead.
//!
//! Derivatives: `d var = 2 / (n - ddof) * sum((x_i - m) dx_i)` and
//! `d std = sum((x_i - m) dx_i) / ((n - ddof) std)`, with 0 wherever the value does not
//! depend on the leaves:
//! - an empty slot; `n == ddof` (the value is `+inf` for every input with `q > 0`, and NaN
//!   for every input of one element): tangent 0;
//! - `std` where `n < ddof` (NaN for every input with `q > 0`): tangent 0;
//! - `std` at zero variance (all leaves equal, or one leaf): `std` is a norm of the
//!   deviations, kinked there like `abs` at 0, so its central derivative is 0, as JAX's
//!   `abs'(0) = 0` convention gives. JAX's own `jnp.std` (and Awkward's JAX backend) gives
//!   NaN there, dividing by the zero `std`; central differences give 0.
//!
//! and NaN where the value jumps in every neighbourhood: `n == ddof >= 2` with equal leaves
//! (`0 / 0` there, `+inf` beside), and for `std` `ddof > n >= 2` with equal leaves (`-0.0`
//! there, NaN beside); central differences give NaN there too.
//!
//! A zero derivative for those constant values also keeps a masked-out list (`where_`,
//! `filter`) from sending NaN into the gradient of the rest, which JAX's NaN does.
//! NaN or infinite leaves give NaN derivatives.

use super::reduce::{count_as, expect_like, or_panic, sums_and_counts};
use super::reduce_map::ReduceMap;
use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;

/// Every leaf's deviation from the mean of its slot, with the slot counts: what the values
/// and both rules of `var` and `std` are computed from.
struct Deviations<T> {
    map: ReduceMap,
    /// Number of leaves in each slot.
    counts: Vec<usize>,
    /// `x_i - mean of its slot`, in content order.
    dev: Vec<T>,
    /// `q`: the sum of the squared deviations of each slot.
    squares: Vec<T>,
}

impl<T: Float> Deviations<T> {
    fn new(map: ReduceMap, x: &Array<T>) -> Self {
        let stats = sums_and_counts(&map, x);
        let means: Vec<T> = stats.iter().map(|&(s, n)| s / count_as(n)).collect();
        let xs = x.content();
        let dev = map.per_leaf(|i, s| xs[i] - means[s]);
        let counts = stats.into_iter().map(|(_, n)| n).collect();
        let squares = map.fold(&dev, T::zero(), |q, d| q + d * d);
        Deviations {
            map,
            counts,
            dev,
            squares,
        }
    }

    fn at(x: &Array<T>, axis: isize) -> Result<Self> {
        Ok(Self::new(ReduceMap::new(x, axis, false)?, x))
    }

    fn whole(x: &Array<T>) -> Self {
        Self::new(ReduceMap::whole(x.structure().content_len()), x)
    }

    /// The variance of every slot (see the module docs for `n <= ddof`).
    fn variances(&self, ddof: usize) -> Vec<T> {
        self.squares
            .iter()
            .zip(&self.counts)
            .map(|(&q, &n)| {
                if n == 0 {
                    T::nan()
                } else {
                    q / (count_as::<T>(n) - count_as(ddof))
                }
            })
            .collect()
    }

    /// Per slot, `slope * sum(dev_i * dx_i)`; 0 where the slope is 0 (a constant value).
    fn jvp(&self, dx: &Array<T>, slope: &[T]) -> Vec<T> {
        let terms: Vec<T> = self
            .dev
            .iter()
            .zip(dx.content())
            .map(|(&d, &t)| d * t)
            .collect();
        let sums = self.map.fold(&terms, T::zero(), |a, v| a + v);
        sums.into_iter()
            .zip(slope)
            .map(|(s, &g)| if g == T::zero() { T::zero() } else { g * s })
            .collect()
    }

    /// Per leaf, `slope * ct * dev_i` of its slot; 0 where the slope is 0.
    fn vjp(&self, ct: &[T], slope: &[T]) -> Vec<T> {
        self.map.per_leaf(|i, s| {
            if slope[s] == T::zero() {
                T::zero()
            } else {
                slope[s] * ct[s] * self.dev[i]
            }
        })
    }

    /// The slope where the divisor `n - ddof` is 0 or negative, for `std` (and for `var`
    /// with `n == ddof`): NaN where the value jumps (equal leaves, at least two), else 0
    /// (the value does not depend on the leaves).
    fn degenerate(n: usize, q: T) -> T {
        if n >= 2 && q == T::zero() {
            T::nan()
        } else {
            T::zero()
        }
    }

    /// `d var / d dev`: `2 / (n - ddof)`, or 0 where the variance is constant (see the
    /// module docs).
    fn var_slopes(&self, ddof: usize) -> Vec<T> {
        self.counts
            .iter()
            .zip(&self.squares)
            .map(|(&n, &q)| {
                if n == 0 {
                    T::zero()
                } else if n == ddof {
                    Self::degenerate(n, q)
                } else {
                    count_as::<T>(2) / (count_as::<T>(n) - count_as(ddof))
                }
            })
            .collect()
    }

    /// `d std / d dev`: `1 / ((n - ddof) std)`, or 0 where the standard deviation is constant
    /// or at its kink (zero variance; see the module docs).
    fn std_slopes(&self, ddof: usize, std: &[T]) -> Vec<T> {
        self.counts
            .iter()
            .zip(&self.squares)
            .zip(std)
            .map(|((&n, &q), &y)| {
                if n == 0 {
                    T::zero()
                } else if n <= ddof {
                    Self::degenerate(n, q)
                } else if y == T::zero() {
                    T::zero()
                } else {
                    T::one() / ((count_as::<T>(n) - count_as(ddof)) * y)
                }
            })
            .collect()
    }
}

/// Panics unless `y` is what reducing `x` with `map` gives (rules get the primal's output).
fn expect_reduced<T: Float>(map: &ReduceMap, x: &Array<T>, y: &Array<T>, name: &str) {
    assert!(
        y.structure().same_as(&map.out),
        "the output of `{name}` has type {}, which is not the output of reducing an array of type {}",
        y.type_str(),
        x.type_str()
    );
}

impl<T: Float> Array<T> {
    /// Variance along `axis` with `ddof` delta degrees of freedom, or `Error::Axis` when the
    /// axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0f64, 2.0, 4.0], [], [3.0]];
    /// let v = x.try_var(1, 1).unwrap();
    /// assert!((v.content()[0] - 7.0 / 3.0).abs() < 1e-15);
    /// assert!(v.content()[1].is_nan() && v.content()[2].is_nan());
    /// assert!(x.try_var(2, 0).is_err());
    /// ```
    pub fn try_var(&self, axis: isize, ddof: usize) -> Result<Array<T>> {
        let d = Deviations::at(self, axis)?;
        Ok(d.map.output(d.variances(ddof)))
    }

    /// Variance along `axis` (Awkward's `ak.var(x, axis, ddof=ddof)`): `sum((x - mean)^2)
    /// / (n - ddof)` per list; an empty list gives NaN (see the `moments` module docs for
    /// lists of `ddof` or fewer elements).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_var`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 3.0], [3.0], [5.0, 5.0]];
    /// assert_eq!(x.var(1, 0), array![1.0, 0.0, 0.0]);
    /// assert_eq!(x.var(0, 0), array![2.6666666666666665, 1.0]);
    /// ```
    pub fn var(&self, axis: isize, ddof: usize) -> Array<T> {
        or_panic(self.try_var(axis, ddof))
    }

    /// Variance of every element (Awkward's `axis=None`); NaN for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], [], [2.0]].var_all(1), 1.0);
    /// ```
    pub fn var_all(&self, ddof: usize) -> T {
        Deviations::whole(self).variances(ddof)[0]
    }

    /// Standard deviation along `axis` with `ddof` delta degrees of freedom, or
    /// `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0f64, 3.0], [], [2.0]];
    /// let s = x.try_std(-1, 0).unwrap();
    /// assert_eq!(s.content()[0], 1.0);
    /// assert!(s.content()[1].is_nan());
    /// assert_eq!(s.content()[2], 0.0);
    /// ```
    pub fn try_std(&self, axis: isize, ddof: usize) -> Result<Array<T>> {
        let d = Deviations::at(self, axis)?;
        let std = d.variances(ddof).into_iter().map(T::sqrt).collect();
        Ok(d.map.output(std))
    }

    /// Standard deviation along `axis` (Awkward's `ak.std(x, axis, ddof=ddof)`): the square
    /// root of [`Array::var`]; an empty list gives NaN.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_std`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 3.0], [2.0, 2.0]].std(1, 0), array![1.0, 0.0]);
    /// ```
    pub fn std(&self, axis: isize, ddof: usize) -> Array<T> {
        or_panic(self.try_std(axis, ddof))
    }

    /// Standard deviation of every element; NaN for an empty array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0], [], [3.0]].std_all(0), 1.0);
    /// ```
    pub fn std_all(&self, ddof: usize) -> T {
        self.var_all(ddof).sqrt()
    }
}

// ---------------------------------------------------------------------------------------
// var

/// Tangent of `y = x.var(axis, ddof)`: `2 / (n - ddof) * sum((x_i - mean) dx_i)` per list
/// (0 for an empty list and where `n == ddof`).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [], [2.0]];
/// let y = x.var(1, 0);
/// assert_eq!(rules::var_jvp(&x, &y, 1, 0, &array![[0.0, 1.0], [], [5.0]]), array![1.0, 0.0, 0.0]);
/// ```
pub fn var_jvp<T: Float>(
    x: &Array<T>,
    _y: &Array<T>,
    axis: isize,
    ddof: usize,
    dx: &Array<T>,
) -> Array<T> {
    expect_like(dx, x, "tangent of `var`'s input");
    let d = Deviations::new(ReduceMap::for_rule(x, axis), x);
    d.map.output(d.jvp(dx, &d.var_slopes(ddof)))
}

/// Cotangent of `x` for `y = x.var(axis, ddof)`: `ct * 2 (x_i - mean) / (n - ddof)` for
/// every element.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [], [2.0]];
/// let y = x.var(1, 0);
/// assert_eq!(rules::var_vjp(&x, &y, 1, 0, &array![1.0, 1.0, 1.0]), array![[-1.0, 1.0], [], [0.0]]);
/// ```
pub fn var_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    ddof: usize,
    ct: &Array<T>,
) -> Array<T> {
    expect_like(ct, y, "cotangent of `var`'s output");
    let d = Deviations::new(ReduceMap::for_rule(x, axis), x);
    x.with_content(d.vjp(ct.content(), &d.var_slopes(ddof)))
}

/// Tangent of `y = x.var_all(ddof)`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0], [], [3.0]];
/// assert_eq!(rules::var_all_jvp(&x, &x.var_all(0), 0, &array![[0.0], [], [1.0]]), 1.0);
/// ```
pub fn var_all_jvp<T: Float>(x: &Array<T>, _y: &T, ddof: usize, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `var_all`'s input");
    let d = Deviations::whole(x);
    d.jvp(dx, &d.var_slopes(ddof))[0]
}

/// Cotangent of `x` for `y = x.var_all(ddof)`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0], [], [3.0]];
/// assert_eq!(rules::var_all_vjp(&x, &x.var_all(0), 0, &1.0), array![[-1.0], [], [1.0]]);
/// ```
pub fn var_all_vjp<T: Float>(x: &Array<T>, _y: &T, ddof: usize, ct: &T) -> Array<T> {
    let d = Deviations::whole(x);
    x.with_content(d.vjp(&[*ct], &d.var_slopes(ddof)))
}

// ---------------------------------------------------------------------------------------
// std

/// Tangent of `y = x.std(axis, ddof)`: `sum((x_i - mean) dx_i) / ((n - ddof) y)` per list
/// (0 where `y` is 0 or does not depend on `x`: see the module docs).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [2.0, 2.0]];
/// let y = x.std(1, 0);
/// assert_eq!(rules::std_jvp(&x, &y, 1, 0, &array![[0.0, 1.0], [1.0, 0.0]]), array![0.5, 0.0]);
/// ```
pub fn std_jvp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    ddof: usize,
    dx: &Array<T>,
) -> Array<T> {
    expect_like(dx, x, "tangent of `std`'s input");
    let d = Deviations::new(ReduceMap::for_rule(x, axis), x);
    expect_reduced(&d.map, x, y, "std");
    d.map.output(d.jvp(dx, &d.std_slopes(ddof, y.content())))
}

/// Cotangent of `x` for `y = x.std(axis, ddof)`: `ct * (x_i - mean) / ((n - ddof) y)` for
/// every element (0 where `y` is 0 or does not depend on `x`).
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 3.0], [2.0, 2.0]];
/// let y = x.std(1, 0);
/// assert_eq!(rules::std_vjp(&x, &y, 1, 0, &array![1.0, 1.0]), array![[-0.5, 0.5], [0.0, 0.0]]);
/// ```
pub fn std_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    ddof: usize,
    ct: &Array<T>,
) -> Array<T> {
    expect_like(ct, y, "cotangent of `std`'s output");
    let d = Deviations::new(ReduceMap::for_rule(x, axis), x);
    expect_reduced(&d.map, x, y, "std");
    x.with_content(d.vjp(ct.content(), &d.std_slopes(ddof, y.content())))
}

/// Tangent of `y = x.std_all(ddof)`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0], [], [3.0]];
/// assert_eq!(rules::std_all_jvp(&x, &x.std_all(0), 0, &array![[0.0], [], [1.0]]), 0.5);
/// ```
pub fn std_all_jvp<T: Float>(x: &Array<T>, y: &T, ddof: usize, dx: &Array<T>) -> T {
    expect_like(dx, x, "tangent of `std_all`'s input");
    let d = Deviations::whole(x);
    d.jvp(dx, &d.std_slopes(ddof, &[*y]))[0]
}

/// Cotangent of `x` for `y = x.std_all(ddof)`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0], [], [3.0]];
/// assert_eq!(rules::std_all_vjp(&x, &x.std_all(0), 0, &1.0), array![[-0.5], [], [0.5]]);
/// ```
pub fn std_all_vjp<T: Float>(x: &Array<T>, y: &T, ddof: usize, ct: &T) -> Array<T> {
    let d = Deviations::whole(x);
    x.with_content(d.vjp(&[*ct], &d.std_slopes(ddof, &[*y])))
}
