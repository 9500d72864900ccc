use crate::schema::version::package_stability as stability;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The last component of the package is a version: `v1`, `v2`, `v1alpha1`, `v1beta2`,
    /// `v1p1alpha`, `v1test`, ... (major ≥ 1), and the package has at least one component before
    /// it. Files without a package are skipped.
    /// ## Why
    /// A version in the package lets a schema evolve incompatibly as `v2` next to `v1` instead of
    /// breaking every client, and states how stable the API is meant to be.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// package shop;
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// ```
    pub PackageVersionSuffix {
        id: "PACKAGE_VERSION_SUFFIX",
        purpose: "Checks that the last component of all packages is a version of the form v\\d+, v\\d+test.*, v\\d+(alpha|beta)\\d+, or v\\d+p\\d+(alpha|beta)\\d+, where numbers are >=1.",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageVersionSuffix {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for &file in cx.files() {
            let package = file.descriptor.package();
            if !package.is_empty() && stability(package).is_none() {
                let message = format!(
                    "Package name {} should be suffixed with a correctly formed version, such as {}.",
                    go_quote(package),
                    go_quote(&format!("{package}.v1"))
                );
                found.at_path(file, vec![tag::FILE_PACKAGE], message);
            }
        }
    }
}
