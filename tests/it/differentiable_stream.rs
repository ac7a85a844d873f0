//! A loss over a dataset of several Parquet files, as a physicist would stream it: jet
//! records and a reference per event, read one row group at a time; the streamed value and
//! gradient equal those of the data loaded whole; the per-record-batch seam an engine
//! would call gives the same sum in any order of partitions.
#![cfg(feature = "parquet")]

use std::path::PathBuf;

use awkdiff::interop::parquet::{read_parquet_column, read_parquet_record, ParquetColumns};
use awkdiff::interop::stream::{column, on_record_batch, record, ParquetStream};
use awkdiff::prelude::*;

#[derive(Clone, Debug, Record)]
pub struct Jets<T: Float> {
    pub pt: Array<T>,
    pub eta: Array<T>,
}

/// The same file's records with more fields than the loss needs.
#[derive(Clone, Debug, Record)]
pub struct FullJets<T: Float> {
    pub pt: Array<T>,
    pub eta: Array<T>,
    pub phi: Array<T>,
    #[no_grad]
    pub btag: Array<bool>,
}

/// Sum over events of the squared difference between the calibrated jet pt sum and the
/// reference, the calibration `a + b eta²` (a sum over events: additive over partitions).
#[differentiable]
fn calibration_loss(
    a: f64,
    b: f64,
    #[no_grad] jets: &Jets<f64>,
    #[no_grad] reference: &Array<f64>,
) -> f64 {
    let scale = &jets.eta * &jets.eta * b + a;
    let residual = (scale * &jets.pt).sum(1) - reference;
    (&residual * &residual).sum_all()
}

/// Two files of jets (0 to 3 per event) and references, row groups of 5 events.
fn dataset(name: &str) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!("awkdiff_it_stream_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (file, events) in [(0usize, 12usize), (1, 8)] {
        let (mut offsets, mut pt, mut eta, mut phi, mut btag) =
            (vec![0i64], vec![], vec![], vec![], vec![]);
        let mut reference = Vec::new();
        for e in 0..events {
            let n = (e * 7 + file) % 4;
            let mut total = 0.0;
            for j in 0..n {
                let (p, h) = (20.0 + 10.0 * j as f64 + e as f64, 0.3 * j as f64 - 0.4);
                total += p * (1.1 - 0.05 * h * h);
                pt.push(p);
                eta.push(h);
                phi.push(0.1 * e as f64);
                btag.push(j == 0);
            }
            offsets.push(pt.len() as i64);
            reference.push(total + 0.5 * (e % 3) as f64);
        }
        let list = |v: Vec<f64>| Array::from_offsets(offsets.clone(), Array::from_vec(v)).unwrap();
        let jets = FullJets::zip(
            list(pt),
            list(eta),
            list(phi),
            Array::from_offsets(offsets.clone(), Array::from_vec(btag)).unwrap(),
        )
        .unwrap();
        let path = dir.join(format!("events_{file}.parquet"));
        ParquetColumns::new()
            .record("Jet", &jets)
            .column("reference", &Array::from_vec(reference))
            .row_group_rows(5)
            .write(&path)
            .unwrap();
        paths.push(path);
    }
    (dir, paths)
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-12 * want.abs().max(1.0)
}

