//! buf's `junit` format: Go `encoding/xml` with two-space indentation. One `<testsuite>` per
//! printed path (in order of first appearance, named without the `.proto` suffix), one
//! `<testcase>` per finding named `TYPE_L_C` from the raw start position, each holding an empty
//! `<failure>` whose message is the finding's text line.

use std::fmt::Write;

use super::{path_or_input, text_line};
use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut groups: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    for d in diagnostics {
        let path = path_or_input(d);
        match groups.iter_mut().find(|(p, _)| *p == path) {
            Some((_, members)) => members.push(d),
            None => groups.push((path, vec![d])),
        }
    }
    if groups.is_empty() {
        return "<testsuites></testsuites>\n".to_owned();
    }
    let mut out = String::from("<testsuites>");
    for (path, members) in groups {
        let name = path.strip_suffix(".proto").unwrap_or(path);
        let _ = write!(
            out,
            "\n  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">",
            escape(name),
            n = members.len()
        );
        for d in members {
            let _ = write!(
                out,
                "\n    <testcase name=\"{}\">\n      <failure message=\"{}\" type=\"{}\"></failure>\n    </testcase>",
                escape(&testcase_name(d)),
                escape(&text_line(d)),
                escape(&d.rule)
            );
        }
        out.push_str("\n  </testsuite>");
    }
    out.push_str("\n</testsuites>\n");
    out
}

/// `TYPE_L_C` from the raw start: `_L_C` when the column is known, `_L` when only the line is.
fn testcase_name(d: &Diagnostic) -> String {
    let span = d.span;
    if span.start_column != 0 {
        format!("{}_{}_{}", d.rule, span.start_line, span.start_column)
    } else if span.start_line != 0 {
        format!("{}_{}", d.rule, span.start_line)
    } else {
        d.rule.to_string()
    }
}

/// Go's `xml.EscapeString`, used for attribute values: the five markup characters and the three
/// whitespace controls as character references, characters XML cannot hold as U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production (Go's `isInCharacterRange`).
fn is_xml_char(c: char) -> bool {
    matches!(c as u32, 0x09 | 0x0A | 0x0D | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_like_go_encoding_xml() {
        assert_eq!(escape("a\"b'c&d<e>f\tg\nh\ri"), "a&#34;b&#39;c&amp;d&lt;e&gt;f&#x9;g&#xA;h&#xD;i");
        assert_eq!(escape("é日\u{1}\u{fffe}😀"), "é日\u{fffd}\u{fffd}😀");
    }
}
