#!/usr/bin/env python3
"""Values of Awkward Array's option-type functions, written as the Rust test
`awkdiff-core/tests/it/options_values.rs`: for each case, the Rust expression and the text,
JSON and type Awkward gives for the same Python expression (`str(r)`, `ak.to_json(r)`,
`str(r.type)`).

    python3 tools/reference/options_values.py > awkdiff-core/tests/it/options_values.rs
    cargo fmt --all

awkdiff has no regular dimensions: where Awkward types a clipped `ak.pad_none` result
`3 * 2 * ?float64`, the test expects `3 * var * ?float64` (the values are the same).
"""

import re
import warnings

import awkward as ak
import numpy as np

warnings.simplefilter("ignore")

INPUTS = {
    "a1": ("Array::from_vec(vec![1.5, -2.0, 3.25])", ak.Array([1.5, -2.0, 3.25])),
    "a2": ("array![[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]]",
           ak.Array([[1.1, 2.2, 3.3], [], [4.4, 5.5], [6.6]])),
    "a3": ("array![[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]]",
           ak.Array([[[1.0, 2.0], []], [], [[3.0], [], [4.0, 5.0, 6.0]]])),
    "e2": ("Array::<f64>::from_json(\"[[], [], []]\").unwrap()", ak.unflatten(np.array([], dtype=np.float64), [0, 0, 0])),
    "n2": ("array![[1.0, f64::NAN], [f64::NAN], [], [-1.0, 7.0, 7.0]]",
           ak.Array([[1.0, np.nan], [np.nan], [], [-1.0, 7.0, 7.0]])),
}


def cases():
    """(rust expression on `x`, python expression on `x`, inputs, regular_to_var)."""
    out = []
    for n in (0, 1, 2, 4):
        for clip in (False, True):
            out.append((f"x.pad_none({n}, {str(clip).lower()})",
                        f"ak.pad_none(x, {n}, axis=-1, clip={clip})", ["a1", "a2", "a3", "e2"], clip))
    out.append(("x.firsts()", "ak.firsts(x, axis=-1)", ["a2", "a3", "e2"], False))
    out.append(("x.mask(&x.gt(2.5))", "ak.mask(x, x > 2.5)", ["a1", "a2", "a3"], False))
    out.append(("x.mask(&x.gt(2.5)).is_none()", "ak.is_none(ak.mask(x, x > 2.5), axis=-1)",
                ["a1", "a2", "a3"], False))
    out.append(("x.mask(&x.gt(2.5)).fill_none(-1.0)", "ak.fill_none(ak.mask(x, x > 2.5), -1.0)",
                ["a1", "a2", "a3"], False))
    out.append(("x.mask(&x.gt(2.5)).drop_none()", "ak.drop_none(ak.mask(x, x > 2.5))",
                ["a1", "a2", "a3"], False))
    out.append(("x.pad_none(2, false).drop_none()", "ak.drop_none(ak.pad_none(x, 2, axis=-1))",
                ["a2", "a3"], False))
    out.append(("x.pad_none(2, true).fill_none(0.0)",
                "ak.fill_none(ak.pad_none(x, 2, axis=-1, clip=True), 0.0)", ["a2", "a3"], True))
    out.append(("x.firsts() * 2.0 + 1.0", "ak.firsts(x, axis=-1) * 2.0 + 1.0", ["a2", "a3"], False))
    out.append(("(-x.firsts()).exp()", "np.exp(-ak.firsts(x, axis=-1))", ["a2"], False))
    out.append(("x.firsts() * x.sum(-1)", "ak.firsts(x, axis=-1) * ak.sum(x, axis=-1)",
                ["a2", "a3"], False))
    out.append(("x.mask(&x.gt(2.5)) + x.mask(&x.lt(5.0))",
                "ak.mask(x, x > 2.5) + ak.mask(x, x < 5.0)", ["a2", "a3"], False))
    for r in ("max", "min", "argmax", "argmin"):
        for axis in (0, 1, 2, -1):
            out.append((f"x.{r}_or_none({axis})", f"ak.{r}(x, axis={axis})", ["a2", "a3", "e2", "n2"], False))
    return out


