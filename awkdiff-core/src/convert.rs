//! Getting data in and out of an [`Array`] without JSON: `From` nested `Vec`s, `to_vec1`,
//! `to_vec2` and `to_vec3` (and `TryFrom` for the same) back to them, an iterator over the
//! outermost lists whose items share the array's buffers, and `FromIterator`.
//!
//! The readers are named by the number of dimensions of the array they read (its
//! [`Array::ndim`]), as `candle`'s `Tensor::to_vec1/2/3` are: the nesting of the `Vec` is in
//! the name, and a wrong depth is an error naming both rather than a silent flattening.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x = Array::from(vec![vec![1.0, 2.0, 3.0], vec![], vec![4.0, 5.0]]);
//! assert_eq!(x, array![[1.0, 2.0, 3.0], [], [4.0, 5.0]]);
//! assert_eq!(x.to_vec2().unwrap(), vec![vec![1.0, 2.0, 3.0], vec![], vec![4.0, 5.0]]);
//! let sums: Vec<f64> = x.iter_lists().map(|event| event.content().iter().sum()).collect();
//! assert_eq!(sums, vec![6.0, 0.0, 9.0]);
//! ```

use std::iter::FusedIterator;
use std::sync::Arc;

use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};

/// A flat (1-d) array of the values, without a copy ([`Array::from_vec`]).
///
/// ```
/// use awkdiff_core::Array;
/// let x = Array::from(vec![1.0, 2.0]);
/// assert_eq!(x.type_str(), "2 * float64");
/// ```
impl<T: Element> From<Vec<T>> for Array<T> {
    fn from(values: Vec<T>) -> Self {
        Array::from_vec(values)
    }
}

/// A ragged 2-d array (`n * var * T`), one list per inner `Vec` (empty ones included), built
/// in one pass into one offsets buffer and one content buffer.
///
/// ```
/// use awkdiff_core::{array, Array};
/// let x = Array::from(vec![vec![1.0, 2.0], vec![], vec![3.0]]);
/// assert_eq!(x, array![[1.0, 2.0], [], [3.0]]);
/// assert_eq!(x.type_str(), "3 * var * float64");
/// assert_eq!(Array::<f64>::from(Vec::<Vec<f64>>::new()).type_str(), "0 * var * float64");
/// ```
impl<T: Element> From<Vec<Vec<T>>> for Array<T> {
    fn from(lists: Vec<Vec<T>>) -> Self {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        offsets.push(0i64);
        let mut content = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in &lists {
            content.extend_from_slice(list);
            offsets.push(content.len() as i64);
        }
        let len = content.len();
        let structure = Structure::from_levels_unchecked(vec![Arc::from(offsets)], len);
        Array::from_parts_unchecked(structure, content)
    }
}

/// A ragged 3-d array (`n * var * var * T`), built in one pass into two offsets buffers
/// and one content buffer.
///
/// ```
/// use awkdiff_core::{array, Array};
/// let x = Array::from(vec![vec![vec![1.0], vec![]], vec![], vec![vec![2.0, 3.0]]]);
/// assert_eq!(x, array![[[1.0], []], [], [[2.0, 3.0]]]);
/// assert_eq!(x.offsets(0), &[0, 2, 2, 3]);
/// assert_eq!(x.offsets(1), &[0, 1, 1, 3]);
/// ```
impl<T: Element> From<Vec<Vec<Vec<T>>>> for Array<T> {
    fn from(lists: Vec<Vec<Vec<T>>>) -> Self {
        let mut outer = Vec::with_capacity(lists.len() + 1);
        outer.push(0i64);
        let mut inner = Vec::with_capacity(lists.iter().map(Vec::len).sum::<usize>() + 1);
        inner.push(0i64);
        let mut content = Vec::with_capacity(lists.iter().flatten().map(Vec::len).sum());
        for list in &lists {
            for sublist in list {
                content.extend_from_slice(sublist);
                inner.push(content.len() as i64);
            }
            outer.push(inner.len() as i64 - 1);
        }
        let len = content.len();
        let structure =
            Structure::from_levels_unchecked(vec![Arc::from(outer), Arc::from(inner)], len);
        Array::from_parts_unchecked(structure, content)
    }
}

/// A flat (1-d) array of the collected values.
///
/// ```
/// use awkdiff_core::Array;
/// let x: Array<f64> = (1..=3).map(f64::from).collect();
/// assert_eq!(x, Array::from_vec(vec![1.0, 2.0, 3.0]));
/// ```
impl<T: Element> FromIterator<T> for Array<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        Array::from_vec(values.into_iter().collect())
    }
}

