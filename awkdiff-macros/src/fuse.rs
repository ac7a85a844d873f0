//! Fusion of elementwise chains, after activity analysis: statements such as
//! `a = x * x; b = x.sin(); y = a + b` whose intermediates (`a`, `b`) are used once, by the
//! chain itself, become one [`Op::Fused`] statement. A lone elementwise statement is a
//! chain of one: its value and tangent (or the cotangents of both its operands) still come
//! out of one pass instead of two or three. Its expansion evaluates the whole chain
//! at each position in one pass over the flat contents (value and tangent together in
//! forward mode; the cotangents of every input together in reverse mode) instead of one
//! pass and one temporary array per operation.
//!
//! Only what syntax proves elementwise is fused: operators and elementwise methods of the
//! primitives table on values known to be arrays, with constants and inactive scalars as
//! other operands. Active scalars (whose cotangent is a sum over all positions) and values
//! of unknown kind end a chain.

use std::collections::HashMap;

use crate::ir::{stmt_operands, walk, Block, Function, FusedOp, Kind, Op, Operand, Stmt, ValueId};
use crate::primitives::Out;

/// Most distinct arrays one chain reads (a pass reads them, their tangents and writes two
/// results; core's fused kernels read up to 16 arrays).
const MAX_INPUTS: usize = 6;

/// Fuses the elementwise chains of every block of `f`.
pub fn fuse(f: &mut Function) {
    let uses = count_uses(f);
    let stmts = std::mem::take(&mut f.stmts);
    f.stmts = fuse_block(f, stmts, &uses);
}

/// How many times each value is read: by statements (nested blocks included), by blocks'
/// results and by the function's outputs.
pub(crate) fn count_uses(f: &Function) -> HashMap<ValueId, usize> {
    let mut uses = HashMap::new();
    let mut note = |operand: &Operand| {
        if let Operand::Value(id) = operand {
            *uses.entry(*id).or_insert(0) += 1;
        }
    };
    let mut blocks: Vec<&Block> = Vec::new();
    walk(&f.stmts, &mut |stmt| {
        stmt_operands(stmt).into_iter().for_each(&mut note);
        match &stmt.op {
            Op::If(op) => blocks.extend([&op.then_block, &op.else_block]),
            Op::For(op) => blocks.push(&op.body),
            _ => {}
        }
    });
    for block in blocks {
        block.results.iter().for_each(&mut note);
    }
    for output in &f.outputs {
        note(&output.operand);
    }
    uses
}

/// Whether `stmt` can be part of a chain: an elementwise primitive (not a fallible
/// `try_` form) of arrays, constants and inactive scalars, whose result is an array.
fn elementwise(f: &Function, stmt: &Stmt) -> bool {
    let Op::Prim {
        prim,
        syntax,
        operands,
        ..
    } = &stmt.op
    else {
        return false;
    };
    if prim.out != Out::Same
        || matches!(syntax, crate::ir::PrimSyntax::TryMethod(_))
        || f.values[stmt.outputs[0]].kind != Kind::Array
    {
        return false;
    }
    operands.iter().all(|arg| match &arg.operand {
        Operand::Value(id) => match f.values[*id].kind {
            Kind::Array => true,
            Kind::Scalar => !f.values[*id].active,
            Kind::Masked | Kind::Other | Kind::Unknown => false,
        },
        Operand::Const(_, kind) => *kind == Kind::Scalar,
    })
}

/// The array values `stmt` reads.
fn array_operands(f: &Function, stmt: &Stmt) -> Vec<ValueId> {
    let Op::Prim { operands, .. } = &stmt.op else {
        return Vec::new();
    };
    operands
        .iter()
        .filter_map(|arg| match arg.operand {
            Operand::Value(id) if f.values[id].kind == Kind::Array => Some(id),
            _ => None,
        })
        .collect()
}

