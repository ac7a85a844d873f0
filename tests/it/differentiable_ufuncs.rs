//! `#[differentiable]` functions a physicist or an ML engineer writes with the ufuncs of
//! issue 13: kinematics from `(pt, eta, phi, m)` with `sinh`/`cosh`/`hypot`/`atan2`, a
//! network layer with a ReLU (`maximum(0.0)`), a clip and the `jax.nn` activations, soft and
//! hard selections with `where_` and the masks of `is_finite`, fallible forms, and every
//! new unary ufunc in one fused chain. Every generated `jvp_`/`vjp_`/`grad_` is checked with
//! the gradient-check harness (JVP against central differences, VJP against JVP) on random
//! ragged arrays with empty lists and empty arrays.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_like, random_ragged, rng};
use awkdiff::prelude::*;

/// Random ragged inputs of depths 1 and 2 with leaves in `lo..hi`, empty arrays included.
fn inputs(seed: u64, lo: f64, hi: f64) -> Vec<Array<f64>> {
    let mut r = rng(seed);
    let mut out = Vec::new();
    for depth in 1..3 {
        for _ in 0..3 {
            out.push(random_ragged(&mut r, depth, 4, lo, hi));
        }
        out.push(random_ragged(&mut r, depth, 0, lo, hi));
    }
    out
}

/// Another array of `x`'s structure, leaves in `lo..hi`.
fn like(x: &Array<f64>, seed: u64, lo: f64, hi: f64) -> Array<f64> {
    random_like(x, &mut rng(seed)).map(|v| lo + (v + 1.0) / 2.0 * (hi - lo))
}

// ----- kinematics ---------------------------------------------------------------------

/// `pz = pt sinh(eta)` and `E = hypot(pt cosh(eta), m)` of every particle.
#[differentiable]
fn pz_and_energy(pt: &Array<f64>, eta: &Array<f64>, m: &Array<f64>) -> (Array<f64>, Array<f64>) {
    let pz = pt * eta.sinh();
    let p = pt * eta.cosh();
    let energy = p.hypot(m);
    (pz, energy)
}

/// The transverse momentum of each event's recoil, from its particles' `(px, py)` and the
/// missing momentum `(met_x, met_y)`, and its angle. (Without the missing momentum, an
/// empty event has a recoil of `(0, 0)`, where `atan2`'s derivative is NaN, as in JAX.)
#[differentiable]
fn recoil_pt_and_phi(
    px: &Array<f64>,
    py: &Array<f64>,
    met_x: f64,
    met_y: f64,
) -> (Array<f64>, Array<f64>) {
    let sum_px = px.sum(-1) + met_x;
    let sum_py = py.sum(-1) + met_y;
    (sum_px.hypot(&sum_py), sum_py.atan2(&sum_px))
}

/// The invariant mass squared of each event's first two particles, written with
/// `cosh`/`cos` as a physicist would: `2 pt1 pt2 (cosh(eta1 - eta2) - cos(phi1 - phi2))`.
#[differentiable]
fn pair_mass_squared(pt: &Array<f64>, eta: &Array<f64>, phi: &Array<f64>) -> Array<f64> {
    let pt1 = pt.at(0);
    let pt2 = pt.at(1);
    let deta = eta.at(0) - eta.at(1);
    let dphi = phi.at(0) - phi.at(1);
    2.0 * pt1 * pt2 * (deta.cosh() - dphi.cos())
}

