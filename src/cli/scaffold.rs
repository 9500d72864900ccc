//! `protogate scaffold`: a tonic server crate for every service of an input: the generated code
//! (the same generator as `protogate generate`), a buf.gen.yaml that keeps it fresh, a server
//! wired with health, reflection, an interceptor, deadlines, gRPC-Web and graceful shutdown, and
//! one skeleton per service. Files that already exist outside `src/generated` are never rewritten.

use std::{
    io::Write,
    path::{Component, Path, PathBuf},
};

use clap::Args;
use prost_types::FileDescriptorSet;

use super::{InputArgs, load_input};
use crate::{
    Error, ExitCode,
    codegen::{
        output,
        rust::RustOptions,
        scaffold::{GENERATED_DIR, RUST_OPTIONS, Scaffold, crate_name},
    },
    input::{InputSpec, parse_input},
};

#[derive(Args, Debug)]
pub struct ScaffoldArgs {
    /// The schema: a directory, a git input or an image.
    #[arg(default_value = ".")]
    input: String,
    /// The directory of the new crate (created if missing).
    #[arg(short, long)]
    output: PathBuf,
    /// The crate name (default: the output directory's name).
    #[arg(long)]
    name: Option<String>,
    /// A buf.yaml path, or inline YAML/JSON config data.
    #[arg(long)]
    config: Option<String>,
}

pub fn run(args: &ScaffoldArgs) -> Result<ExitCode, Error> {
    let dir = &args.output;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::new(format!("{}: exists and is not a directory", dir.display()))
            .with_help("scaffold into a new or existing directory"));
    }
    let name = package_name(args.name.as_deref(), dir)?;
    let input_args = InputArgs {
        input: args.input.clone(),
        config: args.config.clone(),
        paths: Vec::new(),
        exclude_paths: Vec::new(),
        error_format: Vec::new(),
    };
    let schema = load_input(&input_args)?.schema;
    let set = FileDescriptorSet {
        file: schema.files.iter().map(crate::schema::SchemaFile::descriptor_with_source_info).collect(),
    };
    let targets: Vec<String> = schema.targets().map(|f| f.descriptor.name().to_owned()).collect();
    let scaffold = Scaffold::new(&name, &set, &targets, template_input(&args.input, dir)?)?;
    if scaffold.services.is_empty() {
        return Err(Error::new(format!(
            "{}: the input declares no service; there is no server to scaffold",
            args.input
        ))
        .with_help("`protogate generate` writes the message types alone"));
    }

    let options = RustOptions::parse(&RUST_OPTIONS.map(str::to_owned))?;
    let generated = crate::codegen::rust::generate(&set, &targets, &options)?;
    let generated_plan = output::plan(&dir.join(GENERATED_DIR), &generated)?;

    // Everything outside src/generated is the user's once written: only missing files are added.
    let mut own = output::Plan { out: dir.clone(), ..output::Plan::default() };
    let mut kept = Vec::new();
    for (path, content) in scaffold.render()? {
        let target = dir.join(output::confine(&path)?);
        match std::fs::read(&target) {
            Ok(existing) if existing == content => own.unchanged += 1,
            Ok(_) => kept.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                own.changed.insert(path, (None, content));
            }
            Err(e) => return Err(Error::io(&target, &e)),
        }
    }
    let generated_out = crate::codegen::staging::resolve_out(&dir.join(GENERATED_DIR))?;
    crate::codegen::staging::recover(&generated_out)?;
    let written = output::apply_each(&own, false)? + output::apply(&generated_plan, &generated_out, false)?;

    let mut stderr = std::io::stderr().lock();
    for path in &kept {
        let _ = writeln!(
            stderr,
            "protogate scaffold: kept {} (exists and differs; not overwritten)",
            dir.join(path).display()
        );
    }
    let _ = writeln!(
        stderr,
        "protogate scaffold: {written} file(s) written to {} ({} service(s)); next: cd {} && cargo run",
        dir.display(),
        scaffold.services.len(),
        dir.display()
    );
    Ok(ExitCode::Clean)
}

/// `--name`, checked, or a crate name made of the output directory's name.
fn package_name(name: Option<&str>, dir: &Path) -> Result<String, Error> {
    if let Some(name) = name {
        return crate_name(name).filter(|n| n == name).ok_or_else(|| {
            Error::new(format!("--name {name:?} is not a valid crate name"))
                .with_help("use ASCII letters, digits, `-` and `_`, starting with a letter")
        });
    }
    let base = std::path::absolute(dir).map_err(|e| Error::io(dir, &e))?;
    let file_name = base.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate_name(&file_name)
        .ok_or_else(|| Error::new(format!("cannot make a crate name of {file_name:?}")).with_help("pass --name CRATE"))
}

/// The `inputs:` entry of the crate's buf.gen.yaml: a directory or image input, relative to the
/// crate so that `protogate generate` run there finds it; `None` for git inputs.
fn template_input(input: &str, dir: &Path) -> Result<Option<String>, Error> {
    let (key, path) = match parse_input(input)? {
        InputSpec::Directory(path) => ("directory", path),
        InputSpec::Image { path, .. } => ("binary_image", path),
        InputSpec::Git { .. } => return Ok(None),
    };
    let absolute = |p: &Path| std::path::absolute(p).map_err(|e| Error::io(p, &e));
    let relative = relative_path(&normalize(&absolute(Path::new(&path))?), &normalize(&absolute(dir)?));
    let text = crate::paths::to_slash(&relative);
    let quoted = serde_json::to_string(if text.is_empty() { "." } else { &text })
        .map_err(|e| Error::new(format!("quoting {text:?}: {e}")))?;
    Ok(Some(format!("{key}: {quoted}")))
}

/// `path` without `.` and with `..` applied (no symlinks resolved: the directory may not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `target` as seen from `base` (both absolute and normalized).
fn relative_path(target: &Path, base: &Path) -> PathBuf {
    let target: Vec<Component> = target.components().collect();
    let base: Vec<Component> = base.components().collect();
    let common = target.iter().zip(&base).take_while(|(a, b)| a == b).count();
    // Sharing only the root (`/tmp/x` from `/work/y`): the absolute path reads better.
    let shared_root = target.iter().take(common).all(|c| matches!(c, Component::RootDir | Component::Prefix(_)));
    if shared_root {
        return target.iter().collect();
    }
    let mut out: PathBuf = base[common..].iter().map(|_| Component::ParentDir).collect();
    out.extend(&target[common..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let rel = |t: &str, b: &str| crate::paths::to_slash(&relative_path(Path::new(t), Path::new(b)));
        assert_eq!(rel("/a/b/proto", "/a/b/server"), "../proto");
        assert_eq!(rel("/a/b/proto", "/a/b"), "proto");
        assert_eq!(rel("/a/proto", "/a/b/c"), "../../proto");
        assert_eq!(rel("/a", "/a"), "");
        assert_eq!(rel("/tmp/proto", "/work/server"), "/tmp/proto");
    }
}
