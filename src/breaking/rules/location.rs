//! Locations as buf records them: options found by bufprotosource's `OptionLocation`, a lookup
//! that falls back from the exact path to the closest recorded ancestor (e.g. the whole
//! `option features = { ... }` when the feature is not spelled out in it); and the "against"
//! file, which buf only records when the previous element's path has a location.

use crate::schema::SchemaFile;

/// `FeatureSet` fields, as they follow an element's `features` option in a source path.
pub(super) const FEATURE_ENUM_TYPE: i32 = 2;
pub(super) const FEATURE_JSON_FORMAT: i32 = 6;
/// The `features` field of `MessageOptions` and `EnumOptions`.
pub(super) const MESSAGE_FEATURES: i32 = 12;
pub(super) const ENUM_FEATURES: i32 = 7;

/// The source path buf locates option `field` (then `extra`) of the options at `options_path`
/// by: the exact path when recorded; else the longest recorded ancestor that still includes
/// `field`; else the first recorded path below it. `None` when the option is not in the source.
pub(super) fn option_location(file: &SchemaFile, options_path: &[i32], field: i32, extra: &[i32]) -> Option<Vec<i32>> {
    let mut path = options_path.to_vec();
    path.push(field);
    let shortest = path.len();
    path.extend_from_slice(extra);
    if file.location(&path).is_some() {
        return Some(path);
    }
    let mut best: Option<&[i32]> = None;
    for location in file.locations() {
        let candidate = location.path;
        if candidate.len() >= shortest && path.starts_with(candidate) && candidate.len() > best.map_or(0, <[i32]>::len)
        {
            best = Some(candidate);
        } else if candidate.starts_with(&path) {
            return Some(candidate.to_vec());
        }
    }
    best.map(<[i32]>::to_vec)
}

/// Where buf prints a finding about feature `feature` of the element at `element`: its
/// `features` option (`options` is the element's options field, `features` the options' features
/// field) when one is found, else the element itself.
pub(super) fn feature_or_element(
    file: &SchemaFile,
    element: &[i32],
    options: i32,
    features: i32,
    feature: i32,
) -> Vec<i32> {
    let mut options_path = element.to_vec();
    options_path.push(options);
    option_location(file, &options_path, features, &[feature]).unwrap_or_else(|| element.to_vec())
}

/// `file` when `path` has a location in it: buf attaches the previous file to a finding (for
/// ignores and import filtering) only through a located previous element, so a finding about an
/// option the previous file never set has no against file.
pub(super) fn against<'a>(file: &'a SchemaFile, path: &[i32]) -> Option<&'a SchemaFile> {
    file.span_or_map_field(path).map(|_| file)
}
