//! The comparison shared by `ENUM_SAME_JSON_FORMAT` and `MESSAGE_SAME_JSON_FORMAT`.

use crate::schema::features::{JSON_ALLOW, JSON_LEGACY_BEST_EFFORT};

/// `from ALLOW to LEGACY_BEST_EFFORT` when a resolved `json_format` was `ALLOW` and no longer
/// is; moving towards `ALLOW` is not a break.
pub(super) fn lost_allow(before: i32, after: i32) -> Option<String> {
    (before == JSON_ALLOW && after != JSON_ALLOW).then(|| format!("from {} to {}", name(before), name(after)))
}

/// A `FeatureSet.JsonFormat` value as Go prints it.
fn name(value: i32) -> &'static str {
    match value {
        JSON_ALLOW => "ALLOW",
        JSON_LEGACY_BEST_EFFORT => "LEGACY_BEST_EFFORT",
        _ => "JSON_FORMAT_UNKNOWN",
    }
}
