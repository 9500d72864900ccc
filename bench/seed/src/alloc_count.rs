//! A global allocator that counts the allocations of the current thread, for what criterion
//! cannot measure: how many allocations one encode or decode makes. A binary or test opts in:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: CountingAllocator = CountingAllocator;
//! ```
//!
//! Counting per thread keeps the test harness's and runtime's threads out of the figures.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// [`System`], counting each allocation and reallocation of the calling thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountingAllocator;

thread_local! {
    // `const` with a `Copy` type: no lazy initialisation and no destructor, so reading it from
    // inside the allocator never allocates.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn record(size: usize) {
    ALLOCATIONS.with(|count| count.set(count.get() + 1));
    BYTES.with(|bytes| bytes.set(bytes.get() + size as u64));
}

// SAFETY: every call is forwarded unchanged to `System`; the counters are thread-local cells.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (every allocation goes there).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation may move the block: it costs as much as an allocation.
        record(new_size);
        // SAFETY: as for `dealloc`; `new_size` is checked by the caller.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocations (including reallocations) and bytes requested by one piece of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocations {
    pub count: u64,
    pub bytes: u64,
}

/// Runs `work` on this thread and returns what it allocated. The counts are all zero unless the
/// program installed [`CountingAllocator`] as its global allocator; see [`is_installed`].
pub fn count<T>(work: impl FnOnce() -> T) -> (T, Allocations) {
    let before = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    let out = work();
    let after = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    (out, Allocations { count: after.0 - before.0, bytes: after.1 - before.1 })
}

/// Whether [`CountingAllocator`] is the global allocator of this program.
pub fn is_installed() -> bool {
    let (boxed, allocations) = count(|| std::hint::black_box(Box::new(1_u64)));
    drop(boxed);
    allocations.count == 1
}
