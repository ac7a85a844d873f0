//! Arrow interop: round trips at every depth in f32 and f64, List (i32) and LargeList input,
//! sliced Arrow arrays, and the errors for nulls and other types.
#![cfg(feature = "arrow")]

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Float64Type};
use arrow_array::{
    Array as _, ArrayRef, Float32Array, Float64Array, Int64Array, LargeListArray, ListArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field};
use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::{array, Array, Error, MAX_DEPTH};

fn list(values: ArrayRef, offsets: Vec<i32>) -> ArrayRef {
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), false));
    Arc::new(ListArray::new(
        field,
        OffsetBuffer::new(offsets.into()),
        values,
        None,
    ))
}

fn large_list(values: ArrayRef, offsets: Vec<i64>, nulls: Option<NullBuffer>) -> ArrayRef {
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    Arc::new(LargeListArray::new(
        field,
        OffsetBuffer::new(offsets.into()),
        values,
        nulls,
    ))
}

fn f64s(values: &[f64]) -> ArrayRef {
    Arc::new(Float64Array::from(values.to_vec()))
}

#[test]
fn round_trips_at_every_depth_in_f64_and_f32() {
    let mut rng = rng(8);
    for depth in 0..=3 {
        for _ in 0..25 {
            let x = random_ragged(&mut rng, depth, 4, -10.0, 10.0);
            let arrow = x.to_arrow();
            assert_eq!(arrow.len(), x.len());
            let back = Array::<f64>::from_arrow(arrow.as_ref()).unwrap();
            assert_eq!(back, x, "depth {depth}");
            assert_eq!(back.ndim(), depth + 1);

            let x32: Array<f32> = x.map(|v| v as f32);
            let back32 = Array::<f32>::from_arrow(x32.to_arrow().as_ref()).unwrap();
            assert_eq!(back32, x32, "depth {depth}, f32");
        }
    }
}

#[test]
fn to_arrow_writes_large_lists_with_non_nullable_items_as_awkward_does() {
    let x: Array<f64> = array![[[1.0], [2.0, 3.0]], [], [[], [4.0]]];
    let arrow = x.to_arrow();
    let item = |dt: DataType| Arc::new(Field::new("item", dt, false));
    let expected = DataType::LargeList(item(DataType::LargeList(item(DataType::Float64))));
    assert_eq!(arrow.data_type(), &expected);
    let outer = arrow.as_list::<i64>();
    assert_eq!(outer.value_offsets(), &[0, 2, 2, 4]);
    let inner = outer.values().as_list::<i64>();
    assert_eq!(inner.value_offsets(), &[0, 1, 3, 3, 4]);
    assert_eq!(
        inner
            .values()
            .as_primitive::<Float64Type>()
            .values()
            .as_ref(),
        &[1.0, 2.0, 3.0, 4.0]
    );
    assert_eq!(arrow.null_count(), 0);

    let flat: Array<f32> = array![1.5, 2.5];
    let arrow = flat.to_arrow();
    assert_eq!(arrow.data_type(), &DataType::Float32);
    assert_eq!(
        arrow.as_primitive::<Float32Type>().values().as_ref(),
        &[1.5, 2.5]
    );
}

#[test]
fn empty_arrays_and_empty_lists_round_trip() {
    let empty: Array<f64> = Array::from_vec(vec![]);
    assert_eq!(
        Array::<f64>::from_arrow(empty.to_arrow().as_ref()).unwrap(),
        empty
    );
    for depth in 1..=3 {
        let structure = awkdiff_core::Structure::new(vec![vec![0i64]; depth], 0).unwrap();
        let x = Array::<f64>::from_parts(structure, vec![]).unwrap();
        assert_eq!(
            x.type_str(),
            format!("0 *{} float64", " var *".repeat(depth))
        );
        let back = Array::<f64>::from_arrow(x.to_arrow().as_ref()).unwrap();
        assert_eq!(back, x);
        assert_eq!(back.type_str(), x.type_str());
    }
    let x: Array<f64> = array![[[], []], [], [[]]];
    assert_eq!(Array::<f64>::from_arrow(x.to_arrow().as_ref()).unwrap(), x);
}

