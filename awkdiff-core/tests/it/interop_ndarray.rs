//! ndarray interop: regular arrays of 1 to 4 dimensions (zero-length axes included) both
//! ways, which conversions share or take over the buffer and which copy, non-standard
//! layouts and views, and every error with its message.
#![cfg(feature = "ndarray")]

use awkdiff_core::check::rng;
use awkdiff_core::{array, s, Array, Error, MAX_DEPTH};
use ndarray::{
    arr0, ArcArray2, Array1, Array2, Array3, ArrayD, ArrayView2, ArrayViewD, Axis, IxDyn,
};
use rand::Rng;

/// An awkdiff array built the slow way: nested lists of `shape`, entry `i` (row-major)
/// holding `i`, through `from_offsets`.
fn regular(shape: &[usize]) -> Array<f64> {
    let len: usize = shape.iter().product();
    let mut x = Array::from_vec((0..len).map(|i| i as f64).collect());
    for axis in (1..shape.len()).rev() {
        let lists: usize = shape[..axis].iter().product();
        let offsets = (0..=lists).map(|i| (i * shape[axis]) as i64).collect();
        x = Array::from_offsets(offsets, x).unwrap();
    }
    x
}

#[test]
fn regular_arrays_round_trip_at_every_depth() {
    let mut rng = rng(19);
    for ndim in 1..=4 {
        for _ in 0..20 {
            // Axes after the first may be 0 only where the first is not (an empty outer
            // axis loses the inner lengths, see below).
            let shape: Vec<usize> = (0..ndim).map(|_| rng.random_range(0..4)).collect();
            let len: usize = shape.iter().product();
            let values: Vec<f64> = (0..len).map(|i| i as f64).collect();
            let m = ArrayD::from_shape_vec(IxDyn(&shape), values).unwrap();
            let expected = regular(&shape);

            let x = Array::from_ndarray(m.clone()).unwrap();
            assert_eq!(x, expected, "shape {shape:?}");
            assert_eq!(x.ndim(), ndim);
            assert_eq!(Array::from_ndarray(m.view()).unwrap(), expected);
            assert_eq!(Array::try_from(m.clone()).unwrap(), expected);

            // Back: the shape comes back unless an axis before the last is empty, below which
            // a ragged array has no lists to measure (Awkward's `ak.to_numpy` gives
            // `(2, 0)` for `[[], []]` too).
            let back_shape: Vec<usize> = match shape.iter().position(|&n| n == 0) {
                Some(zero) => shape[..=zero]
                    .iter()
                    .copied()
                    .chain(vec![0; ndim - zero - 1])
                    .collect(),
                None => shape.clone(),
            };
            let back = x.to_ndarray().unwrap();
            assert_eq!(back.shape(), &back_shape[..], "shape {shape:?}");
            assert_eq!(back.iter().copied().collect::<Vec<_>>(), x.content());
            assert_eq!(x.as_ndarray().unwrap(), back.view());
            assert_eq!(ArrayD::try_from(&x).unwrap(), back);
            assert_eq!(ArrayViewD::try_from(&x).unwrap(), back.view());
            assert_eq!(x.clone().into_ndarray().unwrap(), back);
            assert_eq!(Array::from_ndarray(back).unwrap(), x);
        }
    }
}

