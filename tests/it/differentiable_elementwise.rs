//! `#[differentiable]` through every elementwise primitive (operators and ufunc methods),
//! with scalar parameters, broadcasting and generic floats. Every generated `jvp_`, `vjp_`
//! and `grad_` is checked with the gradient-check harness (JVP against central differences,
//! VJP against JVP) on random ragged arrays with empty lists and empty arrays.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_like, random_ragged, rng};
use awkdiff::prelude::*;

/// Random ragged inputs of depths 0 to 2 with leaves in `lo..hi`, including an empty array.
fn inputs(lo: f64, hi: f64) -> Vec<Array<f64>> {
    let mut r = rng(5);
    let mut out = Vec::new();
    for depth in 0..3 {
        for _ in 0..3 {
            out.push(random_ragged(&mut r, depth, 4, lo, hi));
        }
        out.push(random_ragged(&mut r, depth, 0, lo, hi));
    }
    out
}

/// A second array of the same structure as `x`, leaves in `lo..hi`.
fn like(x: &Array<f64>, seed: u64, lo: f64, hi: f64) -> Array<f64> {
    random_like(x, &mut rng(seed)).map(|v| lo + (v + 1.0) / 2.0 * (hi - lo))
}

#[differentiable]
fn poly(x: &Array<f64>) -> Array<f64> {
    x * x + x.sin()
}

#[differentiable]
fn softplus(x: &Array<f64>) -> Array<f64> {
    (x.exp() + 1.0).ln()
}

#[differentiable]
fn trig(x: &Array<f64>) -> Array<f64> {
    x.sin() * x.cos() + x.tan()
}

#[differentiable]
fn roots(x: &Array<f64>) -> Array<f64> {
    x.tanh() + x.abs().sqrt()
}

#[differentiable]
fn logs(x: &Array<f64>) -> Array<f64> {
    x.log10() - x.recip()
}

#[differentiable]
fn cube(x: &Array<f64>, n: i32) -> Array<f64> {
    x.powi(3) + x.powi(n)
}

#[differentiable]
fn power_scalar(x: &Array<f64>, p: f64) -> Array<f64> {
    x.powf(p)
}

#[differentiable]
fn power_array(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.pow(y)
}

#[differentiable]
fn spread(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.maximum(y) - x.minimum(y)
}

#[differentiable]
fn negated_ratio(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    -(x / y)
}

#[differentiable]
fn affine(x: &Array<f64>, a: f64, b: f64) -> Array<f64> {
    x * a + b
}

#[differentiable]
fn scalar_on_the_left(x: &Array<f64>, a: f64) -> Array<f64> {
    2.0 * x - a * x + a / x
}

#[differentiable]
fn per_list_weights(x: &Array<f64>, w: &Array<f64>) -> Array<f64> {
    x * w + w
}

#[differentiable]
fn scalars_only(a: f64, b: f64) -> f64 {
    a * b.sin() + a.exp() / b
}

#[differentiable]
fn owned_param(x: Array<f64>) -> Array<f64> {
    let y = x.exp();
    &y * &x
}

#[differentiable]
fn generic_scale<T: Float>(x: &Array<T>, s: T) -> Array<T> {
    x * s + x.sin()
}

#[test]
fn unary_methods_match_the_harness() {
    for x in inputs(0.5, 1.5) {
        assert_grads(poly, jvp_poly, |x, ct| vjp_poly(x).1(ct), &x);
        assert_grads(softplus, jvp_softplus, |x, ct| vjp_softplus(x).1(ct), &x);
        assert_grads(trig, jvp_trig, |x, ct| vjp_trig(x).1(ct), &x);
        assert_grads(roots, jvp_roots, |x, ct| vjp_roots(x).1(ct), &x);
        assert_grads(logs, jvp_logs, |x, ct| vjp_logs(x).1(ct), &x);
        assert_grads(
            |x| cube(x, 2),
            |x, t| jvp_cube(x, 2, t),
            |x, ct| vjp_cube(x, 2).1(ct),
            &x,
        );
        let x2 = x.clone();
        assert_grads(
            move |x: &Array<f64>| owned_param(x.clone()),
            |x: &Array<f64>, t: &Array<f64>| jvp_owned_param(x.clone(), t),
            |x: &Array<f64>, ct: &Array<f64>| vjp_owned_param(x.clone()).1(ct),
            &x2,
        );
    }
}

