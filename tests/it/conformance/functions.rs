//! One `#[differentiable]` function per function identifier of the reference fixtures
//! (`tools/reference/cases.md`), written as a user would write the fixture's Python
//! expression (quoted above each function). Axes, indices, masks and constants are part of
//! the function, as in the fixtures.

use awkdiff::prelude::*;

// ----- elementwise, one array ---------------------------------------------------------

/// `np.abs(x)`
#[differentiable]
pub fn abs(x: &Array<f64>) -> Array<f64> {
    x.abs()
}

/// `np.cos(x)`
#[differentiable]
pub fn cos(x: &Array<f64>) -> Array<f64> {
    x.cos()
}

/// `np.exp(x)`
#[differentiable]
pub fn exp(x: &Array<f64>) -> Array<f64> {
    x.exp()
}

/// `np.log(x)`
#[differentiable]
pub fn ln(x: &Array<f64>) -> Array<f64> {
    x.ln()
}

/// `np.log10(x)`
#[differentiable]
pub fn log10(x: &Array<f64>) -> Array<f64> {
    x.log10()
}

/// `-x`
#[differentiable]
pub fn neg(x: &Array<f64>) -> Array<f64> {
    -x
}

/// `x ** 0.5`
#[differentiable]
pub fn powf0_5(x: &Array<f64>) -> Array<f64> {
    x.powf(0.5)
}

/// `x ** 2.5`
#[differentiable]
pub fn powf2_5(x: &Array<f64>) -> Array<f64> {
    x.powf(2.5)
}

/// `x ** 3`
#[differentiable]
pub fn powi3(x: &Array<f64>) -> Array<f64> {
    x.powi(3)
}

/// `x ** -2`
#[differentiable]
pub fn powi_m2(x: &Array<f64>) -> Array<f64> {
    x.powi(-2)
}

/// `1.0 / x`
#[differentiable]
pub fn recip(x: &Array<f64>) -> Array<f64> {
    x.recip()
}

/// `np.sin(x)`
#[differentiable]
pub fn sin(x: &Array<f64>) -> Array<f64> {
    x.sin()
}

/// `np.sqrt(x)`
#[differentiable]
pub fn sqrt(x: &Array<f64>) -> Array<f64> {
    x.sqrt()
}

/// `np.tan(x)`
#[differentiable]
pub fn tan(x: &Array<f64>) -> Array<f64> {
    x.tan()
}

/// `np.tanh(x)`
#[differentiable]
pub fn tanh(x: &Array<f64>) -> Array<f64> {
    x.tanh()
}

// ----- elementwise, two arrays (same structure or broadcast) --------------------------

/// `x + y`
#[differentiable]
pub fn add(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x + y
}

/// `x - y`
#[differentiable]
pub fn sub(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x - y
}

/// `x * y`
#[differentiable]
pub fn mul(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x * y
}

/// `x / y`
#[differentiable]
pub fn div(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x / y
}

/// `x ** y`
#[differentiable]
pub fn pow(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.pow(y)
}

/// `np.maximum(x, y)`
#[differentiable]
pub fn maximum(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.maximum(y)
}

/// `np.minimum(x, y)`
#[differentiable]
pub fn minimum(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.minimum(y)
}

// ----- with constants -----------------------------------------------------------------

/// `x + 2.5`
#[differentiable]
pub fn add_const(x: &Array<f64>) -> Array<f64> {
    x + 2.5
}

/// `2.5 + x`
#[differentiable]
pub fn const_add(x: &Array<f64>) -> Array<f64> {
    2.5 + x
}

/// `x - 2.5`
#[differentiable]
pub fn sub_const(x: &Array<f64>) -> Array<f64> {
    x - 2.5
}

/// `2.5 - x`
#[differentiable]
pub fn const_sub(x: &Array<f64>) -> Array<f64> {
    2.5 - x
}

/// `x * 2.5`
#[differentiable]
pub fn mul_const(x: &Array<f64>) -> Array<f64> {
    x * 2.5
}

/// `2.5 * x`
#[differentiable]
pub fn const_mul(x: &Array<f64>) -> Array<f64> {
    2.5 * x
}

/// `x / 2.5`
#[differentiable]
pub fn div_const(x: &Array<f64>) -> Array<f64> {
    x / 2.5
}

/// `2.5 / x`
#[differentiable]
pub fn const_div(x: &Array<f64>) -> Array<f64> {
    2.5 / x
}

// ----- with a differentiated scalar parameter -----------------------------------------

/// `x + s`
#[differentiable]
pub fn add_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x + s
}

/// `s - x`
#[differentiable]
pub fn scalar_sub(x: &Array<f64>, s: f64) -> Array<f64> {
    s - x
}

/// `x * s`
#[differentiable]
pub fn mul_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x * s
}

/// `s * x`
#[differentiable]
pub fn scalar_mul(x: &Array<f64>, s: f64) -> Array<f64> {
    s * x
}

/// `x / s`
#[differentiable]
pub fn div_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x / s
}

/// `s / x`
#[differentiable]
pub fn scalar_div(x: &Array<f64>, s: f64) -> Array<f64> {
    s / x
}

/// `x ** s`
#[differentiable]
pub fn powf_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x.powf(s)
}

// ----- reducers (mask_identity=False for max and min) ---------------------------------

/// `ak.sum(x, axis=0)`
#[differentiable]
pub fn sum_axis0(x: &Array<f64>) -> Array<f64> {
    x.sum(0)
}

/// `ak.sum(x, axis=1)`
#[differentiable]
pub fn sum_axis1(x: &Array<f64>) -> Array<f64> {
    x.sum(1)
}

/// `ak.sum(x, axis=2)`
#[differentiable]
pub fn sum_axis2(x: &Array<f64>) -> Array<f64> {
    x.sum(2)
}

/// `ak.sum(x, axis=3)`
#[differentiable]
pub fn sum_axis3(x: &Array<f64>) -> Array<f64> {
    x.sum(3)
}

/// `ak.sum(x, axis=-1)`
#[differentiable]
pub fn sum_axism1(x: &Array<f64>) -> Array<f64> {
    x.sum(-1)
}

/// `ak.sum(x, axis=-2)`
#[differentiable]
pub fn sum_axism2(x: &Array<f64>) -> Array<f64> {
    x.sum(-2)
}

/// `ak.sum(x, axis=None)`
#[differentiable]
pub fn sum_all(x: &Array<f64>) -> f64 {
    x.sum_all()
}

/// `ak.prod(x, axis=0)`
#[differentiable]
pub fn prod_axis0(x: &Array<f64>) -> Array<f64> {
    x.prod(0)
}

