//! Regular (rectangular) [`Array`]s to and from [`ndarray`] arrays and views,
//! behind the cargo feature `ndarray`.
//!
//! An awkdiff array of depth `d` (`n * var * ... * T`, `d + 1` dimensions) whose lists at
//! each depth all have one length is an ndarray of `d + 1` axes: a flat array is an
//! `Array1`, `n * var * T` an `Array2`, any depth an `ArrayD`. An ndarray becomes an
//! awkdiff array with one `var` dimension per axis after the first (Awkward's
//! `ak.from_numpy` gives a regular type `2 * 3 * float64` instead; awkdiff has `var` only).
//! Lists of different lengths have no ndarray form: the conversion is an [`Error`] that
//! names the first list whose length differs and both lengths, as Awkward's `ak.to_numpy`
//! refuses them.
//!
//! Copies: the content is one flat buffer in row-major order, ndarray's standard layout, so
//! - an owned standard-layout ndarray becomes an array's content without a copy (its `Vec`
//!   is taken over; a sliced one is shifted in place), and any other ndarray (a view, a
//!   transposed or strided array) is copied once, in logical order;
//! - [`Array::into_ndarray`] (and `TryFrom<Array<T>>`) hands the array's own values to
//!   ndarray without a copy when no other array shares them, [`Array::as_ndarray`] (and
//!   `TryFrom<&Array<T>>` for views) borrows them, and [`Array::to_ndarray`] copies them.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! use ndarray::{array as nd, Array2};
//!
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
//! let m = Array2::try_from(&x).unwrap();
//! assert_eq!(m, nd![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
//! assert_eq!(Array::from(m.t().to_owned()), array![[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]);
//!
//! let ragged: Array<f64> = array![[1.0, 2.0], [3.0, 4.0, 5.0]];
//! assert_eq!(
//!     ragged.to_ndarray().unwrap_err().to_string(),
//!     "invalid argument to `to_ndarray`: lists of different lengths: list [1] has length 3, \
//!      list [0] has length 2 (an ndarray is rectangular; make the lists one length first, \
//!      e.g. with pad_none(n, true) and fill_none)"
//! );
//! ```

use std::sync::Arc;

use ndarray::{ArrayBase, ArrayD, ArrayView, ArrayViewD, Data, Dimension, IxDyn};

use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{check_depth, Array, Structure};

impl<T: Element> Array<T> {
    /// The array of an ndarray's values: one `var` dimension per axis after the first, every
    /// list of that axis's length. An owned ndarray in standard (row-major) layout gives its
    /// buffer without a copy; any other is copied once. A 0-dimensional ndarray (a scalar)
    /// is an error, and so is one with more than [`MAX_DEPTH`](crate::MAX_DEPTH) + 1 axes.
    /// For `Array1` to `Array6` (and their views), `Array::from` does the same without a
    /// `Result`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let m = ndarray::Array::from_shape_vec(vec![2, 2, 1], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
    /// let x = Array::from_ndarray(m).unwrap();
    /// assert_eq!(x, array![[[1.0], [2.0]], [[3.0], [4.0]]]);
    /// assert_eq!(x.type_str(), "2 * var * var * float64");
    ///
    /// let scalar = ndarray::arr0(1.0).into_dyn();
    /// assert_eq!(
    ///     Array::from_ndarray(scalar).unwrap_err().to_string(),
    ///     "invalid argument to `from_ndarray`: a 0-dimensional ndarray (a scalar) has no \
    ///      array form; give it at least one axis, e.g. with insert_axis(Axis(0))"
    /// );
    /// ```
    pub fn from_ndarray<S, D>(array: ArrayBase<S, D>) -> Result<Self>
    where
        S: Data<Elem = T>,
        D: Dimension,
    {
        if array.ndim() == 0 {
            return Err(Error::Invalid {
                op: "from_ndarray".into(),
                reason: "a 0-dimensional ndarray (a scalar) has no array form; give it at \
                         least one axis, e.g. with insert_axis(Axis(0))"
                    .into(),
            });
        }
        check_depth("from_ndarray", array.ndim() - 1)?;
        let structure = regular_structure(array.shape());
        Ok(Array::from_parts_unchecked(
            structure,
            row_major_values(array),
        ))
    }

    /// The array as an ndarray of `ndim()` axes (a copy of the values). An error naming
    /// the first list whose length differs from the others at its depth, and both lengths,
    /// when the array is not regular.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0, 2.0]], [[3.0, 4.0]], [[5.0, 6.0]]];
    /// assert_eq!(x.to_ndarray().unwrap().shape(), &[3, 1, 2]);
    ///
    /// let err = array![[[1.0, 2.0]], [[3.0], [4.0]]].to_ndarray().unwrap_err();
    /// assert!(err.to_string().contains("list [1] has length 2, list [0] has length 1"));
    /// let err = array![[[1.0, 2.0]], [[3.0]]].to_ndarray().unwrap_err();
    /// assert!(err.to_string().contains("list [1][0] has length 1, list [0][0] has length 2"));
    /// ```
    pub fn to_ndarray(&self) -> Result<ArrayD<T>> {
        let shape = self.regular_shape("to_ndarray")?;
        Ok(
            ArrayD::from_shape_vec(IxDyn(&shape), self.content().to_vec())
                .expect("a regular array's shape covers its content"),
        )
    }

