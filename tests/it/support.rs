//! Pieces shared by the test modules of this binary.

use awkdiff::check::{random_ragged, rng};
use awkdiff::Array;

/// Random ragged arrays of values in `[0.5, 1.5)` (inside every usual domain: `ln`, `sqrt`,
/// division): three of depth 1 and three of depth 2 with up to 4 lists, and an empty one of
/// each depth, drawn from the seed `seed`.
pub fn positive_inputs(seed: u64) -> Vec<Array<f64>> {
    let mut r = rng(seed);
    let mut out = Vec::new();
    for depth in 1..3 {
        for _ in 0..3 {
            out.push(random_ragged(&mut r, depth, 4, 0.5, 1.5));
        }
        out.push(random_ragged(&mut r, depth, 0, 0.5, 1.5));
    }
    out
}
