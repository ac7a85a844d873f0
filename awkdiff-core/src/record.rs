//! Records: structs of arrays that share their lists, as Awkward Array's `ak.zip` makes
//! them (`events.Jet.pt`, `.eta`, `.phi`). A struct gets this with `#[derive(Record)]` (in
//! `awkdiff`), which implements [`Record`] for it; the record-wide operations of
//! [`RecordOps`] (slices, `take`, `filter`, `flatten`, printing, JSON) then apply to every
//! field alike, each selection computed once from the shared lists and applied to every
//! field (a slice's positions are shared by the fields, not copied). The derive also writes
//! serde's `Serialize` and `Deserialize` as lists of objects, calling [`serialize`] and
//! [`deserialize`] (always available: the `serde` crate is always a dependency).
//!
//! ```
//! use awkdiff_core::{array, record::{Field, FieldSource, MapField, Record, RecordOps}, s, Array, Result};
//!
//! // What `#[derive(Record)]` writes for a two-field struct (by hand here).
//! #[derive(Clone, Debug, PartialEq)]
//! struct Jets {
//!     pt: Array<f64>,
//!     eta: Array<f64>,
//! }
//! impl Record for Jets {
//!     const NAME: &'static str = "Jets";
//!     const FIELDS: &'static [&'static str] = &["pt", "eta"];
//!     fn fields(&self) -> Vec<&dyn Field> {
//!         vec![&self.pt, &self.eta]
//!     }
//!     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> {
//!         Ok(Jets { pt: m.map("pt", &self.pt)?, eta: m.map("eta", &self.eta)? })
//!     }
//!     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
//!         Ok(Jets { pt: s.field("pt")?, eta: s.field("eta")? })
//!     }
//! }
//!
//! let jets = Jets { pt: array![[50.0, 30.0], [], [20.0]], eta: array![[0.5, -1.0], [], [2.0]] };
//! assert_eq!(jets.type_str(), "3 * var * {pt: float64, eta: float64}");
//! let leading = jets.slice(s![.., ..1]);
//! assert_eq!(leading.pt, array![[50.0], [], [20.0]]);
//! assert_eq!(leading.to_json(), r#"[[{"pt":50.0,"eta":0.5}],[],[{"pt":20.0,"eta":2.0}]]"#);
//! ```

mod objects;

use std::sync::Arc;

pub use objects::{deserialize, serialize};
/// The `serde` crate, for the `Serialize`/`Deserialize` impls `#[derive(Record)]` writes.
#[doc(hidden)]
pub use serde as __serde;

use crate::display::{fmt_element, one_line, show_text};
use crate::element::{Element, Float, Tagged};
use crate::error::{Error, Result};
use crate::json::write_element;
use crate::layout::{Array, Structure};
use crate::ops::combinatorics::{combinations, local_combinations, Slots, Tuple, Want};
use crate::ops::gather::{Gather, SliceGather};
use crate::ops::selection::{
    filter_gather, flatten_gather, index_gather, slice_gather, take_gather,
};
use crate::ops::slice::{panic_on_error, Selectable, Selection, TakeIndices};
use crate::ops::slice_spec::{Slice, SliceEntry};
use crate::positions::Positions;
use crate::value::Value;

/// One field of a record as the record-wide operations see it, whatever its element type:
/// its lists, and its values as text and JSON. Implemented by every [`Array`].
///
/// ```
/// use awkdiff_core::{array, record::Field};
/// let pt = array![[50.0, 30.0], [], [20.0]];
/// let field: &dyn Field = &pt;
/// assert_eq!(field.dtype(), "float64");
/// assert_eq!(field.structure().len(), 3);
/// ```
pub trait Field: Send + Sync {
    /// The field's lists.
    fn structure(&self) -> &Structure;
    /// Awkward's name of the field's element type (`float64`, `bool`, ...).
    fn dtype(&self) -> &'static str;
    /// Bytes used by the field's values and lists.
    fn nbytes(&self) -> usize;
    /// Appends value `i` (a position in the flat content) as Awkward prints it.
    fn write_text(&self, i: usize, out: &mut String);
    /// Appends value `i` as JSON.
    fn write_json(&self, i: usize, out: &mut String);
    /// Value `i` with its type.
    fn value(&self, i: usize) -> Tagged;
}

