//! [`Array`] to and from Apache Arrow (arrow-rs), behind the cargo feature `arrow`.
//!
//! An awkdiff array of depth `d` is `d` nested `LargeListArray`s (Arrow's lists with `i64`
//! offsets, like ours) over a `Float32Array` or `Float64Array`; a flat array is the
//! primitive array alone. This is the layout Awkward's `ak.to_arrow` produces for
//! `var * ... * float64` (with `list_to32=False`, its default). On input, `ListArray`
//! (`i32` offsets) is accepted as well, at any level, and so are sliced Arrow arrays: the
//! offsets are rebased to start at 0 and only the content in range is kept.
//!
//! Copies: the leaf values are shared, not copied, wherever the layout allows.
//! [`Array::from_arrow`] reads them in place (the array keeps a reference to the Arrow
//! buffer); [`Array::into_arrow`] hands an array's own values to Arrow without a copy when
//! no other array shares them, and [`Array::to_arrow`] shares values that came from Arrow
//! and copies others once. Offsets are always copied (they are small next to the content,
//! and ours must start at 0). Several record batches read as one array are concatenated.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! let arrow = x.to_arrow();
//! assert_eq!(arrow.len(), 3);
//! assert_eq!(Array::<f64>::from_arrow(arrow.as_ref()).unwrap(), x);
//! ```

use std::any::Any;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use arrow_array::types::{ArrowPrimitiveType, Float32Type, Float64Type};
use arrow_array::{
    Array as ArrowArray, ArrayRef, GenericListArray, LargeListArray, OffsetSizeTrait,
    PrimitiveArray,
};
use arrow_buffer::{ArrowNativeType, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field};

use crate::buffer::{Buffer, Foreign};
use crate::element::Float;
use crate::error::{truncated, Error, Result};
use crate::layout::{check_depth, Array, Structure};
use crate::masked::Masked;

/// The float element types that have an Arrow counterpart: `f32` (`Float32`) and `f64`
/// (`Float64`).
///
/// ```
/// use awkdiff_core::interop::arrow::ArrowFloat;
/// use arrow_schema::DataType;
/// assert_eq!(<f64 as ArrowFloat>::DATA_TYPE, DataType::Float64);
/// assert_eq!(<f32 as ArrowFloat>::DATA_TYPE, DataType::Float32);
/// ```
pub trait ArrowFloat: Float + ArrowNativeType + RefUnwindSafe + UnwindSafe {
    /// The arrow-rs primitive type whose values are this type.
    type ArrowType: ArrowPrimitiveType<Native = Self>;
    /// The Arrow data type of the leaf values.
    const DATA_TYPE: DataType;
}

impl ArrowFloat for f64 {
    type ArrowType = Float64Type;
    const DATA_TYPE: DataType = DataType::Float64;
}

impl ArrowFloat for f32 {
    type ArrowType = Float32Type;
    const DATA_TYPE: DataType = DataType::Float32;
}

impl<T: ArrowFloat> Array<T> {
    /// Reads an Arrow array: `ListArray`s or `LargeListArray`s nested to any depth over a
    /// primitive array of `T` (`Float64Array` for `f64`, `Float32Array` for `f32`), or that
    /// primitive array alone for a flat array. Sliced arrays (non-zero offset, offsets that
    /// do not start at 0) are read as they appear. Nulls are rejected (awkdiff has no option
    /// types yet), and so is any other Arrow type; the error says at which dimension.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{Array as _, Float64Array, ListArray};
    /// use arrow_buffer::OffsetBuffer;
    /// use arrow_schema::{DataType, Field};
    /// use awkdiff_core::{array, Array};
    ///
    /// let values = Float64Array::from(vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    /// let field = Arc::new(Field::new_list_field(DataType::Float64, false));
    /// let lists = ListArray::new(field, OffsetBuffer::new(vec![0, 3, 3, 5].into()), Arc::new(values), None);
    /// assert_eq!(Array::<f64>::from_arrow(&lists).unwrap(), array![[1.0, 2.0, 3.0], [], [4.0, 5.0]]);
    /// // A slice of the Arrow array reads as that slice.
    /// assert_eq!(Array::<f64>::from_arrow(&lists.slice(1, 2)).unwrap(), array![[], [4.0, 5.0]]);
    ///
    /// let with_null = Float64Array::from(vec![Some(1.0), None]);
    /// assert_eq!(
    ///     Array::<f64>::from_arrow(&with_null).unwrap_err().to_string(),
    ///     "invalid argument to `from_arrow`: null at dimension 1, index 1 (awkdiff arrays \
    ///      have no missing values; fill or drop them first, e.g. with ak.fill_none or ak.drop_none)"
    /// );
    /// ```
    pub fn from_arrow(array: &dyn ArrowArray) -> Result<Self> {
        let mut collector = ArrowCollector::new("from_arrow", String::new(), array.data_type())?;
        collector.append(array)?;
        collector.finish()
    }

