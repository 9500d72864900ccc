use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every file that exists in both schemas (paired by import path) declares the same package
    /// (no `package` statement is the package `""`).
    /// ## Why
    /// The package is part of every full name in the file: moving a file to another package renames
    /// all of its messages, enums and services on the wire (`Any` type URLs, gRPC method paths) and
    /// in generated code.
    /// ## Example
    /// Changing `package shop.v1;` to `package shop.v2;` fires:
    /// `File package changed from "shop.v1" to "shop.v2".`
    /// It is printed at the `package` statement, or at `1:1` when the current file has none.
    /// Instead, keep the file in its package; for a new version, add new files under the new
    /// package's directory.
    pub FileSamePackage {
        id: "FILE_SAME_PACKAGE",
        purpose: "Checks that files have the same package.",
        v1beta1: [FILE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for FileSamePackage {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_same(cx, found, "package", &[tag::FILE_PACKAGE], |file| {
            file.descriptor.package().to_owned()
        });
    }
}
