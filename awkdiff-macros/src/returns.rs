//! Early returns, folded into `if`/`else` expressions before lowering:
//! `if c { ..; return a; } rest` becomes `if c { ..; a } else { rest }`, and a final
//! `return a;` becomes `a`. Returns that cannot be folded this way (inside loops, in the
//! middle of a branch) are left in place and reported by `validate`.

use syn::{Block, Expr, Stmt};

/// The function body with its early returns folded.
pub fn fold(block: &Block) -> Block {
    Block {
        brace_token: block.brace_token,
        stmts: fold_stmts(&block.stmts).0,
    }
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
