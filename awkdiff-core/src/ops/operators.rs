//! The arithmetic operators `+ - * /` and unary `-`, their `try_` forms, and their JVP and
//! VJP rules.
//!
//! Operators exist for `Array` and `&Array` on both sides, an array with a scalar `T` on the
//! right, and a scalar on the left for `f32` and `f64` (`2.0 * &x`; Rust's orphan rule
//! forbids a generic `T * Array<T>`). Like ndarray's, they panic when the operands do not
//! broadcast, with the message of the `Error::Broadcast` that `try_add`, `try_sub`,
//! `try_mul` and `try_div` return.

use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::broadcast::{zip_arrays_owned, Broadcast, Operand};
use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;
use crate::value::Value;

use super::elementwise::or_panic;

impl<T: Float> Array<T> {
    /// `self + rhs`, with `rhs` an array (broadcast by Awkward's rules) or a scalar;
    /// `Error::Broadcast` when the structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_add(&Array::from_vec(vec![10.0, 20.0, 30.0])).unwrap(), array![[11.0, 12.0, 13.0], [], [34.0, 35.0]]);
    /// assert_eq!(x.try_add(1.0).unwrap(), array![[2.0, 3.0, 4.0], [], [5.0, 6.0]]);
    /// assert!(x.try_add(&Array::from_vec(vec![1.0, 2.0])).is_err());
    /// ```
    pub fn try_add(&self, rhs: impl Operand<T>) -> Result<Array<T>> {
        rhs.zip_with(self, "add", |a, b| a + b)
    }

    /// `self - rhs`, broadcast; `Error::Broadcast` when the structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], []];
    /// assert_eq!(x.try_sub(&x).unwrap(), array![[0.0, 0.0], []]);
    /// assert_eq!(x.try_sub(1.0).unwrap(), array![[0.0, 1.0], []]);
    /// ```
    pub fn try_sub(&self, rhs: impl Operand<T>) -> Result<Array<T>> {
        rhs.zip_with(self, "sub", |a, b| a - b)
    }

    /// `self * rhs`, broadcast; `Error::Broadcast` when the structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], []];
    /// assert_eq!(x.try_mul(&x).unwrap(), array![[1.0, 4.0], []]);
    /// assert_eq!(x.try_mul(2.0).unwrap(), array![[2.0, 4.0], []]);
    /// ```
    pub fn try_mul(&self, rhs: impl Operand<T>) -> Result<Array<T>> {
        rhs.zip_with(self, "mul", |a, b| a * b)
    }

    /// `self / rhs`, broadcast; `Error::Broadcast` when the structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], []];
    /// assert_eq!(x.try_div(&x).unwrap(), array![[1.0, 1.0], []]);
    /// assert_eq!(x.try_div(2.0).unwrap(), array![[0.5, 1.0], []]);
    /// ```
    pub fn try_div(&self, rhs: impl Operand<T>) -> Result<Array<T>> {
        rhs.zip_with(self, "div", |a, b| a / b)
    }
}

