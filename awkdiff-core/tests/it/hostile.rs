//! Hostile input: `from_json` on arbitrary and JSON-like text (deep nesting included),
//! `from_offsets` and `Structure::new` on arbitrary integers, NaN and infinities through the
//! reducers and the elementwise operations, and the documented errors (axes out of range,
//! tangents and cotangents of the wrong structure) with their full messages. Nothing here
//! may panic except the rules given values of the wrong structure, which panic with the
//! `Error::Structure` message.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::support;
use crate::support::{every_axis, raw, Raw};
use awkdiff_core::{array, rules, Array, Error, Structure, MAX_DEPTH};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    support::cases(256)
}

// ---------------------------------------------------------------------------------------
// Expected panics: caught, their message returned, and kept out of the test output.

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// The message of the panic of `f` (`None` if it returns). The default panic hook stays in
/// place for every other panic, so unexpected failures still print.
fn panic_message<R>(f: impl FnOnce() -> R) -> Option<String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                default(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(_) => None,
        Err(payload) => Some(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "<non-string panic>".into()),
        ),
    }
}

// ---------------------------------------------------------------------------------------
// JSON

/// A read array is valid: its buffers satisfy every invariant, and it reads back from its
/// own JSON as the same array.
fn assert_valid_read<T: awkdiff_core::Element>(x: &Array<T>) -> Result<(), TestCaseError> {
    let s = x.structure();
    let levels = s.levels().iter().map(|l| l.to_vec()).collect();
    prop_assert!(Structure::new(levels, s.content_len()).is_ok());
    prop_assert_eq!(x.content().len(), s.content_len());
    let again = Array::<T>::from_json(&x.to_json());
    prop_assert!(again.is_ok(), "{:?}", again);
    Ok(())
}

/// `from_json` for every element type: never a panic, `Error::Json` or a valid array.
fn read_everything(text: &str) -> Result<(), TestCaseError> {
    fn one<T: awkdiff_core::Element>(text: &str) -> Result<(), TestCaseError> {
        match Array::<T>::from_json(text) {
            Ok(x) => assert_valid_read(&x),
            Err(Error::Json { reason }) => {
                prop_assert!(!reason.is_empty());
                Ok(())
            }
            Err(Error::Depth { op, depth }) => {
                prop_assert_eq!(op, "from_json");
                prop_assert_eq!(depth, MAX_DEPTH + 1);
                Ok(())
            }
            Err(other) => Err(TestCaseError::fail(format!("not a JSON error: {other:?}"))),
        }
    }
    one::<f64>(text)?;
    one::<f32>(text)?;
    one::<i64>(text)?;
    one::<bool>(text)
}

/// Text made of JSON tokens and garbage, in any order.
fn json_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => Just("[".to_string()),
        4 => Just("]".to_string()),
        3 => Just(",".to_string()),
        3 => (-1000i64..1000).prop_map(|i| i.to_string()),
        2 => any::<f64>().prop_map(|v| v.to_string()),
        1 => prop_oneof![
            Just("1e999"), Just("-0"), Just("\"nan\""), Just("\"inf\""), Just("\"-inf\""),
            Just("true"), Just("false"), Just("null"), Just("{}"), Just("{\"a\": [1]}"),
            Just("\"x\""), Just(" "), Just("\n"), Just("1.5.2"), Just("--1"), Just("[,]"),
            Just("18446744073709551616"), Just("-9223372036854775809"), Just("\u{0}"),
        ]
        .prop_map(str::to_string),
        1 => "[^\\[\\],0-9]{1,3}",
    ];
    proptest::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
}

/// Well-formed nested lists, possibly of mixed depths, possibly cut short or with one
/// character replaced.
fn nested_lists() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (-100i64..100).prop_map(|i| i.to_string()),
        (-1e3..1e3f64).prop_map(|v| format!("{v:?}")),
        Just("\"nan\"".to_string()),
        Just("true".to_string()),
    ];
    let tree = leaf.prop_recursive(6, 64, 5, |inner| {
        proptest::collection::vec(inner, 0..5).prop_map(|items| format!("[{}]", items.join(",")))
    });
    (tree, any::<prop::sample::Index>(), 0..3usize, any::<char>()).prop_map(|(text, at, how, c)| {
        let cut = at.index(text.len() + 1);
        let cut = (0..=cut)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        match how {
            0 => text,
            1 => text[..cut].to_string(),
            _ => {
                let mut t = text[..cut].to_string();
                t.push(c);
                let rest = &text[cut..];
                let skip = rest.chars().next().map_or(0, char::len_utf8);
                t.push_str(&rest[skip..]);
                t
            }
        }
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn from_json_never_panics_on_any_string(text in any::<String>()) {
        read_everything(&text)?;
    }

    #[test]
    fn from_json_never_panics_on_json_like_text(text in json_like()) {
        read_everything(&text)?;
    }

    #[test]
    fn from_json_never_panics_on_nested_lists(text in nested_lists()) {
        read_everything(&text)?;
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // The walk stops at the first list past MAX_DEPTH, before serde_json's recursion limit
    // (128) and whatever follows: unclosed lists, leaves, garbage.
    let message = "array too deep in `from_json`: 101 nested list dimensions, more than \
                   MAX_DEPTH = 100";
    for text in [
        "[".repeat(10_000),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("{}1{}", "[".repeat(100_000), "]".repeat(3)),
        format!("{}1{}", "[".repeat(128), "]".repeat(128)),
        format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 2),
            "]".repeat(MAX_DEPTH + 2)
        ),
        format!("[[], {}x", "[".repeat(MAX_DEPTH + 1)),
    ] {
        for err in [
            Array::<f64>::from_json(&text).unwrap_err(),
            Array::<bool>::from_json(&text).unwrap_err(),
        ] {
            assert!(matches!(err, Error::Depth { .. }), "{err:?}");
            assert_eq!(err.to_string(), message);
        }
    }
}

