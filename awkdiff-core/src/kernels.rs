//! The flat-buffer loops under every elementwise operation and innermost-axis reduction,
//! serial for small inputs and split across threads with rayon (cargo feature `parallel`,
//! on by default) from [`PARALLEL_MIN_LEN`] values on.
//!
//! Every value is computed by the same expression on either path, and a per-list reduction
//! always folds its list in order on one thread, so results are bitwise identical with and
//! without threads. Inner loops are plain slice iterations (no indexing, no bounds checks)
//! that the compiler can vectorise.

use std::ops::Range;
use std::sync::Mutex;

use crate::pool;

#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// Number of values from which a kernel splits its work across threads: below it, the cost
/// of waking threads outweighs the gain, so small arrays pay nothing.
#[cfg_attr(not(feature = "parallel"), allow(dead_code))]
pub(crate) const PARALLEL_MIN_LEN: usize = 1 << 16;

/// Values per parallel task (large enough to amortise the task, small enough to balance).
#[cfg(feature = "parallel")]
pub(crate) const CHUNK: usize = 1 << 13;

/// True when a kernel over `len` values should use threads: it is large and the current
/// rayon pool has more than one (a one-thread pool runs the plain serial loop).
#[inline]
#[cfg_attr(not(feature = "parallel"), allow(dead_code))]
pub(crate) fn parallel(len: usize) -> bool {
    #[cfg(feature = "parallel")]
    {
        len >= PARALLEL_MIN_LEN && rayon::current_num_threads() > 1
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = len;
        false
    }
}

/// Runs `task(c)` for every `c` in `0..count` on the rayon pool. It is not generic, so
/// rayon's machinery is compiled once, here in awkdiff-core, and not again for every closure
/// of every crate that calls a kernel (each fused chain of a user's function is a new
/// closure): kernels hand their chunks to it through one dynamic call per chunk of
/// [`CHUNK`] values.
#[cfg(feature = "parallel")]
fn for_each_task(count: usize, task: &(dyn Fn(usize) + Sync)) {
    (0..count).into_par_iter().for_each(task);
}

/// The chunk size a kernel over `len` items cuts them into: [`CHUNK`] when it runs on
/// threads, else all of them at once (one chunk, one serial loop).
pub(crate) fn chunk_for(len: usize) -> usize {
    #[cfg(feature = "parallel")]
    if parallel(len) {
        return CHUNK;
    }
    len.max(1)
}

/// Calls `body(c, range)` for the consecutive chunks `range` of `chunk` items (the last one
/// shorter) that cover `0..count`, `c` being the chunk's number: on the rayon pool when there
/// is more than one chunk, else on this thread. Not generic: every kernel's closure reaches
/// the threads through this one function, so a user's crate compiles rayon's machinery
/// once, not once per closure.
pub(crate) fn for_each_chunk(
    count: usize,
    chunk: usize,
    body: &(dyn Fn(usize, Range<usize>) + Sync),
) {
    let chunk = chunk.max(1);
    let chunks = count.div_ceil(chunk);
    let range = |c: usize| c * chunk..((c + 1) * chunk).min(count);
    #[cfg(feature = "parallel")]
    if chunks > 1 {
        return for_each_task(chunks, &|c| body(c, range(c)));
    }
    for c in 0..chunks {
        body(c, range(c));
    }
}

/// What [`for_each_chunk_mut`] runs for each chunk: `(chunk number, its range, the parts of
/// the outputs in that range)`.
pub(crate) type ChunkBody<'a, T> = dyn ChunkTask<T> + 'a;

/// What [`collect_chunks`] runs for each chunk: `(chunk number, its range, the part of the
/// output in that range)`.
pub(crate) type ChunkWriter<'a, U> = dyn ChunkWrite<U> + 'a;

// The closures the drivers call through `dyn` reach them as traits of one method rather
// than `dyn Fn`, whose vtable also holds `call_once`: two more functions (the call and a
// shim) that a user's crate compiled for every closure of every fused chain, never called.
// A closure passed as one of these needs its parameter types written out.

