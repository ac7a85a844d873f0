//! Sorting, jagged indexing, `item`, `concatenate`, `unflatten`, `ravel`, `num`,
//! `local_index` and `run_lengths`: values against Awkward Array 2.14 (each expected value
//! is what the quoted `ak.*` call printed), and every error with its message.

use awkdiff_core::{array, concatenate, try_concatenate, Array, Error};

fn message<V: std::fmt::Debug>(result: Result<V, Error>) -> String {
    result.unwrap_err().to_string()
}

/// `[[3.0, 1.0, nan, 2.0, 1.0], [], [5.0, nan, -1.0]]`
fn with_nan() -> Array<f64> {
    array![[3.0, 1.0, f64::NAN, 2.0, 1.0], [], [5.0, f64::NAN, -1.0]]
}

/// `[[[1.0, 0.5], [3.0]], [], [[4.0], [2.0, 6.0, 7.0], [0.0]]]`
fn z() -> Array<f64> {
    array![[[1.0, 0.5], [3.0]], [], [[4.0], [2.0, 6.0, 7.0], [0.0]]]
}

/// Equality with NaN equal to NaN (`Array`'s `==` follows IEEE).
fn same(a: &Array<f64>, b: &Array<f64>) -> bool {
    a.structure() == b.structure()
        && a.content()
            .iter()
            .zip(b.content())
            .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
}

#[test]
fn sort_puts_nan_first_in_both_directions_and_is_stable() {
    let nan = f64::NAN;
    // ak.sort(x), ak.argsort(x)
    let x = with_nan();
    assert!(same(
        &x.sort(-1, false),
        &array![[nan, 1.0, 1.0, 2.0, 3.0], [], [nan, -1.0, 5.0]]
    ));
    assert_eq!(
        x.argsort(-1, false),
        array![[2i64, 1, 4, 3, 0], [], [1, 2, 0]]
    );
    // ak.sort(x, ascending=False), ak.argsort(x, ascending=False)
    assert!(same(
        &x.sort(1, true),
        &array![[nan, 3.0, 2.0, 1.0, 1.0], [], [nan, 5.0, -1.0]]
    ));
    assert_eq!(
        x.argsort(1, true),
        array![[2i64, 0, 3, 1, 4], [], [1, 0, 2]]
    );
    // Several NaN and infinities.
    let y = array![[nan, 1.0, nan, 0.0, f64::INFINITY, f64::NEG_INFINITY, 1.0]];
    assert_eq!(y.argsort(1, false), array![[0i64, 2, 5, 3, 1, 6, 4]]);
    assert_eq!(y.argsort(1, true), array![[0i64, 2, 4, 1, 6, 3, 5]]);
    // -0.0 equals 0.0: ak.argsort([[0.0, -0.0, inf, -inf]]) is [[3, 0, 1, 2]].
    let zeros = array![[0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY]];
    assert_eq!(zeros.argsort(1, false), array![[3i64, 0, 1, 2]]);
    // Ties in descending order keep their order: [[1, 3, 0, 2]].
    assert_eq!(
        array![[1.0, 2.0, 1.0, 2.0]].argsort(1, true),
        array![[1i64, 3, 0, 2]]
    );
    // A flat array.
    let flat = Array::from_vec(vec![3.0, nan, 1.0, 1.0, 2.0]);
    assert!(same(
        &flat.sort(0, false),
        &Array::from_vec(vec![nan, 1.0, 1.0, 2.0, 3.0])
    ));
    assert_eq!(flat.argsort(0, false), Array::from_vec(vec![1, 2, 3, 4, 0]));
    assert_eq!(flat.argsort(0, true), Array::from_vec(vec![1, 0, 4, 2, 3]));
}

