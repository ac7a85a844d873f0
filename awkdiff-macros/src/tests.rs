//! Expansion snapshots: what `#[differentiable]` writes, pretty-printed. Run
//! `cargo test -p awkdiff-macros -- --nocapture expansion` to read them.

use quote::quote;

fn expand(item: proc_macro2::TokenStream) -> String {
    let tokens = crate::differentiable_impl(quote!(), item);
    let file: syn::File = syn::parse2(tokens.clone()).unwrap_or_else(|e| panic!("{e}: {tokens}"));
    prettyplease::unparse(&file)
}

fn seed() -> proc_macro2::TokenStream {
    quote! {
        /// Sums the lists of `array` position by position, last list first.
        pub fn reverse_sum(array: &Array<f32>) -> Array<f32> {
            array.slice(s![..;-1]).sum(0)
        }
    }
}

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/expansion.md");

/// Checks the expansion between `<!-- {section} begin -->` and `<!-- {section} end -->` in
/// docs/expansion.md, or rewrites it with `UPDATE_EXPANSION=1`.
fn check_doc_section(section: &str, text: &str) {
    let begin = format!("<!-- {section} begin -->\n```rust\n");
    let end_marker = format!("```\n<!-- {section} end -->");
    let doc = std::fs::read_to_string(DOC).expect("docs/expansion.md exists");
    let start = doc.find(&begin).expect("begin marker") + begin.len();
    let end = doc.find(&end_marker).expect("end marker");
    if std::env::var_os("UPDATE_EXPANSION").is_some() {
        let updated = format!("{}{}{}", &doc[..start], text, &doc[end..]);
        std::fs::write(DOC, updated).expect("docs/expansion.md is writable");
        return;
    }
    assert_eq!(
        &doc[start..end],
        text,
        "docs/expansion.md ({section}) is out of date: run with UPDATE_EXPANSION=1"
    );
}

/// docs/expansion.md shows the current expansion of the seed function. Regenerate it with
/// `UPDATE_EXPANSION=1 cargo test -p awkdiff-macros expansion_doc`.
#[test]
fn expansion_doc_is_current() {
    check_doc_section("expansion", &expand(seed()));
}

fn recurrence() -> proc_macro2::TokenStream {
    quote! {
        /// `h = tanh(h * w + x[i % n])` for `steps` steps, then clipped from below.
        fn recurrence(h: &Array<f64>, w: f64, x: &Array<f64>, steps: usize) -> f64 {
            let n = x.len();
            let mut h = h.clone();
            for i in 0..steps {
                h = (&h * w + x.at((i % n) as isize)).tanh();
            }
            let total = h.sum_all();
            if total > 0.0 { total } else { total * 0.1 }
        }
    }
}

/// docs/expansion.md also shows the expansion of a loop and a branch (same update switch).
#[test]
fn loop_expansion_doc_is_current() {
    check_doc_section("loop expansion", &expand(recurrence()));
}

/// ... and of a fused elementwise chain.
#[test]
fn fused_expansion_doc_is_current() {
    check_doc_section(
        "fused expansion",
        &expand(quote! {
            /// `sum(x * x + sin x)` of every list.
            fn f(x: &Array<f64>) -> Array<f64> {
                (x * x + x.sin()).sum(-1)
            }
        }),
    );
}

#[test]
fn expansion_of_the_seed() {
    let text = expand(seed());
    println!("{text}");
    assert!(text.contains(
        "pub fn jvp_reverse_sum(\n    array: &Array<f32>,\n    d_array: &Array<f32>,\n)"
    ));
    assert!(text.contains(
        "let d_array_slice = rules::slice_jvp(array, &array_slice, &s![..; - 1], d_array);"
    ));
    assert!(text.contains("pub fn vjp_reverse_sum(\n    array: &Array<f32>,\n) -> (Array<f32>, impl Fn(&Array<f32>) -> Array<f32>)"));
}

#[test]
fn expansion_of_a_composite() {
    let text = expand(quote! {
        fn f(x: &Array<f64>, s: f64, n: usize) -> (Array<f64>, f64) {
            let mut y = x * x + x.sin() * s;
            y = y.exp();
            let z = stop_gradient(&y) * 2.0;
            let t = g(&y);
            (&y + &z + t, (y.sum_all() * s).powi(n as i32))
        }
    });
    println!("{text}");
}

