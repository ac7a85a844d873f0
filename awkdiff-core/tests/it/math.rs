//! `awkdiff_core::math` against the platform's libm: the largest distance in ulp over edge
//! values and random inputs, asserted per function. The default tests take a cheap sample
//! (debug mode); `math_accuracy_millions` (ignored; run it in release mode with
//! `cargo test --release -p awkdiff-core --test it math:: -- --ignored --nocapture`)
//! takes millions and prints the figures the module documents.

use awkdiff_core::math;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// A function under test: name, ours, libm's, the largest ulp distance allowed, and the
/// intervals its random inputs are drawn from (besides random bit patterns).
struct Case {
    name: &'static str,
    ours: fn(f64) -> f64,
    libm: fn(f64) -> f64,
    ours32: fn(f32) -> f32,
    max_ulp: u64,
    ranges: &'static [(f64, f64)],
}

const CASES: &[Case] = &[
    Case {
        name: "exp",
        ours: math::exp,
        libm: f64::exp,
        ours32: math::exp,
        max_ulp: 1,
        ranges: &[
            (-1.0, 1.0),
            (-50.0, 50.0),
            (-746.0, 710.0),
            (-745.2, -708.0),
        ],
    },
    Case {
        name: "ln",
        ours: math::ln,
        libm: f64::ln,
        ours32: math::ln,
        max_ulp: 1,
        ranges: &[(0.5, 2.0), (0.0, 10.0), (0.0, 1e300), (0.0, 1e-300)],
    },
    Case {
        name: "sin",
        ours: math::sin,
        libm: f64::sin,
        ours32: math::sin,
        max_ulp: 1,
        ranges: &[(-4.0, 4.0), (-100.0, 100.0), (-1.0e6, 1.0e6), (-1e30, 1e30)],
    },
    Case {
        name: "cos",
        ours: math::cos,
        libm: f64::cos,
        ours32: math::cos,
        max_ulp: 1,
        ranges: &[(-4.0, 4.0), (-100.0, 100.0), (-1.0e6, 1.0e6), (-1e30, 1e30)],
    },
    Case {
        name: "tanh",
        ours: math::tanh,
        libm: f64::tanh,
        ours32: math::tanh,
        // glibc's tanh is itself up to 2 ulp off; at the worst input found (-0.24438452839443237)
        // ours is 1.1 ulp from the exact value (mpmath) and glibc's 1.9, on either side.
        max_ulp: 3,
        ranges: &[(-1.0, 1.0), (-0.7, 0.7), (-5.0, 5.0), (-30.0, 30.0)],
    },
    Case {
        name: "cosh",
        ours: math::cosh,
        libm: f64::cosh,
        ours32: math::cosh,
        max_ulp: 2,
        ranges: &[
            (-1.0, 1.0),
            (-0.01, 0.01),
            (-5.0, 5.0),
            (-710.6, 710.6),
            (708.0, 711.0),
        ],
    },
    Case {
        name: "sinh",
        ours: math::sinh,
        libm: f64::sinh,
        ours32: math::sinh,
        max_ulp: 2,
        ranges: &[
            (-1.0, 1.0),
            (-1e-5, 1e-5),
            (0.9, 1.1),
            (-5.0, 5.0),
            (-710.6, 710.6),
        ],
    },
];

/// `x`'s place in the order of all `f64` (adjacent floats differ by 1; `-0.0` and `0.0`
/// are both 0).
fn order(x: f64) -> i128 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        -((bits & !(1 << 63)) as i128)
    } else {
        bits as i128
    }
}

/// The distance in ulp between `a` and `b`: 0 when both are NaN, `u64::MAX` when one is.
/// Zeros of different signs are 1 apart (a wrong sign of zero fails).
fn ulp(a: f64, b: f64) -> u64 {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => 0,
        (false, false) => {
            let d = (order(a) - order(b)).unsigned_abs() as u64;
            if d == 0 && a.is_sign_negative() != b.is_sign_negative() {
                1
            } else {
                d
            }
        }
        _ => u64::MAX,
    }
}

/// [`ulp`] for `f32`.
fn ulp32(a: f32, b: f32) -> u64 {
    {
        let order32 = |x: f32| {
            let bits = x.to_bits();
            if bits >> 31 == 1 {
                -((bits & !(1 << 31)) as i64)
            } else {
                bits as i64
            }
        };
        match (a.is_nan(), b.is_nan()) {
            (true, true) => 0,
            (false, false) => {
                let d = (order32(a) - order32(b)).unsigned_abs();
                if d == 0 && a.is_sign_negative() != b.is_sign_negative() {
                    1
                } else {
                    d
                }
            }
            _ => u64::MAX,
        }
    }
}

