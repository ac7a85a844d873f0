//! Reading by integer positions: jagged indexing `x.index(&idx)` (Awkward's `x[idx]` with an
//! integer array of lists, such as `ak.argsort(x)`), and `x.item(&[i, j, ..])`, one value by
//! a full index (Awkward's `x[i, j]`, NumPy's `ndarray.item`). Both are differentiable: a
//! gather of the tangent and a scatter-add of the cotangent (a one-hot array for `item`).

use std::sync::Arc;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::ops::gather::Gather;
use crate::ops::selection::{index_gather, list_path};
use crate::ops::slice::{Selectable, Selection};
use crate::ops::slice_spec::resolve_index;
use crate::value::Value;

fn or_panic<V>(result: Result<V>) -> V {
    result.unwrap_or_else(|error| panic!("{error}"))
}

/// The leaf at `index` (one entry per dimension, negative from the end of its list) of an
/// array of structure `s` and type `type_str`.
fn leaf_at(s: &Structure, type_str: &str, index: &[i64]) -> Result<usize> {
    if index.len() != s.ndim() {
        return Err(Error::Invalid {
            op: "item".into(),
            reason: format!(
                "it takes one index per dimension: {} for an array of type {type_str}, got {} \
                 ({index:?})",
                s.ndim(),
                index.len()
            ),
        });
    }
    let resolve = |i: i64, len: usize| isize::try_from(i).ok().and_then(|i| resolve_index(i, len));
    let mut item = resolve(index[0], s.len()).ok_or(Error::Index {
        index: index[0],
        place: "of the outermost dimension".into(),
        len: s.len(),
    })?;
    for (level, &i) in index[1..].iter().enumerate() {
        let offsets = s.offsets(level);
        let (lo, hi) = (offsets[item] as usize, offsets[item + 1] as usize);
        item = lo
            + resolve(i, hi - lo).ok_or_else(|| Error::Index {
                index: i,
                place: format!("in list {}", list_path(s, level, item)),
                len: hi - lo,
            })?;
    }
    Ok(item)
}

impl<T: Element> Array<T> {
    /// Jagged indexing, or an error: a flat `indices` array (`Error::Invalid`: that is
    /// [`Array::take`]), indices whose outer lists do not match the array's
    /// (`Error::Structure`, naming the first list that differs), an index past the end of
    /// its list (`Error::Index`, naming the list and the index; `-1` in an empty list, what
    /// `argmax` gives there, says so).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    /// assert_eq!(
    ///     x.try_index(&array![[0i64], [-1], [0]]).unwrap_err().to_string(),
    ///     "index -1 is out of range in list [1], which is empty (`argmax` and `argmin` give -1 \
    ///      for an empty list, where Awkward gives None: filter empty lists out first) (length 0)"
    /// );
    /// assert!(x.try_index(&Array::from_vec(vec![0i64, 1, 0])).is_err());
    /// ```
    pub fn try_index(&self, indices: &Array<i64>) -> Result<Array<T>> {
        let gather = Arc::new(index_gather(self.structure(), &self.type_str(), indices)?);
        // Lazy: a fused kernel reads the picked values in place, without copying them first.
        Ok(gather.apply_lazy(self))
    }

    /// Jagged indexing (Awkward's `x[idx]` with an integer array of lists): `indices` has one
    /// list of indices per list of `self` (the outer dimensions of both agree; a list of
    /// indices may be shorter or longer than its list, repeat and reorder); each index picks
    /// an element of its list (negative ones from the end), keeping what is below it whole.
    ///
    /// # Panics
    /// With the message of [`Array::try_index`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    /// assert_eq!(x.index(&array![[2i64, 0], [], [-1]]), array![[2.0, 3.0], [], [4.0]]);
    /// // The leading value of every list, by `argsort`:
    /// let leading = x.index(&x.argsort(1, true)).slice(awkdiff_core::s![.., ..1]);
    /// assert_eq!(leading, array![[3.0], [], [5.0]]);
    /// ```
    pub fn index(&self, indices: &Array<i64>) -> Array<T> {
        or_panic(self.try_index(indices))
    }

    /// The value at `index` (one index per dimension, outermost first, negative from the end
    /// of its list), or an error: a wrong number of indices (`Error::Invalid`) or an index
    /// past the end (`Error::Index`, naming the list).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.try_item(&[2, -1]).unwrap(), 5.0);
    /// assert_eq!(x.try_item(&[1, 0]).unwrap_err().to_string(),
    ///            "index 0 is out of range in list [1] (length 0)");
    /// assert_eq!(x.try_item(&[0]).unwrap_err().to_string(),
    ///            "invalid argument to `item`: it takes one index per dimension: 2 for an array \
    ///             of type 3 * var * float64, got 1 ([0])");
    /// ```
    pub fn try_item(&self, index: &[i64]) -> Result<T> {
        let leaf = leaf_at(self.structure(), &self.type_str(), index)?;
        Ok(self.content()[leaf])
    }

