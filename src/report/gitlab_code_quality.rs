//! buf's `gitlab-code-quality` format: one JSON array of Code Quality issues on a single line.
//! Positions are raw and `omitempty` (an unknown line or column leaves its key out); the
//! fingerprint is the lowercase hex SHAKE256 (64 bytes) of the issue's own compact JSON without
//! the fingerprint, as buf computes it.

use std::fmt::Write;

use sha3::{
    Shake256,
    digest::{ExtendableOutput, Update, XofReader},
};

use super::{go_json::Object, path_or_empty};
use crate::diagnostic::{Diagnostic, Span};

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("[");
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let fingerprint = fingerprint(&issue(d, None));
        out.push_str(&issue(d, Some(&fingerprint)));
    }
    out.push_str("]\n");
    out
}

/// The issue object; without a fingerprint it is exactly what buf hashes.
fn issue(d: &Diagnostic, fingerprint: Option<&str>) -> String {
    let mut out = String::new();
    let mut object = Object::open(&mut out);
    object.string_omitempty("description", &d.message).string_omitempty("check_name", &d.rule);
    if let Some(fingerprint) = fingerprint {
        object.string_omitempty("fingerprint", fingerprint);
    }
    object
        .nested("location", |out| {
            Object::open(out)
                .string_omitempty("path", path_or_empty(d))
                .nested("positions", |out| positions(out, d.span))
                .close();
        })
        .string("severity", "minor")
        .close();
    out
}

fn positions(out: &mut String, span: Span) {
    let position = |line: u32, column: u32| {
        move |out: &mut String| {
            Object::open(out).number_omitempty("line", line).number_omitempty("column", column).close();
        }
    };
    Object::open(out)
        .nested("begin", position(span.start_line, span.start_column))
        .nested("end", position(span.end_line, span.end_column))
        .close();
}

fn fingerprint(content: &str) -> String {
    let mut hasher = Shake256::default();
    hasher.update(content.as_bytes());
    let mut digest = [0u8; 64];
    hasher.finalize_xof().read(&mut digest);
    digest.iter().fold(String::with_capacity(128), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    /// The example measured on buf 1.75 (reference §4.3).
    #[test]
    fn fingerprint_matches_buf() {
        let content = r#"{"description":"Files must have a package defined.","check_name":"PACKAGE_DEFINED","location":{"path":"a.proto","positions":{"begin":{"line":1,"column":1},"end":{"line":1,"column":1}}},"severity":"minor"}"#;
        let hex = fingerprint(content);
        assert_eq!(hex.len(), 128);
        assert!(hex.starts_with("74b7b971"), "{hex}");
        assert!(hex.ends_with("aad2a2"), "{hex}");
    }
}
