//! The hyperbolic tangent in `f64`, branch-free: an odd polynomial below `|x| = 0.625`,
//! and `1 - 2 / (e^{2|x|} + 1)` with the sign of `x` above (with `|x|` clamped at 20, where
//! `tanh` is 1 to the last bit). Both are computed and one is selected.

/// `(tanh x - x) / x³` as a polynomial in `z = x²`, `|x| <= 0.625`, lowest degree first
/// (relative error of `tanh x` from the fit: 8.0e-18).
const T: [f64; 12] = [
    -0.3333333333333333,
    0.13333333333333042,
    -0.05396825396789699,
    0.021869488519008305,
    -0.008863235103240878,
    0.0035921217511549622,
    -0.0014557754120478055,
    0.0005896606577757043,
    -0.0002375906496055562,
    9.257116129556769e-05,
    -3.12011014257974e-05,
    6.485163482793113e-06,
];

/// Below this `|x|` the polynomial is used.
const SMALL: f64 = 0.625;
/// From this `|x|` on, `tanh x` is `±1` in `f64`; larger inputs are clamped to it.
const SATURATED: f64 = 20.0;

/// `tanh x`, within 2 ulp over all of `f64` (see the module [`math`](super)).
#[inline(always)]
pub(crate) fn tanh(x: f64) -> f64 {
    let a = x.abs();
    let z = x * x;
    // At z = 0 (x = ±0 or tiny) tanh x = x, with the sign of a zero kept.
    let small = if z == 0.0 {
        x
    } else {
        x + x * z * super::horner(z, &T)
    };
    // NaN fails the comparison and stays NaN.
    let clamped = if a > SATURATED { SATURATED } else { a };
    let e = super::exp::exp(clamped + clamped);
    let large = (1.0 - 2.0 / (e + 1.0)).copysign(x);
    if a < SMALL {
        small
    } else {
        large
    }
}
