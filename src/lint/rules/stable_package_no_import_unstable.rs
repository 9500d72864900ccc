use std::collections::HashMap;

use crate::schema::version::{Stability, package_stability as stability};
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A file whose package has a stable version (`foo.v1`) does not import a file of the same
    /// module whose package has an unstable version (`foo.v1alpha1`, `foo.v1beta1`,
    /// `foo.v1test`). Imports of other modules, dependencies and well-known types are not
    /// looked at, nor are imported files with unversioned packages.
    /// ## Why
    /// A stable API promises not to break; depending on an alpha or beta package, which may change
    /// at any time, breaks that promise through the back door.
    /// ## Example
    /// `shop/v1/order.proto` (`package shop.v1;`) importing `shop/v1beta1/draft.proto`
    /// (`package shop.v1beta1;`) is reported on the import. Use instead: promote what the stable
    /// package needs into it (or into another stable package), and import only that:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// message Draft {}
    /// ```
    pub StablePackageNoImportUnstable {
        id: "STABLE_PACKAGE_NO_IMPORT_UNSTABLE",
        purpose: "Checks that all files that have stable versioned packages do not import packages with unstable version packages.",
        v2: [] default false,
    }
}

impl LintRule for StablePackageNoImportUnstable {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let by_path: HashMap<&str, &str> =
            cx.files().iter().map(|f| (f.descriptor.name(), f.descriptor.package())).collect();
        for &file in cx.files() {
            let package = file.descriptor.package();
            if stability(package) != Some(Stability::Stable) {
                continue;
            }
            for (i, import) in file.descriptor.dependency.iter().enumerate() {
                let Some(&imported) = by_path.get(import.as_str()) else { continue };
                if stability(imported).is_some_and(|s| s != Stability::Stable) {
                    let message = format!(
                        "This file is in stable package {}, so it should not depend on {} from unstable package {}.",
                        go_quote(package),
                        go_quote(import),
                        go_quote(imported)
                    );
                    found.at_path(file, vec![tag::FILE_DEPENDENCY, i as i32], message);
                }
            }
        }
    }
}
