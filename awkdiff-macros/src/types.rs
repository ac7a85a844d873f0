//! What a type written in a signature means for differentiation. The macro knows syntax,
//! not types: `Array<T>` of a float, a float scalar, a known non-differentiable type, or
//! something it cannot tell (an error asking for `#[no_grad]`).

use std::collections::HashSet;

use syn::{GenericArgument, PathArguments, Type};

use crate::ir::Kind;

/// The generic type parameters of the function (assumed to be floats: `T: Float`).
pub type Generics = HashSet<String>;

/// A classified type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeInfo {
    pub kind: Kind,
    pub by_ref: bool,
    pub copy: bool,
}

const INTEGERS: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "bool",
    "char",
];

const OTHERS: &[&str] = &["Vec", "Slice", "String", "str"];

/// Whether `ty` is a float scalar type: `f32`, `f64` or a generic parameter.
pub fn is_float_scalar(ty: &Type, generics: &Generics) -> bool {
    match last_segment(ty) {
        Some(segment) if segment.arguments.is_empty() => {
            let name = segment.ident.to_string();
            name == "f32" || name == "f64" || generics.contains(&name)
        }
        _ => false,
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        Type::Paren(inner) => last_segment(&inner.elem),
        Type::Group(inner) => last_segment(&inner.elem),
        _ => None,
    }
}

/// Whether `ty` is `Array<F>` (any path ending in `Array`) of a float `F`; `Some(false)` for
/// an `Array` of something else.
fn array_of_float(ty: &Type, generics: &Generics) -> Option<bool> {
    collection_of_float(ty, generics, "Array")
}

/// Whether `ty` is `name<F>` (any path ending in `name`: `Array`, `Masked`) of a float `F`;
/// `Some(false)` for a `name` of something else, `None` for another type.
fn collection_of_float(ty: &Type, generics: &Generics, name: &str) -> Option<bool> {
    let segment = last_segment(ty)?;
    if segment.ident != name {
        return None;
    }
    match &segment.arguments {
        PathArguments::AngleBracketed(args) => match args.args.first() {
            Some(GenericArgument::Type(elem)) if args.args.len() == 1 => {
                Some(is_float_scalar(elem, generics))
            }
            _ => Some(false),
        },
        _ => Some(false),
    }
}

/// Whether `ty` is `Name<F>` of a float `F` for a `Name` that is none of the known types: a
/// record made with `#[derive(Record)]` (the macro cannot see the struct; if it is not one,
/// the generated code's use of `awkdiff::Value` reports it at the type).
fn is_record_of_float(ty: &Type, generics: &Generics) -> bool {
    let Some(segment) = last_segment(ty) else {
        return false;
    };
    let name = segment.ident.to_string();
    if INTEGERS.contains(&name.as_str())
        || OTHERS.contains(&name.as_str())
        || KNOWN.contains(&name.as_str())
    {
        return false;
    }
    match &segment.arguments {
        PathArguments::AngleBracketed(args) => matches!(
            args.args.first(),
            Some(GenericArgument::Type(elem)) if args.args.len() == 1 && is_float_scalar(elem, generics)
        ),
        _ => false,
    }
}

/// Generic types that are never records.
const KNOWN: &[&str] = &[
    "Option", "Result", "Box", "Rc", "Arc", "Cow", "HashMap", "BTreeMap",
];

/// Classifies a parameter or value type; `None` when the macro cannot tell.
pub fn classify(ty: &Type, generics: &Generics) -> Option<TypeInfo> {
    match ty {
        Type::Reference(reference) => {
            let inner = classify(&reference.elem, generics)?;
            Some(TypeInfo {
                by_ref: true,
                ..inner
            })
        }
        Type::Paren(inner) => classify(&inner.elem, generics),
        Type::Group(inner) => classify(&inner.elem, generics),
        Type::Slice(_) | Type::Array(_) => Some(TypeInfo {
            kind: Kind::Other,
            by_ref: false,
            copy: false,
        }),
        _ => {
            if is_float_scalar(ty, generics) {
                return Some(TypeInfo {
                    kind: Kind::Scalar,
                    by_ref: false,
                    copy: true,
                });
            }
            if let Some(float) = array_of_float(ty, generics) {
                return Some(TypeInfo {
                    kind: if float { Kind::Array } else { Kind::Other },
                    by_ref: false,
                    copy: false,
                });
            }
            if let Some(float) = collection_of_float(ty, generics, "Masked") {
                // An array with missing entries: differentiated and passed by reference as
                // an array is, but never fused.
                return Some(TypeInfo {
                    kind: if float { Kind::Masked } else { Kind::Other },
                    by_ref: false,
                    copy: false,
                });
            }
            if is_record_of_float(ty, generics) {
                // A record (`#[derive(Record)]`) over the float type: a differentiated value
                // passed by reference, as an array is.
                return Some(TypeInfo {
                    kind: Kind::Array,
                    by_ref: false,
                    copy: false,
                });
            }
            let name = last_segment(ty)?.ident.to_string();
            if INTEGERS.contains(&name.as_str()) {
                Some(TypeInfo {
                    kind: Kind::Other,
                    by_ref: false,
                    copy: true,
                })
            } else if OTHERS.contains(&name.as_str()) {
                Some(TypeInfo {
                    kind: Kind::Other,
                    by_ref: false,
                    copy: false,
                })
            } else {
                None
            }
        }
    }
}

/// The kind of a return type component: an array or a float; `None` otherwise.
pub fn output_kind(ty: &Type, generics: &Generics) -> Option<Kind> {
    match classify(ty, generics) {
        Some(TypeInfo {
            kind: kind @ (Kind::Array | Kind::Masked | Kind::Scalar),
            by_ref: false,
            ..
        }) => Some(kind),
        _ => None,
    }
}

/// `ty` without its outer `&`.
pub fn owned(ty: &Type) -> Type {
    match ty {
        Type::Reference(reference) => (*reference.elem).clone(),
        other => other.clone(),
    }
}

/// For `Result<R, E>` (or awkdiff's `Result<R>`), the value type `R` and the error type `E`.
pub fn split_result(ty: &Type) -> Option<(Type, Type)> {
    let segment = last_segment(ty)?;
    if segment.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [value] => Some(((*value).clone(), syn::parse_quote!(::awkdiff::Error))),
        [value, error] => Some(((*value).clone(), (*error).clone())),
        _ => None,
    }
}
