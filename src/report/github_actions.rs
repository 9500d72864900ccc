//! buf's `github-actions` format: workflow commands,
//! `::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC::MSG`. Positions are raw: each is
//! printed only when known (and a column only with its line); the message is not escaped.

use std::fmt::Write;

use super::path_or_input;
use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let span = d.span;
        let _ = write!(out, "::error file={}", path_or_input(d));
        if span.start_line > 0 {
            let _ = write!(out, ",line={}", span.start_line);
            if span.start_column > 0 {
                let _ = write!(out, ",col={}", span.start_column);
            }
            if span.end_line > 0 {
                let _ = write!(out, ",endLine={}", span.end_line);
                if span.end_column > 0 {
                    let _ = write!(out, ",endColumn={}", span.end_column);
                }
            }
        }
        let _ = writeln!(out, "::{}", d.message);
    }
    out
}
