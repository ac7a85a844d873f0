//! Rejects, before anything is generated, every construct the macro does not support, with
//! an error on its exact tokens saying what is not supported and what to write instead.

use quote::ToTokens;
use syn::visit::Visit;
use syn::{Expr, FnArg, ItemFn, Pat, ReturnType, Type};

use crate::types::{self, Generics};

/// Collects errors, combining them so that the user sees all of them at once.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Adds an error at `tokens`.
    pub fn push(&mut self, tokens: impl ToTokens, message: impl std::fmt::Display) {
        self.add(syn::Error::new_spanned(tokens, message));
    }

    /// Adds an error.
    pub fn add(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// `Err` with every error collected, or `Ok`.
    pub fn finish(self) -> syn::Result<()> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

/// The generic type parameters of `function`.
pub fn generics(function: &ItemFn) -> Generics {
    function
        .sig
        .generics
        .type_params()
        .map(|p| p.ident.to_string())
        .collect()
}

/// Whether a parameter is marked `#[no_grad]`.
pub fn is_no_grad(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("no_grad"))
}

/// Checks the signature and the body; every problem found is reported.
pub fn check(function: &ItemFn, owner_generics: &Generics) -> syn::Result<()> {
    let mut errors = Errors::default();
    check_signature(function, owner_generics, &mut errors);
    let fallible = match &function.sig.output {
        ReturnType::Type(_, ty) => types::split_result(ty).is_some(),
        ReturnType::Default => false,
    };
    let mut body = BodyCheck {
        errors: &mut errors,
        fallible,
        loops: 0,
    };
    body.visit_block(&function.block);
    errors.finish()
}

/// Checks the signature only (a function whose derivatives are the user's rules).
pub fn check_signature_only(function: &ItemFn, owner_generics: &Generics) -> syn::Result<()> {
    let mut errors = Errors::default();
    check_signature(function, owner_generics, &mut errors);
    errors.finish()
}

fn check_signature(function: &ItemFn, owner_generics: &Generics, errors: &mut Errors) {
    let sig = &function.sig;
    if let Some(token) = &sig.asyncness {
        errors.push(
            token,
            "`async fn` cannot be #[differentiable]: remove `async` and differentiate the synchronous computation",
        );
    }
    if let Some(token) = &sig.unsafety {
        errors.push(
            token,
            "`unsafe fn` cannot be #[differentiable]: differentiable functions must be safe; remove `unsafe`",
        );
    }
    if let Some(token) = &sig.constness {
        errors.push(
            token,
            "`const fn` cannot be #[differentiable]: remove `const`",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.push(
            abi,
            "`extern` functions cannot be #[differentiable]: remove the ABI",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(variadic, "variadic functions cannot be #[differentiable]");
    }
    let mut generics = generics(function);
    generics.extend(owner_generics.iter().cloned());
    let mut any_differentiable = false;
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                if receiver.colon_token.is_some() || receiver.mutability.is_some() {
                    errors.push(
                        receiver,
                        "#[differentiable] methods take `&self` or `self`: arrays are immutable, so `&mut self` and typed receivers (`self: Box<Self>`) are not supported; take `&self` and return the new value",
                    );
                }
            }
            FnArg::Typed(typed) => {
                if !matches!(&*typed.pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none())
                {
                    errors.push(
                        &typed.pat,
                        "#[differentiable] parameters must be plain names: bind the pattern with `let` inside the body",
                    );
                    continue;
                }
                if let Type::Reference(reference) = &*typed.ty {
                    if let Some(mutability) = &reference.mutability {
                        let and = &reference.and_token;
                        errors.push(
                            quote::quote!(#and #mutability),
                            "`&mut` parameters cannot be #[differentiable]: arrays are immutable; take `&Array<T>` and return the new value",
                        );
                        continue;
                    }
                }
                let no_grad = is_no_grad(&typed.attrs);
                match types::classify(&typed.ty, &generics) {
                    Some(info) => any_differentiable |= info.kind.is_float() && !no_grad,
                    None if no_grad => {}
                    None => errors.push(
                        &typed.ty,
                        format!(
                            "#[differentiable] cannot tell whether a parameter of type `{}` is differentiated: use `Array<T>`, `&Array<T>`, a float (`f32`, `f64`, `T: Float`) or a record generic over its float (`&Jets<T>` of a `#[derive(Record)]` struct), or mark it `#[no_grad]`",
                            typed.ty.to_token_stream()
                        ),
                    ),
                }
            }
        }
    }
    if !any_differentiable && errors.0.is_none() {
        errors.push(
            &sig.ident,
            format!(
                "`{}` has no differentiable parameter: #[differentiable] needs at least one `Array<T>`, `&Array<T>` or float parameter not marked #[no_grad]",
                sig.ident
            ),
        );
    }
    match &sig.output {
        ReturnType::Default => errors.push(
            &sig.ident,
            format!(
                "`{}` returns nothing: a #[differentiable] function returns an array, a float or a tuple of them",
                sig.ident
            ),
        ),
        ReturnType::Type(_, ty) => {
            let value = types::split_result(ty).map(|(value, _)| value);
            let ok = match value.as_ref().unwrap_or(ty) {
                Type::Tuple(tuple) => {
                    !tuple.elems.is_empty()
                        && tuple
                            .elems
                            .iter()
                            .all(|t| types::output_kind(t, &generics).is_some())
                }
                other => types::output_kind(other, &generics).is_some(),
            };
            if !ok {
                errors.push(
                    ty,
                    format!(
                        "a #[differentiable] function must return `Array<T>`, a float (`f32`, `f64`, `T`), a tuple of them, or a `Result` of one of those, not `{}`",
                        ty.to_token_stream()
                    ),
                );
            }
        }
    }
}

