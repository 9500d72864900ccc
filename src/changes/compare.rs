//! Pairs the elements of two schemas (target files only) the way buf does — files by path,
//! messages, enums and services by full name, fields and enum values by number, RPCs by name —
//! and lists what was added, removed and changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use prost_types::{DescriptorProto, EnumDescriptorProto, ServiceDescriptorProto};

use super::{
    Change, ChangeKind, Changelog, Detail, ElementKind,
    describe::{self, MapEntries},
};
use crate::{
    diagnostic::{FileRef, Span},
    schema::{
        Schema, SchemaFile,
        elements::{Element, Elements, tag},
    },
};

/// The changelog of `current` against `previous` (breaking findings not attached yet).
pub fn compare(previous: &Schema, current: &Schema) -> Changelog {
    let before = Side::new(previous);
    let after = Side::new(current);
    let mut cx = Cx { before: &before, after: &after, out: Vec::new() };
    cx.packages();
    cx.files();
    cx.messages();
    cx.enums();
    cx.services();
    let mut changes = cx.out;
    changes.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    Changelog { changes, unmatched_breaking: Vec::new() }
}

/// Keeps an element's reserved ranges, fields and values with it; file-level changes come
/// first.
fn sort_key(change: &Change) -> (&str, bool, &str, ElementKind, ChangeKind, &str) {
    let element_level = change.element > ElementKind::FileOption;
    let owner = change.parent.as_deref().unwrap_or(&change.name);
    (&change.file, element_level, owner, change.element, change.kind, &change.name)
}

pub(super) struct Side<'a> {
    files: BTreeMap<&'a str, &'a SchemaFile>,
    pub(super) elements: Elements<'a>,
    messages: HashMap<String, usize>,
    enums: HashMap<String, usize>,
    services: HashMap<String, usize>,
    pub(super) maps: MapEntries,
}

impl<'a> Side<'a> {
    fn new(schema: &'a Schema) -> Self {
        let targets: Vec<&SchemaFile> = schema.targets().collect();
        let elements = Elements::collect(&targets);
        let mut messages = HashMap::new();
        for (i, m) in elements.messages.iter().enumerate().filter(|(_, m)| !m.is_map_entry) {
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
        let maps =
            describe::map_entries(elements.messages.iter().map(|m| (m.element.full_name.as_str(), m.element.node)));
        let files = targets.iter().map(|f| (f.descriptor.name(), *f)).collect();
        Self { files, elements, messages, enums, services, maps }
    }

    pub(super) fn message(&self, name: &str) -> Option<&Element<'a, DescriptorProto>> {
        self.messages.get(name).map(|&i| &self.elements.messages[i].element)
    }

    pub(super) fn enumeration(&self, name: &str) -> Option<&Element<'a, EnumDescriptorProto>> {
        self.enums.get(name).map(|&i| &self.elements.enums[i])
    }

    pub(super) fn service(&self, name: &str) -> Option<&Element<'a, ServiceDescriptorProto>> {
        self.services.get(name).map(|&i| &self.elements.services[i])
    }

    /// Where a finding about something gone from `name`'s scope points in this (current) side:
    /// the closest enclosing message that still exists, else the whole file `file` if it does.
    pub(super) fn anchor_in_scope(&self, file: &str, name: &str) -> Option<(FileRef, Span)> {
        let mut scope = name;
        while let Some((parent, _)) = scope.rsplit_once('.') {
            if let Some(message) = self.message(parent).filter(|m| m.file.descriptor.name() == file) {
                return Some(anchor(message.file, &message.path));
            }
            scope = parent;
        }
        self.files.get(file).map(|f| whole_file(f))
    }
}

pub(super) fn is_proto3(file: &SchemaFile) -> bool {
    file.descriptor.syntax() == "proto3"
}