/// `ak.prod(x, axis=1)`
#[differentiable]
pub fn prod_axis1(x: &Array<f64>) -> Array<f64> {
    x.prod(1)
}

/// `ak.prod(x, axis=2)`
#[differentiable]
pub fn prod_axis2(x: &Array<f64>) -> Array<f64> {
    x.prod(2)
}

/// `ak.prod(x, axis=3)`
#[differentiable]
pub fn prod_axis3(x: &Array<f64>) -> Array<f64> {
    x.prod(3)
}

/// `ak.prod(x, axis=-1)`
#[differentiable]
pub fn prod_axism1(x: &Array<f64>) -> Array<f64> {
    x.prod(-1)
}

/// `ak.prod(x, axis=None)`
#[differentiable]
pub fn prod_all(x: &Array<f64>) -> f64 {
    x.prod_all()
}

/// `ak.mean(x, axis=0)`
#[differentiable]
pub fn mean_axis0(x: &Array<f64>) -> Array<f64> {
    x.mean(0)
}

/// `ak.mean(x, axis=1)`
#[differentiable]
pub fn mean_axis1(x: &Array<f64>) -> Array<f64> {
    x.mean(1)
}

/// `ak.mean(x, axis=2)`
#[differentiable]
pub fn mean_axis2(x: &Array<f64>) -> Array<f64> {
    x.mean(2)
}

/// `ak.mean(x, axis=3)`
#[differentiable]
pub fn mean_axis3(x: &Array<f64>) -> Array<f64> {
    x.mean(3)
}

/// `ak.mean(x, axis=-1)`
#[differentiable]
pub fn mean_axism1(x: &Array<f64>) -> Array<f64> {
    x.mean(-1)
}

/// `ak.mean(x, axis=None)`
#[differentiable]
pub fn mean_all(x: &Array<f64>) -> f64 {
    x.mean_all()
}

/// `ak.max(x, axis=0, mask_identity=False)`
#[differentiable]
pub fn max_axis0(x: &Array<f64>) -> Array<f64> {
    x.max(0)
}

/// `ak.max(x, axis=1, mask_identity=False)`
#[differentiable]
pub fn max_axis1(x: &Array<f64>) -> Array<f64> {
    x.max(1)
}

/// `ak.max(x, axis=2, mask_identity=False)`
#[differentiable]
pub fn max_axis2(x: &Array<f64>) -> Array<f64> {
    x.max(2)
}

/// `ak.max(x, axis=3, mask_identity=False)`
#[differentiable]
pub fn max_axis3(x: &Array<f64>) -> Array<f64> {
    x.max(3)
}

/// `ak.max(x, axis=-1, mask_identity=False)`
#[differentiable]
pub fn max_axism1(x: &Array<f64>) -> Array<f64> {
    x.max(-1)
}

/// `ak.max(x, axis=-2, mask_identity=False)`
#[differentiable]
pub fn max_axism2(x: &Array<f64>) -> Array<f64> {
    x.max(-2)
}

/// `ak.max(x, axis=None, mask_identity=False)`
#[differentiable]
pub fn max_all(x: &Array<f64>) -> f64 {
    x.max_all()
}

/// `ak.min(x, axis=0, mask_identity=False)`
#[differentiable]
pub fn min_axis0(x: &Array<f64>) -> Array<f64> {
    x.min(0)
}

/// `ak.min(x, axis=1, mask_identity=False)`
#[differentiable]
pub fn min_axis1(x: &Array<f64>) -> Array<f64> {
    x.min(1)
}

/// `ak.min(x, axis=2, mask_identity=False)`
#[differentiable]
pub fn min_axis2(x: &Array<f64>) -> Array<f64> {
    x.min(2)
}

/// `ak.min(x, axis=3, mask_identity=False)`
#[differentiable]
pub fn min_axis3(x: &Array<f64>) -> Array<f64> {
    x.min(3)
}

/// `ak.min(x, axis=-1, mask_identity=False)`
#[differentiable]
pub fn min_axism1(x: &Array<f64>) -> Array<f64> {
    x.min(-1)
}

/// `ak.min(x, axis=None, mask_identity=False)`
#[differentiable]
pub fn min_all(x: &Array<f64>) -> f64 {
    x.min_all()
}

// ----- slices -------------------------------------------------------------------------

/// `x[1:]`
#[differentiable]
pub fn slice_from1(x: &Array<f64>) -> Array<f64> {
    x.slice(s![1..])
}

/// `x[:-1]`
#[differentiable]
pub fn slice_to_m1(x: &Array<f64>) -> Array<f64> {
    x.slice(s![..-1])
}

/// `x[::-1]`
#[differentiable]
pub fn slice_rev(x: &Array<f64>) -> Array<f64> {
    x.slice(s![..;-1])
}

/// `x[1:5:2]`
#[differentiable]
pub fn slice_1_5_2(x: &Array<f64>) -> Array<f64> {
    x.slice(s![1..5;2])
}

/// `x[4:0:-2]` (`s!` ranges with a step mean NumPy's `start:stop:step`)
#[differentiable]
pub fn slice_4_0_m2(x: &Array<f64>) -> Array<f64> {
    x.slice(s![4..0;-2])
}

/// `x[-2:]`
#[differentiable]
pub fn slice_from_m2(x: &Array<f64>) -> Array<f64> {
    x.slice(s![-2..])
}

/// `x[:100]`
#[differentiable]
pub fn slice_to_100(x: &Array<f64>) -> Array<f64> {
    x.slice(s![..100])
}

/// `x[:, 1:]`
#[differentiable]
pub fn inner_from1(x: &Array<f64>) -> Array<f64> {
    x.slice(s![.., 1..])
}

/// `x[:, :-1]`
#[differentiable]
pub fn inner_to_m1(x: &Array<f64>) -> Array<f64> {
    x.slice(s![.., ..-1])
}

/// `x[:, ::-1]`
#[differentiable]
pub fn inner_rev(x: &Array<f64>) -> Array<f64> {
    x.slice(s![.., ..;-1])
}

/// `x[:, ::2]`
#[differentiable]
pub fn inner_step2(x: &Array<f64>) -> Array<f64> {
    x.slice(s![.., ..;2])
}

/// `x[2]`
#[differentiable]
pub fn at2(x: &Array<f64>) -> Array<f64> {
    x.at(2)
}

/// `x[-1]`
#[differentiable]
pub fn at_m1(x: &Array<f64>) -> Array<f64> {
    x.slice(s![-1])
}

/// `x[:, 0]`
#[differentiable]
pub fn inner_at0(x: &Array<f64>) -> Array<f64> {
    x.slice(s![.., 0])
}

