//! Elementwise operations: derivative rules through the gradient-check harness (every rule,
//! both operands, all broadcasting forms, depths 0 to 3 with empty lists and empty arrays),
//! JAX's conventions at singular points, empty inputs, NaN handling, and the full message of
//! every broadcasting error. Values of every operation against Awkward are in
//! `elementwise_values.rs`.

use awkdiff_core::check::{self, check_grads, random_ragged, CheckOptions};
use awkdiff_core::ops::UNARY_TABLE;
use awkdiff_core::rules::*;
use awkdiff_core::{array, Array, Error, Structure};
use rand::Rng;

const SEEDS: u64 = 4;
const MAX_LEN: usize = 4;

/// Random values in `lo..hi` on the structure of `like`'s outer `depth` levels.
fn random_outer(
    rng: &mut impl Rng,
    like: &Array<f64>,
    depth: usize,
    lo: f64,
    hi: f64,
) -> Array<f64> {
    let s = like.structure();
    let levels = s.levels()[..depth].iter().map(|l| l.to_vec()).collect();
    let structure = Structure::new(levels, s.level_len(depth)).unwrap();
    let values = (0..structure.content_len())
        .map(|_| rng.random_range(lo..hi))
        .collect();
    Array::from_parts(structure, values).unwrap()
}

/// Checks a unary rule pair on arrays of depth 0 to 3 and on a scalar, inputs in `lo..hi`.
fn check_unary(
    name: &str,
    f: impl Fn(f64) -> f64 + Copy,
    jvp: impl Fn(&Array<f64>, &Array<f64>, &Array<f64>) -> Array<f64>,
    vjp: impl Fn(&Array<f64>, &Array<f64>, &Array<f64>) -> Array<f64>,
    jvp_scalar: impl Fn(&f64, &f64, &f64) -> f64,
    vjp_scalar: impl Fn(&f64, &f64, &f64) -> f64,
    (lo, hi): (f64, f64),
) {
    let options = CheckOptions::default();
    for depth in 0..=3 {
        for seed in 0..SEEDS {
            let x = random_ragged(&mut check::rng(seed), depth, MAX_LEN, lo, hi);
            let prim = |x: &Array<f64>| x.map(f);
            let result = check_grads(
                prim,
                |x, t| {
                    let y = prim(x);
                    let dy = jvp(x, &y, t);
                    (y, dy)
                },
                |x, ct| vjp(x, &prim(x), ct),
                &x,
                &options,
            );
            if let Err(message) = result {
                panic!("{name} at depth {depth}, seed {seed}, x = {x}: {message}");
            }
        }
    }
    let x = (lo + hi) / 2.0 + 0.1;
    let result = check_grads(
        |x: &f64| f(*x),
        |x, t| (f(*x), jvp_scalar(x, &f(*x), t)),
        |x, ct| vjp_scalar(x, &f(*x), ct),
        &x,
        &options,
    );
    if let Err(message) = result {
        panic!("{name} on the scalar {x}: {message}");
    }
}

macro_rules! unary {
    ($name:ident, $f:expr, $jvp:ident, $vjp:ident, $range:expr) => {
        #[test]
        fn $name() {
            check_unary(stringify!($name), $f, $jvp, $vjp, $jvp, $vjp, $range);
        }
    };
}

/// Every unary ufunc of core's table (`ops/unary.rs`), from its one entry: a new entry is
/// checked here without a new test.
#[test]
fn every_unary_ufunc_of_the_table() {
    let names: Vec<&str> = UNARY_TABLE.iter().map(|row| row.name).collect();
    assert_eq!(
        names,
        [
            "exp", "ln", "log10", "sin", "cos", "tan", "tanh", "sqrt", "abs", "recip", "sinh",
            "cosh", "asinh", "acosh", "atanh", "asin", "acos", "atan", "ln_1p", "exp_m1", "log2",
            "exp2", "square", "cbrt", "sigmoid", "softplus", "floor", "ceil", "round", "trunc",
            "signum"
        ]
    );
    for row in UNARY_TABLE {
        // The method and the scalar form agree.
        let x = random_ragged(&mut check::rng(7), 2, MAX_LEN, row.domain.0, row.domain.1);
        assert_eq!((row.method)(&x), x.map(row.value), "{}", row.name);
        check_unary(
            row.name,
            row.value,
            row.jvp,
            row.vjp,
            row.jvp_scalar,
            row.vjp_scalar,
            row.domain,
        );
    }
}

unary!(neg_rules, |v: f64| -v, neg_jvp, neg_vjp, (-2.0, 2.0));

#[test]
fn powi_rules() {
    for n in [-2, 0, 1, 2, 3] {
        check_unary(
            &format!("powi({n})"),
            move |v: f64| v.powi(n),
            move |x, y, t| powi_jvp(x, y, n, t),
            move |x, y, ct| powi_vjp(x, y, n, ct),
            move |x, y, t| powi_jvp(x, y, n, t),
            move |x, y, ct| powi_vjp(x, y, n, ct),
            (0.5, 3.0),
        );
    }
}