/// Implements one operator for every combination of owned and borrowed arrays and scalars.
macro_rules! binary_operator {
    ($Trait:ident, $method:ident, $try_method:ident, $op:tt) => {
        impl<T: Float> $Trait<&Array<T>> for &Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: &Array<T>) -> Array<T> {
                or_panic(self.$try_method(rhs))
            }
        }
        impl<T: Float> $Trait<Array<T>> for &Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: Array<T>) -> Array<T> {
                or_panic(self.$try_method(&rhs))
            }
        }
        impl<T: Float> $Trait<&Array<T>> for Array<T> {
            type Output = Array<T>;
            /// Writes the result over `self`'s buffer when nothing else shares it.
            #[track_caller]
            fn $method(self, rhs: &Array<T>) -> Array<T> {
                or_panic(zip_arrays_owned(stringify!($method), self, rhs, |a, b| a $op b))
            }
        }
        impl<T: Float> $Trait<Array<T>> for Array<T> {
            type Output = Array<T>;
            /// Writes the result over `self`'s buffer when nothing else shares it.
            #[track_caller]
            fn $method(self, rhs: Array<T>) -> Array<T> {
                or_panic(zip_arrays_owned(stringify!($method), self, &rhs, |a, b| a $op b))
            }
        }
        impl<T: Float> $Trait<T> for &Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: T) -> Array<T> {
                self.map_value(|a| a $op rhs)
            }
        }
        impl<T: Float> $Trait<T> for Array<T> {
            type Output = Array<T>;
            #[track_caller]
            fn $method(self, rhs: T) -> Array<T> {
                self.map_value(|a| a $op rhs)
            }
        }
        binary_operator!(@scalar_lhs $Trait, $method, $op, f32);
        binary_operator!(@scalar_lhs $Trait, $method, $op, f64);
    };
    (@scalar_lhs $Trait:ident, $method:ident, $op:tt, $float:ty) => {
        impl $Trait<&Array<$float>> for $float {
            type Output = Array<$float>;
            #[track_caller]
            fn $method(self, rhs: &Array<$float>) -> Array<$float> {
                rhs.map_value(|b| self $op b)
            }
        }
        impl $Trait<Array<$float>> for $float {
            type Output = Array<$float>;
            #[track_caller]
            fn $method(self, rhs: Array<$float>) -> Array<$float> {
                rhs.map_value(|b| self $op b)
            }
        }
    };
}

binary_operator!(Add, add, try_add, +);
binary_operator!(Sub, sub, try_sub, -);
binary_operator!(Mul, mul, try_mul, *);
binary_operator!(Div, div, try_div, /);

impl<T: Float> Neg for &Array<T> {
    type Output = Array<T>;
    fn neg(self) -> Array<T> {
        self.map_value(|v| -v)
    }
}

impl<T: Float> Neg for Array<T> {
    type Output = Array<T>;
    fn neg(self) -> Array<T> {
        self.map_value(|v| -v)
    }
}

// ---------------------------------------------------------------------------------------
// Rules. `A: Broadcast<B>` covers array-array, array-scalar, scalar-array and
// scalar-scalar; a tangent is broadcast to the result, a cotangent summed back.

/// JVP of `neg`: `-dx`.
///
/// ```
/// use awkdiff_core::{array, rules::neg_jvp};
/// let x = array![[1.0], []];
/// assert_eq!(neg_jvp(&x, &-&x, &array![[2.0], []]), array![[-2.0], []]);
/// ```
pub fn neg_jvp<V: Value>(x: &V, _y: &V, dx: &V) -> V {
    crate::value::expect_like(dx, x, "tangent of `neg`'s input");
    dx.map_value(|d| -d)
}

/// VJP of `neg`: `-ct`.
///
/// ```
/// use awkdiff_core::rules::neg_vjp;
/// assert_eq!(neg_vjp(&1.0, &-1.0, &2.0), -2.0);
/// ```
pub fn neg_vjp<V: Value>(_x: &V, y: &V, ct: &V) -> V {
    crate::value::expect_like(ct, y, "cotangent of `neg`'s output");
    ct.map_value(|c| -c)
}

/// JVP of `a + b` for `a`: `da`, broadcast to the result.
///
/// ```
/// use awkdiff_core::{array, Array, rules::add_jvp_lhs};
/// let (a, b) = (Array::from_vec(vec![1.0, 2.0]), array![[1.0, 1.0], [1.0]]);
/// let y = &a + &b;
/// assert_eq!(add_jvp_lhs(&a, &b, &y, &Array::from_vec(vec![5.0, 7.0])), array![[5.0, 5.0], [7.0]]);
/// ```
pub fn add_jvp_lhs<A: Broadcast<B>, B>(a: &A, _b: &B, y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `add`'s left operand");
    A::broadcast_lhs(y, da)
}

