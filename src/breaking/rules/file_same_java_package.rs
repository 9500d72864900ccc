use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `java_package` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated Java classes move to another package, breaking every Java import of them.
    /// ## Example
    /// Changing `option java_package = "com.example.shop.v1";` to `"com.acme.shop.v1"` fires:
    /// `File option "java_package" changed from "com.example.shop.v1" to "com.acme.shop.v1".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option java_package = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameJavaPackage {
        id: "FILE_SAME_JAVA_PACKAGE",
        purpose: "Checks that files have the same value for the java_package option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameJavaPackage {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "java_package", 1, |o| o.java_package().to_owned());
    }
}
