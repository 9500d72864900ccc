//! Every element of a set of files, with its `SourceCodeInfo` path and full name, collected in one
//! walk per module and shared by all rules.

use prost_types::{
    DescriptorProto, EnumDescriptorProto, EnumValueDescriptorProto, FieldDescriptorProto, MethodDescriptorProto,
    OneofDescriptorProto, ServiceDescriptorProto,
};

use crate::schema::SchemaFile;

// FileDescriptorProto / DescriptorProto / ... field numbers used in SourceCodeInfo paths.
/// A list index as a `SourceCodeInfo` path element (saturating: no real list gets near).
pub fn path_index(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

pub mod tag {
    pub const FILE_PACKAGE: i32 = 2;
    pub const FILE_DEPENDENCY: i32 = 3;
    pub const FILE_MESSAGE: i32 = 4;
    pub const FILE_ENUM: i32 = 5;
    pub const FILE_SERVICE: i32 = 6;
    pub const FILE_EXTENSION: i32 = 7;
    pub const FILE_OPTIONS: i32 = 8;
    pub const FILE_SYNTAX: i32 = 12;
    pub const FILE_EDITION: i32 = 14;
    pub const MESSAGE_FIELD: i32 = 2;
    pub const MESSAGE_NESTED: i32 = 3;
    pub const MESSAGE_ENUM: i32 = 4;
    pub const MESSAGE_EXTENSION: i32 = 6;
    pub const MESSAGE_OPTIONS: i32 = 7;
    pub const MESSAGE_ONEOF: i32 = 8;
    pub const FIELD_NAME: i32 = 1;
    pub const FIELD_NUMBER: i32 = 3;
    pub const FIELD_LABEL: i32 = 4;
    pub const FIELD_TYPE: i32 = 5;
    pub const FIELD_TYPE_NAME: i32 = 6;
    pub const FIELD_OPTIONS: i32 = 8;
    pub const ENUM_VALUE: i32 = 2;
    pub const ENUM_OPTIONS: i32 = 3;
    pub const ENUM_VALUE_NAME: i32 = 1;
    pub const ENUM_VALUE_NUMBER: i32 = 2;
    pub const SERVICE_METHOD: i32 = 2;
    pub const METHOD_INPUT_TYPE: i32 = 2;
    pub const METHOD_OUTPUT_TYPE: i32 = 3;
    pub const NAME: i32 = 1;
    pub const ENUM_OPTIONS_ALLOW_ALIAS: i32 = 2;
}

/// One element: the file it is in, the descriptor, its source path and full name (no leading
/// dot).
#[derive(Debug, Clone)]
pub struct Element<'a, T> {
    pub file: &'a SchemaFile,
    pub node: &'a T,
    pub path: Vec<i32>,
    pub full_name: String,
}

impl<T> Element<'_, T> {
    /// The name inside its package (`Outer.Inner`): what buf pairs by within a file or package.
    pub fn nested_name(&self) -> &str {
        let package = self.file.descriptor.package();
        if package.is_empty() {
            return &self.full_name;
        }
        self.full_name.strip_prefix(package).and_then(|rest| rest.strip_prefix('.')).unwrap_or(&self.full_name)
    }

    /// `path` extended by `more`.
    pub fn child_path(&self, more: &[i32]) -> Vec<i32> {
        let mut path = self.path.clone();
        path.extend_from_slice(more);
        path
    }
}

#[derive(Debug, Clone)]
pub struct Message<'a> {
    pub element: Element<'a, DescriptorProto>,
    /// The synthetic `XxxEntry` message of a map field.
    pub is_map_entry: bool,
}

#[derive(Debug, Clone)]
pub struct Field<'a> {
    pub element: Element<'a, FieldDescriptorProto>,
    /// The message declaring the field (`None` for file-level extensions).
    pub parent: Option<&'a DescriptorProto>,
    pub is_extension: bool,
    pub in_map_entry: bool,
}

#[derive(Debug, Clone)]
pub struct Oneof<'a> {
    pub element: Element<'a, OneofDescriptorProto>,
    pub parent: &'a DescriptorProto,
    pub index: usize,
}

#[derive(Debug, Clone)]
pub struct EnumValue<'a> {
    pub element: Element<'a, EnumValueDescriptorProto>,
    pub parent: &'a EnumDescriptorProto,
}

#[derive(Debug, Clone)]
pub struct Method<'a> {
    pub element: Element<'a, MethodDescriptorProto>,
    pub service: &'a ServiceDescriptorProto,
}

/// All elements of some files, in declaration order.
#[derive(Debug, Default)]
pub struct Elements<'a> {
    pub messages: Vec<Message<'a>>,
    pub fields: Vec<Field<'a>>,
    pub oneofs: Vec<Oneof<'a>>,
    pub enums: Vec<Element<'a, EnumDescriptorProto>>,
    pub enum_values: Vec<EnumValue<'a>>,
    pub services: Vec<Element<'a, ServiceDescriptorProto>>,
    pub methods: Vec<Method<'a>>,
}

