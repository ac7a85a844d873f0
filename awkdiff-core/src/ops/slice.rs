//! Slicing: [`s!`](crate::s!) slices, `at`, `get`, `take`, `filter` and `flatten`, with
//! NumPy and Awkward Array meaning on ragged lists, and their derivative rules.
//!
//! Every slice copies some leaves of its input into a new structure (a gather, computed
//! once per call in one pass over the offsets). The JVP applies the same gather to the
//! tangent; the VJP adds the cotangent back into zeros of the input's structure, so leaves
//! selected several times (`take` with repeats) accumulate.

use std::sync::Arc;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::Array;
use crate::ops::gather::{
    filter_gather, flatten_gather, slice_gather, take_gather, Gather, SliceGather,
};
use crate::ops::index::{array_index_jvp, array_index_vjp};
use crate::ops::selection::index_gather;
use crate::value::Value;

pub use crate::ops::slice_spec::{Slice, SliceEntry, SliceRange};

/// Integer indices for [`Array::take`]: a flat list of outer positions, `[i64]`,
/// `[i64; N]` or `Vec<i64>`.
///
/// An `Array<i64>` is not one, on purpose: arrays of integers are mostly positions *inside*
/// lists (`argmax`, `argsort`, `local_index`), and `x.take(&x.argmax(1))` would pick whole
/// outer lists by them. Positions inside lists go to [`Array::index`]; the values of a flat
/// `Array<i64>` of outer positions are `idx.content()`.
///
/// ```
/// use awkdiff_core::{array, rules::TakeIndices, Array};
/// assert_eq!(vec![1i64, -1].take_indices().unwrap(), &[1, -1]);
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let outer = Array::from_vec(vec![2i64, 0]);
/// assert_eq!(x.take(outer.content()), array![[3.0], [1.0, 2.0]]);
/// ```
///
/// ```compile_fail
/// use awkdiff_core::array;
/// let x = array![[1.0, 2.0], [], [3.0]];
/// // error: `take` picks outer elements by a flat list of positions, not by `Array<i64>`
/// let wrong = x.take(&x.argmax(1));
/// ```
#[diagnostic::on_unimplemented(
    message = "`take` picks outer elements by a flat list of positions (`&[i64]`, `Vec<i64>`), not by `{Self}`",
    label = "not a flat list of outer positions",
    note = "positions inside each list (from `argmax`, `argsort`, `local_index`) go to `x.index(&idx)`, one list of indices per list; to pick outer elements by the values of a flat `Array<i64>`, pass `idx.content()`"
)]
pub trait TakeIndices {
    /// The indices as a slice.
    fn take_indices(&self) -> Result<&[i64]>;
}

impl TakeIndices for [i64] {
    fn take_indices(&self) -> Result<&[i64]> {
        Ok(self)
    }
}

impl<const N: usize> TakeIndices for [i64; N] {
    fn take_indices(&self) -> Result<&[i64]> {
        Ok(self)
    }
}

impl TakeIndices for Vec<i64> {
    fn take_indices(&self) -> Result<&[i64]> {
        Ok(self)
    }
}

impl<I: TakeIndices + ?Sized> TakeIndices for &I {
    fn take_indices(&self) -> Result<&[i64]> {
        (**self).take_indices()
    }
}

pub(crate) fn panic_on_error<V>(result: Result<V>) -> V {
    result.unwrap_or_else(|error| panic!("{error}"))
}

impl<T: Element> Array<T> {
    /// The slice `s` (see [`s!`](crate::s!)): one entry per dimension, outermost first, with
    /// NumPy's meaning inside every list. Errors: more entries than dimensions
    /// (`Error::Axis`), a zero step (`Error::Invalid`), an integer index past the end of the
    /// array or of a list (`Error::Index`, naming the list), and integer indices on every
    /// dimension (`Error::Invalid`: that is one value; read it with [`Array::item`]).
    ///
    /// ```
    /// use awkdiff_core::{array, s};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_slice(s![.., -1]).unwrap_err().to_string(),
    ///            "index -1 is out of range in list [1] (length 0)");
    /// assert_eq!(x.try_slice(s![0..;2]).unwrap(), array![[1.0, 2.0, 3.0], [4.0, 5.0]]);
    /// ```
    pub fn try_slice(&self, s: impl AsRef<Slice>) -> Result<Array<T>> {
        let entries = s.as_ref().entries();
        let gather = slice_gather(self.structure(), &self.type_str(), entries)?;
        let slice = SliceGather::new(self.structure().clone(), entries, gather);
        Ok(Arc::new(slice).apply(self))
    }

