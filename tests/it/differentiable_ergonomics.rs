//! What users trip on (issue 15): compound assignment on arrays, let-bound constants in
//! generic functions, `value_and_grad_`, and panics that point at the user's call.

use awkdiff::check::{check_grads, CheckOptions};
use awkdiff::prelude::*;

/// Accumulating into a `let mut` array with compound assignment.
#[differentiable]
fn accumulate(x: &Array<f64>, w: f64) -> Array<f64> {
    let mut y = x.clone();
    y += x;
    y *= w;
    y -= &x.sin();
    y /= 2.0;
    y
}

#[test]
fn compound_assignment_differentiates() {
    let x = array![[0.5, 1.0, -2.0], [], [3.0]];
    assert_eq!(accumulate(&x, 3.0), (&x * 6.0 - x.sin()) / 2.0);
    let f = |(x, w): &(Array<f64>, f64)| accumulate(x, *w);
    let jvp =
        |(x, w): &(Array<f64>, f64), (dx, dw): &(Array<f64>, f64)| jvp_accumulate(x, *w, dx, *dw);
    let vjp = |(x, w): &(Array<f64>, f64), ct: &Array<f64>| vjp_accumulate(x, *w).1(ct);
    check_grads(f, jvp, vjp, &(x, 3.0), &CheckOptions::default()).unwrap();
}

#[test]
fn compound_assignment_writes_in_place_and_broadcasts() {
    let x = array![[1.0, 2.0], [3.0]];
    let mut y = &x * 1.0; // its own buffer
    let before = y.content().as_ptr();
    y += &x;
    assert_eq!(
        y.content().as_ptr(),
        before,
        "an unshared buffer is written in place"
    );
    let shared = y.clone();
    y *= 2.0;
    assert_eq!(
        shared,
        array![[2.0, 4.0], [6.0]],
        "a shared buffer is left alone"
    );
    assert_eq!(y, array![[4.0, 8.0], [12.0]]);
    // Broadcasting a value per list, as `+` does.
    y -= Array::from_vec(vec![1.0, 2.0]);
    assert_eq!(y, array![[3.0, 7.0], [10.0]]);
    let err = std::panic::catch_unwind(move || {
        let mut z = array![[1.0], [2.0]];
        z += array![[1.0, 2.0], [3.0]];
    })
    .unwrap_err();
    let message = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.starts_with("cannot broadcast"), "{message}");
}

/// A constant bound by `let` in a generic function (it used to be taken for an array).
#[differentiable]
fn half_sum<T: Float>(x: &Array<T>) -> T {
    let half = T::from_f64(0.5);
    (x * half).sum_all()
}

#[test]
fn let_bound_constants_in_generic_functions() {
    let x = array![[1.0f32, 2.0], [], [3.0]];
    assert_eq!(half_sum(&x), 3.0);
    assert_eq!(grad_half_sum(&x), array![[0.5f32, 0.5], [], [0.5]]);
}

/// A loss whose value and gradient a fit needs at every step.
#[differentiable]
fn chi2(x: &Array<f64>, mu: f64) -> f64 {
    let r = x - mu;
    (&r * &r).sum_all()
}

#[test]
fn value_and_grad_gives_both_from_one_sweep() {
    let x = array![[1.0, 2.0], [], [4.0]];
    let (value, (dx, dmu)) = value_and_grad_chi2(&x, 1.5);
    assert_eq!(value, chi2(&x, 1.5));
    let (gx, gmu) = grad_chi2(&x, 1.5);
    assert_eq!((dx, dmu), (gx, gmu));
    assert_eq!(dmu, -2.0 * (-0.5 + 0.5 + 2.5));
}

/// Where a panic is reported: the file and line of the user's call.
fn panic_location(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    use std::sync::{Arc, Mutex};
    let seen = Arc::new(Mutex::new(String::new()));
    let hook_seen = seen.clone();
    // The hook is global and tests run on several threads: record this thread's panic only.
    let this = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != this {
            return;
        }
        if let Some(location) = info.location() {
            *hook_seen.lock().unwrap() = format!("{}:{}", location.file(), location.line());
        }
    }));
    let result = std::panic::catch_unwind(f);
    std::panic::set_hook(previous);
    assert!(result.is_err(), "expected a panic");
    let location = seen.lock().unwrap().clone();
    location
}

#[test]
fn panics_point_at_the_users_call() {
    let x = array![[1.0, 2.0], [], [4.0]];
    let wrong = array![[1.0], [2.0]];
    let line = line!() + 2;
    let at = panic_location(|| {
        let _ = jvp_chi2(&x, 1.5, &wrong, 0.0);
    });
    assert_eq!(at, format!("{}:{line}", file!()));
    let line = line!() + 1;
    let at = panic_location(|| drop(&x + &wrong));
    assert_eq!(at, format!("{}:{line}", file!()));
}

/// A model whose functions live in an `impl` block.
pub struct Model;

