//! Elementwise functions ("ufuncs"): the unary methods with an extra argument (`powi`,
//! `powf`; the others are defined once each in `unary.rs`) and the broadcasting binary methods (`pow`, `maximum`, `minimum`), each followed
//! by its JVP and VJP rule. The operators `+ - * /` and unary `-` live in `operators.rs`,
//! the comparisons in `compare.rs`.
//!
//! Unary rules are generic over [`Value`], so they serve `Array<T>` and a scalar `T` alike;
//! their Jacobian is diagonal, so the JVP and the VJP multiply by the same local derivative
//! (`d[x] = d[y] * cos(x)`). Binary rules are generic over [`Broadcast`]: a VJP multiplies the
//! cotangent by the local derivative on the broadcast structure, then undoes the broadcast
//! with `unbroadcast_lhs`/`unbroadcast_rhs`. Conventions at singular points follow JAX:
//! `abs'(0) = 1`, `sqrt'(0) = inf`, ties of `maximum`/`minimum` share the derivative
//! equally, `d(a^b)/db = 0` where `a = 0`, and `powi`'s derivative is 0 for `n = 0`.

use num_traits::{Float as _, One as _};

use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;
use crate::value::Value;

pub use super::operators::*;
pub use super::unary::*;
pub use crate::broadcast::Broadcast;

/// Panics with an error's message (the non-`try_` methods).
pub(crate) fn or_panic<X>(result: Result<X>) -> X {
    result.unwrap_or_else(|error| panic!("{error}"))
}

/// NumPy's `maximum`: NaN propagates; on a tie the right operand is returned (as NumPy
/// does, which only shows for `0.0` against `-0.0`).
pub(crate) fn max_nan<T: Float>(a: T, b: T) -> T {
    if a > b || a.is_nan() {
        a
    } else {
        b
    }
}

/// NumPy's `minimum`: NaN propagates; on a tie the right operand is returned.
pub(crate) fn min_nan<T: Float>(a: T, b: T) -> T {
    if a < b || a.is_nan() {
        a
    } else {
        b
    }
}

/// JAX's `_balanced_eq`: the share of the derivative of `out` that goes to `mine`: 1 if it
/// alone gave the result, 1/2 on a tie, 0 otherwise.
pub(crate) fn share<T: Float>(mine: T, other: T, out: T) -> T {
    match (mine == out, other == out) {
        (true, true) => T::from_f64(0.5),
        (true, false) => T::one(),
        _ => T::zero(),
    }
}

/// JAX's `log(_replace_zero(a))`: `ln a`, or 0 where `a = 0`.
pub(crate) fn ln_or_zero<T: Float>(a: T) -> T {
    if a == T::zero() {
        T::zero()
    } else {
        a.ln()
    }
}

impl<T: Float> Array<T> {
    /// Every element to the integer power `n`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[2.0, 3.0], []].powi(2), array![[4.0, 9.0], []]);
    /// ```
    pub fn powi(&self, n: i32) -> Array<T> {
        self.map_value(|v| v.powi(n))
    }

    /// Every element to the float power `p`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[4.0, 9.0], []].powf(0.5), array![[2.0, 3.0], []]);
    /// ```
    pub fn powf(&self, p: T) -> Array<T> {
        self.map_value(|v| v.powf(p))
    }

    /// `self[i] ^ exponent[i]`, broadcast by Awkward's rules; `Error::Broadcast` if the
    /// structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let base = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(base.try_pow(&Array::from_vec(vec![2.0, 0.0, 3.0])).unwrap(), array![[1.0, 4.0], [], [27.0]]);
    /// assert!(base.try_pow(&Array::from_vec(vec![2.0])).is_err());
    /// ```
    pub fn try_pow(&self, exponent: &Array<T>) -> Result<Array<T>> {
        self.try_zip(exponent, "pow", T::powf)
    }

    /// [`Array::try_pow`] that panics with the broadcasting error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[2.0], []].pow(&array![[3.0], []]), array![[8.0], []]);
    /// ```
    pub fn pow(&self, exponent: &Array<T>) -> Array<T> {
        or_panic(self.try_pow(exponent))
    }

    /// Elementwise maximum, broadcast; NaN propagates (NumPy's `maximum`).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 5.0], [], [3.0]];
    /// assert_eq!(x.try_maximum(&Array::from_vec(vec![2.0, 0.0, 1.0])).unwrap(), array![[2.0, 5.0], [], [3.0]]);
    /// ```
    pub fn try_maximum(&self, other: &Array<T>) -> Result<Array<T>> {
        self.try_zip(other, "maximum", max_nan)
    }

    /// [`Array::try_maximum`] that panics with the broadcasting error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![1.0, 5.0].maximum(&array![2.0, 3.0]), array![2.0, 5.0]);
    /// ```
    pub fn maximum(&self, other: &Array<T>) -> Array<T> {
        or_panic(self.try_maximum(other))
    }

