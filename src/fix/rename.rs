//! Renames: the declaration, plus every reference protogate can locate in the input's files
//! (field types, extendees, request and response types, enum defaults). Any other mention of the
//! old name outside comments and strings (an option value, an aggregate literal, a reference
//! protox records no location for) makes the fix unsafe, with the first such place named.

use super::{Fix, TextEdit, index::RenameIndex, span_range};
use crate::schema::{
    SchemaFile,
    elements::{Element, EnumValue},
};

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

/// A fix renaming the element declared at `name_path` of `file` (full name `full_name`, no
/// leading dot; for an enum value, the enum's full name and the value's name) to `new_name`.
/// `None` when the declaration's source cannot be found.
pub fn rename(
    index: &RenameIndex<'_>,
    file: &SchemaFile,
    name_path: &[i32],
    full_name: &str,
    new_name: &str,
    kind: RenameKind,
) -> Option<Fix> {
    let old_name = full_name.rsplit('.').next().unwrap_or(full_name);
    let source = file.source()?;
    let (start, end) = span_range(source, file.location(name_path)?.span)?;
    if source.get(start..end) != Some(old_name) {
        return None;
    }
    let mut edits = vec![TextEdit::new(&file.file_ref, source, start, end, new_name)];
    let mut unresolved: Option<String> = None;
    let sites = match kind {
        RenameKind::Type => index.types(full_name),
        RenameKind::EnumValue => index.defaults(full_name),
        RenameKind::Other => &[],
    };
    for site in sites {
        let target = index.files[site.file];
        let text = target.source().unwrap_or_default();
        let range = target.location(&site.path).and_then(|l| span_range(text, l.span));
        match range.and_then(|(s, e)| reference_edit(text, s, e, &site.resolved, full_name, kind)) {
            Some(Some((s, e))) => edits.push(TextEdit::new(&target.file_ref, text, s, e, new_name)),
            Some(None) => {}
            None => {
                unresolved.get_or_insert_with(|| format!("a reference in {}", target.file_ref.external_path));
            }
        }
    }
    edits.sort();
    edits.dedup();
    if unresolved.is_none() {
        unresolved = unmatched_mention(index, old_name, &edits);
    }
    let description = format!("rename `{old_name}` to `{new_name}`");
    let reason = unresolved.map(|place| format!("{place} may refer to `{old_name}` and would not be renamed"));
    Some(Fix::new(description, edits).with_unsafe_reason(reason))
}

/// [`rename`] for a declared element (message, enum, field, service) whose name is field 1.
pub fn rename_element<T>(
    index: &RenameIndex<'_>,
    element: &Element<'_, T>,
    new_name: &str,
    kind: RenameKind,
) -> Option<Fix> {
    rename(index, element.file, &element.child_path(&[1]), &element.full_name, new_name, kind)
}

/// [`rename`] for an enum value; `None` when the enum already has a value named `new_name`.
pub fn rename_enum_value(index: &RenameIndex<'_>, value: &EnumValue<'_>, new_name: &str) -> Option<Fix> {
    if value.parent.value.iter().any(|v| v.name() == new_name) {
        return None;
    }
    let scope = value.element.full_name.rsplit_once('.').map(|(scope, _)| scope);
    let enum_name = value.parent.name();
    let key = match scope {
        Some(scope) => format!("{scope}.{enum_name}.{}", value.element.node.name()),
        None => format!("{enum_name}.{}", value.element.node.name()),
    };
    rename(index, value.element.file, &value.element.child_path(&[1]), &key, new_name, RenameKind::EnumValue)
}

/// The first mention of `old_name` in the input's files that is neither a declaration nor one
/// of `edits`, as `path:line:column`.
fn unmatched_mention(index: &RenameIndex<'_>, old_name: &str, edits: &[TextEdit]) -> Option<String> {
    let &(file, start) = index
        .mentions(old_name)
        .iter()
        .find(|(file, start)| !edits.iter().any(|e| e.file == index.files[*file].file_ref && e.start == *start))?;
    let target = index.files[file];
    let place = TextEdit::new(&target.file_ref, target.source().unwrap_or_default(), start, start, "");
    Some(format!("{}:{}:{}", target.file_ref.external_path, place.start_line, place.start_column))
}

/// The byte range to replace inside the reference text `text[start..end]`: `Some(None)` when
/// the text does not spell the renamed segment (it resolves relative to a scope), `None` when
/// the text is not a plain dotted name protogate can align with what it resolves to.
#[allow(clippy::option_option)]
fn reference_edit(
    text: &str,
    start: usize,
    end: usize,
    resolved: &str,
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
        return reference_edit(text, value_start, value_end, resolved, full_name, kind);
    }
    let leading_dot = usize::from(written.starts_with('.'));
    let segments: Vec<&str> = written[leading_dot..].split('.').collect();
    let resolved: Vec<&str> = resolved.split('.').collect();
    let plain = segments.iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    if !plain || segments.len() > resolved.len() || !resolved.ends_with(&segments) {
        return None;
    }
    let renamed_index = full_name.split('.').count() - 1;
    let Some(index) = renamed_index.checked_sub(resolved.len() - segments.len()) else { return Some(None) };
    let offset = start + leading_dot + segments[..index].iter().map(|s| s.len() + 1).sum::<usize>();
    Some(Some((offset, offset + segments[index].len())))
}
