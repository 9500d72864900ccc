use super::{
    json_format::lost_allow,
    location::{FEATURE_JSON_FORMAT, MESSAGE_FEATURES, against, feature_or_element},
};
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every message that exists in both schemas (paired by full name, map entries included)
    /// whose resolved `features.json_format` was `ALLOW` still is. proto3 and editions files
    /// default to `ALLOW`, proto2 files to `LEGACY_BEST_EFFORT`; an editions file can set it on
    /// the message, an enclosing message or the file. Going from `LEGACY_BEST_EFFORT` to `ALLOW`
    /// is fine.
    /// ## Why
    /// Under `ALLOW` the message is guaranteed to map cleanly to JSON (no two fields share a JSON
    /// name); `LEGACY_BEST_EFFORT` drops that guarantee, so JSON that consumers parse today may
    /// stop round-tripping.
    /// ## Example
    /// Adding `option features.json_format = LEGACY_BEST_EFFORT;` to `message Order` in an
    /// editions file fires, at that option:
    /// `Message "Order" JSON format support changed from ALLOW to LEGACY_BEST_EFFORT.`
    /// Moving the message from a proto3 file to a proto2 file fires the same, at the message (and
    /// once for each nested message and map entry).
    /// Instead, keep `ALLOW`, and resolve the JSON name conflict that made you reach for the legacy
    /// mode (for example with `json_name` on a new field).
    pub MessageSameJsonFormat {
        id: "MESSAGE_SAME_JSON_FORMAT",
        purpose: "Checks that messages have the same JSON format support.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON] default true,
        v1: [FILE, PACKAGE, WIRE_JSON] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON] default true,
    }
}

impl BreakingRule for MessageSameJsonFormat {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let previous = &previous.element;
            let Some(current) = cx.current.message(&previous.full_name) else { continue };
            let current = &current.element;
            let before = previous.file.features(&previous.path).json_format;
            let after = current.file.features(&current.path).json_format;
            let Some(change) = lost_allow(before, after) else { continue };
            let message = format!("Message {} JSON format support changed {change}.", go_quote(current.node.name()));
            let path = feature_or_element(
                current.file,
                &current.path,
                tag::MESSAGE_OPTIONS,
                MESSAGE_FEATURES,
                FEATURE_JSON_FORMAT,
            );
            let previous_path = feature_or_element(
                previous.file,
                &previous.path,
                tag::MESSAGE_OPTIONS,
                MESSAGE_FEATURES,
                FEATURE_JSON_FORMAT,
            );
            found.at(current.file, path, against(previous.file, &previous_path), message);
        }
    }
}
