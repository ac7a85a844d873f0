//! Elementwise passes over arrays some of which may be lazy slices: a slice not gathered
//! yet is read in place, run by run, from its source's values instead of being copied
//! first. The plain operators and unary methods ([`map_values`], [`zip_values`]) and the
//! fused chains of `ops::fused` ([`map_groups`]) all go through here.
//!
//! Each pass instantiates one kernel per call site: [`map_groups`] takes its inputs as two
//! groups of compile-time sizes (a chain's values and its tangents, or its values and its
//! cotangent), and the run-by-run path takes a runtime number of sources.

use crate::element::Element;
use crate::kernels;
use crate::layout::Array;
use crate::positions::Run;

/// Where a fused pass reads one input's values.
#[derive(Clone, Copy)]
enum Source<'a, T> {
    /// One buffer, in order.
    Flat(&'a [T]),
    /// A slice not gathered yet: the values of its runs in its source, one after the other.
    Runs { values: &'a [T], runs: &'a [Run] },
}

impl<'a, T: Element> Source<'a, T> {
    /// The runs of `x` when it is a slice that a pass can read in place, else its values.
    fn of(x: &'a Array<T>) -> Self {
        match x.buffer().runs_in_place() {
            Some((values, runs)) => Source::Runs { values, runs },
            None => Source::Flat(x.content()),
        }
    }
}

/// [`map_groups`] when some sources are runs: block by block, threaded over chunks of
/// positions for large arrays. The number of sources is a runtime value (at most
/// [`MAX_INPUTS`]), so that each fused chain instantiates this once, not once per count.
fn map_runs<T: Element, U: Element, const K: usize>(
    sources: &[Source<T>],
    len: usize,
    f: impl Fn(&[T]) -> [U; K] + Sync,
) -> [Vec<U>; K] {
    let n = sources.len();
    assert!(
        n <= MAX_INPUTS,
        "a fused elementwise chain reads {n} arrays, more than {MAX_INPUTS}"
    );
    let mut outs = kernels::filled_outputs::<U, K>(len);
    // Each chunk starts with the cursors of a serial walk over the runs (cheap: one step
    // per run).
    let chunk = kernels::chunk_for(len);
    let starts = chunk_cursors(sources, len, chunk);
    let mut targets = kernels::slices_of(&mut outs);
    kernels::for_each_chunk_mut(len, chunk, &mut targets, &|c, _, parts| {
        read_blocks(sources, starts[c], parts, &f)
    });
    outs
}

/// `f` of the values of `a` and `b` (of one structure), position by position: the plain
/// operators' kernel. A slice among them is read in place rather than gathered first.
pub(crate) fn zip_values<T: Element, U: Element>(
    a: &Array<T>,
    b: &Array<T>,
    f: impl Fn(T, T) -> U + Sync,
) -> Vec<U> {
    match [Source::of(a), Source::of(b)] {
        [Source::Flat(p), Source::Flat(q)] => kernels::zip(p, q, f),
        sources => {
            let [out] = map_runs(&sources, a.structure().content_len(), |v| [f(v[0], v[1])]);
            out
        }
    }
}

/// `f` of every value of `x`: the plain unary kernel. A slice is read in place rather than
/// gathered first.
pub(crate) fn map_values<T: Element, U: Element>(
    x: &Array<T>,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    match Source::of(x) {
        Source::Flat(values) => kernels::map(values, f),
        source => {
            let [out] = map_runs(&[source], x.structure().content_len(), |v| [f(v[0])]);
            out
        }
    }
}

/// Where a pass stands in one source: its position, and for runs the run and how far
/// into it.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    position: usize,
    run: usize,
    at: usize,
}

/// One cursor per source (the first `sources.len()` are used).
type Cursors = [Cursor; MAX_INPUTS];

impl Cursor {
    /// Moves `step` positions on (within the current run, for runs).
    fn advance<T>(&mut self, source: &Source<T>, step: usize) {
        self.position += step;
        if let Source::Runs { runs, .. } = source {
            self.at += step;
            if self.at == runs[self.run].len {
                self.run += 1;
                self.at = 0;
            }
        }
    }
}

