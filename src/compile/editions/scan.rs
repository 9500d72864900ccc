//! Finds, in the token stream of an editions file, everything `protox_parse` (proto3 mode) would
//! reject or misread, and plans the text edits that make the file parseable:
//!
//! * the `edition = "…";` statement becomes `syntax = "proto3";`;
//! * `default = …` pseudo-options are blanked out (same length, newlines kept) and returned so the
//!   caller can set `default_value` itself;
//! * identifiers in `reserved` statements get quotes;
//! * edition 2024's `export` / `local` modifiers and the `option` of `import option` are blanked.
//!
//! `optional` / `required` labels, groups and quoted reserved names are errors in buf's wording.

use std::ops::Range;

use super::EditionsError;
use super::lex::{Kind, Token, decode_string};

pub(super) const EDITION_2023: i32 = 1000;
pub(super) const EDITION_2024: i32 = 1001;

/// Replace the original bytes `range` by `text`. With `mirror: Some((at, orig))`, the
/// replacement text from byte `at` on is a copy of the original bytes `orig`, and offsets in it map
/// back there.
#[derive(Debug, Clone)]
pub(super) struct Edit {
    pub range: Range<usize>,
    pub text: String,
    pub mirror: Option<(usize, Range<usize>)>,
}

impl Edit {
    fn new(range: Range<usize>, text: impl Into<String>) -> Self {
        Edit { range, text: text.into(), mirror: None }
    }
}

/// The value of a `default = …` pseudo-option, as written.
#[derive(Debug, Clone)]
pub(super) enum DefaultValue {
    Str(Vec<u8>),
    Num { neg: bool, text: String },
    Ident { neg: bool, name: String },
    Aggregate,
    Other,
}

#[derive(Debug, Clone)]
pub(super) struct DefaultOpt {
    /// From `default` to the end of the value: where buf puts the `default_value` location.
    pub span: Range<usize>,
    pub value_span: Range<usize>,
    pub value: DefaultValue,
}

#[derive(Debug, Default)]
pub(super) struct Scan {
    pub edition: i32,
    pub edits: Vec<Edit>,
    pub defaults: Vec<DefaultOpt>,
    /// Paths of edition 2024 `import option` statements, in order.
    pub option_imports: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Block,
    Aggregate,
}

/// `Ok(None)` when the first statement is not `edition`.
pub(super) fn scan(src: &str, toks: &[Token]) -> Result<Option<Scan>, EditionsError> {
    let text = |t: &Token| src.get(t.span.clone()).unwrap_or("");
    let Some(first) = toks.first() else {
        return Ok(None);
    };
    if first.kind != Kind::Ident || text(first) != "edition" {
        return Ok(None);
    }
    let mut s = Scanner { src, toks, out: Scan::default() };
    let after = s.edition_statement()?;
    s.body(after)?;
    s.out.edits.sort_by_key(|e| (e.range.start, e.range.end));
    Ok(Some(s.out))
}

struct Scanner<'a> {
    src: &'a str,
    toks: &'a [Token],
    out: Scan,
}

