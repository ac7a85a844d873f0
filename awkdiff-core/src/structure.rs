//! [`Structure`]: the list structure of an array, its offsets buffers outermost first, and
//! the depth limit [`MAX_DEPTH`]. The invariants are those of the `layout` module docs,
//! checked once here, at construction.

use std::sync::Arc;

use crate::error::{Error, Result};

/// The largest number of nested list (`var`) dimensions an array may have: its
/// [`Structure::depth`], so at most `MAX_DEPTH + 1` dimensions in all.
///
/// Every constructor that takes a depth checks it ([`Structure::new`],
/// [`Array::from_offsets`](crate::Array::from_offsets),
/// [`Array::from_json`](crate::Array::from_json), `array!`, serde's `Deserialize`, the
/// Arrow and Parquet readers) and gives [`Error::Depth`] past it, so no deeper array
/// exists. The limit keeps every array readable and printable: its JSON text nests
/// `MAX_DEPTH + 1` levels, within `serde_json`'s limit of 128, so
/// [`Array::to_json`](crate::Array::to_json) and serde's `Serialize` always read back; and
/// the recursive walks (`Display`, `to_json`, the readers) stay far from any thread's stack
/// size.
///
/// ```
/// use awkdiff_core::{Array, Error, MAX_DEPTH};
/// let mut x = Array::from_vec(vec![1.0]);
/// for _ in 0..MAX_DEPTH {
///     x = Array::from_offsets(vec![0, 1], x).unwrap();
/// }
/// assert_eq!(x.structure().depth(), MAX_DEPTH);
/// assert_eq!(Array::<f64>::from_json(&x.to_json()).unwrap(), x);
/// let err = Array::from_offsets(vec![0, 1], x).unwrap_err();
/// assert!(matches!(err, Error::Depth { depth: 101, .. }));
/// ```
pub const MAX_DEPTH: usize = 100;

/// `Ok` when `depth` nested list dimensions are allowed, else [`Error::Depth`] of `op`.
pub(crate) fn check_depth(op: &str, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Depth {
            op: op.into(),
            depth,
        });
    }
    Ok(())
}

/// The list structure of an array: its offsets buffers, outermost first, and the length of
/// the flat content they index. Two arrays with equal structures line up element by element.
///
/// ```
/// use awkdiff_core::array;
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let s = x.structure();
/// assert_eq!(s.depth(), 1);
/// assert_eq!(s.offsets(0), &[0, 3, 3, 5]);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s.content_len(), 5);
/// ```
#[derive(Clone)]
pub struct Structure {
    levels: Arc<[Arc<[i64]>]>,
    content_len: usize,
}

impl Structure {
    /// The structure of a flat (1-d) array of `len` elements.
    ///
    /// ```
    /// use awkdiff_core::Structure;
    /// assert_eq!(Structure::flat(4).len(), 4);
    /// ```
    pub fn flat(len: usize) -> Self {
        Structure {
            levels: Arc::from(Vec::new()),
            content_len: len,
        }
    }

    /// Builds a structure from compact offsets buffers, outermost first, checking every
    /// invariant (see the module docs) and the depth: at most [`MAX_DEPTH`] buffers.
    ///
    /// ```
    /// use awkdiff_core::{Error, Structure, MAX_DEPTH};
    /// let s = Structure::new(vec![vec![0, 2, 3]], 3).unwrap();
    /// assert_eq!(s.len(), 2);
    /// assert!(matches!(Structure::new(vec![vec![0, 2, 4]], 3), Err(Error::Offsets { .. })));
    /// assert!(matches!(Structure::new(vec![vec![0]; MAX_DEPTH + 1], 0), Err(Error::Depth { .. })));
    /// ```
    pub fn new(levels: Vec<Vec<i64>>, content_len: usize) -> Result<Self> {
        check_depth("Structure::new", levels.len())?;
        let levels: Vec<Arc<[i64]>> = levels.into_iter().map(Arc::from).collect();
        for (depth, offsets) in levels.iter().enumerate() {
            let below = match levels.get(depth + 1) {
                Some(next) => next.len().saturating_sub(1),
                None => content_len,
            };
            check_compact_offsets(offsets, below, depth)?;
        }
        Ok(Structure {
            levels: Arc::from(levels),
            content_len,
        })
    }

    /// Builds a structure from offsets buffers already known to be compact.
    pub(crate) fn from_levels_unchecked(levels: Vec<Arc<[i64]>>, content_len: usize) -> Self {
        debug_assert!(levels.len() <= MAX_DEPTH);
        debug_assert!(
            Structure::new(levels.iter().map(|l| l.to_vec()).collect(), content_len).is_ok()
        );
        Structure {
            levels: Arc::from(levels),
            content_len,
        }
    }

