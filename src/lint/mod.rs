//! The lint engine: selects rules per module from its config, runs them over the module's
//! target files, applies ignores and comment ignores, and returns located diagnostics.

mod comment_ignore;
mod context;
/// Re-exported so rules keep one import path; the index itself is shared with breaking.
pub use crate::schema::elements;
pub mod naming;
pub mod quote;
pub mod rules;

use rayon::prelude::*;

pub use comment_ignore::{IGNORE_PREFIX, has_documentation};
pub use context::{Finding, Findings, LintContext, LintOptions};

use crate::{
    Error,
    config::LintConfig,
    diagnostic::{self, Diagnostic, Span},
    rule::{Declared, RuleMeta, select_rules},
    schema::Schema,
};

/// A lint rule: metadata from `declare_rule!`, and a check that only pushes findings.
pub trait LintRule: Declared + Sync {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>);
}

/// The metadata of every lint rule, in registry order.
pub fn catalogue() -> Vec<&'static RuleMeta> {
    rules::ALL.iter().map(|rule| rule.meta()).collect()
}

/// One module to lint: which schema files belong to it and its config.
pub struct ModuleLint<'a> {
    /// `None` lints every non-import file (image inputs).
    pub module: Option<usize>,
    pub config: &'a LintConfig,
}

/// The outcome of a lint run.
#[derive(Debug, Default)]
pub struct LintReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Deprecation notices for stderr.
    pub warnings: Vec<String>,
}

/// Lints every module and returns buf-sorted, de-duplicated diagnostics.
pub fn lint(schema: &Schema, modules: &[ModuleLint<'_>]) -> Result<LintReport, Error> {
    lint_with_fixes(schema, modules, false)
}

/// [`lint`], with the fixes of the findings that have one when `with_fixes`.
pub fn lint_with_fixes(schema: &Schema, modules: &[ModuleLint<'_>], with_fixes: bool) -> Result<LintReport, Error> {
    let catalogue = catalogue();
    let mut report = LintReport::default();
    for module in modules {
        if module.config.check.disabled {
            continue;
        }
        let selection = select_rules(&catalogue, &module.config.check)?;
        if selection.ids.is_empty() && !module.config.check.disable_builtin {
            return Err(Error::new("no lint rules are selected: every rule in \"use\" is excluded by \"except\" or is a deprecated rule that checks nothing")
                .with_help("remove entries from lint.except, or add rules to lint.use"));
        }
        report.warnings.extend(selection.warnings);
        let options = options(module.config);
        let files = schema.targets().filter(|f| module.module.is_none() || f.module == module.module).collect();
        let cx = LintContext::new(schema, files, &options);
        let with_ignores = if module.config.comment_ignores {
            comment_ignore::files_with_ignores(cx.files())
        } else {
            std::collections::HashSet::new()
        };
        let selected: Vec<&dyn LintRule> =
            rules::ALL.iter().copied().filter(|r| selection.ids.contains(r.meta().id)).collect();
        let found: Vec<Diagnostic> = selected
            .par_iter()
            .flat_map_iter(|rule| {
                let mut findings = Findings { with_fixes, ..Findings::default() };
                rule.check(&cx, &mut findings);
                let id = rule.meta().id;
                let catalogue = &catalogue;
                let with_ignores = &with_ignores;
                findings
                    .found
                    .into_iter()
                    .filter_map(move |f| locate(module.config, catalogue, with_ignores, id, f))
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

fn options(config: &LintConfig) -> LintOptions {
    let or_default = |value: &str, default: &str| if value.is_empty() { default.to_owned() } else { value.to_owned() };
    LintOptions {
        enum_zero_value_suffix: or_default(&config.enum_zero_value_suffix, "_UNSPECIFIED"),
        service_suffix: or_default(&config.service_suffix, "Service"),
        rpc_allow_same_request_response: config.rpc_allow_same_request_response,
        rpc_allow_google_protobuf_empty_requests: config.rpc_allow_google_protobuf_empty_requests,
        rpc_allow_google_protobuf_empty_responses: config.rpc_allow_google_protobuf_empty_responses,
    }
}

/// Applies path ignores and comment ignores, and turns a finding into a located diagnostic.
fn locate(
    config: &LintConfig,
    catalogue: &[&'static RuleMeta],
    with_ignores: &std::collections::HashSet<&str>,
    rule: &'static str,
    finding: Finding<'_>,
) -> Option<Diagnostic> {
    let file = finding.file;
    let expand = |id: &str| crate::rule::expand_owned(catalogue, config.check.version, id);
    if config.check.is_ignored(rule, &file.file_ref.module_path, &expand) {
        return None;
    }
    if let Some(path) = &finding.path
        && with_ignores.contains(file.descriptor.name())
        && comment_ignore::is_ignored_by_comment(file, path, rule)
    {
        return None;
    }
    let span =
        finding.span.or_else(|| finding.path.as_deref().and_then(|p| file.span(p))).unwrap_or_else(Span::file_level);
    let mut diagnostic = Diagnostic::new(rule, finding.message).at(file.file_ref.clone(), span);
    diagnostic.element = finding.element;
    diagnostic.fix = finding.fix.map(Box::new);
    Some(diagnostic)
}

/// What every rule file imports.
pub mod prelude {
    pub use super::{
        Findings, LintContext, LintRule,
        elements::{Element, tag},
        naming::{to_lower_snake_case, to_pascal_case, to_upper_snake_case},
        quote::go_quote,
    };
    pub use crate::declare_rule;
    pub use crate::fix::{self, RenameKind};
}
