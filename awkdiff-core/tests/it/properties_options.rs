//! Property tests of the derivative rules of missing values (`mask`, `pad_none`, `firsts`,
//! `fill_none` for both operands, `drop_none`, `max_or_none`/`min_or_none` at every axis, the
//! operators and ufuncs on [`Masked`]) on random ragged arrays of depth 0 to 3 with empty
//! lists at every level and outer lengths 0 to 50: JVP against central differences,
//! `<ct, J t> == <J^T ct, t>`, and linearity in the tangent and in the cotangent.
//!
//! A missing entry carries no tangent and receives no cotangent, so every masked input,
//! tangent and cotangent here holds NaN at its missing entries: a rule that read one would
//! make NaN appear in a result.

use crate::support;
use crate::support::{distinct, every_axis, outer_like, properties, ragged};
use awkdiff_core::check::Point;
use awkdiff_core::{rules, Array, Broadcast, Masked, Value};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    support::cases(64)
}

/// Coefficients of the linear combinations and the seed of the random tangents.
fn coefficients() -> impl Strategy<Value = (f64, f64, u64)> {
    (-3.0..3.0f64, -3.0..3.0f64, any::<u64>())
}

/// A condition of `x`'s structure, true for about half the entries, from the values.
fn condition(x: &Array<f64>) -> Array<bool> {
    x.map(|v| (v * 7.31).fract().abs() > 0.45)
}

/// `m` with NaN at its missing entries (what no rule may read).
fn poisoned(m: &Masked<f64>) -> Masked<f64> {
    let values = m
        .values()
        .content()
        .iter()
        .zip(m.validity().content())
        .map(|(&v, &ok)| if ok { v } else { f64::NAN })
        .collect();
    Masked::new(m.values().with_content(values), m.validity().clone()).unwrap()
}

/// Every leaf of a point is a number (no NaN leaked from a missing entry).
fn no_nan<P: Point>(what: &str, p: &P) -> Result<(), TestCaseError> {
    match p.to_flat().iter().position(|v| v.is_nan()) {
        None => Ok(()),
        Some(i) => Err(TestCaseError::fail(format!(
            "{what}: NaN at leaf {i} of {}",
            p.describe()
        ))),
    }
}

/// The properties of a rule from an array to a masked array, with poisoned cotangents.
fn to_masked(
    what: &str,
    f: impl Fn(&Array<f64>) -> Masked<f64>,
    jvp: impl Fn(&Array<f64>, &Masked<f64>, &Array<f64>) -> Masked<f64>,
    vjp: impl Fn(&Array<f64>, &Masked<f64>, &Masked<f64>) -> Array<f64>,
    x: &Array<f64>,
    k: (f64, f64, u64),
) -> Result<(), TestCaseError> {
    let vjp = |x: &Array<f64>, y: &Masked<f64>, ct: &Masked<f64>| {
        let ct_x = vjp(x, y, &poisoned(ct));
        assert!(
            ct_x.content().iter().all(|v| !v.is_nan()),
            "{what}: NaN cotangent"
        );
        ct_x
    };
    properties(what, &f, &jvp, vjp, x, k)?;
    no_nan(what, &jvp(x, &f(x), &x.map(|_| 1.0)))
}

