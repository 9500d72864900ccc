//! buf's `config ls-*-rules --format json`: one Go-encoded object a line, keys `id`,
//! `categories`, `default`, `purpose`, `plugin`, `deprecated`, `replacements` (`null` when the
//! rule has none).

use super::{Listed, listed};
use crate::{config::FileVersion, report::go_json::Object, rule::RuleMeta};

pub fn render(rules: &[&'static RuleMeta], version: FileVersion, include_deprecated: bool) -> String {
    let mut out = String::new();
    for rule in listed(rules, version, include_deprecated) {
        line(&mut out, &rule);
        out.push('\n');
    }
    out
}

/// One rule's line, without the newline.
pub(super) fn line(out: &mut String, rule: &Listed) {
    let replacements = rule.meta.replacements;
    Object::open(out)
        .string("id", rule.meta.id)
        .strings("categories", Some(&rule.categories))
        .bool("default", rule.default)
        .string("purpose", rule.meta.purpose)
        .string("plugin", "")
        .bool("deprecated", rule.meta.deprecated)
        .strings("replacements", (!replacements.is_empty()).then_some(replacements))
        .close();
}
