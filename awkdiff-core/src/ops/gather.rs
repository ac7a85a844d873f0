//! [`Gather`]: the structural core of every slice. A slice, a `take`, a `filter` or a
//! `flatten` is a new structure plus, for each of its leaves, the input leaf it copies.
//! The primal applies the gather to the values, the JVP to the tangent, and the VJP adds
//! the cotangent back at the same positions (repeated positions accumulate).
//!
//! The gather is computed level by level, outermost first: `Selection` holds the items of
//! the current level that the result keeps, in output order; each level's offsets turn it
//! into the selected items of the level below, and kept dimensions record new offsets.
//!
//! A slice does not copy at once: its array keeps the source's values and the gather
//! ([`SliceGather`]); fused elementwise kernels read the source through contiguous runs,
//! anything else gathers the values once on first read, and the slice's JVP and VJP rules
//! reuse the gather instead of computing it again.

use std::any::Any;
use std::ops::Range;
use std::sync::Arc;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::ops::slice_spec::{resolve_index, resolve_range, SliceEntry};
use crate::pool;
use crate::positions::{Picks, Positions as GatherIndex, Run};

/// Appends `run` to `runs`, merging it into the last run when it continues it.
fn push_run(runs: &mut Vec<Run>, run: Run) {
    if run.len == 0 {
        return;
    }
    if let Some(last) = runs.last_mut() {
        // A run of one leaf continues any run; two single leaves make a run of step 1 (not
        // -1: lists of one value in reverse order stay ascending runs, which kernels read in
        // place; a descending run would make the whole gather be copied first).
        if last.len == 1 {
            let step = run.start as isize - last.start as isize;
            if (step == 1 && (run.len == 1 || run.step == 1))
                || (step == -1 && run.len > 1 && run.step == -1)
            {
                last.step = step;
                last.len += run.len;
                return;
            }
        } else if last.start as isize + last.len as isize * last.step == run.start as isize
            && (run.len == 1 || run.step == last.step)
        {
            last.len += run.len;
            return;
        }
    }
    runs.push(run);
}

/// A slice's gather with what it was made from: the input structure and the slice entries,
/// so that the slice's rules can reuse it instead of computing it again.
#[derive(Debug)]
pub(crate) struct SliceGather {
    pub(crate) input: Structure,
    pub(crate) entries: Vec<SliceEntry>,
    pub(crate) gather: Gather,
    /// The gather's runs when all are ascending and contiguous (computed once).
    contiguous: bool,
}

impl SliceGather {
    /// The slice `entries` of arrays of structure `input`, whose gather is `gather`.
    pub(crate) fn new(input: Structure, entries: &[SliceEntry], gather: Gather) -> Self {
        let contiguous = gather.contiguous_runs().is_some();
        SliceGather {
            input,
            entries: entries.to_vec(),
            gather,
            contiguous,
        }
    }

    /// The runs, when a fused kernel can read them in place (see [`Gather::contiguous_runs`]).
    pub(crate) fn contiguous_runs(&self) -> Option<&[Run]> {
        match &self.gather.index {
            GatherIndex::Runs(runs) if self.contiguous => Some(runs),
            _ => None,
        }
    }

    /// The slice of `x` (whose structure is `self.input`): a lazy array whose content is
    /// gathered when first read as a whole (fused kernels read contiguous runs in place);
    /// a layout they cannot read in place is gathered at once.
    pub(crate) fn apply<T: Element>(self: Arc<Self>, x: &Array<T>) -> Array<T> {
        debug_assert!(x.structure().same_as(&self.input));
        if let Layout::Identity = self.gather.layout(self.input.content_len()) {
            return x.with_structure(self.gather.structure.clone());
        }
        let structure = self.gather.structure.clone();
        let eager = !self.contiguous;
        let buffer =
            crate::buffer::Buffer::sliced(x.buffer().clone(), self as Arc<dyn Picks>, eager);
        Array::from_buffer_unchecked(structure, buffer)
    }

    /// The slice behind `y`, if `y` is the slice `entries` of an array of structure `input`.
    pub(crate) fn of<T: Element>(
        y: &Array<T>,
        input: &Structure,
        entries: &[SliceEntry],
    ) -> Option<Arc<SliceGather>> {
        let slice = Arc::downcast::<SliceGather>(y.buffer().picks()?.clone().into_any()).ok()?;
        (slice.entries == entries
            && slice.input.same_as(input)
            && slice.gather.structure.same_as(y.structure()))
        .then_some(slice)
    }
}

