//! Elementwise operations on [`Masked`] arrays, as Awkward gives them on option types: a
//! missing operand makes a missing result (`None + 1` is `None`), and every other entry is
//! computed as for arrays.
//!
//! - the operators `+ - * /` between masked arrays, arrays and scalars (either side,
//!   owned or borrowed), unary `-`, and their `try_` forms;
//! - `powi` and `powf`; every unary ufunc of the table in `ops/unary.rs` gets its `Masked`
//!   form from its one entry there.
//!
//! Broadcasting is Awkward's (see the `broadcast` module), with one restriction: a masked
//! operand cannot be the one of lower depth, since a missing number broadcast into a list
//! makes a missing list (Awkward's `option[var * float64]`), which awkdiff does not
//! represent. That is an [`Error::Broadcast`] saying so.
//!
//! The derivative rules are the operators' and ufuncs' own (`rules::add_jvp_lhs`,
//! `rules::exp_jvp`, ...): they are generic over [`Broadcast`] and [`Value`], which
//! [`Masked`] implements here and in the `masked` module, so a tangent is masked where the
//! result is and a cotangent flows only from present entries.
//!
//! ```
//! use awkdiff_core::{array, rules, Array, Masked};
//! let leading = array![[50.0, 30.0], [], [20.0]].firsts();
//! let scaled = &leading * 1.1 - 5.0;
//! assert_eq!(scaled.to_string(), "[50, None, 17]");
//! let weights = Array::from_vec(vec![1.0, 2.0, 3.0]);
//! assert_eq!((&leading * &weights).to_string(), "[50, None, 60]");
//! // d(leading * weights)/d weights, with a cotangent of ones: the present values only.
//! let ct = Masked::from_array(Array::from_vec(vec![1.0, 1.0, 1.0])).mask_like(&leading);
//! let y = &leading * &weights;
//! assert_eq!(rules::mul_vjp_rhs(&leading, &weights, &y, &ct), Array::from_vec(vec![50.0, 0.0, 20.0]));
//! ```

use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::broadcast::Broadcast;
use crate::element::Float;
use crate::error::{Error, Result};
use crate::layout::{Array, Structure};
use crate::masked::Masked;
use crate::ops::slice::panic_on_error;
use crate::value::Value;

/// `Ok` unless a masked operand has a lower depth than the other operand; the error says
/// that a missing number cannot broadcast into a list.
fn no_missing_into_lists(
    op: &str,
    (lhs, lhs_masked): (&Structure, bool),
    (rhs, rhs_masked): (&Structure, bool),
    types: (String, String),
) -> Result<()> {
    let side = if lhs_masked && lhs.depth() < rhs.depth() {
        "left"
    } else if rhs_masked && rhs.depth() < lhs.depth() {
        "right"
    } else {
        return Ok(());
    };
    Err(Error::Broadcast {
        op: op.to_string(),
        lhs: types.0,
        rhs: types.1,
        reason: format!(
            "the {side} operand has missing entries and a lower depth: a missing number \
             broadcast into a list makes a missing list (Awkward's option[var * ...]), which \
             awkdiff does not represent; fill_none or drop_none it first"
        ),
    })
}

/// `f` of the values of `a` and `b` (arrays under two operands whose types are `types`),
/// with the operands' types in a broadcasting error.
fn zip_values<T: Float>(
    op: &str,
    a: &Array<T>,
    b: &Array<T>,
    types: (String, String),
    f: impl Fn(T, T) -> T + Sync,
) -> Result<Array<T>> {
    a.try_zip(b, op, f).map_err(|error| match error {
        Error::Broadcast { op, reason, .. } => Error::Broadcast {
            op,
            lhs: types.0,
            rhs: types.1,
            reason,
        },
        other => other,
    })
}

/// `a && b` of two validities of one structure.
fn both_present(a: &Array<bool>, b: &Array<bool>) -> Array<bool> {
    a.with_content(
        a.content()
            .iter()
            .zip(b.content())
            .map(|(&x, &y)| x && y)
            .collect(),
    )
}

/// The sum of the present entries.
fn sum_present<T: Float>(ct: &Masked<T>) -> T {
    ct.values()
        .content()
        .iter()
        .zip(ct.validity().content())
        .filter(|&(_, &ok)| ok)
        .map(|(&c, _)| c)
        .sum()
}

impl<T: Float> Masked<T> {
    /// These values with `like`'s missing entries (the same structure): what a cotangent of
    /// `like` built from plain values looks like.
    ///
    /// # Panics
    /// If the structures differ.
    ///
    /// ```
    /// use awkdiff_core::{array, Array, Masked};
    /// let leading = array![[1.0], []].firsts();
    /// let ct = Masked::from_array(Array::from_vec(vec![5.0, 6.0])).mask_like(&leading);
    /// assert_eq!(ct.to_string(), "[5, None]");
    /// ```
    #[track_caller]
    pub fn mask_like(&self, like: &Masked<T>) -> Masked<T> {
        crate::value::expect_like(self.values(), like.values(), "mask_like");
        Masked::with_validity(self.values().clone(), like)
    }
}

