use awkdiff::prelude::*;

#[differentiable]
unsafe fn f(x: &Array<f64>) -> Array<f64> {
    x.sum(0)
}

fn main() {}