pub(super) fn anchor(file: &SchemaFile, path: &[i32]) -> (FileRef, Span) {
    match file.span(path) {
        Some(span) => (file.file_ref.clone(), span),
        None => whole_file(file),
    }
}

fn whole_file(file: &SchemaFile) -> (FileRef, Span) {
    (file.file_ref.clone(), Span::new(1, 1, u32::MAX, u32::MAX))
}

fn line(file: &SchemaFile, path: &[i32]) -> u32 {
    file.span(path).map_or(0, |s| s.start_line)
}

pub(super) fn deprecated(options: Option<bool>) -> String {
    if options.unwrap_or(false) { "true".to_owned() } else { "false".to_owned() }
}

pub(super) fn detail(property: &str, from: impl Into<String>, to: impl Into<String>) -> Option<Detail> {
    let (from, to) = (from.into(), to.into());
    (from != to).then(|| Detail { property: property.to_owned(), from, to })
}

/// The pieces of a change; `Cx::push` fills the rest.
pub(super) struct Entry<'f> {
    kind: ChangeKind,
    element: ElementKind,
    name: String,
    parent: Option<String>,
    /// The file the change is listed under, and the element's path there (for its line).
    file: &'f SchemaFile,
    path: Vec<i32>,
    declaration: Option<String>,
    details: Vec<Detail>,
    anchor: Option<(FileRef, Span)>,
    tokens: Vec<String>,
}

impl<'f> Entry<'f> {
    pub(super) fn new(kind: ChangeKind, element: ElementKind, name: &str, file: &'f SchemaFile, path: &[i32]) -> Self {
        Self {
            kind,
            element,
            name: name.to_owned(),
            parent: None,
            file,
            path: path.to_vec(),
            declaration: None,
            details: Vec::new(),
            anchor: None,
            tokens: Vec::new(),
        }
    }

    pub(super) fn parent(mut self, parent: &str) -> Self {
        self.parent = Some(parent.to_owned());
        self
    }

    pub(super) fn declared(mut self, declaration: String) -> Self {
        self.declaration = Some(declaration);
        self
    }

    pub(super) fn details(mut self, details: Vec<Detail>) -> Self {
        self.details = details;
        self
    }

    pub(super) fn anchored(mut self, anchor: Option<(FileRef, Span)>) -> Self {
        self.anchor = anchor;
        self
    }

    pub(super) fn tokens(mut self, mut tokens: Vec<String>) -> Self {
        tokens.sort();
        tokens.dedup();
        self.tokens = tokens;
        self
    }
}

pub(super) struct Cx<'s, 'a> {
    pub(super) before: &'s Side<'a>,
    pub(super) after: &'s Side<'a>,
    out: Vec<Change>,
}

impl Cx<'_, '_> {
    pub(super) fn push(&mut self, entry: Entry<'_>) {
        if entry.kind == ChangeKind::Changed && entry.details.is_empty() {
            return;
        }
        self.out.push(Change {
            kind: entry.kind,
            element: entry.element,
            name: entry.name,
            parent: entry.parent,
            file: entry.file.descriptor.name().to_owned(),
            package: entry.file.descriptor.package().to_owned(),
            line: line(entry.file, &entry.path),
            declaration: entry.declaration,
            details: entry.details,
            breaking: Vec::new(),
            anchor: entry.anchor,
            tokens: entry.tokens,
        });
    }

