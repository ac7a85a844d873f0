//! Fused elementwise chains against the unfused array rules: for every elementwise
//! primitive, `fused_map` with its scalar form gives the array method's value, `fused_jvp`
//! with its slope the array JVP rule's tangent, and `fused_vjp` the array VJP rule's
//! cotangent, on random ragged arrays (proptest) with empty lists; plus a chain, the
//! broadcasting path of `fused_vjp`, large (threaded) inputs, and the misuse messages.

use crate::support;
use crate::support::{close, outer_like, ragged};
use awkdiff_core::rules::{self, scalar};
use awkdiff_core::{array, s, Array};
use proptest::prelude::*;

type Unary = (
    &'static str,
    fn(&Array<f64>) -> Array<f64>,
    fn(f64) -> f64,
    fn(f64, f64) -> f64,
    fn(&Array<f64>, &Array<f64>, &Array<f64>) -> Array<f64>,
    fn(&Array<f64>, &Array<f64>, &Array<f64>) -> Array<f64>,
);

/// Every unary ufunc of core's table (`ops/unary.rs`; a new entry is checked without a new
/// test) and `neg`.
fn unaries() -> Vec<Unary> {
    let mut all: Vec<Unary> = awkdiff_core::ops::UNARY_TABLE
        .iter()
        .map(|row| (row.name, row.method, row.value, row.slope, row.jvp, row.vjp))
        .collect();
    all.push((
        "neg",
        |x| -x,
        scalar::neg::<f64>,
        scalar::neg_slope::<f64>,
        rules::neg_jvp::<Array<f64>>,
        rules::neg_vjp::<Array<f64>>,
    ));
    all
}

type Binary = (
    &'static str,
    fn(&Array<f64>, &Array<f64>) -> Array<f64>,
    fn(f64, f64) -> f64,
    fn(f64, f64, f64) -> (f64, f64),
    [fn(&Array<f64>, &Array<f64>, &Array<f64>, &Array<f64>) -> Array<f64>; 4],
);

fn binaries() -> Vec<Binary> {
    macro_rules! binary {
        ($($name:ident $slopes:ident [$jl:ident $jr:ident $vl:ident $vr:ident] $primal:expr),*) => {
            vec![$({
                let b: Binary = (
                    stringify!($name),
                    $primal,
                    scalar::$name::<f64>,
                    scalar::$slopes::<f64>,
                    [
                        rules::$jl::<Array<f64>, Array<f64>>,
                        rules::$jr::<Array<f64>, Array<f64>>,
                        rules::$vl::<Array<f64>, Array<f64>>,
                        rules::$vr::<Array<f64>, Array<f64>>,
                    ],
                );
                b
            }),*]
        };
    }
    binary!(
        add add_slopes [add_jvp_lhs add_jvp_rhs add_vjp_lhs add_vjp_rhs] |a, b| a + b,
        sub sub_slopes [sub_jvp_lhs sub_jvp_rhs sub_vjp_lhs sub_vjp_rhs] |a, b| a - b,
        mul mul_slopes [mul_jvp_lhs mul_jvp_rhs mul_vjp_lhs mul_vjp_rhs] |a, b| a * b,
        div div_slopes [div_jvp_lhs div_jvp_rhs div_vjp_lhs div_vjp_rhs] |a, b| a / b,
        pow pow_slopes [pow_jvp_lhs pow_jvp_rhs pow_vjp_lhs pow_vjp_rhs] |a, b| a.pow(b),
        maximum maximum_slopes [maximum_jvp_lhs maximum_jvp_rhs maximum_vjp_lhs maximum_vjp_rhs]
            |a, b| a.maximum(b),
        minimum minimum_slopes [minimum_jvp_lhs minimum_jvp_rhs minimum_vjp_lhs minimum_vjp_rhs]
            |a, b| a.minimum(b),
        atan2 atan2_slopes [atan2_jvp_lhs atan2_jvp_rhs atan2_vjp_lhs atan2_vjp_rhs]
            |a, b| a.atan2(b),
        hypot hypot_slopes [hypot_jvp_lhs hypot_jvp_rhs hypot_vjp_lhs hypot_vjp_rhs]
            |a, b| a.hypot(b)
    )
}

const TOL: f64 = 1e-13;