#[test]
fn kinematics_match_the_harness_and_the_formulas() {
    for pt in inputs(1, 5.0, 50.0) {
        let eta = like(&pt, 2, -2.5, 2.5);
        let m = like(&pt, 3, 0.1, 1.0);
        let p = (pt.clone(), eta.clone(), m.clone());
        assert_grads(
            |(pt, eta, m)| pz_and_energy(pt, eta, m),
            |(pt, eta, m), (dpt, deta, dm)| jvp_pz_and_energy(pt, eta, m, dpt, deta, dm),
            |(pt, eta, m), ct| vjp_pz_and_energy(pt, eta, m).1(ct),
            &p,
        );
        let (pz, energy) = pz_and_energy(&pt, &eta, &m);
        for (i, &e) in energy.content().iter().enumerate() {
            let (pt, eta, m) = (pt.content()[i], eta.content()[i], m.content()[i]);
            assert!((pz.content()[i] - pt * eta.sinh()).abs() < 1e-12 * pt * eta.cosh());
            let want = ((pt * eta.cosh()).powi(2) + m * m).sqrt();
            assert!((e - want).abs() < 1e-12 * want);
        }
        let py = like(&pt, 4, -20.0, 20.0);
        let pxy = (pt.map(|v| v - 25.0), py, 7.5, -3.0);
        assert_grads(
            |(px, py, mx, my)| recoil_pt_and_phi(px, py, *mx, *my),
            |(px, py, mx, my), (dpx, dpy, dmx, dmy)| {
                jvp_recoil_pt_and_phi(px, py, *mx, *my, dpx, dpy, *dmx, *dmy)
            },
            |(px, py, mx, my), ct| vjp_recoil_pt_and_phi(px, py, *mx, *my).1(ct),
            &pxy,
        );
    }
    // Events of two particles each (the function reads the first two).
    let pt = array![[40.0, 25.0], [60.0, 35.0], [12.0, 8.0]];
    let eta = array![[0.3, -1.1], [2.0, 1.5], [-0.2, 0.9]];
    let phi = array![[0.1, 2.9], [-1.5, 1.0], [3.0, -3.0]];
    let p = (pt, eta, phi);
    assert_grads(
        |(pt, eta, phi)| pair_mass_squared(pt, eta, phi),
        |(pt, eta, phi), (a, b, c)| jvp_pair_mass_squared(pt, eta, phi, a, b, c),
        |(pt, eta, phi), ct| vjp_pair_mass_squared(pt, eta, phi).1(ct),
        &p,
    );
}

// ----- a network layer ------------------------------------------------------------------

/// A dense unit per particle: `relu(w x + b)`, then a clipped and a sigmoid output, and a
/// scalar loss with softplus: what a `jax.nn` user writes.
#[differentiable]
fn layer_loss(x: &Array<f64>, w: f64, b: f64) -> f64 {
    let hidden = (x * w + b).maximum(0.0);
    let clipped = hidden.clamp(0.0, 2.0);
    let score = (clipped - 1.0).sigmoid();
    let penalty = (x * w).softplus();
    (score + penalty * 0.1).sum_all()
}

/// The same ReLU with `where_`, as `jnp.where(z > 0, z, 0)` is written.
#[differentiable]
fn relu_by_where(x: &Array<f64>, w: f64) -> Array<f64> {
    let z = x * w;
    let positive = z.gt(0.0);
    where_(&positive, &z, 0.0)
}

#[test]
fn layers_match_the_harness() {
    for x in inputs(5, -2.0, 2.0) {
        // Keep x * w and the clipped values away from the kinks at 0 and 2 (the ties of
        // maximum/clamp), where central differences straddle a corner.
        let x = x.map(|v| if v.abs() < 0.2 { v + 0.4 } else { v });
        let p = (x.clone(), 1.3, 0.05);
        assert_grads(
            |(x, w, b)| layer_loss(x, *w, *b),
            |(x, w, b), (dx, dw, db)| jvp_layer_loss(x, *w, *b, dx, *dw, *db),
            |(x, w, b), ct| vjp_layer_loss(x, *w, *b).1(*ct),
            &p,
        );
        let q = (x.clone(), 0.8);
        assert_grads(
            |(x, w)| relu_by_where(x, *w),
            |(x, w), (dx, dw)| jvp_relu_by_where(x, *w, dx, *dw),
            |(x, w), ct| vjp_relu_by_where(x, *w).1(ct),
            &q,
        );
        // Both ReLUs agree, value and gradient.
        assert_eq!(relu_by_where(&x, 0.8), (&x * 0.8).maximum(0.0));
    }
    // The ReLU's tie: jax.grad(lambda x: jnp.maximum(x, 0.))(0.) == 0.5; through where_ the
    // condition 0 > 0 is false, so the derivative is 0 (jnp.where gives the same).
    let x = array![[0.0, 1.0], []];
    let (_, pullback) = vjp_layer_loss(&x, 1.0, 0.0);
    let (dx, _, _) = pullback(1.0);
    let (_, d_at_zero) = jvp_relu_by_where(&x, 1.0, &array![[1.0, 1.0], []], 0.0);
    assert_eq!(d_at_zero, array![[0.0, 1.0], []]);
    assert!(dx.content()[0] > 0.0, "maximum's tie share reaches x: {dx}");
}

