//! Making and unmaking missing values ([`Masked`]), each primitive followed by its JVP and VJP
//! rule: `mask` (`ak.mask`), `pad_none` (`ak.pad_none(x, n, axis=-1, clip=...)`), `firsts`
//! (`ak.firsts(x, axis=-1)`), `fill_none` (`ak.fill_none`), `drop_none`
//! (`ak.drop_none`), and `is_none` (on [`Masked`], not differentiable).
//!
//! A missing entry carries no tangent and receives no cotangent: the tangent of a masked
//! output is masked where the output is, and a cotangent's values at missing entries are never
//! read. So the rules are the selections themselves: `mask` keeps the tangent and masks it,
//! `pad_none` pads it, `firsts` takes its first entries; `fill_none` puts the tangent of the
//! fill value where entries were missing, `drop_none` filters the tangent like the values.
//!
//! ```
//! use awkdiff_core::{array, rules, Array, Masked};
//! let x = array![[50.0, 30.0], [], [20.0]];
//! let leading = x.firsts();
//! let y = leading.fill_none(0.0);
//! assert_eq!(y, Array::from_vec(vec![50.0, 0.0, 20.0]));
//! // d y / d x for the tangent dx: the first tangent of each list, 0 for the empty one.
//! let dx = array![[1.0, 2.0], [], [3.0]];
//! let d_leading = rules::firsts_jvp(&x, &leading, &dx);
//! assert_eq!(rules::fill_none_jvp_lhs(&leading, &0.0, &y, &d_leading), Array::from_vec(vec![1.0, 0.0, 3.0]));
//! // The cotangent goes back to the first entry of each list.
//! let ct = Array::from_vec(vec![10.0, 20.0, 30.0]);
//! let ct_leading = rules::fill_none_vjp_lhs(&leading, &0.0, &y, &ct);
//! assert_eq!(rules::firsts_vjp(&x, &leading, &ct_leading), array![[10.0, 0.0], [], [30.0]]);
//! ```

use std::sync::Arc;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::masked::Masked;
use crate::ops::slice::{filter_jvp, filter_vjp, panic_on_error};
use crate::value::expect_like;

// ---------------------------------------------------------------------------------------
// mask

impl<T: Element> Array<T> {
    /// The array with the entries where `cond` is false missing (Awkward's
    /// `ak.mask(x, cond)`); `cond` must have the array's structure ([`Error::Structure`]
    /// otherwise). The values are shared, not copied.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [3.0]];
    /// assert_eq!(x.try_mask(&x.gt(1.5)).unwrap().to_string(), "[[None, 2], [3]]");
    /// let err = x.try_mask(&array![[true], [true, false]]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "structure mismatch in the condition of `mask`: expected 2 * var * bool, got \
    ///      2 * var * bool: list 0 at dimension 1 has length 2 against 1"
    /// );
    /// ```
    pub fn try_mask(&self, cond: &Array<bool>) -> Result<Masked<T>> {
        if !cond.structure().same_as(self.structure()) {
            return Err(Error::Structure {
                context: "the condition of `mask`".into(),
                expected: self.structure().type_str("bool"),
                found: cond.type_str(),
                detail: format!(": {}", self.structure().first_difference(cond.structure())),
            });
        }
        Ok(Masked::from_parts(self.clone(), cond.clone()))
    }

    /// [`Array::try_mask`], panicking with the error's message: `None` where `cond` is false.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(x.mask(&x.gt(2.0)).to_string(), "[[None, 2.2, 3.3], [], [4.4, 5.5]]");
    /// ```
    pub fn mask(&self, cond: &Array<bool>) -> Masked<T> {
        panic_on_error(self.try_mask(cond))
    }
}

