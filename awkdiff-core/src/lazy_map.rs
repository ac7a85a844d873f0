//! Elementwise passes over arrays some of which may be lazy slices: a slice not gathered
//! yet is read in place, run by run, from its source's values instead of being copied
//! first. The plain operators and unary methods ([`map_values`], [`zip_values`]) and the
//! fused chains of `ops::fused` ([`map_groups`]) all go through here.
//!
//! One path serves flat buffers and slices alike: the positions are cut into chunks (one
//! per thread task for large arrays), each chunk into blocks that end where a slice's run
//! ends (a flat buffer never ends a block), and each block is one plain loop over
//! contiguous slices ([`block_loop`]). The walk over blocks and the threads are generic over
//! the value type only; a fused chain's closure is compiled into one loop, once.

use std::ops::Range;
use std::sync::Arc;

use crate::buffer::Buffer;
use crate::element::{Element, Float};
use crate::kernels;
use crate::layout::Array;
use crate::positions::{ListCombinations, ListRanges, RunsRef};

mod order;
mod pieces;
use order::ListOrder;
use pieces::Pieces;

/// `body` for each input `k < n`: inputs 0 to 7 (all a chain the macro fuses has) written
/// out with a constant `k`, any further ones in a loop. With constant indices the compiler
/// tells the inputs apart (the length of each one's slice, for one) before it unrolls
/// loops, which a release build with several codegen units does late: a loop over `k` left
/// every chain's loop a bounds check per value, which also kept it from being unrolled.
macro_rules! each_input {
    ($k:ident < $n:expr => $body:expr) => {{
        each_input!(@ $k, $n, $body; 0 1 2 3 4 5 6 7);
        for $k in 8..$n {
            $body;
        }
    }};
    (@ $k:ident, $n:expr, $body:expr; $($i:literal)*) => {
        $(
            if $i < $n {
                let $k = $i;
                $body;
            }
        )*
    };
}

/// Where a fused pass reads one input's values.
#[derive(Clone, Copy)]
enum Source<'a, T> {
    /// One buffer, in order.
    Flat(&'a [T]),
    /// A slice not gathered yet: the values of its runs in its source, one after the other.
    Runs { values: &'a [T], runs: RunsRef<'a> },
    /// A gather of single items not gathered yet (jagged indexing): the values at `items`,
    /// copied block by block into a small buffer as a pass reads them.
    Items { values: &'a [T], items: &'a [usize] },
}

impl<'a, T: Element> Source<'a, T> {
    /// Where a pass reads `x`: in place through its runs or items when it is a slice or a
    /// gather not materialised yet, else its values.
    fn of(x: &'a Array<T>) -> Self {
        if let Some((values, runs)) = x.buffer().runs_in_place() {
            return Source::Runs { values, runs };
        }
        if let Some((values, items)) = x.buffer().items_in_place() {
            return Source::Items { values, items };
        }
        Source::Flat(x.content())
    }

    /// How many of the next `want` positions, from `cursor`, one block can take.
    #[inline]
    fn block(&self, cursor: &Cursor, want: usize) -> usize {
        match self {
            Source::Flat(_) => want,
            Source::Runs { .. } => want.min(cursor.run_len - cursor.at),
            Source::Items { .. } => want.min(ITEMS_BLOCK),
        }
    }

    /// The `len` values from `cursor` (an item source copies them into `scratch`).
    #[inline]
    fn read<'s>(&self, cursor: &Cursor, len: usize, scratch: &'s mut [T; ITEMS_BLOCK]) -> &'s [T]
    where
        'a: 's,
    {
        match *self {
            Source::Flat(flat) => &flat[cursor.position..cursor.position + len],
            Source::Runs { values, .. } => {
                let start = cursor.run_start + cursor.at;
                &values[start..start + len]
            }
            Source::Items { values, items } => {
                let picks = &items[cursor.position..cursor.position + len];
                for (slot, &i) in scratch.iter_mut().zip(picks) {
                    *slot = values[i];
                }
                &scratch[..len]
            }
        }
    }
}

/// Most positions of an item source one block reads (copied to the stack first).
const ITEMS_BLOCK: usize = 256;

/// Most inputs (values, tangents and the cotangent together) one fused pass reads.
pub(crate) const MAX_INPUTS: usize = 16;

