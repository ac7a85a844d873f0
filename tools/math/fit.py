"""Coefficients of the polynomials in awkdiff-core/src/math/ (near-minimax fits, in
50-digit arithmetic, by mpmath's Chebyshev interpolation), and their error once rounded to
f64, relative to the function they approximate.

    python3 tools/math/fit.py

Prints each polynomial's coefficients, lowest degree first, as Rust literals. Each fit is
of a smooth remainder (the part after the first terms of the series), so that rounding the
coefficients to f64 costs far less than an ulp of the result.
"""
import mpmath as mp

mp.mp.dps = 50


def fit(name, f, lo, hi, degree, check):
    coeffs, err = mp.chebyfit(f, [lo, hi], degree + 1, error=True)
    coeffs = coeffs[::-1]  # lowest degree first
    rounded = [mp.mpf(float(c)) for c in coeffs]
    worst = mp.mpf(0)
    for i in range(2001):
        z = lo + (hi - lo) * i / 2000
        worst = max(worst, check(z, lambda t: mp.polyval(rounded[::-1], t)))
    print(f"// {name}: degree {degree} on [{mp.nstr(lo, 6)}, {mp.nstr(hi, 6)}], "
          f"fit error {mp.nstr(err, 3)}, relative error of the result {mp.nstr(worst, 3)}")
    for c in rounded:
        print(f"    {float(c)!r},")


def main():
    ln2 = mp.log(2)
    # exp(r) = 1 + r + r^2 E(r), |r| <= ln2/2.
    half = ln2 / 2
    E = lambda r: (mp.exp(r) - 1 - r) / r**2 if r != 0 else mp.mpf(0.5)
    fit("exp: E(r)", E, -half, half, 10,
        lambda r, p: abs((1 + r + r * r * p(r)) / mp.exp(r) - 1))
    # tanh's e^r - 1 = r + r^2 E(r) on [-ln2/2, 1] (r = y itself below y = 1, k = 0).
    fit("tanh's exp_m1: E(r)", E, -half, mp.mpf(1), 13,
        lambda r, p: abs((r + r * r * p(r)) / mp.expm1(r) - 1) if r != 0 else mp.mpf(0))
    # ln(1+f) = 2s + s R(z), s = f / (2 + f), z = s^2, R(z) = z L(z), z <= ((sqrt2-1)/(sqrt2+1))^2.
    smax = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)
    L = lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) / z if z != 0 else mp.mpf(2) / 3
    fit("ln: L(z)", L, mp.mpf(0), smax**2, 6,
        lambda z, p: abs((2 * mp.sqrt(z) + mp.sqrt(z) * z * p(z)) / (2 * mp.atanh(mp.sqrt(z))) - 1)
        if z != 0 else mp.mpf(0))
    # sin(r) = r + r z S(z), cos(r) = 1 - z/2 + z^2 C(z), z = r^2 <= (pi/4)^2.
    zmax = (mp.pi / 4) ** 2
    S = lambda z: (mp.sin(mp.sqrt(z)) - mp.sqrt(z)) / mp.sqrt(z) ** 3 if z != 0 else -mp.mpf(1) / 6
    C = lambda z: (mp.cos(mp.sqrt(z)) - 1 + z / 2) / z**2 if z != 0 else mp.mpf(1) / 24
    fit("sin: S(z)", S, mp.mpf(0), zmax, 6,
        lambda z, p: abs((mp.sqrt(z) * (1 + z * p(z))) / mp.sin(mp.sqrt(z)) - 1) if z != 0 else mp.mpf(0))
    fit("cos: C(z)", C, mp.mpf(0), zmax, 5,
        lambda z, p: abs((1 - z / 2 + z * z * p(z)) / mp.cos(mp.sqrt(z)) - 1))
    # tanh(x) = x + x z T(z), z = x^2 <= 0.625^2 (above, 1 - 2 / (e^{2x} + 1)).
    tmax = mp.mpf(0.625) ** 2
    T = lambda z: (mp.tanh(mp.sqrt(z)) - mp.sqrt(z)) / mp.sqrt(z) ** 3 if z != 0 else -mp.mpf(1) / 3
    fit("tanh: T(z)", T, mp.mpf(0), tmax, 11,
        lambda z, p: abs((mp.sqrt(z) * (1 + z * p(z))) / mp.tanh(mp.sqrt(z)) - 1) if z != 0 else mp.mpf(0))
    # Cody-Waite parts of pi/2: three of 33 bits (so q * part is exact for |q| < 2^20), the
    # rest rounded to 53 bits.
    rest = mp.pi / 2
    for i in range(3):
        part = mp.floor(rest * 2**33 / 2 ** mp.floor(mp.log(rest, 2))) * 2 ** mp.floor(mp.log(rest, 2)) / 2**33
        print(f"// pi/2 part {i + 1}: {float(part)!r} (exact: {part == mp.mpf(float(part))})")
        rest -= part
    print(f"// pi/2 part 4: {float(rest)!r}")
    ln2_hi = mp.floor(ln2 * 2**32) / 2**32
    print(f"// ln2 hi (32 bits): {float(ln2_hi)!r}, lo: {float(ln2 - ln2_hi)!r}")


main()
