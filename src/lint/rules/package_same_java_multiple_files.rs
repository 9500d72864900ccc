use super::package_affinity::check_same_option;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// All files of a package (of one module, the empty package included) set the file option
    /// `java_multiple_files` to the same value. Only an explicit `true` or `false` counts as a
    /// value; a file that leaves the option out has no value, which differs from both. When values
    /// differ, every file of the package is reported: on its `option java_multiple_files`
    /// statement, or on the file when it lacks the option.
    /// ## Why
    /// Java code generated for one package must agree on whether Java classes are split into files;
    /// files that disagree split one package into several, or fail to compile together.
    /// ## Example
    /// Two files of package `shop.v1`, one with `option java_multiple_files = true;` and one
    /// without it (or with a different value), are both reported. Use instead, in every file of the
    /// package:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// option java_multiple_files = true;
    /// ```
    pub PackageSameJavaMultipleFiles {
        id: "PACKAGE_SAME_JAVA_MULTIPLE_FILES",
        purpose: "Checks that all files with a given package have the same value for the java_multiple_files option.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, PACKAGE_AFFINITY] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageSameJavaMultipleFiles {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        check_same_option(cx, found, "java_multiple_files", 10, |o| o.java_multiple_files.map(|set| set.to_string()).unwrap_or_default());
    }
}
