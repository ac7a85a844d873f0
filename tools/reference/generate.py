#!/usr/bin/env python3
"""Reference fixtures for awkdiff: Awkward Array + JAX (float64, CPU).

For every case this computes the primal output, a JVP (forward-mode) and a VJP
(reverse-mode) with Awkward's JAX backend, and cross-checks both against central
differences of the same function on Awkward's CPU backend. Where Awkward+JAX raises, or
disagrees with the central differences, the central differences are the reference and the
case says so. Deterministic: every random draw comes from a seed derived from the case
name. See README.md beside this file for the fixture format.

    python3 tools/reference/generate.py            # writes tests/fixtures/reference/*.json
    python3 tools/reference/generate.py --check    # regenerates in memory, diffs with disk
"""

import argparse
import json
import os
import sys
import traceback
import warnings
import zlib

import numpy as np

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platform_name", "cpu")

import awkward as ak  # noqa: E402

warnings.simplefilter("ignore")
ak.jax.register_and_check()

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "tests", "fixtures", "reference")

# Central differences: a fourth-order five-point stencil. With h = 1e-3 its error is
# about 1e-12 relative for the smooth functions here (exact up to rounding for
# polynomials of degree <= 4, such as the products of short lists), and inputs are drawn
# with gaps of >= 0.01 between values (and |x| >= 0.1 where abs is involved), so a step
# never crosses a kink of max, min or abs.
CD_H = 1e-3
# A JAX derivative and the central differences agree when
# |jax - cd| <= AGREE * max(1, |jax|, |cd|).
AGREE = 1e-7
# Tolerance written into the fixtures for the Rust runner (same formula): 1e-10 for JAX
# references; for central differences, ten times their estimated error rounded up to a
# power of ten (never below 1e-10).
TOL_JAX = 1e-10

FORMAT_VERSION = 1


# --------------------------------------------------------------------------------------
# Structures and values
# --------------------------------------------------------------------------------------

def spec_depth(spec):
    """Depth of a structure spec: an int n is a flat list of n numbers (depth 1); a list
    of specs is one more level; an empty list fits any depth (None)."""
    if isinstance(spec, int):
        return 1
    depths = {spec_depth(s) for s in spec} - {None}
    assert len(depths) <= 1, spec
    return 1 + depths.pop() if depths else None


def spec_count(spec):
    if isinstance(spec, int):
        return spec
    if isinstance(spec, tuple):
        return 0
    return sum(spec_count(s) for s in spec)


def fill(spec, it):
    if isinstance(spec, int):
        return [next(it) for _ in range(spec)]
    if isinstance(spec, tuple):
        return []
    return [fill(s, it) for s in spec]


def leaves(obj):
    if isinstance(obj, list):
        out = []
        for o in obj:
            out.extend(leaves(o))
        return out
    return [obj]


def rebuild(template, values):
    it = iter(values)

    def go(t):
        if isinstance(t, list):
            return [go(s) for s in t]
        return float(next(it))

    return go(template)


def nested_depth(obj):
    """Depth of a nested list; None if it cannot be told (no leaf anywhere)."""
    if not isinstance(obj, list):
        return 0
    ds = [nested_depth(o) for o in obj]
    ds = [d for d in ds if d is not None]
    if not ds:
        return None if obj == [] else None
    return 1 + max(ds)


def distinct(rng, n, lo, hi, gap=0.01, min_abs=0.0):
    """n values in [lo, hi], rounded to 4 decimals, pairwise >= gap apart, |v| >= min_abs."""
    for _ in range(10000):
        v = np.round(rng.uniform(lo, hi, size=n), 4)
        if min_abs > 0 and np.any(np.abs(v) < min_abs):
            continue
        s = np.sort(v)
        if n < 2 or np.min(np.diff(s)) >= gap:
            return [float(a) for a in v]
    raise RuntimeError("could not draw distinct values")


DOMAINS = {
    "any": dict(lo=-2.0, hi=2.0, min_abs=0.1),
    "pos": dict(lo=0.5, hi=3.0),
    "tan": dict(lo=-1.2, hi=1.2, min_abs=0.1),
    "unit": dict(lo=0.6, hi=1.6),  # prod: no zeros, moderate magnitudes
    "gt1": dict(lo=1.1, hi=3.0),  # arccosh
    "open_unit": dict(lo=-0.9, hi=0.9, min_abs=0.05),  # arctanh, arcsin, arccos
    "wide": dict(lo=-8.0, hi=8.0, min_abs=0.1),  # sigmoid, softplus
}


def seed_of(name):
    return zlib.crc32(name.encode("utf-8"))


# --------------------------------------------------------------------------------------
# Awkward arrays from nested lists
# --------------------------------------------------------------------------------------

def counts_by_level(obj, depth):
    """Leaves and the counts of every var level of a nested list of known depth."""
    levels = [[] for _ in range(depth - 1)]
    flat = []

    def walk(o, d):
        # o is a list at nesting d (d = 0 outermost)
        if d == depth - 1:
            flat.extend(float(v) for v in o)
            return
        for sub in o:
            levels[d].append(len(sub))
            walk(sub, d + 1)

    walk(obj, 0)
    return flat, levels


def make_array(obj, depth, backend):
    flat, levels = counts_by_level(obj, depth)
    a = ak.Array(np.asarray(flat, dtype=np.float64))
    for c in reversed(levels):
        a = ak.unflatten(a, np.asarray(c, dtype=np.int64))
    assert len(a) == len(obj)
    return ak.to_backend(a, backend)


def to_py(out):
    """Function output to (json value, type string, structure template)."""
    if isinstance(out, ak.Array):
        lst = ak.to_list(ak.to_backend(out, "cpu"))
        return lst, str(ak.type(out)), lst
    v = float(np.asarray(out))
    return v, "float64", v


def same_structure(a, b):
    if isinstance(a, list) != isinstance(b, list):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same_structure(x, y) for x, y in zip(a, b))
    return True


# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------

CASES = []


def case(family, name, function, body, params, inputs, domain="any", depths=None,
         note=None, force_cd=None):
    """params: [(name, "array"|"scalar")]; inputs: per param, a structure spec (arrays),
    a literal nested list (("lit", value, depth)) or a float (scalars, None = random)."""
    CASES.append(dict(family=family, name=name, function=function, body=body,
                      params=params, inputs=inputs, domain=domain, note=note,
                      force_cd=force_cd))


# Structures (a spec: int n = n numbers; list = one more level; ("E", d) = [] at depth d).
S1 = 6
S2 = [3, 0, 2, 1, 4]
S2F = [3, 1, 2, 4]           # no empty list (for x[:, 0], x[:, -1])
S3 = [[2, 1], [], [1, 0, 3], [2]]
S4 = [[[2, 1], []], [], [[1], [0, 3], [2]], [[2, 2]]]
S3OF2 = [[1, 2, 1], [], [2, 0], [3]]   # depth 3, outer structure matches D2B below
D2B = [3, 0, 2, 1]                     # depth 2 broadcast partner of S3OF2
D1_S2 = 5                              # depth 1 partner of S2
D1_S3 = 4                              # depth 1 partner of S3 and S3OF2


