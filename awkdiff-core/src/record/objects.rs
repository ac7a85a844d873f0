//! Records through serde, as lists of objects: what Awkward's `ak.to_list` and `ak.to_json`
//! give for a record array (`[[{"pt": 50.0, "eta": 0.5}], []]`), one key per field. The
//! derive's `Serialize`/`Deserialize` impls and [`RecordOps::from_json`] call [`serialize`]
//! and [`deserialize`]; serializing to JSON gives the text of [`RecordOps::to_json`].
//!
//! Reading is the streaming walk of arrays (the `read` module) with objects as its leaves:
//! each field's values are collected as the objects arrive, the lists once for all fields,
//! so the fields share their lists by construction. An object with a field missing, a field
//! the struct does not have, a field twice, or a value of the wrong type is an error naming
//! the field and the record's position (`[2][0]`), and so is anything but an object below
//! the lists, or items of different depths.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use super::{Field, FieldSource, Record};
use crate::element::{Element, Tagged};
use crate::error::{Error, Result};
use crate::json::SerializeLeaf;
use crate::layout::{Array, Structure};
use crate::read::{quoted, tagged_from_json, Leaf, Leaves, Walk};

/// Serializes a record collection as nested sequences of maps, one entry per field in
/// declaration order: `[[{"pt": 50.0, "eta": 0.5}], []]` in JSON. Non-finite floats are
/// `"nan"`, `"inf"`, `"-inf"` in human-readable formats, as in [`RecordOps::to_json`].
///
/// ```
/// use awkdiff_core::{array, record::{self, Field, FieldSource, MapField, Record}, Array, Result};
/// #[derive(Clone)]
/// struct Muons { pt: Array<f64> }
/// impl Record for Muons {
///     const NAME: &'static str = "Muons";
///     const FIELDS: &'static [&'static str] = &["pt"];
///     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt] }
///     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { Ok(Muons { pt: m.map("pt", &self.pt)? }) }
///     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> { Ok(Muons { pt: s.field("pt")? }) }
/// }
/// let muons = Muons { pt: array![[25.0], []] };
/// let mut out = Vec::new();
/// record::serialize(&muons, &mut serde_json::Serializer::new(&mut out)).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), r#"[[{"pt":25.0}],[]]"#);
/// ```
///
/// [`RecordOps::to_json`]: super::RecordOps::to_json
pub fn serialize<R: Record, S: Serializer>(record: &R, serializer: S) -> Result<S::Ok, S::Error> {
    let fields = record.fields();
    let structure = fields[0].structure();
    ObjectLists {
        names: R::FIELDS,
        fields: &fields,
        structure,
        depth: 0,
        lo: 0,
        hi: structure.len(),
    }
    .serialize(serializer)
}

/// Entries `lo..hi` of level `depth` of a record collection, as one sequence.
struct ObjectLists<'a> {
    names: &'static [&'static str],
    fields: &'a [&'a dyn Field],
    structure: &'a Structure,
    depth: usize,
    lo: usize,
    hi: usize,
}

impl Serialize for ObjectLists<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let readable = serializer.is_human_readable();
        let mut seq = serializer.serialize_seq(Some(self.hi - self.lo))?;
        if self.depth == self.structure.depth() {
            for i in self.lo..self.hi {
                seq.serialize_element(&Object {
                    names: self.names,
                    fields: self.fields,
                    i,
                    readable,
                })?;
            }
        } else {
            let offsets = self.structure.offsets(self.depth);
            for i in self.lo..self.hi {
                seq.serialize_element(&ObjectLists {
                    depth: self.depth + 1,
                    lo: offsets[i] as usize,
                    hi: offsets[i + 1] as usize,
                    ..*self
                })?;
            }
        }
        seq.end()
    }
}

/// Record `i`: one map entry per field.
struct Object<'a> {
    names: &'static [&'static str],
    fields: &'a [&'a dyn Field],
    i: usize,
    readable: bool,
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.names.len()))?;
        for (name, field) in self.names.iter().zip(self.fields) {
            let value = SerializeLeaf {
                value: field.value(self.i),
                readable: self.readable,
            };
            map.serialize_entry(name, &value)?;
        }
        map.end()
    }
}

