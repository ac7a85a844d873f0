//! Parquet columns in and out (the `parquet` crate of arrow-rs), behind the cargo feature
//! `parquet`.
//!
//! Each top-level column of a Parquet file is one array: Awkward's `ak.to_parquet` of a
//! record array `{x: var * float64, y: var * var * float32}` writes the columns `x` and `y`,
//! which [`read_parquet_column`] reads back. Files compressed with Snappy or Zstandard
//! (Awkward's default) are read; [`write_parquet`] writes Zstandard, as Awkward does.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! use awkdiff_core::interop::parquet::{read_parquet_column, write_parquet};
//!
//! let path = std::env::temp_dir().join("awkdiff_parquet_module_doc.parquet");
//! let pt: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! let eta: Array<f64> = array![[0.5, -0.5, 1.0], [], [2.0, 0.0]];
//! write_parquet(&path, &[("pt", &pt), ("eta", &eta)]).unwrap();
//! assert_eq!(read_parquet_column::<f64>(&path, "eta").unwrap(), eta);
//! ```

use std::fs::File;
use std::panic::UnwindSafe;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use parquet::arrow::arrow_reader::{ArrowReaderOptions, ParquetRecordBatchReaderBuilder};
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::ParquetMetaData;
use parquet::file::properties::WriterProperties;

use super::arrow::{ArrowCollector, ArrowFloat};
/// The streaming reader over many files, one row group at a time (see [`super::stream`]).
pub use super::stream::{
    column, glob_files, on_record_batch, record, record_columns, ParquetStream, Projection,
};
use crate::error::{truncated, truncated_to, Error, Result, FOREIGN_MESSAGE_LIMIT};
use crate::layout::Array;

/// Rows per record batch when reading (fewer, larger batches: fewer appends).
const READ_BATCH_ROWS: usize = 64 * 1024;

/// Reads the top-level column `column` of the Parquet file at `path` into an array of `T`.
/// The column must be lists nested to any depth over `T` (`double` for `f64`, `float` for
/// `f32`), or `T` itself for a flat array, without nulls, at most
/// [`MAX_DEPTH`](crate::MAX_DEPTH) lists deep.
///
/// Errors ([`Error::Invalid`] with `op` `read_parquet_column`) say what and where: a file
/// that cannot be opened or is not Parquet, a missing column (with the columns there are),
/// a column of another type, a null (with its dimension and index), a corrupted file. A
/// column nested deeper than `MAX_DEPTH` gives [`Error::Depth`].
///
/// A corrupted file gives an error, never a panic: the metadata is checked before reading,
/// and a panic raised inside the `parquet` crate on a corruption the checks miss is caught
/// and becomes an error naming the file. (The panic hook still runs for such a panic, so
/// the default hook prints its message to stderr; and a build with `panic = "abort"`
/// cannot catch it.)
///
/// ```
/// use awkdiff_core::{array, Array};
/// use awkdiff_core::interop::parquet::{read_parquet_column, write_parquet};
///
/// let path = std::env::temp_dir().join("awkdiff_read_parquet_column_doc.parquet");
/// write_parquet(&path, &[("x", &array![[1.0f32], [], [2.0, 3.0]])]).unwrap();
/// assert_eq!(read_parquet_column::<f32>(&path, "x").unwrap(), array![[1.0f32], [], [2.0, 3.0]]);
/// let err = read_parquet_column::<f32>(&path, "y").unwrap_err().to_string();
/// assert!(err.ends_with("has no column `y` (its columns: `x`)"), "{err}");
/// ```
pub fn read_parquet_column<T: ArrowFloat>(
    path: impl AsRef<Path>,
    column: &str,
) -> Result<Array<T>> {
    let path = path.as_ref();
    contain_panics(path, || read_column(path, column))
}

/// The name of the reader, in its errors.
const OP: &str = "read_parquet_column";

/// The message of an error (or a panic) of the `parquet` crate, cut to
/// [`FOREIGN_MESSAGE_LIMIT`] characters: it may quote the bytes it failed on.
pub(crate) fn foreign(message: &str) -> std::borrow::Cow<'_, str> {
    truncated_to(message, FOREIGN_MESSAGE_LIMIT)
}

/// An [`Error::Invalid`] of [`read_parquet_column`].
fn fail(reason: String) -> Error {
    Error::Invalid {
        op: OP.into(),
        reason,
    }
}

