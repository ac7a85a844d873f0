//! The content buffer of an [`Array`](crate::Array): our own values (whose allocation goes
//! back to the [`pool`](crate::pool) when dropped), another library's values read in place,
//! or the values of a slice of another array, gathered on first read.

use std::any::Any;
use std::ops::Deref;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

use crate::pool::recycle as give_back;
use crate::positions::{ListCombinations, Picks, RunsRef};

/// Values that another library owns and an array reads in place (an Arrow buffer, say):
/// shared, never written.
pub(crate) trait Foreign<T>: Send + Sync + RefUnwindSafe + UnwindSafe {
    /// The values.
    fn values(&self) -> &[T];
    /// The owner itself, so that the library it came from can take it back without a copy.
    fn as_any(&self) -> &dyn Any;
}

/// The content of an array: a `Vec` that returns its allocation to the pool when dropped
/// (it carries its recycling function so that it needs no bounds on `T` itself), values
/// owned by another library and read in place, or the values of a slice of another array,
/// copied only when first read as a whole.
pub(crate) enum Buffer<T> {
    /// Our own values.
    Owned { vec: Vec<T>, recycle: fn(Vec<T>) },
    /// Another library's values, shared without a copy.
    Foreign(Box<dyn Foreign<T>>),
    /// A slice of another array's values.
    Sliced(Sliced<T>),
}

/// The content of a slice: its source's values and the positions it picks from them.
/// Kernels that can read the source's runs in place do ([`Buffer::runs_in_place`]);
/// anything else reads the values, which are then copied once and kept. The slice's rules
/// take the slice back ([`Buffer::picks`]) instead of computing it again.
pub(crate) struct Sliced<T> {
    /// The sliced array's content.
    pub(crate) source: Arc<Buffer<T>>,
    /// Which of the source's values the slice keeps, and the slice that picked them.
    pub(crate) picks: Arc<dyn Picks>,
    values: OnceLock<Vec<T>>,
    recycle: fn(Vec<T>),
}

impl<T: Copy + Send + 'static> Sliced<T> {
    /// The values gathered into one buffer (on first use).
    pub(crate) fn values(&self) -> &[T] {
        self.values.get_or_init(|| {
            self.picks
                .positions()
                .gather(&self.source, self.picks.count())
        })
    }
}

impl<T> Sliced<T> {
    /// Whether the values have been gathered into one buffer yet.
    pub(crate) fn is_gathered(&self) -> bool {
        self.values.get().is_some()
    }
}

impl<T: Copy + Send + 'static> Buffer<T> {
    /// The content of the slice `picks` of the content `source`, gathered now when `eager`
    /// (a layout that kernels cannot read in place), else when first read.
    pub(crate) fn sliced(source: Arc<Buffer<T>>, picks: Arc<dyn Picks>, eager: bool) -> Self {
        let sliced = Sliced {
            source,
            picks,
            values: OnceLock::new(),
            recycle: give_back::<T>,
        };
        if eager {
            sliced.values();
        }
        Buffer::Sliced(sliced)
    }

    /// The source's values and the runs to read there, when this is a slice not gathered
    /// yet whose runs are all ascending and contiguous: what a kernel can read in place
    /// instead of gathering.
    pub(crate) fn runs_in_place(&self) -> Option<(&[T], RunsRef<'_>)> {
        match self {
            Buffer::Sliced(sliced) if !sliced.is_gathered() => sliced
                .picks
                .runs_in_place()
                .map(|runs| (&**sliced.source, runs)),
            _ => None,
        }
    }

    /// The source's values and the positions to read there, when this is a gather of single
    /// items not gathered yet: what a kernel can read in place, block by block.
    pub(crate) fn items_in_place(&self) -> Option<(&[T], &[usize])> {
        match self {
            Buffer::Sliced(sliced) if !sliced.is_gathered() => sliced
                .picks
                .items_in_place()
                .map(|items| (&**sliced.source, items)),
            _ => None,
        }
    }

    /// The source's values and the choices to read there, when this is a lazy combination
    /// not gathered yet: what a kernel can read in place, list by list.
    pub(crate) fn combinations_in_place(&self) -> Option<(&[T], &ListCombinations)> {
        match self {
            Buffer::Sliced(sliced) if !sliced.is_gathered() => sliced
                .picks
                .combinations_in_place()
                .map(|combos| (&**sliced.source, combos)),
            _ => None,
        }
    }

    /// The slice behind a sliced buffer.
    pub(crate) fn picks(&self) -> Option<&Arc<dyn Picks>> {
        match self {
            Buffer::Sliced(sliced) => Some(&sliced.picks),
            Buffer::Owned { .. } | Buffer::Foreign(_) => None,
        }
    }
}

