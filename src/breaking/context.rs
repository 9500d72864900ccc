//! What a breaking rule sees: the previous (against) and current schemas, each indexed by the
//! keys buf pairs elements by (reference §2.2), and a sink for findings.

use std::{collections::BTreeMap, ops::Range, sync::OnceLock};

use foldhash::{HashMap, HashMapExt};
use prost_types::{EnumDescriptorProto, ServiceDescriptorProto};

use crate::schema::{
    Schema, SchemaFile,
    elements::{Element, Elements, Field, Message, Method},
    qualified_name,
};

/// One schema indexed for pairing.
pub struct Side<'a> {
    pub schema: &'a Schema,
    pub elements: Elements<'a>,
    /// Files by import path.
    pub files: BTreeMap<&'a str, &'a SchemaFile>,
    /// Files by package (`""` included).
    pub packages: BTreeMap<&'a str, Vec<&'a SchemaFile>>,
    messages: HashMap<String, usize>,
    enums: HashMap<String, usize>,
    services: HashMap<String, usize>,
    /// Extensions by (extendee full name without leading dot, number).
    extensions: HashMap<(&'a str, i32), usize>,
    /// The methods of each service (by the address of its descriptor): a run of
    /// `elements.methods`, as the walk pushes a service's methods together.
    service_methods: HashMap<usize, Range<usize>>,
}

impl<'a> Side<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let all: Vec<&SchemaFile> = schema.files.iter().collect();
        let elements = Elements::collect(&all);
        let files = schema.files.iter().map(|f| (f.descriptor.name(), f)).collect();
        let mut packages: BTreeMap<&str, Vec<&SchemaFile>> = BTreeMap::new();
        for file in &schema.files {
            packages.entry(file.descriptor.package()).or_default().push(file);
        }
        let mut messages = HashMap::new();
        for (i, m) in elements.messages.iter().enumerate() {
            messages.entry(m.element.full_name.clone()).or_insert(i);
        }
        let mut enums = HashMap::new();
        for (i, e) in elements.enums.iter().enumerate() {
            enums.entry(e.full_name.clone()).or_insert(i);
        }
        let mut services = HashMap::new();
        for (i, s) in elements.services.iter().enumerate() {
            services.entry(s.full_name.clone()).or_insert(i);
        }
        let mut extensions = HashMap::new();
        for (i, f) in elements.fields.iter().enumerate().filter(|(_, f)| f.is_extension) {
            let node: &'a prost_types::FieldDescriptorProto = f.element.node;
            extensions.entry((node.extendee().trim_start_matches('.'), node.number())).or_insert(i);
        }
        let mut service_methods: HashMap<usize, Range<usize>> = HashMap::new();
        for (i, method) in elements.methods.iter().enumerate() {
            service_methods.entry(service_key(method.service)).or_insert(i..i).end = i + 1;
        }
        Self { schema, elements, files, packages, messages, enums, services, extensions, service_methods }
    }

    pub fn message(&self, full_name: &str) -> Option<&Message<'a>> {
        self.messages.get(full_name).map(|&i| &self.elements.messages[i])
    }

    pub fn enumeration(&self, full_name: &str) -> Option<&Element<'a, EnumDescriptorProto>> {
        self.enums.get(full_name).map(|&i| &self.elements.enums[i])
    }

    pub fn service(&self, full_name: &str) -> Option<&Element<'a, ServiceDescriptorProto>> {
        self.services.get(full_name).map(|&i| &self.elements.services[i])
    }

    /// An extension by extendee (full name, no leading dot) and number.
    pub fn extension(&self, extendee: &str, number: i32) -> Option<&Field<'a>> {
        self.extensions.get(&(extendee, number)).map(|&i| &self.elements.fields[i])
    }

    pub fn file(&self, import_path: &str) -> Option<&'a SchemaFile> {
        self.files.get(import_path).copied()
    }

    /// The methods of a service, in declaration order.
    pub fn methods_of(&self, service: &Element<'a, ServiceDescriptorProto>) -> &[Method<'a>] {
        &self.elements.methods[self.method_range(service)]
    }

    fn method_range(&self, service: &Element<'a, ServiceDescriptorProto>) -> Range<usize> {
        self.service_methods.get(&service_key(service.node)).cloned().unwrap_or_default()
    }

    /// The source path of the closest enclosing message of `nested_name` (`A.B.C` → `A.B`, then
    /// `A`) that exists in `file`; `None` when none does (the finding is then file-level).
    pub fn nearest_parent(&self, file: &SchemaFile, nested_name: &str) -> Option<Vec<i32>> {
        let package = file.descriptor.package();
        let mut name = nested_name;
        while let Some((parent, _)) = name.rsplit_once('.') {
            if let Some(message) = self
                .message(&qualified_name(package, parent))
                .filter(|m| m.element.file.descriptor.name() == file.descriptor.name())
            {
                return Some(message.element.path.clone());
            }
            name = parent;
        }
        None
    }
}

