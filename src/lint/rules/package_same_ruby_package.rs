use super::package_affinity::check_same_option;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// All files of a package (of one module, the empty package included) set the file option
    /// `ruby_package` to the same value. A file without the option (or with an empty value) has no
    /// value, which differs from every value. When values differ, every file of the package is
    /// reported: on its `option ruby_package` statement, or on the file when it lacks the option.
    /// ## Why
    /// Ruby code generated for one package must agree on the Ruby module; files that disagree split
    /// one package into several, or fail to compile together.
    /// ## Example
    /// Two files of package `shop.v1`, one with `option ruby_package = "Shop::V1";` and one without
    /// it (or with a different value), are both reported. Use instead, in every file of the
    /// package:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// option ruby_package = "Shop::V1";
    /// ```
    pub PackageSameRubyPackage {
        id: "PACKAGE_SAME_RUBY_PACKAGE",
        purpose: "Checks that all files with a given package have the same value for the ruby_package option.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, PACKAGE_AFFINITY] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageSameRubyPackage {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        check_same_option(cx, found, "ruby_package", 45, |o| o.ruby_package.clone().unwrap_or_default());
    }
}
