use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `objc_class_prefix` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated Objective-C class names change, breaking every Objective-C reference to them.
    /// ## Example
    /// Changing `option objc_class_prefix = "SHP";` to `"ACS"` fires:
    /// `File option "objc_class_prefix" changed from "SHP" to "ACS".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option objc_class_prefix = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameObjcClassPrefix {
        id: "FILE_SAME_OBJC_CLASS_PREFIX",
        purpose: "Checks that files have the same value for the objc_class_prefix option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameObjcClassPrefix {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "objc_class_prefix", 36, |o| o.objc_class_prefix().to_owned());
    }
}
