//! Derivative rules of the reducers: gradient checks (JVP against central differences, VJP
//! against JVP) at every axis, positive and negative, of random ragged arrays of depth 1 to
//! 4 with empty lists and empty arrays; exact derivatives of `prod` with zeros and of
//! `max`/`min` with ties; `Error::Axis` messages.

use awkdiff_core::check::{check_grads, random_ragged, rng, CheckOptions};
use awkdiff_core::{array, rules, Array, Error, Structure};

type Primal = fn(&Array<f64>, isize) -> Array<f64>;
type Rule = fn(&Array<f64>, &Array<f64>, isize, &Array<f64>) -> Array<f64>;

/// (name, primal, jvp rule, vjp rule) of every differentiable reducer.
const REDUCERS: [(&str, Primal, Rule, Rule); 5] = [
    ("sum", Array::sum, rules::sum_jvp, rules::sum_vjp),
    ("prod", Array::prod, rules::prod_jvp, rules::prod_vjp),
    ("mean", Array::mean, rules::mean_jvp, rules::mean_vjp),
    ("max", Array::max, rules::max_jvp, rules::max_vjp),
    ("min", Array::min, rules::min_jvp, rules::min_vjp),
];

/// Empty lists make `mean` NaN and `max`/`min` infinite, where finite differences are
/// undefined: the check sees those outputs as 0 (value, tangent and cotangent alike).
fn finite(y: &Array<f64>) -> Array<f64> {
    y.map(|v| if v.is_finite() { v } else { 0.0 })
}
fn where_finite(y: &Array<f64>, d: &Array<f64>) -> Array<f64> {
    let content = y
        .content()
        .iter()
        .zip(d.content())
        .map(|(&v, &d)| if v.is_finite() { d } else { 0.0 })
        .collect();
    y.with_content(content)
}

fn check_reducer_at(name: &str, primal: Primal, jvp: Rule, vjp: Rule, x: &Array<f64>, axis: isize) {
    let f = |x: &Array<f64>| finite(&primal(x, axis));
    let jvp_f = |x: &Array<f64>, t: &Array<f64>| {
        let y = primal(x, axis);
        let dy = jvp(x, &y, axis, t);
        assert!(
            dy.structure().same_as(y.structure()),
            "{name}_jvp structure"
        );
        (finite(&y), where_finite(&y, &dy))
    };
    let vjp_f = |x: &Array<f64>, ct: &Array<f64>| {
        let y = primal(x, axis);
        vjp(x, &y, axis, &where_finite(&y, ct))
    };
    if let Err(message) = check_grads(f, jvp_f, vjp_f, x, &CheckOptions::default()) {
        panic!("{name}({axis}) of {} = {x}: {message}", x.type_str());
    }
}

/// Random ragged inputs of `depth` var dimensions; the seeds include empty arrays.
fn inputs(depth: usize) -> Vec<Array<f64>> {
    let mut rng = rng(100 + depth as u64);
    let mut xs: Vec<Array<f64>> = (0..25)
        .map(|_| random_ragged(&mut rng, depth, 4, -1.0, 1.0))
        .collect();
    assert!(
        xs.iter().any(|x| x.is_empty()),
        "some input is an empty array"
    );
    assert!(
        xs.iter()
            .any(|x| depth == 0 || x.offsets(depth - 1).windows(2).any(|w| w[0] == w[1])),
        "some input has an empty innermost list"
    );
    // An array of empty lists at every level.
    let levels: Vec<Vec<i64>> = (0..depth)
        .map(|d| if d == 0 { vec![0, 0, 0] } else { vec![0] })
        .collect();
    if depth > 0 {
        xs.push(Array::from_parts(Structure::new(levels, 0).unwrap(), vec![]).unwrap());
    }
    xs
}

#[test]
fn every_rule_passes_the_gradient_check_at_every_axis() {
    for depth in 0..4 {
        let ndim = depth as isize + 1;
        for x in inputs(depth) {
            for axis in 0..ndim {
                for (name, primal, jvp, vjp) in REDUCERS {
                    check_reducer_at(name, primal, jvp, vjp, &x, axis);
                    check_reducer_at(name, primal, jvp, vjp, &x, axis - ndim);
                }
            }
        }
    }
}

type PrimalAll = fn(&Array<f64>) -> f64;
type RuleAllJvp = fn(&Array<f64>, &f64, &Array<f64>) -> f64;
type RuleAllVjp = fn(&Array<f64>, &f64, &f64) -> Array<f64>;

