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

/// Most inputs (values, tangents and the cotangent together) one fused pass reads.
pub(crate) const MAX_INPUTS: usize = 8;

/// `f(a values, b values)` at each of `len` positions, `K` outputs, for arrays of one
/// structure, in one pass. Slices among the inputs are read in place, block by block.
pub(crate) fn map_groups<T: Element, U: Element, const N: usize, const M: usize, const K: usize>(
    a: [&Array<T>; N],
    b: [&Array<T>; M],
    len: usize,
    f: impl Fn([T; N], [T; M]) -> [U; K] + Sync,
) -> [Vec<U>; K] {
    let sources = sources_of(&a, &b);
    let mut outs = kernels::filled_outputs::<U, K>(len);
    for_each_block(
        &sources,
        len,
        &mut kernels::slices_of(&mut outs),
        &|blocks, outs| {
            let mut xs: [&[T]; N] = [&[]; N];
            xs.copy_from_slice(&blocks[..N]);
            let mut ts: [&[T]; M] = [&[]; M];
            ts.copy_from_slice(&blocks[N..N + M]);
            block_loop(xs, ts, outs, &f)
        },
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
    let len = outs.first().map_or(0, |o| o.len());
    // Every slice cut to the block's length up front, so that the loop's reads and writes
    // need no bounds checks and the compiler can vectorise it (a branch-free closure, such
    // as a chain of arithmetic and `math`'s polynomials, then runs several positions at
    // once).
    let xs = xs.map(|s| &s[..len]);
    let ts = ts.map(|s| &s[..len]);
    let mut slots = outs.iter_mut();
    let outs: [&mut [U]; K] = std::array::from_fn(|_| &mut slots.next().expect("K outputs")[..len]);
    let (mut x, mut t) = ([T::default(); N], [T::default(); M]);
    for j in 0..len {
        for k in 0..N {
            x[k] = xs[k][j];
        }
        for k in 0..M {
            t[k] = ts[k][j];
        }
        let ys = f(x, t);
        for k in 0..K {
            outs[k][j] = ys[k];
        }
    }
}

/// What [`for_each_block`] runs on each block: `(the block of each source, the block of
/// each output)`.
type BlockBody<'a, T, U> = dyn Fn(&[&[T]], &mut [&mut [U]]) + Sync + 'a;

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
    kernels::for_each_chunk_mut(len, chunk, outs, &|c, range, parts| {
        let mut cursors = starts[c];
        let mut blocks: [&[T]; MAX_INPUTS] = [&[]; MAX_INPUTS];
        let mut done = 0;
        while done < range.len() {
            let mut block = range.len() - done;
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
            let outputs = parts.len();
            let mut targets: [&mut [U]; MAX_INPUTS] = Default::default();
            for (target, part) in targets.iter_mut().zip(parts.iter_mut()) {
                *target = &mut part[done..done + block];
            }
            body(&blocks[..n], &mut targets[..outputs]);
            done += block;
            for (source, cursor) in sources.iter().zip(cursors.iter_mut()) {
                cursor.advance(source, block);
            }
        }
    });
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

/// Where a pass reads each of `a` then `b`.
fn sources_of<'a, T: Element>(a: &[&'a Array<T>], b: &[&'a Array<T>]) -> Vec<Source<'a, T>> {
    a.iter().chain(b).map(|x| Source::of(x)).collect()
}
