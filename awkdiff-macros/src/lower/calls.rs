//! Lowering of operators, method calls and function calls: each differentiable primitive
//! becomes one statement; calls of other `#[differentiable]` functions become call ops.

use quote::{quote, ToTokens};
use syn::spanned::Spanned;
use syn::Expr;

use super::*;
use crate::ir::{Arg, Kind, Op, Operand, PrimSyntax, Stmt};
use crate::primitives::{self, Arity, Primitive};

impl Lower {
    pub(super) fn binary(
        &mut self,
        binary: &syn::ExprBinary,
        hint: Option<&Hint>,
    ) -> Option<Operand> {
        if compound_op(&binary.op).is_some() {
            self.errors.push(binary, "compound assignment is only supported as a statement (`y += x;`) in a #[differentiable] body");
            return None;
        }
        let lhs = self.expr(&binary.left, None)?;
        let rhs = self.expr(&binary.right, None)?;
        let op = binary.op;
        let base = self.base_of(&[&lhs, &rhs]);
        if let Some(prim) = primitives::operator(&op) {
            let kind = combine(self.kind_of(&lhs), self.kind_of(&rhs));
            if let (Operand::Const(l, _), Operand::Const(r, _)) = (&lhs, &rhs) {
                return Some(Operand::Const(quote!((#l #op #r)), kind));
            }
            let copy = kind == Kind::Scalar
                || (kind == Kind::Other && self.copy_of(&lhs) && self.copy_of(&rhs));
            let suffix = prim.name;
            let op = Op::Prim {
                prim,
                syntax: PrimSyntax::Binary(op),
                operands: vec![
                    Arg {
                        operand: lhs,
                        user_ref: matches!(&*binary.left, Expr::Reference(_)),
                        user_clone: false,
                    },
                    Arg {
                        operand: rhs,
                        user_ref: matches!(&*binary.right, Expr::Reference(_)),
                        user_clone: false,
                    },
                ],
                extras: Vec::new(),
            };
            return Some(self.emit(op, hint, (base, suffix), (kind, copy), binary.span()));
        }
        if let (Operand::Const(l, _), Operand::Const(r, _)) = (&lhs, &rhs) {
            return Some(Operand::Const(quote!((#l #op #r)), Kind::Other));
        }
        let suffix = binop_name(&op);
        Some(self.emit(
            Op::Binary { lhs, op, rhs },
            hint,
            (base, suffix),
            (Kind::Other, true),
            binary.span(),
        ))
    }

    pub(super) fn args(&mut self, args: impl IntoIterator<Item = Expr>) -> Option<Vec<Arg>> {
        let mut out = Vec::new();
        for arg in args {
            let operand = self.expr(&arg, None)?;
            out.push(Arg {
                operand,
                user_ref: matches!(strip_parens(&arg), Expr::Reference(_)),
                user_clone: matches!(
                    strip_parens(&arg),
                    Expr::MethodCall(call) if call.method == "clone" && call.args.is_empty()
                ),
            });
        }
        Some(out)
    }

    pub(super) fn method(
        &mut self,
        call: &syn::ExprMethodCall,
        hint: Option<&Hint>,
    ) -> Option<Operand> {
        let name = call.method.to_string();
        if name == "clone" && call.args.is_empty() {
            return self.expr(&call.receiver, hint);
        }
        if let Some(method_call) = self_method_call(call, &name) {
            // `self.layer(x)` in a method: a call of `Self::layer(self, x)`, differentiated
            // through the method's generated `jvp_`/`vjp_` like any other call.
            return self.call(&method_call, hint);
        }
        let question = std::mem::take(&mut self.question);
        let receiver = self.expr(&call.receiver, None)?;
        let args = self.args(call.args.iter().cloned())?;
        let base = self.base_of(&[&receiver]);
        let fallible = name.starts_with("try_");
        if fallible && self.fallible && !question {
            self.errors.push(
                call,
                format!("write `{name}(..)?` in a #[differentiable] body: its errors propagate to the caller"),
            );
            return None;
        }
        let prim = match name.strip_prefix("try_") {
            Some(rest) => primitives::method(rest).or_else(|| primitives::operator_named(rest)),
            None => primitives::method(&name),
        };
        if fallible && !self.fallible && prim.is_some() {
            let plain = name.trim_start_matches("try_");
            self.errors.push(
                call,
                format!("`{name}` returns `Result`: use `{plain}` or make the function return `Result<_, awkdiff::Error>` and write `{name}(..)?`"),
            );
            return None;
        }
        if let (Some(prim), Some(Hint::Tuple(_))) = (prim, hint) {
            self.errors.push(
                call,
                format!(
                    "`{}` gives one value, not a tuple: bind it to one name",
                    prim.name
                ),
            );
            return None;
        }
        if let Some(prim) = prim {
            let binary = prim.arity == Arity::Binary;
            let expected = usize::from(binary) + prim.extras.len();
            if args.len() != expected {
                self.errors.push(
                    call,
                    format!(
                        "`{name}` takes {expected} argument{}, found {}",
                        if expected == 1 { "" } else { "s" },
                        args.len()
                    ),
                );
                return None;
            }
            let mut args = args.into_iter();
            let receiver = Arg {
                operand: receiver,
                user_ref: false,
                user_clone: false,
            };
            // `cond.where_(a, b)`: the receiver is the mask, an argument without derivative.
            let (operands, mut extras) = if prim.mask_first {
                (args.by_ref().take(2).collect(), vec![receiver])
            } else {
                let mut operands = vec![receiver];
                if binary {
                    operands.extend(args.next());
                }
                (operands, Vec::new())
            };
            extras.extend(args);
            let kinds: Vec<Kind> = operands.iter().map(|a| self.kind_of(&a.operand)).collect();
            let kind = match prim.out {
                primitives::Out::Same => kinds.into_iter().reduce(combine).unwrap_or(Kind::Unknown),
                primitives::Out::Array => Kind::Array,
                primitives::Out::Scalar => Kind::Scalar,
                primitives::Out::Masked => Kind::Masked,
            };
            let syntax = if fallible {
                PrimSyntax::TryMethod(call.method.clone())
            } else {
                PrimSyntax::Method(call.method.clone())
            };
            let op = Op::Prim {
                prim,
                syntax,
                operands,
                extras,
            };
            return Some(self.emit(
                op,
                hint,
                (base, prim.name),
                (kind, kind == Kind::Scalar),
                call.method.span(),
            ));
        }
        let (kind, copy, known) = match primitives::not_differentiated(&name) {
            Some(copy) => (Kind::Other, copy, true),
            None => (self.kind_of(&receiver), self.copy_of(&receiver), false),
        };
        let op = Op::Method {
            receiver,
            method: call.method.clone(),
            turbofish: call.turbofish.as_ref().map(|t| t.to_token_stream()),
            args,
            known,
        };
        if let Some(Hint::Tuple(names)) = hint {
            // `let (i, j) = x.argcombinations(2);`: a tuple of constants.
            if !known {
                self.errors.push(
                    call,
                    format!("a tuple pattern in a #[differentiable] body must bind a tuple expression, the result of a #[differentiable] function or of a method without derivative; `{name}` is none of these"),
                );
                return None;
            }
            let outputs: Vec<_> = names
                .iter()
                .map(|name| {
                    let ident = self.fresh(name);
                    self.push_value(ident, name.clone(), Kind::Other, false)
                })
                .collect();
            for (name, id) in names.iter().zip(&outputs) {
                self.env.insert(name.clone(), Operand::Value(*id));
            }
            self.stmts.push(crate::ir::Stmt {
                outputs,
                ty: None,
                op,
                span: call.span(),
            });
            return None;
        }
        let suffix = name.clone();
        Some(self.emit(op, hint, (base, &suffix), (kind, copy), call.method.span()))
    }

    pub(super) fn call(&mut self, call: &syn::ExprCall, hint: Option<&Hint>) -> Option<Operand> {
        let Expr::Path(func) = &*call.func else {
            self.errors.push(
                &call.func,
                "only calls of functions by name or path are supported in a #[differentiable] body",
            );
            return None;
        };
        if func.qself.is_none() && func.path.is_ident("stop_gradient") {
            if call.args.len() != 1 {
                self.errors.push(call, "`stop_gradient` takes one argument");
                return None;
            }
            let operand = self.expr(&call.args[0], None)?;
            return Some(match operand {
                Operand::Value(id) => {
                    // The same runtime value under the same name, but never active.
                    let info = self.values[id].clone();
                    let base = self.bases[id].clone();
                    let new = self.push_value(info.name, base, info.kind, info.copy);
                    self.values[new].by_ref = info.by_ref;
                    Operand::Value(new)
                }
                constant => constant,
            });
        }
        if let Some((prim, fallible)) = list_function(call) {
            return self.list_call(call, func, prim, fallible, hint);
        }
        if let Some(last) = func.path.segments.last() {
            let name = last.ident.to_string();
            let generated = ["jvp_", "vjp_", "grad_", "value_and_grad_"]
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix).map(|rest| (*prefix, rest)));
            if let Some((prefix, original)) = generated {
                if !original.is_empty() {
                    self.errors.push(
                        &func.path,
                        format!(
                            "`{name}` is a derivative generated by #[differentiable], which does not differentiate derivatives again (no higher order, no `hvp_`): differentiate `{original}` itself here, or compute second derivatives outside, e.g. a Hessian-vector product by central differences of the gradient, `(grad_{original}(x + h v) - grad_{original}(x - h v)) / (2 h)`{}",
                            if prefix == "grad_" || prefix == "value_and_grad_" {
                                ", or write the derivative out as a #[differentiable] function of its own. (A #[differentiable] function of your own named with this prefix cannot be called from another one: rename it; the prefixes `jvp_`, `vjp_`, `grad_` and `value_and_grad_` name generated functions)"
                            } else {
                                ""
                            }
                        ),
                    );
                    return None;
                }
            }
        }
        let question = std::mem::take(&mut self.question);
        let args = self.args(call.args.iter().cloned())?;
        if let Some(operand) = self.primitive_call(call, func, &args, question, hint) {
            return operand;
        }
        if !matches!(hint, Some(Hint::Tuple(_)))
            && args.iter().all(|a| matches!(a.operand, Operand::Const(..)))
        {
            // `T::from_f64(0.5)`, `f64::from(n)`: an associated function of a float type
            // gives a float (a scalar, passed by value); anything else may be anything.
            let float_type = func.path.segments.len() > 1
                && ["f32", "f64"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain(self.generics.iter().cloned())
                    .any(|t| func.path.segments[0].ident == t);
            let kind = if float_type {
                Kind::Scalar
            } else {
                Kind::Unknown
            };
            return Some(Operand::Const(call.to_token_stream(), kind));
        }
        let fname = func
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let operands: Vec<&Operand> = args.iter().map(|a| &a.operand).collect();
        let base = self.base_of(&operands);
        let op = Op::Call {
            func: func.path.clone(),
            args,
        };
        match hint {
            Some(Hint::Tuple(names)) => {
                let outputs = names
                    .iter()
                    .map(|name| {
                        let ident = self.fresh(name);
                        self.push_value(ident, name.clone(), Kind::Unknown, false)
                    })
                    .collect::<Vec<_>>();
                for (name, id) in names.iter().zip(&outputs) {
                    self.env.insert(name.clone(), Operand::Value(*id));
                }
                self.stmts.push(Stmt {
                    outputs,
                    ty: None,
                    op,
                    span: call.span(),
                });
                None
            }
            _ => Some(self.emit(
                op,
                hint,
                (base, &fname),
                (Kind::Unknown, false),
                call.span(),
            )),
        }
    }

    /// A call of a free function that is a primitive (`where_(cond, a, b)`, or
    /// `try_where_(cond, a, b)?` in a function returning `Result`) as one primitive
    /// statement: `Some(result)`, `Some(None)` after an error, `None` for any other call.
    fn primitive_call(
        &mut self,
        call: &syn::ExprCall,
        func: &syn::ExprPath,
        args: &[Arg],
        question: bool,
        hint: Option<&Hint>,
    ) -> Option<Option<Operand>> {
        let name = func.path.segments.last()?.ident.to_string();
        let plain = name.strip_prefix("try_");
        let prim = primitives::function(plain.unwrap_or(&name))?;
        if let Some(plain) = plain.filter(|_| !(self.fallible && question)) {
            let message = if self.fallible {
                format!("write `{name}(..)?` in a #[differentiable] body: its errors propagate to the caller")
            } else {
                format!("`{name}` returns `Result`: use `{plain}` or make the function return `Result<_, awkdiff::Error>` and write `{name}(..)?`")
            };
            self.errors.push(call, message);
            return Some(None);
        }
        let expected = 2 + prim.extras.len();
        if args.len() != expected {
            self.errors.push(
                call,
                format!("`{name}` takes {expected} arguments (the mask, then the two branches), found {}", args.len()),
            );
            return Some(None);
        }
        let (extras, operands) = args.split_at(prim.extras.len());
        let operand_refs: Vec<&Operand> = operands.iter().map(|a| &a.operand).collect();
        let base = self.base_of(&operand_refs);
        let op = Op::Prim {
            prim,
            syntax: PrimSyntax::Call {
                path: func.path.clone(),
                question,
            },
            operands: operands.to_vec(),
            extras: extras.to_vec(),
        };
        Some(Some(self.emit(
            op,
            hint,
            (base, prim.name),
            (Kind::Array, false),
            call.span(),
        )))
    }
}

/// The list primitive a call names (`concatenate`, or `try_concatenate` with `true`).
pub(super) fn list_function(call: &syn::ExprCall) -> Option<(&'static Primitive, bool)> {
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    let name = func.path.segments.last()?.ident.to_string();
    match name.strip_prefix("try_") {
        Some(rest) => primitives::list_function_named(rest).map(|p| (p, true)),
        None => primitives::list_function_named(&name).map(|p| (p, false)),
    }
}

impl Lower {
    /// `concatenate(&[&a, &b, ..], axis)`: one primitive whose differentiable inputs are the
    /// arrays of the list written in place.
    fn list_call(
        &mut self,
        call: &syn::ExprCall,
        func: &syn::ExprPath,
        prim: &'static Primitive,
        fallible: bool,
        hint: Option<&Hint>,
    ) -> Option<Operand> {
        let name = if fallible {
            format!("try_{}", prim.name)
        } else {
            prim.name.to_string()
        };
        let question = std::mem::take(&mut self.question);
        if fallible && self.fallible && !question {
            self.errors.push(
                call,
                format!("write `{name}(..)?` in a #[differentiable] body: its errors propagate to the caller"),
            );
            return None;
        }
        if fallible && !self.fallible {
            self.errors.push(
                call,
                format!("`{name}` returns `Result`: use `{}` or make the function return `Result<_, awkdiff::Error>` and write `{name}(..)?`", prim.name),
            );
            return None;
        }
        let expected = 1 + prim.extras.len();
        let list = match call.args.first().map(strip_parens) {
            Some(Expr::Reference(reference)) => strip_parens(&reference.expr),
            other => other.unwrap_or(&call.func),
        };
        let (Expr::Array(list), true) = (list, call.args.len() == expected) else {
            self.errors.push(
                call,
                format!("`{name}` in a #[differentiable] body takes {expected} arguments, the arrays written in place first: `{name}(&[&a, &b], axis)`"),
            );
            return None;
        };
        let operands = self.args(list.elems.iter().cloned())?;
        let extras = self.args(call.args.iter().skip(1).cloned())?;
        let constant = |args: &[Arg]| args.iter().all(|a| matches!(a.operand, Operand::Const(..)));
        if constant(&operands) && constant(&extras) {
            let question = fallible.then(|| quote!(?));
            return Some(Operand::Const(quote!(#call #question), Kind::Array));
        }
        let operands: Vec<&Operand> = operands.iter().map(|a| &a.operand).collect();
        let base = self.base_of(&operands);
        let operands = operands
            .into_iter()
            .map(|operand| Arg {
                operand: operand.clone(),
                user_ref: true,
                user_clone: false,
            })
            .collect();
        let op = Op::Prim {
            prim,
            syntax: PrimSyntax::Function {
                path: func.path.clone(),
                question: fallible,
            },
            operands,
            extras,
        };
        Some(self.emit(
            op,
            hint,
            (base, prim.name),
            (Kind::Array, false),
            call.span(),
        ))
    }
}

/// `self.name(args)` of a method that is neither a primitive nor one without derivative, as
/// the call `Self::name(self, args)`.
fn self_method_call(call: &syn::ExprMethodCall, name: &str) -> Option<syn::ExprCall> {
    if !matches!(strip_parens(&call.receiver), Expr::Path(p) if p.path.is_ident("self")) {
        return None;
    }
    let plain = name.strip_prefix("try_").unwrap_or(name);
    if primitives::method(plain).is_some()
        || primitives::operator_named(plain).is_some()
        || primitives::not_differentiated(name).is_some()
    {
        return None;
    }
    let method = &call.method;
    let turbofish = &call.turbofish;
    let receiver = &call.receiver;
    let args = call.args.iter();
    Some(
        syn::parse_quote_spanned!(call.method.span()=> Self::#method #turbofish (#receiver, #(#args),*)),
    )
}
