//! Printing arrays as Awkward Array 2.x prints them.
//!
//! - `Display` is `str(ak.Array(...))`: one line of at most 80 columns, long lists elided
//!   with `...` (the same algorithm as Awkward's `prettyprint.valuestr_horiz`: items are
//!   taken alternately from the front and the back while they fit).
//! - [`Array::show`] and `Debug` are the text of Awkward's notebook display (the seed's
//!   printouts): the value one outer item per line (at most 20 lines), a line of dashes,
//!   `nbytes: ...` and `type: ...`. Awkward also prints a `backend: cpu` line; awkdiff has
//!   a single backend, so that line is left out. For an empty array Awkward prints an
//!   empty line; awkdiff prints `[]` (and `--`) there instead.
//!
//! Floats are printed as NumPy's `f"{x:.3g}"` (Awkward's default precision 3): `1`, `0.333`,
//! `1.23e+05`, `1e-05`, `nan`, `-inf`. Booleans are `True`/`False`.

use std::fmt::{self, Write};

use crate::element::{Element, Tagged};
use crate::layout::Array;

/// Awkward's default line width for `str()` and `show()`.
const LIMIT_COLS: i64 = 80;
/// Awkward's default number of lines for `show()`.
const LIMIT_ROWS: usize = 20;
/// Significant digits of floats (Awkward's default `precision=3`).
const PRECISION: i32 = 3;

impl<T: Element> fmt::Display for Array<T> {
    /// Awkward's `str(array)`: one line of at most 80 columns, long lists elided.
    ///
    /// ```
    /// use awkdiff_core::{array, Array};
    /// assert_eq!(array![[1.0, 2.0, 3.0], [], [4.0, 5.0]].to_string(), "[[1, 2, 3], [], [4, 5]]");
    /// assert_eq!(Array::from_vec(vec![1.0 / 3.0, 1e20]).to_string(), "[0.333, 1e+20]");
    /// let long = Array::from_vec((0..100).map(|i| i as f64).collect());
    /// assert_eq!(
    ///     long.to_string(),
    ///     "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ..., 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let top = Node::List {
            depth: 0,
            lo: 0,
            hi: self.len(),
        };
        f.write_str(&horizontal(self, top, LIMIT_COLS).1)
    }
}

impl<T: Element> fmt::Debug for Array<T> {
    /// The same text as [`Array::show`].
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(format!("{x:?}"), x.show());
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show())
    }
}

impl<T: Element> Array<T> {
    /// The array as Awkward's notebook display prints it (the seed's printouts): the value
    /// with one outer item per line (at most 20 lines, the middle elided with `...`), a line
    /// of dashes as wide as the widest value line, then `nbytes` and `type` (Awkward's
    /// `backend: cpu` line is left out: awkdiff has one backend).
    ///
    /// ```
    /// use awkdiff_core::array;
    /// let x = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
    /// assert_eq!(
    ///     x.show(),
    ///     "[[1, 2, 3],\n [],\n [4, 5]]\n-----------\nnbytes: 72 B\ntype: 3 * var * float64"
    /// );
    /// ```
    pub fn show(&self) -> String {
        let value = self.value_lines();
        let width = value.lines().map(str::len).max().unwrap_or(0);
        let mut type_line = format!("type: {}", self.type_str());
        if type_line.len() > LIMIT_COLS as usize {
            type_line.truncate(LIMIT_COLS as usize - 3);
            type_line.push_str("...");
        }
        format!(
            "{value}\n{}\nnbytes: {}\n{type_line}",
            "-".repeat(width),
            bytes_words(self.nbytes())
        )
    }

    /// Awkward's multi-line `valuestr` (`limit_rows = 20`, `limit_cols = 80`).
    fn value_lines(&self) -> String {
        let n = self.len();
        if n == 0 {
            return "[]".into();
        }
        let mut front = Vec::new();
        let mut back = Vec::new();
        let mut shown = 0;
        for (forward, index) in Alternate::new(n) {
            let (_, text) = horizontal(self, self.node(0, index), LIMIT_COLS - 2);
            if forward {
                front.push(text);
            } else {
                back.push(text);
            }
            shown += 1;
            if shown >= LIMIT_ROWS {
                break;
            }
        }
        back.reverse();
        if shown != n {
            back[0] = "...".into();
        }
        let lines: Vec<String> = front.into_iter().chain(back).collect();
        let last = lines.len() - 1;
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            out.push_str(if i == 0 { "[" } else { " " });
            out.push_str(line);
            out.push_str(if i == last { "]" } else { ",\n" });
        }
        out
    }

    /// Entry `index` of level `depth`: a list when `depth` is above the content, else a leaf.
    fn node(&self, depth: usize, index: usize) -> Node {
        if depth == self.structure().depth() {
            Node::Leaf(index)
        } else {
            let offsets = self.offsets(depth);
            Node::List {
                depth: depth + 1,
                lo: offsets[index] as usize,
                hi: offsets[index + 1] as usize,
            }
        }
    }
}

/// A value to print: a list of the entries `lo..hi` of level `depth`, or one leaf.
#[derive(Clone, Copy)]
enum Node {
    List { depth: usize, lo: usize, hi: usize },
    Leaf(usize),
}