impl<T: Element> Field for Array<T> {
    fn structure(&self) -> &Structure {
        Array::structure(self)
    }

    fn dtype(&self) -> &'static str {
        T::TYPE_NAME
    }

    fn nbytes(&self) -> usize {
        Array::nbytes(self)
    }

    fn write_text(&self, i: usize, out: &mut String) {
        fmt_element(self.content()[i].tagged(), out);
    }

    fn write_json(&self, i: usize, out: &mut String) {
        write_element(self.content()[i].tagged(), out);
    }

    fn value(&self, i: usize) -> Tagged {
        self.content()[i].tagged()
    }
}

/// Where the fields of a record come from when it is read (an Arrow array, a Parquet
/// file): each field by name, as an array of the field's element type
/// ([`Record::try_from_fields`]).
///
/// ```
/// use awkdiff_core::{array, record::FieldSource, Array, Element, Result};
/// struct Constant;
/// impl FieldSource for Constant {
///     fn field<U: Element>(&mut self, _name: &str) -> Result<Array<U>> {
///         Ok(array![[U::default()], []])
///     }
/// }
/// assert_eq!(Constant.field::<f64>("pt").unwrap(), array![[0.0], []]);
/// ```
pub trait FieldSource {
    /// The field `name`, or an error that says why it cannot be read.
    fn field<U: Element>(&mut self, name: &str) -> Result<Array<U>>;
}

/// An operation applied to every field of a record alike ([`Record::try_map_fields`]).
///
/// ```
/// use awkdiff_core::{array, record::MapField, Array, Element, Result};
/// struct Reverse;
/// impl MapField for Reverse {
///     fn map<U: Element>(&self, _name: &str, field: &Array<U>) -> Result<Array<U>> {
///         field.try_slice(awkdiff_core::s![..;-1])
///     }
/// }
/// assert_eq!(Reverse.map("pt", &array![[1.0], [2.0]]).unwrap(), array![[2.0], [1.0]]);
/// ```
pub trait MapField {
    /// The operation on the field `name`.
    fn map<U: Element>(&self, name: &str, field: &Array<U>) -> Result<Array<U>>;
}

/// A struct of arrays that share their lists: what `#[derive(Record)]` implements. The
/// fields are listed in declaration order; the first one's lists are the record's.
///
/// ```
/// use awkdiff_core::{array, record::{Field, FieldSource, MapField, Record}, Array, Result};
/// #[derive(Clone)]
/// struct Muons { pt: Array<f64> }
/// impl Record for Muons {
///     const NAME: &'static str = "Muons";
///     const FIELDS: &'static [&'static str] = &["pt"];
///     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt] }
///     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> {
///         Ok(Muons { pt: m.map("pt", &self.pt)? })
///     }
///     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
///         Ok(Muons { pt: s.field("pt")? })
///     }
/// }
/// assert_eq!(Muons { pt: array![[1.0], []] }.fields().len(), 1);
/// ```
pub trait Record: Clone + Sized {
    /// The struct's name.
    const NAME: &'static str;
    /// The fields' names, in order.
    const FIELDS: &'static [&'static str];
    /// The fields, in the order of [`Record::FIELDS`].
    fn fields(&self) -> Vec<&dyn Field>;
    /// The record whose every field is `m` of this one's.
    fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self>;
    /// The record whose fields `source` gives, by name (the derive checks that they share
    /// their lists, as `zip` does).
    fn try_from_fields<S: FieldSource>(source: &mut S) -> Result<Self>;
}

