//! `Array` construction, invariants, shape queries, `nbytes`, equality and `Structure`.

use awkdiff_core::{array, Array, Error, Structure};

fn offsets_err<T: awkdiff_core::Element>(offsets: Vec<i64>, content: Array<T>) -> String {
    match Array::from_offsets(offsets, content) {
        Err(e @ Error::Offsets { .. }) => e.to_string(),
        other => panic!("expected Error::Offsets, got {other:?}"),
    }
}

#[test]
fn from_vec_is_flat() {
    let x = Array::from_vec(vec![1.0, 2.0, 3.0]);
    assert_eq!(x.len(), 3);
    assert_eq!(x.ndim(), 1);
    assert!(!x.is_empty());
    assert_eq!(x.type_str(), "3 * float64");
    assert_eq!(x.content(), &[1.0, 2.0, 3.0]);
    assert_eq!(x.structure().depth(), 0);
    let e = Array::<f32>::from_vec(vec![]);
    assert!(e.is_empty());
    assert_eq!(e.type_str(), "0 * float32");
}

#[test]
fn from_offsets_builds_lists() {
    let x = Array::from_offsets(
        vec![0, 3, 3, 5],
        Array::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0]),
    );
    assert_eq!(x.unwrap(), array![[1.0, 2.0, 3.0], [], [4.0, 5.0]]);
    // Nested: lists of lists.
    let inner = array![[1.0], [2.0, 3.0], [], [4.0]];
    let x = Array::from_offsets(vec![0, 2, 2, 4], inner).unwrap();
    assert_eq!(x, array![[[1.0], [2.0, 3.0]], [], [[], [4.0]]]);
    assert_eq!(x.type_str(), "3 * var * var * float64");
    assert_eq!(x.offsets(0), &[0, 2, 2, 4]);
    assert_eq!(x.offsets(1), &[0, 1, 3, 3, 4]);
}

#[test]
fn from_offsets_compacts() {
    // Start above 0 and end before the content's end: the unused content is dropped.
    let x = Array::from_offsets(
        vec![1, 3, 4],
        Array::from_vec(vec![0.0, 1.0, 2.0, 3.0, 4.0]),
    );
    let x = x.unwrap();
    assert_eq!(x, array![[1.0, 2.0], [3.0]]);
    assert_eq!(x.offsets(0), &[0, 2, 3]);
    assert_eq!(x.content(), &[1.0, 2.0, 3.0]);
    // The same inside a nested content: its own offsets are rebased too.
    let inner = array![[0.0], [1.0, 2.0], [], [3.0], [4.0, 5.0]];
    let x = Array::from_offsets(vec![1, 2, 4], inner).unwrap();
    assert_eq!(x, array![[[1.0, 2.0]], [[], [3.0]]]);
    assert_eq!(x.offsets(0), &[0, 1, 3]);
    assert_eq!(x.offsets(1), &[0, 2, 2, 3]);
    assert_eq!(x.content(), &[1.0, 2.0, 3.0]);
    // Only [0]: an empty list of lists.
    let x = Array::from_offsets(vec![2], Array::from_vec(vec![1.0, 2.0, 3.0])).unwrap();
    assert_eq!(x.type_str(), "0 * var * float64");
    assert_eq!(x.offsets(0), &[0]);
    assert!(x.content().is_empty());
}

#[test]
fn from_offsets_errors() {
    let content = || Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(
        offsets_err(vec![], content()),
        "invalid offsets: offsets are empty (need at least one entry, e.g. [0])"
    );
    assert_eq!(
        offsets_err(vec![-1, 2], content()),
        "invalid offsets: offsets[0] = -1 is below 0"
    );
    assert_eq!(
        offsets_err(vec![0, 2, 1, 3], content()),
        "invalid offsets: offsets[2] = 1 is less than offsets[1] = 2 (offsets must never decrease)"
    );
    assert_eq!(
        offsets_err(vec![0, 2, 5], content()),
        "invalid offsets: offsets[2] = 5 is past the end of the content (length 4)"
    );
    // Nested content: the end is checked against the number of lists below.
    assert_eq!(
        offsets_err(vec![0, 3], array![[1.0], [2.0]]),
        "invalid offsets: offsets[1] = 3 is past the end of the content (length 2)"
    );
}

#[test]
fn counts() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(x.counts(), Array::from_vec(vec![3, 0, 2]));
    assert_eq!(x.try_counts().unwrap(), Array::from_vec(vec![3i64, 0, 2]));
    let y = array![[[1.0], [2.0, 3.0]], [], [[4.0]]];
    assert_eq!(y.counts(), Array::from_vec(vec![2, 0, 1]));
    let flat = Array::from_vec(vec![1.0, 2.0]);
    let err = flat.try_counts().unwrap_err();
    assert!(matches!(err, Error::Axis { axis: 1, .. }));
    assert_eq!(
        err.to_string(),
        "axis 1 is out of range for an array of type 2 * float64 (1 dimensions)"
    );
}

#[test]
#[should_panic(expected = "axis 1 is out of range for an array of type 2 * float64 (1 dimensions)")]
fn counts_of_a_flat_array_panics() {
    Array::from_vec(vec![1.0, 2.0]).counts();
}

