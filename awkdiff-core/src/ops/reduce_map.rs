//! The one machinery behind every reducer: for an axis, the structure of the output and, for
//! every leaf, the output slot it is reduced into. Reducers and their rules are then single
//! passes over the content guided by this map.
//!
//! Reducing axis `k` of an array with `d` `var` dimensions (levels `L0` outermost to `Ld`,
//! the leaves), as `ak.sum(x, axis=k)` does:
//! - the levels above `k - 1` are kept (their offsets buffers are shared);
//! - the children (at level `k`) of each parent (at level `k - 1`, or one virtual root for
//!   `k = 0`) are merged *by position*: item `q` of every child goes to the parent's output
//!   list at position `q`, so the output list is as long as the longest child; below, lists
//!   that land in the same output node merge by position again, level by level, down to the
//!   leaves. The output node of an item is `offsets_out[node of its list] + position`.
//! - for `k = d` (the innermost axis), every parent list reduces to one value: the slots are
//!   the parents' own leaf ranges, and no per-leaf map is built (the fast path).
//!
//! Building the map is O(number of items at every level): one pass per level, with one
//! node-to-output-node vector for the current level only.

use std::borrow::Cow;
use std::sync::Arc;

use crate::element::Element;
use crate::error::{Error, Result};
use crate::kernels;
use crate::layout::{Array, Structure};
use crate::pool;
use crate::positions::{Run, RunsRef};

/// Resolves `axis` (negative counts from the innermost, -1) for an array with `ndim`
/// dimensions, or `Error::Axis` naming the axis and the array's type.
pub(crate) fn resolve_axis<T: Element>(x: &Array<T>, axis: isize) -> Result<usize> {
    let ndim = x.ndim() as isize;
    let k = if axis < 0 { ndim + axis } else { axis };
    if (0..ndim).contains(&k) {
        Ok(k as usize)
    } else {
        Err(Error::Axis {
            axis,
            type_str: x.type_str(),
            ndim: x.ndim(),
        })
    }
}

/// Where the leaves go.
pub(crate) enum Slots {
    /// Innermost axis: the leaves `offsets[s]..offsets[s + 1]` form slot `s`.
    Lists(Arc<[i64]>),
    /// Outer and middle axes: the slot of every leaf, in content order.
    Scattered {
        /// Output slot of each leaf.
        slot: Vec<usize>,
        /// Position along the reduced axis of each leaf (only when asked for).
        position: Vec<i64>,
    },
    /// The axis just above the innermost: leaf `q` of the innermost list `c` (the leaves
    /// `offsets[c]..offsets[c + 1]`) goes to slot `base[c] + q`. One entry per list instead
    /// of one per leaf, and the inner loops run over contiguous slices.
    Positions {
        /// The innermost offsets buffer.
        offsets: Arc<[i64]>,
        /// The slot of position 0 of every innermost list; `None` when it is 0 for all
        /// (axis 0 of a depth-1 array: one output list).
        base: Option<Vec<usize>>,
    },
}

/// The output structure of a reduction and the slot of every leaf.
pub(crate) struct ReduceMap {
    /// Structure of the reduced array (its content has one value per slot).
    pub(crate) out: Structure,
    /// Which leaves reduce into which slot.
    pub(crate) slots: Slots,
}

impl ReduceMap {
    /// The map for reducing `x` at `axis`; `positions` also records, for outer and middle
    /// axes, the position of every leaf along the reduced axis (for `argmax`/`argmin`).
    pub(crate) fn new<T: Element>(x: &Array<T>, axis: isize, positions: bool) -> Result<Self> {
        let k = resolve_axis(x, axis)?;
        let s = x.structure();
        let d = s.depth();
        if k == d {
            return Ok(Self::innermost(s));
        }
        Ok(Self::merged(s, k, positions))
    }

