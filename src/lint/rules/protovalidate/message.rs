//! `(buf.validate.message)` rules (buf's `CheckMessage`) and the `(buf.validate.predefined)`
//! rules of rule extensions (buf's `CheckPredefinedRuleExtension`).

use std::collections::{BTreeMap, HashSet};

use prost_types::DescriptorProto;

use super::{cel, decode::Msg, locate::Sink};
use crate::lint::quote::go_quote;

const CEL: u32 = 3;
const ONEOF: u32 = 4;
const CEL_EXPRESSION: u32 = 5;

pub fn check(sink: &mut Sink<'_, '_>, message: &DescriptorProto, rules: &Msg<'_>) {
    let name = go_quote(message.name());
    oneofs(sink, message, &name, rules);
    let parent = format!("message {name}");
    for (number, rule, bare) in
        [(CEL, "(buf.validate.message).cel", false), (CEL_EXPRESSION, "(buf.validate.message).cel_expression", true)]
    {
        let found = cel::Rules { parent: &parent, name: rule, bare }.check(&cel::read(rules, number, bare));
        for (i, text) in found {
            sink.add(&[number as i32, i as i32], text);
        }
    }
}

/// Every `oneof` entry names at least one field, each once, each defined, each in one entry.
fn oneofs(sink: &mut Sink<'_, '_>, message: &DescriptorProto, name: &str, rules: &Msg<'_>) {
    let mut entries_of: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for (i, entry) in rules.messages(ONEOF).iter().enumerate() {
        let i = i as i32;
        let fields = entry.strings(1);
        if fields.is_empty() {
            let text = format!(
                "Message {name} has a (buf.validate.message).oneof entry with no fields. Each oneof entry must specify at least one field."
            );
            sink.add(&[ONEOF as i32, i], text);
            continue;
        }
        let mut seen = HashSet::new();
        for (j, field) in fields.iter().enumerate() {
            let at = [ONEOF as i32, i, 1, j as i32];
            let quoted = go_quote(field);
            if !seen.insert(field) {
                let text = format!(
                    "Message {name} has a (buf.validate.message).oneof entry that references field {quoted} more than once. Duplicate field names are not permitted."
                );
                sink.add(&at, text);
            } else if !message.field.iter().any(|f| f.name() == field) {
                let text = format!(
                    "Message {name} has a (buf.validate.message).oneof entry that references field {quoted}, which is not defined in the message."
                );
                sink.add(&at, text);
            } else {
                entries_of.entry(field.clone()).or_default().push(i);
            }
        }
    }
    for (field, entries) in entries_of.into_iter().filter(|(_, entries)| entries.len() > 1) {
        let text = format!(
            "Message {name} references field {} in more than one (buf.validate.message).oneof entry. A field may only appear in one oneof entry.",
            go_quote(&field)
        );
        for i in entries {
            sink.add(&[ONEOF as i32, i], text.clone());
        }
    }
}

/// The rules messages buf gives CEL types to: only extensions of these are checked (buf fails
/// on a predefined rule extending any other `buf.validate.*Rules`).
const PREDEFINED_TARGETS: [&str; 21] = [
    "FloatRules",
    "DoubleRules",
    "Int32Rules",
    "Int64Rules",
    "UInt32Rules",
    "UInt64Rules",
    "SInt32Rules",
    "SInt64Rules",
    "Fixed32Rules",
    "Fixed64Rules",
    "SFixed32Rules",
    "SFixed64Rules",
    "BoolRules",
    "StringRules",
    "BytesRules",
    "EnumRules",
    "RepeatedRules",
    "MapRules",
    "AnyRules",
    "DurationRules",
    "TimestampRules",
];

/// Whether an extension of `extendee` is a predefined rule buf checks.
pub fn is_predefined_target(extendee: &str) -> bool {
    extendee
        .strip_prefix(".buf.validate.")
        .is_some_and(|name| PREDEFINED_TARGETS.contains(&name))
}

/// The `cel` rules of a rule extension's `(buf.validate.predefined)`.
pub fn check_predefined(sink: &mut Sink<'_, '_>, rules: &Msg<'_>) {
    let rule = cel::Rules { parent: "extension field", name: "(buf.validate.predefined).cel", bare: false };
    for (i, text) in rule.check(&cel::read(rules, 1, false)) {
        sink.add(&[1, i as i32], text);
    }
}
