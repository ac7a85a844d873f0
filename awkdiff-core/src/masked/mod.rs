//! [`Masked`]: arrays with missing entries, Awkward Array's option type (`3 * var * ?float64`),
//! which `ak.mask`, `ak.pad_none`, `ak.firsts` and `ak.max(x, axis=-1)` (with its default
//! `mask_identity=True`) give, and which `ak.fill_none` and `ak.drop_none` turn back into
//! plain arrays.
//!
//! ```
//! use awkdiff_core::{array, Array, Masked};
//! let pt: Array<f64> = array![[50.0, 30.0], [], [20.0]];
//! let leading: Masked<f64> = pt.firsts();
//! assert_eq!(leading.to_string(), "[50, None, 20]");
//! assert_eq!(leading.type_str(), "3 * ?float64");
//! assert_eq!(leading.fill_none(0.0), Array::from_vec(vec![50.0, 0.0, 20.0]));
//! assert_eq!(leading.drop_none(), Array::from_vec(vec![50.0, 20.0]));
//! ```
//!
//! ## Representation
//!
//! A `Masked<T>` is an [`Array<T>`] of values and an `Array<bool>` of validity (`true` where
//! an entry is present) with one and the same structure: the offsets buffers are shared, not
//! copied. Under the lists this is Awkward's `ByteMaskedArray(valid_when=True)`, the layout
//! `ak.mask` and `ak.max(..., mask_identity=True)` build, and its `nbytes` are counted the
//! same way (the values, one byte per entry, the offsets once). The reasons:
//! - every kernel of [`Array`] serves the values unchanged (elementwise operations,
//!   broadcasting, reductions, gathers), and the validity rides along by reference: `mask`
//!   shares its input's values instead of copying them (as `ak.mask` does), `drop_none` is a
//!   `filter` by the validity, `fill_none` one pass;
//! - a tangent or a cotangent of a masked value is a masked value of the same validity, so
//!   "a missing entry carries no tangent and receives no cotangent" is a property of the type,
//!   and the derivative machinery ([`Value`], the broadcasting rules of the operators, the
//!   gradient checks of [`check`](crate::check)) needs nothing new;
//! - a byte per entry is an eighth of an `f64` and a plain load in every loop; Arrow's
//!   validity bitmaps (one bit per entry) are packed and unpacked at the boundary, in one
//!   pass.
//!
//! The alternatives cost more: Awkward's `IndexedOptionArray` (what `ak.pad_none` and
//! `ak.firsts` build) stores an `i64` index per entry and compacts the values, so every
//! kernel would read through an indirection; a `Vec<Option<T>>` doubles the size of an
//! `f64` and shares nothing with `Array`.
//!
//! The values at missing entries are unspecified (`mask` keeps the values that were there,
//! padding writes zeros, `max_or_none` the identity `-inf`): no operation reads them, and
//! equality ignores them.
//!
//! ## Where entries can be missing
//!
//! At the leaves: `?float64` under any number of `var` lists. Awkward can also make a whole
//! list missing (`option[var * float64]`, as `ak.pad_none` at an outer axis does, or a
//! missing number broadcast into a list); awkdiff does not represent that. So `pad_none` and
//! `firsts` work on the innermost lists (Awkward's `axis=-1`), `from_json` reads `null` in
//! place of a number only, and an operation that would broadcast a missing number into a
//! list is an [`Error::Broadcast`] saying so.
//!
//! ## Derivatives
//!
//! A missing entry carries no tangent and receives no cotangent: the tangent of a `Masked`
//! has its validity, and its [`Value`] methods (`dot`, `flatten_into`) read the present
//! entries only. The primitives that make and unmake masked values, and their JVP and VJP
//! rules, are in [`ops::option`](crate::ops::option) (and the reducers' `None` forms in
//! [`ops::option_reduce`](crate::ops::option_reduce)).

mod text;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::kernels;
use crate::layout::{Array, Structure};
use crate::value::Value;

/// An array with missing entries (Awkward's `?float64` under its lists): values and a
/// validity of the same structure. See the [module docs](self) for why this layout.
///
/// ```
/// use awkdiff_core::{array, Masked};
/// let x = Masked::new(array![[1.0, 2.0], [], [3.0]], array![[true, false], [], [true]]).unwrap();
/// assert_eq!(x.to_string(), "[[1, None], [], [3]]");
/// assert_eq!(x.type_str(), "3 * var * ?float64");
/// assert_eq!(x.is_none(), array![[false, true], [], [false]]);
/// ```
#[derive(Clone)]
pub struct Masked<T> {
    values: Array<T>,
    valid: Array<bool>,
}

