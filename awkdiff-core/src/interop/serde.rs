//! `Serialize` and `Deserialize` for [`Array`], behind the cargo feature `serde`.
//!
//! An array is serialized as nested sequences, the shape [`Array::to_json`] writes:
//! `[[1.0, 2.0, 3.0], [], [4.0, 5.0]]`. In human-readable formats NaN and the infinities
//! are the strings `"nan"`, `"inf"` and `"-inf"` (as in `to_json`, since JSON has no such
//! numbers); other formats get the floats themselves.
//!
//! A [`Masked`] array is serialized the same way with `None` (`null` in JSON) for a missing
//! entry, and read back from it.
//!
//! Deserializing is the same streaming walk as [`Array::from_json`], with the same rules and
//! messages: nested sequences of numbers (integers accepted for floats; `"nan"`, `"inf"`,
//! `"-inf"` too), empty lists at any level, one depth throughout, at most
//! [`MAX_DEPTH`](crate::MAX_DEPTH) lists deep; the depth is inferred from the data. A
//! finite number that overflows `f32` is an error (numbers too small round to 0, as in
//! NumPy). The error says what was expected and where (`[2][0]`). It needs a
//! self-describing format (JSON, YAML, CBOR, MessagePack...), since the depth is not known
//! in advance.
//!
//! ```
//! use awkdiff_core::{array, Array};
//! let x: Array<f64> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
//! let text = serde_json::to_string(&x).unwrap();
//! assert_eq!(text, "[[1.0,2.0,3.0],[],[4.0,5.0]]");
//! assert_eq!(serde_json::from_str::<Array<f64>>(&text).unwrap(), x);
//! let err = serde_json::from_str::<Array<f64>>("[[1.0], 2.0]").unwrap_err();
//! assert!(err.to_string().starts_with("item at [1] has depth 0, but the items before it have depth 1"));
//! ```

use serde::de;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::element::Element;
use crate::json::SerializeLeaf;
use crate::layout::Array;
use crate::masked::Masked;
use crate::read::Walk;

impl<T: Element> Serialize for Array<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Lists {
            array: self,
            depth: 0,
            lo: 0,
            hi: self.len(),
        }
        .serialize(serializer)
    }
}

/// Entries `lo..hi` of level `depth` of an array, serialized as one sequence.
struct Lists<'a, T> {
    array: &'a Array<T>,
    depth: usize,
    lo: usize,
    hi: usize,
}

impl<T: Element> Serialize for Lists<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let readable = serializer.is_human_readable();
        let mut seq = serializer.serialize_seq(Some(self.hi - self.lo))?;
        if self.depth == self.array.structure().depth() {
            for &value in &self.array.content()[self.lo..self.hi] {
                seq.serialize_element(&SerializeLeaf {
                    value: value.tagged(),
                    readable,
                })?;
            }
        } else {
            let offsets = self.array.offsets(self.depth);
            for i in self.lo..self.hi {
                seq.serialize_element(&Lists {
                    array: self.array,
                    depth: self.depth + 1,
                    lo: offsets[i] as usize,
                    hi: offsets[i + 1] as usize,
                })?;
            }
        }
        seq.end()
    }
}

impl<'de, T: Element> Deserialize<'de> for Array<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut walk = Walk::new("deserialize");
        let info = walk.read(deserializer)?;
        walk.finish(info).map_err(de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------
// Masked arrays: the same nested sequences, a missing entry being `None` (`null` in JSON).

impl<T: Element> Serialize for Masked<T> {
    /// Nested sequences as for [`Array`], a missing entry serialized as `None` (`null` in
    /// JSON, as [`Masked::to_json`] writes it).
    ///
    /// ```
    /// use awkdiff_core::{array, Masked};
    /// let x = array![[1.0, 2.0], [], [3.0]].pad_none(2, true);
    /// let text = serde_json::to_string(&x).unwrap();
    /// assert_eq!(text, "[[1.0,2.0],[null,null],[3.0,null]]");
    /// assert_eq!(serde_json::from_str::<Masked<f64>>(&text).unwrap(), x);
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MaskedLists {
            masked: self,
            depth: 0,
            lo: 0,
            hi: self.len(),
        }
        .serialize(serializer)
    }
}

/// Entries `lo..hi` of level `depth` of a masked array, serialized as one sequence.
struct MaskedLists<'a, T> {
    masked: &'a Masked<T>,
    depth: usize,
    lo: usize,
    hi: usize,
}

impl<T: Element> Serialize for MaskedLists<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let readable = serializer.is_human_readable();
        let mut seq = serializer.serialize_seq(Some(self.hi - self.lo))?;
        let structure = self.masked.structure();
        if self.depth == structure.depth() {
            let values = &self.masked.values().content()[self.lo..self.hi];
            let valid = &self.masked.validity().content()[self.lo..self.hi];
            for (&value, &present) in values.iter().zip(valid) {
                seq.serialize_element(&present.then_some(SerializeLeaf {
                    value: value.tagged(),
                    readable,
                }))?;
            }
        } else {
            let offsets = structure.offsets(self.depth);
            for i in self.lo..self.hi {
                seq.serialize_element(&MaskedLists {
                    masked: self.masked,
                    depth: self.depth + 1,
                    lo: offsets[i] as usize,
                    hi: offsets[i + 1] as usize,
                })?;
            }
        }
        seq.end()
    }
}

impl<'de, T: Element> Deserialize<'de> for Masked<T> {
    /// The walk of [`Masked::from_json`]: `None` (`null`) in place of a leaf is a missing
    /// entry; anything else as for [`Array`].
    ///
    /// ```
    /// use awkdiff_core::Masked;
    /// let x: Masked<f64> = serde_json::from_str("[[1.5, null], []]").unwrap();
    /// assert_eq!(x.to_string(), "[[1.5, None], []]");
    /// assert!(serde_json::from_str::<Masked<f64>>("[null, [1.0]]").is_err());
    /// ```
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut walk = Walk::with_nulls("deserialize");
        let info = walk.read(deserializer)?;
        let (values, validity) = walk.finish_with_validity(info).map_err(de::Error::custom)?;
        let valid = values.with_content(validity);
        Masked::new(values, valid).map_err(de::Error::custom)
    }
}
