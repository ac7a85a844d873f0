//! Fused elementwise chains in generated code: `#[differentiable]` turns a chain such as
//! `(x * x + x.sin()).tanh()` into one pass (see `docs/expansion.md`). These functions
//! check that the fused `jvp_`/`vjp_` give what the operations give one at a time (the same
//! values, tangents and cotangents as core's array rules), against central differences,
//! and when the fused path cannot run: inputs of different structures (the chain
//! broadcasts, so the statements run unfused), inactive inputs, more inputs than one pass
//! takes, `f32` and generic floats.
#![deny(warnings)]

use awkdiff::check::{assert_grads, random_like, random_ragged, rng};
use awkdiff::prelude::*;
use awkdiff::rules;
use rand::Rng;

fn close(what: &str, a: &Array<f64>, b: &Array<f64>) {
    assert_eq!(a.type_str(), b.type_str(), "{what}");
    for (i, (x, y)) in a.content().iter().zip(b.content()).enumerate() {
        assert!(
            (x - y).abs() <= 1e-12 * (1.0 + x.abs()),
            "{what}: leaf {i}: {x} against {y}"
        );
    }
}

fn inputs() -> Vec<Array<f64>> {
    let mut r = rng(21);
    let mut out = vec![random_ragged(&mut r, 1, 0, -1.0, 1.0)];
    for depth in 0..3 {
        out.push(random_ragged(&mut r, depth, 6, -1.5, 1.5));
    }
    out
}

#[differentiable]
fn smooth(x: &Array<f64>) -> Array<f64> {
    (x * x + x.sin()).tanh()
}

#[test]
fn a_fused_chain_gives_what_the_rules_give_one_at_a_time() {
    for x in inputs() {
        let t = random_like(&x, &mut rng(3));
        let (y, dy) = jvp_smooth(&x, &t);
        let (a, b) = (&x * &x, x.sin());
        let s = &a + &b;
        let want = s.tanh();
        assert_eq!(y, want);
        let da = rules::mul_jvp_lhs(&x, &x, &a, &t) + rules::mul_jvp_rhs(&x, &x, &a, &t);
        let db = rules::sin_jvp(&x, &b, &t);
        let ds = rules::add_jvp_lhs(&a, &b, &s, &da) + rules::add_jvp_rhs(&a, &b, &s, &db);
        close("tangent", &dy, &rules::tanh_jvp(&s, &want, &ds));
        let ct = random_like(&y, &mut rng(4));
        let cs = rules::tanh_vjp(&s, &want, &ct);
        let ca = rules::add_vjp_lhs(&a, &b, &s, &cs);
        let cb = rules::add_vjp_rhs(&a, &b, &s, &cs);
        let cx = rules::mul_vjp_lhs(&x, &x, &a, &ca)
            + rules::mul_vjp_rhs(&x, &x, &a, &ca)
            + rules::sin_vjp(&x, &b, &cb);
        close("cotangent", &vjp_smooth(&x).1(&ct), &cx);
        assert_grads(smooth, jvp_smooth, |x, ct| vjp_smooth(x).1(ct), &x);
    }
}

/// `outer` has one `var` level fewer than `x`: the chain broadcasts it, so the generated
/// code checks the structures and runs the operations unfused.
#[differentiable]
fn broadcasting_chain(x: &Array<f64>, outer: &Array<f64>) -> Array<f64> {
    (x * outer + outer.cos()).exp() - x
}

#[test]
fn a_chain_that_broadcasts_runs_unfused_with_the_same_derivatives() {
    let mut r = rng(8);
    for depth in 1..3 {
        let x = random_ragged(&mut r, depth, 5, -1.0, 1.0);
        let outer = x.sum(-1).map(|v| 0.3 * v - 0.2);
        let y = broadcasting_chain(&x, &outer);
        assert_eq!(y.type_str(), x.type_str());
        let p = (x, outer);
        assert_grads(
            |p: &(Array<f64>, Array<f64>)| broadcasting_chain(&p.0, &p.1),
            |p: &(Array<f64>, Array<f64>), t: &(Array<f64>, Array<f64>)| {
                jvp_broadcasting_chain(&p.0, &p.1, &t.0, &t.1)
            },
            |p: &(Array<f64>, Array<f64>), ct: &Array<f64>| {
                vjp_broadcasting_chain(&p.0, &p.1).1(ct)
            },
            &p,
        );
    }
}

