//! Computing the [`Gather`] of a slice, a `take`, a `filter` or a `flatten`: level by level,
//! outermost first. `Selection` holds the items of the current level that the result keeps,
//! in output order; each level's offsets turn it into the selected items of the level
//! below, and kept dimensions record new offsets.

use std::sync::Arc;

use super::derived_offsets::{derived_offsets, Kept};
use super::gather::{push_run, Gather};
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::ops::slice_spec::{resolve_index, resolve_range, SliceEntry};
use crate::pool;
use crate::positions::{range_in_list, ListRanges, Positions as GatherIndex, Run};

/// The selected items of one level, in output order.
enum Selection {
    /// Runs of items.
    Runs(Vec<Run>),
    /// Any items.
    Items(Vec<usize>),
    /// A range inside each of a run of innermost lists: leaves, never written out.
    Ranges(ListRanges),
}

impl Selection {
    /// The single run `start..start + len` by `step`.
    fn run(start: usize, len: usize, step: isize) -> Selection {
        let mut runs = Vec::with_capacity(1);
        push_run(&mut runs, Run::new(start, len, step));
        Selection::Runs(runs)
    }

    fn len(&self) -> usize {
        match self {
            Selection::Runs(runs) => runs.iter().map(|r| r.len).sum(),
            Selection::Items(items) => items.len(),
            Selection::Ranges(ranges) => ranges.count(),
        }
    }

    /// Calls `f` on every selected item, in order, stopping at the first error.
    fn try_visit(&self, mut f: impl FnMut(usize) -> Result<()>) -> Result<()> {
        match self {
            Selection::Runs(runs) => runs
                .iter()
                .try_for_each(|run| (0..run.len).try_for_each(|k| f(run.position(k)))),
            Selection::Items(items) => items.iter().try_for_each(|&i| f(i)),
            Selection::Ranges(ranges) => (0..ranges.lists()).try_for_each(|i| {
                let run = ranges.run(i);
                (run.start..run.start + run.len).try_for_each(&mut f)
            }),
        }
    }

    /// Calls `f` on every selected item, in order.
    fn visit(&self, mut f: impl FnMut(usize)) {
        match self {
            Selection::Runs(runs) => {
                for run in runs {
                    (0..run.len).for_each(|k| f(run.position(k)));
                }
            }
            Selection::Items(items) => items.iter().for_each(|&i| f(i)),
            Selection::Ranges(ranges) => {
                ranges.for_each_run(|_, run| (run.start..run.start + run.len).for_each(&mut f))
            }
        }
    }

