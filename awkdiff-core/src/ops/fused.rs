//! Fused elementwise chains: what `#[differentiable]` generates for a run of elementwise
//! operations (`x * x + x.sin()`) whose intermediates are used nowhere else. Instead of one
//! pass and one temporary per operation, the chain becomes one scalar closure run in one
//! pass over the flat contents: [`fused_map`] for the value, [`fused_jvp`] for value and
//! tangent together, [`fused_vjp`] for the cotangents of the chain's inputs.
//!
//! The closures call the scalar forms in [`scalar`](super::scalar): each elementwise primitive's value and
//! its local derivative ("slope"), with the same conventions as the array rules beside their
//! primals in `elementwise.rs` and `operators.rs` (a test checks every one against them).
//!
//! The fused path needs its inputs to share one structure ([`same_structure`]); the
//! generated code checks that first and otherwise runs the unfused statements, so broadcasting
//! and its errors are exactly those of the operations as written.

use crate::broadcast::{broadcast_onto, sum_onto};
use crate::element::Float;
use crate::layout::Array;
use crate::lazy_map::{map_groups, map_groups_per_list, scatter_groups_per_list, sum_groups};
use crate::ops::reduce::add;
use crate::ops::reduce_map::ReduceMap;

/// Whether all `arrays` have one structure (then a fused chain over them needs no
/// broadcasting). O(1) when they share their offsets, as arrays derived from one another do.
///
/// ```
/// use awkdiff_core::{array, rules::same_structure};
/// let x = array![[1.0, 2.0], [], [3.0]];
/// assert!(same_structure([&x, &x.sin()]));
/// assert!(!same_structure([&x, &array![[1.0], [2.0, 3.0], []]]));
/// ```
pub fn same_structure<T: Float, const N: usize>(arrays: [&Array<T>; N]) -> bool {
    arrays
        .windows(2)
        .all(|pair| pair[0].structure().same_as(pair[1].structure()))
}

/// Panics unless the inputs of a fused chain share one structure.
#[track_caller]
fn expect_same<T: Float, const N: usize>(arrays: [&Array<T>; N], what: &str) {
    if !same_structure(arrays) {
        let mut found = Vec::with_capacity(N);
        for a in arrays {
            found.push(a.to_string());
        }
        structures_differ(what, &found);
    }
}

/// The panic of [`expect_same`], not generic: compiled once, in this crate.
#[cold]
#[track_caller]
fn structures_differ(what: &str, found: &[String]) -> ! {
    panic!(
        "{what}: the inputs of a fused elementwise chain must share one structure, found {}",
        found.join(" and ")
    )
}

/// The value of a fused chain: `f` of the inputs' values at every position, in one pass.
/// The inputs share one structure (see [`same_structure`]).
///
/// ```
/// use awkdiff_core::{array, rules::{fused_map, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let y = fused_map([&x], |[x]| scalar::add(scalar::mul(x, x), scalar::sin(x)));
/// assert_eq!(y, &x * &x + x.sin());
/// ```
#[track_caller]
pub fn fused_map<T: Float, const N: usize>(
    inputs: [&Array<T>; N],
    f: impl Fn([T; N]) -> T + Sync,
) -> Array<T> {
    expect_same(inputs, "fused_map");
    let [out] = map_groups(inputs, [], len(inputs), |xs, []| [f(xs)]);
    inputs[0].with_content(out)
}

/// Value and tangent of a fused chain in one pass: `f(values, tangents)` gives both at every
/// position. `tangents` are those of the active inputs, each of its input's structure.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_jvp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let t = array![[1.0, 1.0], [], [1.0]];
/// let (y, dy) = fused_jvp([&x], [&t], |[x], [dx]| {
///     let y = scalar::sin(x);
///     (y, scalar::sin_slope(x, y) * dx)
/// });
/// assert_eq!((y, dy), (x.sin(), x.cos()));
/// ```
#[track_caller]
pub fn fused_jvp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    tangents: [&Array<T>; M],
    f: impl Fn([T; N], [T; M]) -> (T, T) + Sync,
) -> (Array<T>, Array<T>) {
    expect_tangents(inputs, tangents);
    let [value, tangent] = map_groups(inputs, tangents, len(inputs), |xs, ts| {
        let (y, dy) = f(xs, ts);
        [y, dy]
    });
    (
        inputs[0].with_content(value),
        inputs[0].with_content(tangent),
    )
}

