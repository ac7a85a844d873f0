//! Datasets larger than memory: Parquet files read one row group at a time (feature
//! `parquet`), only the columns (and record fields) a [`Projection`] names, each row group
//! converted to an [`Array`] or a record struct; and the sum of a function of each row
//! group (a loss and its gradient) over the whole dataset, the row groups read and
//! evaluated in parallel in bounded memory ([`ParquetStream::sum`], after
//! [`sum_batches`](crate::batch_sum::sum_batches)).
//!
//! A row group is the partition: the unit read, converted and evaluated at once, and the
//! unit a distributed engine would hand a worker (see `docs/scale-out.md`). Memory holds
//! about one row group per thread, whatever the number of files.
//!
//! Copies: a row group is decoded from Parquet into Arrow buffers (decompression and
//! decoding cannot be avoided); an [`Array`] column then reads its values in place
//! ([`Array::from_arrow`]), only the list offsets are copied. Record fields are copied
//! (as [`record_from_arrow`](super::records::record_from_arrow) does).
//!
//! ```
//! use awkdiff_core::{array, Array};
//! use awkdiff_core::interop::parquet::ParquetColumns;
//! use awkdiff_core::interop::stream::{column, ParquetStream};
//!
//! let dir = std::env::temp_dir();
//! let paths = [dir.join("awkdiff_stream_doc_a.parquet"), dir.join("awkdiff_stream_doc_b.parquet")];
//! let x: Array<f64> = array![[1.0, 2.0], [], [3.0], [4.0, 5.0, 6.0]];
//! let w: Array<f64> = array![1.0, 2.0, 0.5, 1.0];
//! for path in &paths {
//!     ParquetColumns::new().column("x", &x).column("w", &w).row_group_rows(2).write(path).unwrap();
//! }
//! // Two files of two row groups each; only the columns `x` and `w` are read.
//! let stream = ParquetStream::open(&paths, (column::<f64>("x"), column::<f64>("w"))).unwrap();
//! assert_eq!((stream.partitions(), stream.rows()), (4, 8));
//! let (x0, w0) = stream.read(0).unwrap();
//! assert_eq!((x0, w0), (array![[1.0, 2.0], []], array![1.0, 2.0]));
//! // sum(w * sum(x, axis=1)) over the dataset, and its number of events.
//! let (total, events) = stream.sum(|(x, w)| ((x.sum(1) * &w).sum_all(), w.len() as f64)).unwrap();
//! assert_eq!((total, events), (2.0 * 19.5, 8.0));
//! ```

use std::fs::File;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use arrow_array::{RecordBatch, RecordBatchReader};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::ProjectionMask;

use super::arrow::{ArrowCollector, ArrowFloat};
use super::parquet::{check_chunks, column_names, contain_panics_as, foreign};
use crate::batch_sum::{sum_batches_with, Summable};
use crate::error::{truncated, Error, Result};
use crate::layout::Array;
use crate::record::Record;

/// The name of the stream's operations in its errors.
const OP: &str = "ParquetStream";

fn fail(reason: String) -> Error {
    Error::Invalid {
        op: OP.into(),
        reason,
    }
}

/// Says where `error` happened: the reason of an [`Error::Invalid`] is prefixed with
/// `place` (and the error becomes the stream's), the context of an [`Error::Structure`]
/// (sibling columns whose lists differ) is followed by it; other errors pass unchanged.
fn located(place: &str, error: Error) -> Error {
    match error {
        Error::Invalid { reason, .. } => fail(format!("{place}: {reason}")),
        Error::Structure {
            context,
            expected,
            found,
            detail,
        } => Error::Structure {
            context: format!("{context} in {place}"),
            expected,
            found,
            detail,
        },
        other => other,
    }
}