#[test]
fn a_chain_whose_inputs_do_not_broadcast_panics_like_the_operator() {
    let x = array![[1.0, 2.0], [3.0]];
    let bad = array![[1.0], [2.0, 3.0]];
    let message = |f: &dyn Fn()| {
        let error = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_err();
        error.downcast::<String>().map(|s| *s).unwrap_or_default()
    };
    let direct = message(&|| drop(&x * &bad));
    assert!(direct.contains("cannot broadcast"), "{direct}");
    assert_eq!(
        message(&|| drop(jvp_broadcasting_chain(&x, &bad, &x, &bad))),
        direct
    );
    assert_eq!(message(&|| drop(vjp_broadcasting_chain(&x, &bad))), direct);
}

/// A constant input (`#[no_grad]`) and constants inside the chain: only `x` gets a tangent.
#[differentiable]
fn with_constants(x: &Array<f64>, #[no_grad] c: &Array<f64>, k: i32) -> Array<f64> {
    (x.powi(k) * c - 2.0).maximum(&(x / c)).abs()
}

#[test]
fn inactive_inputs_and_constants_inside_a_chain() {
    for x in inputs() {
        let c = random_like(&x, &mut rng(2)).map(|v| v + 2.5);
        for k in [0, 1, 3] {
            let f = |x: &Array<f64>| with_constants(x, &c, k);
            assert_grads(
                f,
                |x: &Array<f64>, t: &Array<f64>| jvp_with_constants(x, &c, k, t),
                |x: &Array<f64>, ct: &Array<f64>| vjp_with_constants(x, &c, k).1(ct),
                &x,
            );
        }
    }
}

/// Five distinct arrays: more than one fused pass reads, so the chain is split.
#[differentiable]
fn five_inputs(
    a: &Array<f64>,
    b: &Array<f64>,
    c: &Array<f64>,
    d: &Array<f64>,
    e: &Array<f64>,
) -> Array<f64> {
    (a * b + c * d).sin() * e - a
}

#[test]
fn chains_over_more_inputs_than_one_pass_takes() {
    let x = random_ragged(&mut rng(12), 1, 7, -1.0, 1.0);
    let p: Vec<Array<f64>> = (0..5).map(|i| random_like(&x, &mut rng(30 + i))).collect();
    let point = (
        p[0].clone(),
        p[1].clone(),
        p[2].clone(),
        p[3].clone(),
        p[4].clone(),
    );
    type Five = (Array<f64>, Array<f64>, Array<f64>, Array<f64>, Array<f64>);
    let want = (&p[0] * &p[1] + &p[2] * &p[3]).sin() * &p[4] - &p[0];
    assert_eq!(five_inputs(&p[0], &p[1], &p[2], &p[3], &p[4]), want);
    assert_grads(
        |q: &Five| five_inputs(&q.0, &q.1, &q.2, &q.3, &q.4),
        |q: &Five, t: &Five| {
            jvp_five_inputs(&q.0, &q.1, &q.2, &q.3, &q.4, &t.0, &t.1, &t.2, &t.3, &t.4)
        },
        |q: &Five, ct: &Array<f64>| vjp_five_inputs(&q.0, &q.1, &q.2, &q.3, &q.4).1(ct),
        &point,
    );
}

/// A chain in `f32` with a scalar parameter that is not differentiated.
#[differentiable]
fn single_precision(x: &Array<f32>, #[no_grad] s: f32) -> Array<f32> {
    (x * s).cos() * x + 1.0
}

#[test]
fn single_precision_chains() {
    let x = Array::<f32>::from_json("[[0.5, -1.0], [], [2.0]]").unwrap();
    let t = Array::<f32>::from_json("[[1.0, 1.0], [], [1.0]]").unwrap();
    let (y, dy) = jvp_single_precision(&x, 3.0, &t);
    assert_eq!(y, single_precision(&x, 3.0));
    assert_eq!(y, (&x * 3.0).cos() * &x + 1.0);
    let want: Vec<f32> = x
        .content()
        .iter()
        .map(|&v| (3.0 * v).cos() - 3.0 * v * (3.0 * v).sin())
        .collect();
    for (a, b) in dy.content().iter().zip(&want) {
        assert!((a - b).abs() < 1e-5, "{a} against {b}");
    }
    assert_eq!(vjp_single_precision(&x, 3.0).1(&t), dy);
}