    /// Like [`ReduceMap::new`] for an axis that the primal already accepted: panics with
    /// the error's message otherwise (rules are only called after their primal).
    pub(crate) fn for_rule<T: Element>(x: &Array<T>, axis: isize) -> Self {
        Self::new(x, axis, false).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The map reducing all `len` leaves into one slot (Awkward's `axis=None`), so that the
    /// `*_all` reducers reuse the per-slot kernels of the axis reducers.
    pub(crate) fn whole(len: usize) -> Self {
        ReduceMap {
            out: Structure::flat(1),
            slots: Slots::Lists(Arc::from(vec![0, len as i64])),
        }
    }

    /// Innermost axis: each list of the last `var` dimension (or, for a flat array, the
    /// whole array) becomes one value.
    fn innermost(s: &Structure) -> Self {
        let d = s.depth();
        if d == 0 {
            let offsets: Arc<[i64]> = Arc::from(vec![0, s.content_len() as i64]);
            return ReduceMap {
                out: Structure::flat(1),
                slots: Slots::Lists(offsets),
            };
        }
        let levels = s.levels()[..d - 1].to_vec();
        ReduceMap {
            out: Structure::from_levels_unchecked(levels, s.level_len(d - 1)),
            slots: Slots::Lists(s.offsets_arc(d - 1).clone()),
        }
    }

    /// Outer or middle axis `k < depth`: merge the children of each parent by position,
    /// then every level below by position within the merged nodes.
    fn merged(s: &Structure, k: usize, positions: bool) -> Self {
        let d = s.depth();
        let root = [0, s.level_len(0) as i64];
        let parents: &[i64] = if k == 0 { &root } else { s.offsets(k - 1) };
        let children = s.offsets(k);

        // Level k+1 items: output node = start of the parent's output list + position.
        let mut starts = Vec::with_capacity(parents.len());
        starts.push(0i64);
        for p in parents.windows(2) {
            // A slice's remembered lists know their longest (`sum(x[::-1], 0)`).
            let widest =
                super::derived_offsets::longest_list(&children[p[0] as usize..=p[1] as usize]);
            starts.push(starts[starts.len() - 1] + widest);
        }
        if k + 1 == d && !positions {
            return Self::positions(s, k, parents, starts);
        }
        let mut node = vec![0usize; s.level_len(k + 1)];
        let mut position = if positions {
            vec![0i64; node.len()]
        } else {
            Vec::new()
        };
        for (p, range) in parents.windows(2).enumerate() {
            for c in range[0] as usize..range[1] as usize {
                let (lo, hi) = (children[c] as usize, children[c + 1] as usize);
                for (q, item) in (lo..hi).enumerate() {
                    node[item] = starts[p] as usize + q;
                    if positions {
                        position[item] = (c - range[0] as usize) as i64;
                    }
                }
            }
        }
        let mut n_nodes = starts[starts.len() - 1] as usize;
        let mut levels: Vec<Arc<[i64]>> = s.levels()[..k.saturating_sub(1)].to_vec();
        if k >= 1 {
            levels.push(Arc::from(starts));
        }

        // Levels below: lists landing in the same output node merge by position.
        for j in k + 1..d {
            let offsets = s.offsets(j);
            let mut widths = vec![0i64; n_nodes];
            for (u, &out) in node.iter().enumerate() {
                widths[out] = widths[out].max(offsets[u + 1] - offsets[u]);
            }
            let mut out_offsets = Vec::with_capacity(n_nodes + 1);
            out_offsets.push(0i64);
            let mut total = 0i64;
            for w in widths {
                total += w;
                out_offsets.push(total);
            }
            let mut next = vec![0usize; offsets[offsets.len() - 1] as usize];
            let mut next_position = if positions {
                vec![0i64; next.len()]
            } else {
                Vec::new()
            };
            for (u, &out) in node.iter().enumerate() {
                let (lo, hi) = (offsets[u] as usize, offsets[u + 1] as usize);
                let base = out_offsets[out] as usize;
                for (q, item) in (lo..hi).enumerate() {
                    next[item] = base + q;
                    if positions {
                        next_position[item] = position[u];
                    }
                }
            }
            levels.push(Arc::from(out_offsets));
            n_nodes = total as usize;
            node = next;
            position = next_position;
        }
        ReduceMap {
            out: Structure::from_levels_unchecked(levels, n_nodes),
            slots: Slots::Scattered {
                slot: node,
                position,
            },
        }
    }

    /// The map for the axis `k = depth - 1` just above the innermost (see
    /// [`Slots::Positions`]), given the start of every parent's output list.
    fn positions(s: &Structure, k: usize, parents: &[i64], starts: Vec<i64>) -> Self {
        let children = s.offsets(k);
        let base = (k > 0).then(|| {
            let mut base = vec![0usize; children.len() - 1];
            for (p, range) in parents.windows(2).enumerate() {
                base[range[0] as usize..range[1] as usize].fill(starts[p] as usize);
            }
            base
        });
        let n_slots = starts[starts.len() - 1] as usize;
        let mut levels: Vec<Arc<[i64]>> = s.levels()[..k.saturating_sub(1)].to_vec();
        if k >= 1 {
            levels.push(Arc::from(starts));
        }
        ReduceMap {
            out: Structure::from_levels_unchecked(levels, n_slots),
            slots: Slots::Positions {
                offsets: s.offsets_arc(k).clone(),
                base,
            },
        }
    }

    /// The slot of every leaf, in content order (built for [`Slots::Positions`]).
    fn leaf_slots(&self) -> Cow<'_, [usize]> {
        match &self.slots {
            Slots::Scattered { slot, .. } => Cow::Borrowed(slot),
            Slots::Positions { offsets, base } => {
                let mut slot = Vec::with_capacity(offsets[offsets.len() - 1] as usize);
                for (c, w) in offsets.windows(2).enumerate() {
                    let b = base_of(base, c);
                    slot.extend(b..b + (w[1] - w[0]) as usize);
                }
                Cow::Owned(slot)
            }
            Slots::Lists(offsets) => {
                let mut slot = Vec::with_capacity(offsets[offsets.len() - 1] as usize);
                for (s, w) in offsets.windows(2).enumerate() {
                    slot.extend(std::iter::repeat_n(s, (w[1] - w[0]) as usize));
                }
                Cow::Owned(slot)
            }
        }
    }

    /// The reduced array: the output structure (shared) with one value per slot.
    pub(crate) fn output<U: Element>(&self, values: Vec<U>) -> Array<U> {
        Array::from_parts_unchecked(self.out.clone(), values)
    }

    /// The offsets of the lists that are the slots, at the innermost axis (each list reduces
    /// to one value); `None` at other axes.
    pub(crate) fn list_offsets(&self) -> Option<&[i64]> {
        match &self.slots {
            Slots::Lists(offsets) => Some(offsets),
            _ => None,
        }
    }

    /// Number of output values.
    pub(crate) fn n_slots(&self) -> usize {
        self.out.content_len()
    }

    /// Folds the leaves of every slot, in content order, starting from `identity`: one
    /// pass over each list's range (innermost axis; lists split across threads for large
    /// arrays, each list folded in order on one thread) or one scatter pass.
    pub(crate) fn fold<T: Copy + Sync, A: Copy + Send + Sync>(
        &self,
        values: &[T],
        identity: A,
        op: impl Fn(A, T) -> A + Sync,
    ) -> Vec<A> {
        match &self.slots {
            Slots::Lists(offsets) => kernels::fold_lists(offsets, values, identity, op),
            Slots::Positions { offsets, base } => {
                let mut out = vec![identity; self.n_slots()];
                for (c, w) in offsets.windows(2).enumerate() {
                    let b = base_of(base, c);
                    let list = &values[w[0] as usize..w[1] as usize];
                    for (o, &v) in out[b..b + list.len()].iter_mut().zip(list) {
                        *o = op(*o, v);
                    }
                }
                out
            }
            Slots::Scattered { slot, .. } => {
                let mut out = vec![identity; self.n_slots()];
                for (&v, &s) in values.iter().zip(slot) {
                    out[s] = op(out[s], v);
                }
                out
            }
        }
    }

    /// [`ReduceMap::fold`] over the values of `x`. Where the map walks whole lists by
    /// position (an axis above the innermost one), a slice of `x` not gathered yet is read
    /// through its runs instead of being gathered first; the order of every fold, and so
    /// the result, is the same.
    pub(crate) fn fold_array<T: Element + Sync, A: Copy + Send + Sync>(
        &self,
        x: &Array<T>,
        identity: A,
        op: impl Fn(A, T) -> A + Sync,
    ) -> Vec<A> {
        if let (Slots::Positions { offsets, base }, Some((values, runs))) =
            (&self.slots, x.buffer().runs_in_place())
        {
            let mut out = vec![identity; self.n_slots()];
            if let RunsRef::Ranges(ranges) = runs {
                if ranges.lists() + 1 == offsets.len() {
                    // One range per list of `x` (its own lists): each list read in one piece.
                    ranges.for_each_run(|c, Run { start, len, .. }| {
                        let b = base_of(base, c);
                        for (o, &v) in out[b..b + len].iter_mut().zip(&values[start..start + len]) {
                            *o = op(*o, v);
                        }
                    });
                    return out;
                }
            }
            let (mut run, mut at) = (0, 0); // the run being read and how far into it
            for (c, w) in offsets.windows(2).enumerate() {
                let b = base_of(base, c);
                let (mut q, mut left) = (0, (w[1] - w[0]) as usize);
                while left > 0 {
                    let Run { start, len, .. } = runs.get(run);
                    let take = left.min(len - at);
                    let piece = &values[start + at..start + at + take];
                    for (o, &v) in out[b + q..b + q + take].iter_mut().zip(piece) {
                        *o = op(*o, v);
                    }
                    (q, left, at) = (q + take, left - take, at + take);
                    if at == len {
                        (run, at) = (run + 1, 0);
                    }
                }
            }
            return out;
        }
        self.fold(x.content(), identity, op)
    }

    /// For every leaf, the value of its slot (`per_slot` has one value per slot): the
    /// cotangent of a sum, broadcast back over the reduced lists.
    pub(crate) fn broadcast_slots<T: crate::Float>(&self, per_slot: &[T]) -> Vec<T> {
        match &self.slots {
            Slots::Lists(offsets) => {
                let mut out = placeholders(offsets);
                kernels::fill_lists(offsets, &mut out, &|i, _, list: &mut [T]| {
                    list.fill(per_slot[i])
                });
                out
            }
            Slots::Positions { offsets, base } => {
                let mut out = placeholders(offsets);
                kernels::fill_lists(offsets, &mut out, &|c, _, list: &mut [T]| {
                    let b = base_of(base, c);
                    list.copy_from_slice(&per_slot[b..b + list.len()])
                });
                out
            }
            Slots::Scattered { slot, .. } => slot.iter().map(|&s| per_slot[s]).collect(),
        }
    }

    /// For every leaf `i` of slot `s`, `f(a_i, b_i, sum of g(a_j, b_j) over the leaves j of
    /// s)`: the shape of a softmax and of its rules. At the innermost axis each list is
    /// summed and then mapped while it is in cache (lists split across threads for large
    /// arrays); at other axes, one pass sums into the slots and one maps the leaves.
    pub(crate) fn map_with_slot_sum<T: crate::Float>(
        &self,
        a: &[T],
        b: &[T],
        g: impl Fn(T, T) -> T + Sync,
        f: impl Fn(T, T, T) -> T + Sync,
    ) -> Vec<T> {
        match &self.slots {
            Slots::Lists(offsets) => {
                let mut out = placeholders(offsets);
                kernels::fill_lists(offsets, &mut out, &|_, range, list: &mut [T]| {
                    let (a, b) = (&a[range.clone()], &b[range]);
                    let sum = a
                        .iter()
                        .zip(b)
                        .fold(T::zero(), |acc, (&a, &b)| acc + g(a, b));
                    for (o, (&a, &b)) in list.iter_mut().zip(a.iter().zip(b)) {
                        *o = f(a, b, sum);
                    }
                });
                out
            }
            Slots::Scattered { .. } | Slots::Positions { .. } => {
                let terms: Vec<T> = a.iter().zip(b).map(|(&a, &b)| g(a, b)).collect();
                let sums = self.fold(&terms, T::zero(), |acc, v| acc + v);
                self.per_leaf(|i, s| f(a[i], b[i], sums[s]))
            }
        }
    }

    /// For every leaf `i`, `f(i, slot of i)`, in content order.
    pub(crate) fn per_leaf<U>(&self, f: impl FnMut(usize, usize) -> U) -> Vec<U> {
        let mut f = f;
        match &self.slots {
            Slots::Lists(offsets) => {
                let mut out = Vec::with_capacity(offsets[offsets.len() - 1] as usize);
                for (s, w) in offsets.windows(2).enumerate() {
                    for i in w[0] as usize..w[1] as usize {
                        out.push(f(i, s));
                    }
                }
                out
            }
            Slots::Scattered { .. } | Slots::Positions { .. } => {
                let slot = self.leaf_slots();
                slot.iter().enumerate().map(|(i, &s)| f(i, s)).collect()
            }
        }
    }

    /// For every leaf `i`, in content order, `f(i, slot of i)`.
    pub(crate) fn for_each_leaf(&self, mut f: impl FnMut(usize, usize)) {
        match &self.slots {
            Slots::Lists(offsets) => {
                for (s, w) in offsets.windows(2).enumerate() {
                    for i in w[0] as usize..w[1] as usize {
                        f(i, s);
                    }
                }
            }
            Slots::Scattered { .. } | Slots::Positions { .. } => {
                let slot = self.leaf_slots();
                for (i, &s) in slot.iter().enumerate() {
                    f(i, s);
                }
            }
        }
    }

    /// The leaf of every slot's first extreme value (`better(candidate, best)` says when a
    /// candidate wins), as a position along the reduced axis; -1 for a slot without leaves.
    pub(crate) fn arg_extreme<T: Copy>(
        &self,
        values: &[T],
        better: impl Fn(T, T) -> bool,
    ) -> Vec<i64> {
        match &self.slots {
            Slots::Lists(offsets) => offsets
                .windows(2)
                .map(|w| {
                    let list = &values[w[0] as usize..w[1] as usize];
                    let mut best: Option<(usize, T)> = None;
                    for (i, &v) in list.iter().enumerate() {
                        if best.is_none_or(|(_, b)| better(v, b)) {
                            best = Some((i, v));
                        }
                    }
                    best.map_or(-1, |(i, _)| i as i64)
                })
                .collect(),
            Slots::Positions { .. } => {
                unreachable!("maps built with positions (argmax, argmin) are never `Positions`")
            }
            Slots::Scattered { slot, position } => {
                let mut out = vec![-1i64; self.n_slots()];
                let mut best: Vec<Option<T>> = vec![None; self.n_slots()];
                for (i, (&v, &s)) in values.iter().zip(slot).enumerate() {
                    if best[s].is_none_or(|b| better(v, b)) {
                        best[s] = Some(v);
                        out[s] = position[i];
                    }
                }
                out
            }
        }
    }

    /// For every leaf, the product of the other leaves of its slot, without division (exact
    /// with zeros): a forward pass of running prefix products per slot, then a backward
    /// pass multiplying in the suffix products.
    pub(crate) fn products_of_others<T: crate::Float>(&self, values: &[T]) -> Vec<T> {
        match &self.slots {
            Slots::Lists(offsets) => {
                let mut out = vec![T::one(); values.len()];
                for w in offsets.windows(2) {
                    let (lo, hi) = (w[0] as usize, w[1] as usize);
                    products_of_others_in(&values[lo..hi], &mut out[lo..hi]);
                }
                out
            }
            Slots::Scattered { .. } | Slots::Positions { .. } => {
                let slot = &self.leaf_slots()[..];
                let mut out = Vec::with_capacity(values.len());
                let mut running = vec![T::one(); self.n_slots()];
                for (&v, &s) in values.iter().zip(slot) {
                    out.push(running[s]);
                    running[s] = running[s] * v;
                }
                running.iter_mut().for_each(|r| *r = T::one());
                for ((&v, &s), o) in values.iter().zip(slot).zip(out.iter_mut()).rev() {
                    *o = *o * running[s];
                    running[s] = running[s] * v;
                }
                out
            }
        }
    }
}

/// A buffer for the leaves `0..offsets[last]` of lists that [`kernels::fill_lists`] then
/// writes in full: recycled values, not zeros, when the lists start at 0 (every leaf
/// overwritten, so a zero-fill first would be a wasted pass over the output).
fn placeholders<T: crate::Float>(offsets: &[i64]) -> Vec<T> {
    let n = offsets[offsets.len() - 1] as usize;
    if offsets[0] == 0 {
        return pool::take_filled(n);
    }
    let mut out = pool::take(n);
    out.resize(n, T::zero());
    out
}

/// The slot of position 0 of innermost list `c` (see [`Slots::Positions`]).
#[inline]
fn base_of(base: &Option<Vec<usize>>, c: usize) -> usize {
    base.as_ref().map_or(0, |b| b[c])
}

/// `out[i]` = product of `values[j]` for every `j != i` (prefix times suffix products).
pub(crate) fn products_of_others_in<T: crate::Float>(values: &[T], out: &mut [T]) {
    let mut running = T::one();
    for (o, &v) in out.iter_mut().zip(values) {
        *o = running;
        running = running * v;
    }
    running = T::one();
    for (o, &v) in out.iter_mut().zip(values).rev() {
        *o = *o * running;
        running = running * v;
    }
}