impl<T: Float> Broadcast<Masked<T>> for Masked<T> {
    type Output = Masked<T>;
    fn try_zip(
        &self,
        rhs: &Masked<T>,
        op: &str,
        f: impl Fn(T, T) -> T + Sync,
    ) -> Result<Masked<T>> {
        let types = (self.type_str(), rhs.type_str());
        no_missing_into_lists(
            op,
            (self.structure(), true),
            (rhs.structure(), true),
            types.clone(),
        )?;
        let values = zip_values(op, self.values(), rhs.values(), types, f)?;
        let valid = both_present(self.validity(), rhs.validity());
        Ok(Masked::from_parts(values, valid))
    }
    fn zip_lhs(out: &Masked<T>, lhs: &Masked<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        let values = <Array<T> as Broadcast<Array<T>>>::zip_lhs(out.values(), lhs.values(), f);
        Masked::with_validity(values, out)
    }
    fn zip_rhs(out: &Masked<T>, rhs: &Masked<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        let values = <Array<T> as Broadcast<Array<T>>>::zip_rhs(out.values(), rhs.values(), f);
        Masked::with_validity(values, out)
    }
    fn broadcast_lhs(out: &Masked<T>, lhs: &Masked<T>) -> Masked<T> {
        Masked::with_validity(lhs.values().clone(), out)
    }
    fn broadcast_rhs(out: &Masked<T>, rhs: &Masked<T>) -> Masked<T> {
        Masked::with_validity(rhs.values().clone(), out)
    }
    fn unbroadcast_lhs(ct: &Masked<T>, like: &Masked<T>) -> Masked<T> {
        Masked::with_validity(ct.present_or_zero(), like)
    }
    fn unbroadcast_rhs(ct: &Masked<T>, like: &Masked<T>) -> Masked<T> {
        Masked::with_validity(ct.present_or_zero(), like)
    }
}

impl<T: Float> Broadcast<Array<T>> for Masked<T> {
    type Output = Masked<T>;
    fn try_zip(&self, rhs: &Array<T>, op: &str, f: impl Fn(T, T) -> T + Sync) -> Result<Masked<T>> {
        let types = (self.type_str(), rhs.type_str());
        no_missing_into_lists(
            op,
            (self.structure(), true),
            (rhs.structure(), false),
            types.clone(),
        )?;
        let values = zip_values(op, self.values(), rhs, types, f)?;
        Ok(Masked::with_validity(values, self))
    }
    fn zip_lhs(out: &Masked<T>, lhs: &Masked<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        <Masked<T> as Broadcast<Masked<T>>>::zip_lhs(out, lhs, f)
    }
    fn zip_rhs(out: &Masked<T>, rhs: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        let values = <Array<T> as Broadcast<Array<T>>>::zip_rhs(out.values(), rhs, f);
        Masked::with_validity(values, out)
    }
    fn broadcast_lhs(out: &Masked<T>, lhs: &Masked<T>) -> Masked<T> {
        Masked::with_validity(lhs.values().clone(), out)
    }
    fn unbroadcast_lhs(ct: &Masked<T>, like: &Masked<T>) -> Masked<T> {
        Masked::with_validity(ct.present_or_zero(), like)
    }
    fn unbroadcast_rhs(ct: &Masked<T>, like: &Array<T>) -> Array<T> {
        <Array<T> as Broadcast<Array<T>>>::unbroadcast_rhs(&ct.present_or_zero(), like)
    }
}

impl<T: Float> Broadcast<Masked<T>> for Array<T> {
    type Output = Masked<T>;
    fn try_zip(
        &self,
        rhs: &Masked<T>,
        op: &str,
        f: impl Fn(T, T) -> T + Sync,
    ) -> Result<Masked<T>> {
        let types = (self.type_str(), rhs.type_str());
        no_missing_into_lists(
            op,
            (self.structure(), false),
            (rhs.structure(), true),
            types.clone(),
        )?;
        let values = zip_values(op, self, rhs.values(), types, f)?;
        Ok(Masked::with_validity(values, rhs))
    }
    fn zip_lhs(out: &Masked<T>, lhs: &Array<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        let values = <Array<T> as Broadcast<Array<T>>>::zip_lhs(out.values(), lhs, f);
        Masked::with_validity(values, out)
    }
    fn zip_rhs(out: &Masked<T>, rhs: &Masked<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        <Masked<T> as Broadcast<Masked<T>>>::zip_rhs(out, rhs, f)
    }
    fn broadcast_rhs(out: &Masked<T>, rhs: &Masked<T>) -> Masked<T> {
        Masked::with_validity(rhs.values().clone(), out)
    }
    fn unbroadcast_lhs(ct: &Masked<T>, like: &Array<T>) -> Array<T> {
        <Array<T> as Broadcast<Array<T>>>::unbroadcast_lhs(&ct.present_or_zero(), like)
    }
    fn unbroadcast_rhs(ct: &Masked<T>, like: &Masked<T>) -> Masked<T> {
        Masked::with_validity(ct.present_or_zero(), like)
    }
}

