use awkdiff::prelude::*;

#[differentiable]
fn f(x: &Array<f64>, y: &Array<f64>) -> Result<Array<f64>, Error> {
    let z = x.try_add(y)?;
    Ok(z.sum(0))
}

fn main() {}
