//! The rewritten text and the map from its byte offsets back to the original source, plus
//! line/column conversion in protox's convention (0-based line, 0-based byte column, lines end
//! at `\n`).

use std::ops::Range;

use super::scan::Edit;

pub(super) struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts, len: text.len() }
    }

    pub fn offset(&self, line: i32, col: i32) -> Option<usize> {
        let start = *self.starts.get(usize::try_from(line).ok()?)?;
        Some((start + usize::try_from(col).ok()?).min(self.len))
    }

    pub fn position(&self, offset: usize) -> (i32, i32) {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        (to_i32(line), to_i32(offset.saturating_sub(start)))
    }

    /// A `SourceCodeInfo` span (`[line, col, end_col]` or `[line, col, end_line, end_col]`).
    pub fn span_to_range(&self, span: &[i32]) -> Option<Range<usize>> {
        match *span {
            [l, c, ec] => Some(self.offset(l, c)?..self.offset(l, ec)?),
            [l, c, el, ec] => Some(self.offset(l, c)?..self.offset(el, ec)?),
            _ => None,
        }
    }

    pub fn range_to_span(&self, range: &Range<usize>) -> Vec<i32> {
        let (l, c) = self.position(range.start);
        let (el, ec) = self.position(range.end);
        if l == el { vec![l, c, ec] } else { vec![l, c, el, ec] }
    }
}

fn to_i32(v: usize) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// The source after applying the edits, with the offset map back to the original.
pub(super) struct Rewritten {
    pub text: String,
    /// One entry per applied edit, in order.
    map: Vec<Mapped>,
}

struct Mapped {
    orig: Range<usize>,
    new: Range<usize>,
    /// See `Edit::mirror`.
    mirror: Option<(usize, Range<usize>)>,
}

impl Rewritten {
    /// `edits` must be sorted and non-overlapping; overlapping ones are skipped.
    pub fn new(src: &str, edits: &[Edit]) -> Self {
        let mut text = String::with_capacity(src.len() + 16);
        let mut map = Vec::with_capacity(edits.len());
        let mut pos = 0;
        for edit in edits {
            if edit.range.start < pos || edit.range.end < edit.range.start {
                continue;
            }
            let (Some(before), true) = (src.get(pos..edit.range.start), src.get(edit.range.clone()).is_some()) else {
                continue;
            };
            text.push_str(before);
            let new_start = text.len();
            text.push_str(&edit.text);
            map.push(Mapped { orig: edit.range.clone(), new: new_start..text.len(), mirror: edit.mirror.clone() });
            pos = edit.range.end;
        }
        text.push_str(src.get(pos..).unwrap_or(""));
        Rewritten { text, map }
    }

    /// Original offset of rewritten offset `p`. A position inside a replacement maps into the
    /// replaced range (its start, for the first byte), an end position to the end of it.
    pub fn to_original(&self, p: usize) -> usize {
        let idx = self.map.partition_point(|m| m.new.start <= p);
        let Some(Mapped { orig, new, mirror }) = idx.checked_sub(1).and_then(|i| self.map.get(i)) else {
            return p;
        };
        if p >= new.end {
            orig.end + (p - new.end)
        } else if let Some((at, copied)) = mirror.as_ref().filter(|(at, _)| p >= new.start + at) {
            (copied.start + (p - new.start - at)).min(copied.end)
        } else if p == new.start {
            orig.start
        } else {
            (orig.start + (p - new.start)).min(orig.end)
        }
    }
}
