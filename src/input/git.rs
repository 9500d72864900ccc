//! Git inputs (`.git#branch=main,subdir=proto`), read straight from the object database with
//! git2: no clone, no checkout, no temp dir, no network. The tree's own buf.yaml applies.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    io,
    sync::{Arc, Mutex, PoisonError},
};

use git2::{Oid, Repository};

use super::{
    PathFilter, SKIPPED_DIRS, SourceTree, Store,
    git_tree::{IndexError, TreeIndex},
    loose::LooseObjects,
    resolve_in_store,
};
use crate::{Error, config::ConfigOverride, paths};

const KNOWN_OPTIONS: [&str; 8] = ["branch", "tag", "commit", "ref", "subdir", "depth", "recurse_submodules", "filter"];

/// A commit's tree, indexed once; blobs are read on demand.
pub struct GitStore {
    /// Idle handles on the repository: a handle reads one blob at a time, and inflating blobs
    /// is a good part of reading a tree, so each parsing thread takes a handle of its own.
    repos: Mutex<Vec<Repository>>,
    git_dir: std::path::PathBuf,
    alternates: Vec<std::path::PathBuf>,
    label: String,
    blobs: HashMap<String, Oid>,
    dirs: HashSet<String>,
    loose: LooseObjects,
}

impl std::fmt::Debug for GitStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitStore").field("label", &self.label).field("blobs", &self.blobs.len()).finish_non_exhaustive()
    }
}

impl GitStore {
    fn take_repo(&self) -> io::Result<Repository> {
        if let Some(repo) = self.repos.lock().unwrap_or_else(PoisonError::into_inner).pop() {
            return Ok(repo);
        }
        let cannot = |e: git2::Error| io::Error::other(format!("{}: {}", self.git_dir.display(), e.message()));
        let repo = Repository::open(&self.git_dir).map_err(cannot)?;
        for objects in &self.alternates {
            repo.odb().and_then(|odb| odb.add_disk_alternate(&objects.to_string_lossy())).map_err(cannot)?;
        }
        Ok(repo)
    }
}

impl Store for GitStore {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let oid = self.blobs.get(path).ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the tree"))?;
        self.loose.check(*oid).map_err(io::Error::other)?;
        let repo = self.take_repo()?;
        let content = repo
            .find_blob(*oid)
            .map(|blob| blob.content().to_vec())
            .map_err(|e| io::Error::other(format!("object {oid} cannot be read: {}", e.message())));
        self.repos.lock().unwrap_or_else(PoisonError::into_inner).push(repo);
        content
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

    fn read_failure(&self, path: &str, error: &io::Error) -> Error {
        Error::new(format!("{}: {error}", self.describe(path))).with_help(REPAIR_HELP)
    }
}

const REPAIR_HELP: &str = "the object database is incomplete or corrupt; `git fsck` tells which objects are missing, `git fetch` restores them";

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
    let mut loose = LooseObjects::new(repo.commondir().join("objects"));
    let (commit, label) = resolve_commit(&repo, &loose, repo_path, options)?;
    let recurse = match options.get("recurse_submodules").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(Error::new(format!("invalid recurse_submodules value {other:?}: expected true or false")));
        }
    };
    let TreeIndex { blobs, dirs, alternates } =
        TreeIndex::of_commit(&repo, &mut loose, commit, recurse).map_err(|e| match e {
            IndexError::Git(e) => object_error(repo_path, &label, e.message()),
            IndexError::Corrupt(message) => object_error(repo_path, &label, &message),
            IndexError::MissingSubmodule { path, commit } => {
                Error::new(format!("{label}: submodule {path:?} at commit {commit} is not in the local repository"))
                    .with_help("run `git submodule update --init --recursive`, or leave out recurse_submodules=true")
            }
        })?;
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
    let git_dir = repo.path().to_path_buf();
    let store = GitStore { repos: Mutex::new(vec![repo]), git_dir, alternates, label, blobs, dirs, loose };
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
    loose: &LooseObjects,
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
        let found = candidates.iter().find_map(|name| repo.refname_to_id(name).ok().map(|o| (name.clone(), o)));
        let Some((name, oid)) = found else {
            return Err(Error::new(format!("{repo_path}: branch {branch:?} not found (looked for refs/heads/{branch} and refs/remotes/origin/{branch})"))
                .with_help(format!("fetch it first: `git fetch origin {branch}:{branch}`")));
        };
        let commit = peel(repo, loose, repo_path, &name, oid)?;
        return match get("ref") {
            None => Ok((commit, format!("{repo_path}#branch={branch}"))),
            Some(relative) => {
                let spec =
                    relative.strip_prefix("HEAD").map_or_else(|| relative.to_owned(), |rest| format!("{commit}{rest}"));
                let oid = revparse(repo, loose, repo_path, &spec).map_err(|e| {
                    e.or_not_found(|message| {
                        Error::new(format!("{repo_path}: ref {relative:?} on branch {branch:?} not found: {message}"))
                            .with_help(shallow_help())
                    })
                })?;
                Ok((
                    peel(repo, loose, repo_path, relative, oid)?,
                    format!("{repo_path}#branch={branch},ref={relative}"),
                ))
            }
        };
    }
    if let Some(tag) = get("tag") {
        let oid = repo.refname_to_id(&format!("refs/tags/{tag}")).map_err(|_| {
            Error::new(format!("{repo_path}: tag {tag:?} not found"))
                .with_help(format!("fetch tags first: `git fetch origin tag {tag}`"))
        })?;
        return Ok((peel(repo, loose, repo_path, tag, oid)?, format!("{repo_path}#tag={tag}")));
    }
    if let Some(commit) = get("commit") {
        let oid = Oid::from_str(commit).ok().filter(|_| commit.len() == 40).ok_or_else(|| {
            Error::new(format!("{repo_path}: commit {commit:?} is not a full 40-character SHA"))
                .with_help("use ref= for abbreviated SHAs")
        })?;
        if !repo.odb().is_ok_and(|odb| odb.exists(oid)) {
            return Err(Error::new(format!("{repo_path}: commit {commit} not found")).with_help(shallow_help()));
        }
        return Ok((peel(repo, loose, repo_path, commit, oid)?, format!("{repo_path}#commit={commit}")));
    }
    let spec = get("ref").unwrap_or("HEAD");
    let oid = revparse(repo, loose, repo_path, spec).map_err(|e| {
        e.or_not_found(|message| {
            Error::new(format!("{repo_path}: ref {spec:?} not found: {message}")).with_help(shallow_help())
        })
    })?;
    Ok((peel(repo, loose, repo_path, spec, oid)?, format!("{repo_path}#ref={spec}")))
}

