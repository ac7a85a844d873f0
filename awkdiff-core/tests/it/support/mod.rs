//! Shared pieces of the property tests: a shrinkable strategy for random ragged arrays,
//! masking of non-finite outputs for finite differences, and linearity checks.
#![allow(dead_code)] // each test file uses its own subset

use awkdiff_core::check::{check_grads, random_like, rng, CheckOptions, Point};
use awkdiff_core::{Array, Structure};
use proptest::prelude::*;

/// Largest outer length.
pub const MAX_OUTER: usize = 50;
/// Largest number of non-empty lists generated at each inner level (lists past the
/// generated counts are empty), keeping the arrays small enough for fast checks.
const MAX_COUNTS: usize = 40;
/// Largest list length.
const MAX_LIST: usize = 4;

/// The raw, shrinkable description of a ragged array: its depth, outer length, the list
/// lengths of every `var` level (missing entries are empty lists) and leaf values (missing
/// values are filled deterministically). Shrinking the vectors gives fewer, shorter lists.
#[derive(Debug, Clone)]
pub struct Raw {
    pub outer: usize,
    pub counts: Vec<Vec<usize>>,
    pub values: Vec<f64>,
}

/// A list length: empty about one time in four, so that every level has empty lists.
fn list_len() -> impl Strategy<Value = usize> {
    prop_oneof![1 => Just(0usize), 3 => 1..=MAX_LIST]
}

/// Raw descriptions of arrays with `depths` var dimensions and leaves in `lo..hi`.
pub fn raw(
    depths: std::ops::RangeInclusive<usize>,
    lo: f64,
    hi: f64,
) -> impl Strategy<Value = Raw> {
    depths.prop_flat_map(move |depth| {
        (
            0..=MAX_OUTER,
            proptest::collection::vec(proptest::collection::vec(list_len(), 0..=MAX_COUNTS), depth),
            proptest::collection::vec(lo..hi, 0..=64),
        )
            .prop_map(|(outer, counts, values)| Raw {
                outer,
                counts,
                values,
            })
    })
}

impl Raw {
    /// The array this description stands for; values missing from `values` are spread
    /// deterministically over `lo..hi`.
    pub fn build(&self, lo: f64, hi: f64) -> Array<f64> {
        let mut levels = Vec::with_capacity(self.counts.len());
        let mut lists = self.outer;
        for counts in &self.counts {
            let mut offsets = Vec::with_capacity(lists + 1);
            offsets.push(0i64);
            let mut total = 0i64;
            for i in 0..lists {
                total += counts.get(i).copied().unwrap_or(0) as i64;
                offsets.push(total);
            }
            levels.push(offsets);
            lists = total as usize;
        }
        let content: Vec<f64> = (0..lists)
            .map(|i| match self.values.get(i) {
                Some(&v) => v,
                None => lo + (hi - lo) * ((i as f64 * 0.618_033_988_7).fract()),
            })
            .collect();
        let structure = Structure::new(levels, lists).expect("generated offsets are valid");
        Array::from_parts(structure, content).expect("content length matches")
    }
}

/// Random ragged f64 arrays of `depths` var dimensions (ndim 1 to 4 for `0..=3`), outer
/// length 0 to 50, empty lists at every level, leaves in `lo..hi`.
pub fn ragged(
    depths: std::ops::RangeInclusive<usize>,
    lo: f64,
    hi: f64,
) -> impl Strategy<Value = Array<f64>> {
    raw(depths, lo, hi).prop_map(move |r| r.build(lo, hi))
}

/// The same structure with distinct leaves, at least `gap` apart (for `max`/`min` finite
/// differences): each leaf is replaced by its rank (ties broken by position) times `gap`,
/// centred on 0.
pub fn distinct(x: &Array<f64>, gap: f64) -> Array<f64> {
    let n = x.content().len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| x.content()[a].total_cmp(&x.content()[b]).then(a.cmp(&b)));
    let mut content = vec![0.0; n];
    for (rank, &i) in order.iter().enumerate() {
        content[i] = (rank as f64 - n as f64 / 2.0) * gap;
    }
    x.with_content(content)
}

/// Every axis of `x`, non-negative and negative: `0..ndim` and `-ndim..0`.
pub fn every_axis(x: &Array<f64>) -> Vec<isize> {
    let ndim = x.ndim() as isize;
    (0..ndim).chain(-ndim..0).collect()
}

/// Non-finite leaves (mean of an empty list, max of one) become 0.
pub fn finite(y: &Array<f64>) -> Array<f64> {
    y.map(|v| if v.is_finite() { v } else { 0.0 })
}

/// `d` with 0 where `y` is not finite.
pub fn where_finite(y: &Array<f64>, d: &Array<f64>) -> Array<f64> {
    let content = y
        .content()
        .iter()
        .zip(d.content())
        .map(|(&v, &d)| if v.is_finite() { d } else { 0.0 })
        .collect();
    y.with_content(content)
}