def build_cases():
    E = "elementwise"
    unary = [
        ("neg", "-x", "any"),
        ("exp", "np.exp(x)", "any"),
        ("ln", "np.log(x)", "pos"),
        ("log10", "np.log10(x)", "pos"),
        ("sin", "np.sin(x)", "any"),
        ("cos", "np.cos(x)", "any"),
        ("tan", "np.tan(x)", "tan"),
        ("tanh", "np.tanh(x)", "any"),
        ("sqrt", "np.sqrt(x)", "pos"),
        ("abs", "np.abs(x)", "any"),
        ("recip", "1.0 / x", "any"),
        ("powi3", "x ** 3", "any"),
        ("powi_m2", "x ** -2", "any"),
        ("powf2_5", "x ** 2.5", "pos"),
        ("powf0_5", "x ** 0.5", "pos"),
    ]
    for fid, body, dom in unary:
        case(E, f"{fid}_d2", fid, body, [("x", "array")], [S2], dom)
    # a few unary ops at other depths
    case(E, "sin_d1", "sin", "np.sin(x)", [("x", "array")], [S1])
    case(E, "exp_d3", "exp", "np.exp(x)", [("x", "array")], [S3])
    case(E, "ln_d4", "ln", "np.log(x)", [("x", "array")], [S4], "pos")
    case(E, "abs_d3", "abs", "np.abs(x)", [("x", "array")], [S3])

    # binary, same structure
    B = "broadcast"
    binary = [
        ("add", "x + y", "any"), ("sub", "x - y", "any"), ("mul", "x * y", "any"),
        ("div", "x / y", "any"), ("pow", "x ** y", "pos"),
        ("maximum", "np.maximum(x, y)", "any"), ("minimum", "np.minimum(x, y)", "any"),
    ]
    xy = [("x", "array"), ("y", "array")]
    for fid, body, dom in binary:
        case(B, f"{fid}_same_d2", fid, body, xy, [S2, S2], dom)
    case(B, "mul_same_d1", "mul", "x * y", xy, [S1, S1])
    case(B, "add_same_d3", "add", "x + y", xy, [S3, S3])
    case(B, "div_same_d4", "div", "x / y", xy, [S4, S4])
    # lower-depth array broadcast from the left: y has depth 1, x depth 2
    for fid, body, dom in binary:
        case(B, f"{fid}_d2_d1", fid, body, xy, [S2, D1_S2], dom)
    for fid, body, dom in binary[:5]:
        # the lower-depth array on the left: (y, x) with y of depth 1
        case(B, f"{fid}_d1_d2", fid, body, xy, [D1_S2, S2], dom)
    case(B, "mul_d3_d1", "mul", "x * y", xy, [S3, D1_S3])
    case(B, "add_d1_d3", "add", "x + y", xy, [D1_S3, S3])
    case(B, "mul_d3_d2", "mul", "x * y", xy, [S3OF2, D2B])
    case(B, "sub_d2_d3", "sub", "x - y", xy, [D2B, S3OF2])
    # scalar constants on either side
    for fid, body, dom in [
        ("add_const", "x + 2.5", "any"), ("const_add", "2.5 + x", "any"),
        ("sub_const", "x - 2.5", "any"), ("const_sub", "2.5 - x", "any"),
        ("mul_const", "x * 2.5", "any"), ("const_mul", "2.5 * x", "any"),
        ("div_const", "x / 2.5", "any"), ("const_div", "2.5 / x", "any"),
    ]:
        case(B, f"{fid}_d2", fid, body, [("x", "array")], [S2], dom)
    # scalar parameters on either side
    xs = [("x", "array"), ("s", "scalar")]
    for fid, body, dom in [
        ("add_scalar", "x + s", "any"), ("scalar_sub", "s - x", "any"),
        ("mul_scalar", "x * s", "any"), ("scalar_mul", "s * x", "any"),
        ("div_scalar", "x / s", "any"), ("scalar_div", "s / x", "any"),
        ("powf_scalar", "x ** s", "pos"),
    ]:
        case(B, f"{fid}_d2", fid, body, xs, [S2, None], dom)
    case(B, "mul_scalar_d3", "mul_scalar", "x * s", xs, [S3, None])

    # reducers at every axis, depths 1..4
    R = "reducers"
    structs = {1: S1, 2: S2, 3: S3, 4: S4}
    reducers = ["sum", "prod", "mean", "max", "min"]

    def rbody(r, axis):
        extra = ", mask_identity=False" if r in ("max", "min") else ""
        return f"ak.{r}(x, axis={axis}{extra})"

    for r in reducers:
        dom = "unit" if r == "prod" else "any"
        for d in (1, 2, 3, 4):
            for axis in range(d):
                case(R, f"{r}_axis{axis}_d{d}", f"{r}_axis{axis}", rbody(r, axis),
                     [("x", "array")], [structs[d]], dom)
        case(R, f"{r}_all_d2", f"{r}_all", rbody(r, None), [("x", "array")], [S2], dom)
        case(R, f"{r}_axism1_d3", f"{r}_axism1", rbody(r, -1), [("x", "array")], [S3], dom)
    case(R, "sum_all_d1", "sum_all", rbody("sum", None), [("x", "array")], [S1])
    case(R, "sum_all_d4", "sum_all", rbody("sum", None), [("x", "array")], [S4])
    case(R, "max_all_d3", "max_all", rbody("max", None), [("x", "array")], [S3])
    case(R, "sum_axism2_d3", "sum_axism2", rbody("sum", -2), [("x", "array")], [S3])
    case(R, "max_axism2_d4", "max_axism2", rbody("max", -2), [("x", "array")], [S4])
    # prod with zeros: JAX's rule divides by the element; computed from the mathematics
    zeros2 = ("lit", [[1.5, 0.0, -2.0], [], [0.0, 0.0], [0.7], [1.1, -0.9, 1.3, 0.0]], 2)
    case(R, "prod_axis1_zeros", "prod_axis1", rbody("prod", 1), [("x", "array")], [zeros2],
         note="zeros in the input: the derivative of prod is the product of the others",
         force_cd="prod derivative at zero elements (JAX's rule is wrong there)")
    case(R, "prod_axis0_zeros", "prod_axis0", rbody("prod", 0), [("x", "array")], [zeros2],
         note="zeros in the input", force_cd="prod derivative at zero elements")
    case(R, "prod_all_zeros", "prod_all", rbody("prod", None), [("x", "array")],
         [("lit", [[1.5, 0.0, -2.0], [], [0.7, 1.2]], 2)],
         note="one zero in the input", force_cd="prod derivative at zero elements")

    # slices
    SL = "slices"
    x1 = [("x", "array")]
    for fid, body, spec in [
        ("slice_from1", "x[1:]", S2), ("slice_to_m1", "x[:-1]", S2),
        ("slice_rev", "x[::-1]", S2), ("slice_1_5_2", "x[1:5:2]", S2),
        ("slice_4_0_m2", "x[4:0:-2]", S2), ("slice_from_m2", "x[-2:]", S2),
        ("slice_to_100", "x[:100]", S2),
        ("inner_from1", "x[:, 1:]", S2), ("inner_to_m1", "x[:, :-1]", S2),
        ("inner_rev", "x[:, ::-1]", S2), ("inner_step2", "x[:, ::2]", S2),
        ("at2", "x[2]", S2), ("at_m1", "x[-1]", S2),
        ("inner_at0", "x[:, 0]", S2F), ("inner_at_m1", "x[:, -1]", S2F),
        ("take_3_0_3", "x[[3, 0, 3]]", S2),
        ("flatten", "ak.flatten(x, axis=1)", S2),
    ]:
        case(SL, f"{fid}_d2", fid, body, x1, [spec])
    case(SL, "slice_from1_d1", "slice_from1", "x[1:]", x1, [S1])
    case(SL, "slice_rev_d1", "slice_rev", "x[::-1]", x1, [S1])
    case(SL, "slice_rev_d3", "slice_rev", "x[::-1]", x1, [S3])
    case(SL, "inner_rev_d3", "inner_rev", "x[:, ::-1]", x1, [S3])
    case(SL, "inner_from1_d3", "inner_from1", "x[:, 1:]", x1, [S3])
    case(SL, "at2_d3", "at2", "x[2]", x1, [S3])
    case(SL, "take_3_0_3_d3", "take_3_0_3", "x[[3, 0, 3]]", x1, [S3])
    case(SL, "flatten_d3", "flatten", "ak.flatten(x, axis=1)", x1, [S3])
    case(SL, "flatten_d4", "flatten", "ak.flatten(x, axis=1)", x1, [S4])
    case(SL, "filter_mask_inner_d2", "filter_mask_inner",
         "x[ak.Array([[True, False, True], [], [False, False], [True], [True, True, False, True]], backend=ak.backend(x))]",
         x1, [S2])
    case(SL, "filter_mask_outer_d2", "filter_mask_outer_tftft",
         "x[ak.Array([True, False, True, False, True], backend=ak.backend(x))]", x1, [S2])
    case(SL, "filter_mask_outer_d3", "filter_mask_outer_ttft",
         "x[ak.Array([True, True, False, True], backend=ak.backend(x))]", x1, [S3])
    case(SL, "filter_positive_d2", "filter_positive", "x[x > 0.0]", x1, [S2])
    case(SL, "filter_positive_d1", "filter_positive", "x[x > 0.0]", x1, [S1])

    # empty lists and empty arrays
    EM = "empty"
    allempty = ("lit", [[], [], []], 2)
    empty2 = ("lit", [], 2)
    empty1 = ("lit", [], 1)
    empty3 = ("lit", [], 3)
    case(EM, "sum_axis1_all_empty_lists", "sum_axis1", rbody("sum", 1), x1, [allempty])
    case(EM, "prod_axis1_all_empty_lists", "prod_axis1", rbody("prod", 1), x1, [allempty])
    case(EM, "max_axis1_all_empty_lists", "max_axis1", rbody("max", 1), x1, [allempty],
         note="max of an empty list is -inf (mask_identity=False)")
    case(EM, "min_axis1_with_empty_list", "min_axis1", rbody("min", 1), x1, [S2],
         note="min of an empty list is +inf")
    case(EM, "mean_axis1_with_empty_list", "mean_axis1", rbody("mean", 1), x1, [S2],
         note="mean of an empty list is NaN")
    case(EM, "sum_axis0_all_empty_lists", "sum_axis0", rbody("sum", 0), x1, [allempty])
    case(EM, "sin_all_empty_lists", "sin", "np.sin(x)", x1, [allempty])
    case(EM, "sum_axis1_empty_array", "sum_axis1", rbody("sum", 1), x1, [empty2])
    case(EM, "sum_axis0_empty_array_d2", "sum_axis0", rbody("sum", 0), x1, [empty2])
    case(EM, "sum_axis0_empty_array_d1", "sum_axis0", rbody("sum", 0), x1, [empty1])
    case(EM, "sum_all_empty_array", "sum_all", rbody("sum", None), x1, [empty2])
    case(EM, "prod_all_empty_array", "prod_all", rbody("prod", None), x1, [empty2])
    case(EM, "mul_empty_array", "mul", "x * y", xy, [empty2, empty2])
    case(EM, "exp_empty_array_d3", "exp", "np.exp(x)", x1, [empty3])
    case(EM, "slice_from1_empty_array", "slice_from1", "x[1:]", x1, [empty2])
    case(EM, "inner_from1_short_lists", "inner_from1", "x[:, 1:]", x1,
         [("lit", [[0.5], [], [1.5, -0.3], [0.9]], 2)])
    case(EM, "flatten_all_empty_lists", "flatten", "ak.flatten(x, axis=1)", x1, [allempty])
    case(EM, "sum_axis2_empty_inner_d3", "sum_axis2", rbody("sum", 2), x1,
         [("lit", [[[], [1.25]], [], [[], []]], 3)])

    # composite functions
    C = "composite"
    seed = ("lit", [[1.0, 2.0, 3.0], [], [4.0, 5.0]], 2)
    case(C, "reverse_sum_seed", "reverse_sum", "ak.sum(x[::-1], axis=0)", x1, [seed],
         note="the seed notebook's function and input (tangent and cotangent random)")
    case(C, "reverse_sum_d2", "reverse_sum", "ak.sum(x[::-1], axis=0)", x1, [S2])
    case(C, "reverse_sum_d3", "reverse_sum", "ak.sum(x[::-1], axis=0)", x1, [S3])
    case(C, "sum_sq_plus_sin_d2", "sum_sq_plus_sin", "ak.sum(x * x + np.sin(x), axis=-1)",
         x1, [S2])
    case(C, "sum_sq_plus_sin_d3", "sum_sq_plus_sin", "ak.sum(x * x + np.sin(x), axis=-1)",
         x1, [S3])
    case(C, "neighbour_products_d2", "neighbour_products",
         "ak.sum(x[:, 1:] * x[:, :-1], axis=1)", x1, [S2])
    case(C, "neighbour_products_short", "neighbour_products",
         "ak.sum(x[:, 1:] * x[:, :-1], axis=1)", x1,
         [("lit", [[0.5, -1.25, 2.0], [], [1.5], [0.25, 0.75], [-0.5, 1.0, 1.75, -2.0]], 2)])
    case(C, "two_params_d2", "two_params", "ak.sum(x * np.sin(y) + y * y, axis=1)", xy,
         [S2, S2])
    case(C, "two_params_broadcast", "two_params_broadcast",
         "ak.sum((x - y) ** 2, axis=1)", xy, [S2, D1_S2],
         note="y (depth 1) broadcasts into x (depth 2)")
    case(C, "scalar_param_d2", "scalar_param", "ak.sum(np.exp(s * x), axis=1) + s * s",
         xs, [S2, None])
    case(C, "scalar_param_all", "scalar_param_all", "ak.sum(np.tanh(x - s) * s, axis=None)",
         xs, [S2, None])
    case(C, "chain_d2", "chain",
         "ak.mean(np.tanh(x[:, ::-1] * 2.0 + 1.0) ** 2, axis=1)", x1, [S2])
    case(C, "chain_all_d3", "chain_all",
         "ak.sum(np.sqrt(np.exp(x) + x * x) / (1.0 + np.abs(x)), axis=None)", x1, [S3])
    case(C, "softmax_d2", "softmax", "np.exp(x) / ak.sum(np.exp(x), axis=1)", x1, [S2],
         note="a depth-1 array on the right broadcasts into depth 2")
    case(C, "center_d2", "center", "x - ak.mean(x, axis=1)", x1, [S2F])
    case(C, "range_sum_d3", "range_sum",
         "ak.sum(ak.max(x, axis=2, mask_identity=False) - ak.min(x, axis=2, mask_identity=False), axis=1)",
         x1, [[[2, 1], [3, 2], [3]]])
    case(C, "sum_rows_then_prod", "sum_rows_then_prod",
         "ak.prod(ak.sum(x, axis=2), axis=1)", x1, [S3], "unit")
    case(C, "flatten_then_sum0", "flatten_then_sum0",
         "ak.sum(ak.flatten(x, axis=1) * 3.0, axis=0)", x1, [S3])
    case(C, "take_then_mul", "take_then_mul",
         "ak.sum(x[[3, 0, 3]], axis=1) * ak.sum(x[1:4], axis=1)", x1, [S2])
    build_cases_structure()
    build_cases_options()
    build_cases_records()


