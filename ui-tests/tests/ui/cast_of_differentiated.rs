use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> f32 {
    let s = x.sum_all();
    s as f32
}

fn main() {}
