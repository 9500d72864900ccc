use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every file starts with a `syntax` or `edition` statement. Reported on the whole file
    /// (`1:1`), so a comment cannot ignore it.
    /// ## Why
    /// Without one a file silently means proto2, whose rules differ from proto3's in presence,
    /// defaults and enums; saying which one is meant avoids the surprise.
    /// ## Example
    /// ```proto,fires
    /// package shop.v1;
    /// message Order {}
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// package shop.v1;
    /// message Order {}
    /// ```
    pub SyntaxSpecified {
        id: "SYNTAX_SPECIFIED",
        purpose: "Checks that all files have a syntax specified.",
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for SyntaxSpecified {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for file in cx.files() {
            // The descriptor cannot tell an explicit `syntax = "proto2";` from none at all; the
            // statement's source location can. Files without source info are given the benefit
            // of the doubt.
            let has_source_info = file.has_source_info();
            let stated = [tag::FILE_SYNTAX, tag::FILE_EDITION].iter().any(|t| file.location(&[*t]).is_some());
            let proto2 = matches!(file.descriptor.syntax(), "" | "proto2");
            if has_source_info && proto2 && !stated {
                found.file_level(
                    file,
                    "Files must have a syntax explicitly specified. If no syntax is specified, the file defaults to \"proto2\"."
                        .to_owned(),
                );
            }
        }
    }
}