    /// Elementwise minimum, broadcast; NaN propagates (NumPy's `minimum`).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 5.0], [], [3.0]];
    /// assert_eq!(x.try_minimum(&Array::from_vec(vec![2.0, 0.0, 1.0])).unwrap(), array![[1.0, 2.0], [], [1.0]]);
    /// ```
    pub fn try_minimum(&self, other: &Array<T>) -> Result<Array<T>> {
        self.try_zip(other, "minimum", min_nan)
    }

    /// [`Array::try_minimum`] that panics with the broadcasting error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![1.0, 5.0].minimum(&array![2.0, 3.0]), array![1.0, 3.0]);
    /// ```
    pub fn minimum(&self, other: &Array<T>) -> Array<T> {
        or_panic(self.try_minimum(other))
    }
}

// ---------------------------------------------------------------------------------------
// Unary rules: `d[y] = d[x] * f'(x)` and `d[x] = d[y] * f'(x)`.

/// `n x^(n-1)`, 0 for `n = 0` (JAX's `integer_pow` rule).
pub(crate) fn powi_slope<T: Float>(x: T, n: i32) -> T {
    match n {
        0 => T::zero(),
        1 => T::one(),
        _ => T::from_f64(n as f64) * x.powi(n - 1),
    }
}

/// JVP of `powi(n)`: `dx * n x^(n-1)` (0 for `n = 0`).
///
/// ```
/// use awkdiff_core::rules::powi_jvp;
/// assert_eq!(powi_jvp(&3.0, &9.0, 2, &1.0), 6.0);
/// ```
pub fn powi_jvp<V: Value>(x: &V, _y: &V, n: i32, dx: &V) -> V {
    crate::value::expect_like(dx, x, "tangent of `powi`'s input");
    dx.zip_value(x, |d, x| d * powi_slope(x, n))
}

/// VJP of `powi(n)`: `ct * n x^(n-1)` (0 for `n = 0`).
///
/// ```
/// use awkdiff_core::{array, rules::powi_vjp};
/// let x = array![[3.0], []];
/// assert_eq!(powi_vjp(&x, &x.powi(3), 3, &array![[1.0], []]), array![[27.0], []]);
/// ```
pub fn powi_vjp<V: Value>(x: &V, y: &V, n: i32, ct: &V) -> V {
    crate::value::expect_like(ct, y, "cotangent of `powi`'s output");
    ct.zip_value(x, |c, x| c * powi_slope(x, n))
}

// ---------------------------------------------------------------------------------------
// Binary rules: the local derivative on the broadcast structure, then one shared unbroadcast.

/// `jac * broadcast(da)`: the tangent contribution of the left operand.
fn tangent_lhs<A: Broadcast<B>, B>(jac: &A::Output, da: &A) -> A::Output {
    A::zip_lhs(jac, da, |j, d| j * d)
}

/// `jac * broadcast(db)`: the tangent contribution of the right operand.
fn tangent_rhs<A: Broadcast<B>, B>(jac: &A::Output, db: &B) -> A::Output {
    A::zip_rhs(jac, db, |j, d| j * d)
}

/// `unbroadcast_lhs(ct * jac)`.
fn cotangent_lhs<A: Broadcast<B>, B>(jac: &A::Output, ct: &A::Output, a: &A) -> A {
    A::unbroadcast_lhs(&ct.zip_value(jac, |c, j| c * j), a)
}

/// `unbroadcast_rhs(ct * jac)`.
fn cotangent_rhs<A: Broadcast<B>, B>(jac: &A::Output, ct: &A::Output, b: &B) -> B {
    A::unbroadcast_rhs(&ct.zip_value(jac, |c, j| c * j), b)
}

/// `d(a^b)/da = b a^(b-1)` (JAX's form for a float exponent: NaN at `a = b = 0`).
fn pow_jac_lhs<A: Broadcast<B>, B>(a: &A, b: &B) -> A::Output {
    a.zip(b, "pow", |a, b| b * a.powf(b - A::Elem::one()))
}

/// `d(a^b)/db = y ln a`, 0 where `a = 0` (JAX's `_replace_zero`).
fn pow_jac_rhs<A: Broadcast<B>, B>(a: &A, y: &A::Output) -> A::Output {
    A::zip_lhs(y, a, |y, a| y * ln_or_zero(a))
}

/// JVP of `pow` for the base: `da * b a^(b-1)`.
///
/// ```
/// use awkdiff_core::{array, Array, rules::pow_jvp_lhs};
/// let (a, b) = (array![[2.0, 3.0], []], Array::from_vec(vec![2.0, 1.0]));
/// let y = a.pow(&b);
/// assert_eq!(pow_jvp_lhs(&a, &b, &y, &array![[1.0, 1.0], []]), array![[4.0, 6.0], []]);
/// ```
pub fn pow_jvp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `pow`'s left operand");
    tangent_lhs::<A, B>(&pow_jac_lhs(a, b), da)
}

