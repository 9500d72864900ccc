//! Breaking-change approvals: intended breaks that a reviewer accepted, either by a comment on
//! the element in the new schema ([`comment`]) or by an entry in an approvals file ([`file`])
//! pinned to the comparison it was reviewed for. Findings they approve are set aside; unused
//! approvals become warnings, so they do not linger and silently approve a later break.
//! Nothing here runs unless the schema holds a directive or an approvals file is given.

mod comment;
mod file;

pub use comment::{DIRECTIVE, Directive, directives};
pub use file::parse_approvals;

use std::collections::HashMap;

use crate::{
    diagnostic::Diagnostic,
    schema::{Schema, SchemaFile, elements::Elements},
};

/// One entry of an approvals file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub rule: String,
    /// Full name of the element the finding is about (see [`element_of`]).
    pub element: String,
    /// The comparison it was reviewed for: the `--against` input as written, or a commit id
    /// (seven hex digits or more) that the against input resolves to.
    pub against: String,
    pub reason: String,
    /// `file:line:col` of the entry.
    pub origin: String,
}

/// What the current run compares against.
#[derive(Debug, Clone, Default)]
pub struct Against {
    /// The `--against` argument as written.
    pub input: String,
    /// The full commit id, when the against input is a git ref.
    pub commit: Option<String>,
}

impl Against {
    fn matches(&self, approval: &str) -> bool {
        let approval = approval.trim();
        approval == self.input
            || self.commit.as_deref().is_some_and(|commit| {
                approval.len() >= 7
                    && approval.chars().all(|c| c.is_ascii_hexdigit())
                    && commit.starts_with(&approval.to_ascii_lowercase())
            })
    }

    fn describe(&self) -> String {
        match &self.commit {
            Some(commit) => format!("{:?} (commit {commit})", self.input),
            None => format!("{:?}", self.input),
        }
    }
}

/// A finding set aside, and what approved it.
#[derive(Debug, Clone)]
pub struct Approved {
    pub diagnostic: Diagnostic,
    pub element: String,
    /// `file:line:col` of the comment's element or of the approvals entry.
    pub by: String,
    pub reason: String,
}

/// Findings after approvals.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings still to report, in their order.
    pub remaining: Vec<Diagnostic>,
    pub approved: Vec<Approved>,
    /// Unused approvals and ignored directives, one sentence each.
    pub warnings: Vec<String>,
}

/// Applies comment directives in `current` and `approvals` to breaking `diagnostics`.
pub fn apply(
    current: &Schema,
    diagnostics: Vec<Diagnostic>,
    approvals: &[Approval],
    against: &Against,
    rule_ids: &[&str],
) -> Outcome {
    let directives = directives(current);
    let mut outcome = Outcome::default();
    if directives.is_empty() && approvals.is_empty() {
        outcome.remaining = diagnostics;
        return outcome;
    }
    let mut directive_used = vec![false; directives.len()];
    let mut approval_used = vec![false; approvals.len()];
    let mut names = ElementNames::default();
    for diagnostic in diagnostics {
        let element = names.element_of(current, &diagnostic);
        let mut by_comment = None;
        for (index, directive) in directives.iter().enumerate().filter(|(_, d)| covers(d, &diagnostic)) {
            directive_used[index] = true;
            by_comment = by_comment.or(directive.reason.as_ref().map(|reason| (directive.origin.clone(), reason)));
        }
        if let Some((by, reason)) = by_comment {
            outcome.approved.push(Approved { diagnostic, element, by, reason: reason.clone() });
            continue;
        }
        let by_file = approvals
            .iter()
            .enumerate()
            .find(|(_, a)| a.rule == diagnostic.rule && a.element == element && against.matches(&a.against));
        if let Some((index, approval)) = by_file {
            approval_used[index] = true;
            let (by, reason) = (approval.origin.clone(), approval.reason.clone());
            outcome.approved.push(Approved { diagnostic, element, by, reason });
            continue;
        }
        outcome.remaining.push(diagnostic);
    }
    for (directive, used) in directives.iter().zip(directive_used) {
        let (origin, rule) = (&directive.origin, &directive.rule);
        if !rule_ids.contains(&rule.as_str()) {
            outcome.warnings.push(format!("{origin}: {DIRECTIVE} names no breaking rule: {rule:?}"));
        } else if directive.reason.is_none() {
            outcome.warnings.push(format!(
                "{origin}: {DIRECTIVE} {rule} has no reason, so it approves nothing; add one after the rule id"
            ));
        } else if !used {
            outcome.warnings.push(format!(
                "{origin}: {DIRECTIVE} {rule} approved no breaking change against {}; remove it",
                against.describe()
            ));
        }
    }
    for (approval, used) in approvals.iter().zip(approval_used) {
        let what = format!("{}: approval of {} on {}", approval.origin, approval.rule, approval.element);
        if !against.matches(&approval.against) {
            outcome.warnings.push(format!(
                "{what} is for against {:?}, not for this comparison against {}; remove it once merged",
                approval.against,
                against.describe()
            ));
        } else if !used {
            outcome.warnings.push(format!("{what} matched no breaking change; remove it"));
        }
    }
    outcome
}