/// A slice is what a lazy buffer picks: its gather's positions.
impl Picks for SliceGather {
    fn positions(&self) -> &GatherIndex {
        &self.gather.index
    }

    fn count(&self) -> usize {
        self.gather.structure.content_len()
    }

    fn runs_in_place(&self) -> Option<&[Run]> {
        self.contiguous_runs()
    }

    fn into_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync> {
        self
    }
}

/// An output structure and the input leaf behind each of its leaves.
#[derive(Debug, Clone)]
pub(crate) struct Gather {
    pub(crate) structure: Structure,
    pub(crate) index: GatherIndex,
}

/// How the runs of a gather lie in its input: what a scatter can do in one pass.
enum Layout {
    /// Every input leaf, in order: the gather is the identity on the content.
    Identity,
    /// Contiguous runs that do not overlap, in ascending input order.
    Ascending,
    /// Contiguous runs that do not overlap, in descending input order.
    Descending,
    /// Anything else (strided runs, repeats, any order).
    Irregular,
}

impl Gather {
    /// How the runs lie in an input of `input_len` leaves.
    fn layout(&self, input_len: usize) -> Layout {
        let GatherIndex::Runs(runs) = &self.index else {
            return Layout::Irregular;
        };
        match runs.as_slice() {
            [] if input_len == 0 => return Layout::Identity,
            [only] if only.step == 1 && only.start == 0 && only.len == input_len => {
                return Layout::Identity
            }
            _ => {}
        }
        // One pass: the spans must all be contiguous, and each must follow (or precede)
        // the one before without overlapping it.
        let (mut ascending, mut descending) = (true, true);
        let mut previous: Option<Range<usize>> = None;
        for run in runs {
            let Some(span) = run.span() else {
                return Layout::Irregular;
            };
            if let Some(before) = previous {
                ascending &= before.end <= span.start;
                descending &= span.end <= before.start;
                if !ascending && !descending {
                    return Layout::Irregular;
                }
            }
            previous = Some(span);
        }
        if ascending {
            Layout::Ascending
        } else {
            Layout::Descending
        }
    }

    /// The output array for the input array `x` (of the structure the gather was made for):
    /// its content shared when the gather keeps every leaf in order, else copied run by run.
    pub(crate) fn apply<T: Element>(&self, x: &Array<T>) -> Array<T> {
        let content = x.content();
        if let Layout::Identity = self.layout(content.len()) {
            return x.with_structure(self.structure.clone());
        }
        Array::from_parts_unchecked(self.structure.clone(), Gather::gather_values(content, self))
    }

    /// The output leaves of `gather` from the input leaves `content`, copied into one buffer.
    pub(crate) fn gather_values<T: Element>(content: &[T], gather: &Gather) -> Vec<T> {
        gather.index.gather(content, gather.structure.content_len())
    }

    /// The runs, when every one is ascending and contiguous (what a fused kernel reads in
    /// place).
    pub(crate) fn contiguous_runs(&self) -> Option<&[Run]> {
        self.index.contiguous_runs()
    }

    /// Zeros of `input`'s structure with the output leaves `ct` added at the leaves they came
    /// from (the transpose of [`Gather::apply`]). Runs that do not overlap are written in one
    /// pass (zeros between them); repeats accumulate.
    pub(crate) fn scatter_add<T: Float>(&self, input: &Structure, ct: &Array<T>) -> Array<T> {
        let n = input.content_len();
        let ct_values = ct.content();
        let out = match (&self.index, self.layout(n)) {
            (_, Layout::Identity) => return ct.with_structure(input.clone()),
            (GatherIndex::Runs(runs), Layout::Ascending) => {
                scatter_ascending(runs.iter().copied(), ct_values, n)
            }
            (GatherIndex::Runs(runs), Layout::Descending) => scatter_descending(runs, ct_values, n),
            (GatherIndex::Runs(runs), _) => {
                let mut out = zeros(n);
                let mut values = ct_values.iter();
                for run in runs {
                    for (k, &c) in (0..run.len).zip(values.by_ref()) {
                        let i = run.position(k);
                        out[i] = out[i] + c;
                    }
                }
                out
            }
            (GatherIndex::Items(items), _) if items.windows(2).all(|w| w[0] < w[1]) => {
                scatter_ascending(items.iter().map(|&i| Run::new(i, 1, 1)), ct_values, n)
            }
            (GatherIndex::Items(items), _) => {
                let mut out = zeros(n);
                for (&i, &c) in items.iter().zip(ct_values) {
                    out[i] = out[i] + c;
                }
                out
            }
        };
        Array::from_parts_unchecked(input.clone(), out)
    }
}