    /// [`Array::try_slice`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::{array, s};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.slice(s![..;-1]), array![[4.0, 5.0], [], [1.0, 2.0, 3.0]]);
    /// assert_eq!(x.slice(s![.., ..;-1]), array![[3.0, 2.0, 1.0], [], [5.0, 4.0]]);
    /// assert_eq!(x.slice(s![2]), array![4.0, 5.0]);
    /// ```
    pub fn slice(&self, s: impl AsRef<Slice>) -> Array<T> {
        panic_on_error(self.try_slice(s))
    }

    /// Element `i` of the outermost dimension (negative from the end): `slice(s![i])`,
    /// one dimension fewer. On a 1-d array this is an error; read one value with
    /// [`Array::item`] (differentiable) or [`Array::get`].
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_at(-1).unwrap(), array![4.0, 5.0]);
    /// assert_eq!(x.try_at(3).unwrap_err().to_string(),
    ///            "index 3 is out of range of the outermost dimension (length 3)");
    /// ```
    pub fn try_at(&self, i: isize) -> Result<Array<T>> {
        self.try_slice(Slice::new(vec![SliceEntry::Index(i)]))
    }

    /// [`Array::try_at`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].at(0), array![1.0, 2.0, 3.0]);
    /// ```
    pub fn at(&self, i: isize) -> Array<T> {
        panic_on_error(self.try_at(i))
    }

    /// Value `i` of a 1-d array (negative from the end). `Error::Index` past the end;
    /// `Error::Invalid` on an array of more dimensions (use [`Array::at`] there).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = Array::from_vec(vec![1.0, 2.0, 3.0]);
    /// assert_eq!(x.get(-1).unwrap(), 3.0);
    /// assert_eq!(x.get(3).unwrap_err().to_string(),
    ///            "index 3 is out of range of the outermost dimension (length 3)");
    /// assert_eq!(array![[1.0], [2.0, 3.0]].at(1).get(0).unwrap(), 2.0);
    /// ```
    pub fn get(&self, i: isize) -> Result<T> {
        if self.ndim() != 1 {
            return Err(Error::Invalid {
                op: "get".into(),
                reason: format!(
                    "it reads one value of a 1-d array, not of an array of type {} (use `at` first)",
                    self.type_str()
                ),
            });
        }
        let len = self.len();
        crate::ops::slice_spec::resolve_index(i, len)
            .map(|position| self.content()[position])
            .ok_or(Error::Index {
                index: i as i64,
                place: "of the outermost dimension".into(),
                len,
            })
    }

    /// The outermost elements at `indices` (negative from the end, repeats allowed), in that
    /// order. `Error::Index` for an index past the end.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_take(&[5]).unwrap_err().to_string(),
    ///            "index 5 is out of range of the outermost dimension (length 3)");
    /// ```
    pub fn try_take<I: TakeIndices + ?Sized>(&self, indices: &I) -> Result<Array<T>> {
        let gather = take_gather(self.structure(), indices.take_indices()?)?;
        Ok(gather.apply(self))
    }

    /// [`Array::try_take`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.take(&[2, 0, 2]), array![[4.0, 5.0], [1.0, 2.0, 3.0], [4.0, 5.0]]);
    /// assert_eq!(x.take(Array::from_vec(vec![-1i64]).content()), array![[4.0, 5.0]]);
    /// ```
    pub fn take<I: TakeIndices + ?Sized>(&self, indices: &I) -> Array<T> {
        panic_on_error(self.try_take(indices))
    }

    /// The elements where `mask` is true. The mask has the structure of the array (it
    /// filters the leaves) or of its outer dimensions (a 1-d mask of the outer length
    /// filters the outermost elements; a deeper one the lists at its depth), as in Awkward
    /// Array. Any other mask is `Error::Structure`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_filter(&array![true, false]).unwrap_err().to_string(),
    ///            "structure mismatch in filter mask: expected 3 * bool, got 2 * bool: lengths 3 and 2 differ");
    /// ```
    pub fn try_filter(&self, mask: &Array<bool>) -> Result<Array<T>> {
        let gather = filter_gather(self.structure(), mask)?;
        Ok(gather.apply(self))
    }

    /// [`Array::try_filter`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.filter(&array![[true, false, true], [], [false, true]]), array![[1.0, 3.0], [], [5.0]]);
    /// assert_eq!(x.filter(&array![true, false, true]), array![[1.0, 2.0, 3.0], [4.0, 5.0]]);
    /// ```
    pub fn filter(&self, mask: &Array<bool>) -> Array<T> {
        panic_on_error(self.try_filter(mask))
    }

    /// The array without its outermost `var` dimension: the lists joined end to end
    /// (Awkward's `ak.flatten(x, axis=1)`). `Error::Axis` on a 1-d array.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![1.0]).try_flatten().unwrap_err().to_string(),
    ///            "axis 1 is out of range for an array of type 1 * float64 (1 dimensions)");
    /// ```
    pub fn try_flatten(&self) -> Result<Array<T>> {
        let gather = flatten_gather(self.structure(), &self.type_str())?;
        Ok(gather.apply(self))
    }

    /// [`Array::try_flatten`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].flatten(), array![1.0, 2.0, 3.0, 4.0, 5.0]);
    /// ```
    pub fn flatten(&self) -> Array<T> {
        panic_on_error(self.try_flatten())
    }
}