/// A closure run on each chunk of outputs (see [`ChunkBody`]).
pub(crate) trait ChunkTask<T>: Sync {
    /// Runs on chunk `c`, the positions `range`, the outputs' parts `parts` there.
    fn run(&self, c: usize, range: Range<usize>, parts: &mut [&mut [T]]);
}

impl<T, F: Fn(usize, Range<usize>, &mut [&mut [T]]) + Sync> ChunkTask<T> for F {
    #[inline]
    fn run(&self, c: usize, range: Range<usize>, parts: &mut [&mut [T]]) {
        self(c, range, parts)
    }
}

/// A closure that writes each chunk of one output (see [`ChunkWriter`]).
pub(crate) trait ChunkWrite<U>: Sync {
    /// Writes chunk `c`, the positions `range`, into `out`.
    fn run(&self, c: usize, range: Range<usize>, out: &mut [U]);
}

impl<U, F: Fn(usize, Range<usize>, &mut [U]) + Sync> ChunkWrite<U> for F {
    #[inline]
    fn run(&self, c: usize, range: Range<usize>, out: &mut [U]) {
        self(c, range, out)
    }
}

/// A closure run on each part of [`fill_parts`] (see [`PartBody`]).
trait PartTask<U>: Sync {
    /// Runs on the lists `lists`, whose leaves are `leaves`.
    fn run(&self, lists: Range<usize>, leaves: &mut [U]);
}

impl<U, F: Fn(Range<usize>, &mut [U]) + Sync> PartTask<U> for F {
    #[inline]
    fn run(&self, lists: Range<usize>, leaves: &mut [U]) {
        self(lists, leaves)
    }
}

/// [`for_each_chunk`] over `len` positions of the buffers `outs` (each of length `len`):
/// `body(c, range, parts)` for every chunk, `parts[k]` being `outs[k][range]`. Generic over
/// the value type only (the closure is called through `dyn`), and safe: the buffers are cut
/// into their chunks before the chunks start, and each chunk's parts are handed to it once.
pub(crate) fn for_each_chunk_mut<T: Send>(
    len: usize,
    chunk: usize,
    outs: &mut [&mut [T]],
    body: &ChunkBody<'_, T>,
) {
    assert!(
        outs.iter().all(|o| o.len() == len),
        "outputs of different lengths"
    );
    let chunk = chunk.max(1);
    let chunks = len.div_ceil(chunk);
    if chunks <= 1 {
        if len > 0 {
            body.run(0, 0..len, outs);
        }
        return;
    }
    let mut pieces: Vec<std::slice::ChunksMut<T>> =
        outs.iter_mut().map(|o| o.chunks_mut(chunk)).collect();
    // One slot per chunk, taken by that chunk alone (its lock is never contended).
    let slots: Vec<Mutex<Vec<&mut [T]>>> = (0..chunks)
        .map(|_| {
            let parts = pieces
                .iter_mut()
                .map(|p| p.next().expect("one piece per chunk"));
            Mutex::new(parts.collect())
        })
        .collect();
    for_each_chunk(len, chunk, &|c, range| {
        let mut parts = slots[c]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        body.run(c, range, &mut parts)
    });
}

/// [`for_each_chunk_mut`] by lists: the lists `offsets` cut into chunks of `per_task`
/// lists, and `body(c, lists, parts)` called for each, `parts[k]` being the positions of
/// those lists in `outs[k]` (of length `offsets[last] - offsets[0]`). Generic over the
/// value type only.
pub(crate) fn for_each_list_chunk_mut<T: Send>(
    offsets: &[i64],
    per_task: usize,
    outs: &mut [&mut [T]],
    body: &ChunkBody<'_, T>,
) {
    let lists = offsets.len().saturating_sub(1);
    let per_task = per_task.max(1);
    let chunks = lists.div_ceil(per_task);
    let lists_of = |c: usize| c * per_task..((c + 1) * per_task).min(lists);
    if chunks <= 1 {
        if lists > 0 {
            body.run(0, 0..lists, outs);
        }
        return;
    }
    // Each output cut at the chunks' first positions, one slot per chunk.
    let mut rests: Vec<&mut [T]> = outs.iter_mut().map(|o| &mut **o).collect();
    let slots: Vec<Mutex<Vec<&mut [T]>>> = (0..chunks)
        .map(|c| {
            let range = lists_of(c);
            let len = (offsets[range.end] - offsets[range.start]) as usize;
            let parts = rests
                .iter_mut()
                .map(|rest| {
                    let (part, after) = std::mem::take(rest).split_at_mut(len);
                    *rest = after;
                    part
                })
                .collect();
            Mutex::new(parts)
        })
        .collect();
    debug_assert!(
        rests.iter().all(|r| r.is_empty()),
        "outputs longer than the lists"
    );
    for_each_chunk(chunks, 1, &|c, _| {
        let mut parts = slots[c]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        body.run(c, lists_of(c), &mut parts)
    });
}

