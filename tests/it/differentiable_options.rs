//! `#[differentiable]` through missing values ([`Masked`]): functions a physicist or an ML
//! engineer would write with `firsts`, `pad_none`, `mask`, `fill_none`, `drop_none` and the
//! reducers' `None` forms, each checked with the gradient-check harness (JVP against central
//! differences, VJP against JVP) on random ragged inputs with empty lists.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_ragged, rng};
use awkdiff::prelude::*;
use awkdiff::Value;

/// Random jet transverse momenta: events of 0 to 4 jets (about one event in four has none),
/// values in 20..120 GeV, and an empty batch.
fn events(seed: u64) -> Vec<Array<f64>> {
    let mut r = rng(seed);
    let mut out: Vec<Array<f64>> = (0..5)
        .map(|_| random_ragged(&mut r, 1, 4, 20.0, 120.0))
        .collect();
    out.push(random_ragged(&mut r, 1, 0, 20.0, 120.0));
    out.push(array![[50.0, 30.0], [], [20.0]]);
    out
}

/// The leading jet's pt of every event, 0 for an event without jets (Awkward:
/// `ak.fill_none(ak.firsts(events.Jet.pt), 0.0)`).
#[differentiable]
fn leading_pt(pt: &Array<f64>) -> Array<f64> {
    pt.firsts().fill_none(0.0)
}

#[test]
fn leading_pt_is_the_first_jet_or_zero() {
    let pt = array![[50.0, 30.0], [], [20.0]];
    assert_eq!(leading_pt(&pt), Array::from_vec(vec![50.0, 0.0, 20.0]));
    let (_, tangent) = jvp_leading_pt(&pt, &array![[1.0, 2.0], [], [3.0]]);
    assert_eq!(tangent, Array::from_vec(vec![1.0, 0.0, 3.0]));
    let (_, pullback) = vjp_leading_pt(&pt);
    assert_eq!(
        pullback(&Array::from_vec(vec![10.0, 20.0, 30.0])),
        array![[10.0, 0.0], [], [30.0]]
    );
    for x in events(1) {
        assert_grads(
            leading_pt,
            jvp_leading_pt,
            |x, ct| vjp_leading_pt(x).1(ct),
            &x,
        );
    }
}

/// A tiny network on a fixed-size input: the first three jets of each event, zero-padded
/// (Awkward: `ak.fill_none(ak.pad_none(pt, 3, clip=True), 0.0)`), one tanh unit per event,
/// and the squared error against a target, summed over events.
#[differentiable]
fn network_loss(pt: &Array<f64>, w0: f64, w1: f64, w2: f64, bias: f64) -> f64 {
    let inputs = pt.pad_none(3, true).fill_none(0.0) / 100.0;
    let h = inputs.slice(s![.., 0]) * w0 + inputs.slice(s![.., 1]) * w1;
    let out = (h + inputs.slice(s![.., 2]) * w2 + bias).tanh();
    let error = out - 0.5;
    (&error * &error).sum_all()
}

#[test]
fn a_padded_fixed_size_input_feeds_a_network() {
    let pt = array![[50.0, 30.0, 20.0, 10.0], [], [40.0]];
    // The padded input Awkward gives: [[50, 30, 20], [0, 0, 0], [40, 0, 0]].
    let padded = pt.pad_none(3, true).fill_none(0.0);
    assert_eq!(
        padded,
        array![[50.0, 30.0, 20.0], [0.0, 0.0, 0.0], [40.0, 0.0, 0.0]]
    );
    let (w0, w1, w2, bias): (f64, f64, f64, f64) = (0.8, -0.3, 0.5, 0.1);
    let expected: f64 = [(0.5f64, 0.3f64, 0.2f64), (0.0, 0.0, 0.0), (0.4, 0.0, 0.0)]
        .iter()
        .map(|(a, b, c)| {
            let e = (w0 * a + w1 * b + w2 * c + bias).tanh() - 0.5;
            e * e
        })
        .sum();
    assert!((network_loss(&pt, w0, w1, w2, bias) - expected).abs() < 1e-12);
    // The fourth jet is clipped away: no gradient reaches it.
    let (grad_pt, ..) = grad_network_loss(&pt, w0, w1, w2, bias);
    assert_eq!(grad_pt.content()[3], 0.0);
    for x in events(2) {
        let f = |(x, w0, w1, w2, b): &(Array<f64>, f64, f64, f64, f64)| {
            network_loss(x, *w0, *w1, *w2, *b)
        };
        let jvp = |(x, w0, w1, w2, b): &(Array<f64>, f64, f64, f64, f64),
                   (dx, d0, d1, d2, db): &(Array<f64>, f64, f64, f64, f64)| {
            jvp_network_loss(x, *w0, *w1, *w2, *b, dx, *d0, *d1, *d2, *db)
        };
        let vjp = |(x, w0, w1, w2, b): &(Array<f64>, f64, f64, f64, f64), ct: &f64| {
            vjp_network_loss(x, *w0, *w1, *w2, *b).1(*ct)
        };
        assert_grads(f, jvp, vjp, &(x, w0, w1, w2, bias));
    }
}