#[test]
fn nesting_up_to_the_limit_reads_and_round_trips() {
    // MAX_DEPTH + 1 levels of brackets: MAX_DEPTH `var` dimensions around one number; JSON,
    // Display and the type line all walk it without trouble.
    let levels = MAX_DEPTH + 1;
    let text = format!("{}2.5{}", "[".repeat(levels), "]".repeat(levels));
    let x = Array::<f64>::from_json(&text).unwrap();
    assert_eq!(x.ndim(), MAX_DEPTH + 1);
    assert_eq!(x.structure().depth(), MAX_DEPTH);
    assert_eq!(x.content(), &[2.5]);
    assert_eq!(x.to_json(), text);
    assert_eq!(Array::<f64>::from_json(&x.to_json()).unwrap(), x);
    assert!(x.to_string().contains("2.5"));
    assert_eq!(x.sum(0).ndim(), MAX_DEPTH);
    assert_eq!(x.sum(-1).ndim(), MAX_DEPTH);
    assert_eq!(x.sum_all(), 2.5);
}

/// A nest of `depth` lists of one item around `[1.0, 2.0]`, built with `from_offsets`.
fn nest(depth: usize) -> Array<f64> {
    let mut x = Array::from_vec(vec![1.0, 2.0]);
    for _ in 0..depth {
        x = Array::from_offsets(vec![0, x.len() as i64], x).unwrap();
    }
    x
}

#[test]
fn no_constructor_builds_an_array_deeper_than_max_depth() {
    let depth_error = |op: &str| Error::Depth {
        op: op.into(),
        depth: MAX_DEPTH + 1,
    };
    let x = nest(MAX_DEPTH);
    assert_eq!(x.structure().depth(), MAX_DEPTH);
    let err = Array::from_offsets(vec![0, 1], x.clone()).unwrap_err();
    assert_eq!(err, depth_error("Array::from_offsets"));
    assert_eq!(
        err.to_string(),
        "array too deep in `Array::from_offsets`: 101 nested list dimensions, more than \
         MAX_DEPTH = 100"
    );
    // The structure of the deepest array is fine; one level more is not.
    let levels: Vec<Vec<i64>> = x.structure().levels().iter().map(|l| l.to_vec()).collect();
    assert!(Structure::new(levels.clone(), 2).is_ok());
    let mut deeper = vec![vec![0, 1]];
    deeper.extend(levels);
    assert_eq!(
        Structure::new(deeper, 2).unwrap_err(),
        depth_error("Structure::new")
    );
    let err = Structure::new(vec![vec![0]; 10_000], 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "array too deep in `Structure::new`: 10000 nested list dimensions, more than \
         MAX_DEPTH = 100"
    );
    // Nested literals (what `array!` builds from), however deep: an error, no recursion
    // past the limit.
    use awkdiff_core::build::{from_nested, Nested};
    let literal = |depth: usize| {
        let mut item = Nested::Leaf(1.0);
        for _ in 0..depth {
            item = Nested::List(vec![item]);
        }
        vec![item]
    };
    assert_eq!(
        from_nested(literal(MAX_DEPTH)).unwrap().structure().depth(),
        MAX_DEPTH
    );
    assert_eq!(
        from_nested(literal(MAX_DEPTH + 1)).unwrap_err(),
        depth_error("array!")
    );
}

#[test]
fn the_deepest_array_round_trips_through_json_and_prints_on_a_small_stack() {
    let x = nest(MAX_DEPTH);
    let text = x.to_json();
    assert_eq!(Array::<f64>::from_json(&text).unwrap(), x);
    // Display, show() and to_json on a 2 MiB stack (the default of spawned threads): no
    // overflow at the deepest array there can be.
    let printed = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || (x.to_string(), x.show(), x.to_json()))
        .unwrap()
        .join()
        .unwrap();
    // Awkward elides what does not fit in 80 columns.
    assert_eq!(
        printed.0,
        format!(
            "{}...{}",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        )
    );
    assert!(
        printed.1.contains("\ntype: 1 * var * var * var"),
        "{}",
        printed.1
    );
    assert_eq!(printed.2, text);
}

