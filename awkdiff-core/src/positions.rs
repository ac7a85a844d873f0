//! Positions in a flat buffer: which values of a source a lazy buffer (a slice not copied
//! yet) stands for, in order. This is all the storage layer knows of a slice: runs of
//! positions or single positions, never the `s!` entries or the structure that made them
//! (those live in `ops::gather`, above).

use std::any::Any;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use crate::pool;

/// The source positions `start, start + step, ...` (`len` of them), in that order: the
/// selection of one list (or of many adjacent ones), so that copying moves whole blocks
/// instead of following one index per value. A run of one position has step 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Run {
    pub(crate) start: usize,
    pub(crate) len: usize,
    pub(crate) step: isize,
}

impl Run {
    /// The run of `len` positions from `start` by `step` (normalised: step 1 when `len <= 1`).
    pub(crate) fn new(start: usize, len: usize, step: isize) -> Run {
        let step = if len <= 1 { 1 } else { step };
        Run { start, len, step }
    }

    /// Position `k` of the run.
    pub(crate) fn position(&self, k: usize) -> usize {
        (self.start as isize + k as isize * self.step) as usize
    }

    /// The positions it covers as an ascending range, when they are contiguous (step 1 or -1).
    pub(crate) fn span(&self) -> Option<Range<usize>> {
        match self.step {
            1 => Some(self.start..self.start + self.len),
            -1 => Some(self.start + 1 - self.len..self.start + 1),
            _ => None,
        }
    }
}

/// One ascending range of positions per list, computed from the source's list offsets when
/// read, never written out: what a range inside the innermost lists (`x[.., 1..]`, step 1)
/// or whole innermost lists in reverse order (`x[::-1]`) pick. List `i` of the result is
/// the source's list `first_list + i * list_step` cut to `start..end` (resolved as Python
/// does on that list's length).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListRanges {
    /// The offsets of the source's innermost lists (shared with its structure).
    source_offsets: Arc<[i64]>,
    first_list: usize,
    lists: usize,
    /// 1, or -1 for lists in reverse order.
    list_step: isize,
    start: Option<isize>,
    end: Option<isize>,
    /// How many positions are picked in all.
    count: usize,
}

impl ListRanges {
    /// The range `start..end` of `lists` lists of `source_offsets`, from `first_list` by
    /// `list_step` (1 or -1), `count` positions in all.
    pub(crate) fn new(
        source_offsets: Arc<[i64]>,
        (first_list, lists, list_step): (usize, usize, isize),
        (start, end): (Option<isize>, Option<isize>),
        count: usize,
    ) -> Self {
        debug_assert!(list_step == 1 || list_step == -1);
        ListRanges {
            source_offsets,
            first_list,
            lists,
            list_step,
            start,
            end,
            count,
        }
    }

    /// The picked positions of list `i` (empty for an empty list).
    #[inline(always)]
    pub(crate) fn run(&self, i: usize) -> Run {
        let list = (self.first_list as isize + i as isize * self.list_step) as usize;
        let (lo, hi) = (self.source_offsets[list], self.source_offsets[list + 1]);
        let (first, count) = range_in_list(self.start, self.end, (hi - lo) as usize);
        Run {
            start: lo as usize + first,
            len: count,
            step: 1,
        }
    }

    /// `out[p] = `[`run`](Self::run)`(lists[p]).start + at[p]`: where each of `lists` begins
    /// (plus an offset into it), the bound resolved once for all of them.
    pub(crate) fn starts_into(&self, lists: &[usize], at: &[usize], out: &mut [usize]) {
        let (first_list, step) = (self.first_list as isize, self.list_step);
        let offsets = &*self.source_offsets;
        let bounds = move |i: usize| {
            let list = (first_list + i as isize * step) as usize;
            (offsets[list], offsets[list + 1])
        };
        let pieces = lists.iter().zip(at).map(|(&i, &at)| (bounds(i), at));
        resolve_starts(self.start, out.iter_mut().zip(pieces));
    }

