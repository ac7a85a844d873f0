"""Writes slice_awkward_cases.json: random ragged arrays (depth 1 to 3, empty lists and
empty arrays included), random slices (ranges with any bounds and steps, integer indices,
one entry per dimension or fewer), and what Awkward Array 2.14 gives for `x[slice]`:
the result as nested lists, "ERR" for an error, or "SCALAR" for a single value.

Awkward 2.14 crashes ("negative dimensions are not allowed") on some empty ranges whose
start is past their stop with a positive step (NumPy gives an empty selection); those
cases are left out. Run: python3 slice_awkward_cases.py"""
import json, random
import awkward as ak
import numpy as np

random.seed(5)


def rand_arr(depth, maxlen=4):
    n = random.randint(0, maxlen)
    if depth == 0:
        return [float(random.randint(0, 99)) for _ in range(n)]
    return [rand_arr(depth - 1, maxlen) for _ in range(n)]


def rand_entry():
    if random.random() < 0.25:
        return ["i", random.randint(-4, 4)]
    bound = lambda: None if random.random() < 0.4 else random.randint(-5, 5)
    return ["r", bound(), bound(), random.choice([1, 1, 1, 2, 3, -1, -1, -2, -3])]


def build(a, depth):
    """The array with exactly `depth` var dimensions, float64 leaves (even when empty)."""
    levels = [[0] for _ in range(depth)]
    content = []

    def walk(a, k):
        for item in a:
            if k == depth:
                content.append(item)
            else:
                walk(item, k + 1)
        if k > 0:
            levels[k - 1].append(len(content) if k == depth else len(levels[k]) - 1)

    walk(a, 0)
    node = ak.contents.NumpyArray(np.array(content, dtype=np.float64))
    for offsets in reversed(levels):
        node = ak.contents.ListOffsetArray(ak.index.Index64(np.array(offsets, dtype=np.int64)), node)
    return ak.Array(node)


cases = []
while len(cases) < 800:
    depth = random.randint(0, 2)
    a = rand_arr(depth)
    entries = [rand_entry() for _ in range(random.randint(1, depth + 1))]
    where = tuple(e[1] if e[0] == "i" else slice(e[1], e[2], e[3]) for e in entries)
    try:
        y = build(a, depth)[where]
        expected = y.tolist() if isinstance(y, ak.Array) else "SCALAR"
    except Exception as e:
        if "negative dimensions" in str(e):
            continue
        expected = "ERR"
    cases.append([a, depth, entries, expected])

with open("slice_awkward_cases.json", "w") as f:
    json.dump(cases, f, separators=(",", ":"))
