//! Custom derivatives: `#[differentiable(jvp = my_jvp, vjp = my_vjp)]`, like JAX's
//! `custom_jvp`/`custom_vjp`. Each rule has exactly the signature of the function it
//! replaces:
//!
//! - `my_jvp(params..., tangents...) -> (out, out_tangent)`, the signature of `jvp_NAME`;
//! - `my_vjp(params...) -> (out, impl Fn(&out_ct) -> cts)`, the signature of `vjp_NAME`
//!   (the cotangent by value for a scalar output);
//!
//! wrapped in `Result<_, E>` when the function returns `Result<_, E>`. With both rules the
//! body is not differentiated at all (it may call anything); with one, the other mode is
//! generated from the body as usual.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, MetaNameValue, Token};

/// The rules given to the attribute.
#[derive(Default)]
pub struct Rules {
    pub jvp: Option<syn::Path>,
    pub vjp: Option<syn::Path>,
}

impl Rules {
    /// Parses `jvp = path, vjp = path` (either, both, or nothing).
    pub fn parse(attr: TokenStream) -> syn::Result<Rules> {
        let mut rules = Rules::default();
        if attr.is_empty() {
            return Ok(rules);
        }
        let hint = "#[differentiable] takes optional custom rules: `#[differentiable(jvp = my_jvp, vjp = my_vjp)]`";
        let items = Punctuated::<MetaNameValue, Token![,]>::parse_terminated
            .parse2(attr.clone())
            .map_err(|e| syn::Error::new(e.span(), hint))?;
        for item in items {
            let Expr::Path(path) = &item.value else {
                return Err(syn::Error::new_spanned(
                    &item.value,
                    format!("{hint}: the rule is a function's path"),
                ));
            };
            let slot = if item.path.is_ident("jvp") {
                &mut rules.jvp
            } else if item.path.is_ident("vjp") {
                &mut rules.vjp
            } else {
                return Err(syn::Error::new_spanned(&item.path, hint));
            };
            if slot.is_some() {
                return Err(syn::Error::new_spanned(
                    &item.path,
                    "this rule is given twice",
                ));
            }
            *slot = Some(path.path.clone());
        }
        Ok(rules)
    }
}
