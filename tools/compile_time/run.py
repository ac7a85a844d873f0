#!/usr/bin/env python3
"""What `#[differentiable]` costs a user's crate at compile time.

    python3 tools/compile_time/run.py                # the working tree, in place
    python3 tools/compile_time/run.py --rev HEAD     # a frozen copy of a commit (git archive)

Generates two user crates from `functions.rs` (ten ordinary functions: elementwise chains,
reducers at several axes, slices, filter/take/flatten, a 4-step loop, a branch, generic
`T: Float` functions and a composition): variant A is the file as it is, with
`#[differentiable]` on every function; variant B is the same file without the attribute
lines. Both depend on awkdiff by path with its default features, and both build in one
shared target directory (default /tmp/compile_time_target), where a warm-up build compiles
the dependencies (awkdiff, awkdiff-core, awkdiff-macros, syn, rayon, ...) first. Then only
the user crate is timed, after touching its lib.rs:

  (a) `cargo build --release`,
  (b) `cargo build` with CARGO_INCREMENTAL=0 (a non-incremental debug build),
  (c) the size of the debug rlib,
  (d) the line count of the expansion, from `cargo rustc -- -Zunpretty=expanded` run by
      the stable compiler with RUSTC_BOOTSTRAP=1 in a separate target directory (not timed;
      `--no-expand` skips it).

Each timing is the median of --repeats (3) runs. A run in which cargo rebuilt anything but
the user crate (say the awkdiff sources changed meanwhile) is discarded and repeated, and
so is a run during which another build was seen (3 times at most, then it is kept and
marked * in the table).
Before each timed build the script waits (polling every 30 s, 25 minutes at most in all)
until no other cargo or rustc process and no CI run (`/tmp/ci1`, `.ci/run`) is on the
machine, and it records any that ran during a timed build. Prints a Markdown table with the
ratios A/B against the targets of issue 12 and writes it, with the date and the machine, to
tools/compile_time/RESULTS.md (`--out` to change).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FUNCTIONS = os.path.join(HERE, "functions.rs")
VARIANTS = [
    # (key, crate name, description, keep the attribute)
    ("A", "ct_with_attr", "A: `#[differentiable]`", True),
    ("B", "ct_without_attr", "B: plain functions", False),
]
# Issue 12, item 3: A/B at most these.
TARGETS = {"release": 2.5, "debug": 3.0, "rlib": 4.0}
POLL_SECONDS = 30
MAX_WAIT_SECONDS = 25 * 60
CONTAMINATED_RETRIES = 3

CARGO_TOML = """\
[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
awkdiff = {{ path = "{awkdiff}" }}

# A crate of its own, not a member of an enclosing workspace.
[workspace]
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Other builds on the machine


def foreign_builds(own_target):
    """Command lines of cargo/rustc processes (and CI runs) that are not this script's."""
    found = []
    me = os.getpid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        except OSError:
            continue
        if not argv:
            continue
        line = " ".join(argv)
        exe = os.path.basename(argv[0])
        is_build = exe in ("cargo", "rustc", "rustdoc", "clippy-driver", "cargo-clippy")
        is_ci = "/tmp/ci1" in line or ".ci/run" in line
        if not (is_build or is_ci):
            continue
        if own_target in line:
            continue
        found.append(f"{pid}: {line[:160]}")
    return found


class Watch:
    """Samples foreign builds while a timed build runs."""

    def __init__(self, own_target):
        self.own_target = own_target
        self.seen = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            for p in foreign_builds(self.own_target):
                self.seen.add(p)
            self.stop.wait(0.5)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


class Quiet:
    """Waits for a machine without other builds, within one overall budget."""

    def __init__(self, own_target):
        self.own_target = own_target
        self.deadline = time.monotonic() + MAX_WAIT_SECONDS
        self.waited = 0.0
        self.gave_up = False

    def wait(self):
        start = time.monotonic()
        while True:
            others = foreign_builds(self.own_target)
            if not others:
                break
            if time.monotonic() >= self.deadline:
                if not self.gave_up:
                    log("still other builds after 25 minutes of waiting; timing anyway")
                self.gave_up = True
                break
            log(f"waiting for {len(others)} other build process(es), e.g. {others[0][:100]}")
            time.sleep(POLL_SECONDS)
        self.waited += time.monotonic() - start


# ---------------------------------------------------------------------------------------
# Building


def cargo(args, crate, target, env_extra=None, capture_json=False):
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = target
    env["CARGO_INCREMENTAL"] = "0"
    env.pop("RUSTFLAGS", None)
    env.pop("CARGO_BUILD_RUSTFLAGS", None)
    if env_extra:
        env.update(env_extra)
    extra = ["--target-dir", target]
    if capture_json:
        extra.append("--message-format=json-render-diagnostics")
    if "--" in args:
        at = args.index("--")
        cmd = ["cargo"] + args[:at] + extra + args[at:]
    else:
        cmd = ["cargo"] + args + extra
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=crate, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-6000:])
        sys.exit(f"failed: {' '.join(cmd)} in {crate}")
    return elapsed, proc.stdout


