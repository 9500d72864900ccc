//! Where buf puts a protovalidate finding (`OptionExtensionLocation`): the location recorded
//! for the option path; else the first recorded location inside that path; else its nearest
//! recorded ancestor at or below the extension. buf's compiler records more locations inside
//! option literals than protox; [`literal`](super::literal) recovers them from the source.

use std::collections::HashMap;

use prost_types::{DescriptorProto, FieldDescriptorProto, field_descriptor_proto::Label, source_code_info::Location};

use super::literal;
use crate::lint::Findings;
use crate::schema::{LocationRef, Schema, SchemaFile};

/// One file's option locations, gathered in one pass: the recorded locations under each
/// element's options extension (1159, 1160), and where the source's lines start.
pub struct FileIndex<'a> {
    file: &'a SchemaFile,
    starts: Vec<usize>,
    by_prefix: HashMap<&'a [i32], Vec<LocationRef<'a>>>,
}

impl<'a> FileIndex<'a> {
    pub fn new(file: &'a SchemaFile) -> Self {
        let starts = file.source().map_or_else(Vec::new, crate::schema::line_starts);
        let mut by_prefix: HashMap<&'a [i32], Vec<LocationRef<'a>>> = HashMap::new();
        for location in file.locations() {
            // An element's path is (field, index) pairs; its options field and the extension follow.
            let path = location.path;
            let at = (2..path.len().saturating_sub(1))
                .step_by(2)
                .find(|&i| matches!(path[i], 7 | 8) && matches!(path[i + 1], 1159 | 1160));
            if let Some(i) = at {
                by_prefix.entry(&path[..i + 2]).or_default().push(location);
            }
        }
        Self { file, starts, by_prefix }
    }
}

/// Messages and extensions of the whole schema by full name (no leading dot).
pub struct Types<'a> {
    messages: HashMap<String, &'a DescriptorProto>,
    extensions: Vec<(String, &'a FieldDescriptorProto)>,
}

impl<'a> Types<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut types = Types { messages: HashMap::new(), extensions: Vec::new() };
        for file in &schema.files {
            let package = file.descriptor.package();
            let scope = if package.is_empty() { String::new() } else { format!("{package}.") };
            types.add_extensions(&scope, &file.descriptor.extension);
            for message in &file.descriptor.message_type {
                types.add(&scope, message);
            }
        }
        types
    }

    fn add(&mut self, scope: &str, message: &'a DescriptorProto) {
        let name = format!("{scope}{}", message.name());
        let nested_scope = format!("{name}.");
        self.add_extensions(&nested_scope, &message.extension);
        for nested in &message.nested_type {
            self.add(&nested_scope, nested);
        }
        self.messages.insert(name, message);
    }

    fn add_extensions(&mut self, scope: &str, extensions: &'a [FieldDescriptorProto]) {
        self.extensions.extend(extensions.iter().map(|e| (format!("{scope}{}", e.name()), e)));
    }

    /// The message a `type_name` (with or without its leading dot) names.
    pub fn message(&self, type_name: &str) -> Option<&'a DescriptorProto> {
        self.messages.get(type_name.trim_start_matches('.')).copied()
    }

    pub fn extension(&self, name: &str) -> Option<&'a FieldDescriptorProto> {
        let name = name.trim_start_matches('.');
        self.extensions.iter().find(|(full, _)| full == name).map(|(_, e)| *e)
    }

    /// The extension of `google.protobuf.<options>` numbered `number`.
    pub fn option(&self, options: &str, number: i32) -> Option<&'a FieldDescriptorProto> {
        let extendee = format!(".google.protobuf.{options}");
        self.extensions.iter().map(|(_, e)| *e).find(|e| e.number() == number && e.extendee() == extendee)
    }
}

/// The locations under one option extension of one element, in buf's order.
pub struct Locator {
    prefix: Vec<i32>,
    locations: Vec<Location>,
}