    /// The value at `index`, one index per dimension (Awkward's `x[2, 0]`, NumPy's
    /// `x.item(2, 0)`); differentiable.
    ///
    /// # Panics
    /// With the message of [`Array::try_item`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.item(&[0, 0]) * x.item(&[2, 1]), 5.0);
    /// assert_eq!(Array::from_vec(vec![1.0, 2.0, 3.0]).item(&[-1]), 3.0);
    /// ```
    pub fn item(&self, index: &[i64]) -> T {
        or_panic(self.try_item(index))
    }
}

/// Tangent of `y = x.index(indices)`: the same elements of the tangent. Generic over
/// [`Selectable`]: a record (`#[derive(Record)]`) is indexed field by field alike.
///
/// # Panics
/// When `dx` does not have `x`'s structure, or the indices do not apply to `x`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
/// let idx = array![[2i64, 0], [], [-1]];
/// let y = x.index(&idx);
/// let dx = array![[10.0, 20.0, 30.0], [], [40.0, 50.0]];
/// assert_eq!(rules::index_jvp(&x, &y, &idx, &dx), array![[30.0, 10.0], [], [50.0]]);
/// ```
pub fn index_jvp<X: Selectable>(x: &X, y: &X, indices: &Array<i64>, dx: &X) -> X {
    X::select_jvp(Selection::Index(indices), x, y, dx)
}

/// Cotangent of `x` for `y = x.index(indices)`: each output element's cotangent added to
/// the element it came from (repeated indices accumulate). Generic over [`Selectable`].
///
/// # Panics
/// When `ct` does not have `y`'s structure, or the indices do not apply to `x`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
/// let idx = array![[2i64, 2], [], [-1]];
/// let y = x.index(&idx);
/// assert_eq!(rules::index_vjp(&x, &y, &idx, &array![[1.0, 10.0], [], [5.0]]),
///            array![[0.0, 0.0, 11.0], [], [0.0, 5.0]]);
/// ```
pub fn index_vjp<X: Selectable>(x: &X, y: &X, indices: &Array<i64>, ct: &X) -> X {
    X::select_vjp(Selection::Index(indices), x, y, ct)
}

/// [`index_vjp`] added into `acc`, the cotangent of `x` so far (repeats accumulate).
///
/// ```
/// use awkdiff_core::{array, rules::index_vjp_into};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let idx = array![[2, 2], [], [1]];
/// let acc = x.full_like(1.0);
/// let ct = array![[5.0, 6.0], [], [7.0]];
/// assert_eq!(index_vjp_into(acc, &x, &x.index(&idx), &idx, &ct), array![[1.0, 1.0, 12.0], [], [1.0, 8.0]]);
/// ```
pub fn index_vjp_into<X: Selectable>(acc: X, x: &X, y: &X, indices: &Array<i64>, ct: &X) -> X {
    X::select_vjp_into(Selection::Index(indices), acc, x, y, ct)
}

/// The rule on float arrays ([`Selectable`]).
pub(crate) fn array_index_jvp<T: Float>(
    x: &Array<T>,
    indices: &Array<i64>,
    dx: &Array<T>,
) -> Array<T> {
    or_panic(dx.check_like(x, "tangent of `index`'s input"));
    Arc::new(gather(x, indices)).apply_lazy(dx)
}

/// The rule on float arrays ([`Selectable`]).
pub(crate) fn array_index_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    indices: &Array<i64>,
    ct: &Array<T>,
) -> Array<T> {
    or_panic(ct.check_like(y, "cotangent of `index`'s output"));
    gather(x, indices).scatter_add(x.structure(), ct)
}

/// The gather of `x.index(indices)` (for rules: the primal accepted it already).
fn gather<T: Element>(x: &Array<T>, indices: &Array<i64>) -> Gather {
    or_panic(index_gather(x.structure(), &x.type_str(), indices))
}

/// Tangent of `y = x.item(index)`: the tangent's value at `index`.
///
/// # Panics
/// When `dx` does not have `x`'s structure, or `index` does not apply to `x`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let dx = array![[10.0, 20.0, 30.0], [], [40.0, 50.0]];
/// assert_eq!(rules::item_jvp(&x, &x.item(&[2, 1]), &[2, 1], &dx), 50.0);
/// ```
pub fn item_jvp<T: Float>(x: &Array<T>, _y: &T, index: &[i64], dx: &Array<T>) -> T {
    or_panic(dx.check_like(x, "tangent of `item`'s input"));
    dx.content()[or_panic(leaf_at(x.structure(), &x.type_str(), index))]
}

/// Cotangent of `x` for `y = x.item(index)`: `ct` at `index`, zeros elsewhere (a one-hot
/// array of `x`'s structure).
///
/// # Panics
/// When `index` does not apply to `x`.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// assert_eq!(rules::item_vjp(&x, &x.item(&[0, 1]), &[0, 1], &7.0),
///            array![[0.0, 7.0, 0.0], [], [0.0, 0.0]]);
/// ```
pub fn item_vjp<T: Float>(x: &Array<T>, _y: &T, index: &[i64], ct: &T) -> Array<T> {
    let leaf = or_panic(leaf_at(x.structure(), &x.type_str(), index));
    let mut out = vec![T::zero(); x.structure().content_len()];
    out[leaf] = *ct;
    x.with_content(out)
}
