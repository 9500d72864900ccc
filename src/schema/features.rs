//! Resolved editions features of any element: the defaults of the file's syntax or edition,
//! overridden by `features` options on the file and every enclosing element. prost-types 0.14
//! drops `features` (options field 50), so the compile stage extracts them from protox's encoded
//! descriptors into [`ExplicitFeatures`] for editions files (proto2/proto3 files cannot set them).

use std::collections::HashMap;

use super::wire::{length_delimited, varints};

/// `FeatureSet` fields (descriptor.proto) as their enum numbers; 0 = not set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeatureValues {
    pub field_presence: i32,
    pub enum_type: i32,
    pub repeated_field_encoding: i32,
    pub utf8_validation: i32,
    pub message_encoding: i32,
    pub json_format: i32,
}

impl FeatureValues {
    fn overlay(&mut self, other: &Self) {
        let set = |mine: &mut i32, theirs: i32| {
            if theirs != 0 {
                *mine = theirs;
            }
        };
        set(&mut self.field_presence, other.field_presence);
        set(&mut self.enum_type, other.enum_type);
        set(&mut self.repeated_field_encoding, other.repeated_field_encoding);
        set(&mut self.utf8_validation, other.utf8_validation);
        set(&mut self.message_encoding, other.message_encoding);
        set(&mut self.json_format, other.json_format);
    }
}

/// `features` options set explicitly in a file, by the source path of the element they are on
/// (`[]` for the file itself).
pub type ExplicitFeatures = HashMap<Vec<i32>, FeatureValues>;

pub const PRESENCE_EXPLICIT: i32 = 1;
pub const PRESENCE_IMPLICIT: i32 = 2;
pub const PRESENCE_LEGACY_REQUIRED: i32 = 3;
pub const ENUM_OPEN: i32 = 1;
pub const ENUM_CLOSED: i32 = 2;
pub const REPEATED_PACKED: i32 = 1;
pub const REPEATED_EXPANDED: i32 = 2;
pub const UTF8_VERIFY: i32 = 2;
pub const UTF8_NONE: i32 = 3;
pub const MESSAGE_LENGTH_PREFIXED: i32 = 1;
pub const MESSAGE_DELIMITED: i32 = 2;
pub const JSON_ALLOW: i32 = 1;
pub const JSON_LEGACY_BEST_EFFORT: i32 = 2;

/// The defaults of a syntax (`proto2`, `proto3`) or of editions 2023/2024.
pub fn defaults(syntax: &str) -> FeatureValues {
    match syntax {
        "proto3" => FeatureValues {
            field_presence: PRESENCE_IMPLICIT,
            enum_type: ENUM_OPEN,
            repeated_field_encoding: REPEATED_PACKED,
            utf8_validation: UTF8_VERIFY,
            message_encoding: MESSAGE_LENGTH_PREFIXED,
            json_format: JSON_ALLOW,
        },
        "editions" => FeatureValues {
            field_presence: PRESENCE_EXPLICIT,
            enum_type: ENUM_OPEN,
            repeated_field_encoding: REPEATED_PACKED,
            utf8_validation: UTF8_VERIFY,
            message_encoding: MESSAGE_LENGTH_PREFIXED,
            json_format: JSON_ALLOW,
        },
        _ => FeatureValues {
            field_presence: PRESENCE_EXPLICIT,
            enum_type: ENUM_CLOSED,
            repeated_field_encoding: REPEATED_EXPANDED,
            utf8_validation: UTF8_NONE,
            message_encoding: MESSAGE_LENGTH_PREFIXED,
            json_format: JSON_LEGACY_BEST_EFFORT,
        },
    }
}

/// Resolves the features at `path`: defaults, then explicit features on the file and on each
/// enclosing element (every even-length prefix of the path is an element).
pub fn resolve(syntax: &str, explicit: &ExplicitFeatures, path: &[i32]) -> FeatureValues {
    let mut values = defaults(syntax);
    if explicit.is_empty() {
        return values;
    }
    for len in (0..=path.len()).step_by(2) {
        if let Some(set) = explicit.get(&path[..len]) {
            values.overlay(set);
        }
    }
    values
}

/// Extracts the explicit `features` of every element from an encoded `FileDescriptorProto`.
pub fn extract(encoded: &[u8]) -> ExplicitFeatures {
    let mut out = ExplicitFeatures::new();
    walk(encoded, Kind::File, &mut Vec::new(), &mut out);
    out
}

#[derive(Clone, Copy)]
enum Kind {
    File,
    Message,
    Field,
    Oneof,
    Enum,
    EnumValue,
    Service,
    Method,
}

impl Kind {
    /// The options field of the element, the `features` field of those options, and the
    /// element's children (field number, kind).
    fn layout(self) -> (u32, u32, &'static [(u32, Kind)]) {
        match self {
            Kind::File => (8, 50, &[(4, Kind::Message), (5, Kind::Enum), (6, Kind::Service), (7, Kind::Field)]),
            Kind::Message => {
                (7, 12, &[(2, Kind::Field), (3, Kind::Message), (4, Kind::Enum), (6, Kind::Field), (8, Kind::Oneof)])
            }
            Kind::Field => (8, 21, &[]),
            Kind::Oneof => (2, 1, &[]),
            Kind::Enum => (3, 7, &[(2, Kind::EnumValue)]),
            Kind::EnumValue => (3, 2, &[]),
            Kind::Service => (3, 34, &[(2, Kind::Method)]),
            Kind::Method => (4, 35, &[]),
        }
    }
}

fn walk(bytes: &[u8], kind: Kind, path: &mut Vec<i32>, out: &mut ExplicitFeatures) {
    let (options_field, features_field, children) = kind.layout();
    let mut counts: HashMap<u32, i32> = HashMap::new();
    for (field, value) in length_delimited(bytes) {
        if field == options_field {
            if let Some(features) =
                length_delimited(value).filter(|(f, _)| *f == features_field).map(|(_, v)| feature_values(v)).last()
            {
                out.insert(path.clone(), features);
            }
        } else if let Some(&(_, child)) = children.iter().find(|(f, _)| *f == field) {
            let index = counts.entry(field).or_insert(0);
            path.extend([field as i32, *index]);
            walk(value, child, path, out);
            path.truncate(path.len() - 2);
            *index += 1;
        }
    }
}

fn feature_values(bytes: &[u8]) -> FeatureValues {
    let mut values = FeatureValues::default();
    for (field, value) in varints(bytes) {
        let value = value as i32;
        match field {
            1 => values.field_presence = value,
            2 => values.enum_type = value,
            3 => values.repeated_field_encoding = value,
            // prost-reflect's bundled descriptor.proto predates the renumbering of
            // `Utf8Validation.NONE` from 1 to 3, so protox encodes NONE as 1.
            4 => values.utf8_validation = if value == 1 { UTF8_NONE } else { value },
            5 => values.message_encoding = value,
            6 => values.json_format = value,
            _ => {}
        }
    }
    values
}
