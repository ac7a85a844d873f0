//! 800 random slices of random ragged arrays (depths 1 to 3, with empty lists and empty
//! arrays) against what Awkward Array 2.14 gives: `data/slice_awkward_cases.json` was
//! written by `data/slice_awkward_cases.py` (each case: the array as nested lists, its
//! number of `var` dimensions, the slice entries, and Awkward's `x[slice].tolist()`, "ERR"
//! for an error, or "SCALAR" for a single value).

use awkdiff_core::{Array, Error, Slice, SliceEntry, Structure};
use serde_json::Value as Json;

/// The array of `depth` `var` dimensions holding the nested lists `value`.
fn from_nested_json(value: &Json, depth: usize) -> Array<f64> {
    fn walk(items: &Json, level: usize, levels: &mut [Vec<i64>], content: &mut Vec<f64>) {
        for item in items.as_array().expect("a list") {
            if level == levels.len() {
                content.push(item.as_f64().expect("a number"));
            } else {
                walk(item, level + 1, levels, content);
            }
        }
        if level > 0 {
            let below = match levels.get(level) {
                Some(offsets) => offsets.len() - 1,
                None => content.len(),
            };
            levels[level - 1].push(below as i64);
        }
    }
    let mut levels = vec![vec![0i64]; depth];
    let mut content = Vec::new();
    walk(value, 0, &mut levels, &mut content);
    let structure = Structure::new(levels, content.len()).expect("valid offsets");
    Array::from_parts(structure, content).expect("matching content")
}

/// The array as nested lists, for comparison with Awkward's `tolist()`.
fn to_nested_json(x: &Array<f64>) -> Json {
    fn range(x: &Array<f64>, level: usize, lo: usize, hi: usize) -> Json {
        let structure = x.structure();
        if level == structure.depth() {
            return x.content()[lo..hi].iter().map(|&v| Json::from(v)).collect();
        }
        let offsets = structure.offsets(level);
        (lo..hi)
            .map(|i| range(x, level + 1, offsets[i] as usize, offsets[i + 1] as usize))
            .collect()
    }
    range(x, 0, 0, x.len())
}

fn entry(value: &Json) -> SliceEntry {
    let int = |v: &Json| v.as_i64().map(|v| v as isize);
    if value[0] == "i" {
        SliceEntry::Index(int(&value[1]).expect("an index"))
    } else {
        SliceEntry::Range {
            start: int(&value[1]),
            end: int(&value[2]),
            step: int(&value[3]).expect("a step"),
        }
    }
}

#[test]
fn random_slices_match_awkward() {
    let cases: Json =
        serde_json::from_str(include_str!("../data/slice_awkward_cases.json")).expect("valid JSON");
    let cases = cases.as_array().expect("a list of cases");
    assert_eq!(cases.len(), 800);
    for (n, case) in cases.iter().enumerate() {
        let depth = case[1].as_u64().expect("a depth") as usize;
        let x = from_nested_json(&case[0], depth);
        let entries: Vec<SliceEntry> = case[2]
            .as_array()
            .expect("entries")
            .iter()
            .map(entry)
            .collect();
        let result = x.try_slice(Slice::new(entries.clone()));
        let expected = &case[3];
        let context = format!("case {n}: {} sliced by {entries:?}", case[0]);
        match (expected.as_str(), result) {
            (Some("ERR"), Err(Error::Index { .. } | Error::Axis { .. })) => {}
            (Some("SCALAR"), Err(Error::Invalid { .. })) => {}
            (None, Ok(y)) => {
                assert_eq!(&to_nested_json(&y), expected, "{context}");
                let indices = entries
                    .iter()
                    .filter(|e| matches!(e, SliceEntry::Index(_)))
                    .count();
                assert_eq!(y.ndim(), depth + 1 - indices, "{context}");
            }
            (_, result) => panic!("{context}: Awkward gives {expected}, awkdiff {result:?}"),
        }
    }
}
