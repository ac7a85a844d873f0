use awkdiff::prelude::*;

fn helper(x: &Array<f64>) -> Result<Array<f64>, Error> {
    x.try_sum(0)
}

#[differentiable]
fn f(x: &Array<f64>) -> Result<Array<f64>, Error> {
    let z = helper(x)?;
    Ok(z.exp())
}

fn main() {}