/// The operations on whole records, for every [`Record`]: each applies to all fields alike.
/// A selection (`slice`, `take`, `filter`, `flatten`) is computed once from the shared
/// lists; a slice's positions are then shared by the fields' lazy contents.
///
/// ```
/// use awkdiff_core::{array, record::{Field, FieldSource, MapField, Record, RecordOps}, s, Array, Result};
/// # #[derive(Clone)]
/// # struct Jets { pt: Array<f64>, btag: Array<bool> }
/// # impl Record for Jets {
/// #     const NAME: &'static str = "Jets";
/// #     const FIELDS: &'static [&'static str] = &["pt", "btag"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.btag] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> {
/// #         Ok(Jets { pt: m.map("pt", &self.pt)?, btag: m.map("btag", &self.btag)? })
/// #     }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
/// #         Ok(Jets { pt: s.field("pt")?, btag: s.field("btag")? })
/// #     }
/// # }
/// let jets = Jets { pt: array![[50.0, 30.0], [], [20.0]], btag: array![[true, false], [], [true]] };
/// let tagged = jets.filter(&jets.btag);
/// assert_eq!(tagged.pt, array![[50.0], [], [20.0]]);
/// assert_eq!(jets.len(), 3);
/// assert_eq!(jets.counts(), Array::from_vec(vec![2i64, 0, 1]));
/// assert_eq!(jets.flatten().pt, Array::from_vec(vec![50.0, 30.0, 20.0]));
/// // Jagged indexing, one list of indices per list of records (`jets[idx]`):
/// assert_eq!(jets.index(&array![[1i64, 0], [], [0]]).pt, array![[30.0, 50.0], [], [20.0]]);
/// assert_eq!(
///     jets.display(),
///     "[[{pt: 50, btag: True}, {pt: 30, btag: False}], ..., [{pt: 20, btag: ..., ...}]]"
/// );
/// ```
pub trait RecordOps: Record {
    /// The lists the fields share (those of the first field).
    fn structure(&self) -> &Structure {
        // A record has at least one field (the derive rejects an empty struct).
        self.fields()[0].structure()
    }

    /// Number of outermost elements.
    fn len(&self) -> usize {
        self.structure().len()
    }

    /// Whether there are no outermost elements.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The length of every outermost list (`ak.num(records, axis=1)`). `Error::Axis` for a
    /// record of flat fields.
    fn try_counts(&self) -> Result<Array<i64>> {
        let structure = self.structure();
        if structure.depth() == 0 {
            return Err(Error::Axis {
                axis: 1,
                type_str: self.type_str(),
                ndim: structure.ndim(),
            });
        }
        let offsets = structure.offsets(0);
        Ok(Array::from_vec(
            offsets.windows(2).map(|w| w[1] - w[0]).collect(),
        ))
    }

    /// [`RecordOps::try_counts`], panicking with the error's message.
    fn counts(&self) -> Array<i64> {
        panic_on_error(self.try_counts())
    }

    /// Awkward's type, `3 * var * {pt: float64, eta: float64}`.
    fn type_str(&self) -> String {
        self.structure()
            .type_str(&record_type(Self::FIELDS, &self.fields()))
    }

    /// The slice `s` of every field (as [`Array::try_slice`]), the positions computed once
    /// and shared by the fields.
    fn try_slice(&self, s: impl AsRef<Slice>) -> Result<Self> {
        let entries: &[SliceEntry] = s.as_ref().entries();
        let structure = self.structure().clone();
        let gather = slice_gather(&structure, &self.type_str(), entries)?;
        let slice = Arc::new(SliceGather::new(structure, entries, gather));
        self.try_map_fields(&ApplySlice(slice))
    }

    /// [`RecordOps::try_slice`], panicking with the error's message.
    fn slice(&self, s: impl AsRef<Slice>) -> Self {
        panic_on_error(self.try_slice(s))
    }

    /// Outermost element `i` of every field (negative from the end).
    fn try_at(&self, i: isize) -> Result<Self> {
        self.try_slice(Slice::new(vec![SliceEntry::Index(i)]))
    }

    /// [`RecordOps::try_at`], panicking with the error's message.
    fn at(&self, i: isize) -> Self {
        panic_on_error(self.try_at(i))
    }

    /// The outermost elements at `indices` of every field (as [`Array::try_take`]).
    fn try_take<I: TakeIndices + ?Sized>(&self, indices: &I) -> Result<Self> {
        let gather = take_gather(self.structure(), indices.take_indices()?)?;
        self.try_map_fields(&ApplyGather(&gather))
    }

