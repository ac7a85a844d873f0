//! # awkdiff
//!
//! Differentiate functions over ragged (jagged) arrays at compile time. Write an ordinary
//! Rust function over Awkward-Array-style arrays, put `#[differentiable]` on it, and call the
//! generated `jvp_NAME` (forward mode), `vjp_NAME` (reverse mode) and `grad_NAME`.
//!
//! This crate is the facade: it re-exports [`awkdiff_core`] (arrays, kernels, derivative
//! rules) and [`awkdiff_macros`] (the attribute).
//!
//! ```
//! use awkdiff::prelude::*;
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! assert_eq!(x.type_str(), "3 * var * float64");
//! ```
#![forbid(unsafe_code)]

pub use awkdiff_core::*;
pub use awkdiff_macros::differentiable;

/// Everything a user of awkdiff needs in scope: `use awkdiff::prelude::*;`.
///
/// ```
/// use awkdiff::prelude::*;
/// let x: Array<f32> = array![1.0, 2.0];
/// assert_eq!(x.len(), 2);
/// ```
pub mod prelude {
    pub use awkdiff_core::{array, s, Array, Error, Float};
    pub use awkdiff_macros::differentiable;
}