/// Runs `read`, turning a panic inside it (raised by the `parquet` crate on a corrupted
/// file) into an error that names the file.
fn contain_panics<R>(path: &Path, read: impl FnOnce() -> Result<R> + UnwindSafe) -> Result<R> {
    contain_panics_as(OP, &path.display().to_string(), read)
}

/// [`contain_panics`] for the caller `op`, the panic's error naming `place` (a file, or a
/// row group of a file).
pub(crate) fn contain_panics_as<R>(
    op: &'static str,
    place: &str,
    read: impl FnOnce() -> Result<R> + UnwindSafe,
) -> Result<R> {
    std::panic::catch_unwind(read).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("a panic without a message");
        Err(Error::Invalid {
            op: op.into(),
            reason: format!(
                "cannot read {place}: the file is corrupted (the Parquet reader failed: {})",
                foreign(message)
            ),
        })
    })
}

/// [`read_parquet_column`] without the panic guard.
fn read_column<T: ArrowFloat>(path: &Path, column: &str) -> Result<Array<T>> {
    let open =
        || File::open(path).map_err(|e| fail(format!("cannot open {}: {e}", path.display())));
    let file = open()?;
    let file_len = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    let not_parquet = |e: &dyn std::fmt::Display| {
        fail(format!(
            "cannot read {} as Parquet: {}",
            path.display(),
            foreign(&e.to_string())
        ))
    };
    let builder = match ParquetRecordBatchReaderBuilder::try_new(file) {
        Ok(builder) => builder,
        // The Arrow schema embedded in the file may be what fails (arrow-rs refuses one
        // nested more than 64 flatbuffer tables deep, as the schema of a deep column is):
        // read the Parquet schema alone then.
        Err(first) => {
            let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
            ParquetRecordBatchReaderBuilder::try_new_with_options(open()?, options)
                .map_err(|_| not_parquet(&first))?
        }
    };
    check_chunks(builder.metadata(), file_len).map_err(|reason| {
        fail(format!(
            "cannot read {} as Parquet: {reason}",
            path.display()
        ))
    })?;
    let schema = builder.schema().clone();
    let Some(index) = schema.fields().iter().position(|f| f.name() == column) else {
        return Err(fail(format!(
            "{} has no column `{}` (its columns: {})",
            path.display(),
            truncated(column),
            column_names(&schema)
        )));
    };
    let context = format!("column `{}` of {}: ", truncated(column), path.display());
    let mut collector =
        ArrowCollector::<T>::new(OP, context.clone(), schema.field(index).data_type())?;
    let mask = ProjectionMask::roots(builder.parquet_schema(), [index]);
    let cannot_read = |e: &dyn std::fmt::Display| {
        fail(format!("{context}cannot read: {}", foreign(&e.to_string())))
    };
    let reader = builder
        .with_projection(mask)
        .with_batch_size(READ_BATCH_ROWS)
        .build()
        .map_err(|e| cannot_read(&e))?;
    for batch in reader {
        let batch = batch.map_err(|e| cannot_read(&e))?;
        collector.append(batch.column(0).as_ref())?;
    }
    collector.finish()
}

/// The column names of `schema` for a message: `` `x`, `y` ``, each name truncated, at most
/// [`LISTED_COLUMNS`] of them (then how many there are in all).
pub(crate) fn column_names(schema: &Schema) -> String {
    let fields = schema.fields();
    let mut names: Vec<String> = fields
        .iter()
        .take(LISTED_COLUMNS)
        .map(|f| format!("`{}`", truncated(f.name())))
        .collect();
    if fields.len() > LISTED_COLUMNS {
        names.push(format!("... ({} columns in all)", fields.len()));
    }
    names.join(", ")
}

/// At most this many column names are listed in an error.
const LISTED_COLUMNS: usize = 20;

/// Checks that every column chunk of the file lies within its `file_len` bytes (the
/// `parquet` crate panics on a negative offset or size).
pub(crate) fn check_chunks(
    metadata: &ParquetMetaData,
    file_len: u64,
) -> std::result::Result<(), String> {
    for (g, group) in metadata.row_groups().iter().enumerate() {
        for (c, chunk) in group.columns().iter().enumerate() {
            let start = chunk
                .dictionary_page_offset()
                .unwrap_or(chunk.data_page_offset());
            let len = chunk.compressed_size();
            let within = start >= 0
                && len >= 0
                && chunk.data_page_offset() >= 0
                && (start as u64)
                    .checked_add(len as u64)
                    .is_some_and(|end| end <= file_len);
            if !within {
                return Err(format!(
                    "column chunk {c} of row group {g} has offset {start} and size {len}, not \
                     within the file's {file_len} bytes (the file is corrupted)"
                ));
            }
        }
    }
    Ok(())
}

