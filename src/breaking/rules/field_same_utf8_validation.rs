use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{FieldRef, field_pairs};
use crate::{breaking::prelude::*, schema::features::UTF8_NONE};

/// `FieldOptions.features` → `FeatureSet.utf8_validation`.
const UTF8_FEATURE: [i32; 3] = [tag::FIELD_OPTIONS, 21, 4];

declare_rule! {
    /// ## What it checks
    /// Every string field (paired by number; extensions by extendee and number; map keys and
    /// values included) keeps its resolved `utf8_validation` feature: `NONE` in proto2,
    /// `VERIFY` in proto3, editions from `features.utf8_validation` on the field, its messages
    /// or the file.
    /// ## Why
    /// Parsers that start verifying UTF-8 reject messages they used to accept; parsers that
    /// stop verifying let invalid strings reach code that assumes valid ones.
    /// ## Example
    /// Moving a file from `syntax = "proto2";` to `syntax = "proto3";` with a string field
    /// `note = 3` in `Order` fires:
    /// `Field "3" with name "note" on message "Order" changed UTF8 validation from NONE to
    /// VERIFY.`
    /// Instead, keep the validation: in editions, set `features.utf8_validation` to its old
    /// value on the field or the file.
    pub FieldSameUtf8Validation {
        id: "FIELD_SAME_UTF8_VALIDATION",
        purpose: "Checks that string fields have the same UTF8 validation mode.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

fn validation(field: &FieldRef<'_, '_>) -> &'static str {
    if field.features().utf8_validation == UTF8_NONE { "NONE" } else { "VERIFY" }
}

impl BreakingRule for FieldSameUtf8Validation {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            if pair.previous.kind() != Type::String || pair.current.kind() != Type::String {
                continue;
            }
            let (previous, current) = (validation(&pair.previous), validation(&pair.current));
            if previous != current {
                let message = format!(
                    "{} changed UTF8 validation from {previous} to {current}.",
                    pair.current.description()
                );
                let path = pair.current.first_located(&[pair.current.child(&UTF8_FEATURE)]);
                pair.report(found, path, message);
            }
        }
    }
}
