//! The binary elementwise ufuncs (`pow`, `maximum`, `minimum`, `atan2`, `hypot`), each defined
//! **once**, in the
//! table at the end of this file: its name, its value at one pair of elements, and its two
//! local derivatives (*slopes*) `(dy/da, dy/db)` in terms of `a`, `b` and the value `y`.
//!
//! From each entry [`binary_primitives!`] makes the array methods (`x.try_pow(&e)` and the
//! panicking `x.pow(&e)`, with Awkward's broadcasting; the other operand is an array or a
//! scalar, as in `x.maximum(0.0)`), the scalar forms
//! `rules::scalar::pow(a, b)` and `rules::scalar::pow_slopes(a, b, y)` that fused chains
//! call, and the four rules `pow_jvp_lhs/rhs`, `pow_vjp_lhs/rhs`, generic over
//! [`Broadcast`] (either operand an array or a scalar): a tangent is the slope times the
//! operand's tangent broadcast to the result, a cotangent the output's cotangent times the
//! slope, summed back to the operand's structure.
//!
//! The operators `+ - * /` are not in this table: their rules need no array of slopes (`+`
//! broadcasts the tangent, `*` multiplies by the other operand), so `operators.rs` writes
//! them out to save a pass over memory.
//!
//! ```
//! use awkdiff_core::{array, Array, rules};
//! let (a, b) = (array![[2.0, 3.0], []], Array::from_vec(vec![2.0, 1.0]));
//! let y = a.pow(&b);
//! assert_eq!(y, array![[4.0, 9.0], []]);
//! assert_eq!(rules::pow_jvp_lhs(&a, &b, &y, &array![[1.0, 1.0], []]), array![[4.0, 6.0], []]);
//! assert_eq!(rules::scalar::pow_slopes(2.0, 2.0, 4.0).0, 4.0);
//! ```

use super::elementwise::{ln_or_zero, max_nan, min_nan, or_panic, share};
use crate::broadcast::{Broadcast, Operand};
use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;
use crate::value::Value;

/// The slopes of `y = hypot(a, b)`: `(a / y, b / y)`, exact where JAX's formula over- or
/// underflows (`a = b = 1e200` or `1e-200`); `(0.5, 0.5)` at the origin, where `hypot` has a
/// kink, as JAX gives (its `maximum`/`minimum` tie rule).
fn hypot_slopes_at<T: Float>(a: T, b: T, y: T) -> (T, T) {
    if y == T::zero() {
        let half = T::from_f64(0.5);
        (half, half)
    } else {
        (a / y, b / y)
    }
}

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

