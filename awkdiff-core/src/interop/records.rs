//! Records to and from Apache Arrow (feature `arrow`): a record struct (`#[derive(Record)]`)
//! is Arrow's `list<...<struct<pt: double, eta: double, btag: bool>>>`, the layout Awkward's
//! `ak.to_arrow` (and `ak.to_parquet`) gives a record array inside lists; or it is several
//! sibling list columns that share their lists (the flat `Jet_pt`, `Jet_eta` naming of many
//! files), read by name. Leaves may be `double`, `float`, `int64` or `bool`, matching the
//! struct's field types exactly; nulls are errors that say where. Values are copied.
//!
//! ```
//! use awkdiff_core::{array, Array, Element, Result};
//! use awkdiff_core::record::{Field, FieldSource, MapField, Record};
//! use awkdiff_core::interop::records::{record_from_arrow, record_to_arrow};
//!
//! # #[derive(Clone, Debug, PartialEq)]
//! # struct Jets { pt: Array<f64>, btag: Array<bool> }
//! # impl Record for Jets {
//! #     const NAME: &'static str = "Jets";
//! #     const FIELDS: &'static [&'static str] = &["pt", "btag"];
//! #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.btag] }
//! #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> {
//! #         Ok(Jets { pt: m.map("pt", &self.pt)?, btag: m.map("btag", &self.btag)? })
//! #     }
//! #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
//! #         Ok(Jets { pt: s.field("pt")?, btag: s.field("btag")? })
//! #     }
//! # }
//! let jets = Jets { pt: array![[50.0, 30.0], [], [20.0]], btag: array![[true, false], [], [true]] };
//! let arrow = record_to_arrow(&jets);
//! assert_eq!(arrow.data_type().to_string(), "LargeList(non-null Struct(\"pt\": non-null Float64, \"btag\": non-null Boolean))");
//! assert_eq!(record_from_arrow::<Jets>(arrow.as_ref()).unwrap(), jets);
//! ```

use std::sync::Arc;

use arrow_array::types::{Float32Type, Float64Type, Int64Type};
use arrow_array::{
    Array as ArrowArray, ArrayRef, BooleanArray, Float32Array, Float64Array, GenericListArray,
    Int64Array, LargeListArray, OffsetSizeTrait, PrimitiveArray, StructArray,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field as ArrowField, Fields};

use crate::element::{Element, Tagged};
use crate::error::{truncated, Error, Result};
use crate::layout::{Array, Structure};
use crate::record::{Field, FieldSource, Record};

/// The Arrow leaf array of a field's values.
pub(crate) fn leaf_to_arrow(field: &dyn Field) -> ArrayRef {
    let n = field.structure().content_len();
    match field.dtype() {
        "float64" => Arc::new(Float64Array::from_iter_values((0..n).map(
            |i| match field.value(i) {
                Tagged::F64(v) => v,
                _ => unreachable!("a float64 field"),
            },
        ))),
        "float32" => Arc::new(Float32Array::from_iter_values((0..n).map(
            |i| match field.value(i) {
                Tagged::F32(v) => v,
                _ => unreachable!("a float32 field"),
            },
        ))),
        "int64" => Arc::new(Int64Array::from_iter_values((0..n).map(
            |i| match field.value(i) {
                Tagged::I64(v) => v,
                _ => unreachable!("an int64 field"),
            },
        ))),
        _ => Arc::new(BooleanArray::from_iter((0..n).map(
            |i| match field.value(i) {
                Tagged::Bool(v) => Some(v),
                _ => unreachable!("a bool field"),
            },
        ))),
    }
}

/// `values` inside one `LargeList` per level of `structure`, innermost first.
fn nest_lists(values: ArrayRef, structure: &Structure) -> ArrayRef {
    let mut out = values;
    for depth in (0..structure.depth()).rev() {
        let field = Arc::new(ArrowField::new_list_field(out.data_type().clone(), false));
        let offsets = OffsetBuffer::new(structure.offsets(depth).to_vec().into());
        out = Arc::new(LargeListArray::new(field, offsets, out, None));
    }
    out
}

/// The record as Arrow: `LargeList` levels (non-nullable `item` fields, as Awkward writes
/// them) over a `StructArray` with one non-nullable child per field, in field order.
///
/// ```
/// # use awkdiff_core::{array, Array, Result};
/// # use awkdiff_core::record::{Field, FieldSource, MapField, Record};
/// # #[derive(Clone)]
/// # struct Muons { pt: Array<f32> }
/// # impl Record for Muons {
/// #     const NAME: &'static str = "Muons";
/// #     const FIELDS: &'static [&'static str] = &["pt"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { Ok(Muons { pt: m.map("pt", &self.pt)? }) }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> { Ok(Muons { pt: s.field("pt")? }) }
/// # }
/// let arrow = awkdiff_core::interop::records::record_to_arrow(&Muons { pt: array![[1.0f32], []] });
/// assert_eq!(arrow.len(), 2);
/// ```
pub fn record_to_arrow<R: Record>(record: &R) -> ArrayRef {
    let fields = record.fields();
    let children: Vec<ArrayRef> = fields.iter().map(|f| leaf_to_arrow(*f)).collect();
    let arrow_fields: Fields = R::FIELDS
        .iter()
        .zip(&children)
        .map(|(name, child)| ArrowField::new(*name, child.data_type().clone(), false))
        .collect();
    let structs = StructArray::new(arrow_fields, children, None);
    nest_lists(Arc::new(structs), fields[0].structure())
}

