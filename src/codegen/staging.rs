//! Replacing an output directory as a whole, so that a crash (SIGKILL, power loss of the
//! process, a full disk) at any instant leaves `out` holding either the complete old tree or the
//! complete new one, never a mix.
//!
//! The new tree is built in a staging directory beside `out` (same parent, so the same
//! filesystem): changed files are written, every other file of the old tree that must be kept
//! (unchanged generated files, and user files unless `clean`) is hard-linked, which keeps its
//! inode and mtime (a copy that keeps the mtime where hard links fail). Then:
//!
//! - Linux: `renameat2(RENAME_EXCHANGE)` swaps the two directories in one step, and the old
//!   tree, now at the staging path, is deleted.
//! - Elsewhere, or on a Linux filesystem without `RENAME_EXCHANGE`: `out` is renamed aside and
//!   the staging tree renamed into place. Between those two renames `out` is briefly absent (the
//!   old tree is complete at the aside name); the next run renames it back before doing
//!   anything else.
//! - `out` did not exist yet: a plain rename.
//!
//! Staging and aside directories left by a killed run are named after `out`
//! (`.<name>.protogate-staging-<pid>`, `.<name>.protogate-old-<pid>`) and [`recover`]
//! removes them (or restores the aside tree) under the lock at the start of the next run.

use std::{
    collections::HashSet,
    io::Write,
    path::{Path, PathBuf},
};

use super::output::Plan;
use crate::Error;

/// The real location of `out`: absolute, with `..` and symbolic links resolved (a symlinked
/// `out` is kept as a link; its target is replaced). Creates the parent directory.
pub fn resolve_out(out: &Path) -> Result<PathBuf, Error> {
    if std::fs::symlink_metadata(out).is_ok() {
        return std::fs::canonicalize(out).map_err(|e| Error::io(out, &e));
    }
    let name = out.file_name().ok_or_else(|| Error::new(format!("{}: not a directory name", out.display())))?;
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    let parent = std::fs::canonicalize(parent).map_err(|e| Error::io(parent, &e))?;
    Ok(parent.join(name))
}

fn sibling(out: &Path, kind: &str) -> (PathBuf, String) {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (out.parent().unwrap_or(Path::new("/")).to_path_buf(), format!(".{name}.protogate-{kind}-"))
}

/// Cleans up after a killed run: restores an old tree left aside when `out` is missing, and
/// removes staging and aside directories. Call it holding `out`'s lock.
pub fn recover(out: &Path) -> Result<(), Error> {
    let (parent, staging) = sibling(out, "staging");
    let (_, aside) = sibling(out, "old");
    let Ok(entries) = std::fs::read_dir(&parent) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with(&aside) && std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(&path, out).map_err(|e| Error::io(out, &e))?;
        } else if name.starts_with(&aside) || name.starts_with(&staging) {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, &e))?;
        }
    }
    Ok(())
}

/// Removes a directory when dropped: the staging tree on failure, the old tree on success.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        // A failure here leaves a directory that the next run's `recover` removes.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the new tree for `plan` beside `out` (the resolved directory) and swaps it in.
pub fn replace(plan: &Plan, out: &Path, clean: bool) -> Result<(), Error> {
    let (parent, prefix) = sibling(out, "staging");
    let staging = parent.join(format!("{prefix}{}", std::process::id()));
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, &e))?;
    let _cleanup = RemoveOnDrop(staging.clone());
    let old = std::fs::symlink_metadata(out).ok().filter(std::fs::Metadata::is_dir);
    if old.is_some() {
        carry_over(plan, out, &staging, clean)?;
    }
    for (name, (_, content)) in &plan.changed {
        write_new(&staging, name, content)?;
    }
    if let Some(old) = &old {
        // Last, so that a read-only `out` can still be filled.
        std::fs::set_permissions(&staging, old.permissions()).map_err(|e| Error::io(&staging, &e))?;
        swap(&staging, out).map_err(|e| Error::io(out, &e))
    } else {
        std::fs::rename(&staging, out).map_err(|e| Error::io(out, &e))
    }
}

