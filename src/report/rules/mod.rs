//! Rule listings and documentation, generated from the rules' own metadata (`declare_rule!`):
//! buf's `config ls-lint-rules` / `ls-breaking-rules` table and JSON, byte for byte, the
//! per-rule docs `protogate rules ID` prints, and the Markdown catalogue in `docs/rules/`.
//!
//! Everything takes the catalogue as a parameter, so lint and breaking (and any future rule
//! family) list the same way.

mod json;
mod markdown;
mod table;

use std::cmp::Ordering;
use std::fmt::Write;

pub use json::render as json;
pub use markdown::{Page, index as markdown_index, page as markdown_page, pages as markdown_pages};
pub use table::render as table;

use crate::{
    config::FileVersion,
    rule::{DEPRECATED_CATEGORIES, RuleMeta},
};

/// One family of rules: what `protogate rules KIND` lists.
#[derive(Debug, Clone, Copy)]
pub struct Catalogue<'a> {
    /// `lint` or `breaking`: the command that runs them, and the docs folder of their pages.
    pub kind: &'static str,
    pub rules: &'a [&'static RuleMeta],
}

/// A rule as one config version sees it, with the categories a listing shows.
#[derive(Debug, Clone)]
pub struct Listed {
    pub meta: &'static RuleMeta,
    pub categories: Vec<&'static str>,
    pub default: bool,
    /// Every category, deprecated aliases included, in buf's print order (what it sorts by).
    sort_categories: Vec<&'static str>,
}

/// The rules `version` knows, in buf's print order: default rules first, then by their
/// top-level category (MINIMAL, BASIC, STANDARD, ... before the others), their categories,
/// and id. Deprecated rules and deprecated category aliases are left out unless asked for.
pub fn listed(rules: &[&'static RuleMeta], version: FileVersion, include_deprecated: bool) -> Vec<Listed> {
    let mut listed: Vec<Listed> = rules
        .iter()
        .filter(|meta| include_deprecated || !meta.deprecated)
        .filter_map(|meta| {
            let membership = meta.membership(version)?;
            let mut sort_categories = membership.categories.to_vec();
            sort_categories.sort_by(|a, b| category_order(a, b));
            let categories =
                membership.categories.iter().copied().filter(|c| include_deprecated || !is_deprecated(c)).collect();
            Some(Listed { meta, categories, default: membership.default, sort_categories })
        })
        .collect();
    listed.sort_by(|a, b| a.meta.id.cmp(b.meta.id));
    listed.sort_by(print_order);
    listed
}

/// The categories a listing shows for `meta` in `version` (`None` if the version lacks it).
pub fn shown_categories(meta: &RuleMeta, version: FileVersion) -> Option<Vec<&'static str>> {
    meta.membership(version).map(|m| m.categories.iter().copied().filter(|c| !is_deprecated(c)).collect())
}

fn is_deprecated(category: &str) -> bool {
    DEPRECATED_CATEGORIES.iter().any(|(alias, _)| *alias == category)
}

/// buf's `cloneAndSortRulesForPrint` (after its sort by id).
fn print_order(a: &Listed, b: &Listed) -> Ordering {
    b.default
        .cmp(&a.default)
        .then_with(|| match (a.sort_categories.first(), b.sort_categories.first()) {
            (Some(x), Some(y)) => category_order(x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.sort_categories.join(", ").cmp(&b.sort_categories.join(", ")))
        .then_with(|| a.meta.id.cmp(b.meta.id))
}

/// buf's `printCategoryIDCompare`: top-level categories by priority, before all others, which
/// sort by name.
fn category_order(a: &str, b: &str) -> Ordering {
    match (top_level_priority(a), top_level_priority(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// buf's `topLevelCategoryIDToPriority` (lint and breaking categories share the map).
fn top_level_priority(category: &str) -> Option<u8> {
    Some(match category {
        "MINIMAL" | "FILE" => 1,
        "BASIC" | "PACKAGE" => 2,
        "STANDARD" | "WIRE_JSON" => 3,
        "DEFAULT" | "WIRE" => 4,
        "COMMENTS" => 5,
        "UNARY_RPC" => 6,
        "OTHER" => 7,
        _ => return None,
    })
}

/// The rule's doc comment as Markdown: one leading space per line removed (what `///` leaves),
/// headings set apart by blank lines, fence info strings reduced to the language
/// (`proto,fires` marks examples for the doc tests, not for readers).
pub fn doc_markdown(meta: &RuleMeta) -> String {
    let mut out = String::with_capacity(meta.docs.len() + 64);
    let mut in_fence = false;
    for line in meta.docs.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(info) = line.strip_prefix("```") {
            in_fence = !in_fence;
            out.push_str("```");
            out.push_str(info.split(',').next().unwrap_or_default());
        } else if line.starts_with('#') && !in_fence {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
        } else if line.is_empty() && out.ends_with("\n\n") {
            continue;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// `protogate rules KIND ID`: the rule's id, categories and purpose in `version`, then its docs.
pub fn docs(catalogue: Catalogue<'_>, meta: &RuleMeta, version: FileVersion) -> String {
    let version_name = version.as_str();
    let mut out = format!("{} ({} rule)\n", meta.id, catalogue.kind);
    match (meta.membership(version), shown_categories(meta, version)) {
        (Some(membership), Some(categories)) => {
            let categories = if categories.is_empty() { "none".to_owned() } else { categories.join(", ") };
            let default = if membership.default { "yes" } else { "no" };
            let _ = writeln!(out, "categories ({version_name}): {categories}\ndefault ({version_name}): {default}");
        }
        _ => {
            let _ = writeln!(out, "not a rule of config version {version_name}");
        }
    }
    if meta.deprecated {
        out.push_str(&deprecation(meta));
        out.push('\n');
    }
    let _ = write!(out, "purpose: {}\n\n", meta.purpose);
    out.push_str(&doc_markdown(meta));
    out
}

/// "deprecated: replaced by X, Y." (or without a replacement).
fn deprecation(meta: &RuleMeta) -> String {
    if meta.replacements.is_empty() {
        "deprecated: has no effect; remove it from your configuration.".to_owned()
    } else {
        format!("deprecated: replaced by {}.", meta.replacements.join(", "))
    }
}
