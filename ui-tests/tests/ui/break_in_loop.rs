use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, n: usize) -> Array<f64> {
    let mut y = x.clone();
    for i in 0..n {
        if i < 3 {
            y = y.sin();
        } else {
            break;
        }
    }
    y
}

fn main() {}
