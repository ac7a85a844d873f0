//! Sine and cosine in `f64`: `x = q π/2 + r` with `|r| <= π/4` (Cody and Waite's reduction,
//! `π/2` in four parts so that every step but the last is exact), then a polynomial for
//! `sin r` or `cos r` by the quadrant `q mod 4`. The reduction is exact enough for
//! `|x| <= `[`TRIG_LIMIT`]; beyond it (and at `±inf` and NaN) the functions call the
//! platform's libm, which reduces huge arguments with the bits of `2/π` (Payne and Hanek).
//! Arguments within `±π/4` skip the reduction (it would leave them as they are) and take
//! one polynomial: a branch, well predicted for data mostly inside or mostly outside, that
//! makes `sin` of values in `[-1, 1)` about 1.75x faster and costs some 3% on wide ones.
//! That, and the rarely taken branch to libm, keep the compiler from vectorising a loop of calls (it
//! cannot predicate a call), so [`sin`] and [`cos`] gain only their cheaper scalar core;
//! [`sin_cos_fast`] alone is branch-free and vectorises.

use super::round_to_integer;

/// Largest `|x|` that the fast reduction takes (`q = round(x · 2/π) < 2^20`, so that `q`
/// times each 33-bit part of `π/2` is exact); larger inputs go to libm.
pub const TRIG_LIMIT: f64 = 1.0e6;

/// `π/2` in four parts: three of 33 significant bits, then the rest rounded to `f64`
/// (`tools/math/fit.py`).
const PIO2: [f64; 4] = [
    1.5707963267341256,
    6.077100506303966e-11,
    2.0222662487111665e-21,
    8.4784276603689e-32,
];

/// `(sin r - r) / r³` as a polynomial in `z = r²`, `|r| <= π/4`, lowest degree first
/// (relative error of `sin r` from the fit: 6.3e-18).
const S: [f64; 7] = [
    -0.16666666666666666,
    0.008333333333333331,
    -0.00019841269841265065,
    2.7557319219339167e-06,
    -2.5052106232447578e-08,
    1.6058531618986147e-10,
    -7.586697117706918e-13,
];

/// `(cos r - 1 + r²/2) / r⁴` as a polynomial in `z = r²`, `|r| <= π/4`, lowest degree
/// first (relative error of `cos r` from the fit: 1.3e-18).
const C: [f64; 6] = [
    0.041666666666666664,
    -0.0013888888888887398,
    2.480158729876569e-05,
    -2.7557317271729793e-07,
    2.08761462684032e-09,
    -1.1382632425521717e-11,
];

/// `(sin x, cos x)` for `|x| <= TRIG_LIMIT` (and NaN, which gives NaN), branch-free;
/// meaningless beyond.
#[inline(always)]
pub(super) fn sin_cos_fast(x: f64) -> (f64, f64) {
    let q = round_to_integer(x * std::f64::consts::FRAC_2_PI);
    // x - q·π/2 with one rounding: the first difference is exact, the next two keep their
    // rounding errors (Knuth's two-sum), which join the last, tiny, part. When r is small
    // the differences are exact (the errors are 0) and the result is rounded once.
    let a = x - q * PIO2[0];
    let (b, e1) = two_difference(a, q * PIO2[1]);
    let (c, e2) = two_difference(b, q * PIO2[2]);
    let r = c + ((e1 + e2) - q * PIO2[3]);
    let (sin_r, cos_r) = (sin_small(r), cos_small(r));
    // The quadrant: q's low bits (q is an exact integer of magnitude below 2^20).
    // Chosen by bit masks rather than branches: the quadrant of random inputs is not
    // predictable, and `-v` is `v` with its sign bit flipped, so the results are those of
    // `if quadrant & 1 == 1 { (cos_r, -sin_r) }` then `if quadrant & 2 == 2 { negated }`.
    let quadrant = super::low_bits(q);
    let odd = 0u64.wrapping_sub(quadrant & 1); // all ones in quadrants 1 and 3
    let flip = (quadrant & 2) << 62; // the sign bit in quadrants 2 and 3
    let (s, c) = (sin_r.to_bits(), cos_r.to_bits());
    let sin = (s & !odd) | (c & odd);
    let cos = (c & !odd) | ((s ^ SIGN) & odd);
    (f64::from_bits(sin ^ flip), f64::from_bits(cos ^ flip))
}

