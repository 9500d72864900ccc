use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{FieldRef, field_pairs};
use crate::breaking::prelude::*;

/// `FieldOptions.jstype`.
const JSTYPE: i32 = 6;

declare_rule! {
    /// ## What it checks
    /// Every 64-bit integer field (paired by number; extensions by extendee and number) that is
    /// still a 64-bit integer keeps its `jstype` option (`JS_NORMAL` when unset).
    /// ## Why
    /// `jstype` decides whether JavaScript code sees the field as a number or a string:
    /// changing it breaks every JavaScript caller.
    /// ## Example
    /// Adding `[jstype = JS_STRING]` to `int64 total = 2;` in `Order` fires:
    /// `Field "2" with name "total" on message "Order" changed option "jstype" from
    /// "JS_NORMAL" to "JS_STRING".`
    /// Instead, add a new field with the wanted `jstype` and deprecate the old one.
    pub FieldSameJstype {
        id: "FIELD_SAME_JSTYPE",
        purpose: "Checks that fields have the same value for the jstype option.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

fn is_64_bit(field: &FieldRef<'_, '_>) -> bool {
    matches!(field.node().r#type(), Type::Int64 | Type::Sint64 | Type::Uint64 | Type::Fixed64 | Type::Sfixed64)
}

fn jstype(field: &FieldRef<'_, '_>) -> &'static str {
    field.node().options.as_ref().map_or(prost_types::field_options::JsType::JsNormal, prost_types::FieldOptions::jstype).as_str_name()
}

impl BreakingRule for FieldSameJstype {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            if !is_64_bit(&pair.previous) || !is_64_bit(&pair.current) {
                continue;
            }
            let (previous, current) = (jstype(&pair.previous), jstype(&pair.current));
            if previous != current {
                let message = format!(
                    "{} changed option \"jstype\" from {} to {}.",
                    pair.current.description(),
                    go_quote(previous),
                    go_quote(current)
                );
                let path = pair.current.first_located(&[pair.current.child(&[tag::FIELD_OPTIONS, JSTYPE])]);
                pair.report(found, path, message);
            }
        }
    }
}