def regular_to_var(t):
    head, _, rest = t.partition(" * ")
    return head + " * " + re.sub(r"\b\d+ \* ", "var * ", rest)


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The comparison the cases make: text and type exactly, the JSON's numbers to 4 ulp (the
# transcendental ufuncs are awkdiff's own polynomials, within 1-3 ulp of NumPy's libm).
RUST_CHECK = """#[track_caller]
fn check(value: impl Shown, text: &str, json: &str, type_str: &str) {
    let (t, j, ty) = value.parts();
    assert_eq!((t.as_str(), ty.as_str()), (text, type_str));
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("valid JSON");
    assert!(close_json(&parse(&j), &parse(json)), "JSON {j}, expected {json} (to 4 ulp)");
}

/// Equal JSON, except that numbers may differ by 4 ulp.
fn close_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close_json(x, y))
        }
        _ => a == b,
    }
}
"""


def main():
    print("//! Values of the option-type operations against Awkward Array 2.14: every expected")
    print("//! text, JSON and type below was computed by Awkward (`str(r)`, `ak.to_json(r)`,")
    print("//! `str(r.type)`) for the Python expression in the comment above it, by")
    print("//! `tools/reference/options_values.py`, which wrote this file. Clipped `pad_none`")
    print("//! results are typed `var` here where Awkward has a regular dimension (awkdiff has")
    print("//! none).")
    print()
    print("use awkdiff_core::{array, Array, Element, Masked};")
    print()
    print("/// What the cases compare: an array's or a masked array's text, JSON and type.")
    print("trait Shown {")
    print("    fn parts(&self) -> (String, String, String);")
    print("}")
    print()
    print("impl<T: Element> Shown for Array<T> {")
    print("    fn parts(&self) -> (String, String, String) {")
    print("        (self.to_string(), self.to_json(), self.type_str())")
    print("    }")
    print("}")
    print()
    print("impl<T: Element> Shown for Masked<T> {")
    print("    fn parts(&self) -> (String, String, String) {")
    print("        (self.to_string(), self.to_json(), self.type_str())")
    print("    }")
    print("}")
    print()
    print(RUST_CHECK, end="")
    n = 0
    for rust, python, inputs, regular in cases():
        for name in inputs:
            rust_input, x = INPUTS[name]
            if name == "a1" and python.startswith("ak.firsts"):
                continue
            if name == "a3" and re.match(r"ak\.arg(max|min)\(x, axis=0\)", python):
                # Awkward's argmax at an axis above the two innermost is not a position along
                # that axis (see the `reduce` module docs): a known, documented difference.
                continue
            try:
                r = eval(python, {"ak": ak, "np": np, "x": x})
            except (ValueError, np.exceptions.AxisError):
                continue  # an axis out of range: tested with its error message elsewhere
            if not isinstance(r, ak.Array):
                # a flat array reduced at its only axis: Awkward gives a scalar
                continue
            t = str(r.type)
            if regular:
                t = regular_to_var(t)
            note = None
            masked = "pad_none" in rust and "drop_none" not in rust and "fill_none" not in rust
            if masked and "?" not in t:
                t = re.sub(r"(\w+)$", r"?\1", t)
                note = (f"Awkward returns the flat array unchanged here (type `{r.type}`); "
                        "awkdiff's `pad_none` always gives a `Masked`.")
            json = ak.to_json(r, nan_string="nan", posinf_string="inf", neginf_string="-inf")
            fn = re.sub(r"[^a-z0-9]+", "_", f"{rust}_{name}".lower()).strip("_")
            n += 1
            print()
            print(f"/// `{python}` with `x = {x.tolist()}`".replace("nan", "np.nan"))
            if note:
                print(f"/// {note}")
            print("#[test]")
            print(f"fn case_{n:03}_{fn}() {{")
            print(f"    let x = {rust_input};")
            print(f"    check({rust}, {rust_str(str(r))}, {rust_str(json)}, {rust_str(t)});")
            print("}")


if __name__ == "__main__":
    main()
