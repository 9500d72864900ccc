use super::package_affinity::directory;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A file's directory, relative to its module root, spells its package with `.` replaced by
    /// `/`: `package shop.v1;` belongs in `shop/v1/`. Files without a package are skipped.
    /// ## Why
    /// When the layout mirrors the package, a reader finds a type's file from its name alone,
    /// and generators that lay out code by package and by directory agree.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// package shop.v1;
    /// ```
    /// Use instead (a file at the module root has no package directory to match):
    /// ```proto
    /// syntax = "proto3";
    /// ```
    /// or move the file to `shop/v1/`.
    pub PackageDirectoryMatch {
        id: "PACKAGE_DIRECTORY_MATCH",
        purpose: "Checks that all files are in a directory that matches their package name.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, FILE_LAYOUT] default true,
        v1: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
        v2: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageDirectoryMatch {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for &file in cx.files() {
            let package = file.descriptor.package();
            if package.is_empty() {
                continue;
            }
            let expected = package.replace('.', "/");
            let actual = directory(file);
            if actual != expected {
                // The directories are wrapped in quotes, not Go-quoted, as buf does.
                let message = format!(
                    "Files with package {} must be within a directory \"{expected}\" relative to root but were in directory \"{actual}\".",
                    go_quote(package)
                );
                found.at_path(file, vec![tag::FILE_PACKAGE], message);
            }
        }
    }
}