impl<T: Element> Masked<T> {
    /// The masked array of `values` whose entries are present where `valid` is true; the two
    /// must have the same structure ([`Error::Structure`] otherwise). The validity then shares
    /// the values' offsets.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = Masked::new(array![[1.0, 2.0], []], array![[false, true], []]).unwrap();
    /// assert_eq!(x.to_options(), vec![None, Some(2.0)]);
    /// let err = Masked::new(array![[1.0, 2.0], []], array![[true], [true]]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "structure mismatch in the validity of `Masked::new`: expected 2 * var * bool, \
    ///      got 2 * var * bool: list 0 at dimension 1 has length 2 against 1"
    /// );
    /// ```
    pub fn new(values: Array<T>, valid: Array<bool>) -> Result<Self> {
        if !valid.structure().same_as(values.structure()) {
            return Err(Error::Structure {
                context: "the validity of `Masked::new`".into(),
                expected: values.structure().type_str("bool"),
                found: valid.type_str(),
                detail: detail(values.structure().first_difference(valid.structure())),
            });
        }
        Ok(Masked::from_parts(values, valid))
    }

    /// `values` and `valid` of one structure (checked by the caller); the validity is made
    /// to share the values' offsets.
    pub(crate) fn from_parts(values: Array<T>, valid: Array<bool>) -> Self {
        debug_assert!(valid.structure().same_as(values.structure()));
        let valid = valid.with_structure(values.structure().clone());
        Masked { values, valid }
    }

    /// The masked array with every entry of `values` present (Awkward's `UnmaskedArray`).
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = Masked::from_array(array![[1.0], []]);
    /// assert_eq!(x.to_string(), "[[1], []]");
    /// assert_eq!(x.type_str(), "2 * var * ?float64");
    /// ```
    pub fn from_array(values: Array<T>) -> Self {
        let valid = values.full_like(true);
        Masked { values, valid }
    }

    /// A flat (1-d) masked array, `None` for a missing entry.
    ///
    /// ```
    /// use awkdiff_core::Masked;
    /// let x = Masked::from_options(vec![Some(1.5), None, Some(-2.0)]);
    /// assert_eq!(x.to_string(), "[1.5, None, -2]");
    /// ```
    pub fn from_options(entries: Vec<Option<T>>) -> Self {
        let valid = entries.iter().map(Option::is_some).collect();
        let values = entries.into_iter().map(Option::unwrap_or_default).collect();
        Masked {
            values: Array::from_vec(values),
            valid: Array::from_vec(valid),
        }
    }

    /// The values; those at missing entries are unspecified (see the module docs).
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = array![[1.0, 2.0], [3.0]].mask(&array![[true, false], [true]]);
    /// assert_eq!(x.values().structure(), x.validity().structure());
    /// assert_eq!(x.values().content()[0], 1.0);
    /// ```
    pub fn values(&self) -> &Array<T> {
        &self.values
    }

    /// `true` where an entry is present (Awkward's `ak.is_none(x, axis=-1)` negated).
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = Masked::from_options(vec![Some(1.0), None]);
    /// assert_eq!(x.validity().content(), &[true, false]);
    /// ```
    pub fn validity(&self) -> &Array<bool> {
        &self.valid
    }

    /// `true` where an entry is missing, with the array's structure: Awkward's
    /// `ak.is_none(x, axis=-1)` (Awkward's default `axis=0` asks whether whole outer entries
    /// are missing, which in awkdiff they never are). Not differentiable.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0]].mask(&array![[true, false, true], [], [false]]);
    /// assert_eq!(x.is_none(), array![[false, true, false], [], [true]]);
    /// ```
    pub fn is_none(&self) -> Array<bool> {
        self.valid.map(|v| !v)
    }

    /// The leaves in order, `None` where missing.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// assert_eq!(array![[1.0], [], [2.0, 3.0]].pad_none(2, true).to_options(), vec![Some(1.0), None, None, None, Some(2.0), Some(3.0)]);
    /// ```
    pub fn to_options(&self) -> Vec<Option<T>> {
        let valid = self.valid.content();
        self.values
            .content()
            .iter()
            .zip(valid)
            .map(|(&v, &ok)| ok.then_some(v))
            .collect()
    }

