//! `exp`, `ln`, `sin`, `cos` and `tanh` written as plain arithmetic on `f64`, so that a loop
//! calling them over a slice (an elementwise kernel, or a fused chain's closure called
//! position by position) is one the compiler can vectorise, where a call into the
//! platform's libm per element cannot be. The unary ufuncs `sin cos tanh` (and the slopes
//! that read them: `sin' = cos`, `cos' = -sin`), and `exp` (with `sigmoid` and `softplus`)
//! in AVX2 builds, use these: see the table below.
//!
//! `cosh` and `sinh` are built on libm's `exp` instead, one `e^{|x|}` for both: a
//! derivative that takes `cosh` of a value and its slope `sinh` of the same value (or the
//! other way round) computes the exponential once, where libm's `cosh` and `sinh` are two
//! calls. The ufuncs `cosh sinh` and their slopes use them (with `vector-math`).
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
//! | [`cosh`] | all of `f64` (libm itself beyond 709) | 1 ulp |
//! | [`sinh`] | all of `f64` (libm itself beyond 709) | 2 ulp (at the switch from the Taylor polynomial to `(e - 1/e) / 2`, `|x|` = 1 to 1.5) |
//!
//! `f32` inputs are computed in `f64` and rounded once, so they are within an ulp of the
//! `f32` result too. Special values are those of libm and IEEE 754: `exp(-inf) = 0`,
//! `exp(inf) = inf`, overflow to `inf` above 709.78, subnormal results down to `2^-1074`;
//! `ln(0) = -inf`, `ln(x < 0) = NaN`, `ln(inf) = inf`, subnormal inputs exact to an ulp;
//! `sin(-0.0) = -0.0`, `sin(±inf) = cos(±inf) = NaN`; `tanh(±inf) = ±1`, `tanh(-0.0) = -0.0`;
//! `cosh(±inf) = inf`, `sinh(±inf) = ±inf`, `sinh(-0.0) = -0.0`, both finite up to
//! 710.47; NaN gives NaN everywhere.
//!
//! # Which the ufuncs use, and the scalar path
//!
//! Measured on this project's machine (a shared 2-core x86-64 with AVX-512, so the
//! figures are noisy to some 20%; `benches/kernels.rs`, group `d_transcendental`, and
//! loops of one function over 1M values), against glibc's calls, as speed-ups:
//!
//! | build | `sin`, `cos` | `tanh` | `exp` | `ln` | `exp`, `sin` on `f32` |
//! | --- | --- | --- | --- | --- | --- |
//! | baseline x86-64 (2 lanes, no FMA) | 1.2-1.35x | 2x | 0.5-0.75x | 0.6x | 0.5-0.65x |
//! | `-C target-cpu=x86-64-v3` (AVX2, FMA) | 1.15x | 3.9x | 1.8x | 1.0x | 0.8x, 0.5x |
//!
//! `sin` and `cos` keep one rarely taken branch (libm beyond [`TRIG_LIMIT`]) that stops the
//! compiler from vectorising a loop of calls, so one position at a time (a fused chain's
//! closure) they gain only the cheaper scalar core; `exp`, `ln` and `tanh` are branch-free
//! and vectorise, which pays once there are four lanes.
//!
//! Over whole slices, [`sin_slice`], [`cos_slice`], [`tanh_slice`] and [`exp_slice`] compute
//! eight values at a time, branch-free, and redo the rare inputs afterwards (the same
//! values to the bit), so they vectorise on baseline x86-64 too. The array methods of
//! `Array<f64>` use them wherever the ufunc uses this module's function (`sin cos tanh`,
//! `exp` in AVX2 builds); they are compiled once, in this crate. Session 11's
//! `--bench kernels` (group `d_transcendental`, 9.5M values, one thread), against a loop of
//! glibc's calls, over two runs: `x.sin()` 2.0-2.1x faster (1.38x before the slice
//! kernels), `x.cos()` 1.8-1.9x (1.26x), `x.tanh()` 2.0-2.1x (1.19x). So with the cargo feature `vector-math` (of `awkdiff-core`, or of `awkdiff`,
//! which passes it on; on by default) the `f64` ufuncs `sin cos tanh cosh sinh` use these
//! functions always and `exp` when the build targets AVX2, while `ln` (no faster) and every `f32`
//! ufunc keep glibc's functions (its `f32` ones are faster than these, which compute in
//! `f64`). Without `vector-math` every ufunc calls the platform's libm, one call per
//! element, as before: results bitwise equal to NumPy's on the same machine. The
//! functions here are the polynomials either way.
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
mod slices;
mod trig;

pub(crate) use slices::slice_ufunc;
pub use slices::{cos_slice, exp_slice, sin_slice, tanh_slice};

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
    let biased = low_bits(k)
        .wrapping_sub(ROUNDER.to_bits())
        .wrapping_add(1023);
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

/// Whether the build targets AVX2 (`-C target-cpu=x86-64-v3` or `native` on a recent
/// x86-64): four `f64` lanes and fused multiply-adds, where the polynomial of `exp` beats
/// libm; on baseline x86-64 (two lanes, no FMA) it does not.
const WIDE: bool = cfg!(target_feature = "avx2");

macro_rules! generic_forms {
    ($(
        $(#[doc = $doc:literal])* $name:ident => $kernel:path, example $input:literal,
            ufunc when $when:expr;
    )*) => {
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

        /// What the ufuncs call: the functions above where they are faster than libm (see
        /// the module's table), with the cargo feature `vector-math` (on by default); libm's
        /// otherwise.
        pub(crate) mod ufunc {
            use crate::element::Float;
            #[allow(unused_imports)]
            use super::WIDE;
            $(
                #[inline(always)]
                pub(crate) fn $name<T: Float>(x: T) -> T {
                    if cfg!(feature = "vector-math") && $when && std::mem::size_of::<T>() == 8 {
                        super::$name(x)
                    } else {
                        num_traits::Float::$name(x)
                    }
                }
            )*
        }
    };
}

generic_forms! {
    /// `e^x`, within 1 ulp (see [the module](self)).
    exp => exp::exp, example 0.75, ufunc when WIDE;
    /// The natural logarithm, within 1 ulp (see [the module](self)).
    ln => ln::ln, example 2.5, ufunc when false;
    /// The sine (radians), within 1 ulp; libm's own beyond [`TRIG_LIMIT`].
    sin => trig::sin, example 2.0, ufunc when true;
    /// The cosine (radians), within 1 ulp; libm's own beyond [`TRIG_LIMIT`].
    cos => trig::cos, example 2.0, ufunc when true;
    /// The hyperbolic tangent, within 3 ulp of libm's (see [the module](self)).
    tanh => hyperbolic::tanh, example 0.3, ufunc when true;
    /// The hyperbolic cosine, within 2 ulp of libm's (see [the module](self)).
    cosh => hyperbolic::cosh, example 0.6, ufunc when true;
    /// The hyperbolic sine, within 2 ulp of libm's (see [the module](self)).
    sinh => hyperbolic::sinh, example 0.6, ufunc when true;
}