    /// [`RecordOps::try_take`], panicking with the error's message.
    fn take<I: TakeIndices + ?Sized>(&self, indices: &I) -> Self {
        panic_on_error(self.try_take(indices))
    }

    /// The elements where `mask` is true, in every field (as [`Array::try_filter`]).
    fn try_filter(&self, mask: &Array<bool>) -> Result<Self> {
        let gather = filter_gather(self.structure(), mask)?;
        self.try_map_fields(&ApplyGather(&gather))
    }

    /// [`RecordOps::try_filter`], panicking with the error's message.
    fn filter(&self, mask: &Array<bool>) -> Self {
        panic_on_error(self.try_filter(mask))
    }

    /// Every field without its outermost `var` dimension (as [`Array::try_flatten`]).
    fn try_flatten(&self) -> Result<Self> {
        let gather = flatten_gather(self.structure(), &self.type_str())?;
        self.try_map_fields(&ApplyGather(&gather))
    }

    /// [`RecordOps::try_flatten`], panicking with the error's message.
    fn flatten(&self) -> Self {
        panic_on_error(self.try_flatten())
    }

    /// Jagged indexing of every field alike (as [`Array::try_index`]): one list of indices
    /// per innermost list of records, the gather computed once for all fields. With
    /// [`RecordOps::argcombinations`] this pairs whole records in a `#[differentiable]` body.
    fn try_index(&self, indices: &Array<i64>) -> Result<Self> {
        let gather = Arc::new(index_gather(self.structure(), &self.type_str(), indices)?);
        self.try_map_fields(&ApplyLazy(gather))
    }

    /// [`RecordOps::try_index`], panicking with the error's message.
    fn index(&self, indices: &Array<i64>) -> Self {
        panic_on_error(self.try_index(indices))
    }

    /// Every choice of `K` distinct records of each innermost list (Awkward's
    /// `ak.unzip(ak.combinations(records, K, axis=-1))`), as `K` records whose `k`-th holds
    /// the `k`-th member of each combination (see [`Array::combinations`]). The positions are
    /// computed once for all fields.
    fn combinations<const K: usize>(&self) -> <Slots<K> as Tuple<Self>>::Out
    where
        Slots<K>: Tuple<Self>,
    {
        let (structure, _, globals) = combinations(self.structure(), K, Want::Globals);
        let records = globals
            .into_iter()
            .map(|positions| {
                let gather = Gather {
                    structure: structure.clone(),
                    index: Positions::Items(positions),
                };
                panic_on_error(self.try_map_fields(&ApplyGather(&gather)))
            })
            .collect();
        Slots::<K>::from_vec(records)
    }

    /// The local indices of [`RecordOps::combinations`] (see [`Array::argcombinations`]).
    fn argcombinations<const K: usize>(&self) -> <Slots<K> as Tuple<Array<i64>>>::Out
    where
        Slots<K>: Tuple<Array<i64>>,
    {
        Slots::<K>::from_vec(local_combinations(self.structure(), K))
    }

    /// Bytes used by the fields' values and their shared lists (counted once).
    fn nbytes(&self) -> usize {
        let fields = self.fields();
        let lists = self.structure().offsets_nbytes();
        fields.iter().map(|f| f.nbytes() - lists).sum::<usize>() + lists
    }

    /// Awkward's `str()` of the record array: one line of at most 80 columns, long lists
    /// and records elided with `...`.
    fn display(&self) -> String {
        let fields = self.fields();
        one_line(self.structure(), &|i, limit| {
            record_text(Self::FIELDS, &fields, i, limit)
        })
    }

    /// The record array as Awkward's notebook display prints it (as [`Array::show`]).
    fn show(&self) -> String {
        let fields = self.fields();
        show_text(
            self.structure(),
            &|i, limit| record_text(Self::FIELDS, &fields, i, limit),
            self.nbytes(),
            &self.type_str(),
        )
    }