/// Recreates the old tree's directories and symbolic links in `staging` and links every file
/// that is neither rewritten nor removed by `clean`.
fn carry_over(plan: &Plan, out: &Path, staging: &Path, clean: bool) -> Result<(), Error> {
    let removed: HashSet<&str> = if clean { plan.extra.iter().map(String::as_str).collect() } else { HashSet::new() };
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry = entry.map_err(|e| Error::new(format!("{}: {e}", out.display())))?;
        let relative = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let name = crate::paths::to_slash(relative);
        let target = staging.join(relative);
        let kind = entry.file_type();
        if kind.is_dir() {
            std::fs::create_dir(&target).map_err(|e| Error::io(&target, &e))?;
            let mode = entry.metadata().map_err(|e| Error::new(format!("{}: {e}", entry.path().display())))?;
            std::fs::set_permissions(&target, mode.permissions()).map_err(|e| Error::io(&target, &e))?;
        } else if kind.is_symlink() {
            copy_link(entry.path(), &target)?;
        } else if !plan.changed.contains_key(&name) && !removed.contains(name.as_str()) {
            keep(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// A hard link keeps the file's inode, content and mtime; where the filesystem refuses one,
/// a copy that keeps the mtime (build tools compare mtimes).
fn keep(from: &Path, to: &Path) -> Result<(), Error> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to).map_err(|e| Error::io(from, &e))?;
    let modified = std::fs::metadata(from).and_then(|m| m.modified()).map_err(|e| Error::io(from, &e))?;
    let file = std::fs::OpenOptions::new().write(true).open(to).map_err(|e| Error::io(to, &e))?;
    file.set_modified(modified).map_err(|e| Error::io(to, &e))
}

#[cfg(unix)]
fn copy_link(from: &Path, to: &Path) -> Result<(), Error> {
    let target = std::fs::read_link(from).map_err(|e| Error::io(from, &e))?;
    std::os::unix::fs::symlink(target, to).map_err(|e| Error::io(to, &e))
}

#[cfg(not(unix))]
fn copy_link(from: &Path, _to: &Path) -> Result<(), Error> {
    Err(Error::new(format!("{}: symbolic links inside the output directory are not supported here", from.display())))
}

/// Writes one generated file into the staging tree, creating real directories on the way and
/// refusing to go through anything that is not one (a link carried over from the old tree).
fn write_new(staging: &Path, name: &str, content: &[u8]) -> Result<(), Error> {
    let relative = super::output::confine(name)?;
    let mut path = staging.to_path_buf();
    let mut components = relative.components().peekable();
    while let Some(component) = components.next() {
        path.push(component);
        if components.peek().is_none() {
            break;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(Error::new(format!("{}: not a directory (generated file {name:?})", path.display()))),
            Err(_) => std::fs::create_dir(&path).map_err(|e| Error::io(&path, &e))?,
        }
    }
    let mut file = std::fs::File::create_new(&path).map_err(|e| Error::io(&path, &e))?;
    file.write_all(content).map_err(|e| Error::io(&path, &e))
}

#[cfg(target_os = "linux")]
fn swap(staging: &Path, out: &Path) -> std::io::Result<()> {
    use rustix::{
        fs::{CWD, RenameFlags, renameat_with},
        io::Errno,
    };
    match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // Kernels before 3.15 and some filesystems (older NFS, FUSE) lack RENAME_EXCHANGE.
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS => swap_by_renames(staging, out),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(staging: &Path, out: &Path) -> std::io::Result<()> {
    swap_by_renames(staging, out)
}

/// Two renames; afterwards the old tree is at `staging` (removed by the caller). A run killed
/// between them leaves `out` absent and the old tree aside, which [`recover`] renames back.
fn swap_by_renames(staging: &Path, out: &Path) -> std::io::Result<()> {
    let (parent, prefix) = sibling(out, "old");
    let aside = parent.join(format!("{prefix}{}", std::process::id()));
    std::fs::rename(out, &aside)?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(e);
    }
    std::fs::rename(&aside, staging)
}