    /// The bounds `(lo, hi)` in the source of the lists `first..first + n`, in order: one
    /// sweep over the source's offsets, forwards, or backwards for lists in reverse order.
    #[inline(always)]
    fn list_bounds(&self, first: usize, n: usize) -> impl Iterator<Item = (i64, i64)> + '_ {
        let forward = self.list_step > 0;
        let lowest = if forward {
            self.first_list + first
        } else {
            (self.first_list + 1) - (first + n)
        };
        let offsets = &self.source_offsets[lowest..lowest + n + 1];
        (0..n).map(move |p| {
            let q = if forward { p } else { n - 1 - p };
            (offsets[q], offsets[q + 1])
        })
    }

    /// `out[p] = `[`run`](Self::run)`(first + p).start` for every `p < out.len()`: where
    /// each of the consecutive lists `first..` begins, the kind of bound matched once.
    pub(crate) fn starts_of_lists(&self, first: usize, out: &mut [usize]) {
        let bounds = self.list_bounds(first, out.len()).map(|b| (b, 0));
        resolve_starts(self.start, out.iter_mut().zip(bounds));
    }

    /// `visit(i, run(i))` for every list `i` in order (as [`run`](Self::run)), the runs
    /// worked out a group of lists at a time in one sweep over the source's offsets, apart
    /// from the visits (with the two in one loop, a list's bounds waited on its visit).
    #[inline(always)]
    pub(crate) fn for_each_run(&self, mut visit: impl FnMut(usize, Run)) {
        const GROUP: usize = 128;
        let (mut starts, mut lens) = ([0usize; GROUP], [0usize; GROUP]);
        let mut first = 0;
        while first < self.lists {
            let n = GROUP.min(self.lists - first);
            self.runs_into(first, &mut starts[..n], &mut lens[..n]);
            for (p, (&start, &len)) in starts[..n].iter().zip(&lens[..n]).enumerate() {
                visit(
                    first + p,
                    Run {
                        start,
                        len,
                        step: 1,
                    },
                );
            }
            first += n;
        }
    }

    /// `(starts[p], lens[p])`: where the range of list `first + p` begins and how long it
    /// is, for every `p < starts.len()` (as [`run`](Self::run), in one sweep).
    pub(crate) fn runs_into(&self, first: usize, starts: &mut [usize], lens: &mut [usize]) {
        let (start, end) = (self.start, self.end);
        let bounds = self.list_bounds(first, starts.len());
        for ((s, l), (lo, hi)) in starts.iter_mut().zip(lens.iter_mut()).zip(bounds) {
            let (at, len) = range_in_list(start, end, (hi - lo) as usize);
            (*s, *l) = (lo as usize + at, len);
        }
    }

    /// How many lists.
    pub(crate) fn lists(&self) -> usize {
        self.lists
    }

    /// Whether these are `lists` ranges, range `i` inside list `i` of `source_offsets`
    /// (the very buffer they were made from).
    pub(crate) fn reads_lists_of(&self, source_offsets: &[i64], lists: usize) -> bool {
        self.list_step == 1
            && self.first_list == 0
            && self.lists == lists
            && std::ptr::eq(&*self.source_offsets, source_offsets)
    }

    /// Whether the lists are in their source's order (else in reverse order).
    pub(crate) fn ascending(&self) -> bool {
        self.list_step > 0
    }

    /// How many positions are picked in all.
    pub(crate) fn count(&self) -> usize {
        self.count
    }
}

/// `*out = lo + first + at` for every `(out, ((lo, hi), at))`, `first` being where the
/// range from `start` (as in [`range_in_list`]) begins in the list `lo..hi` of the source.
/// The kind of bound is matched once, outside the loop.
#[inline(always)]
fn resolve_starts<'o>(
    start: Option<isize>,
    pieces: impl Iterator<Item = (&'o mut usize, ((i64, i64), usize))>,
) {
    match start {
        None => pieces.for_each(|(o, ((lo, _), at))| *o = lo as usize + at),
        Some(s) if s >= 0 => pieces.for_each(|(o, ((lo, hi), at))| {
            *o = (lo + (s as i64).min(hi - lo)) as usize + at;
        }),
        Some(s) => pieces.for_each(|(o, ((lo, hi), at))| {
            *o = (lo + (hi - lo + s as i64).max(0)) as usize + at;
        }),
    }
}

