//! Integer arrays that describe a structure (not differentiable): `num(axis)` (list
//! lengths), `local_index(axis)` (positions within lists) and `run_lengths()` (lengths of
//! runs of equal values), as Awkward's `ak.num`, `ak.local_index` and `ak.run_lengths`.

use std::sync::Arc;

use crate::element::Element;
use crate::error::Result;
use crate::layout::{Array, Structure};
use crate::ops::reduce_map::resolve_axis;
use crate::ops::selection::prefix;

fn or_panic<V>(result: Result<V>) -> V {
    result.unwrap_or_else(|error| panic!("{error}"))
}

impl<T: Element> Array<T> {
    /// [`Array::num`], or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(x.try_num(2).unwrap_err().to_string(),
    ///            "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)");
    /// ```
    pub fn try_num(&self, axis: isize) -> Result<Array<i64>> {
        let k = resolve_axis(self, axis)?;
        let s = self.structure();
        if k == 0 {
            return Ok(Array::from_vec(vec![s.len() as i64]));
        }
        let lengths = s.offsets(k - 1).windows(2).map(|w| w[1] - w[0]).collect();
        Ok(Array::from_parts_unchecked(prefix(s, k - 1), lengths))
    }

    /// The length of every list of dimension `axis` (Awkward's `ak.num(x, axis)`): an array
    /// of the outer `axis` dimensions. `num(1)` is [`Array::counts`]; `num(0)` is the outer
    /// length as a 1-element array (Awkward gives a scalar there, as for reducers).
    ///
    /// # Panics
    /// With the message of [`Array::try_num`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[[1.0, 2.0], [3.0]], [], [[4.0], [], [5.0]]];
    /// assert_eq!(x.num(0), Array::from_vec(vec![3]));
    /// assert_eq!(x.num(1), x.counts());
    /// assert_eq!(x.num(-1), array![[2i64, 1], [], [1, 0, 1]]);
    /// ```
    pub fn num(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_num(axis))
    }

    /// [`Array::local_index`], or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert!(array![[1.0, 2.0], []].try_local_index(-3).is_err());
    /// ```
    pub fn try_local_index(&self, axis: isize) -> Result<Array<i64>> {
        let k = resolve_axis(self, axis)?;
        let s = self.structure();
        let index = if k == 0 {
            (0..s.len() as i64).collect()
        } else {
            let mut index = Vec::with_capacity(s.level_len(k));
            for w in s.offsets(k - 1).windows(2) {
                index.extend(0..w[1] - w[0]);
            }
            index
        };
        Ok(Array::from_parts_unchecked(prefix(s, k), index))
    }

    /// The position of every element of dimension `axis` within its list (Awkward's
    /// `ak.local_index(x, axis)`): an array of the outer `axis + 1` dimensions.
    ///
    /// # Panics
    /// With the message of [`Array::try_local_index`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(x.local_index(0), Array::from_vec(vec![0, 1, 2]));
    /// assert_eq!(x.local_index(-1), array![[0i64, 1, 2], [], [0, 1]]);
    /// ```
    pub fn local_index(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_local_index(axis))
    }

    /// The lengths of the runs of equal values in every innermost list (Awkward's
    /// `ak.run_lengths`): the innermost lists become lists of run lengths. NaN equals
    /// nothing (each NaN is a run of its own); `-0.0` equals `0.0`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 1.0, 2.0], [], [2.0, 2.0], [5.0]];
    /// assert_eq!(x.run_lengths(), array![[2i64, 1], [], [2], [1]]);
    /// let flat = Array::from_vec(vec![1.0, 1.0, f64::NAN, f64::NAN, 3.0]);
    /// assert_eq!(flat.run_lengths(), Array::from_vec(vec![2, 1, 1, 1]));
    /// ```
    pub fn run_lengths(&self) -> Array<i64> {
        let s = self.structure();
        let values = self.content();
        let whole = [0, values.len() as i64];
        let depth = s.depth();
        let lists: &[i64] = if depth == 0 {
            &whole
        } else {
            s.offsets(depth - 1)
        };
        let mut lengths = Vec::new();
        let mut offsets = Vec::with_capacity(lists.len());
        offsets.push(0i64);
        for w in lists.windows(2) {
            let list = &values[w[0] as usize..w[1] as usize];
            let mut run = 0i64;
            for (i, v) in list.iter().enumerate() {
                if i > 0 && *v != list[i - 1] {
                    lengths.push(run);
                    run = 0;
                }
                run += 1;
            }
            if run > 0 {
                lengths.push(run);
            }
            offsets.push(lengths.len() as i64);
        }
        let structure = if depth == 0 {
            Structure::flat(lengths.len())
        } else {
            let mut levels: Vec<Arc<[i64]>> = s.levels()[..depth - 1].to_vec();
            levels.push(Arc::from(offsets));
            Structure::from_levels_unchecked(levels, lengths.len())
        };
        Array::from_parts_unchecked(structure, lengths)
    }
}
