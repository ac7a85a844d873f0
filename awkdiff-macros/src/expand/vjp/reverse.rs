//! The reverse sweep inside the pullback: statement by statement backwards, each cotangent
//! a `let` at its first contribution and summed with `Value::add_value` after.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::{cotangent_name, has_slot, structure_check, Emitter};
use crate::ir::{ForOp, FusedOp, IfOp, Kind, Op, Operand, Stmt, ValueId};
use crate::primitives::Arity;

use super::*;

/// The cotangents accumulated so far: name, and whether it holds a reference.
pub(super) struct Cotangents<'a> {
    pub(super) e: &'a Emitter<'a>,
    /// The cotangent variable of each value that has one, and whether it is a reference.
    pub(super) map: HashMap<ValueId, (Ident, bool)>,
    /// The statements of the sweep so far.
    pub(super) out: Vec<TokenStream>,
    /// Records whose cotangent so far comes from reads of their fields alone, with the
    /// fields read: the others are still zero, so a first read of one of them sets it
    /// instead of adding to zeros.
    pub(super) fields_only: HashMap<ValueId, Vec<String>>,
}

impl Cotangents<'_> {
    /// A reference to the cotangent of `id`, if it has one.
    pub(super) fn reference(&self, id: ValueId) -> Option<TokenStream> {
        self.map.get(&id).map(|(name, by_ref)| {
            if *by_ref {
                quote!(#name)
            } else {
                quote!(&#name)
            }
        })
    }

    /// Adds `contribution` to the cotangent of `id` (a `let` the first time).
    pub(super) fn contribute(&mut self, id: ValueId, contribution: TokenStream, is_ref: bool) {
        if !self.e.f.values[id].active {
            return;
        }
        let ct = cotangent_name(&self.e.f.values[id].name);
        self.fields_only.remove(&id);
        match self.reference(id) {
            None => {
                self.out.push(quote!(let #ct = #contribution;));
                self.map.insert(id, (ct, is_ref));
            }
            Some(existing) => {
                self.e.mark_rules_used();
                let contribution = if is_ref {
                    contribution
                } else {
                    quote!(&#contribution)
                };
                self.out
                    .push(quote!(let #ct = rules::Value::add_value(#existing, #contribution);));
                self.map.insert(id, (ct, false));
            }
        }
    }
}

/// The pullback closure.
pub(super) fn pullback(e: &Emitter) -> TokenStream {
    let f = e.f;
    let mut cts = Cotangents {
        e,
        map: HashMap::new(),
        out: Vec::new(),
        fields_only: HashMap::new(),
    };
    // The closure's argument and the output cotangents.
    let arg_ty = cotangent_arg_type(f);
    let mut checks = Vec::new();
    let arg = if f.tuple_output {
        let mut pattern = Vec::new();
        let mut later = Vec::new();
        for (i, output) in f.outputs.iter().enumerate() {
            match &output.operand {
                Operand::Value(id) if f.values[*id].needed => {
                    // The first occurrence binds the value's cotangent; a repeated output
                    // binds a temporary that is added to it.
                    let first = !cts.map.contains_key(id);
                    let ct = if first {
                        cotangent_name(&f.values[*id].name)
                    } else {
                        format_ident!("ct_output_{}", i)
                    };
                    pattern.push(quote!(#ct));
                    if first {
                        cts.map.insert(*id, (ct.clone(), true));
                    } else {
                        later.push((*id, ct.clone()));
                    }
                    if matches!(output.kind, Kind::Array | Kind::Masked) {
                        let context = format!("cotangent of output {i}");
                        let value = e.reference(&output.operand);
                        checks.push(structure_check(e, quote!(#ct), value, &context));
                    }
                }
                _ => pattern.push(quote!(_)),
            }
        }
        cts.out.push(quote!(let (#(#pattern),*) = ct;));
        cts.out.append(&mut checks);
        for (id, ct) in later {
            cts.contribute(id, quote!(#ct), true);
        }
        quote!(ct: #arg_ty)
    } else {
        let output = &f.outputs[0];
        match &output.operand {
            Operand::Value(id) if f.values[*id].needed => {
                let ct = cotangent_name(&f.values[*id].name);
                let by_ref = !f.scalar_output();
                if matches!(output.kind, Kind::Array | Kind::Masked) {
                    let value = e.reference(&output.operand);
                    cts.out.push(structure_check(
                        e,
                        quote!(#ct),
                        value,
                        "cotangent of the output",
                    ));
                }
                cts.map.insert(*id, (ct.clone(), by_ref));
                quote!(#ct: #arg_ty)
            }
            _ => quote!(_ct: #arg_ty),
        }
    };
    for stmt in f.stmts.iter().rev() {
        reverse_statement(&mut cts, stmt);
    }
    let results: Vec<TokenStream> = f
        .diff_params()
        .map(|p| match cts.map.get(&p.value) {
            Some((ct, by_ref)) => {
                if !by_ref {
                    quote!(#ct)
                } else if p.kind == Kind::Scalar {
                    quote!(*#ct)
                } else {
                    quote!(#ct.clone())
                }
            }
            None => e.zeros_like(&Operand::Value(p.value)),
        })
        .collect();
    let result = if results.len() == 1 {
        quote!(#(#results)*)
    } else {
        quote!((#(#results),*))
    };
    let body = cts.out;
    let result = f.wrap_value(result);
    // A fallible pullback names its result type, for the `?` of its checks.
    let returns = if f.error_type.is_some() {
        let cts = f.wrap_type(cotangents_type(f));
        quote!(-> #cts)
    } else {
        quote!()
    };
    quote! {
        move |#arg| #returns {
            #(#body)*
            #result
        }
    }
}

/// Adds `ct_y` (a reference to a cotangent) to field `field` of the cotangent of record
/// `r`: a zero record with that field the first time; then the field set if no read gave
/// it a cotangent yet (it is still zero), else added in place.
fn contribute_field(
    cts: &mut Cotangents,
    r: ValueId,
    field: &Ident,
    ct_y: TokenStream,
    span: proc_macro2::Span,
) {
    let e = cts.e;
    let f = e.f;
    let record_ref = e.reference(&Operand::Value(r));
    e.mark_rules_used();
    let name = field.to_string();
    if f.values[r].active && cts.map.contains_key(&r) {
        let acc = take_owned(cts, r);
        let ct = cotangent_name(&f.values[r].name);
        let unread = cts
            .fields_only
            .get(&r)
            .is_some_and(|read| !read.contains(&name));
        let value = if unread {
            // That field is still zero: set, not added.
            quote!(::core::clone::Clone::clone(#ct_y))
        } else {
            // Added into that field of the record's cotangent so far, in place.
            quote!(rules::Value::add_into(ct.#field, #ct_y))
        };
        cts.out.push(quote_spanned!(span=>
            let #ct = {
                let mut ct = #acc;
                ct.#field = #value;
                ct
            };
        ));
        cts.map.insert(r, (ct, false));
        if let Some(read) = cts.fields_only.get_mut(&r) {
            read.push(name);
        }
        return;
    }
    cts.contribute(
        r,
        quote_spanned!(span=> {
            let mut ct = rules::Value::zeros_like(#record_ref);
            ct.#field = ::core::clone::Clone::clone(#ct_y);
            ct
        }),
        false,
    );
    cts.fields_only.insert(r, vec![name]);
}

/// The selections whose core rules have an accumulating form (`slice_vjp_into`, ...).
const SELECTIONS: [&str; 6] = ["slice", "at", "take", "filter", "flatten", "index"];

/// The cotangent contributions of one statement to its inputs.
pub(super) fn reverse_statement(cts: &mut Cotangents, stmt: &Stmt) {
    let e = cts.e;
    let f = e.f;
    if !needed(f, stmt) {
        return;
    }
    let span = stmt.span;
    match &stmt.op {
        Op::If(op) => reverse_if(cts, stmt, op),
        Op::For(op) => reverse_for(cts, stmt, op),
        Op::Fused(op) => reverse_fused(cts, stmt, op),
        Op::Prim {
            prim,
            operands,
            extras,
            ..
        } => {
            let y = stmt.outputs[0];
            let Some(ct_y) = cts.reference(y) else { return };
            let y_ref = e.reference(&Operand::Value(y));
            let extras = e.extras(extras, prim.extras);
            match prim.arity {
                Arity::Unary => {
                    let Operand::Value(x) = operands[0].operand else {
                        return;
                    };
                    let x_ref = e.reference(&operands[0].operand);
                    if SELECTIONS.contains(&prim.name)
                        && f.values[x].active
                        && cts.map.contains_key(&x)
                    {
                        // A selection's cotangent is added into the one `x` has already,
                        // in place (`*_vjp_into`), not scattered into zeros and added.
                        let acc = take_owned(cts, x);
                        let rule = e.rule(format!("{}_vjp_into", prim.name), span);
                        let ct = cotangent_name(&f.values[x].name);
                        cts.fields_only.remove(&x);
                        cts.out.push(quote_spanned!(span=>
                            let #ct = #rule(#acc, #x_ref, #y_ref, #(#extras,)* #ct_y);
                        ));
                        cts.map.insert(x, (ct, false));
                        return;
                    }
                    let rule = e.rule(format!("{}_vjp", prim.name), span);
                    cts.contribute(
                        x,
                        quote_spanned!(span=> #rule(#x_ref, #y_ref, #(#extras,)* #ct_y)),
                        false,
                    );
                }
                Arity::Binary => {
                    let a = e.reference(&operands[0].operand);
                    let b = e.reference(&operands[1].operand);
                    for (side, operand) in
                        [("lhs", &operands[0].operand), ("rhs", &operands[1].operand)]
                    {
                        let Operand::Value(x) = operand else { continue };
                        if !f.values[*x].active {
                            continue;
                        }
                        let rule = e.rule(format!("{}_vjp_{side}", prim.name), span);
                        cts.contribute(
                            *x,
                            quote_spanned!(span=> #rule(#a, #b, #y_ref, #(#extras,)* #ct_y)),
                            false,
                        );
                    }
                }
                Arity::List => {
                    let xs: Vec<TokenStream> =
                        operands.iter().map(|a| e.reference(&a.operand)).collect();
                    for (k, arg) in operands.iter().enumerate() {
                        let Operand::Value(x) = arg.operand else {
                            continue;
                        };
                        if !f.values[x].active {
                            continue;
                        }
                        let rule = e.rule(format!("{}_vjp", prim.name), span);
                        cts.contribute(
                            x,
                            quote_spanned!(span=> #rule(&[#(#xs),*], #y_ref, #(#extras,)* #k, #ct_y)),
                            false,
                        );
                    }
                }
            }
        }
        Op::Field { record, field } => {
            // The record's cotangent from this read: zero but for the field.
            let Operand::Value(r) = record else { return };
            let Some(ct_y) = cts.reference(stmt.outputs[0]) else {
                return;
            };
            contribute_field(cts, *r, field, ct_y, span);
        }
        Op::Struct { fields, .. } => {
            // Each differentiated field's cotangent is that field of the record's.
            let Some(ct_y) = cts.reference(stmt.outputs[0]) else {
                return;
            };
            for (name, value) in fields {
                if let Operand::Value(id) = value {
                    cts.contribute(
                        *id,
                        quote_spanned!(span=> ::core::clone::Clone::clone(&(#ct_y).#name)),
                        false,
                    );
                }
            }
        }
        Op::Call { args, .. } => {
            let pullback = pullback_name(f, stmt);
            let ct_in = if stmt.outputs.len() == 1 {
                match cts.reference(stmt.outputs[0]) {
                    Some(r) => r,
                    None => return,
                }
            } else {
                let parts: Vec<TokenStream> =
                    stmt.outputs.iter().map(|&id| take_owned(cts, id)).collect();
                quote!(&(#(#parts),*))
            };
            e.mark_rules_used();
            let pull = quote_spanned!(span=> rules::pull(&#pullback, #ct_in));
            let slots: Vec<&crate::ir::Arg> =
                args.iter().filter(|a| has_slot(f, &a.operand)).collect();
            if slots.len() == 1 {
                if let Operand::Value(x) = slots[0].operand {
                    cts.contribute(x, pull, false);
                }
            } else {
                let all = format_ident!("{}_cts", f.values[stmt.outputs[0]].name);
                cts.out.push(quote!(let #all = #pull;));
                for (i, arg) in slots.iter().enumerate() {
                    if let Operand::Value(x) = arg.operand {
                        let index = syn::Index::from(i);
                        cts.contribute(x, quote!(#all.#index), false);
                    }
                }
            }
        }
        _ => {}
    }
}

/// An owned cotangent of `id` (taken from the accumulated ones), or zeros.
pub(super) fn take_owned(cts: &Cotangents, id: ValueId) -> TokenStream {
    let f = cts.e.f;
    match cts.map.get(&id) {
        Some((ct, false)) => quote!(#ct),
        Some((ct, true)) => {
            if f.values[id].kind == Kind::Scalar {
                quote!(*#ct)
            } else {
                quote!(#ct.clone())
            }
        }
        None => cts.e.zeros_like(&Operand::Value(id)),
    }
}

/// Reverse sweep of an `if`: replays the pullback of the branch that ran.
pub(super) fn reverse_if(cts: &mut Cotangents, stmt: &Stmt, op: &IfOp) {
    let e = cts.e;
    let f = e.f;
    let slots = active_slots(f, stmt);
    let inputs = region_inputs(f, &[&op.then_block, &op.else_block], &[]);
    let args: Vec<TokenStream> = slots
        .iter()
        .map(|&k| take_owned(cts, stmt.outputs[k]))
        .collect();
    let (then_name, else_name) = branch_names(f, stmt);
    let all = format_ident!("{}_cts", f.values[stmt.outputs[0]].name);
    cts.out.push(quote! {
        let #all = match (&#then_name, &#else_name) {
            (::core::option::Option::Some(pullback), _) => pullback((#(#args,)*)),
            (_, ::core::option::Option::Some(pullback)) => pullback((#(#args,)*)),
            _ => unreachable!("one branch ran"),
        };
    });
    for (k, &id) in inputs.iter().enumerate() {
        let index = syn::Index::from(k);
        cts.contribute(id, quote!(#all.#index), false);
    }
}

/// Reverse sweep of a `for`: pops the iterations' pullbacks in reverse order, carrying the
/// cotangents of the loop-carried variables and summing those of the other inputs.
pub(super) fn reverse_for(cts: &mut Cotangents, stmt: &Stmt, op: &ForOp) {
    let e = cts.e;
    let f = e.f;
    let slots = active_slots(f, stmt);
    let phis: Vec<ValueId> = slots.iter().map(|&k| stmt.outputs[k]).collect();
    let inputs = region_inputs(f, &[&op.body], &phis);
    let tape = tape_name(f, stmt);
    let all = format_ident!("{}_cts", f.values[stmt.outputs[0]].name);
    let mut init = Vec::new();
    let mut accumulate = Vec::new();
    let mut carried = Vec::new();
    for (k, &id) in inputs.iter().enumerate() {
        let index = syn::Index::from(k);
        let start = take_owned(cts, id);
        let ct = if k < phis.len() {
            cotangent_name(&f.values[id].name)
        } else {
            format_ident!("{}_loop", cotangent_name(&f.values[id].name))
        };
        init.push(quote!(let mut #ct = #start;));
        if k < phis.len() {
            carried.push(quote!(#ct));
            accumulate.push(quote!(#ct = #all.#index;));
        } else {
            e.mark_rules_used();
            accumulate.push(quote!(#ct = rules::Value::add_value(&#ct, &#all.#index);));
            cts.map.insert(id, (ct, false));
            cts.fields_only.remove(&id);
        }
    }
    cts.out.push(quote! {
        #(#init)*
        for pullback in #tape.iter().rev() {
            let #all = pullback((#(#carried,)*));
            #(#accumulate)*
        }
    });
    for (k, &phi) in phis.iter().enumerate() {
        let ct = cotangent_name(&f.values[phi].name);
        if let Operand::Value(init) = &op.carried[slots[k]] {
            cts.contribute(*init, quote!(#ct), false);
        }
    }
}

/// The cotangents of a fused chain's active inputs, in one pass (`rules::fused_vjp`): the
/// closure recomputes the chain's values at each position, then runs its reverse sweep.
pub(super) fn reverse_fused(cts: &mut Cotangents, stmt: &Stmt, op: &FusedOp) {
    let e = cts.e;
    let y = stmt.outputs[0];
    let Some(ct_y) = cts.reference(y) else { return };
    let chain = super::super::fused::Chain::new(e, op);
    let refs = chain.input_refs();
    let names = chain.input_names();
    let active = chain.active_inputs();
    let y_name = &e.f.values[y].name;
    let ct_param = cotangent_name(chain.local(op.root().outputs[0]));
    let results: Vec<Ident> = active
        .iter()
        .map(|&id| cotangent_name(&e.f.values[id].name))
        .collect();
    let outs: Vec<Ident> = active
        .iter()
        .map(|&id| format_ident!("{}_{}", cotangent_name(&e.f.values[id].name), y_name))
        .collect();
    let forward = chain.forward(false);
    let reverse = chain.reverse();
    e.mark_rules_used();
    let closure = quote! {
        |[#(#names),*], #ct_param| {
            #(#forward)*
            #(#reverse)*
            [#(#results),*]
        }
    };
    let reduce = super::super::fused::reduce_of(e, op);
    if let (Some(super::super::fused::Reduce::Sum(axis)), Some(selected)) =
        (&reduce, selected_inputs(e, &active))
    {
        // Every active input is a selection of another array, read only here: the chain's
        // cotangents go straight to the arrays selected from (`fused_sum_vjp_onto`).
        let onto: Vec<TokenStream> = selected
            .targets
            .iter()
            .map(|target| match target {
                Target::Value(x) => e.reference(&Operand::Value(*x)),
                Target::Field(x, field) => {
                    let x_ref = e.reference(&Operand::Value(*x));
                    quote!(&(#x_ref).#field)
                }
            })
            .collect();
        let names: Vec<Ident> = selected
            .targets
            .iter()
            .map(|target| {
                let (x, field) = match target {
                    Target::Value(x) => (*x, String::new()),
                    Target::Field(x, field) => (*x, format!("_{field}")),
                };
                let ct = cotangent_name(&e.f.values[x].name);
                format_ident!("{}{}_{}", ct, field, y_name)
            })
            .collect();
        let back = &selected.back;
        cts.out.push(quote! {
            let [#(#names),*] = rules::fused_sum_vjp_onto(
                [#(#refs),*], #ct_y, #axis, #closure, [#(#onto),*], [#(#back),*]
            );
        });
        for (target, name) in selected.targets.iter().zip(names) {
            match target {
                Target::Value(x) => cts.contribute(*x, quote!(#name), false),
                Target::Field(x, field) => {
                    contribute_field(cts, *x, field, quote!(&#name), stmt.span)
                }
            }
        }
        return;
    }
    let call = match reduce {
        None => quote!(rules::fused_vjp([#(#refs),*], #ct_y, #closure)),
        Some(super::super::fused::Reduce::Sum(axis)) => {
            quote!(rules::fused_sum_vjp([#(#refs),*], #ct_y, #axis, #closure))
        }
        Some(super::super::fused::Reduce::SumAll) => {
            quote!(rules::fused_sum_all_vjp([#(#refs),*], *#ct_y, #closure))
        }
    };
    cts.out.push(quote! {
        let [#(#outs),*] = #call;
    });
    for (id, out) in active.into_iter().zip(outs) {
        cts.contribute(id, quote!(#out), false);
    }
}

/// A fused chain's active inputs as selections: the arrays they select from, in order, and
/// for each input `(which of them, |ct| that selection's VJP)`.
struct Selected {
    targets: Vec<Target>,
    back: Vec<TokenStream>,
}

/// An array a chain's input was selected from: an array value, or a field of a record
/// value (the input being that field of a selection of the record).
#[derive(Clone, PartialEq)]
enum Target {
    Value(ValueId),
    Field(ValueId, Ident),
}

/// The active inputs of a chain when each is a selection (`slice`, `index`, ...) of an
/// active array, made by a statement of the function's body and read nowhere else.
fn selected_inputs(e: &Emitter, active: &[ValueId]) -> Option<Selected> {
    let f = e.f;
    if active.is_empty() {
        return None;
    }
    let uses = crate::fuse::count_uses(f);
    let defined = |id: ValueId| f.stmts.iter().find(|s| s.outputs.first() == Some(&id));
    // `(prim, the value selected from, extras, statement)` when `id` is a selection.
    let selection = |id: ValueId| {
        let stmt = defined(id)?;
        let Op::Prim {
            prim,
            operands,
            extras,
            ..
        } = &stmt.op
        else {
            return None;
        };
        let Operand::Value(x) = operands.first()?.operand else {
            return None;
        };
        let ok = SELECTIONS.contains(&prim.name) && f.values[x].active;
        ok.then_some((*prim, x, extras, stmt))
    };
    let mut selected = Selected {
        targets: Vec::new(),
        back: Vec::new(),
    };
    for &id in active {
        if uses.get(&id) != Some(&1) || f.values[id].kind != Kind::Array {
            return None;
        }
        // The input itself a selection of an array, or a field of a selection of a record.
        let (target, prim, extras, stmt, x_ref, y_ref) = match selection(id) {
            Some((prim, x, extras, stmt)) if f.values[x].kind == Kind::Array => {
                let x_ref = e.reference(&Operand::Value(x));
                let y_ref = e.reference(&Operand::Value(id));
                (Target::Value(x), prim, extras, stmt, x_ref, y_ref)
            }
            Some(_) => return None,
            None => {
                let Op::Field {
                    record: Operand::Value(r),
                    field,
                } = &defined(id)?.op
                else {
                    return None;
                };
                let (prim, x, extras, stmt) = selection(*r)?;
                let x_ref = e.reference(&Operand::Value(x));
                let r_ref = e.reference(&Operand::Value(*r));
                let x_field = quote!(&(#x_ref).#field);
                let y_field = quote!(&(#r_ref).#field);
                (
                    Target::Field(x, field.clone()),
                    prim,
                    extras,
                    stmt,
                    x_field,
                    y_field,
                )
            }
        };
        let t = match selected.targets.iter().position(|known| *known == target) {
            Some(t) => t,
            None => {
                selected.targets.push(target);
                selected.targets.len() - 1
            }
        };
        let extras = e.extras(extras, prim.extras);
        let rule = e.rule(format!("{}_vjp", prim.name), stmt.span);
        selected.back.push(quote!(
            (#t, &|ct: &_| #rule(#x_ref, #y_ref, #(#extras,)* ct))
        ));
    }
    Some(selected)
}
