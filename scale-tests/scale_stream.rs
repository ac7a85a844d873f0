//! Scale: a dataset larger than one wants in memory, streamed. Sixteen Parquet files (about
//! 2.2 GB on disk, 56 million events, 252 million values) of ragged jet energies and a
//! reference per event; the value and gradient of a `#[differentiable]` jet calibration
//! loss summed over all of them by `ParquetStream::sum`, one row group (250,000 events)
//! per thread at a time. Checks:
//!
//! - the streamed value and gradient equal those of the same data loaded whole, on the
//!   subset of one file (which fits), to 1e-10 relative;
//! - the peak resident memory while streaming (VmHWM, reset before each pass when the
//!   kernel allows; it includes awkdiff's buffer pool, up to 512 MiB of recycled
//!   temporaries) stays under 1 GiB, for a dataset twice that size;
//! - throughput, in events/s and GB/s, printed against a plain read of the same files (the
//!   same row groups read and converted, nothing computed).
//!
//! The files are written once per run under cargo's target temporary folder and removed
//! afterwards. Ignored in the test command's run; run it (optimised) with
//! `cargo test --workspace --all-features --test scale_stream -- --ignored --nocapture`.
//! Timings are printed, never asserted.
#![deny(warnings)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use awkdiff::interop::parquet::{read_parquet_column, ParquetColumns};
use awkdiff::interop::stream::{column, ParquetStream};
use awkdiff::prelude::*;
use awkdiff_scale_tests::SplitMix64;

const FILES: usize = 16;
const EVENTS_PER_FILE: usize = 3_500_000;
const ROW_GROUP_EVENTS: usize = 250_000;
/// Jets per event: 0 to 7.
const MAX_JETS: u64 = 8;
/// The calibration the data were made with: `a x + b x² + c`.
const TRUE_PARAMETERS: [f64; 3] = [1.10, -0.05, 0.03];
/// The peak resident memory allowed while streaming.
const MEMORY_BOUND: u64 = 1 << 30;

/// Sum over events of the squared difference between the calibrated jet energy sum and
/// the reference (energies in units of 100 GeV).
#[differentiable]
#[allow(clippy::too_many_arguments)]
fn loss(
    a: f64,
    b: f64,
    c: f64,
    #[no_grad] jets: &Array<f64>,
    #[no_grad] reference: &Array<f64>,
) -> f64 {
    let calibrated = jets * a + jets.powi(2) * b + c;
    let residual = calibrated.sum(1) - reference;
    (&residual * &residual).sum_all()
}

/// The dataset's folder, removed when dropped (also when the test fails).
struct Dataset {
    dir: PathBuf,
    files: Vec<PathBuf>,
}

impl Drop for Dataset {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Writes file `index`: measured jet energies 0.2 to 3.0 (x 100 GeV), the reference the
/// sum of their true calibrated energies plus a noise of up to 0.0025.
fn write_file(path: &Path, index: usize) {
    let mut rng = SplitMix64(0x5CA1E + index as u64);
    let [a, b, c] = TRUE_PARAMETERS;
    let mut offsets = Vec::with_capacity(EVENTS_PER_FILE + 1);
    offsets.push(0i64);
    let mut energies = Vec::with_capacity(EVENTS_PER_FILE * MAX_JETS as usize / 2);
    let mut reference = Vec::with_capacity(EVENTS_PER_FILE);
    for _ in 0..EVENTS_PER_FILE {
        let count = rng.next_u64() % MAX_JETS;
        let mut total = 0.0;
        for _ in 0..count {
            let x = 0.2 + 2.8 * rng.unit();
            total += a * x + b * x * x + c;
            energies.push(x);
        }
        offsets.push(energies.len() as i64);
        reference.push(total + 0.005 * (rng.unit() - 0.5));
    }
    let jets = Array::from_offsets(offsets, Array::from_vec(energies)).unwrap();
    ParquetColumns::new()
        .column("jet_energy", &jets)
        .column("reference", &Array::from_vec(reference))
        .row_group_rows(ROW_GROUP_EVENTS)
        .uncompressed()
        .write(path)
        .unwrap();
}

fn write_dataset() -> Dataset {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scale_stream");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = (0..FILES)
        .map(|i| dir.join(format!("events_{i:02}.parquet")))
        .collect();
    let dataset = Dataset { dir, files };
    for (i, path) in dataset.files.iter().enumerate() {
        write_file(path, i);
    }
    dataset
}

/// A field of /proc/self/status in bytes (`VmHWM`, `VmRSS`), if there is one.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak resident memory to the current one (Linux 4.0+); whether it worked.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-10 * want.abs().max(1.0)
}

