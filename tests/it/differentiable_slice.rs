//! `#[differentiable]` through slicing: `slice(s![..])`, `at`, `take`, `filter`, `flatten`,
//! with constant and parameter arguments. Checked with the gradient-check harness.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_ragged, rng};
use awkdiff::prelude::*;
use awkdiff::rules;

/// Ragged inputs of depth 1 and 2 whose lists are long enough for the slices below.
fn inputs(depth: usize) -> Vec<Array<f64>> {
    let mut r = rng(17);
    let mut out: Vec<Array<f64>> = (0..4)
        .map(|_| random_ragged(&mut r, depth, 4, -1.0, 1.0))
        .collect();
    out.push(random_ragged(&mut r, depth, 0, -1.0, 1.0));
    out
}

#[differentiable]
fn reversed_tails(x: &Array<f64>) -> Array<f64> {
    let tails = x.slice(s![.., 1..]);
    let reversed = tails.slice(s![..;-1]);
    reversed * 2.0
}

#[differentiable]
fn first_list(x: &Array<f64>, i: isize) -> Array<f64> {
    x.at(i).exp()
}

#[differentiable]
fn picked(x: &Array<f64>, indices: &[i64]) -> Array<f64> {
    let a = x.take(indices);
    let b = x.take(&[0, 0]);
    a.sum(-1) + b.sum(-1).sum_all()
}

#[differentiable]
fn picked_by_array(x: &Array<f64>, #[no_grad] indices: Array<i64>) -> Array<f64> {
    // An `Array<i64>` of outer positions is passed by its values (`take` accepts no
    // `Array<i64>`: arrays of positions inside lists go to `index`).
    let outer = indices.content().to_vec();
    x.take(&outer).sum(-1)
}

#[differentiable]
fn positives(x: &Array<f64>) -> f64 {
    let mask = x.gt(0.0);
    let kept = x.filter(&mask);
    (&kept * &kept).sum_all()
}

#[differentiable]
fn masked(x: &Array<f64>, #[no_grad] mask: &Array<bool>) -> Array<f64> {
    x.filter(mask).sin()
}

#[differentiable]
fn flat_squares(x: &Array<f64>) -> Array<f64> {
    let flat = x.flatten();
    &flat * &flat
}

#[test]
fn slices_match_the_harness() {
    for x in inputs(1).into_iter().chain(inputs(2)) {
        assert_grads(
            reversed_tails,
            jvp_reversed_tails,
            |x, ct| vjp_reversed_tails(x).1(ct),
            &x,
        );
        assert_grads(
            flat_squares,
            jvp_flat_squares,
            |x, ct| vjp_flat_squares(x).1(ct),
            &x,
        );
        assert_grads(
            positives,
            jvp_positives,
            |x, ct| vjp_positives(x).1(*ct),
            &x,
        );
        let mask = x.lt(0.5);
        assert_grads(
            |x| masked(x, &mask),
            |x, t| jvp_masked(x, &mask, t),
            |x, ct| vjp_masked(x, &mask).1(ct),
            &x,
        );
        if !x.is_empty() {
            assert_grads(
                |x| first_list(x, -1),
                |x, t| jvp_first_list(x, -1, t),
                |x, ct| vjp_first_list(x, -1).1(ct),
                &x,
            );
            let indices = vec![x.len() as i64 - 1, 0];
            assert_grads(
                |x| picked(x, &indices),
                |x, t| jvp_picked(x, &indices, t),
                |x, ct| vjp_picked(x, &indices).1(ct),
                &x,
            );
            let indices = Array::from_vec(indices);
            assert_grads(
                |x| picked_by_array(x, indices.clone()),
                |x, t| jvp_picked_by_array(x, indices.clone(), t),
                |x, ct| vjp_picked_by_array(x, indices.clone()).1(ct),
                &x,
            );
        }
    }
}

