use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, #[no_grad] flip: Option<bool>) -> Array<f64> {
    let y = if let Some(true) = flip { -x } else { x.clone() };
    y.sum(0)
}

fn main() {}