/// Checks the four rules of a binary primitive together: the JVP is the sum of both
/// tangent contributions, the VJP gives the cotangents of both operands.
fn check_binary<A, B>(
    a: &A,
    b: &B,
    prim: impl Fn(&A, &B) -> A::Output,
    jvp_lhs: impl Fn(&A, &B, &A::Output, &A) -> A::Output,
    jvp_rhs: impl Fn(&A, &B, &A::Output, &B) -> A::Output,
    vjp_lhs: impl Fn(&A, &B, &A::Output, &A::Output) -> A,
    vjp_rhs: impl Fn(&A, &B, &A::Output, &A::Output) -> B,
) -> Result<(), String>
where
    A: Broadcast<B>,
    B: Value,
{
    check_grads(
        |(a, b): &(A, B)| prim(a, b),
        |(a, b): &(A, B), (da, db): &(A, B)| {
            let y = prim(a, b);
            let dy = jvp_lhs(a, b, &y, da).add_value(&jvp_rhs(a, b, &y, db));
            (y, dy)
        },
        |(a, b): &(A, B), ct: &A::Output| {
            let y = prim(a, b);
            (vjp_lhs(a, b, &y, ct), vjp_rhs(a, b, &y, ct))
        },
        &(a.clone(), b.clone()),
        &CheckOptions::default(),
    )
}

/// Runs `check_binary` for a primitive on every broadcasting form: same structure, a
/// lower-depth array on either side, array-scalar, scalar-array and scalar-scalar, at depths
/// 0 to 3; the left operand's values are in `$a`, the right operand's in `$b`.
macro_rules! binary {
    ($name:ident, $op:literal, $scalar:expr, $jl:ident, $jr:ident, $vl:ident, $vr:ident, $a:expr, $b:expr) => {
        #[test]
        fn $name() {
            let ((alo, ahi), (blo, bhi)): ((f64, f64), (f64, f64)) = ($a, $b);
            let scalar = $scalar;
            macro_rules! run {
                ($x:expr, $y:expr) => {{
                    let (x, y) = (&$x, &$y);
                    if let Err(message) =
                        check_binary(x, y, |a, b| a.zip(b, $op, scalar), $jl, $jr, $vl, $vr)
                    {
                        panic!("{} with {:?} and {:?}: {message}", $op, x, y);
                    }
                }};
            }
            for depth in 0..=3 {
                for seed in 0..SEEDS {
                    let mut rng = check::rng(seed);
                    let a = random_ragged(&mut rng, depth, MAX_LEN, alo, ahi);
                    let b = random_outer(&mut rng, &a, depth, blo, bhi);
                    run!(a, b);
                    for outer in 0..depth {
                        let low_a = random_outer(&mut rng, &a, outer, alo, ahi);
                        run!(low_a, b);
                        let low_b = random_outer(&mut rng, &a, outer, blo, bhi);
                        run!(a, low_b);
                    }
                    let (sa, sb) = (rng.random_range(alo..ahi), rng.random_range(blo..bhi));
                    run!(a, sb);
                    run!(sa, b);
                    run!(sa, sb);
                }
            }
        }
    };
}

binary!(
    add_rules,
    "add",
    |a: f64, b: f64| a + b,
    add_jvp_lhs,
    add_jvp_rhs,
    add_vjp_lhs,
    add_vjp_rhs,
    (-2.0, 2.0),
    (-2.0, 2.0)
);
binary!(
    sub_rules,
    "sub",
    |a: f64, b: f64| a - b,
    sub_jvp_lhs,
    sub_jvp_rhs,
    sub_vjp_lhs,
    sub_vjp_rhs,
    (-2.0, 2.0),
    (-2.0, 2.0)
);
binary!(
    mul_rules,
    "mul",
    |a: f64, b: f64| a * b,
    mul_jvp_lhs,
    mul_jvp_rhs,
    mul_vjp_lhs,
    mul_vjp_rhs,
    (-2.0, 2.0),
    (-2.0, 2.0)
);
binary!(
    div_rules,
    "div",
    |a: f64, b: f64| a / b,
    div_jvp_lhs,
    div_jvp_rhs,
    div_vjp_lhs,
    div_vjp_rhs,
    (-2.0, 2.0),
    (0.5, 2.0)
);
binary!(
    pow_rules,
    "pow",
    f64::powf,
    pow_jvp_lhs,
    pow_jvp_rhs,
    pow_vjp_lhs,
    pow_vjp_rhs,
    (0.5, 2.0),
    (-2.0, 2.0)
);
binary!(
    maximum_rules,
    "maximum",
    f64::max,
    maximum_jvp_lhs,
    maximum_jvp_rhs,
    maximum_vjp_lhs,
    maximum_vjp_rhs,
    (-2.0, 2.0),
    (-2.0, 2.0)
);
binary!(
    minimum_rules,
    "minimum",
    f64::min,
    minimum_jvp_lhs,
    minimum_jvp_rhs,
    minimum_vjp_lhs,
    minimum_vjp_rhs,
    (-2.0, 2.0),
    (-2.0, 2.0)
);

#[test]
fn powf_rules() {
    for depth in 0..=3 {
        for seed in 0..SEEDS {
            let mut rng = check::rng(seed);
            let a = random_ragged(&mut rng, depth, MAX_LEN, 0.5, 2.0);
            let b = rng.random_range(-2.0..2.0);
            let prim = |a: &Array<f64>, b: &f64| a.powf(*b);
            check_binary(
                &a,
                &b,
                prim,
                powf_jvp_lhs,
                powf_jvp_rhs,
                powf_vjp_lhs,
                powf_vjp_rhs,
            )
            .unwrap_or_else(|m| panic!("powf at depth {depth}, seed {seed}: {m}"));
        }
    }
    let prim = |a: &f64, b: &f64| a.powf(*b);
    check_binary(
        &1.5,
        &-0.7,
        prim,
        powf_jvp_lhs,
        powf_jvp_rhs,
        powf_vjp_lhs,
        powf_vjp_rhs,
    )
    .unwrap();
}

