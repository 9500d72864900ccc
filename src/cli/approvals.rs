//! `breaking --approvals FILE` and `// protogate:breaking:ignore` comments: reviewed breaks
//! pass for the comparison they were approved for (docs/approvals.md). With neither, breaking
//! is untouched.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use clap::Args;

use crate::{
    Error,
    breaking::approvals::{self, Against, Approval},
    diagnostic::Diagnostic,
    input::{InputSpec, commit_of, parse_input},
    schema::Schema,
};

/// Looked for next to the buf.yaml of a directory input when `--approvals` is not given.
pub const APPROVALS_FILE: &str = "protogate.approvals.yaml";

#[derive(Args, Debug, Clone, Default)]
pub struct ApprovalArgs {
    /// Approved breaking changes (rule, element, against ref, reason); default: a
    /// protogate.approvals.yaml next to the input's buf.yaml.
    #[arg(long, value_name = "FILE")]
    pub approvals: Option<PathBuf>,
}

/// Sets aside the approved findings, reports them and the unused approvals on stderr, and
/// returns the findings still to report.
pub fn apply(
    args: &ApprovalArgs,
    input: &str,
    against_input: &str,
    current: &Schema,
    diagnostics: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, Error> {
    let rule_ids: Vec<&str> = crate::breaking::catalogue().iter().map(|m| m.id).collect();
    let path = args.approvals.clone().or_else(|| discover(input));
    let listed: Vec<Approval> = match &path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
            approvals::parse_approvals(&text, &path.display().to_string(), &rule_ids)?
        }
        None => Vec::new(),
    };
    let against = Against { input: against_input.to_owned(), commit: against_commit(against_input, &listed)? };
    let outcome = approvals::apply(current, diagnostics, &listed, &against, &rule_ids);
    let mut stderr = std::io::stderr().lock();
    for approved in &outcome.approved {
        let d = &approved.diagnostic;
        let at = d.file.as_ref().map_or_else(
            || "<input>".to_owned(),
            |f| format!("{}:{}:{}", f.external_path, d.span.start_line, d.span.start_column),
        );
        let _ = writeln!(
            stderr,
            "APPROVED\t{at}:{} ({} on {}, approved by {}: {})",
            d.message, d.rule, approved.element, approved.by, approved.reason
        );
    }
    for warning in &outcome.warnings {
        let _ = writeln!(stderr, "WARN\t{warning}");
    }
    Ok(outcome.remaining)
}

/// The commit a git against input resolves to, only needed when an approval could match it.
fn against_commit(against: &str, listed: &[Approval]) -> Result<Option<String>, Error> {
    if listed.is_empty() {
        return Ok(None);
    }
    match parse_input(against)? {
        InputSpec::Git { path, options } => commit_of(&path, &options).map(Some),
        _ => Ok(None),
    }
}

/// `protogate.approvals.yaml` in the nearest directory at or above a directory input that has
/// a buf.yaml or buf.work.yaml (the input itself when none has).
fn discover(input: &str) -> Option<PathBuf> {
    let Ok(InputSpec::Directory(dir)) = parse_input(input) else { return None };
    let start = Path::new(&dir);
    let config_dir = start
        .ancestors()
        .find(|dir| ["buf.yaml", "buf.work.yaml"].iter().any(|name| dir.join(name).is_file()))
        .unwrap_or(start);
    let path = if config_dir.as_os_str().is_empty() || config_dir == Path::new(".") {
        PathBuf::from(APPROVALS_FILE)
    } else {
        config_dir.join(APPROVALS_FILE)
    };
    Some(path).filter(|path| path.is_file())
}
