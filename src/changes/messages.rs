//! Messages, their fields, oneofs and reserved ranges and names, and extensions.

use std::collections::BTreeSet;

use prost_types::{DescriptorProto, FieldDescriptorProto};

use super::{
    ChangeKind, ElementKind,
    compare::{Cx, Entry, anchor, deprecated, detail, is_proto3},
    describe,
};
use crate::schema::elements::{Element, tag};

/// `reserved_range` and `reserved_name` field numbers of (`DescriptorProto`,
/// `EnumDescriptorProto`), for the source locations of reserved statements.
pub(super) const RESERVED_RANGE_TAGS: (i32, i32) = (9, 4);
pub(super) const RESERVED_NAME_TAGS: (i32, i32) = (10, 5);

impl Cx<'_, '_> {
    pub(super) fn messages(&mut self) {
        let (before, after) = (self.before, self.after);
        for previous in before.elements.messages.iter().filter(|m| !m.is_map_entry).map(|m| &m.element) {
            let name = &previous.full_name;
            let Some(current) = after.message(name) else {
                let scope = after.anchor_in_scope(previous.file.descriptor.name(), name);
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::Message, name, previous.file, &previous.path)
                        .declared(format!("message {}", previous.node.name()))
                        .anchored(scope)
                        .tokens(vec![previous.node.name().to_owned(), previous.nested_name().to_owned(), name.clone()]),
                );
                continue;
            };
            let options = |m: &DescriptorProto| deprecated(m.options.as_ref().and_then(|o| o.deprecated));
            let details = [
                detail("deprecated", options(previous.node), options(current.node)),
                detail("file", previous.file.descriptor.name(), current.file.descriptor.name()),
            ];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::Message, name, current.file, &current.path)
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(vec![current.node.name().to_owned(), current.nested_name().to_owned()]),
            );
            self.reserved(previous, current);
            self.oneofs(previous, current);
            self.fields(previous, current);
        }
        for current in after.elements.messages.iter().filter(|m| !m.is_map_entry).map(|m| &m.element) {
            if before.message(&current.full_name).is_none() {
                self.push(
                    Entry::new(
                        ChangeKind::Added,
                        ElementKind::Message,
                        &current.full_name,
                        current.file,
                        &current.path,
                    )
                    .declared(format!("message {}", current.node.name()))
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(vec![current.node.name().to_owned(), current.nested_name().to_owned()]),
                );
            }
        }
        self.extensions();
    }

    fn reserved(&mut self, previous: &Element<'_, DescriptorProto>, current: &Element<'_, DescriptorProto>) {
        let ranges = |m: &DescriptorProto| -> Vec<(i32, i32)> {
            m.reserved_range.iter().map(|r| (r.start(), r.end() - 1)).collect()
        };
        let tags = (RESERVED_RANGE_TAGS.0, RESERVED_NAME_TAGS.0);
        self.reserved_sets(current, &ranges(previous.node), &ranges(current.node), 536_870_911, tags.0);
        self.reserved_names(current, &previous.node.reserved_name, &current.node.reserved_name, tags.1);
    }

    fn oneofs(&mut self, previous: &Element<'_, DescriptorProto>, current: &Element<'_, DescriptorProto>) {
        let names = |m: &DescriptorProto| -> Vec<String> {
            m.oneof_decl
                .iter()
                .enumerate()
                .filter(|(i, _)| !m.field.iter().any(|f| f.proto3_optional() && f.oneof_index == Some(*i as i32)))
                .map(|(_, o)| o.name().to_owned())
                .collect()
        };
        let (old, new) = (names(previous.node), names(current.node));
        for (kind, name, side) in old
            .iter()
            .filter(|n| !new.contains(n))
            .map(|n| (ChangeKind::Removed, n, previous))
            .chain(new.iter().filter(|n| !old.contains(n)).map(|n| (ChangeKind::Added, n, current)))
        {
            let index = side.node.oneof_decl.iter().position(|o| o.name() == name).unwrap_or(0) as i32;
            let path = side.child_path(&[tag::MESSAGE_ONEOF, index]);
            self.push(
                Entry::new(kind, ElementKind::Oneof, &format!("{}.{name}", current.full_name), side.file, &path)
                    .parent(&current.full_name)
                    .declared(format!("oneof {name}"))
                    .anchored(Some(anchor(current.file, if kind == ChangeKind::Added { &path } else { &current.path })))
                    .tokens(vec![name.clone()]),
            );
        }
    }

    fn fields(&mut self, previous: &Element<'_, DescriptorProto>, current: &Element<'_, DescriptorProto>) {
        let (before, after) = (self.before, self.after);
        let oneof = |m: &DescriptorProto, f: &FieldDescriptorProto| -> String {
            f.oneof_index
                .filter(|_| !f.proto3_optional())
                .and_then(|i| m.oneof_decl.get(i as usize))
                .map_or_else(String::new, |o| o.name().to_owned())
        };
        for (i, old) in previous.node.field.iter().enumerate() {
            let old_path = previous.child_path(&[tag::MESSAGE_FIELD, i as i32]);
            let old_decl = describe::field_declaration(old, is_proto3(previous.file), &before.maps);
            let Some(j) = current.node.field.iter().position(|f| f.number() == old.number()) else {
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::Field, &full(previous, old), previous.file, &old_path)
                        .parent(&current.full_name)
                        .declared(old_decl)
                        .anchored(Some(anchor(current.file, &current.path)))
                        .tokens(vec![old.name().to_owned(), old.number().to_string()]),
                );
                continue;
            };
            let new = &current.node.field[j];
            let path = current.child_path(&[tag::MESSAGE_FIELD, j as i32]);
            let proto3 = (is_proto3(previous.file), is_proto3(current.file));
            let kind = |f, p3, maps| (describe::label(f, p3, maps), describe::field_type(f, maps));
            let (old_kind, new_kind) = (kind(old, proto3.0, &before.maps), kind(new, proto3.1, &after.maps));
            let flag = |f: &FieldDescriptorProto| deprecated(f.options.as_ref().and_then(|o| o.deprecated));
            let details = [
                detail("name", old.name(), new.name()),
                detail("type", old_kind.1, new_kind.1),
                detail("label", old_kind.0, new_kind.0),
                detail("json_name", old.json_name(), new.json_name()).filter(|_| old.name() == new.name()),
                detail("oneof", oneof(previous.node, old), oneof(current.node, new)),
                detail("default", old.default_value(), new.default_value()),
                detail("deprecated", flag(old), flag(new)),
            ];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::Field, &full(current, new), current.file, &path)
                    .parent(&current.full_name)
                    .declared(describe::field_declaration(new, proto3.1, &after.maps))
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(current.file, &path)))
                    .tokens(field_tokens(new, old, &after.maps)),
            );
        }
        for (j, new) in current.node.field.iter().enumerate() {
            if previous.node.field.iter().any(|f| f.number() == new.number()) {
                continue;
            }
            let path = current.child_path(&[tag::MESSAGE_FIELD, j as i32]);
            self.push(
                Entry::new(ChangeKind::Added, ElementKind::Field, &full(current, new), current.file, &path)
                    .parent(&current.full_name)
                    .declared(describe::field_declaration(new, is_proto3(current.file), &after.maps))
                    .anchored(Some(anchor(current.file, &path)))
                    .tokens(vec![new.name().to_owned(), new.number().to_string()]),
            );
        }
    }

    fn extensions(&mut self) {
        let (before, after) = (self.before, self.after);
        let key = |f: &FieldDescriptorProto| (f.extendee().trim_start_matches('.').to_owned(), f.number());
        let find = |side: &super::compare::Side<'_>, wanted: &(String, i32)| {
            side.elements.fields.iter().filter(|f| f.is_extension).position(|f| key(f.element.node) == *wanted)
        };
        let (old_all, new_all) = (extensions(before), extensions(after));
        for old in &old_all {
            let wanted = key(old.node);
            let tokens = vec![old.node.name().to_owned(), old.node.number().to_string(), wanted.0.clone()];
            let Some(index) = find(after, &wanted) else {
                let scope = after.anchor_in_scope(old.file.descriptor.name(), &old.full_name);
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::Extension, &old.full_name, old.file, &old.path)
                        .declared(format!(
                            "extend {} {{ {} }}",
                            wanted.0,
                            describe::field_declaration(old.node, is_proto3(old.file), &before.maps)
                        ))
                        .anchored(scope)
                        .tokens(tokens),
                );
                continue;
            };
            let new = &new_all[index];
            let details = [
                detail("name", old.node.name(), new.node.name()),
                detail(
                    "type",
                    describe::field_type(old.node, &before.maps),
                    describe::field_type(new.node, &after.maps),
                ),
            ];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::Extension, &new.full_name, new.file, &new.path)
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(new.file, &new.path)))
                    .tokens(tokens),
            );
        }
        for new in &new_all {
            if find(before, &key(new.node)).is_none() {
                let extendee = key(new.node).0;
                self.push(
                    Entry::new(ChangeKind::Added, ElementKind::Extension, &new.full_name, new.file, &new.path)
                        .declared(format!(
                            "extend {extendee} {{ {} }}",
                            describe::field_declaration(new.node, is_proto3(new.file), &after.maps)
                        ))
                        .anchored(Some(anchor(new.file, &new.path)))
                        .tokens(vec![new.node.name().to_owned()]),
                );
            }
        }
    }

    /// Reserved ranges (inclusive ends, in declaration order) of a message or enum; `range_tag`
    /// is their field in the descriptor (for the line of an added range).
    pub(super) fn reserved_sets<T>(
        &mut self,
        current: &Element<'_, T>,
        old: &[(i32, i32)],
        new: &[(i32, i32)],
        max: i32,
        range_tag: i32,
    ) {
        let (old_set, new_set): (BTreeSet<_>, BTreeSet<_>) = (old.iter().collect(), new.iter().collect());
        for (kind, &&(start, end)) in old_set
            .difference(&new_set)
            .map(|r| (ChangeKind::Removed, r))
            .chain(new_set.difference(&old_set).map(|r| (ChangeKind::Added, r)))
        {
            let line_path = match new.iter().position(|r| *r == (start, end)) {
                Some(index) => current.child_path(&[range_tag, index as i32]),
                None => current.path.clone(),
            };
            let written = describe::range(start, end, max);
            let token = match end {
                end if end == start => format!("[{start}]"),
                end if end >= max => format!("[{start},max]"),
                end => format!("[{start},{end}]"),
            };
            self.push(
                Entry::new(kind, ElementKind::ReservedRange, &written, current.file, &line_path)
                    .parent(&current.full_name)
                    .declared(format!("reserved {written};"))
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(vec![token]),
            );
        }
    }

    pub(super) fn reserved_names<T>(
        &mut self,
        current: &Element<'_, T>,
        old: &[String],
        new: &[String],
        name_tag: i32,
    ) {
        let (old_set, new_set): (BTreeSet<_>, BTreeSet<_>) = (old.iter().collect(), new.iter().collect());
        for (kind, name) in old_set
            .difference(&new_set)
            .map(|n| (ChangeKind::Removed, *n))
            .chain(new_set.difference(&old_set).map(|n| (ChangeKind::Added, *n)))
        {
            let line_path = match new.iter().position(|n| n == name) {
                Some(index) => current.child_path(&[name_tag, index as i32]),
                None => current.path.clone(),
            };
            self.push(
                Entry::new(kind, ElementKind::ReservedName, name, current.file, &line_path)
                    .parent(&current.full_name)
                    .declared(format!("reserved {name:?};"))
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(vec![name.clone()]),
            );
        }
    }
}

fn extensions<'a>(side: &super::compare::Side<'a>) -> Vec<Element<'a, FieldDescriptorProto>> {
    side.elements.fields.iter().filter(|f| f.is_extension).map(|f| f.element.clone()).collect()
}

/// A field's names and number, and for a map its entry message (findings about the key or value
/// type name the entry).
fn field_tokens(new: &FieldDescriptorProto, old: &FieldDescriptorProto, maps: &describe::MapEntries) -> Vec<String> {
    let mut tokens = vec![new.name().to_owned(), new.number().to_string(), old.name().to_owned()];
    let type_name = new.type_name().trim_start_matches('.');
    if maps.contains_key(type_name) {
        tokens.push(type_name.rsplit('.').next().unwrap_or(type_name).to_owned());
    }
    tokens
}

fn full(message: &Element<'_, DescriptorProto>, field: &FieldDescriptorProto) -> String {
    format!("{}.{}", message.full_name, field.name())
}
