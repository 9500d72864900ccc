//! Setting a file option: replacing the value of its `option` statement, or adding the statement
//! on a new line after the last file option (or the `package`, or the `syntax` statement).

use super::{Fix, TextEdit, span_range};
use crate::schema::SchemaFile;

const FILE_PACKAGE: i32 = 2;
const FILE_OPTIONS: i32 = 8;
const FILE_SYNTAX: i32 = 12;

/// A fix giving the file option `name` (field `number` of `FileOptions`) the value `literal`,
/// written as protobuf text (`"a/b"`, `true`).
pub fn set_file_option(file: &SchemaFile, name: &str, number: i32, literal: &str) -> Option<Fix> {
    let source = file.source()?;
    let description = format!("set option {name} = {literal}");
    if let Some(location) = file.location(&[FILE_OPTIONS, number]) {
        let (start, end) = span_range(source, location.span)?;
        let statement = source.get(start..end)?;
        let equals = statement.find('=')? + 1;
        let semicolon = statement.rfind(';').unwrap_or(statement.len());
        let value = statement.get(equals..semicolon)?;
        let value_start = start + equals + (value.len() - value.trim_start().len());
        let value_end = start + equals + value.trim_end().len();
        let edit = TextEdit::new(&file.file_ref, source, value_start, value_end, literal);
        return Some(Fix::new(description, vec![edit]));
    }
    let anchor = last_file_option_end(file, source)
        .or_else(|| statement_end(file, source, &[FILE_PACKAGE]))
        .or_else(|| statement_end(file, source, &[FILE_SYNTAX]))?;
    let line_end = source[anchor..].find('\n').map_or(source.len(), |i| anchor + i + 1);
    let mut text = String::new();
    if !source[..line_end].ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&["option ", name, " = ", literal, ";\n"].concat());
    Some(Fix::new(description, vec![TextEdit::new(&file.file_ref, source, line_end, line_end, text)]))
}

fn statement_end(file: &SchemaFile, source: &str, path: &[i32]) -> Option<usize> {
    span_range(source, file.location(path)?.span).map(|(_, end)| end)
}

/// The end of the last `option` statement of the file itself (path `[8, n]`).
fn last_file_option_end(file: &SchemaFile, source: &str) -> Option<usize> {
    file.locations()
        .filter(|l| l.path.len() == 2 && l.path[0] == FILE_OPTIONS)
        .filter_map(|l| span_range(source, l.span).map(|(_, end)| end))
        .max()
}