/// `len` new values, written chunk by chunk by `write(c, range, out)` (`out`: the part
/// `range` of the result, to be overwritten). Generic over the value type only: the
/// closures of the kernels above it are called once per chunk, through `dyn`.
pub(crate) fn collect_chunks<U: Copy + Default + Send + 'static>(
    len: usize,
    chunk: usize,
    write: &ChunkWriter<'_, U>,
) -> Vec<U> {
    let mut out: Vec<U> = pool::take_filled(len);
    let body =
        |c: usize, range: Range<usize>, parts: &mut [&mut [U]]| write.run(c, range, &mut *parts[0]);
    for_each_chunk_mut(len, chunk, &mut [&mut out], &body);
    out
}

/// Writes `f(x)` for each `x` of `src` into `out` (of the same length).
#[inline]
fn write_map<T: Copy, U>(src: &[T], out: &mut [U], f: &impl Fn(T) -> U) {
    for (o, &x) in out.iter_mut().zip(src) {
        *o = f(x);
    }
}

/// `f(v)` for every value of `src`.
pub(crate) fn map<T, U>(src: &[T], f: impl Fn(T) -> U + Sync) -> Vec<U>
where
    T: Copy + Sync,
    U: Copy + Default + Send + 'static,
{
    let write = |_: usize, range: Range<usize>, out: &mut [U]| write_map(&src[range], out, &f);
    collect_chunks(src.len(), chunk_for(src.len()), &write)
}

/// `f(a[i], b[i])` for every `i`; the slices have the same length.
pub(crate) fn zip<T, U>(a: &[T], b: &[T], f: impl Fn(T, T) -> U + Sync) -> Vec<U>
where
    T: Copy + Sync,
    U: Copy + Default + Send + 'static,
{
    assert_eq!(a.len(), b.len(), "zip of slices of different lengths");
    let write = |_: usize, range: Range<usize>, out: &mut [U]| {
        for ((o, &x), &y) in out.iter_mut().zip(&a[range.clone()]).zip(&b[range]) {
            *o = f(x, y);
        }
    };
    collect_chunks(a.len(), chunk_for(a.len()), &write)
}

/// `a[i] = f(a[i], b[i])` for every `i`, in place; the slices have the same length.
pub(crate) fn zip_in_place<T>(a: &mut [T], b: &[T], f: impl Fn(T, T) -> T + Sync)
where
    T: Copy + Send + Sync,
{
    assert_eq!(a.len(), b.len(), "zip of slices of different lengths");
    let len = a.len();
    let body = |_: usize, range: Range<usize>, parts: &mut [&mut [T]]| {
        for (x, &y) in parts[0].iter_mut().zip(&b[range]) {
            *x = f(*x, y);
        }
    };
    for_each_chunk_mut(len, chunk_for(len), &mut [a], &body);
}

