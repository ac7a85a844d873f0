//! Reducers over `bool` and `i64` arrays, with Awkward's result types: `sum` of a mask counts
//! its `true` elements (`int64`, as `ak.sum(mask, axis)` gives it); `sum`, `prod`, `max`,
//! `min` of `i64` arrays stay `i64`. Empty lists give the identity: 0, 1, and for `max` and
//! `min` the smallest and largest `i64` (Awkward's `mask_identity=False`). Integer sums and
//! products wrap on overflow, as NumPy's `int64` does. Not differentiable.

use super::reduce::or_panic;
use super::reduce_map::ReduceMap;
use crate::error::Result;
use crate::layout::Array;

impl Array<bool> {
    /// Number of `true` elements along `axis`, or `Error::Axis` when the axis is out of
    /// range.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let mask = array![[true, false, true], [], [false]];
    /// assert_eq!(mask.try_sum(1).unwrap(), Array::from_vec(vec![2, 0, 0]));
    /// assert!(mask.try_sum(2).is_err());
    /// ```
    pub fn try_sum(&self, axis: isize) -> Result<Array<i64>> {
        self.try_count_nonzero(axis)
    }

    /// Number of `true` elements along `axis` (Awkward's `ak.sum(mask, axis)`, `int64`).
    ///
    /// # Panics
    /// When the axis is out of range, with the message of the error of `try_sum`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, -2.0, 3.0], [], [-4.0]];
    /// assert_eq!(x.gt(0.0).sum(1), Array::from_vec(vec![2, 0, 0]));
    /// ```
    pub fn sum(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_sum(axis))
    }

    /// Number of `true` elements (Awkward's `ak.sum(mask, axis=None)`).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[true, false], [], [true]].sum_all(), 2);
    /// ```
    pub fn sum_all(&self) -> i64 {
        self.count_nonzero_all()
    }
}

impl Array<i64> {
    /// Sum along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_offsets(vec![0, 2, 2, 3], Array::from_vec(vec![1i64, 2, 5])).unwrap();
    /// assert_eq!(x.try_sum(1).unwrap(), Array::from_vec(vec![3, 0, 5]));
    /// ```
    pub fn try_sum(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, 0, i64::wrapping_add)))
    }

    /// Sum along `axis` (Awkward's `ak.sum` of `int64`); an empty list gives 0.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of the error of `try_sum`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let counts = array![[1.0, 2.0], [], [3.0]].count(1);
    /// assert_eq!(counts.sum(0), Array::from_vec(vec![3]));
    /// ```
    pub fn sum(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_sum(axis))
    }

    /// Sum of every element; 0 for an empty array.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![1i64, 2, 3]).sum_all(), 6);
    /// ```
    pub fn sum_all(&self) -> i64 {
        self.content().iter().fold(0, |a, &v| a.wrapping_add(v))
    }

    /// Product along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_offsets(vec![0, 2, 2, 3], Array::from_vec(vec![2i64, 3, 5])).unwrap();
    /// assert_eq!(x.try_prod(1).unwrap(), Array::from_vec(vec![6, 1, 5]));
    /// ```
    pub fn try_prod(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, 1, i64::wrapping_mul)))
    }

    /// Product along `axis` (Awkward's `ak.prod` of `int64`); an empty list gives 1.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of the error of `try_prod`.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![2i64, 3]).prod(0), Array::from_vec(vec![6]));
    /// ```
    pub fn prod(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_prod(axis))
    }

    /// Product of every element; 1 for an empty array.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![2i64, 3]).prod_all(), 6);
    /// ```
    pub fn prod_all(&self) -> i64 {
        self.content().iter().fold(1, |a, &v| a.wrapping_mul(v))
    }

    /// Maximum along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_offsets(vec![0, 2, 2], Array::from_vec(vec![2i64, 7])).unwrap();
    /// assert_eq!(x.try_max(1).unwrap(), Array::from_vec(vec![7, i64::MIN]));
    /// ```
    pub fn try_max(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, i64::MIN, i64::max)))
    }

    /// Maximum along `axis` (Awkward's `ak.max(x, axis, mask_identity=False)` of `int64`);
    /// an empty list gives `i64::MIN`.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of the error of `try_max`.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![2i64, 7]).max(0), Array::from_vec(vec![7]));
    /// ```
    pub fn max(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_max(axis))
    }

    /// Maximum of every element; `i64::MIN` for an empty array.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![2i64, 7]).max_all(), 7);
    /// ```
    pub fn max_all(&self) -> i64 {
        self.content().iter().copied().fold(i64::MIN, i64::max)
    }

    /// Minimum along `axis`, or `Error::Axis` when the axis is out of range.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_offsets(vec![0, 2, 2], Array::from_vec(vec![2i64, 7])).unwrap();
    /// assert_eq!(x.try_min(1).unwrap(), Array::from_vec(vec![2, i64::MAX]));
    /// ```
    pub fn try_min(&self, axis: isize) -> Result<Array<i64>> {
        let map = ReduceMap::new(self, axis, false)?;
        Ok(map.output(map.fold_array(self, i64::MAX, i64::min)))
    }

    /// Minimum along `axis` (Awkward's `ak.min(x, axis, mask_identity=False)` of `int64`);
    /// an empty list gives `i64::MAX`.
    ///
    /// # Panics
    /// When the axis is out of range, with the message of the error of `try_min`.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![2i64, 7]).min(0), Array::from_vec(vec![2]));
    /// ```
    pub fn min(&self, axis: isize) -> Array<i64> {
        or_panic(self.try_min(axis))
    }

    /// Minimum of every element; `i64::MAX` for an empty array.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![2i64, 7]).min_all(), 2);
    /// ```
    pub fn min_all(&self) -> i64 {
        self.content().iter().copied().fold(i64::MAX, i64::min)
    }
}
