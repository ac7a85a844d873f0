//! The functions of [`math`](super) over whole slices, in loops with no branch inside, which
//! the compiler turns into SIMD instructions (two `f64` lanes on baseline x86-64, four with
//! AVX2). `tanh` and `exp` are branch-free already: a plain loop. `sin` and `cos` go eight
//! values at a time through their branch-free core; the rare inputs it cannot take (beyond
//! [`TRIG_LIMIT`](super::TRIG_LIMIT), infinities and NaN) are found after the eight are
//! computed and redone one by one. The results are those of the scalar functions to the
//! bit. A slice's last values, fewer than eight, go through the same code padded with
//! zeros: one copy of the vector loop.
//!
//! # Panics
//!
//! Each kernel panics when `out` is not as long as `x`.
//!
//! These are compiled once, in `awkdiff-core`, for `f64`; the array methods `sin cos tanh`
//! (and `exp` in AVX2 builds) of `Array<f64>` call them through
//! [`Float::slice_ufunc`](crate::Float::slice_ufunc), so a user's crate compiles none of this code.
//!
//! ```
//! use awkdiff_core::math;
//! let x = [0.5, -2.0, 3.0, 1e9, f64::NAN];
//! let mut out = [0.0; 5];
//! math::sin_slice(&x, &mut out);
//! for (o, v) in out.iter().zip(x) {
//!     assert_eq!(o.to_bits(), math::sin(v).to_bits());
//! }
//! ```

use super::{exp, hyperbolic, trig};

/// Values one step of a slice kernel computes together.
const LANES: usize = 8;

/// `out[k] = fast(x[k])` for every `k`, then `out[k] = exact(x[k])` where `fast` does not
/// apply (`!applies(x[k])`), eight at a time; the slices have the same length.
#[inline(always)]
fn each_eight(
    x: &[f64],
    out: &mut [f64],
    fast: impl Fn(f64) -> f64,
    applies: impl Fn(f64) -> bool,
    exact: impl Fn(f64) -> f64,
) {
    assert_eq!(
        x.len(),
        out.len(),
        "slice kernel: input and output lengths differ"
    );
    let step = |x: &[f64; LANES], out: &mut [f64; LANES]| {
        let mut all = true;
        for k in 0..LANES {
            out[k] = fast(x[k]);
            all &= applies(x[k]);
        }
        if !all {
            for k in 0..LANES {
                if !applies(x[k]) {
                    out[k] = exact(x[k]);
                }
            }
        }
    };
    let mut xs = x.chunks_exact(LANES);
    let mut outs = out.chunks_exact_mut(LANES);
    for (x, out) in (&mut xs).zip(&mut outs) {
        step(
            x.try_into().expect("a chunk of LANES"),
            out.try_into().expect("a chunk of LANES"),
        );
    }
    let (tail, tail_out) = (xs.remainder(), outs.into_remainder());
    if !tail.is_empty() {
        let (mut padded, mut result) = ([0.0; LANES], [0.0; LANES]);
        padded[..tail.len()].copy_from_slice(tail);
        step(&padded, &mut result);
        tail_out.copy_from_slice(&result[..tail.len()]);
    }
}

/// `out[k] = f(x[k])` for every `k`, for a branch-free `f`: a plain loop, which the compiler
/// vectorises as it stands (eight at a time, as [`each_eight`] does, measured slower here).
#[inline(always)]
fn each_one(x: &[f64], out: &mut [f64], f: impl Fn(f64) -> f64) {
    assert_eq!(
        x.len(),
        out.len(),
        "slice kernel: input and output lengths differ"
    );
    for (o, &v) in out.iter_mut().zip(x) {
        *o = f(v);
    }
}

/// `out[k] = sin(x[k])`, the same values as [`sin`](super::sin) to the bit, vectorised.
///
/// ```
/// let mut out = [0.0; 3];
/// awkdiff_core::math::sin_slice(&[0.0, 1.0, -4.0], &mut out);
/// assert_eq!(out, [0.0, awkdiff_core::math::sin(1.0), awkdiff_core::math::sin(-4.0)]);
/// ```
pub fn sin_slice(x: &[f64], out: &mut [f64]) {
    each_eight(
        x,
        out,
        |v| trig::sin_cos_fast(v).0,
        trig::in_fast_range,
        trig::sin,
    );
}

/// `out[k] = cos(x[k])`, the same values as [`cos`](super::cos) to the bit, vectorised.
///
/// ```
/// let mut out = [0.0; 2];
/// awkdiff_core::math::cos_slice(&[0.0, 2.0], &mut out);
/// assert_eq!(out, [1.0, awkdiff_core::math::cos(2.0)]);
/// ```
pub fn cos_slice(x: &[f64], out: &mut [f64]) {
    each_eight(
        x,
        out,
        |v| trig::sin_cos_fast(v).1,
        trig::in_fast_range,
        trig::cos,
    );
}

/// `out[k] = tanh(x[k])`, the same values as [`tanh`](super::tanh) to the bit, vectorised.
///
/// ```
/// let mut out = [0.0; 2];
/// awkdiff_core::math::tanh_slice(&[0.0, 0.5], &mut out);
/// assert_eq!(out, [0.0, awkdiff_core::math::tanh(0.5)]);
/// ```
pub fn tanh_slice(x: &[f64], out: &mut [f64]) {
    each_one(x, out, hyperbolic::tanh);
}

/// `out[k] = e^x[k]`, the same values as [`exp`](super::exp) to the bit, vectorised.
///
/// ```
/// let mut out = [0.0; 2];
/// awkdiff_core::math::exp_slice(&[0.0, 1.0], &mut out);
/// assert_eq!(out, [1.0, awkdiff_core::math::exp(1.0)]);
/// ```
pub fn exp_slice(x: &[f64], out: &mut [f64]) {
    each_one(x, out, exp::exp);
}

/// The slice kernel the array method `name` of `Array<f64>` uses: where the ufunc itself
/// uses this module's function (see [`ufunc`](super::ufunc)), its slice form.
pub(crate) fn slice_ufunc(name: &str) -> Option<crate::element::SliceKernel<f64>> {
    if !cfg!(feature = "vector-math") {
        return None;
    }
    match name {
        "sin" => Some(sin_slice),
        "cos" => Some(cos_slice),
        "tanh" => Some(tanh_slice),
        "exp" if super::WIDE => Some(exp_slice),
        _ => None,
    }
}
