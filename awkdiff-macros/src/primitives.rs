//! THE table of primitives: which methods and operators are differentiable, the names of
//! their rules in `awkdiff_core::rules`, and how their other arguments are passed.
//!
//! Adding a primitive is one line here plus its three functions in core (primal, `_jvp`,
//! `_vjp`, following the conventions of `awkdiff_core::rules`).

/// How many differentiable inputs a primitive has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    /// `p_jvp(x, y, extra.., dx)`, `p_vjp(x, y, extra.., ct)`.
    Unary,
    /// `p_jvp_lhs/rhs(a, b, y, extra.., d)`, `p_vjp_lhs/rhs(a, b, y, extra.., ct)`.
    Binary,
}

/// How a non-differentiated argument is passed to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// By value (`isize` axis, `i32` exponent).
    Copy,
    /// By reference (`&Slice`, `&Array<bool>`).
    Ref,
    /// Indices of `take` (`&[i64]`, `&Vec<i64>`, `&Array<i64>`), as `rules::take_indices(&i)`.
    Indices,
}

/// The kind of a primitive's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Out {
    /// The kind of its inputs (elementwise operations).
    Same,
    /// Always an array (reducers along an axis, slices).
    Array,
    /// Always a float scalar (`sum_all` and friends).
    Scalar,
    /// Always an array with missing entries, `Masked<T>` (`firsts`, `pad_none`, ...).
    Masked,
}

/// One differentiable primitive.
#[derive(Debug)]
pub struct Primitive {
    /// The rule prefix in core (`exp` gives `exp_jvp`, `exp_vjp`); also the method name.
    pub name: &'static str,
    pub arity: Arity,
    /// The non-differentiated arguments, after the differentiable ones.
    pub extras: &'static [Extra],
    pub out: Out,
}

const fn unary(name: &'static str, extras: &'static [Extra], out: Out) -> Primitive {
    Primitive {
        name,
        arity: Arity::Unary,
        extras,
        out,
    }
}

const fn binary(name: &'static str) -> Primitive {
    Primitive {
        name,
        arity: Arity::Binary,
        extras: &[],
        out: Out::Same,
    }
}

use Extra::{Copy as ByValue, Indices, Ref as ByRef};
use Out::{Array as ToArray, Masked as ToMasked, Same, Scalar as ToScalar};

/// Differentiable methods (`x.exp()`, `x.sum(axis)`, `x.pow(&y)`). A binary method takes its
/// second differentiable input as its first argument.
pub const METHODS: &[Primitive] = &[
    unary("exp", &[], Same),
    unary("ln", &[], Same),
    unary("log10", &[], Same),
    unary("sin", &[], Same),
    unary("cos", &[], Same),
    unary("tan", &[], Same),
    unary("tanh", &[], Same),
    unary("sqrt", &[], Same),
    unary("abs", &[], Same),
    unary("recip", &[], Same),
    unary("powi", &[ByValue], Same),
    binary("powf"),
    binary("pow"),
    binary("maximum"),
    binary("minimum"),
    unary("sum", &[ByValue], ToArray),
    unary("prod", &[ByValue], ToArray),
    unary("mean", &[ByValue], ToArray),
    unary("max", &[ByValue], ToArray),
    unary("min", &[ByValue], ToArray),
    unary("sum_all", &[], ToScalar),
    unary("prod_all", &[], ToScalar),
    unary("mean_all", &[], ToScalar),
    unary("max_all", &[], ToScalar),
    unary("min_all", &[], ToScalar),
    unary("slice", &[ByRef], ToArray),
    unary("at", &[ByValue], ToArray),
    unary("take", &[Indices], ToArray),
    unary("filter", &[ByRef], ToArray),
    unary("flatten", &[], ToArray),
    unary("mask", &[ByRef], ToMasked),
    unary("pad_none", &[ByValue, ByValue], ToMasked),
    unary("firsts", &[], ToMasked),
    unary("max_or_none", &[ByValue], ToMasked),
    unary("min_or_none", &[ByValue], ToMasked),
    Primitive {
        name: "fill_none",
        arity: Arity::Binary,
        extras: &[],
        out: ToArray,
    },
    unary("drop_none", &[], ToArray),
];

/// The operators `+ - * /` and unary `-`.
pub const ADD: Primitive = binary("add");
pub const SUB: Primitive = binary("sub");
pub const MUL: Primitive = binary("mul");
pub const DIV: Primitive = binary("div");
pub const NEG: Primitive = unary("neg", &[], Same);

/// Methods whose result carries no derivative (integers, booleans, masks): calling them on
/// a differentiated value is fine; their result is a constant. The flag says whether the
/// result is `Copy`.
pub const NOT_DIFFERENTIATED: &[(&str, bool)] = &[
    ("len", true),
    ("is_empty", true),
    ("ndim", true),
    ("nbytes", true),
    ("type_str", false),
    ("counts", false),
    ("count", false),
    ("argmax", false),
    ("argmin", false),
    ("gt", false),
    ("ge", false),
    ("lt", false),
    ("le", false),
    ("eq_elem", false),
    ("ne_elem", false),
    ("argcombinations", false),
    ("argcartesian", false),
    ("is_nan", true),
    ("is_finite", true),
    ("is_none", false),
    ("count_none", true),
    ("argmax_or_none", false),
    ("argmin_or_none", false),
];

/// The differentiable method called `name`.
pub fn method(name: &str) -> Option<&'static Primitive> {
    METHODS.iter().find(|p| p.name == name)
}

/// The differentiable operator, for `+ - * /`.
pub fn operator(op: &syn::BinOp) -> Option<&'static Primitive> {
    match op {
        syn::BinOp::Add(_) => Some(&ADD),
        syn::BinOp::Sub(_) => Some(&SUB),
        syn::BinOp::Mul(_) => Some(&MUL),
        syn::BinOp::Div(_) => Some(&DIV),
        _ => None,
    }
}

/// The operator primitive named `name` (`add`, `sub`, `mul`, `div`), for `try_add` and co.
pub fn operator_named(name: &str) -> Option<&'static Primitive> {
    [&ADD, &SUB, &MUL, &DIV]
        .into_iter()
        .find(|p| p.name == name)
}

/// Whether `name` is a method without derivative, and if so whether its result is `Copy`.
pub fn not_differentiated(name: &str) -> Option<bool> {
    NOT_DIFFERENTIATED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, copy)| *copy)
}

/// The names of the differentiable methods, for error messages.
pub fn method_names() -> String {
    METHODS
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ")
}