/// `x[:, -1]`
#[differentiable]
pub fn inner_at_m1(x: &Array<f64>) -> Array<f64> {
    x.slice(s![.., -1])
}

/// `x[[3, 0, 3]]`
#[differentiable]
pub fn take_3_0_3(x: &Array<f64>) -> Array<f64> {
    x.take(&[3, 0, 3])
}

/// `ak.flatten(x, axis=1)`
#[differentiable]
pub fn flatten(x: &Array<f64>) -> Array<f64> {
    x.flatten()
}

/// `x[ak.Array([[True, False, True], [], [False, False], [True], [True, True, False, True]])]`
#[differentiable]
pub fn filter_mask_inner(x: &Array<f64>) -> Array<f64> {
    let mask: Array<bool> = array![
        [true, false, true],
        [],
        [false, false],
        [true],
        [true, true, false, true]
    ];
    x.filter(&mask)
}

/// `x[ak.Array([True, False, True, False, True])]`
#[differentiable]
pub fn filter_mask_outer_tftft(x: &Array<f64>) -> Array<f64> {
    let mask: Array<bool> = array![true, false, true, false, true];
    x.filter(&mask)
}

/// `x[ak.Array([True, True, False, True])]`
#[differentiable]
pub fn filter_mask_outer_ttft(x: &Array<f64>) -> Array<f64> {
    let mask: Array<bool> = array![true, true, false, true];
    x.filter(&mask)
}

/// `x[x > 0.0]`
#[differentiable]
pub fn filter_positive(x: &Array<f64>) -> Array<f64> {
    x.filter(&x.gt(0.0))
}

// ----- composite functions ------------------------------------------------------------

/// `x - ak.mean(x, axis=1)`
#[differentiable]
pub fn center(x: &Array<f64>) -> Array<f64> {
    x - x.mean(1)
}

/// `ak.mean(np.tanh(x[:, ::-1] * 2.0 + 1.0) ** 2, axis=1)`
#[differentiable]
pub fn chain(x: &Array<f64>) -> Array<f64> {
    let reversed = x.slice(s![.., ..;-1]);
    (reversed * 2.0 + 1.0).tanh().powi(2).mean(1)
}

/// `ak.sum(np.sqrt(np.exp(x) + x * x) / (1.0 + np.abs(x)), axis=None)`
#[differentiable]
pub fn chain_all(x: &Array<f64>) -> f64 {
    let numerator = (x.exp() + x * x).sqrt();
    let denominator = 1.0 + x.abs();
    (numerator / denominator).sum_all()
}

/// `ak.sum(ak.flatten(x, axis=1) * 3.0, axis=0)`
#[differentiable]
pub fn flatten_then_sum0(x: &Array<f64>) -> Array<f64> {
    (x.flatten() * 3.0).sum(0)
}

/// `ak.sum(x[:, 1:] * x[:, :-1], axis=1)`
#[differentiable]
pub fn neighbour_products(x: &Array<f64>) -> Array<f64> {
    (x.slice(s![.., 1..]) * x.slice(s![.., ..-1])).sum(1)
}

/// `ak.sum(ak.max(x, axis=2) - ak.min(x, axis=2), axis=1)` (mask_identity=False)
#[differentiable]
pub fn range_sum(x: &Array<f64>) -> Array<f64> {
    (x.max(2) - x.min(2)).sum(1)
}

/// `ak.sum(x[::-1], axis=0)`: the seed notebook's function.
#[differentiable]
pub fn reverse_sum(x: &Array<f64>) -> Array<f64> {
    x.slice(s![..;-1]).sum(0)
}

/// `ak.sum(np.exp(s * x), axis=1) + s * s`
#[differentiable]
pub fn scalar_param(x: &Array<f64>, s: f64) -> Array<f64> {
    (s * x).exp().sum(1) + s * s
}

/// `ak.sum(np.tanh(x - s) * s, axis=None)`
#[differentiable]
pub fn scalar_param_all(x: &Array<f64>, s: f64) -> f64 {
    ((x - s).tanh() * s).sum_all()
}

/// `np.exp(x) / ak.sum(np.exp(x), axis=1)`
#[differentiable]
pub fn softmax(x: &Array<f64>) -> Array<f64> {
    let e = x.exp();
    let total = e.sum(1);
    e / total
}

/// `ak.prod(ak.sum(x, axis=2), axis=1)`
#[differentiable]
pub fn sum_rows_then_prod(x: &Array<f64>) -> Array<f64> {
    x.sum(2).prod(1)
}

/// `ak.sum(x * x + np.sin(x), axis=-1)`
#[differentiable]
pub fn sum_sq_plus_sin(x: &Array<f64>) -> Array<f64> {
    (x * x + x.sin()).sum(-1)
}

/// `ak.sum(x[[3, 0, 3]], axis=1) * ak.sum(x[1:4], axis=1)`
#[differentiable]
pub fn take_then_mul(x: &Array<f64>) -> Array<f64> {
    x.take(&[3, 0, 3]).sum(1) * x.slice(s![1..4]).sum(1)
}

/// `ak.sum(x * np.sin(y) + y * y, axis=1)`
#[differentiable]
pub fn two_params(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    (x * y.sin() + y * y).sum(1)
}

/// `ak.sum((x - y) ** 2, axis=1)`
#[differentiable]
pub fn two_params_broadcast(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    (x - y).powi(2).sum(1)
}

// ----- ufuncs (issue 13): unary ufuncs, clamp, atan2, hypot, where_, masks -----------------

/// `np.sinh(x)`
#[differentiable]
pub fn uf_sinh(x: &Array<f64>) -> Array<f64> {
    x.sinh()
}

/// `np.cosh(x)`
#[differentiable]
pub fn uf_cosh(x: &Array<f64>) -> Array<f64> {
    x.cosh()
}

/// `np.arcsinh(x)`
#[differentiable]
pub fn uf_asinh(x: &Array<f64>) -> Array<f64> {
    x.asinh()
}

/// `np.arccosh(x)`
#[differentiable]
pub fn uf_acosh(x: &Array<f64>) -> Array<f64> {
    x.acosh()
}

/// `np.arctanh(x)`
#[differentiable]
pub fn uf_atanh(x: &Array<f64>) -> Array<f64> {
    x.atanh()
}

/// `np.arcsin(x)`
#[differentiable]
pub fn uf_asin(x: &Array<f64>) -> Array<f64> {
    x.asin()
}

/// `np.arccos(x)`
#[differentiable]
pub fn uf_acos(x: &Array<f64>) -> Array<f64> {
    x.acos()
}