def build_cases_structure():
    """Issue 13, structure: sort, jagged indexing, item, concatenate, unflatten, ravel.
    Awkward's JAX backend raises for sort (and for several of these); the central
    differences are the reference there."""
    ST = "structure"
    x1 = [("x", "array")]
    xy = [("x", "array"), ("y", "array")]
    allempty = ("lit", [[], [], []], 2)
    empty2 = ("lit", [], 2)
    # sort at the innermost axis, both directions, and at outer axes
    case(ST, "sort_asc_d1", "sort_asc", "ak.sort(x, axis=-1)", x1, [S1])
    case(ST, "sort_asc_d2", "sort_asc", "ak.sort(x, axis=-1)", x1, [S2])
    case(ST, "sort_asc_d3", "sort_asc", "ak.sort(x, axis=-1)", x1, [S3])
    case(ST, "sort_asc_all_empty_lists", "sort_asc", "ak.sort(x, axis=-1)", x1, [allempty])
    case(ST, "sort_desc_d2", "sort_desc", "ak.sort(x, axis=-1, ascending=False)", x1, [S2])
    case(ST, "sort_desc_d3", "sort_desc", "ak.sort(x, axis=-1, ascending=False)", x1, [S3])
    case(ST, "sort_axis0_d2", "sort_axis0", "ak.sort(x, axis=0)", x1, [S2])
    case(ST, "sort_axis0_d3", "sort_axis0", "ak.sort(x, axis=0)", x1, [S3])
    case(ST, "sort_axis1_d3", "sort_axis1", "ak.sort(x, axis=1)", x1, [S3])
    case(ST, "sort_min_sum_d2", "sort_min_sum", "ak.sum(ak.sort(x, axis=1)[:, :1], axis=None)",
         x1, [S2], note="the smallest value of every list, summed")
    # jagged indexing
    case(ST, "index_argsort_desc_d2", "index_argsort_desc",
         "x[ak.argsort(x, axis=-1, ascending=False)]", x1, [S2])
    case(ST, "index_argsort_desc_d3", "index_argsort_desc",
         "x[ak.argsort(x, axis=-1, ascending=False)]", x1, [S3])
    case(ST, "leading_d2", "leading", "x[ak.argsort(x, axis=1, ascending=False)][:, :1]",
         x1, [S2], note="the leading value of every list (empty lists stay empty)")
    case(ST, "index_const_d2", "index_const_d2",
         "x[ak.Array([[2, 0], [], [-1, -1], [0], [3, 1]], backend=ak.backend(x))]", x1, [S2],
         note="repeats and negative indices")
    case(ST, "index_lists_d3", "index_lists_d3",
         "x[ak.Array([[1, 0, 1], [], [2, 0], [0, 0]], backend=ak.backend(x))]", x1, [S3],
         note="depth-2 indices pick whole inner lists of a depth-3 array")
    case(ST, "index_leaves_d3", "index_leaves_d3",
         "x[ak.Array([[[1, -2], [0]], [], [[0], [], [2, 0, 0]], [[-1]]], backend=ak.backend(x))]",
         x1, [S3], note="depth-3 indices pick leaves")
    case(ST, "index_local_reverse_d2", "index_local_reverse",
         "x[ak.local_index(x, axis=1)[:, ::-1]]", x1, [S2])
    # one value by a full index
    case(ST, "item_d1", "item_4", "x[4]", x1, [S1])
    case(ST, "item_d2", "item_2_1", "x[2, 1]", x1, [S2])
    case(ST, "item_d3", "item_2_2_1", "x[2, 2, 1]", x1, [S3])
    case(ST, "item_product_d2", "item_product", "x[0, 0] * x[2, -1]", x1, [S2])
    # concatenate at every axis
    case(ST, "concat_axis0_d1", "concat_axis0", "ak.concatenate([x, y], axis=0)", xy, [S1, 3])
    case(ST, "concat_axis0_d2", "concat_axis0", "ak.concatenate([x, y], axis=0)", xy,
         [S2, [2, 0, 1]])
    case(ST, "concat_axis0_d3", "concat_axis0", "ak.concatenate([x, y], axis=0)", xy,
         [S3, [[1], [], [2, 0]]])
    case(ST, "concat_axis0_empty_array", "concat_axis0", "ak.concatenate([x, y], axis=0)", xy,
         [empty2, S2])
    case(ST, "concat_axis1_d2", "concat_axis1", "ak.concatenate([x, y], axis=1)", xy,
         [S2, [1, 2, 0, 0, 3]])
    case(ST, "concat_axis1_d3", "concat_axis1", "ak.concatenate([x, y], axis=1)", xy,
         [S3, [[1], [2, 0], [], [0]]])
    case(ST, "concat_axis1_all_empty_lists", "concat_axis1", "ak.concatenate([x, y], axis=1)",
         xy, [allempty, allempty])
    case(ST, "concat_axis2_d3", "concat_axis2", "ak.concatenate([x, y], axis=2)", xy,
         [S3, [[1, 0], [], [2, 1, 0], [1]]])
    case(ST, "concat_axism1_d2", "concat_axism1", "ak.concatenate([x, y], axis=-1)", xy,
         [S2, [1, 2, 0, 0, 3]])
    case(ST, "concat_axism1_d3", "concat_axism1", "ak.concatenate([x, y], axis=-1)", xy,
         [S3, [[1, 0], [], [2, 1, 0], [1]]])
    case(ST, "concat_self_d2", "concat_self", "ak.concatenate([x, np.sin(x), x], axis=1)", x1,
         [S2], note="one parameter three times: the cotangents accumulate")
    case(ST, "concat_sum_d2", "concat_sum", "ak.sum(ak.concatenate([x, y], axis=1), axis=1)",
         xy, [S2, [1, 2, 0, 0, 3]], note="a lepton collection: electrons and muons joined")
    # unflatten and ravel
    case(ST, "unflatten_d1", "unflatten_2031",
         "ak.unflatten(x, ak.Array([2, 0, 3, 1], backend=ak.backend(x)))", x1, [S1])
    case(ST, "unflatten_d2", "unflatten_203",
         "ak.unflatten(x, ak.Array([2, 0, 3], backend=ak.backend(x)))", x1, [S2])
    case(ST, "ravel_d2", "ravel", "ak.ravel(x)", x1, [S2])
    case(ST, "ravel_d3", "ravel", "ak.ravel(x)", x1, [S3])
    case(ST, "ravel_unflatten_num_d2", "ravel_unflatten_num",
         "ak.unflatten(ak.ravel(x), ak.num(x, axis=1))", x1, [S2])
    case(ST, "ravel_sq_sum_d3", "ravel_sq_sum", "ak.sum(ak.ravel(x) ** 2, axis=0)", x1, [S3])

    build_cases_ufuncs()


