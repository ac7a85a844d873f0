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
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::arrow::{ArrowCollector, ArrowFloat};
use crate::error::{Error, Result};
use crate::layout::Array;

/// Rows per record batch when reading (fewer, larger batches: fewer appends).
const READ_BATCH_ROWS: usize = 64 * 1024;

/// Reads the top-level column `column` of the Parquet file at `path` into an array of `T`.
/// The column must be lists nested to any depth over `T` (`double` for `f64`, `float` for
/// `f32`), or `T` itself for a flat array, without nulls.
///
/// Errors ([`Error::Invalid`] with `op` `read_parquet_column`) say what and where: a file
/// that cannot be opened or is not Parquet, a missing column (with the columns there are),
/// a column of another type, a null (with its dimension and index).
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
    const OP: &str = "read_parquet_column";
    let path = path.as_ref();
    let fail = |reason: String| Error::Invalid {
        op: OP.into(),
        reason,
    };
    let file =
        File::open(path).map_err(|e| fail(format!("cannot open {}: {e}", path.display())))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| fail(format!("cannot read {} as Parquet: {e}", path.display())))?;
    let schema = builder.schema().clone();
    let Some(index) = schema.fields().iter().position(|f| f.name() == column) else {
        let names: Vec<String> = schema
            .fields()
            .iter()
            .map(|f| format!("`{}`", f.name()))
            .collect();
        return Err(fail(format!(
            "{} has no column `{column}` (its columns: {})",
            path.display(),
            names.join(", ")
        )));
    };
    let context = format!("column `{column}` of {}: ", path.display());
    let mut collector =
        ArrowCollector::<T>::new(OP, context.clone(), schema.field(index).data_type())?;
    let mask = ProjectionMask::roots(builder.parquet_schema(), [index]);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(READ_BATCH_ROWS)
        .build()
        .map_err(|e| fail(format!("{context}cannot read: {e}")))?;
    for batch in reader {
        let batch = batch.map_err(|e| fail(format!("{context}cannot read: {e}")))?;
        collector.append(batch.column(0).as_ref())?;
    }
    collector.finish()
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
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|(name, array)| Field::new(name, array.data_type().clone(), false))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let arrays = self
            .columns
            .iter()
            .map(|(_, array)| array.clone())
            .collect();
        let batch = RecordBatch::try_new(schema.clone(), arrays)
            .map_err(|e| fail(format!("cannot assemble the columns: {e}")))?;
        let file = File::create(path)
            .map_err(|e| fail(format!("cannot create {}: {e}", path.display())))?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .build();
        let write_error = |e: parquet::errors::ParquetError| {
            fail(format!("cannot write {}: {e}", path.display()))
        };
        let mut writer =
            ArrowWriter::try_new(file, schema, Some(properties)).map_err(write_error)?;
        writer.write(&batch).map_err(write_error)?;
        writer.close().map_err(write_error)?;
        Ok(())
    }
}
