//! The awkdiff side of `tools/compare/run.py`: writes the benchmark data for the Python side,
//! or times one case on it and prints the result as one line of JSON.
//!
//! ```text
//! cargo run --release --example compare -- write [DIR]
//! cargo run --release --example compare -- time DIR CASE REPEATS
//! ```
//! `CASE` is `{e,seed,f,g}_{primal,jvp,vjp}`: (e) `f(x) = sum(x * x + x.sin(), -1)`, the
//! seed's `reverse_sum(x) = sum(x[::-1], 0)`, (f) `pairs(x) = sum(x[:, 1:] * x[:, :-1], 1)`,
//! (g) `pair_mass(jets)`, the summed masses of all pairs of the up to 6 leading jets
//! (`pt = exp(x)`, `eta = dx`, `phi = 3 x`; tangent fields `z`, `dx`, `x`);
//! `vjp` is the forward sweep plus one pullback (of `ct.f64` for (e) and (f), of ones for
//! the seed). The time printed is the best of `REPEATS` runs, in
//! seconds; loading the data is not timed. `write` without `DIR` writes to `compare/` under
//! the target directory cargo uses (`CARGO_TARGET_DIR` if set, else `target/` beside the
//! manifest), and prints where it wrote.

#[path = "../benches/common/data.rs"]
mod data;
#[allow(dead_code)]
#[path = "../benches/common/funcs.rs"]
mod funcs;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use awkdiff::Array;

fn write_raw<T: Copy>(path: &Path, values: &[T], to_le: impl Fn(T) -> [u8; 8]) {
    let mut bytes = Vec::with_capacity(values.len() * 8);
    for &v in values {
        bytes.extend_from_slice(&to_le(v));
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

fn read_raw<T>(path: &Path, from_le: impl Fn([u8; 8]) -> T) -> Vec<T> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    bytes
        .chunks_exact(8)
        .map(|c| from_le(c.try_into().expect("8 bytes")))
        .collect()
}

/// Writes `offsets.i64`, `x.f64` (the values), `dx.f64` and `z.f64` (tangents) and
/// `ct.f64` (a cotangent of `f`'s output, one per list), little-endian.
fn write(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the data directory");
    let x = data::ragged(0);
    let dx = data::ragged(1);
    let z = data::ragged(2);
    let ct = data::values(data::LISTS, 7);
    write_raw(&dir.join("offsets.i64"), &x.offsets, i64::to_le_bytes);
    write_raw(&dir.join("x.f64"), &x.content, f64::to_le_bytes);
    write_raw(&dir.join("dx.f64"), &dx.content, f64::to_le_bytes);
    write_raw(&dir.join("z.f64"), &z.content, f64::to_le_bytes);
    write_raw(&dir.join("ct.f64"), &ct, f64::to_le_bytes);
    println!(
        "wrote offsets.i64, x.f64, dx.f64, z.f64, ct.f64 to {}",
        dir.display()
    );
}

/// `compare/` under cargo's target directory: where `write` goes without a `DIR`.
fn default_folder() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("compare")
}

/// The best of `repeats` timings of `run`, in seconds.
fn best_of<R>(repeats: usize, mut run: impl FnMut() -> R) -> f64 {
    (0..repeats)
        .map(|_| {
            let start = Instant::now();
            black_box(run());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn time(dir: &Path, case: &str, repeats: usize) {
    let offsets = read_raw(&dir.join("offsets.i64"), i64::from_le_bytes);
    let x = Array::from_vec(read_raw(&dir.join("x.f64"), f64::from_le_bytes));
    let x = Array::from_offsets(offsets, x).expect("valid offsets");
    let dx = x.with_content(read_raw(&dir.join("dx.f64"), f64::from_le_bytes));
    let ct = Array::from_vec(read_raw(&dir.join("ct.f64"), f64::from_le_bytes));
    let seconds = match case {
        "e_primal" => best_of(repeats, || funcs::f(&x)),
        "e_jvp" => best_of(repeats, || funcs::jvp_f(&x, &dx)),
        "e_vjp" => best_of(repeats, || {
            let (out, pullback) = funcs::vjp_f(&x);
            (out, pullback(&ct))
        }),
        "seed_primal" => best_of(repeats, || funcs::reverse_sum(&x)),
        "seed_jvp" => best_of(repeats, || funcs::jvp_reverse_sum(&x, &dx)),
        "seed_vjp" => {
            let ones = funcs::reverse_sum(&x).full_like(1.0);
            best_of(repeats, || {
                let (out, pullback) = funcs::vjp_reverse_sum(&x);
                (out, pullback(&ones))
            })
        }
        "f_primal" => best_of(repeats, || funcs::pairs(&x)),
        "f_jvp" => best_of(repeats, || funcs::jvp_pairs(&x, &dx)),
        "f_vjp" => best_of(repeats, || {
            let (out, pullback) = funcs::vjp_pairs(&x);
            (out, pullback(&ct))
        }),
        "g_primal" | "g_jvp" | "g_vjp" => {
            let z = x.with_content(read_raw(&dir.join("z.f64"), f64::from_le_bytes));
            let (jets, tangent) = leading_jets(&x, &dx, &z);
            match case {
                "g_primal" => best_of(repeats, || funcs::pair_mass(&jets)),
                "g_jvp" => best_of(repeats, || funcs::jvp_pair_mass(&jets, &tangent)),
                _ => best_of(repeats, || {
                    let (out, pullback) = funcs::vjp_pair_mass(&jets);
                    (out, pullback(&ct))
                }),
            }
        }
        _ => {
            println!("{{\"case\": \"{case}\", \"error\": \"not available in awkdiff yet\"}}");
            return;
        }
    };
    println!("{{\"case\": \"{case}\", \"seconds\": {seconds}}}");
}

/// The jets of case (g) and their tangent, materialised before timing.
fn leading_jets(
    x: &Array<f64>,
    dx: &Array<f64>,
    z: &Array<f64>,
) -> (funcs::Jets<f64>, funcs::Jets<f64>) {
    use awkdiff::prelude::*;
    let lead = |a: &Array<f64>| {
        let cut = a.slice(s![.., ..6]);
        Array::from_offsets(
            cut.offsets(0).to_vec(),
            Array::from_vec(cut.content().to_vec()),
        )
        .expect("valid offsets")
    };
    let (x, y, z) = (lead(x), lead(dx), lead(z));
    let jets = funcs::Jets::zip(x.exp(), y.clone(), &x * 3.0).expect("one structure");
    let tangent = funcs::Jets::zip(z, y, x).expect("one structure");
    (jets, tangent)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write"] => write(&default_folder()),
        ["write", dir] => write(Path::new(dir)),
        ["time", dir, case, repeats] => time(
            Path::new(dir),
            case,
            repeats.parse().expect("a number of repeats"),
        ),
        _ => {
            eprintln!("usage: compare write [DIR] | compare time DIR CASE REPEATS");
            std::process::exit(2);
        }
    }
}
