//! Property tests of the slicing rules (`slice` with every kind of entry, `at`, `take`,
//! `filter` with masks at every depth, `flatten`) on random ragged arrays of depth 0 to 3
//! with empty lists at every level and outer lengths 0 to 50: JVP against central
//! differences, `<ct, J t> == <J^T ct, t>`, linearity of the JVP in the tangent and of the
//! VJP in the cotangent, and the scatter of the VJP (every leaf gets the sum of the
//! cotangents of its copies). Slices that do not apply (an index past the end of a list)
//! must fail with their documented error instead.

use crate::support;
use crate::support::{properties, ragged};
use awkdiff_core::{rules, Array, Error, Slice, SliceEntry};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    support::cases(64)
}

fn coefficients() -> impl Strategy<Value = (f64, f64, u64)> {
    (-3.0..3.0f64, -3.0..3.0f64, any::<u64>())
}

/// One slice entry: a range with optional bounds (negative, past the end) and a non-zero
/// step of either sign, or an integer index (negative counts from the end).
fn entry() -> impl Strategy<Value = SliceEntry> {
    let bound = proptest::option::of(-7..7isize);
    prop_oneof![
        3 => (bound.clone(), bound, prop_oneof![1..=3isize, -3..=-1isize])
            .prop_map(|(start, end, step)| SliceEntry::Range { start, end, step }),
        1 => (-4..4isize).prop_map(SliceEntry::Index),
    ]
}

/// A slice of one to four entries (entries past the array's dimensions are dropped).
fn slice() -> impl Strategy<Value = Vec<SliceEntry>> {
    proptest::collection::vec(entry(), 1..=4)
}

/// The documented errors of a slice that does not apply: an index past the end of a list
/// (`Index`) or an index on every dimension (`Invalid`).
fn documented(err: &Error) -> bool {
    matches!(err, Error::Index { .. } | Error::Invalid { .. })
}

/// The leaves of `ct` added back by `vjp` are all of them: the VJP of a gather preserves
/// the total (every output leaf is a copy of exactly one input leaf).
fn keeps_the_total(ct: &Array<f64>, back: &Array<f64>) -> Result<(), TestCaseError> {
    let (a, b) = (ct.sum_all(), back.sum_all());
    prop_assert!(
        (a - b).abs() <= 1e-9 * (1.0 + a.abs()),
        "{} against {}",
        a,
        b
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn slice_rules_hold(x in ragged(0..=3, -2.0, 2.0), entries in slice(), k in coefficients()) {
        let entries: Vec<SliceEntry> = entries.into_iter().take(x.ndim()).collect();
        let s = Slice::new(entries);
        match x.try_slice(&s) {
            Ok(y) => {
                let what = format!("slice {s:?}");
                properties(
                    &what,
                    |x: &Array<f64>| x.slice(&s),
                    |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| rules::slice_jvp(x, y, &s, t),
                    |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| rules::slice_vjp(x, y, &s, c),
                    &x,
                    k,
                )?;
                let ct = y.map(|v| v + 0.5);
                keeps_the_total(&ct, &rules::slice_vjp(&x, &y, &s, &ct))?;
            }
            Err(err) => prop_assert!(documented(&err), "{:?} on {:?}: {}", s, x, err),
        }
    }

    #[test]
    fn at_rules_hold(x in ragged(1..=3, -2.0, 2.0), i in -55..55isize, k in coefficients()) {
        match x.try_at(i) {
            Ok(y) => {
                prop_assert_eq!(&y, &x.slice(Slice::new(vec![SliceEntry::Index(i)])));
                properties(
                    &format!("at({i})"),
                    |x: &Array<f64>| x.at(i),
                    |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| rules::at_jvp(x, y, i, t),
                    |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| rules::at_vjp(x, y, i, c),
                    &x,
                    k,
                )?;
            }
            Err(err) => {
                let len = x.len() as isize;
                prop_assert!(i >= len || i < -len, "at({}) of length {}: {}", i, len, err);
                prop_assert_eq!(
                    err.to_string(),
                    format!("index {i} is out of range of the outermost dimension (length {len})")
                );
            }
        }
    }

    #[test]
    fn take_rules_hold(
        x in ragged(0..=3, -2.0, 2.0),
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..12),
        negative in any::<bool>(),
        k in coefficients(),
    ) {
        prop_assume!(!x.is_empty() || picks.is_empty());
        let n = x.len();
        // Indices with repeats, counted from the start or from the end.
        let indices: Vec<i64> = picks
            .iter()
            .map(|p| {
                let i = p.index(n) as i64;
                if negative { i - n as i64 } else { i }
            })
            .collect();
        let y = x.take(&indices);
        prop_assert_eq!(y.len(), indices.len());
        properties(
            "take",
            |x: &Array<f64>| x.take(&indices),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| rules::take_jvp(x, y, &indices, t),
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| rules::take_vjp(x, y, &indices, c),
            &x,
            k,
        )?;
        let ct = y.map(|v| v + 0.5);
        keeps_the_total(&ct, &rules::take_vjp(&x, &y, &indices, &ct))?;
    }

    #[test]
    fn filter_rules_hold(
        x in ragged(0..=3, -2.0, 2.0),
        depth in any::<prop::sample::Index>(),
        seed in any::<u64>(),
        k in coefficients(),
    ) {
        // A mask on the outer `d` levels (the whole structure or the outer length included).
        let d = depth.index(x.ndim());
        let mask = support::outer_like(&x, d, 0.0, 1.0, seed).map(|v| v < 0.6);
        let y = x.filter(&mask);
        let kept = mask.content().iter().filter(|&&m| m).count();
        prop_assert_eq!(y.structure().level_len(d), kept);
        properties(
            &format!("filter with a mask of depth {d}"),
            |x: &Array<f64>| x.filter(&mask),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| rules::filter_jvp(x, y, &mask, t),
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| rules::filter_vjp(x, y, &mask, c),
            &x,
            k,
        )?;
        let ct = y.map(|v| v + 0.5);
        keeps_the_total(&ct, &rules::filter_vjp(&x, &y, &mask, &ct))?;
    }

    #[test]
    fn flatten_rules_hold(x in ragged(1..=3, -2.0, 2.0), k in coefficients()) {
        let y = x.flatten();
        prop_assert_eq!(y.ndim(), x.ndim() - 1);
        prop_assert_eq!(y.content(), x.content());
        properties(
            "flatten",
            |x: &Array<f64>| x.flatten(),
            rules::flatten_jvp,
            rules::flatten_vjp,
            &x,
            k,
        )?;
    }
}

/// The slice strategy mostly gives slices that apply, at every depth and with several
/// entries, so the properties above are not vacuous.
#[test]
fn most_generated_slices_apply() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut ok, mut ok_deep) = (0, 0);
    for _ in 0..400 {
        let x = ragged(0..=3, -1.0, 1.0)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let entries = slice().new_tree(&mut runner).unwrap().current();
        let entries: Vec<SliceEntry> = entries.into_iter().take(x.ndim()).collect();
        let several = entries.len() >= 2;
        if x.try_slice(Slice::new(entries)).is_ok() {
            ok += 1;
            ok_deep += usize::from(several);
        }
    }
    assert!(ok > 150, "only {ok} of 400 slices apply");
    assert!(
        ok_deep > 40,
        "only {ok_deep} slices with several entries apply"
    );
}
