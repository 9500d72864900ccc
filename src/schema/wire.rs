//! The protobuf wire format, read directly: what prost-types drops from descriptors (editions
//! `features`, custom option extensions) is read from protox's encoding of the file.

/// One field's value as encoded. Groups (wire types 3 and 4) are not read: descriptors and
/// option messages never use them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// The fields of an encoded message in wire order; stops at malformed input.
pub fn fields(mut bytes: &[u8]) -> impl Iterator<Item = (u32, Value<'_>)> {
    std::iter::from_fn(move || {
        let key = prost::encoding::decode_varint(&mut bytes).ok()?;
        let (field, wire_type) = ((key >> 3) as u32, key & 7);
        let value = match wire_type {
            0 => Value::Varint(prost::encoding::decode_varint(&mut bytes).ok()?),
            1 => {
                let (value, rest) = bytes.split_first_chunk::<8>()?;
                bytes = rest;
                Value::Fixed64(u64::from_le_bytes(*value))
            }
            2 => {
                let len = usize::try_from(prost::encoding::decode_varint(&mut bytes).ok()?).ok()?;
                let (value, rest) = (bytes.get(..len)?, bytes.get(len..)?);
                bytes = rest;
                Value::Bytes(value)
            }
            5 => {
                let (value, rest) = bytes.split_first_chunk::<4>()?;
                bytes = rest;
                Value::Fixed32(u32::from_le_bytes(*value))
            }
            _ => return None,
        };
        Some((field, value))
    })
}

/// The length-delimited fields of a message, skipping the others.
pub fn length_delimited(bytes: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    fields(bytes).filter_map(|(field, value)| match value {
        Value::Bytes(b) => Some((field, b)),
        _ => None,
    })
}

/// The varint fields of a message, skipping the others.
pub fn varints(bytes: &[u8]) -> impl Iterator<Item = (u32, u64)> + '_ {
    fields(bytes).filter_map(|(field, value)| match value {
        Value::Varint(v) => Some((field, v)),
        _ => None,
    })
}

/// The element at a `SourceCodeInfo` path (field number, index, field number, index, ...) of an
/// encoded descriptor: the index-th occurrence of each field in turn.
pub fn element_at<'a>(mut bytes: &'a [u8], path: &[i32]) -> Option<&'a [u8]> {
    for step in path.chunks(2) {
        let &[field, index] = step else { return None };
        let index = usize::try_from(index).ok()?;
        bytes = length_delimited(bytes).filter(|(f, _)| *f as i32 == field).nth(index)?.1;
    }
    Some(bytes)
}

/// Every occurrence of the message field `number`, concatenated: the merged message, as a
/// parser sees it. `None` if the field is absent.
pub fn merged(bytes: &[u8], number: u32) -> Option<Vec<u8>> {
    let mut found: Option<Vec<u8>> = None;
    for (_, value) in length_delimited(bytes).filter(|(f, _)| *f == number) {
        found.get_or_insert_with(Vec::new).extend_from_slice(value);
    }
    found
}

#[cfg(test)]
mod tests {
    use prost::Message;
    use prost_types::{DescriptorProto, FieldDescriptorProto, FileDescriptorProto};

    use super::{element_at, merged};

    #[test]
    fn finds_elements_by_source_path_and_merges_repeated_occurrences() {
        let field = |name: &str| FieldDescriptorProto { name: Some(name.into()), ..Default::default() };
        let message = |name: &str, fields: Vec<FieldDescriptorProto>| DescriptorProto {
            name: Some(name.into()),
            field: fields,
            ..Default::default()
        };
        let file = FileDescriptorProto {
            message_type: vec![message("A", vec![field("a")]), message("B", vec![field("x"), field("y")])],
            ..Default::default()
        };
        let bytes = file.encode_to_vec();
        let found = element_at(&bytes, &[4, 1, 2, 1]).unwrap();
        assert_eq!(FieldDescriptorProto::decode(found).unwrap().name(), "y");
        assert!(element_at(&bytes, &[4, 2]).is_none());
        // Two occurrences of field 1 merge into one message: the parser's view.
        let twice = [0x0a, 0x02, 0x08, 0x01, 0x0a, 0x02, 0x10, 0x02];
        assert_eq!(merged(&twice, 1).unwrap(), vec![0x08, 0x01, 0x10, 0x02]);
        assert!(merged(&twice, 2).is_none());
    }
}
