//! The differentiated functions of the benchmarks, as `#[differentiable]` functions, and
//! their hand-derived loops over plain offsets and values:
//! - (d) the seed's `reverse_sum(x) = sum(x[::-1], axis=0)`;
//! - (e) `f(x) = sum(x * x + sin(x), axis=-1)`;
//! - (f) `pairs(x) = sum(x[:, 1:] * x[:, :-1], axis=1)`.

use awkdiff::prelude::*;

/// (d) The seed function: the lists summed position by position, last list first.
#[differentiable]
pub fn reverse_sum(x: &Array<f64>) -> Array<f64> {
    x.slice(s![..;-1]).sum(0)
}

/// (e) `sum(x * x + sin(x), -1)`.
#[differentiable]
pub fn f(x: &Array<f64>) -> Array<f64> {
    (x * x + x.sin()).sum(-1)
}

/// (f) The sum of the products of neighbours in every list.
#[differentiable]
pub fn pairs(x: &Array<f64>) -> Array<f64> {
    (x.slice(s![.., 1..]) * x.slice(s![.., ..-1])).sum(1)
}

/// Lists `offsets[i]..offsets[i + 1]` of `x`.
fn lists<'a>(offsets: &'a [i64], x: &'a [f64]) -> impl DoubleEndedIterator<Item = &'a [f64]> {
    offsets
        .windows(2)
        .map(move |w| &x[w[0] as usize..w[1] as usize])
}

/// Length of the longest list.
fn widest(offsets: &[i64]) -> usize {
    offsets.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0) as usize
}

/// (d) by hand: position-by-position sums, last list first.
pub fn reverse_sum_hand(offsets: &[i64], x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; widest(offsets)];
    for list in lists(offsets, x).rev() {
        for (o, &v) in out.iter_mut().zip(list) {
            *o += v;
        }
    }
    out
}

/// (d) forward mode by hand: the value and the same sums of the tangent.
pub fn jvp_reverse_sum_hand(offsets: &[i64], x: &[f64], dx: &[f64]) -> (Vec<f64>, Vec<f64>) {
    (reverse_sum_hand(offsets, x), reverse_sum_hand(offsets, dx))
}

/// (d) reverse mode by hand: the value, then `ct[q]` for the element at position `q`.
pub fn vjp_reverse_sum_hand(offsets: &[i64], x: &[f64], ct: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let out = reverse_sum_hand(offsets, x);
    let mut ct_x = Vec::with_capacity(x.len());
    for w in offsets.windows(2) {
        ct_x.extend_from_slice(&ct[..(w[1] - w[0]) as usize]);
    }
    (out, ct_x)
}

/// (e) by hand.
pub fn f_hand(offsets: &[i64], x: &[f64]) -> Vec<f64> {
    lists(offsets, x)
        .map(|l| l.iter().fold(0.0, |s, &v| s + (v * v + v.sin())))
        .collect()
}

/// (e) forward mode by hand: `sum((2x + cos x) dx)` per list, with the value.
pub fn jvp_f_hand(offsets: &[i64], x: &[f64], dx: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut out = Vec::with_capacity(offsets.len() - 1);
    let mut d_out = Vec::with_capacity(offsets.len() - 1);
    for w in offsets.windows(2) {
        let (lo, hi) = (w[0] as usize, w[1] as usize);
        let (mut s, mut ds) = (0.0, 0.0);
        for (&v, &d) in x[lo..hi].iter().zip(&dx[lo..hi]) {
            let (sin, cos) = v.sin_cos();
            s += v * v + sin;
            ds += (2.0 * v + cos) * d;
        }
        out.push(s);
        d_out.push(ds);
    }
    (out, d_out)
}

/// (e) reverse mode by hand: the value, then `ct[list] * (2x + cos x)` for every value.
pub fn vjp_f_hand(offsets: &[i64], x: &[f64], ct: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let out = f_hand(offsets, x);
    let mut ct_x = Vec::with_capacity(x.len());
    for (l, &c) in lists(offsets, x).zip(ct) {
        ct_x.extend(l.iter().map(|&v| c * (2.0 * v + v.cos())));
    }
    (out, ct_x)
}

/// (f) by hand.
pub fn pairs_hand(offsets: &[i64], x: &[f64]) -> Vec<f64> {
    lists(offsets, x)
        .map(|l| l.windows(2).fold(0.0, |s, p| s + p[1] * p[0]))
        .collect()
}

/// (f) forward mode by hand: `sum(dx[i+1] x[i] + x[i+1] dx[i])` per list, with the value.
pub fn jvp_pairs_hand(offsets: &[i64], x: &[f64], dx: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let d_out = lists(offsets, x)
        .zip(lists(offsets, dx))
        .map(|(l, d)| {
            l.windows(2)
                .zip(d.windows(2))
                .fold(0.0, |s, (p, q)| s + (q[1] * p[0] + p[1] * q[0]))
        })
        .collect();
    (pairs_hand(offsets, x), d_out)
}

/// (f) reverse mode by hand: `ct * (x[i-1] + x[i+1])` (the neighbours that exist).
pub fn vjp_pairs_hand(offsets: &[i64], x: &[f64], ct: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let out = pairs_hand(offsets, x);
    let mut ct_x = Vec::with_capacity(x.len());
    for (l, &c) in lists(offsets, x).zip(ct) {
        for i in 0..l.len() {
            let before = if i > 0 { l[i - 1] } else { 0.0 };
            let after = if i + 1 < l.len() { l[i + 1] } else { 0.0 };
            ct_x.push(c * (before + after));
        }
    }
    (out, ct_x)
}
