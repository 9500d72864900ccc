//! Which files a file references, the way buf's compiler (protocompile) records symbol uses for
//! unused-import detection: field types, extendees, method types, and, in options, custom
//! option names (`(pkg.opt).(pkg.ext)`), extension keys (`[pkg.ext]`) and `Any` type URLs
//! inside message literals. Built-in options reference nothing.
//!
//! Option values are not in the descriptors (prost drops extensions), so option names are read
//! from the `SourceCodeInfo` path of each option, which spells them as field numbers, and
//! message literals from the source text of the option.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};

use prost_types::{
    DescriptorProto, FieldDescriptorProto,
    field_descriptor_proto::{Label, Type},
};

use super::options::{bracketed_names, options_target, span_lines};
use crate::schema::{Schema, SchemaFile, qualified_name};

/// Every message, enum and extension of a schema and the file declaring it.
pub struct SymbolIndex<'a> {
    /// Full name (no leading dot) → file.
    files: HashMap<String, &'a str>,
    messages: HashMap<String, &'a DescriptorProto>,
    /// (extendee, number) → (file, extension).
    extensions: HashMap<(String, i32), (&'a str, &'a FieldDescriptorProto)>,
    /// Extension full name → file.
    extension_names: HashMap<String, &'a str>,
}

impl<'a> SymbolIndex<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut index = Self {
            files: HashMap::new(),
            messages: HashMap::new(),
            extensions: HashMap::new(),
            extension_names: HashMap::new(),
        };
        for file in &schema.files {
            let fd = &file.descriptor;
            for message in &fd.message_type {
                index.add_message(fd.name(), fd.package(), message);
            }
            for enm in &fd.enum_type {
                index.files.insert(qualified_name(fd.package(), enm.name()), fd.name());
            }
            for extension in &fd.extension {
                index.add_extension(fd.name(), fd.package(), extension);
            }
        }
        index
    }

    fn add_message(&mut self, file: &'a str, scope: &str, message: &'a DescriptorProto) {
        let full_name = qualified_name(scope, message.name());
        for nested in &message.nested_type {
            self.add_message(file, &full_name, nested);
        }
        for enm in &message.enum_type {
            self.files.insert(qualified_name(&full_name, enm.name()), file);
        }
        for extension in &message.extension {
            self.add_extension(file, &full_name, extension);
        }
        self.files.insert(full_name.clone(), file);
        self.messages.insert(full_name, message);
    }

    fn add_extension(&mut self, file: &'a str, scope: &str, extension: &'a FieldDescriptorProto) {
        let full_name = qualified_name(scope, extension.name());
        self.files.insert(full_name.clone(), file);
        self.extension_names.insert(full_name, file);
        self.extensions.insert((relative(extension.extendee()).to_owned(), extension.number()), (file, extension));
    }

    fn file_of(&self, full_name: &str) -> Option<&'a str> {
        self.files.get(relative(full_name)).copied()
    }

    /// The files of the extensions named by an option path below the options message `options`,
    /// e.g. `[50000, 1, 50001]` for `(a.opt).sub.(b.ext)`: fields are followed by number, the
    /// element index after a repeated field skipped.
    fn option_name_files(&self, options: &str, mut rest: &[i32], out: &mut BTreeSet<&'a str>) {
        let mut message = options.to_owned();
        while let [number, tail @ ..] = rest {
            let regular = self.messages.get(&message).and_then(|m| m.field.iter().find(|f| f.number() == *number));
            let field = regular.or_else(|| {
                let &(file, extension) = self.extensions.get(&(message.clone(), *number))?;
                out.insert(file);
                Some(extension)
            });
            let Some(field) = field else { return };
            rest = tail;
            if field.label() == Label::Repeated {
                rest = rest.get(1..).unwrap_or_default();
            }
            if !matches!(field.r#type(), Type::Message | Type::Group) {
                return;
            }
            relative(field.type_name()).clone_into(&mut message);
        }
    }

    /// The file of `[name]` in a message literal: an extension resolved from `scope` outwards,
    /// or, for a type URL (`[host/pkg.Msg]`), the fully-qualified message.
    fn literal_key_file(&self, name: &str, scope: &str) -> Option<&'a str> {
        if let Some((_, message)) = name.rsplit_once('/') {
            return self.file_of(message);
        }
        if let Some(absolute) = name.strip_prefix('.') {
            return self.extension_names.get(absolute).copied();
        }
        let mut scope = scope;
        loop {
            if let Some(&file) = self.extension_names.get(&qualified_name(scope, name)) {
                return Some(file);
            }
            if scope.is_empty() {
                return None;
            }
            scope = scope.rsplit_once('.').map_or("", |(parent, _)| parent);
        }
    }
}

/// The files, other than `file` itself, that declare a symbol `file` uses.
pub fn referenced_files<'a>(file: &SchemaFile, index: &SymbolIndex<'a>) -> BTreeSet<&'a str> {
    let fd = &file.descriptor;
    let mut names: Vec<&str> = Vec::new();
    let mut fields: Vec<&FieldDescriptorProto> = fd.extension.iter().collect();
    let mut messages: Vec<&DescriptorProto> = fd.message_type.iter().collect();
    while let Some(message) = messages.pop() {
        fields.extend(message.field.iter().chain(&message.extension));
        messages.extend(&message.nested_type);
    }
    for field in fields {
        names.extend([field.type_name(), field.extendee()].into_iter().filter(|n| !n.is_empty()));
    }
    for method in fd.service.iter().flat_map(|s| &s.method) {
        names.extend([method.input_type(), method.output_type()]);
    }
    let mut out: BTreeSet<&'a str> = names.into_iter().filter_map(|n| index.file_of(n)).collect();
    for location in file.locations() {
        let Some(target) = options_target(fd, location.path) else { continue };
        index.option_name_files(target.options, target.rest, &mut out);
        if let (false, Some((first, last))) = (target.rest.is_empty(), span_lines(location.span)) {
            let names = bracketed_names(file.source_lines(first, last));
            if !names.is_empty() {
                let scope = target.scope(fd);
                for name in names {
                    out.extend(index.literal_key_file(&name, &scope));
                }
            }
        }
    }
    out.remove(fd.name());
    out
}

fn relative(name: &str) -> &str {
    name.strip_prefix('.').unwrap_or(name)
}
