//! The breaking-change engine: pairs the previous and current schemas by buf's keys, runs the
//! selected rules, filters (ignores, `--exclude-imports`, unstable packages) and returns
//! located diagnostics.

pub mod approvals;
mod context;
pub mod rules;

use rayon::prelude::*;

pub use context::{BreakingContext, BreakingFinding, BreakingFindings, Side};

use crate::{
    Error,
    config::BreakingConfig,
    diagnostic::{self, Diagnostic, Span},
    rule::{Declared, RuleMeta, select_rules},
    schema::{
        Schema, SchemaFile,
        version::{Stability, package_stability},
    },
};

/// A breaking rule: metadata from `declare_rule!`, and a check that only pushes findings.
pub trait BreakingRule: Declared + Sync {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>);
}

/// The metadata of every breaking rule, in registry order.
pub fn catalogue() -> Vec<&'static RuleMeta> {
    rules::ALL.iter().map(|rule| rule.meta()).collect()
}

/// How a comparison is filtered beyond the config.
#[derive(Debug, Clone, Copy, Default)]
pub struct BreakingOptions {
    pub exclude_imports: bool,
}

/// The outcome of a comparison.
#[derive(Debug, Default)]
pub struct BreakingReport {
    pub diagnostics: Vec<Diagnostic>,
    pub warnings: Vec<String>,
}

/// One module's comparison: its config, and which workspace module it is on each side (files of
/// other modules count as imports there, as in buf's per-module images).
#[derive(Debug, Clone, Copy)]
pub struct ModuleComparison<'a> {
    pub config: &'a BreakingConfig,
    pub current_module: Option<usize>,
    pub previous_module: Option<usize>,
}

/// Compares `current` against `previous` once per module.
pub fn breaking(
    previous: &Schema,
    current: &Schema,
    modules: &[ModuleComparison<'_>],
    options: BreakingOptions,
) -> Result<BreakingReport, Error> {
    let catalogue = catalogue();
    let cx = BreakingContext::new(previous, current);
    let mut report = BreakingReport::default();
    for module in modules {
        let config = module.config;
        if config.check.disabled {
            continue;
        }
        let selection = select_rules(&catalogue, &config.check)?;
        if selection.ids.is_empty() && !config.check.disable_builtin {
            return Err(Error::new("no breaking rules are selected: every rule in \"use\" is excluded by \"except\" or is a deprecated rule that checks nothing")
                .with_help("remove entries from breaking.except, or add rules to breaking.use"));
        }
        report.warnings.extend(selection.warnings);
        let selected: Vec<&dyn BreakingRule> =
            rules::ALL.iter().copied().filter(|r| selection.ids.contains(r.meta().id)).collect();
        let found: Vec<Diagnostic> = selected
            .par_iter()
            .flat_map_iter(|rule| {
                let mut findings = BreakingFindings::default();
                rule.check(&cx, &mut findings);
                let id = rule.meta().id;
                let catalogue = &catalogue;
                findings
                    .found
                    .into_iter()
                    .filter_map(move |f| locate(module, options, catalogue, id, f))
                    .collect::<Vec<_>>()
            })
            .collect();
        report.diagnostics.extend(found);
    }
    report.warnings.sort();
    report.warnings.dedup();
    diagnostic::sort_and_dedup(&mut report.diagnostics);
    Ok(report)
}

fn locate(
    module: &ModuleComparison<'_>,
    options: BreakingOptions,
    catalogue: &[&'static RuleMeta],
    rule: &'static str,
    finding: BreakingFinding<'_>,
) -> Option<Diagnostic> {
    let config = module.config;
    let files = || finding.file.into_iter().chain(finding.against);
    let foreign =
        |file: &crate::schema::SchemaFile, own: Option<usize>| file.is_import || (own.is_some() && file.module != own);
    let imported = finding.file.is_some_and(|f| foreign(f, module.current_module))
        || finding.against.is_some_and(|f| foreign(f, module.previous_module));
    if options.exclude_imports && imported {
        return None;
    }
    // As with ignores, either file being in an unstable package drops the finding.
    let unstable = |f: &SchemaFile| package_stability(f.descriptor.package()).is_some_and(|s| s != Stability::Stable);
    if config.ignore_unstable_packages && files().any(unstable) {
        return None;
    }
    let expand = |id: &str| crate::rule::expand_owned(catalogue, config.check.version, id);
    if files().any(|f| config.check.is_ignored(rule, &f.file_ref.module_path, &expand)) {
        return None;
    }
    let mut diagnostic = Diagnostic::new(rule, finding.message);
    diagnostic.against_file = finding.against.map(|f| f.file_ref.clone());
    if let Some(file) = finding.file {
        let span = finding.path.as_deref().and_then(|p| file.span_or_map_field(p)).unwrap_or_else(Span::file_level);
        diagnostic = diagnostic.at(file.file_ref.clone(), span);
        diagnostic.source_path = finding.path;
    }
    Some(diagnostic)
}

/// What every rule file imports.
pub mod prelude {
    pub use super::{BreakingContext, BreakingFindings, BreakingRule, Side};
    pub use crate::{
        declare_rule,
        lint::quote::go_quote,
        schema::elements::{Element, tag},
    };
}
