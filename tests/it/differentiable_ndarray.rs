//! ndarray in and out of `#[differentiable]` functions (feature `ndarray`), as an ML user
//! would: a batch of logits and one-hot targets from ndarray, a cross-entropy loss, and its
//! gradient back as an `Array2`, checked against the closed form computed in ndarray.
#![cfg(feature = "ndarray")]

use awkdiff::prelude::*;
use ndarray::{Array2, Axis};

/// Mean cross-entropy of a batch of logits (one list per sample) against one-hot targets.
#[differentiable]
fn cross_entropy(logits: &Array<f64>, #[no_grad] targets: &Array<f64>) -> f64 {
    let n = logits.len() as f64;
    -(targets * logits.log_softmax(-1)).sum_all() / n
}

#[test]
fn gradients_of_ndarray_data_come_back_as_ndarray() {
    let logits: Array2<f64> = Array2::from_shape_fn((4, 3), |(i, j)| (i as f64 - j as f64) * 0.7);
    let labels = [2, 0, 1, 0];
    let targets = Array2::from_shape_fn((4, 3), |(i, j)| f64::from(u8::from(labels[i] == j)));

    let x = Array::from(logits.view());
    let t = Array::from(targets.clone());
    assert_eq!(x.type_str(), "4 * var * float64");

    let grad = Array2::try_from(grad_cross_entropy(&x, &t)).unwrap();

    // d/dlogits mean(-sum(t * log_softmax(logits))) = (softmax(logits) - t) / n.
    let exp = logits.mapv(f64::exp);
    let softmax = &exp / &exp.sum_axis(Axis(1)).insert_axis(Axis(1));
    let expected = (&softmax - &targets) / 4.0;
    assert_eq!(grad.dim(), (4, 3));
    for (g, e) in grad.iter().zip(expected.iter()) {
        assert!((g - e).abs() < 1e-12, "{grad} vs {expected}");
    }

    // A gradient step in ndarray, fed back in: the loss decreases.
    let stepped = &logits - &(grad * 0.5);
    let before = cross_entropy(&x, &t);
    let after = cross_entropy(&Array::from(stepped), &t);
    assert!(after < before, "{after} >= {before}");
}

#[test]
fn ragged_gradients_do_not_convert_and_say_why() {
    // The gradient has the input's lists: a ragged batch has no ndarray form.
    let x = array![[0.1, 0.2, 0.3], [0.5]];
    let t = array![[0.0, 0.0, 1.0], [1.0]];
    let grad = grad_cross_entropy(&x, &t);
    let err = Array2::try_from(&grad).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }));
    assert!(
        err.to_string()
            .contains("list [1] has length 1, list [0] has length 3"),
        "{err}"
    );
}