/// A generic chain: the scalar forms are generic over `T: Float` too.
#[differentiable]
fn generic_chain<T: Float>(x: &Array<T>) -> Array<T> {
    (x.exp() - x).sqrt()
}

#[test]
fn generic_chains() {
    for x in inputs() {
        assert_grads(
            generic_chain::<f64>,
            jvp_generic_chain::<f64>,
            |x, ct| vjp_generic_chain::<f64>(x).1(ct),
            &x,
        );
    }
}

// ----- chains reduced by the sum that consumes them (`fused_sum_*`) -----

/// Innermost axis: the sum taken in the chain's pass.
#[differentiable]
fn summed_inner(x: &Array<f64>) -> Array<f64> {
    (x * x + x.sin()).sum(-1)
}

/// Axis 0 (and the middle axis of a depth-3 array): the two steps run as written.
#[differentiable]
fn summed_outer(x: &Array<f64>) -> Array<f64> {
    (x * x + x.sin()).sum(0)
}

/// Neighbour products of slices (read in place), summed per list.
#[differentiable]
fn neighbours(x: &Array<f64>) -> Array<f64> {
    (x.slice(s![.., 1..]) * x.slice(s![.., ..-1])).sum(1)
}

/// A chain over two arrays, the second broadcast from a lower depth when it is one.
#[differentiable]
fn weighted(x: &Array<f64>, w: &Array<f64>) -> Array<f64> {
    (x * w).exp().sum(-1)
}

/// Everything to one number.
#[differentiable]
fn total(x: &Array<f64>) -> f64 {
    (x * x).tanh().sum_all()
}

#[test]
fn fused_sums_give_what_the_unfused_statements_give() {
    let mut r = rng(77);
    for depth in 1..4 {
        for _ in 0..3 {
            let x = random_ragged(&mut r, depth, 6, -1.5, 1.5);
            // Bit-for-bit: the sums are taken in the same order.
            assert_eq!(summed_inner(&x), (&x * &x + x.sin()).sum(-1));
            assert_eq!(summed_outer(&x), (&x * &x + x.sin()).sum(0));
            assert_eq!(total(&x), (&x * &x).tanh().sum_all());
            assert_grads(
                summed_inner,
                jvp_summed_inner,
                |x, ct| vjp_summed_inner(x).1(ct),
                &x,
            );
            assert_grads(
                summed_outer,
                jvp_summed_outer,
                |x, ct| vjp_summed_outer(x).1(ct),
                &x,
            );
            assert_grads(total, jvp_total, |x, ct| vjp_total(x).1(*ct), &x);
            let w = random_like(&x, &mut r);
            let f = |p: &(Array<f64>, Array<f64>)| weighted(&p.0, &p.1);
            let jvp = |p: &(Array<f64>, Array<f64>), t: &(Array<f64>, Array<f64>)| {
                jvp_weighted(&p.0, &p.1, &t.0, &t.1)
            };
            let vjp =
                |p: &(Array<f64>, Array<f64>), ct: &Array<f64>| vjp_weighted(&p.0, &p.1).1(ct);
            assert_grads(f, jvp, vjp, &(x.clone(), w));
            if depth == 1 {
                assert_eq!(
                    neighbours(&x),
                    (x.slice(s![.., 1..]) * x.slice(s![.., ..-1])).sum(1)
                );
                assert_grads(
                    neighbours,
                    jvp_neighbours,
                    |x, ct| vjp_neighbours(x).1(ct),
                    &x,
                );
            }
        }
    }
    // A broadcast input: the forward runs unfused, the pullback spreads onto the deeper one.
    let x = array![[1.0, 2.0], [], [3.0, 4.0, 5.0]];
    let w = array![0.5, -1.0, 0.25];
    assert_eq!(weighted(&x, &w), (&x * &w).exp().sum(-1));
    let f = |p: &(Array<f64>, Array<f64>)| weighted(&p.0, &p.1);
    let jvp = |p: &(Array<f64>, Array<f64>), t: &(Array<f64>, Array<f64>)| {
        jvp_weighted(&p.0, &p.1, &t.0, &t.1)
    };
    let vjp = |p: &(Array<f64>, Array<f64>), ct: &Array<f64>| vjp_weighted(&p.0, &p.1).1(ct);
    assert_grads(f, jvp, vjp, &(x, w));
}