// ----- selections -----------------------------------------------------------------------

/// The scalar sum of `pt` in the central region (`|eta| < 1.5`), per event, and elsewhere a
/// per-event fallback (a depth-1 array broadcast into the lists).
#[differentiable]
fn central_pt(pt: &Array<f64>, eta: &Array<f64>, fallback: &Array<f64>) -> Array<f64> {
    let central = eta.abs().lt(1.5);
    central.where_(pt, fallback).sum(1)
}

/// A soft selection: a sigmoid weight on `eta` instead of a cut.
#[differentiable]
fn soft_central_pt(pt: &Array<f64>, eta: &Array<f64>, width: f64) -> Array<f64> {
    let weight = ((1.5 - eta.abs()) / width).sigmoid();
    (pt * weight).sum(1)
}

/// `log(pt)` where it is finite, masking the rest out with `is_finite` and `filter`.
#[differentiable]
fn finite_log_sum(x: &Array<f64>) -> Array<f64> {
    let y = x.ln();
    let ok = y.is_finite();
    y.filter(&ok).sum(1)
}

#[test]
fn selections_match_the_harness() {
    for pt in inputs(8, 5.0, 50.0).into_iter().filter(|x| x.ndim() == 2) {
        let eta = like(&pt, 9, -3.0, 3.0).map(|v| {
            if (v.abs() - 1.5).abs() < 0.05 {
                v * 1.2
            } else {
                v
            }
        });
        let fallback = random_like(&pt.sum(1), &mut rng(10));
        let p = (pt.clone(), eta.clone(), fallback.clone());
        assert_grads(
            |(pt, eta, f)| central_pt(pt, eta, f),
            |(pt, eta, f), (a, b, c)| jvp_central_pt(pt, eta, f, a, b, c),
            |(pt, eta, f), ct| vjp_central_pt(pt, eta, f).1(ct),
            &p,
        );
        let q = (pt.clone(), eta.clone(), 0.3);
        assert_grads(
            |(pt, eta, w)| soft_central_pt(pt, eta, *w),
            |(pt, eta, w), (a, b, c)| jvp_soft_central_pt(pt, eta, *w, a, b, *c),
            |(pt, eta, w), ct| vjp_soft_central_pt(pt, eta, *w).1(ct),
            &q,
        );
        // The eta gradient of the hard cut is 0; the fallback collects the other particles.
        let (_, pullback) = vjp_central_pt(&pt, &eta, &fallback);
        let ones = pullback(&fallback.full_like(1.0));
        assert_eq!(ones.1, eta.full_like(0.0));
        let outside = eta.abs().ge(1.5);
        let counts: Vec<f64> = (0..pt.len())
            .map(|i| {
                outside
                    .slice(s![i])
                    .content()
                    .iter()
                    .filter(|&&o| o)
                    .count() as f64
            })
            .collect();
        assert_eq!(ones.2, Array::from_vec(counts));
    }
    // Zeros and negatives give -inf and NaN logarithms, masked out of the value. Their
    // cotangent through `filter` is 0, and `ln`'s rule multiplies it by 1/x: NaN at 0
    // (0 * inf), -0 at -1, as JAX gives for `jnp.log(x)[mask]`. Filtering the input
    // instead keeps every derivative finite.
    let x = array![[1.0, 0.0, 2.0], [], [-1.0, 4.0]];
    assert_eq!(finite_log_sum(&x), array![2f64.ln(), 0.0, 4f64.ln()]);
    let (_, pullback) = vjp_finite_log_sum(&x);
    let grad = pullback(&array![1.0, 1.0, 1.0]);
    assert!(grad.content()[1].is_nan());
    assert_eq!(
        grad.filter(&grad.is_finite()),
        array![[1.0, 0.5], [], [0.0, 0.25]]
    );
    assert_eq!(positive_log_sum(&x), finite_log_sum(&x));
    let (_, pullback) = vjp_positive_log_sum(&x);
    assert_eq!(
        pullback(&array![1.0, 1.0, 1.0]),
        array![[1.0, 0.0, 0.5], [], [0.0, 0.25]]
    );
}

