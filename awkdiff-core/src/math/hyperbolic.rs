//! The hyperbolic functions in `f64`.
//!
//! `tanh`, branch-free, in one formula for every input: `tanh |x| = m / (m + 2)` with
//! `m = e^{2|x|} - 1` computed without cancellation ([`exp_m1`]), and the sign of `x` put
//! back. `|x|` is clamped at 20, where `tanh` is 1 to the last bit; NaN runs through, and
//! `±0` keeps its sign.
//!
//! `cosh` and `sinh` from one `e^{|x|}` (libm's `exp`, which the compiler treats as a pure
//! function): `cosh = (e + 1/e) / 2`, and `sinh = (e - 1/e) / 2` from `|x| = 1` on (where the
//! difference loses at most a factor `coth 1 = 1.31`), its Taylor polynomial below. Where
//! both are taken of one value (`cosh` and its slope `sinh` in a derivative), the
//! exponential is computed once. Beyond `|x| = 709`, where `e^{|x|}` overflows before
//! `cosh` does, and at the infinities, they call libm's.

use super::exp::{LN2_HI, LN2_LO};
use super::{pow2, round_to_integer};

/// `(e^r - 1 - r) / r²` on `[-ln 2 / 2, 1]`, lowest degree first (`tools/math/fit.py`;
/// relative error of `e^r - 1` from the fit: 7.6e-18). Wider than `exp`'s interval, so
/// that below `y = 1` the reduction is skipped (`k = 0`, `r = y`) and `e^y - 1` is this
/// polynomial alone, as accurate as it is for the small `|x|` where `tanh x` is small.
const E_WIDE: [f64; 14] = [
    0.5,
    0.16666666666666666,
    0.04166666666666666,
    0.00833333333333329,
    0.0013888888888892203,
    0.00019841269841343708,
    2.480158729483213e-05,
    2.7557319236255262e-06,
    2.7557324587470556e-07,
    2.5052017802961178e-08,
    2.0875939148300483e-09,
    1.6099294316398143e-10,
    1.0982858174343847e-11,
    1.0241087427291578e-12,
];

/// From this `|x|` on, `tanh x` is `±1` in `f64`; larger inputs are clamped to it.
const SATURATED: f64 = 20.0;

/// `e^y - 1` for `0 <= y <= 40` as an unevaluated sum `(m, error)` within about an ulp of
/// `m`: `y = k ln 2 + r` (`k = 0` below 1), and `2^k (e^r - 1) + (2^k - 1)`, where `e^r - 1 = r + r² E(r)` needs
/// no subtraction (at `k = 0` it is the whole result, accurate for tiny `y`) and the two
/// terms' sum keeps its rounding error.
#[inline(always)]
fn exp_m1(y: f64) -> (f64, f64) {
    let k = if y < 1.0 {
        0.0
    } else {
        round_to_integer(y * std::f64::consts::LOG2_E)
    };
    let r = (y - k * LN2_HI) - k * LN2_LO;
    let em1_r = r + r * r * super::horner(r, &E_WIDE);
    let scale = pow2(k);
    // Both terms are exact (a power of two times em1_r; 2^k - 1 for k <= 58 rounds only
    // when k > 53, where it dwarfs nothing).
    two_sum(scale * em1_r, scale - 1.0)
}

/// `a + b` rounded, and its rounding error (Knuth's two-sum).
#[inline(always)]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let a_part = s - b;
    let b_part = s - a_part;
    (s, (a - a_part) + (b - b_part))
}

/// `tanh x`, within 3 ulp of libm's over all of `f64` (see the module [`math`](super)).
#[inline(always)]
pub(crate) fn tanh(x: f64) -> f64 {
    let a = x.abs();
    // NaN fails the comparison and stays NaN.
    let a = if a > SATURATED { SATURATED } else { a };
    let (m, m_error) = exp_m1(a + a);
    let (d, d_error) = two_sum(m, 2.0);
    // m / (m + 2), corrected for the rounding errors of m and of m + 2 (to first order).
    let t = m / d;
    let t = t + (m_error - t * (d_error + m_error)) / d;
    t.copysign(x)
}

/// `(sinh x - x) / x³` as a polynomial in `z = x²` for `|x| < 1`: the Taylor coefficients
/// `1 / (2k + 1)!`, `k = 1..=9` (the first term left out is below `2e-20` relative).
const SINH_SMALL: [f64; 9] = [
    1.0 / 6.0,
    1.0 / 120.0,
    1.0 / 5040.0,
    1.0 / 362880.0,
    1.0 / 39916800.0,
    1.0 / 6227020800.0,
    1.0 / 1307674368000.0,
    1.0 / 355687428096000.0,
    1.0 / 121645100408832000.0,
];

/// Largest `|x|` whose `e^{|x|}` is finite with room to spare; beyond, libm's functions.
const HYPERBOLIC_LIMIT: f64 = 709.0;

/// `cosh x`, within 2 ulp of libm's (see the module [`math`](super)).
#[inline(always)]
pub(crate) fn cosh(x: f64) -> f64 {
    let a = x.abs();
    if a > HYPERBOLIC_LIMIT {
        return slow_cosh(x);
    }
    let e = a.exp();
    0.5 * e + 0.5 / e
}

/// `sinh x`, within 2 ulp of libm's (see the module [`math`](super)).
#[inline(always)]
pub(crate) fn sinh(x: f64) -> f64 {
    let a = x.abs();
    if a > HYPERBOLIC_LIMIT {
        return slow_sinh(x);
    }
    let e = a.exp();
    let large = 0.5 * e - 0.5 / e;
    let z = a * a;
    let small = a + a * z * super::horner(z, &SINH_SMALL);
    // NaN fails the comparison and stays NaN; `±0` keeps its sign.
    let s = if a < 1.0 { small } else { large };
    s.copysign(x)
}

/// libm's `cosh`, out of line: the rare path of [`cosh`].
#[cold]
#[inline(never)]
fn slow_cosh(x: f64) -> f64 {
    x.cosh()
}

/// libm's `sinh`, out of line: the rare path of [`sinh`].
#[cold]
#[inline(never)]
fn slow_sinh(x: f64) -> f64 {
    x.sinh()
}
