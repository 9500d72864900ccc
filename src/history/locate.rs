//! Which repository, and which directory in it, an input lives in.

use std::{collections::BTreeMap, path::Path};

use git2::Repository;

use crate::{Error, input::InputSpec, paths};

/// An input's place in a git repository.
#[derive(Debug, Clone)]
pub struct GitLocation {
    /// The repository as a git input names it (its `.git` directory).
    pub git_dir: String,
    /// The input's directory inside the repository (`""` for the top level).
    pub subdir: String,
    /// The git input's own options (`branch=`, `ref=`, ...) naming its HEAD; empty for a
    /// directory, whose HEAD is the repository's.
    pub head_options: BTreeMap<String, String>,
}

impl GitLocation {
    pub fn open(&self) -> Result<Repository, Error> {
        Repository::open(&self.git_dir)
            .map_err(|e| Error::new(format!("{}: not a git repository ({})", self.git_dir, e.message())))
    }

    /// The git input of this location at `key=value` (`tag=v1.0.0`, `commit=<sha>`). The format
    /// is explicit: a worktree's git directory (`.git/worktrees/x`) does not end in `.git`.
    pub fn input_at(&self, key: &str, value: &str) -> String {
        let mut input = format!("{}#format=git,{key}={value}", self.git_dir);
        if !self.subdir.is_empty() {
            input.push_str(",subdir=");
            input.push_str(&self.subdir);
        }
        input
    }
}

/// Finds the repository of `input`: a directory inside a work tree, or a git input.
pub fn locate(input: &InputSpec, flag: &str) -> Result<GitLocation, Error> {
    match input {
        InputSpec::Directory(dir) => {
            let absolute = Path::new(dir).canonicalize().map_err(|e| Error::io(Path::new(dir), &e))?;
            let repo = Repository::discover(&absolute).map_err(|_| {
                Error::new(format!("{flag}: {dir} is not inside a git repository"))
                    .with_help("run it from a git work tree, or give a git input such as `.git#branch=main`")
            })?;
            let Some(workdir) = repo.workdir() else {
                return Err(Error::new(format!("{flag}: {} is a bare repository", repo.path().display()))
                    .with_help("give the input as a git input, e.g. `repo.git#branch=main,subdir=proto`"));
            };
            let workdir = workdir.canonicalize().map_err(|e| Error::io(workdir, &e))?;
            let relative = absolute.strip_prefix(&workdir).unwrap_or(Path::new(""));
            let subdir = paths::clean(&relative.to_string_lossy().replace('\\', "/"));
            let subdir = if subdir == "." { String::new() } else { subdir };
            Ok(GitLocation { git_dir: repo.path().display().to_string(), subdir, head_options: BTreeMap::new() })
        }
        InputSpec::Git { path, options } => {
            Repository::open(path)
                .map_err(|e| Error::new(format!("{flag}: {path}: not a git repository ({})", e.message())))?;
            let subdir = options.get("subdir").cloned().unwrap_or_default();
            let mut head_options = options.clone();
            head_options.remove("subdir");
            Ok(GitLocation { git_dir: path.clone(), subdir, head_options })
        }
        InputSpec::Image { path, .. } => Err(Error::new(format!("{flag}: {path} is an image, which has no history"))
            .with_help("give a directory inside a git work tree or a git input")),
    }
}
