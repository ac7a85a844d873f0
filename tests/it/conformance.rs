//! Conformance with Awkward Array + JAX: every case of the reference fixtures
//! (`tests/fixtures/reference/*.json`, made by `tools/reference/generate.py`, see
//! `tools/reference/README.md` and `docs/conformance.md`) is run through a `#[differentiable]`
//! Rust function (`conformance/functions.rs`, one per function identifier) and its generated
//! `jvp_` and `vjp_`; the output, the JVP and the VJP are compared with the case's tolerance.
//!
//! The test fails if any case fails, if a case names a function identifier that has no
//! Rust function (nothing is skipped), if a Rust function has no case, or if an entry of
//! [`KNOWN_DIFFERENCES`] no longer differs.
#![deny(warnings)]

#[path = "conformance/fixture.rs"]
mod fixture;
#[path = "conformance/functions.rs"]
mod functions;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use awkdiff::prelude::*;
use fixture::{compare, Case, Val};
use functions as f;

/// Cases where awkdiff knowingly differs from the fixture: `(case name, part, reason)`,
/// `part` being the only part that differs (`"output"`, `"jvp"` or `"vjp"`). Each entry must
/// still fail in that part and only there (a stale entry fails the test), and each is
/// reported in the summary.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[];

/// What awkdiff computed for one case.
struct Outcome {
    output: Val,
    jvp: Val,
    vjp: Vec<Val>,
}

/// Awkward gives a scalar for a reduction of a 1-d array at axis 0; awkdiff gives a
/// 1-element 1-d array (API.md: reducers with an axis return arrays). The runner compares
/// that single element with Awkward's scalar, and passes a scalar cotangent as a 1-element
/// array. Anything else where Awkward has a scalar is an error.
fn output_val(case: &Case, what: &str, a: Array<f64>) -> Result<Val, String> {
    if !case.scalar_output {
        return Ok(Val::Array(a));
    }
    if a.ndim() == 1 && a.len() == 1 {
        Ok(Val::Scalar(a.content()[0]))
    } else {
        Err(format!(
            "{what}: Awkward gives a scalar, awkdiff an array of type {} (not a 1-element array)",
            a.type_str()
        ))
    }
}

fn output_cotangent(case: &Case) -> Array<f64> {
    match &case.cotangent {
        Val::Scalar(c) => Array::from_vec(vec![*c]),
        Val::Array(a) => a.clone(),
    }
}

/// Compares the three values awkdiff gives for the output (primal, from `jvp_`, from
/// `vjp_`): they must be identical (NaN equal to NaN).
fn same_outputs(primal: &Val, from_jvp: &Val, from_vjp: &Val) -> Result<(), String> {
    compare("output of jvp_ vs primal", from_jvp, primal, 0.0)?;
    compare("output of vjp_ vs primal", from_vjp, primal, 0.0)
}

/// `fn(&Array) -> Array`
fn a_a<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&Array<f64>) -> Array<f64>,
    J: Fn(&Array<f64>, &Array<f64>) -> (Array<f64>, Array<f64>),
    V: Fn(&Array<f64>) -> (Array<f64>, P),
    P: Fn(&Array<f64>) -> Array<f64>,
{
    let x = case.inputs[0].array();
    let output = output_val(case, "output", f(x))?;
    let (y_j, dy) = jvp(x, case.tangents[0].array());
    let (y_v, pullback) = vjp(x);
    same_outputs(
        &output,
        &output_val(case, "jvp_ output", y_j)?,
        &output_val(case, "vjp_ output", y_v)?,
    )?;
    let ct_x = pullback(&output_cotangent(case));
    Ok(Outcome {
        output,
        jvp: output_val(case, "jvp", dy)?,
        vjp: vec![Val::Array(ct_x)],
    })
}

/// `fn(&Array) -> f64`
fn a_s<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&Array<f64>) -> f64,
    J: Fn(&Array<f64>, &Array<f64>) -> (f64, f64),
    V: Fn(&Array<f64>) -> (f64, P),
    P: Fn(f64) -> Array<f64>,
{
    let x = case.inputs[0].array();
    let output = Val::Scalar(f(x));
    let (y_j, dy) = jvp(x, case.tangents[0].array());
    let (y_v, pullback) = vjp(x);
    same_outputs(&output, &Val::Scalar(y_j), &Val::Scalar(y_v))?;
    let ct_x = pullback(case.cotangent.scalar());
    Ok(Outcome {
        output,
        jvp: Val::Scalar(dy),
        vjp: vec![Val::Array(ct_x)],
    })
}