#[test]
fn fixed_axes_convert_with_from_and_try_from() {
    let m: Array2<f64> = ndarray::array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    let x = Array::from(m.clone());
    assert_eq!(x, array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    assert_eq!(x.type_str(), "2 * var * float64");
    assert_eq!(Array2::try_from(&x).unwrap(), m);
    assert_eq!(Array2::try_from(x.clone()).unwrap(), m);
    assert_eq!(ArrayView2::try_from(&x).unwrap(), m.view());

    let v: Array1<f32> = ndarray::array![1.0, 2.0];
    let flat = Array::from(v.clone());
    assert_eq!(flat.type_str(), "2 * float32");
    assert_eq!(Array1::try_from(&flat).unwrap(), v);

    let cube: Array3<i64> =
        Array3::from_shape_fn((2, 1, 3), |(i, j, k)| (i * 100 + j * 10 + k) as i64);
    let x3 = Array::from(cube.view());
    assert_eq!(x3, array![[[0i64, 1, 2]], [[100i64, 101, 102]]]);
    assert_eq!(Array3::try_from(&x3).unwrap(), cube);

    let mask = Array::from(ndarray::array![[true, false], [false, true]]);
    assert_eq!(mask, array![[true, false], [false, true]]);
    assert_eq!(
        Array2::try_from(&mask).unwrap(),
        ndarray::array![[true, false], [false, true]]
    );
}

#[test]
fn an_owned_standard_layout_ndarray_gives_its_buffer() {
    let m = Array2::from_shape_fn((300, 4), |(i, j)| (i * 4 + j) as f64);
    let address = m.as_ptr();
    let x = Array::from(m);
    assert_eq!(x.content().as_ptr(), address);
    assert_eq!(x.offsets(0)[..3], [0, 4, 8]);
    assert_eq!(x.content()[..5], [0.0, 1.0, 2.0, 3.0, 4.0]);

    // A sliced owned array keeps its allocation: the values are shifted to its start.
    let m = Array2::from_shape_fn((5, 3), |(i, j)| (i * 3 + j) as f64);
    let sliced = m.slice_move(ndarray::s![2.., ..]);
    assert!(sliced.is_standard_layout());
    assert_eq!(
        Array::from(sliced),
        array![[6.0, 7.0, 8.0], [9.0, 10.0, 11.0], [12.0, 13.0, 14.0]]
    );

    // A shared ArcArray is copied (the other owner keeps its values).
    let shared: ArcArray2<f64> = ndarray::array![[1.0, 2.0], [3.0, 4.0]].into_shared();
    let other = shared.clone();
    let x = Array::from(shared);
    assert_ne!(x.content().as_ptr(), other.as_ptr());
    assert_eq!(x, array![[1.0, 2.0], [3.0, 4.0]]);
}

#[test]
fn other_layouts_are_copied_in_logical_order() {
    let m: Array2<f64> = ndarray::array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    // Column-major (a transpose), and its owned form, which keeps column-major strides.
    let t = m.t();
    assert!(!t.is_standard_layout());
    let expected = array![[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]];
    assert_eq!(Array::from(t), expected);
    assert_eq!(Array::from(m.clone().reversed_axes()), expected);
    // Strided and reversed views.
    assert_eq!(
        Array::from(m.slice(ndarray::s![.., ..;2])),
        array![[1.0, 3.0], [4.0, 6.0]]
    );
    assert_eq!(
        Array::from(m.slice(ndarray::s![..;-1, 1..])),
        array![[5.0, 6.0], [2.0, 3.0]]
    );
    // One column, and a single element (a length-1 axis).
    assert_eq!(Array::from(m.column(2)), Array::from_vec(vec![3.0, 6.0]));
    assert_eq!(Array::from(m.slice(ndarray::s![1..2, 1..2])), array![[5.0]]);
    assert_eq!(
        Array::from(m.index_axis(Axis(1), 0)),
        Array::from_vec(vec![1.0, 4.0])
    );
}

#[test]
fn into_ndarray_takes_unshared_values_and_copies_shared_ones() {
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let address = x.content().as_ptr();
    let m = x.into_ndarray().unwrap();
    assert_eq!(m.as_ptr(), address);

    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let keep = x.clone();
    let m = x.into_ndarray().unwrap();
    assert_ne!(m.as_ptr(), keep.content().as_ptr());
    assert_eq!(m, ndarray::array![[1.0, 2.0], [3.0, 4.0]].into_dyn());
    assert_eq!(keep, array![[1.0, 2.0], [3.0, 4.0]]);

    // The view borrows; `to_ndarray` copies.
    assert_eq!(keep.as_ndarray().unwrap().as_ptr(), keep.content().as_ptr());
    assert_ne!(keep.to_ndarray().unwrap().as_ptr(), keep.content().as_ptr());
}

#[test]
fn a_regular_slice_of_an_awkdiff_array_converts() {
    let x = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]];
    let y = x.slice(s![1.., ..;-1]);
    let expected = ndarray::array![[6.0, 5.0, 4.0], [9.0, 8.0, 7.0]];
    assert_eq!(Array2::try_from(&y).unwrap(), expected);
    assert_eq!(ArrayView2::try_from(&y).unwrap(), expected.view());
    assert_eq!(Array2::try_from(y).unwrap(), expected);
}