    /// Writes the array as Arrow: one `LargeListArray` per `var` dimension (non-nullable
    /// `item` fields, as Awkward's `ak.to_arrow` writes them) over a `Float64Array` or
    /// `Float32Array`; a flat array gives the primitive array alone.
    ///
    /// ```
    /// use arrow_array::{cast::AsArray, Array as _};
    /// use arrow_array::types::Float32Type;
    /// use awkdiff_core::{array, Array};
    ///
    /// let x: Array<f32> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// let arrow = x.to_arrow();
    /// let lists = arrow.as_list::<i64>();
    /// assert_eq!(lists.value_offsets(), &[0, 3, 3, 5]);
    /// assert_eq!(lists.values().as_primitive::<Float32Type>().values().as_ref(), x.content());
    /// ```
    pub fn to_arrow(&self) -> ArrayRef {
        let values = shared_values(self.buffer())
            .unwrap_or_else(|| ScalarBuffer::from(self.content().to_vec()));
        nest(values, self.structure())
    }

    /// [`Array::to_arrow`], consuming the array: its values become the Arrow buffer without
    /// a copy when no other array shares them (an array computed by awkdiff and not cloned),
    /// and are copied otherwise.
    ///
    /// ```
    /// use arrow_array::{cast::AsArray, types::Float64Type};
    /// use awkdiff_core::array;
    ///
    /// let y = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]] * 2.0;
    /// let address = y.content().as_ptr();
    /// let arrow = y.into_arrow();
    /// let values = arrow.as_list::<i64>().values().as_primitive::<Float64Type>().values().clone();
    /// assert_eq!(values.as_ref(), &[2.0, 4.0, 6.0, 8.0, 10.0]);
    /// assert_eq!(values.as_ptr(), address); // the same memory
    /// ```
    pub fn into_arrow(self) -> ArrayRef {
        let (structure, content) = self.into_parts();
        let values = match Arc::try_unwrap(content) {
            Ok(buffer) => match shared_values(&buffer) {
                Some(values) => values,
                None => ScalarBuffer::from(buffer.into_vec()),
            },
            Err(shared) => {
                shared_values(&shared).unwrap_or_else(|| ScalarBuffer::from(shared.to_vec()))
            }
        };
        nest(values, &structure)
    }
}

