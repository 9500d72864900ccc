//! protogate's `pretty` format, for people at a terminal: each finding as a titled code frame
//! (`error[RULE_ID]: message`, the source line with the span underlined), the rule's one-line
//! purpose, the fix where protogate knows one, and a closing summary line.
//!
//! The frame is read from the file at its external path; when that file cannot be read or no
//! longer has the line (an image input, a git input whose file changed since), the finding is
//! printed with its position only.

use std::collections::{BTreeSet, HashMap};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet, renderer::DecorStyle};

use super::{clamp, message_or_type};
use crate::{
    diagnostic::{COMPILE, Diagnostic, Span},
    rule::RuleMeta,
    schema::buf_column,
};

pub fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    let purposes: HashMap<&str, &str> = crate::lint::catalogue()
        .into_iter()
        .chain(crate::breaking::catalogue())
        .map(|meta: &RuleMeta| (meta.id, meta.purpose))
        .collect();
    let mut sources: HashMap<&str, Option<String>> = HashMap::new();
    let mut fix_sources: HashMap<String, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics {
        let source = d.file.as_ref().and_then(|file| {
            sources
                .entry(file.external_path.as_str())
                .or_insert_with(|| std::fs::read_to_string(&file.external_path).ok())
                .as_deref()
        });
        let purpose = if d.rule == COMPILE { None } else { purposes.get(d.rule.as_ref()).copied() };
        let fix = d.fix.as_deref().map(|fix| fix_message(fix, &mut fix_sources));
        out.push_str(&renderer.render(&[finding(d, source, purpose, fix.as_deref())]));
        out.push_str("\n\n");
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
}

/// The title, the frame (or the position alone when there is no source) and the notes. Under
/// a frame the renderer prints the column as a character count, which is what editors and
/// terminal links jump to; buf's own columns (tabs to 4, wide characters 2) stay in `text`.
fn finding<'a>(
    d: &'a Diagnostic,
    source: Option<&'a str>,
    purpose: Option<&'a str>,
    fix: Option<&'a str>,
) -> Group<'a> {
    let mut title = Level::ERROR.primary_title(message_or_type(d));
    if !d.rule.is_empty() {
        title = title.id(d.rule.as_ref());
    }
    let mut group = Group::with_title(title);
    if let Some(file) = &d.file {
        let path = file.external_path.as_str();
        let range = source.and_then(|source| Some((source, byte_range(source, d.span, d.rule == COMPILE)?)));
        group = if let Some((source, range)) = range {
            group.element(Snippet::source(source).path(path).fold(true).annotation(AnnotationKind::Primary.span(range)))
        } else {
            let (line, column) = (clamp(d.span.start_line) as usize, clamp(d.span.start_column) as usize);
            group.element(Origin::path(path).line(line).char_column(column))
        };
    }
    if let Some(purpose) = purpose {
        group = group.element(Level::NOTE.message(purpose));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(fix) = fix {
        group = group.element(Level::HELP.message(fix));
    }
    group
}

/// `fix: <description>` and the changed lines (`-` old, `+` new), read from the edited files;
/// an unsafe fix says why `lint --fix` leaves it to `--unsafe`.
fn fix_message(fix: &crate::fix::Fix, sources: &mut HashMap<String, Option<String>>) -> String {
    let mut message = format!("fix: {}", fix.description);
    if let Some(reason) = &fix.unsafe_reason {
        message.push_str(&[" (unsafe: ", reason, ")"].concat());
    }
    let mut read = |file: &crate::diagnostic::FileRef| {
        sources
            .entry(file.external_path.clone())
            .or_insert_with(|| std::fs::read_to_string(&file.external_path).ok())
            .clone()
    };
    if let Some(diff) = crate::fix::diff::preview(fix, &mut read) {
        message.push('\n');
        message.push_str(&diff);
    }
    message
}

/// The span as a byte range of `source`; `None` when the start line is not in the file. Lint
/// and breaking columns are buf's terminal cells, compile errors' are bytes. A span over several
/// lines is cut at the end of its first line (the frame stays one line); an unknown end
/// underlines the word at the start.
fn byte_range(source: &str, span: Span, byte_columns: bool) -> Option<std::ops::Range<usize>> {
    let (line_start, text) = line(source, clamp(span.start_line))?;
    let start = line_start + within(text, clamp(span.start_column), byte_columns);
    let end = match span.end_line {
        0 => None,
        end_line if end_line == span.start_line => {
            Some(line_start + within(text, clamp(span.end_column), byte_columns)).filter(|end| *end > start)
        }
        _ => Some(line_start + text.len()).filter(|end| *end > start),
    };
    Some(start..end.unwrap_or_else(|| token_end(source, start)))
}

/// The byte offset and text (without its line break) of 1-based `number`.
fn line(source: &str, number: u32) -> Option<(usize, &str)> {
    let mut start = 0;
    for _ in 1..number {
        start += source[start..].find('\n')? + 1;
    }
    let text = source[start..].split('\n').next().unwrap_or("");
    Some((start, text.strip_suffix('\r').unwrap_or(text)))
}

/// The byte offset in `text` of 1-based `column`, clamped to the end of the line.
fn within(text: &str, column: u32, byte_columns: bool) -> usize {
    if byte_columns {
        let mut offset = (column as usize - 1).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        return offset;
    }
    text.char_indices().map(|(i, _)| i).find(|i| buf_column(text, *i) + 1 >= column).unwrap_or(text.len())
}

/// The end of the word at `start`, at least one character (so the caret shows).
fn token_end(source: &str, start: usize) -> usize {
    let rest = &source[start..];
    let word = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).unwrap_or(rest.len());
    let first = rest.chars().next().filter(|c| *c != '\n').map_or(0, char::len_utf8);
    start + word.max(first)
}

/// `12 findings in 5 files (3 rules)`.
fn summary(diagnostics: &[Diagnostic]) -> String {
    let files: BTreeSet<&str> =
        diagnostics.iter().filter_map(|d| d.file.as_ref()).map(|f| f.external_path.as_str()).collect();
    let rules: BTreeSet<&str> = diagnostics.iter().map(|d| d.rule.as_ref()).collect();
    format!(
        "{} in {} ({})",
        plural(diagnostics.len(), "finding"),
        plural(files.len(), "file"),
        plural(rules.len(), "rule")
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::{Span, byte_range, summary};
    use crate::diagnostic::Diagnostic;

    #[test]
    fn ranges_follow_buf_columns() {
        let source = "syntax = \"proto3\";\nmessage 日 {\tstring fooBar = 1; }\n";
        let range = byte_range(source, Span::new(2, 24, 2, 30), false).unwrap();
        assert_eq!(&source[range], "fooBar");
        let range = byte_range(source, Span::new(2, 1, 0, 0), false).unwrap();
        assert_eq!(&source[range], "message");
        let range = byte_range(source, Span::new(2, 1, 3, 2), false).unwrap();
        assert_eq!(&source[range], "message 日 {\tstring fooBar = 1; }");
        let range = byte_range(source, Span::new(1, 10, 1, 18), true).unwrap();
        assert_eq!(&source[range], "\"proto3\"");
        assert_eq!(byte_range(source, Span::new(9, 1, 9, 2), false), None);
    }

    #[test]
    fn summary_counts_files_and_rules() {
        assert_eq!(summary(&[Diagnostic::new("A", "x")]), "1 finding in 0 files (1 rule)");
    }
}
