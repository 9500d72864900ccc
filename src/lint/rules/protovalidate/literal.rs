//! The locations buf's compiler records inside an option's message literal and protox does not:
//! each field of a singular message gets one, from its name to the end of its value; a repeated
//! field's occurrence gets one at the index of its (first) element, and is not entered; a
//! singular message field gets none itself, only its fields. And where protox's location of an
//! `option name = {...};` statement covers it all, buf's covers `name = {...}` only.

use std::collections::HashMap;

use prost_types::{DescriptorProto, FieldDescriptorProto, field_descriptor_proto::Label};

use super::locate::Types;

/// A location found in the source: its path and byte offsets.
pub struct Found {
    pub path: Vec<i32>,
    pub start: usize,
    pub end: usize,
}

/// What buf records for an option statement whose value is a message literal.
pub struct Literal {
    /// The statement's own span as buf records it, if it differs from protox's.
    pub statement: Option<(usize, usize)>,
    pub fields: Vec<Found>,
}

/// The locations of the option statement `text` (recorded at `path`), whose value is a message
/// of type `message`. `offset` is where `text` starts in the file.
pub fn locations<'a>(
    text: &str,
    offset: usize,
    path: &[i32],
    message: &'a DescriptorProto,
    types: &Types<'a>,
) -> Literal {
    let mut scan = Scan { lexer: Lexer { text, pos: 0 }, types, found: Vec::new() };
    let mut name_start = None;
    let mut statement = None;
    while let Some(token) = scan.lexer.next() {
        if token.kind == Kind::Word && &text[token.start..token.end] == "option" {
            name_start = scan.lexer.peek().map(|t| t.start);
        } else if token.kind == Kind::Punct(b'=') {
            if let Some(token) = scan.lexer.next()
                && let Kind::Punct(open @ (b'{' | b'<')) = token.kind
                && let Some(end) = scan.body(closing(open), path, Some(message))
            {
                statement = name_start.map(|start| (start + offset, end + offset));
            }
            break;
        }
    }
    for found in &mut scan.found {
        found.start += offset;
        found.end += offset;
    }
    Literal { statement, fields: scan.found }
}

fn closing(open: u8) -> u8 {
    if open == b'{' { b'}' } else { b'>' }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Punct(u8),
    Str,
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Tokens of the text format inside a `.proto` file: comments are skipped.
#[derive(Clone)]
struct Lexer<'t> {
    text: &'t str,
    pos: usize,
}

impl Lexer<'_> {
    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        loop {
            while bytes.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
                self.pos += 1;
            }
            let rest = &bytes[self.pos.min(bytes.len())..];
            if rest.starts_with(b"//") {
                self.pos += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            } else if rest.starts_with(b"/*") {
                self.pos += rest.windows(2).skip(2).position(|w| w == b"*/").map_or(rest.len(), |i| i + 4);
            } else {
                break;
            }
        }
        let start = self.pos;
        let first = *bytes.get(start)?;
        let kind = match first {
            b'"' | b'\'' => {
                let mut i = start + 1;
                while let Some(&b) = bytes.get(i) {
                    i += if b == b'\\' { 2 } else { 1 };
                    if b == first {
                        break;
                    }
                }
                self.pos = i.min(bytes.len());
                Kind::Str
            }
            b if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' => {
                let mut i = start;
                while let Some(&b) = bytes.get(i) {
                    let exponent_sign = (b == b'-' || b == b'+')
                        && matches!(bytes.get(i - 1), Some(b'e' | b'E'))
                        && (first.is_ascii_digit() || first == b'.');
                    if !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign) {
                        break;
                    }
                    i += 1;
                }
                self.pos = i;
                Kind::Word
            }
            _ => {
                self.pos = start + self.text[start..].chars().next().map_or(1, char::len_utf8);
                Kind::Punct(first)
            }
        };
        Some(Token { kind, start, end: self.pos })
    }

    fn peek(&self) -> Option<Token> {
        self.clone().next()
    }
}

struct Scan<'t, 'x, 'a> {
    lexer: Lexer<'t>,
    types: &'x Types<'a>,
    found: Vec<Found>,
}

impl<'a> Scan<'_, '_, 'a> {
    /// A message literal's fields up to `close`; `message` is `None` inside values buf does not
    /// enter. Returns the end of the closing token.
    fn body(&mut self, close: u8, path: &[i32], message: Option<&'a DescriptorProto>) -> Option<usize> {
        let mut occurrences: HashMap<i32, i32> = HashMap::new();
        loop {
            let token = self.lexer.next()?;
            let field = match token.kind {
                Kind::Punct(c) if c == close => return Some(token.end),
                Kind::Punct(b',' | b';') => continue,
                Kind::Punct(b'[') => {
                    let name = self.bracketed_name()?;
                    message.and_then(|_| self.types.extension(&name))
                }
                Kind::Word => {
                    let name = &self.lexer.text[token.start..token.end];
                    message.and_then(|m| m.field.iter().find(|f| f.name() == name))
                }
                _ => return None,
            };
            let start = token.start;
            let mut value = self.lexer.next()?;
            if value.kind == Kind::Punct(b':') {
                value = self.lexer.next()?;
            }
            let repeated = field.is_some_and(|f| f.label() == Label::Repeated);
            let (end, count) = match value.kind {
                Kind::Punct(open @ (b'{' | b'<')) if !repeated => {
                    let nested = field.and_then(|f| self.types.message(f.type_name()));
                    let child: Vec<i32> = [path, &[field.map_or(0, FieldDescriptorProto::number)]].concat();
                    self.body(closing(open), &child, nested)?;
                    continue;
                }
                Kind::Punct(open @ (b'{' | b'<')) => (self.body(closing(open), path, None)?, 1),
                Kind::Punct(b'[') => self.array()?,
                _ => (self.scalar(value)?, 1),
            };
            let Some(field) = field else { continue };
            let mut path = [path, &[field.number()]].concat();
            if repeated {
                let index = occurrences.entry(field.number()).or_insert(0);
                path.push(*index);
                *index += count;
            }
            if count > 0 {
                self.found.push(Found { path, start, end });
            }
        }
    }

    /// An extension or `Any` type name, after its `[`.
    fn bracketed_name(&mut self) -> Option<String> {
        let mut name = String::new();
        loop {
            let token = self.lexer.next()?;
            if token.kind == Kind::Punct(b']') {
                return Some(name);
            }
            name.push_str(&self.lexer.text[token.start..token.end]);
        }
    }

    /// The elements of a list, after its `[`: the end of the `]` and their count.
    fn array(&mut self) -> Option<(usize, i32)> {
        let mut count = 0;
        loop {
            let token = self.lexer.next()?;
            match token.kind {
                Kind::Punct(b']') => return Some((token.end, count)),
                Kind::Punct(b',') => {}
                Kind::Punct(open @ (b'{' | b'<')) => {
                    self.body(closing(open), &[], None)?;
                    count += 1;
                }
                _ => {
                    self.scalar(token)?;
                    count += 1;
                }
            }
        }
    }

    /// A scalar value starting at `first`: a word, a signed word, or adjacent strings.
    fn scalar(&mut self, first: Token) -> Option<usize> {
        match first.kind {
            Kind::Punct(b'-') => self.lexer.next().map(|t| t.end),
            Kind::Str => {
                let mut end = first.end;
                while let Some(next) = self.lexer.peek().filter(|t| t.kind == Kind::Str) {
                    self.lexer.next();
                    end = next.end;
                }
                Some(end)
            }
            Kind::Word => Some(first.end),
            Kind::Punct(_) => None,
        }
    }

}
