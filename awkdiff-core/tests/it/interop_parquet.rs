//! Parquet: the file Awkward's `ak.to_parquet` wrote (tests/data/make_awkward_parquet.py)
//! reads back to the values the script wrote; round trips at depths 0 to 3 in f32 and f64;
//! the errors for a missing file, a missing column, a wrong type, nulls and bad columns.
#![cfg(feature = "parquet")]

use std::path::PathBuf;

use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::interop::parquet::{read_parquet_column, write_parquet, ParquetColumns};
use awkdiff_core::{array, Array, Structure};

fn awkward_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/awkward_written.parquet")
}

/// A fresh path in the system's temporary folder, unique to this test.
fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "awkdiff_interop_{}_{name}.parquet",
        std::process::id()
    ))
}

#[test]
fn reads_every_column_awkward_wrote() {
    // The values below are the ones make_awkward_parquet.py gave ak.to_parquet.
    let path = awkward_file();
    let jet_pt: Array<f64> = read_parquet_column(&path, "jet_pt").unwrap();
    assert_eq!(jet_pt, array![[1.5, 2.25, 3.0], [], [4.5, 5.0], [0.125]]);
    assert_eq!(jet_pt.type_str(), "4 * var * float64");

    let hits: Array<f32> = read_parquet_column(&path, "hits").unwrap();
    assert_eq!(
        hits,
        array![[[1.0f32], [2.0, 3.0]], [], [[], [4.0]], [[0.5, 0.25]]]
    );
    assert_eq!(hits.type_str(), "4 * var * var * float32");

    let deep: Array<f64> = read_parquet_column(&path, "deep").unwrap();
    assert_eq!(
        deep,
        array![[[[1.0, 2.0]], []], [[[3.0]]], [], [[[], [4.0, 5.0, 6.0]]]]
    );
    assert_eq!(deep.type_str(), "4 * var * var * var * float64");

    let weight: Array<f64> = read_parquet_column(&path, "weight").unwrap();
    assert_eq!(weight, array![0.5, 1.0, 2.0, -1.5]);
}

#[test]
fn a_column_with_a_missing_value_is_rejected_where_the_null_is() {
    // make_awkward_parquet.py wrote "maybe": [[1.0, None], [], [2.0], []].
    let path = awkward_file();
    let err = read_parquet_column::<f64>(&path, "maybe").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid argument to `read_parquet_column`: column `maybe` of {}: null at \
             dimension 2, index 1 (awkdiff arrays have no missing values; fill or drop them \
             first, e.g. with ak.fill_none or ak.drop_none)",
            path.display()
        )
    );
}

#[test]
fn missing_files_columns_and_wrong_types_say_what_and_where() {
    let path = awkward_file();
    assert_eq!(
        read_parquet_column::<f64>(&path, "jets")
            .unwrap_err()
            .to_string(),
        format!(
            "invalid argument to `read_parquet_column`: {} has no column `jets` (its columns: \
             `jet_pt`, `hits`, `deep`, `weight`, `maybe`)",
            path.display()
        )
    );
    assert_eq!(
        read_parquet_column::<f64>(&path, "hits")
            .unwrap_err()
            .to_string(),
        format!(
            "invalid argument to `read_parquet_column`: column `hits` of {}: expected List or \
             LargeList nested over Float64 values, found Float32 at dimension 3 of \
             LargeList(non-null LargeList(non-null Float32))",
            path.display()
        )
    );

    let missing = temp_path("does_not_exist");
    let err = read_parquet_column::<f64>(&missing, "x")
        .unwrap_err()
        .to_string();
    let prefix = format!(
        "invalid argument to `read_parquet_column`: cannot open {}: ",
        missing.display()
    );
    assert!(err.starts_with(&prefix), "{err}");

    let not_parquet =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/make_awkward_parquet.py");
    let err = read_parquet_column::<f64>(&not_parquet, "x")
        .unwrap_err()
        .to_string();
    let prefix = format!(
        "invalid argument to `read_parquet_column`: cannot read {} as Parquet: ",
        not_parquet.display()
    );
    assert!(err.starts_with(&prefix), "{err}");
}

