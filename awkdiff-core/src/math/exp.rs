//! `e^x` in `f64`, branch-free: `x = k ln 2 + r` with `|r| <= ln 2 / 2`, a polynomial for
//! `e^r`, and `2^k` built from its bits in two halves (so that results near overflow and in
//! the subnormal range need no branch). Every input is valid; the clamps send `±inf`,
//! overflow and underflow to `inf` and `0`, and NaN runs through.

use super::{pow2, round_to_integer};

/// Above this, `e^x` overflows (`e^709.79 > f64::MAX`): inputs are clamped here, which still
/// overflows to `inf`.
const OVERFLOW: f64 = 710.0;
/// Below this, `e^x` rounds to 0 (`e^-745.2 < 2^-1075`): inputs are clamped here.
const UNDERFLOW: f64 = -746.0;
/// `ln 2` in two parts: the first with 32 significant bits (so `k * LN2_HI` is exact for
/// every `|k| < 2^21`), the second the rest.
pub(super) const LN2_HI: f64 = 0.6931471803691238;
pub(super) const LN2_LO: f64 = 1.9082149292705877e-10;

/// `(e^r - 1 - r) / r²` on `|r| <= ln 2 / 2`, lowest degree first (`tools/math/fit.py`;
/// relative error of `e^r` from the fit: 3.4e-19).
pub(super) const E: [f64; 11] = [
    0.5,
    0.1666666666666667,
    0.04166666666666667,
    0.008333333333326141,
    0.0013888888888883752,
    0.00019841269874800493,
    2.4801587325533363e-05,
    2.7557255425746435e-06,
    2.7557273661348637e-07,
    2.510520637395701e-08,
    2.0914679376583935e-09,
];

/// `e^x`, within 1 ulp of the exact value over all of `f64` (see the module
/// [`math`](super)).
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    // NaN stays NaN.
    let x = x.clamp(UNDERFLOW, OVERFLOW);
    let k = round_to_integer(x * std::f64::consts::LOG2_E);
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let e_r = 1.0 + (r + r * r * super::horner(r, &E));
    // 2^k as 2^h * 2^(k - h): each half is a normal number for every k in [-1076, 1024].
    let h = round_to_integer(k * 0.5);
    e_r * pow2(h) * pow2(k - h)
}
