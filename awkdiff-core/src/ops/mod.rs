//! The primitives, one file per family: each holds the primal kernels and, beside them, the
//! JVP and VJP rule of every differentiable primitive.

pub mod elementwise;
pub(crate) mod gather;
pub mod reduce;
pub mod slice;
pub mod slice_spec;