/// `n` zeros, from the buffer pool.
fn zeros<T: Float>(n: usize) -> Vec<T> {
    let mut out = pool::take(n);
    out.resize(n, T::zero());
    out
}

/// `n` leaves: the values `ct` at the contiguous, non-overlapping, ascending `runs`, zeros
/// elsewhere, written in one pass.
fn scatter_ascending<T: Float>(runs: impl Iterator<Item = Run>, ct: &[T], n: usize) -> Vec<T> {
    let mut out = pool::take(n);
    let mut used = 0;
    for run in runs {
        let Some(span) = run.span() else { continue };
        out.resize(span.start, T::zero());
        let values = &ct[used..used + run.len];
        if run.step == 1 {
            out.extend_from_slice(values);
        } else {
            out.extend(values.iter().rev());
        }
        used += run.len;
    }
    out.resize(n, T::zero());
    out
}

/// [`scatter_ascending`] for runs in descending input order: walks them backwards.
fn scatter_descending<T: Float>(runs: &[Run], ct: &[T], n: usize) -> Vec<T> {
    let mut out = pool::take(n);
    let mut end = ct.len();
    for run in runs.iter().rev() {
        let Some(span) = run.span() else { continue };
        out.resize(span.start, T::zero());
        let values = &ct[end - run.len..end];
        if run.step == 1 {
            out.extend_from_slice(values);
        } else {
            out.extend(values.iter().rev());
        }
        end -= run.len;
    }
    out.resize(n, T::zero());
    out
}

/// The selected items of one level, in output order.
enum Selection {
    /// Runs of items.
    Runs(Vec<Run>),
    /// Any items.
    Items(Vec<usize>),
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
        }
    }

    /// Calls `f` on every selected item, in order, stopping at the first error.
    fn try_visit(&self, mut f: impl FnMut(usize) -> Result<()>) -> Result<()> {
        match self {
            Selection::Runs(runs) => runs
                .iter()
                .try_for_each(|run| (0..run.len).try_for_each(|k| f(run.position(k)))),
            Selection::Items(items) => items.iter().try_for_each(|&i| f(i)),
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
        };
        Gather {
            structure: Structure::from_levels_unchecked(self.levels, content_len),
            index,
        }
    }
}