#[test]
fn temporaries_are_named_after_the_user_variables() {
    let text = expand(quote! {
        fn f(x: &Array<f64>) -> Array<f64> {
            (x * x + x.sin()).sum(-1)
        }
    });
    for line in [
        "let x_mul = rules::scalar::mul(x, x);",
        "let x_sin = rules::scalar::sin(x);",
        "let x_add = rules::scalar::add(x_mul, x_sin);",
        // The sum that consumes the chain is taken in the chain's pass.
        "let out = rules::fused_sum_map(",
        "let (out, d_out) = rules::fused_sum_jvp(",
        "rules::fused_sum_vjp(",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
}

#[test]
fn constants_get_no_tangent_and_no_cotangent() {
    let text = expand(quote! {
        fn f(x: &Array<f64>, #[no_grad] c: &Array<f64>, n: i32) -> Array<f64> {
            let k = c.exp().powi(n);
            let unused = x.cos();
            x * &k
        }
    });
    // The generated functions, without the entries for callers (which take a tangent of
    // every float argument and drop that of `c`).
    let (text, entries) = text.split_once("fn __awkdiff_jvp_f").expect("the entries");
    assert!(
        entries.contains("_d_c: impl ::core::marker::Sized"),
        "{entries}"
    );
    assert!(!text.contains("d_k"), "{text}");
    assert!(!text.contains("ct_k"), "{text}");
    assert!(!text.contains("d_c"), "{text}");
    assert!(!text.contains("d_unused"), "{text}");
    assert!(!text.contains("ct_unused"), "{text}");
    assert!(
        text.contains("let d_out = rules::mul_jvp_lhs(x, &k, &out, d_x);"),
        "{text}"
    );
    assert!(!text.contains("mul_jvp_rhs"), "{text}");
    // The fused chain (`c.exp().powi(n)` and the product) takes no tangent of `c` either.
    assert!(text.contains("[d_x],"), "{text}");
    assert!(
        text.contains("let (da, _) = rules::scalar::mul_slopes(x, k, out);"),
        "{text}"
    );
}

#[test]
fn reassignment_and_shadowing_make_new_names() {
    let text = expand(quote! {
        fn f(x: &Array<f64>) -> Array<f64> {
            let mut y = x.exp();
            y = y.sin();
            let y = &y * 2.0;
            y
        }
    });
    for line in [
        "let y = rules::scalar::exp(x);",
        "let y_1 = rules::scalar::sin(y);",
        "let y_2 = rules::scalar::mul(y_1, 2.0);",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
}

#[test]
fn errors_are_combined() {
    let tokens = crate::differentiable_impl(
        quote!(),
        quote! {
            async fn f(x: &mut Array<f64>) -> Vec<f64> {
                loop {}
            }
        },
    );
    let text = tokens.to_string();
    for part in ["`async fn`", "`&mut` parameters", "must return", "`loop`"] {
        assert!(text.contains(part), "missing {part} in {text}");
    }
}

#[test]
fn expansion_of_a_loop_and_a_branch() {
    let text = expand(recurrence());
    // Forward mode: the tangent is carried along, no storage.
    assert!(text.contains("let mut d_h_1 = d_h.clone();"));
    assert!(text.contains("        h_1 = h_2;\n        d_h_1 = d_h_2;\n"));
    // Reverse mode: one pullback per iteration on a tape, popped in reverse order.
    assert!(text.contains("let mut h_1_tape = ::std::vec::Vec::new();"));
    assert!(text.contains("for pullback in h_1_tape.iter().rev() {"));
    // The branch that ran records its pullback.
    assert!(text.contains("out_1_then = ::core::option::Option::Some("));
    assert!(text.contains("(::core::option::Option::Some(pullback), _) => pullback((ct_out_1,)),"));
}

#[test]
fn early_returns_fold_into_if_else() {
    let folded = crate::returns::fold(&syn::parse_quote!({
        if k < 0 {
            return x * 2.0;
        }
        let y = x.sin();
        if k == 0 {
            return y;
        } else if k == 1 {
            return y * y;
        }
        y.exp()
    }));
    let text = quote!(#folded).to_string();
    assert_eq!(
        text,
        quote!({
            if k < 0 {
                x * 2.0
            } else {
                let y = x.sin();
                if k == 0 {
                    y
                } else {
                    if k == 1 {
                        y * y
                    } else {
                        y.exp()
                    }
                }
            }
        })
        .to_string()
    );
}

#[test]
fn break_and_continue_fold_into_a_flag_and_else() {
    let folded = crate::returns::fold(&syn::parse_quote!({
        let mut y = x;
        for i in 0..n {
            if i == 1 {
                continue;
            }
            if i > stop {
                break;
            }
            y = y.sin();
        }
        y
    }));
    let text = quote!(#folded).to_string();
    assert_eq!(
        text,
        quote!({
            let mut y = x;
            let mut __awkdiff_break_0 = false;
            for i in 0..n {
                if !__awkdiff_break_0 {
                    if i == 1 {
                    } else {
                        if i > stop {
                            __awkdiff_break_0 = true;
                        } else {
                            y = y.sin();
                        }
                    }
                }
            }
            y
        })
        .to_string()
    );
}

/// The ufuncs of issue 13 fuse like the others (one scalar call and one slope each), and
/// `where_` becomes one primitive, the mask written first but passed to the rules after `y`.
#[test]
fn new_ufuncs_fuse_and_where_is_a_primitive() {
    let text = expand(quote! {
        fn f(x: &Array<f64>, w: f64) -> Array<f64> {
            (x * w).maximum(0.0).sigmoid() + x.clamp(-1.0, 1.0) + x.atan2(&x.hypot(1.0))
        }
    });
    println!("{text}");
    assert!(text.contains("rules::fused_jvp("));
    for call in [
        "rules::scalar::maximum(",
        "rules::scalar::maximum_slopes(",
        "rules::scalar::sigmoid(",
        "rules::scalar::sigmoid_slope(",
        "rules::scalar::clamp(x, -1.0, 1.0)",
        "rules::scalar::hypot_slopes(",
        "rules::scalar::atan2_slopes(",
    ] {
        assert!(text.contains(call), "{call}");
    }
    let text = expand(quote! {
        fn g(x: &Array<f64>, y: &Array<f64>) -> Array<f64> {
            let mask = x.gt(0.0);
            let a = where_(&mask, x, 0.0);
            let b = mask.where_(&a, y);
            b.sum(1)
        }
    });
    println!("{text}");
    assert!(text.contains("let a = where_(&mask, x, 0.0);"));
    assert!(text.contains("let b = mask.where_(&a, y);"));
    assert!(text.contains("rules::where_jvp_lhs(x, &0.0, &a, &mask, d_x)"));
    assert!(text.contains("rules::where_vjp_rhs(&a, &y, &b, &mask, &ct_b)"));
    assert!(
        !text.contains("where_jvp_rhs(x, &0.0"),
        "a constant branch has no tangent"
    );
}

/// `#[derive(Record)]` on `fields` (each `Array<T>`), pretty-printed.
fn expand_record(fields: &[&str]) -> String {
    let fields = fields.iter().map(|f| quote::format_ident!("{f}"));
    let tokens = crate::record::derive(quote! {
        struct Jets<T: Float> { #(#fields: Array<T>),* }
    });
    let file: syn::File = syn::parse2(tokens.clone()).unwrap_or_else(|e| panic!("{e}: {tokens}"));
    prettyplease::unparse(&file)
}

/// The lines of the impl of `trait_name` in a pretty-printed expansion.
fn impl_lines(text: &str, trait_name: &str) -> usize {
    let start = text
        .find(&format!("::{trait_name}<"))
        .or_else(|| text.find(&format!("::{trait_name} for")))
        .unwrap_or_else(|| panic!("no impl of {trait_name} in\n{text}"));
    let start = text[..start].rfind("impl").unwrap();
    let end = start + text[start..].find("\n}\n").unwrap();
    text[start..end].lines().count() + 1
}

#[test]
fn record_serde_impls_forward_to_one_generic_function_whatever_the_fields() {
    let two = expand_record(&["pt", "eta"]);
    let four = expand_record(&["pt", "eta", "phi", "mass"]);
    assert!(two.contains("::awkdiff::record::serialize(self, serializer)"));
    assert!(two.contains("::awkdiff::record::deserialize(deserializer)"));
    for name in ["Serialize", "Deserialize"] {
        assert_eq!(impl_lines(&two, name), impl_lines(&four, name), "{name}");
        assert!(
            impl_lines(&four, name) <= 12,
            "{name}: {}",
            impl_lines(&four, name)
        );
    }
    println!(
        "derive(Record) of 4 fields: {} lines, of which Serialize {} and Deserialize {}",
        four.lines().count(),
        impl_lines(&four, "Serialize"),
        impl_lines(&four, "Deserialize")
    );
}