/// JVP of `a + b` for `b`: `db`, broadcast to the result.
///
/// ```
/// use awkdiff_core::{array, rules::add_jvp_rhs};
/// let a = array![[1.0, 2.0], []];
/// assert_eq!(add_jvp_rhs(&a, &1.0, &(&a + 1.0), &3.0), array![[3.0, 3.0], []]);
/// ```
pub fn add_jvp_rhs<A: Broadcast<B>, B>(_a: &A, _b: &B, y: &A::Output, db: &B) -> A::Output {
    A::broadcast_rhs(y, db)
}

/// VJP of `a + b` for `a`: `ct` summed back to `a`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules::add_vjp_lhs};
/// let b = array![[1.0, 2.0], []];
/// assert_eq!(add_vjp_lhs(&1.0, &b, &(1.0 + &b), &array![[3.0, 4.0], []]), 7.0);
/// ```
pub fn add_vjp_lhs<A: Broadcast<B>, B>(a: &A, _b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `add`'s output");
    A::unbroadcast_lhs(ct, a)
}

/// VJP of `a + b` for `b`: `ct` summed back to `b`'s structure.
///
/// ```
/// use awkdiff_core::{array, Array, rules::add_vjp_rhs};
/// let (a, b) = (array![[1.0, 1.0], [1.0]], Array::from_vec(vec![1.0, 2.0]));
/// let ct = array![[1.0, 2.0], [3.0]];
/// assert_eq!(add_vjp_rhs(&a, &b, &(&a + &b), &ct), Array::from_vec(vec![3.0, 3.0]));
/// ```
pub fn add_vjp_rhs<A: Broadcast<B>, B>(_a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `add`'s output");
    A::unbroadcast_rhs(ct, b)
}

/// JVP of `a - b` for `a`: `da`, broadcast to the result.
///
/// ```
/// use awkdiff_core::rules::sub_jvp_lhs;
/// assert_eq!(sub_jvp_lhs(&1.0, &2.0, &-1.0, &3.0), 3.0);
/// ```
pub fn sub_jvp_lhs<A: Broadcast<B>, B>(a: &A, _b: &B, y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `sub`'s left operand");
    A::broadcast_lhs(y, da)
}

/// JVP of `a - b` for `b`: `-db`, broadcast to the result.
///
/// ```
/// use awkdiff_core::rules::sub_jvp_rhs;
/// assert_eq!(sub_jvp_rhs(&1.0, &2.0, &-1.0, &3.0), -3.0);
/// ```
pub fn sub_jvp_rhs<A: Broadcast<B>, B>(_a: &A, _b: &B, y: &A::Output, db: &B) -> A::Output {
    A::zip_rhs(y, db, |_, d| -d)
}

/// VJP of `a - b` for `a`: `ct` summed back to `a`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules::sub_vjp_lhs};
/// let b = array![[1.0, 2.0], []];
/// assert_eq!(sub_vjp_lhs(&1.0, &b, &(1.0 - &b), &array![[3.0, 4.0], []]), 7.0);
/// ```
pub fn sub_vjp_lhs<A: Broadcast<B>, B>(a: &A, _b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `sub`'s output");
    A::unbroadcast_lhs(ct, a)
}

/// VJP of `a - b` for `b`: `-ct` summed back to `b`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules::sub_vjp_rhs};
/// let b = array![[1.0, 2.0], []];
/// assert_eq!(sub_vjp_rhs(&1.0, &b, &(1.0 - &b), &array![[3.0, 4.0], []]), array![[-3.0, -4.0], []]);
/// ```
pub fn sub_vjp_rhs<A: Broadcast<B>, B>(_a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `sub`'s output");
    A::unbroadcast_rhs(&ct.map_value(|c| -c), b)
}

/// JVP of `a * b` for `a`: `da * b`.
///
/// ```
/// use awkdiff_core::{array, rules::mul_jvp_lhs};
/// let a = array![[1.0, 2.0], []];
/// assert_eq!(mul_jvp_lhs(&a, &3.0, &(&a * 3.0), &array![[1.0, 1.0], []]), array![[3.0, 3.0], []]);
/// ```
pub fn mul_jvp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `mul`'s left operand");
    da.zip(b, "mul", |d, b| d * b)
}