/// Texts near JSON nested lists: `[[1.5, 2], [], [3]]`-like texts with bytes changed,
/// inserted, deleted, and pieces moved.
fn mutate(rng: &mut impl rand::Rng, text: &str) -> String {
    const PIECES: &[&str] = &[
        "[",
        "]",
        ",",
        "-",
        ".",
        "e",
        "1e39",
        "1e400",
        "-0",
        "\"nan\"",
        "\"inf\"",
        "true",
        "null",
        "{}",
        "\"",
        "9223372036854775808",
        "\u{0}",
        "é",
        " ",
    ];
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..rng.random_range(1..4) {
        let at = rng.random_range(0..=bytes.len());
        match rng.random_range(0..4) {
            0 if at < bytes.len() => bytes[at] = rng.random(),
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            2 => {
                let piece = PIECES[rng.random_range(0..PIECES.len())];
                bytes.splice(at..at, piece.bytes());
            }
            _ => {
                let from = rng.random_range(0..=bytes.len());
                let end = (from + rng.random_range(0..8)).min(bytes.len());
                let copy = bytes[from..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn from_json_never_panics_on_seeded_mutations() {
    use rand::rngs::SmallRng;
    use rand::{Rng, SeedableRng};

    let mut rng = SmallRng::seed_from_u64(184);
    let seeds = [
        "[[1.5, 2, 3], [], [4, 5e-1]]".to_string(),
        "[[[1], [2, 3]], [], [[4, 5]]]".to_string(),
        r#"[["nan", "inf"], ["-inf", -0.0], [true, false]]"#.to_string(),
        "[1, 2, 9223372036854775807, 1e38, 3.4028235e38]".to_string(),
        format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH)),
    ];
    for round in 0..3000 {
        let mut text = seeds[round % seeds.len()].clone();
        // Mutations of mutations, now and then.
        for _ in 0..rng.random_range(1..3) {
            text = mutate(&mut rng, &text);
        }
        let mut result = Ok(());
        if let Some(message) = panic_message(|| result = read_everything(&text)) {
            panic!("round {round}: from_json panicked on {text:?}: {message}");
        }
        if let Err(e) = result {
            panic!("round {round}, text {text:?}: {e}");
        }
    }
}

#[test]
fn hostile_json_errors_have_full_messages() {
    let cases = [
        (
            "[1, 2",
            "invalid JSON array: not valid JSON: EOF while parsing a list at line 1 column 5",
        ),
        (
            "",
            "invalid JSON array: not valid JSON: EOF while parsing a value at line 1 column 0",
        ),
        (
            "[1e999]",
            "invalid JSON array: not valid JSON: number out of range at line 1 column 6",
        ),
    ];
    for (text, message) in cases {
        let err = Array::<f64>::from_json(text).unwrap_err();
        assert!(matches!(err, Error::Json { .. }), "{text}");
        assert_eq!(err.to_string(), message, "{text}");
    }
}

// ---------------------------------------------------------------------------------------
// from_offsets and Structure::new

/// Offsets of every kind: arbitrary, small and unsorted, small and sorted (mostly valid).
fn offsets() -> impl Strategy<Value = Vec<i64>> {
    prop_oneof![
        proptest::collection::vec(any::<i64>(), 0..6),
        proptest::collection::vec(-2..12i64, 0..10),
        proptest::collection::vec(0..12i64, 0..10).prop_map(|mut v| {
            v.sort_unstable();
            v
        }),
        proptest::collection::vec(
            prop_oneof![
                Just(i64::MIN),
                Just(i64::MAX),
                Just(-1i64),
                Just(0i64),
                0..4i64
            ],
            0..6
        ),
    ]
}

/// Whether `from_offsets` must accept `offsets` over `len` items (API.md: at least one
/// entry, starting at 0 or more, never decreasing, ending within the content).
fn acceptable(offsets: &[i64], len: usize) -> bool {
    !offsets.is_empty()
        && offsets[0] >= 0
        && offsets.windows(2).all(|w| w[0] <= w[1])
        && offsets[offsets.len() - 1] <= len as i64
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn from_offsets_on_flat_content_errs_or_is_valid(offsets in offsets(), n in 0..12usize) {
        let values: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let content = Array::from_vec(values.clone());
        match Array::from_offsets(offsets.clone(), content) {
            Ok(x) => {
                prop_assert!(acceptable(&offsets, n));
                let (first, last) = (offsets[0] as usize, offsets[offsets.len() - 1] as usize);
                prop_assert_eq!(x.len(), offsets.len() - 1);
                prop_assert_eq!(x.content(), &values[first..last]);
                let shifted: Vec<i64> = offsets.iter().map(|o| o - offsets[0]).collect();
                prop_assert_eq!(x.offsets(0), &shifted[..]);
                let levels = vec![x.offsets(0).to_vec()];
                prop_assert!(Structure::new(levels, x.content().len()).is_ok());
            }
            Err(err) => {
                prop_assert!(!acceptable(&offsets, n), "rejected {:?}: {}", offsets, err);
                prop_assert!(matches!(err, Error::Offsets { .. }), "{:?}", err);
                prop_assert!(err.to_string().starts_with("invalid offsets: "));
            }
        }
    }

    #[test]
    fn from_offsets_on_ragged_content_errs_or_is_valid(offsets in offsets(), r in raw(0..=2, -1.0, 1.0)) {
        let content = r.build(-1.0, 1.0);
        let n = content.len();
        match Array::from_offsets(offsets.clone(), content.clone()) {
            Ok(x) => {
                prop_assert!(acceptable(&offsets, n));
                let s = x.structure();
                let levels = s.levels().iter().map(|l| l.to_vec()).collect();
                prop_assert!(Structure::new(levels, s.content_len()).is_ok());
                prop_assert_eq!(x.ndim(), content.ndim() + 1);
                prop_assert_eq!(x.len(), offsets.len() - 1);
                // Its leaves are those of the outer items offsets[0]..offsets[last].
                let range = content.structure().content_range(
                    0, offsets[0] as usize, offsets[offsets.len() - 1] as usize);
                prop_assert_eq!(x.content(), &content.content()[range]);
            }
            Err(err) => {
                prop_assert!(!acceptable(&offsets, n));
                prop_assert!(matches!(err, Error::Offsets { .. }), "{:?}", err);
            }
        }
    }

    #[test]
    fn structure_new_errs_or_is_valid(
        levels in proptest::collection::vec(offsets(), 0..4),
        content_len in prop_oneof![0..12usize, any::<usize>()],
    ) {
        match Structure::new(levels.clone(), content_len) {
            Ok(s) => {
                // Every invariant of the module docs holds.
                for (d, o) in levels.iter().enumerate() {
                    let below = levels.get(d + 1).map_or(content_len as i64, |n| n.len() as i64 - 1);
                    prop_assert!(!o.is_empty() && o[0] == 0);
                    prop_assert!(o.windows(2).all(|w| w[0] <= w[1]));
                    prop_assert_eq!(o[o.len() - 1], below);
                }
                prop_assert_eq!(s.depth(), levels.len());
                prop_assert_eq!(s.content_len(), content_len);
            }
            Err(err) => {
                prop_assert!(matches!(err, Error::Offsets { .. }), "{:?}", err);
                prop_assert!(err.to_string().starts_with("invalid offsets: offsets at dimension "));
            }
        }
    }
}

#[test]
fn extreme_offsets_have_full_messages() {
    let content = || Array::from_vec(vec![1.0, 2.0]);
    let cases = [
        (
            vec![i64::MIN, 0],
            "invalid offsets: offsets[0] = -9223372036854775808 is below 0",
        ),
        (
            vec![0, i64::MAX],
            "invalid offsets: offsets[1] = 9223372036854775807 is past the end of the content (length 2)",
        ),
        (
            vec![0, i64::MAX, 1],
            "invalid offsets: offsets[2] = 1 is less than offsets[1] = 9223372036854775807 \
             (offsets must never decrease)",
        ),
        (
            vec![],
            "invalid offsets: offsets are empty (need at least one entry, e.g. [0])",
        ),
    ];
    for (offsets, message) in cases {
        let err = Array::from_offsets(offsets, content()).unwrap_err();
        assert!(matches!(err, Error::Offsets { .. }));
        assert_eq!(err.to_string(), message);
    }
    let err = Structure::new(vec![vec![0, -1]], 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid offsets: offsets at dimension 1: offsets[1] = -1 is less than offsets[0] = 0 \
         (offsets must never decrease)"
    );
    let err = Structure::new(vec![vec![0, 2], vec![0, 1]], usize::MAX).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid offsets: offsets at dimension 1 end at 2, but the level below has 1 items"
    );
    let err = Structure::new(vec![vec![0, i64::MAX]], usize::MAX).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid offsets: offsets at dimension 1 end at {}, but the level below has {} items",
            i64::MAX,
            usize::MAX
        )
    );
    let err =
        Array::from_parts(Structure::new(vec![vec![0, 2]], 2).unwrap(), vec![1.0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "structure mismatch in Array::from_parts: expected 2 leaf values, got 1 leaf values"
    );
}

// ---------------------------------------------------------------------------------------
// NaN and infinities

/// Leaves that are NaN, +inf, -inf, 0 or finite (in `-3..3`), from a raw description
/// whose values are in `0..1`.
fn special(v: f64) -> f64 {
    match v {
        v if v < 0.1 => f64::NAN,
        v if v < 0.2 => f64::INFINITY,
        v if v < 0.3 => f64::NEG_INFINITY,
        v if v < 0.4 => 0.0,
        v => v * 6.0 - 3.0,
    }
}

fn specials() -> impl Strategy<Value = Array<f64>> {
    raw(0..=3, 0.0, 1.0).prop_map(|r: Raw| r.build(0.0, 1.0).map(special))
}

/// Per output slot of `x.sum(axis)`: how many leaves are NaN, +inf, -inf, 0, and all.
struct Counts {
    nan: Vec<f64>,
    pos: Vec<f64>,
    neg: Vec<f64>,
    zero: Vec<f64>,
    all: Vec<f64>,
}

/// Counts computed with `sum` on indicator arrays (finite arithmetic, which the property
/// tests of `sum` cover), so that they line up with any reducer's output at `axis`.
fn counts(x: &Array<f64>, axis: isize) -> Counts {
    let count = |p: fn(f64) -> bool| {
        x.map(|v| if p(v) { 1.0 } else { 0.0 })
            .sum(axis)
            .content()
            .to_vec()
    };
    Counts {
        nan: count(f64::is_nan),
        pos: count(|v| v == f64::INFINITY),
        neg: count(|v| v == f64::NEG_INFINITY),
        zero: count(|v| v == 0.0),
        all: count(|_| true),
    }
}

/// `what` describes the value IEEE arithmetic gives: "nan", "+inf", "-inf", "inf" (either
/// sign) or "finite".
fn is_kind(v: f64, what: &str) -> bool {
    match what {
        "nan" => v.is_nan(),
        "+inf" => v == f64::INFINITY,
        "-inf" => v == f64::NEG_INFINITY,
        "inf" => v.is_infinite(),
        _ => v.is_finite(),
    }
}

fn expect_kinds(
    name: &str,
    axis: isize,
    x: &Array<f64>,
    y: &Array<f64>,
    kind: impl Fn(usize) -> &'static str,
) -> Result<(), TestCaseError> {
    for (i, &v) in y.content().iter().enumerate() {
        let k = kind(i);
        prop_assert!(
            is_kind(v, k),
            "{}({}) of {:?}: slot {} is {}, expected {}",
            name,
            axis,
            x,
            i,
            v,
            k
        );
    }
    Ok(())
}

/// The kind of a sum (or mean, with `empty_is_nan`) of leaves with these counts.
fn sum_kind(c: &Counts, i: usize, empty_is_nan: bool) -> &'static str {
    if c.nan[i] > 0.0 || (c.pos[i] > 0.0 && c.neg[i] > 0.0) || (empty_is_nan && c.all[i] == 0.0) {
        "nan"
    } else if c.pos[i] > 0.0 {
        "+inf"
    } else if c.neg[i] > 0.0 {
        "-inf"
    } else {
        "finite"
    }
}