#[test]
fn binary_methods_match_the_harness() {
    for x in inputs(0.5, 1.5) {
        let y = like(&x, 3, 0.5, 1.5);
        let p = (x.clone(), 1.7);
        assert_grads(
            |(x, p)| power_scalar(x, *p),
            |(x, p), (dx, dp)| jvp_power_scalar(x, *p, dx, *dp),
            |(x, p), ct| vjp_power_scalar(x, *p).1(ct),
            &p,
        );
        let xy = (x, y);
        assert_grads(
            |(x, y)| power_array(x, y),
            |(x, y), (dx, dy)| jvp_power_array(x, y, dx, dy),
            |(x, y), ct| vjp_power_array(x, y).1(ct),
            &xy,
        );
        assert_grads(
            |(x, y)| spread(x, y),
            |(x, y), (dx, dy)| jvp_spread(x, y, dx, dy),
            |(x, y), ct| vjp_spread(x, y).1(ct),
            &xy,
        );
        assert_grads(
            |(x, y)| negated_ratio(x, y),
            |(x, y), (dx, dy)| jvp_negated_ratio(x, y, dx, dy),
            |(x, y), ct| vjp_negated_ratio(x, y).1(ct),
            &xy,
        );
    }
}

#[test]
fn scalar_parameters_match_the_harness() {
    for x in inputs(0.5, 1.5) {
        let p = (x.clone(), 0.7, -1.3);
        assert_grads(
            |(x, a, b)| affine(x, *a, *b),
            |(x, a, b), (dx, da, db)| jvp_affine(x, *a, *b, dx, *da, *db),
            |(x, a, b), ct| vjp_affine(x, *a, *b).1(ct),
            &p,
        );
        let q = (x, 0.9);
        assert_grads(
            |(x, a)| scalar_on_the_left(x, *a),
            |(x, a), (dx, da)| jvp_scalar_on_the_left(x, *a, dx, *da),
            |(x, a), ct| vjp_scalar_on_the_left(x, *a).1(ct),
            &q,
        );
    }
    let ab = (0.8, 1.9);
    assert_grads(
        |(a, b)| scalars_only(*a, *b),
        |(a, b), (da, db)| jvp_scalars_only(*a, *b, *da, *db),
        |(a, b), ct| vjp_scalars_only(*a, *b).1(*ct),
        &ab,
    );
    let (da, db) = grad_scalars_only(0.8, 1.9);
    assert!((da - (1.9f64.sin() + 0.8f64.exp() / 1.9)).abs() < 1e-12);
    assert!((db - (0.8 * 1.9f64.cos() - 0.8f64.exp() / (1.9 * 1.9))).abs() < 1e-12);
}

#[test]
fn broadcasting_a_lower_depth_array_matches_the_harness() {
    let mut r = rng(21);
    for _ in 0..4 {
        let x = random_ragged(&mut r, 1, 4, -1.0, 1.0);
        let w = random_like(&x.sum(-1), &mut r);
        let xw = (x, w);
        assert_grads(
            |(x, w)| per_list_weights(x, w),
            |(x, w), (dx, dw)| jvp_per_list_weights(x, w, dx, dw),
            |(x, w), ct| vjp_per_list_weights(x, w).1(ct),
            &xw,
        );
    }
}

#[test]
fn generic_functions_work_for_f64_and_f32() {
    for x in inputs(-1.0, 1.0) {
        let p = (x, 1.5);
        assert_grads(
            |(x, s)| generic_scale(x, *s),
            |(x, s), (dx, ds)| jvp_generic_scale(x, *s, dx, *ds),
            |(x, s), ct| vjp_generic_scale(x, *s).1(ct),
            &p,
        );
    }
    // f32: the values and derivatives of the same code (exact for these inputs).
    let x: Array<f32> = array![[1.0, 2.0], [], [0.5]];
    let t: Array<f32> = array![[1.0, 0.0], [], [2.0]];
    let (y, dy) = jvp_generic_scale(&x, 2.0f32, &t, 0.0);
    assert_eq!(y, &x * 2.0f32 + x.sin());
    assert_eq!(dy, &t * 2.0f32 + &t * x.cos());
}
