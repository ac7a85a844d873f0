//! Records (`#[derive(Record)]`) as a user holds events: jets with pt, eta, phi and a
//! b-tag, zipped once, selected record-wide, printed as Awkward prints them, and passed to
//! `#[differentiable]` functions whose tangents and cotangents are records too.

use awkdiff::check::{check_grads, CheckOptions};
use awkdiff::prelude::*;
use awkdiff::Value;

/// Jets of each event (Awkward: `ak.zip({"pt": .., "eta": .., "phi": .., "btag": ..})`).
#[derive(Clone, Debug, PartialEq, Record)]
pub struct Jets<T: Float> {
    pub pt: Array<T>,
    pub eta: Array<T>,
    pub phi: Array<T>,
    #[no_grad]
    pub btag: Array<bool>,
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

#[test]
fn zip_checks_that_the_fields_share_their_lists() {
    let err = Jets::zip(
        array![[50.0, 30.0], [], [20.0]],
        array![[0.5, -1.0], [], [2.0]],
        array![[0.1], [3.0], [1.5]],
        array![[true, false], [], [false]],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "structure mismatch in field `phi` of `Jets`: expected 3 * var * float64 (the lists of field `pt`), got 3 * var * float64: list 0 at dimension 1 has length 2 against 1"
    );
    let err = Jets::zip(
        array![[50.0], [20.0]],
        array![[0.5], [2.0]],
        array![[0.1], [1.5]],
        array![[true], [false], []],
    )
    .unwrap_err();
    assert!(err.to_string().contains("field `btag` of `Jets`"), "{err}");
    // Zipped fields share one set of lists.
    let jets = jets();
    assert!(jets.pt.structure().same_as(jets.btag.structure()));
}

#[test]
fn records_print_and_serialise_as_awkward_does() {
    let jets = jets();
    // Awkward 2.14: str(ak.zip({...})), its type and ak.to_json.
    assert_eq!(
        jets.type_str(),
        "3 * var * {pt: float64, eta: float64, phi: float64, btag: bool}"
    );
    assert_eq!(
        jets.to_string(),
        "[[{pt: 50, eta: 0.5, phi: 0.1, btag: True}, ..., {pt: 12, eta: 2.1, ...}], ...]"
    );
    assert_eq!(
        jets.to_json(),
        r#"[[{"pt":50.0,"eta":0.5,"phi":0.1,"btag":true},{"pt":30.0,"eta":-1.0,"phi":3.0,"btag":false},{"pt":12.0,"eta":2.1,"phi":-2.0,"btag":true}],[],[{"pt":20.0,"eta":2.0,"phi":1.5,"btag":false}]]"#
    );
    assert_eq!(
        jets.show(),
        "[[{pt: 50, eta: 0.5, phi: 0.1, btag: True}, ..., {pt: 12, eta: 2.1, ...}],\n [],\n [{pt: 20, eta: 2, phi: 1.5, btag: False}]]\n--------------------------------------------------------------------------\nnbytes: 132 B\ntype: 3 * var * {pt: float64, eta: float64, phi: float64, btag: bool}"
    );
}

#[test]
fn selections_apply_to_every_field_alike() {
    let jets = jets();
    assert_eq!(jets.len(), 3);
    assert_eq!(jets.counts(), Array::from_vec(vec![3i64, 0, 1]));
    let leading = jets.slice(s![.., ..1]);
    assert_eq!(leading.pt, array![[50.0], [], [20.0]]);
    assert_eq!(leading.btag, array![[true], [], [false]]);
    let tagged = jets.filter(&jets.btag);
    assert_eq!(tagged.eta, array![[0.5, 2.1], [], []]);
    assert_eq!(jets.take(&[2, 0]).phi, array![[1.5], [0.1, 3.0, -2.0]]);
    assert_eq!(jets.at(0).pt, Array::from_vec(vec![50.0, 30.0, 12.0]));
    assert_eq!(
        jets.flatten().btag,
        Array::from_vec(vec![true, false, true, false])
    );
    // A reversed slice keeps every field's values aligned.
    let reversed = jets.slice(s![.., ..;-1]);
    assert_eq!(reversed.pt, array![[12.0, 30.0, 50.0], [], [20.0]]);
    assert_eq!(reversed.eta, array![[2.1, -1.0, 0.5], [], [2.0]]);
    // Errors name the record's type.
    assert_eq!(
        jets.try_slice(s![5]).unwrap_err().to_string(),
        "index 5 is out of range of the outermost dimension (length 3)"
    );
    assert!(jets.try_flatten().unwrap().try_flatten().is_err());
}

#[test]
fn a_record_is_a_value_its_tangents_are_records() {
    let jets = jets();
    let zeros = jets.zeros_like();
    assert_eq!(zeros.pt, array![[0.0, 0.0, 0.0], [], [0.0]]);
    assert_eq!(zeros.btag, jets.btag, "a #[no_grad] field rides along");
    assert_eq!(
        jets.dot(&jets),
        jets.pt.dot(&jets.pt) + jets.eta.dot(&jets.eta) + jets.phi.dot(&jets.phi)
    );
    let wrong = Jets::zip(
        array![[1.0], [2.0]],
        array![[1.0], [2.0]],
        array![[1.0], [2.0]],
        array![[true], [true]],
    )
    .unwrap();
    let err = wrong
        .check_like(&jets, "tangent of parameter `jets`")
        .unwrap_err();
    assert!(
        err.to_string().starts_with("structure mismatch in tangent of parameter `jets`, field `pt`: expected 3 * var * float64, got 2 * var * float64"),
        "{err}"
    );
}

/// The magnitude of the vector sum of each event's jets (the missing transverse momentum
/// they balance), softened by 1 GeV so that an event without jets has a derivative,
/// summed over events.
#[differentiable]
fn recoil(jets: &Jets<f64>) -> f64 {
    let px = (&jets.pt * jets.phi.cos()).sum(-1);
    let py = (&jets.pt * jets.phi.sin()).sum(-1);
    (&px * &px + &py * &py + 1.0).sqrt().sum_all()
}

/// Generic over the float type, with a #[no_grad] field used as a mask: the summed pt of
/// b-tagged jets, weighted by exp(-|eta|).
#[differentiable]
fn tagged_pt<T: Float>(jets: &Jets<T>, scale: T) -> T {
    let weight = (-jets.eta.abs()).exp();
    let tagged = (&jets.pt * &weight).filter(&jets.btag);
    tagged.sum_all() * scale
}

#[test]
fn differentiable_functions_of_records() {
    let jets = jets();
    let f = |j: &Jets<f64>| recoil(j);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_recoil(j, t);
    let vjp = |j: &Jets<f64>, ct: &f64| vjp_recoil(j).1(*ct);
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
    // grad_ gives a record of gradients: d/dpt of |sum pt (cos, sin)| is the unit vector's
    // projection (cos(phi - phi_total)).
    let grad = grad_recoil(&jets);
    assert_eq!(grad.btag, jets.btag);
    let (px, py) = (20.0 * 1.5f64.cos(), 20.0 * 1.5f64.sin());
    let norm = (px * px + py * py + 1.0).sqrt();
    assert!((grad.pt.content()[3] - (1.5f64.cos() * px + 1.5f64.sin() * py) / norm).abs() < 1e-12);
    assert_eq!(grad.eta, jets.eta.zeros_like());
}

#[test]
fn records_with_masks_and_generics() {
    let jets = jets();
    let f = |j: &Jets<f64>| tagged_pt(j, 2.0);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_tagged_pt(j, 2.0, t, 0.0);
    let vjp = |j: &Jets<f64>, ct: &f64| vjp_tagged_pt(j, 2.0).1(*ct).0;
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
    let (grad_jets, grad_scale) = grad_tagged_pt(&jets, 2.0);
    // Untagged jets get no gradient.
    assert_eq!(grad_jets.pt.content()[1], 0.0);
    assert_eq!(grad_jets.pt.content()[3], 0.0);
    assert!((grad_jets.pt.content()[0] - 2.0 * (-0.5f64).exp()).abs() < 1e-12);
    assert!((grad_scale - tagged_pt(&jets, 1.0)).abs() < 1e-12);
    let single: Jets<f32> = Jets::zip(
        array![[1.0f32]],
        array![[0.0f32]],
        array![[0.0f32]],
        array![[true]],
    )
    .unwrap();
    assert_eq!(tagged_pt(&single, 1.0f32), 1.0);
}

#[test]
fn a_tangent_record_of_the_wrong_structure_is_reported_by_field() {
    let jets = jets();
    let wrong = jets.slice(s![..2]);
    let panic = std::panic::catch_unwind(|| jvp_recoil(&jets, &wrong)).unwrap_err();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.starts_with("structure mismatch in tangent of parameter `jets`, field `pt`"),
        "{message}"
    );
}

