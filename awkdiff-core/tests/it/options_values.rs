//! Values of the option-type operations against Awkward Array 2.14: every expected
//! text, JSON and type below was computed by Awkward (`str(r)`, `ak.to_json(r)`,
//! `str(r.type)`) for the Python expression in the comment above it, by
//! `tools/reference/options_values.py`, which wrote this file. Clipped `pad_none`
//! results are typed `var` here where Awkward has a regular dimension (awkdiff has
//! none).

use awkdiff_core::{array, Array, Element, Masked};

/// What the cases compare: an array's or a masked array's text, JSON and type.
trait Shown {
    fn parts(&self) -> (String, String, String);
}

impl<T: Element> Shown for Array<T> {
    fn parts(&self) -> (String, String, String) {
        (self.to_string(), self.to_json(), self.type_str())
    }
}

impl<T: Element> Shown for Masked<T> {
    fn parts(&self) -> (String, String, String) {
        (self.to_string(), self.to_json(), self.type_str())
    }
}

#[track_caller]
fn check(value: impl Shown, text: &str, json: &str, type_str: &str) {
    let (t, j, ty) = value.parts();
    assert_eq!((t.as_str(), ty.as_str()), (text, type_str));
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("valid JSON");
    assert!(
        close_json(&parse(&j), &parse(json)),
        "JSON {j}, expected {json} (to 4 ulp)"
    );
}

/// Equal JSON, except that numbers may differ by 4 ulp.
fn close_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close_json(x, y))
        }
        _ => a == b,
    }
}

/// `ak.pad_none(x, 0, axis=-1, clip=False)` with `x = [1.5, -2.0, 3.25]`
/// Awkward returns the flat array unchanged here (type `3 * float64`); awkdiff's `pad_none` always gives a `Masked`.
#[test]
fn case_001_x_pad_none_0_false_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.pad_none(0, false),
        "[1.5, -2, 3.25]",
        "[1.5,-2.0,3.25]",
        "3 * ?float64",
    );
}

/// `ak.pad_none(x, 0, axis=-1, clip=False)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_002_x_pad_none_0_false_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(0, false),
        "[[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]",
        "[[1.1,2.2,3.3],[],[4.4,5.5],[6.6]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 0, axis=-1, clip=False)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_003_x_pad_none_0_false_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(0, false),
        "[[[1, 2], []], [], [[3], [], [4, 5, 6]]]",
        "[[[1.0,2.0],[]],[],[[3.0],[],[4.0,5.0,6.0]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 0, axis=-1, clip=False)` with `x = [[], [], []]`
#[test]
fn case_004_x_pad_none_0_false_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(0, false),
        "[[], [], []]",
        "[[],[],[]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 0, axis=-1, clip=True)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_005_x_pad_none_0_true_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(x.pad_none(0, true), "[]", "[]", "0 * ?float64");
}

/// `ak.pad_none(x, 0, axis=-1, clip=True)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_006_x_pad_none_0_true_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(0, true),
        "[[], [], [], []]",
        "[[],[],[],[]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 0, axis=-1, clip=True)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_007_x_pad_none_0_true_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(0, true),
        "[[[], []], [], [[], [], []]]",
        "[[[],[]],[],[[],[],[]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 0, axis=-1, clip=True)` with `x = [[], [], []]`
#[test]
fn case_008_x_pad_none_0_true_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(0, true),
        "[[], [], []]",
        "[[],[],[]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=False)` with `x = [1.5, -2.0, 3.25]`
/// Awkward returns the flat array unchanged here (type `3 * float64`); awkdiff's `pad_none` always gives a `Masked`.
#[test]
fn case_009_x_pad_none_1_false_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.pad_none(1, false),
        "[1.5, -2, 3.25]",
        "[1.5,-2.0,3.25]",
        "3 * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=False)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_010_x_pad_none_1_false_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(1, false),
        "[[1.1, 2.2, 3.3], [None], [4.4, 5.5], [6.6]]",
        "[[1.1,2.2,3.3],[null],[4.4,5.5],[6.6]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=False)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_011_x_pad_none_1_false_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(1, false),
        "[[[1, 2], [None]], [], [[3], [None], [4, 5, 6]]]",
        "[[[1.0,2.0],[null]],[],[[3.0],[null],[4.0,5.0,6.0]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=False)` with `x = [[], [], []]`