/// How long resolving a `ref=` expression may take. libgit2 walks history for `HEAD~N` and
/// loops forever on a truncated loose commit (see `loose`), which cannot be checked before the
/// walk names it; so the walk runs on its own thread and a hang becomes an error.
const REVPARSE_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

enum RevparseError {
    NotFound(String),
    Corrupt(Error),
}

impl RevparseError {
    fn or_not_found(self, not_found: impl FnOnce(String) -> Error) -> Error {
        match self {
            Self::NotFound(message) => not_found(message),
            Self::Corrupt(error) => error,
        }
    }
}

/// Resolves a revision expression to an object id without peeling it. The object its leading
/// name resolves to is checked first, which catches a truncated tip commit at once.
fn revparse(repo: &Repository, loose: &LooseObjects, repo_path: &str, spec: &str) -> Result<Oid, RevparseError> {
    let base = spec.find(['~', '^', ':', '@']).map_or(spec, |end| &spec[..end]);
    let base_oid = repo
        .resolve_reference_from_short_name(base)
        .ok()
        .and_then(|r| r.resolve().ok())
        .and_then(|r| r.target())
        .or_else(|| Oid::from_str(base).ok().filter(|_| base.len() == 40));
    if let Some(oid) = base_oid {
        loose.check(oid).map_err(|message| {
            RevparseError::Corrupt(Error::new(format!("{repo_path}: {base:?}: {message}")).with_help(REPAIR_HELP))
        })?;
    }
    let git_dir = repo.path().to_path_buf();
    let owned = spec.to_owned();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = Repository::open(&git_dir)
            .and_then(|r| r.revparse_single(&owned).map(|o| o.id()))
            .map_err(|e| e.message().to_owned());
        let _ = sender.send(result);
    });
    match receiver.recv_timeout(REVPARSE_LIMIT) {
        Ok(result) => result.map_err(RevparseError::NotFound),
        Err(_) => Err(RevparseError::Corrupt(
            Error::new(format!(
                "{repo_path}: resolving {spec:?} did not finish within {} s; an object in its history is probably corrupt",
                REVPARSE_LIMIT.as_secs()
            ))
            .with_help(REPAIR_HELP),
        )),
    }
}

/// Peels `oid` (through annotated tags) to a commit, checking each loose object first.
fn peel(repo: &Repository, loose: &LooseObjects, repo_path: &str, name: &str, oid: Oid) -> Result<Oid, Error> {
    let corrupt = |message: String| Error::new(format!("{repo_path}: {name:?}: {message}")).with_help(REPAIR_HELP);
    let mut current = oid;
    let mut through_tag = false;
    loop {
        loose.check(current).map_err(corrupt)?;
        let object = repo.find_object(current, None).map_err(|e| corrupt(e.message().to_owned()))?;
        match object.kind() {
            Some(git2::ObjectType::Commit) => return Ok(current),
            Some(git2::ObjectType::Tag) => {
                current =
                    object.as_tag().map(git2::Tag::target_id).ok_or_else(|| corrupt("unreadable tag".to_owned()))?;
                through_tag = true;
            }
            kind => {
                let kind = kind.map_or("object", |k| k.str());
                let what = if through_tag { format!("a tag of a {kind}") } else { format!("a {kind}") };
                return Err(Error::new(format!("{repo_path}: {name:?} names {what}, not a commit")).with_help(
                    format!("name a branch, a tag or a commit; `git cat-file -t {current}` shows what it names"),
                ));
            }
        }
    }
}

fn object_error(repo_path: &str, label: &str, message: &str) -> Error {
    Error::new(format!("{repo_path}: reading {label} failed: {message}")).with_help(REPAIR_HELP)
}

/// The full commit id a git input names (breaking approvals are pinned to it).
pub fn commit_of(repo_path: &str, options: &BTreeMap<String, String>) -> Result<String, Error> {
    let repo = open(repo_path)?;
    let loose = LooseObjects::new(repo.commondir().join("objects"));
    Ok(resolve_commit(&repo, &loose, repo_path, options)?.0.to_string())
}
