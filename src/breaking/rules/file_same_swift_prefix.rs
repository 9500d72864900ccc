use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `swift_prefix` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated Swift type names change, breaking every Swift reference to them.
    /// ## Example
    /// Changing `option swift_prefix = "SHP";` to `"ACS"` fires:
    /// `File option "swift_prefix" changed from "SHP" to "ACS".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option swift_prefix = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameSwiftPrefix {
        id: "FILE_SAME_SWIFT_PREFIX",
        purpose: "Checks that files have the same value for the swift_prefix option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameSwiftPrefix {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "swift_prefix", 39, |o| o.swift_prefix().to_owned());
    }
}