/// `f(a values, b values)` at each of `len` positions, `K` outputs, for arrays of one
/// structure, in one pass. Slices among the inputs are read in place, block by block.
pub(crate) fn map_groups<T: Element, U: Element, const N: usize, const M: usize, const K: usize>(
    a: [&Array<T>; N],
    b: [&Array<T>; M],
    len: usize,
    f: impl Fn([T; N], [T; M]) -> [U; K] + Sync,
) -> [Vec<U>; K] {
    map_blocks(&a, &b, len, &|blocks: &[&[T]], outs: &mut [&mut [U]]| {
        let (xs, ts) = groups::<T, N, M>(blocks);
        block_loop(xs, ts, outs, &f)
    })
}

/// The pass of [`map_groups`] and [`map_slices`], generic over the value types only (so
/// that a chain compiles only its own block loop): `K` outputs of `len` values, and `body`
/// run on each block of the sources of `a` then `b`.
fn map_blocks<T: Element, U: Element, const K: usize>(
    a: &[&Array<T>],
    b: &[&Array<T>],
    len: usize,
    body: &BlockBody<'_, T, U>,
) -> [Vec<U>; K] {
    let sources = sources_of(a, b);
    let mut outs = kernels::filled_outputs::<U, K>(len);
    for_each_block(&sources, len, &mut kernels::slices_of(&mut outs), body);
    outs
}

/// How many values each of `arrays` (of one structure) holds; 0 for none.
pub(crate) fn content_len<T: Element>(arrays: &[&Array<T>]) -> usize {
    arrays.first().map_or(0, |x| x.structure().content_len())
}

/// `kernel` over the values of `x`, block by block: a slice kernel that computes many
/// values at a time (the vectorised ufuncs of [`math`](crate::math)) takes each contiguous
/// run of a slice in place, and a flat buffer in chunks.
pub(crate) fn map_slices<T: Element>(
    x: &Array<T>,
    kernel: crate::element::SliceKernel<T>,
) -> Vec<T> {
    let len = x.structure().content_len();
    let body = |blocks: &[&[T]], outs: &mut [&mut [T]]| kernel(blocks[0], outs[0]);
    let [out] = map_blocks(&[x], &[], len, &body);
    out
}

/// `f(a values, the value of the position's list)` at each position of arrays of one
/// structure whose innermost lists are `offsets`, with one value per list in `per_list`:
/// the cotangent of a sum along the innermost axis, spread over the summed lists as the
/// pass reads it instead of being written out first.
pub(crate) fn map_groups_per_list<T: Element, U: Element, const N: usize, const K: usize>(
    a: [&Array<T>; N],
    offsets: &[i64],
    per_list: &[T],
    f: impl Fn([T; N], T) -> [U; K] + Sync,
) -> [Vec<U>; K] {
    let len = content_len(&a);
    let sources = list_sources(&a, &[], offsets);
    let mut outs = kernels::filled_outputs::<U, K>(len);
    map_lists(
        &sources,
        offsets,
        per_list,
        &mut kernels::slices_of(&mut outs),
        &f,
    );
    outs
}

/// `f` of the values of `a` and `b` (of one structure), position by position: the plain
/// operators' kernel. A slice among them is read in place rather than gathered first.
pub(crate) fn zip_values<T: Element, U: Element>(
    a: &Array<T>,
    b: &Array<T>,
    f: impl Fn(T, T) -> U + Sync,
) -> Vec<U> {
    let [out] = map_groups([a, b], [], a.structure().content_len(), |[x, y], []| {
        [f(x, y)]
    });
    out
}

/// `f` of every value of `x`: the plain unary kernel. A slice is read in place rather than
/// gathered first.
pub(crate) fn map_values<T: Element, U: Element>(
    x: &Array<T>,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    let [out] = map_groups([x], [], x.structure().content_len(), |[v], []| [f(v)]);
    out
}

/// A pass's blocks as its two groups of inputs: the first `N` (values) and the next `M`
/// (tangents or a cotangent).
#[inline(always)]
fn groups<'b, T, const N: usize, const M: usize>(
    blocks: &[&'b [T]],
) -> ([&'b [T]; N], [&'b [T]; M]) {
    let mut xs: [&[T]; N] = [&[]; N];
    xs.copy_from_slice(&blocks[..N]);
    let mut ts: [&[T]; M] = [&[]; M];
    ts.copy_from_slice(&blocks[N..N + M]);
    (xs, ts)
}

