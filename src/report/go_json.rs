//! Go's `encoding/json` output, which buf's JSON-shaped formats are made of: compact objects in
//! declaration order, strings escaped with HTML safety on (`<`, `>`, `&` as `\u003c`...), U+2028
//! and U+2029 escaped, every other non-ASCII character written raw.

use std::fmt::Write;

/// Appends `s` as a Go JSON string literal.
pub(crate) fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A compact JSON object written field by field, in the order of the Go struct it mirrors.
pub(crate) struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    pub(crate) fn open(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_string(self.out, key);
        self.out.push(':');
        self.out
    }

    pub(crate) fn string(&mut self, key: &str, value: &str) -> &mut Self {
        push_string(self.key(key), value);
        self
    }

    /// A string field tagged `omitempty`: left out when empty.
    pub(crate) fn string_omitempty(&mut self, key: &str, value: &str) -> &mut Self {
        if !value.is_empty() {
            self.string(key, value);
        }
        self
    }

    pub(crate) fn number(&mut self, key: &str, value: u32) -> &mut Self {
        let _ = write!(self.key(key), "{value}");
        self
    }

    /// A number field tagged `omitempty`: left out when 0.
    pub(crate) fn number_omitempty(&mut self, key: &str, value: u32) -> &mut Self {
        if value != 0 {
            self.number(key, value);
        }
        self
    }

    pub(crate) fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    /// A `[]string` field: `null` when the Go slice would be nil (`None`).
    pub(crate) fn strings(&mut self, key: &str, values: Option<&[&str]>) -> &mut Self {
        let out = self.key(key);
        match values {
            None => out.push_str("null"),
            Some(values) => {
                out.push('[');
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_string(out, value);
                }
                out.push(']');
            }
        }
        self
    }

    /// A nested value written by `write` (an object, usually).
    pub(crate) fn nested(&mut self, key: &str, write: impl FnOnce(&mut String)) -> &mut Self {
        write(self.key(key));
        self
    }

    pub(crate) fn close(&mut self) {
        self.out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::push_string;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        push_string(&mut out, s);
        out
    }

    #[test]
    fn escapes_like_go_encoding_json() {
        assert_eq!(quoted("a<b>&c"), r#""a\u003cb\u003e\u0026c""#);
        assert_eq!(quoted("\"\\\n\r\t\u{8}\u{c}"), r#""\"\\\n\r\t\b\f""#);
        assert_eq!(quoted("\u{1}\u{1f}\u{7f}"), "\"\\u0001\\u001f\u{7f}\"");
        assert_eq!(quoted("é日\u{2028}\u{2029}😀"), "\"é日\\u2028\\u2029😀\"");
    }
}
