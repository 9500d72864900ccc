use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `php_metadata_namespace` file option (default `""`) of every file that exists in both schemas (paired
    /// by import path) is unchanged.
    /// ## Why
    /// The generated PHP metadata class moves to another namespace; code and autoloaders that
    /// refer to it break.
    /// ## Example
    /// Changing `option php_metadata_namespace = "Shop\\V1\\Meta";` to `"Acme\\Shop\\V1\\Meta"` fires:
    /// `File option "php_metadata_namespace" changed from "Shop\\V1\\Meta" to "Acme\\Shop\\V1\\Meta".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option php_metadata_namespace = "";` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSamePhpMetadataNamespace {
        id: "FILE_SAME_PHP_METADATA_NAMESPACE",
        purpose: "Checks that files have the same value for the php_metadata_namespace option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSamePhpMetadataNamespace {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "php_metadata_namespace", 44, |o| o.php_metadata_namespace().to_owned());
    }
}
