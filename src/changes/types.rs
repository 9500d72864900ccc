//! Enums with their values and reserved ranges and names, and services with their RPCs.

use prost_types::{EnumDescriptorProto, EnumValueDescriptorProto, MethodDescriptorProto, ServiceDescriptorProto};

use super::{
    ChangeKind, ElementKind,
    compare::{Cx, Entry, anchor, deprecated, detail},
    describe,
};
use crate::schema::elements::{Element, tag};

impl Cx<'_, '_> {
    pub(super) fn enums(&mut self) {
        let (before, after) = (self.before, self.after);
        for previous in &before.elements.enums {
            let name = &previous.full_name;
            let tokens =
                |e: &Element<'_, EnumDescriptorProto>| vec![e.node.name().to_owned(), e.nested_name().to_owned()];
            let Some(current) = after.enumeration(name) else {
                let scope = after.anchor_in_scope(previous.file.descriptor.name(), name);
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::Enum, name, previous.file, &previous.path)
                        .declared(format!("enum {}", previous.node.name()))
                        .anchored(scope)
                        .tokens(tokens(previous)),
                );
                continue;
            };
            let flag = |e: &EnumDescriptorProto| deprecated(e.options.as_ref().and_then(|o| o.deprecated));
            let alias = |e: &EnumDescriptorProto| deprecated(e.options.as_ref().and_then(|o| o.allow_alias));
            let details = [
                detail("deprecated", flag(previous.node), flag(current.node)),
                detail("allow_alias", alias(previous.node), alias(current.node)),
                detail("file", previous.file.descriptor.name(), current.file.descriptor.name()),
            ];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::Enum, name, current.file, &current.path)
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(tokens(current)),
            );
            let ranges = |e: &EnumDescriptorProto| -> Vec<(i32, i32)> {
                e.reserved_range.iter().map(|r| (r.start(), r.end())).collect()
            };
            let (old, new) = (ranges(previous.node), ranges(current.node));
            self.reserved_sets(current, &old, &new, i32::MAX, super::messages::RESERVED_RANGE_TAGS.1);
            let (old, new) = (&previous.node.reserved_name, &current.node.reserved_name);
            self.reserved_names(current, old, new, super::messages::RESERVED_NAME_TAGS.1);
            self.values(previous, current);
        }
        for current in &after.elements.enums {
            if before.enumeration(&current.full_name).is_none() {
                self.push(
                    Entry::new(ChangeKind::Added, ElementKind::Enum, &current.full_name, current.file, &current.path)
                        .declared(format!("enum {}", current.node.name()))
                        .anchored(Some(anchor(current.file, &current.path)))
                        .tokens(vec![current.node.name().to_owned()]),
                );
            }
        }
    }

    fn values(&mut self, previous: &Element<'_, EnumDescriptorProto>, current: &Element<'_, EnumDescriptorProto>) {
        let declaration = |v: &EnumValueDescriptorProto| format!("{} = {}", v.name(), v.number());
        let full = |v: &EnumValueDescriptorProto| format!("{}.{}", current.full_name, v.name());
        let first = |e: &EnumDescriptorProto, number: i32| e.value.iter().position(|v| v.number() == number);
        for (i, old) in previous.node.value.iter().enumerate() {
            if first(previous.node, old.number()) != Some(i) {
                continue;
            }
            let tokens = vec![old.name().to_owned(), old.number().to_string()];
            let Some(j) = first(current.node, old.number()) else {
                let path = previous.child_path(&[tag::ENUM_VALUE, i as i32]);
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::EnumValue, &full(old), previous.file, &path)
                        .parent(&current.full_name)
                        .declared(declaration(old))
                        .anchored(Some(anchor(current.file, &current.path)))
                        .tokens(tokens),
                );
                continue;
            };
            let new = &current.node.value[j];
            let path = current.child_path(&[tag::ENUM_VALUE, j as i32]);
            let flag = |v: &EnumValueDescriptorProto| deprecated(v.options.as_ref().and_then(|o| o.deprecated));
            let details = [detail("name", old.name(), new.name()), detail("deprecated", flag(old), flag(new))];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::EnumValue, &full(new), current.file, &path)
                    .parent(&current.full_name)
                    .declared(declaration(new))
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(current.file, &path)))
                    .tokens(vec![new.name().to_owned(), new.number().to_string(), old.name().to_owned()]),
            );
        }
        for (j, new) in current.node.value.iter().enumerate() {
            if first(current.node, new.number()) != Some(j) || first(previous.node, new.number()).is_some() {
                continue;
            }
            let path = current.child_path(&[tag::ENUM_VALUE, j as i32]);
            self.push(
                Entry::new(ChangeKind::Added, ElementKind::EnumValue, &full(new), current.file, &path)
                    .parent(&current.full_name)
                    .declared(declaration(new))
                    .anchored(Some(anchor(current.file, &path)))
                    .tokens(vec![new.name().to_owned(), new.number().to_string()]),
            );
        }
    }

    pub(super) fn services(&mut self) {
        let (before, after) = (self.before, self.after);
        for previous in &before.elements.services {
            let name = &previous.full_name;
            let Some(current) = after.service(name) else {
                let scope = after.anchor_in_scope(previous.file.descriptor.name(), name);
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::Service, name, previous.file, &previous.path)
                        .declared(format!("service {}", previous.node.name()))
                        .anchored(scope)
                        .tokens(vec![previous.node.name().to_owned(), name.clone()]),
                );
                continue;
            };
            let flag = |s: &ServiceDescriptorProto| deprecated(s.options.as_ref().and_then(|o| o.deprecated));
            let details = [
                detail("deprecated", flag(previous.node), flag(current.node)),
                detail("file", previous.file.descriptor.name(), current.file.descriptor.name()),
            ];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::Service, name, current.file, &current.path)
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(vec![current.node.name().to_owned(), name.clone()]),
            );
            self.methods(previous, current);
        }
        for current in &after.elements.services {
            if before.service(&current.full_name).is_none() {
                self.push(
                    Entry::new(
                        ChangeKind::Added,
                        ElementKind::Service,
                        &current.full_name,
                        current.file,
                        &current.path,
                    )
                    .declared(format!("service {}", current.node.name()))
                    .anchored(Some(anchor(current.file, &current.path)))
                    .tokens(vec![current.node.name().to_owned()]),
                );
            }
        }
    }

    fn methods(
        &mut self,
        previous: &Element<'_, ServiceDescriptorProto>,
        current: &Element<'_, ServiceDescriptorProto>,
    ) {
        let full = |m: &MethodDescriptorProto| format!("{}.{}", current.full_name, m.name());
        for (i, old) in previous.node.method.iter().enumerate() {
            let Some(j) = current.node.method.iter().position(|m| m.name() == old.name()) else {
                let path = previous.child_path(&[tag::SERVICE_METHOD, i as i32]);
                self.push(
                    Entry::new(ChangeKind::Removed, ElementKind::Rpc, &full(old), previous.file, &path)
                        .parent(&current.full_name)
                        .declared(describe::method_declaration(old))
                        .anchored(Some(anchor(current.file, &current.path)))
                        .tokens(vec![old.name().to_owned()]),
                );
                continue;
            };
            let new = &current.node.method[j];
            let path = current.child_path(&[tag::SERVICE_METHOD, j as i32]);
            let flag = |m: &MethodDescriptorProto| deprecated(m.options.as_ref().and_then(|o| o.deprecated));
            let idempotency = |m: &MethodDescriptorProto| {
                m.options.as_ref().map_or("IDEMPOTENCY_UNKNOWN", |o| o.idempotency_level().as_str_name()).to_owned()
            };
            let details = [
                detail("request", old.input_type().trim_start_matches('.'), new.input_type().trim_start_matches('.')),
                detail(
                    "response",
                    old.output_type().trim_start_matches('.'),
                    new.output_type().trim_start_matches('.'),
                ),
                detail("client_streaming", old.client_streaming().to_string(), new.client_streaming().to_string()),
                detail("server_streaming", old.server_streaming().to_string(), new.server_streaming().to_string()),
                detail("idempotency_level", idempotency(old), idempotency(new)),
                detail("deprecated", flag(old), flag(new)),
            ];
            self.push(
                Entry::new(ChangeKind::Changed, ElementKind::Rpc, &full(new), current.file, &path)
                    .parent(&current.full_name)
                    .declared(describe::method_declaration(new))
                    .details(details.into_iter().flatten().collect())
                    .anchored(Some(anchor(current.file, &path)))
                    .tokens(vec![new.name().to_owned()]),
            );
        }
        for (j, new) in current.node.method.iter().enumerate() {
            if previous.node.method.iter().any(|m| m.name() == new.name()) {
                continue;
            }
            let path = current.child_path(&[tag::SERVICE_METHOD, j as i32]);
            self.push(
                Entry::new(ChangeKind::Added, ElementKind::Rpc, &full(new), current.file, &path)
                    .parent(&current.full_name)
                    .declared(describe::method_declaration(new))
                    .anchored(Some(anchor(current.file, &path)))
                    .tokens(vec![new.name().to_owned()]),
            );
        }
    }
}