/// JVP of `pow` for the exponent: `db * y ln a` (0 where `a = 0`).
///
/// ```
/// use awkdiff_core::rules::pow_jvp_rhs;
/// assert_eq!(pow_jvp_rhs(&1.0, &2.0, &1.0, &1.0), 0.0);
/// ```
pub fn pow_jvp_rhs<A: Broadcast<B>, B>(a: &A, _b: &B, y: &A::Output, db: &B) -> A::Output {
    tangent_rhs::<A, B>(&pow_jac_rhs(a, y), db)
}

/// VJP of `pow` for the base: `unbroadcast(ct * b a^(b-1))`.
///
/// ```
/// use awkdiff_core::{array, rules::pow_vjp_lhs};
/// let a = array![[2.0, 3.0], []];
/// let y = a.powf(2.0);
/// assert_eq!(pow_vjp_lhs(&a, &2.0, &y, &array![[1.0, 1.0], []]), array![[4.0, 6.0], []]);
/// ```
pub fn pow_vjp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `pow`'s output");
    cotangent_lhs::<A, B>(&pow_jac_lhs(a, b), ct, a)
}

/// VJP of `pow` for the exponent: `unbroadcast(ct * y ln a)` (0 where `a = 0`).
///
/// ```
/// use awkdiff_core::{array, rules::pow_vjp_rhs};
/// let a = array![[1.0, 1.0], []];
/// assert_eq!(pow_vjp_rhs(&a, &3.0, &a, &array![[1.0, 1.0], []]), 0.0);
/// ```
pub fn pow_vjp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `pow`'s output");
    cotangent_rhs::<A, B>(&pow_jac_rhs(a, y), ct, b)
}

/// JVP of `powf(b)` for the base (the exponent is a scalar): see [`pow_jvp_lhs`].
///
/// ```
/// use awkdiff_core::{array, rules::powf_jvp_lhs};
/// let a = array![[3.0], []];
/// assert_eq!(powf_jvp_lhs(&a, &2.0, &a.powf(2.0), &array![[1.0], []]), array![[6.0], []]);
/// ```
pub fn powf_jvp_lhs<A: Broadcast<T>, T: Float>(a: &A, b: &T, y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `powf`'s left operand");
    pow_jvp_lhs(a, b, y, da)
}

/// JVP of `powf(b)` for the scalar exponent: see [`pow_jvp_rhs`].
///
/// ```
/// use awkdiff_core::{array, rules::powf_jvp_rhs};
/// let a = array![[1.0], []];
/// assert_eq!(powf_jvp_rhs(&a, &2.0, &a.powf(2.0), &1.0), array![[0.0], []]);
/// ```
pub fn powf_jvp_rhs<A: Broadcast<T>, T: Float>(a: &A, b: &T, y: &A::Output, db: &T) -> A::Output {
    pow_jvp_rhs(a, b, y, db)
}

/// VJP of `powf(b)` for the base: see [`pow_vjp_lhs`].
///
/// ```
/// use awkdiff_core::{array, rules::powf_vjp_lhs};
/// let a = array![[3.0], []];
/// assert_eq!(powf_vjp_lhs(&a, &2.0, &a.powf(2.0), &array![[1.0], []]), array![[6.0], []]);
/// ```
pub fn powf_vjp_lhs<A: Broadcast<T>, T: Float>(a: &A, b: &T, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `powf`'s output");
    pow_vjp_lhs(a, b, y, ct)
}

/// VJP of `powf(b)` for the scalar exponent (the total over the array): see [`pow_vjp_rhs`].
///
/// ```
/// use awkdiff_core::{array, rules::powf_vjp_rhs};
/// let a = array![[1.0, 1.0], []];
/// assert_eq!(powf_vjp_rhs(&a, &2.0, &a.powf(2.0), &array![[1.0, 1.0], []]), 0.0);
/// ```
pub fn powf_vjp_rhs<A: Broadcast<T>, T: Float>(a: &A, b: &T, y: &A::Output, ct: &A::Output) -> T {
    crate::value::expect_like(ct, y, "cotangent of `powf`'s output");
    pow_vjp_rhs(a, b, y, ct)
}

/// The share of `maximum`'s or `minimum`'s derivative that goes to the left operand.
fn extremum_jac_lhs<A: Broadcast<B>, B>(
    a: &A,
    b: &B,
    op: &str,
    pick: fn(A::Elem, A::Elem) -> A::Elem,
) -> A::Output {
    a.zip(b, op, |a, b| share(a, b, pick(a, b)))
}

