use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Nothing: deprecated without a replacement (v1beta1 and v1 configs only; unknown in v2).
    /// Naming it in `use`, `except` or `ignore_only` is accepted with a deprecation warning and
    /// selects nothing.
    /// ## Why
    /// `php_generic_services` was removed from `descriptor.proto`; no generator reads it, and a file
    /// that sets it no longer compiles.
    /// ## Example
    /// `use: [FILE_SAME_PHP_GENERIC_SERVICES, FILE_SAME_PHP_NAMESPACE]` runs only
    /// `FILE_SAME_PHP_NAMESPACE`. With nothing else in `use`, no rule is left and buf fails with an
    /// internal error.
    /// Instead, remove it from the config.
    pub FileSamePhpGenericServices {
        id: "FILE_SAME_PHP_GENERIC_SERVICES",
        purpose: "Checks that files have the same value for the php_generic_services option.",
        v1beta1: [] default false,
        v1: [] default false,
        deprecated: [],
    }
}

impl BreakingRule for FileSamePhpGenericServices {
    fn check<'a>(&self, _cx: &BreakingContext<'a>, _found: &mut BreakingFindings<'a>) {}
}
