use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Nothing: deprecated in buf and never reports. `import weak` was meant to be flagged;
    /// the rule is still accepted in `use`, `except` and `ignore_only` so that existing
    /// configs keep working, and is dropped (with a warning) when selected.
    /// ## Why
    /// Weak imports are a Google-internal feature that most code generators ignore; buf keeps
    /// the id only for configuration compatibility.
    /// ## Example
    /// Never reported (the rule selects nothing on its own):
    /// ```proto,ignore
    /// syntax = "proto3";
    /// import weak "google/protobuf/empty.proto";
    /// ```
    pub ImportNoWeak {
        id: "IMPORT_NO_WEAK",
        purpose: "Checks that imports are not weak.",
        v1beta1: [] default false,
        v1: [] default false,
        v2: [] default false,
        deprecated: [],
    }
}

impl LintRule for ImportNoWeak {
    fn check<'a>(&self, _cx: &LintContext<'a>, _found: &mut Findings<'a>) {}
}
