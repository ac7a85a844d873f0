//! Property tests of the reducers' derivative rules (`sum`, `prod`, `mean`, `max`, `min` at
//! every axis, positive and negative, and their `*_all` forms) on random ragged arrays of
//! depth 0 to 3 (ndim 1 to 4) with empty lists at every level and outer lengths 0 to 50:
//! JVP against central differences, `<ct, J t> == <J^T ct, t>`, and linearity of the JVP in
//! the tangent and of the VJP in the cotangent. `max`/`min` get distinct leaves (no ties).

use crate::support;
use crate::support::{
    distinct, every_axis, finite, jvp_is_linear, ragged, vjp_is_linear, where_finite,
};
use awkdiff_core::check::{check_grads, CheckOptions};
use awkdiff_core::{rules, Array};
use proptest::prelude::*;

type Primal = fn(&Array<f64>, isize) -> Array<f64>;
type Rule = fn(&Array<f64>, &Array<f64>, isize, &Array<f64>) -> Array<f64>;
type PrimalAll = fn(&Array<f64>) -> f64;
type RuleAllJvp = fn(&Array<f64>, &f64, &Array<f64>) -> f64;
type RuleAllVjp = fn(&Array<f64>, &f64, &f64) -> Array<f64>;

fn config() -> ProptestConfig {
    support::cases(64)
}

/// Every property of one reducer at every axis of `x`. Outputs that are not finite (mean
/// of an empty list, max of one) have no finite difference: they are masked to 0 for the
/// gradient check, and compared as they are (NaN matching NaN) for linearity.
fn reducer_properties(
    name: &str,
    primal: Primal,
    jvp: Rule,
    vjp: Rule,
    x: &Array<f64>,
    (a, b, seed): (f64, f64, u64),
) -> Result<(), TestCaseError> {
    for axis in every_axis(x) {
        let at =
            |m: String| TestCaseError::fail(format!("{name}({axis}) of {}: {m}", x.type_str()));
        let f = |x: &Array<f64>| finite(&primal(x, axis));
        let jvp_f = |x: &Array<f64>, t: &Array<f64>| {
            let y = primal(x, axis);
            let dy = jvp(x, &y, axis, t);
            (finite(&y), where_finite(&y, &dy))
        };
        let vjp_f = |x: &Array<f64>, ct: &Array<f64>| {
            let y = primal(x, axis);
            vjp(x, &y, axis, &where_finite(&y, ct))
        };
        let options = CheckOptions {
            trials: 2,
            seed,
            ..CheckOptions::default()
        };
        check_grads(f, jvp_f, vjp_f, x, &options).map_err(at)?;
        let y = primal(x, axis);
        let raw_jvp = |x: &Array<f64>, t: &Array<f64>| (y.clone(), jvp(x, &y, axis, t));
        jvp_is_linear(raw_jvp, x, a, b, seed).map_err(at)?;
        let raw_vjp = |x: &Array<f64>, ct: &Array<f64>| vjp(x, &y, axis, ct);
        vjp_is_linear(raw_vjp, x, &y, a, b, seed).map_err(at)?;
    }
    Ok(())
}

/// The same properties for a reducer over everything (`axis=None`), giving a scalar.
fn all_properties(
    name: &str,
    primal: PrimalAll,
    jvp: RuleAllJvp,
    vjp: RuleAllVjp,
    x: &Array<f64>,
    (a, b, seed): (f64, f64, u64),
) -> Result<(), TestCaseError> {
    let at = |m: String| TestCaseError::fail(format!("{name} of {}: {m}", x.type_str()));
    let fin = |v: f64| if v.is_finite() { v } else { 0.0 };
    let f = |x: &Array<f64>| fin(primal(x));
    let jvp_f = |x: &Array<f64>, t: &Array<f64>| {
        let y = primal(x);
        (fin(y), if y.is_finite() { jvp(x, &y, t) } else { 0.0 })
    };
    let vjp_f = |x: &Array<f64>, ct: &f64| {
        let y = primal(x);
        vjp(x, &y, &if y.is_finite() { *ct } else { 0.0 })
    };
    let options = CheckOptions {
        trials: 2,
        seed,
        ..CheckOptions::default()
    };
    check_grads(f, jvp_f, vjp_f, x, &options).map_err(at)?;
    let y = primal(x);
    jvp_is_linear(
        |x: &Array<f64>, t: &Array<f64>| (y, jvp(x, &y, t)),
        x,
        a,
        b,
        seed,
    )
    .map_err(at)?;
    vjp_is_linear(|x: &Array<f64>, ct: &f64| vjp(x, &y, ct), x, &y, a, b, seed).map_err(at)?;
    Ok(())
}

