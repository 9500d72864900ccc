//! Finding the `.proto` files below a directory the way buf walks a local directory (its
//! `xfilepath.Walk` with symlinks followed): names in byte order; symbolic links followed, a
//! broken one skipped; and every path walked recorded by where it really is, so that a link, or
//! anything reached through one, is skipped when what it points at was walked already. That is
//! why buf ignores `google -> third_party/google` when `third_party` sorts first, even though
//! `third_party` itself is excluded by the module's config, and how link cycles end.

use std::{
    collections::HashSet,
    ffi::OsString,
    fs, io,
    path::{Path, PathBuf},
};

use crate::Error;

use super::store::SKIPPED_DIRS;

/// Every `.proto` file below `root`, as paths under `root` (through links, not resolved), in
/// walk order.
pub fn protos_under(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut walk = Walk { seen: HashSet::from([root.to_path_buf()]), found: Vec::new() };
    walk.dir(root, root, false)?;
    Ok(walk.found)
}

struct Walk {
    /// Real paths walked so far. Paths outside any link are recorded as joined, not resolved,
    /// as buf records them.
    seen: HashSet<PathBuf>,
    found: Vec<PathBuf>,
}

impl Walk {
    fn dir(&mut self, shown: &Path, real: &Path, through_link: bool) -> Result<(), Error> {
        let mut names: Vec<OsString> = fs::read_dir(real)
            .and_then(|entries| entries.map(|entry| entry.map(|e| e.file_name())).collect())
            .map_err(|e| Error::io(shown, &e))?;
        names.sort();
        for name in names {
            let shown = shown.join(&name);
            let Some((real, metadata, is_link)) = resolve(real.join(&name), &shown)? else { continue };
            let through_link = through_link || is_link;
            if through_link && self.seen.contains(&real) {
                continue;
            }
            self.seen.insert(real.clone());
            if metadata.is_dir() {
                if !SKIPPED_DIRS.iter().any(|skipped| name == *skipped) {
                    self.dir(&shown, &real, through_link)?;
                }
            } else if metadata.is_file() && Path::new(&name).extension().is_some_and(|ext| ext == "proto") {
                self.found.push(shown);
            }
        }
        Ok(())
    }
}

/// Where `path` really is and what is there, following a link; `None` for a broken link or an
/// entry that vanished while walking.
fn resolve(path: PathBuf, shown: &Path) -> Result<Option<(PathBuf, fs::Metadata, bool)>, Error> {
    let failed = |error: io::Error| -> Result<_, Error> {
        match error.kind() {
            io::ErrorKind::NotFound => Ok(None),
            _ if error.raw_os_error() == Some(ELOOP) => {
                Err(Error::new(format!("{}: symbolic link loop", shown.display())).with_help(
                    "the link leads back to itself through other links; point it at a real file or directory",
                ))
            }
            _ => Err(Error::io(shown, &error)),
        }
    };
    let metadata = match fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) => return failed(error),
    };
    if !metadata.file_type().is_symlink() {
        return Ok(Some((path, metadata, false)));
    }
    match fs::canonicalize(&path).and_then(|real| fs::metadata(&real).map(|m| (real, m))) {
        Ok((real, metadata)) => Ok(Some((real, metadata, true))),
        Err(error) => failed(error),
    }
}

/// The `errno` of a link cycle, as canonicalize reports it (std has no stable error kind for it).
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::protos_under;

    fn names(root: &std::path::Path) -> Vec<String> {
        let found = protos_under(root).expect("walk");
        found.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect()
    }

    #[test]
    fn a_link_to_what_was_walked_already_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/a")).unwrap();
        std::fs::create_dir_all(root.join("excluded/b")).unwrap();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("real/a/a.proto"), "").unwrap();
        std::fs::write(root.join("excluded/b/b.proto"), "").unwrap();
        symlink("real/a", root.join("linka")).unwrap();
        symlink("real/a", root.join("linkz")).unwrap();
        symlink("excluded/b", root.join("linkb")).unwrap();
        symlink("../real/a", root.join("sub/linkm")).unwrap();
        symlink("real/a/a.proto", root.join("zfile.proto")).unwrap();
        symlink("nowhere", root.join("broken.proto")).unwrap();
        symlink(".", root.join("self")).unwrap();
        // What buf 1.75 walks for the same tree (`buf ls-files`, less what a config excludes).
        assert_eq!(names(root), ["excluded/b/b.proto", "linka/a.proto", "real/a/a.proto"]);
    }

    #[test]
    fn a_file_link_seen_first_hides_the_directory_link_but_not_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/a")).unwrap();
        std::fs::write(root.join("real/a/a.proto"), "").unwrap();
        symlink("real/a/a.proto", root.join("filelink.proto")).unwrap();
        symlink("real/a", root.join("linka")).unwrap();
        assert_eq!(names(root), ["filelink.proto", "real/a/a.proto"]);
    }

    #[test]
    fn a_link_cycle_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        symlink("b.proto", dir.path().join("a.proto")).unwrap();
        symlink("a.proto", dir.path().join("b.proto")).unwrap();
        let error = protos_under(dir.path()).unwrap_err();
        assert!(error.to_string().contains("symbolic link loop"), "{error}");
    }
}