struct BodyCheck<'a> {
    errors: &'a mut Errors,
    /// Whether the function returns `Result` (so `?` is allowed).
    fallible: bool,
    /// How many `for` loops enclose the current expression.
    loops: usize,
}

impl BodyCheck<'_> {
    fn check_macro(&mut self, mac: &syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if name != "s" && name != "array" {
            self.errors.push(
                mac,
                format!(
                    "macro `{name}!` is not supported in a #[differentiable] body: only `s![..]` and `array![..]` are; compute the value outside and pass it as a #[no_grad] parameter"
                ),
            );
        }
    }
}

impl BodyCheck<'_> {
    /// The iterator of a `for` loop: an integer range, possibly reversed or stepped.
    fn visit_range(&mut self, expr: &Expr) {
        match expr {
            Expr::Paren(inner) => self.visit_range(&inner.expr),
            Expr::Range(range) => {
                for bound in range.start.iter().chain(&range.end) {
                    self.visit_expr(bound);
                }
            }
            Expr::MethodCall(call) if call.method == "rev" || call.method == "step_by" => {
                self.visit_range(&call.receiver);
                for arg in &call.args {
                    self.visit_expr(arg);
                }
            }
            other => self.errors.push(
                other,
                "a `for` loop in a #[differentiable] body goes over an integer range: `a..b`, `a..=b`, `(a..b).rev()` or `(a..b).step_by(k)`; iterators over values are not supported",
            ),
        }
    }
}