#[test]
fn sort_at_every_axis() {
    let z = z();
    // ak.sort(z, axis=2), ak.argsort(z, axis=2)
    assert_eq!(
        z.sort(2, false),
        array![[[0.5, 1.0], [3.0]], [], [[4.0], [2.0, 6.0, 7.0], [0.0]]]
    );
    assert_eq!(
        z.argsort(-1, false),
        array![[[1i64, 0], [0]], [], [[0], [0, 1, 2], [0]]]
    );
    // ak.sort(z, axis=1), ak.argsort(z, axis=1)
    assert_eq!(
        z.sort(1, false),
        array![[[1.0, 0.5], [3.0]], [], [[0.0], [2.0, 6.0, 7.0], [4.0]]]
    );
    assert_eq!(
        z.argsort(1, false),
        array![[[0i64, 0], [1]], [], [[2], [1, 1, 1], [0]]]
    );
    // ak.sort(z, axis=0); its argsort differs from Awkward's (see the sort module docs).
    assert_eq!(
        z.sort(0, false),
        array![[[1.0, 0.5], [2.0]], [], [[4.0], [3.0, 6.0, 7.0], [0.0]]]
    );
    assert_eq!(
        z.argsort(0, false),
        array![[[0i64, 0], [2]], [], [[2], [0, 2, 2], [2]]]
    );
    // ak.sort(x, axis=0), ak.argsort(x, axis=0) of a 2-d array with NaN.
    let nan = f64::NAN;
    let x = with_nan();
    assert!(same(
        &x.sort(0, false),
        &array![[3.0, nan, nan, 2.0, 1.0], [], [5.0, 1.0, -1.0]]
    ));
    assert_eq!(
        x.argsort(0, false),
        array![[0i64, 2, 0, 0, 0], [], [2, 0, 2]]
    );
    // Ties at axis 0, both directions.
    let t = array![[1.0, 2.0], [1.0], [0.0, 2.0]];
    assert_eq!(t.argsort(0, false), array![[2i64, 0], [0], [1, 2]]);
    assert_eq!(t.argsort(0, true), array![[0i64, 0], [1], [2, 2]]);
    // Empty arrays and lists; float32.
    assert_eq!(array![[], [1.0]].sort(1, true), array![[], [1.0]]);
    assert_eq!(
        array![[3.0f32, -0.5, f32::NAN]].argsort(1, true),
        array![[2i64, 0, 1]]
    );
    assert_eq!(Array::<f64>::from_vec(vec![]).argsort(0, false).len(), 0);
}

#[test]
fn sort_errors_name_the_axis() {
    assert_eq!(
        message(z().try_sort(3, false)),
        "axis 3 is out of range for an array of type 3 * var * var * float64 (3 dimensions)"
    );
    assert_eq!(
        message(z().try_argsort(-4, true)),
        "axis -4 is out of range for an array of type 3 * var * var * float64 (3 dimensions)"
    );
}

#[test]
fn index_picks_inside_every_list() {
    let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    // x[ak.argsort(x)]
    assert_eq!(
        x.index(&x.argsort(1, false)),
        array![[1.0, 2.0, 3.0], [], [4.0, 5.0]]
    );
    // x[[[-1, 0], [], [-2]]]: negative indices from the end of each list.
    assert_eq!(
        x.index(&array![[-1i64, 0], [], [-2]]),
        array![[2.0, 3.0], [], [5.0]]
    );
    // Repeats, and lists of indices of any length.
    assert_eq!(
        x.index(&array![[0i64, 0, 0, 2], [], []]),
        array![[3.0, 3.0, 3.0, 2.0], [], []]
    );
    let z = z();
    // z[[[1, 0, 1], [], [2]]]: depth-2 indices pick whole inner lists.
    assert_eq!(
        z.index(&array![[1i64, 0, 1], [], [2]]),
        array![[[3.0], [1.0, 0.5], [3.0]], [], [[0.0]]]
    );
    // z[[[[1], [0, 0]], [], [[0], [2, 1], []]]]: depth-3 indices pick leaves.
    assert_eq!(
        z.index(&array![[[1i64], [0, 0]], [], [[0], [2, 1], []]]),
        array![[[0.5], [3.0, 3.0]], [], [[4.0], [7.0, 6.0], []]]
    );
    // z[ak.argsort(z)]
    assert_eq!(z.index(&z.argsort(-1, false)), z.sort(-1, false));
    // An empty array.
    let empty = Array::from_offsets(vec![0], Array::<f64>::from_vec(vec![])).unwrap();
    let no_indices = Array::from_offsets(vec![0], Array::<i64>::from_vec(vec![])).unwrap();
    assert_eq!(empty.index(&no_indices), empty);
}

