//! buf's `config-ignore-yaml` format (lint only): a v1 `lint.ignore_only` block that silences
//! every finding, rule ids and module-relative paths sorted byte-wise. Path-less findings are
//! skipped; nothing at all is printed when nothing is left.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut ignores: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(file) = &d.file
            && !d.rule.is_empty()
        {
            ignores.entry(&d.rule).or_default().insert(&file.module_path);
        }
    }
    if ignores.is_empty() {
        return String::new();
    }
    let mut out = String::from("version: v1\nlint:\n  ignore_only:\n");
    for (rule, paths) in ignores {
        out.push_str("    ");
        out.push_str(rule);
        out.push_str(":\n");
        for path in paths {
            out.push_str("      - ");
            out.push_str(path);
            out.push('\n');
        }
    }
    out
}