/// Defines binary ufuncs from one entry each:
///
/// ```text
/// /// Doc of the array method.
/// name(try_name, name_jvp_lhs, name_jvp_rhs, name_vjp_lhs, name_vjp_rhs, name_slopes):
///     |a, b| value, slopes |a, b, y| (dy/da, dy/db),
///     example [a] [b] => [y];
/// ```
macro_rules! binary_primitives {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident($try_name:ident, $jvp_lhs:ident, $jvp_rhs:ident, $vjp_lhs:ident, $vjp_rhs:ident, $slopes:ident):
            |$a:ident, $b:ident| $value:expr, slopes |$sa:ident, $sb:ident, $sy:ident| $derivatives:expr,
            example $lhs:tt $rhs:tt => $output:tt;
    )*) => {
        impl<T: Float> Array<T> {$(
            $(#[doc = $doc])*
            /// `other` is an array (`&Array<T>`), broadcast by Awkward's rules, or a scalar `T`;
            /// `Error::Broadcast` if the structures are incompatible.
            ///
            /// ```
            /// use awkdiff_core::array;
            #[doc = concat!(
                "assert_eq!(array!", stringify!($lhs), ".", stringify!($try_name), "(&array!",
                stringify!($rhs), ").unwrap(), array!", stringify!($output), ");"
            )]
            #[doc = concat!(
                "assert!(array![[1.0], [2.0]].", stringify!($try_name),
                "(&array![[1.0, 2.0], []]).is_err());"
            )]
            /// ```
            pub fn $try_name(&self, other: impl Operand<T>) -> Result<Array<T>> {
                other.zip_with(self, stringify!($name), forms::$name)
            }

            #[doc = concat!("[`Array::", stringify!($try_name), "`] that panics with the broadcasting error.")]
            ///
            /// ```
            /// use awkdiff_core::array;
            #[doc = concat!(
                "assert_eq!(array!", stringify!($lhs), ".", stringify!($name), "(&array!",
                stringify!($rhs), "), array!", stringify!($output), ");"
            )]
            /// // A scalar goes everywhere.
            #[doc = concat!("let x = array!", stringify!($lhs), ";")]
            #[doc = concat!("assert_eq!(x.", stringify!($name), "(2.0), x.", stringify!($name), "(&x.full_like(2.0)));")]
            /// ```
            #[track_caller]
            pub fn $name(&self, other: impl Operand<T>) -> Array<T> {
                or_panic(self.$try_name(other))
            }
        )*}

        /// The scalar forms, re-exported as `rules::scalar`: each ufunc's value at one pair of
        /// elements and its pair of slopes there.
        pub(crate) mod forms {
            use super::*;
            $(
                #[doc = concat!("`", stringify!($name), "` of one pair of elements: `", stringify!($value), "`.")]
                ///
                /// ```
                /// use awkdiff_core::{array, rules::scalar};
                #[doc = concat!(
                    "assert_eq!(scalar::", stringify!($name), "(2.0f64, 3.0), array![2.0].",
                    stringify!($name), "(&array![3.0]).content()[0]);"
                )]
                /// ```
                #[inline(always)]
                pub fn $name<T: Float>($a: T, $b: T) -> T {
                    $value
                }

                #[doc = concat!(
                    "The local derivatives `(dy/da, dy/db)` of [`", stringify!($name),
                    "`] at `(a, b)`, where it gives `y`: `", stringify!($derivatives), "`."
                )]
                ///
                /// ```
                /// use awkdiff_core::rules::scalar;
                #[doc = concat!(
                    "let (da, db) = scalar::", stringify!($slopes), "(2.0f64, 3.0, scalar::",
                    stringify!($name), "(2.0, 3.0));"
                )]
                /// assert!(da.is_finite() && db.is_finite());
                /// ```
                #[inline(always)]
                #[allow(unused_variables)]
                pub fn $slopes<T: Float>($sa: T, $sb: T, $sy: T) -> (T, T) {
                    $derivatives
                }
            )*
        }

        $(
            #[doc = concat!(
                "JVP of `", stringify!($name), "` for the left operand: `da * dy/da` (see [`scalar::",
                stringify!($slopes), "`](crate::ops::scalar::", stringify!($slopes), ")), broadcast to the result."
            )]
            ///
            /// ```
            /// use awkdiff_core::{array, rules};
            /// let (a, b) = (array![[2.0, 3.0], []], array![[1.5, 2.0], []]);
            #[doc = concat!("let y = a.", stringify!($name), "(&b);")]
            #[doc = concat!("let dy = rules::", stringify!($jvp_lhs), "(&a, &b, &y, &array![[1.0, 1.0], []]);")]
            #[doc = concat!("assert_eq!(dy.content()[1], rules::scalar::", stringify!($slopes), "(3.0, 2.0, y.content()[1]).0);")]
            /// ```
            #[track_caller]
            pub fn $jvp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, da: &A) -> A::Output {
                crate::value::expect_like(da, a, concat!("tangent of `", stringify!($name), "`'s left operand"));
                let jac = a.zip(b, stringify!($name), |a, b| forms::$slopes(a, b, forms::$name(a, b)).0);
                tangent_lhs::<A, B>(&jac, da)
            }

            #[doc = concat!(
                "JVP of `", stringify!($name), "` for the right operand: `db * dy/db`, broadcast to the result."
            )]
            ///
            /// ```
            /// use awkdiff_core::{array, rules};
            /// let (a, b) = (array![[2.0, 3.0], []], array![[1.5, 2.0], []]);
            #[doc = concat!("let y = a.", stringify!($name), "(&b);")]
            #[doc = concat!("let dy = rules::", stringify!($jvp_rhs), "(&a, &b, &y, &array![[1.0, 1.0], []]);")]
            #[doc = concat!("assert_eq!(dy.content()[1], rules::scalar::", stringify!($slopes), "(3.0, 2.0, y.content()[1]).1);")]
            /// ```
            #[track_caller]
            pub fn $jvp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, _y: &A::Output, db: &B) -> A::Output {
                let jac = a.zip(b, stringify!($name), |a, b| forms::$slopes(a, b, forms::$name(a, b)).1);
                tangent_rhs::<A, B>(&jac, db)
            }

            #[doc = concat!(
                "VJP of `", stringify!($name), "` for the left operand: `ct * dy/da`, summed back to `a`'s structure."
            )]
            ///
            /// ```
            /// use awkdiff_core::{array, rules};
            /// let (a, b) = (array![[2.0, 3.0], []], 2.0);
            #[doc = concat!("let y = a.", stringify!($name), "(&array![[2.0, 2.0], []]);")]
            #[doc = concat!("let ct = rules::", stringify!($vjp_lhs), "(&a, &b, &y, &array![[1.0, 1.0], []]);")]
            #[doc = concat!("assert_eq!(ct.content()[1], rules::scalar::", stringify!($slopes), "(3.0, 2.0, y.content()[1]).0);")]
            /// ```
            #[track_caller]
            pub fn $vjp_lhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> A {
                crate::value::expect_like(ct, y, concat!("cotangent of `", stringify!($name), "`'s output"));
                let jac = a.zip(b, stringify!($name), |a, b| forms::$slopes(a, b, forms::$name(a, b)).0);
                cotangent_lhs::<A, B>(&jac, ct, a)
            }

            #[doc = concat!(
                "VJP of `", stringify!($name), "` for the right operand: `ct * dy/db`, summed back to `b`'s structure."
            )]
            ///
            /// ```
            /// use awkdiff_core::{array, rules};
            /// let a = array![[2.0, 3.0], []];
            #[doc = concat!("let y = a.", stringify!($name), "(&array![[2.0, 2.0], []]);")]
            #[doc = concat!("let ct = rules::", stringify!($vjp_rhs), "(&a, &2.0, &y, &array![[1.0, 1.0], []]);")]
            #[doc = concat!(
                "let want = rules::scalar::", stringify!($slopes), "(2.0, 2.0, y.content()[0]).1 + rules::scalar::",
                stringify!($slopes), "(3.0, 2.0, y.content()[1]).1;"
            )]
            /// assert_eq!(ct, want);
            /// ```
            #[track_caller]
            pub fn $vjp_rhs<A: Broadcast<B>, B>(a: &A, b: &B, y: &A::Output, ct: &A::Output) -> B {
                crate::value::expect_like(ct, y, concat!("cotangent of `", stringify!($name), "`'s output"));
                let jac = a.zip(b, stringify!($name), |a, b| forms::$slopes(a, b, forms::$name(a, b)).1);
                cotangent_rhs::<A, B>(&jac, ct, b)
            }
        )*
    };
}

