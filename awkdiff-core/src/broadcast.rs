//! How two operands of an elementwise operation line up, following Awkward's broadcasting
//! rules as API.md fixes them:
//! 1. a scalar goes everywhere;
//! 2. two arrays of the same depth must agree list by list (the same structure);
//! 3. an array of lower depth broadcasts from the left: its element `i` applies to every
//!    leaf under entry `i` of the other array at the matching level, so its structure must
//!    equal the deeper array's outer levels.
//!
//! Anything else is [`Error::Broadcast`]. Awkward itself also stretches a dimension of
//! length 1 when it is regular (`[1, 2] + [10]` gives `[11, 12]` there); awkdiff does not, so
//! that a length mistake is never silently broadcast. Like Awkward, it never stretches a
//! `var` list of length 1 (`[[1, 2], [3, 4]] + [[10], [20]]` fails in both).
//!
//! The kernels are single passes over the flat content: operands of one structure zip their
//! content slices; a lower-depth operand walks its entries and repeats each over the leaf range
//! that [`Structure::content_range`] gives. Derivative rules undo a broadcast with
//! [`Broadcast::unbroadcast_lhs`] / [`Broadcast::unbroadcast_rhs`]: a scalar operand gets the
//! total of the cotangent, a lower-depth operand the sum over each of its entries' leaves.

use std::borrow::Cow;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::kernels;
use crate::layout::{Array, Structure};
use crate::lazy_map;
use crate::value::Value;

/// Two operands that broadcast against each other: `Array<T>` or a scalar `T` on either side.
/// Every binary derivative rule is generic over it, so one rule serves all four combinations.
///
/// ```
/// use awkdiff_core::{array, Array, Broadcast};
/// let x = Array::from_vec(vec![10.0, 20.0, 30.0]);
/// let y = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let sum = x.try_zip(&y, "add", |a, b| a + b).unwrap();
/// assert_eq!(sum, array![[11.0, 12.0, 13.0], [], [34.0, 35.0]]);
/// // A cotangent of the result reduces back to each operand's structure.
/// assert_eq!(<Array<f64> as Broadcast<Array<f64>>>::unbroadcast_lhs(&sum, &x), Array::from_vec(vec![36.0, 0.0, 69.0]));
/// assert_eq!(<f64 as Broadcast<Array<f64>>>::unbroadcast_lhs(&y, &2.0), 15.0);
/// ```
pub trait Broadcast<Rhs>: Value {
    /// The type of the broadcast result: an array unless both operands are scalars.
    ///
    /// ```
    /// use awkdiff_core::{Array, Broadcast};
    /// // A scalar with an array gives an array; two scalars give a scalar.
    /// let out: <f64 as Broadcast<Array<f64>>>::Output = Array::from_vec(vec![1.0]);
    /// let both: <f64 as Broadcast<f64>>::Output = 1.0f64;
    /// # let _ = (out, both);
    /// ```
    type Output: Value<Elem = Self::Elem>;

    /// Applies `f` to every pair of broadcast leaves; `Error::Broadcast` (naming `op` and
    /// both types) when the structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Broadcast};
    /// let x = array![[1.0, 2.0], [3.0]];
    /// assert_eq!(x.try_zip(&10.0, "add", |a, b| a + b).unwrap(), array![[11.0, 12.0], [13.0]]);
    /// let err = x.try_zip(&Array::from_vec(vec![1.0, 2.0, 3.0]), "add", |a, b| a + b).unwrap_err();
    /// assert!(err.to_string().contains("add"));
    /// ```
    fn try_zip(
        &self,
        rhs: &Rhs,
        op: &str,
        f: impl Fn(Self::Elem, Self::Elem) -> Self::Elem + Sync,
    ) -> Result<Self::Output>;

    /// Applies `f(out, lhs)` to every leaf of `out` (a value of the broadcast structure of
    /// `lhs` and some right operand) and the leaf of `lhs` broadcast to it.
    ///
    /// # Panics
    /// If `lhs` does not broadcast to `out`'s structure.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Broadcast};
    /// let out = array![[1.0, 2.0], [3.0]];
    /// let lhs = Array::from_vec(vec![10.0, 20.0]);
    /// let scaled = <Array<f64> as Broadcast<Array<f64>>>::zip_lhs(&out, &lhs, |o, l| o * l);
    /// assert_eq!(scaled, array![[10.0, 20.0], [60.0]]);
    /// ```
    fn zip_lhs(
        out: &Self::Output,
        lhs: &Self,
        f: impl Fn(Self::Elem, Self::Elem) -> Self::Elem + Sync,
    ) -> Self::Output;

