//! Fused elementwise chains: what `#[differentiable]` generates for a run of elementwise
//! operations (`x * x + x.sin()`) whose intermediates are used nowhere else. Instead of one
//! pass and one temporary per operation, the chain becomes one scalar closure run in one
//! pass over the flat contents: [`fused_map`] for the value, [`fused_jvp`] for value and
//! tangent together, [`fused_vjp`] for the cotangents of the chain's inputs.
//!
//! The closures call the scalar forms in [`scalar`](super::scalar): each elementwise primitive's value and
//! its local derivative ("slope"), with the same conventions as the array rules beside their
//! primals in `elementwise.rs` and `operators.rs` (a test checks every one against them).
//!
//! The fused path needs its inputs to share one structure ([`same_structure`]); the
//! generated code checks that first and otherwise runs the unfused statements, so broadcasting
//! and its errors are exactly those of the operations as written.

use crate::broadcast::{broadcast_onto, sum_onto};
use crate::element::{Element, Float};
use crate::kernels;
use crate::layout::Array;
use crate::ops::gather::{runs_in_place, Run};
use crate::pool;

/// Whether all `arrays` have one structure (then a fused chain over them needs no
/// broadcasting). O(1) when they share their offsets, as arrays derived from one another do.
///
/// ```
/// use awkdiff_core::{array, rules::same_structure};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// assert!(same_structure([&x, &x.sin()]));
/// assert!(!same_structure([&x, &array![[1.0], [2.0, 3.0], []]]));
/// ```
pub fn same_structure<T: Float, const N: usize>(arrays: [&Array<T>; N]) -> bool {
    arrays
        .windows(2)
        .all(|pair| pair[0].structure().same_as(pair[1].structure()))
}

/// Panics unless the inputs of a fused chain share one structure.
#[track_caller]
fn expect_same<T: Float, const N: usize>(arrays: [&Array<T>; N], what: &str) {
    assert!(
        same_structure(arrays),
        "{what}: the inputs of a fused elementwise chain must share one structure, found {}",
        arrays
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(" and ")
    );
}

/// The value of a fused chain: `f` of the inputs' values at every position, in one pass.
/// The inputs share one structure (see [`same_structure`]).
///
/// ```
/// use awkdiff_core::{array, rules::{fused_map, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let y = fused_map([&x], |[x]| scalar::add(scalar::mul(x, x), scalar::sin(x)));
/// assert_eq!(y, &x * &x + x.sin());
/// ```
#[track_caller]
pub fn fused_map<T: Float, const N: usize>(
    inputs: [&Array<T>; N],
    f: impl Fn([T; N]) -> T + Sync,
) -> Array<T> {
    expect_same(inputs, "fused_map");
    let [out] = map_arrays::<T, 1>(&inputs, len(inputs), |all: &[T]| {
        [f(std::array::from_fn(|k| all[k]))]
    });
    inputs[0].with_content(out)
}

/// Value and tangent of a fused chain in one pass: `f(values, tangents)` gives both at every
/// position. `tangents` are those of the active inputs, each of its input's structure.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_jvp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let t = array![[1.0, 1.0], [], [1.0]];
/// let (y, dy) = fused_jvp([&x], [&t], |[x], [dx]| {
///     let y = scalar::sin(x);
///     (y, scalar::sin_slope(x, y) * dx)
/// });
/// assert_eq!((y, dy), (x.sin(), x.cos()));
/// ```
#[track_caller]
pub fn fused_jvp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    tangents: [&Array<T>; M],
    f: impl Fn([T; N], [T; M]) -> (T, T) + Sync,
) -> (Array<T>, Array<T>) {
    expect_same(inputs, "fused_jvp");
    expect_same(tangents, "fused_jvp");
    assert!(
        tangents.is_empty() || tangents[0].structure().same_as(inputs[0].structure()),
        "fused_jvp: the tangents are {} but the inputs {}",
        tangents.first().map_or(String::new(), |t| t.to_string()),
        inputs[0]
    );
    let arrays: Vec<&Array<T>> = inputs.iter().chain(&tangents).copied().collect();
    let [value, tangent] = map_arrays::<T, 2>(&arrays, len(inputs), |all: &[T]| {
        let xs: [T; N] = std::array::from_fn(|k| all[k]);
        let ts: [T; M] = std::array::from_fn(|k| all[N + k]);
        let (y, dy) = f(xs, ts);
        [y, dy]
    });
    (
        inputs[0].with_content(value),
        inputs[0].with_content(tangent),
    )
}

