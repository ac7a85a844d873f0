use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, steps: &[usize]) -> Array<f64> {
    let mut y = x.clone();
    for _ in steps {
        y = y.sin();
    }
    y
}

fn main() {}
