//! Combinatorics within lists (Awkward's `ak.argcombinations`, `ak.combinations`,
//! `ak.argcartesian`, `ak.cartesian`), over the innermost lists: every choice of `K`
//! distinct elements of a list in increasing position order (pairs `(0, 1), (0, 2), (1, 2)`
//! for a list of three), or every pair of one element of a list of `self` and one of the
//! matching list of `other`.
//!
//! The `arg` forms give local indices (positions within each list), as Awkward does: they
//! are what jagged indexing takes, and they carry no derivative, so a `#[differentiable]`
//! function pairs objects with `let (i, j) = x.argcombinations::<2>();` and then reads the
//! values differentiably. The value forms gather the values of each slot directly.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let pt = array![[50.0, 30.0, 20.0], [], [40.0]];
//! let (i, j) = pt.argcombinations::<2>();
//! assert_eq!(i, array![[0i64, 0, 1], [], []]);
//! assert_eq!(j, array![[1i64, 2, 2], [], []]);
//! let (a, b) = pt.combinations::<2>();
//! assert_eq!(&a + &b, array![[80.0, 70.0, 50.0], [], []]);
//! ```

use crate::buffer::Buffer;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::ops::gather::Gather;
use crate::pool;
use crate::positions::choose;
use crate::positions::{ListCombinations, Picks, Positions};
use std::sync::Arc;

/// The number of slots of a combination, as a type: `Slots<2>` gives pairs, `Slots<3>`
/// triples. What `argcombinations::<K>()` returns is `Slots<K>`'s tuple of `K` arrays.
///
/// ```
/// use awkdiff_core::{array, ops::combinatorics::{Slots, Tuple}};
/// let (a, b, c) = <Slots<3> as Tuple<i64>>::from_vec(vec![1, 2, 3]);
/// assert_eq!((a, b, c), (1, 2, 3));
/// ```
pub struct Slots<const K: usize>;

/// A tuple of `K` values of one type, built from a `Vec` of exactly `K`.
pub trait Tuple<T> {
    /// `(T, T)` for pairs, `(T, T, T)` for triples.
    type Out;
    /// The tuple of the values of `values`, which has exactly `K` of them.
    fn from_vec(values: Vec<T>) -> Self::Out;
}

impl<T> Tuple<T> for Slots<2> {
    type Out = (T, T);
    fn from_vec(values: Vec<T>) -> (T, T) {
        let mut it = values.into_iter();
        let mut next = || it.next().expect("two values");
        (next(), next())
    }
}

impl<T> Tuple<T> for Slots<3> {
    type Out = (T, T, T);
    fn from_vec(values: Vec<T>) -> (T, T, T) {
        let mut it = values.into_iter();
        let mut next = || it.next().expect("three values");
        (next(), next(), next())
    }
}

impl<T: Element> Array<T> {
    /// Every choice of `K` distinct elements of each innermost list, as `K` arrays of local
    /// indices (Awkward's `ak.unzip(ak.argcombinations(x, K, axis=-1))`): the `k`-th array
    /// holds the position in its list of the `k`-th element of each combination, in
    /// increasing order. A list of `n` elements gives `n choose K` combinations. `K` is 2 or
    /// 3. On a flat array the whole array is the list.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0, 4.0], [5.0]];
    /// let (i, j, k) = x.argcombinations::<3>();
    /// assert_eq!(i, array![[0i64, 0, 0, 1], []]);
    /// assert_eq!(j, array![[1i64, 1, 2, 2], []]);
    /// assert_eq!(k, array![[2i64, 3, 3, 3], []]);
    /// ```
    pub fn argcombinations<const K: usize>(&self) -> <Slots<K> as Tuple<Array<i64>>>::Out
    where
        Slots<K>: Tuple<Array<i64>>,
    {
        Slots::<K>::from_vec(local_combinations(self.structure(), K))
    }

    /// The values of every choice of `K` distinct elements of each innermost list
    /// (Awkward's `ak.unzip(ak.combinations(x, K, axis=-1))`): the `k`-th array holds the
    /// `k`-th element of each combination. See [`Array::argcombinations`].
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let (a, b) = array![[1.0, 2.0, 3.0], []].combinations::<2>();
    /// assert_eq!(a, array![[1.0, 1.0, 2.0], []]);
    /// assert_eq!(b, array![[2.0, 3.0, 3.0], []]);
    /// ```
    pub fn combinations<const K: usize>(&self) -> <Slots<K> as Tuple<Array<T>>>::Out
    where
        Slots<K>: Tuple<Array<T>>,
    {
        let (structure, _, globals) = combinations(self.structure(), K, Want::Globals);
        let arrays = globals
            .into_iter()
            .map(|positions| gather_items(self, &structure, positions))
            .collect();
        Slots::<K>::from_vec(arrays)
    }

