use std::collections::BTreeSet;

use super::package_affinity::{at_package, directory, group_by};
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// All files of one package (within a module) live in the same directory. Files without a
    /// `package` form the empty package, so they too must share a directory. When a package is
    /// spread over several directories, every file of it is reported, on its `package`
    /// statement (or on the file when it has none).
    /// ## Why
    /// Generated code is laid out by package; one package in two directories yields two
    /// half-packages that tools and readers have to stitch back together.
    /// ## Example
    /// `shop/v1/order.proto` and `legacy/cart.proto`, both with `package shop.v1;`, are both
    /// reported. Use instead: move `cart.proto` to `shop/v1/`, next to
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// ```
    pub PackageSameDirectory {
        id: "PACKAGE_SAME_DIRECTORY",
        purpose: "Checks that all files with a given package are in the same directory.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, FILE_LAYOUT] default true,
        v1: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
        v2: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageSameDirectory {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for (package, files) in group_by(cx.files(), |f| f.descriptor.package()) {
            let dirs: BTreeSet<&str> = files.iter().map(|f| directory(f)).collect();
            if dirs.len() < 2 {
                continue;
            }
            let joined = dirs.into_iter().collect::<Vec<_>>().join(",");
            let message =
                format!("Multiple directories {} contain files with package {}.", go_quote(&joined), go_quote(package));
            for file in files {
                at_package(found, file, message.clone());
            }
        }
    }
}