#[test]
fn every_all_rule_passes_the_gradient_check() {
    let all: [(&str, PrimalAll, RuleAllJvp, RuleAllVjp); 5] = [
        (
            "sum_all",
            Array::sum_all,
            rules::sum_all_jvp,
            rules::sum_all_vjp,
        ),
        (
            "prod_all",
            Array::prod_all,
            rules::prod_all_jvp,
            rules::prod_all_vjp,
        ),
        (
            "mean_all",
            Array::mean_all,
            rules::mean_all_jvp,
            rules::mean_all_vjp,
        ),
        (
            "max_all",
            Array::max_all,
            rules::max_all_jvp,
            rules::max_all_vjp,
        ),
        (
            "min_all",
            Array::min_all,
            rules::min_all_jvp,
            rules::min_all_vjp,
        ),
    ];
    let fin = |v: f64| if v.is_finite() { v } else { 0.0 };
    for depth in 0..4 {
        for x in inputs(depth) {
            for (name, primal, jvp, vjp) in all {
                let f = |x: &Array<f64>| fin(primal(x));
                let jvp_f = |x: &Array<f64>, t: &Array<f64>| {
                    let y = primal(x);
                    (fin(y), if y.is_finite() { jvp(x, &y, t) } else { 0.0 })
                };
                let vjp_f = |x: &Array<f64>, ct: &f64| {
                    let y = primal(x);
                    vjp(x, &y, &if y.is_finite() { *ct } else { 0.0 })
                };
                if let Err(m) = check_grads(f, jvp_f, vjp_f, &x, &CheckOptions::default()) {
                    panic!("{name} of {} = {x}: {m}", x.type_str());
                }
            }
        }
    }
}

#[test]
fn prod_derivative_is_exact_with_one_zero() {
    // d/dx_i prod(x) = product of the others: [2, 0, 3] -> [0, 6, 0]; no division by 0.
    let x = array![[2.0, 0.0, 3.0], [], [5.0, 4.0]];
    let y = x.prod(1);
    assert_eq!(y, array![0.0, 1.0, 20.0]);
    let ct = array![1.0, 7.0, 10.0];
    assert_eq!(
        rules::prod_vjp(&x, &y, 1, &ct),
        array![[0.0, 6.0, 0.0], [], [40.0, 50.0]]
    );
    let dx = array![[1.0, 2.0, 3.0], [], [1.0, 1.0]];
    // 1*0*3 + 2*2*3 + 3*2*0 = 12; 4 + 5 = 9.
    assert_eq!(rules::prod_jvp(&x, &y, 1, &dx), array![12.0, 0.0, 9.0]);
    assert_eq!(
        rules::prod_all_vjp(&x, &x.prod_all(), &1.0),
        array![[0.0, 120.0, 0.0], [], [0.0, 0.0]]
    );
    // At axis 0 the same zero sits in slot 1 with 4: the other of it is 4.
    let y0 = x.prod(0);
    assert_eq!(y0, array![10.0, 0.0, 3.0]);
    assert_eq!(
        rules::prod_vjp(&x, &y0, 0, &array![1.0, 1.0, 1.0]),
        array![[5.0, 4.0, 1.0], [], [2.0, 0.0]]
    );
}

#[test]
fn prod_derivative_is_exact_with_two_zeros() {
    // Every product of "the others" contains a zero: the whole derivative is 0.
    let x = array![[0.0, 2.0, 0.0, 3.0], [0.0, 0.0]];
    let y = x.prod(-1);
    let ct = array![1.0, 1.0];
    assert_eq!(
        rules::prod_vjp(&x, &y, -1, &ct),
        array![[0.0, 0.0, 0.0, 0.0], [0.0, 0.0]]
    );
    assert_eq!(
        rules::prod_jvp(&x, &y, -1, &x.full_like(1.0)),
        array![0.0, 0.0]
    );
    let z = array![[[0.0], [0.0, 2.0]], [[3.0, 5.0], [7.0]]];
    // Axis 0 merges [0] with [3, 5] and [0, 2] with [7]: slots {0, 3}, {5}, {0, 7}, {2}.
    let y0 = z.prod(0);
    assert_eq!(y0, array![[0.0, 5.0], [0.0, 2.0]]);
    assert_eq!(
        rules::prod_vjp(&z, &y0, 0, &array![[1.0, 1.0], [1.0, 1.0]]),
        array![[[3.0], [7.0, 1.0]], [[0.0, 1.0], [0.0]]]
    );
    // Two zeros in one slot at a middle axis: [[0, 1], [0]] reduced at axis 1.
    let w = array![[[0.0, 1.0], [0.0]], [[2.0]]];
    let y1 = w.prod(1);
    assert_eq!(y1, array![[0.0, 1.0], [2.0]]);
    assert_eq!(
        rules::prod_vjp(&w, &y1, 1, &array![[1.0, 1.0], [1.0]]),
        array![[[0.0, 1.0], [0.0]], [[1.0]]]
    );
    assert_eq!(
        rules::prod_all_jvp(&x, &x.prod_all(), &x.full_like(1.0)),
        0.0
    );
}

