//! serde: arrays serialize as nested lists exactly as `to_json` writes them, deserialize
//! with `from_json`'s depth rules and messages, at every depth, in f32, f64, bool and i64.
#![cfg(feature = "serde")]

use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::{array, Array, Error, Structure, MAX_DEPTH};
use serde::Deserialize;

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
        "expected a number (or \"nan\", \"inf\", \"-inf\") at [0][1], found null (an Array has \
         no missing values: read nulls into a Masked instead) at line 1 column 11"
    );
    assert_eq!(
        error(r#"[{"a": 1}]"#),
        "expected a number (or \"nan\", \"inf\", \"-inf\") at [0], found an object at line 1 column 2"
    );
    assert_eq!(
        error("1.0"),
        "the top level must be a list, found the number 1.0 at line 1 column 3"
    );
    assert_eq!(
        serde_json::from_str::<Array<i64>>("[1, 2.5]")
            .unwrap_err()
            .to_string(),
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

#[test]
fn f32_overflow_is_an_error_underflow_rounds_to_zero() {
    let err = serde_json::from_str::<Array<f32>>("[[1.0], [1e39, 1e-50]]")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "expected a number within the range of float32 (magnitude at most 3.4028235e38) at \
         [1][0], found the number 1e+39 at line 1 column 13"
    );
    let x: Array<f32> = serde_json::from_str("[1e-50, 3e38]").unwrap();
    assert_eq!(x.content(), &[0.0, 3e38]);
    // From any deserializer that hands over f64s (here a serde_json::Value).
    let value = serde_json::json!([[-1e300]]);
    let err = Array::<f32>::deserialize(&value).unwrap_err().to_string();
    assert!(err.contains("at [0][0], found the number -1e+300"), "{err}");
    // Non-finite floats of a binary format stay allowed.
    assert_eq!(
        Array::<f32>::deserialize(serde::de::value::SeqDeserializer::<
            _,
            serde::de::value::Error,
        >::new([f64::INFINITY].into_iter()))
        .unwrap()
        .content(),
        &[f32::INFINITY]
    );
}

/// `[[[...[0.5]...]]]`: a serde_json value with `levels` levels of lists around one number.
fn nested_value(levels: usize) -> serde_json::Value {
    let mut value = serde_json::json!(0.5);
    for _ in 0..levels {
        value = serde_json::Value::Array(vec![value]);
    }
    value
}

#[test]
fn depth_is_limited_to_max_depth_in_every_format() {
    let message = "array too deep in `deserialize`: 101 nested list dimensions, more than \
                   MAX_DEPTH = 100";
    // The deepest array there can be serializes and reads back.
    let deepest = nested_value(MAX_DEPTH + 1);
    let x = Array::<f64>::deserialize(&deepest).unwrap();
    assert_eq!(x.structure().depth(), MAX_DEPTH);
    let text = serde_json::to_string(&x).unwrap();
    assert_eq!(serde_json::from_str::<Array<f64>>(&text).unwrap(), x);
    // One level more: an error, from serde_json (which has its own limit of 128) ...
    let text = format!(
        "{}1{}",
        "[".repeat(MAX_DEPTH + 2),
        "]".repeat(MAX_DEPTH + 2)
    );
    let err = serde_json::from_str::<Array<f64>>(&text)
        .unwrap_err()
        .to_string();
    assert_eq!(err, format!("{message} at line 1 column 102"));
    // ... and from a deserializer without a limit of its own.
    let err = Array::<f64>::deserialize(&nested_value(1000)).unwrap_err();
    assert_eq!(err.to_string(), message);
    // The same error as from_json's, but for the operation.
    assert!(matches!(
        Array::<f64>::from_json(&text),
        Err(Error::Depth { depth: 101, .. })
    ));
}

#[test]
fn messages_quote_at_most_64_characters() {
    let long = "y".repeat(1_000_000);
    let err = serde_json::from_str::<Array<f64>>(&format!("[\"{long}\"]"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!(
            "expected a number (or \"nan\", \"inf\", \"-inf\") at [0], found the string \
             \"{}\"... (1000000 bytes) at line 1 column 1000003",
            "y".repeat(64)
        )
    );
}