/// Coefficients of the linear combinations and the seed of the random tangents.
fn coefficients() -> impl Strategy<Value = (f64, f64, u64)> {
    (-3.0..3.0f64, -3.0..3.0f64, any::<u64>())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sum_rules_hold_at_every_axis(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        reducer_properties("sum", Array::sum, rules::sum_jvp, rules::sum_vjp, &x, k)?;
        all_properties("sum_all", Array::sum_all, rules::sum_all_jvp, rules::sum_all_vjp, &x, k)?;
    }

    #[test]
    fn mean_rules_hold_at_every_axis(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        reducer_properties("mean", Array::mean, rules::mean_jvp, rules::mean_vjp, &x, k)?;
        all_properties("mean_all", Array::mean_all, rules::mean_all_jvp, rules::mean_all_vjp, &x, k)?;
    }

    #[test]
    fn prod_rules_hold_at_every_axis(x in ragged(0..=3, -1.5, 1.5), k in coefficients()) {
        reducer_properties("prod", Array::prod, rules::prod_jvp, rules::prod_vjp, &x, k)?;
        all_properties("prod_all", Array::prod_all, rules::prod_all_jvp, rules::prod_all_vjp, &x, k)?;
    }

    #[test]
    fn max_rules_hold_at_every_axis(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let x = distinct(&x, 0.25);
        reducer_properties("max", Array::max, rules::max_jvp, rules::max_vjp, &x, k)?;
        all_properties("max_all", Array::max_all, rules::max_all_jvp, rules::max_all_vjp, &x, k)?;
    }

    #[test]
    fn min_rules_hold_at_every_axis(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let x = distinct(&x, 0.25);
        reducer_properties("min", Array::min, rules::min_jvp, rules::min_vjp, &x, k)?;
        all_properties("min_all", Array::min_all, rules::min_all_jvp, rules::min_all_vjp, &x, k)?;
    }

    /// Ties in max/min: the derivative is shared, so the rules stay linear and adjoint
    /// (finite differences do not apply at ties).
    #[test]
    fn max_min_rules_with_ties_are_linear_and_adjoint(x in ragged(0..=3, -2.0, 2.0), k in coefficients()) {
        let x = x.map(|v| v.round());
        for (name, primal, jvp, vjp) in [
            ("max", Array::max as Primal, rules::max_jvp as Rule, rules::max_vjp as Rule),
            ("min", Array::min, rules::min_jvp, rules::min_vjp),
        ] {
            for axis in every_axis(&x) {
                let at = |m: String| TestCaseError::fail(format!("{name}({axis}) of {}: {m}", x.type_str()));
                let y = primal(&x, axis);
                let j = |x: &Array<f64>, t: &Array<f64>| (y.clone(), where_finite(&y, &jvp(x, &y, axis, t)));
                let v = |x: &Array<f64>, ct: &Array<f64>| vjp(x, &y, axis, &where_finite(&y, ct));
                awkdiff_core::check::check_vjp(j, v, &x, &CheckOptions { seed: k.2, ..CheckOptions::default() }).map_err(at)?;
                jvp_is_linear(j, &x, k.0, k.1, k.2).map_err(at)?;
                vjp_is_linear(v, &x, &y, k.0, k.1, k.2).map_err(at)?;
            }
        }
    }
}

/// The strategy itself: arrays of every depth, with empty arrays and empty lists at every
/// level, shrinking to small examples (a property that fails on any list of 3 or more
/// items shrinks to one list of exactly 3).
#[test]
fn the_strategy_covers_depths_empty_lists_and_shrinks_small() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = ragged(0..=3, -1.0, 1.0);
    let (mut depths, mut empty_arrays, mut empty_lists) = ([0usize; 4], 0, [0usize; 3]);
    for _ in 0..400 {
        let x = strategy.new_tree(&mut runner).unwrap().current();
        depths[x.ndim() - 1] += 1;
        empty_arrays += usize::from(x.is_empty());
        for (d, count) in empty_lists.iter_mut().enumerate().take(x.ndim() - 1) {
            *count += usize::from(x.offsets(d).windows(2).any(|w| w[0] == w[1]));
        }
    }
    assert!(depths.iter().all(|&n| n > 40), "depths {depths:?}");
    assert!(empty_arrays > 0, "no empty array");
    assert!(
        empty_lists.iter().all(|&n| n > 10),
        "empty lists {empty_lists:?}"
    );

    let long_list =
        |x: &Array<f64>| x.ndim() >= 2 && x.offsets(0).windows(2).any(|w| w[1] - w[0] >= 3);
    let mut tree = loop {
        let tree = strategy.new_tree(&mut runner).unwrap();
        if long_list(&tree.current()) {
            break tree;
        }
    };
    // Shrink while the property still fails (as proptest does), then look at the result.
    loop {
        if long_list(&tree.current()) {
            if !tree.simplify() {
                break;
            }
        } else if !tree.complicate() {
            break;
        }
    }
    let small = tree.current();
    assert!(long_list(&small));
    assert_eq!(small.ndim(), 2, "shrunk to {small:?}");
    assert_eq!(small.offsets(0).last(), Some(&3), "shrunk to {small:?}");
}
