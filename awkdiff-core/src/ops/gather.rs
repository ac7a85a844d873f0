//! [`Gather`]: the structural core of every slice. A slice, a `take`, a `filter` or a
//! `flatten` is a new structure plus, for each of its leaves, the input leaf it copies.
//! The primal applies the gather to the values, the JVP to the tangent, and the VJP adds
//! the cotangent back at the same positions (repeated positions accumulate).
//!
//! How a gather is computed from a slice, indices, a mask or a flatten is in
//! `selection.rs`; this file holds what a gather is and does (apply, scatter back).
//!
//! A slice does not copy at once: its array keeps the source's values and the gather
//! ([`SliceGather`]); fused elementwise kernels read the source through contiguous runs,
//! anything else gathers the values once on first read, and the slice's JVP and VJP rules
//! reuse the gather instead of computing it again.

use std::any::Any;
use std::ops::Range;
use std::sync::Arc;

use crate::element::{Element, Float};
use crate::layout::{Array, Structure};
use crate::ops::slice_spec::SliceEntry;
use crate::pool;
use crate::positions::{
    ListCombinations, ListRanges, Picks, Positions as GatherIndex, Run, RunsRef,
};

/// Appends `run` to `runs`, merging it into the last run when it continues it.
pub(super) fn push_run(runs: &mut Vec<Run>, run: Run) {
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
    pub(crate) fn contiguous_runs(&self) -> Option<RunsRef<'_>> {
        match &self.gather.index {
            GatherIndex::Runs(runs) if self.contiguous => Some(RunsRef::Listed(runs)),
            GatherIndex::Ranges(ranges) => Some(RunsRef::Ranges(ranges)),
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

/// A gather applied lazily ([`Gather::apply_lazy`]) is what its buffers pick.
impl Picks for Gather {
    fn positions(&self) -> &GatherIndex {
        &self.index
    }

    fn count(&self) -> usize {
        self.structure.content_len()
    }

    fn runs_in_place(&self) -> Option<RunsRef<'_>> {
        self.index.contiguous_runs()
    }

    fn items_in_place(&self) -> Option<&[usize]> {
        match &self.index {
            GatherIndex::Items(items) => Some(items),
            GatherIndex::Runs(_) | GatherIndex::Ranges(_) | GatherIndex::Combinations(_) => None,
        }
    }

    fn combinations_in_place(&self) -> Option<&ListCombinations> {
        match &self.index {
            GatherIndex::Combinations(combos) => Some(combos),
            _ => None,
        }
    }

    fn into_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync> {
        self
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

    fn runs_in_place(&self) -> Option<RunsRef<'_>> {
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
        let runs = match &self.index {
            GatherIndex::Runs(runs) => runs,
            // Ranges inside lists in order neither overlap nor go back.
            GatherIndex::Ranges(_) => return Layout::Ascending,
            GatherIndex::Items(_) | GatherIndex::Combinations(_) => return Layout::Irregular,
        };
        match runs.as_slice() {
            [] if input_len == 0 => return Layout::Identity,
            [only] if only.step == 1 && only.start == 0 && only.len == input_len => {
                return Layout::Identity;
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

    /// [`Gather::apply`] without copying: the output array reads `x`'s values through the
    /// gather's positions (shared by every array it is applied to) until its content is
    /// first needed as a whole; fused kernels read single-item positions in place.
    pub(crate) fn apply_lazy<T: Element>(self: &Arc<Self>, x: &Array<T>) -> Array<T> {
        if let Layout::Identity = self.layout(x.structure().content_len()) {
            return x.with_structure(self.structure.clone());
        }
        let eager = !matches!(
            self.index,
            GatherIndex::Items(_) | GatherIndex::Combinations(_)
        ) && self.contiguous_runs().is_none();
        let buffer = crate::buffer::Buffer::sliced(
            x.buffer().clone(),
            self.clone() as Arc<dyn Picks>,
            eager,
        );
        Array::from_buffer_unchecked(self.structure.clone(), buffer)
    }

    /// The output leaves of `gather` from the input leaves `content`, copied into one buffer.
    pub(crate) fn gather_values<T: Element>(content: &[T], gather: &Gather) -> Vec<T> {
        gather.index.gather(content, gather.structure.content_len())
    }

    /// The runs, when every one is ascending and contiguous (what a fused kernel reads in
    /// place).
    pub(crate) fn contiguous_runs(&self) -> Option<RunsRef<'_>> {
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
            (GatherIndex::Combinations(_), _) => {
                let mut out = zeros(n);
                self.scatter_add_into(&mut out, ct_values);
                out
            }
            (GatherIndex::Ranges(ranges), _) => scatter_ranges(ranges, ct_values, n),
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

impl Gather {
    /// Adds the output leaves `ct` into `acc` (the input's leaves) at the leaves they came
    /// from, in place: [`Gather::scatter_add`] added to a cotangent already there, without
    /// the zero-filled temporary. Repeats accumulate.
    pub(crate) fn scatter_add_into<T: Float>(&self, acc: &mut [T], ct: &[T]) {
        let add = |into: &mut [T], from: &[T]| {
            for (a, &c) in into.iter_mut().zip(from) {
                *a = *a + c;
            }
        };
        match &self.index {
            GatherIndex::Runs(runs) => {
                let mut used = 0;
                for run in runs {
                    let values = &ct[used..used + run.len];
                    match run.step {
                        1 => add(&mut acc[run.start..run.start + run.len], values),
                        _ => {
                            for (k, &c) in values.iter().enumerate() {
                                let i = run.position(k);
                                acc[i] = acc[i] + c;
                            }
                        }
                    }
                    used += run.len;
                }
            }
            GatherIndex::Ranges(ranges) => {
                let mut used = 0;
                ranges.for_each_run(|_, run| {
                    add(
                        &mut acc[run.start..run.start + run.len],
                        &ct[used..used + run.len],
                    );
                    used += run.len;
                });
            }
            GatherIndex::Items(items) => {
                for (&i, &c) in items.iter().zip(ct) {
                    acc[i] = acc[i] + c;
                }
            }
            GatherIndex::Combinations(combos) => {
                let mut values = ct.iter();
                combos.for_each_list(&mut |picks| {
                    for (&p, &c) in picks.iter().zip(values.by_ref()) {
                        acc[p] = acc[p] + c;
                    }
                });
            }
        }
    }
}

/// `n` leaves: the values `ct` at the ranges (one per list), zeros elsewhere, written in
/// one pass in the order of the leaves, so that nothing is zero-filled first and then
/// overwritten: lists in reverse order (`x[::-1]`) are taken last first, their cotangents
/// from the back of `ct`. Element loops, not a copy call per list (lists are short).
fn scatter_ranges<T: Float>(ranges: &ListRanges, ct: &[T], n: usize) -> Vec<T> {
    let mut out = pool::take(n);
    let mut put = |run: Run, values: &[T]| {
        while out.len() < run.start {
            out.push(T::zero());
        }
        for &c in values {
            out.push(c);
        }
    };
    if ranges.ascending() {
        let mut used = 0;
        ranges.for_each_run(|_, run| {
            put(run, &ct[used..used + run.len]);
            used += run.len;
        });
    } else {
        // List `i` of the slice is its `lists - 1 - i`-th in the leaves' order.
        let mut end = ct.len();
        for i in (0..ranges.lists()).rev() {
            let run = ranges.run(i);
            put(run, &ct[end - run.len..end]);
            end -= run.len;
        }
    }
    out.resize(n, T::zero());
    out
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

pub(crate) use super::selection::{filter_gather, flatten_gather, slice_gather, take_gather};

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
        // Whole lists in reverse order: each list's run computed when read, last list first.
        let listed = |gather: &Gather| -> Vec<Run> {
            let runs = gather.index.contiguous_runs().unwrap();
            (0..runs.len())
                .map(|i| runs.get(i))
                .filter(|r| r.len > 0)
                .collect()
        };
        let gather = slice_gather(x.structure(), &x.type_str(), s![..;-1].entries()).unwrap();
        assert!(matches!(gather.index, GatherIndex::Ranges(_)));
        assert_eq!(
            listed(&gather),
            [Run::new(5, 1, 1), Run::new(3, 2, 1), Run::new(0, 3, 1)]
        );
        assert_eq!(
            Gather::gather_values(x.content(), &gather),
            [6.0, 4.0, 5.0, 1.0, 2.0, 3.0]
        );
        // A range inside the innermost lists writes no runs: each list's is computed.
        let gather = slice_gather(x.structure(), &x.type_str(), s![.., 1..].entries()).unwrap();
        assert!(matches!(gather.index, GatherIndex::Ranges(_)));
        let runs = gather.index.contiguous_runs().unwrap();
        let lens: Vec<usize> = (0..runs.len()).map(|i| runs.get(i).len).collect();
        assert_eq!(lens, [2, 0, 1, 0]);
        assert_eq!(listed(&gather), [Run::new(1, 2, 1), Run::new(4, 1, 1)]);
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