#[test]
fn the_pullback_owns_its_index_argument() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let pullback = {
        let indices = vec![2, 0];
        vjp_picked(&x, &indices).1
    };
    // x.take([2, 0]) gets [1, 10] per list; x.take([0, 0]).sum_all() gets 11 per element.
    assert_eq!(
        pullback(&array![1.0, 10.0]),
        array![[32.0, 32.0], [], [1.0]]
    );
}

/// The accumulating selection rules (`*_vjp_into`, what a reverse sweep calls when a value
/// feeds several selections) add into the cotangent so far: in place when no other array
/// shares its values, into a copy otherwise; either way the sum of the two steps.
#[test]
fn selection_cotangents_accumulate_in_place() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0], [6.0]];
    let s = s![.., 1..];
    let y = x.slice(&s);
    let ct = array![[1.0, 2.0], [], [3.0], []];
    let want = rules::Value::add_value(&x.full_like(0.5), &rules::slice_vjp(&x, &y, &s, &ct));
    // Owned: written in place.
    let acc = x.full_like(0.5);
    let at = acc.content().as_ptr();
    let out = rules::slice_vjp_into(acc, &x, &y, &s, &ct);
    assert_eq!(out, want);
    assert_eq!(out.content().as_ptr(), at);
    // Shared: the other array keeps its values.
    let acc = x.full_like(0.5);
    let keep = acc.clone();
    assert_eq!(rules::slice_vjp_into(acc, &x, &y, &s, &ct), want);
    assert_eq!(keep, x.full_like(0.5));
    // Jagged indices with repeats, and a reversed slice (a descending run).
    let idx = array![[2, 0, 2], [], [1], [0, 0]];
    let picked = x.index(&idx);
    let ct = picked.full_like(1.0);
    let want =
        rules::Value::add_value(&x.full_like(1.0), &rules::index_vjp(&x, &picked, &idx, &ct));
    assert_eq!(
        rules::index_vjp_into(x.full_like(1.0), &x, &picked, &idx, &ct),
        want
    );
    let r = s![..;-1, ..;-1];
    let reversed = x.slice(&r);
    let ct = &reversed * 10.0;
    let want = rules::Value::add_value(&x, &rules::slice_vjp(&x, &reversed, &r, &ct));
    assert_eq!(
        rules::slice_vjp_into(x.clone(), &x, &reversed, &r, &ct),
        want
    );
}

/// The cotangents of slices read list by list (ranges inside lists, whole lists in reverse
/// order), with empty lists at both ends, against the values written out by hand.
#[test]
fn range_slice_cotangents_land_where_their_values_came_from() {
    let x = array![[], [1.0, 2.0, 3.0], [], [4.0, 5.0], [6.0], []];
    let r = s![..;-1];
    let reversed = x.slice(&r);
    assert_eq!(
        reversed,
        array![[], [6.0], [4.0, 5.0], [], [1.0, 2.0, 3.0], []]
    );
    let ct = &reversed * 10.0;
    assert_eq!(
        rules::slice_vjp(&x, &reversed, &r, &ct),
        array![[], [10.0, 20.0, 30.0], [], [40.0, 50.0], [60.0], []]
    );
    let t = s![.., 1..];
    let tails = x.slice(&t);
    let ct = array![[], [1.0, 2.0], [], [3.0], [], []];
    assert_eq!(
        rules::slice_vjp(&x, &tails, &t, &ct),
        array![[], [0.0, 1.0, 2.0], [], [0.0, 3.0], [0.0], []]
    );
    let h = s![.., ..-1];
    let heads = x.slice(&h);
    assert_eq!(
        rules::slice_vjp(&x, &heads, &h, &ct),
        array![[], [1.0, 2.0, 0.0], [], [3.0, 0.0], [0.0], []]
    );
}

#[test]
#[should_panic(expected = "cotangent of `slice`'s input")]
fn an_accumulated_cotangent_of_another_structure_panics() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let s = s![.., 1..];
    let y = x.slice(&s);
    let _ = rules::slice_vjp_into(array![[1.0]], &x, &y, &s, &y.full_like(1.0));
}
