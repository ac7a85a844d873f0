//! The derivative rules that `#[differentiable]`'s generated code calls, gathered in one
//! namespace. Each lives beside its primal in `ops/`; this module only re-exports them.
//!
//! Conventions, for every differentiable primitive `p` (a method name such as `exp`, `sum`,
//! `slice`; operators are `add`, `sub`, `mul`, `div`, `neg`):
//! - a primitive with one differentiable input `x` and output `y` has
//!   `p_jvp(x: &X, y: &Y, extra..., dx: &X) -> Y` and `p_vjp(x: &X, y: &Y, extra..., ct: &Y) -> X`;
//! - a primitive with two differentiable inputs `a`, `b` (either may be an array or a scalar)
//!   has `p_jvp_lhs(a, b, y, da)`, `p_jvp_rhs(a, b, y, db)` (the two tangent contributions,
//!   added by the caller when both are active), `p_vjp_lhs(a, b, y, ct) -> A` and
//!   `p_vjp_rhs(a, b, y, ct) -> B` (cotangents reduced back to each operand's structure);
//! - values, tangents and cotangents are passed by reference; extra, non-differentiated
//!   arguments (axis, exponent, slice, indices, mask) follow `y`: `Copy` ones (`isize`,
//!   `i32`) by value, the others by reference (`&Slice`, `&[i64]`, `&Array<bool>`).

pub use crate::ops::elementwise::*;
pub use crate::ops::extremes::*;
pub use crate::ops::fused::*;
pub use crate::ops::keepdims::*;
pub use crate::ops::moments::*;
pub use crate::ops::option::*;
pub use crate::ops::option_reduce::*;
pub use crate::ops::reduce::*;
pub use crate::ops::scalar;
pub use crate::ops::slice::*;
pub use crate::ops::where_::{where_jvp_lhs, where_jvp_rhs, where_vjp_lhs, where_vjp_rhs};
// Issue 13, structure.
pub use crate::ops::concatenate::{concatenate_jvp, concatenate_vjp};
pub use crate::ops::index::{index_jvp, index_vjp, index_vjp_into, item_jvp, item_vjp};
pub use crate::ops::reshape::{ravel_jvp, ravel_vjp, unflatten_jvp, unflatten_vjp, Counts};
pub use crate::ops::softmax::*;
pub use crate::ops::sort::{sort_jvp, sort_vjp};
pub use crate::value::{expect_like, Value};

// ---------------------------------------------------------------------------------------
// Glue for the code `#[differentiable]` generates (not rules themselves).

use crate::element::Float;
use crate::layout::Array;
use crate::masked::Masked;

/// Makes a value a constant for differentiation: inside a `#[differentiable]` body no
/// derivative flows through `stop_gradient(x)`. Outside, it is the identity.
///
/// ```
/// use awkdiff_core::{array, rules::stop_gradient};
/// let x = array![[1.0, 2.0], [3.0]];
/// assert_eq!(stop_gradient(&x), &x);
/// ```
pub fn stop_gradient<V>(value: V) -> V {
    value
}

/// `1` of a float type: the cotangent `grad_NAME` pulls back.
///
/// ```
/// assert_eq!(awkdiff_core::rules::one::<f32>(), 1.0);
/// ```
pub fn one<T: Float>() -> T {
    T::one()
}

/// A pullback that generated code can call the same way whatever its output: a
/// `Fn(&Array<T>)`, a `Fn(&Masked<T>)`, a `Fn(T)` (scalar output, cotangent by value) or a `Fn(&(A, B, ..))`
/// (tuple output). The cotangent is always passed by reference here.
///
/// ```
/// use awkdiff_core::{array, rules::pull, Array};
/// let by_value = |ct: f64| ct * 2.0;
/// assert_eq!(pull(&by_value, &3.0), 6.0);
/// let by_ref = |ct: &Array<f64>| ct.clone();
/// assert_eq!(pull(&by_ref, &array![1.0]), array![1.0]);
/// ```
pub trait Pullback<C, R> {
    /// Calls the pullback on `ct`.
    fn pull(&self, ct: &C) -> R;
}

impl<F, T: Float, R> Pullback<Array<T>, R> for F
where
    F: Fn(&Array<T>) -> R,
{
    fn pull(&self, ct: &Array<T>) -> R {
        self(ct)
    }
}

impl<F, T: Float, R> Pullback<Masked<T>, R> for F
where
    F: Fn(&Masked<T>) -> R,
{
    fn pull(&self, ct: &Masked<T>) -> R {
        self(ct)
    }
}

impl<F, T: Float, R> Pullback<T, R> for F
where
    F: Fn(T) -> R,
{
    fn pull(&self, ct: &T) -> R {
        self(*ct)
    }
}

macro_rules! impl_pullback_for_tuple {
    ($($name:ident),+) => {
        impl<F, R, $($name),+> Pullback<($($name,)+), R> for F
        where
            F: Fn(&($($name,)+)) -> R,
        {
            fn pull(&self, ct: &($($name,)+)) -> R {
                self(ct)
            }
        }
    };
}
impl_pullback_for_tuple!(A, B);
impl_pullback_for_tuple!(A, B, C);
impl_pullback_for_tuple!(A, B, C, D);

