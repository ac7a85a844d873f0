//! Parquet: the file Awkward's `ak.to_parquet` wrote (tests/data/make_awkward_parquet.py)
//! reads back to the values the script wrote; round trips at depths 0 to 3 in f32 and f64;
//! the errors for a missing file, a missing column, a wrong type, nulls and bad columns.
#![cfg(feature = "parquet")]

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{ArrayRef, LargeListArray, RecordBatch};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{Field, Schema};
use parquet::arrow::ArrowWriter;

use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::interop::parquet::{read_parquet_column, write_parquet, ParquetColumns};
use awkdiff_core::{array, Array, Error, Structure, MAX_DEPTH};

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

// ---------------------------------------------------------------------------------------
// Corrupted files: an error, never a panic.

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, returning `Err(message)` if a panic escapes it. The panic hook stays quiet for
/// panics on this thread while `f` runs (the reader may print panics it catches itself);
/// panics elsewhere still print.
fn no_panic<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "<non-string panic>".into())
    })
}

/// A small Parquet file of two columns (nested f64 and flat f32), as bytes.
fn small_parquet_bytes(path: &std::path::Path) -> Vec<u8> {
    let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0], [6.0]];
    let y: Array<f32> = array![0.5f32, 1.5, -2.0, 8.0];
    ParquetColumns::new()
        .column("x", &x)
        .column("y", &y)
        .write(path)
        .unwrap();
    std::fs::read(path).unwrap()
}

/// Reads both columns of the file at `path`: errors are fine (their messages are returned),
/// a panic fails with the corruption that caused it.
fn read_all_columns(path: &std::path::Path, what: &str) -> Vec<String> {
    let mut errors = Vec::new();
    for column in ["x", "y"] {
        let outcome = no_panic(|| match column {
            "x" => read_parquet_column::<f64>(path, column).err(),
            _ => read_parquet_column::<f32>(path, column).err(),
        });
        match outcome {
            Ok(error) => errors.extend(error.map(|e| e.to_string())),
            Err(message) => {
                panic!("read_parquet_column panicked on {what}, column `{column}`: {message}")
            }
        }
    }
    errors
}

#[test]
fn corrupted_files_give_errors_never_panics() {
    use rand::rngs::SmallRng;
    use rand::{Rng, SeedableRng};

    let path = temp_path("fuzz");
    let original = small_parquet_bytes(&path);
    let mut rng = SmallRng::seed_from_u64(18);
    let mut kinds: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for round in 0..20_000 {
        let mut bytes = original.clone();
        let what = match round % 4 {
            // One byte changed: most bytes are in the footer (the metadata), where a
            // change reaches the decoders with inconsistent sizes and offsets.
            0 | 1 => {
                let at = rng.random_range(0..bytes.len());
                bytes[at] ^= rng.random_range(1..=255u8);
                format!("one byte changed at {at}")
            }
            // A few random bytes anywhere.
            2 => {
                for _ in 0..rng.random_range(2..8) {
                    let at = rng.random_range(0..bytes.len());
                    bytes[at] = rng.random();
                }
                "a few random bytes".to_string()
            }
            // A run of bytes zeroed or set to 0xff, or the file cut short.
            _ => {
                let at = rng.random_range(0..bytes.len());
                let len = rng.random_range(1..16).min(bytes.len() - at);
                if rng.random_bool(0.2) {
                    bytes.truncate(at);
                    format!("cut at {at}")
                } else {
                    let fill = if rng.random_bool(0.5) { 0 } else { 0xff };
                    bytes[at..at + len].fill(fill);
                    format!("{len} bytes set to {fill} at {at}")
                }
            }
        };
        overwrite(&path, &bytes);
        for error in read_all_columns(&path, &format!("round {round}: {what}")) {
            assert!(error.len() < 1000, "{error}");
            kinds.entry(kind_of(&error)).or_default().push(error);
        }
    }
    std::fs::remove_file(&path).unwrap();
    let counts: Vec<(&str, usize)> = kinds.iter().map(|(k, v)| (*k, v.len())).collect();
    eprintln!("errors of each kind: {counts:?}");
    // The corruptions reach both guards: the check of the column chunks and, for what it
    // misses, the caught panic; both messages name the file.
    let prefix = format!(
        "invalid argument to `read_parquet_column`: cannot read {}",
        path.display()
    );
    let caught = &kinds["caught panic"];
    assert!(
        caught[0].starts_with(&format!(
            "{prefix}: the file is corrupted (the Parquet reader failed: "
        )),
        "{}",
        caught[0]
    );
    let outside = &kinds["chunk outside the file"];
    assert!(
        outside[0].starts_with(&format!("{prefix} as Parquet: column chunk ")),
        "{}",
        outside[0]
    );
    assert!(
        outside[0].ends_with(" bytes (the file is corrupted)"),
        "{}",
        outside[0]
    );
}

