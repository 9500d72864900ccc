//! Where source files live: the file system, or a tree in a git object database. Paths are
//! `/`-separated and relative to the store's root; the empty path is the root itself.

use std::{io, path::PathBuf};

use crate::{Error, paths};

/// Directories never walked: VCS metadata and build output, which can hold thousands of stale
/// or vendored .proto copies.
pub const SKIPPED_DIRS: [&str; 3] = [".git", "target", "node_modules"];

/// Read access to a tree of files.
pub trait Store: Send + Sync + std::fmt::Debug {
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
    fn is_file(&self, path: &str) -> bool;
    fn is_dir(&self, path: &str) -> bool;
    /// Every `.proto` file below `dir`, as store paths, sorted.
    fn protos_under(&self, dir: &str) -> Result<Vec<String>, Error>;
    /// How to name `path` in messages (a disk path, or `ref:path` for git).
    fn describe(&self, path: &str) -> String;
    /// Whether store paths are paths of the file system (`DiskStore`).
    fn is_file_system(&self) -> bool {
        false
    }
    /// The failure to report when reading `path` failed with `error`.
    fn read_failure(&self, path: &str, error: &io::Error) -> Error {
        Error::new(format!("{}: {error}", self.describe(path)))
    }
}

/// The file system, rooted at `/` so that walking up from an input reaches every ancestor.
#[derive(Debug, Clone)]
pub struct DiskStore;

impl DiskStore {
    /// The store path of an absolute disk path.
    pub fn store_path(absolute: &std::path::Path) -> String {
        paths::to_slash(absolute).trim_start_matches('/').to_owned()
    }

    fn disk(path: &str) -> PathBuf {
        PathBuf::from(format!("/{path}"))
    }
}

impl Store for DiskStore {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(Self::disk(path))
    }

    fn is_file(&self, path: &str) -> bool {
        Self::disk(path).is_file()
    }

    fn is_dir(&self, path: &str) -> bool {
        Self::disk(path).is_dir()
    }

    fn protos_under(&self, dir: &str) -> Result<Vec<String>, Error> {
        let root = Self::disk(dir);
        if !root.is_dir() {
            return Ok(Vec::new());
        }
        let mut found: Vec<String> =
            super::walk::protos_under(&root)?.iter().map(|path| Self::store_path(path)).collect();
        found.sort();
        Ok(found)
    }

    fn describe(&self, path: &str) -> String {
        Self::disk(path).display().to_string()
    }

    fn is_file_system(&self) -> bool {
        true
    }
}
