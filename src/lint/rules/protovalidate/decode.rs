//! Rules messages decoded from the option bytes, read the way protobuf-go reads them: the last
//! value of a scalar wins, occurrences of a message merge, repeated scalars may be packed.

use std::collections::BTreeSet;

use super::shape::{Number, Shape};
use crate::schema::wire::{self, Value};

/// A decoded message: its fields in wire order.
#[derive(Debug, Clone, Default)]
pub struct Msg<'a> {
    fields: Vec<(u32, Value<'a>)>,
}

/// A numeric rule value, compared as protobuf-go compares them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i128),
    Float(f64),
}

/// A `google.protobuf.Duration` or `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub seconds: i64,
    pub nanos: i32,
}

impl<'a> Msg<'a> {
    pub fn decode(bytes: &'a [u8]) -> Self {
        Self { fields: wire::fields(bytes).collect() }
    }

    fn values(&self, number: u32) -> impl Iterator<Item = Value<'a>> + '_ {
        self.fields.iter().filter(move |(n, _)| *n == number).map(|(_, v)| *v)
    }

    fn last(&self, number: u32) -> Option<Value<'a>> {
        self.values(number).last()
    }

    /// The last field number (in wire order) that `wanted` accepts: a oneof's member.
    pub fn last_number(&self, wanted: impl Fn(u32) -> bool) -> Option<u32> {
        self.fields.iter().rev().map(|(n, _)| *n).find(|&n| wanted(n))
    }

    pub fn has(&self, number: u32) -> bool {
        self.last(number).is_some()
    }

    /// The field numbers of `shape` that are set: what protobuf-go's `Range` visits.
    pub fn set_fields(&self, shape: Shape) -> BTreeSet<u32> {
        let known = shape.fields();
        self.fields.iter().map(|(n, _)| *n).filter(|n| known.iter().any(|(k, _)| k == n)).collect()
    }

    /// Message field `number`, every occurrence merged.
    pub fn message(&self, number: u32) -> Option<Msg<'a>> {
        let mut merged: Option<Msg<'a>> = None;
        for value in self.values(number) {
            if let Value::Bytes(bytes) = value {
                merged.get_or_insert_with(Msg::default).fields.extend(wire::fields(bytes));
            }
        }
        merged
    }

    /// Repeated message field `number`, one message per occurrence.
    pub fn messages(&self, number: u32) -> Vec<Msg<'a>> {
        self.values(number).filter_map(|v| if let Value::Bytes(b) = v { Some(Msg::decode(b)) } else { None }).collect()
    }

    pub fn uint(&self, number: u32) -> Option<u64> {
        match self.last(number)? {
            Value::Varint(v) => Some(v),
            _ => None,
        }
    }

    pub fn bool(&self, number: u32) -> bool {
        self.uint(number).is_some_and(|v| v != 0)
    }

    pub fn int32(&self, number: u32) -> Option<i32> {
        self.uint(number).map(|v| v as i32)
    }

    pub fn bytes(&self, number: u32) -> Option<&'a [u8]> {
        match self.last(number)? {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    pub fn string(&self, number: u32) -> Option<String> {
        self.bytes(number).map(|b| String::from_utf8_lossy(b).into_owned())
    }

    pub fn strings(&self, number: u32) -> Vec<String> {
        self.values(number)
            .filter_map(|v| if let Value::Bytes(b) = v { Some(String::from_utf8_lossy(b).into_owned()) } else { None })
            .collect()
    }

    pub fn number(&self, field: u32, kind: Number) -> Option<Num> {
        self.last(field).and_then(|v| num(kind, v))
    }

    /// Repeated numeric field `field`, packed or not.
    pub fn numbers(&self, field: u32, kind: Number) -> Vec<Num> {
        let mut out = Vec::new();
        for value in self.values(field) {
            match value {
                Value::Bytes(packed) => out.extend(unpack(kind, packed).into_iter().filter_map(|v| num(kind, v))),
                other => out.extend(num(kind, other)),
            }
        }
        out
    }

    pub fn time(&self, number: u32) -> Option<Time> {
        let message = self.message(number)?;
        Some(Time { seconds: message.uint(1).unwrap_or(0) as i64, nanos: message.int32(2).unwrap_or(0) })
    }
}

fn num(kind: Number, value: Value<'_>) -> Option<Num> {
    Some(match (kind, value) {
        (Number::Float, Value::Fixed32(bits)) => Num::Float(f64::from(f32::from_bits(bits))),
        (Number::Double, Value::Fixed64(bits)) => Num::Float(f64::from_bits(bits)),
        (Number::Int32, Value::Varint(v)) => Num::Int(i128::from(v as i32)),
        (Number::Int64, Value::Varint(v)) | (Number::SFixed64, Value::Fixed64(v)) => Num::Int(i128::from(v as i64)),
        (Number::UInt32, Value::Varint(v)) => Num::Int(i128::from(v as u32)),
        (Number::UInt64, Value::Varint(v)) | (Number::Fixed64, Value::Fixed64(v)) => Num::Int(i128::from(v)),
        (Number::SInt32, Value::Varint(v)) => {
            let v = v as u32;
            Num::Int(i128::from((v >> 1) as i32 ^ -((v & 1) as i32)))
        }
        (Number::SInt64, Value::Varint(v)) => Num::Int(i128::from((v >> 1) as i64 ^ -((v & 1) as i64))),
        (Number::Fixed32, Value::Fixed32(v)) => Num::Int(i128::from(v)),
        (Number::SFixed32, Value::Fixed32(v)) => Num::Int(i128::from(v as i32)),
        _ => return None,
    })
}

fn unpack(kind: Number, mut packed: &[u8]) -> Vec<Value<'_>> {
    let mut out = Vec::new();
    while !packed.is_empty() {
        let value = match kind {
            Number::Float | Number::Fixed32 | Number::SFixed32 => {
                let Some((bytes, rest)) = packed.split_first_chunk::<4>() else { break };
                packed = rest;
                Value::Fixed32(u32::from_le_bytes(*bytes))
            }
            Number::Double | Number::Fixed64 | Number::SFixed64 => {
                let Some((bytes, rest)) = packed.split_first_chunk::<8>() else { break };
                packed = rest;
                Value::Fixed64(u64::from_le_bytes(*bytes))
            }
            _ => match prost::encoding::decode_varint(&mut packed) {
                Ok(v) => Value::Varint(v),
                Err(_) => break,
            },
        };
        out.push(value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Msg, Num, Number};

    #[test]
    fn reads_numbers_as_protobuf_go_does() {
        // sint32 -3 (zigzag 5) in field 1; packed int32 [1, -1] in field 6; float NaN in field 2.
        let mut bytes = vec![0x08, 0x05, 0x32, 0x0b, 0x01];
        bytes.extend([0xff; 9]);
        bytes.push(0x01);
        bytes.push(0x15);
        bytes.extend(f32::NAN.to_le_bytes());
        let rules = Msg::decode(&bytes);
        assert_eq!(rules.number(1, Number::SInt32), Some(Num::Int(-3)));
        assert_eq!(rules.numbers(6, Number::Int32), vec![Num::Int(1), Num::Int(-1)]);
        assert!(matches!(rules.number(2, Number::Float), Some(Num::Float(f)) if f.is_nan()));
        assert_eq!(rules.number(2, Number::Int32), None);
    }
}
