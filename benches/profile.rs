//! One case of `derivatives` run in a loop, for a profiler:
//! `cargo bench -p awkdiff-benches --bench profile -- CASE [REPEATS]`, then for example
//! `perf record -g target/release/deps/profile-* CASE 50`. CASE is `GROUP/KIND`, a group of
//! `reverse_sum f pairs pair_mass` and a kind of `primal primal_hand jvp jvp_hand vjp
//! vjp_hand`. Only the case's inputs are built, so the profile holds the case alone.

use awkdiff_benches as common;

use std::hint::black_box;
use std::time::Instant;

use awkdiff::prelude::*;
use awkdiff::Array;
use common::funcs;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let case = args
        .first()
        .map_or("pairs/primal", String::as_str)
        .to_string();
    let repeats: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(20);
    let run = runner(&case);
    run(); // warm-up: the buffer pool filled, the pages touched
    let start = Instant::now();
    for _ in 0..repeats {
        run();
    }
    let each = start.elapsed().as_secs_f64() * 1e3 / repeats as f64;
    println!("{case}: {each:.2} ms per call ({repeats} calls)");
}

/// The call that `case` names, with its inputs.
fn runner(case: &str) -> Box<dyn Fn()> {
    let (group, kind) = case.split_once('/').unwrap_or((case, "primal"));
    if group == "pair_mass" {
        return pair_mass(kind);
    }
    let d = common::inputs();
    let (x, dx) = (&d.ax, &d.ay);
    macro_rules! case {
        ($primal:path, $jvp:path, $vjp:path, $hand:path, $jvp_hand:path, $vjp_hand:path) => {{
            let ct = Array::from_vec(common::data::values($primal(x).len(), 7));
            match kind {
                "primal" => Box::new(move || drop(black_box($primal(x)))),
                "primal_hand" => Box::new(move || drop(black_box($hand(&d.offsets, &d.x)))),
                "jvp" => Box::new(move || drop(black_box($jvp(x, dx)))),
                "jvp_hand" => Box::new(move || drop(black_box($jvp_hand(&d.offsets, &d.x, &d.y)))),
                "vjp" => Box::new(move || {
                    let (out, pullback) = $vjp(x);
                    drop(black_box((out, pullback(&ct))))
                }),
                "vjp_hand" => {
                    Box::new(move || drop(black_box($vjp_hand(&d.offsets, &d.x, ct.content()))))
                }
                other => panic!("unknown kind {other}"),
            }
        }};
    }
    match group {
        "reverse_sum" => case!(
            funcs::reverse_sum,
            funcs::jvp_reverse_sum,
            funcs::vjp_reverse_sum,
            funcs::reverse_sum_hand,
            funcs::jvp_reverse_sum_hand,
            funcs::vjp_reverse_sum_hand
        ),
        "f" => case!(
            funcs::f,
            funcs::jvp_f,
            funcs::vjp_f,
            funcs::f_hand,
            funcs::jvp_f_hand,
            funcs::vjp_f_hand
        ),
        "pairs" => case!(
            funcs::pairs,
            funcs::jvp_pairs,
            funcs::vjp_pairs,
            funcs::pairs_hand,
            funcs::jvp_pairs_hand,
            funcs::vjp_pairs_hand
        ),
        other => panic!("unknown group {other}"),
    }
}

/// The (g) calls.
fn pair_mass(kind: &str) -> Box<dyn Fn()> {
    let (jets, tangent) = common::jets();
    // The plain slices live as long as the process (a profiling run).
    let leak = |v: Vec<f64>| &*Vec::leak(v);
    let plain = |a: &Array<f64>| leak(a.content().to_vec());
    let hand = funcs::JetsHand {
        offsets: Vec::leak(jets.pt.offsets(0).to_vec()),
        pt: plain(&jets.pt),
        eta: plain(&jets.eta),
        phi: plain(&jets.phi),
    };
    let hand_t = funcs::JetsHand {
        offsets: hand.offsets,
        pt: plain(&tangent.pt),
        eta: plain(&tangent.eta),
        phi: plain(&tangent.phi),
    };
    let ct = Array::from_vec(common::data::values(jets.len(), 7));
    match kind {
        "primal" => Box::new(move || drop(black_box(funcs::pair_mass(&jets)))),
        "jvp" => Box::new(move || drop(black_box(funcs::jvp_pair_mass(&jets, &tangent)))),
        "vjp" => Box::new(move || {
            let (out, pullback) = funcs::vjp_pair_mass(&jets);
            drop(black_box((out, pullback(&ct))))
        }),
        "primal_hand" => Box::new(move || drop(black_box(funcs::pair_mass_hand(&hand)))),
        "jvp_hand" => Box::new(move || drop(black_box(funcs::jvp_pair_mass_hand(&hand, &hand_t)))),
        "vjp_hand" => {
            Box::new(move || drop(black_box(funcs::vjp_pair_mass_hand(&hand, ct.content()))))
        }
        other => panic!("unknown kind {other} for pair_mass"),
    }
}