/// `fn(&Array, &Array) -> Array`
fn aa_a<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&Array<f64>, &Array<f64>) -> Array<f64>,
    J: Fn(&Array<f64>, &Array<f64>, &Array<f64>, &Array<f64>) -> (Array<f64>, Array<f64>),
    V: Fn(&Array<f64>, &Array<f64>) -> (Array<f64>, P),
    P: Fn(&Array<f64>) -> (Array<f64>, Array<f64>),
{
    let (x, y) = (case.inputs[0].array(), case.inputs[1].array());
    let output = output_val(case, "output", f(x, y))?;
    let (y_j, dy) = jvp(x, y, case.tangents[0].array(), case.tangents[1].array());
    let (y_v, pullback) = vjp(x, y);
    same_outputs(
        &output,
        &output_val(case, "jvp_ output", y_j)?,
        &output_val(case, "vjp_ output", y_v)?,
    )?;
    let (ct_x, ct_y) = pullback(&output_cotangent(case));
    Ok(Outcome {
        output,
        jvp: output_val(case, "jvp", dy)?,
        vjp: vec![Val::Array(ct_x), Val::Array(ct_y)],
    })
}

/// `fn(&Array, f64) -> Array`
fn as_a<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&Array<f64>, f64) -> Array<f64>,
    J: Fn(&Array<f64>, f64, &Array<f64>, f64) -> (Array<f64>, Array<f64>),
    V: Fn(&Array<f64>, f64) -> (Array<f64>, P),
    P: Fn(&Array<f64>) -> (Array<f64>, f64),
{
    let (x, s) = (case.inputs[0].array(), case.inputs[1].scalar());
    let output = output_val(case, "output", f(x, s))?;
    let (y_j, dy) = jvp(x, s, case.tangents[0].array(), case.tangents[1].scalar());
    let (y_v, pullback) = vjp(x, s);
    same_outputs(
        &output,
        &output_val(case, "jvp_ output", y_j)?,
        &output_val(case, "vjp_ output", y_v)?,
    )?;
    let (ct_x, ct_s) = pullback(&output_cotangent(case));
    Ok(Outcome {
        output,
        jvp: output_val(case, "jvp", dy)?,
        vjp: vec![Val::Array(ct_x), Val::Scalar(ct_s)],
    })
}

/// `fn(&Array, f64) -> f64`
fn as_s<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&Array<f64>, f64) -> f64,
    J: Fn(&Array<f64>, f64, &Array<f64>, f64) -> (f64, f64),
    V: Fn(&Array<f64>, f64) -> (f64, P),
    P: Fn(f64) -> (Array<f64>, f64),
{
    let (x, s) = (case.inputs[0].array(), case.inputs[1].scalar());
    let output = Val::Scalar(f(x, s));
    let (y_j, dy) = jvp(x, s, case.tangents[0].array(), case.tangents[1].scalar());
    let (y_v, pullback) = vjp(x, s);
    same_outputs(&output, &Val::Scalar(y_j), &Val::Scalar(y_v))?;
    let (ct_x, ct_s) = pullback(case.cotangent.scalar());
    Ok(Outcome {
        output,
        jvp: Val::Scalar(dy),
        vjp: vec![Val::Array(ct_x), Val::Scalar(ct_s)],
    })
}

/// The table from function identifier to Rust function: `kind: name, jvp_name, vjp_name;`,
/// where `kind` is the adapter for its signature. Defines [`IDENTIFIERS`] and [`run`].
/// The record of the `records` family from the case's two array parameters (its fields).
fn record_of(x: &Val, y: &Val) -> f::XY<f64> {
    f::XY::zip(x.array().clone(), y.array().clone())
        .unwrap_or_else(|e| panic!("the fixture's fields do not share their lists: {e}"))
}

/// `fn(&XY) -> Array`: the parameters x and y are the record's fields; the tangent is a
/// record of their tangents and the pullback gives a record of their cotangents.
fn r_a<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&f::XY<f64>) -> Array<f64>,
    J: Fn(&f::XY<f64>, &f::XY<f64>) -> (Array<f64>, Array<f64>),
    V: Fn(&f::XY<f64>) -> (Array<f64>, P),
    P: Fn(&Array<f64>) -> f::XY<f64>,
{
    let r = record_of(&case.inputs[0], &case.inputs[1]);
    let output = output_val(case, "output", f(&r))?;
    let (y_j, dy) = jvp(&r, &record_of(&case.tangents[0], &case.tangents[1]));
    let (y_v, pullback) = vjp(&r);
    same_outputs(
        &output,
        &output_val(case, "jvp_ output", y_j)?,
        &output_val(case, "vjp_ output", y_v)?,
    )?;
    let ct = pullback(&output_cotangent(case));
    Ok(Outcome {
        output,
        jvp: output_val(case, "jvp", dy)?,
        vjp: vec![Val::Array(ct.x), Val::Array(ct.y)],
    })
}

