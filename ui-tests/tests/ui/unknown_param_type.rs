use awkdiff::prelude::*;

struct Settings;

#[differentiable]
fn f(x: &Array<f64>, _settings: &Settings) -> Array<f64> {
    x.sum(0)
}

fn main() {}
