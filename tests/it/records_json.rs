//! Records as JSON and through serde: lists of objects as Awkward's `ak.to_list`/`ak.to_json`
//! give them, read back by `from_json` and serde's `Deserialize` (both written by
//! `#[derive(Record)]`), with errors that name the field and the record's position.

use awkdiff::check::{random_ragged, rng};
use awkdiff::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Record)]
struct Jets<T: Float> {
    pt: Array<T>,
    eta: Array<T>,
    phi: Array<T>,
    #[no_grad]
    btag: Array<bool>,
}

/// Leptons with an integer field, in `f32`.
#[derive(Clone, Debug, PartialEq, Record)]
struct Leptons {
    pt: Array<f32>,
    #[no_grad]
    charge: Array<i64>,
}

fn jets() -> Jets<f64> {
    Jets::zip(
        array![[50.0, 30.0, 12.0], [], [20.0]],
        array![[0.5, -1.0, 2.1], [], [2.0]],
        array![[0.1, 3.0, -2.0], [], [1.5]],
        array![[true, false, true], [], [false]],
    )
    .unwrap()
}

// Awkward 2.14: ak.to_json(ak.zip({"pt": .., "eta": .., "phi": .., "btag": ..})).
const JETS_JSON: &str = r#"[[{"pt":50.0,"eta":0.5,"phi":0.1,"btag":true},{"pt":30.0,"eta":-1.0,"phi":3.0,"btag":false},{"pt":12.0,"eta":2.1,"phi":-2.0,"btag":true}],[],[{"pt":20.0,"eta":2.0,"phi":1.5,"btag":false}]]"#;

#[test]
fn serde_writes_what_awkward_and_to_json_write_and_reads_it_back() {
    let jets = jets();
    assert_eq!(serde_json::to_string(&jets).unwrap(), JETS_JSON);
    assert_eq!(jets.to_json(), JETS_JSON);
    assert_eq!(serde_json::from_str::<Jets<f64>>(JETS_JSON).unwrap(), jets);
    assert_eq!(Jets::<f64>::from_json(JETS_JSON).unwrap(), jets);
    // The fields read share one set of lists, as `zip` makes them.
    let back = Jets::<f64>::from_json(JETS_JSON).unwrap();
    assert!(back.pt.structure().same_as(back.btag.structure()));
    // As `ak.to_list` gives it (a Python list of lists of dicts), through serde_json's Value.
    let value = serde_json::to_value(&jets).unwrap();
    assert_eq!(value[0][1]["eta"], serde_json::json!(-1.0));
    assert_eq!(value[1], serde_json::json!([]));
    assert_eq!(serde_json::from_value::<Jets<f64>>(value).unwrap(), jets);
}

#[test]
fn keys_in_any_order_integers_for_floats_and_non_finite_strings_read_as_awkward_does() {
    // ak.from_json reads these into 2 * var * {pt: float64, eta: float64, ...}.
    let text = r#"[[{"btag": false, "phi": 0, "eta": 0.5, "pt": 1}], [{"pt": "nan", "eta": "inf", "phi": "-inf", "btag": true}]]"#;
    let jets = Jets::<f32>::from_json(text).unwrap();
    assert_eq!(jets.pt.content()[0], 1.0);
    assert!(jets.pt.content()[1].is_nan());
    assert_eq!(jets.eta.content()[1], f32::INFINITY);
    assert_eq!(
        jets.to_json(),
        r#"[[{"pt":1.0,"eta":0.5,"phi":0.0,"btag":false}],[{"pt":"nan","eta":"inf","phi":"-inf","btag":true}]]"#
    );
    assert_eq!(serde_json::to_string(&jets).unwrap(), jets.to_json());
}

#[test]
fn random_records_round_trip_at_depths_0_to_3_and_agree_with_to_json() {
    let mut rng = rng(14);
    for depth in 0..=3 {
        for _ in 0..10 {
            let pt = random_ragged(&mut rng, depth, 4, -1e3, 1e3);
            let charge = pt.map(|v| (v * 7.0) as i64);
            let leptons = Leptons::zip(pt.map(|v| v as f32), charge).unwrap();
            let text = serde_json::to_string(&leptons).unwrap();
            assert_eq!(text, leptons.to_json(), "depth {depth}");
            if pt.content().is_empty() {
                // JSON cannot tell the depth below lists that hold no record (as for arrays).
                continue;
            }
            assert_eq!(Leptons::from_json(&text).unwrap(), leptons, "depth {depth}");
            assert_eq!(serde_json::from_str::<Leptons>(&text).unwrap(), leptons);
        }
    }
}

