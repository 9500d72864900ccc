//! `features = { enum_type: CLOSED }`: buf records such a message-literal option field by field.
//! The option's own location runs from `features` to the closing brace (protox: the whole
//! `option ...;` statement), and every feature set inside gets a location of its own
//! (`enum_type: CLOSED`, path `<options>.features.enum_type`), which is where buf points findings
//! about that feature; and it attaches no comments to such a statement. protox does neither.
//! `features` is the one message-typed option whose fields are known here without the
//! descriptor pool, so only its literals are aligned.

use prost_types::{SourceCodeInfo, source_code_info::Location};

/// The fields of a message, by name.
type Fields = &'static [(&'static str, i32)];

/// `FeatureSet` fields.
const FEATURE_SET: Fields = &[
    ("field_presence", 1),
    ("enum_type", 2),
    ("repeated_field_encoding", 3),
    ("utf8_validation", 4),
    ("message_encoding", 5),
    ("json_format", 6),
    ("enforce_naming_style", 7),
    ("default_symbol_visibility", 8),
];
const CPP: Fields = &[("legacy_closed_enum", 1), ("string_type", 2), ("enum_name_uses_string_view", 3)];
const JAVA: Fields = &[
    ("legacy_closed_enum", 1),
    ("utf8_validation", 2),
    ("large_enum", 3),
    ("use_old_outer_classname_default", 4),
    ("nest_in_file_class", 5),
];
const GO: Fields = &[("legacy_unmarshal_json_enum", 1), ("api_level", 2), ("strip_enum_prefix", 3)];
/// The language extensions of `FeatureSet`: name, number, fields.
const EXTENSIONS: &[(&str, i32, Fields)] = &[("pb.cpp", 1000, CPP), ("pb.java", 1001, JAVA), ("pb.go", 1002, GO)];

/// Whether `path` is the `features` option of an element: the element's path (walked from the
/// file), then its options field, then the options' `features` field.
fn is_features_path(path: &[i32]) -> bool {
    #[derive(Clone, Copy)]
    enum Kind {
        File,
        Message,
        Field,
        Oneof,
        Enum,
        EnumValue,
        Service,
        Method,
    }
    let (mut kind, mut rest) = (Kind::File, path);
    loop {
        let features: [i32; 2] = match kind {
            Kind::File => [8, 50],
            Kind::Message => [7, 12],
            Kind::Field => [8, 21],
            Kind::Oneof => [2, 1],
            Kind::Enum => [3, 7],
            Kind::EnumValue => [3, 2],
            Kind::Service => [3, 34],
            Kind::Method => [4, 35],
        };
        if rest == features {
            return true;
        }
        let [tag, _index, tail @ ..] = rest else { return false };
        kind = match (kind, tag) {
            (Kind::File, 4) | (Kind::Message, 3) => Kind::Message,
            (Kind::File, 5) | (Kind::Message, 4) => Kind::Enum,
            (Kind::File, 6) => Kind::Service,
            (Kind::File, 7) | (Kind::Message, 2 | 6) => Kind::Field,
            (Kind::Message, 8) => Kind::Oneof,
            (Kind::Enum, 2) => Kind::EnumValue,
            (Kind::Service, 2) => Kind::Method,
            _ => return false,
        };
        rest = tail;
    }
}

/// Aligns every `features = { ... }` option of a file compiled from `source`.
pub fn align(info: &mut SourceCodeInfo, source: &str) {
    let mut text = None;
    let mut added = Vec::new();
    for location in &mut info.location {
        if !is_features_path(&location.path) {
            continue;
        }
        let text = text.get_or_insert_with(|| Text::new(source));
        let Some((start, end)) = text.range(&location.span) else { continue };
        let (name, statement) = match source[start..end].strip_prefix("option") {
            Some(rest) if rest.starts_with(|c: char| c.is_whitespace() || c == '/') => {
                (text.skip_trivia(end - rest.len()), true)
            }
            _ => (start, false),
        };
        let Some(brace) = text.literal_after_features(name) else { continue };
        let mut leaves = Vec::new();
        let Some(close) = text.entries(brace + 1, FEATURE_SET, &location.path, &mut leaves) else { continue };
        if statement {
            // buf attaches no comments to a literal option statement.
            location.span = text.span(name, close);
            location.leading_comments = None;
            location.trailing_comments = None;
            location.leading_detached_comments.clear();
        }
        added.extend(leaves);
    }
    info.location.extend(added);
}

struct Text<'s> {
    source: &'s str,
    bytes: &'s [u8],
    line_starts: Vec<usize>,
}

impl<'s> Text<'s> {
    fn new(source: &'s str) -> Self {
        let line_starts = crate::schema::line_starts(source);
        Self { source, bytes: source.as_bytes(), line_starts }
    }

    /// Byte offsets of a `SourceCodeInfo` span (lines and byte columns, 0-based).
    fn range(&self, span: &[i32]) -> Option<(usize, usize)> {
        let (start_line, start_column, end_line, end_column) = match *span {
            [line, start, end] => (line, start, line, end),
            [start_line, start, end_line, end] => (start_line, start, end_line, end),
            _ => return None,
        };
        let offset = |line: i32, column: i32| Some(self.line_starts.get(line as usize)? + column as usize);
        let (start, end) = (offset(start_line, start_column)?, offset(end_line, end_column)?);
        (start <= end && end <= self.source.len()).then_some((start, end))
    }

