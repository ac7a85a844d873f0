//! Slices are lazy: `x.slice(s)` keeps `x`'s values and the gather, a fused chain reads the
//! slice's runs in place, anything else gathers the values once, and the slice's JVP and VJP
//! rules reuse the primal's gather. Every check here compares with the same computation on
//! a gathered copy (bitwise: the arithmetic is the same), on random ragged arrays at
//! depths 1 to 4 with empty lists, for every kind of slice.

use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::rules::{self, scalar};
use awkdiff_core::{array, s, Array, Slice};

/// A copy of `x` whose values are one plain buffer (reading `content` gathers a slice).
fn gathered(x: &Array<f64>) -> Array<f64> {
    Array::from_parts(x.structure().clone(), x.content().to_vec()).unwrap()
}

fn bits(x: &Array<f64>) -> (String, Vec<u64>) {
    (
        x.type_str(),
        x.content().iter().map(|v| v.to_bits()).collect(),
    )
}

/// Slices of every kind that apply to an array of `ndim` dimensions: contiguous runs
/// (read in place), reversed and strided ones (gathered at once), indices.
fn slices(ndim: usize) -> Vec<Slice> {
    let mut all = vec![s![1..], s![..;-1], s![..-1], s![1..;2], s![2..5]];
    if ndim >= 2 {
        all.extend([
            s![.., 1..],
            s![.., ..-1],
            s![.., 1..3],
            s![.., ..;-1],
            s![.., ..;2],
            s![1.., 1..],
            s![-1],
            s![.., 0..1],
        ]);
    }
    if ndim >= 3 {
        all.extend([s![.., .., 1..], s![.., 1.., ..-1], s![.., 0], s![1, 1..]]);
    }
    all
}

#[test]
fn fused_chains_read_slices_in_place_as_they_read_gathered_copies() {
    let mut rng = rng(21);
    for depth in 0..=3 {
        for trial in 0..6 {
            // `depth` var dimensions: 1 to 4 dimensions in all.
            let x = random_ragged(&mut rng, depth, 6, -2.0, 2.0);
            let dx = x.map(|v| (1.7 * v).sin());
            for s in slices(x.ndim()) {
                let Ok(a) = x.try_slice(&s) else { continue };
                let z = a.map(|v| v * 0.5 - 1.0); // a plain array of the slice's structure
                let a_copy = gathered(&x.slice(&s));
                let chain = |[a, z]: [f64; 2]| scalar::add(scalar::mul(a, z), scalar::sin(a));
                let what = format!("depth {depth}, trial {trial}, slice {s:?}");
                assert_eq!(
                    bits(&rules::fused_map([&a, &z], chain)),
                    bits(&rules::fused_map([&a_copy, &z], chain)),
                    "fused_map, {what}"
                );

                // The tangent of a slice is a lazy slice of the tangent too.
                let da = rules::slice_jvp(&x, &a, &s, &dx);
                let da_copy = gathered(&x.slice(&s).slice_like(&dx, &s));
                let jvp = |[a, z]: [f64; 2], [d]: [f64; 1]| {
                    let y = scalar::mul(a, z);
                    (y, z * d)
                };
                let (y, dy) = rules::fused_jvp([&a, &z], [&da], jvp);
                let (y2, dy2) = rules::fused_jvp([&a_copy, &z], [&da_copy], jvp);
                assert_eq!(
                    (bits(&y), bits(&dy)),
                    (bits(&y2), bits(&dy2)),
                    "fused_jvp, {what}"
                );

                let ct = z.map(|v| v + 0.25);
                let vjp = |[a, z]: [f64; 2], ct: f64| [z * ct, a * ct];
                let [ca, cz] = rules::fused_vjp([&a, &z], &ct, vjp);
                let [ca2, cz2] = rules::fused_vjp([&a_copy, &z], &ct, vjp);
                assert_eq!(
                    (bits(&ca), bits(&cz)),
                    (bits(&ca2), bits(&cz2)),
                    "fused_vjp, {what}"
                );
                // And back through the slice, with the gather the primal made.
                assert_eq!(
                    bits(&rules::slice_vjp(&x, &a, &s, &ca)),
                    bits(&rules::slice_vjp(&x, &a_copy, &s, &ca2)),
                    "slice_vjp, {what}"
                );
            }
        }
    }
}

/// The slice `s` of `t`, for a `t` of the structure of the array `self` was sliced from.
trait SliceLike {
    fn slice_like(&self, t: &Array<f64>, s: &Slice) -> Array<f64>;
}

