//! Compile-fail tests of `#[differentiable]`'s diagnostics, with pinned messages
//! (`tests/ui/*.stderr`). Regenerate with `TRYBUILD=overwrite cargo test --test it ui::` and review.

#[test]
fn diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