def build_cases_ufuncs():
    """Issue 13's ufuncs, clamp, where and the masks of isnan/isfinite/isinf, at depths 1-3
    (S2 and S3 have empty lists), and functions written with them as users write them."""
    U = "ufuncs"
    x1 = [("x", "array")]
    xy = [("x", "array"), ("y", "array")]
    xs = [("x", "array"), ("s", "scalar")]
    depths = [("d1", S1), ("d2", S2), ("d3", S3)]
    unary = [
        ("sinh", "np.sinh(x)", "any"), ("cosh", "np.cosh(x)", "any"),
        ("asinh", "np.arcsinh(x)", "any"), ("acosh", "np.arccosh(x)", "gt1"),
        ("atanh", "np.arctanh(x)", "open_unit"), ("asin", "np.arcsin(x)", "open_unit"),
        ("acos", "np.arccos(x)", "open_unit"), ("atan", "np.arctan(x)", "any"),
        ("ln_1p", "np.log1p(x)", "pos"), ("exp_m1", "np.expm1(x)", "any"),
        ("log2", "np.log2(x)", "pos"), ("exp2", "np.exp2(x)", "any"),
        ("square", "np.square(x)", "any"), ("cbrt", "np.cbrt(x)", "any"),
        ("sigmoid", "1.0 / (1.0 + np.exp(-x))", "wide"),
        ("softplus", "np.logaddexp(x, 0.0)", "wide"),
        ("maximum_scalar", "np.maximum(x, 0.0)", "any"),
        ("minimum_scalar", "np.minimum(x, 0.25)", "any"),
        ("clamp", "np.minimum(np.maximum(x, -0.5), 0.5)", "any"),
    ]
    for fid, body, dom in unary:
        for dn, spec in depths:
            case(U, f"uf_{fid}_{dn}", f"uf_{fid}", body, x1, [spec], dom)
    # The steps (derivative 0): inputs at least 0.1 from every integer and half-integer.
    steps = [("floor", "np.floor(x)"), ("ceil", "np.ceil(x)"), ("round", "np.rint(x)"),
             ("trunc", "np.trunc(x)"), ("signum", "np.sign(x)")]
    step_inputs = [
        ("d1", ("lit", [0.3, -1.7, 2.2, -0.4, 1.6, -2.8], 1)),
        ("d2", ("lit", [[0.3, -1.7, 2.2], [], [-0.4], [1.6, -2.8, 3.1, -0.2]], 2)),
        ("d3", ("lit", [[[0.3, -1.7], [2.2]], [], [[-0.4], [], [1.6, -2.8, 3.1]], [[-0.2, 0.8]]], 3)),
    ]
    for fid, body in steps:
        for dn, lit in step_inputs:
            case(U, f"uf_{fid}_{dn}", f"uf_{fid}", body, x1, [lit])
    # Ties at the kinks: JAX shares the derivative 1/2 each way, as central differences do.
    ties = ("lit", [[-0.5, 0.5, 0.1], [], [1.2], [-2.0, 0.0, 0.25]], 2)
    for fid, body in [("maximum_scalar", "np.maximum(x, 0.0)"),
                      ("minimum_scalar", "np.minimum(x, 0.25)"),
                      ("clamp", "np.minimum(np.maximum(x, -0.5), 0.5)")]:
        case(U, f"uf_{fid}_ties", f"uf_{fid}", body, x1, [ties],
             note="inputs at the kinks: the derivative there is 1/2")
    # Binary ufuncs and where: same structure at depths 1-3, a lower-depth array on the right.
    binary = [("atan2", "np.arctan2(x, y)"), ("hypot", "np.hypot(x, y)"),
              ("where", "ak.where(x > 0.0, x, y)"), ("where_swapped", "ak.where(x > 0.0, y, x)")]
    for fid, body in binary:
        for dn, spec in depths:
            case(U, f"uf_{fid}_{dn}", f"uf_{fid}", body, xy, [spec, spec])
        case(U, f"uf_{fid}_d2_d1", f"uf_{fid}", body, xy, [S2, D1_S2],
             note="y (depth 1) broadcasts into x (depth 2)")
        case(U, f"uf_{fid}_d3_d2", f"uf_{fid}", body, xy, [S3OF2, D2B],
             note="y (depth 2) broadcasts into x (depth 3)")
    for fid, body in [("atan2_scalar", "np.arctan2(x, s)"), ("hypot_scalar", "np.hypot(x, s)"),
                      ("where_scalar", "ak.where(x > 0.0, x * s, s)")]:
        for dn, spec in depths[1:]:
            case(U, f"uf_{fid}_{dn}", f"uf_{fid}", body, xs, [spec, None])
    case(U, "uf_where_const_d2", "uf_where_const", "ak.where(x > 0.0, x, 0.0)", x1, [S2])
    # The masks of the special-value tests, used as a user does: to drop or replace values.
    case(U, "uf_isfinite_filter_d2", "uf_isfinite_filter",
         "ak.sum(x[np.isfinite(np.log(x))], axis=1)", x1, [S2],
         note="np.log is NaN below 0: those elements are dropped")
    case(U, "uf_isfinite_filter_d3", "uf_isfinite_filter",
         "ak.sum(x[np.isfinite(np.log(x))], axis=1)", x1, [S3])
    case(U, "uf_isnan_where_d2", "uf_isnan_where", "ak.where(np.isnan(np.sqrt(x)), -x, x)",
         x1, [S2])
    case(U, "uf_isinf_where_d2", "uf_isinf_where",
         "ak.where(np.isinf(np.exp(x * 400.0)), 1.0, x)", x1, [S2],
         note="exp(400 x) overflows above x = 1.77")
    # Functions written with them, as users write them.
    case(U, "uf_pz_d2", "uf_pz", "x * np.sinh(y)", xy, [S2, S2],
         note="pz = pt sinh(eta)")
    case(U, "uf_energy_d3", "uf_energy", "np.hypot(x * np.cosh(y), 0.5)", xy, [S3, S3],
         note="E = hypot(pt cosh(eta), m) with m = 0.5")
    case(U, "uf_relu_layer_d2", "uf_relu_layer",
         "ak.sum(np.maximum(x * s + 0.1, 0.0), axis=1)", xs, [S2, None])
    case(U, "uf_clip_layer_d3", "uf_clip_layer",
         "ak.sum(np.minimum(np.maximum(np.tanh(x * s), -0.5), 0.5) ** 2, axis=-1)", xs,
         [S3, None])
    case(U, "uf_soft_selection_d2", "uf_soft_selection",
         "ak.sum(x / (1.0 + np.exp(-(1.5 - np.abs(y)) / 0.3)), axis=1)", xy, [S2, S2],
         note="a sigmoid weight on |eta| < 1.5")
    case(U, "uf_hard_selection_d2", "uf_hard_selection",
         "ak.sum(ak.where(np.abs(y) < 1.5, x, 0.0), axis=1)", xy, [S2, S2])
    case(U, "uf_softplus_loss_all", "uf_softplus_loss",
         "ak.sum(np.logaddexp(x * s, 0.0) - np.log1p(np.exp2(-np.square(x))), axis=None)",
         xs, [S3, None])

    build_cases_reducers2()


