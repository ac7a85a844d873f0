//! Reading the reference fixtures (`tests/fixtures/reference/*.json`, format described in
//! `tools/reference/README.md`) and comparing awkdiff's results with them.

use std::path::PathBuf;

use awkdiff::prelude::*;
use awkdiff::Structure;
use serde_json::Value;

/// A parameter, output, tangent or cotangent: an array or a float64 scalar.
#[derive(Clone, Debug)]
pub enum Val {
    Array(Array<f64>),
    Scalar(f64),
}

impl Val {
    /// The array, or a panic naming what was expected (a runner bug, caught per case).
    pub fn array(&self) -> &Array<f64> {
        match self {
            Val::Array(a) => a,
            Val::Scalar(s) => panic!("expected an array, got the scalar {s}"),
        }
    }

    /// The scalar, or a panic naming what was expected (a runner bug, caught per case).
    pub fn scalar(&self) -> f64 {
        match self {
            Val::Scalar(s) => *s,
            Val::Array(a) => panic!("expected a scalar, got an array of type {}", a.type_str()),
        }
    }
}

/// One fixture case, with its values converted to awkdiff arrays and scalars.
pub struct Case {
    pub file: String,
    pub name: String,
    pub family: String,
    pub function: String,
    pub reference: String,
    pub tolerance: f64,
    /// The output is a scalar in Awkward (`float64`).
    pub scalar_output: bool,
    pub inputs: Vec<Val>,
    pub tangents: Vec<Val>,
    pub output: Val,
    pub jvp: Val,
    pub cotangent: Val,
    pub vjp: Vec<Val>,
}

/// The directory of the fixtures.
pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference")
}

/// Every case of every `*.json` file of the fixture directory, in file order.
pub fn load_all() -> Result<Vec<Case>, String> {
    let dir = fixture_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        if doc["format"] != 1 {
            return Err(format!("{file}: unknown fixture format {}", doc["format"]));
        }
        let list = doc["cases"]
            .as_array()
            .ok_or_else(|| format!("{file}: no `cases` list"))?;
        for raw in list {
            let name = raw["name"].as_str().unwrap_or("?").to_string();
            cases.push(parse_case(&file, raw).map_err(|e| format!("{file}: case {name}: {e}"))?);
        }
    }
    Ok(cases)
}

fn string(raw: &Value, key: &str) -> Result<String, String> {
    raw[key]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("field `{key}` missing or not a string"))
}

fn list<'a>(raw: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    raw[key]
        .as_array()
        .ok_or_else(|| format!("field `{key}` missing or not a list"))
}

fn parse_case(file: &str, raw: &Value) -> Result<Case, String> {
    let input_types: Vec<String> = list(raw, "input_types")?
        .iter()
        .map(|t| {
            t.as_str()
                .map(str::to_string)
                .ok_or("input type not a string")
        })
        .collect::<Result<_, _>>()?;
    let params = list(raw, "params")?;
    if params.len() != input_types.len() {
        return Err("`params` and `input_types` differ in length".into());
    }
    for (param, ty) in params.iter().zip(&input_types) {
        let kind = param["kind"].as_str().unwrap_or("?");
        let is_scalar = ndim_of(ty)? == 0;
        if (kind == "scalar") != is_scalar {
            return Err(format!("param kind {kind} does not match its type {ty}"));
        }
    }
    let per_param = |key: &str| -> Result<Vec<Val>, String> {
        let values = list(raw, key)?;
        if values.len() != input_types.len() {
            return Err(format!(
                "`{key}` has {} values for {} params",
                values.len(),
                input_types.len()
            ));
        }
        values
            .iter()
            .zip(&input_types)
            .map(|(v, ty)| to_val(v, ty).map_err(|e| format!("{key}: {e}")))
            .collect()
    };
    let output_type = string(raw, "output_type")?;
    let per_output = |key: &str| to_val(&raw[key], &output_type).map_err(|e| format!("{key}: {e}"));
    let tolerance = raw["tolerance"]
        .as_f64()
        .ok_or("field `tolerance` missing or not a number")?;
    Ok(Case {
        file: file.to_string(),
        name: string(raw, "name")?,
        family: string(raw, "family")?,
        function: string(raw, "function")?,
        reference: string(raw, "reference")?,
        tolerance,
        scalar_output: ndim_of(&output_type)? == 0,
        inputs: per_param("inputs")?,
        tangents: per_param("tangents")?,
        output: per_output("output")?,
        jvp: per_output("jvp")?,
        cotangent: per_output("cotangent")?,
        vjp: per_param("vjp")?,
    })
}

