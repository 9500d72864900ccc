//! Limits buf enforces and protox does not, checked on the text: nested option values ("expression
//! nesting depth must be at most 100" — protox's recursive parser overflows the stack on a few
//! thousand nested message literals) and the package name's length.

/// The deepest nesting of `{`, `[` and `<` buf accepts in one option value.
const MAX_DEPTH: usize = 100;

pub const MESSAGE: &str = "expression nesting depth must be at most 100";

/// The longest package name buf accepts, in bytes.
const MAX_PACKAGE_LEN: usize = 512;

pub const PACKAGE_MESSAGE: &str = "path in `package` declaration is too large";

/// The byte offset of the package name if it is longer than buf allows.
pub fn package_too_long(text: &str, package: &str) -> Option<usize> {
    if package.len() <= MAX_PACKAGE_LEN {
        return None;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut after_keyword = false;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += bytes[i..].iter().position(|&b| b == b'\n').unwrap_or(bytes.len() - i);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = bytes[i + 2..].windows(2).position(|w| w == b"*/").map_or(bytes.len(), |p| i + 2 + p + 2);
            }
            b if b.is_ascii_whitespace() => i += 1,
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                after_keyword = false;
            }
            _ if after_keyword => return Some(i),
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .map_or(bytes.len(), |p| i + p);
                after_keyword = &bytes[i..end] == b"package";
                i = end.max(i + 1);
            }
        }
    }
    None
}

/// The byte offset of the first bracket nested deeper than buf allows inside an option value
/// (after `=`), if any. Comments and string literals are skipped.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut in_value = false;
    let mut depth = 0_usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += bytes[i..].iter().position(|&b| b == b'\n').unwrap_or(bytes.len() - i);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = bytes[i + 2..].windows(2).position(|w| w == b"*/").map_or(bytes.len(), |p| i + 2 + p + 2);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'=' => {
                in_value = true;
                depth = 0;
            }
            b'{' | b'[' | b'<' if in_value => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b']' | b'>' if in_value => {
                if depth == 0 {
                    in_value = false;
                } else {
                    depth -= 1;
                }
            }
            b';' | b',' if in_value && depth == 0 => in_value = false,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::too_deep;

    fn option(open: &str, close: &str, depth: usize) -> String {
        format!("message M {{ int32 f = 1 [(r) = {}1{}]; }}", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn counts_braces_brackets_and_angles_inside_option_values() {
        assert_eq!(too_deep(&option("{r: ", "}", 100)), None);
        let offset = too_deep(&option("{r: ", "}", 101)).expect("101 deep");
        assert_eq!(offset, "message M { int32 f = 1 [(r) = ".len() + 100 * 4);
        assert!(too_deep(&option("{l: [", "]}", 51)).is_some());
        assert_eq!(too_deep(&option("{l: [", "]}", 50)), None);
        assert!(too_deep(&option("<r: ", ">", 10_000)).is_some());
    }

    #[test]
    fn finds_an_overlong_package_name_after_comments() {
        let long = "a".repeat(513);
        let text = format!("syntax = \"proto3\";\n/* package x */ // package y\npackage\n  {long};\n");
        assert_eq!(super::package_too_long(&text, &long), Some(text.find(&long).unwrap()));
        assert_eq!(super::package_too_long(&text, &long[..512]), None);
    }

    #[test]
    fn ignores_declarations_comments_and_strings() {
        let messages = "message M {\n".repeat(200) + &"}\n".repeat(200);
        assert_eq!(too_deep(&messages), None);
        let quoted = format!("option java_package = \"{}\"; // {}", "{".repeat(500), "[".repeat(500));
        assert_eq!(too_deep(&quoted), None);
        assert_eq!(too_deep(&format!("/* = {} */", "{".repeat(500))), None);
    }
}
