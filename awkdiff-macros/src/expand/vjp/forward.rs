//! The forward sweep of `vjp_NAME`: the primal statements, with the pullbacks of calls,
//! the branch taken by each `if` and a tape of per-iteration pullbacks for each loop
//! (regions: closures that hold only what their rules read).

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::{assert_differentiable, cotangent_name, prefixed, Emitter};
use crate::ir::{free_values, Block, ForOp, Function, IfOp, Op, Operand, Stmt, ValueId};

use super::*;

/// A primal statement; a needed call of a differentiated function keeps its pullback.
pub(super) fn forward_statement(e: &Emitter, stmt: &Stmt) -> TokenStream {
    let f = e.f;
    match &stmt.op {
        Op::If(op) => return forward_if(e, stmt, op),
        Op::For(op) => return forward_for(e, stmt, op),
        Op::Fused(op) => return super::super::fused::primal(e, stmt, op),
        _ => {}
    }
    if let Op::Call { func, args } = &stmt.op {
        if needed(f, stmt) {
            let vjp = prefixed(func, "__awkdiff_vjp_", stmt.span);
            let args = args.iter().map(|a| e.call_arg(a));
            let names: Vec<_> = stmt.outputs.iter().map(|&id| &f.values[id].name).collect();
            let pattern = if names.len() == 1 {
                quote!(#(#names)*)
            } else {
                quote!((#(#names),*))
            };
            let pullback = pullback_name(f, stmt);
            let span = stmt.span;
            let check = assert_differentiable(e, func, span);
            return quote_spanned!(span=> #check let (#pattern, #pullback) = #vjp(#(#args),*););
        }
    }
    if stmt.outputs.len() == 1 {
        e.primal_let(stmt)
    } else {
        let names = stmt.outputs.iter().map(|&id| &f.values[id].name);
        let expr = e.primal(stmt);
        quote!(let (#(#names),*) = #expr;)
    }
}

/// The names of the pullbacks an `if` records, one per branch: `y_then`, `y_else`.
pub(super) fn branch_names(f: &Function, stmt: &Stmt) -> (Ident, Ident) {
    let name = &f.values[stmt.outputs[0]].name;
    (
        format_ident!("{}_then", name),
        format_ident!("{}_else", name),
    )
}

/// The name of a loop's tape: `h_tape`.
pub(super) fn tape_name(f: &Function, stmt: &Stmt) -> Ident {
    format_ident!("{}_tape", f.values[stmt.outputs[0]].name)
}

/// The outputs of an `if` or `for` that carry derivatives.
pub(super) fn active_slots(f: &Function, stmt: &Stmt) -> Vec<usize> {
    (0..stmt.outputs.len())
        .filter(|&k| f.values[stmt.outputs[k]].active)
        .collect()
}

/// The active values a block reads from outside (its inputs in the reverse sweep), after
/// `first`.
pub(super) fn region_inputs(f: &Function, blocks: &[&Block], first: &[ValueId]) -> Vec<ValueId> {
    let mut inputs = first.to_vec();
    for block in blocks {
        for id in free_values(block) {
            if f.values[id].active && !inputs.contains(&id) {
                inputs.push(id);
            }
        }
    }
    inputs
}

/// Forward sweep of an `if`: each branch runs its statements and records its pullback, a
/// closure from the cotangents of the branch's results to those of its inputs.
///
/// `let mut y_then = None; let mut y_else = None;`
/// `let y = if c { ..; y_then = Some(pullback); y_1 } else { .. };`
pub(super) fn forward_if(e: &Emitter, stmt: &Stmt, op: &IfOp) -> TokenStream {
    let f = e.f;
    let names: Vec<&Ident> = stmt.outputs.iter().map(|&id| &f.values[id].name).collect();
    let pattern = tuple(names.iter().map(|n| quote!(#n)).collect());
    let cond = e.plain(&op.cond);
    if !needed(f, stmt) {
        let branch = |block: &Block| {
            let body: Vec<TokenStream> = block
                .stmts
                .iter()
                .map(|s| forward_statement(e, s))
                .collect();
            let values = tuple(block.results.iter().map(|r| e.owned(r, true)).collect());
            quote!({ #(#body)* #values })
        };
        let (then_block, else_block) = (branch(&op.then_block), branch(&op.else_block));
        return quote_spanned!(stmt.span=> let #pattern = if #cond #then_block else #else_block;);
    }
    let slots = active_slots(f, stmt);
    let inputs = region_inputs(f, &[&op.then_block, &op.else_block], &[]);
    let (then_name, else_name) = branch_names(f, stmt);
    let branch = |block: &Block, record: &Ident| {
        let body: Vec<TokenStream> = block
            .stmts
            .iter()
            .map(|s| forward_statement(e, s))
            .collect();
        let results: Vec<&Operand> = slots.iter().map(|&k| &block.results[k]).collect();
        let closure = region_closure(e, block, &results, &inputs);
        let values = tuple(block.results.iter().map(|r| e.owned(r, true)).collect());
        quote!({
            #(#body)*
            #record = ::core::option::Option::Some(#closure);
            #values
        })
    };
    let then_block = branch(&op.then_block, &then_name);
    let else_block = branch(&op.else_block, &else_name);
    quote_spanned! {stmt.span=>
        let mut #then_name = ::core::option::Option::None;
        let mut #else_name = ::core::option::Option::None;
        let #pattern = if #cond #then_block else #else_block;
    }
}

/// Forward sweep of a `for`: each iteration pushes its pullback (which holds only the
/// values its rules read: the overwritten carried values and the intermediates) on a tape.
///
/// `let mut h = h0; let mut h_tape = Vec::new();`
/// `for i in range { ..; h_tape.push(pullback); h = h_1; }`
pub(super) fn forward_for(e: &Emitter, stmt: &Stmt, op: &ForOp) -> TokenStream {
    let f = e.f;
    let needed = needed(f, stmt);
    let mut init = Vec::new();
    let mut update = Vec::new();
    for k in 0..stmt.outputs.len() {
        let (_, start, end) = e.carried_value(stmt, op, k);
        init.push(start);
        update.extend(end);
    }
    let body: Vec<TokenStream> = op
        .body
        .stmts
        .iter()
        .map(|s| forward_statement(e, s))
        .collect();
    let mut record = quote!();
    if needed {
        let slots = active_slots(f, stmt);
        let phis: Vec<ValueId> = slots.iter().map(|&k| stmt.outputs[k]).collect();
        let inputs = region_inputs(f, &[&op.body], &phis);
        let results: Vec<&Operand> = slots.iter().map(|&k| &op.body.results[k]).collect();
        let closure = region_closure(e, &op.body, &results, &inputs);
        let tape = tape_name(f, stmt);
        init.push(quote!(let mut #tape = ::std::vec::Vec::new();));
        record = quote!(#tape.push(#closure););
    }
    let var = e.loop_var(op.var);
    let range = e.range(&op.range);
    quote_spanned! {stmt.span=>
        #(#init)*
        for #var in #range {
            #(#body)*
            #record
            #(#update)*
        }
    }
}

/// The pullback of a block, as a closure built where the block ran:
/// `rules::region_pullback((&y_1,), { let x = x.clone(); move |(ct_y_1,)| { ..; (ct_x,) } })`
/// from the cotangents of `results` to those of `inputs`. It takes (cheap, shared) copies of
/// the values its rules read.
pub(super) fn region_closure(
    e: &Emitter,
    block: &Block,
    results: &[&Operand],
    inputs: &[ValueId],
) -> TokenStream {
    let f = e.f;
    let inner = Emitter::new(f, true);
    let mut cts = Cotangents {
        e: &inner,
        map: HashMap::new(),
        out: Vec::new(),
        fields_only: HashMap::new(),
    };
    let mut pattern = Vec::new();
    let mut later = Vec::new();
    for (k, result) in results.iter().enumerate() {
        match result {
            Operand::Value(id) if f.values[*id].active => {
                if cts.map.contains_key(id) {
                    let ct = format_ident!("ct_result_{}", k);
                    pattern.push(quote!(#ct));
                    later.push((*id, ct));
                } else {
                    let ct = cotangent_name(&f.values[*id].name);
                    pattern.push(quote!(#ct));
                    cts.map.insert(*id, (ct, false));
                }
            }
            _ => pattern.push(quote!(_)),
        }
    }
    for (id, ct) in later {
        cts.contribute(id, quote!(#ct), false);
    }
    for stmt in block.stmts.iter().rev() {
        reverse_statement(&mut cts, stmt);
    }
    let outputs: Vec<TokenStream> = inputs
        .iter()
        .map(|&id| match cts.map.get(&id) {
            Some((ct, false)) => quote!(#ct),
            Some((ct, true)) => quote!(#ct.clone()),
            None => inner.zeros_like(&Operand::Value(id)),
        })
        .collect();
    let body = cts.out;
    let refs: Vec<TokenStream> = results.iter().map(|r| e.reference(r)).collect();
    // Owned copies of what the closure takes (O(1) for arrays).
    let copies: Vec<TokenStream> = inner
        .captured()
        .into_iter()
        .filter(|&id| !f.values[id].copy)
        .map(|id| {
            let name = &f.values[id].name;
            if f.values[id].by_ref {
                quote!(let #name = #name.to_owned();)
            } else {
                quote!(let #name = #name.clone();)
            }
        })
        .collect();
    e.mark_rules_used();
    quote! {
        rules::region_pullback((#(#refs,)*), {
            #(#copies)*
            move |(#(#pattern,)*)| {
                #(#body)*
                (#(#outputs,)*)
            }
        })
    }
}
