//! Finding the workspace that controls a directory input, walking up as buf does (reference
//! §3.1): a v2 `buf.yaml` or a v1 `buf.work.yaml` above the input controls it when the input is
//! that directory, lies inside one of its modules, or contains one of them.

use std::path::PathBuf;

use super::{Config, FileVersion, ModuleConfig, parse_buf_work_yaml, parse_buf_yaml};
use crate::{Error, input::Store, paths};

/// `--config`: a file path (ends in .yaml/.yml/.json) or inline YAML/JSON.
#[derive(Debug, Clone)]
pub enum ConfigOverride {
    File(PathBuf),
    Inline(String),
}

impl ConfigOverride {
    pub fn parse(value: &str) -> Self {
        let is_file = [".yaml", ".yml", ".json"].iter().any(|ext| value.ends_with(ext));
        if is_file { Self::File(PathBuf::from(value)) } else { Self::Inline(value.to_owned()) }
    }
}

/// The modules a directory input resolves to. Module paths are relative to `root`.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Store path of the directory that module paths are relative to.
    pub root: String,
    /// The input directory relative to `root` (cleaned; `.` when it is the root).
    pub input_in_root: String,
    pub version: FileVersion,
    pub modules: Vec<WorkspaceModule>,
}

#[derive(Debug, Clone)]
pub struct WorkspaceModule {
    pub config: ModuleConfig,
    /// Whether the input selects this module (others are only visible as imports).
    pub targeted: bool,
}

/// Resolves the workspace for the store directory `input`. `shown` is how the user named it.
pub fn discover_workspace(
    store: &dyn Store,
    input: &str,
    shown: &str,
    config: Option<&ConfigOverride>,
) -> Result<Workspace, Error> {
    if let Some(config) = config {
        let parsed = match config {
            ConfigOverride::File(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Error::new(format!("could not read file: {}", Error::io(path, &e))))?;
                parse_buf_yaml(&text, &path.display().to_string())?
            }
            ConfigOverride::Inline(text) => parse_buf_yaml(text, "--config")?,
        };
        // buf places a v2 `--config` in the working directory, wherever its file is: module
        // paths are relative to it, and the input must be that directory or one of the modules.
        if parsed.version == FileVersion::V2
            && let Some(cwd) = working_directory(store)
            && let Some(input_in_cwd) = paths::strip(&cwd, input)
        {
            let related =
                |m: &ModuleConfig| paths::contains(&m.dir, &input_in_cwd) || paths::contains(&input_in_cwd, &m.dir);
            if !parsed.modules.iter().any(related) {
                let dirs = parsed.modules.iter().map(|m| m.dir.as_str()).collect::<Vec<_>>().join(" ");
                return Err(Error::new(format!("input {shown:?} did not contain modules found in workspace [{dirs}]")));
            }
            return v2_workspace(&cwd, &input_in_cwd, parsed);
        }
        return Ok(single_root(input, parsed));
    }
    for dir in ancestors(input) {
        let buf_yaml = paths::join(&dir, "buf.yaml");
        let buf_work = paths::join(&dir, "buf.work.yaml");
        let (has_yaml, has_work) = (store.is_file(&buf_yaml), store.is_file(&buf_work));
        if has_yaml && has_work {
            return Err(Error::new(format!("{}: buf.work.yaml and buf.yaml cannot be in the same directory", store.describe(&dir)))
                .with_help("a v1 workspace lists its modules in buf.work.yaml; give each module its own buf.yaml in its directory, or migrate to a single v2 buf.yaml"));
        }
        let input_in_dir = paths::strip(&dir, input).unwrap_or_else(|| ".".to_owned());
        if has_work {
            let shown_file = display_config(shown, input, &buf_work);
            let directories = parse_buf_work_yaml(&read(store, &buf_work)?, &shown_file)?;
            if input == dir || directories.iter().any(|d| paths::contains(d, &input_in_dir)) {
                return work_workspace(store, &dir, &input_in_dir, &directories, shown);
            }
            continue;
        }
        if !has_yaml {
            continue;
        }
        let shown_file = display_config(shown, input, &buf_yaml);
        let parsed = parse_buf_yaml(&read(store, &buf_yaml)?, &shown_file)?;
        if parsed.version != FileVersion::V2 {
            if input == dir {
                return Ok(single_root(input, parsed));
            }
            // buf takes a v1 buf.yaml between the input and the working directory for a module
            // the input lies inside (one above the working directory it does not see).
            if let Some(cwd) = working_directory(store)
                && let (Some(input_in_cwd), Some(dir_in_cwd)) = (paths::strip(&cwd, input), paths::strip(&cwd, &dir))
            {
                return Err(contained_error(&input_in_cwd, &dir_in_cwd));
            }
            continue;
        }
        let controls = input == dir
            || parsed
                .modules
                .iter()
                .any(|m| paths::contains(&m.dir, &input_in_dir) || paths::contains(&input_in_dir, &m.dir));
        if controls {
            return v2_workspace(&dir, &input_in_dir, parsed);
        }
    }
    Ok(single_root(input, Config::v1_defaults()))
}

