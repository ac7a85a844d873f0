//! Element types an [`Array`](crate::Array) can hold: `f32`, `f64`, `bool`, `i64`.

use std::fmt::Debug;
use std::iter::Sum;

/// A type that can be the leaf of an [`Array`](crate::Array): `f64`, `f32`, `bool` or
/// `i64` (sealed: no other type can be one). It knows only its Awkward name and how to tag
/// itself as a [`Tagged`] value; printing and JSON live with the code that does them.
///
/// ```
/// use awkdiff_core::{Element, Tagged};
/// assert_eq!(<f64 as Element>::TYPE_NAME, "float64");
/// assert_eq!(<i64 as Element>::TYPE_NAME, "int64");
/// assert_eq!(2.5f64.tagged(), Tagged::F64(2.5));
/// assert_eq!(<bool as Element>::from_tagged(Tagged::Bool(true)), Some(true));
/// ```
pub trait Element:
    Copy + Debug + Default + PartialEq + Send + Sync + 'static + sealed::Sealed
{
    /// Awkward's name of the type (`float64`, `float32`, `bool`, `int64`).
    ///
    /// ```
    /// use awkdiff_core::Element;
    /// assert_eq!(<f32 as Element>::TYPE_NAME, "float32");
    /// assert_eq!(<bool as Element>::TYPE_NAME, "bool");
    /// ```
    const TYPE_NAME: &'static str;
    /// The value with its type.
    ///
    /// ```
    /// use awkdiff_core::{Element, Tagged};
    /// assert_eq!(7i64.tagged(), Tagged::I64(7));
    /// ```
    fn tagged(self) -> Tagged;
    /// The value of `tagged` when it holds this type, else `None`.
    ///
    /// ```
    /// use awkdiff_core::{Element, Tagged};
    /// assert_eq!(<f32 as Element>::from_tagged(Tagged::F32(0.5)), Some(0.5));
    /// assert_eq!(<f32 as Element>::from_tagged(Tagged::F64(0.5)), None);
    /// ```
    fn from_tagged(tagged: Tagged) -> Option<Self>;
}

/// A value of one of the element types, tagged with its type: how code that treats each
/// type its own way (printing as Awkward does, JSON) reads an element.
///
/// ```
/// use awkdiff_core::{Element, Tagged};
/// let text = match 1.5f32.tagged() {
///     Tagged::F32(v) => format!("float32 {v}"),
///     other => format!("{other:?}"),
/// };
/// assert_eq!(text, "float32 1.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tagged {
    /// A `float64`.
    F64(f64),
    /// A `float32`.
    F32(f32),
    /// A `bool`.
    Bool(bool),
    /// An `int64`.
    I64(i64),
}

mod sealed {
    /// Only the four element types implement [`Element`](super::Element).
    pub trait Sealed {}
    impl Sealed for f64 {}
    impl Sealed for f32 {}
    impl Sealed for bool {}
    impl Sealed for i64 {}
}

/// Implements [`Element`] for a type and its [`Tagged`] variant.
macro_rules! element {
    ($($ty:ty, $name:literal, $variant:ident;)*) => {$(
        impl Element for $ty {
            const TYPE_NAME: &'static str = $name;
            fn tagged(self) -> Tagged {
                Tagged::$variant(self)
            }
            fn from_tagged(tagged: Tagged) -> Option<Self> {
                match tagged {
                    Tagged::$variant(value) => Some(value),
                    _ => None,
                }
            }
        }
    )*};
}

element! {
    f64, "float64", F64;
    f32, "float32", F32;
    bool, "bool", Bool;
    i64, "int64", I64;
}

/// A kernel over a whole slice: `out[k] = f(x[k])` for every `k` (the slices have one
/// length), such as [`math::sin_slice`](crate::math::sin_slice).
///
/// ```
/// use awkdiff_core::{math, SliceKernel};
/// let kernel: SliceKernel<f64> = math::cos_slice;
/// let mut out = [0.0];
/// kernel(&[0.0], &mut out);
/// assert_eq!(out, [1.0]);
/// ```
pub type SliceKernel<T> = fn(&[T], &mut [T]);

/// The float element types that take part in arithmetic and differentiation: `f32` and `f64`.
///
/// It is `num_traits::Float` plus what the kernels need; use it as the bound of generic
/// differentiable functions.
///
/// ```
/// use awkdiff_core::{Array, Float};
/// fn double<T: Float>(x: &Array<T>) -> Array<T> { x * T::from_f64(2.0) }
/// assert_eq!(double(&Array::from_vec(vec![1.0f32])), Array::from_vec(vec![2.0f32]));
/// ```
pub trait Float:
    num_traits::Float + num_traits::FloatConst + Element + Default + Sum + std::fmt::Display
{
    /// Converts an `f64` (a literal, a count) to this type.
    ///
    /// ```
    /// use awkdiff_core::Float;
    /// assert_eq!(<f32 as Float>::from_f64(0.5), 0.5f32);
    /// ```
    fn from_f64(value: f64) -> Self;
    /// Converts this value to `f64` (for checks and printing).
    ///
    /// ```
    /// use awkdiff_core::Float;
    /// assert_eq!(Float::as_f64(0.25f32), 0.25);
    /// ```
    fn as_f64(self) -> f64;
    /// The vectorised slice form of the unary ufunc `name` where this type has one that
    /// gives the ufunc's values to the bit (`sin cos tanh`, and `exp` in AVX2 builds, on
    /// `f64` with the cargo feature `vector-math`; see [`math`](crate::math)), else `None`.
    /// The array methods use it; it is compiled once, in `awkdiff-core`.
    ///
    /// ```
    /// use awkdiff_core::Float;
    /// assert!(<f64 as Float>::slice_ufunc("sin").is_some());
    /// assert!(<f32 as Float>::slice_ufunc("sin").is_none());
    /// ```
    #[doc(hidden)]
    fn slice_ufunc(name: &str) -> Option<SliceKernel<Self>> {
        let _ = name;
        None
    }
}

impl Float for f64 {
    fn from_f64(value: f64) -> Self {
        value
    }
    fn as_f64(self) -> f64 {
        self
    }
    fn slice_ufunc(name: &str) -> Option<SliceKernel<f64>> {
        crate::math::slice_ufunc(name)
    }
}

impl Float for f32 {
    fn from_f64(value: f64) -> Self {
        value as f32
    }
    fn as_f64(self) -> f64 {
        self as f64
    }
}
