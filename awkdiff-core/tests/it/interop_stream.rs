//! Streaming Parquet reads (`interop::stream`) and sums over batches (`batch_sum`): row
//! groups of several files read one at a time equal the arrays written; only the needed
//! columns are read; sums are the same for any number of threads and equal a sequential
//! fold; every error names the file and row group.
#![cfg(feature = "parquet")]

use std::path::PathBuf;

use awkdiff_core::batch_sum::{sum_batches, Summable};
use awkdiff_core::check::rng;
use awkdiff_core::interop::parquet::{write_parquet, ParquetColumns};
use awkdiff_core::interop::stream::{column, glob_files, on_record_batch, ParquetStream};
use awkdiff_core::{array, concatenate, s, Array, Error};
use rand::Rng;

/// A fresh folder in the system's temporary folder, unique to this test.
fn temp_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awkdiff_stream_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `rows` lists of 0 to 3 values in -1..1.
fn ragged(rng: &mut impl Rng, rows: usize) -> Array<f64> {
    let (mut offsets, mut values) = (vec![0i64], Vec::new());
    for _ in 0..rows {
        for _ in 0..rng.random_range(0..4) {
            values.push(rng.random_range(-1.0..1.0));
        }
        offsets.push(values.len() as i64);
    }
    Array::from_offsets(offsets, Array::from_vec(values)).unwrap()
}

/// Three files of random ragged `x` (f64, depth 1) and flat `w`, row groups of 7 rows;
/// returns their paths and the whole columns.
fn three_files(name: &str) -> (PathBuf, Vec<PathBuf>, Array<f64>, Array<f64>) {
    let dir = temp_folder(name);
    let mut rng = rng(17);
    let (mut xs, mut ws, mut paths) = (Vec::new(), Vec::new(), Vec::new());
    for (i, rows) in [20usize, 0, 9].into_iter().enumerate() {
        let x = ragged(&mut rng, rows);
        let w: Array<f64> = Array::from_vec((0..rows).map(|r| 0.5 + r as f64).collect());
        let path = dir.join(format!("part_{i}.parquet"));
        ParquetColumns::new()
            .column("x", &x)
            .column("unused", &x)
            .column("w", &w)
            .row_group_rows(7)
            .write(&path)
            .unwrap();
        paths.push(path);
        xs.push(x);
        ws.push(w);
    }
    let x = concatenate(&xs.iter().collect::<Vec<_>>(), 0);
    let w = concatenate(&ws.iter().collect::<Vec<_>>(), 0);
    (dir, paths, x, w)
}