/// Panics unless the inputs of a fused chain share one structure, and so do its tangents
/// (of the inputs' structure).
#[track_caller]
fn expect_tangents<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    tangents: [&Array<T>; M],
) {
    expect_same(inputs, "fused_jvp");
    expect_same(tangents, "fused_jvp");
    if let Some(t) = tangents.first() {
        assert!(
            t.structure().same_as(inputs[0].structure()),
            "fused_jvp: the tangents are {t} but the inputs {}",
            inputs[0]
        );
    }
}

/// Cotangents of the first `M` inputs of a fused chain (its active inputs) for the
/// cotangent `ct` of its output, in one pass: `f(values, ct)` gives them at every position.
/// An input of another structure than `ct` (one that the chain broadcast) is broadcast onto
/// it first and its cotangent summed back, as the unfused rules do.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_vjp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let ct = array![[1.0, 1.0], [], [1.0]];
/// let [ct_x] = fused_vjp([&x], &ct, |[x], ct| [scalar::sin_slope(x, scalar::sin(x)) * ct]);
/// assert_eq!(ct_x, x.cos());
/// ```
#[track_caller]
pub fn fused_vjp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    ct: &Array<T>,
    f: impl Fn([T; N], T) -> [T; M] + Sync,
) -> [Array<T>; M] {
    let onto = broadcast_all(ct, inputs);
    let cts = map_groups(
        refs(&onto),
        [ct],
        ct.structure().content_len(),
        |xs, [c]| f(xs, c),
    );
    sum_all_onto(ct, cts, inputs)
}

/// Each of `inputs` broadcast onto the structure of `ct`.
fn broadcast_all<T: Float, const N: usize>(ct: &Array<T>, inputs: [&Array<T>; N]) -> [Array<T>; N] {
    inputs.map(|x| broadcast_onto(ct, x))
}

/// References to each of `arrays`.
fn refs<T: Float, const N: usize>(arrays: &[Array<T>; N]) -> [&Array<T>; N] {
    arrays.each_ref()
}

/// The cotangents `cts` (of `ct`'s structure) of the first `M` of `inputs`, each summed back
/// onto its input's structure.
fn sum_all_onto<T: Float, const N: usize, const M: usize>(
    ct: &Array<T>,
    cts: [Vec<T>; M],
    inputs: [&Array<T>; N],
) -> [Array<T>; M] {
    let mut k = 0;
    cts.map(|c| {
        let like = inputs[k];
        k += 1;
        sum_onto(&ct.with_content(c), like)
    })
}

/// Each of `values` as the content of an array of the structure of the one beside it in
/// `like` (outputs of a pass, in the shapes of the first `M` of its inputs or targets).
fn contents_like<T: Float, const N: usize, const M: usize>(
    values: [Vec<T>; M],
    like: [&Array<T>; N],
) -> [Array<T>; M] {
    let mut values = values.into_iter();
    std::array::from_fn(|k| like[k].with_content(values.next().expect("one per output")))
}

/// How many values each of `inputs` (of one structure) holds.
fn len<T: Float, const N: usize>(inputs: [&Array<T>; N]) -> usize {
    crate::lazy_map::content_len(&inputs)
}

// ---------------------------------------------------------------------------------------
// Chains reduced by the sum that consumes them
// ---------------------------------------------------------------------------------------