/// JVP of [`Array::mask`]: the tangent, missing where the output is.
///
/// ```
/// use awkdiff_core::{array, rules::mask_jvp};
/// let (x, cond) = (array![[1.0, 2.0], [3.0]], array![[false, true], [true]]);
/// let y = x.mask(&cond);
/// assert_eq!(mask_jvp(&x, &y, &cond, &array![[5.0, 6.0], [7.0]]).to_string(), "[[None, 6], [7]]");
/// ```
#[track_caller]
pub fn mask_jvp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    _cond: &Array<bool>,
    dx: &Array<T>,
) -> Masked<T> {
    expect_like(dx, x, "tangent of `mask`'s input");
    Masked::with_validity(dx.clone(), y)
}

/// VJP of [`Array::mask`]: the cotangent where entries are present, 0 where missing.
///
/// ```
/// use awkdiff_core::{array, rules::mask_vjp};
/// let (x, cond) = (array![[1.0, 2.0], [3.0]], array![[false, true], [true]]);
/// let y = x.mask(&cond);
/// let ct = array![[5.0, 6.0], [7.0]].mask(&cond);
/// assert_eq!(mask_vjp(&x, &y, &cond, &ct), array![[0.0, 6.0], [7.0]]);
/// ```
#[track_caller]
pub fn mask_vjp<T: Float>(
    _x: &Array<T>,
    y: &Masked<T>,
    _cond: &Array<bool>,
    ct: &Masked<T>,
) -> Array<T> {
    ct.expect_like(y, "cotangent of `mask`'s output");
    ct.present_or_zero()
}

// ---------------------------------------------------------------------------------------
// pad_none

/// Where the entries of each innermost list go when padded: the padded lists' offsets, and
/// how many entries of each list are kept (all of them, or the first `n` when clipping).
struct Padding {
    /// The offsets of the innermost lists (of the whole array, for a flat one).
    input: Arc<[i64]>,
    /// The offsets of the padded lists.
    output: Vec<i64>,
}

impl Padding {
    /// The padding of the innermost lists of `structure` to `n` entries (exactly `n` when
    /// `clip`), or [`Error::Invalid`] when the result would not fit in memory.
    fn new(structure: &Structure, n: usize, clip: bool, type_str: &str) -> Result<Self> {
        let input: Arc<[i64]> = match structure.depth() {
            0 => Arc::from(vec![0, structure.content_len() as i64]),
            d => structure.offsets_arc(d - 1).clone(),
        };
        let mut output = Vec::with_capacity(input.len());
        output.push(0i64);
        let mut total: i64 = 0;
        for w in input.windows(2) {
            let len = (w[1] - w[0]) as usize;
            let padded = if clip { n } else { len.max(n) };
            total = i64::try_from(padded)
                .ok()
                .and_then(|p| total.checked_add(p))
                .ok_or_else(|| too_large(input.len() - 1, n, type_str))?;
            output.push(total);
        }
        Ok(Padding { input, output })
    }

    /// The structure of the padded array: `structure`'s outer lists, the padded innermost.
    fn structure(&self, structure: &Structure) -> Structure {
        let total = self.output[self.output.len() - 1] as usize;
        match structure.depth() {
            0 => Structure::flat(total),
            d => {
                let mut levels = structure.levels()[..d - 1].to_vec();
                levels.push(Arc::from(self.output.clone()));
                Structure::from_levels_unchecked(levels, total)
            }
        }
    }

    /// For each list: where its entries start in the input and in the output, and how many
    /// are kept.
    fn lists(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.input
            .windows(2)
            .zip(self.output.windows(2))
            .map(|(i, o)| {
                let kept = ((i[1] - i[0]).min(o[1] - o[0])) as usize;
                (i[0] as usize, o[0] as usize, kept)
            })
    }

