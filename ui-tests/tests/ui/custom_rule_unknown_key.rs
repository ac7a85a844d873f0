use awkdiff::prelude::*;

#[differentiable(grad = my_grad)]
fn f(x: &Array<f64>) -> Array<f64> {
    x.exp()
}

fn main() {}