/// The first position and the length of `start..end` (step 1) in a list of `len` values,
/// as Python's `slice.indices` resolves it.
#[inline(always)]
pub(crate) fn range_in_list(
    start: Option<isize>,
    end: Option<isize>,
    len: usize,
) -> (usize, usize) {
    let len = len as isize;
    let clip = |bound: isize| (if bound < 0 { bound + len } else { bound }).clamp(0, len);
    let first = start.map_or(0, clip);
    let stop = end.map_or(len, clip);
    (first as usize, (stop - first).max(0) as usize)
}

/// The `slot`-th element of every choice of `k` elements of each innermost list, the
/// choices of a list in lexicographic order, computed when read and never written out:
/// what `argcombinations` gives (`local`: positions within each list) and what indexing by
/// it picks (positions in the content).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListCombinations {
    /// The offsets of the combined array's innermost lists (shared with its structure).
    source_offsets: Arc<[i64]>,
    k: usize,
    slot: usize,
    local: bool,
}

/// Lists shorter than this find their pairs' positions in [`PAIR_TABLE`].
const PAIR_TABLE_LISTS: usize = 32;
/// How many pairs the lists of 0 to `PAIR_TABLE_LISTS - 1` elements have in all.
const PAIR_TABLE_LEN: usize =
    PAIR_TABLE_LISTS * (PAIR_TABLE_LISTS - 1) * (PAIR_TABLE_LISTS - 2) / 6;

/// The pairs `(a, b)`, `a < b`, of every list of fewer than [`PAIR_TABLE_LISTS`] elements,
/// in order, as positions within the list: the pairs of a list of `n` are
/// `slots[0][starts[n]..]` and `slots[1][starts[n]..]`, `n (n - 1) / 2` of each.
struct PairTable {
    starts: [usize; PAIR_TABLE_LISTS],
    slots: [[u8; PAIR_TABLE_LEN]; 2],
}

/// Written by the compiler (see [`PairTable`]).
static PAIR_TABLE: PairTable = {
    let mut table = PairTable {
        starts: [0; PAIR_TABLE_LISTS],
        slots: [[0; PAIR_TABLE_LEN]; 2],
    };
    let (mut n, mut o) = (0, 0);
    while n < PAIR_TABLE_LISTS {
        table.starts[n] = o;
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n {
                table.slots[0][o] = a as u8;
                table.slots[1][o] = b as u8;
                o += 1;
                b += 1;
            }
            a += 1;
        }
        n += 1;
    }
    table
};

/// `n choose k`, for the small `k` of combinations (0 when `n < k`).
pub(crate) fn choose(n: usize, k: usize) -> usize {
    if n < k {
        return 0;
    }
    (0..k).fold(1usize, |acc, i| acc * (n - i) / (i + 1))
}

/// Most elements a lazy combination chooses.
pub(crate) const MAX_CHOOSE: usize = 8;

impl ListCombinations {
    /// Slot `slot` of the choices of `k` elements of the lists `source_offsets`, as
    /// positions within each list (`local`) or in the content.
    pub(crate) fn new(source_offsets: Arc<[i64]>, (k, slot): (usize, usize), local: bool) -> Self {
        assert!(
            k <= MAX_CHOOSE && slot < k,
            "choices of at most {MAX_CHOOSE} elements"
        );
        ListCombinations {
            source_offsets,
            k,
            slot,
            local,
        }
    }

    /// The same choices as positions in the content.
    pub(crate) fn in_content(&self) -> Self {
        ListCombinations {
            local: false,
            ..self.clone()
        }
    }

    /// Whether the positions are within each list, and the offsets of the combined lists.
    pub(crate) fn source(&self) -> (bool, &Arc<[i64]>) {
        (self.local, &self.source_offsets)
    }

    /// How many lists.
    pub(crate) fn lists(&self) -> usize {
        self.source_offsets.len() - 1
    }

