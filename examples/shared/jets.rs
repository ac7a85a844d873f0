//! What the jet calibration examples share (`jet_calibration`, `stream_fit`): the simulated
//! events, the output folder and the loss plot. Included with `#[path]`; not an example.
#![allow(dead_code)] // each example uses its part

use std::path::{Path, PathBuf};

use awkdiff::prelude::*;
use plotters::prelude::*;
use rand::{Rng, SeedableRng};

/// The calibration the fits should find: `a x + b x² + c`.
pub const TRUE_PARAMETERS: [f64; 3] = [1.10, -0.05, 0.03];

/// Simulates `events` events from `seed`: 0 to 6 jets each, measured energies 20 to 300
/// GeV, the reference the sum of the true (calibrated) energies plus a noise of up to 0.25
/// GeV. Returns the jet energies (`var * float64`) and the references.
pub fn simulate(seed: u64, events: usize) -> Result<(Array<f64>, Array<f64>), Error> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let [a, b, c] = TRUE_PARAMETERS;
    let mut offsets = vec![0i64];
    let mut energies = Vec::new();
    let mut reference = Vec::with_capacity(events);
    for _ in 0..events {
        let count = rng.random_range(0..=6);
        let mut total = 0.0;
        for _ in 0..count {
            let measured: f64 = rng.random_range(20.0..300.0);
            let x = measured / 100.0;
            total += 100.0 * (a * x + b * x * x + c);
            energies.push(measured);
        }
        offsets.push(energies.len() as i64);
        reference.push(total + rng.random_range(-0.25..0.25));
    }
    let jets = Array::from_offsets(offsets, Array::from_vec(energies))?;
    Ok((jets, Array::from_vec(reference)))
}

/// The folder given on the command line, else `name/` under cargo's target directory
/// (`CARGO_TARGET_DIR` if set, else `target/` beside the manifest).
pub fn output_folder(name: &str) -> PathBuf {
    if let Some(folder) = std::env::args().nth(1) {
        return PathBuf::from(folder);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join(name)
}

/// Writes the loss per step as an SVG line plot with a logarithmic loss axis.
pub fn plot_loss(
    curve: &[f64],
    path: &Path,
    caption: &str,
    x_desc: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (800, 500)).into_drawing_area();
    root.fill(&WHITE)?;
    let low = curve
        .iter()
        .cloned()
        .fold(f64::INFINITY, f64::min)
        .max(1e-12);
    let high = curve.iter().cloned().fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 22))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0..curve.len(), (low * 0.8..high * 1.2).log_scale())?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc("loss (mean squared residual, (100 GeV)²)")
        .draw()?;
    chart.draw_series(LineSeries::new(
        curve.iter().enumerate().map(|(i, &v)| (i, v)),
        &BLUE,
    ))?;
    root.present()?;
    Ok(())
}