/// The one loop of a pass, over a block: `outs[k][j] = f(xs[..][j], ts[..][j])[k]` for
/// every position `j` of the block (all slices have the block's length). The group sizes
/// are compile-time constants, so the loop is as plain as a hand-written one.
#[inline(always)]
fn block_loop<T: Element, U: Element, const N: usize, const M: usize, const K: usize>(
    xs: [&[T]; N],
    ts: [&[T]; M],
    outs: &mut [&mut [U]],
    f: &impl Fn([T; N], [T; M]) -> [U; K],
) {
    // Not `map_or` with a closure, which would be compiled once per chain.
    let len = match outs.first() {
        Some(out) => out.len(),
        None => 0,
    };
    // The slices are not cut to the block's length first: that let the compiler vectorise
    // this loop (tanh 1.9x faster) but doubled the code of every fused chain in a user's
    // crate (its rlib 8.7 MB -> 14.9 MB in `tools/compile_time`), so the loop stays scalar.
    for j in 0..len {
        let ys = f(column(&xs, j), column(&ts, j));
        for (out, y) in outs.iter_mut().zip(ys) {
            out[j] = y;
        }
    }
}

/// The values at position `j` of each of `blocks`: one position's inputs of a chain.
#[inline(always)]
fn column<T: Copy + Default, const N: usize>(blocks: &[&[T]; N], j: usize) -> [T; N] {
    let mut values = [T::default(); N];
    each_input!(k < N => values[k] = blocks[k][j]);
    values
}

/// Each of `blocks` cut to `len` values.
#[inline(always)]
fn cut<T, const N: usize>(mut blocks: [&[T]; N], len: usize) -> [&[T]; N] {
    each_input!(k < N => blocks[k] = &blocks[k][..len]);
    blocks
}

/// How many of the next `want` positions one block takes: up to the end of the current
/// run of every source that has runs (and at most [`ITEMS_BLOCK`] for item sources).
#[inline]
fn next_block<T: Element>(sources: &[Source<T>], cursors: &Cursors, want: usize) -> usize {
    sources
        .iter()
        .zip(cursors)
        .fold(want, |block, (source, cursor)| source.block(cursor, block))
}

/// The next `block` values of every source from its cursor (an item or repeat source's are
/// copied into its `scratch` first).
#[inline]
fn read_blocks<'s, 'a: 's, T: Element>(
    sources: &[Source<'a, T>],
    cursors: &Cursors,
    block: usize,
    scratch: &'s mut [[T; ITEMS_BLOCK]; MAX_INPUTS],
) -> [&'s [T]; MAX_INPUTS] {
    let mut blocks: [&[T]; MAX_INPUTS] = [&[]; MAX_INPUTS];
    for (((slot, source), cursor), scratch) in blocks
        .iter_mut()
        .zip(sources)
        .zip(cursors)
        .zip(scratch.iter_mut())
    {
        *slot = source.read(cursor, block, scratch);
    }
    blocks
}

/// What [`for_each_block`] runs on each block: `(the block of each source, the block of
/// each output)`.
type BlockBody<'a, T, U> = dyn BlockTask<T, U> + 'a;

/// A closure run on each block, called through `dyn`. A trait of one method rather than
/// `dyn Fn`, whose vtable also holds `call_once` (two more functions, a shim and the call,
/// compiled for every fused chain in a user's crate).
trait BlockTask<T, U>: Sync {
    /// Runs on one block.
    fn run(&self, blocks: &[&[T]], outs: &mut [&mut [U]]);
}

impl<T, U, F: Fn(&[&[T]], &mut [&mut [U]]) + Sync> BlockTask<T, U> for F {
    #[inline]
    fn run(&self, blocks: &[&[T]], outs: &mut [&mut [U]]) {
        self(blocks, outs)
    }
}

