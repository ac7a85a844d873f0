//! `#[differentiable]` bodies beyond one expression: bindings, shadowing, reassignment,
//! tuples, calls to other differentiated functions (by name and by path), `stop_gradient`,
//! `#[no_grad]` and integer parameters, and the structure checks of tangents/cotangents.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_like, rng};
use awkdiff::prelude::*;

fn inputs() -> Vec<Array<f64>> {
    crate::support::positive_inputs(8)
}

/// Half the sum of squares.
#[differentiable]
pub fn energy(x: &Array<f64>) -> f64 {
    let squares = x * x;
    squares.sum_all() * 0.5
}

#[differentiable]
fn value_and_total(x: &Array<f64>) -> (Array<f64>, f64) {
    let y = x.exp();
    let total = y.sum_all();
    (y, total)
}

#[differentiable]
fn repeated_output(x: &Array<f64>) -> (Array<f64>, Array<f64>) {
    let y = x.sin();
    (y.clone(), y)
}

#[differentiable]
fn rebinding(x: &Array<f64>) -> Array<f64> {
    let mut y = x * 2.0;
    y = y.sin();
    let y = y + x;

    &y * &y
}

#[differentiable]
fn compound_assignment(x: &Array<f64>, s: f64) -> f64 {
    let mut acc = x.sum_all();
    acc += s * s;
    acc *= s;
    acc -= x.cos().sum_all();
    acc /= 2.0;
    acc
}

#[differentiable]
fn identity(x: &Array<f64>) -> Array<f64> {
    x.clone()
}

mod layers {
    use awkdiff::prelude::*;

    /// A layer in another module, called by path.
    #[differentiable]
    pub fn squash(x: &Array<f64>, gain: f64) -> Array<f64> {
        (x * gain).tanh()
    }
}

#[differentiable]
fn calls(x: &Array<f64>, w: f64) -> f64 {
    let (y, total) = value_and_total(x);
    let z = layers::squash(&y, w);
    energy(&z) + total * w
}

#[differentiable]
fn calls_with_constants(x: &Array<f64>) -> Array<f64> {
    let a = layers::squash(x, 0.5);
    let b = identity(&a);
    let (c, d) = repeated_output(&b);
    c + d
}

#[differentiable]
fn stopped(x: &Array<f64>) -> Array<f64> {
    x * stop_gradient(x)
}

#[differentiable]
fn weighted_sum(x: &Array<f64>, #[no_grad] w: &Array<f64>, axis: isize) -> Array<f64> {
    (x * w).sum(axis)
}

#[differentiable]
fn normalized(x: &Array<f64>) -> f64 {
    let n = x.len() as f64;
    let big = x.gt(1.0).counts();
    x.sum_all() / n + big.len() as f64
}

#[differentiable]
fn integer_exponent(x: &Array<f64>, n: usize) -> Array<f64> {
    x.powi(n as i32) + array![1.0, 2.0].sum_all()
}

#[differentiable]
fn ignores_its_scale(x: &Array<f64>, _s: f64) -> (f64, f32) {
    (x.exp().sum_all(), 2.0)
}

#[test]
fn parameters_and_outputs_without_derivative_get_zeros() {
    for x in inputs() {
        let p = (x.clone(), 3.0);
        let (value, (dv, dc)) = jvp_ignores_its_scale(&x, 3.0, &x, 1.0);
        assert_eq!(value, ignores_its_scale(&x, 3.0));
        assert_eq!(dc, 0.0);
        assert_eq!(dv, (x.exp() * &x).sum_all());
        let (_, pullback) = vjp_ignores_its_scale(&x, 3.0);
        let (ct_x, ct_s) = pullback(&(1.0, 5.0));
        assert_eq!(ct_x, x.exp());
        assert_eq!(ct_s, 0.0);
        assert_grads(
            |(x, s)| ignores_its_scale(x, *s).0,
            |(x, s), (dx, ds)| {
                let (v, d) = jvp_ignores_its_scale(x, *s, dx, *ds);
                (v.0, d.0)
            },
            |(x, s), ct| vjp_ignores_its_scale(x, *s).1(&(*ct, 0.0)),
            &p,
        );
    }
}

/// A fallible function: its generated functions report structure mismatches as `Err`.
#[differentiable]
fn checked_energy(x: &Array<f64>, y: &Array<f64>) -> Result<f64, Error> {
    let d = x - y;
    Ok((&d * &d).sum_all())
}

