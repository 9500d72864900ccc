//! A small tokenizer for protobuf source: just enough to find the edition statement and the
//! constructs that `protox_parse` does not accept in editions files. Comments and whitespace are
//! skipped; every token keeps its byte range in the original text.

use std::ops::Range;

use super::EditionsError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    /// Any numeric literal (integer or float, any base), classified when it is used.
    Num,
    Str,
    /// A single punctuation character (or one unexpected character, kept whole).
    Sym(char),
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
}

impl Token {
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == Kind::Sym(c)
    }
}

/// Tokenizes `src` (stopping after `limit` tokens, if given). Fails only on an unterminated
/// string or block comment, which would make every later offset meaningless.
pub(super) fn lex(src: &str, limit: Option<usize>) -> Result<Vec<Token>, EditionsError> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    // A byte-order mark is not part of the grammar; skip it like whitespace.
    if src.starts_with('\u{feff}') {
        i = 3;
    }
    while i < bytes.len() && limit.is_none_or(|n| tokens.len() < n) {
        let b = bytes[i];
        let start = i;
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                loop {
                    if i + 1 >= bytes.len() {
                        return Err(EditionsError::new("unterminated block comment", start..(start + 2)));
                    }
                    if bytes[i] == b'*' && bytes[i + 1] == b'/' {
                        i += 2;
                        break;
                    }
                    i += 1;
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                tokens.push(Token { kind: Kind::Ident, span: start..i });
            }
            b'0'..=b'9' => {
                i = number_end(bytes, i);
                tokens.push(Token { kind: Kind::Num, span: start..i });
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = number_end(bytes, i);
                tokens.push(Token { kind: Kind::Num, span: start..i });
            }
            b'"' | b'\'' => {
                i += 1;
                loop {
                    match bytes.get(i) {
                        None | Some(b'\n') => {
                            return Err(EditionsError::new("unterminated string", start..(start + 1)));
                        }
                        Some(b'\\') => i += 2,
                        Some(&c) if c == b => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                tokens.push(Token { kind: Kind::Str, span: start..i });
            }
            _ => {
                // Keep multi-byte characters whole so every span stays on a char boundary.
                i += 1;
                while i < bytes.len() && !src.is_char_boundary(i) {
                    i += 1;
                }
                let ch = src.get(start..i).and_then(|r| r.chars().next()).unwrap_or('\u{fffd}');
                tokens.push(Token { kind: Kind::Sym(ch), span: start..i });
            }
        }
    }
    Ok(tokens)
}

/// End of a numeric literal starting at `i`: letters, digits, `_`, `.` and a sign right after an
/// exponent marker of a decimal literal.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let start = i;
    let is_hex = bytes.get(i) == Some(&b'0') && matches!(bytes.get(i + 1), Some(b'x' | b'X'));
    while i < bytes.len() {
        let c = bytes[i];
        let exponent_sign = (c == b'+' || c == b'-') && !is_hex && i > start && matches!(bytes[i - 1], b'e' | b'E');
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Decodes the body of a string literal token (quotes included in `lit`) into bytes.
pub(super) fn decode_string(lit: &str, span: Range<usize>) -> Result<Vec<u8>, EditionsError> {
    let inner = lit.get(1..lit.len().saturating_sub(1)).unwrap_or("");
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    let bad = || EditionsError::new("invalid string escape", span.clone());
    while pos < bytes.len() {
        let byte = bytes[pos];
        if byte != b'\\' {
            out.push(byte);
            pos += 1;
            continue;
        }
        let Some(&escape) = bytes.get(pos + 1) else {
            return Err(bad());
        };
        pos += 2;
        match escape {
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'\\' | b'\'' | b'"' | b'?' => out.push(escape),
            b'0'..=b'7' => {
                let mut value = u32::from(escape - b'0');
                let mut count = 1;
                while count < 3 && pos < bytes.len() && (b'0'..=b'7').contains(&bytes[pos]) {
                    value = value * 8 + u32::from(bytes[pos] - b'0');
                    pos += 1;
                    count += 1;
                }
                out.push(u8::try_from(value).map_err(|_| bad())?);
            }
            b'x' | b'X' => {
                let mut value = 0u32;
                let mut count = 0;
                while count < 2 && pos < bytes.len() && bytes[pos].is_ascii_hexdigit() {
                    value = value * 16 + hex_val(bytes[pos]);
                    pos += 1;
                    count += 1;
                }
                if count == 0 {
                    return Err(bad());
                }
                out.push(u8::try_from(value).map_err(|_| bad())?);
            }
            b'u' | b'U' => {
                let len = if escape == b'u' { 4 } else { 8 };
                let hex = bytes.get(pos..pos + len).ok_or_else(bad)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return Err(bad());
                }
                let value = hex.iter().fold(0u32, |acc, &d| acc.wrapping_mul(16) + hex_val(d));
                let ch = char::from_u32(value).ok_or_else(bad)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                pos += len;
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

fn hex_val(c: u8) -> u32 {
    char::from(c).to_digit(16).unwrap_or(0)
}
