//! buf's `checkCEL`, without compiling the expressions: rule ids made of allowed characters and
//! unique within their list, and expressions that are not blank.

use std::collections::BTreeMap;

use super::{decode::Msg, field::Adder};
use crate::lint::quote::go_quote;

/// One list of CEL rules: `cel` (`Rule` messages) or `cel_expression` (bare expressions).
pub struct Rules<'n> {
    /// `field "name"`, `message "Name"`, `extension field`.
    pub parent: &'n str,
    /// `(buf.validate.field).cel` and the like.
    pub name: &'n str,
    pub bare: bool,
}

/// The `(id, expression)` of every rule in repeated field `number` of `message`.
pub fn read(message: &Msg<'_>, number: u32, bare: bool) -> Vec<(String, String)> {
    if bare {
        return message.strings(number).into_iter().map(|e| (String::new(), e)).collect();
    }
    message.messages(number).iter().map(|r| (r.string(1).unwrap_or_default(), r.string(3).unwrap_or_default())).collect()
}

impl Rules<'_> {
    /// The findings on `rules`, as (index in the list, message).
    pub fn check(&self, rules: &[(String, String)]) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let capitalized = capitalize(self.parent);
        let expression = if self.bare { self.name.to_owned() } else { format!("{}.expression", self.name) };
        let mut ids: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (id, text)) in rules.iter().enumerate() {
            if !id.is_empty() {
                if !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
                    let text = format!(
                        "{capitalized} has invalid characters for {}.id. IDs must contain only characters a-z, A-Z, 0-9, '.', '_', '-'.",
                        self.name
                    );
                    out.push((i, text));
                }
                ids.entry(id).or_default().push(i);
            }
            if text.trim().is_empty() {
                out.push((i, format!("{capitalized} has an empty {expression}. Expressions should always be specified.")));
            }
        }
        for (id, indexes) in ids.into_iter().filter(|(_, indexes)| indexes.len() > 1) {
            for i in indexes {
                out.push((i, format!("{}.id ({}) is not unique within {}.", self.name, go_quote(id), self.parent)));
            }
        }
        out
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The `cel` and `cel_expression` rules of a field's rules.
pub fn check_field(a: &mut Adder<'_, '_>, rules: &Msg<'_>) {
    let parent = format!("field {}", a.field());
    for (number, bare) in [(23, false), (29, true)] {
        let name = a.rule(&[number]);
        let found = Rules { parent: &parent, name: &name, bare }.check(&read(rules, number, bare));
        for (i, text) in found {
            a.add(&[number, i as u32], text);
        }
    }
}