#[test]
fn prod_rules_work_in_f32() {
    let x: Array<f32> = array![[2.0f32, 0.0, 3.0], []];
    let y = x.prod(1);
    assert_eq!(
        rules::prod_vjp(&x, &y, 1, &array![1.0f32, 1.0]),
        array![[0.0f32, 6.0, 0.0], []]
    );
}

#[test]
fn max_and_min_share_the_derivative_among_ties_as_jax_does() {
    // jax.grad(lambda x: jnp.max(x))(jnp.array([1., 3., 3.])) == [0, 0.5, 0.5];
    // jax.grad(lambda x: jnp.min(x))(jnp.array([1., 3., 1., 1.])) == [1/3, 0, 1/3, 1/3].
    let x = array![[1.0, 3.0, 3.0], [], [1.0, 3.0, 1.0, 1.0]];
    let ymax = x.max(1);
    assert_eq!(
        rules::max_vjp(&x, &ymax, 1, &array![1.0, 1.0, 1.0]),
        array![[0.0, 0.5, 0.5], [], [0.0, 1.0, 0.0, 0.0]]
    );
    let ymin = x.min(-1);
    let third = 1.0 / 3.0;
    assert_eq!(
        rules::min_vjp(&x, &ymin, -1, &array![1.0, 1.0, 1.0]),
        array![[1.0, 0.0, 0.0], [], [third, 0.0, third, third]]
    );
    // jax.jvp(jnp.max, ([1., 3., 3.],), ([1., 2., 10.],)) gives 6 = (2 + 10) / 2.
    assert_eq!(
        rules::max_jvp(
            &x,
            &ymax,
            1,
            &array![[1.0, 2.0, 10.0], [], [0.0, 0.0, 0.0, 0.0]]
        ),
        array![6.0, 0.0, 0.0]
    );
    // jax.grad(lambda x: jnp.max(x, axis=0).sum())([[1., 3.], [1., 2.]]) == [[.5, 1], [.5, 0]]
    let z = array![[1.0, 3.0], [1.0, 2.0]];
    assert_eq!(
        rules::max_vjp(&z, &z.max(0), 0, &array![1.0, 1.0]),
        array![[0.5, 1.0], [0.5, 0.0]]
    );
    // Ties across merged lists at a middle axis.
    let w = array![[[2.0, 1.0], [2.0]], [[5.0]]];
    assert_eq!(
        rules::max_vjp(&w, &w.max(1), 1, &array![[4.0, 1.0], [1.0]]),
        array![[[2.0, 1.0], [2.0]], [[1.0]]]
    );
    assert_eq!(
        rules::max_all_vjp(&x, &x.max_all(), &1.0),
        array![[0.0, third, third], [], [0.0, third, 0.0, 0.0]]
    );
    assert_eq!(
        rules::min_all_jvp(&z, &z.min_all(), &array![[1.0, 0.0], [3.0, 0.0]]),
        2.0
    );
}

#[test]
fn reducing_a_flat_array_at_axis_0_gives_one_element() {
    let x = Array::from_vec(vec![1.0, 2.0, 4.0]);
    assert_eq!(x.sum(0), Array::from_vec(vec![7.0]));
    assert_eq!(x.prod(-1), Array::from_vec(vec![8.0]));
    let y = x.sum(0);
    assert_eq!(
        rules::sum_vjp(&x, &y, 0, &Array::from_vec(vec![2.0])),
        Array::from_vec(vec![2.0, 2.0, 2.0])
    );
}

#[test]
fn axis_out_of_range_is_an_axis_error_naming_the_axis_and_the_type() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let message = "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)";
    for result in [
        x.try_sum(2),
        x.try_prod(2),
        x.try_mean(2),
        x.try_max(2),
        x.try_min(2),
    ] {
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Axis { axis: 2, .. }));
        assert_eq!(err.to_string(), message);
    }
    for result in [x.try_count(2), x.try_argmax(2), x.try_argmin(2)] {
        assert_eq!(result.unwrap_err().to_string(), message);
    }
    let f = Array::from_vec(vec![1.0f32]);
    assert_eq!(
        f.try_sum(-2).unwrap_err().to_string(),
        "axis -2 is out of range for an array of type 1 * float32 (1 dimensions)"
    );
    let deep = array![[[[1.0]]]];
    assert_eq!(
        deep.try_max(-5).unwrap_err().to_string(),
        "axis -5 is out of range for an array of type 1 * var * var * var * float64 (4 dimensions)"
    );
}

#[test]
#[should_panic(
    expected = "axis 3 is out of range for an array of type 2 * var * float64 (2 dimensions)"
)]
fn plain_reducers_panic_with_the_axis_error() {
    array![[1.0], []].sum(3);
}

#[test]
#[should_panic(
    expected = "axis -3 is out of range for an array of type 2 * var * float64 (2 dimensions)"
)]
fn count_panics_with_the_axis_error() {
    array![[1.0], []].count(-3);
}

