//! Elementwise comparisons and tests of special values (`is_nan`, `is_finite`,
//! `is_infinite`), giving `Array<bool>` masks (not differentiable). The right operand of a
//! comparison is a scalar or an array broadcast by Awkward's rules ([`Operand`]).

use crate::broadcast::Operand;
use crate::element::Float;
use crate::error::Result;
use crate::layout::Array;

use super::elementwise::or_panic;

/// Writes `try_NAME` (returning `Error::Broadcast` on incompatible structures) and `NAME`
/// (panicking with that error's message) for one comparison.
macro_rules! comparison {
    ($try_name:ident, $name:ident, $op:tt, $what:literal, $try_example:literal, $example:literal) => {
        #[doc = concat!("`self ", $what, " rhs` elementwise, with `rhs` a scalar or an array")]
        /// broadcast by Awkward's rules; `Error::Broadcast` when the structures are incompatible.
        ///
        /// ```
        /// use awkdiff_core::{array, Array};
        /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
        #[doc = $try_example]
        /// assert!(x.try_gt(&Array::from_vec(vec![1.0])).is_err());
        /// ```
        pub fn $try_name(&self, rhs: impl Operand<T>) -> Result<Array<bool>> {
            rhs.zip_with(self, stringify!($name), |a, b| a $op b)
        }

        #[doc = concat!("[`Array::", stringify!($try_name), "`] that panics with the broadcasting error.")]
        ///
        /// ```
        /// use awkdiff_core::array;
        /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
        #[doc = $example]
        /// ```
        pub fn $name(&self, rhs: impl Operand<T>) -> Array<bool> {
            or_panic(self.$try_name(rhs))
        }
    };
}

impl<T: Float> Array<T> {
    comparison!(
        try_gt, gt, >, ">",
        "assert_eq!(x.try_gt(&Array::from_vec(vec![1.5, 0.0, 4.5])).unwrap(), array![[false, true, true], [], [false, true]]);",
        "assert_eq!(x.gt(2.0), array![[false, false, true], [], [true, true]]);"
    );
    comparison!(
        try_ge, ge, >=, ">=",
        "assert_eq!(x.try_ge(&Array::from_vec(vec![2.0, 0.0, 4.0])).unwrap(), array![[false, true, true], [], [true, true]]);",
        "assert_eq!(x.ge(2.0), array![[false, true, true], [], [true, true]]);"
    );
    comparison!(
        try_lt, lt, <, "<",
        "assert_eq!(x.try_lt(&Array::from_vec(vec![2.0, 0.0, 5.0])).unwrap(), array![[true, false, false], [], [true, false]]);",
        "assert_eq!(x.lt(2.0), array![[true, false, false], [], [false, false]]);"
    );
    comparison!(
        try_le, le, <=, "<=",
        "assert_eq!(x.try_le(&Array::from_vec(vec![2.0, 0.0, 4.0])).unwrap(), array![[true, true, false], [], [true, false]]);",
        "assert_eq!(x.le(2.0), array![[true, true, false], [], [false, false]]);"
    );
    comparison!(
        try_eq_elem, eq_elem, ==, "==",
        "assert_eq!(x.try_eq_elem(&Array::from_vec(vec![2.0, 0.0, 4.0])).unwrap(), array![[false, true, false], [], [true, false]]);",
        "assert_eq!(x.eq_elem(2.0), array![[false, true, false], [], [false, false]]);"
    );
    comparison!(
        try_ne_elem, ne_elem, !=, "!=",
        "assert_eq!(x.try_ne_elem(&Array::from_vec(vec![2.0, 0.0, 4.0])).unwrap(), array![[true, false, true], [], [false, true]]);",
        "assert_eq!(x.ne_elem(2.0), array![[true, false, true], [], [true, true]]);"
    );
}

/// Writes a test of every element that gives a mask of the array's structure.
macro_rules! element_test {
    ($(#[doc = $doc:literal] $name:ident, $example:literal;)*) => {
        impl<T: Float> Array<T> {$(
            #[doc = $doc]
            /// Not differentiable: in a `#[differentiable]` body its mask is a constant, for
            /// `filter` or `where_`.
            ///
            /// ```
            /// use awkdiff_core::array;
            /// let x = array![[1.0, f64::NAN, f64::INFINITY], [], [f64::NEG_INFINITY]];
            #[doc = $example]
            /// ```
            pub fn $name(&self) -> Array<bool> {
                self.with_content(crate::lazy_map::map_values(self, |v| v.$name()))
            }
        )*}
    };
}

element_test! {
    /// Whether each element is NaN (NumPy's `isnan`).
    is_nan, "assert_eq!(x.is_nan(), array![[false, true, false], [], [false]]);";
    /// Whether each element is neither NaN nor infinite (NumPy's `isfinite`).
    is_finite, "assert_eq!(x.is_finite(), array![[true, false, false], [], [false]]);";
    /// Whether each element is `+inf` or `-inf` (NumPy's `isinf`).
    is_infinite, "assert_eq!(x.is_infinite(), array![[false, false, true], [], [true]]);";
}
