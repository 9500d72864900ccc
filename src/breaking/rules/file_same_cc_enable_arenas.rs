use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `cc_enable_arenas` file option (default `true`) of every file that exists in both schemas
    /// (paired by import path) is unchanged.
    /// ## Why
    /// Arena support changes the generated C++ API: code that allocates messages on an arena stops
    /// compiling, or silently falls back to heap allocation, when it is turned off.
    /// ## Example
    /// Setting `option cc_enable_arenas = false;` in a file that left it unset fires:
    /// `File option "cc_enable_arenas" changed from "true" to "false".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Removing an explicit `option cc_enable_arenas = true;` is not a change: `true` is the default.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameCcEnableArenas {
        id: "FILE_SAME_CC_ENABLE_ARENAS",
        purpose: "Checks that files have the same value for the cc_enable_arenas option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameCcEnableArenas {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "cc_enable_arenas", 31, |o| o.cc_enable_arenas().to_string());
    }
}