    /// Reads records from JSON: lists of objects, one key per field, as
    /// [`RecordOps::to_json`] and Awkward's `ak.to_json` write them (`ak.from_json`). The
    /// lists may nest to any depth, one depth throughout. [`Error::Json`] names the field
    /// and the position of a record that lacks a field, has one the struct does not have,
    /// or a value of the wrong type. Serde's `Deserialize` (written by the derive) reads
    /// the same.
    ///
    /// ```
    /// use awkdiff_core::{array, record::{Field, FieldSource, MapField, Record, RecordOps}, Array, Result};
    /// # #[derive(Clone, Debug, PartialEq)]
    /// # struct Jets { pt: Array<f64>, btag: Array<bool> }
    /// # impl Record for Jets {
    /// #     const NAME: &'static str = "Jets";
    /// #     const FIELDS: &'static [&'static str] = &["pt", "btag"];
    /// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.btag] }
    /// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { unimplemented!() }
    /// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
    /// #         Ok(Jets { pt: s.field("pt")?, btag: s.field("btag")? })
    /// #     }
    /// # }
    /// let jets = Jets::from_json(r#"[[{"pt": 50, "btag": true}], []]"#).unwrap();
    /// assert_eq!(jets, Jets { pt: array![[50.0], []], btag: array![[true], []] });
    /// assert_eq!(Jets::from_json(&jets.to_json()).unwrap(), jets);
    /// let err = Jets::from_json(r#"[[{"pt": 50, "btag": 1}]]"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid JSON array: field `btag` of the record at [0][0]: expected true or false, \
    ///      found the number 1"
    /// );
    /// ```
    fn from_json(text: &str) -> Result<Self> {
        objects::from_json(text)
    }

    /// The records as JSON: lists of objects, one key per field (`ak.to_json`).
    fn to_json(&self) -> String {
        let fields = self.fields();
        let structure = self.structure();
        let mut out = String::new();
        write_json_level(
            structure,
            Self::FIELDS,
            &fields,
            0,
            0,
            structure.len(),
            &mut out,
        );
        out
    }
}

impl<R: Record> RecordOps for R {}

/// Checks that `field` (named `name`) has the lists of `first` (the record's first field,
/// named `first_name`) and returns it sharing `first`'s lists (so that later checks are
/// O(1)): what a derived `zip` calls for every field. `Error::Structure` names the field.
///
/// ```
/// use awkdiff_core::{array, record::zip_field};
/// let pt = array![[50.0, 30.0], [], [20.0]];
/// assert!(zip_field("Jets", "pt", &pt, "eta", array![[0.5, -1.0], [], [2.0]]).is_ok());
/// let err = zip_field("Jets", "pt", &pt, "eta", array![[0.5], [], [2.0]]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "structure mismatch in field `eta` of `Jets`: expected 3 * var * float64 (the lists of field `pt`), got 3 * var * float64: list 0 at dimension 1 has length 2 against 1"
/// );
/// ```
pub fn zip_field<T: Element, U: Element>(
    record: &str,
    first_name: &str,
    first: &Array<T>,
    name: &str,
    field: Array<U>,
) -> Result<Array<U>> {
    if field.structure().same_as(first.structure()) {
        return Ok(field.with_structure(first.structure().clone()));
    }
    Err(Error::Structure {
        context: format!("field `{name}` of `{record}`"),
        expected: format!(
            "{} (the lists of field `{first_name}`)",
            first.structure().type_str(T::TYPE_NAME)
        ),
        found: field.structure().type_str(U::TYPE_NAME),
        detail: format!(
            ": {}",
            first.structure().first_difference(field.structure())
        ),
    })
}