/// The kind of a max (`sign` 1) or min (`sign` -1): Awkward's list kernels skip NaN; a flat
/// array at axis 0 lets NaN win (as NumPy).
fn extreme_kind(c: &Counts, i: usize, sign: f64, nan_wins: bool) -> &'static str {
    let toward = if sign > 0.0 { &c.pos } else { &c.neg };
    let finite = c.all[i] - c.nan[i] - c.pos[i] - c.neg[i];
    if nan_wins && c.nan[i] > 0.0 {
        "nan"
    } else if toward[i] > 0.0 {
        if sign > 0.0 {
            "+inf"
        } else {
            "-inf"
        }
    } else if finite > 0.0 {
        "finite"
    } else {
        // Only leaves at the far infinity, or none: both give that infinity (the identity).
        if sign > 0.0 {
            "-inf"
        } else {
            "+inf"
        }
    }
}

proptest! {
    #![proptest_config(support::cases(128))]

    #[test]
    fn reducers_propagate_nan_and_infinities_as_ieee_says(x in specials()) {
        for axis in every_axis(&x) {
            let c = counts(&x, axis);
            expect_kinds("sum", axis, &x, &x.sum(axis), |i| sum_kind(&c, i, false))?;
            expect_kinds("mean", axis, &x, &x.mean(axis), |i| sum_kind(&c, i, true))?;
            expect_kinds("prod", axis, &x, &x.prod(axis), |i| {
                if c.nan[i] > 0.0 || ((c.pos[i] + c.neg[i]) > 0.0 && c.zero[i] > 0.0) {
                    "nan"
                } else if c.pos[i] + c.neg[i] > 0.0 {
                    "inf"
                } else {
                    "finite"
                }
            })?;
            let flat = x.ndim() == 1;
            expect_kinds("max", axis, &x, &x.max(axis), |i| extreme_kind(&c, i, 1.0, flat))?;
            expect_kinds("min", axis, &x, &x.min(axis), |i| extreme_kind(&c, i, -1.0, flat))?;
            // The integer reducers see NaN and infinities as ordinary leaves.
            let n: Vec<f64> = x.count(axis).content().iter().map(|&n| n as f64).collect();
            prop_assert_eq!(n, c.all.clone());
            let positions = x.argmax(axis);
            prop_assert_eq!(positions.len(), x.sum(axis).len());
            let _ = x.argmin(axis);
            // The derivative rules run on them (the values they give are IEEE's business).
            let t = x.map(|_| 1.0);
            for (primal, jvp, vjp) in [
                (Array::sum as Reducer, rules::sum_jvp as Rule, rules::sum_vjp as Rule),
                (Array::prod, rules::prod_jvp, rules::prod_vjp),
                (Array::mean, rules::mean_jvp, rules::mean_vjp),
                (Array::max, rules::max_jvp, rules::max_vjp),
                (Array::min, rules::min_jvp, rules::min_vjp),
            ] {
                let y = primal(&x, axis);
                prop_assert!(jvp(&x, &y, axis, &t).structure().same_as(y.structure()));
                prop_assert!(vjp(&x, &y, axis, &y.map(|_| 1.0)).structure().same_as(x.structure()));
            }
        }
        let c = counts(&Array::from_vec(x.content().to_vec()), 0);
        expect_kinds("sum_all", 0, &x, &Array::from_vec(vec![x.sum_all()]), |_| sum_kind(&c, 0, false))?;
        expect_kinds("mean_all", 0, &x, &Array::from_vec(vec![x.mean_all()]), |_| sum_kind(&c, 0, true))?;
        expect_kinds("max_all", 0, &x, &Array::from_vec(vec![x.max_all()]), |_| extreme_kind(&c, 0, 1.0, true))?;
        expect_kinds("min_all", 0, &x, &Array::from_vec(vec![x.min_all()]), |_| extreme_kind(&c, 0, -1.0, true))?;
    }
}

