use awkdiff::prelude::*;

#[derive(Clone, Record)]
enum NotAStruct {
    Pt(Array<f64>),
}

#[derive(Clone, Record)]
struct Tuple(Array<f64>, Array<f64>);

#[derive(Clone, Record)]
struct Empty {}

#[derive(Clone, Record)]
struct Nested<T: Float> {
    pt: Array<T>,
    muons: Vec<Array<T>>,
}

fn main() {}
