//! `#[differentiable]` functions a user writes with the reducers of issue 13: a
//! cross-entropy loss with `log_softmax` over ragged lists of logits, a per-list
//! standardisation `(x - mean) / std`, a `ptp` spread penalty, `logsumexp` and `softmax`,
//! keepdims forms, and the non-differentiable `any`/`count_nonzero`/mask sums used as
//! conditions and counts. Every generated `jvp_`/`vjp_`/`grad_` is checked with the
//! gradient-check harness; closed forms are checked where they exist.
#![deny(warnings)]

use awkdiff::check::{assert_grads, rng};
use awkdiff::prelude::*;
use rand::Rng;

/// A depth-2 array with the given list lengths and values drawn from `lo..hi`.
fn lists(seed: u64, lengths: &[usize], lo: f64, hi: f64) -> Array<f64> {
    let mut r = rng(seed);
    let mut offsets = vec![0i64];
    for &n in lengths {
        offsets.push(offsets[offsets.len() - 1] + n as i64);
    }
    let total = offsets[offsets.len() - 1] as usize;
    let values = (0..total).map(|_| r.random_range(lo..hi)).collect();
    Array::from_offsets(offsets, Array::from_vec(values)).unwrap()
}

/// One-hot targets: 1 at `class[i]` of list `i` (lists of length 0 get none).
fn one_hot(logits: &Array<f64>, class: &[usize]) -> Array<f64> {
    let offsets = logits.offsets(0);
    let mut values = vec![0.0; logits.content().len()];
    for (i, w) in offsets.windows(2).enumerate() {
        if w[1] > w[0] {
            values[w[0] as usize + class[i] % (w[1] - w[0]) as usize] = 1.0;
        }
    }
    logits.with_content(values)
}

/// Mean cross-entropy of ragged logits (one list of class scores per event) against
/// one-hot targets: `-sum(target * log_softmax(logits)) / events`.
#[differentiable]
fn cross_entropy(logits: &Array<f64>, #[no_grad] target: &Array<f64>) -> f64 {
    let log_p = logits.log_softmax(1);
    let events = logits.len() as f64;
    -(log_p * target).sum_all() / events
}

#[test]
fn cross_entropy_has_the_gradient_softmax_minus_target() {
    let lengths = [3, 1, 4, 0, 2, 5, 3];
    for seed in 0..4 {
        let logits = lists(seed, &lengths, -3.0, 3.0);
        let target = one_hot(&logits, &[2, 0, 3, 0, 1, 4, 0]);
        let loss = |x: &Array<f64>| cross_entropy(x, &target);
        assert_grads(
            loss,
            |x, t| jvp_cross_entropy(x, &target, t),
            |x, ct| vjp_cross_entropy(x, &target).1(*ct),
            &logits,
        );
        // d loss / d logits = (softmax(logits) - target) / events, list by list.
        let expected = (logits.softmax(1) - &target) / lengths.len() as f64;
        let grad = grad_cross_entropy(&logits, &target);
        for (g, e) in grad.content().iter().zip(expected.content()) {
            assert!((g - e).abs() < 1e-12, "{grad} vs {expected}");
        }
    }
}

#[test]
fn cross_entropy_is_finite_for_logits_of_1e3() {
    let logits = array![[1000.0, 999.0, -1000.0], [], [1000.0]];
    let target = array![[1.0, 0.0, 0.0], [], [1.0]];
    let loss = cross_entropy(&logits, &target);
    let expected = (1.0 + (-1.0f64).exp() + (-2000.0f64).exp()).ln() / 3.0;
    assert!((loss - expected).abs() < 1e-12, "{loss} vs {expected}");
    let grad = grad_cross_entropy(&logits, &target);
    assert!(grad.content().iter().all(|g| g.is_finite()), "{grad}");
}

/// Standardises every list: `(x - mean) / std` (the per-list results broadcast into their
/// lists).
#[differentiable]
fn standardise(x: &Array<f64>) -> Array<f64> {
    (x - x.mean(1)) / x.std(1, 0)
}

