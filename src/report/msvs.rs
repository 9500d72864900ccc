//! buf's `msvs` format (Visual Studio): `PATH(L,C) : error TYPE : MSG`, one finding a line.

use std::fmt::Write;

use super::{clamp, message_or_type, path_or_input};
use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let rule = if d.rule.is_empty() { "FAILURE" } else { &d.rule };
        let _ = writeln!(
            out,
            "{}({},{}) : error {} : {}",
            path_or_input(d),
            clamp(d.span.start_line),
            clamp(d.span.start_column),
            rule,
            message_or_type(d)
        );
    }
    out
}