#[test]
fn record_combinations_pair_whole_jets() {
    let jets = jets();
    let (first, second) = jets.combinations::<2>();
    assert_eq!(first.pt, array![[50.0, 50.0, 30.0], [], []]);
    assert_eq!(second.eta, array![[-1.0, 2.1, 2.1], [], []]);
    assert_eq!(second.btag, array![[false, true, true], [], []]);
    let (i, j) = jets.argcombinations::<2>();
    assert_eq!(i, array![[0i64, 0, 1], [], []]);
    assert_eq!(j, array![[1i64, 2, 2], [], []]);
    // The pair's summed transverse momentum vector, as a user computes it.
    let px = &first.pt * first.phi.cos() + &second.pt * second.phi.cos();
    assert_eq!(px.counts(), Array::from_vec(vec![3i64, 0, 0]));
}

/// Parquet files of records: a column of lists of structs (Awkward's `ak.to_parquet` of a
/// record array inside lists) and sibling columns `Jet_pt`, `Jet_eta`, ... that share lists.
#[cfg(feature = "parquet")]
mod parquet_files {
    use super::*;
    use awkdiff::interop::parquet::{
        read_parquet_record, read_parquet_record_columns, write_parquet_record, ParquetColumns,
    };

    fn path(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!(
            "awkdiff_records_{}_{name}.parquet",
            std::process::id()
        ))
    }

    #[test]
    fn a_record_column_round_trips() {
        let jets = jets();
        let file = path("round_trip");
        write_parquet_record(&file, "Jet", &jets).unwrap();
        let back: Jets<f64> = read_parquet_record(&file, "Jet").unwrap();
        assert_eq!(back, jets);
        assert!(back.pt.structure().same_as(back.btag.structure()));
        // The same file read with f32 fields is an error naming the field and both types.
        let err = read_parquet_record::<Jets<f32>>(&file, "Jet")
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("field `pt` of `Jets`: holds Float64 but the struct's field is float32"),
            "{err}"
        );
        let err = read_parquet_record::<Jets<f64>>(&file, "Muon")
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("has no column `Muon` (its columns: `Jet`)"),
            "{err}"
        );
        std::fs::remove_file(&file).ok();
    }

    /// A record without one of the file's fields reads the others; a record with a field
    /// the file lacks is an error listing the fields there are.
    #[derive(Clone, Debug, PartialEq, Record)]
    struct Kinematics<T: Float> {
        pt: Array<T>,
        mass: Array<T>,
    }

    #[test]
    fn missing_fields_are_named() {
        let file = path("missing");
        write_parquet_record(&file, "Jet", &jets()).unwrap();
        let err = read_parquet_record::<Kinematics<f64>>(&file, "Jet")
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("the records have no field `mass` for field `mass` of `Kinematics` (their fields: `pt`, `eta`, `phi`, `btag`)"),
            "{err}"
        );
        std::fs::remove_file(&file).ok();
    }

    #[test]
    fn sibling_columns_read_as_one_record() {
        let jets = jets();
        let file = path("siblings");
        ParquetColumns::new()
            .column("Jet_pt", &jets.pt)
            .column("Jet_eta", &jets.eta)
            .column("Jet_phi", &jets.phi)
            .column("Jet_mass", &jets.pt.zeros_like())
            .write(&file)
            .unwrap();
        let kin: Kinematics<f64> = read_parquet_record_columns(&file, "Jet_").unwrap();
        assert_eq!(kin.pt, jets.pt);
        assert!(kin.pt.structure().same_as(kin.mass.structure()));
        // Columns whose lists differ are an error naming the field.
        let other = path("siblings_other");
        ParquetColumns::new()
            .column("pt", &jets.pt)
            .column("mass", &array![[1.0], [], [2.0]])
            .write(&other)
            .unwrap();
        let err = read_parquet_record_columns::<Kinematics<f64>>(&other, "")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("structure mismatch in field `mass` of `Kinematics`"),
            "{err}"
        );
        std::fs::remove_file(&file).ok();
        std::fs::remove_file(&other).ok();
    }
}