binary_primitives! {
    /// `self[i] ^ exponent[i]`; its slopes are JAX's `b a^(b-1)` (NaN at `a = b = 0`) and
    /// `y ln a`, 0 where `a = 0`.
    pow(try_pow, pow_jvp_lhs, pow_jvp_rhs, pow_vjp_lhs, pow_vjp_rhs, pow_slopes):
        |a, b| a.powf(b), slopes |a, b, y| (b * a.powf(b - T::one()), y * ln_or_zero(a)),
        example [[2.0], []] [[3.0], []] => [[8.0], []];
    /// Elementwise maximum; NaN propagates (NumPy's `maximum`); a tie shares the derivative
    /// equally (JAX).
    maximum(try_maximum, maximum_jvp_lhs, maximum_jvp_rhs, maximum_vjp_lhs, maximum_vjp_rhs, maximum_slopes):
        |a, b| max_nan(a, b), slopes |a, b, y| (share(a, b, y), share(b, a, y)),
        example [[1.0, 5.0], []] [[2.0, 3.0], []] => [[2.0, 5.0], []];
    /// Elementwise minimum; NaN propagates (NumPy's `minimum`); a tie shares the derivative
    /// equally (JAX).
    minimum(try_minimum, minimum_jvp_lhs, minimum_jvp_rhs, minimum_vjp_lhs, minimum_vjp_rhs, minimum_slopes):
        |a, b| min_nan(a, b), slopes |a, b, y| (share(a, b, y), share(b, a, y)),
        example [[1.0, 5.0], []] [[2.0, 3.0], []] => [[1.0, 3.0], []];
    /// The angle of the point `(other, self)` in `[-π, π]` (NumPy's `arctan2(self, other)`,
    /// Rust's `self.atan2(other)`); its slopes are JAX's `b / (a² + b²)` and
    /// `-a / (a² + b²)`, NaN at the origin.
    atan2(try_atan2, atan2_jvp_lhs, atan2_jvp_rhs, atan2_vjp_lhs, atan2_vjp_rhs, atan2_slopes):
        |a, b| a.atan2(b), slopes |a, b, y| { let r = a * a + b * b; (b / r, -a / r) },
        example [[0.0, 0.0], []] [[1.0, 2.0], []] => [[0.0, 0.0], []];
    /// `sqrt(self² + other²)` without overflow (NumPy's `hypot`); its slopes are `a / y` and
    /// `b / y`, and `(0.5, 0.5)` at the origin as JAX gives them there.
    hypot(try_hypot, hypot_jvp_lhs, hypot_jvp_rhs, hypot_vjp_lhs, hypot_vjp_rhs, hypot_slopes):
        |a, b| a.hypot(b), slopes |a, b, y| hypot_slopes_at(a, b, y),
        example [[3.0, 0.0], []] [[4.0, -2.0], []] => [[5.0, 2.0], []];
}
