//! Lint baselines (a ratchet): the findings a team has accepted for now, keyed so that edits
//! which only move lines keep them accepted, and only findings outside the baseline fail.
//!
//! A finding's key is its rule, the module path of its file (the import path: the same whether
//! the input is `.`, `proto` or a git ref) and its element's full name. Findings that are not
//! about one element (file-level: package, imports, syntax; option findings of protovalidate)
//! are keyed by their whitespace-normalised message instead, which names what they are about
//! and holds no position. This is the identity SARIF fingerprints use too. A count per key keeps
//! two identical findings on one element apart: a third one is new.

mod file;

use std::collections::BTreeMap;

pub use file::{parse, render};

use crate::diagnostic::Diagnostic;

/// What a baselined finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The full name of the element (`ecommerce.v1.Money.currencyCode`).
    Element(String),
    /// The normalised message of a finding that has no element.
    Message(String),
}

/// The identity of a finding across edits: file, rule and subject (sorted in that order).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BaselineKey {
    /// Module path of the file; empty for path-less findings.
    pub file: String,
    pub rule: String,
    pub subject: Subject,
}

impl BaselineKey {
    pub fn of(diagnostic: &Diagnostic) -> Self {
        let subject = match &diagnostic.element {
            Some(element) => Subject::Element(element.clone()),
            None => Subject::Message(normalize_message(&diagnostic.message)),
        };
        Self {
            file: diagnostic.file.as_ref().map(|f| f.module_path.clone()).unwrap_or_default(),
            rule: diagnostic.rule.to_string(),
            subject,
        }
    }
}

/// Collapses whitespace runs so that re-wrapped messages keep their key.
fn normalize_message(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Accepted findings: how many of each key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub entries: BTreeMap<BaselineKey, u32>,
}

impl Baseline {
    /// The baseline that accepts exactly `diagnostics`.
    pub fn from_findings(diagnostics: &[Diagnostic]) -> Self {
        let mut entries = BTreeMap::new();
        for diagnostic in diagnostics {
            *entries.entry(BaselineKey::of(diagnostic)).or_insert(0) += 1;
        }
        Self { entries }
    }

    /// How many findings the baseline accepts.
    pub fn findings(&self) -> u32 {
        self.entries.values().sum()
    }
}

/// Findings measured against a baseline.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Findings beyond what the baseline accepts, in the order they came.
    pub new: Vec<Diagnostic>,
    /// Baseline entries (with how many of their findings) that no longer occur.
    pub fixed: Vec<(BaselineKey, u32)>,
    /// The baseline without the fixed findings (what `--prune-baseline` writes).
    pub pruned: Baseline,
}

/// Splits `diagnostics` into accepted and new ones. The first findings of a key (in report
/// order) use up its count; the rest are new. Entries whose file `checked` says was not linted
/// this run (`--path` limited it) are neither fixed nor pruned.
pub fn compare(baseline: &Baseline, diagnostics: Vec<Diagnostic>, checked: impl Fn(&str) -> bool) -> Comparison {
    let mut seen: BTreeMap<BaselineKey, u32> = BTreeMap::new();
    let mut comparison = Comparison::default();
    for diagnostic in diagnostics {
        let key = BaselineKey::of(&diagnostic);
        let accepted = baseline.entries.get(&key).copied().unwrap_or(0);
        let count = seen.entry(key).or_insert(0);
        if *count < accepted {
            *count += 1;
        } else {
            comparison.new.push(diagnostic);
        }
    }
    for (key, &accepted) in &baseline.entries {
        let still = if checked(&key.file) { seen.get(key).copied().unwrap_or(0) } else { accepted };
        if still < accepted {
            comparison.fixed.push((key.clone(), accepted - still));
        }
        if still > 0 {
            comparison.pruned.entries.insert(key.clone(), still);
        }
    }
    comparison
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{FileRef, Span};

    fn finding(rule: &'static str, file: &str, element: Option<&str>, line: u32) -> Diagnostic {
        let file = FileRef { external_path: format!("proto/{file}"), module_path: file.to_owned() };
        let mut d = Diagnostic::new(rule, format!("{rule} at  line {line}")).at(file, Span::new(line, 1, line, 2));
        d.element = element.map(str::to_owned);
        d
    }

    #[test]
    fn moved_findings_stay_accepted_and_extra_ones_are_new() {
        let before = [finding("R", "a.proto", Some("p.A"), 3), finding("R", "a.proto", Some("p.A"), 4)];
        let baseline = Baseline::from_findings(&before);
        assert_eq!(baseline.entries.len(), 1);
        assert_eq!(baseline.findings(), 2);
        let after = vec![
            finding("R", "a.proto", Some("p.A"), 13),
            finding("R", "a.proto", Some("p.A"), 14),
            finding("R", "a.proto", Some("p.A"), 15),
        ];
        let comparison = compare(&baseline, after, |_| true);
        assert_eq!(comparison.new.len(), 1);
        assert_eq!(comparison.new[0].span.start_line, 15);
        assert!(comparison.fixed.is_empty());
    }

    #[test]
    fn fixed_entries_are_reported_only_for_checked_files() {
        let before = [finding("R", "a.proto", Some("p.A"), 3), finding("S", "b.proto", None, 1)];
        let baseline = Baseline::from_findings(&before);
        let comparison = compare(&baseline, Vec::new(), |file| file == "a.proto");
        assert_eq!(comparison.fixed.len(), 1);
        assert_eq!(comparison.fixed[0].0.file, "a.proto");
        assert_eq!(comparison.pruned.entries.len(), 1);
        assert!(comparison.pruned.entries.keys().all(|k| k.file == "b.proto"));
    }

    #[test]
    fn findings_without_element_are_keyed_by_their_normalised_message() {
        let key = BaselineKey::of(&finding("S", "b.proto", None, 9));
        assert_eq!(key.subject, Subject::Message("S at line 9".to_owned()));
    }
}