# Reducers of issue 13 (branch i13-reducers): var, std, ptp, softmax, log_softmax,
# logsumexp, keepdims forms, at depths 1-3 with empty lists.
S2N = [3, 0, 2, 4]                  # depth 2, no list of one element (std > 0 everywhere)
S2R = [3, 3, 3]                     # depth 2, lists of one length (softmax at axis 0)


def build_cases_reducers2():
    R2 = "reducers2"
    x1 = [("x", "array")]
    structs = {1: S1, 2: S2, 3: S3}

    def ax(a):
        return f"m{-a}" if a < 0 else str(a)

    # var and std at every axis of depths 1-3, ddof 0 and 1, and over everything
    for r in ("var", "std"):
        for ddof in (0, 1):
            for d in (1, 2, 3):
                for a in range(d):
                    case(R2, f"{r}_axis{a}_ddof{ddof}_d{d}", f"{r}_axis{a}_ddof{ddof}",
                         f"ak.{r}(x, axis={a}, ddof={ddof})", x1, [structs[d]])
            case(R2, f"{r}_axism1_ddof{ddof}_d3", f"{r}_axism1_ddof{ddof}",
                 f"ak.{r}(x, axis=-1, ddof={ddof})", x1, [S3])
            case(R2, f"{r}_all_ddof{ddof}_d2", f"{r}_all_ddof{ddof}",
                 f"ak.{r}(x, axis=None, ddof={ddof})", x1, [S2])
    short = ("lit", [[0.5], [], [1.25, 1.25], [0.3, -0.7, 1.1], [2.0, -1.0]], 2)
    case(R2, "var_axis1_ddof1_short_lists", "var_axis1_ddof1", "ak.var(x, axis=1, ddof=1)", x1,
         [short], note="one element with ddof=1: 0/0 = NaN (JAX: NaN derivative; the value "
                       "does not depend on the element: 0)")
    case(R2, "std_axis1_ddof0_short_lists", "std_axis1_ddof0", "ak.std(x, axis=1, ddof=0)", x1,
         [short], note="zero variance: std is kinked there like abs at 0 (JAX: NaN; "
                       "central differences: 0)")
    case(R2, "var_axis1_ddof2_short_lists", "var_axis1_ddof2", "ak.var(x, axis=1, ddof=2)", x1,
         [short], note="n < ddof: Awkward's q / (n - ddof) is negative; n == ddof: inf or NaN")
    case(R2, "std_all_ddof0_empty_array", "std_all_ddof0", "ak.std(x, axis=None, ddof=0)", x1,
         [("lit", [[], []], 2)], note="std of nothing is NaN")
    case(R2, "var_all_ddof1_one_element", "var_all_ddof1", "ak.var(x, axis=None, ddof=1)", x1,
         [("lit", [[], [0.75]], 2)], note="one element with ddof=1: NaN")

    # ptp (mask_identity=False: an empty list gives 0)
    for d in (1, 2, 3):
        for a in range(d):
            case(R2, f"ptp_axis{a}_d{d}", f"ptp_axis{a}",
                 f"ak.ptp(x, axis={a}, mask_identity=False)", x1, [structs[d]])
    case(R2, "ptp_axism1_d3", "ptp_axism1", "ak.ptp(x, axis=-1, mask_identity=False)", x1, [S3])
    case(R2, "ptp_all_d2", "ptp_all", "ak.ptp(x, axis=None, mask_identity=False)", x1, [S2])
    case(R2, "ptp_all_d3", "ptp_all", "ak.ptp(x, axis=None, mask_identity=False)", x1, [S3])

    # softmax family (Awkward has none: written as users write it with Awkward + NumPy)
    shift = "ak.max(x, axis={a}, keepdims=True, mask_identity=False)"
    softmax = ("np.exp(x - " + shift + ") / ak.sum(np.exp(x - " + shift + "), axis={a}, "
               "keepdims=True)")
    log_softmax = "x - np.log(ak.sum(np.exp(x), axis={a}, keepdims=True))"
    logsumexp = "np.log(ak.sum(np.exp(x), axis={a}))"
    for d in (1, 2, 3):
        for name, body in (("softmax", softmax), ("log_softmax", log_softmax),
                           ("logsumexp", logsumexp)):
            case(R2, f"{name}_axism1_d{d}", f"{name}_axism1", body.format(a=-1), x1,
                 [structs[d]])
    case(R2, "softmax_axis0_d2", "softmax_axis0", softmax.format(a=0), x1, [S2R],
         note="lists of one length, so that Awkward broadcasts the keepdims result")
    case(R2, "log_softmax_axis0_d2", "log_softmax_axis0", log_softmax.format(a=0), x1, [S2R])
    case(R2, "logsumexp_axis0_d2", "logsumexp_axis0", logsumexp.format(a=0), x1, [S2])
    case(R2, "logsumexp_axis1_d3", "logsumexp_axis1", logsumexp.format(a=1), x1, [S3])
    case(R2, "softmax_axism1_large", "softmax_axism1", softmax.format(a=-1), x1,
         [("lit", [[1000.0, 999.0, -1000.0], [], [1000.0]], 2)],
         note="values of 1e3: exp(x - max) never overflows")
    case(R2, "log_softmax_axism1_large", "log_softmax_axism1_shifted",
         "x - (ak.max(x, axis=-1, keepdims=True, mask_identity=False) + np.log(ak.sum(np.exp("
         "x - ak.max(x, axis=-1, keepdims=True, mask_identity=False)), axis=-1, "
         "keepdims=True)))",
         x1, [("lit", [[1000.0, 999.0, -1000.0], [], [1000.0]], 2)],
         note="values of 1e3, written with the max shift in Python")

    # keepdims forms (a length-1 list per reduced list)
    for name, body, a, spec, dom in [
        ("sum", "ak.sum(x, axis={a}, keepdims=True)", 1, S2, "any"),
        ("sum", "ak.sum(x, axis={a}, keepdims=True)", 0, S2, "any"),
        ("prod", "ak.prod(x, axis={a}, keepdims=True)", -1, S3, "unit"),
        ("mean", "ak.mean(x, axis={a}, keepdims=True)", 1, S3, "any"),
        ("max", "ak.max(x, axis={a}, keepdims=True, mask_identity=False)", 2, S3, "any"),
        ("min", "ak.min(x, axis={a}, keepdims=True, mask_identity=False)", 0, S3, "any"),
        ("var", "ak.var(x, axis={a}, ddof=1, keepdims=True)", -1, S2, "any"),
        ("std", "ak.std(x, axis={a}, ddof=0, keepdims=True)", 1, S3, "any"),
        ("ptp", "ak.ptp(x, axis={a}, keepdims=True, mask_identity=False)", 1, S2, "any"),
        ("logsumexp", "np.log(ak.sum(np.exp(x), axis={a}, keepdims=True))", -1, S2, "any"),
    ]:
        d = spec_depth(spec)
        fid = f"{name}_keepdims_axis{ax(a)}"
        case(R2, f"{fid}_d{d}", fid, body.format(a=a), x1, [spec], dom)
    case(R2, "sum_keepdims_axis0_d1", "sum_keepdims_axis0", "ak.sum(x, axis=0, keepdims=True)",
         x1, [S1], note="a flat array keeps one element")

    # as users write them
    case(R2, "standardise_d2", "standardise", "(x - ak.mean(x, axis=1)) / ak.std(x, axis=1)",
         x1, [S2N])
    target = "ak.Array([[0.0, 1.0, 0.0], [], [0.0, 0.0, 0.0, 1.0], [1.0, 0.0]], backend=ak.backend(x))"
    case(R2, "cross_entropy_d2", "cross_entropy",
         f"-ak.sum({target} * (x - np.log(ak.sum(np.exp(x), axis=1, keepdims=True))), "
         "axis=None) / 4.0", x1, [[3, 0, 4, 2]],
         note="log_softmax of ragged logits against one-hot targets")
    case(R2, "spread_penalty_d2", "spread_penalty",
         "ak.sum(ak.ptp(x, axis=1, mask_identity=False) ** 2, axis=None) + ak.var(x, axis=None, ddof=1)",
         x1, [S2])


