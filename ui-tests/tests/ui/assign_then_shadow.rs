use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, flip: bool) -> Array<f64> {
    let mut y = x.clone();
    if flip {
        y = y.sin();
        let y = x.cos();
        let _unused = y;
    }
    y
}

fn main() {}
