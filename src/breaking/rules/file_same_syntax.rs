use super::file_option;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every file that exists in both schemas (paired by import path) keeps its syntax: `proto2`
    /// (also when no `syntax` statement is given), `proto3` or `editions`. All editions compare
    /// equal, so moving from edition 2023 to 2024 is not reported here.
    /// ## Why
    /// The syntax decides field presence, enum openness, packed encoding, UTF-8 validation and
    /// JSON behaviour of everything in the file, so generated code and the wire behaviour change.
    /// ## Example
    /// Changing `syntax = "proto2";` to `syntax = "proto3";` fires:
    /// `File syntax changed from "proto2" to "proto3".`
    /// It is printed at the `syntax` (or `edition`) statement, or at `1:1` when the current file
    /// has neither.
    /// Instead, keep the syntax. A migration to editions is a deliberate, reviewed change: set
    /// the features that reproduce the old syntax's behaviour, and accept the finding once.
    pub FileSameSyntax {
        id: "FILE_SAME_SYNTAX",
        purpose: "Checks that files have the same syntax.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FileSameSyntax {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        file_option::check_same(cx, found, "syntax", &[tag::FILE_SYNTAX], |file| match file.descriptor.syntax() {
            "" => "proto2".to_owned(),
            syntax => syntax.to_owned(),
        });
    }
}
