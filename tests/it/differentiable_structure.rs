//! `#[differentiable]` through the structure primitives, as a physicist or an ML engineer
//! writes them: the leading jet by `argsort` and `index` (or `sort`) then `item` or a slice,
//! a lepton collection joined by `concatenate`, a loss on sorted values, `unflatten` and
//! `ravel` round trips, and the `try_*` forms in a function returning `Result`. Every
//! generated JVP and VJP is checked against central differences by the harness.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_ragged, rng};
use awkdiff::prelude::*;

/// Jet transverse momenta: three events, the second without jets.
fn jets() -> Array<f64> {
    array![[41.5, 103.2, 27.9], [], [55.0, 12.5]]
}

/// The scalar sum of the leading jet's pt over events with jets, by `argsort` (descending)
/// and jagged indexing, as `ak.sum(pt[ak.argsort(pt, ascending=False)][:, :1])`.
#[differentiable]
fn leading_pt_sum(pt: &Array<f64>) -> f64 {
    let order = pt.argsort(1, true);
    let by_pt = pt.index(&order);
    by_pt.slice(s![.., ..1]).sum_all()
}

/// The leading jet's pt of event `event` (it must have a jet), squared: `pt[event][0] ** 2`
/// after sorting, read with `item`.
#[differentiable]
fn leading_pt_squared(pt: &Array<f64>, event: i64) -> f64 {
    let sorted = pt.sort(-1, true);
    let leading = sorted.item(&[event, 0]);
    leading * leading
}

/// `x[0, 0] * x[2, 1]` (Awkward) with `item`: a product of two single values.
#[differentiable]
fn corner_product(x: &Array<f64>) -> f64 {
    x.item(&[0, 0]) * x.item(&[2, -1])
}

/// Electrons and muons joined into one lepton collection per event, then the scalar sum of
/// their pt per event (`ak.sum(ak.concatenate([e, mu], axis=1), axis=1)`).
#[differentiable]
fn lepton_ht(electrons: &Array<f64>, muons: &Array<f64>) -> Array<f64> {
    let leptons = concatenate(&[electrons, muons], 1);
    leptons.sum(1)
}

/// Three collections one after the other (axis 0), scaled; the middle one is a constant.
#[differentiable]
fn stacked(a: &Array<f64>, b: &Array<f64>) -> Array<f64> {
    let doubled = a * 2.0;
    let all = concatenate(&[&doubled, &array![[1.0], []], b], 0);
    all.exp()
}

/// A loss between sorted predictions and sorted targets (an optimal-transport style loss on
/// each list): `sum((sort(x) - sort(target)) ** 2)`.
#[differentiable]
fn sorted_loss(x: &Array<f64>, #[no_grad] target: &Array<f64>) -> f64 {
    let sorted = x.sort(1, false);
    let expected = target.sort(1, false);
    (sorted - expected).powi(2).sum_all()
}

/// All leaves flat, regrouped in pairs: `ak.unflatten(ak.ravel(x), counts)`.
#[differentiable]
fn regrouped(x: &Array<f64>, #[no_grad] counts: &[i64]) -> Array<f64> {
    let flat = x.ravel();
    let groups = flat.unflatten(counts);
    (groups.sin() * 3.0).sum(1)
}

/// The same with the fallible forms and `?`.
#[differentiable]
fn joined_sorted(a: &Array<f64>, b: &Array<f64>) -> Result<Array<f64>, Error> {
    let both = try_concatenate(&[a, b], -1)?;
    let sorted = both.try_sort(-1, false)?;
    let top = sorted.try_index(&sorted.local_index(-1))?;
    let total = top.try_sum(1)?;
    Ok(total)
}

#[test]
fn the_leading_jet() {
    let pt = jets();
    assert_eq!(leading_pt_sum(&pt), 103.2 + 55.0);
    let grad = grad_leading_pt_sum(&pt);
    assert_eq!(grad, array![[0.0, 1.0, 0.0], [], [1.0, 0.0]]);
    assert_grads(
        leading_pt_sum,
        jvp_leading_pt_sum,
        |x, ct| vjp_leading_pt_sum(x).1(*ct),
        &pt,
    );
    assert_eq!(leading_pt_squared(&pt, 2), 55.0 * 55.0);
    assert_eq!(
        grad_leading_pt_squared(&pt, 2),
        array![[0.0, 0.0, 0.0], [], [110.0, 0.0]]
    );
    assert_grads(
        |x: &Array<f64>| leading_pt_squared(x, 0),
        |x: &Array<f64>, t: &Array<f64>| jvp_leading_pt_squared(x, 0, t),
        |x: &Array<f64>, ct: &f64| vjp_leading_pt_squared(x, 0).1(*ct),
        &pt,
    );
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(corner_product(&x), 5.0);
    assert_eq!(
        grad_corner_product(&x),
        array![[5.0, 0.0, 0.0], [], [0.0, 1.0]]
    );
}

