//! Parse errors (protox-parse's `ParseError`) in the words of buf's parser and lexer.

use super::scan::Kind;
use super::{CompileMessage, Cx, Diag};

impl Cx<'_> {
    pub(super) fn unterminated_string(&self, main: &Diag, out: &mut Vec<CompileMessage>) {
        // protox's label sits at the end of the line; the string starts at the last quote before it.
        let Some(end) = main.first().map(|l| self.at(l.0)) else { return };
        let s = &self.scan;
        match s.prev_tok(end + 1).and_then(|i| s.toks.get(i)).filter(|t| t.kind == Kind::Str) {
            Some(t) => self.lex_string(t.start, out),
            None => self.push(out, end, "unterminated string literal"),
        }
    }

    /// buf's lexer on a string starting at `q`: it runs to the closing quote or end of file.
    fn lex_string(&self, q: usize, out: &mut Vec<CompileMessage>) {
        let b = self.text.as_bytes();
        let quote = b.get(q).copied().unwrap_or(b'"');
        let mut i = q + 1;
        while i < b.len() && b[i] != quote {
            if b[i] == b'\n' {
                self.push(out, i, "unescaped newlines are not permitted in string literals");
            }
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        if i < b.len() {
            return;
        }
        self.push(out, q, "unterminated string literal");
        for o in self.scan.unclosed_before(q) {
            let d = self.text.get(o..=o).unwrap_or("{");
            self.push(out, o, format!("encountered unmatched `{d}` delimiter"));
        }
        // The string swallowed the rest of the file; what the parser says then depends on the
        // statement (observed behaviour, see fixtures/bad/syntax_unterminated_string_*).
        let s = &self.scan;
        let Some(first) = s.prev_tok(q + 1).map(|i| s.stmt_first(i)) else { return };
        let (noun, kw) = (s.stmt_noun(first), s.text_of(first));
        let eof = self.eof();
        match kw {
            "syntax" | "edition" | "import" | "package" => {
                self.push(out, eof, format!("unexpected end-of-file after {noun}"));
                if kw == "syntax" {
                    self.push(out, q, "unrecognized `syntax` declaration value");
                } else if kw == "import" {
                    self.push(out, s.toks[first].start, "imported file does not exist");
                }
            }
            _ => {
                self.push(out, b.len(), format!("unexpected unrecognized token after {noun}"));
                if kw == "reserved" {
                    let what =
                        if s.scope_noun(s.enclosing(q)) == "enum definition" { "enum value" } else { "message field" };
                    self.push(out, q, format!("reserved {what} name is not a valid identifier"));
                }
            }
        }
    }

    pub(super) fn parse_error(&self, d: &Diag, out: &mut Vec<CompileMessage>) {
        let msg = d.msg.as_str();
        let Some((off, len)) = d.first().map(|l| (self.at(l.0), l.1)) else {
            return self.parse_eof(msg, out);
        };
        let s = &self.scan;
        let tok = s.tok_at(off);
        let scope = s.scope_noun(s.enclosing(off));
        let stmt_noun = s.prev_tok(off).map_or("definition", |p| s.stmt_noun(s.stmt_first(p)));
        let m = match msg {
            "invalid token" => {
                if off == self.shift && self.text.get(off..off + 3) == Some("\u{feff}") {
                    return; // a BOM the caller did not strip; buf ignores it (see module docs)
                }
                let c = self.text.get(off..).and_then(|r| r.chars().next()).unwrap_or('?');
                let boundary = s.prev_tok(off).is_none_or(|p| matches!(s.text_of(p), ";" | "{" | "}"));
                if !boundary {
                    self.push(out, off, format!("unexpected `{c}` after {stmt_noun}"));
                }
                format!("unexpected `{c}` in {scope}")
            }
            "invalid string escape" => "invalid escape sequence".into(),
            "invalid string character" => {
                if self.text.as_bytes().get(off) == Some(&0) {
                    "unescaped NUL bytes are not permitted in string literals".into()
                } else {
                    "unescaped newlines are not permitted in string literals".into()
                }
            }
            "invalid group name" => "group names must start with an uppercase letter".into(),
            "multiple package names specified" => {
                let second = d.labels.get(1).map_or(off, |l| self.at(l.1));
                return self.push(out, second, "unexpected `package` declaration");
            }
            "default values are not allowed in proto3" => "custom default in \"proto3\"".into(),
            "required fields are not allowed in proto3 syntax" => "unexpected `required`".into(),
            "groups are not allowed in proto3 syntax" => "group syntax is not supported".into(),
            "a oneof must have at least one field" => "oneof must define at least one member".into(),
            "integer is too large" => "field number out of range".into(),
            "nested block comments are not supported" => {
                // buf lexes the first `*/` as the end of the comment; the second is unmatched.
                let end = self.text.get(off..).and_then(|r| r.find("*/")).map(|e| off + e + 2);
                let second = end.and_then(|e| self.text.get(e..).and_then(|r| r.find("*/")).map(|f| e + f));
                if let Some(t) = end
                    .and_then(|e| s.tok_at(e).or_else(|| s.prev_tok(e).map(|p| p + 1)))
                    .filter(|_| scope == "file scope")
                {
                    self.stray_fields(t, out);
                }
                return self.push(out, second.unwrap_or(off), "encountered unmatched `*/` delimiter");
            }
            "whitespace is required between an integer literal and an identifier"
            | "'f' suffix for float literals is not allowed" => {
                let digits = self.text.get(off..).map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
                self.push(out, off + digits, "invalid digit in decimal integer literal");
                let kw = s
                    .prev_tok(off)
                    .filter(|&p| matches!(s.text_of(p), "message" | "enum" | "service" | "oneof" | "extend"))
                    .map(|p| (p, s.text_of(p)));
                if let Some((p, kw)) = kw {
                    // `message 1Foo {}`: a nameless definition with a stray value.
                    self.push(out, s.toks[p].start, format!("missing name after `{kw}`"));
                    self.push(out, off, "unexpected integer literal in definition");
                    let what = match kw {
                        "extend" => "message extension block".to_owned(),
                        k => format!("{k} definition"),
                    };
                    return self.push(out, off, format!("unexpected integer literal in {what}"));
                }
                "field number out of range".into()
            }
            "'#' comments are not allowed here" => {
                if let Some(t) = tok.filter(|_| scope == "file scope") {
                    self.stray_fields(t + 1, out);
                }
                format!("unexpected `#` in {scope}")
            }
            "a map field key type must be an integer, boolean or string" => {
                let name = self.text.get(off..off + len).unwrap_or("");
                match s.resolve_type(off, name) {
                    Some((kind, fqn)) => format!("expected map key type, found {kind} `{fqn}`"),
                    None => format!("expected map key type, found scalar type `{name}`"),
                }
            }
            "fields must have a label with proto2 syntax (expected one of 'optional', 'repeated' or 'required')" => {
                "unexpected type name".into()
            }
            _ if msg.starts_with("message numbers must be between") => "field number out of range".into(),
            _ if msg.starts_with("enum numbers must be between") => "literal out of range for `int32`".into(),
            _ if msg.starts_with("unknown syntax '") => "unrecognized `syntax` declaration value".into(),
            _ if msg.starts_with("expected value to be ") => "mismatched types".into(),
            _ if msg.starts_with("expected ") && msg.contains(", but found '") => {
                let Some(m) = self.unexpected_token(msg, off, out) else { return };
                m
            }
            _ => msg.to_owned(),
        };
        self.push(out, off, m);
    }

    /// protox's "expected X, but found 'Y'": buf says "unexpected <Y> <where>", where depends on
    /// what was expected and on the statement or scope around `off`. `None` if already pushed.
    fn unexpected_token(&self, msg: &str, off: usize, out: &mut Vec<CompileMessage>) -> Option<String> {
        let s = &self.scan;
        let tok = s.tok_at(off);
        let noun = tok.map_or_else(|| "end-of-file".to_owned(), |t| s.noun(t));
        let tok_text = tok.map_or("", |t| s.text_of(t));
        let scope = s.scope_noun(s.enclosing(off));
        let stmt = s.prev_tok(off).map(|p| s.stmt_first(p));
        let stmt_noun = stmt.map_or("definition", |f| s.stmt_noun(f));
        let want = msg.get(9..msg.find(", but found '").unwrap_or(9)).unwrap_or("");
        let kind = tok.and_then(|t| s.toks.get(t)).map(|t| t.kind);
        let literal = matches!(kind, Some(Kind::Int | Kind::Float | Kind::Str)) || tok_text == "-";
        let m = if want.starts_with("'enum', 'extend', 'import'") {
            if matches!(tok_text, "}" | ")" | "]") {
                self.push(out, off, format!("encountered unmatched `{tok_text}` delimiter"));
                format!("unexpected `{tok_text}` in {scope}")
            } else if let (Some(Kind::Ident), Some(t)) = (kind, tok) {
                self.stray_fields(t, out);
                return None;
            } else {
                format!("unexpected {noun} in {scope}")
            }
        } else if want.contains("'='") {
            if literal {
                format!("unexpected {noun} in definition")
            } else {
                format!("unexpected {noun} after definition")
            }
        } else if want.contains("';'") {
            format!("unexpected {noun} after {stmt_noun}")
        } else if want.starts_with("a string") {
            format!("unexpected {noun} in {stmt_noun}")
        } else if want.starts_with("an integer") {
            match kind {
                Some(Kind::Ident) => format!("cannot find `{}` in this scope", s.path_from(tok.unwrap_or(0))),
                Some(Kind::Float | Kind::Str) => "mismatched types".into(),
                _ => format!("unexpected {noun} in definition"),
            }
        } else if want.contains("an identifier") {
            let prev = s.prev_tok(off);
            let kw = prev
                .map(|p| s.text_of(p))
                .filter(|k| matches!(*k, "message" | "enum" | "service" | "oneof" | "extend" | "rpc" | "group"));
            match (kw, prev, stmt) {
                (Some(kw), Some(p), _) => {
                    self.push(out, s.toks[p].start, format!("missing name after `{kw}`"));
                    return None;
                }
                (None, _, Some(first)) if tok_text == "=" => {
                    self.push(out, s.toks[first].start, "missing name in message field");
                    return None;
                }
                _ => format!("unexpected {noun} in {scope}"),
            }
        } else {
            format!("unexpected {noun} in {scope}")
        };
        Some(m)
    }

    /// buf's parser reads stray words at file scope as message fields (`foo bar baz;` is the
    /// field `foo bar` missing a `;`, then the field `baz`), each with its own complaints.
    fn stray_fields(&self, mut i: usize, out: &mut Vec<CompileMessage>) {
        let s = &self.scan;
        let ident = |i: usize| s.toks.get(i).is_some_and(|t| t.kind == Kind::Ident);
        let skip_junk = |mut i: usize| {
            while s.text_of(i) == "*" && s.text_of(i + 1) == "/" {
                i += 2;
            }
            i
        };
        while ident(i) {
            let start = s.toks[i].start;
            i = skip_junk(s.skip_path(i));
            let named = ident(i);
            if named {
                i = skip_junk(s.skip_path(i));
            }
            let (mut tag, mut body) = (false, None);
            loop {
                match s.text_of(i) {
                    "=" => {
                        tag = true;
                        i += 1 + usize::from(s.text_of(i + 1) == "-");
                        i += usize::from(s.toks.get(i).is_some_and(|t| t.kind != Kind::Punct));
                    }
                    "[" => i = s.skip_group(i),
                    "{" => {
                        body = Some(s.toks[i].start);
                        i = s.skip_group(i);
                        break;
                    }
                    _ => break,
                }
            }
            self.push(out, start, "unexpected message field at file scope");
            if !named {
                self.push(out, start, "missing name in message field");
            }
            if !tag {
                self.push(out, start, "missing message field tag in declaration");
            }
            if let Some(b) = body {
                return self.push(out, b, "unexpected definition body in message field");
            }
            if !ident(i) {
                return;
            }
            self.push(out, s.toks[i].start, format!("unexpected {} after definition", s.noun(i)));
        }
    }

    /// "expected …, but reached end of file" (protox gives no span).
    pub(super) fn parse_eof(&self, msg: &str, out: &mut Vec<CompileMessage>) {
        if msg.starts_with("expected string terminator") {
            let s = &self.scan;
            if let Some(t) = s.toks.iter().rev().find(|t| t.kind == Kind::Str) {
                return self.lex_string(t.start, out);
            }
        }
        if msg.starts_with("expected comment terminator") {
            let off = self.scan.open_comment.unwrap_or(self.text.len());
            return self.push(out, off, "encountered unmatched `/*` delimiter");
        }
        let unclosed = self.scan.unclosed_before(self.text.len());
        for &o in &unclosed {
            let d = self.text.get(o..=o).unwrap_or("{");
            self.push(out, o, format!("encountered unmatched `{d}` delimiter"));
        }
        if unclosed.is_empty() {
            let stmt = self
                .scan
                .prev_tok(self.text.len())
                .map_or("definition", |p| self.scan.stmt_noun(self.scan.stmt_first(p)));
            self.push(out, self.eof(), format!("unexpected end-of-file after {stmt}"));
        }
    }

    /// Where buf places "end-of-file": on the final newline if there is one.
    fn eof(&self) -> usize {
        self.text.len() - usize::from(self.text.ends_with('\n'))
    }
}