    /// The number of missing entries.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// assert_eq!(array![[1.0], [], [2.0]].firsts().count_none(), 1);
    /// ```
    pub fn count_none(&self) -> usize {
        self.valid.content().iter().filter(|&&v| !v).count()
    }

    /// The list structure (shared by the values and the validity).
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// assert_eq!(Masked::from_array(array![[1.0], []]).structure().offsets(0), &[0, 1, 1]);
    /// ```
    pub fn structure(&self) -> &Structure {
        self.values.structure()
    }

    /// Length of the outermost dimension.
    ///
    /// ```
    /// use awkdiff_core::Masked;
    /// assert_eq!(Masked::from_options(vec![Some(1.0), None]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the outermost dimension is empty.
    ///
    /// ```
    /// use awkdiff_core::Masked;
    /// assert!(Masked::<f64>::from_options(vec![]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Number of dimensions: 1 for `2 * ?float64`, 2 for `3 * var * ?float64`.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// assert_eq!(Masked::from_array(array![[1.0], []]).ndim(), 2);
    /// ```
    pub fn ndim(&self) -> usize {
        self.values.ndim()
    }

    /// Awkward's type: `3 * var * ?float64`, `3 * ?int64`.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// assert_eq!(array![[1.0f32], []].firsts().type_str(), "2 * ?float32");
    /// assert_eq!(array![[1.0], []].argmax_or_none(1).type_str(), "2 * ?int64");
    /// ```
    pub fn type_str(&self) -> String {
        self.structure().type_str(&format!("?{}", T::TYPE_NAME))
    }

    /// Bytes held, as Awkward counts a `ByteMaskedArray`: the values, one byte per entry of
    /// validity, the offsets once.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// // ak.mask(ak.Array([[1.1, 2.2, 3.3], [], [4.4, 5.5]]), x > 2).nbytes == 77
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(x.mask(&x.gt(2.0)).nbytes(), 77);
    /// ```
    pub fn nbytes(&self) -> usize {
        self.values.nbytes() + self.valid.structure().content_len()
    }

    /// The values with `missing` at the missing entries, in one pass (split across threads
    /// for large arrays).
    pub(crate) fn present_or(&self, missing: T) -> Array<T> {
        let (values, valid) = (self.values.content(), self.valid.content());
        let len = values.len();
        let out = kernels::collect_chunks(
            len,
            kernels::chunk_for(len),
            &|_: usize, range: std::ops::Range<usize>, out: &mut [T]| {
                for ((o, &v), &ok) in out
                    .iter_mut()
                    .zip(&values[range.clone()])
                    .zip(&valid[range])
                {
                    *o = if ok { v } else { missing };
                }
            },
        );
        self.values.with_content(out)
    }

    /// The first entry where `self` and `other` (of the same structure) differ in validity,
    /// and whether it is present in `self`.
    pub(crate) fn first_validity_difference(&self, other: &Masked<T>) -> Option<(usize, bool)> {
        if std::sync::Arc::ptr_eq(self.valid.buffer(), other.valid.buffer()) {
            return None;
        }
        let (a, b) = (self.valid.content(), other.valid.content());
        a.iter().zip(b).position(|(x, y)| x != y).map(|i| (i, a[i]))
    }
}

/// `": what"` for a non-empty difference, else nothing.
fn detail(difference: String) -> String {
    if difference.is_empty() {
        difference
    } else {
        format!(": {difference}")
    }
}

/// Where leaf `i` of `structure` is, as indices from the outermost: `[2][0]`.
pub(crate) fn leaf_path(structure: &Structure, i: usize) -> String {
    let mut indices = Vec::with_capacity(structure.ndim());
    let mut index = i;
    for offsets in structure.levels().iter().rev() {
        // The list that holds entry `index`: the last one starting at or before it.
        let list = offsets.partition_point(|&o| o as usize <= index) - 1;
        indices.push(index - offsets[list] as usize);
        index = list;
    }
    indices.push(index);
    indices.iter().rev().map(|k| format!("[{k}]")).collect()
}

impl<T: Element> From<Array<T>> for Masked<T> {
    /// [`Masked::from_array`]: every entry present.
    fn from(values: Array<T>) -> Self {
        Masked::from_array(values)
    }
}