impl<T: Float> Broadcast<T> for Masked<T> {
    type Output = Masked<T>;
    fn try_zip(&self, rhs: &T, _op: &str, f: impl Fn(T, T) -> T + Sync) -> Result<Masked<T>> {
        let rhs = *rhs;
        Ok(self.map_value(|a| f(a, rhs)))
    }
    fn zip_lhs(out: &Masked<T>, lhs: &Masked<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        <Masked<T> as Broadcast<Masked<T>>>::zip_lhs(out, lhs, f)
    }
    fn zip_rhs(out: &Masked<T>, rhs: &T, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        let rhs = *rhs;
        out.map_value(|o| f(o, rhs))
    }
    fn broadcast_lhs(out: &Masked<T>, lhs: &Masked<T>) -> Masked<T> {
        Masked::with_validity(lhs.values().clone(), out)
    }
    fn unbroadcast_lhs(ct: &Masked<T>, like: &Masked<T>) -> Masked<T> {
        Masked::with_validity(ct.present_or_zero(), like)
    }
    fn unbroadcast_rhs(ct: &Masked<T>, _like: &T) -> T {
        sum_present(ct)
    }
}

impl<T: Float> Broadcast<Masked<T>> for T {
    type Output = Masked<T>;
    fn try_zip(
        &self,
        rhs: &Masked<T>,
        _op: &str,
        f: impl Fn(T, T) -> T + Sync,
    ) -> Result<Masked<T>> {
        let lhs = *self;
        Ok(rhs.map_value(|b| f(lhs, b)))
    }
    fn zip_lhs(out: &Masked<T>, lhs: &T, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        let lhs = *lhs;
        out.map_value(|o| f(o, lhs))
    }
    fn zip_rhs(out: &Masked<T>, rhs: &Masked<T>, f: impl Fn(T, T) -> T + Sync) -> Masked<T> {
        <Masked<T> as Broadcast<Masked<T>>>::zip_rhs(out, rhs, f)
    }
    fn broadcast_rhs(out: &Masked<T>, rhs: &Masked<T>) -> Masked<T> {
        Masked::with_validity(rhs.values().clone(), out)
    }
    fn unbroadcast_lhs(ct: &Masked<T>, _like: &T) -> T {
        sum_present(ct)
    }
    fn unbroadcast_rhs(ct: &Masked<T>, like: &Masked<T>) -> Masked<T> {
        Masked::with_validity(ct.present_or_zero(), like)
    }
}

// ---------------------------------------------------------------------------------------
// Operators

/// `try_add`, `try_sub`, `try_mul`, `try_div` on [`Masked`].
macro_rules! try_operator {
    ($($try_method:ident, $name:literal, $op:tt, $example:literal;)*) => {
        impl<T: Float> Masked<T> {$(
            #[doc = concat!("`self ", stringify!($op), " rhs` with `rhs` a masked array, an array (by reference) or a")]
            /// scalar, broadcast by Awkward's rules (missing where an operand is);
            /// `Error::Broadcast` when the structures are incompatible or a masked operand
            /// would broadcast into lists.
            ///
            /// ```
            /// use awkdiff_core::{array, Array};
            /// let x = array![[1.0, 2.0], [], [4.0]].firsts();
            #[doc = $example]
            /// // A missing number cannot broadcast into a list.
            /// assert!(x.try_add(&array![[1.0], [2.0], [3.0]]).is_err());
            /// ```
            pub fn $try_method<R>(&self, rhs: &R) -> Result<Masked<T>>
            where
                Masked<T>: Broadcast<R, Output = Masked<T>>,
            {
                self.try_zip(rhs, $name, |a, b| a $op b)
            }
        )*}
    };
}

try_operator! {
    try_add, "add", +, "assert_eq!(x.try_add(&Array::from_vec(vec![10.0, 20.0, 30.0])).unwrap().to_string(), \"[11, None, 34]\");";
    try_sub, "sub", -, "assert_eq!(x.try_sub(&1.0).unwrap().to_string(), \"[0, None, 3]\");";
    try_mul, "mul", *, "assert_eq!(x.try_mul(&x).unwrap().to_string(), \"[1, None, 16]\");";
    try_div, "div", /, "assert_eq!(x.try_div(&2.0).unwrap().to_string(), \"[0.5, None, 2]\");";
}