/// Fuses the chains of one block (and of the blocks nested in it).
fn fuse_block(f: &Function, stmts: Vec<Stmt>, uses: &HashMap<ValueId, usize>) -> Vec<Stmt> {
    let mut stmts: Vec<Stmt> = stmts
        .into_iter()
        .map(|mut stmt| {
            match &mut stmt.op {
                Op::If(op) => {
                    op.then_block.stmts =
                        fuse_block(f, std::mem::take(&mut op.then_block.stmts), uses);
                    op.else_block.stmts =
                        fuse_block(f, std::mem::take(&mut op.else_block.stmts), uses);
                }
                Op::For(op) => {
                    op.body.stmts = fuse_block(f, std::mem::take(&mut op.body.stmts), uses);
                }
                _ => {}
            }
            stmt
        })
        .collect();
    let defined_at: HashMap<ValueId, usize> = stmts
        .iter()
        .enumerate()
        .filter(|(_, s)| s.outputs.len() == 1 && elementwise(f, s))
        .map(|(i, s)| (s.outputs[0], i))
        .collect();
    let mut absorbed = vec![false; stmts.len()];
    let mut chains: HashMap<usize, Vec<usize>> = HashMap::new();
    for root in (0..stmts.len()).rev() {
        let eligible = stmts[root]
            .outputs
            .first()
            .is_some_and(|id| defined_at.get(id) == Some(&root));
        if absorbed[root] || !eligible {
            continue;
        }
        // The statements whose only reader is the chain, found from the root down.
        let mut members = vec![root];
        let mut pending = array_operands(f, &stmts[root]);
        while let Some(id) = pending.pop() {
            let Some(&at) = defined_at.get(&id) else {
                continue;
            };
            if at < root && !absorbed[at] && !members.contains(&at) && uses.get(&id) == Some(&1) {
                members.push(at);
                pending.extend(array_operands(f, &stmts[at]));
            }
        }
        members.sort_unstable();
        let chain: Vec<&Stmt> = members.iter().map(|&i| &stmts[i]).collect();
        let inputs = chain_inputs(f, &chain);
        if inputs.is_empty() || inputs.len() > MAX_INPUTS {
            continue;
        }
        for &i in &members[..members.len() - 1] {
            absorbed[i] = true;
        }
        chains.insert(root, members);
    }
    if chains.is_empty() {
        return stmts;
    }
    // A chain whose value only a `sum` reads is reduced in the same pass, where the sum is.
    let mut reduced_at: HashMap<usize, usize> = HashMap::new(); // sum statement -> root
    for &root in chains.keys() {
        let value = stmts[root].outputs[0];
        if uses.get(&value) != Some(&1) {
            continue;
        }
        let reader = (root + 1..stmts.len()).find(|&j| {
            stmt_operands(&stmts[j])
                .iter()
                .any(|o| matches!(o, Operand::Value(id) if *id == value))
        });
        if let Some(j) = reader {
            if sum_of(f, &stmts[j], value) && !absorbed[j] && !chains.contains_key(&j) {
                reduced_at.insert(j, root);
            }
        }
    }
    let reduced_roots: Vec<usize> = reduced_at.values().copied().collect();
    let mut taken: Vec<Option<Stmt>> = stmts.drain(..).map(Some).collect();
    let mut out = Vec::new();
    for i in 0..taken.len() {
        if absorbed[i] || reduced_roots.contains(&i) {
            continue;
        }
        let (root, reduce) = match reduced_at.get(&i) {
            Some(&root) => (root, Some(i)),
            None if chains.contains_key(&i) => (i, None),
            None => {
                out.push(taken[i].take().expect("a statement outside chains"));
                continue;
            }
        };
        let chain: Vec<Stmt> = chains[&root]
            .iter()
            .map(|&m| taken[m].take().expect("each statement is in one chain"))
            .collect();
        let reduce = reduce.map(|j| Box::new(taken[j].take().expect("a sum in one chain")));
        let last = reduce
            .as_deref()
            .unwrap_or_else(|| chain.last().expect("a chain has statements"));
        let (outputs, ty, span) = (last.outputs.clone(), last.ty.clone(), last.span);
        let inputs = chain_inputs(f, &chain.iter().collect::<Vec<_>>());
        out.push(Stmt {
            outputs,
            ty,
            op: Op::Fused(Box::new(FusedOp {
                stmts: chain,
                inputs,
                reduce,
            })),
            span,
        });
    }
    out
}

/// Whether `stmt` is `value.sum(axis)` or `value.sum_all()` (not a `try_` form) of a float
/// array: a sum a fused chain can take in its pass.
fn sum_of(f: &Function, stmt: &Stmt, value: ValueId) -> bool {
    let Op::Prim {
        prim,
        syntax: crate::ir::PrimSyntax::Method(_),
        operands,
        ..
    } = &stmt.op
    else {
        return false;
    };
    let kind = f.values[stmt.outputs[0]].kind;
    operands.len() == 1
        && matches!(operands[0].operand, Operand::Value(id) if id == value)
        && ((prim.name == "sum" && kind == Kind::Array)
            || (prim.name == "sum_all" && kind == Kind::Scalar))
}

/// The arrays a chain reads and does not define, the active ones first, one per name
/// (`stop_gradient(x)` is another value named `x`: the chain reads `x` once, and only the
/// operands that are active carry its derivative).
fn chain_inputs(f: &Function, chain: &[&Stmt]) -> Vec<ValueId> {
    let mut inputs: Vec<ValueId> = Vec::new();
    for stmt in chain {
        for id in array_operands(f, stmt) {
            let local = chain.iter().any(|s| s.outputs[0] == id);
            if !local && !inputs.contains(&id) {
                inputs.push(id);
            }
        }
    }
    inputs.sort_by_key(|&id| !f.values[id].active);
    let mut names = std::collections::HashSet::new();
    inputs.retain(|&id| names.insert(f.values[id].name.to_string()));
    inputs
}