#[test]
fn round_trips_at_depths_0_to_3_in_f64_and_f32() {
    let mut rng = rng(18);
    for depth in 0..=3 {
        for round in 0..5 {
            let a = random_ragged(&mut rng, depth, 5, -5.0, 5.0);
            // A second column of the same length and another structure.
            let b = random_ragged(&mut rng, 1, 5, -5.0, 5.0);
            let b = Array::from_offsets(
                (0..=a.len() as i64)
                    .map(|i| i.min(b.content().len() as i64))
                    .collect(),
                Array::from_vec(b.content().to_vec()),
            )
            .unwrap();
            let path = temp_path(&format!("round_{depth}_{round}"));
            write_parquet(&path, &[("a", &a), ("b", &b)]).unwrap();
            assert_eq!(
                read_parquet_column::<f64>(&path, "a").unwrap(),
                a,
                "depth {depth}"
            );
            assert_eq!(
                read_parquet_column::<f64>(&path, "b").unwrap(),
                b,
                "depth {depth}"
            );

            let a32: Array<f32> = a.map(|v| v as f32);
            write_parquet(&path, &[("a32", &a32)]).unwrap();
            assert_eq!(
                read_parquet_column::<f32>(&path, "a32").unwrap(),
                a32,
                "depth {depth}"
            );
            std::fs::remove_file(&path).unwrap();
        }
    }
}

#[test]
fn empty_arrays_and_empty_lists_round_trip() {
    let path = temp_path("empty");
    for depth in 0..=3 {
        let x = Array::<f64>::from_parts(Structure::new(vec![vec![0]; depth], 0).unwrap(), vec![])
            .unwrap();
        write_parquet(&path, &[("x", &x)]).unwrap();
        let back = read_parquet_column::<f64>(&path, "x").unwrap();
        assert_eq!(back, x);
        assert_eq!(back.type_str(), x.type_str());
    }
    let x: Array<f64> = array![[[], []], [], [[]]];
    write_parquet(&path, &[("x", &x)]).unwrap();
    assert_eq!(read_parquet_column::<f64>(&path, "x").unwrap(), x);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn many_rows_read_back_across_record_batches() {
    // More rows than one read batch (65536), so the column arrives in several batches.
    let n = 150_000;
    let offsets: Vec<i64> = (0..=n as i64).map(|i| i / 2 * 3 + (i % 2)).collect();
    let total = offsets[n] as usize;
    let x = Array::from_offsets(
        offsets,
        Array::from_vec((0..total).map(|v| v as f64 * 0.5).collect()),
    )
    .unwrap();
    let path = temp_path("many_rows");
    write_parquet(&path, &[("x", &x)]).unwrap();
    assert_eq!(read_parquet_column::<f64>(&path, "x").unwrap(), x);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn columns_of_different_element_types_through_the_builder() {
    let path = temp_path("mixed");
    let energy: Array<f32> = array![[10.0, 20.0], [], [5.0]];
    let weight: Array<f64> = array![1.0, 0.5, 2.0];
    ParquetColumns::new()
        .column("energy", &energy)
        .column("weight", &weight)
        .write(&path)
        .unwrap();
    assert_eq!(read_parquet_column::<f32>(&path, "energy").unwrap(), energy);
    assert_eq!(read_parquet_column::<f64>(&path, "weight").unwrap(), weight);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn bad_column_sets_are_rejected_before_writing() {
    let path = temp_path("bad_columns");
    let x: Array<f64> = array![[1.0, 2.0], []];
    let y: Array<f64> = array![0.5];
    assert_eq!(
        write_parquet(&path, &[("x", &x), ("y", &y)])
            .unwrap_err()
            .to_string(),
        "invalid argument to `write_parquet`: column `y` has 1 rows but column `x` has 2 \
         (every column needs one entry per row)"
    );
    assert_eq!(
        write_parquet(&path, &[("x", &x), ("x", &x)])
            .unwrap_err()
            .to_string(),
        "invalid argument to `write_parquet`: column name `x` appears twice"
    );
    assert_eq!(
        write_parquet::<f64>(&path, &[]).unwrap_err().to_string(),
        "invalid argument to `write_parquet`: no columns to write"
    );
    assert!(!path.exists());

    let folder = std::env::temp_dir()
        .join("awkdiff_no_such_folder")
        .join("x.parquet");
    let err = write_parquet(&folder, &[("x", &x)])
        .unwrap_err()
        .to_string();
    let prefix = format!(
        "invalid argument to `write_parquet`: cannot create {}: ",
        folder.display()
    );
    assert!(err.starts_with(&prefix), "{err}");
}
