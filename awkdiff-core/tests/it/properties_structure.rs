//! Property tests of the structure primitives' rules (`sort` at every axis and direction,
//! jagged `index` at every depth of indices, `item`, `concatenate` at every axis with two
//! and three operands, `unflatten`, `ravel`) on random ragged arrays of depth 0 to 3 with
//! empty lists at every level: JVP against central differences, `<ct, J t> == <J^T ct, t>`,
//! linearity in the tangent and the cotangent; plus the invariants that tie them to their
//! non-differentiable companions (`argsort`, `num`, `local_index`).

use crate::support;
use crate::support::{properties, ragged};
use awkdiff_core::check::check_grads;
use awkdiff_core::{concatenate, rules, Array, Structure};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};

fn config() -> ProptestConfig {
    support::cases(64)
}

fn coefficients() -> impl Strategy<Value = (f64, f64, u64)> {
    (-3.0..3.0f64, -3.0..3.0f64, any::<u64>())
}

/// An array of ndim `like.ndim()` whose outer `k` dimensions are `like`'s (`k >= 1`), with
/// random lists below (0 to 4 items, a quarter of them empty) and leaves in `-2..2`.
fn below(like: &Structure, k: usize, seed: u64) -> Array<f64> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut levels: Vec<Vec<i64>> = like.levels()[..k - 1].iter().map(|l| l.to_vec()).collect();
    let mut count = like.level_len(k - 1);
    for _ in k - 1..like.depth() {
        let mut offsets = vec![0i64];
        for _ in 0..count {
            let len = if rng.random_range(0..4) == 0 {
                0
            } else {
                rng.random_range(1..=4)
            };
            offsets.push(offsets[offsets.len() - 1] + len);
        }
        count = offsets[offsets.len() - 1] as usize;
        levels.push(offsets);
    }
    let values = (0..count).map(|_| rng.random_range(-2.0..2.0)).collect();
    Array::from_parts(Structure::new(levels, count).unwrap(), values).unwrap()
}

/// Jagged indices for `x` with `k` var dimensions: one list per list of `x`'s dimension
/// `k - 1`, of 0 to 4 indices in range (negative ones included; empty for an empty list).
fn indices_for(x: &Array<f64>, k: usize, seed: u64) -> Array<i64> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let s = x.structure();
    let mut levels: Vec<Vec<i64>> = s.levels()[..k - 1].iter().map(|l| l.to_vec()).collect();
    let lists = s.offsets(k - 1);
    let mut offsets = vec![0i64];
    let mut values = Vec::new();
    for w in lists.windows(2) {
        let len = w[1] - w[0];
        if len > 0 {
            for _ in 0..rng.random_range(0..=4) {
                values.push(rng.random_range(-len..len));
            }
        }
        offsets.push(values.len() as i64);
    }
    levels.push(offsets);
    let n = values.len();
    Array::from_parts(Structure::new(levels, n).unwrap(), values).unwrap()
}

/// A full index of a random leaf of `x`, if it has one.
fn some_leaf(x: &Array<f64>, seed: u64) -> Option<Vec<i64>> {
    let n = x.content().len();
    if n == 0 {
        return None;
    }
    let leaf = rand::rngs::StdRng::seed_from_u64(seed).random_range(0..n);
    // Walk up from the leaf: its position in its list, then its list's, ...
    let s = x.structure();
    let mut index = Vec::new();
    let mut item = leaf;
    for level in (0..s.depth()).rev() {
        let offsets = s.offsets(level);
        let list = offsets.partition_point(|&o| o <= item as i64) - 1;
        index.push((item - offsets[list] as usize) as i64);
        item = list;
    }
    index.push(item as i64);
    index.reverse();
    Some(index)
}

type Two = (Array<f64>, Array<f64>);
type Three = (Array<f64>, Array<f64>, Array<f64>);

/// Gradient checks of `concatenate(&[a, b], axis)`, both differentiated.
fn check_two(point: &Two, axis: isize, seed: u64) -> Result<(), String> {
    let f = |(a, b): &Two| concatenate(&[a, b], axis);
    let jvp = |(a, b): &Two, (da, db): &Two| {
        let y = concatenate(&[a, b], axis);
        let dy = rules::concatenate_jvp(&[a, b], &y, axis, &[Some(da), Some(db)]);
        (y, dy)
    };
    let vjp = |(a, b): &Two, ct: &Array<f64>| {
        let y = concatenate(&[a, b], axis);
        let part = |j| rules::concatenate_vjp(&[a, b], &y, axis, j, ct);
        (part(0), part(1))
    };
    check_grads(f, jvp, vjp, point, &support::options(seed))
}