    /// Number of `var` dimensions (0 for a flat array).
    ///
    /// ```
    /// use awkdiff_core::{array, Structure};
    /// assert_eq!(Structure::flat(3).depth(), 0);
    /// assert_eq!(array![[[1.0], []], []].structure().depth(), 2);
    /// ```
    pub fn depth(&self) -> usize {
        self.levels.len()
    }

    /// Number of dimensions: `depth() + 1`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0], [], [2.0]].structure().ndim(), 2);
    /// ```
    pub fn ndim(&self) -> usize {
        self.levels.len() + 1
    }

    /// Length of the outermost dimension.
    ///
    /// ```
    /// use awkdiff_core::{array, Structure};
    /// assert_eq!(array![[1.0, 2.0], []].structure().len(), 2);
    /// assert_eq!(Structure::flat(5).len(), 5);
    /// ```
    pub fn len(&self) -> usize {
        match self.levels.first() {
            Some(offsets) => offsets.len() - 1,
            None => self.content_len,
        }
    }

    /// True when the outermost dimension has no element.
    ///
    /// ```
    /// use awkdiff_core::{Array, Structure};
    /// assert!(Structure::flat(0).is_empty());
    /// assert!(!Array::from_vec(vec![1.0]).structure().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of leaf values.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].structure().content_len(), 3);
    /// ```
    pub fn content_len(&self) -> usize {
        self.content_len
    }

    /// The offsets buffer of `var` dimension `depth` (0 is the outermost).
    ///
    /// # Panics
    /// If `depth >= self.depth()`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0], [2.0, 3.0]], [], [[4.0]]];
    /// assert_eq!(x.structure().offsets(0), &[0, 2, 2, 3]);
    /// assert_eq!(x.structure().offsets(1), &[0, 1, 3, 4]);
    /// ```
    pub fn offsets(&self, depth: usize) -> &[i64] {
        &self.levels[depth]
    }

    /// The shared offsets buffer of dimension `depth`, for building structures that reuse it.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use awkdiff_core::array;
    /// let x = array![[1.0], [2.0, 3.0]];
    /// let y = x.map(|v| v * 2.0);
    /// // `y` shares `x`'s offsets buffer rather than copying it.
    /// assert!(Arc::ptr_eq(x.structure().offsets_arc(0), y.structure().offsets_arc(0)));
    /// ```
    pub fn offsets_arc(&self, depth: usize) -> &Arc<[i64]> {
        &self.levels[depth]
    }

    /// All offsets buffers, outermost first.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0], [2.0, 3.0]], []];
    /// assert_eq!(x.structure().levels().len(), 2);
    /// assert_eq!(&x.structure().levels()[0][..], &[0, 2, 2]);
    /// ```
    pub fn levels(&self) -> &[Arc<[i64]>] {
        &self.levels
    }

    /// Number of entries at level `depth` (level 0 is the outermost dimension, level
    /// `self.depth()` is the content).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let s = array![[[1.0], [2.0, 3.0]], []].structure().clone();
    /// assert_eq!((s.level_len(0), s.level_len(1), s.level_len(2)), (2, 2, 3));
    /// ```
    pub fn level_len(&self, depth: usize) -> usize {
        match self.levels.get(depth) {
            Some(offsets) => offsets.len() - 1,
            None => self.content_len,
        }
    }

    /// Maps the range `lo..hi` of entries at level `depth` to the range of leaf values
    /// they contain, by following the offsets below it.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0], [2.0, 3.0]], [], [[4.0, 5.0]]];
    /// assert_eq!(x.structure().content_range(0, 0, 1), 0..3);
    /// assert_eq!(x.structure().content_range(1, 1, 3), 1..5);
    /// ```
    pub fn content_range(&self, depth: usize, lo: usize, hi: usize) -> std::ops::Range<usize> {
        let (mut lo, mut hi) = (lo, hi);
        for offsets in &self.levels[depth.min(self.levels.len())..] {
            lo = offsets[lo] as usize;
            hi = offsets[hi] as usize;
        }
        lo..hi
    }

    /// The structure of the levels from `depth` down (dropping the outer `depth` dimensions).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0], [2.0, 3.0]], [], [[4.0]]];
    /// let inner = x.structure().inner(1);
    /// assert_eq!(inner.offsets(0), &[0, 1, 3, 4]);
    /// assert_eq!(inner.type_str("float64"), "3 * var * float64");
    /// ```
    pub fn inner(&self, depth: usize) -> Structure {
        Structure {
            levels: Arc::from(self.levels[depth..].to_vec()),
            content_len: self.content_len,
        }
    }

