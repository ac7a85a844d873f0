//! The primitives, one file per family: each holds the primal kernels and, beside them, the
//! JVP and VJP rule of every differentiable primitive.

mod assign;
mod binary;
pub mod combinatorics;
mod compare;
mod derived_offsets;
pub mod elementwise;
pub mod extremes;
pub mod fused;
pub(crate) mod gather;
pub mod keepdims;
pub mod moments;
mod operators;
pub mod option;
mod option_elementwise;
pub mod option_reduce;
pub mod reduce;
mod reduce_map;
pub mod reducible;
pub mod scalar;
pub(crate) mod selection;
pub mod slice;
pub mod slice_spec;
pub mod softmax;
pub mod truth;
mod unary;
pub mod where_;
// Issue 13, structure: sorting, jagged indexing, joining and reshaping.
pub mod concatenate;
pub mod index;
pub mod lengths;
pub mod reshape;
pub mod sort;

#[doc(hidden)]
pub use unary::{UnaryRow, UNARY_TABLE};
