//! Which change each breaking finding is about. Findings carry a location and a message, not an
//! element, so a finding goes to the change whose anchor (where a rule about it points) contains
//! the finding's span and whose names the message quotes, else whose anchor is exactly the
//! finding's span; the tightest anchor wins. Findings no change explains are kept apart.

use std::cmp::Reverse;

use super::{BreakingHit, Change, Changelog, ElementKind, UnmatchedHit};
use crate::diagnostic::{Diagnostic, Span};

/// Attaches every finding to one change, or to `unmatched_breaking`.
pub fn attach_breaking(changelog: &mut Changelog, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let best = changelog
            .changes
            .iter()
            .enumerate()
            .filter_map(|(index, change)| score(change, diagnostic).map(|score| (score, Reverse(index))))
            .max()
            .map(|(_, Reverse(index))| index);
        match best {
            Some(index) => changelog.changes[index]
                .breaking
                .push(BreakingHit { rule: diagnostic.rule.to_string(), message: diagnostic.message.clone() }),
            None => changelog.unmatched_breaking.push(UnmatchedHit {
                rule: diagnostic.rule.to_string(),
                message: diagnostic.message.clone(),
                path: diagnostic.file.as_ref().map_or_else(String::new, |f| f.module_path.clone()),
                line: diagnostic.span.start_line,
            }),
        }
    }
}

/// (how many of the change's names and numbers the message quotes, whether the anchor is exactly
/// the finding's span, tightness, the more specific element: a field over its message)
fn score(change: &Change, diagnostic: &Diagnostic) -> Option<(usize, bool, Reverse<u64>, ElementKind)> {
    let quoted = change.tokens.iter().filter(|token| diagnostic.message.contains(&format!("\"{token}\""))).count();
    let mentioned = quoted > 0;
    match (&diagnostic.file, &change.anchor) {
        (Some(file), Some((anchor_file, span)))
            if file.external_path == anchor_file.external_path && contains(*span, diagnostic.span) =>
        {
            let exact = *span == diagnostic.span;
            (mentioned || exact).then_some((quoted, exact, Reverse(area(*span)), change.element))
        }
        // A path-less finding (a deleted file or package) can only be matched by name.
        (None, _) => mentioned.then_some((quoted, false, Reverse(0), change.element)),
        _ => None,
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    (outer.start_line, outer.start_column) <= (inner.start_line, inner.start_column)
        && (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
}

fn area(span: Span) -> u64 {
    u64::from(span.end_line - span.start_line) * 100_000 + u64::from(span.end_column.abs_diff(span.start_column))
}
