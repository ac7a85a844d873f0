//! [`Reducible`]: the element types that `sum`, `prod`, `max` and `min` reduce, and what
//! each gives, as Awkward does: floats reduce to their own type; `ak.sum(mask, axis)` of a
//! `bool` mask counts its `true` elements (`int64`), `ak.prod` of a mask is `int64` too, and
//! its `max`/`min` are `any`/`all` (`bool`); `int64` stays `int64`. Empty lists give the
//! identity: 0, 1, and for `max`/`min` the lowest/highest value (`-inf`/`+inf`, `false`/`true`,
//! `i64::MIN`/`i64::MAX`: Awkward's `mask_identity=False`). Integer sums and products wrap on
//! overflow, as NumPy's `int64` does. Only the float reducers are differentiable.

use crate::element::{Element, Float};

mod sealed {
    /// Only `f32`, `f64`, `bool` and `i64` are [`Reducible`](super::Reducible).
    pub trait Sealed {}
    impl<T: crate::Float> Sealed for T {}
    impl Sealed for bool {}
    impl Sealed for i64 {}
}

/// An element type that `sum`, `prod`, `max` and `min` reduce: `f32`, `f64` (to themselves),
/// `bool` (sums and products counted in `i64`, extremes as `bool`) and `i64` (sealed).
///
/// ```
/// use awkdiff_core::{array, Array};
/// let x = array![[1.0, -2.0, 3.0], [], [-4.0]];
/// assert_eq!(x.sum(1), array![2.0, 0.0, -4.0]);
/// assert_eq!(x.gt(0.0).sum(1), Array::from_vec(vec![2i64, 0, 0]));
/// assert_eq!(x.count(1).max(0), Array::from_vec(vec![3i64]));
/// ```
pub trait Reducible: Element + sealed::Sealed {
    /// The element type of `sum` and `prod`: the type itself, `i64` for `bool`.
    type Total: Element;
    /// The sum of no element.
    #[doc(hidden)]
    fn zero() -> Self::Total;
    /// `total + value`.
    #[doc(hidden)]
    fn plus(total: Self::Total, value: Self) -> Self::Total;
    /// The product of no element.
    #[doc(hidden)]
    fn one() -> Self::Total;
    /// `total * value`.
    #[doc(hidden)]
    fn times(total: Self::Total, value: Self) -> Self::Total;
    /// The maximum of no element.
    #[doc(hidden)]
    fn lowest() -> Self;
    /// The minimum of no element.
    #[doc(hidden)]
    fn highest() -> Self;
    /// The larger of `a` and `b`; for floats NaN is skipped unless `nan_wins`.
    #[doc(hidden)]
    fn larger(a: Self, b: Self, nan_wins: bool) -> Self;
    /// The smaller of `a` and `b`; for floats NaN is skipped unless `nan_wins`.
    #[doc(hidden)]
    fn smaller(a: Self, b: Self, nan_wins: bool) -> Self;
}

impl<T: Float> Reducible for T {
    type Total = T;
    fn zero() -> T {
        T::zero()
    }
    fn plus(total: T, value: T) -> T {
        total + value
    }
    fn one() -> T {
        T::one()
    }
    fn times(total: T, value: T) -> T {
        total * value
    }
    fn lowest() -> T {
        T::neg_infinity()
    }
    fn highest() -> T {
        T::infinity()
    }
    fn larger(a: T, b: T, nan_wins: bool) -> T {
        if nan_wins && (a.is_nan() || b.is_nan()) {
            T::nan()
        } else {
            a.max(b)
        }
    }
    fn smaller(a: T, b: T, nan_wins: bool) -> T {
        if nan_wins && (a.is_nan() || b.is_nan()) {
            T::nan()
        } else {
            a.min(b)
        }
    }
}

impl Reducible for bool {
    type Total = i64;
    fn zero() -> i64 {
        0
    }
    fn plus(total: i64, value: bool) -> i64 {
        total + i64::from(value)
    }
    fn one() -> i64 {
        1
    }
    fn times(total: i64, value: bool) -> i64 {
        total * i64::from(value)
    }
    fn lowest() -> bool {
        false
    }
    fn highest() -> bool {
        true
    }
    fn larger(a: bool, b: bool, _: bool) -> bool {
        a || b
    }
    fn smaller(a: bool, b: bool, _: bool) -> bool {
        a && b
    }
}

impl Reducible for i64 {
    type Total = i64;
    fn zero() -> i64 {
        0
    }
    fn plus(total: i64, value: i64) -> i64 {
        total.wrapping_add(value)
    }
    fn one() -> i64 {
        1
    }
    fn times(total: i64, value: i64) -> i64 {
        total.wrapping_mul(value)
    }
    fn lowest() -> i64 {
        i64::MIN
    }
    fn highest() -> i64 {
        i64::MAX
    }
    fn larger(a: i64, b: i64, _: bool) -> i64 {
        a.max(b)
    }
    fn smaller(a: i64, b: i64, _: bool) -> i64 {
        a.min(b)
    }
}