/// Writes arrays of one element type as the columns of a new Parquet file at `path`
/// (replacing any file there), one row per outermost entry: every array must have the same
/// length. For columns of different element types, use [`ParquetColumns`].
///
/// ```
/// use awkdiff_core::{array, Array};
/// use awkdiff_core::interop::parquet::write_parquet;
///
/// let path = std::env::temp_dir().join("awkdiff_write_parquet_doc.parquet");
/// let x: Array<f64> = array![[1.0, 2.0], []];
/// let y: Array<f64> = array![0.5];
/// let err = write_parquet(&path, &[("x", &x), ("y", &y)]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid argument to `write_parquet`: column `y` has 1 rows but column `x` has 2 \
///      (every column needs one entry per row)"
/// );
/// ```
pub fn write_parquet<T: ArrowFloat>(
    path: impl AsRef<Path>,
    columns: &[(&str, &Array<T>)],
) -> Result<()> {
    columns
        .iter()
        .fold(ParquetColumns::new(), |out, (name, array)| {
            out.column(name, array)
        })
        .write(path)
}

/// The columns of a Parquet file to write, of any element types, in order.
///
/// ```
/// use awkdiff_core::{array, Array};
/// use awkdiff_core::interop::parquet::{read_parquet_column, ParquetColumns};
///
/// let path = std::env::temp_dir().join("awkdiff_parquet_columns_doc.parquet");
/// let energy: Array<f32> = array![[10.0, 20.0], [], [5.0]];
/// let weight: Array<f64> = array![1.0, 0.5, 2.0];
/// ParquetColumns::new().column("energy", &energy).column("weight", &weight).write(&path).unwrap();
/// assert_eq!(read_parquet_column::<f64>(&path, "weight").unwrap(), weight);
/// ```
#[derive(Default, Clone, Debug)]
pub struct ParquetColumns {
    columns: Vec<(String, ArrayRef)>,
    /// At most this many rows per row group (the `parquet` crate's default when `None`).
    row_group_rows: Option<usize>,
    /// Write without compression (else Zstandard).
    uncompressed: bool,
}

impl ParquetColumns {
    /// No columns yet.
    ///
    /// ```
    /// let columns = awkdiff_core::interop::parquet::ParquetColumns::new();
    /// # let _ = columns;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the column `name` holding `array` (converted with
    /// [`Array::to_arrow`](crate::Array::to_arrow)).
    ///
    /// ```
    /// use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// let columns = ParquetColumns::new().column("x", &array![[1.0], [2.0, 3.0]]);
    /// # let _ = columns;
    /// ```
    pub fn column<T: ArrowFloat>(mut self, name: &str, array: &Array<T>) -> Self {
        self.columns.push((name.to_string(), array.to_arrow()));
        self
    }

    /// Adds the column `name` holding the record `record` as lists of structs (one child
    /// per field), as [`write_parquet_record`] writes it.
    ///
    /// ```
    /// # use awkdiff_core::{array, Array, Result};
    /// # use awkdiff_core::record::{Field, FieldSource, MapField, Record};
    /// # #[derive(Clone)]
    /// # struct Muons { pt: Array<f64> }
    /// # impl Record for Muons {
    /// #     const NAME: &'static str = "Muons";
    /// #     const FIELDS: &'static [&'static str] = &["pt"];
    /// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt] }
    /// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { Ok(Muons { pt: m.map("pt", &self.pt)? }) }
    /// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> { Ok(Muons { pt: s.field("pt")? }) }
    /// # }
    /// use awkdiff_core::interop::parquet::ParquetColumns;
    /// let muons = Muons { pt: array![[30.0], []] };
    /// let path = std::env::temp_dir().join("awkdiff_parquet_columns_record_doc.parquet");
    /// ParquetColumns::new().record("Muon", &muons).column("met", &array![12.0, 7.5]).write(&path).unwrap();
    /// ```
    pub fn record<R: crate::record::Record>(mut self, name: &str, record: &R) -> Self {
        self.columns
            .push((name.to_string(), super::records::record_to_arrow(record)));
        self
    }

