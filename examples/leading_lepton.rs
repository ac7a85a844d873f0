//! The leading lepton of every event, differentiated: electrons and muons are joined into
//! one lepton collection per event (`ak.concatenate([e, mu], axis=1)`), sorted by
//! transverse momentum (`x[ak.argsort(x, ascending=False)]`), and the leading one is kept
//! (`[:, :1]`). Scale factors for the two collections are fitted so that the mean leading
//! pt matches a target; `#[differentiable]` gives the gradient through the join, the
//! sort and the slice, which Awkward's JAX backend cannot differentiate.
//!
//! ```sh
//! cargo run --example leading_lepton
//! ```

use awkdiff::prelude::*;

/// `(mean leading-lepton pt - target)²`, with the electrons scaled by `se` and the muons by
/// `sm`; events without leptons contribute nothing.
#[differentiable]
fn loss(
    se: f64,
    sm: f64,
    #[no_grad] electrons: &Array<f64>,
    #[no_grad] muons: &Array<f64>,
    #[no_grad] target: f64,
) -> f64 {
    let leptons = concatenate(&[&(electrons * se), &(muons * sm)], 1);
    let by_pt = leptons.index(&leptons.argsort(1, true));
    let leading = by_pt.slice(s![.., ..1]);
    let mean = leading.sum_all() / (leading.ravel().len() as f64);
    (mean - target) * (mean - target)
}

fn main() {
    // Transverse momenta in GeV: five events, one without electrons, one without muons and
    // one without leptons at all.
    let electrons = array![[41.0, 12.5], [], [27.0], [8.0], []];
    let muons = array![[35.0], [52.0, 20.0], [], [9.5, 3.0], []];
    let target = 40.0;
    let (mut se, mut sm) = (1.0, 1.0);
    for step in 0..200 {
        let (ge, gm) = grad_loss(se, sm, &electrons, &muons, target);
        se -= 1e-4 * ge;
        sm -= 1e-4 * gm;
        if step % 50 == 0 {
            let value = loss(se, sm, &electrons, &muons, target);
            println!("step {step:3}: loss {value:10.4}, scale factors {se:.4} {sm:.4}");
        }
    }
    let leptons = concatenate(&[&(&electrons * se), &(&muons * sm)], 1);
    let by_pt = leptons.index(&leptons.argsort(1, true));
    println!("leptons by pt: {by_pt}");
    // One value by its full index: the leading lepton of the first event.
    println!("leading lepton of event 0: {:.3} GeV", by_pt.item(&[0, 0]));
}