/// Values at every edge the kernels have: zeros, subnormals, infinities, NaN, the clamps and
/// thresholds, the trigonometric limit, and the doubles nearest to multiples of `π/2`.
fn edges() -> Vec<f64> {
    let mut v = vec![
        0.0,
        f64::MIN_POSITIVE,
        f64::MIN_POSITIVE / 2.0,
        5e-324,
        1e-310,
        f64::EPSILON,
        1e-8,
        0.5,
        0.625,
        1.0,
        std::f64::consts::SQRT_2,
        2.0,
        std::f64::consts::PI,
        19.0,
        19.1,
        20.0,
        20.5,
        700.0,
        709.78,
        709.79,
        710.0,
        708.39,
        745.1,
        745.2,
        746.0,
        1e6,
        1.0e6 + 1.0,
        1e7,
        1e22,
        1e300,
        f64::MAX,
        f64::INFINITY,
        f64::NAN,
    ];
    for k in [
        1.0f64, 2.0, 3.0, 4.0, 5.0, 10.0, 100.0, 1000.0, 12345.0, 636619.0,
    ] {
        v.push(k * std::f64::consts::FRAC_PI_2);
    }
    let neighbours: Vec<f64> = v.iter().flat_map(|&x| [next_up(x), next_down(x)]).collect();
    v.extend(neighbours);
    let negated: Vec<f64> = v.iter().map(|x| -x).collect();
    v.extend(negated);
    v
}

fn next_up(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        x
    } else if x == 0.0 {
        5e-324
    } else if x > 0.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        f64::from_bits(x.to_bits() - 1)
    }
}

fn next_down(x: f64) -> f64 {
    -next_up(-x)
}

/// `n` inputs for `case`: for each of its ranges, `n / 8` uniform draws, `n / 8` random
/// bit patterns of all of `f64`, and `n / 8` doubles nearest to multiples of `π/2` up to
/// the trigonometric limit (the hardest cases of the reduction).
fn inputs(case: &Case, n: usize, rng: &mut SmallRng) -> Vec<f64> {
    let mut v = edges();
    for &(lo, hi) in case.ranges {
        v.extend((0..n / 8).map(|_| rng.random_range(lo..hi)));
    }
    v.extend((0..n / 8).map(|_| f64::from_bits(rng.random())));
    v.extend((0..n / 8).map(|_| {
        let k = rng.random_range(0..636_620) as f64;
        let x = k * std::f64::consts::FRAC_PI_2;
        match rng.random_range(0..3) {
            0 => next_up(x),
            1 => next_down(x),
            _ => x,
        }
    }));
    v
}

/// The largest ulp distance from libm over `inputs` (with the worst input), for `f64`.
fn worst(case: &Case, inputs: &[f64]) -> (u64, f64) {
    inputs
        .iter()
        .map(|&x| (ulp((case.ours)(x), (case.libm)(x)), x))
        .fold((0, 0.0), |a, b| if b.0 > a.0 { b } else { a })
}

/// The same for `f32`: ours against libm's `f64` value rounded to `f32`.
fn worst32(case: &Case, inputs: &[f64]) -> (u64, f32) {
    inputs
        .iter()
        .map(|&x| x as f32)
        .map(|x| (ulp32((case.ours32)(x), (case.libm)(x as f64) as f32), x))
        .fold((0, 0.0), |a, b| if b.0 > a.0 { b } else { a })
}

fn check_all(n: usize, print: bool) {
    let mut rng = SmallRng::seed_from_u64(16);
    for case in CASES {
        let xs = inputs(case, n, &mut rng);
        let (ulps, at) = worst(case, &xs);
        let (ulps32, at32) = worst32(case, &xs);
        if print {
            println!(
                "{}: {} inputs, largest distance from libm {} ulp (f64, at {:e}), {} ulp (f32, at {:e})",
                case.name,
                xs.len(),
                ulps,
                at,
                ulps32,
                at32
            );
        }
        assert!(
            ulps <= case.max_ulp,
            "{}({at:e}) = {:e}, libm gives {:e}: {ulps} ulp apart, more than {}",
            case.name,
            (case.ours)(at),
            (case.libm)(at),
            case.max_ulp
        );
        assert!(
            ulps32 <= 1,
            "{}({at32:e}f32) = {:e}, libm gives {:e}: {ulps32} ulp apart",
            case.name,
            (case.ours32)(at32),
            (case.libm)(at32 as f64) as f32
        );
    }
}

#[test]
fn math_accuracy_sample() {
    check_all(4_000, false);
}

#[test]
#[ignore = "millions of points: run in release mode"]
fn math_accuracy_millions() {
    check_all(8_000_000, true);
}

