//! Nothing here: the package holds the compile-fail tests of `#[differentiable]` (`ui.rs`,
//! cases in `tests/ui/`).
