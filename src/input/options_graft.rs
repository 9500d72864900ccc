//! Custom options in built images. prost-types drops extension fields, so a descriptor encoded
//! from prost-types loses `(google.api.http)` and every other custom option, which code
//! generators read from an image. The linker's own encoding keeps them; this puts each element's
//! options from that encoding into ours (which alone carries buf's source info and layout).

use prost::encoding::{WireType, encode_key, encode_varint};

use crate::schema::wire::{Value, fields};

/// The element kinds of descriptor.proto: each kind's options field and child element fields.
#[derive(Clone, Copy)]
enum Kind {
    File,
    Message,
    Field,
    Oneof,
    ExtensionRange,
    Enum,
    EnumValue,
    Service,
    Method,
}

impl Kind {
    fn options_field(self) -> u32 {
        match self {
            Kind::File | Kind::Field => 8,
            Kind::Message => 7,
            Kind::Oneof => 2,
            Kind::ExtensionRange | Kind::Enum | Kind::EnumValue | Kind::Service => 3,
            Kind::Method => 4,
        }
    }

    fn child(self, field: u32) -> Option<Kind> {
        match (self, field) {
            (Kind::File, 4) | (Kind::Message, 3) => Some(Kind::Message),
            (Kind::File, 5) | (Kind::Message, 4) => Some(Kind::Enum),
            (Kind::File, 6) => Some(Kind::Service),
            (Kind::File, 7) | (Kind::Message, 2 | 6) => Some(Kind::Field),
            (Kind::Message, 5) => Some(Kind::ExtensionRange),
            (Kind::Message, 8) => Some(Kind::Oneof),
            (Kind::Enum, 2) => Some(Kind::EnumValue),
            (Kind::Service, 2) => Some(Kind::Method),
            _ => None,
        }
    }
}

/// `ours` (an encoded `FileDescriptorProto`) with the options of every element taken from
/// `linked` (the same file as the linker encoded it) where it has them.
pub fn graft_options(ours: &[u8], linked: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ours.len() + ours.len() / 8);
    graft(Kind::File, ours, linked, &mut out);
    out
}

fn graft(kind: Kind, ours: &[u8], linked: &[u8], out: &mut Vec<u8>) {
    // Their length-delimited fields by number, in order: one pass, so a message with 100,000
    // fields is not scanned once per field.
    let mut theirs_by_number: Vec<(u32, Vec<&[u8]>)> = Vec::new();
    for (number, value) in fields(linked) {
        if let Value::Bytes(bytes) = value {
            match theirs_by_number.iter_mut().find(|(n, _)| *n == number) {
                Some((_, all)) => all.push(bytes),
                None => theirs_by_number.push((number, vec![bytes])),
            }
        }
    }
    let mut seen: Vec<(u32, usize)> = Vec::new();
    for (number, value) in fields(ours) {
        let Value::Bytes(bytes) = value else {
            write(number, value, out);
            continue;
        };
        let occurrence = if let Some((_, count)) = seen.iter_mut().find(|(n, _)| *n == number) {
            *count += 1;
            *count - 1
        } else {
            seen.push((number, 1));
            0
        };
        let theirs =
            theirs_by_number.iter().find(|(n, _)| *n == number).and_then(|(_, all)| all.get(occurrence).copied());
        match (kind.child(number), theirs) {
            (Some(child), Some(theirs)) => {
                let mut nested = Vec::with_capacity(bytes.len());
                graft(child, bytes, theirs, &mut nested);
                write(number, Value::Bytes(&nested), out);
            }
            (None, Some(theirs)) if number == kind.options_field() => write(number, Value::Bytes(theirs), out),
            _ => write(number, value, out),
        }
    }
}

fn write(number: u32, value: Value<'_>, out: &mut Vec<u8>) {
    match value {
        Value::Varint(v) => {
            encode_key(number, WireType::Varint, out);
            encode_varint(v, out);
        }
        Value::Fixed64(v) => {
            encode_key(number, WireType::SixtyFourBit, out);
            out.extend_from_slice(&v.to_le_bytes());
        }
        Value::Fixed32(v) => {
            encode_key(number, WireType::ThirtyTwoBit, out);
            out.extend_from_slice(&v.to_le_bytes());
        }
        Value::Bytes(bytes) => {
            encode_key(number, WireType::LengthDelimited, out);
            encode_varint(bytes.len() as u64, out);
            out.extend_from_slice(bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use prost::{Message, encoding::bytes::encode as encode_bytes};
    use prost_types::{DescriptorProto, FieldDescriptorProto, FieldOptions, FileDescriptorProto, SourceCodeInfo};

    use super::graft_options;

    /// Extension 50000 = 7 on a field's options: bytes prost-types cannot hold.
    const EXTENSION: [u8; 4] = [0x80, 0xb5, 0x18, 7];

    fn field(options: Option<FieldOptions>) -> FieldDescriptorProto {
        FieldDescriptorProto { name: Some("f".into()), number: Some(1), options, ..Default::default() }
    }

    #[test]
    fn a_field_keeps_its_extension_options_and_our_source_info() {
        let deprecated = FieldOptions { deprecated: Some(true), ..Default::default() };
        let ours = FileDescriptorProto {
            name: Some("a.proto".into()),
            message_type: vec![DescriptorProto {
                name: Some("M".into()),
                field: vec![field(Some(deprecated.clone()))],
                ..Default::default()
            }],
            source_code_info: Some(SourceCodeInfo::default()),
            ..Default::default()
        };
        // The linker's encoding of the same file: no source info, options with the extension.
        let mut options = deprecated.encode_to_vec();
        options.extend(EXTENSION);
        let mut field_bytes = field(None).encode_to_vec();
        encode_bytes(8, &options, &mut field_bytes);
        let mut message = DescriptorProto { name: Some("M".into()), ..Default::default() }.encode_to_vec();
        encode_bytes(2, &field_bytes, &mut message);
        let mut linked = FileDescriptorProto { name: Some("a.proto".into()), ..Default::default() }.encode_to_vec();
        encode_bytes(4, &message, &mut linked);

        let grafted = graft_options(&ours.encode_to_vec(), &linked);

        assert!(grafted.windows(EXTENSION.len()).any(|w| w == EXTENSION), "the extension is kept");
        let decoded = FileDescriptorProto::decode(grafted.as_slice()).expect("a valid descriptor");
        assert_eq!(decoded, ours, "everything prost-types sees is ours");
    }
}
