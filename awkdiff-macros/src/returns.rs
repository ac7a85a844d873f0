//! Early returns, `break` and `continue`, folded into `if`/`else` before lowering:
//! `if c { ..; return a; } rest` becomes `if c { ..; a } else { rest }`, and a final
//! `return a;` becomes `a`; in a loop body `if c { ..; continue; } rest` becomes
//! `if c { .. } else { rest }`, and `break` sets a loop-carried flag
//! (`__awkdiff_break_N = true`) under which the remaining iterations do nothing. Jumps that
//! cannot be folded this way (in the middle of a branch, `return` in a loop) are left in
//! place and reported by `validate`.

use syn::{Block, Expr, Stmt};

/// The function body with its early returns folded.
pub fn fold(block: &Block) -> Block {
    let mut loops = 0;
    Block {
        brace_token: block.brace_token,
        stmts: fold_loops(&fold_stmts(&block.stmts).0, &mut loops),
    }
}

/// Folds `break`/`continue` in every `for` loop of `stmts` (nested blocks included).
fn fold_loops(stmts: &[Stmt], loops: &mut usize) -> Vec<Stmt> {
    let mut out = Vec::new();
    for stmt in stmts {
        match stmt {
            Stmt::Expr(Expr::ForLoop(for_loop), semi) => {
                let flag = quote::format_ident!("__awkdiff_break_{}", *loops);
                *loops += 1;
                let inner = fold_loops(&for_loop.body.stmts, loops);
                let (body, breaks) = fold_jumps(&inner, &flag);
                let mut for_loop = for_loop.clone();
                for_loop.body.stmts = if breaks {
                    out.push(syn::parse_quote!(let mut #flag = false;));
                    vec![syn::parse_quote!(if !#flag { #(#body)* })]
                } else {
                    body
                };
                out.push(Stmt::Expr(Expr::ForLoop(for_loop), *semi));
            }
            Stmt::Expr(Expr::If(if_expr), semi) => {
                let mut if_expr = if_expr.clone();
                fold_if_loops(&mut if_expr, loops);
                out.push(Stmt::Expr(Expr::If(if_expr), *semi));
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn fold_if_loops(if_expr: &mut syn::ExprIf, loops: &mut usize) {
    if_expr.then_branch.stmts = fold_loops(&if_expr.then_branch.stmts, loops);
    if let Some((_, else_expr)) = &mut if_expr.else_branch {
        match &mut **else_expr {
            Expr::Block(block) => block.block.stmts = fold_loops(&block.block.stmts, loops),
            Expr::If(inner) => fold_if_loops(inner, loops),
            _ => {}
        }
    }
}

/// Folds the jumps of a loop body; the flag says whether it breaks (and so needs `flag`).
fn fold_jumps(stmts: &[Stmt], flag: &syn::Ident) -> (Vec<Stmt>, bool) {
    for (k, stmt) in stmts.iter().enumerate() {
        match stmt {
            Stmt::Expr(Expr::Continue(c), _) if c.label.is_none() => {
                return (stmts[..k].to_vec(), false);
            }
            Stmt::Expr(Expr::Break(b), _) if b.label.is_none() && b.expr.is_none() => {
                let mut out = stmts[..k].to_vec();
                out.push(syn::parse_quote!(#flag = true;));
                return (out, true);
            }
            Stmt::Expr(Expr::If(if_expr), _) if if_expr.else_branch.is_none() => {
                let (then_stmts, then_breaks) = fold_jumps(&if_expr.then_branch.stmts, flag);
                if !ends_with_jump(&if_expr.then_branch.stmts) {
                    continue;
                }
                let (rest, rest_breaks) = fold_jumps(&stmts[k + 1..], flag);
                let mut folded = if_expr.clone();
                folded.then_branch.stmts = then_stmts;
                let mut out = stmts[..k].to_vec();
                let else_block: Expr = syn::parse_quote!({ #(#rest)* });
                folded.else_branch = Some((Default::default(), Box::new(else_block)));
                out.push(Stmt::Expr(Expr::If(folded), None));
                return (out, then_breaks || rest_breaks);
            }
            _ => {}
        }
    }
    (stmts.to_vec(), false)
}

/// Whether a branch ends with `break;` or `continue;` (possibly in a nested `if`).
fn ends_with_jump(stmts: &[Stmt]) -> bool {
    matches!(
        stmts.last(),
        Some(Stmt::Expr(Expr::Break(_) | Expr::Continue(_), _))
    )
}

/// Folds a statement list in tail position; the flag says whether every path through it
/// ended with a `return` (so it has a value).
fn fold_stmts(stmts: &[Stmt]) -> (Vec<Stmt>, bool) {
    for (k, stmt) in stmts.iter().enumerate() {
        match stmt {
            Stmt::Expr(Expr::Return(ret), _) => {
                let Some(value) = &ret.expr else {
                    return (stmts.to_vec(), false);
                };
                let mut out = stmts[..k].to_vec();
                out.push(Stmt::Expr((**value).clone(), None));
                return (out, true);
            }
            Stmt::Expr(Expr::If(if_expr), _) if has_return(if_expr) => {
                let rest = &stmts[k + 1..];
                if let Some(folded) = fold_if(if_expr, rest) {
                    let mut out = stmts[..k].to_vec();
                    out.push(Stmt::Expr(Expr::If(folded), None));
                    return (out, true);
                }
                return (stmts.to_vec(), false);
            }
            _ => {}
        }
    }
    (stmts.to_vec(), false)
}

/// `if c { A } else { B }; rest` where a branch returns, as one `if` expression.
fn fold_if(if_expr: &syn::ExprIf, rest: &[Stmt]) -> Option<syn::ExprIf> {
    let (then_stmts, then_returns) = fold_stmts(&if_expr.then_branch.stmts);
    let else_stmts = match &if_expr.else_branch {
        None => fold_stmts(rest).0,
        Some((_, else_expr)) => match &**else_expr {
            Expr::Block(block) => {
                let (stmts, returns) = fold_stmts(&block.block.stmts);
                if !returns {
                    // `else { .. }` falls through into `rest`: only when there is none.
                    if !rest.is_empty() {
                        return None;
                    }
                }
                stmts
            }
            Expr::If(inner) => vec![Stmt::Expr(Expr::If(fold_if(inner, rest)?), None)],
            _ => return None,
        },
    };
    if !then_returns && !rest.is_empty() {
        return None;
    }
    let mut folded = if_expr.clone();
    folded.then_branch.stmts = then_stmts;
    let else_block = Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: Block {
            brace_token: Default::default(),
            stmts: else_stmts,
        },
    });
    folded.else_branch = Some((Default::default(), Box::new(else_block)));
    Some(folded)
}

/// Whether an `if` has a `return` in its branches (outside loops).
fn has_return(if_expr: &syn::ExprIf) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_expr_if(&mut finder, if_expr);
    finder.0
}
