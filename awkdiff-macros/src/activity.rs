//! Activity analysis: which values depend on a differentiated parameter (`active`), and
//! which of those reach an output (`needed`). Only needed values get tangents in `jvp_` and
//! cotangents in `vjp_`: the generated code never computes a derivative of a constant.
//!
//! It also reports derivatives that cannot exist: a differentiated value passed to a method
//! with no rule, cast, or used as an axis or exponent.

use quote::ToTokens;

use crate::ir::{free_values, walk, Block, Function, Op, Operand, Stmt};
use crate::primitives;
use crate::validate::Errors;

/// Fills `active` and `needed` on every value of `function`.
pub fn analyze(function: &mut Function) -> syn::Result<()> {
    let mut errors = Errors::default();
    for param in &function.params {
        function.values[param.value].active = param.differentiable;
    }
    let stmts = std::mem::take(&mut function.stmts);
    // The values that bound a loop: a derivative-less cast there gets the loop's message.
    let mut bounds = Vec::new();
    walk(&stmts, &mut |stmt| {
        if let Op::For(op) = &stmt.op {
            bounds.extend(op.range.operands().into_iter().filter_map(value_of));
        }
    });
    function.loop_bounds = bounds;
    let mut field_reads = Vec::new();
    walk(&stmts, &mut |stmt| {
        if let Op::Field { .. } = &stmt.op {
            field_reads.extend(stmt.outputs.iter().copied());
        }
    });
    function.field_reads = field_reads;
    forward_block(function, &stmts, &mut errors);
    // Backward: an active value is needed when an output or a needed statement uses it.
    for output in &function.outputs {
        if let Operand::Value(id) = output.operand {
            function.values[id].needed = function.values[id].active;
        }
    }
    for stmt in stmts.iter().rev() {
        let needed = stmt.outputs.iter().any(|&id| function.values[id].needed);
        if !needed {
            continue;
        }
        match &stmt.op {
            Op::If(_) | Op::For(_) => mark_region(function, stmt),
            _ => {
                for id in differentiable_inputs(stmt) {
                    if function.values[id].active {
                        function.values[id].needed = true;
                    }
                }
            }
        }
    }
    function.stmts = stmts;
    errors.finish()
}

/// A needed `if` or `for`: every active value it defines or reads is needed (its blocks
/// are differentiated as a whole).
fn mark_region(function: &mut Function, stmt: &Stmt) {
    let mut ids: Vec<usize> = stmt.outputs.clone();
    let blocks: Vec<&Block> = match &stmt.op {
        Op::If(op) => vec![&op.then_block, &op.else_block],
        Op::For(op) => {
            ids.extend(op.carried.iter().filter_map(value_of));
            vec![&op.body]
        }
        _ => Vec::new(),
    };
    for block in blocks {
        ids.extend(free_values(block));
        ids.extend(block.results.iter().filter_map(value_of));
        walk(&block.stmts, &mut |s| ids.extend(s.outputs.iter().copied()));
    }
    for id in ids {
        if function.values[id].active {
            function.values[id].needed = true;
        }
    }
}

fn value_of(operand: &Operand) -> Option<usize> {
    match operand {
        Operand::Value(id) => Some(*id),
        Operand::Const(..) => None,
    }
}

/// The forward pass over a block: sets `active` on every value it defines.
fn forward_block(function: &mut Function, stmts: &[Stmt], errors: &mut Errors) {
    for stmt in stmts {
        match &stmt.op {
            Op::If(op) => {
                forward_block(function, &op.then_block.stmts, errors);
                forward_block(function, &op.else_block.stmts, errors);
                for (k, &output) in stmt.outputs.iter().enumerate() {
                    function.values[output].active = is_active(function, &op.then_block.results[k])
                        || is_active(function, &op.else_block.results[k]);
                }
            }
            Op::For(op) => {
                for operand in op.range.operands() {
                    if is_active(function, operand) {
                        errors.add(syn::Error::new(
                            stmt.span,
                            "this `for` loop goes over a range computed from a differentiated value: the number of iterations has no derivative; use integer parameters or `len()`/`count` for the bounds, or `stop_gradient(..)` the value",
                        ));
                    }
                }
                for (k, &phi) in stmt.outputs.iter().enumerate() {
                    function.values[phi].active = is_active(function, &op.carried[k]);
                }
                // Until no carried variable becomes active; errors of the last pass only.
                loop {
                    let mut scratch = Errors::default();
                    forward_block(function, &op.body.stmts, &mut scratch);
                    let mut changed = false;
                    for (k, &phi) in stmt.outputs.iter().enumerate() {
                        if !function.values[phi].active && is_active(function, &op.body.results[k])
                        {
                            function.values[phi].active = true;
                            changed = true;
                        }
                    }
                    if !changed {
                        if let Err(error) = scratch.finish() {
                            errors.add(error);
                        }
                        break;
                    }
                }
            }
            _ => {
                let active = forward(function, stmt, errors);
                for &output in &stmt.outputs {
                    function.values[output].active = active;
                }
            }
        }
    }
}

/// The values whose derivatives flow into the statement's outputs.
pub fn differentiable_inputs(stmt: &Stmt) -> Vec<usize> {
    let operands: Vec<&Operand> = match &stmt.op {
        Op::Prim { operands, .. } => operands.iter().map(|a| &a.operand).collect(),
        Op::Call { args, .. } => args.iter().map(|a| &a.operand).collect(),
        Op::Field { record, .. } => vec![record],
        Op::Struct { fields, .. } => fields.iter().map(|(_, value)| value).collect(),
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
                let field = matches!(&extra.operand, Operand::Value(id) if function.field_reads.contains(id));
                if active(&extra.operand) && !field {
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
        Op::Cast(operand, _)
            if active(operand) && function.loop_bounds.contains(&stmt.outputs[0]) =>
        {
            errors.add(syn::Error::new(
                stmt.span,
                format!(
                    "this `for` loop's bound is computed from the differentiated value {}: the number of iterations has no derivative; if that is intended, write `stop_gradient({})` in the bound",
                    name(operand),
                    name(operand).trim_matches('`')
                ),
            ));
            false
        }
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
        Op::Field { record, .. } => active(record),
        Op::Struct { fields, .. } => fields.iter().any(|(_, value)| active(value)),
        Op::Const(_) => false,
        Op::List(items) => {
            if let Some(item) = items.iter().find(|o| active(o)) {
                errors.add(syn::Error::new(
                    stmt.span,
                    format!(
                        "{} is differentiated but is put in an array `[..]`, which has no derivative (arrays of integers are indices): wrap it in `stop_gradient(..)`",
                        name(item)
                    ),
                ));
            }
            false
        }
        Op::If(_) | Op::For(_) => unreachable!("handled by forward_block"),
        Op::Fused(_) => unreachable!("chains are fused after activity analysis"),
    }
}
