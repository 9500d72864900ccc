//! `protogate breaking`: buf breaking, byte for byte, with git inputs read in place.

use std::io::Write;

use clap::Args;

use super::{InputArgs, LoadedInput, load_input, output, release};
use crate::{
    Error, ExitCode,
    breaking::{BreakingOptions, BreakingReport, ModuleComparison, breaking},
    report::Format,
};

#[derive(Args, Debug)]
pub struct BreakingArgs {
    #[command(flatten)]
    pub(super) input: InputArgs,
    /// What to compare against: a directory, a git ref (`.git#branch=main`) or an image.
    #[arg(long, required_unless_present_any = ["against_latest_tag", "since"])]
    against: Option<String>,
    /// Config used to build the against input (its buf.yaml otherwise).
    #[arg(long)]
    pub(super) against_config: Option<String>,
    /// Do not report changes located in imported files.
    #[arg(long)]
    exclude_imports: bool,
    /// Compare only the files present in the input (deleted files are then not reported).
    #[arg(long)]
    pub(super) limit_to_input_files: bool,
    #[command(flatten)]
    pub(super) release: release::ReleaseArgs,
    #[command(flatten)]
    approvals: super::approvals::ApprovalArgs,
}

pub fn run(args: &BreakingArgs) -> Result<ExitCode, Error> {
    if args.release.each_commit {
        return release::each_commit(args);
    }
    let destinations = output::destinations(&args.input.error_format, &Format::BREAKING)?;
    let against_args = |input: String| InputArgs {
        input,
        config: args.against_config.clone(),
        paths: args.input.paths.clone(),
        exclude_paths: args.input.exclude_paths.clone(),
        error_format: Vec::new(),
    };
    // Both inputs compile at once when the against input is known up front; the current one's
    // errors still win, as in buf.
    let (current, against, against_input) = if let Some(against) = &args.against {
        let (current, loaded) = rayon::join(|| load_input(&args.input), || load_input(&against_args(against.clone())));
        (current, Some(loaded), against.clone())
    } else {
        let current = load_input(&args.input);
        let against = match &current {
            Ok(_) => release::latest_tag_input(&args.input.input, args.release.pattern())?,
            Err(_) => String::new(),
        };
        (current, None, against)
    };
    let current = match current {
        Ok(input) => input,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            output::write_reports(&destinations, error.compile_diagnostics())?;
            return Ok(ExitCode::Findings);
        }
        Err(error) => return Err(error),
    };
    let against = against.unwrap_or_else(|| load_input(&against_args(against_input.clone())));
    let mut against = match against {
        Ok(input) => input,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            output::write_reports(&destinations, error.compile_diagnostics())?;
            return Ok(ExitCode::Findings);
        }
        Err(error) => return Err(error),
    };
    let report = compare(args, &current, &mut against)?;
    let mut stderr = std::io::stderr().lock();
    for warning in &report.warnings {
        let _ = writeln!(stderr, "WARN\t{warning}");
    }
    let diagnostics = super::approvals::apply(
        &args.approvals,
        &args.input.input,
        &against_input,
        &current.schema,
        report.diagnostics,
    )?;
    output::write_reports(&destinations, &diagnostics)?;
    let code = if diagnostics.is_empty() { ExitCode::Clean } else { ExitCode::Findings };
    super::release_at_exit((diagnostics, current, against));
    Ok(code)
}

/// Runs the breaking engine on two loaded inputs with the command's options.
pub(super) fn compare(
    args: &BreakingArgs,
    current: &LoadedInput,
    against: &mut LoadedInput,
) -> Result<BreakingReport, Error> {
    if args.limit_to_input_files {
        let present: std::collections::HashSet<&str> =
            current.schema.files.iter().map(|f| f.descriptor.name()).collect();
        against.schema.files.retain(|f| present.contains(f.descriptor.name()));
    }
    let modules: Vec<ModuleComparison<'_>> = current
        .modules
        .iter()
        .map(|(index, module)| ModuleComparison {
            config: &module.breaking,
            current_module: *index,
            previous_module: against.modules.iter().find(|(_, m)| m.dir == module.dir).and_then(|(i, _)| *i),
        })
        .collect();
    let options = BreakingOptions { exclude_imports: args.exclude_imports };
    breaking(&against.schema, &current.schema, &modules, options)
}