/// `np.arctan(x)`
#[differentiable]
pub fn uf_atan(x: &Array<f64>) -> Array<f64> {
    x.atan()
}

/// `np.log1p(x)`
#[differentiable]
pub fn uf_ln_1p(x: &Array<f64>) -> Array<f64> {
    x.ln_1p()
}

/// `np.expm1(x)`
#[differentiable]
pub fn uf_exp_m1(x: &Array<f64>) -> Array<f64> {
    x.exp_m1()
}

/// `np.log2(x)`
#[differentiable]
pub fn uf_log2(x: &Array<f64>) -> Array<f64> {
    x.log2()
}

/// `np.exp2(x)`
#[differentiable]
pub fn uf_exp2(x: &Array<f64>) -> Array<f64> {
    x.exp2()
}

/// `np.square(x)`
#[differentiable]
pub fn uf_square(x: &Array<f64>) -> Array<f64> {
    x.square()
}

/// `np.cbrt(x)`
#[differentiable]
pub fn uf_cbrt(x: &Array<f64>) -> Array<f64> {
    x.cbrt()
}

/// `1.0 / (1.0 + np.exp(-x))`
#[differentiable]
pub fn uf_sigmoid(x: &Array<f64>) -> Array<f64> {
    x.sigmoid()
}

/// `np.logaddexp(x, 0.0)`
#[differentiable]
pub fn uf_softplus(x: &Array<f64>) -> Array<f64> {
    x.softplus()
}

/// `np.maximum(x, 0.0)`
#[differentiable]
pub fn uf_maximum_scalar(x: &Array<f64>) -> Array<f64> {
    x.maximum(0.0)
}

/// `np.minimum(x, 0.25)`
#[differentiable]
pub fn uf_minimum_scalar(x: &Array<f64>) -> Array<f64> {
    x.minimum(0.25)
}

/// `np.minimum(np.maximum(x, -0.5), 0.5)`
#[differentiable]
pub fn uf_clamp(x: &Array<f64>) -> Array<f64> {
    x.clamp(-0.5, 0.5)
}

/// `np.floor(x)`
#[differentiable]
pub fn uf_floor(x: &Array<f64>) -> Array<f64> {
    x.floor()
}

/// `np.ceil(x)`
#[differentiable]
pub fn uf_ceil(x: &Array<f64>) -> Array<f64> {
    x.ceil()
}

/// `np.rint(x)`
#[differentiable]
pub fn uf_round(x: &Array<f64>) -> Array<f64> {
    x.round()
}

/// `np.trunc(x)`
#[differentiable]
pub fn uf_trunc(x: &Array<f64>) -> Array<f64> {
    x.trunc()
}

/// `np.sign(x)`
#[differentiable]
pub fn uf_signum(x: &Array<f64>) -> Array<f64> {
    x.signum()
}

/// `ak.where(x > 0.0, x, 0.0)`
#[differentiable]
pub fn uf_where_const(x: &Array<f64>) -> Array<f64> {
    where_(&x.gt(0.0), x, 0.0)
}

/// `ak.sum(x[np.isfinite(np.log(x))], axis=1)`
#[differentiable]
pub fn uf_isfinite_filter(x: &Array<f64>) -> Array<f64> {
    let finite = x.ln().is_finite();
    x.filter(&finite).sum(1)
}

/// `ak.where(np.isnan(np.sqrt(x)), -x, x)`
#[differentiable]
pub fn uf_isnan_where(x: &Array<f64>) -> Array<f64> {
    let nan = x.sqrt().is_nan();
    where_(&nan, &(-x), x)
}

/// `ak.where(np.isinf(np.exp(x * 400.0)), 1.0, x)`
#[differentiable]
pub fn uf_isinf_where(x: &Array<f64>) -> Array<f64> {
    let overflow = (x * 400.0).exp().is_infinite();
    overflow.where_(1.0, x)
}

/// `np.arctan2(x, y)`
#[differentiable]
pub fn uf_atan2(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.atan2(y)
}

/// `np.hypot(x, y)`
#[differentiable]
pub fn uf_hypot(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x.hypot(y)
}

/// `ak.where(x > 0.0, x, y)`
#[differentiable]
pub fn uf_where(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    where_(&x.gt(0.0), x, y)
}

/// `ak.where(x > 0.0, y, x)`
#[differentiable]
pub fn uf_where_swapped(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    let positive = x.gt(0.0);
    positive.where_(y, x)
}

/// `np.arctan2(x, s)`
#[differentiable]
pub fn uf_atan2_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x.atan2(s)
}

/// `np.hypot(x, s)`
#[differentiable]
pub fn uf_hypot_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x.hypot(s)
}

/// `ak.where(x > 0.0, x * s, s)`
#[differentiable]
pub fn uf_where_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    where_(&x.gt(0.0), &(x * s), s)
}

/// `x * np.sinh(y)`: pz = pt sinh(eta)
#[differentiable]
pub fn uf_pz(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    x * y.sinh()
}

/// `np.hypot(x * np.cosh(y), 0.5)`: E = hypot(pt cosh(eta), m)
#[differentiable]
pub fn uf_energy(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    (x * y.cosh()).hypot(0.5)
}

/// `ak.sum(np.maximum(x * s + 0.1, 0.0), axis=1)`
#[differentiable]
pub fn uf_relu_layer(x: &Array<f64>, s: f64) -> Array<f64> {
    (x * s + 0.1).maximum(0.0).sum(1)
}

/// `ak.sum(np.minimum(np.maximum(np.tanh(x * s), -0.5), 0.5) ** 2, axis=-1)`
#[differentiable]
pub fn uf_clip_layer(x: &Array<f64>, s: f64) -> Array<f64> {
    (x * s).tanh().clamp(-0.5, 0.5).powi(2).sum(-1)
}

/// `ak.sum(x / (1.0 + np.exp(-(1.5 - np.abs(y)) / 0.3)), axis=1)`
#[differentiable]
pub fn uf_soft_selection(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    let weight = ((1.5 - y.abs()) / 0.3).sigmoid();
    (x * weight).sum(1)
}

/// `ak.sum(ak.where(np.abs(y) < 1.5, x, 0.0), axis=1)`
#[differentiable]
pub fn uf_hard_selection(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    let central = y.abs().lt(1.5);
    where_(&central, x, 0.0).sum(1)
}

/// `ak.sum(np.logaddexp(x * s, 0.0) - np.log1p(np.exp2(-np.square(x))), axis=None)`
#[differentiable]
pub fn uf_softplus_loss(x: &Array<f64>, s: f64) -> f64 {
    ((x * s).softplus() - (-x.square()).exp2().ln_1p()).sum_all()
}