#[test]
fn an_event_without_jets_is_an_error_not_a_silent_pick() {
    let pt = jets();
    // `item` on the empty event names it.
    let result = std::panic::catch_unwind(|| leading_pt_squared(&pt, 1));
    let panic = result.unwrap_err();
    assert_eq!(
        panic.downcast_ref::<String>().unwrap(),
        "index 0 is out of range in list [1] (length 0)"
    );
    // argmax gives -1 for the empty event; as jagged indices that is an error, never the
    // last jet of something.
    let first_max = Array::from_offsets(vec![0, 1, 2, 3], pt.argmax(1)).unwrap();
    let err = pt.try_index(&first_max).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Index {
                index: -1,
                len: 0,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn leptons() {
    let electrons = array![[30.0, 12.0], [], [8.0]];
    let muons = array![[5.0], [40.0, 22.0], []];
    assert_eq!(lepton_ht(&electrons, &muons), array![47.0, 62.0, 8.0]);
    let (_, pullback) = vjp_lepton_ht(&electrons, &muons);
    let (ct_e, ct_mu) = pullback(&array![1.0, 10.0, 100.0]);
    assert_eq!(ct_e, array![[1.0, 1.0], [], [100.0]]);
    assert_eq!(ct_mu, array![[1.0], [10.0, 10.0], []]);
    let mut r = rng(5);
    for _ in 0..6 {
        let e = random_ragged(&mut r, 1, 4, -1.0, 1.0);
        let mu = e.map(|v| v * 0.5).slice(s![.., ..;-1]);
        assert_grads(
            |(e, mu): &(Array<f64>, Array<f64>)| lepton_ht(e, mu),
            |(e, mu): &(Array<f64>, Array<f64>), (de, dmu): &(Array<f64>, Array<f64>)| {
                jvp_lepton_ht(e, mu, de, dmu)
            },
            |(e, mu): &(Array<f64>, Array<f64>), ct: &Array<f64>| vjp_lepton_ht(e, mu).1(ct),
            &(e.clone(), mu),
        );
        let b = random_ragged(&mut r, 1, 3, -1.0, 1.0);
        assert_grads(
            |(a, b): &(Array<f64>, Array<f64>)| stacked(a, b),
            |(a, b): &(Array<f64>, Array<f64>), (da, db): &(Array<f64>, Array<f64>)| {
                jvp_stacked(a, b, da, db)
            },
            |(a, b): &(Array<f64>, Array<f64>), ct: &Array<f64>| vjp_stacked(a, b).1(ct),
            &(e, b),
        );
    }
}

#[test]
fn sorted_values_loss() {
    let x = array![[0.3, -1.2, 0.8], [], [2.0, 1.5]];
    let target = array![[0.0, 1.0, -1.0], [], [1.0, 2.0]];
    // sort(x) = [[-1.2, 0.3, 0.8], [], [1.5, 2.0]], sort(target) = [[-1, 0, 1], [], [1, 2]]
    let loss = sorted_loss(&x, &target);
    assert!((loss - (0.04 + 0.09 + 0.04 + 0.25)).abs() < 1e-12);
    // The gradient goes back to each value's own place: 2 (sorted - expected), unsorted.
    let grad = grad_sorted_loss(&x, &target);
    let expected = array![[0.6, -0.4, -0.4], [], [0.0, 1.0]];
    assert!(grad
        .content()
        .iter()
        .zip(expected.content())
        .all(|(a, b)| (a - b).abs() < 1e-12));
    let mut r = rng(8);
    for _ in 0..6 {
        let x = random_ragged(&mut r, 1, 5, -1.0, 1.0);
        let target = x.map(|v| v * v);
        assert_grads(
            |x: &Array<f64>| sorted_loss(x, &target),
            |x: &Array<f64>, t: &Array<f64>| jvp_sorted_loss(x, &target, t),
            |x: &Array<f64>, ct: &f64| vjp_sorted_loss(x, &target).1(*ct),
            &x,
        );
    }
}

#[test]
fn reshaping_and_fallible_forms() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0]];
    let counts = [2, 2];
    let y = regrouped(&x, &counts);
    let expected = [
        3.0 * (1.0f64.sin() + 2.0f64.sin()),
        3.0 * (3.0f64.sin() + 4.0f64.sin()),
    ];
    assert_eq!(y.type_str(), "2 * float64");
    assert!(y
        .content()
        .iter()
        .zip(expected)
        .all(|(a, b)| (a - b).abs() < 1e-12));
    assert_grads(
        |x: &Array<f64>| regrouped(x, &counts),
        |x: &Array<f64>, t: &Array<f64>| jvp_regrouped(x, &counts, t),
        |x: &Array<f64>, ct: &Array<f64>| vjp_regrouped(x, &counts).1(ct),
        &x,
    );
    let (a, b) = (array![[3.0, 1.0], [], [2.0]], array![[0.5], [7.0], []]);
    assert_eq!(joined_sorted(&a, &b).unwrap(), array![4.5, 7.0, 2.0]);
    let (_, pullback) = vjp_joined_sorted(&a, &b).unwrap();
    let (ct_a, ct_b) = pullback(&array![1.0, 2.0, 3.0]).unwrap();
    assert_eq!(
        (ct_a, ct_b),
        (array![[1.0, 1.0], [], [3.0]], array![[1.0], [2.0], []])
    );
    let err = joined_sorted(&a, &array![[1.0]]).unwrap_err();
    assert!(matches!(err, Error::Structure { .. }), "{err}");
}
