//! Data, functions and criterion settings shared by the benchmarks (the library of the
//! `awkdiff-benches` package).
#![allow(dead_code)]

pub mod data;
pub mod funcs;

use std::sync::OnceLock;
use std::time::Duration;

use awkdiff::Array;
use criterion::Criterion;

/// The benchmark inputs: plain `Vec`s for the hand-written loops and the same values as
/// awkdiff arrays (`x`, `y`, `z` share one offsets buffer).
pub struct Inputs {
    pub offsets: Vec<i64>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub z: Vec<f64>,
    pub ax: Array<f64>,
    pub ay: Array<f64>,
    pub az: Array<f64>,
}

/// The inputs, built once per benchmark binary.
pub fn inputs() -> &'static Inputs {
    static INPUTS: OnceLock<Inputs> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let [x, y, z] = [0, 1, 2].map(data::ragged);
        let flat = |v: &Vec<f64>| Array::from_vec(v.clone());
        let ax = Array::from_offsets(x.offsets.clone(), flat(&x.content)).unwrap();
        let ay = ax.with_content(y.content.clone());
        let az = ax.with_content(z.content.clone());
        Inputs {
            offsets: x.offsets,
            x: x.content,
            y: y.content,
            z: z.content,
            ax,
            ay,
            az,
        }
    })
}

/// (g) The up to 6 leading jets of each event of the inputs: `pt = exp(x)`, `eta = y`,
/// `phi = 3 x`, and a tangent record (`z`, `y`, `x` on the same jets), all materialised.
pub fn jets() -> (funcs::Jets<f64>, funcs::Jets<f64>) {
    use awkdiff::prelude::*;
    let d = inputs();
    let lead = |a: &Array<f64>| {
        let cut = a.slice(s![.., ..6]);
        Array::from_offsets(
            cut.offsets(0).to_vec(),
            Array::from_vec(cut.content().to_vec()),
        )
        .expect("valid offsets")
    };
    let x = lead(&d.ax);
    let y = lead(&d.ay);
    let z = lead(&d.az);
    let jets = funcs::Jets::zip(x.exp(), y.clone(), &x * 3.0).expect("one structure");
    let tangent = funcs::Jets::zip(z, y, x).expect("one structure");
    (jets, tangent)
}

/// Criterion settings that keep the benchmarks to a few minutes: 10 samples, short runs.
pub fn quick() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}
