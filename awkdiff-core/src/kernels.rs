//! The flat-buffer loops under every elementwise operation and innermost-axis reduction,
//! serial for small inputs and split across threads with rayon (cargo feature `parallel`,
//! on by default) from [`PARALLEL_MIN_LEN`] values on.
//!
//! Every value is computed by the same expression on either path, and a per-list reduction
//! always folds its list in order on one thread, so results are bitwise identical with and
//! without threads. Inner loops are plain slice iterations (no indexing, no bounds checks)
//! that the compiler can vectorise.

use std::ops::Range;

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
pub(crate) fn for_each_task(count: usize, task: &(dyn Fn(usize) + Sync)) {
    (0..count).into_par_iter().for_each(task);
}

/// Runs `run(c, tasks[c])` for every task on the rayon pool, through [`for_each_task`]:
/// each task (typically the output chunks it writes) is handed over once, by a lock that is
/// never contended.
#[cfg(feature = "parallel")]
pub(crate) fn run_tasks<X: Send>(tasks: Vec<X>, run: impl Fn(usize, X) + Sync) {
    let slots: Vec<std::sync::Mutex<Option<X>>> = tasks
        .into_iter()
        .map(|task| std::sync::Mutex::new(Some(task)))
        .collect();
    for_each_task(slots.len(), &|c| {
        let task = slots[c].lock().ok().and_then(|mut slot| slot.take());
        if let Some(task) = task {
            run(c, task);
        }
    });
}

/// `f(v)` for every value of `src`.
pub(crate) fn map<T, U>(src: &[T], f: impl Fn(T) -> U + Sync) -> Vec<U>
where
    T: Copy + Sync,
    U: Send + 'static,
{
    let mut out = pool::take(src.len());
    #[cfg(feature = "parallel")]
    if parallel(src.len()) {
        src.par_iter()
            .with_min_len(CHUNK)
            .map(|&v| f(v))
            .collect_into_vec(&mut out);
        return out;
    }
    out.extend(src.iter().map(|&v| f(v)));
    out
}

/// `f(a[i], b[i])` for every `i`; the slices have the same length.
pub(crate) fn zip<T, U>(a: &[T], b: &[T], f: impl Fn(T, T) -> U + Sync) -> Vec<U>
where
    T: Copy + Sync,
    U: Send + 'static,
{
    debug_assert_eq!(a.len(), b.len());
    let mut out = pool::take(a.len());
    #[cfg(feature = "parallel")]
    if parallel(a.len()) {
        a.par_iter()
            .zip(b.par_iter())
            .with_min_len(CHUNK)
            .map(|(&x, &y)| f(x, y))
            .collect_into_vec(&mut out);
        return out;
    }
    out.extend(a.iter().zip(b).map(|(&x, &y)| f(x, y)));
    out
}

/// `a[i] = f(a[i], b[i])` for every `i`, in place; the slices have the same length.
pub(crate) fn zip_in_place<T>(a: &mut [T], b: &[T], f: impl Fn(T, T) -> T + Sync)
where
    T: Copy + Send + Sync,
{
    debug_assert_eq!(a.len(), b.len());
    let apply = |a: &mut [T], b: &[T]| {
        for (x, &y) in a.iter_mut().zip(b) {
            *x = f(*x, y);
        }
    };
    #[cfg(feature = "parallel")]
    if parallel(a.len()) {
        let tasks: Vec<(&mut [T], &[T])> = a.chunks_mut(CHUNK).zip(b.chunks(CHUNK)).collect();
        run_tasks(tasks, |_, (a, b)| apply(a, b));
        return;
    }
    apply(a, b)
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
    let fold = |w: &[i64]| {
        values[w[0] as usize..w[1] as usize]
            .iter()
            .fold(identity, |acc, &v| op(acc, v))
    };
    #[cfg(feature = "parallel")]
    if parallel(values.len()) {
        let lists = offsets.len().saturating_sub(1);
        // Enough lists per task that each task folds about CHUNK values.
        let per_task = (CHUNK * lists / values.len().max(1)).max(1);
        let mut out = vec![identity; lists];
        let tasks: Vec<&mut [A]> = out.chunks_mut(per_task).collect();
        run_tasks(tasks, |c, sums| {
            let first = c * per_task;
            for (i, sum) in sums.iter_mut().enumerate() {
                *sum = fold(&offsets[first + i..first + i + 2]);
            }
        });
        return out;
    }
    offsets.windows(2).map(fold).collect()
}

