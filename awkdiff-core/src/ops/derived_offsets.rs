//! The offsets of the lazy slices inside innermost lists (`x[:, 1:]`, `x[::-1]`), remembered
//! per thread: a slice of the same lists of the same offsets buffer, with the same list
//! lengths, gets the offsets already written (no pass at all), and a buffer no array holds
//! any more is rewritten in place rather than allocated again.
//!
//! This is what makes `x[:, 1:] * x[:, :-1]` write its offsets once per call (both slices
//! share them), and a function called again on the same array write them not at all. The
//! key is the source offsets buffer itself (buffers are immutable, and a live weak
//! reference pins its address), so a remembered buffer is never stale.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

use crate::positions::range_in_list;

/// Which lists of the source a slice keeps of each list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    /// The elements `start..end` (step 1) of every list.
    Range(Option<isize>, Option<isize>),
    /// Every list whole, the lists in reverse order (from `first` down).
    Reversed,
}

impl Kept {
    /// Whether two kinds keep the same lists: for ranges, the same number of elements of
    /// a list of any length (`1..` and `..-1` do).
    fn same_lengths(self, other: Kept) -> bool {
        match (self, other) {
            (Kept::Reversed, Kept::Reversed) => true,
            (Kept::Range(a0, a1), Kept::Range(b0, b1)) => same_range_lengths((a0, a1), (b0, b1)),
            _ => false,
        }
    }
}

/// Whether two ranges keep as many elements of every list length. Past `T`, the largest
/// bound's size, each count is `n + c` or a constant, so equal counts at every `n` up to
/// `2T + 2` mean equal counts everywhere; bounds too large to check that way compare as
/// written.
fn same_range_lengths(
    a: (Option<isize>, Option<isize>),
    b: (Option<isize>, Option<isize>),
) -> bool {
    const CHECKED: usize = 4096;
    let size = |bound: Option<isize>| bound.map_or(0, isize::unsigned_abs);
    let t = [a.0, a.1, b.0, b.1]
        .into_iter()
        .map(size)
        .max()
        .unwrap_or(0);
    if t > CHECKED {
        return a == b;
    }
    (0..=2 * t + 2).all(|n| range_in_list(a.0, a.1, n).1 == range_in_list(b.0, b.1, n).1)
}

/// The last slice's offsets on this thread and what they were made from.
struct Remembered {
    /// The source offsets buffer (weak: it keeps no array alive, only its allocation).
    source: Weak<[i64]>,
    first: usize,
    lists: usize,
    kept: Kept,
    offsets: Arc<[i64]>,
    /// The length of the longest of those lists.
    widest: i64,
}

thread_local! {
    static LAST: RefCell<Option<Remembered>> = const { RefCell::new(None) };
}

/// The offsets of the lists `first..first + lists` (or down from `first`, reversed) of
/// `source`, each keeping `kept`, list `k` of them `length(k)` long: those remembered from
/// the last slice on this thread when they are the same, else the running sums of `length`
/// written into the remembered buffer when nothing else holds it, else into a new one.
///
/// Holds one offsets buffer per thread that slices, until its next slice of other lists.
pub(super) fn derived_offsets(
    source: &Arc<[i64]>,
    (first, lists): (usize, usize),
    kept: Kept,
    length: impl Fn(usize) -> i64,
) -> Arc<[i64]> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some(known) = last.as_mut() {
            let same_source = known
                .source
                .upgrade()
                .is_some_and(|s| Arc::ptr_eq(&s, source));
            if same_source
                && (known.first, known.lists) == (first, lists)
                && known.kept.same_lengths(kept)
            {
                return known.offsets.clone();
            }
            if known.offsets.len() == lists + 1 {
                if let Some(buffer) = Arc::get_mut(&mut known.offsets) {
                    known.widest = running_sums(buffer, length);
                    known.source = Arc::downgrade(source);
                    (known.first, known.lists, known.kept) = (first, lists, kept);
                    return known.offsets.clone();
                }
            }
        }
        let mut fresh: Arc<[i64]> = std::iter::repeat_n(0, lists + 1).collect();
        let buffer = Arc::get_mut(&mut fresh).expect("a new buffer has one owner");
        let widest = running_sums(buffer, length);
        *last = Some(Remembered {
            source: Arc::downgrade(source),
            first,
            lists,
            kept,
            widest,
            offsets: fresh.clone(),
        });
        fresh
    })
}

/// Writes `0` and the running sums of `length(0), length(1), ..` into `out` (one more
/// than the lists), giving the longest length (0 for none).
fn running_sums(out: &mut [i64], length: impl Fn(usize) -> i64) -> i64 {
    let (mut count, mut widest) = (0i64, 0i64);
    out[0] = 0;
    for (k, o) in out[1..].iter_mut().enumerate() {
        let len = length(k);
        widest = widest.max(len);
        count += len;
        *o = count;
    }
    widest
}

/// The length of the longest list of `offsets`: from the memo, without a pass, when they
/// are the last slice's remembered on this thread (the very buffer, whole), as for
/// `sum(x[::-1], 0)`; else by a pass over them.
pub(super) fn longest_list(offsets: &[i64]) -> i64 {
    let known = LAST.with(|last| {
        let last = last.borrow();
        let known = last.as_ref()?;
        // Slices compare by address and length: a part of the buffer is not it.
        std::ptr::eq(&*known.offsets, offsets).then_some(known.widest)
    });
    known.unwrap_or_else(|| offsets.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_equal_lengths_are_found_equal() {
        assert!(same_range_lengths((Some(1), None), (None, Some(-1))));
        assert!(same_range_lengths((Some(-2), None), (Some(-2), None)));
        assert!(!same_range_lengths((Some(1), None), (Some(2), None)));
        assert!(!same_range_lengths((Some(1), None), (None, Some(1))));
        assert!(!same_range_lengths((Some(0), Some(3)), (None, Some(-3))));
        // Equal below 2T + 2 but not beyond would be a counterexample; brute force up to 64.
        let bounds = [None, Some(-3), Some(-1), Some(0), Some(1), Some(2), Some(5)];
        for a0 in bounds {
            for a1 in bounds {
                for b0 in bounds {
                    for b1 in bounds {
                        let brute = (0..64)
                            .all(|n| range_in_list(a0, a1, n).1 == range_in_list(b0, b1, n).1);
                        assert_eq!(same_range_lengths((a0, a1), (b0, b1)), brute);
                    }
                }
            }
        }
    }
}
