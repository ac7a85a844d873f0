#!/usr/bin/env python3
"""Awkward Array + JAX against awkdiff on the same data, case by case.

    python3 tools/compare/run.py            # from the repository root

Builds `examples/compare.rs` in release mode, lets it write the benchmark data (1,000,000
lists of 0 to 19 random float64, the generator of `benches/`) as raw little-endian files,
then times every case in its own process (under /usr/bin/time -v for the peak resident
memory): Awkward+JAX (float64, CPU) and awkdiff. Prints a Markdown table and writes it,
with the date and the machine, to tools/compare/RESULTS.md.

Cases: (e) f(x) = sum(x * x + sin(x), axis=-1) as primal (Awkward's CPU backend and its
JAX backend), jax.jvp, and jax.vjp plus one pullback; the seed's
reverse_sum(x) = sum(x[::-1], axis=0) and (f) sum(x[:, 1:] * x[:, :-1], axis=1) likewise;
(g) the summed invariant masses of all pairs of the (up to 6) leading jets of each event,
jets = ak.zip({"pt": exp(x), "eta": y, "phi": 3 x}) and ak.combinations(jets, 2), the
derivatives with respect to the three fields. A case that fails on one side is recorded
with its error.
"""

import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPEATS = 3
CASES = [
    # (case, what, awkward+jax variant)
    ("e_primal", "(e) f primal, Awkward CPU backend", "cpu"),
    ("e_primal", "(e) f primal, Awkward JAX backend", "jax"),
    ("e_jvp", "(e) f jax.jvp / jvp_f", "jax"),
    ("e_vjp", "(e) f jax.vjp + pullback / vjp_f + pullback", "jax"),
    ("seed_primal", "seed reverse_sum primal, JAX backend", "jax"),
    ("seed_jvp", "seed reverse_sum jvp", "jax"),
    ("seed_vjp", "seed reverse_sum vjp + pullback", "jax"),
    ("f_primal", "(f) sum(x[:, 1:] * x[:, :-1], 1) primal, JAX backend", "jax"),
    ("f_jvp", "(f) jvp", "jax"),
    ("f_vjp", "(f) vjp + pullback", "jax"),
    ("g_primal", "(g) pair masses of ak.combinations(jets, 2) primal, Awkward CPU backend", "cpu"),
    ("g_primal", "(g) pair masses primal, JAX backend", "jax"),
    ("g_jvp", "(g) pair masses jvp", "jax"),
    ("g_vjp", "(g) pair masses vjp + pullback", "jax"),
]


def python_side(data, case, backend):
    """Runs in a child process: times one case with Awkward (+JAX); prints JSON."""
    import time

    import numpy as np

    import awkward as ak
    import jax

    jax.config.update("jax_platform_name", "cpu")
    jax.config.update("jax_enable_x64", True)
    ak.jax.register_and_check()

    offsets = np.fromfile(os.path.join(data, "offsets.i64"), dtype="<i8")
    counts = np.diff(offsets)

    def load(name):
        values = np.fromfile(os.path.join(data, name), dtype="<f8")
        return ak.to_backend(ak.unflatten(values, counts), backend)

    x, dx = load("x.f64"), load("dx.f64")
    ct_e = ak.to_backend(np.fromfile(os.path.join(data, "ct.f64"), dtype="<f8"), backend)

    def f(x):
        return ak.sum(x * x + np.sin(x), axis=-1)

    def reverse_sum(x):
        return ak.sum(x[::-1], axis=0)

    def pairs(x):
        return ak.sum(x[:, 1:] * x[:, :-1], axis=1)

    def pair_mass(pt, eta, phi):
        jets = ak.zip({"pt": pt, "eta": eta, "phi": phi})
        a, b = ak.unzip(ak.combinations(jets, 2))
        m2 = 2 * a.pt * b.pt * (np.cosh(a.eta - b.eta) - np.cos(a.phi - b.phi))
        return ak.sum(np.sqrt(m2 + 1.0), axis=1)

    mode = case.split("_")[1]
    if case.startswith("g"):
        # The jets and the tangents, made before timing (as the Rust side does).
        lead = lambda a: a[:, :6]  # noqa: E731
        xs, ys = lead(x), lead(dx)
        zs = lead(ak.to_backend(ak.unflatten(
            np.fromfile(os.path.join(data, "z.f64"), dtype="<f8"), counts), backend))
        args = (np.exp(xs), ys, xs * 3.0)
        tangents = (zs, ys, xs)

        def run():
            if mode == "primal":
                out = pair_mass(*args)
            elif mode == "jvp":
                out = jax.jvp(pair_mass, args, tangents)
            else:
                value, pullback = jax.vjp(pair_mass, *args)
                out = pullback(ct_e)
            jax.block_until_ready(jax.tree_util.tree_leaves(out))
            return out
    else:
        func = {"e": f, "seed": reverse_sum, "f": pairs}[case.split("_")[0]]

        def run():
            if mode == "primal":
                out = func(x)
            elif mode == "jvp":
                out = jax.jvp(func, (x,), (dx,))
            else:
                value, pullback = jax.vjp(func, x)
                ct = ak.ones_like(value) if case.startswith("seed") else ct_e
                out = pullback(ct)
            jax.block_until_ready(jax.tree_util.tree_leaves(out))
            return out

    try:
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        print(json.dumps({"case": case, "seconds": best}))
    except Exception as error:  # recorded as the case's failure
        message = f"{type(error).__name__}: {error}".splitlines()[0][:160]
        print(json.dumps({"case": case, "error": message}))


