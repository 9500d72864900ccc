//! Serialising `generate` runs that write the same output directory. Each `out` has a lock
//! file beside it (`<parent>/.<name>.protogate.lock`, never inside `out`, which is replaced
//! whole); an advisory lock (flock on Unix, `LockFileEx` on Windows) is held from planning to
//! the swap, so a second run plans against the first run's finished tree. The lock file is left
//! in place: deleting it while another process waits on it would let a third take a new file's
//! lock at the same time.

use std::path::{Path, PathBuf};

use crate::Error;

/// The lock file guarding `out` (an absolute, resolved output directory).
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.protogate.lock"))
}

/// Runs `work` while holding the lock of every directory in `outs` (taken in sorted order, so two
/// runs over overlapping sets cannot deadlock). `on_wait` is called once per lock that another
/// process holds, before blocking on it.
pub fn hold_all<T>(
    outs: &[PathBuf],
    on_wait: &mut dyn FnMut(&Path),
    work: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let mut sorted = outs.to_vec();
    sorted.sort();
    sorted.dedup();
    hold_sorted(&sorted, on_wait, work)
}

fn hold_sorted<T>(
    outs: &[PathBuf],
    on_wait: &mut dyn FnMut(&Path),
    work: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let Some((first, rest)) = outs.split_first() else {
        return work();
    };
    let path = lock_path(first);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, &e))?;
    let mut lock = fd_lock::RwLock::new(file);
    match lock.try_write() {
        Ok(_held) => return hold_sorted(rest, on_wait, work),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        Err(e) => return Err(Error::io(&path, &e)),
    }
    on_wait(&path);
    let _held = lock.write().map_err(|e| Error::io(&path, &e))?;
    hold_sorted(rest, on_wait, work)
}
