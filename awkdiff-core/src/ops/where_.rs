//! `where_(cond, a, b)`: Awkward's `ak.where`, the value of `a` where the mask `cond` is true
//! and of `b` elsewhere, with its JVP and VJP rules. Differentiable in `a` and `b`; `cond` is
//! a constant.
//!
//! **Broadcasting.** `a` and `b` are arrays or scalars ([`Branch`]); each array branch must
//! have `cond`'s structure or its outer levels (Awkward's rule for a lower-depth operand), and
//! the result has `cond`'s structure. A branch *deeper* than `cond` is an
//! [`Error::Broadcast`]: there `ak.where` picks whole lists (or mixes lists and numbers in a
//! union), which awkdiff does not do.
//!
//! **Derivatives.** The rules *select* (they never multiply by a 0/1 mask): the tangent of
//! the result is `da` where `cond` holds and `db` elsewhere, and the cotangent of the branch
//! not taken is exactly 0, so an infinite or NaN value or cotangent at a position never
//! leaks into the other branch's derivative. As in JAX, a zero cotangent can still become NaN
//! *inside* the branch not taken, when that branch's own derivative is infinite or NaN there:
//! `where_(&x.gt(0.0), &x.sqrt(), 0.0)` has gradient NaN at `x <= 0` in reverse mode (0 times
//! `sqrt`'s slope, infinite at 0 and NaN below), and 0 in forward mode. The cure is JAX's: keep
//! the branch finite where it is not taken, `x.maximum(tiny).sqrt()` or a second `where_`
//! on its input.
//!
//! ```
//! use awkdiff_core::{array, rules, where_, Array};
//! let x = array![[-1.0, 4.0], [], [9.0]];
//! let positive = x.gt(0.0);
//! let y = where_(&positive, &x, 0.0); // ReLU
//! assert_eq!(y, array![[0.0, 4.0], [], [9.0]]);
//! let ct = array![[1.0, 1.0], [], [1.0]];
//! assert_eq!(rules::where_vjp_lhs(&x, &0.0, &y, &positive, &ct), array![[0.0, 1.0], [], [1.0]]);
//! assert_eq!(rules::where_vjp_rhs(&x, &0.0, &y, &positive, &ct), 1.0);
//! ```

use crate::broadcast::broadcast_to;
use crate::element::Float;
use crate::error::{Error, Result};
use crate::kernels;
use crate::layout::Array;
use crate::value::Value;

use super::elementwise::or_panic;

/// A branch of [`where_`] as it is passed: an array (`&Array<T>` or `Array<T>`) or a scalar
/// (`T` or `&T`). A scalar goes everywhere; an array is broadcast to the condition's structure.
///
/// ```
/// use awkdiff_core::{array, where_};
/// let mask = array![[true, false], [false]];
/// let a = array![[1.0, 2.0], [3.0]];
/// assert_eq!(where_(&mask, &a, -1.0), array![[1.0, -1.0], [-1.0]]);
/// assert_eq!(where_(&mask, 0.5, a), array![[0.5, 2.0], [3.0]]);
/// ```
pub trait Branch<T: Float> {
    /// The branch as the kernels read it.
    #[doc(hidden)]
    fn side(&self) -> Side<'_, T>;
}

/// A branch of [`where_`] as the kernels read it: an array or a scalar.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Side<'a, T: Float> {
    Array(&'a Array<T>),
    Scalar(T),
}

impl<T: Float> Branch<T> for T {
    fn side(&self) -> Side<'_, T> {
        Side::Scalar(*self)
    }
}

impl<T: Float> Branch<T> for &T {
    fn side(&self) -> Side<'_, T> {
        Side::Scalar(**self)
    }
}

impl<T: Float> Branch<T> for Array<T> {
    fn side(&self) -> Side<'_, T> {
        Side::Array(self)
    }
}