/// The properties of a rule from a masked array to an array, with poisoned inputs and
/// tangents.
fn from_masked(
    what: &str,
    f: impl Fn(&Masked<f64>) -> Array<f64>,
    jvp: impl Fn(&Masked<f64>, &Array<f64>, &Masked<f64>) -> Array<f64>,
    vjp: impl Fn(&Masked<f64>, &Array<f64>, &Array<f64>) -> Masked<f64>,
    m: &Masked<f64>,
    k: (f64, f64, u64),
) -> Result<(), TestCaseError> {
    let m = poisoned(m);
    let f = |m: &Masked<f64>| f(&poisoned(m));
    let jvp = |m: &Masked<f64>, y: &Array<f64>, t: &Masked<f64>| jvp(&poisoned(m), y, &poisoned(t));
    let vjp = |m: &Masked<f64>, y: &Array<f64>, ct: &Array<f64>| vjp(&poisoned(m), y, ct);
    properties(what, f, jvp, vjp, &m, k)?;
    no_nan(what, &f(&m))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mask_rules_hold(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let cond = condition(&x);
        to_masked(
            "mask",
            |x| x.mask(&cond),
            |x, y, t| rules::mask_jvp(x, y, &cond, t),
            |x, y, ct| rules::mask_vjp(x, y, &cond, ct),
            &x,
            k,
        )?;
    }

    #[test]
    fn pad_none_rules_hold(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        for n in 0..4 {
            for clip in [false, true] {
                to_masked(
                    &format!("pad_none({n}, {clip})"),
                    |x| x.pad_none(n, clip),
                    |x, y, t| rules::pad_none_jvp(x, y, n, clip, t),
                    |x, y, ct| rules::pad_none_vjp(x, y, n, clip, ct),
                    &x,
                    k,
                )?;
            }
        }
    }

    #[test]
    fn firsts_rules_hold(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        to_masked("firsts", Array::firsts, rules::firsts_jvp, rules::firsts_vjp, &x, k)?;
    }

    #[test]
    fn max_min_or_none_rules_hold_at_every_axis(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let x = distinct(&x, 0.25);
        for axis in every_axis(&x) {
            to_masked(
                &format!("max_or_none({axis})"),
                |x| x.max_or_none(axis),
                |x, y, t| rules::max_or_none_jvp(x, y, axis, t),
                |x, y, ct| rules::max_or_none_vjp(x, y, axis, ct),
                &x,
                k,
            )?;
            to_masked(
                &format!("min_or_none({axis})"),
                |x| x.min_or_none(axis),
                |x, y, t| rules::min_or_none_jvp(x, y, axis, t),
                |x, y, ct| rules::min_or_none_vjp(x, y, axis, ct),
                &x,
                k,
            )?;
        }
    }

    #[test]
    fn fill_none_rules_hold_for_both_operands(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let m = x.mask(&condition(&x));
        from_masked(
            "fill_none (masked operand)",
            |m| m.fill_none(0.5),
            |m, y, t| rules::fill_none_jvp_lhs(m, &0.5, y, t),
            |m, y, ct| rules::fill_none_vjp_lhs(m, &0.5, y, ct),
            &m,
            k,
        )?;
        // Both operands: the masked array and the fill value.
        let f = |(m, v): &(Masked<f64>, f64)| poisoned(m).fill_none(*v);
        let jvp = |(m, v): &(Masked<f64>, f64), y: &Array<f64>, (dm, dv): &(Masked<f64>, f64)| {
            let m = poisoned(m);
            rules::fill_none_jvp_lhs(&m, v, y, &poisoned(dm))
                .add_value(&rules::fill_none_jvp_rhs(&m, v, y, dv))
        };
        let vjp = |(m, v): &(Masked<f64>, f64), y: &Array<f64>, ct: &Array<f64>| {
            let m = poisoned(m);
            (rules::fill_none_vjp_lhs(&m, v, y, ct), rules::fill_none_vjp_rhs(&m, v, y, ct))
        };
        properties("fill_none (both operands)", f, jvp, vjp, &(m, 1.25), k)?;
    }

    #[test]
    fn drop_none_rules_hold(x in ragged(0..=3, -10.0, 10.0), k in coefficients()) {
        let m = x.mask(&condition(&x));
        from_masked("drop_none", Masked::drop_none, rules::drop_none_jvp, rules::drop_none_vjp, &m, k)?;
        // Padding and dropping again gives the input back.
        prop_assert_eq!(x.pad_none(3, false).drop_none(), x.clone());
    }

    /// The operators between masked arrays, arrays (of the same or a lower depth) and
    /// scalars, through their own rules (generic over `Broadcast`).
    #[test]
    fn operator_rules_hold_on_masked_operands(x in ragged(1..=3, 0.5, 3.0), k in coefficients()) {
        let a = x.mask(&condition(&x));
        let b = x.map(|v| v * 0.7 + 0.4).mask(&x.map(|v| (v * 3.7).fract() < 0.6));
        let lower = outer_like(&x, x.structure().depth() - 1, 0.5, 2.0, k.2);
        binary("masked + masked", &a, &b, k, |x, y| x + y, rules::add_jvp_lhs, rules::add_jvp_rhs, rules::add_vjp_lhs, rules::add_vjp_rhs)?;
        binary("masked * masked", &a, &b, k, |x, y| x * y, rules::mul_jvp_lhs, rules::mul_jvp_rhs, rules::mul_vjp_lhs, rules::mul_vjp_rhs)?;
        binary("masked / masked", &a, &b, k, |x, y| x / y, rules::div_jvp_lhs, rules::div_jvp_rhs, rules::div_vjp_lhs, rules::div_vjp_rhs)?;
        binary("masked - array", &a, &x, k, |x, y| x - y, rules::sub_jvp_lhs, rules::sub_jvp_rhs, rules::sub_vjp_lhs, rules::sub_vjp_rhs)?;
        binary("array * masked", &x, &a, k, |x, y| x * y, rules::mul_jvp_lhs, rules::mul_jvp_rhs, rules::mul_vjp_lhs, rules::mul_vjp_rhs)?;
        binary("masked / lower-depth array", &a, &lower, k, |x, y| x / y, rules::div_jvp_lhs, rules::div_jvp_rhs, rules::div_vjp_lhs, rules::div_vjp_rhs)?;
        binary("masked * scalar", &a, &1.5, k, |x, y| x * y, rules::mul_jvp_lhs, rules::mul_jvp_rhs, rules::mul_vjp_lhs, rules::mul_vjp_rhs)?;
        binary("scalar / masked", &2.5, &a, k, |x, y| x / y, rules::div_jvp_lhs, rules::div_jvp_rhs, rules::div_vjp_lhs, rules::div_vjp_rhs)?;
    }

    /// The unary ufuncs on masked arrays, through their own rules (generic over `Value`).
    #[test]
    fn unary_rules_hold_on_masked_arrays(x in ragged(0..=3, 0.5, 3.0), k in coefficients()) {
        let m = x.mask(&condition(&x));
        type Rule = fn(&Masked<f64>, &Masked<f64>, &Masked<f64>) -> Masked<f64>;
        type Ufunc = fn(&Masked<f64>) -> Masked<f64>;
        let table: [(&str, Ufunc, Rule, Rule); 6] = [
            ("exp", Masked::exp, rules::exp_jvp, rules::exp_vjp),
            ("ln", Masked::ln, rules::ln_jvp, rules::ln_vjp),
            ("sqrt", Masked::sqrt, rules::sqrt_jvp, rules::sqrt_vjp),
            ("tanh", Masked::tanh, rules::tanh_jvp, rules::tanh_vjp),
            ("recip", Masked::recip, rules::recip_jvp, rules::recip_vjp),
            ("neg", |m| -m, rules::neg_jvp, rules::neg_vjp),
        ];
        for (name, f, jvp, vjp) in table {
            let f = |m: &Masked<f64>| f(&poisoned(m));
            let jvp = |m: &Masked<f64>, y: &Masked<f64>, t: &Masked<f64>| jvp(&poisoned(m), y, &poisoned(t));
            let vjp = |m: &Masked<f64>, y: &Masked<f64>, ct: &Masked<f64>| vjp(&poisoned(m), y, &poisoned(ct));
            properties(name, f, jvp, vjp, &m, k)?;
        }
    }
}