#[test]
#[ignore = "scale test: cargo test --workspace --all-features --test scale_stream -- --ignored"]
fn loss_and_gradient_streamed_over_two_gigabytes() {
    let start = Instant::now();
    let dataset = write_dataset();
    let bytes: u64 = dataset
        .files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    let gb = bytes as f64 / 1e9;
    println!(
        "wrote {FILES} files, {gb:.2} GB, in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    assert!(bytes >= 2_000_000_000, "only {bytes} bytes on disk");

    let projection = (column::<f64>("jet_energy"), column::<f64>("reference"));
    let stream = ParquetStream::open(&dataset.files, projection.clone()).unwrap();
    let events = stream.rows();
    assert_eq!(events, FILES * EVENTS_PER_FILE);

    // A plain read: every row group read and converted, nothing computed.
    awkdiff::pool::release(); // the writer's buffers
    let before = status_bytes("VmRSS").unwrap_or(0);
    let reset = reset_peak_memory();
    let timer = Instant::now();
    let values = stream
        .sum(|(jets, reference)| (jets.content().len() + reference.len()) as f64)
        .unwrap();
    let read_seconds = timer.elapsed().as_secs_f64();
    let read_peak = status_bytes("VmHWM").unwrap_or(0);

    // The loss and its gradient at a calibration off the true one.
    reset_peak_memory();
    let (a, b, c) = (1.0, 0.0, 0.0);
    let timer = Instant::now();
    let (value, (da, db, dc)) = stream
        .sum(|(jets, reference)| value_and_grad_loss(a, b, c, &jets, &reference))
        .unwrap();
    let loss_seconds = timer.elapsed().as_secs_f64();
    let loss_peak = status_bytes("VmHWM").unwrap_or(0);

    println!(
        "{events} events, {values} values, {} partitions, {} threads",
        stream.partitions(),
        rayon::current_num_threads()
    );
    for (what, seconds, peak) in [
        ("plain read", read_seconds, read_peak),
        ("value and gradient", loss_seconds, loss_peak),
    ] {
        println!(
            "{what:>20}: {seconds:6.2} s, {:6.2} M events/s, {:5.2} GB/s, peak resident memory {} MB",
            events as f64 / seconds / 1e6,
            gb / seconds,
            peak >> 20
        );
    }
    println!(
        "resident memory before the reads {} MB; peaks reset before each pass: {reset}; bound {} MB",
        before >> 20,
        MEMORY_BOUND >> 20
    );
    println!("loss {value:.6e}, gradient ({da:.6e}, {db:.6e}, {dc:.6e})");
    assert!(value.is_finite() && value > 0.0);
    for peak in [read_peak, loss_peak] {
        assert!(peak > 0 && peak < MEMORY_BOUND, "peak {peak} bytes");
    }

    // The subset of the first file, loaded whole, against the stream over it.
    let first = &dataset.files[0];
    let jets: Array<f64> = read_parquet_column(first, "jet_energy").unwrap();
    let reference: Array<f64> = read_parquet_column(first, "reference").unwrap();
    let (want, (wa, wb, wc)) = value_and_grad_loss(a, b, c, &jets, &reference);
    assert_eq!(want, loss(a, b, c, &jets, &reference));
    let subset = ParquetStream::open([first], projection).unwrap();
    let (got, (ga, gb_, gc)) = subset
        .sum(|(jets, reference)| value_and_grad_loss(a, b, c, &jets, &reference))
        .unwrap();
    for (name, g, w) in [
        ("value", got, want),
        ("d/da", ga, wa),
        ("d/db", gb_, wb),
        ("d/dc", gc, wc),
    ] {
        assert!(close(g, w), "{name}: streamed {g}, whole {w}");
    }
    println!("total time {:.1} s", start.elapsed().as_secs_f64());
}