impl Locator {
    /// `prefix` is the element's path, its options field and the extension number.
    pub fn new(index: &FileIndex<'_>, prefix: Vec<i32>, extension: &FieldDescriptorProto, types: &Types<'_>) -> Self {
        let (file, starts) = (index.file, index.starts.as_slice());
        let recorded: &[LocationRef<'_>] = index.by_prefix.get(prefix.as_slice()).map_or(&[], Vec::as_slice);
        let mut locations: Vec<Location> = recorded.iter().map(LocationRef::to_location).collect();
        if let (Some(text), Some(root)) = (file.source(), types.message(extension.type_name())) {
            for (i, statement) in recorded.iter().enumerate() {
                let Some(message) = statement_message(root, &statement.path[prefix.len()..], types) else { continue };
                let Some((start, end)) = offsets(statement.span, starts) else { continue };
                let Some(statement_text) = text.get(start..end) else { continue };
                let literal = literal::locations(statement_text, start, statement.path, message, types);
                if let Some((start, end)) = literal.statement {
                    locations[i].span = span(start, end, starts);
                }
                for found in literal.fields {
                    let span = span(found.start, found.end, starts);
                    locations.push(Location { path: found.path, span, ..Location::default() });
                }
            }
        }
        locations.sort_by_key(|l| {
            let (end_line, end_column) = match l.span[..] {
                [line, _, end] | [_, _, line, end] => (line, end),
                _ => (i32::MAX, i32::MAX),
            };
            (l.span.first().copied(), l.span.get(1).copied(), end_line, end_column, l.path.len())
        });
        Self { prefix, locations }
    }

    /// buf's location for `extra` below the extension.
    pub fn find(&self, extra: &[i32]) -> Option<&Location> {
        let path = [self.prefix.as_slice(), extra].concat();
        if let Some(exact) = self.locations.iter().find(|l| l.path == path) {
            return Some(exact);
        }
        let mut best: Option<&Location> = None;
        for location in &self.locations {
            if path.starts_with(&location.path) && best.is_none_or(|b| location.path.len() > b.path.len()) {
                best = Some(location);
            } else if location.path.starts_with(&path) {
                return Some(location);
            }
        }
        best
    }
}

/// The message an option statement at `rest` (below the extension) sets, if buf records the
/// fields of its literal: a singular message, not an element of a repeated field.
fn statement_message<'a>(root: &'a DescriptorProto, rest: &[i32], types: &Types<'a>) -> Option<&'a DescriptorProto> {
    let mut message = root;
    for &number in rest {
        let field = message.field.iter().find(|f| f.number() == number)?;
        if field.label() == Label::Repeated {
            return None;
        }
        message = types.message(field.type_name())?;
    }
    Some(message)
}

fn offsets(span: &[i32], starts: &[usize]) -> Option<(usize, usize)> {
    let (line, column, end_line, end_column) = match span[..] {
        [line, start, end] => (line, start, line, end),
        [line, start, end_line, end] => (line, start, end_line, end),
        _ => return None,
    };
    let at = |line: i32, column: i32| Some(starts.get(usize::try_from(line).ok()?)? + usize::try_from(column).ok()?);
    Some((at(line, column)?, at(end_line, end_column)?))
}

/// A `SourceCodeInfo` span (0-based line and byte column) from offsets in the file.
fn span(start: usize, end: usize, starts: &[usize]) -> Vec<i32> {
    let position = |offset: usize| {
        let line = starts.partition_point(|&start| start <= offset) - 1;
        (line as i32, (offset - starts[line]) as i32)
    };
    let (start, end) = (position(start), position(end));
    if start.0 == end.0 { vec![start.0, start.1, end.1] } else { vec![start.0, start.1, end.0, end.1] }
}

/// Findings for one option extension of one element, placed where buf places them.
pub struct Sink<'s, 'a> {
    pub file: &'a SchemaFile,
    pub locator: Locator,
    pub found: &'s mut Findings<'a>,
}

impl Sink<'_, '_> {
    /// A finding at the option path `extra` below the extension.
    pub fn add(&mut self, extra: &[i32], message: String) {
        match self.locator.find(extra) {
            Some(location) => self.found.at_location(self.file, location, message),
            None => self.found.file_level(self.file, message),
        }
    }
}