def artifacts(stdout):
    out = []
    for line in stdout.splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("reason") == "compiler-artifact":
            out.append(msg)
    return out


def touch(crate):
    path = os.path.join(crate, "src", "lib.rs")
    now = time.time()
    # Strictly newer than the last build's dep-info, whatever the file system's resolution.
    os.utime(path, (now + 1, now + 1))


def timed_build(variant, crate, target, profile_args, quiet):
    """One timed build of the user crate alone; returns (seconds, rlib, foreign builds).

    A run during which another build was seen is repeated (CONTAMINATED_RETRIES times at
    most, then kept and flagged)."""
    name = variant[1]
    contaminated = 0
    for attempt in range(5 + CONTAMINATED_RETRIES):
        touch(crate)
        quiet.wait()
        with Watch(target) as watch:
            elapsed, stdout = cargo(["build", "--lib"] + profile_args, crate, target,
                                    capture_json=True)
        rebuilt = [a["target"]["name"] for a in artifacts(stdout) if not a.get("fresh")]
        if rebuilt == [name] and watch.seen and contaminated < CONTAMINATED_RETRIES:
            contaminated += 1
            log(f"  discarded ({elapsed:.1f} s): {len(watch.seen)} other build process(es) "
                "ran meanwhile; repeating")
            continue
        if rebuilt == [name]:
            rlib = next(f for a in artifacts(stdout) if a["target"]["name"] == name
                        for f in a["filenames"] if f.endswith(".rlib"))
            return elapsed, rlib, sorted(watch.seen)
        log(f"  discarded: cargo rebuilt {rebuilt}, not only {name}; repeating")
    sys.exit("the dependencies keep being rebuilt (are their sources being edited?)")


def expansion_lines(crate, target):
    """Lines (all, non-blank) of `-Zunpretty=expanded`, by the stable rustc."""
    env = {"RUSTC_BOOTSTRAP": "1"}
    _, stdout = cargo(["rustc", "--lib", "--profile", "check", "--", "-Zunpretty=expanded"],
                      crate, target, env_extra=env)
    lines = stdout.splitlines()
    return len(lines), sum(1 for l in lines if l.strip())


# ---------------------------------------------------------------------------------------
# Set-up


def source_of_awkdiff(rev, work):
    if rev is None:
        return ROOT, describe(ROOT, "HEAD") + (" + uncommitted changes" if dirty() else "")
    dest = os.path.join(work, "awkdiff-src")
    os.makedirs(dest)
    archive = subprocess.run(["git", "-C", ROOT, "archive", "--format=tar", rev],
                             stdout=subprocess.PIPE, check=True).stdout
    # `-m`: the files get the time of extraction, not the commit's. With the commit's
    # (older) times, cargo would keep the artifacts built from a newer source in the shared
    # target directory and measure that instead.
    subprocess.run(["tar", "-x", "-m", "-C", dest], input=archive, check=True)
    return dest, describe(ROOT, rev)