#[test]
fn math_special_values() {
    assert_eq!(math::exp(f64::NEG_INFINITY), 0.0);
    assert_eq!(math::exp(f64::INFINITY), f64::INFINITY);
    assert_eq!(math::exp(709.79f64), f64::INFINITY);
    assert_eq!(math::exp(-1074.0f64 * std::f64::consts::LN_2), 5e-324);
    assert_eq!(math::exp(-800.0f64), 0.0);
    assert_eq!(math::exp(-0.0f64), 1.0);
    assert!(math::exp(f64::NAN).is_nan());
    assert_eq!(math::ln(0.0f64), f64::NEG_INFINITY);
    assert_eq!(math::ln(-0.0f64), f64::NEG_INFINITY);
    assert!(math::ln(-1.0f64).is_nan());
    assert!(math::ln(f64::NEG_INFINITY).is_nan());
    assert_eq!(math::ln(f64::INFINITY), f64::INFINITY);
    assert_eq!(math::ln(1.0f64), 0.0);
    assert_eq!(math::ln(5e-324f64), 5e-324f64.ln());
    assert!(math::ln(f64::NAN).is_nan());
    for f in [math::sin::<f64>, math::tanh::<f64>, math::sinh::<f64>] {
        assert!(f(-0.0).is_sign_negative() && f(-0.0) == 0.0);
        assert!(f(0.0).is_sign_positive() && f(0.0) == 0.0);
        assert_eq!(f(1e-310), 1e-310);
        assert!(f(f64::NAN).is_nan());
    }
    assert!(math::sin(f64::INFINITY).is_nan() && math::cos(f64::NEG_INFINITY).is_nan());
    assert_eq!(math::cos(-0.0f64), 1.0);
    assert_eq!(math::sin(1e300f64), 1e300f64.sin());
    assert_eq!(math::cos(1e22f64), 1e22f64.cos());
    assert_eq!(math::tanh(f64::INFINITY), 1.0);
    assert_eq!(math::tanh(f64::NEG_INFINITY), -1.0);
    assert_eq!(math::tanh(25.0f64), 1.0);
    assert_eq!(math::cosh(f64::INFINITY), f64::INFINITY);
    assert_eq!(math::cosh(f64::NEG_INFINITY), f64::INFINITY);
    assert_eq!(math::cosh(-0.0f64), 1.0);
    assert!(math::cosh(f64::NAN).is_nan());
    assert_eq!(math::sinh(f64::NEG_INFINITY), f64::NEG_INFINITY);
    // Past exp's overflow, cosh and sinh stay finite up to 710.4758...
    assert_eq!(math::cosh(710.0f64), 710.0f64.cosh());
    assert!(math::sinh(-710.4f64).is_finite());
    assert_eq!(math::cosh(711.0f64), f64::INFINITY);
    assert_eq!(math::exp(f32::INFINITY), f32::INFINITY);
    assert_eq!(math::exp(100.0f32), f32::INFINITY);
    assert_eq!(math::ln(0.0f32), f32::NEG_INFINITY);
    assert_eq!(math::sin(1e30f32), (1e30f32 as f64).sin() as f32);
}

/// The ufuncs (array methods and the scalar forms fused chains call) use the polynomials
/// where the module's table says they pay, libm's functions elsewhere.
#[test]
fn the_ufuncs_use_the_polynomials_where_they_pay() {
    use awkdiff_core::{rules::scalar, Array};
    let on = cfg!(feature = "vector-math");
    let wide = on && cfg!(target_feature = "avx2");
    let values: Vec<f64> = (0..2000).map(|i| i as f64 * 0.0137 - 9.0).collect();
    let x = Array::from_vec(values.clone());
    let x32 = Array::from_vec(values.iter().map(|&v| v as f32).collect::<Vec<f32>>());
    type Row = (
        &'static str,
        fn(&Array<f64>) -> Array<f64>,
        fn(f64) -> f64,
        fn(f64) -> f64,
        fn(f64) -> f64,
        bool,
    );
    let rows: [Row; 7] = [
        ("sin", Array::sin, scalar::sin, math::sin, f64::sin, on),
        ("cosh", Array::cosh, scalar::cosh, math::cosh, f64::cosh, on),
        ("sinh", Array::sinh, scalar::sinh, math::sinh, f64::sinh, on),
        ("cos", Array::cos, scalar::cos, math::cos, f64::cos, on),
        ("tanh", Array::tanh, scalar::tanh, math::tanh, f64::tanh, on),
        ("exp", Array::exp, scalar::exp, math::exp, f64::exp, wide),
        ("ln", Array::ln, scalar::ln, math::ln, f64::ln, false),
    ];
    for (name, method, form, poly, libm, used) in rows {
        let want: Vec<u64> = values
            .iter()
            .map(|&v| if used { poly(v) } else { libm(v) }.to_bits())
            .collect();
        let got: Vec<u64> = method(&x).content().iter().map(|v| v.to_bits()).collect();
        assert_eq!(got, want, "{name}: the array method");
        let got: Vec<u64> = values.iter().map(|&v| form(v).to_bits()).collect();
        assert_eq!(got, want, "{name}: the scalar form");
    }
    // f32 keeps libm's f32 functions.
    let libm32: Vec<f32> = x32.content().iter().map(|v| v.sin()).collect();
    assert_eq!(x32.sin().content(), &libm32[..]);
}