/// A file written by Awkward 2.14 (`ak.to_parquet(ak.zip({"Jet": jets}, depth_limit=1))`,
/// with the jets of [`jets`]): the column `Jet` is `large_list<struct<pt, eta, phi, btag>>`.
#[cfg(feature = "parquet")]
#[test]
fn a_file_written_by_awkward_reads_as_records() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/parquet/awkward_jets.parquet"
    );
    let read: Jets<f64> = awkdiff::interop::parquet::read_parquet_record(file, "Jet").unwrap();
    assert_eq!(read, jets());
}

/// Record-wide selections inside a body: the central jets, then the two leading ones.
#[differentiable]
fn central_recoil(jets: &Jets<f64>) -> f64 {
    let central = jets.filter(&jets.eta.abs().lt(1.9));
    let leading = central.slice(s![.., ..2]);
    let px = (&leading.pt * leading.phi.cos()).sum(-1);
    let py = (&leading.pt * leading.phi.sin()).sum(-1);
    (&px * &px + &py * &py + 1.0).sqrt().sum_all()
}

/// The same with `take`, `at` and `flatten` of records.
#[differentiable]
fn picked_pt(jets: &Jets<f64>) -> f64 {
    let picked = jets.take(&[2, 0, 2]);
    let first = picked.at(1);
    let all = picked.flatten();
    (&first.pt * &first.eta).sum_all() + (&all.pt * &all.pt).sum_all()
}

