//! A small lexer over .proto text, enough to find where a name is mentioned: identifiers
//! outside comments and string literals, and whether each one is being declared.

/// An identifier token: its byte range, and whether it names what is declared there (after
/// `message`, `enum`, `service`, `rpc`, `oneof`, or right before `=`), as opposed to a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ident {
    pub start: usize,
    pub end: usize,
    pub declares: bool,
}

const DECLARING_KEYWORDS: [&str; 6] = ["message", "enum", "service", "rpc", "oneof", "group"];

/// Every identifier of `source`, in order.
pub fn identifiers(source: &str) -> Vec<Ident> {
    let bytes = source.as_bytes();
    let mut found: Vec<Ident> = Vec::new();
    let mut previous_word: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = find_from(source, i, "\n").unwrap_or(bytes.len()),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find_from(source, i + 2, "*/").map_or(bytes.len(), |e| e + 2);
            }
            quote @ (b'"' | b'\'') => i = string_end(bytes, i, quote),
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
                let after_keyword = previous_word.is_some_and(|(s, e)| DECLARING_KEYWORDS.contains(&&source[s..e]));
                let before_equals = next_significant(bytes, end) == Some(b'=');
                found.push(Ident { start: i, end, declares: after_keyword || before_equals });
                previous_word = Some((i, end));
                i = end;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                previous_word = None;
                i += 1;
            }
        }
    }
    found
}

fn find_from(source: &str, from: usize, needle: &str) -> Option<usize> {
    source[from..].find(needle).map(|at| from + at)
}

fn string_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(bytes.len())
}

fn next_significant(bytes: &[u8], from: usize) -> Option<u8> {
    bytes[from..].iter().copied().find(|b| !b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::identifiers;

    #[test]
    fn comments_and_strings_are_skipped_and_declarations_marked() {
        let source = "// Foo\nmessage Foo { Foo foo = 1; string s = 2 [default = \"Foo\"]; } /* Foo */";
        let words: Vec<(&str, bool)> =
            identifiers(source).iter().map(|i| (&source[i.start..i.end], i.declares)).collect();
        let foos: Vec<bool> = words.iter().filter(|(w, _)| *w == "Foo").map(|(_, d)| *d).collect();
        assert_eq!(foos, [true, false]);
        assert!(words.contains(&("foo", true)));
    }
}
