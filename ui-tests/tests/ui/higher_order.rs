use awkdiff::prelude::*;

#[differentiable]
fn energy(x: &Array<f64>) -> f64 {
    (x * x).sum_all()
}

#[differentiable]
fn gradient_norm(x: &Array<f64>) -> f64 {
    let g = grad_energy(x);
    (&g * &g).sum_all()
}

fn main() {}