/// `log(x)` of the positive elements only: the filter comes before the logarithm.
#[differentiable]
fn positive_log_sum(x: &Array<f64>) -> Array<f64> {
    let positive = x.gt(0.0);
    x.filter(&positive).ln().sum(1)
}

/// JAX's `where(x > 0, sqrt(x), 0)` trap, as JAX has it.
#[differentiable]
fn sqrt_where_positive(x: &Array<f64>) -> Array<f64> {
    let positive = x.gt(0.0);
    where_(&positive, x.sqrt(), 0.0)
}

/// The cure: the branch not taken reads a safe input (`x` where positive, 1 elsewhere).
#[differentiable]
fn sqrt_where_positive_safe(x: &Array<f64>) -> Array<f64> {
    let positive = x.gt(0.0);
    let safe = where_(&positive, x, 1.0);
    where_(&positive, safe.sqrt(), 0.0)
}

#[test]
fn the_branch_not_taken_behaves_as_in_jax() {
    // jax.grad(lambda x: jnp.where(x > 0, jnp.sqrt(x), 0.)) at -1, 0, 4: nan, nan, 0.25;
    // its jvp with tangent 1: 0, 0, 0.25.
    let x = array![[-1.0, 0.0, 4.0], []];
    let ones = array![[1.0, 1.0, 1.0], []];
    assert_eq!(sqrt_where_positive(&x), array![[0.0, 0.0, 2.0], []]);
    let (_, pullback) = vjp_sqrt_where_positive(&x);
    let grad = pullback(&ones);
    assert!(grad.content()[0].is_nan() && grad.content()[1].is_nan());
    assert_eq!(grad.content()[2], 0.25);
    let (_, tangent) = jvp_sqrt_where_positive(&x, &ones);
    assert_eq!(tangent, array![[0.0, 0.0, 0.25], []]);
    // The double where has the same value and a finite gradient everywhere.
    assert_eq!(sqrt_where_positive_safe(&x), sqrt_where_positive(&x));
    let (_, pullback) = vjp_sqrt_where_positive_safe(&x);
    assert_eq!(pullback(&ones), array![[0.0, 0.0, 0.25], []]);
}

// ----- fallible forms ---------------------------------------------------------------------

/// `try_where_` and `try_atan2` propagate broadcasting errors to the caller.
#[differentiable]
fn angles_or_fallback(
    y: &Array<f64>,
    x: &Array<f64>,
    fallback: &Array<f64>,
) -> Result<Array<f64>, Error> {
    let angle = y.try_atan2(x)?;
    let ok = x.ne_elem(0.0);
    let picked = try_where_(&ok, &angle, fallback)?;
    let by_method = ok.try_where_(&picked, 0.0)?;
    Ok(by_method.sum(-1))
}

