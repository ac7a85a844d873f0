use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, n: usize) -> Array<f64> {
    let mut y = x.clone();
    for i in 0..n {
        if i == 2 {
            return y;
        }
        y = y.sin();
    }
    y
}

fn main() {}