/// The operators and methods compute what the generic broadcast kernel computes, which the
/// rules above differentiate, in every broadcasting form.
#[test]
fn primals_are_the_broadcast_kernels() {
    let x = array![[[1.0, 2.0], [3.0]], [], [[4.0], [], [5.0, 6.0]]];
    let low = array![[0.5, 2.0], [], [3.0, 0.25, 1.5]];
    assert_eq!(&x + &low, x.zip(&low, "add", |a, b| a + b));
    assert_eq!(&low - &x, low.zip(&x, "sub", |a, b| a - b));
    assert_eq!(&x * 3.0, x.zip(&3.0, "mul", |a, b| a * b));
    assert_eq!(3.0 / &x, 3.0f64.zip(&x, "div", |a, b| a / b));
    assert_eq!(low.pow(&x), low.zip(&x, "pow", f64::powf));
    assert_eq!(x.maximum(&low), x.zip(&low, "maximum", f64::max));
    assert_eq!(low.minimum(&x), low.zip(&x, "minimum", f64::min));
}

// ---------------------------------------------------------------------------------------
// JAX's conventions at singular points (values from JAX 0.10.2, x64).

#[test]
fn abs_derivative_at_zero_is_one_as_in_jax() {
    // jax.grad(jnp.abs)(0.0) == 1.0, and also at -0.0.
    let x = array![[0.0, -0.0, -1.0], []];
    let ones = array![[1.0, 1.0, 1.0], []];
    assert_eq!(abs_jvp(&x, &x.abs(), &ones), array![[1.0, 1.0, -1.0], []]);
    assert_eq!(abs_vjp(&x, &x.abs(), &ones), array![[1.0, 1.0, -1.0], []]);
}

#[test]
fn maximum_and_minimum_ties_share_equally_as_in_jax() {
    // jax.grad(jnp.maximum, argnums=(0, 1))(1.0, 1.0) == (0.5, 0.5); the same for minimum.
    let (a, b) = (array![[1.0, 2.0], [3.0]], array![[1.0, 1.0], [4.0]]);
    let ct = array![[1.0, 1.0], [1.0]];
    let y = a.maximum(&b);
    assert_eq!(maximum_vjp_lhs(&a, &b, &y, &ct), array![[0.5, 1.0], [0.0]]);
    assert_eq!(maximum_vjp_rhs(&a, &b, &y, &ct), array![[0.5, 0.0], [1.0]]);
    let y = a.minimum(&b);
    assert_eq!(minimum_vjp_lhs(&a, &b, &y, &ct), array![[0.5, 0.0], [1.0]]);
    assert_eq!(minimum_jvp_rhs(&a, &b, &y, &ct), array![[0.5, 1.0], [0.0]]);
    // A lower-depth operand gets the sum of its shares.
    let low = Array::from_vec(vec![1.0, 3.0]);
    let y = b.maximum(&low);
    assert_eq!(
        maximum_vjp_rhs(&b, &low, &y, &ct),
        Array::from_vec(vec![1.0, 0.0])
    );
}

#[test]
fn pow_derivatives_at_base_zero_follow_jax() {
    // jax.grad(jnp.power, argnums=(0, 1)) at (0, 2) == (0, 0); at (0, 0.5) == (inf, 0);
    // at (0, 0) == (nan, 0); at (0, 1) == (1, 0).
    let a = array![[0.0, 0.0, 0.0, 0.0], []];
    let b = array![[2.0, 0.5, 0.0, 1.0], []];
    let y = a.pow(&b);
    let ct = array![[1.0, 1.0, 1.0, 1.0], []];
    let lhs = pow_vjp_lhs(&a, &b, &y, &ct);
    assert_eq!(lhs.content()[0], 0.0);
    assert_eq!(lhs.content()[1], f64::INFINITY);
    assert!(lhs.content()[2].is_nan());
    assert_eq!(lhs.content()[3], 1.0);
    assert_eq!(
        pow_vjp_rhs(&a, &b, &y, &ct),
        array![[0.0, 0.0, 0.0, 0.0], []]
    );
    assert_eq!(
        pow_jvp_rhs(&a, &b, &y, &ct),
        array![[0.0, 0.0, 0.0, 0.0], []]
    );
}

#[test]
fn sqrt_and_powi_at_zero_follow_jax() {
    // jax.grad(jnp.sqrt)(0.0) == inf; jax.jvp(jnp.sqrt, (0.0,), (0.0,)) gives nan;
    // jax.grad(lambda x: x ** 0)(0.0) == 0; jax.grad(lambda x: x ** 3)(0.0) == 0.
    assert_eq!(sqrt_vjp(&0.0, &0.0, &1.0), f64::INFINITY);
    assert!(sqrt_jvp(&0.0f64, &0.0, &0.0).is_nan());
    assert_eq!(powi_vjp(&0.0, &1.0, 0, &1.0), 0.0);
    assert_eq!(powi_vjp(&0.0, &0.0, 3, &1.0), 0.0);
    assert_eq!(powi_vjp(&0.0, &f64::INFINITY, -1, &1.0), f64::NEG_INFINITY);
}

// ---------------------------------------------------------------------------------------
// Empty inputs, NaN, -0.0 (expected values from Awkward, see comments).