/// Whether `directive` sits on the finding's element or an element enclosing it.
fn covers(directive: &Directive, diagnostic: &Diagnostic) -> bool {
    directive.rule == diagnostic.rule
        && diagnostic.file.as_ref().is_some_and(|f| f.module_path == directive.file)
        && diagnostic.source_path.as_deref().is_some_and(|path| path.starts_with(&directive.path))
}

/// The named elements of each current file a finding is in: (path, full name), built once.
#[derive(Default)]
struct ElementNames {
    by_file: HashMap<String, Vec<(Vec<i32>, String)>>,
}

impl ElementNames {
    /// The element a breaking finding is about, as approvals name it: the full name of the
    /// deepest element of the current file whose path contains the finding's path (for a
    /// deletion, the enclosing element that still exists); for file-level findings, the file's
    /// module path; for a deleted file, the deleted file's module path.
    fn element_of(&mut self, current: &Schema, diagnostic: &Diagnostic) -> String {
        let Some(file_ref) = &diagnostic.file else {
            return diagnostic.against_file.as_ref().map(|f| f.module_path.clone()).unwrap_or_default();
        };
        let Some(path) = diagnostic.source_path.as_deref() else { return file_ref.module_path.clone() };
        let named = self.by_file.entry(file_ref.module_path.clone()).or_insert_with(|| {
            current.files.iter().find(|f| f.file_ref.module_path == file_ref.module_path).map(named).unwrap_or_default()
        });
        let deepest = named.iter().filter(|(p, _)| path.starts_with(p)).max_by_key(|(p, _)| p.len());
        deepest.map_or_else(|| file_ref.module_path.clone(), |(_, name)| name.clone())
    }
}

fn named(file: &SchemaFile) -> Vec<(Vec<i32>, String)> {
    let elements = Elements::collect(&[file]);
    let pair = |path: &Vec<i32>, name: &String| (path.clone(), name.clone());
    let mut named: Vec<(Vec<i32>, String)> = Vec::new();
    named.extend(elements.messages.iter().map(|m| pair(&m.element.path, &m.element.full_name)));
    named.extend(elements.fields.iter().map(|f| pair(&f.element.path, &f.element.full_name)));
    named.extend(elements.oneofs.iter().map(|o| pair(&o.element.path, &o.element.full_name)));
    named.extend(elements.enums.iter().map(|e| pair(&e.path, &e.full_name)));
    named.extend(elements.enum_values.iter().map(|v| pair(&v.element.path, &v.element.full_name)));
    named.extend(elements.services.iter().map(|s| pair(&s.path, &s.full_name)));
    named.extend(elements.methods.iter().map(|m| pair(&m.element.path, &m.element.full_name)));
    named
}
