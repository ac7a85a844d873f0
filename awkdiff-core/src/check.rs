//! Gradient checks, after JAX's `check_grads`: a JVP against central finite differences,
//! and a VJP against the JVP through `<ct, J t> == <J^T ct, t>`, with random tangents and
//! cotangents, plus random ragged inputs with empty lists and empty arrays.
//!
//! ```
//! use awkdiff_core::{array, check::{check_grads, CheckOptions}, Array, Value};
//! // f(x) = x * x, written with the Value helpers so the example needs no operator.
//! let f = |x: &Array<f64>| x.zip_value(x, |a, b| a * b);
//! let jvp = |x: &Array<f64>, t: &Array<f64>| (f(x), x.zip_value(t, |a, t| 2.0 * a * t));
//! let vjp = |x: &Array<f64>, ct: &Array<f64>| x.zip_value(ct, |a, c| 2.0 * a * c);
//! let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! check_grads(f, jvp, vjp, &x, &CheckOptions::default()).unwrap();
//! // A wrong rule is caught:
//! let bad_vjp = |x: &Array<f64>, ct: &Array<f64>| x.zip_value(ct, |a, c| a * c);
//! assert!(check_grads(f, jvp, bad_vjp, &x, &CheckOptions::default()).is_err());
//! ```

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::layout::{Array, Structure};
use crate::value::Value;

/// A point of a function's domain or range for gradient checks: a [`Value`] or a tuple of
/// them (several parameters, several outputs), seen as one flat vector of `f64`.
///
/// ```
/// use awkdiff_core::{array, check::Point};
/// let p = (array![[1.0], [2.0, 3.0]], 4.0f64);
/// assert_eq!(p.to_flat(), vec![1.0, 2.0, 3.0, 4.0]);
/// let q = p.from_flat(&[5.0, 6.0, 7.0, 8.0]);
/// assert_eq!(q, (array![[5.0], [6.0, 7.0]], 8.0));
/// ```
pub trait Point: Clone {
    /// Appends every leaf to `out`, in order.
    ///
    /// ```
    /// use awkdiff_core::{array, check::Point};
    /// let mut out = vec![0.0];
    /// (array![[1.0], [2.0]], 3.0f64).flatten_point(&mut out);
    /// assert_eq!(out, vec![0.0, 1.0, 2.0, 3.0]);
    /// ```
    fn flatten_point(&self, out: &mut Vec<f64>);
    /// A point of this structure with leaves from `values`.
    ///
    /// ```
    /// use awkdiff_core::{array, check::Point};
    /// let mut values = [5.0, 6.0, 7.0].into_iter();
    /// assert_eq!(array![[1.0], [2.0]].unflatten_point(&mut values), array![[5.0], [6.0]]);
    /// assert_eq!(values.next(), Some(7.0));
    /// ```
    fn unflatten_point(&self, values: &mut dyn Iterator<Item = f64>) -> Self;
    /// The types of the parts, for messages.
    ///
    /// ```
    /// use awkdiff_core::{array, check::Point};
    /// assert_eq!((array![[1.0], []], 2.0f64).describe(), "(2 * var * float64, float64)");
    /// ```
    fn describe(&self) -> String;

    /// All leaves as one vector.
    ///
    /// ```
    /// use awkdiff_core::{array, check::Point};
    /// assert_eq!(array![[1.0], [], [2.0, 3.0]].to_flat(), vec![1.0, 2.0, 3.0]);
    /// ```
    fn to_flat(&self) -> Vec<f64> {
        let mut out = Vec::new();
        self.flatten_point(&mut out);
        out
    }
    /// A point of this structure with the given leaves.
    ///
    /// # Panics
    /// If `values` has fewer leaves than the point.
    ///
    /// ```
    /// use awkdiff_core::{array, check::Point};
    /// assert_eq!(array![[1.0], [2.0]].from_flat(&[3.0, 4.0]), array![[3.0], [4.0]]);
    /// ```
    #[allow(clippy::wrong_self_convention)] // `like.from_flat(values)`: builds a new point like `self`
    fn from_flat(&self, values: &[f64]) -> Self {
        self.unflatten_point(&mut values.iter().copied())
    }
}

