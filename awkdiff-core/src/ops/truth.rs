//! The truth reducers `any`, `all` and `count_nonzero` at any axis (and `*_all` over
//! everything), for arrays of every element type: a value is true when it is nonzero (NaN
//! included, as in NumPy and Awkward), a `bool` when it is `true`. Not differentiable: their
//! results are `bool` and `i64`.
//!
//! Awkward's results: an empty list gives `any = false`, `all = true`,
//! `count_nonzero = 0`.

use super::reduce::or_panic;
use super::reduce_map::ReduceMap;
use crate::element::{Element, Tagged};
use crate::error::Result;
use crate::layout::Array;

/// Whether `value` counts as true: nonzero, or `true`.
pub(super) fn nonzero<T: Element>(value: T) -> bool {
    match value.tagged() {
        Tagged::F64(v) => v != 0.0,
        Tagged::F32(v) => v != 0.0,
        Tagged::Bool(b) => b,
        Tagged::I64(i) => i != 0,
    }
}

impl<T: Element> Array<T> {
    /// Whether any element along `axis` is nonzero (or `true`), or `Error::Axis` when the
    /// axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[0.0, 2.0], [], [0.0]];
    /// assert_eq!(x.try_any(1).unwrap(), Array::from_vec(vec![true, false, false]));
    /// assert!(x.try_any(2).is_err());
    /// ```
    pub fn try_any(&self, axis: isize) -> Result<Array<bool>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, false, |a, v| a || nonzero(v))))
    }

    /// Whether any element along `axis` is nonzero (Awkward's `ak.any`); `false` for an
    /// empty list.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_any`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let mask = array![[true, false], [], [false]];
    /// assert_eq!(mask.any(1), Array::from_vec(vec![true, false, false]));
    /// assert_eq!(mask.any(0), Array::from_vec(vec![true, false]));
    /// ```
    pub fn any(&self, axis: isize) -> Array<bool> {
        or_panic(self.try_any(axis))
    }

    /// Whether any element is nonzero (Awkward's `ak.any(x, axis=None)`); `false` when there
    /// is none.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert!(array![[0.0], [], [f64::NAN]].any_all());
    /// ```
    pub fn any_all(&self) -> bool {
        self.content().iter().any(|&v| nonzero(v))
    }

    /// Whether every element along `axis` is nonzero (or `true`), or `Error::Axis` when the
    /// axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0], [], [0.0]];
    /// assert_eq!(x.try_all(-1).unwrap(), Array::from_vec(vec![true, true, false]));
    /// ```
    pub fn try_all(&self, axis: isize) -> Result<Array<bool>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, true, |a, v| a && nonzero(v))))
    }

    /// Whether every element along `axis` is nonzero (Awkward's `ak.all`); `true` for an
    /// empty list.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_all`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let mask = array![[true, false], [], [true]];
    /// assert_eq!(mask.all(1), Array::from_vec(vec![false, true, true]));
    /// ```
    pub fn all(&self, axis: isize) -> Array<bool> {
        or_panic(self.try_all(axis))
    }

    /// Whether every element is nonzero (Awkward's `ak.all(x, axis=None)`); `true` when
    /// there is none.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert!(!array![[1.0], [], [0.0]].all_all());
    /// ```
    pub fn all_all(&self) -> bool {
        self.content().iter().all(|&v| nonzero(v))
    }

    /// Number of nonzero (or `true`) elements along `axis`, or `Error::Axis` when the axis
    /// is out of range.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 0.0, 3.0], [], [0.0]];
    /// assert_eq!(x.try_count_nonzero(1).unwrap(), Array::from_vec(vec![2, 0, 0]));
    /// ```
    pub fn try_count_nonzero(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, false)?;
        let counts = map.fold_array(self, 0i64, |c, v| c + i64::from(nonzero(v)));
        Ok(map.output(counts))
    }

    /// Number of nonzero (or `true`) elements along `axis` (Awkward's `ak.count_nonzero`).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of [`Array::try_count_nonzero`]'s
    /// error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 0.0, 3.0], [], [0.0, 5.0]];
    /// assert_eq!(x.count_nonzero(1), Array::from_vec(vec![2, 0, 1]));
    /// assert_eq!(x.count_nonzero(0), Array::from_vec(vec![1, 1, 1]));
    /// ```
    pub fn count_nonzero(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_count_nonzero(axis))
    }

    /// Number of nonzero (or `true`) elements (Awkward's `ak.count_nonzero(x, axis=None)`).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[true, false], [], [true]].count_nonzero_all(), 2);
    /// ```
    pub fn count_nonzero_all(&self) -> i64 {
        self.content().iter().filter(|&&v| nonzero(v)).count() as i64
    }
}