#[test]
fn index_errors_name_the_list_and_the_index() {
    let x = array![[3.0, 1.0, 2.0], [], [5.0, 4.0]];
    // IndexError in Awkward for x[[[3], [], [0]]] and x[[[-4], [], [0]]].
    assert_eq!(
        message(x.try_index(&array![[3i64], [], [0]])),
        "index 3 is out of range in list [0] (length 3)"
    );
    assert_eq!(
        message(x.try_index(&array![[0i64], [], [-3]])),
        "index -3 is out of range in list [2] (length 2)"
    );
    // -1 in an empty list: what argmax gives there, an error (Awkward's None), never the
    // last element of something.
    let argmax = array![[0i64], [-1], [0]];
    assert_eq!(
        message(x.try_index(&argmax)),
        "index -1 is out of range in list [1], which is empty (`argmax` and `argmin` give -1 \
         for an empty list, where Awkward gives None: filter empty lists out first) (length 0)"
    );
    assert!(matches!(
        x.try_index(&argmax),
        Err(Error::Index {
            index: -1,
            len: 0,
            ..
        })
    ));
    // Deeper lists are named by their path.
    assert_eq!(
        message(z().try_index(&array![[[1i64], [0, 5]], [], [[0], [2, 1], []]])),
        "index 5 is out of range in list [0][1] (length 1)"
    );
    // Hostile indices.
    assert_eq!(
        message(x.try_index(&array![[i64::MIN], [], [i64::MAX]])),
        "index -9223372036854775808 is out of range in list [0] (length 3)"
    );
    // Outer lists that do not match.
    assert_eq!(
        message(x.try_index(&array![[0i64], []])),
        "structure mismatch in indices of `index` (one index list per list of the array): \
         expected 3 * var * int64, got 2 * var * int64: lengths 3 and 2 differ"
    );
    assert_eq!(
        message(z().try_index(&array![[[0i64], []], [], [[0], [0]]])),
        "structure mismatch in indices of `index` (one index list per list of the array): \
         expected 3 * var * var * int64, got 3 * var * var * int64: list 2 at dimension 1 has \
         length 3 against 2"
    );
    // Indices deeper than the array, and flat ones (those are `take`).
    assert_eq!(
        message(x.try_index(&array![[[0i64]], [], [[0]]])),
        "structure mismatch in indices of `index`: expected at most 2 dimensions (the array \
         has type 3 * var * float64), got 3 * var * var * int64"
    );
    assert_eq!(
        message(x.try_index(&x.argmax(1))),
        "invalid argument to `index`: the indices are a flat array of type 3 * int64; `index` \
         takes one list of indices per list (the type of `argsort`'s result, or of `argmax` \
         with keepdims: 3 * var * int64); to pick outer elements by position, use \
         `take(idx.content())`"
    );
}

#[test]
fn item_reads_one_value_by_a_full_index() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    // x[2, 1], x[0, -1], x[-1, 0]
    assert_eq!(x.item(&[2, 1]), 5.0);
    assert_eq!(x.item(&[0, -1]), 3.0);
    assert_eq!(x.item(&[-1, 0]), 4.0);
    assert_eq!(z().item(&[2, 1, 2]), 7.0);
    assert_eq!(Array::from_vec(vec![1.0, 2.0, 3.0]).item(&[-3]), 1.0);
    assert!(!array![[true], [false]].item(&[1, 0]));
    assert_eq!(
        message(x.try_item(&[3, 0])),
        "index 3 is out of range of the outermost dimension (length 3)"
    );
    assert_eq!(
        message(z().try_item(&[2, 1, 3])),
        "index 3 is out of range in list [2][1] (length 3)"
    );
    assert_eq!(
        message(x.try_item(&[0, 0, 0])),
        "invalid argument to `item`: it takes one index per dimension: 2 for an array of type \
         3 * var * float64, got 3 ([0, 0, 0])"
    );
    assert_eq!(
        message(x.try_item(&[i64::MIN, 0])),
        "index -9223372036854775808 is out of range of the outermost dimension (length 3)"
    );
}

#[test]
fn slicing_one_value_points_to_item() {
    let flat = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    let panic = std::panic::catch_unwind(|| flat.at(4)).unwrap_err();
    assert_eq!(
        panic.downcast_ref::<String>().unwrap(),
        "invalid argument to `slice`: an integer index on each of the 1 dimensions of \
         5 * float64 selects a single value, not an array: read it with `item(&[4])` \
         (differentiable)"
    );
    let x = array![[1.0, 2.0], [3.0]];
    let panic = std::panic::catch_unwind(|| x.slice(awkdiff_core::s![0, 0])).unwrap_err();
    assert!(panic
        .downcast_ref::<String>()
        .unwrap()
        .ends_with("read it with `item(&[0, 0])` (differentiable)"));
}

