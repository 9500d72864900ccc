//! buf's `json` format: one compact Go-encoded object a line, keys `path`, `start_line`,
//! `start_column`, `end_line`, `end_column`, `type`, `message` in that order. Positions are
//! clamped to 1 (so never omitted); `path`, `type` and `message` are omitted when empty.

use super::{clamp, go_json::Object, path_or_empty};
use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        Object::open(&mut out)
            .string_omitempty("path", path_or_empty(d))
            .number("start_line", clamp(d.span.start_line))
            .number("start_column", clamp(d.span.start_column))
            .number("end_line", clamp(d.span.end_line))
            .number("end_column", clamp(d.span.end_column))
            .string_omitempty("type", &d.rule)
            .string_omitempty("message", &d.message)
            .close();
        out.push('\n');
    }
    out
}
