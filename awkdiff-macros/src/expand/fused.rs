//! Expansion of fused elementwise chains (`Op::Fused`, made by `fuse`): the chain's
//! statements become scalar code in one closure, called at every position by
//! `rules::fused_map` (value), `rules::fused_jvp` (value and tangent) or `rules::fused_vjp`
//! (cotangents of the inputs). Each statement calls the scalar form of its primitive,
//! `rules::scalar::p`, and its local derivative, `p_slope` / `p_slopes`:
//!
//! ```text
//! let (out, d_out) = rules::fused_jvp([x], [d_x], |[x], [d_x]| {
//!     let x_mul = rules::scalar::mul(x, x);
//!     let d_x_mul = { let (da, db) = rules::scalar::mul_slopes(x, x, x_mul); da * d_x + db * d_x };
//!     ...
//!     (out, d_out)
//! });
//! ```
//!
//! With several inputs the fused pass needs them to share one structure; when they do not
//! (the chain broadcasts), the statements run unfused, as written.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::{cotangent_name, tangent_name, Emitter};
use crate::ir::{FusedOp, Op, Operand, Stmt, ValueId};
use crate::primitives::Arity;

/// One chain being expanded.
pub(super) struct Chain<'a> {
    e: &'a Emitter<'a>,
    op: &'a FusedOp,
}

impl<'a> Chain<'a> {
    pub fn new(e: &'a Emitter<'a>, op: &'a FusedOp) -> Self {
        Chain { e, op }
    }