fn empty_outer() -> Array<f64> {
    // ak.Array([[1.0]])[0:0]: type 0 * var * float64
    Array::from_offsets(vec![0], Array::from_vec(vec![])).unwrap()
}

#[test]
fn empty_arrays_and_empty_lists() {
    let e: Array<f64> = Array::from_vec(vec![]);
    // Awkward: e + e -> [] of type 0 * float64; np.exp(e) -> [] of type 0 * float64.
    assert_eq!((&e + &e).type_str(), "0 * float64");
    assert_eq!(e.exp().type_str(), "0 * float64");
    // Awkward: (0 * var * float64) + 1.0 -> 0 * var * float64; times (0 * float64) too.
    let e2 = empty_outer();
    assert_eq!((&e2 + 1.0).type_str(), "0 * var * float64");
    assert_eq!((&e2 * &e).type_str(), "0 * var * float64");
    assert_eq!((&e * &e2).type_str(), "0 * var * float64");
    // Awkward: [[], [], []] * [10.0, 0.5, 3.0] -> [[], [], []] of type 3 * var * float64.
    let lists: Array<f64> = array![[], [], []];
    let z = Array::from_vec(vec![10.0, 0.5, 3.0]);
    assert_eq!((&lists * &z).to_string(), "[[], [], []]");
    assert_eq!((&lists * &z).type_str(), "3 * var * float64");
    assert_eq!(lists.gt(&z).type_str(), "3 * var * bool");
    // A cotangent of empty lists sums to zeros for the lower-depth operand.
    assert_eq!(
        mul_vjp_rhs(&lists, &z, &(&lists * &z), &lists),
        Array::from_vec(vec![0.0, 0.0, 0.0])
    );
    assert_eq!(mul_vjp_rhs(&lists, &2.0, &(&lists * 2.0), &lists), 0.0);
}

#[test]
fn maximum_and_minimum_propagate_nan_and_return_the_right_operand_on_ties() {
    // Awkward: np.maximum([1, nan, 0.0, -0.0], [nan, 1, -0.0, 0.0]) -> [nan, nan, -0.0, 0.0]
    // (the sign bits are [.., .., True, False]); np.minimum gives the same.
    let a = array![1.0, f64::NAN, 0.0, -0.0];
    let b = array![f64::NAN, 1.0, -0.0, 0.0];
    for y in [a.maximum(&b), a.minimum(&b)] {
        let c = y.content();
        assert!(c[0].is_nan() && c[1].is_nan());
        assert!(c[2] == 0.0 && c[2].is_sign_negative());
        assert!(c[3] == 0.0 && c[3].is_sign_positive());
    }
}

#[test]
fn results_share_the_structure_of_the_deeper_operand() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let y = &x * &Array::from_vec(vec![1.0, 2.0, 3.0]);
    assert!(std::sync::Arc::ptr_eq(
        y.structure().offsets_arc(0),
        x.structure().offsets_arc(0)
    ));
    assert!(std::sync::Arc::ptr_eq(
        x.exp().structure().offsets_arc(0),
        x.structure().offsets_arc(0)
    ));
}

#[test]
fn try_forms_accept_arrays_and_scalars() {
    let x = array![[1.0f32, 2.0], [], [3.0]];
    assert_eq!(x.try_add(1.0).unwrap(), array![[2.0f32, 3.0], [], [4.0]]);
    assert_eq!(x.try_sub(&x).unwrap(), array![[0.0f32, 0.0], [], [0.0]]);
    assert_eq!(
        x.try_mul(&Array::from_vec(vec![2.0, 0.0, -1.0])).unwrap(),
        array![[2.0f32, 4.0], [], [-3.0]]
    );
    assert_eq!(x.try_div(2.0).unwrap(), array![[0.5f32, 1.0], [], [1.5]]);
    assert_eq!(x.try_ge(2.0).unwrap(), array![[false, true], [], [true]]);
}

// ---------------------------------------------------------------------------------------
// Broadcasting errors: full messages.

fn broadcast_message(result: Result<Array<impl awkdiff_core::Element>, Error>) -> String {
    let error = result.map(|_| ()).unwrap_err();
    assert!(matches!(error, Error::Broadcast { .. }), "{error:?}");
    error.to_string()
}

#[test]
fn same_depth_different_lengths() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let y = array![[1.0], [2.0]];
    assert_eq!(
        broadcast_message(x.try_add(&y)),
        "cannot broadcast in `add`: 3 * var * float64 and 2 * var * float64: lengths 3 and 2 differ"
    );
}

#[test]
fn same_depth_different_lists() {
    let x = array![[1.0, 2.0], [3.0]];
    let y = array![[1.0], [2.0, 3.0]];
    assert_eq!(
        broadcast_message(x.try_mul(&y)),
        "cannot broadcast in `mul`: 2 * var * float64 and 2 * var * float64: list 0 at dimension 1 has length 2 against 1"
    );
    assert_eq!(
        broadcast_message(x.try_pow(&y)),
        "cannot broadcast in `pow`: 2 * var * float64 and 2 * var * float64: list 0 at dimension 1 has length 2 against 1"
    );
}

#[test]
fn flat_arrays_of_different_lengths() {
    let x = Array::from_vec(vec![1.0f32, 2.0]);
    let y = Array::from_vec(vec![1.0f32, 2.0, 3.0]);
    assert_eq!(
        broadcast_message(x.try_maximum(&y)),
        "cannot broadcast in `maximum`: 2 * float32 and 3 * float32: lengths 2 and 3 differ"
    );
}