/// `fused_map(inputs, f).sum(axis)` without the intermediate array: at the innermost axis
/// each list's values of `f` are summed as they are computed, in one pass (the same sums,
/// to the bit, as the two steps give); at other axes the two steps run as written.
///
/// # Panics
/// When the inputs differ in structure, or with `sum`'s message when `axis` is out of range.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_map, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let y = fused_sum_map([&x], -1, |[x]| scalar::mul(x, x));
/// assert_eq!(y, (&x * &x).sum(-1));
/// ```
#[track_caller]
pub fn fused_sum_map<T: Float, const N: usize>(
    inputs: [&Array<T>; N],
    axis: isize,
    f: impl Fn([T; N]) -> T + Sync,
) -> Array<T> {
    expect_same(inputs, "fused_sum_map");
    let plan = SumPlan::new(&inputs, axis);
    let [sums] = sum_groups(inputs, [], plan.lists(), |xs, _: [T; 0]| [f(xs)]);
    plan.finish(sums)
}

/// The offsets `0, 1, .., n`: every position a list of its own (so that a list kernel
/// computes a chain's values position by position).
fn each_position(n: usize) -> Vec<i64> {
    (0..=n as i64).collect()
}

/// Where a fused sum's one pass runs and how its sums become the result: not generic over
/// the chain, so that a chain compiles only its pass. At the innermost axis the pass sums
/// the lists; at other axes (one kernel per chain still) it takes the chain's values as
/// lists of one position, which `sum` then reduces as written.
struct SumPlan {
    map: ReduceMap,
    /// The offsets `0, 1, .., n` at other axes than the innermost: every position a list
    /// of its own.
    each_position: Vec<i64>,
}

impl SumPlan {
    /// The plan of `chain.sum(axis)` over `inputs` (of one structure).
    #[track_caller]
    fn new<T: Float>(inputs: &[&Array<T>], axis: isize) -> SumPlan {
        let map = ReduceMap::for_rule(inputs[0], axis);
        let each_position = match map.list_offsets() {
            Some(_) => Vec::new(),
            None => each_position(crate::lazy_map::content_len(inputs)),
        };
        SumPlan { map, each_position }
    }

    /// The lists the pass sums.
    fn lists(&self) -> &[i64] {
        self.map.list_offsets().unwrap_or(&self.each_position)
    }

    /// The result from the pass's sums.
    fn finish<T: Float>(&self, sums: Vec<T>) -> Array<T> {
        match self.map.list_offsets() {
            Some(_) => self.map.output(sums),
            // `add`, not a closure: a closure would be a type of its own.
            None => self.map.output(self.map.fold(&sums, T::zero(), add)),
        }
    }
}

/// Value and tangent of `chain.sum(axis)` for a fused chain (as [`fused_jvp`] then `sum` of
/// both), the sums taken in the same pass at the innermost axis.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_jvp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let t = array![[1.0, 1.0], [], [1.0]];
/// let (y, dy) = fused_sum_jvp([&x], [&t], -1, |[x], [dx]| (scalar::mul(x, x), 2.0 * x * dx));
/// assert_eq!((y, dy), ((&x * &x).sum(-1), (&x * 2.0).sum(-1)));
/// ```
#[track_caller]
pub fn fused_sum_jvp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    tangents: [&Array<T>; M],
    axis: isize,
    f: impl Fn([T; N], [T; M]) -> (T, T) + Sync,
) -> (Array<T>, Array<T>) {
    expect_same(inputs, "fused_sum_jvp");
    for (k, t) in tangents.iter().enumerate() {
        crate::value::expect_like(*t, inputs[k], "tangent of a fused chain's input");
    }
    let plan = SumPlan::new(&inputs, axis);
    let [y, dy] = sum_groups(inputs, tangents, plan.lists(), |xs, ts| {
        let (y, dy) = f(xs, ts);
        [y, dy]
    });
    (plan.finish(y), plan.finish(dy))
}