    /// The lists `first..first + n`, when the selection is that one ascending run.
    fn one_ascending_run(&self) -> Option<(usize, usize)> {
        match self {
            Selection::Runs(runs) => match runs.as_slice() {
                [run] if run.step == 1 => Some((run.start, run.len)),
                [] => Some((0, 0)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Builds the output structure level by level while a selection walks down the input.
struct Walk<'a> {
    input: &'a Structure,
    /// Offsets of the output, outermost first.
    levels: Vec<Arc<[i64]>>,
    /// True once some dimension of the output exists (the next kept dimension needs offsets).
    kept: bool,
}

impl<'a> Walk<'a> {
    fn new(input: &'a Structure) -> Self {
        Walk {
            input,
            levels: Vec::with_capacity(input.depth()),
            kept: false,
        }
    }

    /// Records the offsets of a kept dimension (none for the outermost kept one).
    fn keep(&mut self, offsets: impl FnOnce() -> Arc<[i64]>) {
        if self.kept {
            self.levels.push(offsets());
        }
        self.kept = true;
    }

    /// Keeps whole every list of `level` that `selection` holds: the selection of the level
    /// below. A run of adjacent lists becomes one run of the level below.
    fn descend_whole(&mut self, level: usize, selection: Selection) -> Selection {
        let offsets = self.input.offsets(level);
        if let Selection::Runs(runs) = &selection {
            if let [run] = runs.as_slice() {
                if run.step == 1 {
                    let (lo, hi) = (run.start, run.start + run.len);
                    let whole = lo == 0 && hi + 1 == offsets.len();
                    let arc = self.input.offsets_arc(level);
                    self.keep(|| {
                        if whole {
                            arc.clone()
                        } else {
                            let base = offsets[lo];
                            offsets[lo..=hi].iter().map(|&o| o - base).collect()
                        }
                    });
                    let (first, last) = (offsets[lo] as usize, offsets[hi] as usize);
                    return Selection::run(first, last - first, 1);
                }
                if run.step == -1 && level + 1 == self.input.depth() {
                    return self.reversed_leaf_lists(level, run.start, run.len);
                }
            }
        }
        let record = self.kept;
        let mut new_offsets = Vec::with_capacity(if record { selection.len() + 1 } else { 1 });
        new_offsets.push(0i64);
        let mut below = Vec::new();
        let mut count = 0i64;
        // Adds the lists `i..j` (adjacent, in order) to the selection below.
        let mut whole_lists = |i: usize, j: usize| {
            let (lo, hi) = (offsets[i], offsets[j]);
            push_run(&mut below, Run::new(lo as usize, (hi - lo) as usize, 1));
            if record {
                new_offsets.extend(offsets[i + 1..=j].iter().map(|&o| o - lo + count));
            }
            count += hi - lo;
        };
        match &selection {
            Selection::Runs(runs) => {
                for run in runs {
                    if run.step == 1 {
                        whole_lists(run.start, run.start + run.len);
                    } else {
                        (0..run.len).for_each(|k| {
                            let i = run.position(k);
                            whole_lists(i, i + 1)
                        });
                    }
                }
            }
            Selection::Items(items) => items.iter().for_each(|&i| whole_lists(i, i + 1)),
            Selection::Ranges(_) => unreachable!("ranges select leaves, which have no lists"),
        }
        self.keep(|| Arc::from(new_offsets));
        Selection::Runs(below)
    }

    /// Applies a range entry inside every list of `level` that `selection` holds.
    fn descend_range(
        &mut self,
        level: usize,
        selection: &Selection,
        start: Option<isize>,
        end: Option<isize>,
        step: isize,
    ) -> Selection {
        if let (1, true, Some((first, lists))) = (
            step,
            level + 1 == self.input.depth(),
            selection.one_ascending_run(),
        ) {
            return self.leaf_ranges(level, first, lists, (start, end));
        }
        let offsets = self.input.offsets(level);
        let lists = selection.len();
        // Both from the buffer pool: for a million lists they are tens of megabytes.
        let mut new_offsets = pool::take(lists + 1);
        new_offsets.push(0i64);
        let mut below = pool::take(lists);
        let mut count = 0;
        selection.visit(|i| {
            let (lo, hi) = (offsets[i] as isize, offsets[i + 1] as isize);
            let p = resolve_range(start, end, step, (hi - lo) as usize);
            push_run(
                &mut below,
                Run::new((lo + p.first) as usize, p.count, p.step),
            );
            count += p.count as i64;
            new_offsets.push(count);
        });
        self.keep(|| {
            let kept = Arc::from(&new_offsets[..]);
            pool::recycle(new_offsets);
            kept
        });
        Selection::Runs(below)
    }

    /// A range of step 1 inside the innermost lists `first..first + lists` (of `level`):
    /// only the new offsets are written (or found: `derived_offsets` remembers them);
    /// the positions are computed from the input's offsets when read ([`ListRanges`]).
    fn leaf_ranges(
        &mut self,
        level: usize,
        first: usize,
        lists: usize,
        (start, end): (Option<isize>, Option<isize>),
    ) -> Selection {
        let source = self.input.offsets_arc(level);
        let offsets = &source[first..=first + lists];
        let kept = Kept::Range(start, end);
        let new_offsets = derived_offsets(source, (first, lists), kept, |k| {
            range_in_list(start, end, (offsets[k + 1] - offsets[k]) as usize).1 as i64
        });
        let total = new_offsets.last().copied().unwrap_or(0) as usize;
        self.keep(|| new_offsets);
        Selection::Ranges(ListRanges::new(
            self.input.offsets_arc(level).clone(),
            (first, lists, 1),
            (start, end),
            total,
        ))
    }

    /// Whole innermost lists `first, first - 1, ..` (`lists` of them, of `level`), in that
    /// order: only the new offsets are written; the positions are computed when read.
    fn reversed_leaf_lists(&mut self, level: usize, first: usize, lists: usize) -> Selection {
        let source = self.input.offsets_arc(level);
        let new_offsets = derived_offsets(source, (first, lists), Kept::Reversed, |k| {
            source[first - k + 1] - source[first - k]
        });
        let total = new_offsets.last().copied().unwrap_or(0) as usize;
        self.keep(|| new_offsets);
        Selection::Ranges(ListRanges::new(
            self.input.offsets_arc(level).clone(),
            (first, lists, -1),
            (None, None),
            total,
        ))
    }

    /// Picks element `index` of every list of `level` that `selection` holds.
    fn descend_index(
        &self,
        level: usize,
        selection: &Selection,
        index: isize,
    ) -> Result<Selection> {
        let offsets = self.input.offsets(level);
        let mut below = Vec::with_capacity(selection.len());
        selection.try_visit(|i| {
            let len = (offsets[i + 1] - offsets[i]) as usize;
            match resolve_index(index, len) {
                Some(position) => {
                    below.push(offsets[i] as usize + position);
                    Ok(())
                }
                None => Err(Error::Index {
                    index: index as i64,
                    place: format!("in list {}", list_path(self.input, level, i)),
                    len,
                }),
            }
        })?;
        Ok(Selection::Items(below))
    }

    /// The gather of the leaves below `selection` (the items of `level`), keeping every
    /// level below whole.
    fn finish(mut self, level: usize, mut selection: Selection) -> Gather {
        for below in level..self.input.depth() {
            selection = self.descend_whole(below, selection);
        }
        let content_len = selection.len();
        let index = match selection {
            Selection::Runs(runs) => GatherIndex::Runs(runs),
            Selection::Items(items) => GatherIndex::Items(items),
            Selection::Ranges(ranges) => GatherIndex::Ranges(ranges),
        };
        Gather {
            structure: Structure::from_levels_unchecked(self.levels, content_len),
            index,
        }
    }
}

/// The position of item `item` of level `level` as indices from the outermost dimension:
/// `[4][1]`.
pub(crate) fn list_path(structure: &Structure, level: usize, item: usize) -> String {
    let mut path = Vec::with_capacity(level + 1);
    let mut item = item;
    for above in (0..level).rev() {
        let offsets = structure.offsets(above);
        let parent = offsets.partition_point(|&o| o <= item as i64) - 1;
        path.push(item - offsets[parent] as usize);
        item = parent;
    }
    path.push(item);
    path.iter().rev().map(|i| format!("[{i}]")).collect()
}

/// The outermost items that a range or an index selects.
fn select_outer(structure: &Structure, entry: SliceEntry) -> Result<(Selection, bool)> {
    let len = structure.len();
    match entry {
        SliceEntry::Range { start, end, step } => {
            let p = resolve_range(start, end, step, len);
            let selection = Selection::run(p.first.max(0) as usize, p.count, p.step);
            Ok((selection, true))
        }
        SliceEntry::Index(index) => match resolve_index(index, len) {
            Some(i) => Ok((Selection::run(i, 1, 1), false)),
            None => Err(outer_index_error(index as i64, len)),
        },
    }
}

/// `Error::Index` for an index past the outermost dimension.
fn outer_index_error(index: i64, len: usize) -> Error {
    Error::Index {
        index,
        place: "of the outermost dimension".into(),
        len,
    }
}

/// The gather of `entries` (one per dimension, outermost first) on `input`, an array of type
/// `type_str`. Errors: more entries than dimensions (`Axis`), a zero step (`Invalid`), an
/// index past the end of a list (`Index`), and indices on every dimension (`Invalid`: the
/// result would be a single value).
pub(crate) fn slice_gather(
    input: &Structure,
    type_str: &str,
    entries: &[SliceEntry],
) -> Result<Gather> {
    if entries.len() > input.ndim() {
        return Err(Error::Axis {
            axis: input.ndim() as isize,
            type_str: type_str.to_string(),
            ndim: input.ndim(),
        });
    }
    if let Some(dimension) = entries
        .iter()
        .position(|e| matches!(e, SliceEntry::Range { step: 0, .. }))
    {
        return Err(Error::Invalid {
            op: "slice".into(),
            reason: format!("the step of dimension {dimension} is 0 (a slice step cannot be zero)"),
        });
    }
    let mut walk = Walk::new(input);
    let full = SliceEntry::Range {
        start: None,
        end: None,
        step: 1,
    };
    let (mut selection, kept) = select_outer(input, entries.first().copied().unwrap_or(full))?;
    walk.kept = kept;
    let mut level = 0;
    while level + 1 < entries.len() {
        selection = match entries[level + 1] {
            SliceEntry::Range {
                start: None,
                end: None,
                step: 1,
            } => walk.descend_whole(level, selection),
            SliceEntry::Range { start, end, step } => {
                walk.descend_range(level, &selection, start, end, step)
            }
            SliceEntry::Index(index) => walk.descend_index(level, &selection, index)?,
        };
        level += 1;
    }
    if !walk.kept && level == input.depth() {
        let index: Vec<String> = entries
            .iter()
            .map(|e| match e {
                SliceEntry::Index(i) => i.to_string(),
                SliceEntry::Range { .. } => "..".to_string(),
            })
            .collect();
        return Err(Error::Invalid {
            op: "slice".into(),
            reason: format!(
                "an integer index on each of the {} dimensions of {type_str} selects a single \
                 value, not an array: read it with `item(&[{}])` (differentiable)",
                input.ndim(),
                index.join(", ")
            ),
        });
    }
    Ok(walk.finish(level, selection))
}

/// The gather of `take`: outermost items by index (negative from the end, repeats allowed).
pub(crate) fn take_gather(input: &Structure, indices: &[i64]) -> Result<Gather> {
    let len = input.len();
    let mut items = Vec::with_capacity(indices.len());
    for &index in indices {
        let position = isize::try_from(index)
            .ok()
            .and_then(|i| resolve_index(i, len))
            .ok_or_else(|| outer_index_error(index, len))?;
        items.push(position);
    }
    let mut walk = Walk::new(input);
    walk.kept = true;
    Ok(walk.finish(0, Selection::Items(items)))
}

/// The structure of the outer `depth` dimensions of `input` (`depth` 0: a flat array of the
/// outer length).
pub(crate) fn prefix(input: &Structure, depth: usize) -> Structure {
    Structure::from_levels_unchecked(input.levels()[..depth].to_vec(), input.level_len(depth))
}

/// The gather of `filter`: `mask` must have the structure of the outer `k` dimensions of
/// `input` for some `k` (the whole structure, or the outer length for a 1-d mask); it keeps
/// the items of level `k` where the mask is true.
pub(crate) fn filter_gather(input: &Structure, mask: &Array<bool>) -> Result<Gather> {
    let depth = mask.structure().depth();
    let expected = prefix(input, depth.min(input.depth()));
    if depth > input.depth() || !expected.same_as(mask.structure()) {
        let difference = expected.first_difference(mask.structure());
        return Err(Error::Structure {
            context: "filter mask".into(),
            expected: expected.type_str("bool"),
            found: mask.type_str(),
            detail: if difference.is_empty() {
                String::new()
            } else {
                format!(": {difference}")
            },
        });
    }
    let keep = mask.content();
    let items: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
    let mut walk = Walk::new(input);
    walk.levels
        .extend(input.levels()[..depth.saturating_sub(1)].iter().cloned());
    if depth > 0 {
        let mut offsets = Vec::with_capacity(input.level_len(depth - 1) + 1);
        offsets.push(0i64);
        let mut kept = 0i64;
        for w in input.offsets(depth - 1).windows(2) {
            kept += keep[w[0] as usize..w[1] as usize]
                .iter()
                .filter(|&&k| k)
                .count() as i64;
            offsets.push(kept);
        }
        walk.levels.push(Arc::from(offsets));
    }
    walk.kept = true;
    Ok(walk.finish(depth, Selection::Items(items)))
}

/// The gather of `flatten`: the outermost `var` dimension merged into the next one.
pub(crate) fn flatten_gather(input: &Structure, type_str: &str) -> Result<Gather> {
    if input.depth() == 0 {
        return Err(Error::Axis {
            axis: 1,
            type_str: type_str.to_string(),
            ndim: input.ndim(),
        });
    }
    Ok(Gather {
        structure: input.inner(1),
        index: GatherIndex::Runs(vec![Run::new(0, input.content_len(), 1)]),
    })
}

/// The gather of indexing by lazy combinations of `input`'s own innermost lists, or of
/// lists equal to them (`let (i, j) = x.argcombinations::<2>(); x.index(&i)`, and the same
/// indices on `x`'s tangent): the same choices read as positions in the content, never
/// written out. `None` for any other indices.
fn chosen_items(input: &Structure, indices: &Array<i64>) -> Option<Gather> {
    let (_, combos) = indices.buffer().combinations_in_place()?;
    let (local, offsets) = combos.source();
    let depth = input.depth();
    // The same lists: shared, or equal (a tangent or cotangent of the combined array).
    let own = depth > 0
        && (Arc::ptr_eq(offsets, input.offsets_arc(depth - 1))
            || offsets[..] == *input.offsets(depth - 1));
    (local && own).then(|| Gather {
        structure: indices.structure().clone(),
        index: GatherIndex::Combinations(combos.in_content()),
    })
}

/// The gather of jagged indexing (`x.index(&idx)`, Awkward's `x[idx]`): `indices` has `k`
/// `var` dimensions (`1 <= k <= depth of input`) and the structure of the outer `k`
/// dimensions of `input` except in its innermost lists; index list `L` (negative indices
/// count from the end) picks items of list `L` of `input`'s dimension `k`, keeping every
/// level below them whole.
pub(crate) fn index_gather(
    input: &Structure,
    type_str: &str,
    indices: &Array<i64>,
) -> Result<Gather> {
    if let Some(gather) = chosen_items(input, indices) {
        return Ok(gather);
    }
    let k = indices.structure().depth();
    if k == 0 {
        return Err(Error::Invalid {
            op: "index".into(),
            reason: format!(
                "the indices are a flat array of type {}; `index` takes one list of indices \
                 per list (the type of `argsort`'s result, or of `argmax` with keepdims: \
                 {} * var * int64); to pick outer elements by position, use \
                 `take(idx.content())`",
                indices.type_str(),
                input.len()
            ),
        });
    }
    if k > input.depth() {
        return Err(Error::Structure {
            context: "indices of `index`".into(),
            expected: format!(
                "at most {} dimensions (the array has type {type_str})",
                input.ndim()
            ),
            found: indices.type_str(),
            detail: String::new(),
        });
    }
    let (expected, found) = (prefix(input, k - 1), prefix(indices.structure(), k - 1));
    if !expected.same_as(&found) {
        return Err(Error::Structure {
            context: "indices of `index` (one index list per list of the array)".into(),
            expected: expected.type_str("var * int64"),
            found: indices.type_str(),
            detail: format!(": {}", expected.first_difference(&found)),
        });
    }
    let lists = input.offsets(k - 1);
    let index_lists = indices.offsets(k - 1);
    let values = indices.content();
    let mut items = Vec::with_capacity(values.len());
    for (list, w) in index_lists.windows(2).enumerate() {
        let (lo, len) = (
            lists[list] as usize,
            (lists[list + 1] - lists[list]) as usize,
        );
        for &index in &values[w[0] as usize..w[1] as usize] {
            let position = isize::try_from(index)
                .ok()
                .and_then(|i| resolve_index(i, len));
            match position {
                Some(position) => items.push(lo + position),
                None => return Err(index_error(input, k - 1, list, index, len)),
            }
        }
    }
    let mut walk = Walk::new(input);
    walk.levels.extend(input.levels()[..k - 1].iter().cloned());
    walk.levels
        .push(indices.structure().offsets_arc(k - 1).clone());
    walk.kept = true;
    Ok(walk.finish(k, Selection::Items(items)))
}

/// `Error::Index` for `index` past the end of list `list` of level `level`; -1 in an empty
/// list (what `argmax` gives there) says so.
fn index_error(input: &Structure, level: usize, list: usize, index: i64, len: usize) -> Error {
    let mut place = format!("in list {}", list_path(input, level, list));
    if len == 0 && index == -1 {
        place.push_str(
            ", which is empty (`argmax` and `argmin` give -1 for an empty list, where \
             Awkward gives None: filter empty lists out first)",
        );
    }
    Error::Index { index, place, len }
}
