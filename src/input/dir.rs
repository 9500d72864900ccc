//! Resolving a directory of a [`Store`] (the file system, or a git tree) into its workspace and
//! the files of its modules.

use std::{collections::HashMap, sync::Arc};

use super::{DiskStore, PathFilter, Store};
use crate::{
    Error,
    config::{ConfigOverride, Workspace, discover_workspace},
    diagnostic::FileRef,
    paths,
};

/// One .proto file of the workspace.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub file_ref: FileRef,
    /// Where the store keeps it.
    pub store_path: String,
    /// Index into `SourceTree::workspace.modules`.
    pub module: usize,
    /// Selected by the input and the path filters (imports are not).
    pub target: bool,
}

/// The files of a resolved directory input.
#[derive(Debug, Clone)]
pub struct SourceTree {
    pub store: Arc<dyn Store>,
    pub workspace: Workspace,
    pub files: Vec<SourceFile>,
    by_import_path: HashMap<String, usize>,
    /// The input as the user typed it (cleaned): printed paths start with it.
    shown: String,
}

impl SourceTree {
    pub fn find(&self, import_path: &str) -> Option<&SourceFile> {
        self.by_import_path.get(import_path).map(|&i| &self.files[i])
    }

    pub fn targets(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().filter(|f| f.target)
    }

    pub fn read(&self, file: &SourceFile) -> Result<Vec<u8>, Error> {
        self.store.read(&file.store_path).map_err(|e| self.store.read_failure(&file.store_path, &e))
    }

    /// A file an import names that the walk did not list, as buf finds it: buf reads an import
    /// by its path below each module root, so a file reached only through a link to a directory
    /// walked already (`google -> third_party/google`, the links skipped) is still importable,
    /// as an import. Paths a module excludes stay unreachable.
    pub fn importable(&self, import_path: &str) -> Option<SourceFile> {
        if self.find(import_path).is_some() {
            return None;
        }
        self.workspace.modules.iter().enumerate().find_map(|(index, module)| {
            module.config.roots.iter().find_map(|root| {
                let file = module_file(&self.workspace, &self.shown, index, root, import_path.to_owned())?;
                self.store.is_file(&file.store_path).then_some(SourceFile { target: false, ..file })
            })
        })
    }

    /// This tree with `more` files, none of them targets.
    #[must_use]
    pub fn with_files(&self, more: impl IntoIterator<Item = SourceFile>) -> Self {
        let mut tree = self.clone();
        for file in more {
            tree.by_import_path.insert(file.file_ref.module_path.clone(), tree.files.len());
            tree.files.push(SourceFile { target: false, ..file });
        }
        tree
    }
}

/// Resolves the directory `shown` (as typed by the user) on disk.
pub fn resolve_directory(
    shown: &str,
    config: Option<&ConfigOverride>,
    filter: &PathFilter,
) -> Result<SourceTree, Error> {
    let typed = std::path::Path::new(shown);
    let metadata = std::fs::metadata(typed).map_err(|e| Error::io(typed, &e))?;
    if !metadata.is_dir() {
        return Err(Error::new(format!("{shown}: not a directory"))
            .with_help("give a directory of .proto files, a .git repository, or an image file (.binpb, .json)"));
    }
    let absolute = typed.canonicalize().map_err(|e| Error::io(typed, &e))?;
    resolve_in_store(Arc::new(DiskStore), &DiskStore::store_path(&absolute), &paths::real_clean(shown), config, filter)
}

/// Resolves the store directory `input`; `shown` is how paths are printed.
pub fn resolve_in_store(
    store: Arc<dyn Store>,
    input: &str,
    shown: &str,
    config: Option<&ConfigOverride>,
    filter: &PathFilter,
) -> Result<SourceTree, Error> {
    let workspace = discover_workspace(store.as_ref(), input, shown, config)?;
    let shown = paths::clean(shown);
    let mut files = Vec::new();
    let mut by_import_path = HashMap::new();
    for (index, module) in workspace.modules.iter().enumerate() {
        for root in &module.config.roots {
            let root_dir = paths::join(&workspace.root, root);
            for store_path in store.protos_under(&root_dir)? {
                let Some(import_path) = paths::strip(&root_dir, &store_path) else { continue };
                let Some(file) = module_file(&workspace, &shown, index, root, import_path) else { continue };
                let import_path = &file.file_ref.module_path;
                if let Some(&other) = by_import_path.get(import_path) {
                    let other: &SourceFile = &files[other];
                    return Err(Error::new(format!(
                        "{import_path} is contained in multiple modules: {} and {}",
                        other.file_ref.external_path, file.file_ref.external_path
                    ))
                    .with_help(
                        "an import path must name exactly one file; rename one of them or exclude it in buf.yaml",
                    ));
                }
                by_import_path.insert(import_path.clone(), files.len());
                files.push(file);
            }
        }
    }
    if files.is_empty() {
        return Err(no_files_error(&workspace, &shown));
    }
    apply_filter(&mut files, filter, &shown)?;
    if !files.iter().any(|f| f.target) {
        return Err(Error::new(
            "no .proto files were targeted. This can occur if no .proto files are found in your input, --path points to files that do not exist, or --exclude-path excludes all files.",
        ));
    }
    Ok(SourceTree { store, workspace, files, by_import_path, shown })
}

/// The file at `import_path` below `root` of module `index` of `workspace`, unless the module
/// excludes it; printed below `shown`.
fn module_file(
    workspace: &Workspace,
    shown: &str,
    index: usize,
    root: &str,
    import_path: String,
) -> Option<SourceFile> {
    let module = &workspace.modules[index];
    let in_root = paths::join(root, &import_path);
    if is_excluded(&module.config.includes, &module.config.excludes, &in_root) {
        return None;
    }
    Some(SourceFile {
        file_ref: FileRef {
            external_path: external(shown, &workspace.input_in_root, &in_root),
            module_path: import_path,
        },
        store_path: paths::join(&workspace.root, &in_root),
        module: index,
        target: module.targeted,
    })
}

/// buf's failure for a workspace without a single .proto file: it names the module (of a v2
/// workspace, the first by path).
fn no_files_error(workspace: &Workspace, shown: &str) -> Error {
    let module = match workspace.version {
        crate::config::FileVersion::V2 => {
            workspace.modules.iter().map(|m| m.config.dir.as_str()).min().unwrap_or(".").to_owned()
        }
        _ => shown.to_owned(),
    };
    Error::new(format!("Module \"path: {module:?}\" had no .proto files"))
        .with_help("add .proto files to the module, or give the directory that holds them")
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
        let cleaned = paths::real_clean(p);
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