/// What to read of each row group, and what it becomes: [`column()`] (an [`Array`]),
/// [`record()`] (a record struct from a column of lists of structs), [`record_columns()`] (a
/// record struct from sibling columns), or a tuple of these (a tuple of what each gives).
///
/// [`Projection::convert`] is the seam for other engines: any Arrow
/// `RecordBatch` holding the columns (a DataFusion partition, a batch sent by a Dask
/// worker) converts the same way (see [`on_record_batch`]).
///
/// ```
/// use awkdiff_core::interop::stream::{column, Projection};
/// let projection = (column::<f64>("jet_pt"), column::<f32>("met"));
/// assert_eq!(projection.columns(), vec![("jet_pt".to_string(), None), ("met".to_string(), None)]);
/// ```
pub trait Projection: Sync {
    /// What a row group becomes.
    type Batch;
    /// The top-level columns read, each with the record fields to keep of it (`None`:
    /// the whole column).
    fn columns(&self) -> Vec<(String, Option<&'static [&'static str]>)>;
    /// Converts a record batch holding the columns (and maybe others).
    fn convert(&self, batch: &RecordBatch) -> Result<Self::Batch>;
}

/// The column `name` of a batch, or an error listing its columns.
fn batch_column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a dyn arrow_array::Array> {
    batch
        .column_by_name(name)
        .map(|c| c.as_ref())
        .ok_or_else(|| {
            fail(format!(
                "the batch has no column `{}` (its columns: {})",
                truncated(name),
                column_names(&batch.schema())
            ))
        })
}

/// The projection of one column of lists of `T` (or of `T`), read as an `Array<T>`: see
/// [`column()`].
#[derive(Debug, Clone)]
pub struct Column<T> {
    name: String,
    element: PhantomData<fn() -> T>,
}

/// Reads the top-level column `name` as an `Array<T>` (lists nested over `double` for
/// `f64`, `float` for `f32`, without nulls), its values in place.
///
/// ```
/// use awkdiff_core::{array, Array};
/// use awkdiff_core::interop::parquet::ParquetColumns;
/// use awkdiff_core::interop::stream::{column, ParquetStream};
/// let path = std::env::temp_dir().join("awkdiff_stream_column_doc.parquet");
/// ParquetColumns::new().column("x", &array![[1.0f32], [], [2.0]]).write(&path).unwrap();
/// let stream = ParquetStream::open([&path], column::<f32>("x")).unwrap();
/// assert_eq!(stream.read(0).unwrap(), array![[1.0f32], [], [2.0]]);
/// ```
pub fn column<T: ArrowFloat>(name: &str) -> Column<T> {
    Column {
        name: name.to_string(),
        element: PhantomData,
    }
}

impl<T: ArrowFloat> Projection for Column<T> {
    type Batch = Array<T>;

    fn columns(&self) -> Vec<(String, Option<&'static [&'static str]>)> {
        vec![(self.name.clone(), None)]
    }

    fn convert(&self, batch: &RecordBatch) -> Result<Array<T>> {
        let array = batch_column(batch, &self.name)?;
        let context = format!("column `{}`: ", truncated(&self.name));
        let mut collector = ArrowCollector::<T>::new(OP, context, array.data_type())?;
        collector.append(array)?;
        collector.finish()
    }
}

/// The projection of a record from a column of lists of structs: see [`record()`].
#[derive(Debug, Clone)]
pub struct RecordColumn<R> {
    name: String,
    record: PhantomData<fn() -> R>,
}

/// Reads the column `name`, lists of structs (`list<struct<pt: double, ..>>`, as
/// Awkward's `ak.to_parquet` and [`write_parquet_record`](super::parquet::write_parquet_record)
/// write a record array), as the record `R`: only the struct's children named as `R`'s
/// fields are read from the file.
///
/// ```
/// # use awkdiff_core::{array, Array, Result};
/// # use awkdiff_core::record::{Field, FieldSource, MapField, Record};
/// # use awkdiff_core::interop::parquet::ParquetColumns;
/// # #[derive(Clone, Debug, PartialEq)]
/// # struct Jets { pt: Array<f64>, eta: Array<f64> }
/// # impl Record for Jets {
/// #     const NAME: &'static str = "Jets";
/// #     const FIELDS: &'static [&'static str] = &["pt", "eta"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.eta] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> {
/// #         Ok(Jets { pt: m.map("pt", &self.pt)?, eta: m.map("eta", &self.eta)? })
/// #     }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
/// #         Ok(Jets { pt: s.field("pt")?, eta: s.field("eta")? })
/// #     }
/// # }
/// use awkdiff_core::interop::stream::{record, ParquetStream};
/// let jets = Jets { pt: array![[50.0, 30.0], [], [20.0]], eta: array![[0.5, -1.0], [], [2.0]] };
/// let path = std::env::temp_dir().join("awkdiff_stream_record_doc.parquet");
/// ParquetColumns::new().record("Jet", &jets).write(&path).unwrap();
/// let stream = ParquetStream::open([&path], record::<Jets>("Jet")).unwrap();
/// assert_eq!(stream.read(0).unwrap(), jets);
/// ```
pub fn record<R: Record>(name: &str) -> RecordColumn<R> {
    RecordColumn {
        name: name.to_string(),
        record: PhantomData,
    }
}