    fn packages(&mut self) {
        let packages = |side: &Side<'_>| -> BTreeMap<String, String> {
            let mut found = BTreeMap::new();
            for (name, file) in &side.files {
                found.entry(file.descriptor.package().to_owned()).or_insert_with(|| (*name).to_owned());
            }
            found
        };
        let (before, after) = (packages(self.before), packages(self.after));
        for (kind, from, to, side) in
            [(ChangeKind::Removed, &before, &after, self.before), (ChangeKind::Added, &after, &before, self.after)]
        {
            for (package, file) in from.iter().filter(|(p, _)| !to.contains_key(*p)) {
                self.push(Entry {
                    kind,
                    element: ElementKind::Package,
                    name: package.clone(),
                    parent: None,
                    file: side.files[file.as_str()],
                    path: vec![tag::FILE_PACKAGE],
                    declaration: None,
                    details: Vec::new(),
                    anchor: None,
                    tokens: vec![package.clone()],
                });
            }
        }
    }

    fn files(&mut self) {
        let (before, after) = (self.before, self.after);
        for (name, file) in &before.files {
            let Some(current) = after.files.get(name) else {
                self.push(file_entry(ChangeKind::Removed, file, None, Vec::new()));
                continue;
            };
            let (old, new) = (&file.descriptor, &current.descriptor);
            let details =
                [detail("package", old.package(), new.package()), detail("syntax", syntax(file), syntax(current))];
            let whole = whole_file(current);
            self.push(file_entry(
                ChangeKind::Changed,
                current,
                Some(whole.clone()),
                details.into_iter().flatten().collect(),
            ));
            let imports = |f: &SchemaFile| f.descriptor.dependency.iter().cloned().collect::<BTreeSet<_>>();
            let (old_imports, new_imports) = (imports(file), imports(current));
            for (kind, import) in old_imports
                .difference(&new_imports)
                .map(|i| (ChangeKind::Removed, i))
                .chain(new_imports.difference(&old_imports).map(|i| (ChangeKind::Added, i)))
            {
                self.push(Entry {
                    kind,
                    element: ElementKind::Import,
                    name: import.clone(),
                    parent: Some((*name).to_owned()),
                    file: current,
                    path: Vec::new(),
                    declaration: Some(format!("import {import:?};")),
                    details: Vec::new(),
                    anchor: Some(whole.clone()),
                    tokens: vec![import.clone()],
                });
            }
            self.file_options(file, current, &whole);
        }
        for (name, file) in &after.files {
            if !before.files.contains_key(name) {
                self.push(file_entry(ChangeKind::Added, file, Some(whole_file(file)), Vec::new()));
            }
        }
    }

    fn file_options(&mut self, previous: &SchemaFile, current: &SchemaFile, whole: &(FileRef, Span)) {
        let old: BTreeMap<_, _> = describe::file_options(previous.descriptor.options.as_ref()).into_iter().collect();
        let new: BTreeMap<_, _> = describe::file_options(current.descriptor.options.as_ref()).into_iter().collect();
        let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
        for name in names {
            let (from, to) = (old.get(name), new.get(name));
            let kind = match (from, to) {
                (None, Some(_)) => ChangeKind::Added,
                (Some(_), None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            };
            let Some(change) = detail("value", from.cloned().unwrap_or_default(), to.cloned().unwrap_or_default())
            else {
                continue;
            };
            self.push(Entry {
                kind,
                element: ElementKind::FileOption,
                name: name.to_owned(),
                parent: Some(current.descriptor.name().to_owned()),
                file: current,
                path: vec![tag::FILE_OPTIONS],
                declaration: to.map(|v| format!("option {name} = {v};")),
                details: vec![change],
                anchor: Some(whole.clone()),
                tokens: vec![name.to_owned()],
            });
        }
    }
}

fn syntax(file: &SchemaFile) -> String {
    match file.edition {
        Some(_) => "editions".to_owned(),
        None if file.descriptor.syntax().is_empty() => "proto2".to_owned(),
        None => file.descriptor.syntax().to_owned(),
    }
}

fn file_entry(kind: ChangeKind, file: &SchemaFile, anchor: Option<(FileRef, Span)>, details: Vec<Detail>) -> Entry<'_> {
    let name = file.descriptor.name().to_owned();
    Entry {
        kind,
        element: ElementKind::File,
        tokens: vec![name.clone()],
        name,
        parent: None,
        file,
        path: Vec::new(),
        declaration: None,
        details,
        anchor,
    }
}
