//! Scale: 1,000,000 ragged lists of 0 to 19 elements (about 9.5 million f64) through the
//! primal, `jvp_` and `vjp_` (and its pullback) of `sum(x[:, 1:] * x[:, :-1], axis=1)`,
//! each checked against a plain loop over the offsets and the content.
//!
//! The issue reports that Awkward's JAX backend raises "cannot broadcast nested list" on
//! this function at this size. Ignored in the test command's run; `.ci/run` runs it (optimised, see `Cargo.toml`) with
//! `cargo test --workspace --all-features --test scale -- --ignored`. Timings are printed, never asserted.
#![deny(warnings)]

use std::time::Instant;

use awkdiff::prelude::*;
use awkdiff_scale_tests::SplitMix64;

/// The sum of the products of neighbours in each list.
#[differentiable]
fn neighbour_products(x: &Array<f64>) -> Array<f64> {
    (x.slice(s![.., 1..]) * x.slice(s![.., ..-1])).sum(1)
}

const LISTS: usize = 1_000_000;
const MAX_LEN: u64 = 20; // list lengths 0..=19

/// Offsets of `LISTS` lists of random lengths `0..MAX_LEN`.
fn random_offsets(rng: &mut SplitMix64) -> Vec<i64> {
    let mut offsets = Vec::with_capacity(LISTS + 1);
    offsets.push(0i64);
    for _ in 0..LISTS {
        let len = (rng.next_u64() % MAX_LEN) as i64;
        offsets.push(offsets.last().unwrap() + len);
    }
    offsets
}

fn random_values(rng: &mut SplitMix64, n: usize) -> Vec<f64> {
    (0..n).map(|_| rng.unit() * 2.0 - 1.0).collect()
}

/// `|got - want| <= 1e-12 * max(1, |want|)` everywhere, with the first difference named.
fn assert_close(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    let bad = got
        .iter()
        .zip(want)
        .position(|(g, w)| (g - w).abs() > 1e-12 * w.abs().max(1.0));
    if let Some(i) = bad {
        panic!("{what}: element {i}: got {:?}, want {:?}", got[i], want[i]);
    }
}

fn list_ranges(offsets: &[i64]) -> impl Iterator<Item = (usize, usize)> + '_ {
    offsets.windows(2).map(|w| (w[0] as usize, w[1] as usize))
}

#[test]
#[ignore = "scale test: cargo test --workspace --all-features --test scale -- --ignored"]
fn neighbour_products_of_a_million_lists() {
    let mut rng = SplitMix64(0x5EED_0001);
    let offsets = random_offsets(&mut rng);
    let n = *offsets.last().unwrap() as usize;
    let values = random_values(&mut rng, n);
    let tangent_values = random_values(&mut rng, n);
    let cotangent_values = random_values(&mut rng, LISTS);
    eprintln!("scale: {LISTS} lists, {n} f64 elements");
    assert!(n > 9_000_000 && n < 10_000_000, "{n} elements");

    let start = Instant::now();
    let x = Array::from_offsets(offsets.clone(), Array::from_vec(values.clone())).unwrap();
    let dx = Array::from_offsets(offsets.clone(), Array::from_vec(tangent_values.clone())).unwrap();
    let ct = Array::from_vec(cotangent_values.clone());
    eprintln!("  build arrays: {:?}", start.elapsed());

    // The plain loops: value, JVP (product rule) and VJP (each product sends its cotangent
    // to both factors).
    let start = Instant::now();
    let mut want_y = vec![0.0; LISTS];
    let mut want_dy = vec![0.0; LISTS];
    let mut want_ct_x = vec![0.0; n];
    for (i, (lo, hi)) in list_ranges(&offsets).enumerate() {
        let (mut y, mut dy) = (0.0, 0.0);
        for j in lo + 1..hi {
            y += values[j] * values[j - 1];
            dy += tangent_values[j] * values[j - 1] + values[j] * tangent_values[j - 1];
            want_ct_x[j] += cotangent_values[i] * values[j - 1];
            want_ct_x[j - 1] += cotangent_values[i] * values[j];
        }
        want_y[i] = y;
        want_dy[i] = dy;
    }
    eprintln!(
        "  plain loops (value, jvp, vjp together): {:?}",
        start.elapsed()
    );

    let start = Instant::now();
    let y = neighbour_products(&x);
    eprintln!("  primal: {:?}", start.elapsed());
    assert_eq!(y.type_str(), format!("{LISTS} * float64"));
    assert_close("primal", y.content(), &want_y);

    let start = Instant::now();
    let (y_j, dy) = jvp_neighbour_products(&x, &dx);
    eprintln!("  jvp_: {:?}", start.elapsed());
    assert_eq!(y_j, y);
    assert_eq!(dy.type_str(), format!("{LISTS} * float64"));
    assert_close("jvp", dy.content(), &want_dy);

    let start = Instant::now();
    let (y_v, pullback) = vjp_neighbour_products(&x);
    eprintln!("  vjp_ (forward sweep): {:?}", start.elapsed());
    assert_eq!(y_v, y);
    let start = Instant::now();
    let ct_x = pullback(&ct);
    eprintln!("  pullback: {:?}", start.elapsed());
    assert!(
        ct_x.structure().same_as(x.structure()),
        "cotangent structure {}",
        ct_x.type_str()
    );
    assert_eq!(ct_x.offsets(0), &offsets[..]);
    assert_close("vjp", ct_x.content(), &want_ct_x);
}
