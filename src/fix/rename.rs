//! Renames: the declaration, plus every reference protogate can locate in the input's files
//! (field types, extendees, request and response types, enum defaults). Any other mention of the
//! old name outside comments and strings (an option value, an aggregate literal, a reference
//! protox records no location for) makes the fix unsafe, with the first such place named.

use prost_types::{DescriptorProto, FieldDescriptorProto, FileDescriptorProto};

use super::{Fix, TextEdit, scan, span_range};
use crate::schema::{Schema, SchemaFile};

/// What is renamed, which decides where its references can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameKind {
    /// Messages and enums: referenced by full or partial type names.
    Type,
    /// Enum values: referenced by field defaults.
    EnumValue,
    /// Fields and services: no reference protogate can locate.
    Other,
}

const FIELD_EXTENDEE: i32 = 2;
const FIELD_TYPE_NAME: i32 = 6;
const FIELD_DEFAULT_VALUE: i32 = 7;

/// A fix renaming the element declared at `name_path` of `file` (full name `full_name`, no
/// leading dot; for an enum value, the enum's full name and the value's name) to `new_name`. `None` when the declaration's source cannot be found.
pub fn rename(
    schema: &Schema,
    file: &SchemaFile,
    name_path: &[i32],
    full_name: &str,
    new_name: &str,
    kind: RenameKind,
) -> Option<Fix> {
    let old_name = full_name.rsplit('.').next().unwrap_or(full_name);
    let source = file.source()?;
    let (start, end) = span_range(source, &file.location(name_path)?.span)?;
    if source.get(start..end) != Some(old_name) {
        return None;
    }
    let mut edits = vec![TextEdit::new(&file.file_ref, source, start, end, new_name)];
    let mut unresolved: Option<String> = None;
    for target in schema.targets() {
        let Some(text) = target.source() else { continue };
        for reference in references(&target.descriptor, full_name, kind) {
            let range = target.location(&reference.path).and_then(|l| span_range(text, &l.span));
            let edit = range.and_then(|(s, e)| reference_edit(text, s, e, &reference, full_name, kind));
            match edit {
                Some(Some((s, e))) => edits.push(TextEdit::new(&target.file_ref, text, s, e, new_name)),
                Some(None) => {}
                None => {
                    unresolved.get_or_insert_with(|| format!("a reference in {}", target.file_ref.external_path));
                }
            }
        }
    }
    edits.sort();
    edits.dedup();
    if unresolved.is_none() {
        unresolved = unmatched_mention(schema, old_name, &edits);
    }
    let description = format!("rename `{old_name}` to `{new_name}`");
    let reason = unresolved.map(|place| format!("{place} may refer to `{old_name}` and would not be renamed"));
    Some(Fix::new(description, edits).with_unsafe_reason(reason))
}

/// One place in a file's descriptor whose text names the renamed element.
struct Reference {
    path: Vec<i32>,
    /// The resolved full name written there (no leading dot).
    resolved: String,
}

/// Where `full_name` is referred to in `fd`.
fn references(fd: &FileDescriptorProto, full_name: &str, kind: RenameKind) -> Vec<Reference> {
    let mut found = Vec::new();
    let refers = |name: &str| {
        let name = name.trim_start_matches('.');
        (name == full_name || name.strip_prefix(full_name).is_some_and(|rest| rest.starts_with('.')))
            .then(|| name.to_owned())
    };
    let mut visit_field = |path: Vec<i32>, field: &FieldDescriptorProto| match kind {
        RenameKind::Type => {
            for (tag, name) in [(FIELD_TYPE_NAME, field.type_name()), (FIELD_EXTENDEE, field.extendee())] {
                if let Some(resolved) = refers(name) {
                    found.push(Reference { path: [path.as_slice(), &[tag]].concat(), resolved });
                }
            }
        }
        RenameKind::EnumValue => {
            let (enum_name, value) = full_name.rsplit_once('.').unwrap_or(("", full_name));
            if field.default_value() == value && field.type_name().trim_start_matches('.') == enum_name {
                let path = [path.as_slice(), &[FIELD_DEFAULT_VALUE]].concat();
                found.push(Reference { path, resolved: full_name.to_owned() });
            }
        }
        RenameKind::Other => {}
    };
    for (i, message) in fd.message_type.iter().enumerate() {
        walk_message(message, vec![4, i as i32], &mut visit_field);
    }
    for (i, extension) in fd.extension.iter().enumerate() {
        visit_field(vec![7, i as i32], extension);
    }
    if kind == RenameKind::Type {
        for (s, service) in fd.service.iter().enumerate() {
            for (m, method) in service.method.iter().enumerate() {
                for (tag, name) in [(2, method.input_type()), (3, method.output_type())] {
                    if let Some(resolved) = refers(name) {
                        found.push(Reference { path: vec![6, s as i32, 2, m as i32, tag], resolved });
                    }
                }
            }
        }
    }
    found
}

