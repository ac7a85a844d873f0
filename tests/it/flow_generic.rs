//! `#[differentiable]` beyond straight-line code, continued: generic `T: Float` functions
//! with control flow used with f32 and f64, fallible functions with `?` on `try_*`
//! operations, and custom derivative rules; every function through the gradient harness.
#![deny(warnings)]

use awkdiff::check::{assert_grads, check_grads, rng, CheckOptions};
use awkdiff::prelude::*;

fn inputs() -> Vec<Array<f64>> {
    crate::support::positive_inputs(54)
}

fn to_f32(x: &Array<f64>) -> Array<f32> {
    x.map(|v| v as f32)
}

/// Generic over the float type, with a loop, a branch and a where clause.
#[differentiable]
pub fn damped<T>(x: &Array<T>, s: T, n: usize) -> Array<T>
where
    T: Float,
{
    let mut y = x * s;
    for k in 0..n {
        if k % 2 == 0 {
            y = (&y * s).sin();
        } else {
            y = &y + x;
        }
    }
    y
}

#[test]
fn generic_function_with_control_flow_in_f64() {
    for x in inputs() {
        for n in [0, 1, 4] {
            assert_grads(
                |(x, s)| damped(x, *s, n),
                |(x, s), (dx, ds)| jvp_damped(x, *s, n, dx, *ds),
                |(x, s), ct| vjp_damped(x, *s, n).1(ct),
                &(x.clone(), 0.8),
            );
        }
    }
}

#[test]
fn generic_function_with_control_flow_in_f32() {
    // f32 differences are coarse: a larger step and tolerance.
    let options = CheckOptions {
        eps: 1e-2,
        fd_tol: 2e-2,
        dot_tol: 1e-4,
        ..CheckOptions::default()
    };
    for x in inputs() {
        let x = to_f32(&x);
        for n in [0, 1, 4] {
            check_grads(
                |(x, s)| damped(x, *s, n),
                |(x, s), (dx, ds)| jvp_damped(x, *s, n, dx, *ds),
                |(x, s), ct| vjp_damped(x, *s, n).1(ct),
                &(x.clone(), 0.8f32),
                &options,
            )
            .unwrap();
        }
    }
    // The same code in both precisions agrees.
    let x64: Array<f64> = array![[0.5, 1.0], [], [0.25]];
    let (g64, _) = jvp_damped(&x64, 0.8, 3, &x64, 1.0);
    let (g32, _) = jvp_damped(&to_f32(&x64), 0.8f32, 3, &to_f32(&x64), 1.0);
    for (a, b) in g64.content().iter().zip(g32.content()) {
        assert!((a - *b as f64).abs() < 1e-5);
    }
}

/// A fallible function: `?` on `try_*` operations, inside a loop and a branch.
#[differentiable]
fn fallible(x: &Array<f64>, w: &Array<f64>, n: usize) -> Result<f64, Error> {
    let mut y = x.try_mul(w)?;
    for _ in 0..n {
        y = y.try_add(x)?.tanh();
    }
    if n > 1 {
        return Ok(y.try_sum(-1)?.sum_all());
    }
    Ok(y.sum_all())
}

#[test]
fn result_with_question_mark() {
    let mut r = rng(55);
    for x in inputs() {
        let w = awkdiff::check::random_like(&x, &mut r);
        for n in [0, 1, 3] {
            assert_grads(
                |(x, w)| fallible(x, w, n).unwrap(),
                |(x, w), (dx, dw)| jvp_fallible(x, w, n, dx, dw).unwrap(),
                |(x, w), ct| vjp_fallible(x, w, n).unwrap().1(*ct).unwrap(),
                &(x.clone(), w.clone()),
            );
        }
        if x.ndim() >= 2 {
            assert_grads(
                |x| fallible_pair(x).unwrap(),
                |x, dx| jvp_fallible_pair(x, dx).unwrap(),
                |x, ct| vjp_fallible_pair(x).unwrap().1(ct).unwrap(),
                &x,
            );
        }
    }
}

