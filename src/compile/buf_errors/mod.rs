//! Translation of protox compile errors into the words and locations buf 1.75 prints.
//!
//! buf 1.75 compiles with protocompile's *experimental* compiler, whose diagnostics read like
//! rustc's ("cannot find `Bar` in this scope", "unexpected `}` after definition"). protox says
//! the same things differently, sometimes at a different place, and stops earlier. This module
//! maps one `protox::Error` to the list of `path:line:col:message` lines buf would print for the
//! same input, as far as the error carries enough to tell. Every case it handles is exercised by
//! `fixtures/bad/<case>` (with buf's recorded output beside it).
//!
//! How to call it so the output matches buf (what the fixture check in the scratch crate does):
//! 1. Parse every file on its own first (`protox_parse::parse`, error converted with
//!    `protox::Error::from`) and translate each failure: buf reports the parse errors of every
//!    file, protox's `Compiler` stops at the first. If any file failed to parse, stop there.
//! 2. Otherwise compile all files; if that fails, translate the error, then compile each file in
//!    a fresh `Compiler` to collect the other files' errors too (drop repeated "import cycle"
//!    errors: buf reports a cycle once). Merge, sort by (file, line, column, message), dedup.
//! 3. Feed protox BOM-stripped text (a custom `FileResolver`): protox rejects a UTF-8 BOM, buf
//!    ignores it. `source` must return the original text (BOM included: buf counts its 3 bytes in
//!    line-1 columns), `String::from_utf8_lossy` of it for non-UTF-8 files (so the first invalid
//!    byte can be placed), and must resolve every importable file (it is asked whether the other
//!    imports of a file exist, since buf reports every missing import; well-known
//!    `google/protobuf/*` imports are never asked about).
//!
//! Known gaps (where buf's message depends on things protox doesn't surface):
//! * buf's parser recovers differently from protox's. Cascades after stray words at file scope
//!   are reproduced (`foo bar baz;`, `#` lines, nested block comments); others are not, and only
//!   the first error of such a cascade comes out.
//! * Import cycles: buf reports one (sometimes two) edges of the cycle, racily. We report the
//!   edge that closes the cycle protox found, the one buf picks most often.
//! * Mostly-binary (≥ 20 % invalid bytes) and UTF-16 files are silently accepted by buf as empty
//!   files: we return no message for them (the lead must then treat the file as empty).
//! * Unterminated strings: buf's lexer runs the string to the next quote or end of file; its
//!   lexer errors are reproduced, the parser error after it only for the observed statement kinds
//!   (and buf itself panics, exit 1, when the string is an option value).
//! * Not reported by protox at all, so never seen here: reserved field/value *names* in use,
//!   extension ranges in proto3, enum value names that collide only after removing the enum-name
//!   prefix and `PascalCasing` (buf: "enum values have the same name with the `E` prefix removed").
//!   Reported by protox but accepted by buf: an integer for an enum-typed option (`jstype = 3`).
//! * prost-reflect labels some errors without a usable span (map entry fields, reserved enum
//!   numbers); the position is then recovered by scanning the source, which can pick the wrong
//!   occurrence in contrived files.
//! * Errors that are not about the schema (file not found, I/O, shadowing) keep protox's wording
//!   with line and column 0.

mod check;
mod parse;
mod scan;

use std::sync::Arc;

use miette::{Diagnostic, SourceSpan};
use scan::Scan;

/// One compile error as buf prints it; `file` is the path of the file inside its module (import path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileMessage {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Translates a protox error into buf's messages, sorted as buf sorts them (path, line, column, text).
///
/// `source` returns the text of a file by import path (needed to turn byte offsets into line/column).
pub fn translate(error: &protox::Error, source: &dyn Fn(&str) -> Option<Arc<str>>) -> Vec<CompileMessage> {
    let file = error.file().unwrap_or_default().to_owned();
    let text = source(&file).unwrap_or_else(|| Arc::from(""));
    let has_bom = text.starts_with('\u{feff}');
    let protox_bom = error
        .source_code()
        .and_then(|s| {
            s.read_span(&SourceSpan::from(0..3), 0, 0).ok().map(|c| c.data().starts_with("\u{feff}".as_bytes()))
        })
        .unwrap_or(false);
    let cx =
        Cx { file, text: &text, scan: Scan::new(&text), shift: if has_bom && !protox_bom { 3 } else { 0 }, source };
    let mut out = Vec::new();
    cx.dispatch(error, &mut out);
    out.sort_by(|a, b| (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message)));
    out.dedup();
    out
}

