//! What renames look up, built once per lint run (and only when a rename fix is asked for):
//! where each type and each enum default is referenced, and where each identifier is mentioned
//! without being declared, over every target file of the schema. Looking these up per finding
//! instead would scan every file once per finding.

use std::collections::HashMap;

use prost_types::{DescriptorProto, FieldDescriptorProto, FileDescriptorProto};

use super::scan;
use crate::schema::{Schema, SchemaFile};

const FIELD_EXTENDEE: i32 = 2;
const FIELD_TYPE_NAME: i32 = 6;
const FIELD_DEFAULT_VALUE: i32 = 7;

/// One place in a file whose source text names an element.
#[derive(Debug)]
pub struct Site {
    pub file: usize,
    pub path: Vec<i32>,
    /// The full name written there, as resolved (no leading dot).
    pub resolved: String,
}

#[derive(Debug, Default)]
pub struct RenameIndex<'a> {
    pub files: Vec<&'a SchemaFile>,
    /// Type references by the referenced full name and by each enclosing name (a reference to
    /// `pkg.Outer.Inner` names `pkg.Outer` too).
    types: HashMap<String, Vec<Site>>,
    /// Enum defaults by `<enum full name>.<value>`.
    defaults: HashMap<String, Vec<Site>>,
    /// Non-declaring identifiers by text: (file, byte offset).
    mentions: HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> RenameIndex<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut index = Self::default();
        for file in schema.targets().filter(|f| f.source().is_some()) {
            let number = index.files.len();
            index.files.push(file);
            let source = file.source().unwrap_or_default();
            for ident in scan::identifiers(source).into_iter().filter(|i| !i.declares) {
                index.mentions.entry(&source[ident.start..ident.end]).or_default().push((number, ident.start));
            }
            index.add_references(number, &file.descriptor);
        }
        index
    }

    pub fn types(&self, full_name: &str) -> &[Site] {
        self.types.get(full_name).map_or(&[], Vec::as_slice)
    }

    pub fn defaults(&self, key: &str) -> &[Site] {
        self.defaults.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn mentions(&self, name: &str) -> &[(usize, usize)] {
        self.mentions.get(name).map_or(&[], Vec::as_slice)
    }

    fn add_type(&mut self, file: usize, path: &[i32], name: &str) {
        let resolved = name.trim_start_matches('.');
        if resolved.is_empty() {
            return;
        }
        let mut prefixes: Vec<&str> = resolved.match_indices('.').map(|(i, _)| &resolved[..i]).collect();
        prefixes.push(resolved);
        for prefix in prefixes {
            let site = Site { file, path: path.to_vec(), resolved: resolved.to_owned() };
            self.types.entry(prefix.to_owned()).or_default().push(site);
        }
    }

    fn add_references(&mut self, file: usize, fd: &FileDescriptorProto) {
        let mut fields: Vec<(Vec<i32>, &FieldDescriptorProto)> = Vec::new();
        for (i, message) in fd.message_type.iter().enumerate() {
            walk_message(message, &[4, i as i32], &mut |path, field| fields.push((path, field)));
        }
        fields.extend(fd.extension.iter().enumerate().map(|(i, e)| (vec![7, i as i32], e)));
        for (path, field) in fields {
            self.add_type(file, &[path.as_slice(), &[FIELD_TYPE_NAME]].concat(), field.type_name());
            self.add_type(file, &[path.as_slice(), &[FIELD_EXTENDEE]].concat(), field.extendee());
            if field.default_value.is_some() && !field.type_name().is_empty() {
                let key = format!("{}.{}", field.type_name().trim_start_matches('.'), field.default_value());
                let site =
                    Site { file, path: [path.as_slice(), &[FIELD_DEFAULT_VALUE]].concat(), resolved: key.clone() };
                self.defaults.entry(key).or_default().push(site);
            }
        }
        for (s, service) in fd.service.iter().enumerate() {
            for (m, method) in service.method.iter().enumerate() {
                for (tag, name) in [(2, method.input_type()), (3, method.output_type())] {
                    self.add_type(file, &[6, s as i32, 2, m as i32, tag], name);
                }
            }
        }
    }
}

/// Visits every field and extension of `message` and its nested messages. A map field is
/// visited through its entry's value field, at the map field's path (the entry has no source).
fn walk_message<'m>(
    message: &'m DescriptorProto,
    path: &[i32],
    visit: &mut impl FnMut(Vec<i32>, &'m FieldDescriptorProto),
) {
    let child = |tag: i32, i: usize| [path, &[tag, i as i32]].concat();
    let is_entry = |m: &DescriptorProto| m.options.as_ref().is_some_and(prost_types::MessageOptions::map_entry);
    for (i, field) in message.field.iter().enumerate() {
        let entry =
            message.nested_type.iter().find(|m| is_entry(m) && field.type_name().rsplit('.').next() == Some(m.name()));
        match entry.and_then(|m| m.field.get(1)) {
            Some(value) => visit(child(2, i), value),
            None => visit(child(2, i), field),
        }
    }
    for (i, extension) in message.extension.iter().enumerate() {
        visit(child(6, i), extension);
    }
    for (i, nested) in message.nested_type.iter().enumerate().filter(|(_, m)| !is_entry(m)) {
        walk_message(nested, &child(3, i), visit);
    }
}