#[test]
fn case_012_x_pad_none_1_false_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(1, false),
        "[[None], [None], [None]]",
        "[[null],[null],[null]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=True)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_013_x_pad_none_1_true_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(x.pad_none(1, true), "[1.5]", "[1.5]", "1 * ?float64");
}

/// `ak.pad_none(x, 1, axis=-1, clip=True)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_014_x_pad_none_1_true_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(1, true),
        "[[1.1], [None], [4.4], [6.6]]",
        "[[1.1],[null],[4.4],[6.6]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=True)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_015_x_pad_none_1_true_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(1, true),
        "[[[1], [None]], [], [[3], [None], [4]]]",
        "[[[1.0],[null]],[],[[3.0],[null],[4.0]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 1, axis=-1, clip=True)` with `x = [[], [], []]`
#[test]
fn case_016_x_pad_none_1_true_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(1, true),
        "[[None], [None], [None]]",
        "[[null],[null],[null]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=False)` with `x = [1.5, -2.0, 3.25]`
/// Awkward returns the flat array unchanged here (type `3 * float64`); awkdiff's `pad_none` always gives a `Masked`.
#[test]
fn case_017_x_pad_none_2_false_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.pad_none(2, false),
        "[1.5, -2, 3.25]",
        "[1.5,-2.0,3.25]",
        "3 * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=False)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_018_x_pad_none_2_false_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(2, false),
        "[[1.1, 2.2, 3.3], [None, None], [4.4, 5.5], [6.6, None]]",
        "[[1.1,2.2,3.3],[null,null],[4.4,5.5],[6.6,null]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=False)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_019_x_pad_none_2_false_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(2, false),
        "[[[1, 2], [None, None]], [], [[3, None], [None, None], [4, 5, 6]]]",
        "[[[1.0,2.0],[null,null]],[],[[3.0,null],[null,null],[4.0,5.0,6.0]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=False)` with `x = [[], [], []]`
#[test]
fn case_020_x_pad_none_2_false_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(2, false),
        "[[None, None], [None, None], [None, None]]",
        "[[null,null],[null,null],[null,null]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=True)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_021_x_pad_none_2_true_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.pad_none(2, true),
        "[1.5, -2]",
        "[1.5,-2.0]",
        "2 * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=True)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_022_x_pad_none_2_true_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(2, true),
        "[[1.1, 2.2], [None, None], [4.4, 5.5], [6.6, None]]",
        "[[1.1,2.2],[null,null],[4.4,5.5],[6.6,null]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=True)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_023_x_pad_none_2_true_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(2, true),
        "[[[1, 2], [None, None]], [], [[3, None], [None, None], [4, 5]]]",
        "[[[1.0,2.0],[null,null]],[],[[3.0,null],[null,null],[4.0,5.0]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 2, axis=-1, clip=True)` with `x = [[], [], []]`
#[test]
fn case_024_x_pad_none_2_true_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(2, true),
        "[[None, None], [None, None], [None, None]]",
        "[[null,null],[null,null],[null,null]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=False)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_025_x_pad_none_4_false_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.pad_none(4, false),
        "[1.5, -2, 3.25, None]",
        "[1.5,-2.0,3.25,null]",
        "4 * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=False)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_026_x_pad_none_4_false_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(4, false),
        "[[1.1, 2.2, 3.3, None], [None, None, ..., None], ..., [6.6, None, None, None]]",
        "[[1.1,2.2,3.3,null],[null,null,null,null],[4.4,5.5,null,null],[6.6,null,null,null]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=False)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_027_x_pad_none_4_false_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(4, false),
        "[[[1, 2, None, None], [None, None, None, None]], [], [[3, ..., None], ...]]",
        "[[[1.0,2.0,null,null],[null,null,null,null]],[],[[3.0,null,null,null],[null,null,null,null],[4.0,5.0,6.0,null]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=False)` with `x = [[], [], []]`
