//! Git inputs (`.git#branch=main,subdir=proto`), read straight from the object database with
//! git2: no clone, no checkout, no temp dir, no network. The tree's own buf.yaml applies.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    io,
    sync::{Arc, Mutex, PoisonError},
};

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::{PathFilter, SKIPPED_DIRS, SourceTree, Store, resolve_in_store};
use crate::{Error, config::ConfigOverride, paths};

const KNOWN_OPTIONS: [&str; 8] = ["branch", "tag", "commit", "ref", "subdir", "depth", "recurse_submodules", "filter"];

/// A commit's tree, indexed once; blobs are read on demand.
pub struct GitStore {
    repo: Mutex<Repository>,
    label: String,
    blobs: HashMap<String, Oid>,
    dirs: HashSet<String>,
}

impl std::fmt::Debug for GitStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitStore").field("label", &self.label).field("blobs", &self.blobs.len()).finish_non_exhaustive()
    }
}

impl Store for GitStore {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let oid = self.blobs.get(path).ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the tree"))?;
        let repo = self.repo.lock().unwrap_or_else(PoisonError::into_inner);
        let blob = repo
            .find_blob(*oid)
            .map_err(|e| io::Error::other(format!("object {oid} cannot be read: {}", e.message())))?;
        Ok(blob.content().to_vec())
    }

    fn is_file(&self, path: &str) -> bool {
        self.blobs.contains_key(path)
    }

    fn is_dir(&self, path: &str) -> bool {
        path.is_empty() || self.dirs.contains(path)
    }

    fn protos_under(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut found: Vec<String> = self
            .blobs
            .keys()
            .filter(|path| path.ends_with(".proto") && paths::contains(dir, path))
            .filter(|path| !path.split('/').any(|segment| SKIPPED_DIRS.contains(&segment)))
            .cloned()
            .collect();
        found.sort();
        Ok(found)
    }

    fn describe(&self, path: &str) -> String {
        format!("{}:{path}", self.label)
    }
}

/// Resolves a git input into its source tree.
pub fn resolve_git(
    repo_path: &str,
    options: &BTreeMap<String, String>,
    config: Option<&ConfigOverride>,
    filter: &PathFilter,
) -> Result<SourceTree, Error> {
    if let Some(unknown) = options.keys().find(|k| !KNOWN_OPTIONS.contains(&k.as_str()) && k.as_str() != "format") {
        return Err(Error::new(format!("invalid git input option {unknown:?}"))
            .with_help(format!("git inputs take: {}", KNOWN_OPTIONS.join(", "))));
    }
    let repo = open(repo_path)?;
    let (commit, label) = resolve_commit(&repo, repo_path, options)?;
    let (blobs, dirs) = index_tree(&repo, commit).map_err(|e| object_error(repo_path, &label, &e))?;
    let subdir =
        options.get("subdir").map_or_else(String::new, |s| paths::clean(s).trim_start_matches("./").to_owned());
    let subdir = if subdir == "." { String::new() } else { subdir };
    if paths::escapes(&subdir) {
        return Err(Error::new(format!("invalid subdir {subdir:?}: it must be a relative path inside the repository")));
    }
    if !subdir.is_empty() && !dirs.contains(&subdir) {
        return Err(Error::new(format!("{label}: the tree has no directory {subdir:?}"))
            .with_help("check the subdir= option against `git ls-tree -d <ref>`"));
    }
    let store = GitStore { repo: Mutex::new(repo), label, blobs, dirs };
    let shown = if subdir.is_empty() { "." } else { subdir.as_str() };
    let shown = shown.to_owned();
    resolve_in_store(Arc::new(store), &subdir, &shown, config, filter)
}

fn open(repo_path: &str) -> Result<Repository, Error> {
    Repository::open(repo_path).map_err(|e| {
        Error::new(format!("{repo_path}: not a git repository ({})", e.message()))
            .with_help("name the repository's .git directory, e.g. `.git#branch=main` from its top level or `../.git#branch=main` from a subdirectory")
    })
}

