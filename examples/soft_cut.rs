//! A soft selection cut tuned by gradient descent, with the ufuncs a physicist writes.
//!
//! Events hold a varying number of particles (`var * float64` arrays of `pt` and `eta`).
//! Signal particles are central, background particles spread flat in `eta`. A hard cut
//! `|eta| < c` has no useful derivative in `c`, so the selection is made soft, a sigmoid
//! weight `sigmoid((c - |eta|) / w)`, and the cut that maximises the energy-weighted
//! significance `S / sqrt(S + B)` is found by gradient ascent with `grad_significance`. Each
//! particle's energy `E = hypot(pt cosh(eta), m)` and longitudinal momentum `pz = pt sinh(eta)`
//! come from `cosh`, `sinh` and `hypot`; the final hard selection uses `where_`.
//!
//! ```sh
//! cargo run --release --example soft_cut
//! ```

use awkdiff::prelude::*;
use rand::{Rng, SeedableRng};

const EVENTS: usize = 2_000;
const MASS: f64 = 0.14;
const WIDTH: f64 = 0.1;

/// The energy of every particle: `E = hypot(pt cosh(eta), m)`.
#[differentiable]
fn energy(pt: &Array<f64>, eta: &Array<f64>) -> Array<f64> {
    (pt * eta.cosh()).hypot(MASS)
}

/// The energy-weighted significance of the soft cut `|eta| < cut`; only `cut` is
/// differentiated.
#[differentiable]
fn significance(
    cut: f64,
    #[no_grad] eta_signal: &Array<f64>,
    #[no_grad] e_signal: &Array<f64>,
    #[no_grad] eta_background: &Array<f64>,
    #[no_grad] e_background: &Array<f64>,
) -> f64 {
    let s = (e_signal * ((cut - eta_signal.abs()) / WIDTH).sigmoid()).sum_all();
    let b = (e_background * ((cut - eta_background.abs()) / WIDTH).sigmoid()).sum_all();
    s / (s + b).sqrt()
}

/// The energy each event keeps under the hard cut `|eta| < cut` (`ak.where`).
fn selected_energy(eta: &Array<f64>, e: &Array<f64>, cut: f64) -> Array<f64> {
    where_(&eta.abs().lt(cut), e, 0.0).sum(1)
}

/// Random events: `pt` in GeV, `eta` Gaussian (signal, width 1) or flat in `[-4, 4]`.
fn events(rng: &mut impl Rng, signal: bool) -> (Array<f64>, Array<f64>) {
    let mut offsets = vec![0i64];
    let (mut pt, mut eta) = (Vec::new(), Vec::new());
    for _ in 0..EVENTS {
        let n = rng.random_range(0..5);
        for _ in 0..n {
            pt.push(rng.random_range(20.0..80.0));
            eta.push(if signal {
                // Box-Muller
                let (u, v): (f64, f64) = (rng.random_range(1e-12..1.0), rng.random());
                (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
            } else {
                rng.random_range(-4.0..4.0)
            });
        }
        offsets.push(pt.len() as i64);
    }
    let pt = Array::from_offsets(offsets.clone(), Array::from_vec(pt)).expect("valid offsets");
    let eta = Array::from_offsets(offsets, Array::from_vec(eta)).expect("valid offsets");
    (pt, eta)
}

fn main() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let (pt_s, eta_s) = events(&mut rng, true);
    let (pt_b, eta_b) = events(&mut rng, false);
    let (e_s, e_b) = (energy(&pt_s, &eta_s), energy(&pt_b, &eta_b));
    let pz_s = &pt_s * eta_s.sinh();
    println!(
        "signal: {} events, {} particles, {}",
        pt_s.len(),
        pt_s.content().len(),
        pt_s.type_str()
    );
    println!("first events' pz: {}", pz_s.slice(s![..3]));

    // Gradient ascent on the cut (jax.grad of the significance).
    let mut cut = 3.5;
    for step in 0..=100 {
        let gradient = grad_significance(cut, &eta_s, &e_s, &eta_b, &e_b);
        if step % 20 == 0 {
            let z = significance(cut, &eta_s, &e_s, &eta_b, &e_b);
            println!("step {step:3}: cut {cut:.3}, significance {z:.2}, d/dcut {gradient:+.3}");
        }
        cut += 0.002 * gradient;
    }
    println!("soft cut found: |eta| < {cut:.3}");

    // The hard cut there, against a scan of hard cuts.
    let hard = |c: f64| {
        let s = selected_energy(&eta_s, &e_s, c).sum_all();
        let b = selected_energy(&eta_b, &e_b, c).sum_all();
        s / (s + b).sqrt()
    };
    let best = (1..40)
        .map(|i| i as f64 * 0.1)
        .max_by(|a, b| hard(*a).total_cmp(&hard(*b)))
        .expect("a scan");
    println!(
        "hard cut at {cut:.2}: significance {:.2}; best hard cut of a scan: {best:.1} ({:.2})",
        hard(cut),
        hard(best)
    );
}