impl<'a> Elements<'a> {
    /// Walks the files in parallel; the lists keep file order.
    pub fn collect(files: &[&'a SchemaFile]) -> Self {
        use rayon::prelude::*;
        let per_file: Vec<Self> = files
            .par_iter()
            .map(|file| {
                let mut one = Self::default();
                one.walk_file(file);
                one
            })
            .collect();
        // Concatenated kind by kind in parallel, each into its final size: growing the lists one
        // file at a time copied millions of elements on one thread.
        let mut parts = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for one in per_file {
            parts.0.push(one.messages);
            parts.1.push(one.fields);
            parts.2.push(one.oneofs);
            parts.3.push(one.enums);
            parts.4.push(one.enum_values);
            parts.5.push(one.services);
            parts.6.push(one.methods);
        }
        let mut out = Self::default();
        let Self { messages, fields, oneofs, enums, enum_values, services, methods } = &mut out;
        rayon::scope(|s| {
            s.spawn(move |_| *messages = parts.0.concat_moved());
            s.spawn(move |_| *fields = parts.1.concat_moved());
            s.spawn(move |_| *oneofs = parts.2.concat_moved());
            s.spawn(move |_| *enums = parts.3.concat_moved());
            s.spawn(move |_| *enum_values = parts.4.concat_moved());
            s.spawn(move |_| *services = parts.5.concat_moved());
            s.spawn(move |_| *methods = parts.6.concat_moved());
        });
        out
    }

    fn walk_file(&mut self, file: &'a SchemaFile) {
        let fd = &file.descriptor;
        let scope = fd.package().to_owned();
        for (i, message) in fd.message_type.iter().enumerate() {
            self.walk_message(file, message, vec![tag::FILE_MESSAGE, i as i32], &scope);
        }
        for (i, enm) in fd.enum_type.iter().enumerate() {
            self.walk_enum(file, enm, vec![tag::FILE_ENUM, i as i32], &scope);
        }
        for (i, field) in fd.extension.iter().enumerate() {
            let element = element(file, field, vec![tag::FILE_EXTENSION, i as i32], &scope, field.name());
            self.fields.push(Field { element, parent: None, is_extension: true, in_map_entry: false });
        }
        for (i, service) in fd.service.iter().enumerate() {
            let service_element = element(file, service, vec![tag::FILE_SERVICE, i as i32], &scope, service.name());
            for (j, method) in service.method.iter().enumerate() {
                let path = service_element.child_path(&[tag::SERVICE_METHOD, j as i32]);
                let element = element(file, method, path, &service_element.full_name, method.name());
                self.methods.push(Method { element, service });
            }
            self.services.push(service_element);
        }
    }

    fn walk_message(&mut self, file: &'a SchemaFile, message: &'a DescriptorProto, path: Vec<i32>, scope: &str) {
        let me = element(file, message, path, scope, message.name());
        let is_map_entry = message.options.as_ref().and_then(|o| o.map_entry).unwrap_or(false);
        for (i, field) in message.field.iter().enumerate() {
            let element =
                element(file, field, me.child_path(&[tag::MESSAGE_FIELD, i as i32]), &me.full_name, field.name());
            self.fields.push(Field { element, parent: Some(message), is_extension: false, in_map_entry: is_map_entry });
        }
        for (i, field) in message.extension.iter().enumerate() {
            let element =
                element(file, field, me.child_path(&[tag::MESSAGE_EXTENSION, i as i32]), &me.full_name, field.name());
            self.fields.push(Field { element, parent: Some(message), is_extension: true, in_map_entry: false });
        }
        for (i, oneof) in message.oneof_decl.iter().enumerate() {
            let element =
                element(file, oneof, me.child_path(&[tag::MESSAGE_ONEOF, i as i32]), &me.full_name, oneof.name());
            self.oneofs.push(Oneof { element, parent: message, index: i });
        }
        for (i, nested) in message.nested_type.iter().enumerate() {
            self.walk_message(file, nested, me.child_path(&[tag::MESSAGE_NESTED, i as i32]), &me.full_name);
        }
        for (i, enm) in message.enum_type.iter().enumerate() {
            self.walk_enum(file, enm, me.child_path(&[tag::MESSAGE_ENUM, i as i32]), &me.full_name);
        }
        self.messages.push(Message { element: me, is_map_entry });
    }

    fn walk_enum(&mut self, file: &'a SchemaFile, enm: &'a EnumDescriptorProto, path: Vec<i32>, scope: &str) {
        let me = element(file, enm, path, scope, enm.name());
        // Enum values are scoped like siblings of their enum, as in protobuf.
        for (i, value) in enm.value.iter().enumerate() {
            let element = element(file, value, me.child_path(&[tag::ENUM_VALUE, i as i32]), scope, value.name());
            self.enum_values.push(EnumValue { element, parent: enm });
        }
        self.enums.push(me);
    }
}

fn element<'a, T>(file: &'a SchemaFile, node: &'a T, path: Vec<i32>, scope: &str, name: &str) -> Element<'a, T> {
    let full_name = super::qualified_name(scope, name);
    Element { file, node, path, full_name }
}

/// Concatenation that moves the elements (`[Vec<T>]::concat` clones them).
trait ConcatMoved<T> {
    fn concat_moved(self) -> Vec<T>;
}

impl<T> ConcatMoved<T> for Vec<Vec<T>> {
    fn concat_moved(self) -> Vec<T> {
        let mut all = Vec::with_capacity(self.iter().map(Vec::len).sum());
        for part in self {
            all.extend(part);
        }
        all
    }
}
