//! Values of every reducer at every axis (positive and negative) of arrays of depth 1 to 4
//! (ndim 1 to 4), f64 and f32, against numbers obtained from Awkward Array 2.14 by
//! `tests/reduce_values.py` (its docstring lists awkdiff's two conventions: a flat array
//! reduced at axis 0 gives a 1-element array; argmax/argmin of an empty list give -1).
//! Inputs include empty lists, empty arrays and lists of empty lists.

use awkdiff_core::{Array, Float, Structure};
use serde_json::Value as Json;

struct Case {
    /// Number of `var` dimensions of the input.
    depth: usize,
    input: &'static str,
    axis: usize,
    /// False where Awkward's argmax/argmin are not positions along the axis: the expected
    /// positions then follow awkdiff's documented convention (see the module docs of
    /// `awkdiff_core::ops::reduce`).
    awkward_arg: bool,
    sum: &'static str,
    prod: &'static str,
    mean: &'static str,
    max: &'static str,
    min: &'static str,
    count: &'static str,
    argmax: &'static str,
    argmin: &'static str,
}

fn leaf(v: &Json) -> f64 {
    match v {
        Json::Number(n) => n.as_f64().unwrap(),
        Json::String(s) => match s.as_str() {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            other => panic!("bad leaf {other}"),
        },
        other => panic!("bad leaf {other}"),
    }
}

/// Parses nested JSON lists with `depth` `var` dimensions (so `[]` has a known type).
fn parse(depth: usize, text: &str) -> (Vec<Vec<i64>>, Vec<f64>) {
    let json: Json = serde_json::from_str(text).unwrap();
    let mut levels = vec![vec![0i64]; depth];
    let mut content = Vec::new();
    fn walk(v: &Json, d: usize, depth: usize, levels: &mut [Vec<i64>], content: &mut Vec<f64>) {
        let items = v.as_array().expect("a list");
        if d == depth {
            content.extend(items.iter().map(leaf));
            return;
        }
        for item in items {
            walk(item, d + 1, depth, levels, content);
            let below = match levels.get(d + 1) {
                Some(next) => next.len() as i64 - 1,
                None => content.len() as i64,
            };
            levels[d].push(below);
        }
    }
    walk(&json, 0, depth, &mut levels, &mut content);
    (levels, content)
}

pub(crate) fn array<T: Float>(depth: usize, text: &str) -> Array<T> {
    let (levels, content) = parse(depth, text);
    let structure = Structure::new(levels, content.len()).unwrap();
    Array::from_parts(structure, content.into_iter().map(T::from_f64).collect()).unwrap()
}

pub(crate) fn assert_close<T: Float>(
    found: &Array<T>,
    depth: usize,
    expected: &str,
    tol: f64,
    what: &str,
) {
    let (levels, content) = parse(depth, expected);
    let structure = Structure::new(levels, content.len()).unwrap();
    assert!(
        found.structure().same_as(&structure),
        "{what}: structure {:?} expected {expected}",
        found.structure()
    );
    for (i, (&f, &e)) in found.content().iter().zip(&content).enumerate() {
        let f = f.as_f64();
        let ok = (f.is_nan() && e.is_nan()) || f == e || (f - e).abs() <= tol * e.abs().max(1.0);
        assert!(ok, "{what}: value {i} is {f}, expected {e} ({expected})");
    }
}

pub(crate) fn assert_ints(found: &Array<i64>, depth: usize, expected: &str, what: &str) {
    let (levels, content) = parse(depth, expected);
    let structure = Structure::new(levels, content.len()).unwrap();
    assert!(
        found.structure().same_as(&structure),
        "{what}: structure {:?} expected {expected}",
        found.structure()
    );
    let content: Vec<i64> = content.iter().map(|&v| v as i64).collect();
    assert_eq!(found.content(), &content[..], "{what}");
}