/// Cuts `0..len` into chunks (on threads for large arrays) and each chunk into blocks that
/// end where a source's run ends, and calls `body(source blocks, output blocks)` for each.
/// Generic over the value types only.
fn for_each_block<T: Element, U: Element>(
    sources: &[Source<T>],
    len: usize,
    outs: &mut [&mut [U]],
    body: &BlockBody<'_, T, U>,
) {
    let n = sources.len();
    assert!(
        n <= MAX_INPUTS,
        "a fused elementwise chain reads {n} arrays, more than {MAX_INPUTS}"
    );
    assert!(
        outs.len() <= MAX_INPUTS,
        "a pass writes at most {MAX_INPUTS} outputs"
    );
    // Each chunk starts with the cursors of a serial walk over the runs (cheap: one step
    // per run).
    let chunk = kernels::chunk_for(len);
    let starts = chunk_cursors(sources, len, chunk);
    kernels::for_each_chunk_mut(
        len,
        chunk,
        outs,
        &|c: usize, range: Range<usize>, parts: &mut [&mut [U]]| {
            let mut cursors = starts[c];
            let mut scratch = [[T::default(); ITEMS_BLOCK]; MAX_INPUTS];
            let mut done = 0;
            while done < range.len() {
                let block = next_block(sources, &cursors, range.len() - done);
                let blocks = read_blocks(sources, &cursors, block, &mut scratch);
                let outputs = parts.len();
                let mut targets: [&mut [U]; MAX_INPUTS] = Default::default();
                for (target, part) in targets.iter_mut().zip(parts.iter_mut()) {
                    *target = &mut part[done..done + block];
                }
                body.run(&blocks[..n], &mut targets[..outputs]);
                done += block;
                for (source, cursor) in sources.iter().zip(cursors.iter_mut()) {
                    cursor.advance(source, block);
                }
            }
        },
    );
}

/// Where a pass stands in one source: its position, and for runs the run and how far
/// into it.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    position: usize,
    run: usize,
    at: usize,
    /// For runs: where the current run starts in the source and how long it is (kept here
    /// so that a block does not compute a list's range again).
    run_start: usize,
    run_len: usize,
}

/// One cursor per source (the first `sources.len()` are used).
type Cursors = [Cursor; MAX_INPUTS];

impl Cursor {
    /// Moves to the start of run `run` of `runs` (if there is one).
    #[inline]
    fn enter(&mut self, runs: &RunsRef, run: usize) {
        self.run = run;
        if run < runs.len() {
            let r = runs.get(run);
            (self.run_start, self.run_len) = (r.start, r.len);
        }
    }

    /// Moves `step` positions on (within the current run, for runs).
    fn advance<T>(&mut self, source: &Source<T>, step: usize) {
        self.position += step;
        match source {
            Source::Runs { runs, .. } => {
                self.at += step;
                if self.at == self.run_len {
                    self.at = 0;
                    self.enter(runs, self.run + 1);
                }
            }
            Source::Flat(_) | Source::Items { .. } => {}
        }
    }
}

/// The cursors of every source at the start of each chunk of `chunk` positions.
fn chunk_cursors<T>(sources: &[Source<T>], len: usize, chunk: usize) -> Vec<Cursors> {
    let positions: Vec<usize> = (0..len.div_ceil(chunk)).map(|c| c * chunk).collect();
    cursors_at(sources, &positions)
}

/// The cursors of every source at each of `positions` (ascending).
fn cursors_at<T>(sources: &[Source<T>], positions: &[usize]) -> Vec<Cursors> {
    let mut starts = vec![[Cursor::default(); MAX_INPUTS]; positions.len()];
    for (k, source) in sources.iter().enumerate() {
        let Source::Runs { runs, .. } = source else {
            for (cursors, &position) in starts.iter_mut().zip(positions) {
                cursors[k].position = position;
            }
            continue;
        };
        let (mut run, mut begin) = (0, 0); // `begin`: the position where `run` starts
        for (cursors, &position) in starts.iter_mut().zip(positions) {
            while run < runs.len() && begin + runs.get(run).len <= position {
                begin += runs.get(run).len;
                run += 1;
            }
            let mut cursor = Cursor {
                position,
                at: position - begin,
                ..Cursor::default()
            };
            cursor.enter(runs, run);
            cursors[k] = cursor;
        }
    }
    starts
}