#[test]
fn errors_propagate_from_both_sweeps() {
    let x: Array<f64> = array![[1.0, 2.0], [3.0]];
    let w: Array<f64> = array![[1.0], [3.0]];
    // Forward sweep: the primal's error.
    let message = "cannot broadcast";
    let Err(forward) = vjp_fallible(&x, &w, 1) else {
        panic!("an error")
    };
    let forward = forward.to_string();
    assert!(forward.contains(message), "{forward}");
    let tangent = jvp_fallible(&x, &w, 1, &x, &w).unwrap_err().to_string();
    assert!(tangent.contains(message), "{tangent}");
    // Reverse sweep: a pullback of a tuple output with a cotangent of the wrong structure.
    let (_, pullback) = vjp_fallible_pair(&x).unwrap();
    let error = pullback(&(array![1.0], 1.0)).unwrap_err();
    assert!(
        error.to_string().contains("cotangent of output 0"),
        "{error}"
    );
}

#[differentiable]
fn fallible_pair(x: &Array<f64>) -> Result<(Array<f64>, f64), Error> {
    let y = x.try_sum(-1)?;
    let mut total = 0.0;
    for i in 0..x.len() {
        total += x.at(i as isize).sum_all();
    }
    Ok((y, total))
}

// ---------------------------------------------------------------------------------------
// Custom rules.

/// `log(1 + exp(x))` computed stably (the body is not differentiated: the rules are ours).
#[differentiable(jvp = softplus_jvp, vjp = softplus_vjp)]
fn softplus(x: &Array<f64>) -> Array<f64> {
    x.map(|v| {
        if v > 0.0 {
            v + (-v).exp().ln_1p()
        } else {
            v.exp().ln_1p()
        }
    })
}

fn sigmoid(x: &Array<f64>) -> Array<f64> {
    x.map(|v| 1.0 / (1.0 + (-v).exp()))
}

fn softplus_jvp(x: &Array<f64>, dx: &Array<f64>) -> (Array<f64>, Array<f64>) {
    (softplus(x), sigmoid(x) * dx)
}

fn softplus_vjp(x: &Array<f64>) -> (Array<f64>, impl Fn(&Array<f64>) -> Array<f64>) {
    let s = sigmoid(x);
    (softplus(x), move |ct: &Array<f64>| &s * ct)
}

/// A caller of the custom-rule function: its derivatives go through the rules.
#[differentiable]
fn softplus_loss(x: &Array<f64>, s: f64) -> f64 {
    let y = softplus(&(x * s));
    y.sum_all()
}

#[test]
fn custom_rules_take_part_in_callers() {
    for x in inputs() {
        assert_grads(softplus, jvp_softplus, |x, ct| vjp_softplus(x).1(ct), &x);
        assert_grads(
            |(x, s)| softplus_loss(x, *s),
            |(x, s), (dx, ds)| jvp_softplus_loss(x, *s, dx, *ds),
            |(x, s), ct| vjp_softplus_loss(x, *s).1(*ct),
            &(x.clone(), 1.3),
        );
    }
    // Stable where the naive formula overflows: the rule gives the exact gradient.
    let big: Array<f64> = array![800.0, -800.0];
    let g = grad_softplus_loss(&big, 1.0);
    assert_eq!(g.0, array![1.0, 0.0]);
}

/// A custom VJP only (the JVP is generated from the body), scalar output.
#[differentiable(vjp = cube_sum_vjp)]
fn cube_sum(x: &Array<f64>) -> f64 {
    (x * x * x).sum_all()
}

fn cube_sum_vjp(x: &Array<f64>) -> (f64, impl Fn(f64) -> Array<f64>) {
    let three_x2 = x * x * 3.0;
    ((x * x * x).sum_all(), move |ct: f64| &three_x2 * ct)
}

#[test]
fn custom_vjp_with_generated_jvp() {
    for x in inputs() {
        assert_grads(cube_sum, jvp_cube_sum, |x, ct| vjp_cube_sum(x).1(*ct), &x);
        assert_eq!(grad_cube_sum(&x), &x * &x * 3.0);
    }
}