/// The share that goes to the right operand.
fn extremum_jac_rhs<A: Broadcast<B>, B>(
    a: &A,
    b: &B,
    op: &str,
    pick: fn(A::Elem, A::Elem) -> A::Elem,
) -> A::Output {
    a.zip(b, op, |a, b| share(b, a, pick(a, b)))
}

/// JVP of `maximum` for the left operand: `da` where `a` is the larger, `da / 2` on a tie
/// (JAX shares ties equally), 0 elsewhere.
///
/// ```
/// use awkdiff_core::{array, rules::maximum_jvp_lhs};
/// let (a, b) = (array![1.0, 2.0, 3.0], array![2.0, 2.0, 2.0]);
/// let da = array![1.0, 1.0, 1.0];
/// assert_eq!(maximum_jvp_lhs(&a, &b, &a.maximum(&b), &da), array![0.0, 0.5, 1.0]);
/// ```
pub fn maximum_jvp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `maximum`'s left operand");
    tangent_lhs::<A, B>(&extremum_jac_lhs(a, b, "maximum", max_nan), da)
}

/// JVP of `maximum` for the right operand.
///
/// ```
/// use awkdiff_core::rules::maximum_jvp_rhs;
/// assert_eq!(maximum_jvp_rhs(&1.0, &2.0, &2.0, &3.0), 3.0);
/// ```
pub fn maximum_jvp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, db: &B) -> A::Output {
    tangent_rhs::<A, B>(&extremum_jac_rhs(a, b, "maximum", max_nan), db)
}

/// VJP of `maximum` for the left operand: `unbroadcast(ct * share)`.
///
/// ```
/// use awkdiff_core::rules::maximum_vjp_lhs;
/// assert_eq!(maximum_vjp_lhs(&2.0, &2.0, &2.0, &1.0), 0.5);
/// ```
pub fn maximum_vjp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `maximum`'s output");
    cotangent_lhs::<A, B>(&extremum_jac_lhs(a, b, "maximum", max_nan), ct, a)
}

/// VJP of `maximum` for the right operand.
///
/// ```
/// use awkdiff_core::{array, rules::maximum_vjp_rhs};
/// let a = array![[1.0, 3.0], []];
/// assert_eq!(maximum_vjp_rhs(&a, &2.0, &a.maximum(&array![[2.0, 2.0], []]), &array![[1.0, 1.0], []]), 1.0);
/// ```
pub fn maximum_vjp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `maximum`'s output");
    cotangent_rhs::<A, B>(&extremum_jac_rhs(a, b, "maximum", max_nan), ct, b)
}

/// JVP of `minimum` for the left operand: `da` where `a` is the smaller, `da / 2` on a tie.
///
/// ```
/// use awkdiff_core::{array, rules::minimum_jvp_lhs};
/// let (a, b) = (array![1.0, 2.0, 3.0], array![2.0, 2.0, 2.0]);
/// let da = array![1.0, 1.0, 1.0];
/// assert_eq!(minimum_jvp_lhs(&a, &b, &a.minimum(&b), &da), array![1.0, 0.5, 0.0]);
/// ```
pub fn minimum_jvp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `minimum`'s left operand");
    tangent_lhs::<A, B>(&extremum_jac_lhs(a, b, "minimum", min_nan), da)
}

/// JVP of `minimum` for the right operand.
///
/// ```
/// use awkdiff_core::rules::minimum_jvp_rhs;
/// assert_eq!(minimum_jvp_rhs(&1.0, &2.0, &1.0, &3.0), 0.0);
/// ```
pub fn minimum_jvp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, db: &B) -> A::Output {
    tangent_rhs::<A, B>(&extremum_jac_rhs(a, b, "minimum", min_nan), db)
}

/// VJP of `minimum` for the left operand.
///
/// ```
/// use awkdiff_core::rules::minimum_vjp_lhs;
/// assert_eq!(minimum_vjp_lhs(&2.0, &2.0, &2.0, &1.0), 0.5);
/// ```
pub fn minimum_vjp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `minimum`'s output");
    cotangent_lhs::<A, B>(&extremum_jac_lhs(a, b, "minimum", min_nan), ct, a)
}

/// VJP of `minimum` for the right operand.
///
/// ```
/// use awkdiff_core::{array, rules::minimum_vjp_rhs};
/// let a = array![[1.0, 3.0], []];
/// assert_eq!(minimum_vjp_rhs(&a, &2.0, &a.minimum(&array![[2.0, 2.0], []]), &array![[1.0, 1.0], []]), 1.0);
/// ```
pub fn minimum_vjp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `minimum`'s output");
    cotangent_rhs::<A, B>(&extremum_jac_rhs(a, b, "minimum", min_nan), ct, b)
}