#[test]
fn shape_queries() {
    let x: Array<f32> = array![[[1.0], []], [], [[2.0, 3.0]]];
    assert_eq!(x.len(), 3);
    assert_eq!(x.ndim(), 3);
    assert!(!x.is_empty());
    assert_eq!(x.type_str(), "3 * var * var * float32");
    assert_eq!(array![[true], []].type_str(), "2 * var * bool");
    assert_eq!(array![[1i64], []].type_str(), "2 * var * int64");
    let empty = Array::from_offsets(vec![0], Array::<f64>::from_vec(vec![])).unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.len(), 0);
    assert_eq!(empty.ndim(), 2);
}

#[test]
fn nbytes_as_awkward() {
    // Every expected number is ak.Array(...).nbytes in Awkward 2.14 for the same values and
    // type (ak.values_astype / ak.enforce_type to fix the type); it counts offsets buffers.
    assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].nbytes(), 72);
    assert_eq!(array![[[1.0], [2.0, 3.0]], [], [[4.0, 5.0]]].nbytes(), 104);
    assert_eq!(array![[[[1.0]], []], [[[2.0, 3.0]]]].nbytes(), 104);
    assert_eq!(array![[1.0f32, 2.0, 3.0], [], [4.0, 5.0]].nbytes(), 52);
    assert_eq!(array![[true], [], [false, true]].nbytes(), 35);
    assert_eq!(Array::<f32>::from_vec(vec![5.0, 7.0, 3.0]).nbytes(), 12);
    assert_eq!(Array::<f64>::from_vec(vec![]).nbytes(), 0);
    let empty1 = Array::from_offsets(vec![0], Array::<f64>::from_vec(vec![])).unwrap();
    assert_eq!(empty1.nbytes(), 8); // 0 * var * float64
    let empty2 = Array::from_offsets(vec![0], empty1).unwrap();
    assert_eq!(empty2.nbytes(), 16); // 0 * var * var * float64
    let two_empty: Array<f64> = array![[], []];
    assert_eq!(two_empty.nbytes(), 24); // 2 * var * float64
    let nested_empty: Array<f32> = array![[[]]];
    assert_eq!(nested_empty.nbytes(), 32); // 1 * var * var * float32
}

#[test]
fn equality() {
    let x = array![[1.0, 2.0], [3.0]];
    assert_eq!(x, array![[1.0, 2.0], [3.0]]);
    assert_ne!(x, array![[1.0, 2.0], [4.0]]); // values differ
    assert_ne!(x, array![[1.0], [2.0, 3.0]]); // same content, other lists
    assert_ne!(x, Array::from_vec(vec![1.0, 2.0, 3.0])); // other depth
    assert_ne!(array![[1.0], []], array![[1.0]]); // other length
    let nan = Array::from_vec(vec![f64::NAN]);
    assert_ne!(nan, nan.clone()); // NaN != NaN, as in NumPy
}

#[test]
fn clone_shares_buffers() {
    let x = array![[[1.0], [2.0, 3.0]], [], [[4.0]]];
    let y = x.clone();
    assert_eq!(x.content().as_ptr(), y.content().as_ptr());
    assert_eq!(x.offsets(0).as_ptr(), y.offsets(0).as_ptr());
    assert_eq!(x.offsets(1).as_ptr(), y.offsets(1).as_ptr());
    // Results of `map` share the structure, not the content.
    let z = x.map(|v| v * 2.0);
    assert_eq!(x.offsets(0).as_ptr(), z.offsets(0).as_ptr());
    assert_ne!(x.content().as_ptr(), z.content().as_ptr());
}

#[test]
#[should_panic(
    expected = "array!: invalid JSON array: item at [1] has a different depth from the items before it (every item must have the same depth)"
)]
fn array_macro_rejects_mixed_depths() {
    let _ = array![[1.0], 2.0];
}

#[test]
#[should_panic(
    expected = "array!: invalid JSON array: item at [1] has a different depth from the items before it (every item must have the same depth)"
)]
fn array_macro_rejects_empty_lists_too_deep() {
    let _ = array![[[1.0], []], [[[]]]];
}

#[test]
fn structure_new() {
    let s = Structure::new(vec![vec![0, 2, 2, 3], vec![0, 1, 1, 4]], 4).unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s.depth(), 2);
    assert_eq!(s.level_len(1), 3);
    assert_eq!(s.content_len(), 4);
    assert_eq!(Structure::flat(5).len(), 5);
}

#[test]
fn structure_new_errors() {
    let err = |levels: Vec<Vec<i64>>, len| match Structure::new(levels, len) {
        Err(e @ Error::Offsets { .. }) => e.to_string(),
        other => panic!("expected Error::Offsets, got {other:?}"),
    };
    assert_eq!(
        err(vec![vec![]], 0),
        "invalid offsets: offsets at dimension 1 are empty (need at least [0])"
    );
    assert_eq!(
        err(vec![vec![0, 1], vec![1, 2]], 2),
        "invalid offsets: offsets at dimension 2 start at 1, not 0"
    );
    assert_eq!(
        err(vec![vec![0, 2], vec![0, 3, 2]], 3),
        "invalid offsets: offsets at dimension 2: offsets[2] = 2 is less than offsets[1] = 3 (offsets must never decrease)"
    );
    assert_eq!(
        err(vec![vec![0, 1, 3]], 4),
        "invalid offsets: offsets at dimension 1 end at 3, but the level below has 4 items"
    );
    assert_eq!(
        err(vec![vec![0, 3], vec![0, 1, 2]], 2),
        "invalid offsets: offsets at dimension 1 end at 3, but the level below has 2 items"
    );
}