    /// Every pair of one element of each innermost list of `self` and one of the matching
    /// list of `other`, as two arrays of local indices (Awkward's
    /// `ak.unzip(ak.argcartesian([x, y], axis=-1))`), the first index varying slowest.
    /// `Error::Structure` unless both have the same lists above the innermost ones.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let jets = array![[1.0, 2.0], [3.0]];
    /// let muons = array![[10.0], []];
    /// let (i, j) = jets.try_argcartesian(&muons).unwrap();
    /// assert_eq!(i, array![[0i64, 1], []]);
    /// assert_eq!(j, array![[0i64, 0], []]);
    /// assert!(jets.try_argcartesian(&array![[1.0]]).is_err());
    /// ```
    pub fn try_argcartesian<U: Element>(
        &self,
        other: &Array<U>,
    ) -> Result<(Array<i64>, Array<i64>)> {
        let (structure, [left, right], _) = cartesian(self, other)?;
        Ok((
            Array::from_parts_unchecked(structure.clone(), left),
            Array::from_parts_unchecked(structure, right),
        ))
    }

    /// [`Array::try_argcartesian`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let (i, j) = array![[1.0, 2.0]].argcartesian(&array![[true, false, true]]);
    /// assert_eq!(j, array![[0i64, 1, 2, 0, 1, 2]]);
    /// ```
    pub fn argcartesian<U: Element>(&self, other: &Array<U>) -> (Array<i64>, Array<i64>) {
        self.try_argcartesian(other)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The values of every pair of [`Array::try_argcartesian`]: `(x value, other value)`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let (a, b) = array![[1.0, 2.0], []].try_cartesian(&array![[10.0, 20.0], [5.0]]).unwrap();
    /// assert_eq!(&a * &b, array![[10.0, 20.0, 20.0, 40.0], []]);
    /// ```
    pub fn try_cartesian<U: Element>(&self, other: &Array<U>) -> Result<(Array<T>, Array<U>)> {
        let (structure, _, [left, right]) = cartesian(self, other)?;
        Ok((
            gather_items(self, &structure, left),
            gather_items(other, &structure, right),
        ))
    }

    /// [`Array::try_cartesian`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let (a, b) = array![[1.0, 2.0]].cartesian(&array![[10.0]]);
    /// assert_eq!((a, b), (array![[1.0, 2.0]], array![[10.0, 10.0]]));
    /// ```
    pub fn cartesian<U: Element>(&self, other: &Array<U>) -> (Array<T>, Array<U>) {
        self.try_cartesian(other).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// The `k` arrays of local indices of the choices of `k` elements of every innermost list
/// of `structure` (what `argcombinations` gives). Below a `var` dimension they are lazy:
/// each computes its choices list by list when read ([`ListCombinations`]), and indexing
/// by them reads the chosen values in place instead of writing out any index.
pub(crate) fn local_combinations(structure: &Structure, k: usize) -> Vec<Array<i64>> {
    if structure.depth() == 0 {
        let (out, locals, _) = combinations(structure, k, Want::Locals);
        return locals
            .into_iter()
            .map(|values| Array::from_parts_unchecked(out.clone(), values))
            .collect();
    }
    let offsets = structure.offsets_arc(structure.depth() - 1);
    let counts: Vec<usize> = offsets
        .windows(2)
        .map(|w| choose((w[1] - w[0]) as usize, k))
        .collect();
    let out = with_innermost_counts(structure, &counts);
    // The local indices are read from `0, 1, .., longest - 1`.
    let longest = offsets.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    let iota = Array::from_vec((0..longest).collect::<Vec<i64>>());
    (0..k)
        .map(|slot| {
            let gather = Gather {
                structure: out.clone(),
                index: Positions::Combinations(ListCombinations::new(
                    offsets.clone(),
                    (k, slot),
                    true,
                )),
            };
            let picks: Arc<dyn Picks> = Arc::new(gather);
            let buffer = Buffer::sliced(iota.buffer().clone(), picks, false);
            Array::from_buffer_unchecked(out.clone(), buffer)
        })
        .collect()
}

/// The values of `x` at `positions` (flat content positions), with `structure`.
pub(crate) fn gather_items<T: Element>(
    x: &Array<T>,
    structure: &Structure,
    positions: Vec<usize>,
) -> Array<T> {
    let gather = Gather {
        structure: structure.clone(),
        index: Positions::Items(positions),
    };
    gather.apply(x)
}

/// The innermost lists of `structure` as (start, length) pairs, or the whole content as one
/// list for a flat structure.
fn innermost_lists(structure: &Structure) -> Vec<(usize, usize)> {
    if structure.depth() == 0 {
        return vec![(0, structure.content_len())];
    }
    let offsets = structure.offsets(structure.depth() - 1);
    offsets
        .windows(2)
        .map(|w| (w[0] as usize, (w[1] - w[0]) as usize))
        .collect()
}

/// The structure of the result: the lists above the innermost ones kept, each innermost
/// list replaced by a list of `counts[i]` entries (for a flat input, one flat array).
fn with_innermost_counts(structure: &Structure, counts: &[usize]) -> Structure {
    let total: usize = counts.iter().sum();
    if structure.depth() == 0 {
        return Structure::flat(total);
    }
    let mut levels: Vec<std::sync::Arc<[i64]>> = structure.levels().to_vec();
    let mut offsets = Vec::with_capacity(counts.len() + 1);
    let mut end = 0i64;
    offsets.push(0);
    for &c in counts {
        end += c as i64;
        offsets.push(end);
    }
    let last = levels.len() - 1;
    levels[last] = offsets.into();
    Structure::from_levels_unchecked(levels, total)
}

/// The combinations of `k` elements of every innermost list: the result's structure, the
/// local index of each slot, and the flat content position of each slot.
pub(crate) fn combinations(
    structure: &Structure,
    k: usize,
    want: Want,
) -> (Structure, Vec<Vec<i64>>, Vec<Vec<usize>>) {
    let lists = innermost_lists(structure);
    let counts: Vec<usize> = lists.iter().map(|&(_, n)| choose(n, k)).collect();
    let total: usize = counts.iter().sum();
    let size = |wanted: bool| if wanted { total } else { 0 };
    let mut locals: Vec<Vec<i64>> = (0..k)
        .map(|_| pool::take(size(want == Want::Locals)))
        .collect();
    let mut globals: Vec<Vec<usize>> = (0..k)
        .map(|_| pool::take(size(want == Want::Globals)))
        .collect();
    let mut choice = vec![0usize; k];
    for &(start, n) in &lists {
        if n < k {
            continue;
        }
        // The first choice 0, 1, .., k-1, then the next in lexicographic order.
        for (slot, c) in choice.iter_mut().enumerate() {
            *c = slot;
        }
        loop {
            match want {
                Want::Locals => {
                    for (slot, &c) in choice.iter().enumerate() {
                        locals[slot].push(c as i64);
                    }
                }
                Want::Globals => {
                    for (slot, &c) in choice.iter().enumerate() {
                        globals[slot].push(start + c);
                    }
                }
            }
            // The rightmost slot that can still move right, then the ones after it packed.
            let Some(slot) = (0..k).rev().find(|&s| choice[s] < n - k + s) else {
                break;
            };
            choice[slot] += 1;
            for s in slot + 1..k {
                choice[s] = choice[s - 1] + 1;
            }
        }
    }
    (with_innermost_counts(structure, &counts), locals, globals)
}

/// Which positions [`combinations`] gives: local indices within each list (the `arg`
/// forms) or positions in the content (the value forms).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    Locals,
    Globals,
}

/// The pairs of [`Array::try_argcartesian`]: the result's structure, the local indices and
/// the content positions of each side.
type Pairs = (Structure, [Vec<i64>; 2], [Vec<usize>; 2]);

fn cartesian<T: Element, U: Element>(a: &Array<T>, b: &Array<U>) -> Result<Pairs> {
    let (sa, sb) = (a.structure(), b.structure());
    let same_outer = sa.depth() == sb.depth()
        && (sa.depth() == 0
            || (sa.levels()[..sa.depth() - 1] == sb.levels()[..sb.depth() - 1]
                && sa.level_len(sa.depth() - 1) == sb.level_len(sb.depth() - 1)));
    if !same_outer {
        return Err(Error::Structure {
            context: "cartesian".into(),
            expected: format!(
                "lists like those of {} around the innermost ones",
                a.type_str()
            ),
            found: b.type_str(),
            detail: String::new(),
        });
    }
    let (la, lb) = (innermost_lists(sa), innermost_lists(sb));
    let counts: Vec<usize> = la.iter().zip(&lb).map(|(x, y)| x.1 * y.1).collect();
    let total: usize = counts.iter().sum();
    let mut locals = [Vec::with_capacity(total), Vec::with_capacity(total)];
    let mut globals = [Vec::with_capacity(total), Vec::with_capacity(total)];
    for (&(start_a, na), &(start_b, nb)) in la.iter().zip(&lb) {
        for i in 0..na {
            for j in 0..nb {
                locals[0].push(i as i64);
                locals[1].push(j as i64);
                globals[0].push(start_a + i);
                globals[1].push(start_b + j);
            }
        }
    }
    Ok((with_innermost_counts(sa, &counts), locals, globals))
}
