//! `// protogate:breaking:ignore RULE_ID reason...` in a leading comment of an element of the
//! current schema: approves that rule's findings located at the element or inside it. A
//! deleted element has no place in the new file, so its finding is located at the enclosing
//! element that still exists (the message of a deleted field, the enum of a deleted value, the
//! service of a deleted RPC); the comment goes there.

use crate::schema::{Schema, SchemaFile};

pub const DIRECTIVE: &str = "protogate:breaking:ignore";

/// One directive found in a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Module path of the file it is in.
    pub file: String,
    /// `SourceCodeInfo` path of the element whose leading comment holds it.
    pub path: Vec<i32>,
    pub rule: String,
    /// `None` when the line names a rule but gives no reason (then it approves nothing).
    pub reason: Option<String>,
    /// `external/path.proto:line:col` of the element, for messages.
    pub origin: String,
}

/// Every directive in the target files of `schema`, in file and source order.
pub fn directives(schema: &Schema) -> Vec<Directive> {
    schema.targets().flat_map(file_directives).collect()
}

fn file_directives(file: &SchemaFile) -> Vec<Directive> {
    let mut found = Vec::new();
    for location in file.locations() {
        let Some(comment) = location.leading_comments().filter(|c| c.contains(DIRECTIVE)) else { continue };
        for line in comment.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix(DIRECTIVE) else { continue };
            if !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let rest = rest.trim();
            let (rule, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let span = file.span_of(location.span).unwrap_or_default();
            found.push(Directive {
                file: file.file_ref.module_path.clone(),
                path: location.path.to_vec(),
                rule: rule.to_owned(),
                reason: Some(reason.trim()).filter(|r| !r.is_empty()).map(str::to_owned),
                origin: format!("{}:{}:{}", file.file_ref.external_path, span.start_line, span.start_column),
            });
        }
    }
    found
}