// ---------------------------------------------------------------------------------------
// Family `structure` (issue 13): sort, jagged indexing, item, concatenate, unflatten, ravel.

/// `ak.sort(x, axis=-1)`
#[differentiable]
pub fn sort_asc(x: &Array<f64>) -> Array<f64> {
    x.sort(-1, false)
}

/// `ak.sort(x, axis=-1, ascending=False)`
#[differentiable]
pub fn sort_desc(x: &Array<f64>) -> Array<f64> {
    x.sort(-1, true)
}

/// `ak.sort(x, axis=0)`
#[differentiable]
pub fn sort_axis0(x: &Array<f64>) -> Array<f64> {
    x.sort(0, false)
}

/// `ak.sort(x, axis=1)`
#[differentiable]
pub fn sort_axis1(x: &Array<f64>) -> Array<f64> {
    x.sort(1, false)
}

/// `ak.sum(ak.sort(x, axis=1)[:, :1], axis=None)`
#[differentiable]
pub fn sort_min_sum(x: &Array<f64>) -> f64 {
    x.sort(1, false).slice(s![.., ..1]).sum_all()
}

/// `x[ak.argsort(x, axis=-1, ascending=False)]`
#[differentiable]
pub fn index_argsort_desc(x: &Array<f64>) -> Array<f64> {
    let order = x.argsort(-1, true);
    x.index(&order)
}

/// `x[ak.argsort(x, axis=1, ascending=False)][:, :1]`
#[differentiable]
pub fn leading(x: &Array<f64>) -> Array<f64> {
    x.index(&x.argsort(1, true)).slice(s![.., ..1])
}

/// `x[ak.Array([[2, 0], [], [-1, -1], [0], [3, 1]])]`
#[differentiable]
pub fn index_const_d2(x: &Array<f64>) -> Array<f64> {
    x.index(&array![[2i64, 0], [], [-1, -1], [0], [3, 1]])
}

/// `x[ak.Array([[1, 0, 1], [], [2, 0], [0, 0]])]`
#[differentiable]
pub fn index_lists_d3(x: &Array<f64>) -> Array<f64> {
    x.index(&array![[1i64, 0, 1], [], [2, 0], [0, 0]])
}

/// `x[ak.Array([[[1, -2], [0]], [], [[0], [], [2, 0, 0]], [[-1]]])]`
#[differentiable]
pub fn index_leaves_d3(x: &Array<f64>) -> Array<f64> {
    x.index(&array![[[1i64, -2], [0]], [], [[0], [], [2, 0, 0]], [[-1]]])
}

/// `x[ak.local_index(x, axis=1)[:, ::-1]]`
#[differentiable]
pub fn index_local_reverse(x: &Array<f64>) -> Array<f64> {
    let reversed = x.local_index(1).slice(s![.., ..;-1]);
    x.index(&reversed)
}

/// `x[4]`
#[differentiable]
pub fn item_4(x: &Array<f64>) -> f64 {
    x.item(&[4])
}

/// `x[2, 1]`
#[differentiable]
pub fn item_2_1(x: &Array<f64>) -> f64 {
    x.item(&[2, 1])
}

/// `x[2, 2, 1]`
#[differentiable]
pub fn item_2_2_1(x: &Array<f64>) -> f64 {
    x.item(&[2, 2, 1])
}

/// `x[0, 0] * x[2, -1]`
#[differentiable]
pub fn item_product(x: &Array<f64>) -> f64 {
    x.item(&[0, 0]) * x.item(&[2, -1])
}

/// `ak.concatenate([x, y], axis=0)`
#[differentiable]
pub fn concat_axis0(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    concatenate(&[x, y], 0)
}

/// `ak.concatenate([x, y], axis=1)`
#[differentiable]
pub fn concat_axis1(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    concatenate(&[x, y], 1)
}

/// `ak.concatenate([x, y], axis=2)`
#[differentiable]
pub fn concat_axis2(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    concatenate(&[x, y], 2)
}

/// `ak.concatenate([x, y], axis=-1)`
#[differentiable]
pub fn concat_axism1(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    concatenate(&[x, y], -1)
}

/// `ak.concatenate([x, np.sin(x), x], axis=1)`
#[differentiable]
pub fn concat_self(x: &Array<f64>) -> Array<f64> {
    let s = x.sin();
    concatenate(&[x, &s, x], 1)
}

/// `ak.sum(ak.concatenate([x, y], axis=1), axis=1)`
#[differentiable]
pub fn concat_sum(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    concatenate(&[x, y], 1).sum(1)
}

/// `ak.unflatten(x, [2, 0, 3, 1])`
#[differentiable]
pub fn unflatten_2031(x: &Array<f64>) -> Array<f64> {
    x.unflatten(&[2, 0, 3, 1])
}

/// `ak.unflatten(x, [2, 0, 3])`
#[differentiable]
pub fn unflatten_203(x: &Array<f64>) -> Array<f64> {
    x.unflatten(&[2, 0, 3])
}

/// `ak.ravel(x)`
#[differentiable]
pub fn ravel(x: &Array<f64>) -> Array<f64> {
    x.ravel()
}

/// `ak.unflatten(ak.ravel(x), ak.num(x, axis=1))`
#[differentiable]
pub fn ravel_unflatten_num(x: &Array<f64>) -> Array<f64> {
    let counts = x.num(1);
    x.ravel().unflatten(&counts)
}

/// `ak.sum(ak.ravel(x) ** 2, axis=0)`
#[differentiable]
pub fn ravel_sq_sum(x: &Array<f64>) -> Array<f64> {
    x.ravel().powi(2).sum(0)
}

// ----- reducers2: var, std, ptp, softmax, log_softmax, logsumexp, keepdims (issue 13) -----

/// `ak.var(x, axis=0, ddof=0)`
#[differentiable]
pub fn var_axis0_ddof0(x: &Array<f64>) -> Array<f64> {
    x.var(0, 0)
}

/// `ak.var(x, axis=1, ddof=0)`
#[differentiable]
pub fn var_axis1_ddof0(x: &Array<f64>) -> Array<f64> {
    x.var(1, 0)
}

/// `ak.var(x, axis=2, ddof=0)`
#[differentiable]
pub fn var_axis2_ddof0(x: &Array<f64>) -> Array<f64> {
    x.var(2, 0)
}

/// `ak.var(x, axis=-1, ddof=0)`
#[differentiable]
pub fn var_axism1_ddof0(x: &Array<f64>) -> Array<f64> {
    x.var(-1, 0)
}

