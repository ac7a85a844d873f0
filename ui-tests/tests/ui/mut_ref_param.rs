use awkdiff::prelude::*;

#[differentiable]
fn f(x: &mut Array<f64>) -> Array<f64> {
    x.sum(0)
}

fn main() {}