    /// The padded values of `content` (`fill` in the padding) and, when `valid`, whether
    /// each output entry is an input entry.
    fn pad<T: Copy>(&self, content: &[T], fill: T, valid: bool) -> Result<(Vec<T>, Vec<bool>)> {
        let total = self.output[self.output.len() - 1] as usize;
        let lists = self.input.len() - 1;
        let mut values = Vec::new();
        values
            .try_reserve_exact(total)
            .map_err(|_| too_large_bytes(lists, total))?;
        let mut validity = Vec::new();
        if valid {
            validity
                .try_reserve_exact(total)
                .map_err(|_| too_large_bytes(lists, total))?;
        }
        for ((start, out, kept), w) in self.lists().zip(self.output.windows(2)) {
            let padded = (w[1] - w[0]) as usize;
            debug_assert_eq!(values.len(), out);
            values.extend_from_slice(&content[start..start + kept]);
            values.resize(out + padded, fill);
            if valid {
                validity.resize(out + kept, true);
                validity.resize(out + padded, false);
            }
        }
        Ok((values, validity))
    }
}

fn too_large(lists: usize, n: usize, type_str: &str) -> Error {
    Error::Invalid {
        op: "pad_none".into(),
        reason: format!(
            "padding the {lists} innermost lists of an array of type {type_str} to {n} \
             entries each needs more than 2^63 entries"
        ),
    }
}

fn too_large_bytes(lists: usize, total: usize) -> Error {
    Error::Invalid {
        op: "pad_none".into(),
        reason: format!("padding {lists} lists needs {total} entries, more than can be allocated"),
    }
}

impl<T: Element> Array<T> {
    /// The innermost lists (the whole array, for a flat one) padded with missing entries to
    /// at least `n` entries, or to exactly `n` when `clip` (longer lists are cut): Awkward's
    /// `ak.pad_none(x, n, axis=-1, clip=clip)`. [`Error::Invalid`] when the result would not
    /// fit in memory.
    ///
    /// Awkward types a clipped result `3 * 2 * ?float64` (a regular dimension); awkdiff has
    /// `var` dimensions only, so it is `3 * var * ?float64` with every list of length `n`.
    ///
    /// ```
    /// use awkdiff_core::{array, Error};
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(x.try_pad_none(2, false).unwrap().to_string(), "[[1.1, 2.2, 3.3], [None, None], [4.4, 5.5]]");
    /// assert_eq!(x.try_pad_none(2, true).unwrap().to_string(), "[[1.1, 2.2], [None, None], [4.4, 5.5]]");
    /// let err = x.try_pad_none(usize::MAX, true).unwrap_err();
    /// assert!(matches!(err, Error::Invalid { .. }));
    /// ```
    pub fn try_pad_none(&self, n: usize, clip: bool) -> Result<Masked<T>> {
        let padding = Padding::new(self.structure(), n, clip, &self.type_str())?;
        let (values, valid) = padding.pad(self.content(), T::default(), true)?;
        let structure = padding.structure(self.structure());
        let values = Array::from_parts_unchecked(structure.clone(), values);
        let valid = Array::from_parts_unchecked(structure, valid);
        Ok(Masked::from_parts(values, valid))
    }

    /// [`Array::try_pad_none`], panicking with the error's message.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0], [], [2.0, 3.0, 4.0]];
    /// // A fixed-size input of 2 per list, zero-padded.
    /// assert_eq!(x.pad_none(2, true).fill_none(0.0), array![[1.0, 0.0], [0.0, 0.0], [2.0, 3.0]]);
    /// assert_eq!(Array::from_vec(vec![1.0]).pad_none(3, false).to_string(), "[1, None, None]");
    /// ```
    pub fn pad_none(&self, n: usize, clip: bool) -> Masked<T> {
        panic_on_error(self.try_pad_none(n, clip))
    }
}

