//! # awkdiff-macros
//!
//! The `#[differentiable]` attribute of awkdiff (use it through the `awkdiff` crate). It is a
//! source-to-source transformation, split the way `thiserror` and `serde_derive` are:
//!
//! - `validate`: rejects unsupported constructs with an error on their exact tokens;
//! - `parse`: lowers the function to `ir`, one primitive per statement (A-normal form);
//! - `activity`: decides which values carry derivatives;
//! - `primitives`: the one table from methods and operators to the rules of
//!   `awkdiff_core::rules`;
//! - `expand`: writes `jvp_NAME`, `vjp_NAME` and `grad_NAME` beside the original function.
//!
//! The macro knows syntax, not types: it calls the rules by name and lets trait resolution
//! pick the kernel for arrays, scalars and their mixes.
use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::ToTokens;

mod activity;
mod custom;
mod expand;
mod fuse;
mod ir;
mod lower;
mod primitives;
mod record;
mod returns;
mod types;
mod validate;

/// Marks a function for differentiation: keeps it as written and generates beside it, with
/// its visibility, generics, where clause and docs:
///
/// | generated | signature |
/// | --- | --- |
/// | `jvp_NAME` | `(params..., d_params...) -> (out, out_tangent)`: one tangent per differentiable parameter (`&Array<T>` for an array, `T` for a scalar) |
/// | `vjp_NAME` | `(params...) -> (out, pullback)`: `pullback(&ct)` (`ct: T` by value for a scalar output) gives the cotangent of the differentiable parameter, or a tuple of them; callable many times |
/// | `grad_NAME` | `(params...) -> gradients`, for a scalar output: `pullback(1)` |
///
/// A function returning `Result<R, awkdiff::Error>` (body ending in `Ok(..)`) gets generated
/// functions returning `Result`, with tangents and cotangents of the wrong structure as
/// `Err(Error::Structure ..)`; otherwise they panic with that message.
///
/// Parameters: `Array<T>`, `&Array<T>` and float scalars (`f32`, `f64`, a generic `T`) are
/// differentiated; integers, `bool`, `&[i64]`, masks and parameters marked `#[no_grad]` are
/// not.
///
/// | a body may contain | what happens |
/// | --- | --- |
/// | `let x = ..;`, shadowing, `let mut` with `x = ..;` and `x += ..;` | each binding becomes a new named value |
/// | `+ - * /`, unary `-`, `&`, parentheses | the operator's rules (`add_jvp_lhs` ...) |
/// | the methods of `primitives::METHODS` (`exp` .. `flatten`), and their `try_*` forms with `?` in a function returning `Result` | their rules in `awkdiff::rules` |
/// | `len`, `count`, `argmax`, `gt` and other methods without derivative; comparisons; casts | constants |
/// | `stop_gradient(x)` | `x` as a constant |
/// | literals, `array![..]`, `s![..]`, constant paths | constants, kept inline |
/// | calls `f(..)`, `module::f(..)` with a differentiated argument | `jvp_f`/`vjp_f` of a `#[differentiable]` `f` |
/// | `if`/`else if`/`else` (statements and values) on conditions evaluated by value | JVP runs the branch; VJP records the branch's pullback and replays it |
/// | `for i in a..b` (`..=`, `.rev()`, `.step_by(k)`) with bounds not differentiated | loop-carried `let mut` variables; VJP keeps one closure per iteration on a tape |
/// | `return e;` ending a branch of an `if` in the function body; `if c { break; }`, `if c { continue; }` in a loop | folded into `if`/`else` (a `break` into a loop-carried flag) |
/// | closures, `while`, `loop`, `match`, other `break`/`continue`/`?`, `return` in loops, indexing, other macros | a compile error on those tokens, saying what to write instead |
///
/// `#[differentiable(jvp = my_jvp, vjp = my_vjp)]` uses the user's rules instead of
/// differentiating the body; each has exactly the signature of the generated function it
/// replaces (see `docs/body.md`).
///
/// ```ignore
/// use awkdiff::prelude::*;
///
/// #[differentiable]
/// fn reverse_sum(array: &Array<f32>) -> Array<f32> {
///     array.slice(s![..;-1]).sum(0)
/// }
/// let (value, tangent) = jvp_reverse_sum(&array, &d_array);
/// let (value, pullback) = vjp_reverse_sum(&array);
/// let ct_array = pullback(&ct_value);
/// ```
/// (Runnable examples are in the `awkdiff` crate's documentation.)
#[proc_macro_attribute]
pub fn differentiable(attr: TokenStream, item: TokenStream) -> TokenStream {
    differentiable_impl(attr.into(), item.into()).into()
}