#[test]
fn nested_lists_of_records_match_awkward() {
    // ak.zip({"pt": [[[1.0], []], [], [[2.0, 3.0]]], "eta": ...}): 3 * var * var * {...}.
    let leptons = Leptons::zip(
        array![[[1.0f32], []], [], [[2.0f32, 3.0]]],
        array![[[1i64], []], [], [[-1i64, 1]]],
    )
    .unwrap();
    assert_eq!(
        leptons.type_str(),
        "3 * var * var * {pt: float32, charge: int64}"
    );
    let text =
        r#"[[[{"pt":1.0,"charge":1}],[]],[],[[{"pt":2.0,"charge":-1},{"pt":3.0,"charge":1}]]]"#;
    assert_eq!(serde_json::to_string(&leptons).unwrap(), text);
    assert_eq!(Leptons::from_json(text).unwrap(), leptons);
    // A flat record array (2 * {pt: float32, charge: int64}) and empty ones.
    let flat = Leptons::from_json(r#"[{"pt":1.0,"charge":1},{"pt":2.0,"charge":0}]"#).unwrap();
    assert_eq!(flat.type_str(), "2 * {pt: float32, charge: int64}");
    assert_eq!(
        Leptons::from_json("[]").unwrap().type_str(),
        "0 * {pt: float32, charge: int64}"
    );
    assert_eq!(
        Leptons::from_json("[[], []]").unwrap().type_str(),
        "2 * var * {pt: float32, charge: int64}"
    );
}

/// Records inside a user's own serde struct: an event file with a header.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct EventFile {
    run: u32,
    jets: Jets<f64>,
}

#[test]
fn records_nest_inside_a_users_serde_types() {
    let file = EventFile {
        run: 7,
        jets: jets(),
    };
    let text = serde_json::to_string(&file).unwrap();
    assert_eq!(text, format!(r#"{{"run":7,"jets":{JETS_JSON}}}"#));
    assert_eq!(serde_json::from_str::<EventFile>(&text).unwrap(), file);
    let err = serde_json::from_str::<EventFile>(r#"{"run":7,"jets":[[{"pt":1.0}]]}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the record at [0][0] has no field `eta`"),
        "{err}"
    );
}

#[test]
fn errors_name_the_field_and_the_record() {
    let message = |text: &str| Jets::<f64>::from_json(text).unwrap_err().to_string();
    let fields = "(`Jets` has the fields pt, eta, phi, btag)";
    assert_eq!(
        message(
            r#"[[{"pt": 1, "eta": 2, "phi": 3, "btag": true}], [{"pt": 1, "phi": 3, "btag": true}]]"#
        ),
        format!("invalid JSON array: the record at [1][0] has no field `eta` {fields}")
    );
    assert_eq!(
        message(r#"[[{"pt": 1, "eta": 2, "phi": 3, "btag": true, "mass": 4}]]"#),
        "invalid JSON array: the record at [0][0] has a field \"mass\" that `Jets` does not have \
         (its fields: pt, eta, phi, btag)"
    );
    assert_eq!(
        message(r#"[[{"pt": 1, "pt": 2}]]"#),
        "invalid JSON array: the record at [0][0] has the field `pt` twice"
    );
    assert_eq!(
        message(r#"[[{"pt": 1, "eta": "x", "phi": 3, "btag": true}]]"#),
        "invalid JSON array: field `eta` of the record at [0][0]: expected a number (or \"nan\", \
         \"inf\", \"-inf\"), found the string \"x\""
    );
    assert_eq!(
        message(r#"[[{"pt": 1, "eta": 2, "phi": 3, "btag": null}]]"#),
        "invalid JSON array: field `btag` of the record at [0][0]: expected true or false, found null"
    );
    assert_eq!(
        message(r#"[[{"pt": [1], "eta": 2, "phi": 3, "btag": true}]]"#),
        "invalid JSON array: field `pt` of the record at [0][0]: expected a number (or \"nan\", \
         \"inf\", \"-inf\"), found a list"
    );
    assert_eq!(
        message(r#"[[{"pt": 1, "eta": 2, "phi": 3, "btag": true}, 5]]"#),
        "invalid JSON array: expected a record of `Jets` (an object with the fields pt, eta, \
         phi, btag) at [0][1], found the number 5"
    );
    // Lists that do not match: records at different depths.
    assert_eq!(
        message(
            r#"[[{"pt": 1, "eta": 2, "phi": 3, "btag": true}], {"pt": 1, "eta": 2, "phi": 3, "btag": true}]"#
        ),
        "invalid JSON array: item at [1] has depth 0, but the items before it have depth 1 \
         (every item must have the same depth: 0 for a record, 1 for a list of records, ...)"
    );
    assert_eq!(
        message(r#"{"pt": 1}"#),
        "invalid JSON array: the top level must be a list, found an object"
    );
    assert!(message("[[{").starts_with("invalid JSON array: not valid JSON: "));
    assert!(matches!(
        Jets::<f64>::from_json("[5]").unwrap_err(),
        Error::Json { .. }
    ));
    // A float32 field out of range, and an integer field given a float.
    assert_eq!(
        Leptons::from_json(r#"[{"pt": 1e39, "charge": 1}]"#)
            .unwrap_err()
            .to_string(),
        "invalid JSON array: field `pt` of the record at [0]: expected a number within the range \
         of float32 (magnitude at most 3.4028235e38), found the number 1e+39"
    );
    assert_eq!(
        Leptons::from_json(r#"[{"pt": 1, "charge": 0.5}]"#)
            .unwrap_err()
            .to_string(),
        "invalid JSON array: field `charge` of the record at [0]: expected an integer within the \
         range of int64, found the number 0.5"
    );
    // Through serde, the same message with serde_json's position.
    let err = serde_json::from_str::<Jets<f64>>(r#"[[{"pt": 1, "pt": 2}]]"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the record at [0][0] has the field `pt` twice at line 1 column 16"
    );
}