#[test]
fn reads_list_arrays_with_i32_offsets_mixed_with_large_lists() {
    // var (List, i32) * var (LargeList, i64) * float64
    let inner = large_list(f64s(&[1.0, 2.0, 3.0, 4.0]), vec![0, 1, 3, 3, 4], None);
    let outer = list(inner, vec![0, 2, 2, 4]);
    let x = Array::<f64>::from_arrow(outer.as_ref()).unwrap();
    assert_eq!(x, array![[[1.0], [2.0, 3.0]], [], [[], [4.0]]]);
}

#[test]
fn reads_sliced_arrow_arrays_by_rebasing_offsets() {
    let values = f64s(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let lists = list(values, vec![0, 2, 2, 5, 7]);
    // [[0, 1], [], [2, 3, 4], [5, 6]] sliced to its last two lists: offsets start at 2.
    let sliced = lists.slice(2, 2);
    assert_eq!(sliced.as_list::<i32>().value_offsets(), &[2, 5, 7]);
    let x = Array::<f64>::from_arrow(sliced.as_ref()).unwrap();
    assert_eq!(x, array![[2.0, 3.0, 4.0], [5.0, 6.0]]);
    assert_eq!(x.offsets(0), &[0, 3, 5]);
    assert_eq!(x.content(), &[2.0, 3.0, 4.0, 5.0, 6.0]);

    // Offsets that do not start at 0 without slicing, and unused values on both sides.
    let lists = large_list(
        f64s(&[9.0, 9.0, 1.0, 2.0, 3.0, 9.0]),
        vec![2, 4, 4, 5],
        None,
    );
    assert_eq!(
        Array::<f64>::from_arrow(lists.as_ref()).unwrap(),
        array![[1.0, 2.0], [], [3.0]]
    );

    // Two dimensions, sliced at the top and at the middle.
    let inner = large_list(f64s(&[1.0, 2.0, 3.0, 4.0, 5.0]), vec![0, 1, 3, 3, 5], None);
    let inner = inner.slice(1, 3); // [[2, 3], [], [4, 5]]
    let outer = list(inner, vec![0, 1, 3]); // [[[2, 3]], [[], [4, 5]]]
    let x = Array::<f64>::from_arrow(outer.slice(1, 1).as_ref()).unwrap();
    assert_eq!(x, array![[[], [4.0, 5.0]]]);
    assert_eq!(x.offsets(0), &[0, 2]);
    assert_eq!(x.offsets(1), &[0, 0, 2]);

    // A sliced flat array.
    let flat = f64s(&[1.0, 2.0, 3.0]).slice(1, 2);
    assert_eq!(
        Array::<f64>::from_arrow(flat.as_ref()).unwrap(),
        array![2.0, 3.0]
    );

    // Random slices of random arrays read as the same slices of awkdiff arrays.
    let mut rng = rng(81);
    for depth in 1..=3 {
        for _ in 0..20 {
            let x = random_ragged(&mut rng, depth, 5, -1.0, 1.0);
            let arrow = x.to_arrow();
            for lo in 0..=x.len() {
                let got = Array::<f64>::from_arrow(arrow.slice(lo, x.len() - lo).as_ref()).unwrap();
                let want = x.slice(awkdiff_core::s![lo as isize..]);
                assert_eq!(got, want, "depth {depth}, from {lo}");
            }
        }
    }
}

#[test]
fn nulls_are_rejected_with_their_dimension_and_index() {
    let tail = "(awkdiff arrays have no missing values; fill or drop them first, e.g. with \
                ak.fill_none or ak.drop_none)";
    // A null list at dimension 1, index 2.
    let nulls = NullBuffer::from(vec![true, true, false]);
    let lists = large_list(f64s(&[1.0, 2.0, 3.0]), vec![0, 2, 3, 3], Some(nulls));
    assert_eq!(
        Array::<f64>::from_arrow(lists.as_ref())
            .unwrap_err()
            .to_string(),
        format!("invalid argument to `from_arrow`: null at dimension 1, index 2 {tail}")
    );
    // The same array sliced to leave the null out reads fine.
    assert_eq!(
        Array::<f64>::from_arrow(lists.slice(0, 2).as_ref()).unwrap(),
        array![[1.0, 2.0], [3.0]]
    );

    // A null leaf at dimension 3 (flat index 3 among the leaves).
    let leaves: ArrayRef = Arc::new(Float64Array::from(vec![
        Some(1.0),
        Some(2.0),
        Some(3.0),
        None,
    ]));
    let inner = large_list(leaves, vec![0, 1, 3, 4], None);
    let outer = large_list(inner, vec![0, 2, 3], None);
    assert_eq!(
        Array::<f64>::from_arrow(outer.as_ref())
            .unwrap_err()
            .to_string(),
        format!("invalid argument to `from_arrow`: null at dimension 3, index 3 {tail}")
    );
    // Nulls outside the range a slice uses are ignored.
    assert_eq!(
        Array::<f64>::from_arrow(outer.slice(0, 1).as_ref()).unwrap(),
        array![[[1.0], [2.0, 3.0]]]
    );
}

#[test]
fn other_types_are_rejected_with_the_dimension_and_the_full_type() {
    let floats32: ArrayRef = Arc::new(Float32Array::from(vec![1.0f32]));
    let lists = large_list(floats32, vec![0, 1], None);
    assert_eq!(
        Array::<f64>::from_arrow(lists.as_ref())
            .unwrap_err()
            .to_string(),
        "invalid argument to `from_arrow`: expected List or LargeList nested over Float64 values, \
         found Float32 at dimension 2 of LargeList(Float32)"
    );
    let ints: ArrayRef = Arc::new(Int64Array::from(vec![1i64]));
    assert_eq!(
        Array::<f32>::from_arrow(ints.as_ref())
            .unwrap_err()
            .to_string(),
        "invalid argument to `from_arrow`: expected List or LargeList nested over Float32 values, \
         found Int64 at dimension 1 of Int64"
    );
}

/// The address of the leaf values of a (nested) Arrow list array.
fn leaf_address(array: &ArrayRef) -> *const f64 {
    let mut current: &dyn arrow_array::Array = array.as_ref();
    while let Some(lists) = current.as_list_opt::<i64>() {
        current = lists.values().as_ref();
    }
    while let Some(lists) = current.as_list_opt::<i32>() {
        current = lists.values().as_ref();
    }
    current.as_primitive::<Float64Type>().values().as_ptr()
}

#[test]
fn from_arrow_reads_the_leaf_values_in_place() {
    let values = Arc::new(Float64Array::from(vec![9.0, 1.0, 2.0, 3.0, 9.0]));
    let base = values.values().as_ptr();
    let lists = list(values, vec![1, 3, 3, 4]);
    let x = Array::<f64>::from_arrow(lists.as_ref()).unwrap();
    assert_eq!(x, array![[1.0, 2.0], [], [3.0]]);
    // The content starts at the first value in range of the Arrow buffer: no copy.
    assert_eq!(x.content().as_ptr(), base.wrapping_add(1));
    // And goes back to Arrow without a copy either.
    assert_eq!(leaf_address(&x.to_arrow()), x.content().as_ptr());
    assert_eq!(leaf_address(&x.clone().into_arrow()), x.content().as_ptr());
}

#[test]
fn arrays_over_arrow_buffers_compute_without_writing_into_them() {
    let arrow = array![[1.0, 2.0], [], [3.0]].to_arrow();
    let x = Array::<f64>::from_arrow(arrow.as_ref()).unwrap();
    // An owned operand may be overwritten in place by the operators; an Arrow one may not.
    let y = x.clone() * 10.0 + 1.0;
    assert_eq!(y, array![[11.0, 21.0], [], [31.0]]);
    assert_eq!(x, array![[1.0, 2.0], [], [3.0]]);
    assert_eq!(
        Array::<f64>::from_arrow(arrow.as_ref()).unwrap(),
        array![[1.0, 2.0], [], [3.0]]
    );
    assert_eq!((-x).sum(-1), array![-3.0, 0.0, -3.0]);
}

#[test]
fn into_arrow_moves_unshared_values_and_copies_shared_ones() {
    let y = array![[1.0, 2.0], [], [3.0]] + 1.0;
    let address = y.content().as_ptr();
    let moved = y.into_arrow();
    assert_eq!(leaf_address(&moved), address);
    assert_eq!(
        Array::<f64>::from_arrow(moved.as_ref()).unwrap(),
        array![[2.0, 3.0], [], [4.0]]
    );

    let y = array![[1.0, 2.0], [], [3.0]] + 1.0;
    let kept = y.clone();
    let copied = y.into_arrow();
    assert_ne!(leaf_address(&copied), kept.content().as_ptr());
    assert_eq!(Array::<f64>::from_arrow(copied.as_ref()).unwrap(), kept);

    let flat = Array::from_vec(vec![1.0, 2.0]) * 3.0;
    let address = flat.content().as_ptr();
    assert_eq!(leaf_address(&flat.into_arrow()), address);
}

/// Issue 18, item 1: `into_arrow` of a lazily sliced array gave an empty array (flat, `at`)
/// or panicked (`..;-1`), because the sliced buffer was not moved out and the fallback was
/// an empty `Vec`.
#[test]
fn into_arrow_of_lazy_slices_keeps_every_value() {
    use awkdiff_core::{rules, s};
    let back = |arrow: ArrayRef| Array::<f64>::from_arrow(arrow.as_ref()).unwrap();

    let flat = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]).slice(s![1..3]);
    assert_eq!(flat.clone().into_arrow().len(), 2);
    assert_eq!(back(flat.into_arrow()), Array::from_vec(vec![2.0, 3.0]));

    let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(back(x.at(2).into_arrow()), Array::from_vec(vec![4.0, 5.0]));
    assert_eq!(
        back(x.slice(s![..;-1]).into_arrow()),
        array![[4.0, 5.0], [], [1.0, 2.0, 3.0]]
    );
    assert_eq!(
        back(x.slice(s![.., 1..]).into_arrow()),
        array![[2.0, 3.0], [], [5.0]]
    );

    // A slice whose values were already gathered (read as a whole once), and one shared.
    let gathered = x.slice(s![.., ..;-1]);
    assert_eq!(gathered.content(), &[3.0, 2.0, 1.0, 5.0, 4.0]);
    assert_eq!(
        back(gathered.into_arrow()),
        array![[3.0, 2.0, 1.0], [], [5.0, 4.0]]
    );
    let shared = x.slice(s![1..]);
    let _keep = shared.clone();
    assert_eq!(back(shared.into_arrow()), array![[], [4.0, 5.0]]);

    // A slice of an Arrow-backed array.
    let foreign = Array::<f64>::from_arrow(x.to_arrow().as_ref()).unwrap();
    assert_eq!(
        back(foreign.slice(s![..;2]).into_arrow()),
        array![[1.0, 2.0, 3.0], [4.0, 5.0]]
    );

    // The tangent of a slice, as a `jvp_` ending in a slice returns it.
    let dx: Array<f64> = array![[0.1, 0.2, 0.3], [], [0.4, 0.5]];
    let y = x.slice(s![..;-1]);
    let dy = rules::slice_jvp(&x, &y, &s![..;-1], &dx);
    assert_eq!(
        back(dy.into_arrow()),
        array![[0.4, 0.5], [], [0.1, 0.2, 0.3]]
    );
}