    /// Writes row groups of at most `rows` rows (the unit a streaming reader reads at a
    /// time, see [`ParquetStream`]); without it, the `parquet`
    /// crate's default (about a million rows).
    ///
    /// ```
    /// use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// let path = std::env::temp_dir().join("awkdiff_parquet_row_group_rows_doc.parquet");
    /// ParquetColumns::new().column("x", &array![1.0, 2.0, 3.0]).row_group_rows(2).write(&path).unwrap();
    /// assert_eq!(ParquetStream::open([&path], column::<f64>("x")).unwrap().partitions(), 2);
    /// ```
    pub fn row_group_rows(mut self, rows: usize) -> Self {
        self.row_group_rows = Some(rows.max(1));
        self
    }

    /// Writes without compression: faster to write and to read, larger on disk (random
    /// floats hardly compress anyway).
    ///
    /// ```
    /// use awkdiff_core::{array, interop::parquet::{read_parquet_column, ParquetColumns}};
    /// let path = std::env::temp_dir().join("awkdiff_parquet_uncompressed_doc.parquet");
    /// ParquetColumns::new().column("x", &array![[1.0], []]).uncompressed().write(&path).unwrap();
    /// assert_eq!(read_parquet_column::<f64>(&path, "x").unwrap(), array![[1.0], []]);
    /// ```
    pub fn uncompressed(mut self) -> Self {
        self.uncompressed = true;
        self
    }

    /// Writes the columns to a new Parquet file at `path` (replacing any file there), with
    /// Zstandard compression. There must be at least one column, names must differ, and
    /// every column must have the same number of rows.
    ///
    /// ```
    /// use awkdiff_core::interop::parquet::ParquetColumns;
    /// let path = std::env::temp_dir().join("awkdiff_parquet_columns_write_doc.parquet");
    /// assert_eq!(
    ///     ParquetColumns::new().write(&path).unwrap_err().to_string(),
    ///     "invalid argument to `write_parquet`: no columns to write"
    /// );
    /// ```
    pub fn write(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let fail = |reason: String| Error::Invalid {
            op: "write_parquet".into(),
            reason,
        };
        let Some((first_name, first)) = self.columns.first() else {
            return Err(fail("no columns to write".into()));
        };
        for (i, (name, array)) in self.columns.iter().enumerate() {
            if self.columns[..i].iter().any(|(other, _)| other == name) {
                return Err(fail(format!("column name `{name}` appears twice")));
            }
            if array.len() != first.len() {
                return Err(fail(format!(
                    "column `{name}` has {} rows but column `{first_name}` has {} \
                     (every column needs one entry per row)",
                    array.len(),
                    first.len()
                )));
            }
        }
        let columns: Vec<(&str, ArrayRef, bool)> = self
            .columns
            .iter()
            .map(|(name, array)| (name.as_str(), array.clone(), false))
            .collect();
        let mut properties = WriterProperties::builder().set_compression(if self.uncompressed {
            Compression::UNCOMPRESSED
        } else {
            Compression::ZSTD(ZstdLevel::default())
        });
        if let Some(rows) = self.row_group_rows {
            properties = properties.set_max_row_group_row_count(Some(rows));
        }
        write_batch(
            path,
            "write_parquet",
            "the columns",
            columns,
            properties.build(),
        )
    }
}

/// The writer properties of Awkward's default: Zstandard compression.
fn zstd() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build()
}

/// Writes `columns` (name, Arrow array, whether the column is nullable) as one record batch
/// of a new Parquet file at `path` with `properties`; `op` names the caller in errors,
/// `what` what is written.
fn write_batch(
    path: &Path,
    op: &'static str,
    what: &str,
    columns: Vec<(&str, ArrayRef, bool)>,
    properties: WriterProperties,
) -> Result<()> {
    let fail = |reason: String| Error::Invalid {
        op: op.into(),
        reason,
    };
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, array, nullable)| Field::new(*name, array.data_type().clone(), *nullable))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let arrays = columns.into_iter().map(|(_, array, _)| array).collect();
    let batch = RecordBatch::try_new(schema.clone(), arrays)
        .map_err(|e| fail(format!("cannot assemble {what}: {e}")))?;
    let file =
        File::create(path).map_err(|e| fail(format!("cannot create {}: {e}", path.display())))?;
    let write_error =
        |e: parquet::errors::ParquetError| fail(format!("cannot write {}: {e}", path.display()));
    let mut writer = ArrowWriter::try_new(file, schema, Some(properties)).map_err(write_error)?;
    writer.write(&batch).map_err(write_error)?;
    writer.close().map_err(write_error)?;
    Ok(())
}

