//! Positions in a flat buffer: which values of a source a lazy buffer (a slice not copied
//! yet) stands for, in order. This is all the storage layer knows of a slice: runs of
//! positions or single positions, never the `s!` entries or the structure that made them
//! (those live in `ops::gather`, above).

use std::any::Any;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use crate::pool;

/// The source positions `start, start + step, ...` (`len` of them), in that order: the
/// selection of one list (or of many adjacent ones), so that copying moves whole blocks
/// instead of following one index per value. A run of one position has step 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Run {
    pub(crate) start: usize,
    pub(crate) len: usize,
    pub(crate) step: isize,
}

impl Run {
    /// The run of `len` positions from `start` by `step` (normalised: step 1 when `len <= 1`).
    pub(crate) fn new(start: usize, len: usize, step: isize) -> Run {
        let step = if len <= 1 { 1 } else { step };
        Run { start, len, step }
    }

    /// Position `k` of the run.
    pub(crate) fn position(&self, k: usize) -> usize {
        (self.start as isize + k as isize * self.step) as usize
    }

    /// The positions it covers as an ascending range, when they are contiguous (step 1 or -1).
    pub(crate) fn span(&self) -> Option<Range<usize>> {
        match self.step {
            1 => Some(self.start..self.start + self.len),
            -1 => Some(self.start + 1 - self.len..self.start + 1),
            _ => None,
        }
    }
}

/// Which source positions are picked, in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Positions {
    /// Runs of positions, one after the other (every slice, take and flatten).
    Runs(Vec<Run>),
    /// Any positions, one each, repeats allowed (leaf-level indices and masks).
    Items(Vec<usize>),
}

impl Positions {
    /// The picked values of `source` (`len` of them), copied into one buffer, block by
    /// block for runs.
    pub(crate) fn gather<T: Copy + Send + 'static>(&self, source: &[T], len: usize) -> Vec<T> {
        let mut out = pool::take(len);
        match self {
            Positions::Runs(runs) => {
                for run in runs {
                    match run.span() {
                        Some(span) if run.step == 1 => out.extend_from_slice(&source[span]),
                        Some(span) => out.extend(source[span].iter().rev()),
                        None => out.extend((0..run.len).map(|k| source[run.position(k)])),
                    }
                }
            }
            Positions::Items(items) => out.extend(items.iter().map(|&i| source[i])),
        }
        out
    }

    /// The runs, when every one is ascending and contiguous (what a kernel reads in place).
    pub(crate) fn contiguous_runs(&self) -> Option<&[Run]> {
        match self {
            Positions::Runs(runs) if runs.iter().all(|r| r.step == 1) => Some(runs),
            _ => None,
        }
    }
}

/// The vectors go back to the buffer pool (a slice of a million lists has a million runs:
/// 24 MB).
impl Drop for Positions {
    fn drop(&mut self) {
        match self {
            Positions::Runs(runs) => pool::recycle(std::mem::take(runs)),
            Positions::Items(items) => pool::recycle(std::mem::take(items)),
        }
    }
}

/// What a lazy buffer holds of the slice that made it: the positions it picks and how many,
/// and the slice itself, opaque here, for the layer above to take back.
pub(crate) trait Picks: Send + Sync + RefUnwindSafe + UnwindSafe {
    /// The picked positions, in order.
    fn positions(&self) -> &Positions;
    /// How many values are picked.
    fn count(&self) -> usize;
    /// The runs when a kernel can read them in place (see [`Positions::contiguous_runs`]).
    fn runs_in_place(&self) -> Option<&[Run]>;
    /// The positions one by one, when a kernel can read them in place (a gather of single
    /// items, such as jagged indexing's).
    fn items_in_place(&self) -> Option<&[usize]> {
        None
    }
    /// The slice itself, for the layer that made it.
    fn into_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync>;
}
