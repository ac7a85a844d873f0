//! The `keepdims` form of every reducer, Awkward's `keepdims=True`: `x.NAME_keepdims(axis,
//! ..)` is `x.NAME(axis, ..)` with the reduced dimension kept as a length-1 list around each
//! reduced value, so the result has as many dimensions as `x`:
//! `array![[1.0, 2.0], [], [3.0]].sum_keepdims(1) == array![[3.0], [0.0], [3.0]]` and
//! `.sum_keepdims(0) == array![[4.0, 2.0]]`. For a flat array the result is the 1-element
//! array that the plain reducer already gives.
//!
//! One name per reducer (`sum_keepdims`, `var_keepdims`, `argmax_keepdims`, ..., each with
//! its `try_` form) rather than a flag or a builder: in a `#[differentiable]` body every
//! method is one primitive with its own rules (`sum_keepdims_jvp`, `sum_keepdims_vjp`), and
//! the name says the result's shape where it is read. The rules are those of the plain
//! reducer, with the kept dimension added to the tangent and dropped from the cotangent
//! (a structural change of O(1) values: the content is shared).
//!
//! `argmax_keepdims` and `argmin_keepdims` give, for an empty list, an **empty list** where
//! Awkward gives `[None]` (awkdiff has no missing values yet): they are Awkward's
//! `ak.singletons(ak.argmax(x, axis))`, one index per non-empty list, so that jagged indexing
//! with them picks the extreme element of every non-empty list and nothing from an empty one,
//! never a wrong element. (Only the innermost axis can have empty lists to reduce; at outer
//! axes every reduced position has an element.)
//!
//! Awkward's size-1 dimension is regular (`3 * 1 * float64`) and broadcasts against lists of
//! any length; awkdiff's is a `var` dimension of length-1 lists. To combine a per-list
//! result with its list (`x - mean`), use the plain reducer: a lower-depth array broadcasts
//! into every list (`&x - &x.mean(1)`).

use std::sync::Arc;

use super::reduce::{expect_like, or_panic};
use super::reduce_map::resolve_axis;
use crate::element::{Element, Float};
use crate::error::Result;
use crate::layout::{Array, Structure};
use crate::ops::reducible::Reducible;

/// Where the kept dimension goes among the offsets buffers of a reduced array: it is inserted
/// at index `k - 1` (`0` for `k = 0`).
fn kept_level(k: usize) -> usize {
    k.saturating_sub(1)
}

/// `reduced`, the result of reducing an array of `depth` var dimensions at its axis `k`, with
/// a length-1 list around each reduced value (a list holding everything for `k = 0`).
pub(crate) fn keep_dims<U: Element>(reduced: Array<U>, depth: usize, k: usize) -> Array<U> {
    if depth == 0 {
        return reduced; // a flat array reduces to a 1-element array already
    }
    let s = reduced.structure();
    let singles: Vec<i64> = if k == 0 {
        vec![0, s.level_len(0) as i64]
    } else {
        (0..=s.level_len(k - 1) as i64).collect()
    };
    let mut levels = s.levels().to_vec();
    levels.insert(kept_level(k), Arc::from(singles));
    let structure = Structure::from_levels_unchecked(levels, s.content_len());
    reduced.with_structure(structure)
}

/// The reduced array that [`keep_dims`] wrapped: `kept` without its kept dimension.
pub(crate) fn drop_kept<U: Element>(kept: &Array<U>, depth: usize, k: usize) -> Array<U> {
    if depth == 0 {
        return kept.clone();
    }
    let s = kept.structure();
    let mut levels = s.levels().to_vec();
    levels.remove(kept_level(k));
    kept.with_structure(Structure::from_levels_unchecked(levels, s.content_len()))
}

/// Like [`keep_dims`] for the positions given by `argmax`/`argmin`: the -1 of an empty list
/// becomes an empty list (Awkward's `ak.singletons`).
fn keep_positions(reduced: Array<i64>, depth: usize, k: usize) -> Array<i64> {
    if !reduced.content().contains(&-1) {
        return keep_dims(reduced, depth, k);
    }
    // Only the innermost axis has empty lists to reduce: the kept level sits just above the
    // content (or, for a flat array, it is the array itself).
    debug_assert_eq!(k, depth);
    let positions: Vec<i64> = reduced
        .content()
        .iter()
        .copied()
        .filter(|&p| p >= 0)
        .collect();
    if depth == 0 {
        return Array::from_vec(positions);
    }
    let mut singles = Vec::with_capacity(reduced.content().len() + 1);
    singles.push(0i64);
    for &p in reduced.content() {
        singles.push(singles[singles.len() - 1] + i64::from(p >= 0));
    }
    let mut levels = reduced.structure().levels().to_vec();
    levels.push(Arc::from(singles));
    Array::from_parts_unchecked(
        Structure::from_levels_unchecked(levels, positions.len()),
        positions,
    )
}