/// JVP of [`Array::pad_none`]: the tangent padded the same way.
///
/// ```
/// use awkdiff_core::{array, rules::pad_none_jvp};
/// let x = array![[1.0, 2.0, 3.0], []];
/// let y = x.pad_none(2, true);
/// assert_eq!(pad_none_jvp(&x, &y, 2, true, &array![[4.0, 5.0, 6.0], []]).to_string(), "[[4, 5], [None, None]]");
/// ```
#[track_caller]
pub fn pad_none_jvp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    n: usize,
    clip: bool,
    dx: &Array<T>,
) -> Masked<T> {
    expect_like(dx, x, "tangent of `pad_none`'s input");
    let padding = panic_on_error(Padding::new(x.structure(), n, clip, &x.type_str()));
    let (values, _) = panic_on_error(padding.pad(dx.content(), T::zero(), false));
    Masked::with_validity(y.values().with_content(values), y)
}

/// VJP of [`Array::pad_none`]: the cotangent of each kept entry back to it; entries cut by
/// `clip` get 0.
///
/// ```
/// use awkdiff_core::{array, rules::pad_none_vjp};
/// let x = array![[1.0, 2.0, 3.0], []];
/// let y = x.pad_none(2, true);
/// let ct = array![[4.0, 5.0], [6.0, 7.0]].mask(y.validity());
/// assert_eq!(pad_none_vjp(&x, &y, 2, true, &ct), array![[4.0, 5.0, 0.0], []]);
/// ```
#[track_caller]
pub fn pad_none_vjp<T: Float>(
    x: &Array<T>,
    y: &Masked<T>,
    n: usize,
    clip: bool,
    ct: &Masked<T>,
) -> Array<T> {
    ct.expect_like(y, "cotangent of `pad_none`'s output");
    let padding = panic_on_error(Padding::new(x.structure(), n, clip, &x.type_str()));
    let ct = ct.values().content();
    let mut out = vec![T::zero(); x.content().len()];
    for (start, at, kept) in padding.lists() {
        out[start..start + kept].copy_from_slice(&ct[at..at + kept]);
    }
    x.with_content(out)
}

// ---------------------------------------------------------------------------------------
// firsts

/// The innermost offsets of `structure` (the whole array as one list, for a flat one) and
/// the structure of one entry per innermost list.
fn innermost_lists(structure: &Structure) -> (Arc<[i64]>, Structure) {
    match structure.depth() {
        0 => (
            Arc::from(vec![0, structure.content_len() as i64]),
            Structure::flat(1),
        ),
        d => (
            structure.offsets_arc(d - 1).clone(),
            Structure::from_levels_unchecked(
                structure.levels()[..d - 1].to_vec(),
                structure.level_len(d - 1),
            ),
        ),
    }
}

impl<T: Element> Array<T> {
    /// The first entry of every innermost list, missing for an empty list: Awkward's
    /// `ak.firsts(x, axis=-1)`. One dimension fewer; a flat array is one list, so it gives a
    /// 1-element array (Awkward gives the scalar, as the reducers do).
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let pt = array![[50.0, 30.0], [], [20.0]];
    /// assert_eq!(pt.firsts().to_string(), "[50, None, 20]");
    /// assert_eq!(array![[[1.0, 2.0], []], [], [[3.0]]].firsts().to_string(), "[[1, None], [], [3]]");
    /// assert_eq!(Array::<f64>::from_vec(vec![]).firsts().to_string(), "[None]");
    /// ```
    pub fn firsts(&self) -> Masked<T> {
        let (offsets, structure) = innermost_lists(self.structure());
        let content = self.content();
        let (values, valid): (Vec<T>, Vec<bool>) = offsets
            .windows(2)
            .map(|w| {
                if w[1] > w[0] {
                    (content[w[0] as usize], true)
                } else {
                    (T::default(), false)
                }
            })
            .unzip();
        Masked::from_parts(
            Array::from_parts_unchecked(structure.clone(), values),
            Array::from_parts_unchecked(structure, valid),
        )
    }
}

