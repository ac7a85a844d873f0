//! serde: arrays serialize as nested lists exactly as `to_json` writes them, deserialize
//! with `from_json`'s depth rules and messages, at every depth, in f32, f64, bool and i64.
#![cfg(feature = "serde")]

use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::{array, Array, Structure};

#[test]
fn serializes_as_to_json_writes_and_round_trips_at_every_depth() {
    let mut rng = rng(3);
    for depth in 0..=3 {
        for _ in 0..25 {
            let x = random_ragged(&mut rng, depth, 4, -1e3, 1e3);
            let text = serde_json::to_string(&x).unwrap();
            assert_eq!(text, x.to_json(), "depth {depth}");
            let back: Array<f64> = serde_json::from_str(&text).unwrap();
            if x.content().is_empty() {
                // JSON cannot tell the depth of an array without leaves (as `from_json`).
                assert_eq!(back, Array::<f64>::from_json(&text).unwrap());
            } else {
                assert_eq!(back, x, "depth {depth}");
            }

            let x32: Array<f32> = x.map(|v| v as f32);
            let text32 = serde_json::to_string(&x32).unwrap();
            assert_eq!(text32, x32.to_json());
            let back32: Array<f32> = serde_json::from_str(&text32).unwrap();
            if !x32.content().is_empty() {
                assert_eq!(back32, x32, "depth {depth}, f32");
            }
        }
    }
}

#[test]
fn through_serde_json_values_and_pretty_printing() {
    let x: Array<f64> = array![[[1.0], [2.0, 3.0]], [], [[], [4.0]]];
    let value = serde_json::to_value(&x).unwrap();
    assert_eq!(
        value,
        serde_json::json!([[[1.0], [2.0, 3.0]], [], [[], [4.0]]])
    );
    assert_eq!(serde_json::from_value::<Array<f64>>(value).unwrap(), x);
    let pretty = serde_json::to_string_pretty(&x).unwrap();
    assert_eq!(serde_json::from_str::<Array<f64>>(&pretty).unwrap(), x);
}

#[test]
fn non_finite_floats_are_strings_as_in_to_json() {
    let x: Array<f64> = array![[f64::NAN, f64::INFINITY], [f64::NEG_INFINITY]];
    let text = serde_json::to_string(&x).unwrap();
    assert_eq!(text, r#"[["nan","inf"],["-inf"]]"#);
    let back: Array<f64> = serde_json::from_str(&text).unwrap();
    assert!(back.content()[0].is_nan());
    assert_eq!(&back.content()[1..], &[f64::INFINITY, f64::NEG_INFINITY]);
    assert_eq!(back.offsets(0), &[0, 2, 3]);
}

#[test]
fn integers_booleans_and_empty_lists() {
    let ints: Array<f64> = serde_json::from_str("[[1, 2], [], [-3]]").unwrap();
    assert_eq!(ints, array![[1.0, 2.0], [], [-3.0]]);
    let counts: Array<i64> = array![[1i64, 2], [], [3]];
    assert_eq!(serde_json::to_string(&counts).unwrap(), "[[1,2],[],[3]]");
    assert_eq!(
        serde_json::from_str::<Array<i64>>("[[1,2],[],[3]]").unwrap(),
        counts
    );
    let mask: Array<bool> = array![[true], [], [false, true]];
    assert_eq!(
        serde_json::to_string(&mask).unwrap(),
        "[[true],[],[false,true]]"
    );
    assert_eq!(
        serde_json::from_str::<Array<bool>>("[[true],[],[false,true]]").unwrap(),
        mask
    );

    let empty: Array<f64> = serde_json::from_str("[]").unwrap();
    assert_eq!(empty.type_str(), "0 * float64");
    let nested_empty: Array<f64> = serde_json::from_str("[[[]], []]").unwrap();
    assert_eq!(
        nested_empty,
        Array::from_parts(
            Structure::new(vec![vec![0, 1, 1], vec![0, 0]], 0).unwrap(),
            vec![]
        )
        .unwrap()
    );
    // Empty lists first, then a deeper leaf: the depth comes from the leaf.
    let x: Array<f64> = serde_json::from_str("[[], [[1.0]]]").unwrap();
    assert_eq!(x, array![[], [[1.0]]]);
}

#[test]
fn bad_input_gives_serde_errors_with_from_json_messages() {
    let error = |text: &str| {
        serde_json::from_str::<Array<f64>>(text)
            .unwrap_err()
            .to_string()
    };
    // The same words as `from_json` (serde_json adds the line and column).
    assert_eq!(
        error("[[1.0], 2.0]"),
        "item at [1] has depth 0, but the items before it have depth 1 (every item must have \
         the same depth: 0 for a number, 1 for a list of numbers, ...) at line 1 column 12"
    );
    assert_eq!(
        error("[[1.0], [[2.0]]]"),
        "item at [1] has depth 2, but the items before it have depth 1 (every item must have \
         the same depth: 0 for a number, 1 for a list of numbers, ...) at line 1 column 16"
    );
    assert_eq!(
        error(r#"[[1.0, "x"]]"#),
        "expected a number (or \"nan\", \"inf\", \"-inf\") at [0][1], found the string \"x\" at line 1 column 10"
    );
    assert_eq!(
        error("[[1.0, null]]"),
        "expected a number (or \"nan\", \"inf\", \"-inf\") at [0][1], found null at line 1 column 11"
    );
    assert_eq!(
        error(r#"[{"a": 1}]"#),
        "expected a number (or \"nan\", \"inf\", \"-inf\") at [0], found an object at line 1 column 2"
    );
    assert_eq!(
        error("1.0"),
        "invalid type: floating point `1.0`, expected a list (nested lists of numbers) at line 1 column 3"
    );
    assert_eq!(
        serde_json::from_str::<Array<i64>>("[1, 2.5]").unwrap_err().to_string(),
        "expected an integer within the range of int64 at [1], found the number 2.5 at line 1 column 7"
    );
}

#[test]
fn messages_match_from_json() {
    for text in ["[[1.0], 2.0]", r#"[[1.0, "x"]]"#, "[[[]], [1.0]]", "[true]"] {
        let ours = serde_json::from_str::<Array<f64>>(text)
            .unwrap_err()
            .to_string();
        let json = Array::<f64>::from_json(text).unwrap_err().to_string();
        let reason = json.strip_prefix("invalid JSON array: ").unwrap();
        assert!(ours.starts_with(reason), "{ours} against {json}");
    }
}
