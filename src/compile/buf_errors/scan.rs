//! A forgiving token scanner over `.proto` source, used only to place buf's diagnostics.
//!
//! protox reports some errors with coarser (or different) spans than buf does, and some without
//! the information buf prints (the enclosing scope, the file a duplicate was first declared in).
//! This scanner recovers that from the source text. It never fails: unknown bytes become
//! one-character punctuation tokens, and unterminated constructs end at end of line or file.

use crate::schema::qualified_name;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    Int,
    Float,
    Str,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A `{ … }` region: a message, enum, service, oneof, extend, rpc or group body, or an option value.
#[derive(Debug)]
pub(super) struct Block {
    /// The keyword that introduced it (`message`, `enum`, …), `group`, `option`, or "".
    pub kind: &'static str,
    pub name: String,
    /// Byte offset of `{`.
    pub open: usize,
    /// Byte offset of the matching `}`, if any.
    pub close: Option<usize>,
    pub parent: Option<usize>,
}

pub(super) struct Scan<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub blocks: Vec<Block>,
    pub package: String,
    /// Offset of a `/*` that is never closed.
    pub open_comment: Option<usize>,
}

/// Words the new buf parser treats as keywords (`token/keyword/keyword.yaml` in protocompile);
/// an unexpected keyword is printed as "`kw`", any other identifier as "identifier".
const KEYWORDS: &[&str] = &[
    "syntax",
    "edition",
    "import",
    "weak",
    "public",
    "package",
    "message",
    "enum",
    "service",
    "extend",
    "option",
    "group",
    "oneof",
    "extensions",
    "reserved",
    "rpc",
    "returns",
    "to",
    "optional",
    "repeated",
    "required",
    "stream",
    "export",
    "local",
    "int32",
    "int64",
    "uint32",
    "uint64",
    "sint32",
    "sint64",
    "fixed32",
    "fixed64",
    "sfixed32",
    "sfixed64",
    "float",
    "double",
    "bool",
    "string",
    "bytes",
    "inf",
    "nan",
    "true",
    "false",
    "null",
    "map",
    "max",
    "return",
    "break",
    "continue",
    "yield",
    "defer",
    "try",
    "catch",
    "if",
    "unless",
    "else",
    "loop",
    "while",
    "do",
    "for",
    "in",
    "switch",
    "match",
    "case",
    "as",
    "func",
    "const",
    "let",
    "var",
    "type",
    "extern",
    "and",
    "or",
    "not",
    "default",
    "json_name",
];

