//! `use` / `except` → the rules that run, with buf's semantics (reference §3.4) and errors that
//! point at the word in buf.yaml and suggest the closest valid id.

use std::collections::BTreeSet;

use super::{DEPRECATED_CATEGORIES, RuleMeta};
use crate::{
    Error,
    config::{CheckConfig, FileVersion, RuleWord, closest},
};

/// The outcome of selection: the ids that run, and warnings for stderr.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub ids: BTreeSet<&'static str>,
    pub warnings: Vec<String>,
}

/// The rules known in `version` (deprecated ones included).
fn known<'a>(catalogue: &'a [&'static RuleMeta], version: FileVersion) -> impl Iterator<Item = &'static RuleMeta> + 'a {
    catalogue.iter().copied().filter(move |meta| meta.membership(version).is_some())
}

/// Expands one id (rule, category or deprecated alias) into rule ids of `version`, replacing
/// deprecated rules by their replacements. `None` when the id is unknown.
pub fn expand(catalogue: &[&'static RuleMeta], version: FileVersion, id: &str) -> Option<Vec<&'static str>> {
    if let Some(rule) = known(catalogue, version).find(|m| m.id == id) {
        return Some(if rule.deprecated { rule.replacements.to_vec() } else { vec![rule.id] });
    }
    let members: Vec<&'static str> = known(catalogue, version)
        .filter(|m| !m.deprecated && m.membership(version).is_some_and(|s| s.categories.contains(&id)))
        .map(|m| m.id)
        .collect();
    (!members.is_empty()).then_some(members)
}

/// `expand` as the ignore filters need it: rule ids, empty for an unknown id.
pub fn expand_owned(catalogue: &[&'static RuleMeta], version: FileVersion, id: &str) -> Vec<String> {
    expand(catalogue, version, id).unwrap_or_default().into_iter().map(str::to_owned).collect()
}

/// All ids and categories valid in `version`, for suggestions.
fn vocabulary(catalogue: &[&'static RuleMeta], version: FileVersion) -> BTreeSet<&'static str> {
    let mut words = BTreeSet::new();
    for meta in known(catalogue, version) {
        words.insert(meta.id);
        words.extend(meta.membership(version).map(|m| m.categories).unwrap_or_default());
    }
    words
}

fn unknown(catalogue: &[&'static RuleMeta], version: FileVersion, word: &RuleWord) -> Error {
    let message = format!("{:?} is not a known rule or category ID", word.id);
    let message = match &word.origin {
        Some(origin) => format!("{origin}: {message}"),
        None => message,
    };
    let elsewhere: Vec<&str> = [FileVersion::V1Beta1, FileVersion::V1, FileVersion::V2]
        .into_iter()
        .filter(|v| *v != version && catalogue.iter().any(|m| m.id == word.id && m.membership(*v).is_some()))
        .map(FileVersion::as_str)
        .collect();
    if !elsewhere.is_empty() {
        return Error::new(message).with_help(format!(
            "{} exists in {} configs, not in {}; change the file's version or drop the rule",
            word.id,
            elsewhere.join(" and "),
            version.as_str()
        ));
    }
    let words = vocabulary(catalogue, version);
    match closest(&word.id, words.iter().copied()) {
        Some(suggestion) => Error::new(message).with_help(format!("did you mean {suggestion:?}?")),
        None => Error::new(message)
            .with_help(format!("`protogate rules` lists the ids valid in {} configs", version.as_str())),
    }
}

fn deprecation_warning(catalogue: &[&'static RuleMeta], id: &str) -> Option<String> {
    if let Some((_, replacement)) = DEPRECATED_CATEGORIES.iter().find(|(old, _)| *old == id) {
        return Some(format!("Category {id} is deprecated. Use {replacement} instead."));
    }
    let rule = catalogue.iter().find(|m| m.id == id && m.deprecated)?;
    Some(if rule.replacements.is_empty() {
        format!("Rule {id} is deprecated and has no replacement; it does nothing.")
    } else {
        format!("Rule {id} is deprecated. Use {} instead.", rule.replacements.join(", "))
    })
}

/// Selects the rules a check config runs.
pub fn select_rules(catalogue: &[&'static RuleMeta], config: &CheckConfig) -> Result<Selection, Error> {
    let version = config.version;
    let mut selection = Selection::default();
    let expand_all = |words: &[RuleWord], selection: &mut Selection| -> Result<BTreeSet<&'static str>, Error> {
        let mut ids = BTreeSet::new();
        for word in words {
            let expanded = expand(catalogue, version, &word.id).ok_or_else(|| unknown(catalogue, version, word))?;
            selection.warnings.extend(deprecation_warning(catalogue, &word.id));
            ids.extend(expanded);
        }
        Ok(ids)
    };
    let used = if config.use_ids.is_empty() {
        known(catalogue, version)
            .filter(|m| !m.deprecated && m.membership(version).is_some_and(|s| s.default))
            .map(|m| m.id)
            .collect()
    } else {
        expand_all(&config.use_ids, &mut selection)?
    };
    let excepted = expand_all(&config.except, &mut selection)?;
    for (word, _) in &config.ignore_only {
        expand(catalogue, version, &word.id).ok_or_else(|| unknown(catalogue, version, word))?;
    }
    selection.ids = used.difference(&excepted).copied().collect();
    if config.disable_builtin {
        selection.ids.clear();
    }
    Ok(selection)
}