/// JVP of [`Array::firsts`]: the first tangent of every list, missing for an empty list.
///
/// ```
/// use awkdiff_core::{array, rules::firsts_jvp};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// assert_eq!(firsts_jvp(&x, &x.firsts(), &array![[4.0, 5.0], [], [6.0]]).to_string(), "[4, None, 6]");
/// ```
#[track_caller]
pub fn firsts_jvp<T: Float>(x: &Array<T>, y: &Masked<T>, dx: &Array<T>) -> Masked<T> {
    expect_like(dx, x, "tangent of `firsts`'s input");
    let (offsets, _) = innermost_lists(x.structure());
    let dx = dx.content();
    let values = offsets
        .windows(2)
        .map(|w| {
            if w[1] > w[0] {
                dx[w[0] as usize]
            } else {
                T::zero()
            }
        })
        .collect();
    Masked::with_validity(y.values().with_content(values), y)
}

/// VJP of [`Array::firsts`]: the cotangent of each list's first entry back to it, 0 for the
/// other entries.
///
/// ```
/// use awkdiff_core::{array, rules::firsts_vjp, Array};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// let y = x.firsts();
/// let ct = Array::from_vec(vec![7.0, 8.0, 9.0]).mask(y.validity());
/// assert_eq!(firsts_vjp(&x, &y, &ct), array![[7.0, 0.0], [], [9.0]]);
/// ```
#[track_caller]
pub fn firsts_vjp<T: Float>(x: &Array<T>, y: &Masked<T>, ct: &Masked<T>) -> Array<T> {
    ct.expect_like(y, "cotangent of `firsts`'s output");
    let (offsets, _) = innermost_lists(x.structure());
    let ct = ct.values().content();
    let mut out = vec![T::zero(); x.content().len()];
    for (w, &c) in offsets.windows(2).zip(ct) {
        if w[1] > w[0] {
            out[w[0] as usize] = c;
        }
    }
    x.with_content(out)
}

// ---------------------------------------------------------------------------------------
// fill_none

impl<T: Element> Masked<T> {
    /// The values, `value` at the missing entries: Awkward's `ak.fill_none(x, value)`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0], [], [3.0]].pad_none(2, true);
    /// assert_eq!(x.fill_none(-1.0), array![[1.0, 2.0], [-1.0, -1.0], [3.0, -1.0]]);
    /// ```
    pub fn fill_none(&self, value: T) -> Array<T> {
        self.present_or(value)
    }
}

/// JVP of [`Masked::fill_none`] for the masked array: its tangent where present, 0 where
/// filled.
///
/// ```
/// use awkdiff_core::{array, rules::fill_none_jvp_lhs};
/// let a = array![[1.0, 2.0], []].pad_none(2, true);
/// let y = a.fill_none(0.0);
/// let da = array![[5.0, 6.0], [7.0, 8.0]].mask(a.validity());
/// assert_eq!(fill_none_jvp_lhs(&a, &0.0, &y, &da), array![[5.0, 6.0], [0.0, 0.0]]);
/// ```
#[track_caller]
pub fn fill_none_jvp_lhs<T: Float>(
    a: &Masked<T>,
    _b: &T,
    _y: &Array<T>,
    da: &Masked<T>,
) -> Array<T> {
    da.expect_like(a, "tangent of `fill_none`'s masked array");
    da.present_or_zero()
}

/// JVP of [`Masked::fill_none`] for the fill value: its tangent where entries were missing.
///
/// ```
/// use awkdiff_core::{array, rules::fill_none_jvp_rhs};
/// let a = array![[1.0, 2.0], []].pad_none(2, true);
/// let y = a.fill_none(0.0);
/// assert_eq!(fill_none_jvp_rhs(&a, &0.0, &y, &3.0), array![[0.0, 0.0], [3.0, 3.0]]);
/// ```
pub fn fill_none_jvp_rhs<T: Float>(a: &Masked<T>, _b: &T, _y: &Array<T>, db: &T) -> Array<T> {
    let db = *db;
    let valid = a.validity().content();
    a.values().with_content(
        valid
            .iter()
            .map(|&ok| if ok { T::zero() } else { db })
            .collect(),
    )
}

