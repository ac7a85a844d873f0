use awkdiff::prelude::*;

#[differentiable(jvp = bad_jvp, vjp = bad_vjp)]
fn softplus(x: &Array<f64>) -> Array<f64> {
    x.map(|v| v.exp().ln_1p())
}

// Forgets the tangent argument.
fn bad_jvp(x: &Array<f64>) -> (Array<f64>, Array<f64>) {
    (softplus(x), x.clone())
}

// Its pullback takes the cotangent by value.
fn bad_vjp(x: &Array<f64>) -> (Array<f64>, impl Fn(Array<f64>) -> Array<f64>) {
    (softplus(x), |ct: Array<f64>| ct)
}

fn main() {}
