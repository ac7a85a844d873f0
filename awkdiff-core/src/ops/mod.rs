//! The primitives, one file per family: each holds the primal kernels and, beside them, the
//! JVP and VJP rule of every differentiable primitive.

mod binary;
mod compare;
pub mod elementwise;
pub mod extremes;
pub mod fused;
pub(crate) mod gather;
pub mod keepdims;
pub mod moments;
mod operators;
pub mod reduce;
mod reduce_map;
pub mod reducible;
pub mod scalar;
mod selection;
pub mod slice;
pub mod slice_spec;
pub mod softmax;
pub mod truth;
mod unary;

#[doc(hidden)]
pub use unary::{UnaryRow, UNARY_TABLE};
