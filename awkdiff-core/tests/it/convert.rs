//! Conversions between arrays and nested `Vec`s (`From`, `FromIterator`, `to_vec1/2/3`,
//! `TryFrom`) and iteration over the outermost lists (`iter_lists`): each checked against
//! hand-written offsets and content, empty lists and empty arrays included, and every error
//! with its message.

use awkdiff_core::{array, rules, s, Array, Error};

fn message<V: std::fmt::Debug>(result: Result<V, Error>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn flat_vec_becomes_a_1d_array() {
    let x = Array::from(vec![1.0, 2.0, 3.0]);
    assert_eq!(x.type_str(), "3 * float64");
    assert_eq!(x.content(), &[1.0, 2.0, 3.0]);
    let empty = Array::from(Vec::<f32>::new());
    assert_eq!(empty.type_str(), "0 * float32");
    assert!(empty.is_empty());
}

#[test]
fn nested_vec_becomes_offsets_and_content() {
    let x = Array::from(vec![vec![1.0, 2.0, 3.0], vec![], vec![4.0, 5.0]]);
    assert_eq!(x.type_str(), "3 * var * float64");
    assert_eq!(x.offsets(0), &[0, 3, 3, 5]);
    assert_eq!(x.content(), &[1.0, 2.0, 3.0, 4.0, 5.0]);

    let all_empty = Array::from(vec![Vec::<i64>::new(), vec![]]);
    assert_eq!(all_empty.type_str(), "2 * var * int64");
    assert_eq!(all_empty.offsets(0), &[0, 0, 0]);
    assert!(all_empty.content().is_empty());

    let none = Array::from(Vec::<Vec<f64>>::new());
    assert_eq!(none.type_str(), "0 * var * float64");
    assert_eq!(none.offsets(0), &[0]);
}

#[test]
fn doubly_nested_vec_becomes_two_offsets_buffers() {
    let x = Array::from(vec![
        vec![vec![1.0, 0.5], vec![3.0]],
        vec![],
        vec![vec![4.0], vec![], vec![2.0, 6.0, 7.0]],
    ]);
    assert_eq!(x.type_str(), "3 * var * var * float64");
    assert_eq!(x.offsets(0), &[0, 2, 2, 5]);
    assert_eq!(x.offsets(1), &[0, 2, 3, 4, 4, 7]);
    assert_eq!(x.content(), &[1.0, 0.5, 3.0, 4.0, 2.0, 6.0, 7.0]);
    assert_eq!(
        x,
        array![[[1.0, 0.5], [3.0]], [], [[4.0], [], [2.0, 6.0, 7.0]]]
    );

    let empty_inner = Array::from(vec![vec![Vec::<bool>::new()], vec![]]);
    assert_eq!(empty_inner.offsets(0), &[0, 1, 1]);
    assert_eq!(empty_inner.offsets(1), &[0, 0]);
    let none = Array::from(Vec::<Vec<Vec<f64>>>::new());
    assert_eq!(none.type_str(), "0 * var * var * float64");
    assert_eq!(none.offsets(1), &[0]);
}

#[test]
fn readers_give_back_the_nested_vecs() {
    let lists = vec![vec![1.0, 2.0, 3.0], vec![], vec![4.0, 5.0]];
    assert_eq!(Array::from(lists.clone()).to_vec2().unwrap(), lists);
    let deep = vec![vec![vec![1.0], vec![]], vec![], vec![vec![2.0, 3.0]]];
    assert_eq!(Array::from(deep.clone()).to_vec3().unwrap(), deep);
    assert_eq!(Array::from(vec![7i64, 8]).to_vec1().unwrap(), vec![7, 8]);
    assert_eq!(
        Array::<f64>::from(Vec::<Vec<f64>>::new())
            .to_vec2()
            .unwrap(),
        Vec::<Vec<f64>>::new()
    );
    assert_eq!(
        Array::from(vec![Vec::<f64>::new(), vec![]])
            .to_vec2()
            .unwrap(),
        vec![Vec::<f64>::new(), vec![]]
    );
}

#[test]
fn readers_read_slices_and_sub_arrays() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    assert_eq!(
        x.slice(s![..;-1]).to_vec2().unwrap(),
        vec![vec![4.0, 5.0], vec![], vec![1.0, 2.0, 3.0]]
    );
    assert_eq!(x.at(2).to_vec1().unwrap(), vec![4.0, 5.0]);
    let z = array![[[1.0], []], [[2.0, 3.0], [4.0]]];
    assert_eq!(z.at(1).to_vec2().unwrap(), vec![vec![2.0, 3.0], vec![4.0]]);
    assert_eq!(
        z.slice(s![1..]).to_vec3().unwrap(),
        vec![vec![vec![2.0, 3.0], vec![4.0]]]
    );
}

#[test]
fn readers_of_the_wrong_depth_are_errors() {
    let flat = Array::from(vec![1.0]);
    let ragged = array![[1.0], []];
    let deep = array![[[1i64]]];
    assert_eq!(
        message(ragged.to_vec1()),
        "structure mismatch in `to_vec1`: expected an array of 1 dimension (n * float64), \
         got 2 * var * float64 (2 dimensions)"
    );
    assert_eq!(
        message(flat.to_vec2()),
        "structure mismatch in `to_vec2`: expected an array of 2 dimensions (n * var * float64), \
         got 1 * float64 (1 dimension)"
    );
    assert_eq!(
        message(deep.to_vec2()),
        "structure mismatch in `to_vec2`: expected an array of 2 dimensions (n * var * int64), \
         got 1 * var * var * int64 (3 dimensions)"
    );
    assert_eq!(
        message(ragged.to_vec3()),
        "structure mismatch in `to_vec3`: expected an array of 3 dimensions \
         (n * var * var * float64), got 2 * var * float64 (2 dimensions)"
    );
    assert!(matches!(flat.to_vec3(), Err(Error::Structure { .. })));
}