fn check_all<T: Float>(tol: f64) {
    let mut arg_convention_rows = 0;
    for case in CASES {
        let x: Array<T> = array(case.depth, case.input);
        let out_depth = case.depth.saturating_sub(1);
        let ndim = case.depth as isize + 1;
        for axis in [case.axis as isize, case.axis as isize - ndim] {
            let what = |op: &str| format!("{op}({axis}) of {} ({})", case.input, x.type_str());
            assert_close(&x.sum(axis), out_depth, case.sum, tol, &what("sum"));
            assert_close(&x.prod(axis), out_depth, case.prod, tol, &what("prod"));
            assert_close(&x.mean(axis), out_depth, case.mean, tol, &what("mean"));
            assert_close(&x.max(axis), out_depth, case.max, tol, &what("max"));
            assert_close(&x.min(axis), out_depth, case.min, tol, &what("min"));
            assert_ints(&x.count(axis), out_depth, case.count, &what("count"));
            assert_ints(&x.argmax(axis), out_depth, case.argmax, &what("argmax"));
            assert_ints(&x.argmin(axis), out_depth, case.argmin, &what("argmin"));
        }
        arg_convention_rows += usize::from(!case.awkward_arg);
    }
    // Only rows at axes above the two innermost may use the convention.
    assert!(CASES.iter().all(|c| c.awkward_arg || c.axis + 2 <= c.depth));
    assert!(arg_convention_rows < CASES.len() / 4);
}

#[test]
fn every_reducer_at_every_axis_f64() {
    check_all::<f64>(1e-12);
}

#[test]
fn every_reducer_at_every_axis_f32() {
    check_all::<f32>(1e-6);
}

#[test]
fn all_forms_match_awkward_axis_none() {
    // ak.sum(x, axis=None) etc. on [[[1, 2], [3]], [], [[4], [5, 6, 7], [8]]]: 36, 40320,
    // 4.5, 8, 1; on an empty array: 0, 1, nan, -inf, inf (mask_identity=False).
    let x: Array<f64> = array(2, "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]");
    assert_eq!(
        (
            x.sum_all(),
            x.prod_all(),
            x.mean_all(),
            x.max_all(),
            x.min_all()
        ),
        (36.0, 40320.0, 4.5, 8.0, 1.0)
    );
    let e: Array<f32> = array(2, "[]");
    assert_eq!((e.sum_all(), e.prod_all()), (0.0, 1.0));
    assert!(e.mean_all().is_nan());
    assert_eq!(
        (e.max_all(), e.min_all()),
        (f32::NEG_INFINITY, f32::INFINITY)
    );
}

#[test]
fn argmax_convention_above_the_two_innermost_axes() {
    // Awkward 2.14 gives [[1, 0], [1, 1, 1], [0]] here, which are not positions along
    // axis 0 (the maxima 4, 5, 6, 7, 8 all sit in outer list 2); awkdiff gives the position.
    let x: Array<f64> = array(2, "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]");
    assert_ints(&x.argmax(0), 1, "[[2,0],[2,2,2],[2]]", "argmax(0)");
    assert_ints(&x.argmin(0), 1, "[[0,0],[0,2,2],[2]]", "argmin(0)");
}

