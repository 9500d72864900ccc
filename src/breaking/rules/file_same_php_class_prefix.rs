use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `php_class_prefix` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// Generated PHP class names change, breaking every PHP reference to them.
    /// ## Example
    /// Changing `option php_class_prefix = "Shp";` to `"Acs"` fires:
    /// `File option "php_class_prefix" changed from "Shp" to "Acs".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option php_class_prefix = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSamePhpClassPrefix {
        id: "FILE_SAME_PHP_CLASS_PREFIX",
        purpose: "Checks that files have the same value for the php_class_prefix option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSamePhpClassPrefix {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "php_class_prefix", 40, |o| o.php_class_prefix().to_owned());
    }
}
