//! `#[derive(Record)]`, first stage: the struct as a typed description, every rejection an
//! error on the exact tokens (all of them reported together).

use syn::{Data, DeriveInput, Fields, GenericArgument, GenericParam, PathArguments, Type};

use crate::validate::Errors;

/// A struct that can be a record: named fields, every one an `Array<..>`.
pub struct RecordStruct<'a> {
    pub input: &'a DeriveInput,
    pub fields: Vec<RecordField<'a>>,
    /// The element type of the differentiated fields (`T`, `f64`), if any is.
    pub float: Option<&'a Type>,
}

/// One field: its name, its type as written, its element type, and whether it is
/// differentiated (not `#[no_grad]`).
pub struct RecordField<'a> {
    pub name: &'a syn::Ident,
    pub ty: &'a Type,
    pub elem: &'a Type,
    pub differentiated: bool,
}

/// The struct behind `input`, or every reason it cannot be a record.
pub fn parse(input: &DeriveInput) -> syn::Result<RecordStruct<'_>> {
    let mut errors = Errors::default();
    let named = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(named),
            Fields::Unnamed(_) | Fields::Unit => {
                errors.add(syn::Error::new_spanned(
                    &input.ident,
                    "#[derive(Record)] needs a struct with named fields, one array per field: `struct Jets<T: Float> { pt: Array<T>, eta: Array<T> }`",
                ));
                None
            }
        },
        Data::Enum(_) | Data::Union(_) => {
            errors.add(syn::Error::new_spanned(
                &input.ident,
                "#[derive(Record)] goes on a struct of arrays, not on an enum or a union",
            ));
            None
        }
    };
    let types: Vec<&syn::TypeParam> = input
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    if types.len() > 1 {
        errors.add(syn::Error::new_spanned(
            &input.generics,
            "a record has at most one type parameter, its float type: `struct Jets<T: Float> { .. }`",
        ));
    }
    for param in &input.generics.params {
        if let GenericParam::Lifetime(lifetime) = param {
            errors.add(syn::Error::new_spanned(
                lifetime,
                "a record owns its arrays: remove the lifetime parameter",
            ));
        }
    }
    let mut fields = Vec::new();
    if let Some(named) = named {
        if named.named.is_empty() {
            errors.add(syn::Error::new_spanned(
                &input.ident,
                "a record needs at least one field: `struct Jets<T: Float> { pt: Array<T> }`",
            ));
        }
        for field in &named.named {
            let name = field.ident.as_ref().expect("named field");
            let differentiated = !field.attrs.iter().any(|a| a.path().is_ident("no_grad"));
            match array_element(&field.ty) {
                Some(elem) => fields.push(RecordField {
                    name,
                    ty: &field.ty,
                    elem,
                    differentiated,
                }),
                None => errors.add(syn::Error::new_spanned(
                    &field.ty,
                    format!(
                        "field `{name}` of a record must be an array, `Array<T>` (or `Array<bool>`/`Array<i64>` marked `#[no_grad]`); records of records are not supported yet: give the inner record's fields to the outer struct"
                    ),
                )),
            }
        }
    }
    // The differentiated fields: float arrays of one element type.
    let mut float: Option<&Type> = None;
    for field in fields.iter().filter(|f| f.differentiated) {
        let elem = field.elem;
        if !is_float(elem, &types) {
            errors.add(syn::Error::new_spanned(
                elem,
                format!(
                    "field `{}` holds `{}`, which has no derivative: mark it `#[no_grad]`",
                    field.name,
                    quote::quote!(#elem)
                ),
            ));
            continue;
        }
        match float {
            None => float = Some(elem),
            Some(first) if same_type(first, elem) => {}
            Some(first) => errors.add(syn::Error::new_spanned(
                elem,
                format!(
                    "field `{}` holds `{}` but the fields before it hold `{}`: the differentiated fields of a record share one float type",
                    field.name,
                    quote::quote!(#elem),
                    quote::quote!(#first)
                ),
            )),
        }
    }
    errors.finish()?;
    Ok(RecordStruct {
        input,
        fields,
        float,
    })
}

/// `X` of a type `Array<X>` (any path ending in `Array`).
fn array_element(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    if segment.ident != "Array" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(elem)) if args.args.len() == 1 => Some(elem),
        _ => None,
    }
}

/// Whether `ty` is `f32`, `f64` or the struct's type parameter.
fn is_float(ty: &Type, params: &[&syn::TypeParam]) -> bool {
    let Type::Path(path) = ty else { return false };
    let Some(ident) = path.path.get_ident() else {
        return false;
    };
    ident == "f32" || ident == "f64" || params.iter().any(|p| p.ident == *ident)
}

fn same_type(a: &Type, b: &Type) -> bool {
    quote::quote!(#a).to_string() == quote::quote!(#b).to_string()
}