#[test]
fn case_028_x_pad_none_4_false_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(4, false),
        "[[None, None, None, None], [None, ..., None], [None, None, None, None]]",
        "[[null,null,null,null],[null,null,null,null],[null,null,null,null]]",
        "3 * var * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=True)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_029_x_pad_none_4_true_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.pad_none(4, true),
        "[1.5, -2, 3.25, None]",
        "[1.5,-2.0,3.25,null]",
        "4 * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=True)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_030_x_pad_none_4_true_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(4, true),
        "[[1.1, 2.2, 3.3, None], [None, None, ..., None], ..., [6.6, None, None, None]]",
        "[[1.1,2.2,3.3,null],[null,null,null,null],[4.4,5.5,null,null],[6.6,null,null,null]]",
        "4 * var * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=True)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_031_x_pad_none_4_true_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(4, true),
        "[[[1, 2, None, None], [None, None, None, None]], [], [[3, ..., None], ...]]",
        "[[[1.0,2.0,null,null],[null,null,null,null]],[],[[3.0,null,null,null],[null,null,null,null],[4.0,5.0,6.0,null]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.pad_none(x, 4, axis=-1, clip=True)` with `x = [[], [], []]`
#[test]
fn case_032_x_pad_none_4_true_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.pad_none(4, true),
        "[[None, None, None, None], [None, ..., None], [None, None, None, None]]",
        "[[null,null,null,null],[null,null,null,null],[null,null,null,null]]",
        "3 * var * ?float64",
    );
}

/// `ak.firsts(x, axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_033_x_firsts_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.firsts(),
        "[1.1, None, 4.4, 6.6]",
        "[1.1,null,4.4,6.6]",
        "4 * ?float64",
    );
}

/// `ak.firsts(x, axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_034_x_firsts_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.firsts(),
        "[[1, None], [], [3, None, 4]]",
        "[[1.0,null],[],[3.0,null,4.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.firsts(x, axis=-1)` with `x = [[], [], []]`
#[test]
fn case_035_x_firsts_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.firsts(),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?float64",
    );
}

/// `ak.mask(x, x > 2.5)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_036_x_mask_x_gt_2_5_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.mask(&x.gt(2.5)),
        "[None, None, 3.25]",
        "[null,null,3.25]",
        "3 * ?float64",
    );
}

/// `ak.mask(x, x > 2.5)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_037_x_mask_x_gt_2_5_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.mask(&x.gt(2.5)),
        "[[None, None, 3.3], [], [4.4, 5.5], [6.6]]",
        "[[null,null,3.3],[],[4.4,5.5],[6.6]]",
        "4 * var * ?float64",
    );
}

/// `ak.mask(x, x > 2.5)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_038_x_mask_x_gt_2_5_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.mask(&x.gt(2.5)),
        "[[[None, None], []], [], [[3], [], [4, 5, 6]]]",
        "[[[null,null],[]],[],[[3.0],[],[4.0,5.0,6.0]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.is_none(ak.mask(x, x > 2.5), axis=-1)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_039_x_mask_x_gt_2_5_is_none_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.mask(&x.gt(2.5)).is_none(),
        "[True, True, False]",
        "[true,true,false]",
        "3 * bool",
    );
}

/// `ak.is_none(ak.mask(x, x > 2.5), axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_040_x_mask_x_gt_2_5_is_none_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.mask(&x.gt(2.5)).is_none(),
        "[[True, True, False], [], [False, False], [False]]",
        "[[true,true,false],[],[false,false],[false]]",
        "4 * var * bool",
    );
}

/// `ak.is_none(ak.mask(x, x > 2.5), axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_041_x_mask_x_gt_2_5_is_none_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.mask(&x.gt(2.5)).is_none(),
        "[[[True, True], []], [], [[False], [], [False, False, False]]]",
        "[[[true,true],[]],[],[[false],[],[false,false,false]]]",
        "3 * var * var * bool",
    );
}

/// `ak.fill_none(ak.mask(x, x > 2.5), -1.0)` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_042_x_mask_x_gt_2_5_fill_none_1_0_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.mask(&x.gt(2.5)).fill_none(-1.0),
        "[-1, -1, 3.25]",
        "[-1.0,-1.0,3.25]",
        "3 * float64",
    );
}

