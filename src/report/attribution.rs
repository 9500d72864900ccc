//! The `breaking --since REF --each-commit` report: each finding in buf's `text` or `json`
//! format, followed by the commit that introduced it.

use std::fmt::Write;

use super::{Format, text_line};
use crate::history::{Attribution, CommitInfo};

/// `text`: buf's line, then `  introduced by <sha12> <date> <author> <email>: <subject>`.
pub fn render_text(attributions: &[Attribution]) -> String {
    let mut out = String::new();
    for attribution in attributions {
        out.push_str(&text_line(&attribution.finding));
        out.push('\n');
        match &attribution.commit {
            Some(c) => {
                let short = c.sha.get(..12).unwrap_or(&c.sha);
                let _ = writeln!(out, "  introduced by {short} {} {} <{}>: {}", c.date, c.author, c.email, c.subject);
            }
            None => out.push_str("  introduced by no commit of the walk (a change outside the input's directory?)\n"),
        }
    }
    out
}

/// `json`: buf's JSON line for the finding with a `commit` object appended (`null` when no
/// commit is named): `{"path":...,"message":...,"commit":{"sha","author","email","date","subject"}}`.
pub fn render_json(attributions: &[Attribution]) -> String {
    let mut out = String::new();
    for attribution in attributions {
        let line = Format::Json.render(std::slice::from_ref(&attribution.finding));
        let object = line.trim_end().strip_suffix('}').unwrap_or(line.trim_end());
        let commit = serde_json::to_string(&attribution.commit).unwrap_or_else(|_| "null".to_owned());
        out.push_str(object);
        out.push_str(",\"commit\":");
        out.push_str(&commit);
        out.push_str("}\n");
    }
    out
}

/// The stderr summary line of a walk.
pub fn render_summary(since: &str, walked: usize, checked: &[CommitInfo], uncompiled: usize, found: usize) -> String {
    format!(
        "checked {} of {walked} first-parent commit(s) since {since} (the others left the input's directory unchanged){}; {found} breaking change(s) at HEAD\n",
        checked.len(),
        if uncompiled == 0 { String::new() } else { format!(", {uncompiled} did not compile") }
    )
}
