//! Scalar forms of the elementwise primitives, for fused chains (`fused.rs`): each
//! primitive's value at one position and its local derivative there, its "slope". The
//! unary ones come from their single definition in `unary.rs`; the binary ones and those
//! with an extra argument are here.
//!
//! Unary `p`: `p(x)` and `p_slope(x, y)`, so that `dy = p_slope(x, y) * dx` and
//! `ct_x = p_slope(x, y) * ct_y`. Binary `p`: `p(a, b)` and `p_slopes(a, b, y)`, the pair
//! `(dy/da, dy/db)`. The conventions at singular points are those of the array rules (JAX's):
//! `abs'(0) = 1`, `sqrt'(0) = inf`, ties of `maximum`/`minimum` share the derivative,
//! `d(a^b)/db = 0` where `a = 0`, `powi`'s slope is 0 for `n = 0`.
//!
//! ```
//! use awkdiff_core::rules::scalar;
//! let (x, dx) = (0.5f64, 2.0);
//! let y = scalar::tanh(x);
//! assert_eq!(scalar::tanh_slope(x, y) * dx, (1.0 - y * y) * 2.0);
//! assert_eq!(scalar::mul_slopes(3.0, 4.0, 12.0), (4.0, 3.0));
//! ```

use super::elementwise::powi_slope as powi_derivative;
use super::elementwise::{clamp_slope as clamp_derivative, clamp_value};
use crate::element::Float;

pub use super::binary::forms::*;
pub use super::unary::forms::*;

/// `-x`.
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::neg(2.0f64), -2.0);
/// ```
#[inline(always)]
pub fn neg<T: Float>(x: T) -> T {
    -x
}

/// The local derivative of [`neg`]: -1.
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::neg_slope(2.0f64, -2.0), -1.0);
/// ```
#[inline(always)]
pub fn neg_slope<T: Float>(_x: T, _y: T) -> T {
    -T::one()
}

/// `x^n`.
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::powi(3.0f64, 2), 9.0);
/// ```
#[inline(always)]
pub fn powi<T: Float>(x: T, n: i32) -> T {
    x.powi(n)
}

/// The local derivative of [`powi`]: `n x^(n-1)`, 0 for `n = 0`.
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::powi_slope(3.0f64, 9.0, 2), 6.0);
/// ```
#[inline(always)]
pub fn powi_slope<T: Float>(x: T, _y: T, n: i32) -> T {
    powi_derivative(x, n)
}

/// `x` limited to `[lo, hi]` as NumPy's `clip` (see `Array::clamp`).
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::clamp(3.0f64, 0.0, 1.0), 1.0);
/// ```
#[inline(always)]
pub fn clamp<T: Float>(x: T, lo: T, hi: T) -> T {
    clamp_value(x, lo, hi)
}

/// The local derivative of [`clamp`]: 1 inside, 0 outside, 1/2 at a bound (JAX).
///
/// ```
/// use awkdiff_core::rules::scalar::clamp_slope;
/// assert_eq!(clamp_slope(0.5f64, 0.5, 0.0, 1.0), 1.0);
/// assert_eq!(clamp_slope(1.0f64, 1.0, 0.0, 1.0), 0.5);
/// ```
#[inline(always)]
pub fn clamp_slope<T: Float>(x: T, _y: T, lo: T, hi: T) -> T {
    clamp_derivative(x, lo, hi)
}

/// Defines a binary scalar form and its pair of slopes.
macro_rules! binary {
    ($(#[$doc:meta] $name:ident, $slopes:ident, |$a:ident, $b:ident, $y:ident| $value:expr, $derivatives:expr;)*) => {$(
        #[$doc]
        ///
        /// ```
        /// use awkdiff_core::rules::scalar;
        #[doc = concat!("let y = scalar::", stringify!($name), "(2.0f64, 3.0);")]
        #[doc = concat!("let (da, db) = scalar::", stringify!($slopes), "(2.0, 3.0, y);")]
        /// assert!(y.is_finite() && da.is_finite() && db.is_finite());
        /// ```
        #[inline(always)]
        pub fn $name<T: Float>($a: T, $b: T) -> T {
            $value
        }

        #[doc = concat!("The local derivatives `(dy/da, dy/db)` of [`", stringify!($name), "`] at `(a, b)`, where it gives `y`.")]
        ///
        /// ```
        /// use awkdiff_core::rules::scalar;
        #[doc = concat!("let (da, db) = scalar::", stringify!($slopes), "(2.0f64, 3.0, scalar::", stringify!($name), "(2.0, 3.0));")]
        /// assert!(da.is_finite() && db.is_finite());
        /// ```
        #[inline(always)]
        #[allow(unused_variables)]
        pub fn $slopes<T: Float>($a: T, $b: T, $y: T) -> (T, T) {
            $derivatives
        }
    )*};
}

binary! {
    /// `a + b`.
    add, add_slopes, |a, b, y| a + b, (T::one(), T::one());
    /// `a - b`.
    sub, sub_slopes, |a, b, y| a - b, (T::one(), -T::one());
    /// `a * b`.
    mul, mul_slopes, |a, b, y| a * b, (b, a);
    /// `a / b`.
    div, div_slopes, |a, b, y| a / b, (b.recip(), -a / (b * b));
}

/// `a^b` with a scalar exponent: [`pow`].
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::powf(2.0f64, 3.0), 8.0);
/// ```
#[inline(always)]
pub fn powf<T: Float>(a: T, b: T) -> T {
    pow(a, b)
}

/// The local derivatives of [`powf`]: [`pow_slopes`].
///
/// ```
/// assert_eq!(awkdiff_core::rules::scalar::powf_slopes(2.0f64, 3.0, 8.0).0, 12.0);
/// ```
#[inline(always)]
pub fn powf_slopes<T: Float>(a: T, b: T, y: T) -> (T, T) {
    pow_slopes(a, b, y)
}
