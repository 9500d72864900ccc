use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `php_namespace` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated PHP classes move to another namespace, breaking every `use` of them.
    /// ## Example
    /// Changing `option php_namespace = "Shop\\V1";` to `"Acme\\Shop\\V1"` fires:
    /// `File option "php_namespace" changed from "Shop\\V1" to "Acme\\Shop\\V1".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option php_namespace = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSamePhpNamespace {
        id: "FILE_SAME_PHP_NAMESPACE",
        purpose: "Checks that files have the same value for the php_namespace option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSamePhpNamespace {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "php_namespace", 41, |o| o.php_namespace().to_owned());
    }
}
