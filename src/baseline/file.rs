//! The baseline file: JSON Lines, one accepted finding key per line, sorted by file, rule and
//! subject, after a header line with the format version. One line per entry keeps diffs and
//! merges line-sized (two branches that baseline different files do not conflict), makes a
//! parse error a `file:line:col`, and needs no quoting rules beyond JSON's.

use serde::{Deserialize, Serialize};

use super::{Baseline, BaselineKey, Subject};
use crate::Error;

/// The format version this build reads and writes.
const VERSION: u32 = 1;
const KIND: &str = "lint";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    protogate_baseline: String,
    version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    element: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: u32,
}

fn one() -> u32 {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(count: &u32) -> bool {
    *count == 1
}

/// The file's text: deterministic for a given baseline.
pub fn render(baseline: &Baseline) -> String {
    let header = Header { protogate_baseline: KIND.to_owned(), version: VERSION };
    let mut text = to_line(&header);
    for (key, &count) in &baseline.entries {
        let (element, message) = match &key.subject {
            Subject::Element(name) => (Some(name.clone()), None),
            Subject::Message(message) => (None, Some(message.clone())),
        };
        text.push_str(&to_line(&Entry { file: key.file.clone(), rule: key.rule.clone(), element, message, count }));
    }
    text
}

fn to_line(value: &impl Serialize) -> String {
    let mut line = serde_json::to_string(value).unwrap_or_default();
    line.push('\n');
    line
}

/// Reads a baseline; `source` names the file in errors (`source:line:col: ...`).
pub fn parse(text: &str, source: &str) -> Result<Baseline, Error> {
    let fail = |line: usize, column: usize, message: &str| {
        Error::new(format!("{source}:{line}:{column}: {message}"))
            .with_help("regenerate the file with `protogate lint --write-baseline FILE`")
    };
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line)).filter(|(_, l)| !l.trim().is_empty());
    let Some((number, first)) = lines.next() else {
        return Err(fail(1, 1, "empty baseline: the first line must be the header"));
    };
    let header: Header = serde_json::from_str(first)
        .map_err(|e| fail(number, e.column(), &format!("invalid baseline header: {}", strip_position(&e))))?;
    if header.protogate_baseline != KIND || header.version != VERSION {
        return Err(fail(
            number,
            1,
            &format!(
                "unsupported baseline {:?} version {} (this protogate reads {KIND:?} version {VERSION})",
                header.protogate_baseline, header.version
            ),
        ));
    }
    let mut baseline = Baseline::default();
    for (number, line) in lines {
        let entry: Entry = serde_json::from_str(line)
            .map_err(|e| fail(number, e.column(), &format!("invalid baseline entry: {}", strip_position(&e))))?;
        let subject = match (entry.element, entry.message) {
            (Some(element), None) => Subject::Element(element),
            (None, Some(message)) => Subject::Message(message),
            _ => return Err(fail(number, 1, "an entry needs exactly one of \"element\" and \"message\"")),
        };
        if entry.count == 0 {
            return Err(fail(number, 1, "\"count\" must be at least 1"));
        }
        let key = BaselineKey { file: entry.file, rule: entry.rule, subject };
        if baseline.entries.insert(key, entry.count).is_some() {
            return Err(fail(number, 1, "duplicate entry (an earlier line has the same file, rule and subject)"));
        }
    }
    Ok(baseline)
}

/// `serde_json` appends " at line L column C"; the position is already in front.
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(index) => text[..index].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_then_parse_round_trips_sorted() {
        let mut baseline = Baseline::default();
        let key = |file: &str, subject| BaselineKey { file: file.to_owned(), rule: "R".to_owned(), subject };
        baseline.entries.insert(key("b.proto", Subject::Message("Import \"x\" is unused.".to_owned())), 1);
        baseline.entries.insert(key("a.proto", Subject::Element("p.A".to_owned())), 2);
        let text = render(&baseline);
        assert_eq!(
            text,
            "{\"protogate_baseline\":\"lint\",\"version\":1}\n\
             {\"file\":\"a.proto\",\"rule\":\"R\",\"element\":\"p.A\",\"count\":2}\n\
             {\"file\":\"b.proto\",\"rule\":\"R\",\"message\":\"Import \\\"x\\\" is unused.\"}\n"
        );
        assert_eq!(parse(&text, "b.jsonl").unwrap(), baseline);
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "{\"protogate_baseline\":\"lint\",\"version\":1}\n{\"file\":\"a.proto\",\"rule\":3}\n";
        let error = parse(text, "base.jsonl").unwrap_err().to_string();
        assert!(error.starts_with("base.jsonl:2:26: invalid baseline entry: invalid type"), "{error}");
        let error = parse("{\"protogate_baseline\":\"lint\",\"version\":7}\n", "b").unwrap_err().to_string();
        assert!(error.contains("b:1:1: unsupported baseline"), "{error}");
        assert!(parse("", "b").unwrap_err().to_string().starts_with("b:1:1: empty baseline"));
    }
}
