use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every package of the previous schema (the empty package included) still has at least one
    /// file.
    /// ## Why
    /// Everything generated for the package disappears with it, and every reference to one of its
    /// types by full name stops resolving.
    /// ## Example
    /// Deleting the last file of package `shop.v1` (or moving its files to `shop.v2`) fires once,
    /// without a location (`<input>:1:1`): `Previously present package "shop.v1" was deleted.`
    /// Instead, keep the old package next to the new one until its users have moved.
    pub PackageNoDelete {
        id: "PACKAGE_NO_DELETE",
        purpose: "Checks that packages are not deleted.",
        v1beta1: [PACKAGE] default false,
        v1: [PACKAGE] default false,
        v2: [PACKAGE] default false,
    }
}

impl BreakingRule for PackageNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (package, files) in &cx.previous.packages {
            if cx.current.packages.contains_key(package) {
                continue;
            }
            // buf attaches the alphabetically first old file, for ignores.
            let Some(first) = files.iter().min_by_key(|f| f.descriptor.name()) else { continue };
            found.pathless(first, format!("Previously present package {} was deleted.", go_quote(package)));
        }
    }
}
