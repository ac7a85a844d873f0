//! Missing values ([`Masked`]): the type's `Value` implementation (what tangents and
//! cotangents of masked values do), every error with its message, the operators in all
//! their owned and borrowed forms, printing, JSON, and edge cases (flat arrays, empty
//! arrays). Values against Awkward are in `options_values.rs`, rules in
//! `properties_options.rs`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use awkdiff_core::{array, rules, Array, Error, Masked, Value};

/// The message of a panic.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// `[[1, None], [], [3, 4]]` with NaN behind its missing entry.
fn sample() -> Masked<f64> {
    Masked::new(
        array![[1.0, f64::NAN], [], [3.0, 4.0]],
        array![[true, false], [], [true, true]],
    )
    .unwrap()
}

// ---------------------------------------------------------------------------------------
// Value: tangents and cotangents

#[test]
fn a_missing_entry_is_no_coordinate_of_the_value() {
    let m = sample();
    // dot, flatten and unflatten see the present entries only (the NaN is never read).
    assert_eq!(m.dot(&m), 1.0 + 9.0 + 16.0);
    let mut flat = Vec::new();
    m.flatten_into(&mut flat);
    assert_eq!(flat, vec![1.0, 3.0, 4.0]);
    let back = m.unflatten_like(&mut [5.0, 6.0, 7.0].into_iter());
    assert_eq!(
        back.to_options(),
        vec![Some(5.0), None, Some(6.0), Some(7.0)]
    );
    assert_eq!(back.values().content()[1], 0.0);
    // zeros, sums and maps keep the missing entries (and share the validity).
    let zeros = Value::zeros_like(&m);
    assert_eq!(zeros.to_string(), "[[0, None], [], [0, 0]]");
    assert!(std::ptr::eq(
        zeros.validity().content().as_ptr(),
        m.validity().content().as_ptr()
    ));
    assert_eq!(m.add_value(&m).to_string(), "[[2, None], [], [6, 8]]");
    assert_eq!(
        m.map_value(|v| v + 1.0).to_string(),
        "[[2, None], [], [4, 5]]"
    );
    assert_eq!(m.type_string(), "3 * var * ?float64");
}

#[test]
fn a_tangent_must_have_the_same_missing_entries() {
    let m = sample();
    let all_present = Masked::from_array(array![[1.0, 2.0], [], [3.0, 4.0]]);
    let err = all_present.check_like(&m, "tangent of `x`").unwrap_err();
    assert!(matches!(err, Error::Structure { .. }));
    assert_eq!(
        err.to_string(),
        "structure mismatch in tangent of `x`: expected 3 * var * ?float64, got 3 * var * \
         ?float64: the entry at [0][1] is missing in the value but present here"
    );
    let other_lists = Masked::from_array(array![[1.0], [2.0], [3.0, 4.0]]);
    assert_eq!(
        other_lists
            .check_like(&m, "tangent of `x`")
            .unwrap_err()
            .to_string(),
        "structure mismatch in tangent of `x`: expected 3 * var * ?float64, got 3 * var * \
         ?float64: list 0 at dimension 1 has length 2 against 1"
    );
    assert!(m.map_value(|v| v * 2.0).check_like(&m, "tangent").is_ok());
    // add_value of values with different missing entries panics with the same message.
    let message = panic_message(|| {
        m.add_value(&all_present);
    });
    assert!(
        message.contains("the entry at [0][1] is missing in the value but present here"),
        "{message}"
    );
    // Deeper: the place is given by list, from the outermost.
    let deep = array![[[1.0], []], [[2.0, 3.0]]].pad_none(2, false);
    let present = Masked::from_array(deep.fill_none(0.0));
    assert_eq!(
        deep.check_like(&present, "ct").unwrap_err().to_string(),
        "structure mismatch in ct: expected 2 * var * var * ?float64, got 2 * var * var * \
         ?float64: the entry at [0][0][1] is present in the value but missing here"
    );
}

