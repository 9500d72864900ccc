//! buf's naming helpers (reference §1.2, from `buf.build/go/standard/xstrings`), reproduced
//! exactly: the expected names in messages depend on every quirk (digits never start a word).

fn is_delimiter(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '\t' | '\n' | '\r')
}

/// Go's `unicode.IsUpper`: category Lu only (Rust's `is_uppercase` adds `Other_Uppercase`, such
/// as circled letters and Roman numerals).
fn is_upper(c: char) -> bool {
    c.is_uppercase()
        && !matches!(
            c,
            '\u{2160}'..='\u{216F}' | '\u{24B6}'..='\u{24CF}' | '\u{1F130}'..='\u{1F149}' | '\u{1F150}'..='\u{1F169}' | '\u{1F170}'..='\u{1F189}'
        )
}

/// Go's `unicode.IsLower` of a single byte taken as a rune, as `rune(s[i])` does: Latin-1
/// lower-case letters count (`µ`, `é`), `ª` and `º` (category Lo) do not.
fn is_lower_byte(b: u8) -> bool {
    char::from(b).is_lowercase() && !matches!(b, 0xAA | 0xBA)
}

/// Go's `strings.ToLower`: simple per-rune mapping, so `İ` becomes `i` and a final `Σ`
/// becomes `σ`.
fn go_to_lower(s: &str) -> String {
    s.chars().map(|c| if c == '\u{130}' { 'i' } else { c.to_lowercase().next().unwrap_or(c) }).collect()
}

/// `ToPascalCase`: delimiters dropped; a rune is upper-cased when first, after a delimiter, or
/// already upper-case; lower-cased otherwise.
pub fn to_pascal_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous_delimiter = false;
    for (i, c) in s.trim().chars().enumerate() {
        if is_delimiter(c) {
            previous_delimiter = true;
            continue;
        }
        if i == 0 || previous_delimiter || is_upper(c) {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        previous_delimiter = false;
    }
    out
}

pub fn to_lower_snake_case(s: &str) -> String {
    go_to_lower(&to_snake_case(s))
}

pub fn to_upper_snake_case(s: &str) -> String {
    to_snake_case(s).to_uppercase()
}

/// Word splitting shared by the snake cases (before the final case change). Like Go's
/// original, the look-ahead and look-behind read single *bytes* as runes (`s[i+1]`,
/// `s[i-1]`), which only matters for non-ASCII names (file names): `ÀÉ` → `à_é`.
fn to_snake_case(s: &str) -> String {
    let t = s.trim_matches(is_delimiter);
    let bytes = t.as_bytes();
    let mut out = String::with_capacity(t.len() + 4);
    for (i, c) in t.char_indices() {
        let c = if is_delimiter(c) { '_' } else { c };
        if i == 0 {
            out.push(c);
            continue;
        }
        let last_is_underscore = out.ends_with('_');
        let next_starts_word = i + 1 < bytes.len() && {
            let next = char::from(bytes[i + 1]);
            !is_upper(next) && !next.is_ascii_digit() && !is_delimiter(next)
        };
        if is_upper(c) && !last_is_underscore && (next_starts_word || is_lower_byte(bytes[i - 1])) {
            out.push('_');
            out.push(c);
        } else if !(c == '_' && last_is_underscore) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_matches_buf() {
        for (input, expected) in [
            ("FOO", "FOO"),
            ("HTTPServer", "HTTPServer"),
            ("fooBar", "FooBar"),
            ("Foo_Bar", "FooBar"),
            ("foo", "Foo"),
            ("Foo2bar", "Foo2bar"),
            ("foo_bar", "FooBar"),
        ] {
            assert_eq!(to_pascal_case(input), expected, "{input}");
        }
    }

    #[test]
    fn snake_case_matches_buf() {
        for (input, expected) in [
            ("foo1bar", "foo1bar"),
            ("foo_1", "foo_1"),
            ("field1_name", "field1_name"),
            ("foo1Bar", "foo1_bar"),
            ("a1B2c3", "a1b2c3"),
            ("fooBAR", "foo_bar"),
            ("HTTPServer2", "http_server2"),
            ("foo__bar", "foo_bar"),
            ("_foo", "foo"),
            ("foo_", "foo"),
            ("fooB2", "foo_b2"),
        ] {
            assert_eq!(to_lower_snake_case(input), expected, "{input}");
        }
        // Non-ASCII file names, as buf 1.75 prints them for FILE_LOWER_SNAKE_CASE.
        for (input, expected) in [
            ("ÀÉ", "à_é"),
            ("µA", "µ_a"),
            ("aµB", "aµ_b"),
            ("éA", "éa"),
            ("fooÀÉbar", "foo_à_ébar"),
            ("aΟΔΟΣ", "a_ο_δ_ο_σ"),
            ("aⒶb", "aⓐb"),
            ("İx", "ix"),
            ("日本Foo", "日本_foo"),
        ] {
            assert_eq!(to_lower_snake_case(input), expected, "{input}");
        }
        for (input, expected) in [
            ("TEST_FAIl", "TEST_FA_IL"),
            ("Foo2Bar", "FOO2_BAR"),
            ("v1Thing", "V1_THING"),
            ("ABCDef", "ABC_DEF"),
            ("HTTPMethod", "HTTP_METHOD"),
        ] {
            assert_eq!(to_upper_snake_case(input), expected, "{input}");
        }
    }
}