/// The working directory as a path of `store`, when the store is the file system.
fn working_directory(store: &dyn Store) -> Option<String> {
    if !store.is_file_system() {
        return None;
    }
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    Some(crate::input::DiskStore::store_path(&cwd))
}

/// `input`, then each parent up to the store root (`""`).
fn ancestors(input: &str) -> Vec<String> {
    let mut out = vec![input.to_owned()];
    let mut current = input;
    while let Some((parent, _)) = current.rsplit_once('/') {
        out.push(parent.to_owned());
        current = parent;
    }
    if !input.is_empty() {
        out.push(String::new());
    }
    out
}

fn single_root(input: &str, config: Config) -> Workspace {
    Workspace {
        root: input.to_owned(),
        input_in_root: ".".to_owned(),
        version: config.version,
        modules: config.modules.into_iter().map(|config| WorkspaceModule { config, targeted: true }).collect(),
    }
}

fn v2_workspace(root: &str, input_in_root: &str, config: Config) -> Result<Workspace, Error> {
    let inside = config.modules.iter().find(|m| {
        m.dir != input_in_root && m.dir != "." && paths::contains(&m.dir, input_in_root) && input_in_root != "."
    });
    if let Some(module) = inside {
        return Err(contained_error(input_in_root, &module.dir));
    }
    let modules = config
        .modules
        .into_iter()
        .map(|config| {
            let targeted = input_in_root == "." || paths::contains(input_in_root, &config.dir);
            WorkspaceModule { config, targeted }
        })
        .collect::<Vec<_>>();
    if !modules.iter().any(|m| m.targeted)
        && let Some(module) = modules.iter().find(|m| m.config.dir == ".")
    {
        return Err(contained_error(input_in_root, &module.config.dir));
    }
    Ok(Workspace { root: root.to_owned(), input_in_root: input_in_root.to_owned(), version: FileVersion::V2, modules })
}

fn contained_error(shown: &str, module_dir: &str) -> Error {
    Error::new(format!(
        "failed to build input {shown:?} because it is contained by module at path {module_dir:?} specified in your configuration, you must provide the workspace or module as the input, and filter to this path using --path"
    ))
}

fn work_workspace(
    store: &dyn Store,
    root: &str,
    input_in_root: &str,
    directories: &[String],
    shown: &str,
) -> Result<Workspace, Error> {
    let mut modules = Vec::new();
    for dir in directories {
        let module_yaml = paths::join(&paths::join(root, dir), "buf.yaml");
        let mut config = if store.is_file(&module_yaml) {
            let input = paths::join(root, input_in_root);
            let parsed = parse_buf_yaml(&read(store, &module_yaml)?, &display_config(shown, &input, &module_yaml))?;
            parsed.modules.into_iter().next().unwrap_or_else(|| ModuleConfig::new(FileVersion::V1, "."))
        } else {
            ModuleConfig::new(FileVersion::V1, ".")
        };
        // Module-file paths are relative to the module's own directory; rebase on the root.
        config.dir.clone_from(dir);
        config.roots = config.roots.iter().map(|r| paths::join(dir, r)).collect();
        config.excludes = config.excludes.iter().map(|e| paths::join(dir, e)).collect();
        let targeted =
            input_in_root == "." || paths::contains(input_in_root, dir) || paths::contains(dir, input_in_root);
        modules.push(WorkspaceModule { config, targeted });
    }
    if input_in_root != "."
        && !directories.iter().any(|d| paths::contains(input_in_root, d))
        && let Some(dir) = directories.iter().find(|d| paths::contains(d, input_in_root))
    {
        return Err(contained_error(input_in_root, dir));
    }
    Ok(Workspace { root: root.to_owned(), input_in_root: input_in_root.to_owned(), version: FileVersion::V1, modules })
}

fn read(store: &dyn Store, path: &str) -> Result<String, Error> {
    let bytes = store.read(path).map_err(|e| store.read_failure(path, &e))?;
    String::from_utf8(bytes)
        .map_err(|_| Error::new(format!("{}: config file is not valid UTF-8", store.describe(path))))
}

/// A config file as the user would name it: relative to the input they typed.
fn display_config(shown: &str, input: &str, file: &str) -> String {
    let mut up = String::new();
    let mut dir = input.to_owned();
    while !paths::contains(&dir, file) || dir == file {
        up.push_str("../");
        match dir.rsplit_once('/') {
            Some((parent, _)) => dir = parent.to_owned(),
            None if !dir.is_empty() => dir = String::new(),
            None => return file.to_owned(),
        }
    }
    let below =
        if dir.is_empty() { file.to_owned() } else { paths::strip(&dir, file).unwrap_or_else(|| file.to_owned()) };
    paths::join(&paths::join(shown, &up), &below)
}
