use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, axis: isize) -> Array<f64> {
    match axis {
        0 => x.sum(0),
        _ => x.sum(-1),
    }
}

fn main() {}