    /// Applies `f(out, rhs)` to every leaf of `out` and the leaf of `rhs` broadcast to it.
    ///
    /// # Panics
    /// If `rhs` does not broadcast to `out`'s structure.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Broadcast};
    /// let out = array![[1.0, 2.0], [3.0]];
    /// let scaled = <Array<f64> as Broadcast<f64>>::zip_rhs(&out, &0.5, |o, r| o * r);
    /// assert_eq!(scaled, array![[0.5, 1.0], [1.5]]);
    /// ```
    fn zip_rhs(
        out: &Self::Output,
        rhs: &Rhs,
        f: impl Fn(Self::Elem, Self::Elem) -> Self::Elem + Sync,
    ) -> Self::Output;

    /// `lhs` broadcast to the structure of `out` (a broadcast result of `lhs` and some right
    /// operand): the tangent contribution of `a` to `a + b`. O(1) when `lhs` already has
    /// `out`'s structure (the buffers are shared).
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Broadcast};
    /// let out = array![[1.0, 2.0], [3.0]];
    /// let lhs = Array::from_vec(vec![5.0, 7.0]);
    /// assert_eq!(<Array<f64> as Broadcast<Array<f64>>>::broadcast_lhs(&out, &lhs), array![[5.0, 5.0], [7.0]]);
    /// ```
    fn broadcast_lhs(out: &Self::Output, lhs: &Self) -> Self::Output {
        Self::zip_lhs(out, lhs, |_, l| l)
    }

    /// `rhs` broadcast to the structure of `out`; O(1) when it already has that structure.
    ///
    /// ```
    /// use awkdiff_core::{array, Broadcast};
    /// let out = array![[1.0, 2.0], [3.0]];
    /// assert_eq!(<Array<f64> as Broadcast<f64>>::broadcast_rhs(&out, &2.0), array![[2.0, 2.0], [2.0]]);
    /// # use awkdiff_core::Array;
    /// ```
    fn broadcast_rhs(out: &Self::Output, rhs: &Rhs) -> Self::Output {
        Self::zip_rhs(out, rhs, |_, r| r)
    }

    /// Reduces a cotangent of the broadcast result back to the structure of the left operand
    /// `like`: the total for a scalar, per-entry sums for a lower-depth array.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Broadcast};
    /// let ct = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(<f64 as Broadcast<Array<f64>>>::unbroadcast_lhs(&ct, &0.0), 6.0);
    /// let like = Array::from_vec(vec![0.0, 0.0, 0.0]);
    /// assert_eq!(<Array<f64> as Broadcast<Array<f64>>>::unbroadcast_lhs(&ct, &like), Array::from_vec(vec![3.0, 0.0, 3.0]));
    /// ```
    fn unbroadcast_lhs(ct: &Self::Output, like: &Self) -> Self;

    /// Reduces a cotangent of the broadcast result back to the structure of the right operand.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Broadcast};
    /// let ct = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(<Array<f64> as Broadcast<f64>>::unbroadcast_rhs(&ct, &0.0), 6.0);
    /// ```
    fn unbroadcast_rhs(ct: &Self::Output, like: &Rhs) -> Rhs;

    /// [`Broadcast::try_zip`] that panics with the error's message.
    ///
    /// ```
    /// use awkdiff_core::{array, Broadcast};
    /// assert_eq!(2.0f64.zip(&array![[1.0], []], "mul", |a, b| a * b), array![[2.0], []]);
    /// ```
    fn zip(
        &self,
        rhs: &Rhs,
        op: &str,
        f: impl Fn(Self::Elem, Self::Elem) -> Self::Elem + Sync,
    ) -> Self::Output {
        self.try_zip(rhs, op, f)
            .unwrap_or_else(|error| panic!("{error}"))
    }
}

/// How the leaves of two array operands line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alignment {
    /// Same structure: leaf `i` meets leaf `i`.
    Same,
    /// The left operand has the lower depth `d`: its leaf `i` meets every leaf under entry
    /// `i` at level `d` of the right operand.
    LhsOuter(usize),
    /// The right operand has the lower depth `d`.
    RhsOuter(usize),
}

/// The outer `depth` levels of `s` as a structure of depth `depth` (O(depth): buffers shared).
fn outer_levels(s: &Structure, depth: usize) -> Structure {
    Structure::from_levels_unchecked(s.levels()[..depth].to_vec(), s.level_len(depth))
}

