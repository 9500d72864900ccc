use std::collections::{BTreeMap, HashMap, HashSet};

use crate::{lint::prelude::*, schema::SchemaFile};

/// Package → directly imported package → the import statements (file, dependency index).
type Graph<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<(&'a SchemaFile, usize)>>>;

declare_rule! {
    /// ## What it checks
    /// Packages do not import each other in a cycle: package `a` imports `b` when a file of
    /// `a` imports a file of `b`. The graph spans the module's files and everything they
    /// import; files without a package are left out. Every import statement of the module that
    /// starts a cycle is reported with the cycle, e.g. `a -> b -> a`.
    /// ## Why
    /// Most languages map a package to one compilation unit (a Go package, a Rust module tree)
    /// and reject cycles between them; acyclic packages also layer cleanly.
    /// ## Example
    /// `a/a.proto` (`package a;`) importing `b/b.proto` (`package b;`), which imports
    /// `a/a.proto` back, reports both imports. Use instead: move what both need into a third
    /// package that imports neither, such as
    /// ```proto
    /// syntax = "proto3";
    /// package shared;
    /// message Shared {}
    /// ```
    pub PackageNoImportCycle {
        id: "PACKAGE_NO_IMPORT_CYCLE",
        purpose: "Checks that packages do not have import cycles.",
        v1: [] default false,
        v2: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageNoImportCycle {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let graph = graph(cx);
        let own: HashSet<&str> = cx.files().iter().map(|f| f.descriptor.name()).collect();
        for (&package, imported) in graph.iter().filter(|(p, _)| !p.is_empty()) {
            for (&next, imports) in imported.iter().filter(|(q, _)| !q.is_empty()) {
                let mut visiting = HashSet::from([package]);
                let mut path = vec![package];
                if !cycle(next, &graph, &mut visiting, &mut path) {
                    continue;
                }
                let message = format!("Package import cycle: {}", path.join(" -> "));
                for &(file, index) in imports.iter().filter(|(f, _)| own.contains(f.descriptor.name())) {
                    found.at_path(file, vec![tag::FILE_DEPENDENCY, index as i32], message.clone());
                }
            }
        }
    }
}

/// The package graph of the module's image: its files and everything they import, transitively.
fn graph<'a>(cx: &LintContext<'a>) -> Graph<'a> {
    let by_name: HashMap<&str, &SchemaFile> = cx.schema().files.iter().map(|f| (f.descriptor.name(), f)).collect();
    let mut image: Vec<&SchemaFile> = cx.files().to_vec();
    let mut seen: HashSet<&str> = image.iter().map(|f| f.descriptor.name()).collect();
    let mut next = 0;
    while let Some(&file) = image.get(next) {
        next += 1;
        for dependency in &file.descriptor.dependency {
            if let Some(&imported) = by_name.get(dependency.as_str())
                && seen.insert(imported.descriptor.name())
            {
                image.push(imported);
            }
        }
    }
    let mut graph = Graph::new();
    for file in image {
        let package = file.descriptor.package();
        let edges = graph.entry(package).or_default();
        for (index, dependency) in file.descriptor.dependency.iter().enumerate() {
            let Some(imported) = by_name.get(dependency.as_str()).map(|f| f.descriptor.package()) else { continue };
            if imported != package {
                edges.entry(imported).or_default().push((file, index));
            }
        }
    }
    graph
}

/// Depth-first search from `package` back to `path[0]` (buf's `getImportCycleIfExists`): on
/// success `path` holds the cycle, first and last package equal.
fn cycle<'a>(package: &'a str, graph: &Graph<'a>, visiting: &mut HashSet<&'a str>, path: &mut Vec<&'a str>) -> bool {
    path.push(package);
    if visiting.contains(package) {
        if path[0] == package {
            return true;
        }
        path.pop();
        return false;
    }
    visiting.insert(package);
    let nexts = graph.get(package).into_iter().flat_map(BTreeMap::keys).filter(|q| !q.is_empty());
    for &next in nexts {
        if cycle(next, graph, visiting, path) {
            return true;
        }
    }
    visiting.remove(package);
    path.pop();
    false
}