/// Where a pass reads each of `a` then `b`.
fn sources_of<'a, T: Element>(a: &[&'a Array<T>], b: &[&'a Array<T>]) -> Vec<Source<'a, T>> {
    a.iter().chain(b).map(|x| Source::of(x)).collect()
}

/// For every list `offsets[i]..offsets[i + 1]` of positions of arrays of one structure, the
/// sums over the list of each of the `K` outputs of `f(a values, b values)`, in position
/// order (the order in which a fold over the materialised values adds them, so the sums are
/// the same to the bit), in one pass and without the intermediate array: a fused chain
/// reduced along its innermost axis. Slices among the inputs are read in place; lists are
/// split across threads (each list summed on one thread) for large inputs.
/// The pass is one loop over lists, each input read a list at a time ([`ListSource`]).
pub(crate) fn sum_groups<T: Float, const N: usize, const M: usize, const K: usize>(
    a: [&Array<T>; N],
    b: [&Array<T>; M],
    offsets: &[i64],
    f: impl Fn([T; N], [T; M]) -> [T; K] + Sync,
) -> [Vec<T>; K] {
    sum_blocks(
        &a,
        &b,
        offsets,
        &|sources: &[ListSource<T>], outs: &mut [&mut [T]]| sum_lists(sources, offsets, outs, &f),
    )
}

/// What [`sum_blocks`] runs: `(the sources, one output slice per sum)`.
type SumBody<'a, T> = dyn SumTask<T> + 'a;

/// A closure [`sum_blocks`] runs through `dyn` (one method, as [`BlockTask`]).
trait SumTask<T>: Sync {
    /// Runs on the sources, writing one output slice per sum.
    fn run(&self, sources: &[ListSource<T>], outs: &mut [&mut [T]]);
}

impl<T, F: Fn(&[ListSource<T>], &mut [&mut [T]]) + Sync> SumTask<T> for F {
    #[inline]
    fn run(&self, sources: &[ListSource<T>], outs: &mut [&mut [T]]) {
        self(sources, outs)
    }
}

/// The frame of [`sum_groups`], generic over the value type only (so that a chain compiles
/// only its own loop): `K` outputs of one value per list, and `body` run on the sources of
/// `a` then `b`.
fn sum_blocks<T: Float, const K: usize>(
    a: &[&Array<T>],
    b: &[&Array<T>],
    offsets: &[i64],
    body: &SumBody<'_, T>,
) -> [Vec<T>; K] {
    let lists = offsets.len().saturating_sub(1);
    let mut outs = kernels::filled_outputs::<T, K>(lists);
    let sources = list_sources(a, b, offsets);
    body.run(&sources, &mut kernels::slices_of(&mut outs));
    outs
}

/// Where a pass over whole lists reads one input: each list of positions in one piece.
#[derive(Clone, Copy)]
enum ListSource<'a, T> {
    /// One buffer: list `i` is `offsets[i]..offsets[i + 1]`.
    Flat(&'a [T]),
    /// A range inside every list, not gathered yet: list `i` is `ranges.run(i)`.
    Ranges {
        values: &'a [T],
        ranges: &'a ListRanges,
    },
    /// A gather of single items not gathered yet: position `p` is `values[items[p]]`
    /// (copied block by block into scratch).
    Items { values: &'a [T], items: &'a [usize] },
    /// One element of every choice of `k` per list, not gathered yet: computed block by
    /// block into scratch.
    Combinations {
        values: &'a [T],
        combos: &'a ListCombinations,
    },
}

impl<'a, T: Element> ListSource<'a, T> {
    /// Whether reading copies values (single items, combinations) rather than slicing them
    /// in place.
    fn gathers(&self) -> bool {
        matches!(
            self,
            ListSource::Items { .. } | ListSource::Combinations { .. }
        )
    }

    /// The `len` values of list `i` from `at` into it, the list starting at position `lo`.
    #[inline(always)]
    fn read<'s>(
        &self,
        (i, lo, at, len): (usize, usize, usize, usize),
        (scratch, picks): (&'s mut [T; ITEMS_BLOCK], &mut [usize; ITEMS_BLOCK]),
    ) -> &'s [T]
    where
        'a: 's,
    {
        match *self {
            ListSource::Flat(flat) => &flat[lo + at..lo + at + len],
            ListSource::Ranges { values, ranges } => {
                let start = ranges.run(i).start + at;
                &values[start..start + len]
            }
            ListSource::Items { values, items } => {
                gather_items(values, &items[lo + at..lo + at + len], scratch)
            }
            ListSource::Combinations { values, combos } => {
                gather_choices(values, combos, (i, at, len), (scratch, picks))
            }
        }
    }
}

/// `values[picks[..]]` copied into `scratch`. Out of line, and generic over the value type
/// only: every chain calls this one copy instead of inlining its own.
#[inline(never)]
fn gather_items<'s, T: Element>(
    values: &[T],
    picks: &[usize],
    scratch: &'s mut [T; ITEMS_BLOCK],
) -> &'s [T] {
    for (slot, &p) in scratch.iter_mut().zip(picks) {
        *slot = values[p];
    }
    &scratch[..picks.len()]
}

