//! Building arrays from nested literals: the machinery behind [`array!`](crate::array!).

use std::sync::Arc;

use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{check_depth, Array, Structure};

/// One item of a nested literal: a leaf value or a list of items. Used by `array!`; build
/// arrays from data with [`Array::from_offsets`] or [`Array::from_json`] instead.
///
/// ```
/// use awkdiff_core::build::{Nested, from_nested};
/// let x = from_nested(vec![Nested::List(vec![Nested::Leaf(1.0)]), Nested::List(vec![])]).unwrap();
/// assert_eq!(x.to_string(), "[[1], []]");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Nested<T> {
    /// A leaf value.
    Leaf(T),
    /// A list of items.
    List(Vec<Nested<T>>),
}

/// What the items below a node say about its depth.
#[derive(Clone, Copy)]
pub(crate) struct DepthInfo {
    /// The exact depth, when some leaf is below.
    pub(crate) exact: Option<usize>,
    /// The depth at least (nesting of empty lists).
    pub(crate) at_least: usize,
}

impl DepthInfo {
    /// The depth in words, for error messages: `depth 2` or `depth at least 1`.
    pub(crate) fn words(self) -> String {
        match self.exact {
            Some(depth) => format!("depth {depth}"),
            None => format!("depth at least {}", self.at_least),
        }
    }
}

/// The depth of `node`, an item at `path` (so `path.len() - 1` lists deep); a list past
/// [`MAX_DEPTH`](crate::MAX_DEPTH) is an [`Error::Depth`], found before recursing any deeper.
fn depth_of<T>(node: &Nested<T>, path: &mut Vec<usize>) -> Result<DepthInfo> {
    match node {
        Nested::Leaf(_) => Ok(DepthInfo {
            exact: Some(0),
            at_least: 0,
        }),
        Nested::List(items) => {
            check_depth("array!", path.len())?;
            let info = depth_of_items(items, path)?;
            Ok(DepthInfo {
                exact: info.exact.map(|d| d + 1),
                at_least: info.at_least + 1,
            })
        }
    }
}

fn depth_of_items<T>(items: &[Nested<T>], path: &mut Vec<usize>) -> Result<DepthInfo> {
    let mut acc = DepthInfo {
        exact: None,
        at_least: 0,
    };
    for (i, item) in items.iter().enumerate() {
        path.push(i);
        let info = depth_of(item, path)?;
        let mixed = match (acc.exact, info.exact) {
            (Some(a), Some(b)) => a != b,
            (Some(a), None) => info.at_least > a,
            (None, Some(b)) => acc.at_least > b,
            (None, None) => false,
        };
        if mixed {
            let place: Vec<String> = path.iter().map(|i| format!("[{i}]")).collect();
            return Err(Error::Json {
                reason: format!(
                    "item at {} has a different depth from the items before it \
                     (every item must have the same depth)",
                    place.concat()
                ),
            });
        }
        path.pop();
        acc.exact = acc.exact.or(info.exact);
        acc.at_least = acc.at_least.max(info.at_least);
    }
    Ok(acc)
}

/// Builds an array from nested items, all of one depth (empty lists fit any depth), at
/// most [`MAX_DEPTH`](crate::MAX_DEPTH) lists deep ([`Error::Depth`] past it).
///
/// ```
/// use awkdiff_core::build::{Nested::*, from_nested};
/// use awkdiff_core::{Error, MAX_DEPTH};
/// let err = from_nested(vec![List(vec![Leaf(1.0)]), Leaf(2.0)]).unwrap_err();
/// assert_eq!(err.to_string(), "invalid JSON array: item at [1] has a different depth from the items before it (every item must have the same depth)");
/// let mut deep = Leaf(1.0);
/// for _ in 0..=MAX_DEPTH {
///     deep = List(vec![deep]);
/// }
/// assert!(matches!(from_nested(vec![deep]), Err(Error::Depth { depth: 101, .. })));
/// ```
pub fn from_nested<T: Element>(items: Vec<Nested<T>>) -> Result<Array<T>> {
    let info = depth_of_items(&items, &mut Vec::new())?;
    let depth = info.exact.unwrap_or(info.at_least);
    let mut levels: Vec<Vec<i64>> = vec![vec![0]; depth];
    let mut content = Vec::new();
    for item in &items {
        fill(item, 0, &mut levels, &mut content);
    }
    let len = content.len();
    let structure =
        Structure::from_levels_unchecked(levels.into_iter().map(Arc::<[i64]>::from).collect(), len);
    Ok(Array::from_parts_unchecked(structure, content))
}

fn fill<T: Copy>(node: &Nested<T>, level: usize, levels: &mut [Vec<i64>], content: &mut Vec<T>) {
    match node {
        Nested::Leaf(value) => content.push(*value),
        Nested::List(items) => {
            for item in items {
                fill(item, level + 1, levels, content);
            }
            let end = match levels.get(level + 1) {
                Some(below) => below.len() - 1,
                None => content.len(),
            };
            levels[level].push(end as i64);
        }
    }
}

/// An array literal, any depth: `array![[1.0, 2.0, 3.0], [], [4.0, 5.0]]`, `array![1.0, 2.0]`.
///
/// Every item must have the same depth (`[]` fits any); a literal that mixes depths panics
/// with the message of [`Error::Json`].
///
/// ```
/// use awkdiff_core::{array, Array};
/// let x: Array<f32> = array![[1.0, 2.0, 3.0], [], [4.0, 5.0]];
/// assert_eq!(x.type_str(), "3 * var * float32");
/// let y = array![[[1.0], []], [], [[-2.5]]];
/// assert_eq!(y.ndim(), 3);
/// ```
#[macro_export]
macro_rules! array {
    ($($items:tt)*) => {
        match $crate::build::from_nested($crate::__array_items!([] $($items)*)) {
            ::core::result::Result::Ok(array) => array,
            ::core::result::Result::Err(error) => ::core::panic!("array!: {}", error),
        }
    };
}

/// Implementation detail of [`array!`]: turns comma-separated items into `Nested` values.
#[doc(hidden)]
#[macro_export]
macro_rules! __array_items {
    ([$($done:expr,)*]) => { ::std::vec![$($done,)*] };
    ([$($done:expr,)*] [$($inner:tt)*] $(, $($rest:tt)*)?) => {
        $crate::__array_items!(
            [$($done,)* $crate::build::Nested::List($crate::__array_items!([] $($inner)*)),]
            $($($rest)*)?
        )
    };
    ([$($done:expr,)*] $item:expr $(, $($rest:tt)*)?) => {
        $crate::__array_items!([$($done,)* $crate::build::Nested::Leaf($item),] $($($rest)*)?)
    };
}
