//! `exp`, `ln`, `sin`, `cos` and `tanh` written as plain arithmetic on `f64`, so that a loop
//! calling them over a slice (an elementwise kernel, or a fused chain's closure called
//! position by position) is one the compiler can vectorise, where a call into the
//! platform's libm per element cannot be. The unary ufuncs `exp ln sin cos tanh` (and the
//! slopes that read them: `sin' = cos`, `cos' = -sin`, `sigmoid`, `softplus`) use these.
//!
//! # Accuracy
//!
//! Measured against the platform's libm (itself within an ulp of the exact value) on
//! millions of random and edge inputs by the tests in `awkdiff-core/tests/it/math.rs`
//! (the `#[ignore]`d `math_accuracy_millions` in release mode):
//!
//! | function | inputs | largest difference from libm |
//! | --- | --- | --- |
//! | [`exp`] | all of `f64` | 1 ulp |
//! | [`ln`] | all of `f64` | 1 ulp |
//! | [`sin`], [`cos`] | all of `f64` (libm itself beyond [`TRIG_LIMIT`]) | 1 ulp |
//! | [`tanh`] | all of `f64` | 3 ulp (glibc's `tanh` is itself up to 2 ulp off: at the worst input found, ours is 1.1 ulp from the exact value and glibc's 1.9) |
//!
//! `f32` inputs are computed in `f64` and rounded once, so they are within an ulp of the
//! `f32` result too. Special values are those of libm and IEEE 754: `exp(-inf) = 0`,
//! `exp(inf) = inf`, overflow to `inf` above 709.78, subnormal results down to `2^-1074`;
//! `ln(0) = -inf`, `ln(x < 0) = NaN`, `ln(inf) = inf`, subnormal inputs exact to an ulp;
//! `sin(-0.0) = -0.0`, `sin(±inf) = cos(±inf) = NaN`; `tanh(±inf) = ±1`, `tanh(-0.0) = -0.0`;
//! NaN gives NaN everywhere.
//!
//! # The scalar path
//!
//! The ufuncs use these functions with the cargo feature `vector-math` (of `awkdiff-core`,
//! or of `awkdiff`, which passes it on; on by default). Without it they call the platform's
//! libm per element, as before these kernels: results bitwise equal to NumPy's on the same
//! machine, at the old speed. The functions here are the polynomials either way.
//!
//! ```
//! use awkdiff_core::math;
//! assert_eq!(math::exp(0.0f64), 1.0);
//! assert!((math::sin(1.0f64) - 1f64.sin()).abs() <= f64::EPSILON);
//! assert_eq!(math::ln(-1.0f32).is_nan(), true);
//! ```

mod exp;
mod hyperbolic;
mod ln;
mod trig;

pub use trig::TRIG_LIMIT;

use crate::element::Float;

/// `1.5 · 2^52`: adding it to a float of magnitude below `2^51` leaves that float rounded to
/// an integer (ties to even) in the low bits of the sum.
const ROUNDER: f64 = 6755399441055744.0;

/// `x` rounded to the nearest integer (ties to even), for `|x| < 2^51`, in two additions
/// (no rounding instruction is needed, so this vectorises on baseline x86-64).
#[inline(always)]
fn round_to_integer(x: f64) -> f64 {
    (x + ROUNDER) - ROUNDER
}

/// The low bits of `q`, an integer-valued float of magnitude below `2^51` (two's
/// complement for negative `q`).
#[inline(always)]
fn low_bits(q: f64) -> u64 {
    (q + ROUNDER).to_bits()
}

/// `2^k` for an integer-valued `k` in `[-1022, 1023]`, built from its bits.
#[inline(always)]
fn pow2(k: f64) -> f64 {
    let biased = low_bits(k).wrapping_sub(ROUNDER.to_bits()).wrapping_add(1023);
    f64::from_bits(biased << 52)
}

/// The polynomial `c[0] + c[1] x + c[2] x² + …` (Horner's rule, unrolled).
#[inline(always)]
fn horner<const N: usize>(x: f64, c: &[f64; N]) -> f64 {
    let mut acc = c[N - 1];
    for k in (0..N - 1).rev() {
        acc = acc * x + c[k];
    }
    acc
}

macro_rules! generic_forms {
    ($($(#[doc = $doc:literal])* $name:ident => $kernel:path, example $input:literal;)*) => {
        $(
            $(#[doc = $doc])*
            ///
            /// ```
            /// use awkdiff_core::math;
            #[doc = concat!(
                "let (x, libm) = (", stringify!($input), "f64, ", stringify!($input), "f64.",
                stringify!($name), "());"
            )]
            #[doc = concat!(
                "assert!((math::", stringify!($name), "(x) - libm).abs() <= 2.0 * f64::EPSILON * libm.abs());"
            )]
            #[doc = concat!(
                "let (x, libm) = (", stringify!($input), "f32, ", stringify!($input), "f32.",
                stringify!($name), "());"
            )]
            #[doc = concat!(
                "assert!((math::", stringify!($name), "(x) - libm).abs() <= f32::EPSILON * libm.abs());"
            )]
            /// ```
            #[inline(always)]
            pub fn $name<T: Float>(x: T) -> T {
                T::from_f64($kernel(x.as_f64()))
            }
        )*

        /// What the ufuncs call: the functions above with the cargo feature `vector-math`
        /// (on by default), else libm's.
        pub(crate) mod ufunc {
            use crate::element::Float;
            $(
                #[inline(always)]
                pub(crate) fn $name<T: Float>(x: T) -> T {
                    #[cfg(feature = "vector-math")]
                    {
                        super::$name(x)
                    }
                    #[cfg(not(feature = "vector-math"))]
                    {
                        num_traits::Float::$name(x)
                    }
                }
            )*
        }
    };
}

generic_forms! {
    /// `e^x`, within 1 ulp (see [the module](self)).
    exp => exp::exp, example 0.75;
    /// The natural logarithm, within 1 ulp (see [the module](self)).
    ln => ln::ln, example 2.5;
    /// The sine (radians), within 1 ulp; libm's own beyond [`TRIG_LIMIT`].
    sin => trig::sin, example 2.0;
    /// The cosine (radians), within 1 ulp; libm's own beyond [`TRIG_LIMIT`].
    cos => trig::cos, example 2.0;
    /// The hyperbolic tangent, within 3 ulp of libm's (see [the module](self)).
    tanh => hyperbolic::tanh, example 0.3;
}