#[test]
#[should_panic(
    expected = "structure mismatch in tangent of `sum`'s input: expected 2 * var * float64, got 2 * var * float64: list 0 at dimension 1 has length 1 against 2"
)]
fn a_tangent_of_another_structure_is_reported() {
    let x = array![[1.0], []];
    rules::sum_jvp(&x, &x.sum(1), 1, &array![[1.0, 2.0], []]);
}

#[test]
fn a_list_of_only_nan_gets_no_derivative() {
    // Awkward's max skips NaN inside lists: max([[nan], [nan, 2]], axis=1) == [-inf, 2].
    // No element equals the maximum of the first list, so none gets a share (no 0/0).
    let x = array![[f64::NAN], [f64::NAN, 2.0]];
    let y = x.max(1);
    assert_eq!(y, array![f64::NEG_INFINITY, 2.0]);
    assert_eq!(
        rules::max_vjp(&x, &y, 1, &array![1.0, 1.0]),
        array![[0.0], [0.0, 1.0]]
    );
}

/// The mean of an empty list is NaN whatever the input; inside lists its tangent is 0, as
/// Awkward's JAX backend gives it (`jax.jvp(lambda a: ak.mean(a, axis=1), ...)` on
/// `[[1, 2], [], [3]]` gives `[1.0, 0.0, 2.0]` for this tangent). For `mean_all` of an empty
/// array the tangent is NaN: `jax.numpy.mean` gives NaN and so do central differences (the
/// earlier comment here said JAX gave 0: only Awkward's backend does, through `ak.mean`).
#[test]
fn mean_tangent_of_empty_lists_is_zero_and_of_an_empty_array_nan() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let dx = array![[1.0, 1.0], [], [2.0]];
    let y = x.mean(1);
    let dy = rules::mean_jvp(&x, &y, 1, &dx);
    assert_eq!(dy, array![1.0, 0.0, 2.0]);
    let empty: Array<f64> = Array::from_vec(vec![]);
    assert!(rules::mean_all_jvp(&empty, &empty.mean_all(), &empty).is_nan());
    let empty_lists: Array<f64> = array![[], []];
    assert!(rules::mean_all_jvp(&empty_lists, &f64::NAN, &empty_lists).is_nan());
}

/// Issue 18, item 3: where NaN wins (`max_all`, `min_all`, a flat array at axis 0) the value
/// is NaN, and the derivative must be NaN too, as `jax.numpy.max` gives it:
/// `jax.jvp(jnp.max, ([1, nan, 3],), ([1, 1, 1],))` is `(nan, nan)` and its VJP of 1 is
/// `[nan, nan, nan]`. It was 0.
#[test]
fn a_nan_extreme_has_a_nan_derivative() {
    let x = array![[1.0, f64::NAN], [], [3.0]];
    let dx = array![[1.0, 1.0], [], [1.0]];
    for (y, jvp, vjp) in [
        (
            x.max_all(),
            rules::max_all_jvp(&x, &x.max_all(), &dx),
            rules::max_all_vjp(&x, &x.max_all(), &1.0),
        ),
        (
            x.min_all(),
            rules::min_all_jvp(&x, &x.min_all(), &dx),
            rules::min_all_vjp(&x, &x.min_all(), &1.0),
        ),
    ] {
        assert!(y.is_nan());
        assert!(jvp.is_nan());
        assert!(vjp.content().iter().all(|v| v.is_nan()), "{vjp}");
    }
    let flat = Array::from_vec(vec![1.0, f64::NAN, 3.0]);
    let ones = Array::from_vec(vec![1.0, 1.0, 1.0]);
    for (y, jvp, vjp) in [
        (
            flat.max(0),
            rules::max_jvp(&flat, &flat.max(0), 0, &ones),
            rules::max_vjp(&flat, &flat.max(0), 0, &Array::from_vec(vec![1.0])),
        ),
        (
            flat.min(0),
            rules::min_jvp(&flat, &flat.min(0), 0, &ones),
            rules::min_vjp(&flat, &flat.min(0), 0, &Array::from_vec(vec![1.0])),
        ),
    ] {
        assert!(y.content()[0].is_nan());
        assert!(jvp.content()[0].is_nan());
        assert!(vjp.content().iter().all(|v| v.is_nan()), "{vjp}");
    }
    // Inside lists NaN is skipped (Awkward's CPU backend): the derivative is that of the
    // value computed, the maximum of the others.
    let y = x.max(1);
    assert_eq!(y, array![1.0, f64::NEG_INFINITY, 3.0]);
    assert_eq!(
        rules::max_jvp(&x, &y, 1, &array![[2.0, 5.0], [], [7.0]]),
        array![2.0, 0.0, 7.0]
    );
}