/// `fn(&XY) -> f64`, as [`r_a`].
fn r_s<F, J, V, P>(case: &Case, f: F, jvp: J, vjp: V) -> Result<Outcome, String>
where
    F: Fn(&f::XY<f64>) -> f64,
    J: Fn(&f::XY<f64>, &f::XY<f64>) -> (f64, f64),
    V: Fn(&f::XY<f64>) -> (f64, P),
    P: Fn(f64) -> f::XY<f64>,
{
    let r = record_of(&case.inputs[0], &case.inputs[1]);
    let output = Val::Scalar(f(&r));
    let (y_j, dy) = jvp(&r, &record_of(&case.tangents[0], &case.tangents[1]));
    let (y_v, pullback) = vjp(&r);
    same_outputs(&output, &Val::Scalar(y_j), &Val::Scalar(y_v))?;
    let ct = pullback(case.cotangent.scalar());
    Ok(Outcome {
        output,
        jvp: Val::Scalar(dy),
        vjp: vec![Val::Array(ct.x), Val::Array(ct.y)],
    })
}

macro_rules! dispatch {
    ($($kind:ident: $name:ident, $jvp:ident, $vjp:ident;)*) => {
        /// Every function identifier that has a Rust function.
        const IDENTIFIERS: &[&str] = &[$(stringify!($name)),*];

        /// Runs one case through its Rust function.
        fn run(case: &Case) -> Result<Outcome, String> {
            match case.function.as_str() {
                $(stringify!($name) => $kind(case, f::$name, f::$jvp, f::$vjp),)*
                other => Err(format!("no Rust function for the identifier `{other}`")),
            }
        }
    };
}