/// The hardest jet's pt, or a learned default for events without jets: the fill value is a
/// differentiated parameter, whose gradient is the number of such events.
#[differentiable]
fn hardest_or_default(pt: &Array<f64>, default: f64) -> f64 {
    pt.max_or_none(-1).fill_none(default).sum_all()
}

#[test]
fn the_fill_value_is_differentiable() {
    let pt = array![[50.0, 30.0], [], [20.0], []];
    assert_eq!(hardest_or_default(&pt, 7.0), 84.0);
    let (grad_pt, grad_default) = grad_hardest_or_default(&pt, 7.0);
    assert_eq!(grad_pt, array![[1.0, 0.0], [], [1.0], []]);
    assert_eq!(grad_default, 2.0);
    for x in events(3) {
        let f = |(x, d): &(Array<f64>, f64)| hardest_or_default(x, *d);
        let jvp = |(x, d): &(Array<f64>, f64), (dx, dd): &(Array<f64>, f64)| {
            jvp_hardest_or_default(x, *d, dx, *dd)
        };
        let vjp = |(x, d): &(Array<f64>, f64), ct: &f64| vjp_hardest_or_default(x, *d).1(*ct);
        assert_grads(f, jvp, vjp, &(x, 3.0));
    }
}

/// The scalar sum of jets above a threshold, through `mask` and `drop_none`, with
/// arithmetic and a ufunc on the masked values in between.
#[differentiable]
fn soft_sum_above(pt: &Array<f64>, scale: f64) -> Array<f64> {
    let hard = pt.mask(&pt.gt(40.0));
    let weighted = (&hard * scale).ln() + 1.0;
    weighted.drop_none().sum(-1)
}

#[test]
fn masked_values_go_through_arithmetic() {
    let pt = array![[50.0, 30.0], [], [20.0, 60.0]];
    let y = soft_sum_above(&pt, 2.0);
    let expected = Array::from_vec(vec![100f64.ln() + 1.0, 0.0, 120f64.ln() + 1.0]);
    assert!(y.zip_value(&expected, |a, b| (a - b).abs()).max_all() < 1e-12);
    for x in events(4) {
        let f = |(x, s): &(Array<f64>, f64)| soft_sum_above(x, *s);
        let jvp = |(x, s): &(Array<f64>, f64), (dx, ds): &(Array<f64>, f64)| {
            jvp_soft_sum_above(x, *s, dx, *ds)
        };
        let vjp = |(x, s): &(Array<f64>, f64), ct: &Array<f64>| vjp_soft_sum_above(x, *s).1(ct);
        assert_grads(f, jvp, vjp, &(x, 1.5));
    }
}

/// A masked parameter and a masked output: tangents and cotangents are masked arrays of the
/// same missing entries.
#[differentiable]
fn masked_square(m: &Masked<f64>, w: &Array<f64>) -> Masked<f64> {
    let scaled = m * w;
    &scaled * &scaled - m
}