/// The record type `{pt: float64, eta: float64}`.
fn record_type(names: &[&str], fields: &[&dyn Field]) -> String {
    let parts: Vec<String> = names
        .iter()
        .zip(fields)
        .map(|(name, field)| format!("{name}: {}", field.dtype()))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// Awkward's `valuestr_horiz` of one record (the fields' values at position `i`) within
/// `limit` columns: fields while they fit, the first value that does not fit as `...`, and
/// `, ...` for the fields left out.
fn record_text(names: &[&str], fields: &[&dyn Field], i: usize, limit: i64) -> (i64, String) {
    let original = limit;
    let mut limit = limit - 2 - 5; // the braces, and room for ", ..."
    let mut out = String::from("{");
    let mut which = 0; // counts keys and values written, as Awkward does
    for (name, field) in names.iter().zip(fields) {
        let comma = if which == 0 { 0 } else { 2 };
        let key = format!("{name}: ");
        if limit - (comma + key.len() as i64 + 3) < 0 {
            break;
        }
        if which != 0 {
            out.push_str(", ");
            limit -= 2;
        }
        out.push_str(&key);
        limit -= key.len() as i64;
        which += 1;
        let mut value = String::new();
        field.write_text(i, &mut value);
        if limit - value.len() as i64 >= 0 {
            limit -= value.len() as i64;
            out.push_str(&value);
        } else {
            out.push_str("...");
            limit -= 3;
            break;
        }
        which += 1;
    }
    if !names.is_empty() {
        if which == 0 {
            out.push_str("...");
            limit -= 3;
        } else if which != 2 * names.len() {
            out.push_str(", ...");
            limit -= 5;
        }
    }
    limit += 5;
    out.push('}');
    (original - limit, out)
}

/// The JSON of the lists `lo..hi` of level `depth`.
fn write_json_level(
    structure: &Structure,
    names: &[&str],
    fields: &[&dyn Field],
    depth: usize,
    lo: usize,
    hi: usize,
    out: &mut String,
) {
    out.push('[');
    for i in lo..hi {
        if i > lo {
            out.push(',');
        }
        if depth == structure.depth() {
            out.push('{');
            for (k, (name, field)) in names.iter().zip(fields).enumerate() {
                if k > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(name).unwrap_or_default());
                out.push(':');
                field.write_json(i, out);
            }
            out.push('}');
        } else {
            let offsets = structure.offsets(depth);
            let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
            write_json_level(structure, names, fields, depth + 1, start, end, out);
        }
    }
    out.push(']');
}

/// A slice applied to every field, sharing its positions.
struct ApplySlice(Arc<SliceGather>);

impl MapField for ApplySlice {
    fn map<U: Element>(&self, _name: &str, field: &Array<U>) -> Result<Array<U>> {
        Ok(self.0.clone().apply(field))
    }
}

/// A gather applied to every field lazily, its positions shared (see `Gather::apply_lazy`).
struct ApplyLazy(Arc<Gather>);

impl MapField for ApplyLazy {
    fn map<U: Element>(&self, _name: &str, field: &Array<U>) -> Result<Array<U>> {
        Ok(self.0.apply_lazy(field))
    }
}

/// A gather (`take`, `filter`, `flatten`) applied to every field.
struct ApplyGather<'a>(&'a Gather);

impl MapField for ApplyGather<'_> {
    fn map<U: Element>(&self, _name: &str, field: &Array<U>) -> Result<Array<U>> {
        Ok(self.0.apply(field))
    }
}

