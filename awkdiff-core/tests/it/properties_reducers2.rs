//! Property tests of the derivative rules of the reducers of issue 13 at every axis,
//! positive and negative, on random ragged arrays of depth 0 to 3 (ndim 1 to 4) with empty
//! lists at every level and outer lengths 0 to 50: `var` and `std` (ddof 0, 1, 2), `ptp`,
//! `softmax`, `log_softmax`, `logsumexp`, the differentiable keepdims forms, and the `*_all`
//! forms. Each: JVP against central differences, `<ct, J t> == <J^T ct, t>`, and linearity
//! of the JVP in the tangent and of the VJP in the cotangent. Outputs that are not finite
//! (the variance of an empty list, of `ddof` elements) are masked to 0 for the gradient
//! check. `ptp` gets distinct leaves for finite differences; ties are checked for linearity
//! and adjointness.

use crate::support;
use crate::support::{
    distinct, every_axis, finite, jvp_is_linear, ragged, vjp_is_linear, where_finite,
};
use awkdiff_core::check::{check_grads, check_vjp, CheckOptions};
use awkdiff_core::{rules, Array};
use proptest::prelude::*;

type Primal<'a> = &'a dyn Fn(&Array<f64>, isize) -> Array<f64>;
type Rule<'a> = &'a dyn Fn(&Array<f64>, &Array<f64>, isize, &Array<f64>) -> Array<f64>;
type AllJvp<'a> = &'a dyn Fn(&Array<f64>, &f64, &Array<f64>) -> f64;
type AllVjp<'a> = &'a dyn Fn(&Array<f64>, &f64, &f64) -> Array<f64>;

fn config() -> ProptestConfig {
    support::cases(48)
}

/// Coefficients of the linear combinations and the seed of the random tangents.
fn coefficients() -> impl Strategy<Value = (f64, f64, u64)> {
    (-3.0..3.0f64, -3.0..3.0f64, any::<u64>())
}

/// Every property of one primitive along an axis at every axis of `x`.
fn axis_properties(
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
        // The flat checks above do not see structure: the tangent has the output's, the
        // cotangent the input's.
        let (dy, ct) = (jvp(x, &y, axis, x), vjp(x, &y, axis, &y));
        if !dy.structure().same_as(y.structure()) || !ct.structure().same_as(x.structure()) {
            return Err(at(format!(
                "tangent {} or cotangent {} of the wrong type",
                dy.type_str(),
                ct.type_str()
            )));
        }
        let raw_jvp = |x: &Array<f64>, t: &Array<f64>| (y.clone(), jvp(x, &y, axis, t));
        jvp_is_linear(raw_jvp, x, a, b, seed).map_err(at)?;
        let raw_vjp = |x: &Array<f64>, ct: &Array<f64>| vjp(x, &y, axis, ct);
        vjp_is_linear(raw_vjp, x, &y, a, b, seed).map_err(at)?;
    }
    Ok(())
}

