use awkdiff::prelude::*;

#[differentiable]
fn two_arguments(x: &Array<f64>) -> Array<f64> {
    where_(&x.gt(0.0), x)
}

#[differentiable]
fn fallible_form_without_result(x: &Array<f64>) -> Array<f64> {
    try_where_(&x.gt(0.0), x, 0.0)
}

#[differentiable]
fn differentiated_bounds(x: &Array<f64>, lo: f64) -> Array<f64> {
    x.clamp(lo, 1.0)
}

fn main() {}
