//! Lowers a `syn::ItemFn` into [`ir::Function`]: parameters with their kinds, and the body in
//! A-normal form, one primitive per statement, each temporary named after the user's
//! variable it derives from (`x * x + x.sin()` gives `x_mul`, `x_sin`, `x_add`).
//!
//! By concern: this file holds the lowering state (values, names, kinds) and the entry point;
//! `statements.rs` lowers blocks and statements, `control.rs` branches and loops, `calls.rs`
//! operators, method calls and calls of other differentiable functions.

mod calls;
mod control;
mod statements;

use std::collections::{HashMap, HashSet};

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;
use syn::{BinOp, Expr, FnArg, ItemFn, Pat, ReturnType, Type, UnOp};

use crate::ir::{
    Arg, Function, Kind, Op, Operand, Output, Param, PrimSyntax, Stmt, ValueId, ValueInfo,
};
use crate::primitives::{self};
use crate::types::{self, Generics};
use crate::validate::{self, Errors};

/// Names the generated code uses for itself; user values never take them.
const RESERVED: &[&str] = &["rules", "pullback", "output", "Value", "ct", "out_tangent"];

/// Lowers a function that passed `validate::check`; `body` is its block with early returns
/// folded into `if`/`else` (see `returns`).
/// With `body: None` only the signature is read (a function with custom rules).
/// The `impl` block a function is differentiated in (`#[differentiable]` on the block): the
/// type of `self` and the block's type parameters.
pub struct Owner {
    pub self_ty: Type,
    pub generics: Generics,
}

pub fn lower(
    item: &ItemFn,
    body: Option<&syn::Block>,
    owner: Option<&Owner>,
) -> syn::Result<Function> {
    let mut lower = Lower {
        generics: validate::generics(item),
        values: Vec::new(),
        bases: Vec::new(),
        stmts: Vec::new(),
        env: HashMap::new(),
        used: RESERVED.iter().map(|s| s.to_string()).collect(),
        errors: Errors::default(),
        fallible: false,
        lets: HashSet::new(),
        question: false,
        outer_assigned: Vec::new(),
        typed_field: false,
    };
    if let Some(owner) = owner {
        lower.generics.extend(owner.generics.iter().cloned());
    }
    let mut item = item.clone();
    let mut params = Vec::new();
    for input in item.sig.inputs.iter_mut() {
        if let FnArg::Receiver(receiver) = input {
            // `&self` or `self` of a method in a `#[differentiable]` impl block: a value
            // named `self`, differentiated when `Self` is a record over the float type
            // (`impl<T: Float> Jets<T>`) and not `#[no_grad]`.
            let no_grad = validate::is_no_grad(&receiver.attrs);
            receiver.attrs.retain(|a| !a.path().is_ident("no_grad"));
            let Some(owner) = owner else {
                return Err(syn::Error::new_spanned(
                    receiver,
                    "methods with `self` are differentiated with `#[differentiable]` on their inherent `impl` block (`#[differentiable] impl Model { .. }`), which declares the generated methods beside them",
                ));
            };
            let kind = types::classify(&owner.self_ty, &lower.generics)
                .map_or(Kind::Other, |info| info.kind);
            let by_ref = receiver.reference.is_some();
            // The generated functions bind `let __self = self;` first: `self` itself cannot
            // be rebound (a pullback takes owned copies of what it captures).
            let name = syn::Ident::new("self", receiver.self_token.span);
            lower.used.insert("self".into());
            lower.used.insert("__self".into());
            let value_name = syn::Ident::new("__self", receiver.self_token.span);
            let value = lower.push_value(value_name, "self".into(), kind, false);
            lower.values[value].by_ref = by_ref;
            lower.env.insert("self".into(), Operand::Value(value));
            let self_ty: Type = syn::parse_quote!(Self);
            params.push(Param {
                name,
                ty: if by_ref {
                    syn::parse_quote!(&Self)
                } else {
                    self_ty.clone()
                },
                owned_ty: self_ty,
                kind,
                differentiable: kind.is_float() && !no_grad,
                value,
            });
            continue;
        }
        let FnArg::Typed(typed) = input else { continue };
        let no_grad = validate::is_no_grad(&typed.attrs);
        typed.attrs.retain(|a| !a.path().is_ident("no_grad"));
        let Pat::Ident(pat) = &*typed.pat else {
            continue;
        };
        let name = pat.ident.to_string();
        let info = types::classify(&typed.ty, &lower.generics).unwrap_or(types::TypeInfo {
            kind: Kind::Other,
            by_ref: matches!(&*typed.ty, Type::Reference(_)),
            copy: false,
        });
        lower.used.insert(name.clone());
        let value = lower.push_value(
            format_ident!("{}", name),
            name.clone(),
            info.kind,
            info.copy,
        );
        lower.values[value].by_ref = info.by_ref;
        lower.env.insert(name, Operand::Value(value));
        params.push(Param {
            name: pat.ident.clone(),
            ty: (*typed.ty).clone(),
            owned_ty: types::owned(&typed.ty),
            kind: info.kind,
            differentiable: info.kind.is_float() && !no_grad,
            value,
        });
    }
    let ReturnType::Type(_, return_type) = &item.sig.output else {
        unreachable!("checked by validate")
    };
    let (return_type, error_type) = match types::split_result(return_type) {
        Some((value, error)) => (value, Some(error)),
        None => ((**return_type).clone(), None),
    };
    lower.fallible = error_type.is_some();
    let (tuple_output, output_types): (bool, Vec<Type>) = match &return_type {
        Type::Tuple(tuple) => (true, tuple.elems.iter().cloned().collect()),
        other => (false, vec![other.clone()]),
    };
    let operands = match body {
        Some(body) => lower.body(body, tuple_output, output_types.len()),
        None => output_types
            .iter()
            .map(|_| Operand::Const(quote!(), Kind::Unknown))
            .collect(),
    };
    lower.errors.finish()?;
    let outputs = operands
        .into_iter()
        .zip(output_types)
        .map(|(operand, ty)| Output {
            kind: types::output_kind(&ty, &lower.generics).unwrap_or(Kind::Unknown),
            operand,
        })
        .collect();
    Ok(Function {
        item,
        params,
        values: lower.values,
        stmts: lower.stmts,
        outputs,
        tuple_output,
        return_type,
        error_type,
        loop_bounds: Vec::new(),
        associated: false,
        field_reads: Vec::new(),
    })
}

