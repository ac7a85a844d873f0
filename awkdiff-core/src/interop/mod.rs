//! Bridges to the data ecosystem, each behind its own cargo feature:
//!
//! - `arrow` (feature `arrow`): [`Array`](crate::Array) to and from Apache Arrow
//!   `ListArray`/`LargeListArray` nested to any depth over `Float32Array`/`Float64Array`
//!   (arrow-rs).
//! - `parquet` (feature `parquet`): read a named column of a Parquet file (such as one
//!   written by Awkward's `ak.to_parquet`) into an array, write arrays as columns.
//! - `ndarray` (feature `ndarray`): regular (rectangular) arrays to and from `ndarray`'s
//!   `Array1`/`Array2`/`ArrayD` and their views, without copying the values where the
//!   layout allows.
//! - `stream` (feature `parquet`): datasets larger than memory, many Parquet files read one
//!   row group at a time, and sums of losses and gradients over them in parallel.
//! - `serde` (feature `serde`): `Serialize`/`Deserialize` for arrays as nested lists, the
//!   same shape as [`Array::to_json`](crate::Array::to_json).
//!
//! Nulls (Awkward's option types) at the leaves are missing entries of a
//! [`Masked`](crate::Masked) array (Arrow validity bitmaps, serde's `None`); reading them
//! into an [`Array`](crate::Array), or a null list anywhere, is an error that says where.

#[cfg(feature = "arrow")]
pub mod arrow;
#[cfg(feature = "ndarray")]
#[cfg_attr(docsrs, doc(cfg(feature = "ndarray")))]
pub mod ndarray;
#[cfg(feature = "parquet")]
pub mod parquet;
#[cfg(feature = "arrow")]
pub mod records;
#[cfg(feature = "serde")]
pub mod serde;
#[cfg(feature = "parquet")]
pub mod stream;
