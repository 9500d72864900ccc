//! Source locations held compactly. prost-types gives every location two vectors, up to two
//! strings and a vector of strings: about 200 bytes and four allocations each, and googleapis has
//! 2.5 million of them. Here a file's locations share three arenas (integers, comment text,
//! entries), about 50 bytes each, and a location is read through [`LocationRef`].

use prost_types::{SourceCodeInfo, source_code_info::Location};

/// A file's `SourceCodeInfo`, in recorded order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceInfo {
    /// Paths and spans, back to back.
    ints: Vec<i32>,
    entries: Vec<Entry>,
    comments: Vec<Comments>,
    /// Every comment's text, back to back.
    text: String,
    /// Ranges in `text` of the detached comments, grouped per location.
    detached: Vec<TextRange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    path: IntRange,
    span: IntRange,
    /// Index into `comments`, or [`NO_COMMENTS`].
    comments: u32,
}

const NO_COMMENTS: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IntRange {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextRange {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Comments {
    leading: Option<TextRange>,
    trailing: Option<TextRange>,
    /// Range in `detached`.
    detached: IntRange,
}

/// One location, borrowed from a [`SourceInfo`].
#[derive(Debug, Clone, Copy)]
pub struct LocationRef<'a> {
    pub path: &'a [i32],
    pub span: &'a [i32],
    info: &'a SourceInfo,
    comments: u32,
}

impl<'a> LocationRef<'a> {
    fn comments(&self) -> Option<&'a Comments> {
        self.info.comments.get(self.comments as usize)
    }

    pub fn leading_comments(&self) -> Option<&'a str> {
        self.comments()?.leading.map(|r| self.info.str(r))
    }

    pub fn trailing_comments(&self) -> Option<&'a str> {
        self.comments()?.trailing.map(|r| self.info.str(r))
    }

    pub fn leading_detached_comments(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let info = self.info;
        let ranges = self.comments().map_or(&[][..], |c| info.detached_ranges(c.detached));
        ranges.iter().map(move |r| info.str(*r))
    }

    /// The location as prost-types holds it.
    pub fn to_location(&self) -> Location {
        Location {
            path: self.path.to_vec(),
            span: self.span.to_vec(),
            leading_comments: self.leading_comments().map(str::to_owned),
            trailing_comments: self.trailing_comments().map(str::to_owned),
            leading_detached_comments: self.leading_detached_comments().map(str::to_owned).collect(),
        }
    }
}

impl SourceInfo {
    pub fn from_prost(info: &SourceCodeInfo) -> Self {
        let mut compact = Self { entries: Vec::with_capacity(info.location.len()), ..Self::default() };
        for location in &info.location {
            compact.push(location);
        }
        compact.ints.shrink_to_fit();
        compact.text.shrink_to_fit();
        compact
    }

    pub fn to_prost(&self) -> SourceCodeInfo {
        SourceCodeInfo { location: self.iter().map(|l| l.to_location()).collect() }
    }

