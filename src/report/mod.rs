//! Formatting findings: one file per output format. Checks never print; this module and `cli`
//! are the only places that turn diagnostics into bytes.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod text;

pub use text::text;

use crate::diagnostic::Diagnostic;

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