/// Cotangents of the active inputs of `chain.sum(axis)` for the cotangent `ct` of the sum
/// (as `sum`'s rule then [`fused_vjp`]): `ct` is spread back over the reduced lists once,
/// then the chain's cotangents come out of one pass.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_vjp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let [ct_x] = fused_sum_vjp([&x], &array![1.0, 5.0, 10.0], -1, |[x], ct| [2.0 * x * ct]);
/// assert_eq!(ct_x, array![[0.0, 2.0], [], [40.0]]);
/// ```
#[track_caller]
pub fn fused_sum_vjp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    ct: &Array<T>,
    axis: isize,
    f: impl Fn([T; N], T) -> [T; M] + Sync,
) -> [Array<T>; M] {
    let deepest = deepest(inputs);
    let map = ReduceMap::for_rule(deepest, axis);
    assert!(
        ct.content().len() == map.n_slots(),
        "structure mismatch in cotangent of a fused sum: {} values for {} sums",
        ct.content().len(),
        map.n_slots()
    );
    if let (Some(offsets), true) = (map.list_offsets(), same_structure(inputs)) {
        // Innermost axis: each list's cotangent is read where the pass needs it.
        let cts = map_groups_per_list(inputs, offsets, ct.content(), &f);
        return contents_like(cts, inputs);
    }
    // Other axes, or inputs that broadcast: the cotangent spread over the chain's values,
    // through the same kernel (lists of one position), so that a chain compiles one.
    let spread = deepest.with_content(map.broadcast_slots(ct.content()));
    per_position_vjp(inputs, &spread, &f)
}

/// Cotangents of the first `M` of `inputs` for the cotangent `ct` of a chain's value (of
/// the structure broadcasting gives), through [`map_groups_per_list`] with every position a
/// list of its own; inputs that broadcast are spread onto `ct` first and summed back.
fn per_position_vjp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    ct: &Array<T>,
    f: &(impl Fn([T; N], T) -> [T; M] + Sync),
) -> [Array<T>; M] {
    let onto = broadcast_all(ct, inputs);
    let n = ct.structure().content_len();
    let cts = map_groups_per_list(refs(&onto), &each_position(n), ct.content(), f);
    sum_all_onto(ct, cts, inputs)
}

/// The scatter of an active input's cotangent back onto the array it was selected from
/// (the selection's VJP, such as `|ct| slice_vjp(&x, &y, &s, ct)`), and which of the arrays
/// in [`fused_sum_vjp_onto`]'s `onto` that is.
///
/// ```
/// use awkdiff_core::{array, rules::{slice_vjp, SelectedFrom}, s, Array};
/// let x = array![[1.0, 2.0], [3.0]];
/// let tail = s![.., 1..];
/// let y = x.slice(&tail);
/// let back = |ct: &Array<f64>| slice_vjp(&x, &y, &tail, ct);
/// let (onto, vjp): SelectedFrom<'_, f64> = (0, &back);
/// assert_eq!((onto, vjp(&array![[5.0], []])), (0, array![[0.0, 5.0], [0.0]]));
/// ```
pub type SelectedFrom<'a, T> = (usize, &'a dyn Fn(&Array<T>) -> Array<T>);