#[test]
fn fallible_forms_return_the_broadcasting_error() {
    let x = array![[1.0, -2.0], [], [0.5]];
    let y = array![[0.5, 1.5], [], [-1.0]];
    let fallback = Array::from_vec(vec![0.1, 0.2, 0.3]);
    let p = (y.clone(), x.clone(), fallback.clone());
    assert_grads(
        |(y, x, f)| angles_or_fallback(y, x, f).unwrap(),
        |(y, x, f), (a, b, c)| jvp_angles_or_fallback(y, x, f, a, b, c).unwrap(),
        |(y, x, f), ct| vjp_angles_or_fallback(y, x, f).unwrap().1(ct).unwrap(),
        &p,
    );
    let wrong = Array::from_vec(vec![0.1, 0.2]);
    let message = angles_or_fallback(&y, &x, &wrong).unwrap_err().to_string();
    assert!(
        message.starts_with("cannot broadcast in `where_`"),
        "{message}"
    );
    assert!(vjp_angles_or_fallback(&y, &x, &wrong).is_err());
    let message = angles_or_fallback(&y, &array![[1.0], [], [0.5]], &fallback)
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("cannot broadcast in `atan2`"),
        "{message}"
    );
}

// ----- every new unary ufunc, fused -------------------------------------------------------

/// Every new unary ufunc of issue 13 in one elementwise chain (fused into one pass), inputs
/// in `(0.2, 0.8)`.
#[differentiable]
fn every_new_ufunc(x: &Array<f64>) -> Array<f64> {
    let hyperbolic = x.sinh() + x.cosh() + x.asinh() + (x + 1.5).acosh() + x.atanh();
    let circular = x.asin() + x.acos() + x.atan();
    let logs = x.ln_1p() + x.exp_m1() + x.log2() + x.exp2();
    let powers = x.square() + x.cbrt();
    let activations = x.sigmoid() + x.softplus();
    let steps = (x * 10.0).floor() + x.ceil() + x.round() + x.trunc() + x.signum();
    hyperbolic + circular + logs + powers + activations + steps.clamp(-1.0, 100.0)
}

/// The same, unfused: each value used twice, so that no chain forms.
#[differentiable]
fn every_new_ufunc_unfused(x: &Array<f64>) -> Array<f64> {
    let a = x.sinh() + x.cosh();
    let b = x.asinh() + (x + 1.5).acosh();
    let c = x.atanh() + x.asin();
    let d = x.acos() + x.atan();
    let e = x.ln_1p() + x.exp_m1();
    let f = x.log2() + x.exp2();
    let g = x.square() + x.cbrt();
    let h = x.sigmoid() + x.softplus();
    let steps = (x * 10.0).floor() + x.ceil() + x.round() + x.trunc() + x.signum();
    let all = &a + &b + &c + &d + &e + &f + &g + &h + steps.clamp(-1.0, 100.0);
    all * 1.0 + (&a + &b + &c + &d + &e + &f + &g + &h) * 0.0
}

#[test]
fn every_new_ufunc_matches_the_harness_fused_and_unfused() {
    for x in inputs(12, 0.2, 0.8) {
        // Stay off the steps of floor(10 x).
        let x = x.map(|v| (v * 10.0).floor() / 10.0 + 0.05);
        assert_grads(
            every_new_ufunc,
            jvp_every_new_ufunc,
            |x, ct| vjp_every_new_ufunc(x).1(ct),
            &x,
        );
        assert_grads(
            every_new_ufunc_unfused,
            jvp_every_new_ufunc_unfused,
            |x, ct| vjp_every_new_ufunc_unfused(x).1(ct),
            &x,
        );
        let (fused, unfused) = (every_new_ufunc(&x), every_new_ufunc_unfused(&x));
        for (a, b) in fused.content().iter().zip(unfused.content()) {
            assert!((a - b).abs() < 1e-12 * a.abs(), "{a} against {b}");
        }
    }
}
