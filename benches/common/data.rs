//! The benchmark data, shared by `benches/` and `examples/compare.rs`: 1,000,000 lists of
//! 0 to 19 random f64 in [-1, 1) (about 9.5 million values), from a fixed seed.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// Number of lists.
pub const LISTS: usize = 1_000_000;
/// The seed of every generator.
pub const SEED: u64 = 20_261_125;

/// Offsets (`LISTS + 1` entries from 0) and content of one ragged `LISTS * var * float64`.
pub struct Ragged {
    pub offsets: Vec<i64>,
    pub content: Vec<f64>,
}

/// List lengths from `seed`, uniform in 0..=19.
pub fn offsets(lists: usize, seed: u64) -> Vec<i64> {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut offsets = Vec::with_capacity(lists + 1);
    offsets.push(0i64);
    let mut total = 0i64;
    for _ in 0..lists {
        total += rng.random_range(0..=19i64);
        offsets.push(total);
    }
    offsets
}

/// `n` values uniform in [-1, 1) from `seed`.
pub fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = SmallRng::seed_from_u64(seed);
    (0..n).map(|_| rng.random_range(-1.0..1.0)).collect()
}

/// The ragged array `x` (and, with `which` = 1, 2, the arrays `y`, `z` of the same
/// structure used by `x * y + z`).
pub fn ragged(which: u64) -> Ragged {
    let offsets = offsets(LISTS, SEED);
    let n = offsets[LISTS] as usize;
    Ragged {
        content: values(n, SEED + 1 + which),
        offsets,
    }
}