/// JVP of `a * b` for `b`: `a * db`.
///
/// ```
/// use awkdiff_core::{array, rules::mul_jvp_rhs};
/// let a = array![[1.0, 2.0], []];
/// assert_eq!(mul_jvp_rhs(&a, &3.0, &(&a * 3.0), &1.0), array![[1.0, 2.0], []]);
/// ```
pub fn mul_jvp_rhs<A: Broadcast<B>, B>(a: &A, _b: &B, _y: &A::Output, db: &B) -> A::Output {
    a.zip(db, "mul", |a, d| a * d)
}

/// VJP of `a * b` for `a`: `unbroadcast(ct * b)`.
///
/// ```
/// use awkdiff_core::{array, rules::mul_vjp_lhs};
/// let b = array![[1.0, 2.0], []];
/// assert_eq!(mul_vjp_lhs(&3.0, &b, &(3.0 * &b), &array![[1.0, 1.0], []]), 3.0);
/// ```
pub fn mul_vjp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `mul`'s output");
    A::unbroadcast_lhs(&A::zip_rhs(ct, b, |c, b| c * b), a)
}

/// VJP of `a * b` for `b`: `unbroadcast(ct * a)`.
///
/// ```
/// use awkdiff_core::{array, rules::mul_vjp_rhs};
/// let b = array![[1.0, 2.0], []];
/// assert_eq!(mul_vjp_rhs(&3.0, &b, &(3.0 * &b), &array![[1.0, 1.0], []]), array![[3.0, 3.0], []]);
/// ```
pub fn mul_vjp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `mul`'s output");
    A::unbroadcast_rhs(&A::zip_lhs(ct, a, |c, a| c * a), b)
}

/// JVP of `a / b` for `a`: `da / b`.
///
/// ```
/// use awkdiff_core::rules::div_jvp_lhs;
/// assert_eq!(div_jvp_lhs(&1.0, &2.0, &0.5, &1.0), 0.5);
/// ```
pub fn div_jvp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, da: &A) -> A::Output {
    crate::value::expect_like(da, a, "tangent of `div`'s left operand");
    da.zip(b, "div", |d, b| d / b)
}

/// JVP of `a / b` for `b`: `-db a / b²` (JAX's form).
///
/// ```
/// use awkdiff_core::rules::div_jvp_rhs;
/// assert_eq!(div_jvp_rhs(&1.0, &2.0, &0.5, &1.0), -0.25);
/// ```
pub fn div_jvp_rhs<A: Broadcast<B>, B: Value>(a: &A, b: &B, _y: &A::Output, db: &B) -> A::Output {
    a.zip(&db.zip_value(b, |d, b| -d / (b * b)), "div", |a, q| a * q)
}

/// VJP of `a / b` for `a`: `unbroadcast(ct / b)`.
///
/// ```
/// use awkdiff_core::{array, rules::div_vjp_lhs};
/// let a = array![[1.0, 2.0], []];
/// assert_eq!(div_vjp_lhs(&a, &2.0, &(&a / 2.0), &array![[1.0, 1.0], []]), array![[0.5, 0.5], []]);
/// ```
pub fn div_vjp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> A {
    crate::value::expect_like(ct, y, "cotangent of `div`'s output");
    A::unbroadcast_lhs(&A::zip_rhs(ct, b, |c, b| c / b), a)
}

/// VJP of `a / b` for `b`: `-unbroadcast(ct * a) / b²` (`b` is constant over each sum).
///
/// ```
/// use awkdiff_core::{array, rules::div_vjp_rhs};
/// let a = array![[1.0, 2.0], []];
/// assert_eq!(div_vjp_rhs(&a, &2.0, &(&a / 2.0), &array![[1.0, 1.0], []]), -0.75);
/// ```
pub fn div_vjp_rhs<A: Broadcast<B>, B: Value>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
    crate::value::expect_like(ct, y, "cotangent of `div`'s output");
    A::unbroadcast_rhs(&A::zip_lhs(ct, a, |c, a| c * a), b).zip_value(b, |s, b| -s / (b * b))
}