impl<T: Float> Branch<T> for &Array<T> {
    fn side(&self) -> Side<'_, T> {
        Side::Array(self)
    }
}

/// A branch of [`where_`] as its derivative rules take it (an `Array<T>` or a scalar `T`):
/// a value whose cotangent is the result's cotangent summed back to its structure.
///
/// ```
/// use awkdiff_core::{array, Array, BranchValue};
/// let ct = array![[1.0, 2.0], [4.0]];
/// assert_eq!(f64::sum_back(&ct, &0.0), 7.0);
/// assert_eq!(Array::sum_back(&ct, &Array::from_vec(vec![0.0, 0.0])), Array::from_vec(vec![3.0, 4.0]));
/// ```
pub trait BranchValue<T: Float>: Branch<T> + Value<Elem = T> {
    /// `ct` (of the result's structure) summed back to the structure of `like`: the total
    /// for a scalar, per-entry sums for a lower-depth array, `ct` itself for an array of the
    /// result's structure.
    fn sum_back(ct: &Array<T>, like: &Self) -> Self;
}

impl<T: Float> BranchValue<T> for T {
    fn sum_back(ct: &Array<T>, _like: &T) -> T {
        ct.content().iter().fold(T::zero(), |acc, &v| acc + v)
    }
}

impl<T: Float> BranchValue<T> for Array<T> {
    fn sum_back(ct: &Array<T>, like: &Array<T>) -> Array<T> {
        crate::broadcast::sum_onto(ct, like)
    }
}

/// One branch's leaves on the result's structure.
enum Leaves<T: Float> {
    Array(Array<T>),
    Scalar(T),
}

/// `side` on the structure of `cond`, or the broadcasting error of `where_`.
fn leaves_on<T: Float>(cond: &Array<bool>, side: Side<'_, T>) -> Result<Leaves<T>> {
    match side {
        Side::Scalar(v) => Ok(Leaves::Scalar(v)),
        Side::Array(x) => {
            let error = |reason: String| Error::Broadcast {
                op: "where_".to_string(),
                lhs: cond.type_str(),
                rhs: x.type_str(),
                reason,
            };
            if x.structure().depth() > cond.structure().depth() {
                return Err(error(format!(
                    "the condition has depth {} and a branch depth {}: ak.where picks whole lists \
                     there, which awkdiff does not do; give the condition the branch's structure",
                    cond.ndim(),
                    x.ndim()
                )));
            }
            broadcast_to(cond.structure(), x)
                .map(Leaves::Array)
                .map_err(error)
        }
    }
}

/// `if cond[i] { a[i] } else { b[i] }` over the leaves of `cond`, the branches broadcast to
/// its structure: the kernel of the value and of every rule.
fn select<T: Float>(cond: &Array<bool>, a: Side<'_, T>, b: Side<'_, T>) -> Result<Array<T>> {
    let (a, b) = (leaves_on(cond, a)?, leaves_on(cond, b)?);
    let mask = cond.content();
    let out: Vec<T> = match (&a, &b) {
        (Leaves::Array(a), Leaves::Array(b)) => choose(mask, a.content(), b.content()),
        (Leaves::Array(a), Leaves::Scalar(b)) => choose(mask, a.content(), Repeat(*b)),
        (Leaves::Scalar(a), Leaves::Array(b)) => choose(mask, Repeat(*a), b.content()),
        (Leaves::Scalar(a), Leaves::Scalar(b)) => choose(mask, Repeat(*a), Repeat(*b)),
    };
    Ok(Array::from_parts_unchecked(cond.structure().clone(), out))
}

/// A scalar read at every position.
#[derive(Clone, Copy)]
struct Repeat<T>(T);

/// Values read by position: a slice, or one value everywhere.
trait At<T> {
    fn at(&self, i: usize) -> T;
}

impl<T: Copy> At<T> for &[T] {
    #[inline(always)]
    fn at(&self, i: usize) -> T {
        self[i]
    }
}