/// A chain over jagged-index gathers, which the fused pass reads in place (item by item,
/// in blocks), on enough lists for several blocks and threads.
#[differentiable]
fn sorted_products(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    let order = x.argsort(-1, true);
    (x.index(&order) * y.index(&order) + y).sum(-1)
}

#[test]
fn fused_passes_read_index_gathers_in_place() {
    let mut r = rng(5);
    let lists: Vec<Vec<f64>> = (0..800)
        .map(|i| {
            (0..(i * 7) % 300)
                .map(|_| r.random_range(-1.0..1.0))
                .collect()
        })
        .collect();
    let x = Array::from(lists.clone());
    let y = random_like(&x, &mut r);
    let order = x.argsort(-1, true);
    // Materialised copies of the gathers give the same values.
    let own = |a: &Array<f64>| a.with_content(a.content().to_vec());
    let (xs, ys) = (own(&x.index(&order)), own(&y.index(&order)));
    assert_eq!(sorted_products(&x, &y), (&xs * &ys + &y).sum(-1));
    let (_, dy) = jvp_sorted_products(&x, &y, &y, &x);
    let (d_xs, d_ys) = (own(&y.index(&order)), own(&x.index(&order)));
    let want = (&d_xs * &ys + &xs * &d_ys + &x).sum(-1);
    for (a, b) in dy.content().iter().zip(want.content()) {
        assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()), "{a} against {b}");
    }
    let small = Array::from(lists[..40].to_vec());
    let t = random_like(&small, &mut r);
    let f = |p: &(Array<f64>, Array<f64>)| sorted_products(&p.0, &p.1);
    let jvp = |p: &(Array<f64>, Array<f64>), t: &(Array<f64>, Array<f64>)| {
        jvp_sorted_products(&p.0, &p.1, &t.0, &t.1)
    };
    let vjp = |p: &(Array<f64>, Array<f64>), ct: &Array<f64>| vjp_sorted_products(&p.0, &p.1).1(ct);
    assert_grads(f, jvp, vjp, &(small, t));
}

