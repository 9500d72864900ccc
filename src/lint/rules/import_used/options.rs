//! Finding options in a file: which options message a `SourceCodeInfo` path points into and the
//! scope relative names in it resolve from, and the bracketed names in an option's source text.

use prost_types::{DescriptorProto, FileDescriptorProto};

use crate::schema::qualified_name;

const FIELD_OPTIONS: &str = "google.protobuf.FieldOptions";

/// An option inside an element's options message.
pub struct OptionsTarget<'p> {
    /// Full name of the options message (`google.protobuf.FileOptions`, ...).
    pub options: &'static str,
    /// The path below the options message: the option's field numbers (empty for the options
    /// message itself).
    pub rest: &'p [i32],
    /// Where relative names in the option's value resolve, as protocompile scopes it: the
    /// package for file options, the enclosing scope of a message or enum for its own options,
    /// the message for its fields' options, the service for its and its methods' options.
    /// Held as the path of that message or service (empty: the package), named only on demand:
    /// most options hold no names to resolve.
    scope_path: &'p [i32],
}

impl OptionsTarget<'_> {
    pub fn scope(&self, fd: &FileDescriptorProto) -> String {
        let mut scope = fd.package().to_owned();
        let mut messages = &fd.message_type;
        let mut path = self.scope_path;
        loop {
            let name = match path {
                [4 | 3, i, rest @ ..] => {
                    path = rest;
                    let Some(message) = messages.get(index(*i)) else { break };
                    messages = &message.nested_type;
                    message.name()
                }
                [6, i, ..] => {
                    path = &[];
                    fd.service.get(index(*i)).map_or("", |s| s.name())
                }
                _ => break,
            };
            scope = qualified_name(&scope, name);
        }
        scope
    }
}

/// The option a `SourceCodeInfo` path points into, if it points into one.
pub fn options_target<'p>(fd: &FileDescriptorProto, path: &'p [i32]) -> Option<OptionsTarget<'p>> {
    let at = |rest: &[i32]| &path[..path.len() - rest.len()];
    match path {
        [8, rest @ ..] => Some(target("google.protobuf.FileOptions", rest, &[])),
        [4, i, rest @ ..] => message(fd.message_type.get(index(*i))?, path, &[], at(rest), rest),
        [5, _, rest @ ..] => enumeration(&[], rest),
        [6, i, rest @ ..] => service(fd.service.get(index(*i)).map(|_| at(rest))?, rest),
        [7, _, 8, rest @ ..] => Some(target(FIELD_OPTIONS, rest, &[])),
        _ => None,
    }
}

/// `whole` is the full location path; `parent` and `this` are the prefixes naming the enclosing
/// scope and this message.
fn message<'p>(
    message: &DescriptorProto,
    whole: &'p [i32],
    parent: &'p [i32],
    this: &'p [i32],
    path: &'p [i32],
) -> Option<OptionsTarget<'p>> {
    let at = |rest: &[i32]| &whole[..whole.len() - rest.len()];
    match path {
        [7, rest @ ..] => Some(target("google.protobuf.MessageOptions", rest, parent)),
        [2 | 6, _, 8, rest @ ..] => Some(target(FIELD_OPTIONS, rest, this)),
        [3, i, rest @ ..] => self::message(message.nested_type.get(index(*i))?, whole, this, at(rest), rest),
        [4, i, rest @ ..] => message.enum_type.get(index(*i)).and_then(|_| enumeration(this, rest)),
        [5, _, 3, rest @ ..] => Some(target("google.protobuf.ExtensionRangeOptions", rest, parent)),
        [8, _, 2, rest @ ..] => Some(target("google.protobuf.OneofOptions", rest, parent)),
        _ => None,
    }
}

fn enumeration<'p>(parent: &'p [i32], path: &'p [i32]) -> Option<OptionsTarget<'p>> {
    match path {
        [3, rest @ ..] => Some(target("google.protobuf.EnumOptions", rest, parent)),
        [2, _, 3, rest @ ..] => Some(target("google.protobuf.EnumValueOptions", rest, parent)),
        _ => None,
    }
}

fn service<'p>(this: &'p [i32], path: &'p [i32]) -> Option<OptionsTarget<'p>> {
    match path {
        [3, rest @ ..] => Some(target("google.protobuf.ServiceOptions", rest, this)),
        [2, _, 4, rest @ ..] => Some(target("google.protobuf.MethodOptions", rest, this)),
        _ => None,
    }
}

fn target<'p>(options: &'static str, rest: &'p [i32], scope_path: &'p [i32]) -> OptionsTarget<'p> {
    OptionsTarget { options, rest, scope_path }
}

fn index(i: i32) -> usize {
    usize::try_from(i).unwrap_or(usize::MAX)
}

/// The first and last 0-based line a `SourceCodeInfo` span covers. Whole lines, because the
/// span's columns need not be byte offsets; other text on those lines holds no bracketed names.
pub fn span_lines(span: &[i32]) -> Option<(usize, usize)> {
    match *span {
        [line, _, _] => Some((index(line), index(line))),
        [first, _, last, _] => Some((index(first), index(last))),
        _ => None,
    }
}

/// The names in brackets that are keys of a message literal: `[pkg.ext]` (an extension) and
/// `[host/pkg.Msg]` (an `Any` type URL). A `[` right after `:` opens a list instead, and a
/// bracket holding anything but a name (a list of messages) is not a key. Strings and comments
/// are skipped.
pub fn bracketed_names(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut names = Vec::new();
    let (mut i, mut previous) = (0, 0u8);
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' | b'\'' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == byte {
                        break;
                    }
                }
                previous = byte;
                continue;
            }
            b'[' if previous != b':' => {
                let inner = text[i + 1..].split(']').next().unwrap_or_default();
                let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/') || c.is_whitespace();
                if inner.chars().any(|c| !c.is_whitespace()) && inner.chars().all(is_name) {
                    names.push(inner.chars().filter(|c| !c.is_whitespace()).collect());
                }
            }
            _ => {}
        }
        if !byte.is_ascii_whitespace() {
            previous = byte;
        }
        i += 1;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::bracketed_names;

    #[test]
    fn keys_are_found_and_lists_strings_and_comments_are_not() {
        let text = r#"option (a.b) = { x: [A, B] [c.d]: 1 m [{ [e.f]: 2 }] s: "[g.h]" /* [i.j] */ any { [t.co/k.L] {} } };"#;
        assert_eq!(bracketed_names(text), ["c.d", "e.f", "t.co/k.L"]);
    }
}
