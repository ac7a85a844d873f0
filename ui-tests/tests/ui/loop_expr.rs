use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>) -> f64 {
    let s = x.sum_all();
    loop {
        break;
    }
    s
}

fn main() {}