#[test]
fn arrow_types_deeper_than_max_depth_are_rejected_before_reading() {
    // The deepest array there can be goes to Arrow and back.
    let mut x = Array::from_vec(vec![1.0, 2.0]);
    for _ in 0..MAX_DEPTH {
        x = Array::from_offsets(vec![0, x.len() as i64], x).unwrap();
    }
    let arrow = x.to_arrow();
    assert_eq!(Array::<f64>::from_arrow(arrow.as_ref()).unwrap(), x);
    // One list more.
    let deeper = list(arrow, vec![0, 1]);
    let err = Array::<f64>::from_arrow(deeper.as_ref()).unwrap_err();
    assert_eq!(
        err,
        Error::Depth {
            op: "from_arrow".into(),
            depth: MAX_DEPTH + 1
        }
    );
    assert_eq!(
        err.to_string(),
        "array too deep in `from_arrow`: 101 nested list dimensions, more than MAX_DEPTH = 100"
    );
}

#[test]
fn messages_quote_at_most_64_characters_of_a_type() {
    // A struct of many fields: its type string is long; the message cuts it.
    let fields: Vec<Field> = (0..100)
        .map(|i| Field::new(format!("field_{i}"), DataType::Float64, false))
        .collect();
    let columns: Vec<ArrayRef> = (0..100).map(|_| f64s(&[1.0])).collect();
    let record: ArrayRef = Arc::new(arrow_array::StructArray::new(fields.into(), columns, None));
    let err = Array::<f64>::from_arrow(record.as_ref())
        .unwrap_err()
        .to_string();
    assert!(err.len() < 400, "{err}");
    assert!(
        err.starts_with(
            "invalid argument to `from_arrow`: expected List or LargeList nested over Float64 \
             values, found Struct("
        ),
        "{err}"
    );
    assert!(err.contains(" bytes) at dimension 1 of Struct("), "{err}");
    assert!(err.ends_with(" bytes)"), "{err}");
}
