//! Derivatives on 1,000,000 ragged lists of 0 to 19 f64, each as primal, JVP, and VJP plus
//! one pullback of the `#[differentiable]` function, beside its hand-derived loops:
//! (d) the seed's `reverse_sum(x) = sum(x[::-1], 0)`, (e) `f(x) = sum(x * x + sin x, -1)`,
//! (f) `pairs(x) = sum(x[:, 1:] * x[:, :-1], 1)`, (g) `pair_mass(jets)`: the invariant masses
//! of all pairs of the (up to 6) leading jets of each event, summed (`ak.combinations`).
//! Run with `cargo bench -p awkdiff-benches --bench derivatives`.

use awkdiff_benches as common;

use std::hint::black_box;

use awkdiff::prelude::*;
use awkdiff::Array;
use common::funcs;
use criterion::{criterion_group, criterion_main, Criterion};

type Primal = fn(&Array<f64>) -> Array<f64>;
type Jvp = fn(&Array<f64>, &Array<f64>) -> (Array<f64>, Array<f64>);
type Hand = fn(&[i64], &[f64]) -> Vec<f64>;
type HandDerivative = fn(&[i64], &[f64], &[f64]) -> (Vec<f64>, Vec<f64>);

/// One group: primal, `jvp_`, `vjp_` plus one pullback (of `ct`), and the hand loops.
#[allow(clippy::too_many_arguments)]
fn case<P: Fn(&Array<f64>) -> Array<f64>>(
    c: &mut Criterion,
    name: &str,
    primal: Primal,
    jvp: Jvp,
    vjp: impl Fn(&Array<f64>) -> (Array<f64>, P),
    hand: Hand,
    jvp_hand: HandDerivative,
    vjp_hand: HandDerivative,
) {
    let d = common::inputs();
    let (x, dx) = (&d.ax, &d.ay);
    let ct = Array::from_vec(common::data::values(primal(x).len(), 7));
    // The hand loops compute the same values (up to rounding).
    let close = |a: &[f64], b: &[f64], what: &str| {
        assert_eq!(a.len(), b.len(), "{name} {what}: lengths");
        let worst = a
            .iter()
            .zip(b)
            .map(|(p, q)| (p - q).abs())
            .fold(0.0, f64::max);
        assert!(
            worst < 1e-9,
            "{name} {what}: differs from the hand loop by {worst}"
        );
    };
    close(primal(x).content(), &hand(&d.offsets, &d.x), "primal");
    let ((out, d_out), (out_h, d_out_h)) = (jvp(x, dx), jvp_hand(&d.offsets, &d.x, &d.y));
    close(out.content(), &out_h, "jvp value");
    close(d_out.content(), &d_out_h, "jvp tangent");
    let (out, pullback) = vjp(x);
    let (out_h, ct_x_h) = vjp_hand(&d.offsets, &d.x, ct.content());
    close(out.content(), &out_h, "vjp value");
    close(pullback(&ct).content(), &ct_x_h, "vjp cotangent");
    let mut g = c.benchmark_group(name);
    g.bench_function("primal", |b| b.iter(|| black_box(primal(x))));
    g.bench_function("primal_hand", |b| {
        b.iter(|| black_box(hand(&d.offsets, &d.x)))
    });
    g.bench_function("jvp", |b| b.iter(|| black_box(jvp(x, dx))));
    g.bench_function("jvp_hand", |b| {
        b.iter(|| black_box(jvp_hand(&d.offsets, &d.x, &d.y)))
    });
    g.bench_function("vjp_pullback", |b| {
        b.iter(|| {
            let (out, pullback) = vjp(x);
            black_box((out, pullback(&ct)))
        })
    });
    g.bench_function("vjp_pullback_hand", |b| {
        b.iter(|| black_box(vjp_hand(&d.offsets, &d.x, ct.content())))
    });
    g.finish();
}

