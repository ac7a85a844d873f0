use awkdiff::prelude::*;

#[differentiable]
fn joined(a: &Array<f64>, b: &Array<f64>) -> Array<f64> {
    concatenate(a, b)
}

#[differentiable]
fn picked(x: &Array<f64>, s: f64) -> f64 {
    x.item(&[s, 0.0])
}

fn main() {}
