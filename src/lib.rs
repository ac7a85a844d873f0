//! # awkdiff
//!
//! Differentiate functions over ragged (jagged) arrays at compile time. Write an ordinary
//! Rust function over Awkward-Array-style arrays, put `#[differentiable]` on it, and call the
//! generated `jvp_NAME` (forward mode), `vjp_NAME` (reverse mode) and `grad_NAME`.
//!
//! The seed example, `ak.sum(array[::-1], axis=0)` from Awkward Array's "Differentiation
//! using JAX" notebook (`cargo run --example seed` prints it step by step):
//!
//! ```
//! use awkdiff::prelude::*;
//!
//! /// `ak.sum(array[::-1], axis=0)`
//! #[differentiable]
//! fn reverse_sum(array: &Array<f32>) -> Array<f32> {
//!     array.slice(s![..;-1]).sum(0)
//! }
//!
//! let array: Array<f32> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! let tangent: Array<f32> = array![[0.0, 0.0, 0.0], [], [0.0, 1.0]];
//! let (value, jvp_grad) = jvp_reverse_sum(&array, &tangent); // jax.jvp
//! assert_eq!(value, array![5.0, 7.0, 3.0]);
//! assert_eq!(jvp_grad, array![0.0, 1.0, 0.0]);
//! let (_, pullback) = vjp_reverse_sum(&array); // jax.vjp
//! assert_eq!(pullback(&array![1.0, 10.0, 100.0]), array![[1.0, 10.0, 100.0], [], [1.0, 10.0]]);
//! ```
//!
//! This crate is the facade: it re-exports [`awkdiff_core`] (arrays, kernels, derivative
//! rules) and [`awkdiff_macros`] (the attribute). `docs/from-awkward-jax.md` in the
//! repository maps every Awkward + JAX call to its awkdiff form.
//!
//! ```
//! use awkdiff::prelude::*;
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! assert_eq!(x.type_str(), "3 * var * float64");
//! ```
//!
//! ## Differentiation
//!
//! ```
//! use awkdiff::prelude::*;
//!
//! /// The mean of each list, squashed.
//! #[differentiable]
//! fn squashed_means(x: &Array<f64>, gain: f64) -> Array<f64> {
//!     (x.mean(-1) * gain).tanh()
//! }
//!
//! /// A scalar loss that calls another differentiable function.
//! #[differentiable]
//! fn loss(x: &Array<f64>, gain: f64) -> f64 {
//!     let m = squashed_means(x, gain);
//!     (&m * &m).sum_all()
//! }
//!
//! let x = array![[1.0, 2.0, 3.0], [4.0], [-1.0, 1.0]];
//! // Forward mode: one tangent per differentiable parameter.
//! let (value, tangent) = jvp_squashed_means(&x, 0.5, &array![[1.0, 0.0, 0.0], [0.0], [0.0, 0.0]], 0.0);
//! assert_eq!(value, (x.mean(-1) * 0.5).tanh());
//! assert!((tangent.content()[0] - (1.0 - 1.0f64.tanh().powi(2)) * 0.5 / 3.0).abs() < 1e-12);
//! // Reverse mode: the pullback gives the cotangent of every differentiable parameter.
//! let (_, pullback) = vjp_loss(&x, 0.5);
//! let (dx, dgain) = pullback(1.0);
//! assert_eq!((dx.clone(), dgain), grad_loss(&x, 0.5));
//! assert_eq!(dx.type_str(), x.type_str());
//! ```
//!
//! See `docs/expansion.md` for the code `#[differentiable]` writes, and the macro's own docs
//! for what a body may contain.
//!
//! ## Cargo features
//!
//! - `parallel` (default): large elementwise kernels and innermost-axis reductions split
//!   across threads with rayon. Results are bitwise identical with and without it; turn it
//!   off with `default-features = false` for a single-threaded build with fewer dependencies.
//! - `arrow`: arrays and records to and from Apache Arrow (`interop::arrow`,
//!   `interop::records`).
//! - `parquet` (implies `arrow`): Parquet columns and records in and out
//!   (`interop::parquet`); datasets larger than memory streamed one row group at a time,
//!   with losses and gradients summed over them in parallel (`interop::stream`,
//!   `batch_sum`).
//! - `progress` (implies `parquet`): a progress bar with events per second while
//!   `ParquetStream::sum` runs.
//! - `ndarray`: regular (rectangular) arrays to and from `ndarray`'s `Array1`/`Array2`/
//!   `ArrayD` and views, without copying the values where the layout allows
//!   (`interop::ndarray`).
//! - `serde`: `Serialize`/`Deserialize` for arrays (`interop::serde`). Record structs get
//!   theirs from `#[derive(Record)]` with or without it (`record::serialize`).
//!
//! ## Guides
//!
//! - [`guide`]: every Awkward Array + JAX call a user knows, and its awkdiff form.
//! - [`body`]: what a `#[differentiable]` body may contain.
//! - [`expansion`]: the code `#[differentiable]` writes, for three functions.
//!
//! ## Minimum supported Rust version
//!
//! Rust 1.85 (the `rust-version` of every crate of the workspace).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use awkdiff_core::*;
pub use awkdiff_macros::{differentiable, Record};

/// Everything a user of awkdiff needs in scope: `use awkdiff::prelude::*;`.
///
/// ```
/// use awkdiff::prelude::*;
/// let x: Array<f32> = array![1.0, 2.0];
/// assert_eq!(x.len(), 2);
/// ```
pub mod prelude {
    pub use awkdiff_core::record::{Record, RecordOps};
    pub use awkdiff_core::rules::stop_gradient;
    pub use awkdiff_core::{array, s, Array, Error, Float, Masked};
    pub use awkdiff_core::{concatenate, try_concatenate};
    pub use awkdiff_core::{try_where_, where_};
    pub use awkdiff_macros::{differentiable, Record};
}

// The guides in `docs/`, shown in the documentation (their code blocks are not doctests:
// expansions and fragments, checked by their own tests).
#[cfg(all(doc, not(doctest)))]
#[doc = include_str!("../docs/from-awkward-jax.md")]
pub mod guide {}

#[cfg(all(doc, not(doctest)))]
#[doc = include_str!("../docs/body.md")]
pub mod body {}

#[cfg(all(doc, not(doctest)))]
#[doc = include_str!("../docs/expansion.md")]
pub mod expansion {}
