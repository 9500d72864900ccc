//! buf 1.75's columns: `SourceCodeInfo` spans count terminal cells, not bytes. A tab advances to
//! the next multiple of 4, East-Asian wide characters and emoji count 2, other characters 1.

use unicode_width::UnicodeWidthChar;

const TAB_STOP: u32 = 4;

/// Start offsets of each line of `text`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// The 0-based buf column of the 0-based `byte_column` on `line` (the line's text).
pub fn buf_column(line: &str, byte_column: usize) -> u32 {
    let mut column = 0;
    for (offset, ch) in line.char_indices() {
        if offset >= byte_column {
            break;
        }
        column = match ch {
            '\t' => (column / TAB_STOP + 1) * TAB_STOP,
            _ => column + ch.width().map_or(1, |w| w as u32),
        };
    }
    column
}

#[cfg(test)]
mod tests {
    use super::buf_column;

    #[test]
    fn matches_observed_buf_columns() {
        // Verified against buf 1.75: reference §0.
        assert_eq!(buf_column("\tstring Foo = 1;", 8) + 1, 12);
        assert_eq!(buf_column("   \tstring A1", 11) + 1, 12);
        let wide = "  string /*日本*/ A4 = 4;";
        let byte = wide.find("A4").unwrap();
        assert_eq!(buf_column(wide, byte) + 1, 19);
        assert_eq!(buf_column("message Foo {}", 8), 8);
    }
}