/// The number of dimensions of an Awkward type: `float64` 0, `5 * var * float64` 2.
fn ndim_of(ty: &str) -> Result<usize, String> {
    let parts: Vec<&str> = ty.split(" * ").collect();
    if parts.last() != Some(&"float64") {
        return Err(format!("unsupported type {ty}"));
    }
    Ok(parts.len() - 1)
}

/// A number of the fixtures: finite numbers, or the strings for non-finite values.
fn number(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("bad number {n}")),
        Value::String(s) if s == "NaN" => Ok(f64::NAN),
        Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
        Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
        other => Err(format!("expected a number, got {other}")),
    }
}

/// Converts a fixture value of Awkward type `ty` (its depth is taken from the type, which
/// the JSON of an empty array cannot tell).
fn to_val(v: &Value, ty: &str) -> Result<Val, String> {
    let ndim = ndim_of(ty)?;
    if ndim == 0 {
        return number(v).map(Val::Scalar);
    }
    let mut levels: Vec<Vec<i64>> = vec![vec![0]; ndim - 1];
    let mut content = Vec::new();
    walk(v, 0, ndim, &mut levels, &mut content)?;
    let outer_len = match levels.first() {
        Some(level) => level.len() - 1,
        None => content.len(),
    };
    let declared: usize = ty
        .split(" * ")
        .next()
        .unwrap()
        .parse()
        .map_err(|_| format!("bad type {ty}"))?;
    if declared != outer_len {
        return Err(format!("type {ty} but {outer_len} outer elements"));
    }
    let structure = Structure::new(levels, content.len()).map_err(|e| e.to_string())?;
    Array::from_parts(structure, content)
        .map(Val::Array)
        .map_err(|e| e.to_string())
}

/// Fills the offsets of `levels[level..]` and the content from the nested lists `v`.
fn walk(
    v: &Value,
    level: usize,
    ndim: usize,
    levels: &mut [Vec<i64>],
    content: &mut Vec<f64>,
) -> Result<(), String> {
    let items = v
        .as_array()
        .ok_or_else(|| format!("expected a list at depth {level}, got {v}"))?;
    if level + 1 == ndim {
        for item in items {
            content.push(number(item)?);
        }
        return Ok(());
    }
    for item in items {
        walk(item, level + 1, ndim, levels, content)?;
        let below = if level + 2 == ndim {
            content.len()
        } else {
            levels[level + 1].len() - 1
        };
        levels[level].push(below as i64);
    }
    Ok(())
}

/// Compares one value with the tolerance of `tools/reference/README.md`:
/// `|got - want| <= tol * max(1, |want|)`, NaN equal to NaN, infinities exactly, and the
/// same structure (every offsets buffer equal).
pub fn compare(what: &str, got: &Val, want: &Val, tol: f64) -> Result<(), String> {
    match (got, want) {
        (Val::Scalar(g), Val::Scalar(w)) => close(*g, *w, tol).map_err(|e| format!("{what}: {e}")),
        (Val::Array(g), Val::Array(w)) => {
            if !g.structure().same_as(w.structure()) {
                return Err(format!(
                    "{what}: structure differs: got {} {}, want {} {}",
                    g.type_str(),
                    g.to_json(),
                    w.type_str(),
                    w.to_json()
                ));
            }
            for (i, (a, b)) in g.content().iter().zip(w.content()).enumerate() {
                close(*a, *b, tol).map_err(|e| {
                    format!(
                        "{what}: content[{i}]: {e}; got {}, want {}",
                        g.to_json(),
                        w.to_json()
                    )
                })?;
            }
            Ok(())
        }
        (Val::Array(g), Val::Scalar(_)) => Err(format!(
            "{what}: got an array of type {}, want a scalar",
            g.type_str()
        )),
        (Val::Scalar(_), Val::Array(w)) => Err(format!(
            "{what}: got a scalar, want an array of type {}",
            w.type_str()
        )),
    }
}

fn close(got: f64, want: f64, tol: f64) -> Result<(), String> {
    let ok = if want.is_nan() {
        got.is_nan()
    } else if want.is_infinite() {
        got == want
    } else {
        (got - want).abs() <= tol * want.abs().max(1.0)
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "got {got:?}, want {want:?} (tolerance {tol:e} relative)"
        ))
    }
}