/// `ak.fill_none(ak.mask(x, x > 2.5), -1.0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_043_x_mask_x_gt_2_5_fill_none_1_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.mask(&x.gt(2.5)).fill_none(-1.0),
        "[[-1, -1, 3.3], [], [4.4, 5.5], [6.6]]",
        "[[-1.0,-1.0,3.3],[],[4.4,5.5],[6.6]]",
        "4 * var * float64",
    );
}

/// `ak.fill_none(ak.mask(x, x > 2.5), -1.0)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_044_x_mask_x_gt_2_5_fill_none_1_0_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.mask(&x.gt(2.5)).fill_none(-1.0),
        "[[[-1, -1], []], [], [[3], [], [4, 5, 6]]]",
        "[[[-1.0,-1.0],[]],[],[[3.0],[],[4.0,5.0,6.0]]]",
        "3 * var * var * float64",
    );
}

/// `ak.drop_none(ak.mask(x, x > 2.5))` with `x = [1.5, -2.0, 3.25]`
#[test]
fn case_045_x_mask_x_gt_2_5_drop_none_a1() {
    let x = Array::from_vec(vec![1.5, -2.0, 3.25]);
    check(
        x.mask(&x.gt(2.5)).drop_none(),
        "[3.25]",
        "[3.25]",
        "1 * float64",
    );
}

/// `ak.drop_none(ak.mask(x, x > 2.5))` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_046_x_mask_x_gt_2_5_drop_none_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.mask(&x.gt(2.5)).drop_none(),
        "[[3.3], [], [4.4, 5.5], [6.6]]",
        "[[3.3],[],[4.4,5.5],[6.6]]",
        "4 * var * float64",
    );
}

/// `ak.drop_none(ak.mask(x, x > 2.5))` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_047_x_mask_x_gt_2_5_drop_none_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.mask(&x.gt(2.5)).drop_none(),
        "[[[], []], [], [[3], [], [4, 5, 6]]]",
        "[[[],[]],[],[[3.0],[],[4.0,5.0,6.0]]]",
        "3 * var * var * float64",
    );
}

/// `ak.drop_none(ak.pad_none(x, 2, axis=-1))` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_048_x_pad_none_2_false_drop_none_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(2, false).drop_none(),
        "[[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]",
        "[[1.1,2.2,3.3],[],[4.4,5.5],[6.6]]",
        "4 * var * float64",
    );
}

/// `ak.drop_none(ak.pad_none(x, 2, axis=-1))` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_049_x_pad_none_2_false_drop_none_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(2, false).drop_none(),
        "[[[1, 2], []], [], [[3], [], [4, 5, 6]]]",
        "[[[1.0,2.0],[]],[],[[3.0],[],[4.0,5.0,6.0]]]",
        "3 * var * var * float64",
    );
}

/// `ak.fill_none(ak.pad_none(x, 2, axis=-1, clip=True), 0.0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_050_x_pad_none_2_true_fill_none_0_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.pad_none(2, true).fill_none(0.0),
        "[[1.1, 2.2], [0, 0], [4.4, 5.5], [6.6, 0]]",
        "[[1.1,2.2],[0.0,0.0],[4.4,5.5],[6.6,0.0]]",
        "4 * var * float64",
    );
}

/// `ak.fill_none(ak.pad_none(x, 2, axis=-1, clip=True), 0.0)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_051_x_pad_none_2_true_fill_none_0_0_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.pad_none(2, true).fill_none(0.0),
        "[[[1, 2], [0, 0]], [], [[3, 0], [0, 0], [4, 5]]]",
        "[[[1.0,2.0],[0.0,0.0]],[],[[3.0,0.0],[0.0,0.0],[4.0,5.0]]]",
        "3 * var * var * float64",
    );
}

/// `ak.firsts(x, axis=-1) * 2.0 + 1.0` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_052_x_firsts_2_0_1_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.firsts() * 2.0 + 1.0,
        "[3.2, None, 9.8, 14.2]",
        "[3.2,null,9.8,14.2]",
        "4 * ?float64",
    );
}

/// `ak.firsts(x, axis=-1) * 2.0 + 1.0` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_053_x_firsts_2_0_1_0_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.firsts() * 2.0 + 1.0,
        "[[3, None], [], [7, None, 9]]",
        "[[3.0,null],[],[7.0,null,9.0]]",
        "3 * var * ?float64",
    );
}