/// Visits every field and extension of `message` and its nested messages. A map field is
/// visited through its entry's value field, at the map field's path (the entry has no source).
fn walk_message(message: &DescriptorProto, path: Vec<i32>, visit: &mut impl FnMut(Vec<i32>, &FieldDescriptorProto)) {
    let child = |tag: i32, i: usize| [path.as_slice(), &[tag, i as i32]].concat();
    let is_entry = |m: &DescriptorProto| m.options.as_ref().is_some_and(|o| o.map_entry());
    for (i, field) in message.field.iter().enumerate() {
        let entry = message.nested_type.iter().find(|m| {
            is_entry(m) && field.type_name().rsplit('.').next() == Some(m.name())
        });
        match entry.and_then(|m| m.field.get(1)) {
            Some(value) => visit(child(2, i), value),
            None => visit(child(2, i), field),
        }
    }
    for (i, extension) in message.extension.iter().enumerate() {
        visit(child(6, i), extension);
    }
    for (i, nested) in message.nested_type.iter().enumerate().filter(|(_, m)| !is_entry(m)) {
        walk_message(nested, child(3, i), visit);
    }
}

/// The byte range to replace inside the reference text `text[start..end]`: `Some(None)` when
/// the text does not spell the renamed segment (it resolves relative to a scope), `None` when
/// the text is not a plain dotted name protogate can align with what it resolves to.
#[allow(clippy::option_option)]
fn reference_edit(
    text: &str,
    start: usize,
    end: usize,
    reference: &Reference,
    full_name: &str,
    kind: RenameKind,
) -> Option<Option<(usize, usize)>> {
    let written = text.get(start..end)?;
    if kind == RenameKind::EnumValue {
        // protox's span of a default is the whole `default = VALUE`.
        let value = full_name.rsplit('.').next()?;
        let before = written.strip_suffix(value)?;
        let boundary = before.chars().last().is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        return boundary.then_some(Some((end - value.len(), end)));
    }
    if let Some(inner) = written.strip_prefix("map<").and_then(|rest| rest.strip_suffix('>')) {
        // The value type of `map<K, V>`: the span covers the whole map type.
        let value = inner.rsplit(',').next()?;
        let value_end = start + "map<".len() + inner.len();
        let value_start = value_end - value.len() + (value.len() - value.trim_start().len());
        return reference_edit(text, value_start, value_end, reference, full_name, kind);
    }
    let leading_dot = usize::from(written.starts_with('.'));
    let segments: Vec<&str> = written[leading_dot..].split('.').collect();
    let resolved: Vec<&str> = reference.resolved.split('.').collect();
    let plain = segments.iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    if !plain || segments.len() > resolved.len() || !resolved.ends_with(&segments) {
        return None;
    }
    let renamed_index = full_name.split('.').count() - 1;
    let Some(index) = renamed_index.checked_sub(resolved.len() - segments.len()) else { return Some(None) };
    let offset = start + leading_dot + segments[..index].iter().map(|s| s.len() + 1).sum::<usize>();
    Some(Some((offset, offset + segments[index].len())))
}

/// The first mention of `old_name` in the input's files that is neither a declaration nor one
/// of `edits`, as `path:line:column`.
fn unmatched_mention(schema: &Schema, old_name: &str, edits: &[TextEdit]) -> Option<String> {
    for target in schema.targets() {
        let Some(text) = target.source() else { continue };
        for ident in scan::identifiers(text) {
            let edited = edits.iter().any(|e| e.file == target.file_ref && e.start == ident.start);
            if !ident.declares && !edited && &text[ident.start..ident.end] == old_name {
                let edit = TextEdit::new(&target.file_ref, text, ident.start, ident.end, "");
                return Some(format!("{}:{}:{}", target.file_ref.external_path, edit.start_line, edit.start_column));
            }
        }
    }
    None
}

/// [`rename`] for a declared element (message, enum, field, service) whose name is field 1.
pub fn rename_element<T>(
    schema: &Schema,
    element: &crate::schema::elements::Element<'_, T>,
    new_name: &str,
    kind: RenameKind,
) -> Option<Fix> {
    rename(schema, element.file, &element.child_path(&[1]), &element.full_name, new_name, kind)
}

/// [`rename`] for an enum value; `None` when the enum already has a value named `new_name`.
pub fn rename_enum_value(
    schema: &Schema,
    value: &crate::schema::elements::EnumValue<'_>,
    new_name: &str,
) -> Option<Fix> {
    if value.parent.value.iter().any(|v| v.name() == new_name) {
        return None;
    }
    let scope = value.element.full_name.rsplit_once('.').map(|(scope, _)| scope);
    let enum_name = value.parent.name();
    let key = match scope {
        Some(scope) => format!("{scope}.{enum_name}.{}", value.element.node.name()),
        None => format!("{enum_name}.{}", value.element.node.name()),
    };
    rename(schema, value.element.file, &value.element.child_path(&[1]), &key, new_name, RenameKind::EnumValue)
}
