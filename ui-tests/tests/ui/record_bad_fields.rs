use awkdiff::prelude::*;

#[derive(Clone, Record)]
struct Untagged {
    pt: Array<f64>,
    btag: Array<bool>,
}

#[derive(Clone, Record)]
struct Mixed {
    pt: Array<f64>,
    eta: Array<f32>,
}

#[derive(Clone, Record)]
struct TwoParams<T: Float, U: Float> {
    pt: Array<T>,
    eta: Array<U>,
}

fn main() {}
