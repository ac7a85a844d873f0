//! `#[differentiable]` functions over angles and activations, whose `sin cos tanh exp` are
//! `awkdiff::math`'s polynomials (under the default feature `vector-math`): the generated
//! `jvp_`/`vjp_` pass the gradient-check harness, and the values and derivatives of the
//! fused chains agree with the same formulas written with libm's functions to a few ulp,
//! at ordinary angles and at huge ones (where `sin` and `cos` hand over to libm).
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_like, random_ragged, rng};
use awkdiff::prelude::*;

/// Each particle's `tanh(px / 50)` with `px = pt cos(phi)`, summed per event, and the
/// events' `sum(pt sin(phi) * exp(-pt / 100))`: a soft, damped momentum balance.
#[differentiable]
fn soft_balance(pt: &Array<f64>, phi: &Array<f64>) -> (Array<f64>, Array<f64>) {
    let px = pt * phi.cos();
    let soft = (px / 50.0).tanh().sum(-1);
    let damped = (pt * phi.sin() * (pt / -100.0).exp()).sum(-1);
    (soft, damped)
}

/// The same by hand with libm, event by event.
fn soft_balance_by_hand(pt: &Array<f64>, phi: &Array<f64>) -> (Vec<f64>, Vec<f64>) {
    let lists = |a: &Array<f64>| a.to_vec2().expect("events of particles");
    let (pt, phi) = (lists(pt), lists(phi));
    pt.iter()
        .zip(&phi)
        .map(|(pt, phi)| {
            let soft: f64 = pt
                .iter()
                .zip(phi)
                .map(|(p, f)| (p * f.cos() / 50.0).tanh())
                .sum();
            let damped: f64 = pt
                .iter()
                .zip(phi)
                .map(|(p, f)| p * f.sin() * (-p / 100.0).exp())
                .sum();
            (soft, damped)
        })
        .unzip()
}

/// `|a - b| <= tol * max(|a|, |b|, scale)`.
fn near(a: f64, b: f64, tol: f64, scale: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(scale)
}

#[test]
fn angles_and_activations_match_the_harness_and_libm() {
    let mut r = rng(16);
    for depth in [1] {
        for lists in [0, 5, 200] {
            let pt = random_ragged(&mut r, depth, lists, 5.0, 80.0);
            let phi = random_like(&pt, &mut r).map(|v| 3.2 * v);
            let p = (pt.clone(), phi.clone());
            assert_grads(
                |(pt, phi)| soft_balance(pt, phi),
                |(pt, phi), (dpt, dphi)| jvp_soft_balance(pt, phi, dpt, dphi),
                |(pt, phi), ct| vjp_soft_balance(pt, phi).1(ct),
                &p,
            );
            let (soft, damped) = soft_balance(&pt, &phi);
            let (want_soft, want_damped) = soft_balance_by_hand(&pt, &phi);
            for (i, (&s, &w)) in soft.content().iter().zip(&want_soft).enumerate() {
                assert!(near(s, w, 1e-14, 1.0), "event {i}: soft {s}, by hand {w}");
            }
            for (i, (&d, &w)) in damped.content().iter().zip(&want_damped).enumerate() {
                assert!(near(d, w, 1e-14, 1.0), "event {i}: damped {d}, by hand {w}");
            }
        }
    }
}

/// `d/dphi` of `sum(pt * sin(phi))`: `pt * cos(phi)`, the fused chain's slope, at angles
/// from 0 to far beyond `math::TRIG_LIMIT` (where libm's own `sin`/`cos` take over).
#[differentiable]
fn projected(pt: &Array<f64>, phi: &Array<f64>) -> Array<f64> {
    (pt * phi.sin()).sum(-1)
}

#[test]
fn derivatives_of_sin_hold_at_huge_angles() {
    let phi = array![
        [0.0, -0.0, 1e-300, 1.5, -2.5],
        [],
        [7.0e5, 2.0e6, -1e22, 1e300]
    ];
    let pt = phi.map(|_| 2.0);
    let t = phi.map(|_| 1.0);
    let (y, dy) = jvp_projected(&pt, &phi, &pt.map(|_| 0.0), &t);
    let (_, pullback) = vjp_projected(&pt, &phi);
    let (_, ct_phi) = pullback(&array![1.0, 1.0, 1.0]);
    let flat: Vec<f64> = phi.content().to_vec();
    let want_dy: Vec<f64> = [&flat[..5], &[][..], &flat[5..]]
        .iter()
        .map(|list| list.iter().map(|f| 2.0 * f.cos()).sum())
        .collect();
    let want_y: Vec<f64> = [&flat[..5], &[][..], &flat[5..]]
        .iter()
        .map(|list| list.iter().map(|f| 2.0 * f.sin()).sum())
        .collect();
    let primal = projected(&pt, &phi);
    for i in 0..3 {
        assert!(
            near(primal.content()[i], y.content()[i], 4e-16, 1.0),
            "primal {i}"
        );
        assert!(
            near(y.content()[i], want_y[i], 4e-16, 1.0),
            "value {i}: {:?} {want_y:?}",
            y
        );
        assert!(
            near(dy.content()[i], want_dy[i], 4e-16, 1.0),
            "tangent {i}: {:?} {want_dy:?}",
            dy
        );
    }
    for (i, (&c, f)) in ct_phi.content().iter().zip(&flat).enumerate() {
        assert!(
            near(c, 2.0 * f.cos(), 4e-16, 0.0),
            "cotangent {i}: {c} for phi {f}"
        );
    }
}