/// Reads the top-level columns `names` of the Parquet file at `path`, each whole, as one
/// Arrow array per column (in the order of `names`). `op` names the caller in errors.
fn read_arrow_columns(path: &Path, names: &[String], op: &'static str) -> Result<Vec<ArrayRef>> {
    let fail = |reason: String| Error::Invalid {
        op: op.into(),
        reason,
    };
    let file =
        File::open(path).map_err(|e| fail(format!("cannot open {}: {e}", path.display())))?;
    let file_len = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| {
        fail(format!(
            "cannot read {} as Parquet: {}",
            path.display(),
            foreign(&e.to_string())
        ))
    })?;
    check_chunks(builder.metadata(), file_len).map_err(|reason| {
        fail(format!(
            "cannot read {} as Parquet: {reason}",
            path.display()
        ))
    })?;
    let schema = builder.schema().clone();
    let mut indices = Vec::with_capacity(names.len());
    for name in names {
        match schema.fields().iter().position(|f| f.name() == name) {
            Some(index) => indices.push(index),
            None => {
                return Err(fail(format!(
                    "{} has no column `{}` (its columns: {})",
                    path.display(),
                    truncated(name),
                    column_names(&schema)
                )));
            }
        }
    }
    let rows = builder.metadata().file_metadata().num_rows().max(1) as usize;
    let mask = ProjectionMask::roots(builder.parquet_schema(), indices.iter().copied());
    let cannot_read = |e: &dyn std::fmt::Display| {
        fail(format!(
            "cannot read {}: {}",
            path.display(),
            foreign(&e.to_string())
        ))
    };
    // One batch of every row: the columns whole.
    let reader = builder
        .with_projection(mask)
        .with_batch_size(rows)
        .build()
        .map_err(|e| cannot_read(&e))?;
    let mut batches = Vec::new();
    for batch in reader {
        batches.push(batch.map_err(|e| cannot_read(&e))?);
    }
    let batch = match batches.len() {
        0 => return Err(fail(format!("{} has no rows", path.display()))),
        1 => batches.remove(0),
        n => {
            return Err(fail(format!(
                "{} was read in {n} parts, expected one",
                path.display()
            )));
        }
    };
    // The projection keeps the file's column order: map back to the order of `names`.
    let projected = batch.schema();
    names
        .iter()
        .map(|name| {
            let index = projected
                .fields()
                .iter()
                .position(|f| f.name() == name)
                .expect("a projected column");
            Ok(batch.column(index).clone())
        })
        .collect()
}

/// Reads a record (a struct made with `#[derive(Record)]`) from the column `column` of the
/// Parquet file at `path`, a column of lists of structs (`list<struct<pt: double, ..>>`,
/// what Awkward's `ak.to_parquet` writes for a record array inside lists): each field from
/// the struct's child of the same name, of exactly the field's type (`double`, `float`,
/// `int64`, `bool`). Errors ([`Error::Invalid`]) say what and where: a missing column or
/// field (with those there are), another type, a null.
///
/// ```ignore
/// let jets: Jets<f64> = read_parquet_record(&path, "Jet")?;
/// ```
/// (See the `awkdiff` crate's `tests/it/records.rs` for a run.)
pub fn read_parquet_record<R: crate::record::Record>(
    path: impl AsRef<Path>,
    column: &str,
) -> Result<R> {
    let path = path.as_ref();
    contain_panics(path, || {
        let arrays = read_arrow_columns(path, &[column.to_string()], "read_parquet_record")?;
        super::records::record_from_arrow::<R>(arrays[0].as_ref()).map_err(|e| match e {
            Error::Invalid { reason, .. } => Error::Invalid {
                op: "read_parquet_record".into(),
                reason: format!(
                    "column `{}` of {}: {reason}",
                    truncated(column),
                    path.display()
                ),
            },
            other => other,
        })
    })
}

