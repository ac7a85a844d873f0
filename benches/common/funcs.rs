//! The differentiated functions of the benchmarks, as `#[differentiable]` functions, and
//! their hand-derived loops over plain offsets and values:
//! - (d) the seed's `reverse_sum(x) = sum(x[::-1], axis=0)`;
//! - (e) `f(x) = sum(x * x + sin(x), axis=-1)`;
//! - (f) `pairs(x) = sum(x[:, 1:] * x[:, :-1], axis=1)`;
//! - (g) `pair_mass(jets)`: for every event, the invariant masses of all jet pairs
//!   (`ak.combinations(jets, 2)`, massless jets from pt, eta and phi), summed.

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

/// (g) Jets of each event (`ak.zip({"pt": .., "eta": .., "phi": ..})`).
#[derive(Clone, Debug, PartialEq, Record)]
pub struct Jets<T: Float> {
    pub pt: Array<T>,
    pub eta: Array<T>,
    pub phi: Array<T>,
}

/// (g) The summed invariant masses of every jet pair of each event, massless jets, one unit
/// added under the root so that it is smooth:
/// `sum(sqrt(2 pt_a pt_b (cosh(eta_a - eta_b) - cos(phi_a - phi_b)) + 1))` over the pairs.
#[differentiable]
pub fn pair_mass(jets: &Jets<f64>) -> Array<f64> {
    let (i, j) = jets.argcombinations::<2>();
    let a = jets.index(&i);
    let b = jets.index(&j);
    let m2 = &a.pt * &b.pt * ((&a.eta - &b.eta).cosh() - (&a.phi - &b.phi).cos()) * 2.0;
    (m2 + 1.0).sqrt().sum(1)
}

/// (g) The three fields of jets as plain slices.
pub struct JetsHand<'a> {
    pub offsets: &'a [i64],
    pub pt: &'a [f64],
    pub eta: &'a [f64],
    pub phi: &'a [f64],
}

/// The pairs `(a, b)`, `a < b`, of list `range`, with `C = cosh(d eta) - cos(d phi)` and the
/// mass `m`: `visit(a, b, c, m)`.
#[inline(always)]
fn for_pairs(j: &JetsHand, lo: usize, hi: usize, mut visit: impl FnMut(usize, usize, f64, f64)) {
    for a in lo..hi {
        for b in a + 1..hi {
            let c = (j.eta[a] - j.eta[b]).cosh() - (j.phi[a] - j.phi[b]).cos();
            let m = (2.0 * j.pt[a] * j.pt[b] * c + 1.0).sqrt();
            visit(a, b, c, m);
        }
    }
}

/// (g) by hand: a double loop over each event's jets.
pub fn pair_mass_hand(j: &JetsHand) -> Vec<f64> {
    j.offsets
        .windows(2)
        .map(|w| {
            let mut sum = 0.0;
            for_pairs(j, w[0] as usize, w[1] as usize, |_, _, _, m| sum += m);
            sum
        })
        .collect()
}

/// (g) forward mode by hand: `dm = (pt_b C dpt_a + pt_a C dpt_b
/// + pt_a pt_b (sinh(d eta) d(d eta) + sin(d phi) d(d phi))) / m`.
pub fn jvp_pair_mass_hand(j: &JetsHand, t: &JetsHand) -> (Vec<f64>, Vec<f64>) {
    let (mut out, mut d_out) = (Vec::new(), Vec::new());
    for w in j.offsets.windows(2) {
        let (mut sum, mut d_sum) = (0.0, 0.0);
        for_pairs(j, w[0] as usize, w[1] as usize, |a, b, c, m| {
            let (de, dp) = (j.eta[a] - j.eta[b], j.phi[a] - j.phi[b]);
            let dc = de.sinh() * (t.eta[a] - t.eta[b]) + dp.sin() * (t.phi[a] - t.phi[b]);
            let dm2 =
                2.0 * (t.pt[a] * j.pt[b] * c + j.pt[a] * t.pt[b] * c + j.pt[a] * j.pt[b] * dc);
            sum += m;
            d_sum += dm2 / (2.0 * m);
        });
        out.push(sum);
        d_out.push(d_sum);
    }
    (out, d_out)
}

/// (g) reverse mode by hand: each pair's `ct / m` spread onto the six inputs it reads.
pub fn vjp_pair_mass_hand(j: &JetsHand, ct: &[f64]) -> (Vec<f64>, [Vec<f64>; 3]) {
    let n = j.pt.len();
    let (mut g_pt, mut g_eta, mut g_phi) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut out = Vec::with_capacity(ct.len());
    for (w, &c_event) in j.offsets.windows(2).zip(ct) {
        let mut sum = 0.0;
        for_pairs(j, w[0] as usize, w[1] as usize, |a, b, c, m| {
            sum += m;
            let s = c_event / m; // d m / d (m2) = 1 / (2 m), times d m2 = 2 (...)
            let (de, dp) = (j.eta[a] - j.eta[b], j.phi[a] - j.phi[b]);
            let pp = j.pt[a] * j.pt[b];
            g_pt[a] += s * j.pt[b] * c;
            g_pt[b] += s * j.pt[a] * c;
            g_eta[a] += s * pp * de.sinh();
            g_eta[b] -= s * pp * de.sinh();
            g_phi[a] += s * pp * dp.sin();
            g_phi[b] -= s * pp * dp.sin();
        });
        out.push(sum);
    }
    (out, [g_pt, g_eta, g_phi])
}