    /// As [`Array::to_ndarray`], taking the array: its values become the ndarray's without a
    /// copy when no other array (a clone, a slice) shares them.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [3.0, 4.0]];
    /// let address = x.content().as_ptr();
    /// let m = x.into_ndarray().unwrap();
    /// assert_eq!(m.as_ptr(), address);
    /// assert_eq!(m, ndarray::array![[1.0, 2.0], [3.0, 4.0]].into_dyn());
    /// ```
    pub fn into_ndarray(self) -> Result<ArrayD<T>> {
        let shape = self.regular_shape("into_ndarray")?;
        let (_, buffer) = self.into_parts();
        let values = Arc::try_unwrap(buffer)
            .map(|buffer| buffer.into_vec())
            .unwrap_or_else(|shared| shared.to_vec());
        Ok(ArrayD::from_shape_vec(IxDyn(&shape), values)
            .expect("a regular array's shape covers its content"))
    }

    /// A read-only ndarray view of the array's values (no copy), for a regular array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
    /// let view = x.as_ndarray().unwrap();
    /// assert_eq!(view.sum_axis(ndarray::Axis(0)), ndarray::array![9.0, 12.0].into_dyn());
    /// assert_eq!(view.as_ptr(), x.content().as_ptr());
    /// ```
    pub fn as_ndarray(&self) -> Result<ArrayViewD<'_, T>> {
        let shape = self.regular_shape("as_ndarray")?;
        Ok(ArrayViewD::from_shape(IxDyn(&shape), self.content())
            .expect("a regular array's shape covers its content"))
    }

    /// The ndarray shape of a regular array: its length, then the one length of the lists
    /// at each depth (0 below a depth with no lists, as `ak.to_numpy` gives `(2, 0)` for
    /// `[[], []]`). An error (in `op`) naming the first list of another length.
    fn regular_shape(&self, op: &str) -> Result<Vec<usize>> {
        let structure = self.structure();
        let mut shape = Vec::with_capacity(structure.ndim());
        shape.push(structure.len());
        for offsets in structure.levels().iter() {
            let lengths = offsets.windows(2).map(|w| (w[1] - w[0]) as usize);
            let mut lengths = lengths.enumerate();
            let first = lengths.next().map_or(0, |(_, length)| length);
            if let Some((at, length)) = lengths.find(|&(_, length)| length != first) {
                return Err(Error::Invalid {
                    op: op.into(),
                    reason: format!(
                        "lists of different lengths: list {} has length {length}, list {} has \
                         length {first} (an ndarray is rectangular; make the lists one length \
                         first, e.g. with pad_none(n, true) and fill_none)",
                        path(at, &shape),
                        path(0, &shape)
                    ),
                });
            }
            shape.push(first);
        }
        Ok(shape)
    }
}

/// The position of entry `flat` of a regular level whose lists have the lengths `shape`
/// (outermost first), as an index path: `[1][0]`.
fn path(mut flat: usize, shape: &[usize]) -> String {
    let mut indices = vec![0; shape.len()];
    for (index, &len) in indices.iter_mut().zip(shape).rev() {
        *index = flat % len;
        flat /= len;
    }
    indices.iter().map(|i| format!("[{i}]")).collect()
}

/// The structure of a regular array of `shape` (at least one axis): one offsets buffer per
/// axis after the first, each list of that axis's length.
fn regular_structure(shape: &[usize]) -> Structure {
    let mut lists = shape[0];
    let mut levels = Vec::with_capacity(shape.len() - 1);
    for &length in &shape[1..] {
        levels.push(Arc::<[i64]>::from(
            (0..=lists).map(|i| (i * length) as i64).collect::<Vec<_>>(),
        ));
        lists *= length;
    }
    Structure::from_levels_unchecked(levels, lists)
}

/// An ndarray's values in row-major (logical) order: an owned standard-layout array's own
/// buffer (a sliced one shifted to start at its first element), else a copy.
fn row_major_values<T, S, D>(array: ArrayBase<S, D>) -> Vec<T>
where
    T: Element,
    S: Data<Elem = T>,
    D: Dimension,
{
    if !array.is_standard_layout() {
        return array.iter().copied().collect();
    }
    let len = array.len();
    let (mut values, offset) = array.into_owned().into_raw_vec_and_offset();
    let start = offset.unwrap_or(0);
    if start != 0 || values.len() != len {
        values.truncate(start + len);
        values.drain(..start);
    }
    values
}

