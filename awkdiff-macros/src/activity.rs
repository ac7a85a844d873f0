//! Activity analysis: which values depend on a differentiated parameter (`active`), and
//! which of those reach an output (`needed`). Only needed values get tangents in `jvp_` and
//! cotangents in `vjp_`: the generated code never computes a derivative of a constant.
//!
//! It also reports derivatives that cannot exist: a differentiated value passed to a method
//! with no rule, cast, or used as an axis or exponent.

use quote::ToTokens;

use crate::ir::{Function, Op, Operand, Stmt};
use crate::primitives;
use crate::validate::Errors;

/// Fills `active` and `needed` on every value of `function`.
pub fn analyze(function: &mut Function) -> syn::Result<()> {
    let mut errors = Errors::default();
    for param in &function.params {
        function.values[param.value].active = param.differentiable;
    }
    for index in 0..function.stmts.len() {
        let active = forward(function, &function.stmts[index], &mut errors);
        for &output in &function.stmts[index].outputs {
            function.values[output].active = active;
        }
    }
    // Backward: an active value is needed when an output or a needed statement uses it.
    for output in &function.outputs {
        if let Operand::Value(id) = output.operand {
            function.values[id].needed = function.values[id].active;
        }
    }
    for stmt in function.stmts.iter().rev() {
        let needed = stmt.outputs.iter().any(|&id| function.values[id].needed);
        if !needed {
            continue;
        }
        for id in differentiable_inputs(stmt) {
            if function.values[id].active {
                function.values[id].needed = true;
            }
        }
    }
    errors.finish()
}

/// The values whose derivatives flow into the statement's outputs.
pub fn differentiable_inputs(stmt: &Stmt) -> Vec<usize> {
    let operands: Vec<&Operand> = match &stmt.op {
        Op::Prim { operands, .. } => operands.iter().map(|a| &a.operand).collect(),
        Op::Call { args, .. } => args.iter().map(|a| &a.operand).collect(),
        _ => Vec::new(),
    };
    operands
        .into_iter()
        .filter_map(|o| match o {
            Operand::Value(id) => Some(*id),
            Operand::Const(..) => None,
        })
        .collect()
}

fn is_active(function: &Function, operand: &Operand) -> bool {
    matches!(operand, Operand::Value(id) if function.values[*id].active)
}

/// Whether the statement's outputs are active; reports impossible derivatives.
fn forward(function: &Function, stmt: &Stmt, errors: &mut Errors) -> bool {
    let active = |o: &Operand| is_active(function, o);
    let name = |o: &Operand| match o {
        Operand::Value(id) => format!("`{}`", function.values[*id].name),
        Operand::Const(tokens, _) => format!("`{tokens}`"),
    };
    match &stmt.op {
        Op::Prim {
            prim,
            operands,
            extras,
            ..
        } => {
            for extra in extras {
                if active(&extra.operand) {
                    errors.add(syn::Error::new(
                        stmt.span,
                        format!(
                            "{} is differentiated but is passed to `{}` as an argument that has no derivative (an axis, exponent, index or mask): wrap it in `stop_gradient(..)`",
                            name(&extra.operand),
                            prim.name
                        ),
                    ));
                }
            }
            operands.iter().any(|a| active(&a.operand))
        }
        Op::Method {
            receiver,
            method,
            args,
            known,
            ..
        } => {
            let any = active(receiver) || args.iter().any(|a| active(&a.operand));
            if any && !known {
                errors.add(syn::Error::new(
                    method.span(),
                    format!(
                        "method `{method}` has no derivative rule, so #[differentiable] cannot differentiate through it; differentiable methods are: {}. Wrap its input in `stop_gradient(..)` if no derivative should flow through it",
                        primitives::method_names()
                    ),
                ));
            }
            false
        }
        Op::Binary { lhs, op, rhs } => {
            let comparison = matches!(
                op,
                syn::BinOp::Lt(_)
                    | syn::BinOp::Le(_)
                    | syn::BinOp::Gt(_)
                    | syn::BinOp::Ge(_)
                    | syn::BinOp::Eq(_)
                    | syn::BinOp::Ne(_)
            );
            if !comparison && (active(lhs) || active(rhs)) {
                errors.add(syn::Error::new(
                    stmt.span,
                    format!(
                        "the operator `{}` has no derivative rule: only `+ - * /` and unary `-` are differentiable; wrap its operands in `stop_gradient(..)`",
                        op.to_token_stream()
                    ),
                ));
            }
            false
        }
        Op::Not(_) => false,
        Op::Cast(operand, ty) => {
            if active(operand) {
                errors.add(syn::Error::new(
                    stmt.span,
                    format!(
                        "cannot cast the differentiated value {} to `{}`: a cast has no derivative; cast `stop_gradient({})` instead",
                        name(operand),
                        ty.to_token_stream(),
                        name(operand).trim_matches('`')
                    ),
                ));
            }
            false
        }
        Op::Call { args, .. } => args.iter().any(|a| active(&a.operand)),
        Op::Const(_) => false,
    }
}
