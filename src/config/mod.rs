//! Configuration: `buf.yaml` (v1beta1, v1, v2) and `buf.work.yaml`, read strictly and validated
//! into one [`Config`] type with buf's semantics. YAML is parsed with `serde-saphyr`: maintained,
//! panic-free on any input, and it reports line/column for every error and for every
//! `Spanned` value, which the "closest valid word" errors need.

mod discover;
mod load;
mod raw;
mod template;
mod words;

pub use discover::{ConfigOverride, Workspace, WorkspaceModule, discover_workspace};
pub use load::{parse_buf_work_yaml, parse_buf_yaml};
pub use template::{BUILTIN_RUST, GenTemplate, Plugin, PluginConfig, parse_buf_gen_yaml};
pub use words::closest;

/// The `version:` of a config file; decides rule sets and defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileVersion {
    V1Beta1,
    V1,
    V2,
}

impl FileVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1Beta1 => "v1beta1",
            Self::V1 => "v1",
            Self::V2 => "v2",
        }
    }
}

/// Where a word came from, so errors about it can point there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: u64,
    pub column: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A rule or category id as written in the config, validated against the catalogue later
/// (the catalogue belongs to the check engines, not to config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleWord {
    pub id: String,
    pub origin: Option<Origin>,
}

/// A parsed config file.
#[derive(Debug, Clone)]
pub struct Config {
    pub version: FileVersion,
    /// `false` when no file was found and buf's v1 defaults apply.
    pub from_file: bool,
    pub modules: Vec<ModuleConfig>,
}

impl Config {
    /// buf's behaviour without a `buf.yaml`: one module at `.` with v1 defaults.
    pub fn v1_defaults() -> Self {
        Self { version: FileVersion::V1, from_file: false, modules: vec![ModuleConfig::new(FileVersion::V1, ".")] }
    }
}

/// One module of a config file. Paths are cleaned, `/`-separated and relative to the directory
/// holding the config file.
#[derive(Debug, Clone)]
pub struct ModuleConfig {
    pub dir: String,
    /// Directories whose contents are import paths (v1beta1 `build.roots`; otherwise `[dir]`).
    pub roots: Vec<String>,
    pub includes: Vec<String>,
    pub excludes: Vec<String>,
    pub name: Option<String>,
    pub lint: LintConfig,
    pub breaking: BreakingConfig,
}

impl ModuleConfig {
    pub fn new(version: FileVersion, dir: &str) -> Self {
        Self {
            dir: dir.to_owned(),
            roots: vec![dir.to_owned()],
            includes: Vec::new(),
            excludes: Vec::new(),
            name: None,
            lint: LintConfig::defaults(version),
            breaking: BreakingConfig::defaults(version),
        }
    }
}

/// Rule selection and path ignores shared by lint and breaking. Ignore paths are relative to
/// the module's import root, as buf compares them with import paths.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub version: FileVersion,
    pub use_ids: Vec<RuleWord>,
    pub except: Vec<RuleWord>,
    pub ignore: Vec<String>,
    pub ignore_only: Vec<(RuleWord, Vec<String>)>,
    /// An ignore entry named the module itself: buf then skips the module entirely.
    pub disabled: bool,
    pub disable_builtin: bool,
}

impl CheckConfig {
    fn defaults(version: FileVersion) -> Self {
        Self {
            version,
            use_ids: Vec::new(),
            except: Vec::new(),
            ignore: Vec::new(),
            ignore_only: Vec::new(),
            disabled: false,
            disable_builtin: false,
        }
    }

    /// Whether `path` (an import path) is ignored for `rule`, given a function that expands a
    /// category or deprecated id into rule ids.
    pub fn is_ignored(&self, rule: &str, path: &str, expand: &dyn Fn(&str) -> Vec<String>) -> bool {
        if self.ignore.iter().any(|dir| crate::paths::contains(dir, path)) {
            return true;
        }
        self.ignore_only.iter().any(|(word, paths)| {
            (word.id == rule || expand(&word.id).iter().any(|r| r == rule))
                && paths.iter().any(|dir| crate::paths::contains(dir, path))
        })
    }
}

#[derive(Debug, Clone)]
pub struct LintConfig {
    pub check: CheckConfig,
    pub enum_zero_value_suffix: String,
    pub rpc_allow_same_request_response: bool,
    pub rpc_allow_google_protobuf_empty_requests: bool,
    pub rpc_allow_google_protobuf_empty_responses: bool,
    pub service_suffix: String,
    pub comment_ignores: bool,
}

impl LintConfig {
    pub fn defaults(version: FileVersion) -> Self {
        Self {
            check: CheckConfig::defaults(version),
            enum_zero_value_suffix: "_UNSPECIFIED".to_owned(),
            rpc_allow_same_request_response: false,
            rpc_allow_google_protobuf_empty_requests: false,
            rpc_allow_google_protobuf_empty_responses: false,
            service_suffix: "Service".to_owned(),
            comment_ignores: version == FileVersion::V2,
        }
    }
}

#[derive(Debug, Clone)]
pub struct BreakingConfig {
    pub check: CheckConfig,
    pub ignore_unstable_packages: bool,
}

impl BreakingConfig {
    pub fn defaults(version: FileVersion) -> Self {
        Self { check: CheckConfig::defaults(version), ignore_unstable_packages: false }
    }
}
