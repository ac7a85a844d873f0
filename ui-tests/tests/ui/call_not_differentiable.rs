use awkdiff::prelude::*;

fn helper(x: &Array<f64>) -> Array<f64> {
    x.sum(0)
}

#[differentiable]
fn f(x: &Array<f64>) -> Array<f64> {
    let y = helper(x);
    y.sum(0)
}

fn main() {}
