//! The small typed representation the macro works on: the parameters with their activity,
//! and the body in A-normal form (one primitive per statement, every intermediate named).
//!
//! Every value is in static single assignment form: shadowing (`let y = y.exp()`) and
//! reassignment (`y = y * 2.0`) make a new [`ValueId`] with a fresh name (`y_1`), so the
//! reverse sweep can still reach every value the forward sweep computed.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, Type};

use crate::primitives::Primitive;

/// What a value is, as far as syntax tells: it decides how the generated code passes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An `Array<T>` of floats: differentiable, passed by reference, cloned in O(1).
    Array,
    /// A float scalar (`f32`, `f64`, a generic `T`): differentiable, `Copy`.
    Scalar,
    /// Anything else (integers, `bool`, masks, slices): never differentiated.
    Other,
    /// Not known from syntax (the result of a call): treated like an array.
    Unknown,
}

impl Kind {
    /// Whether values of this kind can carry a derivative.
    pub fn is_float(self) -> bool {
        !matches!(self, Kind::Other)
    }
}

/// Index of a value in [`Function::values`].
pub type ValueId = usize;

/// One named value of the body (parameter, temporary or user variable).
#[derive(Clone, Debug)]
pub struct ValueInfo {
    /// Its name in the generated code (unique).
    pub name: Ident,
    /// Its kind.
    pub kind: Kind,
    /// Whether the name holds a reference (`x: &Array<T>`) rather than an owned value.
    pub by_ref: bool,
    /// Whether the value is `Copy` (scalars, integers), so it is never cloned.
    pub copy: bool,
    /// Whether it depends on a differentiated parameter (filled by `activity`).
    pub active: bool,
    /// Whether its derivative reaches an output (filled by `activity`).
    pub needed: bool,
}

/// An argument of a statement: a named value or a constant written inline.
#[derive(Clone, Debug)]
pub enum Operand {
    Value(ValueId),
    /// A constant expression (literal, `s![..]`, `array![..]`, a path), kept inline so that
    /// float literals infer their type from the other operand.
    Const(TokenStream, Kind),
}

/// An argument as written at a call or method call: `user_ref` is true for `&arg`.
#[derive(Clone, Debug)]
pub struct Arg {
    pub operand: Operand,
    pub user_ref: bool,
}

/// A differentiable primitive as the user wrote it.
#[derive(Clone, Debug)]
pub enum PrimSyntax {
    /// `receiver.method(args)`.
    Method(Ident),
    /// `lhs op rhs`.
    Binary(syn::BinOp),
    /// `-x`.
    Neg,
}

/// The operation of a statement.
#[derive(Clone, Debug)]
pub enum Op {
    /// A differentiable primitive of the table: `operands` are the differentiable inputs (one
    /// or two), `extras` the non-differentiated ones (axis, exponent, slice...).
    Prim {
        prim: &'static Primitive,
        syntax: PrimSyntax,
        operands: Vec<Arg>,
        extras: Vec<Arg>,
    },
    /// A method with no derivative (`len`, `gt`, or any method of a constant).
    Method {
        receiver: Operand,
        method: Ident,
        turbofish: Option<TokenStream>,
        args: Vec<Arg>,
        /// Whether the table lists it as not differentiable (its result is a constant).
        known: bool,
    },
    /// A binary operator with no derivative (comparisons, `&&`, `%`).
    Binary {
        lhs: Operand,
        op: syn::BinOp,
        rhs: Operand,
    },
    /// `!x`.
    Not(Operand),
    /// `x as T`.
    Cast(Operand, Type),
    /// A call to a function: `#[differentiable]` when one of its arguments is active.
    Call { func: syn::Path, args: Vec<Arg> },
    /// A named constant (`let c = array![..]`).
    Const(TokenStream),
}

/// One statement in A-normal form: `let outputs = op;`.
#[derive(Clone, Debug)]
pub struct Stmt {
    /// The values it defines (several for a call returning a tuple).
    pub outputs: Vec<ValueId>,
    /// The type annotation the user wrote, if any.
    pub ty: Option<Type>,
    pub op: Op,
    /// Where the user wrote it (generated calls are spanned here).
    pub span: Span,
}

/// A parameter of the function.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: Ident,
    pub ty: Type,
    /// Its type with the outer `&` removed: the type of its tangent and cotangent.
    pub owned_ty: Type,
    pub kind: Kind,
    pub differentiable: bool,
    pub value: ValueId,
}

/// What the function returns.
#[derive(Clone, Debug)]
pub struct Output {
    pub operand: Operand,
    /// `Array` or `Scalar`, from the return type.
    pub kind: Kind,
}

/// A whole `#[differentiable]` function, ready to expand.
#[derive(Clone, Debug)]
pub struct Function {
    /// The original function (attributes such as `#[no_grad]` removed).
    pub item: syn::ItemFn,
    pub params: Vec<Param>,
    pub values: Vec<ValueInfo>,
    pub stmts: Vec<Stmt>,
    pub outputs: Vec<Output>,
    /// Whether the return type is a tuple.
    pub tuple_output: bool,
    /// The type of the returned value (`R` of a `Result<R, E>`).
    pub return_type: Type,
    /// `E` when the function returns `Result<R, E>`: the generated functions then return
    /// `Result` too, with structure mismatches as `Err`.
    pub error_type: Option<Type>,
}

impl Function {
    /// The differentiable parameters, in order.
    pub fn diff_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.differentiable)
    }

    /// Whether the function returns one float scalar (and so gets a `grad_` function).
    pub fn scalar_output(&self) -> bool {
        !self.tuple_output && self.outputs[0].kind == Kind::Scalar
    }
}

impl Function {
    /// `Result<ty, E>` for a fallible function, else `ty`.
    pub fn wrap_type(&self, ty: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        match &self.error_type {
            Some(error) => quote::quote!(::core::result::Result<#ty, #error>),
            None => ty,
        }
    }

    /// `Ok(value)` for a fallible function, else `value`.
    pub fn wrap_value(&self, value: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        match &self.error_type {
            Some(_) => quote::quote!(::core::result::Result::Ok(#value)),
            None => value,
        }
    }
}
