//! Every slicing rule through the gradient check (JVP against central differences, VJP
//! against JVP) on random ragged arrays with empty lists and empty arrays, depths 1 to 3,
//! plus exact cotangents of `take` with repeats and of `filter`.

use awkdiff_core::check::{check_grads, random_ragged, rng, CheckOptions};
use awkdiff_core::rules::{
    at_jvp, at_vjp, filter_jvp, filter_vjp, flatten_jvp, flatten_vjp, slice_jvp, slice_vjp,
    take_jvp, take_vjp,
};
use awkdiff_core::{array, s, Array, Slice};

/// Random arrays of `ndim` dimensions (1 to 3); the seeds give empty lists and, among
/// them, empty arrays.
fn inputs(ndim: usize) -> Vec<Array<f64>> {
    let mut r = rng(40 + ndim as u64);
    let mut out: Vec<Array<f64>> = (0..12)
        .map(|_| random_ragged(&mut r, ndim - 1, 4, -2.0, 2.0))
        .collect();
    out.push(random_ragged(&mut r, ndim - 1, 0, -2.0, 2.0)); // an empty array
    assert!(out.iter().any(|x| x.is_empty()));
    out
}

/// The same array without its empty lists at the outermost `var` dimension, so that
/// `s![.., 0]` and `s![.., -1]` apply.
fn without_empty_lists(x: &Array<f64>) -> Array<f64> {
    let mask = x.counts().map(|c| c > 0);
    x.filter(&mask)
}

fn check_slice(x: &Array<f64>, s: &Slice) {
    let f = |x: &Array<f64>| x.slice(s);
    let jvp = |x: &Array<f64>, t: &Array<f64>| {
        let y = x.slice(s);
        let dy = slice_jvp(x, &y, s, t);
        (y, dy)
    };
    let vjp = |x: &Array<f64>, ct: &Array<f64>| slice_vjp(x, &x.slice(s), s, ct);
    if let Err(e) = check_grads(f, jvp, vjp, x, &CheckOptions::default()) {
        panic!("slice {s:?} of {:?} {:?}: {e}", x.structure(), x.content());
    }
}

#[test]
fn ranges_on_every_dimension_at_every_depth() {
    let outer = [
        s![1..],
        s![..-1],
        s![..;-1],
        s![1..4;2],
        s![4..0;-2],
        s![-2..],
        s![10..],
        s![..],
    ];
    for ndim in 1..=3 {
        for x in inputs(ndim) {
            for s in &outer {
                check_slice(&x, s);
            }
            if ndim >= 2 {
                for s in [
                    s![.., 1..],
                    s![.., ..-1],
                    s![.., ..;-1],
                    s![.., 3..0;-1],
                    s![1.., ..;2],
                    s![..;-1, -2..],
                ] {
                    check_slice(&x, &s);
                }
            }
            if ndim == 3 {
                for s in [s![.., .., ..;-1], s![.., 1.., 1..], s![..;-1, ..;-1, ..;-1]] {
                    check_slice(&x, &s);
                }
            }
        }
    }
}

#[test]
fn indices_on_every_dimension_at_every_depth() {
    for ndim in 2..=3 {
        for x in inputs(ndim) {
            if !x.is_empty() {
                check_slice(&x, &s![0]);
                check_slice(&x, &s![-1]);
                check_slice(&x, &s![-1, ..;-1]);
            }
            let full = without_empty_lists(&x);
            check_slice(&full, &s![.., 0]);
            check_slice(&full, &s![..;-1, -1]);
            if ndim == 3 {
                check_slice(&full, &s![.., 0, ..;-1]);
                let inner = without_empty_lists(&full.flatten());
                check_slice(&inner, &s![.., 0]);
            }
        }
    }
}

#[test]
fn at_rule() {
    for ndim in 2..=3 {
        for x in inputs(ndim).into_iter().filter(|x| !x.is_empty()) {
            for i in [0isize, -1] {
                let f = |x: &Array<f64>| x.at(i);
                let jvp = |x: &Array<f64>, t: &Array<f64>| {
                    let y = x.at(i);
                    let dy = at_jvp(x, &y, i, t);
                    (y, dy)
                };
                let vjp = |x: &Array<f64>, ct: &Array<f64>| at_vjp(x, &x.at(i), i, ct);
                check_grads(f, jvp, vjp, &x, &CheckOptions::default()).unwrap();
            }
        }
    }
}

#[test]
fn take_rule() {
    for ndim in 1..=3 {
        for x in inputs(ndim) {
            let n = x.len() as i64;
            let indices: Vec<i64> = if n == 0 {
                vec![]
            } else {
                vec![0, n - 1, -1, 0, n / 2, -n]
            };
            let f = |x: &Array<f64>| x.take(&indices);
            let jvp = |x: &Array<f64>, t: &Array<f64>| {
                let y = x.take(&indices);
                let dy = take_jvp(x, &y, &indices, t);
                (y, dy)
            };
            let vjp =
                |x: &Array<f64>, ct: &Array<f64>| take_vjp(x, &x.take(&indices), &indices, ct);
            check_grads(f, jvp, vjp, &x, &CheckOptions::default()).unwrap();
        }
    }
}

