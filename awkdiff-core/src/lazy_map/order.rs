//! The order in which a fused sum over short lists takes each group of lists: as given, or
//! by length. Either way each list is summed in order, so the sums are the same to the bit;
//! only the speed differs, and which order is faster depends on the chain.
//!
//! A list's loop ends at a length the processor cannot predict, and a mispredicted end
//! costs about as much as adding up a short list. Taken by length, lists of one length come
//! in a row and end alike: a sum of neighbours' products over lists of 0 to 19 values went
//! from 19.3 to 13.3 ms, `(x * x).sum(1)` from 17.5 to 11.7 ms. But ordering costs a sort
//! and a read of the group's values per group, and a chain whose values take long to compute
//! hides the mispredictions anyway: `(x * x + x.sin()).sum(1)` went from 52 to 55.5 ms,
//! `(x * x + 1.0).sqrt().sum(1)` from 19.4 to 21.9 ms, while `x.exp().sum(1)` gained 6%. So a
//! long pass times both orders on its first lists, block by block in turn, and keeps the
//! faster ([`ListOrder::probe`]); a short one keeps the given order.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::pieces::GROUP;
use super::{lists_per_task, ListSource};
use crate::element::Element;
use crate::kernels::{self, ChunkBody};

/// Lists of one block of a probe: four groups.
const PROBE_BLOCK: usize = 4 * GROUP;

/// Lists a probe times: eight blocks, four in each order.
const PROBE_LISTS: usize = 8 * PROBE_BLOCK;

/// Fewest lists of a pass that probes: the pass then runs again at most 1/16 of its lists.
const PROBE_MIN_LISTS: usize = 16 * PROBE_LISTS;

/// Most values per list, on average, of a pass that probes (longer lists end rarely
/// enough that their order does not matter).
const PROBE_MAX_MEAN_LEN: usize = 32;

/// How much faster by length must be to be kept.
const MARGIN: f64 = 0.97;

/// A pass's choice of order, read by each of its tasks (on any thread).
pub(super) struct ListOrder {
    by_length: AtomicBool,
    /// Whether [`ListOrder::probe`] decides (unit tests fix the order instead).
    probes: bool,
}

impl ListOrder {
    /// The given order, until a probe says otherwise.
    pub(super) fn new() -> Self {
        #[cfg(test)]
        if let Some(by_length) = tests::FIXED.get() {
            return ListOrder {
                by_length: AtomicBool::new(by_length),
                probes: false,
            };
        }
        ListOrder {
            by_length: AtomicBool::new(false),
            probes: true,
        }
    }

    /// Whether to take each group's lists by length.
    #[inline]
    pub(super) fn by_length(&self) -> bool {
        self.by_length.load(Ordering::Relaxed)
    }

    /// Runs the pass `body` over the lists `offsets` of `sources`, writing one sum per list
    /// into each of `outs`: on threads, in the order a probe of its first lists found faster.
    pub(super) fn run<T: Element + Send>(
        &self,
        sources: &[ListSource<T>],
        offsets: &[i64],
        outs: &mut [&mut [T]],
        body: &ChunkBody<'_, T>,
    ) {
        if let Some(probe) = probe_lists(sources, offsets) {
            self.probe(outs, (probe, offsets), body);
        }
        let lists = offsets.len().saturating_sub(1);
        kernels::for_each_chunk_mut(lists, lists_per_task(offsets), outs, body);
    }

    /// Runs `body` (writing each list's sums into `outs`, one value per list of the pass
    /// in each output) on the lists `lists`, block by block, and keeps the order that took
    /// less time per value (see [`ListOrder::time_orders`]).
    fn probe<T: Send>(
        &self,
        outs: &mut [&mut [T]],
        (lists, offsets): (Range<usize>, &[i64]),
        body: &ChunkBody<'_, T>,
    ) {
        if self.probes {
            self.time_orders((lists, offsets), &mut Blocks { outs, body });
        }
    }

    /// Runs `blocks` on consecutive blocks of the lists `lists` (of `offsets`), in the
    /// given order and by length in turn, and keeps the order that took less time per
    /// value. Each block is read for the first time, as the pass will read its lists; the
    /// pass then runs them again with the rest. Not generic.
    fn time_orders(&self, (lists, offsets): (Range<usize>, &[i64]), blocks: &mut dyn BlockRun) {
        // Seconds per value, the best block of each order.
        let mut best = [f64::MAX; 2];
        for b in 0..lists.len() / PROBE_BLOCK {
            let block = lists.start + b * PROBE_BLOCK..lists.start + (b + 1) * PROBE_BLOCK;
            let values = (offsets[block.end] - offsets[block.start]).max(1) as f64;
            let by_length = b % 2 == 1;
            self.by_length.store(by_length, Ordering::Relaxed);
            let start = Instant::now();
            blocks.run(block);
            let per_value = start.elapsed().as_secs_f64() / values;
            let best = &mut best[usize::from(by_length)];
            *best = best.min(per_value);
        }
        self.by_length
            .store(best[1] < MARGIN * best[0], Ordering::Relaxed);
    }
}

