use super::{
    json_format::lost_allow,
    location::{ENUM_FEATURES, FEATURE_JSON_FORMAT, against, feature_or_element},
};
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every enum that exists in both schemas (paired by full name) whose resolved
    /// `features.json_format` was `ALLOW` still is. proto3 and editions files default to `ALLOW`,
    /// proto2 files to `LEGACY_BEST_EFFORT`; an editions file can set it on the enum, an enclosing
    /// message or the file. Going from `LEGACY_BEST_EFFORT` to `ALLOW` is fine.
    /// ## Why
    /// Under `ALLOW` the enum is guaranteed to map cleanly to JSON (value names unique, even
    /// ignoring case and prefix); `LEGACY_BEST_EFFORT` drops that guarantee, so JSON that
    /// consumers parse today may stop round-tripping.
    /// ## Example
    /// Adding `option features.json_format = LEGACY_BEST_EFFORT;` to `enum Status` in an editions
    /// file fires, at that option:
    /// `Enum "Status" JSON format support changed from ALLOW to LEGACY_BEST_EFFORT.`
    /// Moving the enum from a proto3 file to a proto2 file fires the same, at the enum.
    /// Instead, keep `ALLOW`, and fix whatever JSON conflict made you reach for the legacy mode
    /// (for example rename the clashing values in a new enum).
    pub EnumSameJsonFormat {
        id: "ENUM_SAME_JSON_FORMAT",
        purpose: "Checks that enums have the same JSON format support.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON] default true,
        v1: [FILE, PACKAGE, WIRE_JSON] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON] default true,
    }
}

impl BreakingRule for EnumSameJsonFormat {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let before = previous.file.features(&previous.path).json_format;
            let after = current.file.features(&current.path).json_format;
            let Some(change) = lost_allow(before, after) else { continue };
            let message = format!("Enum {} JSON format support changed {change}.", go_quote(current.node.name()));
            let path =
                feature_or_element(current.file, &current.path, tag::ENUM_OPTIONS, ENUM_FEATURES, FEATURE_JSON_FORMAT);
            let previous_path = feature_or_element(
                previous.file,
                &previous.path,
                tag::ENUM_OPTIONS,
                ENUM_FEATURES,
                FEATURE_JSON_FORMAT,
            );
            found.at(current.file, path, against(previous.file, &previous_path), message);
        }
    }
}
