//! `#[differentiable]` with `for` loops over integer ranges: loop-carried scalars and
//! arrays, the index in non-differentiated positions, nested loops, branches inside loops;
//! every function through the gradient harness, and a 10,000-step recurrence in reverse mode.
#![deny(warnings)]

use awkdiff::check::{assert_grads, check_grads, random_ragged, rng, CheckOptions};
use awkdiff::prelude::*;

fn inputs() -> Vec<Array<f64>> {
    crate::support::positive_inputs(52)
}

/// A carried scalar: Horner's rule for `sum_k s^k` with the index in `powi`.
#[differentiable]
fn power_series(s: f64, n: usize) -> f64 {
    let mut acc = 0.0;
    for k in 0..n {
        acc += s.powi(k as i32) / ((k + 1) as f64);
    }
    acc
}

#[test]
fn carried_scalar_with_powi_of_the_index() {
    for n in [0, 1, 5] {
        for s in [0.3, -0.8, 1.2] {
            assert_grads(
                |s| power_series(*s, n),
                |s, ds| jvp_power_series(*s, n, *ds),
                |s, ct| vjp_power_series(*s, n).1(*ct),
                &s,
            );
        }
    }
}

/// A carried array, updated a fixed number of times; `..=`, `.rev()` and `.step_by`.
#[differentiable]
fn smoothing(x: &Array<f64>, w: f64, n: i64) -> Array<f64> {
    let mut y = x.clone();
    for _ in 0..n {
        y = (&y * w + x).sin();
    }
    for k in (1..=n).rev() {
        y = &y + (k as f64) * 0.1;
    }
    for _ in (0..n).step_by(2) {
        y = y.tanh() * w;
    }
    y
}

#[test]
fn carried_array_and_range_forms() {
    for x in inputs() {
        for n in [0, 1, 3] {
            assert_grads(
                |(x, w)| smoothing(x, *w, n),
                |(x, w), (dx, dw)| jvp_smoothing(x, *w, n, dx, *dw),
                |(x, w), ct| vjp_smoothing(x, *w, n).1(ct),
                &(x.clone(), 0.6),
            );
        }
    }
}

/// The index in `at` and `s![..]`, and a loop over a length.
#[differentiable]
fn row_products(x: &Array<f64>) -> f64 {
    let mut total = 0.0;
    for i in 0..x.len() {
        let row = x.at(i as isize);
        total += (&row * &row).sum_all() * (i as f64 + 1.0);
    }
    let tail = x.slice(s![x.len() / 2..]);
    total + tail.sum_all()
}

#[test]
fn index_in_at_and_slices() {
    let mut r = rng(53);
    for _ in 0..4 {
        let x = random_ragged(&mut r, 2, 4, 0.5, 1.5);
        assert_grads(
            row_products,
            jvp_row_products,
            |x, ct| vjp_row_products(x).1(*ct),
            &x,
        );
    }
}

/// Nested loops with a branch inside, two carried variables.
#[differentiable]
fn nested(x: &Array<f64>, s: f64, n: usize, m: usize) -> (Array<f64>, f64) {
    let mut y = x * s;
    let mut energy = s;
    for i in 0..n {
        for j in 0..m {
            if (i + j) % 2 == 0 {
                y = y.sin() + x;
            } else {
                energy += (&y * &y).sum_all() * 0.1;
            }
        }
        y *= s;
    }
    (y, energy)
}

#[test]
fn nested_loops_with_branches() {
    for x in inputs() {
        for (n, m) in [(0, 2), (2, 1), (2, 3)] {
            assert_grads(
                |(x, s)| nested(x, *s, n, m),
                |(x, s), (dx, ds)| jvp_nested(x, *s, n, m, dx, *ds),
                |(x, s), ct| vjp_nested(x, *s, n, m).1(ct),
                &(x.clone(), 0.9),
            );
        }
    }
}

/// `h = tanh(h * w + x[i % n])`, for `steps` steps.
#[differentiable]
fn recurrence(h0: &Array<f64>, w: &Array<f64>, x: &Array<f64>, steps: usize) -> f64 {
    let n = x.len();
    let mut h = h0.clone();
    for i in 0..steps {
        h = (&h * w + x.at((i % n) as isize)).tanh();
    }
    h.sum_all()
}