/// The cursors of every source at the start of each chunk of `chunk` positions.
fn chunk_cursors<T>(sources: &[Source<T>], len: usize, chunk: usize) -> Vec<Cursors> {
    let mut starts = vec![[Cursor::default(); MAX_INPUTS]; len.div_ceil(chunk)];
    for (k, source) in sources.iter().enumerate() {
        let Source::Runs { runs, .. } = source else {
            for (c, cursors) in starts.iter_mut().enumerate() {
                cursors[k].position = c * chunk;
            }
            continue;
        };
        let (mut run, mut begin) = (0, 0); // `begin`: the position where `run` starts
        for (c, cursors) in starts.iter_mut().enumerate() {
            let position = c * chunk;
            while begin + runs[run].len <= position {
                begin += runs[run].len;
                run += 1;
            }
            cursors[k] = Cursor {
                position,
                run,
                at: position - begin,
            };
        }
    }
    starts
}

/// The serial pass of [`map_runs`] over `outs.len()` positions from `cursors`: block by
/// block, a block ending where any source's run ends.
fn read_blocks<T: Element, U: Element, const K: usize>(
    sources: &[Source<T>],
    mut cursors: Cursors,
    outs: &mut [&mut [U]],
    f: &impl Fn(&[T]) -> [U; K],
) {
    let n = sources.len();
    let len = outs.first().map_or(0, |o| o.len());
    let mut blocks: [&[T]; MAX_INPUTS] = [&[]; MAX_INPUTS];
    let mut values = [T::default(); MAX_INPUTS];
    let mut done = 0;
    while done < len {
        let mut block = len - done;
        for (source, cursor) in sources.iter().zip(&cursors) {
            if let Source::Runs { runs, .. } = source {
                block = block.min(runs[cursor.run].len - cursor.at);
            }
        }
        for ((slot, source), cursor) in blocks.iter_mut().zip(sources).zip(&cursors) {
            *slot = match *source {
                Source::Flat(flat) => &flat[cursor.position..cursor.position + block],
                Source::Runs { values, runs } => {
                    let start = runs[cursor.run].start + cursor.at;
                    &values[start..start + block]
                }
            };
        }
        for j in 0..block {
            for k in 0..n {
                values[k] = blocks[k][j];
            }
            let ys = f(&values[..n]);
            for (out, y) in outs.iter_mut().zip(ys) {
                out[done + j] = y;
            }
        }
        done += block;
        for (source, cursor) in sources.iter().zip(cursors.iter_mut()) {
            cursor.advance(source, block);
        }
    }
}

/// Most inputs (values, tangents and the cotangent together) one fused pass reads.
pub(crate) const MAX_INPUTS: usize = 8;

/// `f(a values, b values)` at each of `len` positions, `K` outputs, for arrays of one
/// structure: one pass over flat buffers (a kernel of the exact group sizes, so one
/// instantiation per call site), or block by block when some arrays are slices read in
/// place (a block ends where any of their runs ends), so that a slice is never copied.
pub(crate) fn map_groups<T: Element, const N: usize, const M: usize, const K: usize>(
    a: [&Array<T>; N],
    b: [&Array<T>; M],
    len: usize,
    f: impl Fn([T; N], [T; M]) -> [T; K] + Sync,
) -> [Vec<T>; K] {
    match sources_of(&a, &b) {
        None => kernels::map_groups(contents(a), contents(b), len, f),
        Some(sources) => map_runs(&sources, len, |v: &[T]| {
            let (mut x, mut t) = ([T::default(); N], [T::default(); M]);
            x.copy_from_slice(&v[..N]);
            t.copy_from_slice(&v[N..N + M]);
            f(x, t)
        }),
    }
}

/// Where a pass reads each of `a` then `b`, or `None` when all are flat buffers (read by
/// the plain kernel).
fn sources_of<'a, T: Element>(
    a: &[&'a Array<T>],
    b: &[&'a Array<T>],
) -> Option<Vec<Source<'a, T>>> {
    let sources: Vec<Source<T>> = a.iter().chain(b).map(|x| Source::of(x)).collect();
    let flat = sources.iter().all(|s| matches!(s, Source::Flat(_)));
    (!flat).then_some(sources)
}

/// The values of each of `arrays`.
fn contents<T: Element, const N: usize>(arrays: [&Array<T>; N]) -> [&[T]; N] {
    arrays.map(Array::content)
}