impl<V: Value> Point for V {
    fn flatten_point(&self, out: &mut Vec<f64>) {
        self.flatten_into(out)
    }
    fn unflatten_point(&self, values: &mut dyn Iterator<Item = f64>) -> Self {
        self.unflatten_like(values)
    }
    fn describe(&self) -> String {
        self.type_string()
    }
}

macro_rules! impl_point_for_tuple {
    ($($name:ident : $index:tt),+) => {
        impl<$($name: Point),+> Point for ($($name,)+) {
            fn flatten_point(&self, out: &mut Vec<f64>) {
                $(self.$index.flatten_point(out);)+
            }
            fn unflatten_point(&self, values: &mut dyn Iterator<Item = f64>) -> Self {
                ($(self.$index.unflatten_point(values),)+)
            }
            fn describe(&self) -> String {
                let parts: Vec<String> = vec![$(self.$index.describe()),+];
                format!("({})", parts.join(", "))
            }
        }
    };
}
impl_point_for_tuple!(A: 0);
impl_point_for_tuple!(A: 0, B: 1);
impl_point_for_tuple!(A: 0, B: 1, C: 2);
impl_point_for_tuple!(A: 0, B: 1, C: 2, D: 3);
impl_point_for_tuple!(A: 0, B: 1, C: 2, D: 3, E: 4);

/// Settings of a gradient check.
///
/// ```
/// use awkdiff_core::check::CheckOptions;
/// let options = CheckOptions { trials: 5, ..CheckOptions::default() };
/// assert_eq!(options.eps, 1e-6);
/// ```
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Step of the central differences.
    pub eps: f64,
    /// Allowed error of the JVP against finite differences, relative to `1 + max |JVP|`.
    pub fd_tol: f64,
    /// Allowed error of `<ct, J t>` against `<J^T ct, t>`, relative to `1 + |both|`.
    pub dot_tol: f64,
    /// How many random tangent/cotangent pairs to try.
    pub trials: usize,
    /// Seed of the random tangents and cotangents.
    pub seed: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            eps: 1e-6,
            fd_tol: 1e-5,
            dot_tol: 1e-9,
            trials: 3,
            seed: 7,
        }
    }
}

/// A random point of the same structure as `like`, leaves uniform in `-1..1`.
///
/// ```
/// use awkdiff_core::{array, check::random_like};
/// use rand::SeedableRng;
/// let mut rng = rand::rngs::StdRng::seed_from_u64(1);
/// let x = array![[1.0], [], [2.0, 3.0]];
/// assert_eq!(random_like(&x, &mut rng).structure(), x.structure());
/// ```
pub fn random_like<P: Point>(like: &P, rng: &mut impl Rng) -> P {
    let n = like.to_flat().len();
    let values: Vec<f64> = (0..n).map(|_| rng.random_range(-1.0..1.0)).collect();
    like.from_flat(&values)
}

/// A random ragged array with `depth` `var` dimensions (0 gives a flat array), lists of
/// 0 to `max_len` items (about one list in four empty) and leaves uniform in `low..high`.
///
/// # Panics
/// If `depth` is more than [`MAX_DEPTH`](crate::MAX_DEPTH).
///
/// ```
/// use awkdiff_core::check::random_ragged;
/// use rand::SeedableRng;
/// let mut rng = rand::rngs::StdRng::seed_from_u64(3);
/// let x = random_ragged(&mut rng, 2, 5, -1.0, 1.0);
/// assert_eq!(x.ndim(), 3);
/// ```
pub fn random_ragged(
    rng: &mut impl Rng,
    depth: usize,
    max_len: usize,
    low: f64,
    high: f64,
) -> Array<f64> {
    let outer = rng.random_range(0..=max_len);
    let mut levels: Vec<Vec<i64>> = Vec::with_capacity(depth);
    let mut count = outer;
    for _ in 0..depth {
        let mut offsets = Vec::with_capacity(count + 1);
        offsets.push(0i64);
        let mut total = 0i64;
        for _ in 0..count {
            let len = if rng.random_range(0..4) == 0 {
                0
            } else {
                rng.random_range(1..=max_len.max(1))
            };
            total += len as i64;
            offsets.push(total);
        }
        levels.push(offsets);
        count = total as usize;
    }
    let content: Vec<f64> = (0..count).map(|_| rng.random_range(low..high)).collect();
    let structure = Structure::new(levels, content.len()).expect("random offsets are valid");
    Array::from_parts(structure, content).expect("content length matches")
}