/// A ragged 2-d array, one list per collected `Vec` (empty ones included), without keeping
/// the `Vec`s: each is appended to the content as it arrives.
///
/// ```
/// use awkdiff_core::{array, Array};
/// let x: Array<f64> = (0..3).map(|n| vec![1.0; n]).collect();
/// assert_eq!(x, array![[], [1.0], [1.0, 1.0]]);
/// ```
impl<T: Element> FromIterator<Vec<T>> for Array<T> {
    fn from_iter<I: IntoIterator<Item = Vec<T>>>(lists: I) -> Self {
        let lists = lists.into_iter();
        let mut offsets = Vec::with_capacity(lists.size_hint().0 + 1);
        offsets.push(0i64);
        let mut content = Vec::new();
        for list in lists {
            content.extend_from_slice(&list);
            offsets.push(content.len() as i64);
        }
        let len = content.len();
        let structure = Structure::from_levels_unchecked(vec![Arc::from(offsets)], len);
        Array::from_parts_unchecked(structure, content)
    }
}

impl<T: Element> Array<T> {
    /// `Error::Structure` (in `op`) unless the array has `ndim` dimensions.
    pub(crate) fn expect_ndim(&self, op: &str, ndim: usize) -> Result<()> {
        if self.ndim() == ndim {
            return Ok(());
        }
        let vars = " * var".repeat(ndim - 1);
        Err(Error::Structure {
            context: format!("`{op}`"),
            expected: format!(
                "an array of {ndim} dimension{} (n{vars} * {})",
                plural(ndim),
                T::TYPE_NAME
            ),
            found: format!(
                "{} ({} dimension{})",
                self.type_str(),
                self.ndim(),
                plural(self.ndim())
            ),
            detail: String::new(),
        })
    }

    /// The values of a 1-d array as a `Vec` (a copy). `Error::Structure` for any other
    /// number of dimensions (flatten first, or read every leaf with [`Array::content`]).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(Array::from_vec(vec![1.0, 2.0]).to_vec1().unwrap(), vec![1.0, 2.0]);
    /// let err = array![[1.0], []].to_vec1().unwrap_err();
    /// assert_eq!(err.to_string(), "structure mismatch in `to_vec1`: expected an array of \
    ///     1 dimension (n * float64), got 2 * var * float64 (2 dimensions)");
    /// ```
    pub fn to_vec1(&self) -> Result<Vec<T>> {
        self.expect_ndim("to_vec1", 1)?;
        Ok(self.content().to_vec())
    }

    /// The lists of a 2-d array as nested `Vec`s (a copy), empty lists included.
    /// `Error::Structure` for any other number of dimensions.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(x.to_vec2().unwrap(), vec![vec![1.0, 2.0], vec![], vec![3.0]]);
    /// let err = Array::from_vec(vec![1.0]).to_vec2().unwrap_err();
    /// assert_eq!(err.to_string(), "structure mismatch in `to_vec2`: expected an array of \
    ///     2 dimensions (n * var * float64), got 1 * float64 (1 dimension)");
    /// ```
    pub fn to_vec2(&self) -> Result<Vec<Vec<T>>> {
        self.expect_ndim("to_vec2", 2)?;
        let content = self.content();
        Ok(lists_of(self.offsets(0), |range| content[range].to_vec()))
    }

    /// The lists of lists of a 3-d array as nested `Vec`s (a copy), empty lists included.
    /// `Error::Structure` for any other number of dimensions.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0], []], [], [[2.0, 3.0]]];
    /// assert_eq!(x.to_vec3().unwrap(), vec![vec![vec![1.0], vec![]], vec![], vec![vec![2.0, 3.0]]]);
    /// assert!(array![[1.0]].to_vec3().is_err());
    /// ```
    pub fn to_vec3(&self) -> Result<Vec<Vec<Vec<T>>>> {
        self.expect_ndim("to_vec3", 3)?;
        let content = self.content();
        let inner = self.offsets(1);
        Ok(lists_of(self.offsets(0), |outer| {
            lists_of(&inner[outer.start..=outer.end], |range| {
                content[range].to_vec()
            })
        }))
    }

    /// An iterator over the outermost elements of an array of 2 or more dimensions, each
    /// a sub-array of one dimension fewer (as [`Array::at`] gives it): its content is not
    /// copied but read from this array's buffer (and gathered only if read as a whole).
    /// `Error::Axis` on a 1-d array, whose elements are values (iterate
    /// [`Array::content`] there).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let err = Array::from_vec(vec![1.0]).try_iter_lists().unwrap_err();
    /// assert_eq!(err.to_string(), "axis 1 is out of range for an array of type 1 * float64 (1 dimensions)");
    /// assert_eq!(array![[1.0], []].try_iter_lists().unwrap().len(), 2);
    /// ```
    pub fn try_iter_lists(&self) -> Result<Lists<'_, T>> {
        if self.structure().depth() == 0 {
            return Err(Error::Axis {
                axis: 1,
                type_str: self.type_str(),
                ndim: self.ndim(),
            });
        }
        Ok(Lists {
            array: self,
            front: 0,
            back: self.len(),
        })
    }

    /// [`Array::try_iter_lists`], panicking with the error's message on a 1-d array.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let events = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// let counts: Vec<usize> = events.iter_lists().map(|event| event.len()).collect();
    /// assert_eq!(counts, vec![3, 0, 2]);
    /// let last = events.iter_lists().next_back().unwrap();
    /// assert_eq!(last, array![4.0, 5.0]);
    /// ```
    pub fn iter_lists(&self) -> Lists<'_, T> {
        self.try_iter_lists().unwrap_or_else(|e| panic!("{e}"))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One item per list of `offsets` (its range into the level below).