/// The `try_` and panicking `keepdims` forms of reducers: `name / try_name = base / try_base
/// (extra args) -> element type, "example args";`.
macro_rules! keepdims_methods {
    (
        impl[$($generics:tt)*] $self_ty:ty, example $x:literal {
            $(
                $(#[$doc:meta])*
                $name:ident / $try_name:ident = $base:ident / $try_base:ident
                ($($arg:ident: $arg_ty:ty),*) -> $out:ty, $example:literal / $bad:literal,
                $wrap:ident;
            )*
        }
    ) => {
        impl<$($generics)*> $self_ty {
            $(
                #[doc = concat!(
                    "[`Array::", stringify!($name), "`], or `Error::Axis` when the axis is out ",
                    "of range.\n\n```\nuse awkdiff_core::array;\n",
                    "let x = ", $x, ";\n",
                    "let kept = x.", stringify!($try_name), "(", $example, ").unwrap();\n",
                    "assert_eq!(kept.ndim(), x.ndim());\n",
                    "assert_eq!(kept.content(), x.", stringify!($base), "(", $example, ").content());\n",
                    "assert!(x.", stringify!($try_name), "(", $bad, ").is_err());\n```"
                )]
                pub fn $try_name(&self, axis: isize $(, $arg: $arg_ty)*) -> Result<Array<$out>> {
                    let k = resolve_axis(self, axis)?;
                    let reduced = self.$try_base(axis $(, $arg)*)?;
                    Ok($wrap(reduced, self.structure().depth(), k))
                }

                $(#[$doc])*
                ///
                /// # Panics
                #[doc = concat!(
                    "When the axis is out of range, with the message of [`Array::",
                    stringify!($try_name), "`]'s error."
                )]
                pub fn $name(&self, axis: isize $(, $arg: $arg_ty)*) -> Array<$out> {
                    or_panic(self.$try_name(axis $(, $arg)*))
                }
            )*
        }
    };
}

keepdims_methods! {
    impl[T: Reducible] Array<T>, example "array![[1.0, 2.0, 4.0], [3.0, 5.0]]" {
        /// Sum along `axis`, keeping the reduced dimension (`ak.sum(x, axis, keepdims=True)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let x = array![[1.0, 2.0], [], [3.0]];
        /// assert_eq!(x.sum_keepdims(1), array![[3.0], [0.0], [3.0]]);
        /// assert_eq!(x.sum_keepdims(0), array![[4.0, 2.0]]);
        /// assert_eq!(x.gt(1.5).sum_keepdims(1).to_string(), "[[1], [0], [1]]");
        /// ```
        sum_keepdims / try_sum_keepdims = sum / try_sum () -> T::Total, "1" / "2", keep_dims;
        /// Product along `axis`, keeping the reduced dimension (`ak.prod(.., keepdims=True)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[2.0, 3.0], []].prod_keepdims(1), array![[6.0], [1.0]]);
        /// ```
        prod_keepdims / try_prod_keepdims = prod / try_prod () -> T::Total, "1" / "2", keep_dims;
        /// Maximum along `axis`, keeping the reduced dimension (`ak.max(.., keepdims=True,
        /// mask_identity=False)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let x = array![[[1.0, 5.0], [3.0]], [[2.0]]];
        /// assert_eq!(x.max_keepdims(1), array![[[3.0, 5.0]], [[2.0]]]);
        /// ```
        max_keepdims / try_max_keepdims = max / try_max () -> T, "1" / "2", keep_dims;
        /// Minimum along `axis`, keeping the reduced dimension (`ak.min(.., keepdims=True,
        /// mask_identity=False)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[2.0, 4.0], [1.0]].min_keepdims(-1), array![[2.0], [1.0]]);
        /// ```
        min_keepdims / try_min_keepdims = min / try_min () -> T, "1" / "2", keep_dims;
    }
}

