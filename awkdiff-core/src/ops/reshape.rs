//! New structures over the same values, in the same order: `unflatten(counts)` (a new
//! outermost dimension) and `ravel()` (every leaf in one flat array), with their rules. Both
//! share the content buffer (O(1) besides the new offsets); the tangent takes the same
//! structure, the cotangent goes back to the input's.

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{check_depth, Array, Structure};
use crate::value::Value;

/// The list lengths of [`Array::unflatten`]: `[i64]`, `[i64; N]`, `Vec<i64>` or a 1-d
/// `Array<i64>` (such as [`Array::counts`] gives).
///
/// ```
/// use awkdiff_core::{array, ops::reshape::Counts, Array};
/// assert_eq!([2i64, 0].counts_of().unwrap(), &[2, 0]);
/// assert_eq!(Array::from_vec(vec![1i64]).counts_of().unwrap(), &[1]);
/// assert!(array![[1i64], []].counts_of().is_err());
/// ```
pub trait Counts {
    /// The lengths as a slice, or `Error::Invalid` when they are not one flat list.
    fn counts_of(&self) -> Result<&[i64]>;
}

impl Counts for [i64] {
    fn counts_of(&self) -> Result<&[i64]> {
        Ok(self)
    }
}

impl<const N: usize> Counts for [i64; N] {
    fn counts_of(&self) -> Result<&[i64]> {
        Ok(self)
    }
}

impl Counts for Vec<i64> {
    fn counts_of(&self) -> Result<&[i64]> {
        Ok(self)
    }
}

impl Counts for Array<i64> {
    fn counts_of(&self) -> Result<&[i64]> {
        if self.ndim() != 1 {
            return Err(Error::Invalid {
                op: "unflatten".into(),
                reason: format!(
                    "the counts must be a 1-d array, not an array of type {}",
                    self.type_str()
                ),
            });
        }
        Ok(self.content())
    }
}

impl<T: Element> Array<T> {
    /// [`Array::unflatten`], or an error: counts that are not one flat list, a negative
    /// count (`Error::Invalid`, naming its position), counts that do not add up to the
    /// outer length (`Error::Invalid`), or a result past [`MAX_DEPTH`](crate::MAX_DEPTH)
    /// (`Error::Depth`).
    ///
    /// ```
    /// use awkdiff_core::Array;
    /// let x = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]);
    /// assert_eq!(x.try_unflatten(&[2, 1]).unwrap_err().to_string(),
    ///            "invalid argument to `unflatten`: the counts add up to 3, but the array has 4 \
    ///             outer elements (type 4 * float64)");
    /// assert_eq!(x.try_unflatten(&[5, -1]).unwrap_err().to_string(),
    ///            "invalid argument to `unflatten`: counts[1] = -1 is negative");
    /// ```
    pub fn try_unflatten<C: Counts + ?Sized>(&self, counts: &C) -> Result<Array<T>> {
        let counts = counts.counts_of()?;
        check_depth("unflatten", self.structure().depth() + 1)?;
        let mut offsets = Vec::with_capacity(counts.len() + 1);
        offsets.push(0i64);
        let mut total = 0i64;
        for (i, &c) in counts.iter().enumerate() {
            if c < 0 {
                return Err(Error::Invalid {
                    op: "unflatten".into(),
                    reason: format!("counts[{i}] = {c} is negative"),
                });
            }
            total = total.saturating_add(c);
            offsets.push(total);
        }
        if total != self.len() as i64 {
            return Err(Error::Invalid {
                op: "unflatten".into(),
                reason: format!(
                    "the counts add up to {total}, but the array has {} outer elements (type {})",
                    self.len(),
                    self.type_str()
                ),
            });
        }
        Array::from_offsets(offsets, self.clone())
    }