type Jvp<A, B, D> = fn(&A, &B, &<A as Broadcast<B>>::Output, &D) -> <A as Broadcast<B>>::Output;
type Vjp<A, B, C> = fn(&A, &B, &<A as Broadcast<B>>::Output, &<A as Broadcast<B>>::Output) -> C;

/// The properties of a binary operator `op` on `(a, b)` through its four rules, with NaN at
/// the missing entries of masked operands, tangents and cotangents.
#[allow(clippy::too_many_arguments)]
fn binary<A, B>(
    name: &str,
    a: &A,
    b: &B,
    k: (f64, f64, u64),
    op: fn(T, T) -> T,
    jvp_lhs: Jvp<A, B, A>,
    jvp_rhs: Jvp<A, B, B>,
    vjp_lhs: Vjp<A, B, A>,
    vjp_rhs: Vjp<A, B, B>,
) -> Result<(), TestCaseError>
where
    A: Broadcast<B, Elem = f64> + Operand,
    B: Value<Elem = f64> + Operand,
    A::Output: Operand,
{
    let f = |(a, b): &(A, B)| a.poisoned().zip(&b.poisoned(), name, op);
    let jvp = |(a, b): &(A, B), y: &A::Output, (da, db): &(A, B)| {
        let (a, b) = (a.poisoned(), b.poisoned());
        jvp_lhs(&a, &b, y, &da.poisoned()).add_value(&jvp_rhs(&a, &b, y, &db.poisoned()))
    };
    let vjp = |(a, b): &(A, B), y: &A::Output, ct: &A::Output| {
        let (a, b, ct) = (a.poisoned(), b.poisoned(), ct.poisoned());
        (vjp_lhs(&a, &b, y, &ct), vjp_rhs(&a, &b, y, &ct))
    };
    properties(name, f, jvp, vjp, &(a.clone(), b.clone()), k)
}

type T = f64;

/// An operand of a binary operator, with NaN at the missing entries of a masked one.
trait Operand: Clone {
    fn poisoned(&self) -> Self;
}

impl Operand for Masked<f64> {
    fn poisoned(&self) -> Self {
        poisoned(self)
    }
}

impl Operand for Array<f64> {
    fn poisoned(&self) -> Self {
        self.clone()
    }
}

impl Operand for f64 {
    fn poisoned(&self) -> Self {
        *self
    }
}
