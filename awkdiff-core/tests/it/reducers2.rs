//! The reducers of issue 13 where Awkward, NumPy and JAX have edge cases: the `*_all` forms,
//! NaN and infinities, `ddof` at least the list length, zero variance, reducers over `bool`
//! and `i64` arrays, softmax at every axis against its definition, numerical stability at
//! `1e3`, keepdims of `argmax` with empty lists, and the messages of errors and panics.
//! Expected values are Awkward 2.14's and JAX 0.10's (noted beside each).

use awkdiff_core::{array, rules, Array, Error};

fn nan_eq(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

fn assert_values(found: &Array<f64>, expected: &[f64], what: &str) {
    let ok = found.content().len() == expected.len()
        && found
            .content()
            .iter()
            .zip(expected)
            .all(|(&a, &b)| nan_eq(a, b));
    assert!(ok, "{what}: {found} against {expected:?}");
}

#[test]
fn all_forms_match_awkward_axis_none() {
    // ak.var(x, axis=None) etc. on [[1, 2, 4], [], [3], [5, 5]]: var 2.2222222222222223,
    // std ddof=1 1.632993161855452, ptp 4; on an empty array: var nan (any ddof), std nan,
    // ptp 0 (mask_identity=False); ak.var([[1, 3], [2]], axis=None, ddof=5) == -1.0 and
    // its std is nan.
    let x = array![[1.0, 2.0, 4.0], [], [3.0], [5.0, 5.0]];
    assert!(nan_eq(x.var_all(0), 2.2222222222222223));
    assert!(nan_eq(x.std_all(1), 1.632993161855452));
    assert_eq!(x.ptp_all(), 4.0);
    let e: Array<f64> = Array::from_offsets(vec![0, 0, 0], Array::from_vec(vec![])).unwrap();
    assert!(e.var_all(0).is_nan() && e.var_all(1).is_nan() && e.std_all(0).is_nan());
    assert_eq!(e.ptp_all(), 0.0);
    let y: Array<f64> = array![[1.0, 3.0], [2.0]];
    assert_eq!(y.var_all(5), -1.0);
    assert!(y.std_all(5).is_nan());
    // truth reducers: ak.any(e, axis=None) False, ak.all True, ak.count_nonzero 0
    assert!(!e.any_all() && e.all_all() && e.count_nonzero_all() == 0);
    let z = array![[1.0, f64::NAN], [0.0]];
    assert!(z.any_all() && !z.all_all() && z.count_nonzero_all() == 2);
}

#[test]
fn nan_follows_awkward() {
    // ak.var([[1, nan, 3], [nan]], axis=1) == [nan, nan]; ak.ptp(.., axis=1,
    // mask_identity=False) == [2, -inf] (lists skip NaN; a list of only NaN has max -inf and
    // min +inf); ak.ptp([[nan, 2.0]], axis=1) == [0]; ak.ptp([1, nan], axis=0) and
    // axis=None are nan (NaN wins outside lists); ak.count_nonzero([[nan, 0, -0]], axis=1)
    // == [1], ak.any([[nan]], axis=1) == [True].
    let x = array![[1.0, f64::NAN, 3.0], [f64::NAN]];
    assert_values(&x.var(1, 0), &[f64::NAN, f64::NAN], "var");
    assert_values(&x.ptp(1), &[2.0, f64::NEG_INFINITY], "ptp");
    assert_values(&array![[f64::NAN, 2.0]].ptp(1), &[0.0], "ptp");
    assert!(Array::from_vec(vec![1.0, f64::NAN]).ptp(0).content()[0].is_nan());
    assert!(x.ptp_all().is_nan());
    let z = array![[f64::NAN, 0.0, -0.0]];
    assert_eq!(z.count_nonzero(1), Array::from_vec(vec![1]));
    assert_eq!(array![[f64::NAN]].any(1), Array::from_vec(vec![true]));
}

#[test]
fn ddof_at_or_above_the_list_length_gives_awkwards_values() {
    // ak.var([[1, 2, 4], [], [3], [5, 6]], axis=1, ddof=2) == [4.666666666666666, nan, -0.0,
    // inf]; ddof=3: [inf, nan, -0.0, -0.5]; ak.std(.., ddof=3) == [inf, nan, -0.0, nan].
    // (NumPy and JAX give inf or nan where n < ddof; Awkward divides by n - ddof < 0.)
    let x = array![[1.0, 2.0, 4.0], [], [3.0], [5.0, 6.0]];
    assert_values(
        &x.var(1, 2),
        &[4.666666666666667, f64::NAN, 0.0, f64::INFINITY],
        "var",
    );
    assert_values(&x.var(1, 3), &[f64::INFINITY, f64::NAN, 0.0, -0.5], "var");
    assert_values(
        &x.std(1, 3),
        &[f64::INFINITY, f64::NAN, 0.0, f64::NAN],
        "std",
    );
    assert!(
        x.var(1, 3).content()[2].is_sign_negative(),
        "-0.0 as Awkward"
    );
}

#[test]
fn derivatives_where_the_value_does_not_depend_on_the_list_are_zero() {
    // Lists of one element (std is 0 whatever the value), lists where n == ddof (var is inf
    // or nan whatever the values), std where n < ddof (nan): tangent and cotangent 0, as
    // central differences give. JAX's jnp.std/jnp.var (and Awkward's JAX backend) give NaN
    // there. Where the value jumps (equal leaves with n == ddof), NaN.
    let x = array![[3.0], [1.0, 2.0], [5.0, 5.0], []];
    let dx = array![[1.0], [1.0, -1.0], [2.0, 0.5], []];
    let ct = Array::from_vec(vec![1.0, 1.0, 1.0, 1.0]);
    let y = x.std(1, 0);
    assert_values(
        &rules::std_jvp(&x, &y, 1, 0, &dx),
        &[0.0, -1.0, 0.0, 0.0],
        "std jvp",
    );
    assert_values(
        &rules::std_vjp(&x, &y, 1, 0, &ct),
        &[0.0, -0.5, 0.5, 0.0, 0.0],
        "std vjp",
    );
    // ddof = 2: [1, 2] gives +inf for every input (tangent 0); [5, 5] gives 0/0 = NaN here
    // and +inf beside, so its derivative is NaN, as central differences give.
    let (nan, y) = (f64::NAN, x.var(1, 2));
    assert_values(
        &rules::var_jvp(&x, &y, 1, 2, &dx),
        &[0.0, 0.0, nan, 0.0],
        "var jvp",
    );
    assert_values(
        &rules::var_vjp(&x, &y, 1, 2, &ct),
        &[0.0, 0.0, 0.0, nan, nan],
        "var vjp",
    );
    // ddof = 3 > n: std is NaN for [1, 2] whatever its values (tangent 0), -0.0 for [5, 5]
    // with NaN beside (NaN)
    let y = x.std(1, 3);
    assert_values(
        &rules::std_jvp(&x, &y, 1, 3, &dx),
        &[0.0, 0.0, nan, 0.0],
        "std jvp ddof=3",
    );
    // n < ddof: var = q / (n - ddof) is finite and differentiable, d var = 2 dev / (n - ddof):
    // for [1, 2] with ddof 3, 2 / (2 - 3) * (-0.5 * 1 + 0.5 * -1) = 2
    let y = x.var(1, 3);
    assert_values(
        &rules::var_jvp(&x, &y, 1, 3, &dx),
        &[0.0, 2.0, 0.0, 0.0],
        "var jvp ddof=3",
    );
    // and the _all forms: one element, and an empty array
    let one = array![[2.0]];
    assert_eq!(
        rules::std_all_jvp(&one, &one.std_all(0), 0, &array![[1.0]]),
        0.0
    );
    assert_eq!(
        rules::std_all_vjp(&one, &one.std_all(0), 0, &1.0),
        array![[0.0]]
    );
    let e: Array<f64> = Array::from_offsets(vec![0, 0], Array::from_vec(vec![])).unwrap();
    assert_eq!(rules::var_all_jvp(&e, &e.var_all(0), 0, &e), 0.0);
    assert_eq!(rules::ptp_all_jvp(&e, &e.ptp_all(), &e), 0.0);
}

#[test]
fn ptp_shares_the_derivative_among_ties_as_jax_does() {
    // jax.grad(jnp.ptp)([1, 3, 3, 1]) == [-0.5, 0.5, 0.5, -0.5]; a list of one element, or
    // of equal elements, has derivative 0 (max and min are the same elements).
    let x = array![[1.0, 3.0, 3.0, 1.0], [2.0], [4.0, 4.0]];
    let y = x.ptp(1);
    let g = rules::ptp_vjp(&x, &y, 1, &Array::from_vec(vec![1.0, 1.0, 1.0]));
    assert_eq!(g, array![[-0.5, 0.5, 0.5, -0.5], [0.0], [0.0, 0.0]]);
    assert_eq!(
        rules::ptp_all_vjp(&x, &x.ptp_all(), &1.0),
        array![[-0.5, 0.0, 0.0, -0.5], [0.0], [0.5, 0.5]]
    );
}

#[test]
fn softmax_at_every_axis_is_exp_over_the_sum_of_its_slot() {
    // The definition exp(x) / sum(exp(x)) over the leaves a reducer at `axis` reduces
    // together, with the sum broadcast back by sum's own VJP rule.
    let xs = [
        array![[[0.5, -1.0], [2.0]], [], [[1.5], [0.25, -0.5, 3.0], []]],
        array![[0.5, -1.0, 2.0], [], [1.5]],
    ];
    for x in &xs {
        let nd = x.ndim() as isize;
        for axis in (0..nd).chain(-nd..0) {
            let e = x.exp();
            let sums = e.sum(axis);
            let expected = &e / &rules::sum_vjp(&e, &sums, axis, &sums);
            let found = x.softmax(axis);
            assert!(found.structure().same_as(x.structure()));
            assert_values(&found, expected.content(), &format!("softmax({axis})"));
            assert_values(&x.log_softmax(axis), expected.ln().content(), "log_softmax");
            assert_values(&x.logsumexp(axis), sums.ln().content(), "logsumexp");
        }
    }
}

#[test]
fn softmax_is_stable_and_handles_infinities_as_jax_does() {
    // jax.nn.softmax([1000, 999, -1000]) == [0.7310585786300049, 0.2689414213699951, 0];
    // log_softmax: [-0.31326168751822286, -1.3132616875182228, -2000.3132616875182];
    // logsumexp: 1000.3132616875182. softmax and log_softmax of [inf, 1], of [-inf, -inf]
    // and of [nan, 1] are nan; softmax([-inf, 1]) == [0, 1], log_softmax == [-inf, 0].
    // logsumexp([inf, 1]) == inf, of [-inf, -inf] and of [] -inf, of [-inf, 1] 1.
    let x = array![[1000.0, 999.0, -1000.0]];
    assert_values(
        &x.softmax(1),
        &[0.7310585786300049, 0.2689414213699951, 0.0],
        "softmax",
    );
    assert_values(
        &x.log_softmax(1),
        &[
            -0.31326168751822286,
            -1.3132616875182228,
            -2000.3132616875182,
        ],
        "log_softmax",
    );
    assert_values(&x.logsumexp(1), &[1000.3132616875182], "logsumexp");
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let edges = array![[inf, 1.0], [-inf, -inf], [nan, 1.0], [-inf, 1.0], []];
    assert_values(
        &edges.softmax(1),
        &[nan, nan, nan, nan, nan, nan, 0.0, 1.0],
        "softmax",
    );
    assert_values(
        &edges.log_softmax(1),
        &[nan, nan, nan, nan, nan, nan, -inf, 0.0],
        "log_softmax",
    );
    assert_values(
        &edges.logsumexp(1),
        &[inf, -inf, nan, 1.0, -inf],
        "logsumexp",
    );
    // jax.jvp(log_softmax, ([-inf, 1],), ([1, 1],)) gives [0, 0]; grad of logsumexp [0, 1]
    let y = edges.log_softmax(1);
    let t = edges.full_like(1.0);
    assert_values(
        &rules::log_softmax_jvp(&edges, &y, 1, &t).slice_last(),
        &[0.0, 0.0],
        "jvp",
    );
    let lse = edges.logsumexp(1);
    let ct = Array::from_vec(vec![0.0, 0.0, 0.0, 1.0, 1.0]);
    assert_values(
        &rules::logsumexp_vjp(&edges, &lse, 1, &ct).slice_last(),
        &[0.0, 1.0],
        "vjp",
    );
}

/// The last non-empty list of a depth-1 array (its leaves), for the checks above.
trait SliceLast {
    fn slice_last(&self) -> Array<f64>;
}
impl SliceLast for Array<f64> {
    fn slice_last(&self) -> Array<f64> {
        let offsets = self.offsets(0);
        let i = offsets.windows(2).rposition(|w| w[1] > w[0]).unwrap();
        Array::from_vec(self.content()[offsets[i] as usize..offsets[i + 1] as usize].to_vec())
    }
}

#[test]
fn bool_and_int_reducers_give_awkwards_types_and_values() {
    // m = [[True, False, True], [], [False], [True, True]]:
    // ak.sum(m, axis=1) == [2, 0, 0, 2] (int64), axis=0 [2, 1, 1], axis=None 4;
    // ak.prod(m, axis=1) == [0, 1, 0, 1]; ak.max == [True, False, False, True] (bool);
    // ak.min == [False, True, False, True]; ak.any/all/count_nonzero alike.
    let m = array![[true, false, true], [], [false], [true, true]];
    assert_eq!(m.sum(1), Array::from_vec(vec![2i64, 0, 0, 2]));
    assert_eq!(m.sum(0), Array::from_vec(vec![2i64, 1, 1]));
    assert_eq!(m.sum_all(), 4i64);
    assert_eq!(m.prod(1), Array::from_vec(vec![0i64, 1, 0, 1]));
    assert_eq!(m.prod_all(), 0i64);
    assert_eq!(m.max(1), Array::from_vec(vec![true, false, false, true]));
    assert_eq!(m.min(1), Array::from_vec(vec![false, true, false, true]));
    assert_eq!(m.any(1), m.max(1));
    assert_eq!(m.all(1), m.min(1));
    assert_eq!(m.count_nonzero(1), m.sum(1));
    assert_eq!(m.sum_keepdims(1).to_string(), "[[2], [0], [0], [2]]");
    assert_eq!(m.any(0).to_string(), "[True, True, True]");
    // i = [[1, 0, 3], [], [0], [-2, 5]]: ak.sum axis=1 [4, 0, 0, 3], axis=0 [-1, 5, 3];
    // ak.prod [0, 1, 0, -10]; ak.max(mask_identity=False) [3, -9223372036854775808, 0, 5];
    // ak.min [0, 9223372036854775807, 0, -2]; axis=None: 7, 0, 5, -2.
    let i: Array<i64> = array![[1i64, 0, 3], [], [0], [-2, 5]];
    assert_eq!(i.sum(1), Array::from_vec(vec![4, 0, 0, 3]));
    assert_eq!(i.sum(0), Array::from_vec(vec![-1, 5, 3]));
    assert_eq!(i.prod(1), Array::from_vec(vec![0, 1, 0, -10]));
    assert_eq!(i.max(1), Array::from_vec(vec![3, i64::MIN, 0, 5]));
    assert_eq!(i.min(1), Array::from_vec(vec![0, i64::MAX, 0, -2]));
    assert_eq!(
        (i.sum_all(), i.prod_all(), i.max_all(), i.min_all()),
        (7, 0, 5, -2)
    );
    assert_eq!(i.count_nonzero(1), Array::from_vec(vec![2, 0, 0, 2]));
    assert_eq!(i.all(1), Array::from_vec(vec![false, true, false, true]));
    // counts are i64 arrays: the total number of jets, the largest multiplicity
    let jets = array![[1.0, 2.0], [], [3.0, 4.0, 5.0]];
    assert_eq!(jets.count(1).sum(0), Array::from_vec(vec![5]));
    assert_eq!(jets.count(1).max_all(), 3);
    // integer sums wrap as NumPy's int64 does
    assert_eq!(Array::from_vec(vec![i64::MAX, 1]).sum_all(), i64::MIN);
}

#[test]
fn argmax_keepdims_gives_an_empty_list_for_an_empty_list() {
    // ak.argmax(x, axis=1, keepdims=True) == [[1], [None], [0]]; awkdiff drops the None
    // (ak.singletons): [[1], [], [0]], an index list for jagged indexing.
    let x = array![[1.0, 3.0, 2.0], [], [4.0]];
    assert_eq!(x.argmax_keepdims(1).to_string(), "[[1], [], [0]]");
    assert_eq!(x.argmin_keepdims(-1).to_string(), "[[0], [], [0]]");
    assert_eq!(x.argmax_keepdims(0).to_string(), "[[2, 0, 0]]");
    let deep = array![[[1.0, 5.0], []], [], [[2.0]]];
    assert_eq!(
        deep.argmax_keepdims(2).to_string(),
        "[[[1], []], [], [[0]]]"
    );
    let flat: Array<f64> = Array::from_vec(vec![]);
    assert_eq!(flat.argmax_keepdims(0).len(), 0);
    assert_eq!(
        Array::from_vec(vec![1.0, 7.0])
            .argmax_keepdims(0)
            .to_string(),
        "[1]"
    );
    // the plain argmax keeps -1 for the empty list
    assert_eq!(x.argmax(1), Array::from_vec(vec![1, -1, 0]));
}

#[test]
fn every_new_reducer_reports_an_axis_out_of_range() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let message = "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)";
    let errors: Vec<Error> = vec![
        x.try_var(2, 0).unwrap_err(),
        x.try_std(2, 1).unwrap_err(),
        x.try_ptp(2).unwrap_err(),
        x.try_softmax(2).unwrap_err(),
        x.try_log_softmax(2).unwrap_err(),
        x.try_logsumexp(2).unwrap_err(),
        x.try_any(2).unwrap_err(),
        x.try_all(2).unwrap_err(),
        x.try_count_nonzero(2).unwrap_err(),
        x.try_sum_keepdims(2).unwrap_err(),
        x.try_var_keepdims(2, 1).unwrap_err(),
        x.try_argmax_keepdims(2).unwrap_err(),
        x.try_count_keepdims(2).unwrap_err(),
        x.gt(1.0).try_sum(2).unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, Error::Axis { axis: 2, .. }));
        assert_eq!(err.to_string().replace("bool", "float64"), message);
    }
    assert_eq!(
        x.try_softmax(-3).unwrap_err().to_string(),
        "axis -3 is out of range for an array of type 3 * var * float64 (2 dimensions)"
    );
}