/// Reads a record from sibling list columns that share their lists, one per field, named
/// `prefix` + the field's name (`Jet_pt`, `Jet_eta` for the prefix `Jet_`; the empty prefix
/// reads columns named as the fields). A column whose lists differ from the first field's
/// is an error naming the field.
///
/// ```ignore
/// let jets: Jets<f64> = read_parquet_record_columns(&path, "Jet_")?;
/// ```
pub fn read_parquet_record_columns<R: crate::record::Record>(
    path: impl AsRef<Path>,
    prefix: &str,
) -> Result<R> {
    let path = path.as_ref();
    contain_panics(path, || {
        let names: Vec<String> = R::FIELDS.iter().map(|f| format!("{prefix}{f}")).collect();
        let arrays = read_arrow_columns(path, &names, "read_parquet_record_columns")?;
        let mut column = |field: &str| -> Result<&dyn arrow_array::Array> {
            let index = R::FIELDS
                .iter()
                .position(|f| *f == field)
                .expect("a field of the record");
            Ok(arrays[index].as_ref())
        };
        super::records::record_from_columns::<R>("read_parquet_record_columns", &mut column)
    })
}

/// Writes `record` as the column `column` (lists of structs, one child per field, as
/// Awkward writes a record array) of a new Parquet file at `path`, Zstandard-compressed.
///
/// ```ignore
/// write_parquet_record(&path, "Jet", &jets)?;
/// ```
pub fn write_parquet_record<R: crate::record::Record>(
    path: impl AsRef<Path>,
    column: &str,
    record: &R,
) -> Result<()> {
    let array = super::records::record_to_arrow(record);
    write_batch(
        path.as_ref(),
        "write_parquet_record",
        "the column",
        vec![(column, array, false)],
        zstd(),
    )
}

/// Reads the top-level column `column` of the Parquet file at `path` into a [`Masked`](crate::Masked)
/// array: lists nested to any depth over `T` whose leaves may be null (Awkward's
/// `var * ?float64`, what `ak.to_parquet` writes for an array with missing values). A null
/// list is an error (awkdiff's missing entries are leaves), as are the errors of
/// [`read_parquet_column`].
///
/// ```
/// use awkdiff_core::{array, Masked};
/// use awkdiff_core::interop::parquet::{read_parquet_masked_column, write_parquet_masked};
///
/// let path = std::env::temp_dir().join("awkdiff_read_parquet_masked_doc.parquet");
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let masked = x.mask(&x.lt(1.5));
/// write_parquet_masked(&path, "x", &masked).unwrap();
/// let back: Masked<f64> = read_parquet_masked_column(&path, "x").unwrap();
/// assert_eq!(back.to_string(), "[[1, None], [], [None]]");
/// ```
pub fn read_parquet_masked_column<T: ArrowFloat>(
    path: impl AsRef<Path>,
    column: &str,
) -> Result<crate::Masked<T>> {
    let path = path.as_ref();
    contain_panics(path, || {
        let op = "read_parquet_masked_column";
        let arrays = read_arrow_columns(path, &[column.to_string()], op)?;
        crate::Masked::<T>::from_arrow(arrays[0].as_ref()).map_err(|e| match e {
            Error::Invalid { reason, .. } => Error::Invalid {
                op: op.into(),
                reason: format!(
                    "column `{}` of {}: {reason}",
                    truncated(column),
                    path.display()
                ),
            },
            other => other,
        })
    })
}

/// Writes the masked array `masked` as the column `column` of a new Parquet file at `path`
/// (nullable leaves, as Awkward writes `var * ?float64`), Zstandard-compressed.
///
/// ```
/// use awkdiff_core::array;
/// use awkdiff_core::interop::parquet::write_parquet_masked;
/// let x = array![[1.0], []];
/// let path = std::env::temp_dir().join("awkdiff_write_parquet_masked_doc.parquet");
/// write_parquet_masked(&path, "x", &x.mask(&x.gt(0.0))).unwrap();
/// ```
pub fn write_parquet_masked<T: ArrowFloat>(
    path: impl AsRef<Path>,
    column: &str,
    masked: &crate::Masked<T>,
) -> Result<()> {
    let array = masked.to_arrow();
    // The lists are never missing, their items may be (Awkward's `var * ?float64`).
    let nullable = masked.structure().depth() == 0;
    write_batch(
        path.as_ref(),
        "write_parquet_masked",
        "the column",
        vec![(column, array, nullable)],
        zstd(),
    )
}