def describe(root, rev):
    try:
        line = subprocess.run(["git", "-C", root, "log", "-1", "--format=%h %s", rev],
                              stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        return line if len(line) <= 90 else line[:87] + "..."
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"


def dirty():
    try:
        out = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--",
                              "src", "awkdiff-core", "awkdiff-macros", "Cargo.toml"],
                             stdout=subprocess.PIPE, text=True, check=True).stdout
        return bool(out.strip())
    except (OSError, subprocess.CalledProcessError):
        return False


def write_crate(work, variant, awkdiff, source):
    key, name, _, keep = variant
    crate = os.path.join(work, name)
    os.makedirs(os.path.join(crate, "src"))
    with open(os.path.join(crate, "Cargo.toml"), "w") as f:
        f.write(CARGO_TOML.format(name=name, awkdiff=awkdiff.replace("\\", "/")))
    if not keep:
        source = "".join(l for l in source.splitlines(True)
                         if not re.fullmatch(r"\s*#\[differentiable\]\s*", l))
    with open(os.path.join(crate, "src", "lib.rs"), "w") as f:
        f.write(source)
    lock = os.path.join(awkdiff, "Cargo.lock")
    if os.path.exists(lock):
        # The versions the project is tested with (cargo prunes what the crate does not use).
        shutil.copy(lock, os.path.join(crate, "Cargo.lock"))
    return crate, source


def code_lines(source):
    return sum(1 for l in source.splitlines()
               if l.strip() and not l.strip().startswith("//"))


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}, {rustc}"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError):
        return float("nan")


# ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target-dir", default="/tmp/compile_time_target")
    parser.add_argument("--rev", help="build a git-archive copy of this commit of awkdiff "
                        "instead of the working tree (immune to edits during the run)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-expand", action="store_true",
                        help="skip the expansion line count (RUSTC_BOOTSTRAP=1)")
    parser.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    args = parser.parse_args()

    target = os.path.abspath(args.target_dir)
    os.makedirs(target, exist_ok=True)
    # A fixed place (beside the target dir), so that the path dependencies keep their
    # hashes and a second run finds them built.
    work = target + "-crates"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    awkdiff, what = source_of_awkdiff(args.rev, work)
    with open(FUNCTIONS) as f:
        source = f.read()
    crates = {}
    for v in VARIANTS:
        crates[v[0]] = write_crate(work, v, awkdiff, source)
    log(f"awkdiff: {awkdiff} ({what}); user crates in {work}; target dir {target}")

    # Warm-up: the dependencies (and the user crates once) in both profiles. Not timed.
    for key, crate_source in crates.items():
        for profile in (["--release"], []):
            log(f"warm-up: {key} {' '.join(profile) or '(debug)'}")
            cargo(["build", "--lib"] + profile, crate_source[0], target)

    quiet = Quiet(target)
    results = {v[0]: {"release": [], "debug": [], "rlib": None, "load": [], "flag": {}}
               for v in VARIANTS}
    concurrent = set()
    for rep in range(args.repeats):
        for v in VARIANTS:
            key = v[0]
            crate = crates[key][0]
            for label, profile in (("release", ["--release"]), ("debug", [])):
                load = loadavg()
                seconds, rlib, seen = timed_build(v, crate, target, profile, quiet)
                concurrent.update(seen)
                results[key][label].append(seconds)
                results[key]["flag"].setdefault(label, []).append(bool(seen))
                results[key]["load"].append(load)
                if label == "debug":
                    results[key]["rlib"] = os.path.getsize(rlib)
                log(f"run {rep + 1}: {key} {label:7} {seconds:6.1f} s  (load before {load:.2f})"
                    + (f"  [{len(seen)} other build process(es) seen]" if seen else ""))

    expand = {}
    if not args.no_expand:
        expand_target = target + "-expand"
        for key, (crate, _) in crates.items():
            log(f"expansion: {key}")
            try:
                expand[key] = expansion_lines(crate, expand_target)
            except SystemExit as e:
                log(f"  expansion failed ({e}); skipped")
                expand = {}
                break

    # -----------------------------------------------------------------------------------
    table = []
    med = {k: {m: statistics.median(r[m]) for m in ("release", "debug")}
           for k, r in results.items()}
    header = ["variant", "release s", "debug s (CARGO_INCREMENTAL=0)", "debug rlib MB"]
    if expand:
        header.append("expanded lines (non-blank)")
    table.append("| " + " | ".join(header) + " |")
    table.append("|" + "---|" * len(header))
    def runs(r, label):
        return ", ".join(f"{s:.1f}" + ("*" if flag else "")
                         for s, flag in zip(r[label], r["flag"][label]))

    for v in VARIANTS:
        k = v[0]
        r = results[k]
        row = [v[2],
               f"{med[k]['release']:.1f} ({runs(r, 'release')})",
               f"{med[k]['debug']:.1f} ({runs(r, 'debug')})",
               f"{r['rlib'] / 1e6:.1f}"]
        if expand:
            row.append(f"{expand[k][1]:,}")
        table.append("| " + " | ".join(row) + " |")

    def verdict(ratio, limit):
        return f"{ratio:.2f}x (target <= {limit}x: {'met' if ratio <= limit else 'NOT met'})"

    ratios = {
        "release": med["A"]["release"] / med["B"]["release"],
        "debug": med["A"]["debug"] / med["B"]["debug"],
        "rlib": results["A"]["rlib"] / results["B"]["rlib"],
    }
    row = ["ratio A/B", verdict(ratios["release"], TARGETS["release"]),
           verdict(ratios["debug"], TARGETS["debug"]), verdict(ratios["rlib"], TARGETS["rlib"])]
    if expand:
        row.append(f"{expand['A'][1] / expand['B'][1]:.1f}x (no target)")
    table.append("| " + " | ".join(row) + " |")
    table_text = "\n".join(table)
    print(table_text)

    loads = [l for r in results.values() for l in r["load"]]
    if concurrent or quiet.gave_up:
        load_note = ("**Other builds ran during the timed builds marked * (after "
                     f"{CONTAMINATED_RETRIES} retries), inflating them**: "
                     + "; ".join(sorted(concurrent)[:3]) + ".")
    else:
        load_note = ("No other cargo/rustc process or CI run was seen during the timed builds "
                     "that were kept"
                     + (f" (the script waited {quiet.waited / 60:.0f} min for other builds "
                        "to finish first)" if quiet.waited >= 60 else "") + ".")
    now = datetime.datetime.now().astimezone()
    doc = f"""# Compile time of `#[differentiable]` in a user's crate

Measured {now:%Y-%m-%d %H:%M %Z} by `python3 tools/compile_time/run.py{' --rev ' + args.rev if args.rev else ''}`
on {machine()}.
awkdiff: {what}, default features.

User crate: `tools/compile_time/functions.rs`, {code_lines(crates['A'][1])} lines of code in
10 functions (elementwise chains, reducers at axes -1 and 0, slices, filter/take/flatten, a
4-step loop, a branch, two generic `T: Float` functions, one composition of six of them).
A has `#[differentiable]` on every function; B is the same file without the attribute.
Times are of `cargo build --lib` of the user crate alone, its dependencies already built,
after touching its `lib.rs`: median of {args.repeats} (the runs in brackets). The debug rlib
is the user crate's own `.rlib` (default dev profile: full debug info).
{"Expanded lines: non-blank lines of `cargo rustc --lib -- -Zunpretty=expanded`, run by the stable compiler with `RUSTC_BOOTSTRAP=1` (not timed)." if expand else "The expansion's line count was skipped (it needs `-Zunpretty=expanded`)."}

{table_text}

Targets (issue 12, item 3): release within 2.5x, non-incremental debug within 3x, debug rlib
within 4x.

Machine load: {load_note} 1-minute load average before the timed builds:
{min(loads):.2f} to {max(loads):.2f}.
"""
    with open(args.out, "w") as f:
        f.write(doc)
    log(f"written {args.out}")


if __name__ == "__main__":
    main()