#[test]
fn concatenate_at_every_axis() {
    let a = array![[1.0, 2.0], [], [3.0]];
    let b = array![[10.0], [20.0, 30.0], []];
    let c = array![[100.0]];
    // ak.concatenate([a, b], axis=0), ([a, b, c], axis=0)
    assert_eq!(
        concatenate(&[&a, &b], 0),
        array![[1.0, 2.0], [], [3.0], [10.0], [20.0, 30.0], []]
    );
    assert_eq!(
        concatenate(&[&a, &b, &c], 0),
        array![[1.0, 2.0], [], [3.0], [10.0], [20.0, 30.0], [], [100.0]]
    );
    // ak.concatenate([a, b], axis=1) and axis=-1
    let joined = array![[1.0, 2.0, 10.0], [20.0, 30.0], [3.0]];
    assert_eq!(concatenate(&[&a, &b], 1), joined);
    assert_eq!(concatenate(&[&a, &b], -1), joined);
    assert_eq!(
        concatenate(&[&a, &b, &a], 1),
        array![[1.0, 2.0, 10.0, 1.0, 2.0], [20.0, 30.0], [3.0, 3.0]]
    );
    assert_eq!(concatenate(&[&a], 1), a);
    // Flat arrays.
    assert_eq!(
        concatenate(
            &[
                &Array::from_vec(vec![1.0, 2.0]),
                &Array::from_vec(vec![3.0])
            ],
            0
        ),
        Array::from_vec(vec![1.0, 2.0, 3.0])
    );
    // Depth 3: ak.concatenate([z, w], axis=k) for k = 0, 1 (-2), 2 (-1).
    let z = z();
    let w = array![[[9.0], []], [], [[7.0, 7.5], [], [6.0]]];
    assert_eq!(
        concatenate(&[&z, &w], 0),
        array![
            [[1.0, 0.5], [3.0]],
            [],
            [[4.0], [2.0, 6.0, 7.0], [0.0]],
            [[9.0], []],
            [],
            [[7.0, 7.5], [], [6.0]]
        ]
    );
    assert_eq!(
        concatenate(&[&z, &w], -2),
        array![
            [[1.0, 0.5], [3.0], [9.0], []],
            [],
            [[4.0], [2.0, 6.0, 7.0], [0.0], [7.0, 7.5], [], [6.0]]
        ]
    );
    assert_eq!(
        concatenate(&[&z, &w], 2),
        array![
            [[1.0, 0.5, 9.0], [3.0]],
            [],
            [[4.0, 7.0, 7.5], [2.0, 6.0, 7.0], [0.0, 6.0]]
        ]
    );
    // Any element type.
    assert_eq!(
        concatenate(&[&array![[1i64], []], &array![[2i64], [3]]], 1),
        array![[1i64, 2], [3]]
    );
}

#[test]
fn concatenate_errors_name_the_array_and_the_list() {
    let a = array![[1.0, 2.0], [], [3.0]];
    assert_eq!(
        message(try_concatenate::<f64>(&[], 0)),
        "invalid argument to `concatenate`: there is no array to join (give at least one)"
    );
    assert_eq!(
        message(try_concatenate(&[&a, &Array::from_vec(vec![1.0])], 0)),
        "structure mismatch in array 1 of `concatenate`: expected 2 dimensions, as array 0 \
         (3 * var * float64), got 1 * float64"
    );
    assert_eq!(
        message(try_concatenate(&[&a, &a, &array![[1.0], [2.0]]], 1)),
        "structure mismatch in array 2 of `concatenate` at axis 1: expected the outer 1 \
         dimensions of array 0 (3 * var * float64), got 2 * var * float64: lengths 3 and 2 differ"
    );
    let z = z();
    let w = array![[[9.0], []], [[8.0]], [[7.0, 7.5], [], [6.0]]];
    assert_eq!(
        message(try_concatenate(&[&z, &w], 2)),
        "structure mismatch in array 1 of `concatenate` at axis 2: expected the outer 2 \
         dimensions of array 0 (3 * var * var * float64), got 3 * var * var * float64: list 1 \
         at dimension 1 has length 0 against 1"
    );
    assert_eq!(
        message(try_concatenate(&[&a, &a], 2)),
        "axis 2 is out of range for an array of type 3 * var * float64 (2 dimensions)"
    );
}

