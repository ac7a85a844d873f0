use awkdiff::prelude::*;

#[derive(Clone, Record)]
pub struct Jets<T: Float> {
    pub pt: Array<T>,
}

#[differentiable]
fn total(jets: &Jets<f64>, #[no_grad] pair: &(Array<f64>, Array<f64>)) -> f64 {
    let a = jets.pt.len.sum_all();
    a + pair.0.sum_all()
}

fn main() {}