keepdims_methods! {
    impl[T: Float] Array<T>, example "array![[1.0, 2.0, 4.0], [3.0, 5.0]]" {
        /// Mean along `axis`, keeping the reduced dimension (`ak.mean(.., keepdims=True)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[2.0, 4.0], [1.0]].mean_keepdims(1), array![[3.0], [1.0]]);
        /// ```
        mean_keepdims / try_mean_keepdims = mean / try_mean () -> T, "1" / "2", keep_dims;
        /// Variance along `axis`, keeping the reduced dimension (`ak.var(.., ddof,
        /// keepdims=True)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[1.0, 3.0], [2.0]].var_keepdims(1, 0), array![[1.0], [0.0]]);
        /// ```
        var_keepdims / try_var_keepdims = var / try_var (ddof: usize) -> T, "1, 0" / "2, 0", keep_dims;
        /// Standard deviation along `axis`, keeping the reduced dimension (`ak.std(..,
        /// ddof, keepdims=True)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[1.0, 3.0], [2.0]].std_keepdims(1, 0), array![[1.0], [0.0]]);
        /// ```
        std_keepdims / try_std_keepdims = std / try_std (ddof: usize) -> T, "1, 0" / "2, 0", keep_dims;
        /// Peak to peak along `axis`, keeping the reduced dimension (`ak.ptp(..,
        /// keepdims=True, mask_identity=False)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[1.0, 3.0], []].ptp_keepdims(1), array![[2.0], [0.0]]);
        /// ```
        ptp_keepdims / try_ptp_keepdims = ptp / try_ptp () -> T, "1" / "2", keep_dims;
        /// `log(sum(exp(x)))` along `axis`, keeping the reduced dimension.
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[0.0], [2.0]].logsumexp_keepdims(1), array![[0.0], [2.0]]);
        /// ```
        logsumexp_keepdims / try_logsumexp_keepdims = logsumexp / try_logsumexp () -> T, "1" / "2",
            keep_dims;
        /// Position of the first maximum along `axis`, as a length-1 list per reduced list
        /// (`ak.singletons(ak.argmax(x, axis))`: `ak.argmax(.., keepdims=True)` where no list
        /// is empty; an empty list gives an empty list where Awkward gives `[None]`). This is
        /// the index list for jagged indexing: the largest element of every list.
        ///
        /// ```
        /// use awkdiff_core::{array, Array};
        /// let x = array![[1.0, 3.0, 2.0], [], [4.0]];
        /// let best = x.argmax_keepdims(1);
        /// assert_eq!(best.to_string(), "[[1], [], [0]]");
        /// ```
        argmax_keepdims / try_argmax_keepdims = argmax / try_argmax () -> i64, "1" / "2",
            keep_positions;
        /// Position of the first minimum along `axis`, as a length-1 list per reduced list
        /// (an empty list gives an empty list, see [`Array::argmax_keepdims`]).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let x = array![[1.0, 3.0, 0.5], [], [4.0]];
        /// assert_eq!(x.argmin_keepdims(-1).to_string(), "[[2], [], [0]]");
        /// ```
        argmin_keepdims / try_argmin_keepdims = argmin / try_argmin () -> i64, "1" / "2",
            keep_positions;
    }
}

keepdims_methods! {
    impl[T: Element] Array<T>, example "array![[1.0, 0.0, 4.0], [3.0, 5.0]]" {
        /// Number of elements along `axis`, keeping the reduced dimension
        /// (`ak.count(.., keepdims=True)`).
        ///
        /// ```
        /// use awkdiff_core::array;
        /// assert_eq!(array![[1.0, 2.0], []].count_keepdims(1).to_string(), "[[2], [0]]");
        /// ```
        count_keepdims / try_count_keepdims = count / try_count () -> i64, "1" / "2", keep_dims;
        /// Number of nonzero elements along `axis`, keeping the reduced dimension.
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let x = array![[1.0, 0.0], []];
        /// assert_eq!(x.count_nonzero_keepdims(1).to_string(), "[[1], [0]]");
        /// ```
        count_nonzero_keepdims / try_count_nonzero_keepdims = count_nonzero / try_count_nonzero
            () -> i64, "1" / "2", keep_dims;
        /// Whether any element along `axis` is nonzero, keeping the reduced dimension.
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let mask = array![[true, false], []];
        /// assert_eq!(mask.any_keepdims(1).to_string(), "[[True], [False]]");
        /// ```
        any_keepdims / try_any_keepdims = any / try_any () -> bool, "1" / "2", keep_dims;
        /// Whether every element along `axis` is nonzero, keeping the reduced dimension.
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let mask = array![[true, false], []];
        /// assert_eq!(mask.all_keepdims(1).to_string(), "[[False], [True]]");
        /// ```
        all_keepdims / try_all_keepdims = all / try_all () -> bool, "1" / "2", keep_dims;
    }
}