/// `sin r` for `|r| <= π/4`: the polynomial alone, no reduction.
#[inline(always)]
fn sin_small(r: f64) -> f64 {
    let z = r * r;
    // At z = 0 (r = ±0 or tiny) sin r = r, with the sign of a zero kept (`-0 + 0 = +0`).
    if z == 0.0 {
        r
    } else {
        r + r * z * super::horner(z, &S)
    }
}

/// `cos r` for `|r| <= π/4`: the polynomial alone, no reduction.
#[inline(always)]
fn cos_small(r: f64) -> f64 {
    let z = r * r;
    let half_z = 0.5 * z;
    let w = 1.0 - half_z;
    w + (((1.0 - w) - half_z) + z * z * super::horner(z, &C))
}

/// Whether `x` needs no reduction: `|x| <= π/4`, where the reduction of [`sin_cos_fast`]
/// gives `q = 0` and `r = x` exactly (`π/4 · 2/π` rounds to `0.5`, which rounds to the even
/// `0`), so [`sin_small`] and [`cos_small`] of `x` are its results to the bit.
#[inline(always)]
fn is_small(x: f64) -> bool {
    x.abs() <= std::f64::consts::FRAC_PI_4
}

/// The sign bit of an `f64`.
const SIGN: u64 = 1 << 63;

/// `a - b` rounded, and its rounding error (exactly `a - b - rounded`).
#[inline(always)]
fn two_difference(a: f64, b: f64) -> (f64, f64) {
    let d = a - b;
    let a_part = d + b;
    let b_part = a_part - d;
    (d, (a - a_part) - (b - b_part))
}

/// Whether [`sin_cos_fast`] is right for `x`: not beyond [`TRIG_LIMIT`] (infinities and
/// NaN take the slow path, where libm gives NaN).
#[inline(always)]
pub(super) fn in_fast_range(x: f64) -> bool {
    x.abs() <= TRIG_LIMIT
}

/// `sin x`, within 1 ulp over all of `f64` (libm beyond [`TRIG_LIMIT`]).
#[inline(always)]
pub(crate) fn sin(x: f64) -> f64 {
    if is_small(x) {
        sin_small(x)
    } else if in_fast_range(x) {
        sin_cos_fast(x).0
    } else {
        slow_sin(x)
    }
}

/// `cos x`, within 1 ulp over all of `f64` (libm beyond [`TRIG_LIMIT`]).
#[inline(always)]
pub(crate) fn cos(x: f64) -> f64 {
    if is_small(x) {
        cos_small(x)
    } else if in_fast_range(x) {
        sin_cos_fast(x).1
    } else {
        slow_cos(x)
    }
}

/// libm's `sin`, out of line: the rare path of [`sin`].
#[cold]
#[inline(never)]
fn slow_sin(x: f64) -> f64 {
    x.sin()
}

/// libm's `cos`, out of line: the rare path of [`cos`].
#[cold]
#[inline(never)]
fn slow_cos(x: f64) -> f64 {
    x.cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The small-argument path gives what the reduction would, to the bit: at the
    /// threshold, next to it, at zeros and tiny values, and on a grid inside.
    #[test]
    fn small_arguments_skip_the_reduction_exactly() {
        let edge = std::f64::consts::FRAC_PI_4;
        let mut xs = vec![
            edge,
            f64::from_bits(edge.to_bits() - 1),
            0.0,
            -0.0,
            1e-300,
            5e-324,
        ];
        xs.extend((0..=20_000).map(|k| edge * (k as f64 / 10_000.0 - 1.0)));
        for x in xs.iter().flat_map(|&x| [x, -x]) {
            assert!(is_small(x), "{x} should take the small path");
            let (s, c) = sin_cos_fast(x);
            assert_eq!(sin(x).to_bits(), s.to_bits(), "sin {x}");
            assert_eq!(cos(x).to_bits(), c.to_bits(), "cos {x}");
        }
        let above = f64::from_bits(edge.to_bits() + 1);
        assert!(!is_small(above) && !is_small(-above));
        assert_eq!(sin(above).to_bits(), sin_cos_fast(above).0.to_bits());
    }
}
