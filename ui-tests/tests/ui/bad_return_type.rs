use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> Vec<f64> {
    x.content().to_vec()
}

fn main() {}