/// One operator between masked arrays, arrays and scalars, owned or borrowed.
macro_rules! masked_operator {
    ($Trait:ident, $method:ident, $name:literal, $op:tt) => {
        masked_operator!(@pair $Trait, $method, $name, $op, Masked<T>, Masked<T>);
        masked_operator!(@pair $Trait, $method, $name, $op, Masked<T>, Array<T>);
        masked_operator!(@pair $Trait, $method, $name, $op, Array<T>, Masked<T>);
        impl<T: Float> $Trait<T> for &Masked<T> {
            type Output = Masked<T>;
            fn $method(self, rhs: T) -> Masked<T> {
                self.map_value(|a| a $op rhs)
            }
        }
        impl<T: Float> $Trait<T> for Masked<T> {
            type Output = Masked<T>;
            fn $method(self, rhs: T) -> Masked<T> {
                self.map_value(|a| a $op rhs)
            }
        }
        masked_operator!(@scalar_lhs $Trait, $method, $op, f32);
        masked_operator!(@scalar_lhs $Trait, $method, $op, f64);
    };
    (@pair $Trait:ident, $method:ident, $name:literal, $op:tt, $Lhs:ty, $Rhs:ty) => {
        impl<T: Float> $Trait<&$Rhs> for &$Lhs {
            type Output = Masked<T>;
            fn $method(self, rhs: &$Rhs) -> Masked<T> {
                panic_on_error(self.try_zip(rhs, $name, |a, b| a $op b))
            }
        }
        impl<T: Float> $Trait<$Rhs> for &$Lhs {
            type Output = Masked<T>;
            fn $method(self, rhs: $Rhs) -> Masked<T> {
                panic_on_error(self.try_zip(&rhs, $name, |a, b| a $op b))
            }
        }
        impl<T: Float> $Trait<&$Rhs> for $Lhs {
            type Output = Masked<T>;
            fn $method(self, rhs: &$Rhs) -> Masked<T> {
                panic_on_error(self.try_zip(rhs, $name, |a, b| a $op b))
            }
        }
        impl<T: Float> $Trait<$Rhs> for $Lhs {
            type Output = Masked<T>;
            fn $method(self, rhs: $Rhs) -> Masked<T> {
                panic_on_error(self.try_zip(&rhs, $name, |a, b| a $op b))
            }
        }
    };
    (@scalar_lhs $Trait:ident, $method:ident, $op:tt, $float:ty) => {
        impl $Trait<&Masked<$float>> for $float {
            type Output = Masked<$float>;
            fn $method(self, rhs: &Masked<$float>) -> Masked<$float> {
                rhs.map_value(|b| self $op b)
            }
        }
        impl $Trait<Masked<$float>> for $float {
            type Output = Masked<$float>;
            fn $method(self, rhs: Masked<$float>) -> Masked<$float> {
                rhs.map_value(|b| self $op b)
            }
        }
    };
}

masked_operator!(Add, add, "add", +);
masked_operator!(Sub, sub, "sub", -);
masked_operator!(Mul, mul, "mul", *);
masked_operator!(Div, div, "div", /);

impl<T: Float> Neg for &Masked<T> {
    type Output = Masked<T>;
    fn neg(self) -> Masked<T> {
        self.map_value(|v| -v)
    }
}

impl<T: Float> Neg for Masked<T> {
    type Output = Masked<T>;
    fn neg(self) -> Masked<T> {
        self.map_value(|v| -v)
    }
}

// ---------------------------------------------------------------------------------------
// Unary ufuncs

// The unary ufuncs of the table in `ops/unary.rs` get their `Masked` forms there, from
// their one entry.

impl<T: Float> Masked<T> {
    /// [`Array::powi`] of the present entries; missing stays missing.
    ///
    /// ```
    /// use awkdiff_core::Masked;
    /// assert_eq!(Masked::from_options(vec![Some(3.0), None]).powi(2).to_options(), vec![Some(9.0), None]);
    /// ```
    pub fn powi(&self, n: i32) -> Masked<T> {
        Masked::with_validity(self.values().powi(n), self)
    }

    /// [`Array::powf`] of the present entries; missing stays missing.
    ///
    /// ```
    /// use awkdiff_core::Masked;
    /// assert_eq!(Masked::from_options(vec![Some(4.0), None]).powf(0.5).to_options(), vec![Some(2.0), None]);
    /// ```
    pub fn powf(&self, p: T) -> Masked<T> {
        Masked::with_validity(self.values().powf(p), self)
    }
}