/// The slice kernels give the scalar functions' values to the bit: on every edge value and
/// random inputs, mixed so that rare inputs (beyond the trigonometric limit, infinities,
/// NaN) fall among ordinary ones in one group of eight, and on every length up to 17 (so
/// every size of the padded tail).
#[test]
fn slice_kernels_match_the_scalar_functions_to_the_bit() {
    type Row = (&'static str, fn(&[f64], &mut [f64]), fn(f64) -> f64);
    let rows: [Row; 4] = [
        ("sin", math::sin_slice, math::sin),
        ("cos", math::cos_slice, math::cos),
        ("tanh", math::tanh_slice, math::tanh),
        ("exp", math::exp_slice, math::exp),
    ];
    let mut rng = SmallRng::seed_from_u64(11);
    let mut values = edges();
    values.extend((0..3000).map(|_| rng.random_range(-10.0..10.0)));
    values.extend((0..500).map(|_| f64::from_bits(rng.random())));
    // Shuffled, so that edge values sit beside ordinary ones.
    for i in (1..values.len()).rev() {
        values.swap(i, rng.random_range(0..=i));
    }
    for (name, kernel, scalar) in rows {
        for len in (0..=17).chain([values.len() - 3]) {
            for start in [0, 3] {
                let x = &values[start..start + len];
                let mut out = vec![f64::NAN; len];
                kernel(x, &mut out);
                for (k, (&v, o)) in x.iter().zip(&out).enumerate() {
                    assert_eq!(
                        o.to_bits(),
                        scalar(v).to_bits(),
                        "{name}_slice at {k} of {len} (input {v:e})"
                    );
                }
            }
        }
    }
}

/// The array methods that use a slice kernel read a slice's runs in place and give what
/// they give on the gathered copy (and what the scalar form gives), to the bit.
#[test]
fn vectorised_array_methods_read_slices_in_place() {
    use awkdiff_core::{rules::scalar, s, Array};
    let mut rng = SmallRng::seed_from_u64(12);
    let counts: Vec<usize> = (0..400).map(|_| rng.random_range(0..20)).collect();
    let total: usize = counts.iter().sum();
    let mut offsets = vec![0i64];
    for c in &counts {
        offsets.push(offsets.last().unwrap() + *c as i64);
    }
    let values: Vec<f64> = (0..total).map(|_| rng.random_range(-8.0..8.0)).collect();
    let x = Array::from_offsets(offsets, Array::from_vec(values)).unwrap();
    type Row = (&'static str, fn(&Array<f64>) -> Array<f64>, fn(f64) -> f64);
    let rows: [Row; 4] = [
        ("sin", Array::sin, scalar::sin),
        ("cos", Array::cos, scalar::cos),
        ("tanh", Array::tanh, scalar::tanh),
        ("exp", Array::exp, scalar::exp),
    ];
    for spec in [s![.., 1..], s![.., ..-2], s![..;-1], s![3..200]] {
        let lazy = x.slice(&spec);
        let copy = Array::from_offsets(
            lazy.offsets(0).to_vec(),
            Array::from_vec(lazy.content().to_vec()),
        )
        .unwrap();
        for (name, method, form) in rows {
            let got: Vec<u64> = method(&x.slice(&spec))
                .content()
                .iter()
                .map(|v| v.to_bits())
                .collect();
            let want: Vec<u64> = copy.content().iter().map(|&v| form(v).to_bits()).collect();
            assert_eq!(got, want, "{name} of a slice {spec:?}");
            assert_eq!(
                method(&copy).structure(),
                lazy.structure(),
                "{name}: structure"
            );
        }
    }
}

/// A slice kernel given an output of another length says so.
#[test]
#[should_panic(expected = "slice kernel: input and output lengths differ")]
fn slice_kernels_refuse_outputs_of_another_length() {
    math::sin_slice(&[1.0, 2.0], &mut [0.0; 3]);
}
