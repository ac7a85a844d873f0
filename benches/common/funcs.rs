//! The differentiated functions of the benchmarks, written as `#[differentiable]` expands
//! them (one primitive per statement, then the tangent statement calling the JVP rule; the
//! VJP's forward sweep, then the rules' VJPs in reverse), and their hand-derived loops.
//!
//! (e) `f(x) = sum(x * x + x.sin(), -1)`.

use awkdiff::rules::{self, Value};
use awkdiff::Array;

/// (e), primal.
pub fn f(x: &Array<f64>) -> Array<f64> {
    let x_mul = x * x;
    let x_sin = x.sin();
    let x_add = &x_mul + &x_sin;
    x_add.sum(-1)
}

/// (e), forward mode.
pub fn jvp_f(x: &Array<f64>, d_x: &Array<f64>) -> (Array<f64>, Array<f64>) {
    if let Err(e) = d_x.check_like(x, "tangent of parameter `x`") {
        panic!("{e}");
    }
    let x_mul = x * x;
    let d_x_mul = rules::mul_jvp_lhs(x, x, &x_mul, d_x);
    let d_x_mul = Value::add_value(&d_x_mul, &rules::mul_jvp_rhs(x, x, &x_mul, d_x));
    let x_sin = x.sin();
    let d_x_sin = rules::sin_jvp(x, &x_sin, d_x);
    let x_add = &x_mul + &x_sin;
    let d_x_add = rules::add_jvp_lhs(&x_mul, &x_sin, &x_add, &d_x_mul);
    let d_x_add = Value::add_value(&d_x_add, &rules::add_jvp_rhs(&x_mul, &x_sin, &x_add, &d_x_sin));
    let out = x_add.sum(-1);
    let d_out = rules::sum_jvp(&x_add, &out, -1, &d_x_add);
    (out, d_out)
}

/// (e), reverse mode: the value and the pullback.
pub fn vjp_f(x: &Array<f64>) -> (Array<f64>, impl Fn(&Array<f64>) -> Array<f64>) {
    let x_mul = x * x;
    let x_sin = x.sin();
    let x_add = &x_mul + &x_sin;
    let out = x_add.sum(-1);
    let x = x.clone();
    let y = out.clone();
    let pullback = move |ct_out: &Array<f64>| {
        if let Err(e) = ct_out.check_like(&y, "cotangent of the output") {
            panic!("{e}");
        }
        let ct_x_add = rules::sum_vjp(&x_add, &y, -1, ct_out);
        let ct_x_mul = rules::add_vjp_lhs(&x_mul, &x_sin, &x_add, &ct_x_add);
        let ct_x_sin = rules::add_vjp_rhs(&x_mul, &x_sin, &x_add, &ct_x_add);
        let ct_x = rules::sin_vjp(&x, &x_sin, &ct_x_sin);
        let ct_x = Value::add_value(&ct_x, &rules::mul_vjp_lhs(&x, &x, &x_mul, &ct_x_mul));
        Value::add_value(&ct_x, &rules::mul_vjp_rhs(&x, &x, &x_mul, &ct_x_mul))
    };
    (out, pullback)
}

/// (e), primal, by hand over offsets and values.
pub fn f_hand(offsets: &[i64], x: &[f64]) -> Vec<f64> {
    offsets
        .windows(2)
        .map(|w| {
            x[w[0] as usize..w[1] as usize]
                .iter()
                .map(|&v| v * v + v.sin())
                .sum()
        })
        .collect()
}

/// (e), forward mode by hand: `sum((2x + cos x) dx)` per list, with the value.
pub fn jvp_f_hand(offsets: &[i64], x: &[f64], dx: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut out = Vec::with_capacity(offsets.len() - 1);
    let mut d_out = Vec::with_capacity(offsets.len() - 1);
    for w in offsets.windows(2) {
        let (lo, hi) = (w[0] as usize, w[1] as usize);
        let (mut s, mut ds) = (0.0, 0.0);
        for (&v, &d) in x[lo..hi].iter().zip(&dx[lo..hi]) {
            let (sin, cos) = v.sin_cos();
            s += v * v + sin;
            ds += (2.0 * v + cos) * d;
        }
        out.push(s);
        d_out.push(ds);
    }
    (out, d_out)
}

/// (e), reverse mode by hand: the value, then `ct[list] * (2x + cos x)` for every value.
pub fn vjp_f_hand(offsets: &[i64], x: &[f64], ct: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let out = f_hand(offsets, x);
    let mut ct_x = Vec::with_capacity(x.len());
    for (w, &c) in offsets.windows(2).zip(ct) {
        ct_x.extend(
            x[w[0] as usize..w[1] as usize]
                .iter()
                .map(|&v| c * (2.0 * v + v.cos())),
        );
    }
    (out, ct_x)
}