const DEF_KEYWORDS: &[&str] = &["message", "enum", "service", "oneof", "extend", "rpc", "group"];

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Self {
        let (toks, open_comment) = lex(text);
        let mut scan = Scan { text, toks, blocks: Vec::new(), package: String::new(), open_comment };
        scan.structure();
        scan
    }

    pub fn text_of(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.text_of(i) == s
    }

    /// The token that starts at, or contains, `off`.
    pub fn tok_at(&self, off: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.end <= off);
        self.toks.get(i).filter(|t| t.start <= off).map(|_| i)
    }

    /// The last token that ends at or before `off`.
    pub fn prev_tok(&self, off: usize) -> Option<usize> {
        self.toks.partition_point(|t| t.end <= off).checked_sub(1)
    }

    /// First token of the statement that token `i` (or the position just after it) belongs to.
    pub fn stmt_first(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && !matches!(self.text_of(j - 1), ";" | "{" | "}") {
            j -= 1;
        }
        j
    }

    /// The innermost block containing `off`.
    pub fn enclosing(&self, off: usize) -> Option<usize> {
        self.blocks.iter().rposition(|b| b.open < off && b.close.is_none_or(|c| off <= c))
    }

    fn structure(&mut self) {
        let mut stack: Vec<usize> = Vec::new();
        let mut stmt = 0;
        for i in 0..self.toks.len() {
            match self.text_of(i) {
                "{" => {
                    let (kind, name) = self.block_head(stmt, i);
                    let open = self.toks[i].start;
                    self.blocks.push(Block { kind, name, open, close: None, parent: stack.last().copied() });
                    stack.push(self.blocks.len() - 1);
                    stmt = i + 1;
                }
                "}" => {
                    if let Some(b) = stack.pop() {
                        self.blocks[b].close = Some(self.toks[i].start);
                    }
                    stmt = i + 1;
                }
                ";" => {
                    if stack.is_empty() && self.is(stmt, "package") {
                        self.package = self.path_from(stmt + 1);
                    }
                    stmt = i + 1;
                }
                _ => {}
            }
        }
    }

    fn block_head(&self, first: usize, brace: usize) -> (&'static str, String) {
        if self.is(first, "option") {
            return ("option", String::new());
        }
        for j in first..brace {
            if let Some(kw) = DEF_KEYWORDS.iter().find(|k| self.is(j, k)) {
                return (kw, self.path_from(j + 1));
            }
        }
        ("", String::new())
    }

    /// A dotted name starting at token `i` (`foo.bar.Baz`, optionally with a leading dot).
    pub fn path_from(&self, mut i: usize) -> String {
        let mut s = String::new();
        while let Some(t) = self.toks.get(i) {
            let txt = self.text_of(i);
            if t.kind == Kind::Ident || txt == "." {
                s.push_str(txt);
                i += 1;
            } else {
                break;
            }
        }
        s
    }

    /// Index of the first token after the dotted name starting at token `i`.
    pub fn skip_path(&self, mut i: usize) -> usize {
        while self.toks.get(i).is_some_and(|t| t.kind == Kind::Ident) {
            i += 1;
            if self.text_of(i) == "." && self.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Ident) {
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    /// Index of the first token after the bracketed group opening at token `i`.
    pub fn skip_group(&self, i: usize) -> usize {
        let mut depth = 0usize;
        for j in i..self.toks.len() {
            match self.text_of(j) {
                "{" | "[" | "(" => depth += 1,
                "}" | "]" | ")" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return j + 1;
                    }
                }
                _ => {}
            }
        }
        self.toks.len()
    }

    /// How buf's parser names a token in "unexpected …" messages.
    pub fn noun(&self, i: usize) -> String {
        let txt = self.text_of(i);
        match self.toks.get(i).map(|t| t.kind) {
            Some(Kind::Ident) if KEYWORDS.contains(&txt) => format!("`{txt}`"),
            Some(Kind::Ident) => "identifier".into(),
            Some(Kind::Int) => "integer literal".into(),
            Some(Kind::Float) => "floating-point literal".into(),
            Some(Kind::Str) => "string literal".into(),
            Some(Kind::Punct) => format!("`{txt}`"),
            None => "end-of-file".into(),
        }
    }

    /// buf's noun for the scope a block opens (`taxa` in protocompile).
    pub fn scope_noun(&self, block: Option<usize>) -> &'static str {
        match block.and_then(|b| self.blocks.get(b)).map(|b| b.kind) {
            None => "file scope",
            Some("message") => "message definition",
            Some("enum") => "enum definition",
            Some("service") => "service definition",
            Some("oneof") => "oneof definition",
            Some("extend") => "message extension block",
            Some("group") => "group definition",
            Some("rpc") => "service method",
            Some(_) => "definition body",
        }
    }

    /// buf's noun for the statement whose first token is `first`.
    pub fn stmt_noun(&self, first: usize) -> &'static str {
        match self.text_of(first) {
            "syntax" if self.enclosing(self.toks[first].start).is_none() => "`syntax` declaration",
            "edition" if self.enclosing(self.toks[first].start).is_none() => "`edition` declaration",
            "package" if self.enclosing(self.toks[first].start).is_none() => "`package` declaration",
            "import" => "import",
            "reserved" => "reserved range",
            "extensions" => "extension range",
            _ => "definition",
        }
    }

    /// The protobuf scope (package-qualified) that declarations directly inside block `b` live in.
    fn scope_of(&self, b: Option<usize>) -> String {
        match b.and_then(|i| self.blocks.get(i).map(|blk| (i, blk))) {
            None => self.package.clone(),
            Some((_, blk)) if matches!(blk.kind, "message" | "enum" | "service" | "group") => {
                qualified_name(&self.scope_of(blk.parent), &blk.name)
            }
            Some((_, blk)) => self.scope_of(blk.parent),
        }
    }

    /// Whether `off` lies inside the body of a message/enum/service whose full name is in `names`.
    pub fn inside_any(&self, off: usize, names: &[String]) -> bool {
        let mut b = self.enclosing(off);
        while let Some(blk) = b.and_then(|i| self.blocks.get(i)) {
            if matches!(blk.kind, "message" | "enum" | "service" | "group")
                && names.contains(&qualified_name(&self.scope_of(blk.parent), &blk.name))
            {
                return true;
            }
            b = blk.parent;
        }
        false
    }

    /// Offset of the name token declaring fully-qualified `fqn` (no leading dot), if found.
    pub fn find_decl(&self, fqn: &str) -> Option<usize> {
        let last = fqn.rsplit('.').next().unwrap_or(fqn);
        for (i, t) in self.toks.iter().enumerate() {
            if t.kind != Kind::Ident || self.text_of(i) != last {
                continue;
            }
            let after_kw = i > 0 && DEF_KEYWORDS.iter().any(|k| self.is(i - 1, k));
            let is_member = self.is(i + 1, "=")
                && !self.is(self.stmt_first(i), "option")
                && (i == 0 || {
                    let p = self.toks[i - 1];
                    p.kind == Kind::Ident || matches!(self.text_of(i - 1), ";" | "{" | "}" | ">")
                });
            if !after_kw && !is_member {
                continue;
            }
            let mut block = self.enclosing(t.start);
            if is_member && block.and_then(|b| self.blocks.get(b)).is_some_and(|b| b.kind == "enum") {
                block = block.and_then(|b| self.blocks.get(b)).and_then(|b| b.parent);
            }
            if qualified_name(&self.scope_of(block), last) == fqn {
                return Some(t.start);
            }
        }
        None
    }

    /// `(offset of the import keyword, imported path)` for every import statement.
    pub fn imports(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for i in 0..self.toks.len() {
            if self.is(i, "import") && self.stmt_first(i) == i && self.enclosing(self.toks[i].start).is_none() {
                let mut j = i + 1;
                while self.is(j, "public") || self.is(j, "weak") {
                    j += 1;
                }
                if self.toks.get(j).is_some_and(|t| t.kind == Kind::Str) {
                    let s = self.text_of(j);
                    out.push((self.toks[i].start, s.get(1..s.len().saturating_sub(1)).unwrap_or("").to_owned()));
                }
            }
        }
        out
    }

    /// Resolves a type name used at `off` to `(kind, full name)` among this file's declarations.
    pub fn resolve_type(&self, off: usize, name: &str) -> Option<(&'static str, String)> {
        let candidates: Vec<String> = if let Some(abs) = name.strip_prefix('.') {
            vec![abs.to_owned()]
        } else {
            let mut scope = Some(self.scope_of(self.enclosing(off)));
            let mut v = Vec::new();
            while let Some(s) = scope {
                v.push(qualified_name(&s, name));
                scope = s.rsplit_once('.').map(|(p, _)| p.to_owned()).or(if s.is_empty() {
                    None
                } else {
                    Some(String::new())
                });
            }
            v
        };
        candidates.into_iter().find_map(|fqn| {
            self.blocks
                .iter()
                .find(|b| {
                    matches!(b.kind, "message" | "enum") && qualified_name(&self.scope_of(b.parent), &b.name) == fqn
                })
                .map(|b| (if b.kind == "enum" { "enum type" } else { "message type" }, fqn.clone()))
        })
    }

    /// Open delimiters `{ [ (` before `off` that are not closed before it, as offsets.
    pub fn unclosed_before(&self, off: usize) -> Vec<usize> {
        let mut stack: Vec<(char, usize)> = Vec::new();
        for t in self.toks.iter().take_while(|t| t.start < off) {
            match self.text.get(t.start..t.end).unwrap_or("") {
                "{" => stack.push(('}', t.start)),
                "[" => stack.push((']', t.start)),
                "(" => stack.push((')', t.start)),
                c @ ("}" | "]" | ")") => {
                    if let Some(pos) = stack.iter().rposition(|(want, _)| c.starts_with(*want)) {
                        stack.truncate(pos);
                    }
                }
                _ => {}
            }
        }
        stack.into_iter().map(|(_, o)| o).collect()
    }
}

