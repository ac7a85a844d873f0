//! The forward sweep as a call of the function itself, when it can be: a rewritten (fused)
//! body whose pullback reads only the parameters and the returned values computes in
//! `vjp_NAME` exactly what `NAME` computes, so `vjp_NAME` calls `NAME` instead of
//! repeating its statements. Each fused chain of the body is then compiled once for the
//! primal and the forward sweep together rather than once for each (a user's crate
//! compiles less code).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ir::{Function, Op, Operand, ValueId};

/// `let (out, ..) = NAME::<T, ..>(params..)?;` for the forward sweep of `f`, or `None`
/// when the sweep must be written out: the body is kept as written (nothing fused, or
/// control flow), a call of another differentiated function keeps its pullback, the
/// pullback reads an intermediate (`captured` holds more than parameters and outputs), an
/// output is a parameter or returned twice, a parameter is taken by value (not `Copy`), or
/// the function is associated (in an `impl`).
pub(super) fn primal_call(f: &Function, captured: &BTreeSet<ValueId>) -> Option<TokenStream> {
    if f.associated || f.params.iter().any(|p| p.name == "self") {
        return None;
    }
    // A parameter taken by value would be moved into the call (the pullback still reads it).
    if f.params.iter().any(|p| {
        let value = &f.values[p.value];
        !value.by_ref && !value.copy
    }) {
        return None;
    }
    // Only a rewritten body computes what the forward sweep would, chain for chain.
    super::super::primal::fast_body(f)?;
    if f.stmts.iter().any(|s| matches!(s.op, Op::Call { .. })) {
        return None;
    }
    let params: BTreeSet<ValueId> = f.params.iter().map(|p| p.value).collect();
    let mut outputs = Vec::new();
    for output in &f.outputs {
        match output.operand {
            Operand::Value(id) if !params.contains(&id) && !outputs.contains(&id) => {
                outputs.push(id)
            }
            _ => return None,
        }
    }
    if !captured
        .iter()
        .all(|id| params.contains(id) || outputs.contains(id))
    {
        return None;
    }
    let name = &f.item.sig.ident;
    let args = f.params.iter().map(|p| &p.name);
    let names = outputs.iter().map(|&id| &f.values[id].name);
    let pattern = if f.tuple_output {
        quote!((#(#names),*))
    } else {
        quote!(#(#names)*)
    };
    let turbofish = turbofish(f);
    let question = f.error_type.as_ref().map(|_| quote!(?));
    let span = f.item.sig.ident.span();
    Some(quote_spanned!(span=> let #pattern = #name #turbofish (#(#args),*) #question;))
}

/// `::<T, N>`: the function's type and const parameters, so that the call never depends
/// on inference; nothing when it has none, or when a parameter is `impl Trait` (which
/// forbids naming them).
fn turbofish(f: &Function) -> TokenStream {
    let generics: Vec<TokenStream> = f
        .item
        .sig
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => {
                let ident = &t.ident;
                Some(quote!(#ident))
            }
            syn::GenericParam::Const(c) => {
                let ident = &c.ident;
                Some(quote!(#ident))
            }
            syn::GenericParam::Lifetime(_) => None,
        })
        .collect();
    if generics.is_empty() || has_impl_trait_argument(&f.item.sig) {
        quote!()
    } else {
        quote!(::<#(#generics),*>)
    }
}

/// Whether a parameter's type has an `impl Trait` anywhere in it.
fn has_impl_trait_argument(sig: &syn::Signature) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
            self.0 = true;
        }
    }
    let mut finder = Finder(false);
    for arg in &sig.inputs {
        syn::visit::Visit::visit_fn_arg(&mut finder, arg);
    }
    finder.0
}
