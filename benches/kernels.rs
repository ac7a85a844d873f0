//! Kernels (a)-(c) on 1,000,000 ragged lists of 0 to 19 f64, each beside a hand-written
//! loop over plain `Vec`s and offsets computing the same values (the practical limit):
//! (a) `x * y + z`, (b) `x.sum(-1)`, (c) `x.sum(0)`. Run with `cargo bench -p awkdiff-benches --bench kernels`;
//! single-threaded figures: `RAYON_NUM_THREADS=1 cargo bench -p awkdiff-benches --bench kernels`.

use awkdiff_benches as common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

/// (a) `x * y + z`, elementwise over arrays of one structure.
fn mul_add(c: &mut Criterion) {
    let d = common::inputs();
    let mut g = c.benchmark_group("a_mul_add");
    g.bench_function("awkdiff", |b| b.iter(|| black_box(&d.ax * &d.ay + &d.az)));
    g.bench_function("hand", |b| {
        b.iter(|| {
            let out: Vec<f64> =
                d.x.iter()
                    .zip(&d.y)
                    .zip(&d.z)
                    .map(|((&x, &y), &z)| x * y + z)
                    .collect();
            black_box(out)
        })
    });
    g.finish();
}

/// (b) `x.sum(-1)`: one value per list.
fn sum_inner(c: &mut Criterion) {
    let d = common::inputs();
    let mut g = c.benchmark_group("b_sum_inner");
    g.bench_function("awkdiff", |b| b.iter(|| black_box(d.ax.sum(-1))));
    g.bench_function("hand", |b| {
        b.iter(|| {
            let out: Vec<f64> = d
                .offsets
                .windows(2)
                .map(|w| d.x[w[0] as usize..w[1] as usize].iter().sum())
                .collect();
            black_box(out)
        })
    });
    g.finish();
}

/// (c) `x.sum(0)`: position by position across lists.
fn sum_outer(c: &mut Criterion) {
    let d = common::inputs();
    let mut g = c.benchmark_group("c_sum_outer");
    g.bench_function("awkdiff", |b| b.iter(|| black_box(d.ax.sum(0))));
    g.bench_function("hand", |b| {
        b.iter(|| {
            let widest = d.offsets.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
            let mut out = vec![0.0f64; widest as usize];
            for w in d.offsets.windows(2) {
                let list = &d.x[w[0] as usize..w[1] as usize];
                for (o, &v) in out.iter_mut().zip(list) {
                    *o += v;
                }
            }
            black_box(out)
        })
    });
    g.finish();
}

criterion_group! {
    name = kernels;
    config = common::quick();
    targets = mul_add, sum_inner, sum_outer
}
criterion_main!(kernels);