/// The JVP and VJP rules of the differentiable `keepdims` forms: the plain reducer's rules
/// with the kept dimension added to the tangent and dropped from the output and cotangent.
macro_rules! keepdims_rules {
    ($($base:ident: $jvp:ident, $vjp:ident, $module:ident::{$base_jvp:ident, $base_vjp:ident},
       ($($arg:ident: $arg_ty:ty),*), $example:literal;)*) => {$(
        #[doc = concat!(
            "Tangent of `y = x.", stringify!($base), "_keepdims(axis, ..)`: [`", stringify!($base_jvp),
            "`](crate::rules::", stringify!($base_jvp), ") with the kept dimension.\n\n```\n",
            "use awkdiff_core::{array, rules};\n",
            "let x = array![[1.0, 2.0, 4.0], [3.0, 5.0]];\n",
            "let dx = array![[0.5, -1.0, 2.0], [1.0, 0.25]];\n",
            "let y = x.", stringify!($base), "_keepdims(", $example, ");\n",
            "let y1 = x.", stringify!($base), "(", $example, ");\n",
            "let dy = rules::", stringify!($jvp), "(&x, &y, ", $example, ", &dx);\n",
            "assert!(dy.structure().same_as(y.structure()));\n",
            "assert_eq!(dy.content(), rules::", stringify!($base_jvp), "(&x, &y1, ", $example,
            ", &dx).content());\n```"
        )]
        pub fn $jvp<T: Float>(
            x: &Array<T>,
            y: &Array<T>,
            axis: isize
            $(, $arg: $arg_ty)*,
            dx: &Array<T>,
        ) -> Array<T> {
            let (depth, k) = (x.structure().depth(), or_panic(resolve_axis(x, axis)));
            let reduced = drop_kept(y, depth, k);
            keep_dims(super::$module::$base_jvp(x, &reduced, axis $(, $arg)*, dx), depth, k)
        }

        #[doc = concat!(
            "Cotangent of `x` for `y = x.", stringify!($base), "_keepdims(axis, ..)`: [`",
            stringify!($base_vjp), "`](crate::rules::", stringify!($base_vjp),
            ") of the cotangent without the kept dimension.\n\n```\n",
            "use awkdiff_core::{array, rules};\n",
            "let x = array![[1.0, 2.0, 4.0], [3.0, 5.0]];\n",
            "let y = x.", stringify!($base), "_keepdims(", $example, ");\n",
            "let y1 = x.", stringify!($base), "(", $example, ");\n",
            "let ct = array![[0.5], [-2.0]];\n",
            "assert_eq!(\n    rules::", stringify!($vjp), "(&x, &y, ", $example, ", &ct),\n",
            "    rules::", stringify!($base_vjp), "(&x, &y1, ", $example,
            ", &ct.flatten())\n);\n```"
        )]
        pub fn $vjp<T: Float>(
            x: &Array<T>,
            y: &Array<T>,
            axis: isize
            $(, $arg: $arg_ty)*,
            ct: &Array<T>,
        ) -> Array<T> {
            expect_like(ct, y, concat!("cotangent of `", stringify!($base), "_keepdims`'s output"));
            let (depth, k) = (x.structure().depth(), or_panic(resolve_axis(x, axis)));
            let reduced = drop_kept(y, depth, k);
            super::$module::$base_vjp(x, &reduced, axis $(, $arg)*, &drop_kept(ct, depth, k))
        }
    )*};
}

keepdims_rules! {
    sum: sum_keepdims_jvp, sum_keepdims_vjp, reduce::{sum_jvp, sum_vjp}, (), "1";
    prod: prod_keepdims_jvp, prod_keepdims_vjp, reduce::{prod_jvp, prod_vjp}, (), "1";
    mean: mean_keepdims_jvp, mean_keepdims_vjp, reduce::{mean_jvp, mean_vjp}, (), "1";
    max: max_keepdims_jvp, max_keepdims_vjp, extremes::{max_jvp, max_vjp}, (), "1";
    min: min_keepdims_jvp, min_keepdims_vjp, extremes::{min_jvp, min_vjp}, (), "1";
    var: var_keepdims_jvp, var_keepdims_vjp, moments::{var_jvp, var_vjp}, (ddof: usize), "1, 0";
    std: std_keepdims_jvp, std_keepdims_vjp, moments::{std_jvp, std_vjp}, (ddof: usize), "1, 0";
    ptp: ptp_keepdims_jvp, ptp_keepdims_vjp, extremes::{ptp_jvp, ptp_vjp}, (), "1";
    logsumexp: logsumexp_keepdims_jvp, logsumexp_keepdims_vjp,
        softmax::{logsumexp_jvp, logsumexp_vjp}, (), "1";
}