#[test]
fn record_selections_in_bodies_differentiate() {
    let jets = jets();
    let f = |j: &Jets<f64>| central_recoil(j);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_central_recoil(j, t);
    let vjp = |j: &Jets<f64>, ct: &f64| vjp_central_recoil(j).1(*ct);
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
    // The jets at |eta| = 2.1 and 2.0 are outside: no gradient reaches them.
    let grad = grad_central_recoil(&jets);
    assert_eq!((grad.pt.content()[2], grad.pt.content()[3]), (0.0, 0.0));
    assert_eq!(grad.btag, jets.btag);
    let f = |j: &Jets<f64>| picked_pt(j);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_picked_pt(j, t);
    let vjp = |j: &Jets<f64>, ct: &f64| vjp_picked_pt(j).1(*ct);
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
    // take(&[2, 0, 2]) repeats the last event: its jet's gradient is counted twice.
    let grad = grad_picked_pt(&jets);
    assert_eq!(grad.pt.content()[3], 2.0 * 2.0 * 20.0);
}

/// A record built in a body and returned: the jets with their pt scaled and eta shifted,
/// the b-tags kept.
#[differentiable]
fn calibrated(jets: &Jets<f64>, scale: f64, shift: f64) -> Jets<f64> {
    Jets {
        pt: &jets.pt * scale,
        eta: &jets.eta + shift,
        phi: jets.phi.clone(),
        btag: jets.btag.clone(),
    }
}

/// A scalar of a record built in a body.
#[differentiable]
fn calibrated_sum(jets: &Jets<f64>, scale: f64) -> f64 {
    let scaled = Jets {
        pt: jets.pt.exp() * scale,
        eta: jets.eta.clone(),
        phi: jets.phi.clone(),
        btag: jets.btag.clone(),
    };
    let leading = scaled.slice(s![.., ..1]);
    (&leading.pt * &leading.eta).sum_all()
}

