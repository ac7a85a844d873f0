//! Passes over whole lists, a group of lists at a time: before a fused chain's loop runs over
//! a group, where every input's values of each list begin is looked up once for the group,
//! source by source, in loops that know nothing of the chain (generic over the value type
//! only, so compiled once). The chain's own loop then reads, per list, one start per input
//! and slices its values: no `match` on the kind of input, no range resolved, per list.
//!
//! Inputs read in place (flat values, a range inside every list) start in their own
//! buffers. Inputs that gather (single items, lazy combinations) are copied, a group at a
//! time, into a buffer of their own; then a group holds at most [`GATHER_CAP`] positions,
//! and a longer list is cut into pieces, so that the copy stays small. The positions a lazy
//! combination picks are found once per group for each distinct choice ([`Picks`]: the two
//! slots of pairs, however many fields are paired), and each input that makes that choice
//! gathers through them in one plain loop.
//!
//! The pullback of a chain over selections walks the same groups and adds its cotangents
//! back at the positions the inputs were read from ([`Pieces::add_at_sources`]).

use std::ops::Range;

use super::{ListSource, MAX_INPUTS};
use crate::element::{Element, Float};
use crate::positions::ListCombinations;

/// Most pieces (lists, or parts of long lists) in one group.
pub(super) const GROUP: usize = 128;

/// Most positions one group copies per gathering input (a longer list is cut into pieces).
const GATHER_CAP: usize = 2048;

/// Most positions (of all inputs) of a group that [`Pieces::order_pieces`] takes by
/// length: 32 KB of `f64`, what the fastest cache of most processors holds.
const CACHED_POSITIONS: usize = 4096;

/// How many lengths [`Pieces::order_pieces`] tells apart (longer lists share the last).
const LENGTHS: usize = 33;

/// Bytes per cache line.
const CACHE_LINE: usize = 64;

// A piece's number fits in a `u8`, and masking it with `GROUP - 1` keeps it.
const _: () = assert!(GROUP.is_power_of_two() && GROUP <= 256);

/// The pieces of a group in order.
const IN_ORDER: [u8; GROUP] = {
    let mut order = [0; GROUP];
    let mut p = 0;
    while p < GROUP {
        order[p] = p as u8;
        p += 1;
    }
    order
};

/// One group of pieces of lists, and where every input's values of each piece begin.
pub(super) struct Pieces<T> {
    /// How many pieces the group holds.
    count: usize,
    /// The list each piece is of, where in it the piece begins, and how long it is.
    list: [usize; GROUP],
    at: [usize; GROUP],
    len: [usize; GROUP],
    /// Whether the piece ends its list (the list's sum is complete after it).
    ends_list: [bool; GROUP],
    /// For input `k`, where piece `p`'s values begin in [`Pieces::bases`]`[k]`.
    starts: [[usize; GROUP]; MAX_INPUTS],
    /// The group's values of each gathering input, [`GATHER_CAP`] of room (empty for inputs
    /// read in place).
    gathered: [Vec<T>; MAX_INPUTS],
    /// The group's positions of each distinct lazy combination among the inputs.
    picks: Picks,
    /// Whether any input gathers (then groups are capped at [`GATHER_CAP`] positions).
    gathers: bool,
    /// The next piece to take: its list and where in it.
    next: (usize, usize),
    /// The running sums of the list that the last piece left unfinished.
    carried: [T; MAX_INPUTS],
    /// The order in which a sum takes the group's pieces (see [`Pieces::order_pieces`]).
    order: [u8; GROUP],
}

impl<T: Element> Pieces<T> {
    /// An empty group for a pass over `lists` through `sources`.
    pub(super) fn new(sources: &[ListSource<T>], lists: Range<usize>) -> Self {
        let mut combos: [Option<&ListCombinations>; MAX_INPUTS] = [None; MAX_INPUTS];
        for (slot, source) in combos.iter_mut().zip(sources) {
            if let ListSource::Combinations { combos, .. } = source {
                *slot = Some(combos);
            }
        }
        Pieces {
            count: 0,
            list: [0; GROUP],
            at: [0; GROUP],
            len: [0; GROUP],
            // Every piece a whole list unless an input gathers (`cut` then sets both).
            ends_list: [true; GROUP],
            starts: [[0; GROUP]; MAX_INPUTS],
            // Room for one group's values of each gathering input, made once per pass.
            gathered: std::array::from_fn(|k| match sources.get(k) {
                Some(source) if source.gathers() => vec![T::default(); GATHER_CAP],
                _ => Vec::new(),
            }),
            picks: Picks::new(&combos),
            gathers: sources.iter().any(ListSource::gathers),
            next: (lists.start, 0),
            carried: [T::default(); MAX_INPUTS],
            order: IN_ORDER,
        }
    }

