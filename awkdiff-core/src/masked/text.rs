//! [`Masked`] as text: printed as Awkward prints an option type (`None` for a missing entry),
//! and JSON in and out with `null` for a missing entry (`ak.to_json`, `ak.from_json`).

use std::fmt;

use super::Masked;
use crate::display::{fmt_element, one_line, show_text};
use crate::element::Element;
use crate::error::Result;
use crate::json::write_element;
use crate::read::Walk;

impl<T: Element> Masked<T> {
    /// The text of leaf `i`: the value as Awkward prints it, or `None`.
    fn leaf_text(&self, i: usize) -> (i64, String) {
        let mut out = String::new();
        if self.validity().content()[i] {
            fmt_element(self.values().content()[i].tagged(), &mut out);
        } else {
            out.push_str("None");
        }
        (out.len() as i64, out)
    }

    /// The array as Awkward's notebook display prints it (see [`Array::show`](crate::Array::show)),
    /// `None` for a missing entry; `nbytes` as [`Masked::nbytes`] counts them.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(
    ///     x.mask(&x.gt(2.0)).show(),
    ///     "[[None, 2.2, 3.3],\n [],\n [4.4, 5.5]]\n------------------\nnbytes: 77 B\ntype: 3 * var * ?float64"
    /// );
    /// ```
    pub fn show(&self) -> String {
        show_text(
            self.structure(),
            &|i, _| self.leaf_text(i),
            self.nbytes(),
            &self.type_str(),
        )
    }

    /// Writes the array as JSON nested lists with `null` for a missing entry, as
    /// `ak.to_json` does: `[[null,2.2,3.3],[],[4.4,5.5]]`. Values are written as
    /// [`Array::to_json`](crate::Array::to_json) writes them.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.1, 2.2, 3.3], [], [4.4, 5.5]];
    /// assert_eq!(x.mask(&x.gt(2.0)).to_json(), "[[null,2.2,3.3],[],[4.4,5.5]]");
    /// assert_eq!(x.max_or_none(-1).to_json(), "[3.3,null,5.5]");
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.values().content().len() * 8 + 2);
        self.write_json_level(0, 0, self.len(), &mut out);
        out
    }

    fn write_json_level(&self, depth: usize, lo: usize, hi: usize, out: &mut String) {
        out.push('[');
        let structure = self.structure();
        for i in lo..hi {
            if i > lo {
                out.push(',');
            }
            if depth == structure.depth() {
                if self.validity().content()[i] {
                    write_element(self.values().content()[i].tagged(), out);
                } else {
                    out.push_str("null");
                }
            } else {
                let offsets = structure.offsets(depth);
                let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
                self.write_json_level(depth + 1, start, end, out);
            }
        }
        out.push(']');
    }

    /// Reads JSON nested lists whose leaves are numbers (as
    /// [`Array::from_json`](crate::Array::from_json) reads them) or `null` for a missing
    /// entry, as `ak.from_json` reads `[[1.1, null], [], [3.3]]` into `3 * var * ?float64`.
    /// `null` where a list is expected (a missing list, Awkward's `option[var * ...]`) is an
    /// [`Error::Json`](crate::Error::Json) saying where; so is anything `Array::from_json`
    /// rejects.
    ///
    /// ```
    /// use awkdiff_core::{Error, Masked};
    /// let x = Masked::<f64>::from_json("[[1.1, null], [], [3.3]]").unwrap();
    /// assert_eq!(x.type_str(), "3 * var * ?float64");
    /// assert_eq!(x.to_json(), "[[1.1,null],[],[3.3]]");
    /// let err = Masked::<f64>::from_json("[[1.1], null]").unwrap_err();
    /// assert!(matches!(err, Error::Json { .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid JSON array: item at [1] has depth 0, but the items before it have depth 1 \
    ///      (every item must have the same depth: 0 for a number, 1 for a list of numbers, \
    ///      ...; null stands for a missing number, a whole list cannot be missing)"
    /// );
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let mut walk = Walk::with_nulls("Masked::from_json");
        let info = walk.read_json(text)?;
        let (values, validity) = walk.finish_with_validity(info)?;
        let valid = values.with_content(validity);
        Ok(Masked::from_parts(values, valid))
    }
}

impl<T: Element> fmt::Display for Masked<T> {
    /// Awkward's `str(array)`: one line of at most 80 columns, `None` for a missing entry.
    ///
    /// ```
    /// use awkdiff_core::array;
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].firsts().to_string(), "[1, None, 3]");
    /// assert_eq!(array![[1.0, 2.0], [], [3.0]].pad_none(2, true).to_string(), "[[1, 2], [None, None], [3, None]]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&one_line(self.structure(), &|i, _| self.leaf_text(i)))
    }
}

impl<T: Element> fmt::Debug for Masked<T> {
    /// The same text as [`Masked::show`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show())
    }
}
