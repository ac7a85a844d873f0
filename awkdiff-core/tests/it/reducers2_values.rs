//! Values of the reducers of issue 13 at every axis (positive and negative) of arrays of
//! depth 1 to 4, with empty lists, empty arrays, lists shorter than `ddof + 1`, repeated and
//! zero values, against numbers from Awkward Array 2.14 (`tests/reducers2_values.py`):
//! `var` (ddof 0, 1, 2), `std` (ddof 0, 1), `ptp`, `logsumexp`, `any`, `all`,
//! `count_nonzero`, the structure of every keepdims form and `argmax_keepdims`. Also the
//! `*_all` forms, NaN, bool and i64 reducers, and softmax at every axis.

use crate::reduce_values::{array, assert_close, assert_ints};
use awkdiff_core::{Array, Float};

struct Case {
    /// Number of `var` dimensions of the input.
    depth: usize,
    input: &'static str,
    axis: usize,
    var0: &'static str,
    var1: &'static str,
    var2: &'static str,
    std0: &'static str,
    std1: &'static str,
    ptp: &'static str,
    logsumexp: &'static str,
    any: &'static str,
    all: &'static str,
    count_nonzero: &'static str,
    /// `ak.sum(x, axis, keepdims=True)`: the structure of every keepdims form.
    sum_keepdims: &'static str,
    /// Empty above the two innermost axes (not compared there, see the script).
    argmax_keepdims: &'static str,
}

fn as_ints(mask: &Array<bool>) -> Array<i64> {
    mask.map(i64::from)
}

fn check_all<T: Float>(tol: f64) {
    for case in CASES {
        let x: Array<T> = array(case.depth, case.input);
        let out = case.depth.saturating_sub(1);
        let ndim = case.depth as isize + 1;
        for axis in [case.axis as isize, case.axis as isize - ndim] {
            let what = |op: &str| format!("{op}({axis}) of {} ({})", case.input, x.type_str());
            assert_close(&x.var(axis, 0), out, case.var0, tol, &what("var ddof=0"));
            assert_close(&x.var(axis, 1), out, case.var1, tol, &what("var ddof=1"));
            assert_close(&x.var(axis, 2), out, case.var2, tol, &what("var ddof=2"));
            assert_close(&x.std(axis, 0), out, case.std0, tol, &what("std ddof=0"));
            assert_close(&x.std(axis, 1), out, case.std1, tol, &what("std ddof=1"));
            assert_close(&x.ptp(axis), out, case.ptp, tol, &what("ptp"));
            assert_close(
                &x.logsumexp(axis),
                out,
                case.logsumexp,
                tol,
                &what("logsumexp"),
            );
            assert_ints(&as_ints(&x.any(axis)), out, case.any, &what("any"));
            assert_ints(&as_ints(&x.all(axis)), out, case.all, &what("all"));
            assert_ints(
                &x.count_nonzero(axis),
                out,
                case.count_nonzero,
                &what("count_nonzero"),
            );

            // keepdims: Awkward's structure, the plain reducer's values
            let kept = case.depth;
            assert_close(
                &x.sum_keepdims(axis),
                kept,
                case.sum_keepdims,
                tol,
                &what("sum_keepdims"),
            );
            let keep = x.sum_keepdims(axis);
            let same = |name: &str,
                        k: &dyn Fn() -> (Vec<f64>, awkdiff_core::Structure),
                        plain: Vec<f64>| {
                let (values, structure) = k();
                assert!(structure.same_as(keep.structure()), "{}", what(name));
                let equal = values
                    .iter()
                    .zip(&plain)
                    .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()));
                assert!(equal && values.len() == plain.len(), "{}", what(name));
            };
            let f = |a: Array<T>| {
                (
                    a.content().iter().map(|v| v.as_f64()).collect(),
                    a.structure().clone(),
                )
            };
            let i = |a: Array<i64>| {
                (
                    a.content().iter().map(|&v| v as f64).collect(),
                    a.structure().clone(),
                )
            };
            let b = |a: Array<bool>| {
                (
                    a.content()
                        .iter()
                        .map(|&v| f64::from(u8::from(v)))
                        .collect(),
                    a.structure().clone(),
                )
            };
            let plain = |a: Array<T>| a.content().iter().map(|v| v.as_f64()).collect::<Vec<f64>>();
            let plain_i =
                |a: Array<i64>| a.content().iter().map(|&v| v as f64).collect::<Vec<f64>>();
            let plain_b = |a: Array<bool>| {
                a.content()
                    .iter()
                    .map(|&v| f64::from(u8::from(v)))
                    .collect::<Vec<f64>>()
            };
            same(
                "prod_keepdims",
                &|| f(x.prod_keepdims(axis)),
                plain(x.prod(axis)),
            );
            same(
                "mean_keepdims",
                &|| f(x.mean_keepdims(axis)),
                plain(x.mean(axis)),
            );
            same(
                "max_keepdims",
                &|| f(x.max_keepdims(axis)),
                plain(x.max(axis)),
            );
            same(
                "min_keepdims",
                &|| f(x.min_keepdims(axis)),
                plain(x.min(axis)),
            );
            same(
                "var_keepdims",
                &|| f(x.var_keepdims(axis, 1)),
                plain(x.var(axis, 1)),
            );
            same(
                "std_keepdims",
                &|| f(x.std_keepdims(axis, 0)),
                plain(x.std(axis, 0)),
            );
            same(
                "ptp_keepdims",
                &|| f(x.ptp_keepdims(axis)),
                plain(x.ptp(axis)),
            );
            same(
                "logsumexp_keepdims",
                &|| f(x.logsumexp_keepdims(axis)),
                plain(x.logsumexp(axis)),
            );
            same(
                "count_keepdims",
                &|| i(x.count_keepdims(axis)),
                plain_i(x.count(axis)),
            );
            same(
                "count_nonzero_keepdims",
                &|| i(x.count_nonzero_keepdims(axis)),
                plain_i(x.count_nonzero(axis)),
            );
            same(
                "any_keepdims",
                &|| b(x.any_keepdims(axis)),
                plain_b(x.any(axis)),
            );
            same(
                "all_keepdims",
                &|| b(x.all_keepdims(axis)),
                plain_b(x.all(axis)),
            );
            if !case.argmax_keepdims.is_empty() {
                let found = x.argmax_keepdims(axis);
                assert_ints(&found, kept, case.argmax_keepdims, &what("argmax_keepdims"));
            }
            // where no list is empty, argmax/argmin_keepdims are the plain positions, kept
            let arg = x.argmax(axis);
            if !arg.content().contains(&-1) {
                same(
                    "argmax_keepdims",
                    &|| i(x.argmax_keepdims(axis)),
                    plain_i(arg),
                );
                same(
                    "argmin_keepdims",
                    &|| i(x.argmin_keepdims(axis)),
                    plain_i(x.argmin(axis)),
                );
            }
        }
    }
}

