use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every file declares a `package`.
    /// ## Why
    /// Without a package every type lands in one global namespace, where names from unrelated
    /// files collide and generated code has nowhere sensible to go.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// message Order {}
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// message Order {}
    /// ```
    pub PackageDefined {
        id: "PACKAGE_DEFINED",
        purpose: "Checks that all files have a package defined.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, SENSIBLE] default true,
        v1: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
        v2: [MINIMAL, BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageDefined {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for file in cx.files().iter().filter(|f| f.descriptor.package().is_empty()) {
            found.file_level(file, "Files must have a package defined.".to_owned());
        }
    }
}