/// Decides how `lhs` and `rhs` line up, or says where they disagree.
fn align(lhs: &Structure, rhs: &Structure) -> std::result::Result<Alignment, String> {
    const LOWER: &str = "(an array of lower depth must match the outer dimensions of the other)";
    let (dl, dr) = (lhs.depth(), rhs.depth());
    if dl == dr {
        if lhs.same_as(rhs) {
            return Ok(Alignment::Same);
        }
        return Err(lhs.first_difference(rhs));
    }
    if dl < dr {
        let outer = outer_levels(rhs, dl);
        if lhs.same_as(&outer) {
            return Ok(Alignment::LhsOuter(dl));
        }
        return Err(format!("{} {LOWER}", lhs.first_difference(&outer)));
    }
    let outer = outer_levels(lhs, dr);
    if outer.same_as(rhs) {
        return Ok(Alignment::RhsOuter(dr));
    }
    Err(format!("{} {LOWER}", outer.first_difference(rhs)))
}

/// For every entry at level `depth` of `s`, where its leaves start, plus the end: the offsets
/// buffer of that level composed with those below it (borrowed for the innermost level).
fn leaf_offsets(s: &Structure, depth: usize) -> Cow<'_, [i64]> {
    let mut offsets = Cow::Borrowed(s.offsets(depth));
    for below in &s.levels()[depth + 1..] {
        offsets = Cow::Owned(offsets.iter().map(|&o| below[o as usize]).collect());
    }
    offsets
}

/// `f(outer[i], deep[j])` for every leaf `j` of `deep` under entry `i` at level `depth` of
/// `deep_structure`, in `deep`'s order: one pass, the inner loop over a contiguous slice.
fn repeat_zip<T: Element, U: Element>(
    outer: &[T],
    deep: &[T],
    deep_structure: &Structure,
    depth: usize,
    f: impl Fn(T, T) -> U + Sync,
) -> Vec<U> {
    kernels::repeat_zip(&leaf_offsets(deep_structure, depth), outer, deep, f)
}

/// `f(a, b)` over the broadcast leaves of two arrays; the result shares the structure of the
/// deeper one. This is the kernel of every array-array elementwise operation, comparisons
/// (`U = bool`) included.
pub(crate) fn zip_arrays<T: Element, U: Element>(
    op: &str,
    a: &Array<T>,
    b: &Array<T>,
    f: impl Fn(T, T) -> U + Sync,
) -> Result<Array<U>> {
    let alignment = align(a.structure(), b.structure()).map_err(|reason| Error::Broadcast {
        op: op.to_string(),
        lhs: a.type_str(),
        rhs: b.type_str(),
        reason,
    })?;
    Ok(match alignment {
        Alignment::Same => a.with_content(lazy_map::zip_values(a, b, f)),
        Alignment::LhsOuter(d) => {
            b.with_content(repeat_zip(a.content(), b.content(), b.structure(), d, f))
        }
        Alignment::RhsOuter(d) => zip_with_outer_rhs(a, b, d, f),
    })
}

/// [`zip_arrays`] for an owned left operand: when `a` and `b` have the same structure and no
/// other array shares `a`'s content, the result is written over it (no new buffer), as for
/// the temporary `x * y` in `x * y + z`.
pub(crate) fn zip_arrays_owned<T: Element>(
    op: &str,
    mut a: Array<T>,
    b: &Array<T>,
    f: impl Fn(T, T) -> T + Sync,
) -> Result<Array<T>> {
    if a.structure().same_as(b.structure()) {
        if let Some(content) = a.content_mut() {
            kernels::zip_in_place(content, b.content(), f);
            return Ok(a);
        }
    }
    zip_arrays(op, &a, b, f)
}

/// `f(a, b)` where `b` has the lower depth `depth`; the result shares `a`'s structure.
fn zip_with_outer_rhs<T: Element, U: Element>(
    a: &Array<T>,
    b: &Array<T>,
    depth: usize,
    f: impl Fn(T, T) -> U + Sync,
) -> Array<U> {
    a.with_content(repeat_zip(
        b.content(),
        a.content(),
        a.structure(),
        depth,
        |y, x| f(x, y),
    ))
}