/// Makes a struct of arrays that share their lists a record (Awkward's `ak.zip`):
///
/// ```ignore
/// #[derive(Clone, Debug, Record)]
/// struct Jets<T: Float> {
///     pt: Array<T>,
///     eta: Array<T>,
///     #[no_grad]
///     btag: Array<bool>,
/// }
/// let jets = Jets::zip(pt, eta, btag)?; // checks that the fields share their lists
/// let leading = jets.slice(s![.., ..1]); // every field alike (RecordOps)
/// ```
///
/// Generates `Name::zip(fields..) -> Result<Name, Error>`, the `Record` impl (record-wide
/// `slice`, `at`, `take`, `filter`, `flatten`, `len`, `counts`, `type_str`, `show`,
/// `to_json`/`from_json` through `RecordOps`), `Display` as Awkward prints records, serde's
/// `Serialize`/`Deserialize` as lists of objects (what `ak.to_list` gives: the same text as
/// `to_json`, whatever features awkdiff has; so do not also derive them), and, when some field
/// is differentiated, `Value` (so that a record can be a parameter of a
/// `#[differentiable]` function, its tangents and cotangents records of the same struct).
/// Every field is an `Array<..>`; those not of the float type are marked `#[no_grad]`.
/// (Runnable examples are in the `awkdiff` crate's documentation.)
#[proc_macro_derive(Record, attributes(no_grad))]
pub fn derive_record(input: TokenStream) -> TokenStream {
    record::derive(input.into()).into()
}

/// The attribute on token streams (testable outside a proc-macro context).
fn differentiable_impl(attr: TokenStream2, item: TokenStream2) -> TokenStream2 {
    let item: syn::Item = match syn::parse2(item) {
        Ok(item) => item,
        Err(error) => return error.to_compile_error(),
    };
    if let syn::Item::Impl(block) = item {
        return differentiable_impl_block(attr, block);
    }
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
    match run(attr, &function, None) {
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

/// `#[differentiable]` on an inherent `impl` block: every associated function in it is
/// differentiated, its generated functions (and marker) placed in the block beside it.
fn differentiable_impl_block(attr: TokenStream2, mut block: syn::ItemImpl) -> TokenStream2 {
    if let Some((_, path, _)) = &block.trait_ {
        let error = syn::Error::new_spanned(
            path,
            "#[differentiable] on an `impl` block needs an inherent impl (`impl Model { .. }`): a trait impl cannot hold the generated `jvp_`/`vjp_` functions",
        );
        let mut out = block.to_token_stream();
        out.extend(error.to_compile_error());
        return out;
    }
    let mut errors = TokenStream2::new();
    let mut items = Vec::new();
    let owner = lower::Owner {
        self_ty: (*block.self_ty).clone(),
        generics: block
            .generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect(),
    };
    for item in std::mem::take(&mut block.items) {
        let syn::ImplItem::Fn(method) = item else {
            items.push(item.to_token_stream());
            continue;
        };
        let function = syn::ItemFn {
            attrs: method.attrs.clone(),
            vis: method.vis.clone(),
            sig: method.sig.clone(),
            block: Box::new(method.block.clone()),
        };
        match run(attr.clone(), &function, Some(&owner)) {
            Ok(tokens) => items.push(tokens),
            Err(error) => {
                let mut original = method;
                for input in original.sig.inputs.iter_mut() {
                    match input {
                        syn::FnArg::Typed(typed) => {
                            typed.attrs.retain(|a| !a.path().is_ident("no_grad"))
                        }
                        syn::FnArg::Receiver(receiver) => {
                            receiver.attrs.retain(|a| !a.path().is_ident("no_grad"))
                        }
                    }
                }
                items.push(original.to_token_stream());
                errors.extend(error.to_compile_error());
            }
        }
    }
    let attrs = &block.attrs;
    let generics = &block.generics;
    let where_clause = &block.generics.where_clause;
    let self_ty = &block.self_ty;
    quote::quote! {
        #(#attrs)*
        impl #generics #self_ty #where_clause {
            #(#items)*
        }
        #errors
    }
}

fn run(
    attr: TokenStream2,
    function: &syn::ItemFn,
    owner: Option<&lower::Owner>,
) -> syn::Result<TokenStream2> {
    let associated = owner.is_some();
    let owner_generics = owner.map(|o| o.generics.clone()).unwrap_or_default();
    let mut errors = validate::Errors::default();
    let custom = match custom::Rules::parse(attr) {
        Ok(custom) => custom,
        Err(error) => {
            errors.add(error);
            custom::Rules::default()
        }
    };
    if custom.jvp.is_some() && custom.vjp.is_some() {
        // The body is not differentiated: only the signature matters.
        if let Err(error) = validate::check_signature_only(function, &owner_generics) {
            errors.add(error);
        }
        errors.finish()?;
        let mut ir = lower::lower(function, None, owner)?;
        ir.associated = associated;
        for param in &ir.params {
            ir.values[param.value].active = param.differentiable;
        }
        return Ok(expand::expand(&ir, &custom));
    }
    let body = returns::fold(&function.block);
    let mut folded = function.clone();
    *folded.block = body.clone();
    if let Err(error) = validate::check(&folded, &owner_generics) {
        errors.add(error);
    }
    errors.finish()?;
    let mut ir = lower::lower(function, Some(&body), owner)?;
    ir.associated = associated;
    activity::analyze(&mut ir)?;
    fuse::fuse(&mut ir);
    Ok(expand::expand(&ir, &custom))
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