/// `np.exp(-ak.firsts(x, axis=-1))` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_054_x_firsts_exp_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        (-x.firsts()).exp(),
        "[0.333, None, 0.0123, 0.00136]",
        "[0.33287108369807955,null,0.012277339903068436,0.0013603680375478939]",
        "4 * ?float64",
    );
}

/// `ak.firsts(x, axis=-1) * ak.sum(x, axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_055_x_firsts_x_sum_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.firsts() * x.sum(-1),
        "[7.26, None, 43.6, 43.6]",
        "[7.26,null,43.56,43.559999999999995]",
        "4 * ?float64",
    );
}

/// `ak.firsts(x, axis=-1) * ak.sum(x, axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_056_x_firsts_x_sum_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.firsts() * x.sum(-1),
        "[[3, None], [], [9, None, 60]]",
        "[[3.0,null],[],[9.0,null,60.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.mask(x, x > 2.5) + ak.mask(x, x < 5.0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_057_x_mask_x_gt_2_5_x_mask_x_lt_5_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.mask(&x.gt(2.5)) + x.mask(&x.lt(5.0)),
        "[[None, None, 6.6], [], [8.8, None], [None]]",
        "[[null,null,6.6],[],[8.8,null],[null]]",
        "4 * var * ?float64",
    );
}

/// `ak.mask(x, x > 2.5) + ak.mask(x, x < 5.0)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_058_x_mask_x_gt_2_5_x_mask_x_lt_5_0_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.mask(&x.gt(2.5)) + x.mask(&x.lt(5.0)),
        "[[[None, None], []], [], [[6], [], [8, None, None]]]",
        "[[[null,null],[]],[],[[6.0],[],[8.0,null,null]]]",
        "3 * var * var * ?float64",
    );
}

/// `ak.max(x, axis=0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_059_x_max_or_none_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.max_or_none(0),
        "[6.6, 5.5, 3.3]",
        "[6.6,5.5,3.3]",
        "3 * ?float64",
    );
}

/// `ak.max(x, axis=0)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_060_x_max_or_none_0_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.max_or_none(0),
        "[[3, 2], [], [4, 5, 6]]",
        "[[3.0,2.0],[],[4.0,5.0,6.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.max(x, axis=0)` with `x = [[], [], []]`
#[test]
fn case_061_x_max_or_none_0_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(x.max_or_none(0), "[]", "[]", "0 * ?float64");
}

/// `ak.max(x, axis=0)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_062_x_max_or_none_0_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.max_or_none(0),
        "[1, 7, 7]",
        "[1.0,7.0,7.0]",
        "3 * ?float64",
    );
}

/// `ak.max(x, axis=1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_063_x_max_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.max_or_none(1),
        "[3.3, None, 5.5, 6.6]",
        "[3.3,null,5.5,6.6]",
        "4 * ?float64",
    );
}

/// `ak.max(x, axis=1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_064_x_max_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.max_or_none(1),
        "[[1, 2], [], [4, 5, 6]]",
        "[[1.0,2.0],[],[4.0,5.0,6.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.max(x, axis=1)` with `x = [[], [], []]`
#[test]
fn case_065_x_max_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.max_or_none(1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?float64",
    );
}

/// `ak.max(x, axis=1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_066_x_max_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.max_or_none(1),
        "[1, -inf, None, 7]",
        "[1.0,\"-inf\",null,7.0]",
        "4 * ?float64",
    );
}

/// `ak.max(x, axis=2)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_067_x_max_or_none_2_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.max_or_none(2),
        "[[2, None], [], [3, None, 6]]",
        "[[2.0,null],[],[3.0,null,6.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.max(x, axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_068_x_max_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.max_or_none(-1),
        "[3.3, None, 5.5, 6.6]",
        "[3.3,null,5.5,6.6]",
        "4 * ?float64",
    );
}

/// `ak.max(x, axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_069_x_max_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.max_or_none(-1),
        "[[2, None], [], [3, None, 6]]",
        "[[2.0,null],[],[3.0,null,6.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.max(x, axis=-1)` with `x = [[], [], []]`
#[test]
fn case_070_x_max_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.max_or_none(-1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?float64",
    );
}

/// `ak.max(x, axis=-1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_071_x_max_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.max_or_none(-1),
        "[1, -inf, None, 7]",
        "[1.0,\"-inf\",null,7.0]",
        "4 * ?float64",
    );
}

