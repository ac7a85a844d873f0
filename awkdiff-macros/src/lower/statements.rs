//! Lowering of blocks and statements: `let` bindings (with tuples), reassignment and
//! compound assignment, expression statements, and the block's outputs.

use syn::spanned::Spanned;
use syn::{Expr, Pat, Type};

use super::*;
use crate::ir::{Kind, Op, Operand};
use crate::types::{self};

impl Lower {
    pub(super) fn body(
        &mut self,
        block: &syn::Block,
        tuple: bool,
        n_outputs: usize,
    ) -> Vec<Operand> {
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

    pub(super) fn stmt(&mut self, stmt: &syn::Stmt) {
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
    pub(super) fn bind(&mut self, name: &str, expr: &Expr, ty: Option<Type>) {
        let before = self.values.len();
        self.typed_field = ty.is_some() && matches!(expr, Expr::Field(_));
        let operand = self.expr(expr, Some(&Hint::Name(name.to_string())));
        self.typed_field = false;
        let Some(operand) = operand else {
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
    pub(super) fn bind_tuple(&mut self, names: &[String], expr: &Expr, pat: &syn::PatTuple) {
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
            Expr::MethodCall(call) => {
                let hint = Hint::Tuple(names.to_vec());
                self.method(call, Some(&hint));
            }
            _ => self.errors.push(pat, "a tuple pattern in a #[differentiable] body must bind a tuple expression, the result of a #[differentiable] function or of a method without derivative (`let (i, j) = x.argcombinations(2);`)"),
        }
    }
}