/// `From` for ndarrays of a fixed number of axes (at least one), owned or views: see
/// [`Array::from_ndarray`].
macro_rules! from_fixed_ndarray {
    ($($dim:ident),*) => {$(
        /// The array of an ndarray's values, without a copy for an owned standard-layout
        /// ndarray (see [`Array::from_ndarray`]).
        ///
        /// ```
        /// use awkdiff_core::{array, Array};
        /// let m = ndarray::array![[1.0, 2.0], [3.0, 4.0]];
        /// assert_eq!(Array::from(m.view()), array![[1.0, 2.0], [3.0, 4.0]]);
        /// let address = m.as_ptr();
        /// assert_eq!(Array::from(m).content().as_ptr(), address);
        /// ```
        impl<T: Element, S: Data<Elem = T>> From<ArrayBase<S, ndarray::$dim>> for Array<T> {
            fn from(array: ArrayBase<S, ndarray::$dim>) -> Self {
                Array::from_ndarray(array).expect("an ndarray of 1 to 6 axes has an array form")
            }
        }
    )*};
}

from_fixed_ndarray!(Ix1, Ix2, Ix3, Ix4, Ix5, Ix6);

/// [`Array::from_ndarray`] for an ndarray of any number of axes (an error for 0).
///
/// ```
/// use awkdiff_core::{array, Array};
/// let m = ndarray::array![[1.0, 2.0]].into_dyn();
/// assert_eq!(Array::try_from(m).unwrap(), array![[1.0, 2.0]]);
/// ```
impl<T: Element, S: Data<Elem = T>> TryFrom<ArrayBase<S, IxDyn>> for Array<T> {
    type Error = Error;
    fn try_from(array: ArrayBase<S, IxDyn>) -> Result<Self> {
        Array::from_ndarray(array)
    }
}

/// `Error::Structure` (in `op`) unless an array has the number of axes that `D` fixes.
fn expect_axes<T: Element, D: Dimension>(array: &Array<T>, op: &str) -> Result<()> {
    match D::NDIM {
        Some(ndim) => array.expect_ndim(op, ndim),
        None => Ok(()),
    }
}

/// The ndarray of a regular array's values (a copy): `Array1` for a flat array, `Array2`
/// for `n * var * T`, `ArrayD` for any. An error when the array is not regular or, for a
/// fixed number of axes, has another number of dimensions.
///
/// ```
/// use awkdiff_core::array;
/// use ndarray::{Array1, Array2};
/// let x = array![[1.0, 2.0], [3.0, 4.0]];
/// assert_eq!(Array2::try_from(&x).unwrap(), ndarray::array![[1.0, 2.0], [3.0, 4.0]]);
/// assert_eq!(
///     Array1::try_from(&x).unwrap_err().to_string(),
///     "structure mismatch in `to_ndarray`: expected an array of 1 dimension (n * float64), \
///      got 2 * var * float64 (2 dimensions)"
/// );
/// ```
impl<T: Element, D: Dimension> TryFrom<&Array<T>> for ndarray::Array<T, D> {
    type Error = Error;
    fn try_from(array: &Array<T>) -> Result<Self> {
        expect_axes::<T, D>(array, "to_ndarray")?;
        Ok(fixed(array.to_ndarray()?))
    }
}

/// As `TryFrom<&Array<T>>`, taking the array: no copy when no other array shares its
/// values ([`Array::into_ndarray`]).
///
/// ```
/// use awkdiff_core::array;
/// let m = ndarray::Array2::try_from(array![[1.0], [2.0]]).unwrap();
/// assert_eq!(m, ndarray::array![[1.0], [2.0]]);
/// ```
impl<T: Element, D: Dimension> TryFrom<Array<T>> for ndarray::Array<T, D> {
    type Error = Error;
    fn try_from(array: Array<T>) -> Result<Self> {
        expect_axes::<T, D>(&array, "into_ndarray")?;
        Ok(fixed(array.into_ndarray()?))
    }
}

/// A read-only ndarray view of a regular array's values (no copy), of a fixed number of
/// axes (`ArrayView2` for `n * var * T`) or any (`ArrayViewD`).
///
/// ```
/// use awkdiff_core::array;
/// let x = array![[1.0, 2.0], [3.0, 4.0]];
/// let view = ndarray::ArrayView2::try_from(&x).unwrap();
/// assert_eq!(view.column(1).to_vec(), vec![2.0, 4.0]);
/// ```
impl<'a, T: Element, D: Dimension> TryFrom<&'a Array<T>> for ArrayView<'a, T, D> {
    type Error = Error;
    fn try_from(array: &'a Array<T>) -> Result<Self> {
        expect_axes::<T, D>(array, "as_ndarray")?;
        Ok(fixed(array.as_ndarray()?))
    }
}

/// An ndarray of dynamic axes as one of `D`'s, whose number of axes was checked.
fn fixed<S: Data, D: Dimension>(array: ArrayBase<S, IxDyn>) -> ArrayBase<S, D> {
    array
        .into_dimensionality::<D>()
        .expect("the number of axes was checked")
}