/// The commit a git input's options name, and the label errors show for it.
pub fn resolve_commit(
    repo: &Repository,
    repo_path: &str,
    options: &BTreeMap<String, String>,
) -> Result<(Oid, String), Error> {
    let get = |key: &str| options.get(key).map(String::as_str);
    let pinned = [get("branch"), get("tag"), get("commit")].iter().filter(|v| v.is_some()).count();
    if pinned > 1 {
        return Err(Error::new("must specify only one of \"branch\", \"commit\", or \"tag\""));
    }
    if get("ref").is_some() && (get("tag").is_some() || get("commit").is_some()) {
        return Err(Error::new(
            "\"ref\" cannot be combined with \"tag\" or \"commit\"; use \"ref\" alone or with \"branch\"",
        ));
    }
    let shallow_help = || {
        if repo.is_shallow() {
            "this is a shallow clone whose history lacks it: run `git fetch --deepen=50` (or `git fetch --unshallow`), or in CI check out with a larger fetch depth".to_owned()
        } else {
            "check the name with `git show-ref` / `git log`".to_owned()
        }
    };
    if let Some(branch) = get("branch") {
        let candidates = [format!("refs/heads/{branch}"), format!("refs/remotes/origin/{branch}")];
        let found = candidates.iter().find_map(|name| repo.revparse_single(name).ok().map(|o| (name.clone(), o)));
        let Some((name, object)) = found else {
            return Err(Error::new(format!("{repo_path}: branch {branch:?} not found (looked for refs/heads/{branch} and refs/remotes/origin/{branch})"))
                .with_help(format!("fetch it first: `git fetch origin {branch}:{branch}`")));
        };
        let commit = peel(repo_path, &name, &object)?;
        return match get("ref") {
            None => Ok((commit, format!("{repo_path}#branch={branch}"))),
            Some(relative) => {
                let spec =
                    relative.strip_prefix("HEAD").map_or_else(|| relative.to_owned(), |rest| format!("{commit}{rest}"));
                let object = repo.revparse_single(&spec).map_err(|e| {
                    Error::new(format!("{repo_path}: ref {relative:?} on branch {branch:?} not found: {}", e.message()))
                        .with_help(shallow_help())
                })?;
                Ok((peel(repo_path, relative, &object)?, format!("{repo_path}#branch={branch},ref={relative}")))
            }
        };
    }
    if let Some(tag) = get("tag") {
        let object = repo.revparse_single(&format!("refs/tags/{tag}")).map_err(|_| {
            Error::new(format!("{repo_path}: tag {tag:?} not found"))
                .with_help(format!("fetch tags first: `git fetch origin tag {tag}`"))
        })?;
        return Ok((peel(repo_path, tag, &object)?, format!("{repo_path}#tag={tag}")));
    }
    if let Some(commit) = get("commit") {
        let oid = Oid::from_str(commit).ok().filter(|_| commit.len() == 40).ok_or_else(|| {
            Error::new(format!("{repo_path}: commit {commit:?} is not a full 40-character SHA"))
                .with_help("use ref= for abbreviated SHAs")
        })?;
        repo.find_commit(oid)
            .map_err(|_| Error::new(format!("{repo_path}: commit {commit} not found")).with_help(shallow_help()))?;
        return Ok((oid, format!("{repo_path}#commit={commit}")));
    }
    let spec = get("ref").unwrap_or("HEAD");
    let object = repo.revparse_single(spec).map_err(|e| {
        Error::new(format!("{repo_path}: ref {spec:?} not found: {}", e.message())).with_help(shallow_help())
    })?;
    Ok((peel(repo_path, spec, &object)?, format!("{repo_path}#ref={spec}")))
}

fn peel(repo_path: &str, name: &str, object: &git2::Object<'_>) -> Result<Oid, Error> {
    object.peel_to_commit().map(|c| c.id()).map_err(|_| {
        Error::new(format!(
            "{repo_path}: {name:?} names a {}, not a commit",
            object.kind().map_or("object", |k| k.str())
        ))
    })
}

fn object_error(repo_path: &str, label: &str, error: &git2::Error) -> Error {
    Error::new(format!("{repo_path}: reading {label} failed: {}", error.message()))
        .with_help("the object database is incomplete or corrupt; `git fsck` tells which objects are missing, `git fetch` restores them")
}

/// Every blob and directory of the commit's tree, by path.
fn index_tree(repo: &Repository, commit: Oid) -> Result<(HashMap<String, Oid>, HashSet<String>), git2::Error> {
    let tree = repo.find_commit(commit)?.tree()?;
    let mut blobs = HashMap::new();
    let mut dirs = HashSet::new();
    tree.walk(TreeWalkMode::PreOrder, |parent, entry| {
        let Ok(name) = entry.name() else { return TreeWalkResult::Skip };
        let path = format!("{parent}{name}");
        match entry.kind() {
            Some(ObjectType::Blob) => {
                blobs.insert(path, entry.id());
            }
            Some(ObjectType::Tree) => {
                dirs.insert(path);
            }
            _ => {}
        }
        TreeWalkResult::Ok
    })?;
    Ok((blobs, dirs))
}

/// The full commit id a git input names (breaking approvals are pinned to it).
pub fn commit_of(repo_path: &str, options: &BTreeMap<String, String>) -> Result<String, Error> {
    let repo = open(repo_path)?;
    Ok(resolve_commit(&repo, repo_path, options)?.0.to_string())
}
