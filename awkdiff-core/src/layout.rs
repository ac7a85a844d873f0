//! [`Array`]: Awkward's columnar layout, one flat content buffer plus one offsets buffer per
//! `var` dimension, all shared behind `Arc` so that a clone is O(1).
//!
//! Invariants, established once at construction and trusted by every kernel (as arrow-rs
//! does with its offsets buffers): every offsets buffer has at least one entry, starts at 0,
//! never decreases, and ends exactly at the length of the level below it (the next offsets
//! buffer's list count, or the content length). Arrays are therefore always *compact*:
//! there is no unused content, and `offsets(d)[i]..offsets(d)[i + 1]` indexes the level
//! below directly.
//!
//! The content is an `Arc<Buffer<T>>` (a `Vec` underneath) rather than an `Arc<[T]>`: a
//! kernel's freshly computed `Vec` becomes an array's content without being copied (an
//! `Arc<[T]>` needs one more allocation and a copy of every value), and large buffers go
//! back to a small pool when dropped (see the `buffer` module). With the `arrow` feature the
//! content can also be an Arrow buffer read in place.

use std::sync::Arc;

use crate::buffer::Buffer;
use crate::element::{Element, Float};
use crate::error::{Error, Result};
pub(crate) use crate::structure::check_depth;
pub use crate::structure::{Structure, MAX_DEPTH};

/// A ragged array in Awkward's columnar layout: flat content plus one offsets buffer per
/// `var` dimension. Immutable; clones share buffers.
///
/// ```
/// use awkdiff_core::{array, Array};
/// let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// assert_eq!(x.len(), 3);
/// assert_eq!(x.ndim(), 2);
/// assert_eq!(x.type_str(), "3 * var * float64");
/// assert_eq!(x.content(), &[1.0, 2.0, 3.0, 4.0, 5.0]);
/// assert_eq!(x.offsets(0), &[0, 3, 3, 5]);
/// ```
#[derive(Clone)]
pub struct Array<T> {
    structure: Structure,
    content: Arc<Buffer<T>>,
}

impl<T: Element> Array<T> {
    /// A flat (1-d) array of the given values.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_vec(vec![1.0, 2.0]);
    /// assert_eq!(x.type_str(), "2 * float64");
    /// ```
    pub fn from_vec(values: Vec<T>) -> Self {
        let structure = Structure::flat(values.len());
        Array {
            structure,
            content: Arc::new(Buffer::from(values)),
        }
    }

