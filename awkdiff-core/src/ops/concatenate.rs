//! [`concatenate`]: arrays joined along an axis (Awkward's `ak.concatenate`), with its JVP
//! (the tangents joined the same way) and VJP (the cotangent cut back into one piece per
//! operand).
//!
//! At axis 0 the arrays follow each other; at axis `k >= 1` their outer `k` dimensions must
//! agree, and list `i` of dimension `k` of the result is list `i` of the first array, then
//! list `i` of the second, and so on (`axis=1` of two 2-d arrays joins list `i` of `a` with
//! list `i` of `b`). Everything below the axis is kept whole. Each operand's values keep
//! their order in the result, so the result is a sequence of pieces, each a contiguous range
//! of one operand's content, computed once in a pass over the offsets.

use std::ops::Range;
use std::sync::Arc;

use crate::element::{Element, Float};
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::ops::selection::prefix;
use crate::value::Value;

/// The result's structure and, in output order, the content ranges of the operands it
/// copies: `(operand, range of its content)`.
struct Pieces {
    structure: Structure,
    pieces: Vec<(usize, Range<usize>)>,
}

impl Pieces {
    /// The result's content from the operands' contents.
    fn gather<T: Copy>(&self, contents: &[&[T]]) -> Vec<T> {
        let mut out = Vec::with_capacity(self.structure.content_len());
        for (operand, range) in &self.pieces {
            out.extend_from_slice(&contents[*operand][range.clone()]);
        }
        out
    }

    /// The result's pieces that came from `operand`, in order: all of its content.
    fn of<T: Copy>(&self, operand: usize, values: &[T], len: usize) -> Vec<T> {
        let mut out = Vec::with_capacity(len);
        let mut at = 0;
        for (from, range) in &self.pieces {
            if *from == operand {
                out.extend_from_slice(&values[at..at + range.len()]);
            }
            at += range.len();
        }
        out
    }
}

/// Resolves `axis` (negative from the innermost) for arrays of `ndim` dimensions.
fn resolve(axis: isize, first: &str, ndim: usize) -> Result<usize> {
    let k = if axis < 0 { axis + ndim as isize } else { axis };
    if (0..ndim as isize).contains(&k) {
        Ok(k as usize)
    } else {
        Err(Error::Axis {
            axis,
            type_str: first.to_string(),
            ndim,
        })
    }
}

