use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> f64 {
    let mut s = x.sum_all();
    while s > 1.0 {
        s = s / 2.0;
    }
    s
}

fn main() {}
