//! Compound assignment on arrays: `y += &x`, `y -= x`, `y *= 0.5`, `y /= &z`, with the
//! operators' meaning (Awkward's broadcasting; a panic with the `Error::Broadcast` message
//! when the operands do not broadcast). The result is written over `y`'s own buffer when no
//! other array shares it, so a loop accumulating into a `let mut` array allocates once.
//!
//! ```
//! use awkdiff_core::array;
//! let x = array![[1.0, 2.0], [], [3.0]];
//! let mut y = x.clone();
//! y += &x;
//! y *= 0.5;
//! y -= x.sin();
//! y /= 2.0;
//! assert_eq!(y, (&x - x.sin()) / 2.0);
//! ```

use std::ops::{AddAssign, DivAssign, MulAssign, SubAssign};

use super::elementwise::or_panic;
use crate::broadcast::zip_arrays_owned;
use crate::element::Float;
use crate::layout::Array;
use crate::value::Value;

/// `f(y, rhs)` into `y`: in place when `y`'s buffer is its own and the operands have one
/// structure, else into a new buffer (broadcasting as the operator does).
#[track_caller]
fn assign_array<T: Float>(
    y: &mut Array<T>,
    rhs: &Array<T>,
    op: &str,
    f: impl Fn(T, T) -> T + Sync,
) {
    let taken = std::mem::replace(y, Array::from_vec(Vec::new()));
    *y = or_panic(zip_arrays_owned(op, taken, rhs, f));
}

/// `f(y, rhs)` for a scalar `rhs`, in place when `y`'s buffer is its own.
fn assign_scalar<T: Float>(y: &mut Array<T>, f: impl Fn(T) -> T + Sync) {
    match y.content_mut() {
        Some(values) => values.iter_mut().for_each(|v| *v = f(*v)),
        None => *y = y.map_value(f),
    }
}

/// Implements one compound assignment for array (owned or borrowed) and scalar operands.
macro_rules! assign_operator {
    ($Trait:ident, $method:ident, $name:literal, $op:tt) => {
        impl<T: Float> $Trait<&Array<T>> for Array<T> {
            #[track_caller]
            fn $method(&mut self, rhs: &Array<T>) {
                assign_array(self, rhs, $name, |a, b| a $op b)
            }
        }
        impl<T: Float> $Trait<Array<T>> for Array<T> {
            #[track_caller]
            fn $method(&mut self, rhs: Array<T>) {
                assign_array(self, &rhs, $name, |a, b| a $op b)
            }
        }
        impl<T: Float> $Trait<T> for Array<T> {
            fn $method(&mut self, rhs: T) {
                assign_scalar(self, |a| a $op rhs)
            }
        }
    };
}

assign_operator!(AddAssign, add_assign, "add", +);
assign_operator!(SubAssign, sub_assign, "sub", -);
assign_operator!(MulAssign, mul_assign, "mul", *);
assign_operator!(DivAssign, div_assign, "div", /);