struct Cx<'a> {
    file: String,
    text: &'a str,
    scan: Scan<'a>,
    /// Bytes to add to protox offsets (a BOM the caller stripped before compiling).
    shift: usize,
    source: &'a dyn Fn(&str) -> Option<Arc<str>>,
}

/// One protox diagnostic flattened: its text and labels (label text, offset, length).
struct Diag {
    msg: String,
    labels: Vec<(String, usize, usize)>,
}

impl Diag {
    fn of(d: &dyn Diagnostic) -> Diag {
        let labels = d
            .labels()
            .map(|ls| ls.map(|l| (l.label().unwrap_or_default().to_owned(), l.offset(), l.len())).collect())
            .unwrap_or_default();
        Diag { msg: d.to_string(), labels }
    }
    fn label(&self, name: &str) -> Option<(usize, usize)> {
        self.labels.iter().find(|l| l.0 == name).map(|l| (l.1, l.2))
    }
    fn first(&self) -> Option<(usize, usize)> {
        self.labels.first().map(|l| (l.1, l.2))
    }
}

/// `'x'` → `x`: the text between the first pair of single quotes after `prefix`.
fn quoted<'m>(msg: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = msg.strip_prefix(prefix)?;
    let end = rest.find('\'')?;
    rest.get(..end)
}

fn after<'m>(msg: &'m str, marker: &str) -> Option<&'m str> {
    msg.find(marker).and_then(|i| msg.get(i + marker.len()..))
}

/// A message at byte offset `off` of `text`: 1-based line, 1-based byte column (as buf counts).
fn msg_at(file: &str, text: &str, off: usize, message: impl Into<String>) -> CompileMessage {
    let before = &text.as_bytes()[..off.min(text.len())];
    let line = before.split(|&b| b == b'\n').count();
    let col = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    CompileMessage { file: file.to_owned(), line: line as u32, column: col as u32, message: message.into() }
}

