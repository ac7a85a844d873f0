//! Property tests of the elementwise derivative rules: every unary function (arrays of depth
//! 0 to 3 and scalars) and every binary operation in every broadcasting form (same
//! structure, a lower-depth array on either side, array-scalar, scalar-array,
//! scalar-scalar), on random ragged arrays with empty lists at every level and outer lengths
//! 0 to 50: JVP against central differences, `<ct, J t> == <J^T ct, t>`, and linearity of
//! the JVP in the tangent and of the VJP in the cotangent. Inputs stay inside each
//! function's domain and away from its kinks (`abs` at 0, ties of `maximum`/`minimum`).

use crate::support;
use crate::support::{outer_like, properties, raw, Raw};
use awkdiff_core::rules::*;
use awkdiff_core::{Array, Value};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    support::cases(64)
}

/// Coefficients of the linear combinations and the seed of the random tangents.
fn coefficients() -> impl Strategy<Value = (f64, f64, u64)> {
    (-3.0..3.0f64, -3.0..3.0f64, any::<u64>())
}

type Unary = fn(&Array<f64>) -> Array<f64>;
type UnaryRule<V> = fn(&V, &V, &V) -> V;

/// Checks a unary primitive on the array and on one of its leaves as a scalar.
fn unary(
    name: &str,
    f: Unary,
    scalar: fn(f64) -> f64,
    jvp: (UnaryRule<Array<f64>>, UnaryRule<f64>),
    vjp: (UnaryRule<Array<f64>>, UnaryRule<f64>),
    x: &Array<f64>,
    k: (f64, f64, u64),
) -> Result<(), TestCaseError> {
    properties(name, f, jvp.0, vjp.0, x, k)?;
    let s = x.content().first().copied().unwrap_or(0.75);
    properties(name, |x: &f64| scalar(*x), jvp.1, vjp.1, &s, k)
}

/// Arrays of depth 0 to 3 whose leaves are `g` of leaves uniform in `lo..hi`.
fn arrays(lo: f64, hi: f64, g: fn(f64) -> f64) -> impl Strategy<Value = Array<f64>> {
    raw(0..=3, lo, hi).prop_map(move |r| r.build(lo, hi).map(g))
}

/// `v` pushed at least 0.1 away from 0, keeping its sign.
fn away_from_zero(v: f64) -> f64 {
    if v < 0.0 {
        v - 0.1
    } else {
        v + 0.1
    }
}

macro_rules! unary_properties {
    ($name:ident, $method:ident, $jvp:ident, $vjp:ident, $lo:expr, $hi:expr, $g:expr) => {
        proptest! {
            #![proptest_config(config())]
            #[test]
            fn $name(x in arrays($lo, $hi, $g), k in coefficients()) {
                unary(
                    stringify!($method),
                    Array::$method,
                    f64::$method,
                    ($jvp, $jvp),
                    ($vjp, $vjp),
                    &x,
                    k,
                )?;
            }
        }
    };
}

fn same(v: f64) -> f64 {
    v
}

unary_properties!(exp_rules, exp, exp_jvp, exp_vjp, -2.0, 2.0, same);
unary_properties!(ln_rules, ln, ln_jvp, ln_vjp, 0.3, 3.0, same);
unary_properties!(log10_rules, log10, log10_jvp, log10_vjp, 0.3, 3.0, same);
unary_properties!(sin_rules, sin, sin_jvp, sin_vjp, -3.0, 3.0, same);
unary_properties!(cos_rules, cos, cos_jvp, cos_vjp, -3.0, 3.0, same);
unary_properties!(tan_rules, tan, tan_jvp, tan_vjp, -1.2, 1.2, same);
unary_properties!(tanh_rules, tanh, tanh_jvp, tanh_vjp, -3.0, 3.0, same);
unary_properties!(sqrt_rules, sqrt, sqrt_jvp, sqrt_vjp, 0.3, 3.0, same);
unary_properties!(abs_rules, abs, abs_jvp, abs_vjp, -2.0, 2.0, away_from_zero);
unary_properties!(
    recip_rules,
    recip,
    recip_jvp,
    recip_vjp,
    -2.0,
    2.0,
    away_from_zero
);