#[test]
fn records_built_in_bodies_and_returned() {
    let jets = jets();
    let out = calibrated(&jets, 2.0, 0.5);
    assert_eq!(out.pt, &jets.pt * 2.0);
    assert_eq!(out.btag, jets.btag);
    let f = |(j, s): &(Jets<f64>, f64)| calibrated(j, *s, 0.5);
    let jvp = |(j, s): &(Jets<f64>, f64), (dj, ds): &(Jets<f64>, f64)| {
        jvp_calibrated(j, *s, 0.5, dj, *ds, 0.0)
    };
    let vjp = |(j, s): &(Jets<f64>, f64), ct: &Jets<f64>| {
        let (dj, ds, _) = vjp_calibrated(j, *s, 0.5).1(ct);
        (dj, ds)
    };
    let small = Jets::zip(
        array![[1.0, 0.5], [], [0.3]],
        array![[0.1, 0.2], [], [0.3]],
        array![[0.4, 0.5], [], [0.6]],
        array![[true, false], [], [true]],
    )
    .unwrap();
    check_grads(f, jvp, vjp, &(small.clone(), 2.0), &CheckOptions::default()).unwrap();
    let f = |(j, s): &(Jets<f64>, f64)| calibrated_sum(j, *s);
    let jvp =
        |(j, s): &(Jets<f64>, f64), (dj, ds): &(Jets<f64>, f64)| jvp_calibrated_sum(j, *s, dj, *ds);
    let vjp = |(j, s): &(Jets<f64>, f64), ct: &f64| vjp_calibrated_sum(j, *s).1(*ct);
    check_grads(f, jvp, vjp, &(small, 2.0), &CheckOptions::default()).unwrap();
}

/// A column with missing values written by Awkward 2.14
/// (`ak.to_parquet(ak.zip({"x": [[1.0, None, 3.0], [], [None], [4.5]]}, depth_limit=1))`).
#[cfg(feature = "parquet")]
#[test]
fn a_column_with_missing_values_written_by_awkward_reads_as_masked() {
    use awkdiff::interop::parquet::{read_parquet_masked_column, write_parquet_masked};
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/parquet/awkward_masked.parquet"
    );
    let x: awkdiff::Masked<f64> = read_parquet_masked_column(file, "x").unwrap();
    assert_eq!(x.to_string(), "[[1, None, 3], [], [None], [4.5]]");
    assert_eq!(x.type_str(), "4 * var * ?float64");
    let again = std::env::temp_dir().join(format!("awkdiff_masked_{}.parquet", std::process::id()));
    write_parquet_masked(&again, "x", &x).unwrap();
    let back: awkdiff::Masked<f64> = read_parquet_masked_column(&again, "x").unwrap();
    assert_eq!(back, x);
    std::fs::remove_file(&again).ok();
    // A plain array cannot hold the nulls: the error says where and points to Masked.
    let err = awkdiff::interop::parquet::read_parquet_column::<f64>(file, "x").unwrap_err();
    assert!(err.to_string().contains("null at dimension 2"), "{err}");
}

/// Every jet pair of an event, paired inside the body with `argcombinations` and jagged
/// `index` of whole records (Awkward: `i, j = ak.unzip(ak.argcombinations(jets, 2));
/// a, b = jets[i], jets[j]`): the summed invariant mass of massless jet pairs.
#[differentiable]
fn pair_masses(jets: &Jets<f64>) -> f64 {
    let (i, j) = jets.argcombinations::<2>();
    let a = jets.index(&i);
    let b = jets.index(&j);
    let m2 = &a.pt * &b.pt * ((&a.eta - &b.eta).cosh() - (&a.phi - &b.phi).cos()) * 2.0;
    (m2 + 1.0).sqrt().sum_all()
}

#[test]
fn records_paired_by_index_in_bodies_differentiate() {
    let jets = jets();
    // The value: the same pairs as `combinations` outside a body.
    let (a, b) = jets.combinations::<2>();
    let m2 = &a.pt * &b.pt * ((&a.eta - &b.eta).cosh() - (&a.phi - &b.phi).cos()) * 2.0;
    assert_eq!(pair_masses(&jets), (m2 + 1.0).sqrt().sum_all());
    let (i, _) = jets.argcombinations::<2>();
    assert_eq!(jets.index(&i).pt, array![[50.0, 50.0, 30.0], [], []]);
    let f = |j: &Jets<f64>| pair_masses(j);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_pair_masses(j, t);
    let vjp = |j: &Jets<f64>, ct: &f64| vjp_pair_masses(j).1(*ct);
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
    // The lone jet of the last event is in no pair: no gradient reaches it.
    let grad = grad_pair_masses(&jets);
    assert_eq!(grad.pt.content()[3], 0.0);
    assert_ne!(grad.pt.content()[0], 0.0);
    // An index list that does not match the records' lists names the list.
    let err = jets.try_index(&array![[0i64], [0], [0]]).unwrap_err();
    assert!(err.to_string().contains("list [1]"), "{err}");
}

