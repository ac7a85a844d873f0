use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) {
    let _ = x.sum(0);
}

fn main() {}