dispatch! {
    a_a: abs, jvp_abs, vjp_abs;
    aa_a: add, jvp_add, vjp_add;
    a_a: add_const, jvp_add_const, vjp_add_const;
    as_a: add_scalar, jvp_add_scalar, vjp_add_scalar;
    a_a: at2, jvp_at2, vjp_at2;
    a_a: at_m1, jvp_at_m1, vjp_at_m1;
    a_a: center, jvp_center, vjp_center;
    a_a: chain, jvp_chain, vjp_chain;
    a_s: chain_all, jvp_chain_all, vjp_chain_all;
    a_a: const_add, jvp_const_add, vjp_const_add;
    a_a: const_div, jvp_const_div, vjp_const_div;
    a_a: const_mul, jvp_const_mul, vjp_const_mul;
    a_a: const_sub, jvp_const_sub, vjp_const_sub;
    a_a: cos, jvp_cos, vjp_cos;
    aa_a: div, jvp_div, vjp_div;
    a_a: div_const, jvp_div_const, vjp_div_const;
    as_a: div_scalar, jvp_div_scalar, vjp_div_scalar;
    a_a: exp, jvp_exp, vjp_exp;
    a_a: filter_mask_inner, jvp_filter_mask_inner, vjp_filter_mask_inner;
    a_a: filter_mask_outer_tftft, jvp_filter_mask_outer_tftft, vjp_filter_mask_outer_tftft;
    a_a: filter_mask_outer_ttft, jvp_filter_mask_outer_ttft, vjp_filter_mask_outer_ttft;
    a_a: filter_positive, jvp_filter_positive, vjp_filter_positive;
    a_a: flatten, jvp_flatten, vjp_flatten;
    a_a: flatten_then_sum0, jvp_flatten_then_sum0, vjp_flatten_then_sum0;
    a_a: inner_at0, jvp_inner_at0, vjp_inner_at0;
    a_a: inner_at_m1, jvp_inner_at_m1, vjp_inner_at_m1;
    a_a: inner_from1, jvp_inner_from1, vjp_inner_from1;
    a_a: inner_rev, jvp_inner_rev, vjp_inner_rev;
    a_a: inner_step2, jvp_inner_step2, vjp_inner_step2;
    a_a: inner_to_m1, jvp_inner_to_m1, vjp_inner_to_m1;
    a_a: ln, jvp_ln, vjp_ln;
    a_a: log10, jvp_log10, vjp_log10;
    a_s: max_all, jvp_max_all, vjp_max_all;
    a_a: max_axis0, jvp_max_axis0, vjp_max_axis0;
    a_a: max_axis1, jvp_max_axis1, vjp_max_axis1;
    a_a: max_axis2, jvp_max_axis2, vjp_max_axis2;
    a_a: max_axis3, jvp_max_axis3, vjp_max_axis3;
    a_a: max_axism1, jvp_max_axism1, vjp_max_axism1;
    a_a: max_axism2, jvp_max_axism2, vjp_max_axism2;
    aa_a: maximum, jvp_maximum, vjp_maximum;
    a_s: mean_all, jvp_mean_all, vjp_mean_all;
    a_a: mean_axis0, jvp_mean_axis0, vjp_mean_axis0;
    a_a: mean_axis1, jvp_mean_axis1, vjp_mean_axis1;
    a_a: mean_axis2, jvp_mean_axis2, vjp_mean_axis2;
    a_a: mean_axis3, jvp_mean_axis3, vjp_mean_axis3;
    a_a: mean_axism1, jvp_mean_axism1, vjp_mean_axism1;
    a_s: min_all, jvp_min_all, vjp_min_all;
    a_a: min_axis0, jvp_min_axis0, vjp_min_axis0;
    a_a: min_axis1, jvp_min_axis1, vjp_min_axis1;
    a_a: min_axis2, jvp_min_axis2, vjp_min_axis2;
    a_a: min_axis3, jvp_min_axis3, vjp_min_axis3;
    a_a: min_axism1, jvp_min_axism1, vjp_min_axism1;
    aa_a: minimum, jvp_minimum, vjp_minimum;
    aa_a: mul, jvp_mul, vjp_mul;
    a_a: mul_const, jvp_mul_const, vjp_mul_const;
    as_a: mul_scalar, jvp_mul_scalar, vjp_mul_scalar;
    a_a: neg, jvp_neg, vjp_neg;
    a_a: neighbour_products, jvp_neighbour_products, vjp_neighbour_products;
    aa_a: pow, jvp_pow, vjp_pow;
    a_a: powf0_5, jvp_powf0_5, vjp_powf0_5;
    a_a: powf2_5, jvp_powf2_5, vjp_powf2_5;
    as_a: powf_scalar, jvp_powf_scalar, vjp_powf_scalar;
    a_a: powi3, jvp_powi3, vjp_powi3;
    a_a: powi_m2, jvp_powi_m2, vjp_powi_m2;
    a_s: prod_all, jvp_prod_all, vjp_prod_all;
    a_a: prod_axis0, jvp_prod_axis0, vjp_prod_axis0;
    a_a: prod_axis1, jvp_prod_axis1, vjp_prod_axis1;
    a_a: prod_axis2, jvp_prod_axis2, vjp_prod_axis2;
    a_a: prod_axis3, jvp_prod_axis3, vjp_prod_axis3;
    a_a: prod_axism1, jvp_prod_axism1, vjp_prod_axism1;
    a_a: range_sum, jvp_range_sum, vjp_range_sum;
    a_a: recip, jvp_recip, vjp_recip;
    a_a: reverse_sum, jvp_reverse_sum, vjp_reverse_sum;
    as_a: scalar_div, jvp_scalar_div, vjp_scalar_div;
    as_a: scalar_mul, jvp_scalar_mul, vjp_scalar_mul;
    as_a: scalar_param, jvp_scalar_param, vjp_scalar_param;
    as_s: scalar_param_all, jvp_scalar_param_all, vjp_scalar_param_all;
    as_a: scalar_sub, jvp_scalar_sub, vjp_scalar_sub;
    a_a: sin, jvp_sin, vjp_sin;
    a_a: slice_1_5_2, jvp_slice_1_5_2, vjp_slice_1_5_2;
    a_a: slice_4_0_m2, jvp_slice_4_0_m2, vjp_slice_4_0_m2;
    a_a: slice_from1, jvp_slice_from1, vjp_slice_from1;
    a_a: slice_from_m2, jvp_slice_from_m2, vjp_slice_from_m2;
    a_a: slice_rev, jvp_slice_rev, vjp_slice_rev;
    a_a: slice_to_100, jvp_slice_to_100, vjp_slice_to_100;
    a_a: slice_to_m1, jvp_slice_to_m1, vjp_slice_to_m1;
    a_a: softmax, jvp_softmax, vjp_softmax;
    a_a: sqrt, jvp_sqrt, vjp_sqrt;
    aa_a: sub, jvp_sub, vjp_sub;
    a_a: sub_const, jvp_sub_const, vjp_sub_const;
    a_s: sum_all, jvp_sum_all, vjp_sum_all;
    a_a: sum_axis0, jvp_sum_axis0, vjp_sum_axis0;
    a_a: sum_axis1, jvp_sum_axis1, vjp_sum_axis1;
    a_a: sum_axis2, jvp_sum_axis2, vjp_sum_axis2;
    a_a: sum_axis3, jvp_sum_axis3, vjp_sum_axis3;
    a_a: sum_axism1, jvp_sum_axism1, vjp_sum_axism1;
    a_a: sum_axism2, jvp_sum_axism2, vjp_sum_axism2;
    a_a: sum_rows_then_prod, jvp_sum_rows_then_prod, vjp_sum_rows_then_prod;
    a_a: sum_sq_plus_sin, jvp_sum_sq_plus_sin, vjp_sum_sq_plus_sin;
    a_a: take_3_0_3, jvp_take_3_0_3, vjp_take_3_0_3;
    a_a: take_then_mul, jvp_take_then_mul, vjp_take_then_mul;
    a_a: tan, jvp_tan, vjp_tan;
    a_a: tanh, jvp_tanh, vjp_tanh;
    aa_a: two_params, jvp_two_params, vjp_two_params;
    aa_a: two_params_broadcast, jvp_two_params_broadcast, vjp_two_params_broadcast;
    // ufuncs (issue 13)
    a_a: uf_sinh, jvp_uf_sinh, vjp_uf_sinh;
    a_a: uf_cosh, jvp_uf_cosh, vjp_uf_cosh;
    a_a: uf_asinh, jvp_uf_asinh, vjp_uf_asinh;
    a_a: uf_acosh, jvp_uf_acosh, vjp_uf_acosh;
    a_a: uf_atanh, jvp_uf_atanh, vjp_uf_atanh;
    a_a: uf_asin, jvp_uf_asin, vjp_uf_asin;
    a_a: uf_acos, jvp_uf_acos, vjp_uf_acos;
    a_a: uf_atan, jvp_uf_atan, vjp_uf_atan;
    a_a: uf_ln_1p, jvp_uf_ln_1p, vjp_uf_ln_1p;
    a_a: uf_exp_m1, jvp_uf_exp_m1, vjp_uf_exp_m1;
    a_a: uf_log2, jvp_uf_log2, vjp_uf_log2;
    a_a: uf_exp2, jvp_uf_exp2, vjp_uf_exp2;
    a_a: uf_square, jvp_uf_square, vjp_uf_square;
    a_a: uf_cbrt, jvp_uf_cbrt, vjp_uf_cbrt;
    a_a: uf_sigmoid, jvp_uf_sigmoid, vjp_uf_sigmoid;
    a_a: uf_softplus, jvp_uf_softplus, vjp_uf_softplus;
    a_a: uf_maximum_scalar, jvp_uf_maximum_scalar, vjp_uf_maximum_scalar;
    a_a: uf_minimum_scalar, jvp_uf_minimum_scalar, vjp_uf_minimum_scalar;
    a_a: uf_clamp, jvp_uf_clamp, vjp_uf_clamp;
    a_a: uf_floor, jvp_uf_floor, vjp_uf_floor;
    a_a: uf_ceil, jvp_uf_ceil, vjp_uf_ceil;
    a_a: uf_round, jvp_uf_round, vjp_uf_round;
    a_a: uf_trunc, jvp_uf_trunc, vjp_uf_trunc;
    a_a: uf_signum, jvp_uf_signum, vjp_uf_signum;
    a_a: uf_where_const, jvp_uf_where_const, vjp_uf_where_const;
    a_a: uf_isfinite_filter, jvp_uf_isfinite_filter, vjp_uf_isfinite_filter;
    a_a: uf_isnan_where, jvp_uf_isnan_where, vjp_uf_isnan_where;
    a_a: uf_isinf_where, jvp_uf_isinf_where, vjp_uf_isinf_where;
    aa_a: uf_atan2, jvp_uf_atan2, vjp_uf_atan2;
    aa_a: uf_hypot, jvp_uf_hypot, vjp_uf_hypot;
    aa_a: uf_where, jvp_uf_where, vjp_uf_where;
    aa_a: uf_where_swapped, jvp_uf_where_swapped, vjp_uf_where_swapped;
    as_a: uf_atan2_scalar, jvp_uf_atan2_scalar, vjp_uf_atan2_scalar;
    as_a: uf_hypot_scalar, jvp_uf_hypot_scalar, vjp_uf_hypot_scalar;
    as_a: uf_where_scalar, jvp_uf_where_scalar, vjp_uf_where_scalar;
    aa_a: uf_pz, jvp_uf_pz, vjp_uf_pz;
    aa_a: uf_energy, jvp_uf_energy, vjp_uf_energy;
    as_a: uf_relu_layer, jvp_uf_relu_layer, vjp_uf_relu_layer;
    as_a: uf_clip_layer, jvp_uf_clip_layer, vjp_uf_clip_layer;
    aa_a: uf_soft_selection, jvp_uf_soft_selection, vjp_uf_soft_selection;
    aa_a: uf_hard_selection, jvp_uf_hard_selection, vjp_uf_hard_selection;
    as_s: uf_softplus_loss, jvp_uf_softplus_loss, vjp_uf_softplus_loss;
    // Family `structure` (issue 13).
    a_a: sort_asc, jvp_sort_asc, vjp_sort_asc;
    a_a: sort_desc, jvp_sort_desc, vjp_sort_desc;
    a_a: sort_axis0, jvp_sort_axis0, vjp_sort_axis0;
    a_a: sort_axis1, jvp_sort_axis1, vjp_sort_axis1;
    a_s: sort_min_sum, jvp_sort_min_sum, vjp_sort_min_sum;
    a_a: index_argsort_desc, jvp_index_argsort_desc, vjp_index_argsort_desc;
    a_a: leading, jvp_leading, vjp_leading;
    a_a: index_const_d2, jvp_index_const_d2, vjp_index_const_d2;
    a_a: index_lists_d3, jvp_index_lists_d3, vjp_index_lists_d3;
    a_a: index_leaves_d3, jvp_index_leaves_d3, vjp_index_leaves_d3;
    a_a: index_local_reverse, jvp_index_local_reverse, vjp_index_local_reverse;
    a_s: item_4, jvp_item_4, vjp_item_4;
    a_s: item_2_1, jvp_item_2_1, vjp_item_2_1;
    a_s: item_2_2_1, jvp_item_2_2_1, vjp_item_2_2_1;
    a_s: item_product, jvp_item_product, vjp_item_product;
    aa_a: concat_axis0, jvp_concat_axis0, vjp_concat_axis0;
    aa_a: concat_axis1, jvp_concat_axis1, vjp_concat_axis1;
    aa_a: concat_axis2, jvp_concat_axis2, vjp_concat_axis2;
    aa_a: concat_axism1, jvp_concat_axism1, vjp_concat_axism1;
    a_a: concat_self, jvp_concat_self, vjp_concat_self;
    aa_a: concat_sum, jvp_concat_sum, vjp_concat_sum;
    a_a: unflatten_2031, jvp_unflatten_2031, vjp_unflatten_2031;
    a_a: unflatten_203, jvp_unflatten_203, vjp_unflatten_203;
    a_a: ravel, jvp_ravel, vjp_ravel;
    a_a: ravel_unflatten_num, jvp_ravel_unflatten_num, vjp_ravel_unflatten_num;
    a_a: ravel_sq_sum, jvp_ravel_sq_sum, vjp_ravel_sq_sum;
    // reducers2 (issue 13): var, std, ptp, softmax family, keepdims forms
    a_a: var_axis0_ddof0, jvp_var_axis0_ddof0, vjp_var_axis0_ddof0;
    a_a: var_axis1_ddof0, jvp_var_axis1_ddof0, vjp_var_axis1_ddof0;
    a_a: var_axis2_ddof0, jvp_var_axis2_ddof0, vjp_var_axis2_ddof0;
    a_a: var_axism1_ddof0, jvp_var_axism1_ddof0, vjp_var_axism1_ddof0;
    a_s: var_all_ddof0, jvp_var_all_ddof0, vjp_var_all_ddof0;
    a_a: var_axis0_ddof1, jvp_var_axis0_ddof1, vjp_var_axis0_ddof1;
    a_a: var_axis1_ddof1, jvp_var_axis1_ddof1, vjp_var_axis1_ddof1;
    a_a: var_axis2_ddof1, jvp_var_axis2_ddof1, vjp_var_axis2_ddof1;
    a_a: var_axism1_ddof1, jvp_var_axism1_ddof1, vjp_var_axism1_ddof1;
    a_s: var_all_ddof1, jvp_var_all_ddof1, vjp_var_all_ddof1;
    a_a: std_axis0_ddof0, jvp_std_axis0_ddof0, vjp_std_axis0_ddof0;
    a_a: std_axis1_ddof0, jvp_std_axis1_ddof0, vjp_std_axis1_ddof0;
    a_a: std_axis2_ddof0, jvp_std_axis2_ddof0, vjp_std_axis2_ddof0;
    a_a: std_axism1_ddof0, jvp_std_axism1_ddof0, vjp_std_axism1_ddof0;
    a_s: std_all_ddof0, jvp_std_all_ddof0, vjp_std_all_ddof0;
    a_a: std_axis0_ddof1, jvp_std_axis0_ddof1, vjp_std_axis0_ddof1;
    a_a: std_axis1_ddof1, jvp_std_axis1_ddof1, vjp_std_axis1_ddof1;
    a_a: std_axis2_ddof1, jvp_std_axis2_ddof1, vjp_std_axis2_ddof1;
    a_a: std_axism1_ddof1, jvp_std_axism1_ddof1, vjp_std_axism1_ddof1;
    a_s: std_all_ddof1, jvp_std_all_ddof1, vjp_std_all_ddof1;
    a_a: var_axis1_ddof2, jvp_var_axis1_ddof2, vjp_var_axis1_ddof2;
    a_a: ptp_axis0, jvp_ptp_axis0, vjp_ptp_axis0;
    a_a: ptp_axis1, jvp_ptp_axis1, vjp_ptp_axis1;
    a_a: ptp_axis2, jvp_ptp_axis2, vjp_ptp_axis2;
    a_a: ptp_axism1, jvp_ptp_axism1, vjp_ptp_axism1;
    a_s: ptp_all, jvp_ptp_all, vjp_ptp_all;
    a_a: softmax_axism1, jvp_softmax_axism1, vjp_softmax_axism1;
    a_a: softmax_axis0, jvp_softmax_axis0, vjp_softmax_axis0;
    a_a: log_softmax_axism1, jvp_log_softmax_axism1, vjp_log_softmax_axism1;
    a_a: log_softmax_axism1_shifted, jvp_log_softmax_axism1_shifted, vjp_log_softmax_axism1_shifted;
    a_a: log_softmax_axis0, jvp_log_softmax_axis0, vjp_log_softmax_axis0;
    a_a: logsumexp_axism1, jvp_logsumexp_axism1, vjp_logsumexp_axism1;
    a_a: logsumexp_axis0, jvp_logsumexp_axis0, vjp_logsumexp_axis0;
    a_a: logsumexp_axis1, jvp_logsumexp_axis1, vjp_logsumexp_axis1;
    a_a: sum_keepdims_axis1, jvp_sum_keepdims_axis1, vjp_sum_keepdims_axis1;
    a_a: sum_keepdims_axis0, jvp_sum_keepdims_axis0, vjp_sum_keepdims_axis0;
    a_a: prod_keepdims_axism1, jvp_prod_keepdims_axism1, vjp_prod_keepdims_axism1;
    a_a: mean_keepdims_axis1, jvp_mean_keepdims_axis1, vjp_mean_keepdims_axis1;
    a_a: max_keepdims_axis2, jvp_max_keepdims_axis2, vjp_max_keepdims_axis2;
    a_a: min_keepdims_axis0, jvp_min_keepdims_axis0, vjp_min_keepdims_axis0;
    a_a: var_keepdims_axism1, jvp_var_keepdims_axism1, vjp_var_keepdims_axism1;
    a_a: std_keepdims_axis1, jvp_std_keepdims_axis1, vjp_std_keepdims_axis1;
    a_a: ptp_keepdims_axis1, jvp_ptp_keepdims_axis1, vjp_ptp_keepdims_axis1;
    a_a: logsumexp_keepdims_axism1, jvp_logsumexp_keepdims_axism1, vjp_logsumexp_keepdims_axism1;
    a_a: standardise, jvp_standardise, vjp_standardise;
    a_s: cross_entropy, jvp_cross_entropy, vjp_cross_entropy;
    a_s: spread_penalty, jvp_spread_penalty, vjp_spread_penalty;
    // Family `options` (issue 14, item 3).
    a_a: firsts_fill, jvp_firsts_fill, vjp_firsts_fill;
    a_a: pad2_clip_fill, jvp_pad2_clip_fill, vjp_pad2_clip_fill;
    a_a: pad3_fill, jvp_pad3_fill, vjp_pad3_fill;
    a_a: pad0_clip_fill, jvp_pad0_clip_fill, vjp_pad0_clip_fill;
    a_a: mask_fill, jvp_mask_fill, vjp_mask_fill;
    a_a: mask_drop, jvp_mask_drop, vjp_mask_drop;
    a_a: mask_drop_sum, jvp_mask_drop_sum, vjp_mask_drop_sum;
    a_a: max_none_fill_axism1, jvp_max_none_fill_axism1, vjp_max_none_fill_axism1;
    a_a: max_none_fill_axis1, jvp_max_none_fill_axis1, vjp_max_none_fill_axis1;
    a_a: max_none_fill_axis0, jvp_max_none_fill_axis0, vjp_max_none_fill_axis0;
    a_a: min_none_fill_axism1, jvp_min_none_fill_axism1, vjp_min_none_fill_axism1;
    a_a: min_none_fill_axis1, jvp_min_none_fill_axis1, vjp_min_none_fill_axis1;
    a_a: min_none_fill_axis0, jvp_min_none_fill_axis0, vjp_min_none_fill_axis0;
    as_a: firsts_fill_scalar, jvp_firsts_fill_scalar, vjp_firsts_fill_scalar;
    as_a: pad_fill_scalar, jvp_pad_fill_scalar, vjp_pad_fill_scalar;
    a_a: masked_arith, jvp_masked_arith, vjp_masked_arith;
    a_a: masked_times_array, jvp_masked_times_array, vjp_masked_times_array;
    aa_a: masked_two_params, jvp_masked_two_params, vjp_masked_two_params;
    aa_a: masked_broadcast, jvp_masked_broadcast, vjp_masked_broadcast;
    a_s: pad_network, jvp_pad_network, vjp_pad_network;
    // Family `records` (issue 14, item 1).
    r_a: rec_item_list, jvp_rec_item_list, vjp_rec_item_list;
    r_a: rec_item_record_first, jvp_rec_item_record_first, vjp_rec_item_record_first;
    r_s: rec_item_scalar, jvp_rec_item_scalar, vjp_rec_item_scalar;
    r_a: rec_square, jvp_rec_square, vjp_rec_square;
    r_a: rec_arith, jvp_rec_arith, vjp_rec_arith;
    r_a: rec_slice_pairs, jvp_rec_slice_pairs, vjp_rec_slice_pairs;
    r_a: rec_slice_inner, jvp_rec_slice_inner, vjp_rec_slice_inner;
    r_a: rec_filter, jvp_rec_filter, vjp_rec_filter;
    r_a: rec_take, jvp_rec_take, vjp_rec_take;
    r_a: rec_flatten, jvp_rec_flatten, vjp_rec_flatten;
    r_a: rec_at, jvp_rec_at, vjp_rec_at;
    r_a: rec_pairs, jvp_rec_pairs, vjp_rec_pairs;
    r_a: rec_triples, jvp_rec_triples, vjp_rec_triples;
    r_a: rec_literal, jvp_rec_literal, vjp_rec_literal;
    r_s: rec_slice_filter_sum, jvp_rec_slice_filter_sum, vjp_rec_slice_filter_sum;
}

