//! The content buffer of an [`Array`](crate::Array), and a small pool that recycles large
//! ones.
//!
//! A chain of array operations (and more so its JVP or VJP) makes one temporary per step.
//! Large allocations come from the operating system (`mmap`) and go back to it when freed,
//! so every temporary pays the page faults of fresh memory again; for a 76 MB buffer that
//! costs more than the arithmetic. The kernels therefore take their output `Vec` from this
//! pool ([`take`]), and a dropped [`Buffer`] of at least [`MIN_POOLED_BYTES`] gives its
//! allocation back to it. The pool holds at most [`MAX_POOLED`] buffers and
//! [`MAX_POOLED_BYTES`] in all; it never hands out memory with values in it (a taken `Vec`
//! is empty), so it changes no result.

use std::any::Any;
use std::ops::Deref;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

use crate::element::Element;
use crate::ops::gather::{Gather, SliceGather};

/// Smallest allocation worth recycling: smaller ones are cheap to get from the allocator.
pub(crate) const MIN_POOLED_BYTES: usize = 1 << 20;
/// Most buffers the pool keeps.
pub(crate) const MAX_POOLED: usize = 16;
/// Most bytes the pool keeps.
pub(crate) const MAX_POOLED_BYTES: usize = 1 << 29;

/// A pooled allocation: the `Vec` (its length is 0) and its size in bytes.
struct Pooled {
    vec: Box<dyn Any + Send>,
    bytes: usize,
}

static POOL: Mutex<Vec<Pooled>> = Mutex::new(Vec::new());

/// An empty `Vec` with room for at least `len` values: a recycled allocation of between
/// `len` and `2 * len` values when the pool has one, a new one otherwise.
pub(crate) fn take<T: Send + 'static>(len: usize) -> Vec<T> {
    let bytes = len * std::mem::size_of::<T>();
    if bytes >= MIN_POOLED_BYTES {
        if let Ok(mut pool) = POOL.lock() {
            let fits = pool.iter().position(|p| {
                p.vec
                    .downcast_ref::<Vec<T>>()
                    .is_some_and(|v| v.capacity() >= len && v.capacity() <= 2 * len)
            });
            if let Some(i) = fits {
                let pooled = pool.swap_remove(i);
                if let Ok(vec) = pooled.vec.downcast::<Vec<T>>() {
                    return *vec;
                }
            }
        }
    }
    Vec::with_capacity(len)
}

/// Gives a large allocation back to the pool (dropping the oldest when it is full); small
/// ones are simply freed.
pub(crate) fn recycle<T: Send + 'static>(vec: Vec<T>) {
    give_back(vec)
}

/// Gives a large allocation back to the pool (dropping the oldest when it is full).
fn give_back<T: Send + 'static>(mut vec: Vec<T>) {
    let bytes = vec.capacity() * std::mem::size_of::<T>();
    if !(MIN_POOLED_BYTES..=MAX_POOLED_BYTES).contains(&bytes) {
        return;
    }
    vec.clear();
    let Ok(mut pool) = POOL.lock() else {
        return;
    };
    pool.push(Pooled {
        vec: Box::new(vec),
        bytes,
    });
    let mut total: usize = pool.iter().map(|p| p.bytes).sum();
    while pool.len() > MAX_POOLED || total > MAX_POOLED_BYTES {
        total -= pool.remove(0).bytes;
    }
}

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

/// The content of a slice: its source's values and the gather that picks them. Fused
/// kernels read the source through the gather's runs; anything else reads the values,
/// which are then gathered once and kept. The rules of the slice reuse the gather.
pub(crate) struct Sliced<T> {
    /// The sliced array's content.
    pub(crate) source: Arc<Buffer<T>>,
    /// How the slice was made and which source values it keeps.
    pub(crate) slice: Arc<SliceGather>,
    values: OnceLock<Vec<T>>,
    gather: fn(&[T], &Gather) -> Vec<T>,
    recycle: fn(Vec<T>),
}

impl<T> Sliced<T> {
    /// The values gathered into one buffer (on first use).
    pub(crate) fn values(&self) -> &[T] {
        self.values
            .get_or_init(|| (self.gather)(&self.source, &self.slice.gather))
    }

    /// Whether the values have been gathered into one buffer yet.
    pub(crate) fn is_gathered(&self) -> bool {
        self.values.get().is_some()
    }
}

impl<T: Element> Buffer<T> {
    /// The content of the slice `slice` of the content `source`, gathered now when `eager`
    /// (a layout that fused kernels cannot read in place), else when first read.
    pub(crate) fn sliced(source: Arc<Buffer<T>>, slice: Arc<SliceGather>, eager: bool) -> Self {
        let sliced = Sliced {
            source,
            slice,
            values: OnceLock::new(),
            gather: Gather::gather_values::<T>,
            recycle: give_back::<T>,
        };
        if eager {
            sliced.values();
        }
        Buffer::Sliced(sliced)
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

    /// Our own values, moved out (`None` for foreign or sliced ones).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn into_vec(mut self) -> Option<Vec<T>> {
        match &mut self {
            Buffer::Owned { vec, .. } => Some(std::mem::take(vec)),
            Buffer::Foreign(_) | Buffer::Sliced(_) => None,
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

impl<T: Send + 'static> From<Vec<T>> for Buffer<T> {
    fn from(vec: Vec<T>) -> Self {
        Buffer::Owned {
            vec,
            recycle: give_back::<T>,
        }
    }
}

impl<T> Deref for Buffer<T> {
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

    #[test]
    fn small_buffers_are_not_pooled() {
        let vec = vec![1.0f64; 4];
        drop(Buffer::from(vec));
        let pool = POOL.lock().unwrap();
        assert!(pool.iter().all(|p| p.bytes >= MIN_POOLED_BYTES));
        assert!(pool.len() <= MAX_POOLED);
    }
}
