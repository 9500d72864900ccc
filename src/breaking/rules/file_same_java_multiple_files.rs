use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `java_multiple_files` file option (default `false`) of every file that exists in both schemas
    /// (paired by import path) is unchanged.
    /// ## Why
    /// Generated Java classes move between nested classes of one outer class and top-level classes;
    /// every Java reference to them changes.
    /// ## Example
    /// Setting `option java_multiple_files = true;` in a file that left it unset fires:
    /// `File option "java_multiple_files" changed from "false" to "true".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option java_multiple_files = false;` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameJavaMultipleFiles {
        id: "FILE_SAME_JAVA_MULTIPLE_FILES",
        purpose: "Checks that files have the same value for the java_multiple_files option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameJavaMultipleFiles {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "java_multiple_files", 10, |o| o.java_multiple_files().to_string());
    }
}
