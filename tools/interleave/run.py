#!/usr/bin/env python3
"""awkdiff against the hand-written loops, interleaved: a steadier ratio than one criterion run
on a shared machine.

    python3 tools/interleave/run.py                      # every group, 4 rounds
    python3 tools/interleave/run.py pairs,f 6            # some groups, 6 rounds

Builds `benches/profile.rs` (`cargo bench -p awkdiff-benches --bench profile --no-run`),
then for each group (`reverse_sum f pairs pair_mass`) and kind (`primal jvp vjp`) runs the
awkdiff case and its hand loop alternately, each in its own single-threaded process
(RAYON_NUM_THREADS=1) of 30 calls (10 for `pair_mass`), and keeps the best per-call time
of each over the rounds. The machine's speed drifts between runs; alternating the two
sides and keeping each one's best makes the ratio depend less on when each side ran.
Prints one line per case: the two times and their ratio.
"""

import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def profile_binary():
    subprocess.run(["cargo", "bench", "-p", "awkdiff-benches", "--bench", "profile", "--no-run"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    candidates = [p for p in glob.glob(os.path.join(ROOT, "target", "release", "deps", "profile-*"))
                  if not p.endswith(".d")]
    return max(candidates, key=os.path.getmtime)


def per_call_ms(binary, case, calls):
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    out = subprocess.run([binary, case, str(calls)], capture_output=True, text=True,
                         env=env, check=True).stdout
    return float(re.search(r": ([0-9.]+) ms per call", out).group(1))


def main():
    groups = (sys.argv[1] if len(sys.argv) > 1 else "reverse_sum,f,pairs,pair_mass").split(",")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    binary = profile_binary()
    for group in groups:
        calls = 10 if group == "pair_mass" else 30
        for kind in ["primal", "jvp", "vjp"]:
            best = {}
            for _ in range(rounds):
                for side in [kind, kind + "_hand"]:
                    t = per_call_ms(binary, f"{group}/{side}", calls)
                    best[side] = min(best.get(side, float("inf")), t)
            ours, hand = best[kind], best[kind + "_hand"]
            print(f"{group}/{kind}: {ours:.2f} ms, hand {hand:.2f} ms, ratio {ours / hand:.2f}x",
                  flush=True)


if __name__ == "__main__":
    main()
