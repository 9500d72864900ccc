//! buf's naming helpers (reference §1.2, from `buf.build/go/standard/xstrings`), reproduced
//! exactly: the expected names in messages depend on every quirk (digits never start a word).

fn is_delimiter(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '\t' | '\n' | '\r')
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
        if i == 0 || previous_delimiter || c.is_uppercase() {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        previous_delimiter = false;
    }
    out
}

pub fn to_lower_snake_case(s: &str) -> String {
    to_snake_case(s).to_lowercase()
}

pub fn to_upper_snake_case(s: &str) -> String {
    to_snake_case(s).to_uppercase()
}

/// Word splitting shared by the snake cases (before the final case change).
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
        let next_starts_word = i + c.len_utf8() < bytes.len() && {
            let next = bytes[i + c.len_utf8()];
            !next.is_ascii_uppercase() && !next.is_ascii_digit() && !is_delimiter(char::from(next))
        };
        let previous_lower = bytes[i - 1].is_ascii_lowercase();
        if c.is_uppercase() && !last_is_underscore && (next_starts_word || previous_lower) {
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
