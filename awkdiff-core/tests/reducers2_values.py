"""Generates the value table of tests/it/reducers2_values.rs from Awkward Array 2.14.

Run: python3 awkdiff-core/tests/reducers2_values.py > /tmp/table.rs, then paste the table.
Every expected value is what Awkward gives at every axis: `ak.var(x, axis=k, ddof=d)`,
`ak.std`, `ak.ptp(x, axis=k, mask_identity=False)`, `ak.any`, `ak.all`,
`ak.count_nonzero`, `ak.sum(x, axis=k, keepdims=True)` (the structure of every keepdims
form), `ak.drop_none(ak.argmax(x, axis=k, keepdims=True))` (`argmax_keepdims`, which gives
an empty list where Awkward gives `[None]`), and `np.log(ak.sum(np.exp(x), axis=k))` for `logsumexp` (Awkward has
no logsumexp; the inputs are small, so this direct form is exact to rounding). awkdiff's
convention for flat arrays applies: a flat array reduced at axis 0 gives a 1-element array
(Awkward: a scalar). Awkward computes `var` at axes other than the innermost in one pass
(`E[x^2] - E[x]^2`); awkdiff in two (`sum((x - mean)^2)`): the script checks that the two
agree to 1e-12 wherever the row is used, and reports the rows where they do not.
"""
import json, math, random, sys, warnings
import awkward as ak, numpy as np
warnings.filterwarnings("ignore")


def to_ak(lst, depth):
    offsets, level = [], lst
    for _ in range(depth):
        o, below = [0], []
        for item in level:
            below.extend(item)
            o.append(len(below))
        offsets.append(o)
        level = below
    layout = ak.contents.NumpyArray(np.array(level, dtype=np.float64))
    for o in reversed(offsets):
        layout = ak.contents.ListOffsetArray(ak.index.Index64(np.array(o, dtype=np.int64)), layout)
    return ak.Array(layout)


def fmt(v):
    if isinstance(v, list):
        return "[" + ",".join(fmt(x) for x in v) + "]"
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    v = float(v)
    if math.isnan(v):
        return '"nan"'
    if math.isinf(v):
        return '"inf"' if v > 0 else '"-inf"'
    return repr(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v)


def listed(r):
    return r.tolist() if isinstance(r, ak.Array) else [r.item() if hasattr(r, "item") else r]


def two_pass_var(lst, depth, k, ddof):
    """var by awkdiff's two-pass formula, grouping leaves by their output slot."""
    x = to_ak(lst, depth)
    # sum((x - m)^2) = sum(x^2) - sum(x)^2 / n, in extended precision to stand for the
    # exact two-pass result
    q = np.asarray(flat(listed(ak.sum(x * x, axis=k))), dtype=np.longdouble)
    s = np.asarray(flat(listed(ak.sum(x, axis=k))), dtype=np.longdouble)
    n = np.asarray(flat(listed(ak.count(x, axis=k))), dtype=np.longdouble)
    with np.errstate(all="ignore"):
        var = (q - s * s / n) / (n - ddof)
        var = np.where(n == 0, np.nan, var)
    return [float(v) for v in var]


def same(a, b, tol):
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y, tol) for x, y in zip(a, b))
    a, b = float(a), float(b)
    return (math.isnan(a) and math.isnan(b)) or a == b or abs(a - b) <= tol * max(1, abs(a))


def flat(v):
    return [y for x in v for y in flat(x)] if isinstance(v, list) else [v]


def random_ragged(rng, depth, maxlen):
    n = 0 if rng.random() < 0.25 else rng.randint(1, maxlen)
    if depth == 0:
        return [float(rng.randint(-4, 4)) for _ in range(n)]
    return [random_ragged(rng, depth - 1, maxlen) for _ in range(n)]


CASES = [
    (0, [1, 2, 4, 0.5]), (0, [3, 3]), (0, [2]), (0, []),
    (1, [[1, 2, 4], [], [3], [5, 5]]), (1, []), (1, [[]]), (1, [[], []]),
    (1, [[1.5, -2, 0], [3], [], [0, 0], [-1, 7, 7, 2]]),
    (2, [[[1, 2], [3]], [], [[4], [5, 6, 7], [8]]]), (2, []), (2, [[[]]]),
    (2, [[[], []], [[1]], [[2, 3], [], [4]]]),
    (3, [[[[1, 2], [3]], [[4]]], [], [[[5, 6, 7]], [[], [8]]]]), (3, [[[[]]], []]),
]
rng = random.Random(13)
for depth in (1, 1, 2, 2, 3, 3):
    CASES.append((depth, random_ragged(rng, depth, 3)))

OPS = ["var0", "var1", "var2", "std0", "std1", "ptp", "logsumexp", "any", "all", "count_nonzero",
       "sum_keepdims", "argmax_keepdims"]


def result(x, k, op):
    if op.startswith("var"):
        return listed(ak.var(x, axis=k, ddof=int(op[3])))
    if op.startswith("std"):
        return listed(ak.std(x, axis=k, ddof=int(op[3])))
    if op == "ptp":
        return listed(ak.ptp(x, axis=k, mask_identity=False))
    if op == "sum_keepdims":
        return listed(ak.sum(x, axis=k, keepdims=True))
    if op == "argmax_keepdims":
        # awkdiff's argmax_keepdims is ak.singletons of argmax: Awkward's keepdims result
        # without its None (an empty list's). Above the two innermost axes Awkward's argmax
        # is not a position along the axis (see tests/reduce_values.py): not compared there.
        if k + 2 <= x.ndim - 1:
            return None
        return listed(ak.drop_none(ak.argmax(x, axis=k, keepdims=True)))
    if op == "logsumexp":
        return listed(np.log(ak.sum(np.exp(x), axis=k)))
    return listed(getattr(ak, op)(x, axis=k))


print("// Generated by tests/reducers2_values.py from Awkward Array 2.14 (see its docstring).")
print("const CASES: &[Case] = &[")
for depth, lst in CASES:
    x = to_ak(lst, depth)
    for k in range(depth + 1):
        row = {op: result(x, k, op) for op in OPS}
        for ddof in (0, 1, 2):
            exact = two_pass_var(lst, depth, k, ddof)
            if not same(flat(row[f"var{ddof}"]), exact, 1e-12):
                print(f"var ddof={ddof} of {lst} at {k}: Awkward {row[f'var{ddof}']} vs {exact}",
                      file=sys.stderr)
        print(f"    Case {{ depth: {depth}, input: {json.dumps(fmt(lst))}, axis: {k},")
        cells = [f"{op}: {json.dumps(fmt(row[op]) if row[op] is not None else '')}" for op in OPS]
        print("        " + ", ".join(cells) + " },")
print("];")
