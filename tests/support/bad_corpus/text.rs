//! Byte-level mutations of one good .proto file: truncation at token boundaries, byte flips,
//! invalid UTF-8, NUL bytes, byte-order marks, CRLF / lone CR line endings, lines repeated or
//! dropped.

use super::{Expect, Rng};

/// Truncation points per file, spread evenly over its token boundaries.
const TRUNCATIONS: usize = 6;
const FLIPS: usize = 3;

/// The mutations of `good`, each with a name suffix and what it must do.
pub fn mutations(good: &[u8], seed: &str) -> Vec<(String, Expect, Vec<u8>)> {
    let mut rng = Rng::new(seed);
    let ends = token_ends(good);
    let mut out = Vec::new();
    for i in 0..TRUNCATIONS {
        // Never the last boundary: that is the whole file.
        let at = ends.get(i * ends.len().saturating_sub(1) / TRUNCATIONS).copied().unwrap_or(0);
        out.push((format!("truncate{i}"), Expect::Either, good[..at].to_vec()));
    }
    for i in 0..FLIPS {
        let mut bytes = good.to_vec();
        let at = rng.below(bytes.len());
        bytes[at] = rng.next().to_le_bytes()[0];
        out.push((format!("flip{i}"), Expect::Either, bytes));
    }
    // A stray continuation byte and a cut-off three-byte sequence, between two tokens.
    for (i, bad) in [&[0xff_u8][..], &[0xe2, 0x82]].into_iter().enumerate() {
        let at = boundary(&ends, &mut rng);
        out.push((format!("utf8bad{i}"), Expect::Invalid, splice(good, at, bad)));
    }
    out.push(("nul".to_owned(), Expect::Invalid, splice(good, boundary(&ends, &mut rng), b"\0")));
    out.push(("bom".to_owned(), Expect::Valid, [&b"\xef\xbb\xbf"[..], good].concat()));
    let unix: Vec<u8> = good.iter().copied().filter(|&b| b != b'\r').collect();
    out.push(("crlf".to_owned(), Expect::SameLintAsGood, replace_newlines(&unix, b"\r\n")));
    // buf ends a line comment only at '\n': a lone CR can comment out the rest of the file.
    out.push(("lonecr".to_owned(), Expect::Either, replace_newlines(&unix, b"\r")));
    let lines: Vec<&[u8]> = good.split_inclusive(|&b| b == b'\n').collect();
    let line = rng.below(lines.len());
    let mut repeated = lines.clone();
    repeated.insert(line, lines[line]);
    out.push(("dupline".to_owned(), Expect::Either, repeated.concat()));
    let mut dropped = lines.clone();
    dropped.remove(rng.below(lines.len()));
    out.push(("dropline".to_owned(), Expect::Either, dropped.concat()));
    out
}

/// A token boundary after the first token (so the file never starts with the inserted bytes,
/// which buf would take for UTF-16 and read as an empty file).
fn boundary(ends: &[usize], rng: &mut Rng) -> usize {
    if ends.len() < 2 { ends.first().copied().unwrap_or(0) } else { ends[1 + rng.below(ends.len() - 1)] }
}

fn splice(good: &[u8], at: usize, inserted: &[u8]) -> Vec<u8> {
    [&good[..at], inserted, &good[at..]].concat()
}

fn replace_newlines(text: &[u8], newline: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for &b in text {
        if b == b'\n' { out.extend_from_slice(newline) } else { out.push(b) }
    }
    out
}

/// The byte offset just after each token of a protobuf source (comments and whitespace are
/// not tokens; a string is one token however it is escaped).
pub fn token_ends(text: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if text[i..].starts_with(b"//") {
            i += text[i..].iter().position(|&c| c == b'\n').unwrap_or(text.len() - i);
        } else if text[i..].starts_with(b"/*") {
            i = text[i + 2..].windows(2).position(|w| w == b"*/").map_or(text.len(), |p| i + 2 + p + 2);
        } else if b == b'"' || b == b'\'' {
            let mut j = i + 1;
            while j < text.len() && text[j] != b && text[j] != b'\n' {
                j += if text[j] == b'\\' { 2 } else { 1 };
            }
            i = (j + 1).min(text.len());
            ends.push(i);
        } else if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' {
            while i < text.len() && (text[i].is_ascii_alphanumeric() || text[i] == b'_' || text[i] == b'.') {
                i += 1;
            }
            ends.push(i);
        } else {
            i += 1;
            ends.push(i);
        }
    }
    ends
}