impl SliceLike for Array<f64> {
    fn slice_like(&self, t: &Array<f64>, s: &Slice) -> Array<f64> {
        t.slice(s)
    }
}

#[test]
fn neighbours_product_reads_both_slices_in_place() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0], [5.0, 6.0]];
    let (a, b) = (x.slice(s![.., 1..]), x.slice(s![.., ..-1]));
    let y = rules::fused_map([&a, &b], |[a, b]| a * b);
    assert_eq!(y, array![[2.0, 6.0], [], [], [30.0]]);
    assert_eq!(y.sum(1), array![8.0, 0.0, 0.0, 30.0]);
    // The slices still read as values afterwards (gathered on first use).
    assert_eq!(a, array![[2.0, 3.0], [], [], [6.0]]);
    assert_eq!(b.content(), &[1.0, 2.0, 5.0]);
}

#[test]
fn slices_of_slices_and_operations_on_them() {
    let x = array![[1.0, 2.0, 3.0, 4.0], [], [5.0, 6.0]];
    let inner = x.slice(s![.., 1..]);
    let twice = inner.slice(s![.., ..-1]);
    assert_eq!(twice, array![[2.0, 3.0], [], []]);
    assert_eq!(
        rules::fused_map([&twice, &twice], |[a, b]| a + b),
        array![[4.0, 6.0], [], []]
    );
    assert_eq!(inner.sum(-1), array![9.0, 0.0, 6.0]);
    assert_eq!(
        (&inner * 2.0).slice(s![..;-1]),
        array![[12.0], [], [4.0, 6.0, 8.0]]
    );
    assert_eq!(inner.to_string(), "[[2, 3, 4], [], [6]]");
}

#[test]
fn slice_rules_with_an_output_of_another_slice_compute_their_own_gather() {
    // `y` is not the slice `s` of `x` here, so its gather cannot be reused; the rules must
    // not take it for granted.
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let dx = array![[10.0, 20.0, 30.0], [], [40.0, 50.0]];
    let s = s![.., 1..];
    let other = x.slice(s![.., ..-1]); // same structure as x[:, 1:], other values
    assert_eq!(
        rules::slice_jvp(&x, &other, &s, &dx),
        array![[20.0, 30.0], [], [50.0]]
    );
    assert_eq!(
        rules::slice_vjp(&x, &other, &s, &array![[1.0, 2.0], [], [3.0]]),
        array![[0.0, 1.0, 2.0], [], [0.0, 3.0]]
    );
    // And the slice of an array of another structure with the same entries.
    let x2 = array![[1.0, 2.0], [3.0]];
    let y2 = x2.slice(&s);
    assert_eq!(
        rules::slice_jvp(&x, &y2, &s, &dx),
        array![[20.0, 30.0], [], [50.0]]
    );
    assert_eq!(rules::at_jvp(&x, &x.at(0), -1, &dx), array![40.0, 50.0]);
    assert_eq!(
        rules::at_vjp(&x, &array![7.0, 8.0], -1, &array![1.0, 2.0]),
        array![[0.0, 0.0, 0.0], [], [1.0, 2.0]]
    );
}

/// `x` (depth 2) with `pad` put in front of every list: `result[:, 1:] == x`.
fn padded(x: &Array<f64>, pad: f64) -> Array<f64> {
    let offsets = x.offsets(0);
    let mut values = Vec::new();
    let mut new_offsets = vec![0i64];
    for w in offsets.windows(2) {
        values.push(pad);
        values.extend_from_slice(&x.content()[w[0] as usize..w[1] as usize]);
        new_offsets.push(values.len() as i64);
    }
    Array::from_offsets(new_offsets, Array::from_vec(values)).unwrap()
}

#[test]
fn slices_whose_runs_end_at_different_places_read_in_step() {
    // `a` is one run (an outer slice); `b` is one run per list; `c` merges some lists.
    let mut rng = rng(5);
    for trial in 0..20 {
        let x = random_ragged(&mut rng, 1, 7, -2.0, 2.0);
        let a = x.slice(s![1..]);
        let tail = gathered(&x.slice(s![1..]));
        let b = padded(&tail, 9.0).slice(s![.., 1..]);
        let c = padded(&padded(&tail, 7.0), 8.0).slice(s![.., 2..]);
        let chain = |[a, b, c]: [f64; 3]| a * 100.0 + b * 10.0 + c;
        let want = rules::fused_map([&tail, &tail, &tail], chain);
        assert_eq!(
            bits(&rules::fused_map([&a, &b, &c], chain)),
            bits(&want),
            "trial {trial}"
        );
        let (y, dy) = rules::fused_jvp([&a, &b, &c], [&b, &c, &a], |[a, b, c], [d, e, f]| {
            (chain([a, b, c]), d + 2.0 * e + 3.0 * f)
        });
        assert_eq!(bits(&y), bits(&want), "trial {trial}");
        assert_eq!(bits(&dy), bits(&(&tail * 6.0)), "trial {trial}");
        let [ca, cb] = rules::fused_vjp([&a, &b, &c], &tail, |[a, b, _], ct| [a * ct, b * ct]);
        assert_eq!(bits(&ca), bits(&(&tail * &tail)), "trial {trial}");
        assert_eq!(bits(&cb), bits(&(&tail * &tail)), "trial {trial}");
    }
}