/// `ak.var(x, axis=None, ddof=0)`
#[differentiable]
pub fn var_all_ddof0(x: &Array<f64>) -> f64 {
    x.var_all(0)
}

/// `ak.var(x, axis=0, ddof=1)`
#[differentiable]
pub fn var_axis0_ddof1(x: &Array<f64>) -> Array<f64> {
    x.var(0, 1)
}

/// `ak.var(x, axis=1, ddof=1)`
#[differentiable]
pub fn var_axis1_ddof1(x: &Array<f64>) -> Array<f64> {
    x.var(1, 1)
}

/// `ak.var(x, axis=2, ddof=1)`
#[differentiable]
pub fn var_axis2_ddof1(x: &Array<f64>) -> Array<f64> {
    x.var(2, 1)
}

/// `ak.var(x, axis=-1, ddof=1)`
#[differentiable]
pub fn var_axism1_ddof1(x: &Array<f64>) -> Array<f64> {
    x.var(-1, 1)
}

/// `ak.var(x, axis=None, ddof=1)`
#[differentiable]
pub fn var_all_ddof1(x: &Array<f64>) -> f64 {
    x.var_all(1)
}

/// `ak.std(x, axis=0, ddof=0)`
#[differentiable]
pub fn std_axis0_ddof0(x: &Array<f64>) -> Array<f64> {
    x.std(0, 0)
}

/// `ak.std(x, axis=1, ddof=0)`
#[differentiable]
pub fn std_axis1_ddof0(x: &Array<f64>) -> Array<f64> {
    x.std(1, 0)
}

/// `ak.std(x, axis=2, ddof=0)`
#[differentiable]
pub fn std_axis2_ddof0(x: &Array<f64>) -> Array<f64> {
    x.std(2, 0)
}

/// `ak.std(x, axis=-1, ddof=0)`
#[differentiable]
pub fn std_axism1_ddof0(x: &Array<f64>) -> Array<f64> {
    x.std(-1, 0)
}

/// `ak.std(x, axis=None, ddof=0)`
#[differentiable]
pub fn std_all_ddof0(x: &Array<f64>) -> f64 {
    x.std_all(0)
}

/// `ak.std(x, axis=0, ddof=1)`
#[differentiable]
pub fn std_axis0_ddof1(x: &Array<f64>) -> Array<f64> {
    x.std(0, 1)
}

/// `ak.std(x, axis=1, ddof=1)`
#[differentiable]
pub fn std_axis1_ddof1(x: &Array<f64>) -> Array<f64> {
    x.std(1, 1)
}

/// `ak.std(x, axis=2, ddof=1)`
#[differentiable]
pub fn std_axis2_ddof1(x: &Array<f64>) -> Array<f64> {
    x.std(2, 1)
}

/// `ak.std(x, axis=-1, ddof=1)`
#[differentiable]
pub fn std_axism1_ddof1(x: &Array<f64>) -> Array<f64> {
    x.std(-1, 1)
}

/// `ak.std(x, axis=None, ddof=1)`
#[differentiable]
pub fn std_all_ddof1(x: &Array<f64>) -> f64 {
    x.std_all(1)
}

/// `ak.var(x, axis=1, ddof=2)`
#[differentiable]
pub fn var_axis1_ddof2(x: &Array<f64>) -> Array<f64> {
    x.var(1, 2)
}

/// `ak.ptp(x, axis=0, mask_identity=False)`
#[differentiable]
pub fn ptp_axis0(x: &Array<f64>) -> Array<f64> {
    x.ptp(0)
}

/// `ak.ptp(x, axis=1, mask_identity=False)`
#[differentiable]
pub fn ptp_axis1(x: &Array<f64>) -> Array<f64> {
    x.ptp(1)
}

/// `ak.ptp(x, axis=2, mask_identity=False)`
#[differentiable]
pub fn ptp_axis2(x: &Array<f64>) -> Array<f64> {
    x.ptp(2)
}

/// `ak.ptp(x, axis=-1, mask_identity=False)`
#[differentiable]
pub fn ptp_axism1(x: &Array<f64>) -> Array<f64> {
    x.ptp(-1)
}

/// `ak.ptp(x, axis=None, mask_identity=False)`
#[differentiable]
pub fn ptp_all(x: &Array<f64>) -> f64 {
    x.ptp_all()
}

/// `np.exp(x - ak.max(x, axis=-1, keepdims=True, ..)) / ak.sum(np.exp(..), axis=-1, keepdims=True)`
#[differentiable]
pub fn softmax_axism1(x: &Array<f64>) -> Array<f64> {
    x.softmax(-1)
}

/// `np.exp(x - ak.max(x, axis=0, keepdims=True, ..)) / ak.sum(np.exp(..), axis=0, keepdims=True)`
#[differentiable]
pub fn softmax_axis0(x: &Array<f64>) -> Array<f64> {
    x.softmax(0)
}

/// `x - np.log(ak.sum(np.exp(x), axis=-1, keepdims=True))`
#[differentiable]
pub fn log_softmax_axism1(x: &Array<f64>) -> Array<f64> {
    x.log_softmax(-1)
}

/// `x - (ak.max(x, axis=-1, keepdims=True, ..) + np.log(ak.sum(np.exp(x - max), axis=-1, keepdims=True)))`
#[differentiable]
pub fn log_softmax_axism1_shifted(x: &Array<f64>) -> Array<f64> {
    x.log_softmax(-1)
}

/// `x - np.log(ak.sum(np.exp(x), axis=0, keepdims=True))`
#[differentiable]
pub fn log_softmax_axis0(x: &Array<f64>) -> Array<f64> {
    x.log_softmax(0)
}

/// `np.log(ak.sum(np.exp(x), axis=-1))`
#[differentiable]
pub fn logsumexp_axism1(x: &Array<f64>) -> Array<f64> {
    x.logsumexp(-1)
}

/// `np.log(ak.sum(np.exp(x), axis=0))`
#[differentiable]
pub fn logsumexp_axis0(x: &Array<f64>) -> Array<f64> {
    x.logsumexp(0)
}

/// `np.log(ak.sum(np.exp(x), axis=1))`
#[differentiable]
pub fn logsumexp_axis1(x: &Array<f64>) -> Array<f64> {
    x.logsumexp(1)
}

/// `ak.sum(x, axis=1, keepdims=True)`
#[differentiable]
pub fn sum_keepdims_axis1(x: &Array<f64>) -> Array<f64> {
    x.sum_keepdims(1)
}

/// `ak.sum(x, axis=0, keepdims=True)`
#[differentiable]
pub fn sum_keepdims_axis0(x: &Array<f64>) -> Array<f64> {
    x.sum_keepdims(0)
}

