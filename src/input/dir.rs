//! A directory input: the workspace that controls it and every .proto file of its modules.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use super::PathFilter;
use crate::{
    Error,
    config::{ConfigOverride, Workspace, discover_workspace},
    diagnostic::FileRef,
    paths,
};

/// Directories never walked: VCS metadata and build output, which can hold thousands of stale
/// or vendored .proto copies.
const SKIPPED_DIRS: [&str; 3] = [".git", "target", "node_modules"];

/// One .proto file of the workspace.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub file_ref: FileRef,
    pub disk_path: PathBuf,
    /// Index into `SourceTree::workspace.modules`.
    pub module: usize,
    /// Selected by the input and the path filters (imports are not).
    pub target: bool,
}

/// The files of a resolved directory input.
#[derive(Debug, Clone)]
pub struct SourceTree {
    pub workspace: Workspace,
    pub files: Vec<SourceFile>,
    by_import_path: HashMap<String, usize>,
}

impl SourceTree {
    pub fn find(&self, import_path: &str) -> Option<&SourceFile> {
        self.by_import_path.get(import_path).map(|&i| &self.files[i])
    }

    pub fn targets(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().filter(|f| f.target)
    }
}

/// Resolves the directory `shown` (as typed by the user) into its workspace and files.
pub fn resolve_directory(
    shown: &str,
    config: Option<&ConfigOverride>,
    filter: &PathFilter,
) -> Result<SourceTree, Error> {
    let typed = Path::new(shown);
    let metadata = std::fs::metadata(typed).map_err(|e| Error::io(typed, &e))?;
    if !metadata.is_dir() {
        return Err(Error::new(format!("{shown}: not a directory"))
            .with_help("give a directory of .proto files, a .git repository, or an image file (.binpb, .json)"));
    }
    let absolute = typed.canonicalize().map_err(|e| Error::io(typed, &e))?;
    let workspace = discover_workspace(&absolute, shown, config)?;
    let shown = paths::clean(shown);
    let mut files = Vec::new();
    let mut by_import_path = HashMap::new();
    for (index, module) in workspace.modules.iter().enumerate() {
        for root in &module.config.roots {
            let root_dir = if root == "." { workspace.root.clone() } else { workspace.root.join(root) };
            for (import_path, disk_path) in walk_root(&root_dir)? {
                let in_root = paths::join(root, &import_path);
                if is_excluded(&module.config.includes, &module.config.excludes, &in_root) {
                    continue;
                }
                let external_path = external(&shown, &workspace.input_in_root, &in_root);
                if let Some(&other) = by_import_path.get(&import_path) {
                    let other: &SourceFile = &files[other];
                    return Err(Error::new(format!(
                        "{import_path} is contained in multiple modules: {} and {}",
                        other.file_ref.external_path, external_path
                    ))
                    .with_help(
                        "an import path must name exactly one file; rename one of them or exclude it in buf.yaml",
                    ));
                }
                by_import_path.insert(import_path.clone(), files.len());
                files.push(SourceFile {
                    file_ref: FileRef { external_path, module_path: import_path },
                    disk_path,
                    module: index,
                    target: module.targeted,
                });
            }
        }
    }
    apply_filter(&mut files, filter, &shown)?;
    if !files.iter().any(|f| f.target) {
        return Err(Error::new(
            "no .proto files were targeted. This can occur if no .proto files are found in your input, --path points to files that do not exist, or --exclude-path excludes all files.",
        ));
    }
    Ok(SourceTree { workspace, files, by_import_path })
}

/// Every .proto below `root` as (import path, disk path), sorted by import path.
fn walk_root(root: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
        entry.depth() == 0 || !(entry.file_type().is_dir() && SKIPPED_DIRS.iter().any(|s| entry.file_name() == *s))
    });
    let mut found = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| walk_error(&e))?;
        let is_proto = entry.file_type().is_file() && entry.path().extension().is_some_and(|ext| ext == "proto");
        if is_proto {
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            found.push((paths::to_slash(relative), entry.path().to_path_buf()));
        }
    }
    found.sort();
    Ok(found)
}

fn walk_error(error: &walkdir::Error) -> Error {
    let path = error.path().map_or_else(|| "?".to_owned(), |p| p.display().to_string());
    if error.loop_ancestor().is_some() {
        return Error::new(format!("{path}: symbolic link loop"))
            .with_help("remove the link or point it outside its own ancestors");
    }
    match error.io_error() {
        Some(io) => Error::io(Path::new(&path), io),
        None => Error::new(format!("{path}: {error}")),
    }
}

fn is_excluded(includes: &[String], excludes: &[String], in_root: &str) -> bool {
    (!includes.is_empty() && !includes.iter().any(|dir| paths::contains(dir, in_root)))
        || excludes.iter().any(|dir| paths::contains(dir, in_root))
}

/// The path buf prints: the input as typed, joined with the file's path below the input.
fn external(shown: &str, input_in_root: &str, in_root: &str) -> String {
    if let Some(below) = paths::strip(input_in_root, in_root) {
        paths::join(shown, &below)
    } else {
        let ups = input_in_root.split('/').filter(|s| *s != ".").map(|_| "..").collect::<Vec<_>>().join("/");
        paths::join(&paths::join(shown, &ups), in_root)
    }
}

fn apply_filter(files: &mut [SourceFile], filter: &PathFilter, shown: &str) -> Result<(), Error> {
    let clean = |p: &String| -> Result<String, Error> {
        let cleaned = paths::clean(p);
        let outside = if shown == "." { paths::escapes(&cleaned) } else { !paths::contains(shown, &cleaned) };
        if outside {
            return Err(Error::new(format!("{p}: is outside the context directory")).with_help(format!(
                "--path and --exclude-path take paths as seen from here, inside the input {shown:?}"
            )));
        }
        Ok(cleaned)
    };
    let wanted = filter.paths.iter().map(clean).collect::<Result<Vec<_>, _>>()?;
    let unwanted = filter.exclude_paths.iter().map(clean).collect::<Result<Vec<_>, _>>()?;
    for file in files.iter_mut().filter(|f| f.target) {
        let path = &file.file_ref.external_path;
        let selected = wanted.is_empty() || wanted.iter().any(|w| paths::contains(w, path));
        let excluded = unwanted.iter().any(|w| paths::contains(w, path));
        file.target = selected && !excluded;
    }
    Ok(())
}