#[test]
fn rules_report_a_tangent_of_the_wrong_missing_entries() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let y = x.firsts();
    let wrong = Masked::from_array(Array::from_vec(vec![1.0, 1.0, 1.0]));
    let message = panic_message(|| {
        rules::firsts_vjp(&x, &y, &wrong);
    });
    assert_eq!(
        message,
        "structure mismatch in cotangent of `firsts`'s output: expected 3 * ?float64, got 3 * \
         ?float64: the entry at [1] is missing in the value but present here"
    );
    let message = panic_message(|| {
        rules::mask_jvp(
            &x,
            &x.mask(&x.gt(1.5)),
            &x.gt(1.5),
            &array![[1.0], [], [3.0]],
        );
    });
    assert!(
        message.starts_with("structure mismatch in tangent of `mask`'s input"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------------------
// Errors

#[test]
fn constructor_and_mask_errors_say_what_and_where() {
    let err = Masked::new(array![[1.0], [2.0]], array![[true], []]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "structure mismatch in the validity of `Masked::new`: expected 2 * var * bool, got \
         2 * var * bool: list 1 at dimension 1 has length 1 against 0"
    );
    let x = array![[1.0, 2.0], [3.0]];
    let err = x.try_mask(&Array::from_vec(vec![true, false])).unwrap_err();
    assert!(matches!(err, Error::Structure { .. }));
    assert_eq!(
        err.to_string(),
        "structure mismatch in the condition of `mask`: expected 2 * var * bool, got 2 * \
         bool: 2 dimensions against 1 dimensions"
    );
    assert_eq!(
        panic_message(|| {
            x.mask(&Array::from_vec(vec![true, false]));
        }),
        err.to_string()
    );
}

#[test]
fn pad_none_beyond_memory_is_an_error() {
    let x = array![[1.0], [], [2.0]];
    let err = x.try_pad_none(1 << 62, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument to `pad_none`: padding the 3 innermost lists of an array of type \
         3 * var * float64 to 4611686018427387904 entries each needs more than 2^63 entries"
    );
    // 2^60 entries fit the offsets but not the memory (2^63 bytes of f64).
    let err = Array::from_vec(vec![1.0])
        .try_pad_none(1 << 60, true)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument to `pad_none`: padding 1 lists needs 1152921504606846976 entries, \
         more than can be allocated"
    );
    assert_eq!(
        panic_message(|| {
            x.pad_none(usize::MAX, true);
        }),
        x.try_pad_none(usize::MAX, true).unwrap_err().to_string()
    );
}

#[test]
fn the_none_reducers_report_an_axis_out_of_range() {
    let x = array![[1.0, 2.0], []];
    for err in [
        x.try_max_or_none(2).unwrap_err(),
        x.try_min_or_none(-3).map(|_| ()).unwrap_err(),
        x.try_argmax_or_none(2).map(|_| ()).unwrap_err(),
        x.try_argmin_or_none(5).map(|_| ()).unwrap_err(),
    ] {
        assert!(matches!(err, Error::Axis { .. }), "{err}");
    }
    assert_eq!(
        x.try_min_or_none(-3).unwrap_err().to_string(),
        "axis -3 is out of range for an array of type 2 * var * float64 (2 dimensions)"
    );
}

#[test]
fn a_missing_number_cannot_broadcast_into_lists() {
    let leading = array![[1.0, 2.0], [], [3.0]].firsts();
    let lists = array![[1.0, 1.0], [2.0], [3.0]];
    let err = leading.try_mul(&lists).unwrap_err();
    assert!(matches!(err, Error::Broadcast { .. }));
    assert_eq!(
        err.to_string(),
        "cannot broadcast in `mul`: 3 * ?float64 and 3 * var * float64: the left operand has \
         missing entries and a lower depth: a missing number broadcast into a list makes a \
         missing list (Awkward's option[var * ...]), which awkdiff does not represent; \
         fill_none or drop_none it first"
    );
    assert_eq!(panic_message(|| drop(&lists * &leading)), {
        let e = awkdiff_core::Broadcast::try_zip(&lists, &leading, "mul", |a, b| a * b);
        e.unwrap_err().to_string()
    });
    assert!(
        panic_message(|| drop(&lists * &leading)).contains("the right operand has missing entries")
    );
    // Lists that do not line up: the operands' own types in the message.
    let other = array![[1.0], [2.0]].firsts();
    assert_eq!(
        leading.try_add(&other).unwrap_err().to_string(),
        "cannot broadcast in `add`: 3 * ?float64 and 2 * ?float64: lengths 3 and 2 differ"
    );
    // The deeper masked operand is fine: the lower-depth array goes into its lists.
    let deep = lists.mask(&lists.gt(1.5));
    assert_eq!(
        (&deep * &Array::from_vec(vec![10.0, 20.0, 30.0])).to_string(),
        "[[None, None], [40], [90]]"
    );
}

#[test]
fn json_with_null_reads_and_writes_missing_entries() {
    let m = Masked::<f64>::from_json("[[1, null, 2.5], [], [null]]").unwrap();
    assert_eq!(m.to_string(), "[[1, None, 2.5], [], [None]]");
    assert_eq!(m.to_json(), "[[1.0,null,2.5],[],[null]]");
    assert_eq!(Masked::<f64>::from_json(&m.to_json()).unwrap(), m);
    // NaN and infinities as Awkward writes them.
    let special = Masked::<f64>::from_json(r#"["nan", null, "-inf"]"#).unwrap();
    assert_eq!(special.to_json(), r#"["nan",null,"-inf"]"#);
    let ints = Masked::<i64>::from_json("[[1, null], [3]]").unwrap();
    assert_eq!(ints.type_str(), "2 * var * ?int64");
    let flags = Masked::<bool>::from_json("[true, null]").unwrap();
    assert_eq!(flags.to_string(), "[True, None]");
    let single = Masked::<f32>::from_json("[0.1, null]").unwrap();
    assert_eq!(single.to_json(), "[0.1,null]");
    // A missing list is not a missing number.
    let err = Masked::<f64>::from_json("[null, [1.0]]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid JSON array: item at [1] has depth 1, but the items before it have depth 0 \
         (every item must have the same depth: 0 for a number, 1 for a list of numbers, ...; \
         null stands for a missing number, a whole list cannot be missing)"
    );
    let err = Masked::<f64>::from_json("[[1.0], [\"x\"]]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [1][0], found \
         the string \"x\""
    );
    assert!(matches!(
        Masked::<f64>::from_json("[1, "),
        Err(Error::Json { .. })
    ));
    // An Array has no missing values, and says where to read them.
    assert_eq!(
        Array::<f64>::from_json("[[1.0], [null]]")
            .unwrap_err()
            .to_string(),
        "invalid JSON array: expected a number (or \"nan\", \"inf\", \"-inf\") at [1][0], found \
         null (an Array has no missing values: read nulls into a Masked instead)"
    );
}

// ---------------------------------------------------------------------------------------
// Operators and ufuncs

#[test]
fn operators_take_every_owned_and_borrowed_form() {
    let m = sample();
    let a = array![[1.0, 1.0], [], [2.0, 2.0]];
    let expected = "[[2, None], [], [5, 6]]";
    assert_eq!((&m + &a).to_string(), expected);
    assert_eq!((&m + a.clone()).to_string(), expected);
    assert_eq!((m.clone() + &a).to_string(), expected);
    assert_eq!((m.clone() + a.clone()).to_string(), expected);
    assert_eq!((&a + &m).to_string(), expected);
    assert_eq!((a.clone() + m.clone()).to_string(), expected);
    assert_eq!((&m - &m).to_string(), "[[0, None], [], [0, 0]]");
    assert_eq!(
        (m.clone() * m.clone()).to_string(),
        "[[1, None], [], [9, 16]]"
    );
    assert_eq!((&m / 2.0).to_string(), "[[0.5, None], [], [1.5, 2]]");
    assert_eq!((2.0 * &m).to_string(), "[[2, None], [], [6, 8]]");
    assert_eq!((1.0 - m.clone()).to_string(), "[[0, None], [], [-2, -3]]");
    assert_eq!((-&m).to_string(), "[[-1, None], [], [-3, -4]]");
    let single: Masked<f32> = Masked::from_options(vec![Some(2.0), None]);
    assert_eq!((4.0f32 / &single).to_string(), "[2, None]");
    assert_eq!(
        m.try_div(&m).unwrap().to_string(),
        "[[1, None], [], [1, 1]]"
    );
    // Missing in either operand is missing in the result.
    let other = Masked::new(a.clone(), array![[false, true], [], [true, false]]).unwrap();
    assert_eq!((&m * &other).to_string(), "[[None, None], [], [6, None]]");
}

#[test]
fn ufuncs_keep_missing_entries() {
    let m = sample();
    assert_eq!(m.exp().to_options()[2], Some(3f64.exp()));
    assert_eq!(m.ln().count_none(), 1);
    assert_eq!(m.powi(2).to_string(), "[[1, None], [], [9, 16]]");
    assert_eq!(m.powf(0.5).to_string(), "[[1, None], [], [1.73, 2]]");
    assert_eq!(m.sqrt().is_none(), m.is_none());
}

// ---------------------------------------------------------------------------------------
// The operations at their edges

#[test]
fn flat_and_empty_arrays() {
    let flat = Array::from_vec(vec![3.0, 1.0, 2.0]);
    // A flat array is one list: firsts gives a 1-element array, pad_none pads the array.
    assert_eq!(flat.firsts().to_string(), "[3]");
    assert_eq!(flat.pad_none(5, false).to_string(), "[3, 1, 2, None, None]");
    assert_eq!(flat.pad_none(2, true).to_string(), "[3, 1]");
    assert_eq!(flat.max_or_none(0).to_string(), "[3]");
    let empty = Array::<f64>::from_vec(vec![]);
    assert_eq!(empty.firsts().to_string(), "[None]");
    assert_eq!(empty.max_or_none(0).to_string(), "[None]");
    assert_eq!(empty.argmin_or_none(-1).to_string(), "[None]");
    assert_eq!(empty.pad_none(2, false).to_string(), "[None, None]");
    let no_lists = Array::<f64>::from_json("[[]]")
        .unwrap()
        .slice(awkdiff_core::s![0..0]);
    assert_eq!(no_lists.pad_none(2, true).type_str(), "0 * var * ?float64");
    assert_eq!(no_lists.firsts().type_str(), "0 * ?float64");
    assert_eq!(no_lists.firsts().fill_none(1.0), Array::from_vec(vec![]));
    // pad_none then drop_none gives the input back.
    let x = array![[1.0, 2.0], [], [3.0]];
    assert_eq!(x.pad_none(4, false).drop_none(), x);
    assert_eq!(x.pad_none(1, true).to_string(), "[[1], [None], [3]]");
}

#[test]
fn mask_shares_the_values_and_drop_none_filters_them() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    let m = x.mask(&x.gt(2.0));
    assert_eq!(m.values().content().as_ptr(), x.content().as_ptr());
    assert_eq!(m.count_none(), 1);
    assert_eq!(m.drop_none(), array![[2.2, 3.3], [], [4.4, 5.5]]);
    assert_eq!(m.fill_none(0.0), array![[0.0, 2.2, 3.3], [], [4.4, 5.5]]);
    assert_eq!(Masked::from(x.clone()).drop_none(), x);
}

#[test]
fn show_and_debug_print_as_awkward_does() {
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    let m = x.mask(&x.gt(2.0));
    // Awkward's value lines, nbytes and type (awkdiff prints them after the value, as
    // `Array::show` does).
    let text = "[[None, 2.2, 3.3],\n [],\n [4.4, 5.5]]\n------------------\nnbytes: 77 B\ntype: 3 * var * ?float64";
    assert_eq!(m.show(), text);
    assert_eq!(format!("{m:?}"), text);
    // A long array is elided as Awkward elides it.
    let long = Array::from_vec((0..100).map(f64::from).collect());
    let masked = long.mask(&long.map(|v| v % 2.0 == 0.0));
    assert_eq!(
        masked.to_string(),
        "[0, None, 2, None, 4, None, 6, None, ..., None, 94, None, 96, None, 98, None]"
    );
}

// ---------------------------------------------------------------------------------------
// JSON of any masked array, and any text

mod json_properties {
    use crate::support::ragged;
    use awkdiff_core::Masked;
    use proptest::prelude::*;

    /// Nested lists of numbers, `null` and other tokens, well formed or not.
    fn text_with_nulls() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            4 => Just("["),
            4 => Just("]"),
            3 => Just(","),
            3 => Just("null"),
            3 => Just("1.5"),
            1 => prop_oneof![Just("\"nan\""), Just("true"), Just("{}"), Just("-"), Just("1e999")],
        ];
        proptest::collection::vec(token, 0..40).prop_map(|t| t.concat())
    }

    proptest! {
        #![proptest_config(crate::support::cases(256))]

        /// Any masked array reads back from its JSON (when some leaf tells its depth).
        #[test]
        fn to_json_reads_back(x in ragged(0..=3, -10.0, 10.0)) {
            let m = x.mask(&x.map(|v| v.fract().abs() > 0.3));
            prop_assume!(!x.content().is_empty());
            let back = Masked::<f64>::from_json(&m.to_json()).unwrap();
            prop_assert_eq!(back, m);
        }

        /// Any text gives a masked array or an error, never a panic; what reads, writes back
        /// the same.
        #[test]
        fn any_text_reads_or_fails_cleanly(text in text_with_nulls()) {
            if let Ok(m) = Masked::<f64>::from_json(&text) {
                let again = Masked::<f64>::from_json(&m.to_json()).unwrap();
                prop_assert_eq!(again.to_json(), m.to_json());
            }
        }
    }
}