#[test]
fn lower_depth_on_the_left_of_the_wrong_length() {
    // Awkward: ak.Array([1., 2]) + ak.Array([[1.], [2.], [3.]]) raises "cannot broadcast".
    let x = Array::from_vec(vec![1.0, 2.0]);
    let y = array![[1.0], [2.0], [3.0]];
    assert_eq!(
        broadcast_message(x.try_sub(&y)),
        "cannot broadcast in `sub`: 2 * float64 and 3 * var * float64: lengths 2 and 3 differ \
         (an array of lower depth must match the outer dimensions of the other)"
    );
}

#[test]
fn lower_depth_on_the_right_with_different_lists() {
    // Awkward: ak.Array([[[1.], [2.]], [[2., 3], [4.]]]) / ak.Array([[1., 2], [3.]]) raises
    // "cannot broadcast nested list" too.
    let x = array![[[1.0], [2.0]], [[2.0, 3.0], [4.0]]];
    let y = array![[1.0, 2.0], [3.0]];
    assert_eq!(
        broadcast_message(x.try_div(&y)),
        "cannot broadcast in `div`: 2 * var * var * float64 and 2 * var * float64: \
         list 1 at dimension 1 has length 2 against 1 \
         (an array of lower depth must match the outer dimensions of the other)"
    );
}

#[test]
fn comparison_errors_name_the_comparison() {
    let x = array![[1.0, 2.0], [3.0]];
    let y = Array::from_vec(vec![1.0, 2.0, 3.0]);
    assert_eq!(
        broadcast_message(x.try_le(&y)),
        "cannot broadcast in `le`: 2 * var * float64 and 3 * float64: lengths 2 and 3 differ \
         (an array of lower depth must match the outer dimensions of the other)"
    );
    assert_eq!(
        broadcast_message(x.try_ne_elem(&y)),
        "cannot broadcast in `ne_elem`: 2 * var * float64 and 3 * float64: lengths 2 and 3 differ \
         (an array of lower depth must match the outer dimensions of the other)"
    );
}

#[test]
fn length_one_lists_are_not_stretched() {
    // Awkward: [[1., 2], [3., 4]] + [[10.], [20.]] raises "cannot broadcast nested list".
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let y = array![[10.0], [20.0]];
    assert_eq!(
        broadcast_message(x.try_add(&y)),
        "cannot broadcast in `add`: 2 * var * float64 and 2 * var * float64: list 0 at dimension 1 has length 2 against 1"
    );
    // Awkward stretches a regular outer dimension of length 1 ([1., 2] + [10.] is [11., 12.]);
    // API.md allows only its three rules, so awkdiff reports it.
    let x = Array::from_vec(vec![1.0, 2.0]);
    let y = Array::from_vec(vec![10.0]);
    assert_eq!(
        broadcast_message(x.try_add(&y)),
        "cannot broadcast in `add`: 2 * float64 and 1 * float64: lengths 2 and 1 differ"
    );
}

#[test]
#[should_panic(
    expected = "cannot broadcast in `add`: 2 * float64 and 3 * var * float64: lengths 2 and 3 differ \
                (an array of lower depth must match the outer dimensions of the other)"
)]
fn add_operator_panics_with_the_error_message() {
    let _ = Array::from_vec(vec![1.0, 2.0]) + array![[1.0], [2.0], [3.0]];
}

#[test]
#[should_panic(
    expected = "cannot broadcast in `div`: 2 * var * float64 and 2 * var * float64: list 0 at dimension 1 has length 2 against 1"
)]
fn div_operator_panics_with_the_error_message() {
    let _ = &array![[1.0, 2.0], [3.0]] / &array![[1.0], [2.0, 3.0]];
}

#[test]
#[should_panic(
    expected = "cannot broadcast in `gt`: 2 * float64 and 3 * float64: lengths 2 and 3 differ"
)]
fn comparison_method_panics_with_the_error_message() {
    let _ = array![1.0, 2.0].gt(&array![1.0, 2.0, 3.0]);
}

#[test]
#[should_panic(expected = "structure mismatch in cotangent of `add`'s output: \
                expected 3 * float64, got 2 * float64: lengths 3 and 2 differ")]
fn rules_report_a_cotangent_of_the_wrong_structure() {
    let a = array![1.0, 2.0, 3.0];
    let _ = add_vjp_lhs(&a, &1.0, &(&a + 1.0), &array![1.0, 2.0]);
}

// ---------------------------------------------------------------------------------------
// The ufuncs of issue 13 at their domain edges and kinks (JAX 0.10.2, x64, unless said).

/// The slope of the unary ufunc `name` of the table at `x`.
fn slope(name: &str, x: f64) -> f64 {
    let row = UNARY_TABLE.iter().find(|r| r.name == name).unwrap();
    (row.slope)(x, (row.value)(x))
}