/// A seeded random number generator for tests.
///
/// ```
/// use awkdiff_core::check::{random_ragged, rng};
/// // The same seed gives the same arrays.
/// assert_eq!(random_ragged(&mut rng(3), 2, 4, -1.0, 1.0), random_ragged(&mut rng(3), 2, 4, -1.0, 1.0));
/// ```
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

fn max_abs(values: &[f64]) -> f64 {
    values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0, |m, v| m.max(v.abs()))
}

fn axpy(x: &[f64], alpha: f64, t: &[f64]) -> Vec<f64> {
    x.iter().zip(t).map(|(x, t)| x + alpha * t).collect()
}

/// `difference <= allowed`, false when the difference is NaN.
fn within(difference: f64, allowed: f64) -> bool {
    difference <= allowed
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// Checks that `jvp(x, t)` gives `f(x)` as its value and, as its tangent, the central
/// finite difference `(f(x + eps t) - f(x - eps t)) / (2 eps)`, for random tangents `t`.
/// The error says which trial and which leaf differ, and by how much. Leaves where `f(x)`
/// is NaN or infinite have no derivative to approximate and are not compared.
///
/// ```
/// use awkdiff_core::{array, check::{check_jvp, CheckOptions}, Array, Value};
/// let f = |x: &Array<f64>| x.map_value(f64::sin);
/// let good = |x: &Array<f64>, t: &Array<f64>| (f(x), x.zip_value(t, |a, t| a.cos() * t));
/// let bad = |x: &Array<f64>, t: &Array<f64>| (f(x), t.clone());
/// let x = array![[0.5, 1.0], [], [2.0]];
/// check_jvp(f, good, &x, &CheckOptions::default()).unwrap();
/// assert!(check_jvp(f, bad, &x, &CheckOptions::default()).unwrap_err().contains("leaf"));
/// ```
pub fn check_jvp<X: Point, Y: Point>(
    f: impl Fn(&X) -> Y,
    jvp: impl Fn(&X, &X) -> (Y, Y),
    x: &X,
    options: &CheckOptions,
) -> Result<(), String> {
    let mut rng = rng(options.seed);
    let x_flat = x.to_flat();
    let y = f(x);
    let y_flat = y.to_flat();
    for trial in 0..options.trials {
        let t = random_like(x, &mut rng);
        let t_flat = t.to_flat();
        let (value, tangent) = jvp(x, &t);
        let value_flat = value.to_flat();
        if value_flat.len() != y_flat.len() {
            return Err(format!(
                "jvp value has type {} but f gives {}",
                value.describe(),
                y.describe()
            ));
        }
        compare("jvp value", &y_flat, &value_flat, 1e-12, trial)?;
        let plus = f(&x.from_flat(&axpy(&x_flat, options.eps, &t_flat))).to_flat();
        let minus = f(&x.from_flat(&axpy(&x_flat, -options.eps, &t_flat))).to_flat();
        let fd: Vec<f64> = plus
            .iter()
            .zip(&minus)
            .map(|(p, m)| (p - m) / (2.0 * options.eps))
            .collect();
        let tangent_flat = tangent.to_flat();
        if tangent_flat.len() != fd.len() {
            return Err(format!(
                "jvp tangent has type {} but the output is {}",
                tangent.describe(),
                y.describe()
            ));
        }
        // Where f(x) is NaN or infinite (the mean of an empty list, the max of one) there
        // is no derivative for a finite difference to approximate: those leaves are skipped.
        let (fd, tangent_flat) = finite_leaves(&y_flat, &fd, &tangent_flat);
        compare(
            "jvp tangent against central differences",
            &fd,
            &tangent_flat,
            options.fd_tol,
            trial,
        )?;
    }
    Ok(())
}

/// `a` and `b` with 0 at the leaves where `y` is not finite (leaf numbers are kept).
fn finite_leaves(y: &[f64], a: &[f64], b: &[f64]) -> (Vec<f64>, Vec<f64>) {
    y.iter()
        .zip(a.iter().zip(b))
        .map(|(y, (a, b))| if y.is_finite() { (*a, *b) } else { (0.0, 0.0) })
        .unzip()
}

fn compare(
    what: &str,
    expected: &[f64],
    found: &[f64],
    tol: f64,
    trial: usize,
) -> Result<(), String> {
    let scale = 1.0 + max_abs(expected).max(max_abs(found));
    for (i, (e, f)) in expected.iter().zip(found).enumerate() {
        let same_special = (e.is_nan() && f.is_nan()) || (e.is_infinite() && e == f);
        if !same_special && !within((e - f).abs(), tol * scale) {
            return Err(format!(
                "{what}: trial {trial}, leaf {i}: expected {e}, found {f} (difference {:e}, allowed {:e})",
                (e - f).abs(),
                tol * scale
            ));
        }
    }
    Ok(())
}

/// Checks a VJP against a JVP: for random tangents `t` and cotangents `ct`,
/// `<ct, jvp(x, t)> == <vjp(x, ct), t>`, and that the VJP gives a cotangent of the
/// input's structure.
///
/// ```
/// use awkdiff_core::{array, check::{check_vjp, CheckOptions}, Array, Value};
/// // f(x, s) = x * s: tangent t * s + x * ds, cotangents (ct * s, <ct, x>).
/// let jvp = |(x, s): &(Array<f64>, f64), (t, ds): &(Array<f64>, f64)| {
///     (x.map_value(|a| a * s), x.zip_value(t, |a, t| t * s + a * ds))
/// };
/// let vjp = |(x, s): &(Array<f64>, f64), ct: &Array<f64>| (ct.map_value(|c| c * s), ct.dot(x));
/// check_vjp(jvp, vjp, &(array![[1.0, 2.0], []], 3.0), &CheckOptions::default()).unwrap();
/// ```
pub fn check_vjp<X: Point, Y: Point>(
    jvp: impl Fn(&X, &X) -> (Y, Y),
    vjp: impl Fn(&X, &Y) -> X,
    x: &X,
    options: &CheckOptions,
) -> Result<(), String> {
    let mut rng = rng(options.seed.wrapping_add(1));
    let x_len = x.to_flat().len();
    for trial in 0..options.trials {
        let t = random_like(x, &mut rng);
        let (y, jt) = jvp(x, &t);
        // No cotangent flows into leaves where the value is not finite (see `check_jvp`).
        let y_flat = y.to_flat();
        let ct_flat: Vec<f64> = random_like(&y, &mut rng)
            .to_flat()
            .into_iter()
            .zip(&y_flat)
            .map(|(c, y)| if y.is_finite() { c } else { 0.0 })
            .collect();
        let ct = y.from_flat(&ct_flat);
        let jtct = vjp(x, &ct);
        let jtct_flat = jtct.to_flat();
        if jtct_flat.len() != x_len {
            return Err(format!(
                "vjp gives a cotangent of type {} for an input of type {}",
                jtct.describe(),
                x.describe()
            ));
        }
        let (ct_finite, jt_finite) = finite_leaves(&y_flat, &ct_flat, &jt.to_flat());
        let lhs = dot(&ct_finite, &jt_finite);
        let rhs = dot(&jtct_flat, &t.to_flat());
        if !within(
            (lhs - rhs).abs(),
            options.dot_tol * (1.0 + lhs.abs() + rhs.abs()),
        ) {
            return Err(format!(
                "vjp does not match jvp: trial {trial}: <ct, J t> = {lhs} but <J^T ct, t> = {rhs}"
            ));
        }
    }
    Ok(())
}

/// Both checks: [`check_jvp`] and [`check_vjp`].
///
/// ```
/// use awkdiff_core::{check::{check_grads, random_ragged, rng, CheckOptions}, Array, Value};
/// let f = |x: &Array<f64>| x.map_value(f64::exp);
/// let jvp = |x: &Array<f64>, t: &Array<f64>| (f(x), x.zip_value(t, |a, t| a.exp() * t));
/// let vjp = |x: &Array<f64>, ct: &Array<f64>| x.zip_value(ct, |a, c| a.exp() * c);
/// let x = random_ragged(&mut rng(1), 2, 3, -1.0, 1.0);
/// assert_eq!(check_grads(f, jvp, vjp, &x, &CheckOptions::default()), Ok(()));
/// ```
pub fn check_grads<X: Point, Y: Point>(
    f: impl Fn(&X) -> Y,
    jvp: impl Fn(&X, &X) -> (Y, Y),
    vjp: impl Fn(&X, &Y) -> X,
    x: &X,
    options: &CheckOptions,
) -> Result<(), String> {
    check_jvp(&f, &jvp, x, options)?;
    check_vjp(&jvp, &vjp, x, options)
}

/// [`check_grads`] that panics with the failure and the input's type.
///
/// ```
/// use awkdiff_core::{array, check::assert_grads, Array, Value};
/// let f = |x: &Array<f64>| x.map_value(|v| 3.0 * v);
/// assert_grads(f, |x: &Array<f64>, t: &Array<f64>| (f(x), f(t)), |_x: &Array<f64>, ct: &Array<f64>| f(ct), &array![[1.0], []]);
/// ```
pub fn assert_grads<X: Point, Y: Point>(
    f: impl Fn(&X) -> Y,
    jvp: impl Fn(&X, &X) -> (Y, Y),
    vjp: impl Fn(&X, &Y) -> X,
    x: &X,
) {
    if let Err(message) = check_grads(f, jvp, vjp, x, &CheckOptions::default()) {
        panic!(
            "gradient check failed at an input of type {}: {message}",
            x.describe()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array;

    /// Per-list means: NaN for the empty list, whose tangent is 0.
    fn means(x: &Array<f64>) -> Array<f64> {
        x.mean(1)
    }

    fn mean_jvp(x: &Array<f64>, t: &Array<f64>) -> (Array<f64>, Array<f64>) {
        let y = means(x);
        let dy = crate::rules::mean_jvp(x, &y, 1, t);
        (y, dy)
    }

    #[test]
    fn leaves_where_the_value_is_not_finite_are_not_compared() {
        let x = array![[1.0, 2.0], [], [3.0]];
        assert!(means(&x).content()[1].is_nan());
        check_jvp(means, mean_jvp, &x, &CheckOptions::default()).unwrap();
        let vjp = |x: &Array<f64>, ct: &Array<f64>| crate::rules::mean_vjp(x, &means(x), 1, ct);
        check_vjp(mean_jvp, vjp, &x, &CheckOptions::default()).unwrap();
    }

    #[test]
    fn a_wrong_tangent_next_to_a_nan_leaf_is_still_found() {
        let x = array![[1.0, 2.0], [], [3.0]];
        let doubled = |x: &Array<f64>, t: &Array<f64>| {
            let (y, dy) = mean_jvp(x, t);
            (y, dy.map_value(|v| 2.0 * v))
        };
        let message = check_jvp(means, doubled, &x, &CheckOptions::default()).unwrap_err();
        assert!(
            message.starts_with("jvp tangent against central differences: trial 0, leaf 0"),
            "{message}"
        );
    }
}
