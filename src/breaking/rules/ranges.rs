//! Number ranges as buf's breaking rules see them (reference §2.3): reserved and extension
//! ranges made inclusive, printed as `[n]`, `[s,e]` or `[s,max]`, and the parts of an old range
//! that the new ranges no longer cover.

use prost_types::{DescriptorProto, EnumDescriptorProto};

/// The highest field number of a message.
const MESSAGE_MAX: i64 = 536_870_911;
/// The highest field number of a message that uses the message-set wire format.
const MESSAGE_SET_MAX: i64 = i32::MAX as i64 - 1;
/// The highest enum value number.
pub const ENUM_MAX: i64 = i32::MAX as i64;

/// An inclusive range of numbers. `i64`, so that `end + 1` never overflows at `ENUM_MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TagRange {
    pub start: i64,
    pub end: i64,
}

impl TagRange {
    fn exclusive(start: Option<i32>, end: Option<i32>) -> Self {
        Self { start: i64::from(start.unwrap_or_default()), end: i64::from(end.unwrap_or_default()) - 1 }
    }

    /// `[n]`, `[s,max]` when `end` is `max`, else `[s,e]`.
    pub fn render(self, max: i64) -> String {
        match self {
            Self { start, end } if start == end => format!("[{start}]"),
            Self { start, end } if end == max => format!("[{start},max]"),
            Self { start, end } => format!("[{start},{end}]"),
        }
    }
}

/// The highest field number of `message`: what `max` stands for in its ranges.
pub fn message_max(message: &DescriptorProto) -> i64 {
    let message_set = message.options.as_ref().and_then(|o| o.message_set_wire_format).unwrap_or(false);
    if message_set { MESSAGE_SET_MAX } else { MESSAGE_MAX }
}

/// `reserved` numbers of a message (the descriptor's ends are exclusive).
pub fn message_reserved(message: &DescriptorProto) -> Vec<TagRange> {
    message.reserved_range.iter().map(|r| TagRange::exclusive(r.start, r.end)).collect()
}

/// `extensions` ranges of a message.
pub fn message_extensions(message: &DescriptorProto) -> Vec<TagRange> {
    message.extension_range.iter().map(|r| TagRange::exclusive(r.start, r.end)).collect()
}

/// `reserved` numbers of an enum (the descriptor's ends are inclusive).
pub fn enum_reserved(enumeration: &EnumDescriptorProto) -> Vec<TagRange> {
    enumeration
        .reserved_range
        .iter()
        .map(|r| TagRange { start: i64::from(r.start()), end: i64::from(r.end()) })
        .collect()
}

pub fn contains(ranges: &[TagRange], number: i32) -> bool {
    let number = i64::from(number);
    ranges.iter().any(|r| r.start <= number && number <= r.end)
}

/// For each old range the new ranges do not fully cover: the old range printed with `old_max`,
/// and its uncovered parts printed with `new_max`, joined by `, `.
pub fn removed(old: &[TagRange], old_max: i64, new: &[TagRange], new_max: i64) -> Vec<(String, String)> {
    let collapsed = collapse(new);
    old.iter()
        .filter_map(|&range| {
            let missing = missing(range, &collapsed);
            if missing.is_empty() {
                return None;
            }
            let parts: Vec<String> = missing.into_iter().map(|m| m.render(new_max)).collect();
            Some((range.render(old_max), parts.join(", ")))
        })
        .collect()
}

/// Sorted, with overlapping and adjacent ranges merged.
fn collapse(ranges: &[TagRange]) -> Vec<TagRange> {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<TagRange> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match out.last_mut() {
            Some(last) if range.start <= last.end + 1 => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The parts of `range` outside the collapsed ranges `covered`.
fn missing(range: TagRange, covered: &[TagRange]) -> Vec<TagRange> {
    let mut out = Vec::new();
    let mut start = range.start;
    for cover in covered.iter().skip_while(|c| c.end < range.start) {
        if cover.start > range.end {
            break;
        }
        if start < cover.start {
            out.push(TagRange { start, end: cover.start - 1 });
        }
        start = cover.end + 1;
        if start > range.end {
            return out;
        }
    }
    out.push(TagRange { start, end: range.end });
    out
}

#[cfg(test)]
mod tests {
    use super::{TagRange, removed};

    fn r(start: i64, end: i64) -> TagRange {
        TagRange { start, end }
    }

    #[test]
    fn missing_parts_are_listed_per_old_range() {
        let got = removed(
            &[r(1, 10), r(20, 20), r(30, 536_870_911)],
            536_870_911,
            &[r(3, 4), r(5, 6), r(9, 12)],
            536_870_911,
        );
        assert_eq!(
            got,
            vec![
                ("[1,10]".to_owned(), "[1,2], [7,8]".to_owned()),
                ("[20]".to_owned(), "[20]".to_owned()),
                ("[30,max]".to_owned(), "[30,max]".to_owned()),
            ]
        );
        assert!(removed(&[r(2, 5)], 9, &[r(1, 3), r(4, 8)], 9).is_empty());
        assert_eq!(removed(&[r(2, 9)], 9, &[r(4, 5)], 9), vec![("[2,max]".to_owned(), "[2,3], [6,max]".to_owned())]);
    }
}
