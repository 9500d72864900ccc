//! buf's `text` format: `PATH:L:C:MSG`, one finding a line.

use super::text_line;
use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&text_line(d));
        out.push('\n');
    }
    out
}