impl<R: Record> Projection for RecordColumn<R> {
    type Batch = R;

    fn columns(&self) -> Vec<(String, Option<&'static [&'static str]>)> {
        vec![(self.name.clone(), Some(R::FIELDS))]
    }

    fn convert(&self, batch: &RecordBatch) -> Result<R> {
        let array = batch_column(batch, &self.name)?;
        super::records::record_from_arrow::<R>(array)
            .map_err(|e| located(&format!("column `{}`", truncated(&self.name)), e))
    }
}

/// The projection of a record from sibling columns: see [`record_columns()`].
#[derive(Debug, Clone)]
pub struct RecordColumns<R> {
    prefix: String,
    record: PhantomData<fn() -> R>,
}

/// Reads the record `R` from sibling list columns that share their lists, one per field,
/// named `prefix` + the field's name (`Jet_pt`, `Jet_eta` for the prefix `Jet_`), as
/// [`read_parquet_record_columns`](super::parquet::read_parquet_record_columns) does.
///
/// ```
/// # use awkdiff_core::{array, Array, Result};
/// # use awkdiff_core::record::{Field, FieldSource, MapField, Record};
/// # use awkdiff_core::interop::parquet::ParquetColumns;
/// # #[derive(Clone, Debug, PartialEq)]
/// # struct Jets { pt: Array<f64>, eta: Array<f64> }
/// # impl Record for Jets {
/// #     const NAME: &'static str = "Jets";
/// #     const FIELDS: &'static [&'static str] = &["pt", "eta"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.eta] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> {
/// #         Ok(Jets { pt: m.map("pt", &self.pt)?, eta: m.map("eta", &self.eta)? })
/// #     }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
/// #         Ok(Jets { pt: s.field("pt")?, eta: s.field("eta")? })
/// #     }
/// # }
/// use awkdiff_core::interop::stream::{record_columns, ParquetStream};
/// let (pt, eta) = (array![[50.0, 30.0], [], [20.0]], array![[0.5, -1.0], [], [2.0]]);
/// let path = std::env::temp_dir().join("awkdiff_stream_record_columns_doc.parquet");
/// ParquetColumns::new().column("Jet_pt", &pt).column("Jet_eta", &eta).write(&path).unwrap();
/// let stream = ParquetStream::open([&path], record_columns::<Jets>("Jet_")).unwrap();
/// assert_eq!(stream.read(0).unwrap(), Jets { pt, eta });
/// ```
pub fn record_columns<R: Record>(prefix: &str) -> RecordColumns<R> {
    RecordColumns {
        prefix: prefix.to_string(),
        record: PhantomData,
    }
}

impl<R: Record> Projection for RecordColumns<R> {
    type Batch = R;

    fn columns(&self) -> Vec<(String, Option<&'static [&'static str]>)> {
        R::FIELDS
            .iter()
            .map(|f| (format!("{}{f}", self.prefix), None))
            .collect()
    }

    fn convert(&self, batch: &RecordBatch) -> Result<R> {
        let mut field = |name: &str| batch_column(batch, &format!("{}{name}", self.prefix));
        super::records::record_from_columns::<R>(OP, &mut field)
    }
}

