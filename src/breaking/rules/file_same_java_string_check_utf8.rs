use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Nothing by itself: deprecated (v1beta1 and v1 configs only; unknown in v2). Naming it in
    /// `use`, `except` or `ignore_only` stands for `FIELD_SAME_JAVA_UTF8_VALIDATION`, which
    /// compares the Java UTF-8 validation of each string field, and prints a deprecation warning.
    /// ## Why
    /// `java_string_check_utf8` is a file option, but what matters is the validation each string
    /// field ends up with, which editions can also set per field (`(pb.java).utf8_validation`).
    /// ## Example
    /// `use: [FILE_SAME_JAVA_STRING_CHECK_UTF8]` runs `FIELD_SAME_JAVA_UTF8_VALIDATION`; removing
    /// `option java_string_check_utf8 = true;` from a proto2 file with a string field then
    /// reports that field.
    /// Instead, write `FIELD_SAME_JAVA_UTF8_VALIDATION` in the config.
    pub FileSameJavaStringCheckUtf8 {
        id: "FILE_SAME_JAVA_STRING_CHECK_UTF8",
        purpose: "Checks that files have the same value for the java_string_check_utf8 option.",
        v1beta1: [] default false,
        v1: [] default false,
        deprecated: ["FIELD_SAME_JAVA_UTF8_VALIDATION"],
    }
}

impl BreakingRule for FileSameJavaStringCheckUtf8 {
    fn check<'a>(&self, _cx: &BreakingContext<'a>, _found: &mut BreakingFindings<'a>) {}
}