    fn span(&self, start: usize, end: usize) -> Vec<i32> {
        let position = |offset: usize| {
            let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
            (line as i32, (offset - self.line_starts[line]) as i32)
        };
        let ((start_line, start_column), (end_line, end_column)) = (position(start), position(end));
        if start_line == end_line {
            vec![start_line, start_column, end_column]
        } else {
            vec![start_line, start_column, end_line, end_column]
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// The offset after whitespace and comments from `at`.
    fn skip_trivia(&self, mut at: usize) -> usize {
        loop {
            match (self.byte(at), self.byte(at + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => at += 1,
                (Some(b'/'), Some(b'/')) => {
                    at = self.source[at..].find('\n').map_or(self.source.len(), |i| at + i + 1);
                }
                (Some(b'/'), Some(b'*')) => {
                    at = self.source[at + 2..].find("*/").map_or(self.source.len(), |i| at + 2 + i + 2);
                }
                _ => return at,
            }
        }
    }

    fn word_end(&self, at: usize) -> usize {
        let is_word = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'+');
        at + self.bytes[at..].iter().take_while(|&&c| is_word(c)).count()
    }

    /// The offset of `{` when `features = {` starts at `at`.
    fn literal_after_features(&self, at: usize) -> Option<usize> {
        let rest = self.source.get(at..)?.strip_prefix("features")?;
        if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            return None;
        }
        let equals = self.skip_trivia(at + "features".len());
        (self.byte(equals)? == b'=').then_some(())?;
        let brace = self.skip_trivia(equals + 1);
        (self.byte(brace)? == b'{').then_some(brace)
    }

    /// Reads the fields of a message literal from `at` up to its closing `}` or `>`, pushing a
    /// location for every scalar field; returns the offset after the closing brace. `None` on
    /// anything unexpected (unknown field, malformed literal).
    fn entries(&self, mut at: usize, fields: Fields, path: &[i32], out: &mut Vec<Location>) -> Option<usize> {
        loop {
            at = self.skip_trivia(at);
            if matches!(self.byte(at)?, b'}' | b'>') {
                return Some(at + 1);
            }
            let name_start = at;
            let (number, nested) = if self.byte(at)? == b'[' {
                let close = at + self.source[at..].find(']')?;
                let name: String = self.source[at + 1..close].chars().filter(|c| !c.is_whitespace()).collect();
                let &(_, number, nested) = EXTENSIONS.iter().find(|(n, ..)| *n == name.trim_start_matches('.'))?;
                at = close + 1;
                (number, Some(nested))
            } else {
                let end = self.word_end(at);
                let &(_, number) = fields.iter().find(|(n, _)| *n == &self.source[at..end])?;
                at = end;
                (number, None)
            };
            let mut field_path = path.to_vec();
            field_path.push(number);
            at = self.skip_trivia(at);
            if self.byte(at)? == b':' {
                at = self.skip_trivia(at + 1);
            }
            if matches!(self.byte(at)?, b'{' | b'<') {
                at = self.entries(at + 1, nested?, &field_path, out)?;
            } else {
                let end = if self.byte(at)? == b'"' {
                    at + 1 + self.source[at + 1..].find('"')? + 1
                } else {
                    self.word_end(at)
                };
                (end > at).then_some(())?;
                out.push(Location { path: field_path, span: self.span(name_start, end), ..Location::default() });
                at = end;
            }
            at = self.skip_trivia(at);
            if matches!(self.byte(at), Some(b',' | b';')) {
                at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(path: &[i32], span: &[i32]) -> Location {
        Location { path: path.to_vec(), span: span.to_vec(), ..Location::default() }
    }

    /// Spans as `buf build` 1.75 records them for the same source.
    #[test]
    fn statement_and_compact_literals_like_buf() {
        let source = "enum E { option features = { enum_type: CLOSED, json_format: ALLOW }; E0 = 0; }\n\
                      message M {\n  option features = {\n    json_format : LEGACY_BEST_EFFORT, // why\n  };\n  \
                      string x = 1 [features = { field_presence: IMPLICIT utf8_validation: NONE }];\n}\n";
        let mut info = SourceCodeInfo {
            location: vec![
                location(&[5, 0, 3, 7], &[0, 9, 69]),
                location(&[4, 0, 7, 12], &[2, 2, 4, 4]),
                location(&[4, 0, 2, 0, 8, 21], &[5, 16, 76]),
                location(&[4, 3, 7], &[2, 2, 4, 4]),
            ],
        };
        align(&mut info, source);
        let got: Vec<(Vec<i32>, Vec<i32>)> = info.location.into_iter().map(|l| (l.path, l.span)).collect();
        let want: Vec<(Vec<i32>, Vec<i32>)> = [
            (&[5, 0, 3, 7][..], &[0, 16, 68][..]),
            (&[4, 0, 7, 12], &[2, 9, 4, 3]),
            (&[4, 0, 2, 0, 8, 21], &[5, 16, 76]),
            (&[4, 3, 7], &[2, 2, 4, 4]),
            (&[5, 0, 3, 7, 2], &[0, 29, 46]),
            (&[5, 0, 3, 7, 6], &[0, 48, 66]),
            (&[4, 0, 7, 12, 6], &[3, 4, 36]),
            (&[4, 0, 2, 0, 8, 21, 1], &[5, 29, 53]),
            (&[4, 0, 2, 0, 8, 21, 4], &[5, 54, 75]),
        ]
        .iter()
        .map(|(p, s)| (p.to_vec(), s.to_vec()))
        .collect();
        assert_eq!(got, want);
    }
}
