use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{TypeCheck, check_type};
use crate::breaking::prelude::*;

const SEE: &str = " See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules \
                   and https://developers.google.com/protocol-buffers/docs/proto3#json for JSON compatibility rules.";

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number; extensions by extendee and number) keeps a type that is
    /// both wire- and JSON-compatible. The groups are {int32, uint32}, {int64, uint64},
    /// {fixed32, sfixed32}, {fixed64, sfixed64}, and every other kind alone. A message or group
    /// type may not change; an enum type may, when the new enum has the same simple name and
    /// keeps every old value name and number.
    /// ## Why
    /// JSON writes 64-bit integers as strings and 32-bit ones as numbers, bools as `true`, bytes
    /// as base64: changes that the binary format tolerates still break JSON readers.
    /// ## Example
    /// Changing `int32 qty = 2;` to `int64 qty = 2;` in `Line` fires:
    /// `Field "2" with name "qty" on message "Line" changed type from "int32" to "int64". See
    /// https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility
    /// rules and https://developers.google.com/protocol-buffers/docs/proto3#json for JSON
    /// compatibility rules.`
    /// Instead, keep the type (or move between `int32` and `uint32` only), or add a new field.
    pub FieldWireJsonCompatibleType {
        id: "FIELD_WIRE_JSON_COMPATIBLE_TYPE",
        purpose: "Checks that fields have wire and JSON compatible types in a given message.",
        v1: [WIRE_JSON] default false,
        v2: [CSR, WIRE_JSON] default false,
    }
}

fn group(kind: Type) -> u8 {
    match kind {
        Type::Int32 | Type::Uint32 => 1,
        Type::Int64 | Type::Uint64 => 2,
        Type::Fixed32 | Type::Sfixed32 => 3,
        Type::Fixed64 | Type::Sfixed64 => 4,
        other => 10 + other as u8,
    }
}

impl BreakingRule for FieldWireJsonCompatibleType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        check_type(cx, found, &TypeCheck { group, note: &|_, _| Some(SEE.to_owned()), enums_by_values: true });
    }
}
