use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `go_package` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated Go code moves to another import path or package name; every Go import of it breaks.
    /// ## Example
    /// Changing `option go_package = "example.com/shop/v1;shopv1";` to `"example.com/shop/gen/v1;shopv1"` fires:
    /// `File option "go_package" changed from "example.com/shop/v1;shopv1" to "example.com/shop/gen/v1;shopv1".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option go_package = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameGoPackage {
        id: "FILE_SAME_GO_PACKAGE",
        purpose: "Checks that files have the same value for the go_package option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameGoPackage {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "go_package", 11, |o| o.go_package().to_owned());
    }
}