#[test]
#[should_panic(
    expected = "axis 3 is out of range for an array of type 2 * var * float64 (2 dimensions)"
)]
fn plain_forms_panic_with_the_axis_error() {
    array![[1.0], []].std_keepdims(3, 0);
}

#[test]
#[should_panic(
    expected = "structure mismatch in tangent of `var`'s input: expected 2 * var * float64, got 2 * var * float64: list 0 at dimension 1 has length 1 against 2"
)]
fn a_tangent_of_another_structure_is_reported() {
    let x = array![[1.0], []];
    rules::var_jvp(&x, &x.var(1, 0), 1, 0, &array![[1.0, 2.0], []]);
}

#[test]
#[should_panic(expected = "structure mismatch in cotangent of `softmax`'s output")]
fn a_softmax_cotangent_of_another_structure_is_reported() {
    let x = array![[1.0], []];
    rules::softmax_vjp(&x, &x.softmax(1), 1, &array![[1.0], [2.0]]);
}

#[test]
#[should_panic(expected = "structure mismatch in cotangent of `sum_keepdims`'s output")]
fn a_keepdims_cotangent_without_the_kept_dimension_is_reported() {
    let x = array![[1.0, 2.0], [3.0]];
    let y = x.sum_keepdims(1);
    rules::sum_keepdims_vjp(&x, &y, 1, &x.sum(1));
}