/// [`fused_sum_vjp`] for a chain whose active inputs are selections (slices, jagged
/// indexing) of other arrays: the cotangent of each array selected from, `onto[t]`, for the
/// cotangent `ct` of the sum. `back[k] = (t, vjp)` says that active input `k` was selected
/// from `onto[t]`, and `vjp` is that selection's VJP.
///
/// At the innermost axis, when all select from one array and each reads it in place (a
/// range inside every list, or a lazy combination of its lists), the chain's cotangents are
/// added straight into that array's, in one pass, and no cotangent in an input's shape is
/// written. Otherwise each input's cotangent comes from [`fused_sum_vjp`] and is scattered
/// back by its `vjp`; the results are the same either way (up to the order of additions).
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_vjp_onto, scalar, slice_vjp}, s};
/// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// let (head, tail) = (s![.., ..-1], s![.., 1..]);
/// let (a, b) = (x.slice(&head), x.slice(&tail));
/// let ct = array![1.0, 10.0, 100.0];
/// let (back_a, back_b) = (|c: &_| slice_vjp(&x, &a, &head, c), |c: &_| slice_vjp(&x, &b, &tail, c));
/// // sum(a * b, -1): d/da = b, d/db = a.
/// let [ct_x] = fused_sum_vjp_onto([&a, &b], &ct, -1, |[a, b], c| [b * c, a * c], [&x], [(0, &back_a), (0, &back_b)]);
/// assert_eq!(ct_x, array![[2.0, 4.0, 2.0], [], [500.0, 400.0]]);
/// ```
#[track_caller]
pub fn fused_sum_vjp_onto<T: Float, const N: usize, const M: usize, const S: usize>(
    inputs: [&Array<T>; N],
    ct: &Array<T>,
    axis: isize,
    f: impl Fn([T; N], T) -> [T; M] + Sync,
    onto: [&Array<T>; S],
    back: [SelectedFrom<'_, T>; M],
) -> [Array<T>; S] {
    if let Some(cts) = scatter_sum_vjp(inputs, ct, axis, &f, onto, &back) {
        return cts;
    }
    let cts = fused_sum_vjp(inputs, ct, axis, f);
    scatter_back(cts, onto, &back)
}

/// Each of `cts` (the cotangents of the chain's active inputs) scattered back by its
/// selection's VJP in `back` and added onto the array it was selected from; zeros for an
/// array of `onto` nothing was selected from. Not generic over the chain.
fn scatter_back<T: Float, const M: usize, const S: usize>(
    cts: [Array<T>; M],
    onto: [&Array<T>; S],
    back: &[SelectedFrom<'_, T>; M],
) -> [Array<T>; S] {
    let mut sums: [Option<Array<T>>; S] = std::array::from_fn(|_| None);
    for ((t, vjp), ct_k) in back.iter().zip(&cts) {
        let contribution = vjp(ct_k);
        sums[*t] = Some(match sums[*t].take() {
            None => contribution,
            Some(sum) => crate::value::Value::add_into(sum, &contribution),
        });
    }
    let mut sums = sums.into_iter();
    std::array::from_fn(|t| {
        sums.next()
            .flatten()
            .unwrap_or_else(|| onto[t].zeros_like())
    })
}

/// Where the one-pass pullback of [`scatter_sum_vjp`] adds: the sum's lists, the arrays
/// selected from (their buffers and shared innermost offsets), and a zeroed accumulator for
/// each. Not generic over the chain.
struct ScatterPlan<'a, T: Float, const S: usize> {
    map: ReduceMap,
    buffers: [&'a std::sync::Arc<crate::buffer::Buffer<T>>; S],
    source_offsets: &'a [i64],
    accs: [Vec<T>; S],
}

impl<'a, T: Float, const S: usize> ScatterPlan<'a, T, S> {
    /// The plan, when the one-pass pullback applies: the arrays selected from share their
    /// lists, the inputs share one structure, the sum is at the innermost axis, and `ct`
    /// has one value per sum.
    fn new<const N: usize>(
        inputs: [&Array<T>; N],
        ct: &Array<T>,
        axis: isize,
        onto: [&'a Array<T>; S],
    ) -> Option<Self> {
        let first = onto.first()?.structure();
        let depth = first.depth();
        let shared = onto.iter().all(|t| {
            t.structure().depth() == depth
                && depth > 0
                && std::ptr::eq(t.structure().offsets(depth - 1), first.offsets(depth - 1))
        });
        if !shared || !same_structure(inputs) {
            return None;
        }
        let map = ReduceMap::for_rule(inputs[0], axis);
        if map.list_offsets().is_none() || ct.content().len() != map.n_slots() {
            return None;
        }
        // Zeros: the cotangents are added into them (a pooled buffer would hold stale values).
        let accs: [Vec<T>; S] = std::array::from_fn(|t| {
            let n = onto[t].structure().content_len();
            let mut acc = crate::pool::take::<T>(n);
            acc.resize(n, T::zero());
            acc
        });
        Some(ScatterPlan {
            map,
            buffers: onto.map(|t| t.buffer()),
            source_offsets: first.offsets(depth - 1),
            accs,
        })
    }
}

/// The one-pass form of [`fused_sum_vjp_onto`], when it applies: the arrays selected from
/// share their lists (a record's fields do).
fn scatter_sum_vjp<T: Float, const N: usize, const M: usize, const S: usize>(
    inputs: [&Array<T>; N],
    ct: &Array<T>,
    axis: isize,
    f: &(impl Fn([T; N], T) -> [T; M] + Sync),
    onto: [&Array<T>; S],
    back: &[SelectedFrom<'_, T>; M],
) -> Option<[Array<T>; S]> {
    let mut plan = ScatterPlan::new(inputs, ct, axis, onto)?;
    let offsets = plan.map.list_offsets()?;
    let mut which = [0; M];
    for (w, (t, _)) in which.iter_mut().zip(back) {
        *w = *t;
    }
    scatter_groups_per_list(
        inputs,
        offsets,
        ct.content(),
        (&plan.buffers, plan.source_offsets),
        (which, &mut crate::kernels::slices_of(&mut plan.accs)),
        f,
    )?;
    Some(contents_like(plan.accs, onto))
}

/// `fused_map(inputs, f).sum_all()` in one pass, without the intermediate array (the same
/// sum, to the bit).
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_all_map, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// assert_eq!(fused_sum_all_map([&x], |[x]| scalar::mul(x, x)), 5.0);
/// ```
#[track_caller]
pub fn fused_sum_all_map<T: Float, const N: usize>(
    inputs: [&Array<T>; N],
    f: impl Fn([T; N]) -> T + Sync,
) -> T {
    expect_same(inputs, "fused_sum_all_map");
    let [[sum]] = sum_groups(inputs, [], &[0, len(inputs) as i64], |xs, []| [f(xs)])
        .map(|v| [v.first().copied().unwrap_or_else(T::zero)]);
    sum
}

/// Value and tangent of `chain.sum_all()` for a fused chain, in one pass.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_all_jvp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let t = x.full_like(1.0);
/// assert_eq!(fused_sum_all_jvp([&x], [&t], |[x], [dx]| (x * x, 2.0 * x * dx)), (5.0, 6.0));
/// ```
#[track_caller]
pub fn fused_sum_all_jvp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    tangents: [&Array<T>; M],
    f: impl Fn([T; N], [T; M]) -> (T, T) + Sync,
) -> (T, T) {
    expect_same(inputs, "fused_sum_all_jvp");
    for (k, t) in tangents.iter().enumerate() {
        crate::value::expect_like(*t, inputs[k], "tangent of a fused chain's input");
    }
    let [y, dy] = sum_groups(inputs, tangents, &[0, len(inputs) as i64], |xs, ts| {
        let (y, dy) = f(xs, ts);
        [y, dy]
    });
    (
        y.first().copied().unwrap_or_else(T::zero),
        dy.first().copied().unwrap_or_else(T::zero),
    )
}

/// Cotangents of the active inputs of `chain.sum_all()` for its cotangent `ct` (a scalar):
/// every position's cotangent is `ct`, read as a constant, so no spread array is made.
///
/// ```
/// use awkdiff_core::{array, rules::{fused_sum_all_vjp, scalar}};
/// let x = array![[0.0, 1.0], [], [2.0]];
/// let [ct_x] = fused_sum_all_vjp([&x], 10.0, |[x], ct| [2.0 * x * ct]);
/// assert_eq!(ct_x, array![[0.0, 20.0], [], [40.0]]);
/// ```
#[track_caller]
pub fn fused_sum_all_vjp<T: Float, const N: usize, const M: usize>(
    inputs: [&Array<T>; N],
    ct: T,
    f: impl Fn([T; N], T) -> [T; M] + Sync,
) -> [Array<T>; M] {
    let deepest = deepest(inputs);
    if same_structure(inputs) {
        // One list of every position, whose cotangent is `ct`.
        let outs = map_groups_per_list(inputs, &[0, len(inputs) as i64], &[ct], &f);
        return contents_like(outs, inputs);
    }
    per_position_vjp(inputs, &deepest.full_like(ct), &f)
}

/// The input of the most dimensions: the structure of a chain's value (what broadcasting
/// gives).
fn deepest<T: Float, const N: usize>(inputs: [&Array<T>; N]) -> &Array<T> {
    inputs
        .iter()
        .copied()
        .max_by_key(|x| x.ndim())
        .expect("a fused chain has inputs")
}
