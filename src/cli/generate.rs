//! `protogate generate`: a buf.gen.yaml v2 template, the built-in Rust generator or protoc
//! plugins, and an output tree written only where it changed (`--check` writes nothing).

use std::{
    collections::BTreeMap,
    io::Write,
    path::{Path, PathBuf},
};

use clap::Args;
use prost_types::FileDescriptorSet;

use super::{InputArgs, load_input};
use crate::{
    Error, ExitCode,
    codegen::{lock, output, plugin, rust::RustOptions, staging},
    config::{ConfigOverride, GenTemplate, Plugin, parse_buf_gen_yaml},
};

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Input to generate from (default: the template's `inputs`, else `.`).
    input: Option<String>,
    /// The template: a buf.gen.yaml path or inline YAML (default: ./buf.gen.yaml).
    #[arg(long)]
    template: Option<String>,
    /// Base directory prepended to every plugin's `out`.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write nothing; exit 100 with a diff when generated files are stale, missing or extra.
    #[arg(long)]
    check: bool,
    /// Also generate for imported files.
    #[arg(long)]
    include_imports: bool,
    /// Also generate for well-known types (with --include-imports).
    #[arg(long)]
    include_wkt: bool,
    /// Remove files in each `out` that generation does not produce.
    #[arg(long)]
    clean: bool,
    #[arg(long)]
    config: Option<String>,
    #[arg(long = "path")]
    paths: Vec<String>,
    #[arg(long = "exclude-path")]
    exclude_paths: Vec<String>,
}

pub fn run(args: &GenerateArgs) -> Result<ExitCode, Error> {
    let template = read_template(args.template.as_deref())?;
    let input = args.input.clone().or_else(|| template.inputs.first().cloned()).unwrap_or_else(|| ".".to_owned());
    let input_args = InputArgs {
        input,
        config: args.config.clone(),
        paths: args.paths.clone(),
        exclude_paths: args.exclude_paths.clone(),
        error_format: Vec::new(),
    };
    let schema = load_input(&input_args)?.schema;
    let base = args.output.clone().unwrap_or_default();
    let clean = args.clean || template.clean;
    // Plugins sharing an `out` write one tree (buf allows it): each `out` is replaced as a whole.
    let mut outputs: BTreeMap<PathBuf, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    for entry in &template.plugins {
        let include_imports = args.include_imports || entry.include_imports;
        let include_wkt = include_imports && (args.include_wkt || entry.include_wkt);
        let selected: Vec<&crate::schema::SchemaFile> = schema
            .files
            .iter()
            .filter(|f| !f.is_import || (include_imports && (include_wkt || f.module.is_some())))
            .collect();
        let targets: Vec<String> = selected.iter().map(|f| f.descriptor.name().to_owned()).collect();
        let files = match &entry.plugin {
            Plugin::Rust => {
                let set = FileDescriptorSet {
                    file: schema.files.iter().map(crate::schema::SchemaFile::descriptor_with_source_info).collect(),
                };
                crate::codegen::rust::generate(&set, &targets, &RustOptions::parse(&entry.opt)?)?
            }
            Plugin::Local(command) => {
                let set = FileDescriptorSet {
                    file: schema.files.iter().map(crate::schema::SchemaFile::descriptor_with_source_info).collect(),
                };
                plugin::run(command, &set, &targets, &entry.opt.join(","))?
            }
        };
        let out = PathBuf::from(crate::paths::clean(&crate::paths::to_slash(&base.join(&entry.out))));
        let tree = outputs.entry(out.clone()).or_default();
        for (name, content) in files {
            if tree.get(&name).is_some_and(|existing| *existing != content) {
                return Err(Error::new(format!(
                    "{}: two plugins generate {name:?} with different content",
                    out.display()
                )));
            }
            tree.insert(name, content);
        }
    }
    if args.check {
        let plans = outputs.iter().map(|(out, files)| output::plan(out, files)).collect::<Result<Vec<_>, _>>()?;
        let stale = plans.iter().any(|p| !p.changed.is_empty() || !p.extra.is_empty());
        let mut stdout = std::io::stdout().lock();
        for plan in &plans {
            let _ = stdout.write_all(output::diff(plan, true).as_bytes());
        }
        return Ok(if stale { ExitCode::Findings } else { ExitCode::Clean });
    }
    let resolved = outputs.keys().map(|out| staging::resolve_out(out)).collect::<Result<Vec<_>, _>>()?;
    let mut on_wait = |lock: &Path| {
        let _ = writeln!(
            std::io::stderr().lock(),
            "protogate generate: another protogate generate holds {}; waiting for it to finish",
            lock.display()
        );
    };
    let written = lock::hold_all(&resolved, &mut on_wait, || {
        let mut written = 0;
        for ((out, files), real) in outputs.iter().zip(&resolved) {
            staging::recover(real)?;
            written += output::apply(&output::plan(out, files)?, real, clean)?;
        }
        Ok(written)
    })?;
    let _ = writeln!(std::io::stderr().lock(), "protogate generate: {written} file(s) written");
    Ok(ExitCode::Clean)
}

fn read_template(value: Option<&str>) -> Result<GenTemplate, Error> {
    let (text, source) = match value {
        Some(value) => match ConfigOverride::parse(value) {
            ConfigOverride::Inline(inline) => (inline, "--template".to_owned()),
            ConfigOverride::File(path) => (read(&path.to_string_lossy())?, path.display().to_string()),
        },
        None => (
            read("buf.gen.yaml").map_err(|e| e.with_help("create a buf.gen.yaml (version: v2, plugins: [{local: protogate-rust, out: src/gen}]) or pass --template"))?,
            "buf.gen.yaml".to_owned(),
        ),
    };
    parse_buf_gen_yaml(&text, &source)
}

fn read(path: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::io(std::path::Path::new(path), &e))
}