/// The pieces of the concatenation of `arrays` (structures and types) along `axis`.
fn pieces(arrays: &[(&Structure, String)], axis: isize) -> Result<Pieces> {
    let Some((first, first_type)) = arrays.first() else {
        return Err(Error::Invalid {
            op: "concatenate".into(),
            reason: "there is no array to join (give at least one)".into(),
        });
    };
    let k = resolve(axis, first_type, first.ndim())?;
    for (j, (s, type_str)) in arrays.iter().enumerate().skip(1) {
        if s.ndim() != first.ndim() {
            return Err(Error::Structure {
                context: format!("array {j} of `concatenate`"),
                expected: format!("{} dimensions, as array 0 ({first_type})", first.ndim()),
                found: type_str.clone(),
                detail: String::new(),
            });
        }
        if k == 0 {
            continue;
        }
        let (outer, theirs) = (prefix(first, k - 1), prefix(s, k - 1));
        if !outer.same_as(&theirs) {
            return Err(Error::Structure {
                context: format!("array {j} of `concatenate` at axis {axis}"),
                expected: format!("the outer {k} dimensions of array 0 ({first_type})"),
                found: type_str.clone(),
                detail: format!(": {}", outer.first_difference(&theirs)),
            });
        }
    }
    let depth = first.depth();
    let mut levels: Vec<Arc<[i64]>> = first.levels()[..k.saturating_sub(1)].to_vec();
    // The items of level `k` that the result takes, in output order.
    let mut pieces: Vec<(usize, Range<usize>)> = if k == 0 {
        (0..arrays.len())
            .map(|j| (j, 0..arrays[j].0.len()))
            .collect()
    } else {
        let lists = first.level_len(k - 1);
        let mut pieces = Vec::with_capacity(lists * arrays.len());
        let mut offsets = Vec::with_capacity(lists + 1);
        offsets.push(0i64);
        let mut count = 0i64;
        for i in 0..lists {
            for (j, (s, _)) in arrays.iter().enumerate() {
                let o = s.offsets(k - 1);
                let (lo, hi) = (o[i] as usize, o[i + 1] as usize);
                count += (hi - lo) as i64;
                if hi > lo {
                    pieces.push((j, lo..hi));
                }
            }
            offsets.push(count);
        }
        levels.push(Arc::from(offsets));
        pieces
    };
    // Every level below: the lists of the pieces, in order, and the items they hold.
    for level in k..depth {
        let n = pieces.iter().map(|(_, r)| r.len()).sum::<usize>();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0i64);
        let mut count = 0i64;
        for (j, range) in &mut pieces {
            let o = arrays[*j].0.offsets(level);
            let base = o[range.start];
            offsets.extend(
                o[range.start + 1..=range.end]
                    .iter()
                    .map(|&e| e - base + count),
            );
            count += o[range.end] - base;
            *range = base as usize..o[range.end] as usize;
        }
        levels.push(Arc::from(offsets));
    }
    let content_len = pieces.iter().map(|(_, r)| r.len()).sum();
    Ok(Pieces {
        structure: Structure::from_levels_unchecked(levels, content_len),
        pieces,
    })
}