    pub fn push(&mut self, location: &Location) {
        let path = self.push_ints(&location.path);
        let span = self.push_ints(&location.span);
        let has_comments = location.leading_comments.is_some()
            || location.trailing_comments.is_some()
            || !location.leading_detached_comments.is_empty();
        let comments = if has_comments {
            let leading = location.leading_comments.as_deref().map(|c| self.push_text(c));
            let trailing = location.trailing_comments.as_deref().map(|c| self.push_text(c));
            let start = index(self.detached.len());
            for comment in &location.leading_detached_comments {
                let range = self.push_text(comment);
                self.detached.push(range);
            }
            let detached = IntRange { start, len: index(location.leading_detached_comments.len()) };
            self.comments.push(Comments { leading, trailing, detached });
            index(self.comments.len() - 1)
        } else {
            NO_COMMENTS
        };
        self.entries.push(Entry { path, span, comments });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<LocationRef<'_>> {
        self.entries.get(i).map(|entry| self.at(*entry))
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = LocationRef<'_>> + '_ {
        self.entries.iter().map(|entry| self.at(*entry))
    }

    /// Gives location `i` a new path.
    pub fn set_path(&mut self, i: usize, path: &[i32]) {
        let Some(entry) = self.entries.get(i).copied() else { return };
        let new = if path.len() <= entry.path.len as usize {
            let start = entry.path.start as usize;
            self.ints[start..start + path.len()].copy_from_slice(path);
            IntRange { start: entry.path.start, len: index(path.len()) }
        } else {
            self.push_ints(path)
        };
        self.entries[i].path = new;
    }

    /// Reorders the locations after the first (the file's) by a key, stably.
    pub fn sort_after_first_by_key<K: Ord>(&mut self, key: impl Fn(LocationRef<'_>) -> K) {
        let Some((_, rest)) = self.entries.split_first() else { return };
        let mut keyed: Vec<(K, Entry)> = rest.iter().map(|entry| (key(self.at(*entry)), *entry)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        for (slot, (_, entry)) in self.entries[1..].iter_mut().zip(keyed) {
            *slot = entry;
        }
    }

    fn at(&self, entry: Entry) -> LocationRef<'_> {
        LocationRef { path: self.ints(entry.path), span: self.ints(entry.span), info: self, comments: entry.comments }
    }

    fn ints(&self, range: IntRange) -> &[i32] {
        let start = range.start as usize;
        &self.ints[start..start + range.len as usize]
    }

    fn detached_ranges(&self, range: IntRange) -> &[TextRange] {
        let start = range.start as usize;
        &self.detached[start..start + range.len as usize]
    }

    fn str(&self, range: TextRange) -> &str {
        let start = range.start as usize;
        &self.text[start..start + range.len as usize]
    }

    fn push_ints(&mut self, ints: &[i32]) -> IntRange {
        let start = index(self.ints.len());
        self.ints.extend_from_slice(ints);
        IntRange { start, len: index(ints.len()) }
    }

    fn push_text(&mut self, text: &str) -> TextRange {
        let start = index(self.text.len());
        self.text.push_str(text);
        TextRange { start, len: index(text.len()) }
    }
}

/// Arena offsets are `u32`: a file past 4 GiB of locations is refused long before (file size).
fn index(n: usize) -> u32 {
    u32::try_from(n).expect("source info arenas stay under 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(path: &[i32], span: &[i32], leading: Option<&str>, detached: &[&str]) -> Location {
        Location {
            path: path.to_vec(),
            span: span.to_vec(),
            leading_comments: leading.map(str::to_owned),
            trailing_comments: None,
            leading_detached_comments: detached.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    #[test]
    fn round_trips_every_field_of_every_location() {
        let info = SourceCodeInfo {
            location: vec![
                location(&[], &[0, 0, 9, 1], None, &[]),
                location(&[4, 0], &[2, 0, 5, 1], Some(" A message.\n"), &[" one\n", " two\n"]),
                location(&[4, 0, 1], &[2, 8, 9], Some(""), &[]),
                Location { trailing_comments: Some(" t\n".into()), ..location(&[4, 0, 2, 0], &[3, 2, 20], None, &[]) },
            ],
        };
        let compact = SourceInfo::from_prost(&info);
        assert_eq!(compact.to_prost(), info);
        let message = compact.get(1).unwrap();
        assert_eq!(message.leading_detached_comments().collect::<Vec<_>>(), [" one\n", " two\n"]);
        assert_eq!(compact.get(2).unwrap().leading_comments(), Some(""));
        assert_eq!(compact.get(0).unwrap().leading_comments(), None);
    }

    #[test]
    fn paths_can_be_replaced_and_locations_reordered() {
        let info = SourceCodeInfo {
            location: vec![
                location(&[], &[0, 0, 9, 1], None, &[]),
                location(&[4, 0, 7, 999, 0], &[5, 0, 20], None, &[]),
                location(&[4, 0], &[2, 0, 5, 1], Some(" M\n"), &[]),
            ],
        };
        let mut compact = SourceInfo::from_prost(&info);
        compact.set_path(1, &[4, 0, 7, 50000]);
        compact.set_path(2, &[4, 0, 7, 50000, 1, 2]);
        compact.sort_after_first_by_key(|l| l.span.to_vec());
        let paths: Vec<&[i32]> = compact.iter().map(|l| l.path).collect();
        assert_eq!(paths, [&[][..], &[4, 0, 7, 50000, 1, 2], &[4, 0, 7, 50000]]);
        assert_eq!(compact.get(1).unwrap().leading_comments(), Some(" M\n"));
        assert_eq!(compact.get(1).unwrap().span, [2, 0, 5, 1]);
    }
}
