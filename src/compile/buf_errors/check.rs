//! Link errors (prost-reflect's `DescriptorError`) in the words of buf's IR checks.

use super::scan::{Kind, Scan};
use super::{CompileMessage, Cx, Diag, after, msg_at, quoted};

impl Cx<'_> {
    /// Position of `needle` inside the label span starting at `off` (or `off` itself).
    fn find_in(&self, off: usize, len: usize, needle: &str) -> usize {
        let span = self.text.get(off..(off + len).min(self.text.len())).unwrap_or("");
        span.find(needle).map_or(off, |i| off + i)
    }

    /// Position of the value after the first `=` inside the span starting at `off`.
    fn value_in(&self, off: usize, len: usize) -> usize {
        let eq = self.find_in(off, len, "=");
        self.scan
            .tok_at(eq + 1)
            .or_else(|| self.scan.prev_tok(eq + 1).map(|p| p + 1))
            .and_then(|i| self.scan.toks.get(i))
            .map_or(off, |t| t.start)
    }

    /// `google.protobuf.*Options` message that an option at `off` belongs to.
    fn options_type(&self, off: usize) -> &'static str {
        let s = &self.scan;
        let block = s.enclosing(off).and_then(|b| s.blocks.get(b)).map(|b| b.kind);
        let statement = s.tok_at(off).is_some_and(|t| s.text_of(t) == "option");
        let first = s.tok_at(off).map(|t| s.text_of(s.stmt_first(t)));
        match (statement, block) {
            (true, None) => "FileOptions",
            (true, Some("message" | "group")) => "MessageOptions",
            (true, Some("enum")) => "EnumOptions",
            (true, Some("service")) => "ServiceOptions",
            (true, Some("rpc")) => "MethodOptions",
            (true, Some("oneof")) => "OneofOptions",
            (false, _) if first == Some("extensions") => "ExtensionRangeOptions",
            (false, Some("enum")) => "EnumValueOptions",
            _ => "FieldOptions",
        }
    }

    pub(super) fn check_error(&self, d: &Diag, primary: Option<usize>, dups: &[String], out: &mut Vec<CompileMessage>) {
        let msg = d.msg.as_str();
        let len = d.label("found here").or(d.label("defined again here")).or(d.first()).map_or(0, |l| l.1);
        let Some(off) = primary.or_else(|| self.first_use(quoted(msg, "name '")?)) else {
            if let Some(n) = quoted(msg, "enum number '").filter(|_| msg.contains("conflicts with reserved range")) {
                return self.reserved_enum_value(d, n, out);
            }
            return self.push_nowhere(out, msg.to_owned());
        };
        let last = |name: &str| name.rsplit('.').next().unwrap_or(name).to_owned();
        let unresolved = quoted(msg, "name '")
            .filter(|_| msg.ends_with("' is not defined"))
            .or_else(|| quoted(msg, "'").filter(|_| msg.ends_with("which is not defined")));
        let m = if let Some(name) = unresolved {
            return self.push(out, self.find_in(off, len, name), format!("cannot find `{name}` in this scope"));
        } else if let Some(name) = quoted(msg, "name '").filter(|_| msg.ends_with("' is defined twice")) {
            let first = d.labels.iter().map(|l| self.at_check(l.1)).min().unwrap_or(off).min(off);
            let second = d.labels.iter().map(|l| self.at_check(l.1)).max().unwrap_or(off).max(off);
            if self.scan.inside_any(first, dups) {
                return;
            }
            self.enum_value_conflict(first, second, out);
            return self.push(out, first, format!("`{}` declared multiple times", last(name)));
        } else if let (Some(name), Some(other)) = (quoted(msg, "name '"), after(msg, "is already defined in file '")) {
            let other = other.trim_end_matches('\'');
            let msg = format!("`{}` declared multiple times", last(name));
            if let Some(text) = (self.source)(other) {
                let other_scan = Scan::new(&text);
                if let Some(o) = other_scan.find_decl(name) {
                    if other_scan.inside_any(o, dups) {
                        return;
                    }
                    return out.push(msg_at(other, &text, o, msg));
                }
            }
            msg
        } else if let Some(n) = quoted(msg, "field number '") {
            if msg.ends_with("is already used") {
                format!("field number `{n}` used more than once")
            } else {
                format!("use of reserved field number `{n}`")
            }
        } else if msg.starts_with("camel-case name of field") || msg.starts_with("a field with JSON name") {
            "message fields have the same JSON name".into()
        } else if msg.starts_with("invalid field number '") {
            "field number out of range".into()
        } else if let Some(n) = quoted(msg, "message '").and_then(|_| after(msg, "does not define '")) {
            format!("extension with unreserved number `{}`", n.split('\'').next().unwrap_or(n))
        } else if msg == "enums must have at least one value" {
            "enum type must define at least one value".into()
        } else if msg == "the first value for proto3 enums must be 0" {
            "first value of open enum must be zero".into()
        } else if let Some(n) = quoted(msg, "enum number '") {
            if msg.contains("conflicts with reserved range") {
                return self.reserved_enum_value(d, n, out);
            }
            format!("enum value `{n}` used more than once")
        } else if let Some(name) = quoted(msg, "option field '") {
            let at = self.find_in(off, len, name);
            if msg.ends_with("is not defined") {
                return self.push(
                    out,
                    at,
                    format!("cannot find message field `{name}` in `google.protobuf.{}`", self.options_type(off)),
                );
            }
            return self.push(out, at, format!("option `{name}` set multiple times"));
        } else if let Some(ty) = quoted(msg, "expected a value of type '") {
            let value = after(msg, "but found '").map_or("", |v| v.strip_suffix('\'').unwrap_or(v));
            let at = self.value_in(off, len);
            let ident = value.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
            if ty.contains('.') && ident && !matches!(value, "true" | "false" | "inf" | "nan") {
                return self.push(out, at, format!("cannot find `{value}` in this scope"));
            }
            return self.push(out, at, "mismatched types");
        } else if let Some(name) = quoted(msg, "'").filter(|_| msg.contains("' is not a")) {
            let def = d.label("defined here").map(|l| self.at_check(l.0));
            let kind = def.map_or("symbol", |o| self.kind_at(o));
            let want = if msg.ends_with("is not a message type") { "message type" } else { "type" };
            format!("expected {want}, found {kind} `{name}`")
        } else if msg.starts_with("imported file '") {
            "imported file does not exist".into()
        } else {
            msg.to_owned()
        };
        self.push(out, off, m);
    }

    /// First place a (type) name is used, for errors prost-reflect cannot place (map entries).
    fn first_use(&self, name: &str) -> Option<usize> {
        let s = &self.scan;
        (0..s.toks.len())
            .find(|&i| {
                s.toks[i].kind == Kind::Ident
                    && s.path_from(i) == name
                    && (i == 0 || !matches!(s.text_of(i - 1), "message" | "enum" | "service" | "." | "rpc" | "oneof"))
            })
            .map(|i| s.toks[i].start)
    }

    /// buf also checks enum value names with the enum's name stripped (protoc's rule for
    /// languages with scoped enums); two equal names with different numbers in one enum of a
    /// non-proto2 file trip it too. (Distinct names that collide only after stripping and
    /// `PascalCasing` are not reported by protox at all: that check must live elsewhere.)
    fn enum_value_conflict(&self, first: usize, second: usize, out: &mut Vec<CompileMessage>) {
        let s = &self.scan;
        let block = s.enclosing(first);
        let Some(enum_block) = block.and_then(|b| s.blocks.get(b)).filter(|b| b.kind == "enum") else { return };
        let number = |o: usize| s.tok_at(o).map(|i| (s.text_of(i + 1), s.text_of(i + 2)));
        let proto2 = !s.toks.iter().enumerate().any(|(i, _)| {
            matches!(s.text_of(i), "syntax" | "edition") && s.stmt_first(i) == i && s.text_of(i + 2) != "\"proto2\""
        });
        if s.enclosing(second) == block && number(first) != number(second) && !proto2 {
            self.push(
                out,
                second,
                format!("enum values have the same name with the `{}` prefix removed", enum_block.name),
            );
        }
    }

    /// What kind of declaration has its name at `off`, in buf's words.
    fn kind_at(&self, off: usize) -> &'static str {
        let s = &self.scan;
        let Some(i) = s.tok_at(off) else { return "symbol" };
        let prev = i.checked_sub(1).map_or("", |p| s.text_of(p));
        let in_enum = s.enclosing(off).and_then(|b| s.blocks.get(b)).is_some_and(|b| b.kind == "enum");
        match prev {
            "message" => "message type",
            "enum" => "enum type",
            "service" => "service definition",
            "rpc" => "service method",
            "oneof" => "oneof definition",
            _ if in_enum && s.text_of(i + 1) == "=" => "enum value",
            _ if s.text_of(i + 1) == "=" => "message field",
            _ => "symbol",
        }
    }

    /// buf points at the enum value using the number; prost-reflect only labels the reserved range.
    fn reserved_enum_value(&self, d: &Diag, n: &str, out: &mut Vec<CompileMessage>) {
        let msg = format!("use of reserved enum value `{n}`");
        let range = d.label("reserved range defined here").or(d.first()).map_or(0, |l| self.at_check(l.0));
        let s = &self.scan;
        let block = s.enclosing(range);
        let found = s.toks.iter().enumerate().find(|(i, t)| {
            t.kind == Kind::Int
                && s.text_of(*i) == n
                && *i > 0
                && s.text_of(i - 1) == "="
                && s.enclosing(t.start) == block
        });
        self.push(out, found.map_or(range, |(_, t)| t.start), msg);
    }
}