/// A record whose fields are read several times and which is also used whole: its
/// cotangent is built field by field (the first read of a field sets it, later ones add),
/// then the whole-record contributions add to it.
#[differentiable]
fn fields_read_twice(jets: &Jets<f64>) -> f64 {
    let (i, _j) = jets.argcombinations::<2>();
    let lead = jets.index(&i);
    let energy = (&jets.pt * &jets.eta.cosh()).sum_all();
    let spread = (&jets.pt * &jets.pt - &jets.phi).sum_all();
    let pairs = (&lead.pt * &lead.phi.sin()).sum_all();
    energy + spread * 0.5 + pairs + (&jets.eta * 3.0).sum_all()
}

#[test]
fn record_fields_read_many_times_differentiate() {
    let jets = jets();
    let f = |j: &Jets<f64>| fields_read_twice(j);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_fields_read_twice(j, t);
    let vjp = |j: &Jets<f64>, ct: &f64| vjp_fields_read_twice(j).1(*ct);
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
}

/// The pair masses of every event (a sum per event), whose pullback sends the chain's
/// cotangents straight to the jets' fields (`fused_sum_vjp_onto` with field targets).
#[differentiable]
fn event_pair_masses(jets: &Jets<f64>) -> Array<f64> {
    let (i, j) = jets.argcombinations::<2>();
    let a = jets.index(&i);
    let b = jets.index(&j);
    let m2 = &a.pt * &b.pt * ((&a.eta - &b.eta).cosh() - (&a.phi - &b.phi).cos()) * 2.0;
    (m2 + 1.0).sqrt().sum(1)
}

/// The same, with a pair field also read elsewhere: the pullback scatters each pair
/// field's cotangent back through the index instead.
#[differentiable]
fn event_pair_masses_kept(jets: &Jets<f64>) -> Array<f64> {
    let (i, j) = jets.argcombinations::<2>();
    let a = jets.index(&i);
    let b = jets.index(&j);
    let pt = a.pt.clone();
    let m2 = &pt * &b.pt * ((&a.eta - &b.eta).cosh() - (&a.phi - &b.phi).cos()) * 2.0;
    (m2 + 1.0).sqrt().sum(1) + pt.sum(1) * 0.0
}

#[test]
fn pair_field_cotangents_go_straight_to_the_jets() {
    let jets = jets();
    let f = |j: &Jets<f64>| event_pair_masses(j);
    let jvp = |j: &Jets<f64>, t: &Jets<f64>| jvp_event_pair_masses(j, t);
    let vjp = |j: &Jets<f64>, ct: &Array<f64>| vjp_event_pair_masses(j).1(ct);
    check_grads(f, jvp, vjp, &jets, &CheckOptions::default()).unwrap();
    // Many events: the same cotangents as the scatter path, on two threads.
    let mut events = Vec::new();
    for e in 0..100_000usize {
        events.push(
            (0..e % 7)
                .map(|k| ((e * 7 + k) % 13) as f64 * 0.1)
                .collect::<Vec<f64>>(),
        );
    }
    let eta = Array::from(events);
    let pt = &eta + 1.0;
    let phi = &eta * 3.0;
    let flags = pt.gt(1.5);
    let many = Jets::zip(pt, eta, phi, flags).unwrap();
    let ct = event_pair_masses(&many).sin();
    // Buffers of the fields' size with values in them go to the pool first (the direct
    // pullback's cotangents must start from zeros).
    drop((&many.pt * 3.0, &many.eta * 3.0, &many.phi * 3.0));
    let (direct, scattered) = (
        vjp_event_pair_masses(&many).1(&ct),
        vjp_event_pair_masses_kept(&many).1(&ct),
    );
    for (name, a, b) in [
        ("pt", &direct.pt, &scattered.pt),
        ("eta", &direct.eta, &scattered.eta),
        ("phi", &direct.phi, &scattered.phi),
    ] {
        for (k, (p, q)) in a.content().iter().zip(b.content()).enumerate() {
            assert!(
                (p - q).abs() <= 1e-10 * (1.0 + q.abs()),
                "{name} {k}: {p} against {q}"
            );
        }
    }
}
