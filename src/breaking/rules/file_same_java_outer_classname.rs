use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `java_outer_classname` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// The Java outer class is renamed, breaking every Java reference to it and to the classes nested
    /// in it.
    /// ## Example
    /// Changing `option java_outer_classname = "OrderProto";` to `"OrderProtos"` fires:
    /// `File option "java_outer_classname" changed from "OrderProto" to "OrderProtos".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option java_outer_classname = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameJavaOuterClassname {
        id: "FILE_SAME_JAVA_OUTER_CLASSNAME",
        purpose: "Checks that files have the same value for the java_outer_classname option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameJavaOuterClassname {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "java_outer_classname", 8, |o| o.java_outer_classname().to_owned());
    }
}