#[test]
fn large_slices_are_read_in_place_on_every_thread() {
    // Above the threading threshold (65,536 values): chunks start inside runs.
    let mut rng = rng(9);
    let x = random_ragged(&mut rng, 1, 1, -2.0, 2.0); // a seed for the values below
    let lists: Vec<Array<f64>> = (0..60_000)
        .map(|i| {
            Array::from_vec(
                (0..(i * 7 + x.len()) % 11)
                    .map(|k| (k as f64 + i as f64 * 0.01).sin())
                    .collect(),
            )
        })
        .collect();
    let mut offsets = vec![0i64];
    let mut values = Vec::new();
    for list in &lists {
        values.extend_from_slice(list.content());
        offsets.push(values.len() as i64);
    }
    let x = Array::from_offsets(offsets, Array::from_vec(values)).unwrap();
    assert!(x.content().len() > 200_000);
    let a = x.slice(s![.., 1..]);
    let b = x.slice(s![.., ..-1]);
    let tail = gathered(&x.slice(s![.., 1..]));
    let c = padded(&tail, 3.0).slice(s![.., 1..]);
    let (a2, b2) = (
        gathered(&x.slice(s![.., 1..])),
        gathered(&x.slice(s![.., ..-1])),
    );
    let chain = |[a, b, c]: [f64; 3]| a * b + c.sin();
    assert_eq!(
        bits(&rules::fused_map([&a, &b, &c], chain)),
        bits(&rules::fused_map([&a2, &b2, &tail], chain))
    );
    let jvp = |[a, b]: [f64; 2], [d, e]: [f64; 2]| (a * b, d * b + a * e);
    let (y, dy) = rules::fused_jvp([&a, &b], [&b, &c], jvp);
    let (y2, dy2) = rules::fused_jvp([&a2, &b2], [&b2, &tail], jvp);
    assert_eq!((bits(&y), bits(&dy)), (bits(&y2), bits(&dy2)));
    let [ca, cb] = rules::fused_vjp([&a, &b], &c, |[a, b], ct| [b * ct, a * ct]);
    let [ca2, cb2] = rules::fused_vjp([&a2, &b2], &tail, |[a, b], ct| [b * ct, a * ct]);
    assert_eq!((bits(&ca), bits(&cb)), (bits(&ca2), bits(&cb2)));
}

#[test]
fn reducers_read_slices_in_place_as_they_read_gathered_copies() {
    let mut rng = rng(33);
    for depth in 0..=3 {
        for trial in 0..6 {
            let x = random_ragged(&mut rng, depth, 6, -2.0, 2.0);
            let dx = x.map(|v| (0.3 * v).cos());
            for s in slices(x.ndim()) {
                let Ok(probe) = x.try_slice(&s) else { continue };
                for axis in 0..probe.ndim() as isize {
                    let what = format!("depth {depth}, trial {trial}, slice {s:?}, axis {axis}");
                    // A fresh slice for every reducer: reading one gathers it.
                    let lazy = || x.slice(&s);
                    let copy = gathered(&x.slice(&s));
                    assert_eq!(
                        bits(&lazy().sum(axis)),
                        bits(&copy.sum(axis)),
                        "sum, {what}"
                    );
                    assert_eq!(
                        bits(&lazy().prod(axis)),
                        bits(&copy.prod(axis)),
                        "prod, {what}"
                    );
                    assert_eq!(
                        bits(&lazy().mean(axis)),
                        bits(&copy.mean(axis)),
                        "mean, {what}"
                    );
                    assert_eq!(
                        bits(&lazy().max(axis)),
                        bits(&copy.max(axis)),
                        "max, {what}"
                    );
                    assert_eq!(
                        bits(&lazy().min(axis)),
                        bits(&copy.min(axis)),
                        "min, {what}"
                    );
                    assert_eq!(lazy().count(axis), copy.count(axis), "count, {what}");
                    let y = copy.sum(axis);
                    let d = rules::slice_jvp(&x, &lazy(), &s, &dx);
                    let d_copy = gathered(&dx.slice(&s));
                    assert_eq!(
                        bits(&rules::sum_jvp(&copy, &y, axis, &d)),
                        bits(&rules::sum_jvp(&copy, &y, axis, &d_copy)),
                        "sum_jvp, {what}"
                    );
                }
            }
        }
    }
}

