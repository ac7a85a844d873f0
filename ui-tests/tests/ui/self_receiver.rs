use awkdiff::prelude::*;

struct Model;

impl Model {
    #[differentiable]
    fn forward(&self, x: &Array<f64>) -> Array<f64> {
        x.sum(0)
    }
}

fn main() {}