#[test]
fn streamed_value_and_gradient_equal_the_whole_data() {
    let (dir, paths) = dataset("whole");
    let stream = ParquetStream::open(
        &paths,
        (record::<Jets<f64>>("Jet"), column::<f64>("reference")),
    )
    .unwrap();
    assert_eq!((stream.partitions(), stream.rows()), (3 + 2, 20));
    let (a, b) = (1.05, -0.02);
    let (value, (da, db)) = stream
        .sum(|(jets, reference)| value_and_grad_calibration_loss(a, b, &jets, &reference))
        .unwrap();
    // The same data loaded whole, file by file (the loss is a sum over events).
    let mut want = (0.0, 0.0, 0.0);
    for path in &paths {
        let full: FullJets<f64> = read_parquet_record(path, "Jet").unwrap();
        let jets = Jets::zip(full.pt, full.eta).unwrap();
        let reference: Array<f64> = read_parquet_column(path, "reference").unwrap();
        let (v, (ga, gb)) = value_and_grad_calibration_loss(a, b, &jets, &reference);
        assert_eq!(v, calibration_loss(a, b, &jets, &reference));
        want = (want.0 + v, want.1 + ga, want.2 + gb);
    }
    assert!(value > 0.0 && da != 0.0 && db != 0.0);
    assert!(close(value, want.0), "{value} vs {}", want.0);
    assert!(close(da, want.1), "{da} vs {}", want.1);
    assert!(close(db, want.2), "{db} vs {}", want.2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn only_the_record_fields_used_are_read() {
    let (dir, paths) = dataset("fields");
    let stream = ParquetStream::open(&paths, record::<Jets<f64>>("Jet")).unwrap();
    let batch = stream.read_record_batch(0).unwrap();
    assert_eq!(batch.num_columns(), 1);
    // The struct inside the lists keeps the two fields of `Jets`, not `phi` and `btag`.
    let data_type = batch.schema().field(0).data_type().to_string();
    assert!(data_type.contains("\"pt\"") && data_type.contains("\"eta\""));
    assert!(
        !data_type.contains("phi") && !data_type.contains("btag"),
        "{data_type}"
    );

    #[derive(Clone, Debug, Record)]
    pub struct Massive<T: Float> {
        pub pt: Array<T>,
        pub mass: Array<T>,
    }
    let err = ParquetStream::open(&paths, record::<Massive<f64>>("Jet"))
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid argument to `ParquetStream`: column `Jet` of {} has no field `mass` \
             (its fields: `pt`, `eta`, `phi`, `btag`)",
            paths[0].display()
        )
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_per_record_batch_seam_sums_in_any_order() {
    let (dir, paths) = dataset("seam");
    let projection = (record::<Jets<f64>>("Jet"), column::<f64>("reference"));
    let stream = ParquetStream::open(&paths, projection.clone()).unwrap();
    let (a, b) = (0.9, 0.01);
    // What an engine runs on each partition it holds: fn(&RecordBatch) -> (value, gradient).
    let per_batch = on_record_batch(projection, |(jets, reference)| {
        value_and_grad_calibration_loss(a, b, &jets, &reference)
    });
    // An engine sums partitions in its own order: here the last first.
    let mut total = (0.0, 0.0, 0.0);
    for i in (0..stream.partitions()).rev() {
        let batch = stream.read_record_batch(i).unwrap();
        let (v, (ga, gb)) = per_batch(&batch).unwrap();
        total = (total.0 + v, total.1 + ga, total.2 + gb);
    }
    let (value, (da, db)) = stream
        .sum(|(jets, reference)| value_and_grad_calibration_loss(a, b, &jets, &reference))
        .unwrap();
    assert!(close(total.0, value) && close(total.1, da) && close(total.2, db));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn records_from_sibling_columns_stream_as_from_structs() {
    use awkdiff::interop::stream::record_columns;
    let (dir, paths) = dataset("siblings");
    // The same events with the jets as flat `Jet_pt`, `Jet_eta` columns.
    let mut flat = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let jets: FullJets<f64> = read_parquet_record(path, "Jet").unwrap();
        let reference: Array<f64> = read_parquet_column(path, "reference").unwrap();
        let out = dir.join(format!("flat_{i}.parquet"));
        ParquetColumns::new()
            .column("Jet_pt", &jets.pt)
            .column("Jet_eta", &jets.eta)
            .column("reference", &reference)
            .row_group_rows(5)
            .write(&out)
            .unwrap();
        flat.push(out);
    }
    let f = |(jets, reference): (Jets<f64>, Array<f64>)| {
        value_and_grad_calibration_loss(1.1, -0.03, &jets, &reference)
    };
    let structs = ParquetStream::open(
        &paths,
        (record::<Jets<f64>>("Jet"), column::<f64>("reference")),
    )
    .unwrap();
    let siblings = ParquetStream::open(
        &flat,
        (
            record_columns::<Jets<f64>>("Jet_"),
            column::<f64>("reference"),
        ),
    )
    .unwrap();
    // The same row groups, the same order: the same bits.
    assert_eq!(structs.sum(f).unwrap(), siblings.sum(f).unwrap());

    // Sibling columns whose lists differ: the field and the row group are named.
    let bad = dir.join("bad.parquet");
    ParquetColumns::new()
        .column("Jet_pt", &array![[1.0, 2.0], []])
        .column("Jet_eta", &array![[1.0], [2.0]])
        .write(&bad)
        .unwrap();
    let stream = ParquetStream::open([&bad], record_columns::<Jets<f64>>("Jet_")).unwrap();
    let err = stream.read(0).unwrap_err();
    assert!(matches!(err, Error::Structure { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "structure mismatch in field `eta` of `Jets` in row group 0 of {}: expected 2 * \
             var * float64 (the lists of field `pt`), got 2 * var * float64: list 0 at \
             dimension 1 has length 2 against 1",
            bad.display()
        )
    );
    std::fs::remove_dir_all(dir).unwrap();
}