impl<T: Copy> At<T> for Repeat<T> {
    #[inline(always)]
    fn at(&self, _: usize) -> T {
        self.0
    }
}

/// One pass (in chunks on threads when large, as every kernel): `a` where `mask` is true,
/// else `b`.
fn choose<T: Float>(mask: &[bool], a: impl At<T> + Sync, b: impl At<T> + Sync) -> Vec<T> {
    let len = mask.len();
    kernels::collect_chunks(
        len,
        kernels::chunk_for(len),
        &|_: usize, range: std::ops::Range<usize>, out: &mut [T]| {
            for (o, i) in out.iter_mut().zip(range) {
                *o = if mask[i] { a.at(i) } else { b.at(i) };
            }
        },
    )
}

/// `a` where `cond` is true, `b` elsewhere (Awkward's `ak.where(cond, a, b)`): `a` and `b`
/// are arrays (`&x`) or scalars, broadcast to `cond`'s structure (see the module docs);
/// `Error::Broadcast` when one does not fit. Differentiable in `a` and `b` inside
/// `#[differentiable]`.
///
/// ```
/// use awkdiff_core::{array, try_where_, Array};
/// let x = array![[1.0, -2.0], [], [3.0]];
/// let per_list = Array::from_vec(vec![10.0, 20.0, 30.0]);
/// // The depth-1 branch is repeated over each list of the condition.
/// assert_eq!(try_where_(&x.gt(0.0), &x, &per_list).unwrap(), array![[1.0, 10.0], [], [3.0]]);
/// let err = try_where_(&per_list.gt(0.0), &x, 0.0).unwrap_err();
/// assert!(err.to_string().contains("ak.where picks whole lists"));
/// ```
pub fn try_where_<T: Float>(
    cond: &Array<bool>,
    a: impl Branch<T>,
    b: impl Branch<T>,
) -> Result<Array<T>> {
    select(cond, a.side(), b.side())
}

/// [`try_where_`] that panics with the broadcasting error: `a` where `cond` is true, `b`
/// elsewhere (`ak.where`).
///
/// ```
/// use awkdiff_core::{array, where_};
/// let x = array![[1.0, -2.0], [], [3.0]];
/// assert_eq!(where_(&x.gt(0.0), &x, 0.0), array![[1.0, 0.0], [], [3.0]]);
/// assert_eq!(where_(&x.lt(0.0), 1.0, -1.0), array![[-1.0, 1.0], [], [-1.0]]);
/// ```
#[track_caller]
pub fn where_<T: Float>(cond: &Array<bool>, a: impl Branch<T>, b: impl Branch<T>) -> Array<T> {
    or_panic(try_where_(cond, a, b))
}

impl Array<bool> {
    /// `a` where this mask is true, `b` elsewhere: [`where_`]`(self, a, b)`.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, -2.0], [], [3.0]];
    /// assert_eq!(x.gt(0.0).where_(&x, 0.0), array![[1.0, 0.0], [], [3.0]]);
    /// ```
    #[track_caller]
    pub fn where_<T: Float>(&self, a: impl Branch<T>, b: impl Branch<T>) -> Array<T> {
        where_(self, a, b)
    }

    /// [`try_where_`]`(self, a, b)`.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// let x = array![[1.0, -2.0], [], [3.0]];
    /// assert!(x.gt(0.0).try_where_(&x, &Array::from_vec(vec![1.0])).is_err());
    /// ```
    pub fn try_where_<T: Float>(&self, a: impl Branch<T>, b: impl Branch<T>) -> Result<Array<T>> {
        try_where_(self, a, b)
    }
}

/// The selection of a rule, whose operands the primal already accepted.
#[track_caller]
fn select_or_panic<T: Float>(cond: &Array<bool>, a: Side<'_, T>, b: Side<'_, T>) -> Array<T> {
    or_panic(select(cond, a, b))
}