    /// Takes the next group of pieces of `lists` (the lists `offsets` of positions) and
    /// looks up every source's starts; `false` when none is left.
    pub(super) fn next_group(
        &mut self,
        sources: &[ListSource<T>],
        offsets: &[i64],
        lists: &Range<usize>,
    ) -> bool {
        self.cut(offsets, lists.end);
        for (k, source) in sources.iter().enumerate() {
            self.look_up(k, source, offsets);
        }
        self.count > 0
    }

    /// Cuts the next pieces: whole lists, up to [`GROUP`] of them, and when an input
    /// gathers, at most [`GATHER_CAP`] positions in all (a longer list in pieces).
    fn cut(&mut self, offsets: &[i64], end: usize) {
        let (mut i, mut at) = self.next;
        let mut count = 0;
        if !self.gathers {
            // Whole lists, in place: `at` stays 0 and `ends_list` true (as `new` set them).
            count = GROUP.min(end - i);
            for (p, (list, len)) in self.list[..count].iter_mut().zip(&mut self.len).enumerate() {
                *list = i + p;
                *len = (offsets[i + p + 1] - offsets[i + p]) as usize;
            }
            self.count = count;
            self.next = (i + count, 0);
            return;
        }
        let mut room = GATHER_CAP;
        while count < GROUP && i < end {
            let whole = (offsets[i + 1] - offsets[i]) as usize;
            let len = (whole - at).min(room);
            if len == 0 && whole > at {
                break; // the group is full; the rest of this list starts the next one
            }
            (self.list[count], self.at[count], self.len[count]) = (i, at, len);
            let ends_list = at + len == whole;
            self.ends_list[count] = ends_list;
            count += 1;
            room -= len;
            if ends_list {
                (i, at) = (i + 1, 0);
            } else {
                at += len;
            }
        }
        self.count = count;
        self.next = (i, at);
    }

    /// Where input `k` (read through `source`) begins each piece of the group, copying its
    /// values first when it gathers.
    fn look_up(&mut self, k: usize, source: &ListSource<T>, offsets: &[i64]) {
        let n = self.count;
        let pieces = self.list[..n].iter().zip(&self.at[..n]);
        let starts = &mut self.starts[k][..n];
        match *source {
            ListSource::Flat(_) => {
                for (start, (&i, &at)) in starts.iter_mut().zip(pieces) {
                    *start = offsets[i] as usize + at;
                }
            }
            ListSource::Ranges { ranges, .. } if !self.gathers => {
                ranges.starts_of_lists(self.list[0], starts);
            }
            ListSource::Ranges { ranges, .. } => {
                ranges.starts_into(&self.list[..n], &self.at[..n], starts);
            }
            ListSource::Items { values, items } => {
                let mut filled = 0;
                for ((start, (&i, &at)), &len) in starts.iter_mut().zip(pieces).zip(&self.len) {
                    *start = filled;
                    let from = offsets[i] as usize + at;
                    let into = &mut self.gathered[k][filled..filled + len];
                    for (slot, &p) in into.iter_mut().zip(&items[from..from + len]) {
                        *slot = values[p];
                    }
                    filled += len;
                }
            }
            ListSource::Combinations { values, combos } => {
                let pieces = (&self.list[..n], &self.at[..n], &self.len[..n]);
                let picks = self.picks.fill(k, combos, pieces, starts);
                // One plain gather over the group's positions, found once per choice.
                for (slot, &p) in self.gathered[k].iter_mut().zip(picks) {
                    *slot = values[p];
                }
            }
        }
    }

    /// The running sums the last group left (zeros when it ended its last list).
    #[inline(always)]
    pub(super) fn carried<const K: usize>(&self) -> [T; K] {
        let mut sums = [T::default(); K];
        sums.copy_from_slice(&self.carried[..K]);
        sums
    }

    /// Keeps the running sums `acc` for the next group.
    #[inline(always)]
    pub(super) fn carry(&mut self, acc: &[T]) {
        self.carried[..acc.len()].copy_from_slice(acc);
    }

    /// Whether an input gathers (its values are copied, a group at a time).
    pub(super) fn gathers(&self) -> bool {
        self.gathers
    }

    /// How many positions the group's longest piece holds (`longest`), or its pieces in
    /// all.
    pub(super) fn positions(&self, longest: bool) -> usize {
        let lens = self.len[..self.count].iter().copied();
        if longest {
            lens.max().unwrap_or(0)
        } else {
            lens.sum()
        }
    }

    /// How many pieces the group holds.
    #[inline(always)]
    pub(super) fn count(&self) -> usize {
        self.count
    }