/// `Err` naming the first leaf where `a` and `b` differ by more than `tol` relative to
/// `1 + max |leaf|` (NaN matches NaN, infinities match themselves).
pub fn close(what: &str, a: &[f64], b: &[f64], tol: f64) -> Result<(), String> {
    if a.len() != b.len() {
        return Err(format!("{what}: {} leaves against {}", a.len(), b.len()));
    }
    let scale = 1.0
        + a.iter()
            .chain(b)
            .filter(|v| v.is_finite())
            .fold(0.0f64, |m, v| m.max(v.abs()));
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let same = (x.is_nan() && y.is_nan()) || x == y;
        let within = (x - y).abs() <= tol * scale; // false for NaN
        if !same && !within {
            return Err(format!("{what}: leaf {i}: {x} against {y}"));
        }
    }
    Ok(())
}

/// `a * p + b * q`, leaf by leaf, for points of one structure.
pub fn combine<P: Point>(a: f64, p: &P, b: f64, q: &P) -> P {
    let (p_flat, q_flat) = (p.to_flat(), q.to_flat());
    let sum: Vec<f64> = p_flat
        .iter()
        .zip(&q_flat)
        .map(|(x, y)| a * x + b * y)
        .collect();
    p.from_flat(&sum)
}

/// Linearity of a JVP in its tangent: `jvp(x, a t1 + b t2) == a jvp(x, t1) + b jvp(x, t2)`,
/// for random tangents drawn from `seed`.
pub fn jvp_is_linear<X: Point, Y: Point>(
    jvp: impl Fn(&X, &X) -> (Y, Y),
    x: &X,
    a: f64,
    b: f64,
    seed: u64,
) -> Result<(), String> {
    let mut rng = rng(seed);
    let t1 = random_like(x, &mut rng);
    let t2 = random_like(x, &mut rng);
    let lhs = jvp(x, &combine(a, &t1, b, &t2)).1;
    let rhs = combine(a, &jvp(x, &t1).1, b, &jvp(x, &t2).1);
    close(
        "jvp(a t1 + b t2) against a jvp(t1) + b jvp(t2)",
        &lhs.to_flat(),
        &rhs.to_flat(),
        1e-9,
    )
}

/// Linearity of a VJP in its cotangent: `vjp(x, a c1 + b c2) == a vjp(x, c1) + b vjp(x, c2)`,
/// for random cotangents (of the structure of `y`) drawn from `seed`.
pub fn vjp_is_linear<X: Point, Y: Point>(
    vjp: impl Fn(&X, &Y) -> X,
    x: &X,
    y: &Y,
    a: f64,
    b: f64,
    seed: u64,
) -> Result<(), String> {
    let mut rng = rng(seed);
    let c1 = random_like(y, &mut rng);
    let c2 = random_like(y, &mut rng);
    let lhs = vjp(x, &combine(a, &c1, b, &c2));
    let rhs = combine(a, &vjp(x, &c1), b, &vjp(x, &c2));
    close(
        "vjp(a c1 + b c2) against a vjp(c1) + b vjp(c2)",
        &lhs.to_flat(),
        &rhs.to_flat(),
        1e-9,
    )
}

/// An array on the outer `depth` levels of `like`'s structure (the lower-depth operand of
/// broadcasting rule 3), leaves in `lo..hi` drawn from `seed`.
pub fn outer_like(like: &Array<f64>, depth: usize, lo: f64, hi: f64, seed: u64) -> Array<f64> {
    use rand::Rng;
    let s = like.structure();
    let levels = s.levels()[..depth].iter().map(|l| l.to_vec()).collect();
    let structure = Structure::new(levels, s.level_len(depth)).expect("outer levels are valid");
    let mut rng = rng(seed);
    let values = (0..structure.content_len())
        .map(|_| rng.random_range(lo..hi))
        .collect();
    Array::from_parts(structure, values).expect("content length matches")
}

pub fn options(seed: u64) -> CheckOptions {
    CheckOptions {
        trials: 2,
        seed,
        ..CheckOptions::default()
    }
}

/// The three properties for `x -> f(x)` with rules `jvp` and `vjp` (JVP/VJP rule order:
/// input, output, then tangent or cotangent).
pub fn properties<X: Point, Y: Point>(
    what: &str,
    f: impl Fn(&X) -> Y,
    jvp: impl Fn(&X, &Y, &X) -> Y,
    vjp: impl Fn(&X, &Y, &Y) -> X,
    x: &X,
    (a, b, seed): (f64, f64, u64),
) -> Result<(), TestCaseError> {
    let at = |m: String| TestCaseError::fail(format!("{what} at {}: {m}", x.describe()));
    let jvp_f = |x: &X, t: &X| {
        let y = f(x);
        let dy = jvp(x, &y, t);
        (y, dy)
    };
    let vjp_f = |x: &X, ct: &Y| vjp(x, &f(x), ct);
    check_grads(&f, jvp_f, vjp_f, x, &options(seed)).map_err(at)?;
    jvp_is_linear(jvp_f, x, a, b, seed).map_err(at)?;
    vjp_is_linear(vjp_f, x, &f(x), a, b, seed).map_err(at)
}

/// A proptest configuration of `default` cases, or of `PROPTEST_CASES` when that is set
/// (for long local runs: `PROPTEST_CASES=5000 cargo test --test properties_reduce`).
pub fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}