/// Awkward's `valuestr_horiz`: the text of `node` within `limit` columns, and the columns it
/// takes (which may exceed `limit` for a list of one item, as in Awkward).
fn horizontal<T: Element>(array: &Array<T>, node: Node, limit: i64) -> (i64, String) {
    let (depth, lo, hi) = match node {
        Node::Leaf(index) => {
            let mut out = String::new();
            fmt_element(array.content()[index].tagged(), &mut out);
            return (out.len() as i64, out);
        }
        Node::List { depth, lo, hi } => (depth, lo, hi),
    };
    let original = limit;
    let mut limit = limit - 2;
    let n = hi - lo;
    if n == 0 {
        return (2, "[]".into());
    }
    if n == 1 {
        let (cols, text) = horizontal(array, array.node(depth, lo), limit);
        return (2 + cols, format!("[{text}]"));
    }
    limit -= 5; // room for ", ..."
    let mut front = String::from("[");
    let mut back: Vec<String> = Vec::new();
    let mut shown = 0;
    for (forward, index) in Alternate::new(n) {
        let item = array.node(depth, lo + index);
        if forward {
            let comma = if shown == 0 { 0 } else { 2 };
            let (cols, text) = horizontal(array, item, limit - comma);
            if limit - (comma + cols) < 0 {
                break;
            }
            if shown != 0 {
                front.push_str(", ");
                limit -= 2;
            }
            front.push_str(&text);
            limit -= cols;
        } else {
            let (cols, text) = horizontal(array, item, limit - 2);
            if limit - (2 + cols) < 0 {
                break;
            }
            back.push(text);
            limit -= 2 + cols;
        }
        shown += 1;
    }
    if shown == 0 {
        front.push_str("...");
        limit -= 3;
    } else if shown != n {
        front.push_str(", ...");
        limit -= 5;
    }
    limit += 5;
    for text in back.iter().rev() {
        front.push_str(", ");
        front.push_str(text);
    }
    front.push(']');
    (original - limit, front)
}

/// Awkward's `alternate`: indices `0, n-1, 1, n-2, ...` with `true` for those from the front.
struct Alternate {
    next_front: usize,
    front_end: usize,
    next_back: usize,
    going_forward: bool,
    going_backward: bool,
    turn_front: bool,
}

impl Alternate {
    fn new(n: usize) -> Self {
        let half = n.div_ceil(2);
        Alternate {
            next_front: 0,
            front_end: half,
            next_back: n,
            going_forward: true,
            going_backward: true,
            turn_front: true,
        }
    }
}

impl Iterator for Alternate {
    type Item = (bool, usize);
    fn next(&mut self) -> Option<(bool, usize)> {
        loop {
            if !self.going_forward && !self.going_backward {
                return None;
            }
            let front = self.turn_front;
            self.turn_front = !self.turn_front;
            if front && self.going_forward {
                if self.next_front < self.front_end {
                    self.next_front += 1;
                    return Some((true, self.next_front - 1));
                }
                self.going_forward = false;
            } else if !front && self.going_backward {
                if self.next_back > self.front_end {
                    self.next_back -= 1;
                    return Some((false, self.next_back));
                }
                self.going_backward = false;
            }
        }
    }
}

/// Awkward's `bytes_repr`: `72 B`, `3.7 kB`, `1.2 MB`, `1,234.5 GB`.
fn bytes_words(nbytes: usize) -> String {
    let n = nbytes as f64;
    let (value, unit) = if n > 1e9 {
        (n / 1e9, "GB")
    } else if n > 1e6 {
        (n / 1e6, "MB")
    } else if n > 1e3 {
        (n / 1e3, "kB")
    } else {
        return format!("{} B", with_commas(&nbytes.to_string()));
    };
    let text = format!("{value:.1}");
    let (int, frac) = text.split_at(text.find('.').unwrap_or(text.len()));
    format!("{}{frac} {unit}", with_commas(int))
}

/// `1234567` as `1,234,567`.
fn with_commas(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes one value the way Awkward prints it in a list (`1`, `0.333`, `True`, `-inf`).
fn fmt_element(value: Tagged, out: &mut String) {
    match value {
        Tagged::F64(v) => fmt_g3(v, out),
        Tagged::F32(v) => fmt_g3(v as f64, out),
        Tagged::Bool(v) => out.push_str(if v { "True" } else { "False" }),
        Tagged::I64(v) => out.push_str(&v.to_string()),
    }
}

/// Writes `value` as Python's `f"{value:.3g}"`: 3 significant digits, trailing zeros and a
/// trailing point removed, exponent form (`1.23e+05`, `1e-05`) when the decimal exponent is
/// below -4 or at least 3; `nan`, `inf`, `-inf`.
fn fmt_g3(value: f64, out: &mut String) {
    if value.is_nan() {
        out.push_str("nan");
        return;
    }
    if value.is_infinite() {
        out.push_str(if value > 0.0 { "inf" } else { "-inf" });
        return;
    }
    // Round to PRECISION significant digits first (exactly, ties to even, as Python does):
    // the exponent of the rounded value decides between fixed and exponent form.
    let sci = format!("{:.*e}", (PRECISION - 1) as usize, value);
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..PRECISION).contains(&exponent) {
        let decimals = (PRECISION - 1 - exponent) as usize;
        let start = out.len();
        let _ = write!(out, "{value:.decimals$}");
        strip_zeros(out, start);
    } else {
        let start = out.len();
        out.push_str(mantissa);
        strip_zeros(out, start);
        let sign = if exponent < 0 { '-' } else { '+' };
        let _ = write!(out, "e{sign}{:02}", exponent.abs());
    }
}

/// Removes trailing zeros after a decimal point, and then the point, from `out[start..]`.
fn strip_zeros(out: &mut String, start: usize) {
    if out[start..].contains('.') {
        let trimmed = out.trim_end_matches('0').len();
        out.truncate(trimmed);
        if out.ends_with('.') {
            out.pop();
        }
    }
}