def build_cases_options():
    """Missing values (issue 14, item 3): every function makes option types inside and ends
    in a plain array (fill_none, drop_none or a sum), so the fixture format is unchanged."""
    O = "options"
    x1 = [("x", "array")]
    xy = [("x", "array"), ("y", "array")]
    xs = [("x", "array"), ("s", "scalar")]
    # ak.firsts at the innermost axis, missing for empty lists, filled with 0
    firsts = "ak.fill_none(ak.firsts(x, axis=-1), 0.0)"
    case(O, "firsts_fill_d2", "firsts_fill", firsts, x1, [S2])
    case(O, "firsts_fill_d3", "firsts_fill", firsts, x1, [S3])
    case(O, "firsts_fill_d4", "firsts_fill", firsts, x1, [S4])
    case(O, "firsts_fill_all_empty", "firsts_fill", firsts, x1, [("lit", [[], [], []], 2)])
    # ak.pad_none at the innermost axis (a flat array is padded itself), clipped or not
    pad2c = "ak.fill_none(ak.pad_none(x, 2, axis=-1, clip=True), 0.0)"
    pad3 = "ak.fill_none(ak.pad_none(x, 3, axis=-1), -1.0)"
    for spec, d in [(S1, 1), (S2, 2), (S3, 3)]:
        case(O, f"pad2_clip_fill_d{d}", "pad2_clip_fill", pad2c, x1, [spec])
        case(O, f"pad3_fill_d{d}", "pad3_fill", pad3, x1, [spec])
    case(O, "pad0_clip_fill_d2", "pad0_clip_fill",
         "ak.fill_none(ak.pad_none(x, 0, axis=-1, clip=True), 0.0)", x1, [S2],
         note="every list clipped to nothing")
    # ak.mask, then filled or dropped
    maskfill = "ak.fill_none(ak.mask(x, x > 0.0), 0.5)"
    maskdrop = "ak.drop_none(ak.mask(x, x > 0.0))"
    case(O, "mask_fill_d1", "mask_fill", maskfill, x1, [S1])
    case(O, "mask_fill_d2", "mask_fill", maskfill, x1, [S2])
    case(O, "mask_fill_d3", "mask_fill", maskfill, x1, [S3])
    case(O, "mask_drop_d2", "mask_drop", maskdrop, x1, [S2])
    case(O, "mask_drop_d3", "mask_drop", maskdrop, x1, [S3])
    case(O, "mask_drop_sum_d2", "mask_drop_sum",
         "ak.sum(ak.drop_none(ak.mask(x, x > 0.0)), axis=-1)", x1, [S2])
    # the reducers' default mask_identity=True: None for an empty list, then filled
    for r in ("max", "min"):
        body = lambda axis: f"ak.fill_none(ak.{r}(x, axis={axis}), 0.0)"
        case(O, f"{r}_none_fill_axism1_d2", f"{r}_none_fill_axism1", body(-1), x1, [S2])
        case(O, f"{r}_none_fill_axism1_d3", f"{r}_none_fill_axism1", body(-1), x1, [S3])
        case(O, f"{r}_none_fill_axis1_d3", f"{r}_none_fill_axis1", body(1), x1, [S3])
        case(O, f"{r}_none_fill_axis0_d2", f"{r}_none_fill_axis0", body(0), x1, [S2])
        case(O, f"{r}_none_fill_axism1_d4", f"{r}_none_fill_axism1", body(-1), x1, [S4])
    # a differentiable fill value
    case(O, "firsts_fill_scalar_d2", "firsts_fill_scalar",
         "ak.fill_none(ak.firsts(x, axis=-1), s)", xs, [S2, None],
         note="the fill value is a differentiated parameter")
    case(O, "pad_fill_scalar_d2", "pad_fill_scalar",
         "ak.fill_none(ak.pad_none(x, 3, axis=-1), s)", xs, [S2, None],
         note="the fill value is a differentiated parameter")
    # arithmetic and ufuncs on option types: None in, None out
    case(O, "masked_arith_d2", "masked_arith",
         "ak.fill_none(np.exp(ak.firsts(x, axis=-1)) * 2.0 - ak.firsts(x, axis=-1), 0.0)",
         x1, [S2])
    case(O, "masked_arith_d3", "masked_arith",
         "ak.fill_none(np.exp(ak.firsts(x, axis=-1)) * 2.0 - ak.firsts(x, axis=-1), 0.0)",
         x1, [S3])
    case(O, "masked_times_array_d2", "masked_times_array",
         "ak.fill_none(ak.max(x, axis=-1) * ak.sum(x, axis=-1), 0.0)", x1, [S2])
    case(O, "masked_two_params_d2", "masked_two_params",
         "ak.fill_none(ak.mask(x, x > 0.0) * ak.mask(y, y < 0.5) + y, 1.0)", xy, [S2, S2])
    case(O, "masked_broadcast_d2", "masked_broadcast",
         "ak.fill_none(ak.mask(x, x > 0.0) * y, 0.0)", xy, [S2, D1_S2],
         note="a depth-1 array broadcast into a masked depth-2 one")
    # a user's function: the padded first three values of each list into one tanh unit
    case(O, "pad_network_d2", "pad_network",
         "ak.sum(np.tanh(ak.fill_none(ak.pad_none(x, 3, axis=-1, clip=True), 0.0)[:, 0] * 0.8"
         " - ak.fill_none(ak.pad_none(x, 3, axis=-1, clip=True), 0.0)[:, 1] * 0.3"
         " + ak.fill_none(ak.pad_none(x, 3, axis=-1, clip=True), 0.0)[:, 2] * 0.5 + 0.1), axis=None)",
         x1, [S2])


def build_cases_records():
    """Records (issue 14, item 1): the two parameters x and y are the fields of one record
    array, r = ak.zip({"x": x, "y": y}) (fields of one structure, as awkdiff's records);
    tangents and cotangents of x and y are those of the record's fields. The first cases are
    Awkward's own record-array tests (2 * x.y[2][0] + 10 and friends)."""
    R = "records"
    xy = [("x", "array"), ("y", "array")]

    def rec(name, function, expr, specs, note=None):
        for spec, d in specs:
            body = f'(lambda r: {expr})(ak.zip({{"x": x, "y": y}}))'
            case(R, f"{name}_d{d}", function, body, xy, [spec, spec], note=note)

    D1, D2, D3 = (S1, 1), (S2, 2), (S3, 3)
    rec("rec_item_list", "rec_item_list", "2 * r.y[2][0] + 10", [D3],
        note="Awkward's test_recordarray_2 on a record of one structure")
    rec("rec_item_record_first", "rec_item_record_first", "2 * r[2][0].y + 10", [D3],
        note="the record selected first, then its field")
    rec("rec_item_scalar", "rec_item_scalar", "2 * r.y[2, 2, 1] + 10", [D3],
        note="Awkward's test_recordarray_7: one value")
    rec("rec_square", "rec_square", "2 * r.y ** 2", [D1, D2, D3],
        note="Awkward's test_recordarray_6")
    rec("rec_arith", "rec_arith", "r.x * r.y + np.sin(r.x)", [D1, D2, D3])
    rec("rec_slice_pairs", "rec_slice_pairs", "ak.sum(r[:, 1:].x * r[:, :-1].y, axis=-1)", [D2])
    rec("rec_slice_inner", "rec_slice_inner",
        "ak.sum(r[:, :, 1:].x * r[:, :, :-1].y, axis=-1)", [D3])
    rec("rec_filter", "rec_filter", "ak.sum(r[r.x > 0].y, axis=-1)", [D2, D3])
    rec("rec_take", "rec_take", "r[[2, 0, 2]].x * 2 + r[[2, 0, 2]].y", [D1, D2, D3],
        note="repeated records: their cotangents add")
    rec("rec_flatten", "rec_flatten", "ak.flatten(r).x * ak.flatten(r).y", [D2, D3])
    rec("rec_at", "rec_at", "r[-1].x * r[-1].y", [D2, D3])
    pairs = ('(lambda ij: ak.sum(r[ij[0]].x * r[ij[1]].y, axis=-1))'
             '(ak.unzip(ak.argcombinations(r, 2, axis=-1)))')
    rec("rec_pairs", "rec_pairs", pairs, [D2, D3],
        note="records paired by argcombinations and jagged indexing")
    triples = ('(lambda ijk: ak.sum(r[ijk[0]].x * r[ijk[1]].x * r[ijk[2]].y, axis=-1))'
               '(ak.unzip(ak.argcombinations(r, 3, axis=-1)))')
    rec("rec_triples", "rec_triples", triples, [D2])
    rec("rec_literal", "rec_literal",
        '(lambda q: q.x * np.exp(q.y))(ak.zip({"x": r.y * 2, "y": r.x}))', [D1, D2, D3],
        note="a record built from values inside the function")
    rec("rec_slice_filter_sum", "rec_slice_filter_sum",
        "ak.sum(np.tanh(r[r.y > -0.5][:, :2].x) * 2 + r[r.y > -0.5][:, :2].y, axis=None)", [D2],
        note="a user's function: a cut, the two leading records, one number")


