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
    /// A `Masked<T>` of floats (an array with missing entries): differentiable, passed by
    /// reference as an array is, but never part of a fused elementwise chain.
    Masked,
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
    /// The user wrote `value.clone()`: an owned value is passed even when the value is a
    /// reference parameter.
    pub user_clone: bool,
}

/// A differentiable primitive as the user wrote it.
#[derive(Clone, Debug)]
pub enum PrimSyntax {
    /// `receiver.method(args)`.
    Method(Ident),
    /// `receiver.try_method(args)?` in a function returning `Result`: the rules of `method`.
    TryMethod(Ident),
    /// `path(args)` of a free function that is a primitive (`where_(cond, a, b)`), with `?`
    /// after it when `question` (`try_where_(cond, a, b)?` in a function returning `Result`).
    Call { path: syn::Path, question: bool },
    /// `lhs op rhs`.
    Binary(syn::BinOp),
    /// `-x`.
    Neg,
    /// `path(&[&a, &b, ..], extras..)`, or `path(..)?` when `question` (`try_concatenate`).
    Function { path: syn::Path, question: bool },
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
    /// `record.field`: one field of a record (a struct made with `#[derive(Record)]`).
    Field { record: Operand, field: Ident },
    /// `Name { field: value, .. }`: a record built from its fields.
    Struct {
        path: syn::Path,
        fields: Vec<(Ident, Operand)>,
    },
    /// A named constant (`let c = array![..]`).
    Const(TokenStream),
    /// `[a, b, ..]` of values without derivative (the indices of `item`: `[i, 0]`).
    List(Vec<Operand>),
    /// `if cond { .. } else { .. }`: the statement's outputs merge the blocks' results.
    If(Box<IfOp>),
    /// `for var in range { .. }`: the statement's outputs are the loop-carried variables.
    For(Box<ForOp>),
    /// A chain of elementwise primitives fused into one pass (made by `fuse`): its output
    /// is the last statement's.
    Fused(Box<FusedOp>),
}

/// Elementwise statements whose intermediates are used only inside the chain, evaluated
/// together at every position of their array inputs (`rules::fused_map` and friends).
#[derive(Clone, Debug)]
pub struct FusedOp {
    /// The chain's statements in order (all `Op::Prim` with elementwise primitives).
    pub stmts: Vec<Stmt>,
    /// The arrays it reads that it does not define: the active ones first.
    pub inputs: Vec<ValueId>,
    /// The `sum(axis)` or `sum_all()` that consumes the chain's value, computed in the same
    /// pass (the statement's outputs are then the sum's; the chain's value is never made).
    pub reduce: Option<Box<Stmt>>,
}

impl FusedOp {
    /// The chain's last statement, whose value is the chain's.
    pub fn root(&self) -> &Stmt {
        self.stmts.last().expect("a chain has statements")
    }
}

impl FusedOp {
    /// Whether `id` is one of the chain's values (an input or a statement's output).
    pub fn is_local(&self, id: ValueId) -> bool {
        self.inputs.contains(&id) || self.stmts.iter().any(|s| s.outputs[0] == id)
    }
}

/// A nested block (a branch of an `if`, the body of a `for`): its statements and the
/// values it hands on, one per output of the statement that holds it.
#[derive(Clone, Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub results: Vec<Operand>,
}

/// `if cond { then_block } else { else_block }`. The condition is never differentiated.
#[derive(Clone, Debug)]
pub struct IfOp {
    pub cond: Operand,
    pub then_block: Block,
    pub else_block: Block,
}

/// `for var in range { body }`. Each output of the statement is a loop-carried variable
/// (`carried[k]`): it starts as `carried[k]` and is replaced by `body.results[k]` after each
/// iteration; after the loop it holds the last value.
#[derive(Clone, Debug)]
pub struct ForOp {
    /// The loop index (`None` for `_`).
    pub var: Option<ValueId>,
    pub range: Range,
    /// The initial value of each carried variable.
    pub carried: Vec<Operand>,
    pub body: Block,
}

