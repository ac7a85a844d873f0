use awkdiff::prelude::*;

#[differentiable]
struct Model {
    weights: Array<f64>,
}

fn main() {}