/// The pieces for arrays (rules: the primal accepted them already).
fn pieces_of<T: Element>(arrays: &[&Array<T>], axis: isize) -> Pieces {
    let described: Vec<(&Structure, String)> = arrays
        .iter()
        .map(|a| (a.structure(), a.type_str()))
        .collect();
    pieces(&described, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// The arrays joined along `axis`, or an error: no array (`Error::Invalid`), an axis out of
/// range (`Error::Axis`), arrays of different dimensions or whose outer dimensions (above
/// the axis) differ (`Error::Structure`, naming the array and the first list that differs).
///
/// ```
/// use awkdiff_core::{array, try_concatenate};
/// let (a, b) = (array![[1.0, 2.0], [], [3.0]], array![[10.0], [20.0, 30.0]]);
/// assert_eq!(
///     try_concatenate(&[&a, &b], 1).unwrap_err().to_string(),
///     "structure mismatch in array 1 of `concatenate` at axis 1: expected the outer 1 \
///      dimensions of array 0 (3 * var * float64), got 2 * var * float64: lengths 3 and 2 differ"
/// );
/// ```
pub fn try_concatenate<T: Element>(arrays: &[&Array<T>], axis: isize) -> Result<Array<T>> {
    let described: Vec<(&Structure, String)> = arrays
        .iter()
        .map(|a| (a.structure(), a.type_str()))
        .collect();
    let pieces = pieces(&described, axis)?;
    if let [only] = arrays {
        return Ok((*only).clone());
    }
    let contents: Vec<&[T]> = arrays.iter().map(|a| a.content()).collect();
    let values = pieces.gather(&contents);
    Ok(Array::from_parts_unchecked(pieces.structure, values))
}

/// The arrays joined along `axis` (Awkward's `ak.concatenate(arrays, axis)`): at axis 0 one
/// after the other; at an inner axis, list by list (the outer dimensions must agree).
///
/// # Panics
/// With the message of [`try_concatenate`]'s error.
///
/// ```
/// use awkdiff_core::{array, concatenate};
/// let (a, b) = (array![[1.0, 2.0], [], [3.0]], array![[10.0], [20.0, 30.0], []]);
/// assert_eq!(concatenate(&[&a, &b], 0), array![[1.0, 2.0], [], [3.0], [10.0], [20.0, 30.0], []]);
/// assert_eq!(concatenate(&[&a, &b], 1), array![[1.0, 2.0, 10.0], [20.0, 30.0], [3.0]]);
/// ```
pub fn concatenate<T: Element>(arrays: &[&Array<T>], axis: isize) -> Array<T> {
    try_concatenate(arrays, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// Tangent of `y = concatenate(xs, axis)`: the tangents joined the same way; `None` stands
/// for the zero tangent of an operand that is not differentiated.
///
/// # Panics
/// When a tangent does not have its operand's structure, or the operands do not join.
///
/// ```
/// use awkdiff_core::{array, concatenate, rules};
/// let (a, b) = (array![[1.0, 2.0], [], [3.0]], array![[10.0], [20.0, 30.0], []]);
/// let y = concatenate(&[&a, &b], 1);
/// let da = array![[0.5, 0.5], [], [0.5]];
/// assert_eq!(rules::concatenate_jvp(&[&a, &b], &y, 1, &[Some(&da), None]),
///            array![[0.5, 0.5, 0.0], [0.0, 0.0], [0.5]]);
/// ```
pub fn concatenate_jvp<T: Float>(
    xs: &[&Array<T>],
    _y: &Array<T>,
    axis: isize,
    dxs: &[Option<&Array<T>>],
) -> Array<T> {
    assert_eq!(
        xs.len(),
        dxs.len(),
        "concatenate_jvp: one tangent (or None) per operand"
    );
    let zeros: Vec<Option<Array<T>>> = xs
        .iter()
        .zip(dxs)
        .enumerate()
        .map(|(j, (x, dx))| match dx {
            Some(dx) => {
                let context = format!("tangent of array {j} of `concatenate`");
                dx.check_like(x, &context).unwrap_or_else(|e| panic!("{e}"));
                None
            }
            None => Some(x.zeros_like()),
        })
        .collect();
    let tangents: Vec<&Array<T>> = dxs
        .iter()
        .zip(&zeros)
        .map(|(dx, zero)| dx.or(zero.as_ref()).expect("a tangent or zeros"))
        .collect();
    let pieces = pieces_of(xs, axis);
    let contents: Vec<&[T]> = tangents.iter().map(|a| a.content()).collect();
    Array::from_parts_unchecked(pieces.structure.clone(), pieces.gather(&contents))
}

/// Cotangent of operand `which` of `y = concatenate(xs, axis)`: its piece of `ct`, in its
/// structure.
///
/// # Panics
/// When `ct` does not have `y`'s structure, `which` is not an operand, or the operands do not
/// join.
///
/// ```
/// use awkdiff_core::{array, concatenate, rules};
/// let (a, b) = (array![[1.0, 2.0], [], [3.0]], array![[10.0], [20.0, 30.0], []]);
/// let y = concatenate(&[&a, &b], 1);
/// let ct = array![[1.0, 2.0, 3.0], [4.0, 5.0], [6.0]];
/// assert_eq!(rules::concatenate_vjp(&[&a, &b], &y, 1, 0, &ct), array![[1.0, 2.0], [], [6.0]]);
/// assert_eq!(rules::concatenate_vjp(&[&a, &b], &y, 1, 1, &ct), array![[3.0], [4.0, 5.0], []]);
/// ```
pub fn concatenate_vjp<T: Float>(
    xs: &[&Array<T>],
    y: &Array<T>,
    axis: isize,
    which: usize,
    ct: &Array<T>,
) -> Array<T> {
    ct.check_like(y, "cotangent of `concatenate`'s output")
        .unwrap_or_else(|e| panic!("{e}"));
    let x = xs[which];
    if xs.len() == 1 {
        return ct.with_structure(x.structure().clone());
    }
    let pieces = pieces_of(xs, axis);
    let len = x.structure().content_len();
    x.with_content(pieces.of(which, ct.content(), len))
}