/// An integer range: `(start..end)` or `(start..=end)`, then `.rev()`/`.step_by(k)`.
#[derive(Clone, Debug)]
pub struct Range {
    pub start: Operand,
    pub end: Operand,
    pub inclusive: bool,
    pub adapters: Vec<(Ident, Vec<Operand>)>,
}

impl Range {
    /// Every operand of the range (bounds and adapter arguments).
    pub fn operands(&self) -> Vec<&Operand> {
        let mut out = vec![&self.start, &self.end];
        for (_, args) in &self.adapters {
            out.extend(args);
        }
        out
    }
}

/// Calls `visit` on every statement of `stmts`, nested blocks included (outer first).
pub fn walk<'a>(stmts: &'a [Stmt], visit: &mut dyn FnMut(&'a Stmt)) {
    for stmt in stmts {
        visit(stmt);
        match &stmt.op {
            Op::If(op) => {
                walk(&op.then_block.stmts, visit);
                walk(&op.else_block.stmts, visit);
            }
            Op::For(op) => walk(&op.body.stmts, visit),
            Op::Fused(op) => {
                walk(&op.stmts, visit);
                if let Some(reduce) = &op.reduce {
                    walk(std::slice::from_ref(&**reduce), visit);
                }
            }
            _ => {}
        }
    }
}

/// The values a block uses that it does not define (for a loop body: its carried
/// variables too), in order of first use.
pub fn free_values(block: &Block) -> Vec<ValueId> {
    let mut defined = std::collections::HashSet::new();
    let mut used = Vec::new();
    let note = |operand: &Operand, used: &mut Vec<ValueId>| {
        if let Operand::Value(id) = operand {
            if !used.contains(id) {
                used.push(*id);
            }
        }
    };
    walk(&block.stmts, &mut |stmt| {
        defined.extend(stmt.outputs.iter().copied());
        for operand in stmt_operands(stmt) {
            note(operand, &mut used);
        }
        match &stmt.op {
            Op::If(op) => {
                for r in op.then_block.results.iter().chain(&op.else_block.results) {
                    note(r, &mut used);
                }
            }
            Op::For(op) => {
                defined.extend(op.var);
                for r in &op.body.results {
                    note(r, &mut used);
                }
            }
            _ => {}
        }
    });
    for r in &block.results {
        note(r, &mut used);
    }
    used.retain(|id| !defined.contains(id));
    used
}

/// The operands a statement reads directly (not those of its nested blocks).
pub fn stmt_operands(stmt: &Stmt) -> Vec<&Operand> {
    match &stmt.op {
        Op::Prim {
            operands, extras, ..
        } => operands.iter().chain(extras).map(|a| &a.operand).collect(),
        Op::Method { receiver, args, .. } => std::iter::once(receiver)
            .chain(args.iter().map(|a| &a.operand))
            .collect(),
        Op::Binary { lhs, rhs, .. } => vec![lhs, rhs],
        Op::Not(x) | Op::Cast(x, _) | Op::Field { record: x, .. } => vec![x],
        Op::Struct { fields, .. } => fields.iter().map(|(_, value)| value).collect(),
        Op::Call { args, .. } => args.iter().map(|a| &a.operand).collect(),
        Op::List(items) => items.iter().collect(),
        // The chain's statements are visited by `walk`.
        Op::Const(_) | Op::Fused(_) => Vec::new(),
        Op::If(op) => vec![&op.cond],
        Op::For(op) => {
            let mut out = op.range.operands();
            out.extend(&op.carried);
            out
        }
    }
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
    /// The values used as bounds of `for` loops (filled by `activity`, for its messages).
    pub loop_bounds: Vec<ValueId>,
    /// Whether the function is an associated function of an `impl` block that carries
    /// `#[differentiable]` (its generated items go in the block, none beside it).
    pub associated: bool,
    /// The values read as a field of a record (`jets.btag`): the macro cannot tell a float
    /// field from a `#[no_grad]` one, so these may be passed where no derivative flows (a
    /// mask, an index) without the error other active values get there.
    pub field_reads: Vec<ValueId>,
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
