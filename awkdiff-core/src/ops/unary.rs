//! The unary elementwise primitives ("ufuncs" of one argument), each defined **once**, in the
//! table at the end of this file: its name, its value at one element, and its local
//! derivative (its *slope*) written in terms of either the input `x` or the output `y`.
//!
//! From each entry [`unary_primitives!`] makes everything awkdiff needs of it, so that no
//! piece can be forgotten or disagree with another:
//! - the array method (`x.exp()`), documented with an example;
//! - the scalar forms `rules::scalar::exp(x)` and `rules::scalar::exp_slope(x, y)` that
//!   fused chains call;
//! - the rules `exp_jvp(x, y, dx) = dx * slope` and `exp_vjp(x, y, ct) = ct * slope`, generic
//!   over [`Value`] (arrays and scalars), reading only the one of `x`, `y` the slope needs.
//!
//! Adding a unary ufunc is one entry here plus one line in the macro crate's table of
//! primitives (`awkdiff-macros/src/primitives.rs`). Conventions at singular points are JAX's:
//! `abs'(0) = 1`, `sqrt'(0) = inf`.
//!
//! ```
//! use awkdiff_core::{array, rules};
//! let x = array![[0.0, 1.0], []];
//! let y = x.sin();
//! let dy = rules::sin_jvp(&x, &y, &array![[2.0, 1.0], []]);
//! assert_eq!(dy, array![[2.0, 1f64.cos()], []]);
//! assert_eq!(rules::scalar::sin_slope(1.0, 1f64.sin()), 1f64.cos());
//! ```

use crate::element::Float;
use crate::layout::Array;
use crate::value::Value;

/// The sign JAX gives `abs`'s derivative: `+1` for `x >= 0` (so 1 at 0), `-1` below.
pub(crate) fn abs_sign<T: Float>(x: T) -> T {
    if x >= T::zero() {
        T::one()
    } else {
        -T::one()
    }
}

/// A unary rule on `f64` arrays: `(x, y, dx or ct) -> dy or ct_x`.
type ArrayRule = fn(&Array<f64>, &Array<f64>, &Array<f64>) -> Array<f64>;

/// A unary ufunc's `f64` forms, as [`UNARY_TABLE`] lists them for tests.
#[doc(hidden)]
pub struct UnaryRow {
    /// The method's name.
    pub name: &'static str,
    /// The value at one element.
    pub value: fn(f64) -> f64,
    /// The slope at `x`, where the value is `y`.
    pub slope: fn(f64, f64) -> f64,
    /// The array method.
    pub method: fn(&Array<f64>) -> Array<f64>,
    /// The JVP rule on arrays.
    pub jvp: ArrayRule,
    /// The VJP rule on arrays.
    pub vjp: ArrayRule,
    /// The JVP rule on scalars.
    pub jvp_scalar: fn(&f64, &f64, &f64) -> f64,
    /// The VJP rule on scalars.
    pub vjp_scalar: fn(&f64, &f64, &f64) -> f64,
    /// The interval tests draw inputs from (inside the domain, away from singular points).
    pub domain: (f64, f64),
}