/// Cotangents of the first `M` inputs of a fused chain (its active inputs) for the
/// cotangent `ct` of its output, in one pass: `f(values, ct)` gives them at every position.
/// An input of another structure than `ct` (one that the chain broadcast) is broadcast onto
/// it first and its cotangent summed back, as the unfused rules do.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_vjp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let ct = array![[1.0, 1.0], [], [1.0]];
/// let [ct_x] = fused_vjp([&x], &ct, |[x], ct| [scalar::sin_slope(x, scalar::sin(x)) * ct]);
/// assert_eq!(ct_x, x.cos());
/// ```
#[track_caller]
pub fn fused_vjp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    ct: &Array<T>,
    f: impl Fn([T; N], T) -> [T; M] + Sync,
) -> [Array<T>; M] {
    let onto: [Array<T>; N] = inputs.map(|x| broadcast_onto(ct, x));
    let all: Vec<&Array<T>> = onto.iter().chain([ct]).collect();
    let cts = map_arrays::<T, M>(&all, ct.structure().content_len(), |vals: &[T]| {
        let xs: [T; N] = std::array::from_fn(|k| vals[k]);
        f(xs, vals[N])
    });
    let mut k = 0;
    cts.map(|c| {
        let like = inputs[k];
        k += 1;
        sum_onto(&ct.with_content(c), like)
    })
}

fn len<T: Float, const N: usize>(inputs: [&Array<T>; N]) -> usize {
    inputs.first().map_or(0, |x| x.structure().content_len())
}

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
        match runs_in_place(x) {
            Some((values, runs)) => Source::Runs { values, runs },
            None => Source::Flat(x.content()),
        }
    }
}

/// `f` of the arrays' values at each of `len` positions, `K` outputs: one pass over flat
/// buffers, or block by block when some arrays are slices read in place (a block ends where
/// any of their runs ends), so that a slice feeding a fused chain is never copied.
fn map_arrays<T: Float, const K: usize>(
    arrays: &[&Array<T>],
    len: usize,
    f: impl Fn(&[T]) -> [T; K] + Sync,
) -> [Vec<T>; K] {
    let sources: Vec<Source<T>> = arrays.iter().map(|x| Source::of(x)).collect();
    if sources.iter().all(|s| matches!(s, Source::Flat(_))) {
        let contents: Vec<&[T]> = arrays.iter().map(|x| x.content()).collect();
        return map_k(&contents, len, f);
    }
    map_runs(&sources, len, f)
}

/// [`map_arrays`] when some sources are runs: block by block, threaded over chunks of
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
    let mut outs: [Vec<U>; K] = std::array::from_fn(|_| {
        let mut out = pool::take(len);
        out.resize(len, U::default());
        out
    });
    #[cfg(feature = "parallel")]
    if kernels::parallel(len) {
        use rayon::prelude::*;
        // Cut the positions into chunks; each starts with the cursors of a serial walk over
        // the runs (cheap: one step per run), then the chunks run on all threads.
        let chunk = kernels::CHUNK;
        let starts = chunk_cursors(sources, len, chunk);
        let mut pieces: [std::vec::IntoIter<&mut [U]>; K] = outs
            .each_mut()
            .map(|o| o.chunks_mut(chunk).collect::<Vec<_>>().into_iter());
        let tasks: Vec<([&mut [U]; K], Cursors)> = starts
            .into_iter()
            .map(|cursors| {
                let outs = std::array::from_fn(|k| pieces[k].next().expect("one piece per chunk"));
                (outs, cursors)
            })
            .collect();
        tasks
            .into_par_iter()
            .for_each(|(outs, cursors)| read_blocks(sources, cursors, outs, &f));
        return outs;
    }
    read_blocks(
        sources,
        [Cursor::default(); MAX_INPUTS],
        outs.each_mut().map(|o| o.as_mut_slice()),
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
#[cfg(feature = "parallel")]
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
    mut outs: [&mut [U]; K],
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
        let targets: [&mut [U]; K] = outs.each_mut().map(|o| &mut o[done..done + block]);
        for j in 0..block {
            for k in 0..n {
                values[k] = blocks[k][j];
            }
            let ys = f(&values[..n]);
            for k in 0..K {
                targets[k][j] = ys[k];
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

/// [`kernels::map_n`] over a runtime number of inputs, dispatched to a fixed-size kernel.
fn map_k<T: Float, const K: usize>(
    contents: &[&[T]],
    len: usize,
    f: impl Fn(&[T]) -> [T; K] + Sync,
) -> [Vec<T>; K] {
    macro_rules! dispatch {
        ($($n:literal)*) => {
            match contents.len() {
                $($n => {
                    let inputs: [&[T]; $n] = std::array::from_fn(|k| contents[k]);
                    kernels::map_n(inputs, len, |xs: [T; $n]| f(&xs))
                })*
                n => panic!("a fused elementwise chain reads {n} arrays, more than {MAX_INPUTS}"),
            }
        };
    }
    dispatch!(1 2 3 4 5 6 7 8)
}