fn service_key(service: &ServiceDescriptorProto) -> usize {
    std::ptr::from_ref(service) as usize
}

/// The world of one breaking comparison.
pub struct BreakingContext<'a> {
    pub previous: Side<'a>,
    pub current: Side<'a>,
    /// Pairings many rules share, made on first use: (previous, current) indices into
    /// `elements.fields` and `elements.methods`.
    field_pairs: OnceLock<Vec<(usize, usize)>>,
    method_pairs: OnceLock<Vec<(usize, usize)>>,
}

impl<'a> BreakingContext<'a> {
    pub fn new(previous: &'a Schema, current: &'a Schema) -> Self {
        let (previous, current) = rayon::join(|| Side::new(previous), || Side::new(current));
        Self { previous, current, field_pairs: OnceLock::new(), method_pairs: OnceLock::new() }
    }

    /// Fields paired by (message full name, number), extensions by (extendee, number).
    pub fn field_pairs(&self) -> impl Iterator<Item = (&Field<'a>, &Field<'a>)> {
        let pairs = self.field_pairs.get_or_init(|| {
            let current_fields: HashMap<(&str, i32), usize> = self
                .current
                .elements
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.is_extension)
                .map(|(i, f)| ((parent_full_name(f), f.element.node.number()), i))
                .collect();
            let mut pairs = Vec::new();
            for (i, previous) in self.previous.elements.fields.iter().enumerate() {
                let number = previous.element.node.number();
                let current = if previous.is_extension {
                    let extendee = previous.element.node.extendee().trim_start_matches('.');
                    self.current.extensions.get(&(extendee, number)).copied()
                } else {
                    current_fields.get(&(parent_full_name(previous), number)).copied()
                };
                pairs.extend(current.map(|j| (i, j)));
            }
            pairs
        });
        pairs.iter().map(|&(i, j)| (&self.previous.elements.fields[i], &self.current.elements.fields[j]))
    }

    /// Methods paired by service full name, then method name.
    pub fn method_pairs(&self) -> impl Iterator<Item = (&Method<'a>, &Method<'a>)> {
        let pairs = self.method_pairs.get_or_init(|| {
            let mut pairs = Vec::new();
            for previous_service in &self.previous.elements.services {
                let Some(current_service) = self.current.service(&previous_service.full_name) else { continue };
                let current_range = self.current.method_range(current_service);
                let current_methods = &self.current.elements.methods[current_range.clone()];
                for i in self.previous.method_range(previous_service) {
                    let name = self.previous.elements.methods[i].element.node.name();
                    if let Some(j) = current_methods.iter().position(|m| m.element.node.name() == name) {
                        pairs.push((i, current_range.start + j));
                    }
                }
            }
            pairs
        });
        pairs.iter().map(|&(i, j)| (&self.previous.elements.methods[i], &self.current.elements.methods[j]))
    }
}

fn parent_full_name<'f>(field: &'f Field<'_>) -> &'f str {
    field.element.full_name.rsplit_once('.').map_or("", |(parent, _)| parent)
}

/// A finding before it is located and filtered.
#[derive(Debug, Clone)]
pub struct BreakingFinding<'a> {
    /// The current file the finding is printed in; `None` prints `<input>`.
    pub file: Option<&'a SchemaFile>,
    /// Source path in `file`; `None` (or no location there) prints `1:1`.
    pub path: Option<Vec<i32>>,
    /// The previous file, used only for ignore filtering.
    pub against: Option<&'a SchemaFile>,
    pub message: String,
}

/// Where a breaking rule puts its findings.
#[derive(Debug, Default)]
pub struct BreakingFindings<'a> {
    pub(super) found: Vec<BreakingFinding<'a>>,
}

impl<'a> BreakingFindings<'a> {
    /// At `path` in the current `file`; `against` is the previous file of the element.
    pub fn at(&mut self, file: &'a SchemaFile, path: Vec<i32>, against: Option<&'a SchemaFile>, message: String) {
        self.found.push(BreakingFinding { file: Some(file), path: Some(path), against, message });
    }

    /// At `path` when there is one, else file-level.
    pub fn at_or_file(
        &mut self,
        file: &'a SchemaFile,
        path: Option<Vec<i32>>,
        against: Option<&'a SchemaFile>,
        message: String,
    ) {
        self.found.push(BreakingFinding { file: Some(file), path, against, message });
    }

    /// File-level in the current `file` (`path:1:1`).
    pub fn file_level(&mut self, file: &'a SchemaFile, against: Option<&'a SchemaFile>, message: String) {
        self.found.push(BreakingFinding { file: Some(file), path: None, against, message });
    }

    /// No current file at all (`<input>:1:1`), e.g. a deleted file.
    pub fn pathless(&mut self, against: &'a SchemaFile, message: String) {
        self.found.push(BreakingFinding { file: None, path: None, against: Some(against), message });
    }
}
