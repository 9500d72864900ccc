//! The command line: clap definitions and orchestration. Nothing imports this module.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod approvals;
mod baseline;
mod breaking;
mod build;
mod diff;
mod fix;
mod generate;
mod init;
mod lint;
mod output;
mod release;
mod rules;
mod scaffold;

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
    Lint(lint::LintArgs),
    /// Detect breaking changes against another input (buf breaking).
    Breaking(breaking::BreakingArgs),
    /// A changelog of the API change against another input: added, removed and changed
    /// elements, the breaking ones marked (Markdown for pull requests, JSON, text).
    Diff(diff::DiffArgs),
    /// Compile an input into an image (buf build).
    Build(build::BuildArgs),
    /// Generate code from a buf.gen.yaml template: Rust (prost + tonic) built in, without protoc.
    Generate(generate::GenerateArgs),
    /// Create a tonic server crate for every service of an input: health, reflection, auth,
    /// deadlines, gRPC-Web, graceful shutdown, and a skeleton per service.
    Scaffold(scaffold::ScaffoldArgs),
    /// Write a commented buf.yaml (module roots detected) and a buf.gen.yaml for Rust.
    Init(init::InitArgs),
    /// List lint and breaking rules, or print one rule's documentation.
    Rules(rules::RulesArgs),
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
    // Linking recurses once per nesting level of an option's message literal (buf allows 100)
    // on rayon's threads, which get 2 MB of stack by default: not enough in a debug build.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(32 << 20).build_global();
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
        Command::Lint(args) => lint::run(&args),
        Command::Breaking(args) => breaking::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Scaffold(args) => scaffold::run(&args),
        Command::Rules(args) => rules::run(&args),
    };
    match result {
        Ok(code) => exit(code),
        Err(error) => exit(report_failure(&error)),
    }
}

/// Leaves a compiled input to the operating system: the process exits right after, and walking a
/// heap of millions of descriptors to free it costs more than a tenth of a googleapis lint.
pub(crate) fn release_at_exit<T>(value: T) {
    std::mem::forget(value);
}

fn exit(code: ExitCode) -> std::process::ExitCode {
    std::process::ExitCode::from(code as u8)
}

/// Prints a failure on stderr the way buf does (`Failure: ...`), plus protogate's help line.
fn report_failure(error: &Error) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    if !error.compile_diagnostics().is_empty() {
        let diagnostics = error.compile_diagnostics();
        let _ = stderr.write_all(crate::report::Format::Text.render(diagnostics).as_bytes());
        let mut helps: Vec<&str> = diagnostics.iter().filter_map(|d| d.help.as_deref()).collect();
        helps.dedup();
        for help in helps {
            let _ = writeln!(stderr, "  help: {help}");
        }
        return error.exit_code();
    }
    let _ = writeln!(stderr, "Failure: {error}");
    if let Some(help) = error.help() {
        let _ = writeln!(stderr, "  help: {help}");
    }
    error.exit_code()
}

/// A compiled input and the config of each module in it.
pub(crate) struct LoadedInput {
    pub schema: crate::schema::Schema,
    /// (module index in the schema, its config); one `None` entry for image inputs.
    pub modules: Vec<(Option<usize>, crate::config::ModuleConfig)>,
}

/// Resolves and compiles an input into a schema.
pub(crate) fn load_input(args: &InputArgs) -> Result<LoadedInput, Error> {
    load_input_with(args, crate::compile::CompileOptions::default())
}

/// [`load_input`], keeping what `options` asks for.
pub(crate) fn load_input_with(args: &InputArgs, options: crate::compile::CompileOptions) -> Result<LoadedInput, Error> {
    use crate::config::{Config, ConfigOverride, parse_buf_yaml};
    use crate::input::{InputSpec, PathFilter, parse_input, read_image, resolve_directory};
    let filter = PathFilter { paths: args.paths.clone(), exclude_paths: args.exclude_paths.clone() };
    let config = args.config.as_deref().map(ConfigOverride::parse);
    match parse_input(&args.input)? {
        InputSpec::Directory(dir) => compile_tree(&resolve_directory(&dir, config.as_ref(), &filter)?, options),
        InputSpec::Image { path, format } => {
            let schema = crate::compile::schema_from_image(read_image(Path::new(&path), format)?);
            let parsed = match &config {
                None => Config::v1_defaults(),
                Some(ConfigOverride::Inline(text)) => parse_buf_yaml(text, "--config")?,
                Some(ConfigOverride::File(file)) => {
                    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, &e))?;
                    parse_buf_yaml(&text, &file.display().to_string())?
                }
            };
            let module = parsed
                .modules
                .into_iter()
                .next()
                .unwrap_or_else(|| crate::config::ModuleConfig::new(parsed.version, "."));
            Ok(LoadedInput { schema, modules: vec![(None, module)] })
        }
        InputSpec::Git { path, options: git_options } => {
            compile_tree(&crate::input::resolve_git(&path, &git_options, config.as_ref(), &filter)?, options)
        }
    }
}

/// Compiles a resolved tree; its targeted modules carry their configs.
fn compile_tree(
    tree: &crate::input::SourceTree,
    options: crate::compile::CompileOptions,
) -> Result<LoadedInput, Error> {
    let schema = crate::compile::compile_tree_with(tree, options)?;
    let modules = tree
        .workspace
        .modules
        .iter()
        .enumerate()
        .filter(|(_, m)| m.targeted)
        .map(|(i, m)| (Some(i), m.config.clone()))
        .collect();
    Ok(LoadedInput { schema, modules })
}

use std::path::Path;