impl<T> Buffer<T> {
    /// Values owned by another library, read in place.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn foreign(owner: impl Foreign<T> + 'static) -> Self {
        Buffer::Foreign(Box::new(owner))
    }

    /// The values, for writing (our own only: foreign ones are read-only).
    pub(crate) fn as_mut_slice(&mut self) -> Option<&mut [T]> {
        match self {
            Buffer::Owned { vec, .. } => Some(vec),
            Buffer::Foreign(_) | Buffer::Sliced(_) => None,
        }
    }

    /// The values as one `Vec`: our own moved out without a copy, a slice's gathered values
    /// moved out (gathered now if they were not yet), foreign ones copied. Never loses
    /// values: every kind of buffer gives all of them.
    #[cfg_attr(not(any(feature = "arrow", feature = "ndarray")), allow(dead_code))]
    pub(crate) fn into_vec(mut self) -> Vec<T>
    where
        T: Copy + Send + 'static,
    {
        match &mut self {
            Buffer::Owned { vec, .. } => std::mem::take(vec),
            Buffer::Sliced(sliced) => match sliced.values.take() {
                Some(gathered) => gathered,
                None => sliced
                    .picks
                    .positions()
                    .gather(&sliced.source, sliced.picks.count()),
            },
            Buffer::Foreign(owner) => owner.values().to_vec(),
        }
    }

    /// The foreign owner, if the values are not ours.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn foreign_owner(&self) -> Option<&dyn Any> {
        match self {
            Buffer::Owned { .. } | Buffer::Sliced(_) => None,
            Buffer::Foreign(owner) => Some(owner.as_any()),
        }
    }
}

impl<T: Copy + Send + 'static> From<Vec<T>> for Buffer<T> {
    fn from(vec: Vec<T>) -> Self {
        Buffer::Owned {
            vec,
            recycle: give_back::<T>,
        }
    }
}

impl<T: Copy + Send + 'static> Deref for Buffer<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Buffer::Owned { vec, .. } => vec,
            Buffer::Foreign(owner) => owner.values(),
            Buffer::Sliced(sliced) => sliced.values(),
        }
    }
}

impl<T> Drop for Buffer<T> {
    fn drop(&mut self) {
        match self {
            Buffer::Owned { vec, recycle } => recycle(std::mem::take(vec)),
            Buffer::Sliced(sliced) => {
                if let Some(vec) = sliced.values.take() {
                    (sliced.recycle)(vec);
                }
            }
            Buffer::Foreign(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::{take, MIN_POOLED_BYTES};

    #[test]
    fn a_dropped_large_buffer_is_taken_again_empty() {
        let len = MIN_POOLED_BYTES; // bytes of u8
        let vec = vec![7u8; len];
        let address = vec.as_ptr();
        drop(Buffer::from(vec));
        let again: Vec<u8> = take(len);
        assert!(again.is_empty());
        assert!(again.capacity() >= len);
        // Other tests may use the pool concurrently, so only check reuse when it happened.
        if again.as_ptr() == address {
            assert_eq!(again.capacity(), len);
        }
    }
}
