//! The seed notebook's numbers (API.md's example). The expected values were obtained from
//! Awkward Array 2.14 with its JAX backend: `jax.jvp(reverse_sum, (array,), (tangent,))`
//! and `jax.vjp(reverse_sum, array)[1](cotangent)`.
#![deny(warnings)]

use awkdiff::check::assert_grads;
use awkdiff::prelude::*;

#[differentiable]
fn reverse_sum(array: &Array<f32>) -> Array<f32> {
    array.slice(s![..;-1]).sum(0)
}

#[differentiable]
fn reverse_sum_f64(array: &Array<f64>) -> Array<f64> {
    array.slice(s![..;-1]).sum(0)
}

#[test]
fn the_seed_notebook() {
    let array: Array<f32> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(reverse_sum(&array), array![5.0, 7.0, 3.0]);
    let tangent: Array<f32> = array![[0.0, 0.0, 0.0], [], [0.0, 1.0]];
    let (value, jvp_grad) = jvp_reverse_sum(&array, &tangent);
    assert_eq!(value, array![5.0, 7.0, 3.0]);
    assert_eq!(jvp_grad, array![0.0, 1.0, 0.0]);
    assert_eq!(jvp_grad.type_str(), "3 * float32");
    assert_eq!(jvp_grad.nbytes(), 12);
    let (_, pullback) = vjp_reverse_sum(&array);
    assert_eq!(
        pullback(&array![1.0, 10.0, 100.0]),
        array![[1.0, 10.0, 100.0], [], [1.0, 10.0]]
    );
}

#[test]
fn the_seed_function_passes_the_gradient_check() {
    let mut r = awkdiff::check::rng(3);
    for _ in 0..6 {
        let x = awkdiff::check::random_ragged(&mut r, 1, 4, -1.0, 1.0);
        assert_grads(
            reverse_sum_f64,
            jvp_reverse_sum_f64,
            |x, ct| vjp_reverse_sum_f64(x).1(ct),
            &x,
        );
    }
}