/// `ak.prod(x, axis=-1, keepdims=True)`
#[differentiable]
pub fn prod_keepdims_axism1(x: &Array<f64>) -> Array<f64> {
    x.prod_keepdims(-1)
}

/// `ak.mean(x, axis=1, keepdims=True)`
#[differentiable]
pub fn mean_keepdims_axis1(x: &Array<f64>) -> Array<f64> {
    x.mean_keepdims(1)
}

/// `ak.max(x, axis=2, keepdims=True, mask_identity=False)`
#[differentiable]
pub fn max_keepdims_axis2(x: &Array<f64>) -> Array<f64> {
    x.max_keepdims(2)
}

/// `ak.min(x, axis=0, keepdims=True, mask_identity=False)`
#[differentiable]
pub fn min_keepdims_axis0(x: &Array<f64>) -> Array<f64> {
    x.min_keepdims(0)
}

/// `ak.var(x, axis=-1, ddof=1, keepdims=True)`
#[differentiable]
pub fn var_keepdims_axism1(x: &Array<f64>) -> Array<f64> {
    x.var_keepdims(-1, 1)
}

/// `ak.std(x, axis=1, ddof=0, keepdims=True)`
#[differentiable]
pub fn std_keepdims_axis1(x: &Array<f64>) -> Array<f64> {
    x.std_keepdims(1, 0)
}

/// `ak.ptp(x, axis=1, keepdims=True, mask_identity=False)`
#[differentiable]
pub fn ptp_keepdims_axis1(x: &Array<f64>) -> Array<f64> {
    x.ptp_keepdims(1)
}

/// `np.log(ak.sum(np.exp(x), axis=-1, keepdims=True))`
#[differentiable]
pub fn logsumexp_keepdims_axism1(x: &Array<f64>) -> Array<f64> {
    x.logsumexp_keepdims(-1)
}

/// `(x - ak.mean(x, axis=1)) / ak.std(x, axis=1)`
#[differentiable]
pub fn standardise(x: &Array<f64>) -> Array<f64> {
    (x - x.mean(1)) / x.std(1, 0)
}

/// `-ak.sum(target * (x - np.log(ak.sum(np.exp(x), axis=1, keepdims=True))), axis=None) / 4.0`
/// with `target = [[0, 1, 0], [], [0, 0, 0, 1], [1, 0]]`
#[differentiable]
pub fn cross_entropy(x: &Array<f64>) -> f64 {
    let target = array![[0.0, 1.0, 0.0], [], [0.0, 0.0, 0.0, 1.0], [1.0, 0.0]];
    -(x.log_softmax(1) * target).sum_all() / 4.0
}

/// `ak.sum(ak.ptp(x, axis=1, mask_identity=False) ** 2, axis=None) + ak.var(x, axis=None, ddof=1)`
#[differentiable]
pub fn spread_penalty(x: &Array<f64>) -> f64 {
    x.ptp(1).powi(2).sum_all() + x.var_all(1)
}

// ---------------------------------------------------------------------------------------
// Family `options` (issue 14, item 3): missing values, ending in plain arrays.

/// `ak.fill_none(ak.firsts(x, axis=-1), 0.0)`
#[differentiable]
pub fn firsts_fill(x: &Array<f64>) -> Array<f64> {
    x.firsts().fill_none(0.0)
}

/// `ak.fill_none(ak.pad_none(x, 2, axis=-1, clip=True), 0.0)`
#[differentiable]
pub fn pad2_clip_fill(x: &Array<f64>) -> Array<f64> {
    x.pad_none(2, true).fill_none(0.0)
}

/// `ak.fill_none(ak.pad_none(x, 3, axis=-1), -1.0)`
#[differentiable]
pub fn pad3_fill(x: &Array<f64>) -> Array<f64> {
    x.pad_none(3, false).fill_none(-1.0)
}

/// `ak.fill_none(ak.pad_none(x, 0, axis=-1, clip=True), 0.0)`
#[differentiable]
pub fn pad0_clip_fill(x: &Array<f64>) -> Array<f64> {
    x.pad_none(0, true).fill_none(0.0)
}

/// `ak.fill_none(ak.mask(x, x > 0.0), 0.5)`
#[differentiable]
pub fn mask_fill(x: &Array<f64>) -> Array<f64> {
    x.mask(&x.gt(0.0)).fill_none(0.5)
}

/// `ak.drop_none(ak.mask(x, x > 0.0))`
#[differentiable]
pub fn mask_drop(x: &Array<f64>) -> Array<f64> {
    x.mask(&x.gt(0.0)).drop_none()
}

/// `ak.sum(ak.drop_none(ak.mask(x, x > 0.0)), axis=-1)`
#[differentiable]
pub fn mask_drop_sum(x: &Array<f64>) -> Array<f64> {
    x.mask(&x.gt(0.0)).drop_none().sum(-1)
}

/// `ak.fill_none(ak.max(x, axis=-1), 0.0)` (Awkward's default `mask_identity=True`)
#[differentiable]
pub fn max_none_fill_axism1(x: &Array<f64>) -> Array<f64> {
    x.max_or_none(-1).fill_none(0.0)
}

/// `ak.fill_none(ak.max(x, axis=1), 0.0)`
#[differentiable]
pub fn max_none_fill_axis1(x: &Array<f64>) -> Array<f64> {
    x.max_or_none(1).fill_none(0.0)
}

/// `ak.fill_none(ak.max(x, axis=0), 0.0)`
#[differentiable]
pub fn max_none_fill_axis0(x: &Array<f64>) -> Array<f64> {
    x.max_or_none(0).fill_none(0.0)
}

/// `ak.fill_none(ak.min(x, axis=-1), 0.0)`
#[differentiable]
pub fn min_none_fill_axism1(x: &Array<f64>) -> Array<f64> {
    x.min_or_none(-1).fill_none(0.0)
}

/// `ak.fill_none(ak.min(x, axis=1), 0.0)`
#[differentiable]
pub fn min_none_fill_axis1(x: &Array<f64>) -> Array<f64> {
    x.min_or_none(1).fill_none(0.0)
}

/// `ak.fill_none(ak.min(x, axis=0), 0.0)`
#[differentiable]
pub fn min_none_fill_axis0(x: &Array<f64>) -> Array<f64> {
    x.min_or_none(0).fill_none(0.0)
}

/// `ak.fill_none(ak.firsts(x, axis=-1), s)`: the fill value differentiated.
#[differentiable]
pub fn firsts_fill_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x.firsts().fill_none(s)
}