#[test]
fn slopes_at_domain_edges_follow_jax() {
    // jax.grad(jnp.arccosh)(1.0) == inf; arctanh at ±1: inf; arcsin at ±1: inf; arccos at
    // ±1: -inf; cbrt and sqrt at 0: inf; log1p at -1: inf.
    assert_eq!(slope("acosh", 1.0), f64::INFINITY);
    assert_eq!(slope("atanh", 1.0), f64::INFINITY);
    assert_eq!(slope("atanh", -1.0), f64::INFINITY);
    assert_eq!(slope("asin", 1.0), f64::INFINITY);
    assert_eq!(slope("asin", -1.0), f64::INFINITY);
    assert_eq!(slope("acos", 1.0), f64::NEG_INFINITY);
    assert_eq!(slope("acos", -1.0), f64::NEG_INFINITY);
    assert_eq!(slope("cbrt", 0.0), f64::INFINITY);
    assert_eq!(slope("sqrt", 0.0), f64::INFINITY);
    assert_eq!(slope("ln_1p", -1.0), f64::INFINITY);
    // jax.grad(jnp.cbrt)(-8.0) == 1/12: cbrt is odd, not NaN below 0.
    assert_eq!(array![-8.0].cbrt(), array![-2.0]);
    assert!((slope("cbrt", -8.0) - 1.0 / 12.0).abs() < 1e-16);
    // Outside the domain the value and the slope are NaN (jnp.arccosh(0.5), arctanh(2)).
    assert!(array![0.5f64].acosh().content()[0].is_nan());
    assert!(array![2.0f64].atanh().content()[0].is_nan());
    assert!(slope("acosh", 0.5).is_nan());
    // atanh at ±1 is ±inf (NumPy).
    assert_eq!(
        array![1.0, -1.0].atanh(),
        array![f64::INFINITY, f64::NEG_INFINITY]
    );
}

#[test]
fn steps_have_derivative_zero_everywhere() {
    // jax.grad of jnp.floor, ceil, round, trunc, sign at 1.5 and 0.0 is 0.0.
    for name in ["floor", "ceil", "round", "trunc", "signum"] {
        for x in [1.5, 0.0, -0.5, 2.5, -7.25] {
            assert_eq!(slope(name, x), 0.0, "{name} at {x}");
        }
    }
}

#[test]
fn round_takes_halves_to_even_and_signum_is_numpys_sign() {
    // np.round([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994]) ==
    // [0, 2, 2, -0, -2, -2, 0]; f64::round would give 1, 2, 3, -1, -2, -3.
    let x: Array<f64> = array![0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 1e300];
    let y = x.round();
    assert_eq!(y, array![0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 0.0, 1e300]);
    assert!(y.content()[3].is_sign_negative());
    let x32 = array![0.5f32, 1.5, 2.5, -3.5];
    assert_eq!(x32.round(), array![0.0f32, 2.0, 2.0, -4.0]);
    // np.sign([0.0, -0.0, nan, -2.0, inf]) == [0, 0, nan, -1, 1] (f64::signum: 1 at 0.0).
    let s = array![0.0, -0.0, f64::NAN, -2.0, f64::INFINITY].signum();
    assert_eq!(s.content()[0], 0.0);
    assert_eq!(s.content()[1], 0.0);
    assert!(s.content()[2].is_nan());
    assert_eq!(&s.content()[3..], &[-1.0, 1.0]);
}

#[test]
fn sigmoid_and_softplus_do_not_overflow() {
    // jax.nn.sigmoid and jax.nn.softplus at -1000, -40, 0, 40, 1000: values and gradients.
    let x: Array<f64> = array![-1000.0, -40.0, 0.0, 40.0, 1000.0];
    let s = x.sigmoid();
    let expected = [0.0, 4.24835425529159e-18, 0.5, 1.0, 1.0];
    for (found, want) in s.content().iter().zip(expected) {
        assert!(
            (found - want).abs() <= 1e-15 * want,
            "{found} against {want}"
        );
    }
    let ones = x.full_like(1.0);
    let ds = sigmoid_vjp(&x, &s, &ones);
    let expected = [0.0, 4.24835425529159e-18, 0.25, 0.0, 0.0];
    for (found, want) in ds.content().iter().zip(expected) {
        assert!(
            (found - want).abs() <= 1e-15 * want,
            "{found} against {want}"
        );
    }
    let p = x.softplus();
    let expected = [
        0.0,
        4.248354255291589e-18,
        std::f64::consts::LN_2,
        40.0,
        1000.0,
    ];
    for (found, want) in p.content().iter().zip(expected) {
        assert!(
            (found - want).abs() <= 1e-15 * want,
            "{found} against {want}"
        );
    }
    let dp = softplus_vjp(&x, &p, &ones);
    let expected = [0.0, 4.248354255291589e-18, 0.5, 1.0, 1.0];
    for (found, want) in dp.content().iter().zip(expected) {
        assert!(
            (found - want).abs() <= 1e-15 * want,
            "{found} against {want}"
        );
    }
    // In f32 too (exp(88.8) overflows f32).
    let x32 = array![-100.0f32, 100.0];
    let tiny = (-100f32).exp(); // 3.7e-44, subnormal
    assert_eq!(x32.sigmoid(), array![tiny, 1.0]);
    assert_eq!(x32.softplus(), array![tiny, 100.0]);
    // NaN stays NaN.
    assert!(array![f64::NAN].softplus().content()[0].is_nan());
    assert!(array![f64::NAN].sigmoid().content()[0].is_nan());
}

