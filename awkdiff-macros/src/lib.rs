//! # awkdiff-macros
//!
//! The `#[differentiable]` attribute of awkdiff (use it through the `awkdiff` crate). It is a
//! source-to-source transformation, split the way `thiserror` and `serde_derive` are:
//!
//! - [`validate`]: rejects unsupported constructs with an error on their exact tokens;
//! - [`parse`]: lowers the function to [`ir`], one primitive per statement (A-normal form);
//! - [`activity`]: decides which values carry derivatives;
//! - [`primitives`]: the one table from methods and operators to the rules of
//!   `awkdiff_core::rules`;
//! - `expand`: writes `jvp_NAME`, `vjp_NAME` and `grad_NAME` beside the original function.
//!
//! The macro knows syntax, not types: it calls the rules by name and lets trait resolution
//! pick the kernel for arrays, scalars and their mixes.
use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::ToTokens;

mod activity;
mod expand;
mod ir;
mod parse;
mod primitives;
mod types;
mod validate;

/// Marks a function for differentiation: generates `jvp_NAME` (forward mode), `vjp_NAME`
/// (reverse mode) and, for a scalar output, `grad_NAME` beside it. See the `awkdiff` crate.
#[proc_macro_attribute]
pub fn differentiable(attr: TokenStream, item: TokenStream) -> TokenStream {
    differentiable_impl(attr.into(), item.into()).into()
}

/// The attribute on token streams (testable outside a proc-macro context).
fn differentiable_impl(attr: TokenStream2, item: TokenStream2) -> TokenStream2 {
    let item: syn::Item = match syn::parse2(item) {
        Ok(item) => item,
        Err(error) => return error.to_compile_error(),
    };
    let syn::Item::Fn(function) = item else {
        let error = syn::Error::new_spanned(
            &item,
            format!(
                "#[differentiable] goes on a function, not on {}: write `#[differentiable] fn name(x: &Array<f64>) -> Array<f64> {{ .. }}`",
                item_kind(&item)
            ),
        );
        let mut out = item.to_token_stream();
        out.extend(error.to_compile_error());
        return out;
    };
    match run(attr, &function) {
        Ok(tokens) => tokens,
        Err(error) => {
            // Keep the original function (without our helper attributes) so that its callers
            // do not get errors of their own.
            let mut original = function.clone();
            for input in original.sig.inputs.iter_mut() {
                if let syn::FnArg::Typed(typed) = input {
                    typed.attrs.retain(|a| !a.path().is_ident("no_grad"));
                }
            }
            let mut out = original.to_token_stream();
            out.extend(error.to_compile_error());
            out
        }
    }
}

fn run(attr: TokenStream2, function: &syn::ItemFn) -> syn::Result<TokenStream2> {
    let mut errors = validate::Errors::default();
    if !attr.is_empty() {
        errors.push(&attr, "#[differentiable] takes no arguments");
    }
    if let Err(error) = validate::check(function) {
        errors.add(error);
    }
    errors.finish()?;
    let mut ir = parse::lower(function)?;
    activity::analyze(&mut ir)?;
    Ok(expand::expand(&ir))
}

fn item_kind(item: &syn::Item) -> &'static str {
    match item {
        syn::Item::Struct(_) => "a struct",
        syn::Item::Enum(_) => "an enum",
        syn::Item::Impl(_) => "an impl block",
        syn::Item::Trait(_) => "a trait",
        syn::Item::Mod(_) => "a module",
        syn::Item::Const(_) => "a constant",
        syn::Item::Static(_) => "a static",
        syn::Item::Type(_) => "a type alias",
        syn::Item::Use(_) => "a use declaration",
        _ => "this item",
    }
}

#[cfg(test)]
mod tests;
