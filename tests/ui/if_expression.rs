use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, flip: bool) -> Array<f64> {
    let y = if flip { -x } else { x.clone() };
    y.sum(0)
}

fn main() {}
