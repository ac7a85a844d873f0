//! `Array::from_json` and `Array::to_json`: values, exact round trips, and every error.

use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::{array, Array, Error};
use rand::Rng;

fn json_err<T: awkdiff_core::Element>(text: &str) -> String {
    match Array::<T>::from_json(text) {
        Err(e @ Error::Json { .. }) => e.to_string(),
        other => panic!("expected Error::Json for {text}, got {other:?}"),
    }
}

#[test]
fn reads_nested_lists() {
    let x = Array::<f64>::from_json("[[1, 2.5, 3], [], [4, -5e-1]]").unwrap();
    assert_eq!(x, array![[1.0, 2.5, 3.0], [], [4.0, -0.5]]);
    assert_eq!(x.type_str(), "3 * var * float64");
    let x = Array::<f64>::from_json(" [1.0, 2] ").unwrap();
    assert_eq!(x, Array::from_vec(vec![1.0, 2.0]));
    let x = Array::<f64>::from_json("[[[1], [2, 3]], [], [[4, 5]]]").unwrap();
    assert_eq!(x, array![[[1.0], [2.0, 3.0]], [], [[4.0, 5.0]]]);
    assert_eq!(x.offsets(0), &[0, 2, 2, 3]);
    assert_eq!(x.offsets(1), &[0, 1, 3, 5]);
}

#[test]
fn empty_lists_at_any_level() {
    let x = Array::<f64>::from_json("[]").unwrap();
    assert_eq!(x.type_str(), "0 * float64");
    assert!(x.is_empty());
    let x = Array::<f64>::from_json("[[]]").unwrap();
    assert_eq!(x.type_str(), "1 * var * float64");
    assert_eq!(x.offsets(0), &[0, 0]);
    let x = Array::<f64>::from_json("[[], [[]], [[], []]]").unwrap();
    assert_eq!(x.type_str(), "3 * var * var * float64");
    assert_eq!(x.offsets(0), &[0, 0, 1, 3]);
    assert_eq!(x.offsets(1), &[0, 0, 0, 0]);
    // Empty lists before the first number take the depth the numbers give.
    let x = Array::<f64>::from_json("[[], [[]], [[1], []], []]").unwrap();
    assert_eq!(x, array![[], [[]], [[1.0], []], []]);
    assert_eq!(x.offsets(0), &[0, 0, 1, 3, 3]);
    assert_eq!(x.offsets(1), &[0, 0, 1, 1]);
    assert_eq!(x.content(), &[1.0]);
}

