//! `protogate lint --fix`: wires the fix engine to a directory input (re-compiling edited texts
//! through an overlay store, comparing with the original at `--fix-category`), writes the files
//! that changed atomically, and reports what was applied, what was skipped and what remains.

use std::{
    collections::{BTreeMap, HashMap},
    io::Write,
    sync::Arc,
};

use clap::Args;

use super::{InputArgs, output};
use crate::{
    Error, ExitCode,
    breaking::{BreakingOptions, ModuleComparison},
    config::{BreakingConfig, ConfigOverride, ModuleConfig, RuleWord},
    diagnostic::{Diagnostic, FileRef},
    fix::apply::{Checker, FixRecord, Outcome, fix},
    input::{InputSpec, PathFilter, SourceTree, Store, parse_input, resolve_directory},
    lint::ModuleLint,
    report::Format,
    schema::Schema,
};

#[derive(Args, Debug, Clone, Default)]
pub struct FixArgs {
    /// Apply the fixes that compile and break nothing at --fix-category, then lint again.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: apply every fix, even those that break the schema or may miss a reference.
    #[arg(long = "unsafe", requires = "fix")]
    pub unsafe_fixes: bool,
    /// With --fix: the breaking category a fix must pass against the original input.
    #[arg(long, default_value = "WIRE_JSON", requires = "fix")]
    pub fix_category: String,
}

pub fn run(args: &InputArgs, fix_args: &FixArgs) -> Result<ExitCode, Error> {
    let destinations = output::destinations(&args.error_format, &Format::LINT)?;
    let InputSpec::Directory(dir) = parse_input(&args.input)? else {
        return Err(
            Error::new("--fix needs a directory input").with_help("run it in the checkout whose files should change")
        );
    };
    let filter = PathFilter { paths: args.paths.clone(), exclude_paths: args.exclude_paths.clone() };
    let config = args.config.as_deref().map(ConfigOverride::parse);
    let tree = resolve_directory(&dir, config.as_ref(), &filter)?;
    let input = match super::compile_tree(&tree, crate::compile::CompileOptions::default()) {
        Ok(input) => input,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            output::write_compile_errors(&destinations, error.compile_diagnostics(), output::Stream::Stdout)?;
            return Ok(ExitCode::Findings);
        }
        Err(error) => return Err(error),
    };
    let word = RuleWord { id: fix_args.fix_category.clone(), origin: None };
    let breaking_configs: Vec<BreakingConfig> = input
        .modules
        .iter()
        .map(|(_, m)| {
            let mut config = BreakingConfig::defaults(m.breaking.check.version);
            config.check.use_ids = vec![word.clone()];
            config
        })
        .collect();
    let checker =
        TreeChecker { tree: &tree, original: &input.schema, modules: &input.modules, breaking: &breaking_configs };
    let diagnostics = checker.lint(&input.schema)?;
    let outcome = match fix(&input.schema, diagnostics, &checker, fix_args.unsafe_fixes) {
        Err(error) if !error.compile_diagnostics().is_empty() => {
            let mut stderr = std::io::stderr().lock();
            let _ = stderr.write_all(Format::Text.render(error.compile_diagnostics()).as_bytes());
            return Err(Error::new("the fixed files do not compile; nothing was written")
                .with_help("run --fix without --unsafe to apply only the fixes that compile and break nothing"));
        }
        other => other?,
    };
    write_changed(&tree, &outcome.changed)?;
    print_summary(&outcome);
    output::write_reports(&destinations, &outcome.remaining)?;
    Ok(if outcome.remaining.is_empty() { ExitCode::Clean } else { ExitCode::Findings })
}

struct TreeChecker<'a> {
    tree: &'a SourceTree,
    original: &'a Schema,
    modules: &'a [(Option<usize>, ModuleConfig)],
    breaking: &'a [BreakingConfig],
}