/// Deserializes a record collection from nested sequences of maps (any self-describing
/// format), the depth inferred from the data as for arrays: the fields' values are
/// collected as the objects arrive, the lists once for all fields. An object with a field
/// missing, one the struct does not have, a field twice or a value of the wrong type is an
/// error naming the field and the record's position (`[2][0]`); so is anything but an
/// object below the lists, or items of different depths.
///
/// ```
/// use awkdiff_core::{array, record::{self, Field, FieldSource, MapField, Record}, Array, Result};
/// #[derive(Clone, Debug, PartialEq)]
/// struct Muons { pt: Array<f64>, charge: Array<i64> }
/// impl Record for Muons {
///     const NAME: &'static str = "Muons";
///     const FIELDS: &'static [&'static str] = &["pt", "charge"];
///     fn fields(&self) -> Vec<&dyn Field> { vec![&self.pt, &self.charge] }
///     fn try_map_fields<M: MapField>(&self, m: &M) -> Result<Self> { unimplemented!() }
///     fn try_from_fields<S: FieldSource>(s: &mut S) -> Result<Self> {
///         Ok(Muons { pt: s.field("pt")?, charge: s.field("charge")? })
///     }
/// }
/// let text = r#"[[{"pt": 25, "charge": -1}], []]"#;
/// let muons: Muons = record::deserialize(&mut serde_json::Deserializer::from_str(text)).unwrap();
/// assert_eq!(muons, Muons { pt: array![[25.0], []], charge: array![[-1i64], []] });
///
/// let text = r#"[[{"pt": 25}]]"#;
/// let err = record::deserialize::<Muons, _>(&mut serde_json::Deserializer::from_str(text));
/// assert_eq!(
///     err.unwrap_err().to_string(),
///     "the record at [0][0] has no field `charge` (`Muons` has the fields pt, charge) \
///      at line 1 column 12"
/// );
/// ```
pub fn deserialize<'de, R: Record, D: Deserializer<'de>>(deserializer: D) -> Result<R, D::Error> {
    let mut walk = Walk::with_leaves(
        "deserialize",
        Objects::of::<R>().map_err(de::Error::custom)?,
    );
    let info = walk.read(deserializer)?;
    let (levels, objects) = walk.into_parts(info);
    objects.finish(levels).map_err(de::Error::custom)
}

/// Reads records from JSON text ([`RecordOps::from_json`]).
///
/// [`RecordOps::from_json`]: super::RecordOps::from_json
pub(crate) fn from_json<R: Record>(text: &str) -> Result<R> {
    let mut walk = Walk::with_leaves("from_json", Objects::of::<R>()?);
    let info = walk.read_json(text)?;
    let (levels, objects) = walk.into_parts(info);
    objects.finish(levels)
}

/// The leaves of a walk over records: each field's values, in the order of the record's
/// fields, as the objects arrive.
struct Objects {
    record: &'static str,
    names: &'static [&'static str],
    /// The element type of each field (`float64`, ...).
    types: Vec<&'static str>,
    columns: Vec<Vec<Tagged>>,
    /// Which fields the object being read has given so far.
    seen: Vec<bool>,
    /// Objects read.
    count: usize,
}