#[test]
fn atan2_and_hypot_at_the_origin_and_far_from_it() {
    // jax.grad(jnp.arctan2, (0, 1))(0., 0.) == (nan, nan); (1., 0.) gives (0, -1).
    let (da, db) = scalar::atan2_slopes(0.0, 0.0, 0.0f64);
    assert!(da.is_nan() && db.is_nan());
    assert_eq!(scalar::atan2_slopes(1.0, 0.0, 1f64.atan2(0.0)), (0.0, -1.0));
    // jax.grad(jnp.hypot, (0, 1)) at (0, 0) and (-0, 0): (0.5, 0.5); at (-3, 4): (-0.6, 0.8).
    assert_eq!(scalar::hypot_slopes(0.0, 0.0, 0.0f64), (0.5, 0.5));
    assert_eq!(scalar::hypot_slopes(-0.0, 0.0, 0.0f64), (0.5, 0.5));
    assert_eq!(scalar::hypot_slopes(-3.0, 4.0, 5.0f64), (-0.6, 0.8));
    // JAX gives (1.06, 1.06) at (1e200, 1e200) and (-inf, -inf) at (1e-200, 1e-200) (its
    // formula over- and underflows); the derivative is a / hypot(a, b) = 1/sqrt(2) there.
    for v in [1e200f64, 1e-200] {
        let (da, db) = scalar::hypot_slopes(v, v, v.hypot(v));
        assert!((da - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-15, "{da}");
        assert_eq!(da, db);
    }
    // NumPy: hypot(inf, nan) == inf; hypot(3e200, 4e200) == 5e200 (no overflow).
    assert_eq!(array![f64::INFINITY].hypot(f64::NAN), array![f64::INFINITY]);
    let far = array![3e200f64].hypot(4e200).content()[0];
    assert!((far / 5e200 - 1.0).abs() < 1e-15, "{far}");
}

#[test]
fn maximum_and_minimum_against_a_scalar() {
    // np.maximum(x, 0.0): ReLU; jax.grad(lambda x: jnp.maximum(x, 0.))(0.) == 0.5.
    let x = array![[-1.0, 0.0, 2.0], []];
    let y = x.maximum(0.0);
    assert_eq!(y, array![[0.0, 0.0, 2.0], []]);
    let ct = array![[1.0, 1.0, 1.0], []];
    assert_eq!(
        maximum_vjp_lhs(&x, &0.0, &y, &ct),
        array![[0.0, 0.5, 1.0], []]
    );
    assert_eq!(maximum_vjp_rhs(&x, &0.0, &y, &ct), 1.5);
    assert_eq!(x.minimum(0.0), array![[-1.0, 0.0, 0.0], []]);
    assert_eq!(x.try_maximum(1.0).unwrap(), array![[1.0, 1.0, 2.0], []]);
    assert_eq!(x.pow(2.0), &x * &x);
}

#[test]
fn clamp_follows_numpy_clip_and_jax_ties() {
    // np.clip(x, 0, 1) and jax.grad(lambda x: jnp.clip(x, 0., 1.)) at -1, 0, 0.5, 1, 2:
    // values [0, 0, 0.5, 1, 1], derivatives [0, 0.5, 1, 0.5, 0].
    let x = array![-1.0, 0.0, 0.5, 1.0, 2.0];
    let y = x.clamp(0.0, 1.0);
    assert_eq!(y, array![0.0, 0.0, 0.5, 1.0, 1.0]);
    let ones = x.full_like(1.0);
    assert_eq!(
        clamp_vjp(&x, &y, 0.0, 1.0, &ones),
        array![0.0, 0.5, 1.0, 0.5, 0.0]
    );
    assert_eq!(
        clamp_jvp(&x, &y, 0.0, 1.0, &ones),
        clamp_vjp(&x, &y, 0.0, 1.0, &ones)
    );
    // jnp.clip(1., 1., 1.): derivative 0.25 (two ties); np.clip(0.5, 2, 1) == 1, derivative 0.
    assert_eq!(clamp_vjp(&1.0, &1.0, 1.0, 1.0, &1.0), 0.25);
    assert_eq!(array![0.5].clamp(2.0, 1.0), array![1.0]);
    assert_eq!(clamp_vjp(&0.5, &1.0, 2.0, 1.0, &1.0), 0.0);
    // NaN stays NaN (np.clip(nan, 0, 1) is nan).
    assert!(array![f64::NAN].clamp(0.0, 1.0).content()[0].is_nan());
}

#[test]
fn tests_of_special_values() {
    // np.isnan, np.isfinite, np.isinf of [nan, inf, -inf, 1, -0.0], f32 and f64.
    let x = array![
        [f64::NAN, f64::INFINITY],
        [f64::NEG_INFINITY, 1.0, -0.0],
        []
    ];
    assert_eq!(x.is_nan(), array![[true, false], [false, false, false], []]);
    assert_eq!(
        x.is_finite(),
        array![[false, false], [false, true, true], []]
    );
    assert_eq!(
        x.is_infinite(),
        array![[false, true], [true, false, false], []]
    );
    let x32 = array![f32::NAN, 2.0];
    assert_eq!(x32.is_nan(), array![true, false]);
    // The mask filters like a comparison does.
    let finite = x.is_finite();
    assert_eq!(x.filter(&finite), array![[], [1.0, -0.0], []]);
}

// ---------------------------------------------------------------------------------------
// where_: values, derivatives that never mix the branches, errors.

#[test]
fn where_selects_and_its_rules_never_mix_the_branches() {
    use awkdiff_core::where_;
    // ak.where(x > 0, x, y) with NaN and inf in the branch not taken.
    let x = array![[1.0, -2.0, 3.0], [], [-4.0]];
    let cond = x.gt(0.0);
    let y = array![[f64::NAN, 20.0, f64::INFINITY], [], [40.0]];
    let out = where_(&cond, &x, &y);
    assert_eq!(out, array![[1.0, 20.0, 3.0], [], [40.0]]);
    // A NaN tangent or cotangent at a position goes to the branch taken there only.
    let nan_t = array![[f64::NAN, 1.0, 1.0], [], [1.0]];
    assert_eq!(
        where_jvp_lhs(&x, &y, &out, &cond, &nan_t.map(|v| v * 2.0)).content()[1],
        0.0
    );
    let dy = where_jvp_rhs(&x, &y, &out, &cond, &nan_t);
    assert_eq!(dy.content()[1..], [1.0, 0.0, 1.0]);
    assert_eq!(dy.content()[0], 0.0);
    let ct = array![[1.0, f64::NAN, f64::INFINITY], [], [f64::NAN]];
    let ct_x = where_vjp_lhs(&x, &y, &out, &cond, &ct);
    assert_eq!(ct_x.content()[0], 1.0);
    assert_eq!(ct_x.content()[1], 0.0);
    assert_eq!(ct_x.content()[2], f64::INFINITY);
    assert_eq!(ct_x.content()[3], 0.0);
    let ct_y = where_vjp_rhs(&x, &y, &out, &cond, &ct);
    assert_eq!(ct_y.content()[0], 0.0);
    assert!(ct_y.content()[1].is_nan());
    assert_eq!(ct_y.content()[2], 0.0);
}

#[test]
fn where_broadcasts_branches_of_lower_depth_and_scalars() {
    use awkdiff_core::{try_where_, where_};
    // ak.where(w > 3.5, w1, w2) with w of depth 3, w1 of depth 1, w2 of depth 2 (Awkward
    // gives [[[0.5, 0.5], [0.5]], [], [[5.0], [], [5.0, 5.0]]] ... see elementwise_values.rs).
    let w = array![[[1.0, 2.0], [3.0]], [], [[4.0], [], [5.0, 6.0]]];
    let w1 = Array::from_vec(vec![0.5, 2.0, 3.0]);
    let w2 = array![[1.0, 2.0], [], [3.0, 4.0, 5.0]];
    let cond = w.gt(3.5);
    let y = where_(&cond, &w1, &w2);
    assert_eq!(y, array![[[1.0, 1.0], [2.0]], [], [[3.0], [], [3.0, 3.0]]]);
    let ct = y.full_like(1.0);
    // w1's entry 2 was taken at its three leaves under [[4.0], [], [5.0, 6.0]].
    assert_eq!(
        where_vjp_lhs(&w1, &w2, &y, &cond, &ct),
        Array::from_vec(vec![0.0, 0.0, 3.0])
    );
    assert_eq!(
        where_vjp_rhs(&w1, &w2, &y, &cond, &ct),
        array![[2.0, 1.0], [], [0.0, 0.0, 0.0]]
    );
    // Scalars go everywhere; a scalar branch's cotangent is the total where it was taken.
    assert_eq!(
        where_(&cond, 1.0, 0.0),
        array![[[0.0, 0.0], [0.0]], [], [[1.0], [], [1.0, 1.0]]]
    );
    assert_eq!(where_vjp_rhs(&1.0, &0.0, &y, &cond, &ct), 3.0);
    // Empty arrays and empty lists.
    let empty: Array<f64> = Array::from_vec(vec![]);
    assert_eq!(where_(&empty.gt(0.0), &empty, 1.0), empty);
    let lists: Array<f64> = array![[], []];
    assert_eq!(
        try_where_(&lists.gt(0.0), 1.0, Array::from_vec(vec![1.0, 2.0])).unwrap(),
        lists
    );
    // The method on the mask.
    assert_eq!(cond.where_(&w1, &w2), y);
    assert_eq!(cond.try_where_(&w1, &w2).unwrap(), y);
}

#[test]
fn where_errors_name_the_operands() {
    use awkdiff_core::try_where_;
    let x = array![[1.0, 2.0], [3.0]];
    let flat = Array::from_vec(vec![1.0, 2.0, 3.0]);
    // A branch of another structure: Awkward raises "cannot broadcast" too.
    assert_eq!(
        broadcast_message(try_where_(&x.gt(1.5), &x, &flat)),
        "cannot broadcast in `where_`: 2 * var * bool and 3 * float64: lengths 2 and 3 differ \
         (an array of lower depth must match the outer dimensions of the other)"
    );
    assert_eq!(
        broadcast_message(try_where_(&x.gt(1.5), &array![[1.0], [2.0, 3.0]], 0.0)),
        "cannot broadcast in `where_`: 2 * var * bool and 2 * var * float64: \
         list 0 at dimension 1 has length 2 against 1"
    );
    // A branch deeper than the condition: ak.where picks whole lists there.
    assert_eq!(
        broadcast_message(try_where_(
            &Array::from_vec(vec![1.0, -1.0]).gt(0.0),
            &x,
            0.0
        )),
        "cannot broadcast in `where_`: 2 * bool and 2 * var * float64: the condition has \
         depth 1 and a branch depth 2: ak.where picks whole lists there, which awkdiff does \
         not do; give the condition the branch's structure"
    );
}

#[test]
#[should_panic(expected = "cannot broadcast in `where_`: 2 * var * bool and 3 * float64")]
fn where_panics_with_the_error_message() {
    let x = array![[1.0, 2.0], [3.0]];
    let _ = awkdiff_core::where_(&x.gt(1.5), 0.0, Array::from_vec(vec![1.0, 2.0, 3.0]));
}
