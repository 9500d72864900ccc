//! Fixes as diffs: what `pretty` shows under a finding and what `lint --fix` reports.

use std::collections::BTreeMap;

use similar::{ChangeTag, TextDiff};

use super::{Fix, TextEdit, apply_edits};
use crate::diagnostic::FileRef;

/// A unified diff of `old` to `new` with `context` lines around each change (empty when equal).
pub fn unified(path: &str, old: &str, new: &str, context: usize) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new).unified_diff().context_radius(context).header(path, path).to_string()
}

/// The changed lines of each file a fix edits, `-` old and `+` new, each file introduced by its
/// path when the fix spans several; `None` when a file's source cannot be read.
pub fn preview(fix: &Fix, read: &mut dyn FnMut(&FileRef) -> Option<String>) -> Option<String> {
    let mut by_file: BTreeMap<&FileRef, Vec<&TextEdit>> = BTreeMap::new();
    for edit in &fix.edits {
        by_file.entry(&edit.file).or_default().push(edit);
    }
    let several = by_file.len() > 1;
    let mut out = String::new();
    for (file, edits) in by_file {
        let old = read(file)?;
        let new = apply_edits(&old, &edits);
        if several {
            out.push_str(&file.external_path);
            out.push_str(":\n");
        }
        for change in TextDiff::from_lines(old.as_str(), new.as_str()).iter_all_changes() {
            let sign = match change.tag() {
                ChangeTag::Equal => continue,
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
            };
            out.push(sign);
            out.push(' ');
            out.push_str(change.value().trim_end_matches(['\n', '\r']));
            out.push('\n');
        }
    }
    Some(out.trim_end().to_owned())
}
