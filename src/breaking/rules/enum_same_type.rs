use super::location::{ENUM_FEATURES, FEATURE_ENUM_TYPE, against, feature_or_element};
use crate::{
    breaking::prelude::*,
    schema::features::{ENUM_CLOSED, FeatureValues},
};

declare_rule! {
    /// ## What it checks
    /// Every enum that exists in both schemas (paired by full name) stays open or closed. Enums
    /// of proto2 files are closed, of proto3 files open; in editions files the resolved
    /// `features.enum_type` decides (default `OPEN`, set on the enum or the file).
    /// ## Why
    /// A closed enum field treats an unknown number as an unknown field (proto2 semantics); an open
    /// one keeps it. Readers built from the two schemas disagree on what a message contains, and
    /// generated code differs (Java, C++ and Go expose unknown values differently).
    /// ## Example
    /// Moving `enum Status { STATUS_UNSPECIFIED = 0; }` from a proto3 file to a proto2 file of
    /// the same name and package, or adding `option features.enum_type = CLOSED;` to it in an
    /// editions file, fires: `Enum "Status" changed from open to closed.` The finding is printed
    /// at the `features.enum_type` option of the enum when it sets one, else at the enum.
    /// Instead, keep the enum's type; when migrating a proto2 file to editions, keep its enums
    /// closed with `option features.enum_type = CLOSED;` (set on the file, or on each enum).
    pub EnumSameType {
        id: "ENUM_SAME_TYPE",
        purpose: "Checks that enums have the same type (open vs closed).",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

fn state(features: FeatureValues) -> &'static str {
    if features.enum_type == ENUM_CLOSED { "closed" } else { "open" }
}

impl BreakingRule for EnumSameType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let before = state(previous.file.features(&previous.path));
            let after = state(current.file.features(&current.path));
            if before == after {
                continue;
            }
            let message = format!("Enum {} changed from {before} to {after}.", go_quote(current.node.name()));
            let path =
                feature_or_element(current.file, &current.path, tag::ENUM_OPTIONS, ENUM_FEATURES, FEATURE_ENUM_TYPE);
            let previous_path =
                feature_or_element(previous.file, &previous.path, tag::ENUM_OPTIONS, ENUM_FEATURES, FEATURE_ENUM_TYPE);
            found.at(current.file, path, against(previous.file, &previous_path), message);
        }
    }
}