/// `f(out, x)` over the leaves of `out` and the leaves of `x` broadcast to them (`x` has
/// `out`'s structure or its outer levels).
fn zip_onto<T: Float>(out: &Array<T>, x: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
    match align(out.structure(), x.structure()) {
        Ok(Alignment::Same) => out.with_content(kernels::zip(out.content(), x.content(), f)),
        Ok(Alignment::RhsOuter(d)) => zip_with_outer_rhs(out, x, d, f),
        Ok(Alignment::LhsOuter(_)) | Err(_) => panic!(
            "{}",
            structure_error(
                "an operand of a broadcast result",
                format!("{} or an array that broadcasts to it", out.type_str()),
                x,
            )
        ),
    }
}

/// `x` broadcast to `out`'s structure: `x` itself (shared, O(1)) when it has that structure.
pub(crate) fn broadcast_onto<T: Float>(out: &Array<T>, x: &Array<T>) -> Array<T> {
    if out.structure().same_as(x.structure()) {
        return x.clone();
    }
    zip_onto(out, x, |_, v| v)
}

/// `x`, of any element type, broadcast onto the structure `out`: `x` itself (buffers
/// shared) when it has that structure, its entries repeated over the leaves under each when
/// it has `out`'s outer levels (one pass); else where they disagree (`x` deeper than `out`,
/// or other lists). For operations of more than two operands (`where_`).
pub(crate) fn broadcast_to<U: Element>(
    out: &Structure,
    x: &Array<U>,
) -> std::result::Result<Array<U>, String> {
    match align(out, x.structure())? {
        Alignment::Same => Ok(x.clone()),
        Alignment::RhsOuter(d) => {
            let offsets = leaf_offsets(out, d);
            let values = x.content();
            let mut leaves = crate::pool::take_filled(out.content_len());
            kernels::fill_lists(&offsets, &mut leaves, &|i, _, list: &mut [U]| {
                list.fill(values[i])
            });
            Ok(Array::from_parts_unchecked(out.clone(), leaves))
        }
        Alignment::LhsOuter(_) => Err(format!(
            "depth {} against {} (an operand may not be deeper than the result)",
            x.structure().depth(),
            out.depth()
        )),
    }
}

/// Sums the leaves of `ct` (a broadcast result) back into the structure of `like`, which
/// has `ct`'s structure or its outer levels.
pub(crate) fn sum_onto<T: Float>(ct: &Array<T>, like: &Array<T>) -> Array<T> {
    match align(ct.structure(), like.structure()) {
        Ok(Alignment::Same) => ct.clone(),
        Ok(Alignment::RhsOuter(d)) => {
            let offsets = leaf_offsets(ct.structure(), d);
            let sums = kernels::fold_lists(&offsets, ct.content(), T::zero(), |acc, v| acc + v);
            like.with_content(sums)
        }
        Ok(Alignment::LhsOuter(_)) | Err(_) => panic!(
            "{}",
            structure_error(
                "the cotangent of a broadcast result",
                format!("{} or an array it broadcasts to", like.type_str()),
                ct,
            )
        ),
    }
}

fn structure_error<T: Float>(context: &str, expected: String, found: &Array<T>) -> Error {
    Error::Structure {
        context: context.to_string(),
        expected,
        found: found.type_str(),
        detail: String::new(),
    }
}

fn sum_all<T: Float>(x: &Array<T>) -> T {
    x.content().iter().fold(T::zero(), |acc, &v| acc + v)
}

impl<T: Float> Broadcast<Array<T>> for Array<T> {
    type Output = Array<T>;
    fn try_zip(&self, rhs: &Array<T>, op: &str, f: impl Fn(T, T) -> T + Sync) -> Result<Array<T>> {
        zip_arrays(op, self, rhs, f)
    }
    fn zip_lhs(out: &Array<T>, lhs: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
        zip_onto(out, lhs, f)
    }
    fn zip_rhs(out: &Array<T>, rhs: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
        zip_onto(out, rhs, f)
    }
    fn broadcast_lhs(out: &Array<T>, lhs: &Array<T>) -> Array<T> {
        broadcast_onto(out, lhs)
    }
    fn broadcast_rhs(out: &Array<T>, rhs: &Array<T>) -> Array<T> {
        broadcast_onto(out, rhs)
    }
    fn unbroadcast_lhs(ct: &Array<T>, like: &Array<T>) -> Array<T> {
        sum_onto(ct, like)
    }
    fn unbroadcast_rhs(ct: &Array<T>, like: &Array<T>) -> Array<T> {
        sum_onto(ct, like)
    }
}