/// The values of the choices `at..at + len` of list `i` copied into `scratch`, through
/// their positions found into `picks` (out of line, like [`gather_items`]).
#[inline(never)]
fn gather_choices<'s, T: Element>(
    values: &[T],
    combos: &ListCombinations,
    (i, at, len): (usize, usize, usize),
    (scratch, picks): (&'s mut [T; ITEMS_BLOCK], &mut [usize; ITEMS_BLOCK]),
) -> &'s [T] {
    combos.positions_into(i, at, &mut picks[..len]);
    for (slot, &p) in scratch.iter_mut().zip(&picks[..len]) {
        *slot = values[p];
    }
    &scratch[..len]
}

/// How each of `a` then `b` (arrays of one structure) reads the lists `offsets` (lists of
/// their positions): flat values, gathered items and a single run by position; a range
/// inside every list by list, when `offsets` are the arrays' innermost lists (the buffer
/// of one of them). Any other lazy input is gathered first.
fn list_sources<'a, T: Element>(
    a: &[&'a Array<T>],
    b: &[&'a Array<T>],
    offsets: &[i64],
) -> Vec<ListSource<'a, T>> {
    let innermost = |x: &&Array<T>| {
        let s = x.structure();
        s.depth() > 0 && std::ptr::eq(s.offsets(s.depth() - 1), offsets)
    };
    let by_list = a.iter().chain(b).any(innermost);
    a.iter()
        .chain(b)
        .map(|x| {
            if let Some((values, combos)) = x.buffer().combinations_in_place() {
                if by_list && combos.lists() + 1 == offsets.len() {
                    return ListSource::Combinations { values, combos };
                }
            }
            list_source(x, by_list, offsets)
        })
        .collect()
}

/// How `x` reads the lists `offsets` when it is not a lazy combination (see
/// [`list_sources`]).
fn list_source<'a, T: Element>(
    x: &'a Array<T>,
    by_list: bool,
    offsets: &[i64],
) -> ListSource<'a, T> {
    match Source::of(x) {
        Source::Items { values, items } => ListSource::Items { values, items },
        Source::Runs {
            values,
            runs: RunsRef::Ranges(ranges),
        } if by_list && ranges.lists() + 1 == offsets.len() => {
            ListSource::Ranges { values, ranges }
        }
        Source::Runs {
            values,
            runs: RunsRef::Listed([run]),
        } => ListSource::Flat(&values[run.start..run.start + run.len]),
        Source::Flat(flat) => ListSource::Flat(flat),
        _ => ListSource::Flat(x.content()),
    }
}

/// How many lists of `offsets` one thread task takes: about one chunk of values.
fn lists_per_task(offsets: &[i64]) -> usize {
    let lists = offsets.len().saturating_sub(1);
    let total = if lists == 0 {
        0
    } else {
        (offsets[lists] - offsets[0]) as usize
    };
    if kernels::chunk_for(total) < total {
        (kernels::chunk_for(total) * lists / total.max(1)).max(1)
    } else {
        lists.max(1)
    }
}

