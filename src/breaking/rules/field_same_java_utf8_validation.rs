use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{FieldRef, field_pairs};
use crate::{breaking::prelude::*, schema::features::UTF8_NONE};

/// `FileOptions.java_string_check_utf8`; `FieldOptions.features` → `(pb.java)` (1001) →
/// `utf8_validation` (2).
const JAVA_STRING_CHECK_UTF8: [i32; 2] = [tag::FILE_OPTIONS, 27];
const JAVA_UTF8_FEATURE: [i32; 4] = [tag::FIELD_OPTIONS, 21, 1001, 2];

declare_rule! {
    /// ## What it checks
    /// Every string field (paired by number; extensions by extendee and number; map keys and
    /// values included) keeps its Java UTF-8 validation: `VERIFY` when the file sets
    /// `java_string_check_utf8 = true` (or, in editions, `(pb.java).utf8_validation = VERIFY`),
    /// else the resolved `utf8_validation` feature (`NONE` in proto2, `VERIFY` in proto3).
    /// ## Why
    /// Java code that validates UTF-8 throws on strings it used to accept, and code that stops
    /// validating lets invalid strings through.
    /// ## Example
    /// Adding `option java_string_check_utf8 = true;` to a proto2 file with `optional string
    /// note = 3;` in `Order` fires, at the option:
    /// `Field "3" with name "note" on message "Order" changed Java string UTF8 validation from
    /// "NONE" to "VERIFY".`
    /// Instead, keep the option as it was, or validate in application code.
    pub FieldSameJavaUtf8Validation {
        id: "FIELD_SAME_JAVA_UTF8_VALIDATION",
        purpose: "Checks that fields have the same Java string UTF8 validation, based on java_string_check_utf8 file option or (pb.java).utf8_validation feature.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

/// `(pb.java)` features cannot be read here (prost-types drops them): an editions file without
/// `java_string_check_utf8` gets the resolved `utf8_validation` feature, as if it set none.
fn validation(field: &FieldRef<'_, '_>) -> &'static str {
    let check = field.file().descriptor.options.as_ref().and_then(|o| o.java_string_check_utf8);
    if check == Some(true) || field.features().utf8_validation != UTF8_NONE { "VERIFY" } else { "NONE" }
}

impl BreakingRule for FieldSameJavaUtf8Validation {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            if pair.previous.kind() != Type::String || pair.current.kind() != Type::String {
                continue;
            }
            let (previous, current) = (validation(&pair.previous), validation(&pair.current));
            if previous != current {
                let message = format!(
                    "{} changed Java string UTF8 validation from {} to {}.",
                    pair.current.description(),
                    go_quote(previous),
                    go_quote(current)
                );
                let field = &pair.current;
                let path = field.first_located(&[JAVA_STRING_CHECK_UTF8.to_vec(), field.child(&JAVA_UTF8_FEATURE)]);
                pair.report(found, path, message);
            }
        }
    }
}