/// An Arrow buffer can be an array's content, read in place.
impl<T: ArrowFloat> Foreign<T> for ScalarBuffer<T> {
    fn values(&self) -> &[T] {
        self
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The Arrow buffer behind `buffer`, when its values came from Arrow (shared, not copied).
fn shared_values<T: ArrowFloat>(buffer: &Buffer<T>) -> Option<ScalarBuffer<T>> {
    buffer
        .foreign_owner()
        .and_then(|owner| owner.downcast_ref::<ScalarBuffer<T>>())
        .cloned()
}

/// The leaf values `values` under one `LargeListArray` per `var` dimension of `structure`
/// (non-nullable `item` fields, as Awkward's `ak.to_arrow` writes them).
fn nest<T: ArrowFloat>(values: ScalarBuffer<T>, structure: &Structure) -> ArrayRef {
    nest_with_nulls(values, None, structure)
}

/// [`nest`] with the leaves' validity `nulls`: the innermost `item` field is then nullable.
fn nest_with_nulls<T: ArrowFloat>(
    values: ScalarBuffer<T>,
    nulls: Option<NullBuffer>,
    structure: &Structure,
) -> ArrayRef {
    let mut nullable = nulls.is_some();
    let mut values: ArrayRef = Arc::new(PrimitiveArray::<T::ArrowType>::new(values, nulls));
    for depth in (0..structure.depth()).rev() {
        let field = Arc::new(Field::new_list_field(values.data_type().clone(), nullable));
        nullable = false;
        let offsets = OffsetBuffer::new(ScalarBuffer::from(structure.offsets(depth).to_vec()));
        values = Arc::new(LargeListArray::new(field, offsets, values, None));
    }
    values
}

/// Reads Arrow arrays of one type into compact offsets and content, appending: several
/// record batches of a Parquet column make one array.
pub(crate) struct ArrowCollector<T: ArrowFloat> {
    op: &'static str,
    /// Where the data comes from, for messages (`column `x` of data.parquet: `), or empty.
    context: String,
    levels: Vec<Vec<i64>>,
    /// The leaf values of the only array appended so far, shared with it.
    shared: Option<ScalarBuffer<T>>,
    /// The leaf values, copied, once a second array is appended.
    content: Vec<T>,
    /// Whether each leaf is present, when nulls at the leaves are read as missing entries
    /// (for [`Masked`]); `None` when they are errors.
    validity: Option<Vec<bool>>,
}

impl<T: ArrowFloat> ArrowCollector<T> {
    /// A collector for arrays of the Arrow type `data_type`, which must be lists nested
    /// over `T`'s primitive type.
    pub(crate) fn new(op: &'static str, context: String, data_type: &DataType) -> Result<Self> {
        let depth = list_depth::<T>(data_type).map_err(|reason| Error::Invalid {
            op: op.into(),
            reason: format!("{context}{reason}"),
        })?;
        check_depth(op, depth)?;
        Ok(ArrowCollector {
            op,
            context,
            levels: vec![vec![0]; depth],
            shared: None,
            content: Vec::new(),
            validity: None,
        })
    }

    /// A collector that reads nulls at the leaves as missing entries (for [`Masked`]).
    fn with_nulls(op: &'static str, data_type: &DataType) -> Result<Self> {
        Ok(ArrowCollector {
            validity: Some(Vec::new()),
            ..ArrowCollector::new(op, String::new(), data_type)?
        })
    }

    fn error(&self, reason: String) -> Error {
        Error::Invalid {
            op: self.op.into(),
            reason: format!("{}{reason}", self.context),
        }
    }

    /// Appends the lists of `array` after those collected so far.
    pub(crate) fn append(&mut self, array: &dyn ArrowArray) -> Result<()> {
        let depth = list_depth::<T>(array.data_type()).map_err(|r| self.error(r))?;
        if depth != self.levels.len() {
            return Err(self.error(format!(
                "an array of depth {depth} follows arrays of depth {}",
                self.levels.len()
            )));
        }
        let mut current = array;
        let (mut lo, mut hi) = (0, array.len());
        for level in 0..depth {
            self.check_nulls(current, level, lo, hi)?;
            let range = match current.data_type() {
                DataType::List(_) => self.append_offsets::<i32>(current, level, lo, hi)?,
                _ => self.append_offsets::<i64>(current, level, lo, hi)?,
            };
            (lo, hi) = range.0;
            current = range.1;
        }
        match self.validity.as_mut() {
            Some(validity) => match current.logical_nulls() {
                Some(nulls) => validity.extend(nulls.slice(lo, hi - lo).iter()),
                None => validity.resize(validity.len() + (hi - lo), true),
            },
            None => self.check_nulls(current, depth, lo, hi)?,
        }
        let leaves = current
            .as_any()
            .downcast_ref::<PrimitiveArray<T::ArrowType>>()
            .ok_or_else(|| self.error(format!("expected {} leaves", T::DATA_TYPE)))?;
        let values = leaves.values().slice(lo, hi - lo);
        if self.shared.is_none() && self.content.is_empty() {
            self.shared = Some(values);
        } else {
            if let Some(first) = self.shared.take() {
                self.content.extend_from_slice(&first);
            }
            self.content.extend_from_slice(&values);
        }
        Ok(())
    }

    /// Appends the offsets of entries `lo..hi` of the list array `array` at `level`,
    /// rebased to follow the entries collected so far; returns the range of its values.
    fn append_offsets<'a, O: OffsetSizeTrait>(
        &mut self,
        array: &'a dyn ArrowArray,
        level: usize,
        lo: usize,
        hi: usize,
    ) -> Result<((usize, usize), &'a dyn ArrowArray)> {
        let lists = array
            .as_any()
            .downcast_ref::<GenericListArray<O>>()
            .ok_or_else(|| {
                self.error(format!(
                    "dimension {} is {} but is not a list array",
                    level + 1,
                    truncated(&array.data_type().to_string())
                ))
            })?;
        let offsets = lists.value_offsets();
        let first = offsets[lo].as_usize();
        let out = &mut self.levels[level];
        let base = out[out.len() - 1];
        out.extend(
            offsets[lo + 1..=hi]
                .iter()
                .map(|o| base + (o.as_usize() - first) as i64),
        );
        Ok(((first, offsets[hi].as_usize()), lists.values().as_ref()))
    }

    /// Rejects a null among entries `lo..hi` of `array`, the entries at `level`.
    fn check_nulls(
        &self,
        array: &dyn ArrowArray,
        level: usize,
        lo: usize,
        hi: usize,
    ) -> Result<()> {
        let Some(nulls) = array.logical_nulls() else {
            return Ok(());
        };
        let nulls = nulls.slice(lo, hi - lo);
        if nulls.null_count() == 0 {
            return Ok(());
        }
        let position = nulls.iter().position(|valid| !valid).unwrap_or(0);
        let before = match self.levels.get(level) {
            Some(offsets) => offsets.len() - 1,
            None => self.leaves(),
        };
        let why = if self.validity.is_some() {
            "a whole list cannot be missing, only a number can"
        } else {
            "awkdiff arrays have no missing values; fill or drop them first, e.g. with \
             ak.fill_none or ak.drop_none"
        };
        Err(self.error(format!(
            "null at dimension {}, index {} ({why})",
            level + 1,
            before + position
        )))
    }

    /// The array collected so far.
    pub(crate) fn finish(self) -> Result<Array<T>> {
        let leaves = self.leaves();
        let structure = Structure::new(self.levels, leaves)?;
        match self.shared {
            Some(values) => Array::from_buffer(structure, Buffer::foreign(values)),
            None => Array::from_parts(structure, self.content),
        }
    }

    /// The masked array collected so far (a collector made by [`ArrowCollector::with_nulls`]).
    fn finish_masked(mut self) -> Result<Masked<T>> {
        let validity = self.validity.take().unwrap_or_default();
        let values = self.finish()?;
        let valid = values.with_content(validity);
        Masked::new(values, valid)
    }

    /// The number of leaf values collected so far.
    fn leaves(&self) -> usize {
        self.shared.as_ref().map_or(0, |values| values.len()) + self.content.len()
    }
}

/// The number of list levels of `data_type` over `T`'s primitive type, or what is wrong.
fn list_depth<T: ArrowFloat>(data_type: &DataType) -> std::result::Result<usize, String> {
    let mut depth = 0;
    let mut current = data_type;
    loop {
        match current {
            DataType::List(field) | DataType::LargeList(field) => {
                depth += 1;
                current = field.data_type();
            }
            leaf if *leaf == T::DATA_TYPE => return Ok(depth),
            other => {
                return Err(format!(
                    "expected List or LargeList nested over {} values, found {} at \
                     dimension {} of {}",
                    T::DATA_TYPE,
                    truncated(&other.to_string()),
                    depth + 1,
                    truncated(&data_type.to_string())
                ));
            }
        }
    }
}

impl<T: ArrowFloat> Masked<T> {
    /// Reads an Arrow array as [`Array::from_arrow`] does, a null leaf being a missing entry
    /// (the validity bitmap of the primitive array; the values under its nulls are read in
    /// place, unspecified as a `Masked`'s values at missing entries are). A null list is an
    /// error saying where: a whole list cannot be missing.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{Float64Array, LargeListArray};
    /// use arrow_buffer::OffsetBuffer;
    /// use arrow_schema::{DataType, Field};
    /// use awkdiff_core::Masked;
    ///
    /// let values = Float64Array::from(vec![Some(1.1), None, Some(3.3)]);
    /// let field = Arc::new(Field::new_list_field(DataType::Float64, true));
    /// let lists = LargeListArray::new(field, OffsetBuffer::new(vec![0i64, 2, 2, 3].into()), Arc::new(values), None);
    /// let x = Masked::<f64>::from_arrow(&lists).unwrap();
    /// assert_eq!(x.to_string(), "[[1.1, None], [], [3.3]]");
    /// assert_eq!(Masked::<f64>::from_arrow(x.to_arrow().as_ref()).unwrap(), x);
    /// ```
    pub fn from_arrow(array: &dyn ArrowArray) -> Result<Self> {
        let mut collector = ArrowCollector::with_nulls("Masked::from_arrow", array.data_type())?;
        collector.append(array)?;
        collector.finish_masked()
    }

    /// Writes the masked array as Arrow: [`Array::to_arrow`]'s lists over a primitive array
    /// whose validity bitmap marks the missing entries (the innermost `item` field is
    /// nullable), as Awkward's `ak.to_arrow` writes `var * ?float64`.
    ///
    /// ```
    /// use arrow_array::{cast::AsArray, Array as _};
    /// use awkdiff_core::array;
    ///
    /// let x = array![[1.0, 2.0], [], [3.0]].pad_none(2, true);
    /// let arrow = x.to_arrow();
    /// let leaves = arrow.as_list::<i64>().values();
    /// assert_eq!(leaves.null_count(), 3);
    /// assert!(leaves.is_null(2) && leaves.is_valid(4));
    /// ```
    pub fn to_arrow(&self) -> ArrayRef {
        let values = shared_values(self.values().buffer())
            .unwrap_or_else(|| ScalarBuffer::from(self.values().content().to_vec()));
        let nulls = NullBuffer::from(self.validity().content().to_vec());
        nest_with_nulls(values, Some(nulls), self.structure())
    }
}