/// Ranges inside the innermost lists (`x[.., 1..]`, `x[.., -3..-1]`, ...) and whole lists in
/// reverse order (`x[::-1]`) or from a run of lists (`x[1:]`) are read in place
/// from their source, list by list, by fused sums, elementwise passes and gathers alike:
/// each gives what a materialised copy of the slice gives, to the bit, on lists of every
/// length (empty ones included) and enough of them to split across threads.
#[test]
fn inner_range_slices_are_read_in_place() {
    let mut r = rng(9);
    let lists: Vec<Vec<f64>> = (0..30_000)
        .map(|i| {
            (0..(i * 7) % 13)
                .map(|_| r.random_range(-1.0..1.0))
                .collect()
        })
        .collect();
    let x_lists = lists.clone();
    let x = Array::from(lists);
    let deep =
        Array::from_offsets((0..=3_000).map(|i| i * 10).collect(), x.slice(s![..30_000])).unwrap();
    let own = |a: &Array<f64>| a.with_content(a.content().to_vec());
    let ranges = [
        s![.., 1..],
        s![.., ..-1],
        s![.., -3..-1],
        s![.., 2..5],
        s![.., 7..],
        s![10..200, 1..],
        s![.., 0..],
        s![..;-1],
        s![200..10;-1],
        s![1..],
    ];
    for spec in ranges {
        let a = x.slice(spec.clone());
        let b = x.slice(spec.clone()) * 2.0; // materialised: another kind of source in one pass
        let (a_own, b_own) = (own(&a), own(&b));
        let fused = rules::fused_sum_map([&a, &b], -1, |[a, b]| a * b + a);
        assert_eq!(fused, (&a_own * &b_own + &a_own).sum(-1), "{spec:?}");
        let (y, dy) = rules::fused_sum_jvp([&a], [&b], -1, |[a], [t]| (a * a, 2.0 * a * t));
        assert_eq!(y, (&a_own * &a_own).sum(-1), "{spec:?}");
        assert_eq!(dy, (&a_own * &b_own * 2.0).sum(-1), "{spec:?}");
        assert_eq!(a.sin(), a_own.sin(), "{spec:?}");
        assert_eq!(&a * &b, &a_own * &b_own, "{spec:?}");
        assert_eq!(a.sum(-1), a_own.sum(-1), "{spec:?}");
        assert_eq!(a.sum(0), a_own.sum(0), "{spec:?}");
        assert_eq!(a.to_string(), a_own.to_string(), "{spec:?}");
    }
    // Two ranges of one array with the same lengths share their lists (the second one's
    // are not written again); a range with other lengths has its own.
    let (p, q) = (x.slice(s![.., 1..]), x.slice(s![.., ..-1]));
    let lists = |a: &Array<f64>| a.structure().offsets_arc(0).clone();
    assert!(std::sync::Arc::ptr_eq(&lists(&p), &lists(&q)));
    let r = x.slice(s![.., 2..]);
    assert!(!std::sync::Arc::ptr_eq(&lists(&p), &lists(&r)));
    assert_eq!(r, own(&r));
    remembered_offsets_are_never_stale(&x, &x_lists);
    // A range of one list, and one inside a deeper array.
    let one = x.slice(s![5, 1..]);
    assert_eq!(
        one.content(),
        &x.content()[x.offsets(0)[5] as usize + 1..x.offsets(0)[6] as usize]
    );
    let inner = deep.slice(s![.., .., 1..]);
    let inner_own = own(&inner);
    assert_eq!(
        rules::fused_sum_map([&inner], -1, |[v]| v * v),
        (&inner_own * &inner_own).sum(-1)
    );
    assert_eq!(inner.sum(1), inner_own.sum(1));
}

/// The offsets of a range slice are remembered per thread: the same slice of the same array
/// again gets them without a pass, a buffer nothing holds is rewritten in place for other
/// lists, and a buffer still held is never overwritten.
fn remembered_offsets_are_never_stale(x: &Array<f64>, x_lists: &[Vec<f64>]) {
    use std::sync::Arc;
    let lists = |a: &Array<f64>| a.structure().offsets_arc(0).clone();
    // What `lists[.., from..]` holds, written out.
    let tails = |lists: &[Vec<f64>], from: usize| {
        let tails: Vec<Vec<f64>> = lists
            .iter()
            .map(|l| l.get(from..).unwrap_or(&[]).to_vec())
            .collect();
        Array::from(tails)
    };
    // Another array with as many lists, of other lengths.
    let y_lists: Vec<Vec<f64>> = (0..x.len())
        .map(|i| (0..(i * 5 + 3) % 8).map(|k| k as f64 - 2.5).collect())
        .collect();
    let y = Array::from(y_lists.clone());

    let first = x.slice(s![.., 1..]);
    let again = x.slice(s![.., ..-1]);
    assert!(Arc::ptr_eq(&lists(&first), &lists(&again)));
    // Still held by `first`: a slice of `y` gets a buffer of its own, and `first` keeps its
    // lists.
    let of_y = y.slice(s![.., 1..]);
    assert!(!Arc::ptr_eq(&lists(&first), &lists(&of_y)));
    assert_eq!(of_y, tails(&y_lists, 1));
    assert_eq!(first, tails(x_lists, 1));
    drop((first, again));
    // Nothing holds `of_y`'s lists once it is dropped: the next slice of other lists reuses
    // the buffer, with its own lists written in.
    let buffer = Arc::as_ptr(&lists(&of_y));
    drop(of_y);
    let reused = x.slice(s![.., 2..]);
    assert_eq!(Arc::as_ptr(&lists(&reused)), buffer);
    assert_eq!(reused, tails(x_lists, 2));
    assert_eq!(x.slice(s![.., 1..]), tails(x_lists, 1));
    // A reversed slice of the lists is remembered apart from ranges.
    let reversed = x.slice(s![..;-1]);
    let backwards: Vec<Vec<f64>> = x_lists.iter().rev().cloned().collect();
    assert_eq!(reversed, Array::from(backwards));
    assert_eq!(x.slice(s![..;-1]), reversed);
    assert_eq!(reused, tails(x_lists, 2));
    // Sums by position size their output by the remembered longest list.
    let by_position = |lists: &[Vec<f64>]| {
        let widest = lists.iter().map(Vec::len).max().unwrap_or(0);
        let mut sums = vec![0.0; widest];
        for list in lists {
            for (s, v) in sums.iter_mut().zip(list) {
                *s += v;
            }
        }
        Array::from_vec(sums)
    };
    let backwards: Vec<Vec<f64>> = x_lists.iter().rev().cloned().collect();
    assert_eq!(x.slice(s![..;-1]).sum(0), by_position(&backwards));
    let cut: Vec<Vec<f64>> = x_lists
        .iter()
        .map(|l| l.get(3..).unwrap_or(&[]).to_vec())
        .collect();
    assert_eq!(x.slice(s![.., 3..]).sum(0), by_position(&cut));
}

