//! Compile-fail tests of `#[differentiable]`'s diagnostics, with pinned messages
//! (`ui-tests/tests/ui/*.stderr`). Regenerate with
//! `TRYBUILD=overwrite cargo test -p awkdiff-ui-tests` and review the diffs.

#[test]
fn diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