impl Objects {
    /// Empty columns for the fields of `R`, their types learned from `R` itself: it is
    /// built once from empty fields, which reports the type it asks each field for.
    fn of<R: Record>() -> Result<Objects> {
        let mut probe = TypeProbe {
            names: R::FIELDS,
            types: vec![None; R::FIELDS.len()],
        };
        R::try_from_fields(&mut probe)?;
        let types = R::FIELDS
            .iter()
            .zip(probe.types)
            .map(|(name, ty)| {
                ty.ok_or_else(|| Error::Invalid {
                    op: "deserialize".into(),
                    reason: format!(
                        "`{}::try_from_fields` does not read its field `{name}`",
                        R::NAME
                    ),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Objects {
            record: R::NAME,
            names: R::FIELDS,
            columns: vec![Vec::new(); types.len()],
            seen: vec![false; types.len()],
            types,
            count: 0,
        })
    }

    /// `pt, eta, phi`.
    fn field_list(&self) -> String {
        self.names.join(", ")
    }

    /// The record of `R` over the lists `levels` and the values read.
    fn finish<R: Record>(self, levels: Vec<Vec<i64>>) -> Result<R> {
        let structure = Structure::new(levels, self.count)?;
        R::try_from_fields(&mut Columns {
            names: self.names,
            structure,
            columns: self.columns,
        })
    }

    /// Reads the entries of one object at `at`.
    fn read_object<'de, A: MapAccess<'de>>(
        &mut self,
        mut map: A,
        at: &str,
    ) -> std::result::Result<Result<()>, A::Error> {
        let json = |reason: String| Ok(Err(Error::Json { reason }));
        self.seen.fill(false);
        while let Some(key) = map.next_key_seed(Key { names: self.names })? {
            let index = match key {
                Ok(index) => index,
                Err(unknown) => {
                    return json(format!(
                        "the record at {at} has a field {unknown} that `{}` does not have (its \
                         fields: {})",
                        self.record,
                        self.field_list()
                    ));
                }
            };
            let name = self.names[index];
            if self.seen[index] {
                return json(format!("the record at {at} has the field `{name}` twice"));
            }
            self.seen[index] = true;
            match map.next_value_seed(Value {
                type_name: self.types[index],
            })? {
                Ok(value) => self.columns[index].push(value),
                Err((expected, found)) => {
                    return json(format!(
                        "field `{name}` of the record at {at}: expected {expected}, found \
                         {found}"
                    ));
                }
            }
        }
        if let Some(missing) = self.seen.iter().position(|seen| !seen) {
            return json(format!(
                "the record at {at} has no field `{}` (`{}` has the fields {})",
                self.names[missing],
                self.record,
                self.field_list()
            ));
        }
        self.count += 1;
        Ok(Ok(()))
    }
}

impl Leaves for Objects {
    fn depths(&self) -> &'static str {
        "0 for a record, 1 for a list of records, ..."
    }

    fn leaf(&mut self, leaf: Leaf<'_>, at: &str) -> Result<()> {
        Err(Error::Json {
            reason: format!(
                "expected a record of `{}` (an object with the fields {}) at {at}, found {}",
                self.record,
                self.field_list(),
                leaf.describe()
            ),
        })
    }

    fn object<'de, A: MapAccess<'de>>(
        &mut self,
        map: A,
        at: &str,
    ) -> std::result::Result<Result<()>, A::Error> {
        self.read_object(map, at)
    }
}

/// The element type each field of a record is asked for by its `try_from_fields`.
struct TypeProbe {
    names: &'static [&'static str],
    types: Vec<Option<&'static str>>,
}

impl FieldSource for TypeProbe {
    fn field<U: Element>(&mut self, name: &str) -> Result<Array<U>> {
        if let Some(index) = self.names.iter().position(|field| *field == name) {
            self.types[index] = Some(U::TYPE_NAME);
        }
        Ok(Array::from_vec(Vec::new()))
    }
}

/// The columns read, given to the record's `try_from_fields` by name.
struct Columns {
    names: &'static [&'static str],
    structure: Structure,
    columns: Vec<Vec<Tagged>>,
}

impl FieldSource for Columns {
    fn field<U: Element>(&mut self, name: &str) -> Result<Array<U>> {
        let index = self.names.iter().position(|field| *field == name);
        let values: Option<Vec<U>> = index.and_then(|index| {
            std::mem::take(&mut self.columns[index])
                .into_iter()
                .map(U::from_tagged)
                .collect()
        });
        let values = values.ok_or_else(|| Error::Invalid {
            op: "deserialize".into(),
            reason: format!("no column of {} for the field `{name}`", U::TYPE_NAME),
        })?;
        Array::from_parts(self.structure.clone(), values)
    }
}

/// An object's key, as the index of the record's field of that name, or the name quoted
/// when the record has no such field.
struct Key {
    names: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = std::result::Result<usize, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = std::result::Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self
            .names
            .iter()
            .position(|name| *name == key)
            .ok_or_else(|| quoted(key)))
    }
}

/// A field's value, read as the field's element type (`type_name`): the value, or what
/// was expected and what was found.
struct Value {
    type_name: &'static str,
}

type ValueRead = std::result::Result<Tagged, (&'static str, String)>;

impl Value {
    fn leaf<E>(self, leaf: Leaf<'_>) -> Result<ValueRead, E> {
        Ok(tagged_from_json(self.type_name, &leaf.to_value())
            .map_err(|expected| (expected, leaf.describe())))
    }

    /// What a value of the field's type is, for a value that is a list or an object.
    fn expected(&self) -> &'static str {
        tagged_from_json(self.type_name, &serde_json::Value::Null)
            .err()
            .unwrap_or("a value of the field's type")
    }
}

impl<'de> DeserializeSeed<'de> for Value {
    type Value = ValueRead;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ValueRead, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Value {
    type Value = ValueRead;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expected())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ValueRead, E> {
        self.leaf(Leaf::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ValueRead, E> {
        self.leaf(Leaf::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ValueRead, E> {
        self.leaf(Leaf::U64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ValueRead, E> {
        self.leaf(Leaf::F64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ValueRead, E> {
        self.leaf(Leaf::Str(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<ValueRead, E> {
        self.leaf(Leaf::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<ValueRead, E> {
        self.leaf(Leaf::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ValueRead, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err((self.expected(), "a list".into())))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ValueRead, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err((self.expected(), "an object".into())))
    }
}
