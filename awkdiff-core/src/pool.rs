//! The buffer pool: large allocations recycled between array operations.
//!
//! A chain of array operations (and more so its JVP or VJP) makes one temporary per step.
//! Large allocations come from the operating system (`mmap`) and go back to it when freed,
//! so every temporary pays the page faults of fresh memory again; for a 76 MB buffer that
//! costs more than the arithmetic. The kernels therefore take their output `Vec` from this
//! pool, and a dropped array content of at least [`MIN_POOLED_BYTES`] gives its allocation
//! back to it. The pool never hands out memory with values in it (a taken `Vec` is empty),
//! so it changes no result, only speed and memory.
//!
//! **Memory.** The pool keeps at most [`MAX_POOLED`] allocations and [`max_bytes`] bytes
//! (512 MiB unless set), and keeps them after every array is dropped: a process that is
//! done with large arrays can give the memory back with [`release`], and a process that
//! must stay small can lower the cap with [`set_max_bytes`] (0 turns the pool off) or with
//! the environment variable `AWKDIFF_POOL_MAX_BYTES`, read once at the first use.
//!
//! ```
//! use awkdiff_core::{pool, Array};
//!
//! let x = Array::from_vec(vec![1.0f64; 1 << 18]); // 2 MiB
//! drop(&x * 2.0); // the product's allocation goes to the pool
//! pool::release(); // and back to the allocator
//! assert_eq!(pool::held_bytes(), 0);
//!
//! pool::set_max_bytes(64 << 20); // keep at most 64 MiB from now on
//! assert_eq!(pool::max_bytes(), 64 << 20);
//! # pool::set_max_bytes(pool::DEFAULT_MAX_BYTES);
//! ```

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// Smallest allocation worth recycling (1 MiB): smaller ones are cheap to get from the
/// allocator and are simply freed.
///
/// ```
/// assert_eq!(awkdiff_core::pool::MIN_POOLED_BYTES, 1 << 20);
/// ```
pub const MIN_POOLED_BYTES: usize = 1 << 20;
/// Most allocations the pool keeps.
///
/// ```
/// assert_eq!(awkdiff_core::pool::MAX_POOLED, 16);
/// ```
pub const MAX_POOLED: usize = 16;
/// The cap on the bytes the pool keeps unless [`set_max_bytes`] or `AWKDIFF_POOL_MAX_BYTES`
/// says otherwise: 512 MiB.
///
/// ```
/// assert_eq!(awkdiff_core::pool::DEFAULT_MAX_BYTES, 512 << 20);
/// ```
pub const DEFAULT_MAX_BYTES: usize = 1 << 29;
/// The environment variable that sets the cap at the first use of the pool, in bytes
/// (`AWKDIFF_POOL_MAX_BYTES=0` turns pooling off).
///
/// ```
/// assert_eq!(awkdiff_core::pool::MAX_BYTES_VAR, "AWKDIFF_POOL_MAX_BYTES");
/// ```
pub const MAX_BYTES_VAR: &str = "AWKDIFF_POOL_MAX_BYTES";

/// A pooled allocation: the `Vec` (with the values it last held) and its size in bytes.
struct Pooled {
    vec: Box<dyn Any + Send>,
    bytes: usize,
}

static POOL: Mutex<Vec<Pooled>> = Mutex::new(Vec::new());
static MAX_BYTES: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_BYTES);
static FROM_ENV: Once = Once::new();

/// Reads `AWKDIFF_POOL_MAX_BYTES` once (an unreadable value leaves the default).
fn read_env_once() {
    FROM_ENV.call_once(|| {
        if let Some(bytes) = std::env::var(MAX_BYTES_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            MAX_BYTES.store(bytes, Ordering::Relaxed);
        }
    });
}

/// The most bytes the pool keeps.
///
/// ```
/// assert!(awkdiff_core::pool::max_bytes() <= usize::MAX);
/// ```
pub fn max_bytes() -> usize {
    read_env_once();
    MAX_BYTES.load(Ordering::Relaxed)
}

/// Sets the most bytes the pool keeps, from now on (0 turns pooling off), and frees what
/// it holds beyond the new cap at once.
///
/// ```
/// use awkdiff_core::pool;
/// pool::set_max_bytes(0); // no pooling: every temporary goes back to the allocator
/// assert_eq!(pool::held_bytes(), 0);
/// # pool::set_max_bytes(pool::DEFAULT_MAX_BYTES);
/// ```
pub fn set_max_bytes(bytes: usize) {
    read_env_once();
    MAX_BYTES.store(bytes, Ordering::Relaxed);
    if let Ok(mut pool) = POOL.lock() {
        trim(&mut pool, bytes);
    }
}