#[test]
fn spread_truth_and_keepdims_at_every_axis_f64() {
    check_all::<f64>(1e-12);
}

#[test]
fn spread_truth_and_keepdims_at_every_axis_f32() {
    check_all::<f32>(1e-5);
}

// Generated by tests/reducers2_values.py from Awkward Array 2.14 (see its docstring).
const CASES: &[Case] = &[
    Case { depth: 0, input: "[1,2,4,0.5]", axis: 0,
        var0: "[1.796875]", var1: "[2.395833333333333]", var2: "[3.59375]", std0: "[1.340475661845451]", std1: "[1.5478479684172257]", ptp: "[3.5]", logsumexp: "[4.1950071985735935]", any: "[1]", all: "[1]", count_nonzero: "[4]", sum_keepdims: "[7.5]", argmax_keepdims: "[2]" },
    Case { depth: 0, input: "[3,3]", axis: 0,
        var0: "[0]", var1: "[0]", var2: "[\"nan\"]", std0: "[0]", std1: "[0]", ptp: "[0]", logsumexp: "[3.6931471805599454]", any: "[1]", all: "[1]", count_nonzero: "[2]", sum_keepdims: "[6]", argmax_keepdims: "[0]" },
    Case { depth: 0, input: "[2]", axis: 0,
        var0: "[0]", var1: "[\"nan\"]", var2: "[0]", std0: "[0]", std1: "[\"nan\"]", ptp: "[0]", logsumexp: "[2]", any: "[1]", all: "[1]", count_nonzero: "[1]", sum_keepdims: "[2]", argmax_keepdims: "[0]" },
    Case { depth: 0, input: "[]", axis: 0,
        var0: "[\"nan\"]", var1: "[\"nan\"]", var2: "[\"nan\"]", std0: "[\"nan\"]", std1: "[\"nan\"]", ptp: "[0]", logsumexp: "[\"-inf\"]", any: "[0]", all: "[1]", count_nonzero: "[0]", sum_keepdims: "[0]", argmax_keepdims: "[]" },
    Case { depth: 1, input: "[[1,2,4],[],[3],[5,5]]", axis: 0,
        var0: "[2.666666666666666,2.25,0]", var1: "[3.999999999999999,4.5,\"nan\"]", var2: "[7.999999999999998,\"inf\",0]", std0: "[1.6329931618554518,1.5,0]", std1: "[1.9999999999999998,2.1213203435596424,\"nan\"]", ptp: "[4,3,0]", logsumexp: "[5.142931628499899,5.048587351573742,4]", any: "[1,1,1]", all: "[1,1,1]", count_nonzero: "[3,2,1]", sum_keepdims: "[[9,7,4]]", argmax_keepdims: "[[3,3,0]]" },
    Case { depth: 1, input: "[[1,2,4],[],[3],[5,5]]", axis: 1,
        var0: "[1.5555555555555554,\"nan\",0,0]", var1: "[2.333333333333333,\"nan\",\"nan\",0]", var2: "[4.666666666666666,\"nan\",0,\"nan\"]", std0: "[1.247219128924647,\"nan\",0,0]", std1: "[1.5275252316519465,\"nan\",\"nan\",0]", ptp: "[3,0,0,0]", logsumexp: "[4.169846019556285,\"-inf\",3,5.693147180559945]", any: "[1,0,1,1]", all: "[1,1,1,1]", count_nonzero: "[3,0,1,2]", sum_keepdims: "[[7],[0],[3],[10]]", argmax_keepdims: "[[2],[],[0],[0]]" },
    Case { depth: 1, input: "[]", axis: 0,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[[]]", argmax_keepdims: "[[]]" },
    Case { depth: 1, input: "[]", axis: 1,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[]", argmax_keepdims: "[]" },
    Case { depth: 1, input: "[[]]", axis: 0,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[[]]", argmax_keepdims: "[[]]" },
    Case { depth: 1, input: "[[]]", axis: 1,
        var0: "[\"nan\"]", var1: "[\"nan\"]", var2: "[\"nan\"]", std0: "[\"nan\"]", std1: "[\"nan\"]", ptp: "[0]", logsumexp: "[\"-inf\"]", any: "[0]", all: "[1]", count_nonzero: "[0]", sum_keepdims: "[[0]]", argmax_keepdims: "[[]]" },
    Case { depth: 1, input: "[[],[]]", axis: 0,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[[]]", argmax_keepdims: "[[]]" },
    Case { depth: 1, input: "[[],[]]", axis: 1,
        var0: "[\"nan\",\"nan\"]", var1: "[\"nan\",\"nan\"]", var2: "[\"nan\",\"nan\"]", std0: "[\"nan\",\"nan\"]", std1: "[\"nan\",\"nan\"]", ptp: "[0,0]", logsumexp: "[\"-inf\",\"-inf\"]", any: "[0,0]", all: "[1,1]", count_nonzero: "[0,0]", sum_keepdims: "[[0],[0]]", argmax_keepdims: "[[],[]]" },
    Case { depth: 1, input: "[[1.5,-2,0],[3],[],[0,0],[-1,7,7,2]]", axis: 0,
        var0: "[2.296875,14.88888888888889,12.25,0]", var1: "[3.0625,22.333333333333336,24.5,\"nan\"]", var2: "[4.59375,44.66666666666667,\"inf\",0]", std0: "[1.5155444566227676,3.858612300930075,3.5,0]", std1: "[1.75,4.725815626252609,4.949747468305833,\"nan\"]", ptp: "[4,9,7,0]", logsumexp: "[3.2555974731391206,7.0010347562247155,7.000911466453774,2]", any: "[1,1,1,1]", all: "[0,0,0,1]", count_nonzero: "[3,2,1,1]", sum_keepdims: "[[3.5,5,7,2]]", argmax_keepdims: "[[1,4,4,4]]" },
    Case { depth: 1, input: "[[1.5,-2,0],[3],[],[0,0],[-1,7,7,2]]", axis: 1,
        var0: "[2.055555555555556,0,\"nan\",0,11.6875]", var1: "[3.083333333333334,\"nan\",\"nan\",0,15.583333333333332]", var2: "[6.166666666666668,0,\"nan\",\"nan\",23.375]", std0: "[1.4337208778404378,0,\"nan\",0,3.418698582794336]", std1: "[1.7559422921421233,\"nan\",\"nan\",0,3.9475730941090035]", ptp: "[3.5,0,0,0,8]", logsumexp: "[1.7258020492315993,3,\"-inf\",0.6931471805599453,7.696677645939999]", any: "[1,1,0,0,1]", all: "[0,1,1,0,1]", count_nonzero: "[2,1,0,0,4]", sum_keepdims: "[[-0.5],[3],[0],[0],[15]]", argmax_keepdims: "[[0],[0],[],[0],[1]]" },
    Case { depth: 2, input: "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]", axis: 0,
        var0: "[[2.25,0],[1,0,0],[0]]", var1: "[[4.5,\"nan\"],[2,\"nan\",\"nan\"],[\"nan\"]]", var2: "[[\"inf\",0],[\"inf\",0,0],[0]]", std0: "[[1.5,0],[1,0,0],[0]]", std1: "[[2.1213203435596424,\"nan\"],[1.4142135623730951,\"nan\",\"nan\"],[\"nan\"]]", ptp: "[[3,0],[2,0,0],[0]]", logsumexp: "[[4.048587351573742,2],[5.126928011042972,6,7],[8]]", any: "[[1,1],[1,1,1],[1]]", all: "[[1,1],[1,1,1],[1]]", count_nonzero: "[[2,1],[2,1,1],[1]]", sum_keepdims: "[[[5,2],[8,6,7],[8]]]", argmax_keepdims: "" },
    Case { depth: 2, input: "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]", axis: 1,
        var0: "[[1,0],[],[2.8888888888888857,0,0]]", var1: "[[2,\"nan\"],[],[4.333333333333329,\"nan\",\"nan\"]]", var2: "[[\"inf\",0],[],[8.666666666666657,0,0]]", std0: "[[1,0],[],[1.699673171197594,0,0]]", std1: "[[1.4142135623730951,\"nan\"],[],[2.0816659994661317,\"nan\",\"nan\"]]", ptp: "[[2,0],[],[4,0,0]]", logsumexp: "[[3.1269280110429727,2],[],[8.06588390375743,6,7]]", any: "[[1,1],[],[1,1,1]]", all: "[[1,1],[],[1,1,1]]", count_nonzero: "[[2,1],[],[3,1,1]]", sum_keepdims: "[[[4,2]],[[]],[[17,6,7]]]", argmax_keepdims: "[[[1,0]],[[]],[[2,1,1]]]" },
    Case { depth: 2, input: "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]", axis: 2,
        var0: "[[0.25,0],[],[0,0.6666666666666666,0]]", var1: "[[0.5,\"nan\"],[],[\"nan\",1,\"nan\"]]", var2: "[[\"inf\",0],[],[0,2,0]]", std0: "[[0.5,0],[],[0,0.816496580927726,0]]", std1: "[[0.7071067811865476,\"nan\"],[],[\"nan\",1,\"nan\"]]", ptp: "[[1,0],[],[0,2,0]]", logsumexp: "[[2.3132616875182226,3],[],[4,7.407605964444381,8]]", any: "[[1,1],[],[1,1,1]]", all: "[[1,1],[],[1,1,1]]", count_nonzero: "[[2,1],[],[1,3,1]]", sum_keepdims: "[[[3],[3]],[],[[4],[18],[8]]]", argmax_keepdims: "[[[1],[0]],[],[[0],[2],[0]]]" },
    Case { depth: 2, input: "[]", axis: 0,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[[]]", argmax_keepdims: "" },
    Case { depth: 2, input: "[]", axis: 1,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[]", argmax_keepdims: "[]" },
    Case { depth: 2, input: "[]", axis: 2,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[]", argmax_keepdims: "[]" },
    Case { depth: 2, input: "[[[]]]", axis: 0,
        var0: "[[]]", var1: "[[]]", var2: "[[]]", std0: "[[]]", std1: "[[]]", ptp: "[[]]", logsumexp: "[[]]", any: "[[]]", all: "[[]]", count_nonzero: "[[]]", sum_keepdims: "[[[]]]", argmax_keepdims: "" },
    Case { depth: 2, input: "[[[]]]", axis: 1,
        var0: "[[]]", var1: "[[]]", var2: "[[]]", std0: "[[]]", std1: "[[]]", ptp: "[[]]", logsumexp: "[[]]", any: "[[]]", all: "[[]]", count_nonzero: "[[]]", sum_keepdims: "[[[]]]", argmax_keepdims: "[[[]]]" },
    Case { depth: 2, input: "[[[]]]", axis: 2,
        var0: "[[\"nan\"]]", var1: "[[\"nan\"]]", var2: "[[\"nan\"]]", std0: "[[\"nan\"]]", std1: "[[\"nan\"]]", ptp: "[[0]]", logsumexp: "[[\"-inf\"]]", any: "[[0]]", all: "[[1]]", count_nonzero: "[[0]]", sum_keepdims: "[[[0]]]", argmax_keepdims: "[[[]]]" },
    Case { depth: 2, input: "[[[],[]],[[1]],[[2,3],[],[4]]]", axis: 0,
        var0: "[[0.25,0],[],[0]]", var1: "[[0.5,\"nan\"],[],[\"nan\"]]", var2: "[[\"inf\",0],[],[0]]", std0: "[[0.5,0],[],[0]]", std1: "[[0.7071067811865476,\"nan\"],[],[\"nan\"]]", ptp: "[[1,0],[],[0]]", logsumexp: "[[2.3132616875182226,3],[],[4]]", any: "[[1,1],[],[1]]", all: "[[1,1],[],[1]]", count_nonzero: "[[2,1],[],[1]]", sum_keepdims: "[[[3,3],[],[4]]]", argmax_keepdims: "" },
    Case { depth: 2, input: "[[[],[]],[[1]],[[2,3],[],[4]]]", axis: 1,
        var0: "[[],[0],[1,0]]", var1: "[[],[\"nan\"],[2,\"nan\"]]", var2: "[[],[0],[\"inf\",0]]", std0: "[[],[0],[1,0]]", std1: "[[],[\"nan\"],[1.4142135623730951,\"nan\"]]", ptp: "[[],[0],[2,0]]", logsumexp: "[[],[1],[4.126928011042972,3]]", any: "[[],[1],[1,1]]", all: "[[],[1],[1,1]]", count_nonzero: "[[],[1],[2,1]]", sum_keepdims: "[[[]],[[1]],[[6,3]]]", argmax_keepdims: "[[[]],[[0]],[[2,0]]]" },
    Case { depth: 2, input: "[[[],[]],[[1]],[[2,3],[],[4]]]", axis: 2,
        var0: "[[\"nan\",\"nan\"],[0],[0.25,\"nan\",0]]", var1: "[[\"nan\",\"nan\"],[\"nan\"],[0.5,\"nan\",\"nan\"]]", var2: "[[\"nan\",\"nan\"],[0],[\"inf\",\"nan\",0]]", std0: "[[\"nan\",\"nan\"],[0],[0.5,\"nan\",0]]", std1: "[[\"nan\",\"nan\"],[\"nan\"],[0.7071067811865476,\"nan\",\"nan\"]]", ptp: "[[0,0],[0],[1,0,0]]", logsumexp: "[[\"-inf\",\"-inf\"],[1],[3.313261687518223,\"-inf\",4]]", any: "[[0,0],[1],[1,0,1]]", all: "[[1,1],[1],[1,1,1]]", count_nonzero: "[[0,0],[1],[2,0,1]]", sum_keepdims: "[[[0],[0]],[[1]],[[5],[0],[4]]]", argmax_keepdims: "[[[],[]],[[0]],[[1],[],[0]]]" },
    Case { depth: 3, input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]", axis: 0,
        var0: "[[[4,4,0],[0]],[[0],[0]]]", var1: "[[[8,8,\"nan\"],[\"nan\"]],[[\"nan\"],[\"nan\"]]]", var2: "[[[\"inf\",\"inf\",0],[0]],[[0],[0]]]", std0: "[[[2,2,0],[0]],[[0],[0]]]", std1: "[[[2.8284271247461903,2.8284271247461903,\"nan\"],[\"nan\"]],[[\"nan\"],[\"nan\"]]]", ptp: "[[[4,4,0],[0]],[[0],[0]]]", logsumexp: "[[[5.0181499279178094,6.0181499279178094,7],[3]],[[4],[8]]]", any: "[[[1,1,1],[1]],[[1],[1]]]", all: "[[[1,1,1],[1]],[[1],[1]]]", count_nonzero: "[[[2,2,1],[1]],[[1],[1]]]", sum_keepdims: "[[[[6,8,7],[3]],[[4],[8]]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]", axis: 1,
        var0: "[[[2.25,0],[0]],[],[[0,0,0],[0]]]", var1: "[[[4.5,\"nan\"],[\"nan\"]],[],[[\"nan\",\"nan\",\"nan\"],[\"nan\"]]]", var2: "[[[\"inf\",0],[0]],[],[[0,0,0],[0]]]", std0: "[[[1.5,0],[0]],[],[[0,0,0],[0]]]", std1: "[[[2.1213203435596424,\"nan\"],[\"nan\"]],[],[[\"nan\",\"nan\",\"nan\"],[\"nan\"]]]", ptp: "[[[3,0],[0]],[],[[0,0,0],[0]]]", logsumexp: "[[[4.048587351573742,2],[3]],[],[[5,6,7],[8]]]", any: "[[[1,1],[1]],[],[[1,1,1],[1]]]", all: "[[[1,1],[1]],[],[[1,1,1],[1]]]", count_nonzero: "[[[2,1],[1]],[],[[1,1,1],[1]]]", sum_keepdims: "[[[[5,2],[3]]],[[]],[[[5,6,7],[8]]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]", axis: 2,
        var0: "[[[1,0],[0]],[],[[0,0,0],[0]]]", var1: "[[[2,\"nan\"],[\"nan\"]],[],[[\"nan\",\"nan\",\"nan\"],[\"nan\"]]]", var2: "[[[\"inf\",0],[0]],[],[[0,0,0],[0]]]", std0: "[[[1,0],[0]],[],[[0,0,0],[0]]]", std1: "[[[1.4142135623730951,\"nan\"],[\"nan\"]],[],[[\"nan\",\"nan\",\"nan\"],[\"nan\"]]]", ptp: "[[[2,0],[0]],[],[[0,0,0],[0]]]", logsumexp: "[[[3.1269280110429727,2],[4]],[],[[5,6,7],[8]]]", any: "[[[1,1],[1]],[],[[1,1,1],[1]]]", all: "[[[1,1],[1]],[],[[1,1,1],[1]]]", count_nonzero: "[[[2,1],[1]],[],[[1,1,1],[1]]]", sum_keepdims: "[[[[4,2]],[[4]]],[],[[[5,6,7]],[[8]]]]", argmax_keepdims: "[[[[1,0]],[[0]]],[],[[[0,0,0]],[[1]]]]" },
    Case { depth: 3, input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]", axis: 3,
        var0: "[[[0.25,0],[0]],[],[[0.6666666666666666],[\"nan\",0]]]", var1: "[[[0.5,\"nan\"],[\"nan\"]],[],[[1],[\"nan\",\"nan\"]]]", var2: "[[[\"inf\",0],[0]],[],[[2],[\"nan\",0]]]", std0: "[[[0.5,0],[0]],[],[[0.816496580927726],[\"nan\",0]]]", std1: "[[[0.7071067811865476,\"nan\"],[\"nan\"]],[],[[1],[\"nan\",\"nan\"]]]", ptp: "[[[1,0],[0]],[],[[2],[0,0]]]", logsumexp: "[[[2.3132616875182226,3],[4]],[],[[7.407605964444381],[\"-inf\",8]]]", any: "[[[1,1],[1]],[],[[1],[0,1]]]", all: "[[[1,1],[1]],[],[[1],[1,1]]]", count_nonzero: "[[[2,1],[1]],[],[[3],[0,1]]]", sum_keepdims: "[[[[3],[3]],[[4]]],[],[[[18]],[[0],[8]]]]", argmax_keepdims: "[[[[1],[0]],[[0]]],[],[[[2]],[[],[0]]]]" },
    Case { depth: 3, input: "[[[[]]],[]]", axis: 0,
        var0: "[[[]]]", var1: "[[[]]]", var2: "[[[]]]", std0: "[[[]]]", std1: "[[[]]]", ptp: "[[[]]]", logsumexp: "[[[]]]", any: "[[[]]]", all: "[[[]]]", count_nonzero: "[[[]]]", sum_keepdims: "[[[[]]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[]]],[]]", axis: 1,
        var0: "[[[]],[]]", var1: "[[[]],[]]", var2: "[[[]],[]]", std0: "[[[]],[]]", std1: "[[[]],[]]", ptp: "[[[]],[]]", logsumexp: "[[[]],[]]", any: "[[[]],[]]", all: "[[[]],[]]", count_nonzero: "[[[]],[]]", sum_keepdims: "[[[[]]],[[]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[]]],[]]", axis: 2,
        var0: "[[[]],[]]", var1: "[[[]],[]]", var2: "[[[]],[]]", std0: "[[[]],[]]", std1: "[[[]],[]]", ptp: "[[[]],[]]", logsumexp: "[[[]],[]]", any: "[[[]],[]]", all: "[[[]],[]]", count_nonzero: "[[[]],[]]", sum_keepdims: "[[[[]]],[]]", argmax_keepdims: "[[[[]]],[]]" },
    Case { depth: 3, input: "[[[[]]],[]]", axis: 3,
        var0: "[[[\"nan\"]],[]]", var1: "[[[\"nan\"]],[]]", var2: "[[[\"nan\"]],[]]", std0: "[[[\"nan\"]],[]]", std1: "[[[\"nan\"]],[]]", ptp: "[[[0]],[]]", logsumexp: "[[[\"-inf\"]],[]]", any: "[[[0]],[]]", all: "[[[1]],[]]", count_nonzero: "[[[0]],[]]", sum_keepdims: "[[[[0]]],[]]", argmax_keepdims: "[[[[]]],[]]" },
    Case { depth: 1, input: "[[-1],[-2],[]]", axis: 0,
        var0: "[0.25]", var1: "[0.5]", var2: "[\"inf\"]", std0: "[0.5]", std1: "[0.7071067811865476]", ptp: "[1]", logsumexp: "[-0.6867383124817771]", any: "[1]", all: "[1]", count_nonzero: "[2]", sum_keepdims: "[[-3]]", argmax_keepdims: "[[0]]" },
    Case { depth: 1, input: "[[-1],[-2],[]]", axis: 1,
        var0: "[0,0,\"nan\"]", var1: "[\"nan\",\"nan\",\"nan\"]", var2: "[0,0,\"nan\"]", std0: "[0,0,\"nan\"]", std1: "[\"nan\",\"nan\",\"nan\"]", ptp: "[0,0,0]", logsumexp: "[-1,-2,\"-inf\"]", any: "[1,1,0]", all: "[1,1,1]", count_nonzero: "[1,1,0]", sum_keepdims: "[[-1],[-2],[0]]", argmax_keepdims: "[[0],[0],[]]" },
    Case { depth: 1, input: "[[2]]", axis: 0,
        var0: "[0]", var1: "[\"nan\"]", var2: "[0]", std0: "[0]", std1: "[\"nan\"]", ptp: "[0]", logsumexp: "[2]", any: "[1]", all: "[1]", count_nonzero: "[1]", sum_keepdims: "[[2]]", argmax_keepdims: "[[0]]" },
    Case { depth: 1, input: "[[2]]", axis: 1,
        var0: "[0]", var1: "[\"nan\"]", var2: "[0]", std0: "[0]", std1: "[\"nan\"]", ptp: "[0]", logsumexp: "[2]", any: "[1]", all: "[1]", count_nonzero: "[1]", sum_keepdims: "[[2]]", argmax_keepdims: "[[0]]" },
    Case { depth: 2, input: "[]", axis: 0,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[[]]", argmax_keepdims: "" },
    Case { depth: 2, input: "[]", axis: 1,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[]", argmax_keepdims: "[]" },
    Case { depth: 2, input: "[]", axis: 2,
        var0: "[]", var1: "[]", var2: "[]", std0: "[]", std1: "[]", ptp: "[]", logsumexp: "[]", any: "[]", all: "[]", count_nonzero: "[]", sum_keepdims: "[]", argmax_keepdims: "[]" },
    Case { depth: 2, input: "[[[]]]", axis: 0,
        var0: "[[]]", var1: "[[]]", var2: "[[]]", std0: "[[]]", std1: "[[]]", ptp: "[[]]", logsumexp: "[[]]", any: "[[]]", all: "[[]]", count_nonzero: "[[]]", sum_keepdims: "[[[]]]", argmax_keepdims: "" },
    Case { depth: 2, input: "[[[]]]", axis: 1,
        var0: "[[]]", var1: "[[]]", var2: "[[]]", std0: "[[]]", std1: "[[]]", ptp: "[[]]", logsumexp: "[[]]", any: "[[]]", all: "[[]]", count_nonzero: "[[]]", sum_keepdims: "[[[]]]", argmax_keepdims: "[[[]]]" },
    Case { depth: 2, input: "[[[]]]", axis: 2,
        var0: "[[\"nan\"]]", var1: "[[\"nan\"]]", var2: "[[\"nan\"]]", std0: "[[\"nan\"]]", std1: "[[\"nan\"]]", ptp: "[[0]]", logsumexp: "[[\"-inf\"]]", any: "[[0]]", all: "[[1]]", count_nonzero: "[[0]]", sum_keepdims: "[[[0]]]", argmax_keepdims: "[[[]]]" },
    Case { depth: 3, input: "[[[[1,-1]],[[1,2],[-3,1,0],[-2,3,3]],[[],[1,3]]],[[[-1,-1,-1]],[[]]]]", axis: 0,
        var0: "[[[1,0,0]],[[0,0],[0,0,0],[0,0,0]],[[],[0,0]]]", var1: "[[[2,0,\"nan\"]],[[\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"]],[[],[\"nan\",\"nan\"]]]", var2: "[[[\"inf\",\"nan\",0]],[[0,0],[0,0,0],[0,0,0]],[[],[0,0]]]", std0: "[[[1,0,0]],[[0,0],[0,0,0],[0,0,0]],[[],[0,0]]]", std1: "[[[1.4142135623730951,0,\"nan\"]],[[\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"]],[[],[\"nan\",\"nan\"]]]", ptp: "[[[2,0,0]],[[0,0],[0,0,0],[0,0,0]],[[],[0,0]]]", logsumexp: "[[[1.1269280110429725,-0.30685281944005466,-1]],[[1,2],[-3,1,0],[-2,3,3]],[[],[1,3]]]", any: "[[[1,1,1]],[[1,1],[1,1,0],[1,1,1]],[[],[1,1]]]", all: "[[[1,1,1]],[[1,1],[1,1,0],[1,1,1]],[[],[1,1]]]", count_nonzero: "[[[2,2,1]],[[1,1],[1,1,0],[1,1,1]],[[],[1,1]]]", sum_keepdims: "[[[[0,-2,-1]],[[1,2],[-3,1,0],[-2,3,3]],[[],[1,3]]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[1,-1]],[[1,2],[-3,1,0],[-2,3,3]],[[],[1,3]]],[[[-1,-1,-1]],[[]]]]", axis: 1,
        var0: "[[[0,2.25],[4,1,0],[0,0,0]],[[0,0,0]]]", var1: "[[[0,4.5],[8,2,\"nan\"],[\"nan\",\"nan\",\"nan\"]],[[\"nan\",\"nan\",\"nan\"]]]", var2: "[[[\"nan\",\"inf\"],[\"inf\",\"inf\",0],[0,0,0]],[[0,0,0]]]", std0: "[[[0,1.5],[2,1,0],[0,0,0]],[[0,0,0]]]", std1: "[[[0,2.1213203435596424],[2.8284271247461903,1.4142135623730951,\"nan\"],[\"nan\",\"nan\",\"nan\"]],[[\"nan\",\"nan\",\"nan\"]]]", ptp: "[[[0,3],[4,2,0],[0,0,0]],[[0,0,0]]]", logsumexp: "[[[1.6931471805599452,2.048587351573742],[1.0181499279178097,3.1269280110429727,0],[-2,3,3]],[[-1,-1,-1]]]", any: "[[[1,1],[1,1,0],[1,1,1]],[[1,1,1]]]", all: "[[[1,1],[1,1,0],[1,1,1]],[[1,1,1]]]", count_nonzero: "[[[2,2],[2,2,0],[1,1,1]],[[1,1,1]]]", sum_keepdims: "[[[[2,1],[-2,4,0],[-2,3,3]]],[[[-1,-1,-1]]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[1,-1]],[[1,2],[-3,1,0],[-2,3,3]],[[],[1,3]]],[[[-1,-1,-1]],[[]]]]", axis: 2,
        var0: "[[[0,0],[2.8888888888888893,0.666666666666667,2.25],[0,0]],[[0,0,0],[]]]", var1: "[[[\"nan\",\"nan\"],[4.333333333333334,1.0000000000000004,4.5],[\"nan\",\"nan\"]],[[\"nan\",\"nan\",\"nan\"],[]]]", var2: "[[[0,0],[8.666666666666668,2.000000000000001,\"inf\"],[0,0]],[[0,0,0],[]]]", std0: "[[[0,0],[1.699673171197595,0.8164965809277263,1.5],[0,0]],[[0,0,0],[]]]", std1: "[[[\"nan\",\"nan\"],[2.081665999466133,1.0000000000000002,2.1213203435596424],[\"nan\",\"nan\"]],[[\"nan\",\"nan\",\"nan\"],[]]]", ptp: "[[[0,0],[4,2,3],[0,0]],[[0,0,0],[]]]", logsumexp: "[[[1,-1],[1.0658839037574293,3.40760596444438,3.048587351573742],[1,3]],[[-1,-1,-1],[]]]", any: "[[[1,1],[1,1,1],[1,1]],[[1,1,1],[]]]", all: "[[[1,1],[1,1,0],[1,1]],[[1,1,1],[]]]", count_nonzero: "[[[1,1],[3,3,1],[1,1]],[[1,1,1],[]]]", sum_keepdims: "[[[[1,-1]],[[-4,6,3]],[[1,3]]],[[[-1,-1,-1]],[[]]]]", argmax_keepdims: "[[[[0,0]],[[0,2,2]],[[1,1]]],[[[0,0,0]],[[]]]]" },
    Case { depth: 3, input: "[[[[1,-1]],[[1,2],[-3,1,0],[-2,3,3]],[[],[1,3]]],[[[-1,-1,-1]],[[]]]]", axis: 3,
        var0: "[[[1],[0.25,2.8888888888888893,5.5555555555555545],[\"nan\",1]],[[0],[\"nan\"]]]", var1: "[[[2],[0.5,4.333333333333334,8.333333333333332],[\"nan\",2]],[[0],[\"nan\"]]]", var2: "[[[\"inf\"],[\"inf\",8.666666666666668,16.666666666666664],[\"nan\",\"inf\"]],[[0],[\"nan\"]]]", std0: "[[[1],[0.5,1.699673171197595,2.357022603955158],[\"nan\",1]],[[0],[\"nan\"]]]", std1: "[[[1.4142135623730951],[0.7071067811865476,2.081665999466133,2.8867513459481287],[\"nan\",1.4142135623730951]],[[0],[\"nan\"]]]", ptp: "[[[2],[1,4,5],[0,2]],[[0],[0]]]", logsumexp: "[[[1.1269280110429725],[2.3132616875182226,1.3265626412674705,3.696510491782079],[\"-inf\",3.1269280110429727]],[[0.09861228866810973],[\"-inf\"]]]", any: "[[[1],[1,1,1],[0,1]],[[1],[0]]]", all: "[[[1],[1,0,1],[1,1]],[[1],[1]]]", count_nonzero: "[[[2],[2,2,3],[0,2]],[[3],[0]]]", sum_keepdims: "[[[[0]],[[3],[-2],[4]],[[0],[4]]],[[[-3]],[[0]]]]", argmax_keepdims: "[[[[0]],[[1],[1],[1]],[[],[1]]],[[[0]],[[]]]]" },
    Case { depth: 3, input: "[[[[]],[[0,-2,2],[1,-1],[1,4,-2]],[[3,-1,-4],[-4,1,1],[]]],[]]", axis: 0,
        var0: "[[[]],[[0,0,0],[0,0],[0,0,0]],[[0,0,0],[0,0,0],[]]]", var1: "[[[]],[[\"nan\",\"nan\",\"nan\"],[\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"]],[[\"nan\",\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"],[]]]", var2: "[[[]],[[0,0,0],[0,0],[0,0,0]],[[0,0,0],[0,0,0],[]]]", std0: "[[[]],[[0,0,0],[0,0],[0,0,0]],[[0,0,0],[0,0,0],[]]]", std1: "[[[]],[[\"nan\",\"nan\",\"nan\"],[\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"]],[[\"nan\",\"nan\",\"nan\"],[\"nan\",\"nan\",\"nan\"],[]]]", ptp: "[[[]],[[0,0,0],[0,0],[0,0,0]],[[0,0,0],[0,0,0],[]]]", logsumexp: "[[[]],[[0,-2,2],[1,-1],[1,4,-2]],[[3,-1,-4],[-4,1,1],[]]]", any: "[[[]],[[0,1,1],[1,1],[1,1,1]],[[1,1,1],[1,1,1],[]]]", all: "[[[]],[[0,1,1],[1,1],[1,1,1]],[[1,1,1],[1,1,1],[]]]", count_nonzero: "[[[]],[[0,1,1],[1,1],[1,1,1]],[[1,1,1],[1,1,1],[]]]", sum_keepdims: "[[[[]],[[0,-2,2],[1,-1],[1,4,-2]],[[3,-1,-4],[-4,1,1],[]]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[]],[[0,-2,2],[1,-1],[1,4,-2]],[[3,-1,-4],[-4,1,1],[]]],[]]", axis: 1,
        var0: "[[[2.25,0.25,9],[6.25,1,0],[0,0,0]],[]]", var1: "[[[4.5,0.5,18],[12.5,2,\"nan\"],[\"nan\",\"nan\",\"nan\"]],[]]", var2: "[[[\"inf\",\"inf\",\"inf\"],[\"inf\",\"inf\",0],[0,0,0]],[]]", std0: "[[[1.5,0.5,3],[2.5,1,0],[0,0,0]],[]]", std1: "[[[2.1213203435596424,0.7071067811865476,4.242640687119285],[3.5355339059327378,1.4142135623730951,\"nan\"],[\"nan\",\"nan\",\"nan\"]],[]]", ptp: "[[[3,1,6],[5,2,0],[0,0,0]],[]]", logsumexp: "[[[3.048587351573742,-0.6867383124817771,2.0024756851377306],[1.006715348489118,1.1269280110429725,1],[1,4,-2]],[]]", any: "[[[1,1,1],[1,1,1],[1,1,1]],[]]", all: "[[[0,1,1],[1,1,1],[1,1,1]],[]]", count_nonzero: "[[[1,2,2],[2,2,1],[1,1,1]],[]]", sum_keepdims: "[[[[3,-3,-2],[-3,0,1],[1,4,-2]]],[[]]]", argmax_keepdims: "" },
    Case { depth: 3, input: "[[[[]],[[0,-2,2],[1,-1],[1,4,-2]],[[3,-1,-4],[-4,1,1],[]]],[]]", axis: 2,
        var0: "[[[],[0.2222222222222222,6.888888888888889,4],[12.25,1,6.25]],[]]", var1: "[[[],[0.3333333333333333,10.333333333333334,8],[24.5,2,12.5]],[]]", var2: "[[[],[0.6666666666666666,20.666666666666668,\"inf\"],[\"inf\",\"inf\",\"inf\"]],[]]", std0: "[[[],[0.4714045207910317,2.6246692913372702,2],[3.5,1,2.5]],[]]", std1: "[[[],[0.5773502691896257,3.2145502536643185,2.8284271247461903],[4.949747468305833,1.4142135623730951,3.5355339059327378]],[]]", ptp: "[[[],[1,6,4],[7,2,5]],[]]", logsumexp: "[[[],[1.861994804058251,4.0091744845917345,2.01814992791781],[3.000911466453774,1.1269280110429725,1.006715348489118]],[]]", any: "[[[],[1,1,1],[1,1,1]],[]]", all: "[[[],[0,1,1],[1,1,1]],[]]", count_nonzero: "[[[],[2,3,2],[2,2,2]],[]]", sum_keepdims: "[[[[]],[[2,1,0]],[[-1,0,-3]]],[]]", argmax_keepdims: "[[[[]],[[1,2,0]],[[0,1,1]]],[]]" },
    Case { depth: 3, input: "[[[[]],[[0,-2,2],[1,-1],[1,4,-2]],[[3,-1,-4],[-4,1,1],[]]],[]]", axis: 3,
        var0: "[[[\"nan\"],[2.6666666666666665,1,6],[8.222222222222221,5.555555555555556,\"nan\"]],[]]", var1: "[[[\"nan\"],[4,2,9],[12.333333333333332,8.333333333333334,\"nan\"]],[]]", var2: "[[[\"nan\"],[8,\"inf\",18],[24.666666666666664,16.666666666666668,\"nan\"]],[]]", std0: "[[[\"nan\"],[1.632993161855452,1,2.449489742783178],[2.8674417556808756,2.3570226039551585,\"nan\"]],[]]", std1: "[[[\"nan\"],[2,1.4142135623730951,3],[3.511884584284246,2.886751345948129,\"nan\"]],[]]", ptp: "[[[0],[4,2,6],[7,5,0]],[]]", logsumexp: "[[[\"-inf\"],[2.1429316284998996,1.1269280110429725,4.050945763522998],[3.0190450078792574,1.6965104917820788,\"-inf\"]],[]]", any: "[[[0],[1,1,1],[1,1,0]],[]]", all: "[[[1],[0,1,1],[1,1,1]],[]]", count_nonzero: "[[[0],[2,2,3],[3,3,0]],[]]", sum_keepdims: "[[[[0]],[[0],[0],[3]],[[-2],[-2],[0]]],[]]", argmax_keepdims: "[[[[]],[[2],[0],[1]],[[0],[1],[]]],[]]" },
];
