//! # awkdiff-core
//!
//! Ragged arrays in Awkward Array's columnar layout, their kernels, and the JVP and VJP rule
//! of every differentiable primitive, side by side. Usable on its own; the `awkdiff` crate
//! adds the `#[differentiable]` macro on top, which writes the rule calls below for you.
//!
//! The seed example, `ak.sum(array[::-1], axis=0)` from Awkward Array's "Differentiation
//! using JAX" notebook, with its JVP and VJP spelled out by hand through [`rules`]:
//!
//! ```
//! use awkdiff_core::{array, rules, s, Array};
//!
//! // array = ak.Array([[1.0, 2.0, 3.0], [], [4.0, 5.0]], backend="jax")
//! let array: Array<f32> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//!
//! // reverse_sum(array) = ak.sum(array[::-1], axis=0)
//! let reversed = array.slice(s![..;-1]);
//! let out = reversed.sum(0);
//! assert_eq!(out, array![5.0, 7.0, 3.0]);
//!
//! // jax.jvp(reverse_sum, (array,), (tangent,))
//! let tangent: Array<f32> = array![[0.0, 0.0, 0.0], [], [0.0, 1.0]];
//! let d_reversed = rules::slice_jvp(&array, &reversed, &s![..;-1], &tangent);
//! let d_out = rules::sum_jvp(&reversed, &out, 0, &d_reversed);
//! assert_eq!(d_out, array![0.0, 1.0, 0.0]);
//!
//! // jax.vjp(reverse_sum, array)[1](cotangent)
//! let cotangent: Array<f32> = array![1.0, 10.0, 100.0];
//! let ct_reversed = rules::sum_vjp(&reversed, &out, 0, &cotangent);
//! let ct_array = rules::slice_vjp(&array, &reversed, &s![..;-1], &ct_reversed);
//! assert_eq!(ct_array, array![[1.0, 10.0, 100.0], [], [1.0, 10.0]]);
//! ```
//!
//! ## Where things are
//!
//! - [`Array`] and [`Structure`]: the layout (one flat content buffer, one offsets buffer per
//!   `var` dimension); [`array!`] literals, `from_vec`, `from_offsets`, `from_json`;
//!   `From` nested `Vec`s, `to_vec1`/`to_vec2`/`to_vec3`, [`Array::iter_lists`]; with the
//!   `ndarray` feature, regular arrays to and from ndarray (`interop::ndarray`).
//! - [`ops`]: the primitives (elementwise, reducers, slicing) as methods of [`Array`], each
//!   beside its derivative rules; [`rules`] re-exports every rule by name.
//! - [`Masked`]: arrays with missing entries (Awkward's `?float64`), from `mask`,
//!   `pad_none`, `firsts` and the reducers' `None` forms; [`ops::option`] has their rules.
//! - [`Value`], [`Broadcast`], [`Operand`]: what rules are generic over (arrays and scalars).
//! - [`check`]: gradient checks after JAX's `check_grads`, and random ragged inputs.
//! - [`Error`]: every failure on bad input, with what and where.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! assert_eq!(x.type_str(), "3 * var * float64");
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch_sum;
mod broadcast;
mod buffer;
pub mod build;
pub mod check;
mod convert;
mod display;
mod element;
mod error;
#[cfg(any(feature = "arrow", feature = "ndarray", feature = "serde"))]
pub mod interop;
mod json;
mod kernels;
mod layout;
mod lazy_map;
pub mod masked;
pub mod math;
pub mod ops;
pub mod pool;
mod positions;
mod read;
pub mod record;
pub mod rules;
mod structure;
mod value;

pub use broadcast::{Broadcast, Operand};
pub use convert::Lists;
pub use element::{Element, Float, SliceKernel, Tagged};
pub use error::{Error, Result};
pub use layout::{Array, Structure, MAX_DEPTH};
pub use masked::Masked;
pub use ops::concatenate::{concatenate, try_concatenate};
pub use ops::reducible::Reducible;
pub use ops::slice_spec::{Slice, SliceEntry, SliceRange};
pub use ops::where_::{try_where_, where_, Branch, BranchValue};
pub use value::Value;
