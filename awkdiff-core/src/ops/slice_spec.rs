//! [`Slice`]: what [`s!`](crate::s!) builds and [`Array::slice`](crate::Array::slice) takes,
//! one [`SliceEntry`] per dimension, and the NumPy rules that turn an entry into positions
//! of a list of a given length.

use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

/// What one dimension of a slice selects.
///
/// ```
/// use awkdiff_core::{s, SliceEntry};
/// assert_eq!(s![1..;2].entries(), &[SliceEntry::Range { start: Some(1), end: None, step: 2 }]);
/// assert_eq!(s![-1].entries(), &[SliceEntry::Index(-1)]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliceEntry {
    /// The positions `start, start + step, ...` before `end`, with NumPy's meaning: negative
    /// bounds count from the end of each list, bounds past the end clip, `None` is the
    /// natural end for the step's direction, and a negative step walks backwards
    /// (`start` defaults to the last element). A zero step is an error when applied.
    Range {
        /// First position (`None`: the first element, or the last one for a negative step).
        start: Option<isize>,
        /// Position where the range stops, excluded (`None`: past the last element in the
        /// step's direction).
        end: Option<isize>,
        /// Distance between selected positions (negative: backwards).
        step: isize,
    },
    /// One position (negative: from the end); the dimension disappears from the result.
    Index(isize),
}

impl SliceEntry {
    /// A range entry with the given step, from any Rust range (`1..`, `..-1`, `..`, `a..=b`).
    /// This is what `s![a..b;step]` calls.
    ///
    /// ```
    /// use awkdiff_core::SliceEntry;
    /// assert_eq!(SliceEntry::range(.., -1), SliceEntry::Range { start: None, end: None, step: -1 });
    /// ```
    pub fn range(range: impl SliceRange, step: isize) -> SliceEntry {
        let (start, end) = range.bounds();
        SliceEntry::Range { start, end, step }
    }
}

/// A Rust range usable as a slice entry: `..`, `a..`, `..b`, `a..b`, `a..=b`, `..=b` over
/// `isize`, `usize`, `i32` or `i64`. An inclusive end `b` means the end `b + 1`, except
/// `..=-1`, which runs to the end (as in ndarray).
///
/// ```
/// use awkdiff_core::SliceRange;
/// assert_eq!((1..=3).bounds(), (Some(1), Some(4)));
/// assert_eq!((..=-1).bounds(), (None, None));
/// assert_eq!((..).bounds(), (None, None));
/// ```
pub trait SliceRange {
    /// The `(start, end)` bounds, `end` excluded; `None` where the range is open.
    fn bounds(self) -> (Option<isize>, Option<isize>);
}

impl SliceRange for RangeFull {
    fn bounds(self) -> (Option<isize>, Option<isize>) {
        (None, None)
    }
}

/// The exclusive end of an inclusive range ending at `end`.
fn inclusive_end(end: isize) -> Option<isize> {
    if end == -1 {
        None
    } else {
        Some(end + 1)
    }
}

macro_rules! impl_slice_ranges {
    ($($int:ty),*) => {$(
        impl SliceRange for Range<$int> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (Some(self.start as isize), Some(self.end as isize))
            }
        }
        impl SliceRange for RangeFrom<$int> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (Some(self.start as isize), None)
            }
        }
        impl SliceRange for RangeTo<$int> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (None, Some(self.end as isize))
            }
        }
        impl SliceRange for RangeInclusive<$int> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (Some(*self.start() as isize), inclusive_end(*self.end() as isize))
            }
        }
        impl SliceRange for RangeToInclusive<$int> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (None, inclusive_end(self.end as isize))
            }
        }
        impl From<$int> for SliceEntry {
            fn from(index: $int) -> SliceEntry {
                SliceEntry::Index(index as isize)
            }
        }
        impl From<Range<$int>> for SliceEntry {
            fn from(range: Range<$int>) -> SliceEntry {
                SliceEntry::range(range, 1)
            }
        }
        impl From<RangeFrom<$int>> for SliceEntry {
            fn from(range: RangeFrom<$int>) -> SliceEntry {
                SliceEntry::range(range, 1)
            }
        }
        impl From<RangeTo<$int>> for SliceEntry {
            fn from(range: RangeTo<$int>) -> SliceEntry {
                SliceEntry::range(range, 1)
            }
        }
        impl From<RangeInclusive<$int>> for SliceEntry {
            fn from(range: RangeInclusive<$int>) -> SliceEntry {
                SliceEntry::range(range, 1)
            }
        }
        impl From<RangeToInclusive<$int>> for SliceEntry {
            fn from(range: RangeToInclusive<$int>) -> SliceEntry {
                SliceEntry::range(range, 1)
            }
        }
    )*};
}
impl_slice_ranges!(isize, usize, i32, i64);

