//! The natural logarithm in `f64`, branch-free: `x = 2^k m` with `m` in `[√2/2, √2)`,
//! `f = m - 1`, and `ln(1 + f) = 2s + s R(s²)` with `s = f / (2 + f)`, summed in the order
//! that keeps the error under an ulp. Subnormal inputs are scaled by `2^54` first; `0`,
//! negative numbers, `inf` and NaN get their values by selection at the end.

use super::exp::{LN2_HI, LN2_LO};

/// `R(z) / z` with `z = s²`, `|s| <= (√2 - 1) / (√2 + 1)`, lowest degree first
/// (`tools/math/fit.py`; relative error of `ln(1 + f)` from the fit: 4.6e-18).
const L: [f64; 7] = [
    0.666666666666667,
    0.39999999999899505,
    0.28571428625975487,
    0.2222221113479508,
    0.18182889125261723,
    0.15331721600556042,
    0.14616449685043406,
];

/// `2^54`, the scale that makes a subnormal input normal.
const SUBNORMAL_SCALE: f64 = 18014398509481984.0;
/// `2^52 + 1023`: what the biased exponent field, read as the low bits of a float of
/// exponent 52, is offset by.
const EXPONENT_OFFSET: f64 = 4503599627371519.0;

/// `ln x`, within 1 ulp of the exact value over all of `f64`: `-inf` at `±0`, NaN below 0
/// (see the module [`math`](super)).
#[inline(always)]
pub(crate) fn ln(x: f64) -> f64 {
    let subnormal = x < f64::MIN_POSITIVE;
    let scaled = if subnormal { x * SUBNORMAL_SCALE } else { x };
    let bits = scaled.to_bits();
    // The exponent field as a float, without an integer-to-float conversion.
    let field = f64::from_bits((bits >> 52) | 0x4330_0000_0000_0000) - EXPONENT_OFFSET;
    let mantissa = f64::from_bits((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
    let high = mantissa > std::f64::consts::SQRT_2;
    let m = if high { mantissa * 0.5 } else { mantissa };
    let k = field + if high { 1.0 } else { 0.0 } - if subnormal { 54.0 } else { 0.0 };
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let r = z * super::horner(z, &L);
    let half_f2 = 0.5 * f * f;
    let value = k * LN2_HI + (f - (half_f2 - (s * (half_f2 + r) + k * LN2_LO)));
    if x > 0.0 && x < f64::INFINITY {
        value
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else if x < 0.0 {
        f64::NAN
    } else {
        x // inf and NaN
    }
}
