//! Operations on arrays large enough for the threaded kernels (feature `parallel`, from
//! 65,536 values on) against plain loops over the same offsets and values: results must be
//! bitwise the same as the serial computation, and owned temporaries written in place must
//! not change any other array.

use awkdiff_core::{rules, Array};
use rand::{Rng, SeedableRng};

/// 30,000 lists of 0 to 9 values (about 135,000 values), some empty.
fn ragged(seed: u64) -> (Vec<i64>, Vec<f64>, Array<f64>) {
    let mut rng = rand::rngs::SmallRng::seed_from_u64(seed);
    let mut offsets = vec![0i64];
    for _ in 0..30_000 {
        let len = rng.random_range(0..10i64);
        offsets.push(offsets[offsets.len() - 1] + len);
    }
    let n = *offsets.last().unwrap() as usize;
    let values: Vec<f64> = (0..n).map(|_| rng.random_range(-2.0..2.0)).collect();
    let array = Array::from_offsets(offsets.clone(), Array::from_vec(values.clone())).unwrap();
    (offsets, values, array)
}

fn lists<'a>(offsets: &'a [i64], values: &'a [f64]) -> impl Iterator<Item = &'a [f64]> {
    offsets
        .windows(2)
        .map(move |w| &values[w[0] as usize..w[1] as usize])
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn elementwise_chain_matches_the_plain_loop() {
    let (_, x, ax) = ragged(1);
    let y: Vec<f64> = x.iter().map(|v| v.cos()).collect();
    let ay = ax.with_content(y.clone());
    // `sin` as the ufunc computes it (awkdiff's polynomial, or libm without `vector-math`).
    let expected: Vec<f64> = x
        .iter()
        .zip(&y)
        .map(|(&a, b)| a * b + rules::scalar::sin(a) - 2.0)
        .collect();
    let got = &ax * &ay + ax.sin() - 2.0;
    assert_eq!(bits(got.content()), bits(&expected));
    // The in-place steps wrote only into temporaries.
    assert_eq!(bits(ax.content()), bits(&x));
    assert_eq!(bits(ay.content()), bits(&y));
    // An owned operand shared with another array is not overwritten.
    let shared = ax.clone();
    let sum = shared + &ay;
    assert_eq!(bits(ax.content()), bits(&x));
    let expected: Vec<f64> = x.iter().zip(&y).map(|(a, b)| a + b).collect();
    assert_eq!(bits(sum.content()), bits(&expected));
}

#[test]
fn sums_match_the_plain_loops() {
    let (offsets, x, ax) = ragged(2);
    let inner: Vec<f64> = lists(&offsets, &x)
        .map(|l| l.iter().fold(0.0, |a, b| a + b))
        .collect();
    assert_eq!(bits(ax.sum(-1).content()), bits(&inner));
    let mut outer = vec![0.0; 9];
    for list in lists(&offsets, &x) {
        for (o, v) in outer.iter_mut().zip(list) {
            *o += v;
        }
    }
    assert_eq!(bits(ax.sum(0).content()), bits(&outer));
}

#[test]
fn broadcasts_and_sum_cotangents_match_the_plain_loops() {
    let (offsets, x, ax) = ragged(3);
    let per_list: Vec<f64> = (0..offsets.len() - 1).map(|i| i as f64 * 0.5).collect();
    let outer = Array::from_vec(per_list.clone());
    let mut expected = Vec::new();
    for (list, &o) in lists(&offsets, &x).zip(&per_list) {
        expected.extend(list.iter().map(|v| v * o));
    }
    assert_eq!(bits((&ax * &outer).content()), bits(&expected));
    let mut repeated = Vec::new();
    for (list, &o) in lists(&offsets, &x).zip(&per_list) {
        repeated.extend(std::iter::repeat_n(o, list.len()));
    }
    let y = ax.sum(-1);
    assert_eq!(
        bits(rules::sum_vjp(&ax, &y, -1, &outer).content()),
        bits(&repeated)
    );
    let ct0 = Array::from_vec((0..9).map(|i| i as f64).collect());
    let mut positions = Vec::new();
    for list in lists(&offsets, &x) {
        positions.extend((0..list.len()).map(|q| q as f64));
    }
    assert_eq!(
        bits(rules::sum_vjp(&ax, &ax.sum(0), 0, &ct0).content()),
        bits(&positions)
    );
    // The cotangent of a lower-depth operand: per-list sums.
    let ct = ax.with_content(x.clone());
    let back = rules::mul_vjp_rhs(&ax, &outer, &(&ax * &outer), &ct);
    let sums: Vec<f64> = lists(&offsets, &x)
        .map(|l| l.iter().map(|v| v * v).fold(0.0, |a, b| a + b))
        .collect();
    assert_eq!(bits(back.content()), bits(&sums));
}

/// Slices of a large array and their VJPs (scatters) against
/// plain loops: inner ranges, reversed lists, reversed and strided outer selections.
#[test]
fn slices_and_their_cotangents_match_the_plain_loops() {
    use awkdiff_core::s;
    let (offsets, x, ax) = ragged(4);
    let flat = |lists: Vec<Vec<f64>>| lists.concat();
    let per_list = |f: &dyn Fn(&[f64]) -> Vec<f64>| flat(lists(&offsets, &x).map(f).collect());
    let all: Vec<&[f64]> = lists(&offsets, &x).collect();
    let cases: Vec<(awkdiff_core::Slice, Vec<f64>)> = vec![
        (
            s![.., 1..],
            per_list(&|l| l.iter().skip(1).copied().collect()),
        ),
        (
            s![.., ..-1],
            per_list(&|l| l[..l.len().saturating_sub(1)].to_vec()),
        ),
        (
            s![.., ..;-1],
            per_list(&|l| l.iter().rev().copied().collect()),
        ),
        (
            s![..;-1],
            flat(all.iter().rev().map(|l| l.to_vec()).collect()),
        ),
        (
            s![..;2],
            flat(all.iter().step_by(2).map(|l| l.to_vec()).collect()),
        ),
        (
            s![..;-3],
            flat(all.iter().rev().step_by(3).map(|l| l.to_vec()).collect()),
        ),
    ];
    for (slice, expected) in cases {
        let y = ax.slice(&slice);
        assert_eq!(bits(y.content()), bits(&expected), "{slice:?}");
        // The cotangent of the slice, scattered back: each kept leaf gets its value, the
        // others 0; compare by summing x * ct over both sides.
        let ct = y.map(|v| 2.0 * v + 1.0);
        let back = rules::slice_vjp(&ax, &y, &slice, &ct);
        assert_eq!(back.type_str(), ax.type_str());
        let kept: f64 = expected.iter().map(|v| v * (2.0 * v + 1.0)).sum();
        let got: f64 = back.content().iter().zip(&x).map(|(c, v)| c * v).sum();
        assert!(
            (kept - got).abs() <= 1e-9 * (1.0 + kept.abs()),
            "{slice:?}: {kept} against {got}"
        );
        // And position by position: the non-zero cotangents are where the leaves were kept.
        let nonzero = back.content().iter().filter(|c| **c != 0.0).count();
        let expected_nonzero = expected.iter().filter(|v| 2.0 * **v + 1.0 != 0.0).count();
        assert_eq!(nonzero, expected_nonzero, "{slice:?}");
    }
}

/// Issue 18, item 6: the pool kept up to 512 MiB for the life of the process with no way
/// to give it back. `release` frees it and `set_max_bytes` caps it (0: no pooling).
#[test]
fn the_buffer_pool_can_be_capped_and_released() {
    use awkdiff_core::pool;
    let x = Array::from_vec(vec![1.0f64; 1 << 18]); // 2 MiB, above the pooling threshold
                                                    // With the pool off, dropped temporaries are freed at once (other tests running in
                                                    // parallel cannot refill it either).
    pool::set_max_bytes(0);
    assert_eq!(pool::max_bytes(), 0);
    drop(&x * 2.0);
    assert_eq!(pool::held_bytes(), 0);
    // Capped at 3 MiB: one 2 MiB temporary fits, a second pushes out the first.
    pool::set_max_bytes(3 << 20);
    let (a, b) = (&x * 2.0, &x * 3.0);
    drop(a);
    drop(b);
    assert!(pool::held_bytes() <= 3 << 20, "{}", pool::held_bytes());
    pool::set_max_bytes(pool::DEFAULT_MAX_BYTES);
    pool::release();
    assert_eq!(x.sum_all(), (1 << 18) as f64);
}

#[test]
fn where_and_its_rules_match_the_plain_loop() {
    let (offsets, x, ax) = ragged(7);
    let mask = ax.gt(0.0);
    // A per-list branch, repeated over each list's values.
    let per_list: Vec<f64> = (0..offsets.len() - 1).map(|i| i as f64).collect();
    let low = Array::from_vec(per_list.clone());
    let y = awkdiff_core::where_(&mask, &ax, &low);
    let mut expected = Vec::with_capacity(x.len());
    for (i, list) in lists(&offsets, &x).enumerate() {
        expected.extend(list.iter().map(|&v| if v > 0.0 { v } else { per_list[i] }));
    }
    assert_eq!(bits(y.content()), bits(&expected));
    let ct = ax.map(|v| v * 3.0);
    let ct_low = rules::where_vjp_rhs(&ax, &low, &y, &mask, &ct);
    let sums: Vec<f64> = lists(&offsets, &x)
        .map(|l| {
            l.iter()
                .filter(|&&v| v <= 0.0)
                .fold(0.0, |acc, &v| acc + v * 3.0)
        })
        .collect();
    assert_eq!(bits(ct_low.content()), bits(&sums));
}