/// `Projection` for tuples of projections: the columns of each, the batch of each.
macro_rules! projection_tuple {
    ($($part:ident $index:tt),+) => {
        impl<$($part: Projection),+> Projection for ($($part,)+) {
            type Batch = ($($part::Batch,)+);

            fn columns(&self) -> Vec<(String, Option<&'static [&'static str]>)> {
                let mut out = Vec::new();
                $(out.extend(self.$index.columns());)+
                out
            }

            fn convert(&self, batch: &RecordBatch) -> Result<Self::Batch> {
                Ok(($(self.$index.convert(batch)?,)+))
            }
        }
    };
}

projection_tuple!(A 0);
projection_tuple!(A 0, B 1);
projection_tuple!(A 0, B 1, C 2);
projection_tuple!(A 0, B 1, C 2, D 3);
projection_tuple!(A 0, B 1, C 2, D 3, E 4);
projection_tuple!(A 0, B 1, C 2, D 3, E 4, F 5);

/// The function of a record batch that converts it with `projection` and applies `f`: the
/// per-partition function a distributed engine runs on its partitions (the seam of
/// `docs/scale-out.md`); the engine then sums the results
/// ([`Summable::add_sum`]).
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Float64Array, RecordBatch};
/// use awkdiff_core::interop::stream::{column, on_record_batch};
///
/// let batch = RecordBatch::try_from_iter([("x", Arc::new(Float64Array::from(vec![1.0, 2.0])) as _)]).unwrap();
/// let per_batch = on_record_batch(column::<f64>("x"), |x| (x.sum_all(), x.len() as f64));
/// assert_eq!(per_batch(&batch).unwrap(), (3.0, 2.0));
/// ```
pub fn on_record_batch<P: Projection, S>(
    projection: P,
    f: impl Fn(P::Batch) -> S + Sync,
) -> impl Fn(&RecordBatch) -> Result<S> + Sync {
    move |batch| projection.convert(batch).map(&f)
}

/// One file of a stream: its footer (read once) and the columns to read of it.
struct StreamFile {
    path: PathBuf,
    metadata: ArrowReaderMetadata,
    mask: ProjectionMask,
}

/// One partition: a row group of a file.
#[derive(Debug, Clone, Copy)]
struct Partition {
    file: usize,
    row_group: usize,
    rows: usize,
}

/// Parquet files read one row group at a time, each row group converted by a
/// [`Projection`]: the partitions are the row groups of the files, in the order of the
/// files given, then of the row groups in each.
///
/// Opening reads every file's footer (its metadata, not its data) and checks that it has
/// the projection's columns. [`read`](Self::read) reads one partition,
/// [`iter`](Self::iter) all of them in order, [`sum`](Self::sum) sums a function of each
/// in parallel. Errors name the file and the row group.
///
/// ```
/// use awkdiff_core::interop::stream::{column, ParquetStream};
/// let missing = std::env::temp_dir().join("awkdiff_stream_no_such_file.parquet");
/// let err = ParquetStream::open([&missing], column::<f64>("x")).err().unwrap().to_string();
/// assert!(err.starts_with("invalid argument to `ParquetStream`: cannot open "), "{err}");
/// ```
pub struct ParquetStream<P> {
    projection: P,
    files: Vec<StreamFile>,
    partitions: Vec<Partition>,
    #[cfg(feature = "progress")]
    progress: bool,
}