/// Calls a pullback of any output kind with its cotangent by reference (see [`Pullback`]).
pub fn pull<C, R>(pullback: &impl Pullback<C, R>, ct: &C) -> R {
    pullback.pull(ct)
}

/// Implemented by the type of the marker constant that `#[differentiable]` emits beside each
/// function it differentiates (`__awkdiff_differentiable_NAME`, a constant so that it can
/// sit in an `impl` block too). Generated code checks it before calling `jvp_NAME`/`vjp_NAME`,
/// so that calling a function that is not differentiable is reported at the call with a hint.
#[diagnostic::on_unimplemented(
    message = "this function is not #[differentiable], so #[differentiable] cannot differentiate the call",
    label = "called with a differentiated argument",
    note = "put #[differentiable] on the called function (one of another module is called by its path, `module::name(..)`), or pass `stop_gradient(..)` of the arguments to treat its result as a constant"
)]
pub trait Differentiable {}

/// The fallback marker of a function that is not `#[differentiable]` (see [`Differentiable`]).
pub struct NotDifferentiable {}

/// The type of the marker of a `#[differentiable]` function.
///
/// ```
/// use awkdiff_core::rules::{assert_differentiable_marker, DifferentiableMarker};
/// assert_differentiable_marker(&DifferentiableMarker {});
/// ```
pub struct DifferentiableMarker {}

impl Differentiable for DifferentiableMarker {}

/// The marker constant of a differentiated function (what `#[differentiable]` emits).
///
/// ```
/// let _marker = awkdiff_core::rules::DIFFERENTIABLE;
/// ```
pub const DIFFERENTIABLE: DifferentiableMarker = DifferentiableMarker {};

/// The fallback marker constant of a function that is not differentiated.
///
/// ```
/// let _marker = awkdiff_core::rules::NOT_DIFFERENTIABLE;
/// ```
pub const NOT_DIFFERENTIABLE: NotDifferentiable = NotDifferentiable {};

/// Compiles only when `marker` is the marker of a `#[differentiable]` function.
///
/// ```
/// use awkdiff_core::rules::{assert_differentiable_marker, DIFFERENTIABLE};
/// assert_differentiable_marker(&DIFFERENTIABLE);
/// ```
pub fn assert_differentiable_marker<M: Differentiable>(_marker: &M) {}

/// Compiles only when `M` is the marker of a `#[differentiable]` function.
///
/// ```
/// use awkdiff_core::rules::{assert_differentiable, Differentiable};
/// struct Marker {}
/// impl Differentiable for Marker {}
/// assert_differentiable::<Marker>();
/// ```
pub fn assert_differentiable<M: Differentiable>() {}

/// The indices of a `take` as the `&[i64]` its rules take, from any [`TakeIndices`] (a
/// slice, an array `[i64; N]`, a `Vec<i64>`, or a reference to one). Generated code calls
/// it after the primal `take` accepted the same indices.
///
/// ```
/// use awkdiff_core::rules::take_indices;
/// assert_eq!(take_indices(&vec![2i64, 0]), &[2, 0]);
/// assert_eq!(take_indices(&&[1i64][..]), &[1]);
/// ```
///
/// # Panics
/// If the indices are not one flat list (the primal `take` panics first).
pub fn take_indices<I: TakeIndices + ?Sized>(indices: &I) -> &[i64] {
    match indices.take_indices() {
        Ok(indices) => indices,
        Err(error) => panic!("{error}"),
    }
}

/// A tuple of references `(&A, &B, ..)`, naming the tuple of the owned values `(A, B, ..)`:
/// the argument type of a block's pullback (see [`region_pullback`]).
pub trait RefTuple {
    /// `(A, B, ..)`.
    type Owned;
}

macro_rules! impl_ref_tuple {
    ($($name:ident),*) => {
        impl<'a, $($name: 'a),*> RefTuple for ($(&'a $name,)*) {
            type Owned = ($($name,)*);
        }
    };
}
impl_ref_tuple!();
impl_ref_tuple!(A);
impl_ref_tuple!(A, B);
impl_ref_tuple!(A, B, C);
impl_ref_tuple!(A, B, C, D);
impl_ref_tuple!(A, B, C, D, E);
impl_ref_tuple!(A, B, C, D, E, F);
impl_ref_tuple!(A, B, C, D, E, F, G);
impl_ref_tuple!(A, B, C, D, E, F, G, H);

/// The pullback of a block of a `#[differentiable]` body (a branch of an `if`, an iteration
/// of a `for`), unchanged: `values` (references to the block's results) only fix the type of
/// the closure's argument, the tuple of their cotangents.
///
/// ```
/// use awkdiff_core::rules::region_pullback;
/// let (y, z) = (2.0, 3.0);
/// let pullback = region_pullback((&y, &z), |(ct_y, ct_z)| (ct_y * z + ct_z,));
/// assert_eq!(pullback((1.0, 1.0)), (4.0,));
/// ```
pub fn region_pullback<V: RefTuple, R, F: Fn(V::Owned) -> R>(values: V, pullback: F) -> F {
    let _ = values;
    pullback
}
