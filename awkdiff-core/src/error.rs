//! The one error type of awkdiff: every fallible operation returns [`Error`].

/// Everything that can go wrong with awkdiff arrays, with a message that says what and where.
///
/// ```
/// use awkdiff_core::{Array, Error};
/// let err = Array::from_offsets(vec![0, 2, 1], Array::from_vec(vec![1.0, 2.0])).unwrap_err();
/// assert!(matches!(err, Error::Offsets { .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid offsets: offsets[2] = 1 is less than offsets[1] = 2 (offsets must never decrease)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An offsets buffer that starts below 0, decreases, or ends past its content.
    #[error("invalid offsets: {reason}")]
    Offsets {
        /// What is wrong with the offsets, and at which position.
        reason: String,
    },
    /// Text that is not JSON, or JSON that is not nested lists of numbers of one depth (of
    /// records, for a record struct: then the message names the field and the record).
    #[error("invalid JSON array: {reason}")]
    Json {
        /// What is wrong, and where in the text.
        reason: String,
    },
    /// Two structures that cannot be broadcast against each other.
    #[error("cannot broadcast in `{op}`: {lhs} and {rhs}: {reason}")]
    Broadcast {
        /// The operation that was attempted (`add`, `mul`, ...).
        op: String,
        /// Type of the left operand, as `type_str()` gives it.
        lhs: String,
        /// Type of the right operand.
        rhs: String,
        /// Where the two structures disagree.
        reason: String,
    },
    /// Two values that must have the same structure do not
    /// (a tangent and its value, a mask and its array, ...).
    #[error("structure mismatch in {context}: expected {expected}, got {found}{detail}")]
    Structure {
        /// What was being checked (`tangent of parameter `x``, `filter mask`, ...).
        context: String,
        /// Type of the value the structure should match.
        expected: String,
        /// Type that was given.
        found: String,
        /// Where they first differ (empty, or starting with `: `).
        detail: String,
    },
    /// An axis outside the dimensions of an array.
    #[error("axis {axis} is out of range for an array of type {type_str} ({ndim} dimensions)")]
    Axis {
        /// The axis that was asked for.
        axis: isize,
        /// The array's type.
        type_str: String,
        /// The array's number of dimensions.
        ndim: usize,
    },
    /// An integer index past the end of a list (or an array).
    #[error("index {index} is out of range {place} (length {len})")]
    Index {
        /// The index that was asked for.
        index: i64,
        /// Which list (or `of the outermost dimension`).
        place: String,
        /// Length of that list.
        len: usize,
    },
    /// An argument whose value is not allowed (a zero slice step, a mask of the wrong type, ...).
    #[error("invalid argument to `{op}`: {reason}")]
    Invalid {
        /// The operation.
        op: String,
        /// What is wrong.
        reason: String,
    },
    /// An array that would have more than [`MAX_DEPTH`](crate::MAX_DEPTH) nested list
    /// (`var`) dimensions.
    ///
    /// ```
    /// use awkdiff_core::{Error, Structure, MAX_DEPTH};
    /// let err = Structure::new(vec![vec![0]; MAX_DEPTH + 1], 0).unwrap_err();
    /// assert_eq!(err, Error::Depth { op: "Structure::new".into(), depth: MAX_DEPTH + 1 });
    /// assert_eq!(
    ///     err.to_string(),
    ///     "array too deep in `Structure::new`: 101 nested list dimensions, more than \
    ///      MAX_DEPTH = 100"
    /// );
    /// ```
    #[error(
        "array too deep in `{op}`: {depth} nested list dimensions, more than MAX_DEPTH = {}",
        crate::MAX_DEPTH
    )]
    Depth {
        /// The operation (`from_json`, `Structure::new`, `from_offsets`, ...).
        op: String,
        /// The depth asked for; readers of nested text stop at the first list past the
        /// limit, so for them it is `MAX_DEPTH + 1` (the text may nest deeper still).
        depth: usize,
    },
}

/// At most this many characters of user data (a string leaf, a column name, a type) are
/// quoted in an error message; the rest is elided.
pub(crate) const QUOTE_LIMIT: usize = 64;

/// At most this many characters of another library's error message (which may quote the
/// data it failed on) are kept in ours.
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
pub(crate) const FOREIGN_MESSAGE_LIMIT: usize = 256;

/// Where to cut `text` for a message: the byte index just after its first `limit`
/// characters, or `None` when it is no longer than that.
pub(crate) fn quote_cut(text: &str, limit: usize) -> Option<usize> {
    text.char_indices().nth(limit).map(|(cut, _)| cut)
}

/// `text` when it has at most `limit` characters; else its first `limit` characters, `...`
/// and its length (`abcd... (1000000 bytes)`), so that a message never embeds a huge value.
#[cfg_attr(not(feature = "arrow"), allow(dead_code))]
pub(crate) fn truncated_to(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    match quote_cut(text, limit) {
        None => text.into(),
        Some(cut) => format!("{}... ({} bytes)", &text[..cut], text.len()).into(),
    }
}

/// [`truncated_to`] [`QUOTE_LIMIT`]: user data as a message quotes it.
#[cfg_attr(not(feature = "arrow"), allow(dead_code))]
pub(crate) fn truncated(text: &str) -> std::borrow::Cow<'_, str> {
    truncated_to(text, QUOTE_LIMIT)
}

/// The `Result` of awkdiff operations.
///
/// ```
/// use awkdiff_core::{Array, Result};
/// fn parse(json: &str) -> Result<Array<f64>> {
///     Array::from_json(json)
/// }
/// assert_eq!(parse("[[1.0], []]").unwrap().len(), 2);
/// assert!(parse("[[1.0], [true]]").is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