impl Scanner<'_> {
    fn text(&self, i: usize) -> &str {
        self.toks.get(i).and_then(|t| self.src.get(t.span.clone())).unwrap_or("")
    }

    fn is_ident(&self, i: usize, word: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Ident) && self.text(i) == word
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is_sym(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_sym(c))
    }

    fn span(&self, i: usize) -> Range<usize> {
        self.toks.get(i).map_or(self.src.len()..self.src.len(), |t| t.span.clone())
    }

    fn blank(&mut self, range: Range<usize>) {
        let text: String =
            self.src.get(range.clone()).unwrap_or("").bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
        self.out.edits.push(Edit::new(range, text));
    }

    /// Parses `edition = "…";` (token 0 is `edition`), returns the index after the `;`.
    fn edition_statement(&mut self) -> Result<usize, EditionsError> {
        if !self.is_sym(1, '=') {
            return Err(EditionsError::new("expected `=` after `edition`", self.span(1)));
        }
        let mut i = 2;
        let mut value = Vec::new();
        while self.kind(i) == Some(Kind::Str) {
            value.extend(decode_string(self.text(i), self.span(i))?);
            i += 1;
        }
        let value_span = self.span(2).start..self.span(i.saturating_sub(1)).end;
        if i == 2 {
            return Err(EditionsError::new("expected a string literal edition value", self.span(2)));
        }
        if !self.is_sym(i, ';') {
            return Err(EditionsError::new("expected `;`", self.span(i)));
        }
        self.out.edition = match value.as_slice() {
            b"2023" => EDITION_2023,
            b"2024" => EDITION_2024,
            _ => {
                return Err(EditionsError::new("unrecognized `edition` declaration value", value_span));
            }
        };
        let range = self.span(0).start..self.span(i).end;
        self.out.edits.push(Edit::new(range, "syntax = \"proto3\";"));
        Ok(i + 1)
    }

    fn body(&mut self, mut i: usize) -> Result<(), EditionsError> {
        let mut stack: Vec<Ctx> = Vec::new();
        let mut stmt_start = true;
        while i < self.toks.len() {
            if stack.last() == Some(&Ctx::Aggregate) {
                if self.is_sym(i, '{') {
                    stack.push(Ctx::Aggregate);
                } else if self.is_sym(i, '}') {
                    stack.pop();
                }
                i += 1;
                continue;
            }
            match self.kind(i) {
                Some(Kind::Sym('{')) => {
                    let text_format = i > 0 && (self.is_sym(i - 1, '=') || self.is_sym(i - 1, ':'));
                    if text_format {
                        stack.push(Ctx::Aggregate);
                    } else {
                        stack.push(Ctx::Block);
                        stmt_start = true;
                    }
                }
                Some(Kind::Sym('}')) => {
                    stack.pop();
                    stmt_start = true;
                }
                Some(Kind::Sym(';')) => stmt_start = true,
                Some(Kind::Sym('[')) => {
                    i = self.option_list(i)?;
                    stmt_start = false;
                    continue;
                }
                Some(Kind::Ident) if stmt_start => {
                    self.statement(i)?;
                    stmt_start = false;
                }
                _ => stmt_start = false,
            }
            i += 1;
        }
        Ok(())
    }

    /// Checks the statement starting at identifier `i`.
    fn statement(&mut self, i: usize) -> Result<(), EditionsError> {
        let word = self.text(i).to_owned();
        match word.as_str() {
            "optional" | "required" | "repeated" => {
                if word != "repeated" && self.is_label(i) {
                    return Err(EditionsError::new(format!("unexpected `{word}`"), self.span(i)));
                }
                if self.is_ident(i + 1, "group") && self.is_group(i + 1) {
                    return Err(group_error(self.span(i + 1)));
                }
            }
            "group" if self.is_group(i) => return Err(group_error(self.span(i))),
            "reserved" => self.reserved(i)?,
            "extensions" => self.extensions(i),
            "export" | "local"
                if self.out.edition >= EDITION_2024
                    && (self.is_ident(i + 1, "message") || self.is_ident(i + 1, "enum")) =>
            {
                self.blank(self.span(i));
            }
            "import"
                if self.out.edition >= EDITION_2024
                    && self.is_ident(i + 1, "option")
                    && self.kind(i + 2) == Some(Kind::Str) =>
            {
                let path = decode_string(self.text(i + 2), self.span(i + 2))?;
                self.out.option_imports.push(String::from_utf8_lossy(&path).into_owned());
                self.blank(self.span(i + 1));
            }
            _ => {}
        }
        Ok(())
    }

    /// `optional`/`required` at `i` is a label when a type and then a field name follow it.
    fn is_label(&self, i: usize) -> bool {
        let mut j = i + 1;
        if self.is_sym(j, '.') {
            j += 1;
        }
        if self.kind(j) != Some(Kind::Ident) {
            return false;
        }
        if self.is_ident(j, "map") && self.is_sym(j + 1, '<') {
            j += 2;
            while j < self.toks.len() && !self.is_sym(j, '>') {
                j += 1;
            }
            j += 1;
        } else {
            j += 1;
            while self.is_sym(j, '.') && self.kind(j + 1) == Some(Kind::Ident) {
                j += 2;
            }
        }
        self.kind(j) == Some(Kind::Ident) && self.is_sym(j + 1, '=')
    }

    /// `group` at `i` starts a group field: `group Name = N [opts] {`.
    fn is_group(&self, i: usize) -> bool {
        if self.kind(i + 1) != Some(Kind::Ident) || !self.is_sym(i + 2, '=') {
            return false;
        }
        let mut depth = 0usize;
        for t in self.toks.iter().skip(i + 3) {
            match t.kind {
                Kind::Sym('[') => depth += 1,
                Kind::Sym(']') => depth = depth.saturating_sub(1),
                Kind::Sym('{') if depth == 0 => return true,
                Kind::Sym(';' | '}') if depth == 0 => return false,
                _ => {}
            }
        }
        false
    }

    /// `reserved` names must be identifiers in editions; protox only reads string literals, so the
    /// identifiers get quotes.
    fn reserved(&mut self, i: usize) -> Result<(), EditionsError> {
        match self.kind(i + 1) {
            Some(Kind::Str) => Err(EditionsError::new(
                "cannot use string literals in reserved range in editions mode",
                self.span(i + 1),
            )),
            Some(Kind::Ident) => {
                let mut j = i + 1;
                while self.kind(j) == Some(Kind::Ident) {
                    let span = self.span(j);
                    self.out.edits.push(Edit::new(span.start..span.start, "\""));
                    self.out.edits.push(Edit::new(span.end..span.end, "\""));
                    if !self.is_sym(j + 1, ',') {
                        break;
                    }
                    j += 2;
                }
                if self.kind(j) == Some(Kind::Str) {
                    return Err(EditionsError::new(
                        "cannot use string literals in reserved range in editions mode",
                        self.span(j),
                    ));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// protox cannot parse a single-number extension range followed by options
    /// (`extensions 5 [...]`): it becomes `5 to 5`, the copy mapping back to the number, which is
    /// also where buf puts the range's end.
    fn extensions(&mut self, i: usize) {
        let mut j = i + 1;
        loop {
            if self.is_sym(j, '-') {
                j += 1;
            }
            if self.kind(j) != Some(Kind::Num) {
                return;
            }
            let single = !self.is_ident(j + 1, "to");
            if !single {
                j += 2;
                if self.is_sym(j, '-') {
                    j += 1;
                }
            }
            if self.is_sym(j + 1, ',') {
                j += 2;
                continue;
            }
            if single && self.is_sym(j + 1, '[') {
                let number = self.span(j);
                let copy = self.text(j).to_owned();
                let text = format!(" to {copy}");
                self.out.edits.push(Edit { range: number.end..number.end, text, mirror: Some((4, number)) });
            }
            return;
        }
    }

    /// Handles the option list opening at `open`; returns the index after its `]`.
    fn option_list(&mut self, open: usize) -> Result<usize, EditionsError> {
        let mut entries: Vec<Range<usize>> = Vec::new();
        let mut depth = 0usize;
        let mut start = open + 1;
        let mut close = None;
        for j in open + 1..self.toks.len() {
            match self.kind(j) {
                Some(Kind::Sym('[' | '{' | '(')) => depth += 1,
                Some(Kind::Sym(']')) if depth == 0 => {
                    entries.push(start..j);
                    close = Some(j);
                    break;
                }
                Some(Kind::Sym(']' | '}' | ')')) => depth = depth.saturating_sub(1),
                Some(Kind::Sym(',')) if depth == 0 => {
                    entries.push(start..j);
                    start = j + 1;
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            // Unbalanced: protox reports it.
            return Ok(self.toks.len());
        };
        let is_default = |s: &Self, e: &Range<usize>| s.is_ident(e.start, "default") && s.is_sym(e.start + 1, '=');
        let defaults: Vec<usize> = (0..entries.len()).filter(|&k| is_default(self, &entries[k])).collect();
        if defaults.len() > 1 {
            let second = entries[defaults[1]].start;
            return Err(EditionsError::new("`default` option is set more than once", self.span(second)));
        }
        let Some(&k) = defaults.first() else {
            return Ok(close + 1);
        };
        let entry = entries[k].clone();
        let last = entry.end.saturating_sub(1).max(entry.start + 1);
        let span = self.span(entry.start).start..self.span(last).end;
        let value_span = if entry.end > entry.start + 2 {
            self.span(entry.start + 2).start..self.span(last).end
        } else {
            span.end..span.end
        };
        let value = self.default_value(entry.start + 2..entry.end)?;
        self.out.defaults.push(DefaultOpt { span, value_span, value });
        let blank = if entries.len() == 1 {
            self.span(open).start..self.span(close).end
        } else if k + 1 < entries.len() {
            self.span(entry.start).start..self.span(entries[k + 1].start).start
        } else {
            self.span(entry.start - 1).start..self.span(last).end
        };
        self.blank(blank);
        Ok(close + 1)
    }

    fn default_value(&self, toks: Range<usize>) -> Result<DefaultValue, EditionsError> {
        let n = toks.len();
        let first = toks.start;
        if n == 0 {
            return Ok(DefaultValue::Other);
        }
        if toks.clone().all(|j| self.kind(j) == Some(Kind::Str)) {
            let mut bytes = Vec::new();
            for j in toks {
                bytes.extend(decode_string(self.text(j), self.span(j))?);
            }
            return Ok(DefaultValue::Str(bytes));
        }
        if self.is_sym(first, '{') {
            return Ok(DefaultValue::Aggregate);
        }
        let (neg, at) = if self.is_sym(first, '-') { (true, first + 1) } else { (false, first) };
        if at + 1 != toks.end {
            return Ok(DefaultValue::Other);
        }
        Ok(match self.kind(at) {
            Some(Kind::Num) => DefaultValue::Num { neg, text: self.text(at).to_owned() },
            Some(Kind::Ident) => DefaultValue::Ident { neg, name: self.text(at).to_owned() },
            _ => DefaultValue::Other,
        })
    }
}

fn group_error(span: Range<usize>) -> EditionsError {
    EditionsError::new("group syntax is not supported", span)
}
