use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `py_generic_services` file option (default `false`) of every file that exists in both schemas
    /// (paired by import path) is unchanged.
    /// ## Why
    /// Generic Python service stubs appear or disappear with it; code that implements or calls them
    /// breaks.
    /// ## Example
    /// Setting `option py_generic_services = true;` in a file that left it unset fires:
    /// `File option "py_generic_services" changed from "false" to "true".`
    /// It is printed at the option in the current file, or at `1:1` when the option was removed.
    /// Adding `option py_generic_services = false;` where it was unset is not a change.
    /// Instead, keep the option's value; to generate code elsewhere, publish the schema under a new
    /// package version.
    pub FileSamePyGenericServices {
        id: "FILE_SAME_PY_GENERIC_SERVICES",
        purpose: "Checks that files have the same value for the py_generic_services option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSamePyGenericServices {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_option(cx, found, "py_generic_services", 18, |o| o.py_generic_services().to_string());
    }
}