#[test]
fn row_groups_of_several_files_read_back_in_order() {
    let (dir, paths, x, w) = three_files("order");
    let stream = ParquetStream::open(&paths, (column::<f64>("x"), column::<f64>("w"))).unwrap();
    // 20 rows: 3 row groups; 0 rows: none (or one empty); 9 rows: 2.
    assert_eq!(stream.rows(), 29);
    let mut start = 0;
    for batch in stream.iter() {
        let (xb, wb) = batch.unwrap();
        let end = start + xb.len();
        assert_eq!(xb, x.slice(s![start..end]));
        assert_eq!(wb, w.slice(s![start..end]));
        start = end;
    }
    assert_eq!(start, 29);
    let sizes: Vec<usize> = (0..stream.partitions())
        .map(|i| stream.partition_rows(i))
        .filter(|&r| r > 0)
        .collect();
    assert_eq!(sizes, vec![7, 7, 6, 7, 2]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn only_the_projected_columns_are_read() {
    let (dir, paths, _, w) = three_files("projection");
    let stream = ParquetStream::open(&paths, column::<f64>("w")).unwrap();
    let batch = stream.read_record_batch(0).unwrap();
    assert_eq!(batch.num_columns(), 1);
    assert_eq!(batch.schema().field(0).name(), "w");
    assert_eq!(stream.read(0).unwrap(), w.slice(s![0..7]));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn sums_are_the_same_for_any_number_of_threads() {
    let (dir, paths, x, w) = three_files("threads");
    let stream = ParquetStream::open(&paths, (column::<f64>("x"), column::<f64>("w"))).unwrap();
    // sum(w * sum(exp(x), axis=1)) and its gradient in x per row group is too big to sum;
    // the value, a count and a small array (the sum over rows of the first 2 entries).
    let f = |(x, w): (Array<f64>, Array<f64>)| {
        let per_row = x.exp().sum(1);
        (
            (&per_row * &w).sum_all(),
            (w.len() as f64, array![per_row.sum_all(), w.sum_all()]),
        )
    };
    let sequential = stream
        .iter()
        .map(|b| f(b.unwrap()))
        .reduce(|a, b| a.add_sum(&b))
        .unwrap();
    // The whole data at once: equal up to rounding (another order of additions).
    let whole = (x.exp().sum(1) * &w).sum_all();
    assert!((sequential.0 - whole).abs() <= 1e-12 * whole.abs());
    assert_eq!(sequential.1 .0, 29.0);
    // Bitwise: the partial sums are added in partition order.
    let direct = stream.sum(f).unwrap();
    assert_eq!(direct.0.to_bits(), sequential.0.to_bits());
    assert_eq!(direct.1, sequential.1);
    #[cfg(feature = "parallel")]
    for threads in [1, 2, 3, 5] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let parallel = pool.install(|| stream.sum(f)).unwrap();
        assert_eq!(
            parallel.0.to_bits(),
            sequential.0.to_bits(),
            "{threads} threads"
        );
        assert_eq!(parallel.1, sequential.1, "{threads} threads");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(feature = "parallel")]
#[test]
fn sum_batches_adds_in_batch_order() {
    // Values whose float sum depends on the order: only a left fold in index order gives
    // exactly this.
    let values: [f64; 8] = [1e16, 1.0, -1e16, 1.0, 1e-3, 3.0, -7.5, 1e10];
    let expected = values.iter().skip(1).fold(values[0], |a, b| a + b);
    for threads in [1, 2, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let total = pool
            .install(|| sum_batches(values.len(), |i| Ok(values[i]), |v| v))
            .unwrap();
        assert_eq!(total.to_bits(), expected.to_bits());
    }
}

#[test]
fn the_first_error_in_batch_order_is_returned() {
    let read = |i: usize| {
        if i % 3 == 2 {
            Err(Error::Invalid {
                op: "test".into(),
                reason: format!("batch {i}"),
            })
        } else {
            Ok(i as f64)
        }
    };
    let err = sum_batches(10, read, |v| v).unwrap_err();
    assert_eq!(err.to_string(), "invalid argument to `test`: batch 2");
}

#[test]
fn the_seam_converts_any_record_batch() {
    let (dir, paths, _, _) = three_files("seam");
    let stream = ParquetStream::open(&paths, column::<f64>("x")).unwrap();
    let per_batch = on_record_batch(column::<f64>("x"), |x| x.sum_all());
    for i in 0..stream.partitions() {
        let batch = stream.read_record_batch(i).unwrap();
        assert_eq!(
            per_batch(&batch).unwrap(),
            stream.read(i).unwrap().sum_all()
        );
    }
    let batch = stream.read_record_batch(0).unwrap();
    let err = on_record_batch(column::<f64>("y"), |y| y.sum_all())(&batch).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument to `ParquetStream`: the batch has no column `y` (its columns: `x`)"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn glob_lists_matching_files_sorted() {
    let (dir, paths, _, _) = three_files("glob");
    std::fs::write(dir.join("part_x.txt"), b"").unwrap();
    assert_eq!(glob_files(dir.join("part_?.parquet")).unwrap(), paths);
    assert_eq!(
        glob_files(dir.join("*_2*")).unwrap(),
        vec![paths[2].clone()]
    );
    let err = glob_files(dir.join("*").join("*.parquet")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid argument to `glob_files`: only the file name may have wildcards (`*`, `?`): `{}`",
            dir.join("*").join("*.parquet").display()
        )
    );
    let missing = dir.join("none").join("*.parquet");
    let err = glob_files(&missing).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!(
            "invalid argument to `glob_files`: cannot list {}: ",
            dir.join("none").display()
        )),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn errors_name_the_file_and_row_group() {
    let dir = temp_folder("errors");
    let good = dir.join("good.parquet");
    let x: Array<f64> = array![[1.0], [], [2.0, 3.0]];
    ParquetColumns::new()
        .column("x", &x)
        .row_group_rows(2)
        .write(&good)
        .unwrap();
    let prefix = "invalid argument to `ParquetStream`: ";

    let err = ParquetStream::open([&good], column::<f64>("y"))
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{prefix}{} has no column `y` (its columns: `x`)",
            good.display()
        )
    );

    let text = dir.join("text.parquet");
    std::fs::write(&text, b"not parquet").unwrap();
    let err = ParquetStream::open([&good, &text], column::<f64>("x"))
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.starts_with(&format!(
            "{prefix}cannot read {} as Parquet: ",
            text.display()
        )),
        "{err}"
    );

    // A column of another type: found when the row group is converted.
    let stream = ParquetStream::open([&good], column::<f32>("x")).unwrap();
    assert_eq!(
        stream.read(1).unwrap_err().to_string(),
        format!(
            "{prefix}row group 1 of {}: column `x`: expected List or LargeList nested over \
             Float32 values, found Float64 at dimension 2 of LargeList(non-null Float64)",
            good.display()
        )
    );
    let err = stream.sum(|x| x.sum_all()).unwrap_err();
    assert!(err.to_string().contains("row group 0 of"), "{err}");

    let stream = ParquetStream::open([&good], column::<f64>("x")).unwrap();
    assert_eq!(
        stream.read(2).unwrap_err().to_string(),
        format!("{prefix}partition 2 is out of range (the files have 2 row groups)")
    );

    // A file replaced after opening: the row group cannot be read any more.
    write_parquet(&good, &[("x", &array![1.0])]).unwrap();
    let err = stream.read(1).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{prefix}row group 1 of {}: ", good.display())),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_corrupted_row_group_is_an_error_naming_it() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = temp_folder("corrupted");
    let path = dir.join("data.parquet");
    let x = Array::from_vec((0..4000).map(|i| (i as f64).sin()).collect());
    // Zstandard-compressed row groups of 1000 rows.
    ParquetColumns::new()
        .column("x", &x)
        .row_group_rows(1000)
        .write(&path)
        .unwrap();
    let chunk = {
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let column = reader.metadata().row_group(2).column(0).clone();
        let start = column
            .dictionary_page_offset()
            .unwrap_or(column.data_page_offset());
        (start as usize, column.compressed_size() as usize)
    };
    let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    // Garble the second half of row group 2's column chunk (compressed pages).
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[chunk.0 + chunk.1 / 2..chunk.0 + chunk.1 - 8] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(stream.read(1).unwrap(), x.slice(s![1000..2000]));
    // (Zstandard's "Data corruption detected", through the parquet crate.)
    let err = stream.read(2).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!(
            "invalid argument to `ParquetStream`: row group 2 of {}: cannot read: ",
            path.display()
        )),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn column_values_are_read_in_place() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Float64Type;
    let (dir, paths, _, _) = three_files("in_place");
    let stream = ParquetStream::open(&paths, column::<f64>("x")).unwrap();
    let x = stream.read(1).unwrap();
    assert!(!x.content().is_empty());
    // `to_arrow` shares values that came from Arrow and copies others: the same address
    // means the row group's decoded buffer is the array's content, not a copy of it.
    let arrow = x.to_arrow();
    let values = arrow
        .as_list::<i64>()
        .values()
        .as_primitive::<Float64Type>();
    assert_eq!(values.values().as_ptr(), x.content().as_ptr());
    // The control: an array computed by awkdiff is copied by `to_arrow`.
    let owned = &x * 1.0;
    let copied = owned.to_arrow();
    let copied = copied
        .as_list::<i64>()
        .values()
        .as_primitive::<Float64Type>();
    assert_ne!(copied.values().as_ptr(), owned.content().as_ptr());
    std::fs::remove_dir_all(dir).unwrap();
}
