//! Values of every slice form against Awkward Array 2.14, and their error messages.
//!
//! Every expected value below was printed by Python with `import awkward as ak`, for the
//! arrays `X1`, `X2`, `X3` given as `ak.Array([...])`, e.g. `x2[:, ::-1].tolist()`.

use awkdiff_core::{array, s, Array, Error, Slice, SliceEntry};

/// `ak.Array([1., 2., 3., 4., 5.])`
fn x1() -> Array<f64> {
    array![1.0, 2.0, 3.0, 4.0, 5.0]
}

/// `ak.Array([[1., 2., 3.], [], [4., 5.], [6.], [7., 8., 9., 10.]])`
fn x2() -> Array<f64> {
    array![
        [1.0, 2.0, 3.0],
        [],
        [4.0, 5.0],
        [6.0],
        [7.0, 8.0, 9.0, 10.0]
    ]
}

/// `ak.Array([[[1., 2.], [], [3.]], [], [[4.], [5., 6., 7.]], [[]], [[8.], [9., 10.], [11.], [12., 13.]]])`
fn x3() -> Array<f64> {
    array![
        [[1.0, 2.0], [], [3.0]],
        [],
        [[4.0], [5.0, 6.0, 7.0]],
        [[]],
        [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]
    ]
}

/// `ak.Array([[1., 2., 3.], [4.], [5., 6.], [7., 8., 9., 10.]])`: no empty list.
fn x2_full() -> Array<f64> {
    array![[1.0, 2.0, 3.0], [4.0], [5.0, 6.0], [7.0, 8.0, 9.0, 10.0]]
}

fn empty2() -> Array<f64> {
    Array::from_offsets(vec![0], Array::from_vec(Vec::<f64>::new())).unwrap()
}

#[test]
fn outer_ranges_depth_1() {
    let x = x1();
    assert_eq!(x.slice(s![1..]), array![2.0, 3.0, 4.0, 5.0]);
    assert_eq!(x.slice(s![..-1]), array![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(x.slice(s![..;-1]), array![5.0, 4.0, 3.0, 2.0, 1.0]);
    assert_eq!(x.slice(s![1..4;2]), array![2.0, 4.0]);
    assert_eq!(x.slice(s![4..0;-2]), array![5.0, 3.0]);
    assert_eq!(x.slice(s![-2..]), array![4.0, 5.0]);
    assert_eq!(x.slice(s![10..]), Array::from_vec(Vec::<f64>::new()));
    assert_eq!(x.slice(s![..]), x);
}

#[test]
fn outer_ranges_depth_2() {
    let x = x2();
    assert_eq!(
        x.slice(s![1..]),
        array![[], [4.0, 5.0], [6.0], [7.0, 8.0, 9.0, 10.0]]
    );
    assert_eq!(
        x.slice(s![..-1]),
        array![[1.0, 2.0, 3.0], [], [4.0, 5.0], [6.0]]
    );
    assert_eq!(
        x.slice(s![..;-1]),
        array![
            [7.0, 8.0, 9.0, 10.0],
            [6.0],
            [4.0, 5.0],
            [],
            [1.0, 2.0, 3.0]
        ]
    );
    assert_eq!(x.slice(s![1..4;2]), array![[], [6.0]]);
    assert_eq!(
        x.slice(s![4..0;-2]),
        array![[7.0, 8.0, 9.0, 10.0], [4.0, 5.0]]
    );
    assert_eq!(x.slice(s![-2..]), array![[6.0], [7.0, 8.0, 9.0, 10.0]]);
    assert_eq!(x.slice(s![10..]), empty2());
    assert_eq!(x.slice(s![..]), x);
}

#[test]
fn outer_ranges_depth_3() {
    let x = x3();
    assert_eq!(
        x.slice(s![1..]),
        array![
            [],
            [[4.0], [5.0, 6.0, 7.0]],
            [[]],
            [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]
        ]
    );
    assert_eq!(
        x.slice(s![..-1]),
        array![[[1.0, 2.0], [], [3.0]], [], [[4.0], [5.0, 6.0, 7.0]], [[]]]
    );
    assert_eq!(
        x.slice(s![..;-1]),
        array![
            [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]],
            [[]],
            [[4.0], [5.0, 6.0, 7.0]],
            [],
            [[1.0, 2.0], [], [3.0]]
        ]
    );
    assert_eq!(x.slice(s![1..4;2]), array![[], [[]]]);
    assert_eq!(
        x.slice(s![4..0;-2]),
        array![
            [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]],
            [[4.0], [5.0, 6.0, 7.0]]
        ]
    );
    assert_eq!(
        x.slice(s![-2..]),
        array![[[]], [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]]
    );
    assert_eq!(x.slice(s![10..]).to_string(), "[]");
    assert_eq!(x.slice(s![10..]).ndim(), 3);
}