/// `ak.min(x, axis=0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_072_x_min_or_none_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.min_or_none(0),
        "[1.1, 2.2, 3.3]",
        "[1.1,2.2,3.3]",
        "3 * ?float64",
    );
}

/// `ak.min(x, axis=0)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_073_x_min_or_none_0_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.min_or_none(0),
        "[[1, 2], [], [4, 5, 6]]",
        "[[1.0,2.0],[],[4.0,5.0,6.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.min(x, axis=0)` with `x = [[], [], []]`
#[test]
fn case_074_x_min_or_none_0_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(x.min_or_none(0), "[]", "[]", "0 * ?float64");
}

/// `ak.min(x, axis=0)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_075_x_min_or_none_0_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.min_or_none(0),
        "[-1, 7, 7]",
        "[-1.0,7.0,7.0]",
        "3 * ?float64",
    );
}

/// `ak.min(x, axis=1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_076_x_min_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.min_or_none(1),
        "[1.1, None, 4.4, 6.6]",
        "[1.1,null,4.4,6.6]",
        "4 * ?float64",
    );
}

/// `ak.min(x, axis=1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_077_x_min_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.min_or_none(1),
        "[[1, 2], [], [3, 5, 6]]",
        "[[1.0,2.0],[],[3.0,5.0,6.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.min(x, axis=1)` with `x = [[], [], []]`
#[test]
fn case_078_x_min_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.min_or_none(1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?float64",
    );
}

/// `ak.min(x, axis=1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_079_x_min_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.min_or_none(1),
        "[1, inf, None, -1]",
        "[1.0,\"inf\",null,-1.0]",
        "4 * ?float64",
    );
}

/// `ak.min(x, axis=2)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_080_x_min_or_none_2_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.min_or_none(2),
        "[[1, None], [], [3, None, 4]]",
        "[[1.0,null],[],[3.0,null,4.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.min(x, axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_081_x_min_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.min_or_none(-1),
        "[1.1, None, 4.4, 6.6]",
        "[1.1,null,4.4,6.6]",
        "4 * ?float64",
    );
}

/// `ak.min(x, axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_082_x_min_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.min_or_none(-1),
        "[[1, None], [], [3, None, 4]]",
        "[[1.0,null],[],[3.0,null,4.0]]",
        "3 * var * ?float64",
    );
}

/// `ak.min(x, axis=-1)` with `x = [[], [], []]`
#[test]
fn case_083_x_min_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.min_or_none(-1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?float64",
    );
}

/// `ak.min(x, axis=-1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_084_x_min_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.min_or_none(-1),
        "[1, inf, None, -1]",
        "[1.0,\"inf\",null,-1.0]",
        "4 * ?float64",
    );
}

/// `ak.argmax(x, axis=0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_085_x_argmax_or_none_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(x.argmax_or_none(0), "[3, 2, 0]", "[3,2,0]", "3 * ?int64");
}

/// `ak.argmax(x, axis=0)` with `x = [[], [], []]`
#[test]
fn case_086_x_argmax_or_none_0_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(x.argmax_or_none(0), "[]", "[]", "0 * ?int64");
}

/// `ak.argmax(x, axis=0)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_087_x_argmax_or_none_0_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(x.argmax_or_none(0), "[0, 0, 3]", "[0,0,3]", "3 * ?int64");
}

/// `ak.argmax(x, axis=1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_088_x_argmax_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.argmax_or_none(1),
        "[2, None, 1, 0]",
        "[2,null,1,0]",
        "4 * ?int64",
    );
}

/// `ak.argmax(x, axis=1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_089_x_argmax_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.argmax_or_none(1),
        "[[0, 0], [], [2, 2, 2]]",
        "[[0,0],[],[2,2,2]]",
        "3 * var * ?int64",
    );
}

/// `ak.argmax(x, axis=1)` with `x = [[], [], []]`
#[test]
fn case_090_x_argmax_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.argmax_or_none(1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?int64",
    );
}

/// `ak.argmax(x, axis=1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_091_x_argmax_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.argmax_or_none(1),
        "[0, 0, None, 1]",
        "[0,0,null,1]",
        "4 * ?int64",
    );
}