    /// True when both structures have the same offsets and content length (a pointer
    /// comparison first, so arrays that share buffers compare in O(1)).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [3.0]];
    /// assert!(x.structure().same_as(array![[0.0, 0.0], [0.0]].structure()));
    /// assert!(!x.structure().same_as(array![[0.0], [0.0, 0.0]].structure()));
    /// ```
    pub fn same_as(&self, other: &Structure) -> bool {
        if Arc::ptr_eq(&self.levels, &other.levels) {
            return self.content_len == other.content_len;
        }
        self.content_len == other.content_len
            && self.levels.len() == other.levels.len()
            && self
                .levels
                .iter()
                .zip(other.levels.iter())
                .all(|(a, b)| Arc::ptr_eq(a, b) || a[..] == b[..])
    }

    /// Awkward's type string for this structure with leaf type `leaf`: `3 * var * float64`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[[1.0], []], []];
    /// assert_eq!(x.structure().type_str("float32"), "2 * var * var * float32");
    /// ```
    pub fn type_str(&self, leaf: &str) -> String {
        let mut out = format!("{} * ", self.len());
        for _ in 0..self.depth() {
            out.push_str("var * ");
        }
        out.push_str(leaf);
        out
    }

    /// Bytes used by the offsets buffers.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// // One offsets buffer of 4 entries, 8 bytes each.
    /// assert_eq!(array![[1.0], [], [2.0]].structure().offsets_nbytes(), 32);
    /// ```
    pub fn offsets_nbytes(&self) -> usize {
        self.levels.iter().map(|l| l.len() * 8).sum()
    }

    /// The first place where two structures differ, as words (`""` when they are the same).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let (x, y) = (array![[1.0, 2.0], [3.0]], array![[1.0], [2.0, 3.0]]);
    /// assert_eq!(x.structure().first_difference(y.structure()), "list 0 at dimension 1 has length 2 against 1");
    /// assert_eq!(x.structure().first_difference(x.structure()), "");
    /// ```
    pub fn first_difference(&self, other: &Structure) -> String {
        if self.depth() != other.depth() {
            return format!(
                "{} dimensions against {} dimensions",
                self.ndim(),
                other.ndim()
            );
        }
        for depth in 0..=self.depth() {
            let (a, b) = (self.level_len(depth), other.level_len(depth));
            if depth == 0 && a != b {
                return format!("lengths {a} and {b} differ");
            }
            if let (Some(oa), Some(ob)) = (self.levels.get(depth), other.levels.get(depth)) {
                if let Some(i) = (0..oa.len() - 1).find(|&i| oa[i + 1] - oa[i] != ob[i + 1] - ob[i])
                {
                    return format!(
                        "list {i} at dimension {} has length {} against {}",
                        depth + 1,
                        oa[i + 1] - oa[i],
                        ob[i + 1] - ob[i]
                    );
                }
            }
        }
        String::new()
    }
}

impl std::fmt::Debug for Structure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Structure")
            .field(
                "offsets",
                &self.levels.iter().map(|l| &l[..]).collect::<Vec<_>>(),
            )
            .field("content_len", &self.content_len)
            .finish()
    }
}

impl PartialEq for Structure {
    fn eq(&self, other: &Self) -> bool {
        self.same_as(other)
    }
}

/// Checks the invariants of a compact offsets buffer whose entries index `below` items.
fn check_compact_offsets(offsets: &[i64], below: usize, depth: usize) -> Result<()> {
    let reason = |reason: String| Err(Error::Offsets { reason });
    if offsets.is_empty() {
        return reason(format!(
            "offsets at dimension {} are empty (need at least [0])",
            depth + 1
        ));
    }
    if offsets[0] != 0 {
        return reason(format!(
            "offsets at dimension {} start at {}, not 0",
            depth + 1,
            offsets[0]
        ));
    }
    if let Some(i) = offsets.windows(2).position(|w| w[1] < w[0]) {
        return reason(format!(
            "offsets at dimension {}: offsets[{}] = {} is less than offsets[{}] = {} \
             (offsets must never decrease)",
            depth + 1,
            i + 1,
            offsets[i + 1],
            i,
            offsets[i]
        ));
    }
    let last = offsets[offsets.len() - 1];
    if last as usize != below {
        return reason(format!(
            "offsets at dimension {} end at {last}, but the level below has {below} items",
            depth + 1
        ));
    }
    Ok(())
}