/// For every list `i` (leaves `offsets[i]..offsets[i + 1]` of `values`), the fold of its
/// values in order from `identity`.
pub(crate) fn fold_lists<T, A>(
    offsets: &[i64],
    values: &[T],
    identity: A,
    op: impl Fn(A, T) -> A + Sync,
) -> Vec<A>
where
    T: Copy + Sync,
    A: Copy + Send + Sync,
{
    let lists = offsets.len().saturating_sub(1);
    // On threads, enough lists per task that each task folds about CHUNK values.
    let chunk = if chunk_for(values.len()) < values.len() {
        (chunk_for(values.len()) * lists / values.len().max(1)).max(1)
    } else {
        lists
    };
    let mut out = vec![identity; lists];
    let body = |_: usize, range: Range<usize>, sums: &mut [&mut [A]]| {
        for (sum, w) in sums[0]
            .iter_mut()
            .zip(offsets[range.start..=range.end].windows(2))
        {
            let list = &values[w[0] as usize..w[1] as usize];
            *sum = list.iter().fold(identity, |acc, &v| op(acc, v));
        }
    };
    for_each_chunk_mut(lists, chunk, &mut [&mut out], &body);
    out
}

/// Fills `out` (the leaves `offsets[0]..offsets[last]`) list by list: `fill(i, leaves of
/// list i, the list's part of out)` for every list `i`, splitting the lists across threads
/// (in parts of about [`CHUNK`] leaves, at list boundaries) for large outputs.
pub(crate) fn fill_lists<U: Send>(
    offsets: &[i64],
    out: &mut [U],
    fill: &(impl Fn(usize, Range<usize>, &mut [U]) + Sync),
) {
    fill_parts(offsets, out, &|lists: Range<usize>, leaves: &mut [U]| {
        let mut rest = leaves;
        for i in lists {
            let (list, tail) = rest.split_at_mut((offsets[i + 1] - offsets[i]) as usize);
            fill(i, offsets[i] as usize..offsets[i + 1] as usize, list);
            rest = tail;
        }
    })
}

/// What [`fill_parts`] runs on each part: `(its lists, their leaves of the output)`.
type PartBody<'a, U> = dyn PartTask<U> + 'a;

/// The driver of [`fill_lists`], generic over the value type only: cuts the lists into
/// parts of about [`CHUNK`] leaves (one part unless the output is large enough for threads)
/// and runs `body(lists of the part, their leaves)` for each, on threads when there are
/// several.
fn fill_parts<U: Send>(offsets: &[i64], out: &mut [U], body: &PartBody<'_, U>) {
    let lists = offsets.len().saturating_sub(1);
    if lists == 0 {
        return;
    }
    let chunk = chunk_for(out.len());
    if chunk >= out.len() {
        return body.run(0..lists, out); // one part, on this thread
    }
    // Each part: its lists (a list is never split).
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while start < lists {
        let mut end = start + 1;
        while end < lists && ((offsets[end] - offsets[start]) as usize) < chunk {
            end += 1;
        }
        parts.push(start..end);
        start = end;
    }
    // Each part's leaves, cut from `out` in order before the parts start.
    let mut rest = out;
    let mut slots: Vec<Mutex<&mut [U]>> = Vec::with_capacity(parts.len());
    for part in &parts {
        let leaves = (offsets[part.end] - offsets[part.start]) as usize;
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(leaves);
        slots.push(Mutex::new(head));
        rest = tail;
    }
    for_each_chunk(parts.len(), 1, &|p, _| {
        let mut leaves = slots[p]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        body.run(parts[p].clone(), &mut leaves)
    });
}

/// For every list `i` of `offsets`, `f(outer[i], v)` for each value `v` of the list in
/// `deep`: a value per list repeated over that list's leaves (broadcasting).
pub(crate) fn repeat_zip<T, U>(
    offsets: &[i64],
    outer: &[T],
    deep: &[T],
    f: impl Fn(T, T) -> U + Sync,
) -> Vec<U>
where
    T: Copy + Sync,
    U: Copy + Default + Send + Sync + 'static,
{
    let mut out = pool::take_filled(deep.len());
    fill_lists(offsets, &mut out, &|i, leaves, list: &mut [U]| {
        let o = outer[i];
        for (r, &d) in list.iter_mut().zip(&deep[leaves]) {
            *r = f(o, d);
        }
    });
    out
}

/// `K` buffers of `len` values each, to be overwritten (see [`pool::take_filled`]).
pub(crate) fn filled_outputs<T: Copy + Default + Send + 'static, const K: usize>(
    len: usize,
) -> [Vec<T>; K] {
    std::array::from_fn(|_| pool::take_filled(len))
}