#[test]
fn plain_operators_read_slices_in_place_as_they_read_gathered_copies() {
    let mut rng = rng(44);
    for depth in 0..=3 {
        for trial in 0..6 {
            let x = random_ragged(&mut rng, depth, 6, -2.0, 2.0);
            for s in slices(x.ndim()) {
                let Ok(probe) = x.try_slice(&s) else { continue };
                let what = format!("depth {depth}, trial {trial}, slice {s:?}");
                let lazy = || x.slice(&s);
                let copy = gathered(&probe);
                let other = copy.map(|v| v * 0.5 + 0.125);
                assert_eq!(
                    bits(&(&lazy() * &other)),
                    bits(&(&copy * &other)),
                    "a * b, {what}"
                );
                assert_eq!(
                    bits(&(&other - &lazy())),
                    bits(&(&other - &copy)),
                    "b - a, {what}"
                );
                assert_eq!(
                    bits(&(&lazy() * &lazy())),
                    bits(&(&copy * &copy)),
                    "a * a, {what}"
                );
                assert_eq!(
                    bits(&(lazy() + &other)),
                    bits(&(copy.clone() + &other)),
                    "owned, {what}"
                );
                assert_eq!(
                    bits(&(&lazy() / 3.0)),
                    bits(&(&copy / 3.0)),
                    "a / 3, {what}"
                );
                assert_eq!(
                    bits(&(2.0 - &lazy())),
                    bits(&(2.0 - &copy)),
                    "2 - a, {what}"
                );
                assert_eq!(bits(&lazy().sin()), bits(&copy.sin()), "sin, {what}");
                assert_eq!(bits(&lazy().powi(3)), bits(&copy.powi(3)), "powi, {what}");
                assert_eq!(lazy().gt(&other), copy.gt(&other), "a > b, {what}");
            }
        }
    }
}

/// Reducers over a range inside every innermost list (or whole lists in reverse order) of
/// many lists: the ranges are worked out a group of lists at a time, so more lists than a
/// group holds, at depth 2 and 3 (where a sum by position starts each outer list at its own
/// slot), give what the gathered copy gives, to the bit.
#[test]
fn reducers_over_ranges_of_many_lists_match_gathered_copies() {
    // Lists of 0 to 12 values, 300 of them (2-d), or 60 lists of 0 to 6 such lists (3-d).
    let list = |k: usize| {
        let values: Vec<String> = (0..(k * 5) % 13)
            .map(|j| format!("{}", ((k * 31 + j * 17) % 97) as f64 / 24.0 - 2.0))
            .collect();
        format!("[{}]", values.join(", "))
    };
    let two_d: Vec<String> = (0..300).map(list).collect();
    let three_d: Vec<String> = (0..60)
        .map(|o| {
            let inner: Vec<String> = (0..(o * 3) % 7).map(|i| list(o * 7 + i)).collect();
            format!("[{}]", inner.join(", "))
        })
        .collect();
    for (json, deep) in [(two_d, false), (three_d, true)] {
        let x = Array::<f64>::from_json(&format!("[{}]", json.join(", "))).unwrap();
        let mut cases = vec![s![.., 1..], s![.., ..-2], s![.., -3..]];
        if deep {
            cases.extend([s![.., .., 1..], s![.., .., -2..], s![1.., .., ..-1]]);
        } else {
            cases.push(s![..;-1]);
        }
        for s in cases {
            let (lazy, copy) = (|| x.slice(&s), gathered(&x.slice(&s)));
            for axis in 0..copy.ndim() as isize {
                let what = format!("{}-d, slice {s:?}, axis {axis}", x.ndim());
                assert_eq!(
                    bits(&lazy().sum(axis)),
                    bits(&copy.sum(axis)),
                    "sum, {what}"
                );
                assert_eq!(
                    bits(&lazy().max(axis)),
                    bits(&copy.max(axis)),
                    "max, {what}"
                );
            }
        }
    }
}
