//! `protogate init [DIR]`: a commented v2 `buf.yaml` (module roots detected from where each
//! file's package says it should live) and a `buf.gen.yaml` for the built-in Rust generator.
//! Existing files are never overwritten.

use std::{
    collections::BTreeSet,
    io::Write,
    path::{Path, PathBuf},
};

use clap::Args;

use crate::{Error, ExitCode, input::SKIPPED_DIRS, paths};

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The directory to set up (default: the current directory).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: &InitArgs) -> Result<ExitCode, Error> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::new(format!("{}: not a directory", dir.display())));
    }
    let buf_yaml = dir.join("buf.yaml");
    let buf_gen_yaml = dir.join("buf.gen.yaml");
    for existing in [&buf_yaml, &buf_gen_yaml, &dir.join("buf.work.yaml")] {
        if existing.exists() {
            return Err(Error::new(format!(
                "{} already exists; protogate init never overwrites a file",
                existing.display()
            ))
            .with_help("remove or rename it first, or edit it by hand"));
        }
    }
    let roots = module_roots(dir)?;
    if roots.is_empty() {
        return Err(Error::new(format!("{}: no .proto files found", dir.display())));
    }
    write_new(&buf_yaml, &buf_yaml_text(&roots))?;
    write_new(&buf_gen_yaml, &buf_gen_yaml_text(&roots))?;
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "wrote {} (modules: {}) and {}",
        buf_yaml.display(),
        roots.iter().cloned().collect::<Vec<_>>().join(", "),
        buf_gen_yaml.display()
    );
    Ok(ExitCode::Clean)
}

/// The directories that import paths are relative to: for each file, its directory minus the
/// trailing directories its package names (`proto/shop/v1/a.proto` in `shop.v1` → `proto`);
/// nested roots fold into the outermost one.
fn module_roots(dir: &Path) -> Result<BTreeSet<String>, Error> {
    let mut roots = BTreeSet::new();
    let walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_entry(|e| {
        e.depth() == 0 || !(e.file_type().is_dir() && SKIPPED_DIRS.iter().any(|s| e.file_name() == *s))
    });
    for entry in walker {
        let entry = entry.map_err(|e| Error::new(format!("{}: {e}", dir.display())))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "proto") {
            continue;
        }
        let relative = paths::to_slash(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        let file_dir = relative.rsplit_once('/').map_or(".", |(d, _)| d).to_owned();
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let package_dir = package_of(&text).map(|p| p.replace('.', "/")).unwrap_or_default();
        let root = if package_dir.is_empty() {
            file_dir
        } else if file_dir == package_dir {
            ".".to_owned()
        } else {
            file_dir.strip_suffix(&format!("/{package_dir}")).map_or(file_dir.clone(), str::to_owned)
        };
        roots.insert(root);
    }
    let all = roots.clone();
    roots.retain(|root| !all.iter().any(|other| other != root && paths::contains(other, root)));
    Ok(roots)
}

/// The `package` of a .proto file, read without compiling it.
fn package_of(text: &str) -> Option<String> {
    text.lines().map(str::trim).find_map(|line| {
        let rest = line.strip_prefix("package")?.trim_start();
        Some(rest.split(';').next()?.trim().to_owned()).filter(|p| !p.is_empty())
    })
}

fn buf_yaml_text(roots: &BTreeSet<String>) -> String {
    let mut text = String::from(
        "# Written by `protogate init`. protogate reads this file exactly as buf 1.75 does.\n\
         version: v2\n\
         # Each module is a directory that import paths are relative to.\n\
         modules:\n",
    );
    for root in roots {
        text.push_str("  - path: ");
        text.push_str(root);
        text.push('\n');
    }
    text.push_str(
        "lint:\n\
         \x20 # STANDARD is buf's default set; `protogate rules lint` lists every rule and category.\n\
         \x20 use: [STANDARD]\n\
         \x20 # Comment ignores (`// buf:lint:ignore RULE_ID`) are allowed in v2; to forbid them:\n\
         \x20 # disallow_comment_ignores: true\n\
         breaking:\n\
         \x20 # FILE is the strictest category; WIRE_JSON or WIRE allow source-breaking but\n\
         \x20 # wire-compatible changes (`protogate rules breaking`).\n\
         \x20 use: [FILE]\n",
    );
    text
}

fn buf_gen_yaml_text(roots: &BTreeSet<String>) -> String {
    let mut text = String::from(
        "# Written by `protogate init`: Rust code with protogate's built-in generator, no protoc.\n\
         version: v2\n\
         plugins:\n\
         \x20 - local: protogate-rust\n\
         \x20   out: src/generated\n\
         \x20   # server/client: tonic stubs; file_descriptor_set: for gRPC server reflection.\n\
         \x20   opt: [server, client, file_descriptor_set]\n\
         inputs:\n",
    );
    for root in roots {
        text.push_str("  - directory: ");
        text.push_str(root);
        text.push('\n');
    }
    text
}

fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| Error::io(path, &e))?;
    file.write_all(text.as_bytes()).map_err(|e| Error::io(path, &e))
}