/// What the outermost operation of an expression should be called.
#[derive(Clone)]
enum Hint {
    /// A user variable (`let y = ...`, `y = ...`).
    Name(String),
    /// The names of a tuple pattern (`let (a, b) = g(x)`).
    Tuple(Vec<String>),
}

/// What a block or an `if` must produce.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Nothing (a statement).
    Nothing,
    /// One value (`let y = if ..`).
    Value,
    /// The function's tuple of `n` values.
    Tuple(usize),
}

impl Want {
    fn count(self) -> usize {
        match self {
            Want::Nothing => 0,
            Want::Value => 1,
            Want::Tuple(n) => n,
        }
    }
}

struct Lower {
    generics: Generics,
    values: Vec<ValueInfo>,
    /// The user variable each value derives from, for naming temporaries.
    bases: Vec<String>,
    stmts: Vec<Stmt>,
    /// The current value of each user variable.
    env: HashMap<String, Operand>,
    used: HashSet<String>,
    errors: Errors,
    /// Whether the function returns `Result` (its body ends with `Ok(..)`).
    fallible: bool,
    /// The names bound by `let` in the current block (they do not outlive it).
    lets: HashSet<String>,
    /// Whether the method call being lowered is under `?`.
    question: bool,
    /// The variables of enclosing scopes the current block reassigned (by name and where).
    outer_assigned: Vec<syn::Ident>,
    /// Whether the expression being lowered is a field read bound by a `let` with a type
    /// (`let scale: f64 = cfg.scale;`).
    typed_field: bool,
}

impl Lower {
    fn push_value(&mut self, name: syn::Ident, base: String, kind: Kind, copy: bool) -> ValueId {
        self.values.push(ValueInfo {
            name,
            kind,
            by_ref: false,
            copy,
            active: false,
            needed: false,
        });
        self.bases.push(base);
        self.values.len() - 1
    }