/// The buffers `outs` as the mutable slices [`for_each_chunk_mut`] cuts into chunks.
pub(crate) fn slices_of<T>(outs: &mut [Vec<T>]) -> Vec<&mut [T]> {
    outs.iter_mut().map(|o| o.as_mut_slice()).collect()
}

#[cfg(test)]
mod tests {
    //! Every kernel against a plain serial loop, at sizes above [`PARALLEL_MIN_LEN`] (so the
    //! threaded paths run when the feature is on) and below it; equality is bitwise.

    use super::*;
    use rand::{Rng, SeedableRng};

    /// Offsets of `lists` random lists of 0 to 9 values (some empty) and their values.
    fn ragged(lists: usize, seed: u64) -> (Vec<i64>, Vec<f64>) {
        let mut rng = rand::rngs::SmallRng::seed_from_u64(seed);
        let mut offsets = vec![0i64];
        for _ in 0..lists {
            let len = rng.random_range(0..10i64);
            offsets.push(offsets[offsets.len() - 1] + len);
        }
        let n = offsets[lists] as usize;
        let values = (0..n).map(|_| rng.random_range(-2.0..2.0)).collect();
        (offsets, values)
    }

    fn bits(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    /// Runs `check` in a pool of 2 threads (threaded paths) and of 1 (serial paths).
    fn in_pools(check: impl Fn() + Sync) {
        #[cfg(feature = "parallel")]
        for threads in [2, 1] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(&check);
        }
        #[cfg(not(feature = "parallel"))]
        check();
    }

    #[test]
    fn map_and_zip_match_the_serial_loop_bitwise() {
        for lists in [0, 10, 40_000] {
            let (_, a) = ragged(lists, 1);
            let b: Vec<f64> = a.iter().map(|v| v * 0.5 + 1.0).collect();
            in_pools(|| {
                let sin: Vec<f64> = a.iter().map(|v| v.sin()).collect();
                assert_eq!(bits(&map(&a, f64::sin)), bits(&sin));
                let prod: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x * y.cos()).collect();
                assert_eq!(bits(&zip(&a, &b, |x, y| x * y.cos())), bits(&prod));
                let mut in_place = a.clone();
                zip_in_place(&mut in_place, &b, |x, y| x * y.cos());
                assert_eq!(bits(&in_place), bits(&prod));
            });
        }
    }

    #[test]
    fn list_kernels_match_the_serial_loop_bitwise() {
        for lists in [0, 1, 10, 40_000] {
            let (offsets, values) = ragged(lists, 2);
            let per_list: Vec<f64> = (0..lists).map(|i| i as f64 * 0.25 - 3.0).collect();
            in_pools(|| {
                let sums: Vec<f64> = offsets
                    .windows(2)
                    .map(|w| {
                        values[w[0] as usize..w[1] as usize]
                            .iter()
                            .fold(0.0, |a, b| a + b)
                    })
                    .collect();
                assert_eq!(
                    bits(&fold_lists(&offsets, &values, 0.0, |a, v| a + v)),
                    bits(&sums)
                );
                let mut repeated = Vec::new();
                for (w, &o) in offsets.windows(2).zip(&per_list) {
                    let list = &values[w[0] as usize..w[1] as usize];
                    repeated.extend(list.iter().map(|&v| o - v));
                }
                let got = repeat_zip(&offsets, &per_list, &values, |o, v| o - v);
                assert_eq!(bits(&got), bits(&repeated));
                let mut filled = vec![0.0; values.len()];
                fill_lists(&offsets, &mut filled, &|i, leaves, list: &mut [f64]| {
                    for (o, &v) in list.iter_mut().zip(&values[leaves]) {
                        *o = v + i as f64;
                    }
                });
                let mut expected = Vec::new();
                for (i, w) in offsets.windows(2).enumerate() {
                    let list = &values[w[0] as usize..w[1] as usize];
                    expected.extend(list.iter().map(|&v| v + i as f64));
                }
                assert_eq!(bits(&filled), bits(&expected));
            });
        }
    }
}
