use awkdiff::prelude::*;

pub struct Config {
    pub scale: f64,
}

#[differentiable]
fn scaled(#[no_grad] config: &Config, x: &Array<f64>) -> f64 {
    (x * config.scale).sum_all()
}

pub struct Model {
    pub width: f64,
}

#[differentiable]
impl Model {
    pub fn grow(&mut self, x: &Array<f64>) -> Array<f64> {
        x * 2.0
    }
}

fn main() {}