impl From<RangeFull> for SliceEntry {
    fn from(range: RangeFull) -> SliceEntry {
        SliceEntry::range(range, 1)
    }
}

/// A slice: one [`SliceEntry`] per dimension, outermost first; dimensions without an entry
/// are kept whole. Build it with [`s!`](crate::s!).
///
/// ```
/// use awkdiff_core::{s, Slice, SliceEntry};
/// let full = SliceEntry::Range { start: None, end: None, step: 1 };
/// assert_eq!(s![.., 0], Slice::new(vec![full, SliceEntry::Index(0)]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    entries: Vec<SliceEntry>,
}

impl Slice {
    /// A slice of the given entries, outermost dimension first.
    ///
    /// ```
    /// use awkdiff_core::{s, Slice, SliceEntry};
    /// assert_eq!(Slice::new(vec![SliceEntry::Index(2)]), s![2]);
    /// ```
    pub fn new(entries: Vec<SliceEntry>) -> Slice {
        Slice { entries }
    }

    /// The entries, outermost dimension first.
    ///
    /// ```
    /// use awkdiff_core::s;
    /// assert_eq!(s![.., ..;-1].entries().len(), 2);
    /// ```
    pub fn entries(&self) -> &[SliceEntry] {
        &self.entries
    }
}

impl From<SliceEntry> for Slice {
    fn from(entry: SliceEntry) -> Slice {
        Slice::new(vec![entry])
    }
}

/// Builds a [`Slice`] with ndarray's syntax, one entry per dimension, outermost first:
/// `s![1..]`, `s![..-1]`, `s![..;-1]`, `s![a..b;step]`, `s![a..=b]`, `s![2]`, `s![-1]`,
/// `s![.., 1..]`, `s![.., 0]`, `s![1.., ..;2]`. Bounds, indices and steps may be integer
/// literals or expressions of type `isize`, `usize`, `i32` or `i64`.
///
/// Entries mean what they mean in NumPy and Awkward Array (`s![a..b;step]` is `x[a:b:step]`),
/// so a negative step starts from the end: `s![..;-1]` reverses, and `s![3..0;-1]` takes
/// positions 3, 2, 1. (ndarray instead reverses the range `a..b`; see below.)
///
/// # Negative steps: NumPy's meaning, not ndarray's
///
/// The syntax is ndarray's, but a negative step means what it means in NumPy: the slice
/// starts at `a` (default: the last position) and goes *down* towards `b` (exclusive;
/// default: past the first position). ndarray first selects the positions `a..b` (in
/// increasing order, `a < b`) and then walks them from the back. The two agree when the
/// range is `..`, and differ as soon as a bound is given. On `x = [0, 1, 2, 3, 4, 5]`:
///
/// | slice | NumPy | ndarray `s!` | awkdiff `s!` |
/// | --- | --- | --- | --- |
/// | reverse | `x[::-1]` = `[5, 4, 3, 2, 1, 0]` | `s![..;-1]` = `[5, 4, 3, 2, 1, 0]` | `s![..;-1]` = `[5, 4, 3, 2, 1, 0]` |
/// | `1..4;-1` | `x[1:4:-1]` = `[]` | `s![1..4;-1]` = `[3, 2, 1]` | `s![1..4;-1]` = `[]` |
/// | every other, from the end | `x[::-2]` = `[5, 3, 1]` | `s![..;-2]` = `[5, 3, 1]` | `s![..;-2]` = `[5, 3, 1]` |
/// | positions 3, 2, 1 | `x[3:0:-1]` | `s![1..4;-1]` | `s![3..0;-1]` |
///
/// (ndarray's `s![3..0;-1]` is empty: `3..0` selects nothing.) Inside ragged lists each
/// list is sliced on its own, as Awkward Array does with `x[:, a:b:step]`:
///
/// ```
/// use awkdiff_core::{array, s, Array};
/// let x = Array::from_vec(vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
/// assert_eq!(x.slice(s![..;-1]).content(), &[5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
/// assert!(x.slice(s![1..4;-1]).is_empty()); // NumPy's x[1:4:-1]; ndarray gives [3, 2, 1]
/// assert_eq!(x.slice(s![..;-2]).content(), &[5.0, 3.0, 1.0]);
/// assert_eq!(x.slice(s![3..0;-1]).content(), &[3.0, 2.0, 1.0]); // ndarray: s![1..4;-1]
///
/// // ak.Array([[0, 1, 2, 3, 4, 5], [], [6, 7]])[:, 1:4:-1] and [:, ::-2]
/// let lists = array![[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], [], [6.0, 7.0]];
/// assert_eq!(lists.slice(s![.., 1..4;-1]), Array::from(vec![Vec::<f64>::new(), vec![], vec![]]));
/// assert_eq!(lists.slice(s![.., ..;-2]), array![[5.0, 3.0, 1.0], [], [7.0]]);
/// ```
///
/// ```
/// use awkdiff_core::{array, s, SliceEntry};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// assert_eq!(x.slice(s![..;-1]), array![[4.0, 5.0], [], [1.0, 2.0, 3.0]]);
/// assert_eq!(x.slice(s![.., 1..]), array![[2.0, 3.0], [], [5.0]]);
/// let i: usize = 2;
/// assert_eq!(x.slice(s![i]), array![4.0, 5.0]);
/// assert_eq!(s![1..=2][0], SliceEntry::Range { start: Some(1), end: Some(3), step: 1 });
/// ```
#[macro_export]
macro_rules! s {
    ($($range:expr $(; $step:expr)?),+ $(,)?) => {
        $crate::Slice::new(::std::vec![$($crate::__slice_entry!($range $(; $step)?)),+])
    };
}