/// Leaf `i` of `y` is `expected(i)` when that is infinite, NaN or zero (with its sign),
/// else within 3 ulp of it.
fn near_leaves(
    what: &str,
    y: &Array<f64>,
    expected: impl Fn(usize) -> f64,
) -> Result<(), TestCaseError> {
    for (i, &v) in y.content().iter().enumerate() {
        let e = expected(i);
        let exact = v.to_bits() == e.to_bits() || (v.is_nan() && e.is_nan());
        let near = e.is_finite()
            && e != 0.0
            && v.is_finite()
            && v.signum() == e.signum()
            && v.to_bits().abs_diff(e.to_bits()) <= 3;
        prop_assert!(
            exact || near,
            "{}: leaf {} is {:e}, expected {:e}",
            what,
            i,
            v,
            e
        );
    }
    Ok(())
}

/// Leaf `i` of `y` is `expected(i)`, NaN matching NaN.
fn same_leaves(
    what: &str,
    y: &Array<f64>,
    expected: impl Fn(usize) -> f64,
) -> Result<(), TestCaseError> {
    for (i, &v) in y.content().iter().enumerate() {
        let e = expected(i);
        prop_assert!(
            v == e || (v.is_nan() && e.is_nan()),
            "{}: leaf {} is {}, expected {}",
            what,
            i,
            v,
            e
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(support::cases(128))]

    #[test]
    fn elementwise_operations_propagate_nan_and_infinities_as_ieee_says(
        x in specials(),
        s in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(0.0), -3.0..3.0f64],
    ) {
        let v = x.content();
        let unary: [UnaryCase; 5] = [
            ("log10", Array::log10, f64::log10), ("tan", Array::tan, f64::tan),
            ("sqrt", Array::sqrt, f64::sqrt), ("abs", Array::abs, f64::abs),
            ("recip", Array::recip, f64::recip),
        ];
        for (name, method, f) in unary {
            same_leaves(name, &method(&x), |i| f(v[i]))?;
        }
        // awkdiff's own polynomials (`awkdiff_core::math`): libm's special values exactly,
        // finite values within 3 ulp.
        let polynomial: [UnaryCase; 5] = [
            ("exp", Array::exp, f64::exp), ("ln", Array::ln, f64::ln),
            ("sin", Array::sin, f64::sin), ("cos", Array::cos, f64::cos),
            ("tanh", Array::tanh, f64::tanh),
        ];
        for (name, method, f) in polynomial {
            near_leaves(name, &method(&x), |i| f(v[i]))?;
        }
        same_leaves("neg", &-&x, |i| -v[i])?;
        same_leaves("powi", &x.powi(3), |i| v[i].powi(3))?;
        same_leaves("powf", &x.powf(s), |i| v[i].powf(s))?;
        // Array with array (its own reverse, so that specials meet everything) and with a
        // special scalar on either side.
        let w = x.with_content(v.iter().rev().copied().collect());
        let u = w.content();
        let binary: [BinaryCase; 5] = [
            ("add", |a, b| a + b), ("sub", |a, b| a - b), ("mul", |a, b| a * b),
            ("div", |a, b| a / b), ("pow", f64::powf),
        ];
        for (name, f) in binary {
            let (xw, xs, sx) = match name {
                "add" => (&x + &w, &x + s, s + &x),
                "sub" => (&x - &w, &x - s, s - &x),
                "mul" => (&x * &w, &x * s, s * &x),
                "div" => (&x / &w, &x / s, s / &x),
                _ => (x.pow(&w), x.powf(s), Array::from_vec(vec![s]).pow(&Array::from_vec(vec![s]))),
            };
            same_leaves(name, &xw, |i| f(v[i], u[i]))?;
            same_leaves(name, &xs, |i| f(v[i], s))?;
            if name != "pow" {
                same_leaves(name, &sx, |i| f(s, v[i]))?;
            }
        }
        // maximum and minimum let NaN win on either side (NumPy).
        for (name, y, pick) in [
            ("maximum", x.maximum(&w), f64::max as fn(f64, f64) -> f64),
            ("minimum", x.minimum(&w), f64::min),
        ] {
            same_leaves(name, &y, |i| if v[i].is_nan() || u[i].is_nan() { f64::NAN } else { pick(v[i], u[i]) })?;
        }
        // Comparisons are false with NaN, except `ne_elem`.
        let gt = x.gt(&w);
        let ne = x.ne_elem(&w);
        for i in 0..v.len() {
            prop_assert_eq!(gt.content()[i], v[i] > u[i]);
            prop_assert_eq!(ne.content()[i], v[i] != u[i]);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Documented errors: axes out of range, values of the wrong structure.

type TryReducer = fn(&Array<f64>, isize) -> Result<Array<f64>, Error>;
type Reducer = fn(&Array<f64>, isize) -> Array<f64>;
type Rule = fn(&Array<f64>, &Array<f64>, isize, &Array<f64>) -> Array<f64>;
type AllJvp = fn(&Array<f64>, &f64, &Array<f64>) -> f64;
type Unary = fn(&Array<f64>) -> Array<f64>;
type UnaryCase = (&'static str, Unary, fn(f64) -> f64);
type BinaryCase = (&'static str, fn(f64, f64) -> f64);
type AllCase = (&'static str, fn(&Array<f64>) -> f64, AllJvp);

proptest! {
    #![proptest_config(config())]

    #[test]
    fn axes_out_of_range_are_axis_errors(
        r in raw(0..=3, -1.0, 1.0),
        axis in prop_oneof![any::<isize>(), -8..8isize, Just(isize::MIN), Just(isize::MAX)],
    ) {
        let x = r.build(-1.0, 1.0);
        let ndim = x.ndim() as isize;
        prop_assume!(!(-ndim..ndim).contains(&axis));
        let message = format!(
            "axis {axis} is out of range for an array of type {} ({} dimensions)",
            x.type_str(),
            x.ndim()
        );
        let reducers: [(&str, TryReducer); 5] = [
            ("sum", Array::try_sum), ("prod", Array::try_prod), ("mean", Array::try_mean),
            ("max", Array::try_max), ("min", Array::try_min),
        ];
        for (name, reducer) in reducers {
            let err = reducer(&x, axis).unwrap_err();
            prop_assert!(matches!(err, Error::Axis { axis: a, ndim: n, .. } if a == axis && n == x.ndim()), "{}", name);
            prop_assert_eq!(err.to_string(), message.clone());
        }
        prop_assert_eq!(x.try_count(axis).unwrap_err().to_string(), message.clone());
        prop_assert_eq!(x.try_argmax(axis).unwrap_err().to_string(), message.clone());
        prop_assert_eq!(x.try_argmin(axis).unwrap_err().to_string(), message.clone());
        // The panicking forms and the rules panic with the same message.
        prop_assert_eq!(panic_message(|| x.sum(axis)), Some(message.clone()));
        prop_assert_eq!(panic_message(|| x.max(axis)), Some(message.clone()));
        let y = x.sum(0);
        prop_assert_eq!(panic_message(|| rules::sum_jvp(&x, &y, axis, &x)), Some(message.clone()));
        prop_assert_eq!(panic_message(|| rules::prod_vjp(&x, &y, axis, &y)), Some(message.clone()));
    }

    /// A tangent or cotangent of another structure makes every reducer rule panic with the
    /// `Error::Structure` message naming the rule, both types and the first difference.
    #[test]
    fn reducer_rules_reject_values_of_another_structure(
        a in raw(0..=3, -1.0, 1.0),
        b in raw(0..=3, -1.0, 1.0),
        pick in any::<prop::sample::Index>(),
    ) {
        let (x, other) = (a.build(-1.0, 1.0), b.build(-1.0, 1.0));
        prop_assume!(!x.structure().same_as(other.structure()));
        let axes = every_axis(&x);
        let axis = axes[pick.index(axes.len())];
        let mismatch = |context: &str, expected: &Array<f64>, found: &Array<f64>| {
            let difference = expected.structure().first_difference(found.structure());
            Error::Structure {
                context: context.to_string(),
                expected: expected.type_str(),
                found: found.type_str(),
                detail: if difference.is_empty() { String::new() } else { format!(": {difference}") },
            }
            .to_string()
        };
        let reducers: [(&str, Reducer, Rule, Rule); 5] = [
            ("sum", Array::sum, rules::sum_jvp, rules::sum_vjp),
            ("prod", Array::prod, rules::prod_jvp, rules::prod_vjp),
            ("mean", Array::mean, rules::mean_jvp, rules::mean_vjp),
            ("max", Array::max, rules::max_jvp, rules::max_vjp),
            ("min", Array::min, rules::min_jvp, rules::min_vjp),
        ];
        for (name, primal, jvp, vjp) in reducers {
            let y = primal(&x, axis);
            let tangent = panic_message(|| jvp(&x, &y, axis, &other));
            let expected = mismatch(&format!("tangent of `{name}`'s input"), &x, &other);
            prop_assert_eq!(tangent, Some(expected));
            if !y.structure().same_as(other.structure()) {
                let cotangent = panic_message(|| vjp(&x, &y, axis, &other));
                let expected = mismatch(&format!("cotangent of `{name}`'s output"), &y, &other);
                prop_assert_eq!(cotangent, Some(expected));
            }
        }
        let all: [AllCase; 5] = [
            ("sum_all", Array::sum_all, rules::sum_all_jvp),
            ("prod_all", Array::prod_all, rules::prod_all_jvp),
            ("mean_all", Array::mean_all, rules::mean_all_jvp),
            ("max_all", Array::max_all, rules::max_all_jvp),
            ("min_all", Array::min_all, rules::min_all_jvp),
        ];
        for (name, primal, jvp) in all {
            let y = primal(&x);
            let expected = mismatch(&format!("tangent of `{name}`'s input"), &x, &other);
            prop_assert_eq!(panic_message(|| jvp(&x, &y, &other)), Some(expected));
        }
    }
}

#[test]
fn wrong_structure_messages_in_full() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let y = x.sum(1);
    assert_eq!(
        panic_message(|| rules::mean_jvp(&x, &y, 1, &array![[1.0, 2.0], [3.0], [4.0, 5.0]])),
        Some(
            "structure mismatch in tangent of `mean`'s input: expected 3 * var * float64, \
             got 3 * var * float64: list 0 at dimension 1 has length 3 against 2"
                .into()
        )
    );
    assert_eq!(
        panic_message(|| rules::max_vjp(&x, &y, 1, &array![1.0, 2.0])),
        Some(
            "structure mismatch in cotangent of `max`'s output: expected 3 * float64, \
             got 2 * float64: lengths 3 and 2 differ"
                .into()
        )
    );
    assert_eq!(
        panic_message(|| rules::prod_all_jvp(&x, &x.prod_all(), &array![[[1.0]]])),
        Some(
            "structure mismatch in tangent of `prod_all`'s input: expected 3 * var * float64, \
             got 1 * var * var * float64: 2 dimensions against 3 dimensions"
                .into()
        )
    );
    // Binary rules: an operand or cotangent that does not broadcast to the result.
    assert_eq!(
        panic_message(|| rules::add_jvp_lhs(&x, &x, &x, &array![[1.0], [2.0]])),
        Some(
            "structure mismatch in tangent of `add`'s left operand: expected 3 * var * float64, \
             got 2 * var * float64: lengths 3 and 2 differ"
                .into()
        )
    );
    assert_eq!(
        panic_message(|| rules::sub_vjp_rhs(&x, &x, &x, &array![1.0, 2.0, 3.0])),
        Some(
            "structure mismatch in cotangent of `sub`'s output: expected 3 * var * float64, \
             got 3 * float64: 2 dimensions against 1 dimensions"
                .into()
        )
    );
}

/// The message the unary rules should give, in the form the reducer rules use: the rule's
/// name, the value's type as expected, the tangent's as found, and the first difference
/// seen from the value.
#[test]
fn unary_rules_name_the_rule_and_the_tangent() {
    let x = array![[1.0, 2.0], []];
    let dx = array![[1.0], [2.0]];
    assert_eq!(
        panic_message(|| rules::exp_jvp(&x, &x.exp(), &dx)),
        Some(
            "structure mismatch in tangent of `exp`'s input: expected 2 * var * float64, \
             got 2 * var * float64: list 0 at dimension 1 has length 2 against 1"
                .into()
        )
    );
    assert_eq!(
        panic_message(|| rules::powi_vjp(&x, &x.powi(2), 2, &array![1.0, 2.0])),
        Some(
            "structure mismatch in cotangent of `powi`'s output: expected 2 * var * float64, \
             got 2 * float64: 2 dimensions against 1 dimensions"
                .into()
        )
    );
}

/// A cotangent of the wrong structure given to the VJP of a binary rule whose other operand
/// is a scalar is blamed on the (correct) array operand, with the types swapped.
#[test]
fn binary_rules_blame_the_cotangent() {
    let x = array![[1.0, 2.0], []];
    let message =
        panic_message(|| rules::mul_vjp_rhs(&x, &2.0, &(&x * 2.0), &array![[1.0], [2.0]]));
    assert_eq!(
        message,
        Some(
            "structure mismatch in cotangent of `mul`'s output: expected 2 * var * float64, \
             got 2 * var * float64: list 0 at dimension 1 has length 2 against 1"
                .into()
        )
    );
}

/// Whether `a` and `b` broadcast by API.md's rules: the same structure, or the one of
/// lower depth has the outer levels of the other.
fn broadcasts(a: &Array<f64>, b: &Array<f64>) -> bool {
    let (low, high) = if a.ndim() <= b.ndim() { (a, b) } else { (b, a) };
    let d = low.ndim() - 1;
    let (ls, hs) = (low.structure(), high.structure());
    ls.levels()
        .iter()
        .zip(hs.levels())
        .all(|(l, h)| l[..] == h[..])
        && ls.content_len() == hs.level_len(d)
}

proptest! {
    #![proptest_config(config())]

    /// Arrays that do not broadcast give `Error::Broadcast` naming the operation and both
    /// types (the operators panic with it); arrays that do give a result of the deeper
    /// structure.
    #[test]
    fn incompatible_operands_are_broadcast_errors(
        ra in raw(0..=3, -1.0, 1.0),
        rb in raw(0..=3, -1.0, 1.0),
        outer in any::<prop::sample::Index>(),
        related in any::<bool>(),
    ) {
        let b = rb.build(-1.0, 1.0);
        let a = if related {
            support::outer_like(&b, outer.index(b.ndim()), -1.0, 1.0, 1)
        } else {
            ra.build(-1.0, 1.0)
        };
        for (x, y) in [(&a, &b), (&b, &a)] {
            let prefix = |op: &str| format!("cannot broadcast in `{op}`: {} and {}: ", x.type_str(), y.type_str());
            let results = [
                ("add", x.try_add(y)), ("sub", x.try_sub(y)), ("mul", x.try_mul(y)),
                ("div", x.try_div(y)), ("pow", x.try_pow(y)), ("maximum", x.try_maximum(y)),
                ("minimum", x.try_minimum(y)),
            ];
            for (op, result) in results {
                match result {
                    Ok(z) => {
                        prop_assert!(broadcasts(x, y), "{} accepted {:?} and {:?}", op, x, y);
                        let deeper = if x.ndim() >= y.ndim() { x } else { y };
                        prop_assert!(z.structure().same_as(deeper.structure()));
                    }
                    Err(err) => {
                        prop_assert!(!broadcasts(x, y), "{} rejected {:?} and {:?}: {}", op, x, y, err);
                        prop_assert!(matches!(err, Error::Broadcast { .. }), "{:?}", err);
                        prop_assert!(err.to_string().starts_with(&prefix(op)), "{}", err);
                        if op == "add" {
                            prop_assert_eq!(panic_message(|| x + y), Some(err.to_string()));
                        }
                    }
                }
            }
            match x.try_gt(y) {
                Ok(_) => prop_assert!(broadcasts(x, y)),
                Err(err) => prop_assert!(err.to_string().starts_with(&prefix("gt")), "{}", err),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Slicing: arbitrary entries and indices, masks of the wrong structure.

/// Any slice entry, extreme values and zero steps included.
fn any_entry() -> impl Strategy<Value = awkdiff_core::SliceEntry> {
    use awkdiff_core::SliceEntry;
    let int = prop_oneof![
        3 => -8..8isize,
        1 => any::<isize>(),
        1 => prop_oneof![Just(isize::MIN), Just(isize::MAX), Just(isize::MIN + 1)],
    ];
    prop_oneof![
        (
            proptest::option::of(int.clone()),
            proptest::option::of(int.clone()),
            int.clone()
        )
            .prop_map(|(start, end, step)| SliceEntry::Range { start, end, step }),
        int.prop_map(SliceEntry::Index),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_slice_errs_or_is_valid(
        r in raw(0..=3, -1.0, 1.0),
        entries in proptest::collection::vec(any_entry(), 0..6),
    ) {
        let x = r.build(-1.0, 1.0);
        let s = awkdiff_core::Slice::new(entries);
        match x.try_slice(&s) {
            Ok(y) => {
                let st = y.structure();
                let levels = st.levels().iter().map(|l| l.to_vec()).collect();
                prop_assert!(Structure::new(levels, st.content_len()).is_ok());
                prop_assert!(y.ndim() <= x.ndim());
                // Its tangent is the same slice, its cotangent lands in x's structure.
                let back = rules::slice_vjp(&x, &y, &s, &y);
                prop_assert!(back.structure().same_as(x.structure()));
            }
            Err(err) => prop_assert!(
                matches!(err, Error::Index { .. } | Error::Invalid { .. } | Error::Axis { .. }),
                "{:?}", err
            ),
        }
    }

    #[test]
    fn take_with_any_index_errs_or_is_valid(
        r in raw(0..=3, -1.0, 1.0),
        indices in proptest::collection::vec(prop_oneof![-60..60i64, any::<i64>()], 0..8),
    ) {
        let x = r.build(-1.0, 1.0);
        let n = x.len() as i64;
        let bad = indices.iter().find(|&&i| !(-n..n).contains(&i));
        match (x.try_take(&indices), bad) {
            (Ok(y), None) => prop_assert_eq!(y.len(), indices.len()),
            (Err(err), Some(&i)) => prop_assert_eq!(
                err.to_string(),
                format!("index {i} is out of range of the outermost dimension (length {n})")
            ),
            (result, bad) => prop_assert!(false, "take {:?} of length {}: {:?} (bad index {:?})", indices, n, result, bad),
        }
    }

    #[test]
    fn masks_of_another_structure_are_structure_errors(
        a in raw(0..=3, -1.0, 1.0),
        b in raw(0..=3, 0.0, 1.0),
    ) {
        let x = a.build(-1.0, 1.0);
        let mask = b.build(0.0, 1.0).map(|v| v < 0.5);
        // The mask must have the structure of x's outer levels for its depth.
        let d = mask.ndim() - 1;
        let fits = d < x.ndim()
            && mask.structure().levels().iter().zip(x.structure().levels()).all(|(m, l)| m[..] == l[..])
            && mask.structure().content_len() == x.structure().level_len(d);
        match x.try_filter(&mask) {
            Ok(_) => prop_assert!(fits),
            Err(err) => {
                prop_assert!(!fits);
                prop_assert!(matches!(err, Error::Structure { .. }), "{:?}", err);
                prop_assert!(err.to_string().starts_with("structure mismatch in filter mask: expected "), "{}", err);
                prop_assert!(err.to_string().contains(&format!(", got {}", mask.type_str())), "{}", err);
            }
        }
    }
}

#[test]
fn slicing_errors_in_full() {
    use awkdiff_core::s;
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let cases = [
        (
            x.try_slice(s![..;0]).unwrap_err(),
            "invalid argument to `slice`: the step of dimension 0 is 0 (a slice step cannot be zero)",
        ),
        (
            x.try_slice(s![.., .., ..]).unwrap_err(),
            "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)",
        ),
        (
            x.try_slice(s![0, 1]).unwrap_err(),
            "invalid argument to `slice`: an integer index on each of the 2 dimensions of \
             3 * var * float64 selects a single value, not an array: read it with `item(&[0, 1])` \
             (differentiable)",
        ),
        (
            x.try_slice(s![.., 0]).unwrap_err(),
            "index 0 is out of range in list [1] (length 0)",
        ),
        (
            array![[[1.0], []], [[2.0, 3.0]]]
                .try_slice(s![.., .., 1])
                .unwrap_err(),
            "index 1 is out of range in list [0][0] (length 1)",
        ),
        (
            Array::from_vec(vec![1.0]).try_flatten().unwrap_err(),
            "axis 1 is out of range for an array of type 1 * float64 (1 dimensions)",
        ),
        (
            x.try_filter(&array![[true], [], [false, true]])
                .unwrap_err(),
            "structure mismatch in filter mask: expected 3 * var * bool, got 3 * var * bool: \
             list 0 at dimension 1 has length 3 against 1",
        ),
        (
            x.try_take(&[i64::MIN]).unwrap_err(),
            "index -9223372036854775808 is out of range of the outermost dimension (length 3)",
        ),
        (
            x.try_at(-4).unwrap_err(),
            "index -4 is out of range of the outermost dimension (length 3)",
        ),
    ];
    for (err, message) in cases {
        assert_eq!(err.to_string(), message);
    }
    // Extreme steps clip as in NumPy (x[5::-huge] takes the last element of each list).
    assert_eq!(x.slice(s![.., 5..;isize::MIN]), array![[3.0], [], [5.0]]);
    // The rules reject tangents and cotangents of another structure.
    let y = x.take(&[2i64, 2]);
    assert_eq!(
        panic_message(|| rules::take_vjp(&x, &y, &[2, 2], &array![[1.0, 2.0]])),
        Some(
            "structure mismatch in cotangent of `take`: expected 2 * var * float64, \
             got 1 * var * float64: lengths 2 and 1 differ"
                .into()
        )
    );
    let m = array![[true, false, true], [], [false, true]];
    assert_eq!(
        panic_message(|| rules::filter_jvp(&x, &x.filter(&m), &m, &array![[1.0], [], [2.0]])),
        Some(
            "structure mismatch in tangent of `filter`: expected 3 * var * float64, \
             got 3 * var * float64: list 0 at dimension 1 has length 3 against 1"
                .into()
        )
    );
    assert_eq!(
        panic_message(|| rules::filter_vjp(
            &x,
            &x.filter(&m),
            &array![[true], [], [true, true]],
            &x.filter(&m)
        )),
        Some(
            "structure mismatch in filter mask: expected 3 * var * bool, got 3 * var * bool: \
             list 0 at dimension 1 has length 3 against 1"
                .into()
        )
    );
}
