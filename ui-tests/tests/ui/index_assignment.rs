use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> Array<f64> {
    let mut y = x.sum(0);
    y[0] = 1.0;
    y
}

fn main() {}