impl Cx<'_> {
    fn push(&self, out: &mut Vec<CompileMessage>, off: usize, message: impl Into<String>) {
        out.push(msg_at(&self.file, self.text, off, message));
    }

    fn push_nowhere(&self, out: &mut Vec<CompileMessage>, message: String) {
        out.push(CompileMessage { file: self.file.clone(), line: 0, column: 0, message });
    }

    /// A protox parse offset (exact bytes) in our text.
    fn at(&self, off: usize) -> usize {
        off + self.shift
    }

    /// A prost-reflect label offset in our text. prost-reflect resolves the (line, byte column)
    /// of its source info with miette's `SourceOffset::from_location`, which counts columns in
    /// chars; undo that by reading the char count back as a byte column.
    fn at_check(&self, off: usize) -> usize {
        let src = self.text.get(self.shift..).unwrap_or("");
        let off = off.min(src.len());
        let ls = src.as_bytes()[..off].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let line_end = src.get(ls..).and_then(|l| l.find('\n')).map_or(src.len(), |e| ls + e);
        let chars = src.get(ls..off).map_or(off - ls, |s| s.chars().count());
        (ls + chars).min(line_end) + self.shift
    }

    /// The exact position of a check error's primary label, read from protox's `Debug` output
    /// (`file:line:col: message`, with prost-reflect's byte columns), as an offset in our text.
    fn check_primary(&self, error: &protox::Error) -> Option<usize> {
        let dbg = format!("{error:?}");
        let rest = dbg.strip_prefix(&self.file)?.strip_prefix(':')?;
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts.next()?.parse().ok()?;
        let col: usize = parts.next()?.parse().ok()?;
        let mut ls = 0;
        for _ in 1..line {
            ls += self.text.get(ls..)?.find('\n')? + 1;
        }
        Some(ls + col.checked_sub(1)? + if line == 1 { self.shift } else { 0 })
    }

    fn dispatch(&self, error: &protox::Error, out: &mut Vec<CompileMessage>) {
        let main = Diag::of(error);
        let msg = main.msg.as_str();
        if let Some(cycle) = msg.strip_prefix("import cycle detected: ") {
            return self.cycle(cycle, out);
        }
        if msg.starts_with("file '") && msg.ends_with("' is not valid utf-8") {
            return self.bad_utf8(out);
        }
        if let Some(name) = quoted(msg, "import '") {
            let off = main.first().map_or(0, |l| self.at(l.0));
            if msg.ends_with("' was listed twice") {
                return self.push(out, off, "file imported multiple times");
            }
            // Every other import of the file that cannot be opened is reported too, as buf does.
            // Well-known imports are left out: the caller's `source` may not serve them.
            for (o, imp) in self.scan.imports() {
                if o == off || (imp != name && !imp.starts_with("google/protobuf/") && (self.source)(&imp).is_none()) {
                    self.push(out, o, "imported file does not exist");
                }
            }
            if out.is_empty() {
                self.push(out, off, "imported file does not exist");
            }
            return;
        }
        let related: Vec<Diag> = error.related().map(|r| r.map(Diag::of).collect()).unwrap_or_default();
        if error.is_parse() {
            if msg == "unterminated string" {
                return self.unterminated_string(&main, out);
            }
            if main.msg.starts_with("expected string terminator") {
                return self.parse_eof(&main.msg, out);
            }
            // protox sometimes reports the same token twice (e.g. `1foo`); buf reports it once.
            let mut seen = Vec::new();
            for d in std::iter::once(&main).chain(&related) {
                let off = d.first().map(|l| l.0);
                if off.is_none() || !seen.contains(&off) {
                    seen.push(off);
                    self.parse_error(d, out);
                }
            }
        } else if !main.labels.is_empty() || error.file().is_some() && msg.contains('\'') {
            let primary = self.check_primary(error).or_else(|| main.first().map(|l| self.at_check(l.0)));
            // buf reports a duplicated definition once, not again for each member inside it.
            let dups: Vec<String> = std::iter::once(&main)
                .chain(&related)
                .filter_map(|d| quoted(&d.msg, "name '"))
                .map(str::to_owned)
                .collect();
            self.check_error(&main, primary, &dups, out);
            for d in &related {
                let p =
                    d.label("defined again here").or(d.label("found here")).or(d.first()).map(|l| self.at_check(l.0));
                self.check_error(d, p, &dups, out);
            }
        } else {
            self.push_nowhere(out, main.msg);
        }
    }

    fn cycle(&self, cycle: &str, out: &mut Vec<CompileMessage>) {
        let files: Vec<&str> = cycle.split(" -> ").collect();
        let (Some(target), Some(importer)) = (files.last(), files.len().checked_sub(2).and_then(|i| files.get(i)))
        else {
            return self.push_nowhere(out, format!("import cycle detected: {cycle}"));
        };
        let msg = format!("detected cyclic import while importing \"{target}\"");
        let text = (self.source)(importer).unwrap_or_else(|| Arc::from(""));
        let off = Scan::new(&text).imports().into_iter().find(|(_, n)| n == target).map_or(0, |i| i.0);
        out.push(msg_at(importer, &text, off, msg));
    }

    fn bad_utf8(&self, out: &mut Vec<CompileMessage>) {
        let bad = self.text.chars().filter(|&c| c == '\u{fffd}').count();
        let b = self.text.as_bytes();
        let utf16 =
            b.starts_with(&[0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]) || b.first() == Some(&0) || b.get(1) == Some(&0);
        // buf only reports files with under 20 % invalid bytes; the rest (binary, UTF-16) it
        // silently treats as empty files. Lossy text hides the byte count: estimate one per U+FFFD.
        let len = self.text.len().saturating_sub(bad * 2).max(1);
        match self.text.find('\u{fffd}') {
            Some(off) if !utf16 && bad * 5 < len => {
                self.push(out, off, "input appears to be encoded with UTF-8, but found invalid byte");
            }
            _ => {}
        }
    }
}