impl<P: Projection> ParquetStream<P> {
    /// Opens the Parquet files `paths` (in this order; see [`glob_files`] to list a
    /// folder) to read `projection` of each row group. Errors: no files, a file that
    /// cannot be opened or is not Parquet, a missing column or record field (naming the
    /// file and listing what there is).
    ///
    /// ```
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// let none: [&str; 0] = [];
    /// let err = ParquetStream::open(none, column::<f64>("x")).err().unwrap();
    /// assert_eq!(err.to_string(), "invalid argument to `ParquetStream`: no files to read");
    /// ```
    pub fn open(paths: impl IntoIterator<Item = impl AsRef<Path>>, projection: P) -> Result<Self> {
        let needed = projection.columns();
        let mut files = Vec::new();
        let mut partitions = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let file = open_file(path, &needed)?;
            for (row_group, group) in file.metadata.metadata().row_groups().iter().enumerate() {
                partitions.push(Partition {
                    file: files.len(),
                    row_group,
                    rows: group.num_rows().max(0) as usize,
                });
            }
            files.push(file);
        }
        if files.is_empty() {
            return Err(fail("no files to read".into()));
        }
        Ok(ParquetStream {
            projection,
            files,
            partitions,
            #[cfg(feature = "progress")]
            progress: false,
        })
    }

    /// The number of partitions (row groups, in all files).
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_partitions_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![1.0, 2.0, 3.0]).row_group_rows(1).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    /// assert_eq!(stream.partitions(), 3);
    /// ```
    pub fn partitions(&self) -> usize {
        self.partitions.len()
    }

    /// The number of rows (events) in all files.
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_rows_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![[1.0], [], [3.0]]).write(&path).unwrap();
    /// assert_eq!(ParquetStream::open([&path, &path], column::<f64>("x")).unwrap().rows(), 6);
    /// ```
    pub fn rows(&self) -> usize {
        self.partitions.iter().map(|p| p.rows).sum()
    }

    /// The number of rows of partition `index` (0 if out of range).
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_partition_rows_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![1.0, 2.0, 3.0]).row_group_rows(2).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    /// assert_eq!((stream.partition_rows(0), stream.partition_rows(1)), (2, 1));
    /// ```
    pub fn partition_rows(&self, index: usize) -> usize {
        self.partitions.get(index).map_or(0, |p| p.rows)
    }

    /// The projection's columns of partition `index`, as Arrow (what an engine would hand
    /// [`Projection::convert`]).
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_record_batch_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![1.0]).column("y", &array![2.0]).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("y")).unwrap();
    /// let batch = stream.read_record_batch(0).unwrap();
    /// assert_eq!(batch.num_columns(), 1); // only `y` was read
    /// assert_eq!(
    ///     stream.read_record_batch(1).unwrap_err().to_string(),
    ///     "invalid argument to `ParquetStream`: partition 1 is out of range (the files have 1 row groups)"
    /// );
    /// ```
    pub fn read_record_batch(&self, index: usize) -> Result<RecordBatch> {
        let partition = self.partition(index)?;
        let file = &self.files[partition.file];
        let place = self.place(partition);
        contain_panics_as(
            OP,
            &place,
            AssertUnwindSafe(|| read_row_group(file, partition).map_err(|e| located(&place, e))),
        )
    }

    /// Partition `index`, converted by the projection.
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_read_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![[1.0], [2.0, 3.0]]).row_group_rows(1).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    /// assert_eq!(stream.read(1).unwrap(), array![[2.0, 3.0]]);
    /// ```
    pub fn read(&self, index: usize) -> Result<P::Batch> {
        let batch = self.read_record_batch(index)?;
        let place = self.place(self.partitions[index]);
        self.projection
            .convert(&batch)
            .map_err(|e| located(&place, e))
    }

    /// Every partition in order, each read when the iterator reaches it.
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_iter_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![1.0, 2.0, 3.0]).row_group_rows(2).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    /// let lengths: Vec<usize> = stream.iter().map(|x| x.unwrap().len()).collect();
    /// assert_eq!(lengths, vec![2, 1]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Result<P::Batch>> + '_ {
        (0..self.partitions()).map(move |i| self.read(i))
    }

    /// The sum, over every partition, of `f` of the partition (such as the value and
    /// gradient of a loss, from `value_and_grad_NAME`): partitions read and evaluated in
    /// parallel, in memory bounded by the number of threads, the results added in
    /// partition order (the same total for any number of threads; see
    /// [`sum_batches`](crate::batch_sum::sum_batches)). The first error, in partition
    /// order, is returned.
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_sum_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![[1.0, 2.0], [], [3.0]]).row_group_rows(1).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    /// // sum(a x²) and its derivative in a, at a = 2
    /// let a = 2.0;
    /// let (value, grad) = stream.sum(|x| { let s = (&x * &x).sum_all(); (a * s, s) }).unwrap();
    /// assert_eq!((value, grad), (28.0, 14.0));
    /// ```
    pub fn sum<S: Summable>(&self, f: impl Fn(P::Batch) -> S + Sync) -> Result<S> {
        #[cfg(feature = "progress")]
        let bar = self.progress.then(|| progress_bar(self.rows()));
        let done = |_index: usize| {
            #[cfg(feature = "progress")]
            if let Some(bar) = &bar {
                bar.inc(self.partition_rows(_index) as u64);
            }
        };
        let total = sum_batches_with(self.partitions(), |i| self.read(i), f, done);
        #[cfg(feature = "progress")]
        if let Some(bar) = &bar {
            bar.finish();
        }
        total
    }

    /// Shows a progress bar (on stderr, when it is a terminal) during [`sum`](Self::sum):
    /// events done, of all, and events per second.
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_progress_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![1.0, 2.0]).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap().with_progress(true);
    /// assert_eq!(stream.sum(|x| x.sum_all()).unwrap(), 3.0);
    /// ```
    #[cfg(feature = "progress")]
    #[cfg_attr(docsrs, doc(cfg(feature = "progress")))]
    pub fn with_progress(mut self, show: bool) -> Self {
        self.progress = show;
        self
    }

    /// The projection the stream reads.
    ///
    /// ```
    /// # use awkdiff_core::{array, interop::parquet::ParquetColumns};
    /// use awkdiff_core::interop::stream::{column, ParquetStream, Projection};
    /// # let path = std::env::temp_dir().join("awkdiff_stream_projection_doc.parquet");
    /// # ParquetColumns::new().column("x", &array![1.0]).write(&path).unwrap();
    /// let stream = ParquetStream::open([&path], column::<f64>("x")).unwrap();
    /// assert_eq!(stream.projection().columns().len(), 1);
    /// ```
    pub fn projection(&self) -> &P {
        &self.projection
    }

    fn partition(&self, index: usize) -> Result<Partition> {
        self.partitions.get(index).copied().ok_or_else(|| {
            fail(format!(
                "partition {index} is out of range (the files have {} row groups)",
                self.partitions()
            ))
        })
    }

    /// `row group 3 of data/events_1.parquet`, for messages.
    fn place(&self, partition: Partition) -> String {
        format!(
            "row group {} of {}",
            partition.row_group,
            self.files[partition.file].path.display()
        )
    }
}