proptest! {
    #![proptest_config(config())]

    #[test]
    fn neg_rules(x in arrays(-2.0, 2.0, same), k in coefficients()) {
        let neg = |x: &Array<f64>| -x;
        properties("neg", neg, neg_jvp, neg_vjp, &x, k)?;
        properties("neg", |x: &f64| -*x, neg_jvp, neg_vjp, &1.5, k)?;
    }

    #[test]
    fn powi_rules(x in arrays(0.4, 2.0, same), n in -3i32..=4, k in coefficients()) {
        let what = format!("powi({n})");
        properties(
            &what,
            |x: &Array<f64>| x.powi(n),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| powi_jvp(x, y, n, t),
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| powi_vjp(x, y, n, c),
            &x,
            k,
        )?;
        properties(
            &what,
            |x: &f64| x.powi(n),
            |x: &f64, y: &f64, t: &f64| powi_jvp(x, y, n, t),
            |x: &f64, y: &f64, c: &f64| powi_vjp(x, y, n, c),
            &1.3,
            k,
        )?;
    }

    #[test]
    fn powf_rules(x in arrays(0.4, 2.0, same), p in -2.0..2.0f64, k in coefficients()) {
        // Both the base (an array) and the exponent (a scalar) are differentiated.
        properties(
            "powf",
            |(a, p): &(Array<f64>, f64)| a.powf(*p),
            |(a, p): &(Array<f64>, f64), y: &Array<f64>, (da, dp): &(Array<f64>, f64)| {
                powf_jvp_lhs(a, p, y, da).add_value(&powf_jvp_rhs(a, p, y, dp))
            },
            |(a, p): &(Array<f64>, f64), y: &Array<f64>, ct: &Array<f64>| {
                (powf_vjp_lhs(a, p, y, ct), powf_vjp_rhs(a, p, y, ct))
            },
            &(x, p),
            k,
        )?;
    }
}

/// The three properties for `(a, b) -> op(a, b)` with the four rules of a binary primitive
/// (the JVP is the sum of both tangent contributions).
#[allow(clippy::too_many_arguments)]
fn binary_properties<A, B: Value<Elem = f64>>(
    what: &str,
    a: &A,
    b: &B,
    f: impl Fn(f64, f64) -> f64 + Copy + Sync,
    jl: impl Fn(&A, &B, &A::Output, &A) -> A::Output,
    jr: impl Fn(&A, &B, &A::Output, &B) -> A::Output,
    vl: impl Fn(&A, &B, &A::Output, &A::Output) -> A,
    vr: impl Fn(&A, &B, &A::Output, &A::Output) -> B,
    k: (f64, f64, u64),
) -> Result<(), TestCaseError>
where
    A: Broadcast<B> + Value<Elem = f64>,
{
    properties(
        what,
        |(a, b): &(A, B)| a.zip(b, what, f),
        |(a, b): &(A, B), y: &A::Output, (da, db): &(A, B)| {
            jl(a, b, y, da).add_value(&jr(a, b, y, db))
        },
        |(a, b): &(A, B), y: &A::Output, ct: &A::Output| (vl(a, b, y, ct), vr(a, b, y, ct)),
        &(a.clone(), b.clone()),
        k,
    )
}

/// A binary test case: the deeper operand's raw description, which broadcasting form
/// (0 same structure, 1 lower depth on the left, 2 lower depth on the right, 3 array-scalar,
/// 4 scalar-array, 5 scalar-scalar), the depth of the lower operand, and a seed for the
/// other operand's values.
fn binary_case() -> impl Strategy<Value = (Raw, usize, usize, u64)> {
    (raw(0..=3, 0.0, 1.0), 0..6usize, 0..4usize, any::<u64>())
}

macro_rules! binary_properties {
    ($name:ident, $op:literal, $f:expr, $method:expr, $jl:ident, $jr:ident, $vl:ident, $vr:ident,
     $a:expr, $b:expr) => {
        proptest! {
            #![proptest_config(config())]
            #[test]
            fn $name((r, form, low, seed) in binary_case(), k in coefficients()) {
                let ((alo, ahi, ga), (blo, bhi, gb)): ((f64, f64, fn(f64) -> f64), (f64, f64, fn(f64) -> f64)) = ($a, $b);
                let f = $f;
                let method: fn(&Array<f64>, &Array<f64>) -> Array<f64> = $method;
                // The deeper operand's values come from the raw description, mapped to the
                // side's range; the other operand's from `seed`.
                let deep = r.build(0.0, 1.0);
                let low = low % deep.ndim();
                let side = |lo: f64, hi: f64, g: fn(f64) -> f64| deep.map(|v| g(lo + (hi - lo) * v));
                let other = |lo: f64, hi: f64, g: fn(f64) -> f64, depth: usize| outer_like(&deep, depth, lo, hi, seed).map(g);
                let sa = ga(alo + (ahi - alo) * ((seed % 1000) as f64 / 1000.0));
                let sb = gb(blo + (bhi - blo) * (((seed / 1000) % 1000) as f64 / 1000.0));
                let what = format!("{} (form {form})", $op);
                let run_arrays = |a: &Array<f64>, b: &Array<f64>| -> Result<(), TestCaseError> {
                    // The method (or operator) is the kernel the rules differentiate.
                    prop_assert_eq!(method(a, b), a.zip(b, $op, f));
                    binary_properties(&what, a, b, f, $jl, $jr, $vl, $vr, k)
                };
                match form {
                    0 => run_arrays(&side(alo, ahi, ga), &other(blo, bhi, gb, deep.ndim() - 1))?,
                    1 => run_arrays(&other(alo, ahi, ga, low), &side(blo, bhi, gb))?,
                    2 => run_arrays(&side(alo, ahi, ga), &other(blo, bhi, gb, low))?,
                    3 => binary_properties(&what, &side(alo, ahi, ga), &sb, f, $jl, $jr, $vl, $vr, k)?,
                    4 => binary_properties(&what, &sa, &side(blo, bhi, gb), f, $jl, $jr, $vl, $vr, k)?,
                    _ => binary_properties(&what, &sa, &sb, f, $jl, $jr, $vl, $vr, k)?,
                }
            }
        }
    };
}