    /// A name not used yet: `base`, else `base_1`, `base_2`...
    fn fresh(&mut self, base: &str) -> syn::Ident {
        let mut name = base.to_string();
        let mut n = 0;
        while self.used.contains(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.used.insert(name.clone());
        format_ident!("{}", name)
    }

    fn base_of(&self, operands: &[&Operand]) -> String {
        operands
            .iter()
            .find_map(|o| match o {
                Operand::Value(id) => Some(self.bases[*id].clone()),
                Operand::Const(..) => None,
            })
            .unwrap_or_else(|| "c".to_string())
    }

    fn kind_of(&self, operand: &Operand) -> Kind {
        match operand {
            Operand::Value(id) => self.values[*id].kind,
            Operand::Const(_, kind) => *kind,
        }
    }

    fn copy_of(&self, operand: &Operand) -> bool {
        match operand {
            Operand::Value(id) => self.values[*id].copy,
            Operand::Const(_, kind) => matches!(kind, Kind::Scalar | Kind::Other),
        }
    }

    /// Adds `let name = op;`, named by `hint` or `base_suffix`.
    /// `name` is the base and suffix of a temporary's name; `shape` the kind and whether
    /// the value is `Copy`.
    fn emit(
        &mut self,
        op: Op,
        hint: Option<&Hint>,
        (base, suffix): (String, &str),
        (kind, copy): (Kind, bool),
        span: Span,
    ) -> Operand {
        let (name, base) = match hint {
            Some(Hint::Name(name)) => (self.fresh(name), name.clone()),
            _ => (self.fresh(&format!("{base}_{suffix}")), base),
        };
        let id = self.push_value(name, base, kind, copy);
        self.stmts.push(Stmt {
            outputs: vec![id],
            ty: None,
            op,
            span,
        });
        Operand::Value(id)
    }

    /// `Name { field: value, .. }`: a record built from values (no `..base`).
    fn record_literal(
        &mut self,
        literal: &syn::ExprStruct,
        hint: Option<&Hint>,
    ) -> Option<Operand> {
        if literal.rest.is_some() || literal.dot2_token.is_some() {
            self.errors.push(
                literal,
                "`..base` in a struct literal is not supported in a #[differentiable] body: name every field",
            );
            return None;
        }
        let mut fields = Vec::new();
        for field in &literal.fields {
            let syn::Member::Named(name) = &field.member else {
                self.errors.push(field, "a record literal names its fields");
                return None;
            };
            let value = self.expr(&field.expr, None)?;
            fields.push((name.clone(), value));
        }
        let operands: Vec<&Operand> = fields.iter().map(|(_, value)| value).collect();
        if operands.iter().all(|o| matches!(o, Operand::Const(..))) {
            return Some(Operand::Const(literal.to_token_stream(), Kind::Unknown));
        }
        let base = self.base_of(&operands);
        let op = Op::Struct {
            path: literal.path.clone(),
            fields,
        };
        Some(self.emit(
            op,
            hint,
            (base, "record"),
            (Kind::Array, false),
            literal.span(),
        ))
    }

    /// `record.field`: a field of a record value (named `record_field` unless bound), or a
    /// constant when the record is one.
    fn field(&mut self, access: &syn::ExprField, hint: Option<&Hint>) -> Option<Operand> {
        let syn::Member::Named(field) = &access.member else {
            self.errors.push(
                access,
                "tuple fields `.0` are not supported in a #[differentiable] body: destructure the tuple with `let (a, b) = ...`",
            );
            return None;
        };
        let typed = std::mem::take(&mut self.typed_field);
        let record = self.expr(&access.base, None)?;
        if let Operand::Const(..) = record {
            return Some(Operand::Const(access.to_token_stream(), Kind::Unknown));
        }
        let kind = match record {
            Operand::Value(id) if self.values[id].kind == Kind::Other => {
                // A field of a value that is not differentiated (a configuration): its type
                // is not known from syntax; the `let`'s annotation gives it.
                if !typed {
                    let base = access.base.to_token_stream().to_string().replace(' ', "");
                    self.errors.push(
                        access,
                        format!(
                            "#[differentiable] cannot tell the type of this field of `{base}`, a value that is not differentiated: bind it with its type first, `let {field}: f64 = {base}.{field};` (or `: Array<f64>`, `: isize`, ...)"
                        ),
                    );
                    return None;
                }
                Kind::Unknown
            }
            _ => Kind::Array,
        };
        let base = self.base_of(&[&record]);
        let op = Op::Field {
            record,
            field: field.clone(),
        };
        let suffix = field.to_string();
        Some(self.emit(op, hint, (base, &suffix), (kind, false), access.span()))
    }

    fn expr(&mut self, expr: &Expr, hint: Option<&Hint>) -> Option<Operand> {
        match expr {
            Expr::Paren(inner) => self.expr(&inner.expr, hint),
            Expr::Group(inner) => self.expr(&inner.expr, hint),
            Expr::Reference(reference) => self.expr(&reference.expr, hint),
            Expr::Lit(lit) => {
                let kind = match &lit.lit {
                    syn::Lit::Float(_) => Kind::Scalar,
                    _ => Kind::Other,
                };
                Some(Operand::Const(lit.to_token_stream(), kind))
            }
            Expr::Macro(mac) => {
                let kind = if mac.mac.path.is_ident("array") {
                    Kind::Array
                } else {
                    Kind::Other
                };
                Some(Operand::Const(mac.to_token_stream(), kind))
            }
            Expr::Path(path) => {
                if let Some(ident) = path.path.get_ident() {
                    if let Some(operand) = self.env.get(&ident.to_string()) {
                        return Some(operand.clone());
                    }
                }
                Some(Operand::Const(path.to_token_stream(), Kind::Unknown))
            }
            Expr::Array(array) => {
                let elems: Vec<_> = array
                    .elems
                    .iter()
                    .filter_map(|e| self.expr(e, None))
                    .collect();
                if elems.iter().all(|e| matches!(e, Operand::Const(..))) {
                    Some(Operand::Const(array.to_token_stream(), Kind::Other))
                } else if elems.len() == array.elems.len()
                    && elems.iter().all(|e| self.kind_of(e) == Kind::Other)
                {
                    // Integers and other values without derivative (the indices of `item`).
                    let copy = elems.iter().all(|e| self.copy_of(e));
                    let base = self.base_of(&elems.iter().collect::<Vec<_>>());
                    Some(self.emit(
                        Op::List(elems),
                        hint,
                        (base, "list"),
                        (Kind::Other, copy),
                        array.span(),
                    ))
                } else {
                    self.errors.push(array, "array expressions `[..]` in a #[differentiable] body may only hold constants and values without derivative (integers, such as the indices of `item`)");
                    None
                }
            }
            Expr::Unary(unary) => {
                let operand = self.expr(&unary.expr, None)?;
                match unary.op {
                    UnOp::Deref(_) => Some(operand),
                    UnOp::Neg(_) => match operand {
                        Operand::Const(tokens, kind) => {
                            Some(Operand::Const(quote!(-#tokens), kind))
                        }
                        operand => {
                            let kind = self.kind_of(&operand);
                            let copy = kind == Kind::Scalar;
                            let base = self.base_of(&[&operand]);
                            let op = Op::Prim {
                                prim: &primitives::NEG,
                                syntax: PrimSyntax::Neg,
                                operands: vec![Arg {
                                    operand,
                                    user_ref: false,
                                    user_clone: false,
                                }],
                                extras: Vec::new(),
                            };
                            Some(self.emit(op, hint, (base, "neg"), (kind, copy), unary.span()))
                        }
                    },
                    UnOp::Not(_) => {
                        let base = self.base_of(&[&operand]);
                        let copy = self.copy_of(&operand);
                        let kind = self.kind_of(&operand);
                        Some(self.emit(
                            Op::Not(operand),
                            hint,
                            (base, "not"),
                            (kind, copy),
                            unary.span(),
                        ))
                    }
                    _ => {
                        self.errors.push(
                            unary,
                            "this operator is not supported in a #[differentiable] body",
                        );
                        None
                    }
                }
            }
            Expr::Field(access) => self.field(access, hint),
            Expr::Struct(literal) => self.record_literal(literal, hint),
            Expr::Binary(binary) => self.binary(binary, hint),
            Expr::MethodCall(call) => self.method(call, hint),
            Expr::Call(call) => self.call(call, hint),
            Expr::Cast(cast) => {
                let operand = self.expr(&cast.expr, None)?;
                let ty = (*cast.ty).clone();
                if let Operand::Const(tokens, _) = &operand {
                    let kind = if types::is_float_scalar(&ty, &self.generics) {
                        Kind::Scalar
                    } else {
                        Kind::Other
                    };
                    return Some(Operand::Const(quote!((#tokens as #ty)), kind));
                }
                let kind = if types::is_float_scalar(&ty, &self.generics) {
                    Kind::Scalar
                } else {
                    Kind::Other
                };
                let base = self.base_of(&[&operand]);
                Some(self.emit(
                    Op::Cast(operand, ty),
                    hint,
                    (base, "cast"),
                    (kind, true),
                    cast.span(),
                ))
            }
            Expr::If(if_expr) => self
                .if_expr(if_expr, hint, Want::Value)
                .and_then(|values| values.into_iter().next()),
            Expr::Try(try_expr) if self.fallible => match strip_parens(&try_expr.expr) {
                Expr::MethodCall(call) if call.method.to_string().starts_with("try_") => {
                    self.question = true;
                    self.method(call, hint)
                }
                Expr::Call(call)
                    if is_primitive_try_call(call)
                        || calls::list_function(call).is_some_and(|(_, f)| f) =>
                {
                    self.question = true;
                    self.call(call, hint)
                }
                other => {
                    self.errors.push(other, "`?` is supported on the `try_*` methods of arrays (`x.try_sum(0)?`) and on `try_where_(..)` and `try_concatenate(..)` in a #[differentiable] body");
                    None
                }
            },
            Expr::Tuple(tuple) => {
                self.errors.push(tuple, "tuples are only supported as the returned value or in `let (a, b) = ...` in a #[differentiable] body");
                None
            }
            _ => None, // reported by validate
        }
    }

    /// Lowers the statements of a nested block in a scope of its own. Returns the block's
    /// statements, its value (when `want_value`), and the current value of every variable of
    /// the enclosing scope that the block reassigned.
    fn nested(
        &mut self,
        block: &syn::Block,
        want: Want,
        hint: Option<&Hint>,
    ) -> (Vec<Stmt>, Option<Vec<Operand>>, HashMap<String, Operand>) {
        let saved_env = self.env.clone();
        let saved_stmts = std::mem::take(&mut self.stmts);
        let saved_lets = std::mem::take(&mut self.lets);
        let saved_assigned = std::mem::take(&mut self.outer_assigned);
        let mut value = None;
        let n = block.stmts.len();
        for (k, stmt) in block.stmts.iter().enumerate() {
            match stmt {
                syn::Stmt::Expr(expr, None) if k + 1 == n && want != Want::Nothing => {
                    value = match want {
                        Want::Tuple(count) => self.tuple_tail(expr, count),
                        _ => self.expr(expr, hint).map(|v| vec![v]),
                    };
                }
                other => self.stmt(other),
            }
        }
        if want != Want::Nothing
            && value.is_none()
            && !matches!(block.stmts.last(), Some(syn::Stmt::Expr(_, None)))
        {
            self.errors.push(block, "this block must end with its value (an expression without `;`), since the `if` is used as a value");
        }
        let stmts = std::mem::replace(&mut self.stmts, saved_stmts);
        let lets = std::mem::replace(&mut self.lets, saved_lets);
        let assigned = std::mem::replace(&mut self.outer_assigned, saved_assigned);
        for ident in assigned {
            let name = ident.to_string();
            if lets.contains(&name) {
                self.errors.push(&ident, format!("`{name}` of the enclosing scope is reassigned in this block and then shadowed by a `let` of the same name: rename the inner variable"));
            } else if !self.lets.contains(&name) {
                // Still a variable of a scope further out.
                self.outer_assigned.push(ident);
            }
        }
        let inner_env = std::mem::replace(&mut self.env, saved_env);
        let changed = inner_env
            .into_iter()
            .filter(|(name, operand)| {
                !lets.contains(name)
                    && self
                        .env
                        .get(name)
                        .is_some_and(|outer| !same_operand(outer, operand))
            })
            .collect();
        (stmts, value, changed)
    }

    /// The tuple that ends a tuple-returning function: `(a, b)` or an `if` of them.
    fn tuple_tail(&mut self, expr: &Expr, count: usize) -> Option<Vec<Operand>> {
        let hint = Hint::Name("out".to_string());
        match strip_parens(expr) {
            Expr::Tuple(elems) if elems.elems.len() == count => elems
                .elems
                .iter()
                .map(|e| self.expr(e, Some(&hint)))
                .collect(),
            Expr::If(if_expr) => self.if_expr(if_expr, Some(&hint), Want::Tuple(count)),
            other => {
                self.errors.push(
                    other,
                    format!("the function returns a tuple of {count}: end with a tuple expression `(a, b)` of that length"),
                );
                None
            }
        }
    }
}

/// Whether two operands are the same value.
fn same_operand(a: &Operand, b: &Operand) -> bool {
    match (a, b) {
        (Operand::Value(a), Operand::Value(b)) => a == b,
        (Operand::Const(a, _), Operand::Const(b, _)) => a.to_string() == b.to_string(),
        _ => false,
    }
}

/// The names a block assigns (`x = ..`, `x += ..`), nested blocks included.
fn assigned_names(stmts: &[syn::Stmt], out: &mut Vec<String>) {
    struct Visitor<'a>(&'a mut Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Visitor<'_> {
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            if let Expr::Path(path) = &*assign.left {
                if let Some(ident) = path.path.get_ident() {
                    self.0.push(ident.to_string());
                }
            }
            syn::visit::visit_expr_assign(self, assign);
        }
        fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
            if compound_op(&binary.op).is_some() {
                if let Expr::Path(path) = &*binary.left {
                    if let Some(ident) = path.path.get_ident() {
                        self.0.push(ident.to_string());
                    }
                }
            }
            syn::visit::visit_expr_binary(self, binary);
        }
    }
    let mut visitor = Visitor(out);
    for stmt in stmts {
        syn::visit::Visit::visit_stmt(&mut visitor, stmt);
    }
}

/// The value inside the `Ok(..)` that ends a fallible body, looking through the branches of
/// an `if` (`if c { Ok(a) } else { Ok(b) }` gives `if c { a } else { b }`).
fn strip_ok(expr: &Expr) -> Option<Expr> {
    match strip_parens(expr) {
        Expr::Call(call)
            if matches!(&*call.func, Expr::Path(p) if p.path.is_ident("Ok"))
                && call.args.len() == 1 =>
        {
            Some(call.args[0].clone())
        }
        Expr::If(if_expr) => {
            let mut if_expr = if_expr.clone();
            strip_ok_block(&mut if_expr.then_branch)?;
            let (_, else_expr) = if_expr.else_branch.as_mut()?;
            match &mut **else_expr {
                Expr::Block(block) => strip_ok_block(&mut block.block)?,
                other => *other = strip_ok(other)?,
            }
            Some(Expr::If(if_expr))
        }
        _ => None,
    }
}

fn strip_ok_block(block: &mut syn::Block) -> Option<()> {
    match block.stmts.last_mut()? {
        syn::Stmt::Expr(expr, None) => {
            *expr = strip_ok(expr)?;
            Some(())
        }
        _ => None,
    }
}

/// Whether `call` calls the fallible form of a primitive written as a function
/// (`try_where_(cond, a, b)`).
fn is_primitive_try_call(call: &syn::ExprCall) -> bool {
    let Expr::Path(func) = &*call.func else {
        return false;
    };
    func.path.segments.last().is_some_and(|last| {
        let name = last.ident.to_string();
        name.strip_prefix("try_")
            .is_some_and(|rest| primitives::function(rest).is_some())
    })
}

fn strip_parens(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(inner) => strip_parens(&inner.expr),
        Expr::Group(inner) => strip_parens(&inner.expr),
        other => other,
    }
}

/// The kind of an elementwise result of two operands.
fn combine(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        (Kind::Masked, _) | (_, Kind::Masked) => Kind::Masked,
        (Kind::Array, _) | (_, Kind::Array) => Kind::Array,
        (Kind::Unknown, _) | (_, Kind::Unknown) => Kind::Unknown,
        (Kind::Scalar, _) | (_, Kind::Scalar) => Kind::Scalar,
        _ => Kind::Other,
    }
}

/// The operator of a compound assignment (`+=` gives `+`).
fn compound_op(op: &BinOp) -> Option<TokenStream> {
    Some(match op {
        BinOp::AddAssign(_) => quote!(+),
        BinOp::SubAssign(_) => quote!(-),
        BinOp::MulAssign(_) => quote!(*),
        BinOp::DivAssign(_) => quote!(/),
        BinOp::RemAssign(_) => quote!(%),
        _ => return None,
    })
}

fn binop_name(op: &BinOp) -> &'static str {
    match op {
        BinOp::Lt(_) => "lt",
        BinOp::Le(_) => "le",
        BinOp::Gt(_) => "gt",
        BinOp::Ge(_) => "ge",
        BinOp::Eq(_) => "eq",
        BinOp::Ne(_) => "ne",
        BinOp::And(_) => "and",
        BinOp::Or(_) => "or",
        BinOp::Rem(_) => "rem",
        _ => "op",
    }
}