#[test]
fn outer_indices() {
    assert_eq!(x2().slice(s![2]), array![4.0, 5.0]);
    assert_eq!(x2().slice(s![-1]), array![7.0, 8.0, 9.0, 10.0]);
    assert_eq!(x2().at(1), Array::from_vec(Vec::<f64>::new()));
    assert_eq!(x3().slice(s![2]), array![[4.0], [5.0, 6.0, 7.0]]);
    assert_eq!(
        x3().at(-1),
        array![[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]
    );
    // x1[2] and x1[-1] are scalars in Awkward: `get` here.
    assert_eq!(x1().get(2), Ok(3.0));
    assert_eq!(x1().get(-1), Ok(5.0));
    // x2[4, 1] == 8.0
    assert_eq!(x2().at(4).get(1), Ok(8.0));
}

#[test]
fn inner_ranges_depth_2() {
    let x = x2();
    assert_eq!(
        x.slice(s![.., 1..]),
        array![[2.0, 3.0], [], [5.0], [], [8.0, 9.0, 10.0]]
    );
    assert_eq!(
        x.slice(s![.., ..-1]),
        array![[1.0, 2.0], [], [4.0], [], [7.0, 8.0, 9.0]]
    );
    assert_eq!(
        x.slice(s![.., ..;-1]),
        array![
            [3.0, 2.0, 1.0],
            [],
            [5.0, 4.0],
            [6.0],
            [10.0, 9.0, 8.0, 7.0]
        ]
    );
    assert_eq!(
        x.slice(s![.., ..;-2]),
        array![[3.0, 1.0], [], [5.0], [6.0], [10.0, 8.0]]
    );
    assert_eq!(
        x.slice(s![.., 3..0;-1]),
        array![[3.0, 2.0], [], [5.0], [], [10.0, 9.0, 8.0]]
    );
    assert_eq!(
        x.slice(s![.., -2..]),
        array![[2.0, 3.0], [], [4.0, 5.0], [6.0], [9.0, 10.0]]
    );
    assert_eq!(x.slice(s![1.., ..;2]), array![[], [4.0], [6.0], [7.0, 9.0]]);
    assert_eq!(x.slice(s![4, 1..]), array![8.0, 9.0, 10.0]);
}

#[test]
fn inner_ranges_depth_3() {
    let x = x3();
    assert_eq!(
        x.slice(s![.., 1..]),
        array![
            [[], [3.0]],
            [],
            [[5.0, 6.0, 7.0]],
            [],
            [[9.0, 10.0], [11.0], [12.0, 13.0]]
        ]
    );
    assert_eq!(
        x.slice(s![.., ..-1]),
        array![
            [[1.0, 2.0], []],
            [],
            [[4.0]],
            [],
            [[8.0], [9.0, 10.0], [11.0]]
        ]
    );
    assert_eq!(
        x.slice(s![.., ..;-1]),
        array![
            [[3.0], [], [1.0, 2.0]],
            [],
            [[5.0, 6.0, 7.0], [4.0]],
            [[]],
            [[12.0, 13.0], [11.0], [9.0, 10.0], [8.0]]
        ]
    );
    assert_eq!(
        x.slice(s![.., ..;-2]),
        array![
            [[3.0], [1.0, 2.0]],
            [],
            [[5.0, 6.0, 7.0]],
            [[]],
            [[12.0, 13.0], [9.0, 10.0]]
        ]
    );
    assert_eq!(
        x.slice(s![.., 3..0;-1]),
        array![
            [[3.0], []],
            [],
            [[5.0, 6.0, 7.0]],
            [],
            [[12.0, 13.0], [11.0], [9.0, 10.0]]
        ]
    );
    assert_eq!(
        x.slice(s![.., -2..]),
        array![
            [[], [3.0]],
            [],
            [[4.0], [5.0, 6.0, 7.0]],
            [[]],
            [[11.0], [12.0, 13.0]]
        ]
    );
    assert_eq!(
        x.slice(s![1.., ..;2]),
        array![[], [[4.0]], [[]], [[8.0], [11.0]]]
    );
    assert_eq!(
        x.slice(s![.., .., ..;-1]),
        array![
            [[2.0, 1.0], [], [3.0]],
            [],
            [[4.0], [7.0, 6.0, 5.0]],
            [[]],
            [[8.0], [10.0, 9.0], [11.0], [13.0, 12.0]]
        ]
    );
    assert_eq!(
        x.slice(s![.., 1.., 1..]),
        array![[[], []], [], [[6.0, 7.0]], [], [[10.0], [], [13.0]]]
    );
    assert_eq!(
        x.slice(s![..;-1, ..;-1, ..;-1]),
        array![
            [[13.0, 12.0], [11.0], [10.0, 9.0], [8.0]],
            [[]],
            [[7.0, 6.0, 5.0], [4.0]],
            [],
            [[3.0], [], [2.0, 1.0]]
        ]
    );
    assert_eq!(
        x.slice(s![4, 1..]),
        array![[9.0, 10.0], [11.0], [12.0, 13.0]]
    );
    assert_eq!(
        x.slice(s![4, .., ..;-1]),
        array![[8.0], [10.0, 9.0], [11.0], [13.0, 12.0]]
    );
}

#[test]
fn inner_indices() {
    assert_eq!(x2_full().slice(s![.., 0]), array![1.0, 4.0, 5.0, 7.0]);
    assert_eq!(x2_full().slice(s![.., -1]), array![3.0, 4.0, 6.0, 10.0]);
    assert_eq!(x2().slice(s![2..3, 0]), array![4.0]);
    assert_eq!(x2().slice(s![4.., -1]), array![10.0]);
    assert_eq!(x3().slice(s![2..3, 0]), array![[4.0]]);
    assert_eq!(x3().slice(s![4.., -1]), array![[12.0, 13.0]]);
    assert_eq!(x3().slice(s![4, .., 0]), array![8.0, 9.0, 11.0, 12.0]);
    assert_eq!(x3().slice(s![4, 1]), array![9.0, 10.0]);
    // x3[[2, 4]][:, :, 0]
    assert_eq!(
        x3().take(&[2, 4]).slice(s![.., .., 0]),
        array![[4.0, 5.0], [8.0, 9.0, 11.0, 12.0]]
    );
    assert_eq!(x3().slice(s![2, 1]).get(0), Ok(5.0));
}

#[test]
fn empty_arrays() {
    // e = ak.Array([[1.0]])[0:0]: e[::-1], e[:, 0] and e[:, ::-1] are all [].
    let e = empty2();
    assert_eq!(e.slice(s![..;-1]), e);
    assert_eq!(e.slice(s![.., 0]), Array::from_vec(Vec::<f64>::new()));
    assert_eq!(e.slice(s![.., ..;-1]), e);
    assert_eq!(e.take(&[] as &[i64]), e);
    assert_eq!(e.flatten(), Array::from_vec(Vec::<f64>::new()));
    let lists_of_empty: Array<f64> = array![[], [], []];
    assert_eq!(lists_of_empty.slice(s![.., ..;-1]), lists_of_empty);
}

#[test]
fn slice_variables_of_every_integer_type() {
    let x = x2();
    let i: usize = 1;
    let j: isize = -1;
    let k: i32 = 0;
    let l: i64 = 2;
    let step: usize = 2;
    assert_eq!(x.slice(s![i..]), x.slice(s![1..]));
    assert_eq!(x.slice(s![..j]), x.slice(s![..-1]));
    assert_eq!(x.slice(s![(k as i64)..l]), x.slice(s![0..2]));
    assert_eq!(x.slice(s![k..;step]), x.slice(s![..;2]));
    assert_eq!(x.slice(s![l]), x.slice(s![2]));
    assert_eq!(x.slice(s![.., i..=(l as usize)]), x.slice(s![.., 1..3]));
    assert_eq!(x2_full().slice(s![.., k]), x2_full().slice(s![.., 0]));
    assert_eq!(
        x.slice(s![i + 1..(l + 2) as usize;1 + 1]),
        x.slice(s![2..4;2])
    );
}

#[test]
fn inclusive_ranges_and_slice_values() {
    assert_eq!(x1().slice(s![1..=2]), array![2.0, 3.0]);
    assert_eq!(x1().slice(s![..=-1]), x1());
    assert_eq!(x1().slice(s![..=-2]), array![1.0, 2.0, 3.0, 4.0]);
    let full = SliceEntry::Range {
        start: None,
        end: None,
        step: 1,
    };
    assert_eq!(
        s![.., ..;-1],
        Slice::new(vec![
            full,
            SliceEntry::Range {
                start: None,
                end: None,
                step: -1
            }
        ])
    );
    assert_eq!(s![2], Slice::new(vec![SliceEntry::Index(2)]));
    assert_eq!(
        s![-3..=4;2, 0,],
        Slice::new(vec![
            SliceEntry::Range {
                start: Some(-3),
                end: Some(5),
                step: 2
            },
            SliceEntry::Index(0)
        ])
    );
    // A slice is reusable by reference.
    let s = s![..;-1];
    assert_eq!(x1().slice(&s), x1().slice(s));
}

#[test]
fn other_element_types() {
    let mask = array![[true, false], [], [false]];
    assert_eq!(
        mask.slice(s![.., ..;-1]),
        array![[false, true], [], [false]]
    );
    let ints = Array::from_offsets(vec![0, 2, 3], Array::from_vec(vec![1i64, 2, 3])).unwrap();
    assert_eq!(ints.at(0), Array::from_vec(vec![1i64, 2]));
    assert_eq!(ints.flatten(), Array::from_vec(vec![1i64, 2, 3]));
    let f32s: Array<f32> = array![[1.0, 2.0], [3.0]];
    assert_eq!(f32s.slice(s![..;-1]), array![[3.0f32], [1.0, 2.0]]);
}

#[test]
fn take_values() {
    // x[np.array([0, 2, 2, -1])] for x1, x2e = [[1, 2, 3], [], [4, 5]] and x3.
    assert_eq!(x1().take(&[0, 2, 2, -1]), array![1.0, 3.0, 3.0, 5.0]);
    let x2e = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(
        x2e.take(&vec![0, 2, 2, -1]),
        array![[1.0, 2.0, 3.0], [4.0, 5.0], [4.0, 5.0], [4.0, 5.0]]
    );
    assert_eq!(
        x3().take(Array::from_vec(vec![0i64, 2, 2, -1]).content()),
        array![
            [[1.0, 2.0], [], [3.0]],
            [[4.0], [5.0, 6.0, 7.0]],
            [[4.0], [5.0, 6.0, 7.0]],
            [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]
        ]
    );
    assert_eq!(x2e.take(&[] as &[i64]).to_string(), "[]");
    assert_eq!(x2e.take(&[] as &[i64]).ndim(), 2);
}

#[test]
fn filter_values() {
    // x2e = [[1, 2, 3], [], [4, 5]]
    let x2e = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(
        x2e.filter(&array![[true, false, true], [], [false, true]]),
        array![[1.0, 3.0], [], [5.0]]
    );
    assert_eq!(
        x2e.filter(&array![true, false, true]),
        array![[1.0, 2.0, 3.0], [4.0, 5.0]]
    );
    assert_eq!(
        x1().filter(&array![true, false, false, true, true]),
        array![1.0, 4.0, 5.0]
    );
    // x3[np.array([True, False, True, False, True])]
    assert_eq!(
        x3().filter(&array![true, false, true, false, true]),
        array![
            [[1.0, 2.0], [], [3.0]],
            [[4.0], [5.0, 6.0, 7.0]],
            [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]
        ]
    );
    // x3[x3 > 4]
    let above_4 = x3().map(|v| v > 4.0);
    assert_eq!(
        x3().filter(&above_4),
        array![
            [[], [], []],
            [],
            [[], [5.0, 6.0, 7.0]],
            [[]],
            [[8.0], [9.0, 10.0], [11.0], [12.0, 13.0]]
        ]
    );
    // x3[ak.Array([[True, False, True], [], [False, True], [True], [True, True, False, False]])]
    assert_eq!(
        x3().filter(&array![
            [true, false, true],
            [],
            [false, true],
            [true],
            [true, true, false, false]
        ]),
        array![
            [[1.0, 2.0], [3.0]],
            [],
            [[5.0, 6.0, 7.0]],
            [[]],
            [[8.0], [9.0, 10.0]]
        ]
    );
}

#[test]
fn flatten_values() {
    // ak.flatten(x2e) and ak.flatten(x3)
    let x2e = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(x2e.flatten(), array![1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(
        x3().flatten(),
        array![
            [1.0, 2.0],
            [],
            [3.0],
            [4.0],
            [5.0, 6.0, 7.0],
            [],
            [8.0],
            [9.0, 10.0],
            [11.0],
            [12.0, 13.0]
        ]
    );
}

fn message<V: std::fmt::Debug>(result: Result<V, Error>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn index_errors_name_the_list_and_the_index() {
    assert_eq!(
        message(x2().try_slice(s![.., 0])),
        "index 0 is out of range in list [1] (length 0)"
    );
    assert_eq!(
        message(x2().try_slice(s![.., 9])),
        "index 9 is out of range in list [0] (length 3)"
    );
    assert_eq!(
        message(x2_full().try_slice(s![..;-1, -2])),
        "index -2 is out of range in list [1] (length 1)"
    );
    assert_eq!(
        message(x3().try_slice(s![.., .., 0])),
        "index 0 is out of range in list [0][1] (length 0)"
    );
    assert_eq!(
        message(x3().try_slice(s![2.., .., -3])),
        "index -3 is out of range in list [2][0] (length 1)"
    );
    assert!(matches!(
        x3().try_slice(s![.., 0]),
        Err(Error::Index {
            index: 0,
            len: 0,
            ..
        })
    ));
    assert_eq!(
        message(x2().try_slice(s![9])),
        "index 9 is out of range of the outermost dimension (length 5)"
    );
    assert_eq!(
        message(x2().try_at(-6)),
        "index -6 is out of range of the outermost dimension (length 5)"
    );
    assert_eq!(
        message(x1().get(5)),
        "index 5 is out of range of the outermost dimension (length 5)"
    );
    assert_eq!(
        message(x3().try_take(&[0, 5])),
        "index 5 is out of range of the outermost dimension (length 5)"
    );
    assert_eq!(
        message(x3().try_take(&[-9])),
        "index -9 is out of range of the outermost dimension (length 5)"
    );
}

#[test]
#[should_panic(expected = "index 0 is out of range in list [1] (length 0)")]
fn slice_panics_with_the_message() {
    x2().slice(s![.., 0]);
}

#[test]
fn zero_step_is_invalid() {
    assert_eq!(
        message(x2().try_slice(s![..;0])),
        "invalid argument to `slice`: the step of dimension 0 is 0 (a slice step cannot be zero)"
    );
    assert_eq!(
        message(x2().try_slice(s![.., 1..;0])),
        "invalid argument to `slice`: the step of dimension 1 is 0 (a slice step cannot be zero)"
    );
}

#[test]
fn too_many_entries_and_scalar_results() {
    assert_eq!(
        message(x1().try_slice(s![.., 0])),
        "axis 1 is out of range for an array of type 5 * float64 (1 dimensions)"
    );
    assert_eq!(
        message(x2().try_slice(s![.., .., ..;-1])),
        "axis 2 is out of range for an array of type 5 * var * float64 (2 dimensions)"
    );
    assert_eq!(
        message(x1().try_at(2)),
        "invalid argument to `slice`: an integer index on each of the 1 dimensions of \
         5 * float64 selects a single value, not an array: read it with `item(&[2])` \
         (differentiable)"
    );
    assert_eq!(
        message(x2().try_slice(s![4, 1])),
        "invalid argument to `slice`: an integer index on each of the 2 dimensions of \
         5 * var * float64 selects a single value, not an array: read it with `item(&[4, 1])` \
         (differentiable)"
    );
    assert_eq!(
        message(x2().get(0)),
        "invalid argument to `get`: it reads one value of a 1-d array, not of an array of \
         type 5 * var * float64 (use `at` first)"
    );
}

#[test]
fn jagged_indices_go_to_index_not_take() {
    // `take` accepts no `Array<i64>` (a compile error, pinned in ui-tests/tests/ui);
    // `index` rejects a flat one with a message that points back to `take`.
    let flat = Array::from_vec(vec![0i64, 1, 0, 0, 0]);
    assert_eq!(
        message(x2().try_index(&flat)),
        "invalid argument to `index`: the indices are a flat array of type 5 * int64; `index` \
         takes one list of indices per list (the type of `argsort`'s result, or of `argmax` \
         with keepdims: 5 * var * int64); to pick outer elements by position, use \
         `take(idx.content())`"
    );
}

#[test]
fn filter_mask_structure_errors() {
    let x2e = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(
        message(x2e.try_filter(&array![true, false])),
        "structure mismatch in filter mask: expected 3 * bool, got 2 * bool: lengths 3 and 2 differ"
    );
    assert_eq!(
        message(x2e.try_filter(&array![[true, false], [], [false, true]])),
        "structure mismatch in filter mask: expected 3 * var * bool, got 3 * var * bool: \
         list 0 at dimension 1 has length 3 against 2"
    );
    assert_eq!(
        message(x2e.try_filter(&array![[[true]], [], []])),
        "structure mismatch in filter mask: expected 3 * var * bool, got 3 * var * var * bool: \
         2 dimensions against 3 dimensions"
    );
    assert!(matches!(
        x2e.try_filter(&array![true]),
        Err(Error::Structure { .. })
    ));
}

#[test]
fn flatten_of_a_flat_array_is_an_axis_error() {
    assert_eq!(
        message(x1().try_flatten()),
        "axis 1 is out of range for an array of type 5 * float64 (1 dimensions)"
    );
    assert!(matches!(
        x1().try_flatten(),
        Err(Error::Axis {
            axis: 1,
            ndim: 1,
            ..
        })
    ));
}
