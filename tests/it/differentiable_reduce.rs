//! `#[differentiable]` through the reducers: every generated `jvp_`/`vjp_`/`grad_` is checked
//! with the gradient-check harness on random ragged arrays with empty lists.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_ragged, rng};
use awkdiff::prelude::*;

fn inputs(depth: usize) -> Vec<Array<f64>> {
    let mut r = rng(11 + depth as u64);
    let mut out: Vec<Array<f64>> = (0..4)
        .map(|_| random_ragged(&mut r, depth, 4, 0.5, 2.0))
        .collect();
    out.push(random_ragged(&mut r, depth, 0, 0.5, 2.0));
    out
}

/// The sum of every list's sum: the total, through two reducers.
#[differentiable]
fn total(x: &Array<f64>) -> f64 {
    x.sum(-1).sum_all()
}

#[differentiable]
fn sum_axis0(x: &Array<f64>) -> Array<f64> {
    x.sum(0)
}

#[differentiable]
fn prod_then_mean(x: &Array<f64>) -> Array<f64> {
    let p = x.prod(-1);
    p.mean(0)
}

#[differentiable]
fn max_min(x: &Array<f64>) -> (Array<f64>, Array<f64>) {
    (x.max(-1), x.min(-1))
}

#[test]
fn total_matches_the_harness() {
    for x in inputs(1) {
        assert_grads(total, jvp_total, |x, ct| vjp_total(x).1(*ct), &x);
        assert_eq!(grad_total(&x), Array::full_like(&x, 1.0));
    }
}

#[test]
fn sum_axis0_matches_the_harness() {
    for x in inputs(1).into_iter().chain(inputs(2)) {
        assert_grads(sum_axis0, jvp_sum_axis0, |x, ct| vjp_sum_axis0(x).1(ct), &x);
    }
}

#[test]
fn prod_then_mean_matches_the_harness() {
    for x in inputs(2) {
        assert_grads(
            prod_then_mean,
            jvp_prod_then_mean,
            |x, ct| vjp_prod_then_mean(x).1(ct),
            &x,
        );
    }
}

#[test]
fn max_min_matches_the_harness() {
    for x in inputs(1) {
        assert_grads(max_min, jvp_max_min, |x, ct| vjp_max_min(x).1(ct), &x);
    }
}