/// JVP of `where_` for the first branch: `da` (broadcast) where `cond` holds, 0 elsewhere.
///
/// ```
/// use awkdiff_core::{array, rules, where_};
/// let (a, cond) = (array![[1.0, 2.0], []], array![[true, false], []]);
/// let y = where_(&cond, &a, 0.0);
/// let dy = rules::where_jvp_lhs(&a, &0.0, &y, &cond, &array![[5.0, f64::NAN], []]);
/// assert_eq!(dy, array![[5.0, 0.0], []]);
/// ```
#[track_caller]
pub fn where_jvp_lhs<T: Float, A: BranchValue<T>, B: BranchValue<T>>(
    a: &A,
    _b: &B,
    _y: &Array<T>,
    cond: &Array<bool>,
    da: &A,
) -> Array<T> {
    crate::value::expect_like(da, a, "tangent of `where_`'s first branch");
    select_or_panic(cond, da.side(), Side::Scalar(T::zero()))
}

/// JVP of `where_` for the second branch: `db` (broadcast) where `cond` fails, 0 elsewhere.
///
/// ```
/// use awkdiff_core::{array, rules, where_};
/// let cond = array![[true, false], []];
/// let y = where_(&cond, 1.0, 2.0);
/// assert_eq!(rules::where_jvp_rhs(&1.0, &2.0, &y, &cond, &3.0), array![[0.0, 3.0], []]);
/// ```
#[track_caller]
pub fn where_jvp_rhs<T: Float, A: BranchValue<T>, B: BranchValue<T>>(
    _a: &A,
    b: &B,
    _y: &Array<T>,
    cond: &Array<bool>,
    db: &B,
) -> Array<T> {
    crate::value::expect_like(db, b, "tangent of `where_`'s second branch");
    select_or_panic(cond, Side::Scalar(T::zero()), db.side())
}

/// VJP of `where_` for the first branch: `ct` where `cond` holds, 0 elsewhere, summed back
/// to `a`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules, where_, Array};
/// let cond = array![[true, false], [true]];
/// let a = Array::from_vec(vec![1.0, 2.0]);
/// let y = where_(&cond, &a, 0.0);
/// let ct = array![[1.0, 10.0], [100.0]];
/// assert_eq!(rules::where_vjp_lhs(&a, &0.0, &y, &cond, &ct), Array::from_vec(vec![1.0, 100.0]));
/// ```
#[track_caller]
pub fn where_vjp_lhs<T: Float, A: BranchValue<T>, B: BranchValue<T>>(
    a: &A,
    _b: &B,
    y: &Array<T>,
    cond: &Array<bool>,
    ct: &Array<T>,
) -> A {
    crate::value::expect_like(ct, y, "cotangent of `where_`'s output");
    let taken = select_or_panic(cond, Side::Array(ct), Side::Scalar(T::zero()));
    A::sum_back(&taken, a)
}

/// VJP of `where_` for the second branch: `ct` where `cond` fails, 0 elsewhere, summed back
/// to `b`'s structure.
///
/// ```
/// use awkdiff_core::{array, rules, where_};
/// let cond = array![[true, false], [false]];
/// let y = where_(&cond, 1.0, 2.0);
/// assert_eq!(rules::where_vjp_rhs(&1.0, &2.0, &y, &cond, &array![[1.0, 10.0], [100.0]]), 110.0);
/// ```
#[track_caller]
pub fn where_vjp_rhs<T: Float, A: BranchValue<T>, B: BranchValue<T>>(
    _a: &A,
    b: &B,
    y: &Array<T>,
    cond: &Array<bool>,
    ct: &Array<T>,
) -> B {
    crate::value::expect_like(ct, y, "cotangent of `where_`'s output");
    let taken = select_or_panic(cond, Side::Scalar(T::zero()), Side::Array(ct));
    B::sum_back(&taken, b)
}
