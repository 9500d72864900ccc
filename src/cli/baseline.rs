//! `lint --write-baseline FILE`, `lint --baseline FILE [--prune-baseline]`: accept today's
//! findings and fail only on new ones (docs/baseline.md). Without these flags lint is untouched.

use std::{
    collections::HashSet,
    io::Write,
    path::{Path, PathBuf},
};

use clap::Args;

use super::InputArgs;
use crate::{
    Error,
    baseline::{self, Baseline, BaselineKey, Subject},
    diagnostic::Diagnostic,
    schema::Schema,
};

#[derive(Args, Debug, Clone, Default)]
pub struct BaselineArgs {
    /// Record the current findings in FILE as accepted (a baseline), and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Fail only on findings that FILE does not accept; list its entries that are now fixed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: rewrite FILE without the entries that are now fixed.
    #[arg(long, requires = "baseline")]
    pub prune_baseline: bool,
}

/// Applies the baseline flags to lint's findings and returns the ones still to report.
pub fn apply(
    args: &BaselineArgs,
    input: &InputArgs,
    schema: &Schema,
    diagnostics: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, Error> {
    if let Some(path) = &args.write_baseline {
        let written = Baseline::from_findings(&diagnostics);
        write_atomically(path, &baseline::render(&written))?;
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "protogate: wrote {} baseline entries ({} findings) to {}",
            written.entries.len(),
            written.findings(),
            path.display()
        );
        return Ok(Vec::new());
    }
    let Some(path) = &args.baseline else { return Ok(diagnostics) };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(path, &e).with_help("create it with `protogate lint --write-baseline FILE`"))?;
    let accepted = baseline::parse(&text, &path.display().to_string())?;
    // With --path or --exclude-path only some files were linted: entries of the others are
    // not known to be fixed. Without them, an entry of a file that is gone is fixed.
    let limited = !input.paths.is_empty() || !input.exclude_paths.is_empty();
    let linted: HashSet<&str> = schema.targets().map(|f| f.file_ref.module_path.as_str()).collect();
    let comparison = baseline::compare(&accepted, diagnostics, |file| !limited || linted.contains(file));
    report_fixed(path, &comparison.fixed, args.prune_baseline);
    if args.prune_baseline && !comparison.fixed.is_empty() {
        write_atomically(path, &baseline::render(&comparison.pruned))?;
    }
    Ok(comparison.new)
}

fn report_fixed(path: &Path, fixed: &[(BaselineKey, u32)], pruned: bool) {
    if fixed.is_empty() {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let count: u32 = fixed.iter().map(|(_, n)| n).sum();
    let what = if pruned { "removed from" } else { "can be removed from" };
    let _ = writeln!(stderr, "protogate: {count} baselined finding(s) fixed, {what} {}:", path.display());
    for (key, n) in fixed {
        let subject = match &key.subject {
            Subject::Element(name) => name,
            Subject::Message(message) => message,
        };
        let times = if *n > 1 { format!(" (x{n})") } else { String::new() };
        let _ = writeln!(stderr, "  {}\t{}\t{subject}{times}", key.file, key.rule);
    }
    if !pruned {
        let _ = writeln!(stderr, "  help: run with --prune-baseline to rewrite the file without them");
    }
}

fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
    temp.write_all(text.as_bytes()).map_err(|e| Error::io(path, &e))?;
    temp.persist(path).map_err(|e| Error::io(path, &e.error))?;
    Ok(())
}