/// VJP of [`Masked::fill_none`] for the masked array: the cotangent at the present entries
/// (the missing ones receive none).
///
/// ```
/// use awkdiff_core::{array, rules::fill_none_vjp_lhs};
/// let a = array![[1.0, 2.0], []].pad_none(2, true);
/// let y = a.fill_none(0.0);
/// let ct = fill_none_vjp_lhs(&a, &0.0, &y, &array![[5.0, 6.0], [7.0, 8.0]]);
/// assert_eq!(ct.to_string(), "[[5, 6], [None, None]]");
/// ```
#[track_caller]
pub fn fill_none_vjp_lhs<T: Float>(
    a: &Masked<T>,
    _b: &T,
    y: &Array<T>,
    ct: &Array<T>,
) -> Masked<T> {
    expect_like(ct, y, "cotangent of `fill_none`'s output");
    Masked::with_validity(ct.clone(), a)
}

/// VJP of [`Masked::fill_none`] for the fill value: the sum of the cotangent where entries
/// were missing.
///
/// ```
/// use awkdiff_core::{array, rules::fill_none_vjp_rhs};
/// let a = array![[1.0, 2.0], []].pad_none(2, true);
/// let y = a.fill_none(0.0);
/// assert_eq!(fill_none_vjp_rhs(&a, &0.0, &y, &array![[5.0, 6.0], [7.0, 8.0]]), 15.0);
/// ```
#[track_caller]
pub fn fill_none_vjp_rhs<T: Float>(a: &Masked<T>, _b: &T, y: &Array<T>, ct: &Array<T>) -> T {
    expect_like(ct, y, "cotangent of `fill_none`'s output");
    ct.content()
        .iter()
        .zip(a.validity().content())
        .filter(|&(_, &ok)| !ok)
        .map(|(&c, _)| c)
        .sum()
}

// ---------------------------------------------------------------------------------------
// drop_none

impl<T: Element> Masked<T> {
    /// The present entries, the missing ones removed from their lists: Awkward's
    /// `ak.drop_none(x)` (for missing values under lists, `axis=-1`).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(x.mask(&x.gt(2.0)).drop_none(), array![[2.2, 3.3], [], [4.4, 5.5]]);
    /// ```
    pub fn drop_none(&self) -> Array<T> {
        self.values().filter(self.validity())
    }
}

/// JVP of [`Masked::drop_none`]: the present entries of the tangent.
///
/// ```
/// use awkdiff_core::{array, rules::drop_none_jvp};
/// let x = array![[1.0, 2.0], [3.0]].mask(&array![[false, true], [true]]);
/// let dx = array![[4.0, 5.0], [6.0]].mask(x.validity());
/// assert_eq!(drop_none_jvp(&x, &x.drop_none(), &dx), array![[5.0], [6.0]]);
/// ```
#[track_caller]
pub fn drop_none_jvp<T: Float>(x: &Masked<T>, y: &Array<T>, dx: &Masked<T>) -> Array<T> {
    dx.expect_like(x, "tangent of `drop_none`'s input");
    filter_jvp(x.values(), y, x.validity(), dx.values())
}

/// VJP of [`Masked::drop_none`]: the cotangent back at the present entries.
///
/// ```
/// use awkdiff_core::{array, rules::drop_none_vjp};
/// let x = array![[1.0, 2.0], [3.0]].mask(&array![[false, true], [true]]);
/// let ct = drop_none_vjp(&x, &x.drop_none(), &array![[5.0], [6.0]]);
/// assert_eq!(ct.to_string(), "[[None, 5], [6]]");
/// ```
#[track_caller]
pub fn drop_none_vjp<T: Float>(x: &Masked<T>, y: &Array<T>, ct: &Array<T>) -> Masked<T> {
    expect_like(ct, y, "cotangent of `drop_none`'s output");
    Masked::with_validity(filter_vjp(x.values(), y, x.validity(), ct), x)
}
