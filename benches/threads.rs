//! The `parallel` feature on 1,000,000 ragged lists of 0 to 19 f64: (a) `x * y + z`,
//! (b) `x.sum(-1)` and the VJP plus one pullback of (e) `f(x) = sum(x * x + x.sin(), -1)`,
//! each in a rayon pool of 1 thread and of 2 threads. Run with `cargo bench -p awkdiff-benches --bench threads`.

use awkdiff_benches as common;

use std::hint::black_box;

use awkdiff::Array;
use common::funcs;
use criterion::{criterion_group, criterion_main, Criterion};
use rayon::ThreadPool;

fn pool(threads: usize) -> ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon thread pool")
}

fn threads(c: &mut Criterion) {
    let d = common::inputs();
    let ct = Array::from_vec(common::data::values(d.ax.len(), 7));
    for threads in [1, 2] {
        let pool = pool(threads);
        let name = |case: &str| {
            format!(
                "{case}/{threads}_thread{}",
                if threads > 1 { "s" } else { "" }
            )
        };
        let mut g = c.benchmark_group("threads");
        g.bench_function(name("a_mul_add"), |b| {
            b.iter(|| pool.install(|| black_box(&d.ax * &d.ay + &d.az)))
        });
        g.bench_function(name("b_sum_inner"), |b| {
            b.iter(|| pool.install(|| black_box(d.ax.sum(-1))))
        });
        g.bench_function(name("e_vjp_pullback"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let (out, pullback) = funcs::vjp_f(&d.ax);
                    black_box((out, pullback(&ct)))
                })
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = parallel;
    config = common::quick();
    targets = threads
}
criterion_main!(parallel);