/// The same properties for a reducer over everything, giving a scalar.
fn all_properties(
    name: &str,
    primal: &dyn Fn(&Array<f64>) -> f64,
    jvp: AllJvp,
    vjp: AllVjp,
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
    let raw_jvp = |x: &Array<f64>, t: &Array<f64>| (y, jvp(x, &y, t));
    jvp_is_linear(raw_jvp, x, a, b, seed).map_err(at)?;
    vjp_is_linear(|x: &Array<f64>, ct: &f64| vjp(x, &y, ct), x, &y, a, b, seed).map_err(at)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn var_and_std_rules_hold_at_every_axis(x in ragged(0..=3, -3.0, 3.0), k in coefficients()) {
        for ddof in 0..3usize {
            axis_properties(&format!("var ddof={ddof}"), &|x, a| x.var(a, ddof),
                &|x, y, a, t| rules::var_jvp(x, y, a, ddof, t),
                &|x, y, a, c| rules::var_vjp(x, y, a, ddof, c), &x, k)?;
            axis_properties(&format!("std ddof={ddof}"), &|x, a| x.std(a, ddof),
                &|x, y, a, t| rules::std_jvp(x, y, a, ddof, t),
                &|x, y, a, c| rules::std_vjp(x, y, a, ddof, c), &x, k)?;
            all_properties(&format!("var_all ddof={ddof}"), &|x| x.var_all(ddof),
                &|x, y, t| rules::var_all_jvp(x, y, ddof, t),
                &|x, y, c| rules::var_all_vjp(x, y, ddof, c), &x, k)?;
            all_properties(&format!("std_all ddof={ddof}"), &|x| x.std_all(ddof),
                &|x, y, t| rules::std_all_jvp(x, y, ddof, t),
                &|x, y, c| rules::std_all_vjp(x, y, ddof, c), &x, k)?;
        }
    }

    #[test]
    fn ptp_rules_hold_at_every_axis(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let x = distinct(&x, 0.25);
        axis_properties("ptp", &Array::ptp, &rules::ptp_jvp, &rules::ptp_vjp, &x, k)?;
        all_properties("ptp_all", &Array::ptp_all, &rules::ptp_all_jvp, &rules::ptp_all_vjp, &x, k)?;
    }

    /// Ties in ptp (and lists of one element, where max and min are the same element): the
    /// derivative is shared, so the rules stay linear and adjoint.
    #[test]
    fn ptp_rules_with_ties_are_linear_and_adjoint(x in ragged(0..=3, -2.0, 2.0), k in coefficients()) {
        let x = x.map(|v| v.round());
        for axis in every_axis(&x) {
            let at = |m: String| TestCaseError::fail(format!("ptp({axis}) of {}: {m}", x.type_str()));
            let y = x.ptp(axis);
            let j = |x: &Array<f64>, t: &Array<f64>| (y.clone(), rules::ptp_jvp(x, &y, axis, t));
            let v = |x: &Array<f64>, ct: &Array<f64>| rules::ptp_vjp(x, &y, axis, ct);
            check_vjp(j, v, &x, &CheckOptions { seed: k.2, ..CheckOptions::default() }).map_err(at)?;
            jvp_is_linear(j, &x, k.0, k.1, k.2).map_err(at)?;
            vjp_is_linear(v, &x, &y, k.0, k.1, k.2).map_err(at)?;
        }
    }

    #[test]
    fn softmax_family_rules_hold_at_every_axis(x in ragged(0..=3, -4.0, 4.0), k in coefficients()) {
        axis_properties("softmax", &Array::softmax, &rules::softmax_jvp, &rules::softmax_vjp, &x, k)?;
        axis_properties("log_softmax", &Array::log_softmax, &rules::log_softmax_jvp,
            &rules::log_softmax_vjp, &x, k)?;
        axis_properties("logsumexp", &Array::logsumexp, &rules::logsumexp_jvp,
            &rules::logsumexp_vjp, &x, k)?;
    }

    #[test]
    fn keepdims_rules_hold_at_every_axis(x in ragged(0..=3, -3.0, 3.0), k in coefficients()) {
        axis_properties("sum_keepdims", &Array::sum_keepdims, &rules::sum_keepdims_jvp,
            &rules::sum_keepdims_vjp, &x, k)?;
        axis_properties("mean_keepdims", &Array::mean_keepdims, &rules::mean_keepdims_jvp,
            &rules::mean_keepdims_vjp, &x, k)?;
        axis_properties("var_keepdims", &|x, a| x.var_keepdims(a, 1),
            &|x, y, a, t| rules::var_keepdims_jvp(x, y, a, 1, t),
            &|x, y, a, c| rules::var_keepdims_vjp(x, y, a, 1, c), &x, k)?;
        axis_properties("std_keepdims", &|x, a| x.std_keepdims(a, 0),
            &|x, y, a, t| rules::std_keepdims_jvp(x, y, a, 0, t),
            &|x, y, a, c| rules::std_keepdims_vjp(x, y, a, 0, c), &x, k)?;
        axis_properties("logsumexp_keepdims", &Array::logsumexp_keepdims,
            &rules::logsumexp_keepdims_jvp, &rules::logsumexp_keepdims_vjp, &x, k)?;
        let d = distinct(&x, 0.25);
        axis_properties("max_keepdims", &Array::max_keepdims, &rules::max_keepdims_jvp,
            &rules::max_keepdims_vjp, &d, k)?;
        axis_properties("min_keepdims", &Array::min_keepdims, &rules::min_keepdims_jvp,
            &rules::min_keepdims_vjp, &d, k)?;
        axis_properties("ptp_keepdims", &Array::ptp_keepdims, &rules::ptp_keepdims_jvp,
            &rules::ptp_keepdims_vjp, &d, k)?;
        let p = x.map(|v| 0.6 + 0.3 * v.abs());
        axis_properties("prod_keepdims", &Array::prod_keepdims, &rules::prod_keepdims_jvp,
            &rules::prod_keepdims_vjp, &p, k)?;
    }
}