#[differentiable]
impl Model {
    /// One layer: `tanh(w x)`.
    pub fn layer(x: &Array<f64>, w: f64) -> Array<f64> {
        (x * w).tanh()
    }

    /// The loss of two layers, calling the first through `Self`.
    pub fn loss(x: &Array<f64>, w: f64) -> f64 {
        let h = Self::layer(x, w);
        Self::layer(&h, w).sum_all()
    }
}

/// A second `impl` block with the attribute, holding one function with a `#[no_grad]`
/// float parameter (called below from a free function).
pub struct Scaler;

#[differentiable]
impl Scaler {
    pub fn scale(x: &Array<f64>, s: f64) -> Array<f64> {
        x * s
    }

    pub fn offset(x: &Array<f64>, #[no_grad] shift: f64) -> Array<f64> {
        x + shift
    }
}

/// A free function calling the associated ones.
#[differentiable]
fn model_total(x: &Array<f64>, w: f64) -> f64 {
    Model::loss(x, w) + Scaler::scale(x, w).sum_all() + Scaler::offset(x, 0.5).sum_all()
}

#[test]
fn associated_functions_differentiate() {
    let x = array![[0.5, -1.0], [], [2.0]];
    let f = |w: &f64| Model::loss(&x, *w);
    let jvp = |w: &f64, dw: &f64| Model::jvp_loss(&x, *w, &x.zeros_like(), *dw);
    let vjp = |w: &f64, ct: &f64| Model::vjp_loss(&x, *w).1(*ct).1;
    check_grads(f, jvp, vjp, &0.7, &CheckOptions::default()).unwrap();
    let (_, dy) = Scaler::jvp_scale(&x, 2.0, &x.zeros_like(), 1.0);
    assert_eq!(dy, x);
    let g = |w: &f64| model_total(&x, *w);
    let jvp = |w: &f64, dw: &f64| jvp_model_total(&x, *w, &x.zeros_like(), *dw);
    let vjp = |w: &f64, ct: &f64| vjp_model_total(&x, *w).1(*ct).1;
    check_grads(g, jvp, vjp, &0.7, &CheckOptions::default()).unwrap();
}

// ----- methods: `&self` as a configuration or as a record -----

/// A model's configuration: not differentiated.
#[derive(Clone)]
pub struct Layer {
    pub width: f64,
    pub axis: isize,
}

#[differentiable]
impl Layer {
    /// `tanh(x / width)`, a method reading the configuration.
    pub fn activate(&self, x: &Array<f64>) -> Array<f64> {
        let width: f64 = self.width;
        (x / width).tanh()
    }

    /// Calls another method on `self` and reads a field typed.
    pub fn loss(&self, x: &Array<f64>, w: f64) -> f64 {
        let axis: isize = self.axis;
        let h = self.activate(&(x * w));
        (&h * &h).sum(axis).sum_all()
    }
}

#[derive(Clone, Debug, PartialEq, Record)]
pub struct Muons<T: Float> {
    pub pt: Array<T>,
    pub eta: Array<T>,
}

#[differentiable]
impl<T: Float> Muons<T> {
    /// A record as `self`: differentiated, its tangent and cotangent records.
    pub fn scalar_sum(&self, weight: T) -> T {
        (&self.pt * self.eta.cosh()).sum_all() * weight
    }
}

/// `&self` methods in a `#[differentiable]` impl block: a configuration read by typed
/// `let`s (not differentiated), calls of other methods on `self`, and a record as `self`
/// (differentiated, with record tangents and cotangents).
#[test]
fn methods_with_self_differentiate() {
    let layer = Layer {
        width: 2.0,
        axis: -1,
    };
    let x = array![[1.0, 2.0], [], [3.0]];
    let f = |w: &f64| layer.loss(&x, *w);
    let jvp = |w: &f64, dw: &f64| layer.jvp_loss(&x, *w, &x.zeros_like(), *dw);
    let vjp = |w: &f64, ct: &f64| layer.vjp_loss(&x, *w).1(*ct).1;
    check_grads(f, jvp, vjp, &0.7, &CheckOptions::default()).unwrap();
    let (gx, _) = layer.grad_loss(&x, 0.7);
    assert_eq!(gx.counts(), x.counts());

    let muons = Muons::zip(
        array![[10.0, 20.0], [], [5.0]],
        array![[0.1, -0.5], [], [1.2]],
    )
    .unwrap();
    let f = |m: &Muons<f64>| m.scalar_sum(2.0);
    let jvp = |m: &Muons<f64>, t: &Muons<f64>| m.jvp_scalar_sum(2.0, t, 0.0);
    let vjp = |m: &Muons<f64>, ct: &f64| m.vjp_scalar_sum(2.0).1(*ct).0;
    check_grads(f, jvp, vjp, &muons, &CheckOptions::default()).unwrap();
    let (g, gw) = muons.grad_scalar_sum(2.0);
    assert_eq!(g.pt, muons.eta.cosh() * 2.0);
    assert_eq!(gw, muons.scalar_sum(1.0));
}