#[test]
fn fallible_functions_return_structure_errors() {
    for x in inputs() {
        let y = random_like(&x, &mut rng(4));
        let p = (x.clone(), y.clone());
        assert_grads(
            |(x, y)| checked_energy(x, y).unwrap(),
            |(x, y), (dx, dy)| jvp_checked_energy(x, y, dx, dy).unwrap(),
            |(x, y), ct| vjp_checked_energy(x, y).unwrap().1(*ct).unwrap(),
            &p,
        );
        let (gx, gy) = grad_checked_energy(&x, &y).unwrap();
        assert_eq!(gx, (&x - &y) * 2.0);
        assert_eq!(gy, (&y - &x) * 2.0);
    }
    let x = array![[1.0, 2.0], [], [3.0]];
    let wrong = array![[1.0], [2.0, 3.0]];
    let error = jvp_checked_energy(&x, &x, &x, &wrong).unwrap_err();
    assert_eq!(
        error.to_string(),
        "structure mismatch in tangent of parameter `y`: expected 3 * var * float64, got 2 * var * float64: lengths 3 and 2 differ"
    );
}

/// Lifetimes, where clauses and lint attributes are kept.
#[differentiable]
#[allow(clippy::needless_lifetimes)]
pub(crate) fn scaled_total<'a, T>(x: &'a Array<T>, s: T) -> T
where
    T: Float,
{
    (x * s).sum_all()
}

#[test]
fn lifetimes_and_where_clauses_are_kept() {
    for x in inputs() {
        let p = (x.clone(), 0.5);
        assert_grads(
            |(x, s)| scaled_total(x, *s),
            |(x, s), (dx, ds)| jvp_scaled_total(x, *s, dx, *ds),
            |(x, s), ct| vjp_scaled_total(x, *s).1(*ct),
            &p,
        );
        let (gx, gs) = grad_scaled_total(&x, 0.5);
        assert_eq!(gx, Array::full_like(&x, 0.5));
        assert_eq!(gs, x.sum_all());
    }
}

#[test]
fn scalar_output_has_a_gradient() {
    for x in inputs() {
        assert_grads(energy, jvp_energy, |x, ct| vjp_energy(x).1(*ct), &x);
        assert_eq!(grad_energy(&x), x);
    }
}

#[test]
fn tuple_outputs_match_the_harness() {
    for x in inputs() {
        assert_grads(
            value_and_total,
            jvp_value_and_total,
            |x, ct| vjp_value_and_total(x).1(ct),
            &x,
        );
        assert_grads(
            repeated_output,
            jvp_repeated_output,
            |x, ct| vjp_repeated_output(x).1(ct),
            &x,
        );
    }
}

#[test]
fn rebinding_and_compound_assignment_match_the_harness() {
    for x in inputs() {
        assert_grads(rebinding, jvp_rebinding, |x, ct| vjp_rebinding(x).1(ct), &x);
        assert_grads(identity, jvp_identity, |x, ct| vjp_identity(x).1(ct), &x);
        let p = (x, 1.3);
        assert_grads(
            |(x, s)| compound_assignment(x, *s),
            |(x, s), (dx, ds)| jvp_compound_assignment(x, *s, dx, *ds),
            |(x, s), ct| vjp_compound_assignment(x, *s).1(*ct),
            &p,
        );
    }
}

#[test]
fn calls_of_differentiated_functions_match_the_harness() {
    for x in inputs() {
        let p = (x.clone(), 0.8);
        assert_grads(
            |(x, w)| calls(x, *w),
            |(x, w), (dx, dw)| jvp_calls(x, *w, dx, *dw),
            |(x, w), ct| vjp_calls(x, *w).1(*ct),
            &p,
        );
        let (gx, gw) = grad_calls(&x, 0.8);
        let (_, pullback) = vjp_calls(&x, 0.8);
        assert_eq!(pullback(1.0), (gx, gw));
        assert_grads(
            calls_with_constants,
            jvp_calls_with_constants,
            |x, ct| vjp_calls_with_constants(x).1(ct),
            &x,
        );
    }
}

#[test]
fn stop_gradient_blocks_the_derivative() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let t = array![[1.0, 1.0], [], [2.0]];
    let (y, dy) = jvp_stopped(&x, &t);
    assert_eq!(y, array![[1.0, 4.0], [], [9.0]]);
    assert_eq!(stopped(&x), y);
    // d(x * c) = c dx with c = x held constant: not 2 x dx.
    assert_eq!(dy, array![[1.0, 2.0], [], [6.0]]);
    let (_, pullback) = vjp_stopped(&x);
    assert_eq!(pullback(&t), array![[1.0, 2.0], [], [6.0]]);
}

#[test]
fn no_grad_and_integer_parameters_pass_through() {
    for x in inputs() {
        let w = random_like(&x, &mut rng(2));
        for axis in [0, -1] {
            assert_grads(
                |x| weighted_sum(x, &w, axis),
                |x, t| jvp_weighted_sum(x, &w, axis, t),
                |x, ct| vjp_weighted_sum(x, &w, axis).1(ct),
                &x,
            );
        }
        assert_grads(
            |x| integer_exponent(x, 3),
            |x, t| jvp_integer_exponent(x, 3, t),
            |x, ct| vjp_integer_exponent(x, 3).1(ct),
            &x,
        );
    }
}