/// Reads a record from an Arrow `list<...<struct<..>>>` array (lists nested to any depth,
/// `ListArray` or `LargeListArray`, sliced or not), each field the struct's child of the
/// same name. Errors ([`Error::Invalid`]) name what is missing or of another type, and
/// where a null is.
///
/// ```
/// # use awkdiff_core::{array, Array, Result};
/// # use awkdiff_core::record::{Field, FieldSource, MapField, Record};
/// # #[derive(Clone, Debug)]
/// # struct Jets { pt: Array<f64>, mass: Array<f64> }
/// # impl Record for Jets {
/// #     const NAME: &'static str = "Jets";
/// #     const FIELDS: &'static [&'static str] = &["pt", "mass"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.mass] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { unimplemented!() }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
/// #         Ok(Jets { pt: s.field("pt")?, mass: s.field("mass")? })
/// #     }
/// # }
/// # #[derive(Clone)]
/// # struct PtOnly { pt: Array<f64> }
/// # impl Record for PtOnly {
/// #     const NAME: &'static str = "PtOnly";
/// #     const FIELDS: &'static [&'static str] = &["pt"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { unimplemented!() }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> { Ok(PtOnly { pt: s.field("pt")? }) }
/// # }
/// use awkdiff_core::interop::records::{record_from_arrow, record_to_arrow};
/// let arrow = record_to_arrow(&PtOnly { pt: array![[1.0], []] });
/// assert_eq!(
///     record_from_arrow::<Jets>(arrow.as_ref()).unwrap_err().to_string(),
///     "invalid argument to `record_from_arrow`: the records have no field `mass` for field `mass` of `Jets` (their fields: `pt`)"
/// );
/// ```
pub fn record_from_arrow<R: Record>(array: &dyn ArrowArray) -> Result<R> {
    let op = "record_from_arrow";
    let lists = walk_lists(array, op, "")?;
    let structs = lists
        .leaf
        .as_any()
        .downcast_ref::<StructArray>()
        .ok_or_else(|| Error::Invalid {
            op: op.into(),
            reason: format!(
                "expected lists of records (a struct), found lists of {}",
                truncated(&lists.leaf.data_type().to_string())
            ),
        })?;
    let mut source = StructSource {
        op,
        record: R::NAME,
        lists: &lists,
        structs,
    };
    R::try_from_fields(&mut source)
}

/// The fields of a record read from sibling arrays that share their lists (`Jet_pt`,
/// `Jet_eta`, ...): `column(name)` gives the Arrow array of field `name`.
pub(crate) fn record_from_columns<'a, R: Record>(
    op: &'static str,
    column: &mut dyn FnMut(&str) -> Result<&'a dyn ArrowArray>,
) -> Result<R> {
    let mut source = ColumnSource {
        op,
        record: R::NAME,
        column,
    };
    R::try_from_fields(&mut source)
}

/// The list levels of an Arrow array down to its first non-list array, rebased to start at
/// 0, and the range of that array's entries they cover.
pub(crate) struct Lists<'a> {
    levels: Vec<Vec<i64>>,
    leaf: &'a dyn ArrowArray,
    lo: usize,
    hi: usize,
}

/// Descends through `array`'s list levels, rejecting nulls (with where they are).
pub(crate) fn walk_lists<'a>(
    array: &'a dyn ArrowArray,
    op: &'static str,
    context: &str,
) -> Result<Lists<'a>> {
    let mut levels = Vec::new();
    let (mut lo, mut hi) = (0, array.len());
    let mut current = array;
    loop {
        check_nulls(current, lo, hi, levels.len(), op, context)?;
        let next = match current.data_type() {
            DataType::List(_) => descend::<i32>(current, lo, hi),
            DataType::LargeList(_) => descend::<i64>(current, lo, hi),
            _ => None,
        };
        let Some((offsets, values, range)) = next else {
            break;
        };
        levels.push(offsets);
        current = values;
        (lo, hi) = range;
        crate::layout::check_depth(op, levels.len())?;
    }
    Ok(Lists {
        levels,
        leaf: current,
        lo,
        hi,
    })
}

/// One list level: its offsets for entries `lo..hi` rebased to 0, its values, and their
/// range.
type Level<'a> = (Vec<i64>, &'a dyn ArrowArray, (usize, usize));