    /// The piece a sum takes `q`-th (see [`Pieces::order_pieces`]).
    #[inline(always)]
    pub(super) fn order(&self, q: usize) -> usize {
        // Masked, so that the compiler knows it indexes the group's arrays in bounds.
        usize::from(self.order[q]) & (GROUP - 1)
    }

    /// Piece `p`: its list, its length, and whether it ends that list.
    #[inline(always)]
    pub(super) fn piece(&self, p: usize) -> (usize, usize, bool) {
        (self.list[p], self.len[p], self.ends_list[p])
    }

    /// Input `k`'s values of piece `p`, `len` of them, from its base `base`.
    #[inline(always)]
    pub(super) fn values<'b>(&self, base: &'b [T], k: usize, p: usize, len: usize) -> &'b [T] {
        &base[self.starts[k][p]..][..len]
    }

    /// The buffer input `k`'s starts index: its own values, or what the group gathered.
    pub(super) fn bases<'b>(&'b self, sources: &[ListSource<'b, T>]) -> [&'b [T]; MAX_INPUTS] {
        let mut bases: [&[T]; MAX_INPUTS] = [&[]; MAX_INPUTS];
        for (k, (base, source)) in bases.iter_mut().zip(sources).enumerate() {
            *base = in_place(source).unwrap_or(&self.gathered[k]);
        }
        bases
    }
}

impl<T: Float> Pieces<T> {
    /// Takes the group's pieces by length when `by_length` (see [`super::order`]) and they
    /// are whole lists whose values fit in the fastest cache, reading those values once in
    /// order first; else in order. Each list is still summed in order.
    #[inline(never)]
    pub(super) fn order_pieces(&mut self, sources: &[ListSource<T>], by_length: bool) {
        let n = self.count;
        let fits = || self.len[..n].iter().sum::<usize>() * sources.len() <= CACHED_POSITIONS;
        if !by_length || self.gathers || n < 2 || !fits() {
            self.order = IN_ORDER;
            return;
        }
        order_by_length(&self.len[..n], &mut self.order[..n]);
        // The group's values read once in order: the jumps between lists by length would
        // leave the processor's prefetching behind (taken by length without this read, a
        // sum over lists of 0 to 19 values went from 17.4 to 21.5 ms; with it, to 14.4).
        let mut reads = [const { None }; MAX_INPUTS];
        for k in 0..sources.len() {
            if let Some(values) = in_place(&sources[k]) {
                reads[k] = Some((values.as_ptr() as usize, self.span(k)));
            }
        }
        merge_reads(&mut reads[..sources.len()]);
        for k in 0..sources.len() {
            if let (Some(values), Some((_, span))) = (in_place(&sources[k]), reads[k].clone()) {
                Self::touch(values, span);
            }
        }
    }

    /// Reads one value per cache line of `values[range]`, in order, so that they are in
    /// the cache when the sum jumps between the group's lists.
    fn touch(values: &[T], range: Range<usize>) {
        let hi = range.end.min(values.len());
        let step = (CACHE_LINE / std::mem::size_of::<T>()).max(1);
        // Four running sums kept in registers (not a store per value, which filled the
        // store buffer while the reads waited on memory).
        let mut seen = [T::zero(); 4];
        let mut q = range.start;
        while q + 3 * step < hi {
            for (j, s) in seen.iter_mut().enumerate() {
                *s = *s + values[q + j * step];
            }
            q += 4 * step;
        }
        while q < hi {
            seen[0] = seen[0] + values[q];
            q += step;
        }
        std::hint::black_box(seen);
    }

    /// Where input `k`'s values of the group lie: between its first and last piece (lists
    /// in order or in reverse order).
    fn span(&self, k: usize) -> Range<usize> {
        let n = self.count;
        let (starts, lens) = (&self.starts[k][..n], &self.len[..n]);
        let (a, b) = (starts[0], starts[n - 1]);
        a.min(b)..(a + lens[0]).max(b + lens[n - 1])
    }

    /// `acc[q - base] += values[j]` for the position `q` that input `k` (read through
    /// `source`, a range of every list or a lazy combination) reads for position `j` of the
    /// group's pieces `pieces`: the transpose of reading them. Out of line, generic over the
    /// value type only.
    #[inline(never)]
    pub(super) fn add_at_sources(
        &self,
        (k, pieces): (usize, Range<usize>),
        source: &ListSource<T>,
        values: &[T],
        base: usize,
        acc: &mut [T],
    ) {
        match *source {
            ListSource::Ranges { .. } => {
                let mut filled = 0;
                for (&start, &len) in self.starts[k][pieces.clone()].iter().zip(&self.len[pieces]) {
                    let into = &mut acc[start - base..start - base + len];
                    for (a, &v) in into.iter_mut().zip(&values[filled..filled + len]) {
                        *a = *a + v;
                    }
                    filled += len;
                }
            }
            ListSource::Combinations { .. } => {
                let picks = &self.picks.of(k)[self.starts[k][pieces.start]..];
                for (&v, &q) in values.iter().zip(picks) {
                    acc[q - base] = acc[q - base] + v;
                }
            }
            ListSource::Flat(_) | ListSource::Items { .. } => {
                unreachable!("only ranges and combinations are scattered in place")
            }
        }
    }
}