#[test]
fn lists_of_different_lengths_are_an_error_naming_the_list_and_both_lengths() {
    let x = array![[1.0, 2.0], [3.0, 4.0], [5.0]];
    let expected = |op: &str, list: &str, length: usize, first: &str, first_length: usize| {
        format!(
            "invalid argument to `{op}`: lists of different lengths: list {list} has length \
             {length}, list {first} has length {first_length} (an ndarray is rectangular; \
             make the lists one length first, e.g. with pad_none(n, true) and fill_none)"
        )
    };
    let err = x.to_ndarray().unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }));
    assert_eq!(err.to_string(), expected("to_ndarray", "[2]", 1, "[0]", 2));
    assert_eq!(
        x.as_ndarray().unwrap_err().to_string(),
        expected("as_ndarray", "[2]", 1, "[0]", 2)
    );
    assert_eq!(
        x.clone().into_ndarray().unwrap_err().to_string(),
        expected("into_ndarray", "[2]", 1, "[0]", 2)
    );
    assert_eq!(
        Array2::try_from(&x).unwrap_err().to_string(),
        expected("to_ndarray", "[2]", 1, "[0]", 2)
    );
    // An empty first list.
    assert_eq!(
        array![[], [1.0]].to_ndarray().unwrap_err().to_string(),
        expected("to_ndarray", "[1]", 1, "[0]", 0)
    );
    // Deeper: the inner lists of [1] differ from those of [0].
    let deep = array![[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0]]];
    assert_eq!(
        deep.to_ndarray().unwrap_err().to_string(),
        expected("to_ndarray", "[1][1]", 1, "[0][0]", 2)
    );
    let deeper = array![[[[1.0]], [[2.0]]], [[[3.0]], [[4.0, 5.0]]]];
    assert_eq!(
        deeper.to_ndarray().unwrap_err().to_string(),
        expected("to_ndarray", "[1][1][0]", 2, "[0][0][0]", 1)
    );
}

#[test]
fn a_fixed_number_of_axes_must_match_the_dimensions() {
    let x = array![[[1.0]], [[2.0]]];
    assert_eq!(
        Array2::try_from(&x).unwrap_err().to_string(),
        "structure mismatch in `to_ndarray`: expected an array of 2 dimensions \
         (n * var * float64), got 2 * var * var * float64 (3 dimensions)"
    );
    assert_eq!(
        Array2::try_from(x.clone()).unwrap_err().to_string(),
        "structure mismatch in `into_ndarray`: expected an array of 2 dimensions \
         (n * var * float64), got 2 * var * var * float64 (3 dimensions)"
    );
    assert_eq!(
        ArrayView2::try_from(&x).unwrap_err().to_string(),
        "structure mismatch in `as_ndarray`: expected an array of 2 dimensions \
         (n * var * float64), got 2 * var * var * float64 (3 dimensions)"
    );
    assert!(matches!(
        Array1::try_from(&x).unwrap_err(),
        Error::Structure { .. }
    ));
}

#[test]
fn a_scalar_or_too_many_axes_have_no_array_form() {
    let err = Array::from_ndarray(arr0(1.0)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument to `from_ndarray`: a 0-dimensional ndarray (a scalar) has no array \
         form; give it at least one axis, e.g. with insert_axis(Axis(0))"
    );
    assert!(Array::try_from(arr0(1.0).into_dyn()).is_err());

    let deep = ArrayD::<f64>::zeros(IxDyn(&vec![1; MAX_DEPTH + 2]));
    assert_eq!(
        Array::from_ndarray(deep).unwrap_err(),
        Error::Depth {
            op: "from_ndarray".into(),
            depth: MAX_DEPTH + 1
        }
    );
    let deepest = ArrayD::<f64>::zeros(IxDyn(&vec![1; MAX_DEPTH + 1]));
    assert_eq!(Array::from_ndarray(deepest).unwrap().ndim(), MAX_DEPTH + 1);
}