    /// Wraps `content` in one more `var` dimension given by `offsets`. Offsets must start at
    /// 0 or more, never decrease, and end within `content.len()`; content outside the
    /// offsets' range is dropped (the result is compact). The result may have at most
    /// [`MAX_DEPTH`] `var` dimensions ([`Error::Depth`] past it).
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_offsets(vec![0, 3, 3, 5], Array::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0])).unwrap();
    /// assert_eq!(x.to_string(), "[[1, 2, 3], [], [4, 5]]");
    /// let err = Array::from_offsets(vec![-1, 2], Array::from_vec(vec![1.0, 2.0])).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid offsets: offsets[0] = -1 is below 0");
    /// ```
    pub fn from_offsets(offsets: Vec<i64>, content: Array<T>) -> Result<Self> {
        check_depth("Array::from_offsets", content.structure.depth() + 1)?;
        let reason = |reason: String| Err(Error::Offsets { reason });
        let Some(&first) = offsets.first() else {
            return reason("offsets are empty (need at least one entry, e.g. [0])".into());
        };
        if first < 0 {
            return reason(format!("offsets[0] = {first} is below 0"));
        }
        if let Some(i) = offsets.windows(2).position(|w| w[1] < w[0]) {
            return reason(format!(
                "offsets[{}] = {} is less than offsets[{}] = {} (offsets must never decrease)",
                i + 1,
                offsets[i + 1],
                i,
                offsets[i]
            ));
        }
        let last = offsets[offsets.len() - 1];
        if last as u64 > content.len() as u64 {
            return reason(format!(
                "offsets[{}] = {last} is past the end of the content (length {})",
                offsets.len() - 1,
                content.len()
            ));
        }
        let content = if first == 0 && last as usize == content.len() {
            content
        } else {
            content.outer_range(first as usize, last as usize)
        };
        let offsets: Vec<i64> = offsets.iter().map(|&o| o - first).collect();
        let mut levels = Vec::with_capacity(content.structure.depth() + 1);
        levels.push(Arc::<[i64]>::from(offsets));
        levels.extend(content.structure.levels().iter().cloned());
        let structure = Structure::from_levels_unchecked(levels, content.structure.content_len());
        Ok(Array {
            structure,
            content: content.content,
        })
    }

    /// An array of the given structure and content; the content length must match.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, 2.0], [3.0]];
    /// let y = Array::from_parts(x.structure().clone(), vec![10.0, 20.0, 30.0]).unwrap();
    /// assert_eq!(y, array![[10.0, 20.0], [30.0]]);
    /// ```
    pub fn from_parts(structure: Structure, content: Vec<T>) -> Result<Self> {
        Self::checked("Array::from_parts", structure, Buffer::from(content))
    }

    /// An array over a content buffer that is not a fresh `Vec` (values owned by another
    /// library), checking its length against the structure.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn from_buffer(structure: Structure, content: Buffer<T>) -> Result<Self> {
        Self::checked("Array::from_buffer", structure, content)
    }

    /// An array of `structure` over `content`, or `Error::Structure` (in `context`) when
    /// their lengths differ.
    fn checked(context: &str, structure: Structure, content: Buffer<T>) -> Result<Self> {
        if content.len() != structure.content_len() {
            return Err(Error::Structure {
                context: context.into(),
                expected: format!("{} leaf values", structure.content_len()),
                found: format!("{} leaf values", content.len()),
                detail: String::new(),
            });
        }
        Ok(Array {
            structure,
            content: Arc::new(content),
        })
    }

    /// An array over a content buffer whose length is known to match the structure.
    /// (No length check here: reading a sliced buffer's length would gather it.)
    pub(crate) fn from_buffer_unchecked(structure: Structure, content: Buffer<T>) -> Self {
        Array {
            structure,
            content: Arc::new(content),
        }
    }

    /// The content buffer, shared with clones of this array.
    pub(crate) fn buffer(&self) -> &Arc<Buffer<T>> {
        &self.content
    }

    /// The structure and the content buffer.
    #[cfg_attr(not(any(feature = "arrow", feature = "ndarray")), allow(dead_code))]
    pub(crate) fn into_parts(self) -> (Structure, Arc<Buffer<T>>) {
        (self.structure, self.content)
    }

    /// An array of the given structure and content, lengths already known to agree.
    pub(crate) fn from_parts_unchecked(structure: Structure, content: Vec<T>) -> Self {
        debug_assert_eq!(structure.content_len(), content.len());
        Array {
            structure,
            content: Arc::new(Buffer::from(content)),
        }
    }

    /// This array's content (shared, not copied) under another structure of the same
    /// content length.
    pub(crate) fn with_structure(&self, structure: Structure) -> Array<T> {
        debug_assert_eq!(structure.content_len(), self.structure.content_len());
        Array {
            structure,
            content: self.content.clone(),
        }
    }

    /// An array with this array's structure (shared) and new content of the same length.
    ///
    /// # Panics
    /// If `content.len()` differs from this array's number of leaf values.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(x.with_content(vec![1i64, 2, 3]).to_string(), "[[1, 2], [], [3]]");
    /// ```
    pub fn with_content<U: Element>(&self, content: Vec<U>) -> Array<U> {
        assert_eq!(
            content.len(),
            self.structure.content_len(),
            "with_content: content length must match the structure"
        );
        Array {
            structure: self.structure.clone(),
            content: Arc::new(Buffer::from(content)),
        }
    }

    /// Applies `f` to every leaf value, keeping the structure (shared, not copied).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0], [2.0, 3.0]].map(|v| v > 1.5), array![[false], [true, true]]);
    /// ```
    pub fn map<U: Element>(&self, f: impl Fn(T) -> U) -> Array<U> {
        self.with_content(self.content.iter().map(|&v| f(v)).collect())
    }

    /// An array of this structure filled with `value`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], []].full_like(7.0), array![[7.0, 7.0], []]);
    /// ```
    pub fn full_like<U: Element>(&self, value: U) -> Array<U> {
        self.with_content(vec![value; self.structure.content_len()])
    }

    /// The structure: offsets buffers and content length.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [], [3.0]];
    /// assert_eq!(x.structure().offsets(0), &[0, 2, 2, 3]);
    /// ```
    pub fn structure(&self) -> &Structure {
        &self.structure
    }

    /// Length of the outermost dimension.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.structure.len()
    }

    /// True when the outermost dimension is empty.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert!(Array::<f64>::from_vec(vec![]).is_empty());
    /// assert!(!array![[1.0], []].is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.structure.is_empty()
    }

    /// Number of dimensions: 1 for `2 * float64`, 2 for `3 * var * float64`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(Array::from_vec(vec![1.0, 2.0]).ndim(), 1);
    /// assert_eq!(array![[1.0], []].ndim(), 2);
    /// ```
    pub fn ndim(&self) -> usize {
        self.structure.ndim()
    }

    /// The flat leaf values.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].content(), &[1.0, 2.0, 3.0]);
    /// ```
    pub fn content(&self) -> &[T] {
        &self.content
    }

    /// The flat leaf values for writing, when no other array shares them (so that an
    /// operation on an owned temporary can write its result in place).
    pub(crate) fn content_mut(&mut self) -> Option<&mut [T]> {
        Arc::get_mut(&mut self.content).and_then(Buffer::as_mut_slice)
    }

    /// The offsets buffer of `var` dimension `depth` (0 is the outermost `var`).
    ///
    /// # Panics
    /// If the array has no `var` dimension `depth` (`depth >= ndim() - 1`).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].offsets(0), &[0, 2, 2, 3]);
    /// ```
    pub fn offsets(&self, depth: usize) -> &[i64] {
        self.structure.offsets(depth)
    }

    /// Awkward's type: `3 * var * float64`, `2 * float32`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0f32], []].type_str(), "2 * var * float32");
    /// assert_eq!(Array::from_vec(vec![1.0, 2.0]).type_str(), "2 * float64");
    /// ```
    pub fn type_str(&self) -> String {
        self.structure.type_str(T::TYPE_NAME)
    }

    /// Bytes held by the content and offsets buffers, as Awkward's `nbytes` counts them.
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// assert_eq!(Array::from_vec(vec![5.0f32, 7.0, 3.0]).nbytes(), 12);
    /// ```
    pub fn nbytes(&self) -> usize {
        self.structure.content_len() * std::mem::size_of::<T>() + self.structure.offsets_nbytes()
    }

    /// Length of each outermost list, or `Error::Axis` for a flat array (it has no lists).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].try_counts().unwrap(), Array::from_vec(vec![3, 0, 2]));
    /// assert!(Array::from_vec(vec![1.0]).try_counts().is_err());
    /// ```
    pub fn try_counts(&self) -> Result<Array<i64>> {
        if self.structure.depth() == 0 {
            return Err(Error::Axis {
                axis: 1,
                type_str: self.type_str(),
                ndim: self.ndim(),
            });
        }
        let offsets = self.offsets(0);
        Ok(Array::from_vec(
            offsets.windows(2).map(|w| w[1] - w[0]).collect(),
        ))
    }

    /// Length of each outermost list.
    ///
    /// # Panics
    /// On a flat array, with the message of [`Array::try_counts`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].counts(), Array::from_vec(vec![3, 0, 2]));
    /// ```
    pub fn counts(&self) -> Array<i64> {
        self.try_counts().unwrap_or_else(|e| panic!("{e}"))
    }

    /// The outermost entries `lo..hi` as a new compact array (content copied).
    pub(crate) fn outer_range(&self, lo: usize, hi: usize) -> Array<T> {
        let range = self.structure.content_range(0, lo, hi);
        let content: Vec<T> = self.content[range].to_vec();
        let mut levels = Vec::with_capacity(self.structure.depth());
        let (mut lo, mut hi) = (lo, hi);
        for offsets in self.structure.levels().iter() {
            let base = offsets[lo];
            levels.push(Arc::<[i64]>::from(
                offsets[lo..=hi]
                    .iter()
                    .map(|&o| o - base)
                    .collect::<Vec<_>>(),
            ));
            lo = offsets[lo] as usize;
            hi = offsets[hi] as usize;
        }
        let structure = Structure::from_levels_unchecked(levels, content.len());
        Array {
            structure,
            content: Arc::new(Buffer::from(content)),
        }
    }
}

impl<T: Float> Array<T> {
    /// An array of this structure filled with zeros (the tangent of a constant).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0], [], [2.0, 3.0]].zeros_like(), array![[0.0], [], [0.0, 0.0]]);
    /// ```
    pub fn zeros_like(&self) -> Array<T> {
        self.full_like(T::zero())
    }
}

impl<T: Element> PartialEq for Array<T> {
    fn eq(&self, other: &Self) -> bool {
        self.structure.same_as(&other.structure) && self.content[..] == other.content[..]
    }
}