/// A progress bar over `rows` events, with events per second.
#[cfg(feature = "progress")]
fn progress_bar(rows: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(rows as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {human_pos}/{human_len} events, {rate}, {elapsed}",
    ) {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = write!(out, "{:.2} M events/s", state.per_sec() / 1e6);
            },
        ));
    }
    bar
}

/// Opens `path`: reads its footer, checks it, and builds the mask of the `needed`
/// columns (and record fields).
fn open_file(
    path: &Path,
    needed: &[(String, Option<&'static [&'static str]>)],
) -> Result<StreamFile> {
    let place = path.display().to_string();
    contain_panics_as(
        OP,
        &place,
        AssertUnwindSafe(|| {
            let file = File::open(path).map_err(|e| fail(format!("cannot open {place}: {e}")))?;
            let file_len = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
            let metadata =
                ArrowReaderMetadata::load(&file, ArrowReaderOptions::new()).map_err(|e| {
                    fail(format!(
                        "cannot read {place} as Parquet: {}",
                        foreign(&e.to_string())
                    ))
                })?;
            check_chunks(metadata.metadata(), file_len)
                .map_err(|reason| fail(format!("cannot read {place} as Parquet: {reason}")))?;
            let mask = projection_mask(&metadata, needed, &place)?;
            Ok(StreamFile {
                path: path.to_path_buf(),
                metadata,
                mask,
            })
        }),
    )
}

