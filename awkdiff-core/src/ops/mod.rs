//! The primitives, one file per family: each holds the primal kernels and, beside them, the
//! JVP and VJP rule of every differentiable primitive.

mod binary;
pub mod combinatorics;
mod compare;
pub mod elementwise;
pub mod extremes;
pub mod fused;
pub(crate) mod gather;
mod operators;
pub mod option;
mod option_elementwise;
pub mod option_reduce;
pub mod reduce;
mod reduce_map;
pub mod scalar;
pub(crate) mod selection;
pub mod slice;
pub mod slice_spec;
mod unary;

#[doc(hidden)]
pub use unary::{UnaryRow, UNARY_TABLE};
