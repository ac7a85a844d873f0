use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> Array<f64> {
    let y = x.sum(0);
    y.zeros_like()
}

fn main() {}
