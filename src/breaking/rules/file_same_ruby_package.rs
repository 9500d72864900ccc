use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `ruby_package` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated Ruby classes move to another module, breaking every Ruby reference to them.
    /// ## Example
    /// Changing `option ruby_package = "Shop::V1";` to `"Acme::Shop::V1"` fires:
    /// `File option "ruby_package" changed from "Shop::V1" to "Acme::Shop::V1".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option ruby_package = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSameRubyPackage {
        id: "FILE_SAME_RUBY_PACKAGE",
        purpose: "Checks that files have the same value for the ruby_package option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameRubyPackage {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "ruby_package", 45, |o| o.ruby_package().to_owned());
    }
}