/// Replaces the bytes of the file at `path` in place. (`std::fs::write` truncates the file
/// to 0 first, which makes ext4 flush it to disk on close: thousands of times slower.)
fn overwrite(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .unwrap();
    file.write_all(bytes).unwrap();
    file.set_len(bytes.len() as u64).unwrap();
}

/// The kind of a reading error, for counting.
fn kind_of(error: &str) -> &'static str {
    const KINDS: [(&str, &str); 5] = [
        (
            "the file is corrupted (the Parquet reader failed: ",
            "caught panic",
        ),
        (" bytes (the file is corrupted)", "chunk outside the file"),
        (" as Parquet: ", "not Parquet"),
        (": cannot read: ", "cannot read"),
        (" has no column ", "no column"),
    ];
    KINDS
        .iter()
        .find(|(words, _)| error.contains(words))
        .map_or("other", |(_, kind)| kind)
}

#[test]
fn messages_quote_at_most_64_characters_and_20_columns() {
    let path = temp_path("many_columns");
    let x: Array<f64> = array![1.0, 2.0];
    let names: Vec<String> = (0..30)
        .map(|i| format!("{}{i}", "c".repeat(i * 5)))
        .collect();
    let columns: Vec<(&str, &Array<f64>)> = names.iter().map(|n| (n.as_str(), &x)).collect();
    write_parquet(&path, &columns).unwrap();
    let asked = "z".repeat(1000);
    let err = read_parquet_column::<f64>(&path, &asked)
        .unwrap_err()
        .to_string();
    let listed: Vec<String> = names[..20]
        .iter()
        .map(|n| match n.len() {
            0..=64 => format!("`{n}`"),
            len => format!("`{}... ({len} bytes)`", &n[..64]),
        })
        .collect();
    assert_eq!(
        err,
        format!(
            "invalid argument to `read_parquet_column`: {} has no column `{}... (1000 bytes)` \
             (its columns: {}, ... (30 columns in all))",
            path.display(),
            "z".repeat(64),
            listed.join(", ")
        )
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn columns_deeper_than_max_depth_are_rejected() {
    let path = temp_path("deep");
    let mut x = Array::from_vec(vec![1.0, 2.0]);
    for _ in 0..MAX_DEPTH {
        x = Array::from_offsets(vec![0, x.len() as i64], x).unwrap();
    }
    write_parquet(&path, &[("x", &x)]).unwrap();
    assert_eq!(read_parquet_column::<f64>(&path, "x").unwrap(), x);

    // One list more, written with arrow-rs and parquet directly.
    let inner = x.to_arrow();
    let field = Arc::new(Field::new_list_field(inner.data_type().clone(), false));
    let deeper: ArrayRef = Arc::new(LargeListArray::new(
        field,
        OffsetBuffer::new(vec![0i64, 1].into()),
        inner,
        None,
    ));
    let schema = Arc::new(Schema::new(vec![Field::new(
        "x",
        deeper.data_type().clone(),
        false,
    )]));
    let batch = RecordBatch::try_new(schema.clone(), vec![deeper]).unwrap();
    let mut writer = ArrowWriter::try_new(File::create(&path).unwrap(), schema, None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
    let err = read_parquet_column::<f64>(&path, "x").unwrap_err();
    assert_eq!(
        err,
        Error::Depth {
            op: "read_parquet_column".into(),
            depth: MAX_DEPTH + 1
        }
    );
    assert_eq!(
        err.to_string(),
        "array too deep in `read_parquet_column`: 101 nested list dimensions, more than \
         MAX_DEPTH = 100"
    );
    std::fs::remove_file(&path).unwrap();
}