/// Leaves on a grid of step 0.5 (for one side of `maximum`/`minimum`) ...
fn on_grid(v: f64) -> f64 {
    (v * 2.0).round() / 2.0
}
/// ... and a quarter off it (the other side): the two never tie, and stay 0.25 apart.
fn off_grid(v: f64) -> f64 {
    (v * 2.0).round() / 2.0 + 0.25
}

binary_properties!(
    add_rules,
    "add",
    |a: f64, b: f64| a + b,
    |a, b| a + b,
    add_jvp_lhs,
    add_jvp_rhs,
    add_vjp_lhs,
    add_vjp_rhs,
    (-2.0, 2.0, same),
    (-2.0, 2.0, same)
);
binary_properties!(
    sub_rules,
    "sub",
    |a: f64, b: f64| a - b,
    |a, b| a - b,
    sub_jvp_lhs,
    sub_jvp_rhs,
    sub_vjp_lhs,
    sub_vjp_rhs,
    (-2.0, 2.0, same),
    (-2.0, 2.0, same)
);
binary_properties!(
    mul_rules,
    "mul",
    |a: f64, b: f64| a * b,
    |a, b| a * b,
    mul_jvp_lhs,
    mul_jvp_rhs,
    mul_vjp_lhs,
    mul_vjp_rhs,
    (-2.0, 2.0, same),
    (-2.0, 2.0, same)
);
binary_properties!(
    div_rules,
    "div",
    |a: f64, b: f64| a / b,
    |a, b| a / b,
    div_jvp_lhs,
    div_jvp_rhs,
    div_vjp_lhs,
    div_vjp_rhs,
    (-2.0, 2.0, same),
    (-2.0, 2.0, away_from_zero)
);
binary_properties!(
    pow_rules,
    "pow",
    f64::powf,
    |a, b| a.pow(b),
    pow_jvp_lhs,
    pow_jvp_rhs,
    pow_vjp_lhs,
    pow_vjp_rhs,
    (0.4, 2.0, same),
    (-2.0, 2.0, same)
);
binary_properties!(
    maximum_rules,
    "maximum",
    f64::max,
    |a, b| a.maximum(b),
    maximum_jvp_lhs,
    maximum_jvp_rhs,
    maximum_vjp_lhs,
    maximum_vjp_rhs,
    (-2.0, 2.0, on_grid),
    (-2.0, 2.0, off_grid)
);
binary_properties!(
    minimum_rules,
    "minimum",
    f64::min,
    |a, b| a.minimum(b),
    minimum_jvp_lhs,
    minimum_jvp_rhs,
    minimum_vjp_lhs,
    minimum_vjp_rhs,
    (-2.0, 2.0, off_grid),
    (-2.0, 2.0, on_grid)
);

// ---------------------------------------------------------------------------------------
// Ufuncs of issue 13: every entry of the unary table, atan2, hypot, clamp, where_.

proptest! {
    #![proptest_config(config())]

    /// Every unary ufunc of core's table (`ops/unary.rs`) on one random structure, leaves
    /// mapped into the interval the table gives for its tests: a new entry is checked here
    /// without a new test.
    #[test]
    fn every_unary_ufunc_of_the_table(r in raw(0..=3, 0.0, 1.0), k in coefficients()) {
        let unit = r.build(0.0, 1.0);
        for row in awkdiff_core::ops::UNARY_TABLE {
            let (lo, hi) = row.domain;
            let x = unit.map(|v| lo + (hi - lo) * v);
            prop_assert_eq!((row.method)(&x), x.map(row.value), "{}", row.name);
            properties(row.name, row.method, row.jvp, row.vjp, &x, k)?;
            let s = x.content().first().copied().unwrap_or(lo + 0.3 * (hi - lo));
            properties(row.name, |x: &f64| (row.value)(*x), row.jvp_scalar, row.vjp_scalar, &s, k)?;
        }
    }
}

