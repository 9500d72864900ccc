//! The one finding type shared by compile errors, lint and breaking rules.
//!
//! Checks produce `Diagnostic`s; `report` formats them. Positions are kept *raw*, as buf keeps
//! them: 1-based, with 0 meaning "unknown". A file-level finding is at `1:1-1:1` (buf adds 1 to
//! the empty location of a file); a path-less finding has no file, all zeros, and prints as
//! `<input>`. junit, github-actions and gitlab-code-quality print the raw values, so the
//! difference between 0 and 1 shows there.

use std::{borrow::Cow, cmp::Ordering};

/// Rule id used for compiler errors, as buf names them.
pub const COMPILE: &str = "COMPILE";

/// Where a finding points: the file as the user sees it and as the module sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileRef {
    /// The input argument joined with the file's path, lexically normalised (what buf prints).
    pub external_path: String,
    /// The path of the file inside its module (its import path): what ignores match against.
    pub module_path: String,
}

/// A 1-based span; 0 means unknown (buf's raw values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    pub fn new(start_line: u32, start_column: u32, end_line: u32, end_column: u32) -> Self {
        Self { start_line, start_column, end_line, end_column }
    }

    /// The span of a file-level finding: buf turns the file's empty location (all 0) into
    /// 1-based values, so the raw span is `1:1-1:1`, not unknown.
    pub fn file_level() -> Self {
        Self::new(1, 1, 1, 1)
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// buf's rule id (`FIELD_LOWER_SNAKE_CASE`, `COMPILE`, ...).
    pub rule: Cow<'static, str>,
    pub message: String,
    /// `None` for path-less findings (buf prints `<input>`).
    pub file: Option<FileRef>,
    pub span: Span,
    /// Fully-qualified name of the element the finding is about, when there is one; used by
    /// baselines, which must survive edits that move lines.
    pub element: Option<String>,
    /// Breaking only: the file in the against schema, used for ignore filtering, never printed.
    pub against_file: Option<FileRef>,
    /// What to do about it, where protogate knows more than buf says (never in buf's formats).
    pub help: Option<String>,
    /// A mechanical fix, where a rule knows one (never in buf's formats).
    pub fix: Option<Box<crate::fix::Fix>>,
    /// Breaking only: the `SourceCodeInfo` path the finding is located at in `file`, which
    /// breaking approvals resolve to an element and its comments; never printed.
    pub source_path: Option<Vec<i32>>,
}

impl Diagnostic {
    pub fn new(rule: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self {
            rule: rule.into(),
            message: message.into(),
            file: None,
            span: Span::default(),
            element: None,
            against_file: None,
            help: None,
            fix: None,
            source_path: None,
        }
    }

    #[must_use]
    pub fn at(mut self, file: FileRef, span: Span) -> Self {
        self.file = Some(file);
        self.span = span;
        self
    }

    #[must_use]
    pub fn element(mut self, full_name: impl Into<String>) -> Self {
        self.element = Some(full_name.into());
        self
    }

    /// buf's order: path-less first, then path, start line, start column, rule, message, end
    /// line, end column.
    fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.is_some(),
            self.file.as_ref().map(|f| f.external_path.as_bytes()),
            self.span.start_line,
            self.span.start_column,
            self.rule.as_ref(),
            self.message.as_str(),
            self.span.end_line,
            self.span.end_column,
        )
    }
}

/// Sorts findings the way buf prints them and removes exact duplicates.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    rayon::slice::ParallelSliceMut::par_sort_by(diagnostics.as_mut_slice(), |a, b| {
        a.sort_key().cmp(&b.sort_key()).then_with(|| tie(a, b))
    });
    diagnostics.dedup_by(|a, b| {
        a.file.as_ref().map(|f| &f.external_path) == b.file.as_ref().map(|f| &f.external_path)
            && a.span == b.span
            && a.rule == b.rule
            && a.message == b.message
    });
}

/// Keeps the sort total (and so deterministic) when buf's key ties.
fn tie(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    a.element.cmp(&b.element)
}
