//! Sorting: `sort(axis, descending)` (differentiable) and `argsort(axis, descending)`.
//!
//! Order, as Awkward Array 2.14 gives it (`ak.sort`, `ak.argsort`, `stable=True`): NaN
//! first in both directions, then ascending or descending values; equal values (and NaN
//! among themselves) keep their order (stable); `-0.0` equals `0.0`.
//!
//! Axes, as the reducers group them (the `reduce_map` module states the rule): the
//! innermost axis sorts every innermost list; an outer or middle axis sorts, for every
//! slot of the reduction at that axis, the values that reduce into it, and writes them back
//! to the same leaves in content order (`ak.sort(x, axis=0)` of `[[3, 1], [], [2]]` is
//! `[[2, 1], [], [3]]`). `argsort` gives, for every leaf of the sorted array, the position
//! along the sorted axis of the value it holds: the local index within its list at the
//! innermost axis (what `x.index(&idx)` takes), the outer index at axis 0 of a 2-d array.
//! At axes above the two innermost, Awkward 2.14's `argsort` gives other numbers (for
//! `[[[1, 0.5], [3]], [], [[4], [2, 6, 7], [0]]]` at axis 0 it gives
//! `[[[0, 0], [1]], [], [[1], [0, 1, 1], [0]]]`, which do not index axis 0); awkdiff gives
//! `[[[0, 0], [2]], [], [[2], [0, 2, 2], [2]]]`, as `argmax` does there.
//!
//! The derivative of `sort` is the permutation (JAX's rule for `jnp.sort`; Awkward's JAX
//! backend raises instead): the JVP gathers the tangent by it, the VJP scatters the
//! cotangent back. The sorted array remembers its permutation (its values are a gather of
//! its input's, as a slice's are), so the rules of generated code do not sort again; like a
//! slice, it keeps its input's values alive while it lives.

use std::any::Any;
use std::sync::Arc;

use crate::buffer::Buffer;
use crate::element::Float;
use crate::error::Result;
use crate::kernels;
use crate::layout::Array;
use crate::ops::gather::Gather;
use crate::ops::reduce::or_panic;
use crate::ops::reduce_map::{resolve_axis, ReduceMap, Slots};
use crate::positions::{Picks, Positions, RunsRef};
use crate::value::Value;

/// A key whose integer order is Awkward's order of the values: NaN before every number in
/// both directions (key 0), then ascending or descending values, `-0.0` equal to `0.0`.
/// Sorting `(key, position)` pairs then gives the stable order in one integer comparison.
fn key<T: Float>(value: T, descending: bool) -> u64 {
    let v = value.as_f64();
    if v.is_nan() {
        return 0;
    }
    let bits = (if v == 0.0 { 0.0 } else { v }).to_bits();
    // Negative numbers: all bits flipped (larger magnitude, smaller key); others: the sign
    // bit set. -inf gets 0x000f..f, +inf 0xfff0..0: never 0 nor u64::MAX.
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    if descending {
        !ascending
    } else {
        ascending
    }
}

/// For every leaf of the sorted array, the leaf of `x` whose value it holds; and, when
/// `positions` is asked for, that value's position along the sorted axis (`argsort`).
struct Permutation {
    source: Vec<usize>,
    position: Vec<i64>,
}

/// The permutation that sorts `x` along `axis`.
fn permutation<T: Float>(
    x: &Array<T>,
    axis: isize,
    descending: bool,
    positions: bool,
) -> Result<Permutation> {
    let map = ReduceMap::new(x, axis, true)?;
    let values = x.content();
    match &map.slots {
        Slots::Lists(offsets) => {
            let mut pairs: Vec<(u64, usize)> = vec![(0, 0); values.len()];
            kernels::fill_lists(
                offsets,
                &mut pairs,
                &|_, range, list: &mut [(u64, usize)]| {
                    for (pair, i) in list.iter_mut().zip(range) {
                        *pair = (key(values[i], descending), i);
                    }
                    list.sort_unstable();
                },
            );
            let source: Vec<usize> = pairs.iter().map(|&(_, i)| i).collect();
            let position = if positions {
                let mut position = vec![0i64; values.len()];
                kernels::fill_lists(offsets, &mut position, &|_, range, list: &mut [i64]| {
                    for (p, &s) in list.iter_mut().zip(&source[range.clone()]) {
                        *p = (s - range.start) as i64;
                    }
                });
                position
            } else {
                Vec::new()
            };
            Ok(Permutation { source, position })
        }
        Slots::Scattered { slot, position } => {
            // The leaves of each slot, in content order (a counting sort by slot), then the
            // same groups sorted by value: the k-th leaf of a slot takes the k-th value.
            let mut start = vec![0usize; map.n_slots() + 1];
            for &s in slot {
                start[s + 1] += 1;
            }
            for s in 0..map.n_slots() {
                start[s + 1] += start[s];
            }
            let mut pairs: Vec<(u64, usize)> = vec![(0, 0); values.len()];
            let mut cursor = start.clone();
            for (i, &s) in slot.iter().enumerate() {
                pairs[cursor[s]] = (key(values[i], descending), i);
                cursor[s] += 1;
            }
            let mut source = vec![0usize; values.len()];
            let mut along = if positions {
                vec![0i64; values.len()]
            } else {
                Vec::new()
            };
            // Position k of a group is, before sorting, its k-th leaf in content order.
            let members: Vec<usize> = pairs.iter().map(|&(_, i)| i).collect();
            for w in start.windows(2) {
                pairs[w[0]..w[1]].sort_unstable();
            }
            for (&leaf, &(_, from)) in members.iter().zip(&pairs) {
                source[leaf] = from;
                if positions {
                    along[leaf] = position[from];
                }
            }
            Ok(Permutation {
                source,
                position: along,
            })
        }
        Slots::Positions { .. } => unreachable!("maps built with positions are never `Positions`"),
    }
}

