//! Formatting findings: one file per output format. Checks never print; this module and `cli`
//! are the only places that turn diagnostics into bytes.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod text;

use crate::diagnostic::Diagnostic;

/// An output format of `--error-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
}

impl Format {
    /// The formats `lint` accepts.
    pub const LINT: [Format; 1] = [Format::Text];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Self::Text),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
        }
    }

    /// The whole report for `diagnostics` (already sorted and de-duplicated).
    pub fn render(self, diagnostics: &[Diagnostic]) -> String {
        match self {
            Self::Text => text::render(diagnostics),
        }
    }
}

/// `MSG` as buf prints it: the message, else the rule id, else `FAILURE`.
pub(crate) fn message_or_type(diagnostic: &Diagnostic) -> &str {
    if !diagnostic.message.is_empty() {
        &diagnostic.message
    } else if !diagnostic.rule.is_empty() {
        &diagnostic.rule
    } else {
        "FAILURE"
    }
}

/// `PATH` as buf prints it: the external path, or `<input>` for path-less findings.
pub(crate) fn path_or_input(diagnostic: &Diagnostic) -> &str {
    diagnostic.file.as_ref().map_or("<input>", |f| f.external_path.as_str())
}

/// A raw position as printed: 0 (unknown) prints as 1.
pub(crate) fn clamp(value: u32) -> u32 {
    value.max(1)
}