/// Pairs (and triples) of objects through `argcombinations` and `index`: the indices are
/// computed list by list when read, and indexing by them reads the chosen values in place.
/// Values, sums and derivatives equal those of materialised copies, to the bit, on lists of
/// 0 to 9 values, enough of them to split across threads.
#[differentiable]
fn pair_products(x: &Array<f64>) -> Array<f64> {
    let (i, j) = x.argcombinations::<2>();
    let a = x.index(&i);
    let b = x.index(&j);
    (&a * &b + (&a - &b).cos()).sum(-1)
}

#[test]
fn combinations_are_read_in_place() {
    let mut r = rng(13);
    let lists: Vec<Vec<f64>> = (0..20_000)
        .map(|i| {
            (0..(i * 7) % 10)
                .map(|_| r.random_range(-1.0..1.0))
                .collect()
        })
        .collect();
    let x = Array::from(lists.clone());
    let own_i64 = |a: &Array<i64>| a.with_content(a.content().to_vec());
    let own = |a: &Array<f64>| a.with_content(a.content().to_vec());
    let (i, j) = x.argcombinations::<2>();
    let (oi, oj) = (own_i64(&i), own_i64(&j));
    // The same indices as written out, and the same picks either way.
    let (a, b) = (x.index(&i), x.index(&j));
    let (oa, ob) = (x.index(&oi), x.index(&oj));
    assert_eq!(a, oa);
    assert_eq!(b, ob);
    assert_eq!((a.clone(), b.clone()), x.combinations::<2>());
    let (p, q, t) = x.argcombinations::<3>();
    assert_eq!(x.index(&t), x.index(&own_i64(&t)));
    assert_eq!(x.index(&p).sum(-1), x.index(&own_i64(&p)).sum(-1));
    assert_eq!(x.index(&q), x.index(&own_i64(&q)));
    // Fused sums and elementwise passes over the lazy picks.
    let (oa, ob) = (own(&oa), own(&ob));
    assert_eq!(pair_products(&x), (&oa * &ob + (&oa - &ob).cos()).sum(-1));
    assert_eq!(&a * &b, &oa * &ob);
    // Indices made from another array with equal lists pick the same (read in place too).
    let y = Array::from(lists);
    assert_eq!(
        x.index(&y.argcombinations::<2>().0),
        oa.with_content(oa.content().to_vec())
    );
    // Derivatives, on fewer lists.
    let small = Array::from(
        (0..40)
            .map(|k| (0..k % 6).map(|v| v as f64 * 0.3 - 0.5).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    );
    assert_grads(
        pair_products,
        jvp_pair_products,
        |x, ct| vjp_pair_products(x).1(ct),
        &small,
    );
    // Lists of more pairs than one block holds (30 values: 435 pairs; 45: 990): blocks
    // that start inside a list, for values and cotangents alike; and lists of 32 values
    // or more, whose pairs are not in the table of short lists' pairs.
    let long = Array::from(
        (0..200)
            .map(|k| {
                (0..(k % 4) * 15)
                    .map(|v| ((v * 7 + k) % 11) as f64 * 0.1)
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>(),
    );
    let (i, j) = long.argcombinations::<2>();
    let (oa, ob) = (
        own(&long.index(&own_i64(&i))),
        own(&long.index(&own_i64(&j))),
    );
    assert_eq!(
        pair_products(&long),
        (&oa * &ob + (&oa - &ob).cos()).sum(-1)
    );
    let ct = random_like(&pair_products(&long), &mut r);
    let (direct, scattered) = (
        vjp_pair_products(&long).1(&ct),
        vjp_pair_products_kept(&long).1(&ct),
    );
    for (p, q) in direct.content().iter().zip(scattered.content()) {
        assert!((p - q).abs() <= 1e-10 * (1.0 + q.abs()), "{p} against {q}");
    }
    // A flat array is one list (written out).
    let (i, j) = array![1.0, 2.0, 4.0].argcombinations::<2>();
    assert_eq!((i, j), (array![0i64, 0, 1], array![1i64, 2, 2]));
}

/// The same chain as [`pair_products`], with the picks also read elsewhere: its pullback
/// writes the picks' cotangents and scatters them (the path `fused_sum_vjp_onto` avoids).
#[differentiable]
fn pair_products_kept(x: &Array<f64>) -> Array<f64> {
    let (i, j) = x.argcombinations::<2>();
    let a = x.index(&i);
    let b = x.index(&j);
    let kept = a.sum(-1) * 0.0;
    (&a * &b + (&a - &b).cos()).sum(-1) + kept
}

/// Neighbours of two different arrays: two arrays selected from, so the pullback scatters
/// each input's cotangent back (the fallback of `fused_sum_vjp_onto`).
#[differentiable]
fn crossed_neighbours(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    (x.slice(s![.., 1..]) * y.slice(s![.., ..-1]).sin()).sum(1)
}

fn close_arrays(what: &str, a: &Array<f64>, b: &Array<f64>) {
    assert_eq!(a.type_str(), b.type_str(), "{what}");
    for (k, (p, q)) in a.content().iter().zip(b.content()).enumerate() {
        assert!(
            (p - q).abs() <= 1e-12 * (1.0 + q.abs()),
            "{what}: leaf {k}: {p} against {q}"
        );
    }
}

/// A chain over selections of one array sends its cotangents straight to that array, in one
/// pass, and gives what scattering each selection's cotangent gives; chains it does not
/// apply to (two arrays, an outer axis, inputs read from copies) take the scatter path.
#[test]
fn chains_over_selections_pull_back_onto_the_selected_array() {
    let mut r = rng(31);
    let lists: Vec<Vec<f64>> = (0..20_000)
        .map(|i| {
            (0..(i * 5) % 9)
                .map(|_| r.random_range(-1.0..1.0))
                .collect()
        })
        .collect();
    let x = Array::from(lists);
    let ct = random_like(&pair_products(&x), &mut r);
    close_arrays(
        "pairs onto x",
        &vjp_pair_products(&x).1(&ct),
        &vjp_pair_products_kept(&x).1(&ct),
    );
    // Neighbour products: one pass onto x, against the unfused rules.
    let (head, tail) = (s![.., ..-1], s![.., 1..]);
    let (a, b) = (x.slice(&head), x.slice(&tail));
    let product = &a * &b;
    // The cotangent of `product.sum(axis)` against the unfused rules, onto x.
    let unfused = |axis: isize, ct: &Array<f64>| {
        let spread = rules::sum_vjp(&product, &product.sum(axis), axis, ct);
        rules::Value::add_value(
            &rules::slice_vjp(&x, &a, &head, &(&b * &spread)),
            &rules::slice_vjp(&x, &b, &tail, &(&a * &spread)),
        )
    };
    let ct = random_like(&neighbours(&x), &mut r);
    close_arrays(
        "neighbours onto x",
        &vjp_neighbours(&x).1(&ct),
        &unfused(1, &ct),
    );
    // The rule itself, and its fallbacks: copies of the slices (not read in place), and an
    // outer axis.
    let own = |v: &Array<f64>| v.with_content(v.content().to_vec());
    let back_a = |c: &Array<f64>| rules::slice_vjp(&x, &a, &head, c);
    let back_b = |c: &Array<f64>| rules::slice_vjp(&x, &b, &tail, c);
    let f = |[a, b]: [f64; 2], c: f64| [b * c, a * c];
    let onto = |inputs: [&Array<f64>; 2], axis: isize, ct: &Array<f64>| {
        let [ct_x] =
            rules::fused_sum_vjp_onto(inputs, ct, axis, f, [&x], [(0, &back_a), (0, &back_b)]);
        ct_x
    };
    close_arrays("direct", &onto([&a, &b], -1, &ct), &unfused(1, &ct));
    let (oa, ob) = (own(&a), own(&b));
    close_arrays("copies", &onto([&oa, &ob], -1, &ct), &unfused(1, &ct));
    let ct0 = random_like(&product.sum(0), &mut r);
    close_arrays("outer axis", &onto([&a, &b], 0, &ct0), &unfused(0, &ct0));
    // Two arrays selected from, with derivatives checked against central differences.
    let small = Array::from(
        (0..30)
            .map(|k| (0..k % 5).map(|v| v as f64 * 0.4 - 0.7).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    );
    let y = random_like(&small, &mut r);
    let f2 = |p: &(Array<f64>, Array<f64>)| crossed_neighbours(&p.0, &p.1);
    let jvp = |p: &(Array<f64>, Array<f64>), t: &(Array<f64>, Array<f64>)| {
        jvp_crossed_neighbours(&p.0, &p.1, &t.0, &t.1)
    };
    let vjp =
        |p: &(Array<f64>, Array<f64>), ct: &Array<f64>| vjp_crossed_neighbours(&p.0, &p.1).1(ct);
    assert_grads(f2, jvp, vjp, &(small, y));
}

/// Pullbacks onto the selected array when some groups of lists (or all of them) pick no
/// values: lists of one value or none, whose neighbour slices are empty, give zero
/// cotangents, and pairs of an event with one jet none.
#[test]
fn pullbacks_over_lists_that_pick_nothing() {
    let x = Array::from(vec![vec![], vec![2.0], vec![]]);
    let ct = array![1.0, 2.0, 3.0];
    assert_eq!(vjp_neighbours(&x).1(&ct), x.zeros_like());
    assert_eq!(vjp_pair_products(&x).1(&ct), x.zeros_like());
    // 300 empty lists (more than one group of 128), then lists that pick values.
    let mut lists = vec![vec![]; 300];
    lists.push(vec![1.0, 2.0, 3.0]);
    let x = Array::from(lists);
    let ct = neighbours(&x).full_like(1.0);
    let got = vjp_neighbours(&x).1(&ct);
    assert_eq!(got.content(), &[2.0, 4.0, 2.0]);
}

/// The cotangent a pullback adds the chain's cotangents into starts from zeros even when the
/// buffer pool holds a buffer of its size with values in it (arrays of over 1 MB are
/// pooled), against the hand-derived `ct * (x[i-1] + x[i+1])`.
#[test]
fn pullbacks_onto_an_array_start_from_zeros() {
    let mut r = rng(3);
    let lists: Vec<Vec<f64>> = (0..300_000)
        .map(|_| {
            (0..r.random_range(0..=19))
                .map(|_| r.random_range(-1.0..1.0))
                .collect()
        })
        .collect();
    let x = Array::from(lists.clone());
    let ct = neighbours(&x).full_like(1.0);
    drop(&x * 3.0); // a buffer of x's size, with values in it, goes to the pool
    let got = vjp_neighbours(&x).1(&ct);
    let mut want = Vec::new();
    for l in &lists {
        for i in 0..l.len() {
            let before = if i > 0 { l[i - 1] } else { 0.0 };
            let after = if i + 1 < l.len() { l[i + 1] } else { 0.0 };
            want.push(before + after);
        }
    }
    for (k, (p, q)) in got.content().iter().zip(&want).enumerate() {
        assert!((p - q).abs() <= 1e-12, "leaf {k}: {p} against {q}");
    }
}
