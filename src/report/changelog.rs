//! `protogate diff`: the changelog as Markdown (for a pull-request comment), JSON (documented in
//! docs/diff.md, stable) or plain text.

use std::fmt::Write;

use serde::Serialize;

use crate::changes::{Change, ChangeKind, Changelog, ElementKind, UnmatchedHit};

/// The JSON document's layout version; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    changes: &'a [Change],
    unmatched_breaking: &'a [UnmatchedHit],
}

#[derive(Serialize)]
struct Summary {
    added: usize,
    removed: usize,
    changed: usize,
    breaking: usize,
}

pub fn render_json(changelog: &Changelog) -> String {
    let document = Document {
        version: JSON_VERSION,
        summary: Summary {
            added: changelog.count(ChangeKind::Added),
            removed: changelog.count(ChangeKind::Removed),
            changed: changelog.count(ChangeKind::Changed),
            breaking: changelog.breaking_count(),
        },
        changes: &changelog.changes,
        unmatched_breaking: &changelog.unmatched_breaking,
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

pub fn render_markdown(changelog: &Changelog) -> String {
    let mut out = String::from("## API changes\n\n");
    if changelog.changes.is_empty() && changelog.unmatched_breaking.is_empty() {
        out.push_str("No changes to the API.\n");
        return out;
    }
    let _ = writeln!(out, "{}\n", summary(changelog, true));
    for (file, package, changes) in by_file(changelog) {
        let package = if package.is_empty() { String::new() } else { format!(" (package `{package}`)") };
        let _ = writeln!(out, "### `{file}`{package}\n");
        out.push_str("| Change | Element | Details | Breaking |\n|---|---|---|---|\n");
        for change in changes {
            let breaking: Vec<String> =
                change.breaking.iter().map(|hit| format!("⚠️ `{}` {}", hit.rule, cell(&hit.message))).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                change.kind.name(),
                cell(&element(change, true)),
                cell(&details(change, true)),
                breaking.join("<br>")
            );
        }
        out.push('\n');
    }
    if !changelog.unmatched_breaking.is_empty() {
        out.push_str("### Other breaking findings\n\n");
        for hit in &changelog.unmatched_breaking {
            let _ = writeln!(out, "- ⚠️ `{}` {}:{}: {}", hit.rule, hit.path, hit.line, hit.message);
        }
        out.push('\n');
    }
    out
}

pub fn render_text(changelog: &Changelog) -> String {
    let mut out = String::new();
    for (file, package, changes) in by_file(changelog) {
        let package = if package.is_empty() { String::new() } else { format!(" (package {package})") };
        let _ = writeln!(out, "{file}{package}");
        for change in changes {
            let sign = match change.kind {
                ChangeKind::Added => '+',
                ChangeKind::Removed => '-',
                ChangeKind::Changed => '~',
            };
            let details = details(change, false);
            let separator = if details.is_empty() { "" } else { ": " };
            let _ = writeln!(out, "  {sign} {}{separator}{details}", element(change, false));
            for hit in &change.breaking {
                let _ = writeln!(out, "      BREAKING {}: {}", hit.rule, hit.message);
            }
        }
    }
    for hit in &changelog.unmatched_breaking {
        let _ = writeln!(out, "BREAKING {} {}:{}: {}", hit.rule, hit.path, hit.line, hit.message);
    }
    let _ = writeln!(out, "{}", summary(changelog, false));
    out
}

fn summary(changelog: &Changelog, markdown: bool) -> String {
    let breaking = changelog.breaking_count();
    let counts = format!(
        "{} added, {} removed, {} changed",
        changelog.count(ChangeKind::Added),
        changelog.count(ChangeKind::Removed),
        changelog.count(ChangeKind::Changed)
    );
    match (breaking, markdown) {
        (0, _) => format!("{counts}; no breaking change"),
        (n, true) => format!("{counts}; **⚠️ {n} breaking change{}**", if n == 1 { "" } else { "s" }),
        (n, false) => format!("{counts}; {n} breaking change{}", if n == 1 { "" } else { "s" }),
    }
}

/// Changes grouped by file, in the changelog's order.
fn by_file(changelog: &Changelog) -> Vec<(&str, &str, Vec<&Change>)> {
    let mut groups: Vec<(&str, &str, Vec<&Change>)> = Vec::new();
    for change in &changelog.changes {
        match groups.last_mut() {
            Some((file, _, changes)) if *file == change.file => changes.push(change),
            _ => groups.push((&change.file, &change.package, vec![change])),
        }
    }
    groups
}

/// `field shop.v1.Product.price`, `reserved range 3 in shop.v1.Product`.
fn element(change: &Change, markdown: bool) -> String {
    let code = |text: &str| if markdown { format!("`{text}`") } else { text.to_owned() };
    let kind = change.element.name();
    match (&change.parent, change.element) {
        (Some(parent), ElementKind::ReservedRange | ElementKind::ReservedName) => {
            format!("{kind} {} in {}", code(&change.name), code(parent))
        }
        _ => format!("{kind} {}", code(&change.name)),
    }
}

/// What changed: each property's old and new value, or the declaration added or removed.
fn details(change: &Change, markdown: bool) -> String {
    let code = |text: &str| match (text.is_empty(), markdown) {
        (true, _) => "(unset)".to_owned(),
        (false, true) => format!("`{text}`"),
        (false, false) => text.to_owned(),
    };
    if change.details.is_empty() || change.element == ElementKind::FileOption && change.kind != ChangeKind::Changed {
        return change.declaration.as_deref().map(code).unwrap_or_default();
    }
    let separator = if markdown { "<br>" } else { "; " };
    let arrow = if markdown { "→" } else { "->" };
    change
        .details
        .iter()
        .map(|d| format!("{}: {} {arrow} {}", d.property, code(&d.from), code(&d.to)))
        .collect::<Vec<_>>()
        .join(separator)
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
