use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> Array<f64> {
    let total = |a: &Array<f64>| a.sum(0);
    total(x)
}

fn main() {}
