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
    /// Any number of inputs written in place as `&[&a, &b, ..]` (a free function such as
    /// `concatenate`): `p_jvp(&[&a, ..], y, extra.., &[Some(d_a), None, ..])` (`None` for an
    /// input without derivative), `p_vjp(&[&a, ..], y, extra.., k, ct)` for input `k`.
    List,
}

/// How a non-differentiated argument is passed to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// By value (`isize` axis, `i32` exponent).
    Copy,
    /// By reference (`&Slice`, `&Array<bool>`).
    Ref,
    /// Indices of `take` (`&[i64]`, `&Vec<i64>`), as `rules::take_indices(&i)`.
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
    /// Whether the first non-differentiated argument (a mask) is written first: the
    /// receiver of the method form `cond.where_(a, b)` and the first argument of the
    /// function form `where_(cond, a, b)`. Its rules still take it after `y`.
    pub mask_first: bool,
}

const fn unary(name: &'static str, extras: &'static [Extra], out: Out) -> Primitive {
    Primitive {
        name,
        arity: Arity::Unary,
        extras,
        out,
        mask_first: false,
    }
}

const fn list(name: &'static str, extras: &'static [Extra], out: Out) -> Primitive {
    Primitive {
        name,
        arity: Arity::List,
        extras,
        out,
        mask_first: false,
    }
}

const fn binary(name: &'static str) -> Primitive {
    Primitive {
        name,
        arity: Arity::Binary,
        extras: &[],
        out: Out::Same,
        mask_first: false,
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
    unary("sinh", &[], Same),
    unary("cosh", &[], Same),
    unary("asinh", &[], Same),
    unary("acosh", &[], Same),
    unary("atanh", &[], Same),
    unary("asin", &[], Same),
    unary("acos", &[], Same),
    unary("atan", &[], Same),
    unary("ln_1p", &[], Same),
    unary("exp_m1", &[], Same),
    unary("log2", &[], Same),
    unary("exp2", &[], Same),
    unary("square", &[], Same),
    unary("cbrt", &[], Same),
    unary("sigmoid", &[], Same),
    unary("softplus", &[], Same),
    unary("floor", &[], Same),
    unary("ceil", &[], Same),
    unary("round", &[], Same),
    unary("trunc", &[], Same),
    unary("signum", &[], Same),
    unary("clamp", &[ByValue, ByValue], Same),
    unary("powi", &[ByValue], Same),
    binary("powf"),
    binary("pow"),
    binary("maximum"),
    binary("minimum"),
    binary("atan2"),
    binary("hypot"),
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
    // Issue 13, structure.
    unary("sort", &[ByValue, ByValue], ToArray),
    unary("index", &[ByRef], ToArray),
    unary("item", &[ByRef], ToScalar),
    unary("unflatten", &[ByRef], ToArray),
    unary("ravel", &[], ToArray),
    // Reducers of issue 13: spread, softmax, keepdims forms.
    unary("var", &[ByValue, ByValue], ToArray),
    unary("std", &[ByValue, ByValue], ToArray),
    unary("ptp", &[ByValue], ToArray),
    unary("var_all", &[ByValue], ToScalar),
    unary("std_all", &[ByValue], ToScalar),
    unary("ptp_all", &[], ToScalar),
    unary("softmax", &[ByValue], ToArray),
    unary("log_softmax", &[ByValue], ToArray),
    unary("logsumexp", &[ByValue], ToArray),
    unary("sum_keepdims", &[ByValue], ToArray),
    unary("prod_keepdims", &[ByValue], ToArray),
    unary("mean_keepdims", &[ByValue], ToArray),
    unary("max_keepdims", &[ByValue], ToArray),
    unary("min_keepdims", &[ByValue], ToArray),
    unary("var_keepdims", &[ByValue, ByValue], ToArray),
    unary("std_keepdims", &[ByValue, ByValue], ToArray),
    unary("ptp_keepdims", &[ByValue], ToArray),
    unary("logsumexp_keepdims", &[ByValue], ToArray),
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
        mask_first: false,
    },
    unary("drop_none", &[], ToArray),
];

/// `where_(cond, a, b)` and `cond.where_(a, b)` (`ak.where`): differentiable in `a` and `b`,
/// the mask `cond` passed to the rules after `y` (`where_jvp_lhs(a, b, y, cond, da)`).
pub const WHERE: Primitive = Primitive {
    name: "where",
    arity: Arity::Binary,
    extras: &[ByRef],
    out: ToArray,
    mask_first: true,
};

/// Differentiable free functions whose inputs are a list written in place
/// (`concatenate(&[&a, &b], axis)`): called by the path the user wrote.
pub const FUNCTIONS: &[Primitive] = &[list("concatenate", &[ByValue], ToArray)];

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
    ("is_nan", false),
    ("is_finite", false),
    ("is_infinite", false),
    ("argsort", false),
    ("num", false),
    ("local_index", false),
    ("run_lengths", false),
    // Reducers of issue 13 without derivative (bool and integer results).
    ("any", false),
    ("all", false),
    ("count_nonzero", false),
    ("any_all", true),
    ("all_all", true),
    ("count_nonzero_all", true),
    ("count_keepdims", false),
    ("count_nonzero_keepdims", false),
    ("any_keepdims", false),
    ("all_keepdims", false),
    ("argmax_keepdims", false),
    ("argmin_keepdims", false),
    ("is_nan", true),
    ("is_finite", true),
    ("is_none", false),
    ("count_none", true),
    ("argmax_or_none", false),
    ("argmin_or_none", false),
];

/// The differentiable method called `name` (`where_` is the mask's method).
pub fn method(name: &str) -> Option<&'static Primitive> {
    METHODS
        .iter()
        .find(|p| p.name == name)
        .or_else(|| function(name))
}

/// The free function called `name` that is a primitive: `where_`.
pub fn function(name: &str) -> Option<&'static Primitive> {
    (name == "where_").then_some(&WHERE)
}

/// The differentiable free function called `name` whose inputs are a list (see
/// [`FUNCTIONS`]).
pub fn list_function_named(name: &str) -> Option<&'static Primitive> {
    FUNCTIONS.iter().find(|p| p.name == name)
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
        .chain(["where_"])
        .collect::<Vec<_>>()
        .join(", ")
}