#[test]
fn masked_parameters_and_outputs_have_masked_tangents() {
    let m = array![[1.0, 2.0], [], [3.0]].firsts();
    let w = Array::from_vec(vec![2.0, 5.0, 3.0]);
    assert_eq!(masked_square(&m, &w).to_string(), "[3, None, 78]");
    let dm = Masked::from_array(Array::from_vec(vec![1.0, 9.0, 1.0])).mask_like(&m);
    let (_, dy) = jvp_masked_square(&m, &w, &dm, &w.zeros_like());
    // d/dm (m w)^2 - m = 2 m w^2 - 1.
    assert_eq!(dy.to_string(), "[7, None, 53]");
    let (_, pullback) = vjp_masked_square(&m, &w);
    let (ct_m, ct_w) =
        pullback(&Masked::from_array(Array::from_vec(vec![1.0, 1.0, 1.0])).mask_like(&m));
    assert_eq!(ct_m.to_string(), "[7, None, 53]");
    // d/dw (m w)^2 = 2 m^2 w: nothing for the event whose value is missing.
    assert_eq!(ct_w, Array::from_vec(vec![4.0, 0.0, 54.0]));
    for x in events(5) {
        let m = x.firsts();
        let w = x.sum(-1) / 100.0;
        let f = |(m, w): &(Masked<f64>, Array<f64>)| masked_square(m, w);
        let jvp = |(m, w): &(Masked<f64>, Array<f64>), (dm, dw): &(Masked<f64>, Array<f64>)| {
            jvp_masked_square(m, w, dm, dw)
        };
        let vjp =
            |(m, w): &(Masked<f64>, Array<f64>), ct: &Masked<f64>| vjp_masked_square(m, w).1(ct);
        assert_grads(f, jvp, vjp, &(m, w));
    }
}

/// `is_none` has no derivative: a mask made from it is a constant. The missing transverse
/// energy summed over the events without jets.
#[differentiable]
fn met_without_jets(pt: &Array<f64>, met: &Array<f64>) -> f64 {
    let no_jet = pt.firsts().is_none();
    met.filter(&no_jet).sum_all() + pt.sum_all()
}

#[test]
fn is_none_is_a_constant() {
    let pt = array![[50.0, 30.0], [], [20.0], []];
    let met = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(met_without_jets(&pt, &met), 106.0);
    let (grad_pt, grad_met) = grad_met_without_jets(&pt, &met);
    assert_eq!(grad_pt, array![[1.0, 1.0], [], [1.0], []]);
    assert_eq!(grad_met, Array::from_vec(vec![0.0, 1.0, 0.0, 1.0]));
}

/// A `#[differentiable]` function giving a masked value...
#[differentiable]
fn scaled_leading(pt: &Array<f64>, scale: f64) -> Masked<f64> {
    pt.firsts() * scale
}

/// ... and one taking a masked value ...
#[differentiable]
fn shifted(m: &Masked<f64>) -> Masked<f64> {
    m - 10.0
}

/// ... called from a third: their `jvp_`/`vjp_` pass masked tangents and cotangents.
#[differentiable]
fn calibrated_total(pt: &Array<f64>, scale: f64) -> f64 {
    let leading = scaled_leading(pt, scale);
    let moved = shifted(&leading);
    (&moved * &moved).fill_none(0.0).sum_all()
}

#[test]
fn masked_values_pass_between_differentiable_functions() {
    let pt = array![[50.0, 30.0], [], [20.0]];
    // (1.1 * 50 - 10)^2 + (1.1 * 20 - 10)^2
    assert!((calibrated_total(&pt, 1.1) - (45.0f64.powi(2) + 12.0f64.powi(2))).abs() < 1e-9);
    let (grad_pt, grad_scale) = grad_calibrated_total(&pt, 1.1);
    assert_eq!(grad_pt.to_string(), "[[99, 0], [], [26.4]]");
    assert!((grad_scale - (2.0 * 45.0 * 50.0 + 2.0 * 12.0 * 20.0)).abs() < 1e-9);
    for x in events(6) {
        let f = |(x, s): &(Array<f64>, f64)| calibrated_total(x, *s);
        let jvp = |(x, s): &(Array<f64>, f64), (dx, ds): &(Array<f64>, f64)| {
            jvp_calibrated_total(x, *s, dx, *ds)
        };
        let vjp = |(x, s): &(Array<f64>, f64), ct: &f64| vjp_calibrated_total(x, *s).1(*ct);
        assert_grads(f, jvp, vjp, &(x, 0.9));
    }
}