/// [`sum_groups`] over list sources: a group of lists at a time ([`Pieces`]), each list's
/// values of every source read in one piece (or in a few, when a source gathers and the
/// list is long) and summed as they are computed; the lists of a group in the order that
/// a probe found faster ([`order`]).
#[inline]
fn sum_lists<T: Float, const N: usize, const M: usize, const K: usize>(
    sources: &[ListSource<T>],
    offsets: &[i64],
    outs: &mut [&mut [T]],
    f: &(impl Fn([T; N], [T; M]) -> [T; K] + Sync),
) {
    let list_order = ListOrder::new();
    let task = |_: usize, range: Range<usize>, parts: &mut [&mut [T]]| {
        let mut pieces = Pieces::new(sources, range.clone());
        while pieces.next_group(sources, offsets, &range) {
            pieces.order_pieces(sources, list_order.by_length());
            let bases = pieces.bases(sources);
            // The sums of a list that the last group left unfinished, kept in `pieces`
            // between groups (a local kept across the calls above was kept in memory in
            // the loop too: a store and a load per value).
            let mut acc: [T; K] = pieces.carried();
            for q in 0..pieces.count() {
                let p = pieces.order(q);
                let (i, len, ends_list) = pieces.piece(p);
                // Plain loops, not `array::from_fn`, whose closures a debug build compiles
                // for every chain.
                let (mut xs, mut ts): ([&[T]; N], [&[T]; M]) = ([&[]; N], [&[]; M]);
                for k in 0..N {
                    xs[k] = pieces.values(bases[k], k, p, len);
                }
                for k in 0..M {
                    ts[k] = pieces.values(bases[N + k], N + k, p, len);
                }
                block_sum((xs, ts), len, &mut acc, f);
                if ends_list {
                    // By constant index (a by-value iterator over `acc` kept it in memory,
                    // and the running sum with it: a store and a load per value).
                    for k in 0..K {
                        parts[k][i - range.start] = acc[k];
                    }
                    acc = [T::zero(); K];
                }
            }
            pieces.carry(&acc);
        }
    };
    list_order.run(sources, offsets, outs, &task);
}

/// [`map_groups_per_list`] over list sources: for every list, each source's values read in
/// one piece (in blocks of [`ITEMS_BLOCK`] when one of them gathers items) and the list's
/// own value of `per_list` passed beside them.
#[inline]
fn map_lists<T: Element, U: Element, const N: usize, const K: usize>(
    sources: &[ListSource<T>],
    offsets: &[i64],
    per_list: &[T],
    outs: &mut [&mut [U]],
    f: &(impl Fn([T; N], T) -> [U; K] + Sync),
) {
    let items = sources.iter().any(ListSource::gathers);
    let per_task = lists_per_task(offsets);
    kernels::for_each_list_chunk_mut(
        offsets,
        per_task,
        outs,
        &|_: usize, lists: Range<usize>, parts: &mut [&mut [U]]| {
            let mut scratch = [[T::default(); ITEMS_BLOCK]; MAX_INPUTS];
            // Where a lazy combination's values of a block are (found by `gather_choices`).
            let mut picks = [0; ITEMS_BLOCK];
            let first = offsets[lists.start];
            for i in lists {
                let (lo, hi) = (offsets[i] as usize, offsets[i + 1] as usize);
                let c = per_list[i];
                let mut at = 0;
                while at < hi - lo {
                    let len = if items {
                        (hi - lo - at).min(ITEMS_BLOCK)
                    } else {
                        hi - lo - at
                    };
                    let mut xs: [&[T]; N] = [&[]; N];
                    for ((block, source), slot) in
                        xs.iter_mut().zip(sources).zip(scratch.iter_mut())
                    {
                        *block = source.read((i, lo, at, len), (slot, &mut picks));
                    }
                    let from = lo + at - first as usize;
                    for j in 0..len {
                        let ys = f(column(&xs, j), c);
                        for k in 0..K {
                            parts[k][from + j] = ys[k];
                        }
                    }
                    at += len;
                }
            }
        },
    );
}