fn unary_agrees(x: &Array<f64>, t: &Array<f64>) -> Result<(), String> {
    for (name, method, value, slope, jvp, vjp) in unaries() {
        let y = method(x);
        let fused = rules::fused_map([x], |[x]| value(x));
        close(&format!("{name} value"), fused.content(), y.content(), 0.0)?;
        let (fy, fdy) = rules::fused_jvp([x], [t], |[x], [dx]| {
            let y = value(x);
            (y, slope(x, y) * dx)
        });
        close(&format!("{name} jvp value"), fy.content(), y.content(), 0.0)?;
        close(
            &format!("{name} jvp"),
            fdy.content(),
            jvp(x, &y, t).content(),
            TOL,
        )?;
        let [ct_x] = rules::fused_vjp([x], t, |[x], ct| [slope(x, value(x)) * ct]);
        close(
            &format!("{name} vjp"),
            ct_x.content(),
            vjp(x, &y, t).content(),
            TOL,
        )?;
    }
    Ok(())
}

fn binary_agrees(
    a: &Array<f64>,
    b: &Array<f64>,
    ta: &Array<f64>,
    tb: &Array<f64>,
) -> Result<(), String> {
    for (name, method, value, slopes, [jvp_lhs, jvp_rhs, vjp_lhs, vjp_rhs]) in binaries() {
        let y = method(a, b);
        let fused = rules::fused_map([a, b], |[a, b]| value(a, b));
        close(&format!("{name} value"), fused.content(), y.content(), 0.0)?;
        let (_, fdy) = rules::fused_jvp([a, b], [ta, tb], |[a, b], [da, db]| {
            let y = value(a, b);
            let (sa, sb) = slopes(a, b, y);
            (y, sa * da + sb * db)
        });
        let dy = jvp_lhs(a, b, &y, ta) + jvp_rhs(a, b, &y, tb);
        close(&format!("{name} jvp"), fdy.content(), dy.content(), TOL)?;
        let [ct_a, ct_b] = rules::fused_vjp([a, b], ta, |[a, b], ct| {
            let (sa, sb) = slopes(a, b, value(a, b));
            [sa * ct, sb * ct]
        });
        close(
            &format!("{name} vjp lhs"),
            ct_a.content(),
            vjp_lhs(a, b, &y, ta).content(),
            TOL,
        )?;
        close(
            &format!("{name} vjp rhs"),
            ct_b.content(),
            vjp_rhs(a, b, &y, ta).content(),
            TOL,
        )?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(support::cases(64))]

    #[test]
    fn every_unary_scalar_form_matches_its_array_rules(x in ragged(0..=3, 0.1, 1.4)) {
        let t = x.map(|v| (3.0 * v).cos());
        unary_agrees(&x, &t).map_err(TestCaseError::fail)?;
        let negative = x.map(|v| -v);
        // ln, sqrt and log10 are NaN below 0 on both paths; abs has its other slope.
        unary_agrees(&negative, &t).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn every_binary_scalar_form_matches_its_array_rules(x in ragged(0..=3, 0.1, 2.0)) {
        let b = x.map(|v| 2.1 - v);
        let ta = x.map(|v| v.sin());
        let tb = x.map(|v| v.cos());
        binary_agrees(&x, &b, &ta, &tb).map_err(TestCaseError::fail)?;
        // Ties of maximum/minimum and a zero base of pow.
        let zeros = x.map(|_| 0.0);
        binary_agrees(&x, &x, &ta, &tb).map_err(TestCaseError::fail)?;
        binary_agrees(&zeros, &b, &ta, &tb).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn clamp_scalar_form_matches_its_array_rules(x in ragged(0..=3, -1.5, 1.5)) {
        let t = x.map(|v| (3.0 * v).cos());
        // Ties at both bounds, and bounds the wrong way round.
        let x = x.map(|v| if v > 1.2 { 1.0 } else if v < -1.2 { -0.5 } else { v });
        for (lo, hi) in [(-0.5, 1.0), (1.0, -0.5), (0.25, 0.25)] {
            let y = x.clamp(lo, hi);
            let fused = rules::fused_map([&x], |[x]| scalar::clamp(x, lo, hi));
            close("clamp value", fused.content(), y.content(), 0.0).map_err(TestCaseError::fail)?;
            let (_, fdy) = rules::fused_jvp([&x], [&t], |[x], [dx]| {
                let y = scalar::clamp(x, lo, hi);
                (y, scalar::clamp_slope(x, y, lo, hi) * dx)
            });
            let dy = rules::clamp_jvp(&x, &y, lo, hi, &t);
            close("clamp jvp", fdy.content(), dy.content(), 0.0).map_err(TestCaseError::fail)?;
            let ct = rules::clamp_vjp(&x, &y, lo, hi, &t);
            close("clamp vjp", ct.content(), dy.content(), 0.0).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn fused_vjp_sums_back_an_input_the_chain_broadcast(x in ragged(1..=3, -1.0, 1.0), seed in 0u64..1000) {
        for depth in 0..x.ndim() - 1 {
            let outer = outer_like(&x, depth, -1.0, 1.0, seed);
            let y = &x * &outer;
            let ct = y.map(|v| v + 0.5);
            let [ct_x, ct_outer] = rules::fused_vjp([&x, &outer], &ct, |[a, b], ct| {
                let (sa, sb) = scalar::mul_slopes(a, b, a * b);
                [sa * ct, sb * ct]
            });
            let want_x = rules::mul_vjp_lhs(&x, &outer, &y, &ct);
            let want_outer = rules::mul_vjp_rhs(&x, &outer, &y, &ct);
            close("lhs", ct_x.content(), want_x.content(), TOL).map_err(TestCaseError::fail)?;
            prop_assert_eq!(ct_outer.type_str(), outer.type_str());
            close("rhs", ct_outer.content(), want_outer.content(), TOL).map_err(TestCaseError::fail)?;
        }
    }
}

#[test]
fn a_chain_in_one_pass_equals_the_chain_of_operations() {
    let x = awkdiff_core::check::random_ragged(&mut awkdiff_core::check::rng(5), 2, 40, -2.0, 2.0);
    let t = x.map(|v| 1.0 - v);
    let y = (&x * &x + x.sin()).tanh();
    let chain = |[x]: [f64; 1]| scalar::tanh(scalar::add(scalar::mul(x, x), scalar::sin(x)));
    assert_eq!(rules::fused_map([&x], chain), y);
    let (value, tangent) = rules::fused_jvp([&x], [&t], |[x], [dx]| {
        let (m, s) = (scalar::mul(x, x), scalar::sin(x));
        let (sa, sb) = scalar::mul_slopes(x, x, m);
        let (dm, ds) = (sa * dx + sb * dx, scalar::sin_slope(x, s) * dx);
        let a = scalar::add(m, s);
        let y = scalar::tanh(a);
        (y, scalar::tanh_slope(a, y) * (dm + ds))
    });
    assert_eq!(value, y);
    let want =
        t.map(|_| 0.0) + rules::tanh_jvp(&(&x * &x + x.sin()), &y, &(&t * &x * 2.0 + x.cos() * &t));
    close("chain jvp", tangent.content(), want.content(), 1e-12).unwrap();
}

#[test]
fn large_inputs_use_threads_and_give_the_same_values() {
    let x = Array::from_vec(
        (0..300_000)
            .map(|i| (i as f64 * 0.37).sin() * 2.0)
            .collect(),
    );
    let (y, dy) = rules::fused_jvp([&x], [&x], |[x], [dx]| {
        (scalar::sin(x), scalar::cos(x) * dx)
    });
    assert_eq!(y, x.sin());
    assert_eq!(dy, rules::sin_jvp(&x, &y, &x));
    let [ct] = rules::fused_vjp([&x], &x, |[x], ct| [scalar::cos(x) * ct]);
    assert_eq!(ct, rules::sin_vjp(&x, &y, &x));
}

#[test]
fn inputs_of_different_structures_are_refused_with_their_types() {
    let a = array![[1.0, 2.0], []];
    let b = array![[1.0], [2.0]];
    assert!(!rules::same_structure([&a, &b]));
    let message = std::panic::catch_unwind(|| rules::fused_map([&a, &b], |[a, b]| a + b))
        .unwrap_err()
        .downcast::<String>()
        .unwrap();
    assert_eq!(
        *message,
        "fused_map: the inputs of a fused elementwise chain must share one structure, found [[1, 2], []] and [[1], [2]]"
    );
    let message = std::panic::catch_unwind(|| rules::fused_jvp([&a], [&b], |[a], [d]| (a, d)))
        .unwrap_err()
        .downcast::<String>()
        .unwrap();
    assert_eq!(
        *message,
        "fused_jvp: the tangents are [[1], [2]] but the inputs [[1, 2], []]"
    );
}

/// Lists whose lengths are `lengths`, values from a fixed sequence (some negative).
fn lists_of(lengths: &[usize]) -> Array<f64> {
    let mut offsets = vec![0i64];
    for &n in lengths {
        offsets.push(offsets.last().unwrap() + n as i64);
    }
    let total = *offsets.last().unwrap() as usize;
    let values = (0..total)
        .map(|k| ((k * 7919) % 1000) as f64 / 250.0 - 1.7)
        .collect();
    Array::from_offsets(offsets, values).unwrap()
}

/// A fused sum over inputs that gather (jagged indexing reads single items, indexing by
/// lazy combinations computes its pairs) works a group of lists at a time and cuts a list longer than a
/// group's room into pieces, its sums carried from one piece to the next. The sums are
/// those of the chain materialised and then summed, to the bit, for lists of every size
/// around the cuts, more lists than one group holds, and empty ones.
#[test]
fn sums_over_gathered_inputs_go_on_across_pieces_of_long_lists() {
    let mut lengths = vec![0, 5000, 3, 0, 9001, 1, 4096, 4097, 95, 0];
    lengths.extend((0..400).map(|k| (k * 37) % 23));
    let x = lists_of(&lengths);
    let kept = x.index(&x.argsort(-1, false)); // single items, read through a gather
    let y = kept.sin();
    let value = rules::fused_sum_map([&kept, &y], -1, |[a, b]| a * b + b);
    assert_eq!(value, (&kept * &y + &y).sum(-1));
    let (v, t) = rules::fused_sum_jvp([&kept], [&y], -1, |[a], [da]| (a * a, 2.0 * a * da));
    assert_eq!(
        (v, t),
        ((&kept * &kept).sum(-1), (&kept * 2.0 * &y).sum(-1))
    );

    // Pairs: a list of 100 has 4950 of them, more than one group takes.
    let pairs = lists_of(&[100, 0, 2, 130, 1, 91, 3]);
    let (i, j) = pairs.argcombinations::<2>();
    let (a, b) = (pairs.index(&i), pairs.index(&j));
    let sums = rules::fused_sum_map([&a, &b], -1, |[a, b]| a * b);
    let materialised = |z: &Array<f64>| Array::<f64>::from_json(&z.to_json()).unwrap();
    assert_eq!(sums, (&materialised(&a) * &materialised(&b)).sum(-1));
}

/// A fused sum over ranges inside every list (read in place, where each list's range
/// begins looked up a group of lists at a time from the source's offsets) equals the chain
/// materialised and then summed, to the bit: ranges from the front, from the back and up to
/// the end, and whole lists in reverse order, over more lists than one group holds.
#[test]
fn sums_over_ranges_of_every_list_read_each_group_of_lists_in_order() {
    // 300 lists (more than one group), empty and single-valued ones among them.
    let lengths: Vec<usize> = (0..300).map(|k| (k * 7) % 13).collect();
    let x = lists_of(&lengths);
    let materialised = |z: &Array<f64>| Array::<f64>::from_json(&z.to_json()).unwrap();
    let cases = [
        (x.slice(s![.., 1..]), x.slice(s![.., ..-1])),
        (x.slice(s![.., -3..]), x.slice(s![.., ..3])),
        // Whole lists in reverse order, read in place from the source's offsets backwards.
        (x.slice(s![..;-1]), (&x * 2.0).slice(s![..;-1])),
        (x.slice(s![..;-1]), x.slice(s![..;-1])),
    ];
    for (a, b) in &cases {
        let sums = rules::fused_sum_map([a, b], -1, |[a, b]| a * b + a);
        let expected = (&materialised(a) * &materialised(b) + &materialised(a)).sum(-1);
        assert_eq!(sums, expected, "{a:?} and {b:?}");
        let (v, t) = rules::fused_sum_jvp([a], [b], -1, |[a], [da]| (a * a, 2.0 * a * da));
        let (ma, mb) = (materialised(a), materialised(b));
        assert_eq!((v, t), ((&ma * &ma).sum(-1), (&ma * 2.0 * &mb).sum(-1)));
    }
}