    /// The name of one of the chain's values, a scalar inside the closure.
    pub fn local(&self, id: ValueId) -> &'a Ident {
        &self.e.f.values[id].name
    }

    /// Whether `id` names one of the chain's scalars (an input, under any of its values'
    /// names, or a statement's output).
    fn is_local(&self, id: ValueId) -> bool {
        let name = self.local(id);
        self.op.is_local(id) || self.op.inputs.iter().any(|&i| self.local(i) == name)
    }

    /// An operand inside the closure: a local scalar, or a captured constant or scalar.
    fn scalar(&self, operand: &Operand) -> TokenStream {
        match operand {
            Operand::Value(id) if self.is_local(*id) => {
                let name = self.local(*id);
                quote!(#name)
            }
            other => self.e.plain(other),
        }
    }

    fn active(&self, operand: &Operand) -> bool {
        matches!(operand, Operand::Value(id) if self.e.f.values[*id].active)
    }

    /// `rules::scalar::name`, spanned at the user's code.
    fn scalar_rule(&self, name: String, span: Span) -> TokenStream {
        self.e.mark_rules_used();
        let ident = Ident::new(&name, span);
        quote_spanned!(span=> rules::scalar::#ident)
    }

    /// The inputs as the fused kernels take them: `[&x, &y]`.
    pub fn input_refs(&self) -> Vec<TokenStream> {
        self.op
            .inputs
            .iter()
            .map(|&id| self.e.reference(&Operand::Value(id)))
            .collect()
    }

    /// The closure's names of the inputs.
    pub fn input_names(&self) -> Vec<&'a Ident> {
        self.op.inputs.iter().map(|&id| self.local(id)).collect()
    }

    /// The inputs that carry a derivative (they come first).
    pub fn active_inputs(&self) -> Vec<ValueId> {
        self.op
            .inputs
            .iter()
            .copied()
            .filter(|&id| self.e.f.values[id].active)
            .collect()
    }

    /// `rules::same_structure([&x, &y])`, or `None` for one input (always fusable).
    pub fn same_structure(&self) -> Option<TokenStream> {
        if self.op.inputs.len() < 2 {
            return None;
        }
        self.e.mark_rules_used();
        let refs = self.input_refs();
        Some(quote!(rules::same_structure([#(#refs),*])))
    }

    /// Each statement's scalar value and, with `tangents`, its tangent.
    pub fn forward(&self, tangents: bool) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for stmt in &self.op.stmts {
            let (prim, args, extras) = parts(self, stmt);
            let y = self.local(stmt.outputs[0]);
            let span = stmt.span;
            let rule = self.scalar_rule(prim.to_string(), span);
            out.push(quote!(let #y = #rule(#(#args,)* #(#extras),*);));
            if !tangents || !self.e.f.values[stmt.outputs[0]].active {
                continue;
            }
            let d_y = tangent_name(y);
            let operands = operands(stmt);
            let tangent = match arity(stmt) {
                Arity::Unary => {
                    let d_x = tangent_name(self.local(value_id(operands[0])));
                    let slope = self.scalar_rule(format!("{prim}_slope"), span);
                    quote!(#slope(#(#args,)* #y, #(#extras,)*) * #d_x)
                }
                Arity::Binary => {
                    let slopes = self.scalar_rule(format!("{prim}_slopes"), span);
                    let [a, b] = [&args[0], &args[1]];
                    let mut pattern = Vec::new();
                    let mut terms = Vec::new();
                    for (operand, slope) in operands.iter().zip([quote!(da), quote!(db)]) {
                        if self.active(operand) {
                            let d = tangent_name(self.local(value_id(operand)));
                            terms.push(quote!(#slope * #d));
                            pattern.push(slope);
                        } else {
                            pattern.push(quote!(_));
                        }
                    }
                    quote!({
                        let (#(#pattern),*) = #slopes(#a, #b, #y);
                        #(#terms)+*
                    })
                }
                Arity::List => unreachable!("list primitives are not elementwise"),
            };
            out.push(quote!(let #d_y = #tangent;));
        }
        out
    }

    /// The reverse sweep inside the closure, from the cotangent of the chain's output (the
    /// closure's argument, named like the output's cotangent) to `ct_input` of every active
    /// input.
    pub fn reverse(&self) -> Vec<TokenStream> {
        let mut out = Vec::new();
        let mut cts: HashSet<ValueId> = HashSet::new();
        let root = self
            .op
            .stmts
            .last()
            .expect("a chain has statements")
            .outputs[0];
        cts.insert(root);
        for stmt in self.op.stmts.iter().rev() {
            let y_id = stmt.outputs[0];
            if !cts.contains(&y_id) {
                continue;
            }
            let (prim, args, extras) = parts(self, stmt);
            let y = self.local(y_id);
            let ct_y = cotangent_name(y);
            let span = stmt.span;
            let operands = operands(stmt);
            let contributions: Vec<(ValueId, TokenStream)> = match arity(stmt) {
                Arity::Unary => {
                    let slope = self.scalar_rule(format!("{prim}_slope"), span);
                    vec![(
                        value_id(operands[0]),
                        quote!(#slope(#(#args,)* #y, #(#extras,)*) * #ct_y),
                    )]
                }
                Arity::Binary => {
                    let slopes = self.scalar_rule(format!("{prim}_slopes"), span);
                    let name = format_ident!("{}_slopes", y);
                    let [a, b] = [&args[0], &args[1]];
                    out.push(quote!(let #name = #slopes(#a, #b, #y);));
                    operands
                        .iter()
                        .zip([quote!(0), quote!(1)])
                        .filter(|(operand, _)| self.active(operand))
                        .map(|(operand, index)| (value_id(operand), quote!(#name.#index * #ct_y)))
                        .collect()
                }
                Arity::List => unreachable!("list primitives are not elementwise"),
            };
            for (x, contribution) in contributions {
                if !self.e.f.values[x].active {
                    continue;
                }
                let ct_x = cotangent_name(self.local(x));
                if cts.insert(x) {
                    out.push(quote!(let #ct_x = #contribution;));
                } else {
                    out.push(quote!(let #ct_x = #ct_x + #contribution;));
                }
            }
        }
        out
    }
}

/// The primitive's name, its operands inside the closure, and its extra arguments.
fn parts(chain: &Chain, stmt: &Stmt) -> (&'static str, Vec<TokenStream>, Vec<TokenStream>) {
    let Op::Prim {
        prim,
        operands,
        extras,
        ..
    } = &stmt.op
    else {
        unreachable!("chains hold primitives only")
    };
    let args = operands.iter().map(|a| chain.scalar(&a.operand)).collect();
    let extras = chain.e.extras(extras, prim.extras);
    (prim.name, args, extras)
}

fn operands(stmt: &Stmt) -> Vec<&Operand> {
    match &stmt.op {
        Op::Prim { operands, .. } => operands.iter().map(|a| &a.operand).collect(),
        _ => unreachable!("chains hold primitives only"),
    }
}

fn arity(stmt: &Stmt) -> Arity {
    match &stmt.op {
        Op::Prim { prim, .. } => prim.arity,
        _ => unreachable!("chains hold primitives only"),
    }
}

fn value_id(operand: &Operand) -> ValueId {
    match operand {
        Operand::Value(id) => *id,
        Operand::Const(..) => unreachable!("only values carry derivatives"),
    }
}

/// `let y = ...;`: the chain's value in one pass (`rules::fused_map`), or its statements
/// unfused when the inputs differ in structure.
pub(super) fn primal(e: &Emitter, stmt: &Stmt, op: &FusedOp) -> TokenStream {
    let chain = Chain::new(e, op);
    let y = &e.f.values[stmt.outputs[0]].name;
    let root = chain.local(op.root().outputs[0]);
    let refs = chain.input_refs();
    let names = chain.input_names();
    let body = chain.forward(false);
    e.mark_rules_used();
    let closure = quote!(|[#(#names),*]| {
        #(#body)*
        #root
    });
    let fused = match reduce_of(e, op) {
        None => quote!(rules::fused_map([#(#refs),*], #closure)),
        Some(Reduce::Sum(axis)) => quote!(rules::fused_sum_map([#(#refs),*], #axis, #closure)),
        Some(Reduce::SumAll) => quote!(rules::fused_sum_all_map([#(#refs),*], #closure)),
    };
    match chain.same_structure() {
        None => quote!(let #y = #fused;),
        Some(check) => {
            let unfused = op
                .stmts
                .iter()
                .chain(op.reduce.as_deref())
                .map(|s| e.primal_let(s));
            quote! {
                let #y = if #check {
                    #fused
                } else {
                    #(#unfused)*
                    #y
                };
            }
        }
    }
}

/// The sum a chain is reduced by, with its axis as the generated code passes it.
pub(super) enum Reduce {
    Sum(TokenStream),
    SumAll,
}

/// The chain's reduction, if a sum consumes it in the same pass.
pub(super) fn reduce_of(e: &Emitter, op: &FusedOp) -> Option<Reduce> {
    let stmt = op.reduce.as_deref()?;
    let Op::Prim { prim, extras, .. } = &stmt.op else {
        unreachable!("a chain is reduced by a `sum` primitive")
    };
    Some(match extras.first() {
        Some(axis) if prim.name == "sum" => {
            Reduce::Sum(e.extra(axis, crate::primitives::Extra::Copy))
        }
        _ => Reduce::SumAll,
    })
}
