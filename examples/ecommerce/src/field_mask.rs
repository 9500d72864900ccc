//! `google.protobuf.FieldMask` for read masks (return only the named fields) and update masks
//! (change only the named fields), following AIP-157 and AIP-134.
//!
//! The masks work on any message of the schema: paths are resolved against the descriptors in the
//! generated file descriptor set (with `prost-reflect`), so nested paths such as `price.units` or
//! `dimension.unit` work without per-field code.

use std::sync::LazyLock;

use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor};
use prost_types::FieldMask;
use tonic_types::FieldViolation;

/// The descriptors of every message in the schema.
pub static POOL: LazyLock<DescriptorPool> = LazyLock::new(|| {
    DescriptorPool::decode(crate::FILE_DESCRIPTOR_SET).expect("the generated file descriptor set decodes")
});

/// A field mask checked against a message type: every path names a field.
#[derive(Debug, Clone)]
pub struct CheckedMask {
    /// The message type the mask applies to.
    message: MessageDescriptor,
    /// Each path as its chain of fields; empty when the mask selects every field.
    paths: Vec<Vec<FieldDescriptor>>,
}

impl CheckedMask {
    /// Checks `mask` against the message `full_name`. `field` is the request field that holds the
    /// mask (`read_mask`, `update_mask`); a violation names it with the index of the bad path.
    /// No mask, an empty mask and the mask `*` select every field.
    pub fn check(mask: Option<&FieldMask>, full_name: &str, field: &str) -> Result<Self, Vec<FieldViolation>> {
        let message = POOL.get_message_by_name(full_name).expect("a message of the schema");
        let Some(mask) = mask else { return Ok(Self { message, paths: Vec::new() }) };
        if mask.paths.iter().any(|p| p == "*") {
            return Ok(Self { message, paths: Vec::new() });
        }
        let mut paths = Vec::new();
        let mut violations = Vec::new();
        for (i, path) in mask.paths.iter().enumerate() {
            match resolve(&message, path) {
                Ok(chain) => paths.push(chain),
                Err(why) => violations.push(FieldViolation::new(format!("{field}.paths[{i}]"), why)),
            }
        }
        if violations.is_empty() { Ok(Self { message, paths }) } else { Err(violations) }
    }

    /// Whether the mask selects every field.
    pub fn is_all(&self) -> bool {
        self.paths.is_empty()
    }

    /// Whether the mask selects `name` (a top-level field) or a field inside it.
    pub fn touches(&self, name: &str) -> bool {
        self.is_all() || self.paths.iter().any(|chain| chain[0].name() == name)
    }

    /// The paths of the mask in dotted form.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        self.paths.iter().map(|chain| chain.iter().map(FieldDescriptor::name).collect::<Vec<_>>().join("."))
    }

    /// A copy of `message` with only the fields the mask selects.
    pub fn project<M: Message + Default>(&self, message: &M) -> M {
        if self.is_all() {
            return M::decode(message.encode_to_vec().as_slice()).expect("a message re-decodes");
        }
        let source = to_dynamic(&self.message, message);
        let mut out = DynamicMessage::new(self.message.clone());
        for chain in &self.paths {
            copy(&source, &mut out, chain);
        }
        transcode(&out)
    }

    /// `target` with the fields the mask selects taken from `source`; a selected field that is
    /// unset in `source` is cleared. Fields in `keep` (output-only fields) are never changed.
    pub fn merge<M: Message + Default>(&self, target: &M, source: &M, keep: &[&str]) -> M {
        let source = to_dynamic(&self.message, source);
        let mut out = to_dynamic(&self.message, target);
        if self.is_all() {
            for field in self.message.fields().filter(|f| !keep.contains(&f.name())) {
                assign(&source, &mut out, std::slice::from_ref(&field));
            }
        } else {
            for chain in self.paths.iter().filter(|c| !keep.contains(&c[0].name())) {
                assign(&source, &mut out, chain);
            }
        }
        transcode(&out)
    }
}

/// Resolves a dotted path to its chain of fields. Only singular message fields can be traversed.
fn resolve(message: &MessageDescriptor, path: &str) -> Result<Vec<FieldDescriptor>, String> {
    let mut chain: Vec<FieldDescriptor> = Vec::new();
    let mut current = message.clone();
    for (depth, segment) in path.split('.').enumerate() {
        if depth > 0 {
            let parent = &chain[depth - 1];
            match parent.kind() {
                Kind::Message(inner) if !parent.is_list() && !parent.is_map() => current = inner,
                _ => {
                    return Err(format!(
                        "path {path:?}: field {:?} is not a singular message, so it has no subfields",
                        parent.name()
                    ));
                }
            }
        }
        let Some(field) = current.get_field_by_name(segment) else {
            return Err(format!("path {path:?}: {} has no field named {segment:?}", current.full_name()));
        };
        chain.push(field);
    }
    Ok(chain)
}

fn copy(source: &DynamicMessage, out: &mut DynamicMessage, chain: &[FieldDescriptor]) {
    let (field, rest) = chain.split_first().expect("a path has at least one field");
    if !source.has_field(field) {
        return;
    }
    if rest.is_empty() {
        out.set_field(field, source.get_field(field).into_owned());
        return;
    }
    let value = source.get_field(field);
    let inner = value.as_message().expect("a traversed field is a message");
    let target = out.get_field_mut(field).as_message_mut().expect("a traversed field is a message");
    copy(inner, target, rest);
}

fn assign(source: &DynamicMessage, out: &mut DynamicMessage, chain: &[FieldDescriptor]) {
    let (field, rest) = chain.split_first().expect("a path has at least one field");
    if rest.is_empty() {
        if source.has_field(field) {
            out.set_field(field, source.get_field(field).into_owned());
        } else {
            out.clear_field(field);
        }
        return;
    }
    let value = source.get_field(field);
    let inner = value.as_message().expect("a traversed field is a message");
    let target = out.get_field_mut(field).as_message_mut().expect("a traversed field is a message");
    assign(inner, target, rest);
}

fn to_dynamic<M: Message>(descriptor: &MessageDescriptor, message: &M) -> DynamicMessage {
    DynamicMessage::decode(descriptor.clone(), message.encode_to_vec().as_slice())
        .expect("a generated message re-decodes")
}

fn transcode<M: Message + Default>(message: &DynamicMessage) -> M {
    M::decode(message.encode_to_vec().as_slice()).expect("a dynamic message decodes as its generated type")
}