impl AsRef<Slice> for Slice {
    fn as_ref(&self) -> &Slice {
        self
    }
}

/// The tangent through a gather: the same gather of `dx`, after checking that `dx` has the
/// structure of `x`.
fn gather_jvp<T: Float>(op: &str, x: &Array<T>, gather: Result<Gather>, dx: &Array<T>) -> Array<T> {
    panic_on_error(dx.check_like(x, &format!("tangent of `{op}`")));
    panic_on_error(gather).apply(dx)
}

/// The cotangent through a gather: `ct` (of `y`'s structure) added into zeros of `x`'s.
fn gather_vjp<T: Float>(
    op: &str,
    x: &Array<T>,
    y: &Array<T>,
    gather: Result<Gather>,
    ct: &Array<T>,
) -> Array<T> {
    panic_on_error(ct.check_like(y, &format!("cotangent of `{op}`")));
    panic_on_error(gather).scatter_add(x.structure(), ct)
}

/// The slice `entries` of `x` as a shared gather: the one that made `y` when `y` is that
/// slice (as in generated code, where `y` is the primal's output), else computed again.
fn slice_of<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    entries: &[SliceEntry],
) -> Result<Arc<SliceGather>> {
    if let Some(slice) = SliceGather::of(y, x.structure(), entries) {
        return Ok(slice);
    }
    let gather = slice_gather(x.structure(), &x.type_str(), entries)?;
    Ok(Arc::new(SliceGather::new(
        x.structure().clone(),
        entries,
        gather,
    )))
}

/// The tangent through a slice: the same slice of `dx` (read in place by fused kernels).
fn sliced_jvp<T: Float>(
    op: &str,
    x: &Array<T>,
    y: &Array<T>,
    entries: &[SliceEntry],
    dx: &Array<T>,
) -> Array<T> {
    panic_on_error(dx.check_like(x, &format!("tangent of `{op}`")));
    panic_on_error(slice_of(x, y, entries)).apply(dx)
}

/// The cotangent through a slice: `ct` added into zeros of `x`'s structure.
fn sliced_vjp<T: Float>(
    op: &str,
    x: &Array<T>,
    y: &Array<T>,
    entries: &[SliceEntry],
    ct: &Array<T>,
) -> Array<T> {
    panic_on_error(ct.check_like(y, &format!("cotangent of `{op}`")));
    let slice = panic_on_error(slice_of(x, y, entries));
    slice.gather.scatter_add(x.structure(), ct)
}

