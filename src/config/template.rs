//! `buf.gen.yaml` v2: the code generation template.

use serde::Deserialize;

use crate::{Error, paths};

/// A validated generation template.
#[derive(Debug, Clone)]
pub struct GenTemplate {
    pub clean: bool,
    pub plugins: Vec<PluginConfig>,
    /// Directories to generate from when no input is given on the command line.
    pub inputs: Vec<String>,
}

/// One plugin run.
#[derive(Debug, Clone)]
pub struct PluginConfig {
    pub plugin: Plugin,
    /// Output directory, relative to the template's directory (or `-o`).
    pub out: String,
    pub opt: Vec<String>,
    pub include_imports: bool,
    pub include_wkt: bool,
}

/// Which generator a plugin entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plugin {
    /// protogate's built-in Rust generator (prost messages, tonic services on request).
    Rust,
    /// A protoc plugin executable: program and arguments.
    Local(Vec<String>),
}

/// The name that selects the built-in Rust generator in `local:`.
pub const BUILTIN_RUST: &str = "protogate-rust";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    version: String,
    #[serde(default)]
    clean: bool,
    #[serde(default)]
    managed: Option<serde_json::Value>,
    #[serde(default)]
    plugins: Vec<RawPlugin>,
    #[serde(default)]
    inputs: Vec<RawInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlugin {
    local: Option<StringOrList>,
    remote: Option<String>,
    protoc_builtin: Option<String>,
    out: String,
    opt: Option<StringOrList>,
    #[serde(default)]
    include_imports: bool,
    #[serde(default)]
    include_wkt: bool,
    strategy: Option<String>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    exclude_types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    directory: Option<String>,
    git_repo: Option<String>,
    module: Option<String>,
    binary_image: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrList {
    One(String),
    Many(Vec<String>),
}

impl StringOrList {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(one) => vec![one],
            Self::Many(many) => many,
        }
    }
}

/// Parses a `buf.gen.yaml`; `source` names it in errors.
pub fn parse_buf_gen_yaml(text: &str, source: &str) -> Result<GenTemplate, Error> {
    let fail = |message: String| Error::new(format!("decode {source}: {message}"));
    let raw: RawTemplate = serde_saphyr::from_str(text).map_err(|e| fail(e.to_string()))?;
    if raw.version != "v2" {
        return Err(fail(format!("unsupported version {:?}", raw.version))
            .with_help("protogate reads buf.gen.yaml version v2 (`version: v2`)"));
    }
    let _ = raw.managed;
    let mut plugins = Vec::with_capacity(raw.plugins.len());
    for plugin in raw.plugins {
        if let Some(remote) = plugin.remote {
            return Err(fail(format!(
                "remote plugin {remote:?} needs the Buf Schema Registry, which protogate cannot reach"
            ))
            .with_help(format!("use `local: {BUILTIN_RUST}` for Rust, or a locally installed protoc plugin")));
        }
        if let Some(builtin) = plugin.protoc_builtin {
            return Err(fail(format!("protoc_builtin {builtin:?} needs protoc, which protogate does not use"))
                .with_help(format!("use `local: {BUILTIN_RUST}` for Rust, or a protoc-gen-* plugin executable")));
        }
        if plugin.strategy.as_deref().is_some_and(|s| s != "all" && s != "directory") {
            return Err(fail(format!("unknown strategy {:?}", plugin.strategy.unwrap_or_default())));
        }
        if !plugin.types.is_empty() || !plugin.exclude_types.is_empty() {
            return Err(fail("types / exclude_types are not supported yet".to_owned()));
        }
        let local = plugin.local.map(StringOrList::into_vec).unwrap_or_default();
        let kind = match local.as_slice() {
            [] => return Err(fail("a plugin needs `local:` (protogate-rust or a plugin executable)".to_owned())),
            [name] if name == BUILTIN_RUST => Plugin::Rust,
            _ => Plugin::Local(local),
        };
        let out = paths::clean(&plugin.out);
        plugins.push(PluginConfig {
            plugin: kind,
            out,
            opt: plugin.opt.map(StringOrList::into_vec).unwrap_or_default(),
            include_imports: plugin.include_imports,
            include_wkt: plugin.include_wkt,
        });
    }
    let mut inputs = Vec::new();
    for input in raw.inputs {
        match (input.directory, input.git_repo, input.module, input.binary_image) {
            (Some(dir), None, None, None) => inputs.push(dir),
            (None, None, None, Some(image)) => inputs.push(image),
            _ => return Err(fail("only `directory` and `binary_image` inputs are supported offline".to_owned())),
        }
    }
    Ok(GenTemplate { clean: raw.clean, plugins, inputs })
}
