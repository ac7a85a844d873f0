//! Arrow interop of masked arrays: validity bitmaps in and out at every depth, f32 and f64,
//! sliced and concatenated input, values read in place, nullable item fields as Awkward's
//! `ak.to_arrow` writes them, and the error for a null list.
#![cfg(feature = "arrow")]

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array as _, ArrayRef, Float64Array, LargeListArray, ListArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field};
use awkdiff_core::check::{random_ragged, rng};
use awkdiff_core::{array, Array, Error, Masked};

fn large_list(values: ArrayRef, offsets: Vec<i64>, nulls: Option<NullBuffer>) -> ArrayRef {
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    Arc::new(LargeListArray::new(
        field,
        OffsetBuffer::new(offsets.into()),
        values,
        nulls,
    ))
}

#[test]
fn validity_bitmaps_round_trip_at_every_depth_in_f64_and_f32() {
    let mut rng = rng(21);
    for depth in 0..=3 {
        for _ in 0..25 {
            let x = random_ragged(&mut rng, depth, 4, -10.0, 10.0);
            let m = x.mask(&x.gt(0.0));
            let arrow = m.to_arrow();
            assert_eq!(arrow.len(), m.len());
            let back = Masked::<f64>::from_arrow(arrow.as_ref()).unwrap();
            assert_eq!(back, m, "depth {depth}");
            assert_eq!(back.count_none(), m.count_none());
            let m32: Masked<f32> = x.map(|v| v as f32).mask(&x.gt(0.0));
            assert_eq!(
                Masked::<f32>::from_arrow(m32.to_arrow().as_ref()).unwrap(),
                m32
            );
        }
    }
}

#[test]
fn the_layout_is_the_one_awkward_writes() {
    // ak.to_arrow(ak.mask(x, x > 2), extensionarray=False).type is
    // large_list<item: double> (a nullable item), with one null among the values.
    let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    let arrow = x.mask(&x.gt(2.0)).to_arrow();
    assert_eq!(
        arrow.data_type(),
        &DataType::LargeList(Arc::new(Field::new_list_field(DataType::Float64, true)))
    );
    let lists = arrow.as_list::<i64>();
    assert_eq!(lists.null_count(), 0);
    assert_eq!(lists.value_offsets(), &[0, 3, 3, 5]);
    assert_eq!(lists.values().null_count(), 1);
    assert!(lists.values().is_null(0));
    // ak.to_arrow(ak.firsts(x)) is a nullable double array: [1.1, null, 4.4].
    let firsts = x.firsts().to_arrow();
    assert_eq!(firsts.data_type(), &DataType::Float64);
    assert_eq!(firsts.null_count(), 1);
    assert!(firsts.is_null(1));
}

#[test]
fn nulls_are_read_from_sliced_lists_and_values_in_place() {
    let values = Float64Array::from(vec![Some(1.0), None, Some(3.0), Some(4.0), None, Some(6.0)]);
    let address = values.values().as_ptr();
    let lists = large_list(Arc::new(values), vec![0, 2, 2, 5, 6], None);
    let m = Masked::<f64>::from_arrow(lists.as_ref()).unwrap();
    assert_eq!(m.to_string(), "[[1, None], [], [3, 4, None], [6]]");
    assert_eq!(m.values().content().as_ptr(), address);
    let tail = Masked::<f64>::from_arrow(lists.slice(2, 2).as_ref()).unwrap();
    assert_eq!(tail.to_string(), "[[3, 4, None], [6]]");
    // List (i32 offsets) input as well.
    let field = Arc::new(Field::new_list_field(DataType::Float64, true));
    let short = ListArray::new(
        field,
        OffsetBuffer::new(vec![0, 1, 2].into()),
        Arc::new(Float64Array::from(vec![None, Some(2.0)])),
        None,
    );
    assert_eq!(
        Masked::<f64>::from_arrow(&short).unwrap().to_string(),
        "[[None], [2]]"
    );
    // An Array still rejects them.
    assert!(Array::<f64>::from_arrow(lists.as_ref()).is_err());
}

#[test]
fn a_null_list_is_an_error_saying_where() {
    let values: ArrayRef = Arc::new(Float64Array::from(vec![1.0, 2.0, 3.0]));
    let lists = large_list(
        values,
        vec![0, 2, 3, 3],
        Some(NullBuffer::from(vec![true, false, true])),
    );
    let err = Masked::<f64>::from_arrow(lists.as_ref()).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }));
    assert_eq!(
        err.to_string(),
        "invalid argument to `Masked::from_arrow`: null at dimension 1, index 1 (a whole list \
         cannot be missing, only a number can)"
    );
}
