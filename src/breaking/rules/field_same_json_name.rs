use super::field_pairs::{FieldRef, field_pairs};
use crate::breaking::prelude::*;

/// `FieldDescriptorProto.json_name`.
const JSON_NAME: i32 = 10;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number) keeps its JSON name: the `json_name` option, else the
    /// compiler's lowerCamelCase of the field name. Extensions are not checked.
    /// ## Why
    /// JSON documents key fields by their JSON name: a new one makes old documents lose the
    /// field silently.
    /// ## Example
    /// Renaming `string order_id = 1;` to `string orderid = 1;` changes the JSON name and fires:
    /// `Field "1" with name "orderid" on message "Order" changed option "json_name" from
    /// "orderId" to "orderid".`
    /// Instead, keep the JSON name with `[json_name = "orderId"]` when renaming.
    pub FieldSameJsonName {
        id: "FIELD_SAME_JSON_NAME",
        purpose: "Checks that fields have the same value for the json_name option.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON] default true,
        v1: [FILE, PACKAGE, WIRE_JSON] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON] default true,
    }
}

/// The explicit JSON name, else protoc's default (underscores dropped, the next letter upper-cased).
fn json_name(field: &FieldRef<'_, '_>) -> String {
    if let Some(name) = &field.node().json_name {
        return name.clone();
    }
    let mut out = String::new();
    let mut upper = false;
    for c in field.node().name().chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

impl BreakingRule for FieldSameJsonName {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            if pair.previous.field.is_extension {
                continue;
            }
            let (previous, current) = (json_name(&pair.previous), json_name(&pair.current));
            if previous != current {
                let message = format!(
                    "{} changed option \"json_name\" from {} to {}.",
                    pair.current.description(),
                    go_quote(&previous),
                    go_quote(&current)
                );
                pair.report(found, pair.current.first_located(&[pair.current.child(&[JSON_NAME])]), message);
            }
        }
    }
}
