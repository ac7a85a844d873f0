//! Combinations and cartesian products within lists, against what Awkward 2.14 gives
//! (`ak.unzip(ak.argcombinations(x, k, axis=-1))`, `ak.argcartesian([x, y], axis=-1)`).

use awkdiff_core::{array, Array};

fn x() -> Array<f64> {
    array![[1.0, 2.0, 3.0, 4.0], [], [5.0], [6.0, 7.0]]
}

#[test]
fn argcombinations_match_awkward() {
    let (i, j) = x().argcombinations::<2>();
    assert_eq!(i, array![[0i64, 0, 0, 1, 1, 2], [], [], [0]]);
    assert_eq!(j, array![[1i64, 2, 3, 2, 3, 3], [], [], [1]]);
    let (a, b, c) = x().argcombinations::<3>();
    assert_eq!(a, array![[0i64, 0, 0, 1], [], [], []]);
    assert_eq!(b, array![[1i64, 1, 2, 2], [], [], []]);
    assert_eq!(c, array![[2i64, 3, 3, 3], [], [], []]);
    // Depth 2: the innermost lists.
    let d = array![[[1.0, 2.0], [3.0]], [], [[4.0, 5.0, 6.0]]];
    let (i, j) = d.argcombinations::<2>();
    assert_eq!(i, array![[[0i64], []], [], [[0i64, 0, 1]]]);
    assert_eq!(j, array![[[1i64], []], [], [[1i64, 2, 2]]]);
    assert_eq!(i.type_str(), "3 * var * var * int64");
    // A flat array is one list (Awkward's axis=0).
    let (i, j) = Array::from_vec(vec![1.0, 2.0, 3.0]).argcombinations::<2>();
    assert_eq!(i, Array::from_vec(vec![0i64, 0, 1]));
    assert_eq!(j, Array::from_vec(vec![1i64, 2, 2]));
}

#[test]
fn combinations_gather_the_values_of_every_slot() {
    let (a, b) = x().combinations::<2>();
    assert_eq!(a, array![[1.0, 1.0, 1.0, 2.0, 2.0, 3.0], [], [], [6.0]]);
    assert_eq!(b, array![[2.0, 3.0, 4.0, 3.0, 4.0, 4.0], [], [], [7.0]]);
    // Lazily sliced input: the positions are those of the slice.
    let reversed = x().slice(awkdiff_core::s![.., ..;-1]);
    let (a, _) = reversed.combinations::<2>();
    assert_eq!(a, array![[4.0, 4.0, 4.0, 3.0, 3.0, 2.0], [], [], [7.0]]);
}

#[test]
fn argcartesian_matches_awkward() {
    let y = array![[10.0], [20.0, 30.0], [], [40.0]];
    let (p, q) = x().argcartesian(&y);
    assert_eq!(p, array![[0i64, 1, 2, 3], [], [], [0, 1]]);
    assert_eq!(q, array![[0i64, 0, 0, 0], [], [], [0, 0]]);
    let (a, b) = x().cartesian(&y);
    assert_eq!(
        &a * &b,
        array![[10.0, 20.0, 30.0, 40.0], [], [], [240.0, 280.0]]
    );
}

#[test]
fn cartesian_of_other_lists_is_a_structure_error() {
    let err = x().try_argcartesian(&array![[1.0], [2.0]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "structure mismatch in cartesian: expected lists like those of 4 * var * float64 around the innermost ones, got 2 * var * float64"
    );
    let deep = array![[[1.0]], [[2.0]], [], [[3.0]]];
    assert!(x().try_cartesian(&deep).is_err());
}