#[test]
fn try_from_matches_the_readers() {
    let x = array![[1.0, 2.0], [], [3.0]];
    let by_ref: Vec<Vec<f64>> = Vec::try_from(&x).unwrap();
    assert_eq!(by_ref, vec![vec![1.0, 2.0], vec![], vec![3.0]]);
    let owned: Vec<Vec<f64>> = x.clone().try_into().unwrap();
    assert_eq!(owned, by_ref);
    assert_eq!(message(Vec::<f64>::try_from(&x)), message(x.to_vec1()));
    assert_eq!(
        message(Vec::<Vec<Vec<f64>>>::try_from(x.clone())),
        message(x.to_vec3())
    );
    let values: Vec<bool> = Array::from(vec![true, false]).try_into().unwrap();
    assert_eq!(values, vec![true, false]);
}

#[test]
fn collecting_values_and_lists() {
    let flat: Array<f64> = [1.0, 2.0].into_iter().collect();
    assert_eq!(flat, Array::from_vec(vec![1.0, 2.0]));
    let nothing: Array<i64> = std::iter::empty::<i64>().collect();
    assert_eq!(nothing.type_str(), "0 * int64");

    let lists: Array<i64> = (0..4).map(|n| (0..n).collect::<Vec<i64>>()).collect();
    assert_eq!(lists.offsets(0), &[0, 0, 1, 3, 6]);
    assert_eq!(lists.content(), &[0, 0, 1, 0, 1, 2]);
    let no_lists: Array<f64> = std::iter::empty::<Vec<f64>>().collect();
    assert_eq!(no_lists.type_str(), "0 * var * float64");
    assert_eq!(no_lists.offsets(0), &[0]);
}

#[test]
fn iter_lists_gives_each_outer_element() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let items: Vec<Array<f64>> = x.iter_lists().collect();
    assert_eq!(
        items,
        vec![
            Array::from_vec(vec![1.0, 2.0, 3.0]),
            Array::from_vec(vec![]),
            Array::from_vec(vec![4.0, 5.0]),
        ]
    );
    assert_eq!(items[1].type_str(), "0 * float64");
    let backwards: Vec<Vec<f64>> = x.iter_lists().rev().map(|l| l.to_vec1().unwrap()).collect();
    assert_eq!(backwards, vec![vec![4.0, 5.0], vec![], vec![1.0, 2.0, 3.0]]);

    let mut lists = x.iter_lists();
    assert_eq!(format!("{lists:?}"), "Lists(3 * var * float64, 0..3)");
    assert_eq!(lists.len(), 3);
    assert_eq!(lists.nth(1).unwrap().len(), 0);
    assert_eq!(lists.len(), 1);
    assert_eq!(lists.next_back().unwrap().content(), &[4.0, 5.0]);
    assert!(lists.next().is_none());
    assert!(lists.next_back().is_none());
    assert!(x.iter_lists().nth(3).is_none());
    assert!(x.iter_lists().nth(usize::MAX).is_none());
}

#[test]
fn iter_lists_on_deeper_and_empty_arrays() {
    let z = array![[[1.0, 0.5], [3.0]], [], [[4.0], [], [2.0, 6.0]]];
    let items: Vec<Array<f64>> = z.iter_lists().collect();
    assert_eq!(items[0], array![[1.0, 0.5], [3.0]]);
    assert_eq!(items[1].type_str(), "0 * var * float64");
    assert_eq!(items[2].offsets(0), &[0, 1, 1, 3]);
    assert_eq!(items[2].content(), &[4.0, 2.0, 6.0]);

    let none = Array::from(Vec::<Vec<f64>>::new());
    assert_eq!(none.iter_lists().len(), 0);
    assert!(none.iter_lists().next().is_none());
}

#[test]
fn iter_lists_of_a_slice_reads_the_slice() {
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let reversed = x.slice(s![.., ..;-1]);
    let items: Vec<Vec<f64>> = reversed
        .iter_lists()
        .map(|l| l.to_vec1().unwrap())
        .collect();
    assert_eq!(items, vec![vec![3.0, 2.0, 1.0], vec![], vec![5.0, 4.0]]);
}

#[test]
fn iter_lists_items_are_differentiable_as_at() {
    // Each item is `x.at(i)`, so the rules of `at` (a slice) take it back.
    let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    let last = x.iter_lists().next_back().unwrap();
    let ct = Array::from_vec(vec![10.0, 20.0]);
    let back = rules::slice_vjp(&x, &last, &s![2], &ct);
    assert_eq!(back, array![[0.0, 0.0, 0.0], [], [10.0, 20.0]]);
}

#[test]
fn iter_lists_of_a_flat_array_is_an_error() {
    let flat = Array::from(vec![1.0, 2.0]);
    assert_eq!(
        message(flat.try_iter_lists().map(|l| l.len())),
        "axis 1 is out of range for an array of type 2 * float64 (1 dimensions)"
    );
}

#[test]
#[should_panic(expected = "axis 1 is out of range for an array of type 2 * float64")]
fn iter_lists_of_a_flat_array_panics_with_the_message() {
    let _ = Array::from(vec![1.0, 2.0]).iter_lists();
}
