//! Map-reduce over batches: evaluate a function (typically a loss and its gradient) on each
//! batch of a dataset and sum the results, the batches read and evaluated in parallel
//! (feature `parallel`, with rayon; sequentially without it), in memory bounded by the
//! number of threads, not by the dataset.
//!
//! The sum is deterministic: results are added in batch order, left to right, exactly as a
//! sequential loop adds them, so the total is bitwise the same for any number of threads.
//! Batches are processed in windows of `2 x threads` consecutive indices: each thread reads
//! and evaluates one batch at a time, the window's results (values and gradients, small)
//! are kept until the window ends, then added in order. At most one window of batches is
//! ever in memory (typically one per thread); the data are never read whole.
//!
//! ```
//! use awkdiff_core::batch_sum::sum_batches;
//! use awkdiff_core::{Array, Result};
//!
//! // Ten batches of a dataset, read on demand; the loss sum(w x²) and its derivative in w.
//! let read = |i: usize| -> Result<Array<f64>> { Ok(Array::from_vec(vec![i as f64; 3])) };
//! let w = 0.5;
//! let (loss, grad) = sum_batches(10, read, |x| {
//!     let squares = (&x * &x).sum_all();
//!     (w * squares, squares)
//! })
//! .unwrap();
//! assert_eq!((loss, grad), (427.5, 855.0));
//! ```

use crate::error::{Error, Result};
use crate::value::Value;

/// What can be summed across batches: every [`Value`] (float scalars, arrays, records
/// made with `#[derive(Record)]`, masked arrays), added with [`Value::add_value`], and
/// tuples of them (a value and the gradient tuple `grad_NAME` returns for several
/// parameters).
///
/// ```
/// use awkdiff_core::{array, batch_sum::Summable};
/// let a = (1.0, (array![[1.0], []], 2.0f32));
/// let b = (0.5, (array![[3.0], []], 1.0f32));
/// assert_eq!(a.add_sum(&b), (1.5, (array![[4.0], []], 3.0f32)));
/// ```
pub trait Summable: Send + Sized {
    /// `self + other`, elementwise for arrays (both of the same structure).
    fn add_sum(&self, other: &Self) -> Self;
}

impl<V: Value> Summable for V {
    fn add_sum(&self, other: &Self) -> Self {
        self.add_value(other)
    }
}

/// `Summable` for tuples of summable parts, part by part.
macro_rules! summable_tuple {
    ($($part:ident $index:tt),+) => {
        impl<$($part: Summable),+> Summable for ($($part,)+) {
            fn add_sum(&self, other: &Self) -> Self {
                ($(self.$index.add_sum(&other.$index),)+)
            }
        }
    };
}

summable_tuple!(A 0, B 1);
summable_tuple!(A 0, B 1, C 2);
summable_tuple!(A 0, B 1, C 2, D 3);
summable_tuple!(A 0, B 1, C 2, D 3, E 4);
summable_tuple!(A 0, B 1, C 2, D 3, E 4, F 5);

/// Reads each of `count` batches with `read(index)`, evaluates `f` on it and returns the
/// sum of the results, added in batch order (the same total for any number of threads; see
/// the [module](self)). The first error of `read`, in batch order, is returned; no batches
/// at all is an error.
///
/// With the `parallel` feature, batches are read and evaluated on rayon's current pool
/// (all cores by default; `rayon::ThreadPool::install` chooses), at most one window of
/// `2 x threads` batches at a time.
///
/// ```
/// use awkdiff_core::batch_sum::sum_batches;
/// use awkdiff_core::Result;
/// let err = sum_batches(0, |_| Ok(1.0), |x: f64| x).unwrap_err();
/// assert_eq!(err.to_string(), "invalid argument to `sum_batches`: no batches to sum");
/// ```
pub fn sum_batches<B, S: Summable>(
    count: usize,
    read: impl Fn(usize) -> Result<B> + Sync,
    f: impl Fn(B) -> S + Sync,
) -> Result<S> {
    sum_batches_with(count, read, f, |_| {})
}

/// [`sum_batches`], calling `done(index)` when a batch has been evaluated (in any order).
pub(crate) fn sum_batches_with<B, S: Summable>(
    count: usize,
    read: impl Fn(usize) -> Result<B> + Sync,
    f: impl Fn(B) -> S + Sync,
    done: impl Fn(usize) + Sync,
) -> Result<S> {
    let evaluate = |i: usize| {
        let result = read(i).map(&f);
        done(i);
        result
    };
    let mut total: Option<S> = None;
    let mut add = |part: Result<S>| -> Result<()> {
        let part = part?;
        total = Some(match total.take() {
            None => part,
            Some(sum) => sum.add_sum(&part),
        });
        Ok(())
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let window = 2 * rayon::current_num_threads().max(1);
        let mut start = 0;
        while start < count {
            let end = count.min(start + window);
            let parts: Vec<Result<S>> = (start..end).into_par_iter().map(evaluate).collect();
            for part in parts {
                add(part)?;
            }
            start = end;
        }
    }
    #[cfg(not(feature = "parallel"))]
    for i in 0..count {
        add(evaluate(i))?;
    }
    total.ok_or_else(|| Error::Invalid {
        op: "sum_batches".into(),
        reason: "no batches to sum".into(),
    })
}
