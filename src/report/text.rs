//! buf's `text` format: `PATH:L:C:MSG`, one finding a line.

use std::fmt::Write;

use super::{clamp, message_or_type, path_or_input};
use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}:{}",
            path_or_input(d),
            clamp(d.span.start_line),
            clamp(d.span.start_column),
            message_or_type(d)
        );
    }
    out
}
