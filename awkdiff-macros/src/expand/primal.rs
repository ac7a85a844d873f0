//! The fast primal: the body of the user's function, as written, replaced by the primal
//! statements the derivatives run, with their fused elementwise chains. A function called
//! directly then runs no slower than the value part of its `jvp_` (each chain one pass over
//! the contents instead of one pass and one temporary per operation). The statements are
//! the same, in the same order (nothing is dropped), so the function's meaning, its panics
//! and its errors are those of the body as written.
//!
//! Only straight-line bodies with at least one fused chain are rewritten; a body with an
//! `if` or a `for`, or nothing to fuse, is kept as the user wrote it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{fused, self_prologue, Emitter};
use crate::ir::{Function, Op, Operand};

/// The new block of the user's function, or `None` to keep the body as written.
pub(super) fn fast_body(f: &Function) -> Option<TokenStream> {
    let fused_chain = f.stmts.iter().any(|s| matches!(s.op, Op::Fused(_)));
    let control = f
        .stmts
        .iter()
        .any(|s| matches!(s.op, Op::If(_) | Op::For(_)));
    if !fused_chain || control {
        return None;
    }
    let e = Emitter::new(f, false);
    let statements: Vec<TokenStream> = f
        .stmts
        .iter()
        .map(|stmt| match &stmt.op {
            Op::Fused(op) => fused::primal(&e, stmt, op),
            _ if stmt.outputs.len() == 1 => e.primal_let(stmt),
            _ => {
                let names = stmt.outputs.iter().map(|&id| &f.values[id].name);
                let expr = e.primal(stmt);
                quote!(let (#(#names),*) = #expr;)
            }
        })
        .collect();
    let values: Vec<TokenStream> = f
        .outputs
        .iter()
        .enumerate()
        .map(|(i, output)| {
            let later = f.outputs[i + 1..].iter().any(|o| {
                matches!((&o.operand, &output.operand), (Operand::Value(a), Operand::Value(b)) if a == b)
            });
            e.owned(&output.operand, later)
        })
        .collect();
    let value = if f.tuple_output {
        quote!((#(#values),*))
    } else {
        quote!(#(#values)*)
    };
    let result = f.wrap_value(value);
    let import = e.rules_import();
    let prologue = self_prologue(f);
    Some(quote!({
        #prologue
        #import
        #(#statements)*
        #result
    }))
}
