use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{TypeCheck, check_type};
use crate::breaking::prelude::*;

const SEE: &str = " See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules.";

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number; extensions by extendee and number) keeps a wire-compatible
    /// type. The groups are {int32, int64, uint32, uint64, bool}, {sint32, sint64},
    /// {fixed32, sfixed32}, {fixed64, sfixed64}, and every other kind alone; string may become
    /// bytes (not the reverse). A message or group type may not change; an enum type may,
    /// when the new enum has the same simple name and keeps every old value name and number.
    /// ## Why
    /// Old and new binaries must decode each other's bytes; types in one group share an
    /// encoding, others are misread or dropped.
    /// ## Example
    /// Changing `int32 qty = 2;` to `sint32 qty = 2;` in `Line` fires:
    /// `Field "2" with name "qty" on message "Line" changed type from "int32" to "sint32". See
    /// https://developers.google.com/protocol-buffers/docs/proto3#updating for wire
    /// compatibility rules.`
    /// Instead, keep a type of the same group (`int64` would be fine), or add a new field.
    pub FieldWireCompatibleType {
        id: "FIELD_WIRE_COMPATIBLE_TYPE",
        purpose: "Checks that fields have wire-compatible types in a given message.",
        v1: [WIRE] default false,
        v2: [WIRE] default false,
    }
}

fn group(kind: Type) -> u8 {
    match kind {
        Type::Int32 | Type::Int64 | Type::Uint32 | Type::Uint64 | Type::Bool => 1,
        Type::Sint32 | Type::Sint64 => 2,
        Type::Fixed32 | Type::Sfixed32 => 3,
        Type::Fixed64 | Type::Sfixed64 => 4,
        other => 10 + other as u8,
    }
}

fn note(previous: Type, current: Type) -> Option<String> {
    match (previous, current) {
        (Type::String, Type::Bytes) => None,
        (Type::Bytes, Type::String) => Some(format!(
            "{SEE} Note that while string and bytes are compatible if the data is valid UTF-8, there is no way to \
             enforce that a bytes field is UTF-8, so these fields may be incompatible."
        )),
        _ => Some(SEE.to_owned()),
    }
}

impl BreakingRule for FieldWireCompatibleType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        check_type(cx, found, &TypeCheck { group, note: &note, enums_by_values: true });
    }
}