#[test]
fn ten_thousand_step_recurrence_in_reverse_mode() {
    let h0: Array<f64> = array![0.1, -0.2, 0.3];
    let w: Array<f64> = array![0.9, 0.5, -0.7];
    let x: Array<f64> = array![[0.5, -0.1, 0.2], [0.3, 0.4, -0.6], [-0.2, 0.1, 0.05]];
    let steps = 10_000;
    // Reverse mode against central finite differences (and forward mode).
    let options = CheckOptions::default();
    check_grads(
        |(h0, w, x)| recurrence(h0, w, x, steps),
        |(h0, w, x), (dh0, dw, dx)| jvp_recurrence(h0, w, x, steps, dh0, dw, dx),
        |(h0, w, x), ct| vjp_recurrence(h0, w, x, steps).1(*ct),
        &(h0.clone(), w.clone(), x.clone()),
        &options,
    )
    .unwrap();
    // The gradient itself against central differences on each input value.
    let (gh0, gw, gx) = grad_recurrence(&h0, &w, &x, steps);
    let eps = 1e-6;
    let f = |h0: &Array<f64>, w: &Array<f64>, x: &Array<f64>| recurrence(h0, w, x, steps);
    let bump = |a: &Array<f64>, k: usize, d: f64| {
        let mut v: Vec<f64> = a.content().to_vec();
        v[k] += d;
        a.with_content(v)
    };
    for k in 0..3 {
        let fd = (f(&bump(&h0, k, eps), &w, &x) - f(&bump(&h0, k, -eps), &w, &x)) / (2.0 * eps);
        assert!(
            (fd - gh0.content()[k]).abs() < 1e-6,
            "h0[{k}]: {fd} vs {}",
            gh0.content()[k]
        );
        let fd = (f(&h0, &bump(&w, k, eps), &x) - f(&h0, &bump(&w, k, -eps), &x)) / (2.0 * eps);
        assert!(
            (fd - gw.content()[k]).abs() < 1e-6,
            "w[{k}]: {fd} vs {}",
            gw.content()[k]
        );
    }
    for k in 0..9 {
        let fd = (f(&h0, &w, &bump(&x, k, eps)) - f(&h0, &w, &bump(&x, k, -eps))) / (2.0 * eps);
        assert!(
            (fd - gx.content()[k]).abs() < 1e-6,
            "x[{k}]: {fd} vs {}",
            gx.content()[k]
        );
    }
}

#[differentiable]
fn step(y: &Array<f64>, w: f64) -> Array<f64> {
    (y * w).sin() + y
}

/// Calls of a `#[differentiable]` function inside a loop and a branch without `else`; an
/// integer counter carried by the loop; a local `let mut` reassigned inside the body.
#[differentiable]
fn calls_in_loops(x: &Array<f64>, w: f64, n: usize) -> f64 {
    let mut y = x.clone();
    let mut calls = 0;
    for i in 0..n {
        let mut z = step(&y, w);
        z *= 0.5;
        if i % 2 == 1 {
            z = step(&z, w);
            calls += 1;
        }
        y = z;
    }
    y.sum_all() * (calls as f64 + 1.0)
}

#[test]
fn calls_branches_without_else_and_counters_in_loops() {
    for x in inputs() {
        for n in [0, 1, 4] {
            assert_grads(
                |(x, w)| calls_in_loops(x, *w, n),
                |(x, w), (dx, dw)| jvp_calls_in_loops(x, *w, n, dx, *dw),
                |(x, w), ct| vjp_calls_in_loops(x, *w, n).1(*ct),
                &(x.clone(), 0.7),
            );
        }
    }
}

/// A loop whose count comes from a differentiated value's value (`stop_gradient`): the
/// count has no derivative, the iterations do.
#[differentiable]
fn repeat_by_value(x: &Array<f64>, s: f64) -> f64 {
    let mut total = 0.0;
    for k in 0..(stop_gradient(s) as usize) {
        total += (x * s).sum_all() * (k as f64);
    }
    total
}

#[test]
fn loop_count_from_stop_gradient() {
    for x in inputs() {
        for s in [0.5, 2.5, 3.2] {
            assert_grads(
                |(x, s)| repeat_by_value(x, *s),
                |(x, s), (dx, ds)| jvp_repeat_by_value(x, *s, dx, *ds),
                |(x, s), ct| vjp_repeat_by_value(x, *s).1(*ct),
                &(x.clone(), s),
            );
        }
    }
}

/// `continue` and `break` under conditions that are not differentiated.
#[differentiable]
fn jumps(x: &Array<f64>, w: f64, stop: usize) -> f64 {
    let mut total = 0.0;
    let mut y = x * w;
    for i in 0..10 {
        if i % 3 == 1 {
            continue;
        }
        if i >= stop {
            break;
        }
        for j in 0..4 {
            if j > i {
                break;
            }
            y = (&y * w).sin();
        }
        total += y.sum_all() * w;
    }
    total
}

#[test]
fn break_and_continue() {
    for x in inputs() {
        for stop in [0, 2, 5, 20] {
            assert_grads(
                |(x, w)| jumps(x, *w, stop),
                |(x, w), (dx, dw)| jvp_jumps(x, *w, stop, dx, *dw),
                |(x, w), ct| vjp_jumps(x, *w, stop).1(*ct),
                &(x.clone(), 0.9),
            );
        }
    }
}