/// A record with differentiated fields (the derive implements it when some field is): its
/// float fields combined pairwise with those of another record of the same struct, the
/// others kept from `self`. The record rules of the selections are built on it.
///
/// ```
/// use awkdiff_core::{array, Array, Result};
/// use awkdiff_core::record::{Field, FieldSource, FloatFields, MapField, Record, ZipFloat};
/// # #[derive(Clone, Debug, PartialEq)]
/// # struct Jets { pt: Array<f64>, btag: Array<bool> }
/// # impl Record for Jets {
/// #     const NAME: &'static str = "Jets";
/// #     const FIELDS: &'static [&'static str] = &["pt", "btag"];
/// #     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.btag] }
/// #     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { unimplemented!() }
/// #     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> { unimplemented!() }
/// # }
/// # impl awkdiff_core::Value for Jets {
/// #     type Elem = f64;
/// #     fn zeros_like(&self) -> Self { unimplemented!() }
/// #     fn add_value(&self, _: &Self) -> Self { unimplemented!() }
/// #     fn map_value(&self, _: impl Fn(f64) -> f64 + Sync) -> Self { unimplemented!() }
/// #     fn zip_value(&self, _: &Self, _: impl Fn(f64, f64) -> f64 + Sync) -> Self { unimplemented!() }
/// #     fn dot(&self, _: &Self) -> f64 { unimplemented!() }
/// #     fn check_like(&self, _: &Self, _: &str) -> Result<()> { Ok(()) }
/// #     fn type_string(&self) -> String { String::new() }
/// #     fn flatten_into(&self, _: &mut Vec<f64>) {}
/// #     fn unflatten_like(&self, _: &mut dyn Iterator<Item = f64>) -> Self { unimplemented!() }
/// # }
/// impl FloatFields for Jets {
///     fn try_zip_float_fields<M: ZipFloat<f64>>(&self, other: &Self, m: &M) -> Result<Self> {
///         Ok(Jets { pt: m.zip("pt", &self.pt, &other.pt)?, btag: self.btag.clone() })
///     }
/// }
/// struct Add;
/// impl ZipFloat<f64> for Add {
///     fn zip(&self, _: &str, a: &Array<f64>, b: &Array<f64>) -> Result<Array<f64>> { Ok(a + b) }
/// }
/// let jets = Jets { pt: array![[1.0], []], btag: array![[true], []] };
/// assert_eq!(jets.try_zip_float_fields(&jets, &Add).unwrap().pt, array![[2.0], []]);
/// ```
pub trait FloatFields: Record + Value {
    /// The record whose float fields are `m` of this one's and `other`'s, field by field.
    fn try_zip_float_fields<M: ZipFloat<<Self as Value>::Elem>>(
        &self,
        other: &Self,
        m: &M,
    ) -> Result<Self>;
}

/// An operation on the same float field of two records ([`FloatFields`]).
pub trait ZipFloat<T: Float> {
    /// The operation on field `name` of the two records.
    fn zip(&self, name: &str, a: &Array<T>, b: &Array<T>) -> Result<Array<T>>;
}

/// The selections of whole records in `#[differentiable]` bodies: the tangent is the same
/// selection of the tangent record; the cotangent of every float field is scattered back
/// through the selection, computed once from the shared lists.
impl<R: FloatFields> Selectable for R {
    fn select_jvp(op: Selection<'_>, x: &Self, _y: &Self, dx: &Self) -> Self {
        panic_on_error(dx.check_like(x, "tangent of a record selection"));
        panic_on_error(match op {
            Selection::Slice(entries) => dx.try_slice(Slice::new(entries.to_vec())),
            Selection::At(i) => dx.try_at(i),
            Selection::Take(indices) => dx.try_take(indices),
            Selection::Filter(mask) => dx.try_filter(mask),
            Selection::Flatten => dx.try_flatten(),
            Selection::Index(indices) => dx.try_index(indices),
        })
    }

    fn select_vjp(op: Selection<'_>, x: &Self, y: &Self, ct: &Self) -> Self {
        panic_on_error(ct.check_like(y, "cotangent of a record selection"));
        let structure = RecordOps::structure(x);
        let type_str = RecordOps::type_str(x);
        let gather = panic_on_error(match op {
            Selection::Slice(entries) => slice_gather(structure, &type_str, entries),
            Selection::At(i) => slice_gather(structure, &type_str, &[SliceEntry::Index(i)]),
            Selection::Take(indices) => take_gather(structure, indices),
            Selection::Filter(mask) => filter_gather(structure, mask),
            Selection::Flatten => flatten_gather(structure, &type_str),
            Selection::Index(indices) => index_gather(structure, &type_str, indices),
        });
        let scatter = ScatterBack {
            gather: &gather,
            input: structure,
        };
        panic_on_error(x.try_zip_float_fields(ct, &scatter))
    }
}

/// A field's cotangent scattered back through a gather into the input's lists.
struct ScatterBack<'a> {
    gather: &'a Gather,
    input: &'a Structure,
}

impl<T: Float> ZipFloat<T> for ScatterBack<'_> {
    fn zip(&self, _name: &str, _x: &Array<T>, ct: &Array<T>) -> Result<Array<T>> {
        Ok(self.gather.scatter_add(self.input, ct))
    }
}
