//! Removing an import statement: its whole line when nothing else but a trailing `//` comment
//! shares the line, else only the statement.

use super::{Fix, TextEdit, span_range};
use crate::schema::SchemaFile;

const FILE_DEPENDENCY: i32 = 3;

/// A fix deleting the `index`-th import of `file`.
pub fn remove_import(file: &SchemaFile, index: usize) -> Option<Fix> {
    let source = file.source()?;
    let (start, end) = span_range(source, file.location(&[FILE_DEPENDENCY, index as i32])?.span)?;
    if !source.get(start..end)?.starts_with("import") {
        return None;
    }
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i + 1);
    let before = &source[line_start..start];
    let after = source[end..line_end].trim();
    let alone = before.trim().is_empty() && (after.is_empty() || after.starts_with("//"));
    // Sharing the line with another statement: drop the statement and the blanks before it.
    let (start, end) = if alone { (line_start, line_end) } else { (line_start + before.trim_end().len(), end) };
    let name = &file.descriptor.dependency[index];
    Some(Fix::new(
        format!("remove unused import \"{name}\""),
        vec![TextEdit::new(&file.file_ref, source, start, end, "")],
    ))
}
