//! The command line: clap definitions and orchestration. Nothing imports this module.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod build;

use std::io::Write;

use clap::{Args, Parser, Subcommand};

use crate::{Error, ExitCode};

/// Protocol Buffers schema governance: buf-compatible lint and breaking-change detection,
/// Rust code generation, without protoc.
#[derive(Parser, Debug)]
#[command(name = "protogate", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint .proto files (buf lint).
    Lint(InputArgs),
    /// Detect breaking changes against another input (buf breaking).
    Breaking(InputArgs),
    /// Compile an input into an image (buf build).
    Build(build::BuildArgs),
    /// Generate Rust code (prost + tonic) without protoc.
    Generate(InputArgs),
    /// List lint and breaking rules.
    Rules,
}

/// Options shared by the commands that read an input.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// A directory, a git input (`.git#branch=main`) or an image (`.binpb`, `.json`).
    #[arg(default_value = ".")]
    pub input: String,
    /// A buf.yaml path, or inline YAML/JSON config data.
    #[arg(long)]
    pub config: Option<String>,
    /// Limit to these files or directories (repeatable).
    #[arg(long = "path")]
    pub paths: Vec<String>,
    /// Exclude these files or directories (repeatable).
    #[arg(long = "exclude-path")]
    pub exclude_paths: Vec<String>,
    /// Output format for findings.
    #[arg(long = "error-format")]
    pub error_format: Vec<String>,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            let code = if error.use_stderr() { ExitCode::Failure } else { ExitCode::Clean };
            return exit(code);
        }
    };
    let result = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Lint(_) => Err(Error::not_implemented("protogate lint")),
        Command::Breaking(_) => Err(Error::not_implemented("protogate breaking")),
        Command::Generate(_) => Err(Error::not_implemented("protogate generate")),
        Command::Rules => Err(Error::not_implemented("protogate rules")),
    };
    match result {
        Ok(code) => exit(code),
        Err(error) => exit(report_failure(&error)),
    }
}

fn exit(code: ExitCode) -> std::process::ExitCode {
    std::process::ExitCode::from(code as u8)
}

/// Prints a failure on stderr the way buf does (`Failure: ...`), plus protogate's help line.
fn report_failure(error: &Error) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    if !error.compile_diagnostics().is_empty() {
        let _ = stderr.write_all(crate::report::text(error.compile_diagnostics()).as_bytes());
        return error.exit_code();
    }
    let _ = writeln!(stderr, "Failure: {error}");
    if let Some(help) = error.help() {
        let _ = writeln!(stderr, "  help: {help}");
    }
    error.exit_code()
}

/// Resolves and compiles an input into a schema.
pub(crate) fn load_schema(args: &InputArgs) -> Result<crate::schema::Schema, Error> {
    use crate::input::{InputSpec, PathFilter, parse_input, read_image, resolve_directory};
    let filter = PathFilter { paths: args.paths.clone(), exclude_paths: args.exclude_paths.clone() };
    match parse_input(&args.input)? {
        InputSpec::Directory(dir) => {
            let config = args.config.as_deref().map(crate::config::ConfigOverride::parse);
            let tree = resolve_directory(&dir, config.as_ref(), &filter)?;
            crate::compile::compile_tree(&tree)
        }
        InputSpec::Image { path, format } => {
            Ok(crate::compile::schema_from_image(read_image(Path::new(&path), format)?))
        }
        InputSpec::Git { .. } => Err(Error::not_implemented("git inputs")),
    }
}

use std::path::Path;
