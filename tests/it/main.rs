//! awkdiff's integration tests, linked into one binary (one module per topic) so that every
//! generated function, the kernels they call and the dependencies are compiled and linked
//! once. `cargo test --test it <module>::` runs one topic. The optimised scale tests are a
//! package of their own (`scale-tests/`), run by `.ci/run`.

mod conformance;
mod differentiable_compose;
mod differentiable_elementwise;
mod differentiable_ergonomics;
mod differentiable_fused;
mod differentiable_math;
mod differentiable_ndarray;
mod differentiable_options;
mod differentiable_reduce;
mod differentiable_slice;
mod differentiable_statistics;
mod differentiable_stream;
mod differentiable_structure;
mod differentiable_ufuncs;
mod flow_branches;
mod flow_generic;
mod flow_loops;
mod properties_generated;
mod records;
mod records_json;
mod seed;
mod support;
