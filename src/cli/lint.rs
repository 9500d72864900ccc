//! `protogate lint`: buf lint, byte for byte.

use std::io::Write;

use clap::Args;

use super::{InputArgs, baseline::BaselineArgs, load_input, output};
use crate::{
    Error, ExitCode,
    lint::{ModuleLint, lint_with_fixes},
    report::Format,
};

#[derive(Args, Debug)]
pub struct LintArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    baseline: BaselineArgs,
    #[command(flatten)]
    fix: super::fix::FixArgs,
}

pub fn run(lint_args: &LintArgs) -> Result<ExitCode, Error> {
    if lint_args.fix.fix {
        return super::fix::run(&lint_args.input, &lint_args.fix);
    }
    let args = &lint_args.input;
    let destinations = output::destinations(&args.error_format, &Format::LINT)?;
    let input = match load_input(args) {
        Ok(input) => input,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            // Compile errors are findings for lint: printed in the chosen format, exit 100.
            output::write_compile_errors(&destinations, error.compile_diagnostics(), output::Stream::Stdout)?;
            return Ok(ExitCode::Findings);
        }
        Err(error) => return Err(error),
    };
    let modules: Vec<ModuleLint<'_>> =
        input.modules.iter().map(|(module, config)| ModuleLint { module: *module, config: &config.lint }).collect();
    let shows_fixes = destinations.iter().any(|d| matches!(d.format, Format::Pretty | Format::Sarif));
    let report = lint_with_fixes(&input.schema, &modules, shows_fixes)?;
    let mut stderr = std::io::stderr().lock();
    for warning in &report.warnings {
        let _ = writeln!(stderr, "WARN\t{warning}");
    }
    let diagnostics = super::baseline::apply(&lint_args.baseline, args, &input.schema, report.diagnostics)?;
    output::write_reports(&destinations, &diagnostics)?;
    let code = if diagnostics.is_empty() { ExitCode::Clean } else { ExitCode::Findings };
    super::release_at_exit((diagnostics, input));
    Ok(code)
}