/// The level of the list array `array` for its entries `lo..hi`, if it is one.
fn descend<O: OffsetSizeTrait>(array: &dyn ArrowArray, lo: usize, hi: usize) -> Option<Level<'_>> {
    let lists = array.as_any().downcast_ref::<GenericListArray<O>>()?;
    let offsets = lists.value_offsets();
    let first = offsets[lo].as_usize();
    let rebased = offsets[lo..=hi]
        .iter()
        .map(|o| (o.as_usize() - first) as i64)
        .collect();
    Some((
        rebased,
        lists.values().as_ref(),
        (first, offsets[hi].as_usize()),
    ))
}

fn check_nulls(
    array: &dyn ArrowArray,
    lo: usize,
    hi: usize,
    level: usize,
    op: &'static str,
    context: &str,
) -> Result<()> {
    let Some(nulls) = array.logical_nulls() else {
        return Ok(());
    };
    let nulls = nulls.slice(lo, hi - lo);
    match nulls.iter().position(|valid| !valid) {
        None => Ok(()),
        Some(index) => Err(Error::Invalid {
            op: op.into(),
            reason: format!(
                "{context}null at dimension {}, index {index} (fill or drop missing values first, e.g. with ak.fill_none or ak.drop_none)",
                level + 1
            ),
        }),
    }
}

/// The values `lo..hi` of a leaf array as `U`, which must be its exact type.
fn leaf_values<U: Element>(
    array: &dyn ArrowArray,
    lo: usize,
    hi: usize,
    op: &'static str,
    context: &str,
) -> Result<Vec<U>> {
    let mismatch = || Error::Invalid {
        op: op.into(),
        reason: format!(
            "{context}holds {} but the struct's field is {}",
            truncated(&array.data_type().to_string()),
            U::TYPE_NAME
        ),
    };
    let convert = |tagged: Tagged| U::from_tagged(tagged).ok_or_else(mismatch);
    let any = array.as_any();
    let primitive = |values: Vec<Tagged>| values.into_iter().map(convert).collect();
    if let Some(a) = any.downcast_ref::<PrimitiveArray<Float64Type>>() {
        primitive(a.values()[lo..hi].iter().map(|&v| Tagged::F64(v)).collect())
    } else if let Some(a) = any.downcast_ref::<PrimitiveArray<Float32Type>>() {
        primitive(a.values()[lo..hi].iter().map(|&v| Tagged::F32(v)).collect())
    } else if let Some(a) = any.downcast_ref::<PrimitiveArray<Int64Type>>() {
        primitive(a.values()[lo..hi].iter().map(|&v| Tagged::I64(v)).collect())
    } else if let Some(a) = any.downcast_ref::<BooleanArray>() {
        primitive((lo..hi).map(|i| Tagged::Bool(a.value(i))).collect())
    } else {
        Err(mismatch())
    }
}

/// The array of one field from its lists and leaf range.
fn field_array<U: Element>(
    levels: &[Vec<i64>],
    leaf: &dyn ArrowArray,
    (lo, hi): (usize, usize),
    op: &'static str,
    context: &str,
) -> Result<Array<U>> {
    check_nulls(leaf, lo, hi, levels.len(), op, context)?;
    let values = leaf_values::<U>(leaf, lo, hi, op, context)?;
    let structure = Structure::new(levels.to_vec(), values.len())?;
    Array::from_parts(structure, values)
}

/// Fields from the children of a struct inside lists.
struct StructSource<'a> {
    op: &'static str,
    record: &'static str,
    lists: &'a Lists<'a>,
    structs: &'a StructArray,
}

impl FieldSource for StructSource<'_> {
    fn field<U: Element>(&mut self, name: &str) -> Result<Array<U>> {
        let context = format!("field `{name}` of `{}`: ", self.record);
        let child = self.structs.column_by_name(name).ok_or_else(|| {
            let names: Vec<String> = self
                .structs
                .column_names()
                .iter()
                .map(|n| format!("`{}`", truncated(n)))
                .collect();
            Error::Invalid {
                op: self.op.into(),
                reason: format!(
                    "the records have no field `{}` for field `{name}` of `{}` (their fields: {})",
                    truncated(name),
                    self.record,
                    names.join(", ")
                ),
            }
        })?;
        field_array(
            &self.lists.levels,
            child.as_ref(),
            (self.lists.lo, self.lists.hi),
            self.op,
            &context,
        )
    }
}

/// Fields from sibling columns.
struct ColumnSource<'a, 'b> {
    op: &'static str,
    record: &'static str,
    column: &'b mut dyn FnMut(&str) -> Result<&'a dyn ArrowArray>,
}

impl FieldSource for ColumnSource<'_, '_> {
    fn field<U: Element>(&mut self, name: &str) -> Result<Array<U>> {
        let array = (self.column)(name)?;
        let context = format!("field `{name}` of `{}`: ", self.record);
        let lists = walk_lists(array, self.op, &context)?;
        field_array(
            &lists.levels,
            lists.leaf,
            (lists.lo, lists.hi),
            self.op,
            &context,
        )
    }
}