    /// Whether `other` chooses the same positions: the same lists (one offsets buffer), `k`,
    /// slot and kind of position.
    pub(crate) fn same_choices(&self, other: &ListCombinations) -> bool {
        Arc::ptr_eq(&self.source_offsets, &other.source_offsets)
            && (self.k, self.slot, self.local) == (other.k, other.slot, other.local)
    }

    /// The positions of the choices `at..at + out.len()` of list `i`, written to `out`
    /// (for pairs of lists of a whole list, from a table or row by row).
    pub(crate) fn positions_into(&self, i: usize, at: usize, out: &mut [usize]) {
        let (lo, hi) = (
            self.source_offsets[i] as usize,
            self.source_offsets[i + 1] as usize,
        );
        let n = hi - lo;
        let base = if self.local { 0 } else { lo };
        let whole_list = at == 0 && out.len() == n * n.saturating_sub(1) / 2;
        if self.k == 2 && whole_list && n < PAIR_TABLE_LISTS {
            // One plain loop over the table's pairs of a list of `n`.
            let from = PAIR_TABLE.starts[n];
            let local = &PAIR_TABLE.slots[self.slot][from..from + out.len()];
            for (slot, &p) in out.iter_mut().zip(local) {
                *slot = base + p as usize;
            }
            return;
        }
        if self.k == 2 && whole_list {
            let mut o = 0;
            for a in 0..n {
                let row = &mut out[o..o + (n - 1 - a)];
                if self.slot == 0 {
                    row.fill(base + a);
                } else {
                    for (slot, p) in row.iter_mut().zip(base + a + 1..) {
                        *slot = p;
                    }
                }
                o += n - 1 - a;
            }
            return;
        }
        let mut slots = out.iter_mut();
        self.visit(i, at, slots.len(), |p| {
            if let Some(slot) = slots.next() {
                *slot = p;
            }
        });
    }

    /// `visit(positions)` with the positions of every choice of list `i`, for every list
    /// in order. Not generic, so that callers over any value type share this one copy.
    pub(crate) fn for_each_list(&self, visit: &mut dyn FnMut(&[usize])) {
        let mut positions = Vec::new();
        for (i, w) in self.source_offsets.windows(2).enumerate() {
            positions.resize(choose((w[1] - w[0]) as usize, self.k), 0);
            self.positions_into(i, 0, &mut positions);
            visit(&positions);
        }
    }

    /// `visit(position)` for the choices `at..at + len` of list `i`, in order.
    #[inline(always)]
    pub(crate) fn visit(&self, i: usize, at: usize, len: usize, mut visit: impl FnMut(usize)) {
        let (lo, hi) = (
            self.source_offsets[i] as usize,
            self.source_offsets[i + 1] as usize,
        );
        let (n, k) = (hi - lo, self.k);
        if len == 0 || n < k {
            return;
        }
        let base = if self.local { 0 } else { lo };
        let end = at.saturating_add(len);
        if k == 2 {
            // Pairs: the plain double loop, whole rows before `at` skipped.
            let mut index = 0;
            for a in 0..n {
                let row = n - 1 - a;
                if index + row <= at {
                    index += row;
                    continue;
                }
                for b in a + 1..n {
                    if index >= at {
                        visit(base + if self.slot == 0 { a } else { b });
                        if index + 1 == end {
                            return;
                        }
                    }
                    index += 1;
                }
            }
            return;
        }
        let mut choice = [0usize; MAX_CHOOSE];
        for (s, c) in choice[..k].iter_mut().enumerate() {
            *c = s;
        }
        let mut index = 0;
        loop {
            if index >= at {
                visit(base + choice[self.slot]);
                if index + 1 == end {
                    return;
                }
            }
            index += 1;
            // The rightmost slot that can still move right, then the ones after it packed.
            let Some(s) = (0..k).rev().find(|&s| choice[s] < n - k + s) else {
                return;
            };
            choice[s] += 1;
            for t in s + 1..k {
                choice[t] = choice[t - 1] + 1;
            }
        }
    }
}