fn d_reverse_sum(c: &mut Criterion) {
    // The machine's memory bandwidth for the seed's bytes: a plain copy of what its primal
    // reads (the values and the offsets) into buffers reused between iterations. The
    // primal's throughput against it is `copy time / primal time` (the copy also writes).
    let d = common::inputs();
    let bytes = (d.x.len() + d.offsets.len()) * 8;
    let mut group = c.benchmark_group("d_reverse_sum_bandwidth");
    group.throughput(criterion::Throughput::Bytes(bytes as u64));
    let (mut values, mut offsets) = (d.x.clone(), d.offsets.clone());
    group.bench_function("copy_same_bytes", |b| {
        b.iter(|| {
            values.copy_from_slice(black_box(&d.x));
            offsets.copy_from_slice(black_box(&d.offsets));
            black_box((&values, &offsets));
        })
    });
    group.bench_function("primal_read_bytes", |b| {
        b.iter(|| black_box(funcs::reverse_sum(&d.ax)))
    });
    group.finish();
    case(
        c,
        "d_reverse_sum",
        funcs::reverse_sum,
        funcs::jvp_reverse_sum,
        funcs::vjp_reverse_sum,
        funcs::reverse_sum_hand,
        funcs::jvp_reverse_sum_hand,
        funcs::vjp_reverse_sum_hand,
    );
}

fn e_f(c: &mut Criterion) {
    case(
        c,
        "e_f",
        funcs::f,
        funcs::jvp_f,
        funcs::vjp_f,
        funcs::f_hand,
        funcs::jvp_f_hand,
        funcs::vjp_f_hand,
    );
}

fn f_pairs(c: &mut Criterion) {
    case(
        c,
        "f_pairs",
        funcs::pairs,
        funcs::jvp_pairs,
        funcs::vjp_pairs,
        funcs::pairs_hand,
        funcs::jvp_pairs_hand,
        funcs::vjp_pairs_hand,
    );
}

fn g_pair_mass(c: &mut Criterion) {
    let (jets, tangent) = common::jets();
    let plain = |j: &funcs::Jets<f64>| {
        (
            j.pt.content().to_vec(),
            j.eta.content().to_vec(),
            j.phi.content().to_vec(),
        )
    };
    let offsets: Vec<i64> = jets.pt.offsets(0).to_vec();
    let (pt, eta, phi) = plain(&jets);
    let (dpt, deta, dphi) = plain(&tangent);
    let hand = funcs::JetsHand {
        offsets: &offsets,
        pt: &pt,
        eta: &eta,
        phi: &phi,
    };
    let hand_t = funcs::JetsHand {
        offsets: &offsets,
        pt: &dpt,
        eta: &deta,
        phi: &dphi,
    };
    let ct = Array::from_vec(common::data::values(jets.len(), 7));
    // The hand loops compute the same values (up to rounding).
    let close = |a: &[f64], b: &[f64], what: &str| {
        let worst = a
            .iter()
            .zip(b)
            .map(|(p, q)| (p - q).abs() / (1.0 + q.abs()))
            .fold(0.0, f64::max);
        assert!(
            a.len() == b.len() && worst < 1e-9,
            "g_pair_mass {what}: {worst}"
        );
    };
    close(
        funcs::pair_mass(&jets).content(),
        &funcs::pair_mass_hand(&hand),
        "primal",
    );
    let (_, d_out) = funcs::jvp_pair_mass(&jets, &tangent);
    close(
        d_out.content(),
        &funcs::jvp_pair_mass_hand(&hand, &hand_t).1,
        "jvp",
    );
    let ct_jets = funcs::vjp_pair_mass(&jets).1(&ct);
    let (_, [g_pt, g_eta, g_phi]) = funcs::vjp_pair_mass_hand(&hand, ct.content());
    close(ct_jets.pt.content(), &g_pt, "vjp pt");
    close(ct_jets.eta.content(), &g_eta, "vjp eta");
    close(ct_jets.phi.content(), &g_phi, "vjp phi");
    let mut g = c.benchmark_group("g_pair_mass");
    g.bench_function("primal", |b| b.iter(|| black_box(funcs::pair_mass(&jets))));
    g.bench_function("primal_hand", |b| {
        b.iter(|| black_box(funcs::pair_mass_hand(&hand)))
    });
    g.bench_function("jvp", |b| {
        b.iter(|| black_box(funcs::jvp_pair_mass(&jets, &tangent)))
    });
    g.bench_function("jvp_hand", |b| {
        b.iter(|| black_box(funcs::jvp_pair_mass_hand(&hand, &hand_t)))
    });
    g.bench_function("vjp_pullback", |b| {
        b.iter(|| {
            let (out, pullback) = funcs::vjp_pair_mass(&jets);
            black_box((out, pullback(&ct)))
        })
    });
    g.bench_function("vjp_pullback_hand", |b| {
        b.iter(|| black_box(funcs::vjp_pair_mass_hand(&hand, ct.content())))
    });
    g.finish();
}

criterion_group! {
    name = derivatives;
    config = common::quick();
    targets = d_reverse_sum, e_f, f_pairs, g_pair_mass
}
criterion_main!(derivatives);