/// A pass run on a block of its lists (what [`ListOrder::time_orders`] times).
trait BlockRun {
    /// Runs the pass on the lists `block`.
    fn run(&mut self, block: Range<usize>);
}

/// A pass `body` and its outputs `outs` (one value per list each), run a block at a time.
struct Blocks<'o, 'b, 'p, T> {
    outs: &'o mut [&'b mut [T]],
    body: &'o ChunkBody<'p, T>,
}

impl<T: Send> BlockRun for Blocks<'_, '_, '_, T> {
    fn run(&mut self, block: Range<usize>) {
        let mut parts: Vec<&mut [T]> = Vec::with_capacity(self.outs.len());
        for out in self.outs.iter_mut() {
            parts.push(&mut out[block.clone()]);
        }
        self.body.run(0, block, &mut parts);
    }
}

/// The lists a pass over the lists `offsets` of `sources` probes ([`ListOrder::probe`]):
/// `None` when no order but the given one applies (an input gathers, the lists are long) or
/// the pass is too short to pay for a probe.
fn probe_lists<T: Element>(sources: &[ListSource<T>], offsets: &[i64]) -> Option<Range<usize>> {
    let lists = offsets.len().checked_sub(1)?;
    if lists < PROBE_MIN_LISTS || sources.iter().any(ListSource::gathers) {
        return None;
    }
    let values = (offsets[lists] - offsets[0]) as usize;
    (values <= PROBE_MAX_MEAN_LEN * lists).then_some(0..PROBE_LISTS)
}

#[cfg(test)]
mod tests {
    //! Both orders give every list's sum to the bit, over inputs read in place (whole
    //! lists, ranges inside every list, lists in reverse order) and inputs that gather, for
    //! groups of short lists, long lists, and passes long enough to probe.

    use std::cell::Cell;

    use super::PROBE_MIN_LISTS;
    use crate::layout::Array;
    use crate::ops::fused::fused_sum_map;
    use crate::s;

    thread_local! {
        /// The order [`super::ListOrder::new`] takes on this thread, when set.
        pub(super) static FIXED: Cell<Option<bool>> = const { Cell::new(None) };
    }

    /// `lists` lists of 0 to `longest` values, from a fixed seed.
    fn ragged(lists: usize, longest: u64) -> Array<f64> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut offsets = vec![0i64];
        for _ in 0..lists {
            let len = (next() % (longest + 1)) as i64;
            offsets.push(offsets.last().unwrap() + len);
        }
        let values = (0..*offsets.last().unwrap())
            .map(|_| (next() % 2001) as f64 / 1000.0 - 1.0)
            .collect();
        Array::from_offsets(offsets, Array::from_vec(values)).unwrap()
    }

    /// Each list's sum of `f` over the values of `xs` (one structure), in order, by hand.
    fn by_hand(xs: [&Array<f64>; 2], f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
        let (a, b) = (xs[0].iter_lists(), xs[1].iter_lists());
        a.zip(b)
            .map(|(a, b)| {
                let (a, b) = (a.content(), b.content());
                a.iter().zip(b.iter()).fold(0.0, |s, (&x, &y)| s + f(x, y))
            })
            .collect()
    }

    /// The fused sum of `x[j] * y[j] + x[j]` per list, in the order `fixed`.
    fn fused(xs: [&Array<f64>; 2], fixed: Option<bool>) -> Vec<f64> {
        FIXED.set(fixed);
        let sums = fused_sum_map(xs, -1, |[x, y]| x * y + x);
        FIXED.set(None);
        sums.content().to_vec()
    }

    fn check(xs: [&Array<f64>; 2], what: &str) {
        let want = by_hand(xs, |x, y| x * y + x);
        for fixed in [Some(false), Some(true), None] {
            let got = fused(xs, fixed);
            let same = got
                .iter()
                .zip(&want)
                .all(|(g, w)| g.to_bits() == w.to_bits());
            assert!(same && got.len() == want.len(), "{what}, order {fixed:?}");
        }
    }

    #[test]
    fn short_lists_read_in_place() {
        let x = ragged(5000, 19);
        let y = &x * 0.5 + 1.0;
        check([&x, &y], "whole lists");
        let (a, b) = (x.slice(s![.., 1..]), x.slice(s![.., ..-1]));
        check([&a, &b], "ranges inside every list");
        let (r, q) = (x.slice(s![..;-1]), y.slice(s![..;-1]));
        check([&r, &q], "lists in reverse order");
    }

    #[test]
    fn long_lists_picked_lists_and_gathered_items() {
        let x = ragged(300, 200);
        check([&x, &(&x + 2.0)], "long lists");
        let x = ragged(3000, 12);
        let every_other: Vec<i64> = (0..3000).rev().step_by(2).collect();
        let picked = x.take(&every_other);
        check([&picked, &(&picked * 3.0)], "lists picked by take");
        let positive = x.filter(&x.gt(0.0));
        check([&positive, &(&positive - 1.0)], "items picked by a filter");
    }

    #[test]
    fn a_pass_long_enough_to_probe() {
        let x = ragged(PROBE_MIN_LISTS + 100, 19);
        let (a, b) = (x.slice(s![.., 1..]), x.slice(s![.., ..-1]));
        check([&a, &b], "probed");
    }
}