/// `order` = the pieces `0..` of lengths `lens` by length, pieces of one length in their
/// order (a counting sort; lengths of `LENGTHS - 1` and more share the last bucket). Not
/// generic, so compiled once, in this crate.
fn order_by_length(lens: &[usize], order: &mut [u8]) {
    let bucket = |len: usize| len.min(LENGTHS - 1);
    let mut firsts = [0usize; LENGTHS];
    for &len in lens {
        firsts[bucket(len)] += 1;
    }
    let mut at = 0;
    for first in &mut firsts {
        (*first, at) = (at, at + *first);
    }
    for (p, &len) in lens.iter().enumerate() {
        let slot = &mut firsts[bucket(len)];
        order[*slot] = p as u8;
        *slot += 1;
    }
}

/// Each buffer read once: `reads[k]` is where input `k` reads (its buffer's address and a
/// span of it, `None` for an input that gathers), and a later read of a buffer is merged
/// into the first (the two inputs of `x[:, 1:] * x[:, :-1]` read one buffer). Not generic.
fn merge_reads(reads: &mut [Option<(usize, Range<usize>)>]) {
    for k in 1..reads.len() {
        let Some((address, span)) = reads[k].clone() else {
            continue;
        };
        let first = reads[..k]
            .iter_mut()
            .flatten()
            .find(|(other, _)| *other == address);
        if let Some((_, merged)) = first {
            *merged = merged.start.min(span.start)..merged.end.max(span.end);
            reads[k] = None;
        }
    }
}

/// The buffer an input reads in place (flat values, a range inside every list).
fn in_place<'a, T>(source: &ListSource<'a, T>) -> Option<&'a [T]> {
    match *source {
        ListSource::Flat(values) | ListSource::Ranges { values, .. } => Some(values),
        ListSource::Items { .. } | ListSource::Combinations { .. } => None,
    }
}

/// The positions that the lazy combinations among a pass's inputs pick in one group, found
/// once per distinct choice: the two slots of pairs over three fields are two choices, not
/// six. Not generic, so compiled once, in this crate.
struct Picks {
    /// For input `k`, the first input `j <= k` that chooses the same positions (itself for
    /// inputs that are not lazy combinations).
    same_as: [usize; MAX_INPUTS],
    /// The group's positions of each distinct choice (empty for the other inputs).
    picks: [Vec<usize>; MAX_INPUTS],
}

impl Picks {
    /// Room for the choices among `combos` (the inputs that are lazy combinations).
    fn new(combos: &[Option<&ListCombinations>; MAX_INPUTS]) -> Picks {
        let mut same_as = [0; MAX_INPUTS];
        let mut picks: [Vec<usize>; MAX_INPUTS] = Default::default();
        for (k, choice) in combos.iter().enumerate() {
            same_as[k] = k;
            if let Some(choice) = choice {
                let same = |other: &Option<&ListCombinations>| {
                    other.is_some_and(|other| other.same_choices(choice))
                };
                same_as[k] = combos[..k].iter().position(same).unwrap_or(k);
                if same_as[k] == k {
                    picks[k] = vec![0; GATHER_CAP];
                }
            }
        }
        Picks { same_as, picks }
    }

    /// The positions input `k` picks, piece after piece (`starts` set to where each piece
    /// begins among them), for the pieces `(lists, at, len)`: found now for the first input
    /// of its choice, the same as that input's for the others.
    fn fill(
        &mut self,
        k: usize,
        combos: &ListCombinations,
        (lists, at, len): (&[usize], &[usize], &[usize]),
        starts: &mut [usize],
    ) -> &[usize] {
        let mut filled = 0;
        for (((start, &i), &at), &len) in starts.iter_mut().zip(lists).zip(at).zip(len) {
            *start = filled;
            if self.same_as[k] == k {
                combos.positions_into(i, at, &mut self.picks[k][filled..filled + len]);
            }
            filled += len;
        }
        &self.picks[self.same_as[k]][..filled]
    }

    /// The positions input `k` picks in the group.
    fn of(&self, k: usize) -> &[usize] {
        &self.picks[self.same_as[k]]
    }
}
