//! Kernels (a)-(c) on 1,000,000 ragged lists of 0 to 19 f64, each beside a hand-written
//! loop over plain `Vec`s and offsets computing the same values (the practical limit):
//! (a) `x * y + z`, (b) `x.sum(-1)`, (c) `x.sum(0)`; (d) `exp ln sin cos tanh` by
//! `awkdiff::math` against libm's calls, in a plain loop over the ~9.5M values (into one
//! reused buffer), beside the array methods, and (e) `sin` or `tanh` with its slope in a
//! fused chain (`fused_jvp`) either way.
//! Run with `cargo bench -p awkdiff-benches --bench kernels`;
//! single-threaded figures: `RAYON_NUM_THREADS=1 cargo bench -p awkdiff-benches --bench kernels`.

use awkdiff_benches as common;

use awkdiff::math;
use awkdiff::rules::{self, scalar};

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

/// One transcendental function three ways over the same values, `$scale`d into its
/// interesting range: a loop calling libm, a loop calling `awkdiff::math` (each inlined
/// into its loop, as a hand-written loop would be; both write into one reused buffer), and
/// the array method (the kernel, which uses whichever the ufunc uses).
macro_rules! transcendental_rows {
    ($g:expr, $d:expr, $($name:ident: $scale:expr;)*) => {$(
        let a = $d.ax.map($scale);
        let x = a.content().to_vec();
        let mut out = vec![0.0f64; x.len()];
        $g.bench_function(concat!(stringify!($name), "/libm"), |b| {
            b.iter(|| {
                for (o, &v) in out.iter_mut().zip(&x) {
                    *o = v.$name();
                }
                black_box(&out);
            })
        });
        $g.bench_function(concat!(stringify!($name), "/math"), |b| {
            b.iter(|| {
                for (o, &v) in out.iter_mut().zip(&x) {
                    *o = math::$name(v);
                }
                black_box(&out);
            })
        });
        $g.bench_function(concat!(stringify!($name), "/array"), |b| {
            b.iter(|| black_box(a.$name()))
        });
    )*};
}

/// (d) `exp ln sin cos tanh`: libm's calls against awkdiff's polynomials (f64, and f32 for
/// `exp` and `sin`).
fn transcendental(c: &mut Criterion) {
    let d = common::inputs();
    let mut g = c.benchmark_group("d_transcendental");
    transcendental_rows! { g, d,
        exp: |v| 5.0 * v;
        ln: |v| 10.0 * v.abs() + 1e-3;
        sin: |v| 4.0 * v;
        cos: |v| 4.0 * v;
        tanh: |v| 3.0 * v;
    }
    let x32: Vec<f32> = d.x.iter().map(|&v| (4.0 * v) as f32).collect();
    let mut out32 = vec![0.0f32; x32.len()];
    macro_rules! f32_rows {
        ($($name:ident),*) => {$(
            g.bench_function(concat!(stringify!($name), "_f32/libm"), |b| {
                b.iter(|| {
                    for (o, &v) in out32.iter_mut().zip(&x32) {
                        *o = v.$name();
                    }
                    black_box(&out32);
                })
            });
            g.bench_function(concat!(stringify!($name), "_f32/math"), |b| {
                b.iter(|| {
                    for (o, &v) in out32.iter_mut().zip(&x32) {
                        *o = math::$name(v);
                    }
                    black_box(&out32);
                })
            });
        )*};
    }
    f32_rows!(sin, exp);
    g.finish();
}

/// (e) `sin` and its slope in one fused pass (what `#[differentiable]` generates for
/// `jvp_` of `x.sin()`), with libm's calls and with the scalar forms awkdiff uses.
fn fused_sin_jvp(c: &mut Criterion) {
    let d = common::inputs();
    let a = d.ax.map(|v| 4.0 * v);
    let t = &d.ay;
    let mut g = c.benchmark_group("e_fused_sin_jvp");
    g.bench_function("libm", |b| {
        b.iter(|| {
            black_box(rules::fused_jvp([&a], [t], |[x], [dx]| {
                (x.sin(), x.cos() * dx)
            }))
        })
    });
    g.bench_function("awkdiff", |b| {
        b.iter(|| {
            black_box(rules::fused_jvp([&a], [t], |[x], [dx]| {
                let y = scalar::sin(x);
                (y, scalar::sin_slope(x, y) * dx)
            }))
        })
    });
    g.bench_function("tanh_libm", |b| {
        b.iter(|| {
            black_box(rules::fused_jvp([&a], [t], |[x], [dx]| {
                let y = x.tanh();
                (y, (1.0 - y * y) * dx)
            }))
        })
    });
    g.bench_function("tanh_awkdiff", |b| {
        b.iter(|| {
            black_box(rules::fused_jvp([&a], [t], |[x], [dx]| {
                let y = scalar::tanh(x);
                (y, scalar::tanh_slope(x, y) * dx)
            }))
        })
    });
    g.finish();
}

criterion_group! {
    name = kernels;
    config = common::quick();
    targets = mul_add, sum_inner, sum_outer, transcendental, fused_sin_jvp
}
criterion_main!(kernels);