/// Fills `out` (the leaves `offsets[0]..offsets[last]`) list by list: `fill(i, leaves of
/// list i, the list's part of out)` for every list `i`, splitting the lists across threads
/// (by halves, at list boundaries) for large outputs.
pub(crate) fn fill_lists<U: Send>(
    offsets: &[i64],
    out: &mut [U],
    fill: &(impl Fn(usize, Range<usize>, &mut [U]) + Sync),
) {
    #[cfg(feature = "parallel")]
    if parallel(out.len()) {
        return fill_lists_parallel(0, offsets, out, fill);
    }
    fill_lists_serial(0, offsets, out, fill)
}

/// [`fill_lists`] across threads: the lists cut into parts of about [`CHUNK`] leaves (at
/// list boundaries), each filled on one thread.
#[cfg(feature = "parallel")]
fn fill_lists_parallel<U: Send>(
    first: usize,
    offsets: &[i64],
    out: &mut [U],
    fill: &(impl Fn(usize, Range<usize>, &mut [U]) + Sync),
) {
    let lists = offsets.len().saturating_sub(1);
    // Each part: (its first list, its lists' offsets, its leaves of `out`).
    let mut parts: Vec<(usize, &[i64], &mut [U])> = Vec::new();
    let mut rest = out;
    let mut start = 0;
    while start < lists {
        let mut end = start + 1;
        while end < lists && offsets[end] - offsets[start] < CHUNK as i64 {
            end += 1;
        }
        let (part, tail) = rest.split_at_mut((offsets[end] - offsets[start]) as usize);
        parts.push((first + start, &offsets[start..=end], part));
        rest = tail;
        start = end;
    }
    run_tasks(parts, |_, (first, offsets, part)| {
        fill_lists_serial(first, offsets, part, fill)
    });
}

/// [`fill_lists`] on this thread, for the lists `first..first + offsets.len() - 1`.
fn fill_lists_serial<U>(
    first: usize,
    offsets: &[i64],
    out: &mut [U],
    fill: &impl Fn(usize, Range<usize>, &mut [U]),
) {
    let mut rest = out;
    for (i, w) in offsets.windows(2).enumerate() {
        let (list, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
        fill(first + i, w[0] as usize..w[1] as usize, list);
        rest = tail;
    }
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
    U: Copy + Send + Sync + 'static,
{
    let Some(&first) = deep.first() else {
        return Vec::new();
    };
    // A placeholder value (every entry is overwritten).
    let mut out = pool::take(deep.len());
    out.resize(deep.len(), f(first, first));
    fill_lists(offsets, &mut out, &|i, leaves, list: &mut [U]| {
        let o = outer[i];
        for (r, &d) in list.iter_mut().zip(&deep[leaves]) {
            *r = f(o, d);
        }
    });
    out
}

/// `f([a[0][i], ..., a[N-1][i]], [b[0][i], ..., b[M-1][i]])` for every `i`, its `K` results
/// written to `K` new buffers: the one pass of a fused elementwise chain over its values and
/// its tangents (or its cotangent). All slices have length `len`. The two groups have sizes
/// fixed at compile time, so each chain instantiates this once.
pub(crate) fn map_groups<T, const N: usize, const M: usize, const K: usize>(
    a: [&[T]; N],
    b: [&[T]; M],
    len: usize,
    f: impl Fn([T; N], [T; M]) -> [T; K] + Sync,
) -> [Vec<T>; K]
where
    T: Copy + Default + Send + Sync + 'static,
{
    debug_assert!(a.iter().chain(&b).all(|x| x.len() == len));
    let mut outs: [Vec<T>; K] = std::array::from_fn(|_| {
        let mut out = pool::take(len);
        out.resize(len, T::default());
        out
    });
    let run = |start: usize, mut outs: [&mut [T]; K]| {
        let n = outs.first().map_or(0, |o| o.len());
        let xs: [&[T]; N] = std::array::from_fn(|k| &a[k][start..start + n]);
        let ts: [&[T]; M] = std::array::from_fn(|k| &b[k][start..start + n]);
        for j in 0..n {
            let ys = f(
                std::array::from_fn(|k| xs[k][j]),
                std::array::from_fn(|k| ts[k][j]),
            );
            for (out, y) in outs.iter_mut().zip(ys) {
                out[j] = y;
            }
        }
    };
    #[cfg(feature = "parallel")]
    if parallel(len) {
        let mut chunks: [std::vec::IntoIter<&mut [T]>; K] = outs
            .each_mut()
            .map(|o| o.chunks_mut(CHUNK).collect::<Vec<_>>().into_iter());
        let tasks: Vec<[&mut [T]; K]> = (0..len.div_ceil(CHUNK))
            .map(|_| std::array::from_fn(|k| chunks[k].next().expect("one chunk per task")))
            .collect();
        run_tasks(tasks, |c, outs| run(c * CHUNK, outs));
        return outs;
    }
    run(0, outs.each_mut().map(|o| o.as_mut_slice()));
    outs
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