fn lex(text: &str) -> (Vec<Tok>, Option<usize>) {
    let b = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let start = i;
        let kind;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c == b'/' && next == Some(b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if c == b'/' && next == Some(b'*') {
            match text.get(i + 2..).and_then(|rest| rest.find("*/")) {
                Some(end) => i += end + 4,
                None => return (toks, Some(i)),
            }
            continue;
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c && b[i] != b'\n' {
                i += if b[i] == b'\\' && b.get(i + 1).is_some_and(|&n| n != b'\n') { 2 } else { 1 };
            }
            if i < b.len() && b[i] == c {
                i += 1;
            }
            kind = Kind::Str;
        } else if c.is_ascii_digit() || (c == b'.' && next.is_some_and(|n| n.is_ascii_digit())) {
            let hex = c == b'0' && matches!(next, Some(b'x' | b'X'));
            let mut float = false;
            while i < b.len() {
                let d = b[i];
                if !hex && matches!(d, b'e' | b'E') && matches!(b.get(i + 1), Some(b'+' | b'-')) {
                    float = true;
                    i += 2;
                } else if d.is_ascii_alphanumeric() || d == b'_' || d == b'.' {
                    float |= d == b'.' || (!hex && matches!(d, b'e' | b'E'));
                    i += 1;
                } else {
                    break;
                }
            }
            kind = if float { Kind::Float } else { Kind::Int };
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            kind = Kind::Ident;
        } else {
            i += text.get(i..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
            kind = Kind::Punct;
        }
        toks.push(Tok { kind, start, end: i.min(b.len()) });
    }
    (toks, None)
}
