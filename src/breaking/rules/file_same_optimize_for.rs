use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `optimize_for` file option (default `SPEED`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// `SPEED`, `CODE_SIZE` and `LITE_RUNTIME` generate different C++ and Java code (the lite runtime
    /// has no descriptors or reflection); code built against one does not build against another.
    /// ## Example
    /// Setting `option optimize_for = LITE_RUNTIME;` in a file that left it unset fires:
    /// `File option "optimize_for" changed from "SPEED" to "LITE_RUNTIME".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option optimize_for = SPEED;` where it was unset is not a change: `SPEED` is the default.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameOptimizeFor {
        id: "FILE_SAME_OPTIMIZE_FOR",
        purpose: "Checks that files have the same value for the optimize_for option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameOptimizeFor {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "optimize_for", 9, |o| o.optimize_for().as_str_name().to_owned());
    }
}
