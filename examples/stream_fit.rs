//! The jet energy calibration of `jet_calibration`, fitted over a dataset of several
//! Parquet files streamed one row group at a time, as one would with a dataset larger than
//! memory.
//!
//! The dataset (4 files of 250,000 events, row groups of 25,000) is written by the example
//! if missing. Each step of the fit is one pass over the files: `ParquetStream::sum`
//! reads the row groups in parallel and sums, over them, the loss (a sum of squared
//! residuals over events) and its gradient from `value_and_grad_loss`, plus the gradients
//! at three nearby points, which give the Hessian by differences; a Newton step then moves
//! the three parameters. The loss is quadratic in them, so one step nearly lands on the
//! minimum; the others show it stays there. A progress bar shows the events per second of
//! each pass; the loss per step is written as an SVG plot.
//!
//! Outputs go to the folder given on the command line, else to `stream_fit/` under the
//! target directory cargo uses (`CARGO_TARGET_DIR` if set). Run it with:
//!
//! ```sh
//! cargo run --release --features progress --example stream_fit [-- FOLDER]
//! ```

use std::time::Instant;

use awkdiff::interop::parquet::ParquetColumns;
use awkdiff::interop::stream::{column, glob_files, ParquetStream};
use awkdiff::prelude::*;

#[path = "shared/jets.rs"]
mod shared;
use shared::{output_folder, plot_loss, simulate, TRUE_PARAMETERS};

const FILES: usize = 4;
const EVENTS_PER_FILE: usize = 250_000;
const ROW_GROUP_EVENTS: usize = 25_000;
const NEWTON_STEPS: usize = 4;
/// The step of the gradient differences that give the Hessian.
const H: f64 = 1e-3;

/// Sum over events of the squared difference between the sum of the calibrated jet
/// energies and the reference, in units of 100 GeV. A sum over events, so the sum over
/// row groups is the loss of the dataset; divided by the number of events, it is
/// `jet_calibration`'s mean.
#[differentiable]
#[allow(clippy::too_many_arguments)] // jvp_loss takes the three tangents too
fn loss(
    a: f64,
    b: f64,
    c: f64,
    #[no_grad] jets: &Array<f64>,
    #[no_grad] reference: &Array<f64>,
) -> f64 {
    let x = jets / 100.0;
    let calibrated = &x * a + x.powi(2) * b + c;
    let residual = calibrated.sum(1) - reference / 100.0;
    (&residual * &residual).sum_all()
}

type Gradient = (f64, f64, f64);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = output_folder("stream_fit");
    std::fs::create_dir_all(&folder)?;
    println!("outputs in {}", folder.display());
    for i in 0..FILES {
        let path = folder.join(format!("events_{i}.parquet"));
        if !path.exists() {
            let (jets, reference) = simulate(100 + i as u64, EVENTS_PER_FILE)?;
            ParquetColumns::new()
                .column("jet_energy", &jets)
                .column("reference", &reference)
                .row_group_rows(ROW_GROUP_EVENTS)
                .write(&path)?;
            println!(
                "wrote {EVENTS_PER_FILE} simulated events to {}",
                path.display()
            );
        }
    }

    // events = dask_awkward.from_parquet("events_*.parquet", columns=[...])
    let files = glob_files(folder.join("events_*.parquet"))?;
    let stream = ParquetStream::open(
        &files,
        (column::<f64>("jet_energy"), column::<f64>("reference")),
    )?
    .with_progress(true);
    let events = stream.rows() as f64;
    println!(
        "{} files, {} row groups, {} events",
        files.len(),
        stream.partitions(),
        stream.rows()
    );

    let mut params = [1.0, 0.0, 0.0];
    let mut curve = Vec::new();
    for step in 0..NEWTON_STEPS {
        let [a, b, c] = params;
        let start = Instant::now();
        // One pass: the loss and gradient at the parameters and the gradients a step H
        // away along each, summed over the row groups.
        let (value, g, ga, gb, gc) = stream.sum(|(jets, reference)| {
            let (value, g) = value_and_grad_loss(a, b, c, &jets, &reference);
            (
                value,
                g,
                grad_loss(a + H, b, c, &jets, &reference),
                grad_loss(a, b + H, c, &jets, &reference),
                grad_loss(a, b, c + H, &jets, &reference),
            )
        })?;
        let mean = value / events;
        curve.push(mean);
        println!(
            "step {step}: loss {mean:.4e} at a = {a:.5}, b = {b:.5}, c = {c:.5} ({:.1} M events/s)",
            events / start.elapsed().as_secs_f64() / 1e6
        );
        let hessian = hessian_by_differences(g, [ga, gb, gc]);
        let delta = solve3(hessian, [-g.0, -g.1, -g.2]).ok_or("singular Hessian")?;
        for (p, d) in params.iter_mut().zip(delta) {
            *p += d;
        }
    }

    // A last pass for the loss alone.
    let [a, b, c] = params;
    let last = stream.sum(|(jets, reference)| loss(a, b, c, &jets, &reference))? / events;
    curve.push(last);
    println!("after {NEWTON_STEPS} steps: loss {last:.4e}");

    println!("\nparameter      fitted        true    relative error");
    let mut worst: f64 = 0.0;
    for ((name, fitted), truth) in ["a (x)", "b (x²)", "c (1)"]
        .iter()
        .zip(params)
        .zip(TRUE_PARAMETERS)
    {
        let error = (fitted - truth).abs() / truth.abs();
        worst = worst.max(error);
        println!(
            "{name:<10} {fitted:>10.5} {truth:>11.5} {:>16.3}%",
            100.0 * error
        );
    }
    let plot = folder.join("loss.svg");
    plot_loss(
        &curve,
        &plot,
        "Streamed jet calibration: loss per Newton step",
        "Newton step (one pass over the files each)",
    )?;
    println!("\nloss curve written to {}", plot.display());
    if worst > 0.01 {
        return Err(format!(
            "a parameter is {:.2}% away from its true value",
            100.0 * worst
        )
        .into());
    }
    Ok(())
}

/// The Hessian from the gradient `g` at the parameters and `shifted[j]`, the gradient a
/// step `H` along parameter `j`: column `j` is their difference over `H`, symmetrized.
fn hessian_by_differences(g: Gradient, shifted: [Gradient; 3]) -> [[f64; 3]; 3] {
    let g = [g.0, g.1, g.2];
    let mut columns = [[0.0; 3]; 3];
    for (j, s) in shifted.iter().enumerate() {
        for (i, s) in [s.0, s.1, s.2].into_iter().enumerate() {
            columns[j][i] = (s - g[i]) / H;
        }
    }
    let mut hessian = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            hessian[i][j] = 0.5 * (columns[j][i] + columns[i][j]);
        }
    }
    hessian
}

/// Solves `m x = r` by Cramer's rule; `None` when `m` is singular.
fn solve3(m: [[f64; 3]; 3], r: [f64; 3]) -> Option<[f64; 3]> {
    let det = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(&m);
    if d == 0.0 || !d.is_finite() {
        return None;
    }
    let mut x = [0.0; 3];
    for (k, x) in x.iter_mut().enumerate() {
        let mut mk = m;
        for (row, value) in mk.iter_mut().zip(r) {
            row[k] = value;
        }
        *x = det(&mk) / d;
    }
    Some(x)
}
