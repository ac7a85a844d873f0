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
pub use crate::ops::reduce::*;
pub use crate::ops::slice::*;
pub use crate::value::Value;