# --------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------

def materialize(c):
    """Inputs, tangents and their templates for a case (deterministic)."""
    rng = np.random.default_rng(seed_of(c["name"]))
    dom = DOMAINS[c["domain"]]
    specs = []
    n_random = 0
    for (pname, kind), inp in zip(c["params"], c["inputs"]):
        if kind == "scalar":
            specs.append(("scalar", inp))
        elif isinstance(inp, tuple) and inp[0] == "lit":
            specs.append(("lit", inp[1], inp[2]))
        else:
            specs.append(("spec", inp, spec_depth(inp)))
            n_random += spec_count(inp)
    # all random array leaves of a case are pairwise distinct (no ties across params)
    pool = iter(distinct(rng, n_random, dom["lo"], dom["hi"], min_abs=dom.get("min_abs", 0)))
    inputs, depths = [], []
    for s in specs:
        if s[0] == "scalar":
            v = s[1] if s[1] is not None else float(np.round(rng.uniform(0.6, 1.4), 4))
            inputs.append(v)
            depths.append(0)
        elif s[0] == "lit":
            inputs.append(s[1])
            depths.append(s[2])
        else:
            inputs.append(fill(s[1], pool))
            depths.append(s[2])
    tangents = []
    for v, d in zip(inputs, depths):
        if d == 0:
            tangents.append(float(np.round(rng.uniform(-1, 1), 4)))
        else:
            tangents.append(rebuild(v, np.round(rng.uniform(-1, 1, size=len(leaves(v))), 4)))
    return inputs, depths, tangents, rng


def make_fn(c):
    names = ", ".join(p for p, _ in c["params"])
    src = f"lambda {names}: {c['body']}"
    return eval(src, {"ak": ak, "np": np}), src


def build_args(values, depths, backend):
    out = []
    for v, d in zip(values, depths):
        if d == 0:
            out.append(float(v) if backend == "cpu" else jax.numpy.asarray(float(v)))
        else:
            out.append(make_array(v, d, backend))
    return out


def flat_out(out):
    if isinstance(out, ak.Array):
        return np.asarray(leaves(ak.to_list(out)), dtype=np.float64)
    return np.asarray([float(np.asarray(out))], dtype=np.float64)


class CD:
    """Central differences of fn on Awkward's CPU backend."""

    def __init__(self, fn, inputs, depths, h=CD_H):
        self.fn, self.inputs, self.depths, self.h = fn, inputs, depths, h
        self.sizes = [1 if d == 0 else len(leaves(v)) for v, d in zip(inputs, depths)]
        self.x0 = np.concatenate([np.asarray([v]) if d == 0 else np.asarray(leaves(v), float)
                                  for v, d in zip(inputs, depths)]) if self.sizes else np.zeros(0)
        self.y0 = self.eval(self.x0)

    def unpack(self, x):
        vals, i = [], 0
        for v, d, n in zip(self.inputs, self.depths, self.sizes):
            if d == 0:
                vals.append(float(x[i]))
            else:
                vals.append(rebuild(v, x[i:i + n]))
            i += n
        return vals

    def eval(self, x):
        with np.errstate(all="ignore"):
            return flat_out(self.fn(*build_args(self.unpack(x), self.depths, "cpu")))

    def directional(self, direction):
        h = self.h
        fs = [self.eval(self.x0 + k * h * direction) for k in (2, 1, -1, -2)]
        with np.errstate(all="ignore"):
            d = (-fs[0] + 8 * fs[1] - 8 * fs[2] + fs[3]) / (12 * h)
        # where the output is non-finite and constant along the stencil (max of an empty
        # list, mean of an empty list), the function is locally constant: derivative 0
        const = ~np.isfinite(self.y0)
        for f in fs:
            const &= (np.isnan(f) & np.isnan(self.y0)) | (f == self.y0)
        d[const] = 0.0
        # rounding noise around exact zeros (linear functions, unused inputs)
        d[np.abs(d) < 1e-11] = 0.0
        return d

    def jvp(self, tangents):
        t = np.concatenate([np.asarray([v]) if d == 0 else np.asarray(leaves(v), float)
                            for v, d in zip(tangents, self.depths)]) if self.sizes else np.zeros(0)
        return self.directional(t)

    def vjp(self, ct_flat):
        n = len(self.x0)
        g = np.zeros(n)
        for i in range(n):
            e = np.zeros(n)
            e[i] = 1.0
            col = self.directional(e)
            g[i] = float(np.dot(col, ct_flat)) if len(col) else 0.0
        g[np.abs(g) < 1e-11] = 0.0
        out, i = [], 0
        for v, d, k in zip(self.inputs, self.depths, self.sizes):
            out.append(float(g[i]) if d == 0 else rebuild(v, g[i:i + k]))
            i += k
        return out


def close(a, b, tol):
    """Elementwise: NaN matches NaN, infinities match themselves."""
    a = np.asarray(leaves(a) if isinstance(a, list) else [a], dtype=float)
    b = np.asarray(leaves(b) if isinstance(b, list) else [b], dtype=float)
    if a.shape != b.shape:
        return False, float("inf")
    if a.size == 0:
        return True, 0.0
    both_nan = np.isnan(a) & np.isnan(b)
    same_inf = np.isinf(a) & (a == b)
    ok_special = both_nan | same_inf
    with np.errstate(all="ignore"):
        err = np.abs(a - b) / np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
    err = np.where(ok_special, 0.0, err)
    err = np.where(np.isnan(err), np.inf, err)
    m = float(np.max(err))
    return m <= tol, m


def short_exc(e):
    return f"{type(e).__name__}: {e}".strip().splitlines()[0][:300]


def run_case(c):
    fn, src = make_fn(c)
    inputs, depths, tangents, rng = materialize(c)

    # primal on the CPU backend (exact, the fallback's output)
    with np.errstate(all="ignore"):
        out_cpu = fn(*build_args(inputs, depths, "cpu"))
    output, output_type, out_template = to_py(out_cpu)
    n_out = len(leaves(output)) if isinstance(output, list) else 1
    ct_vals = np.round(rng.uniform(-1, 1, size=n_out), 4)
    cotangent = rebuild(output, ct_vals) if isinstance(output, list) else float(ct_vals[0])

    cd = CD(fn, inputs, depths)
    cd_jvp_flat = cd.jvp(tangents)
    cd_jvp = rebuild(output, cd_jvp_flat) if isinstance(output, list) else float(cd_jvp_flat[0])
    cd_vjp = cd.vjp(np.asarray(leaves(cotangent) if isinstance(cotangent, list) else [cotangent]))

    input_types = []
    for v, d in zip(inputs, depths):
        input_types.append("float64" if d == 0 else str(ak.type(make_array(v, d, "cpu"))))

    parts = {}
    failures = []
    disagreements = []
    diffs = {}

    # JAX: primal + JVP
    jax_out = jax_jvp = jax_vjp = None
    try:
        jx = build_args(inputs, depths, "jax")
        jt = build_args(tangents, depths, "jax")
        o, t = jax.jvp(fn, tuple(jx), tuple(jt))
        jax_out = to_py(o)[0]
        jax_jvp = to_py(t)[0]
    except Exception as e:  # noqa: BLE001
        failures.append(f"jvp: {short_exc(e)}")
    try:
        jx = build_args(inputs, depths, "jax")
        o, pb = jax.vjp(fn, *jx)
        if isinstance(cotangent, list):
            jct = make_array(cotangent, nested_depth_of_type(output_type), "jax")
        else:
            jct = jax.numpy.asarray(cotangent)
        cts = pb(jct)
        jax_vjp = [to_py(g)[0] for g in cts]
        if jax_out is None:
            jax_out = to_py(o)[0]
    except Exception as e:  # noqa: BLE001
        failures.append(f"vjp: {short_exc(e)}")

    # output
    if jax_out is not None:
        ok, m = close(jax_out, output, 1e-12) if same_structure(jax_out, output) else (False, float("inf"))
        diffs["output"] = m
        if ok:
            parts["output"] = "jax"
            output = jax_out
        else:
            parts["output"] = "cpu"
            disagreements.append(f"output: JAX backend {short_list(jax_out)} != CPU backend {short_list(output)}")
    else:
        parts["output"] = "cpu"

    # JVP
    jvp = cd_jvp
    parts["jvp"] = "cpu-central-differences"
    if jax_jvp is not None:
        ok, m = close(jax_jvp, cd_jvp, AGREE) if same_structure(jax_jvp, cd_jvp) else (False, float("inf"))
        diffs["jvp"] = m
        if ok and not c["force_cd"]:
            jvp = jax_jvp
            parts["jvp"] = "jax"
        elif not ok:
            disagreements.append(f"jvp: JAX {short_list(jax_jvp)} vs central differences {short_list(cd_jvp)}")

    # VJP
    vjp = cd_vjp
    parts["vjp"] = "cpu-central-differences"
    if jax_vjp is not None:
        good = len(jax_vjp) == len(cd_vjp)
        m = 0.0
        for a, b in zip(jax_vjp, cd_vjp):
            if not same_structure(a, b):
                good, m = False, float("inf")
                break
            ok, mm = close(a, b, AGREE)
            good &= ok
            m = max(m, mm)
        diffs["vjp"] = m
        if good and not c["force_cd"]:
            vjp = jax_vjp
            parts["vjp"] = "jax"
        elif not good:
            disagreements.append(f"vjp: JAX {short_list(jax_vjp)} vs central differences {short_list(cd_vjp)}")

    all_jax = parts["output"] == "jax" and parts["jvp"] == "jax" and parts["vjp"] == "jax"
    tolerance = TOL_JAX
    cd_err = None
    if not all_jax:
        # estimate the error of the central differences by redoing them with half the step
        cd2 = CD(fn, inputs, depths, h=CD_H / 2)
        j2 = cd2.jvp(tangents)
        v2 = cd2.vjp(np.asarray(leaves(cotangent) if isinstance(cotangent, list) else [cotangent]))
        cd_err = close(list(j2), list(cd_jvp_flat), 1.0)[1]
        for a, b in zip(v2, cd_vjp):
            cd_err = max(cd_err, close(a, b, 1.0)[1])
        tolerance = max(TOL_JAX, float(10.0 ** np.ceil(np.log10(max(cd_err, 1e-300) * 10))))
    rec = {
        "name": c["name"],
        "family": c["family"],
        "function": c["function"],
        "expression": src,
        "params": [{"name": p, "kind": k} for p, k in c["params"]],
        "input_types": input_types,
        "output_type": output_type,
        "inputs": inputs,
        "tangents": tangents,
        "output": output,
        "jvp": jvp,
        "cotangent": cotangent,
        "vjp": vjp,
        "reference": "jax" if all_jax else "cpu-central-differences",
        "reference_parts": parts,
        "tolerance": tolerance,
    }
    if cd_err is not None:
        rec["cd_error_estimate"] = float(f"{cd_err:.2e}")
    if failures:
        rec["reference_failure"] = "; ".join(failures)
    if disagreements:
        rec["reference_disagreement"] = "; ".join(disagreements)
    if c["force_cd"]:
        rec["reference_override"] = c["force_cd"]
    if c["note"]:
        rec["note"] = c["note"]
    rec["_diffs"] = diffs
    return rec