/// Defines unary primitives from one entry each:
///
/// ```text
/// /// Doc of the array method.
/// name(name_jvp, name_vjp, name_slope): |x| value, slope |x or y| slope,
///     example [input] => [output], tested on lo..hi;
/// ```
///
/// The slope's argument is named `x` when it is written in terms of the input and `y` when
/// in terms of the output; the rules then read only that array.
macro_rules! unary_primitives {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident($jvp:ident, $vjp:ident, $slope:ident):
            |$x:ident| $value:expr, slope |$v:ident| $derivative:expr,
            example $input:tt => $output:tt, tested on $lo:literal..$hi:literal;
    )*) => {
        /// One row per unary ufunc of the table, for the tests that check every entry (a new
        /// entry is tested without a new test): its name, its `f64` forms, and the interval
        /// its tests draw inputs from.
        #[doc(hidden)]
        pub const UNARY_TABLE: &[UnaryRow] = &[$(
            UnaryRow {
                name: stringify!($name),
                value: forms::$name::<f64>,
                slope: forms::$slope::<f64>,
                method: |x| x.$name(),
                jvp: $jvp::<Array<f64>>,
                vjp: $vjp::<Array<f64>>,
                jvp_scalar: $jvp::<f64>,
                vjp_scalar: $vjp::<f64>,
                domain: ($lo, $hi),
            },
        )*];

        impl<T: Float> Array<T> {$(
            $(#[doc = $doc])*
            ///
            /// ```
            /// use awkdiff_core::array;
            #[doc = concat!(
                "assert_eq!(array!", stringify!($input), ".", stringify!($name),
                "(), array!", stringify!($output), ");"
            )]
            /// ```
            pub fn $name(&self) -> Array<T> {
                self.map_value(forms::$name)
            }
        )*}

        /// The scalar forms, re-exported as `rules::scalar`: each primitive's value at one
        /// element and its slope there.
        pub(crate) mod forms {
            use crate::element::Float;
            $(
                #[doc = concat!("`", stringify!($name), "` of one element: `", stringify!($value), "`.")]
                ///
                /// ```
                /// use awkdiff_core::{array, rules::scalar};
                #[doc = concat!(
                    "assert_eq!(scalar::", stringify!($name), "(0.5f64), array![0.5].",
                    stringify!($name), "().content()[0]);"
                )]
                /// ```
                #[inline(always)]
                pub fn $name<T: Float>($x: T) -> T {
                    $value
                }

                #[doc = concat!(
                    "The local derivative of [`", stringify!($name), "`] at `x`, where it gives `y`: `",
                    stringify!($derivative), "`."
                )]
                ///
                /// ```
                /// use awkdiff_core::rules::scalar;
                #[doc = concat!("let y = scalar::", stringify!($name), "(0.5f64);")]
                #[doc = concat!("assert!(scalar::", stringify!($slope), "(0.5, y).is_finite());")]
                /// ```
                #[inline(always)]
                pub fn $slope<T: Float>(x: T, y: T) -> T {
                    super::slopes::$name(if stringify!($v) == "x" { x } else { y })
                }
            )*
        }

        /// Each primitive's slope as a function of the one value it reads (`x` or `y`).
        mod slopes {
            #[allow(unused_imports)]
            use super::abs_sign;
            use crate::element::Float;
            $(
                #[inline(always)]
                pub(super) fn $name<T: Float>($v: T) -> T {
                    $derivative
                }
            )*
        }

        $(
            #[doc = concat!(
                "JVP of `", stringify!($name), "`: `dx * ", stringify!($derivative),
                "` (the slope [`scalar::", stringify!($slope), "`](crate::ops::scalar::",
                stringify!($slope), ") at each element)."
            )]
            ///
            /// ```
            /// use awkdiff_core::rules;
            #[doc = concat!("let (x, dx) = (0.5f64, 2.0);")]
            #[doc = concat!("let y = rules::scalar::", stringify!($name), "(x);")]
            #[doc = concat!(
                "assert_eq!(rules::", stringify!($jvp), "(&x, &y, &dx), dx * rules::scalar::",
                stringify!($slope), "(x, y));"
            )]
            /// ```
            #[track_caller]
            pub fn $jvp<V: Value>(x: &V, y: &V, dx: &V) -> V {
                crate::value::expect_like(dx, x, concat!("tangent of `", stringify!($name), "`'s input"));
                let read = if stringify!($v) == "x" { x } else { y };
                dx.zip_value(read, |d, v| d * slopes::$name(v))
            }

            #[doc = concat!(
                "VJP of `", stringify!($name), "`: `ct * ", stringify!($derivative),
                "` (the slope [`scalar::", stringify!($slope), "`](crate::ops::scalar::",
                stringify!($slope), ") at each element)."
            )]
            ///
            /// ```
            /// use awkdiff_core::rules;
            #[doc = concat!("let (x, ct) = (0.5f64, 3.0);")]
            #[doc = concat!("let y = rules::scalar::", stringify!($name), "(x);")]
            #[doc = concat!(
                "assert_eq!(rules::", stringify!($vjp), "(&x, &y, &ct), ct * rules::scalar::",
                stringify!($slope), "(x, y));"
            )]
            /// ```
            #[track_caller]
            pub fn $vjp<V: Value>(x: &V, y: &V, ct: &V) -> V {
                crate::value::expect_like(ct, y, concat!("cotangent of `", stringify!($name), "`'s output"));
                let read = if stringify!($v) == "x" { x } else { y };
                ct.zip_value(read, |c, v| c * slopes::$name(v))
            }
        )*
    };
}

unary_primitives! {
    /// `e^x` of every element.
    exp(exp_jvp, exp_vjp, exp_slope): |x| x.exp(), slope |y| y,
        example [[0.0], []] => [[1.0], []], tested on -2.0..2.0;
    /// Natural logarithm of every element (NaN below 0, `-inf` at 0, as NumPy).
    ln(ln_jvp, ln_vjp, ln_slope): |x| x.ln(), slope |x| x.recip(),
        example [[1.0], []] => [[0.0], []], tested on 0.5..3.0;
    /// Base-10 logarithm of every element.
    log10(log10_jvp, log10_vjp, log10_slope): |x| x.log10(), slope |x| (x * T::LN_10()).recip(),
        example [[100.0], []] => [[2.0], []], tested on 0.5..3.0;
    /// Sine of every element (radians).
    sin(sin_jvp, sin_vjp, sin_slope): |x| x.sin(), slope |x| x.cos(),
        example [[0.0], []] => [[0.0], []], tested on -3.0..3.0;
    /// Cosine of every element (radians).
    cos(cos_jvp, cos_vjp, cos_slope): |x| x.cos(), slope |x| -x.sin(),
        example [[0.0], []] => [[1.0], []], tested on -3.0..3.0;
    /// Tangent of every element (radians); its slope is JAX's `1 + y²`.
    tan(tan_jvp, tan_vjp, tan_slope): |x| x.tan(), slope |y| T::one() + y * y,
        example [[0.0], []] => [[0.0], []], tested on -1.2..1.2;
    /// Hyperbolic tangent of every element.
    tanh(tanh_jvp, tanh_vjp, tanh_slope): |x| x.tanh(), slope |y| T::one() - y * y,
        example [[0.0], []] => [[0.0], []], tested on -2.0..2.0;
    /// Square root of every element (NaN below 0); its slope `0.5 / y` is infinite at 0,
    /// as in JAX.
    sqrt(sqrt_jvp, sqrt_vjp, sqrt_slope): |x| x.sqrt(), slope |y| T::from_f64(0.5) / y,
        example [[4.0, 9.0], []] => [[2.0, 3.0], []], tested on 0.5..3.0;
    /// Absolute value of every element; its slope is the sign, 1 at 0 (JAX's convention).
    abs(abs_jvp, abs_vjp, abs_slope): |x| x.abs(), slope |x| abs_sign(x),
        example [[-1.5, 2.0], []] => [[1.5, 2.0], []], tested on -2.0..2.0;
    /// `1 / x` of every element; its slope is `-y²`.
    recip(recip_jvp, recip_vjp, recip_slope): |x| x.recip(), slope |y| -(y * y),
        example [[2.0, -4.0], []] => [[0.5, -0.25], []], tested on 0.5..3.0;
}