    /// The outer elements grouped into a new outermost dimension of lists of `counts`
    /// elements (Awkward's `ak.unflatten(x, counts)`); the counts add up to `len()`. The
    /// inverse of [`Array::flatten`]: `x.flatten().unflatten(&x.counts()) == x`.
    ///
    /// # Panics
    /// With the message of [`Array::try_unflatten`]'s error.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]);
    /// assert_eq!(x.unflatten(&[2, 0, 2]), array![[1.0, 2.0], [], [3.0, 4.0]]);
    /// let y = array![[1.0], [], [2.0, 3.0]];
    /// assert_eq!(y.flatten().unflatten(&y.counts()), y);
    /// ```
    pub fn unflatten<C: Counts + ?Sized>(&self, counts: &C) -> Array<T> {
        self.try_unflatten(counts).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every leaf, in order, as one flat array (Awkward's `ak.ravel`); the content is shared.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[[1.0], [2.0, 3.0]], [], [[4.0]]];
    /// assert_eq!(x.ravel(), Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]));
    /// ```
    pub fn ravel(&self) -> Array<T> {
        self.with_structure(Structure::flat(self.structure().content_len()))
    }
}

/// Tangent of `y = x.unflatten(counts)`: the tangent in `y`'s structure.
///
/// # Panics
/// When `dx` does not have `x`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules, Array};
/// let x = Array::from_vec(vec![1.0, 2.0, 3.0]);
/// let y = x.unflatten(&[1, 2]);
/// assert_eq!(rules::unflatten_jvp(&x, &y, &[1, 2], &Array::from_vec(vec![4.0, 5.0, 6.0])),
///            array![[4.0], [5.0, 6.0]]);
/// ```
pub fn unflatten_jvp<T: Float, C: Counts + ?Sized>(
    x: &Array<T>,
    y: &Array<T>,
    _counts: &C,
    dx: &Array<T>,
) -> Array<T> {
    relabel(dx, x, y, "tangent of `unflatten`'s input")
}

/// Cotangent of `x` for `y = x.unflatten(counts)`: the cotangent in `x`'s structure.
///
/// # Panics
/// When `ct` does not have `y`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules, Array};
/// let x = Array::from_vec(vec![1.0, 2.0, 3.0]);
/// let y = x.unflatten(&[1, 2]);
/// assert_eq!(rules::unflatten_vjp(&x, &y, &[1, 2], &array![[4.0], [5.0, 6.0]]),
///            Array::from_vec(vec![4.0, 5.0, 6.0]));
/// ```
pub fn unflatten_vjp<T: Float, C: Counts + ?Sized>(
    x: &Array<T>,
    y: &Array<T>,
    _counts: &C,
    ct: &Array<T>,
) -> Array<T> {
    relabel(ct, y, x, "cotangent of `unflatten`'s output")
}

/// Tangent of `y = x.ravel()`: the tangent's leaves, flat.
///
/// # Panics
/// When `dx` does not have `x`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules, Array};
/// let x = array![[1.0], [], [2.0]];
/// assert_eq!(rules::ravel_jvp(&x, &x.ravel(), &array![[5.0], [], [6.0]]), Array::from_vec(vec![5.0, 6.0]));
/// ```
pub fn ravel_jvp<T: Float>(x: &Array<T>, y: &Array<T>, dx: &Array<T>) -> Array<T> {
    relabel(dx, x, y, "tangent of `ravel`'s input")
}

/// Cotangent of `x` for `y = x.ravel()`: the cotangent cut back into `x`'s lists.
///
/// # Panics
/// When `ct` does not have `y`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules, Array};
/// let x = array![[1.0], [], [2.0]];
/// assert_eq!(rules::ravel_vjp(&x, &x.ravel(), &Array::from_vec(vec![5.0, 6.0])), array![[5.0], [], [6.0]]);
/// ```
pub fn ravel_vjp<T: Float>(x: &Array<T>, y: &Array<T>, ct: &Array<T>) -> Array<T> {
    relabel(ct, y, x, "cotangent of `ravel`'s output")
}

/// `t` (which must have `from`'s structure, else a panic naming `context`) in `to`'s
/// structure: the same leaves in the same order.
fn relabel<T: Float>(t: &Array<T>, from: &Array<T>, to: &Array<T>, context: &str) -> Array<T> {
    t.check_like(from, context)
        .unwrap_or_else(|e| panic!("{e}"));
    t.with_structure(to.structure().clone())
}
