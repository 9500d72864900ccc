use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `java_generic_services` file option (default `false`) of every file that exists in both schemas
    /// (paired by import path) is unchanged.
    /// ## Why
    /// Generic Java service stubs appear or disappear with it; code that implements or calls them
    /// stops compiling.
    /// ## Example
    /// Setting `option java_generic_services = true;` in a file that left it unset fires:
    /// `File option "java_generic_services" changed from "false" to "true".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option java_generic_services = false;` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameJavaGenericServices {
        id: "FILE_SAME_JAVA_GENERIC_SERVICES",
        purpose: "Checks that files have the same value for the java_generic_services option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameJavaGenericServices {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "java_generic_services", 17, |o| o.java_generic_services().to_string());
    }
}