#[test]
fn nan_in_max_and_min_follows_awkward() {
    // Awkward 2.14, mask_identity=False: lists skip NaN, flat arrays and axis=None do not.
    // ak.max([[1, nan, 2], [nan]], axis=1) == [2, -inf]; ak.min(...) == [1, inf];
    // ak.argmax(..., axis=1) == [2, 0]; ak.max([[1, nan], [2]], axis=0) == [2, -inf];
    // ak.max([1, nan, 2], axis=0) is nan, ak.argmax of it is 2; ak.max(x, axis=None) is nan.
    let x: Array<f64> = array(1, r#"[[1,"nan",2],["nan"]]"#);
    assert_close(&x.max(1), 0, r#"[2,"-inf"]"#, 0.0, "max(1)");
    assert_close(&x.min(1), 0, r#"[1,"inf"]"#, 0.0, "min(1)");
    assert_ints(&x.argmax(1), 0, "[2,0]", "argmax(1)");
    let y: Array<f64> = array(1, r#"[[1,"nan"],[2]]"#);
    assert_close(&y.max(0), 0, r#"[2,"-inf"]"#, 0.0, "max(0)");
    assert!(x.max_all().is_nan() && x.min_all().is_nan());
    let flat: Array<f64> = array(0, r#"[1,"nan",2]"#);
    assert!(flat.max(0).content()[0].is_nan() && flat.min(0).content()[0].is_nan());
    assert_ints(&flat.argmax(0), 0, "[2]", "argmax(0)");
}

#[test]
fn ties_pick_the_first_extreme_as_awkward_does() {
    // ak.argmax([[1, 3, 3], [2, 2]], axis=1) == [1, 0]; ak.argmin([[1, 3, 1], [2, 2]], axis=1) == [0, 0]
    let x: Array<f64> = array(1, "[[1,3,3],[2,2]]");
    assert_eq!(x.argmax(1), Array::from_vec(vec![1, 0]));
    let y: Array<f64> = array(1, "[[1,3,1],[2,2]]");
    assert_eq!(y.argmin(1), Array::from_vec(vec![0, 0]));
}

// Generated by tests/reduce_values.py from Awkward Array 2.14 (see its docstring).
const CASES: &[Case] = &[
    Case {
        depth: 0,
        input: "[1,2,3,0.5]",
        axis: 0,
        awkward_arg: true,
        sum: "[6.5]",
        prod: "[3]",
        mean: "[1.625]",
        max: "[3]",
        min: "[0.5]",
        count: "[4]",
        argmax: "[2]",
        argmin: "[3]",
    },
    Case {
        depth: 0,
        input: "[-1.5,4,4,0]",
        axis: 0,
        awkward_arg: true,
        sum: "[6.5]",
        prod: "[0]",
        mean: "[1.625]",
        max: "[4]",
        min: "[-1.5]",
        count: "[4]",
        argmax: "[1]",
        argmin: "[0]",
    },
    Case {
        depth: 0,
        input: "[]",
        axis: 0,
        awkward_arg: true,
        sum: "[0]",
        prod: "[1]",
        mean: "[\"nan\"]",
        max: "[\"-inf\"]",
        min: "[\"inf\"]",
        count: "[0]",
        argmax: "[-1]",
        argmin: "[-1]",
    },
    Case {
        depth: 1,
        input: "[[1,2,3],[],[4,5]]",
        axis: 0,
        awkward_arg: true,
        sum: "[5,7,3]",
        prod: "[4,10,3]",
        mean: "[2.5,3.5,3]",
        max: "[4,5,3]",
        min: "[1,2,3]",
        count: "[2,2,1]",
        argmax: "[2,2,0]",
        argmin: "[0,0,0]",
    },
    Case {
        depth: 1,
        input: "[[1,2,3],[],[4,5]]",
        axis: 1,
        awkward_arg: true,
        sum: "[6,0,9]",
        prod: "[6,1,20]",
        mean: "[2,\"nan\",4.5]",
        max: "[3,\"-inf\",5]",
        min: "[1,\"inf\",4]",
        count: "[3,0,2]",
        argmax: "[2,-1,1]",
        argmin: "[0,-1,0]",
    },
    Case {
        depth: 1,
        input: "[]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 1,
        input: "[]",
        axis: 1,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 1,
        input: "[[]]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 1,
        input: "[[]]",
        axis: 1,
        awkward_arg: true,
        sum: "[0]",
        prod: "[1]",
        mean: "[\"nan\"]",
        max: "[\"-inf\"]",
        min: "[\"inf\"]",
        count: "[0]",
        argmax: "[-1]",
        argmin: "[-1]",
    },
    Case {
        depth: 1,
        input: "[[],[]]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 1,
        input: "[[],[]]",
        axis: 1,
        awkward_arg: true,
        sum: "[0,0]",
        prod: "[1,1]",
        mean: "[\"nan\",\"nan\"]",
        max: "[\"-inf\",\"-inf\"]",
        min: "[\"inf\",\"inf\"]",
        count: "[0,0]",
        argmax: "[-1,-1]",
        argmin: "[-1,-1]",
    },
    Case {
        depth: 1,
        input: "[[1.5,-2,0],[3],[],[0,0],[-1,7,7]]",
        axis: 0,
        awkward_arg: true,
        sum: "[3.5,5,7]",
        prod: "[0,0,0]",
        mean: "[0.875,1.6666666666666667,3.5]",
        max: "[3,7,7]",
        min: "[-1,-2,0]",
        count: "[4,3,2]",
        argmax: "[1,4,4]",
        argmin: "[4,0,0]",
    },
    Case {
        depth: 1,
        input: "[[1.5,-2,0],[3],[],[0,0],[-1,7,7]]",
        axis: 1,
        awkward_arg: true,
        sum: "[-0.5,3,0,0,13]",
        prod: "[0,3,1,0,-49]",
        mean: "[-0.16666666666666666,3,\"nan\",0,4.333333333333333]",
        max: "[1.5,3,\"-inf\",0,7]",
        min: "[-2,3,\"inf\",0,-1]",
        count: "[3,1,0,2,3]",
        argmax: "[0,0,-1,0,1]",
        argmin: "[1,0,-1,0,0]",
    },
    Case {
        depth: 2,
        input: "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]",
        axis: 0,
        awkward_arg: false,
        sum: "[[5,2],[8,6,7],[8]]",
        prod: "[[4,2],[15,6,7],[8]]",
        mean: "[[2.5,2],[4,6,7],[8]]",
        max: "[[4,2],[5,6,7],[8]]",
        min: "[[1,2],[3,6,7],[8]]",
        count: "[[2,1],[2,1,1],[1]]",
        argmax: "[[2,0],[2,2,2],[2]]",
        argmin: "[[0,0],[0,2,2],[2]]",
    },
    Case {
        depth: 2,
        input: "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[4,2],[],[17,6,7]]",
        prod: "[[3,2],[],[160,6,7]]",
        mean: "[[2,2],[],[5.666666666666667,6,7]]",
        max: "[[3,2],[],[8,6,7]]",
        min: "[[1,2],[],[4,6,7]]",
        count: "[[2,1],[],[3,1,1]]",
        argmax: "[[1,0],[],[2,1,1]]",
        argmin: "[[0,0],[],[0,1,1]]",
    },
    Case {
        depth: 2,
        input: "[[[1,2],[3]],[],[[4],[5,6,7],[8]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[3,3],[],[4,18,8]]",
        prod: "[[2,3],[],[4,210,8]]",
        mean: "[[1.5,3],[],[4,6,8]]",
        max: "[[2,3],[],[4,7,8]]",
        min: "[[1,3],[],[4,5,8]]",
        count: "[[2,1],[],[1,3,1]]",
        argmax: "[[1,0],[],[0,2,0]]",
        argmin: "[[0,0],[],[0,0,0]]",
    },
    Case {
        depth: 2,
        input: "[]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 2,
        input: "[]",
        axis: 1,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 2,
        input: "[]",
        axis: 2,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 2,
        input: "[[]]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 2,
        input: "[[]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[]]",
        prod: "[[]]",
        mean: "[[]]",
        max: "[[]]",
        min: "[[]]",
        count: "[[]]",
        argmax: "[[]]",
        argmin: "[[]]",
    },
    Case {
        depth: 2,
        input: "[[]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[]]",
        prod: "[[]]",
        mean: "[[]]",
        max: "[[]]",
        min: "[[]]",
        count: "[[]]",
        argmax: "[[]]",
        argmin: "[[]]",
    },
    Case {
        depth: 2,
        input: "[[[]]]",
        axis: 0,
        awkward_arg: true,
        sum: "[[]]",
        prod: "[[]]",
        mean: "[[]]",
        max: "[[]]",
        min: "[[]]",
        count: "[[]]",
        argmax: "[[]]",
        argmin: "[[]]",
    },
    Case {
        depth: 2,
        input: "[[[]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[]]",
        prod: "[[]]",
        mean: "[[]]",
        max: "[[]]",
        min: "[[]]",
        count: "[[]]",
        argmax: "[[]]",
        argmin: "[[]]",
    },
    Case {
        depth: 2,
        input: "[[[]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[0]]",
        prod: "[[1]]",
        mean: "[[\"nan\"]]",
        max: "[[\"-inf\"]]",
        min: "[[\"inf\"]]",
        count: "[[0]]",
        argmax: "[[-1]]",
        argmin: "[[-1]]",
    },
    Case {
        depth: 2,
        input: "[[[],[]],[[1]],[[2,3],[],[4]]]",
        axis: 0,
        awkward_arg: false,
        sum: "[[3,3],[],[4]]",
        prod: "[[2,3],[],[4]]",
        mean: "[[1.5,3],[],[4]]",
        max: "[[2,3],[],[4]]",
        min: "[[1,3],[],[4]]",
        count: "[[2,1],[],[1]]",
        argmax: "[[2,2],[],[2]]",
        argmin: "[[1,2],[],[2]]",
    },
    Case {
        depth: 2,
        input: "[[[],[]],[[1]],[[2,3],[],[4]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[],[1],[6,3]]",
        prod: "[[],[1],[8,3]]",
        mean: "[[],[1],[3,3]]",
        max: "[[],[1],[4,3]]",
        min: "[[],[1],[2,3]]",
        count: "[[],[1],[2,1]]",
        argmax: "[[],[0],[2,0]]",
        argmin: "[[],[0],[0,0]]",
    },
    Case {
        depth: 2,
        input: "[[[],[]],[[1]],[[2,3],[],[4]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[0,0],[1],[5,0,4]]",
        prod: "[[1,1],[1],[6,1,4]]",
        mean: "[[\"nan\",\"nan\"],[1],[2.5,\"nan\",4]]",
        max: "[[\"-inf\",\"-inf\"],[1],[3,\"-inf\",4]]",
        min: "[[\"inf\",\"inf\"],[1],[2,\"inf\",4]]",
        count: "[[0,0],[1],[2,0,1]]",
        argmax: "[[-1,-1],[0],[1,-1,0]]",
        argmin: "[[-1,-1],[0],[0,-1,0]]",
    },
    Case {
        depth: 3,
        input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]",
        axis: 0,
        awkward_arg: false,
        sum: "[[[6,8,7],[3]],[[4],[8]]]",
        prod: "[[[5,12,7],[3]],[[4],[8]]]",
        mean: "[[[3,4,7],[3]],[[4],[8]]]",
        max: "[[[5,6,7],[3]],[[4],[8]]]",
        min: "[[[1,2,7],[3]],[[4],[8]]]",
        count: "[[[2,2,1],[1]],[[1],[1]]]",
        argmax: "[[[2,2,2],[0]],[[0],[2]]]",
        argmin: "[[[0,0,2],[0]],[[0],[2]]]",
    },
    Case {
        depth: 3,
        input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]",
        axis: 1,
        awkward_arg: false,
        sum: "[[[5,2],[3]],[],[[5,6,7],[8]]]",
        prod: "[[[4,2],[3]],[],[[5,6,7],[8]]]",
        mean: "[[[2.5,2],[3]],[],[[5,6,7],[8]]]",
        max: "[[[4,2],[3]],[],[[5,6,7],[8]]]",
        min: "[[[1,2],[3]],[],[[5,6,7],[8]]]",
        count: "[[[2,1],[1]],[],[[1,1,1],[1]]]",
        argmax: "[[[1,0],[0]],[],[[0,0,0],[1]]]",
        argmin: "[[[0,0],[0]],[],[[0,0,0],[1]]]",
    },
    Case {
        depth: 3,
        input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[[4,2],[4]],[],[[5,6,7],[8]]]",
        prod: "[[[3,2],[4]],[],[[5,6,7],[8]]]",
        mean: "[[[2,2],[4]],[],[[5,6,7],[8]]]",
        max: "[[[3,2],[4]],[],[[5,6,7],[8]]]",
        min: "[[[1,2],[4]],[],[[5,6,7],[8]]]",
        count: "[[[2,1],[1]],[],[[1,1,1],[1]]]",
        argmax: "[[[1,0],[0]],[],[[0,0,0],[1]]]",
        argmin: "[[[0,0],[0]],[],[[0,0,0],[1]]]",
    },
    Case {
        depth: 3,
        input: "[[[[1,2],[3]],[[4]]],[],[[[5,6,7]],[[],[8]]]]",
        axis: 3,
        awkward_arg: true,
        sum: "[[[3,3],[4]],[],[[18],[0,8]]]",
        prod: "[[[2,3],[4]],[],[[210],[1,8]]]",
        mean: "[[[1.5,3],[4]],[],[[6],[\"nan\",8]]]",
        max: "[[[2,3],[4]],[],[[7],[\"-inf\",8]]]",
        min: "[[[1,3],[4]],[],[[5],[\"inf\",8]]]",
        count: "[[[2,1],[1]],[],[[3],[0,1]]]",
        argmax: "[[[1,0],[0]],[],[[2],[-1,0]]]",
        argmin: "[[[0,0],[0]],[],[[0],[-1,0]]]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 1,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 2,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 3,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[[[[]]],[]]",
        axis: 0,
        awkward_arg: true,
        sum: "[[[]]]",
        prod: "[[[]]]",
        mean: "[[[]]]",
        max: "[[[]]]",
        min: "[[[]]]",
        count: "[[[]]]",
        argmax: "[[[]]]",
        argmin: "[[[]]]",
    },
    Case {
        depth: 3,
        input: "[[[[]]],[]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[[]],[]]",
        prod: "[[[]],[]]",
        mean: "[[[]],[]]",
        max: "[[[]],[]]",
        min: "[[[]],[]]",
        count: "[[[]],[]]",
        argmax: "[[[]],[]]",
        argmin: "[[[]],[]]",
    },
    Case {
        depth: 3,
        input: "[[[[]]],[]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[[]],[]]",
        prod: "[[[]],[]]",
        mean: "[[[]],[]]",
        max: "[[[]],[]]",
        min: "[[[]],[]]",
        count: "[[[]],[]]",
        argmax: "[[[]],[]]",
        argmin: "[[[]],[]]",
    },
    Case {
        depth: 3,
        input: "[[[[]]],[]]",
        axis: 3,
        awkward_arg: true,
        sum: "[[[0]],[]]",
        prod: "[[[1]],[]]",
        mean: "[[[\"nan\"]],[]]",
        max: "[[[\"-inf\"]],[]]",
        min: "[[[\"inf\"]],[]]",
        count: "[[[0]],[]]",
        argmax: "[[[-1]],[]]",
        argmin: "[[[-1]],[]]",
    },
    Case {
        depth: 3,
        input: "[[[[1],[2,3]],[]],[[[4,5,6],[7]],[[8]],[[9,10]]]]",
        axis: 0,
        awkward_arg: false,
        sum: "[[[5,5,6],[9,3]],[[8]],[[9,10]]]",
        prod: "[[[4,5,6],[14,3]],[[8]],[[9,10]]]",
        mean: "[[[2.5,5,6],[4.5,3]],[[8]],[[9,10]]]",
        max: "[[[4,5,6],[7,3]],[[8]],[[9,10]]]",
        min: "[[[1,5,6],[2,3]],[[8]],[[9,10]]]",
        count: "[[[2,1,1],[2,1]],[[1]],[[1,1]]]",
        argmax: "[[[1,1,1],[1,0]],[[1]],[[1,1]]]",
        argmin: "[[[0,1,1],[0,0]],[[1]],[[1,1]]]",
    },
    Case {
        depth: 3,
        input: "[[[[1],[2,3]],[]],[[[4,5,6],[7]],[[8]],[[9,10]]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[[1],[2,3]],[[21,15,6],[7]]]",
        prod: "[[[1],[2,3]],[[288,50,6],[7]]]",
        mean: "[[[1],[2,3]],[[7,7.5,6],[7]]]",
        max: "[[[1],[2,3]],[[9,10,6],[7]]]",
        min: "[[[1],[2,3]],[[4,5,6],[7]]]",
        count: "[[[1],[1,1]],[[3,2,1],[1]]]",
        argmax: "[[[0],[0,0]],[[2,2,0],[0]]]",
        argmin: "[[[0],[0,0]],[[0,0,0],[0]]]",
    },
    Case {
        depth: 3,
        input: "[[[[1],[2,3]],[]],[[[4,5,6],[7]],[[8]],[[9,10]]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[[3,3],[]],[[11,5,6],[8],[9,10]]]",
        prod: "[[[2,3],[]],[[28,5,6],[8],[9,10]]]",
        mean: "[[[1.5,3],[]],[[5.5,5,6],[8],[9,10]]]",
        max: "[[[2,3],[]],[[7,5,6],[8],[9,10]]]",
        min: "[[[1,3],[]],[[4,5,6],[8],[9,10]]]",
        count: "[[[2,1],[]],[[2,1,1],[1],[1,1]]]",
        argmax: "[[[1,1],[]],[[1,0,0],[0],[0,0]]]",
        argmin: "[[[0,1],[]],[[0,0,0],[0],[0,0]]]",
    },
    Case {
        depth: 3,
        input: "[[[[1],[2,3]],[]],[[[4,5,6],[7]],[[8]],[[9,10]]]]",
        axis: 3,
        awkward_arg: true,
        sum: "[[[1,5],[]],[[15,7],[8],[19]]]",
        prod: "[[[1,6],[]],[[120,7],[8],[90]]]",
        mean: "[[[1,2.5],[]],[[5,7],[8],[9.5]]]",
        max: "[[[1,3],[]],[[6,7],[8],[10]]]",
        min: "[[[1,2],[]],[[4,7],[8],[9]]]",
        count: "[[[1,2],[]],[[3,1],[1],[2]]]",
        argmax: "[[[0,1],[]],[[2,0],[0],[1]]]",
        argmin: "[[[0,0],[]],[[0,0],[0],[0]]]",
    },
    Case {
        depth: 1,
        input: "[[5,7],[-4],[-4,-6]]",
        axis: 0,
        awkward_arg: true,
        sum: "[-3,1]",
        prod: "[80,-42]",
        mean: "[-1,0.5]",
        max: "[5,7]",
        min: "[-4,-6]",
        count: "[3,2]",
        argmax: "[0,0]",
        argmin: "[1,2]",
    },
    Case {
        depth: 1,
        input: "[[5,7],[-4],[-4,-6]]",
        axis: 1,
        awkward_arg: true,
        sum: "[12,-4,-10]",
        prod: "[35,-4,24]",
        mean: "[6,-4,-5]",
        max: "[7,-4,-4]",
        min: "[5,-4,-6]",
        count: "[2,1,2]",
        argmax: "[1,0,0]",
        argmin: "[0,0,1]",
    },
    Case {
        depth: 2,
        input: "[[]]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 2,
        input: "[[]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[]]",
        prod: "[[]]",
        mean: "[[]]",
        max: "[[]]",
        min: "[[]]",
        count: "[[]]",
        argmax: "[[]]",
        argmin: "[[]]",
    },
    Case {
        depth: 2,
        input: "[[]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[]]",
        prod: "[[]]",
        mean: "[[]]",
        max: "[[]]",
        min: "[[]]",
        count: "[[]]",
        argmax: "[[]]",
        argmin: "[[]]",
    },
    Case {
        depth: 2,
        input: "[[[-4,-9],[-8],[]],[[],[9,-3],[0,6,-9]],[[8,-7],[-2,7]]]",
        axis: 0,
        awkward_arg: true,
        sum: "[[4,-16],[-1,4],[0,6,-9]]",
        prod: "[[-32,63],[144,-21],[0,6,-9]]",
        mean: "[[2,-8],[-0.3333333333333333,2],[0,6,-9]]",
        max: "[[8,-7],[9,7],[0,6,-9]]",
        min: "[[-4,-9],[-8,-3],[0,6,-9]]",
        count: "[[2,2],[3,2],[1,1,1]]",
        argmax: "[[2,2],[1,2],[1,1,1]]",
        argmin: "[[0,0],[0,1],[1,1,1]]",
    },
    Case {
        depth: 2,
        input: "[[[-4,-9],[-8],[]],[[],[9,-3],[0,6,-9]],[[8,-7],[-2,7]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[-12,-9],[9,3,-9],[6,0]]",
        prod: "[[32,-9],[0,-18,-9],[-16,-49]]",
        mean: "[[-6,-9],[4.5,1.5,-9],[3,0]]",
        max: "[[-4,-9],[9,6,-9],[8,7]]",
        min: "[[-8,-9],[0,-3,-9],[-2,-7]]",
        count: "[[2,1],[2,2,1],[2,2]]",
        argmax: "[[0,0],[1,2,2],[0,1]]",
        argmin: "[[1,0],[2,1,2],[1,0]]",
    },
    Case {
        depth: 2,
        input: "[[[-4,-9],[-8],[]],[[],[9,-3],[0,6,-9]],[[8,-7],[-2,7]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[-13,-8,0],[0,6,-3],[1,5]]",
        prod: "[[36,-8,1],[1,-27,0],[-56,-14]]",
        mean: "[[-6.5,-8,\"nan\"],[\"nan\",3,-1],[0.5,2.5]]",
        max: "[[-4,-8,\"-inf\"],[\"-inf\",9,6],[8,7]]",
        min: "[[-9,-8,\"inf\"],[\"inf\",-3,-9],[-7,-2]]",
        count: "[[2,1,0],[0,2,3],[2,2]]",
        argmax: "[[0,0,-1],[-1,0,1],[0,1]]",
        argmin: "[[1,0,-1],[-1,1,2],[1,0]]",
    },
    Case {
        depth: 3,
        input: "[[[[-9],[]]]]",
        axis: 0,
        awkward_arg: true,
        sum: "[[[-9],[]]]",
        prod: "[[[-9],[]]]",
        mean: "[[[-9],[]]]",
        max: "[[[-9],[]]]",
        min: "[[[-9],[]]]",
        count: "[[[1],[]]]",
        argmax: "[[[0],[]]]",
        argmin: "[[[0],[]]]",
    },
    Case {
        depth: 3,
        input: "[[[[-9],[]]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[[-9],[]]]",
        prod: "[[[-9],[]]]",
        mean: "[[[-9],[]]]",
        max: "[[[-9],[]]]",
        min: "[[[-9],[]]]",
        count: "[[[1],[]]]",
        argmax: "[[[0],[]]]",
        argmin: "[[[0],[]]]",
    },
    Case {
        depth: 3,
        input: "[[[[-9],[]]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[[-9]]]",
        prod: "[[[-9]]]",
        mean: "[[[-9]]]",
        max: "[[[-9]]]",
        min: "[[[-9]]]",
        count: "[[[1]]]",
        argmax: "[[[0]]]",
        argmin: "[[[0]]]",
    },
    Case {
        depth: 3,
        input: "[[[[-9],[]]]]",
        axis: 3,
        awkward_arg: true,
        sum: "[[[-9,0]]]",
        prod: "[[[-9,1]]]",
        mean: "[[[-9,\"nan\"]]]",
        max: "[[[-9,\"-inf\"]]]",
        min: "[[[-9,\"inf\"]]]",
        count: "[[[1,0]]]",
        argmax: "[[[0,-1]]]",
        argmin: "[[[0,-1]]]",
    },
    Case {
        depth: 3,
        input: "[[[[-1]],[[-6,-5],[]],[]]]",
        axis: 0,
        awkward_arg: true,
        sum: "[[[-1]],[[-6,-5],[]],[]]",
        prod: "[[[-1]],[[-6,-5],[]],[]]",
        mean: "[[[-1]],[[-6,-5],[]],[]]",
        max: "[[[-1]],[[-6,-5],[]],[]]",
        min: "[[[-1]],[[-6,-5],[]],[]]",
        count: "[[[1]],[[1,1],[]],[]]",
        argmax: "[[[0]],[[0,0],[]],[]]",
        argmin: "[[[0]],[[0,0],[]],[]]",
    },
    Case {
        depth: 3,
        input: "[[[[-1]],[[-6,-5],[]],[]]]",
        axis: 1,
        awkward_arg: true,
        sum: "[[[-7,-5],[]]]",
        prod: "[[[6,-5],[]]]",
        mean: "[[[-3.5,-5],[]]]",
        max: "[[[-1,-5],[]]]",
        min: "[[[-6,-5],[]]]",
        count: "[[[2,1],[]]]",
        argmax: "[[[0,1],[]]]",
        argmin: "[[[1,1],[]]]",
    },
    Case {
        depth: 3,
        input: "[[[[-1]],[[-6,-5],[]],[]]]",
        axis: 2,
        awkward_arg: true,
        sum: "[[[-1],[-6,-5],[]]]",
        prod: "[[[-1],[-6,-5],[]]]",
        mean: "[[[-1],[-6,-5],[]]]",
        max: "[[[-1],[-6,-5],[]]]",
        min: "[[[-1],[-6,-5],[]]]",
        count: "[[[1],[1,1],[]]]",
        argmax: "[[[0],[0,0],[]]]",
        argmin: "[[[0],[0,0],[]]]",
    },
    Case {
        depth: 3,
        input: "[[[[-1]],[[-6,-5],[]],[]]]",
        axis: 3,
        awkward_arg: true,
        sum: "[[[-1],[-11,0],[]]]",
        prod: "[[[-1],[30,1],[]]]",
        mean: "[[[-1],[-5.5,\"nan\"],[]]]",
        max: "[[[-1],[-5,\"-inf\"],[]]]",
        min: "[[[-1],[-6,\"inf\"],[]]]",
        count: "[[[1],[2,0],[]]]",
        argmax: "[[[0],[1,-1],[]]]",
        argmin: "[[[0],[0,-1],[]]]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 0,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 1,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 2,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
    Case {
        depth: 3,
        input: "[]",
        axis: 3,
        awkward_arg: true,
        sum: "[]",
        prod: "[]",
        mean: "[]",
        max: "[]",
        min: "[]",
        count: "[]",
        argmax: "[]",
        argmin: "[]",
    },
];
