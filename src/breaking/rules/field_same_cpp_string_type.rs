use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{FieldRef, field_pairs};
use crate::breaking::prelude::*;

/// `FieldOptions.ctype`; `FieldOptions.features` → `(pb.cpp)` (1000) → `string_type` (2).
const CTYPE: i32 = 1;
const CPP_STRING_TYPE: [i32; 4] = [tag::FIELD_OPTIONS, 21, 1000, 2];
const EDITION_2024: i32 = 1001;

declare_rule! {
    /// ## What it checks
    /// Every string or bytes field (paired by number; extensions by extendee and number) keeps
    /// its C++ string type: the `ctype` option (`STRING`, `CORD`, `STRING_PIECE`) before
    /// edition 2024, else the `(pb.cpp).string_type` feature (`STRING` by default, `VIEW` from
    /// edition 2024). Moving from `STRING_PIECE` to `STRING` is allowed. Map keys and values
    /// are not checked.
    /// ## Why
    /// The C++ string type decides the accessors generated for the field: changing it breaks
    /// C++ code that uses them.
    /// ## Example
    /// Adding `[ctype = CORD]` to `bytes blob = 4;` in `Order` fires:
    /// `Field "4" with name "blob" on message "Order" changed C++ string type from "STRING" to
    /// "CORD".`
    /// Instead, keep the string type, or add a new field that uses the new one.
    pub FieldSameCppStringType {
        id: "FIELD_SAME_CPP_STRING_TYPE",
        purpose: "Checks that fields have the same C++ string type, based on ctype field option or (pb.cpp).string_type feature.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

/// The C++ string type and whether it was `STRING_PIECE` (which buf treats as `STRING`).
/// `(pb.cpp)` features cannot be read here (prost-types drops them), so only the default of the
/// edition stands in for them.
fn string_type(field: &FieldRef<'_, '_>) -> (&'static str, bool) {
    use prost_types::field_options::CType;
    let edition_2024 = field.file().edition == Some(EDITION_2024);
    match field.node().options.as_ref().filter(|_| !edition_2024).and_then(|o| o.ctype.map(|_| o.ctype())) {
        Some(CType::Cord) => ("CORD", false),
        Some(CType::StringPiece) => ("STRING", true),
        None if edition_2024 => ("VIEW", false),
        Some(CType::String) | None => ("STRING", false),
    }
}

fn printed((name, piece): (&'static str, bool)) -> &'static str {
    if piece { "STRING_PIECE" } else { name }
}

impl BreakingRule for FieldSameCppStringType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            let stringish = |f: &FieldRef<'_, '_>| matches!(f.kind(), Type::String | Type::Bytes);
            if pair.both_in_map_entries() || !stringish(&pair.previous) || !stringish(&pair.current) {
                continue;
            }
            let (previous, current) = (string_type(&pair.previous), string_type(&pair.current));
            if previous == current || (previous.1 && current == ("STRING", false)) {
                continue;
            }
            let message = format!(
                "{} changed C++ string type from {} to {}.",
                pair.current.description(),
                go_quote(printed(previous)),
                go_quote(printed(current))
            );
            let field = &pair.current;
            let path = field.first_located(&[field.child(&[tag::FIELD_OPTIONS, CTYPE]), field.child(&CPP_STRING_TYPE)]);
            pair.report(found, path, message);
        }
    }
}