/// `ak.argmax(x, axis=2)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_092_x_argmax_or_none_2_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.argmax_or_none(2),
        "[[1, None], [], [0, None, 2]]",
        "[[1,null],[],[0,null,2]]",
        "3 * var * ?int64",
    );
}

/// `ak.argmax(x, axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_093_x_argmax_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.argmax_or_none(-1),
        "[2, None, 1, 0]",
        "[2,null,1,0]",
        "4 * ?int64",
    );
}

/// `ak.argmax(x, axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_094_x_argmax_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.argmax_or_none(-1),
        "[[1, None], [], [0, None, 2]]",
        "[[1,null],[],[0,null,2]]",
        "3 * var * ?int64",
    );
}

/// `ak.argmax(x, axis=-1)` with `x = [[], [], []]`
#[test]
fn case_095_x_argmax_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.argmax_or_none(-1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?int64",
    );
}

/// `ak.argmax(x, axis=-1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_096_x_argmax_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.argmax_or_none(-1),
        "[0, 0, None, 1]",
        "[0,0,null,1]",
        "4 * ?int64",
    );
}

/// `ak.argmin(x, axis=0)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_097_x_argmin_or_none_0_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(x.argmin_or_none(0), "[0, 0, 0]", "[0,0,0]", "3 * ?int64");
}

/// `ak.argmin(x, axis=0)` with `x = [[], [], []]`
#[test]
fn case_098_x_argmin_or_none_0_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(x.argmin_or_none(0), "[]", "[]", "0 * ?int64");
}

/// `ak.argmin(x, axis=0)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_099_x_argmin_or_none_0_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(x.argmin_or_none(0), "[3, 0, 3]", "[3,0,3]", "3 * ?int64");
}

/// `ak.argmin(x, axis=1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_100_x_argmin_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.argmin_or_none(1),
        "[0, None, 0, 0]",
        "[0,null,0,0]",
        "4 * ?int64",
    );
}

/// `ak.argmin(x, axis=1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_101_x_argmin_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.argmin_or_none(1),
        "[[0, 0], [], [0, 2, 2]]",
        "[[0,0],[],[0,2,2]]",
        "3 * var * ?int64",
    );
}

/// `ak.argmin(x, axis=1)` with `x = [[], [], []]`
#[test]
fn case_102_x_argmin_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.argmin_or_none(1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?int64",
    );
}

/// `ak.argmin(x, axis=1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_103_x_argmin_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.argmin_or_none(1),
        "[0, 0, None, 0]",
        "[0,0,null,0]",
        "4 * ?int64",
    );
}

/// `ak.argmin(x, axis=2)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_104_x_argmin_or_none_2_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.argmin_or_none(2),
        "[[0, None], [], [0, None, 0]]",
        "[[0,null],[],[0,null,0]]",
        "3 * var * ?int64",
    );
}

/// `ak.argmin(x, axis=-1)` with `x = [[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]`
#[test]
fn case_105_x_argmin_or_none_1_a2() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]];
    check(
        x.argmin_or_none(-1),
        "[0, None, 0, 0]",
        "[0,null,0,0]",
        "4 * ?int64",
    );
}

/// `ak.argmin(x, axis=-1)` with `x = [[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]`
#[test]
fn case_106_x_argmin_or_none_1_a3() {
    let x = array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]];
    check(
        x.argmin_or_none(-1),
        "[[0, None], [], [0, None, 0]]",
        "[[0,null],[],[0,null,0]]",
        "3 * var * ?int64",
    );
}

/// `ak.argmin(x, axis=-1)` with `x = [[], [], []]`
#[test]
fn case_107_x_argmin_or_none_1_e2() {
    let x = Array::<f64>::from_json("[[], [], []]").unwrap();
    check(
        x.argmin_or_none(-1),
        "[None, None, None]",
        "[null,null,null]",
        "3 * ?int64",
    );
}

/// `ak.argmin(x, axis=-1)` with `x = [[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]]`
#[test]
fn case_108_x_argmin_or_none_1_n2() {
    let x = array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]];
    check(
        x.argmin_or_none(-1),
        "[0, 0, None, 0]",
        "[0,0,null,0]",
        "4 * ?int64",
    );
}