#[test]
fn non_finite_strings() {
    let x = Array::<f64>::from_json(r#"[["nan", "inf"], ["-inf"]]"#).unwrap();
    assert!(x.content()[0].is_nan());
    assert_eq!(&x.content()[1..], &[f64::INFINITY, f64::NEG_INFINITY]);
    let y = Array::<f32>::from_json(r#"["nan", "inf", "-inf", 1]"#).unwrap();
    assert!(y.content()[0].is_nan());
    assert_eq!(&y.content()[1..], &[f32::INFINITY, f32::NEG_INFINITY, 1.0]);
}

#[test]
fn other_element_types() {
    let x = Array::<f32>::from_json("[[0.1], [2]]").unwrap();
    assert_eq!(x, array![[0.1f32], [2.0f32]]);
    assert_eq!(x.type_str(), "2 * var * float32");
    let b = Array::<bool>::from_json("[[true], [], [false, true]]").unwrap();
    assert_eq!(b, array![[true], [], [false, true]]);
    assert_eq!(b.to_json(), "[[true],[],[false,true]]");
    let i = Array::<i64>::from_json("[[1, -2], [9007199254740993]]").unwrap();
    assert_eq!(i, array![[1i64, -2], [9007199254740993]]);
    assert_eq!(i.to_json(), "[[1,-2],[9007199254740993]]");
}

#[test]
fn writes_compact_json_with_float_points() {
    let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    // The same text as Awkward 2.14's ak.to_json(ak.Array([[1.0, 2.0, 3.0], [], [4.0, 5.0]])).
    assert_eq!(x.to_json(), "[[1.0,2.0,3.0],[],[4.0,5.0]]");
    let y = Array::from_vec(vec![-0.0, 0.1, 1e20, 1e-7, 123456.5, f64::MAX, 5e-324]);
    assert_eq!(
        y.to_json(),
        "[-0.0,0.1,1e20,1e-7,123456.5,1.7976931348623157e308,5e-324]"
    );
    let z = Array::from_vec(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
    assert_eq!(z.to_json(), r#"["nan","inf","-inf"]"#);
    assert_eq!(Array::<f64>::from_vec(vec![]).to_json(), "[]");
    assert_eq!(array![[[1.5f32]], [[]]].to_json(), "[[[1.5]],[[]]]");
    // Any JSON reader sees floats, never integers.
    let parsed: serde_json::Value = serde_json::from_str(&x.to_json()).unwrap();
    assert!(parsed[0][0].is_f64() && parsed[2][1].is_f64());
}

/// Random finite bit patterns: every exponent, subnormals, negative zero.
fn random_bits_f64(rng: &mut impl Rng) -> f64 {
    loop {
        let v = f64::from_bits(rng.random());
        if v.is_finite() {
            return v;
        }
    }
}

fn random_bits_f32(rng: &mut impl Rng) -> f32 {
    loop {
        let v = f32::from_bits(rng.random());
        if v.is_finite() {
            return v;
        }
    }
}

fn same_bits<T: Copy + Into<f64>>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(&x, &y)| {
            let (x, y): (f64, f64) = (x.into(), y.into());
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        })
}

/// True when the JSON text shows the array's depth: some innermost list exists (or the
/// array is flat). `[]` of type `0 * var * float64` reads back as `0 * float64`.
fn depth_in_text<T: awkdiff_core::Element>(x: &Array<T>) -> bool {
    let depth = x.structure().depth();
    depth == 0 || x.structure().level_len(depth - 1) > 0
}

#[test]
fn shallow_reading_of_empty_deep_arrays() {
    let x = Array::from_offsets(vec![0, 0, 0], Array::<f64>::from_vec(vec![])).unwrap();
    let x = Array::from_offsets(vec![0, 2], x).unwrap();
    assert_eq!(x.type_str(), "1 * var * var * float64");
    assert_eq!(x.to_json(), "[[[],[]]]");
    assert_eq!(Array::<f64>::from_json(&x.to_json()).unwrap(), x);
    let empty = Array::from_offsets(vec![0], Array::<f64>::from_vec(vec![])).unwrap();
    assert_eq!(empty.to_json(), "[]");
    assert_eq!(
        Array::<f64>::from_json("[]").unwrap().type_str(),
        "0 * float64"
    );
}

#[test]
fn round_trips_exactly() {
    let mut r = rng(11);
    let mut bits = rng(12);
    for depth in 0..=4 {
        for _ in 0..40 {
            let x = random_ragged(&mut r, depth, 4, -1e3, 1e3);
            let back = Array::<f64>::from_json(&x.to_json()).unwrap();
            assert_eq!(back.to_json(), x.to_json());
            if !depth_in_text(&x) {
                // `[]` or `[[], []]` of a deeper type: JSON cannot say how deep.
                assert!(back.ndim() < x.ndim());
                continue;
            }
            assert_eq!(back, x, "depth {depth}: {}", x.to_json());
            assert_eq!(back.structure(), x.structure());

            let wild = x.with_content(
                (0..x.content().len())
                    .map(|_| random_bits_f64(&mut bits))
                    .collect::<Vec<f64>>(),
            );
            let back = Array::<f64>::from_json(&wild.to_json()).unwrap();
            assert!(
                same_bits(back.content(), wild.content()),
                "{}",
                wild.to_json()
            );
            assert_eq!(back.structure(), wild.structure());

            let x32 = x.map(|v| v as f32);
            let back = Array::<f32>::from_json(&x32.to_json()).unwrap();
            assert_eq!(back, x32, "depth {depth}: {}", x32.to_json());
            let wild32 = x.with_content(
                (0..x.content().len())
                    .map(|_| random_bits_f32(&mut bits))
                    .collect::<Vec<f32>>(),
            );
            let back = Array::<f32>::from_json(&wild32.to_json()).unwrap();
            assert!(
                same_bits(back.content(), wild32.content()),
                "{}",
                wild32.to_json()
            );
        }
    }
    // Non-finite values come back too.
    let x = array![[f64::NAN, f64::INFINITY], [], [f64::NEG_INFINITY, -0.0]];
    let back = Array::<f64>::from_json(&x.to_json()).unwrap();
    assert!(same_bits(back.content(), x.content()));
}

#[test]
fn not_json() {
    assert_eq!(
        json_err::<f64>("[[1, 2], [3"),
        "invalid JSON array: not valid JSON: EOF while parsing a list at line 1 column 11"
    );
    assert_eq!(
        json_err::<f64>("[1,\n 2,,]"),
        "invalid JSON array: not valid JSON: expected value at line 2 column 4"
    );
    assert_eq!(
        json_err::<f64>(""),
        "invalid JSON array: not valid JSON: EOF while parsing a value at line 1 column 0"
    );
    assert_eq!(
        json_err::<f64>("[1] x"),
        "invalid JSON array: not valid JSON: trailing characters at line 1 column 5"
    );
}

#[test]
fn top_level_not_a_list() {
    assert_eq!(
        json_err::<f64>("5"),
        "invalid JSON array: the top level must be a list, found the number 5"
    );
    assert_eq!(
        json_err::<f64>(r#"{"x": [1]}"#),
        "invalid JSON array: the top level must be a list, found an object"
    );
    assert_eq!(
        json_err::<f64>("null"),
        "invalid JSON array: the top level must be a list, found null"
    );
}

#[test]
fn leaves_of_the_wrong_kind() {
    assert_eq!(
        json_err::<f64>(r#"[[1], [], [null, 2]]"#),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [2][0], found null \
         (an Array has no missing values: read nulls into a Masked instead)"
    );
    assert_eq!(
        json_err::<f64>(r#"[[1, "a"]]"#),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [0][1], found the string \"a\""
    );
    assert_eq!(
        json_err::<f32>(r#"[true]"#),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [0], found the boolean true"
    );
    assert_eq!(
        json_err::<f64>(r#"[[{"x": 1}]]"#),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [0][0], found an object"
    );
    assert_eq!(
        json_err::<bool>("[[true], [1]]"),
        "invalid JSON array: expected true or false at [1][0], found the number 1"
    );
    assert_eq!(
        json_err::<i64>("[1, 2.5]"),
        "invalid JSON array: expected an integer within the range of int64 at [1], found the number 2.5"
    );
    assert_eq!(
        json_err::<i64>("[9223372036854775808]"),
        "invalid JSON array: expected an integer within the range of int64 at [0], found the number 9223372036854775808"
    );
}

#[test]
fn mixed_depths() {
    let tail =
        "(every item must have the same depth: 0 for a number, 1 for a list of numbers, ...)";
    assert_eq!(
        json_err::<f64>("[[1], 2]"),
        format!(
            "invalid JSON array: item at [1] has depth 0, but the items before it have depth 1 {tail}"
        )
    );
    assert_eq!(
        json_err::<f64>("[1, [2]]"),
        format!(
            "invalid JSON array: item at [1] has depth 1, but the items before it have depth 0 {tail}"
        )
    );
    assert_eq!(
        json_err::<f64>("[[[1], [2]], [[3], 4]]"),
        format!(
            "invalid JSON array: item at [1][1] has depth 0, but the items before it have depth 1 {tail}"
        )
    );
    assert_eq!(
        json_err::<f64>("[[], 1]"),
        format!(
            "invalid JSON array: item at [1] has depth 0, but the items before it have depth at least 1 {tail}"
        )
    );
    assert_eq!(
        json_err::<f64>("[[1], [[]]]"),
        format!(
            "invalid JSON array: item at [1] has depth at least 2, but the items before it have depth 1 {tail}"
        )
    );
}

#[test]
fn numbers_beyond_the_range_of_the_type_are_errors_and_tiny_ones_round_to_zero() {
    let f32_range = "expected a number within the range of float32 (magnitude at most \
                     3.4028235e38)";
    assert_eq!(
        json_err::<f32>("[1e39, 1e-50]"),
        format!("invalid JSON array: {f32_range} at [0], found the number 1e+39")
    );
    assert_eq!(
        json_err::<f32>("[[0.5], [-3.5e38]]"),
        format!("invalid JSON array: {f32_range} at [1][0], found the number -3.5e+38")
    );
    // Integers written out in full too.
    let big = format!("1{}", "0".repeat(39));
    assert_eq!(
        json_err::<f32>(&format!("[{big}]")),
        format!("invalid JSON array: {f32_range} at [0], found the number 1e+39")
    );
    // Underflow is not an error: 1e-50 is 0 in float32, as in NumPy; subnormals stay.
    let x = Array::<f32>::from_json("[1e-50, -1e-50, 1e-45, 3.4028235e38]").unwrap();
    assert_eq!(x.content(), &[0.0, -0.0, 1e-45, f32::MAX]);
    // Non-finite values are written as strings and read back as such.
    let y = Array::<f32>::from_json(r#"["inf", "-inf"]"#).unwrap();
    assert_eq!(y.content(), &[f32::INFINITY, f32::NEG_INFINITY]);
    // f64 as before: serde_json rejects the number itself.
    assert_eq!(
        json_err::<f64>("[1e400]"),
        "invalid JSON array: not valid JSON: number out of range at line 1 column 6"
    );
    assert_eq!(
        Array::<f64>::from_json("[1e-400, 1e39]").unwrap().content(),
        &[0.0, 1e39]
    );
}

#[test]
fn messages_quote_at_most_64_characters_of_a_value() {
    let long = "x".repeat(10_000_000);
    let message = json_err::<f64>(&format!("[[1.0], [2.0, \"{long}\"]]"));
    assert_eq!(
        message,
        format!(
            "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at \
             [1][1], found the string \"{}\"... (10000000 bytes)",
            "x".repeat(64)
        )
    );
    // At the top level too; characters, not bytes, and escapes kept.
    let wide = format!("\\n{}", "é".repeat(100));
    let message = json_err::<bool>(&format!("\"{wide}\""));
    assert_eq!(
        message,
        format!(
            "invalid JSON array: the top level must be a list, found the string \
             \"\\n{}\"... (201 bytes)",
            "é".repeat(63)
        )
    );
    // Short strings whole.
    assert_eq!(
        json_err::<i64>(r#"["abc"]"#),
        "invalid JSON array: expected an integer within the range of int64 at [0], found \
         the string \"abc\""
    );
}

#[test]
fn from_json_reads_as_a_stream_and_stops_at_the_first_error() {
    // The walk reports the first problem in the text, before reading the rest (the rest
    // need not even be JSON).
    assert_eq!(
        json_err::<f64>("[[1], 2, this is not JSON"),
        "invalid JSON array: item at [1] has depth 0, but the items before it have depth 1 \
         (every item must have the same depth: 0 for a number, 1 for a list of numbers, ...)"
    );
    assert_eq!(
        json_err::<f64>("[[1], [true], }"),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [1][0], \
         found the boolean true"
    );
}
