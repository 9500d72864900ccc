use std::collections::BTreeSet;

use super::package_affinity::{at_package, directory, group_by};
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// All files in one directory of a module declare the same package; a file without a
    /// `package` counts as the empty package, which differs from every other. When a directory
    /// mixes packages, every file in it is reported, on its `package` statement (or on the file
    /// when it has none).
    /// ## Why
    /// Most languages generate one output directory or namespace per directory of schemas; a
    /// directory that mixes packages produces code that cannot live together.
    /// ## Example
    /// `shop/v1/order.proto` with `package shop.v1;` next to `shop/v1/cart.proto` with
    /// `package shop.v2;` reports both files. Use instead, in every file of `shop/v1/`:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// ```
    pub DirectorySamePackage {
        id: "DIRECTORY_SAME_PACKAGE",
        purpose: "Checks that all files in a given directory are in the same package.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, FILE_LAYOUT] default true,
        v1: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
        v2: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for DirectorySamePackage {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for (dir, files) in group_by(cx.files(), directory) {
            let mut packages: BTreeSet<&str> = files.iter().map(|f| f.descriptor.package()).collect();
            if packages.len() < 2 {
                continue;
            }
            let unnamed = packages.remove("");
            let joined = go_quote(&packages.iter().copied().collect::<Vec<_>>().join(","));
            let prefix = match (unnamed, packages.len()) {
                (true, 1) => format!("Package {joined} and file with no package"),
                (true, _) => format!("Multiple packages {joined} and file with no package"),
                (false, _) => format!("Multiple packages {joined}"),
            };
            let message = format!("{prefix} detected within directory {}.", go_quote(dir));
            for file in files {
                at_package(found, file, message.clone());
            }
        }
    }
}