/// The Parquet leaves of the `needed` columns: every leaf of a whole column, only the
/// leaves named as the fields for a record.
fn projection_mask(
    metadata: &ArrowReaderMetadata,
    needed: &[(String, Option<&'static [&'static str]>)],
    place: &str,
) -> Result<ProjectionMask> {
    let schema = metadata.schema();
    let descriptor = metadata.parquet_schema();
    let mut leaves = Vec::new();
    for (name, fields) in needed {
        let Some(root) = schema.fields().iter().position(|f| f.name() == name) else {
            return Err(fail(format!(
                "{place} has no column `{}` (its columns: {})",
                truncated(name),
                column_names(schema)
            )));
        };
        let under_root: Vec<(usize, String)> = (0..descriptor.num_columns())
            .filter(|&leaf| descriptor.get_column_root_idx(leaf) == root)
            .map(|leaf| {
                let parts = descriptor.column(leaf).path().parts().to_vec();
                (leaf, parts.last().cloned().unwrap_or_default())
            })
            .collect();
        match fields {
            None => leaves.extend(under_root.iter().map(|(leaf, _)| *leaf)),
            Some(fields) => {
                for field in *fields {
                    let Some((leaf, _)) = under_root.iter().find(|(_, last)| last == field) else {
                        let there: Vec<String> = under_root
                            .iter()
                            .map(|(_, last)| format!("`{}`", truncated(last)))
                            .collect();
                        return Err(fail(format!(
                            "column `{}` of {place} has no field `{field}` (its fields: {})",
                            truncated(name),
                            there.join(", ")
                        )));
                    };
                    leaves.push(*leaf);
                }
            }
        }
    }
    Ok(ProjectionMask::leaves(descriptor, leaves))
}

/// Reads the masked columns of one row group as one record batch.
fn read_row_group(file: &StreamFile, partition: Partition) -> Result<RecordBatch> {
    let cannot_read =
        |e: &dyn std::fmt::Display| fail(format!("cannot read: {}", foreign(&e.to_string())));
    let handle = File::open(&file.path).map_err(|e| fail(format!("cannot open: {e}")))?;
    let reader = ParquetRecordBatchReaderBuilder::new_with_metadata(handle, file.metadata.clone())
        .with_row_groups(vec![partition.row_group])
        .with_projection(file.mask.clone())
        .with_batch_size(partition.rows.max(1))
        .build()
        .map_err(|e| cannot_read(&e))?;
    let schema = reader.schema();
    let mut batches = Vec::with_capacity(1);
    for batch in reader {
        batches.push(batch.map_err(|e| cannot_read(&e))?);
    }
    match batches.len() {
        0 => Ok(RecordBatch::new_empty(schema)),
        1 => Ok(batches.remove(0)),
        n => Err(fail(format!("read in {n} parts, expected one"))),
    }
}

/// The Parquet files in a folder whose names match a pattern, sorted by name: `*` matches
/// any run of characters, `?` any one character, in the file name only
/// (`data/run_*.parquet`; not in the folder's path). No match is an error.
///
/// ```
/// use awkdiff_core::interop::stream::glob_files;
/// let dir = std::env::temp_dir().join("awkdiff_glob_doc");
/// std::fs::create_dir_all(&dir).unwrap();
/// for name in ["b.parquet", "a.parquet", "notes.txt"] {
///     std::fs::write(dir.join(name), b"").unwrap();
/// }
/// let files = glob_files(dir.join("*.parquet")).unwrap();
/// assert_eq!(files, vec![dir.join("a.parquet"), dir.join("b.parquet")]);
/// let err = glob_files(dir.join("*.root")).unwrap_err().to_string();
/// assert!(err.starts_with("invalid argument to `glob_files`: no file matches "), "{err}");
/// ```
pub fn glob_files(pattern: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
    let pattern = pattern.as_ref();
    let fail = |reason: String| Error::Invalid {
        op: "glob_files".into(),
        reason,
    };
    let name = pattern
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| fail(format!("`{}` has no file name", pattern.display())))?;
    let folder = match pattern.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if folder.to_string_lossy().contains(['*', '?']) {
        return Err(fail(format!(
            "only the file name may have wildcards (`*`, `?`): `{}`",
            pattern.display()
        )));
    }
    let entries = std::fs::read_dir(&folder)
        .map_err(|e| fail(format!("cannot list {}: {e}", folder.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| !t.is_dir()))
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|file| wildcard_match(name.as_bytes(), file.as_bytes()))
        })
        .map(|entry| folder.join(entry.file_name()))
        .collect();
    if files.is_empty() {
        return Err(fail(format!("no file matches `{}`", pattern.display())));
    }
    files.sort();
    Ok(files)
}

/// Whether `text` matches `pattern`, where `*` matches any run of bytes and `?` any one.
fn wildcard_match(pattern: &[u8], text: &[u8]) -> bool {
    // Greedy with backtracking to the last `*`.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}