def measured(command):
    """Runs `command` under /usr/bin/time -v: its last JSON line and its peak RSS in MB."""
    done = subprocess.run(
        ["/usr/bin/time", "-v"] + command, capture_output=True, text=True, cwd=ROOT
    )
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    peak_mb = int(peak.group(1)) / 1024 if peak else float("nan")
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if not lines:
        signal = re.search(r"Command terminated by signal (\d+)", done.stderr)
        if signal:
            return {"error": f"the process crashed (signal {signal.group(1)})"}, peak_mb
        status = re.search(r"Exit status: (\d+)", done.stderr)
        code = status.group(1) if status else done.returncode
        return {"error": f"the process exited with status {code} and no result"}, peak_mb
    return json.loads(lines[-1]), peak_mb


def cell(result):
    return f"{result['seconds']:.3f}" if "seconds" in result else f"fails ({result['error']})"


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--python-case":
        return python_side(sys.argv[2], sys.argv[3], sys.argv[4])
    subprocess.run(
        ["cargo", "build", "--release", "--example", "compare"], check=True, cwd=ROOT
    )
    # cargo's target directory: CARGO_TARGET_DIR (relative to ROOT, where cargo ran) if set
    target = os.path.join(ROOT, os.environ.get("CARGO_TARGET_DIR", "target"))
    binary = os.path.join(target, "release", "examples", "compare")
    data = tempfile.mkdtemp(prefix="awkdiff-compare-")
    subprocess.run([binary, "write", data], check=True)
    rows = []
    for case, what, backend in CASES:
        py, py_mb = measured(
            [sys.executable, os.path.abspath(__file__), "--python-case", data, case, backend]
        )
        rs, rs_mb = measured([binary, "time", data, case, str(REPEATS)])
        ratio = (
            f"{py['seconds'] / rs['seconds']:.1f}x"
            if "seconds" in py and "seconds" in rs
            else "-"
        )
        rows.append(
            f"| {what} | {cell(py)} | {cell(rs)} | {ratio} | {py_mb:.0f} | {rs_mb:.0f} |"
        )
        print(rows[-1], flush=True)
    model = "unknown"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name"):
            model = line.split(":", 1)[1].strip()
    import awkward
    import jax

    header = [
        "# Awkward+JAX against awkdiff",
        "",
        f"Date: {datetime.date.today().isoformat()}. Machine: {model}, {os.cpu_count()} cores "
        f"(shared with other jobs: figures are noisy; ratios within one run are what count), "
        f"{platform.system()}; Awkward {awkward.__version__}, JAX {jax.__version__}, float64 on "
        "the CPU. Data: 1,000,000 lists of 0 to 19 random float64 (about 9.5 million values), "
        "written once by `examples/compare.rs` and read by both sides. Times: best of "
        f"{REPEATS} runs in one process per case (after loading the data; JAX's first call "
        "included only if it is the best), seconds. Peak memory: maximum resident set size "
        "of that process (data, interpreter and libraries included), MB.",
        "",
        "Awkward+JAX on case (f) is not deterministic here: on the same data, some runs "
        "fail (`ValueError: cannot broadcast nested list`, or a segmentation fault inside "
        "`jax.jvp`) and others complete; a failure is recorded as it happened in this run.",
        "",
        "Reproduce: `python3 tools/compare/run.py` from the repository root.",
        "",
        "| case | Awkward+JAX s | awkdiff s | ratio | Awkward+JAX peak MB | awkdiff peak MB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    table = "\n".join(header + rows) + "\n"
    print(table)
    with open(os.path.join(ROOT, "tools", "compare", "RESULTS.md"), "w") as out:
        out.write(table)


if __name__ == "__main__":
    main()
