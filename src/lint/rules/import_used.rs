mod options;
mod references;

use std::collections::{BTreeSet, HashMap, HashSet};

use prost_types::FileDescriptorProto;
use rayon::prelude::*;
use references::{SymbolIndex, referenced_files};

use crate::{lint::prelude::*, schema::SchemaFile};

declare_rule! {
    /// ## What it checks
    /// Every import is used: the file refers to a symbol declared in the imported file (or in a
    /// file it imports) as a field type, an extendee, a request or response type, a custom option
    /// name, or an extension key or `Any` type URL in an option's message literal. Built-in
    /// options do not use `google/protobuf/descriptor.proto`. `import public` is never
    /// reported.
    ///
    /// Like buf, a use is credited to the import of the declaring file itself, or else to the
    /// first import (`import public` ones first) that imports that file, even indirectly; so an
    /// import can be reported although a symbol reaches the file only through it.
    /// ## Why
    /// Unused imports slow compilation, drag needless dependencies into generated code, and
    /// mislead readers about what a file depends on.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// import "google/protobuf/timestamp.proto";
    /// message Order {}
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// import "google/protobuf/timestamp.proto";
    /// message Order { google.protobuf.Timestamp created_at = 1; }
    /// ```
    pub ImportUsed {
        id: "IMPORT_USED",
        purpose: "Checks that imports are used.",
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for ImportUsed {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let index = SymbolIndex::new(cx.schema());
        let by_name: HashMap<&str, &SchemaFile> =
            cx.schema().files.iter().map(|f| (f.descriptor.name(), f)).collect();
        // The costliest rule: files in parallel, or it is the one task left running at the end.
        let unused: Vec<(&SchemaFile, Vec<usize>)> = cx
            .files()
            .par_iter()
            .map(|&file| {
                let fd = &file.descriptor;
                let credited = credited_imports(fd, &referenced_files(file, &index), &by_name);
                (file, (0..fd.dependency.len()).filter(|&i| !is_public(fd, i) && !credited.contains(&i)).collect())
            })
            .collect();
        for (file, imports) in unused {
            for i in imports {
                let message = format!("Import {} is unused.", go_quote(&file.descriptor.dependency[i]));
                found.at_path(file, vec![tag::FILE_DEPENDENCY, i as i32], message);
                found.fix_last(|| fix::remove_import(file, i));
            }
        }
    }
}

/// The imports (dependency indexes) credited with a use of one of `referenced`, as protocompile
/// credits them: a file's own import, else the first import in the order public imports, then
/// the others (each in declaration order) that imports it transitively.
fn credited_imports(
    fd: &FileDescriptorProto,
    referenced: &BTreeSet<&str>,
    by_name: &HashMap<&str, &SchemaFile>,
) -> HashSet<usize> {
    let count = fd.dependency.len();
    let order: Vec<usize> =
        (0..count).filter(|&i| is_public(fd, i)).chain((0..count).filter(|&i| !is_public(fd, i))).collect();
    let mut cause: HashMap<&str, usize> = order.iter().map(|&i| (fd.dependency[i].as_str(), i)).collect();
    for &i in &order {
        for imported in transitive_imports(&fd.dependency[i], by_name) {
            cause.entry(imported).or_insert(i);
        }
    }
    referenced.iter().filter_map(|name| cause.get(name).copied()).collect()
}

/// Every file `name` imports, directly or not, whatever the kind of import.
fn transitive_imports<'a>(name: &str, by_name: &HashMap<&str, &'a SchemaFile>) -> HashSet<&'a str> {
    let mut found: HashSet<&'a str> = HashSet::new();
    let mut pending: Vec<&str> = vec![name];
    while let Some(next) = pending.pop() {
        for dependency in by_name.get(next).map(|f| f.descriptor.dependency.as_slice()).unwrap_or_default() {
            if found.insert(dependency) {
                pending.push(dependency);
            }
        }
    }
    found
}

fn is_public(fd: &FileDescriptorProto, index: usize) -> bool {
    fd.public_dependency.contains(&(index as i32))
}
