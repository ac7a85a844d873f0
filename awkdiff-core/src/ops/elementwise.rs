//! Elementwise functions ("ufuncs"): the unary methods with extra arguments (`powi`,
//! `powf`, `clamp`; the others are defined once each in `unary.rs`) and the broadcasting
//! binary methods (`pow`, `maximum`, `minimum`, `atan2`, `hypot`), each followed
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

use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;
use crate::value::Value;

pub use super::binary::*;
pub use super::operators::*;
pub use super::unary::*;
pub use crate::broadcast::Broadcast;

/// Panics with an error's message (the non-`try_` methods).
#[track_caller]
pub(crate) fn or_panic<X>(result: Result<X>) -> X {
    match result {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    }
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

    /// Every element limited to `[lo, hi]`: `minimum(maximum(x, lo), hi)` as NumPy's and
    /// JAX's `clip` compute it, so NaN stays NaN and `lo > hi` gives `hi` everywhere (no
    /// panic, unlike Rust's `f64::clamp`). Its derivative is 1 inside, 0 outside and 1/2 at
    /// `x == lo` or `x == hi` (JAX's tie rule of `maximum`/`minimum`). The bounds are not
    /// differentiated: for differentiable bounds write `x.maximum(lo).minimum(hi)`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[-2.0, 0.5, 3.0], [], [f64::NAN]];
    /// assert_eq!(x.clamp(0.0, 1.0).to_string(), "[[0, 0.5, 1], [], [nan]]");
    /// assert_eq!(array![[0.5]].clamp(2.0, 1.0), array![[1.0]]);
    /// ```
    pub fn clamp(&self, lo: T, hi: T) -> Array<T> {
        self.map_value(|v| clamp_value(v, lo, hi))
    }
}

/// `minimum(maximum(x, lo), hi)` with NumPy's NaN rules.
pub(crate) fn clamp_value<T: Float>(x: T, lo: T, hi: T) -> T {
    min_nan(max_nan(x, lo), hi)
}

/// The derivative of [`clamp_value`] in `x`: the product of the shares of `maximum` and
/// `minimum` (1, 1/2 on a tie, 0), as JAX differentiates `clip` (`lo == hi == x` gives 1/4).
pub(crate) fn clamp_slope<T: Float>(x: T, lo: T, hi: T) -> T {
    let low = max_nan(x, lo);
    share(x, lo, low) * share(low, hi, min_nan(low, hi))
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

/// JVP of `clamp(lo, hi)`: `dx` inside `[lo, hi]`, 0 outside, `dx / 2` at a bound.
///
/// ```
/// use awkdiff_core::{array, rules::clamp_jvp};
/// let x = array![[-2.0, 0.5, 1.0], []];
/// let y = x.clamp(0.0, 1.0);
/// assert_eq!(clamp_jvp(&x, &y, 0.0, 1.0, &array![[1.0, 1.0, 1.0], []]), array![[0.0, 1.0, 0.5], []]);
/// ```
#[track_caller]
pub fn clamp_jvp<V: Value>(x: &V, _y: &V, lo: V::Elem, hi: V::Elem, dx: &V) -> V {
    crate::value::expect_like(dx, x, "tangent of `clamp`'s input");
    dx.zip_value(x, |d, x| d * clamp_slope(x, lo, hi))
}

/// VJP of `clamp(lo, hi)`: `ct` inside `[lo, hi]`, 0 outside, `ct / 2` at a bound.
///
/// ```
/// use awkdiff_core::{array, rules::clamp_vjp};
/// let x = array![[-2.0, 0.5, 0.0], []];
/// let y = x.clamp(0.0, 1.0);
/// assert_eq!(clamp_vjp(&x, &y, 0.0, 1.0, &array![[4.0, 4.0, 4.0], []]), array![[0.0, 4.0, 2.0], []]);
/// ```
#[track_caller]
pub fn clamp_vjp<V: Value>(x: &V, y: &V, lo: V::Elem, hi: V::Elem, ct: &V) -> V {
    crate::value::expect_like(ct, y, "cotangent of `clamp`'s output");
    ct.zip_value(x, |c, x| c * clamp_slope(x, lo, hi))
}

// ---------------------------------------------------------------------------------------
// Binary rules: the local derivative on the broadcast structure, then one shared unbroadcast.

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