/// The runs a kernel reads in place: listed one by one, or one range per list computed
/// when read. Some may be empty (a range of an empty list).
#[derive(Debug, Clone, Copy)]
pub(crate) enum RunsRef<'a> {
    /// Runs written out.
    Listed(&'a [Run]),
    /// One run per list ([`ListRanges::run`]).
    Ranges(&'a ListRanges),
}

impl RunsRef<'_> {
    /// How many runs.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        match self {
            RunsRef::Listed(runs) => runs.len(),
            RunsRef::Ranges(ranges) => ranges.lists,
        }
    }

    /// Run `i`.
    #[inline(always)]
    pub(crate) fn get(&self, i: usize) -> Run {
        match self {
            RunsRef::Listed(runs) => runs[i],
            RunsRef::Ranges(ranges) => ranges.run(i),
        }
    }
}

/// Which source positions are picked, in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Positions {
    /// Runs of positions, one after the other (every slice, take and flatten).
    Runs(Vec<Run>),
    /// Any positions, one each, repeats allowed (leaf-level indices and masks).
    Items(Vec<usize>),
    /// A range inside every innermost list, computed when read ([`ListRanges`]).
    Ranges(ListRanges),
    /// One element of every choice of `k` per innermost list ([`ListCombinations`]).
    Combinations(ListCombinations),
}

impl Positions {
    /// The picked values of `source` (`len` of them), copied into one buffer, block by
    /// block for runs.
    pub(crate) fn gather<T: Copy + Send + 'static>(&self, source: &[T], len: usize) -> Vec<T> {
        let mut out = pool::take(len);
        match self {
            Positions::Runs(runs) => {
                for run in runs {
                    match run.span() {
                        Some(span) if run.step == 1 => out.extend_from_slice(&source[span]),
                        Some(span) => out.extend(source[span].iter().rev()),
                        None => out.extend((0..run.len).map(|k| source[run.position(k)])),
                    }
                }
            }
            Positions::Items(items) => out.extend(items.iter().map(|&i| source[i])),
            Positions::Ranges(ranges) => ranges.for_each_run(|_, run| {
                out.extend_from_slice(&source[run.start..run.start + run.len]);
            }),
            Positions::Combinations(combos) => {
                combos.for_each_list(&mut |picks| out.extend(picks.iter().map(|&p| source[p])));
            }
        }
        out
    }

    /// The runs, when every one is ascending and contiguous (what a kernel reads in place).
    pub(crate) fn contiguous_runs(&self) -> Option<RunsRef<'_>> {
        match self {
            Positions::Runs(runs) if runs.iter().all(|r| r.step == 1) => {
                Some(RunsRef::Listed(runs))
            }
            Positions::Ranges(ranges) => Some(RunsRef::Ranges(ranges)),
            _ => None,
        }
    }
}

/// The vectors go back to the buffer pool (a slice of a million lists has a million runs:
/// 24 MB).
impl Drop for Positions {
    fn drop(&mut self) {
        match self {
            Positions::Runs(runs) => pool::recycle(std::mem::take(runs)),
            Positions::Items(items) => pool::recycle(std::mem::take(items)),
            Positions::Ranges(_) | Positions::Combinations(_) => {}
        }
    }
}

/// What a lazy buffer holds of the slice that made it: the positions it picks and how many,
/// and the slice itself, opaque here, for the layer above to take back.
pub(crate) trait Picks: Send + Sync + RefUnwindSafe + UnwindSafe {
    /// The picked positions, in order.
    fn positions(&self) -> &Positions;
    /// How many values are picked.
    fn count(&self) -> usize;
    /// The runs when a kernel can read them in place (see [`Positions::contiguous_runs`]).
    fn runs_in_place(&self) -> Option<RunsRef<'_>>;
    /// The positions one by one, when a kernel can read them in place (a gather of single
    /// items, such as jagged indexing's).
    fn items_in_place(&self) -> Option<&[usize]> {
        None
    }
    /// The choices, when a kernel can read them in place (lazy combinations).
    fn combinations_in_place(&self) -> Option<&ListCombinations> {
        None
    }
    /// The slice itself, for the layer that made it.
    fn into_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync>;
}