#[test]
fn unflatten_and_ravel() {
    let flat = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]);
    // ak.unflatten([1, 2, 3, 4], [2, 0, 2])
    assert_eq!(
        flat.unflatten(&[2, 0, 2]),
        array![[1.0, 2.0], [], [3.0, 4.0]]
    );
    // ak.unflatten(a, [1, 0, 2])
    let a = array![[1.0, 2.0], [], [3.0]];
    assert_eq!(
        a.unflatten(&vec![1, 0, 2]),
        array![[[1.0, 2.0]], [], [[], [3.0]]]
    );
    assert_eq!(a.flatten().unflatten(&a.counts()), a);
    assert_eq!(
        Array::<f64>::from_vec(vec![]).unflatten(&[0, 0]),
        array![[], []]
    );
    // ak.ravel(z)
    assert_eq!(
        z().ravel(),
        Array::from_vec(vec![1.0, 0.5, 3.0, 4.0, 2.0, 6.0, 7.0, 0.0])
    );
    assert_eq!(flat.ravel(), flat);
    assert_eq!(
        message(flat.try_unflatten(&[2, 1])),
        "invalid argument to `unflatten`: the counts add up to 3, but the array has 4 outer \
         elements (type 4 * float64)"
    );
    assert_eq!(
        message(flat.try_unflatten(&[5, -1])),
        "invalid argument to `unflatten`: counts[1] = -1 is negative"
    );
    assert_eq!(
        message(flat.try_unflatten(&array![[4i64]])),
        "invalid argument to `unflatten`: the counts must be a 1-d array, not an array of type \
         1 * var * int64"
    );
    assert!(flat.try_unflatten(&[i64::MAX, i64::MAX, 4]).is_err());
    let mut deep = Array::from_vec(vec![1.0]);
    for _ in 0..awkdiff_core::MAX_DEPTH {
        deep = deep.unflatten(&[1]);
    }
    assert!(matches!(deep.try_unflatten(&[1]), Err(Error::Depth { .. })));
}

#[test]
fn num_local_index_and_run_lengths() {
    let z = z();
    // ak.num(z, axis=k), ak.local_index(z, axis=k)
    assert_eq!(z.num(0), Array::from_vec(vec![3]));
    assert_eq!(z.num(1), Array::from_vec(vec![2, 0, 3]));
    assert_eq!(z.num(1), z.counts());
    assert_eq!(z.num(2), array![[2i64, 1], [], [1, 3, 1]]);
    assert_eq!(z.num(-1), z.num(2));
    assert_eq!(z.local_index(0), Array::from_vec(vec![0, 1, 2]));
    assert_eq!(z.local_index(1), array![[0i64, 1], [], [0, 1, 2]]);
    assert_eq!(
        z.local_index(2),
        array![[[0i64, 1], [0]], [], [[0], [0, 1, 2], [0]]]
    );
    assert_eq!(z.local_index(-1), z.local_index(2));
    assert_eq!(
        Array::from_vec(vec![1.0, 2.0]).local_index(0),
        Array::from_vec(vec![0, 1])
    );
    assert_eq!(
        message(Array::from_vec(vec![1.0, 2.0]).try_num(1)),
        "axis 1 is out of range for an array of type 2 * float64 (1 dimensions)"
    );
    assert_eq!(
        message(z.try_local_index(3)),
        "axis 3 is out of range for an array of type 3 * var * var * float64 (3 dimensions)"
    );
    // ak.run_lengths
    let nan = f64::NAN;
    assert_eq!(
        Array::from_vec(vec![1.0, 1.0, 2.0, nan, nan, 3.0, 3.0, 3.0]).run_lengths(),
        Array::from_vec(vec![2, 1, 1, 1, 3])
    );
    assert_eq!(
        array![[1.0, 1.0, 2.0], [], [2.0, 2.0], [5.0]].run_lengths(),
        array![[2i64, 1], [], [2], [1]]
    );
    assert_eq!(
        array![[[1.0, 1.0], [2.0]], [], [[3.0, 4.0, 4.0]]].run_lengths(),
        array![[[2i64], [1]], [], [[1, 2]]]
    );
    assert_eq!(Array::<f64>::from_vec(vec![]).run_lengths().len(), 0);
    assert_eq!(
        Array::from_vec(vec![0.0, -0.0, 1.0]).run_lengths(),
        Array::from_vec(vec![2, 1])
    );
    assert_eq!(array![[true, true, false]].run_lengths(), array![[2i64, 1]]);
}
