//! Derivatives on 1,000,000 ragged lists of 0 to 19 f64: (e) `f(x) = sum(x * x + x.sin(),
//! -1)` as primal, JVP, and VJP plus one pullback, each beside its hand-derived loop.
//! Run with `cargo bench --bench derivatives`.

mod common;

use std::hint::black_box;

use awkdiff::Array;
use common::funcs;
use criterion::{criterion_group, criterion_main, Criterion};

fn e_f(c: &mut Criterion) {
    let d = common::inputs();
    let (x, dx) = (&d.ax, &d.ay);
    let ct = Array::from_vec(common::data::values(x.len(), 7));
    let mut g = c.benchmark_group("e_f");
    g.bench_function("primal", |b| b.iter(|| black_box(funcs::f(x))));
    g.bench_function("primal_hand", |b| {
        b.iter(|| black_box(funcs::f_hand(&d.offsets, &d.x)))
    });
    g.bench_function("jvp", |b| b.iter(|| black_box(funcs::jvp_f(x, dx))));
    g.bench_function("jvp_hand", |b| {
        b.iter(|| black_box(funcs::jvp_f_hand(&d.offsets, &d.x, &d.y)))
    });
    g.bench_function("vjp_pullback", |b| {
        b.iter(|| {
            let (out, pullback) = funcs::vjp_f(x);
            black_box((out, pullback(&ct)))
        })
    });
    g.bench_function("vjp_pullback_hand", |b| {
        b.iter(|| black_box(funcs::vjp_f_hand(&d.offsets, &d.x, ct.content())))
    });
    g.finish();
}

criterion_group! {
    name = derivatives;
    config = common::quick();
    targets = e_f
}
criterion_main!(derivatives);