#[test]
fn non_differentiated_methods_give_constants() {
    for x in inputs().into_iter().filter(|x| !x.is_empty()) {
        assert_grads(
            normalized,
            jvp_normalized,
            |x, ct| vjp_normalized(x).1(*ct),
            &x,
        );
    }
}

#[test]
fn the_pullback_can_be_called_many_times_and_outlives_its_input() {
    let pullback = {
        let x = array![[1.0, 2.0], [], [3.0]];
        vjp_rebinding(&x).1
    };
    let ct = array![[1.0, 0.0], [], [0.0]];
    let first = pullback(&ct);
    assert_eq!(pullback(&ct), first);
}

fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let error = std::panic::catch_unwind(f).expect_err("should panic");
    error
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| error.downcast_ref::<&str>().unwrap_or(&"").to_string())
}

#[test]
fn a_tangent_of_the_wrong_structure_is_reported() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let wrong = array![[1.0], [2.0, 3.0]];
    let message = panic_message(|| {
        jvp_rebinding(&x, &wrong);
    });
    assert_eq!(
        message,
        "structure mismatch in tangent of parameter `x`: expected 3 * var * float64, got 2 * var * float64: lengths 3 and 2 differ"
    );
}

#[test]
fn a_cotangent_of_the_wrong_structure_is_reported() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let (_, pullback) = vjp_rebinding(&x);
    let message = panic_message(move || {
        pullback(&array![[1.0, 2.0, 3.0]]);
    });
    assert_eq!(
        message,
        "structure mismatch in cotangent of the output: expected 3 * var * float64, got 1 * var * float64: lengths 3 and 1 differ"
    );
}

/// Pairs inside a body: the indices of `argcombinations` are constants (no derivative).
#[differentiable]
fn pair_weighted(x: &Array<f64>) -> f64 {
    let (i, j) = x.argcombinations::<2>();
    let pairs = i.len() + j.len();
    x.sum_all() * (pairs as f64)
}

#[test]
fn tuple_patterns_bind_methods_without_derivative() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0]];
    assert_eq!(pair_weighted(&x), 10.0 * 6.0);
    let (_, dy) = jvp_pair_weighted(&x, &x.full_like(1.0));
    assert_eq!(dy, 4.0 * 6.0);
}

/// A helper with `#[no_grad]` float parameters (weights and a scale it is not differentiated
/// in), called from other differentiable functions that differentiate those arguments in
/// their own right.
#[differentiable]
fn weighted_energy(x: &Array<f64>, #[no_grad] weights: &Array<f64>, #[no_grad] scale: f64) -> f64 {
    (x * x * weights).sum_all() * scale
}

/// Passes its own differentiated `w` where the helper does not differentiate it: the
/// derivative with respect to `w` comes only from the second term.
#[differentiable]
fn energy_and_norm(x: &Array<f64>, w: &Array<f64>, s: f64) -> f64 {
    weighted_energy(x, w, s) + (w * w).sum_all() * s
}

/// The same helper with a by-value `#[no_grad]` array, inside a fallible caller.
#[differentiable]
fn shifted(x: Array<f64>, #[no_grad] shift: Array<f64>) -> Array<f64> {
    x.exp() + shift
}

#[differentiable]
fn shifted_sum(x: &Array<f64>, t: &Array<f64>) -> f64 {
    let y = shifted(x.clone(), t.clone());
    y.sum_all()
}

#[test]
fn calls_of_functions_with_no_grad_float_parameters_differentiate() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let w = array![[0.5, 1.5], [], [2.0]];
    let s = 0.7;
    // The helper's own derivative only in x.
    let grad_x = grad_weighted_energy(&x, &w, s);
    assert_eq!(grad_x, array![[1.0 * 0.7, 6.0 * 0.7], [], [12.0 * 0.7]]);
    // The caller: d/dw = 0 from the helper (no_grad there) + 2 w s; d/ds from both terms
    // would need the helper's ds, which is zero: s only through the second term.
    let (gx, gw, gs) = grad_energy_and_norm(&x, &w, s);
    assert_eq!(gx, grad_x);
    assert_eq!(gw, &w * (2.0 * s));
    assert!((gs - (&w * &w).sum_all()).abs() < 1e-12);
    let (_, dy) = jvp_energy_and_norm(&x, &w, s, &x.full_like(1.0), &w.full_like(1.0), 1.0);
    let expected = grad_x.sum_all() + gw.sum_all() + gs;
    assert!(
        (energy_and_norm(&x, &w, s) - weighted_energy(&x, &w, s) - (&w * &w).sum_all() * s).abs()
            < 1e-12
    );
    assert!((dy - expected).abs() < 1e-12, "{dy} vs {expected}");
    let t = array![[1.0, 1.0], [], [1.0]];
    assert_eq!(shifted_sum(&x, &t), (x.exp() + &t).sum_all());
    assert_eq!(grad_shifted_sum(&x, &t).0, x.exp());
    assert_eq!(grad_shifted_sum(&x, &t).1, t.zeros_like());
}
