//! `#[derive(Record)]`, second stage: the generated impls.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::parse::{RecordField, RecordStruct};

/// Every generated item for `record`.
pub fn expand(record: &RecordStruct) -> TokenStream {
    let zip = zip(record);
    let record_impl = record_impl(record);
    let display = display(record);
    let serde = serde(record);
    let value = value(record);
    quote! {
        #zip
        #record_impl
        #display
        #serde
        #value
    }
}

/// The impl header pieces, with `float: Float` added to the where clause.
fn header(record: &RecordStruct) -> (TokenStream, TokenStream, TokenStream) {
    let (impl_generics, ty_generics, where_clause) = record.input.generics.split_for_impl();
    let mut predicates: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();
    if let Some(float) = record.float {
        predicates.push(quote!(#float: ::awkdiff::Float));
    }
    let where_clause = if predicates.is_empty() {
        quote!()
    } else {
        quote!(where #(#predicates),*)
    };
    (quote!(#impl_generics), quote!(#ty_generics), where_clause)
}

/// `Name::zip(fields..) -> Result<Name, Error>`.
fn zip(record: &RecordStruct) -> TokenStream {
    let name = &record.input.ident;
    let (impl_generics, ty_generics, where_clause) = header(record);
    let params = record.fields.iter().map(|f| {
        let (field, ty) = (f.name, f.ty);
        quote!(#field: #ty)
    });
    let first = &record.fields[0];
    let first_name = first.name;
    let checks = record.fields[1..].iter().map(|f| {
        let field = f.name;
        let (record_str, first_str, field_str) =
            (name.to_string(), first_name.to_string(), field.to_string());
        quote! {
            let #field = ::awkdiff::record::zip_field(#record_str, #first_str, &#first_name, #field_str, #field)?;
        }
    });
    let names = record.fields.iter().map(|f| f.name);
    let doc = format!(
        " The record of these fields, which share their lists (`ak.zip`); `Error::Structure` names the first field whose lists differ from those of `{first_name}`. The fields then share one set of lists."
    );
    quote! {
        impl #impl_generics #name #ty_generics #where_clause {
            #[doc = #doc]
            #[allow(clippy::too_many_arguments)]
            pub fn zip(#(#params),*) -> ::core::result::Result<Self, ::awkdiff::Error> {
                #(#checks)*
                ::core::result::Result::Ok(Self { #(#names),* })
            }
        }
    }
}

/// `impl Record`.
fn record_impl(record: &RecordStruct) -> TokenStream {
    let name = &record.input.ident;
    let name_str = name.to_string();
    let (impl_generics, ty_generics, where_clause) = header(record);
    let fields: Vec<&syn::Ident> = record.fields.iter().map(|f| f.name).collect();
    let strs: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    quote! {
        impl #impl_generics ::awkdiff::record::Record for #name #ty_generics #where_clause {
            const NAME: &'static str = #name_str;
            const FIELDS: &'static [&'static str] = &[#(#strs),*];
            fn fields(&self) -> ::std::vec::Vec<&dyn ::awkdiff::record::Field> {
                ::std::vec![#(&self.#fields),*]
            }
            fn try_map_fields<M: ::awkdiff::record::MapField>(&self, m: &M) -> ::awkdiff::Result<Self> {
                ::core::result::Result::Ok(Self { #(#fields: m.map(#strs, &self.#fields)?),* })
            }
            fn try_from_fields<S: ::awkdiff::record::FieldSource>(source: &mut S) -> ::awkdiff::Result<Self> {
                #(let #fields = source.field(#strs)?;)*
                Self::zip(#(#fields),*)
            }
        }
    }
}

/// `Display` as Awkward's `str()`.
fn display(record: &RecordStruct) -> TokenStream {
    let name = &record.input.ident;
    let (impl_generics, ty_generics, where_clause) = header(record);
    quote! {
        impl #impl_generics ::core::fmt::Display for #name #ty_generics #where_clause {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&::awkdiff::record::RecordOps::display(self))
            }
        }
    }
}

/// serde's `Serialize` and `Deserialize` as lists of objects (`ak.to_list`), each a call of
/// the generic code in `awkdiff::record`: a few lines per record, and the same impls
/// whatever features awkdiff was built with (the `serde` crate is always its dependency).
fn serde(record: &RecordStruct) -> TokenStream {
    let name = &record.input.ident;
    let (impl_generics, ty_generics, where_clause) = header(record);
    let mut de_generics = record.input.generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    let serde = quote!(::awkdiff::record::__serde);
    quote! {
        impl #impl_generics #serde::Serialize for #name #ty_generics #where_clause {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                ::awkdiff::record::serialize(self, serializer)
            }
        }
        impl #de_impl_generics #serde::Deserialize<'de> for #name #ty_generics #where_clause {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::awkdiff::record::deserialize(deserializer)
            }
        }
    }
}

/// `impl Value`, when some field is differentiated: the differentiated fields are the
/// record's values, the others ride along unchanged.
fn value(record: &RecordStruct) -> TokenStream {
    let Some(float) = record.float else {
        return quote!();
    };
    let name = &record.input.ident;
    let (impl_generics, ty_generics, where_clause) = header(record);
    let value = quote!(::awkdiff::Value);
    let each = |f: &RecordField, diff: TokenStream| {
        let field = f.name;
        if f.differentiated {
            quote!(#field: #diff)
        } else {
            quote!(#field: ::core::clone::Clone::clone(&self.#field))
        }
    };
    let zeros = record.fields.iter().map(|f| {
        let field = f.name;
        each(f, quote!(#value::zeros_like(&self.#field)))
    });
    let add = record.fields.iter().map(|f| {
        let field = f.name;
        each(f, quote!(#value::add_value(&self.#field, &other.#field)))
    });
    let map = record.fields.iter().map(|f| {
        let field = f.name;
        each(f, quote!(#value::map_value(&self.#field, &f)))
    });
    let zip = record.fields.iter().map(|f| {
        let field = f.name;
        each(
            f,
            quote!(#value::zip_value(&self.#field, &other.#field, &f)),
        )
    });
    let unflatten = record.fields.iter().map(|f| {
        let field = f.name;
        each(f, quote!(#value::unflatten_like(&self.#field, values)))
    });
    let differentiated: Vec<&syn::Ident> = record
        .fields
        .iter()
        .filter(|f| f.differentiated)
        .map(|f| f.name)
        .collect();
    let first = differentiated[0];
    let rest = &differentiated[1..];
    let contexts = differentiated.iter().map(|f| format!(", field `{f}`"));
    let total = format_ident!("total");
    let zipped = record.fields.iter().map(|f| {
        let field = f.name;
        let name = field.to_string();
        each(f, quote!(m.zip(#name, &self.#field, &other.#field)?))
    });
    quote! {
        impl #impl_generics ::awkdiff::record::FloatFields for #name #ty_generics #where_clause {
            fn try_zip_float_fields<M: ::awkdiff::record::ZipFloat<#float>>(
                &self,
                other: &Self,
                m: &M,
            ) -> ::awkdiff::Result<Self> {
                ::core::result::Result::Ok(Self { #(#zipped),* })
            }
        }
        impl #impl_generics #value for #name #ty_generics #where_clause {
            type Elem = #float;
            fn zeros_like(&self) -> Self {
                Self { #(#zeros),* }
            }
            fn add_value(&self, other: &Self) -> Self {
                Self { #(#add),* }
            }
            fn map_value(&self, f: impl Fn(#float) -> #float + Sync) -> Self {
                Self { #(#map),* }
            }
            fn zip_value(&self, other: &Self, f: impl Fn(#float, #float) -> #float + Sync) -> Self {
                Self { #(#zip),* }
            }
            fn dot(&self, other: &Self) -> #float {
                let mut #total = #value::dot(&self.#first, &other.#first);
                #(#total = #total + #value::dot(&self.#rest, &other.#rest);)*
                #total
            }
            fn check_like(&self, value: &Self, context: &str) -> ::awkdiff::Result<()> {
                #(#value::check_like(&self.#differentiated, &value.#differentiated, &::std::format!("{}{}", context, #contexts))?;)*
                ::core::result::Result::Ok(())
            }
            fn type_string(&self) -> ::std::string::String {
                ::awkdiff::record::RecordOps::type_str(self)
            }
            fn flatten_into(&self, out: &mut ::std::vec::Vec<f64>) {
                #(#value::flatten_into(&self.#differentiated, out);)*
            }
            fn unflatten_like(&self, values: &mut dyn ::core::iter::Iterator<Item = f64>) -> Self {
                Self { #(#unflatten),* }
            }
        }
    }
}