fn lists_of<U>(offsets: &[i64], item: impl Fn(std::ops::Range<usize>) -> U) -> Vec<U> {
    offsets
        .windows(2)
        .map(|w| item(w[0] as usize..w[1] as usize))
        .collect()
}

/// The outermost elements of an array, from [`Array::iter_lists`]: sub-arrays sharing the
/// array's content buffer. Double-ended and of known length.
///
/// ```
/// use awkdiff_core::array;
/// let x = array![[[1.0], []], [[2.0, 3.0]]];
/// let mut lists = x.iter_lists();
/// assert_eq!(lists.len(), 2);
/// assert_eq!(lists.next().unwrap(), array![[1.0], []]);
/// assert_eq!(lists.next().unwrap(), array![[2.0, 3.0]]);
/// assert!(lists.next().is_none());
/// ```
#[derive(Clone)]
pub struct Lists<'a, T> {
    array: &'a Array<T>,
    front: usize,
    back: usize,
}

impl<T: Element> Iterator for Lists<'_, T> {
    type Item = Array<T>;

    fn next(&mut self) -> Option<Array<T>> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.array.at((self.front - 1) as isize)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<Array<T>> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl<T: Element> DoubleEndedIterator for Lists<'_, T> {
    fn next_back(&mut self) -> Option<Array<T>> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.array.at(self.back as isize)
        })
    }
}

impl<T: Element> ExactSizeIterator for Lists<'_, T> {}

/// The array's type and the positions still to come: `Lists(3 * var * float64, 1..3)`.
impl<T: Element> std::fmt::Debug for Lists<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Lists({}, {}..{})",
            self.array.type_str(),
            self.front,
            self.back
        )
    }
}

impl<T: Element> FusedIterator for Lists<'_, T> {}

macro_rules! try_from_array {
    ($vec:ty, $method:ident) => {
        /// The nested `Vec`s of an array of the matching number of dimensions (see
        /// [`Array::to_vec1`], [`Array::to_vec2`], [`Array::to_vec3`]); `Error::Structure`
        /// for any other.
        ///
        /// ```
        /// use awkdiff_core::{array, Array};
        /// let lists: Vec<Vec<f64>> = Vec::try_from(&array![[1.0], []]).unwrap();
        /// assert_eq!(lists, vec![vec![1.0], vec![]]);
        /// assert!(Vec::<f64>::try_from(array![[1.0], []]).is_err());
        /// ```
        impl<T: Element> TryFrom<&Array<T>> for $vec {
            type Error = Error;
            fn try_from(array: &Array<T>) -> Result<Self> {
                array.$method()
            }
        }

        /// As for `&Array<T>`.
        ///
        /// ```
        /// use awkdiff_core::Array;
        /// let values: Vec<f64> = Array::from_vec(vec![1.0]).try_into().unwrap();
        /// assert_eq!(values, vec![1.0]);
        /// ```
        impl<T: Element> TryFrom<Array<T>> for $vec {
            type Error = Error;
            fn try_from(array: Array<T>) -> Result<Self> {
                array.$method()
            }
        }
    };
}

try_from_array!(Vec<T>, to_vec1);
try_from_array!(Vec<Vec<T>>, to_vec2);
try_from_array!(Vec<Vec<Vec<T>>>, to_vec3);

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::array;
    use crate::buffer::Buffer;

    #[test]
    fn list_items_share_the_content_buffer_until_read() {
        let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
        for item in x.iter_lists() {
            match &**item.buffer() {
                Buffer::Sliced(sliced) => {
                    assert!(Arc::ptr_eq(&sliced.source, x.buffer()));
                    assert!(
                        !sliced.is_gathered(),
                        "an item's content was copied up front"
                    );
                }
                _ => panic!("an item does not read this array's buffer"),
            }
        }
        // One list covering all the content: the item is the same buffer, nothing picked.
        let whole = array![[1.0, 2.0]];
        let item = whole.iter_lists().next().unwrap();
        assert!(Arc::ptr_eq(item.buffer(), whole.buffer()));
    }
}
