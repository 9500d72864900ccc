//! Release-aware `breaking`: `--against-latest-tag [PATTERN]` and `--since REF --each-commit`.

use std::io::Write;

use clap::Args;
use git2::Oid;

use super::{InputArgs, breaking::BreakingArgs, load_input};
use crate::{
    Error, ExitCode,
    diagnostic::Diagnostic,
    history::{self, GitLocation},
    input::parse_input,
    report::attribution,
};

#[derive(Args, Debug)]
pub struct ReleaseArgs {
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
    pub against_latest_tag: Option<String>,
    /// With --each-commit: where the walk starts (a commit, tag or branch on HEAD's history).
    #[arg(long, value_name = "REF", requires = "each_commit", conflicts_with_all = ["against", "against_latest_tag"])]
    pub since: Option<String>,
    /// Walk the first-parent commits REF..HEAD and name, for each breaking change at HEAD
    /// against REF, the commit that introduced it.
    #[arg(long, requires = "since")]
    pub each_commit: bool,
}

impl ReleaseArgs {
    pub fn pattern(&self) -> &str {
        self.against_latest_tag.as_deref().unwrap_or("v*")
    }
}

/// The git input of the latest release tag, in the input's own repository and directory.
pub fn latest_tag_input(input: &str, pattern: &str) -> Result<String, Error> {
    let location = history::locate(&parse_input(input)?, "--against-latest-tag")?;
    let repo = location.open()?;
    let head = head_commit(&repo, &location)?;
    let tag = history::latest_release_tag(&repo, head, pattern)?;
    let short = tag.commit.to_string();
    let _ = writeln!(
        std::io::stderr().lock(),
        "comparing against tag {} ({}, commit {})",
        tag.name,
        tag.version,
        &short[..12]
    );
    Ok(location.input_at("tag", &tag.name))
}

fn head_commit(repo: &git2::Repository, location: &GitLocation) -> Result<Oid, Error> {
    if location.head_options.is_empty() {
        let head = repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .map_err(|e| Error::new(format!("{}: HEAD does not name a commit: {}", location.git_dir, e.message())))?;
        return Ok(head.id());
    }
    let loose = crate::input::LooseObjects::new(repo.commondir().join("objects"));
    crate::input::resolve_commit(repo, &loose, &location.git_dir, &location.head_options).map(|(oid, _)| oid)
}

/// `breaking --since REF --each-commit`.
pub fn each_commit(args: &BreakingArgs) -> Result<ExitCode, Error> {
    let json = match args.input.error_format.as_slice() {
        [] => false,
        [format] if format == "text" => false,
        [format] if format == "json" => true,
        _ => {
            return Err(Error::new("--each-commit: --error-format must be text or json")
                .with_help("the attribution report has its own text and json layouts"));
        }
    };
    let since = args.release.since.as_deref().unwrap_or("HEAD");
    let location = history::locate(&parse_input(&args.input.input)?, "--since")?;
    let repo = location.open()?;
    let head = head_commit(&repo, &location)?;
    let since_oid = repo
        .revparse_single(since)
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| {
            Error::new(format!("--since: {since:?} does not name a commit: {}", e.message()))
                .with_help("fetch it first (`git fetch --tags`, or a deeper clone in CI)")
        })?
        .id();
    let walk = history::first_parent_commits(&repo, since_oid, head, &location.subdir)?;
    let load = |sha: &str, config: Option<&String>| {
        load_input(&InputArgs {
            input: location.input_at("commit", sha),
            config: config.cloned(),
            paths: args.input.paths.clone(),
            exclude_paths: args.input.exclude_paths.clone(),
            error_format: Vec::new(),
        })
    };
    if args.limit_to_input_files {
        return Err(Error::new("--each-commit cannot be combined with --limit-to-input-files"));
    }
    let mut reference = match load(&since_oid.to_string(), args.against_config.as_ref()) {
        Ok(reference) => reference,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            return Err(Error::new(format!("--since: {since} does not compile ({error})"))
                .with_help("start the walk from a commit whose schema compiles"));
        }
        Err(error) => return Err(error),
    };
    let mut compared: Vec<Option<Vec<Diagnostic>>> = Vec::with_capacity(walk.commits.len());
    let mut last_compile_errors = Vec::new();
    let mut warnings = Vec::new();
    for commit in &walk.commits {
        match load(&commit.sha, args.input.config.as_ref()) {
            Ok(current) => {
                let report = super::breaking::compare(args, &current, &mut reference)?;
                warnings.extend(report.warnings);
                compared.push(Some(report.diagnostics));
                last_compile_errors.clear();
            }
            Err(error) if !error.compile_diagnostics().is_empty() => {
                compared.push(None);
                last_compile_errors = error.compile_diagnostics().to_vec();
            }
            Err(error) => return Err(error),
        }
    }
    let mut stderr = std::io::stderr().lock();
    warnings.sort();
    warnings.dedup();
    for warning in &warnings {
        let _ = writeln!(stderr, "WARN\t{warning}");
    }
    if !last_compile_errors.is_empty() {
        // HEAD itself does not compile: report that, as `breaking` would.
        let _ = stderr.write_all(crate::report::Format::Text.render(&last_compile_errors).as_bytes());
        return Ok(ExitCode::Findings);
    }
    let at_head = compared.last().cloned().flatten().unwrap_or_default();
    let uncompiled = compared.iter().filter(|c| c.is_none()).count();
    let _ = stderr.write_all(
        attribution::render_summary(since, walk.walked, &walk.commits, uncompiled, at_head.len()).as_bytes(),
    );
    let attributions = history::attribute(at_head, &walk.commits, &compared);
    let rendered = if json { attribution::render_json(&attributions) } else { attribution::render_text(&attributions) };
    std::io::stdout()
        .lock()
        .write_all(rendered.as_bytes())
        .map_err(|e| Error::new(format!("writing to stdout: {e}")))?;
    Ok(if attributions.is_empty() { ExitCode::Clean } else { ExitCode::Findings })
}
