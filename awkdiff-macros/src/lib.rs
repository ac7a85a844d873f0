//! # awkdiff-macros
//!
//! The `#[differentiable]` attribute of awkdiff. Use it through the `awkdiff` crate.
use proc_macro::TokenStream;

/// Marks a function for differentiation: generates `jvp_NAME`, `vjp_NAME` and `grad_NAME`
/// beside it. (Placeholder: passes the function through unchanged.)
#[proc_macro_attribute]
pub fn differentiable(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let function = syn::parse_macro_input!(item as syn::ItemFn);
    quote::quote!(#function).into()
}