/// [`map_groups_per_list`] whose `M` outputs are added straight into `accs` (the values of
/// the arrays the inputs were selected from; output `k` into `accs[which[k]]`) at the
/// positions their inputs came from, rather than written out in the inputs' shape: the
/// pullback of a fused chain over selections. `None`, touching nothing, unless each of the
/// first `M` inputs reads its target's buffer (`targets[which[k]]`) in place through a range
/// of every list or a lazy combination, list `i` of `offsets` (the inputs' innermost lists)
/// being list `i` of `source_offsets` (the targets' shared innermost lists, which split the
/// accumulators across threads).
pub(crate) fn scatter_groups_per_list<T: Float, const N: usize, const M: usize>(
    a: [&Array<T>; N],
    offsets: &[i64],
    per_list: &[T],
    (targets, source_offsets): (&[&Arc<Buffer<T>>], &[i64]),
    (which, accs): ([usize; M], &mut [&mut [T]]),
    f: impl Fn([T; N], T) -> [T; M] + Sync,
) -> Option<()> {
    let sources = list_sources(&a, &[], offsets);
    let lists = offsets.len().checked_sub(1)?;
    let lengths = targets
        .iter()
        .zip(accs.iter())
        .all(|(t, acc)| t.len() == acc.len());
    if source_offsets.len() != offsets.len() || targets.len() != accs.len() || !lengths {
        return None;
    }
    for (k, x) in a.iter().enumerate().take(M) {
        let source = targets.get(which[k])?;
        let Buffer::Sliced(sliced) = &**x.buffer() else {
            return None;
        };
        // Positions in `source` whose list `i` is list `i` of `source_offsets`.
        let aligned = match sources[k] {
            ListSource::Ranges { ranges, .. } => ranges.reads_lists_of(source_offsets, lists),
            ListSource::Combinations { combos, .. } => {
                let (local, of) = combos.source();
                !local && std::ptr::eq(&**of, source_offsets)
            }
            _ => false,
        };
        if !aligned || !Arc::ptr_eq(&sliced.source, source) {
            return None;
        }
    }
    let per_task = lists_per_task(source_offsets);
    kernels::for_each_list_chunk_mut(
        source_offsets,
        per_task,
        accs,
        &|_: usize, range: Range<usize>, parts: &mut [&mut [T]]| {
            let base = source_offsets[range.start] as usize;
            let mut pieces = Pieces::new(&sources, range.clone());
            // Outputs are added into the accumulators piece by piece when the inputs are read
            // in place (while the piece's positions are in cache), else a group at a time
            // (one pass over each input's picks, at most `GATHER_CAP` positions).
            let by_piece = !pieces.gathers();
            // One piece's or group's outputs, output by output, `stride` positions each.
            let mut ys = Vec::new();
            while pieces.next_group(&sources, offsets, &range) {
                let bases = pieces.bases(&sources);
                let stride = pieces.positions(by_piece);
                if stride == 0 {
                    continue; // only empty lists: nothing to add
                }
                if ys.len() < M * stride {
                    ys.resize(M * stride, T::zero());
                }
                let (mut first, mut filled) = (0, 0);
                for p in 0..pieces.count() {
                    let (i, len, _) = pieces.piece(p);
                    let mut xs: [&[T]; N] = [&[]; N];
                    for (k, x) in xs.iter_mut().enumerate() {
                        *x = pieces.values(bases[k], k, p, len);
                    }
                    let c = per_list[i];
                    for j in 0..len {
                        let y = f(column(&xs, j), c);
                        for (k, v) in y.into_iter().enumerate() {
                            ys[k * stride + filled + j] = v;
                        }
                    }
                    filled += len;
                    if by_piece || p + 1 == pieces.count() {
                        for (k, y) in ys.chunks(stride).take(M).enumerate() {
                            let (source, acc) = (&sources[k], &mut *parts[which[k]]);
                            pieces.add_at_sources(
                                (k, first..p + 1),
                                source,
                                &y[..filled],
                                base,
                                acc,
                            );
                        }
                        (first, filled) = (p + 1, 0);
                    }
                }
            }
        },
    );
    Some(())
}

/// `acc[k] += f(xs[..][j], ts[..][j])[k]` for every position `j < len` of a piece of a
/// list, in order: each position's values added into the running sums as they are computed
/// (no buffer: zeroing one per block cost more than the sums of a short list).
#[inline(always)]
fn block_sum<T: Float, const N: usize, const M: usize, const K: usize>(
    (xs, ts): ([&[T]; N], [&[T]; M]),
    len: usize,
    acc: &mut [T; K],
    f: &impl Fn([T; N], [T; M]) -> [T; K],
) {
    // Each block cut to the length: the compiler then knows every read is in bounds (this
    // loop adds in order, so it is not vectorised, and cutting doubles no code). The sums
    // are a local copy during the loop, so that they stay in registers. Plain loops by
    // index: `array::map` (or an iterator over both arrays) cost a debug build a closure per
    // chain, a tenth of a user's debug rlib (and one iterator over both lost the lengths).
    let (xs, ts) = (cut(xs, len), cut(ts, len));
    let mut sums = [T::zero(); K];
    sums.copy_from_slice(acc);
    for j in 0..len {
        let ys = f(column(&xs, j), column(&ts, j));
        for k in 0..K {
            sums[k] = sums[k] + ys[k];
        }
    }
    acc.copy_from_slice(&sums);
}
