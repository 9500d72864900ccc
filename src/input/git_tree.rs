//! Indexing a commit's tree (and, when asked, its submodules' trees) by path, checking every
//! loose object before libgit2 reads it.

use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
};

use git2::{ObjectType, Oid, Repository};

use super::loose::LooseObjects;

pub enum IndexError {
    Git(git2::Error),
    Corrupt(String),
    MissingSubmodule { path: String, commit: Oid },
}

impl From<git2::Error> for IndexError {
    fn from(error: git2::Error) -> Self {
        Self::Git(error)
    }
}

/// Every blob and directory of a commit's tree, by path.
#[derive(Default)]
pub struct TreeIndex {
    pub blobs: HashMap<String, Oid>,
    pub dirs: HashSet<String>,
    /// The submodule object directories added as alternates of the repository's database.
    pub alternates: Vec<PathBuf>,
}

impl TreeIndex {
    /// With `recurse`, a submodule's objects become an alternate of `repo`'s database, so its
    /// blobs read like any other; a submodule that is not there is an error, never silently left
    /// out. Without it, submodules are left out, as buf leaves them out.
    pub fn of_commit(
        repo: &Repository,
        loose: &mut LooseObjects,
        commit: Oid,
        recurse: bool,
    ) -> Result<Self, IndexError> {
        let mut index = Self::default();
        let tree = commit_tree(repo, loose, commit)?;
        index.add(repo, loose, repo.path(), tree, "", "", recurse)?;
        Ok(index)
    }

    /// Adds `tree` at `prefix`; `root` is the prefix where the tree of the repository in
    /// `git_dir` starts (submodule paths are relative to it).
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        repo: &Repository,
        loose: &mut LooseObjects,
        git_dir: &Path,
        tree: Oid,
        prefix: &str,
        root: &str,
        recurse: bool,
    ) -> Result<(), IndexError> {
        loose.check(tree).map_err(IndexError::Corrupt)?;
        let entries: Vec<(String, Option<ObjectType>, Oid)> = repo
            .find_tree(tree)?
            .iter()
            .filter_map(|entry| Some((entry.name().ok()?.to_owned(), entry.kind(), entry.id())))
            .collect();
        for (name, kind, oid) in entries {
            let path = format!("{prefix}{name}");
            match kind {
                Some(ObjectType::Blob) => {
                    self.blobs.insert(path, oid);
                }
                Some(ObjectType::Tree) => {
                    self.add(repo, loose, git_dir, oid, &format!("{path}/"), root, recurse)?;
                    self.dirs.insert(path);
                }
                Some(ObjectType::Commit) if recurse => {
                    let in_repo = path.strip_prefix(root).unwrap_or(&path).to_owned();
                    let missing = || IndexError::MissingSubmodule { path: path.clone(), commit: oid };
                    let sub_git_dir = submodule_git_dir(repo, git_dir, &in_repo).ok_or_else(missing)?;
                    let objects = sub_git_dir.join("objects");
                    repo.odb()?.add_disk_alternate(&objects.to_string_lossy())?;
                    self.alternates.push(objects.clone());
                    loose.add(objects);
                    if !repo.odb()?.exists(oid) {
                        return Err(missing());
                    }
                    let sub_tree = commit_tree(repo, loose, oid)?;
                    let sub_prefix = format!("{path}/");
                    self.add(repo, loose, &sub_git_dir, sub_tree, &sub_prefix, &sub_prefix, recurse)?;
                    self.dirs.insert(path);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn commit_tree(repo: &Repository, loose: &LooseObjects, commit: Oid) -> Result<Oid, IndexError> {
    loose.check(commit).map_err(IndexError::Corrupt)?;
    Ok(repo.find_commit(commit)?.tree_id())
}

/// Where a submodule's repository is: `<git dir>/modules/<path>` (what `git submodule` makes),
/// or, for the top repository, one checked out at its path in the work tree.
fn submodule_git_dir(repo: &Repository, git_dir: &Path, in_repo: &str) -> Option<PathBuf> {
    let absorbed = git_dir.join("modules").join(in_repo);
    if absorbed.join("objects").is_dir() {
        return Some(absorbed);
    }
    if git_dir != repo.path() {
        return None;
    }
    let nested = Repository::open(repo.workdir()?.join(in_repo)).ok()?;
    Some(nested.path().to_path_buf())
}