impl<T: Float> Broadcast<T> for Array<T> {
    type Output = Array<T>;
    fn try_zip(&self, rhs: &T, _op: &str, f: impl Fn(T, T) -> T + Sync) -> Result<Array<T>> {
        let rhs = *rhs;
        Ok(self.with_content(lazy_map::map_values(self, |a| f(a, rhs))))
    }
    fn zip_lhs(out: &Array<T>, lhs: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
        zip_onto(out, lhs, f)
    }
    fn zip_rhs(out: &Array<T>, rhs: &T, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
        let rhs = *rhs;
        out.with_content(kernels::map(out.content(), |o| f(o, rhs)))
    }
    fn unbroadcast_lhs(ct: &Array<T>, like: &Array<T>) -> Array<T> {
        sum_onto(ct, like)
    }
    fn unbroadcast_rhs(ct: &Array<T>, _like: &T) -> T {
        sum_all(ct)
    }
}

impl<T: Float> Broadcast<Array<T>> for T {
    type Output = Array<T>;
    fn try_zip(&self, rhs: &Array<T>, _op: &str, f: impl Fn(T, T) -> T + Sync) -> Result<Array<T>> {
        let lhs = *self;
        Ok(rhs.with_content(lazy_map::map_values(rhs, |b| f(lhs, b))))
    }
    fn zip_lhs(out: &Array<T>, lhs: &T, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
        let lhs = *lhs;
        out.with_content(kernels::map(out.content(), |o| f(o, lhs)))
    }
    fn zip_rhs(out: &Array<T>, rhs: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Array<T> {
        zip_onto(out, rhs, f)
    }
    fn unbroadcast_lhs(ct: &Array<T>, _like: &T) -> T {
        sum_all(ct)
    }
    fn unbroadcast_rhs(ct: &Array<T>, like: &Array<T>) -> Array<T> {
        sum_onto(ct, like)
    }
}

impl<T: Float> Broadcast<T> for T {
    type Output = T;
    fn try_zip(&self, rhs: &T, _op: &str, f: impl Fn(T, T) -> T + Sync) -> Result<T> {
        Ok(f(*self, *rhs))
    }
    fn zip_lhs(out: &T, lhs: &T, f: impl Fn(T, T) -> T + Sync) -> T {
        f(*out, *lhs)
    }
    fn zip_rhs(out: &T, rhs: &T, f: impl Fn(T, T) -> T + Sync) -> T {
        f(*out, *rhs)
    }
    fn unbroadcast_lhs(ct: &T, _like: &T) -> T {
        *ct
    }
    fn unbroadcast_rhs(ct: &T, _like: &T) -> T {
        *ct
    }
}

/// The right operand of an elementwise method on `Array<T>`: another array (`&Array<T>`,
/// broadcast by Awkward's rules) or a scalar `T`. It lets `x.gt(0.5)` and `x.gt(&y)`, or
/// `x.try_add(2.0)` and `x.try_add(&y)`, be one method.
///
/// ```
/// use awkdiff_core::{array, Array, Operand};
/// fn count_above(x: &Array<f64>, limit: impl Operand<f64>) -> usize {
///     x.gt(limit).content().iter().filter(|&&b| b).count()
/// }
/// let x = array![[1.0, 2.0], [3.0]];
/// assert_eq!(count_above(&x, 1.5), 2);
/// assert_eq!(count_above(&x, &Array::from_vec(vec![0.0, 5.0])), 2);
/// ```
pub trait Operand<T: Float>: Copy {
    /// `f(lhs leaf, operand leaf)` over the broadcast leaves; `Error::Broadcast` naming `op`
    /// when the structures are incompatible.
    ///
    /// ```
    /// use awkdiff_core::{array, Operand};
    /// let x = array![[1.0, 2.0], [3.0]];
    /// assert_eq!(2.0f64.zip_with(&x, "gt", |a, b| a > b).unwrap(), array![[false, false], [true]]);
    /// ```
    fn zip_with<U: Element>(
        self,
        lhs: &Array<T>,
        op: &str,
        f: impl Fn(T, T) -> U + Sync,
    ) -> Result<Array<U>>;
}

impl<T: Float> Operand<T> for T {
    fn zip_with<U: Element>(
        self,
        lhs: &Array<T>,
        _op: &str,
        f: impl Fn(T, T) -> U + Sync,
    ) -> Result<Array<U>> {
        Ok(lhs.with_content(kernels::map(lhs.content(), |a| f(a, self))))
    }
}

impl<T: Float> Operand<T> for &Array<T> {
    fn zip_with<U: Element>(
        self,
        lhs: &Array<T>,
        op: &str,
        f: impl Fn(T, T) -> U + Sync,
    ) -> Result<Array<U>> {
        zip_arrays(op, lhs, self, f)
    }
}