/// What a sorted array's lazy buffer holds: the permutation as a gather, and what it sorted
/// (the input's buffer, by address, kept alive by the sorted array itself), so that the
/// rules can take it back instead of sorting again.
#[derive(Debug)]
struct SortPicks {
    source: usize,
    axis: usize,
    descending: bool,
    gather: Gather,
}

impl Picks for SortPicks {
    fn positions(&self) -> &Positions {
        &self.gather.index
    }

    fn count(&self) -> usize {
        self.gather.structure.content_len()
    }

    fn runs_in_place(&self) -> Option<RunsRef<'_>> {
        None
    }

    fn into_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync> {
        self
    }
}

/// The address of an array's content buffer (what identifies its values: buffers are
/// immutable).
fn address<T>(x: &Array<T>) -> usize
where
    T: crate::element::Element,
{
    Arc::as_ptr(x.buffer()) as *const () as usize
}

/// The permutation behind `y`, if `y` is the sort of `x` along `axis` in that direction.
fn remembered<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: usize,
    descending: bool,
) -> Option<Arc<SortPicks>> {
    let picks = y.buffer().picks()?.clone();
    let picks = Arc::downcast::<SortPicks>(picks.into_any()).ok()?;
    (picks.source == address(x)
        && picks.axis == axis
        && picks.descending == descending
        && picks.gather.structure.same_as(x.structure()))
    .then_some(picks)
}

/// The permutation that sorted `x` into `y`: remembered by `y`, or computed again.
fn gather_of<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    descending: bool,
) -> Arc<SortPicks> {
    let k = or_panic(resolve_axis(x, axis));
    if let Some(picks) = remembered(x, y, k, descending) {
        return picks;
    }
    let permutation = or_panic(permutation(x, axis, descending, false));
    Arc::new(SortPicks {
        source: address(x),
        axis: k,
        descending,
        gather: Gather {
            structure: x.structure().clone(),
            index: Positions::Items(permutation.source),
        },
    })
}

impl<T: Float> Array<T> {
    /// The values sorted along `axis` (see the module docs for the order and the axes), or
    /// `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    /// assert_eq!(x.try_sort(1, true).unwrap(), array![[3.0, 2.0, 1.0], [], [5.0, 4.0]]);
    /// assert_eq!(
    ///     x.try_sort(2, false).unwrap_err().to_string(),
    ///     "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)"
    /// );
    /// ```
    pub fn try_sort(&self, axis: isize, descending: bool) -> Result<Array<T>> {
        let k = resolve_axis(self, axis)?;
        let permutation = permutation(self, axis, descending, false)?;
        let picks = Arc::new(SortPicks {
            source: address(self),
            axis: k,
            descending,
            gather: Gather {
                structure: self.structure().clone(),
                index: Positions::Items(permutation.source),
            },
        });
        let buffer = Buffer::sliced(self.buffer().clone(), picks, true);
        Ok(Array::from_buffer_unchecked(
            self.structure().clone(),
            buffer,
        ))
    }

    /// The values sorted along `axis`, ascending or `descending` (Awkward's
    /// `ak.sort(x, axis, ascending=not descending)`): stable, NaN first.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_sort`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[3.0, f64::NAN, 1.0], [], [5.0, 4.0]];
    /// assert_eq!(x.sort(-1, false).to_string(), "[[nan, 1, 3], [], [4, 5]]");
    /// assert_eq!(array![[3.0, 1.0], [], [2.0]].sort(0, false), array![[2.0, 1.0], [], [3.0]]);
    /// ```
    pub fn sort(&self, axis: isize, descending: bool) -> Array<T> {
        or_panic(self.try_sort(axis, descending))
    }

