//! Lowers a `syn::ItemFn` into [`ir::Function`]: parameters with their kinds, and the body in
//! A-normal form, one primitive per statement, each temporary named after the user's
//! variable it derives from (`x * x + x.sin()` gives `x_mul`, `x_sin`, `x_add`).

use std::collections::{HashMap, HashSet};

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;
use syn::{BinOp, Expr, FnArg, ItemFn, Pat, ReturnType, Type, UnOp};

use crate::ir::{
    Arg, Block, ForOp, Function, IfOp, Kind, Op, Operand, Output, Param, PrimSyntax, Range, Stmt,
    ValueId, ValueInfo,
};
use crate::primitives::{self, Arity};
use crate::types::{self, Generics};
use crate::validate::{self, Errors};

/// Names the generated code uses for itself; user values never take them.
const RESERVED: &[&str] = &["rules", "pullback", "output", "Value", "ct", "out_tangent"];

/// Lowers a function that passed `validate::check`; `body` is its block with early returns
/// folded into `if`/`else` (see `returns`).
/// With `body: None` only the signature is read (a function with custom rules).
pub fn lower(item: &ItemFn, body: Option<&syn::Block>) -> syn::Result<Function> {
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
    };
    let mut item = item.clone();
    let mut params = Vec::new();
    for input in item.sig.inputs.iter_mut() {
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

    fn body(&mut self, block: &syn::Block, tuple: bool, n_outputs: usize) -> Vec<Operand> {
        let Some((last, init)) = block.stmts.split_last() else {
            self.errors.push(
                block,
                "the body of a #[differentiable] function must end with the value it returns",
            );
            return Vec::new();
        };
        for stmt in init {
            self.stmt(stmt);
        }
        let syn::Stmt::Expr(expr, None) = last else {
            self.stmt(last);
            self.errors.push(last, "the body of a #[differentiable] function must end with the value it returns (an expression without `;`)");
            return Vec::new();
        };
        let stripped;
        let mut expr = strip_parens(expr);
        if self.fallible {
            match strip_ok(expr) {
                Some(inner) => {
                    stripped = inner;
                    expr = strip_parens(&stripped);
                }
                None => {
                    self.errors.push(
                        expr,
                        "the function returns `Result`: end the body with `Ok(value)` (or an `if` whose branches end with `Ok(..)`)",
                    );
                    return Vec::new();
                }
            }
        }
        if tuple {
            if let Expr::If(if_expr) = expr {
                let hint = Hint::Name("out".to_string());
                return self
                    .if_expr(if_expr, Some(&hint), Want::Tuple(n_outputs))
                    .unwrap_or_default();
            }
            let Expr::Tuple(elems) = expr else {
                self.errors.push(
                    expr,
                    "the function returns a tuple: end the body with a tuple expression `(a, b)`",
                );
                return Vec::new();
            };
            if elems.elems.len() != n_outputs {
                self.errors.push(
                    expr,
                    format!(
                        "the return type has {n_outputs} elements but this tuple has {}",
                        elems.elems.len()
                    ),
                );
                return Vec::new();
            }
            let hint = Hint::Name("out".to_string());
            elems
                .elems
                .iter()
                .filter_map(|e| self.expr(e, Some(&hint)))
                .collect()
        } else {
            self.expr(expr, Some(&Hint::Name("out".to_string())))
                .into_iter()
                .collect()
        }
    }

    fn stmt(&mut self, stmt: &syn::Stmt) {
        match stmt {
            syn::Stmt::Local(local) => {
                let Some(init) = &local.init else {
                    self.errors.push(local, "`let` without a value is not supported in a #[differentiable] body: write `let x = ...;`");
                    return;
                };
                let (pat, ty) = match &local.pat {
                    Pat::Type(typed) => (&*typed.pat, Some((*typed.ty).clone())),
                    other => (other, None),
                };
                match pat {
                    Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                        let name = ident.ident.to_string();
                        self.bind(&name, &init.expr, ty);
                        self.lets.insert(name);
                    }
                    Pat::Tuple(tuple) => {
                        let mut names = Vec::new();
                        for elem in &tuple.elems {
                            match elem {
                                Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                                    names.push(ident.ident.to_string())
                                }
                                other => {
                                    self.errors.push(other, "only plain names are supported in tuple patterns of a #[differentiable] body");
                                    return;
                                }
                            }
                        }
                        self.bind_tuple(&names, &init.expr, tuple);
                        self.lets.extend(names);
                    }
                    other => self.errors.push(other, "only `let name = ...` and `let (a, b) = ...` are supported in a #[differentiable] body"),
                }
            }
            syn::Stmt::Expr(Expr::Assign(assign), _) => {
                let Expr::Path(path) = &*assign.left else { return };
                let Some(ident) = path.path.get_ident() else { return };
                let name = ident.to_string();
                if !self.env.contains_key(&name) {
                    self.errors.push(ident, format!("cannot assign to `{name}`: it is not a variable of this function"));
                    return;
                }
                if !self.lets.contains(&name) {
                    self.outer_assigned.push(ident.clone());
                }
                self.bind(&name, &assign.right, None);
            }
            syn::Stmt::Expr(Expr::Binary(binary), _) if compound_op(&binary.op).is_some() => {
                let Expr::Path(path) = &*binary.left else {
                    self.errors.push(&binary.left, "only plain variables can be assigned in a #[differentiable] body");
                    return;
                };
                let Some(ident) = path.path.get_ident() else { return };
                let name = ident.to_string();
                if !self.lets.contains(&name) {
                    self.outer_assigned.push(ident.clone());
                }
                let op = compound_op(&binary.op).expect("checked");
                let left = &binary.left;
                let right = &binary.right;
                let expr: Expr = syn::parse_quote_spanned!(binary.span()=> #left #op #right);
                self.bind(&name, &expr, None);
            }
            syn::Stmt::Expr(Expr::If(if_expr), _) => {
                self.if_expr(if_expr, None, Want::Nothing);
            }
            syn::Stmt::Expr(Expr::ForLoop(for_loop), _) => self.for_loop(for_loop),
            syn::Stmt::Expr(expr, _) => self.errors.push(expr, "this statement has no effect in a #[differentiable] body: bind its value with `let` or end the body with it"),
            syn::Stmt::Item(_) | syn::Stmt::Macro(_) => {} // reported by validate
        }
    }

    /// `let name = expr;` or `name = expr;`.
    fn bind(&mut self, name: &str, expr: &Expr, ty: Option<Type>) {
        let before = self.values.len();
        let Some(operand) = self.expr(expr, Some(&Hint::Name(name.to_string()))) else {
            return;
        };
        let operand = match operand {
            Operand::Value(id) if id >= before => {
                // A new statement named after the variable: keep the annotation.
                if let Some(ty) = &ty {
                    if let Some(info) = types::classify(ty, &self.generics) {
                        self.values[id].kind = info.kind;
                        self.values[id].copy = info.copy;
                    }
                    if let Some(stmt) = self.stmts.last_mut() {
                        stmt.ty = Some(ty.clone());
                    }
                }
                operand
            }
            Operand::Value(_) => operand, // `let y = x;`: y names the same value
            Operand::Const(tokens, kind) => {
                let kind = ty
                    .as_ref()
                    .and_then(|t| types::classify(t, &self.generics))
                    .map_or(kind, |i| i.kind);
                let copy =
                    matches!(kind, Kind::Scalar | Kind::Other) && !tokens.to_string().contains('!');
                let span = expr.span();
                let result = self.emit(
                    Op::Const(tokens),
                    Some(&Hint::Name(name.to_string())),
                    (String::new(), ""),
                    (kind, copy),
                    span,
                );
                if let Some(stmt) = self.stmts.last_mut() {
                    stmt.ty = ty;
                }
                result
            }
        };
        self.env.insert(name.to_string(), operand);
    }

    /// `let (a, b) = g(..);` or `let (a, b) = (e1, e2);`.
    fn bind_tuple(&mut self, names: &[String], expr: &Expr, pat: &syn::PatTuple) {
        match strip_parens(expr) {
            Expr::Tuple(tuple) if tuple.elems.len() == names.len() => {
                for (name, elem) in names.iter().zip(&tuple.elems) {
                    self.bind(name, elem, None);
                }
            }
            Expr::Call(call) => {
                let hint = Hint::Tuple(names.to_vec());
                self.call(call, Some(&hint));
            }
            _ => self.errors.push(pat, "a tuple pattern in a #[differentiable] body must bind a tuple expression or the result of a #[differentiable] function"),
        }
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
                } else {
                    self.errors.push(array, "array expressions `[..]` in a #[differentiable] body may only hold constants");
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
                other => {
                    self.errors.push(other, "`?` is supported on the `try_*` methods of arrays (`x.try_sum(0)?`) in a #[differentiable] body");
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

    /// `if cond { .. } else { .. }`, as a statement or as an expression of `want` values.
    fn if_expr(
        &mut self,
        if_expr: &syn::ExprIf,
        hint: Option<&Hint>,
        want: Want,
    ) -> Option<Vec<Operand>> {
        let want_value = want != Want::Nothing;
        let cond = self.expr(&if_expr.cond, None)?;
        let (then_stmts, then_value, then_changed) = self.nested(&if_expr.then_branch, want, hint);
        let (else_stmts, else_value, else_changed) = match &if_expr.else_branch {
            None => {
                if want_value {
                    self.errors
                        .push(if_expr, "an `if` used as a value needs an `else` branch");
                    return None;
                }
                (Vec::new(), None, HashMap::new())
            }
            Some((_, else_expr)) => match strip_parens(else_expr) {
                Expr::Block(block) => self.nested(&block.block, want, hint),
                Expr::If(inner) => {
                    // `else if`: a block holding one `if`.
                    let wrapped = syn::Block {
                        brace_token: Default::default(),
                        stmts: vec![syn::Stmt::Expr(Expr::If(inner.clone()), None)],
                    };
                    self.nested(&wrapped, want, hint)
                }
                other => {
                    self.errors.push(other, "unsupported `else` branch");
                    return None;
                }
            },
        };
        // The variables either branch reassigned, in a stable order.
        let mut names: Vec<String> = then_changed
            .keys()
            .chain(else_changed.keys())
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        let mut outputs = Vec::new();
        let mut then_results = Vec::new();
        let mut else_results = Vec::new();
        for name in &names {
            let outer = self.env[name].clone();
            let then_r = then_changed
                .get(name)
                .cloned()
                .unwrap_or_else(|| outer.clone());
            let else_r = else_changed
                .get(name)
                .cloned()
                .unwrap_or_else(|| outer.clone());
            let (kind, copy) = self.merged_kind(&[&outer, &then_r, &else_r]);
            let ident = self.fresh(name);
            let id = self.push_value(ident, name.clone(), kind, copy);
            outputs.push(id);
            then_results.push(then_r);
            else_results.push(else_r);
        }
        let mut values = Vec::new();
        let (then_values, else_values) = if want_value {
            (then_value?, else_value?)
        } else {
            (Vec::new(), Vec::new())
        };
        if then_values.len() != want.count() || else_values.len() != want.count() {
            return None;
        }
        for (then_v, else_v) in then_values.into_iter().zip(else_values) {
            let (kind, copy) = self.merged_kind(&[&then_v, &else_v]);
            let ident = match hint {
                Some(Hint::Name(name)) => self.fresh(name),
                _ => {
                    let base = self.base_of(&[&then_v, &else_v]);
                    self.fresh(&format!("{base}_if"))
                }
            };
            let base = match hint {
                Some(Hint::Name(name)) => name.clone(),
                _ => self.base_of(&[&then_v, &else_v]),
            };
            let id = self.push_value(ident, base, kind, copy);
            outputs.push(id);
            then_results.push(then_v);
            else_results.push(else_v);
            values.push(Operand::Value(id));
        }
        for (name, id) in names.iter().zip(&outputs) {
            self.env.insert(name.clone(), Operand::Value(*id));
        }
        if outputs.is_empty() {
            return Some(values);
        }
        self.stmts.push(Stmt {
            outputs,
            ty: None,
            op: Op::If(Box::new(IfOp {
                cond,
                then_block: Block {
                    stmts: then_stmts,
                    results: then_results,
                },
                else_block: Block {
                    stmts: else_stmts,
                    results: else_results,
                },
            })),
            span: if_expr.if_token.span,
        });
        Some(values)
    }

    /// The kind of a value merging `operands` (the branches of an `if`, a loop's values).
    fn merged_kind(&self, operands: &[&Operand]) -> (Kind, bool) {
        let kind = operands
            .iter()
            .map(|o| self.kind_of(o))
            .reduce(|a, b| match (a, b) {
                (Kind::Unknown, k) | (k, Kind::Unknown) => k,
                (Kind::Other, k) | (k, Kind::Other) if k != Kind::Other => k,
                (a, _) => a,
            })
            .unwrap_or(Kind::Unknown);
        let copy = match kind {
            Kind::Scalar => true,
            Kind::Other => operands.iter().all(|o| self.copy_of(o)),
            _ => false,
        };
        (kind, copy)
    }

    /// `for var in range { body }`.
    fn for_loop(&mut self, for_loop: &syn::ExprForLoop) {
        let Some(range) = self.range(&for_loop.expr) else {
            return;
        };
        // The loop-carried variables: those of the enclosing scopes that the body assigns.
        let mut assigned = Vec::new();
        assigned_names(&for_loop.body.stmts, &mut assigned);
        let mut names: Vec<String> = assigned
            .into_iter()
            .filter(|n| self.env.contains_key(n))
            .collect();
        names.sort();
        names.dedup();
        let mut outputs = Vec::new();
        let mut carried = Vec::new();
        for name in &names {
            let init = self.env[name].clone();
            let (kind, copy) = (self.kind_of(&init), self.copy_of(&init));
            let ident = self.fresh(name);
            let id = self.push_value(ident, name.clone(), kind, copy);
            self.env.insert(name.clone(), Operand::Value(id));
            outputs.push(id);
            carried.push(init);
        }
        // The loop index: a new scope's variable, never differentiated.
        let var = match &*for_loop.pat {
            Pat::Ident(ident) => {
                let name = ident.ident.to_string();
                let fresh = self.fresh(&name);
                let id = self.push_value(fresh, name.clone(), Kind::Other, true);
                Some((name, id))
            }
            _ => None,
        };
        let shadowed = var.as_ref().and_then(|(name, id)| {
            self.env
                .insert(name.clone(), Operand::Value(*id))
                .map(|old| (name.clone(), old))
        });
        let (stmts, _, changed) = self.nested(&for_loop.body, Want::Nothing, None);
        if let Some((name, _)) = &var {
            self.env.remove(name);
        }
        if let Some((name, old)) = shadowed {
            self.env.insert(name, old);
        }
        let results = names
            .iter()
            .zip(&outputs)
            .map(|(name, id)| changed.get(name).cloned().unwrap_or(Operand::Value(*id)))
            .collect();
        self.stmts.push(Stmt {
            outputs,
            ty: None,
            op: Op::For(Box::new(ForOp {
                var: var.map(|(_, id)| id),
                range,
                carried,
                body: Block { stmts, results },
            })),
            span: for_loop.for_token.span,
        });
    }

    /// `a..b`, `a..=b`, `(a..b).rev()`, `(a..b).step_by(k)`.
    fn range(&mut self, expr: &Expr) -> Option<Range> {
        match strip_parens(expr) {
            Expr::Range(range) => {
                let (Some(start), Some(end)) = (&range.start, &range.end) else {
                    self.errors.push(range, "a `for` loop in a #[differentiable] body needs both bounds: `for i in a..b`");
                    return None;
                };
                let start = self.expr(start, None)?;
                let end = self.expr(end, None)?;
                Some(Range {
                    start,
                    end,
                    inclusive: matches!(range.limits, syn::RangeLimits::Closed(_)),
                    adapters: Vec::new(),
                })
            }
            Expr::MethodCall(call) if call.method == "rev" || call.method == "step_by" => {
                let mut range = self.range(&call.receiver)?;
                let args = call
                    .args
                    .iter()
                    .map(|a| self.expr(a, None))
                    .collect::<Option<Vec<_>>>()?;
                range.adapters.push((call.method.clone(), args));
                Some(range)
            }
            other => {
                self.errors.push(other, "a `for` loop in a #[differentiable] body goes over an integer range: `a..b`, `a..=b`, `(a..b).rev()` or `(a..b).step_by(k)`");
                None
            }
        }
    }

    fn binary(&mut self, binary: &syn::ExprBinary, hint: Option<&Hint>) -> Option<Operand> {
        if compound_op(&binary.op).is_some() {
            self.errors.push(binary, "compound assignment is only supported as a statement (`y += x;`) in a #[differentiable] body");
            return None;
        }
        let lhs = self.expr(&binary.left, None)?;
        let rhs = self.expr(&binary.right, None)?;
        let op = binary.op;
        let base = self.base_of(&[&lhs, &rhs]);
        if let Some(prim) = primitives::operator(&op) {
            let kind = combine(self.kind_of(&lhs), self.kind_of(&rhs));
            if let (Operand::Const(l, _), Operand::Const(r, _)) = (&lhs, &rhs) {
                return Some(Operand::Const(quote!((#l #op #r)), kind));
            }
            let copy = kind == Kind::Scalar
                || (kind == Kind::Other && self.copy_of(&lhs) && self.copy_of(&rhs));
            let suffix = prim.name;
            let op = Op::Prim {
                prim,
                syntax: PrimSyntax::Binary(op),
                operands: vec![
                    Arg {
                        operand: lhs,
                        user_ref: matches!(&*binary.left, Expr::Reference(_)),
                    },
                    Arg {
                        operand: rhs,
                        user_ref: matches!(&*binary.right, Expr::Reference(_)),
                    },
                ],
                extras: Vec::new(),
            };
            return Some(self.emit(op, hint, (base, suffix), (kind, copy), binary.span()));
        }
        if let (Operand::Const(l, _), Operand::Const(r, _)) = (&lhs, &rhs) {
            return Some(Operand::Const(quote!((#l #op #r)), Kind::Other));
        }
        let suffix = binop_name(&op);
        Some(self.emit(
            Op::Binary { lhs, op, rhs },
            hint,
            (base, suffix),
            (Kind::Other, true),
            binary.span(),
        ))
    }

    fn args(&mut self, args: impl IntoIterator<Item = Expr>) -> Option<Vec<Arg>> {
        let mut out = Vec::new();
        for arg in args {
            let operand = self.expr(&arg, None)?;
            out.push(Arg {
                operand,
                user_ref: matches!(strip_parens(&arg), Expr::Reference(_)),
            });
        }
        Some(out)
    }

    fn method(&mut self, call: &syn::ExprMethodCall, hint: Option<&Hint>) -> Option<Operand> {
        let name = call.method.to_string();
        let question = std::mem::take(&mut self.question);
        if name == "clone" && call.args.is_empty() {
            return self.expr(&call.receiver, hint);
        }
        let receiver = self.expr(&call.receiver, None)?;
        let args = self.args(call.args.iter().cloned())?;
        let base = self.base_of(&[&receiver]);
        let fallible = name.starts_with("try_");
        if fallible && self.fallible && !question {
            self.errors.push(
                call,
                format!("write `{name}(..)?` in a #[differentiable] body: its errors propagate to the caller"),
            );
            return None;
        }
        let prim = match name.strip_prefix("try_") {
            Some(rest) => primitives::method(rest).or_else(|| primitives::operator_named(rest)),
            None => primitives::method(&name),
        };
        if fallible && !self.fallible {
            if let Some(prim) = prim {
                self.errors.push(
                    call,
                    format!("`{name}` returns `Result`: use `{}` or make the function return `Result<_, awkdiff::Error>` and write `{name}(..)?`", prim.name),
                );
                return None;
            }
        }
        if let Some(prim) = prim {
            let binary = prim.arity == Arity::Binary;
            let expected = usize::from(binary) + prim.extras.len();
            if args.len() != expected {
                self.errors.push(
                    call,
                    format!(
                        "`{name}` takes {expected} argument{}, found {}",
                        if expected == 1 { "" } else { "s" },
                        args.len()
                    ),
                );
                return None;
            }
            let mut args = args.into_iter();
            let mut operands = vec![Arg {
                operand: receiver,
                user_ref: false,
            }];
            if binary {
                operands.extend(args.next());
            }
            let kinds: Vec<Kind> = operands.iter().map(|a| self.kind_of(&a.operand)).collect();
            let kind = match prim.out {
                primitives::Out::Same => kinds.into_iter().reduce(combine).unwrap_or(Kind::Unknown),
                primitives::Out::Array => Kind::Array,
                primitives::Out::Scalar => Kind::Scalar,
            };
            let syntax = if fallible {
                PrimSyntax::TryMethod(call.method.clone())
            } else {
                PrimSyntax::Method(call.method.clone())
            };
            let op = Op::Prim {
                prim,
                syntax,
                operands,
                extras: args.collect(),
            };
            return Some(self.emit(
                op,
                hint,
                (base, prim.name),
                (kind, kind == Kind::Scalar),
                call.method.span(),
            ));
        }
        let (kind, copy, known) = match primitives::not_differentiated(&name) {
            Some(copy) => (Kind::Other, copy, true),
            None => (self.kind_of(&receiver), self.copy_of(&receiver), false),
        };
        let op = Op::Method {
            receiver,
            method: call.method.clone(),
            turbofish: call.turbofish.as_ref().map(|t| t.to_token_stream()),
            args,
            known,
        };
        let suffix = name.clone();
        Some(self.emit(op, hint, (base, &suffix), (kind, copy), call.method.span()))
    }

    fn call(&mut self, call: &syn::ExprCall, hint: Option<&Hint>) -> Option<Operand> {
        let Expr::Path(func) = &*call.func else {
            self.errors.push(
                &call.func,
                "only calls of functions by name or path are supported in a #[differentiable] body",
            );
            return None;
        };
        if func.qself.is_none() && func.path.is_ident("stop_gradient") {
            if call.args.len() != 1 {
                self.errors.push(call, "`stop_gradient` takes one argument");
                return None;
            }
            let operand = self.expr(&call.args[0], None)?;
            return Some(match operand {
                Operand::Value(id) => {
                    // The same runtime value under the same name, but never active.
                    let info = self.values[id].clone();
                    let base = self.bases[id].clone();
                    let new = self.push_value(info.name, base, info.kind, info.copy);
                    self.values[new].by_ref = info.by_ref;
                    Operand::Value(new)
                }
                constant => constant,
            });
        }
        let args = self.args(call.args.iter().cloned())?;
        if !matches!(hint, Some(Hint::Tuple(_)))
            && args.iter().all(|a| matches!(a.operand, Operand::Const(..)))
        {
            return Some(Operand::Const(call.to_token_stream(), Kind::Unknown));
        }
        let fname = func
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let operands: Vec<&Operand> = args.iter().map(|a| &a.operand).collect();
        let base = self.base_of(&operands);
        let op = Op::Call {
            func: func.path.clone(),
            args,
        };
        match hint {
            Some(Hint::Tuple(names)) => {
                let outputs = names
                    .iter()
                    .map(|name| {
                        let ident = self.fresh(name);
                        self.push_value(ident, name.clone(), Kind::Unknown, false)
                    })
                    .collect::<Vec<_>>();
                for (name, id) in names.iter().zip(&outputs) {
                    self.env.insert(name.clone(), Operand::Value(*id));
                }
                self.stmts.push(Stmt {
                    outputs,
                    ty: None,
                    op,
                    span: call.span(),
                });
                None
            }
            _ => Some(self.emit(
                op,
                hint,
                (base, &fname),
                (Kind::Unknown, false),
                call.span(),
            )),
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
