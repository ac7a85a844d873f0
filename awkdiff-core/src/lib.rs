//! # awkdiff-core
//!
//! Ragged arrays in Awkward Array's columnar layout, their kernels, and the JVP and VJP rule
//! of every differentiable primitive, side by side. Usable on its own; the `awkdiff` crate
//! adds the `#[differentiable]` macro on top.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! assert_eq!(x.type_str(), "3 * var * float64");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod broadcast;
mod buffer;
pub mod build;
pub mod check;
mod display;
mod element;
mod error;
mod json;
mod kernels;
mod layout;
pub mod ops;
pub mod rules;
mod value;

pub use broadcast::{Broadcast, Operand};
pub use element::{Element, Float};
pub use error::{Error, Result};
pub use layout::{Array, Structure};
pub use ops::slice_spec::{Slice, SliceEntry, SliceRange};
pub use value::Value;