/// The position of item `item` of level `level` as indices from the outermost dimension:
/// `[4][1]`.
fn list_path(structure: &Structure, level: usize, item: usize) -> String {
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
        return Err(Error::Invalid {
            op: "slice".into(),
            reason: format!(
                "an integer index on each of the {} dimensions of {type_str} selects a single \
                 value, not an array (use `get` on a 1-d array)",
                input.ndim()
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
fn prefix(input: &Structure, depth: usize) -> Structure {
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

#[cfg(test)]
mod tests {
    //! Gathers by runs against the per-leaf reference: an array whose leaves are their own
    //! positions, sliced, says which input leaf every output leaf copies.

    use super::*;
    use crate::check;
    use crate::s;

    #[test]
    fn runs_merge_when_they_continue() {
        let mut runs = Vec::new();
        for run in [
            Run::new(0, 2, 1),
            Run::new(2, 3, 1),
            Run::new(9, 1, 1),
            Run::new(8, 1, 1),
            Run::new(7, 1, 1),
            Run::new(7, 0, -1),
            Run::new(3, 2, -1),
            Run::new(1, 2, -1),
            Run::new(0, 2, 5),
        ] {
            push_run(&mut runs, run);
        }
        assert_eq!(
            runs,
            vec![
                Run::new(0, 5, 1),
                // Single leaves in descending order stay apart (ascending runs only).
                Run::new(9, 1, 1),
                Run::new(8, 1, 1),
                Run::new(7, 1, 1),
                Run::new(3, 4, -1),
                Run::new(0, 2, 5),
            ]
        );
    }

    /// Checks `gather` (made for `x`) against the input positions `ids` of its output leaves.
    fn check_against_positions(x: &Array<f64>, gather: &Gather, ids: &[usize], what: &str) {
        let mut rng = check::rng(ids.len() as u64);
        let values = check::random_like(x, &mut rng);
        let y = gather.apply(&values);
        let expected: Vec<f64> = ids.iter().map(|&i| values.content()[i]).collect();
        assert_eq!(y.content(), &expected[..], "apply of {what}");
        let ct = check::random_like(&y, &mut rng);
        let mut back = vec![0.0; x.content().len()];
        for (&i, &c) in ids.iter().zip(ct.content()) {
            back[i] += c;
        }
        let got = gather.scatter_add(x.structure(), &ct);
        assert!(got.structure().same_as(x.structure()), "{what}");
        assert_eq!(got.content(), &back[..], "scatter_add of {what}");
    }

    /// The input positions of the output leaves of `gather` on `x`, by gathering positions.
    fn positions(x: &Array<f64>, gather: &Gather) -> Vec<usize> {
        let ids = x.with_content((0..x.content().len()).map(|i| i as f64).collect());
        gather
            .apply(&ids)
            .content()
            .iter()
            .map(|&i| i as usize)
            .collect()
    }

    #[test]
    fn gathers_by_runs_match_per_leaf_positions() {
        let mut rng = check::rng(7);
        let slices = [
            s![..],
            s![..;-1],
            s![1..;2],
            s![-2..0;-1],
            s![.., 1..],
            s![.., ..-1],
            s![.., ..;-1],
            s![.., 3..0;-2],
            s![.., 0..;3],
            s![..;-1, ..;-1],
            s![.., .., 1..],
            s![..;2, ..;-1, ..-1],
            s![1.., 1..3],
        ];
        for depth in 1..=3 {
            for _ in 0..20 {
                let x = check::random_ragged(&mut rng, depth, 5, -1.0, 1.0);
                // (The positions come from `apply` itself, whose values the Awkward cases of
                // tests/it/slice_awkward_cases.rs check; here they check `scatter_add`.)
                for slice in &slices {
                    let Ok(gather) = slice_gather(x.structure(), &x.type_str(), slice.entries())
                    else {
                        continue;
                    };
                    let ids = positions(&x, &gather);
                    // Every position is a leaf of the input, each at most once (a slice).
                    let mut seen = vec![false; x.content().len()];
                    for &i in &ids {
                        assert!(!std::mem::replace(&mut seen[i], true), "{slice:?}");
                    }
                    check_against_positions(&x, &gather, &ids, &format!("{slice:?}"));
                }
                let len = x.len() as i64;
                if len > 0 {
                    let indices = [len - 1, 0, -1, len / 2, 0];
                    let gather = take_gather(x.structure(), &indices).unwrap();
                    let ids = positions(&x, &gather);
                    check_against_positions(&x, &gather, &ids, "take");
                }
                let mask = x.map(|v| v > 0.0);
                let gather = filter_gather(x.structure(), &mask).unwrap();
                let ids = positions(&x, &gather);
                let kept: Vec<usize> = (0..x.content().len())
                    .filter(|&i| x.content()[i] > 0.0)
                    .collect();
                assert_eq!(ids, kept);
                check_against_positions(&x, &gather, &ids, "filter");
            }
        }
    }

    #[test]
    fn reversed_lists_copy_whole_blocks() {
        let x = crate::array![[1.0, 2.0, 3.0], [], [4.0, 5.0], [6.0]];
        let gather = slice_gather(x.structure(), &x.type_str(), s![..;-1].entries()).unwrap();
        assert_eq!(
            gather.index,
            GatherIndex::Runs(vec![
                Run::new(5, 1, 1),
                Run::new(3, 2, 1),
                Run::new(0, 3, 1)
            ])
        );
        let gather = slice_gather(x.structure(), &x.type_str(), s![.., 1..].entries()).unwrap();
        assert_eq!(
            gather.index,
            GatherIndex::Runs(vec![Run::new(1, 2, 1), Run::new(4, 1, 1)])
        );
    }

    #[test]
    fn flatten_shares_the_content() {
        let x = crate::array![[1.0, 2.0], [], [3.0]];
        let y = flatten_gather(x.structure(), &x.type_str())
            .unwrap()
            .apply(&x);
        assert_eq!(y.content().as_ptr(), x.content().as_ptr());
        assert_eq!(y.type_str(), "3 * float64");
    }
}
