//! `protogate diff`: the API change between two inputs as a changelog, breaking changes marked.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{InputArgs, LoadedInput, load_input, release};
use crate::{
    Error, ExitCode,
    breaking::{BreakingOptions, ModuleComparison, breaking},
    changes,
    report::changelog,
};

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// A directory, a git input (`.git#branch=main`) or an image (`.binpb`, `.json`).
    #[arg(default_value = ".")]
    input: String,
    /// What to compare against: a directory, a git ref (`.git#branch=main`) or an image.
    #[arg(long, required_unless_present = "against_latest_tag")]
    against: Option<String>,
    /// Compare against the highest semver tag matching the glob PATTERN (default `v*`)
    /// reachable from HEAD; give a pattern with `=`: `--against-latest-tag='api/v*'`.
    #[arg(
        long,
        value_name = "PATTERN",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "v*",
        conflicts_with = "against"
    )]
    against_latest_tag: Option<String>,
    /// A buf.yaml path, or inline YAML/JSON config data (its breaking rules mark changes).
    #[arg(long)]
    config: Option<String>,
    /// Config used to build the against input (its buf.yaml otherwise).
    #[arg(long)]
    against_config: Option<String>,
    /// Limit to these files or directories (repeatable).
    #[arg(long = "path")]
    paths: Vec<String>,
    /// Exclude these files or directories (repeatable).
    #[arg(long = "exclude-path")]
    exclude_paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode, Error> {
    let side = |input: String, config: &Option<String>| InputArgs {
        input,
        config: config.clone(),
        paths: args.paths.clone(),
        exclude_paths: args.exclude_paths.clone(),
        error_format: Vec::new(),
    };
    let Some(current) = loaded(load_input(&side(args.input.clone(), &args.config)))? else {
        return Ok(ExitCode::Findings);
    };
    let against = match (&args.against, &args.against_latest_tag) {
        (Some(against), _) => against.clone(),
        (None, pattern) => release::latest_tag_input(&args.input, pattern.as_deref().unwrap_or("v*"))?,
    };
    let Some(previous) = loaded(load_input(&side(against, &args.against_config)))? else {
        return Ok(ExitCode::Findings);
    };
    let modules: Vec<ModuleComparison<'_>> = current
        .modules
        .iter()
        .map(|(index, module)| ModuleComparison {
            config: &module.breaking,
            current_module: *index,
            previous_module: previous.modules.iter().find(|(_, m)| m.dir == module.dir).and_then(|(i, _)| *i),
        })
        .collect();
    let report = breaking(&previous.schema, &current.schema, &modules, BreakingOptions::default())?;
    let mut log = changes::compare(&previous.schema, &current.schema);
    changes::attach_breaking(&mut log, &report.diagnostics);
    let rendered = match args.format {
        DiffFormat::Text => changelog::render_text(&log),
        DiffFormat::Markdown => changelog::render_markdown(&log),
        DiffFormat::Json => changelog::render_json(&log),
    };
    let mut stderr = std::io::stderr().lock();
    for warning in &report.warnings {
        let _ = writeln!(stderr, "WARN\t{warning}");
    }
    std::io::stdout()
        .lock()
        .write_all(rendered.as_bytes())
        .map_err(|e| Error::new(format!("writing to stdout: {e}")))?;
    Ok(ExitCode::Clean)
}

/// The input, or `None` after printing its compile errors (as `breaking` prints them).
fn loaded(result: Result<LoadedInput, Error>) -> Result<Option<LoadedInput>, Error> {
    match result {
        Ok(input) => Ok(Some(input)),
        Err(error) if !error.compile_diagnostics().is_empty() => {
            let text = crate::report::Format::Text.render(error.compile_diagnostics());
            std::io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map_err(|e| Error::new(format!("writing to stdout: {e}")))?;
            Ok(None)
        }
        Err(error) => Err(error),
    }
}