impl Checker for TreeChecker<'_> {
    fn compile(&self, texts: &BTreeMap<FileRef, String>) -> Result<Schema, Error> {
        let overrides = texts
            .iter()
            .filter_map(|(file, text)| Some((store_path(self.tree, file)?.to_owned(), text.clone().into_bytes())))
            .collect();
        let mut tree = self.tree.clone();
        tree.store = Arc::new(Overlay { inner: self.tree.store.clone(), overrides });
        crate::compile::compile_tree(&tree)
    }

    fn breaking(&self, schema: &Schema) -> Result<Vec<Diagnostic>, Error> {
        let modules: Vec<ModuleComparison<'_>> = self
            .modules
            .iter()
            .zip(self.breaking)
            .map(|((index, _), config)| ModuleComparison { config, current_module: *index, previous_module: *index })
            .collect();
        Ok(crate::breaking::breaking(self.original, schema, &modules, BreakingOptions::default())?.diagnostics)
    }

    fn lint(&self, schema: &Schema) -> Result<Vec<Diagnostic>, Error> {
        let modules: Vec<ModuleLint<'_>> =
            self.modules.iter().map(|(module, config)| ModuleLint { module: *module, config: &config.lint }).collect();
        Ok(crate::lint::lint_with_fixes(schema, &modules, true)?.diagnostics)
    }
}

fn store_path<'t>(tree: &'t SourceTree, file: &FileRef) -> Option<&'t str> {
    tree.files.iter().find(|f| f.file_ref == *file).map(|f| f.store_path.as_str())
}

/// The input's store with some files' texts replaced.
#[derive(Debug)]
struct Overlay {
    inner: Arc<dyn Store>,
    overrides: HashMap<String, Vec<u8>>,
}

impl Store for Overlay {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.overrides.get(path).map_or_else(|| self.inner.read(path), |text| Ok(text.clone()))
    }
    fn is_file(&self, path: &str) -> bool {
        self.inner.is_file(path)
    }
    fn is_dir(&self, path: &str) -> bool {
        self.inner.is_dir(path)
    }
    fn protos_under(&self, dir: &str) -> Result<Vec<String>, Error> {
        self.inner.protos_under(dir)
    }
    fn describe(&self, path: &str) -> String {
        self.inner.describe(path)
    }
}

/// Writes each changed file through a temporary file in its directory and a rename, so a file
/// is never half-written; every temporary file is prepared before the first rename.
fn write_changed(tree: &SourceTree, changed: &BTreeMap<FileRef, String>) -> Result<(), Error> {
    let mut prepared = Vec::new();
    for (file, text) in changed {
        let store =
            store_path(tree, file).ok_or_else(|| Error::new(format!("{}: not in the input", file.external_path)))?;
        let path = std::path::PathBuf::from(format!("/{store}"));
        let dir = path.parent().unwrap_or(std::path::Path::new("/"));
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
        temp.write_all(text.as_bytes()).map_err(|e| Error::io(temp.path(), &e))?;
        if let Ok(metadata) = std::fs::metadata(&path) {
            let _ = std::fs::set_permissions(temp.path(), metadata.permissions());
        }
        prepared.push((temp, path));
    }
    for (temp, path) in prepared {
        temp.persist(&path).map_err(|e| Error::io(&path, &e.error))?;
    }
    Ok(())
}

fn print_summary(outcome: &Outcome) {
    let mut stderr = std::io::stderr().lock();
    let line = |record: &FixRecord| {
        let d = &record.diagnostic;
        let place = d.file.as_ref().map_or_else(
            || "<input>".to_owned(),
            |f| format!("{}:{}:{}", f.external_path, d.span.start_line, d.span.start_column),
        );
        let description = d.fix.as_ref().map_or("", |f| f.description.as_str());
        format!("{place}: {}: {description}", d.rule)
    };
    for record in &outcome.applied {
        let _ = writeln!(stderr, "fixed\t{}", line(record));
    }
    for record in &outcome.skipped {
        let _ = writeln!(stderr, "skipped\t{} ({})", line(record), record.reason.as_deref().unwrap_or("unsafe"));
    }
    let _ = writeln!(
        stderr,
        "{} applied, {} changed, {} skipped{}",
        count(outcome.applied.len(), "fix", "fixes"),
        count(outcome.changed.len(), "file", "files"),
        outcome.skipped.len(),
        if outcome.skipped.is_empty() { "" } else { " (--unsafe applies them)" }
    );
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
