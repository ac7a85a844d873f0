//! Lowering of control flow: `if`/`else` (both branches' outputs merged) and `for` loops
//! over integer ranges (their loop-carried values).

use std::collections::HashMap;

use syn::{Expr, Pat};

use super::*;
use crate::ir::{Block, ForOp, IfOp, Kind, Op, Operand, Range, Stmt};

impl Lower {
    /// `if cond { .. } else { .. }`, as a statement or as an expression of `want` values.
    pub(super) fn if_expr(
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
    pub(super) fn merged_kind(&self, operands: &[&Operand]) -> (Kind, bool) {
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
    pub(super) fn for_loop(&mut self, for_loop: &syn::ExprForLoop) {
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
    pub(super) fn range(&mut self, expr: &Expr) -> Option<Range> {
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
}
