//! The seed notebook ("Differentiation using JAX" from Awkward Array's documentation) in
//! Rust: `reverse_sum`, its value, its JVP with the notebook's tangent, and a VJP.
//!
//! Run it with `cargo run --example seed`.

use awkdiff::prelude::*;

/// `ak.sum(array[::-1], axis=0)`: the lists summed position by position, last list first.
#[differentiable]
fn reverse_sum(array: &Array<f32>) -> Array<f32> {
    array.slice(s![..;-1]).sum(0)
}

fn main() {
    // array = ak.Array([[1.0, 2.0, 3.0], [], [4.0, 5.0]], backend="jax")
    let array: Array<f32> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];

    // reverse_sum(array)
    println!("reverse_sum(array)");
    println!("{:?}\n", reverse_sum(&array));

    // tangent = ak.Array([[0.0, 0.0, 0.0], [], [0.0, 1.0]], backend="jax")
    // value_jvp, jvp_grad = jax.jvp(reverse_sum, (array,), (tangent,))
    let tangent: Array<f32> = array![[0.0, 0.0, 0.0], [], [0.0, 1.0]];
    let (value_jvp, jvp_grad) = jvp_reverse_sum(&array, &tangent);
    println!("value_jvp");
    println!("{value_jvp:?}\n");
    assert_eq!(value_jvp, reverse_sum(&array));
    println!("jvp_grad");
    println!("{jvp_grad:?}\n");

    // value_vjp, func_vjp = jax.vjp(reverse_sum, array); func_vjp(cotangent)
    let (value_vjp, pullback) = vjp_reverse_sum(&array);
    let cotangent: Array<f32> = array![1.0, 10.0, 100.0];
    println!("value_vjp");
    println!("{value_vjp:?}\n");
    println!("func_vjp(cotangent)");
    println!("{:?}", pullback(&cotangent));
}
