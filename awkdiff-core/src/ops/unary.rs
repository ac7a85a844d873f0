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
//! primitives (`awkdiff-macros/src/primitives.rs`). Values are NumPy's (`round` takes a half
//! to the even integer, `signum` is 0 at 0); conventions at singular points are JAX's
//! (checked with JAX 0.10.2): `abs'(0) = 1`, `sqrt'(0) = cbrt'(0) = inf`, `acosh'(1) = inf`,
//! `atanh'(±1) = asin'(±1) = inf`, `acos'(±1) = -inf`, and `floor ceil round trunc signum`
//! have derivative 0 everywhere. `sin cos tanh` (with the slopes of `sin` and `cos`), and
//! `exp` (with `sigmoid` and `softplus`) in AVX2 builds, are [`math`](crate::math)'s
//! polynomials on `f64`, within 1-3 ulp of libm and faster (see its table); the cargo
//! feature `vector-math` (on by default) chooses them, and without it they are libm's.
//!
//! ```
//! use awkdiff_core::{array, rules};
//! let x = array![[0.0, 1.0], []];
//! let y = x.sin();
//! let dy = rules::sin_jvp(&x, &y, &array![[2.0, 1.0], []]);
//! assert_eq!(dy, array![[2.0, rules::scalar::cos(1.0)], []]);
//! assert_eq!(rules::scalar::sin_slope(1.0, rules::scalar::sin(1.0)), rules::scalar::cos(1.0));
//! ```

use crate::element::Float;
use crate::layout::Array;
use crate::math::ufunc as math;
use crate::value::Value;

/// The sign JAX gives `abs`'s derivative: `+1` for `x >= 0` (so 1 at 0), `-1` below.
pub(crate) fn abs_sign<T: Float>(x: T) -> T {
    if x >= T::zero() {
        T::one()
    } else {
        -T::one()
    }
}

/// NumPy's `sign`: `1` above 0, `-1` below, `0` at `0.0` and `-0.0`, NaN at NaN (Rust's
/// `signum` gives `1` at `0.0`).
pub(crate) fn numpy_sign<T: Float>(x: T) -> T {
    if x > T::zero() {
        T::one()
    } else if x < T::zero() {
        -T::one()
    } else if x == T::zero() {
        T::zero()
    } else {
        x
    }
}

/// NumPy's `round`/`rint`: the nearest integer, a half to the even one (`0.5 -> 0`,
/// `1.5 -> 2`, `2.5 -> 2`, `-0.5 -> -0.0`); Rust's `round` takes halves away from zero.
pub(crate) fn round_half_even<T: Float>(x: T) -> T {
    let half = T::from_f64(0.5);
    let nearest = x.round();
    if (nearest - x).abs() == half {
        (x * half).round() * T::from_f64(2.0)
    } else {
        nearest
    }
}

/// `jax.nn.sigmoid`, `1 / (1 + e^-x)`, evaluated as `e^x / (1 + e^x)` below 0 so that no
/// exponential overflows (0 at `-inf`, 1 at `+inf`).
pub(crate) fn logistic<T: Float>(x: T) -> T {
    if x >= T::zero() {
        (T::one() + math::exp(-x)).recip()
    } else {
        let e = math::exp(x);
        e / (T::one() + e)
    }
}