/// Runs one case and compares output, JVP and VJP with the fixture: the list of parts
/// that differ, each message starting with the part's name. A panic inside awkdiff is
/// caught and reported as the case's failure.
fn check(case: &Case) -> Vec<String> {
    let outcome = match catch_unwind(AssertUnwindSafe(|| run(case))) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => return vec![format!("run: {e}")],
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "(non-string panic)".into());
            return vec![format!("run: panicked: {msg}")];
        }
    };
    let tol = case.tolerance;
    let mut failures = Vec::new();
    failures.extend(compare("output", &outcome.output, &case.output, tol).err());
    failures.extend(compare("jvp", &outcome.jvp, &case.jvp, tol).err());
    if outcome.vjp.len() != case.vjp.len() {
        failures.push(format!(
            "vjp: {} cotangents, the fixture has {}",
            outcome.vjp.len(),
            case.vjp.len()
        ));
    }
    for (i, (got, want)) in outcome.vjp.iter().zip(&case.vjp).enumerate() {
        failures.extend(compare(&format!("vjp[{i}]"), got, want, tol).err());
    }
    failures
}

#[test]
fn every_reference_case_matches_awkward_and_jax() {
    let cases = fixture::load_all().unwrap_or_else(|e| panic!("cannot load the fixtures: {e}"));
    // The issue asks for at least 80 cases; the fixtures hold 197. Fewer means files are missing.
    assert!(
        cases.len() >= 80,
        "only {} fixture cases in {}",
        cases.len(),
        fixture::fixture_dir().display()
    );

    let names: BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), cases.len(), "case names are not unique");
    let used: BTreeSet<&str> = cases.iter().map(|c| c.function.as_str()).collect();
    let known: BTreeSet<&str> = IDENTIFIERS.iter().copied().collect();
    let unused: Vec<_> = known.difference(&used).collect();
    let known_names: BTreeSet<&str> = KNOWN_DIFFERENCES.iter().map(|(n, _, _)| *n).collect();
    let absent: Vec<_> = known_names.difference(&names).collect();

    let mut failures = Vec::new();
    let mut known_failures = Vec::new();
    let mut stale = Vec::new();
    let mut by_reference: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_family: BTreeMap<&str, usize> = BTreeMap::new();
    let mut scalar_convention = 0;
    for case in &cases {
        *by_reference.entry(case.reference.as_str()).or_default() += 1;
        *by_family.entry(case.family.as_str()).or_default() += 1;
        if case.scalar_output && !matches!(case.function.as_str(), n if n.ends_with("_all")) {
            scalar_convention += 1;
        }
        let parts = check(case);
        let known = KNOWN_DIFFERENCES.iter().find(|(n, _, _)| *n == case.name);
        let label = format!("{} ({}, `{}`)", case.name, case.file, case.function);
        match known {
            None if parts.is_empty() => {}
            None => failures.push(format!("{label}: {}", parts.join("; "))),
            Some(_) if parts.is_empty() => stale.push(case.name.clone()),
            Some((_, part, reason)) if parts.iter().all(|p| p.starts_with(part)) => {
                known_failures.push(format!("{label}: {reason}: {}", parts.join("; ")))
            }
            Some((_, part, _)) => failures.push(format!(
                "{label}: known to differ in {part} only, but: {}",
                parts.join("; ")
            )),
        }
    }

    eprintln!(
        "conformance: {} cases ({} function identifiers) from {}",
        cases.len(),
        used.len(),
        fixture::fixture_dir().display()
    );
    for (reference, n) in &by_reference {
        eprintln!("  reference {reference}: {n}");
    }
    for (family, n) in &by_family {
        eprintln!("  family {family}: {n}");
    }
    eprintln!(
        "  axis-0 reductions of 1-d arrays compared as 1-element arrays: {scalar_convention}"
    );
    eprintln!(
        "  passed: {}, failed: {}, known differences: {}",
        cases.len() - failures.len() - known_failures.len() - stale.len(),
        failures.len(),
        known_failures.len()
    );
    for k in &known_failures {
        eprintln!("  known difference: {k}");
    }

    let mut problems = Vec::new();
    if !failures.is_empty() {
        problems.push(format!(
            "{} cases fail:\n  {}",
            failures.len(),
            failures.join("\n  ")
        ));
    }
    if !unused.is_empty() {
        problems.push(format!("Rust functions without a fixture case: {unused:?}"));
    }
    if !stale.is_empty() {
        problems.push(format!(
            "KNOWN_DIFFERENCES entries that now pass (remove them): {stale:?}"
        ));
    }
    if !absent.is_empty() {
        problems.push(format!(
            "KNOWN_DIFFERENCES entries naming no case: {absent:?}"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