/// Leaves at least 0.25 from zero (`atan2` and `hypot` have their singular point at the
/// origin, and `atan2` its branch cut along `y = 0`).
fn off_origin(v: f64) -> f64 {
    if v < 0.0 {
        v - 0.25
    } else {
        v + 0.25
    }
}

binary_properties!(
    atan2_rules,
    "atan2",
    f64::atan2,
    |a, b| a.atan2(b),
    atan2_jvp_lhs,
    atan2_jvp_rhs,
    atan2_vjp_lhs,
    atan2_vjp_rhs,
    // `y` off zero too: atan2 jumps by 2 pi across y = 0 where x < 0 (its branch cut),
    // which central differences would straddle.
    (-2.0, 2.0, off_origin),
    (-2.0, 2.0, off_origin)
);
binary_properties!(
    hypot_rules,
    "hypot",
    f64::hypot,
    |a, b| a.hypot(b),
    hypot_jvp_lhs,
    hypot_jvp_rhs,
    hypot_vjp_lhs,
    hypot_vjp_rhs,
    (-2.0, 2.0, same),
    (-2.0, 2.0, off_origin)
);

/// Leaves at least 0.05 from the bounds ±0.5 of the `clamp` tests (on both sides of each).
fn off_bounds(v: f64) -> f64 {
    let (bound, d) = if v < 0.0 {
        (-0.5, v + 0.5)
    } else {
        (0.5, v - 0.5)
    };
    if d.abs() < 0.05 {
        bound + 0.05f64.copysign(d)
    } else {
        v
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn clamp_rules(x in arrays(-1.5, 1.5, off_bounds), k in coefficients()) {
        let (lo, hi) = (-0.5, 0.5);
        properties(
            "clamp",
            |x: &Array<f64>| x.clamp(lo, hi),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| clamp_jvp(x, y, lo, hi, t),
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| clamp_vjp(x, y, lo, hi, c),
            &x,
            k,
        )?;
        for s in [-0.9, 0.2, 1.1] {
            properties(
                "clamp",
                |x: &f64| awkdiff_core::rules::scalar::clamp(*x, lo, hi),
                |x: &f64, y: &f64, t: &f64| clamp_jvp(x, y, lo, hi, t),
                |x: &f64, y: &f64, c: &f64| clamp_vjp(x, y, lo, hi, c),
                &s,
                k,
            )?;
        }
    }

    /// `where_(cond, a, b)` in every broadcasting form of its branches (arrays of the
    /// condition's structure, of its outer levels, scalars), the condition random.
    #[test]
    fn where_rules(r in raw(0..=3, -2.0, 2.0), form in 0..4usize, low in 0..4usize, seed in any::<u64>(), k in coefficients()) {
        let x = r.build(-2.0, 2.0);
        let cond = x.gt(0.3);
        let low = low % x.ndim();
        let a = x.map(|v| v * 1.5 - 0.25);
        let b = outer_like(&x, low, -2.0, 2.0, seed);
        let what = format!("where_ (form {form}, lower depth {low})");
        match form {
            0 => where_properties(&what, &cond, a, b, k)?,
            1 => where_properties(&what, &cond, b, a, k)?,
            2 => where_properties(&what, &cond, a, 0.75, k)?,
            _ => where_properties(&what, &cond, -1.25, b, k)?,
        }
    }
}

/// The three properties of `(a, b) -> where_(cond, a, b)` with its four rules.
fn where_properties<A, B>(
    what: &str,
    cond: &Array<bool>,
    a: A,
    b: B,
    k: (f64, f64, u64),
) -> Result<(), TestCaseError>
where
    A: awkdiff_core::BranchValue<f64> + awkdiff_core::check::Point,
    B: awkdiff_core::BranchValue<f64> + awkdiff_core::check::Point,
    (A, B): awkdiff_core::check::Point,
{
    properties(
        what,
        |(a, b): &(A, B)| awkdiff_core::where_(cond, a.clone(), b.clone()),
        |(a, b): &(A, B), y: &Array<f64>, (da, db): &(A, B)| {
            where_jvp_lhs(a, b, y, cond, da).add_value(&where_jvp_rhs(a, b, y, cond, db))
        },
        |(a, b): &(A, B), y: &Array<f64>, ct: &Array<f64>| {
            (
                where_vjp_lhs(a, b, y, cond, ct),
                where_vjp_rhs(a, b, y, cond, ct),
            )
        },
        &(a, b),
        k,
    )
}
