//! awkdiff-core's integration tests, linked into one binary (one module per topic) so that
//! the kernels and their dependencies are compiled and linked once, not once per file.
//! `cargo test -p awkdiff-core --test it <module>::` runs one topic.

mod support;

mod combinatorics;
mod convert;
mod display;
mod elementwise;
mod elementwise_values;
mod fused;
mod hostile;
mod interop_arrow;
mod interop_arrow_masked;
mod interop_ndarray;
mod interop_parquet;
mod interop_serde;
mod interop_stream;
mod json;
mod large_arrays;
mod layout;
mod math;
mod options;
mod options_values;
mod properties_elementwise;
mod properties_options;
mod properties_reduce;
mod properties_reducers2;
mod properties_slice;
mod properties_structure;
mod reduce;
mod reduce_values;
mod reducers2;
mod reducers2_values;
mod slice;
mod slice_awkward_cases;
mod slice_grads;
mod sliced;
mod structure;
