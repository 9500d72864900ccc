//! Fix suggestions as data, and the edits behind them.
//!
//! A lint rule whose remedy is mechanical (a rename, an import to drop, a file option to align)
//! attaches a [`Fix`] to its finding: a description and byte-range text edits over the input's
//! files. Fixes never change buf's output formats; `pretty` and `sarif` show them, and
//! `lint --fix` ([`apply`]) applies those the breaking engine proves safe.

pub mod apply;
pub mod diff;
mod file_option;
mod import;
mod index;
mod rename;
mod scan;

use crate::diagnostic::FileRef;

pub use file_option::set_file_option;
pub use import::remove_import;
pub use index::RenameIndex;
pub use rename::{RenameKind, rename, rename_element, rename_enum_value};

/// One replacement in one file: the bytes `start..end` of the original source become
/// `replacement`. `start_line`/`start_column` and `end_line`/`end_column` give the same range as
/// 1-based lines and UTF-16 columns (SARIF's default), computed from the source once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextEdit {
    pub file: FileRef,
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl TextEdit {
    /// An edit of `source` (the whole text of `file`); `start..end` must be char boundaries.
    pub fn new(file: &FileRef, source: &str, start: usize, end: usize, replacement: impl Into<String>) -> Self {
        let (start_line, start_column) = line_column(source, start);
        let (end_line, end_column) = line_column(source, end);
        Self {
            file: file.clone(),
            start,
            end,
            replacement: replacement.into(),
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }

    fn overlaps(&self, other: &TextEdit) -> bool {
        self.file == other.file && (self.start < other.end && other.start < self.end || self.start == other.start)
    }
}

/// A suggested fix: what it does, and its edits (possibly over several files).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
    /// Why the fix is known to be incomplete (references it could not update): `lint --fix`
    /// then applies it only with `--unsafe`.
    pub unsafe_reason: Option<String>,
}

impl Fix {
    pub fn new(description: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Self { description: description.into(), edits, unsafe_reason: None }
    }

    #[must_use]
    pub fn with_unsafe_reason(mut self, reason: Option<String>) -> Self {
        self.unsafe_reason = reason;
        self
    }

    /// Whether any edit of `self` touches the same bytes as one of `other`'s.
    pub fn conflicts_with(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| other.edits.iter().any(|b| a.overlaps(b)))
    }
}

/// Applies `edits` (all of one file, non-overlapping) to `source`.
pub fn apply_edits(source: &str, edits: &[&TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for edit in sorted {
        out.push_str(&source[at..edit.start.max(at)]);
        out.push_str(&edit.replacement);
        at = edit.end.max(at);
    }
    out.push_str(&source[at..]);
    out
}

/// The 1-based line and 1-based UTF-16 column of byte `offset`.
fn line_column(source: &str, offset: usize) -> (u32, u32) {
    let before = &source[..offset.min(source.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].encode_utf16().count() + 1;
    (line as u32, column as u32)
}

/// The byte offset of a `SourceCodeInfo` position (0-based line, 0-based byte column).
pub(crate) fn offset_of(source: &str, line: i32, column: i32) -> Option<usize> {
    let mut start = 0;
    for _ in 0..line {
        start += source[start..].find('\n')? + 1;
    }
    let offset = start + usize::try_from(column).ok()?;
    (offset <= source.len() && source.is_char_boundary(offset)).then_some(offset)
}

/// The byte range of a location's span in `source`.
pub(crate) fn span_range(source: &str, span: &[i32]) -> Option<(usize, usize)> {
    let (start_line, start, end_line, end) = match *span {
        [line, start, end] => (line, start, line, end),
        [start_line, start, end_line, end] => (start_line, start, end_line, end),
        _ => return None,
    };
    Some((offset_of(source, start_line, start)?, offset_of(source, end_line, end)?))
}

#[cfg(test)]
mod tests {
    use super::{TextEdit, apply_edits, line_column, span_range};
    use crate::diagnostic::FileRef;

    #[test]
    fn edits_apply_in_order_and_keep_the_rest() {
        let file = FileRef { external_path: "a.proto".into(), module_path: "a.proto".into() };
        let source = "enum E { A = 0; B = 1; }\n";
        let a = TextEdit::new(&file, source, 9, 10, "E_A");
        let b = TextEdit::new(&file, source, 16, 17, "E_B");
        assert_eq!(apply_edits(source, &[&b, &a]), "enum E { E_A = 0; E_B = 1; }\n");
        assert_eq!((a.start_line, a.start_column, a.end_column), (1, 10, 11));
    }

    #[test]
    fn positions_count_utf16_units() {
        assert_eq!(line_column("a\n\u{1F600}x", 6), (2, 3));
        assert_eq!(span_range("ab\ncd ef\n", &[1, 3, 5]), Some((6, 8)));
    }
}