/// One of the selections whose rules [`Selectable`] gives: what `slice`, `at`, `take`,
/// `filter`, `flatten` and `index` select.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Selection<'a> {
    /// `slice(s)`, by its entries.
    Slice(&'a [SliceEntry]),
    /// `at(i)`.
    At(isize),
    /// `take(indices)`.
    Take(&'a [i64]),
    /// `filter(mask)`.
    Filter(&'a Array<bool>),
    /// `flatten()`.
    Flatten,
    /// `index(indices)` (jagged indexing).
    Index(&'a Array<i64>),
}

impl Selection<'_> {
    /// The method's name, for messages.
    fn name(&self) -> &'static str {
        match self {
            Selection::Slice(_) => "slice",
            Selection::At(_) => "at",
            Selection::Take(_) => "take",
            Selection::Filter(_) => "filter",
            Selection::Flatten => "flatten",
            Selection::Index(_) => "index",
        }
    }
}

/// What the selection rules apply to: float arrays, and records made with
/// `#[derive(Record)]` (whose differentiated fields are each selected alike, the selection
/// computed once from the shared lists). The rules `slice_jvp` .. `flatten_vjp` are generic
/// over it, so that a `#[differentiable]` body may select whole records.
///
/// ```
/// use awkdiff_core::{array, ops::slice::{Selectable, Selection}};
/// let x = array![[1.0, 2.0], [3.0]];
/// let y = x.flatten();
/// let dy = Selectable::select_jvp(Selection::Flatten, &x, &y, &array![[1.0, 0.0], [2.0]]);
/// assert_eq!(dy, array![1.0, 0.0, 2.0]);
/// ```
#[doc(hidden)]
pub trait Selectable: Value {
    /// The tangent of `y`, the selection `op` of `x`, for the tangent `dx` of `x`.
    fn select_jvp(op: Selection<'_>, x: &Self, y: &Self, dx: &Self) -> Self;
    /// The cotangent of `x` for the cotangent `ct` of `y`, the selection `op` of `x`.
    fn select_vjp(op: Selection<'_>, x: &Self, y: &Self, ct: &Self) -> Self;
    /// `acc` (a cotangent of `x` so far) plus [`Selectable::select_vjp`]: float arrays add
    /// `ct` into `acc`'s values where they came from, in place when `acc` is not shared,
    /// instead of scattering into zeros and adding.
    fn select_vjp_into(op: Selection<'_>, acc: Self, x: &Self, y: &Self, ct: &Self) -> Self {
        acc.add_value(&Self::select_vjp(op, x, y, ct))
    }
}

impl<T: Float> Selectable for Array<T> {
    fn select_jvp(op: Selection<'_>, x: &Self, y: &Self, dx: &Self) -> Self {
        match op {
            Selection::Slice(entries) => sliced_jvp("slice", x, y, entries, dx),
            Selection::At(i) => array_at_jvp(x, y, i, dx),
            Selection::Take(indices) => array_take_jvp(x, y, indices, dx),
            Selection::Filter(mask) => array_filter_jvp(x, y, mask, dx),
            Selection::Flatten => array_flatten_jvp(x, y, dx),
            Selection::Index(indices) => array_index_jvp(x, indices, dx),
        }
    }

    fn select_vjp(op: Selection<'_>, x: &Self, y: &Self, ct: &Self) -> Self {
        match op {
            Selection::Slice(entries) => sliced_vjp("slice", x, y, entries, ct),
            Selection::At(i) => array_at_vjp(x, y, i, ct),
            Selection::Take(indices) => array_take_vjp(x, y, indices, ct),
            Selection::Filter(mask) => array_filter_vjp(x, y, mask, ct),
            Selection::Flatten => array_flatten_vjp(x, y, ct),
            Selection::Index(indices) => array_index_vjp(x, y, indices, ct),
        }
    }

    fn select_vjp_into(op: Selection<'_>, acc: Self, x: &Self, y: &Self, ct: &Self) -> Self {
        let name = op.name();
        panic_on_error(ct.check_like(y, &format!("cotangent of `{name}`")));
        panic_on_error(acc.check_like(x, &format!("cotangent of `{name}`'s input")));
        let mut acc = acc;
        if acc.content_mut().is_none() {
            acc = x.with_content(acc.content().to_vec());
        }
        let values = acc.content_mut().expect("an array of its own values");
        let structure = x.structure();
        match op {
            Selection::Slice(entries) => panic_on_error(slice_of(x, y, entries))
                .gather
                .scatter_add_into(values, ct.content()),
            Selection::At(i) => panic_on_error(slice_of(x, y, &[SliceEntry::Index(i)]))
                .gather
                .scatter_add_into(values, ct.content()),
            Selection::Take(indices) => panic_on_error(take_gather(structure, indices))
                .scatter_add_into(values, ct.content()),
            Selection::Filter(mask) => panic_on_error(filter_gather(structure, mask))
                .scatter_add_into(values, ct.content()),
            Selection::Flatten => panic_on_error(flatten_gather(structure, &x.type_str()))
                .scatter_add_into(values, ct.content()),
            Selection::Index(indices) => {
                panic_on_error(index_gather(structure, &x.type_str(), indices))
                    .scatter_add_into(values, ct.content())
            }
        }
        acc
    }
}

/// JVP of [`Array::slice`]: the same slice of the tangent.
///
/// ```
/// use awkdiff_core::{array, rules::slice_jvp, s};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let s = s![..;-1];
/// let y = x.slice(&s);
/// assert_eq!(slice_jvp(&x, &y, &s, &array![[0.0, 0.0, 1.0], [], [2.0, 0.0]]), array![[2.0, 0.0], [], [0.0, 0.0, 1.0]]);
/// ```
pub fn slice_jvp<X: Selectable>(x: &X, y: &X, s: &Slice, dx: &X) -> X {
    X::select_jvp(Selection::Slice(s.entries()), x, y, dx)
}

/// VJP of [`Array::slice`]: the cotangent added back where its values came from, zeros
/// elsewhere.
///
/// ```
/// use awkdiff_core::{array, rules::slice_vjp, s};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let s = s![.., 1..];
/// let y = x.slice(&s);
/// assert_eq!(slice_vjp(&x, &y, &s, &array![[1.0, 2.0], [], [3.0]]), array![[0.0, 1.0, 2.0], [], [0.0, 3.0]]);
/// ```
pub fn slice_vjp<X: Selectable>(x: &X, y: &X, s: &Slice, ct: &X) -> X {
    X::select_vjp(Selection::Slice(s.entries()), x, y, ct)
}

/// [`slice_vjp`] added into `acc`, the cotangent of `x` so far (what a reverse sweep does
/// when `x` feeds several operations): in place when `acc`'s values are not shared.
///
/// ```
/// use awkdiff_core::{array, rules::slice_vjp_into, s};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let s = s![.., 1..];
/// let acc = array![[1.0, 1.0, 1.0], [], [1.0, 1.0]];
/// let ct = array![[1.0, 2.0], [], [3.0]];
/// assert_eq!(slice_vjp_into(acc, &x, &x.slice(&s), &s, &ct), array![[1.0, 2.0, 3.0], [], [1.0, 4.0]]);
/// ```
pub fn slice_vjp_into<X: Selectable>(acc: X, x: &X, y: &X, s: &Slice, ct: &X) -> X {
    X::select_vjp_into(Selection::Slice(s.entries()), acc, x, y, ct)
}

/// JVP of [`Array::at`]: element `i` of the tangent.
///
/// ```
/// use awkdiff_core::{array, rules::at_jvp};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// assert_eq!(at_jvp(&x, &x.at(-1), -1, &array![[0.0, 0.0, 0.0], [], [1.0, 2.0]]), array![1.0, 2.0]);
/// ```
pub fn at_jvp<X: Selectable>(x: &X, y: &X, i: isize, dx: &X) -> X {
    X::select_jvp(Selection::At(i), x, y, dx)
}

/// VJP of [`Array::at`]: the cotangent placed at element `i`, zeros elsewhere.
///
/// ```
/// use awkdiff_core::{array, rules::at_vjp};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// assert_eq!(at_vjp(&x, &x.at(0), 0, &array![1.0, 2.0, 3.0]), array![[1.0, 2.0, 3.0], [], [0.0, 0.0]]);
/// ```
pub fn at_vjp<X: Selectable>(x: &X, y: &X, i: isize, ct: &X) -> X {
    X::select_vjp(Selection::At(i), x, y, ct)
}

/// [`at_vjp`] added into `acc`, the cotangent of `x` so far.
///
/// ```
/// use awkdiff_core::{array, rules::at_vjp_into};
/// let x = array![[1.0, 2.0], [3.0, 4.0]];
/// let acc = x.full_like(1.0);
/// assert_eq!(at_vjp_into(acc, &x, &x.at(1), 1, &array![5.0, 6.0]), array![[1.0, 1.0], [6.0, 7.0]]);
/// ```
pub fn at_vjp_into<X: Selectable>(acc: X, x: &X, y: &X, i: isize, ct: &X) -> X {
    X::select_vjp_into(Selection::At(i), acc, x, y, ct)
}

/// JVP of [`Array::take`]: the same elements of the tangent.
///
/// ```
/// use awkdiff_core::{array, rules::take_jvp};
/// let x = array![[1.0], [2.0, 3.0]];
/// let y = x.take(&[1, 1]);
/// assert_eq!(take_jvp(&x, &y, &[1, 1], &array![[0.0], [1.0, 2.0]]), array![[1.0, 2.0], [1.0, 2.0]]);
/// ```
pub fn take_jvp<X: Selectable>(x: &X, y: &X, indices: &[i64], dx: &X) -> X {
    X::select_jvp(Selection::Take(indices), x, y, dx)
}

/// VJP of [`Array::take`]: each output element's cotangent added to the element it came
/// from (repeated indices accumulate).
///
/// ```
/// use awkdiff_core::{array, rules::take_vjp};
/// let x = array![[1.0], [2.0, 3.0]];
/// let y = x.take(&[1, 1]);
/// assert_eq!(take_vjp(&x, &y, &[1, 1], &array![[1.0, 2.0], [10.0, 20.0]]), array![[0.0], [11.0, 22.0]]);
/// ```
pub fn take_vjp<X: Selectable>(x: &X, y: &X, indices: &[i64], ct: &X) -> X {
    X::select_vjp(Selection::Take(indices), x, y, ct)
}

/// [`take_vjp`] added into `acc`, the cotangent of `x` so far (repeats accumulate).
///
/// ```
/// use awkdiff_core::{array, rules::take_vjp_into};
/// let x = array![[1.0], [2.0, 3.0]];
/// let y = x.take(&[1, 1]);
/// let acc = x.full_like(1.0);
/// assert_eq!(take_vjp_into(acc, &x, &y, &[1, 1], &array![[1.0, 2.0], [10.0, 20.0]]), array![[1.0], [12.0, 23.0]]);
/// ```
pub fn take_vjp_into<X: Selectable>(acc: X, x: &X, y: &X, indices: &[i64], ct: &X) -> X {
    X::select_vjp_into(Selection::Take(indices), acc, x, y, ct)
}

/// JVP of [`Array::filter`]: the tangent filtered by the same mask.
///
/// ```
/// use awkdiff_core::{array, rules::filter_jvp};
/// let x = array![[1.0, 2.0], [3.0]];
/// let mask = array![[false, true], [true]];
/// assert_eq!(filter_jvp(&x, &x.filter(&mask), &mask, &array![[1.0, 2.0], [3.0]]), array![[2.0], [3.0]]);
/// ```
pub fn filter_jvp<X: Selectable>(x: &X, y: &X, mask: &Array<bool>, dx: &X) -> X {
    X::select_jvp(Selection::Filter(mask), x, y, dx)
}

/// VJP of [`Array::filter`]: the cotangent where the mask is true, zeros where it is false.
///
/// ```
/// use awkdiff_core::{array, rules::filter_vjp};
/// let x = array![[1.0, 2.0], [3.0]];
/// let mask = array![[false, true], [true]];
/// assert_eq!(filter_vjp(&x, &x.filter(&mask), &mask, &array![[5.0], [6.0]]), array![[0.0, 5.0], [6.0]]);
/// ```
pub fn filter_vjp<X: Selectable>(x: &X, y: &X, mask: &Array<bool>, ct: &X) -> X {
    X::select_vjp(Selection::Filter(mask), x, y, ct)
}

/// [`filter_vjp`] added into `acc`, the cotangent of `x` so far.
///
/// ```
/// use awkdiff_core::{array, rules::filter_vjp_into};
/// let x = array![[1.0, 2.0], [3.0]];
/// let mask = array![[false, true], [true]];
/// let acc = x.full_like(1.0);
/// assert_eq!(filter_vjp_into(acc, &x, &x.filter(&mask), &mask, &array![[5.0], [6.0]]), array![[1.0, 6.0], [7.0]]);
/// ```
pub fn filter_vjp_into<X: Selectable>(acc: X, x: &X, y: &X, mask: &Array<bool>, ct: &X) -> X {
    X::select_vjp_into(Selection::Filter(mask), acc, x, y, ct)
}

/// JVP of [`Array::flatten`]: the flattened tangent.
///
/// ```
/// use awkdiff_core::{array, rules::flatten_jvp};
/// let x = array![[1.0], [], [2.0, 3.0]];
/// assert_eq!(flatten_jvp(&x, &x.flatten(), &array![[4.0], [], [5.0, 6.0]]), array![4.0, 5.0, 6.0]);
/// ```
pub fn flatten_jvp<X: Selectable>(x: &X, y: &X, dx: &X) -> X {
    X::select_jvp(Selection::Flatten, x, y, dx)
}

/// VJP of [`Array::flatten`]: the cotangent cut back into the lists of `x`.
///
/// ```
/// use awkdiff_core::{array, rules::flatten_vjp};
/// let x = array![[1.0], [], [2.0, 3.0]];
/// assert_eq!(flatten_vjp(&x, &x.flatten(), &array![4.0, 5.0, 6.0]), array![[4.0], [], [5.0, 6.0]]);
/// ```
pub fn flatten_vjp<X: Selectable>(x: &X, y: &X, ct: &X) -> X {
    X::select_vjp(Selection::Flatten, x, y, ct)
}

/// [`flatten_vjp`] added into `acc`, the cotangent of `x` so far.
///
/// ```
/// use awkdiff_core::{array, rules::flatten_vjp_into};
/// let x = array![[1.0], [], [2.0, 3.0]];
/// let acc = x.full_like(1.0);
/// assert_eq!(flatten_vjp_into(acc, &x, &x.flatten(), &array![4.0, 5.0, 6.0]), array![[5.0], [], [6.0, 7.0]]);
/// ```
pub fn flatten_vjp_into<X: Selectable>(acc: X, x: &X, y: &X, ct: &X) -> X {
    X::select_vjp_into(Selection::Flatten, acc, x, y, ct)
}

/// The rule on float arrays.
fn array_at_jvp<T: Float>(x: &Array<T>, y: &Array<T>, i: isize, dx: &Array<T>) -> Array<T> {
    sliced_jvp("at", x, y, &[SliceEntry::Index(i)], dx)
}

/// The rule on float arrays.
fn array_at_vjp<T: Float>(x: &Array<T>, y: &Array<T>, i: isize, ct: &Array<T>) -> Array<T> {
    sliced_vjp("at", x, y, &[SliceEntry::Index(i)], ct)
}

/// The rule on float arrays.
fn array_take_jvp<T: Float>(
    x: &Array<T>,
    _y: &Array<T>,
    indices: &[i64],
    dx: &Array<T>,
) -> Array<T> {
    gather_jvp("take", x, take_gather(x.structure(), indices), dx)
}

/// The rule on float arrays.
fn array_take_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    indices: &[i64],
    ct: &Array<T>,
) -> Array<T> {
    gather_vjp("take", x, y, take_gather(x.structure(), indices), ct)
}

/// The rule on float arrays.
fn array_filter_jvp<T: Float>(
    x: &Array<T>,
    _y: &Array<T>,
    mask: &Array<bool>,
    dx: &Array<T>,
) -> Array<T> {
    gather_jvp("filter", x, filter_gather(x.structure(), mask), dx)
}

/// The rule on float arrays.
fn array_filter_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    mask: &Array<bool>,
    ct: &Array<T>,
) -> Array<T> {
    gather_vjp("filter", x, y, filter_gather(x.structure(), mask), ct)
}

/// The rule on float arrays.
fn array_flatten_jvp<T: Float>(x: &Array<T>, _y: &Array<T>, dx: &Array<T>) -> Array<T> {
    gather_jvp(
        "flatten",
        x,
        flatten_gather(x.structure(), &x.type_str()),
        dx,
    )
}

/// The rule on float arrays.
fn array_flatten_vjp<T: Float>(x: &Array<T>, y: &Array<T>, ct: &Array<T>) -> Array<T> {
    gather_vjp(
        "flatten",
        x,
        y,
        flatten_gather(x.structure(), &x.type_str()),
        ct,
    )
}