#[test]
fn filter_rule_with_masks_of_every_depth() {
    for ndim in 1..=3 {
        for x in inputs(ndim) {
            let mut masks = vec![x.map(|v| v > 0.0)];
            let outer: Vec<bool> = (0..x.len()).map(|i| i % 3 != 1).collect();
            masks.push(Array::from_vec(outer));
            if ndim == 3 {
                let lists = x.flatten();
                let per_list: Vec<bool> = (0..lists.len()).map(|i| i % 2 == 0).collect();
                masks.push(
                    Array::from_offsets(x.offsets(0).to_vec(), Array::from_vec(per_list)).unwrap(),
                );
            }
            for mask in &masks {
                let f = |x: &Array<f64>| x.filter(mask);
                let jvp = |x: &Array<f64>, t: &Array<f64>| {
                    let y = x.filter(mask);
                    let dy = filter_jvp(x, &y, mask, t);
                    (y, dy)
                };
                let vjp =
                    |x: &Array<f64>, ct: &Array<f64>| filter_vjp(x, &x.filter(mask), mask, ct);
                check_grads(f, jvp, vjp, &x, &CheckOptions::default()).unwrap();
            }
        }
    }
}

#[test]
fn flatten_rule() {
    for ndim in 2..=3 {
        for x in inputs(ndim) {
            let jvp = |x: &Array<f64>, t: &Array<f64>| {
                let y = x.flatten();
                let dy = flatten_jvp(x, &y, t);
                (y, dy)
            };
            let vjp = |x: &Array<f64>, ct: &Array<f64>| flatten_vjp(x, &x.flatten(), ct);
            check_grads(
                |x: &Array<f64>| x.flatten(),
                jvp,
                vjp,
                &x,
                &CheckOptions::default(),
            )
            .unwrap();
        }
    }
}

#[test]
fn a_wrong_rule_is_caught() {
    // The check can fail: the VJP of the reversal is not the unreversed cotangent.
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let s = s![.., ..;-1];
    let f = |x: &Array<f64>| x.slice(&s);
    let jvp = |x: &Array<f64>, t: &Array<f64>| (x.slice(&s), slice_jvp(x, &x.slice(&s), &s, t));
    let wrong_vjp = |_x: &Array<f64>, ct: &Array<f64>| ct.clone();
    assert!(check_grads(f, jvp, wrong_vjp, &x, &CheckOptions::default()).is_err());
}

#[test]
fn take_cotangent_accumulates_repeats() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let indices = [2, 0, 2, -1];
    let y = x.take(&indices);
    let ct = array![
        [1.0, 2.0],
        [10.0, 20.0, 30.0],
        [100.0, 200.0],
        [1000.0, 2000.0]
    ];
    assert_eq!(
        take_vjp(&x, &y, &indices, &ct),
        array![[10.0, 20.0, 30.0], [], [1101.0, 2202.0]]
    );
    assert_eq!(
        take_jvp(&x, &y, &indices, &array![[0.0, 0.0, 1.0], [], [2.0, 3.0]]),
        array![[2.0, 3.0], [0.0, 0.0, 1.0], [2.0, 3.0], [2.0, 3.0]]
    );
}

#[test]
fn filter_cotangent_is_zero_where_the_mask_is_false() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let mask = array![[true, false, true], [], [false, true]];
    let y = x.filter(&mask);
    assert_eq!(
        filter_vjp(&x, &y, &mask, &array![[7.0, 8.0], [], [9.0]]),
        array![[7.0, 0.0, 8.0], [], [0.0, 9.0]]
    );
    let outer = array![false, true, true];
    let y = x.filter(&outer);
    assert_eq!(
        filter_vjp(&x, &y, &outer, &array![[], [6.0, 7.0]]),
        array![[0.0, 0.0, 0.0], [], [6.0, 7.0]]
    );
}

#[test]
fn the_seed_example_reverse_then_sum_pullback() {
    // ak.sum(x[::-1], axis=0) pulled back: the reversal's VJP scatters the cotangent of the
    // reversed array back in the original order.
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let s = s![..;-1];
    let y = x.slice(&s);
    let ct_reversed = array![[1.0, 10.0], [], [1.0, 10.0, 100.0]];
    assert_eq!(
        slice_vjp(&x, &y, &s, &ct_reversed),
        array![[1.0, 10.0, 100.0], [], [1.0, 10.0]]
    );
}

#[test]
#[should_panic(
    expected = "structure mismatch in tangent of `slice`: expected 3 * var * float64, got 2 * var * float64: lengths 3 and 2 differ"
)]
fn a_tangent_of_another_structure_panics() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let s = s![..;-1];
    slice_jvp(&x, &x.slice(&s), &s, &array![[1.0], [2.0]]);
}

#[test]
#[should_panic(
    expected = "structure mismatch in cotangent of `take`: expected 2 * var * float64, got 1 * var * float64: lengths 2 and 1 differ"
)]
fn a_cotangent_of_another_structure_panics() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    take_vjp(&x, &x.take(&[0, 0]), &[0, 0], &array![[1.0]]);
}
