//! `buf.yaml`, `buf.work.yaml` as written: strict serde types, one per file version.
//! Validation into [`super::Config`] happens in `super::load`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

pub type Word = Spanned<String>;

/// Only the `version` key, read first to choose the schema.
#[derive(Deserialize)]
pub struct VersionProbe {
    pub version: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BufYamlV1 {
    #[allow(dead_code)]
    pub version: String,
    pub name: Option<String>,
    #[serde(default)]
    pub deps: Vec<Word>,
    pub build: Option<BuildV1>,
    pub lint: Option<LintV1>,
    pub breaking: Option<Breaking>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildV1 {
    #[serde(default)]
    pub roots: Vec<Word>,
    #[serde(default)]
    pub excludes: Vec<Word>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BufYamlV2 {
    #[allow(dead_code)]
    pub version: String,
    pub name: Option<String>,
    #[serde(default)]
    pub modules: Vec<ModuleV2>,
    #[serde(default)]
    pub deps: Vec<Word>,
    pub lint: Option<LintV2>,
    pub breaking: Option<Breaking>,
    /// Check plugins and policies are accepted for compatibility; protogate runs only its
    /// built-in rules and says so when these are present.
    #[serde(default)]
    pub plugins: Vec<serde_json::Value>,
    #[serde(default)]
    pub policies: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleV2 {
    pub path: Option<Word>,
    pub name: Option<String>,
    #[serde(default)]
    pub includes: Vec<Word>,
    #[serde(default)]
    pub excludes: Vec<Word>,
    pub lint: Option<LintV2>,
    pub breaking: Option<Breaking>,
}

macro_rules! lint_block {
    ($name:ident, $comment_key:ident) => {
        #[derive(Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            #[serde(default, rename = "use")]
            pub use_ids: Vec<Word>,
            #[serde(default)]
            pub except: Vec<Word>,
            #[serde(default)]
            pub ignore: Vec<Word>,
            #[serde(default)]
            pub ignore_only: BTreeMap<String, Vec<Word>>,
            pub enum_zero_value_suffix: Option<String>,
            #[serde(default)]
            pub rpc_allow_same_request_response: bool,
            #[serde(default)]
            pub rpc_allow_google_protobuf_empty_requests: bool,
            #[serde(default)]
            pub rpc_allow_google_protobuf_empty_responses: bool,
            pub service_suffix: Option<String>,
            #[serde(default)]
            pub $comment_key: bool,
            #[serde(default)]
            pub disable_builtin: bool,
        }
    };
}

// v1beta1/v1 opt in to comment ignores; v2 opts out. The other keys are the same.
lint_block!(LintV1, allow_comment_ignores);
lint_block!(LintV2, disallow_comment_ignores);

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Breaking {
    #[serde(default, rename = "use")]
    pub use_ids: Vec<Word>,
    #[serde(default)]
    pub except: Vec<Word>,
    #[serde(default)]
    pub ignore: Vec<Word>,
    #[serde(default)]
    pub ignore_only: BTreeMap<String, Vec<Word>>,
    #[serde(default)]
    pub ignore_unstable_packages: bool,
    #[serde(default)]
    pub disable_builtin: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BufWorkYaml {
    #[allow(dead_code)]
    pub version: String,
    #[serde(default)]
    pub directories: Vec<Word>,
}
