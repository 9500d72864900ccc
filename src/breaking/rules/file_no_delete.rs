use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every file of the previous schema still exists, by import path.
    /// ## Why
    /// Importers name files by path: deleting or renaming one breaks every `import` of it, and
    /// generated code keyed by file (Go packages, C++ headers) disappears.
    /// ## Example
    /// Deleting `shop/v1/order.proto` fires: `Previously present file "shop/v1/order.proto" was deleted.`
    /// Instead, keep the file (deprecate its contents), or move its contents in a new major version.
    pub FileNoDelete {
        id: "FILE_NO_DELETE",
        purpose: "Checks that files are not deleted.",
        v1beta1: [FILE] default true,
        v1: [FILE] default true,
        v2: [CSR, FILE] default true,
    }
}

impl BreakingRule for FileNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (path, previous) in &cx.previous.files {
            if cx.current.file(path).is_none() {
                found.pathless(previous, format!("Previously present file {} was deleted.", go_quote(path)));
            }
        }
    }
}
