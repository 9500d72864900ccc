//! `// buf:lint:ignore RULE_ID` (reference §3.5): a leading-comment line of the element or of
//! any enclosing declaration that starts with `buf:lint:ignore ` + the id suppresses it.

use crate::schema::SchemaFile;

pub const IGNORE_PREFIX: &str = "buf:lint:ignore";

/// Whether a leading comment of `path` or of an enclosing declaration ignores `rule`.
pub fn is_ignored_by_comment(file: &SchemaFile, path: &[i32], rule: &str) -> bool {
    let wanted = format!("{IGNORE_PREFIX} {rule}");
    (1..=path.len()).rev().any(|len| {
        file.location(&path[..len])
            .and_then(|location| location.leading_comments.as_deref())
            .is_some_and(|comment| comment.lines().map(str::trim).any(|line| line.starts_with(&wanted)))
    })
}

/// Whether a leading comment documents anything: a non-empty line that is not an ignore.
pub fn has_documentation(comment: Option<&str>) -> bool {
    comment.is_some_and(|c| c.lines().map(str::trim).any(|line| !line.is_empty() && !line.starts_with(IGNORE_PREFIX)))
}