    /// The positions that sort `self` along `axis` (see the module docs), or `Error::Axis`
    /// when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    /// assert_eq!(x.try_argsort(-1, false).unwrap(), array![[1i64, 2, 0], [], [1, 0]]);
    /// assert!(x.try_argsort(-3, false).is_err());
    /// ```
    pub fn try_argsort(&self, axis: isize, descending: bool) -> Result<Array<i64>> {
        let permutation = permutation(self, axis, descending, true)?;
        Ok(self.with_content(permutation.position))
    }

    /// The positions that sort `self` along `axis` (Awkward's `ak.argsort`, stable, NaN
    /// first): at the innermost axis, the local index within each list of the value that
    /// goes there, so that `x.index(&x.argsort(-1, false)) == x.sort(-1, false)`.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_argsort`]'s error.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    /// let order = x.argsort(1, true);
    /// assert_eq!(order, array![[0i64, 2, 1], [], [0, 1]]);
    /// assert_eq!(x.index(&order), x.sort(1, true));
    /// ```
    pub fn argsort(&self, axis: isize, descending: bool) -> Array<i64> {
        or_panic(self.try_argsort(axis, descending))
    }
}

/// Tangent of `y = x.sort(axis, descending)`: the tangent permuted as the values were.
///
/// # Panics
/// When `dx` does not have `x`'s structure, or `axis` is out of range.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
/// let y = x.sort(1, false);
/// let dx = array![[30.0, 10.0, 20.0], [], [50.0, 40.0]];
/// assert_eq!(rules::sort_jvp(&x, &y, 1, false, &dx), array![[10.0, 20.0, 30.0], [], [40.0, 50.0]]);
/// ```
pub fn sort_jvp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    descending: bool,
    dx: &Array<T>,
) -> Array<T> {
    or_panic(dx.check_like(x, "tangent of `sort`'s input"));
    gather_of(x, y, axis, descending).gather.apply(dx)
}

/// Cotangent of `x` for `y = x.sort(axis, descending)`: every leaf's cotangent goes back to
/// the leaf its value came from.
///
/// # Panics
/// When `ct` does not have `y`'s structure, or `axis` is out of range.
///
/// ```
/// use awkdiff_core::{array, rules};
/// let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
/// let y = x.sort(1, false);
/// let ct = array![[10.0, 20.0, 30.0], [], [40.0, 50.0]];
/// assert_eq!(rules::sort_vjp(&x, &y, 1, false, &ct), array![[30.0, 10.0, 20.0], [], [50.0, 40.0]]);
/// ```
pub fn sort_vjp<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    axis: isize,
    descending: bool,
    ct: &Array<T>,
) -> Array<T> {
    or_panic(ct.check_like(y, "cotangent of `sort`'s output"));
    gather_of(x, y, axis, descending)
        .gather
        .scatter_add(x.structure(), ct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array;

    #[test]
    fn keys_order_as_awkward() {
        let ascending = [
            f64::NAN,
            f64::NEG_INFINITY,
            -1.5,
            -1e-300,
            0.0,
            1e-300,
            2.0,
            f64::INFINITY,
        ];
        for pair in ascending.windows(2) {
            assert!(key(pair[0], false) < key(pair[1], false), "{pair:?}");
        }
        let descending = [f64::NAN, f64::INFINITY, 2.0, 0.0, -1.5, f64::NEG_INFINITY];
        for pair in descending.windows(2) {
            assert!(key(pair[0], true) < key(pair[1], true), "{pair:?}");
        }
        assert_eq!(key(-0.0, false), key(0.0, false));
        assert_eq!(key(-0.0f32, true), key(0.0f32, true));
        assert_eq!(key(-f64::NAN, true), 0);
        assert_eq!(key(1.5f32, false), key(1.5f64, false));
    }

    #[test]
    fn the_rules_reuse_the_permutation_of_the_sorted_array() {
        let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
        let y = x.sort(1, false);
        assert!(remembered(&x, &y, 1, false).is_some());
        // Another array of the same structure, another direction, another axis: sorted again.
        let other = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
        assert!(remembered(&other, &y, 1, false).is_none());
        assert!(remembered(&x, &y, 1, true).is_none());
        assert!(remembered(&x, &y, 0, false).is_none());
        // A sorted array that did not come from `sort` (same values): computed again, the
        // same rule.
        let copy = y.map(|v| v);
        let ct = array![[10.0, 20.0, 30.0], [], [40.0, 50.0]];
        assert_eq!(
            sort_vjp(&x, &copy, 1, false, &ct),
            sort_vjp(&x, &y, 1, false, &ct)
        );
    }
}
