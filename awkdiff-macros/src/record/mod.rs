//! `#[derive(Record)]`: a struct of arrays that share their lists becomes a record (see
//! `awkdiff_core::record`). [`parse`] reads and validates the struct, [`expand`] writes
//! `zip`, the `Record` impl, `Display`, and `Value` (tangents and cotangents of a record are
//! records of the same struct) when some field is differentiated.

mod expand;
mod parse;

use proc_macro2::TokenStream;

/// The derive on token streams (testable outside a proc-macro context).
pub fn derive(input: TokenStream) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    match parse::parse(&input) {
        Ok(record) => expand::expand(&record),
        Err(error) => error.to_compile_error(),
    }
}
