//! `#[differentiable]` with `if`/`else`: statements and expressions, conditions on
//! parameters, lengths and float values; every function through the gradient harness.
#![deny(warnings)]

use awkdiff::check::assert_grads;
use awkdiff::prelude::*;

fn inputs() -> Vec<Array<f64>> {
    crate::support::positive_inputs(51)
}

#[differentiable]
fn flip_sum(x: &Array<f64>, flip: bool) -> Array<f64> {
    let y = if flip { -x } else { x.exp() };
    y.sum(0)
}

#[test]
fn if_expression_on_a_bool_parameter() {
    for x in inputs() {
        for flip in [true, false] {
            assert_grads(
                |x| flip_sum(x, flip),
                |x, dx| jvp_flip_sum(x, flip, dx),
                |x, ct| vjp_flip_sum(x, flip).1(ct),
                &x,
            );
        }
    }
}

/// Branch statements that reassign `let mut` variables of the enclosing scope, `else if`,
/// and a branch that binds locals.
#[differentiable]
fn piecewise(x: &Array<f64>, s: f64, mode: i64) -> f64 {
    let mut y = x * s;
    let mut scale = s;
    if mode == 0 {
        y = y.sin();
    } else if mode == 1 {
        let t = y.tanh();
        y = &t * &t;
        scale *= 2.0;
    } else {
        scale = s * s;
    }
    y.sum_all() * scale
}

#[test]
fn statements_reassigning_outer_variables() {
    for x in inputs() {
        for mode in 0..3 {
            assert_grads(
                |(x, s)| piecewise(x, *s, mode),
                |(x, s), (dx, ds)| jvp_piecewise(x, *s, mode, dx, *ds),
                |(x, s), ct| vjp_piecewise(x, *s, mode).1(*ct),
                &(x.clone(), 0.7),
            );
        }
    }
}

/// The condition compares float values: the value decides, no derivative flows through it.
#[differentiable]
fn clipped_energy(x: &Array<f64>, limit: f64) -> f64 {
    let e = (x * x).sum_all();
    if e > limit {
        limit + (e - limit).ln()
    } else {
        e
    }
}

#[test]
fn condition_on_a_float_value() {
    for x in inputs() {
        for limit in [0.5, 3.0, 100.0] {
            assert_grads(
                |(x, l)| clipped_energy(x, *l),
                |(x, l), (dx, dl)| jvp_clipped_energy(x, *l, dx, *dl),
                |(x, l), ct| vjp_clipped_energy(x, *l).1(*ct),
                &(x.clone(), limit),
            );
        }
    }
}

/// The condition is a length; one branch returns a constant.
#[differentiable]
fn mean_or_zero(x: &Array<f64>) -> f64 {
    if x.is_empty() {
        0.0
    } else {
        x.sum_all() / (x.len() as f64)
    }
}

#[test]
fn condition_on_a_length_and_constant_branch() {
    for x in inputs() {
        assert_grads(
            mean_or_zero,
            jvp_mean_or_zero,
            |x, ct| vjp_mean_or_zero(x).1(*ct),
            &x,
        );
    }
}

/// Early returns in branches (guard clauses), the rest after them.
#[differentiable]
fn guarded(x: &Array<f64>, s: f64, k: i64) -> f64 {
    if k < 0 {
        return s * s;
    }
    let y = x.sum_all() * s;
    if k == 0 {
        let z = y.sin();
        return z + s;
    } else if k == 1 {
        return y * y;
    }
    y.exp()
}

#[test]
fn early_returns() {
    for x in inputs() {
        for k in -1..3 {
            assert_grads(
                |(x, s)| guarded(x, *s, k),
                |(x, s), (dx, ds)| jvp_guarded(x, *s, k, dx, *ds),
                |(x, s), ct| vjp_guarded(x, *s, k).1(*ct),
                &(x.clone(), 0.3),
            );
        }
    }
}

/// An `if` with an array result, nested in another branch.
#[differentiable]
fn nested_branches(x: &Array<f64>, a: bool, b: bool) -> Array<f64> {
    let y = if a {
        let t = x.exp();
        if b {
            t.sum(-1)
        } else {
            (&t * x).sum(-1)
        }
    } else {
        x.cos().sum(-1)
    };
    y * 2.0
}

#[test]
fn nested_if_expressions() {
    for x in inputs() {
        for (a, b) in [(true, true), (true, false), (false, true)] {
            assert_grads(
                |x| nested_branches(x, a, b),
                |x, dx| jvp_nested_branches(x, a, b, dx),
                |x, ct| vjp_nested_branches(x, a, b).1(ct),
                &x,
            );
        }
    }
}

/// A tuple-returning function with an early return and a tuple-valued `if` at the end.
#[differentiable]
fn split(x: &Array<f64>, s: f64, k: i64) -> (Array<f64>, f64) {
    if k < 0 {
        return (x * s, s);
    }
    let y = x.sin();
    if k == 0 {
        (y.sum(-1), s * s)
    } else {
        let t = (&y * s).sum_all();
        (y.exp().sum(-1), t)
    }
}

#[test]
fn tuple_valued_branches() {
    for x in inputs() {
        for k in -1..2 {
            assert_grads(
                |(x, s)| split(x, *s, k),
                |(x, s), (dx, ds)| jvp_split(x, *s, k, dx, *ds),
                |(x, s), ct| vjp_split(x, *s, k).1(ct),
                &(x.clone(), 0.4),
            );
        }
    }
}