def nested_depth_of_type(t):
    return t.count("*")


def short_list(v, n=120):
    s = json.dumps(sanitize(v))
    return s if len(s) <= n else s[:n] + "..."


def sanitize(v):
    if isinstance(v, list):
        return [sanitize(a) for a in v]
    if isinstance(v, dict):
        return {k: sanitize(a) for k, a in v.items()}
    if isinstance(v, float):
        if np.isnan(v):
            return "NaN"
        if np.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        if v == 0.0:
            return 0.0  # no negative zeros in the fixtures
    return v


def dumps(obj):
    """Compact JSON with one case per line block, stable and diff-friendly."""
    return json.dumps(sanitize(obj), indent=1, allow_nan=False) + "\n"


HERE = os.path.dirname(os.path.abspath(__file__))


def path_of(fn):
    if fn == "CASES_MD":
        return os.path.join(HERE, "cases.md")
    if fn == "README_MD":
        return os.path.join(HERE, "README.md")
    return os.path.join(OUT_DIR, fn)


def md_escape(s):
    return s.replace("|", "\\|")


def cases_md(families):
    lines = [
        "# Reference cases",
        "",
        "Generated by `tools/reference/generate.py` (do not edit by hand). One row per",
        "function identifier: the Rust conformance test implements each identifier once as a",
        "`#[differentiable]` function and runs every case that names it. Non-differentiated",
        "arguments (axes, indices, masks, constants) are part of the function.",
        "",
        "## Function identifiers",
        "",
        "| function | Python expression | params | output kinds | cases |",
        "| --- | --- | --- | --- | --- |",
    ]
    by_fn = {}
    for recs in families.values():
        for r in recs:
            by_fn.setdefault(r["function"], []).append(r)
    for fid in sorted(by_fn):
        recs = by_fn[fid]
        exprs = sorted({r["expression"] for r in recs})
        assert len(exprs) == 1, (fid, exprs)
        params = ", ".join(f"{p['name']}: {p['kind']}" for p in recs[0]["params"])
        outs = ", ".join(sorted({r["output_type"].split(" * ")[-1] if r["output_type"] == "float64"
                                 else "array" for r in recs}))
        names = ", ".join(f"`{r['name']}`" for r in recs)
        lines.append(f"| `{fid}` | `{md_escape(exprs[0])}` | {params} | {outs} | {names} |")
    lines += [
        "",
        "## Cases",
        "",
        "| case | family | function | input types | output type | reference |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for fam, recs in families.items():
        for r in recs:
            lines.append(f"| `{r['name']}` | {fam} | `{r['function']}` | "
                         f"{', '.join(r['input_types'])} | {r['output_type']} | {r['reference']} |")
    return "\n".join(lines) + "\n"


def update_readme(text, families):
    begin, end = "<!-- failures:begin -->", "<!-- failures:end -->"
    if begin not in text or end not in text:
        return text
    rows = ["| case | function | expression | what Awkward+JAX did |", "| --- | --- | --- | --- |"]
    for recs in families.values():
        for r in recs:
            if r["reference"] == "jax":
                continue
            what = []
            if "reference_failure" in r:
                what.append("raised: " + r["reference_failure"])
            if "reference_disagreement" in r:
                what.append("disagrees with central differences in "
                            + ", ".join(p.split(":")[0] for p in r["reference_disagreement"].split("; ")))
            rows.append(f"| `{r['name']}` | `{r['function']}` | `{md_escape(r['expression'])}` | "
                        f"{md_escape('; '.join(what))} |")
    n = sum(1 for recs in families.values() for r in recs if r["reference"] != "jax")
    body = "\n".join([f"{n} cases (generated list):", ""] + rows)
    pre = text.split(begin)[0]
    post = text.split(end)[1]
    return pre + begin + "\n" + body + "\n" + end + post


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--family", help="only this family (writes its file alone; no cases.md)")
    args = ap.parse_args()

    build_cases()
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"

    families = {}
    max_diff = {"jvp": 0.0, "vjp": 0.0}
    for c in CASES:
        if args.family and c["family"] != args.family:
            continue
        try:
            rec = run_case(c)
        except Exception:
            print(f"case {c['name']} crashed:", file=sys.stderr)
            traceback.print_exc()
            sys.exit(1)
        diffs = rec.pop("_diffs")
        if rec["reference"] == "jax":
            for k in ("jvp", "vjp"):
                max_diff[k] = max(max_diff[k], diffs.get(k, 0.0))
        if args.verbose:
            print(rec["name"], diffs)
        if args.verbose or rec["reference"] != "jax":
            print(f"{rec['name']:<34} {rec['reference']:<24} "
                  f"{rec.get('reference_failure', '')} {rec.get('reference_disagreement', '')[:200]}")
        families.setdefault(rec["family"], []).append(rec)

    header = {
        "format": FORMAT_VERSION,
        "generator": "tools/reference/generate.py",
        "awkward": ak.__version__,
        "jax": jax.__version__,
    }
    files = {}
    for fam, recs in families.items():
        files[f"{fam}.json"] = dumps(dict(header, family=fam, cases=recs))

    n = sum(len(r) for r in families.values())
    print(f"{n} cases in {len(families)} families; max JAX-vs-central-differences "
          f"relative difference among JAX-referenced cases: jvp {max_diff['jvp']:.2e}, "
          f"vjp {max_diff['vjp']:.2e}")

    if args.family:
        with open(path_of(f"{args.family}.json"), "w") as f:
            f.write(files[f"{args.family}.json"])
        print(f"wrote {path_of(args.family + '.json')} alone")
        return
    files["CASES_MD"] = cases_md(families)
    readme_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
    if os.path.exists(readme_path):
        files["README_MD"] = update_readme(open(readme_path).read(), families)

    if args.check:
        bad = 0
        for fn, text in files.items():
            p = path_of(fn)
            if not os.path.exists(p) or open(p).read() != text:
                print(f"differs: {p}")
                bad += 1
        sys.exit(1 if bad else 0)
    os.makedirs(OUT_DIR, exist_ok=True)
    for fn, text in files.items():
        with open(path_of(fn), "w") as f:
            f.write(text)
    total = sum(len(t) for fn, t in files.items() if fn.endswith(".json"))
    print(f"wrote {len(files)} files, {total} bytes, to {OUT_DIR}")


if __name__ == "__main__":
    main()
