//! Turns an [`ir::Function`] into Rust: the original function (its body replaced by the
//! fused primal statements when it has fused chains, see `primal`), then `jvp_NAME`,
//! `vjp_NAME` and (for a scalar output) `grad_NAME`.
//!
//! This module holds what both modes share: how a value is referenced, cloned or passed,
//! and the primal statements (the same in both sweeps).

mod fused;
mod jvp;
mod primal;
mod vjp;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::ir::{walk, Arg, Function, Kind, Op, Operand, PrimSyntax, Range, Stmt, ValueId};
use crate::primitives::Extra;

/// Everything `#[differentiable]` emits for `function`.
pub fn expand(function: &Function, custom: &crate::custom::Rules) -> TokenStream {
    // The user's function, its body replaced by the fused primal where that is faster (a
    // function with custom rules keeps its body: it is not differentiated).
    let fast = if custom.jvp.is_none() && custom.vjp.is_none() {
        primal::fast_body(function).and_then(|block| syn::parse2::<syn::Block>(block).ok())
    } else {
        None
    };
    let original = match fast {
        Some(block) => {
            let mut item = function.item.clone();
            *item.block = block;
            item
        }
        None => function.item.clone(),
    };
    let jvp = jvp::expand(function, custom.jvp.as_ref());
    let vjp = vjp::expand(function, custom.vjp.as_ref());
    let grad = if function.scalar_output() {
        let grad = vjp::expand_grad(function);
        let value_and_grad = vjp::expand_value_and_grad(function);
        quote!(#grad #value_and_grad)
    } else {
        TokenStream::new()
    };
    let markers = markers(function);
    let entries = call_entries(function);
    quote! {
        #original
        #markers
        #jvp
        #vjp
        #grad
        #entries
    }
}

/// The name of the entry a `#[differentiable]` caller uses for `prefix_NAME`
/// (`__awkdiff_jvp_NAME`, `__awkdiff_vjp_NAME`).
fn entry_name(prefix: &str, name: &Ident, span: Span) -> Ident {
    Ident::new(&format!("__awkdiff_{prefix}{name}"), span)
}

/// The entries through which other `#[differentiable]` functions call this one. A caller
/// cannot see which of this function's float parameters are `#[no_grad]`: it passes a
/// tangent for every float argument and expects a cotangent for every one. Without
/// `#[no_grad]` float parameters the entries are `jvp_NAME` and `vjp_NAME` themselves
/// (renamed imports, no code); otherwise forwarding functions that drop the tangents of
/// the `#[no_grad]` parameters and give zero cotangents for them.
fn call_entries(function: &Function) -> TokenStream {
    let item = &function.item;
    let vis = &item.vis;
    let name = &item.sig.ident;
    let span = Span::call_site();
    let (jvp, vjp) = (format_ident!("jvp_{}", name), format_ident!("vjp_{}", name));
    let (jvp_entry, vjp_entry) = (
        entry_name("jvp_", name, span),
        entry_name("vjp_", name, span),
    );
    let slots: Vec<&crate::ir::Param> = function
        .params
        .iter()
        .filter(|p| p.kind.is_float())
        .collect();
    let ignored = slots.iter().any(|p| !p.differentiable);
    // `#[cfg]` applies to the entries too.
    let cfgs: Vec<&syn::Attribute> = item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg") || a.path().is_ident("cfg_attr"))
        .collect();
    if !ignored && !function.associated {
        return quote! {
            #(#cfgs)*
            #[doc(hidden)]
            #[allow(unused_imports)]
            #vis use #jvp as #jvp_entry;
            #(#cfgs)*
            #[doc(hidden)]
            #[allow(unused_imports)]
            #vis use #vjp as #vjp_entry;
        };
    }
    let this = if function.associated {
        quote!(Self::)
    } else {
        quote!()
    };
    let generics = &item.sig.generics;
    let where_clause = &generics.where_clause;
    let (_, type_generics, _) = generics.split_for_impl();
    let turbofish = type_generics.as_turbofish();
    let params = params(function);
    let names: Vec<&Ident> = function.params.iter().map(|p| &p.name).collect();
    // JVP: a tangent for every float parameter; those of `#[no_grad]` ones are dropped.
    let mut tangent_params = Vec::new();
    let mut tangents = Vec::new();
    for p in &slots {
        let d = tangent_name(&p.name);
        let owned_ty = &p.owned_ty;
        if !p.differentiable {
            let ignored = format_ident!("_{}", d);
            tangent_params.push(quote!(#ignored: impl ::core::marker::Sized));
        } else if p.kind == Kind::Scalar {
            tangent_params.push(quote!(#d: #owned_ty));
            tangents.push(quote!(#d));
        } else {
            tangent_params.push(quote!(#d: &#owned_ty));
            tangents.push(quote!(#d));
        }
    }
    let return_type = &function.return_type;
    let jvp_returns = function.wrap_type(quote!((#return_type, #return_type)));
    // VJP: a cotangent for every float parameter, zeros for the `#[no_grad]` ones.
    let mut zero_lets = Vec::new();
    let mut outputs = Vec::new();
    let mut from_pullback = Vec::new();
    let mut slot_types = Vec::new();
    for p in &slots {
        let owned_ty = &p.owned_ty;
        slot_types.push(quote!(#owned_ty));
        if p.differentiable {
            let ct = cotangent_name(&p.name);
            from_pullback.push(quote!(#ct));
            outputs.push(quote!(#ct));
        } else {
            let zero = format_ident!("__zero_{}", p.name);
            let param = &p.name;
            let value = if function.values[p.value].by_ref {
                quote!(#param)
            } else {
                quote!(&#param)
            };
            zero_lets
                .push(quote!(let #zero: #owned_ty = ::awkdiff::rules::Value::zeros_like(#value);));
            outputs.push(quote!(::core::clone::Clone::clone(&#zero)));
        }
    }
    let fallible = function.error_type.is_some();
    let question = if fallible { quote!(?) } else { quote!() };
    let one_or_tuple = |items: &[TokenStream]| {
        if items.len() == 1 {
            quote!(#(#items)*)
        } else {
            quote!((#(#items),*))
        }
    };
    let pulled = one_or_tuple(&from_pullback);
    let all_cts = function.wrap_value(one_or_tuple(&outputs));
    let cts_type = function.wrap_type(one_or_tuple(&slot_types));
    let ct_arg = if function.scalar_output() {
        quote!(#return_type)
    } else {
        quote!(&#return_type)
    };
    let vjp_returns = function.wrap_type(quote!((#return_type, impl Fn(#ct_arg) -> #cts_type)));
    let pullback_call = if from_pullback.is_empty() {
        quote!(let _ = __pullback(__ct) #question;)
    } else {
        quote!(let #pulled = __pullback(__ct) #question;)
    };
    let result =
        function.wrap_value(quote!((__value, move |__ct: #ct_arg| { #pullback_call #all_cts })));
    quote! {
        #(#cfgs)*
        #[doc(hidden)]
        #[inline]
        #[track_caller]
        #[allow(clippy::too_many_arguments, clippy::type_complexity)]
        #vis fn #jvp_entry #generics (#(#params,)* #(#tangent_params),*) -> #jvp_returns #where_clause {
            #this #jvp #turbofish (#(#names,)* #(#tangents),*)
        }
        #(#cfgs)*
        #[doc(hidden)]
        #[inline]
        #[track_caller]
        #[allow(clippy::type_complexity)]
        #vis fn #vjp_entry #generics (#(#params),*) -> #vjp_returns #where_clause {
            #(#zero_lets)*
            let (__value, __pullback) = #this #vjp #turbofish (#(#names),*) #question;
            #result
        }
    }
}

/// The name of the marker type of a differentiable function `name`.
fn marker_name(name: &Ident, span: Span) -> Ident {
    Ident::new(&format!("__awkdiff_differentiable_{name}"), span)
}

/// This function's marker (a type that implements `rules::Differentiable`), and fallback
/// markers for the functions it calls by plain name: a glob import that a real marker of
/// the same name shadows, so that calling a function that is not differentiable gives the
/// `Differentiable` trait's message at the call.
fn markers(function: &Function) -> TokenStream {
    let vis = &function.item.vis;
    let name = &function.item.sig.ident;
    let marker = marker_name(name, Span::call_site());
    let mut callees = std::collections::BTreeMap::new();
    walk(&function.stmts, &mut |s| match &s.op {
        Op::Call { func, args }
            if func.segments.len() == 1
                && s.outputs.iter().any(|&id| function.values[id].needed) =>
        {
            let slots = args
                .iter()
                .filter(|a| has_slot(function, &a.operand))
                .count();
            callees
                .entry(func.segments[0].ident.to_string())
                .or_insert((args.len(), slots));
        }
        _ => {}
    });
    let fallbacks = if callees.is_empty() {
        quote!()
    } else {
        let module = format_ident!("__awkdiff_fallbacks_{}", name);
        let names = callees
            .keys()
            .map(|c| marker_name(&format_ident!("{}", c), Span::call_site()));
        // Entries that never run (the marker's error stops the build first), so that a
        // call of a function that is not differentiable gives that one error only.
        let entries = callees.iter().map(|(callee, &(n_args, n_slots))| {
            let callee = format_ident!("{}", callee);
            let jvp = entry_name("jvp_", &callee, Span::call_site());
            let vjp = entry_name("vjp_", &callee, Span::call_site());
            let jvp_args: Vec<Ident> = (0..n_args + n_slots)
                .map(|i| format_ident!("A{}", i))
                .collect();
            let vjp_args: Vec<Ident> = (0..n_args).map(|i| format_ident!("A{}", i)).collect();
            quote! {
                #[allow(clippy::too_many_arguments)]
                pub fn #jvp<#(#jvp_args),*>(#(_: #jvp_args),*) -> ! {
                    ::core::unreachable!()
                }
                #[allow(clippy::too_many_arguments)]
                pub fn #vjp<#(#vjp_args),*>(#(_: #vjp_args),*) -> ! {
                    ::core::unreachable!()
                }
            }
        });
        quote! {
            #[doc(hidden)]
            #[allow(non_snake_case)]
            mod #module {
                #(pub use ::awkdiff::rules::NOT_DIFFERENTIABLE as #names;)*
                #(#entries)*
            }
            #[allow(unused_imports)]
            use #module::*;
        }
    };
    let fallbacks = if function.associated {
        // Inside an `impl` block there is no room for a module: calls of functions that
        // are not differentiated are then reported by the missing `jvp_`/`vjp_`.
        quote!()
    } else {
        fallbacks
    };
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        #vis const #marker: ::awkdiff::rules::DifferentiableMarker = ::awkdiff::rules::DIFFERENTIABLE;
        #fallbacks
    }
}

/// A structure check of a tangent or cotangent `t` against `value`: a panic, or an early
/// `Err` in a function that returns `Result`.
fn structure_check(e: &Emitter, t: TokenStream, value: TokenStream, context: &str) -> TokenStream {
    e.mark_rules_used();
    if e.f.error_type.is_some() {
        quote!(rules::Value::check_like(#t, #value, #context)?;)
    } else {
        quote!(rules::expect_like(#t, #value, #context);)
    }
}

/// `rules::assert_differentiable::<marker>();` for a call of `func`, spanned at the call.
fn assert_differentiable(e: &Emitter, func: &syn::Path, span: Span) -> TokenStream {
    e.mark_rules_used();
    let mut marker = func.clone();
    if let Some(last) = marker.segments.last_mut() {
        last.ident = marker_name(&last.ident, span);
        last.arguments = syn::PathArguments::None;
    }
    quote_spanned!(span=> rules::assert_differentiable_marker(&#marker);)
}

/// The doc comments of the original function, to follow a generated one's own line, and
/// its `cfg` and lint attributes.
fn docs(function: &Function, summary: String) -> TokenStream {
    let original = function
        .item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"));
    let has_docs = function.item.attrs.iter().any(|a| a.path().is_ident("doc"));
    let separator = if has_docs {
        quote!(#[doc = ""])
    } else {
        quote!()
    };
    // `#[cfg]` and lint levels apply to the generated functions too.
    let carried = function.item.attrs.iter().filter(|a| {
        ["cfg", "cfg_attr", "allow", "expect", "warn", "deny"]
            .iter()
            .any(|name| a.path().is_ident(name))
    });
    quote! {
        #[doc = #summary]
        #separator
        #(#original)*
        #(#carried)*
    }
}

/// `(x: &Array<f64>, n: usize, ...)` of the generated functions (without `mut` and
/// attributes), followed by `extra`.
fn params(function: &Function) -> Vec<TokenStream> {
    function
        .params
        .iter()
        .map(|p| {
            let name = &p.name;
            let ty = &p.ty;
            if name == "self" {
                // The receiver of a method: `&self` or `self`.
                match ty {
                    syn::Type::Reference(_) => quote!(&self),
                    _ => quote!(self),
                }
            } else {
                quote!(#name: #ty)
            }
        })
        .collect()
}

/// `let __self = self;` for a method (the receiver's value is named `__self` in the
/// generated code, which cannot rebind `self`).
fn self_prologue(function: &Function) -> TokenStream {
    if function.params.iter().any(|p| p.name == "self") {
        quote!(let __self = self;)
    } else {
        quote!()
    }
}

/// The path of the generated function `prefix_NAME` for a call of `path`.
fn prefixed(path: &syn::Path, prefix: &str, span: Span) -> syn::Path {
    let mut path = path.clone();
    if let Some(last) = path.segments.last_mut() {
        last.ident = Ident::new(&format!("{prefix}{}", last.ident), span);
    }
    path
}

/// Emits references, owned copies and primal statements. Inside the pullback closure every
/// value it mentions is recorded, so that exactly those are captured.
pub(crate) struct Emitter<'a> {
    pub f: &'a Function,
    in_closure: bool,
    captured: RefCell<BTreeSet<ValueId>>,
    uses_rules: Cell<bool>,
}

impl<'a> Emitter<'a> {
    pub fn new(f: &'a Function, in_closure: bool) -> Self {
        Emitter {
            f,
            in_closure,
            captured: RefCell::new(BTreeSet::new()),
            uses_rules: Cell::new(false),
        }
    }

    /// The name of a value (recorded as captured inside the closure).
    pub fn name(&self, id: ValueId) -> &Ident {
        if self.in_closure {
            self.captured.borrow_mut().insert(id);
        }
        &self.f.values[id].name
    }

    /// Whether the name holds a reference (never inside the closure: captures are owned).
    fn by_ref(&self, id: ValueId) -> bool {
        self.f.values[id].by_ref && !self.in_closure
    }

    /// `&x`, or `x` when `x` already is a reference: what rules take.
    pub fn reference(&self, operand: &Operand) -> TokenStream {
        match operand {
            Operand::Value(id) => {
                let name = self.name(*id);
                if self.by_ref(*id) {
                    quote!(#name)
                } else {
                    quote!(&#name)
                }
            }
            Operand::Const(tokens, _) => quote!(&#tokens),
        }
    }

    /// An operand of `+ - * /` or unary `-`: arrays by reference, scalars by value.
    fn operator_operand(&self, operand: &Operand) -> TokenStream {
        match operand {
            Operand::Value(id) => {
                let value = &self.f.values[*id];
                let name = self.name(*id);
                if value.by_ref || value.copy || value.kind == Kind::Scalar {
                    quote!(#name)
                } else if value.kind == Kind::Unknown {
                    // A scalar or an array, the macro cannot tell: a clone works for both
                    // (O(1) for an array).
                    quote!(::core::clone::Clone::clone(&#name))
                } else {
                    quote!(&#name)
                }
            }
            Operand::Const(tokens, _) => quote!(#tokens),
        }
    }

    /// An argument of a method or function call, as the user passed it (`&x` or `x`); an
    /// owned value passed by value is cloned, since later rules still need it.
    fn call_arg(&self, arg: &Arg) -> TokenStream {
        match &arg.operand {
            Operand::Value(id) => {
                let value = &self.f.values[*id];
                let name = self.name(*id);
                if value.by_ref && arg.user_clone {
                    quote!(::core::clone::Clone::clone(#name))
                } else if value.by_ref || (value.copy && !arg.user_ref) {
                    quote!(#name)
                } else if arg.user_ref {
                    quote!(&#name)
                } else {
                    quote!(#name.clone())
                }
            }
            Operand::Const(tokens, _) if arg.user_ref => quote!(&#tokens),
            Operand::Const(tokens, _) => quote!(#tokens),
        }
    }

    /// A non-differentiated argument of a rule: by value or by reference, per the table.
    pub fn extra(&self, arg: &Arg, mode: Extra) -> TokenStream {
        match mode {
            Extra::Ref => self.reference(&arg.operand),
            Extra::Indices => {
                self.uses_rules.set(true);
                let reference = self.reference(&arg.operand);
                quote!(rules::take_indices(#reference))
            }
            Extra::Copy => match &arg.operand {
                Operand::Value(id) => {
                    let name = self.name(*id);
                    quote!(#name)
                }
                Operand::Const(tokens, _) => quote!(#tokens),
            },
        }
    }

    /// A primitive's non-differentiated arguments, each passed as the table says.
    pub fn extras(&self, args: &[Arg], modes: &[Extra]) -> Vec<TokenStream> {
        args.iter()
            .zip(modes)
            .map(|(arg, mode)| self.extra(arg, *mode))
            .collect()
    }

    /// An owned copy of a value for returning it; `clone` forces a clone of an owned array
    /// (when the value is also needed elsewhere).
    pub fn owned(&self, operand: &Operand, clone: bool) -> TokenStream {
        match operand {
            Operand::Value(id) => {
                let value = &self.f.values[*id];
                let name = self.name(*id);
                if value.copy || value.kind == Kind::Scalar {
                    if value.by_ref {
                        quote!(*#name)
                    } else {
                        quote!(#name)
                    }
                } else if value.by_ref || clone {
                    quote!(#name.clone())
                } else {
                    quote!(#name)
                }
            }
            Operand::Const(tokens, _) => quote!(#tokens),
        }
    }

    /// The path of a rule: `rules::exp_jvp`, spanned at the user's code.
    pub fn rule(&self, name: String, span: Span) -> TokenStream {
        self.uses_rules.set(true);
        let ident = Ident::new(&name, span);
        quote_spanned!(span=> rules::#ident)
    }

    /// `rules::Value::zeros_like(x)`.
    pub fn zeros_like(&self, operand: &Operand) -> TokenStream {
        self.uses_rules.set(true);
        let reference = self.reference(operand);
        quote!(rules::Value::zeros_like(#reference))
    }

    /// `use ::awkdiff::rules;` when the generated code calls a rule.
    pub fn rules_import(&self) -> TokenStream {
        if self.uses_rules.get() {
            quote!(
                use ::awkdiff::rules;
            )
        } else {
            quote!()
        }
    }

    pub fn mark_rules_used(&self) {
        self.uses_rules.set(true);
    }

    /// The values mentioned inside the closure.
    pub fn captured(&self) -> BTreeSet<ValueId> {
        self.captured.borrow().clone()
    }

    /// The right-hand side of a primal statement (not for calls of differentiated functions).
    pub fn primal(&self, stmt: &Stmt) -> TokenStream {
        let span = stmt.span;
        match &stmt.op {
            Op::Prim {
                prim,
                syntax,
                operands,
                extras,
            } => match syntax {
                PrimSyntax::Method(method) | PrimSyntax::TryMethod(method) => {
                    // The receiver and the other arguments as the user wrote them: a mask
                    // written first (`cond.where_(a, b)`) is the receiver.
                    let (receiver, args): (&Arg, Vec<&Arg>) = if prim.mask_first {
                        (&extras[0], operands.iter().chain(&extras[1..]).collect())
                    } else {
                        (&operands[0], operands[1..].iter().chain(extras).collect())
                    };
                    let receiver = self.receiver(&receiver.operand);
                    let args = args.into_iter().map(|a| self.call_arg(a));
                    let question = matches!(syntax, PrimSyntax::TryMethod(_)).then(|| quote!(?));
                    quote_spanned!(span=> #receiver.#method(#(#args),*)#question)
                }
                PrimSyntax::Call { path, question } => {
                    // `where_(cond, a, b)`: the mask first, then the differentiable operands.
                    let args = extras.iter().chain(operands).map(|a| self.call_arg(a));
                    let question = question.then(|| quote!(?));
                    quote_spanned!(span=> #path(#(#args),*)#question)
                }
                PrimSyntax::Binary(op) => {
                    let lhs = self.operator_operand(&operands[0].operand);
                    let rhs = self.operator_operand(&operands[1].operand);
                    quote_spanned!(span=> #lhs #op #rhs)
                }
                PrimSyntax::Neg => {
                    let x = self.operator_operand(&operands[0].operand);
                    quote_spanned!(span=> -#x)
                }
                PrimSyntax::Function { path, question } => {
                    let xs = operands.iter().map(|a| self.reference(&a.operand));
                    let args = extras.iter().map(|a| self.call_arg(a));
                    let question = question.then(|| quote!(?));
                    quote_spanned!(span=> #path(&[#(#xs),*], #(#args),*)#question)
                }
            },
            Op::Method {
                receiver,
                method,
                turbofish,
                args,
                ..
            } => {
                let receiver = self.receiver(receiver);
                let args = args.iter().map(|a| self.call_arg(a));
                quote_spanned!(span=> #receiver.#method #turbofish(#(#args),*))
            }
            Op::Binary { lhs, op, rhs } => {
                let lhs = self.operator_operand(lhs);
                let rhs = self.operator_operand(rhs);
                quote_spanned!(span=> #lhs #op #rhs)
            }
            Op::Not(x) => {
                let x = self.operator_operand(x);
                quote_spanned!(span=> !#x)
            }
            Op::Cast(x, ty) => {
                let x = self.operator_operand(x);
                quote_spanned!(span=> #x as #ty)
            }
            Op::Call { func, args } => {
                let args = args.iter().map(|a| self.call_arg(a));
                quote_spanned!(span=> #func(#(#args),*))
            }
            Op::Field { record, field } => {
                let record = match record {
                    Operand::Value(id) => {
                        let name = self.name(*id);
                        quote!(#name)
                    }
                    Operand::Const(tokens, _) => tokens.clone(),
                };
                quote_spanned!(span=> ::core::clone::Clone::clone(&#record.#field))
            }
            Op::Struct { path, fields } => {
                let fields = fields.iter().map(|(name, value)| {
                    let value = self.owned(value, true);
                    quote!(#name: #value)
                });
                quote_spanned!(span=> #path { #(#fields),* })
            }
            Op::Const(tokens) => tokens.clone(),
            Op::List(items) => {
                let items = items.iter().map(|o| self.plain(o));
                quote_spanned!(span=> [#(#items),*])
            }
            Op::If(_) | Op::For(_) | Op::Fused(_) => {
                unreachable!("control flow and fused chains are expanded by each mode")
            }
        }
    }

    /// A value as a condition or range bound: `c`, `*c` for a reference.
    pub fn plain(&self, operand: &Operand) -> TokenStream {
        match operand {
            Operand::Value(id) => {
                let name = self.name(*id);
                if self.by_ref(*id) {
                    quote!(*#name)
                } else {
                    quote!(#name)
                }
            }
            Operand::Const(tokens, _) => quote!(#tokens),
        }
    }

    /// The iterator of a `for` loop: `(a..b).rev()`.
    pub fn range(&self, range: &Range) -> TokenStream {
        let start = self.plain(&range.start);
        let end = self.plain(&range.end);
        let mut out = match (range.inclusive, range.adapters.is_empty()) {
            (true, true) => quote!(#start..=#end),
            (false, true) => quote!(#start..#end),
            (true, false) => quote!((#start..=#end)),
            (false, false) => quote!((#start..#end)),
        };
        for (method, args) in &range.adapters {
            let args = args.iter().map(|a| self.plain(a));
            out = quote!(#out.#method(#(#args),*));
        }
        out
    }

    /// The loop index's name, or `_`.
    pub fn loop_var(&self, var: Option<ValueId>) -> TokenStream {
        match var {
            Some(id) => {
                let name = &self.f.values[id].name;
                quote!(#name)
            }
            None => quote!(_),
        }
    }

    /// The value a loop-carried variable takes at the end of an iteration: moved when the
    /// body computed it, else cloned.
    pub fn carried_end(&self, body: &crate::ir::Block, result: &Operand) -> TokenStream {
        let local =
            matches!(result, Operand::Value(id) if !crate::ir::free_values(body).contains(id));
        self.owned(result, !local)
    }

    /// The loop-carried variable `k` of the loop `op` (output `stmt.outputs[k]`): whether the
    /// body changes it, its binding before the loop, and its assignment at the end of an
    /// iteration (when it changes). Both sweeps carry values this way.
    pub fn carried_value(
        &self,
        stmt: &Stmt,
        op: &crate::ir::ForOp,
        k: usize,
    ) -> (bool, TokenStream, Option<TokenStream>) {
        let phi = stmt.outputs[k];
        let name = &self.f.values[phi].name;
        let result = &op.body.results[k];
        let changes = !matches!(result, Operand::Value(id) if *id == phi);
        let binding = self.binding(changes);
        let start = self.owned(&op.carried[k], true);
        let update = changes.then(|| {
            let end = self.carried_end(&op.body, result);
            quote!(#name = #end;)
        });
        (changes, quote!(#binding #name = #start;), update)
    }

    /// `let mut` when a carried variable changes in the loop, else `let`.
    pub fn binding(&self, changes: bool) -> TokenStream {
        if changes {
            quote!(let mut)
        } else {
            quote!(let)
        }
    }

    fn receiver(&self, operand: &Operand) -> TokenStream {
        match operand {
            Operand::Value(id) => {
                let name = self.name(*id);
                quote!(#name)
            }
            Operand::Const(tokens, _) => quote!((#tokens)),
        }
    }

    /// `let y: T = primal;` for a statement with one output.
    pub fn primal_let(&self, stmt: &Stmt) -> TokenStream {
        let name = &self.f.values[stmt.outputs[0]].name;
        let expr = self.primal(stmt);
        match &stmt.ty {
            Some(ty) => quote!(let #name: #ty = #expr;),
            None => quote!(let #name = #expr;),
        }
    }
}

/// The tangent's name of a value: `d_x`.
pub(crate) fn tangent_name(name: &Ident) -> Ident {
    format_ident!("d_{}", name.to_string().trim_start_matches('_'))
}

/// The cotangent's name of a value: `ct_x`.
pub(crate) fn cotangent_name(name: &Ident) -> Ident {
    format_ident!("ct_{}", name.to_string().trim_start_matches('_'))
}

/// Whether a call argument has a slot among the callee's differentiated parameters: any
/// float value (arrays, scalars, results of calls); integers and masks have none.
pub(crate) fn has_slot(f: &Function, operand: &Operand) -> bool {
    match operand {
        Operand::Value(id) => f.values[*id].kind.is_float(),
        Operand::Const(_, kind) => kind.is_float(),
    }
}