impl<'ast> Visit<'ast> for BodyCheck<'_> {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        let message = match expr {
            Expr::Closure(_) => Some("closures are not supported in a #[differentiable] body: write the closure's body as a separate #[differentiable] function and call it"),
            Expr::While(_) => Some("`while` loops are not supported in a #[differentiable] body: the number of iterations must not depend on differentiated values; use a `for` loop over an integer range"),
            Expr::Loop(_) => Some("`loop` is not supported in a #[differentiable] body: use a `for` loop over an integer range"),
            Expr::Match(_) => Some("`match` is not supported in a #[differentiable] body: use `if`/`else` on a condition that is not differentiated"),
            Expr::Async(_) | Expr::Await(_) => Some("async code is not supported in a #[differentiable] body"),
            Expr::Unsafe(_) => Some("`unsafe` blocks are not supported in a #[differentiable] body: derivative rules exist only for safe array operations"),
            Expr::Try(_) if !self.fallible => Some("`?` needs a function that returns `Result<_, awkdiff::Error>`: change the return type, or use the panicking operations (`+`, `sum`, ...) instead of the `try_*` ones"),
            Expr::Return(_) if self.loops > 0 => Some("`return` inside a `for` loop is not supported in a #[differentiable] body: carry the result in a `let mut` variable and return it after the loop"),
            Expr::Return(_) => Some("this `return` is not supported in a #[differentiable] body: an early `return` must be the last statement of a branch of an `if` in the function body (`if c { return a; }`), or end the body with the returned expression"),
            Expr::Break(_) | Expr::Continue(_) => Some("this `break`/`continue` is not supported in a #[differentiable] body: a loop may only jump as the last statement of an `if` without `else` (`if i > stop { break; }`, `if skip { continue; }`), without labels or values"),
            Expr::Index(_) => Some("indexing with `[]` is not supported in a #[differentiable] body: use `x.at(i)` or `x.slice(s![..])`"),
            Expr::Field(access) if !matches!(&access.member, syn::Member::Named(_)) => Some("tuple fields `.0` are not supported in a #[differentiable] body: destructure the tuple with `let (a, b) = ...`"),
            Expr::Field(access) if matches!(&*access.base, Expr::Field(_)) => Some("fields of fields (`a.b.c`) are not supported in a #[differentiable] body: records of records are not supported yet; read one level (`jets.pt`)"),
            Expr::Struct(literal) if literal.rest.is_some() || literal.dot2_token.is_some() => Some("`..base` in a struct literal is not supported in a #[differentiable] body: name every field"),
            Expr::Let(_) => Some("`let` patterns in conditions (`if let`) are not supported in a #[differentiable] body: compute a `bool` before the `if` and branch on it"),
            Expr::Range(_) => Some("ranges are only supported inside `s![..]` in a #[differentiable] body"),
            Expr::Block(_) => Some("nested blocks are not supported in a #[differentiable] body: write their statements in the function body"),
            Expr::Repeat(_) => Some("`[x; n]` is not supported in a #[differentiable] body: use `array![..]`"),
            Expr::Yield(_) | Expr::TryBlock(_) | Expr::Const(_) | Expr::Infer(_) => Some("this expression is not supported in a #[differentiable] body"),
            _ => None,
        };
        if let Some(message) = message {
            self.errors.push(expr, message);
            return;
        }
        match expr {
            Expr::Macro(mac) => self.check_macro(&mac.mac),
            Expr::If(if_expr) => {
                self.visit_expr(&if_expr.cond);
                self.visit_block(&if_expr.then_branch);
                if let Some((_, else_expr)) = &if_expr.else_branch {
                    match &**else_expr {
                        Expr::Block(block) => self.visit_block(&block.block),
                        other => self.visit_expr(other),
                    }
                }
            }
            Expr::ForLoop(for_loop) => {
                if !matches!(&*for_loop.pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() && p.mutability.is_none())
                    && !matches!(&*for_loop.pat, Pat::Wild(_))
                {
                    self.errors.push(&for_loop.pat, "the index of a `for` loop in a #[differentiable] body must be a plain name or `_`");
                }
                if let Some(label) = &for_loop.label {
                    self.errors.push(
                        label,
                        "loop labels are not supported in a #[differentiable] body",
                    );
                }
                self.visit_range(&for_loop.expr);
                self.loops += 1;
                self.visit_block(&for_loop.body);
                self.loops -= 1;
            }
            Expr::Assign(assign) => {
                if let Expr::Index(index) = &*assign.left {
                    self.errors.push(
                        index,
                        "index assignment is not supported in a #[differentiable] body: arrays are immutable; build the new values with arithmetic, `maximum`/`minimum` or a mask, and rebind with `let`",
                    );
                    self.visit_expr(&assign.right);
                } else if !matches!(&*assign.left, Expr::Path(p) if p.path.get_ident().is_some()) {
                    self.errors.push(
                        &assign.left,
                        "only plain variables can be assigned in a #[differentiable] body (`y = ...` where `let mut y` was declared)",
                    );
                } else {
                    self.visit_expr(&assign.right);
                }
            }
            Expr::Reference(reference) if reference.mutability.is_some() => {
                self.errors.push(
                    expr,
                    "`&mut` is not supported in a #[differentiable] body: arrays are immutable; use `&`",
                );
            }
            _ => syn::visit::visit_expr(self, expr),
        }
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        match stmt {
            syn::Stmt::Item(item) => self.errors.push(
                item,
                "items are not supported inside a #[differentiable] body: define them outside the function",
            ),
            syn::Stmt::Macro(mac) => self.check_macro(&mac.mac),
            syn::Stmt::Local(local) => {
                if let Some(diverge) = &local.init.as_ref().and_then(|i| i.diverge.as_ref()) {
                    self.errors.push(
                        &diverge.1,
                        "`let ... else` is not supported in a #[differentiable] body",
                    );
                }
                syn::visit::visit_local(self, local);
            }
            _ => syn::visit::visit_stmt(self, stmt),
        }
    }

    fn visit_macro(&mut self, _mac: &'ast syn::Macro) {
        // Macros are checked where they appear as expressions or statements; their tokens
        // (`s![..;-1]`) are not Rust expressions and are not visited.
    }
}