/// Gradient checks of `concatenate(&[a, b, c], axis)`, all differentiated.
fn check_three(point: &Three, axis: isize, seed: u64) -> Result<(), String> {
    let f = |(a, b, c): &Three| concatenate(&[a, b, c], axis);
    let jvp = |(a, b, c): &Three, (da, db, dc): &Three| {
        let y = concatenate(&[a, b, c], axis);
        let dxs = [Some(da), Some(db), Some(dc)];
        (
            y.clone(),
            rules::concatenate_jvp(&[a, b, c], &y, axis, &dxs),
        )
    };
    let vjp = |(a, b, c): &Three, ct: &Array<f64>| {
        let y = concatenate(&[a, b, c], axis);
        let part = |j| rules::concatenate_vjp(&[a, b, c], &y, axis, j, ct);
        (part(0), part(1), part(2))
    };
    check_grads(f, jvp, vjp, point, &support::options(seed))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sort_rules_hold(
        x in ragged(0..=3, -2.0, 2.0),
        axis in any::<prop::sample::Index>(),
        descending in any::<bool>(),
        k in coefficients(),
    ) {
        // Distinct values: the derivative of sort is the permutation away from ties.
        let x = support::distinct(&x, 0.01);
        let axis = support::every_axis(&x)[axis.index(2 * x.ndim())];
        let y = x.sort(axis, descending);
        prop_assert_eq!(y.structure(), x.structure());
        properties(
            &format!("sort({axis}, {descending})"),
            |x: &Array<f64>| x.sort(axis, descending),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| {
                rules::sort_jvp(x, y, axis, descending, t)
            },
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| {
                rules::sort_vjp(x, y, axis, descending, c)
            },
            &x,
            k,
        )?;
        // Sorting moves values within the groups of the reduction at `axis` only; sorted
        // lists are their own order (argsort of them is the identity, stable).
        prop_assert_eq!(y.max(axis), x.max(axis));
        prop_assert_eq!(y.min(axis), x.min(axis));
        let innermost = axis == -1 || axis == x.ndim() as isize - 1;
        if innermost {
            prop_assert_eq!(y.argsort(axis, descending), y.local_index(axis));
            if x.ndim() >= 2 {
                prop_assert_eq!(&x.index(&x.argsort(axis, descending)), &y);
            }
        }
    }

    #[test]
    fn argsort_positions_are_a_permutation_of_the_local_index(
        x in ragged(1..=3, -2.0, 2.0),
        descending in any::<bool>(),
    ) {
        // At the innermost axis, every list of argsort holds each local index once.
        let order = x.argsort(-1, descending);
        let sorted_positions = order.map(|v| v as f64).sort(-1, false).map(|v| v as i64);
        prop_assert_eq!(sorted_positions, x.local_index(-1));
    }

    #[test]
    fn index_rules_hold(
        x in ragged(1..=3, -2.0, 2.0),
        depth in any::<prop::sample::Index>(),
        seed in any::<u64>(),
        k in coefficients(),
    ) {
        let depth = 1 + depth.index(x.structure().depth());
        let indices = indices_for(&x, depth, seed);
        let y = x.index(&indices);
        prop_assert_eq!(y.structure().level_len(depth), indices.content().len());
        properties(
            &format!("index by {}", indices.type_str()),
            |x: &Array<f64>| x.index(&indices),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| rules::index_jvp(x, y, &indices, t),
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| rules::index_vjp(x, y, &indices, c),
            &x,
            k,
        )?;
    }

    #[test]
    fn item_rules_hold(x in ragged(0..=3, -2.0, 2.0), seed in any::<u64>(), k in coefficients()) {
        let Some(index) = some_leaf(&x, seed) else { return Ok(()) };
        properties(
            &format!("item({index:?})"),
            |x: &Array<f64>| x.item(&index),
            |x: &Array<f64>, y: &f64, t: &Array<f64>| rules::item_jvp(x, y, &index, t),
            |x: &Array<f64>, y: &f64, c: &f64| rules::item_vjp(x, y, &index, c),
            &x,
            k,
        )?;
        // The one-hot cotangent sits where `index` points.
        let back = rules::item_vjp(&x, &x.item(&index), &index, &1.0);
        prop_assert_eq!(back.item(&index), 1.0);
        prop_assert_eq!(back.sum_all(), 1.0);
    }

    #[test]
    fn concatenate_rules_hold(
        a in ragged(0..=3, -2.0, 2.0),
        axis in any::<prop::sample::Index>(),
        seed in any::<u64>(),
    ) {
        let k = axis.index(a.ndim());
        // Axis 0 joins any arrays of one ndim; an inner axis needs the outer dimensions.
        let other = |seed: u64| {
            if k == 0 {
                let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
                awkdiff_core::check::random_ragged(&mut rng, a.structure().depth(), 4, -2.0, 2.0)
            } else {
                below(a.structure(), k, seed)
            }
        };
        let (b, c) = (other(seed), other(seed ^ 1));
        for axis in [k as isize, k as isize - a.ndim() as isize] {
            let at = |m: String| TestCaseError::fail(format!("concatenate at axis {axis}: {m}"));
            check_two(&(a.clone(), b.clone()), axis, seed).map_err(at)?;
            check_three(&(a.clone(), b.clone(), c.clone()), axis, seed).map_err(at)?;
            // A constant operand: `None` is its zero tangent.
            let y = concatenate(&[&a, &b], axis);
            let db = b.map(|v| v * 0.5);
            prop_assert_eq!(
                rules::concatenate_jvp(&[&a, &b], &y, axis, &[None, Some(&db)]),
                rules::concatenate_jvp(&[&a, &b], &y, axis, &[Some(&a.zeros_like()), Some(&db)])
            );
        }
        // Lengths add up along the axis.
        let y = concatenate(&[&a, &b], k as isize);
        prop_assert_eq!(y.content().len(), a.content().len() + b.content().len());
        if k > 0 {
            let lengths = |x: &Array<f64>| x.num(k as isize).map(|v| v as f64);
            prop_assert_eq!(lengths(&y), &lengths(&a) + &lengths(&b));
        }
    }

    #[test]
    fn unflatten_and_ravel_rules_hold(
        x in ragged(0..=2, -2.0, 2.0),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        k in coefficients(),
    ) {
        // Counts that add up to the outer length: the gaps between sorted cut points.
        let n = x.len();
        let mut points: Vec<i64> = cuts.iter().map(|c| c.index(n + 1) as i64).collect();
        points.push(0);
        points.push(n as i64);
        points.sort();
        let counts: Vec<i64> = points.windows(2).map(|w| w[1] - w[0]).collect();
        let y = x.unflatten(&counts);
        prop_assert_eq!(y.counts(), Array::from_vec(counts.clone()));
        prop_assert_eq!(&y.flatten(), &x);
        properties(
            "unflatten",
            |x: &Array<f64>| x.unflatten(&counts),
            |x: &Array<f64>, y: &Array<f64>, t: &Array<f64>| rules::unflatten_jvp(x, y, &counts, t),
            |x: &Array<f64>, y: &Array<f64>, c: &Array<f64>| rules::unflatten_vjp(x, y, &counts, c),
            &x,
            k,
        )?;
        properties("ravel", |x: &Array<f64>| x.ravel(), rules::ravel_jvp, rules::ravel_vjp, &x, k)?;
        prop_assert_eq!(x.ravel(), Array::from_vec(x.content().to_vec()));
    }

    #[test]
    fn num_and_local_index_agree(
        x in ragged(0..=3, -2.0, 2.0),
        axis in any::<prop::sample::Index>(),
    ) {
        let k = axis.index(x.ndim());
        let local = x.local_index(k as isize);
        let num = x.num(k as isize);
        // One local index per element of dimension k, counting up to num(k) in every list.
        prop_assert_eq!(local.ndim(), k + 1);
        prop_assert_eq!(local.content().len(), x.structure().level_len(k));
        prop_assert_eq!(num.content().iter().sum::<i64>() as usize, x.structure().level_len(k));
        let largest = local
            .map(|v| v as f64)
            .max(-1)
            .map(|v| if v.is_finite() { v as i64 + 1 } else { 0 });
        prop_assert_eq!(largest, num);
    }
}

#[test]
fn the_sort_derivative_is_wrong_without_the_permutation() {
    // The property test above can fail: the identity as a "derivative" of sort is caught.
    let x = support::distinct(&awkdiff_core::array![[3.0, 1.0, 2.0], [], [5.0, 4.0]], 0.5);
    let f = |x: &Array<f64>| x.sort(-1, false);
    let wrong_jvp = |x: &Array<f64>, t: &Array<f64>| (f(x), t.clone());
    let vjp = |x: &Array<f64>, c: &Array<f64>| rules::sort_vjp(x, &f(x), -1, false, c);
    let error = check_grads(f, wrong_jvp, vjp, &x, &support::options(3)).unwrap_err();
    assert!(error.contains("leaf"), "{error}");
}