/// Frees every allocation the pool holds (the arrays alive keep theirs). Cheap; later
/// operations refill the pool as they go.
///
/// ```
/// awkdiff_core::pool::release();
/// assert_eq!(awkdiff_core::pool::held_bytes(), 0);
/// ```
pub fn release() {
    // Take the allocations out under the lock, free them after it.
    let freed = POOL.lock().map(|mut pool| std::mem::take(&mut *pool));
    drop(freed);
}

/// The bytes the pool holds now, in allocations no array uses.
///
/// ```
/// assert!(awkdiff_core::pool::held_bytes() <= awkdiff_core::pool::max_bytes());
/// ```
pub fn held_bytes() -> usize {
    POOL.lock()
        .map(|pool| pool.iter().map(|p| p.bytes).sum())
        .unwrap_or(0)
}

/// Drops the oldest allocations until at most [`MAX_POOLED`] of at most `max` bytes remain.
fn trim(pool: &mut Vec<Pooled>, max: usize) {
    let mut total: usize = pool.iter().map(|p| p.bytes).sum();
    while !pool.is_empty() && (pool.len() > MAX_POOLED || total > max) {
        total -= pool.remove(0).bytes;
    }
}

/// An empty `Vec` with room for at least `len` values: a recycled allocation of between
/// `len` and `2 * len` values when the pool has one, a new one otherwise.
pub(crate) fn take<T: Send + 'static>(len: usize) -> Vec<T> {
    let bytes = len * std::mem::size_of::<T>();
    if bytes >= MIN_POOLED_BYTES {
        if let Some(mut vec) = take_pooled::<T>(len) {
            vec.clear();
            return vec;
        }
    }
    Vec::with_capacity(len)
}

/// A pooled allocation of between `len` and `2 * len` values of `T`, with the values it
/// held when it was recycled, if the pool has one.
fn take_pooled<T: Send + 'static>(len: usize) -> Option<Vec<T>> {
    let mut pool = POOL.lock().ok()?;
    let fits = pool.iter().position(|p| {
        p.vec
            .downcast_ref::<Vec<T>>()
            .is_some_and(|v| v.capacity() >= len && v.capacity() <= 2 * len)
    })?;
    let pooled = pool.swap_remove(fits);
    pooled.vec.downcast::<Vec<T>>().ok().map(|vec| *vec)
}

/// A `Vec` of `len` values, each about to be overwritten: a recycled allocation with the
/// stale values of an earlier array of the same type (no pass over it), or a new zeroed one
/// (which the allocator gets as fresh zero pages). The values are valid `T`s either way;
/// which ones they are is never observed by a kernel that writes every position.
pub(crate) fn take_filled<T: Copy + Default + Send + 'static>(len: usize) -> Vec<T> {
    let bytes = len * std::mem::size_of::<T>();
    if bytes >= MIN_POOLED_BYTES {
        if let Some(mut vec) = take_pooled::<T>(len) {
            vec.resize(len, T::default()); // truncates, or fills only the missing tail
            return vec;
        }
    }
    vec![T::default(); len]
}

/// Gives a large allocation back to the pool (dropping the oldest when it is full); small
/// ones, and any when the pool is off, are simply freed.
/// The values stay (they are `Copy`, so keeping them costs nothing): [`take_filled`] hands
/// them out again as the placeholders a kernel overwrites, and [`take`] clears them.
pub(crate) fn recycle<T: Copy + Send + 'static>(vec: Vec<T>) {
    let bytes = vec.capacity() * std::mem::size_of::<T>();
    let max = max_bytes();
    if !(MIN_POOLED_BYTES..=max).contains(&bytes) {
        return;
    }
    let Ok(mut pool) = POOL.lock() else {
        return;
    };
    pool.push(Pooled {
        vec: Box::new(vec),
        bytes,
    });
    trim(&mut pool, max);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recycled_large_vec_is_taken_again_empty() {
        let len = MIN_POOLED_BYTES; // bytes of u8
        let vec = vec![7u8; len];
        let address = vec.as_ptr();
        recycle(vec);
        let again: Vec<u8> = take(len);
        assert!(again.is_empty());
        assert!(again.capacity() >= len);
        // Other tests may use the pool concurrently, so only check reuse when it happened.
        if again.as_ptr() == address {
            assert_eq!(again.capacity(), len);
        }
    }

    #[test]
    fn small_vecs_are_not_pooled() {
        recycle(vec![1.0f64; 4]);
        let pool = POOL.lock().unwrap();
        assert!(pool.iter().all(|p| p.bytes >= MIN_POOLED_BYTES));
        assert!(pool.len() <= MAX_POOLED);
    }
}