/// `jax.nn.softplus`, `ln(1 + e^x)`, as `max(x, 0) + ln_1p(e^-|x|)` (JAX's
/// `logaddexp(x, 0)`): no overflow for large `x`, exactly `x` above about 37.
pub(crate) fn log1p_exp<T: Float>(x: T) -> T {
    if x.is_nan() {
        return x;
    }
    x.max(T::zero()) + math::exp(-x.abs()).ln_1p()
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
                match T::slice_ufunc(stringify!($name)) {
                    Some(kernel) => self.with_content(crate::lazy_map::map_slices(self, kernel)),
                    None => self.map_value(forms::$name),
                }
            }
        )*}

        impl<T: Float> crate::Masked<T> {$(
            #[doc = concat!(
                "[`Array::", stringify!($name), "`] of the present entries; a missing entry stays missing."
            )]
            ///
            /// ```
            /// use awkdiff_core::{array, Masked};
            #[doc = concat!("let x = array!", stringify!($input), ";")]
            /// let masked = x.mask(&x.full_like(true));
            #[doc = concat!(
                "assert_eq!(masked.", stringify!($name), "().fill_none(0.0), x.", stringify!($name), "());"
            )]
            /// ```
            pub fn $name(&self) -> crate::Masked<T> {
                crate::Masked::with_validity(self.values().$name(), self)
            }
        )*}

        /// The scalar forms, re-exported as `rules::scalar`: each primitive's value at one
        /// element and its slope there.
        pub(crate) mod forms {
            #[allow(unused_imports)]
            use super::{log1p_exp, logistic, math, numpy_sign, round_half_even};
            use crate::element::Float;
            $(
                #[doc = concat!("`", stringify!($name), "` of one element: `", stringify!($value), "`.")]
                ///
                /// ```
                /// use awkdiff_core::{array, rules::scalar};
                #[doc = concat!(
                    "assert_eq!(scalar::", stringify!($name), "(", stringify!($hi), "f64), array![",
                    stringify!($hi), "].", stringify!($name), "().content()[0]);"
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
                #[doc = concat!("let y = scalar::", stringify!($name), "(", stringify!($hi), "f64);")]
                #[doc = concat!("assert!(scalar::", stringify!($slope), "(", stringify!($hi), ", y).is_finite());")]
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
            use super::{abs_sign, logistic, math};
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
            #[doc = concat!("let (x, dx) = (", stringify!($hi), "f64, 2.0);")]
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
            #[doc = concat!("let (x, ct) = (", stringify!($hi), "f64, 3.0);")]
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
    exp(exp_jvp, exp_vjp, exp_slope): |x| math::exp(x), slope |y| y,
        example [[0.0], []] => [[1.0], []], tested on -2.0..2.0;
    /// Natural logarithm of every element (NaN below 0, `-inf` at 0, as NumPy).
    ln(ln_jvp, ln_vjp, ln_slope): |x| math::ln(x), slope |x| x.recip(),
        example [[1.0], []] => [[0.0], []], tested on 0.5..3.0;
    /// Base-10 logarithm of every element.
    log10(log10_jvp, log10_vjp, log10_slope): |x| x.log10(), slope |x| (x * T::LN_10()).recip(),
        example [[100.0], []] => [[2.0], []], tested on 0.5..3.0;
    /// Sine of every element (radians).
    sin(sin_jvp, sin_vjp, sin_slope): |x| math::sin(x), slope |x| math::cos(x),
        example [[0.0], []] => [[0.0], []], tested on -3.0..3.0;
    /// Cosine of every element (radians).
    cos(cos_jvp, cos_vjp, cos_slope): |x| math::cos(x), slope |x| -math::sin(x),
        example [[0.0], []] => [[1.0], []], tested on -3.0..3.0;
    /// Tangent of every element (radians); its slope is JAX's `1 + y²`.
    tan(tan_jvp, tan_vjp, tan_slope): |x| x.tan(), slope |y| T::one() + y * y,
        example [[0.0], []] => [[0.0], []], tested on -1.2..1.2;
    /// Hyperbolic tangent of every element.
    tanh(tanh_jvp, tanh_vjp, tanh_slope): |x| math::tanh(x), slope |y| T::one() - y * y,
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
    /// Hyperbolic sine of every element.
    sinh(sinh_jvp, sinh_vjp, sinh_slope): |x| math::sinh(x), slope |x| math::cosh(x),
        example [[0.0], []] => [[0.0], []], tested on -2.0..2.0;
    /// Hyperbolic cosine of every element.
    cosh(cosh_jvp, cosh_vjp, cosh_slope): |x| math::cosh(x), slope |x| math::sinh(x),
        example [[0.0], []] => [[1.0], []], tested on -2.0..2.0;
    /// Inverse hyperbolic sine of every element; its slope is `1 / sqrt(x² + 1)`.
    asinh(asinh_jvp, asinh_vjp, asinh_slope): |x| x.asinh(), slope |x| (x * x + T::one()).sqrt().recip(),
        example [[0.0], []] => [[0.0], []], tested on -3.0..3.0;
    /// Inverse hyperbolic cosine of every element (NaN below 1); its slope
    /// `1 / sqrt((x - 1)(x + 1))` is infinite at 1, as in JAX.
    acosh(acosh_jvp, acosh_vjp, acosh_slope): |x| x.acosh(),
        slope |x| ((x - T::one()) * (x + T::one())).sqrt().recip(),
        example [[1.0], []] => [[0.0], []], tested on 1.2..3.0;
    /// Inverse hyperbolic tangent of every element (`±inf` at `±1`, NaN beyond); its slope
    /// `1 / ((1 - x)(1 + x))` is `+inf` at `±1`, as in JAX.
    atanh(atanh_jvp, atanh_vjp, atanh_slope): |x| x.atanh(),
        slope |x| ((T::one() - x) * (T::one() + x)).recip(),
        example [[0.0], []] => [[0.0], []], tested on -0.8..0.8;
    /// Arcsine of every element (NaN outside `[-1, 1]`); its slope
    /// `1 / sqrt((1 - x)(1 + x))` is `+inf` at `±1`, as in JAX.
    asin(asin_jvp, asin_vjp, asin_slope): |x| x.asin(),
        slope |x| ((T::one() - x) * (T::one() + x)).sqrt().recip(),
        example [[0.0], []] => [[0.0], []], tested on -0.8..0.8;
    /// Arccosine of every element (NaN outside `[-1, 1]`); its slope
    /// `-1 / sqrt((1 - x)(1 + x))` is `-inf` at `±1`, as in JAX.
    acos(acos_jvp, acos_vjp, acos_slope): |x| x.acos(),
        slope |x| -((T::one() - x) * (T::one() + x)).sqrt().recip(),
        example [[1.0], []] => [[0.0], []], tested on -0.8..0.8;
    /// Arctangent of every element; its slope is `1 / (1 + x²)`.
    atan(atan_jvp, atan_vjp, atan_slope): |x| x.atan(), slope |x| (T::one() + x * x).recip(),
        example [[0.0], []] => [[0.0], []], tested on -3.0..3.0;
    /// `ln(1 + x)` of every element, accurate near 0 (NumPy's `log1p`).
    ln_1p(ln_1p_jvp, ln_1p_vjp, ln_1p_slope): |x| x.ln_1p(), slope |x| (T::one() + x).recip(),
        example [[0.0], []] => [[0.0], []], tested on -0.5..2.0;
    /// `e^x - 1` of every element, accurate near 0 (NumPy's `expm1`).
    exp_m1(exp_m1_jvp, exp_m1_vjp, exp_m1_slope): |x| x.exp_m1(), slope |y| y + T::one(),
        example [[0.0], []] => [[0.0], []], tested on -2.0..2.0;
    /// Base-2 logarithm of every element.
    log2(log2_jvp, log2_vjp, log2_slope): |x| x.log2(), slope |x| (x * T::LN_2()).recip(),
        example [[8.0], []] => [[3.0], []], tested on 0.5..3.0;
    /// `2^x` of every element.
    exp2(exp2_jvp, exp2_vjp, exp2_slope): |x| x.exp2(), slope |y| y * T::LN_2(),
        example [[3.0], []] => [[8.0], []], tested on -2.0..2.0;
    /// `x²` of every element (NumPy's `square`).
    square(square_jvp, square_vjp, square_slope): |x| x * x, slope |x| x + x,
        example [[3.0, -0.5], []] => [[9.0, 0.25], []], tested on -2.0..2.0;
    /// Cube root of every element, negative for negative elements; its slope `1 / (3 y²)`
    /// is infinite at 0, as in JAX.
    cbrt(cbrt_jvp, cbrt_vjp, cbrt_slope): |x| x.cbrt(), slope |y| (T::from_f64(3.0) * y * y).recip(),
        example [[27.0, -8.0], []] => [[3.0, -2.0], []], tested on 0.3..3.0;
    /// The logistic function `1 / (1 + e^-x)` of every element (`jax.nn.sigmoid`), without
    /// overflow for large `|x|`; its slope is `y (1 - y)`.
    sigmoid(sigmoid_jvp, sigmoid_vjp, sigmoid_slope): |x| logistic(x), slope |y| y * (T::one() - y),
        example [[0.0, -1000.0], []] => [[0.5, 0.0], []], tested on -4.0..4.0;
    /// `ln(1 + e^x)` of every element (`jax.nn.softplus`), without overflow for large `|x|`;
    /// its slope is the sigmoid of `x`.
    softplus(softplus_jvp, softplus_vjp, softplus_slope): |x| log1p_exp(x), slope |x| logistic(x),
        example [[1000.0, -1000.0], []] => [[1000.0, 0.0], []], tested on -4.0..4.0;
    /// The largest integer not above each element; its derivative is 0 (as in JAX).
    floor(floor_jvp, floor_vjp, floor_slope): |x| x.floor(), slope |_x| T::zero(),
        example [[1.5, -1.5], []] => [[1.0, -2.0], []], tested on 1.05..1.95;
    /// The smallest integer not below each element; its derivative is 0.
    ceil(ceil_jvp, ceil_vjp, ceil_slope): |x| x.ceil(), slope |_x| T::zero(),
        example [[1.5, -1.5], []] => [[2.0, -1.0], []], tested on -1.95..-1.05;
    /// The nearest integer to each element, a half to the even one as NumPy's `round` and
    /// `rint` (not Rust's `round`, which takes halves away from zero); its derivative is 0.
    round(round_jvp, round_vjp, round_slope): |x| round_half_even(x), slope |_x| T::zero(),
        example [[0.5, 1.5, 2.5, -2.5], []] => [[0.0, 2.0, 2.0, -2.0], []], tested on 0.55..1.45;
    /// Each element with its fractional part removed (towards zero); its derivative is 0.
    trunc(trunc_jvp, trunc_vjp, trunc_slope): |x| x.trunc(), slope |_x| T::zero(),
        example [[1.7, -1.7], []] => [[1.0, -1.0], []], tested on -0.95..0.95;
    /// The sign of each element as NumPy's `sign` gives it: `-1`, `0` (at `±0.0`, where
    /// Rust's `signum` gives `±1`) or `1`, NaN at NaN; its derivative is 0.
    signum(signum_jvp, signum_vjp, signum_slope): |x| numpy_sign(x), slope |_x| T::zero(),
        example [[-2.0, 0.0, 3.0], []] => [[-1.0, 0.0, 1.0], []], tested on 0.1..2.0;
}
