use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, s: f64) -> Array<f64> {
    let mut y = x.clone();
    for _ in 0..(s as usize) {
        y = y.sin();
    }
    y
}

fn main() {}