#[test]
fn standardise_matches_the_harness_and_standardises() {
    // Empty lists stay empty (their NaN mean and std reach no element); lists of one
    // element would divide 0 by a zero std, so there are none.
    for seed in 0..4 {
        let x = lists(10 + seed, &[3, 0, 2, 5, 0, 4], -2.0, 2.0);
        assert_grads(
            standardise,
            jvp_standardise,
            |x, ct| vjp_standardise(x).1(ct),
            &x,
        );
        let z = standardise(&x);
        for (m, s) in z.mean(1).content().iter().zip(z.std(1, 0).content()) {
            if !m.is_nan() {
                assert!(m.abs() < 1e-12 && (s - 1.0).abs() < 1e-12, "{z}");
            }
        }
    }
}

/// A spread penalty: the squared peak-to-peak range of every list plus the variance of all
/// values with Bessel's correction.
#[differentiable]
fn spread_penalty(x: &Array<f64>) -> f64 {
    let range = x.ptp(1);
    (&range * &range).sum_all() + x.var_all(1)
}

#[test]
fn spread_penalty_matches_the_harness() {
    for seed in 0..4 {
        let x = lists(20 + seed, &[3, 0, 1, 4, 2], -2.0, 2.0);
        assert_grads(
            spread_penalty,
            jvp_spread_penalty,
            |x, ct| vjp_spread_penalty(x).1(*ct),
            &x,
        );
    }
    // By hand for one list: ptp = 3 - 1, the gradient of range^2 is 2 * 2 * (e_max - e_min),
    // and var_all(1) of [1, 3] is 2 with gradient 2 (x - mean) / (n - 1) = [-2, 2].
    assert_eq!(
        grad_spread_penalty(&array![[1.0, 3.0]]),
        array![[-6.0, 6.0]]
    );
}

/// A soft maximum per list and the probabilities of its elements.
#[differentiable]
fn soft_max_and_probabilities(x: &Array<f64>) -> (Array<f64>, Array<f64>) {
    (x.logsumexp(-1), x.softmax(-1))
}

#[test]
fn logsumexp_and_softmax_match_the_harness() {
    for seed in 0..4 {
        let x = lists(30 + seed, &[3, 0, 1, 4, 2], -3.0, 3.0);
        assert_grads(
            soft_max_and_probabilities,
            jvp_soft_max_and_probabilities,
            |x, ct| vjp_soft_max_and_probabilities(x).1(ct),
            &x,
        );
    }
}

/// The fraction of each list's total held by its largest element, through keepdims forms:
/// both results keep one length-1 list per list, so they line up element by element.
#[differentiable]
fn peak_fraction(x: &Array<f64>) -> Array<f64> {
    x.max_keepdims(1) / x.sum_keepdims(1)
}

#[test]
fn keepdims_forms_in_a_body_match_the_harness() {
    for seed in 0..4 {
        let x = lists(40 + seed, &[3, 1, 4, 2], 0.5, 2.0);
        assert_grads(
            peak_fraction,
            jvp_peak_fraction,
            |x, ct| vjp_peak_fraction(x).1(ct),
            &x,
        );
        assert_eq!(peak_fraction(&x).ndim(), 2);
    }
    assert_eq!(
        peak_fraction(&array![[1.0, 3.0], [2.0]]),
        array![[0.75], [1.0]]
    );
}

/// Non-differentiable reducers in a body: counts of a mask choose the branch (`sum_all`
/// of a mask counts its `true` values, as `ak.sum(mask, axis=None)`), and are constants.
#[differentiable]
fn positive_part(x: &Array<f64>) -> Array<f64> {
    let positive = x.gt(0.0);
    let kept = x.filter(&positive);
    if positive.sum_all() >= 2 && positive.any(1).any_all() {
        kept.sum(1)
    } else {
        x.sum(1)
    }
}

#[test]
fn mask_counts_and_any_are_constants_in_a_body() {
    let x = array![[1.5, -2.0, 3.0], [], [-1.0]];
    assert_eq!(x.gt(0.0).sum(1), Array::from_vec(vec![2i64, 0, 0]));
    assert_eq!(positive_part(&x), array![4.5, 0.0, 0.0]);
    let (_, pullback) = vjp_positive_part(&x);
    assert_eq!(
        pullback(&array![1.0, 2.0, 3.0]),
        array![[1.0, 0.0, 1.0], [], [0.0]]
    );
    assert_eq!(positive_part(&array![[-1.0, 1.0], []]), array![0.0, 0.0]);
    let (_, pullback) = vjp_positive_part(&array![[-1.0, 1.0], []]);
    assert_eq!(pullback(&array![1.0, 2.0]), array![[1.0, 1.0], []]);
}