/// `ak.fill_none(ak.pad_none(x, 3, axis=-1), s)`: the fill value differentiated.
#[differentiable]
pub fn pad_fill_scalar(x: &Array<f64>, s: f64) -> Array<f64> {
    x.pad_none(3, false).fill_none(s)
}

/// `ak.fill_none(np.exp(ak.firsts(x, axis=-1)) * 2.0 - ak.firsts(x, axis=-1), 0.0)`
#[differentiable]
pub fn masked_arith(x: &Array<f64>) -> Array<f64> {
    let first = x.firsts();
    (first.exp() * 2.0 - &first).fill_none(0.0)
}

/// `ak.fill_none(ak.max(x, axis=-1) * ak.sum(x, axis=-1), 0.0)`
#[differentiable]
pub fn masked_times_array(x: &Array<f64>) -> Array<f64> {
    (x.max_or_none(-1) * x.sum(-1)).fill_none(0.0)
}

/// `ak.fill_none(ak.mask(x, x > 0.0) * ak.mask(y, y < 0.5) + y, 1.0)`
#[differentiable]
pub fn masked_two_params(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    (x.mask(&x.gt(0.0)) * y.mask(&y.lt(0.5)) + y).fill_none(1.0)
}

/// `ak.fill_none(ak.mask(x, x > 0.0) * y, 0.0)`, `y` of depth 1 into `x` of depth 2
#[differentiable]
pub fn masked_broadcast(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
    (x.mask(&x.gt(0.0)) * y).fill_none(0.0)
}

/// The padded first three values of each list into one tanh unit, summed.
#[differentiable]
pub fn pad_network(x: &Array<f64>) -> f64 {
    let p = x.pad_none(3, true).fill_none(0.0);
    let h = p.slice(s![.., 0]) * 0.8 - p.slice(s![.., 1]) * 0.3 + p.slice(s![.., 2]) * 0.5;
    (h + 0.1).tanh().sum_all()
}

// ----- family `records` (issue 14): the fields x and y of r = ak.zip({"x": x, "y": y}) -----

/// The record of the `records` family: Awkward's `ak.zip({"x": x, "y": y})`.
#[derive(Clone, Debug, PartialEq, Record)]
pub struct XY<T: Float> {
    pub x: Array<T>,
    pub y: Array<T>,
}

/// `2 * r.y[2][0] + 10` (Awkward's `test_recordarray_2`)
#[differentiable]
pub fn rec_item_list(r: &XY<f64>) -> Array<f64> {
    r.y.at(2).at(0) * 2.0 + 10.0
}

/// `2 * r[2][0].y + 10`: the record selected first
#[differentiable]
pub fn rec_item_record_first(r: &XY<f64>) -> Array<f64> {
    let picked = r.at(2).at(0);
    picked.y * 2.0 + 10.0
}

/// `2 * r.y[2, 2, 1] + 10` (Awkward's `test_recordarray_7`)
#[differentiable]
pub fn rec_item_scalar(r: &XY<f64>) -> f64 {
    r.y.item(&[2, 2, 1]) * 2.0 + 10.0
}

/// `2 * r.y ** 2` (Awkward's `test_recordarray_6`)
#[differentiable]
pub fn rec_square(r: &XY<f64>) -> Array<f64> {
    r.y.powi(2) * 2.0
}

/// `r.x * r.y + np.sin(r.x)`
#[differentiable]
pub fn rec_arith(r: &XY<f64>) -> Array<f64> {
    &r.x * &r.y + r.x.sin()
}

/// `ak.sum(r[:, 1:].x * r[:, :-1].y, axis=-1)`
#[differentiable]
pub fn rec_slice_pairs(r: &XY<f64>) -> Array<f64> {
    let later = r.slice(s![.., 1..]);
    let earlier = r.slice(s![.., ..-1]);
    (later.x * earlier.y).sum(-1)
}

/// `ak.sum(r[:, :, 1:].x * r[:, :, :-1].y, axis=-1)`
#[differentiable]
pub fn rec_slice_inner(r: &XY<f64>) -> Array<f64> {
    let later = r.slice(s![.., .., 1..]);
    let earlier = r.slice(s![.., .., ..-1]);
    (later.x * earlier.y).sum(-1)
}

/// `ak.sum(r[r.x > 0].y, axis=-1)`
#[differentiable]
pub fn rec_filter(r: &XY<f64>) -> Array<f64> {
    r.filter(&r.x.gt(0.0)).y.sum(-1)
}

/// `r[[2, 0, 2]].x * 2 + r[[2, 0, 2]].y`
#[differentiable]
pub fn rec_take(r: &XY<f64>) -> Array<f64> {
    let picked = r.take(&[2, 0, 2]);
    &picked.x * 2.0 + &picked.y
}

/// `ak.flatten(r).x * ak.flatten(r).y`
#[differentiable]
pub fn rec_flatten(r: &XY<f64>) -> Array<f64> {
    let flat = r.flatten();
    &flat.x * &flat.y
}

/// `r[-1].x * r[-1].y`
#[differentiable]
pub fn rec_at(r: &XY<f64>) -> Array<f64> {
    let last = r.at(-1);
    &last.x * &last.y
}

/// `i, j = ak.unzip(ak.argcombinations(r, 2, axis=-1)); ak.sum(r[i].x * r[j].y, axis=-1)`
#[differentiable]
pub fn rec_pairs(r: &XY<f64>) -> Array<f64> {
    let (i, j) = r.argcombinations::<2>();
    (r.index(&i).x * r.index(&j).y).sum(-1)
}

/// `i, j, k = ak.unzip(ak.argcombinations(r, 3, axis=-1));
/// ak.sum(r[i].x * r[j].x * r[k].y, axis=-1)`
#[differentiable]
pub fn rec_triples(r: &XY<f64>) -> Array<f64> {
    let (i, j, k) = r.argcombinations::<3>();
    (r.index(&i).x * r.index(&j).x * r.index(&k).y).sum(-1)
}

/// `q = ak.zip({"x": r.y * 2, "y": r.x}); q.x * np.exp(q.y)`: a record built in the body
#[differentiable]
pub fn rec_literal(r: &XY<f64>) -> Array<f64> {
    let q = XY {
        x: &r.y * 2.0,
        y: r.x.clone(),
    };
    &q.x * q.y.exp()
}

/// `c = r[r.y > -0.5][:, :2]; ak.sum(np.tanh(c.x) * 2 + c.y, axis=None)`
#[differentiable]
pub fn rec_slice_filter_sum(r: &XY<f64>) -> f64 {
    let leading = r.filter(&r.y.gt(-0.5)).slice(s![.., ..2]);
    (leading.x.tanh() * 2.0 + &leading.y).sum_all()
}