/// Implementation detail of [`s!`]: one entry, with or without a step.
#[doc(hidden)]
#[macro_export]
macro_rules! __slice_entry {
    ($range:expr) => {
        <$crate::SliceEntry as ::core::convert::From<_>>::from($range)
    };
    ($range:expr; $step:expr) => {{
        // With a negative step, `4..0` is a meaningful NumPy range, not an empty one.
        #[allow(clippy::reversed_empty_ranges)]
        let range = $range;
        $crate::SliceEntry::range(range, ($step) as isize)
    }};
}

impl std::ops::Index<usize> for Slice {
    type Output = SliceEntry;
    fn index(&self, dimension: usize) -> &SliceEntry {
        &self.entries[dimension]
    }
}

/// Positions `first, first + step, ...` (`count` of them) that a range selects in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Positions {
    pub(crate) first: isize,
    pub(crate) step: isize,
    pub(crate) count: usize,
}

/// Resolves a range on a list of length `len` as Python's `slice.indices` does. `step`
/// must not be zero.
#[inline]
pub(crate) fn resolve_range(
    start: Option<isize>,
    end: Option<isize>,
    step: isize,
    len: usize,
) -> Positions {
    debug_assert!(step != 0);
    let len = len as isize;
    let (lowest, highest) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let clip = |bound: isize| {
        let bound = if bound < 0 { bound + len } else { bound };
        bound.clamp(lowest, highest)
    };
    let first = start.map_or(if step > 0 { 0 } else { len - 1 }, clip);
    let stop = end.map_or(if step > 0 { len } else { -1 }, clip);
    let span = if step > 0 { stop - first } else { first - stop };
    let count = match step {
        _ if span <= 0 => 0,
        1 | -1 => span as usize, // no division on the common path
        _ => (span as usize).div_ceil(step.unsigned_abs()),
    };
    Positions { first, step, count }
}

/// Resolves an integer index on a list of length `len` (negative counts from the end):
/// `None` when it falls outside the list.
pub(crate) fn resolve_index(index: isize, len: usize) -> Option<usize> {
    let len = len as isize;
    let position = if index < 0 { index + len } else { index };
    (0..len).contains(&position).then_some(position as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(start: Option<isize>, end: Option<isize>, step: isize, len: usize) -> Vec<isize> {
        let p = resolve_range(start, end, step, len);
        (0..p.count as isize)
            .map(|k| p.first + k * p.step)
            .collect()
    }

    #[test]
    fn ranges_match_python_slice_indices() {
        // Values from Python: list(range(5))[start:end:step].
        assert_eq!(positions(None, None, 1, 5), vec![0, 1, 2, 3, 4]);
        assert_eq!(positions(None, None, -1, 5), vec![4, 3, 2, 1, 0]);
        assert_eq!(positions(Some(4), Some(0), -2, 5), vec![4, 2]);
        assert_eq!(positions(Some(-2), None, 1, 5), vec![3, 4]);
        assert_eq!(positions(Some(10), None, 1, 5), Vec::<isize>::new());
        assert_eq!(positions(Some(-10), Some(2), 1, 5), vec![0, 1]);
        assert_eq!(positions(Some(3), Some(-10), -1, 5), vec![3, 2, 1, 0]);
        assert_eq!(positions(Some(1), Some(4), 2, 5), vec![1, 3]);
        assert_eq!(positions(None, None, -1, 0), Vec::<isize>::new());
        assert_eq!(positions(Some(3), Some(0), -1, 1), Vec::<isize>::new());
        assert_eq!(positions(None, None, isize::MIN, 5), vec![4]);
        assert_eq!(positions(None, None, isize::MAX, 5), vec![0]);
    }

    #[test]
    fn indices_count_from_the_end() {
        assert_eq!(resolve_index(-1, 3), Some(2));
        assert_eq!(resolve_index(3, 3), None);
        assert_eq!(resolve_index(-4, 3), None);
        assert_eq!(resolve_index(0, 0), None);
    }
}
