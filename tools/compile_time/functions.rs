//! Ten functions as a physicist or an ML engineer would write them with awkdiff: the user
//! crate of `tools/compile_time/run.py`. Variant A is this file as it is; variant B is the
//! same file with every `#[differentiable]` line removed (the run script does that).
#![allow(unused_imports)]

use awkdiff::prelude::*;

/// An elementwise chain reduced over the innermost lists.
#[differentiable]
pub fn chain(x: &Array<f64>) -> Array<f64> {
    (x * x + x.sin()).sum(-1)
}

/// A chi-square: residuals, squares, a reducer over the lists, then over everything.
#[differentiable]
pub fn chi2(x: &Array<f64>, mu: f64, sigma: f64) -> f64 {
    let r = (x - mu) / sigma;
    (&r * &r).sum(-1).sum_all() * 0.5
}

/// Reducers at several axes: per list (`axis=-1`) and position by position (`axis=0`).
#[differentiable]
pub fn summary(x: &Array<f64>) -> Array<f64> {
    let peak = x.max(-1);
    let mean = x.mean(-1);
    let by_position = x.sum(0);
    let spread = x.prod(-1).mean(0);
    peak * mean + by_position.sum_all() + spread
}

/// Smoothness of every list: differences of neighbours, with slices.
#[differentiable]
pub fn roughness(x: &Array<f64>) -> f64 {
    let d = x.slice(s![.., 1..]) - x.slice(s![.., ..-1]);
    (&d * &d).sum(-1).sum_all()
}

/// Selection: the positive entries, some of the lists, then everything flattened.
#[differentiable]
pub fn selected_energy(x: &Array<f64>, indices: &[i64]) -> f64 {
    let mask = x.gt(0.0);
    let kept = x.filter(&mask);
    let picked = kept.take(indices);
    let flat = picked.flatten();
    (&flat * &flat).sum_all()
}

/// Four steps of a relaxation.
#[differentiable]
pub fn relax(x: &Array<f64>, w: f64) -> Array<f64> {
    let mut y = x.clone();
    for _ in 0..4 {
        y = (&y * w + x).tanh();
    }
    y
}

/// A clipped loss with a branch on the value.
#[differentiable]
pub fn clipped(x: &Array<f64>, limit: f64) -> f64 {
    let r = x.sum(-1);
    let e = (&r * &r).sum_all();
    if e > limit {
        limit + (e - limit).ln()
    } else {
        e
    }
}

/// A generic log-sum-exp per list.
#[differentiable]
pub fn log_sum_exp<T: Float>(x: &Array<T>, scale: T) -> Array<T> {
    (x * scale).exp().sum(-1).ln()
}

/// A generic weighted mean.
#[differentiable]
pub fn weighted_mean<T>(x: &Array<T>, w: T) -> T
where
    T: Float,
{
    (x * w + x.cos()).mean(-1).sum_all()
}

/// The model: a composition of the functions above.
#[differentiable]
pub fn loss(x: &Array<f64>, w: f64, limit: f64) -> f64 {
    let y = relax(x, w);
    let z = log_sum_exp(&y, w);
    chain(&y).sum_all() + roughness(&y) + clipped(&y, limit) + weighted_mean(&z, w)
}