impl<T: Element> PartialEq for Masked<T> {
    /// The same structure, the same missing entries, and the same values where present (the
    /// values at missing entries are not compared).
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = array![[1.0, 2.0], [3.0]];
    /// let a = x.mask(&array![[true, false], [true]]);
    /// let b = Masked::new(array![[1.0, 99.0], [3.0]], array![[true, false], [true]]).unwrap();
    /// assert_eq!(a, b);
    /// assert_ne!(a, Masked::from_array(x));
    /// ```
    fn eq(&self, other: &Self) -> bool {
        self.structure().same_as(other.structure())
            && self.valid.content() == other.valid.content()
            && self
                .values
                .content()
                .iter()
                .zip(other.values.content())
                .zip(self.valid.content())
                .all(|((a, b), &ok)| !ok || a == b)
    }
}

impl<T: Float> Masked<T> {
    /// The values with 0 at the missing entries: what a cotangent contributes to an array.
    pub(crate) fn present_or_zero(&self) -> Array<T> {
        self.present_or(T::zero())
    }

    /// These values under another validity of the same structure.
    pub(crate) fn with_validity(values: Array<T>, like: &Masked<T>) -> Masked<T> {
        Masked::from_parts(values, like.valid.clone())
    }

    /// Panics unless `self` has `like`'s structure and missing entries, naming `context`.
    #[track_caller]
    pub(crate) fn expect_like(&self, like: &Masked<T>, context: &str) {
        if let Err(error) = self.check_like(like, context) {
            panic!("{error}");
        }
    }
}

impl<T: Float> Value for Masked<T> {
    type Elem = T;

    fn zeros_like(&self) -> Self {
        Masked::with_validity(self.values.zeros_like(), self)
    }

    fn add_value(&self, other: &Self) -> Self {
        self.zip_value(other, |a, b| a + b)
    }

    fn map_value(&self, f: impl Fn(T) -> T + Sync) -> Self {
        Masked::with_validity(self.values.map_value(f), self)
    }

    fn zip_value(&self, other: &Self, f: impl Fn(T, T) -> T + Sync) -> Self {
        other.expect_like(self, "zip_value");
        Masked::with_validity(self.values.zip_value(&other.values, f), self)
    }

    /// The sum over the present entries only.
    fn dot(&self, other: &Self) -> T {
        self.values
            .content()
            .iter()
            .zip(other.values.content())
            .zip(self.valid.content())
            .filter(|&(_, &ok)| ok)
            .map(|((&a, &b), _)| a * b)
            .sum()
    }

    /// The same structure and the same missing entries; [`Error::Structure`] names the first
    /// entry that is missing in one and present in the other.
    ///
    /// ```
    /// use awkdiff_core::{array, Masked, Value};
    /// let x = array![[1.0, 2.0], []].firsts();
    /// let wrong = Masked::from_array(array![0.0, 0.0]);
    /// assert_eq!(
    ///     wrong.check_like(&x, "tangent of `x`").unwrap_err().to_string(),
    ///     "structure mismatch in tangent of `x`: expected 2 * ?float64, got 2 * ?float64: \
    ///      the entry at [1] is missing in the value but present here"
    /// );
    /// ```
    fn check_like(&self, value: &Self, context: &str) -> Result<()> {
        if !self.structure().same_as(value.structure()) {
            return Err(Error::Structure {
                context: context.to_string(),
                expected: value.type_str(),
                found: self.type_str(),
                detail: detail(value.structure().first_difference(self.structure())),
            });
        }
        match self.first_validity_difference(value) {
            None => Ok(()),
            Some((i, present_here)) => Err(Error::Structure {
                context: context.to_string(),
                expected: value.type_str(),
                found: self.type_str(),
                detail: format!(
                    ": the entry at {} is {} in the value but {} here",
                    leaf_path(self.structure(), i),
                    if present_here { "missing" } else { "present" },
                    if present_here { "present" } else { "missing" },
                ),
            }),
        }
    }

    fn type_string(&self) -> String {
        self.type_str()
    }

    /// The present entries only: a missing entry is no coordinate of the value.
    fn flatten_into(&self, out: &mut Vec<f64>) {
        let valid = self.valid.content();
        out.extend(
            self.values
                .content()
                .iter()
                .zip(valid)
                .filter(|&(_, &ok)| ok)
                .map(|(v, _)| v.as_f64()),
        );
    }

    /// The present entries from `values`, zeros at the missing ones.
    fn unflatten_like(&self, values: &mut dyn Iterator<Item = f64>) -> Self {
        let content = self
            .valid
            .content()
            .iter()
            .map(|&ok| {
                if ok {
                    T::from_f64(values.next().expect("unflatten_like: not enough values"))
                } else {
                    T::zero()
                }
            })
            .collect();
        Masked::with_validity(self.values.with_content(content), self)
    }
}
